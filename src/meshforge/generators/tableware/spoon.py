"""Spoon: a lathed elliptical bowl (hollow, rounded rim, stretched into an oval or egg) CSG-unioned with a
stamped, bent handle, lying on the table.

Default: a 20 cm tablespoon (teaspoon 14 cm, dessert spoon 18 cm, soup spoon 18.5 cm with a round bowl).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._shapes import strip_part
from meshforge.generators.tableware._vessel import shell_profile
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh

# length, bowl length, bowl width, bowl depth (m)
SIZES = {
    "teaspoon": (0.14, 0.042, 0.028, 0.0065),
    "dessert": (0.18, 0.055, 0.036, 0.0085),
    "tablespoon": (0.2, 0.063, 0.042, 0.0105),
    "soup": (0.185, 0.052, 0.046, 0.011),
}


@register
class SpoonGenerator(Generator):
    id = "spoon"
    name = "Spoon"
    family = "tableware"
    synonyms = ("teaspoon", "tablespoon", "dessert spoon", "soup spoon", "coffee spoon", "table spoon", "tea spoon",
                "cutlery", "flatware", "silverware", "dessertspoon")
    description = (
        "A spoon lying on the table: an oval, round or egg-shaped hollow bowl with a rounded rim joined to a "
        "tapering, gently bent handle; teaspoon, dessert spoon, tablespoon or round soup spoon."
    )
    tags = ("tableware", "kitchen", "interior", "gaming", "product")
    params = (
        Param("size", "choice", "tablespoon", choices=tuple(SIZES), description="kind and size of spoon",
              words=("teaspoon", "tablespoon", "dessert spoon", "soup spoon", "small", "large")),
        Param("scale", "float", 1.0, 0.8, 1.25, "ratio", description="overall scale on top of the size",
              words=("bigger", "smaller"), sample_range=(0.95, 1.05)),
        Param("bowl_shape", "choice", "egg", choices=("egg", "oval", "round"),
              description="outline of the bowl", words=("egg-shaped", "oval bowl", "round bowl")),
        Param("bowl_depth", "float", 1.0, 0.5, 1.6, "ratio", description="bowl depth relative to the size's",
              words=("deep", "shallow", "flat"), sample_range=(0.85, 1.15)),
        Param("handle_width", "float", 1.0, 0.7, 1.4, "ratio", description="handle width relative to the size's",
              words=("slim handle", "wide handle", "chunky"), sample_range=(0.85, 1.15)),
        Param("handle_curve", "float", 1.0, 0.3, 2.0, "ratio", description="how much the handle arches",
              words=("flat", "curved", "arched"), sample_range=(0.7, 1.3)),
    )
    slots = (
        Slot("metal", "stainless_steel", words=("metal", "spoon", "steel", "silver"),
             choices=("stainless_steel", "silver", "gold", "chrome", "brushed_aluminium", "plastic"),
             description="the whole spoon"),
    )
    size = SizeEnvelope(min=(0.11, 0.005, 0.02), max=(0.26, 0.05, 0.06))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        s = p["scale"]
        L, bl, bw, depth = (v * s for v in SIZES[p["size"]])
        depth *= p["bowl_depth"]
        if p["bowl_shape"] == "round":
            bl = max(bw * 1.08, bl * 0.85)
        wall = 0.0014 * s
        depth = max(depth, 3.2 * wall)  # a shallower shell would fold its rim bead into the floor
        bowl = self._bowl(bl, bw, depth, wall, 0.18 if p["bowl_shape"] == "egg" else 0.0)
        x_c = L - bl / 2
        bowl = bowl.translated((x_c, 0, 0))
        # handle: from the rounded end (x = 0) to inside the bowl's back rim
        x_join = x_c - bl / 2 + 0.004 * s
        hw = 0.0115 * s * p["handle_width"]
        ctrl = [(0.0, 0.0), (0.002 * s, 0.6 * hw), (0.009 * s, 0.95 * hw), (0.022 * s, hw), (0.45 * x_join, 0.72 * hw),
                (0.82 * x_join, 0.3 * hw + 0.0015 * s), (x_join - 0.006 * s, 0.0032 * s), (x_join, 0.004 * s)]
        ctrl.append((x_join + 0.004 * s, 0.0042 * s))
        rim_y = depth + wall / 2
        t0 = 0.0026 * s
        arch = p["handle_curve"]

        def height(x: np.ndarray) -> np.ndarray:
            u = np.clip(x / x_join, 0, 1)
            base = (rim_y - 0.5 * t0) * u**1.6
            return base + arch * 0.006 * s * np.sin(np.pi * u) ** 2

        def thickness(x: np.ndarray) -> np.ndarray:
            return np.interp(x, [0.0, 0.6 * x_join, x_join], [t0, t0 * 0.9, t0 * 1.1])

        handle = strip_part(ctrl, thickness, height, samples=60)
        spoon = csg.union(bowl, handle, crease_deg=40.0)
        model.add("spoon", spoon.translated((-L / 2 + (L - x_c - bl / 2) / 2, 0, 0)), self.material("metal"))
        return model

    @staticmethod
    def _bowl(length: float, width: float, depth: float, wall: float, egg: float) -> Mesh:
        a = np.linspace(0.0, np.pi / 2, 16)
        rb = width / 2
        outer = np.stack([rb * np.sin(a), depth * (1 - np.cos(a))], axis=1)
        prof = shell_profile(outer, wall)
        m = prim.lathe(prof, segments=48, crease_deg=60.0)
        v = m.vertices.copy()
        x = v[:, 0] / rb
        stretch = (length / width) * (1 - egg * np.minimum(x, 0.0))
        v[:, 0] *= stretch
        # the egg's long half points at the handle: recentre so the bowl spans [-length/2, length/2]
        lo, hi = v[:, 0].min(), v[:, 0].max()
        v[:, 0] = (v[:, 0] - (lo + hi) / 2) * length / (hi - lo)
        return Mesh(v, m.faces, None, m.uvs, m.uv_mode).with_normals(60.0)
