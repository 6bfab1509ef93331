"""Topology checks, judged on *welded* positions (render vertices split at UV seams are one point).

:class:`MeshTopology` computes, once per part and with numpy only, everything the checks (and repair,
and the HTML report's highlights) need: welded positions and faces, unique edges with their face
counts and orientation, boundary loops, non-manifold edges and vertices, connected pieces ("shells")
with their closedness and signed volume.

Definitions (counts in findings use these):

* hole: a loop of boundary edges (edges used by one face); counted as loops, not edges.
* non-manifold edge: used by three or more faces.
* non-manifold vertex: where two or more fans of faces meet only at that point (a "bowtie"); fans
  that meet along a non-manifold edge are already reported there.
* inconsistent winding: an edge whose two faces run it in the same direction (one face is flipped).
* inverted shell: a closed, consistently wound piece with negative volume (faces point inward) that is
  not a cavity inside another piece (a hollow solid's inner wall is inward by design).
* degenerate face: corners that weld together, or thinner than :data:`SLIVER_RATIO` times its longest
  edge (float32 in engines cannot give it a normal).
* duplicate faces: faces on the same three welded corners (either winding); count = extra copies.
* duplicate vertices: render vertices equal in welded position, normal and UV (seam splits differ in
  UV or normal and are not duplicates); count = vertices that could be merged away.
* cracks (files only): vertices that weld together but differ bit for bit (float rounding in the file). meshforge
  closes them, but tools that match coordinates exactly (slicers, exact-arithmetic mesh libraries, the
  Thingi10K labels) see open edges there, and faces that touch without sharing a vertex; ``holes`` and
  ``self_intersections`` report them as warnings when the welded surface is otherwise clean.
* small piece: a piece of a multi-piece part whose bounding box diagonal is under
  :data:`SMALL_COMPONENT_FRACTION` of the model's.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from meshforge.geometry.mesh import Mesh
from meshforge.quality.findings import Finding, point
from meshforge.quality.intersect import self_intersecting_pairs
from meshforge.quality.registry import check

if TYPE_CHECKING:
    from meshforge.core.model import Model
    from meshforge.quality.context import Context, PartGeometry

#: A face whose smallest altitude is below this fraction of its longest edge is degenerate (float32,
#: what GPUs use, resolves ~1e-7; below 1e-6 its normal is noise).
SLIVER_RATIO = 1e-6
#: A piece of a multi-piece part smaller than this fraction of the model's diagonal is a "small piece".
SMALL_COMPONENT_FRACTION = 0.01
#: Normals and UVs equal after rounding to these many decimals make two render vertices duplicates
#: (the same rounding as :meth:`Mesh.compact`).
NORMAL_DECIMALS, UV_DECIMALS = 5, 6


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected-component label per node of an undirected graph given by edges a-b."""
    if n == 0:
        return np.zeros(0, np.int64)
    graph = coo_matrix((np.ones(len(a), np.int8), (a, b)), shape=(n, n)).tocsr()
    # weak components of the directed graph are the undirected components, without symmetrising first
    return connected_components(graph, directed=True, connection="weak")[1].astype(np.int64)


class MeshTopology:
    """Welded topology of one mesh (arrays, computed lazily; see module docstring for definitions).

    Attributes:
        positions: (V, 3) distinct (welded) positions.
        faces: (M, 3) welded corner indices, in the mesh's face order.
        collapsed: (M,) faces with two welded corners equal (left out of edges and pieces).
    """

    def __init__(self, mesh: Mesh):
        self.mesh = mesh
        weld = mesh.weld_map() if mesh.vertex_count else np.zeros(0, np.int64)
        n = int(weld.max()) + 1 if len(weld) else 0
        self.positions = np.zeros((n, 3))
        self.positions[weld] = mesh.vertices
        self.faces = weld[mesh.faces] if mesh.triangle_count else np.zeros((0, 3), np.int64)
        f = self.faces
        self.collapsed = (f[:, 0] == f[:, 1]) | (f[:, 1] == f[:, 2]) | (f[:, 2] == f[:, 0])
        self.live = np.flatnonzero(~self.collapsed)

    @property
    def vertex_count(self) -> int:
        return len(self.positions)

    # ------------------------------------------------------------------ edges
    @cached_property
    def _half_edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(start, end, edge id) per half-edge of the live faces; half-edge 3*k + c is corner c of live face k."""
        f = self.faces[self.live].astype(np.int32)  # int32 halves the memory traffic of what follows
        a = f.reshape(-1)
        b = f[:, [1, 2, 0]].reshape(-1)
        n = max(self.vertex_count, 1)
        key = np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b)
        order = np.argsort(key).astype(np.int32)
        ks = key[order]
        first = np.empty(len(ks), bool)
        if len(ks):
            first[0] = True
            np.not_equal(ks[1:], ks[:-1], out=first[1:])
        edge_sorted = np.cumsum(first) - 1
        edge = np.empty_like(edge_sorted)
        edge[order] = edge_sorted
        self._edge_order, self._edge_sorted = order, edge_sorted
        unique = ks[first]
        self._edges = np.stack([unique // n, unique % n], axis=1)
        return a, b, edge

    @cached_property
    def edges(self) -> np.ndarray:
        """(E, 2) unique undirected welded edges (smaller index first)."""
        self._half_edges  # noqa: B018  (fills _edges)
        return self._edges

    @cached_property
    def edge_face_count(self) -> np.ndarray:
        """(E,) number of faces using each edge."""
        edge = self._half_edges[2]
        return np.bincount(edge, minlength=len(self.edges))

    @cached_property
    def boundary_edges(self) -> np.ndarray:
        """Indices into :attr:`edges` of edges used by exactly one face."""
        return np.flatnonzero(self.edge_face_count == 1)

    @cached_property
    def non_manifold_edges(self) -> np.ndarray:
        """Indices into :attr:`edges` of edges used by three or more faces."""
        return np.flatnonzero(self.edge_face_count > 2)

    @cached_property
    def inconsistent_edges(self) -> np.ndarray:
        """Indices into :attr:`edges` of two-face edges whose faces run them the same way."""
        a, b, edge = self._half_edges
        forward = np.bincount(edge, weights=(a < b), minlength=len(self.edges))
        return np.flatnonzero((self.edge_face_count == 2) & (forward != 1))

    def segments(self, edge_ids: np.ndarray) -> np.ndarray:
        """(K, 2, 3) endpoint positions of edges (indices into :attr:`edges`)."""
        return self.positions[self.edges[edge_ids]]

    @cached_property
    def boundary_loops(self) -> list[np.ndarray]:
        """Holes: boundary edge ids grouped by connected loop, largest loop first."""
        be = self.boundary_edges
        if not len(be):
            return []
        e = self.edges[be]
        label = _components(self.vertex_count, e[:, 0], e[:, 1])[e[:, 0]]
        order = np.argsort(label, kind="stable")
        groups = np.split(be[order], np.flatnonzero(np.diff(label[order])) + 1)
        return sorted(groups, key=lambda g: -len(g))

    # ------------------------------------------------------------------ vertices
    @cached_property
    def non_manifold_vertices(self) -> np.ndarray:
        """Welded vertex ids where separate fans of faces meet at a single point."""
        a, b, _ = self._half_edges
        if not len(a):
            return np.zeros(0, np.int64)
        corners = len(a)
        corner_vertex = a  # corner 3k+c of live face k is half-edge 3k+c's start
        order, es = self._edge_order, self._edge_sorted
        same = es[1:] == es[:-1]
        h1, h2 = order[:-1][same], order[1:][same]

        def ends(h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            # the corners at the smaller and at the larger vertex of half-edge h
            nxt = h + np.int32(1) - np.int32(3) * (h % 3 == 2).astype(np.int32)
            fwd = a[h] < b[h]
            return np.where(fwd, h, nxt), np.where(fwd, nxt, h)

        lo1, hi1 = ends(h1)
        lo2, hi2 = ends(h2)
        # connect the two faces' corners at each end of every shared edge (fans grow across edges)
        fan = _components(corners, np.concatenate([lo1, hi1]), np.concatenate([lo2, hi2]))
        # every fan lies around one vertex, so counting fans per vertex needs no sort
        fan_vertex = np.zeros(int(fan.max()) + 1, np.int64)
        fan_vertex[fan] = corner_vertex
        fans_per_vertex = np.bincount(fan_vertex, minlength=self.vertex_count)
        candidates = np.flatnonzero(fans_per_vertex > 1)
        if not len(candidates):
            return candidates
        # fans joined by a non-manifold edge are reported as that edge, not as a vertex
        on_nm = np.zeros(self.vertex_count, bool)
        on_nm[self.edges[self.non_manifold_edges].reshape(-1)] = True
        return candidates[~on_nm[candidates]]

    # ------------------------------------------------------------------ pieces
    @cached_property
    def face_component(self) -> np.ndarray:
        """(M,) piece id of every face (pieces connected through shared welded vertices), 0..C-1."""
        f = self.faces
        if not len(f):
            return np.zeros(0, np.int64)
        label = _components(self.vertex_count, np.concatenate([f[:, 0], f[:, 1]]), np.concatenate([f[:, 1], f[:, 2]]))
        _, comp = np.unique(label[f[:, 0]], return_inverse=True)
        return comp.reshape(-1)

    @property
    def component_count(self) -> int:
        return int(self.face_component.max()) + 1 if len(self.face_component) else 0

    @cached_property
    def component_closed(self) -> np.ndarray:
        """(C,) pieces with no boundary, non-manifold or inconsistently wound edge."""
        bad_edges = np.concatenate([self.boundary_edges, self.non_manifold_edges, self.inconsistent_edges])
        closed = np.ones(self.component_count, bool)
        if len(bad_edges):
            vertex_comp = np.zeros(self.vertex_count, np.int64)
            vertex_comp[self.faces.reshape(-1)] = np.repeat(self.face_component, 3)
            closed[vertex_comp[self.edges[bad_edges, 0]]] = False
        return closed

    @cached_property
    def component_volume(self) -> np.ndarray:
        """(C,) signed volume of each piece (meaningful for closed pieces; positive = outward)."""
        f = self.faces[self.live]
        center = self.positions.mean(axis=0) if self.vertex_count else np.zeros(3)
        p = self.positions - center
        six = np.einsum("ij,ij->i", p[f[:, 0]], np.cross(p[f[:, 1]], p[f[:, 2]]))
        return np.bincount(self.face_component[self.live], weights=six, minlength=self.component_count) / 6.0

    @cached_property
    def component_bounds(self) -> np.ndarray:
        """(C, 2, 3) bounding box of each piece."""
        c = self.component_count
        corners = self.faces.reshape(-1)
        comp = np.repeat(self.face_component, 3)
        order = np.argsort(comp, kind="stable")
        starts = np.flatnonzero(np.r_[True, np.diff(comp[order]) != 0])
        pts = self.positions[corners[order]]
        out = np.zeros((c, 2, 3))
        if c:
            out[:, 0] = np.minimum.reduceat(pts, starts, axis=0)
            out[:, 1] = np.maximum.reduceat(pts, starts, axis=0)
        return out

    @cached_property
    def component_face_count(self) -> np.ndarray:
        return np.bincount(self.face_component, minlength=self.component_count)

    @cached_property
    def cavities(self) -> np.ndarray:
        """(C,) closed inward pieces inside the box of a larger closed outward piece (hollow solids)."""
        closed, vol, box = self.component_closed, self.component_volume, self.component_bounds
        neg = np.flatnonzero(closed & (vol < 0))
        pos = np.flatnonzero(closed & (vol > 0))
        out = np.zeros(self.component_count, bool)
        if not len(neg) or not len(pos):
            return out
        tol = 1e-9 * max(float(np.linalg.norm(np.ptp(self.positions, axis=0))), 1e-12)
        inside = (
            np.all(box[neg][:, None, 0] >= box[pos][None, :, 0] - tol, axis=2)
            & np.all(box[neg][:, None, 1] <= box[pos][None, :, 1] + tol, axis=2)
            & (-vol[neg][:, None] < vol[pos][None, :])
        )
        out[neg[inside.any(axis=1)]] = True
        return out

    # ------------------------------------------------------------------ faces
    @cached_property
    def degenerate_faces(self) -> np.ndarray:
        """Face ids that are collapsed or slivers (module docstring)."""
        p, f = self.positions, self.faces
        a, b, c = p[f[:, 0]], p[f[:, 1]], p[f[:, 2]]
        ab, bc, ca = b - a, c - b, a - c
        longest2 = np.maximum(np.maximum(np.einsum("ij,ij->i", ab, ab), np.einsum("ij,ij->i", bc, bc)),
                              np.einsum("ij,ij->i", ca, ca))
        cr = np.cross(ab, -ca)
        twice_area2 = np.einsum("ij,ij->i", cr, cr)
        # height = 2A / longest <= ratio * longest  <=>  (2A)^2 <= ratio^2 * longest^4
        sliver = twice_area2 <= SLIVER_RATIO**2 * longest2**2
        return np.flatnonzero(self.collapsed | sliver)

    @cached_property
    def duplicate_faces(self) -> np.ndarray:
        """Face ids that repeat an earlier face's welded corners (the first copy is not listed)."""
        live = self.live
        s = np.sort(self.faces[live], axis=1)
        order = np.lexsort((s[:, 2], s[:, 1], s[:, 0]))
        ss = s[order]
        repeat = np.r_[False, np.all(ss[1:] == ss[:-1], axis=1)] if len(ss) else np.zeros(0, bool)
        return np.sort(live[order[repeat]])

    def face_centers(self, face_ids: np.ndarray) -> np.ndarray:
        return self.positions[self.faces[face_ids]].mean(axis=1)

    # ------------------------------------------------------------------ render vertices
    @cached_property
    def duplicate_vertices(self) -> np.ndarray:
        """Render vertex ids identical to an earlier vertex in welded position, normal and UV."""
        mesh = self.mesh
        if not mesh.vertex_count:
            return np.zeros(0, np.int64)
        used = np.zeros(mesh.vertex_count, bool)
        used[mesh.faces.reshape(-1)] = True
        weld = mesh.weld_map()
        group_size = np.bincount(weld[used], minlength=self.vertex_count)
        cand = np.flatnonzero(used & (group_size[weld] > 1))
        if not len(cand):
            return cand
        cols = [weld[cand][:, None].astype(np.float64)]
        if mesh.normals is not None:
            cols.append(np.round(np.nan_to_num(mesh.normals[cand]), NORMAL_DECIMALS))
        if mesh.uvs is not None:
            cols.append(np.round(np.nan_to_num(mesh.uvs[cand]), UV_DECIMALS))
        key = np.concatenate(cols, axis=1)
        _, first = np.unique(key, axis=0, return_index=True)
        keep = np.ones(len(cand), bool)
        keep[first] = False
        return np.sort(cand[keep])


# ---------------------------------------------------------------------------------------- helpers
class Cracks:
    """What exact (bit-for-bit) vertex matching sees that welding hides, for one part (see module docstring).

    Attributes:
        boundary_edges: (K, 2, 3) segments of edges that are open only under exact matching.
        split_faces: face ids (in the part's checked mesh) touching a welded point made of several exact points.
        gap: largest distance between exact points that weld into one (model units).
    """

    def __init__(self, g: PartGeometry):
        mesh, t = g.mesh, g.topology
        self.boundary_edges = np.zeros((0, 2, 3))
        self.split_faces = np.zeros(0, np.int64)
        self.gap = 0.0
        if not mesh.triangle_count:
            return
        _, exact = np.unique(mesh.vertices, axis=0, return_inverse=True)
        exact = exact.reshape(-1)
        weld = mesh.weld_map()
        # welded points made of more than one exact point
        pairs = np.unique(np.stack([weld, exact], axis=1), axis=0)
        copies = np.bincount(pairs[:, 0], minlength=t.vertex_count)
        split = copies > 1
        if not split.any():
            return
        members = np.flatnonzero(split[weld])
        dist = np.linalg.norm(mesh.vertices[members] - t.positions[weld[members]], axis=1)
        self.gap = float(2 * dist.max()) if len(dist) else 0.0
        self.split_faces = np.flatnonzero(split[t.faces].any(axis=1))
        ef = exact[mesh.faces]
        e = np.sort(np.concatenate([ef[:, [0, 1]], ef[:, [1, 2]], ef[:, [2, 0]]]), axis=1)
        uniq, counts = np.unique(e, axis=0, return_counts=True)
        open_exact = uniq[counts == 1]
        if len(open_exact):
            first = np.zeros(exact.max() + 1, np.int64)
            first[exact] = np.arange(len(exact))
            self.boundary_edges = mesh.vertices[first[open_exact]]


def cracks_of(g: PartGeometry, ctx: Context) -> Cracks | None:
    """The part's :class:`Cracks` when the model came from a file (None for built models), computed once."""
    if ctx.options.source_format is None:
        return None
    if "cracks" not in g.cache:
        g.cache["cracks"] = Cracks(g)
    return g.cache["cracks"]


def describe_region(points: np.ndarray, bounds: np.ndarray, up_axis: int = 1) -> str:
    """Plain words for where points sit in a bounding box: "along the base", "near the top", "across the model"."""
    if not len(points):
        return ""
    size = np.maximum(bounds[1] - bounds[0], 1e-12)
    h = (points[:, up_axis] - bounds[0, up_axis]) / size[up_axis]
    if np.all(h <= 0.15):
        return "along the base"
    if np.all(h >= 0.85):
        return "near the top"
    if np.all((h > 0.15) & (h < 0.85)):
        return "around the middle"
    return "across the model"


def _where_faces(g: PartGeometry, face_ids: np.ndarray, points: np.ndarray | None = None) -> list[dict]:
    topo = g.topology
    pts = topo.face_centers(face_ids) if points is None else points
    return [
        {"part": g.name, "position": point(p), "faces": [int(g.face_ids[f])]}
        for f, p in zip(face_ids[:20], pts[:20], strict=False)
    ]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _parts_phrase(names: list[str]) -> str:
    shown = ", ".join(f"'{n}'" for n in names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _up_index(ctx: Context) -> int:
    return 1 if ctx.frame.up == "Y" else 2


# ---------------------------------------------------------------------------------------- checks
@check("empty", "topology", "A model without any triangle.")
def check_empty(model: Model, ctx: Context) -> list[Finding]:
    if ctx.parts:
        return []
    return [Finding("empty", "error", 1,
                    f"the model has no triangles ({len(model.parts)} part{'s' if len(model.parts) != 1 else ''}); "
                    "there is nothing to show or print.",
                    "check the file: it may hold only points, lines or empty nodes", [])]


@check("nan_values", "topology", "Vertex positions, normals, UVs or transforms that are NaN or infinite.")
def check_nan_values(model: Model, ctx: Context) -> list[Finding]:
    count, where, parts = 0, [], []
    for p in model.parts:
        m = p.mesh
        bad = ~np.isfinite(m.vertices).all(axis=1)
        if m.normals is not None:
            bad |= ~np.isfinite(m.normals).all(axis=1)
        if m.uvs is not None:
            bad |= ~np.isfinite(m.uvs).all(axis=1)
        n = int(bad.sum()) + (0 if np.isfinite(p.transform).all() else 1)
        if n:
            count += n
            parts.append(p.name)
            idx = np.flatnonzero(bad)
            where += [{"part": p.name, "vertices": [int(v)]} for v in idx[:20]]
            if not np.isfinite(p.transform).all():
                where.append({"part": p.name, "transform": "not finite"})
    if not count:
        return []
    return [Finding("nan_values", "error", count,
                    f"{_plural(count, 'vertex value', 'vertex values')} are NaN or infinite in {_parts_phrase(parts)}; "
                    "most tools refuse or mis-draw such meshes.",
                    "run `meshforge repair` (drops the broken vertices and their faces)", where)]


@check("holes", "topology", "Open boundaries: loops of edges used by a single face.")
def check_holes(model: Model, ctx: Context) -> list[Finding]:
    loops_total, where, parts, segs = 0, [], [], {}
    region_pts = []
    for g in ctx.parts:
        t = g.topology
        loops = t.boundary_loops
        if not loops:
            continue
        loops_total += len(loops)
        parts.append(g.name)
        for loop in loops[:20]:
            s = t.segments(loop)
            center = s.reshape(-1, 3).mean(axis=0)
            perimeter = float(np.linalg.norm(s[:, 1] - s[:, 0], axis=1).sum())
            where.append({"part": g.name, "position": point(center), "edges": len(loop),
                          "value": round(perimeter, 6), "unit": ctx.frame.units + " perimeter"})
            region_pts.append(center)
        segs[g.name] = {"segments": t.segments(t.boundary_edges)}
    if not loops_total:
        return _crack_holes(ctx)
    region = describe_region(np.array(region_pts), ctx.bounds, _up_index(ctx))
    f = Finding("holes", "error", loops_total,
                f"{_plural(loops_total, 'hole')} {region} of {_parts_phrase(parts)} (open boundary loops); "
                "the surface does not enclose a volume.",
                "run `meshforge repair` to fill them", where)
    f.highlights = segs
    return [f]


def _crack_holes(ctx: Context) -> list[Finding]:
    """Open edges that only exact vertex matching sees (files whose coordinates differ by float rounding)."""
    total, where, parts, segs, gap = 0, [], [], {}, 0.0
    for g in ctx.parts:
        c = cracks_of(g, ctx)
        if c is None or not len(c.boundary_edges):
            continue
        total += len(c.boundary_edges)
        gap = max(gap, c.gap)
        parts.append(g.name)
        where += [{"part": g.name, "position": point(s.mean(axis=0)), "edges": 1} for s in c.boundary_edges[:20]]
        segs[g.name] = {"segments": c.boundary_edges}
    if not total:
        return []
    f = Finding("holes", "warning", total,
                f"{_plural(total, 'edge')} of {_parts_phrase(parts)} are open when vertices are matched exactly: "
                f"cracks at most {gap:.2g} {ctx.frame.units} wide from float rounding in the file. meshforge closes "
                "them, but slicers and exact tools see holes.",
                "run `meshforge repair` (merges the split vertices and writes them shared)", where)
    f.highlights = segs
    return [f]


@check("non_manifold_edges", "topology", "Edges shared by three or more faces.")
def check_non_manifold_edges(model: Model, ctx: Context) -> list[Finding]:
    total, where, parts, hl = 0, [], [], {}
    for g in ctx.parts:
        t = g.topology
        nm = t.non_manifold_edges
        if not len(nm):
            continue
        total += len(nm)
        parts.append(g.name)
        s = t.segments(nm)
        where += [{"part": g.name, "position": point(e.mean(axis=0)), "edge": [point(e[0]), point(e[1])],
                   "faces_on_edge": int(c)} for e, c in zip(s[:20], t.edge_face_count[nm][:20], strict=False)]
        hl[g.name] = {"segments": s}
    if not total:
        return []
    f = Finding("non_manifold_edges", "error", total,
                f"{_plural(total, 'edge')} in {_parts_phrase(parts)} are shared by three or more faces; "
                "booleans, slicers and UV unwrapping fail on them.",
                "run `meshforge repair` (splits or removes the extra faces)", where)
    f.highlights = hl
    return [f]


@check("non_manifold_vertices", "topology", "Vertices where separate fans of faces touch at one point.")
def check_non_manifold_vertices(model: Model, ctx: Context) -> list[Finding]:
    total, where, parts, hl = 0, [], [], {}
    for g in ctx.parts:
        t = g.topology
        nv = t.non_manifold_vertices
        if not len(nv):
            continue
        total += len(nv)
        parts.append(g.name)
        where += [{"part": g.name, "position": point(t.positions[v])} for v in nv[:20]]
        hl[g.name] = {"points": t.positions[nv]}
    if not total:
        return []
    f = Finding("non_manifold_vertices", "error", total,
                f"{_plural(total, 'vertex', 'vertices')} in {_parts_phrase(parts)} join pieces of surface at a "
                "single point (bowtie); the model is not a clean solid there.",
                "run `meshforge repair` (splits the vertex)", where)
    f.highlights = hl
    return [f]


@check("inconsistent_winding", "topology", "Neighbouring faces wound in opposite directions.")
def check_inconsistent_winding(model: Model, ctx: Context) -> list[Finding]:
    total, where, parts, hl = 0, [], [], {}
    for g in ctx.parts:
        t = g.topology
        bad = t.inconsistent_edges
        if not len(bad):
            continue
        total += len(bad)
        parts.append(g.name)
        s = t.segments(bad)
        where += [{"part": g.name, "position": point(e.mean(axis=0)), "edge": [point(e[0]), point(e[1])]}
                  for e in s[:20]]
        hl[g.name] = {"segments": s}
    if not total:
        return []
    f = Finding("inconsistent_winding", "error", total,
                f"{_plural(total, 'edge')} in {_parts_phrase(parts)} join faces wound in opposite directions; "
                "some faces point inward, so lighting and back-face culling break.",
                "run `meshforge repair` (re-orients faces consistently)", where)
    f.highlights = hl
    return [f]


@check("inverted_normals", "topology", "Closed pieces whose faces point inward (negative volume).")
def check_inverted_normals(model: Model, ctx: Context) -> list[Finding]:
    total, where, parts, hl = 0, [], [], {}
    for g in ctx.parts:
        t = g.topology
        if not t.component_count:
            continue
        inv = np.flatnonzero(t.component_closed & (t.component_volume < 0) & ~t.cavities)
        if not len(inv):
            continue
        total += len(inv)
        parts.append(g.name)
        boxes = t.component_bounds[inv]
        where += [{"part": g.name, "position": point(b.mean(axis=0)),
                   "value": round(float(-t.component_volume[c]), 9), "unit": ctx.frame.units + "^3"}
                  for b, c in zip(boxes[:20], inv[:20], strict=False)]
        hl[g.name] = {"faces": g.face_ids[np.flatnonzero(np.isin(t.face_component, inv))]}
    if not total:
        return []
    f = Finding("inverted_normals", "error", total,
                f"{_plural(total, 'closed piece')} in {_parts_phrase(parts)} {'is' if total == 1 else 'are'} "
                "inside out (faces point inward); it renders dark and prints as a void.",
                "run `meshforge repair` (flips inward pieces)", where)
    f.highlights = hl
    return [f]


@check("degenerate_faces", "topology", "Zero-area and sliver triangles.")
def check_degenerate_faces(model: Model, ctx: Context) -> list[Finding]:
    total, where, parts, hl = 0, [], [], {}
    for g in ctx.parts:
        deg = g.topology.degenerate_faces
        if not len(deg):
            continue
        total += len(deg)
        parts.append(g.name)
        where += _where_faces(g, deg)
        hl[g.name] = {"faces": g.face_ids[deg]}
    if not total:
        return []
    f = Finding("degenerate_faces", "warning", total,
                f"{_plural(total, 'face')} in {_parts_phrase(parts)} have (almost) no area; their normals are "
                "undefined and they cause shading speckles and failed booleans.",
                "run `meshforge repair` (removes them)", where)
    f.highlights = hl
    return [f]


@check("duplicate_faces", "topology", "Faces repeated on the same three corners.")
def check_duplicate_faces(model: Model, ctx: Context) -> list[Finding]:
    total, where, parts, hl = 0, [], [], {}
    for g in ctx.parts:
        dup = g.topology.duplicate_faces
        if not len(dup):
            continue
        total += len(dup)
        parts.append(g.name)
        where += _where_faces(g, dup)
        hl[g.name] = {"faces": g.face_ids[dup]}
    if not total:
        return []
    f = Finding("duplicate_faces", "warning", total,
                f"{_plural(total, 'face')} in {_parts_phrase(parts)} repeat another face exactly; they z-fight "
                "when rendered and make edges non-manifold.",
                "run `meshforge repair` (removes the copies)", where)
    f.highlights = hl
    return [f]


@check("duplicate_vertices", "topology", "Render vertices identical in position, normal and UV.")
def check_duplicate_vertices(model: Model, ctx: Context) -> list[Finding]:
    if ctx.options.source_format == ".stl":
        return []  # STL stores three corners per facet and cannot share vertices: nothing to fix there
    total, where, parts, hl = 0, [], [], {}
    for g in ctx.parts:
        dup = g.topology.duplicate_vertices
        if not len(dup):
            continue
        total += len(dup)
        parts.append(g.name)
        pos = g.mesh.vertices[dup]
        where += [{"part": g.name, "position": point(p), "vertices": [int(v)]}
                  for p, v in zip(pos[:20], dup[:20], strict=False)]
        hl[g.name] = {"points": pos}
    if not total:
        return []
    f = Finding("duplicate_vertices", "warning", total,
                f"{_plural(total, 'vertex', 'vertices')} in {_parts_phrase(parts)} duplicate another vertex in "
                "position, normal and UV (not seam splits); they waste memory and can hide cracks.",
                "run `meshforge repair` (merges them)", where)
    f.highlights = hl
    return [f]


@check("self_intersections", "topology", "Faces of one part that cut through or overlap each other.", concurrent=True)
def check_self_intersections(model: Model, ctx: Context) -> list[Finding]:
    total_faces, where, parts, hl, sampled_parts = 0, [], [], {}, []
    for g in ctx.parts:
        t = g.topology
        live = t.live
        if len(live) < 2:
            continue
        pairs, pts, sampled = self_intersecting_pairs(
            t.positions, t.faces[live], max_faces=ctx.options.self_intersection_max_faces, seed=ctx.options.seed
        )
        if sampled:
            sampled_parts.append(g.name)
        if not len(pairs):
            continue
        faces = np.unique(live[pairs])
        total_faces += len(faces)
        parts.append(g.name)
        where += [{"part": g.name, "position": point(p), "faces": [int(g.face_ids[live[a]]), int(g.face_ids[live[b]])]}
                  for (a, b), p in zip(pairs[:20], pts[:20], strict=False)]
        hl[g.name] = {"faces": g.face_ids[faces], "points": pts}
    if sampled_parts:
        ctx.metrics.setdefault("notes", []).append(
            f"self-intersections tested on a sample of {ctx.options.self_intersection_max_faces:,} faces in "
            f"{_parts_phrase(sampled_parts)}")
    if not total_faces:
        return _crack_contacts(ctx)
    sample_note = " (tested on a sample of faces)" if sampled_parts else ""
    f = Finding("self_intersections", "error", total_faces,
                f"{_plural(total_faces, 'face')} in {_parts_phrase(parts)} cut through or overlap other faces of "
                f"the same part{sample_note}; booleans, slicers and volume measurements are unreliable.",
                "run `meshforge repair` (rebuilds the part as a clean solid)", where)
    f.highlights = hl
    return [f]


def _crack_contacts(ctx: Context) -> list[Finding]:
    """Faces that touch without sharing a vertex when coordinates are compared exactly (split vertices)."""
    total, where, parts, hl, gap = 0, [], [], {}, 0.0
    for g in ctx.parts:
        c = cracks_of(g, ctx)
        if c is None or not len(c.split_faces):
            continue
        total += len(c.split_faces)
        gap = max(gap, c.gap)
        parts.append(g.name)
        centers = g.topology.face_centers(c.split_faces[:20])
        where += [{"part": g.name, "position": point(p), "faces": [int(g.face_ids[f])]}
                  for f, p in zip(c.split_faces[:20], centers, strict=False)]
        hl[g.name] = {"faces": g.face_ids[c.split_faces]}
    if not total:
        return []
    f = Finding("self_intersections", "warning", total,
                f"{_plural(total, 'face')} of {_parts_phrase(parts)} touch neighbours at vertices that differ by "
                f"float rounding (at most {gap:.2g} {ctx.frame.units}); exact intersection tests count them as "
                "self-intersecting.",
                "run `meshforge repair` (merges the split vertices)", where)
    f.highlights = hl
    return [f]


@check("small_components", "topology", "Tiny loose pieces inside a part (debris).")
def check_small_components(model: Model, ctx: Context) -> list[Finding]:
    total, where, parts, hl = 0, [], [], {}
    limit = SMALL_COMPONENT_FRACTION * ctx.diagonal
    for g in ctx.parts:
        t = g.topology
        if t.component_count < 2:
            continue
        diag = np.linalg.norm(t.component_bounds[:, 1] - t.component_bounds[:, 0], axis=1)
        small = np.flatnonzero(diag < limit)
        if len(small) == t.component_count:  # everything tiny: the part is small, not debris
            continue
        if not len(small):
            continue
        total += len(small)
        parts.append(g.name)
        where += [{"part": g.name, "position": point(t.component_bounds[c].mean(axis=0)),
                   "faces_in_piece": int(t.component_face_count[c])} for c in small[:20]]
        hl[g.name] = {"faces": g.face_ids[np.flatnonzero(np.isin(t.face_component, small))]}
    if not total:
        return []
    f = Finding("small_components", "warning", total,
                f"{_plural(total, 'tiny loose piece')} in {_parts_phrase(parts)} (each under "
                f"{SMALL_COMPONENT_FRACTION:.0%} of the model's size); usually scan or modelling debris.",
                "run `meshforge repair` (removes tiny pieces)", where)
    f.highlights = hl
    return [f]


@check("multiple_components", "topology", "Parts made of several separate pieces (information).")
def check_multiple_components(model: Model, ctx: Context) -> list[Finding]:
    total, where, parts = 0, [], []
    limit = SMALL_COMPONENT_FRACTION * ctx.diagonal
    for g in ctx.parts:
        t = g.topology
        if t.component_count < 2:
            continue
        diag = np.linalg.norm(t.component_bounds[:, 1] - t.component_bounds[:, 0], axis=1)
        big = diag >= limit
        if not big.any():  # a part made only of small pieces: they all count
            big[:] = True
        pieces = np.flatnonzero(~t.cavities & big)
        if len(pieces) < 2:
            continue
        total += len(pieces)
        parts.append(g.name)
        where += [{"part": g.name, "position": point(t.component_bounds[c].mean(axis=0)),
                   "faces_in_piece": int(t.component_face_count[c])} for c in pieces[:20]]
    if not total:
        return []
    return [Finding("multiple_components", "info", total,
                    f"{_parts_phrase(parts)} {'is' if len(parts) == 1 else 'are'} made of {total:,} separate pieces; "
                    "fine for assemblies, but each piece prints and simulates as its own body.",
                    "keep as is, or split pieces into named parts for editing", where)]
