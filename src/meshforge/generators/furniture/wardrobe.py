"""Wardrobe: a tall closet case with one to four doors (flat, shaker or mirrored), optional drawers at the
bottom, a cornice on top and a plinth or feet.

Default: 1.0 m wide, 2.0 m tall, 60 cm deep, two doors with long bar handles, on a plinth.
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
    add_base,
    add_carcass,
    add_doors,
    add_drawers,
    slab,
)


@register
class WardrobeGenerator(Generator):
    id = "wardrobe"
    name = "Wardrobe"
    family = "furniture"
    synonyms = ("closet", "armoire", "clothes cabinet", "clothes closet", "cupboard wardrobe", "linen press",
                "garderobe", "freestanding closet")
    description = (
        "A wardrobe or closet: a tall case with one to four full-height doors (flat, shaker or mirrored), long "
        "handles, optional drawers under the doors, a cornice on top, on a plinth or bun feet."
    )
    tags = ("furniture", "interior", "architecture", "gaming")
    params = (
        Param("width", "float", 1.0, 0.5, 2.4, "m", description="overall width (X)", words=("wide", "narrow"),
              sample_range=(0.8, 1.6)),
        Param("height", "float", 2.0, 1.5, 2.4, "m", description="overall height", words=("tall", "low"),
              sample_range=(1.8, 2.2)),
        Param("depth", "float", 0.6, 0.4, 0.7, "m", description="overall depth (Z)", words=("deep", "shallow"),
              sample_range=(0.55, 0.62)),
        Param("doors", "int", 2, 1, 4, "count", description="doors side by side",
              words=("two doors", "three doors", "single door"), sample_range=(2, 3)),
        Param("door_style", "choice", "flat", choices=("flat", "shaker", "mirror"), description="door fronts",
              words=("mirrored", "mirror", "shaker", "panelled")),
        Param("drawers", "int", 0, 0, 3, "count", description="drawers under the doors",
              words=("with drawers", "two drawers"), sample_range=(0, 2)),
        Param("cornice", "bool", True, description="moulded cornice on top", words=("crown", "cornice", "plain top"),
              p_true=0.6),
        Param("base", "choice", "plinth", choices=("plinth", "feet", "legs"), description="what it stands on",
              words=("plinth", "bun feet", "on legs")),
    )
    slots = (
        Slot("wood", "oak", words=("wood", "body", "doors", "case"), choices=CASE_WOODS,
             description="case and doors"),
        Slot("handles", "brushed_aluminium", words=("handles", "pulls", "hardware"), choices=HANDLE_METALS,
             description="handles"),
        Slot("mirror", "chrome", words=("mirror", "mirrors"), description="door mirrors"),
    )
    size = SizeEnvelope(min=(0.5, 1.5, 0.4), max=(2.5, 2.4, 0.75))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        wood = self.material("wood")
        metal = self.material("handles")
        W, H, D = p["width"], p["height"], p["depth"]
        b = 0.02
        base_h = {"plinth": 0.08, "feet": 0.07, "legs": 0.15}[p["base"]]
        add_base(model, p["base"], W, D, base_h, wood, wood)
        body_h = H - (0.05 if p["cornice"] else 0.0)
        add_carcass(model, W, body_h, D - FRONT_T, base_h, b, wood)
        z_front = (D - FRONT_T) / 2
        if p["cornice"]:
            model.add("cornice", slab((W + 0.04, 0.05, D + 0.02), (0, H - 0.025, 0.01), bevel=0.008), wood)
            model.add("cornice_step", slab((W + 0.02, 0.02, D + 0.005), (0, body_h - 0.005, 0.0025), bevel=0.005), wood)
        y0 = base_h + 0.002
        n_dr = p["drawers"]
        if n_dr:
            top = y0 + 0.2 * n_dr
            n_cols = 2 if W > 1.1 else 1
            pitch = W / n_cols
            for c in range(n_cols):
                add_drawers(model, f"drawer_{c}", n_dr, -W / 2 + pitch * (c + 0.5), pitch, y0, top, z_front, wood,
                            metal, "shaker" if p["door_style"] == "shaker" else "flat", "bar")
            y0 = top
        style = p["door_style"]
        add_doors(model, "door", p["doors"], -W / 2, W / 2, y0, body_h - 0.002, z_front, wood, metal, wood,
                  "flat" if style == "mirror" else style, "bar")
        if style == "mirror":
            mirror = self.material("mirror")
            pitch = W / p["doors"]
            dh = body_h - 0.002 - y0
            for i in range(p["doors"]):
                if p["doors"] > 1 and i % 2 == 1 and p["doors"] != 3:
                    continue
                xc = -W / 2 + pitch * (i + 0.5)
                pane = slab((pitch - 0.14, dh - 0.2, 0.004), (xc, y0 + dh / 2, z_front + FRONT_T + 0.0015), bevel=0.001)
                model.add(f"mirror_{i}", pane, mirror)
        return model
