"""Jar: a glass storage or mason jar with a threaded neck, an optional screw lid and contents.

Default: a 500 ml mason jar, 13 cm tall (with lid), 8.5 cm across.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._vessel import liquid_profile, shell_profile, spline
from meshforge.geometry import primitives as prim


@register
class JarGenerator(Generator):
    id = "jar"
    name = "Jar"
    family = "tableware"
    synonyms = ("mason jar", "glass jar", "storage jar", "jam jar", "pickle jar", "canning jar", "cookie jar",
                "spice jar", "honey jar", "kilner jar")
    description = (
        "A jar: a glass (or ceramic) body with rounded shoulders, a short threaded neck and an optional metal "
        "screw lid; optionally filled with jam, honey or pickles."
    )
    tags = ("tableware", "kitchen", "product", "gaming")
    params = (
        Param("height", "float", 0.12, 0.05, 0.3, "m", description="body height (without lid)",
              words=("tall", "short", "small", "large"), sample_range=(0.09, 0.15)),
        Param("diameter", "float", 0.085, 0.04, 0.16, "m", description="body diameter", words=("wide", "slim"),
              sample_range=(0.07, 0.1)),
        Param("mouth", "float", 0.8, 0.5, 0.95, "ratio", description="mouth diameter / body diameter",
              words=("wide mouth", "narrow mouth"), sample_range=(0.7, 0.88)),
        Param("lid", "bool", True, description="screw lid on", words=("with lid", "lidded", "open", "without lid"),
              p_true=0.8),
        Param("fill", "float", 0.6, 0.0, 0.9, "ratio", description="contents level", words=("full", "empty"),
              sample_range=(0.0, 0.85)),
        Param("ridges", "int", 3, 0, 5, "count", description="thread ridges on the neck",
              words=("threaded", "smooth neck"), sample_range=(2, 3)),
    )
    slots = (
        Slot("glass", "glass", words=("glass", "jar", "body"), choices=("glass", "ceramic", "stoneware"),
             description="the jar"),
        Slot("lid", "brushed_aluminium", words=("lid", "cap", "top"), choices=("brushed_aluminium", "gold", "chrome", "painted_metal"),
             colors=("#C8C8C8", "#C9A227", "#8C1C13", "#2F4A6D"), description="lid"),
        Slot("contents", "fruit_skin", color="#8C1C2A", words=("contents", "jam", "honey", "food", "pickles"),
             colors=("#8C1C2A", "#D99A1E", "#5E7D2F", "#E0D6C0"), description="what is inside"),
    )
    size = SizeEnvelope(min=(0.04, 0.05, 0.04), max=(0.165, 0.33, 0.165))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        H, R = p["height"], p["diameter"] / 2
        rm = R * p["mouth"]
        neck_h = min(0.016, H * 0.2)
        sh_y = H - neck_h - min(0.02, H * 0.2)
        body = spline([(R, 0.008), (R * 1.0, sh_y * 0.5), (R, sh_y), (rm * 1.02, H - neck_h)], 24)
        outer = np.vstack([[(0.0, 0.0025), (R - 0.008, 0.0025), (R - 0.004, 0.0), (R - 0.0015, 0.002)], body[:-1],
                           [(rm, H - neck_h), (rm, H - 0.0015)]])
        wall = 0.0025
        floor = 0.006
        prof = shell_profile(outer, wall, floor=floor, hollow_from=2)
        jar = prim.lathe(prof, segments=56, crease_deg=50.0)
        model.add("jar", jar, self.material("glass"))
        n = p["ridges"]
        if n and not p["lid"]:
            for i in range(n):
                y = H - neck_h + 0.003 + i * (neck_h - 0.006) / max(n, 1)
                model.add(f"thread_{i}", prim.torus(rm + 0.0002, 0.0009, segments=48, tube_segments=8).translated((0, y, 0)),
                          self.material("glass"))
        if p["lid"]:
            lh = neck_h + 0.002
            prof_lid = [(0.0, 0.0), (rm + 0.003, 0.0), (rm + 0.0035, lh - 0.002), (rm + 0.0015, lh), (0.0, lh)]
            lid = prim.lathe(prof_lid, segments=56, crease_deg=40.0).translated((0, H - neck_h + 0.001, 0))
            model.add("lid", lid, self.material("lid"))
        if p["fill"] > 0.03:
            level = floor + (sh_y - floor) * p["fill"]
            cont = liquid_profile(prof, len(outer), floor, level, gap=0.0005)
            if cont is not None:
                model.add("contents", prim.lathe(cont, segments=56), self.material("contents"))
        return model
