"""Turtle: a stylized tortoise on the quadruped body plan: a high domed shell with a rim and scute
pattern over a flat belly plate, stubby sprawled legs, a wrinkly head on an outstretched neck and a
short tail.

Default: 0.3 m shell length (a garden tortoise).
"""

from __future__ import annotations

import math
from typing import Any

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
from meshforge.geometry import sdf


@register
class TurtleGenerator(QuadrupedGenerator):
    id = "turtle"
    name = "Turtle"
    synonyms = ("tortoise", "terrapin", "sea turtle", "box turtle", "tortoise shell", "turtle toy", "giant tortoise")
    description = (
        "A stylized tortoise: a high domed shell with a rim and a pattern of scutes over a flat belly plate, stubby "
        "sprawled legs, a head on an outstretched neck and a short tail; walking, standing or tucked in (lying)."
    )
    resolution = 72
    plan = Plan(
        trunk_len=0.62, trunk_h=0.12, trunk_w=0.26, chest=1.0, rump=1.0, height=0.2,
        leg_r=0.05, thigh=1.2, foot_r=0.055, foot="pad", leg_x=0.72, sprawl=0.06,
        neck_len=0.14, neck_angle=25, neck_r=0.055,
        head_r=0.075, head_len=1.25, snout_len=0.02, snout_r=0.05, snout_tip=0.9, snout_drop=10, nose="none",
        eye_r=0.18, eye_elev=20, eye_azim=50,
        ear="oval", ear_len=0.0, ear_w=0.02,
        tail="short", tail_len=0.08, tail_r=0.025, tail_lift=-20,
    )
    params = quadruped_params(0.3, (0.08, 1.3), noun="turtle (shell length)", cartoon=0.3,
                              poses=("standing", "walking", "lying"))
    slots = (
        Slot("shell", "scales", color="#6B5A34", words=("shell", "carapace", "turtle"),
             colors=("#6B5A34", "#4F6B3A", "#7A5A3A", "#3E5A4A"), description="the shell"),
        Slot("body", "skin", color="#8C8B5A", words=("skin", "head", "legs", "body"),
             colors=("#8C8B5A", "#7A8A4A", "#9A8A6A"), description="head, legs and tail"),
        EYE_SLOT,
        Slot("markings", "scales", color="#A08A4E", words=("scutes", "pattern", "markings"),
             description="lighter scute centres"),
    )
    size = SizeEnvelope(min=(0.0444, 0.033, 0.0656), max=(1.43, 0.998, 1.7))

    def layout(self, p: dict[str, Any], pose: str) -> Layout:
        g = super().layout(p, pose)
        if pose == "lying":
            # tucked in: the head pulled back toward the shell
            pull = g.plan.neck_len * 0.8
            for name in ("neck_b", "head_c", "snout_a", "snout_b"):
                setattr(g, name, getattr(g, name) - np.array([0.0, pull * 0.3, pull]))
        return g

    def _shell(self, g: Layout, min_t: float) -> sdf.SDF:
        plan = g.plan
        c = g.trunk_c + np.array([0.0, plan.trunk_h * 0.15, 0.0])
        rx, rz = plan.trunk_w * 1.12, plan.trunk_len * 0.62
        dome = sdf.ellipsoid((rx, plan.trunk_h * 2.1, rz), center=c)
        dome = sdf.intersection(dome, sdf.half_space((0, -1, 0), c), k=min_t)
        rim = sdf.ellipsoid((rx * 1.04, plan.trunk_h * 0.3, rz * 1.04), center=c + np.array([0, plan.trunk_h * 0.1, 0]))
        plate = sdf.ellipsoid((rx * 0.9, plan.trunk_h * 0.35, rz * 0.92), center=c - np.array([0, plan.trunk_h * 0.25, 0]))
        return sdf.union(dome, rim, plate, k=plan.trunk_h * 0.25)

    def _scutes(self, g: Layout) -> list[sdf.SDF]:
        plan = g.plan
        c = g.trunk_c + np.array([0.0, plan.trunk_h * 0.15, 0.0])
        rx, ry, rz = plan.trunk_w * 1.12, plan.trunk_h * 2.1, plan.trunk_len * 0.62
        out = []
        for u, v in ((0.0, 0.0), (0.0, 0.5), (0.0, -0.5)):
            out.append((u, v))
        for k in range(6):
            a = math.radians(30 + 60 * k)
            out.append((0.62 * math.sin(a), 0.62 * math.cos(a)))
        regions = []
        for u, v in out:
            y = ry * math.sqrt(max(1 - u * u - v * v, 0.05))
            regions.append(sdf.sphere(plan.trunk_w * 0.3, c + np.array([u * rx, y, v * rz])))
        return regions

    def separate_parts(self, g: Layout, s: float, model: Model) -> None:
        shell = soft.scaled(self._shell(g, g.min_t), s)
        model.add("shell", soft.mesh(shell, g.voxel, atlas=False), self.material("shell"))
        patch = soft.patch(shell, soft.scaled(sdf.union(*self._scutes(g)), s), g.voxel * 0.7, g.voxel)
        if patch is not None:
            model.add("scutes", patch, self.material("markings"))
