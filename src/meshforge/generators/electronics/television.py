"""Television: a large flat or curved panel with a thin bezel and a dark glossy screen, a rear
electronics housing, on two splayed feet, a central pedestal, or with no stand (wall mount).

Default: a 55-inch 16:9 TV (121.8 x 68.5 cm screen), 8 mm bezel, 2.6 cm panel, blade feet. The
screen faces +Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.electronics._screen import screen_size, upright_slab
from meshforge.generators.electronics.monitor import panel
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.transform import rotation


@register
class TelevisionGenerator(Generator):
    id = "television"
    name = "Television"
    family = "electronics"
    synonyms = ("tv", "tv set", "telly", "flat screen", "flatscreen tv", "smart tv", "lcd tv", "oled tv", "led tv")
    description = (
        "A flat-screen television: large thin-bezel panel with a dark glossy screen and rear housing, flat or "
        "curved, on splayed feet, a pedestal, or without a stand for wall mounting; sized by diagonal in inches."
    )
    tags = ("electronics", "product", "interior", "living room", "gaming")
    params = (
        Param("screen_diagonal", "float", 55.0, 24.0, 98.0, "count", description="screen diagonal in inches (55)",
              words=("55 inch", "65 inch", "big screen", "small tv"), sample_range=(43.0, 75.0)),
        Param("stand", "choice", "feet", choices=("feet", "pedestal", "wall"), description="how it stands",
              words=("feet", "legs", "pedestal", "wall mounted", "no stand")),
        Param("curved", "bool", False, description="curved panel", words=("curved", "flat"), p_true=0.15),
        Param("bezel", "float", 0.008, 0.003, 0.04, "m", description="border around the screen (8 mm)",
              words=("thin bezel", "thick bezel", "frameless"), sample_range=(0.005, 0.015)),
        Param("depth", "float", 0.026, 0.006, 0.1, "m", description="panel thickness (26 mm; 6 mm OLED)",
              words=("thin", "slim", "oled", "thick"), sample_range=(0.01, 0.04)),
        Param("soundbar", "bool", False, description="a soundbar in front of the stand", words=("soundbar", "speaker bar"),
              p_true=0.25),
    )
    slots = (
        Slot("body", "matte_plastic", color="#1A1B1E", words=("tv", "body", "bezel", "frame", "stand", "feet"),
             choices=("matte_plastic", "black_metal", "brushed_aluminium"), colors=("#1A1B1E", "#3A3C40", "#C8C8C8"),
             description="housing, bezel and stand"),
        Slot("screen", "glossy_plastic", color="#0A0C10", words=("screen", "display", "panel"), description="screen"),
        Slot("speaker", "fabric", color="#2A2A2A", words=("soundbar", "speaker", "grille"), description="soundbar"),
    )
    size = SizeEnvelope(min=(0.5, 0.3, 0.006), max=(2.25, 1.4, 0.6))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        sw, sh = screen_size(p["screen_diagonal"], 16 / 9)
        bz, depth = p["bezel"], p["depth"]
        W = sw + 2 * bz
        housing, screen = panel(sw, sh, bz, depth, 4.2 if p["curved"] else 0.0, chin=1.4)
        bd = max(depth * 0.8, 0.012)
        # overlaps the housing by 3 mm (no coplanar faces in the union)
        back = upright_slab(sw * 0.7, sh * 0.65, bd, 0.03, bevel=0.008).translated((0, sh * 0.12, -depth / 2 - bd / 2 + 0.003))
        stand = p["stand"]
        lift = {"feet": 0.07, "pedestal": 0.09, "wall": 0.0}[stand]
        lift *= p["screen_diagonal"] / 55.0
        body = self.material("body")
        model.add("panel", csg.union(housing, back).translated((0, lift, 0)), body)
        model.add("screen", screen.translated((0, lift, 0)), self.material("screen"))
        foot_depth = max(0.2, sh * 0.35)
        z_back = -depth / 2 - 0.01
        if stand == "feet":
            feet = []
            for sx in (-1, 1):
                blade = prim.box((0.03, lift + 0.06, 0.012), bevel=0.004).translated((0, (lift + 0.06) / 2, 0))
                bar = prim.box((0.03, 0.01, foot_depth), bevel=0.004).translated((0, 0.005, 0))
                foot = csg.union(blade, bar).transformed(rotation("y", sx * 25.0))
                feet.append(foot.translated((sx * W * 0.38, 0, z_back + 0.01)))
            model.add("feet", csg.union(*feet), body)
        elif stand == "pedestal":
            neck = upright_slab(0.08, lift + sh * 0.25, 0.03, 0.01, bevel=0.005).translated((0, 0.005, z_back - 0.02))
            base = prim.extrude(prim.rounded_rectangle(max(0.35, W * 0.35), foot_depth, 0.04), 0.012, bevel=0.004)
            model.add("stand", csg.union(neck, base.translated((0, 0, z_back))), body)
        if p["soundbar"]:
            bar = prim.box((W * 0.7, min(0.06, lift * 0.8 + 0.02), 0.09), bevel=0.02).translated(
                (0, min(0.06, lift * 0.8 + 0.02) / 2, depth / 2 + 0.12))
            model.add("soundbar", bar, self.material("speaker"))
        return model
