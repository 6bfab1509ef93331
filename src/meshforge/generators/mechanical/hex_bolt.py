"""Hexagon head bolt to ISO 4014 (partly threaded) or ISO 4017 (threaded to the head), M3 to M24.

Head width across flats ``s`` and height ``k`` come from the ISO table (e.g. M8: s = 13 mm,
k = 5.3 mm); the head's flats face +-X, so its X extent is exactly ``s``. The head has the usual 30
degree chamfer on top. Threads are either real geometry (ISO 68-1 profile on a right-hand helix at the
ISO 261 pitch) or, with ``helical_thread`` off, an honest simplification: the same profile turned as
rings. ISO 4014 thread length b = 2d + 6 mm (l <= 125 mm), 2d + 12 mm (l <= 200 mm). At most
:data:`~meshforge.generators.mechanical._iso.MAX_TURNS` turns are drawn as real thread; beyond that
(only long, thin, fully threaded bolts outside the ISO 4017 length range) the thread continues as a
plain cylinder at the pitch diameter.

Default: M8 x 30 mm, fully threaded (ISO 4017). It stands on its tip, head up; nominal length ``l``
is measured under the head.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.mechanical import _iso
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh

FASTENER_METALS = ("steel", "stainless_steel", "black_metal", "brass", "chrome")


def hex_head(across_flats: float, height: float, *, top_chamfer: bool = True, bottom_chamfer: bool = False,
             segments: int = 48) -> Mesh:
    """Hex prism from y = 0 to ``height``, flats facing +-X, with 30 degree chamfers on the chosen faces.

    The chamfer cone meets each face on a circle of diameter ``0.95 * s`` (the usual bearing-face
    diameter), so the width across flats stays exact.
    """
    prism = prim.extrude(_iso.hexagon(across_flats), height)
    rc = 0.475 * across_flats
    cutters = []
    if top_chamfer:
        prof = [(0, -0.01 * height), (rc + (height * 1.02) / np.tan(np.radians(30.0)), -0.01 * height),
                (rc, height), (0, height)]
        cutters.append(prim.lathe(prof, segments=segments))
    if bottom_chamfer:
        prof = [(0, 0), (rc, 0), (rc + (height * 1.02) / np.tan(np.radians(30.0)), height * 1.01),
                (0, height * 1.01)]
        cutters.append(prim.lathe(prof, segments=segments))
    if not cutters:
        return prism
    return csg.intersection(prism, *cutters, crease_deg=40.0)


@register
class HexBoltGenerator(Generator):
    id = "hex_bolt"
    name = "Hex bolt"
    family = "mechanical"
    synonyms = ("bolt", "hex head bolt", "hexagon bolt", "hex screw", "cap screw", "machine bolt", "set screw",
                "iso 4017", "iso 4014", "din 933", "din 931", "fastener", "threaded bolt")
    description = (
        "A metric hexagon head bolt to ISO 4014/4017, sizes M3 to M24 with head width across flats and height "
        "from the ISO table, any length under the head, fully or partly threaded, with real helical ISO threads "
        "or a lighter ring-thread stand-in; chamfered tip."
    )
    tags = ("mechanical", "manufacturing", "hardware", "fastener", "cad")
    params = (
        Param("size", "choice", "m8", choices=_iso.SIZES, description="metric thread size (nominal diameter)",
              words=_iso.SIZE_WORDS),
        Param("length", "float", 0.03, 0.006, 0.2, "m", description="nominal length under the head (30 mm)",
              words=("long", "short", "length", "x 30"), sample_range=(0.012, 0.08)),
        Param("thread", "choice", "full", choices=("full", "partial"),
              description="full: threaded to the head (ISO 4017); partial: ISO 4014 thread length b = 2d + 6 mm",
              words=("fully threaded", "partially threaded", "shank", "iso 4017", "iso 4014")),
        Param("helical_thread", "bool", True,
              description="real helical thread geometry; off = the ISO profile turned as rings (lighter, not helical)",
              words=("real thread", "helical thread", "simplified thread", "cosmetic thread"), p_true=0.8),
        Param("pitch", "choice", "coarse", choices=("coarse", "fine"), description="ISO 261 coarse or fine pitch",
              words=("coarse thread", "fine thread", "fine pitch")),
        Param("tip_chamfer", "bool", True, description="45 degree lead-in chamfer at the tip",
              words=("chamfered tip", "flat tip"), p_true=0.9),
    )
    slots = (
        Slot("metal", "steel", words=("bolt", "metal", "head", "thread", "screw"), choices=FASTENER_METALS,
             description="the whole bolt"),
    )
    size = SizeEnvelope(min=(0.0055, 0.008, 0.0063), max=(0.0365, 0.216, 0.042))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        key = p["size"]
        d = _iso.NOMINAL[key] * _iso.MM
        s, k = (v * _iso.MM for v in _iso.BOLT_HEAD[key])
        pitch = (_iso.PITCH_COARSE if p["pitch"] == "coarse" else _iso.PITCH_FINE)[key] * _iso.MM
        length = p["length"]
        if p["thread"] == "partial":
            b = (2 * d + 0.006) if length <= 0.125 else (2 * d + 0.012)
            thread_len = min(b, length)
        else:
            thread_len = length - 1.5 * pitch  # ISO 4017: incomplete thread under the head <= 2.5 P
        seg = 40 if d < 0.012 else 56
        shank = _iso.threaded_rod(d, pitch, length + k * 0.5, thread_length=thread_len,
                                  chamfer=(0.62 * pitch if p["tip_chamfer"] else 0.0),
                                  helical=p["helical_thread"], segments=seg, rows_per_pitch=8)
        head = hex_head(s, k).translated((0, length, 0))
        bolt = csg.union(shank, head, crease_deg=40.0)
        model.add("bolt", bolt, self.material("metal"))
        return model
