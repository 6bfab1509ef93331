"""Simplification that keeps UV seams, hard edges, part/material boundaries and open borders.

Each part is simplified on its own (so part and material boundaries never move between parts) with
meshoptimizer's ``meshopt_simplifyWithAttributes`` (edge collapse ordered by quadric error,
Garland and Heckbert 1997, with attribute quadrics after Hoppe 1999). meshoptimizer classifies
vertices that share a position but differ in UV or normal as *seam* vertices and only collapses them
along the seam, both sides together, so a UV chart never borrows a texture coordinate from another
chart; vertices on open borders only slide along the border. Collapses land on existing vertices, so
every output vertex is an input vertex with its own UV and normal (see :mod:`meshforge.lod.metrics`
for the checks).

Seam duplicates made by float rounding are snapped onto one position first (meshoptimizer detects
seams by exact position equality).

Targets: a ratio of triangles, a triangle count, or a geometric error (meters, or a fraction of the
model's bounding-box diagonal); the first one reached stops the collapse. Counts are logged before and
after (STYLE.md, glTF-Transform's ``formatDeltaOp``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np

from meshforge.core.errors import ParameterError
from meshforge.core.model import Model
from meshforge.geometry import meshopt
from meshforge.geometry.mesh import Mesh
from meshforge.lod import topology

log = logging.getLogger(__name__)

#: Fewest triangles a closed part is simplified to (a tetrahedron).
MIN_CLOSED_TRIANGLES = 4


@dataclass(frozen=True)
class SimplifyOptions:
    """What to simplify to; at least one target must be set."""

    #: fraction of triangles to keep, in (0, 1].
    ratio: float | None = None
    #: most triangles in the whole model.
    triangles: int | None = None
    #: largest geometric error allowed, meters.
    error_m: float | None = None
    #: largest geometric error allowed as a fraction of the model's bounding-box diagonal.
    error_relative: float | None = None
    #: weight of UV error relative to position error (UVs are normalised by their range first).
    uv_weight: float = 0.5
    #: weight of normal error relative to position error.
    normal_weight: float = 0.25
    #: keep open-border vertices fixed (tiles that must fit their neighbours).
    lock_borders: bool = False
    #: faceted low-poly look: flat normals after simplification.
    flat: bool = False
    #: drop disconnected bits whose size is below the error target.
    prune: bool = False
    #: move kept vertices to their quadric optimum after collapsing (:mod:`meshforge.lod.placement`).
    place: bool = True
    #: when seams stop the collapse above its target, smooth hard-normal splits (same position and UV)
    #: and go on; UV seams are always kept.
    soften_when_stalled: bool = True

    def __post_init__(self) -> None:
        if self.ratio is None and self.triangles is None and self.error_m is None and self.error_relative is None:
            raise ParameterError("simplify needs a ratio, a triangle count or an error target")
        if self.ratio is not None and not (0.0 < self.ratio <= 1.0):
            raise ParameterError(f"ratio must be in (0, 1], got {self.ratio}")
        if self.triangles is not None and self.triangles < 1:
            raise ParameterError(f"triangle target must be at least 1, got {self.triangles}")
        for name in ("error_m", "error_relative"):
            value = getattr(self, name)
            if value is not None and not (np.isfinite(value) and value >= 0):
                raise ParameterError(f"{name} must be a non-negative number, got {value}")


@dataclass
class SimplifyResult:
    """A simplified mesh and what it cost."""

    mesh: Mesh
    #: meshoptimizer's error estimate in meters (the part's local units).
    error: float
    #: for every output vertex, the input vertex whose UV and normal it carries (its position may have
    #: moved to the quadric optimum, see :mod:`meshforge.lod.placement`).
    source_vertex: np.ndarray


def snap_seams(mesh: Mesh) -> np.ndarray:
    """(N, 3) float32 positions where vertices of one welded position are bit-identical."""
    weld = mesh.weld_map()
    first = np.full(int(weld.max()) + 1 if len(weld) else 0, -1, dtype=np.int64)
    order = np.arange(len(weld))[::-1]
    first[weld[order]] = order  # the last write wins: the lowest index per group
    return mesh.vertices[first[weld]].astype(np.float32)


def _attributes(mesh: Mesh, opts: SimplifyOptions) -> tuple[np.ndarray | None, np.ndarray | None]:
    cols, weights = [], []
    if mesh.uvs is not None:
        uv = np.where(np.isfinite(mesh.uvs), mesh.uvs, 0.0)
        span = float(np.ptp(uv, axis=0).max()) if len(uv) else 1.0
        cols.append(uv / (span if span > 0 else 1.0))
        weights += [opts.uv_weight] * 2
    if mesh.normals is not None:
        cols.append(np.nan_to_num(mesh.normals))
        weights += [opts.normal_weight] * 3
    if not cols:
        return None, None
    return np.concatenate(cols, axis=1), np.asarray(weights, dtype=np.float32)


#: Lock-and-retry rounds per collapse before a stage gives up on its target.
LOCK_RETRIES = 5
#: Stages: when a collapse stalls above its target, simplify its result again (fresh quadrics).
MAX_STAGES = 8
#: A result within this factor of the triangle target counts as reaching it.
STALL_SLACK = 1.05


def merge_normal_splits(mesh: Mesh, where: np.ndarray | None = None) -> tuple[Mesh, np.ndarray]:
    """``(mesh, first)``: vertices that share a position and a UV merged into one, normals averaged.

    Hard edges are normal seams; meshoptimizer treats them like UV seams, and where one crosses a UV
    seam (four or more vertices at one position) it collapses wrongly (non-manifold edges) or not at
    all. ``where`` (bool per welded position) limits the merge to those positions. ``first`` gives,
    per new vertex, the old vertex it keeps the position and UV of.
    """
    weld = mesh.weld_map()
    own = np.arange(mesh.vertex_count, dtype=np.float64)
    if where is not None:
        own[where[weld]] = -1.0
    else:
        own[:] = -1.0
    cols = [weld[:, None].astype(np.float64), own[:, None]]
    if mesh.uvs is not None:
        cols.append(np.round(mesh.uvs * 1e7))
    _, first, inverse = np.unique(np.concatenate(cols, axis=1), axis=0, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    normals = None
    if mesh.normals is not None:
        acc = np.zeros((len(first), 3))
        np.add.at(acc, inverse, np.nan_to_num(mesh.normals))
        length = np.linalg.norm(acc, axis=1)
        normals = np.where(length[:, None] > 1e-12, acc / np.maximum(length, 1e-300)[:, None], mesh.normals[first])
    out = Mesh(mesh.vertices[first], inverse[mesh.faces], normals,
               None if mesh.uvs is None else mesh.uvs[first], mesh.uv_mode)
    out._weld = topology.relabel(weld[first])
    return out, first


def _submesh(mesh: Mesh, faces: np.ndarray) -> tuple[Mesh, np.ndarray]:
    """``(mesh on the used vertices of faces, used)``; the weld map is carried over, not recomputed."""
    used = np.unique(faces)
    remap = np.full(mesh.vertex_count, -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    out = Mesh(
        mesh.vertices[used],
        remap[faces],
        None if mesh.normals is None else mesh.normals[used],
        None if mesh.uvs is None else mesh.uvs[used],
        mesh.uv_mode,
    )
    out._weld = topology.relabel(mesh.weld_map()[used])
    return out, used


def _collapse_checked(
    mesh: Mesh, target: int, error: float, flags: int, opts: SimplifyOptions, closed: bool
) -> tuple[Mesh, np.ndarray, np.ndarray | None, float]:
    """meshoptimizer collapse of ``mesh`` to ``target`` triangles that leaves no broken edge.

    When a collapse makes an edge non-manifold (or opens a closed mesh), the hard-normal splits
    around the broken edges are merged first (:func:`merge_normal_splits`, the usual cause); if that
    is not enough, the positions around them are locked (meshoptimizer's ``vertex_lock``: they
    neither move nor go away), and the collapse is run again, widening the region each round.
    Returns ``(input mesh used, first (its vertex -> mesh vertex), faces (K, 3) or None when every
    round broke something, error)``.
    """
    first = np.arange(mesh.vertex_count)
    softened = 0
    locked = None
    allowed = adj = None
    for attempt in range(LOCK_RETRIES + 3):
        positions = snap_seams(mesh)
        attrs, weights = _attributes(mesh, opts)
        weld = mesh.weld_map()
        count = int(weld.max()) + 1
        if allowed is None:
            wfaces_in = weld[mesh.faces]
            allowed = topology.nonmanifold_keys(wfaces_in, count)
            adj = topology.adjacency(wfaces_in, count)
        lock = locked[weld] if locked is not None and locked.any() else None
        indices, err = meshopt.simplify_with_attributes(
            positions, mesh.faces, attrs, weights, 3 * max(int(target), 0), error, flags, vertex_lock=lock
        )
        faces = indices.reshape(-1, 3).astype(np.int64)
        faces = faces[topology.drop_fins(weld[faces])]
        bad = topology.bad_positions(weld[faces], count, closed, allowed)
        if not len(bad):
            return mesh, first, faces, err
        if attempt == LOCK_RETRIES + 2:
            break
        mask = np.zeros(count, dtype=bool)
        mask[bad] = True
        if opts.soften_when_stalled and mesh.normals is not None and softened < 2:
            region = topology.grow(mask, adj, 2 + 2 * softened)
            softer, kept = merge_normal_splits(mesh, region)
            softened += 1
            if softer.vertex_count < mesh.vertex_count:
                # positions are unchanged (same welded ids), so adjacency and allowed edges still hold
                mesh, first = softer, first[kept]
                log.debug("simplify: %d broken positions, merged hard-normal splits around them", len(bad))
                continue
        if locked is None:
            locked = np.zeros(count, dtype=bool)
        locked |= topology.grow(mask, adj, 1)
        log.debug("simplify: %d broken positions, locking %d and retrying", len(bad), int(locked.sum()))
    return mesh, first, None, 0.0


def simplify_mesh(
    mesh: Mesh, target_triangles: int, max_error_m: float | None, opts: SimplifyOptions,
    closed: bool | None = None,
) -> SimplifyResult:
    """Simplify one mesh to at most ``target_triangles`` (or until ``max_error_m`` meters, local units).

    Collapses that would break the topology are locked out and retried (:func:`_collapse_checked`);
    when a collapse stalls above its target (locked spots, seams), its result is simplified again,
    and a stage that cannot keep the topology at the target tries a halfway target first. Then
    :func:`meshforge.lod.placement.place_vertices` moves the kept vertices to their quadric optimum
    (``opts.place``). ``closed``: whether ``mesh`` is watertight, when the caller knows.
    """
    n = mesh.triangle_count
    identity = np.arange(mesh.vertex_count)
    if n == 0 or (target_triangles >= n and max_error_m is None):
        return SimplifyResult(mesh, 0.0, identity)
    if closed is None:
        closed = topology.is_closed(mesh)
    flags = meshopt.SIMPLIFY_ERROR_ABSOLUTE
    if opts.lock_borders:
        flags |= meshopt.SIMPLIFY_LOCK_BORDER
    if opts.prune:
        flags |= meshopt.SIMPLIFY_PRUNE
    target = max(int(target_triangles), 0)
    current, source, total_error = mesh, identity, 0.0
    softened = not opts.soften_when_stalled or mesh.normals is None
    for _stage in range(MAX_STAGES):
        budget = 1e30 if max_error_m is None else max_error_m - total_error
        if budget <= 0:
            break
        before = current.triangle_count
        goal = target
        used_mesh, first, faces, err = _collapse_checked(current, goal, budget, flags, opts, closed)
        while faces is None and goal < 0.9 * before:
            goal = int(np.ceil(np.sqrt(goal * before))) if goal > 0 else before // 2
            used_mesh, first, faces, err = _collapse_checked(current, goal, budget, flags, opts, closed)
        if faces is not None and len(faces):
            current, used = _submesh(used_mesh, faces)
            source = source[first[used]]
            total_error += err
        if current.triangle_count <= STALL_SLACK * target:
            break
        if max_error_m is not None and goal == target and faces is not None:
            break  # the error budget stopped it, not the topology
        if faces is None or current.triangle_count > 0.97 * before:
            if softened:
                break
            # stalled on seams: hard-normal splits are what blocks it most often; smooth them
            current, first = merge_normal_splits(current)
            source = source[first]
            softened = True
            log.debug("simplify: stalled at %d triangles, smoothing hard-normal seams", current.triangle_count)
    out = current
    if opts.place and out.triangle_count < n:
        from meshforge.lod.placement import place_vertices

        out = place_vertices(mesh, out, source, lock_borders=True)
    if opts.flat:
        placed = out
        out = out.with_normals(crease_deg=0.0)
        source = source[_source_after_split(out, placed.vertices)]
    return SimplifyResult(out, float(total_error), source)


def _source_after_split(split: Mesh, before: np.ndarray) -> np.ndarray:
    """Index into ``before`` of each vertex of ``split`` (with_normals only duplicates vertices)."""
    from scipy.spatial import cKDTree

    _, nearest = cKDTree(before).query(split.vertices)
    return nearest


def _part_scale(transform: np.ndarray) -> float:
    return float(np.mean(np.linalg.norm(np.asarray(transform)[:3, :3], axis=0))) or 1.0


def simplify_model(model: Model, options: SimplifyOptions | None = None, **kwargs: object) -> Model:
    """A copy of ``model`` with every part simplified to the targets (see :class:`SimplifyOptions`).

    ``kwargs`` are :class:`SimplifyOptions` fields, as a shortcut: ``simplify_model(m, ratio=0.1)``.
    The result's ``metadata['simplify']`` records the targets, counts and the largest error in meters.
    """
    opts = replace(options, **kwargs) if options is not None else SimplifyOptions(**kwargs)  # type: ignore[arg-type]
    total = model.triangle_count
    diagonal = float(np.linalg.norm(model.extents)) or 1.0
    max_error = opts.error_m
    if opts.error_relative is not None:
        rel = opts.error_relative * diagonal
        max_error = rel if max_error is None else min(max_error, rel)
    target_total = total
    if opts.ratio is not None:
        target_total = min(target_total, round(opts.ratio * total))
    if opts.triangles is not None:
        target_total = min(target_total, opts.triangles)
    out = model.copy()
    out.lods, out.lod_screen_sizes = [], []
    # an error target alone collapses as far as the error allows
    only_error = opts.ratio is None and opts.triangles is None
    fraction = 0.0 if only_error else target_total / max(total, 1)
    closed = [topology.is_closed(p.mesh) for p in model.parts]
    errors = [0.0] * len(model.parts)
    # parts that stalled above their target (seams, locked spots) gain nothing from a smaller one
    stalled = [False] * len(model.parts)
    for _attempt in range(4):
        for i, (src, dst, was_closed) in enumerate(zip(model.parts, out.parts, closed, strict=True)):
            if stalled[i]:
                continue
            scale = _part_scale(src.transform)
            target = max(MIN_CLOSED_TRIANGLES if was_closed else 1, int(np.floor(src.mesh.triangle_count * fraction)))
            limit = None if max_error is None else max_error / scale
            res = simplify_mesh(src.mesh, target, limit, opts, was_closed)
            # a closed part stays closed: give it more triangles until it does (or keep it as it was)
            while was_closed and not topology.is_closed(res.mesh) and res.mesh.triangle_count < src.mesh.triangle_count:
                target = max(2 * target, res.mesh.triangle_count + 1)
                if target >= src.mesh.triangle_count:
                    res = SimplifyResult(src.mesh, 0.0, np.arange(src.mesh.vertex_count))
                    break
                res = simplify_mesh(src.mesh, target, limit, opts, was_closed)
            dst.mesh = res.mesh
            errors[i] = res.error * scale
            stalled[i] = res.mesh.triangle_count > STALL_SLACK * target
        worst = max(errors, default=0.0)
        got = out.triangle_count
        if all(stalled):
            break
        # small parts cannot shrink in proportion: squeeze the others until the total fits
        if got <= target_total or fraction <= 1e-4:
            break
        fraction *= max(0.25, target_total / got * 0.95)
    log.info(
        "simplify %s: %s -> %s triangles (%+.0f%%), error %.3g m",
        model.name, f"{total:,}", f"{out.triangle_count:,}",
        100.0 * (out.triangle_count - total) / max(total, 1), worst,
    )
    out.metadata["simplify"] = {
        "triangles_before": total,
        "triangles_after": out.triangle_count,
        "error_m": round(worst, 9),
        "ratio": opts.ratio,
        "target_triangles": opts.triangles,
        "error_target_m": max_error,
        "flat": opts.flat,
    }
    return out
