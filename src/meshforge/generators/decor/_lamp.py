"""Shared lamp parts: a lamp shade (drum, cone/empire or dome) as an open thin shell, and a bulb."""

from __future__ import annotations

import numpy as np

from meshforge.generators.tableware._vessel import shell_profile, spline
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh

SHADE_STYLES = ("drum", "empire", "dome")


def shade(style: str, bottom_r: float, top_r: float, height: float, wall: float = 0.002) -> Mesh:
    """A lamp shade open at the bottom and with a ring opening at the top, standing on y = 0."""
    if style == "dome":
        t = np.linspace(0.0, np.pi / 2, 16)
        curve = np.stack([bottom_r * np.cos(t) + 0.015 * np.sin(t), height * np.sin(t)], axis=1)[::-1]
        curve = curve[curve[:, 0] > 0.012]
        curve = np.vstack([[(0.0, height)], curve])
        # a dome: flip to an open-bottom shell by building it as a vessel upside down
        flipped = np.stack([curve[:, 0], height - curve[:, 1]], axis=1)
        prof = shell_profile(flipped, wall, floor=wall)
        prof[:, 1] = height - prof[:, 1]
        return prim.lathe(prof[::-1], segments=48, crease_deg=60.0)
    top_r = min(top_r, bottom_r * 0.6) if style == "empire" else bottom_r * 0.96
    ring_o = np.array([(bottom_r, 0.0), (top_r, height)])
    side = spline(ring_o, 6)
    d = side[-1] - side[0]
    n = np.array([-d[1], d[0]]) / np.linalg.norm(d) * wall
    inner = side + n
    outline = np.vstack([side, inner[::-1]])
    return prim.lathe(outline, segments=48, closed=True, crease_deg=60.0)


def bulb(radius: float = 0.03) -> Mesh:
    """A pear-shaped light bulb with its screw base standing on y = 0."""
    r = radius
    t = np.linspace(-np.pi / 2, np.pi / 2, 12)
    globe = np.stack([r * np.cos(t), r * 1.2 + r * np.sin(t)], axis=1)
    prof = np.vstack([[(0.0, 0.0), (r * 0.42, 0.0), (r * 0.42, r * 0.4)], globe[globe[:, 1] > r * 0.45][:: 1]])
    prof = np.vstack([prof[:3], np.array(sorted(prof[3:].tolist(), key=lambda q: q[1])), [(0.0, r * 2.2)]])
    return prim.lathe(prof, segments=24, crease_deg=80.0)
