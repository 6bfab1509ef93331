"""Tree: a deciduous broadleaf tree (oak, maple, birch, willow-like) with a swept trunk, branches that
reach into the crown, and a lumpy crown of blended leaf clusters (SDF with noise).

Default: an 8 m tree with a round crown about 5 m across on a 35 cm trunk.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import catmull_rom, organic_mesh, solid_union, tube
from meshforge.geometry import sdf

LEAF_COLORS = ("#4E7A2E", "#5B8A34", "#3F6B2A", "#6E9A3A", "#C8642A", "#D9A32E")
BARK_COLORS = ("#6B5443", "#5A4636", "#7A6A5A", "#D8D4CC")


@register
class TreeGenerator(Generator):
    id = "tree"
    name = "Tree"
    family = "nature"
    synonyms = ("deciduous tree", "oak", "oak tree", "maple", "maple tree", "birch", "birch tree", "willow",
                "weeping willow", "elm", "beech", "ash tree", "broadleaf tree", "shade tree", "leafy tree",
                "autumn tree", "park tree")
    description = (
        "A deciduous broadleaf tree: a tapering, slightly leaning trunk that splits into branches reaching "
        "into a crown of lumpy leaf clusters; round (oak, maple), oval (birch, poplar) or weeping (willow) "
        "crown shapes."
    )
    tags = ("nature", "vegetation", "landscape", "gaming", "architecture")
    params = (
        Param("height", "float", 8.0, 3.0, 16.0, "m", description="ground to the top of the crown",
              words=("tall", "short", "small", "big", "young", "sapling", "mature"), sample_range=(6.0, 10.0)),
        Param("crown_shape", "choice", "round", choices=("round", "oval", "weeping"),
              description="outline of the leafy crown",
              words=("round crown", "oak", "maple", "oval", "birch", "poplar", "weeping", "willow", "drooping")),
        Param("crown_width", "float", 0.62, 0.35, 0.95, "ratio", description="crown diameter / tree height",
              words=("wide crown", "spreading", "narrow", "slender"), sample_range=(0.5, 0.75)),
        Param("crown_base", "float", 0.38, 0.15, 0.6, "ratio", description="height where the crown starts / height",
              words=("long trunk", "high crown", "low crown", "bushy"), sample_range=(0.3, 0.45)),
        Param("trunk_diameter", "float", 0.35, 0.1, 1.0, "m", description="trunk diameter at chest height",
              words=("thick trunk", "thin trunk", "stout", "old"), sample_range=(0.25, 0.45)),
        Param("branches", "int", 6, 3, 12, "count", description="main branches from the trunk",
              words=("six branches", "many branches", "few branches"), sample_range=(5, 8)),
        Param("leaf_clusters", "int", 10, 4, 20, "count", description="leaf clusters shaping the crown",
              words=("dense", "lumpy", "fluffy", "sparse"), sample_range=(7, 14)),
        Param("lean", "float", 3.0, 0.0, 15.0, "deg", description="how far the trunk leans from vertical",
              words=("leaning", "crooked", "straight"), sample_range=(0.0, 6.0)),
    )
    slots = (
        Slot("leaves", "foliage", color="#4E7A2E", words=("leaves", "leaf", "foliage", "crown", "canopy"),
             colors=LEAF_COLORS, description="the leafy crown"),
        Slot("bark", "bark", words=("bark", "trunk", "branches", "wood", "stem"), colors=BARK_COLORS,
             description="trunk and branches"),
    )
    size = SizeEnvelope(min=(0.5, 2.5, 0.5), max=(13.0, 16.6, 13.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        h = p["height"]
        shape = p["crown_shape"]
        cr = p["crown_width"] * h / 2
        if shape == "oval":
            cr *= 0.72
        y0 = p["crown_base"] * h
        r0 = p["trunk_diameter"] / 2
        lean = np.radians(p["lean"])
        az = rng.uniform(0, 2 * np.pi)
        lean_dir = np.array([np.cos(az), 0.0, np.sin(az)])
        # crown centre and half-height (the leafy mass reaches from y0 to h)
        ch = (h - y0) / 2
        cy = y0 + ch
        crown_c = np.array([0.0, cy, 0.0]) + lean_dir * np.tan(lean) * cy
        trunk_top = y0 + 0.45 * (cy + ch * 0.4 - y0)

        # trunk: a gently wandering spine with a root flare at the foot
        ts = np.linspace(0.0, 1.0, 5)
        ctrl = np.stack([np.zeros(5), ts * trunk_top, np.zeros(5)], axis=1)
        ctrl += lean_dir * np.tan(lean) * ctrl[:, 1:2]
        ctrl[2:, [0, 2]] += rng.normal(0, r0 * 0.35, (3, 2))
        ctrl[0] = (0.0, -0.02, 0.0)
        path = catmull_rom(ctrl, 18)
        t = np.linspace(0.0, 1.0, len(path))
        radii = r0 * (0.62 + 0.38 * (1 - t)) * (1 + 0.45 * np.exp(-t * 14))
        pieces = [tube(path, radii, segments=16)]

        # branches: spread around the trunk (golden angle), curving up and out into the crown
        n = p["branches"]
        tips = []
        golden = np.pi * (3 - np.sqrt(5))
        for i in range(n):
            f = (i + 0.5) / n
            start_t = 0.55 + 0.45 * f
            k = min(int(start_t * (len(path) - 1)), len(path) - 1)
            start = path[k]
            a = az + i * golden + rng.uniform(-0.3, 0.3)
            out = np.array([np.cos(a), 0.0, np.sin(a)])
            reach = cr * rng.uniform(0.5, 0.72)
            if shape == "weeping":
                tip = crown_c + out * reach + np.array([0.0, ch * rng.uniform(0.0, 0.35), 0.0])
                mid = start + out * reach * 0.45 + np.array([0.0, (tip[1] - start[1]) * 1.0 + ch * 0.15, 0.0])
            else:
                tip = crown_c + out * reach + np.array([0.0, ch * rng.uniform(-0.2, 0.55), 0.0])
                mid = start + out * reach * 0.35 + np.array([0.0, (tip[1] - start[1]) * 0.65, 0.0])
            bpath = catmull_rom([start - out * r0 * 0.3, mid, tip], 10)
            br = r0 * 0.42 * (1 - 0.55 * np.linspace(0, 1, len(bpath))) * (1.1 - 0.4 * f)
            pieces.append(tube(bpath, br, segments=10))
            tips.append(tip)
        model.add("trunk", solid_union(*pieces, crease_deg=70.0), self.material("bark"))

        # crown: a core ellipsoid plus leaf clusters at the branch tips and scattered on the outline
        if shape == "weeping":
            core = sdf.ellipsoid((cr * 0.85, ch * 0.75, cr * 0.85), center=crown_c + np.array([0.0, ch * 0.2, 0.0]))
        else:
            core = sdf.ellipsoid((cr * 0.78, ch * 0.8, cr * 0.78), center=crown_c)
        lobes = [core]
        lobe_r = max(cr, ch) * 0.38
        for tip in tips:
            lobes.append(sdf.sphere(lobe_r * rng.uniform(0.85, 1.1), center=tip))
        m = p["leaf_clusters"]
        for j in range(m):
            a = az + j * golden * 1.3 + rng.uniform(-0.2, 0.2)
            if shape == "weeping":
                continue
            y = rng.uniform(-0.55, 0.85)
            ring = np.sqrt(max(1 - y * y, 0.05))
            centre = crown_c + np.array([np.cos(a) * cr * 0.7 * ring, ch * 0.72 * y, np.sin(a) * cr * 0.7 * ring])
            lobes.append(sdf.sphere(lobe_r * rng.uniform(0.7, 1.0), center=centre))
        if shape == "weeping":
            # curtains of leafy twigs hanging from the crown's rim toward the ground
            for j in range(m // 2 + 8):
                a = az + 2 * np.pi * j / (m // 2 + 8) + rng.uniform(-0.15, 0.15)
                out = np.array([np.cos(a), 0.0, np.sin(a)])
                top = crown_c + out * cr * 0.78 + np.array([0.0, ch * rng.uniform(0.05, 0.4), 0.0])
                bottom = crown_c + out * cr * rng.uniform(0.95, 1.08)
                bottom[1] = max(h * rng.uniform(0.1, 0.32), 0.45)
                lobes.append(sdf.round_cone(top, bottom, cr * rng.uniform(0.17, 0.22), cr * rng.uniform(0.08, 0.12)))
        crown = sdf.smooth_union(*lobes, k=lobe_r * 0.4)
        crown = crown.displace(lobe_r * 0.13, 2.2 / lobe_r, int(rng.integers(1 << 30)), octaves=3)
        crown = crown & sdf.half_space((0, -1, 0), (0, 0.25, 0))
        model.add("crown", organic_mesh(crown, 48), self.material("leaves"))
        return model
