"""Repair: fix what the checks find, one guarded step at a time, and never hand back something worse.

Each part goes through these steps, in order (those that do not apply are skipped):

1. ``drop_nonfinite`` – faces touching NaN/infinite vertices are removed.
2. ``merge_vertices`` – vertices that weld together (:data:`~meshforge.geometry.mesh.WELD_TOLERANCE`) are
   snapped to one position, so cracks from float rounding close bit for bit; render vertices equal in
   position, normal and UV are merged.
3. ``drop_degenerate`` – faces with repeated corners, zero area, or that repeat another face's corners.
4. ``remove_small_pieces`` – loose pieces under :data:`SMALL_PIECE_FRACTION` of the model's size (when the
   part has bigger pieces).
5. ``split_non_manifold`` – fans of faces that meet only at an edge or a point are given their own
   vertices, nudged apart by :data:`SPLIT_NUDGE` of the model's size.
6. ``fix_winding`` – faces turned to agree with their neighbours, then closed shells with negative
   volume turned outward.
7. ``fill_holes`` – every boundary loop is closed with a cap triangulated in its best-fit plane (ear
   clipping; a centre fan where the projection folds over); cap vertices get planar UVs.
8. ``make_solid`` (always with ``print_mode``; otherwise only when edges stay non-manifold or open) –
   MeshFix (pymeshfix) rebuilds the part as one closed 2-manifold: it removes self-intersections and
   fills what is left. UVs are re-unwrapped with xatlas when this destroyed them (not for printing).

After every step the part's topology is measured again (holes, non-manifold edges, inconsistent edges,
degenerate and duplicate faces, inward shells). A step that makes any of these worse, or moves the part's
bounding box by more than :data:`MAX_BOUNDS_CHANGE` of its diagonal, is rolled back and reported. At the
end the whole model is inspected before and after; if the score dropped, the original is returned.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from meshforge.core.model import Model, Part
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.uv import planar_uvs
from meshforge.quality.topology import MeshTopology

log = logging.getLogger(__name__)

#: Loose pieces whose bounding-box diagonal is below this fraction of the model's are removed.
SMALL_PIECE_FRACTION = 0.01
#: A step may not move a part's bounding box corners by more than this fraction of its diagonal.
MAX_BOUNDS_CHANGE = 0.05
#: A step may not change a closed part's volume by more than this fraction.
MAX_VOLUME_CHANGE = 0.05
#: Parts with more triangles are not unwrapped (xatlas time grows quickly); simplify them first.
MAX_UNWRAP_TRIANGLES = 300_000
#: Vertices split apart at non-manifold spots move this fraction of the model's diagonal apart.
SPLIT_NUDGE = 1e-5


@dataclass
class Step:
    """One repair step on one part: what it did, or why it was skipped or rolled back."""

    part: str
    name: str
    status: str  # "changed", "rolled_back", "failed"
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"part": self.part, "step": self.name, "status": self.status, "detail": self.detail}


@dataclass
class RepairResult:
    """The repaired model, the steps taken, and the inspection before and after."""

    model: Model
    steps: list[Step] = field(default_factory=list)
    before: Any = None  # meshforge.quality.Report
    after: Any = None
    reverted: bool = False

    @property
    def changed(self) -> bool:
        return not self.reverted and any(s.status == "changed" for s in self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "reverted": self.reverted,
            "steps": [s.to_dict() for s in self.steps],
            "score_before": None if self.before is None else round(self.before.score, 1),
            "score_after": None if self.after is None else round(self.after.score, 1),
            "watertight": [p.name for p in self.model.parts if p.mesh.triangle_count and p.mesh.is_watertight()],
        }


# ---------------------------------------------------------------------------------------- measuring
def _badness(mesh: Mesh) -> dict[str, int]:
    """Error counts a step must not increase."""
    if not mesh.triangle_count:
        return {"empty": 1}
    bad = ~np.isfinite(mesh.vertices).all(axis=1)
    nonfinite = int(bad.sum())
    if nonfinite:  # judge the rest of the surface without them
        keep = ~bad[mesh.faces].any(axis=1)
        mesh = Mesh(np.where(bad[:, None], 0.0, mesh.vertices), mesh.faces[keep]).compact()
        if not mesh.triangle_count:
            return {"empty": 1, "nonfinite": nonfinite}
    t = MeshTopology(mesh)
    inverted = 0
    if not len(t.boundary_edges) and not len(t.non_manifold_edges):
        vols = t.component_volume
        inverted = int((vols < 0).sum() - t.cavities.sum()) if len(vols) else 0
    return {
        "holes": len(t.boundary_loops),
        "non_manifold_edges": len(t.non_manifold_edges),
        "inconsistent_edges": len(t.inconsistent_edges),
        "degenerate_faces": len(t.degenerate_faces),
        "duplicate_faces": len(t.duplicate_faces),
        "inverted_shells": max(inverted, 0),
        "nonfinite": nonfinite,
    }


def _bounds_moved(a: Mesh, b: Mesh) -> float:
    fa, fb = np.isfinite(a.vertices).all(axis=1), np.isfinite(b.vertices).all(axis=1)
    if not fa.any() or not fb.any():
        return 0.0
    ba = np.array([a.vertices[fa].min(0), a.vertices[fa].max(0)])
    bb = np.array([b.vertices[fb].min(0), b.vertices[fb].max(0)])
    diag = float(np.linalg.norm(ba[1] - ba[0])) or 1.0
    return float(np.abs(ba - bb).max() / diag)


# ---------------------------------------------------------------------------------------- steps
def _drop_nonfinite(mesh: Mesh, ctx: dict) -> tuple[Mesh, str]:
    bad = ~np.isfinite(mesh.vertices).all(axis=1)
    if mesh.normals is not None:
        bad |= ~np.isfinite(mesh.normals).all(axis=1)
    if mesh.uvs is not None:
        bad |= ~np.isfinite(mesh.uvs).all(axis=1)
    if not bad.any():
        return mesh, ""
    keep = ~bad[mesh.faces].any(axis=1)
    out = Mesh(np.where(bad[:, None], 0.0, mesh.vertices), mesh.faces[keep],
               None if mesh.normals is None else np.where(bad[:, None], 0.0, mesh.normals) + bad[:, None] * [0, 1, 0],
               None if mesh.uvs is None else np.where(bad[:, None], 0.0, mesh.uvs), mesh.uv_mode).compact()
    return out, f"removed {int(bad.sum())} non-finite vertices and {int((~keep).sum())} faces using them"


def _merge_vertices(mesh: Mesh, ctx: dict) -> tuple[Mesh, str]:
    weld = mesh.weld_map()
    n = int(weld.max()) + 1
    sums = np.zeros((n, 3))
    np.add.at(sums, weld, mesh.vertices)
    centre = sums / np.bincount(weld, minlength=n)[:, None]
    snapped = centre[weld]
    moved = int((snapped != mesh.vertices).any(axis=1).sum())
    out = Mesh(snapped, mesh.faces, mesh.normals, mesh.uvs, mesh.uv_mode).compact()
    merged = mesh.vertex_count - out.vertex_count
    if not moved and not merged:
        return mesh, ""
    return out, f"snapped {moved} split vertices together and merged {merged} duplicate vertices"


def _drop_degenerate(mesh: Mesh, ctx: dict) -> tuple[Mesh, str]:
    t = MeshTopology(mesh)
    drop = np.union1d(t.degenerate_faces, t.duplicate_faces)
    if not len(drop):
        return mesh, ""
    keep = np.ones(mesh.triangle_count, bool)
    keep[drop] = False
    out = Mesh(mesh.vertices, mesh.faces[keep], mesh.normals, mesh.uvs, mesh.uv_mode).compact()
    detail = f"removed {len(t.degenerate_faces)} degenerate and {len(t.duplicate_faces)} duplicate faces"
    if len(MeshTopology(out).boundary_loops) > len(t.boundary_loops):
        # slivers that sat inside the surface leave slits: close them at once
        closed, how = _fill_holes(out, ctx)
        if how:
            out, detail = closed, f"{detail} and closed the slits they left ({how})"
    return out, detail


def _remove_small_pieces(mesh: Mesh, ctx: dict) -> tuple[Mesh, str]:
    t = MeshTopology(mesh)
    if t.component_count < 2:
        return mesh, ""
    diag = np.linalg.norm(t.component_bounds[:, 1] - t.component_bounds[:, 0], axis=1)
    small = diag < SMALL_PIECE_FRACTION * ctx["diagonal"]
    small &= ~t.cavities
    if not small.any() or small.all():
        return mesh, ""
    keep = ~small[t.face_component]
    out = Mesh(mesh.vertices, mesh.faces[keep], mesh.normals, mesh.uvs, mesh.uv_mode).compact()
    return out, f"removed {int(small.sum())} tiny loose pieces ({int((~keep).sum())} faces)"


def _fix_winding(mesh: Mesh, ctx: dict) -> tuple[Mesh, str]:
    import trimesh

    t = MeshTopology(mesh)
    welded = trimesh.Trimesh(t.positions, t.faces, process=False, validate=False)
    before = welded.faces.copy()
    trimesh.repair.fix_winding(welded)
    flipped = (welded.faces != before).any(axis=1)
    faces = mesh.faces.copy()
    faces[flipped] = faces[flipped][:, ::-1]
    # closed shells enclosing negative volume face inward: turn them (cavities are inside another shell)
    t2 = MeshTopology(Mesh(mesh.vertices, faces, None, None))
    turned = 0
    if not len(t2.boundary_edges) and len(t2.component_volume):
        inward = (t2.component_volume < 0) & ~t2.cavities
        if inward.any():
            sel = inward[t2.face_component]
            faces[sel] = faces[sel][:, ::-1]
            turned = int(inward.sum())
    if not flipped.any() and not turned:
        return mesh, ""
    normals = mesh.normals
    out = Mesh(mesh.vertices, faces, None, mesh.uvs, mesh.uv_mode)
    if normals is not None:
        out = out.with_normals()
    return out, f"turned {int(flipped.sum())} faces to match their neighbours and {turned} inward shells outward"


def _split_non_manifold(mesh: Mesh, ctx: dict) -> tuple[Mesh, str]:
    """Pull apart fans of faces that meet only at a non-manifold edge or vertex.

    Corners of faces joined across two-face edges form fans; a welded vertex with several fans gets one
    copy per fan, nudged by :data:`SPLIT_NUDGE` of the model's size towards its own fan (enough that
    position welding keeps them apart). Shells that touched along an edge become separate closed shells;
    a fin's lone face is left with an open edge for ``fill_holes`` or ``make_solid``.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    t = MeshTopology(mesh)
    if not len(t.non_manifold_edges) and not len(t.non_manifold_vertices):
        return mesh, ""
    f = t.faces
    m = len(f)
    corner_vertex = f.reshape(-1)
    # half-edge 3k+c runs from corner c to corner c+1 of face k
    a, b = f.reshape(-1), f[:, [1, 2, 0]].reshape(-1)
    key = np.minimum(a, b).astype(np.int64) * (t.vertex_count + 1) + np.maximum(a, b)
    order = np.argsort(key, kind="stable")
    ks = key[order]
    _, start, counts = np.unique(ks, return_index=True, return_counts=True)
    two = start[counts == 2]
    h1, h2 = order[two], order[two + 1]
    nxt = lambda h: h - h % 3 + (h % 3 + 1) % 3  # noqa: E731
    # h1 runs u->v; h2 runs v->u when consistent (or u->v when not): join corners at the same vertex
    same_dir = a[h1] == a[h2]
    c1u, c1v = h1, nxt(h1)
    c2u = np.where(same_dir, h2, nxt(h2))
    c2v = np.where(same_dir, nxt(h2), h2)
    rows = np.concatenate([c1u, c1v])
    cols = np.concatenate([c2u, c2v])
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(3 * m, 3 * m))
    n_fans, fan = connected_components(graph, directed=False)
    fans_per_vertex = np.bincount(np.unique(np.stack([corner_vertex, fan], 1), axis=0)[:, 0],
                                  minlength=t.vertex_count)
    if not (fans_per_vertex > 1).any():
        return mesh, ""
    # each render corner becomes (render vertex, fan) so seams survive
    render_corner = mesh.faces.reshape(-1)
    pair = np.stack([render_corner, fan], axis=1)
    uniq_pairs, inverse = np.unique(pair, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    src = uniq_pairs[:, 0]
    verts = mesh.vertices[src].copy()
    split_vertex = fans_per_vertex[mesh.weld_map()[src]] > 1
    if split_vertex.any():
        centroids = mesh.vertices[mesh.faces].mean(axis=1)  # per face
        fan_sum = np.zeros((n_fans, 3))
        np.add.at(fan_sum, fan, np.repeat(centroids, 3, axis=0))
        fan_centre = fan_sum / np.bincount(fan, minlength=n_fans)[:, None]
        toward = fan_centre[uniq_pairs[:, 1]] - verts
        length = np.maximum(np.linalg.norm(toward, axis=1, keepdims=True), 1e-30)
        verts[split_vertex] += (toward / length)[split_vertex] * SPLIT_NUDGE * ctx["diagonal"]
    out = Mesh(verts, inverse.reshape(-1, 3),
               None if mesh.normals is None else mesh.normals[src],
               None if mesh.uvs is None else mesh.uvs[src], mesh.uv_mode)
    detail = (f"pulled apart {int((fans_per_vertex > 1).sum())} vertices where separate fans of faces met "
              f"({len(t.non_manifold_edges)} non-manifold edges)")
    if len(MeshTopology(out).boundary_loops) > len(t.boundary_loops):
        # faces that had no partner across a split edge (fins) leave open edges: cap them at once
        closed, how = _fill_holes(out, ctx)
        if how:
            out, detail = closed, f"{detail}, then {how}"
    return out, detail


def _fill_holes(mesh: Mesh, ctx: dict) -> tuple[Mesh, str]:
    t = MeshTopology(mesh)
    if not len(t.boundary_edges):
        return mesh, ""
    loops = _directed_boundary_loops(mesh)
    verts, norms, uvs, faces = [mesh.vertices], [], [], [mesh.faces]
    n_next = mesh.vertex_count
    filled = 0
    for loop in loops:
        pts = mesh.vertices[loop]
        cap = _cap(pts)
        if cap is None:
            continue
        tri_local, extra = cap
        cap_pts = np.vstack([pts, extra])
        idx = n_next + np.arange(len(cap_pts))
        n_next += len(cap_pts)
        verts.append(cap_pts)
        faces.append(idx[tri_local])
        normal = _newell(pts[::-1])
        norms.append(np.repeat(normal[None], len(cap_pts), axis=0))
        uvs.append(planar_uvs(cap_pts, normal))
        filled += 1
    if not filled:
        return mesh, ""
    out_n = None if mesh.normals is None else np.vstack([mesh.normals, *norms])
    out_uv = None if mesh.uvs is None else np.vstack([mesh.uvs, *uvs])
    out = Mesh(np.vstack(verts), np.vstack(faces), out_n, out_uv, mesh.uv_mode)
    if mesh.uv_mode == "atlas" and mesh.uvs is not None:
        ctx["uv_destroyed"] = True
    # cap corners repeat the rim's positions: merging welds the caps into the surface
    out = Mesh(out.vertices, out.faces, out.normals, out.uvs, out.uv_mode).compact()
    detail = f"filled {filled} of {len(loops)} holes"
    # a shell closed by its caps can turn out inside-out (its faces were never judged as a solid)
    turned, how = _fix_winding(out, ctx)
    if how:
        out, detail = turned, f"{detail}; then {how}"
    return out, detail


def _make_solid(mesh: Mesh, ctx: dict) -> tuple[Mesh, str]:
    bad = _badness(mesh)
    broken = bad["holes"] or bad["non_manifold_edges"] or bad["inconsistent_edges"]
    if not broken:
        if not ctx["print_mode"]:
            return mesh, ""
        from meshforge.quality.intersect import self_intersecting_pairs

        t = MeshTopology(mesh)
        pairs, _, _ = self_intersecting_pairs(t.positions, t.faces[t.live], max_faces=200_000)
        if not len(pairs):
            return mesh, ""  # already a clean closed solid: nothing for MeshFix to do
    try:
        import pymeshfix
    except ImportError:  # pragma: no cover - a default dependency
        raise RuntimeError("pymeshfix is not installed: pip install pymeshfix") from None
    t = MeshTopology(mesh)
    live = t.faces[~t.collapsed] if hasattr(t, "collapsed") else t.faces
    fixer = pymeshfix.MeshFix(np.ascontiguousarray(t.positions, np.float64), np.ascontiguousarray(live, np.int32))
    fixer.repair(joincomp=False, remove_smallest_components=False)
    v, f = np.asarray(fixer.points, np.float64), np.asarray(fixer.faces, np.int64).reshape(-1, 3)
    if not len(f):
        raise RuntimeError("MeshFix removed every face")
    out = Mesh(v, f)
    if not ctx["print_mode"] and mesh.uvs is not None:
        ctx["uv_destroyed"] = True
    out = out.with_normals() if mesh.normals is not None or not ctx["print_mode"] else out
    return out, f"rebuilt as a closed solid with MeshFix ({mesh.triangle_count:,} -> {out.triangle_count:,} faces)"


STEPS: list[tuple[str, Callable[[Mesh, dict], tuple[Mesh, str]]]] = [
    ("drop_nonfinite", _drop_nonfinite),
    ("merge_vertices", _merge_vertices),
    ("drop_degenerate", _drop_degenerate),
    ("remove_small_pieces", _remove_small_pieces),
    ("split_non_manifold", _split_non_manifold),
    ("fix_winding", _fix_winding),
    ("fill_holes", _fill_holes),
    ("make_solid", _make_solid),
]


# ---------------------------------------------------------------------------------------- hole caps
def _directed_boundary_loops(mesh: Mesh) -> list[np.ndarray]:
    """Boundary loops as render-vertex index arrays, ordered the way the surrounding faces run them.

    A cap must run each loop the other way. Loops through a vertex used twice (pinched holes) are split
    where they revisit it.
    """
    weld = mesh.weld_map()
    w = weld[mesh.faces]
    a = np.concatenate([w[:, 0], w[:, 1], w[:, 2]])
    b = np.concatenate([w[:, 1], w[:, 2], w[:, 0]])
    ra = np.concatenate([mesh.faces[:, 0], mesh.faces[:, 1], mesh.faces[:, 2]])
    n = int(weld.max()) + 1
    fwd = a.astype(np.int64) * n + b
    rev = b.astype(np.int64) * n + a
    und = np.minimum(fwd, rev)
    uniq, counts = np.unique(und, return_counts=True)
    open_key = uniq[counts == 1]
    is_open = np.isin(und, open_key)
    starts, ends, render = a[is_open], b[is_open], ra[is_open]
    nxt: dict[int, list[tuple[int, int]]] = {}
    for s, e, r in zip(starts.tolist(), ends.tolist(), render.tolist(), strict=True):
        nxt.setdefault(s, []).append((e, r))
    loops: list[np.ndarray] = []
    used: set[tuple[int, int]] = set()
    for s0 in list(nxt):
        for e0, r0 in list(nxt[s0]):
            if (s0, e0) in used:
                continue
            path, render_path, cur = [s0], [r0], e0
            used.add((s0, e0))
            ok = False
            for _ in range(len(starts) + 1):
                if cur == s0:
                    ok = True
                    break
                options = [(e, r) for e, r in nxt.get(cur, []) if (cur, e) not in used]
                if not options:
                    break
                e, r = options[0]
                used.add((cur, e))
                path.append(cur)
                render_path.append(r)
                cur = e
            if ok and len(path) >= 3:
                loops.extend(_split_pinched(np.array(path), np.array(render_path)))
    return loops


def _split_pinched(path: np.ndarray, render: np.ndarray) -> list[np.ndarray]:
    """Split a loop that passes a welded vertex twice into simple loops (render indices)."""
    out: list[np.ndarray] = []
    stack_w: list[int] = []
    stack_r: list[int] = []
    for wv, rv in zip(path.tolist(), render.tolist(), strict=True):
        if wv in stack_w:
            i = stack_w.index(wv)
            sub = stack_r[i:]
            if len(sub) >= 3:
                out.append(np.array(sub))
            del stack_w[i + 1:], stack_r[i + 1:]
        else:
            stack_w.append(wv)
            stack_r.append(rv)
    if len(stack_r) >= 3:
        out.append(np.array(stack_r))
    return out


def _newell(points: np.ndarray) -> np.ndarray:
    """Unit normal of a closed polygon (Newell's method); the polygon runs counter-clockwise around it."""
    p, q = points, np.roll(points, -1, axis=0)
    n = np.array([
        np.sum((p[:, 1] - q[:, 1]) * (p[:, 2] + q[:, 2])),
        np.sum((p[:, 2] - q[:, 2]) * (p[:, 0] + q[:, 0])),
        np.sum((p[:, 0] - q[:, 0]) * (p[:, 1] + q[:, 1])),
    ])
    length = np.linalg.norm(n)
    return n / length if length > 0 else np.array([0.0, 1.0, 0.0])


def _cap(loop_pts: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Triangles (indices into loop + extra points) closing a loop given in the surrounding faces' order.

    The cap runs the loop reversed, so its triangles face the same way as the surface around it.
    """
    import mapbox_earcut as earcut

    pts = loop_pts[::-1]
    k = len(pts)
    normal = _newell(pts)
    flat = planar_uvs(pts, normal)  # right-handed in-plane axes: the triangles keep their turn
    tri = None
    try:
        idx = earcut.triangulate_float64(flat, np.array([k], np.uint32)).reshape(-1, 3).astype(np.int64)
        if len(idx) == k - 2:
            tri = idx
    except Exception:  # earcut rejects some degenerate polygons
        tri = None
    extra = np.zeros((0, 3))
    if tri is None:  # fold-over in projection: fan from the centroid
        i = np.arange(k)
        tri = np.stack([i, (i + 1) % k, np.full(k, k)], axis=1)
        extra = pts.mean(axis=0, keepdims=True)
    all_pts = np.vstack([pts, extra])
    # orient every cap triangle along the loop's normal
    e1 = all_pts[tri[:, 1]] - all_pts[tri[:, 0]]
    e2 = all_pts[tri[:, 2]] - all_pts[tri[:, 0]]
    wrong = np.cross(e1, e2) @ normal < 0
    tri[wrong] = tri[wrong][:, ::-1]
    # indices are into the reversed loop: map back to the caller's order (loop index k-1-i)
    mapped = np.where(tri < k, k - 1 - tri, tri)
    return mapped, extra


# ---------------------------------------------------------------------------------------- driver
def _run_steps(part_name: str, mesh: Mesh, steps_to_run: list, ctx: dict, steps: list[Step]) -> Mesh:
    """Apply each step, keeping it only when its check passes (see the module docstring)."""
    for name, fn in steps_to_run:
        before = _badness(mesh)
        try:
            candidate, detail = fn(mesh, ctx)
        except Exception as exc:  # a failing step is reported and skipped, never fatal
            log.info("repair step %s failed on %s: %s", name, part_name, exc)
            steps.append(Step(part_name, name, "failed", f"{type(exc).__name__}: {exc}"))
            continue
        if not detail:
            continue
        after = _badness(candidate)
        worse = [k for k in before if after.get(k, 0) > before[k]]
        moved = 0.0 if name == "remove_small_pieces" else _bounds_moved(mesh, candidate)  # debris may shrink it
        lost = 0.0
        finite = np.isfinite(mesh.vertices).all() and np.isfinite(candidate.vertices).all()
        if name != "remove_small_pieces" and finite and mesh.is_watertight() and candidate.is_watertight():
            v0 = abs(mesh.volume)
            lost = abs(abs(candidate.volume) - v0) / v0 if v0 > 0 else 0.0
        if worse or moved > MAX_BOUNDS_CHANGE or lost > MAX_VOLUME_CHANGE or not candidate.triangle_count:
            why = (f"it would increase {', '.join(f'{k} {before[k]}->{after[k]}' for k in worse)}" if worse
                   else f"it would move the outline by {moved:.1%} of the part's size" if moved > MAX_BOUNDS_CHANGE
                   else f"it would change the volume by {lost:.1%}" if lost > MAX_VOLUME_CHANGE
                   else "it would leave no faces")
            steps.append(Step(part_name, name, "rolled_back", f"{detail}; rolled back: {why}"))
            continue
        mesh = candidate
        steps.append(Step(part_name, name, "changed", detail))
    return mesh


def _repair_part(part: Part, ctx: dict, steps: list[Step]) -> Part:
    mesh = part.mesh
    if ctx["print_mode"]:
        # printing needs closed solids only: drop render splits (UVs and normals) first
        mesh = Mesh(mesh.vertices, mesh.faces)
        if np.isfinite(mesh.vertices).all():
            mesh = mesh.compact()
    ctx["uv_destroyed"] = False
    mesh = _run_steps(part.name, mesh, STEPS, ctx, steps)
    left = _badness(mesh)
    if left["holes"] or left["non_manifold_edges"] or left["inconsistent_edges"]:
        # one step's fix can expose another's problem (a cap meeting a fin): one more pass
        again = [s for s in STEPS if s[0] in ("drop_degenerate", "split_non_manifold", "fix_winding", "fill_holes")]
        mesh = _run_steps(part.name, mesh, again, ctx, steps)
    if (ctx["uv_destroyed"] or mesh.uvs is None) and not ctx["print_mode"]:
        from meshforge.geometry.uv import xatlas_uvs

        why = "re-unwrapped UVs with xatlas" if ctx["uv_destroyed"] else "unwrapped the missing UVs with xatlas"
        if mesh.triangle_count > MAX_UNWRAP_TRIANGLES:
            steps.append(Step(part.name, "unwrap_uvs", "failed",
                              f"{mesh.triangle_count:,} triangles is over the {MAX_UNWRAP_TRIANGLES:,} unwrapping limit; "
                              "run `meshforge lod` first"))
        else:
            try:
                mesh = xatlas_uvs(mesh if mesh.normals is not None else mesh.with_normals())
                steps.append(Step(part.name, "unwrap_uvs", "changed", why))
            except Exception as exc:
                steps.append(Step(part.name, "unwrap_uvs", "failed", f"{type(exc).__name__}: {exc}"))
    if mesh.normals is None and not ctx["print_mode"]:
        mesh = mesh.with_normals()
    return Part(part.name, mesh, part.material, part.transform.copy())


def repair(model: Model, *, print_mode: bool = False, inspect_options: dict[str, Any] | None = None) -> RepairResult:
    """Repair every part of ``model`` (see the module docstring); the input is not modified.

    Args:
        model: the model to fix.
        print_mode: aim at 3D printing: every part becomes one closed, manifold solid (UVs dropped).
        inspect_options: passed to :func:`meshforge.quality.inspect` for the before/after reports
            (e.g. ``source_format``, ``units``).

    Returns:
        A :class:`RepairResult`; ``result.model`` is the input itself (``reverted``) when repairing lowered
        the score.
    """
    from meshforge.quality import inspect

    opts = dict(inspect_options or {})
    profile = "print" if print_mode else opts.pop("profile", "desktop")
    opts.pop("profile", None)
    before = inspect(model, profile=profile, **opts)
    lo, hi = model.bounds
    ctx = {"print_mode": print_mode, "diagonal": float(np.linalg.norm(hi - lo)) or 1.0}
    steps: list[Step] = []
    out = model.copy()
    out.parts = [_repair_part(p, ctx, steps) for p in model.parts]
    out.parts = [p for p in out.parts if p.mesh.triangle_count]
    after_opts = {k: v for k, v in opts.items() if k not in ("file_bytes",)}
    after = inspect(out, profile=profile, **after_opts) if out.parts else before
    if not out.parts or after.score < before.score - 1e-9:
        return RepairResult(model, steps, before, before, reverted=True)
    return RepairResult(out, steps, before, after)
