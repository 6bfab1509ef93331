"""Bake solid textures into a texture atlas, so grain and veins flow continuously across UV seams.

Generators give parts *tiling* UVs in meters (one UV unit per meter, charts may overlap and repeat).
:func:`bake_model` turns every part whose material carries a solid-texture recipe
(``Material.procedural``) into unique texture space and paints it from the recipe in 3D:

1. **Charts.** A part's UV charts are its faces connected through shared render vertices. Each chart
   keeps its shape and the common texel density (texels per meter); charts taller than wide are turned
   90 degrees (a proper rotation, so tangent frames stay right-handed) and skyline-packed, tallest first,
   into one square atlas per model with gutters of ``2 * padding`` texels. The density is the largest
   that fits (bisection).
2. **Rasterisation.** Every triangle is filled in atlas texel space, vectorised: candidate texels are
   enumerated over each triangle's bounding box grown by ``padding`` texels and tested with
   barycentric coordinates. Texels up to ``padding`` texels *outside* a chart keep the extrapolated
   surface position of their triangle (written first, then overwritten by inside texels), so mipmaps
   and bilinear filtering see the continued texture instead of the background (edge dilation).
3. **Evaluation.** At each texel the 3D position (part space, in a grain frame along the part's
   longest extent, offset per part so equal parts differ) and normal are interpolated and the solid
   texture is evaluated; both sides of a UV seam are the same 3D point, hence the same color.
4. **Maps.** Base color (sRGB), metallic-roughness (G = roughness, B = metallic) and a tangent-space
   normal map from the height field's texel differences (glTF 2.0, section 3.9; tangents follow +U/+V
   as the exporter's MikkTSpace-style tangents do). One texture set per model, shared by its textured
   materials; untextured materials (glass, chrome, plastics) are left untouched.

Cost: rasterisation ~0.1 s and evaluation ~0.1-0.3 s per million texels on one core; see
``benchmarks/textures.py``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from meshforge.core.material import Material
from meshforge.core.model import Model, Part
from meshforge.geometry.mesh import Mesh
from meshforge.materials import solid
from meshforge.materials.noise import NoiseField
from meshforge.materials.textures import encode_png, normal_map, to_u8

log = logging.getLogger(__name__)

#: Accepted atlas sides (pixels).
MIN_SIZE, MAX_SIZE = 256, 4096
#: Texels evaluated at once (keeps temporaries in cache and memory bounded at 4096^2).
_CHUNK = 1 << 18


def check_size(size: int) -> int:
    """``size`` as an int if it is a whole number in [256, 4096], else ValueError naming the range."""
    if isinstance(size, bool) or not isinstance(size, int | np.integer) or not MIN_SIZE <= int(size) <= MAX_SIZE:
        raise ValueError(f"texture size must be a whole number of pixels from {MIN_SIZE} to {MAX_SIZE}, got {size!r}")
    return int(size)


@dataclass
class _Chart:
    part: int
    faces: np.ndarray  # face indices into the part mesh
    verts: np.ndarray  # vertex indices into the part mesh
    lo: np.ndarray  # (2,) UV min (meters)
    hi: np.ndarray  # (2,) UV max
    rotated: bool = False
    x: float = 0.0  # texel offset of the chart's corner
    y: float = 0.0

    @property
    def dims(self) -> np.ndarray:
        d = self.hi - self.lo
        return d[::-1] if self.rotated else d


#: Charts longer than this many times their width are cut into pieces (they would cap the density).
_MAX_ASPECT = 6.0


def _charts(part_index: int, mesh: Mesh) -> tuple[Mesh, list[_Chart]]:
    """Split ``mesh`` into UV charts that can each be placed on their own; returns the re-indexed mesh.

    A chart is a set of faces connected through shared vertices *with the same UV orientation*: a fold
    (a face whose UV winding flips, as where box-projected bevels meet their faces) starts a new chart, so
    no chart overlaps itself. Very long charts (threads, rims) are cut into pieces along their length.
    Vertices used by several charts are duplicated (same position and normal), which the baked 3D
    texture makes invisible; the welded topology is unchanged.
    """
    nf, nv = len(mesh.faces), mesh.vertex_count
    t = mesh.uvs[mesh.faces]
    d1, d2 = t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]
    flipped = (d1[:, 0] * d2[:, 1] - d1[:, 1] * d2[:, 0]) < 0
    cols = mesh.faces + (flipped * nv)[:, None]
    rows = np.repeat(np.arange(nf), 3)
    inc = sp.csr_matrix((np.ones(3 * nf), (rows, cols.ravel())), shape=(nf, 2 * nv))
    _, label = connected_components(inc @ inc.T, directed=False)
    # cut long charts into pieces along their long UV axis
    centroid = t.mean(axis=1)
    order = np.argsort(label, kind="stable")
    bounds = np.flatnonzero(np.r_[True, label[order][1:] != label[order][:-1], True])
    next_label = int(label.max()) + 1
    for a, b in pairwise(bounds):
        faces = order[a:b]
        uv = t[faces].reshape(-1, 2)
        ext = uv.max(axis=0) - uv.min(axis=0)
        long_axis = int(np.argmax(ext))
        aspect = ext[long_axis] / max(ext[1 - long_axis], 1e-9)
        if aspect <= _MAX_ASPECT or len(faces) < 8:
            continue
        pieces = int(min(np.ceil(aspect / (_MAX_ASPECT / 2)), len(faces) // 4, 64))
        c = centroid[faces, long_axis]
        piece = np.minimum(((c - c.min()) / max(np.ptp(c), 1e-12) * pieces).astype(np.int64), pieces - 1)
        label[faces[piece > 0]] = next_label + piece[piece > 0] - 1
        next_label += pieces - 1
    key = label[:, None].astype(np.int64) * nv + mesh.faces
    uniq, inverse = np.unique(key.ravel(), return_inverse=True)
    old = uniq % nv
    split = Mesh(mesh.vertices[old], inverse.reshape(-1, 3), None if mesh.normals is None else mesh.normals[old],
                 mesh.uvs[old], mesh.uv_mode)
    chart_of_vertex = uniq // nv
    vorder = np.argsort(chart_of_vertex, kind="stable")
    forder = np.argsort(label, kind="stable")
    labels, vstart = np.unique(chart_of_vertex[vorder], return_index=True)
    _, fstart = np.unique(label[forder], return_index=True)
    vstart, fstart = np.r_[vstart, len(vorder)], np.r_[fstart, nf]
    out = []
    for k in range(len(labels)):
        verts = vorder[vstart[k] : vstart[k + 1]]
        uv = split.uvs[verts]
        ch = _Chart(part_index, forder[fstart[k] : fstart[k + 1]], verts, uv.min(axis=0), uv.max(axis=0))
        d = ch.hi - ch.lo
        ch.rotated = bool(d[1] > d[0] * 1.01)
        out.append(ch)
    return split, out


#: Columns of the skyline packer's height map (coarser = faster, a little more waste).
_SKY_COLUMNS = 256


def _skyline_pack(charts: list[_Chart], scale: float, size: int, gap: int) -> bool:
    """Bottom-left skyline packing at ``scale`` texels per meter; False if the charts do not fit.

    The atlas is cut into :data:`_SKY_COLUMNS` columns holding the current fill height; each chart goes
    where its top edge ends lowest (leftmost on ties), so small charts fill the room beside big ones.
    """
    cell = size / _SKY_COLUMNS
    sky = np.full(_SKY_COLUMNS, float(gap))
    for ch in charts:
        w, h = np.ceil(ch.dims * scale) + 1
        cols = int(np.ceil((w + gap) / cell))
        if cols > _SKY_COLUMNS or h + 2 * gap > size:
            return False
        windows = np.lib.stride_tricks.sliding_window_view(sky, cols).max(axis=1)
        best = int(np.argmin(windows))
        y = windows[best]
        if y + h + gap > size:
            return False
        ch.x, ch.y = best * cell + gap, y
        sky[best : best + cols] = y + h + gap
    return True


def _pack(charts: list[_Chart], size: int, gap: int) -> float:
    """Bisect the largest texel density (texels per meter) at which every chart fits; returns it.

    The upper bound is a perfect fill of the atlas; packing usually reaches 70-85 % of it, so a few
    halvings of the ratio (to 1 %) suffice.
    """
    charts.sort(key=lambda c: (-c.dims[1], -c.dims[0]))
    area = sum(float(np.prod(np.maximum(c.dims, 1e-6))) for c in charts)
    hi = size / np.sqrt(max(area, 1e-12))
    lo = hi * 0.5
    while not _skyline_pack(charts, lo, size, gap):
        hi, lo = lo, lo / 2
    while hi / lo > 1.01:
        mid = np.sqrt(lo * hi)
        if _skyline_pack(charts, mid, size, gap):
            lo = mid
        else:
            hi = mid
    _skyline_pack(charts, lo, size, gap)
    return float(lo)


def _atlas_uvs(mesh: Mesh, charts: list[_Chart], scale: float, size: int) -> np.ndarray:
    """(N, 2) atlas texel coordinates (x right, y down) of every vertex of ``mesh``."""
    px = np.zeros((mesh.vertex_count, 2))
    for ch in charts:
        rel = (mesh.uvs[ch.verts] - ch.lo) * scale
        if ch.rotated:
            # rotate +90 degrees: (u, v) -> (height - v, u) keeps orientation (det +1)
            hv = (ch.hi[1] - ch.lo[1]) * scale
            rel = np.stack([hv - rel[:, 1], rel[:, 0]], axis=1)
        hgt = ch.dims[1] * scale
        # image rows grow downward while V grows upward
        px[ch.verts, 0] = ch.x + 0.5 + rel[:, 0]
        px[ch.verts, 1] = ch.y + 0.5 + (hgt - rel[:, 1])
    return px


def _rasterise(tri: np.ndarray, size: int, pad: float) -> np.ndarray:
    """Owner triangle of each texel (-1 if none), flattened (size * size,).

    ``tri`` is (M, 3, 2) texel coordinates. Scanline fill: each triangle's three edges are signed
    distance functions (texels, positive inside); per bounding-box row the span where all three are
    >= -``pad`` is enumerated, and texels where all are >= 0 are its interior. Padding texels are
    written first and interiors last, so a texel covered by a triangle always belongs to it.
    """
    m = len(tri)
    owner = np.full(size * size, -1, np.int64)
    if not m:
        return owner
    p = tri
    q = np.roll(tri, -1, axis=1)  # edge i runs from vertex i to i + 1
    r = np.roll(tri, -2, axis=1)  # the vertex opposite edge i
    d = q - p
    length = np.linalg.norm(d, axis=2)
    ok = length.min(axis=1) > 1e-9
    a = -d[..., 1] / np.maximum(length, 1e-12)
    b = d[..., 0] / np.maximum(length, 1e-12)
    c = -(a * p[..., 0] + b * p[..., 1])
    sign = np.sign(a * r[..., 0] + b * r[..., 1] + c)
    ok &= np.all(sign != 0, axis=1)
    a, b, c = a * sign, b * sign, c * sign
    y0 = np.clip(np.floor(tri[..., 1].min(axis=1) - pad), 0, size - 1).astype(np.int64)
    y1 = np.clip(np.ceil(tri[..., 1].max(axis=1) + pad), 0, size - 1).astype(np.int64)
    x0 = np.clip(np.floor(tri[..., 0].min(axis=1) - pad), 0, size - 1)
    x1 = np.clip(np.ceil(tri[..., 0].max(axis=1) + pad), 0, size - 1)
    rows = np.where(ok, y1 - y0 + 1, 0)
    row_tri = np.repeat(np.arange(m), rows)
    row_y = y0[row_tri] + np.arange(len(row_tri)) - np.repeat(np.cumsum(rows) - rows, rows)
    yc = row_y + 0.5

    def span(margin: float) -> tuple[np.ndarray, np.ndarray]:
        lo = x0[row_tri] + 0.0
        hi = x1[row_tri] + 0.0
        for i in range(3):
            ai, rest = a[row_tri, i], -margin - b[row_tri, i] * yc - c[row_tri, i]
            pos, neg = ai > 1e-12, ai < -1e-12
            bound = rest / np.where(pos | neg, ai, 1.0)
            lo = np.where(pos, np.maximum(lo, bound), lo)
            hi = np.where(neg, np.minimum(hi, bound), hi)
            hi = np.where(~(pos | neg) & (rest > 0), -1.0, hi)
        return np.ceil(lo - 0.5).astype(np.int64), np.floor(hi - 0.5).astype(np.int64)

    out_lo, out_hi = span(pad)
    in_lo, in_hi = span(-1e-7)
    out_lo, out_hi = np.maximum(out_lo, 0), np.minimum(out_hi, size - 1)
    width = np.maximum(out_hi - out_lo + 1, 0)
    for want_inside in (False, True):
        for start in range(0, len(width), 100_000):
            sl = slice(start, start + 100_000)
            wd = width[sl]
            rid = np.repeat(np.arange(len(wd)), wd)
            x = np.repeat(out_lo[sl] - np.cumsum(wd) + wd, wd) + np.arange(len(rid))
            inside = (x >= in_lo[sl][rid]) & (x <= in_hi[sl][rid])
            keep = inside if want_inside else ~inside
            owner[(row_y[sl][rid] * size + x)[keep]] = row_tri[sl][rid][keep]
    return owner


def _barycentrics(tri: np.ndarray, texel: np.ndarray, tri_ids: np.ndarray, size: int) -> np.ndarray:
    """(3, K) barycentrics of texel centres ``texel`` (flat indices) in triangles ``tri_ids``."""
    x = (texel % size) + 0.5
    y = (texel // size) + 0.5
    a, b, c = tri[tri_ids, 0], tri[tri_ids, 1], tri[tri_ids, 2]
    e1, e2 = b - a, c - a
    det = e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]
    dx, dy = x - a[:, 0], y - a[:, 1]
    l1 = (dx * e2[:, 1] - dy * e2[:, 0]) / det
    l2 = (e1[:, 0] * dy - e1[:, 1] * dx) / det
    return np.stack([1.0 - l1 - l2, l1, l2])


def _normal_map_bands(height: np.ndarray, texel: float, band: int = 512) -> np.ndarray:
    """:func:`normal_map` of a large height image in bands of rows (bounded memory, same result)."""
    size = height.shape[0]
    out = np.empty((*height.shape, 3), np.uint8)
    for r0 in range(0, size, band):
        r1 = min(size, r0 + band)
        lo, hi = max(0, r0 - 1), min(size, r1 + 1)
        out[r0:r1] = normal_map(height[lo:hi], texel, wrap=False)[r0 - lo : r0 - lo + (r1 - r0)]
    return out


@lru_cache(maxsize=32)
def _noise_field(seed: int) -> NoiseField:
    return NoiseField(seed)


def _grain_frame(mesh: Mesh) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(3, 3) rotation to the grain frame (rows: longest, middle, thinnest axis), origin, extents."""
    lo, hi = mesh.bounds
    ext = hi - lo
    order = np.argsort(-ext, kind="stable")
    rot = np.eye(3)[order]
    if np.linalg.det(rot) < 0:
        rot[2] = -rot[2]
    centre = (lo + hi) / 2
    return rot, centre, ext[order]


class _EdgeQuery:
    """Convex-edge and concave-crease proximity in [0, 1] at part-space points, for wear.

    Feature edges are welded edges whose faces meet at more than 20 degrees; points are sampled along
    them into a k-d tree, and the distance to the nearest sample fades from 1 to 0 over ``width`` meters.
    """

    def __init__(self, mesh: Mesh, width: float) -> None:
        from scipy.spatial import cKDTree

        self.width = width
        w = mesh.weld_map()[mesh.faces]
        fn = mesh.face_normals()
        edges = np.concatenate([w[:, [0, 1]], w[:, [1, 2]], w[:, [2, 0]]])
        face = np.tile(np.arange(len(w)), 3)
        key = np.sort(edges, axis=1)
        order = np.lexsort((key[:, 1], key[:, 0]))
        ks, fs = key[order], face[order]
        i = np.flatnonzero(np.all(ks[1:] == ks[:-1], axis=1))
        fa, fb = fs[i], fs[i + 1]
        sharp = np.einsum("ij,ij->i", fn[fa], fn[fb]) < np.cos(np.radians(20))
        pos = np.zeros((w.max() + 1, 3))
        pos[mesh.weld_map()] = mesh.vertices
        e = ks[i][sharp]
        fa, fb = fa[sharp], fb[sharp]
        # convex when face b's centroid lies behind face a's plane
        convex = np.einsum("ij,ij->i", pos[w[fb]].mean(axis=1) - pos[e[:, 0]], fn[fa]) < 0
        self.trees = []
        for sel in (convex, ~convex):
            if not sel.any():
                self.trees.append(None)
                continue
            p0, p1 = pos[e[sel, 0]], pos[e[sel, 1]]
            seg = np.linalg.norm(p1 - p0, axis=1)
            step = max(width / 3, float(seg.sum()) / 60000)
            n = np.maximum(1, np.ceil(seg / step).astype(np.int64))
            idx = np.repeat(np.arange(len(seg)), n)
            t = (np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n) + 0.5) / n[idx]
            self.trees.append(cKDTree(p0[idx] + (p1[idx] - p0[idx]) * t[:, None]))

    def __call__(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        out = []
        for tree in self.trees:
            if tree is None:
                out.append(np.zeros(len(points), np.float32))
                continue
            d, _ = tree.query(points, k=1, distance_upper_bound=self.width)
            out.append((1.0 - solid.smoothstep(0.0, self.width, np.minimum(d, self.width))).astype(np.float32))
        return out[0], out[1]


def bake_model(model: Model, size: int = 1024, *, padding: int | None = None, seed: int | None = None) -> Model:
    """A copy of ``model`` whose procedurally textured parts use one baked texture atlas.

    Args:
        model: a model whose textured materials come from :func:`meshforge.materials.preset`
            (``Material.procedural`` set); other parts are copied unchanged.
        size: atlas side in pixels, 256..4096 (ValueError otherwise).
        padding: texels of dilation around charts (default ``size // 256``, at least 2).
        seed: variation seed (default: the recipe seed in ``model.metadata``, else 0).

    Returns:
        The new model: baked parts get atlas UVs (``uv_mode="atlas"``) and materials whose base color,
        metallic-roughness and normal textures are the shared atlas; ``metadata["texture_bake"]`` records
        size, density and coverage.
    """
    size = check_size(size)
    pad = max(2, size // 256) if padding is None else int(padding)
    if seed is None:
        seed = int((model.metadata.get("recipe") or {}).get("seed") or 0)
    out = model.copy()
    targets = [i for i, p in enumerate(out.parts)
               if isinstance(p.material.procedural, solid.SolidSpec) and p.mesh.uvs is not None
               and p.mesh.triangle_count]
    if not targets:
        return out
    charts: list[_Chart] = []
    for i in targets:
        split, part_charts = _charts(i, out.parts[i].mesh)
        out.parts[i].mesh = split
        charts.extend(part_charts)
    scale = _pack(charts, size, 2 * pad + 1)
    by_part: dict[int, list[_Chart]] = {}
    for ch in charts:
        by_part.setdefault(ch.part, []).append(ch)
    px = {i: _atlas_uvs(out.parts[i].mesh, by_part[i], scale, size) for i in targets}
    tri = np.concatenate([px[i][out.parts[i].mesh.faces] for i in targets])
    tri_part = np.concatenate([np.full(out.parts[i].mesh.triangle_count, k) for k, i in enumerate(targets)])
    tri_face = np.concatenate([np.arange(out.parts[i].mesh.triangle_count) for i in targets])
    owner = _rasterise(tri, size, float(pad))
    texel = np.flatnonzero(owner >= 0)
    t = owner[texel]
    texel_part = tri_part[t]
    n_tex = size * size
    color = np.zeros((n_tex, 3), np.uint8)
    rough = np.zeros(n_tex, np.uint8)
    metal = np.zeros(n_tex, np.uint8)
    height = np.zeros(n_tex, np.float32)
    texel_m = 1.0 / scale
    model_size = float(np.linalg.norm(out.extents))
    color_sum = np.zeros(3)
    rough_sum = 0.0
    metal_parts: set[int] = set()
    for k, i in enumerate(targets):
        part = out.parts[i]
        spec: solid.SolidSpec = part.material.procedural  # type: ignore[assignment]
        noise = _noise_field(spec.seed)
        nrm = part.mesh.normals if part.mesh.normals is not None else part.mesh.with_normals().normals
        rot, centre, ext = _grain_frame(part.mesh)
        # each part is cut from its own place in the block, so equal legs do not look stamped
        rng = np.random.default_rng([seed, i, 977])
        shift = np.array([rng.uniform(-5, 5), rng.uniform(-0.5, 0.5) * ext[1] + rng.uniform(-0.05, 0.05),
                          rng.uniform(0.0, 0.04)])
        lin = part.transform[:3, :3]
        edges = (_EdgeQuery(part.mesh, float(np.clip(0.2 * ext[2], 0.003, 0.015)))
                 if set(spec.wear) & solid.EDGE_WEARS else None)
        mine = np.flatnonzero(texel_part == k)
        for start in range(0, len(mine), _CHUNK):
            idx = mine[start : start + _CHUNK]
            tx, tri_ids = texel[idx], t[idx]
            b = _barycentrics(tri, tx, tri_ids, size)
            faces = part.mesh.faces[tri_face[tri_ids]]
            local = _interpolate(part.mesh.vertices, faces, b)
            nl = _unit(_interpolate(nrm, faces, b))
            edge, cavity = edges(local.T) if edges is not None else (None, None)
            ctx = solid.Ctx(
                _f32(_apply(rot, local, -rot @ centre + shift)), _f32(_apply(rot, nl)),
                _f32(_apply(lin, local, part.transform[:3, 3])), _f32(_unit(_apply(np.linalg.inv(lin).T, nl))),
                noise, texel_m, ext.astype(np.float32), model_size, edge, cavity,
                uv=_f32(_interpolate(part.mesh.uvs, faces, b)) if spec.pattern is not None else None,
            )
            srf = solid.evaluate(spec, ctx)
            c8 = to_u8(srf.color.T)
            color[tx] = c8
            rough[tx] = to_u8(srf.rough)
            metal[tx] = to_u8(srf.metal)
            height[tx] = srf.height
            color_sum += c8.sum(axis=0)
            rough_sum += float(srf.rough.sum())
            if srf.metal.max() > 0:
                metal_parts.add(k)
    covered = owner >= 0
    count = max(len(texel), 1)
    # the background takes the mean so mip levels that reach past the padding stay in tone
    color[~covered] = np.round(color_sum / count).astype(np.uint8)
    rough[~covered] = to_u8(np.float32(rough_sum / count))
    base_img = color.reshape(size, size, 3)
    mr_img = np.stack([np.full((size, size), 255, np.uint8), rough.reshape(size, size), metal.reshape(size, size)],
                      axis=2)
    nrm_img = _normal_map_bands(height.reshape(size, size), texel_m)
    base_tex = encode_png(base_img, f"{out.name}_basecolor")
    mr_tex = encode_png(mr_img, f"{out.name}_metallicroughness")
    nrm_tex = encode_png(nrm_img, f"{out.name}_normal")
    baked: dict[tuple[int, bool], Material] = {}
    for k, i in enumerate(targets):
        part = out.parts[i]
        mat = part.material
        has_metal = k in metal_parts or any(kk in metal_parts for kk, ii in enumerate(targets)
                                            if out.parts[ii].material is mat)
        key = (id(mat), has_metal)
        if key not in baked:
            baked[key] = replace(mat, base_color=(1.0, 1.0, 1.0, mat.base_color[3]), metallic=1.0 if has_metal else 0.0,
                                 roughness=1.0, base_color_texture=base_tex, metallic_roughness_texture=mr_tex,
                                 normal_texture=nrm_tex)
        uv = px[i] / size
        uv = np.stack([uv[:, 0], 1.0 - uv[:, 1]], axis=1)
        _set_part(part, Mesh(part.mesh.vertices, part.mesh.faces, part.mesh.normals, uv, "atlas"), baked[key])
    out.metadata["texture_bake"] = {
        "size": size,
        "texels_per_meter": round(scale, 3),
        "coverage": round(float(covered.mean()), 4),
        "parts": [out.parts[i].name for i in targets],
    }
    log.info("baked %d parts into a %dx%d atlas at %.0f texels/m (%.0f%% covered)", len(targets), size, size, scale,
             100 * covered.mean())
    return out


def _f32(array: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(array, dtype=np.float32)


def _interpolate(values: np.ndarray, faces: np.ndarray, bary: np.ndarray) -> np.ndarray:
    """(3, K) per-vertex ``values`` (N, 3) interpolated at barycentrics (3, K) in ``faces`` (K, 3)."""
    cols = np.ascontiguousarray(values.T)
    f0, f1, f2 = faces[:, 0], faces[:, 1], faces[:, 2]
    return np.stack([c[f0] * bary[0] + c[f1] * bary[1] + c[f2] * bary[2] for c in cols])


def _apply(m: np.ndarray, v: np.ndarray, offset: np.ndarray | None = None) -> np.ndarray:
    """``m @ v + offset`` for (3, K) ``v`` without BLAS (its threads stall on a busy machine)."""
    out = np.stack([m[i, 0] * v[0] + m[i, 1] * v[1] + m[i, 2] * v[2] for i in range(3)])
    if offset is not None:
        out += np.asarray(offset)[:, None]
    return out


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]), 1e-12)


def _set_part(part: Part, mesh: Mesh, material: Material) -> None:
    part.mesh = mesh
    part.material = material
