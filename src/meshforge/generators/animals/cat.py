"""Cat: a stylized domestic cat on the quadruped body plan: pointed upright ears, short muzzle, long
tail held up, white chest and socks.

Default: 0.45 m from nose to rump (a tail of about 0.28 m more), 0.25 m at the shoulder.
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
class CatGenerator(QuadrupedGenerator):
    id = "cat"
    name = "Cat"
    synonyms = ("kitten", "kitty", "house cat", "domestic cat", "tabby", "moggy", "pussycat", "feline", "tomcat")
    description = (
        "A stylized domestic cat: slender body, round head with a short muzzle, upright pointed ears, a long "
        "tail carried up, white chest and paws; standing, walking, sitting or lying, from natural to cartoon."
    )
    plan = Plan(
        trunk_len=0.56, trunk_h=0.1, trunk_w=0.085, chest=1.0, rump=1.0, height=0.37,
        leg_r=0.027, thigh=1.9, foot_r=0.026, leg_x=0.6,
        neck_len=0.08, neck_angle=45, neck_r=0.05,
        head_r=0.1, head_len=0.92, snout_len=0.03, snout_r=0.042, snout_tip=0.8, snout_drop=18,
        eye_r=0.2, eye_elev=14, eye_azim=30,
        ear="pointed", ear_len=0.115, ear_w=0.085, ear_thick=0.25, ear_elev=52, ear_azim=42, ear_roll=16,
        ear_pitch=-4, ear_yaw=-10,
        tail="long", tail_len=0.6, tail_r=0.02, tail_lift=10,
    )
    params = quadruped_params(0.45, (0.25, 0.7), noun="cat")
    slots = (
        Slot("body", "fur", color="#7E7F86", words=("fur", "coat", "body", "cat"),
             colors=("#7E7F86", "#D8893A", "#2B2B2E", "#E9E2D4", "#B9865A"), description="the cat's coat"),
        Slot("markings", "fur", color="#F3F0EA", words=("chest", "paws", "socks", "markings", "bib"),
             description="white chest, muzzle and paws"),
        EYE_SLOT,
        Slot("details", "skin", color="#E89A9E", words=("nose",), description="pink nose"),
    )
    size = SizeEnvelope(min=(0.0599, 0.122, 0.201), max=(0.315, 1.22, 1.35))

    def extra_shapes(self, g: Layout) -> list[tuple[sdf.SDF, float]]:
        # whisker pads: two puffs either side of the nose give the cat its muzzle
        r = g.snout_r * 0.62
        side = np.array([r * 0.8, -r * 0.5, 0.0])
        centre = g.snout_b - g.snout_dir * r * 0.6
        return [(sdf.sphere(r, centre + side), r * 0.4), (sdf.sphere(r, centre - side * np.array([1, -1, -1])), r * 0.4)]

    def marking_regions(self, g: Layout, rng: np.random.Generator) -> list[sdf.SDF]:
        plan = g.plan
        out = [sdf.ellipsoid((plan.trunk_w * 0.9, plan.trunk_h * 0.9, plan.head_r * 0.9),
                             center=g.trunk_point((0, -plan.trunk_h * 0.2, plan.trunk_len / 2 - plan.trunk_h * 0.2))),
               sdf.sphere(g.snout_r * 1.15, g.snout_b - g.snout_dir * g.snout_r * 0.4 - np.array([0, g.snout_r * 0.3, 0]))]
        for foot in g.feet:
            out.append(sdf.sphere(plan.foot_r * 1.9, foot))
        return out
