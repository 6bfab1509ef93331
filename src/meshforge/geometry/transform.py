"""Placement helpers: matrices, translate/rotate/scale, mirror and arrays.

Matrices are 4x4 affine, column vectors (``p' = M @ p``), meters and degrees, as in glTF nodes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from meshforge.geometry.mesh import Mesh, concatenate

_AXES = {"x": 0, "y": 1, "z": 2}


def translation(offset: Sequence[float]) -> np.ndarray:
    m = np.eye(4)
    m[:3, 3] = offset
    return m


def rotation(axis: str | Sequence[float], degrees: float) -> np.ndarray:
    """Rotation by ``degrees`` (right-handed) about ``axis`` ('x', 'y', 'z' or a 3-vector) through the origin."""
    if isinstance(axis, str):
        v = np.zeros(3)
        v[_AXES[axis.lower()]] = 1.0
    else:
        v = np.asarray(axis, dtype=np.float64)
        v = v / np.linalg.norm(v)
    t = np.radians(degrees)
    k = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
    m = np.eye(4)
    m[:3, :3] = np.eye(3) + np.sin(t) * k + (1 - np.cos(t)) * k @ k
    return m


def scaling(factors: float | Sequence[float]) -> np.ndarray:
    m = np.eye(4)
    m[:3, :3] = np.diag(np.broadcast_to(np.asarray(factors, dtype=np.float64), (3,)))
    return m


def translate(mesh: Mesh, offset: Sequence[float]) -> Mesh:
    return mesh.transformed(translation(offset))


def rotate(mesh: Mesh, axis: str | Sequence[float], degrees: float, about: Sequence[float] = (0, 0, 0)) -> Mesh:
    about = np.asarray(about, dtype=np.float64)
    return mesh.transformed(translation(about) @ rotation(axis, degrees) @ translation(-about))


def scale(mesh: Mesh, factors: float | Sequence[float]) -> Mesh:
    """Scale about the origin (non-uniform allowed; UVs are kept, so tiling density changes with it)."""
    return mesh.transformed(scaling(factors))


def mirror(mesh: Mesh, axis: str = "x") -> Mesh:
    """Mirror across the plane through the origin normal to ``axis``; faces stay outward."""
    f = np.ones(3)
    f[_AXES[axis]] = -1.0
    return mesh.transformed(scaling(f))


def linear_array(mesh: Mesh, count: int, step: Sequence[float]) -> list[Mesh]:
    """``count`` copies, the i-th moved by ``i * step`` meters."""
    step = np.asarray(step, dtype=np.float64)
    return [translate(mesh, step * i) for i in range(count)]


def radial_array(
    mesh: Mesh, count: int, *, axis: str = "y", center: Sequence[float] = (0, 0, 0), start_deg: float = 0.0
) -> list[Mesh]:
    """``count`` copies rotated evenly about ``axis`` through ``center``."""
    return [rotate(mesh, axis, start_deg + 360.0 * i / count, center) for i in range(count)]


def merge(meshes: Sequence[Mesh]) -> Mesh:
    """Concatenate disjoint closed meshes into one part (use :func:`meshforge.geometry.csg.union` if they overlap)."""
    return concatenate(meshes)
