"""Bookshelf: an open case of sides, top, bottom and evenly spaced shelves, optionally filled with books,
with optional lower doors.

Default: 0.8 m wide, 1.8 m tall, 30 cm deep, five shelf compartments, on a low plinth.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.furniture._casework import (
    CASE_WOODS,
    HANDLE_METALS,
    add_base,
    add_carcass,
    add_doors,
    fill_books,
    slab,
)


@register
class BookshelfGenerator(Generator):
    id = "bookshelf"
    name = "Bookshelf"
    family = "furniture"
    synonyms = ("bookcase", "book shelf", "shelving unit", "shelves", "etagere", "library shelf", "display shelf",
                "shelf unit", "book rack")
    description = (
        "A bookshelf or bookcase: two sides, a top and bottom, evenly spaced shelves and a back panel on a plinth "
        "or legs, optionally filled with rows of books and closed by doors at the bottom."
    )
    tags = ("furniture", "interior", "architecture", "gaming")
    params = (
        Param("width", "float", 0.8, 0.4, 2.0, "m", description="overall width (X)", words=("wide", "narrow"),
              sample_range=(0.6, 1.2)),
        Param("height", "float", 1.8, 0.6, 2.4, "m", description="overall height", words=("tall", "low", "short"),
              sample_range=(1.0, 2.1)),
        Param("depth", "float", 0.3, 0.2, 0.5, "m", description="overall depth (Z)", words=("deep", "shallow"),
              sample_range=(0.26, 0.36)),
        Param("shelves", "int", 5, 1, 10, "count", description="number of compartments stacked vertically",
              words=("five shelves", "three shelves", "shelves"), sample_range=(3, 6)),
        Param("board_thickness", "float", 0.022, 0.015, 0.04, "m", description="thickness of the boards",
              words=("thick", "chunky", "slim"), sample_range=(0.018, 0.028)),
        Param("books", "bool", True, description="fill the shelves with books", words=("with books", "empty"),
              p_true=0.7),
        Param("doors", "bool", False, description="doors on the lowest compartment",
              words=("with doors", "cupboard below", "open"), p_true=0.25),
        Param("back", "bool", True, description="back panel", words=("open back", "with back"), p_true=0.85),
        Param("base", "choice", "plinth", choices=("plinth", "legs", "none"), description="what it stands on",
              words=("plinth", "on legs", "flat base")),
    )
    slots = (
        Slot("wood", "oak", words=("wood", "frame", "shelves", "body", "case"), choices=CASE_WOODS,
             description="case, shelves and doors"),
        Slot("books", "paper", color="#8C3B2E", words=("books", "book"),
             colors=("#8C3B2E", "#2E4A6B", "#3C5A3A", "#6B5B3A", "#5A2E4A"), description="books"),
        Slot("handles", "brass", words=("handles", "knobs", "pulls", "hardware"), choices=HANDLE_METALS,
             description="door knobs"),
    )
    size = SizeEnvelope(min=(0.4, 0.6, 0.2), max=(2.0, 2.4, 0.52))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        wood = self.material("wood")
        W, H, D, b = p["width"], p["height"], p["depth"], p["board_thickness"]
        base_h = {"plinth": 0.07, "legs": 0.12, "none": 0.0}[p["base"]]
        add_base(model, p["base"], W, D, base_h, wood, wood)
        add_carcass(model, W, H, D, base_h, b, wood, back=p["back"])
        n = p["shelves"]
        inner_bottom = base_h + b
        inner_top = H - b
        pitch = (inner_top - inner_bottom + b) / n
        inner_w = W - 2 * b
        for i in range(1, n):
            y = inner_bottom + pitch * i - b
            model.add(f"shelf_{i}", slab((inner_w + 0.002, b, D - 0.012), (0, y + b / 2, 0.004)), wood)
        # a divider keeps very wide shelves from sagging
        if W > 1.3:
            model.add("divider", slab((b, inner_top - inner_bottom, D - 0.012), (0, (inner_top + inner_bottom) / 2, 0.004)), wood)
        first = 0
        if p["doors"]:
            first = 1
            add_doors(model, "door", 2 if W > 0.55 else 1, -W / 2, W / 2, base_h + 0.002, inner_bottom + pitch - b - 0.002,
                      D / 2, wood, self.material("handles"), wood, "flat", "knob")
        if p["books"]:
            bmat = self.material("books")
            halves = [(-inner_w / 2, -b / 2), (b / 2, inner_w / 2)] if W > 1.3 else [(-inner_w / 2, inner_w / 2)]
            k = 0
            for i in range(first, n):
                y = inner_bottom + pitch * i
                clear = pitch - b
                for x0, x1 in halves:
                    row = fill_books(rng, x0 + 0.004, x1 - 0.004, y + 0.0005, clear, D, -D / 2 + 0.01)
                    if row is not None:
                        model.add(f"books_{k}", row, bmat)
                        k += 1
        return model
