"""Elephant: a stylized elephant on the quadruped body plan: a huge body on column legs with round
toenailed feet, big flapping ears, a long trunk curling forward, ivory tusks and a thin tufted tail.

Default: 4.2 m from the forehead to the rump, about 2.8 m at the shoulder.
"""

from __future__ import annotations

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.animals import _soft as soft
from meshforge.generators.animals._quadruped import (
    EYE_SLOT,
    Layout,
    Plan,
    QuadrupedGenerator,
    quadruped_params,
)
from meshforge.generators.base import SizeEnvelope, Slot, register
from meshforge.geometry import primitives as prim
from meshforge.geometry import sdf


@register
class ElephantGenerator(QuadrupedGenerator):
    id = "elephant"
    name = "Elephant"
    synonyms = ("african elephant", "asian elephant", "baby elephant", "jumbo", "pachyderm", "mammoth", "dumbo")
    description = (
        "A stylized elephant: a huge rounded body on thick column legs with toenails, a domed head with big ears, "
        "a long trunk curling forward, ivory tusks and a thin tufted tail; the snout_length parameter sets the "
        "trunk's length."
    )
    plan = Plan(
        trunk_len=0.62, trunk_h=0.2, trunk_w=0.17, chest=1.0, rump=0.98, height=0.42,
        leg_r=0.072, thigh=1.2, foot_r=0.075, foot="pad", straight_legs=True, leg_x=0.55,
        neck_len=0.05, neck_angle=15, neck_r=0.14,
        head_r=0.15, head_len=0.85, snout_len=0.0, snout_r=0.06, snout_tip=0.5, snout_drop=60, nose="none",
        eye_r=0.09, eye_elev=22, eye_azim=58,
        ear="oval", ear_len=0.27, ear_w=0.23, ear_thick=0.1, ear_elev=25, ear_azim=88, ear_roll=150, ear_yaw=10,
        tail="tuft", tail_len=0.32, tail_r=0.014, tail_lift=-55,
    )
    params = quadruped_params(4.2, (1.5, 6.5), noun="elephant", cartoon=0.3)
    slots = (
        Slot("body", "skin", color="#8E8A86", words=("skin", "hide", "body", "elephant"),
             colors=("#8E8A86", "#9A948C", "#7C7874", "#B8B2C8"), description="the grey hide"),
        Slot("markings", "skin", color="#6F6A66", words=("ears inside", "markings"), description="darker skin"),
        EYE_SLOT,
        Slot("details", "ceramic", color="#F1EAD8", words=("tusks", "ivory", "toenails"), description="tusks and toenails"),
    )
    size = SizeEnvelope(min=(0.772, 0.949, 1.63), max=(8.48, 7.88, 13))

    def _trunk(self, g: Layout) -> tuple[np.ndarray, np.ndarray]:
        hr = g.plan.head_r
        length = hr * 3.2 * g.snout_scale
        base = g.head_c + np.array([0.0, -hr * 0.15, g.head_radii[2] * 0.7])
        low = max(base[1] - length * 0.85, hr * 0.35)
        pts = soft.bezier(base, base + np.array([0, -length * 0.1, length * 0.35]),
                          np.array([0, low, base[2] + length * 0.3]), np.array([0, low + hr * 0.35, base[2] + length * 0.5]), 9)
        radii = np.linspace(hr * 0.42, max(hr * 0.16, g.min_t), len(pts))
        return pts, radii

    def extra_shapes(self, g: Layout) -> list[tuple[sdf.SDF, float]]:
        pts, radii = self._trunk(g)
        pieces = [sdf.round_cone(pts[i], pts[i + 1], float(radii[i]), float(radii[i + 1])) for i in range(len(pts) - 1)]
        return [(pieces[0], g.plan.head_r * 0.4), *[(piece, g.plan.head_r * 0.05) for piece in pieces[1:]]]

    def detail_regions(self, g: Layout) -> list[sdf.SDF]:
        fr = g.plan.foot_r
        nails = []
        for foot in g.feet:
            for dx in (-0.45, 0.0, 0.45):
                nails.append(sdf.sphere(fr * 0.28, foot + np.array([dx * fr, -fr * 0.55, fr * 0.95])))
        return nails

    def separate_parts(self, g: Layout, s: float, model: Model) -> None:
        hr = g.plan.head_r
        mat = self.material("details")
        for sgn, name in ((1, "tusk_right"), (-1, "tusk_left")):
            a = g.head_c + np.array([sgn * hr * 0.35, -hr * 0.55, g.head_radii[2] * 0.55])
            path = soft.bezier(a, a + np.array([sgn * hr * 0.05, -hr * 0.45, hr * 0.2]),
                               a + np.array([sgn * hr * 0.1, -hr * 0.7, hr * 0.6]),
                               a + np.array([sgn * hr * 0.12, -hr * 0.55, hr * 0.95]), 10) * s
            scales = np.linspace(1.0, 0.25, len(path))
            tusk = prim.sweep(prim.circle(hr * 0.13 * s, 16), path, scales=scales)
            model.add(name, tusk, mat)
