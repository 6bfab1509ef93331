"""L-bracket (angle bracket): two perpendicular legs of bent plate with mounting holes and an optional
stiffening gusset.

Default: 40 x 40 mm legs, 30 mm wide, 3 mm steel, two 5.5 mm holes per leg (for M5 screws), inner
bend radius equal to the thickness. The base leg lies on y = 0 and runs toward +Z; the upright
leg stands at the back (-Z).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim

#: maps extrude's (x, y, z) to (z, x, y): outline drawn as (depth z, height y), extruded along +X
_CYCLE = np.array([[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 1]], dtype=np.float64)


def bent_l_outline(leg_base: float, leg_up: float, t: float, r_in: float, n: int = 6) -> np.ndarray:
    """(depth, height) outline of an L of plate thickness ``t``, inner bend radius ``r_in``.

    The outer corner is at (0, 0); the base runs to +depth, the upright to +height.
    """
    r_out = r_in + t
    a = np.linspace(np.pi, 1.5 * np.pi, n)
    c = np.array([r_out, r_out])
    outer_arc = c + r_out * np.stack([np.cos(a), np.sin(a)], axis=1)
    inner_arc = (c + r_in * np.stack([np.cos(a), np.sin(a)], axis=1))[::-1]
    pts = [outer_arc, [(leg_base, 0.0), (leg_base, t)], inner_arc if r_in > 0 else [(t, t)],
           [(t, leg_up), (0.0, leg_up)]]
    return np.vstack([np.asarray(q, dtype=np.float64).reshape(-1, 2) for q in pts])


@register
class BracketGenerator(Generator):
    id = "bracket"
    name = "L-bracket"
    family = "mechanical"
    synonyms = ("angle bracket", "l bracket", "corner bracket", "shelf bracket", "mounting bracket", "angle iron",
                "right angle bracket", "corner brace")
    description = (
        "A bent-plate L-bracket: two perpendicular legs with a radiused bend, a row of mounting holes in each leg, "
        "an optional triangular gusset; exact thickness, leg lengths, width and hole diameter for manufacturing."
    )
    tags = ("mechanical", "manufacturing", "hardware", "cad", "3d printing")
    params = (
        Param("leg_length", "float", 0.04, 0.015, 0.3, "m", description="length of the base leg (40 mm)",
              words=("long", "short", "leg"), sample_range=(0.03, 0.08)),
        Param("upright_length", "float", 0.04, 0.015, 0.3, "m", description="height of the upright leg (40 mm)",
              words=("tall", "upright"), sample_range=(0.03, 0.08)),
        Param("width", "float", 0.03, 0.01, 0.2, "m", description="width of the bracket (30 mm)",
              words=("wide", "narrow"), sample_range=(0.02, 0.05)),
        Param("thickness", "float", 0.003, 0.001, 0.012, "m", description="plate thickness (3 mm)",
              words=("thick", "thin", "heavy duty"), sample_range=(0.002, 0.005)),
        Param("holes", "int", 2, 0, 6, "count", description="mounting holes per leg",
              words=("two holes", "holes", "no holes"), sample_range=(1, 3)),
        Param("hole_diameter", "float", 0.0055, 0.002, 0.02, "m", description="hole diameter (5.5 mm, M5 clearance)",
              words=("hole size", "big holes"), sample_range=(0.0045, 0.0066)),
        Param("gusset", "bool", False, description="a triangular stiffening rib in the corner",
              words=("gusset", "reinforced", "ribbed"), p_true=0.4),
    )
    slots = (
        Slot("metal", "steel", words=("bracket", "metal", "plate"),
             choices=("steel", "stainless_steel", "brushed_aluminium", "black_metal",
                      "painted_metal", "brass"),
             description="the bracket"),
    )
    size = SizeEnvelope(min=(0.01, 0.015, 0.015), max=(0.2, 0.3, 0.3))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        lb, lu, w, t = p["leg_length"], p["upright_length"], p["width"], p["thickness"]
        r_in = min(t, 0.2 * min(lb, lu))
        outline = bent_l_outline(lb, lu, t, r_in)
        body = prim.extrude(outline, w, crease_deg=35.0).transformed(_CYCLE).translated((-w / 2, 0, 0))
        parts = [body]
        if p["gusset"]:
            g = min(lb, lu) * 0.55
            tri = np.array([(t, t), (t + g, t), (t, t + g)])
            gt = min(max(t, 0.0015), w * 0.3)
            rib = prim.extrude(tri, gt).transformed(_CYCLE).translated((-gt / 2, 0, 0))
            parts.append(rib.translated((0, -t * 0.02, -t * 0.02)))
        if len(parts) > 1:
            body = csg.union(*parts, crease_deg=35.0)
        cutters = []
        n = p["holes"]
        hole_r = min(p["hole_diameter"] / 2, 0.3 * w / max(n, 1), 0.3 * (min(lb, lu) - t - r_in))
        if n > 0 and hole_r > 0.0005:
            # across the width, avoiding the gusset in the middle
            xs = (np.arange(n) + 0.5) / n * w - w / 2
            if p["gusset"]:
                # keep clear of the rib in the middle: spread the holes over the two outer halves
                left = (n + 1) // 2
                xs = np.concatenate([-(np.arange(left) + 0.5) / left * (w / 2 - hole_r * 1.5) - hole_r * 0.5,
                                     (np.arange(n - left) + 0.5) / max(n - left, 1) * (w / 2 - hole_r * 1.5)
                                     + hole_r * 0.5])
                xs = np.where(np.abs(xs) < hole_r + w * 0.05, np.sign(xs + 1e-12) * (hole_r + w * 0.05), xs)
            z_base = t + r_in + (lb - t - r_in) * 0.55
            y_up = t + r_in + (lu - t - r_in) * 0.55
            for x in xs:
                cutters.append(prim.cylinder(hole_r, t * 3, segments=24).translated((x, -t, z_base)))
                cutters.append(prim.cylinder_between((x, y_up, -t), (x, y_up, 2 * t), hole_r, segments=24))
        if cutters:
            body = csg.difference(body, *cutters, crease_deg=35.0)
        model.add("bracket", body, self.material("metal"))
        return model
