"""Door: an interior or exterior door in its frame: a leaf (panelled, flush, glazed or planked), a frame of
jambs and head with architrave trims, hinges and a lever or knob handle; the leaf can stand open.

Default: a standard 2.03 x 0.82 m (6'8" x 2'8") six-panel door, 45 mm thick, in a 70 mm frame.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.architecture._parts import block, door_leaf, handle
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import merge
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.transform import rotation, translation


@register
class DoorGenerator(Generator):
    id = "door"
    name = "Door"
    family = "architecture"
    synonyms = ("front door", "interior door", "panel door", "wooden door", "entrance door", "doorway",
                "barn door", "glass door", "french door", "plank door", "house door", "room door")
    description = (
        "A door in its frame: a panelled, flush, half-glazed or planked leaf on three hinges with a lever or "
        "knob handle and a keyhole plate, hung in a frame of jambs and a head with architrave trim; the leaf "
        "can be swung open to any angle."
    )
    tags = ("architecture", "building", "interior", "gaming", "modular")
    params = (
        Param("width", "float", 0.82, 0.6, 1.2, "m", description="leaf width",
              words=("wide", "narrow", "double-width"), sample_range=(0.76, 0.92)),
        Param("height", "float", 2.03, 1.8, 2.6, "m", description="leaf height",
              words=("tall", "short", "low"), sample_range=(1.98, 2.2)),
        Param("thickness", "float", 0.045, 0.03, 0.08, "m", description="leaf thickness",
              words=("thick", "heavy", "solid"), sample_range=(0.04, 0.055)),
        Param("style", "choice", "panel", choices=("panel", "flush", "glazed", "plank"), description="leaf design",
              words=("panelled", "six-panel", "flush", "plain", "glazed", "glass", "plank", "barn", "rustic")),
        Param("panel_rows", "int", 3, 1, 5, "count", description="rows of panels (two panels per row)",
              words=("six panels", "four panels", "two panels"), sample_range=(2, 3)),
        Param("handle", "choice", "lever", choices=("lever", "knob"), description="door furniture",
              words=("lever handle", "knob", "doorknob")),
        Param("open_angle", "float", 0.0, 0.0, 100.0, "deg", description="how far the leaf is swung open",
              words=("open", "ajar", "closed", "half open"), sample_range=(0.0, 35.0)),
    )
    slots = (
        Slot("leaf", "painted_wood", color="#F2F0EA", words=("door", "leaf", "panel", "wood"),
             choices=("painted_wood", "oak", "walnut", "mahogany", "pine", "weathered_wood"),
             colors=("#F2F0EA", "#7A2020", "#1F3B5A", "#2F4A34", "#222222"), description="the door leaf"),
        Slot("frame", "painted_wood", color="#F2F0EA", words=("frame", "jambs", "casing", "architrave"),
             choices=("painted_wood", "oak", "walnut"), description="frame and trims"),
        Slot("hardware", "brass", words=("handle", "knob", "hinges", "hardware"),
             choices=("brass", "chrome", "black_metal", "stainless_steel", "bronze"), description="handle, hinges"),
        Slot("glass", "frosted_glass", words=("glass", "glazing"), choices=("frosted_glass", "glass"),
             description="glazed panel"),
    )
    size = SizeEnvelope(min=(0.78, 1.89, 0.1), max=(1.5, 2.8, 1.45))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        w, h, t = p["width"], p["height"], p["thickness"]
        fw, fd = 0.07, max(0.12, t + 0.05)
        gap = 0.003
        frame = csg.difference(block((w + 2 * fw, h + fw, fd), (0, (h + fw) / 2, 0)),
                               block((w + 2 * gap, h + gap + 0.1, fd + 0.2), (0, (h + gap) / 2 - 0.05, 0)))
        # architrave trims on both faces
        arch_w = 0.06
        trims = []
        for sz in (-1, 1):
            outer = block((w + 2 * fw + 2 * arch_w, h + fw + arch_w, 0.018),
                          (0, (h + fw + arch_w) / 2, sz * (fd / 2 + 0.009)), bevel=0.004)
            inner = block((w + 2 * fw - 0.02, h + fw, 0.1), (0, (h + fw) / 2 - 0.02, sz * (fd / 2 + 0.009)))
            trims.append(csg.difference(outer, inner))
        model.add("frame", csg.union(frame, *trims), self.material("frame"))

        leaf, glass = door_leaf(w - 2 * gap, h - gap - 0.008, t, p["style"], p["panel_rows"])
        hinge_x = -w / 2 + gap
        swing = translation((hinge_x, 0, t / 2)) @ rotation("y", p["open_angle"]) @ translation((-hinge_x, 0, -t / 2))
        model.add("leaf", leaf.translated((0, 0.008, 0)), self.material("leaf"), swing)
        if glass is not None:
            model.add("glass", glass.translated((0, 0.008, 0)), self.material("glass"), swing)
        hw = self.material("hardware")
        hx = w / 2 - 0.065
        furniture = handle(p["handle"], t).translated((hx, 1.0 if h > 1.9 else h * 0.5, 0))
        plate = block((0.04, 0.09, t + 0.012), (hx, 0.9 if h > 1.9 else h * 0.45, 0), bevel=0.004)
        key = block((0.008, 0.022, t + 0.1), (hx, 0.9 if h > 1.9 else h * 0.45, 0))
        model.add("handle", csg.union(furniture, csg.difference(plate, key)), hw, swing)
        hinges = [prim.cylinder(0.008, 0.1, segments=12).translated((hinge_x, y, t / 2)) for y in
                  (0.2, h / 2, h - 0.28)]
        model.add("hinges", merge(hinges), hw, swing)
        return model
