"""Anvil: a London-pattern blacksmith's anvil: a waisted body on a splayed base with arched feet, a flat
face with a hardy and a pritchel hole, a conical horn in front and a heel behind; optionally standing on
a tree-stump block.

Default: 0.6 m long (horn to heel), 0.35 m tall, a 12 cm wide face.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import block, turned
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh


def _rect(w: float, d: float, y: float, x: float = 0.0) -> np.ndarray:
    """(4, 3) rectangle ring at height y (w along X, d along Z)."""
    return np.array([(x - w / 2, y, -d / 2), (x + w / 2, y, -d / 2), (x + w / 2, y, d / 2), (x - w / 2, y, d / 2)])


@register
class AnvilGenerator(Generator):
    id = "anvil"
    name = "Anvil"
    family = "props"
    synonyms = ("blacksmith anvil", "smithing anvil", "forge anvil", "london pattern anvil", "iron anvil")
    description = (
        "A blacksmith's anvil: splayed feet with arched cut-outs, a narrow waist rising to a long flat face "
        "with a square hardy hole and a round pritchel hole, a tapering conical horn at the front and a "
        "squared heel at the back; optionally on a wooden stump; forge and crafting prop."
    )
    tags = ("gaming", "props", "medieval", "tool", "crafting", "forge")
    params = (
        Param("length", "float", 0.6, 0.25, 1.2, "m", description="horn tip to heel",
              words=("long", "big", "small", "large"), sample_range=(0.5, 0.75)),
        Param("height", "float", 0.35, 0.15, 0.6, "m", description="height of the anvil",
              words=("tall", "low", "squat"), sample_range=(0.3, 0.4)),
        Param("face_width", "float", 0.12, 0.05, 0.25, "m", description="width of the working face",
              words=("wide face", "narrow"), sample_range=(0.1, 0.14)),
        Param("horn_ratio", "float", 0.33, 0.15, 0.45, "ratio", description="horn length / overall length",
              words=("long horn", "short horn"), sample_range=(0.28, 0.38)),
        Param("holes", "bool", True, description="hardy and pritchel holes in the face",
              words=("hardy hole", "with holes"), p_true=0.9),
        Param("stump", "bool", False, description="stands on a wooden stump block",
              words=("on a stump", "on a block", "with stand"), p_true=0.4),
    )
    slots = (
        Slot("metal", "cast_iron", words=("metal", "anvil", "iron", "steel"),
             choices=("cast_iron", "black_metal", "iron", "steel", "rusty_iron"), description="the anvil"),
        Slot("stump", "oak", words=("stump", "block", "wood", "stand", "log"),
             choices=("oak", "weathered_wood", "walnut", "bark"), description="the wooden stump"),
    )
    size = SizeEnvelope(min=(0.25, 0.15, 0.08), max=(1.3, 1.45, 0.8))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L, H, fw = p["length"], p["height"], p["face_width"]
        horn_l = L * p["horn_ratio"]
        body_l = L - horn_l
        bx = -L / 2 + body_l / 2  # body centre: the horn points +X
        face_t = H * 0.26
        base_h = H * 0.22
        y_face = H - face_t
        base_w, base_d = body_l * 0.75, fw * 2.0
        waist_w, waist_d = body_l * 0.42, fw * 0.62
        rings = [_rect(base_w, base_d, 0.0, bx), _rect(base_w * 0.96, base_d * 0.94, base_h * 0.45, bx),
                 _rect(waist_w * 1.15, waist_d * 1.25, base_h, bx), _rect(waist_w, waist_d, H * 0.5, bx),
                 _rect(body_l * 0.8, fw * 0.9, y_face + 0.002, bx)]
        body = prim.loft(rings, crease_deg=35.0)
        face = block((body_l, face_t, fw), (bx, y_face + face_t / 2, 0), bevel=min(0.008, face_t * 0.15))
        # horn: a cone along +X, its axis a little below the face, its underside swept up
        r0 = min(fw * 0.5, face_t * 0.55)
        s = np.linspace(0, 1, 12)
        ang = np.linspace(0, 2 * np.pi, 20, endpoint=False)
        horn_rings = []
        for si in s:
            r = max(r0 * (1 - si) ** 0.9, 0.003)
            yc = y_face + face_t - r0 + (r0 - r) * 0.75
            x = bx + body_l / 2 - 0.01 + si * (horn_l + 0.01)
            horn_rings.append(np.stack([np.full(20, x), yc + r * np.sin(ang), r * np.cos(ang) * 1.0], axis=1))
        horn = prim.loft(horn_rings, crease_deg=50.0)
        anvil = csg.union(body, face, horn)
        # arched cut-outs between the feet
        arch_r = base_h * 0.5
        cuts = [turned(prim.cylinder(arch_r, base_d * 2, segments=24), "x", 90.0).translated((bx, 0, base_d))
                .transformed(np.diag([base_w * 0.35 / arch_r, 1.0, 1.0, 1.0]) @ np.eye(4)),
                turned(prim.cylinder(arch_r * 0.8, base_w * 2, segments=24), "z", 90.0).translated((bx + base_w, 0, 0))
                .transformed(np.diag([1.0, 1.0, base_d * 0.3 / (arch_r * 0.8), 1.0]))]
        if p["holes"]:
            hx = bx - body_l / 2 + body_l * 0.16
            cuts.append(block((fw * 0.22, face_t * 3, fw * 0.22), (hx, y_face + face_t / 2, 0)))
            cuts.append(prim.cylinder(fw * 0.07, face_t * 3, segments=16).translated((hx + fw * 0.35, y_face - face_t, 0)))
        anvil = csg.difference(anvil, *cuts)
        lift = 0.0
        if p["stump"]:
            stump, lift = self._stump(body_l, base_d, rng)
            model.add("stump", stump, self.material("stump"))
        model.add("anvil", anvil.translated((0, lift, 0)), self.material("metal"))
        return model

    @staticmethod
    def _stump(body_l: float, base_d: float, rng: np.random.Generator) -> tuple[Mesh, float]:
        h = 0.55
        r = max(body_l * 0.55, base_d * 0.75)
        ys = np.linspace(0, h, 8)
        rad = r * (1.08 - 0.08 * ys / h) + 0.006 * np.sin(ys * 23.0)
        prof = np.vstack([[(0.0, 0.0)], np.stack([rad, ys], axis=1), [(0.0, h)]])
        return prim.lathe(prof, segments=28, crease_deg=40.0), h
