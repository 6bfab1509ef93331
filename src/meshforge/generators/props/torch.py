"""Torch: a hand-held or wall torch: a tapered wooden handle with iron bands, a head of pitch-soaked cloth
wraps or an iron fire basket, and a twisting flame.

Default: a 0.6 m torch (flame included) with a cloth-wrapped head, lit.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import band, merge
from meshforge.geometry import csg, sdf
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh


@register
class TorchGenerator(Generator):
    id = "torch"
    name = "Torch"
    family = "props"
    synonyms = ("flaming torch", "hand torch", "wall torch", "fire torch", "brand", "flambeau", "tiki torch",
                "burning torch", "dungeon torch")
    description = (
        "A medieval torch: a tapered wooden stick with iron bands, topped by a bundle of pitch-soaked cloth "
        "wraps or an iron cage basket of coals, with a twisting flame that glows; dungeon and castle prop."
    )
    tags = ("gaming", "props", "medieval", "fantasy", "light")
    params = (
        Param("length", "float", 0.45, 0.2, 1.5, "m", description="handle length including the head",
              words=("long", "short", "tall", "tiki"), sample_range=(0.38, 0.6)),
        Param("radius", "float", 0.02, 0.01, 0.04, "m", description="handle radius at the top",
              words=("thick", "thin"), sample_range=(0.017, 0.024)),
        Param("head_style", "choice", "cloth", choices=("cloth", "basket"), description="what burns on top",
              words=("cloth wrapped", "rag", "basket", "cage", "brazier")),
        Param("lit", "bool", True, description="burning, with a flame", words=("lit", "burning", "unlit", "out"),
              p_true=0.85),
        Param("flame_height", "float", 0.16, 0.06, 0.35, "m", description="height of the flame",
              words=("big flame", "small flame", "roaring"), sample_range=(0.12, 0.2)),
        Param("bands", "int", 2, 0, 4, "count", description="iron bands on the handle",
              words=("two bands", "rings"), sample_range=(1, 3)),
    )
    slots = (
        Slot("handle", "oak", words=("handle", "stick", "wood", "shaft"),
             choices=("oak", "weathered_wood", "walnut", "bark"), description="wooden handle"),
        Slot("metal", "black_metal", words=("metal", "bands", "basket", "cage", "iron"),
             choices=("black_metal", "iron", "rusty_iron", "brass"), description="bands and basket"),
        Slot("flame", "glow", color="#FF8A1E", words=("flame", "fire"),
             colors=("#FF8A1E", "#FFB23A", "#FF6A1A", "#5AC8FF", "#7CFF6A"), description="the flame"),
        Slot("wraps", "linen", color="#4A3A2A", words=("cloth", "wraps", "rags"), choices=("linen", "fabric"),
             description="cloth wraps or coals"),
    )
    size = SizeEnvelope(min=(0.03, 0.2, 0.03), max=(0.2, 1.9, 0.2))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L, r = p["length"], p["radius"]
        head_h = min(0.14, L * 0.3)
        ys = np.linspace(0, L - head_h * 0.5, 12)
        rad = r * (0.78 + 0.22 * ys / ys[-1])
        prof = np.vstack([[(0.0, 0.0)], np.stack([rad, ys], axis=1), [(0.0, ys[-1])]])
        prof[1, 1] = 0.0
        model.add("handle", prim.lathe(prof, segments=20, crease_deg=50.0), self.material("handle"))

        metal = []
        if p["bands"]:
            for f in np.linspace(0.25, 0.7, p["bands"]):
                y0 = f * (L - head_h)
                metal.append(band(lambda y: r * (0.78 + 0.22 * y / ys[-1]), y0, y0 + 0.014, 0.0025, inset=0.001,
                                  segments=24, steps=2))
        top = L - head_h
        if p["head_style"] == "cloth":
            hy = np.linspace(0, head_h, 25)
            hr = r * 1.05 + r * 0.55 * np.sin(np.pi * hy / head_h) ** 0.6 + 0.0025 * np.abs(np.sin(hy / head_h * np.pi * 5))
            hp = np.vstack([[(0.0, 0.0)], np.stack([hr, hy], axis=1), [(0.0, head_h)]])
            wraps = prim.lathe(hp, segments=24, crease_deg=60.0).translated((0, top, 0))
            model.add("wraps", wraps, self.material("wraps"))
            flame_base = L - 0.02
        else:
            cup = r * 1.9
            bars = []
            for i in range(6):
                a = 2 * np.pi * i / 6
                lo = (np.cos(a) * r * 0.8, top, np.sin(a) * r * 0.8)
                hi = (np.cos(a) * cup, L, np.sin(a) * cup)
                bars.append(prim.cylinder_between(lo, hi, 0.003, segments=8))
            ring = prim.torus(cup, 0.0035, segments=28, tube_segments=8).translated((0, L - 0.0035, 0))
            collar = prim.cylinder(r * 1.05, 0.02, segments=20).translated((0, top - 0.005, 0))
            metal.append(csg.union(ring, collar, *bars))
            coals = prim.sphere(cup * 0.8, segments=16).transformed(np.diag([1.0, 0.7, 1.0, 1.0]))
            model.add("wraps", coals.translated((0, L - cup * 0.45, 0)), self.material("wraps"))
            flame_base = L - cup * 0.2
        if metal:
            model.add("metal", merge(metal), self.material("metal"))
        if p["lit"]:
            model.add("flame", self._flame(p["flame_height"], r * 1.5, rng).translated((0, flame_base, 0)),
                      self.material("flame"))
        return model

    @staticmethod
    def _flame(h: float, r: float, rng: np.random.Generator) -> Mesh:
        """Three tongues of fire: teardrops smooth-unioned and twisted."""
        main = sdf.round_cone((0, r, 0), (0, h - 0.004, 0), r, 0.003)
        tongues = [main]
        for i in range(3):
            a = 2 * np.pi * i / 3 + float(rng.uniform(0, 1))
            off = (np.cos(a) * r * 0.6, r * 0.8, np.sin(a) * r * 0.6)
            tip = (np.cos(a) * r * 0.9, h * float(rng.uniform(0.5, 0.75)), np.sin(a) * r * 0.9)
            tongues.append(sdf.round_cone(off, tip, r * 0.6, 0.002))
        shape = sdf.smooth_union(*tongues, k=r * 0.5).twist(2.5 / h)
        return sdf.to_mesh(shape, resolution=44, simplify_tolerance=0.0)
