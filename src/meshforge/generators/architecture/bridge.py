"""Bridge: a timber footbridge: an arched span with curved stringers, or a flat beam bridge; a deck of
planks across the stringers, railings with posts on both sides, and stone abutments at the ends.

Default: an 8 m arched footbridge, 1.6 m wide, rising 0.9 m at mid-span, with railings.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.architecture._parts import block, turned
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import merge, tube
from meshforge.geometry import primitives as prim


@register
class BridgeGenerator(Generator):
    id = "bridge"
    name = "Bridge"
    family = "architecture"
    synonyms = ("footbridge", "foot bridge", "wooden bridge", "arched bridge", "garden bridge", "pedestrian bridge",
                "beam bridge", "plank bridge", "park bridge", "japanese bridge", "walkway")
    description = (
        "A timber footbridge: an arched span (curved stringers following a parabola) or a flat beam span, "
        "decked with planks laid across, with posts and a handrail plus mid-rail along both sides, resting "
        "on stone abutments at each bank."
    )
    tags = ("architecture", "outdoor", "garden", "gaming", "park", "infrastructure")
    params = (
        Param("span", "float", 8.0, 2.0, 30.0, "m", description="length between the abutments",
              words=("long", "short"), sample_range=(5.0, 12.0)),
        Param("width", "float", 1.6, 0.8, 4.0, "m", description="deck width",
              words=("wide", "narrow"), sample_range=(1.2, 2.2)),
        Param("style", "choice", "arch", choices=("arch", "beam"), description="arched or flat span",
              words=("arched", "arch", "humpback", "flat", "beam", "straight")),
        Param("rise", "float", 0.9, 0.2, 4.0, "m", description="height of an arched span at mid-span",
              words=("high arch", "gentle arch"), sample_range=(0.5, 1.4)),
        Param("railing", "bool", True, description="railings on both sides",
              words=("with railings", "handrails", "no railing"), p_true=0.85),
        Param("posts", "int", 7, 2, 30, "count", description="railing posts per side",
              words=("seven posts", "balusters"), sample_range=(5, 9)),
    )
    slots = (
        Slot("deck", "weathered_wood", words=("deck", "planks", "boards", "walkway"),
             choices=("weathered_wood", "oak", "pine", "walnut"), description="deck planks"),
        Slot("frame", "oak", words=("frame", "stringers", "beams", "railings", "handrail", "posts"),
             choices=("oak", "weathered_wood", "painted_wood", "black_metal"), description="stringers and railings"),
        Slot("stone", "stone", words=("abutments", "stone", "foundations", "piers"),
             choices=("stone", "sandstone", "concrete", "granite"), description="abutments"),
    )
    size = SizeEnvelope(min=(3.0, 0.5, 0.9), max=(33.0, 6.0, 4.5))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L, W = p["span"], p["width"]
        rise = p["rise"] if p["style"] == "arch" else 0.0
        base_h = 0.6  # the deck meets the abutments at this height
        sh = 0.22  # stringer depth

        def deck_y(x: np.ndarray | float) -> np.ndarray:
            return base_h + rise * (1 - (2 * np.asarray(x) / L) ** 2)

        def slope(x: float) -> float:
            return float(-8 * rise * x / L ** 2)

        # stringers: rectangular section swept along the curve, under the deck edges
        xs = np.linspace(-L / 2 - 0.3, L / 2 + 0.3, 33 if rise else 2)
        frame = self.material("frame")
        stringers = []
        for sz in (-1, 1):
            z = sz * (W / 2 - 0.12)
            path = np.stack([xs, deck_y(xs) - sh / 2, np.full_like(xs, z)], axis=1)
            sect = np.array([(-sh / 2, -0.06), (sh / 2, -0.06), (sh / 2, 0.06), (-sh / 2, 0.06)])
            stringers.append(prim.sweep(sect, path, crease_deg=40.0))
        model.add("stringers", merge(stringers), frame)

        pw, pt = 0.14, 0.04
        n = max(2, int(L / (pw + 0.015)))
        px = np.linspace(-L / 2 - 0.25, L / 2 + 0.25, n)
        planks = []
        for x in px:
            y = float(deck_y(x))
            plank = block((pw, pt, W), (0, 0, 0), bevel=0.005, segments=1)
            planks.append(turned(plank, "z", float(np.degrees(np.arctan(slope(x))))).translated((x, y + pt / 2, 0)))
        model.add("deck", merge(planks), self.material("deck"))

        stone = self.material("stone")
        ab = [block((1.2, base_h - sh + 0.02, W + 0.4), (sx * (L / 2 + 0.45), (base_h - sh + 0.02) / 2, 0))
              for sx in (-1, 1)]
        model.add("abutments", merge(ab), stone)

        if p["railing"]:
            rail_h = 1.0
            posts, rails = [], []
            m = p["posts"]
            post_x = np.linspace(-L / 2 - 0.1, L / 2 + 0.1, m)
            for sz in (-1, 1):
                z = sz * (W / 2 - 0.03)
                for x in post_x:
                    y = float(deck_y(x))
                    posts.append(block((0.08, rail_h, 0.08), (x, y + pt + rail_h / 2 - 0.02, z), bevel=0.008))
                rx = np.linspace(post_x[0] - 0.1, post_x[-1] + 0.1, 33 if rise else 2)
                for level, r in ((rail_h + pt + 0.01, 0.035), (rail_h * 0.5 + pt, 0.022)):
                    path = np.stack([rx, deck_y(rx) + level, np.full_like(rx, z)], axis=1)
                    rails.append(tube(path, r, 12))
            model.add("posts", merge(posts), frame)
            model.add("handrails", merge(rails[0::2]), frame)
            model.add("midrails", merge(rails[1::2]), frame)
        return model
