"""The render-ready triangle mesh every stage passes around.

A :class:`Mesh` holds *render vertices*: a position is repeated where the UVs or the normals are
discontinuous (UV seams, hard edges), exactly as glTF stores them. Topology questions (watertight,
manifold, volume) are answered on the *welded* mesh, whose vertices are the distinct positions
(see :meth:`Mesh.weld_map`).

Units are meters, Y-up, counter-clockwise front faces (glTF 2.0, section 3.7.2.1).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import trimesh

#: Positions closer than this (meters) are the same point when welding. Seam duplicates made by the
#: toolkit differ only by float rounding (~1e-16 m); distinct vertices are at least the CSG tolerance
#: (2e-6 m) apart, so 1e-8 m separates the two cases with room on both sides.
WELD_TOLERANCE = 1e-8
#: Default angle (degrees) above which an edge between two faces is shaded hard.
DEFAULT_CREASE_DEG = 35.0


@dataclass(eq=False)
class Mesh:
    """Triangle mesh with optional per-vertex normals and UVs.

    Attributes:
        vertices: (N, 3) float64 positions in meters.
        faces: (M, 3) int64 vertex indices, counter-clockwise seen from outside.
        normals: (N, 3) unit normals, or None until :meth:`with_normals` computes them.
        uvs: (N, 2) texture coordinates, or None. meshforge's generators use *tiling* UVs in meters
            (one UV unit per :data:`meshforge.geometry.uv.UV_METERS` meters) so texel density is the
            same on every part; ``uv_mode`` says which convention the UVs follow.
        uv_mode: ``"tiling"`` (world-scale, may exceed [0, 1]) or ``"atlas"`` (packed in [0, 1]).
    """

    vertices: np.ndarray
    faces: np.ndarray
    normals: np.ndarray | None = None
    uvs: np.ndarray | None = None
    uv_mode: str = "tiling"
    _weld: np.ndarray | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.vertices = np.ascontiguousarray(self.vertices, dtype=np.float64).reshape(-1, 3)
        self.faces = np.ascontiguousarray(self.faces, dtype=np.int64).reshape(-1, 3)
        if self.normals is not None:
            self.normals = np.ascontiguousarray(self.normals, dtype=np.float64).reshape(-1, 3)
            if len(self.normals) != len(self.vertices):
                raise ValueError("normals must have one row per vertex")
        if self.uvs is not None:
            self.uvs = np.ascontiguousarray(self.uvs, dtype=np.float64).reshape(-1, 2)
            if len(self.uvs) != len(self.vertices):
                raise ValueError("uvs must have one row per vertex")
        if len(self.faces) and (self.faces.min() < 0 or self.faces.max() >= len(self.vertices)):
            raise ValueError("face index out of range")

    # ------------------------------------------------------------------ basic facts
    @property
    def triangle_count(self) -> int:
        return len(self.faces)

    @property
    def vertex_count(self) -> int:
        return len(self.vertices)

    @property
    def bounds(self) -> np.ndarray:
        """(2, 3) axis-aligned min/max corner in meters."""
        if not len(self.vertices):
            return np.zeros((2, 3))
        return np.array([self.vertices.min(axis=0), self.vertices.max(axis=0)])

    @property
    def extents(self) -> np.ndarray:
        b = self.bounds
        return b[1] - b[0]

    def face_normals(self) -> np.ndarray:
        """(M, 3) unit face normals (zero rows for degenerate faces)."""
        tri = self.vertices[self.faces]
        n = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
        length = np.linalg.norm(n, axis=1, keepdims=True)
        return np.divide(n, length, out=np.zeros_like(n), where=length > 0)

    def face_areas(self) -> np.ndarray:
        tri = self.vertices[self.faces]
        return 0.5 * np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1)

    def face_heights(self) -> np.ndarray:
        """(M,) smallest altitude of each face in meters (0 for degenerate faces, tiny for slivers)."""
        tri = self.vertices[self.faces]
        longest = np.linalg.norm(tri - np.roll(tri, 1, axis=1), axis=2).max(axis=1)
        return np.divide(2 * self.face_areas(), longest, out=np.zeros(len(tri)), where=longest > 0)

    @property
    def area(self) -> float:
        """Surface area in square meters."""
        return float(self.face_areas().sum())

    @property
    def volume(self) -> float:
        """Signed enclosed volume in cubic meters (positive for outward-facing closed meshes)."""
        tri = self.vertices[self.faces]
        return float(np.einsum("ij,ij->i", tri[:, 0], np.cross(tri[:, 1], tri[:, 2])).sum() / 6.0)

    # ------------------------------------------------------------------ welding / topology
    def weld_map(self) -> np.ndarray:
        """(N,) index of each vertex's welded position (vertices within :data:`WELD_TOLERANCE` share one).

        Cached: treat a mesh's arrays as immutable (every method returns a new mesh).
        """
        if self._weld is None:
            self._weld = weld_positions(self.vertices, WELD_TOLERANCE)
        return self._weld

    def welded(self) -> trimesh.Trimesh:
        """The mesh on distinct positions only, for topology checks (watertight, winding, volume)."""
        inverse = self.weld_map()
        positions = np.zeros((inverse.max() + 1 if len(inverse) else 0, 3))
        positions[inverse] = self.vertices
        return trimesh.Trimesh(positions, inverse[self.faces], process=False, validate=False)

    def is_watertight(self) -> bool:
        """Every welded edge is shared by exactly two faces with opposite directions."""
        if not len(self.faces):
            return False
        w = self.weld_map()[self.faces]
        edges = np.concatenate([w[:, [0, 1]], w[:, [1, 2]], w[:, [2, 0]]])
        directed = edges[:, 0].astype(np.int64) * (len(self.vertices) + 1) + edges[:, 1]
        undirected = np.sort(edges, axis=1)
        _, counts = np.unique(undirected, axis=0, return_counts=True)
        if not np.all(counts == 2):
            return False
        # each directed edge once: its reverse is the other face's edge (consistent winding)
        return len(np.unique(directed)) == len(directed)

    # ------------------------------------------------------------------ construction helpers
    def copy(self) -> Mesh:
        return Mesh(
            self.vertices.copy(),
            self.faces.copy(),
            None if self.normals is None else self.normals.copy(),
            None if self.uvs is None else self.uvs.copy(),
            self.uv_mode,
        )

    def transformed(self, matrix: np.ndarray) -> Mesh:
        """Apply a 4x4 affine matrix; normals use the inverse transpose; mirrors keep faces outward."""
        m = np.asarray(matrix, dtype=np.float64)
        if m.shape != (4, 4):
            raise ValueError("matrix must be 4x4")
        linear = m[:3, :3]
        verts = self.vertices @ linear.T + m[:3, 3]
        normals = None
        if self.normals is not None:
            normals = self.normals @ np.linalg.inv(linear)
            normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
        faces = self.faces if np.linalg.det(linear) > 0 else self.faces[:, ::-1]
        return Mesh(verts, faces.copy(), normals, None if self.uvs is None else self.uvs.copy(), self.uv_mode)

    def translated(self, offset: Sequence[float]) -> Mesh:
        m = np.eye(4)
        m[:3, 3] = offset
        return self.transformed(m)

    def flipped(self) -> Mesh:
        """Reverse every face (and normal)."""
        return Mesh(
            self.vertices.copy(),
            self.faces[:, ::-1].copy(),
            None if self.normals is None else -self.normals,
            None if self.uvs is None else self.uvs.copy(),
            self.uv_mode,
        )

    def without_degenerate(self, min_area: float = 1e-14) -> Mesh:
        """Drop faces whose welded corners repeat or whose area is below ``min_area`` (m²)."""
        w = self.weld_map()[self.faces]
        keep = (w[:, 0] != w[:, 1]) & (w[:, 1] != w[:, 2]) & (w[:, 2] != w[:, 0])
        keep &= self.face_areas() > min_area
        if keep.all():
            return self
        return Mesh(self.vertices, self.faces[keep], self.normals, self.uvs, self.uv_mode).compact()

    def compact(self) -> Mesh:
        """Remove unused vertices and merge vertices identical in position, normal and UV."""
        cols = [self.weld_map()[:, None].astype(np.float64)]
        if self.normals is not None:
            cols.append(np.round(self.normals * 1e5))
        if self.uvs is not None:
            cols.append(np.round(self.uvs * 1e6))
        key = np.concatenate(cols, axis=1).astype(np.int64)
        used = np.zeros(len(self.vertices), bool)
        used[self.faces.reshape(-1)] = True
        # unused vertices get a unique key so they are dropped below
        key = np.concatenate([key, (~used)[:, None].astype(np.int64) * np.arange(len(key))[:, None]], axis=1)
        _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        # keep the original order of first appearance so results are stable
        order = np.argsort(first, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        faces = rank[inverse][self.faces]
        keep_vertex = first[order]
        faces_used = np.zeros(len(keep_vertex), bool)
        faces_used[faces.reshape(-1)] = True
        remap = np.cumsum(faces_used) - 1
        keep_vertex = keep_vertex[faces_used]
        return Mesh(
            self.vertices[keep_vertex],
            remap[faces],
            None if self.normals is None else self.normals[keep_vertex],
            None if self.uvs is None else self.uvs[keep_vertex],
            self.uv_mode,
        )

    def with_normals(self, crease_deg: float = DEFAULT_CREASE_DEG) -> Mesh:
        """Recompute normals: smooth across edges flatter than ``crease_deg``, hard across sharper ones.

        Each face corner averages the area-weighted normals of the faces around the same welded
        position whose normal is within ``crease_deg`` of its own face; vertices are split where the
        result differs, so UV seams and hard edges both survive.
        """
        if not len(self.faces):
            return self.copy()
        fn_raw = np.cross(
            self.vertices[self.faces[:, 1]] - self.vertices[self.faces[:, 0]],
            self.vertices[self.faces[:, 2]] - self.vertices[self.faces[:, 0]],
        )
        fn = self.face_normals()
        corner_vertex = self.faces.reshape(-1)
        corner_face = np.repeat(np.arange(len(self.faces)), 3)
        corner_pos = self.weld_map()[corner_vertex]
        order = np.argsort(corner_pos, kind="stable")
        sorted_pos = corner_pos[order]
        starts = np.flatnonzero(np.r_[True, sorted_pos[1:] != sorted_pos[:-1]])
        sizes = np.diff(np.r_[starts, len(sorted_pos)])
        group_start = np.repeat(starts, sizes)
        group_size = np.repeat(sizes, sizes)
        # all ordered pairs (a, b) of corners at the same position: sum(size^2) pairs
        a = np.repeat(np.arange(len(order)), group_size)
        within = np.arange(len(a)) - np.repeat(np.cumsum(group_size) - group_size, group_size)
        b = group_start[a] + within
        ca, cb = order[a], order[b]
        fa, fb = corner_face[ca], corner_face[cb]
        cos_limit = np.cos(np.radians(crease_deg))
        smooth = np.einsum("ij,ij->i", fn[fa], fn[fb]) >= cos_limit
        corner_normal = np.zeros((len(corner_vertex), 3))
        np.add.at(corner_normal, ca[smooth], fn_raw[fb[smooth]])
        length = np.linalg.norm(corner_normal, axis=1, keepdims=True)
        corner_normal = np.where(length > 1e-20, corner_normal / np.maximum(length, 1e-300), fn[corner_face])
        # split vertices by (vertex, normal)
        key = np.concatenate([corner_vertex[:, None], np.round(corner_normal * 1e4).astype(np.int64)], axis=1)
        _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        order2 = np.argsort(first, kind="stable")
        rank = np.empty_like(order2)
        rank[order2] = np.arange(len(order2))
        new_index = rank[inverse]
        src = first[order2]
        return Mesh(
            self.vertices[corner_vertex[src]],
            new_index.reshape(-1, 3),
            corner_normal[src],
            None if self.uvs is None else self.uvs[corner_vertex[src]],
            self.uv_mode,
        )

    # ------------------------------------------------------------------ conversion
    def to_trimesh(self) -> trimesh.Trimesh:
        """A trimesh on the render vertices (UVs as a TextureVisuals, normals kept)."""
        mesh = trimesh.Trimesh(
            self.vertices.copy(),
            self.faces.copy(),
            vertex_normals=None if self.normals is None else self.normals.copy(),
            process=False,
            validate=False,
        )
        if self.uvs is not None:
            mesh.visual = trimesh.visual.TextureVisuals(uv=self.uvs.copy())
        return mesh

    @classmethod
    def from_trimesh(cls, mesh: trimesh.Trimesh) -> Mesh:
        """Take positions, faces, UVs (if any) and normals from a trimesh without merging anything."""
        uvs = getattr(mesh.visual, "uv", None)
        if uvs is not None and len(uvs) != len(mesh.vertices):
            uvs = None
        normals = np.asarray(mesh.vertex_normals, dtype=np.float64) if len(mesh.faces) else None
        return cls(np.asarray(mesh.vertices), np.asarray(mesh.faces), normals, uvs)


def weld_positions(points: np.ndarray, tolerance: float) -> np.ndarray:
    """(N,) group label per point: points within ``tolerance`` (transitively) share a label.

    Uses a k-d tree and connected components, so points straddling a grid cell boundary are not split
    (as rounding to a grid would). Labels are numbered in order of first appearance.
    """
    n = len(points)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    pairs = cKDTree(points).query_pairs(tolerance, output_type="ndarray")
    if not len(pairs):
        return np.arange(n, dtype=np.int64)
    graph = coo_matrix((np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return labels.astype(np.int64)


def concatenate(meshes: Iterable[Mesh]) -> Mesh:
    """Join meshes into one (no welding, no boolean). Normals/UVs are kept only if all have them."""
    items = [m for m in meshes if m.triangle_count]
    if not items:
        return Mesh(np.zeros((0, 3)), np.zeros((0, 3), np.int64))
    offsets = np.cumsum([0] + [m.vertex_count for m in items[:-1]])
    verts = np.concatenate([m.vertices for m in items])
    faces = np.concatenate([m.faces + o for m, o in zip(items, offsets, strict=True)])
    normals = (
        np.concatenate([m.normals for m in items]) if all(m.normals is not None for m in items) else None
    )
    uvs = np.concatenate([m.uvs for m in items]) if all(m.uvs is not None for m in items) else None
    return Mesh(verts, faces, normals, uvs, items[0].uv_mode)
