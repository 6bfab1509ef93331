"""Fountain: a tiered garden or plaza fountain: a round or octagonal basin with a moulded rim, a turned
pedestal carrying one to three diminishing bowls, a finial spout, water in every bowl and optional falling
water curtains from the bowl lips.

Default: a 3 m wide, ~2.4 m tall, two-tier marble fountain with water.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import block, merge, turned
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh


@register
class FountainGenerator(Generator):
    id = "fountain"
    name = "Fountain"
    family = "architecture"
    synonyms = ("water fountain", "garden fountain", "tiered fountain", "plaza fountain", "courtyard fountain",
                "birdbath", "bird bath", "town fountain", "stone fountain", "wishing fountain")
    description = (
        "A tiered fountain: a round or octagonal stone basin with a moulded rim, a turned pedestal carrying "
        "one to three bowls of diminishing size, a finial spout on top, water standing in the basin and bowls "
        "and optional thin curtains of water falling from each bowl lip; plaza, park and garden centrepiece."
    )
    tags = ("architecture", "garden", "outdoor", "park", "gaming", "classical")
    params = (
        Param("radius", "float", 1.5, 0.4, 5.0, "m", description="outer radius of the basin",
              words=("large", "small", "wide", "grand"), sample_range=(1.1, 2.0)),
        Param("basin_height", "float", 0.5, 0.2, 1.0, "m", description="height of the basin wall",
              words=("deep basin", "low basin"), sample_range=(0.4, 0.6)),
        Param("tiers", "int", 2, 0, 3, "count", description="bowls stacked on the pedestal",
              words=("two tiers", "three tiers", "single bowl", "tiered"), sample_range=(1, 3)),
        Param("height", "float", 2.4, 0.8, 6.0, "m", description="height to the top of the finial",
              words=("tall", "low"), sample_range=(1.8, 3.0)),
        Param("shape", "choice", "round", choices=("round", "octagonal"), description="basin plan",
              words=("round", "circular", "octagonal", "eight-sided")),
        Param("water", "bool", True, description="water in the basin and bowls", words=("with water", "dry",
              "empty"), p_true=0.85),
        Param("curtains", "bool", True, description="ribbons of water falling from the bowl lips",
              words=("flowing", "cascading", "running water", "still"), p_true=0.6),
    )
    slots = (
        Slot("stone", "marble", words=("stone", "marble", "basin", "bowls", "pedestal"),
             choices=("marble", "sandstone", "stone", "granite", "concrete", "bronze"), description="the fountain"),
        Slot("water", "water", words=("water",), description="water surfaces and curtains"),
    )
    size = SizeEnvelope(min=(0.8, 0.4, 0.8), max=(10.5, 6.0, 10.5))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R, bh, H = p["radius"], p["basin_height"], p["height"]
        seg = 8 if p["shape"] == "octagonal" else 64
        stone, water_m = self.material("stone"), self.material("water")
        wall = max(0.12, R * 0.1)
        floor = 0.12
        lip = wall * 0.35
        prof = [(0.0, 0.0), (R, 0.0), (R, bh - lip), (R + lip * 0.6, bh - lip * 0.6), (R + lip * 0.6, bh),
                (R - wall, bh), (R - wall, floor), (0.0, floor)]
        model.add("basin", prim.lathe(prof, segments=seg, crease_deg=40.0), stone)
        waters: list[Mesh] = []
        curtains: list[Mesh] = []
        basin_level = floor + max(0.04, (bh - floor) * 0.7)
        if p["water"]:
            waters.append(prim.cylinder(R - wall - 0.004, basin_level - floor + 0.001, segments=seg).translated(
                (0, floor - 0.001, 0)))
        n = p["tiers"]
        H = max(H, bh + 0.3)
        top_y = H - (0.25 if n else 0.0)
        col_r = max(0.08, R * 0.09)
        if n == 0:
            ped = self._pedestal(col_r, floor, H - floor)
            model.add("pedestal", ped, stone)
        else:
            levels = np.linspace(bh + (top_y - bh) / (n + 0.2), top_y - 0.12, n) if n > 1 else np.array([top_y - 0.12])
            bowl_rs = [R * 0.6 * (0.62 ** i) for i in range(n)]
            ped = self._pedestal(col_r, floor, levels[-1] - floor + 0.05)
            model.add("pedestal", ped, stone)
            bowls = []
            below = basin_level  # the water surface each curtain falls into
            for y, br in zip(levels, bowl_rs, strict=True):
                depth = min(0.22, br * 0.35)
                bt = 0.05
                a = np.linspace(0, 1, 8)
                under = np.stack([col_r * 1.1 + (br - col_r * 1.1) * a, y - depth * (1 - a ** 2) - bt], axis=1)
                bprof = np.vstack([[(0.0, y - depth - bt - 0.05)], under, [(br + 0.03, y), (br - 0.03, y + 0.02),
                                                                           (br - 0.05, y)],
                                   np.stack([(br - 0.05) * a[::-1], y - depth * (1 - a[::-1] ** 2) + 0.0], axis=1)[1:]])
                bprof = self._clean(bprof)
                bowls.append(prim.lathe(bprof, segments=min(seg, 48) if seg > 8 else 8, crease_deg=50.0))
                if p["water"]:
                    wr = br - 0.06
                    wy = y - 0.04
                    wprof = [(0.0, y - depth + 0.002), (wr * 0.3, y - depth * 0.91 + 0.002), (wr * np.sqrt(1 - 0.04 / depth)
                             if depth > 0.05 else wr * 0.9, wy), (0.0, wy)]
                    waters.append(prim.lathe(wprof, segments=48))
                    if p["curtains"] and y - 0.005 - below > 0.05:
                        # ribbons of water spilling from the lip down to the water below
                        ro = br + 0.04
                        k = max(8, int(2 * np.pi * ro / 0.25))
                        fall = y - 0.005 - below
                        for j in range(k):
                            ribbon = block((0.012, fall, min(0.07, ro * 0.3)), (ro, below + fall / 2, 0))
                            curtains.append(turned(ribbon, "y", 360.0 * (j + 0.5) / k))
                    below = wy
            model.add("bowls", merge(bowls), stone)
            fin = [(0.0, 0.0), (0.05, 0.0), (0.03, 0.08), (0.07, 0.16), (0.0, 0.27)]
            model.add("finial", prim.lathe(fin, segments=24, crease_deg=50.0).translated((0, top_y - 0.02, 0)), stone)
        if waters:
            model.add("water", merge(waters[:1]), water_m)
            for i, w in enumerate(waters[1:]):
                model.add(f"bowl_water_{i}", w, water_m)
        if curtains:
            model.add("curtains", merge(curtains), water_m)
        return model

    @staticmethod
    def _clean(prof: np.ndarray) -> np.ndarray:
        """Drop consecutive duplicate profile points."""
        keep = np.concatenate([[True], np.linalg.norm(np.diff(prof, axis=0), axis=1) > 1e-6])
        return prof[keep]

    @staticmethod
    def _pedestal(r: float, y0: float, h: float) -> Mesh:
        prof = [(0.0, 0.0), (r * 1.9, 0.0), (r * 1.9, 0.12), (r * 1.3, 0.2), (r, 0.3), (r * 0.85, h * 0.5),
                (r, h - 0.2), (r * 1.4, h - 0.08), (r * 1.4, h), (0.0, h)]
        return prim.lathe(prof, segments=32, crease_deg=50.0).translated((0, y0 - 0.001, 0))
