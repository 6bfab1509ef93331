"""Palm tree: a slender, gently curving ringed trunk topped by a crown of arching, drooping fronds with
leaflet-notched edges, and an optional cluster of coconuts.

Default: a 7 m coconut palm with nine 2.6 m fronds.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import catmull_rom, ribbon, solid_union, tube
from meshforge.geometry import primitives as prim


@register
class PalmTreeGenerator(Generator):
    id = "palm_tree"
    name = "Palm tree"
    family = "nature"
    synonyms = ("palm", "coconut palm", "coconut tree", "date palm", "tropical tree", "palm trees",
                "beach palm", "royal palm")
    description = (
        "A tropical palm: a tall, ringed, gently curving trunk with a crown of long arching fronds whose "
        "edges are notched into leaflets, and a cluster of coconuts under the crown."
    )
    tags = ("nature", "vegetation", "tropical", "beach", "landscape", "gaming")
    params = (
        Param("height", "float", 7.0, 2.0, 18.0, "m", description="ground to the top of the trunk",
              words=("tall", "short", "small", "giant"), sample_range=(5.0, 10.0)),
        Param("curve", "float", 12.0, 0.0, 35.0, "deg", description="how far the trunk bends from vertical",
              words=("curved", "bent", "leaning", "straight"), sample_range=(4.0, 22.0)),
        Param("trunk_diameter", "float", 0.3, 0.12, 0.6, "m", description="trunk diameter at the base",
              words=("thick trunk", "thin trunk", "slender"), sample_range=(0.25, 0.38)),
        Param("fronds", "int", 9, 4, 16, "count", description="number of fronds in the crown",
              words=("nine fronds", "many leaves", "sparse"), sample_range=(7, 12)),
        Param("frond_length", "float", 2.6, 0.8, 5.0, "m", description="length of each frond",
              words=("long fronds", "short fronds", "big leaves"), sample_range=(2.0, 3.2)),
        Param("droop", "float", 0.5, 0.0, 1.0, "ratio", description="how far the frond tips hang down",
              words=("drooping", "wilted", "perky", "upright fronds"), sample_range=(0.3, 0.7)),
        Param("coconuts", "int", 4, 0, 10, "count", description="coconuts under the crown (0 for none)",
              words=("coconuts", "no coconuts", "fruit", "dates"), sample_range=(0, 6)),
    )
    slots = (
        Slot("fronds", "foliage", color="#4C8A2E", words=("fronds", "leaves", "leaf", "foliage", "crown"),
             colors=("#4C8A2E", "#5C9A34", "#3F7A2A", "#6E9A3A"), description="the fronds"),
        Slot("trunk", "bark", color="#9C8462", words=("trunk", "bark", "stem"), description="the ringed trunk"),
        Slot("coconuts", "fruit_skin", color="#5A3D1E", words=("coconuts", "coconut", "fruit", "nuts"),
             colors=("#5A3D1E", "#6B8E23", "#7A5230"), description="the coconuts"),
    )
    size = SizeEnvelope(min=(0.9, 2.0, 0.9), max=(12.0, 21.0, 12.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        h = p["height"]
        r0 = p["trunk_diameter"] / 2
        az = rng.uniform(0, 2 * np.pi)
        lean_dir = np.array([np.cos(az), 0.0, np.sin(az)])
        bend = np.radians(p["curve"])
        # the trunk rises and bends progressively: offset grows with the square of the height
        t = np.linspace(0.0, 1.0, 64)
        offset = np.tan(bend) * h * 0.6 * t**2
        path = np.stack([np.zeros_like(t), t * h, np.zeros_like(t)], axis=1) + offset[:, None] * lean_dir
        path[:, 1] = t * h * np.cos(bend * 0.5)
        rings = 1 + 0.07 * np.abs(np.sin(t * h / (r0 * 0.9) * np.pi)) ** 0.5
        radii = r0 * (1 - 0.35 * t) * (1 + 0.3 * np.exp(-t * 25)) * rings
        radii[0] = r0 * 1.3
        top = path[-1]
        model.add("trunk", tube(path, radii, segments=14), self.material("trunk"))

        L = p["frond_length"]
        n = p["fronds"]
        fronds = [prim.sphere(r0 * 0.95, segments=16).translated(top + np.array((0, r0 * 0.3, 0)))]
        golden = np.pi * (3 - np.sqrt(5))
        for i in range(n):
            a = az + i * golden * 2.0 + rng.uniform(-0.15, 0.15)
            out = np.array([np.cos(a), 0.0, np.sin(a)])
            up = rng.uniform(0.15, 0.45) * (1.0 - 0.6 * p["droop"])
            sag = p["droop"] * rng.uniform(0.7, 1.1)
            ctrl = [top + np.array((0, r0 * 0.2, 0)),
                    top + out * L * 0.3 + (0, L * (0.18 + up * 0.5), 0),
                    top + out * L * 0.62 + (0, L * (0.12 + up * 0.4 - sag * 0.15), 0),
                    top + out * L * 0.88 + (0, L * (up * 0.2 - sag * 0.5), 0)]
            fp = catmull_rom(ctrl, 56)
            s = np.linspace(0.0, 1.0, len(fp))
            # leaflets: a notched edge, narrow at the stalk and the tip
            width = L * 0.24 * np.sin(np.pi * np.clip(s * 1.05, 0, 1)) ** 0.7 * (0.4 + 0.6 * np.abs(np.sin(s * 55)))
            width[s < 0.08] = L * 0.02
            fronds.append(ribbon(fp, width, max(L * 0.008, 0.006), cup=-0.18, segments=8,
                                 side=np.cross(out, (0, 1, 0))))
        model.add("fronds", solid_union(*fronds, crease_deg=80.0), self.material("fronds"))

        k = p["coconuts"]
        if k:
            cr = float(np.clip(r0 * 0.55, 0.06, 0.14))
            nuts = []
            for j in range(k):
                a = az + 2 * np.pi * j / min(k, 5) + (0.3 if j >= 5 else 0.0)
                drop = cr * (0.6 if j < 5 else 2.0)
                c = top + np.array([np.cos(a), 0.0, np.sin(a)]) * (r0 * 0.75 + cr * 0.6) - (0, drop, 0)
                nuts.append(prim.sphere(cr, segments=16).transformed(np.diag([1.0, 1.12, 1.0, 1.0])).translated(c))
            model.add("coconuts", solid_union(*nuts), self.material("coconuts"))
        return model
