"""Barrel: a bulging cask of grooved wooden staves held by metal hoops, with recessed heads and an
optional bung.

Default: a 0.9 m tall, 0.6 m wide (at the belly) wine or storage barrel with four iron hoops.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import band, merge, turned
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh

#: hoop centres as fractions of the height, by hoop count
HOOP_LAYOUT = {
    2: (0.1, 0.9),
    3: (0.1, 0.5, 0.9),
    4: (0.08, 0.28, 0.72, 0.92),
    5: (0.08, 0.28, 0.5, 0.72, 0.92),
    6: (0.06, 0.2, 0.36, 0.64, 0.8, 0.94),
}


@register
class BarrelGenerator(Generator):
    id = "barrel"
    name = "Barrel"
    family = "props"
    synonyms = ("cask", "keg", "wine barrel", "wooden barrel", "beer barrel", "whiskey barrel", "rum barrel",
                "powder barrel", "hogshead", "tun", "firkin")
    description = (
        "A wooden barrel of curved staves with visible grooves between them, bulging at the belly, bound by "
        "metal hoops, with heads recessed inside the chime and an optional bung plug on the side; a classic "
        "game and tavern prop."
    )
    tags = ("gaming", "props", "medieval", "storage", "tavern")
    params = (
        Param("height", "float", 0.9, 0.4, 1.4, "m", description="overall height",
              words=("tall", "short", "small", "large", "big"), sample_range=(0.75, 1.0)),
        Param("diameter", "float", 0.6, 0.3, 1.0, "m", description="diameter at the belly",
              words=("wide", "narrow", "fat", "slim"), sample_range=(0.52, 0.68)),
        Param("bulge", "float", 0.85, 0.7, 1.0, "ratio", description="end diameter / belly diameter (1 = straight)",
              words=("bulging", "straight", "pot-bellied"), sample_range=(0.8, 0.9)),
        Param("staves", "int", 18, 10, 32, "count", description="number of wooden staves",
              words=("18 staves", "many staves"), sample_range=(14, 22)),
        Param("hoops", "int", 4, 2, 6, "count", description="number of metal hoops",
              words=("four hoops", "two hoops", "bands", "rings"), sample_range=(3, 5)),
        Param("hoop_width", "float", 0.045, 0.02, 0.08, "m", description="width of each hoop",
              words=("wide hoops", "thin bands"), sample_range=(0.035, 0.055)),
        Param("bung", "bool", True, description="wooden plug in the side", words=("with a bung", "plug", "tap"),
              p_true=0.6),
    )
    slots = (
        Slot("wood", "oak", words=("wood", "staves", "body", "barrel"),
             choices=("oak", "weathered_wood", "walnut", "pine", "mahogany"), description="staves, heads and bung"),
        Slot("metal", "iron", words=("hoops", "bands", "metal", "rings"),
             choices=("iron", "black_metal", "rusty_iron", "brass", "copper"), description="hoops"),
    )
    size = SizeEnvelope(min=(0.3, 0.4, 0.3), max=(1.1, 1.4, 1.1))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        h, r_mid = p["height"], p["diameter"] / 2
        r_end = r_mid * p["bulge"]
        stave_t = max(0.018, r_mid * 0.07)
        chime = min(0.03, h * 0.04)

        def radius_at(y: float | np.ndarray) -> np.ndarray:
            t = np.asarray(y) / h
            return r_mid - (r_mid - r_end) * (2 * t - 1) ** 2

        ys = np.linspace(0, h, 25)
        outer = np.stack([radius_at(ys), ys], axis=1)
        r_in = r_end - stave_t
        profile = np.vstack([[(0.0, chime), (r_in, chime), (r_in, 0.0)], outer,
                             [(r_in, h), (r_in, h - chime), (0.0, h - chime)]])
        n = p["staves"]
        body = prim.lathe(profile, segments=n * 4, crease_deg=35.0)
        body = self._groove(body, n, 0.012)
        model.add("body", body, self.material("wood"))

        hw = p["hoop_width"]
        ht = max(0.004, r_mid * 0.012)
        hoops = []
        for f in HOOP_LAYOUT[p["hoops"]]:
            yc = float(np.clip(f * h, hw / 2 + 0.002, h - hw / 2 - 0.002))
            hoops.append(band(lambda y: float(radius_at(y)), yc - hw / 2, yc + hw / 2, ht, inset=r_mid * 0.02,
                              segments=64))
        model.add("hoops", merge(hoops), self.material("metal"))

        if p["bung"]:
            yb = h * 0.5
            bung = prim.cylinder(r_mid * 0.07, 0.03, segments=20, bevel=0.005)
            bung = turned(bung.translated((0, r_mid - 0.02, 0)), "x", 90.0).translated((0, yb, 0))
            model.add("bung", bung, self.material("wood"))
        return model

    @staticmethod
    def _groove(mesh: Mesh, staves: int, depth: float) -> Mesh:
        """Pull the vertices on stave boundaries inward by ``depth`` (a fraction of the radius): V-grooves."""
        v = mesh.vertices.copy()
        ang = np.arctan2(-v[:, 2], v[:, 0]) * staves / (2 * np.pi)
        on_seam = np.abs(ang - np.round(ang)) < 1e-3
        v[on_seam, 0] *= 1 - depth
        v[on_seam, 2] *= 1 - depth
        return Mesh(v, mesh.faces, None, mesh.uvs).with_normals(35.0)
