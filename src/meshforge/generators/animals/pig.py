"""Pig: a stylized farm pig on the quadruped body plan: a round barrel body on short legs with little
hooves, a flat disc snout, ears flopping forward and a curly tail.

Default: 1.2 m from nose to rump.
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
class PigGenerator(QuadrupedGenerator):
    id = "pig"
    name = "Pig"
    synonyms = ("piglet", "hog", "swine", "sow", "boar", "piggy", "pot-bellied pig", "porker")
    description = (
        "A stylized farm pig: a round barrel body on short legs with little hooves, a big head with a flat disc "
        "snout, ears flopping forward and a curly tail; standing, walking, sitting or lying, natural to cartoon."
    )
    plan = Plan(
        trunk_len=0.68, trunk_h=0.17, trunk_w=0.155, chest=1.0, rump=1.05, height=0.3,
        leg_r=0.04, thigh=1.5, foot_r=0.035, foot="hoof", leg_x=0.55,
        neck_len=0.04, neck_angle=10, neck_r=0.13,
        head_r=0.12, head_len=1.0, snout_len=0.08, snout_r=0.058, snout_tip=1.0, snout_drop=4, nose="disc",
        eye_r=0.12, eye_elev=30, eye_azim=30,
        ear="pointed", ear_len=0.1, ear_w=0.085, ear_thick=0.22, ear_elev=58, ear_azim=45, ear_roll=35, ear_pitch=40,
        tail="curly", tail_len=0.13, tail_r=0.013, tail_lift=30,
    )
    params = quadruped_params(1.2, (0.4, 1.8), noun="pig", cartoon=0.35)
    slots = (
        Slot("body", "skin", color="#F2A9A6", words=("skin", "body", "pig"),
             colors=("#F2A9A6", "#EFB7AE", "#E59A97", "#3A302C", "#C98F7E"), description="the pig's skin"),
        Slot("markings", "skin", color="#E58C93", words=("snout", "markings"), description="snout disc"),
        EYE_SLOT,
        Slot("details", "skin", color="#7A5A55", words=("hooves", "hoof", "nostrils"), description="hooves and nostrils"),
    )
    size = SizeEnvelope(min=(0.124, 0.168, 0.302), max=(1.08, 1.67, 2.21))

    def marking_regions(self, g: Layout, rng: np.random.Generator) -> list[sdf.SDF]:
        tip = g.snout_b + g.snout_dir * g.snout_r * 0.35
        return [sdf.cylinder_between(tip - g.snout_dir * g.snout_r * 0.35, tip + g.snout_dir * g.snout_r,
                                     g.snout_r * 1.3)]

    def detail_regions(self, g: Layout) -> list[sdf.SDF]:
        tip = g.snout_b + g.snout_dir * g.snout_r * 0.4
        side = np.array([g.snout_r * 0.38, 0.0, 0.0])
        nostrils = [sdf.ellipsoid((g.snout_r * 0.16, g.snout_r * 0.26, g.snout_r * 0.2), center=tip + sgn * side)
                    for sgn in (1, -1)]
        return [self.hoof_region(g), *nostrils]
