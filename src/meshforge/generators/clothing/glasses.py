"""Glasses: eyeglasses or sunglasses: a front frame with two lens rims joined by a bridge, lenses
(clear or dark), nose pads, hinges and two temples that bend down behind the ears.

Lens shapes: round, rectangular, aviator (teardrop) or cat-eye. Default: rectangular eyeglasses,
52 mm lenses with an 18 mm bridge (frame about 140 mm wide) and 140 mm temples. Worn facing +Z;
the temples run back toward -Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.clothing._shapes import bent_tube
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh, concatenate
from meshforge.geometry.transform import rotation

#: extrude's (u, ext, -v) -> (u, v, ext): outlines drawn in the frame's plane, extruded toward +Z
_FACE = rotation("x", 90.0)


def lens_outline(shape: str, width: float, height: float, n: int = 48) -> np.ndarray:
    """Counter-clockwise (x, y) outline of the right lens (seen from the front), centred on the origin."""
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    a, b = width / 2, height / 2
    if shape == "round":
        r = min(a, b * 1.15)
        return np.stack([r * np.cos(t), r * np.sin(t)], axis=1)
    if shape == "rectangle":
        e = 4.0  # superellipse exponent: a soft rectangle
        c, s = np.cos(t), np.sin(t)
        return np.stack([a * np.sign(c) * np.abs(c) ** (2 / e), b * np.sign(s) * np.abs(s) ** (2 / e)], axis=1)
    if shape == "aviator":
        c, s = np.cos(t), np.sin(t)
        y = np.where(s > 0, b * 0.8 * s, b * 1.2 * s)  # deeper below
        x = a * c * (1 - 0.18 * np.clip(-s, 0, 1) * np.clip(c, 0, 1))  # the inner-bottom corner tucks in
        return np.stack([x, y + b * 0.15], axis=1)
    # cat-eye: the outer top corner swept up
    c, s = np.cos(t), np.sin(t)
    x = a * np.sign(c) * np.abs(c) ** 0.8
    y = b * np.sign(s) * np.abs(s) ** 0.9 + b * 0.35 * np.clip(c, 0, 1) ** 3 * np.clip(s, 0, 1)
    return np.stack([x, y], axis=1)


def _face_extrude(outline: np.ndarray, thickness: float, holes: list[np.ndarray] | None = None,
                  bevel: float = 0.0) -> Mesh:
    flip = np.array([1.0, -1.0])
    m = prim.extrude(outline * flip, thickness, holes=[h * flip for h in holes or []], bevel=bevel, bevel_segments=2)
    return m.transformed(_FACE)


@register
class GlassesGenerator(Generator):
    id = "glasses"
    name = "Glasses"
    family = "clothing"
    synonyms = ("eyeglasses", "spectacles", "sunglasses", "shades", "specs", "aviators", "reading glasses",
                "cat eye glasses", "eyewear")
    description = (
        "A pair of glasses: eyeglasses with clear lenses or sunglasses with dark ones; round, rectangular, aviator "
        "or cat-eye lens shape; front frame with rims and bridge, nose pads, and temples bent behind the ears."
    )
    tags = ("clothing", "fashion", "accessory", "product", "character")
    params = (
        Param("kind", "choice", "eyeglasses", choices=("eyeglasses", "sunglasses"), description="clear or dark lenses",
              words=("eyeglasses", "spectacles", "sunglasses", "shades")),
        Param("lens_shape", "choice", "rectangle", choices=("rectangle", "round", "aviator", "cat_eye"),
              description="lens outline", words=("round", "rectangular", "aviator", "cat eye", "oval")),
        Param("lens_width", "float", 0.052, 0.04, 0.062, "m", description="lens width (52 mm)",
              words=("big lenses", "small lenses", "oversized"), sample_range=(0.048, 0.056)),
        Param("lens_height", "float", 0.038, 0.028, 0.055, "m", description="lens height (38 mm)",
              words=("tall lenses", "narrow lenses"), sample_range=(0.034, 0.044)),
        Param("bridge", "float", 0.018, 0.012, 0.024, "m", description="bridge width between the lenses (18 mm)",
              words=("wide bridge", "narrow bridge"), sample_range=(0.016, 0.02)),
        Param("rim", "float", 0.004, 0.0012, 0.008, "m", description="rim width around each lens (thin wire to thick acetate)",
              words=("thick frame", "thin frame", "wire frame", "bold"), sample_range=(0.002, 0.006)),
    )
    slots = (
        Slot("frame", "glossy_plastic", color="#1B1B1B", words=("frame", "frames", "rims", "temples", "arms"),
             choices=("glossy_plastic", "gold", "black_metal", "chrome", "matte_plastic"),
             colors=("#1B1B1B", "#5B3A24", "#8A1C2B", "#2D4A6B", "#C8A96A"), description="frame and temples"),
        Slot("lenses", "glass", words=("lenses", "lens", "glass", "clear lenses"), description="clear lenses (eyeglasses)"),
        Slot("tint", "glossy_plastic", color="#1A1F26", words=("tinted lenses", "dark lenses", "sunglass lenses", "mirrored"),
             colors=("#1A1F26", "#3B2A1E", "#1E3326", "#2A3550"), description="tinted lenses (sunglasses)"),
        Slot("pads", "glossy_plastic", color="#E6E0D0", words=("nose pads", "pads", "hinges"),
             description="nose pads and hinge pins"),
    )
    size = SizeEnvelope(min=(0.1, 0.03, 0.1), max=(0.2, 0.07, 0.2))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        lw = p["lens_width"]
        lh = p["lens_height"]
        rim = p["rim"]
        br = p["bridge"]
        cx = br / 2 + lw / 2 + rim * 0.5
        lens = lens_outline(p["lens_shape"], lw, lh)
        outer = prim.offset_polygon(lens, -rim)
        ft = max(rim * 0.9, 0.0025)  # frame thickness (front to back)
        rims = []
        for sx in (-1, 1):
            pts = lens * [sx, 1] + [sx * cx, 0]
            out = outer * [sx, 1] + [sx * cx, 0]
            if sx < 0:
                pts, out = pts[::-1], out[::-1]
            rims.append(_face_extrude(out, ft, holes=[pts], bevel=min(rim * 0.3, 0.001)))
        top_y = float(lens[:, 1].max())
        bridge_path = np.array([(-cx + lw * 0.42, top_y * 0.45, ft / 2), (-br * 0.3, top_y * 0.62, ft / 2),
                                (br * 0.3, top_y * 0.62, ft / 2), (cx - lw * 0.42, top_y * 0.45, ft / 2)])
        bridge = prim.sweep(prim.circle(max(rim * 0.45, 0.0012), 10), bridge_path)
        # hinges (end pieces) at the outer ends of the rims
        ex = cx + lw / 2 + rim * 0.6
        ey = float(lens[np.argmax(lens[:, 0]), 1]) + lh * 0.12
        hinges, temples, pads = [], [], []
        L = 0.14
        for sx in (-1, 1):
            hinges.append(prim.box((rim * 1.2 + 0.002, 0.006, 0.012), bevel=0.001).translated((sx * ex, ey, -0.004)))
            t = np.linspace(0, 1, 16)
            z = -0.008 - t * L
            bend = np.clip((t - 0.72) / 0.28, 0, 1)
            path = np.stack([sx * (ex + 0.004 * t), ey - 0.035 * bend ** 1.6, z + 0.012 * bend ** 2], axis=1)
            prof = np.array([(-0.0015, -0.0011), (0.0015, -0.0011), (0.0015, 0.0011), (-0.0015, 0.0011)])
            temples.append(bent_tube(prof * [1.0, 1.0 + rim / 0.004], path))
            pads.append(prim.sphere(0.004, segments=12).transformed(np.diag([0.5, 1.0, 0.8, 1.0])).translated(
                (sx * (br / 2 + 0.002), -lh * 0.15, -0.003)))
        frame = csg.union(*rims, bridge, *hinges, crease_deg=50.0)
        model.add("frame", frame, self.material("frame"))
        # the temples are their own part: they hinge, and they only touch the frame inside the hinge blocks
        model.add("temples", concatenate(temples), self.material("frame"))
        lens_mat = self.material("tint" if p["kind"] == "sunglasses" else "lenses")
        glass = []
        for sx in (-1, 1):
            pts = lens * [sx, 1] + [sx * cx, 0]
            glass.append(_face_extrude(pts if sx > 0 else pts[::-1], 0.0015).translated((0, 0, ft * 0.4)))
        model.add("lenses", concatenate(glass), lens_mat)
        model.add("pads", csg.union(*pads), self.material("pads"))
        return model

