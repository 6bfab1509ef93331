"""Plate: a turned plate with a foot ring, a flat well, a curved cavetto and a rim, optionally with a coloured
rim band.

Default: a 27 cm dinner plate, 2.3 cm tall, 4.5 mm thick.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._vessel import offset_curve, spline
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh

CERAMICS = ("ceramic", "porcelain", "stoneware")


@register
class PlateGenerator(Generator):
    id = "plate"
    name = "Plate"
    family = "tableware"
    synonyms = ("dinner plate", "side plate", "dessert plate", "salad plate", "charger", "dish", "soup plate",
                "saucer", "platter", "bread plate")
    description = (
        "A round plate: a foot ring, a flat well, a curved cavetto and a wide or narrow rim, optionally with a "
        "contrasting band on the rim; dinner, side, dessert and soup plates."
    )
    tags = ("tableware", "kitchen", "interior", "gaming", "product")
    params = (
        Param("diameter", "float", 0.27, 0.12, 0.36, "m", description="outer diameter",
              words=("dinner", "side plate", "dessert", "large", "small"), sample_range=(0.2, 0.29)),
        Param("depth", "float", 0.023, 0.012, 0.06, "m", description="overall height (soup plates are deeper)",
              words=("deep", "shallow", "soup plate", "flat"), sample_range=(0.018, 0.03)),
        Param("rim_width", "float", 0.18, 0.0, 0.3, "ratio", description="rim width / radius (0 = coupe, no rim)",
              words=("wide rim", "coupe", "rimless"), sample_range=(0.1, 0.22)),
        Param("thickness", "float", 0.0045, 0.003, 0.008, "m", description="wall thickness",
              words=("thick", "thin", "delicate"), sample_range=(0.0038, 0.0055)),
        Param("band", "bool", False, description="coloured band on the rim", words=("gold rim", "banded", "with band"),
              p_true=0.3),
        Param("square", "bool", False, description="square plate with rounded corners",
              words=("square plate", "square"), p_true=0.1),
    )
    slots = (
        Slot("body", "porcelain", words=("plate", "body", "glaze", "china"), choices=CERAMICS,
             colors=("#F4F1EA", "#FFFFFF", "#E9E3D3", "#2F4A6D", "#6E7B6B"), description="the plate"),
        Slot("band", "gold", words=("band", "rim band", "trim"), choices=("gold", "silver", "ceramic"),
             description="rim band"),
    )
    size = SizeEnvelope(min=(0.12, 0.012, 0.12), max=(0.36, 0.06, 0.36))

    @staticmethod
    def profile(p: dict[str, Any]) -> np.ndarray:
        R, h, t = p["diameter"] / 2, p["depth"], p["thickness"]
        rim = p["rim_width"] * R
        well_r = max(R - rim - 0.25 * R, R * 0.35)
        foot_r = well_r * 0.75
        cav = spline([(well_r, t), (well_r + (R - rim - well_r) * 0.6, h * 0.45), (R - rim, h * 0.8),
                      (R - t / 2, h - t / 2 - 0.0005)], 16)
        top = offset_curve(cav, t)
        bead_c = (R - t / 2, h - t / 2)
        a = np.linspace(-np.pi / 2, np.pi / 2, 7)[1:-1]
        bead = np.stack([bead_c[0] + t / 2 * np.cos(a), bead_c[1] + t / 2 * np.sin(a)], axis=1)
        outer = np.vstack([
            [(0.0, 0.0015), (foot_r - 0.004, 0.0015), (foot_r - 0.002, 0.0), (foot_r + 0.002, 0.0), (foot_r + 0.004, 0.002)],
            cav[1:-1],
            bead,
            top[::-1][1:-1],
            [(well_r * 0.6, t + 0.0015), (0.0, t + 0.0015)],
        ])
        return outer

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        body = prim.lathe(self.profile(p), segments=72, crease_deg=50.0)
        if p["square"]:
            body = _squarish(body)
        model.add("plate", body, self.material("body"))
        if p["band"] and not p["square"]:
            R, h, t = p["diameter"] / 2, p["depth"], p["thickness"]
            rim = max(p["rim_width"] * R, 0.012)
            width = min(0.006, rim * 0.3)
            r0 = R - rim * 0.35
            prof = [(r0 - width, h - t * 0.3), (r0 + width, h - t * 0.25), (r0 + width, h + 0.0004),
                    (r0 - width, h + 0.0004)]
            model.add("band", prim.lathe(prof, segments=72, closed=True), self.material("band"))
        return model


def _squarish(mesh: Mesh) -> Mesh:
    """Push a round plate out to a rounded square (superellipse radius scale about the Y axis)."""
    v = mesh.vertices.astype(np.float64)
    ang = np.arctan2(v[:, 2], v[:, 0])
    k = (np.abs(np.cos(ang)) ** 5.0 + np.abs(np.sin(ang)) ** 5.0) ** (-1.0 / 5.0)
    v = v * np.stack([k, np.ones_like(k), k], axis=1)
    return Mesh(v, mesh.faces, None, mesh.uvs).with_normals(50.0)
