"""Rabbit: a stylized rabbit on the quadruped body plan: long upright ears, round body with big hind
haunches and long feet, a white cotton-puff tail; sits up by default.

Default: 0.4 m from nose to rump.
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
class RabbitGenerator(QuadrupedGenerator):
    id = "rabbit"
    name = "Rabbit"
    synonyms = ("bunny", "bunny rabbit", "hare", "jackrabbit", "easter bunny", "cottontail", "bunny toy")
    description = (
        "A stylized rabbit: long upright ears, a round body with big haunches and long hind feet, a small "
        "muzzle with a pink nose and a white cotton-puff tail; sitting up by default, or standing, hopping, lying."
    )
    plan = Plan(
        trunk_len=0.55, trunk_h=0.155, trunk_w=0.13, chest=0.85, rump=1.18, height=0.3,
        leg_r=0.03, thigh=2.3, foot_r=0.036, leg_x=0.55,
        neck_len=0.05, neck_angle=50, neck_r=0.075,
        head_r=0.11, head_len=1.12, snout_len=0.04, snout_r=0.058, snout_tip=0.8, snout_drop=18,
        eye_r=0.19, eye_elev=22, eye_azim=55,
        ear="oval", ear_len=0.3, ear_w=0.085, ear_thick=0.25, ear_elev=72, ear_azim=28, ear_roll=9, ear_pitch=-16,
        ear_yaw=-12,
        tail="puff", tail_len=0.11, tail_r=0.05, tail_lift=30,
    )
    params = quadruped_params(0.4, (0.15, 0.7), pose="sitting", noun="rabbit", cartoon=0.35)
    slots = (
        Slot("body", "fur", color="#B59C82", words=("fur", "coat", "body", "rabbit", "bunny"),
             colors=("#B59C82", "#F2EEE8", "#8A7460", "#5E5550", "#D9C4A5"), description="the rabbit's coat"),
        Slot("markings", "fur", color="#F7F4EE", words=("tail", "belly", "markings", "white"),
             description="white tail and belly"),
        EYE_SLOT,
        Slot("details", "skin", color="#E8A0A8", words=("nose", "ears inside"), description="pink nose"),
    )
    size = SizeEnvelope(min=(0.0468, 0.125, 0.113), max=(0.484, 1.22, 0.905))

    def marking_regions(self, g: Layout, rng: np.random.Generator) -> list[sdf.SDF]:
        plan = g.plan
        tail_c = g.tail_pts[0] + (g.tail_pts[-1] - g.tail_pts[0]) * 0.35
        return [sdf.sphere(plan.tail_len * 0.62, tail_c),
                sdf.ellipsoid((plan.trunk_w * 0.7, plan.trunk_h * 0.6, plan.trunk_len * 0.4),
                              center=g.trunk_point((0, -plan.trunk_h * 0.75, plan.trunk_len * 0.1))),
                sdf.sphere(g.snout_r * 0.9, g.snout_b - np.array([0, g.snout_r * 0.5, 0]))]
