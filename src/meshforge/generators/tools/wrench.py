"""Wrench (spanner): a combination spanner (open jaw + 12-point ring), a double open-ended spanner or a
double ring spanner, forged flat and lying on the ground; the jaw opening is exactly the nut size.

Default: a 13 mm combination spanner, 170 mm long, jaw angled 15 degrees, 12-point ring. Lies flat
(thickness along Y), the long axis along X with the open end at +X.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.transform import rotation

SIZES = ("6", "8", "10", "13", "17", "19", "22", "24", "30")


def star12(across_flats: float) -> np.ndarray:
    """A 12-point (bi-hex) socket outline: two hexagons 30 degrees apart, across flats ``across_flats``."""
    r_flat = across_flats / 2
    r_tip = r_flat / np.cos(np.pi / 6) * 0.985
    a = np.radians(np.arange(24) * 15.0)
    r = np.where(np.arange(24) % 2 == 0, r_tip, r_flat * 1.02)
    return np.stack([r * np.cos(a), r * np.sin(a)], axis=1)


@register
class WrenchGenerator(Generator):
    id = "wrench"
    name = "Wrench"
    family = "tools"
    synonyms = ("spanner", "combination spanner", "combination wrench", "open end wrench", "ring spanner",
                "box wrench", "open ended spanner")
    description = (
        "A spanner / wrench: combination (open jaw and 12-point ring), double open-ended or double ring; forged "
        "chrome-vanadium body with an exact jaw opening for the chosen metric nut size, lying flat."
    )
    tags = ("tools", "hardware", "workshop", "mechanical", "gaming", "props")
    params = (
        Param("size", "choice", "13", choices=SIZES, description="nut size across flats in mm (jaw opening)",
              words=("13 mm", "10 mm", "17 mm", "small", "large")),
        Param("style", "choice", "combination", choices=("combination", "open", "ring"),
              description="combination, double open-ended, or double ring", words=("combination", "open end", "ring", "box end")),
        Param("length_factor", "float", 1.0, 0.7, 1.4, "ratio", description="length relative to the usual (~12 x size + 14 mm)",
              words=("long", "stubby", "short"), sample_range=(0.9, 1.1)),
        Param("jaw_angle", "float", 15.0, 0.0, 30.0, "deg", description="angle of the open jaw to the handle",
              words=("angled jaw", "straight jaw"), sample_range=(15.0, 15.0)),
        Param("ring_offset", "float", 0.0, 0.0, 15.0, "deg", description="upward bend of the ring end (offset ring)",
              words=("offset", "cranked"), sample_range=(0.0, 10.0)),
    )
    slots = (
        Slot("metal", "chrome", words=("wrench", "spanner", "metal", "chrome"),
             choices=("chrome", "steel", "black_metal", "stainless_steel"), description="the spanner"),
    )
    size = SizeEnvelope(min=(0.06, 0.003, 0.012), max=(0.6, 0.06, 0.08))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        s = float(p["size"]) / 1000.0
        L = (12 * s + 0.014) * p["length_factor"]
        t = max(0.35 * s, 0.0035)
        ro = s * 1.15  # open head radius
        rr = s * 0.85 + 0.002  # ring head radius
        style = p["style"]
        ends = {"combination": ("open", "ring"), "open": ("open", "open"), "ring": ("ring", "ring")}[style]
        xo, xr = L / 2 - ro * 0.9, -L / 2 + rr
        hw0, hw1 = s * 0.55, s * 0.42
        handle = prim.extrude(np.array([(xr, -hw1), (xo, -hw0), (xo, hw0), (xr, hw1)]), t * 0.82,
                              bevel=t * 0.2).translated((0, t * 0.09, 0))
        pieces, cuts = [handle], []
        for end, x in zip(ends, (xo, xr), strict=True):
            if end == "open":
                r = ro if x == xo else ro * 0.9
                head = prim.cylinder(r, t, segments=48, bevel=t * 0.2).translated((x, 0, 0))
                pieces.append(head)
                d = 1.0 if x == xo else -1.0
                ang = p["jaw_angle"] * d
                slot_len = r * 1.5
                jaw = prim.box((slot_len, t * 3, s)).translated((slot_len / 2, 0, 0))
                round_ = prim.cylinder(s / 2, t * 3, segments=32).translated((0, -t * 1.5, 0))
                cutter = csg.union(jaw, round_)
                m = rotation("y", ang + (0.0 if d > 0 else 180.0))
                m[:3, 3] = (x + d * r * 0.12, t / 2, 0)
                cuts.append(cutter.transformed(m))
            else:
                ring = prim.cylinder(rr, t * 1.05, segments=48, bevel=t * 0.2).translated((x, 0, 0))
                pieces.append(ring)
                socket = prim.extrude(star12(s), t * 3).translated((x, -t, 0))
                cuts.append(socket)
        body = csg.difference(csg.union(*pieces), *cuts, crease_deg=40.0)
        if p["ring_offset"] > 0 and ends[1] == "ring":
            # crank the ring end up about a line across the handle near it
            v = body.vertices.copy()
            x0 = xr + rr * 1.8
            k = np.tan(np.radians(p["ring_offset"]))
            v[:, 1] += np.where(v[:, 0] < x0, (x0 - v[:, 0]) * k, 0.0)
            body = Mesh(v, body.faces, uvs=body.uvs).with_normals(40.0)
        model.add("wrench", body, self.material("metal"))
        return model
