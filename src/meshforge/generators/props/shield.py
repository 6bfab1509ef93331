"""Shield: a round (dished, planked) shield with a central boss, or a heater or kite shield; metal rim,
grip bar on the back. It stands upright facing +Z.

Default: a 0.6 m round shield, 2 cm thick, with six planks, an iron rim and a steel boss.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import block, prism_z, turned
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh


@register
class ShieldGenerator(Generator):
    id = "shield"
    name = "Shield"
    family = "props"
    synonyms = ("round shield", "buckler", "viking shield", "heater shield", "kite shield", "knight's shield",
                "targe", "wooden shield", "medieval shield", "crest shield")
    description = (
        "A hand-held shield: a round dished shield of wooden planks with a domed central boss, or a heater "
        "(flat-topped, pointed) or kite (long teardrop) shield; with an optional metal rim and a grip bar on "
        "the back; weapon and armour prop."
    )
    tags = ("gaming", "props", "weapon", "armour", "medieval", "fantasy")
    params = (
        Param("shape", "choice", "round", choices=("round", "heater", "kite"), description="outline of the shield",
              words=("round", "circular", "heater", "kite", "teardrop", "knight")),
        Param("width", "float", 0.6, 0.3, 1.0, "m", description="width (the diameter of a round shield)",
              words=("wide", "large", "small", "buckler"), sample_range=(0.5, 0.75)),
        Param("height_ratio", "float", 1.3, 1.0, 2.0, "ratio", description="height / width of heater and kite shields",
              words=("tall", "long", "short"), sample_range=(1.15, 1.6)),
        Param("thickness", "float", 0.02, 0.008, 0.05, "m", description="board thickness",
              words=("thick", "thin"), sample_range=(0.015, 0.025)),
        Param("planks", "int", 6, 0, 12, "count", description="visible planks on the face (0 = smooth face)",
              words=("six planks", "boards", "smooth face"), sample_range=(0, 8)),
        Param("boss", "bool", True, description="domed metal boss in the centre", words=("with a boss", "umbo"),
              p_true=0.7),
        Param("rim", "bool", True, description="metal rim around the edge", words=("metal rim", "edged", "banded"),
              p_true=0.8),
    )
    slots = (
        Slot("face", "painted_wood", color="#8E2B23", words=("face", "front", "board", "wood", "paint"),
             choices=("painted_wood", "oak", "weathered_wood", "pine", "leather"),
             colors=("#8E2B23", "#24467A", "#2F5B34", "#C9A227", "#E8E0CF", "#333333"), description="the board"),
        Slot("metal", "iron", words=("rim", "boss", "metal", "trim"),
             choices=("iron", "steel", "brass", "bronze", "black_metal", "gold"), description="rim and boss"),
        Slot("grip", "leather", words=("grip", "handle", "strap"), description="grip bar on the back"),
    )
    size = SizeEnvelope(min=(0.3, 0.3, 0.02), max=(1.06, 2.06, 0.35))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        w, t = p["width"], p["thickness"]
        metal = self.material("metal")
        if p["shape"] == "round":
            face, outline, dish = self._round(w, t, p["planks"])
        else:
            h = w * p["height_ratio"]
            outline = self._outline(p["shape"], w, h)
            face = prism_z(outline, 0.0, t, bevel=min(0.004, t * 0.3))
            if p["planks"] > 0:
                face = csg.difference(face, *self._grooves(p["planks"], w, h * 1.2, t, t))
            dish = 0.0
        cy = (outline[:, 1].max() + outline[:, 1].min()) / 2
        model.add("face", face, self.material("face"))
        if p["rim"]:
            rw = max(0.012, w * 0.025)
            if p["shape"] == "round":
                r = w / 2
                loop = [(r - rw, -0.003), (r + 0.004, -0.003), (r + 0.004, t + 0.003), (r - rw, t + 0.003)]
                rim = turned(prim.lathe(loop, segments=64, closed=True, crease_deg=40.0), "x", 90.0)
            else:
                ring_out = prim.offset_polygon(outline, -0.004)
                ring_in = prim.offset_polygon(outline, rw)
                rim = prism_z(ring_out, -0.003, t + 0.003)
                rim = csg.difference(rim, prism_z(ring_in, -0.01, t + 0.01))
            model.add("rim", rim, metal)
        if p["boss"]:
            br = min(0.085, w * 0.15)
            a = np.linspace(0, np.pi / 2, 10)
            prof = np.vstack([[(0.0, 0.0), (br * 1.25, 0.0), (br * 1.25, 0.006)],
                              np.stack([br * np.cos(a), 0.006 + br * 0.8 * np.sin(a)], axis=1)[:-1],
                              [(0.0, 0.006 + br * 0.8)]])
            boss = turned(prim.lathe(prof, segments=40, crease_deg=50.0), "x", 90.0)
            model.add("boss", boss.translated((0, cy, t + dish - 0.004)), metal)
        grip_w = min(0.16, w * 0.4)
        grip = block((grip_w, 0.03, 0.022), (0, cy, -0.009), bevel=0.006)
        posts = [block((0.03, 0.04, 0.03), (sx * grip_w / 2, cy, -0.005), bevel=0.004) for sx in (-1, 1)]
        model.add("grip", csg.union(grip, *posts), self.material("grip"))
        return model

    @staticmethod
    def _outline(shape: str, w: float, h: float) -> np.ndarray:
        """CCW outline in (x, y), bottom tip at y = 0."""
        s = np.linspace(0, 1, 16)
        if shape == "heater":
            top_y = h
            shoulder = h * 0.55
            side = [(w / 2 * (1 - (1 - si) ** 1.8), shoulder * si ** 1.1) for si in s]
            right = [*side, (w / 2, top_y - 0.02)]
            pts = [(0.0, 0.0), *right[1:], (w / 2 - 0.02, top_y), (-w / 2 + 0.02, top_y)]
            pts += [(-x, y) for x, y in right[::-1][:-1]]
            return np.asarray(pts)
        # kite: rounded top, long point
        a = np.linspace(0, np.pi, 17)
        top_c = h - w / 2
        arc = np.stack([w / 2 * np.cos(a), top_c + w / 2 * np.sin(a)], axis=1)
        lower = [(w / 2 * (1 - (1 - si) ** 1.6), top_c * si) for si in s[1:-1]]
        pts = [(0.0, 0.0)] + lower + list(map(tuple, arc)) + [(-x, y) for x, y in lower[::-1]]
        return np.asarray(pts)

    def _round(self, w: float, t: float, planks: int) -> tuple[Mesh, np.ndarray, float]:
        r = w / 2
        dish = w * 0.05
        rs = np.linspace(0, r, 16)
        front = np.stack([rs, t + dish * (1 - (rs / r) ** 2)], axis=1)
        back = np.stack([rs, dish * (1 - (rs / r) ** 2)], axis=1)[::-1]
        prof = np.vstack([front, back])
        face = prim.lathe(prof, segments=64, crease_deg=40.0)
        if planks > 0:
            # plank joints: curved strips hugging the front surface, cut 2 mm deep
            shell_prof = np.vstack([np.stack([rs, t + dish * (1 - (rs / r) ** 2) + 0.01], axis=1),
                                    np.stack([rs, t + dish * (1 - (rs / r) ** 2) - 0.002], axis=1)[::-1]])
            shell = prim.lathe(shell_prof, segments=64)
            xs = np.linspace(-r, r, planks + 1)[1:-1]
            cuts = [csg.intersection(shell, block((0.004, w * 1.2, w * 1.2), (x, 0, 0))) for x in xs]
            face = csg.difference(face, *cuts)
        face = turned(face, "x", 90.0)
        # the lathe axis now points +Z (towards the viewer); a coarse outline only gives the centre height
        outline = np.stack([r * np.cos(np.linspace(0, 2 * np.pi, 8)), r * np.sin(np.linspace(0, 2 * np.pi, 8))], 1)
        return face, outline, dish

    @staticmethod
    def _grooves(n: int, w: float, h: float, t: float, depth: float) -> list[Mesh]:
        xs = np.linspace(-w / 2, w / 2, n + 1)[1:-1]
        return [block((0.004, h, 0.004), (x, h / 2 - 0.05, t)) for x in xs]
