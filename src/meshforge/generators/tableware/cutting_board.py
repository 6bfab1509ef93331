"""Cutting board: a thick wooden (or plastic) board with rounded, bevelled edges, a rectangle, paddle (with a
handle tab) or round outline, an optional hanging/handle hole and an optional juice groove routed round the top.

Default: a 40 x 28 cm maple chopping board, 2 cm thick, with a handle hole and a juice groove.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim


@register
class CuttingBoardGenerator(Generator):
    id = "cutting_board"
    name = "Cutting board"
    family = "tableware"
    synonyms = ("chopping board", "chopping block", "bread board", "serving board", "cheese board",
                "charcuterie board", "butcher block", "carving board", "breadboard", "kitchen board")
    description = (
        "A kitchen cutting board: a thick board with rounded corners and softened edges, shaped as a rectangle, "
        "a paddle with a handle tab, or a round; optionally with a hole to hang or hold it and a juice groove "
        "routed round the top surface."
    )
    tags = ("kitchen", "tableware", "interior", "gaming", "product")
    params = (
        Param("length", "float", 0.4, 0.2, 0.6, "m", description="length of the board (without a paddle handle)",
              words=("large", "small", "long"), sample_range=(0.32, 0.46)),
        Param("width", "float", 0.28, 0.15, 0.45, "m", description="width of the board",
              words=("wide", "narrow"), sample_range=(0.22, 0.32)),
        Param("thickness", "float", 0.02, 0.01, 0.06, "m", description="thickness",
              words=("thick", "thin", "butcher block", "chunky"), sample_range=(0.016, 0.035)),
        Param("shape", "choice", "rectangle", choices=("rectangle", "paddle", "round"),
              description="outline: rounded rectangle, paddle with handle tab, or round",
              words=("rectangular", "paddle", "round", "with handle", "circular")),
        Param("corner_radius", "float", 0.025, 0.005, 0.08, "m", description="radius of the rounded corners",
              words=("rounded corners", "square corners"), sample_range=(0.012, 0.04)),
        Param("handle_hole", "bool", True, description="a hole to hold or hang the board",
              words=("handle hole", "hanging hole", "with hole", "no hole"), p_true=0.6),
        Param("juice_groove", "bool", True, description="a groove routed round the top to catch juices",
              words=("juice groove", "drip groove", "groove", "flat"), p_true=0.5),
    )
    slots = (
        Slot("board", "maple", words=("board", "wood", "top"),
             choices=("maple", "oak", "walnut", "bamboo", "cherry", "birch", "plastic"),
             description="the board"),
    )
    size = SizeEnvelope(min=(0.15, 0.01, 0.15), max=(0.78, 0.06, 0.6))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L, W, T = p["length"], p["width"], p["thickness"]
        shape = p["shape"]
        if shape == "round":
            W = L = max(L, W) if L < W else L
            outline = prim.circle(L / 2, 72)
        else:
            outline = prim.rounded_rectangle(L, W, p["corner_radius"], 6)
        holes = []
        hole_x = L / 2 - 0.04
        if shape == "paddle":
            tab_l, tab_w = 0.09 + 0.1 * L, min(0.07, 0.4 * W)
            outline = self._paddle_outline(L, W, p["corner_radius"], tab_l, tab_w)
            hole_x = L / 2 + tab_l - tab_w * 0.5
        if p["handle_hole"]:
            if shape == "paddle":
                holes.append(prim.circle(min(0.014, tab_w * 0.22), 24) + np.array([hole_x, 0.0]))
            elif shape == "round":
                holes.append(prim.circle(0.012, 24) + np.array([L / 2 - 0.035, 0.0]))
            else:
                slot_w = min(0.11, W * 0.4)
                holes.append(prim.rounded_rectangle(0.028, slot_w, 0.0139, 8) + np.array([hole_x, 0.0]))
        bevel = min(0.004, T * 0.3)
        board = prim.extrude(outline, T, holes=holes, bevel=bevel, bevel_segments=3, crease_deg=35.0)
        if p["juice_groove"]:
            inset = 0.022
            gr = 0.005
            if shape == "round":
                path2d = prim.circle(L / 2 - inset, 72)
            else:
                x1 = L / 2 - inset - (0.055 if (p["handle_hole"] and shape == "rectangle") else 0.0)
                gl, gw = x1 + L / 2 - inset, W - 2 * inset
                path2d = prim.rounded_rectangle(gl, gw, max(p["corner_radius"] - inset / 2, 0.012), 6)
                path2d += ((x1 - (L / 2 - inset)) / 2, 0)
            path = np.stack([path2d[:, 0], np.full(len(path2d), T + gr * 0.35), path2d[:, 1]], axis=1)
            groove = prim.sweep(prim.circle(gr, 12), path, closed=True)
            board = csg.difference(board, groove, crease_deg=35.0)
        model.add("board", board, self.material("board"))
        return model

    @staticmethod
    def _paddle_outline(L: float, W: float, r: float, tab_l: float, tab_w: float) -> np.ndarray:
        """Rounded rectangle with a round-ended handle tab on its +x side, joined by concave fillets."""
        f = 0.012
        r = max(min(r, W / 2 - tab_w / 2 - f - 0.002), 0.003)

        def arc(cx: float, cz: float, rad: float, a0: float, a1: float, n: int = 6) -> np.ndarray:
            a = np.radians(np.linspace(a0, a1, n + 1))
            return np.stack([cx + rad * np.cos(a), cz + rad * np.sin(a)], axis=1)

        hx, hz = L / 2 - r, W / 2 - r
        pieces = [
            arc(hx, -hz, r, -90, 0), arc(L / 2 + f, -tab_w / 2 - f, f, 180, 90, 4),
            arc(L / 2 + tab_l - tab_w / 2, 0.0, tab_w / 2, -90, 90, 12)[1:-1],
            arc(L / 2 + f, tab_w / 2 + f, f, -90, -180, 4), arc(hx, hz, r, 0, 90), arc(-hx, hz, r, 90, 180),
            arc(-hx, -hz, r, 180, 270),
        ]
        pts = np.vstack(pieces)
        keep = np.linalg.norm(pts - np.roll(pts, 1, axis=0), axis=1) > 1e-7
        return pts[keep]
