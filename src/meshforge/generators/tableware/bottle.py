"""Bottle: a blown glass bottle (wine, beer, water, olive oil shapes) with a rounded shoulder, neck, lip,
optional cap or cork and a paper label.

Default: a 75 cl wine bottle, 30 cm tall, 7.5 cm across.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._vessel import shell_profile, spline
from meshforge.geometry import primitives as prim


@register
class BottleGenerator(Generator):
    id = "bottle"
    name = "Bottle"
    family = "tableware"
    synonyms = ("wine bottle", "beer bottle", "glass bottle", "water bottle", "olive oil bottle", "flask",
                "soda bottle", "liquor bottle", "whisky bottle", "carafe")
    description = (
        "A glass bottle: a cylindrical body, a rounded (bordeaux), sloping (burgundy) or short (beer) shoulder, a "
        "neck with a lip, an optional cork or cap and a paper label around the body."
    )
    tags = ("tableware", "kitchen", "product", "gaming")
    params = (
        Param("height", "float", 0.3, 0.12, 0.4, "m", description="overall height", words=("tall", "short", "small"),
              sample_range=(0.22, 0.32)),
        Param("diameter", "float", 0.075, 0.04, 0.12, "m", description="body diameter", words=("wide", "slim"),
              sample_range=(0.06, 0.085)),
        Param("shoulder", "choice", "bordeaux", choices=("bordeaux", "burgundy", "beer"),
              description="shoulder shape", words=("high shoulder", "sloping shoulder", "beer bottle")),
        Param("neck_diameter", "float", 0.029, 0.018, 0.04, "m", description="neck diameter",
              words=("narrow neck", "wide neck"), sample_range=(0.025, 0.031)),
        Param("neck_ratio", "float", 0.3, 0.15, 0.4, "ratio", description="neck length / height",
              words=("long neck", "short neck"), sample_range=(0.22, 0.34)),
        Param("cap", "bool", True, description="cork or cap in the neck", words=("corked", "capped", "open"),
              p_true=0.8),
        Param("label", "bool", True, description="paper label on the body", words=("labelled", "with label", "plain"),
              p_true=0.75),
    )
    slots = (
        Slot("glass", "glass", color="#2F5A2A", words=("glass", "bottle", "body"), choices=("glass",),
             colors=("#2F5A2A", "#5A3A1A", "#D8E4E0", "#1E3A5A"), description="the bottle"),
        Slot("label", "paper", color="#EFE6D2", words=("label", "sticker"),
             colors=("#EFE6D2", "#202020", "#8C1C13", "#F2F2F2"), description="label"),
        Slot("cap", "bark", color="#B48A5A", words=("cap", "cork", "stopper", "lid"),
             choices=("bark", "brushed_aluminium", "gold", "plastic"), description="cork or cap"),
    )
    size = SizeEnvelope(min=(0.04, 0.12, 0.04), max=(0.125, 0.41, 0.125))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        H, R, rn = p["height"], p["diameter"] / 2, p["neck_diameter"] / 2
        rn = min(rn, R * 0.8)
        neck_l = H * p["neck_ratio"]
        sh = p["shoulder"]
        body_top = H - neck_l - {"bordeaux": 0.06, "burgundy": 0.12, "beer": 0.07}[sh] * H / 0.3
        body_top = max(body_top, H * 0.3)
        neck_base = H - neck_l
        if sh == "bordeaux":
            shoulder = spline([(R, body_top), (R * 0.92, body_top + (neck_base - body_top) * 0.45), (rn * 1.1, neck_base)], 16)
        elif sh == "burgundy":
            shoulder = spline([(R, body_top), (R * 0.72, body_top + (neck_base - body_top) * 0.55), (rn * 1.05, neck_base)], 16)
        else:
            shoulder = spline([(R, body_top), (R * 0.7, body_top + (neck_base - body_top) * 0.6), (rn * 1.15, neck_base + 0.01)], 16)
        lip_h = 0.012
        outer = np.vstack([
            [(0.0, 0.006), (R * 0.4, 0.004), (R - 0.006, 0.0), (R - 0.002, 0.0015), (R, 0.006)],
            shoulder,
            [(rn, H - lip_h - 0.004), (rn * 1.12, H - lip_h), (rn * 1.12, H - 0.003)],
        ])
        wall = min(0.003, rn * 0.18)
        prof = shell_profile(outer, wall, floor=0.02, hollow_from=3)
        model.add("bottle", prim.lathe(prof, segments=48, crease_deg=50.0), self.material("glass"))
        if p["label"]:
            lh = min((body_top - 0.02) * 0.6, 0.1)
            y0 = body_top - lh - (body_top - lh) * 0.25
            lab = prim.cylinder(R + 0.0006, lh, segments=48).translated((0, y0, 0))
            model.add("label", lab, self.material("label"))
        if p["cap"]:
            r_in = rn - wall
            if sh == "beer":
                cap = prim.cylinder(rn * 1.18, 0.012, segments=24, bevel=0.002).translated((0, H - 0.01, 0))
            else:
                cap = prim.cylinder(r_in * 1.04, 0.03, segments=24, bevel=0.003).translated((0, H - 0.022, 0))
            model.add("cap", cap, self.material("cap"))
        return model
