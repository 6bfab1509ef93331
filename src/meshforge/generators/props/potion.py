"""Potion: a hollow glass bottle (round flask, square bottle or conical Erlenmeyer flask) with a neck and lip,
partly filled with a coloured liquid that can glow, and an optional cork stopper.

Default: a 16 cm round potion bottle, 9 cm across, two-thirds full of red liquid.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import block
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim


@register
class PotionGenerator(Generator):
    id = "potion"
    name = "Potion"
    family = "props"
    synonyms = ("potion bottle", "flask", "vial", "elixir", "health potion", "mana potion", "magic potion",
                "phial", "alchemy bottle", "erlenmeyer flask", "conical flask", "round flask", "tonic")
    description = (
        "A potion bottle of glass: a round flask with a spherical belly, a square bottle with bevelled edges "
        "or a conical Erlenmeyer flask, each with a neck and a rolled lip, filled to a chosen level with a "
        "coloured (optionally glowing) liquid and closed by a cork stopper; RPG and alchemy prop."
    )
    tags = ("gaming", "props", "fantasy", "alchemy", "rpg")
    params = (
        Param("shape", "choice", "round", choices=("round", "square", "conical"), description="bottle body shape",
              words=("round", "spherical", "square", "conical", "erlenmeyer", "triangular")),
        Param("height", "float", 0.16, 0.06, 0.4, "m", description="bottle height without the stopper",
              words=("tall", "small", "big", "tiny"), sample_range=(0.12, 0.2)),
        Param("width", "float", 0.09, 0.03, 0.2, "m", description="width of the body",
              words=("wide", "fat", "slim", "narrow"), sample_range=(0.07, 0.11)),
        Param("neck_ratio", "float", 0.3, 0.15, 0.55, "ratio", description="neck length / height",
              words=("long neck", "short neck"), sample_range=(0.22, 0.4)),
        Param("fill", "float", 0.65, 0.0, 1.0, "ratio", description="liquid level as a fraction of the body",
              words=("full", "empty", "half full"), sample_range=(0.3, 0.95)),
        Param("stopper", "bool", True, description="cork stopper in the neck", words=("corked", "stopper", "open"),
              p_true=0.8),
        Param("glow", "bool", False, description="the liquid glows (uses the glow slot)",
              words=("glowing", "luminous", "magic glow", "shining"), p_true=0.4),
    )
    slots = (
        Slot("liquid", "water", color="#B0203A", words=("liquid", "potion", "elixir", "contents"),
             colors=("#B0203A", "#2A4FD0", "#2FA84A", "#8A2BB8", "#E0A020"), description="the liquid"),
        Slot("glass", "glass", words=("glass", "bottle", "flask"), choices=("glass", "frosted_glass", "crystal"),
             description="the bottle"),
        Slot("stopper", "pine", color="#B88A58", words=("cork", "stopper", "plug"), description="cork stopper"),
        Slot("glow", "glow", color="#7CFFB0", words=("glow", "glowing liquid", "light"),
             colors=("#7CFFB0", "#FF5A7A", "#6AB8FF", "#D58CFF", "#FFD36A"), description="liquid when it glows"),
    )
    size = SizeEnvelope(min=(0.025, 0.06, 0.025), max=(0.2, 0.44, 0.2))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        h, w = p["height"], p["width"]
        wall = max(0.0015, w * 0.025)
        neck_h = h * p["neck_ratio"]
        body_h = h - neck_h
        rn = max(w * 0.17, wall * 3)
        lip = min(0.008, neck_h * 0.2)
        liquid_mat = self.material("glow" if p["glow"] else "liquid")

        if p["shape"] == "square":
            outer = csg.union(block((w, body_h, w), (0, body_h / 2, 0), bevel=w * 0.12, segments=3),
                              prim.cylinder(rn, h - lip - body_h + w * 0.1 + 0.001, segments=32)
                              .translated((0, body_h - w * 0.1, 0)),
                              prim.cylinder(rn + wall, lip, segments=32, bevel=lip * 0.45).translated((0, h - lip, 0)))
            inner = csg.union(block((w - 2 * wall, body_h - 2 * wall, w - 2 * wall), (0, body_h / 2, 0),
                                    bevel=w * 0.1, segments=3),
                              prim.cylinder(rn - wall, h - body_h + w * 0.2 + 0.01, segments=32)
                              .translated((0, body_h - w * 0.2, 0)))
            glass = csg.difference(outer, inner)
            if p["fill"] > 0.02:
                lh = (body_h - 2 * wall - 0.002) * p["fill"]
                liquid = block((w - 2 * wall - 0.002, lh, w - 2 * wall - 0.002), (0, wall + 0.001 + lh / 2, 0),
                               bevel=w * 0.09, segments=3)
                model.add("liquid", liquid, liquid_mat)
        else:
            ys, rs = self._radii(p["shape"], body_h, w / 2, rn)
            ys = np.concatenate([ys, [h - lip]])
            rs = np.concatenate([rs, [rn]])
            lip_a = np.linspace(-np.pi / 2, np.pi / 2, 7)
            lip_pts = np.stack([rn + lip * 0.45 * np.cos(lip_a), h - lip / 2 + lip / 2 * np.sin(lip_a)], axis=1)
            inner_r = np.maximum(rs - wall, wall)
            keep = ys > wall
            prof = np.vstack([[(0.0, 0.0)], np.stack([rs, ys], axis=1)[1:], lip_pts, [(rn - wall, h)],
                              np.stack([inner_r, ys], axis=1)[keep][::-1], [(0.0, wall)]])
            glass = prim.lathe(prof, segments=40, crease_deg=60.0)
            if p["fill"] > 0.02:
                top = wall + 0.001 + (body_h - wall) * p["fill"]
                yy = np.linspace(wall + 0.001, top, 16)
                rr = np.interp(yy, ys, inner_r) - 0.001
                liquid = prim.lathe(np.vstack([[(0.0, yy[0])], np.stack([rr, yy], axis=1), [(0.0, top)]]),
                                    segments=40, crease_deg=60.0)
                model.add("liquid", liquid, liquid_mat)
        model.add("bottle", glass, self.material("glass"))
        if p["stopper"]:
            sh = max(0.02, neck_h * 0.55)
            prof = [(0.0, 0.0), (rn - wall - 0.0005, 0.0), (rn - wall + 0.001, sh * 0.6), (rn + wall * 0.6, sh),
                    (0.0, sh)]
            cork = prim.lathe(prof, segments=24, crease_deg=50.0).translated((0, h - sh * 0.55, 0))
            model.add("stopper", cork, self.material("stopper"))
        return model

    @staticmethod
    def _radii(shape: str, body_h: float, r: float, rn: float) -> tuple[np.ndarray, np.ndarray]:
        """Outer radius samples up the body and into the neck start for lathed shapes."""
        if shape == "conical":
            ys = np.concatenate([[0.0, 0.003], np.linspace(0.01, body_h, 12)])
            rs = np.concatenate([[r - 0.004, r - 0.0005], r + (rn - r) * np.linspace(0.0, 1.0, 12) ** 0.9])
            return ys, rs
        # round: a sphere of radius R on a small flat foot, blending into the neck
        R = min(r, body_h / 2)
        a = np.linspace(-np.pi / 2 + 0.35, np.pi / 2 - np.arcsin(min(rn / R, 0.95)), 20)
        ys = R + R * np.sin(a)
        rs = R * np.cos(a)
        ys = ys - ys[0]
        return np.concatenate([ys, [body_h]]), np.concatenate([rs, [rn]])
