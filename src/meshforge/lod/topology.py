"""Welded-edge topology checks used by simplification: which positions a collapse left non-manifold.

meshoptimizer's edge collapse checks triangle flips but not the link condition, so near complex UV/normal
seams it sometimes joins two sheets of the surface: an edge then has three or more faces, or a closed
part gets a hole. :func:`bad_positions` finds the welded positions around such edges so that the caller
can lock them and collapse again.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix


def relabel(labels: np.ndarray) -> np.ndarray:
    """Labels renumbered to 0..k-1 (order of the sorted old labels)."""
    if not len(labels):
        return labels.astype(np.int64)
    return np.unique(labels, return_inverse=True)[1].reshape(-1).astype(np.int64)


def unique_rows(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(first, inverse)`` as ``np.unique(table, axis=0, return_index=True, return_inverse=True)`` gives
    them (rows in lexicographic order, first occurrences), from one stable ``lexsort``: several times
    faster on the (N, 3..6) vertex keys the simplifier groups by."""
    table = np.asarray(table)
    if not len(table):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    order = np.lexsort(table.T[::-1])
    rows = table[order]
    start = np.r_[True, np.any(rows[1:] != rows[:-1], axis=1)]
    group = np.cumsum(start) - 1
    inverse = np.empty(len(table), dtype=np.int64)
    inverse[order] = group
    return order[start], inverse


def edge_keys(wfaces: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """``(undirected key (3M,), directed (3M, 2) edges)`` of a welded face array, corner order 01, 12, 20."""
    e = np.concatenate([wfaces[:, [0, 1]], wfaces[:, [1, 2]], wfaces[:, [2, 0]]]).astype(np.int64)
    lo, hi = e.min(axis=1), e.max(axis=1)
    return lo * count + hi, e


def border_positions(wfaces: np.ndarray, count: int) -> np.ndarray:
    """Sorted welded positions on an open border (an edge with one face)."""
    keys, e = edge_keys(wfaces, count)
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return np.unique(e[counts[inverse.reshape(-1)] == 1])


def nonmanifold_keys(wfaces: np.ndarray, count: int) -> np.ndarray:
    """Undirected keys of welded edges with three or more faces."""
    keys, _ = edge_keys(wfaces, count)
    uniq, counts = np.unique(keys, return_counts=True)
    return uniq[counts > 2]


def sheets(wfaces: np.ndarray, count: int) -> np.ndarray:
    """(count,) sheet id per position, -1 where sheets meet.

    Sheets are the components of faces joined across edges with exactly two faces; a position on faces
    of two or more sheets (separate pieces that touch, as in a model whose parts were merged and welded)
    is a junction (-1).
    """
    labels = np.full(count, -1, dtype=np.int64)
    if not len(wfaces):
        return labels
    from scipy.sparse.csgraph import connected_components

    keys, _ = edge_keys(wfaces, count)
    _, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    face = np.tile(np.arange(len(wfaces)), 3)
    manifold = counts[inverse] == 2
    order = np.argsort(inverse[manifold], kind="stable")
    pair = face[manifold][order].reshape(-1, 2)
    graph = csr_matrix((np.ones(len(pair)), (pair[:, 0], pair[:, 1])), shape=(len(wfaces), len(wfaces)))
    comp = connected_components(graph, directed=False)[1]
    corner = np.repeat(comp, 3)
    lo = np.full(count, np.iinfo(np.int64).max)
    hi = np.full(count, -1, dtype=np.int64)
    np.minimum.at(lo, wfaces.reshape(-1), corner)
    np.maximum.at(hi, wfaces.reshape(-1), corner)
    one = lo == hi
    labels[one] = hi[one]
    return labels


def bad_positions(wfaces: np.ndarray, count: int, closed: bool, allowed: np.ndarray | None = None,
                  sheet: np.ndarray | None = None) -> np.ndarray:
    """Welded ids at the ends of edges a simplification broke.

    Broken: an edge with three or more faces (unless its key is in ``allowed``, edges the input already
    had), a face whose corners share a position; for a ``closed`` input also an open edge or an edge
    used twice in one direction (inconsistent winding). With ``sheet`` (:func:`sheets` of the input),
    faces are counted per input sheet (a face belongs to the sheet of its corners that are not
    junctions): two pieces that touched in the input may keep touching along an edge.
    """
    if not len(wfaces):
        return np.zeros(0, dtype=np.int64)
    base, e = edge_keys(wfaces, count)
    groups, group = 1, np.zeros(len(base), dtype=np.int64)
    if sheet is not None:
        corner = sheet[wfaces]
        face_sheet = corner.max(axis=1)
        lowest = np.where(corner < 0, face_sheet[:, None], corner).min(axis=1)
        # faces on junctions only, or bridging two sheets, form one group of their own
        face_sheet[lowest != face_sheet] = -1
        groups = int(face_sheet.max()) + 2
        group = np.tile(np.where(face_sheet < 0, groups - 1, face_sheet), 3)
    keys = base * groups + group
    uniq, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    bad = counts > 2
    if allowed is not None and len(allowed):
        bad &= ~np.isin(uniq // groups, allowed)
    if closed:
        bad |= counts == 1
        directed = (e[:, 0] * count + e[:, 1]) * groups + group
        _, d_inv, d_counts = np.unique(directed, return_inverse=True, return_counts=True)
        bad_edge = bad[inverse.reshape(-1)] | (d_counts[d_inv.reshape(-1)] > 1)
    else:
        bad_edge = bad[inverse.reshape(-1)]
    degenerate = (wfaces[:, 0] == wfaces[:, 1]) | (wfaces[:, 1] == wfaces[:, 2]) | (wfaces[:, 0] == wfaces[:, 2])
    ids = [e[bad_edge].reshape(-1), wfaces[degenerate].reshape(-1)]
    return np.unique(np.concatenate(ids))


def drop_fins(wfaces: np.ndarray) -> np.ndarray:
    """Bool mask of faces to keep: faces on the same three positions as another face removed in pairs.

    An edge collapse near a thin wall or a tight fold can leave two faces back to back on the same
    three positions (a zero-volume fin); their edges then have four faces. Removing both keeps every
    edge's face count even, so a closed surface stays closed. Of an odd-sized group one face is kept.
    """
    keep = np.ones(len(wfaces), dtype=bool)
    if not len(wfaces):
        return keep
    _, first, inverse, counts = np.unique(np.sort(wfaces, axis=1), axis=0, return_index=True,
                                          return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    keep[counts[inverse] > 1] = False
    odd = np.flatnonzero((counts > 1) & (counts % 2 == 1))
    keep[first[odd]] = True
    return keep


def adjacency(wfaces: np.ndarray, count: int) -> csr_matrix:
    """Symmetric position adjacency (count, count) of a welded face array."""
    _, e = edge_keys(wfaces, count)
    rows = np.concatenate([e[:, 0], e[:, 1]])
    cols = np.concatenate([e[:, 1], e[:, 0]])
    return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(count, count))


def components(mesh) -> tuple[np.ndarray, int]:
    """``(piece per vertex, count)``: pieces of the surface joined through shared positions
    (:meth:`Mesh.weld_map`)."""
    from scipy.sparse.csgraph import connected_components

    weld = mesh.weld_map()
    count = int(weld.max()) + 1 if mesh.vertex_count else 0
    _, labels = connected_components(adjacency(weld[mesh.faces], count), directed=False)
    return labels[weld], int(labels.max()) + 1 if count else 0


def grow(mask: np.ndarray, adj: csr_matrix, rings: int) -> np.ndarray:
    """``mask`` (bool per position) grown by ``rings`` rings of neighbours."""
    out = mask.copy()
    for _ in range(rings):
        out |= (adj @ out.astype(np.float32)) > 0
    return out


def is_closed(mesh) -> bool:
    """Fast :meth:`Mesh.is_watertight` (same rule) on integer edge keys."""
    if not mesh.triangle_count:
        return False
    weld = mesh.weld_map()
    count = int(weld.max()) + 1
    keys, e = edge_keys(weld[mesh.faces], count)
    _, counts = np.unique(keys, return_counts=True)
    if not np.all(counts == 2):
        return False
    directed = e[:, 0] * count + e[:, 1]
    return len(np.unique(directed)) == len(directed)
