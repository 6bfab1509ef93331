"""Table: rectangular, round or oval top on legs or a pedestal, with an optional apron.

Default sizes: a dining table for four to six, 160 x 90 cm, 75 cm high (the usual 72-76 cm range);
coffee tables (~45 cm) and bar tables (~105 cm) are reached through ``height``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.furniture.chair import FRAME_MATERIALS, leg_mesh
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim


@register
class TableGenerator(Generator):
    id = "table"
    name = "Table"
    family = "furniture"
    synonyms = ("dining table", "kitchen table", "coffee table", "desk", "side table", "bar table")
    description = (
        "A table with a rectangular, round or oval top on three to eight legs or a central pedestal, "
        "optional apron under the top; wood or metal."
    )
    tags = ("furniture", "interior", "architecture", "gaming")
    params = (
        Param("shape", "choice", "rectangular", choices=("rectangular", "round", "oval"),
              description="shape of the top", words=("round top", "oval", "square", "rectangular")),
        Param("length", "float", 1.6, 0.5, 3.2, "m", description="top length along X (diameter when round)",
              words=("long", "short", "for six", "for eight"), sample_range=(1.2, 2.0)),
        Param("width", "float", 0.9, 0.4, 1.4, "m", description="top width along Z (ignored when round)",
              words=("wide", "narrow"), sample_range=(0.75, 1.0)),
        Param("height", "float", 0.75, 0.35, 1.1, "m", description="floor to top surface",
              words=("coffee", "low", "bar", "high"), sample_range=(0.72, 0.77)),
        Param("top_thickness", "float", 0.035, 0.018, 0.08, "m", description="thickness of the top",
              words=("thick top", "thin top", "chunky"), sample_range=(0.028, 0.05)),
        Param("edge_radius", "float", 0.006, 0.0, 0.025, "m", description="rounding of the top's edges",
              words=("rounded edge", "sharp edge"), sample_range=(0.002, 0.012)),
        Param("legs", "int", 4, 1, 8, "count", description="number of legs (1 = pedestal)",
              words=("pedestal", "three legs", "four legs", "six legs"), sample_range=(4, 4)),
        Param("leg_style", "choice", "square", choices=("square", "round", "tapered"),
              description="leg shape", words=("tapered legs", "round legs", "square legs")),
        Param("leg_thickness", "float", 0.06, 0.025, 0.12, "m", description="leg width",
              words=("thick legs", "thin legs", "sturdy"), sample_range=(0.045, 0.075)),
        Param("apron", "bool", True, description="frame rails under the top", words=("with apron", "without apron"),
              p_true=0.7),
    )
    slots = (
        Slot("top", "oak", words=("top", "tabletop", "table top", "surface"), choices=("oak", "walnut", "pine", "maple", "marble", "glass", "painted_wood"),
             description="the top"),
        Slot("legs", "oak", words=("legs", "leg", "base", "frame", "apron", "pedestal"), choices=FRAME_MATERIALS,
             description="legs, apron or pedestal"),
    )
    size = SizeEnvelope(min=(0.4, 0.35, 0.4), max=(3.2, 1.1, 3.2))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        top_mat = self.material("top")
        leg_mat = self.material("legs")
        length = p["length"]
        width = length if p["shape"] == "round" else min(p["width"], length)
        h, tt, er = p["height"], p["top_thickness"], p["edge_radius"]
        under = h - tt

        if p["shape"] == "rectangular":
            top = prim.box((length, tt, width), bevel=er).translated((0, h - tt / 2, 0))
        else:
            outline = _ellipse(length / 2, width / 2, 96)
            top = prim.extrude(outline, tt, bevel=min(er, tt * 0.4), bevel_segments=3).translated((0, under, 0))
        model.add("top", top, top_mat)

        leg_t = min(p["leg_thickness"], 0.25 * width)
        n = p["legs"]
        if n == 1:
            self._pedestal(model, p, leg_mat, width, under)
            return model
        positions = self._leg_positions(p["shape"], n, length, width, leg_t)
        for i, (x, z) in enumerate(positions):
            model.add(f"leg_{i}", leg_mesh(p["leg_style"], leg_t, under).translated((x, 0, z)), leg_mat)
        if p["apron"]:
            self._apron(model, p, leg_mat, positions, length, width, leg_t, under)
        return model

    @staticmethod
    def _leg_positions(shape: str, n: int, length: float, width: float, leg_t: float) -> list[tuple[float, float]]:
        inset = leg_t / 2 + min(0.06, 0.08 * min(length, width))
        if shape == "rectangular" and n >= 4 and n % 2 == 0:
            xs = np.linspace(-length / 2 + inset, length / 2 - inset, n // 2)
            return [(float(x), sz * (width / 2 - inset)) for sz in (1, -1) for x in xs]
        # round, oval or odd counts: legs evenly around an inset ellipse
        angles = np.radians(45.0 + np.arange(n) * 360.0 / n) if n == 4 else np.radians(90.0 + np.arange(n) * 360.0 / n)
        rx, rz = length / 2 - inset * 1.6, width / 2 - inset * 1.6
        if shape == "rectangular":
            rx, rz = length / 2 - inset, width / 2 - inset
        return [(float(rx * np.cos(a)), float(rz * np.sin(a))) for a in angles]

    @staticmethod
    def _apron(model: Model, p: dict, mat: Any, positions: list, length: float, width: float, leg_t: float,
               under: float) -> None:
        apron_h = min(0.09, under * 0.14)
        thick = leg_t * 0.35
        y = under - apron_h
        if p["shape"] == "rectangular":
            xs = [x for x, _ in positions]
            zs = [z for _, z in positions]
            x0, x1, z0, z1 = min(xs), max(xs), min(zs), max(zs)
            rails = [
                ((x1 - x0 - leg_t, apron_h, thick), (0, y + apron_h / 2, z1)),
                ((x1 - x0 - leg_t, apron_h, thick), (0, y + apron_h / 2, z0)),
                ((thick, apron_h, z1 - z0 - leg_t), (x0, y + apron_h / 2, 0)),
                ((thick, apron_h, z1 - z0 - leg_t), (x1, y + apron_h / 2, 0)),
            ]
            for i, (size, at) in enumerate(rails):
                model.add(f"apron_{i}", prim.box(size, bevel=0.003).translated(at), mat)
            return
        # round / oval: an elliptic ring through the legs' centres, cut from two slabs (CSG difference)
        pos = np.asarray(positions)
        ratio = width / length
        rx = float(np.sqrt(pos[:, 0] ** 2 + (pos[:, 1] / ratio) ** 2).max()) + thick / 2
        rz = rx * ratio
        outer = prim.extrude(_ellipse(rx, rz, 96), apron_h)
        inner = prim.extrude(_ellipse(rx - thick, rz - thick, 96), apron_h + 0.02).translated((0, -0.01, 0))
        model.add("apron", csg.difference(outer, inner).translated((0, y, 0)), mat)

    @staticmethod
    def _pedestal(model: Model, p: dict, mat: Any, width: float, under: float) -> None:
        base_r = min(0.32 * width, 0.35)
        column_r = max(p["leg_thickness"] * 0.9, 0.04)
        profile = [
            (0, 0), (base_r, 0), (base_r, 0.025), (column_r * 1.6, 0.07), (column_r, 0.14),
            (column_r, under - 0.05), (column_r * 2.2, under - 0.01), (column_r * 2.2, under), (0, under),
        ]
        model.add("pedestal", prim.lathe(profile, segments=64), mat)


def _ellipse(rx: float, rz: float, n: int) -> np.ndarray:
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    return np.stack([rx * np.cos(t), rz * np.sin(t)], axis=1)
