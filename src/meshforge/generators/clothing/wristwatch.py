"""Wristwatch: a round or square case with bezel, crown and lugs on a strap closed in a loop as if
around a wrist, a dial with hour markers and hour/minute hands set to a chosen time.

Default: a 40 mm steel case, 11 mm thick, 20 mm leather strap around a 17 cm wrist, dial at 10:10.
The strap loop lies around the X axis; the dial faces up (+Y) with 12 o'clock toward -Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import concatenate
from meshforge.geometry.transform import rotation


@register
class WristwatchGenerator(Generator):
    id = "wristwatch"
    name = "Wristwatch"
    family = "clothing"
    synonyms = ("watch", "wrist watch", "analog watch", "dress watch", "diver watch", "timepiece", "chronograph",
                "smartwatch")
    description = (
        "An analog wristwatch: round or square case with bezel, crown and lugs, a dial with hour markers and hands "
        "set to any time, on a leather strap or a link bracelet closed in a loop as if worn."
    )
    tags = ("clothing", "fashion", "accessory", "product", "jewelry")
    params = (
        Param("case_diameter", "float", 0.04, 0.026, 0.05, "m", description="case width (40 mm)",
              words=("big", "small", "oversized", "ladies"), sample_range=(0.036, 0.044)),
        Param("shape", "choice", "round", choices=("round", "square"), description="case shape",
              words=("round", "square", "rectangular", "tank")),
        Param("strap", "choice", "leather", choices=("leather", "bracelet"), description="leather strap or metal bracelet",
              words=("leather strap", "metal bracelet", "steel band", "link bracelet")),
        Param("time", "float", 10.17, 0.0, 12.0, "count", description="time shown, in hours (10.17 = 10:10)",
              words=("ten past ten", "noon"), sample_range=(0.0, 12.0)),
        Param("bezel", "bool", True, description="a raised (diver-style) bezel ring", words=("bezel", "diver"),
              p_true=0.5),
        Param("wrist", "float", 0.17, 0.13, 0.21, "m", description="wrist circumference the strap loops around (17 cm)",
              words=("large wrist", "small wrist"), sample_range=(0.16, 0.18)),
    )
    slots = (
        Slot("case", "stainless_steel", words=("case", "watch", "bezel", "crown", "steel"),
             choices=("stainless_steel", "gold", "black_metal", "chrome", "brushed_aluminium"), description="case"),
        Slot("strap", "leather", color="#5A3520", words=("strap", "band", "bracelet"),
             colors=("#5A3520", "#1E1E1E", "#2B3A55", "#8A5A3A"), description="strap"),
        Slot("dial", "glossy_plastic", color="#F4F1EA", words=("dial", "face"),
             colors=("#F4F1EA", "#15181C", "#1F3A5F", "#2E4D3A"), description="dial"),
        Slot("hands", "chrome", words=("hands", "markers", "indices"), choices=("chrome", "gold", "black_metal"),
             description="hands and hour markers"),
    )
    size = SizeEnvelope(min=(0.02, 0.045, 0.045), max=(0.06, 0.085, 0.085))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        D = p["case_diameter"]
        R = D / 2
        sw = D * 0.5  # strap width
        th = 0.0032
        # strap loop: an ellipse around the X axis (wrists are wider than deep)
        circ = p["wrist"]
        a_ = circ / (2 * np.pi) * 1.12  # half-depth along Z
        b_ = circ / (2 * np.pi) * 0.88  # half-height along Y
        t = np.linspace(0, 2 * np.pi, 64, endpoint=False)
        cy = b_ + th
        # a superellipse: flatter on top than an ellipse, so the strap meets the lugs under the case
        sn, cs = np.sin(t), np.cos(t)
        loop = np.stack([np.zeros_like(t), cy + b_ * np.sign(cs) * np.abs(cs) ** (2 / 3),
                         a_ * np.sign(sn) * np.abs(sn) ** (2 / 3)], axis=1)
        case_y = cy + b_ + th * 0.5  # case bottom sits on the strap's top
        strap_mat = self.material("strap")
        prof = np.array([(-th / 2, -sw / 2), (th / 2, -sw / 2), (th / 2, sw / 2), (-th / 2, sw / 2)])
        if p["strap"] == "leather":
            strap = prim.sweep(prof, loop, closed=True, crease_deg=60.0)
            keeper = prim.sweep(prof * [1.8, 1.08], loop[28:37], crease_deg=60.0)
            model.add("strap", csg.union(strap, keeper), strap_mat)
        else:
            links = []
            closed = np.vstack([loop, loop[:1]])
            arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(closed, axis=0), axis=1))])
            n = 40
            seg = arc[-1] / n
            at = (np.arange(n) + 0.5) * seg
            pos = np.stack([np.interp(at, arc, closed[:, k]) for k in range(3)], axis=1)
            ahead = np.stack([np.interp(at + seg * 0.1, arc, closed[:, k]) for k in range(3)], axis=1)
            for c, d in zip(pos, ahead - pos, strict=True):
                link = prim.box((sw, seg * 0.8, th * 1.3), bevel=th * 0.3, bevel_segments=1)
                m = np.eye(4)
                m[:3, :3] = prim.align_y_to(d)
                m[:3, 3] = c
                links.append(link.transformed(m))
            model.add("bracelet", concatenate(links), strap_mat)
        case_mat = self.material("case")
        h = D * 0.27
        parts = []
        if p["shape"] == "round":
            body = prim.lathe([(0, 0), (R * 0.92, 0), (R, h * 0.3), (R, h * 0.75), (R * 0.94, h), (0, h)], segments=64)
        else:
            body = prim.extrude(prim.rounded_rectangle(D * 0.92, D, D * 0.12), h, bevel=h * 0.2)
        parts.append(body)
        for sz in (-1, 1):  # lugs toward the strap
            for sx in (-1, 1):
                lug = prim.box((sw * 0.16, h * 0.5, R * 0.5), bevel=0.0008).transformed(rotation("x", sz * 28.0))
                parts.append(lug.translated((sx * (sw / 2 + sw * 0.08), h * 0.12,
                                             sz * (R * 0.95 + (0.0 if p["shape"] == "round" else R * 0.1)))))
        parts.append(prim.cylinder_between((R * 0.9, h * 0.5, 0), (R + D * 0.09, h * 0.5, 0), D * 0.07, segments=16,
                                           bevel=D * 0.01))
        if p["bezel"] and p["shape"] == "round":
            parts.append(prim.lathe([(R * 0.78, h * 0.8), (R * 1.02, h * 0.8), (R * 1.02, h * 1.1), (R * 0.8, h * 1.12)],
                                    segments=64, closed=True))
        case = csg.union(*parts, crease_deg=50.0)
        # the dial sits in a shallow recess
        dial_r = R * (0.78 if p["bezel"] else 0.86)
        if p["shape"] == "round":
            recess = prim.cylinder(dial_r, h, segments=64).translated((0, h * 0.82, 0))
            dial = prim.cylinder(dial_r * 0.999, 0.0008, segments=64).translated((0, h * 0.82, 0))
        else:
            recess = prim.extrude(prim.rounded_rectangle(D * 0.76, D * 0.84, D * 0.08), h).translated((0, h * 0.82, 0))
            dial = prim.extrude(prim.rounded_rectangle(D * 0.759, D * 0.839, D * 0.08), 0.0008).translated((0, h * 0.82, 0))
        case = csg.difference(case, recess, crease_deg=50.0)
        lift = np.array([0.0, case_y, 0.0])
        model.add("case", case.translated(lift), case_mat)
        model.add("dial", dial.translated(lift), self.material("dial"))
        y_dial = h * 0.82 + 0.0008
        marks, hands = [], []
        mr = dial_r * 0.86
        for k in range(12):
            ang = np.radians(30 * k)
            big = k % 3 == 0
            mk = prim.box((D * 0.018, 0.0006, D * (0.07 if big else 0.045)))
            marks.append(mk.transformed(rotation("y", -30 * k)).translated((mr * np.sin(ang), y_dial + 0.0003, -mr * np.cos(ang))))
        hours = p["time"] % 12.0
        minutes = (hours % 1.0) * 60
        for ang_deg, length, width, dy in ((hours * 30.0, dial_r * 0.55, D * 0.045, 0.0006),
                                           (minutes * 6.0, dial_r * 0.85, D * 0.03, 0.0013)):
            hand = prim.box((width, 0.0005, length), bevel=0.0001).translated((0, y_dial + dy, -length * 0.4))
            hands.append(hand.transformed(rotation("y", -ang_deg)))
        hands.append(prim.cylinder(D * 0.035, 0.0022, segments=20).translated((0, y_dial, 0)))
        model.add("markers", concatenate(marks).translated(lift), self.material("hands"))
        model.add("hands", csg.union(*hands).translated(lift), self.material("hands"))
        return model
