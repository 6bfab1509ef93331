"""Cabinet: a closed case with one to four doors (flat, shaker or glass), an optional row of drawers on top,
shelves behind glass doors, on a plinth, legs or bun feet.

Default: a two-door cupboard 0.9 m wide, 0.9 m tall and 45 cm deep on short tapered legs.
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
    add_doors,
    add_drawers,
    slab,
)


@register
class CabinetGenerator(Generator):
    id = "cabinet"
    name = "Cabinet"
    family = "furniture"
    synonyms = ("cupboard", "sideboard", "credenza", "buffet", "storage cabinet", "display cabinet", "vitrine",
                "china cabinet", "console cabinet", "hutch", "kitchen cabinet")
    description = (
        "A cabinet or cupboard: a closed case with flat, shaker or glass doors, an optional row of drawers at the "
        "top, shelves inside, handles or knobs, on a plinth, tapered legs or bun feet. Wide and low it is a "
        "sideboard; tall with glass doors a display cabinet."
    )
    tags = ("furniture", "interior", "architecture", "gaming")
    params = (
        Param("width", "float", 0.9, 0.4, 2.4, "m", description="overall width (X)",
              words=("wide", "narrow", "sideboard"), sample_range=(0.7, 1.6)),
        Param("height", "float", 0.9, 0.5, 2.2, "m", description="overall height", words=("tall", "low"),
              sample_range=(0.75, 1.2)),
        Param("depth", "float", 0.45, 0.3, 0.65, "m", description="overall depth (Z)", words=("deep", "shallow"),
              sample_range=(0.4, 0.5)),
        Param("doors", "int", 2, 1, 4, "count", description="number of doors side by side",
              words=("two doors", "single door", "four doors"), sample_range=(1, 3)),
        Param("door_style", "choice", "flat", choices=("flat", "shaker", "glass"), description="door fronts",
              words=("glass doors", "shaker", "flat doors", "panelled")),
        Param("drawers", "bool", False, description="a row of drawers above the doors",
              words=("with drawers", "drawers on top"), p_true=0.4),
        Param("shelves", "int", 2, 0, 6, "count", description="shelves inside (seen through glass doors)",
              words=("two shelves", "three shelves"), sample_range=(1, 3)),
        Param("handle_style", "choice", "bar", choices=HANDLE_STYLES, description="pulls",
              words=("knobs", "bar handles", "cup pulls", "handleless")),
        Param("base", "choice", "legs", choices=("legs", "plinth", "feet"), description="what it stands on",
              words=("on legs", "plinth", "bun feet")),
    )
    slots = (
        Slot("wood", "walnut", words=("wood", "body", "case", "doors", "frame"), choices=CASE_WOODS,
             description="case, doors and drawers"),
        Slot("handles", "brass", words=("handles", "knobs", "pulls", "hardware", "legs"), choices=HANDLE_METALS,
             description="pulls and legs"),
        Slot("glass", "glass", words=("glass", "panes"), description="glass door panes"),
    )
    size = SizeEnvelope(min=(0.4, 0.5, 0.3), max=(2.41, 2.2, 0.7))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        wood = self.material("wood")
        metal = self.material("handles")
        W, H, D = p["width"], p["height"], p["depth"]
        b = 0.02
        base_h = {"plinth": 0.08, "legs": 0.16, "feet": 0.06}[p["base"]]
        base_h = min(base_h, H * 0.2)
        add_base(model, p["base"], W, D, base_h, wood, metal if p["base"] == "legs" else wood)
        add_carcass(model, W, H, D - FRONT_T, base_h, b, wood, top_overhang=0.0)
        z_front = (D - FRONT_T) / 2
        top = H - b - 0.002
        if p["drawers"] and H - base_h > 0.45:
            dh = 0.16
            n_cols = max(1, min(p["doors"], 4))
            pitch = W / n_cols
            for c in range(n_cols):
                add_drawers(model, f"drawer_{c}", 1, -W / 2 + pitch * (c + 0.5), pitch, top - dh, top, z_front,
                            wood, metal, "flat" if p["door_style"] == "glass" else p["door_style"], p["handle_style"])
            top -= dh
        inner_w = W - 2 * b
        lo = base_h + b
        n = p["shelves"]
        for i in range(n):
            y = lo + (top - lo) * (i + 1) / (n + 1)
            model.add(f"shelf_{i}", slab((inner_w + 0.002, 0.018, D - FRONT_T - 0.03), (0, y, -0.01)), wood)
        add_doors(model, "door", p["doors"], -W / 2, W / 2, base_h + 0.002, top, z_front, wood, metal,
                  self.material("glass"), p["door_style"], p["handle_style"])
        return model
