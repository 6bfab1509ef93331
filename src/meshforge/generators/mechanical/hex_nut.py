"""Hexagon nut to ISO 4032 (regular, style 1) or ISO 4035 (thin "jam" nut), M3 to M24.

Width across flats ``s`` and height ``m`` come from the ISO tables (M8: s = 13 mm, m = 6.8 mm; thin
M8: m = 4 mm); flats face +-X, so the X extent is exactly ``s``; the Y extent is exactly ``m``. The
internal thread is real geometry (ISO 68-1 internal profile on a right-hand helix, cut with CSG) or,
with ``threads`` off, a plain bore at the minor diameter D1 = D - 1.0825 P.

Default: M8 regular nut, double-chamfered, coarse thread.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.mechanical import _iso
from meshforge.generators.mechanical.hex_bolt import FASTENER_METALS, hex_head
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim


@register
class HexNutGenerator(Generator):
    id = "hex_nut"
    name = "Hex nut"
    family = "mechanical"
    synonyms = ("nut", "hexagon nut", "hex nut", "jam nut", "lock nut", "thin nut", "iso 4032", "din 934",
                "iso 4035", "metric nut")
    description = (
        "A metric hexagon nut to ISO 4032 (regular) or ISO 4035 (thin jam nut), M3 to M24, width across flats "
        "and height from the ISO tables, with a real helical internal thread at the coarse or fine pitch and "
        "chamfered faces."
    )
    tags = ("mechanical", "manufacturing", "hardware", "fastener", "cad")
    params = (
        Param("size", "choice", "m8", choices=_iso.SIZES, description="metric thread size", words=_iso.SIZE_WORDS),
        Param("style", "choice", "regular", choices=("regular", "thin"),
              description="regular (ISO 4032) or thin jam nut (ISO 4035)", words=("jam nut", "thin", "regular")),
        Param("threads", "bool", True, description="real helical internal thread; off = plain bore at the minor diameter",
              words=("threaded", "unthreaded", "plain bore"), p_true=0.85),
        Param("pitch", "choice", "coarse", choices=("coarse", "fine"), description="ISO 261 coarse or fine pitch",
              words=("coarse thread", "fine thread")),
        Param("double_chamfer", "bool", True, description="chamfer both faces (off: bearing face left flat)",
              words=("double chamfered", "single chamfer"), p_true=0.8),
        Param("countersink", "bool", True, description="90 degree countersink at both thread entries",
              words=("countersunk", "countersink"), p_true=0.8),
    )
    slots = (
        Slot("metal", "steel", words=("nut", "metal"), choices=FASTENER_METALS, description="the nut"),
    )
    size = SizeEnvelope(min=(0.0055, 0.0018, 0.0063), max=(0.0361, 0.0216, 0.0416))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        key = p["size"]
        d = _iso.NOMINAL[key] * _iso.MM
        s = _iso.BOLT_HEAD[key][0] * _iso.MM
        height = (_iso.NUT_HEIGHT if p["style"] == "regular" else _iso.THIN_NUT_HEIGHT)[key] * _iso.MM
        pitch = (_iso.PITCH_COARSE if p["pitch"] == "coarse" else _iso.PITCH_FINE)[key] * _iso.MM
        body = hex_head(s, height, top_chamfer=True, bottom_chamfer=p["double_chamfer"])
        seg = 40 if d < 0.012 else 56
        extra = 2 * pitch
        if p["threads"]:
            cutter = _iso.threaded_rod(d, pitch, height + 2 * extra, external=False, segments=seg, rows_per_pitch=8)
        else:
            minor = d - 1.0825 * pitch
            cutter = prim.cylinder(minor / 2, height + 2 * extra, segments=seg)
        cutters = [cutter.translated((0, -extra, 0))]
        if p["countersink"]:
            cs = d * 0.5 + 0.0002  # countersink to just over the major diameter
            depth = cs - (d - 1.0825 * pitch) / 2 + 0.0002
            for y0, sign in ((0.0, 1.0), (height, -1.0)):
                prof = [(0, y0 - sign * 0.001), (cs + 0.001, y0 - sign * 0.001), (cs, y0),
                        (max(cs - depth, 1e-4), y0 + sign * depth), (0, y0 + sign * depth)]
                if sign < 0:
                    prof = prof[::-1]
                cutters.append(prim.lathe(prof, segments=seg))
        nut = csg.difference(body, *cutters, crease_deg=40.0)
        model.add("nut", nut, self.material("metal"))
        return model
