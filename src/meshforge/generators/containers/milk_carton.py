"""Milk carton: a gable-top paperboard carton (square body, two sloping roof panels, the sealed fin on top and
the folded gable ends), with an optional screw cap on one roof slope and a printed band round the body.

Default: a 1 litre carton, 7 x 7 cm, 24.5 cm tall to the top of the fin, with a cap and a blue print band.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim

# volume -> (base side, body height) in meters
VOLUMES = {"0.25l": (0.05, 0.1), "0.5l": (0.064, 0.13), "1l": (0.07, 0.195), "2l": (0.095, 0.215)}


@register
class MilkCartonGenerator(Generator):
    id = "milk_carton"
    name = "Milk carton"
    family = "containers"
    synonyms = ("carton", "juice carton", "gable top carton", "milk box", "milk pack", "juice box", "cream carton",
                "tetra pak", "orange juice carton", "drink carton")
    description = (
        "A gable-top drinks carton for milk or juice: a square paperboard body, a pitched top with the sealed fin "
        "and folded gable ends, an optional screw cap on one slope, and a printed band round the body."
    )
    tags = ("containers", "packaging", "food", "kitchen", "props", "gaming")
    params = (
        Param("volume", "choice", "1l", choices=tuple(VOLUMES), description="carton size",
              words=("small", "large", "half litre", "one litre", "two litre", "quart", "pint")),
        Param("scale", "float", 1.0, 0.8, 1.25, "ratio", description="overall scale on top of the size",
              words=("bigger", "smaller"), sample_range=(0.95, 1.05)),
        Param("roof_pitch", "float", 38.0, 25.0, 50.0, "deg", description="slope of the gable roof",
              words=("steep", "flat top"), sample_range=(33.0, 42.0)),
        Param("cap", "bool", True, description="screw cap on the front roof slope",
              words=("cap", "screw cap", "spout", "no cap"), p_true=0.6),
        Param("print_band", "bool", True, description="coloured printed band round the body",
              words=("printed", "plain", "white"), p_true=0.8),
        Param("band_height", "float", 0.45, 0.15, 0.8, "ratio", description="printed band height / body height",
              words=("big print", "small print"), sample_range=(0.3, 0.6)),
    )
    slots = (
        Slot("carton", "paper", color="#F4F4F0", words=("carton", "box", "paperboard", "body"),
             description="the carton"),
        Slot("print", "paper", color="#2E6DB4", words=("print", "band", "label", "graphics"),
             colors=("#2E6DB4", "#D0312D", "#3A8D3F", "#F2A900", "#7A4FA0"), description="printed band"),
        Slot("cap", "plastic", color="#2E6DB4", words=("cap", "lid", "spout"),
             colors=("#2E6DB4", "#F2F2F2", "#D0312D", "#3A8D3F"), description="screw cap"),
    )
    size = SizeEnvelope(min=(0.035, 0.09, 0.035), max=(0.13, 0.42, 0.13))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        side, Hb = (v * p["scale"] for v in VOLUMES[p["volume"]])
        half = side / 2
        pitch = np.radians(p["roof_pitch"])
        rise = half * np.tan(pitch)
        fin_h = 0.011 * p["scale"] + 0.002
        body = prim.box((side, Hb, side), bevel=0.0015, bevel_segments=1).translated((0, Hb / 2, 0))
        # gable roof: a triangular prism along X (slopes face +Z and -Z), slightly inset gable ends
        tri = np.array([(-half, 0.0), (half, 0.0), (0.0, rise)])
        roof = prim.extrude(tri, side - 0.001, crease_deg=30.0)
        # cyclic axis permutation (a rotation): extrusion +Y -> +X, outline x -> z, outline z (apex) -> +Y
        perm = np.eye(4)
        perm[:3, :3] = [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
        roof = roof.transformed(perm)
        lo, hi = roof.bounds
        roof = roof.translated((-(lo[0] + hi[0]) / 2, Hb - 0.0005, 0.0))
        fin = prim.box((side, fin_h, 0.0035), bevel=0.0008, bevel_segments=1).translated((0, Hb + rise + fin_h / 2 - 0.001, 0))
        model.add("carton", csg.union(body, roof, fin, crease_deg=30.0), self.material("carton"))
        if p["print_band"]:
            bh = Hb * p["band_height"]
            band = prim.box((side + 0.0008, bh, side + 0.0008)).translated((0, Hb * 0.08 + bh / 2, 0))
            model.add("print", band, self.material("print"))
        if p["cap"]:
            cap_r = min(0.016, side * 0.2)
            cap = prim.cylinder(cap_r, 0.014, segments=24, bevel=0.002)
            n = np.array([0.0, np.cos(pitch), np.sin(pitch)])
            centre = np.array([0.0, Hb + rise * 0.5, half * 0.5])
            m = np.eye(4)
            m[:3, :3] = prim.align_y_to(n)
            m[:3, 3] = centre - n * 0.002
            model.add("cap", cap.transformed(m), self.material("cap"))
        return model
