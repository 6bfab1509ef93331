"""Window: a framed, glazed window unit: casement, double-hung sash, fixed picture window or arched window,
with glazing bars in a grid, a stone sill and optional shutters.

Default: a 1.2 m wide, 1.4 m tall casement window with a 2 x 2 grid of panes and a sill.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.architecture._parts import arch_rise, block, window_unit
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import merge
from meshforge.geometry import csg


@register
class WindowGenerator(Generator):
    id = "window"
    name = "Window"
    family = "architecture"
    synonyms = ("casement window", "sash window", "double-hung window", "picture window", "arched window",
                "window frame", "house window", "glazed window", "lattice window", "cottage window")
    description = (
        "A window unit: a frame with glazing bars dividing the glass into a grid of panes, as a casement, a "
        "double-hung sash with a meeting rail, a fixed picture window or a round-arched window; with a "
        "projecting stone sill and optional louvred shutters at the sides."
    )
    tags = ("architecture", "building", "gaming", "modular", "exterior", "interior")
    params = (
        Param("width", "float", 1.2, 0.4, 3.0, "m", description="frame width",
              words=("wide", "narrow", "large", "small"), sample_range=(0.8, 1.6)),
        Param("height", "float", 1.4, 0.4, 3.0, "m", description="frame height",
              words=("tall", "short"), sample_range=(1.0, 1.8)),
        Param("style", "choice", "casement", choices=("casement", "sash", "fixed", "arched"),
              description="window type", words=("casement", "sash", "double-hung", "picture", "fixed", "arched")),
        Param("columns", "int", 2, 1, 6, "count", description="panes across", words=("two panes", "divided"),
              sample_range=(1, 3)),
        Param("rows", "int", 2, 1, 6, "count", description="panes up", words=("four panes", "grid"),
              sample_range=(1, 3)),
        Param("frame_width", "float", 0.06, 0.03, 0.12, "m", description="width of the frame members",
              words=("thick frame", "slim frame"), sample_range=(0.05, 0.08)),
        Param("sill", "bool", True, description="projecting sill below", words=("with a sill", "windowsill"),
              p_true=0.8),
        Param("shutters", "bool", False, description="louvred shutters at the sides",
              words=("with shutters", "shuttered"), p_true=0.3),
    )
    slots = (
        Slot("frame", "painted_wood", color="#F2F0EA", words=("frame", "bars", "window frame"),
             choices=("painted_wood", "oak", "black_metal", "painted_metal", "brushed_aluminium"),
             description="frame and glazing bars"),
        Slot("glass", "glass", words=("glass", "panes", "glazing"), choices=("glass", "frosted_glass"),
             description="panes"),
        Slot("sill", "stone", words=("sill", "windowsill", "ledge"), choices=("stone", "sandstone", "marble",
             "concrete", "painted_wood"), description="sill"),
        Slot("shutters", "painted_wood", color="#2F5B3A", words=("shutters", "louvres"),
             colors=("#2F5B3A", "#1F3B5A", "#7A2020", "#333333"), description="shutters"),
    )
    size = SizeEnvelope(min=(0.4, 0.4, 0.1), max=(6.2, 3.8, 0.25))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        w, h, fw = p["width"], p["height"], p["frame_width"]
        depth = 0.1
        style = p["style"]
        arch = "round" if style == "arched" else "rect"
        if arch == "round":
            h = max(h, arch_rise(w, "round") + 0.25)
        fw = min(fw, w * 0.15, h * 0.15)
        frame, glass = window_unit(w, h, depth, fw, p["columns"], p["rows"], arch, sash=style == "sash")
        if style == "casement" and p["columns"] >= 2 and p["columns"] % 2 == 0:
            # the two casements meet on a wider central mullion
            mull = block((fw * 1.1, h - fw, depth * 0.8), (0, h / 2, 0))
            frame = csg.union(frame, mull)
        model.add("frame", frame, self.material("frame"))
        model.add("glass", glass, self.material("glass"))
        if p["sill"]:
            model.add("sill", block((w + 0.1, 0.05, 0.16), (0, -0.025, 0.05), bevel=0.006), self.material("sill"))
        if p["shutters"]:
            sw = w / 2
            sh = h if arch == "rect" else h - arch_rise(w, "round") * 0.5
            shutters = []
            for sx in (-1, 1):
                x = sx * (w / 2 + sw / 2 + 0.01)
                board = block((sw, sh, 0.03), (x, sh / 2, 0.0), bevel=0.004)
                n = max(3, int(sh / 0.08))
                slats = [block((sw - 0.08, 0.05, 0.012), (x, 0.08 + i * (sh - 0.16) / (n - 1), 0.016))
                         for i in range(n)]
                recess = block((sw - 0.08, sh - 0.12, 0.012), (x, sh / 2, 0.017))
                shutters.append(csg.union(csg.difference(board, recess), merge(slats) if len(slats) else board))
            model.add("shutters", merge(shutters), self.material("shutters"))
        return model
