"""Ladder: a straight ladder of two side rails joined by evenly spaced rungs; wooden (square rails, round
rungs) or metal (tube rails, flat treads), optionally splayed wider at the foot.

Default: a 2.4 m wooden ladder, 45 cm wide, with 8 rungs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import block, merge
from meshforge.geometry import primitives as prim


@register
class LadderGenerator(Generator):
    id = "ladder"
    name = "Ladder"
    family = "props"
    synonyms = ("wooden ladder", "step ladder", "rung ladder", "metal ladder", "aluminium ladder", "loft ladder",
                "climbing ladder", "orchard ladder")
    description = (
        "A straight ladder: two side rails, square timber or round metal tubes, joined by rungs (round "
        "dowels or flat ribbed treads), parallel or splayed wider at the foot; climbable level prop."
    )
    tags = ("gaming", "props", "tool", "industrial", "farm", "architecture")
    params = (
        Param("height", "float", 2.4, 0.8, 6.0, "m", description="height of the ladder",
              words=("tall", "short", "long"), sample_range=(1.8, 3.2)),
        Param("width", "float", 0.45, 0.28, 0.8, "m", description="outer width at the top",
              words=("wide", "narrow"), sample_range=(0.38, 0.52)),
        Param("rungs", "int", 8, 2, 24, "count", description="number of rungs",
              words=("8 rungs", "ten rungs", "steps"), sample_range=(6, 10)),
        Param("style", "choice", "wood", choices=("wood", "metal"), description="construction",
              words=("wooden", "metal", "aluminium", "steel")),
        Param("splay", "float", 1.15, 1.0, 1.5, "ratio", description="width at the foot / width at the top",
              words=("splayed", "flared", "straight"), sample_range=(1.0, 1.25)),
        Param("rail_thickness", "float", 0.045, 0.025, 0.08, "m", description="thickness of the side rails",
              words=("sturdy", "thick rails", "light", "thin rails"), sample_range=(0.038, 0.055)),
    )
    slots = (
        Slot("rails", "pine", words=("rails", "sides", "stiles", "frame", "ladder"),
             choices=("pine", "oak", "weathered_wood", "brushed_aluminium", "steel"), description="side rails"),
        Slot("rungs", "pine", words=("rungs", "steps", "treads"),
             choices=("pine", "oak", "weathered_wood", "brushed_aluminium"), description="rungs"),
    )
    size = SizeEnvelope(min=(0.28, 0.8, 0.025), max=(1.25, 6.0, 0.13))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        H, w, t = p["height"], p["width"], p["rail_thickness"]
        wb = w * p["splay"]
        metal = p["style"] == "metal"
        depth = t * (1.0 if metal else 1.5)

        def rail_x(y: float | np.ndarray, side: int) -> np.ndarray:
            half = (wb + (w - wb) * np.asarray(y) / H) / 2 - t / 2
            return side * half

        rails = []
        for side in (-1, 1):
            a = np.array([rail_x(0.0, side), 0.0, 0.0])
            b = np.array([rail_x(H, side), H, 0.0])
            if metal:
                rails.append(prim.cylinder_between(a, b, t / 2, segments=20))
            else:
                rings = []
                for y, x in ((0.0, a[0]), (H, b[0])):
                    sq = np.array([(-t / 2, -depth / 2), (t / 2, -depth / 2), (t / 2, depth / 2), (-t / 2, depth / 2)])
                    rings.append(np.stack([sq[:, 0] + x, np.full(4, y), sq[:, 1]], axis=1))
                rails.append(prim.loft(rings, crease_deg=30.0))
        model.add("rails", merge(rails), self.material("rails"))

        n = p["rungs"]
        gap = H / (n + 1)
        rungs = []
        for i in range(n):
            y = gap * (i + 1)
            x0, x1 = float(rail_x(y, -1)), float(rail_x(y, 1))
            if metal:
                rungs.append(block((x1 - x0, 0.03, depth * 1.1), (0, y, 0), bevel=0.004))
            else:
                r = min(0.016, t * 0.38)
                rungs.append(prim.cylinder_between((x0, y, 0), (x1, y, 0), r, segments=14))
        model.add("rungs", merge(rungs), self.material("rungs"))
        return model
