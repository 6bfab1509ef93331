"""Nightstand: a small bedside cabinet with one to three drawers, an optional open shelf, on legs.

Default: 45 cm wide, 55 cm tall, 40 cm deep, two drawers with knobs on tapered legs.
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
class NightstandGenerator(Generator):
    id = "nightstand"
    name = "Nightstand"
    family = "furniture"
    synonyms = ("bedside table", "night table", "bedside cabinet", "night stand", "bedside drawer",
                "end table", "bedside locker")
    description = (
        "A nightstand or bedside table: a small case with one to three drawers and an optional open shelf below, "
        "knobs or pulls, on tapered legs, a plinth or bun feet."
    )
    tags = ("furniture", "interior", "architecture", "gaming")
    params = (
        Param("width", "float", 0.45, 0.3, 0.7, "m", description="overall width (X)", words=("wide", "narrow"),
              sample_range=(0.4, 0.55)),
        Param("height", "float", 0.55, 0.4, 0.75, "m", description="overall height", words=("tall", "low"),
              sample_range=(0.5, 0.62)),
        Param("depth", "float", 0.4, 0.28, 0.5, "m", description="overall depth (Z)", words=("deep", "shallow"),
              sample_range=(0.35, 0.42)),
        Param("drawers", "int", 2, 0, 3, "count", description="number of drawers",
              words=("one drawer", "two drawers", "three drawers"), sample_range=(1, 3)),
        Param("open_shelf", "bool", False, description="open shelf below the drawers",
              words=("open shelf", "with shelf"), p_true=0.4),
        Param("handle_style", "choice", "knob", choices=HANDLE_STYLES, description="pulls",
              words=("knobs", "bar handles", "cup pulls", "handleless")),
        Param("front_style", "choice", "flat", choices=("flat", "shaker"), description="drawer front look",
              words=("shaker", "flat fronts")),
        Param("base", "choice", "legs", choices=("legs", "plinth", "feet"), description="what it stands on",
              words=("on legs", "plinth", "bun feet")),
    )
    slots = (
        Slot("wood", "walnut", words=("wood", "body", "case", "drawers"), choices=CASE_WOODS,
             description="case and drawer fronts"),
        Slot("handles", "brass", words=("handles", "knobs", "pulls", "hardware"), choices=HANDLE_METALS,
             description="pulls"),
    )
    size = SizeEnvelope(min=(0.3, 0.4, 0.28), max=(0.72, 0.75, 0.54))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        wood = self.material("wood")
        metal = self.material("handles")
        W, H, D = p["width"], p["height"], p["depth"]
        b = 0.018
        base_h = {"plinth": 0.05, "legs": 0.14, "feet": 0.05}[p["base"]]
        add_base(model, p["base"], W, D, base_h, wood, wood)
        add_carcass(model, W, H, D - FRONT_T, base_h, b, wood, top_overhang=0.01)
        z_front = (D - FRONT_T) / 2
        y0, y1 = base_h + b, H - b - 0.002
        n = p["drawers"]
        if n == 0:
            model.add("shelf", slab((W - 2 * b + 0.002, b, D - FRONT_T - 0.02), (0, (y0 + y1) / 2, 0)), wood)
            return model
        if p["open_shelf"]:
            y_split = y0 + (y1 - y0) * (0.45 if n > 1 else 0.55)
            model.add("shelf", slab((W - 2 * b + 0.002, b, D - FRONT_T - 0.01), (0, y_split - b / 2, 0)), wood)
            y0 = y_split
        add_drawers(model, "drawer", n, 0.0, W - 2 * b if p["open_shelf"] else W, y0, y1, z_front, wood, metal,
                    p["front_style"], p["handle_style"])
        return model
