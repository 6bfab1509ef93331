"""Vectorised geometric queries: bounding-sphere broad phase, triangle-triangle and segment-triangle tests.

Broad phase (:func:`sphere_pairs`): every primitive gets a bounding sphere (centroid, radius). Spheres
are grouped into size classes (up to twice the median radius, then a factor of four per class; sparse
classes merged upward) so a few huge triangles do not widen the search for millions of small ones;
within a class scipy's k-d tree (``query_pairs``) finds centre pairs closer than twice the class's
largest radius, across classes ``sparse_distance_matrix`` does, and the exact test
``|c_i - c_j| <= r_i + r_j`` (then bounding boxes) keeps the candidates. Pairs of faces sharing corners
are filtered by cheap plane-side tests before the narrow phase.

Narrow phase: two triangles that share no vertex intersect exactly when an edge of one crosses the
interior of the other (the intersection segment of two triangles in general position ends on such
crossings); :func:`triangle_pairs_intersect` tests the six edge crossings with plane-side signs and a
strict point-in-triangle test, so triangles that only touch along a boundary do not count (Möller,
"A Fast Triangle-Triangle Intersection Test", 1997, is the classic formulation of the same
separating-plane reasoning). Coplanar pairs count when they overlap with positive area (separating-axis
test in their plane: folds, stacked faces); faces sharing a corner also count when edges leaving that
corner run along each other (T-junction overlaps). Coordinates are expected normalised to about unit
size; ``eps`` is then an absolute tolerance.
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

#: Candidate pairs processed per chunk in the narrow phase (bounds memory to a few hundred MB).
PAIR_CHUNK = 2_000_000
#: Meshes up to this many faces also have their neighbouring faces (sharing corners) tested for folds
#: and overlaps; above it only faces that share no corner are tested (neighbours are ~6 times as many
#: pairs). Documented in the README.
ADJACENT_TEST_MAX_FACES = 300_000


#: Size classes with fewer spheres than this are merged into the next larger class (per-class queries
#: have a fixed cost; a larger radius bound only adds candidates).
MIN_CLASS_SIZE = 32


def _size_classes(radius: np.ndarray) -> np.ndarray:
    """Class per sphere: radii up to twice the median in class 0, then one class per factor of four.

    Sparse classes are merged upward, so small meshes and meshes of even triangles use one class.
    """
    positive = radius[radius > 0]
    if not len(positive):
        return np.zeros(len(radius), np.int64)
    ref = 2.0 * float(np.median(positive))
    with np.errstate(divide="ignore"):
        k = np.ceil(np.log(np.maximum(radius, ref) / ref) / np.log(4.0)).astype(np.int64)
    counts = np.bincount(k)
    merged = np.arange(len(counts))
    pending = 0
    for c in range(len(counts)):
        pending += counts[c]
        if pending < MIN_CLASS_SIZE and c < len(counts) - 1:
            merged[c] = -1  # fold into the next class
        else:
            pending = 0
    target = np.arange(len(counts))
    for c in range(len(counts) - 2, -1, -1):
        if merged[c] == -1:
            target[c] = target[c + 1]
    return target[k]


def _tree(points: np.ndarray) -> cKDTree:
    # unbalanced, non-compact trees build about twice as fast and query as fast for surface samples
    return cKDTree(points, balanced_tree=False, compact_nodes=False)


def sphere_pairs(
    centers_a: np.ndarray,
    radii_a: np.ndarray,
    centers_b: np.ndarray | None = None,
    radii_b: np.ndarray | None = None,
    *,
    exact: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) whose spheres overlap: ``|a_i - b_j| <= ra_i + rb_j``.

    With only ``a`` given, pairs within ``a`` with ``i < j``. Returns two int64 arrays. With
    ``exact=False`` the per-pair radius test is left to the caller (a superset is returned: pairs within
    the size classes' largest radii), which saves work when the caller filters by something cheaper first.
    """
    self_mode = centers_b is None
    if self_mode:
        centers_b, radii_b = centers_a, radii_a
    assert radii_b is not None
    ka, kb = _size_classes(radii_a), _size_classes(radii_b)
    groups_a = {int(k): np.flatnonzero(ka == k) for k in np.unique(ka)}
    groups_b = groups_a if self_mode else {int(k): np.flatnonzero(kb == k) for k in np.unique(kb)}
    trees_a = {k: _tree(centers_a[idx]) for k, idx in groups_a.items()}
    trees_b = trees_a if self_mode else {k: _tree(centers_b[idx]) for k, idx in groups_b.items()}
    out_i: list[np.ndarray] = []
    out_j: list[np.ndarray] = []
    for ca, ia in groups_a.items():
        ra = float(radii_a[ia].max())
        for cb, ib in groups_b.items():
            if self_mode and cb < ca:
                continue
            r = ra + float(radii_b[ib].max())
            if self_mode and ca == cb:
                # query_pairs gives i < j in the class's order, which is ascending in the input's order
                pairs = trees_a[ca].query_pairs(r, output_type="ndarray")
                whole = len(ia) == len(radii_a)
                i = pairs[:, 0] if whole else ia[pairs[:, 0]]
                j = pairs[:, 1] if whole else ia[pairs[:, 1]]
            else:
                sparse = trees_a[ca].sparse_distance_matrix(trees_b[cb], r, output_type="ndarray")
                i, j = ia[sparse["i"]], ib[sparse["j"]]
                if self_mode:
                    i, j = np.minimum(i, j), np.maximum(i, j)
            if exact:
                d = centers_a[i] - centers_b[j]
                keep = np.einsum("ij,ij->i", d, d) <= (radii_a[i] + radii_b[j]) ** 2
                i, j = i[keep], j[keep]
            out_i.append(i)
            out_j.append(j)
    if not out_i:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    if len(out_i) == 1:
        return out_i[0], out_j[0]
    return np.concatenate(out_i), np.concatenate(out_j)


def triangle_spheres(triangles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(K, 3, 3) triangles -> centroids (K, 3) and bounding radii (K,) around them."""
    c = triangles.mean(axis=1)
    r = np.linalg.norm(triangles - c[:, None, :], axis=2).max(axis=1)
    return c, r


def _cross_points(p: np.ndarray, q: np.ndarray, tri: np.ndarray, eps: float) -> tuple[np.ndarray, np.ndarray]:
    """Segments p-q (K, 3) against triangles (K, 3, 3): crossing mask and the crossing points.

    A crossing needs p and q strictly on opposite sides of the triangle's plane and the crossing point
    strictly inside the triangle (edge functions all of one sign, beyond ``eps``).
    """
    a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
    n = np.cross(b - a, c - a)
    nl = np.linalg.norm(n, axis=1)
    ok = nl > 0
    n = n / np.where(ok, nl, 1.0)[:, None]
    dp = np.einsum("ij,ij->i", p - a, n)
    dq = np.einsum("ij,ij->i", q - a, n)
    crosses = ok & (((dp > eps) & (dq < -eps)) | ((dp < -eps) & (dq > eps)))
    t = np.divide(dp, dp - dq, out=np.zeros_like(dp), where=crosses)
    x = p + t[:, None] * (q - p)
    e0 = np.einsum("ij,ij->i", np.cross(b - a, x - a), n)
    e1 = np.einsum("ij,ij->i", np.cross(c - b, x - b), n)
    e2 = np.einsum("ij,ij->i", np.cross(a - c, x - c), n)
    # edge functions are twice the sub-triangle areas: compare with eps times the edge length
    la = np.linalg.norm(b - a, axis=1)
    lb = np.linalg.norm(c - b, axis=1)
    lc = np.linalg.norm(a - c, axis=1)
    inside = (e0 > eps * la) & (e1 > eps * lb) & (e2 > eps * lc)
    return crosses & inside, x


def triangle_pairs_intersect(
    tri_a: np.ndarray, tri_b: np.ndarray, eps: float = 1e-12
) -> tuple[np.ndarray, np.ndarray]:
    """Which triangle pairs (K, 3, 3) x (K, 3, 3) cross each other; also one crossing point per pair.

    Triangles that share a vertex must be filtered out before (they touch by construction).
    """
    hit = np.zeros(len(tri_a), bool)
    where = np.zeros((len(tri_a), 3))
    for first, second in ((tri_a, tri_b), (tri_b, tri_a)):
        for k in range(3):
            p, q = first[:, k], first[:, (k + 1) % 3]
            crosses, x = _cross_points(p, q, second, eps)
            new = crosses & ~hit
            where[new] = x[new]
            hit |= crosses
    return hit, where


def coplanar_overlap(tri_a: np.ndarray, tri_b: np.ndarray, normals: np.ndarray, eps: float) -> np.ndarray:
    """Whether coplanar triangle pairs overlap with positive area (separating-axis test in their plane).

    Triangles that only touch (at a vertex or along an edge) are separated by one of the six edge axes.
    """
    u = tri_a[:, 1] - tri_a[:, 0]
    u /= np.maximum(np.linalg.norm(u, axis=1, keepdims=True), 1e-300)
    w = np.cross(normals, u)
    a2 = np.stack([np.einsum("kij,kj->ki", tri_a, u), np.einsum("kij,kj->ki", tri_a, w)], axis=-1)
    b2 = np.stack([np.einsum("kij,kj->ki", tri_b, u), np.einsum("kij,kj->ki", tri_b, w)], axis=-1)
    separated = np.zeros(len(tri_a), bool)
    for tri in (a2, b2):
        for e in range(3):
            d = tri[:, (e + 1) % 3] - tri[:, e]
            axis = np.stack([-d[:, 1], d[:, 0]], axis=1)
            axis /= np.maximum(np.linalg.norm(axis, axis=1, keepdims=True), 1e-300)
            pa = np.einsum("kij,kj->ki", a2, axis)
            pb = np.einsum("kij,kj->ki", b2, axis)
            separated |= (pa.max(axis=1) <= pb.min(axis=1) + eps) | (pb.max(axis=1) <= pa.min(axis=1) + eps)
    return ~separated


def _plane_normals(tri: np.ndarray) -> np.ndarray:
    n = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    return n / np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-300)


def _drop_plain_neighbours(
    pos: np.ndarray, faces: np.ndarray, ci: np.ndarray, cj: np.ndarray, shared: np.ndarray, eps: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Remove neighbour pairs that cannot intersect: edge-sharing faces that are not coplanar (they meet
    only along the edge), and corner-sharing faces whose other corners lie strictly on one side of each
    other's plane (they meet only at the corner)."""
    ti, tj = pos[faces[ci]], pos[faces[cj]]
    ni, nj = _plane_normals(ti), _plane_normals(tj)
    drop = (shared == 2) & (np.abs(np.einsum("ij,ij->i", ni, nj)) < 1 - 1e-9)
    one = shared == 1
    dj = np.einsum("kij,kj->ki", tj - ti[:, :1], ni)
    di = np.einsum("kij,kj->ki", ti - tj[:, :1], nj)
    off_j = (np.abs(dj) > eps).sum(axis=1) == 2  # both corners besides the shared one off the plane
    off_i = (np.abs(di) > eps).sum(axis=1) == 2
    apart_j = off_j & ((dj >= -eps).all(axis=1) | (dj <= eps).all(axis=1))
    apart_i = off_i & ((di >= -eps).all(axis=1) | (di <= eps).all(axis=1))
    drop |= one & apart_i & apart_j
    return ci[~drop], cj[~drop], shared[~drop]


def _narrow_phase(
    ti: np.ndarray, tj: np.ndarray, fi: np.ndarray, fj: np.ndarray, shared: np.ndarray, eps: float
) -> tuple[np.ndarray, np.ndarray]:
    """Hit mask and a contact point for triangle pairs (K, 3, 3) sharing 0, 1 or 2 corners (faces fi, fj)."""
    hit = np.zeros(len(ti), bool)
    where = np.zeros((len(ti), 3))
    ni, nj = _plane_normals(ti), _plane_normals(tj)
    dj = np.einsum("kij,kj->ki", tj - ti[:, :1], ni)  # corners of j against the plane of i
    di = np.einsum("kij,kj->ki", ti - tj[:, :1], nj)
    coplanar = (np.abs(dj) <= eps).all(axis=1) & (np.abs(di) <= eps).all(axis=1)
    # a triangle whose corners are all on one side of the other's plane (touching corners aside) meets
    # that plane at most in those corners: no proper intersection
    side_j = ((dj >= -eps).all(axis=1) & (dj > eps).any(axis=1)) | ((dj <= eps).all(axis=1) & (dj < -eps).any(axis=1))
    side_i = ((di >= -eps).all(axis=1) & (di > eps).any(axis=1)) | ((di <= eps).all(axis=1) & (di < -eps).any(axis=1))
    # non-coplanar faces sharing an edge only meet along that edge
    cross = ~coplanar & ~side_j & ~side_i & (shared < 2)
    if cross.any():
        idx = np.flatnonzero(cross)
        h, x = triangle_pairs_intersect(ti[idx], tj[idx], eps)
        hit[idx[h]] = True
        where[idx[h]] = x[h]
    # coplanar overlap with positive area (folds over a shared edge included)
    if coplanar.any():
        idx = np.flatnonzero(coplanar)
        over = idx[coplanar_overlap(ti[idx], tj[idx], ni[idx], eps)]
        hit[over] = True
        where[over] = (ti[over].mean(axis=1) + tj[over].mean(axis=1)) / 2
    # two edges leaving a shared corner in the same direction: the faces overlap along a segment
    one = np.flatnonzero((shared == 1) & ~hit & ~coplanar)
    if len(one):
        ki = np.argmax((fi[one][:, :, None] == fj[one][:, None, :]).any(axis=2), axis=1)
        kj = np.argmax((fj[one][:, :, None] == fi[one][:, None, :]).any(axis=2), axis=1)
        r = np.arange(len(one))
        vi = ti[one, ki]
        overl = np.zeros(len(one), bool)
        for si in (1, 2):
            di_ = ti[one, (ki + si) % 3] - vi
            li = np.linalg.norm(di_, axis=1)
            for sj in (1, 2):
                dj_ = tj[one, (kj + sj) % 3] - vi
                lj = np.linalg.norm(dj_, axis=1)
                cos = np.einsum("ij,ij->i", di_, dj_) / np.maximum(li * lj, 1e-300)
                overl |= cos > 1.0 - 1e-12
        hit[one[overl]] = True
        where[one[overl]] = vi[r[overl]]
    return hit, where


def self_intersecting_pairs(
    positions: np.ndarray,
    faces: np.ndarray,
    *,
    max_faces: int | None = None,
    adjacent_max_faces: int | None = ADJACENT_TEST_MAX_FACES,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Pairs of faces of one mesh that cut through, overlap or fold onto each other.

    Faces that share no corner intersect when an edge of one crosses the other or when, coplanar, they
    overlap with positive area. Faces that share corners are neighbours and touch by construction; they
    still intersect when they fold onto each other (coplanar overlap), when the edge opposite the shared
    corner crosses the other face, or when edges leaving the shared corner run along each other. Those
    neighbour tests run only on meshes with at most ``adjacent_max_faces`` faces (they triple the work).

    Args:
        positions: (V, 3) welded positions (any unit).
        faces: (M, 3) indices into ``positions``; faces with repeated corners should be left out.
        max_faces: above this many faces, only a seeded random sample of ``max_faces`` faces is
            tested (each against every face). None: no limit.
        adjacent_max_faces: largest mesh whose neighbouring faces are tested too (None: always).
        seed: sample seed.

    Returns:
        ``(pairs (K, 2) face indices with i < j, points (K, 3) a contact point per pair, sampled)``.
    """
    m = len(faces)
    empty = (np.zeros((0, 2), np.int64), np.zeros((0, 3)), False)
    if m < 2:
        return empty
    lo, hi = positions.min(axis=0), positions.max(axis=0)
    scale = float(np.linalg.norm(hi - lo)) or 1.0
    pos = (positions - (lo + hi) / 2) / scale
    f32 = faces.astype(np.int32)
    centers = (pos[f32[:, 0]] + pos[f32[:, 1]] + pos[f32[:, 2]]) / 3
    radii = np.sqrt(np.max([((pos[f32[:, k]] - centers) ** 2).sum(axis=1) for k in range(3)], axis=0))
    sampled = max_faces is not None and m > max_faces
    if sampled:
        assert max_faces is not None
        rng = np.random.default_rng(seed)
        chosen = np.sort(rng.choice(m, size=max_faces, replace=False))
        i, j = sphere_pairs(centers[chosen], radii[chosen], centers, radii, exact=False)
        i = chosen[i]
        keep = i != j
        i, j = np.minimum(i[keep], j[keep]), np.maximum(i[keep], j[keep])
        key = np.unique(i * m + j)
        i, j = key // m, key % m
    else:
        i, j = sphere_pairs(centers, radii, exact=False)
    test_adjacent = adjacent_max_faces is None or m <= adjacent_max_faces
    eps = 1e-12
    pairs_out: list[np.ndarray] = []
    points_out: list[np.ndarray] = []
    for s in range(0, len(i), PAIR_CHUNK):
        ci, cj = i[s : s + PAIR_CHUNK], j[s : s + PAIR_CHUNK]
        fi, fj = f32[ci], f32[cj]
        shared = np.zeros(len(ci), np.int8)
        for a in range(3):
            for b in range(3):
                shared += fi[:, a] == fj[:, b]
        keep = (shared < 3) if test_adjacent else (shared == 0)
        ci, cj, shared = ci[keep], cj[keep], shared[keep]
        if test_adjacent and len(ci):
            ci, cj, shared = _drop_plain_neighbours(pos, f32, ci, cj, shared, eps)
        d = centers[ci] - centers[cj]
        near = np.einsum("ij,ij->i", d, d) <= (radii[ci] + radii[cj]) ** 2
        ci, cj, shared = ci[near], cj[near], shared[near]
        ti, tj = pos[f32[ci]], pos[f32[cj]]
        boxes = np.all((ti.min(axis=1) <= tj.max(axis=1) + eps) & (tj.min(axis=1) <= ti.max(axis=1) + eps), axis=1)
        ci, cj, shared = ci[boxes], cj[boxes], shared[boxes]
        if not len(ci):
            continue
        hit, x = _narrow_phase(pos[f32[ci]], pos[f32[cj]], f32[ci], f32[cj], shared, eps=eps)
        pairs_out.append(np.stack([ci[hit], cj[hit]], axis=1))
        points_out.append(x[hit] * scale + (lo + hi) / 2)
    if not pairs_out:
        return empty[0], empty[1], sampled
    pairs = np.concatenate(pairs_out)
    order = np.lexsort((pairs[:, 1], pairs[:, 0]))
    return pairs[order], np.concatenate(points_out)[order], sampled


def segment_hits(
    origins: np.ndarray,
    directions: np.ndarray,
    length: float,
    triangles: np.ndarray,
    exclude: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The first triangle each ray crosses within ``length``, and the distance to it.

    Args:
        origins: (R, 3) ray origins.
        directions: (R, 3) unit directions.
        length: longest distance of interest (same unit as the coordinates).
        triangles: (M, 3, 3) triangles.
        exclude: (R,) index of a triangle each ray must ignore (the one it starts on), or None.

    Returns:
        ``(distance (R,), triangle (R,))``: inf and -1 where nothing is crossed within ``length``.
    """
    r = len(origins)
    best = np.full(r, np.inf)
    which = np.full(r, -1, np.int64)
    if not r or not len(triangles):
        return best, which
    seg_c = origins + directions * (length / 2)
    seg_r = np.full(r, length / 2)
    tri_c, tri_r = triangle_spheres(triangles)
    ri, tj = sphere_pairs(seg_c, seg_r, tri_c, tri_r)
    if exclude is not None:
        keep = tj != exclude[ri]
        ri, tj = ri[keep], tj[keep]
    rays, dists, tris = [], [], []
    for s in range(0, len(ri), PAIR_CHUNK):
        a, b = ri[s : s + PAIR_CHUNK], tj[s : s + PAIR_CHUNK]
        p = origins[a]
        q = p + directions[a] * length
        crosses, x = _cross_points(p, q, triangles[b], eps=0.0)
        rays.append(a[crosses])
        tris.append(b[crosses])
        dists.append(np.linalg.norm(x[crosses] - p[crosses], axis=1))
    if rays:
        a, d, b = np.concatenate(rays), np.concatenate(dists), np.concatenate(tris)
        order = np.lexsort((d, a))
        a, d, b = a[order], d[order], b[order]
        first = np.r_[True, a[1:] != a[:-1]] if len(a) else np.zeros(0, bool)
        best[a[first]] = d[first]
        which[a[first]] = b[first]
    return best, which
