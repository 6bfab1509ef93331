"""Cheese wedge: a wedge cut from a round wheel of cheese, with a rind on the curved back and optional
round holes (Swiss / Emmental style) breaking through its faces.

Default: a 12 cm long, 6 cm tall wedge with a 40 degree angle and holes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import solid_difference, solid_union
from meshforge.geometry import primitives as prim


def sector(r0: float, r1: float, angle_deg: float, n: int = 24) -> np.ndarray:
    """(K, 2) outline of an annular sector (r0 = 0 gives a pie slice) centred on the +X axis."""
    a = np.radians(angle_deg) / 2
    t = np.linspace(-a, a, n)
    outer = np.stack([r1 * np.cos(t), r1 * np.sin(t)], axis=1)
    if r0 <= 0:
        return np.vstack([[(0.0, 0.0)], outer])
    inner = np.stack([r0 * np.cos(t[::-1]), r0 * np.sin(t[::-1])], axis=1)
    return np.vstack([outer, inner])


@register
class CheeseWedgeGenerator(Generator):
    id = "cheese_wedge"
    name = "Cheese wedge"
    family = "food"
    synonyms = ("cheese", "wedge of cheese", "swiss cheese", "emmental", "cheddar", "gouda", "piece of cheese",
                "cheese slice", "cheese block", "brie wedge")
    description = (
        "A wedge cut from a round wheel of cheese: a pale paste with a darker rind on the curved back, "
        "and optionally round holes that break through its faces like Swiss Emmental."
    )
    tags = ("food", "dairy", "kitchen", "still life", "gaming", "cartoon")
    params = (
        Param("length", "float", 0.12, 0.04, 0.4, "m", description="from the tip to the rind (the wheel's radius)",
              words=("big", "large", "small", "long"), sample_range=(0.1, 0.16)),
        Param("height", "float", 0.06, 0.015, 0.2, "m", description="height of the wedge",
              words=("tall", "thick", "thin", "flat"), sample_range=(0.05, 0.08)),
        Param("angle", "float", 40.0, 15.0, 120.0, "deg", description="angle of the wedge at its tip",
              words=("wide wedge", "narrow wedge", "slice"), sample_range=(32.0, 55.0)),
        Param("holes", "bool", True, description="round holes (Swiss cheese)", words=("holes", "swiss", "emmental",
                                                                                      "holey"), p_true=0.6),
        Param("hole_count", "int", 9, 1, 30, "count", description="number of holes", words=("many holes", "few holes"),
              sample_range=(6, 12)),
        Param("rind", "bool", True, description="a rind on the curved back", words=("rind", "wax coat", "crust"),
              p_true=0.8),
    )
    slots = (
        Slot("cheese", "cream", color="#F3CF5A", words=("cheese", "paste", "wedge"),
             colors=("#F3CF5A", "#F6E3A0", "#F0B84A", "#FBF3DC"), description="the cheese"),
        Slot("rind", "wax", color="#D9A441", words=("rind", "wax", "coat", "skin"),
             colors=("#D9A441", "#B8322A", "#E6D7AE", "#2E2A26"), description="the rind"),
    )
    size = SizeEnvelope(min=(0.015, 0.015, 0.01), max=(0.42, 0.21, 0.42))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L, H, ang = p["length"], p["height"], p["angle"]
        bevel = min(H, L) * 0.02
        rind_t = max(L * 0.04, 0.002)
        core_r = L - (rind_t if p["rind"] else 0.0)
        body = prim.extrude(sector(0.0, core_r + rind_t * 0.3, ang), H, bevel=bevel, bevel_segments=2)
        rind = None
        if p["rind"]:
            rind = prim.extrude(sector(core_r, L, ang, 32), H, bevel=bevel * 0.8, bevel_segments=2)
        if p["holes"]:
            holes = []
            half = np.radians(ang) / 2
            for _ in range(p["hole_count"] * 4):
                if len(holes) >= p["hole_count"]:
                    break
                hr = min(H, L) * rng.uniform(0.08, 0.2)
                rr = rng.uniform(0.25, 1.0) * core_r
                t = rng.uniform(-half, half) * 1.05
                y = rng.uniform(0.15, 0.85) * H
                face = rng.integers(4)
                # most holes sit on a face (they show as craters), the rest stay hidden inside
                if face == 0:
                    y = H + hr * rng.uniform(-0.5, 0.2)
                elif face in (1, 2):
                    t = (half if face == 1 else -half)
                    rr = rng.uniform(0.3, 0.9) * core_r
                c = np.array([rr * np.cos(t), y, rr * np.sin(t)])
                if all(np.linalg.norm(c - q) > hr + qr + min(H, L) * 0.03 for q, qr in holes):
                    holes.append((c, hr))
            cutters = [prim.sphere(hr, segments=20).translated(c) for c, hr in holes]
            if cutters:
                cut = solid_union(*cutters)
                body = solid_difference(body, cut, crease_deg=50.0)
                if rind is not None:
                    rind = solid_difference(rind, cut, crease_deg=50.0)
        model.add("cheese", body, self.material("cheese"))
        if rind is not None:
            model.add("rind", rind, self.material("rind"))
        return model
