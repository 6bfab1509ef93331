"""Humanoid: a stylized person built from soft shapes: head with hair, eyes and nose, neck, chest and
hips, arms with hands, legs with shoes, dressed in a shirt and trousers (patches that follow the body).
Height, build, head-to-body ratio and cartoon proportions are parameters; poses are standing (relaxed),
arms down, T-pose (for rigging) and walking.

Default: 1.75 m tall, realistic-ish proportions (a head about 1/7 of the height).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.animals import _soft as soft
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import sdf

RESOLUTION = 96
POSES = ("standing", "arms_down", "t_pose", "walking")


@register
class HumanoidGenerator(Generator):
    id = "humanoid"
    name = "Humanoid"
    family = "characters"
    synonyms = ("person", "human", "figure", "character", "man", "woman", "people", "mannequin", "avatar",
                "base mesh", "cartoon character", "chibi", "stick figure", "npc")
    description = (
        "A stylized human figure: head with hair, eyes and nose, neck, torso, arms with hands and legs with shoes, "
        "dressed in a shirt and trousers; height, build, head-to-body ratio and cartoon proportions are adjustable, "
        "posed standing, arms down, in a T-pose for rigging, or walking."
    )
    tags = ("character", "person", "gaming", "animation", "toy", "architecture")
    params = (
        Param("height", "float", 1.75, 0.3, 2.3, "m", description="standing height, feet to top of the head",
              words=("tall", "short", "child", "kid", "giant", "small"), sample_range=(1.55, 1.9)),
        Param("build", "float", 1.0, 0.7, 1.5, "ratio", description="girth of body and limbs",
              words=("slim", "thin", "skinny", "heavy", "stocky", "muscular", "chubby", "athletic"),
              sample_range=(0.85, 1.2)),
        Param("head_ratio", "float", 0.14, 0.11, 0.33, "ratio", description="head height as a fraction of the height",
              words=("big head", "small head", "chibi", "heroic"), sample_range=(0.13, 0.2)),
        Param("pose", "choice", "standing", choices=POSES, description="relaxed standing, arms down, T-pose or walking",
              words=("standing", "arms down", "t-pose", "t pose", "a-pose", "walking", "rigging")),
        Param("cartoon", "float", 0.2, 0.0, 1.0, "ratio",
              description="0 = natural, 1 = cartoon: rounder body, short limbs, big hands, feet and eyes",
              words=("cartoon", "stylized", "toy", "cute", "realistic"), sample_range=(0.0, 0.5)),
        Param("hair", "choice", "short", choices=("short", "long", "bald"), description="hair style",
              words=("short hair", "long hair", "bald")),
    )
    slots = (
        Slot("skin", "skin", color="#E0B090", words=("skin", "face", "hands", "body"),
             colors=("#F1C7A5", "#E0B090", "#C68E63", "#8D5A3B", "#5C3A24"), description="skin"),
        Slot("shirt", "fabric", color="#3F6FB0", words=("shirt", "top", "t-shirt", "sweater", "clothes"),
             colors=("#3F6FB0", "#B03A2E", "#3C6E47", "#E8C547", "#F1EEE8", "#222222"), description="shirt"),
        Slot("trousers", "denim", words=("trousers", "pants", "jeans", "legs"),
             colors=("#3B5A85", "#2B2B2B", "#7A6A55", "#4A5A3A"), description="trousers"),
        Slot("details", "leather", color="#3A2A1E", words=("hair", "shoes", "eyes", "boots"),
             colors=("#3A2A1E", "#1E1A18", "#8A5A2A", "#C9A05A"), description="hair, shoes and eyes"),
    )
    size = SizeEnvelope(min=(0.0832, 0.257, 0.0551), max=(2.6, 2.71, 1.16))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        height = float(p["height"])
        build = float(p["build"])
        c = float(p["cartoon"])
        pose = p["pose"]
        head_h = height * float(p["head_ratio"])
        body = height - head_h
        rh = head_h / 2
        g = 1.0 + 0.25 * c  # cartoon thickening
        # key heights, fractions of the body below the head
        crotch = body * (0.53 - 0.06 * c)
        shoulder_y = body * 0.92
        hip_y = crotch + body * 0.05
        sh_x = height * 0.11 * build ** 0.5 + rh * 0.15
        hip_x = height * 0.055 * build
        arm_r = height * 0.021 * build * g
        leg_r = height * 0.034 * build * g
        head_c = np.array([0.0, body + rh * 0.92, 0.0])
        pieces: list[tuple[sdf.SDF, float]] = [
            (sdf.ellipsoid((rh * 0.86, rh * 0.98, rh * 0.92), center=head_c), 0.0),
            (sdf.ellipsoid((rh * 0.55, rh * 0.45, rh * 0.5), center=head_c + np.array([0, -rh * 0.45, rh * 0.3])), rh * 0.3),
            (sdf.capsule((0, shoulder_y - body * 0.02, 0), (0, body + rh * 0.2, 0), height * 0.03 * build), rh * 0.2),
            (sdf.ellipsoid((sh_x * 0.95, body * 0.17, height * 0.07 * build * g), center=(0, shoulder_y - body * 0.13, 0)),
             height * 0.04),
            (sdf.ellipsoid((hip_x * 1.8, body * 0.14, height * 0.065 * build * g), center=(0, hip_y + body * 0.06, 0)),
             height * 0.06),
            (sdf.capsule((-sh_x * 0.8, shoulder_y, 0), (sh_x * 0.8, shoulder_y, 0), arm_r * 1.25), height * 0.03),
        ]
        nose = head_c + np.array([0, -rh * 0.1, rh * 0.9])
        pieces.append((sdf.sphere(rh * 0.12 * (1 + 0.4 * c), nose), rh * 0.08))
        # arms
        arm_len = body * (0.43 - 0.05 * c)
        for sgn in (1, -1):
            sh = np.array([sgn * sh_x, shoulder_y, 0.0])
            if pose == "t_pose":
                d_upper = np.array([sgn, 0.0, 0.0])
                d_fore = d_upper
            elif pose == "arms_down":
                d_upper = np.array([sgn * 0.12, -1.0, 0.0])
                d_fore = np.array([sgn * 0.05, -1.0, 0.08])
            elif pose == "walking":
                swing = 0.35 * sgn
                d_upper = np.array([sgn * 0.15, -1.0, swing])
                d_fore = np.array([sgn * 0.1, -1.0, swing * 1.3 + 0.2])
            else:
                d_upper = np.array([sgn * 0.35, -1.0, 0.0])
                d_fore = np.array([sgn * 0.25, -1.0, 0.15])
            d_upper = d_upper / np.linalg.norm(d_upper)
            d_fore = d_fore / np.linalg.norm(d_fore)
            elbow = sh + d_upper * arm_len * 0.45
            wrist = elbow + d_fore * arm_len * 0.42
            hand = wrist + d_fore * arm_len * 0.1
            pieces.append((sdf.round_cone(sh, elbow, arm_r * 1.15, arm_r * 0.9), arm_r * 0.8))
            # a generous blend at the elbow: a sharp inner crease meshes into folds
            pieces.append((sdf.round_cone(elbow, wrist, arm_r * 0.9, arm_r * 0.7), arm_r * 0.9))
            hand_r = arm_r * (1.1 + 0.6 * c)
            pieces.append((sdf.ellipsoid((hand_r * 0.55, hand_r * 1.2, hand_r * 0.9), center=hand), arm_r * 0.4))
        # legs
        for sgn in (1, -1):
            hip = np.array([sgn * hip_x, hip_y, 0.0])
            stride = 0.0
            if pose == "walking":
                stride = -0.28 * sgn
            foot_h = height * 0.025 * g
            ankle = np.array([sgn * hip_x * 1.1, foot_h * 1.6, math.sin(stride) * crotch])
            knee = (hip + ankle) / 2 + np.array([0, 0, 0.02 * height if stride else 0.005 * height])
            pieces.append((sdf.round_cone(hip, knee, leg_r * 1.15, leg_r * 0.8), leg_r * 0.8))
            pieces.append((sdf.round_cone(knee, ankle, leg_r * 0.8, leg_r * 0.55), leg_r * 0.4))
            foot_len = height * 0.075 * (1 + 0.5 * c)
            foot = sdf.ellipsoid((leg_r * 0.75 * (1 + 0.3 * c), foot_h * 1.3, foot_len),
                                 center=ankle + np.array([0, -foot_h * 0.35, foot_len * 0.55]))
            pieces.append((foot, leg_r * 0.3))
        hair = p["hair"]
        if hair != "bald":
            cap = sdf.ellipsoid((rh * 0.92, rh * 0.72, rh * 0.98), center=head_c + np.array([0, rh * 0.3, -rh * 0.08]))
            pieces.append((cap, rh * 0.1))
            if hair == "long":
                back = sdf.ellipsoid((rh * 0.95, rh * 1.25, rh * 0.45), center=head_c + np.array([0, -rh * 0.35, -rh * 0.55]))
                pieces.append((back, rh * 0.2))
        shape = soft.blend(pieces, margin=height * 0.03)
        extent = float(np.ptp(shape.bounds, axis=0).max())
        voxel = extent / RESOLUTION
        model.add("body", soft.mesh(shape, voxel, atlas=False), self.material("skin"))
        lift = voxel * 0.7
        # shirt: torso and upper arms (short sleeves); trousers: hips and legs above the ankle
        shirt = [sdf.ellipsoid((sh_x * 1.0, body * 0.26, height * 0.1 * build * g), center=(0, shoulder_y - body * 0.16, 0)),
                 sdf.ellipsoid((hip_x * 1.75, body * 0.1, height * 0.09 * build * g), center=(0, hip_y + body * 0.1, 0))]
        for sgn in (1, -1):
            sh = np.array([sgn * sh_x, shoulder_y, 0.0])
            shirt.append(sdf.sphere(arm_r * 2.6, sh))
        collar = sdf.sphere(height * 0.045 * build + rh * 0.15, (0, body + rh * 0.05, 0))
        region = sdf.difference(sdf.union(*shirt), collar)
        patch = soft.patch(shape, region, lift, voxel)
        if patch is not None:
            model.add("shirt", patch, self.material("shirt"))
        waist = hip_y + body * 0.08
        trousers = sdf.box((hip_x * 3.6, waist - height * 0.06, height * 1.2), center=(0, (waist + height * 0.06) / 2, 0))
        patch = soft.patch(shape, trousers, lift * 1.5, voxel)
        if patch is not None:
            model.add("trousers", patch, self.material("trousers"))
        details = [sdf.box((2 * height, height * 0.1, 2 * height), center=(0, 0, 0))]
        if hair != "bald":
            details.append(sdf.difference(
                sdf.ellipsoid((rh * 1.2, rh * 0.95, rh * 1.25), center=head_c + np.array([0, rh * 0.45, -rh * 0.15])),
                sdf.ellipsoid((rh * 0.9, rh * 0.55, rh * 0.5), center=head_c + np.array([0, -rh * 0.05, rh * 0.8]))))
            if hair == "long":
                details.append(sdf.ellipsoid((rh * 1.1, rh * 1.35, rh * 0.55),
                                             center=head_c + np.array([0, -rh * 0.35, -rh * 0.6])))
        patch = soft.patch(shape, sdf.union(*details), lift * 2.0, voxel)
        if patch is not None:
            model.add("hair_and_shoes", patch, self.material("details"))
        eye_mat = self.material("details")
        er = rh * 0.1 * (1 + 1.2 * c)
        for sgn, name in ((1, "eye_right"), (-1, "eye_left")):
            d = soft.direction(8.0, sgn * 22.0)
            hit = soft.surface_point(shape, head_c, d, reach=rh * 3)
            model.add(name, soft.ball(er, hit - d * er * 0.45, squash=(1.0, 1.2, 0.7), segments=16), eye_mat)
        return model
