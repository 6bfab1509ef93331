"""Sword: a double-edged blade with a fuller (blood groove) and a pointed tip, a crossguard, a leather-wrapped
grip and a pommel. It stands point-up with the pommel on the ground.

Default: an arming sword 1.0 m long overall with a 4.8 cm wide blade and a 20 cm crossguard.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import block
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh


@register
class SwordGenerator(Generator):
    id = "sword"
    name = "Sword"
    family = "props"
    synonyms = ("longsword", "long sword", "broadsword", "arming sword", "knight's sword", "blade", "claymore",
                "gladius", "short sword", "greatsword", "medieval sword", "fantasy sword")
    description = (
        "A straight double-edged sword: a diamond-section blade with a fuller running down its middle and a "
        "tapering point, a straight or curved crossguard (or a disc guard), a grip with a spiral leather wrap "
        "and a round pommel; a weapon prop for games."
    )
    tags = ("gaming", "props", "weapon", "medieval", "fantasy")
    params = (
        Param("length", "float", 1.0, 0.5, 1.8, "m", description="overall length, pommel to point",
              words=("long", "short", "great", "big"), sample_range=(0.85, 1.2)),
        Param("blade_width", "float", 0.048, 0.025, 0.09, "m", description="blade width at the guard",
              words=("broad", "wide blade", "narrow", "slender"), sample_range=(0.04, 0.06)),
        Param("guard_width", "float", 0.2, 0.08, 0.4, "m", description="span of the crossguard",
              words=("wide guard", "long crossguard", "small guard"), sample_range=(0.16, 0.26)),
        Param("guard_style", "choice", "straight", choices=("straight", "curved", "disc"),
              description="crossguard shape", words=("straight guard", "curved guard", "disc guard", "round guard")),
        Param("grip_length", "float", 0.16, 0.09, 0.35, "m", description="length of the grip",
              words=("two-handed", "hand-and-a-half", "one-handed"), sample_range=(0.12, 0.2)),
        Param("fuller", "bool", True, description="groove down the middle of the blade",
              words=("with a fuller", "blood groove", "plain blade"), p_true=0.8),
        Param("taper", "float", 0.75, 0.4, 1.0, "ratio", description="blade width near the point / at the guard",
              words=("tapered", "parallel edges"), sample_range=(0.6, 0.9)),
    )
    slots = (
        Slot("blade", "steel", words=("blade", "steel", "edge"),
             choices=("steel", "stainless_steel", "iron", "silver", "bronze"), description="the blade"),
        Slot("hilt", "brass", words=("hilt", "guard", "crossguard", "pommel"),
             choices=("brass", "steel", "gold", "bronze", "black_metal", "iron"), description="guard and pommel"),
        Slot("grip", "leather", words=("grip", "handle", "wrap"), choices=("leather", "walnut", "oak", "fabric"),
             description="the grip wrapping"),
    )
    size = SizeEnvelope(min=(0.05, 0.49, 0.02), max=(0.45, 1.8, 0.14))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        hilt = self.material("hilt")
        bw = p["blade_width"]
        pommel_h = max(0.035, bw * 0.8)
        grip_l = p["grip_length"]
        guard_t = max(0.022, bw * 0.45)
        y_grip = pommel_h * 0.75
        y_guard = y_grip + grip_l
        y_blade = y_guard + guard_t
        blade_len = p["length"] - y_blade
        model.add("blade", self._blade(blade_len, bw, p["taper"], p["fuller"]).translated((0, y_blade - 0.004, 0)),
                  self.material("blade"))
        model.add("guard", self._guard(p["guard_style"], p["guard_width"], guard_t, bw).translated((0, y_guard, 0)),
                  hilt)
        r = max(0.014, bw * 0.3)
        ys = np.linspace(0.0, grip_l, 49)
        radius = r * (1 + 0.08 * np.sin(np.pi * ys / grip_l)) + 0.0012 * np.abs(np.sin(ys / grip_l * np.pi * 9))
        prof = np.vstack([[(0.0, 0.0)], np.stack([radius, ys], axis=1), [(0.0, grip_l)]])
        grip = prim.lathe(prof, segments=20, crease_deg=60.0).transformed(np.diag([1.0, 1.0, 0.8, 1.0]))
        model.add("grip", grip.translated((0, y_grip, 0)), self.material("grip"))
        pr = pommel_h / 2
        a = np.linspace(-np.pi / 2, np.pi * 0.3, 14)
        pom = np.vstack([np.stack([pr * 1.1 * np.cos(a), pr + pr * np.sin(a)], axis=1),
                         [(r * 0.7, pommel_h + 0.008), (0.0, pommel_h + 0.008)]])
        pom[0, 0] = 0.0
        model.add("pommel", prim.lathe(pom, segments=24, crease_deg=60.0).transformed(np.diag([1, 1, 0.7, 1.0])),
                  hilt)
        return model

    @staticmethod
    def _blade(length: float, width: float, taper: float, fuller: bool) -> Mesh:
        """Loft of diamond cross-sections (with a fuller groove on both faces) up to a point."""
        t = np.concatenate([np.linspace(0, 0.8, 9), np.linspace(0.84, 1.0, 6)])
        tip = 0.82
        half_w = width / 2 * np.where(t < tip, 1 - (1 - taper) * t / tip,
                                      taper * np.sqrt(np.clip(1 - ((t - tip) / (1 - tip)) ** 2, 0, 1)))
        half_w = np.maximum(half_w, 0.0006)
        half_t = np.maximum(half_w * 0.16, 0.0004)
        groove = np.where(t < 0.7, 1.0, np.clip((0.78 - t) / 0.08, 0, 1)) * (0.45 if fuller else 0.0)
        rings = []
        for hw, ht, g, y in zip(half_w, half_t, groove, t * length, strict=True):
            fw = hw * 0.28
            depth = ht * g
            pts = [(hw, 0), (hw * 0.55, ht * 0.92), (fw, ht), (fw * 0.5, ht - depth), (0, ht - depth),
                   (-fw * 0.5, ht - depth), (-fw, ht), (-hw * 0.55, ht * 0.92), (-hw, 0)]
            pts = pts + [(x, -z) for x, z in pts[-2:0:-1]]
            arr = np.asarray(pts, dtype=np.float64)
            rings.append(np.stack([arr[:, 0], np.full(len(arr), y), arr[:, 1]], axis=1))
        return prim.loft(rings, crease_deg=25.0)

    @staticmethod
    def _guard(style: str, span: float, thick: float, bw: float) -> Mesh:
        depth = max(0.024, bw * 0.5)
        if style == "disc":
            r = min(span / 2, max(bw * 1.1, 0.05))
            return prim.cylinder(r, thick, segments=32, bevel=thick * 0.3).transformed(np.diag([1, 1, 0.55, 1.0]))
        if style == "curved":
            s = np.linspace(-1, 1, 25)
            path = np.stack([s * span / 2, thick / 2 + np.abs(s) ** 2.2 * span * 0.18, np.zeros_like(s)], axis=1)
            ang = np.linspace(0, 2 * np.pi, 14, endpoint=False)
            prof = np.stack([np.cos(ang) * thick / 2, np.sin(ang) * depth / 2], axis=1)
            scales = 1 - 0.35 * np.abs(s)
            bar = prim.sweep(prof, path, scales=scales)
            return csg.union(bar, block((bw * 1.3, thick, depth * 1.1), (0, thick / 2, 0), bevel=0.004))
        bar = block((span, thick * 0.8, depth), (0, thick / 2, 0), bevel=thick * 0.25)
        ends = [prim.sphere(thick * 0.62, segments=20).translated((sx * span / 2, thick / 2, 0)) for sx in (-1, 1)]
        mid = block((bw * 1.3, thick, depth * 1.15), (0, thick / 2, 0), bevel=0.004)
        return csg.union(bar, mid, *ends)
