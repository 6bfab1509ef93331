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


def to_manifold(mesh: Mesh) -> manifold3d.Manifold:
    """Convert a closed mesh; seam-split vertices are declared as merge pairs. Raises ValueError if not manifold."""
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
    return solid


def from_manifold(solid: manifold3d.Manifold, crease_deg: float = DEFAULT_CREASE_DEG) -> Mesh:
    """Convert back, keeping UV properties and recomputing normals."""
    gl = solid.to_mesh64()
    props = np.asarray(gl.vert_properties, dtype=np.float64)
    faces = np.asarray(gl.tri_verts, dtype=np.int64).reshape(-1, 3)
    uvs = props[:, 3:5] if props.shape[1] >= 5 else None
    mesh = Mesh(props[:, :3], faces, None, uvs)
    return mesh.without_degenerate().compact().with_normals(crease_deg)


def _boolean(meshes: Sequence[Mesh], op: manifold3d.OpType, crease_deg: float) -> Mesh:
    if not meshes:
        raise ValueError("need at least one mesh")
    solids = [to_manifold(m) for m in meshes]
    if len(solids) == 1:
        return from_manifold(solids[0], crease_deg)
    if op == manifold3d.OpType.Subtract:
        result = reduce(lambda a, b: a - b, solids)
    else:
        result = manifold3d.Manifold.batch_boolean(solids, op)
    return from_manifold(result, crease_deg)


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
