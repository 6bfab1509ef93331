"""Simplification that keeps UV seams, hard edges, part/material boundaries and open borders.

Each part is simplified on its own (so part and material boundaries never move between parts) with
meshoptimizer's edge collapse ordered by quadric error (Garland and Heckbert 1997) with attribute
quadrics (Hoppe 1999): ``meshopt_simplifyWithUpdate`` in meshoptimizer 1.0, which also moves each kept
vertex to its quadric optimum while collapsing, or ``meshopt_simplifyWithAttributes`` plus
:mod:`meshforge.lod.placement` on the 0.23 fallback (:mod:`meshforge.geometry.meshopt`). meshoptimizer
classifies vertices that share a position but differ in UV or normal as *seam* vertices and only
collapses them along the seam, both sides together, so a UV chart never borrows a texture coordinate
from another chart; vertices on open borders only slide along the border. Every output vertex is an
input vertex, keeping its UV and normal; only its position may move (see :mod:`meshforge.lod.metrics`
for the checks).

Seam duplicates made by float rounding are snapped onto one position first (meshoptimizer detects
seams by exact position equality), and exact duplicates (same position, UV and normal) are merged, or
they would hold the surface like seams.

Coarse levels are then searched, cliff-checked, fitted to the original surface, tried without
their small loose pieces and with their thin boxes as cards (:mod:`meshforge.lod.cards`: a card's
vertices move onto the box's middle plane and take its face's normal, their UVs kept), each step judged
by a measured Hausdorff distance (:func:`simplify_mesh`, :mod:`meshforge.lod.fit`).

Targets: a ratio of triangles, a triangle count, or a geometric error (meters, or a fraction of the
model's bounding-box diagonal); the first one reached stops the collapse (a ratio may stop early
before an error cliff; a triangle count is a cap). Counts are logged before and after (STYLE.md,
glTF-Transform's ``formatDeltaOp``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

import numpy as np

from meshforge.core.errors import ParameterError
from meshforge.core.model import Model
from meshforge.geometry import meshopt
from meshforge.geometry.mesh import Mesh, concatenate
from meshforge.lod import topology
from meshforge.lod.cards import flattened, thin_boxes
from meshforge.lod.metrics import SurfaceQuery, _ranges, sample_surface
from meshforge.lod.rebake import MAX_BAKE_PX, MIN_BAKE_PX

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
    #: and go on; also keep the smoothed collapse wherever meshoptimizer's error says it is clearly
    #: closer (:data:`SOFT_MARGIN`). UV seams are always kept, and normals are split again afterwards.
    soften_when_stalled: bool = True
    #: also try lighter attribute weights and keep the result closest to the input (:func:`simplify_mesh`).
    search: bool = True
    #: fit the kept vertices to the original surface, largest gaps first (:mod:`meshforge.lod.fit`).
    fit: bool = True
    #: a ratio target stops early where the last collapses would multiply the measured distance by this
    #: factor while saving under a third of the triangles (``_before_cliff``); None always reaches it.
    #: A triangle budget is a cap: it is always reached when seams allow. Where seams stop a ratio target
    #: above it, the level with 1.5x the triangles replaces the stalled one when it is over 2.25x closer
    #: (``_before_stall``); None goes all the way in both cases.
    cliff: float | None = 4.0
    #: when seams stop a coarse level above its target, also try without the small disconnected pieces
    #: that meshoptimizer's pruning would remove (hoops on a barrel, a bolt head), giving their triangles
    #: to the rest; the closer result wins (``_without_small_pieces``).
    drop_pieces: bool = True
    #: meshoptimizer's regularising collapse (more even triangles and sides; meshoptimizer >= 0.25,
    #: ignored on the 0.23 fallback). The search tries it by itself where pieces get a handful of
    #: triangles each (:data:`REGULAR_PER_PIECE`).
    regularize: bool = False
    #: at a coarse level, thin boxes whose UV charts hold them at 12 triangles (a chair's slats) may
    #: become 4-triangle cards on their middle plane, each face keeping its UVs, giving the freed
    #: triangles to the rest; kept when measured closer (``_with_cards``, :mod:`meshforge.lod.cards`).
    #: False keeps every box a box (a card is closed but encloses no volume: printing, physics).
    cards: bool = True
    #: when UV seams hold a textured part above its target and the level cannot reach its total with
    #: every UV kept (nor by leaving parts out), or keep a part far from the original (the level without
    #: them is measured closer than :data:`REBAKE_GAIN` of its distance), simplify that part without its
    #: UVs and bake its textures onto new ones (:mod:`meshforge.lod.rebake`): it reaches its target and
    #: keeps its looks, but its UVs and textures are new (not from the original charts). A re-baked part
    #: must stay within :data:`REBAKE_MAX_ERROR` of its size or ``ERROR_JUMP`` of the held level.
    rebake: bool = False
    #: side of a re-baked atlas in pixels (default: the part's largest texture side).
    rebake_px: int | None = None

    def __post_init__(self) -> None:
        if self.ratio is None and self.triangles is None and self.error_m is None and self.error_relative is None:
            raise ParameterError("simplify needs a ratio, a triangle count or an error target")
        if self.ratio is not None and not (0.0 < self.ratio <= 1.0):
            raise ParameterError(f"ratio must be in (0, 1], got {self.ratio}")
        if self.triangles is not None and self.triangles < 1:
            raise ParameterError(f"triangle target must be at least 1, got {self.triangles}")
        if self.rebake_px is not None and not MIN_BAKE_PX <= self.rebake_px <= MAX_BAKE_PX:
            raise ParameterError(f"rebake_px must be between {MIN_BAKE_PX} and {MAX_BAKE_PX} pixels, "
                                 f"got {self.rebake_px}")
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


#: Restarts from the original mesh, each with more positions locked around broken edges, before the
#: error limit is bisected instead.
LOCK_ROUNDS = 6
#: meshoptimizer runs spent bisecting the error limit per round.
BISECT_STEPS = 6
#: Most meshoptimizer runs per mesh (keeps large meshes within 2x gltfpack's time); the best valid
#: result so far is kept when they run out.
MAX_COLLAPSES = 30
#: A result within this factor of the triangle target counts as reaching it.
STALL_SLACK = 1.05
#: Between two collapses stopped above their target, the one with fewer triangles loses when its
#: meshoptimizer error is this many times the other's (within :data:`CLIFF_SPAN` of its count).
ERROR_JUMP = 4.0


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
    first, inverse = topology.unique_rows(np.concatenate(cols, axis=1))
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


def merge_duplicates(mesh: Mesh) -> tuple[Mesh, np.ndarray]:
    """``(mesh, first)``: vertices equal in position, UV and normal merged into one (``first``: per new
    vertex, the old vertex it is). meshoptimizer takes two vertices at one position for the two sides of
    a seam, whatever their attributes, and collapses them only along it: exact duplicates (an OBJ's
    patches, a glTF's split fans) would hold the surface like seams. The mesh itself is returned when
    there are none."""
    weld = mesh.weld_map()
    cols = [weld[:, None].astype(np.float64)]
    if mesh.uvs is not None:
        cols.append(np.round(np.nan_to_num(mesh.uvs) * 1e7))
    if mesh.normals is not None:
        cols.append(np.round(np.nan_to_num(mesh.normals) * 1e6))
    first, inverse = topology.unique_rows(np.concatenate(cols, axis=1))
    if len(first) == mesh.vertex_count:
        return mesh, np.arange(mesh.vertex_count)
    out = Mesh(mesh.vertices[first], inverse[mesh.faces], None if mesh.normals is None else mesh.normals[first],
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


@dataclass
class _Input:
    """What every collapse attempt starts from: the original mesh (at most with hard-normal splits merged,
    which keeps every position) and the arrays meshoptimizer reads."""

    mesh: Mesh
    #: mesh vertex -> vertex of the original mesh.
    first: np.ndarray
    positions: np.ndarray
    attributes: np.ndarray | None
    weights: np.ndarray | None
    #: welded position id per vertex; the same ids as the original's, softened or not.
    weld: np.ndarray
    #: hard-normal splits were merged somewhere (:func:`merge_normal_splits`): the result's normals
    #: are split again from the original's (:func:`split_normals_again`).
    softened: bool = False

    @classmethod
    def of(cls, mesh: Mesh, first: np.ndarray, opts: SimplifyOptions, softened: bool = False) -> _Input:
        attributes, weights = _attributes(mesh, opts)
        return cls(mesh, first, snap_seams(mesh), attributes, weights, mesh.weld_map(), softened)


@dataclass
class _Attempt:
    """One meshoptimizer collapse of an :class:`_Input` and what it broke."""

    source: _Input
    #: (K, 3) faces on ``source.mesh`` vertices, back-to-back fins removed.
    faces: np.ndarray
    #: meshoptimizer's error estimate (local units).
    error: float
    #: welded ids at the ends of broken edges; empty when the topology is intact.
    bad: np.ndarray
    #: (N, 3) positions of ``source.mesh`` vertices moved to their quadric optimum while collapsing
    #: (``meshopt_simplifyWithUpdate``), or None when vertices kept their input positions.
    positions: np.ndarray | None = None

    @property
    def valid(self) -> bool:
        return not len(self.bad)


@dataclass
class _Topology:
    """Welded topology of the original mesh, shared by every attempt."""

    count: int
    closed: bool
    #: edges that already had three or more faces in the input (not counted as broken).
    allowed: np.ndarray
    adjacency: object
    #: sheet per position (:func:`meshforge.lod.topology.sheets`): pieces that touched may keep touching.
    sheet: np.ndarray
    #: connected piece per position (-1 where no face uses it): a collapse must not make one vanish.
    piece: np.ndarray
    #: meshoptimizer runs left (:data:`MAX_COLLAPSES`).
    runs: int = MAX_COLLAPSES
    #: move kept vertices while collapsing (meshoptimizer >= 0.25)
    update: bool = False

    @classmethod
    def of(cls, mesh: Mesh, closed: bool) -> _Topology:
        weld = mesh.weld_map()
        count = int(weld.max()) + 1
        wfaces = weld[mesh.faces]
        adjacency = topology.adjacency(wfaces, count)
        from scipy.sparse.csgraph import connected_components

        piece = connected_components(adjacency, directed=False)[1]
        used = np.zeros(count, dtype=bool)
        used[wfaces.reshape(-1)] = True
        return cls(count, closed, topology.nonmanifold_keys(wfaces, count), adjacency,
                   topology.sheets(wfaces, count), np.where(used, piece, -1))


#: A piece a collapse removes whole counts as broken when its diagonal is over this many times the
#: collapse's error.
VANISH_SIZE = 8.0


_POOL: tuple[int, ThreadPoolExecutor] | None = None


def _pool() -> ThreadPoolExecutor:
    """One worker thread per process for collapses run ahead (:func:`_bisect_limit`)."""
    global _POOL
    if _POOL is None or _POOL[0] != os.getpid():
        _POOL = (os.getpid(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="meshforge-collapse"))
    return _POOL[1]


def _collapse(src: _Input, topo: _Topology, target: int, limit: float, flags: int,
              locked: np.ndarray | None, count_run: bool = True) -> _Attempt:
    """One collapse of the original to ``target`` triangles or ``limit`` error, fins removed, checked
    (``count_run``: it counts against ``topo.runs``; a collapse run ahead is counted when it is used)."""
    if count_run:
        topo.runs -= 1
    lock = locked[src.weld] if locked is not None and locked.any() else None
    moved = None
    if topo.update:
        indices, moved, _attrs, err = meshopt.simplify_with_update(
            src.positions, src.mesh.faces, src.attributes, src.weights, 3 * max(int(target), 0), limit, flags,
            vertex_lock=lock,
        )
    else:
        indices, err = meshopt.simplify_with_attributes(
            src.positions, src.mesh.faces, src.attributes, src.weights, 3 * max(int(target), 0), limit, flags,
            vertex_lock=lock,
        )
    faces = indices.reshape(-1, 3).astype(np.int64)
    faces = faces[topology.drop_fins(src.weld[faces])]
    if moved is not None:
        moved = _close_seams(moved.astype(np.float64), src.weld, faces)
    bad = topology.bad_positions(src.weld[faces], topo.count, topo.closed, topo.allowed, topo.sheet)
    if not flags & meshopt.SIMPLIFY_PRUNE:
        # a piece collapsed to nothing (a thin slat folded into a fin, which drop_fins removes) is broken
        # too: meshoptimizer's error sees the slat's thickness, not the slat gone
        alive = np.zeros(int(topo.piece.max(initial=-1)) + 1, dtype=bool)
        alive[topo.piece[src.weld[faces]].reshape(-1)] = True
        gone = (topo.piece >= 0) & ~alive[np.maximum(topo.piece, 0)]
        if gone.any():
            # only pieces larger than what the collapse may cost: smaller ones are its to drop
            pos = np.zeros((topo.count, 3))
            pos[src.weld] = src.positions[:, :3]
            low = np.full((len(alive), 3), np.inf)
            high = np.full((len(alive), 3), -np.inf)
            np.minimum.at(low, topo.piece[gone], pos[gone])
            np.maximum.at(high, topo.piece[gone], pos[gone])
            big = np.linalg.norm(high - low, axis=1) > VANISH_SIZE * max(err, 1e-12)  # read only where gone
            bad = np.union1d(bad, np.flatnonzero(gone & big[np.maximum(topo.piece, 0)]))
    return _Attempt(src, faces, err, bad, moved)


def _close_seams(positions: np.ndarray, weld: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """``positions`` where every used vertex of one welded position sits at one point.

    meshoptimizer moves the copies of a seam vertex together; this makes sure of it (a crack along a UV
    seam would open the model): copies that differ are put at their mean.
    """
    used = np.unique(faces)
    if not len(used):
        return positions
    groups = weld[used]
    count = int(groups.max()) + 1
    total = np.zeros((count, 3))
    np.add.at(total, groups, positions[used])
    mean = total / np.maximum(np.bincount(groups, minlength=count), 1)[:, None]
    spread = np.abs(positions[used] - mean[groups]).max(axis=1)
    if spread.max(initial=0.0) > 0.0:
        positions = positions.copy()
        positions[used] = mean[groups]
    return positions


def _better(a: _Attempt | None, b: _Attempt | None, target: int) -> _Attempt | None:
    """The better of two valid attempts: at or below ``target`` triangles with the lowest error, else the
    one with fewer triangles unless its error jumped (:data:`ERROR_JUMP`); invalid attempts and None
    lose."""
    a = a if a is not None and a.valid else None
    b = b if b is not None and b.valid else None
    if a is None or b is None:
        return a if b is None else b
    a_in, b_in = len(a.faces) <= target, len(b.faces) <= target
    if a_in and b_in:
        return a if a.error <= b.error else b
    if a_in != b_in:
        return a if a_in else b
    fewer, more = (a, b) if len(a.faces) <= len(b.faces) else (b, a)
    # both stopped above the target: fewer triangles win, unless they cost a jump in error (a restart
    # with locks can end valid but with a whole dome folded flat)
    if fewer.error > ERROR_JUMP * max(more.error, 1e-30) and len(more.faces) <= CLIFF_SPAN * len(fewer.faces):
        return more
    return fewer


def _bisect_limit(src: _Input, topo: _Topology, target: int, broken: float, flags: int,
                  locked: np.ndarray | None, steps: int) -> _Attempt | None:
    """Best valid collapse of ``src`` with an error limit below ``broken`` (a limit whose collapse broke
    the topology), in at most ``steps`` collapses: the limit halves until a collapse keeps the topology,
    then is bisected between the last valid and the first broken limit. Every collapse restarts from
    ``src``; the valid one with the fewest triangles (the last before the break) is returned."""
    best = None
    bad_limit, good_limit = max(broken, 1e-30), None
    ahead: dict[float, _Attempt] = {}
    for step in range(steps):
        if topo.runs <= 0:
            break
        limit = bad_limit * 0.5 if good_limit is None else 0.5 * (good_limit + bad_limit)
        attempt = ahead.pop(limit, None)
        ahead.clear()
        if attempt is not None:
            topo.runs -= 1
        elif good_limit is None and step + 1 < steps and topo.runs > 1:
            # while halving, the next halving's collapse runs alongside this one (meshoptimizer releases
            # the GIL); it is used, and counted, only when this one breaks too, as it would have run next
            later = _pool().submit(_collapse, src, topo, target, limit * 0.5, flags, locked, False)
            attempt = _collapse(src, topo, target, limit, flags, locked)
            ahead[limit * 0.5] = later.result()
        else:
            attempt = _collapse(src, topo, target, limit, flags, locked)
        if attempt.valid:
            best = _better(best, attempt, target)
            good_limit = limit
            if len(attempt.faces) <= target:
                break
        else:
            bad_limit = limit
        if good_limit is not None and bad_limit - good_limit <= 0.02 * bad_limit:
            break
    return best


def _valid_collapse(src: _Input, topo: _Topology, target: int, limit: float, flags: int,
                    opts: SimplifyOptions, first: _Attempt | None = None, ran_ahead: bool = False) -> _Attempt | None:
    """The collapse of the original mesh to ``target`` triangles (or ``limit`` error) that keeps the
    topology, or the valid one closest to it; None when every collapse breaks it.

    Every attempt restarts from the original mesh (its quadrics, its vertices), never from an earlier
    result, so errors do not add up. When a collapse breaks an edge (three or more faces, or on a closed
    part a hole or a flipped face), the hard-normal splits around the broken edges are merged first (the
    usual cause near seams, :func:`merge_normal_splits`). Otherwise the error limit is bisected to find
    the last valid state before the break (:func:`_bisect_limit`), and the positions of that state around
    the broken edges are locked (meshoptimizer's ``vertex_lock``: they neither move nor go away): the
    few vertices still holding the surface apart there, e.g. the third corner of a thin handle's
    cross-section that the broken collapse folded away. Locks accumulate over the rounds; the best valid
    result seen is kept. ``first``: the unlocked collapse of ``src``, when the caller already ran it
    (``ran_ahead``: without counting it against ``topo.runs``, which happens here when it is used).
    """
    locked = np.zeros(topo.count, dtype=bool)
    softened = 0
    best = None
    for _round in range(LOCK_ROUNDS):
        if topo.runs <= 0:
            break
        if _round == 0 and first is not None:
            attempt = first
            if ran_ahead:
                topo.runs -= 1
        else:
            attempt = _collapse(src, topo, target, limit, flags, locked)
        if attempt.valid:
            return _better(best, attempt, target)
        mask = np.zeros(topo.count, dtype=bool)
        mask[attempt.bad] = True
        if opts.soften_when_stalled and src.mesh.normals is not None and softened < 2:
            region = topology.grow(mask, topo.adjacency, 2 + 2 * softened)
            softer, kept = merge_normal_splits(src.mesh, region)
            softened += 1
            if softer.vertex_count < src.mesh.vertex_count:
                src = _Input.of(softer, src.first[kept], opts, softened=True)
                log.debug("simplify: %d broken positions, merged hard-normal splits around them", len(attempt.bad))
                continue
        before = _bisect_limit(src, topo, target, min(limit, attempt.error), flags, locked, BISECT_STEPS)
        best = _better(best, before, target)
        if before is None:
            near = topology.grow(mask, topo.adjacency, 1)
        else:
            wfaces = src.weld[before.faces]
            kept = np.zeros(topo.count, dtype=bool)
            kept[wfaces.reshape(-1)] = True
            near = topology.grow(mask, topology.adjacency(wfaces, topo.count), 1) & kept
            # of those, the ones the broken collapse removed did the damage
            gone = near.copy()
            gone[src.weld[attempt.faces].reshape(-1)] = False
            near = (gone | mask) if gone.any() else near
        if not (near & ~locked).any():
            break
        locked |= near
        log.debug("simplify: %d broken positions, locking %d and restarting", len(attempt.bad), int(locked.sum()))
    return best


#: A collapse with every hard-normal split merged replaces the one that keeps them when meshoptimizer's
#: error is at most this fraction of it (the DamagedHelmet at 4,000 triangles: 38 -> 19 mm).
SOFT_MARGIN = 0.8
#: Collapses tried besides the requested one: ``(factor on uv_weight and normal_weight, soften)``, where
#: ``soften`` merges hard-normal splits for the collapse and splits the normals again afterwards
#: (:func:`split_normals_again`); :func:`simplify_mesh` keeps the candidate with the lowest measured
#: distance. Hard edges hold a coarse level like UV seams do: a mug's rim and base at 2% (1.25 -> 0.74
#: of PyMeshLab's distance).
SEARCH_VARIANTS = ((0.2, True), (0.0, True))
#: Where the target leaves fewer than this many triangles per piece of the mesh, the search also runs
#: the chosen weighting's collapse regularised (``meshopt_SimplifyRegularize``): with three or four
#: sides per leg the greedy collapse may keep a leg's corners on one half of its circle (a chair's leg at
#: 2% kept its bottom corners at 0, 87 and 179 degrees, 0.7 of its radius off), the regularised one
#: spaces them. Elsewhere it is seldom closer (every benchmark row collapsed regularised: 20 of 36
#: within PyMeshLab's distance instead of 35).
REGULAR_PER_PIECE = 16
#: Surface samples per side when candidates are compared.
SEARCH_SAMPLES = 1500
#: Another candidate replaces the requested weighting only when its measured Hausdorff distance is at
#: most this fraction of the requested one's (attributes matter for shading, which distance ignores).
SEARCH_MARGIN = 0.9
#: A ratio target stops early when reaching it from at most this many times its triangles multiplies the
#: measured distance by ``SimplifyOptions.cliff`` (:func:`_before_cliff`).
CLIFF_SPAN = 1.5
#: Error limits (fractions of the chosen collapse's meshoptimizer error) tried by :func:`_before_cliff`,
#: fewest triangles first: the jump can sit anywhere in the last collapses (a chest's arched straps at
#: 44 triangles were spikes 31% of their size off, at 66 an arch 5% off).
CLIFF_STEPS = (0.5, 0.25, 0.125)
#: Levels with at most this many triangles are *coarse*: searched, cliff-checked and fitted
#: (:func:`simplify_mesh`). Finer levels gain little from the search, and their vertices outnumber the
#: samples, so a fit on random samples could not see every gap it might widen (they get a peak fit).
COARSE_TRIANGLES = 2000
#: Levels above :data:`COARSE_TRIANGLES` and at most this many get a peak fit (:func:`_peak_fit`); finer
#: ones are far below the peers' distance already, and a fit over all their vertices would cost more
#: than their collapse.
PEAK_FIT_TRIANGLES = 10_000
#: Original vertices farthest from a fine level that its peak fit pulls towards (plus as many area points).
PEAK_POINTS = 500
#: Area-weighted points on a fine level per peak-fit round, besides its every vertex (where a face
#: bridges a gap, as under the DamagedHelmet's visor, the largest distance is inside the face).
PEAK_LEVEL_SAMPLES = 5000
#: Rounds of the peak fit.
PEAK_ROUNDS = 2
#: Meshes with more triangles skip the search (their collapses are slow and already far below the
#: quadric peers' error: measured on the Stanford bunny, 69k triangles).
SEARCH_MAX_TRIANGLES = 30_000


def simplify_mesh(
    mesh: Mesh, target_triangles: int, max_error_m: float | None, opts: SimplifyOptions,
    closed: bool | None = None, free_borders: bool = False,
) -> SimplifyResult:
    """Simplify one mesh to at most ``target_triangles`` (or until ``max_error_m`` meters, local units).

    UV poles (:func:`uv_poles`: the pole of a lathe or UV sphere, one position with a UV copy per fan
    triangle) are merged into one vertex while collapsing and split back afterwards
    (:func:`split_uv_poles`): held as seam corners, a pole ring keeps every vertex and a coarse apple
    turns into a box.

    The collapse itself is :func:`_simplify_one`. Coarse levels (at most :data:`COARSE_TRIANGLES`), where
    the greedy collapse order decides most of the error, get three more steps, each judged by the
    two-sided Hausdorff distance to ``mesh`` measured on :data:`SEARCH_SAMPLES` samples per side:

    1. ``opts.search``: the collapse is also run with lighter attribute weights and hard edges
       softened (:data:`SEARCH_VARIANTS`) and the closest result within reach of the target wins (the
       requested weighting unless another is clearly closer, :data:`SEARCH_MARGIN`);
    2. ``opts.cliff`` (ratio targets only): stop early when the last collapses multiply the distance
       (:func:`_before_cliff`);
    3. ``opts.fit``: the kept vertices are fitted to the original surface, largest gaps first
       (:func:`meshforge.lod.fit.fit_to_surface`; ``free_borders``: open-border positions move too,
       for a mesh whose borders meet no other part). Fine levels, up to :data:`PEAK_FIT_TRIANGLES`,
       get this step alone, fitted to the original's vertices farthest from them (:func:`_peak_fit`);
    4. ``opts.drop_pieces``: when seams stopped it above its target, the same without the small
       disconnected pieces meshoptimizer's pruning would remove, when that is closer
       (:func:`_without_small_pieces`);
    5. ``opts.cards``: thin boxes held at 12 triangles become 4-triangle cards and the rest is simplified
       again with the triangles they free, when that is closer (:func:`_with_cards`).

    Where the target leaves under :data:`REGULAR_PER_PIECE` triangles per piece, step 1 also runs the
    chosen weighting's collapse regularised.

    A collapse that seams stopped well above its target skips steps 1-3 (its restarts took the time).
    """
    if closed is None:
        closed = topology.is_closed(mesh)
    poles = uv_poles(mesh)
    if poles.any():
        merged, kept = _merge_uv_poles(mesh, poles)
        result = _simplify_mesh(merged, target_triangles, max_error_m, opts, closed, free_borders)
        level, source = split_uv_poles(mesh, poles, result.mesh, kept[result.source_vertex])
        return SimplifyResult(level, result.error, source)
    return _simplify_mesh(mesh, target_triangles, max_error_m, opts, closed, free_borders)


def _simplify_mesh(mesh: Mesh, target_triangles: int, max_error_m: float | None, opts: SimplifyOptions,
                   closed: bool, free_borders: bool) -> SimplifyResult:
    """:func:`simplify_mesh` without the UV-pole handling."""
    measure = _measure_of(mesh)
    chosen, reached = _refine(mesh, target_triangles, max_error_m, opts, closed, measure, free_borders)
    if opts.drop_pieces and not reached:
        chosen = _without_small_pieces(mesh, target_triangles, max_error_m, opts, chosen, measure, free_borders)
    if opts.cards:
        chosen = _with_cards(mesh, target_triangles, max_error_m, opts, chosen, measure, free_borders)
    return chosen


def simplify_without_uvs(mesh: Mesh, target_triangles: int, max_error_m: float | None, opts: SimplifyOptions,
                         closed: bool, free_borders: bool = False) -> SimplifyResult | None:
    """:func:`simplify_mesh` of ``mesh`` with its UVs dropped, what re-baking starts from (no chart
    corner holds it), or None when that empties the mesh or opens it where it was ``closed``."""
    plain = Mesh(mesh.vertices, mesh.faces, mesh.normals, None)
    free = simplify_mesh(plain, target_triangles, max_error_m, opts, closed, free_borders)
    if not free.mesh.triangle_count or (closed and not topology.is_closed(free.mesh)):
        return None
    return free


def uv_poles(mesh: Mesh) -> np.ndarray:
    """(N,) bool: vertices at a *UV pole*, a position with at least three UV copies, each used by one
    face, whose faces form one fan: joined through the vertices they share besides the pole (same
    position and same UV).

    A lathe or UV sphere gives its pole one copy per fan triangle (U runs around, the pole row of the
    texture shrinks to a point): one singular point inside one chart, not a seam between charts. Held
    as seam corners, the pole and its ring would never collapse. Where charts meet (a box-projected
    corner), neighbouring faces share no vertex with the same UV, so that is not a pole.
    """
    none = np.zeros(mesh.vertex_count, dtype=bool)
    if mesh.uvs is None or not mesh.triangle_count:
        return none
    weld = mesh.weld_map()
    groups = int(weld.max()) + 1
    copies = np.bincount(weld, minlength=groups)
    uses = np.bincount(mesh.faces.reshape(-1), minlength=mesh.vertex_count)
    single = np.bincount(weld, weights=(uses == 1).astype(np.float64), minlength=groups)
    first, _ = topology.unique_rows(np.concatenate([weld[:, None], np.round(np.nan_to_num(mesh.uvs) * 1e7)], axis=1))
    distinct = np.bincount(weld[first], minlength=groups)  # different UVs at each position
    # three or more copies, each with its own UV (copies that differ only in normal are hard edges)
    candidate = ((copies >= 3) & (single == copies) & (distinct == copies))[weld]
    if not candidate.any():
        return none
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    # the face of each candidate copy, joined to the faces it shares a (non-candidate) vertex with
    at = candidate[mesh.faces]
    face = np.flatnonzero(at.any(axis=1))
    f = mesh.faces[face]
    others = np.where(at[face], -1, f)
    rows = np.repeat(np.arange(len(face)), 3)[others.reshape(-1) >= 0]
    cols = len(face) + others.reshape(-1)[others.reshape(-1) >= 0]
    n = len(face) + mesh.vertex_count
    label = connected_components(coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)), directed=False)[1]
    corner_copy = f[at[face]]  # the candidate copy in each face (one per face: each copy has one face)
    comp = label[np.repeat(np.arange(len(face)), at[face].sum(axis=1))]
    lo = np.full(groups, np.iinfo(np.int64).max)
    hi = np.full(groups, -1, dtype=np.int64)
    np.minimum.at(lo, weld[corner_copy], comp)
    np.maximum.at(hi, weld[corner_copy], comp)
    return candidate & (lo == hi)[weld]


def _merge_uv_poles(mesh: Mesh, poles: np.ndarray) -> tuple[Mesh, np.ndarray]:
    """``(mesh with every pole's copies replaced by its first, merged vertex -> input vertex)``."""
    weld = mesh.weld_map()
    first = np.full(int(weld.max()) + 1, -1, dtype=np.int64)
    first[weld[::-1]] = np.arange(len(weld))[::-1]
    remap = np.where(poles, first[weld], np.arange(mesh.vertex_count))
    faces = remap[mesh.faces]
    kept = np.unique(faces)
    index = np.full(mesh.vertex_count, -1, dtype=np.int64)
    index[kept] = np.arange(len(kept))
    merged = Mesh(mesh.vertices[kept], index[faces], None if mesh.normals is None else mesh.normals[kept],
                  mesh.uvs[kept], mesh.uv_mode)
    return merged, kept


def split_uv_poles(original: Mesh, poles: np.ndarray, level: Mesh, source: np.ndarray) -> tuple[Mesh, np.ndarray]:
    """``(level, source)`` with each face corner at a UV pole given the pole copy of ``original`` whose UV
    is nearest the mean UV of the face's other two corners (the copy a fan triangle there would have),
    so every UV is still one of the original's and fan triangles are not sheared. ``source``: original
    vertex per level vertex (:class:`SimplifyResult`); the returned one names the copy taken."""
    weld = original.weld_map()
    order = np.flatnonzero(poles)[np.argsort(weld[poles], kind="stable")]
    groups, starts, sizes = np.unique(weld[order], return_index=True, return_counts=True)
    slot_of = np.full(int(weld.max()) + 1, -1, dtype=np.int64)
    slot_of[groups] = np.arange(len(groups))
    corner = level.faces.reshape(-1)
    chosen = source[corner].copy()
    at_pole = poles[chosen]
    if at_pole.any():
        uv = level.uvs[level.faces]  # (F, 3, 2)
        others = (uv.sum(axis=1, keepdims=True) - uv).reshape(-1, 2) / 2.0
        rows = np.flatnonzero(at_pole)
        g = slot_of[weld[chosen[rows]]]
        best = np.full(len(rows), np.inf)
        for k in range(int(sizes.max())):
            has = sizes[g] > k
            cand = order[np.minimum(starts[g] + k, len(order) - 1)]
            d = np.linalg.norm(original.uvs[cand] - others[rows], axis=1)
            better = has & (d < best)
            chosen[rows[better]], best[better] = cand[better], d[better]
    first, inverse = topology.unique_rows(np.stack([corner, chosen], axis=1))
    pairs = np.stack([corner, chosen], axis=1)[first]
    pole = poles[pairs[:, 1]][:, None]
    uvs = np.where(pole, original.uvs[pairs[:, 1]], level.uvs[pairs[:, 0]])
    normals = None
    if level.normals is not None:
        normals = level.normals[pairs[:, 0]]
        if original.normals is not None:
            normals = np.where(pole, original.normals[pairs[:, 1]], normals)
    out = Mesh(level.vertices[pairs[:, 0]], inverse.reshape(-1, 3), normals, uvs, level.uv_mode)
    out._weld = topology.relabel(level.weld_map()[pairs[:, 0]])
    return out, pairs[:, 1]


def _refine(mesh: Mesh, target_triangles: int, max_error_m: float | None, opts: SimplifyOptions, closed: bool,
            measure: _Measure, free_borders: bool = False) -> tuple[SimplifyResult, bool]:
    """Steps 1-3 of :func:`simplify_mesh`: ``(result, reached)`` as :func:`_search` returns them. A
    fitted coarse level of a mesh without attributes may instead be collapsed from its level at
    :data:`CASCADE` times the target (:func:`_cascade`)."""
    n = mesh.triangle_count
    chosen, reached, variant, soften = _search(mesh, target_triangles, max_error_m, opts, closed, measure)
    count = chosen.mesh.triangle_count
    if not 0 < count < n:
        return chosen, reached
    if count > COARSE_TRIANGLES:
        if opts.fit and reached and count <= PEAK_FIT_TRIANGLES:
            chosen = _peak_fit(mesh, chosen, measure, free_borders and not opts.lock_borders)
        return chosen, reached
    soft = opts.cliff is not None and opts.ratio is not None and opts.triangles is None
    if soft and reached and target_triangles > 0 and chosen.error > 0:
        chosen = _before_cliff(mesh, target_triangles, max_error_m, variant, closed, chosen, measure, soften)
    if opts.fit and reached:
        chosen = _fitted(mesh, chosen, measure, free_borders and not opts.lock_borders)
        if opts.search and target_triangles > 0 and mesh.uvs is None and mesh.normals is None \
                and n <= SEARCH_MAX_TRIANGLES and chosen.mesh.triangle_count <= STALL_SLACK * target_triangles:
            cascaded = _cascade(mesh, target_triangles, max_error_m, opts, closed, measure, free_borders)
            if cascaded is not None and measure.hausdorff(cascaded.mesh) < measure.hausdorff(chosen.mesh):
                log.debug("simplify: collapsed from a finer level")
                chosen = cascaded
    return chosen, reached


def _fitted(mesh: Mesh, chosen: SimplifyResult, measure: _Measure, free_borders: bool) -> SimplifyResult:
    """``chosen`` with its vertices fitted to ``mesh``'s surface (:func:`meshforge.lod.fit.fit_to_surface`),
    when that comes out closer on the fit's own samples and on the search's."""
    from meshforge.lod.fit import fit_to_surface

    fitted, after, before = fit_to_surface(mesh, chosen.mesh, samples=SEARCH_SAMPLES, reference=measure.reference,
                                           free_borders=free_borders)
    if max(after, measure.hausdorff(fitted)) < max(before, measure.hausdorff(chosen.mesh)):
        return SimplifyResult(fitted, chosen.error, chosen.source_vertex)
    return chosen


#: :func:`_cascade` collapses from the level at this many times the target.
CASCADE = 1.5


def _cascade(mesh: Mesh, target_triangles: int, max_error_m: float | None, opts: SimplifyOptions, closed: bool,
             measure: _Measure, free_borders: bool) -> SimplifyResult | None:
    """The coarse level collapsed from ``mesh``'s level at :data:`CASCADE` times the target (its
    collapse as :func:`_refine` picks it, not fitted) instead of from ``mesh`` itself, then fitted; None
    when that does not reach the target or opens a closed mesh.

    Without UVs or normals the search has no variants to try, and the greedy order of one collapse
    decides the level: the teapot at 10% came out 1.44 times PyMeshLab's distance before its fit and
    1.01 after. The finer level's faces give the second collapse other quadrics and another order: 0.82
    after the fit (the cow at 10%: 0.77 -> 0.52). Its vertices are ``mesh``'s, placed by both collapses
    and moved by the fit.
    """
    # the finer level only seeds the second collapse: no cliff check (a ratio's early stop), no fit (and
    # so no cascade of its own)
    finer, reached = _refine(mesh, int(CASCADE * target_triangles), max_error_m, replace(opts, cliff=None, fit=False),
                             closed, measure, free_borders)
    if not reached or finer.mesh.triangle_count <= target_triangles:
        return None
    level = _simplify_one(finer.mesh, target_triangles, max_error_m, opts, closed)
    count = level.mesh.triangle_count
    if not 0 < count <= STALL_SLACK * target_triangles or (closed and not topology.is_closed(level.mesh)):
        return None
    level = SimplifyResult(level.mesh, level.error, finer.source_vertex[level.source_vertex])
    return _fitted(mesh, level, measure, free_borders and not opts.lock_borders)


def _peak_points(mesh: Mesh, level: Mesh, count: int, seed: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """``(points, face)`` on ``mesh`` for a fit of ``level``: its ``count`` vertices (one per welded
    position) farthest from ``level``, where the largest gaps sit, plus ``count`` area-weighted points."""
    faces = mesh.faces.reshape(-1)
    weld = mesh.weld_map()
    corner = np.zeros(int(weld.max()) + 1, dtype=np.int64)
    corner[weld[faces]] = np.arange(len(faces))
    corners = corner[np.unique(weld[faces])]
    far = SurfaceQuery(level).distance(mesh.vertices[faces[corners]])
    k = min(count, len(corners))
    worst = corners[np.argpartition(far, len(far) - k)[len(far) - k:]]
    area, area_faces = sample_surface(mesh, count, seed=seed, max_vertices=0)
    return np.concatenate([mesh.vertices[faces[worst]], area]), np.concatenate([worst // 3, area_faces])


def _peak_fit(mesh: Mesh, chosen: SimplifyResult, measure: _Measure, free_borders: bool) -> SimplifyResult:
    """``chosen``, or its vertices fitted to the original's farthest vertices when that is closer.

    A fine level (above :data:`COARSE_TRIANGLES`) is off the original by a few vertices: a rounded
    corner's tip that the collapse cut (a sofa at 50%: two of 17,700 vertices set its Hausdorff
    distance). Random samples rarely hit them, so the fit gets the :data:`PEAK_POINTS` original vertices
    farthest from the level plus as many area points, and on the level's side every vertex plus
    :data:`PEAK_LEVEL_SAMPLES` area points, the same ones every round (queried again only where they may
    have moved into the largest gaps), for :data:`PEAK_ROUNDS` rounds. It is kept when it is closer, on
    its own and the search's samples, than the level was on the fit's.
    """
    from meshforge.lod.fit import fit_to_surface

    level = chosen.mesh
    points = _peak_points(mesh, level, PEAK_POINTS)
    fitted, after, before = fit_to_surface(mesh, level, samples=PEAK_LEVEL_SAMPLES, rounds=PEAK_ROUNDS,
                                           reference=measure.reference, free_borders=free_borders,
                                           original_points=points, level_vertices=level.vertex_count,
                                           fixed_samples=True)
    # ``before`` counts the original's farthest vertices, the level's largest gap as a rule
    if max(after, measure.hausdorff(fitted)) < before:
        log.debug("simplify: peak fit %.4g -> %.4g", before, after)
        return SimplifyResult(fitted, chosen.error, chosen.source_vertex)
    return chosen


#: ``(piece per vertex, count)`` of a mesh (:func:`meshforge.lod.topology.components`).
_components = topology.components


def _without_small_pieces(mesh: Mesh, target_triangles: int, max_error_m: float | None, opts: SimplifyOptions,
                          chosen: SimplifyResult, measure: _Measure, free_borders: bool = False) -> SimplifyResult:
    """``chosen``, or the mesh simplified without its small disconnected pieces when that is closer.

    At a coarse level a small piece (a barrel's hoop, a handle's rivet) may hold its triangles because
    its seams or its shape cannot go lower, and the rest of the mesh pays for them: the barrel body
    became a box to keep four hoops. meshoptimizer's pruning (``meshopt_SimplifyPrune``) names the pieces
    it would remove at this target; the rest is then simplified on its own to the whole target (steps
    1-3 of :func:`simplify_mesh`), and the two results are measured against the whole mesh: the closer
    one wins (a removed piece counts at its full distance to what is left). Only coarse levels (at most
    :data:`COARSE_TRIANGLES`) that seams stopped above their target try it (a level that reached its
    target keeps every piece: at 10% the barrel's hoops are part of its look, however thin), and only
    when the pieces lie closer to the rest than the level is to the mesh (else dropping them cannot be
    closer).
    """
    n, count = mesh.triangle_count, chosen.mesh.triangle_count
    if not 0 < count < n or count > COARSE_TRIANGLES or n > SEARCH_MAX_TRIANGLES or n < 8:
        return chosen
    piece, pieces = measure.prepared.pieces
    if pieces < 2:
        return chosen
    # one pruning collapse names the pieces (its result is not used: validity does not matter here)
    src = measure.prepared.input(opts, soften=False)
    flags = meshopt.SIMPLIFY_ERROR_ABSOLUTE | meshopt.SIMPLIFY_PRUNE
    if opts.lock_borders:
        flags |= meshopt.SIMPLIFY_LOCK_BORDER
    limit = 1e30 if max_error_m is None else float(max_error_m)
    indices, _ = meshopt.simplify_with_attributes(src.positions, src.mesh.faces, src.attributes, src.weights,
                                                  3 * max(int(target_triangles), 0), limit, flags)
    kept = np.zeros(pieces, dtype=bool)
    kept[piece[src.first[np.unique(indices)]]] = True
    if kept.all() or not kept.any():
        return chosen
    on_rest = kept[piece[mesh.faces[:, 0]]]
    rest, used = _submesh(mesh, mesh.faces[on_rest])
    dropped, _ = _submesh(mesh, mesh.faces[~on_rest])
    rest_measure = _Measure(rest)
    far = measure.hausdorff(chosen.mesh)
    # a dropped piece is at least about its own distance from the rest: no chance when that is farther
    gap = float(rest_measure.reference.distance(_search_points(dropped, 4)).max())
    log.debug("simplify: dropped pieces lie within %.3g of the rest; the level is %.3g away", gap, far)
    if gap >= far:
        return chosen
    once = replace(opts, drop_pieces=False)
    alone, _ = _refine(rest, target_triangles, max_error_m, once, topology.is_closed(rest), rest_measure, free_borders)
    if not alone.mesh.triangle_count:
        return chosen
    candidate = SimplifyResult(alone.mesh, alone.error, used[alone.source_vertex])
    near = measure.hausdorff(candidate.mesh)
    log.debug("simplify: without %d of %d pieces (%d of %d triangles) the distance is %.3g, with them %.3g",
              int((~kept).sum()), pieces, n - rest.triangle_count, n, near, far)
    return candidate if near < far else chosen


#: A thin box becomes a card only when half its thickness (the card's distance) is at most this
#: fraction of the level's distance: the triangles it frees must bring the rest closer than that.
CARD_SHARE = 0.5


def _with_cards(mesh: Mesh, target_triangles: int, max_error_m: float | None, opts: SimplifyOptions,
                chosen: SimplifyResult, measure: _Measure, free_borders: bool = False) -> SimplifyResult:
    """``chosen``, or the level with its thin boxes as cards (:mod:`meshforge.lod.cards`) when that is
    closer.

    At a coarse level a chair's back slats, held at 12 triangles each by their UV charts, leave the
    legs a few triangles each: at 2% of a 6,000-triangle chair one leg became a needle and the level
    was 1.9% of the chair's size off. As cards the slats are 4 triangles each and half their thickness
    (0.7 cm) off; the rest of the mesh is simplified again to the target less the cards' triangles.
    Only boxes that are whole pieces of ``mesh`` (joined to nothing else) and whose card is at most
    :data:`CARD_SHARE` of ``chosen``'s measured distance off become cards; the result is kept when it
    is closer than ``chosen`` with no more triangles (or no more than the target).
    Only coarse levels (at most :data:`COARSE_TRIANGLES`).
    """
    n, count = mesh.triangle_count, chosen.mesh.triangle_count
    if not 12 <= count < n or count > COARSE_TRIANGLES or n > SEARCH_MAX_TRIANGLES:
        return chosen
    far = measure.hausdorff(chosen.mesh)
    boxes = thin_boxes(chosen.mesh, 2.0 * CARD_SHARE * far)
    if not boxes:
        return chosen
    piece, pieces = measure.prepared.pieces
    level_piece = piece[chosen.source_vertex[chosen.mesh.faces[:, 0]]]
    cards, flat = [], np.zeros(pieces, dtype=bool)
    for box in boxes:
        # the box must be the whole of one piece of the mesh: its faces are all that piece left
        whole = np.unique(piece[chosen.source_vertex[chosen.mesh.faces[box.faces].ravel()]])
        if len(whole) == 1 and np.count_nonzero(level_piece == whole[0]) == len(box.faces):
            cards.append(box)
            flat[whole[0]] = True
    if not cards:
        return chosen
    card_mesh, wedges = flattened(chosen.mesh, cards)
    on_rest = ~flat[piece[mesh.faces[:, 0]]]
    budget = max(int(target_triangles), count) - card_mesh.triangle_count
    meshes, sources, error = [card_mesh], [chosen.source_vertex[wedges]], max(c.thickness for c in cards) / 2
    if on_rest.any():
        rest, used = _submesh(mesh, mesh.faces[on_rest])
        if budget < 1:
            return chosen
        # the budget is what the cards leave: no cliff check (stopping above it would lose to ``chosen``)
        alone = _simplify_mesh(rest, budget, max_error_m, replace(opts, cards=False, drop_pieces=False, cliff=None),
                               topology.is_closed(rest), free_borders)
        if not alone.mesh.triangle_count:
            return chosen
        meshes.append(alone.mesh)
        sources.append(used[alone.source_vertex])
        error = max(error, alone.error)
    candidate = SimplifyResult(concatenate(meshes), error, np.concatenate(sources))
    if candidate.mesh.triangle_count > max(count, target_triangles):
        return chosen
    near = measure.hausdorff(candidate.mesh)
    log.debug("simplify: %d thin boxes as cards: %.3g off, before %.3g", len(cards), near, far)
    return candidate if near < far else chosen


class _Prepared:
    """What every collapse of one mesh starts from, built on first use and shared by the search's,
    the cliff's and the pieces' collapses: the welded topology, and the vertices with exact duplicates
    merged (:func:`merge_duplicates`), hard-normal splits kept or merged (:func:`merge_normal_splits`)."""

    def __init__(self, mesh: Mesh):
        self.mesh = mesh
        self._topology: _Topology | None = None
        self._merged: dict[bool, tuple[Mesh, np.ndarray, np.ndarray]] = {}
        self._pieces: tuple[np.ndarray, int] | None = None

    @property
    def pieces(self) -> tuple[np.ndarray, int]:
        """``(piece per vertex, count)``: the mesh's surfaces joined through shared positions."""
        if self._pieces is None:
            self._pieces = _components(self.mesh)
        return self._pieces

    def topology(self, closed: bool) -> _Topology:
        """The mesh's :class:`_Topology`; each call gets a copy with its own run budget."""
        if self._topology is None or self._topology.closed != closed:
            self._topology = _Topology.of(self.mesh, closed)
        return replace(self._topology, runs=MAX_COLLAPSES)

    def input(self, opts: SimplifyOptions, soften: bool) -> _Input:
        """The :class:`_Input` for ``opts``' attribute weights, hard-normal splits merged if ``soften``."""
        if soften not in self._merged:
            if soften:
                softer, kept = merge_normal_splits(self.mesh)
                unique, first = merge_duplicates(softer)
                first = kept[first]
            else:
                unique, first = merge_duplicates(self.mesh)
            self._merged[soften] = (unique, first, snap_seams(unique))
        unique, first, positions = self._merged[soften]
        attributes, weights = _attributes(unique, opts)
        return _Input(unique, first, positions, attributes, weights, unique.weld_map(), soften)


class _Measure:
    """Sampled two-sided Hausdorff distances (meters) from one mesh to candidate levels; the query on
    the mesh is built on first use. ``prepared``: the mesh made ready for collapsing (:class:`_Prepared`)."""

    def __init__(self, mesh: Mesh, samples: int = SEARCH_SAMPLES):
        self.mesh = mesh
        #: vertices and as many area points per side (:func:`_search_points`)
        self.samples = samples
        self._reference = None
        self._points: np.ndarray | None = None
        #: where a level's positions and faces are (buffer addresses and lengths; the level is kept, so
        #: its buffers stay its own) -> (level, distance): a level measured twice (search, cliff, fit,
        #: stall check) is measured once, also when only its normals changed since (:func:`shade_from_level`)
        self._known: dict[tuple[int, int, int, int], tuple[Mesh, float]] = {}
        self.prepared = _Prepared(mesh)

    @property
    def reference(self) -> SurfaceQuery:
        if self._reference is None:
            self._reference = SurfaceQuery(self.mesh)
        return self._reference

    def hausdorff(self, level: Mesh) -> float:
        if not level.triangle_count:
            return float("inf")
        key = (level.vertices.ctypes.data, level.vertex_count, level.faces.ctypes.data, level.triangle_count)
        known = self._known.get(key)
        if known is not None:
            return known[1]
        if self._points is None:
            self._points = _search_points(self.mesh, 2, self.samples)
        query = SurfaceQuery(level)
        h = max(float(query.distance(self._points).max()),
                float(self.reference.distance(_search_points(level, 3, self.samples)).max()))
        self._known[key] = (level, h)
        return h


@dataclass
class _CallCache:
    """What one :func:`simplify_model` call keeps while it runs (:data:`_CALL`)."""

    #: the :class:`_Measure` of each mesh it simplifies, by ``id`` (the dict holds the measure, the
    #: measure the mesh, so the id stays that mesh's): every collapse of one part (the share rounds',
    #: the stall check's) shares its preparation, samples and measured levels.
    measures: dict[int, _Measure] = field(default_factory=dict)
    #: renders of the models it compares levels with, for :func:`meshforge.lod.metrics.visual_difference`
    #: (:func:`_without_stalled_parts` compares one model with a level with and without its held parts,
    #: once per share round).
    renders: dict = field(default_factory=dict)


#: The running :func:`simplify_model` call's :class:`_CallCache` (nested calls share the outer one).
_CALL: ContextVar[_CallCache | None] = ContextVar("meshforge_simplify_call", default=None)


def _measure_of(mesh: Mesh) -> _Measure:
    """``mesh``'s :class:`_Measure`, shared while :func:`simplify_model` runs (:class:`_CallCache`)."""
    call = _CALL.get()
    if call is None:
        return _Measure(mesh)
    measure = call.measures.get(id(mesh))
    if measure is None or measure.mesh is not mesh:
        measure = call.measures[id(mesh)] = _Measure(mesh)
    return measure


def _before_cliff(mesh: Mesh, target_triangles: int, max_error_m: float | None, opts: SimplifyOptions,
                  closed: bool, chosen: SimplifyResult, measure: _Measure, soften: bool = False) -> SimplifyResult:
    """``chosen``, or the collapse stopped before the error jumps, when the last collapses to the target
    multiply the measured distance by ``opts.cliff`` while saving few triangles. A ratio is a request:
    a chair's legs folded into needles to save the last 40 triangles is not what was asked for (a
    triangle budget is a cap and never gets here).

    The collapse is rerun with meshoptimizer's error limit at fractions of ``chosen``'s
    (:data:`CLIFF_STEPS`); each stop within :data:`CLIFF_SPAN` times the triangles is measured against
    ``chosen`` (meshoptimizer's own estimate barely moves when a thin part folds along its length), and
    the first one ``chosen`` is ``opts.cliff`` times farther from is kept. ``opts`` and ``soften``: the
    collapse ``chosen`` came from.
    """
    assert opts.cliff is not None
    count = chosen.mesh.triangle_count
    far = None
    for factor in CLIFF_STEPS:
        limit = factor * chosen.error
        if max_error_m is not None:
            limit = min(limit, max_error_m)
        before = _simplify_one(mesh, target_triangles, limit, opts, closed, soften=soften, prep=measure.prepared)
        more = before.mesh.triangle_count
        if more > CLIFF_SPAN * count:
            break
        if more <= count:
            continue
        far = measure.hausdorff(chosen.mesh) if far is None else far
        near = measure.hausdorff(before.mesh)
        if far > opts.cliff * near:
            log.debug("simplify: the last %d triangles multiply the distance by %.1f; stopping at %d",
                      more - count, far / max(near, 1e-300), more)
            return before
    return chosen


def _search(mesh: Mesh, target_triangles: int, max_error_m: float | None, opts: SimplifyOptions,
            closed: bool, measure: _Measure) -> tuple[SimplifyResult, bool, SimplifyOptions, bool]:
    """``(result, reached, its options, softened)``: the requested weighting's collapse, or another
    variant's that lands clearly closer (see :func:`simplify_mesh`); ``reached``: whether it is within
    reach of the triangle target (False when seams stopped it above)."""
    n = mesh.triangle_count
    first = _simplify_one(mesh, target_triangles, max_error_m, opts, closed, prep=measure.prepared)
    reach = STALL_SLACK * max(int(target_triangles), 1)
    count = first.mesh.triangle_count
    if target_triangles > 0 and count > reach:
        return first, False, opts, False  # seams stopped it above its target (it smoothed hard edges itself)
    if not opts.search or count >= n or n < 8 or n > SEARCH_MAX_TRIANGLES or count > COARSE_TRIANGLES:
        return first, True, opts, False
    if mesh.uvs is None and mesh.normals is None:
        return first, True, opts, False  # no attributes to weigh
    if target_triangles <= 0:
        reach = STALL_SLACK * count  # an error target alone: compare at about the same count
    variants = [(opts, False)] + [
        (replace(opts, uv_weight=opts.uv_weight * f, normal_weight=opts.normal_weight * f), soft)
        for f, soft in SEARCH_VARIANTS]
    results = [first] + [_simplify_one(mesh, target_triangles, max_error_m, v, closed, soften=soft,
                                       prep=measure.prepared) for v, soft in variants[1:]]
    best, best_h, pick = first, float("inf"), 0
    for i, res in enumerate(results):
        if res.mesh.triangle_count > reach or not res.mesh.triangle_count:
            continue
        h = measure.hausdorff(res.mesh)
        log.debug("simplify: search candidate %d: %d triangles, distance %.4g", i, res.mesh.triangle_count, h)
        if i == 0:
            h *= SEARCH_MARGIN
        if h < best_h:
            best, best_h, pick = res, h, i
    wanted = target_triangles if target_triangles > 0 else best.mesh.triangle_count  # an error target: its count
    if not opts.regularize and meshopt.has_update() and wanted < REGULAR_PER_PIECE * measure.prepared.pieces[1]:
        # the chosen weighting once more, regularised: kept when closer (the same weighting, no margin)
        chosen, soft = variants[pick]
        even = _simplify_one(mesh, target_triangles, max_error_m, replace(chosen, regularize=True), closed,
                             soften=soft, prep=measure.prepared)
        if 0 < even.mesh.triangle_count <= reach:
            h = measure.hausdorff(even.mesh)
            log.debug("simplify: search candidate %d regularised: %d triangles, distance %.4g", pick,
                      even.mesh.triangle_count, h)
            if h < measure.hausdorff(best.mesh):
                variants.append((replace(chosen, regularize=True), soft))
                best, pick = even, len(variants) - 1
    return best, True, *variants[pick]


def _search_points(mesh: Mesh, seed: int, samples: int = SEARCH_SAMPLES) -> np.ndarray:
    """At most ``samples`` of ``mesh``'s vertices (tips and corners, where distances peak) plus
    ``samples`` area-weighted surface points."""
    return sample_surface(mesh, samples, seed=seed, max_vertices=samples)[0]


def _simplify_one(
    mesh: Mesh, target_triangles: int, max_error_m: float | None, opts: SimplifyOptions, closed: bool,
    soften: bool = False, prep: _Prepared | None = None,
) -> SimplifyResult:
    """One weighting of :func:`simplify_mesh`.

    ``soften``: collapse with every hard-normal split merged (only UV seams hold the surface) and split
    the normals again afterwards (:func:`split_normals_again`). ``prep``: ``mesh`` made ready for
    collapsing, when the caller has it.
    One meshoptimizer collapse of the original mesh; where it breaks the topology, the collapse is
    restarted from the original with locks there, or with a lower error limit (:func:`_valid_collapse`).
    When seams stop it above its target, the collapse is restarted once more from the original with its
    hard-normal splits merged (``opts.soften_when_stalled``; UV seams are always kept), and the better
    result is kept; a collapse that was not stalled is also run with them merged, which replaces it when
    meshoptimizer's error is at most :data:`SOFT_MARGIN` of its own. With ``opts.place`` the kept
    vertices move to their quadric optimum: while collapsing where the library can
    (``meshopt_simplifyWithUpdate``), else afterwards (:func:`meshforge.lod.placement.place_vertices`).
    ``closed``: whether ``mesh`` is watertight.
    """
    n = mesh.triangle_count
    identity = np.arange(mesh.vertex_count)
    if n == 0 or (target_triangles >= n and max_error_m is None):
        return SimplifyResult(mesh, 0.0, identity)
    flags = meshopt.SIMPLIFY_ERROR_ABSOLUTE
    if opts.lock_borders:
        flags |= meshopt.SIMPLIFY_LOCK_BORDER
    if opts.prune:
        flags |= meshopt.SIMPLIFY_PRUNE
    if opts.regularize and meshopt.has_update():
        flags |= meshopt.SIMPLIFY_REGULARIZE
    target = max(int(target_triangles), 0)
    limit = 1e30 if max_error_m is None else float(max_error_m)
    prep = _Prepared(mesh) if prep is None else prep
    topo = prep.topology(closed)
    topo.update = opts.place and meshopt.has_update()
    if soften and mesh.normals is not None:
        best = _valid_collapse(prep.input(opts, soften=True), topo, target, limit, flags, opts)
    else:
        hard = prep.input(opts, soften=False)
        softer = prep.input(opts, soften=True) if opts.soften_when_stalled and mesh.normals is not None else None
        if softer is not None and softer.mesh.vertex_count < hard.mesh.vertex_count:
            # the collapse with hard-normal splits merged is tried whether the probe stalls or not (as the
            # restart, or as the other order): it runs alongside (meshoptimizer releases the GIL)
            later = _pool().submit(_collapse, softer, topo, target, limit, flags, None, False)
            probe = _collapse(hard, topo, target, limit, flags, None)
            soft_first: _Attempt | None = later.result()
        else:
            probe, soft_first = _collapse(hard, topo, target, limit, flags, None), None

        def stalled(a: _Attempt) -> bool:  # above the target, and not because the error limit stopped it
            return len(a.faces) > STALL_SLACK * target and (max_error_m is None or a.error < 0.5 * limit)

        best = None
        if stalled(probe) and opts.soften_when_stalled and mesh.normals is not None:
            # seams stopped it; locks and lower limits only keep more, so the hard-edged collapse stays
            # stalled: hard-normal seams are smoothed first, and the hard one only runs if that is no better
            log.debug("simplify: stalled at %d triangles, restarting with hard-normal seams smoothed",
                      len(probe.faces))
            assert softer is not None
            best = _valid_collapse(softer, topo, target, limit, flags, opts, first=soft_first,
                                   ran_ahead=soft_first is not None)
            if best is not None and (len(best.faces) > len(probe.faces) or
                                     best.error > ERROR_JUMP * max(probe.error, 1e-30)):
                best = _better(_valid_collapse(hard, topo, target, limit, flags, opts, first=probe), best, target)
        if best is None:
            best = _valid_collapse(hard, topo, target, limit, flags, opts, first=probe)
            if best is not None and soft_first is not None:
                # hard edges steer the collapse order too: with them softened it may go another way
                soft = _valid_collapse(softer, topo, target, limit, flags, opts, first=soft_first, ran_ahead=True)
                if (soft is not None and soft.valid and len(soft.faces) <= max(target, len(best.faces))
                        and soft.error < SOFT_MARGIN * best.error):
                    best = soft
    if best is None or not len(best.faces):
        return SimplifyResult(mesh, 0.0, identity)
    out, used = _submesh(best.source.mesh, best.faces)
    source = best.source.first[used]
    if best.positions is not None:
        moved = Mesh(best.positions[used], out.faces, out.normals, out.uvs, out.uv_mode)
        moved._weld = out._weld
        out = moved
    elif opts.place and out.triangle_count < n:
        from meshforge.lod.placement import place_vertices

        out = place_vertices(mesh, out, source, lock_borders=True)
    if opts.flat:
        placed = out
        out = out.with_normals(crease_deg=0.0)
        source = source[_corner_origin(placed, out)]
    elif best.source.softened:
        out, source = split_normals_again(mesh, out, source)
    return SimplifyResult(out, float(best.error), source)


def _corner_origin(before: Mesh, after: Mesh) -> np.ndarray:
    """Index into ``before``'s vertices of each vertex of ``after``, a copy with vertices split (same faces
    in the same order, as :meth:`Mesh.with_normals` returns)."""
    origin = np.zeros(after.vertex_count, dtype=np.int64)
    origin[after.faces.reshape(-1)] = before.faces.reshape(-1)
    return origin


def split_normals_again(original: Mesh, level: Mesh, source: np.ndarray) -> tuple[Mesh, np.ndarray]:
    """``(level, source)`` with the original's hard edges back where the level still has them.

    A collapse that merged hard-normal splits (:func:`merge_normal_splits`) leaves one vertex with an
    averaged normal where the original had one per smoothing group (a box corner, a mug's rim). Each
    face corner of ``level`` takes, among the original vertices at its source's position with its UV,
    the normal closest to the face's own; vertices whose corners chose differently are split. Smooth
    surfaces stay smooth (one candidate), UVs do not change. ``source``: original vertex per level
    vertex, as in :class:`SimplifyResult`; the returned one names the vertex whose normal was taken.
    """
    weld = original.weld_map()
    cols = [weld[:, None].astype(np.float64)]
    if original.uvs is not None:
        cols.append(np.round(np.nan_to_num(original.uvs) * 1e7))
    key = topology.unique_rows(np.concatenate(cols, axis=1))[1]
    order = np.argsort(key, kind="stable")
    sizes = np.bincount(key)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    corner = level.faces.reshape(-1)
    group = key[source[corner]]
    face_normal = np.repeat(level.face_normals(), 3, axis=0)
    normals = np.nan_to_num(original.normals)
    chosen = source[corner].copy()
    best = np.full(len(corner), -np.inf)
    for slot in range(int(sizes[np.unique(group)].max(initial=0))):
        has = sizes[group] > slot
        cand = order[np.minimum(starts[group] + slot, len(order) - 1)]
        dot = np.einsum("ij,ij->i", normals[cand], face_normal)
        better = has & (dot > best)
        chosen[better], best[better] = cand[better], dot[better]
    first, inverse = topology.unique_rows(np.stack([corner, chosen], axis=1))
    pairs = np.stack([corner, chosen], axis=1)[first]
    out = Mesh(level.vertices[pairs[:, 0]], inverse.reshape(-1, 3), original.normals[pairs[:, 1]],
               None if level.uvs is None else level.uvs[pairs[:, 0]], level.uv_mode)
    out._weld = topology.relabel(level.weld_map()[pairs[:, 0]])
    return out, pairs[:, 1]


#: Copies of a level vertex (same position) whose carried normals are within this angle share one
#: smoothing group in :func:`shade_from_level` (the original smooth across them: UV-seam copies).
SMOOTH_GROUP_DEG = 10.0
#: A carried normal more than this many degrees off the level's own (:func:`shade_from_level`) is
#: replaced by it; nearer ones stay. Replacing every normal shaded curved levels a little more faceted
#: (a cat, a coin's rim) and the DamagedHelmet's normal-mapped levels a little worse; at 12 degrees the
#: streaks go and those stay as they were.
NORMAL_DRIFT_DEG = 12.0


def shade_from_level(level: Mesh) -> Mesh:
    """``level`` with the vertex normals that do not fit its faces recomputed from them.

    A level vertex carries the normal of the original vertex it came from, which may not fit the
    coarser faces it ends up on: the collapse keeps a rim vertex's tilted normal on a pot's side wall,
    where it shades a dark streak down the level. Each vertex's *level normal* is the area-weighted
    average of the faces around its position whose corners carry a normal within
    :data:`SMOOTH_GROUP_DEG` of its own (the original's smoothing group: hard edges, whose copies carry
    normals from either side, stay hard; UV-seam copies carry one normal and stay smooth), and it
    replaces the carried normal where the two are more than :data:`NORMAL_DRIFT_DEG` apart.

    Measured by :func:`meshforge.lod.metrics.visual_difference` against LOD0 (400 px, 3 views) on the
    LOD2 and LOD3 of 4-level chains: cooking pot LOD2 0.071 -> 0.036, mug LOD2 0.060 -> 0.010, trash
    can LOD2 0.092 -> 0.006, car LOD3 0.038 -> 0.014, crate LOD3 0.081 -> 0.050; summed over 28
    generators and the DamagedHelmet 1.90 -> 1.67. Levels without normals come back unchanged.
    """
    if level.normals is None or not level.triangle_count:
        return level
    v, f = level.vertices, level.faces
    raw = np.cross(v[f[:, 1]] - v[f[:, 0]], v[f[:, 2]] - v[f[:, 0]])  # area-weighted
    around = np.zeros((level.vertex_count, 3))
    np.add.at(around, f.reshape(-1), np.repeat(raw, 3, axis=0))
    carried = np.nan_to_num(level.normals)
    # every ordered pair (a, b) of vertices at one welded position, a == b included
    weld = level.weld_map()
    order = np.argsort(weld, kind="stable")
    sizes = np.bincount(weld)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    count = sizes[weld[order]]
    a = np.repeat(order, count)
    b = order[_ranges(starts[weld[order]], count)]
    same = np.einsum("ij,ij->i", carried[a], carried[b]) >= np.cos(np.radians(SMOOTH_GROUP_DEG))
    normals = np.zeros_like(around)
    np.add.at(normals, a[same], around[b[same]])
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    normals = np.where(length > 1e-20, normals / np.maximum(length, 1e-300), carried)
    # the original's own shading wherever it still fits (an animal's smooth flank, a baked normal map's base)
    keep = np.einsum("ij,ij->i", normals, carried) >= np.cos(np.radians(NORMAL_DRIFT_DEG))
    normals = np.where(keep[:, None], carried, normals)
    out = Mesh(v, f, normals, level.uvs, level.uv_mode)
    out._weld = level._weld
    return out


def _largest_side(material) -> int:
    """Largest side (pixels) of ``material``'s textures."""
    return max((max(t.size) for t in material.textures.values()), default=1024)


def _part_scale(transform: np.ndarray) -> float:
    return float(np.mean(np.linalg.norm(np.asarray(transform)[:3, :3], axis=0))) or 1.0


def simplify_model(model: Model, options: SimplifyOptions | None = None, **kwargs: object) -> Model:
    """A copy of ``model`` with every part simplified to the targets (see :class:`SimplifyOptions`).

    ``kwargs`` are :class:`SimplifyOptions` fields, as a shortcut: ``simplify_model(m, ratio=0.1)``.
    The result's ``metadata['simplify']`` records the targets, counts and the largest error in meters.
    """
    opts = replace(options, **kwargs) if options is not None else SimplifyOptions(**kwargs)  # type: ignore[arg-type]
    token = _CALL.set(_CallCache()) if _CALL.get() is None else None
    try:
        return _simplify_top(model, opts)
    finally:
        if token is not None:
            _CALL.reset(token)


def _simplify_top(model: Model, opts: SimplifyOptions) -> Model:
    """:func:`simplify_model` with its options settled."""
    if not opts.rebake or not any(p.mesh.uvs is not None and p.material.textures for p in model.parts):
        level = _before_stall(model, _simplify_best(model, replace(opts, rebake=False), rebake_held=False), opts)
        # cards are measured against the level that would be returned (a stalled nightstand's finer level
        # at 2%, 0.4% off, is closer than its panels as cards reaching the target, 2% off)
        return _with_card_parts(model, level, replace(opts, rebake=False)) if opts.cards else level
    # re-baking changes UVs and textures: only parts that need it. When the level reaches its target
    # with every UV kept (a barrel whose hoops it leaves out), only parts its seams keep far off are
    # re-baked; parts that seams hold above their share are re-baked only when the level cannot reach it
    kept = _simplify_best(model, replace(opts, rebake=False), rebake_held=False)
    target = _target_total(model, opts)
    reached = target is None or kept.triangle_count <= STALL_SLACK * target
    return _simplify_best(model, opts, rebake_held=not reached)


#: A part is tried as a card when its level has at most this many triangles (a box held at 12, or
#: one a little curved: the chair's slats keep 16).
CARD_PART_TRIANGLES = 24


def _with_card_parts(model: Model, level: Model, opts: SimplifyOptions) -> Model:
    """``level``, or the model simplified again with its thin box parts as cards when that is closer.

    :func:`_with_cards` turns thin boxes into cards within one mesh. In a model whose slats are parts
    of their own, the parts share the target, and at 2% a chair's five boxes keep 12-16 triangles
    each while its legs become tetrahedra (1.9% of its size off). Here each part whose level has at
    most :data:`CARD_PART_TRIANGLES` triangles is taken down to 12; when that is a thin box whose card
    is at most :data:`CARD_SHARE` of the level's measured distance off, the part becomes that card
    (4 triangles, its UVs kept), and the model is simplified again to the same target with the cards
    fixed. The closer level wins (the chair: 1.0% off, its legs 8-10 triangles each).
    Ratio and triangle targets only.
    """
    target = _target_total(model, opts)
    if target is None or len(model.parts) < 2 or len(level.parts) != len(model.parts):
        return level
    boxes: dict[int, tuple[Mesh, float]] = {}
    for i, (src, dst) in enumerate(zip(model.parts, level.parts, strict=True)):
        count = dst.mesh.triangle_count
        if not 12 <= count <= CARD_PART_TRIANGLES or src.mesh.triangle_count <= 12:
            continue
        low = dst.mesh
        if count > 12:
            if not topology.is_closed(src.mesh):
                continue
            low = simplify_mesh(src.mesh, 12, None, replace(opts, ratio=None, triangles=12, cards=False), True).mesh
        found = thin_boxes(low, float("inf")) if low.triangle_count == 12 else []
        if len(found) == 1:
            boxes[i] = (flattened(low, found)[0], found[0].thickness * _part_scale(src.transform))
    if not boxes:
        return level
    distance = _distance_to(model)
    far = distance(level)
    cards = {i: card for i, (card, thickness) in boxes.items() if thickness / 2 <= CARD_SHARE * far}
    if not cards:
        return level
    # the same parts, materials (textures not copied) and transforms, the boxes as their cards
    carded = replace(model, parts=[replace(p, mesh=cards.get(i, p.mesh)) for i, p in enumerate(model.parts)],
                     lods=[], lod_screen_sizes=[])
    again_opts = opts
    if opts.ratio is not None:
        ratio = target / max(carded.triangle_count, 1)
        if ratio > 1.0:
            return level
        again_opts = replace(opts, ratio=ratio)
    again = _simplify_best(carded, again_opts, rebake_held=False)
    if again.triangle_count > max(level.triangle_count, target):
        return level
    near = distance(again)
    log.debug("simplify %s: %d box parts as cards: %.4g off, before %.4g", model.name, len(cards), near, far)
    if near >= far:
        return level
    names = [model.parts[i].name for i in sorted(cards)]
    log.info("simplify %s: %s as cards (%d triangles, %.2g m off; %.2g m with them as boxes)", model.name,
             ", ".join(names), again.triangle_count, near, far)
    again.metadata["simplify"].update(triangles_before=model.triangle_count, ratio=opts.ratio,
                                      target_triangles=opts.triangles, cards=names)
    return again


#: A level that seams stopped above its ratio target gives way to the level with :data:`CLIFF_SPAN` times
#: its triangles when that is more than this many times closer (:func:`_before_stall`).
STALL_CLIFF = CLIFF_SPAN ** 2
#: A distance, as a fraction of the model's diagonal, that shows at the model's scale: a stalled level
#: closer than this stays (a wall stalled 0.09% off is a wall), and a part this close with its UVs kept
#: is not re-baked (new textures for a cushion 0.1% off would cost memory and draw calls for nothing).
VISIBLE_DISTANCE = 0.005


def _before_stall(model: Model, level: Model, opts: SimplifyOptions) -> Model:
    """``level``, or a finer level when seams stopped ``level`` above its ratio target in a cliff.

    Where UV seams, locked spots or parts at their smallest stop the collapse above a ratio target, it
    runs on to the last collapse they allow, whatever that costs: the DamagedHelmet's 424 UV charts stop
    it at 2,371 triangles for a 10% target of 1,545, and the last thousand collapses dent its visor and
    flatten its hoses (3.0% of its size off; PyMeshLab, which crosses the seams, is 1.3% off at that
    count); an anvil at 2% ends at 98 triangles, 9% off. The target is missed either way, so when the
    stalled level is visibly off (over :data:`VISIBLE_DISTANCE` of the model's diagonal: a wall stalled
    0.09% off stays), the level with :data:`CLIFF_SPAN` times the triangles (as a budget) is built too,
    and kept when it is more than :data:`STALL_CLIFF` times closer (two-sided Hausdorff on
    :data:`SEARCH_SAMPLES` points per side; the two differ by far more than the sampling error). A
    simplification's distance falls about in proportion to its triangles; falling with their square
    means the last collapses broke the shape.
    The helmet keeps 3,552 triangles, 1.0% off (PyMeshLab 1.1% at that count); the anvil 146, 0.9% off.

    Like a collapse that seams stopped, the finer level skips the fit (:func:`simplify_mesh` step 3):
    the stall's restarts took its time (the helmet: 0.21 s, 0.16 s without this check).
    ``metadata['simplify']`` then says where the collapse stopped (``stalled``: its triangles, its
    distance and the kept level's, as fractions of the model's diagonal) and ``notes`` says why.

    Only for ratio targets (a budget is a cap) with ``opts.cliff`` set, and not with ``opts.rebake``
    (which gives the parts UV seams hold new UVs to go lower: the user chose the count over the charts).
    """
    target = _target_total(model, opts)
    if opts.cliff is None or opts.ratio is None or opts.triangles is not None or opts.rebake or target is None:
        return level
    count = level.triangle_count
    more = int(np.ceil(CLIFF_SPAN * count))
    if count <= STALL_SLACK * target or more >= model.triangle_count:
        return level
    diagonal = float(np.linalg.norm(model.extents)) or 1.0
    distance = _distance_to(model)
    far = distance(level)
    if far <= VISIBLE_DISTANCE * diagonal:
        return level  # stalled where it still looks like the model: closer to the target wins
    finer = _simplify_best(model, replace(opts, ratio=None, triangles=more, fit=False), rebake_held=False)
    if finer.triangle_count > STALL_SLACK * more or finer.triangle_count <= count:
        return level
    near = distance(finer)
    log.debug("simplify %s: stalled at %d triangles, %.4g off; at %d, %.4g off", model.name, count, far,
              finer.triangle_count, near)
    if far <= STALL_CLIFF * near:
        return level
    textured = any(p.mesh.uvs is not None and p.material.textures for p in model.parts)
    note = (f"UV seams and small parts stop the collapse at {count:,} triangles for a target of {target:,}, "
            f"where it is {far / diagonal:.1%} of the model's size off; the level keeps {finer.triangle_count:,} "
            f"triangles, {near / diagonal:.1%} off"
            + ("; --rebake (rebake=True) gives the parts UV seams hold new UVs and textures to go lower"
               if textured else ""))
    log.info("simplify %s: %s", model.name, note)
    meta = finer.metadata["simplify"]
    meta.update(ratio=opts.ratio, target_triangles=opts.triangles,
                stalled={"triangles": count, "distance": round(far / diagonal, 6),
                         "kept_distance": round(near / diagonal, 6)},
                notes=[*meta.get("notes", []), note])
    return finer


def _distance_to(model: Model) -> Callable[[Model], float]:
    """A function giving the sampled two-sided Hausdorff distance in meters from ``model`` to a level of
    it (:class:`_Measure`; a single part is measured in its own frame, with the samples and levels its
    simplification measured)."""
    if len(model.parts) == 1:
        src = model.parts[0]
        part, scale = _measure_of(src.mesh), _part_scale(src.transform)
        whole: _Measure | None = None

        def one(level: Model) -> float:
            nonlocal whole
            if len(level.parts) == 1:
                return part.hausdorff(level.parts[0].mesh) * scale
            whole = whole or _Measure(model.merged_mesh())
            return whole.hausdorff(level.merged_mesh())

        return one
    measure = _Measure(model.merged_mesh())
    return lambda level: measure.hausdorff(level.merged_mesh())


def _simplify_best(model: Model, opts: SimplifyOptions, rebake_held: bool) -> Model:
    """:func:`_simplify_model` with each part's share of a triangle target in proportion to its
    triangles, or at one common error (:class:`_Shares`), or at one common error corrected by each
    part's measured distance (:func:`_measured_bias`): of each pair, the one that meets the target,
    else (both meet it) the closer to ``model`` (two-sided Hausdorff on :data:`PICK_SAMPLES` points),
    else (both miss it) the one with fewer triangles unless it is :data:`ERROR_JUMP` times farther.
    Proportional shares starve a chest's arched straps; common-error shares starve parts whose UV seams
    or thin shapes the positions-only estimate cannot see (a ball's patches, a drum stand's legs)."""
    even = _simplify_model(model, opts, rebake_held)
    target = _target_total(model, opts)
    if target is None or len(model.parts) < 2 or even.triangle_count <= 0:
        return even
    shares = _Shares(model, opts)
    balanced = _simplify_model(model, opts, rebake_held, shares=shares)
    reach = STALL_SLACK * target
    measure = _Measure(model.merged_mesh(), PICK_SAMPLES)
    best = _pick(model, even, balanced, reach, measure, "shares at one error")
    level, parts = balanced, {}
    for _round in range(SHARE_ROUNDS):
        bias = _measured_bias(model, level, shares, parts)
        if bias is None:
            break
        shares.bias = bias
        level = _simplify_model(model, opts, rebake_held, shares=shares)
        best = _pick(model, best, level, reach, measure, "shares corrected by measured distances", SEARCH_MARGIN)
    return best


def _pick(model: Model, first: Model, other: Model, reach: float, measure: _Measure, what: str,
          margin: float = 1.0) -> Model:
    """``first`` or ``other``, levels of ``model``, as :func:`_simplify_best` chooses (``reach``: the most
    triangles that count as meeting the target; when both meet it, ``other`` must be closer than
    ``margin`` times ``first``'s distance)."""
    if other.triangle_count > max(reach, first.triangle_count):
        return first
    if (other.triangle_count <= reach) != (first.triangle_count <= reach):
        return other if other.triangle_count <= reach else first  # the one that meets the target
    near, far = measure.hausdorff(other.merged_mesh()), measure.hausdorff(first.merged_mesh())
    log.debug("simplify %s: %s %.4g, before %.4g", model.name, what, near, far)
    if other.triangle_count > reach and other.triangle_count < first.triangle_count:
        # both miss the target: the one with fewer triangles, unless it is much farther
        return other if near <= ERROR_JUMP * far else first
    return other if near < margin * far else first


#: Samples per side (vertices and as many area points) on which :func:`_simplify_best` compares whole
#: levels: a part's few far vertices decide between them (the fox's level with corrected shares looked
#: 10% closer on 1,500 and was 40% farther on 20,000).
PICK_SAMPLES = 5000
#: Common-error shares are corrected when some part's measured distance is this many times the error
#: they were solved at (:func:`_measured_bias`).
SHARE_MISS = 2.0
#: Largest correction of one part's estimated error per round.
SHARE_BIAS_MAX = 16.0
#: Power on each round's correction (a part's error rises steeply near its cliff: the full measured
#: miss would hand it every triangle).
SHARE_DAMPING = 0.5
#: Most correction rounds (each one builds the level again; the closest level wins).
SHARE_ROUNDS = 3


def _measured_bias(model: Model, level: Model, shares: _Shares,
                   parts: dict[int, _Measure]) -> dict[int, float] | None:
    """Per part, how many times its measured two-sided Hausdorff distance in ``level`` is the common error
    its share was solved at, or None when every part is within :data:`SHARE_MISS` of it. ``parts``: each
    part's measure, filled on first use (the rounds share them).

    The shares' positions-only estimate cannot see what the real collapse keeps or breaks: at 12.5% a
    drum stand's thin legs got 62 triangles for a common error of 6.3 mm and came out a cone 67 mm off,
    while its lugs kept 294 triangles. The shares are solved again with each part's estimate scaled by
    its miss (damped, :data:`SHARE_DAMPING`, over up to :data:`SHARE_ROUNDS` rounds): the stand keeps
    its legs and the level is 3.3% of the drum's size off instead of 5.6%.
    """
    error = shares.error
    if error is None or error <= 0 or len(level.parts) != len(model.parts):
        return None  # no common error settled, or parts were left out
    bias = {}
    for i, (src, dst) in enumerate(zip(model.parts, level.parts, strict=True)):
        if not dst.mesh.triangle_count or dst.mesh.triangle_count >= src.mesh.triangle_count:
            continue
        measure = parts[i] = parts[i] if i in parts else _Measure(src.world_mesh())
        measured = measure.hausdorff(dst.world_mesh())
        bias[i] = float(np.clip(measured / error, 1.0, SHARE_BIAS_MAX))
    if max(bias.values(), default=1.0) < SHARE_MISS:
        return None
    return {i: shares.bias.get(i, 1.0) * b ** SHARE_DAMPING for i, b in bias.items()}


def _target_total(model: Model, opts: SimplifyOptions) -> int | None:
    """The whole model's triangle target, None for an error target alone."""
    if opts.ratio is None and opts.triangles is None:
        return None
    total = model.triangle_count
    if opts.ratio is not None:
        total = min(total, round(opts.ratio * total))
    if opts.triangles is not None:
        total = min(total, opts.triangles)
    return total


def _simplify_model(model: Model, opts: SimplifyOptions, rebake_held: bool, shares: _Shares | None = None) -> Model:
    """:func:`simplify_model` with ``opts.rebake`` as given: parts that UV seams keep far off are
    re-baked, and with ``rebake_held`` also parts that UV seams hold above their share. ``shares``:
    parts share the target at one common error (:class:`_Shares`) instead of in proportion."""
    total = model.triangle_count
    diagonal = float(np.linalg.norm(model.extents)) or 1.0
    max_error = opts.error_m
    if opts.error_relative is not None:
        rel = opts.error_relative * diagonal
        max_error = rel if max_error is None else min(max_error, rel)
    wanted = _target_total(model, opts)
    target_total = total if wanted is None else wanted
    out = model.copy()
    out.lods, out.lod_screen_sizes = [], []
    # an error target alone collapses as far as the error allows
    only_error = opts.ratio is None and opts.triangles is None
    fraction = first_fraction = 0.0 if only_error else target_total / max(total, 1)
    closed = [topology.is_closed(p.mesh) for p in model.parts]
    lone = [False] * len(model.parts) if opts.lock_borders else _lone_borders(model, closed)
    errors = [0.0] * len(model.parts)
    # parts that stalled above their target (seams, locked spots) gain nothing from a smaller one
    stalled = [False] * len(model.parts)
    rebaked = [False] * len(model.parts)
    measures: dict[int, _Measure] = {}
    over = False
    shares = shares if not only_error and len(model.parts) > 1 else None
    for _attempt in range(4):
        if shares is not None:
            free = [i for i, s in enumerate(stalled) if not s]
            share = shares.targets(free, fraction * sum(model.parts[i].mesh.triangle_count for i in free))
        for i, (src, dst, was_closed) in enumerate(zip(model.parts, out.parts, closed, strict=True)):
            if stalled[i]:
                continue
            scale = _part_scale(src.transform)
            fair = share[i] if shares is not None else int(np.floor(src.mesh.triangle_count * fraction))
            target = max(MIN_CLOSED_TRIANGLES if was_closed else 1, fair)
            limit = None if max_error is None else max_error / scale
            res = simplify_mesh(src.mesh, target, limit, opts, was_closed, lone[i])
            # a closed part stays closed: give it more triangles until it does (or keep it as it was)
            while was_closed and not topology.is_closed(res.mesh) and res.mesh.triangle_count < src.mesh.triangle_count:
                target = max(2 * target, res.mesh.triangle_count + 1)
                if target >= src.mesh.triangle_count:
                    res = SimplifyResult(src.mesh, 0.0, np.arange(src.mesh.vertex_count))
                    break
                res = simplify_mesh(src.mesh, target, limit, opts, was_closed, lone[i])
            unwrapped = False
            if opts.rebake and src.mesh.uvs is not None and src.material.textures and \
                    target < src.mesh.triangle_count:
                # the same without UVs (its textures are baked for new ones below), taken where UV seams
                # hold the part above its target or bend it far from the original
                free = simplify_without_uvs(src.mesh, target, limit, opts, was_closed, lone[i])
                if free is not None:
                    measure = measures.setdefault(i, _Measure(src.mesh))  # one query per part, every attempt
                    far, near = measure.hausdorff(res.mesh), measure.hausdorff(free.mesh)
                    if res.mesh.triangle_count > STALL_SLACK * target:
                        # fewer triangles, as asked, unless that breaks the part (a box in 8 triangles)
                        sane = near <= ERROR_JUMP * far or near <= REBAKE_MAX_ERROR * _diagonal(src.mesh)
                        unwrapped = rebake_held and free.mesh.triangle_count < res.mesh.triangle_count and sane
                    elif free.mesh.triangle_count <= STALL_SLACK * target:
                        # worth new textures only where it shows: far off at the model's scale
                        unwrapped = near < REBAKE_GAIN * far and far * scale > REBAKE_MIN_ERROR * diagonal
                    if unwrapped:
                        res = free
            if _attempt > 0 and res.mesh.triangle_count >= dst.mesh.triangle_count:
                # squeezed below what it can do (every collapse broke it): it keeps its last result
                stalled[i] = True
                continue
            dst.mesh = res.mesh
            rebaked[i] = unwrapped  # its textures are baked once the level's meshes are final
            errors[i] = res.error * scale
            stalled[i] = res.mesh.triangle_count > STALL_SLACK * target
        worst = max(errors, default=0.0)
        got = out.triangle_count
        if _attempt == 0:
            held = list(stalled)  # stalled at their fair share: the ones that make the others pay
            held_total = sum(dst.mesh.triangle_count for dst, h in zip(out.parts, held, strict=True) if h)
            over = held_total >= target_total
            if over:
                break  # the held parts alone are over the total: squeezing the others cannot reach it
        if all(stalled):
            break
        # small parts cannot shrink in proportion: squeeze the others until the total fits
        if got <= target_total or fraction <= 1e-4:
            break
        fraction *= max(0.25, target_total / got * 0.95)
    dropped: list[str] = []
    if opts.drop_pieces and (fraction < first_fraction or over) and any(held) and not all(held):
        out, worst, dropped = _without_stalled_parts(model, out, worst, held, target_total, opts)
    elif opts.drop_pieces and wanted is not None and len(model.parts) > 1:
        # a part bent far beyond the rest (a barrel's thin hoops, whose seam rings cannot stay round at
        # their share) may cost more than leaving it out
        far = [e > FAR_PART * max(errors[:i] + errors[i + 1:]) for i, e in enumerate(errors)]
        if any(far) and not all(far):
            out, worst, dropped = _without_stalled_parts(model, out, worst, far, target_total, opts)
    # normals that fit the level's faces where the carried ones do not (a level without dropped parts
    # is simplify_model's own, already shaded)
    for dst in [] if dropped or opts.flat else out.parts:
        if dst.mesh is not model.part(dst.name).mesh:
            dst.mesh = shade_from_level(dst.mesh)
    baked: list[str] = []
    if any(rebaked) and not dropped:
        from meshforge.lod.rebake import rebake_parts

        which = [i for i, r in enumerate(rebaked) if r]
        size = opts.rebake_px or max(_largest_side(model.parts[i].material) for i in which)
        done = rebake_parts([(model.parts[i].mesh, model.parts[i].material, out.parts[i].mesh) for i in which],
                            size, f"{model.name}_rebaked")
        for i, (mesh, material) in zip(which, done, strict=True):
            out.parts[i].mesh, out.parts[i].material = mesh, material
            baked.append(model.parts[i].name)
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
        "dropped_parts": dropped,
        "rebaked_parts": baked,
    }
    return out


#: Bisection steps of :class:`_Shares` over the common error.
SHARE_STEPS = 14


class _Shares:
    """Triangle targets for a model's parts at about one geometric error for all of them.

    A ratio given to every part alike starves the intricate ones (a chest's arched straps folded into
    spikes while its flat handles kept hundreds of triangles); one collapse over the merged mesh, as
    PyMeshLab and gltfpack do, spends triangles where the surface needs them. Each part's welded
    positions are collapsed (meshoptimizer, positions only, no target count) to an error limit in
    meters (its transform's scale applied); the limit is bisected until the parts' counts fill the
    budget. Seams and attributes are left to the real collapse, which may stop above its share (the
    caller squeezes the rest as before).
    """

    def __init__(self, model: Model, opts: SimplifyOptions):
        self.flags = meshopt.SIMPLIFY_ERROR_ABSOLUTE | (meshopt.SIMPLIFY_LOCK_BORDER if opts.lock_borders else 0)
        from meshforge.lod.placement import _welded

        self.parts = [(*_welded(part.mesh)[1:], _part_scale(part.transform)) for part in model.parts]
        self.diagonal = float(np.linalg.norm(model.extents)) or 1.0
        #: per part, how many times its real distance is the estimate (:func:`_measured_bias`); 1 if absent
        self.bias: dict[int, float] = {}
        #: the common error, meters, the last :meth:`targets` settled on (None before, or when over)
        self.error: float | None = None
        self._counts: dict[tuple[int, float], int] = {}

    def counts(self, which: list[int], error_m: float) -> dict[int, int]:
        """Triangles of each part in ``which`` collapsed to ``error_m`` meters (divided by its bias)."""
        out = {}
        for i in which:
            positions, faces, scale = self.parts[i]
            limit = error_m / scale / self.bias.get(i, 1.0)
            if (i, limit) not in self._counts:
                indices, _ = meshopt.simplify_with_attributes(positions, faces, None, None, 0, limit, self.flags)
                self._counts[i, limit] = len(indices) // 3
            out[i] = self._counts[i, limit]
        return out

    def targets(self, which: list[int], budget: float) -> dict[int, int]:
        """Targets for the parts in ``which`` that sum to at most ``budget`` (at least one triangle of the
        budget each when it is that small), at the smallest common error that fits."""
        if not which:
            return {}
        lo, hi = 1e-7 * self.diagonal, self.diagonal * max([1.0, *self.bias.values()])
        best = self.counts(which, hi)
        self.error = None
        if sum(best.values()) > budget:
            return best  # even the coarsest collapse is over: each part's fewest
        for _ in range(SHARE_STEPS):
            mid = float(np.sqrt(lo * hi))
            got = self.counts(which, mid)
            if sum(got.values()) <= budget:
                best, hi = got, mid
            else:
                lo = mid
        self.error = hi
        return best


#: With ``rebake``, a part that reached its target with its UVs is still re-baked when the level without
#: UV seams is measured closer than this fraction of its distance (the DamagedHelmet at 25%: 5.1 cm
#: with its seams, 3.0 cm without).
REBAKE_GAIN = 0.7
#: ... and only when the part is at least this fraction of the model's diagonal off with its UVs kept
#: (:data:`VISIBLE_DISTANCE`).
REBAKE_MIN_ERROR = VISIBLE_DISTANCE
#: A part that UV seams hold above its target is re-baked at its target unless that level is more than
#: ``ERROR_JUMP`` times farther than the held one and farther than this fraction of the part's diagonal
#: (the treasure chest's body at 3%: a box squeezed into 8 triangles, 22% of its size off).
REBAKE_MAX_ERROR = 0.05


def _diagonal(mesh: Mesh) -> float:
    return float(np.linalg.norm(mesh.extents))


#: Open-border positions of two parts closer than this fraction of the model's diagonal meet.
BORDER_MEET = 1e-3


def _lone_borders(model: Model, closed: list[bool]) -> list[bool]:
    """Per part: whether it has open borders and none of them meets another part's border (within
    :data:`BORDER_MEET` of the diagonal, model space). Such borders may move when a level is fitted
    (a teapot's spout rim); borders that meet a neighbour stay where they are, or a crack would open."""
    ends: list[np.ndarray] = []
    for part, was_closed in zip(model.parts, closed, strict=True):
        if was_closed or not part.mesh.triangle_count:
            ends.append(np.zeros((0, 3)))
            continue
        mesh = part.mesh
        weld = mesh.weld_map()
        count = int(weld.max()) + 1
        at = np.zeros((count, 3))
        at[weld] = mesh.vertices
        pts = at[topology.border_positions(weld[mesh.faces], count)]
        ends.append(pts @ part.transform[:3, :3].T + part.transform[:3, 3])
    lone = [len(p) > 0 for p in ends]
    if sum(lone) == 0 or len(model.parts) == 1:
        return lone
    from scipy.spatial import cKDTree

    owner = np.concatenate([np.full(len(p), i) for i, p in enumerate(ends)])
    tree = cKDTree(np.concatenate(ends))
    tol = BORDER_MEET * (float(np.linalg.norm(model.extents)) or 1.0)
    for a, b in tree.query_pairs(tol, output_type="ndarray"):
        if owner[a] != owner[b]:
            lone[owner[a]] = lone[owner[b]] = False
    return lone


#: A part whose meshoptimizer error is over this many times every other part's is tried without
#: (:func:`_without_stalled_parts`).
FAR_PART = 4.0
#: Render height (pixels) at which a level without some parts is compared with the squeezed one.
DROP_RENDER_PX = 192


def _without_stalled_parts(model: Model, out: Model, worst: float, stalled: list[bool], target_total: int,
                           opts: SimplifyOptions) -> tuple[Model, float, list[str]]:
    """``(level, error_m, dropped part names)``: ``out``, or the model simplified without the parts that
    stalled above their share (or, with no part stalled, the one bent far beyond the rest,
    :data:`FAR_PART`: a barrel's hoops at 6%), when that is closer to ``model``.

    Parts that seams hold above their share (a barrel's four hoops keep ~270 triangles at 3%) make
    :func:`simplify_model` squeeze every other part to meet the total: the barrel's body became a box.
    The level is then also built without those parts, the others at the whole budget, and both are
    measured against the whole model: the level without them wins only when it is closer both in
    distance (two-sided Hausdorff, model space) and in looks (:func:`meshforge.lod.metrics.visual_difference`
    at :data:`DROP_RENDER_PX` pixels: a dropped part takes its colours with it, which distance cannot
    see; without a renderer, distance alone decides). Parts that lie farther from the rest than the
    squeezed level is from the model are never dropped (that alone would cost more than the squeeze did).
    """
    measure = _Measure(model.merged_mesh())
    far = measure.hausdorff(out.merged_mesh())
    keep = [i for i, s in enumerate(stalled) if not s]
    rest = model.copy()
    rest.parts = [rest.parts[i] for i in keep]
    rest_query = SurfaceQuery(rest.merged_mesh())
    candidates = [i for i, s in enumerate(stalled) if s]
    gap = max(float(rest_query.distance(_search_points(model.parts[i].world_mesh(), 4)).max()) for i in candidates)
    if gap >= far:
        return out, worst, []
    alt = simplify_model(rest, replace(opts, ratio=None, triangles=max(1, target_total), drop_pieces=False))
    near = measure.hausdorff(alt.merged_mesh())
    names = [model.parts[i].name for i in candidates]
    log.debug("simplify %s: without the stalled parts %s the distance is %.3g, with them %.3g", model.name,
              names, near, far)
    if near >= far:
        return out, worst, []
    from meshforge.lod.metrics import visual_difference

    call = _CALL.get()
    renders = call.renders if call is not None else None
    looks_without = visual_difference(model, alt, DROP_RENDER_PX, renders=renders)
    looks_with = visual_difference(model, out, DROP_RENDER_PX, renders=renders)
    if looks_without is not None and looks_with is not None and looks_without >= looks_with:
        log.debug("simplify %s: without %s the level is closer but looks further off (%.3f vs %.3f)", model.name,
                  names, looks_without, looks_with)
        return out, worst, []
    log.info("simplify %s: dropped parts %s (they held their triangles; the rest had to collapse too far)",
             model.name, ", ".join(names))
    return alt, float(alt.metadata["simplify"]["error_m"]), names
