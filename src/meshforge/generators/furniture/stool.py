"""Stool: a round or square seat on three to five splayed legs with a footrest ring and an optional low back.

Default: a bar stool, seat 75 cm high and 36 cm across, four legs splayed 7 degrees, footrest at 30 cm.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.furniture._casework import cushion
from meshforge.generators.furniture.chair import FRAME_MATERIALS
from meshforge.geometry import primitives as prim
from meshforge.geometry.transform import rotation, translation


@register
class StoolGenerator(Generator):
    id = "stool"
    name = "Stool"
    family = "furniture"
    synonyms = ("bar stool", "counter stool", "kitchen stool", "step stool", "backless chair", "milking stool",
                "high stool", "barstool", "tabouret", "footstool")
    description = (
        "A stool: a round or square seat on three to five splayed legs, a footrest ring or rungs, an optional "
        "low backrest and seat pad; bar, counter or low heights."
    )
    tags = ("furniture", "interior", "architecture", "gaming")
    params = (
        Param("height", "float", 0.75, 0.3, 0.85, "m", description="floor to the top of the seat",
              words=("bar", "counter", "low", "short", "tall"), sample_range=(0.45, 0.78)),
        Param("seat_size", "float", 0.36, 0.26, 0.5, "m", description="seat diameter or side",
              words=("big seat", "small seat", "wide"), sample_range=(0.32, 0.4)),
        Param("seat_shape", "choice", "round", choices=("round", "square"), description="outline of the seat",
              words=("round seat", "square seat")),
        Param("seat_thickness", "float", 0.035, 0.02, 0.07, "m", description="thickness of the seat",
              words=("thick seat", "thin seat"), sample_range=(0.028, 0.045)),
        Param("legs", "int", 4, 3, 5, "count", description="number of legs", words=("three legs", "four legs"),
              sample_range=(3, 4)),
        Param("splay", "float", 7.0, 0.0, 15.0, "deg", description="outward lean of the legs",
              words=("splayed", "straight legs"), sample_range=(3.0, 10.0)),
        Param("leg_thickness", "float", 0.03, 0.018, 0.05, "m", description="leg diameter",
              words=("thick legs", "thin legs"), sample_range=(0.026, 0.036)),
        Param("footrest", "bool", True, description="ring footrest between the legs",
              words=("with footrest", "foot ring", "without footrest"), p_true=0.8),
        Param("back", "bool", False, description="low backrest", words=("with back", "backrest", "backless"),
              p_true=0.25),
        Param("cushion", "bool", False, description="padded seat", words=("padded", "upholstered", "cushioned"),
              p_true=0.3),
    )
    slots = (
        Slot("frame", "oak", words=("frame", "legs", "seat", "wood"), choices=FRAME_MATERIALS,
             description="seat, legs, footrest and back"),
        Slot("cushion", "leather", color="#4A3426", words=("cushion", "pad", "upholstery", "leather"),
             choices=("leather", "fabric", "velvet"), description="seat pad"),
    )
    size = SizeEnvelope(min=(0.26, 0.3, 0.26), max=(0.75, 1.2, 0.75))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        frame = self.material("frame")
        h, s, t = p["height"], p["seat_size"], p["seat_thickness"]
        lt = p["leg_thickness"]
        if p["seat_shape"] == "round":
            seat = prim.cylinder(s / 2, t, segments=48, bevel=min(0.008, t * 0.35)).translated((0, h - t, 0))
        else:
            seat = prim.box((s, t, s), bevel=min(0.008, t * 0.35)).translated((0, h - t / 2, 0))
        model.add("seat", seat, frame)
        n = p["legs"]
        under = h - t
        r_top = s * 0.34
        r_bot = r_top + under * np.tan(np.radians(p["splay"]))
        ang = np.radians(45.0 if n == 4 else 90.0) + 2 * np.pi * np.arange(n) / n
        for i, a in enumerate(ang):
            top = (r_top * np.cos(a), under + 0.004, r_top * np.sin(a))
            bot = (r_bot * np.cos(a), 0.0, r_bot * np.sin(a))
            model.add(f"leg_{i}", prim.cylinder_between(bot, top, lt / 2, segments=16, bevel=lt * 0.1), frame)
        if p["footrest"] and under > 0.3:
            y = min(0.3, under * 0.45)
            r = r_bot + (r_top - r_bot) * y / under
            model.add("footrest", prim.torus(r, lt * 0.32, segments=48, tube_segments=12).translated((0, y, 0)), frame)
        elif under > 0.2:
            y = under * 0.35
            r = r_bot + (r_top - r_bot) * y / under
            for i in range(n):
                a0, a1 = ang[i], ang[(i + 1) % n]
                pa = (r * np.cos(a0), y, r * np.sin(a0))
                pb = (r * np.cos(a1), y, r * np.sin(a1))
                model.add(f"rung_{i}", prim.cylinder_between(pa, pb, lt * 0.28, segments=12), frame)
        if p["back"]:
            bh = 0.2
            z = -s / 2 + 0.02 if p["seat_shape"] == "square" else -s * 0.44
            for i, sx in enumerate((-1, 1)):
                post = prim.cylinder(lt * 0.35, bh + 0.01, segments=12).translated((sx * s * 0.32, h - 0.005, z))
                model.add(f"back_post_{i}", post, frame)
            rail = prim.box((s * 0.85, 0.07, 0.022), bevel=0.008).transformed(translation((0, h + bh, z)) @ rotation("x", -6.0))
            model.add("back_rail", rail, frame)
        if p["cushion"]:
            ct = 0.04
            if p["seat_shape"] == "round":
                pad = prim.cylinder(s / 2 * 0.96, ct, segments=48, bevel=ct * 0.45, bevel_segments=5).translated((0, h - 0.002, 0))
            else:
                pad = cushion((s * 0.96, ct, s * 0.96), (0, h + ct / 2 - 0.002, 0), 0.45)
            model.add("cushion", pad, self.material("cushion"))
        return model
