"""Fox: a stylized red fox on the quadruped body plan: big pointed ears, a long narrow muzzle, a thick
bushy tail with a white tip, white chest and cheeks, black socks.

Default: 0.65 m from nose to rump (a tail of about 0.4 m more), 0.38 m at the shoulder.
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
class FoxGenerator(QuadrupedGenerator):
    id = "fox"
    name = "Fox"
    synonyms = ("red fox", "vixen", "arctic fox", "fennec", "kit fox", "foxy")
    description = (
        "A stylized red fox: slim body on thin legs with black socks, big pointed ears, a long narrow muzzle, "
        "white chest and cheeks and a thick bushy tail with a white tip; standing, walking, sitting or lying."
    )
    plan = Plan(
        trunk_len=0.52, trunk_h=0.1, trunk_w=0.082, chest=1.05, rump=0.95, height=0.38,
        leg_r=0.024, thigh=1.9, foot_r=0.024, leg_x=0.58,
        neck_len=0.1, neck_angle=40, neck_r=0.05,
        head_r=0.08, head_len=1.0, snout_len=0.13, snout_r=0.042, snout_tip=0.45, snout_drop=8,
        eye_r=0.18, eye_elev=18, eye_azim=34,
        ear="pointed", ear_len=0.12, ear_w=0.085, ear_thick=0.22, ear_elev=55, ear_azim=38, ear_roll=12,
        ear_pitch=-3, ear_yaw=-8,
        tail="bushy", tail_len=0.62, tail_r=0.035, tail_lift=5,
    )
    params = quadruped_params(0.65, (0.35, 0.95), noun="fox")
    slots = (
        Slot("body", "fur", color="#D2691E", words=("fur", "coat", "body", "fox"),
             colors=("#D2691E", "#C45A1A", "#E08A3C", "#F2F0EA", "#8E8A84"), description="the fox's coat"),
        Slot("markings", "fur", color="#F6F1E8", words=("chest", "cheeks", "tail tip", "markings", "white"),
             description="white chest, cheeks and tail tip"),
        EYE_SLOT,
        Slot("details", "fur", color="#221C19", words=("socks", "legs", "nose", "paws"),
             description="black socks and nose"),
    )
    size = SizeEnvelope(min=(0.0692, 0.162, 0.308), max=(0.381, 1.13, 1.78))

    def marking_regions(self, g: Layout, rng: np.random.Generator) -> list[sdf.SDF]:
        plan = g.plan
        tip = g.tail_pts[-1]
        return [
            sdf.ellipsoid((plan.trunk_w * 0.75, plan.trunk_h * 0.9, plan.head_r * 0.9),
                          center=g.trunk_point((0, -plan.trunk_h * 0.3, plan.trunk_len / 2 - plan.trunk_h * 0.1))),
            sdf.ellipsoid((g.head_radii[0] * 1.2, g.head_radii[1] * 0.55, plan.snout_len + g.head_radii[2]),
                          center=g.snout_a - np.array([0, g.snout_r * 0.7, 0])),
            sdf.sphere(plan.tail_r * 2.6, tip),
        ]

    def detail_regions(self, g: Layout) -> list[sdf.SDF]:
        h = g.leg_height * 0.38
        return [sdf.box((4.0, 2 * h, 4.0), center=(0, 0, 0)) & sdf.union(
            *[sdf.sphere(g.plan.leg_r * 2.6 + h * 0.2, f) for f in g.feet])]
