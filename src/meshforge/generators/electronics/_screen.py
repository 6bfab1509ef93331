"""Shared pieces of the electronics family: upright slabs with rounded corners and dark glossy screens."""

from __future__ import annotations

import numpy as np

from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.transform import rotation

#: extrude's (u, ext, -v) -> (u, v, ext): outlines drawn facing the viewer, extruded toward +Z
FACE = rotation("x", 90.0)
INCH = 0.0254


def upright_slab(width: float, height: float, depth: float, radius: float, *, bevel: float = 0.0,
                 segments: int = 6) -> Mesh:
    """A rounded-rectangle slab facing +Z, centred on x = 0, bottom at y = 0, from z = -depth/2 to +depth/2."""
    outline = prim.rounded_rectangle(width, height, radius, segments=segments) * [1.0, -1.0]
    # the miter-offset bevel must stay well inside the corner rounding, or its rings cross
    m = prim.extrude(outline, depth, bevel=min(bevel, depth * 0.45, radius * 0.6), bevel_segments=3)
    return m.transformed(FACE).translated((0, height / 2, -depth / 2))


def screen_size(diagonal_in: float, aspect: float) -> tuple[float, float]:
    """(width, height) in meters of a screen of ``diagonal_in`` inches and width/height ``aspect``."""
    d = diagonal_in * INCH
    h = d / np.sqrt(1 + aspect ** 2)
    return h * aspect, h
