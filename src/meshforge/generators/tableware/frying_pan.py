"""Frying pan: a shallow flared metal pan with a rolled lip and a long riveted handle.

Default: a 28 cm skillet, 5 cm deep, with a 20 cm handle.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._vessel import shell_profile, spline
from meshforge.geometry import primitives as prim


@register
class FryingPanGenerator(Generator):
    id = "frying_pan"
    name = "Frying pan"
    family = "tableware"
    synonyms = ("skillet", "frypan", "fry pan", "sauté pan", "saute pan", "wok", "crepe pan", "omelette pan",
                "cast iron skillet", "pan")
    description = (
        "A frying pan or skillet: a flat base flaring into curved walls with a rolled lip, a long handle rising "
        "from a riveted mount (or a short helper handle opposite), in steel, cast iron or non-stick."
    )
    tags = ("kitchen", "tableware", "product", "gaming")
    params = (
        Param("diameter", "float", 0.28, 0.14, 0.4, "m", description="rim diameter", words=("large", "small"),
              sample_range=(0.22, 0.3)),
        Param("depth", "float", 0.05, 0.02, 0.1, "m", description="height of the walls", words=("deep", "shallow", "sauté"),
              sample_range=(0.04, 0.06)),
        Param("flare", "float", 0.75, 0.55, 0.95, "ratio", description="base diameter / rim diameter",
              words=("flared", "straight sides"), sample_range=(0.68, 0.82)),
        Param("handle_length", "float", 0.2, 0.1, 0.3, "m", description="handle length",
              words=("long handle", "short handle"), sample_range=(0.17, 0.22)),
        Param("handle_angle", "float", 12.0, 0.0, 30.0, "deg", description="upward tilt of the handle",
              words=("raised handle", "flat handle"), sample_range=(8.0, 18.0)),
        Param("helper_handle", "bool", False, description="short loop handle opposite the main one",
              words=("helper handle", "two handles"), p_true=0.25),
        Param("thickness", "float", 0.003, 0.002, 0.007, "m", description="wall thickness",
              words=("heavy", "cast iron", "thin"), sample_range=(0.0025, 0.004)),
    )
    slots = (
        Slot("body", "cast_iron", words=("pan", "body", "metal"),
             choices=("cast_iron", "stainless_steel", "black_metal", "copper", "brushed_aluminium"),
             description="pan"),
        Slot("handle", "black_metal", words=("handle", "grip"), choices=("black_metal", "oak", "walnut", "plastic", "stainless_steel"),
             description="handle"),
    )
    size = SizeEnvelope(min=(0.24, 0.02, 0.14), max=(0.84, 0.3, 0.41))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R, h, t = p["diameter"] / 2, p["depth"], p["thickness"]
        rb = R * p["flare"]
        wall = spline([(rb, 0.0), (rb + (R - rb) * 0.55, h * 0.2), (R * 0.98, h * 0.7), (R, h - t / 2)], 16)
        outer = np.vstack([[(0.0, 0.0)], [(rb - 0.01, 0.0)], wall[1:]])
        prof = shell_profile(outer, t, floor=max(t, 0.004))
        model.add("pan", prim.lathe(prof, segments=72, crease_deg=45.0), self.material("body"))
        hmat = self.material("handle")
        L = p["handle_length"]
        ang = np.radians(p["handle_angle"])
        y0 = h * 0.6
        xs = np.linspace(0.0, 1.0, 12)
        x_start = R - 0.01
        path = np.stack([x_start + xs * L * np.cos(ang), y0 + xs * L * np.sin(ang) + 0.008 * np.sin(np.pi * xs),
                         np.zeros_like(xs)], axis=1)
        prof2 = prim.rounded_rectangle(0.026, 0.011, 0.005, 3)
        grip = prim.sweep(prof2, path, scales=np.linspace(0.8, 1.15, len(xs)))
        model.add("handle", grip, hmat)
        bracket = prim.box((0.03, 0.022, 0.03), bevel=0.004).translated((R - 0.004, y0, 0))
        model.add("handle_mount", bracket, hmat)
        if p["helper_handle"]:
            a = np.linspace(-np.pi / 2, np.pi / 2, 12)
            loop_path = np.stack([-(R - 0.006 + 0.03 * np.cos(a)), np.full_like(a, h - 0.01), 0.035 * np.sin(a)], axis=1)
            model.add("helper_handle", prim.sweep(prim.circle(0.005, 12), loop_path), hmat)
        return model
