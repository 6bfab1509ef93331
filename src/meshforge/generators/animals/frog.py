"""Frog: a stylized frog on the quadruped body plan: a squat pear-shaped body sitting up, a wide flat head
with big bulging eyes on top, folded powerful hind legs with long feet and a pale belly.

Default: 8 cm from snout to rump.
"""

from __future__ import annotations

import numpy as np

from meshforge.generators.animals import _soft as soft
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
class FrogGenerator(QuadrupedGenerator):
    id = "frog"
    name = "Frog"
    synonyms = ("toad", "tree frog", "bullfrog", "froggy", "tadpole", "amphibian", "green frog", "frog prince")
    description = (
        "A stylized frog: a squat pear-shaped body sitting up, a wide flat head with big bulging eyes on top, "
        "folded powerful hind legs with long feet, short front legs and a pale belly; sitting, crawling or resting."
    )
    plan = Plan(
        trunk_len=0.56, trunk_h=0.12, trunk_w=0.19, chest=0.85, rump=1.05, height=0.2, sit_pitch=24.0,
        leg_r=0.04, thigh=2.5, foot_r=0.05, leg_x=1.0,
        neck_len=0.02, neck_angle=15, neck_r=0.14,
        head_r=0.17, head_len=0.85, head_w=1.2, head_h=0.62, snout_len=0.04, snout_r=0.1, snout_tip=0.9,
        snout_drop=8, nose="none",
        eye_r=0.2, eye_elev=42, eye_azim=50,
        ear="oval", ear_len=0.0, tail="none", tail_len=0.0,
    )
    params = quadruped_params(0.08, (0.02, 0.3), pose="sitting", noun="frog", cartoon=0.35,
                              poses=("sitting", "walking", "lying"))
    slots = (
        Slot("body", "skin", color="#5FA83A", words=("skin", "body", "frog", "green"),
             colors=("#5FA83A", "#4C8C2B", "#7DBA3A", "#8A7A4A", "#3F7F5F"), description="green skin"),
        Slot("markings", "skin", color="#D9E6A3", words=("belly", "throat", "markings"), description="pale belly"),
        EYE_SLOT,
    )
    size = SizeEnvelope(min=(0.0111, 0.00807, 0.0157), max=(0.351, 0.263, 0.351))

    def extra_shapes(self, g: Layout) -> list[tuple[sdf.SDF, float]]:
        plan = g.plan
        out = []
        for sgn in (1, -1):
            # eye bumps on top of the head, where the eyes sit (see QuadrupedGenerator.create)
            d = soft.direction(plan.eye_elev, sgn * plan.eye_azim)
            reach = 1.0 / np.linalg.norm(d / g.head_radii)
            c = g.head_c + d * reach * 0.9
            out.append((sdf.sphere(plan.head_r * plan.eye_r * 1.35 * (1 + 0.6 * g.cartoon), c), plan.head_r * 0.2))
        return out

    def marking_regions(self, g: Layout, rng: np.random.Generator) -> list[sdf.SDF]:
        plan = g.plan
        belly = sdf.ellipsoid((plan.trunk_w * 0.8, plan.trunk_h * 0.6, plan.trunk_len * 0.45),
                              center=g.trunk_point((0, -plan.trunk_h * 0.85, 0.02)))
        throat = sdf.ellipsoid((g.head_radii[0] * 0.8, g.head_radii[1] * 0.6, g.head_radii[2] * 0.9),
                               center=g.head_c - np.array([0, g.head_radii[1] * 0.8, -g.head_radii[2] * 0.1]))
        return [belly, throat]
