"""Treasure chest: a wooden chest with a curved (or flat) lid on a hinge at the back, metal straps, corner
guards, side handles, a front lock plate, and optionally a heap of gold inside when it is open.

Default: 0.9 m wide, 0.55 m deep, 0.6 m tall with the lid closed.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import block, merge, prism_x, turned
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.transform import rotation, translation


@register
class TreasureChestGenerator(Generator):
    id = "treasure_chest"
    name = "Treasure chest"
    family = "props"
    synonyms = ("chest", "treasure box", "loot box", "loot chest", "pirate chest", "trunk", "coffer", "strongbox",
                "strong box", "storage chest", "reward chest")
    description = (
        "A wooden treasure chest with a barrel-vaulted or flat lid hinged at the back, wrapped by metal straps, "
        "with metal corner guards, ring handles at the sides and a lock plate in front; the lid can be opened "
        "to show a heap of gold coins."
    )
    tags = ("gaming", "props", "medieval", "pirate", "fantasy", "storage")
    params = (
        Param("width", "float", 0.9, 0.4, 1.6, "m", description="size along X",
              words=("wide", "long", "large", "small", "big"), sample_range=(0.7, 1.1)),
        Param("depth", "float", 0.55, 0.3, 1.0, "m", description="size along Z (front to back)",
              words=("deep", "shallow"), sample_range=(0.45, 0.65)),
        Param("body_height", "float", 0.38, 0.2, 0.7, "m", description="height of the box below the lid",
              words=("tall", "low"), sample_range=(0.32, 0.45)),
        Param("lid_style", "choice", "curved", choices=("curved", "flat"), description="shape of the lid",
              words=("curved lid", "domed lid", "flat lid", "rounded top")),
        Param("lid_open", "float", 0.0, 0.0, 110.0, "deg", description="how far the lid is opened",
              words=("open", "closed", "opened", "ajar"), sample_range=(0.0, 80.0)),
        Param("straps", "int", 2, 0, 4, "count", description="metal straps across the chest",
              words=("two straps", "bands", "banded"), sample_range=(2, 3)),
        Param("gold", "bool", True, description="a heap of gold inside (visible when open)",
              words=("full of gold", "with treasure", "empty", "coins"), p_true=0.7),
    )
    slots = (
        Slot("wood", "oak", words=("wood", "body", "chest", "lid", "planks"),
             choices=("oak", "walnut", "mahogany", "weathered_wood", "painted_wood"), description="body and lid"),
        Slot("metal", "iron", words=("metal", "straps", "bands", "lock", "corners", "trim"),
             choices=("iron", "black_metal", "brass", "gold", "bronze"), description="straps, corners, lock, handles"),
        Slot("gold", "gold", words=("gold", "treasure", "coins", "loot"), description="the treasure inside"),
    )
    size = SizeEnvelope(min=(0.4, 0.2, 0.3), max=(1.75, 1.95, 1.3))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        wood, metal = self.material("wood"), self.material("metal")
        w, d, hb = p["width"], p["depth"], p["body_height"]
        wall = min(0.03, d * 0.06)
        mt = 0.006  # metal thickness

        body = csg.difference(block((w, hb, d), (0, hb / 2, 0), bevel=0.006),
                              block((w - 2 * wall, hb, d - 2 * wall), (0, hb / 2 + wall, 0)))
        model.add("body", body, wood)

        lid_profile = self._lid_profile(p["lid_style"], d, 0.0)
        hinge = translation((0, hb, -d / 2)) @ rotation("x", -p["lid_open"]) @ translation((0, -hb, d / 2))
        lid_solid = prism_x(lid_profile, -w / 2, w / 2).translated((0, hb, 0))
        if p["lid_open"] > 0:
            inner = prism_x(self._lid_profile(p["lid_style"], d - 2 * wall, -wall), -w / 2 + wall, w / 2 - wall)
            lid_solid = csg.difference(lid_solid, inner.translated((0, hb - 0.001, 0)))
        model.add("lid", lid_solid, wood, hinge)

        n = p["straps"]
        sw = min(0.05, w * 0.06)
        xs = np.linspace(-w / 2, w / 2, n + 2)[1:-1] if n else np.array([])
        if n:
            # thin plates on the front and back of the body, and shells over the lid (never through the inside)
            straps = [block((sw, hb - 0.004, mt), (x, hb / 2, sz * (d / 2 + mt / 2))) for x in xs for sz in (-1, 1)]
            model.add("straps", merge(straps), metal)
            outer = prism_x(self._lid_profile(p["lid_style"], d + 2 * mt, mt), 0, sw)
            inner = prism_x(self._lid_profile(p["lid_style"], d, 0.0), -0.01, sw + 0.01).translated((0, -0.002, 0))
            shell = csg.difference(outer, inner)
            lid_straps = [shell.translated((x - sw / 2, hb + 0.002, 0)) for x in xs]
            model.add("lid_straps", merge(lid_straps), metal, hinge)

        # corner guards: L-shaped angles up the four vertical edges
        c = min(0.06, 0.2 * min(w, d))
        guards = []
        for sx in (-1, 1):
            for sz in (-1, 1):
                a = block((c + mt, hb - 0.01, mt), (sx * (w / 2 - c / 2 + mt / 2), hb / 2, sz * (d / 2 + mt / 2)))
                # b is a hair thicker and shorter than a so no faces coincide (robust union)
                b = block((mt + 0.001, hb - 0.012, c + mt + 0.001),
                          (sx * (w / 2 + mt / 2 + 0.0005), hb / 2, sz * (d / 2 - c / 2 + mt / 2 + 0.0005)))
                guards.append(csg.union(a, b))
        model.add("corners", merge(guards), metal)

        # side ring handles
        rr = min(0.045, hb * 0.15)
        handles = []
        for sx in (-1, 1):
            ring = turned(prim.torus(rr, 0.006, segments=24, tube_segments=10), "z", 90.0)
            handles.append(ring.translated((sx * (w / 2 + 0.012), hb * 0.7 - rr * 0.6, 0)))
            handles.append(block((0.02, 0.03, 0.05), (sx * (w / 2 + 0.005), hb * 0.7, 0), bevel=0.003))
        model.add("handles", csg.union(*handles), metal)

        # lock plate on the body and a hasp on the lid
        lw, lh = min(0.11, w * 0.14), min(0.12, hb * 0.4)
        lock = block((lw, lh, 0.012), (0, hb - lh / 2 - 0.005, d / 2 + 0.004), bevel=0.003)
        key = block((0.008, lh * 0.35, 0.02), (0, hb - lh * 0.55, d / 2 + 0.004))
        model.add("lock", csg.difference(lock, key), metal)
        hasp = block((lw * 0.45, 0.07, 0.012), (0, hb + 0.02, d / 2 + 0.008), bevel=0.003)
        model.add("hasp", hasp, metal, hinge)

        if p["gold"] and p["lid_open"] > 20:  # a closed chest hides its gold: no part for it
            model.add("treasure", self._treasure(w - 2 * wall, d - 2 * wall, hb, rng), self.material("gold"))
        return model

    @staticmethod
    def _lid_profile(style: str, depth: float, grow: float) -> np.ndarray:
        """(z, y) outline of the lid's cross-section, ``grow`` meters larger all round (straps)."""
        half = depth / 2
        if style == "flat":
            top = max(0.08, depth * 0.2) + grow
            r = 0.02
            return np.array([(-half, -0.0), (half, 0.0), (half, top - r), (half - r, top), (-half + r, top),
                             (-half, top - r)])
        rise = depth * 0.38 + grow
        a = np.linspace(0, np.pi, 24)
        arc = np.stack([half * np.cos(a), 0.03 + rise * np.sin(a)], axis=1)
        return np.vstack([[(-half, 0.0), (half, 0.0)], arc])

    @staticmethod
    def _treasure(w: float, d: float, top: float, rng: np.random.Generator) -> Mesh:
        """A mound of gold slightly above ``top`` with loose coins lying on it."""
        peak = min(0.16, d * 0.3)
        a = np.linspace(0, np.pi / 2, 10)
        dome = np.vstack([[(0.0, 0.0)], np.stack([d * 0.5 * np.cos(a), peak * np.sin(a)], axis=1)])
        # lathed (analytic UVs) then stretched to the chest's proportions
        mound = prim.lathe(dome, segments=32).transformed(np.diag([w / d, 1.0, 1.0, 1.0]))
        mound = csg.intersection(mound.translated((0, top - 0.05, 0)),
                                 block((w - 0.004, 0.3, d - 0.004), (0, top + 0.1, 0)))
        coins = []
        for i in range(12):
            ang = 2 * np.pi * i / 12 + rng.uniform(0, 0.4)
            rad = 0.25 + 0.5 * (i % 3) / 2
            x, z = np.cos(ang) * rad * w * 0.45, np.sin(ang) * rad * d * 0.45
            y = top - 0.05 + peak * np.sqrt(max(0.0, 1 - (x / (w * 0.5)) ** 2 - (z / (d * 0.5)) ** 2))
            coin = prim.cylinder(0.02, 0.005, segments=16)
            coin = turned(coin, "x", float(rng.uniform(-30, 30))).translated((x, y - 0.002, z))
            coins.append(coin)
        return csg.union(mound, *coins)
