"""Orange: a citrus fruit (orange, lemon, lime, grapefruit, mandarin) with a softly pitted peel, a star
calyx and optionally cut in half to show the juicy segments and white pith.

Default: a 7.5 cm orange.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.food._fruit import revolve
from meshforge.generators.nature._shapes import solid_difference, solid_union, tint_if_default
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import concatenate

# kind: (height / width, tip points, peel color, flesh color, size factor)
KINDS = {
    "orange": (0.95, 0.0, "#F08A1C", "#F5A033", 1.0),
    "lemon": (1.3, 0.12, "#F2D43A", "#F5E27A", 0.9),
    "lime": (1.05, 0.04, "#6DAA2C", "#A8D05A", 0.7),
    "grapefruit": (0.92, 0.0, "#F4B04A", "#E8625A", 1.45),
    "mandarin": (0.78, 0.0, "#F57A14", "#F79A2E", 0.75),
}


@register
class OrangeGenerator(Generator):
    id = "orange"
    name = "Orange"
    family = "food"
    synonyms = ("citrus", "citrus fruit", "lemon", "lime", "grapefruit", "mandarin", "tangerine", "clementine",
                "satsuma", "blood orange", "halved orange", "orange half")
    description = (
        "A citrus fruit with a softly pitted peel and a small star-shaped calyx: a round orange, a pointed "
        "yellow lemon, a small green lime, a big grapefruit or a flattened mandarin; optionally cut in half "
        "to show the juicy segments around a white pith."
    )
    tags = ("food", "fruit", "kitchen", "still life", "gaming")
    params = (
        Param("kind", "choice", "orange", choices=tuple(KINDS), description="which citrus (shape and color)",
              words=("orange", "lemon", "lime", "grapefruit", "mandarin", "tangerine", "clementine")),
        Param("diameter", "float", 0.075, 0.03, 0.16, "m", description="diameter of an orange (other kinds scale it)",
              words=("big", "large", "small", "juicy"), sample_range=(0.068, 0.085)),
        Param("pitting", "float", 0.5, 0.0, 1.0, "ratio", description="how dimpled the peel is",
              words=("pitted", "dimpled", "smooth", "bumpy"), sample_range=(0.3, 0.7)),
        Param("halved", "bool", False, description="cut in half, showing the segments",
              words=("halved", "cut", "half", "sliced"), p_true=0.25),
        Param("segments", "int", 10, 6, 14, "count", description="segments seen in a halved fruit",
              words=("ten segments", "wedges"), sample_range=(9, 12)),
        Param("calyx", "bool", True, description="the small green star where the stem was", words=("stem", "calyx"),
              p_true=0.8),
    )
    slots = (
        Slot("peel", "fruit_skin", color="#F08A1C", words=("peel", "skin", "rind", "zest"),
             description="the peel (its color follows the kind unless set)"),
        Slot("flesh", "fruit_skin", color="#F5A033", words=("flesh", "segments", "pulp", "inside", "juice"),
             description="the cut segments"),
        Slot("pith", "cream", color="#F8F1DC", words=("pith", "white"), description="the white pith of a halved fruit"),
        Slot("calyx", "foliage", color="#6B7F2A", words=("calyx", "stem", "stalk"), description="the calyx"),
    )
    size = SizeEnvelope(min=(0.02, 0.012, 0.02), max=(0.24, 0.22, 0.24))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        ratio, tips, peel_c, flesh_c, factor = KINDS[p["kind"]]
        tint_if_default(self, "peel", peel_c)
        tint_if_default(self, "flesh", flesh_c)
        R = p["diameter"] * factor / 2
        H = 2 * R * ratio
        th = np.linspace(0.0, np.pi, 36)
        r = R * np.sin(th)
        y = H / 2 * (1 - np.cos(th))
        # lemon-like nipples at both poles
        y -= tips * H * np.exp(-((th / 0.3) ** 2))
        y += tips * H * np.exp(-(((np.pi - th) / 0.3) ** 2))
        y -= y.min()
        seed = int(rng.integers(1 << 30))
        body = revolve(r, y, segments=56, seed=seed, irregularity=R * 0.03)
        # pitting: fine noise on the peel
        if p["pitting"] > 0:
            from meshforge.generators.nature._shapes import wobble

            body = wobble(body, R * 0.012 * p["pitting"], 14.0 / R, seed + 1, octaves=1, crease_deg=80.0)
        top = float(body.vertices[:, 1].max())
        if p["halved"]:
            cut_y = top / 2
            cutter = prim.box((4 * R, top, 4 * R)).translated((0, cut_y + top / 2, 0))
            peel = solid_difference(body, cutter, crease_deg=60.0)
            model.add("peel", peel, self.material("peel"))
            rind = max(R * 0.1, 0.002)
            r_cut = float(np.interp(cut_y, y[: len(y) // 2 + 1], r[: len(r) // 2 + 1]))
            pith = prim.cylinder(r_cut - rind * 0.35, 0.0016, segments=48).translated((0, cut_y - 0.001, 0))
            model.add("pith", pith, self.material("pith"))
            n = p["segments"]
            wedges = []
            gap = max(R * 0.025, 0.0006)
            for k in range(n):
                a0, a1 = 2 * np.pi * k / n, 2 * np.pi * (k + 1) / n
                arc = np.linspace(a0, a1, 8)
                rr = r_cut - rind
                outer = np.stack([rr * np.cos(arc), rr * np.sin(arc)], axis=1)
                mid = (a0 + a1) / 2
                # shrink toward the wedge's own centre line so white gaps show between the segments
                centre = np.array([np.cos(mid), np.sin(mid)]) * rr * 0.55
                poly = np.vstack([[np.array([np.cos(mid), np.sin(mid)]) * R * 0.12], outer])
                poly = centre + (poly - centre) * (1 - gap / (rr * 0.45))
                wedge = prim.extrude(poly, 0.0022, bevel=0.0006, bevel_segments=1)
                wedges.append(wedge.translated((0, cut_y - 0.0012, 0)))
            model.add("flesh", concatenate(wedges), self.material("flesh"))
            return model
        model.add("peel", body, self.material("peel"))
        if p["calyx"]:
            star = np.array([(np.cos(a) * R * (0.16 if i % 2 == 0 else 0.08), np.sin(a) * R * (0.16 if i % 2 == 0 else 0.08))
                             for i, a in enumerate(np.linspace(0, 2 * np.pi, 10, endpoint=False))])
            cal = prim.extrude(star, R * 0.05, bevel=R * 0.015, bevel_segments=1)
            nub = prim.cylinder(R * 0.04, R * 0.1, segments=10)
            calyx = solid_union(cal, nub.translated((0, R * 0.02, 0)), crease_deg=50.0)
            model.add("calyx", calyx.translated((0, top - R * 0.035, 0)), self.material("calyx"))
        return model
