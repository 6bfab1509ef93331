"""Trophy: a cup trophy: a lathed metal bowl with a rolled rim on a stem with a knop and a flared foot, two
looping side handles and an optional lid with a finial, standing on a stepped plinth with an engraving
plate.

Default: 35 cm tall gold cup on a walnut plinth.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.animals import _soft as soft
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import primitives as prim
from meshforge.geometry import sdf


@register
class TrophyGenerator(Generator):
    id = "trophy"
    name = "Trophy"
    family = "toys"
    synonyms = ("cup trophy", "trophy cup", "award", "prize", "loving cup", "championship cup", "winner cup",
                "goblet trophy")
    description = (
        "A cup trophy: a metal bowl with a rolled rim on a stem with a knop and a flared foot, two looping side "
        "handles and an optional lid with a finial, standing on a stepped plinth with an engraving plate."
    )
    tags = ("award", "sports", "product", "interior", "gaming")
    params = (
        Param("height", "float", 0.35, 0.12, 1.0, "m", description="overall height, plinth included",
              words=("tall", "small", "big", "huge", "mini"), sample_range=(0.28, 0.45)),
        Param("cup_width", "float", 0.55, 0.35, 0.8, "ratio", description="bowl diameter relative to the cup's height",
              words=("wide", "narrow", "slim"), sample_range=(0.45, 0.65)),
        Param("handles", "bool", True, description="two looping side handles", words=("with handles", "handleless"),
              p_true=0.85),
        Param("lid", "bool", False, description="a lid with a finial on the bowl", words=("with lid", "covered"),
              p_true=0.3),
        Param("plinth_tiers", "int", 2, 0, 3, "count", description="steps of the plinth (0 = no plinth)",
              words=("plinth", "base", "two tiers", "no base"), sample_range=(1, 3)),
        Param("stem_length", "float", 1.0, 0.5, 1.6, "ratio", description="stem length relative to a classic cup",
              words=("long stem", "short stem"), sample_range=(0.8, 1.25)),
    )
    slots = (
        Slot("metal", "gold", words=("cup", "metal", "gold", "trophy", "bowl"), choices=("gold", "silver", "bronze",
             "brass", "chrome"), description="the cup"),
        Slot("plinth", "walnut", words=("plinth", "base", "stand", "wood"), choices=("walnut", "marble", "black_metal",
             "mahogany", "granite"), description="the plinth"),
        Slot("plate", "brass", words=("plate", "plaque", "label"), choices=("brass", "silver", "gold"),
             description="engraving plate"),
    )
    size = SizeEnvelope(min=(0.0456, 0.103, 0.0332), max=(1.14, 1.41, 0.819))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        total = float(p["height"])
        tiers = int(p["plinth_tiers"])
        plinth_h = total * 0.07 * tiers
        cup_h = total - plinth_h
        bowl_r = cup_h * float(p["cup_width"]) / 2
        base_w = bowl_r * 1.7
        y = 0.0
        plinth_mat = self.material("plinth")
        for i in range(tiers):
            w = base_w * (1.0 - 0.14 * i)
            h = plinth_h / tiers
            step = prim.box((w, h, w), bevel=min(h * 0.15, 0.004)).translated((0, y + h / 2, 0))
            model.add(f"plinth_{i}", step, plinth_mat)
            if i == 0:
                plate = prim.box((w * 0.55, h * 0.55, 0.002), bevel=0.0005).translated((0, y + h / 2, w / 2 + 0.0009))
                model.add("plate", plate, self.material("plate"))
            y += h
        # the cup: foot, stem with a knop, bowl with a rolled rim (lathed profile)
        stem = cup_h * 0.28 * float(p["stem_length"])
        bowl_h = cup_h - stem - cup_h * 0.08
        foot_r = bowl_r * 0.7
        stem_r = bowl_r * 0.12
        t = cup_h * 0.012  # wall
        ys = y
        prof = [
            (0.0, ys), (foot_r, ys), (foot_r, ys + cup_h * 0.015), (foot_r * 0.85, ys + cup_h * 0.03),
            (stem_r * 1.6, ys + cup_h * 0.07), (stem_r, ys + cup_h * 0.09),
            (stem_r, ys + cup_h * 0.08 + stem * 0.4), (stem_r * 1.8, ys + cup_h * 0.08 + stem * 0.5),
            (stem_r, ys + cup_h * 0.08 + stem * 0.6), (stem_r, ys + cup_h * 0.08 + stem),
        ]
        b0 = ys + cup_h * 0.08 + stem
        a = np.linspace(0.0, 1.0, 14)
        outer = np.stack([stem_r + (bowl_r - stem_r) * np.sin(a * np.pi / 2) ** 0.8, b0 + bowl_h * a], axis=1)[1:]
        rim_r = t * 1.2
        rim_c = (bowl_r, b0 + bowl_h)
        rim = [(rim_c[0] + rim_r * np.cos(th), rim_c[1] + rim_r * np.sin(th)) for th in np.linspace(-np.pi / 2, np.pi, 8)]
        inner = np.stack([(outer[::-1, 0] - t).clip(min=stem_r * 0.5), outer[::-1, 1]], axis=1)
        inner = inner[inner[:, 1] > b0 + bowl_h * 0.12]
        profile = np.vstack([prof, outer[:-1], rim, inner, [(0.0, b0 + bowl_h * 0.12)]])
        cup = prim.lathe(profile, segments=64, crease_deg=40.0)
        metal = self.material("metal")
        model.add("cup", cup, metal)
        if p["handles"]:
            # loops from the bowl's lower belly out and up to just under the rim (soft tubes, one solid)
            hy0, hy1 = b0 + bowl_h * 0.3, b0 + bowl_h * 0.88
            tube = cup_h * 0.018
            loops = []
            for side in (1, -1):
                start_pt = np.array([side * bowl_r * 0.8, hy0, 0.0])
                end_pt = np.array([side * (bowl_r - t * 0.5), hy1, 0.0])
                pts = soft.bezier(start_pt, start_pt + np.array([side * bowl_r * 0.55, -bowl_h * 0.05, 0]),
                                  end_pt + np.array([side * bowl_r * 0.75, bowl_h * 0.1, 0]), end_pt, 12)
                loops.append(soft.chain(pts, tube))
            handles = sdf.union(*loops)
            model.add("handles", soft.mesh(handles, tube / 2.5, atlas=False), metal)
        if p["lid"]:
            top = b0 + bowl_h
            lid_prof = [(0.0, top - t), (bowl_r * 0.98, top - t), (bowl_r * 1.02, top + t * 0.6),
                        (bowl_r * 0.6, top + bowl_h * 0.14), (bowl_r * 0.15, top + bowl_h * 0.2),
                        (bowl_r * 0.12, top + bowl_h * 0.24)]
            fin = [(bowl_r * 0.12 + bowl_r * 0.16 * np.sin(th), top + bowl_h * 0.33 - bowl_r * 0.16 * np.cos(th))
                   for th in np.linspace(0.0, np.pi, 9)[1:]]
            lid = prim.lathe(np.vstack([lid_prof, fin, [(0.0, top + bowl_h * 0.33 + bowl_r * 0.16)]]), segments=48,
                             crease_deg=40.0)
            model.add("lid", lid, metal)
        return model
