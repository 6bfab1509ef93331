"""Candle: a wax pillar, taper or tea light with a wick and a glowing flame, optionally on a holder.

Default: a pillar candle 7.5 cm across and 10 cm tall on a brass dish, lit.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import primitives as prim


def flame(height: float) -> Any:
    """A teardrop flame standing on y = 0."""
    r = height * 0.22
    t = np.linspace(0.0, 1.0, 14)
    prof = np.stack([r * np.sin(np.pi * t**0.7) * (1 - t) ** 0.4 * 1.6, height * t], axis=1)
    prof[0] = (0.0, 0.0)
    prof[-1] = (0.0, height)
    return prim.lathe(prof, segments=16, crease_deg=80.0)


@register
class CandleGenerator(Generator):
    id = "candle"
    name = "Candle"
    family = "decor"
    synonyms = ("pillar candle", "taper candle", "tea light", "tealight", "votive", "wax candle", "church candle",
                "candlestick", "lit candle", "candle holder")
    description = (
        "A candle: a wax pillar, slim taper or tea light with a slightly melted top, a wick and a glowing flame, "
        "optionally standing on a dish or a candlestick holder."
    )
    tags = ("decor", "lighting", "interior", "gaming")
    params = (
        Param("style", "choice", "pillar", choices=("pillar", "taper", "tealight"), description="candle type",
              words=("pillar", "taper", "tea light", "dinner candle")),
        Param("height", "float", 0.1, 0.015, 0.3, "m", description="wax height (tea lights are short)",
              words=("tall", "short", "burnt down"), sample_range=(0.07, 0.2)),
        Param("diameter", "float", 0.075, 0.015, 0.12, "m", description="wax diameter (pillars and tea lights)",
              words=("thick", "slim", "wide"), sample_range=(0.05, 0.09)),
        Param("lit", "bool", True, description="burning flame", words=("lit", "burning", "unlit", "extinguished"),
              p_true=0.8),
        Param("holder", "bool", True, description="stands on a dish or candlestick",
              words=("on a holder", "candlestick", "on a dish", "freestanding"), p_true=0.6),
        Param("melt", "float", 0.3, 0.0, 1.0, "ratio", description="how dished the top has melted",
              words=("melted", "new", "fresh"), sample_range=(0.0, 0.6)),
    )
    slots = (
        Slot("wax", "wax", color="#F3EBDD", words=("wax", "candle", "body"),
             colors=("#F3EBDD", "#B22222", "#E8D9A8", "#2F4F6F", "#F5F5F5"), description="wax"),
        Slot("flame", "glow", words=("flame", "fire", "light"), description="flame (emissive)"),
        Slot("holder", "brass", words=("holder", "candlestick", "dish", "stand"),
             choices=("brass", "silver", "iron", "ceramic", "glass"), description="holder"),
    )
    size = SizeEnvelope(min=(0.015, 0.012, 0.015), max=(0.2, 0.62, 0.2))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        style = p["style"]
        if style == "taper":
            d, h = min(p["diameter"], 0.024), float(np.clip(p["height"] * 2.0, 0.12, 0.3))
        elif style == "tealight":
            d, h = max(min(p["diameter"], 0.04), 0.036), 0.016
        else:
            d, h = max(p["diameter"], 0.03), p["height"]
        r = d / 2
        base_y = 0.0
        if p["holder"]:
            hm = self.material("holder")
            if style == "taper":
                prof = [(0.0, 0.0), (0.045, 0.0), (0.047, 0.006), (0.02, 0.012), (0.009, 0.03), (0.012, 0.09),
                        (0.008, 0.12), (0.03, 0.128), (0.032, 0.134), (r + 0.002, 0.134), (r + 0.002, 0.15),
                        (0.0, 0.15)]
                base_y = 0.134
            else:
                rr = r + 0.025
                prof = [(0.0, 0.0), (rr * 0.6, 0.0), (rr, 0.008), (rr + 0.002, 0.014), (rr - 0.004, 0.014),
                        (rr * 0.7, 0.006), (0.0, 0.006)]
                base_y = 0.006
            model.add("holder", prim.lathe(prof, segments=40, crease_deg=50.0), hm)
        dip = min(p["melt"] * r * 0.25, h * 0.3)
        if style == "tealight":
            cup = prim.lathe([(0.0, 0.0), (r, 0.0), (r, h), (r - 0.001, h), (r - 0.001, 0.001), (0.0, 0.001)],
                             segments=40)
            model.add("cup", cup.translated((0, base_y, 0)), self.material("holder"))
            r -= 0.0012
            h -= 0.003
        a = np.linspace(0.0, 1.0, 8)
        top = np.stack([r - (r * 0.12) * a**0.5, h - dip * np.sin(np.pi / 2 * a) - 0.0], axis=1)
        prof = np.vstack([[(0.0, 0.0), (r, 0.0)], top, [(0.0, h - dip)]])
        wax = prim.lathe(prof, segments=40, crease_deg=50.0).translated((0, base_y, 0))
        model.add("wax", wax, self.material("wax"))
        top_y = base_y + h - dip
        wick = prim.cylinder(0.0009, 0.01, segments=8).translated((0, top_y - 0.002, 0))
        model.add("wick", wick, self.material("wax"))
        if p["lit"]:
            model.add("flame", flame(min(0.028, 0.3 * d + 0.006)).translated((0, top_y + 0.005, 0)), self.material("flame"))
        return model
