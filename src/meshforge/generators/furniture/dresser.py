"""Dresser: a chest of drawers, one or two columns of drawers in a case on a plinth, legs or bun feet.

Default: 0.9 m wide, 0.85 m tall, 48 cm deep, four drawers with bar pulls on tapered legs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.furniture._casework import (
    CASE_WOODS,
    FRONT_T,
    HANDLE_METALS,
    HANDLE_STYLES,
    add_base,
    add_carcass,
    add_drawers,
    slab,
)


@register
class DresserGenerator(Generator):
    id = "dresser"
    name = "Dresser"
    family = "furniture"
    synonyms = ("chest of drawers", "drawer chest", "bureau", "commode", "tallboy", "lowboy", "highboy",
                "double dresser", "chest", "drawers")
    description = (
        "A dresser or chest of drawers: a case with one or two columns of drawers, each with knobs, bar or cup "
        "pulls, a slightly overhanging top, on tapered legs, a plinth or bun feet."
    )
    tags = ("furniture", "interior", "architecture", "gaming")
    params = (
        Param("width", "float", 0.9, 0.45, 2.0, "m", description="overall width (X)",
              words=("wide", "narrow", "double"), sample_range=(0.7, 1.5)),
        Param("height", "float", 0.85, 0.5, 1.6, "m", description="overall height", words=("tall", "low", "tallboy"),
              sample_range=(0.75, 1.2)),
        Param("depth", "float", 0.48, 0.35, 0.6, "m", description="overall depth (Z)", words=("deep", "shallow"),
              sample_range=(0.42, 0.5)),
        Param("drawers", "int", 4, 1, 8, "count", description="drawers in each column",
              words=("three drawers", "four drawers", "five drawers"), sample_range=(3, 6)),
        Param("columns", "int", 1, 1, 3, "count", description="columns of drawers side by side",
              words=("double", "two columns", "side by side"), sample_range=(1, 2)),
        Param("front_style", "choice", "flat", choices=("flat", "shaker"), description="drawer front look",
              words=("shaker", "flat fronts", "panelled")),
        Param("handle_style", "choice", "bar", choices=HANDLE_STYLES, description="pulls",
              words=("knobs", "bar handles", "cup pulls", "handleless")),
        Param("base", "choice", "legs", choices=("legs", "plinth", "feet"), description="what it stands on",
              words=("on legs", "plinth", "bun feet")),
        Param("top_overhang", "float", 0.015, 0.0, 0.04, "m", description="how far the top overhangs",
              words=("overhanging top", "flush top"), sample_range=(0.0, 0.025)),
    )
    slots = (
        Slot("wood", "oak", words=("wood", "body", "case", "drawers", "frame"), choices=CASE_WOODS,
             description="case and drawer fronts"),
        Slot("handles", "black_metal", words=("handles", "knobs", "pulls", "hardware", "legs"), choices=HANDLE_METALS,
             description="pulls and metal legs"),
    )
    size = SizeEnvelope(min=(0.45, 0.5, 0.35), max=(2.1, 1.6, 0.65))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        wood = self.material("wood")
        metal = self.material("handles")
        W, H, D = p["width"], p["height"], p["depth"]
        b = 0.02
        base_h = min({"plinth": 0.07, "legs": 0.15, "feet": 0.06}[p["base"]], H * 0.2)
        add_base(model, p["base"], W, D, base_h, wood, wood)
        add_carcass(model, W, H, D - FRONT_T, base_h, b, wood, top_overhang=p["top_overhang"])
        z_front = (D - FRONT_T) / 2
        cols = p["columns"]
        pitch = (W - 2 * b) / cols
        n = p["drawers"]
        y0, y1 = base_h + b, H - b - 0.002
        # very short drawers look wrong; cap the count by what fits at 9 cm each
        n = max(1, min(n, int((y1 - y0) / 0.09)))
        for c in range(cols):
            x = -W / 2 + b + pitch * (c + 0.5)
            add_drawers(model, f"drawer_{c}", n, x, pitch, y0, y1, z_front, wood, metal, p["front_style"],
                        p["handle_style"])
        if cols > 1:
            for c in range(1, cols):
                x = -W / 2 + b + pitch * c
                model.add(f"divider_{c}", slab((b, y1 - y0, 0.02), (x, (y0 + y1) / 2, z_front - 0.012)), wood)
        return model
