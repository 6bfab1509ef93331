"""Key: an old-fashioned skeleton key lying flat: an ornamental bow (ring, clover or square), a collared
round shaft and a bit with a row of teeth.

Default: a 10 cm brass key with a ring bow and three teeth.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import turned
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import DEFAULT_CREASE_DEG, Mesh


@register
class KeyGenerator(Generator):
    id = "key"
    name = "Key"
    family = "props"
    synonyms = ("skeleton key", "old key", "door key", "dungeon key", "iron key", "golden key", "brass key",
                "antique key", "chest key", "jail key")
    description = (
        "An antique skeleton key lying flat: a ring, three-lobed clover or square bow, a round shaft with "
        "collars and a flat bit with teeth cut into it; quest item and pickup prop."
    )
    tags = ("gaming", "props", "loot", "medieval", "fantasy")
    params = (
        Param("length", "float", 0.1, 0.04, 0.3, "m", description="overall length",
              words=("long", "big", "small", "giant"), sample_range=(0.08, 0.13)),
        Param("bow_style", "choice", "ring", choices=("ring", "clover", "square"), description="shape of the handle",
              words=("ring bow", "clover", "trefoil", "square bow")),
        Param("bow_size", "float", 0.32, 0.2, 0.5, "ratio", description="bow diameter / length",
              words=("big bow", "small bow"), sample_range=(0.26, 0.38)),
        Param("teeth", "int", 3, 1, 6, "count", description="number of teeth on the bit",
              words=("three teeth", "two teeth", "wards"), sample_range=(2, 4)),
        Param("shaft_radius", "float", 0.0045, 0.002, 0.012, "m", description="radius of the shaft",
              words=("thick", "thin", "slender"), sample_range=(0.0038, 0.0055)),
    )
    slots = (
        Slot("metal", "brass", words=("metal", "key", "brass", "iron"),
             choices=("brass", "iron", "gold", "silver", "bronze", "rusty_iron", "black_metal"), description="the key"),
    )
    size = SizeEnvelope(min=(0.04, 0.004, 0.015), max=(0.3, 0.04, 0.16))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        # built 10x larger and scaled down: millimetre features are then far above the CSG/weld tolerances
        up = 10.0
        L, rs = p["length"] * up, p["shaft_radius"] * up
        bow_d = L * p["bow_size"]
        tube = min(max(rs * 0.75, bow_d * 0.08), bow_d * 0.16)
        bow = self._bow(p["bow_style"], bow_d, tube).translated((-L / 2 + bow_d / 2, 0, 0))
        x0 = -L / 2 + bow_d - tube
        x1 = L / 2
        shaft = turned(prim.cylinder(rs, x1 - x0, segments=20), "z", -90.0).translated((x0, 0, 0))
        collars = [turned(prim.cylinder(rs * 1.45, rs * 1.2, segments=20, bevel=rs * 0.3), "z", -90.0)
                   .translated((x0 + off, 0, 0)) for off in (tube * 1.2, tube * 1.2 + rs * 2.2)]
        bit = self._bit(p["teeth"], L, rs, bow_d)
        key = csg.union(bow, shaft, *collars, bit)
        key = Mesh(key.vertices / up, key.faces, None, key.uvs / up).with_normals(DEFAULT_CREASE_DEG)
        model.add("key", key, self.material("metal"))
        return model

    @staticmethod
    def _bow(style: str, d: float, tube: float) -> Mesh:
        if style == "square":
            outer = prim.rounded_rectangle(d, d, d * 0.15, 4)
            inner = prim.rounded_rectangle(d - 2.6 * tube, d - 2.6 * tube, d * 0.08, 4)
            return prim.extrude(outer, tube * 1.6, holes=[inner], bevel=tube * 0.3).translated((0, -tube * 0.8, 0))
        if style == "clover":
            lobe = d * 0.3
            tc = min(tube * 0.8, lobe * 0.3)
            rings = [prim.torus(lobe - tc * 0.6, tc, segments=28, tube_segments=10)
                     .translated((np.cos(a) * (d / 2 - lobe), 0, np.sin(a) * (d / 2 - lobe)))
                     for a in (np.pi, np.pi / 2, -np.pi / 2)]
            hub = prim.cylinder(tube * 1.4, tube * 1.6, segments=20).translated((0, -tube * 0.8, 0))
            return csg.union(*rings, hub).translated((d * 0.08, 0, 0))
        return prim.torus(d / 2 - tube, tube, segments=40, tube_segments=12)

    @staticmethod
    def _bit(teeth: int, L: float, rs: float, bow_d: float) -> Mesh:
        """Flat bit hanging off the shaft's end in -Z with ``teeth`` teeth separated by notches."""
        bl = L * 0.24
        depth = max(L * 0.2, rs * 3)
        x0, x1 = L / 2 - bl, L / 2 - rs * 0.4
        pitch = (x1 - x0) / (2 * teeth - 1)
        pts = [(x0, 0.0)]
        for i in range(teeth):
            a, b = x0 + 2 * i * pitch, x0 + (2 * i + 1) * pitch
            pts += [(a, -depth), (b, -depth)]
            if i < teeth - 1:
                pts += [(b, -depth * 0.45), (b + pitch, -depth * 0.45)]
        pts += [(x1, 0.0)]
        th = rs * 1.3
        return prim.extrude(np.asarray(pts), th).translated((0, -th / 2, 0))
