"""Mouse: a stylized mouse on the quadruped body plan: a round body, big round ears, a pointed snout
with a pink nose and a long thin pink tail trailing on the ground.

Default: 9 cm from nose to rump (a tail of about 8 cm more).
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
class MouseGenerator(QuadrupedGenerator):
    id = "mouse"
    name = "Mouse"
    synonyms = ("mice", "field mouse", "house mouse", "rat", "hamster", "mousey", "rodent", "gerbil")
    description = (
        "A stylized mouse: a round pear-shaped body on short legs, big round ears, a pointed snout with a pink "
        "nose and whiskers' pads, and a long thin pink tail trailing on the ground."
    )
    plan = Plan(
        trunk_len=0.56, trunk_h=0.15, trunk_w=0.13, chest=0.85, rump=1.12, height=0.22,
        leg_r=0.024, thigh=1.8, foot_r=0.03, leg_x=0.6,
        neck_len=0.04, neck_angle=22, neck_r=0.09,
        head_r=0.115, head_len=1.15, snout_len=0.1, snout_r=0.06, snout_tip=0.42, snout_drop=6,
        eye_r=0.17, eye_elev=22, eye_azim=42,
        ear="oval", ear_len=0.15, ear_w=0.15, ear_thick=0.18, ear_elev=58, ear_azim=52, ear_roll=28, ear_yaw=-15,
        tail="trailing", tail_len=0.9, tail_r=0.018, tail_lift=10,
    )
    params = quadruped_params(0.09, (0.05, 0.2), noun="mouse", cartoon=0.35)
    slots = (
        Slot("body", "fur", color="#9E968E", words=("fur", "body", "mouse", "coat"),
             colors=("#9E968E", "#B89A7A", "#F1EEE9", "#6B5E55", "#C8B49A"), description="the mouse's fur"),
        Slot("markings", "fur", color="#E9E2D8", words=("belly", "markings"), description="pale belly"),
        EYE_SLOT,
        Slot("details", "skin", color="#EDA3AA", words=("nose", "tail", "ears", "feet"),
             description="pink nose, tail and feet"),
    )
    size = SizeEnvelope(min=(0.0207, 0.0264, 0.0608), max=(0.231, 0.212, 0.529))

    def marking_regions(self, g: Layout, rng: np.random.Generator) -> list[sdf.SDF]:
        plan = g.plan
        return [sdf.ellipsoid((plan.trunk_w * 0.7, plan.trunk_h * 0.55, plan.trunk_len * 0.42),
                              center=g.trunk_point((0, -plan.trunk_h * 0.8, 0.0)))]

    def detail_regions(self, g: Layout) -> list[sdf.SDF]:
        tail = soft.chain(g.tail_pts[1:], g.plan.tail_r * 2.0)
        feet = [sdf.sphere(g.plan.foot_r * 1.3, f) for f in g.feet]
        return [tail, *feet]
