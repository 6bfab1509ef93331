"""Arch: a free-standing masonry archway: two piers and a wall block pierced by a round, pointed (Gothic) or
segmental arch, with a ring of voussoir stones, a projecting keystone, impost blocks and a cornice.

Default: a 1.6 m wide, 2.8 m high round-arched opening in a 3.2 x 3.9 m stone gateway, 0.6 m deep.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.architecture._parts import arch_curve, arch_outline, arch_rise, block, prism_z
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import merge
from meshforge.geometry import csg
from meshforge.geometry.mesh import Mesh


@register
class ArchGenerator(Generator):
    id = "arch"
    name = "Arch"
    family = "architecture"
    synonyms = ("archway", "arched gateway", "gateway", "stone arch", "gothic arch", "roman arch",
                "arched doorway", "portal", "arcade arch", "triumphal arch", "pointed arch")
    description = (
        "A masonry archway: a wall block on two piers pierced by a round (Roman), pointed (Gothic) or "
        "segmental arch, the opening ringed by wedge-shaped voussoir stones with a projecting keystone, "
        "impost blocks at the springing line and a cornice along the top."
    )
    tags = ("architecture", "building", "gaming", "medieval", "classical", "exterior")
    params = (
        Param("width", "float", 1.6, 0.6, 6.0, "m", description="clear width of the opening",
              words=("wide", "narrow", "grand"), sample_range=(1.2, 2.4)),
        Param("height", "float", 2.8, 1.2, 8.0, "m", description="clear height of the opening to the crown",
              words=("tall", "low", "high"), sample_range=(2.4, 3.6)),
        Param("style", "choice", "round", choices=("round", "pointed", "segmental"), description="arch shape",
              words=("round", "roman", "semicircular", "pointed", "gothic", "segmental", "flat")),
        Param("pier_width", "float", 0.8, 0.3, 2.0, "m", description="width of each pier beside the opening",
              words=("thick piers", "slender"), sample_range=(0.6, 1.0)),
        Param("depth", "float", 0.6, 0.2, 2.0, "m", description="thickness of the wall",
              words=("deep", "thick", "thin"), sample_range=(0.45, 0.8)),
        Param("voussoirs", "int", 11, 0, 25, "count", description="stones in the arch ring (0 = none)",
              words=("voussoirs", "arch stones", "plain arch"), sample_range=(7, 15)),
        Param("keystone", "bool", True, description="a larger projecting keystone at the crown",
              words=("keystone", "with keystone"), p_true=0.8),
    )
    slots = (
        Slot("stone", "sandstone", words=("stone", "wall", "masonry", "piers"),
             choices=("sandstone", "stone", "brick", "granite", "marble", "concrete"), description="wall and piers"),
        Slot("trim", "stone", words=("voussoirs", "keystone", "trim", "arch stones", "cornice"),
             choices=("stone", "granite", "marble", "sandstone", "brick"), description="arch ring and cornice"),
    )
    size = SizeEnvelope(min=(1.2, 1.5, 0.2), max=(10.3, 10.5, 2.25))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        w, style, pw, d = p["width"], p["style"], p["pier_width"], p["depth"]
        rise = arch_rise(w, style)
        h = max(p["height"], rise + 0.3)
        ring = min(0.45, w * 0.22)
        W = w + 2 * pw
        top = h + ring + 0.35
        body = block((W, top, d), (0, top / 2, 0))
        outline = arch_outline(w, h, style, 24)
        outline[outline[:, 1] <= 1e-9, 1] = -0.1  # cut clean through the bottom of the wall
        opening = prism_z(outline, -d, d)
        model.add("wall", csg.difference(body, opening), self.material("stone"))
        trim = self.material("trim")
        spring = h - rise
        imposts = [block((pw * 0.5 + 0.08, 0.16, d + 0.08), (sx * (w / 2 + pw * 0.25 - 0.04), spring - 0.08, 0),
                         bevel=0.01) for sx in (-1, 1)]
        model.add("imposts", merge(imposts), trim)
        model.add("cornice", block((W + 0.16, 0.18, d + 0.12), (0, top - 0.09 + 0.02, 0), bevel=0.01), trim)
        n = p["voussoirs"]
        if n:
            stones = self._voussoirs(w, style, n, ring, d, spring, p["keystone"])
            model.add("voussoirs", merge(stones), trim)
        return model

    @staticmethod
    def _voussoirs(w: float, style: str, n: int, ring: float, d: float, spring: float, keystone: bool) -> list[Mesh]:
        """Wedge stones along the arch: the intrados split into ``n`` equal lengths, each extruded outward."""
        curve = arch_curve(w, style, 96)
        seg = np.linalg.norm(np.diff(curve, axis=0), axis=1)
        s = np.concatenate([[0.0], np.cumsum(seg)])
        # outward normals of the intrados (pointing away from the opening)
        tang = np.gradient(curve, axis=0)
        tang /= np.linalg.norm(tang, axis=1, keepdims=True)
        normal = np.stack([-tang[:, 1], tang[:, 0]], axis=1)
        if normal[len(normal) // 2, 1] < 0:
            normal = -normal
        if style == "pointed":
            # the two arcs meet at an angle at the crown: use each side's own normal there
            mid = len(curve) // 2
            normal[mid] = np.array([0.0, 1.0])
        gap = 0.006
        out = []
        edges = np.linspace(0.0, s[-1], n + 1)
        for i in range(n):
            a, b = edges[i] + gap, edges[i + 1] - gap
            ts = np.linspace(a, b, 6)
            pts = np.stack([np.interp(ts, s, curve[:, 0]), np.interp(ts, s, curve[:, 1])], axis=1)
            nx = np.interp(ts, s, normal[:, 0])
            ny = np.interp(ts, s, normal[:, 1])
            nrm = np.stack([nx, ny], axis=1)
            nrm /= np.linalg.norm(nrm, axis=1, keepdims=True)
            key = keystone and i == n // 2 and n % 2 == 1
            r_out = ring * (1.35 if key else 1.0)
            outer = pts + nrm * r_out
            inner = pts - nrm * 0.002
            poly = np.vstack([inner, outer[::-1]]) + np.array([0.0, spring])
            proud = 0.06 if key else 0.025
            out.append(prism_z(poly, -d / 2 - proud, d / 2 + proud))
        return out
