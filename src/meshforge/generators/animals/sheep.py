"""Sheep: a stylized sheep on the quadruped body plan: a fluffy cloud of wool over the body, a black face
with sideways ears, thin black legs with small hooves and a stub tail.

Default: 1.3 m from nose to rump, about 0.75 m at the shoulder.
"""

from __future__ import annotations

import math

import numpy as np

from meshforge.generators.animals._quadruped import (
    EYE_SLOT,
    Layout,
    Plan,
    QuadrupedGenerator,
    quadruped_params,
)
from meshforge.generators.base import SizeEnvelope, Slot, register
from meshforge.geometry import sdf


@register
class SheepGenerator(QuadrupedGenerator):
    id = "sheep"
    name = "Sheep"
    synonyms = ("lamb", "ewe", "ram", "woolly sheep", "suffolk", "merino", "baa lamb")
    description = (
        "A stylized sheep: a fluffy cloud of wool puffs over a round body, a black face with sideways ears, thin "
        "black legs with small hooves and a stub tail; standing, walking, sitting or lying, natural to cartoon."
    )
    plan = Plan(
        trunk_len=0.58, trunk_h=0.16, trunk_w=0.14, chest=1.0, rump=1.05, height=0.42,
        leg_r=0.025, thigh=1.6, foot_r=0.026, foot="hoof", leg_x=0.5,
        neck_len=0.1, neck_angle=35, neck_r=0.07,
        head_r=0.07, head_len=1.3, snout_len=0.06, snout_r=0.05, snout_tip=0.85, snout_drop=32, nose="ball",
        eye_r=0.17, eye_elev=25, eye_azim=52,
        ear="oval", ear_len=0.08, ear_w=0.038, ear_thick=0.35, ear_elev=38, ear_azim=74, ear_roll=100,
        tail="short", tail_len=0.08, tail_r=0.04, tail_lift=-10,
    )
    params = quadruped_params(1.3, (0.5, 1.8), noun="sheep", cartoon=0.35)
    slots = (
        Slot("body", "wool", color="#EEE8DA", words=("wool", "fleece", "body", "sheep"),
             colors=("#EEE8DA", "#F3EFE6", "#D9CFBC", "#3B3634"), description="the woolly fleece"),
        Slot("markings", "skin", color="#2A2522", words=("face", "legs", "markings"), description="black face and legs"),
        EYE_SLOT,
        Slot("details", "skin", color="#1C1818", words=("nose", "hooves"), description="nose"),
    )
    size = SizeEnvelope(min=(0.165, 0.232, 0.391), max=(1.36, 2.03, 2.44))

    def extra_shapes(self, g: Layout) -> list[tuple[sdf.SDF, float]]:
        plan = g.plan
        out = []
        # wool puffs on a golden-angle spiral over the trunk's upper surface
        n = 26
        i = np.arange(n) + 0.5
        y = 1 - i / n * 1.45
        rr = np.sqrt(np.clip(1 - y * y, 0, 1))
        phi = i * math.pi * (3 - math.sqrt(5))
        local = np.stack([rr * np.cos(phi) * plan.trunk_w, y * plan.trunk_h, rr * np.sin(phi) * plan.trunk_len * 0.5],
                         axis=1) * 0.92
        puff = plan.trunk_h * 0.42
        for p in local:
            out.append((sdf.sphere(puff, g.trunk_point(p)), puff * 0.35))
        top = g.head_c + np.array([0, g.head_radii[1] * 0.55, -g.head_radii[2] * 0.35])
        out.append((sdf.sphere(plan.head_r * 0.62, top), plan.head_r * 0.3))
        return out

    def marking_regions(self, g: Layout, rng: np.random.Generator) -> list[sdf.SDF]:
        plan = g.plan
        face_c = (g.head_c + g.snout_b) / 2 + np.array([0, -plan.head_r * 0.2, 0])
        face = sdf.ellipsoid((plan.head_r * 1.4, plan.head_r * 1.0, plan.head_r * 1.3 + plan.snout_len * 0.6),
                             center=face_c)
        ears = sdf.ellipsoid((plan.head_r * 2.4, plan.head_r * 0.5, plan.head_r * 0.6),
                             center=g.head_c + np.array([0, plan.head_r * 0.1, 0]))
        bottom = min(g.trunk_c[1] - plan.trunk_h * 0.9, g.leg_height * 0.7)
        legs = sdf.box((4.0, 2 * bottom, 4.0), center=(0, 0, 0))
        return [face, ears, legs]
