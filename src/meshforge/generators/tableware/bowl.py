"""Bowl: a thrown bowl on a foot ring with a rounded rim, optionally holding soup or cereal.

Default: a 15 cm cereal / soup bowl, 7 cm tall, 4 mm walls.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._vessel import liquid_profile, shell_profile, spline
from meshforge.geometry import primitives as prim


@register
class BowlGenerator(Generator):
    id = "bowl"
    name = "Bowl"
    family = "tableware"
    synonyms = ("soup bowl", "cereal bowl", "rice bowl", "salad bowl", "serving bowl", "mixing bowl",
                "noodle bowl", "ramen bowl", "porringer", "basin")
    description = (
        "A round bowl on a small foot ring: rounded, conical or straight-walled, with a rounded rim, optionally "
        "filled with soup; from rice bowls to big salad and mixing bowls."
    )
    tags = ("tableware", "kitchen", "interior", "gaming", "product")
    params = (
        Param("diameter", "float", 0.15, 0.08, 0.4, "m", description="rim diameter",
              words=("large", "small", "serving", "mixing"), sample_range=(0.12, 0.2)),
        Param("height", "float", 0.07, 0.03, 0.2, "m", description="overall height", words=("deep", "shallow"),
              sample_range=(0.055, 0.09)),
        Param("shape", "choice", "round", choices=("round", "conical", "straight"), description="wall shape",
              words=("rounded", "conical", "flared", "straight-sided")),
        Param("wall_thickness", "float", 0.004, 0.002, 0.008, "m", description="wall thickness",
              words=("thick", "thin"), sample_range=(0.0035, 0.005)),
        Param("foot", "float", 0.45, 0.3, 0.7, "ratio", description="foot diameter / rim diameter",
              words=("narrow foot", "wide base"), sample_range=(0.38, 0.55)),
        Param("fill", "float", 0.0, 0.0, 0.85, "ratio", description="soup level as a fraction of the height",
              words=("full", "empty", "with soup"), sample_range=(0.0, 0.7)),
    )
    slots = (
        Slot("body", "ceramic", words=("bowl", "body", "glaze"), choices=("ceramic", "stoneware", "porcelain", "glass", "bamboo", "steel"),
             colors=("#F1EEE8", "#2F4A6D", "#B35A3C", "#6E8B74", "#D8C9A8"), description="the bowl"),
        Slot("food", "cream", color="#C8893A", words=("soup", "food", "contents", "broth"), description="soup"),
    )
    size = SizeEnvelope(min=(0.08, 0.03, 0.08), max=(0.41, 0.205, 0.41))

    def outer(self, p: dict[str, Any]) -> np.ndarray:
        R, h = p["diameter"] / 2, p["height"]
        rf = R * p["foot"]
        fh = min(0.006, h * 0.1)
        if p["shape"] == "round":
            ctrl = [(rf, fh), (rf + (R - rf) * 0.45, h * 0.22), (R * 0.93, h * 0.6), (R, h)]
        elif p["shape"] == "conical":
            ctrl = [(rf, fh), (rf + (R - rf) * 0.35, fh + (h - fh) * 0.3), (R, h)]
        else:
            ctrl = [(rf, fh), (R * 0.97, fh + 0.01), (R * 0.99, h * 0.6), (R, h)]
        wall = spline(ctrl, 28)
        foot = np.array([(0.0, fh * 0.5), (rf - 0.006, fh * 0.5), (rf - 0.004, 0.0), (rf - 0.0005, 0.0)])
        return np.vstack([foot, wall])

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        o = self.outer(p)
        o[-1, 1] -= p["wall_thickness"] / 2
        wall = p["wall_thickness"]
        floor = o[4, 1] + wall
        prof = shell_profile(o, wall, floor=floor, hollow_from=4)
        model.add("bowl", prim.lathe(prof, segments=64, crease_deg=50.0), self.material("body"))
        if p["fill"] > 0.05:
            level = floor + (p["height"] - floor) * p["fill"]
            soup = liquid_profile(prof, len(o), floor, level)
            if soup is not None:
                model.add("soup", prim.lathe(soup, segments=64), self.material("food"))
        return model
