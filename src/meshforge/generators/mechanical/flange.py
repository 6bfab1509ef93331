"""Pipe flange (EN 1092-1 style): a disc with a ring of bolt holes on a pitch circle (PCD), a bore for
the pipe, an optional raised sealing face and an optional weld neck; or a blind flange.

Default: DN50 PN16 slip-on plate flange: 165 mm outside diameter, 125 mm PCD, four 18 mm holes,
18 mm thick, 61.5 mm bore (for 60.3 mm pipe), 2 mm raised face of 102 mm. Lies flat, sealing face
down. Sizes are clamped so every combination stays a valid part (PCD between the bore and the rim).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim


@register
class FlangeGenerator(Generator):
    id = "flange"
    name = "Pipe flange"
    family = "mechanical"
    synonyms = ("pipe flange", "weld neck flange", "slip on flange", "blind flange", "plate flange",
                "companion flange", "flange plate")
    description = (
        "A pipe flange: a disc with N bolt holes on an exact pitch circle diameter, a pipe bore, an optional "
        "raised sealing face and weld-neck hub, or a blind (solid) flange; EN 1092-1 DN50 PN16 by default."
    )
    tags = ("mechanical", "manufacturing", "piping", "plumbing", "cad", "industrial")
    params = (
        Param("outer_diameter", "float", 0.165, 0.05, 1.0, "m", description="outside diameter D (165 mm)",
              words=("large", "small", "outside diameter"), sample_range=(0.12, 0.25)),
        Param("pcd", "float", 0.125, 0.03, 0.95, "m", description="bolt pitch circle diameter K (125 mm)",
              words=("pcd", "pitch circle", "bolt circle"), sample_range=(0.09, 0.2)),
        Param("bolt_holes", "int", 4, 3, 24, "count", description="number of bolt holes",
              words=("four holes", "eight holes", "bolt holes"), sample_range=(4, 8)),
        Param("hole_diameter", "float", 0.018, 0.004, 0.06, "m", description="bolt hole diameter L (18 mm)",
              words=("hole size",), sample_range=(0.014, 0.022)),
        Param("thickness", "float", 0.018, 0.004, 0.08, "m", description="flange thickness C (18 mm)",
              words=("thick", "thin"), sample_range=(0.014, 0.024)),
        Param("bore_diameter", "float", 0.0615, 0.01, 0.8, "m", description="bore for the pipe (61.5 mm)",
              words=("bore", "pipe size", "nominal diameter"), sample_range=(0.04, 0.09)),
        Param("style", "choice", "slip_on", choices=("slip_on", "weld_neck", "blind"),
              description="plate (slip-on), weld neck with a tapered hub, or blind (no bore)",
              words=("slip on", "weld neck", "blind", "blank")),
        Param("raised_face", "bool", True, description="raised sealing face (type B1)",
              words=("raised face", "flat face"), p_true=0.7),
    )
    slots = (
        Slot("metal", "steel", words=("flange", "metal"),
             choices=("steel", "stainless_steel", "cast_iron", "painted_metal", "brass"),
             description="the flange"),
    )
    size = SizeEnvelope(min=(0.05, 0.004, 0.05), max=(1.0, 0.36, 1.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R = p["outer_diameter"] / 2
        t = p["thickness"]
        n = p["bolt_holes"]
        blind = p["style"] == "blind"
        bore = 0.0 if blind else min(p["bore_diameter"] / 2, R * 0.75)
        hole_r = min(p["hole_diameter"] / 2, R * 0.12)
        # the pitch circle must leave metal outside the holes and around the bore / neck
        k_min = (bore + hole_r * 1.6) if not blind else hole_r * 2.5
        k = float(np.clip(p["pcd"] / 2, k_min, R - hole_r * 1.3))
        hole_r = min(hole_r, 0.45 * (R - k) + 0.45 * hole_r, np.pi * k / n * 0.42)
        rf_h = min(0.002, t * 0.15) if p["raised_face"] else 0.0
        rf_r = max(k - hole_r * 1.15, bore + 0.002)
        y0 = rf_h
        prof: list[tuple[float, float]] = []
        prof.append((bore, 0.0))
        if rf_h:
            prof += [(rf_r, 0.0), (rf_r, rf_h)]
        else:
            prof += [(rf_r, 0.0)]
        prof += [(R, y0), (R, y0 + t)]
        top = y0 + t
        if p["style"] == "weld_neck":
            pipe_r = bore + max(0.003, bore * 0.1)
            hub_base = min(pipe_r + (k - hole_r - pipe_r) * 0.6, k - hole_r * 1.1)
            neck = max(t * 1.6, bore * 0.9)
            prof += [(hub_base, top), (pipe_r, top + neck * 0.75), (pipe_r, top + neck)]
            top += neck
        prof.append((bore, top))
        if blind:
            prof = [(0.0, 0.0), *prof[1:-1], (0.0, top)]
            flange = prim.lathe(prof, segments=96, crease_deg=35.0)
        else:
            flange = prim.lathe(prof, segments=96, closed=True, crease_deg=35.0)
        holes = []
        for i in range(n):
            a = 2 * np.pi * (i + 0.5) / n
            holes.append(prim.cylinder(hole_r, top + 0.01, segments=24).translated((k * np.cos(a), -0.005, k * np.sin(a))))
        flange = csg.difference(flange, *holes, crease_deg=35.0)
        model.add("flange", flange, self.material("metal"))
        return model
