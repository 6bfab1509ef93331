"""Desk: a work top on four legs, or on one or two drawer pedestals, with an optional modesty panel.

Default: a writing / office desk 1.2 x 0.6 m, 75 cm high, with a three-drawer pedestal on the right.
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
    add_drawers,
    slab,
)
from meshforge.generators.furniture.chair import leg_mesh


@register
class DeskGenerator(Generator):
    id = "desk"
    name = "Desk"
    family = "furniture"
    synonyms = ("writing desk", "office desk", "computer desk", "study desk", "work desk", "pedestal desk",
                "workstation", "secretary desk", "school desk")
    description = (
        "A desk: a rectangular work top on four legs or on one or two pedestals of drawers with knobs or pulls, "
        "an optional modesty panel at the back and a pencil drawer under the top."
    )
    tags = ("furniture", "interior", "office", "architecture", "gaming")
    params = (
        Param("width", "float", 1.2, 0.8, 2.2, "m", description="top width (X)", words=("wide", "small", "large"),
              sample_range=(1.0, 1.6)),
        Param("depth", "float", 0.6, 0.45, 0.9, "m", description="top depth (Z)", words=("deep", "shallow"),
              sample_range=(0.55, 0.75)),
        Param("height", "float", 0.75, 0.65, 1.1, "m", description="floor to the top surface",
              words=("standing desk", "tall", "low"), sample_range=(0.72, 0.77)),
        Param("base", "choice", "pedestal", choices=("legs", "pedestal", "double_pedestal"),
              description="legs, one drawer pedestal or two", words=("on legs", "pedestal", "executive")),
        Param("drawers", "int", 3, 1, 5, "count", description="drawers in each pedestal",
              words=("three drawers", "two drawers"), sample_range=(2, 4)),
        Param("center_drawer", "bool", True, description="shallow drawer under the middle of the top",
              words=("pencil drawer", "center drawer"), p_true=0.5),
        Param("modesty_panel", "bool", True, description="panel at the back between the supports",
              words=("modesty panel", "open back"), p_true=0.6),
        Param("top_thickness", "float", 0.03, 0.018, 0.06, "m", description="thickness of the top",
              words=("thick top", "thin top"), sample_range=(0.025, 0.04)),
        Param("handle_style", "choice", "bar", choices=HANDLE_STYLES, description="pulls",
              words=("knobs", "bar handles", "cup pulls", "handleless")),
    )
    slots = (
        Slot("wood", "oak", words=("wood", "top", "body", "frame", "drawers"), choices=CASE_WOODS,
             description="top, pedestals, drawers, panel"),
        Slot("legs", "black_metal", words=("legs", "leg", "base"), choices=("black_metal", "steel", "oak", "walnut"),
             description="legs"),
        Slot("handles", "brushed_aluminium", words=("handles", "knobs", "pulls"), choices=HANDLE_METALS,
             description="pulls"),
    )
    size = SizeEnvelope(min=(0.8, 0.65, 0.45), max=(2.2, 1.1, 0.92))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        wood = self.material("wood")
        metal = self.material("handles")
        W, D, H, tt = p["width"], p["depth"], p["height"], p["top_thickness"]
        under = H - tt
        model.add("top", slab((W, tt, D), (0, H - tt / 2, 0), bevel=0.005), wood)
        pw = min(0.42, W * 0.36)
        b = 0.018
        pd = D - 0.04
        supports: list[tuple[float, float]] = []  # (x centre, width) of what holds the top at each end
        sides = {"legs": (), "pedestal": (1,), "double_pedestal": (-1, 1)}[p["base"]]
        for k, sx in enumerate(sides):
            xc = sx * (W / 2 - 0.02 - pw / 2)
            for j, dx in enumerate((-1, 1)):
                model.add(f"pedestal_{k}_side_{j}", slab((b, under, pd), (xc + dx * (pw / 2 - b / 2), under / 2, -0.01)), wood)
            model.add(f"pedestal_{k}_back", slab((pw - 2 * b, under - 0.02, b), (xc, under / 2, -0.01 - pd / 2 + b / 2)), wood)
            model.add(f"pedestal_{k}_kick", slab((pw - 2 * b, 0.06, b), (xc, 0.03, pd / 2 - 0.06)), wood)
            add_drawers(model, f"drawer_{k}", p["drawers"], xc, pw - 2 * b, 0.07, under - 0.004,
                        pd / 2 - 0.01 - FRONT_T, wood, metal, "flat", p["handle_style"])
            supports.append((xc, pw))
        legs = self.material("legs")
        lt = 0.045
        leg_ends = [sx for sx in (-1, 1) if sx not in sides]
        for i, sx in enumerate(leg_ends):
            x = sx * (W / 2 - 0.04)
            for j, z in enumerate((D / 2 - 0.05, -D / 2 + 0.05)):
                model.add(f"leg_{i}_{j}", leg_mesh("square", lt, under + 0.001).translated((x, 0, z)), legs)
            model.add(f"leg_rail_{i}", slab((lt * 0.8, 0.04, D - 0.1), (x, 0.08, 0), bevel=0.005), legs)
            supports.append((x, lt))
        inner_l = min(s[0] + s[1] / 2 for s in supports if s[0] > 0)
        inner_r = max(s[0] - s[1] / 2 for s in supports if s[0] < 0)
        span = inner_l - inner_r
        if p["modesty_panel"] and span > 0.1:
            model.add("modesty_panel", slab((span + 0.004, under * 0.55, b), ((inner_l + inner_r) / 2, under - under * 0.275,
                                                                             -D / 2 + 0.06)), wood)
        if p["center_drawer"] and span > 0.4:
            dw = min(span - 0.06, 0.6)
            apron_y = under - 0.035
            model.add("apron", slab((span + 0.004, 0.07, D - 0.12), ((inner_l + inner_r) / 2, apron_y, -0.02)), wood)
            add_drawers(model, "center_drawer", 1, (inner_l + inner_r) / 2, dw, apron_y - 0.033, apron_y + 0.033,
                        D / 2 - 0.08 + 0.002, wood, metal, "flat", p["handle_style"] if p["handle_style"] != "bar" else "knob")
        return model
