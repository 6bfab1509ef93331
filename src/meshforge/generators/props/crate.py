"""Crate: a wooden shipping crate of planks inside a frame of edge boards, with optional diagonal braces
and metal corner caps.

Default: a 0.6 m cube, the stackable box of every game level.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import block, merge, turned
from meshforge.geometry import csg
from meshforge.geometry.mesh import Mesh


@register
class CrateGenerator(Generator):
    id = "crate"
    name = "Crate"
    family = "props"
    synonyms = ("wooden crate", "wooden box", "shipping crate", "supply crate", "loot crate", "cargo box",
                "packing crate", "ammo crate", "wooden case")
    description = (
        "A wooden crate: horizontal planks with small gaps on every side and the lid, framed by edge boards, "
        "with optional diagonal braces across each face and metal caps on the corners; stackable game prop."
    )
    tags = ("gaming", "props", "storage", "industrial")
    params = (
        Param("width", "float", 0.6, 0.3, 1.6, "m", description="size along X",
              words=("wide", "long", "large", "small"), sample_range=(0.5, 0.9)),
        Param("height", "float", 0.6, 0.25, 1.4, "m", description="height",
              words=("tall", "flat", "low"), sample_range=(0.45, 0.7)),
        Param("depth", "float", 0.6, 0.3, 1.4, "m", description="size along Z",
              words=("deep", "shallow"), sample_range=(0.5, 0.7)),
        Param("planks", "int", 4, 2, 10, "count", description="planks across each face",
              words=("four planks", "slats", "boards"), sample_range=(3, 6)),
        Param("frame_width", "float", 0.07, 0.03, 0.14, "m", description="width of the edge boards",
              words=("thick frame", "thin frame"), sample_range=(0.05, 0.09)),
        Param("brace", "bool", True, description="diagonal brace across each face",
              words=("braced", "diagonal", "cross brace"), p_true=0.6),
        Param("metal_corners", "bool", False, description="metal caps on the corners",
              words=("metal corners", "reinforced", "armoured"), p_true=0.35),
    )
    slots = (
        Slot("wood", "pine", words=("wood", "planks", "boards", "crate"),
             choices=("pine", "oak", "weathered_wood", "plywood", "birch"), description="planks, frame, braces"),
        Slot("metal", "black_metal", words=("metal", "corners", "caps"),
             choices=("black_metal", "iron", "rusty_iron", "steel"), description="corner caps"),
    )
    size = SizeEnvelope(min=(0.3, 0.25, 0.3), max=(1.63, 1.43, 1.43))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        wood = self.material("wood")
        w, h, d = p["width"], p["height"], p["depth"]
        fw = min(p["frame_width"], 0.3 * min(w, h, d))
        ft = 0.022  # edge boards stand this proud of the planks
        # core box behind a skin of planks separated by small gaps (unioned into one solid)
        t = 0.016  # plank thickness
        cx, cy0, cy1, cz = w / 2 - ft - t, ft + t, h - ft - t, d / 2 - ft - t
        pieces = [block((2 * cx + 0.002, cy1 - cy0 + 0.002, 2 * cz + 0.002), (0, (cy0 + cy1) / 2, 0))]
        n = p["planks"]
        gap = 0.008
        pitch = (cy1 - cy0 + 2 * t) / n
        for i in range(n):
            yc = cy0 - t + pitch * (i + 0.5)
            ph = pitch - gap
            for sz in (-1, 1):
                pieces.append(block((2 * cx, ph, t), (0, yc, sz * (cz + t / 2)), bevel=0.003))
            for sx in (-1, 1):
                pieces.append(block((t, ph, 2 * cz), (sx * (cx + t / 2), yc, 0), bevel=0.003))
        zpitch = (2 * cz) / n
        for i in range(n):
            zc = -cz + zpitch * (i + 0.5)
            pieces.append(block((2 * cx, t, zpitch - gap), (0, cy1 + t / 2, zc), bevel=0.003))
        model.add("planks", csg.union(*pieces), wood)

        # frame: 12 edge boards around the box
        beams = []
        # no two boards share a face plane (coplanar overlaps make unions fragile): corner posts stand 2 mm
        # proud, X boards and Z boards differ in height by 2 mm
        post = max(fw, 2 * ft + 0.01) + 0.004
        for sy in (-1, 1):
            y = h / 2 + sy * (h / 2 - fw / 2 - 0.002)
            for sz in (-1, 1):
                beams.append(block((w - 0.002, fw, 2 * ft), (0, y, sz * (d / 2 - ft)), bevel=0.004))
            for sx in (-1, 1):
                beams.append(block((2 * ft, fw - 0.002, d - 0.002), (sx * (w / 2 - ft), y, 0), bevel=0.004))
        for sx in (-1, 1):
            for sz in (-1, 1):
                beams.append(block((post, h, post), (sx * (w / 2 - post / 2 + 0.002), h / 2,
                                                     sz * (d / 2 - post / 2 + 0.002)), bevel=0.004))
        model.add("frame", csg.union(*beams), wood)

        if p["brace"]:
            braces = []
            for face in range(4):
                span = w if face < 2 else d
                braces.append(self._brace(span, h, fw, ft, face, w, d))
            model.add("braces", merge(braces), wood)

        if p["metal_corners"]:
            c = min(fw * 1.5, 0.45 * min(w, h, d))
            ct = 0.004
            caps = []
            for sx in (-1, 1):
                for sy in (-1, 1):
                    for sz in (-1, 1):
                        # three plates that overlap along the corner edges (a clean union, no edge-only contact)
                        x, y, z = (sx * (w / 2 - c / 2 + ct / 2), h / 2 + sy * (h / 2 - c / 2 + ct / 2),
                                   sz * (d / 2 - c / 2 + ct / 2))
                        e = c + ct
                        plates = [
                            block((ct, e, e), (sx * (w / 2 + ct / 2), y, z)),
                            block((e, ct, e), (x, h / 2 + sy * (h / 2 + ct / 2), z)),
                            block((e, e, ct), (x, y, sz * (d / 2 + ct / 2))),
                        ]
                        caps.append(csg.union(*plates))
            model.add("corners", merge(caps), self.material("metal"))
        return model

    @staticmethod
    def _brace(span: float, h: float, fw: float, ft: float, face: int, w: float, d: float) -> Mesh:
        """A diagonal board across one side face, clipped to the inside of the frame."""
        iw, ih = span - 2 * fw, h - 2 * fw
        angle = np.degrees(np.arctan2(ih, iw))
        length = float(np.hypot(iw, ih)) + fw
        board = block((length, fw * 0.9, ft), (0, 0, 0), bevel=0.003)
        board = turned(board, "z", angle if face % 2 else -angle)
        board = csg.intersection(board, block((iw + 0.002, ih + 0.002, ft * 3), (0, 0, 0)))
        board = board.translated((0, h / 2, 0))
        if face < 2:
            z = (d / 2 - ft * 0.55) if face == 0 else -(d / 2 - ft * 0.55)
            return board.translated((0, 0, z))
        x = (w / 2 - ft * 0.55) if face == 2 else -(w / 2 - ft * 0.55)
        return turned(board, "y", 90.0).translated((x, 0, 0))
