"""Optimal vertex placement after an edge collapse that kept input vertices (Garland and Heckbert 1997).

The meshoptimizer 0.23 bundled with the PyPI ``meshoptimizer`` wrapper (the fallback where meshoptimizer
1.0's ``meshopt_simplifyWithUpdate`` cannot load, :mod:`meshforge.geometry.meshopt`) collapses every
edge onto one of its two ends and never moves a vertex, so a coarse level lies on the original vertices
rather than near the original surface (STACK.md: its error is 2-4x PyMeshLab's, whose collapse places
each vertex at its quadric optimum). :func:`place_vertices` recovers most of that difference
afterwards, vectorised with numpy:

1. Each original face contributes its plane quadric, weighted by area, to its three corners.
2. Each original position hands its quadric to the level position it most likely collapsed into: the
   nearest of a few nearest level positions whose normal faces the same way (thin sheets do not pull
   each other).
3. Each level position moves to ``argmin Q(v) + lam |v - v0|^2`` (the regulariser keeps it in place
   along directions the quadric does not constrain, such as within a plane), solved as a batch of 3x3
   systems. Open-border positions stay fixed (neighbouring parts and tiles must still meet); positions
   on a UV or normal seam only slide along the seam line (both sides of the seam move together, as they
   share the position); seam corners stay fixed.
4. Each move is clamped to a fraction of the position's shortest incident edge, and moves that flip or
   fold a face are halved, repeatedly, then dropped.

UVs and normals are not changed: every level vertex keeps the UV of its original vertex, so no face
borrows texture from another chart; topology is not changed, so a watertight level stays watertight.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from meshforge.geometry.mesh import Mesh
from meshforge.lod import topology

#: Regulariser weight relative to the mean quadric eigenvalue (trace / 3).
REGULARISE = 1e-3
#: Largest move, as a fraction of the position's shortest incident edge in the level.
MAX_MOVE = 0.5
#: A face whose normal turns by more than this (cosine) is taken as flipped.
MIN_COS = 0.2
#: Candidates per original position when looking for the level position it collapsed into.
CANDIDATES = 4


def _face_quadrics(vertices: np.ndarray, wfaces: np.ndarray) -> np.ndarray:
    """(M, 10) area-weighted plane quadrics: A (xx, xy, xz, yy, yz, zz), b (x, y, z), c."""
    tri = vertices[wfaces]
    n = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    length = np.linalg.norm(n, axis=1)
    area = 0.5 * length
    unit = np.where(length[:, None] > 0, n / np.maximum(length, 1e-300)[:, None], 0.0)
    d = -np.einsum("ij,ij->i", unit, tri[:, 0])
    x, y, z = unit[:, 0], unit[:, 1], unit[:, 2]
    q = np.stack([x * x, x * y, x * z, y * y, y * z, z * z, -d * x, -d * y, -d * z, d * d], axis=1)
    return q * area[:, None]


def _accumulate(index: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
    """Row sums of ``values`` grouped by ``index`` (bincount per column)."""
    return np.stack([np.bincount(index, weights=values[:, k], minlength=count) for k in range(values.shape[1])],
                    axis=1)


def _vertex_normals(positions: np.ndarray, wfaces: np.ndarray) -> np.ndarray:
    tri = positions[wfaces]
    n = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    acc = _accumulate(wfaces.reshape(-1), np.repeat(n, 3, axis=0), len(positions))
    return acc / np.maximum(np.linalg.norm(acc, axis=1), 1e-300)[:, None]


def _welded(mesh: Mesh) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(weld (N,), positions (G, 3), welded faces (M, 3))``."""
    weld = mesh.weld_map()
    positions = np.zeros((int(weld.max()) + 1 if len(weld) else 0, 3))
    positions[weld] = mesh.vertices
    return weld, positions, weld[mesh.faces]


def _feature_lines(level: Mesh, weld: np.ndarray, wfaces: np.ndarray, count: int,
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(fixed (G,) bool, line direction (G, 3), border (G,) bool, corner (G,) bool)``:
    border/non-manifold/seam-corner positions are fixed, positions inside one seam line get the line's
    direction (zero elsewhere); ``border``: the fixed positions that are fixed only because they lie on
    an open border; ``corner``: those fixed only because seam lines meet or end there (closed around)."""
    keys, e = topology.edge_keys(wfaces, count)
    uniq, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    f = level.faces
    render = np.concatenate([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]])
    rkey = render.min(axis=1) * level.vertex_count + render.max(axis=1)
    # a welded edge is a seam when its faces use different render edges
    pairs = np.unique(np.stack([inverse, rkey], axis=1), axis=0)
    render_per_edge = np.bincount(pairs[:, 0], minlength=len(uniq))
    fixed = np.zeros(count, dtype=bool)
    first = np.zeros(len(uniq), dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(inverse))[::-1]
    ends = e[first]  # (U, 2) one directed copy per undirected edge
    fixed[ends[counts != 2].reshape(-1)] = True
    open_or_odd = fixed.copy()
    border = np.zeros(count, dtype=bool)
    border[ends[counts == 1].reshape(-1)] = True
    border[ends[counts > 2].reshape(-1)] = False
    seam = (counts == 2) & (render_per_edge > 1)
    seam_ends = ends[seam]
    degree = np.bincount(seam_ends.reshape(-1), minlength=count)
    corner = ((degree > 2) | (degree == 1)) & ~open_or_odd
    fixed |= corner
    border &= degree == 0
    # direction of a seam line through a position: from one seam neighbour to the other
    direction = np.zeros((count, 3))
    positions = np.zeros((count, 3))
    positions[weld] = level.vertices
    other = np.concatenate([seam_ends[:, 1], seam_ends[:, 0]])
    at = np.concatenate([seam_ends[:, 0], seam_ends[:, 1]])
    order = np.argsort(at, kind="stable")
    at, other = at[order], other[order]
    two = degree[at] == 2
    at, other = at[two], other[two]
    # the two neighbours of each degree-2 position are consecutive after the sort
    a_pos, b_pos = at[0::2], other[0::2]
    c_pos = other[1::2]
    d = positions[c_pos] - positions[b_pos]
    direction[a_pos] = d / np.maximum(np.linalg.norm(d, axis=1), 1e-300)[:, None]
    return fixed, direction, border, corner


def place_vertices(original: Mesh, level: Mesh, source: np.ndarray | None = None, lock_borders: bool = True) -> Mesh:
    """``level`` with its positions moved to their quadric optimum w.r.t. ``original``'s surface.

    ``source`` (level vertex -> original vertex) is not needed for the geometry; it is accepted so
    callers can pass what they have. ``lock_borders`` keeps open-border positions fixed.
    """
    del source
    if not level.triangle_count or not original.triangle_count:
        return level
    _, o_pos, o_wfaces = _welded(original)
    l_weld, l_pos, l_wfaces = _welded(level)
    count = len(l_pos)
    # 1. quadrics per original position
    fq = _face_quadrics(o_pos, o_wfaces)
    oq = _accumulate(o_wfaces.reshape(-1), np.repeat(fq, 3, axis=0), len(o_pos))
    # 2. which level position each original position went to
    k = min(CANDIDATES, count)
    _, cand = cKDTree(l_pos).query(o_pos, k=k)
    cand = cand.reshape(len(o_pos), k)
    o_nrm = _vertex_normals(o_pos, o_wfaces)
    l_nrm = _vertex_normals(l_pos, l_wfaces)
    agree = np.einsum("ikj,ij->ik", l_nrm[cand], o_nrm) > 0.0
    pick = np.where(agree.any(axis=1), agree.argmax(axis=1), 0)
    target = cand[np.arange(len(o_pos)), pick]
    q = _accumulate(target, oq, count)
    # 3. solve (A + lam I) v = b + lam v0
    a = np.empty((count, 3, 3))
    a[:, 0, 0], a[:, 0, 1], a[:, 0, 2] = q[:, 0], q[:, 1], q[:, 2]
    a[:, 1, 0], a[:, 1, 1], a[:, 1, 2] = q[:, 1], q[:, 3], q[:, 4]
    a[:, 2, 0], a[:, 2, 1], a[:, 2, 2] = q[:, 2], q[:, 4], q[:, 5]
    b = q[:, 6:9]
    lam = REGULARISE * (q[:, 0] + q[:, 3] + q[:, 5]) / 3.0 + 1e-30
    rhs = b + lam[:, None] * l_pos
    optimum = np.linalg.solve(a + lam[:, None, None] * np.eye(3), rhs[:, :, None])[:, :, 0]
    fixed, direction, _, _ = _feature_lines(level, l_weld, l_wfaces, count)
    if not lock_borders:
        fixed &= np.linalg.norm(direction, axis=1) > 0
    on_line = ~fixed & (np.linalg.norm(direction, axis=1) > 0)
    # along a seam line: the 1-D minimum of the same quadric
    t = direction[on_line]
    p0 = l_pos[on_line]
    at = np.einsum("ij,ijk,ik->i", t, a[on_line], t) + lam[on_line]
    grad = np.einsum("ij,ij->i", t, b[on_line] - np.einsum("ijk,ik->ij", a[on_line], p0))
    optimum[on_line] = p0 + (grad / at)[:, None] * t
    move = np.where(fixed[:, None], 0.0, optimum - l_pos)
    move = np.nan_to_num(move, nan=0.0, posinf=0.0, neginf=0.0)
    # 4. clamp to a fraction of the shortest incident edge
    _, e = topology.edge_keys(l_wfaces, count)
    length = np.linalg.norm(l_pos[e[:, 0]] - l_pos[e[:, 1]], axis=1)
    shortest = np.full(count, np.inf)
    np.minimum.at(shortest, e[:, 0], length)
    np.minimum.at(shortest, e[:, 1], length)
    shortest[~np.isfinite(shortest)] = 0.0
    size = np.linalg.norm(move, axis=1)
    limit = MAX_MOVE * shortest
    move *= np.where(size > limit, limit / np.maximum(size, 1e-300), 1.0)[:, None]
    before = np.cross(l_pos[l_wfaces[:, 1]] - l_pos[l_wfaces[:, 0]], l_pos[l_wfaces[:, 2]] - l_pos[l_wfaces[:, 0]])
    before_len = np.linalg.norm(before, axis=1)
    for _ in range(8):
        moved = l_pos + move
        after = np.cross(moved[l_wfaces[:, 1]] - moved[l_wfaces[:, 0]], moved[l_wfaces[:, 2]] - moved[l_wfaces[:, 0]])
        after_len = np.linalg.norm(after, axis=1)
        cos = np.einsum("ij,ij->i", before, after) / np.maximum(before_len * after_len, 1e-300)
        folded = (cos < MIN_COS) & (before_len > 0)
        if not folded.any():
            break
        culprits = np.unique(l_wfaces[folded])
        move[culprits] *= 0.5
    else:
        moved = l_pos + move
        after = np.cross(moved[l_wfaces[:, 1]] - moved[l_wfaces[:, 0]], moved[l_wfaces[:, 2]] - moved[l_wfaces[:, 0]])
        cos = np.einsum("ij,ij->i", before, after) / np.maximum(before_len * np.linalg.norm(after, axis=1), 1e-300)
        move[np.unique(l_wfaces[(cos < MIN_COS) & (before_len > 0)])] = 0.0
    out = Mesh(l_pos[l_weld] + move[l_weld], level.faces, level.normals, level.uvs, level.uv_mode)
    out._weld = l_weld
    return out
