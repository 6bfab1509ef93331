"""Tower: a multi-storey office tower / skyscraper: floor slabs expressed as bands, a glass curtain wall with
vertical mullions (or a concrete grid facade of piers and spandrels), optional setbacks, a lobby canopy,
rooftop plant room and an antenna.

Default: 12 floors of 3.3 m (~40 m to the roof), 24 x 18 m footprint, glass curtain wall.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.architecture._parts import block
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import merge
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh


@register
class TowerGenerator(Generator):
    id = "tower"
    name = "Tower"
    family = "architecture"
    synonyms = ("skyscraper", "tower building", "high-rise", "high rise", "office tower", "office building",
                "tower block", "apartment tower", "glass tower", "commercial building", "highrise", "block of flats")
    description = (
        "A high-rise office tower: stacked floor slabs showing as bands round a glass curtain wall with "
        "vertical mullions, or a concrete grid facade of piers and spandrels in front of the glazing; optional "
        "setbacks that step the upper floors in, a lobby canopy, a rooftop plant room and an antenna mast."
    )
    tags = ("architecture", "building", "city", "gaming", "exterior", "commercial")
    params = (
        Param("floors", "int", 12, 1, 80, "count", description="number of floors",
              words=("12 floors", "40 storeys", "tall", "low-rise"), sample_range=(6, 30)),
        Param("floor_height", "float", 3.3, 2.8, 4.5, "m", description="floor-to-floor height",
              words=("high floors",), sample_range=(3.1, 3.8)),
        Param("width", "float", 24.0, 8.0, 60.0, "m", description="footprint along X",
              words=("wide", "slender", "broad", "slim"), sample_range=(16.0, 32.0)),
        Param("depth", "float", 18.0, 8.0, 60.0, "m", description="footprint along Z",
              words=("deep",), sample_range=(14.0, 26.0)),
        Param("style", "choice", "glass", choices=("glass", "grid"), description="facade type",
              words=("glass", "curtain wall", "glazed", "concrete", "grid", "brutalist")),
        Param("bay", "float", 1.5, 1.0, 4.0, "m", description="mullion or pier spacing",
              words=("fine mullions", "wide bays"), sample_range=(1.3, 3.0)),
        Param("setbacks", "bool", False, description="upper floors step in twice (wedding-cake profile)",
              words=("setbacks", "stepped", "tiered", "art deco"), p_true=0.35),
        Param("antenna", "bool", False, description="antenna mast on the roof", words=("antenna", "spire", "mast"),
              p_true=0.5),
    )
    slots = (
        Slot("facade", "concrete", words=("facade", "frame", "slabs", "mullions", "concrete", "structure"),
             choices=("concrete", "brushed_aluminium", "stone", "sandstone", "black_metal", "painted_metal"),
             description="slabs, mullions, piers, roof works"),
        Slot("glass", "glass", color="#7FA6C8", words=("glass", "windows", "glazing", "curtain wall"),
             colors=("#7FA6C8", "#6F8F9F", "#8DB7A6", "#3C4A5A", "#B8C6D0"), description="glazing"),
        Slot("core", "concrete", color="#5A5E63", words=("core", "interior"), description="service core inside"),
    )
    size = SizeEnvelope(min=(8.0, 3.5, 8.0), max=(61.0, 395.0, 64.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        n, fh = p["floors"], p["floor_height"]
        W, D = p["width"], p["depth"]
        tiers = [(0, n, 1.0)]
        if p["setbacks"] and n >= 6:
            a, b = round(n * 0.6), round(n * 0.85)
            tiers = [(0, a, 1.0), (a, b, 0.78), (b, n, 0.58)]
        slabs, fins, spandrels, glass, cores = [], [], [], [], []
        st = 0.35
        for f0, f1, k in tiers:
            w, d = W * k, D * k
            y0, y1 = f0 * fh, f1 * fh
            h = y1 - y0
            glass.append(block((w - 0.3, h, d - 0.3), (0, y0 + h / 2, 0)))
            cores.append(block((w * 0.35, h, d * 0.35), (0, y0 + h / 2, 0)))
            for f in range(f0, f1 + 1):
                y = f * fh
                if f == f1 and f1 != n:
                    continue  # the next tier's first slab doubles as this tier's roof
                slabs.append(block((w, st, d), (0, max(y - st / 2, st / 2) if f > 0 else st / 2, 0)))
            top = y1 - (0 if f1 == n else st / 2)
            fins += self._fins(p["style"], w, d, y0 + st, top, p["bay"])
            if p["style"] == "grid":
                spandrels += self._spandrels(w, d, y0, top, fh, f1 - f0)
        model.add("glass", merge(glass), self.material("glass"))
        model.add("core", merge(cores), self.material("core"))
        facade = self.material("facade")
        model.add("slabs", merge(slabs), facade)
        model.add("mullions", merge(fins), facade)
        if spandrels:
            model.add("spandrels", merge(spandrels), facade)

        roof_y = n * fh
        k = tiers[-1][2]
        w, d = W * k, D * k
        par = csg.difference(block((w, 1.1, d), (0, roof_y + 0.55, 0)), block((w - 0.5, 1.2, d - 0.5), (0, roof_y + 0.7, 0)))
        plant = block((w * 0.4, 3.2, d * 0.4), (0, roof_y + 1.6, 0))
        roof_parts = [par, plant]
        if p["antenna"]:
            mast_h = max(6.0, 0.18 * roof_y)
            roof_parts.append(prim.cylinder(0.35, 1.0, segments=16).translated((0, roof_y + 3.2 - 0.01, 0)))
            roof_parts.append(prim.cone(0.22, mast_h, 0.05, segments=12).translated((0, roof_y + 4.19, 0)))
        model.add("roof_works", csg.union(*roof_parts), facade)
        canopy = block((min(8.0, W * 0.4), 0.3, 3.0), (0, min(fh * 0.95, 4.0), D / 2 + 1.5 - 0.05))
        model.add("canopy", canopy, facade)
        return model

    @staticmethod
    def _fins(style: str, w: float, d: float, y0: float, y1: float, bay: float) -> list[Mesh]:
        """Vertical mullions (glass) or concrete piers (grid) on the four faces of a tier."""
        out: list[Mesh] = []
        h = y1 - y0
        if h <= 0.1:
            return out
        for span, along in ((w, "x"), (d, "z")):
            count = max(1, int(span / bay) - 1)
            pos = np.linspace(-span / 2, span / 2, count + 2)[1:-1]
            other = d if along == "x" else w
            fw = 0.12 if style == "glass" else 0.55
            proud = 0.28 if style == "glass" else 0.5
            for s in (-1, 1):
                plane = s * (other / 2 - 0.15 + proud / 2)
                for c in pos:
                    size = (fw, h, proud) if along == "x" else (proud, h, fw)
                    centre = (c, y0 + h / 2, plane) if along == "x" else (plane, y0 + h / 2, c)
                    out.append(block(size, centre))
        return out

    @staticmethod
    def _spandrels(w: float, d: float, y0: float, y1: float, fh: float, floors: int) -> list[Mesh]:
        """Spandrel panels between the piers: one band per floor per face, just inside the pier faces."""
        out: list[Mesh] = []
        sp_h = fh * 0.32
        for f in range(floors):
            y = y0 + f * fh + fh - sp_h / 2 - 0.4
            if y + sp_h / 2 > y1:
                continue
            for s in (-1, 1):
                out.append(block((w - 0.4, sp_h, 0.2), (0, y, s * (d / 2 - 0.06))))
                out.append(block((0.2, sp_h, d - 0.4), (s * (w / 2 - 0.06), y, 0)))
        return out
