"""Wine glass: a thin turned bowl on a slender stem and a round foot, optionally with wine.

Default: a 40 cl red-wine glass, 21 cm tall, bowl 8.6 cm across.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._vessel import liquid_profile, shell_profile, spline
from meshforge.geometry import primitives as prim


@register
class WineGlassGenerator(Generator):
    id = "wine_glass"
    name = "Wine glass"
    family = "tableware"
    synonyms = ("wineglass", "goblet", "stemware", "champagne flute", "flute", "red wine glass",
                "white wine glass", "champagne glass", "coupe glass", "glass of wine")
    description = (
        "A stemmed wine glass: a tulip, balloon, flute or coupe bowl of thin glass on a slender stem with a round "
        "foot, optionally part-filled with red or white wine."
    )
    tags = ("tableware", "kitchen", "interior", "gaming", "product")
    params = (
        Param("height", "float", 0.21, 0.12, 0.27, "m", description="overall height", words=("tall", "short"),
              sample_range=(0.18, 0.23)),
        Param("bowl_diameter", "float", 0.086, 0.05, 0.12, "m", description="widest diameter of the bowl",
              words=("wide bowl", "narrow", "balloon"), sample_range=(0.075, 0.095)),
        Param("bowl_shape", "choice", "tulip", choices=("tulip", "balloon", "flute", "coupe"),
              description="bowl shape", words=("tulip", "balloon", "flute", "champagne", "coupe")),
        Param("stem_ratio", "float", 0.4, 0.15, 0.55, "ratio", description="stem length / overall height",
              words=("long stem", "short stem"), sample_range=(0.33, 0.45)),
        Param("foot_diameter", "float", 0.075, 0.05, 0.1, "m", description="diameter of the foot",
              words=("wide foot", "small foot"), sample_range=(0.068, 0.082)),
        Param("fill", "float", 0.0, 0.0, 0.8, "ratio", description="wine level as a fraction of the bowl",
              words=("full", "empty", "with wine"), sample_range=(0.0, 0.45)),
    )
    slots = (
        Slot("glass", "glass", words=("glass", "crystal", "bowl", "stem"), choices=("glass", "crystal"),
             description="the glass"),
        Slot("wine", "water", color="#5E0F1E", words=("wine", "drink", "liquid", "red", "white wine"),
             colors=("#5E0F1E", "#D9C36A", "#E8A0A0"), description="the wine"),
    )
    size = SizeEnvelope(min=(0.05, 0.115, 0.05), max=(0.135, 0.27, 0.135))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        H = p["height"]
        R = p["bowl_diameter"] / 2
        rf = p["foot_diameter"] / 2
        shape = p["bowl_shape"]
        if shape == "coupe":
            R = max(R, 0.05)
        stem_top = H * p["stem_ratio"]
        if shape == "coupe":
            stem_top = max(stem_top, H - 0.06)
        bh = H - stem_top
        rs = 0.0035
        wall = 0.0015
        ctrl = {
            "tulip": [(rs, stem_top), (R * 0.7, stem_top + bh * 0.12), (R, stem_top + bh * 0.45), (R * 0.78, H)],
            "balloon": [(rs, stem_top), (R * 0.8, stem_top + bh * 0.12), (R, stem_top + bh * 0.4), (R * 0.72, H)],
            "flute": [(rs, stem_top), (R * 0.55, stem_top + bh * 0.12), (R * 0.6, stem_top + bh * 0.55), (R * 0.64, H)],
            "coupe": [(rs, stem_top), (R * 0.75, stem_top + bh * 0.25), (R, H)],
        }[shape]
        bowl = spline(ctrl, 32)
        bowl[-1, 1] -= wall / 2
        foot = np.array([(0.0, 0.0), (rf - 0.002, 0.0), (rf, 0.0012), (rf - 0.002, 0.0028), (rf * 0.35, 0.005),
                         (rs * 1.8, 0.012), (rs, 0.02)])
        stem = np.array([(rs, stem_top * 0.5), (rs * 1.25, stem_top - 0.006)])
        outer = np.vstack([foot, stem, bowl[1:]])
        k = len(foot) + len(stem)
        floor = stem_top + 0.004
        prof = shell_profile(outer, wall, floor=floor, hollow_from=k)
        model.add("glass", prim.lathe(prof, segments=56, crease_deg=60.0), self.material("glass"))
        if p["fill"] > 0.02:
            level = floor + (H - floor) * p["fill"] * 0.85
            wine = liquid_profile(prof, len(outer), floor, level)
            if wine is not None:
                model.add("wine", prim.lathe(wine, segments=56), self.material("wine"))
        return model
