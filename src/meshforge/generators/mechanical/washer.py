"""Plain washer to ISO 7089 (normal series) or ISO 7093-1 (large series), optionally chamfered (ISO 7090).

Hole diameter ``d1``, outside diameter ``d2`` and thickness ``h`` come from the ISO table (M8 normal:
8.4 / 16 / 1.6 mm); the X and Z extents are exactly ``d2`` and a single washer's Y extent is ``h``.
``count`` stacks several washers (each its own part, touching).

Default: one M8 ISO 7089 washer.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.mechanical import _iso
from meshforge.generators.mechanical.hex_bolt import FASTENER_METALS
from meshforge.geometry import primitives as prim


@register
class WasherGenerator(Generator):
    id = "washer"
    name = "Washer"
    family = "mechanical"
    synonyms = ("flat washer", "plain washer", "penny washer", "fender washer", "iso 7089", "din 125", "iso 7093",
                "shim", "spacer washer")
    description = (
        "A metric flat washer to ISO 7089 (normal) or ISO 7093 (large, 'fender/penny' washer), M3 to M24, with "
        "hole, outside diameter and thickness from the ISO tables; optionally chamfered outer edge (ISO 7090) "
        "and a stack of several."
    )
    tags = ("mechanical", "manufacturing", "hardware", "fastener", "cad")
    params = (
        Param("size", "choice", "m8", choices=_iso.SIZES, description="bolt size the washer fits",
              words=_iso.SIZE_WORDS),
        Param("series", "choice", "normal", choices=("normal", "large"),
              description="normal (ISO 7089) or large outside diameter (ISO 7093-1)",
              words=("large", "fender washer", "penny washer", "normal")),
        Param("chamfer", "bool", False, description="chamfered outer edge on one face (ISO 7090)",
              words=("chamfered", "iso 7090", "bevelled"), p_true=0.3),
        Param("count", "int", 1, 1, 10, "count", description="number of washers stacked",
              words=("stack", "three washers", "pile"), sample_range=(1, 3)),
        Param("segments", "int", 64, 24, 128, "count", description="smoothness of the circles",
              words=("smooth", "low poly"), sample_range=(48, 72)),
    )
    slots = (
        Slot("metal", "steel", words=("washer", "metal"), choices=(*FASTENER_METALS, "copper", "rubber"),
             description="the washer(s)"),
    )
    size = SizeEnvelope(min=(0.007, 0.0005, 0.007), max=(0.0721, 0.0501, 0.0721))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        table = _iso.WASHER_NORMAL if p["series"] == "normal" else _iso.WASHER_LARGE
        d1, d2, h = (v * _iso.MM for v in table[p["size"]])
        r1, r2 = d1 / 2, d2 / 2
        if p["chamfer"]:
            c = h * 0.35  # chamfer leg (ISO 7090: 0.25 h .. 0.5 h)
            prof = [(r1, 0.0), (r2, 0.0), (r2, h - c), (r2 - c, h), (r1, h)]
        else:
            prof = [(r1, 0.0), (r2, 0.0), (r2, h), (r1, h)]
        # a multiple of 4 puts vertices on the X and Z axes, so the extents are exactly d2
        washer = prim.lathe(prof, segments=4 * (p["segments"] // 4), closed=True)
        mat = self.material("metal")
        for i in range(p["count"]):
            model.add("washer" if i == 0 else f"washer_{i}", washer.translated((0, i * h, 0)), mat)
        return model
