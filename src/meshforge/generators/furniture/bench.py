"""Bench: a long seat of boards or slats on legs or solid end panels, optional backrest, stretcher and pad.

Default: a wooden dining / entryway bench, 1.4 m long, 36 cm deep, 45 cm high.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.furniture._casework import cushion, slab
from meshforge.generators.furniture.chair import FRAME_MATERIALS, leg_mesh
from meshforge.geometry.transform import rotation, translation


@register
class BenchGenerator(Generator):
    id = "bench"
    name = "Bench"
    family = "furniture"
    synonyms = ("park bench", "garden bench", "dining bench", "wooden bench", "entryway bench", "picnic bench",
                "seat bench", "church pew", "pew", "settle", "form")
    description = (
        "A bench: a long solid or slatted seat on four or six legs or on two solid end panels, with an "
        "optional slatted backrest (park and garden benches), a stretcher and a seat pad."
    )
    tags = ("furniture", "interior", "exterior", "architecture", "gaming")
    params = (
        Param("length", "float", 1.4, 0.6, 2.6, "m", description="seat length (X)",
              words=("long", "short", "two-seater"), sample_range=(1.1, 1.8)),
        Param("depth", "float", 0.36, 0.25, 0.6, "m", description="seat depth (Z)", words=("deep", "narrow"),
              sample_range=(0.32, 0.45)),
        Param("height", "float", 0.45, 0.3, 0.55, "m", description="floor to the top of the seat",
              words=("low", "high"), sample_range=(0.42, 0.47)),
        Param("seat_style", "choice", "solid", choices=("solid", "slats"), description="solid board or slats",
              words=("slatted", "solid top", "boards")),
        Param("slats", "int", 5, 3, 9, "count", description="seat slats (and back slats) when slatted",
              words=("four slats", "five slats"), sample_range=(4, 6)),
        Param("base", "choice", "legs", choices=("legs", "panels"), description="four/six legs or two end panels",
              words=("panel ends", "trestle", "legs")),
        Param("back", "bool", False, description="slatted backrest", words=("with back", "backrest", "park bench"),
              p_true=0.35),
        Param("stretcher", "bool", True, description="rail between the ends", words=("with stretcher",),
              p_true=0.7),
        Param("cushion", "bool", False, description="long seat pad", words=("padded", "cushioned", "upholstered"),
              p_true=0.2),
        Param("board_thickness", "float", 0.035, 0.02, 0.06, "m", description="thickness of the seat boards",
              words=("thick", "chunky", "thin"), sample_range=(0.03, 0.045)),
    )
    slots = (
        Slot("wood", "oak", words=("wood", "seat", "frame", "legs", "slats"), choices=(*FRAME_MATERIALS, "weathered_wood", "mahogany"),
             description="seat, legs, back"),
        Slot("cushion", "fabric", color="#6E7F8D", words=("cushion", "pad", "upholstery"),
             choices=("fabric", "linen", "leather"), description="seat pad"),
    )
    size = SizeEnvelope(min=(0.6, 0.3, 0.25), max=(2.6, 1.05, 0.8))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        wood = self.material("wood")
        L, D, H, t = p["length"], p["depth"], p["height"], p["board_thickness"]
        under = H - t
        if p["seat_style"] == "slats":
            n = p["slats"]
            gap = 0.008
            sw = (D - gap * (n - 1)) / n
            for i in range(n):
                z = -D / 2 + sw / 2 + i * (sw + gap)
                model.add(f"seat_slat_{i}", slab((L, t, sw), (0, H - t / 2, z), bevel=min(0.005, sw * 0.2)), wood)
            rail_h = 0.05
            for i, sz in enumerate((-1, 1)):
                model.add(f"seat_rail_{i}", slab((L - 0.12, rail_h, 0.022), (0, under - rail_h / 2, sz * (D / 2 - 0.04))), wood)
        else:
            model.add("seat", slab((L, t, D), (0, H - t / 2, 0), bevel=0.006), wood)
        ex = L / 2 - 0.08
        if p["base"] == "panels":
            pt = 0.04
            for i, sx in enumerate((-1, 1)):
                model.add(f"end_panel_{i}", slab((pt, under + 0.002, D * 0.9), (sx * ex, under / 2, 0), bevel=0.006), wood)
            leg_xs: list[float] = [-ex, ex]
        else:
            lt = 0.045
            n_pairs = 3 if L > 1.9 else 2
            leg_xs = list(np.linspace(-ex, ex, n_pairs))
            k = 0
            for x in leg_xs:
                for z in (D / 2 - 0.05, -D / 2 + 0.05):
                    model.add(f"leg_{k}", leg_mesh("square", lt, under + 0.002).translated((float(x), 0, z)), wood)
                    k += 1
        if p["stretcher"]:
            y = under * 0.3
            model.add("stretcher", slab((2 * ex, 0.04, 0.03), (0, y, 0), bevel=0.006), wood)
            if p["base"] == "legs":
                for i, x in enumerate(leg_xs):
                    model.add(f"cross_rail_{i}", slab((0.03, 0.035, D - 0.1), (float(x), y, 0), bevel=0.005), wood)
        if p["back"]:
            bh = 0.4
            post_z = -D / 2 + 0.025
            m = translation((0, H, post_z)) @ rotation("x", -12.0)
            for i, x in enumerate(leg_xs):
                model.add(f"back_post_{i}", slab((0.045, bh + 0.02, 0.04), (float(x), bh / 2 - 0.01, 0)), wood, m)
            nb = max(2, p["slats"] // 2 + 1)
            for i in range(nb):
                y = 0.1 + i * (bh - 0.12) / max(nb - 1, 1)
                model.add(f"back_slat_{i}", slab((L - 0.06, 0.06, t * 0.7), (0, y, 0.03), bevel=0.005), wood, m)
        if p["cushion"]:
            ct = 0.05
            model.add("cushion", cushion((L - 0.06, ct, D - 0.04), (0, H + ct / 2 - 0.002, 0.01), 0.4),
                      self.material("cushion"))
        return model
