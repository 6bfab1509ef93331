"""Lizard: a stylized gecko on the quadruped body plan: a long low body on sprawled legs with elbows out,
a flat head with big eyes, padded toes, a long tapering tail curving on the ground and dark spots.

Default: 12 cm from snout to rump (a tail of about 10 cm more).
"""

from __future__ import annotations

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
class LizardGenerator(QuadrupedGenerator):
    id = "lizard"
    name = "Lizard"
    synonyms = ("gecko", "leopard gecko", "iguana", "chameleon", "salamander", "newt", "skink", "anole", "reptile")
    description = (
        "A stylized gecko: a long low body on sprawled legs with elbows out, a flat head with big eyes, padded "
        "toes, a long tapering tail curving on the ground and dark spots; standing, walking or lying flat."
    )
    plan = Plan(
        trunk_len=0.5, trunk_h=0.065, trunk_w=0.085, chest=1.0, rump=1.0, height=0.1,
        leg_r=0.026, thigh=1.3, foot_r=0.034, leg_x=0.8, sprawl=0.13,
        neck_len=0.06, neck_angle=12, neck_r=0.055,
        head_r=0.08, head_len=1.35, head_w=1.0, head_h=0.68, snout_len=0.06, snout_r=0.05, snout_tip=0.7,
        snout_drop=6, nose="none",
        eye_r=0.26, eye_elev=35, eye_azim=52,
        ear="oval", ear_len=0.0,
        tail="trailing", tail_len=0.85, tail_r=0.045, tail_lift=0,
    )
    params = quadruped_params(0.12, (0.05, 0.6), noun="lizard", cartoon=0.3, poses=("standing", "walking", "lying"))
    slots = (
        Slot("body", "scales", color="#E3B53E", words=("skin", "scales", "body", "lizard", "gecko"),
             colors=("#E3B53E", "#7DB043", "#5E8C4A", "#C9A36A", "#3FA0A0"), description="scaly skin"),
        Slot("markings", "scales", color="#4A3A2A", words=("spots", "markings", "pattern"), description="dark spots"),
        EYE_SLOT,
    )
    size = SizeEnvelope(min=(0.0279, 0.011, 0.062), max=(0.793, 0.227, 1.61))

    def marking_regions(self, g: Layout, rng: np.random.Generator) -> list[sdf.SDF]:
        plan = g.plan
        out = []
        for _ in range(14):
            local = rng.uniform((-0.8, 0.4, -0.45), (0.8, 1.0, 0.45)) * np.array(
                [plan.trunk_w, plan.trunk_h, plan.trunk_len])
            out.append(sdf.sphere(plan.trunk_w * rng.uniform(0.16, 0.26), g.trunk_point(local)))
        for i in range(2, len(g.tail_pts) - 1, 2):
            out.append(sdf.sphere(plan.tail_r * 0.55, g.tail_pts[i] + np.array([0, plan.tail_r * 0.7, 0])))
        return out
