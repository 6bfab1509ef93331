"""Coin: a minted disc with a raised rim, reeded edge and a raised emblem on both faces (or a square hole
through the middle), lying flat.

Default: a 3 cm gold coin, 3 mm thick, with a star emblem and 60 reeds.
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
class CoinGenerator(Generator):
    id = "coin"
    name = "Coin"
    family = "props"
    synonyms = ("gold coin", "silver coin", "copper coin", "doubloon", "token", "medallion", "medal", "currency",
                "money", "penny", "game coin", "pickup coin")
    description = (
        "A coin lying flat: a disc with a raised rim, a reeded (milled) edge and a raised star, crown-like "
        "cross or diamond emblem on both faces, or a square hole through the middle like old Chinese cash; "
        "loot and pickup prop."
    )
    tags = ("gaming", "props", "loot", "fantasy", "pirate")
    params = (
        Param("diameter", "float", 0.03, 0.012, 0.12, "m", description="coin diameter",
              words=("big", "large", "small", "tiny"), sample_range=(0.024, 0.038)),
        Param("thickness", "float", 0.003, 0.001, 0.012, "m", description="coin thickness",
              words=("thick", "thin"), sample_range=(0.0025, 0.004)),
        Param("emblem", "choice", "star", choices=("star", "cross", "diamond", "none", "hole"),
              description="what is struck on the faces", words=("star", "cross", "diamond", "plain", "holed")),
        Param("rim", "bool", True, description="raised rim around the faces", words=("rimmed", "flat"), p_true=0.8),
        Param("reeds", "int", 60, 0, 120, "count", description="grooves milled into the edge (0 = smooth)",
              words=("reeded", "milled edge", "smooth edge"), sample_range=(0, 80)),
        Param("points", "int", 5, 3, 12, "count", description="points of the star emblem",
              words=("five-pointed", "six-pointed"), sample_range=(5, 8)),
    )
    slots = (
        Slot("metal", "gold", words=("metal", "coin", "gold", "silver", "copper"),
             choices=("gold", "silver", "copper", "bronze", "brass"), description="the coin"),
    )
    size = SizeEnvelope(min=(0.012, 0.001, 0.012), max=(0.12, 0.0135, 0.12))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        r, t = p["diameter"] / 2, p["thickness"]
        rim_w = r * 0.1
        relief = min(0.0004, t * 0.12)
        face = t / 2 - (relief if p["rim"] else 0.0)
        e = min(t * 0.2, r * 0.03)
        prof = [(0.0, -face), (r - rim_w, -face), (r - rim_w * 0.7, -t / 2), (r - e, -t / 2), (r, -t / 2 + e),
                (r, t / 2 - e), (r - e, t / 2), (r - rim_w * 0.7, t / 2), (r - rim_w, face), (0.0, face)]
        if not p["rim"]:
            prof = [(0.0, -t / 2), (r - e, -t / 2), (r, -t / 2 + e), (r, t / 2 - e), (r - e, t / 2), (0.0, t / 2)]
        n = p["reeds"]
        coin = prim.lathe(prof, segments=max(2 * n, 64) if n else 64, crease_deg=40.0)
        if n:
            coin = self._reed(coin, n, r, r * 0.012)
        emblem = p["emblem"]
        if emblem == "hole":
            coin = csg.difference(coin, block((r * 0.45, t * 3, r * 0.45), (0, 0, 0)))
        elif emblem != "none":
            outline = self._emblem(emblem, r * 0.55, p["points"])
            h = relief + face * 0.3
            top = prim.extrude(outline, h, bevel=h * 0.3).translated((0, face - face * 0.3, 0))
            bottom = prim.extrude(outline, h, bevel=h * 0.3).translated((0, -face - relief, 0))
            coin = csg.union(coin, top, bottom)
        model.add("coin", coin, self.material("metal"))
        return model

    @staticmethod
    def _reed(mesh: Mesh, n: int, r: float, depth: float) -> Mesh:
        """Pull every other vertex on the outer edge inward: a milled edge of ``n`` grooves."""
        v = mesh.vertices.copy()
        rad = np.hypot(v[:, 0], v[:, 2])
        ang = np.arctan2(-v[:, 2], v[:, 0]) * n / (2 * np.pi)
        odd = np.abs(ang - np.floor(ang) - 0.5) < 1e-3
        edge = rad > r - 1e-9
        sel = odd & edge
        v[sel, 0] *= 1 - depth / r
        v[sel, 2] *= 1 - depth / r
        return Mesh(v, mesh.faces, None, mesh.uvs).with_normals(40.0)

    @staticmethod
    def _emblem(kind: str, size: float, points: int) -> np.ndarray:
        if kind == "star":
            k = np.arange(points * 2)
            rad = np.where(k % 2 == 0, size, size * 0.45)
            a = np.pi / 2 + np.pi * k / points
            return np.stack([rad * np.cos(a), rad * np.sin(a)], axis=1)
        if kind == "diamond":
            return np.array([(0, size), (size * 0.6, 0), (0, -size), (-size * 0.6, 0)])
        a, b = size, size * 0.28
        return np.array([(b, b), (b, a), (-b, a), (-b, b), (-a, b), (-a, -b), (-b, -b), (-b, -a), (b, -a), (b, -b),
                         (a, -b), (a, b)])[::-1]
