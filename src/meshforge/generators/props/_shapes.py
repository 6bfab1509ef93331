"""Small shape helpers shared by the prop generators (placement shortcuts, hoops, prisms, hulls)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.spatial import ConvexHull

from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh, concatenate
from meshforge.geometry.transform import rotation, translation
from meshforge.geometry.uv import box_project_uvs, planar_uvs

#: cyclic axis permutation (a proper rotation): extrude's (x, y, z) -> (z-up profile, along X)
_TO_X = np.array([[0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0]])


def block(size: Sequence[float], center: Sequence[float], bevel: float = 0.0, segments: int = 2) -> Mesh:
    """A (bevelled) box of ``size`` centred at ``center`` (meters)."""
    return prim.box(size, bevel=bevel, bevel_segments=segments).translated(center)


def turned(mesh: Mesh, axis: str, degrees: float, about: Sequence[float] = (0.0, 0.0, 0.0)) -> Mesh:
    """``mesh`` rotated about ``axis`` through ``about``."""
    a = np.asarray(about, dtype=np.float64)
    return mesh.transformed(translation(a) @ rotation(axis, degrees) @ translation(-a))


def prism_x(profile_zy: Sequence[Sequence[float]], x0: float, x1: float, bevel: float = 0.0) -> Mesh:
    """Extrude a 2D outline given as (z, y) points along +X from ``x0`` to ``x1`` (gables, chest lids)."""
    m = prim.extrude(np.asarray(profile_zy, dtype=np.float64), x1 - x0, bevel=bevel)
    return m.transformed(_TO_X).translated((x0, 0.0, 0.0))


def prism_z(profile_xy: Sequence[Sequence[float]], z0: float, z1: float, bevel: float = 0.0) -> Mesh:
    """Extrude a 2D outline given as (x, y) points along +Z from ``z0`` to ``z1`` (flat cut-out shapes)."""
    pts = np.asarray(profile_xy, dtype=np.float64)
    # extrude works in (x, z) and rises along +Y; -90 degrees about X maps z to y and +Y to -Z
    m = prim.extrude(pts, z1 - z0, bevel=bevel)
    return m.transformed(rotation("x", -90.0)).translated((0.0, 0.0, z1))


def band(radius_at: object, y0: float, y1: float, thickness: float, inset: float = 0.002,
         segments: int = 48, steps: int = 6) -> Mesh:
    """A hoop (metal band) hugging a surface of revolution between heights ``y0`` and ``y1``.

    ``radius_at(y)`` gives the surface radius; the band's inner face sits ``inset`` inside it.
    """
    ys = np.linspace(y0, y1, steps)
    r = np.asarray([radius_at(y) for y in ys], dtype=np.float64)  # a handful of profile points
    outer = np.stack([r + thickness, ys], axis=1)
    inner = np.stack([r - inset, ys], axis=1)[::-1]
    return prim.lathe(np.vstack([inner[-1:], outer, inner[:-1]])[::-1], segments=segments, closed=True,
                      crease_deg=50.0)


def hull(points: np.ndarray, crease_deg: float = 30.0) -> Mesh:
    """Convex hull of (N, 3) points as a closed, outward mesh with box-projected UVs and hard edges."""
    pts = np.asarray(points, dtype=np.float64)
    h = ConvexHull(pts)
    faces = h.simplices.copy()
    tri = pts[faces]
    n = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    centre = pts[h.vertices].mean(axis=0)
    flip = np.einsum("ij,ij->i", n, tri.mean(axis=1) - centre) < 0
    faces[flip] = faces[flip][:, ::-1]
    mesh = Mesh(pts, faces).compact()
    return box_project_uvs(mesh).with_normals(crease_deg)


def merge(meshes: Sequence[Mesh]) -> Mesh:
    """Concatenate disjoint closed meshes into one part."""
    return concatenate(list(meshes))


def tube(path: np.ndarray, radius: float, segments: int = 12) -> Mesh:
    """A round tube swept along a 3D polyline, capped with discs facing along the path's end tangents.

    :func:`primitives.sweep` orients its end caps by the chord from the first to the last ring, which
    points the wrong way on paths that curl back on themselves (a helix of a full turn); here each cap
    faces along its own end tangent.
    """
    pts = np.asarray(path, dtype=np.float64)
    ring2d = prim.circle(radius, segments)
    walls = prim.sweep(ring2d, pts, caps=False)
    tang, normals, binormals = prim.rotation_minimizing_frames(pts)
    caps = []
    for idx, sign in ((0, -1.0), (-1, 1.0)):
        ring = pts[idx] + ring2d[:, :1] * normals[idx] + ring2d[:, 1:] * binormals[idx]
        centre = pts[idx][None, :]
        verts = np.vstack([centre, ring])
        k = len(ring)
        faces = np.stack([np.zeros(k, dtype=np.int64), 1 + np.arange(k), 1 + (np.arange(k) + 1) % k], axis=1)
        cap = Mesh(verts, faces, uvs=planar_uvs(verts, tang[idx] * sign))
        fn = cap.face_normals()
        flip = (fn @ (tang[idx] * sign)) < 0
        cap.faces[flip] = cap.faces[flip][:, ::-1]
        caps.append(cap)
    return concatenate([walls, *caps]).compact().with_normals(60.0)
