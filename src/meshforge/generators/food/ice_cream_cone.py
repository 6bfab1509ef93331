"""Ice cream cone: a waffle cone with a criss-cross grid and a rolled rim holding one to three stacked
scoops of ice cream, each with a melting lip and drips, and an optional cherry on top.

Default: a 12 cm waffle cone with two scoops, about 19 cm tall.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.food._fruit import stem
from meshforge.generators.nature._shapes import organic_mesh, solid_union
from meshforge.geometry import primitives as prim
from meshforge.geometry import sdf
from meshforge.geometry.mesh import Mesh


@register
class IceCreamConeGenerator(Generator):
    id = "ice_cream_cone"
    name = "Ice cream cone"
    family = "food"
    synonyms = ("ice cream", "cone", "waffle cone", "gelato", "ice-cream cone", "ice cream scoop",
                "double scoop", "triple scoop", "sugar cone", "cornet")
    description = (
        "An ice cream cone: a waffle cone with a criss-cross grid and rolled rim, holding one to three "
        "stacked scoops that melt into a soft lip with a few drips, optionally topped with a cherry."
    )
    tags = ("food", "dessert", "summer", "snack", "gaming")
    params = (
        Param("scoops", "int", 2, 1, 3, "count", description="stacked scoops",
              words=("two scoops", "double", "triple", "single scoop"), sample_range=(1, 3)),
        Param("cone_height", "float", 0.12, 0.06, 0.2, "m", description="height of the cone",
              words=("tall cone", "short cone", "big", "small"), sample_range=(0.11, 0.14)),
        Param("cone_diameter", "float", 0.055, 0.03, 0.09, "m", description="cone diameter at the rim",
              words=("wide cone", "narrow"), sample_range=(0.05, 0.06)),
        Param("scoop_size", "float", 1.15, 0.9, 1.4, "ratio", description="scoop diameter / cone rim diameter",
              words=("big scoops", "generous", "small scoops"), sample_range=(1.05, 1.25)),
        Param("drips", "int", 4, 0, 10, "count", description="drips running from the lowest scoop",
              words=("melting", "dripping", "no drips"), sample_range=(2, 6)),
        Param("cherry", "bool", False, description="a cherry on top", words=("cherry", "cherry on top"), p_true=0.35),
    )
    slots = (
        Slot("ice_cream", "cream", color="#F6C9D5", words=("ice cream", "scoop", "scoops", "gelato", "flavor"),
             colors=("#F6C9D5", "#F7EDD2", "#6B3F24", "#B9E3C6", "#F7E08A", "#C7B4E8"), description="the scoops"),
        Slot("second_flavor", "cream", color="#F7EDD2", words=("second scoop", "second flavor", "top scoop"),
             colors=("#F7EDD2", "#6B3F24", "#F6C9D5", "#B9E3C6"), description="alternate scoops"),
        Slot("cone", "bread", color="#D9A35A", words=("cone", "waffle", "wafer"), description="the waffle cone"),
        Slot("cherry", "fruit_skin", color="#B5121B", words=("cherry", "topping"), description="the cherry"),
    )
    size = SizeEnvelope(min=(0.035, 0.09, 0.035), max=(0.16, 0.5, 0.16))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        ch = p["cone_height"]
        R = p["cone_diameter"] / 2
        rim = max(R * 0.09, 0.0025)
        # cone: pointed bottom, straight flanks, rolled rim; the top is a shallow dish under the scoop
        prof = np.array([(0.0, 0.0), (R * 0.06, ch * 0.02)] + [(R * t, ch * t) for t in np.linspace(0.06, 1.0, 28)[1:]]
                        + [(R + rim * 0.6, ch + rim * 0.2), (R + rim * 0.5, ch + rim * 1.2), (R - rim * 0.2, ch + rim * 1.3),
                           (R - rim * 0.6, ch + rim * 0.6), (0.0, ch + rim * 0.4)])
        cone = prim.lathe(prof, segments=64, crease_deg=60.0)
        v = cone.vertices.copy()
        rad = np.hypot(v[:, 0], v[:, 2])
        th = np.arctan2(v[:, 2], v[:, 0])
        # waffle: two families of helical grooves pressed into the flanks
        cell = R * 0.45
        s = th * R
        a = np.abs(np.sin(np.pi * (s + v[:, 1]) / cell))
        b = np.abs(np.sin(np.pi * (s - v[:, 1]) / cell))
        groove = (1 - np.clip(np.minimum(a, b) * 6, 0, 1)) * R * 0.05
        flank = (v[:, 1] > ch * 0.04) & (v[:, 1] < ch * 0.97) & (rad > 1e-6)
        scale = np.where(flank, np.maximum(rad - groove, rad * 0.9) / np.maximum(rad, 1e-12), 1.0)
        v[:, 0] *= scale
        v[:, 2] *= scale
        cone = Mesh(v, cone.faces, None, cone.uvs).with_normals(60.0)
        model.add("cone", cone, self.material("cone"))

        rs = R * p["scoop_size"]
        seed = int(rng.integers(1 << 30))
        cy = ch + rs * 0.45
        for i in range(p["scoops"]):
            ball = sdf.sphere(rs, center=(0, cy, 0)).scale(1.0)
            lip = sdf.torus(rs * 0.86, rs * 0.2, center=(0, cy - rs * 0.5, 0))
            parts = [ball, lip]
            if i == 0:
                for k in range(p["drips"]):
                    a = 2 * np.pi * k / max(p["drips"], 1) + rng.uniform(-0.4, 0.4)
                    out = np.array([np.cos(a), 0.0, np.sin(a)])
                    top = out * rs * 0.92 + np.array([0, cy - rs * 0.45, 0])
                    length = rs * rng.uniform(0.35, 0.8)
                    parts.append(sdf.round_cone(top, top + out * rs * 0.05 - np.array([0, length, 0]), rs * 0.14, rs * 0.1))
            scoop = sdf.smooth_union(*parts, k=rs * 0.2)
            scoop = scoop.displace(rs * 0.05, 3.5 / rs, seed + i, octaves=3)
            if i == 0:
                # sits in the cone: cut flat where it meets the rim's dish
                scoop = scoop & sdf.half_space((0, -1, 0), (0, ch - rim, 0))
            slot = "ice_cream" if i % 2 == 0 else "second_flavor"
            mesh = organic_mesh(scoop, 44)
            model.add("scoop" if p["scoops"] == 1 else f"scoop_{i}", mesh, self.material(slot))
            top_y = cy + rs
            cy += rs * 1.3
        if p["cherry"]:
            cr = R * 0.35
            c = np.array([0.0, top_y + cr * 0.6, 0.0])
            cherry = prim.sphere(cr, segments=20).translated(c)
            st = stem(c + np.array([0.0, cr * 0.85, 0.0]), cr * 1.8, max(cr * 0.08, 0.0008), rng)
            model.add("cherry", solid_union(cherry, st), self.material("cherry"))
        return model
