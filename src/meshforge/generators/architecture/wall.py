"""Wall: a straight wall segment with real window openings (cut by CSG) holding framed, glazed windows with
sills, an optional door opening, a plinth course and a coping on top.

Default: 4 m long, 2.7 m high, 25 cm thick brick wall with two 1.0 x 1.2 m windows.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.architecture._parts import block, door_leaf, opening_cutters, window_unit
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import merge
from meshforge.geometry import csg


@register
class WallGenerator(Generator):
    id = "wall"
    name = "Wall"
    family = "architecture"
    synonyms = ("wall with windows", "wall segment", "facade", "facade segment", "brick wall", "building wall",
                "wall panel", "exterior wall", "modular wall", "stone wall")
    description = (
        "A straight wall segment for modular level building: brick, stone or concrete, with a row of real "
        "window openings holding framed and glazed windows with sills, an optional door in the middle, a "
        "plinth course at the foot and a coping along the top."
    )
    tags = ("architecture", "building", "gaming", "modular", "exterior")
    params = (
        Param("length", "float", 4.0, 1.0, 12.0, "m", description="length of the wall",
              words=("long", "short"), sample_range=(3.0, 6.0)),
        Param("height", "float", 2.7, 1.5, 6.0, "m", description="height of the wall",
              words=("tall", "high", "low"), sample_range=(2.5, 3.2)),
        Param("thickness", "float", 0.25, 0.1, 0.6, "m", description="wall thickness",
              words=("thick", "thin"), sample_range=(0.2, 0.35)),
        Param("windows", "int", 2, 0, 8, "count", description="number of windows",
              words=("two windows", "three windows", "no windows", "windowless"), sample_range=(1, 3)),
        Param("window_width", "float", 1.0, 0.4, 2.0, "m", description="width of each window",
              words=("wide windows", "narrow windows"), sample_range=(0.8, 1.3)),
        Param("window_height", "float", 1.2, 0.4, 2.4, "m", description="height of each window",
              words=("tall windows", "short windows"), sample_range=(1.0, 1.5)),
        Param("sill_height", "float", 0.9, 0.2, 1.6, "m", description="floor to the bottom of the windows",
              words=("low windows", "high windows"), sample_range=(0.8, 1.0)),
        Param("door", "bool", False, description="a door opening in the middle", words=("with a door", "doorway"),
              p_true=0.3),
    )
    slots = (
        Slot("wall", "brick", words=("wall", "brick", "masonry", "stone", "concrete", "plaster"),
             choices=("brick", "stone", "concrete", "sandstone", "painted_wood"), description="the wall"),
        Slot("frame", "painted_wood", color="#F2F0EA", words=("frames", "window frames", "sills", "door", "trim"),
             choices=("painted_wood", "oak", "painted_metal", "black_metal"), description="frames, sills, door"),
        Slot("glass", "glass", words=("glass", "panes", "glazing"), description="window panes"),
    )
    size = SizeEnvelope(min=(1.0, 1.5, 0.1), max=(12.1, 6.1, 0.8))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L, H, t = p["length"], p["height"], p["thickness"]
        ww, wh = p["window_width"], p["window_height"]
        sill = min(p["sill_height"], H - 0.25 - 0.3)
        wh = max(0.3, min(wh, H - sill - 0.25))
        dw, dh = 0.9, min(2.1, H - 0.25)
        n = p["windows"]
        spots: list[float] = []
        if n:
            pitch = L / n
            spots = list(-L / 2 + pitch * (np.arange(n) + 0.5))
        if p["door"]:
            # keep windows clear of the door: drop the ones that would collide
            spots = [x for x in spots if abs(x) > dw / 2 + ww / 2 + 0.15]
        ww = min(ww, L / max(n, 1) - 0.3) if n else ww
        ww = max(ww, 0.3)
        spots = [x for x in spots if abs(x) + ww / 2 < L / 2 - 0.1]
        openings = [(float(x), sill, ww, wh) for x in spots]
        door = [(0.0, 0.0, dw, dh)] if p["door"] else []
        body = block((L, H, t), (0, H / 2, 0))
        cutters = opening_cutters(openings + door, "z", 0.0, t)
        if cutters:
            # door cutters start below the floor so the opening is open at the bottom
            if door:
                cutters[-1] = block((dw, dh + 0.2, t + 0.2), (0, (dh - 0.2) / 2, 0))
            body = csg.difference(body, *cutters)
        model.add("wall", body, self.material("wall"))
        plinth = block((L, 0.3, t + 0.04), (0, 0.15, 0))
        coping = block((L + 0.04, 0.08, t + 0.08), (0, H + 0.04 - 0.02, 0), bevel=0.01)
        if door:
            plinth = csg.difference(plinth, block((dw, 0.5, t + 0.3), (0, 0.2, 0)))
        model.add("plinth", plinth, self.material("wall"))
        model.add("coping", coping, self.material("wall"))
        frame_m = self.material("frame")
        if openings:
            fr, gl = window_unit(ww - 0.004, wh - 0.004, min(0.1, t * 0.6), 0.06, 2, 2)
            sl = block((ww + 0.1, 0.05, t * 0.5 + 0.05), (0, -0.025, t * 0.25 + 0.025))
            model.add("window_frames", merge([fr.translated((x, y + 0.002, 0)) for x, y, _, _ in openings]), frame_m)
            model.add("window_glass", merge([gl.translated((x, y + 0.002, 0)) for x, y, _, _ in openings]),
                      self.material("glass"))
            model.add("sills", merge([sl.translated((x, y, 0)) for x, y, _, _ in openings]), frame_m)
        if door:
            leaf, _ = door_leaf(dw - 0.01, dh - 0.005, min(0.05, t * 0.5), "panel", 3)
            model.add("door", leaf, frame_m)
        return model
