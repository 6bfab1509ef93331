"""Shared shapes for cutlery, teapots, buckets and baskets.

* :func:`tube` sweeps a closed profile along an open 3D path with fan caps oriented by the path's own end
  tangents, so U-shaped handles (whose two ends lie side by side) stay outward-facing; ``primitives.sweep``
  orients its caps by the vector between the end rings, which is ambiguous for such paths.
* :func:`flat_part` extrudes a 2D outline (x along the length, z across) into a thin plate lying on y = 0 and
  bends it along its length with a height curve y(x), as cutlery is stamped and then bent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh, concatenate
from meshforge.geometry.primitives import signed_area
from meshforge.geometry.uv import planar_uvs


def _fan(ring: np.ndarray, normal: np.ndarray) -> Mesh:
    """A triangle fan closing ``ring`` ((K, 3), roughly planar) around its centroid, facing ``normal``."""
    centre = ring.mean(axis=0)
    verts = np.vstack([ring, centre])
    k = len(ring)
    i = np.arange(k)
    faces = np.stack([np.full(k, k), i, (i + 1) % k], axis=1)
    m = Mesh(verts, faces, uvs=planar_uvs(verts, normal))
    if (m.face_normals() @ normal).sum() < 0:
        m.faces = m.faces[:, ::-1].copy()
    return m


def tube(path: Sequence[Sequence[float]], profile: Sequence[Sequence[float]] | float, *,
         scales: Sequence[float] | None = None, crease_deg: float = 50.0) -> Mesh:
    """Closed solid swept along an open ``path`` ((P, 3) m) with a ``profile`` ((K, 2) m, or a radius).

    ``scales`` optionally scales the profile per path point (tapering spouts and handles).
    """
    pts = np.asarray(path, dtype=np.float64).reshape(-1, 3)
    prof = prim.circle(float(profile), 16) if np.isscalar(profile) else np.asarray(profile, dtype=np.float64)
    tang, normals, binormals = prim.rotation_minimizing_frames(pts)
    sc = np.ones(len(pts)) if scales is None else np.asarray(scales, dtype=np.float64)
    rings = pts[:, None, :] + sc[:, None, None] * (
        prof[None, :, 0, None] * normals[:, None, :] + prof[None, :, 1, None] * binormals[:, None, :])
    walls = prim.loft(list(rings), cap_start=False, cap_end=False, along_path=True)
    # orient the walls outward: each face should point away from the path point it surrounds
    tri = walls.vertices[walls.faces]
    raw = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    centre = tri.mean(axis=1)
    nearest = np.argmin(np.linalg.norm(centre[:, None, :] - pts[None, :, :], axis=2), axis=1)
    if np.einsum("ij,ij->i", raw, centre - pts[nearest]).sum() < 0:
        walls = walls.flipped()
    caps = [_fan(rings[0], -tang[0]), _fan(rings[-1], tang[-1])]
    walls = type(walls)(walls.vertices, walls.faces, None, walls.uvs)
    mesh = concatenate([walls, *caps])
    return mesh.without_degenerate().compact().with_normals(crease_deg)


def flat_part(outline: np.ndarray, thickness: Callable[[np.ndarray], np.ndarray] | float,
              height: Callable[[np.ndarray], np.ndarray] | None = None, *, holes: Sequence[np.ndarray] = (),
              crease_deg: float = 40.0) -> Mesh:
    """A plate from a (K, 2) outline (x, z): ``thickness`` (m, or a function of x), bent by y += ``height(x)``.

    The outline should be densely sampled (see :func:`resample_outline`) so the bend stays smooth.
    """
    m = prim.extrude(outline, 1.0, holes=holes, crease_deg=crease_deg)
    v = m.vertices.copy()
    t = thickness(v[:, 0]) if callable(thickness) else np.full(len(v), float(thickness))
    v[:, 1] *= t
    if height is not None:
        v[:, 1] += height(v[:, 0])
    uvs = m.uvs.copy() if m.uvs is not None else None
    return Mesh(v, m.faces, None, uvs, m.uv_mode).with_normals(crease_deg)


def half_width_outline(ctrl: Sequence[Sequence[float]], tip: np.ndarray | None = None, samples: int = 60) -> np.ndarray:
    """Symmetric outline from (x, half-width) control points (x rising from a rounded end at x = ctrl[0]).

    ``tip`` optionally replaces the far end: (M, 2) points (x, z) running from z < 0 to z > 0 that join the
    lower side's last point to the upper side's last point (fork tines, blade tips).
    """
    from meshforge.generators.tableware._vessel import spline

    c = spline(ctrl, samples)
    c[:, 1] = np.maximum(c[:, 1], 0.0)
    lower = np.stack([c[:, 0], -c[:, 1]], axis=1)
    upper = np.stack([c[:, 0], c[:, 1]], axis=1)[::-1]
    if c[0, 1] <= 1e-9:
        upper = upper[:-1]
    middle = np.zeros((0, 2)) if tip is None else np.asarray(tip, dtype=np.float64)
    return np.vstack([lower, middle, upper])


def resample_outline(points: Sequence[Sequence[float]], spacing: float, bow: float = 2e-5) -> np.ndarray:
    """Insert points along a closed polygon's edges so no edge is longer than ``spacing`` (keeps corners).

    Inserted points are bowed ``bow`` meters off the straight edge (a shallow arc), because exactly
    collinear points make the cap triangulation emit zero-area triangles that leave holes when dropped.
    """
    p = np.asarray(points, dtype=np.float64)
    q = np.roll(p, -1, axis=0)
    d = q - p
    length = np.linalg.norm(d, axis=1)
    n = np.maximum(np.ceil(length / spacing).astype(int), 1)
    normal = np.stack([d[:, 1], -d[:, 0]], axis=1) / np.maximum(length, 1e-300)[:, None]
    if signed_area(p) < 0:
        normal = -normal
    out = []
    for i in range(len(p)):  # per edge of the outline (tens of edges), not per vertex
        t = np.arange(n[i])[:, None] / n[i]
        out.append(p[i] + d[i] * t + normal[i] * bow * np.sin(np.pi * t))
    return np.vstack(out)


def strip_part(ctrl: Sequence[Sequence[float]], thickness: Callable[[np.ndarray], np.ndarray],
               height: Callable[[np.ndarray], np.ndarray], *, samples: int = 48, roundness: float = 0.4,
               crease_deg: float = 40.0) -> Mesh:
    """A bent strip (cutlery handle) lofted through rounded cross-sections along x.

    ``ctrl`` are (x, half-width) control points (x rising; a zero half-width at the start gives a rounded end);
    ``thickness(x)`` and ``height(x)`` (bottom of the section) are in meters. Lofting keeps every face small, so
    the bend stays smooth and the part never folds through itself as a bent extrusion can.
    """
    from meshforge.generators.tableware._vessel import spline

    c = spline(ctrl, samples)
    keep = np.r_[True, np.diff(c[:, 0]) > 1e-6]
    c = c[keep]
    c = c[c[:, 1] > 1e-4 * max(float(c[:, 1].max()), 1e-9)]
    xs, hw = c[:, 0], c[:, 1]
    t = thickness(xs)
    y = height(xs)
    sec = prim.rounded_rectangle(1.0, 1.0, 0.5 * roundness, 3)  # (u across, v up) in [-0.5, 0.5]
    rings = [np.stack([np.full(len(sec), x), yy + (sec[:, 1] + 0.5) * tt, sec[:, 0] * 2 * w], axis=1)
             for x, w, tt, yy in zip(xs, hw, t, y, strict=True)]
    return prim.loft(rings, along_path=True, crease_deg=crease_deg)
