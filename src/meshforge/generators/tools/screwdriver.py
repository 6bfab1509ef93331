"""Screwdriver: a fluted plastic or wooden handle, a ferrule, a round steel shaft and a flat (slotted),
Phillips (cross) or Torx tip. Lies on the ground along X, tip at +X.

Default: a PH2 Phillips screwdriver, 100 mm blade of 6 mm shaft, 100 mm handle (total 210 mm).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.transform import rotation

TO_X = rotation("z", -90.0)  # +Y -> +X


@register
class ScrewdriverGenerator(Generator):
    id = "screwdriver"
    name = "Screwdriver"
    family = "tools"
    synonyms = ("phillips screwdriver", "flathead screwdriver", "flat screwdriver", "slotted screwdriver",
                "torx screwdriver", "turnscrew", "driver")
    description = (
        "A screwdriver: fluted two-tone handle with a ferrule, a round steel shaft, and a slotted, Phillips or Torx "
        "tip; lying on the ground."
    )
    tags = ("tools", "hardware", "workshop", "gaming", "props")
    params = (
        Param("tip", "choice", "phillips", choices=("phillips", "slotted", "torx"), description="tip type",
              words=("phillips", "cross head", "flat head", "slotted", "torx", "star")),
        Param("shaft_length", "float", 0.1, 0.03, 0.3, "m", description="blade length (100 mm)",
              words=("long", "stubby", "short"), sample_range=(0.075, 0.15)),
        Param("shaft_diameter", "float", 0.006, 0.003, 0.01, "m", description="shaft diameter (6 mm)",
              words=("thin", "thick", "precision"), sample_range=(0.005, 0.007)),
        Param("handle_length", "float", 0.1, 0.04, 0.14, "m", description="handle length (100 mm)",
              words=("big handle", "stubby"), sample_range=(0.09, 0.11)),
        Param("flutes", "int", 6, 0, 10, "count", description="grip flutes around the handle (0 = round)",
              words=("fluted", "ribbed", "round handle"), sample_range=(4, 8)),
    )
    slots = (
        Slot("handle", "glossy_plastic", color="#C62828", words=("handle", "grip"),
             choices=("glossy_plastic", "matte_plastic", "oak", "rubber"),
             colors=("#C62828", "#F9A825", "#1565C0", "#2E7D32", "#1E1E1E"), description="handle"),
        Slot("accent", "rubber", color="#1E1E1E", words=("grip", "soft grip", "rubber", "band"),
             colors=("#1E1E1E", "#F9A825", "#3A3A3A"), description="soft grip band"),
        Slot("metal", "chrome", words=("shaft", "blade", "tip", "metal"), choices=("chrome", "steel", "black_metal"),
             description="shaft and tip"),
    )
    size = SizeEnvelope(min=(0.07, 0.015, 0.015), max=(0.46, 0.055, 0.055))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        hl, sl, d = p["handle_length"], p["shaft_length"], p["shaft_diameter"]
        R = max(0.014, d * 2.3) * (hl / 0.1) ** 0.3
        n = p["flutes"]
        k = 72
        th = np.linspace(0, 2 * np.pi, k, endpoint=False)
        groove = R * 0.12
        base = R - groove * (np.clip(np.cos(n * th), 0, 1) ** 3 if n else 0.0)
        levels = [(0.0, 0.78), (hl * 0.04, 0.95), (hl * 0.1, 1.0), (hl * 0.7, 0.98), (hl * 0.85, 0.8), (hl * 0.95, 0.55),
                  (hl, 0.45)]
        rings = []
        for y, f in levels:
            rr = base * f if f > 0.7 else np.full(k, R * f)
            rings.append(np.stack([rr * np.cos(th), np.full(k, y), rr * np.sin(th)], axis=1))
        handle = prim.loft(rings, crease_deg=50.0)
        cy = R  # lying: the handle's axis is R above the ground
        model.add("handle", handle.transformed(TO_X).translated((0, cy, 0)), self.material("handle"))
        band = prim.lathe([(0, hl * 0.2), (R * 1.01, hl * 0.2), (R * 1.02, hl * 0.25), (R * 1.02, hl * 0.6),
                           (R * 1.01, hl * 0.65), (0, hl * 0.65)], segments=48)
        band = csg.intersection(band, prim.loft([r * [1.025, 1.0, 1.025] for r in rings]))
        model.add("grip_band", band.transformed(TO_X).translated((0, cy, 0)), self.material("accent"))
        shaft = prim.cylinder(d / 2, sl - d * 1.5 + hl * 0.3, segments=20).translated((0, hl * 0.7, 0))
        ferrule = prim.cylinder(d * 0.9, hl * 0.08, segments=24, bevel=d * 0.2).translated((0, hl * 0.96, 0))
        tip_y = hl + sl
        if p["tip"] == "slotted":
            tip = prim.lathe([(0, tip_y - d * 1.5 - 0.001), (d / 2, tip_y - d * 1.5 - 0.001), (d * 0.62, tip_y - d * 0.4),
                              (d * 0.62, tip_y), (0, tip_y)], segments=20)
            tip = csg.intersection(tip, prim.box((d * 2, d * 4, d * 0.22 + 0.0004)).translated((0, tip_y - d, 0)))
            blade = prim.box((d * 1.24, d * 1.6, d * 0.22 + 0.0004)).translated((0, tip_y - d * 0.8, 0))
            tip = csg.union(tip, csg.intersection(blade, prim.cylinder(d * 0.62, tip_y, segments=20)))
        else:
            cone = prim.cone(d / 2, d * 1.5 + 0.001, d * 0.12, segments=24).translated((0, tip_y - d * 1.5 - 0.001, 0))
            if p["tip"] == "phillips":
                grooves = [prim.box((d * 0.16, d * 1.4, d * 1.2)).transformed(rotation("y", a) @ rotation("x", -18.0))
                           .translated((0, tip_y - d * 0.4, 0)) for a in (0.0, 90.0)]
                tip = csg.difference(cone, *[g.translated((0, 0, 0)) for g in grooves])
            else:
                star = prim.extrude(np.array([(np.cos(a) * r, np.sin(a) * r) for a, r in zip(
                    np.radians(np.arange(12) * 30.0), np.tile([d * 0.45, d * 0.3], 6), strict=True)]), d * 1.2)
                tip = csg.union(prim.cylinder(d * 0.42, 0.001 + d * 0.2, segments=20).translated((0, tip_y - d * 1.4, 0)),
                                star.translated((0, tip_y - d * 1.2, 0)))
        metal = csg.union(shaft, ferrule, tip, crease_deg=40.0)
        model.add("shaft", metal.transformed(TO_X).translated((0, cy, 0)), self.material("metal"))
        return model
