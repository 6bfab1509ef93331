"""Cooking pot: a metal pot with a rolled rim, either two loop handles (stockpot, casserole) or one long
handle (saucepan), and an optional lid with a knob.

Default: a 24 cm stockpot, 16 cm deep, with two side handles and a lid.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._vessel import shell_profile
from meshforge.geometry import primitives as prim


@register
class CookingPotGenerator(Generator):
    id = "cooking_pot"
    name = "Cooking pot"
    family = "tableware"
    synonyms = ("pot", "stockpot", "stock pot", "saucepan", "sauce pan", "casserole", "dutch oven", "soup pot",
                "cauldron", "pan with lid", "cookware")
    description = (
        "A cooking pot: a straight-walled metal body with a rolled rim and a thick base, two loop handles "
        "(stockpot, dutch oven) or a long handle (saucepan), and an optional lid with a knob."
    )
    tags = ("kitchen", "tableware", "product", "gaming")
    params = (
        Param("diameter", "float", 0.24, 0.12, 0.4, "m", description="inner rim diameter",
              words=("large", "small", "wide"), sample_range=(0.18, 0.28)),
        Param("height", "float", 0.16, 0.07, 0.35, "m", description="body height", words=("deep", "shallow", "tall"),
              sample_range=(0.1, 0.2)),
        Param("style", "choice", "stockpot", choices=("stockpot", "saucepan"),
              description="two side handles or one long handle", words=("saucepan", "stockpot", "long handle")),
        Param("lid", "bool", True, description="lid with a knob", words=("with lid", "lidded", "open", "without lid"),
              p_true=0.7),
        Param("handle_length", "float", 0.18, 0.1, 0.25, "m", description="saucepan handle length",
              words=("long handle", "short handle"), sample_range=(0.15, 0.2)),
        Param("wall_thickness", "float", 0.0025, 0.0015, 0.008, "m", description="wall thickness",
              words=("heavy", "thin", "cast iron"), sample_range=(0.002, 0.004)),
    )
    slots = (
        Slot("body", "stainless_steel", words=("body", "pot", "metal"),
             choices=("stainless_steel", "cast_iron", "copper", "brushed_aluminium", "painted_metal"),
             description="pot and lid"),
        Slot("handles", "black_metal", words=("handles", "handle", "knob"), choices=("black_metal", "stainless_steel", "plastic", "oak"),
             description="handles and lid knob"),
    )
    size = SizeEnvelope(min=(0.12, 0.07, 0.12), max=(0.75, 0.42, 0.45))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        body_mat = self.material("body")
        hmat = self.material("handles")
        R, H, t = p["diameter"] / 2 + p["wall_thickness"], p["height"], p["wall_thickness"]
        outer = np.array([(0.0, 0.0), (R - 0.012, 0.0), (R - 0.004, 0.002), (R, 0.012), (R, H - t / 2)])
        prof = shell_profile(outer, t, floor=0.006)
        model.add("pot", prim.lathe(prof, segments=64, crease_deg=45.0), body_mat)
        if p["style"] == "stockpot":
            for i, sx in enumerate((-1, 1)):
                y = H - 0.035
                a = np.linspace(-np.pi / 2, np.pi / 2, 14)
                reach = 0.035
                span = 0.05
                path = np.stack([sx * (R - 0.004 + reach * np.cos(a)), y + 0.0 * a, span * np.sin(a)], axis=1)
                loop = prim.sweep(prim.circle(0.005, 12), path)
                model.add(f"handle_{i}", loop, hmat)
        else:
            L = p["handle_length"]
            y = H - 0.03
            xs = np.linspace(0.0, 1.0, 10)
            path = np.stack([R - 0.004 + xs * L, y + 0.03 * xs**1.5, np.zeros_like(xs)], axis=1)
            profile = prim.rounded_rectangle(0.022, 0.012, 0.005, 3)
            grip = prim.sweep(profile[:, ::-1], path, scales=np.linspace(0.85, 1.1, len(xs)))
            model.add("handle", grip, hmat)
        if p["lid"]:
            lid_prof = [(0.0, 0.0), (R - t, 0.0), (R + 0.004, 0.004), (R + 0.003, 0.008),
                        (R * 0.6, 0.012 + R * 0.05), (0.0, 0.015 + R * 0.06)]
            lid = prim.lathe(lid_prof, segments=64, crease_deg=40.0)
            top = 0.015 + R * 0.06
            knob = prim.lathe([(0.0, 0.0), (0.009, 0.0), (0.008, 0.012), (0.018, 0.018), (0.018, 0.026), (0.0, 0.028)],
                              segments=24).translated((0, top - 0.003, 0))
            model.add("lid", lid.translated((0, H - 0.002, 0)), body_mat)
            model.add("lid_knob", knob.translated((0, H - 0.002, 0)), hmat)
        return model
