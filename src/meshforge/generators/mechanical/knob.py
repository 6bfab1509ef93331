"""Control knob: a knurled, slightly tapered grip with a rounded top, a pointer line, an optional skirt
with a scale ring, and a blind shaft hole with a D flat underneath.

Default: 30 mm diameter, 18 mm tall, 24 knurls, 6 mm D-shaft (the common potentiometer shaft).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim


@register
class KnobGenerator(Generator):
    id = "knob"
    name = "Control knob"
    family = "mechanical"
    synonyms = ("control knob", "potentiometer knob", "volume knob", "dial", "rotary knob", "pointer knob",
                "amp knob", "synth knob", "knurled knob")
    description = (
        "A control knob for potentiometers and encoders: knurled tapered grip with a rounded top, a pointer line, "
        "an optional skirt, and a 6 mm D-shaft hole underneath; exact diameter and knurl count."
    )
    tags = ("mechanical", "manufacturing", "electronics", "product", "3d printing")
    params = (
        Param("diameter", "float", 0.03, 0.01, 0.08, "m", description="grip diameter (30 mm)",
              words=("big", "small", "large"), sample_range=(0.02, 0.04)),
        Param("height", "float", 0.018, 0.008, 0.05, "m", description="total height (18 mm)",
              words=("tall", "flat", "low"), sample_range=(0.012, 0.024)),
        Param("knurls", "int", 24, 0, 72, "count", description="grooves around the grip (0 = smooth)",
              words=("knurled", "smooth", "ridges", "grooves"), sample_range=(12, 36)),
        Param("taper", "float", 0.9, 0.6, 1.0, "ratio", description="top diameter / bottom diameter",
              words=("tapered", "straight"), sample_range=(0.8, 0.98)),
        Param("pointer", "bool", True, description="a contrasting pointer line on top and down the side",
              words=("pointer", "indicator", "marker line"), p_true=0.85),
        Param("skirt", "bool", False, description="a thin flared skirt around the base",
              words=("skirt", "flange", "skirted"), p_true=0.35),
        Param("shaft_diameter", "float", 0.006, 0.003, 0.01, "m", description="shaft hole diameter (6 mm D-shaft)",
              words=("shaft", "6 mm", "1/4 inch"), sample_range=(0.006, 0.006)),
    )
    slots = (
        Slot("body", "matte_plastic", color="#1E1F22", words=("knob", "body", "grip"),
             choices=("matte_plastic", "glossy_plastic", "brushed_aluminium", "chrome", "rubber", "walnut"),
             colors=("#1E1F22", "#C9CCD1", "#7A1F1F", "#E8E2D0"), description="the knob"),
        Slot("pointer", "glossy_plastic", color="#F2F2F2", words=("pointer", "line", "indicator"),
             colors=("#F2F2F2", "#E53935", "#FFC400"), description="the pointer line"),
    )
    size = SizeEnvelope(min=(0.01, 0.008, 0.01), max=(0.105, 0.0515, 0.105))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R, H = p["diameter"] / 2, p["height"]
        n = p["knurls"]
        per = 6
        k = max(n * per, 64)
        theta = np.linspace(0, 2 * np.pi, k, endpoint=False)
        groove = min(0.06 * R, 0.0012)
        if n > 0:
            wave = np.clip(-np.cos(n * theta), 0.0, 1.0) ** 2  # a ridge on +X
            base_r = R - groove * wave
        else:
            base_r = np.full(k, R)
        skirt_h = min(0.12 * H, 0.003) if p["skirt"] else 0.0
        top_round = min(0.18 * R, 0.25 * H)
        levels = [(skirt_h, 1.0, 1.0)]
        body_top = H - top_round
        levels.append((body_top, p["taper"], 1.0))
        for a in np.linspace(0.0, np.pi / 2, 6)[1:]:
            y = body_top + top_round * np.sin(a)
            s = p["taper"] - top_round / R * (1 - np.cos(a))
            levels.append((y, s, float(np.cos(a))))
        rings = []
        for y, s, knurl in levels:
            rr = (R - (R - base_r) * knurl) * s
            rings.append(np.stack([rr * np.cos(theta), np.full(k, y), rr * np.sin(theta)], axis=1))
        grip = prim.loft(rings, crease_deg=40.0)
        parts = [grip]
        if p["skirt"]:
            sk_r = R * 1.25
            parts.append(prim.lathe([(0, 0), (sk_r, 0), (sk_r, skirt_h * 0.5), (R * 0.95, skirt_h * 1.5), (0, skirt_h * 1.5)],
                                    segments=64, crease_deg=35.0))
        body = csg.union(*parts, crease_deg=40.0) if len(parts) > 1 else grip
        sr = min(p["shaft_diameter"] / 2, R * 0.5)
        depth = min(H * 0.7, 0.015)
        shaft = prim.cylinder(sr, depth + 0.001, segments=32).translated((0, -0.001, 0))
        d_flat = prim.box((sr * 2.2, depth + 0.002, sr)).translated((0, depth / 2, sr * 0.5 + sr * 0.7))
        shaft = csg.difference(shaft, d_flat)
        body = csg.difference(body, shaft, crease_deg=40.0)
        model.add("knob", body, self.material("body"))
        if p["pointer"]:
            top_r = R * p["taper"] - top_round
            pw = max(R * 0.08, 0.0008)
            top_line = prim.box((pw, 0.0008, top_r * 0.8), bevel=pw * 0.3).translated((0, H - 0.0001, top_r * 0.5))
            model.add("pointer", top_line, self.material("pointer"))
        return model
