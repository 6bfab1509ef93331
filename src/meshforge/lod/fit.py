"""Fit a simplified level's vertex positions to the original surface, largest gaps first.

Edge collapse is greedy: each step minimises its own quadric error, and the sum of those choices can
leave a coarse level short of a tip or a rim (the largest gap, the Hausdorff distance, sits there).
:func:`fit_to_surface` then moves the level's vertices, never its topology, the way mesh optimisation
fits vertices to points (Hoppe et al., "Mesh optimization", 1993), with the residuals weighted towards
the largest ones so the fit chases the Hausdorff distance rather than the mean:

1. Points are sampled on both surfaces (the original's once, the level's every round: vertices plus
   area-weighted points with their barycentric coordinates).
2. Each level point's closest point on the original, and each original point's closest point on the
   level (its face and barycentric coordinates), give residual vectors: where the level surface should
   be, counted only where both surfaces face the same way (where pieces touch or cross, the nearest
   point may lie on another piece). Each residual is shared among the three corners of its level face by barycentric weight, times
   a weight that grows with the residual's length (``(|r| / max |r|)^POWER``).
3. Each welded position moves by a damped weighted mean of its residuals, clamped to a fraction of
   its shortest edge; UV/normal-seam positions slide along their seam line and move along their
   normal (off the surface, as a chord that sags inside a curve needs), never sideways across the
   texture; where seam lines meet or end, positions move along the normal only; non-manifold
   positions stay, and open-border ones too unless the border meets nothing (``free_borders``:
   neighbouring parts and tiles still meet); moves that fold a face are halved and then dropped.
4. The two-sided largest residual of each state is the sampled Hausdorff distance; the best state
   over the rounds is returned, so fitting never makes the measured distance worse.

UVs and normals stay those of each vertex's original vertex (no texture is borrowed across charts);
positions of one weld group move together (seams stay closed). Vectorised with numpy.
"""

from __future__ import annotations

import numpy as np

from meshforge.geometry.mesh import Mesh
from meshforge.lod import topology
from meshforge.lod.metrics import SurfaceQuery, area_samples, sample_surface
from meshforge.lod.placement import _feature_lines, _vertex_normals, _welded

#: Rounds of sampling and moving.
ROUNDS = 3
#: Weight of a residual grows as (length / largest) ** POWER: the fit leans on the largest gaps.
POWER = 4.0
#: Fraction of the weighted mean residual applied per round.
DAMPING = 0.8
#: Largest move per round, as a fraction of the position's shortest incident edge.
MAX_MOVE = 0.5
#: A face whose normal turns by more than this (cosine) is taken as folded.
MIN_COS = 0.2
#: A residual pulls only when the two surfaces' normals agree at least this much (cosine).
MIN_AGREE = 0.3
#: With ``fixed_samples``, a level sample is queried again only when it may now be farther than this
#: fraction of the largest residual so far (below it, its weight is under (1/4)^POWER, 0.4%).
REQUERY = 0.25


def _unit_normals(positions: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """(M, 3) unit face normals (zero for degenerate faces)."""
    tri = positions[faces]
    n = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    return n / np.maximum(np.linalg.norm(n, axis=1), 1e-300)[:, None]


def _position_normals(level: Mesh, weld: np.ndarray, positions: np.ndarray, wfaces: np.ndarray) -> np.ndarray:
    """(G, 3) unit normal per welded position: the mean of its vertices' normals (the original's shading
    normals, which a level keeps; at a hard edge the bisector of its sides), else the area-weighted
    normal of its faces; zero where they cancel."""
    count = len(positions)
    if level.normals is not None:
        out = np.stack([np.bincount(weld, weights=level.normals[:, k], minlength=count) for k in range(3)], axis=1)
    else:
        return _vertex_normals(positions, wfaces)
    return out / np.maximum(np.linalg.norm(out, axis=1), 1e-300)[:, None]


def _barycentric(points: np.ndarray, tri: np.ndarray) -> np.ndarray:
    """(K, 3) barycentric coordinates of ``points`` in their triangles ``tri`` (K, 3, 3), clipped to the
    triangle (points come from closest-point queries, so they lie on it up to rounding)."""
    a, b, c = tri[:, 0], tri[:, 1], tri[:, 2]
    v0, v1, v2 = b - a, c - a, points - a
    d00 = np.einsum("ij,ij->i", v0, v0)
    d01 = np.einsum("ij,ij->i", v0, v1)
    d11 = np.einsum("ij,ij->i", v1, v1)
    d20 = np.einsum("ij,ij->i", v2, v0)
    d21 = np.einsum("ij,ij->i", v2, v1)
    denom = d00 * d11 - d01 * d01
    safe = np.where(np.abs(denom) > 1e-300, denom, 1.0)
    v = np.where(np.abs(denom) > 1e-300, (d11 * d20 - d01 * d21) / safe, 1.0 / 3.0)
    w = np.where(np.abs(denom) > 1e-300, (d00 * d21 - d01 * d20) / safe, 1.0 / 3.0)
    bary = np.clip(np.stack([1.0 - v - w, v, w], axis=1), 0.0, 1.0)
    return bary / np.maximum(bary.sum(axis=1), 1e-300)[:, None]


def _level_samples(positions: np.ndarray, wfaces: np.ndarray, count: int, rng: np.random.Generator,
                   max_vertices: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(face (K,), barycentric (K, 3))``: one sample at each position (at most ``max_vertices`` of them,
    default ``count``, at random) plus ``count`` area-weighted points."""
    tri = positions[wfaces]
    area = 0.5 * np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1)
    faces, bary = area_samples(area, count, rng)
    # one corner per position: the last corner written for it
    corner_of = np.zeros(len(positions), dtype=np.int64)
    corner_of[wfaces.reshape(-1)] = np.arange(wfaces.size)
    corners = corner_of[np.unique(wfaces)]
    cap = count if max_vertices is None else max_vertices
    if len(corners) > cap:
        corners = rng.choice(corners, cap, replace=False)
    corner_bary = np.eye(3)[corners % 3]
    return np.concatenate([corners // 3, faces]), np.concatenate([corner_bary, bary])


def _fold_guard(positions: np.ndarray, move: np.ndarray, wfaces: np.ndarray) -> np.ndarray:
    """``move`` with the moves that would fold a face halved, repeatedly, then dropped."""
    tri = positions[wfaces]
    before = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    before_len = np.linalg.norm(before, axis=1)
    for attempt in range(7):
        moved = positions + move
        t = moved[wfaces]
        after = np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])
        cos = np.einsum("ij,ij->i", before, after) / np.maximum(before_len * np.linalg.norm(after, axis=1), 1e-300)
        folded = (cos < MIN_COS) & (before_len > 0)
        if not folded.any():
            return move
        culprits = np.unique(wfaces[folded])
        move[culprits] *= 0.0 if attempt == 6 else 0.5
    return move


def fit_to_surface(original: Mesh, level: Mesh, *, samples: int = 1500, rounds: int = ROUNDS,
                   seed: int = 0, reference: SurfaceQuery | None = None, free_borders: bool = False,
                   original_points: tuple[np.ndarray, np.ndarray] | None = None,
                   level_vertices: int | None = None, fixed_samples: bool = False) -> tuple[Mesh, float, float]:
    """``(level with moved positions, its sampled two-sided Hausdorff distance, the input level's)``,
    distances in meters.

    ``samples`` area-weighted points per surface per round (plus up to ``level_vertices``, default
    ``samples``, vertices of the level and up to ``samples`` vertices of the original);
    ``original_points``: ``(points, their faces)`` on ``original`` to use instead of the original's
    samples (a fine level's fit takes the original vertices farthest from it, where its few gaps sit);
    ``fixed_samples``: the level's samples are drawn once and move with their faces, and a sample is
    queried again only when it may have moved farther than :data:`REQUERY` of the largest residual (the
    others keep their last closest point, an upper bound on their distance, so the returned distance
    never understates);
    ``reference`` is a prepared :class:`SurfaceQuery` on
    ``original`` (built here when None). The returned distance is the largest residual of the returned
    state, measured on these samples; it is never larger than the input level's. ``free_borders``: open-
    border positions move like the others (a teapot spout's rim, cut short by the collapse, reaches
    out again); leave it False where a border must still meet a neighbouring part or tile.
    """
    if not level.triangle_count or not original.triangle_count:
        return level, float("inf"), float("inf")
    rng = np.random.default_rng(seed)
    weld, pos, wfaces = _welded(level)
    count = len(pos)
    fixed, direction, border, seam_corner = _feature_lines(level, weld, wfaces, count)
    if free_borders:
        fixed &= ~border
    on_line = ~fixed & (np.linalg.norm(direction, axis=1) > 0)
    normal = _position_normals(level, weld, pos, wfaces)
    query = reference if reference is not None else SurfaceQuery(original)
    if original_points is None:
        o_points, o_faces = sample_surface(original, samples, seed=seed + 1, max_vertices=samples, vertex_rng=rng)
    else:
        o_points, o_faces = original_points
    o_normals = _unit_normals(original.vertices, original.faces)
    _, edges = topology.edge_keys(wfaces, count)
    best_pos, best_h, first_h = pos.copy(), float("inf"), float("inf")
    faces = bary = closest = oface = queried = near = None
    for _round in range(rounds + 1):
        # level -> original
        if not fixed_samples or faces is None:
            faces, bary = _level_samples(pos, wfaces, samples, rng, level_vertices)
        pts = np.einsum("kj,kjd->kd", bary, pos[wfaces[faces]])
        if closest is None or not fixed_samples:
            closest, oface = (np.array(a) for a in query.closest(pts))
            queried, near = pts.copy(), np.linalg.norm(closest - pts, axis=1)
        else:
            # the same samples, moved with their faces: a sample moved by m is at most m farther than
            # when it was last queried; only the ones that may now weigh (or be the largest) are queried
            # again, the others keep their old closest point (an upper bound on their distance)
            again = near + np.linalg.norm(pts - queried, axis=1) > REQUERY * best_h
            if again.any():
                closest[again], oface[again] = query.closest(pts[again])
                queried[again] = pts[again]
                near[again] = np.linalg.norm(closest[again] - pts[again], axis=1)
        r1 = closest - pts
        # original -> level
        lvl = Mesh(pos, wfaces)
        lq = SurfaceQuery(lvl)
        on_level, lface = lq.closest(o_points)
        r2 = o_points - on_level
        # a pair counts only where both surfaces face the same way: where pieces touch or cross, the
        # nearest point can lie on another piece, and pulling towards it would fold the level
        l_normals = _unit_normals(pos, wfaces)
        agree = np.concatenate([np.einsum("ij,ij->i", l_normals[faces], o_normals[oface]),
                                np.einsum("ij,ij->i", o_normals[o_faces], l_normals[lface])]) > MIN_AGREE
        b2 = _barycentric(on_level, pos[wfaces[lface]])
        d1, d2 = np.linalg.norm(r1, axis=1), np.linalg.norm(r2, axis=1)
        h = float(max(d1.max(initial=0.0), d2.max(initial=0.0)))
        if _round == 0:
            first_h = h
        if h < best_h:
            best_pos, best_h = pos.copy(), h
        if _round == rounds or h <= 0.0:
            break
        # residuals to corners, weighted towards the largest
        res = np.concatenate([r1, r2])
        length = np.concatenate([d1, d2])
        weight = ((length / h) ** POWER + 1e-6) * agree
        corner = np.concatenate([wfaces[faces], wfaces[lface]])  # (K, 3)
        cw = np.concatenate([bary, b2]) * weight[:, None]  # (K, 3)
        idx = corner.reshape(-1)
        wsum = np.bincount(idx, weights=cw.reshape(-1), minlength=count)
        move = np.stack([np.bincount(idx, weights=(cw * res[:, k:k + 1]).reshape(-1), minlength=count)
                         for k in range(3)], axis=1)
        move = DAMPING * move / np.maximum(wsum, 1e-300)[:, None]
        # seam positions stay on their seam: they slide along its line and move off the surface along
        # the normal (the seam line itself never shifts sideways across the texture); where seams meet,
        # only along the normal
        nc = normal[seam_corner]
        move[seam_corner] = np.einsum("ij,ij->i", move[seam_corner], nc)[:, None] * nc
        move[fixed & ~seam_corner] = 0.0
        t = direction[on_line]
        n = normal[on_line] - np.einsum("ij,ij->i", normal[on_line], t)[:, None] * t
        n /= np.maximum(np.linalg.norm(n, axis=1), 1e-300)[:, None]
        move[on_line] = (np.einsum("ij,ij->i", move[on_line], t)[:, None] * t
                         + np.einsum("ij,ij->i", move[on_line], n)[:, None] * n)
        length_e = np.linalg.norm(pos[edges[:, 0]] - pos[edges[:, 1]], axis=1)
        shortest = np.full(count, np.inf)
        np.minimum.at(shortest, edges[:, 0], length_e)
        np.minimum.at(shortest, edges[:, 1], length_e)
        shortest[~np.isfinite(shortest)] = 0.0
        size = np.linalg.norm(move, axis=1)
        limit = MAX_MOVE * shortest
        move *= np.where(size > limit, limit / np.maximum(size, 1e-300), 1.0)[:, None]
        move = _fold_guard(pos, np.nan_to_num(move), wfaces)
        pos = pos + move
    out = Mesh(best_pos[weld], level.faces, level.normals, level.uvs, level.uv_mode)
    out._weld = weld
    return out, best_h, first_h
