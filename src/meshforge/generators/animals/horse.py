"""Horse: a stylized horse on the quadruped body plan: long legs with dark hooves, an arched neck with
a dark mane, a long head with a dark muzzle, small upright ears and a flowing tail.

Default: 2.4 m from nose to rump, about 1.6 m at the withers.
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
class HorseGenerator(QuadrupedGenerator):
    id = "horse"
    name = "Horse"
    synonyms = ("pony", "stallion", "mare", "foal", "colt", "filly", "steed", "mustang", "stallion horse", "equine")
    description = (
        "A stylized horse: barrel body on long slim legs with hooves, an arched neck with a dark mane, a long head "
        "with a dark muzzle and small upright ears, and a long flowing tail; standing, walking, sitting or lying."
    )
    plan = Plan(
        trunk_len=0.55, trunk_h=0.125, trunk_w=0.1, chest=1.05, rump=1.02, height=0.54,
        leg_r=0.028, thigh=1.9, foot_r=0.03, foot="hoof", leg_x=0.55,
        neck_len=0.27, neck_angle=52, neck_r=0.062,
        head_r=0.062, head_len=1.25, snout_len=0.2, snout_r=0.05, snout_tip=0.85, snout_drop=48, nose="muzzle",
        eye_r=0.16, eye_elev=25, eye_azim=62,
        ear="pointed", ear_len=0.065, ear_w=0.035, ear_thick=0.35, ear_elev=62, ear_azim=30, ear_roll=8,
        ear_pitch=6,
        tail="flowing", tail_len=0.42, tail_r=0.03, tail_lift=25,
    )
    params = quadruped_params(2.4, (1.0, 3.0), noun="horse", cartoon=0.2)
    slots = (
        Slot("body", "fur", color="#8B5A2B", words=("coat", "fur", "body", "horse"),
             colors=("#8B5A2B", "#5B3A22", "#2A2420", "#D9CDB8", "#A87A4A", "#7A7470"), description="the horse's coat"),
        Slot("markings", "fur", color="#2B1D14", words=("mane", "tail", "hair"), description="mane and tail"),
        EYE_SLOT,
        Slot("details", "rubber", color="#2C2724", words=("hooves", "hoof", "muzzle", "nose"),
             description="hooves and muzzle"),
    )
    size = SizeEnvelope(min=(0.192, 0.51, 0.748), max=(1.26, 4.2, 4.75))

    def mane_points(self, g: Layout) -> np.ndarray:
        top = np.array([0.0, g.plan.neck_r * 0.85, -g.plan.neck_r * 0.35])
        return soft.bezier(g.head_c + np.array([0, g.head_radii[1] * 0.8, -g.head_radii[2] * 0.5]),
                           g.neck_b + top * 1.2, g.neck_a + top * 1.6, g.trunk_point(
                               (0, g.plan.trunk_h * 0.9, g.plan.trunk_len * 0.25)), 6)

    def extra_shapes(self, g: Layout) -> list[tuple[sdf.SDF, float]]:
        pts = self.mane_points(g)
        r = g.plan.neck_r
        out = []
        for i in range(len(pts) - 1):
            seg = sdf.round_cone(pts[i], pts[i + 1], r * 0.32, r * 0.32).scale((0.55, 1.0, 1.0))
            out.append((seg, r * 0.3))
        return out

    def marking_regions(self, g: Layout, rng: np.random.Generator) -> list[sdf.SDF]:
        pts = self.mane_points(g)
        r = g.plan.neck_r
        mane = soft.chain(pts + np.array([0, r * 0.15, 0]), r * 0.45)
        tail = soft.chain(g.tail_pts[1:], g.plan.tail_r * 2.6)
        return [mane, tail]
