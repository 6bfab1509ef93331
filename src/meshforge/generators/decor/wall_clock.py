"""Wall clock: a round case with a raised bezel, a dial with hour and minute ticks, Roman or Arabic numerals
(flat strokes, stencil style) or dots, and hour, minute and optional second hands set to the time given by the
``hour`` and ``minute`` parameters. It hangs facing +Z with its bottom on y = 0.

Default: a 30 cm wall clock showing 10:10 with Arabic numerals.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry import transform as tf
from meshforge.geometry.mesh import Mesh, concatenate

# stroke glyphs in a 1 x 1.6 box: each glyph is a list of polylines
_DIGITS: dict[str, list[list[tuple[float, float]]]] = {
    "0": [[(0.5, 1.6), (0.15, 1.35), (0.05, 0.8), (0.15, 0.25), (0.5, 0.0), (0.85, 0.25), (0.95, 0.8),
           (0.85, 1.35), (0.5, 1.6)]],
    "1": [[(0.2, 1.25), (0.6, 1.6), (0.6, 0.0)]],
    "2": [[(0.08, 1.25), (0.3, 1.55), (0.7, 1.55), (0.92, 1.2), (0.75, 0.8), (0.08, 0.0), (0.95, 0.0)]],
    "3": [[(0.08, 1.45), (0.5, 1.6), (0.88, 1.35), (0.8, 0.95), (0.4, 0.85)],
          [(0.4, 0.85), (0.9, 0.6), (0.88, 0.2), (0.5, 0.0), (0.08, 0.12)]],
    "4": [[(0.72, 0.0), (0.72, 1.6)], [(0.72, 1.6), (0.05, 0.5), (0.98, 0.5)]],
    "5": [[(0.9, 1.6), (0.15, 1.6), (0.1, 0.88), (0.55, 0.98), (0.9, 0.65), (0.85, 0.2), (0.5, 0.0),
           (0.08, 0.12)]],
    "6": [[(0.85, 1.5), (0.45, 1.6), (0.14, 1.25), (0.1, 0.5)],
          [(0.5, 0.95), (0.14, 0.72), (0.1, 0.35), (0.3, 0.03), (0.7, 0.03), (0.92, 0.38), (0.85, 0.78),
           (0.5, 0.95)]],
    "7": [[(0.05, 1.6), (0.95, 1.6), (0.35, 0.0)]],
    "8": [[(0.5, 0.88), (0.15, 1.1), (0.18, 1.45), (0.5, 1.6), (0.82, 1.45), (0.85, 1.1), (0.5, 0.88)],
          [(0.5, 0.88), (0.1, 0.6), (0.12, 0.2), (0.5, 0.0), (0.88, 0.2), (0.9, 0.6), (0.5, 0.88)]],
}
_DIGITS["9"] = [[(1.0 - x, 1.6 - y) for x, y in line] for line in _DIGITS["6"]]
_ROMAN = ("XII", "I", "II", "III", "IIII", "V", "VI", "VII", "VIII", "IX", "X", "XI")
_ROMAN_GLYPHS: dict[str, list[list[tuple[float, float]]]] = {
    "I": [[(0.2, 0.0), (0.2, 1.6)]],
    "V": [[(0.0, 1.6), (0.45, 0.0), (0.9, 1.6)]],
    "X": [[(0.0, 1.6), (0.9, 0.0)], [(0.0, 0.0), (0.9, 1.6)]],
}
_ADVANCE = {"I": 0.4, "V": 0.9, "X": 0.9}


def _offset_line(line: np.ndarray, d: float, closed: bool) -> np.ndarray:
    """Points of a 2D polyline moved ``d`` to its left (miter joins, clipped so sharp turns stay short)."""
    pts = line[:-1] if closed else line
    nxt = np.roll(pts, -1, axis=0) - pts
    prv = pts - np.roll(pts, 1, axis=0)
    if not closed:
        nxt[-1] = prv[-1]
        prv[0] = nxt[0]

    def left(e: np.ndarray) -> np.ndarray:
        n = np.stack([-e[:, 1], e[:, 0]], axis=1)
        return n / np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-300)

    n1, n2 = left(prv), left(nxt)
    m = n1 + n2
    m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-300)
    scale = 1.0 / np.clip(np.einsum("ij,ij->i", m, n2), 0.45, 1.0)
    return pts + m * (d * scale)[:, None]


def _strokes(polylines: list[np.ndarray], width: float, height: float, y0: float) -> Mesh:
    """One glyph: each polyline (x, z) becomes a flat stroke of ``width`` lying on y0; crossings are unioned."""
    pieces = []
    for line in polylines:
        closed = bool(np.linalg.norm(line[0] - line[-1]) < 1e-9)
        a, b = _offset_line(line, width / 2, closed), _offset_line(line, -width / 2, closed)
        if closed:
            if abs(prim.signed_area(a)) < abs(prim.signed_area(b)):
                a, b = b, a
            m = prim.extrude(a, height, holes=[b], crease_deg=30.0)
        else:
            m = prim.extrude(np.vstack([a, b[::-1]]), height, crease_deg=30.0)
        pieces.append(m.translated((0, y0, 0)))
    return pieces[0] if len(pieces) == 1 else csg.union(*pieces, crease_deg=30.0)


@register
class WallClockGenerator(Generator):
    id = "wall_clock"
    name = "Wall clock"
    family = "decor"
    synonyms = ("clock", "kitchen clock", "office clock", "station clock", "school clock", "analog clock",
                "analogue clock", "round clock", "timepiece", "wallclock")
    description = (
        "A round analog wall clock: a case with a raised bezel, a plain dial with hour ticks and Arabic or Roman "
        "numerals or dots, and hour, minute and second hands showing the time set by the hour and minute "
        "parameters."
    )
    tags = ("decor", "interior", "gaming", "product", "office")
    params = (
        Param("diameter", "float", 0.3, 0.15, 0.6, "m", description="outer diameter",
              words=("large", "small", "big"), sample_range=(0.25, 0.36)),
        Param("depth", "float", 0.045, 0.02, 0.08, "m", description="depth of the case",
              words=("deep", "slim", "thin"), sample_range=(0.035, 0.055)),
        Param("rim_width", "float", 0.015, 0.008, 0.05, "m", description="width of the bezel",
              words=("wide rim", "thin rim", "thick frame"), sample_range=(0.01, 0.025)),
        Param("markers", "choice", "arabic", choices=("arabic", "roman", "ticks", "dots"),
              description="what marks the hours",
              words=("numbers", "arabic numerals", "roman numerals", "ticks", "dots", "minimal")),
        Param("hour", "int", 10, 0, 11, "count", description="hour the hands show (12 = 0)",
              words=("o'clock", "hour", "time"), sample_range=(0, 11)),
        Param("minute", "int", 10, 0, 59, "count", description="minute the hands show",
              words=("minutes", "past", "half past", "quarter"), sample_range=(0, 59)),
        Param("second_hand", "bool", True, description="a thin second hand",
              words=("second hand", "seconds", "no second hand"), p_true=0.6),
    )
    slots = (
        Slot("case", "plastic", color="#1E1E1E", words=("case", "frame", "rim", "bezel", "body"),
             choices=("plastic", "oak", "walnut", "brushed_aluminium", "black_metal", "copper"),
             colors=("#1E1E1E", "#F2F2F2", "#B03A2E", "#2F4A6D"), description="case and bezel"),
        Slot("dial", "paper", color="#F6F4EE", words=("dial", "face", "background"), description="the dial"),
        Slot("hands", "black_metal", words=("hands", "numbers", "numerals", "ticks", "markings"),
             description="hands, numerals and ticks"),
        Slot("second_hand", "painted_metal", color="#C0392B", words=("second hand",), description="the second hand"),
    )
    size = SizeEnvelope(min=(0.15, 0.15, 0.02), max=(0.6, 0.6, 0.08))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R, D, rim = p["diameter"] / 2, p["depth"], min(p["rim_width"], p["diameter"] * 0.12)
        face_y = D * 0.4
        case_prof = [(0.0, 0.0), (R - 0.006, 0.0), (R, 0.006), (R, D - 0.004), (R - 0.004, D),
                     (R - rim + 0.002, D), (R - rim, D - 0.002), (R - rim, face_y), (0.0, face_y)]
        parts: list[tuple[str, Mesh, str]] = [("case", prim.lathe(case_prof, segments=96, crease_deg=40.0), "case")]
        Rd = R - rim
        parts.append(("dial", prim.cylinder(Rd + 0.0005, 0.002, segments=96).translated((0, face_y - 0.001, 0)),
                      "dial"))
        y0 = face_y + 0.001
        marks = self._markers(p["markers"], Rd, y0)
        if marks is not None:
            parts.append(("markers", marks, "hands"))
        h_ang = (p["hour"] % 12 + p["minute"] / 60) * 30.0
        m_ang = p["minute"] * 6.0
        parts.append(("hour_hand", self._hand(Rd * 0.5, Rd * 0.055, y0 + 0.002), "hands", h_ang))  # type: ignore[arg-type]
        parts.append(("minute_hand", self._hand(Rd * 0.78, Rd * 0.042, y0 + 0.0045), "hands", m_ang))  # type: ignore[arg-type]
        cap = prim.cylinder(Rd * 0.04, 0.009, segments=24, bevel=0.001).translated((0, y0, 0))
        parts.append(("hub", cap, "hands"))
        if p["second_hand"]:
            s_ang = float(rng.uniform(0, 360))
            sec = csg.union(self._hand(Rd * 0.86, Rd * 0.012, y0 + 0.007, tail=0.22),
                            prim.cylinder(Rd * 0.025, 0.0015, segments=20).translated((0, y0 + 0.007, 0)))
            parts.append(("second_hand", sec, "second_hand", s_ang))  # type: ignore[arg-type]
        for item in parts:
            name, mesh, slot = item[0], item[1], item[2]
            if len(item) == 4:
                mesh = tf.rotate(mesh, "y", -float(item[3]))  # type: ignore[misc]
            # lying face-up, 12 o'clock at -Z; stand it up facing +Z
            model.add(name, tf.rotate(mesh, "x", 90.0), self.material(slot))
        return model

    @staticmethod
    def _hand(length: float, width: float, y: float, tail: float = 0.18) -> Mesh:
        """A tapered hand pointing at 12 (-Z), lying flat at height ``y``, with a short counterweight tail."""
        w = width / 2
        outline = np.array([(0.0, -length), (w * 0.35, -length * 0.96), (w, -length * 0.25), (w * 1.1, 0.0),
                            (w * 0.8, length * tail), (-w * 0.8, length * tail), (-w * 1.1, 0.0), (-w, -length * 0.25),
                            (-w * 0.35, -length * 0.96)])
        return prim.extrude(outline, 0.0012, crease_deg=30.0).translated((0, y, 0))

    @staticmethod
    def _markers(style: str, Rd: float, y0: float) -> Mesh | None:
        pieces: list[Mesh] = []
        h = 0.0008
        ticks_r = Rd * 0.93
        if style in ("ticks", "arabic", "roman"):
            for i in range(60):
                major = i % 5 == 0
                if style != "ticks" and not major:
                    length, width = Rd * 0.035, Rd * 0.008
                else:
                    length, width = (Rd * 0.11, Rd * 0.03) if major else (Rd * 0.035, Rd * 0.008)
                if style != "ticks" and major:
                    length, width = Rd * 0.06, Rd * 0.018
                tick = prim.box((width, h, length)).translated((0, y0 + h / 2, -(ticks_r - length / 2)))
                pieces.append(tf.rotate(tick, "y", -i * 6.0))
        if style == "dots":
            for i in range(12):
                r = Rd * (0.05 if i % 3 == 0 else 0.03)
                dot = prim.cylinder(r, h, segments=20).translated((0, y0, -Rd * 0.86))
                pieces.append(tf.rotate(dot, "y", -i * 30.0))
        if style in ("arabic", "roman"):
            glyph_h = Rd * (0.16 if style == "arabic" else 0.13)
            sw = glyph_h * 0.11
            ring = Rd * (0.74 if style == "arabic" else 0.76)
            for i in range(12):
                label = str(12 if i == 0 else i) if style == "arabic" else _ROMAN[i]
                lines: list[np.ndarray] = []
                cursor = 0.0
                for ch in label:
                    glyphs = _DIGITS[ch] if style == "arabic" else _ROMAN_GLYPHS[ch]
                    for pl in glyphs:
                        lines.append(np.asarray(pl) + np.array([cursor, 0.0]))
                    cursor += 1.2 if style == "arabic" else _ADVANCE[ch]
                total_w = cursor - (0.2 if style == "arabic" else 0.0)
                # glyph space (x right, y up) -> dial (x right, -z up), scaled and centred on the hour position
                ang = np.radians(i * 30.0)
                cx, cz = ring * np.sin(ang), -ring * np.cos(ang)
                placed = [np.stack([cx + (pl[:, 0] - total_w / 2) * glyph_h / 1.6,
                                    cz - (pl[:, 1] - 0.8) * glyph_h / 1.6], axis=1) for pl in lines]
                pieces.append(_strokes(placed, sw, h, y0))
        return concatenate(pieces) if pieces else None
