"""Salt shaker: a lathed hollow body (straight, barrel or waisted; glass, ceramic or wood) partly filled with
salt or ground pepper, under a domed screw cap pierced with a ring of holes (cut by CSG).

Default: an 8.5 cm glass salt shaker with a chrome cap, two-thirds full.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._vessel import liquid_profile, shell_profile, spline
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim

# outer silhouettes as (radius / max radius, height / body height)
SHAPES = {
    "straight": [(0.92, 0.0), (1.0, 0.06), (1.0, 0.75), (0.97, 0.9), (0.92, 1.0)],
    "barrel": [(0.8, 0.0), (0.95, 0.15), (1.0, 0.5), (0.92, 0.85), (0.82, 1.0)],
    "waisted": [(1.0, 0.0), (0.9, 0.25), (0.7, 0.55), (0.8, 0.85), (0.82, 1.0)],
}


@register
class SaltShakerGenerator(Generator):
    id = "salt_shaker"
    name = "Salt shaker"
    family = "tableware"
    synonyms = ("pepper shaker", "salt cellar", "salt and pepper", "shaker", "cruet", "salt pot", "pepper pot",
                "spice shaker", "condiment shaker", "salt cellar shaker")
    description = (
        "A salt or pepper shaker: a small straight, barrel or waisted hollow body of glass, ceramic or wood, "
        "partly filled with salt or pepper, under a domed screw cap pierced with a ring of holes."
    )
    tags = ("tableware", "kitchen", "interior", "gaming", "product")
    params = (
        Param("height", "float", 0.085, 0.05, 0.15, "m", description="overall height",
              words=("tall", "short", "small", "large"), sample_range=(0.07, 0.1)),
        Param("diameter", "float", 0.042, 0.025, 0.07, "m", description="widest diameter of the body",
              words=("wide", "slim", "narrow"), sample_range=(0.036, 0.048)),
        Param("shape", "choice", "straight", choices=tuple(SHAPES), description="body silhouette",
              words=("straight", "cylindrical", "barrel", "waisted", "hourglass")),
        Param("contents", "choice", "salt", choices=("salt", "pepper"), description="salt or ground pepper inside",
              words=("salt", "pepper")),
        Param("fill", "float", 0.65, 0.0, 0.9, "ratio", description="how full it is",
              words=("full", "empty", "half full"), sample_range=(0.3, 0.85)),
        Param("holes", "int", 7, 1, 13, "count", description="holes in the cap", words=("holes", "one hole"),
              sample_range=(3, 9)),
    )
    slots = (
        Slot("body", "glass", words=("body", "shaker", "jar"), choices=("glass", "ceramic", "porcelain", "oak", "crystal"),
             description="the body"),
        Slot("cap", "chrome", words=("cap", "lid", "top"), choices=("chrome", "stainless_steel", "brass", "black_metal"),
             description="the cap"),
        Slot("salt", "sand", color="#F4F4F2", words=("salt", "contents"), description="salt inside"),
        Slot("pepper", "soil", color="#2B2520", words=("pepper", "ground pepper"), description="pepper inside"),
    )
    size = SizeEnvelope(min=(0.025, 0.045, 0.025), max=(0.075, 0.155, 0.075))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R = p["diameter"] / 2
        cap_h = min(0.022, p["height"] * 0.26)
        Hb = p["height"] - cap_h + 0.008
        wall = max(0.0022, R * 0.09)
        curve = spline(np.asarray(SHAPES[p["shape"]]) * (R, Hb), 28)
        curve[:, 1] = np.maximum(curve[:, 1], 0.0)  # the spline may dip below the foot
        neck_r = curve[-1, 0] * 0.95
        outer = np.vstack([[(0.0, 0.0)], curve])
        floor = 0.006
        prof = shell_profile(outer, wall, floor=floor)
        model.add("body", prim.lathe(prof, segments=48, crease_deg=45.0), self.material("body"))
        if p["fill"] > 0.02:
            level = floor + p["fill"] * (Hb - 0.012 - floor)
            lp = liquid_profile(prof, len(outer), floor, level)
            if lp is not None:
                model.add("contents", prim.lathe(lp, segments=48), self.material(p["contents"]))
        # cap: a skirt over the neck and a domed top pierced by holes
        cr = neck_r + 0.0015
        y0 = Hb - 0.008
        t = np.linspace(0.0, np.pi / 2, 10)
        dome = np.stack([cr * np.cos(t), cap_h - 0.008 + 0.008 * np.sin(t) + 0.0], axis=1)
        cap_prof = np.vstack([[(0.0, 0.0), (cr - 0.0012, 0.0), (cr, 0.0012)], dome[:-1], [(0.0, cap_h)]])
        cap = prim.lathe(cap_prof, segments=48, crease_deg=40.0)
        n = p["holes"]
        hole_r = 0.0011 if n > 1 else 0.0025
        cutters = []
        for i in range(n):
            if n == 1 or i == 0:
                x, z = 0.0, 0.0
            else:
                a = 2 * np.pi * (i - 1) / (n - 1)
                x, z = 0.45 * cr * np.cos(a), 0.45 * cr * np.sin(a)
            cutters.append(prim.cylinder(hole_r, 0.012, segments=10).translated((x, cap_h - 0.005, z)))
        cap = csg.difference(cap, *cutters, crease_deg=40.0)
        model.add("cap", cap.translated((0, y0, 0)), self.material("cap"))
        return model
