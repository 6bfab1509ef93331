"""Table lamp: a turned or column base, a stem, a glowing bulb and a drum, empire or dome shade.

Default: a 55 cm bedside / table lamp with a ceramic gourd base and a 36 cm linen drum shade.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.decor._lamp import SHADE_STYLES, bulb, shade
from meshforge.generators.tableware._vessel import spline
from meshforge.geometry import primitives as prim


@register
class TableLampGenerator(Generator):
    id = "table_lamp"
    name = "Table lamp"
    family = "decor"
    synonyms = ("lamp", "desk lamp", "bedside lamp", "reading lamp", "night light", "lampshade lamp",
                "side table lamp", "accent lamp")
    description = (
        "A table lamp: a gourd, column or disc base, a slim stem with a glowing bulb inside a drum, empire or "
        "dome lamp shade held by a harp ring, with a finial on top."
    )
    tags = ("decor", "lighting", "interior", "gaming")
    params = (
        Param("height", "float", 0.55, 0.3, 0.9, "m", description="overall height to the top of the shade",
              words=("tall", "small", "large"), sample_range=(0.45, 0.65)),
        Param("shade_diameter", "float", 0.36, 0.18, 0.55, "m", description="bottom diameter of the shade",
              words=("wide shade", "small shade"), sample_range=(0.3, 0.42)),
        Param("shade_style", "choice", "drum", choices=SHADE_STYLES, description="shade shape",
              words=("drum shade", "empire", "tapered shade", "dome")),
        Param("base_style", "choice", "gourd", choices=("gourd", "column", "disc"), description="base shape",
              words=("ceramic base", "column", "round base", "minimal")),
        Param("base_width", "float", 0.16, 0.08, 0.28, "m", description="widest diameter of the base",
              words=("chunky base", "slim base"), sample_range=(0.13, 0.2)),
        Param("lit", "bool", True, description="the bulb glows", words=("lit", "on", "off", "switched off"),
              p_true=0.8),
    )
    slots = (
        Slot("shade", "linen", color="#EFE8DA", words=("shade", "lampshade", "lamp shade"),
             choices=("linen", "fabric", "paper", "frosted_glass"), colors=("#EFE8DA", "#F5F5F0", "#2E2E2E", "#C9A227"),
             description="lamp shade"),
        Slot("base", "ceramic", color="#4D7A8C", words=("base", "body", "stand"),
             choices=("ceramic", "brass", "marble", "oak", "black_metal", "glass"),
             colors=("#4D7A8C", "#F0ECE2", "#B35A3C", "#2E2E2E"), description="base"),
        Slot("bulb", "glow", words=("bulb", "light"), description="bulb (emissive)"),
        Slot("metal", "brass", words=("stem", "harp", "metal", "fittings"), choices=("brass", "chrome", "black_metal"),
             description="stem, harp and finial"),
    )
    size = SizeEnvelope(min=(0.18, 0.3, 0.18), max=(0.56, 0.93, 0.56))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        H, Rs, Rb = p["height"], p["shade_diameter"] / 2, p["base_width"] / 2
        sh = min(max(Rs * 1.1, 0.14), H * 0.5)
        shade_y = H - sh
        body_h = max(shade_y - 0.02, 0.1) * 0.7
        style = p["base_style"]
        if style == "gourd":
            curve = spline([(Rb * 0.6, 0.0), (Rb, body_h * 0.35), (Rb * 0.35, body_h * 0.85), (Rb * 0.25, body_h)], 24)
        elif style == "column":
            curve = np.array([(Rb * 0.9, 0.0), (Rb * 0.9, 0.02), (Rb * 0.35, 0.03), (Rb * 0.3, body_h - 0.01), (Rb * 0.4, body_h)])
        else:
            curve = np.array([(Rb, 0.0), (Rb, 0.015), (Rb * 0.85, 0.025), (0.012, 0.03)])
            body_h = 0.03
        prof = np.vstack([[(0.0, 0.0)], curve, [(0.0, body_h)]])
        model.add("base", prim.lathe(prof, segments=48, crease_deg=50.0), self.material("base"))
        metal = self.material("metal")
        bulb_y = shade_y + sh * 0.25
        stem = prim.cylinder(0.006, bulb_y - body_h + 0.004, segments=16).translated((0, body_h - 0.002, 0))
        model.add("stem", stem, metal)
        model.add("socket", prim.cylinder(0.014, 0.035, segments=20, bevel=0.003).translated((0, bulb_y - 0.03, 0)), metal)
        model.add("bulb", bulb(0.028).translated((0, bulb_y, 0)), self.material("bulb" if p["lit"] else "shade"))
        top_r = Rs * 0.65
        model.add("shade", shade(p["shade_style"], Rs, top_r, sh).translated((0, shade_y, 0)), self.material("shade"))
        harp_y = H - 0.01 if p["shade_style"] != "dome" else H - 0.012
        if p["shade_style"] != "dome":
            model.add("harp", prim.cylinder(0.003, harp_y - bulb_y - 0.06 + 0.002, segments=10).translated((0, bulb_y + 0.06, 0)), metal)
            spider = prim.torus(max(min(top_r, Rs * 0.96) - 0.006, 0.02), 0.002, segments=40, tube_segments=8)
            model.add("harp_ring", spider.translated((0, harp_y, 0)), metal)
            model.add("finial", prim.sphere(0.01, segments=16).translated((0, harp_y + 0.008, 0)), metal)
        return model
