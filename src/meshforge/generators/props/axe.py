"""Axe: a wedge-sharpened steel head (single-bit, double-bit or bearded) on an oval wooden haft with a
swelled knob and an optional leather grip wrap. It stands head-up, the blade facing +X.

Default: a 0.8 m hand axe / battle axe with a 16 cm single-bit head.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import prism_z
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh


@register
class AxeGenerator(Generator):
    id = "axe"
    name = "Axe"
    family = "props"
    synonyms = ("battle axe", "battleaxe", "hatchet", "woodcutter's axe", "felling axe", "viking axe",
                "bearded axe", "double axe", "double-bit axe", "labrys", "war axe", "hand axe", "tomahawk")
    description = (
        "An axe: a forged head with an eye around the haft, a flaring blade ground to a thin edge (single "
        "bit with a hammer poll, double bit, or a long-bearded viking blade), on an oval, slightly swelled "
        "wooden haft with an optional leather grip; tool or weapon prop."
    )
    tags = ("gaming", "props", "weapon", "tool", "medieval", "fantasy")
    params = (
        Param("length", "float", 0.8, 0.3, 1.5, "m", description="overall length of the haft",
              words=("long", "short", "great", "hand axe", "hatchet"), sample_range=(0.6, 0.95)),
        Param("head_style", "choice", "single", choices=("single", "double", "bearded"),
              description="shape of the head", words=("single-bit", "double-bit", "double-headed", "bearded")),
        Param("head_size", "float", 0.16, 0.08, 0.35, "m", description="reach of the blade from the haft",
              words=("big head", "small head", "huge blade"), sample_range=(0.13, 0.2)),
        Param("edge_height", "float", 0.15, 0.06, 0.35, "m", description="length of the cutting edge",
              words=("broad blade", "narrow blade", "wide edge"), sample_range=(0.12, 0.18)),
        Param("haft_thickness", "float", 0.034, 0.02, 0.05, "m", description="width of the haft",
              words=("thick handle", "thin handle"), sample_range=(0.03, 0.038)),
        Param("grip_wrap", "bool", True, description="leather wrap on the lower haft",
              words=("wrapped grip", "leather grip", "bare handle"), p_true=0.6),
    )
    slots = (
        Slot("head", "steel", words=("head", "blade", "bit", "steel"),
             choices=("steel", "iron", "rusty_iron", "black_metal", "bronze"), description="the axe head"),
        Slot("haft", "oak", words=("haft", "handle", "shaft", "wood"), choices=("oak", "walnut", "maple", "birch"),
             description="the wooden haft"),
        Slot("grip", "leather", words=("grip", "wrap", "leather"), description="grip wrap"),
    )
    size = SizeEnvelope(min=(0.1, 0.3, 0.015), max=(0.8, 1.5, 0.08))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L, t = p["length"], p["haft_thickness"]
        ys = np.linspace(0, L, 30)
        r = t / 2 * (1 + 0.25 * np.exp(-((ys - 0.02) / 0.03) ** 2) - 0.1 * np.sin(np.pi * ys / L))
        prof = np.vstack([[(0.0, 0.0)], np.stack([r * 0.92, np.maximum(ys, 0.001)], axis=1)[:1],
                          np.stack([r, ys], axis=1)[1:-1], [(r[-1] * 0.8, L), (0.0, L)]])
        haft = prim.lathe(prof, segments=20, crease_deg=60.0).transformed(np.diag([1.0, 1.0, 0.72, 1.0]))
        model.add("haft", haft, self.material("haft"))
        if p["grip_wrap"]:
            gl = min(0.2, L * 0.28)
            y0 = 0.05
            yy = np.linspace(y0, y0 + gl, 41)
            rr = t / 2 * (1 - 0.1 * np.sin(np.pi * yy / L)) + 0.002 + 0.0012 * np.abs(np.sin((yy - y0) / gl * np.pi * 8))
            wprof = np.vstack([[(0.0, y0)], np.stack([rr, yy], axis=1), [(0.0, y0 + gl)]])
            wrap = prim.lathe(wprof, segments=20, crease_deg=60.0).transformed(np.diag([1.0, 1.0, 0.74, 1.0]))
            model.add("grip", wrap, self.material("grip"))
        head = self._head(p["head_style"], p["head_size"], p["edge_height"], t)
        model.add("head", head.translated((0, L - p["edge_height"] * 0.35 - 0.03, 0)), self.material("head"))
        return model

    @staticmethod
    def _outline(reach: float, edge: float, t: float, bearded: bool) -> np.ndarray:
        """Half outline (x >= 0 side, running from bottom of the eye to top) of one blade in (x, y)."""
        eye_h = max(0.06, edge * 0.45)
        neck = eye_h * 0.32
        a = np.linspace(-1, 1, 13)
        edge_x = reach + 0.02 * (1 - a ** 2) * reach / 0.16
        top = edge * 0.5
        bottom = -edge * (0.95 if bearded else 0.5)
        edge_y = (top + bottom) / 2 + a * (top - bottom) / 2
        pts = [(t * 0.55, -eye_h / 2)]
        if bearded:
            pts += [(reach * 0.35, -neck * 0.9), (reach * 0.55, bottom * 0.55)]
        else:
            pts += [(reach * 0.4, -neck)]
        pts += list(zip(edge_x, edge_y, strict=True))
        pts += [(reach * 0.4, neck * 1.1), (t * 0.55, eye_h / 2)]
        return np.asarray(pts, dtype=np.float64)

    def _head(self, style: str, reach: float, edge: float, t: float) -> Mesh:
        eye_w = t * 0.55 + 0.012
        eye_h = max(0.06, edge * 0.45)
        thick = t * 0.9
        right = self._outline(reach, edge, eye_w, style == "bearded")
        if style == "double":
            left = right[::-1] * np.array([-1.0, 1.0])
        else:
            poll = max(0.03, t * 0.9)
            left = np.array([(-eye_w, eye_h / 2), (-eye_w - poll, eye_h * 0.38), (-eye_w - poll, -eye_h * 0.38),
                             (-eye_w, -eye_h / 2)])
        outline = np.vstack([right, left])
        blade = prism_z(outline, -thick / 2, thick / 2)
        # grind: intersect with a wedge that thins from the eye to a 1.2 mm edge on each blade side
        x_far = float(np.abs(outline[:, 0]).max()) + 0.01
        wedge = np.array([(-eye_w * 1.2, -thick), (eye_w * 1.2, -thick), (x_far, -0.0006), (x_far, 0.0006),
                          (eye_w * 1.2, thick), (-eye_w * 1.2, thick)])
        if style == "double":
            wedge = np.vstack([wedge[:4], wedge[4:], [(-x_far, 0.0006), (-x_far, -0.0006)]])
            wedge = np.array([(-eye_w * 1.2, -thick), (eye_w * 1.2, -thick), (x_far, -0.0006), (x_far, 0.0006),
                              (eye_w * 1.2, thick), (-eye_w * 1.2, thick), (-x_far, 0.0006), (-x_far, -0.0006)])
        y_lo, y_hi = float(outline[:, 1].min()) - 0.01, float(outline[:, 1].max()) + 0.01
        grind = prim.extrude(wedge, y_hi - y_lo).translated((0, y_lo, 0))
        head = csg.intersection(blade, grind)
        collar = prim.cylinder(eye_w, eye_h, segments=24, bevel=0.004).transformed(
            np.diag([1.0, 1.0, thick / 2 / eye_w * 1.05, 1.0])).translated((0, -eye_h / 2, 0))
        return csg.union(head, collar)
