"""Fork: a stamped cutlery fork lying on the table, its outline (handle, neck, head and tines) extruded with a
thickness that varies along the length and bent like real cutlery (raised handle end, tines curving up).

Default: a 19 cm dinner fork with four tines.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._shapes import flat_part, half_width_outline, resample_outline

CUTLERY = ("stainless_steel", "silver", "gold", "chrome", "brushed_aluminium", "plastic")


@register
class ForkGenerator(Generator):
    id = "fork"
    name = "Fork"
    family = "tableware"
    synonyms = ("dinner fork", "table fork", "dessert fork", "salad fork", "cake fork", "pastry fork", "cutlery",
                "flatware", "silverware", "carving fork", "cocktail fork")
    description = (
        "A table fork lying on its back: a tapering handle with a rounded end, a narrow neck, a head that widens "
        "into two to five tines, bent like stamped cutlery with the tines curving up."
    )
    tags = ("tableware", "kitchen", "interior", "gaming", "product")
    params = (
        Param("length", "float", 0.19, 0.12, 0.3, "m", description="overall length",
              words=("long", "short", "dessert", "dinner", "carving"), sample_range=(0.17, 0.21)),
        Param("tines", "int", 4, 2, 5, "count", description="number of tines (prongs)",
              words=("two tines", "three tines", "four tines", "five prongs", "prongs"), sample_range=(3, 4)),
        Param("tine_length", "float", 0.21, 0.12, 0.35, "ratio", description="tine length / overall length",
              words=("long tines", "short tines"), sample_range=(0.18, 0.24)),
        Param("head_width", "float", 0.025, 0.012, 0.04, "m", description="width across the tines",
              words=("wide head", "narrow head", "slim"), sample_range=(0.022, 0.028)),
        Param("handle_width", "float", 0.022, 0.012, 0.032, "m", description="widest part of the handle",
              words=("wide handle", "slim handle", "chunky"), sample_range=(0.018, 0.025)),
        Param("bend", "float", 1.0, 0.0, 2.0, "ratio", description="how strongly the head and handle curve up",
              words=("flat", "curved", "bent"), sample_range=(0.7, 1.3)),
    )
    slots = (
        Slot("metal", "stainless_steel", words=("metal", "fork", "steel", "silver"), choices=CUTLERY,
             description="the whole fork"),
    )
    size = SizeEnvelope(min=(0.12, 0.003, 0.012), max=(0.3, 0.06, 0.04))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L, n = p["length"], p["tines"]
        k = L / 0.19
        W, hw = p["head_width"], p["handle_width"] / 2
        x_tip = L
        x_slot = L * (1 - p["tine_length"])
        x_neck = x_slot - 0.035 * k
        ctrl = [(0.0, 0.0), (0.002 * k, 0.65 * hw), (0.008 * k, 0.93 * hw), (0.02 * k, hw),
                (0.07 * k, 0.8 * hw), (x_neck - 0.01 * k, 0.42 * hw), (x_neck, 0.0035 * k + 0.05 * hw),
                (x_neck + 0.015 * k, 0.3 * W), (x_slot - 0.004 * k, 0.48 * W), (x_slot, W / 2)]
        tw = W * (0.6 if n <= 3 else 0.55) / n
        gap = (W - n * tw) / (n - 1)
        tip: list[np.ndarray] = []
        for i in range(n):
            z0 = -W / 2 + i * (tw + gap)
            z1 = z0 + tw
            tip.append(np.array([(x_tip - 0.004 * k, z0 + 0.05 * tw), (x_tip, z0 + 0.35 * tw),
                                 (x_tip, z1 - 0.35 * tw), (x_tip - 0.004 * k, z1 - 0.05 * tw)]))
            if i < n - 1:
                zm = z1 + gap / 2
                t = np.linspace(0.0, np.pi, 7)
                tip.append(np.stack([x_slot + gap / 2 - gap / 2 * np.sin(t), zm - gap / 2 * np.cos(t)], axis=1))
        outline = half_width_outline(ctrl, np.vstack(tip), samples=70)
        outline = resample_outline(outline, 0.003 * k)
        # drop the duplicated comb start (the outline's last lower point equals the first tine's base)
        keep = np.r_[True, np.linalg.norm(np.diff(outline, axis=0), axis=1) > 1e-6]
        outline = outline[keep]

        bend = p["bend"]

        def thickness(x: np.ndarray) -> np.ndarray:
            return np.interp(x, [0.0, x_neck, x_slot, x_tip], [0.0028, 0.0036, 0.0024, 0.0016])

        def height(x: np.ndarray) -> np.ndarray:
            handle = 0.009 * k * np.clip((x_neck - x) / x_neck, 0, 1) ** 2
            head = 0.016 * k * np.clip((x - x_neck) / (x_tip - x_neck), 0, 1) ** 1.8
            return bend * (handle + head)

        fork = flat_part(outline, thickness, height)
        model.add("fork", fork.translated((-L / 2, 0, 0)), self.material("metal"))
        return model
