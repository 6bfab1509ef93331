"""Picture frame: a mitred moulding (a profile lofted round the four corners, so each corner is a true 45 degree
mitre), an optional mat (passe-partout), the picture itself as its own material slot, and an optional easel
strut so it stands leaning back on a desk (without it, it hangs flat against a wall).

Default: a frame for a 13 x 18 cm photo in landscape, 2.5 cm oak moulding, with a white mat and an easel strut.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import primitives as prim
from meshforge.geometry import transform as tf
from meshforge.geometry.mesh import Mesh

# photo sizes (long side, short side) in meters
PHOTO_SIZES = {"10x15": (0.15, 0.10), "13x18": (0.18, 0.13), "20x25": (0.25, 0.20), "a4": (0.297, 0.21),
               "30x40": (0.40, 0.30), "50x70": (0.70, 0.50)}
PROFILES = {
    # (inward distance / frame width, height / frame depth) from the outer back edge round to the inner back edge
    "flat": [(0.0, 0.0), (0.0, 0.92), (0.04, 1.0), (0.96, 1.0), (1.0, 0.92), (1.0, 0.0)],
    "rounded": [(0.0, 0.0), (0.0, 0.7), (0.08, 0.9), (0.25, 1.0), (0.5, 0.97), (0.75, 0.85), (0.92, 0.7),
                (1.0, 0.6), (1.0, 0.0)],
    "ornate": [(0.0, 0.0), (0.0, 0.55), (0.06, 0.75), (0.14, 0.8), (0.2, 1.0), (0.34, 1.0), (0.42, 0.85),
               (0.55, 0.8), (0.7, 0.92), (0.82, 0.8), (0.9, 0.66), (1.0, 0.6), (1.0, 0.0)],
}


@register
class PictureFrameGenerator(Generator):
    id = "picture_frame"
    name = "Picture frame"
    family = "decor"
    synonyms = ("photo frame", "frame", "photograph frame", "picture", "framed picture", "framed photo",
                "art frame", "poster frame", "portrait frame", "desk frame", "wall frame")
    description = (
        "A picture frame: a mitred flat, rounded or ornate moulding round a photo or print, an optional white "
        "mat (passe-partout), landscape or portrait, standing on a desk on an easel strut or hanging on a wall."
    )
    tags = ("decor", "interior", "gaming", "product")
    params = (
        Param("photo_size", "choice", "13x18", choices=tuple(PHOTO_SIZES),
              description="size of the picture (cm, or A4)",
              words=("small", "large", "poster", "10x15", "13x18", "a4", "20x25", "30x40", "50x70")),
        Param("orientation", "choice", "landscape", choices=("landscape", "portrait"),
              description="landscape (wide) or portrait (tall)", words=("landscape", "portrait", "wide", "tall")),
        Param("frame_width", "float", 0.025, 0.008, 0.08, "m", description="width of the moulding",
              words=("wide frame", "thin frame", "chunky", "slim"), sample_range=(0.015, 0.04)),
        Param("frame_depth", "float", 0.018, 0.008, 0.05, "m", description="depth of the moulding",
              words=("deep", "shallow"), sample_range=(0.012, 0.025)),
        Param("profile", "choice", "rounded", choices=tuple(PROFILES), description="moulding profile",
              words=("flat", "rounded", "ornate", "modern", "classic", "baroque")),
        Param("mat", "bool", True, description="white mat (passe-partout) round the picture",
              words=("mat", "matted", "passe-partout", "mount", "no mat"), p_true=0.6),
        Param("mat_width", "float", 0.03, 0.01, 0.08, "m", description="width of the mat border",
              words=("wide mat", "narrow mat"), sample_range=(0.02, 0.05)),
        Param("stand", "bool", True, description="easel strut at the back so it stands on a desk",
              words=("standing", "desk", "easel", "hanging", "wall"), p_true=0.5),
    )
    slots = (
        Slot("frame", "oak", words=("frame", "moulding", "molding", "border"),
             choices=("oak", "walnut", "painted_wood", "gold", "black_metal", "brushed_aluminium", "pine"),
             description="the moulding and strut"),
        Slot("picture", "paper", color="#6F93B8", words=("picture", "photo", "print", "image", "art"),
             colors=("#6F93B8", "#7FA36B", "#C98A5B", "#8C6FA8", "#D9C27A"), description="the picture"),
        Slot("mat", "paper", color="#F4F1EA", words=("mat", "passe-partout", "mount"), description="the mat"),
    )
    size = SizeEnvelope(min=(0.1, 0.1, 0.008), max=(0.9, 0.9, 0.45))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        long_side, short_side = PHOTO_SIZES[p["photo_size"]]
        pw, ph = (long_side, short_side) if p["orientation"] == "landscape" else (short_side, long_side)
        fw, fd = p["frame_width"], p["frame_depth"]
        mw = p["mat_width"] if p["mat"] else 0.0
        open_w, open_h = (pw + 2 * mw, ph + 2 * mw) if p["mat"] else (pw - 0.006, ph - 0.006)
        ow, oh = open_w + 2 * fw, open_h + 2 * fw
        frame = self._moulding(ow, oh, fw, fd, p["profile"])
        z_pic = fd * 0.3
        lip = 0.006
        parts: list[tuple[str, Mesh, str]] = [("frame", frame, "frame")]
        picture = prim.box((pw, ph, 0.0015)).translated((0, oh / 2, z_pic + 0.00075))
        if p["mat"]:
            outer = prim.rounded_rectangle(open_w + 2 * lip, open_h + 2 * lip, 0.0)
            hole = prim.rounded_rectangle(pw - 0.006, ph - 0.006, 0.0)
            mat = prim.extrude(outer, 0.0016, holes=[hole], crease_deg=30.0)
            # extrude builds in XZ; stand the mat up so its face points to +Z
            mat = tf.rotate(mat, "x", 90.0).translated((0, oh / 2, z_pic + 0.0015))
            parts.append(("mat", mat, "mat"))
        else:
            picture = prim.box((pw, ph, 0.0015)).translated((0, oh / 2, z_pic + 0.00075))
        parts.append(("picture", picture, "picture"))
        backing = prim.box((open_w + 2 * lip, open_h + 2 * lip, 0.003)).translated((0, oh / 2, z_pic - 0.0015))
        parts.append(("backing", backing, "frame"))
        if p["stand"]:
            tilt = 12.0
            strut_top = oh * 0.62
            parts = [(n, tf.rotate(m, "x", -tilt), s) for n, m, s in parts]
            hinge = np.array([0.0, strut_top * np.cos(np.radians(tilt)) - 0.0015 * np.sin(np.radians(tilt)),
                              -strut_top * np.sin(np.radians(tilt)) - 0.0015])
            foot = np.array([0.0, 0.0, hinge[2] - hinge[1] * 0.45])
            d = foot - hinge
            length = float(np.linalg.norm(d))
            strut = prim.box((min(0.05, ow * 0.3), length, 0.003), bevel=0.001).translated((0, -length / 2, -0.0015))
            m = np.eye(4)
            m[:3, :3] = prim.align_y_to(-d)
            m[:3, 3] = hinge
            parts.append(("strut", strut.transformed(m), "frame"))
        for name, mesh, slot in parts:
            model.add(name, mesh, self.material(slot))
        return model

    @staticmethod
    def _moulding(ow: float, oh: float, fw: float, fd: float, profile: str) -> Mesh:
        prof = np.asarray(PROFILES[profile]) * (fw, fd)
        rings = []
        # corners counter-clockwise seen from the front: each ring is the profile laid along the inward diagonal
        for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
            cx, cy = sx * ow / 2, oh / 2 + sy * oh / 2
            rings.append(np.stack([cx - sx * prof[:, 0], cy - sy * prof[:, 0], prof[:, 1]], axis=1))
        return prim.loft(rings, closed=True, along_path=True, crease_deg=40.0)
