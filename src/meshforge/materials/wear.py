"""Wear on geometry: dents, chipped edges and rounded worn edges, keeping every part watertight.

Only *welded* vertex positions move (every render copy of a position moves alike) and no face or
edge is added or removed, so a closed manifold part stays closed and manifold; displacements are
bounded by a fraction of the part's thinnest extent so surfaces do not pass through each other.
Normals are recomputed afterwards (UVs are kept). How visible each effect is depends on the mesh
density: a dent needs vertices inside it, so coarse flat faces dent only at their corners.

* ``dented``: a few smooth Gaussian dimples pushed inward along the surface normal;
* ``chipped``: noisy inward notches along convex sharp edges;
* ``worn``: convex edges relaxed toward their neighbours (Laplacian smoothing), i.e. rounded off.

Texture-only wear (``rusty``, ``mossy``, ...) is handled by :mod:`meshforge.materials.solid`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import numpy as np
import scipy.sparse as sp

from meshforge.core.errors import ParameterError
from meshforge.core.model import Model
from meshforge.geometry.mesh import Mesh
from meshforge.materials.noise import NoiseField

log = logging.getLogger(__name__)

#: Wear kinds that change geometry.
GEOMETRY_WEARS = ("dented", "chipped", "worn")


def _welded(mesh: Mesh) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(positions (K, 3), welded faces (M, 3), render-to-welded map (N,))."""
    w = mesh.weld_map()
    pos = np.zeros((w.max() + 1, 3))
    pos[w] = mesh.vertices
    return pos, w[mesh.faces], w


def _vertex_normals(pos: np.ndarray, faces: np.ndarray) -> np.ndarray:
    fn = np.cross(pos[faces[:, 1]] - pos[faces[:, 0]], pos[faces[:, 2]] - pos[faces[:, 0]])
    vn = np.zeros_like(pos)
    for i in range(3):
        np.add.at(vn, faces[:, i], fn)
    return vn / np.maximum(np.linalg.norm(vn, axis=1, keepdims=True), 1e-12)


def _adjacency(faces: np.ndarray, n: int) -> sp.csr_matrix:
    e = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    a = sp.csr_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    a = ((a + a.T) > 0).astype(np.float64)
    return a


def _convex_edge_weight(pos: np.ndarray, faces: np.ndarray, min_deg: float = 25.0) -> np.ndarray:
    """Per welded vertex in [0, 1]: how sharply convex the edges through it are."""
    fn = np.cross(pos[faces[:, 1]] - pos[faces[:, 0]], pos[faces[:, 2]] - pos[faces[:, 0]])
    fn /= np.maximum(np.linalg.norm(fn, axis=1, keepdims=True), 1e-12)
    e = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    f = np.tile(np.arange(len(faces)), 3)
    key = np.sort(e, axis=1)
    order = np.lexsort((key[:, 1], key[:, 0]))
    ks, fs = key[order], f[order]
    i = np.flatnonzero(np.all(ks[1:] == ks[:-1], axis=1))
    fa, fb = fs[i], fs[i + 1]
    ang = np.degrees(np.arccos(np.clip(np.einsum("ij,ij->i", fn[fa], fn[fb]), -1, 1)))
    centroid_b = pos[faces[fb]].mean(axis=1)
    convex = np.einsum("ij,ij->i", centroid_b - pos[ks[i, 0]], fn[fa]) < 0
    strength = np.clip((ang - min_deg * 0.5) / min_deg, 0, 1) * convex
    out = np.zeros(len(pos))
    np.maximum.at(out, ks[i, 0], strength)
    np.maximum.at(out, ks[i, 1], strength)
    return out


def _edge_lengths(pos: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """Per welded vertex: the longest edge through it (m), i.e. how finely the mesh resolves it."""
    e = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    length = np.linalg.norm(pos[e[:, 0]] - pos[e[:, 1]], axis=1)
    out = np.zeros(len(pos))
    np.maximum.at(out, e[:, 0], length)
    np.maximum.at(out, e[:, 1], length)
    return out


def _dents(pos: np.ndarray, normals: np.ndarray, mesh_area: float, thin: float, rng: np.random.Generator,
           amount: float, resolution: np.ndarray) -> np.ndarray:
    diag = float(np.linalg.norm(pos.max(axis=0) - pos.min(axis=0)))
    sigma = float(np.clip(0.06 * diag, 0.006, 0.06))
    count = int(np.clip(mesh_area / (25 * sigma * sigma), 2, 10))
    centres = rng.choice(len(pos), size=count, replace=len(pos) < count)
    disp = np.zeros(len(pos))
    for c in centres:
        rel = pos - pos[c]
        d2 = (rel**2).sum(axis=1)
        facing = np.clip(normals @ normals[c], 0, 1)
        depth = amount * min(0.3 * sigma, 0.12 * thin, 0.25 * _thickness(rel, normals, normals[c], resolution[c]))
        disp = np.maximum(disp, depth * rng.uniform(0.5, 1.0) * np.exp(-d2 / (2 * sigma * sigma)) * facing)
    # only where the mesh is fine enough to show a smooth dimple (a coarse face would tilt as a whole)
    resolved = np.clip(2.0 - resolution / (0.5 * sigma), 0.0, 1.0)
    return -(disp * resolved)[:, None] * normals


def _thickness(rel: np.ndarray, normals: np.ndarray, n: np.ndarray, radius: float) -> float:
    """Wall thickness under a surface point: distance along -n to the nearest opposite-facing vertex.

    ``rel`` are vertex positions relative to the point; vertices within ``radius`` of the inward line
    whose normals face the other way count (the far side of a sheet, a hoop, a wall).
    """
    depth = -(rel @ n)
    off_axis = np.linalg.norm(rel + depth[:, None] * n, axis=1)
    hit = (depth > 1e-6) & (off_axis < max(radius, 1e-4)) & (normals @ n < -0.3)
    return float(depth[hit].min()) if hit.any() else np.inf


def _chips(pos: np.ndarray, normals: np.ndarray, edge: np.ndarray, thin: float, noise: NoiseField,
           amount: float) -> np.ndarray:
    n = noise.fbm(np.ascontiguousarray(pos.T, dtype=np.float32), 40.0, 3, 5)
    mask = np.clip((n - 0.0) / 0.25, 0, 1) * edge
    depth = amount * min(0.004, 0.08 * thin)
    return -depth * mask[:, None] * normals


def _soften(pos: np.ndarray, adj: sp.csr_matrix, edge: np.ndarray, thin: float, amount: float) -> np.ndarray:
    deg = np.asarray(adj.sum(axis=1)).ravel()
    limit = amount * min(0.004, 0.08 * thin)
    w = np.clip(edge, 0, 1)
    # spread the weight one ring so the rounding blends into the faces
    w = np.maximum(w, 0.5 * (adj @ w) / np.maximum(deg, 1))
    p = pos.copy()
    for _ in range(4):
        mean = (adj @ p) / np.maximum(deg, 1)[:, None]
        p += 0.5 * w[:, None] * (mean - p)
    d = p - pos
    length = np.linalg.norm(d, axis=1, keepdims=True)
    return d * np.minimum(1.0, limit / np.maximum(length, 1e-12))


def wear_mesh(mesh: Mesh, kinds: Iterable[str], *, amount: float = 1.0, seed: int = 0) -> Mesh:
    """``mesh`` with geometric wear applied (unknown or texture-only kinds are ignored)."""
    kinds = [k for k in kinds if k in GEOMETRY_WEARS]
    if not kinds or not len(mesh.faces):
        return mesh
    pos, faces, weld = _welded(mesh)
    normals = _vertex_normals(pos, faces)
    thin = float(np.sort(pos.max(axis=0) - pos.min(axis=0))[0])
    rng = np.random.default_rng([seed, 4242])
    disp = np.zeros_like(pos)
    if "dented" in kinds:
        disp += _dents(pos, normals, mesh.area, thin, rng, amount, _edge_lengths(pos, faces))
    if "chipped" in kinds or "worn" in kinds:
        edge = _convex_edge_weight(pos, faces)
        if "worn" in kinds:
            disp += _soften(pos, _adjacency(faces, len(pos)), edge, thin, amount)
        if "chipped" in kinds:
            disp += _chips(pos, normals, edge, thin, NoiseField(seed), amount)
    moved = pos + disp
    out = Mesh(moved[weld], mesh.faces.copy(), None, None if mesh.uvs is None else mesh.uvs.copy(), mesh.uv_mode)
    return out.with_normals()


def apply_wear(model: Model, kinds: str | Iterable[str] | None = None, *, amount: float = 1.0, seed: int | None = None,
               parts: Iterable[str] | None = None) -> Model:
    """A copy of ``model`` with dents, chips and worn edges on its parts.

    Args:
        model: the model (not modified).
        kinds: wear kinds (``dented``, ``chipped``, ``worn``; texture-only kinds are accepted and
            ignored here). None: each part gets the geometric kinds its material's ``wear`` names.
        amount: strength, 0..2 (1 = a few millimetres on furniture-sized parts).
        seed: variation seed (default: the recipe's seed, else 0).
        parts: names of the parts to wear (default all).

    Raises:
        ParameterError: unknown wear kind, unknown part or amount out of range.
    """
    from meshforge.materials.library import normalize_wear

    if not 0.0 <= float(amount) <= 2.0:
        raise ParameterError(f"wear amount must be in 0..2, got {amount!r}")
    wanted = None if kinds is None else normalize_wear(kinds)
    names = None if parts is None else set(parts)
    if names is not None:
        for n in names:
            model.part(n)
    if seed is None:
        seed = int((model.metadata.get("recipe") or {}).get("seed") or 0)
    out = model.copy()
    for i, part in enumerate(out.parts):
        if names is not None and part.name not in names:
            continue
        own = wanted
        if own is None:
            spec = part.material.procedural
            own = tuple(getattr(spec, "wear", ()) or ())
        if not set(own) & set(GEOMETRY_WEARS):
            continue
        before = part.mesh.vertex_count
        part.mesh = wear_mesh(part.mesh, own, amount=float(amount), seed=seed * 131 + i)
        log.info("wear %s on %r: %d -> %d vertices", "+".join(own), part.name, before, part.mesh.vertex_count)
    return out
