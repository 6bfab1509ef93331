"""Roof: a stand-alone roof over a rectangular footprint: gable, hip, pyramid, shed, flat (with parapet),
mansard, gambrel (barn) or dome, with overhanging eaves, a fascia board and gable-end infill.

Default: a 35 degree gable roof over an 8 x 6 m footprint with 0.4 m overhangs (~2.5 m tall).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.architecture._parts import block, roof
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import merge
from meshforge.geometry import csg


@register
class RoofGenerator(Generator):
    id = "roof"
    name = "Roof"
    family = "architecture"
    synonyms = ("gable roof", "hip roof", "hipped roof", "pitched roof", "mansard roof", "gambrel roof",
                "barn roof", "shed roof", "lean-to roof", "flat roof", "dome", "pyramid roof")
    description = (
        "A roof to put on a building: gable (two slopes and triangular gable ends), hip (four slopes), "
        "pyramid, shed (single slope, lean-to), flat with a parapet, mansard (steep lower and shallow upper "
        "slopes), gambrel (barn) or a dome on a slab; eaves overhang the footprint, with a fascia and an "
        "optional ridge cap."
    )
    tags = ("architecture", "building", "gaming", "modular", "exterior")
    params = (
        Param("roof_type", "choice", "gable",
              choices=("gable", "hip", "pyramid", "shed", "flat", "mansard", "gambrel", "dome"),
              description="roof form", words=("gable", "gabled", "hip", "hipped", "pyramid", "shed", "lean-to",
                                              "flat", "mansard", "gambrel", "barn", "dome")),
        Param("width", "float", 8.0, 2.0, 30.0, "m", description="footprint along X (the ridge direction)",
              words=("wide", "long", "large", "small"), sample_range=(6.0, 12.0)),
        Param("depth", "float", 6.0, 2.0, 20.0, "m", description="footprint along Z",
              words=("deep", "narrow"), sample_range=(4.5, 8.0)),
        Param("pitch", "float", 35.0, 10.0, 60.0, "deg", description="slope of the roof planes",
              words=("steep", "shallow", "low pitch"), sample_range=(25.0, 45.0)),
        Param("overhang", "float", 0.4, 0.0, 1.2, "m", description="eaves overhang beyond the footprint",
              words=("deep eaves", "no overhang"), sample_range=(0.25, 0.6)),
        Param("thickness", "float", 0.2, 0.08, 0.5, "m", description="thickness of the roof build-up",
              words=("thick", "thin"), sample_range=(0.15, 0.25)),
        Param("ridge_cap", "bool", True, description="a capping along the ridge of gable and hip roofs",
              words=("ridge tiles", "ridge cap"), p_true=0.7),
    )
    slots = (
        Slot("roofing", "slate", words=("roof", "roofing", "tiles", "shingles", "slate"),
             choices=("slate", "terracotta", "weathered_wood", "painted_metal", "copper"),
             description="roof covering"),
        Slot("gables", "brick", words=("gables", "gable ends", "walls", "infill"),
             choices=("brick", "painted_wood", "stone", "concrete", "weathered_wood"), description="gable infill"),
        Slot("trim", "painted_wood", color="#F2F0EA", words=("fascia", "trim", "ridge", "eaves"),
             choices=("painted_wood", "black_metal", "slate"), description="fascia boards and ridge cap"),
    )
    size = SizeEnvelope(min=(2.0, 0.1, 2.0), max=(32.6, 36.0, 22.6))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        kind, W, D = p["roof_type"], p["width"], p["depth"]
        pitch, o, t = p["pitch"], p["overhang"], p["thickness"]
        shell, attic = roof(kind, W, D, pitch, o, t)
        model.add("roof", shell, self.material("roofing"))
        if attic is not None:
            model.add("gables", attic, self.material("gables"))
        trim = self.material("trim")
        tp = float(np.tan(np.radians(pitch)))
        if kind in ("gable", "hip", "pyramid", "shed"):
            # fascia boards along the eaves (under the lower edges of the covering)
            fh = 0.18
            eave_y = -o * tp - fh / 2 + 0.01
            boards = []
            for sz in ((-1, 1) if kind != "shed" else (1,)):
                boards.append(block((W + 2 * o + 0.04, fh, 0.03), (0, eave_y, sz * (D / 2 + o + 0.015))))
            if kind in ("hip", "pyramid"):
                for sx in (-1, 1):
                    boards.append(block((0.03, fh, D + 2 * o - 0.04), (sx * (W / 2 + o + 0.015), eave_y, 0)))
            model.add("fascia", merge(boards), trim)
        if p["ridge_cap"] and kind in ("gable", "hip"):
            tc = t / float(np.cos(np.radians(pitch)))
            ridge_y = (D / 2 if (kind == "gable" or W >= D) else W / 2) * tp + tc
            length = W + 2 * o + 0.04 if kind == "gable" else max(abs(W - D), 0.0) + 0.3
            cap = block((length, 0.12, 0.22), (0, ridge_y - 0.02, 0), bevel=0.02)
            if kind == "hip" and W < D:
                cap = block((0.22, 0.12, length), (0, ridge_y - 0.02, 0), bevel=0.02)
            model.add("ridge", cap, trim)
        if kind == "flat":
            model.add("coping", csg.difference(block((W + 2 * o + 0.06, 0.06, D + 2 * o + 0.06), (0, t + 0.45 + 0.02, 0)),
                                               block((W + 2 * o - 0.56, 0.2, D + 2 * o - 0.56), (0, t + 0.45, 0))), trim)
        return model
