"""Column: a classical column: a fluted shaft with entasis on an Attic base and square plinth, crowned by a
Doric (echinus and abacus), Ionic (scroll volutes) or plain capital.

Default: a 3.0 m marble Doric column, 40 cm across at the foot, 20 flutes, on a plinth.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.architecture._parts import block, turned
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh


@register
class ColumnGenerator(Generator):
    id = "column"
    name = "Column"
    family = "architecture"
    synonyms = ("pillar", "classical column", "greek column", "roman column", "doric column", "ionic column",
                "pilaster", "colonnade column", "post", "marble column", "fluted column")
    description = (
        "A classical column: a shaft that tapers with a gentle entasis, cut with vertical flutes (or plain), "
        "standing on a moulded Attic base and a square plinth, topped by a Doric capital (cushion echinus and "
        "square abacus), an Ionic capital with two scroll volutes, or a plain block capital."
    )
    tags = ("architecture", "building", "classical", "gaming", "exterior", "interior")
    params = (
        Param("height", "float", 3.0, 1.0, 12.0, "m", description="overall height",
              words=("tall", "short", "monumental"), sample_range=(2.6, 4.0)),
        Param("diameter", "float", 0.4, 0.15, 1.8, "m", description="shaft diameter at the foot",
              words=("thick", "slender", "massive", "thin"), sample_range=(0.34, 0.5)),
        Param("style", "choice", "doric", choices=("doric", "ionic", "plain"), description="order of the capital",
              words=("doric", "ionic", "scroll", "plain", "tuscan", "simple")),
        Param("flutes", "int", 20, 0, 32, "count", description="vertical flutes (0 = smooth shaft)",
              words=("fluted", "smooth", "24 flutes"), sample_range=(0, 24)),
        Param("taper", "float", 0.85, 0.65, 1.0, "ratio", description="top diameter / bottom diameter",
              words=("tapered", "straight"), sample_range=(0.8, 0.9)),
        Param("plinth", "bool", True, description="square plinth block under the base",
              words=("on a plinth", "pedestal", "no plinth"), p_true=0.75),
    )
    slots = (
        Slot("stone", "marble", words=("stone", "marble", "column", "shaft", "pillar"),
             choices=("marble", "sandstone", "stone", "granite", "concrete", "painted_wood"),
             description="the whole column"),
    )
    size = SizeEnvelope(min=(0.15, 0.99, 0.15), max=(3.6, 12.01, 3.6))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        H, style = p["height"], p["style"]
        D = min(p["diameter"], H * 0.3)  # keep room for the shaft on short, thick columns
        r0 = D / 2
        stone = self.material("stone")
        y = 0.0
        if p["plinth"]:
            ph = D * 0.3
            model.add("plinth", block((D * 1.45, ph, D * 1.45), (0, ph / 2, 0), bevel=0.004), stone)
            y = ph
        if style != "doric":
            bh = D * 0.28
            a = np.linspace(-np.pi / 2, np.pi / 2, 7)
            t1 = np.stack([r0 * 1.28 + bh * 0.22 * np.cos(a), bh * 0.22 + bh * 0.22 * np.sin(a)], axis=1)
            t2 = np.stack([r0 * 1.1 + bh * 0.16 * np.cos(a), bh * 0.72 + bh * 0.16 * np.sin(a)], axis=1)
            prof = np.vstack([[(0.0, 0.0), (r0 * 1.28, 0.0)], t1[1:], [(r0 * 1.05, bh * 0.5)], t2, [(r0, bh),
                                                                                                  (0.0, bh)]])
            model.add("base", prim.lathe(prof, segments=48, crease_deg=50.0).translated((0, y - 0.001, 0)), stone)
            y += bh
        cap_h = D * (0.55 if style != "ionic" else 0.5)
        shaft_h = H - y - cap_h
        r_top = r0 * p["taper"]
        # the shaft runs 2 mm into the base and the capital so the joints stay closed
        shaft = self._shaft(shaft_h + 0.004, r0, r_top, p["flutes"])
        model.add("shaft", shaft.translated((0, y - 0.002, 0)), stone)
        model.add("capital", self._capital(style, r_top, cap_h).translated((0, H - cap_h, 0)), stone)
        return model

    @staticmethod
    def _shaft(h: float, r0: float, r1: float, flutes: int) -> Mesh:
        t = np.linspace(0, 1, 14)
        # entasis: the taper starts slowly and quickens toward the top
        rad = r0 - (r0 - r1) * t ** 1.6
        prof = np.vstack([[(0.0, 0.0)], np.stack([rad, t * h], axis=1), [(0.0, h)]])
        segments = flutes * 6 if flutes else 48
        shaft = prim.lathe(prof, segments=segments, crease_deg=70.0)
        if not flutes:
            return shaft
        v = shaft.vertices.copy()
        rv = np.hypot(v[:, 0], v[:, 2])
        theta = np.arctan2(v[:, 2], v[:, 0])
        depth = 0.06 * (0.5 - 0.5 * np.cos(flutes * theta))
        on_side = rv > r1 * 0.5
        scale = np.where(on_side, 1.0 - depth, 1.0)
        v[:, 0] *= scale
        v[:, 2] *= scale
        return Mesh(v, shaft.faces, None, shaft.uvs).with_normals(70.0)

    @staticmethod
    def _capital(style: str, r: float, h: float) -> Mesh:
        if style == "doric":
            neck = h * 0.12
            ech = h * 0.5
            a = np.linspace(0, 1, 8)
            curve = np.stack([r * (1.0 + 0.32 * np.sin(a * np.pi / 2) ** 0.8), neck + ech * a], axis=1)
            prof = np.vstack([[(0.0, 0.0), (r * 1.03, 0.0), (r * 1.03, neck * 0.5), (r * 0.98, neck)], curve,
                              [(0.0, neck + ech)]])
            echinus = prim.lathe(prof, segments=48, crease_deg=50.0)
            ab = h - neck - ech
            abacus = block((r * 2.75, ab + 0.002, r * 2.75), (0, neck + ech + ab / 2 - 0.001, 0), bevel=0.004)
            return csg.union(echinus, abacus)
        if style == "ionic":
            ech = h * 0.45
            a = np.linspace(0, 1, 6)
            prof = np.vstack([[(0.0, 0.0)], np.stack([r * (1.0 + 0.15 * a), ech * a], axis=1)[:], [(0.0, ech)]])
            echinus = prim.lathe(prof, segments=48, crease_deg=50.0)
            vr = h * 0.32
            span = r * 2.9
            bolster = turned(prim.cylinder(vr * 0.85, r * 1.8, segments=28), "x", 90.0).translated((0, 0, -r * 0.9))
            pieces = [echinus]
            for sx in (-1, 1):
                x = sx * (span / 2 - vr)
                roll = bolster.translated((x, h * 0.55, 0))
                rings = [turned(prim.torus(vr * 0.6, vr * 0.28, segments=28, tube_segments=10), "x", 90.0)
                         .translated((x, h * 0.55, sz * r * 0.92)) for sz in (-1, 1)]
                eye = [turned(prim.cylinder(vr * 0.25, r * 2.0, segments=16), "x", 90.0)
                       .translated((x, h * 0.55, -r * 1.0))]
                pieces += [roll, *rings, *eye]
            cushion = block((span - 2 * vr, vr * 1.2, r * 1.7), (0, h * 0.55 + vr * 0.25, 0))
            abacus = block((span * 0.95, h * 0.14, r * 2.2), (0, h - h * 0.07, 0), bevel=0.004)
            return csg.union(*pieces, cushion, abacus)
        neck = prim.lathe([(0.0, 0.0), (r * 1.08, 0.0), (r * 1.08, h * 0.15), (0.0, h * 0.15)], segments=48)
        slab = block((r * 2.5, h * 0.85 + 0.002, r * 2.5), (0, h * 0.15 + h * 0.425 - 0.001, 0), bevel=0.006)
        step = block((r * 2.2, h * 0.35, r * 2.2), (0, h * 0.15 + h * 0.15, 0))
        return csg.union(neck, slab, step)
