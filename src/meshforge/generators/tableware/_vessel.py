"""Profiles for turned and thrown vessels (bowls, glasses, pots, jars, vases, buckets, cans).

A profile is an (N, 2) array of (radius, height) points in meters for :func:`meshforge.geometry.primitives.lathe`.
:func:`shell_profile` turns an outer curve into a hollow, open-topped wall of constant thickness with a
rounded rim, by offsetting the curve along its normals (miter join).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def spline(points: Sequence[Sequence[float]], samples: int = 48) -> np.ndarray:
    """A centripetal-free uniform Catmull-Rom curve through ``points`` ((K, 2)), resampled to ``samples`` points."""
    p = np.asarray(points, dtype=np.float64)
    if len(p) < 3:
        t = np.linspace(0.0, 1.0, samples)[:, None]
        return p[0] * (1 - t) + p[-1] * t
    ext = np.vstack([2 * p[0] - p[1], p, 2 * p[-1] - p[-2]])
    seg = len(p) - 1
    u = np.linspace(0.0, seg, samples)
    i = np.minimum(u.astype(int), seg - 1)
    t = (u - i)[:, None]
    p0, p1, p2, p3 = ext[i], ext[i + 1], ext[i + 2], ext[i + 3]
    return 0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2 + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3)


def offset_curve(curve: np.ndarray, distance: float) -> np.ndarray:
    """Move each point of an open 2D curve ``distance`` to the left of its direction of travel (miter)."""
    d = np.diff(curve, axis=0)
    d /= np.maximum(np.linalg.norm(d, axis=1, keepdims=True), 1e-300)
    n_seg = np.stack([-d[:, 1], d[:, 0]], axis=1)
    n = np.vstack([n_seg[:1], n_seg[:-1] + n_seg[1:], n_seg[-1:]])
    n /= np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-300)
    cosang = np.clip(np.einsum("ij,ij->i", n, np.vstack([n_seg[:1], n_seg])), 0.5, 1.0)
    return curve + n * (distance / cosang)[:, None]


def rim_arc(outer_end: np.ndarray, inner_end: np.ndarray, tangent: np.ndarray, n: int = 8) -> np.ndarray:
    """Half-round bead from the outer rim point to the inner one, bulging along ``tangent`` (interior points)."""
    c = (outer_end + inner_end) / 2
    a = outer_end - c
    t = tangent / max(np.linalg.norm(tangent), 1e-300) * np.linalg.norm(a)
    th = np.linspace(0.0, np.pi, n + 1)[1:-1, None]
    return c + a * np.cos(th) + t * np.sin(th)


def shell_profile(outer: Sequence[Sequence[float]], wall: float, *, floor: float | None = None,
                  hollow_from: int = 0) -> np.ndarray:
    """Lathe profile of a hollow vessel open at the top.

    Args:
        outer: (N, 2) outer curve from the axis at the bottom (r = 0) up to the rim, travelling outward/up.
        wall: wall thickness (m).
        floor: inside floor height; default: the outer bottom plus ``wall``.
        hollow_from: index of the outer point where the cavity begins (e.g. the top of a wine glass stem).
    """
    o = np.asarray(outer, dtype=np.float64)
    inner = offset_curve(o, wall)
    inner = inner[hollow_from:]
    y_floor = o[hollow_from, 1] + wall if floor is None else floor
    inner = inner[inner[:, 1] > y_floor + 1e-4]
    inner = inner[inner[:, 0] > 1e-4]
    tangent = o[-1] - o[-2]
    bead = rim_arc(o[-1], inner[-1], tangent)
    start = np.array([[0.0, y_floor], [max(inner[0, 0] * 0.5, 1e-4), y_floor]])
    return np.vstack([o, bead, inner[::-1], start[::-1]])


def liquid_profile(profile: np.ndarray, n_outer: int, floor: float, level: float, gap: float = 0.0006) -> np.ndarray | None:
    """Lathe profile of a liquid filling a :func:`shell_profile` vessel from ``floor`` up to ``level``.

    ``n_outer`` is the number of outer points the shell profile started with.
    """
    inner = profile[n_outer:]
    inner = inner[(inner[:, 1] < level) & (inner[:, 1] > floor + 1e-4) & (inner[:, 0] > gap + 1e-4)]
    if len(inner) < 2:
        return None
    inner = inner[np.argsort(inner[:, 1])]
    r_floor = float(inner[0, 0])
    r_level = float(np.interp(level, inner[:, 1], inner[:, 0]))
    pts = np.vstack([[(0.0, floor + 0.0003), (r_floor - gap, floor + 0.0003)], inner - np.array([gap, 0.0]),
                     [(r_level - gap, level), (0.0, level)]])
    keep = np.r_[True, np.diff(pts[:, 1]) > 1e-6]
    keep[-1] = True
    pts = pts[keep]
    pts[:, 0] = np.maximum(pts[:, 0], 0.0)
    return pts
