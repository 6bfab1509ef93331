"""Spiral staircase: wedge-shaped treads fanning round a central column, climbing as they turn, with a
baluster at each tread's outer end carrying a helical handrail, and a landing plate at the top.

Default: 16 steps of 19 cm (3.04 m up), 1.0 m radius, 22.5 degrees per step (one full turn), steel.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import merge, tube
from meshforge.geometry import primitives as prim


@register
class SpiralStaircaseGenerator(Generator):
    id = "spiral_staircase"
    name = "Spiral staircase"
    family = "architecture"
    synonyms = ("spiral stairs", "spiral stair", "helical staircase", "winding staircase", "corkscrew stairs",
                "tower stairs", "circular staircase", "spiral steps")
    description = (
        "A spiral staircase: wedge-shaped treads fanning around a central pole, each higher than the last, "
        "a baluster on the outer end of every tread carrying a helical handrail, and a landing at the top; "
        "turns clockwise or anticlockwise."
    )
    tags = ("architecture", "building", "interior", "gaming", "industrial")
    params = (
        Param("steps", "int", 16, 4, 40, "count", description="number of steps",
              words=("16 steps", "twenty steps"), sample_range=(12, 20)),
        Param("rise", "float", 0.19, 0.15, 0.24, "m", description="height of each step",
              words=("steep", "gentle"), sample_range=(0.18, 0.21)),
        Param("radius", "float", 1.0, 0.6, 2.0, "m", description="outer radius",
              words=("wide", "tight", "compact", "large"), sample_range=(0.8, 1.2)),
        Param("turn", "float", 22.5, 12.0, 40.0, "deg", description="rotation per step",
              words=("tight turn", "slow turn"), sample_range=(20.0, 30.0)),
        Param("direction", "choice", "anticlockwise", choices=("anticlockwise", "clockwise"),
              description="sense of rotation going up", words=("clockwise", "counterclockwise", "anticlockwise")),
        Param("railing", "bool", True, description="balusters and a helical handrail",
              words=("with railing", "handrail", "no railing"), p_true=0.85),
    )
    slots = (
        Slot("steps", "black_metal", words=("steps", "treads", "stairs"),
             choices=("black_metal", "oak", "steel", "walnut", "concrete", "stone"), description="treads and landing"),
        Slot("metal", "black_metal", words=("pole", "column", "railing", "handrail", "balusters", "metal"),
             choices=("black_metal", "steel", "brass", "stainless_steel"), description="pole and railing"),
    )
    size = SizeEnvelope(min=(0.9, 0.6, 0.9), max=(4.1, 10.6, 4.1))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        n, r, R = p["steps"], p["rise"], p["radius"]
        turn = np.radians(p["turn"]) * (1 if p["direction"] == "anticlockwise" else -1)
        pole_r = max(0.06, R * 0.08)
        tt = 0.05
        top = n * r
        model.add("pole", prim.cylinder(pole_r, top + 1.0, segments=24, bevel=0.01), self.material("metal"))
        treads = []
        span = abs(turn) * 1.04  # a small overlap in plan so no light shows between treads
        for i in range(n):
            a0 = i * turn - np.sign(turn) * (span - abs(turn)) / 2
            ang = a0 + np.sign(turn) * np.linspace(0, span, 6)
            outline = np.vstack([[(pole_r * 0.5 * np.cos(a0 + turn / 2), pole_r * 0.5 * np.sin(a0 + turn / 2))],
                                 np.stack([R * np.cos(ang), R * np.sin(ang)], axis=1)])
            y = (i + 1) * r - tt
            treads.append(prim.extrude(outline, tt, bevel=0.006, bevel_segments=1).translated((0, y, 0)))
        # landing: a quarter disc at the top, after the last tread
        a_l = n * turn
        ang = a_l + np.sign(turn) * np.linspace(0, np.pi / 2, 10)
        landing = np.vstack([[(0.0, 0.0)], np.stack([R * np.cos(ang), R * np.sin(ang)], axis=1)])
        landing_y = (n + 1) * r - tt
        model.add("treads", merge(treads), self.material("steps"))
        model.add("landing", prim.extrude(landing, tt, bevel=0.006, bevel_segments=1).translated((0, landing_y, 0)),
                  self.material("steps"))
        if p["railing"]:
            rail_h = 0.9
            rr = R - 0.04
            posts = []
            for i in range(n):
                a = i * turn + turn * 0.5
                y = (i + 1) * r
                posts.append(prim.cylinder(0.012, rail_h, segments=8).translated((rr * np.cos(a), y - 0.01, rr * np.sin(a))))
            t = np.linspace(0.5, n - 0.5, max(24, n * 4))
            path = np.stack([rr * np.cos(t * turn), (t + 0.5) * r + rail_h, rr * np.sin(t * turn)], axis=1)
            rail = tube(path, 0.022, 12)
            model.add("balusters", merge(posts), self.material("metal"))
            model.add("handrail", rail, self.material("metal"))
        return model
