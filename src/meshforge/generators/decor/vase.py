"""Vase: a thrown or blown vase (amphora, bottle, cylinder, bulb or flared trumpet) with a rounded lip.

Default: a 30 cm ceramic bulb vase, 15 cm at its widest.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._vessel import shell_profile, spline
from meshforge.geometry import primitives as prim

SHAPES = ("bulb", "cylinder", "amphora", "trumpet", "bottle")


@register
class VaseGenerator(Generator):
    id = "vase"
    name = "Vase"
    family = "decor"
    synonyms = ("flower vase", "urn", "amphora", "bud vase", "floor vase", "jug vase", "pitcher vase", "ewer",
                "ceramic vase", "glass vase")
    description = (
        "A vase: a hollow turned body with a bulb, cylinder, amphora, trumpet or bottle silhouette, a foot and a "
        "rounded lip; ceramic, porcelain, glass or terracotta."
    )
    tags = ("decor", "interior", "gaming", "product")
    params = (
        Param("height", "float", 0.3, 0.1, 1.0, "m", description="overall height", words=("tall", "short", "floor"),
              sample_range=(0.2, 0.4)),
        Param("width", "float", 0.15, 0.05, 0.5, "m", description="widest diameter", words=("wide", "slim", "bud"),
              sample_range=(0.1, 0.2)),
        Param("shape", "choice", "bulb", choices=SHAPES, description="silhouette",
              words=("round", "cylindrical", "amphora", "flared", "bottle-shaped")),
        Param("neck", "float", 0.45, 0.2, 0.9, "ratio", description="mouth diameter / widest diameter",
              words=("narrow neck", "wide mouth"), sample_range=(0.3, 0.6)),
        Param("belly_height", "float", 0.4, 0.2, 0.7, "ratio", description="height of the widest point / height",
              words=("low belly", "high shoulder"), sample_range=(0.3, 0.55)),
        Param("wall_thickness", "float", 0.005, 0.002, 0.012, "m", description="wall thickness",
              words=("thick", "thin"), sample_range=(0.004, 0.007)),
    )
    slots = (
        Slot("body", "ceramic", color="#3D6B8C", words=("vase", "body", "glaze"),
             choices=("ceramic", "porcelain", "stoneware", "terracotta", "glass", "frosted_glass"),
             colors=("#3D6B8C", "#F0ECE2", "#B35A3C", "#2E2E2E", "#7C9A6E", "#D9B44A"), description="vase"),
    )
    size = SizeEnvelope(min=(0.05, 0.1, 0.05), max=(0.5, 1.005, 0.5))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        H, R = p["height"], p["width"] / 2
        rm = R * p["neck"]
        yb = H * p["belly_height"]
        rf = R * 0.55
        ctrl = {
            "bulb": [(rf, 0.0), (R, yb), (rm * 0.9, H * 0.85), (rm, H)],
            "cylinder": [(R * 0.92, 0.0), (R, H * 0.3), (R, H * 0.8), (R * 0.98, H)],
            "amphora": [(rf * 0.7, 0.0), (R, yb), (rm * 0.8, H * 0.82), (rm * 1.15, H)],
            "trumpet": [(rf * 0.9, 0.0), (rm * 0.45, H * 0.35), (R * 0.7, H * 0.8), (R, H)],
            "bottle": [(rf, 0.0), (R, yb * 0.8), (rm * 0.55, H * 0.72), (rm * 0.5, H * 0.92), (rm * 0.62, H)],
        }[p["shape"]]
        curve = spline(ctrl, 40)
        curve[:, 0] = np.minimum(curve[:, 0], R)
        wall = min(p["wall_thickness"], float(curve[:, 0].min()) * 0.35)
        curve[-1, 1] -= wall / 2
        outer = np.vstack([[(0.0, 0.003), (curve[0, 0] - 0.004, 0.003), (curve[0, 0] - 0.001, 0.0)], curve[1:]])
        outer[2, 0] = max(outer[2, 0], outer[1, 0] + 0.001)
        prof = shell_profile(outer, wall, floor=max(0.01, wall * 2), hollow_from=2)
        model.add("vase", prim.lathe(prof, segments=64, crease_deg=50.0), self.material("body"))
        return model
