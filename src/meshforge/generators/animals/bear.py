"""Bear: a stylized brown bear on the quadruped body plan: heavy body with a shoulder hump, thick legs,
small round ears, a short muzzle in a lighter tan, a stub tail.

Default: 1.9 m from nose to rump, about 1 m at the shoulder.
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
class BearGenerator(QuadrupedGenerator):
    id = "bear"
    name = "Bear"
    synonyms = ("brown bear", "grizzly", "grizzly bear", "black bear", "polar bear", "bear cub", "cub", "kodiak")
    description = (
        "A stylized bear: a heavy body with a shoulder hump on thick legs, a broad head with small round ears "
        "and a short tan muzzle, a stub tail; standing, walking, sitting or lying, from natural to cuddly cartoon."
    )
    plan = Plan(
        trunk_len=0.6, trunk_h=0.17, trunk_w=0.15, chest=1.05, rump=1.0, height=0.36,
        leg_r=0.055, thigh=1.5, foot_r=0.055, leg_x=0.6,
        neck_len=0.08, neck_angle=15, neck_r=0.1,
        head_r=0.11, head_len=1.0, snout_len=0.08, snout_r=0.056, snout_tip=0.8, snout_drop=10,
        eye_r=0.13, eye_elev=22, eye_azim=34,
        ear="round", ear_len=0.06, ear_w=0.065, ear_thick=0.4, ear_elev=62, ear_azim=52, ear_roll=22,
        tail="short", tail_len=0.05, tail_r=0.035, tail_lift=20,
    )
    params = quadruped_params(1.9, (0.5, 2.8), noun="bear", cartoon=0.35)
    slots = (
        Slot("body", "fur", color="#6B4423", words=("fur", "coat", "body", "bear"),
             colors=("#6B4423", "#4A3020", "#1E1A18", "#F1ECE0", "#8A5A32"), description="the bear's coat"),
        Slot("markings", "fur", color="#B48A5E", words=("muzzle", "snout", "markings"), description="tan muzzle"),
        EYE_SLOT,
        Slot("details", "rubber", color="#1A1616", words=("nose",), description="the black nose"),
    )
    size = SizeEnvelope(min=(0.164, 0.221, 0.376), max=(1.92, 2.62, 3.53))

    def extra_shapes(self, g: Layout) -> list[tuple[sdf.SDF, float]]:
        plan = g.plan
        hump = sdf.ellipsoid((plan.trunk_w * 0.75, plan.trunk_h * 0.6, plan.trunk_h * 0.9),
                             center=g.trunk_point((0, plan.trunk_h * 0.55, plan.trunk_len * 0.22)))
        return [(hump, plan.trunk_h * 0.6)]

    def marking_regions(self, g: Layout, rng: np.random.Generator) -> list[sdf.SDF]:
        return [sdf.sphere(g.snout_r * 1.25 + g.plan.snout_len * 0.4, (g.snout_a + g.snout_b) / 2 + g.snout_dir * 0.01)]
