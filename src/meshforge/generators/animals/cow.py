"""Cow: a stylized dairy cow on the quadruped body plan: a big boxy body with black patches, a long head
with a pink muzzle, short horns, sideways ears, an udder, hooves and a tufted tail.

Default: 2.4 m from nose to rump, about 1.4 m at the withers.
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
class CowGenerator(QuadrupedGenerator):
    id = "cow"
    name = "Cow"
    synonyms = ("dairy cow", "holstein", "cattle", "bull", "ox", "calf", "heifer", "steer", "bovine")
    description = (
        "A stylized dairy cow: a big boxy body on straight legs with hooves, white with black patches, a long "
        "head with a pink muzzle, short horns and sideways ears, an udder and a tufted tail."
    )
    plan = Plan(
        trunk_len=0.6, trunk_h=0.155, trunk_w=0.125, chest=1.0, rump=1.0, height=0.44,
        leg_r=0.036, thigh=1.7, foot_r=0.036, foot="hoof", leg_x=0.62,
        neck_len=0.12, neck_angle=18, neck_r=0.085,
        head_r=0.075, head_len=1.3, snout_len=0.1, snout_r=0.068, snout_tip=1.0, snout_drop=38, nose="muzzle",
        eye_r=0.15, eye_elev=32, eye_azim=58,
        ear="oval", ear_len=0.075, ear_w=0.04, ear_thick=0.35, ear_elev=40, ear_azim=72, ear_roll=100,
        tail="tuft", tail_len=0.5, tail_r=0.012, tail_lift=-40,
    )
    params = quadruped_params(2.4, (1.0, 3.0), noun="cow", cartoon=0.25)
    slots = (
        Slot("body", "fur", color="#F4F1EA", words=("body", "hide", "cow", "fur"),
             colors=("#F4F1EA", "#F4F1EA", "#8A5A3A", "#EDE3D3"), description="the cow's hide and horns"),
        Slot("markings", "fur", color="#1E1B1A", words=("patches", "spots", "markings"), description="black patches and hooves"),
        EYE_SLOT,
        Slot("details", "skin", color="#E9A7A2", words=("muzzle", "nose", "udder"), description="pink muzzle and udder"),
    )
    size = SizeEnvelope(min=(0.256, 0.448, 0.765), max=(1.63, 3.14, 4.87))

    def extra_shapes(self, g: Layout) -> list[tuple[sdf.SDF, float]]:
        plan = g.plan
        hr = plan.head_r
        out = []
        for sgn in (1, -1):
            base = g.head_c + np.array([sgn * hr * 0.55, hr * 0.75, -hr * 0.1])
            pts = soft.bezier(base, base + np.array([sgn * hr * 0.5, hr * 0.1, 0]),
                              base + np.array([sgn * hr * 0.85, hr * 0.35, 0]), base + np.array([sgn * hr * 0.9, hr * 0.7, 0.02]), 4)
            out.append((soft.chain(pts, np.linspace(hr * 0.17, max(hr * 0.06, g.min_t / 2), 4)), hr * 0.1))
        udder_c = g.trunk_point((0, -plan.trunk_h * 0.95, -plan.trunk_len * 0.22))
        if g.pose in ("standing", "walking"):
            out.append((sdf.ellipsoid((plan.trunk_w * 0.45, plan.trunk_h * 0.35, plan.trunk_h * 0.45), center=udder_c),
                        plan.trunk_h * 0.3))
        return out

    def marking_regions(self, g: Layout, rng: np.random.Generator) -> list[sdf.SDF]:
        plan = g.plan
        out = []
        for _ in range(7):
            local = rng.uniform((-1.0, -0.2, -0.42), (1.0, 1.0, 0.42)) * np.array(
                [plan.trunk_w * 1.2, plan.trunk_h, plan.trunk_len])
            r = rng.uniform(0.55, 0.85) * plan.trunk_h
            out.append(sdf.ellipsoid((r, r * 0.8, r * 1.3), center=g.trunk_point(local)))
        out.append(sdf.sphere(g.plan.head_r * 0.55, g.head_c + np.array([g.plan.head_r * 0.5, g.plan.head_r * 0.4, 0])))
        out.append(self.hoof_region(g))
        return out

    def detail_regions(self, g: Layout) -> list[sdf.SDF]:
        plan = g.plan
        udder_c = g.trunk_point((0, -plan.trunk_h * 0.95, -plan.trunk_len * 0.22))
        tip = g.snout_b + g.snout_dir * g.snout_r * 0.2
        regions = [sdf.sphere(g.snout_r * 1.05, tip)]
        if g.pose in ("standing", "walking"):
            regions.append(sdf.ellipsoid((plan.trunk_w * 0.6, plan.trunk_h * 0.45, plan.trunk_h * 0.6),
                                         center=udder_c - np.array([0, plan.trunk_h * 0.15, 0])))
        return regions
