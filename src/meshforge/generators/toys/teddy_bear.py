"""Teddy bear: a plush toy bear sitting up: a pear-shaped body, a big round head with round ears, a short
muzzle with a stitched nose, button eyes, arms reaching forward and legs stretched out with paw pads,
and an optional ribbon bow at the neck.

Default: 30 cm tall sitting.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.animals import _soft as soft
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import sdf

RESOLUTION = 84


@register
class TeddyBearGenerator(Generator):
    id = "teddy_bear"
    name = "Teddy bear"
    family = "toys"
    synonyms = ("teddy", "teddybear", "plush bear", "stuffed bear", "stuffed animal", "plushie", "soft toy",
                "cuddly toy", "bear toy")
    description = (
        "A plush teddy bear sitting up: a pear-shaped body, a big round head with round ears, a short muzzle with "
        "a nose, button eyes, arms reaching forward, legs stretched out with paw pads and a ribbon bow at the neck."
    )
    tags = ("toy", "plush", "kids", "gift", "gaming", "interior")
    params = (
        Param("size", "float", 0.3, 0.08, 1.5, "m", description="height sitting, bottom to the top of the ears",
              words=("big", "small", "giant", "tiny", "mini", "huge"), sample_range=(0.25, 0.4)),
        Param("head_ratio", "float", 1.0, 0.75, 1.35, "ratio", description="head size relative to a classic teddy",
              words=("big head", "small head"), sample_range=(0.9, 1.15)),
        Param("limb_length", "float", 1.0, 0.7, 1.4, "ratio", description="arm and leg length",
              words=("long arms", "long legs", "stubby", "short legs"), sample_range=(0.88, 1.12)),
        Param("ear_size", "float", 1.0, 0.6, 1.5, "ratio", description="ear size",
              words=("big ears", "small ears"), sample_range=(0.85, 1.2)),
        Param("pose", "choice", "sitting", choices=("sitting", "standing"), description="sitting up or standing",
              words=("sitting", "standing")),
        Param("bow", "bool", True, description="ribbon bow at the neck", words=("with a bow", "ribbon", "bow tie"),
              p_true=0.6),
    )
    slots = (
        Slot("fur", "velvet", color="#B5834A", words=("fur", "plush", "body", "teddy", "bear"),
             choices=("velvet", "fur", "wool"), colors=("#B5834A", "#8A5A32", "#D9B98C", "#F2EEE6", "#E8A8B8"),
             description="plush fur"),
        Slot("pads", "velvet", color="#E8D2A8", words=("pads", "muzzle", "paws", "ears inside"),
             description="muzzle, inner ears and paw pads"),
        Slot("eyes", "glossy_plastic", color="#101010", words=("eyes", "buttons", "nose"), description="button eyes and nose"),
        Slot("ribbon", "fabric", color="#C8202A", words=("ribbon", "bow"),
             colors=("#C8202A", "#2C6FD1", "#E8A8B8", "#2E8B57"), description="ribbon bow"),
    )
    size = SizeEnvelope(min=(0.0399, 0.068, 0.0276), max=(1.46, 1.75, 1.33))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        hs = float(p["head_ratio"])
        limbs = float(p["limb_length"])
        ears = float(p["ear_size"])
        sitting = p["pose"] == "sitting"
        # plan units: a classic sitting teddy about 1 tall
        head_r = 0.2 * hs
        body_c = np.array([0.0, 0.28, 0.0]) if sitting else np.array([0.0, 0.5, 0.0])
        body_r = np.array([0.2, 0.25, 0.17])
        head_c = body_c + np.array([0.0, body_r[1] + head_r * 0.75, 0.02])
        pieces: list[tuple[sdf.SDF, float]] = [
            (sdf.ellipsoid(body_r, center=body_c), 0.0),
            (sdf.sphere(head_r, head_c), 0.06),
            (sdf.ellipsoid((head_r * 0.45, head_r * 0.36, head_r * 0.4),
                           center=head_c + np.array([0, -head_r * 0.3, head_r * 0.78])), head_r * 0.2),
        ]
        ear_r = head_r * 0.32 * ears
        ear_cs = []
        for sgn in (1, -1):
            c = head_c + soft.direction(50.0, sgn * 55.0) * head_r * 0.95
            ear_cs.append(c)
            pieces.append((sdf.ellipsoid((ear_r, ear_r, ear_r * 0.5), center=c), head_r * 0.1))
        arm_len = 0.24 * limbs
        leg_len = 0.26 * limbs
        paws = []
        for sgn in (1, -1):
            sh = body_c + np.array([sgn * body_r[0] * 0.8, body_r[1] * 0.55, 0.02])
            hand = sh + np.array([sgn * arm_len * 0.45, -arm_len * 0.55, arm_len * 0.55])
            pieces.append((sdf.round_cone(sh, hand, 0.075, 0.065), 0.05))
            hip = body_c + np.array([sgn * body_r[0] * 0.55, -body_r[1] * 0.55, 0.03])
            if sitting:
                foot = np.array([sgn * (body_r[0] * 0.75 + leg_len * 0.2), 0.085, hip[2] + leg_len])
            else:
                foot = np.array([sgn * body_r[0] * 0.6, 0.085, hip[2] + 0.03])
            pieces.append((sdf.round_cone(hip, foot, 0.095, 0.085), 0.05))
            sole = sdf.ellipsoid((0.085, 0.1, 0.055), center=foot + np.array([0, 0.015, 0.045]))
            pieces.append((sole, 0.03))
            paws.append(foot + np.array([0, 0.015, 0.09]))
        shape = soft.blend(pieces)
        b = shape.bounds
        extent = float(np.ptp(b, axis=0).max())
        # measure the real height on a coarse mesh (the SDF's bounds are padded by the blends)
        coarse = sdf.to_mesh(shape, voxel_size=extent / 40, uv=False)
        s = float(p["size"]) / float(coarse.extents[1])
        voxel = extent * s / RESOLUTION
        body_m = soft.scaled(shape, s)
        model.add("body", soft.mesh(body_m, voxel, atlas=False), self.material("fur"))
        # pads: muzzle, inner ears and foot soles
        regions = [sdf.sphere(head_r * 0.48, head_c + np.array([0, -head_r * 0.32, head_r * 0.95]))]
        for c in ear_cs:
            regions.append(sdf.ellipsoid((ear_r * 0.7, ear_r * 0.7, ear_r * 0.6), center=c + np.array([0, -ear_r * 0.05, ear_r * 0.5])))
        for paw in paws:
            regions.append(sdf.ellipsoid((0.07, 0.085, 0.05), center=paw))
        patch = soft.patch(body_m, soft.scaled(sdf.union(*regions), s), voxel * 0.7, voxel)
        if patch is not None:
            model.add("pads", patch, self.material("pads"))
        eye_mat = self.material("eyes")
        for sgn, name in ((1, "eye_right"), (-1, "eye_left")):
            d = soft.direction(18.0, sgn * 28.0)
            hit = soft.surface_point(shape, head_c, d, reach=1.0)
            er = head_r * 0.11
            model.add(name, soft.ball(er * s, (hit - d * er * 0.3) * s, squash=(1.0, 1.0, 0.6), segments=16), eye_mat)
        tip = soft.surface_point(shape, head_c + np.array([0, -head_r * 0.2, 0]), np.array([0, 0.12, 1.0]), reach=1.0)
        model.add("nose", soft.ball(head_r * 0.12 * s, (tip - np.array([0, 0, head_r * 0.04])) * s,
                                    squash=(1.3, 0.85, 0.8), segments=16), eye_mat)
        if p["bow"]:
            neck = body_c + np.array([0.0, body_r[1] * 0.92, body_r[2] * 0.55])
            loops = [sdf.ellipsoid((0.075, 0.05, 0.03), center=neck + np.array([sgn * 0.07, 0.0, 0.03])).rotate(
                "z", sgn * 15.0, about=neck) for sgn in (1, -1)]
            knot = sdf.sphere(0.032, neck + np.array([0, 0, 0.04]))
            bow = soft.scaled(sdf.union(*loops, knot, k=0.02), s)
            model.add("bow", soft.mesh(bow, voxel * 0.6, atlas=False), self.material("ribbon"))
        return model
