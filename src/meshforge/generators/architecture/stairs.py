"""Stairs: a straight flight of steps: a solid (concrete or stone) flight, an open-riser flight of treads on
two stringers, or floating treads on a central spine; with handrails on one or both sides.

Default: 10 steps of 18 cm rise and 28 cm going (1.8 m up, 2.8 m long), 1.0 m wide, concrete, one
handrail.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.architecture._parts import block, prism_x
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import merge
from meshforge.geometry import primitives as prim


@register
class StairsGenerator(Generator):
    id = "stairs"
    name = "Stairs"
    family = "architecture"
    synonyms = ("staircase", "stairway", "flight of stairs", "steps", "stair", "concrete stairs",
                "wooden stairs", "open stairs", "floating stairs", "stone steps")
    description = (
        "A straight flight of stairs rising toward -Z: a solid block flight with nosings, an open-riser "
        "flight of treads between two sloping stringers, or floating treads on a central steel spine; with "
        "balusters and a handrail on one side, both sides or none."
    )
    tags = ("architecture", "building", "interior", "exterior", "gaming", "modular")
    params = (
        Param("steps", "int", 10, 2, 30, "count", description="number of steps",
              words=("10 steps", "twelve steps", "few steps"), sample_range=(5, 16)),
        Param("rise", "float", 0.18, 0.12, 0.22, "m", description="height of each step",
              words=("steep", "shallow", "gentle"), sample_range=(0.16, 0.19)),
        Param("going", "float", 0.28, 0.22, 0.4, "m", description="depth of each tread",
              words=("deep treads", "narrow treads"), sample_range=(0.25, 0.32)),
        Param("width", "float", 1.0, 0.6, 3.0, "m", description="width of the flight",
              words=("wide", "narrow", "grand"), sample_range=(0.9, 1.4)),
        Param("style", "choice", "solid", choices=("solid", "open", "floating"), description="construction",
              words=("solid", "concrete", "stone", "open", "open riser", "stringers", "floating", "spine")),
        Param("railing", "choice", "one", choices=("none", "one", "both"), description="handrails on the sides",
              words=("no railing", "handrail", "railings both sides", "banister")),
    )
    slots = (
        Slot("steps", "concrete", words=("steps", "treads", "stairs", "concrete", "stone", "wood"),
             choices=("concrete", "stone", "oak", "walnut", "marble", "granite"), description="steps / treads"),
        Slot("frame", "black_metal", words=("stringers", "spine", "frame", "structure"),
             choices=("black_metal", "steel", "oak", "concrete"), description="stringers or spine"),
        Slot("railing", "black_metal", words=("railing", "handrail", "balusters", "banister"),
             choices=("black_metal", "steel", "oak", "brass", "stainless_steel"), description="railings"),
    )
    size = SizeEnvelope(min=(0.6, 0.24, 0.44), max=(3.1, 7.6, 12.1))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        n, r, g, w = p["steps"], p["rise"], p["going"], p["width"]
        H, Lz = n * r, n * g
        z0 = Lz / 2  # the flight starts at +Z and climbs toward -Z
        style = p["style"]
        steps_m = self.material("steps")
        if style == "solid":
            prof = [(z0, 0.0)]
            for i in range(n):
                prof += [(z0 - i * g, (i + 1) * r), (z0 - (i + 1) * g, (i + 1) * r)]
            prof += [(-z0, 0.0)]
            model.add("flight", prism_x(np.asarray(prof), -w / 2, w / 2), steps_m)
            nosings = [block((w, 0.02, 0.04), (0, (i + 1) * r - 0.01, z0 - i * g + 0.015), bevel=0.004)
                       for i in range(n)]
            model.add("nosings", merge(nosings), steps_m)
        else:
            tt = 0.045
            treads = [block((w, tt, g + 0.03), (0, (i + 1) * r - tt / 2, z0 - (i + 0.5) * g),
                            bevel=0.006) for i in range(n)]
            model.add("treads", merge(treads), steps_m)
            frame = self.material("frame")
            sw = 0.25
            slope = np.arctan2(r, g)
            band = sw / np.cos(slope)
            if style == "open":
                prof = [(z0, 0.0), (z0, r - tt), (-z0 + g, H - tt), (-z0, H - tt), (-z0, H - tt - band),
                        (z0 - band * g / r, 0.0)]
                stringers = [prism_x(prof, sx * (w / 2) - (0.05 if sx > 0 else 0.0), sx * (w / 2) + (0.0 if sx > 0 else 0.05))
                             for sx in (-1, 1)]
                model.add("stringers", merge(stringers), frame)
            else:
                prof = [(z0 - g * 0.4, 0.0), (z0 - g * 0.4, r - tt - 0.001), (-z0 + g * 0.6, H - tt - 0.001),
                        (-z0 + g * 0.6, H - tt - 0.2), (z0 - g * 0.4 - 0.2 * g / r, 0.0)]
                model.add("spine", prism_x(prof, -0.1, 0.1), frame)
        rail = p["railing"]
        if rail != "none":
            sides = (1,) if rail == "one" else (-1, 1)
            rail_m = self.material("railing")
            rail_h = 0.9
            posts, rails = [], []
            for sx in sides:
                x = sx * (w / 2 - 0.05)
                for i in range(n):
                    z = z0 - (i + 0.5) * g
                    y = (i + 1) * r
                    posts.append(prim.cylinder(0.012, rail_h, segments=10).translated((x, y - 0.01, z)))
                a = (x, r + rail_h + 0.02, z0 - 0.5 * g + 0.05)
                b = (x, n * r + rail_h + 0.02, z0 - (n - 0.5) * g - 0.05)
                rails.append(prim.cylinder_between(a, b, 0.025, segments=16))
            model.add("balusters", merge(posts), rail_m)
            model.add("handrails", merge(rails), rail_m)
        return model
