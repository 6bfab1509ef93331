"""Constructive solid geometry through manifold3d (Manifold library by Emmett Lalish et al.).

UVs ride along as vertex properties, so a mug body minus its cavity keeps the body's and the
cavity's analytic UVs; normals are recomputed afterwards with the usual crease rule. Inputs must be
closed and manifold (every primitive in :mod:`meshforge.geometry.primitives` is); the result is too.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce

import manifold3d
import numpy as np

from meshforge.geometry.mesh import DEFAULT_CREASE_DEG, Mesh

#: Length (m) below which manifold3d collapses edges and swaps away slivers in boolean results; kept
#: above the weld tolerance (1e-6 m) so no two distinct output vertices weld together.
CSG_TOLERANCE = 2e-6


def to_manifold(mesh: Mesh, tolerance: float = CSG_TOLERANCE) -> manifold3d.Manifold:
    """Convert a closed mesh; seam-split vertices are declared as merge pairs. Raises ValueError if not manifold.

    ``tolerance`` (meters) is handed to manifold3d, whose boolean clean-up then removes triangles
    thinner than it (slivers where two surfaces cross almost at a vertex).
    """
    weld = mesh.weld_map()
    first = np.full(weld.max() + 1, -1, dtype=np.int64)
    # first vertex index at each welded position
    order = np.arange(len(weld))[::-1]
    first[weld[order]] = order
    merge_from = np.flatnonzero(first[weld] != np.arange(len(weld)))
    merge_to = first[weld[merge_from]]
    uvs = mesh.uvs if mesh.uvs is not None else np.zeros((mesh.vertex_count, 2))
    props = np.ascontiguousarray(np.concatenate([mesh.vertices, uvs], axis=1), dtype=np.float64)
    gl = manifold3d.Mesh64(
        vert_properties=props,
        tri_verts=np.ascontiguousarray(mesh.faces, dtype=np.uint64),
        merge_from_vert=np.ascontiguousarray(merge_from, dtype=np.uint64),
        merge_to_vert=np.ascontiguousarray(merge_to, dtype=np.uint64),
    )
    solid = manifold3d.Manifold(gl)
    if solid.status() != manifold3d.Error.NoError:
        raise ValueError(f"mesh is not a closed manifold ({solid.status()}); CSG needs closed solids")
    return solid.set_tolerance(tolerance)


def from_manifold(solid: manifold3d.Manifold, crease_deg: float = DEFAULT_CREASE_DEG) -> Mesh:
    """Convert back, keeping UV properties and recomputing normals."""
    gl = solid.to_mesh64()
    props = np.asarray(gl.vert_properties, dtype=np.float64)
    faces = np.asarray(gl.tri_verts, dtype=np.int64).reshape(-1, 3)
    uvs = props[:, 3:5] if props.shape[1] >= 5 else None
    mesh = Mesh(props[:, :3], faces, None, uvs)
    return mesh.without_degenerate().compact().with_normals(crease_deg)


#: Thinnest triangle (m) a boolean result may keep; thinner ones trigger a perturbed retry.
MIN_FACE_HEIGHT = 1e-8
#: Deterministic nudges (m) tried, in order, when a result has slivers (see :func:`_boolean`).
_NUDGES = np.array([[3.7e-6, 2.3e-6, -1.9e-6], [-2.9e-6, 4.1e-6, 3.1e-6], [5.3e-6, -3.7e-6, 4.7e-6]])


def _combine(solids: list[manifold3d.Manifold], op: manifold3d.OpType) -> manifold3d.Manifold:
    if op == manifold3d.OpType.Subtract:
        return reduce(lambda a, b: a - b, solids)
    return manifold3d.Manifold.batch_boolean(solids, op)


def _boolean(meshes: Sequence[Mesh], op: manifold3d.OpType, crease_deg: float) -> Mesh:
    """Run a boolean; if the result has sliver triangles, retry with the later operands nudged.

    Slivers come from near-coincidences (a cutting curve passing within nanometres of a vertex) that
    manifold3d's clean-up cannot always collapse without changing topology. Moving the other operands
    by a few micrometres (far below anything visible or printable) breaks the coincidence; the nudges
    are fixed, so results stay deterministic.
    """
    if not meshes:
        raise ValueError("need at least one mesh")
    solids = [to_manifold(m) for m in meshes]
    if len(solids) == 1:
        return from_manifold(solids[0], crease_deg)
    result = from_manifold(_combine(solids, op), crease_deg)
    for nudge in _NUDGES:
        if not result.triangle_count or result.face_heights().min() > MIN_FACE_HEIGHT:
            break
        moved = [solids[0]] + [s.translate(tuple(nudge * (i + 1))) for i, s in enumerate(solids[1:])]
        result = from_manifold(_combine(moved, op), crease_deg)
    return result


def union(*meshes: Mesh, crease_deg: float = DEFAULT_CREASE_DEG) -> Mesh:
    """Boolean union of closed meshes."""
    return _boolean(meshes, manifold3d.OpType.Add, crease_deg)


def difference(base: Mesh, *cutters: Mesh, crease_deg: float = DEFAULT_CREASE_DEG) -> Mesh:
    """``base`` minus every cutter."""
    return _boolean([base, *cutters], manifold3d.OpType.Subtract, crease_deg)


def intersection(*meshes: Mesh, crease_deg: float = DEFAULT_CREASE_DEG) -> Mesh:
    """Boolean intersection of closed meshes."""
    return _boolean(meshes, manifold3d.OpType.Intersect, crease_deg)


def is_manifold(mesh: Mesh) -> bool:
    """True when manifold3d accepts the mesh as a closed 2-manifold."""
    try:
        to_manifold(mesh)
    except ValueError:
        return False
    return True
