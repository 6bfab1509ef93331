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

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from meshforge.core.material import Material
from meshforge.core.model import Model, Part
from meshforge.geometry.mesh import Mesh
from meshforge.materials import solid
from meshforge.materials.noise import NoiseField
from meshforge.materials.textures import encode_png, normal_map, pack_metallic_roughness, to_u8

log = logging.getLogger(__name__)

#: Accepted atlas sides (pixels).
MIN_SIZE, MAX_SIZE = 256, 4096


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


def _charts(part_index: int, mesh: Mesh) -> list[_Chart]:
    nf = len(mesh.faces)
    rows = np.repeat(np.arange(nf), 3)
    inc = sp.csr_matrix((np.ones(3 * nf), (rows, mesh.faces.ravel())), shape=(nf, mesh.vertex_count))
    count, label = connected_components(inc @ inc.T, directed=False)
    order = np.argsort(label, kind="stable")
    bounds = np.searchsorted(label[order], np.arange(count + 1))
    out = []
    for c in range(count):
        faces = order[bounds[c] : bounds[c + 1]]
        verts = np.unique(mesh.faces[faces])
        uv = mesh.uvs[verts]
        ch = _Chart(part_index, faces, verts, uv.min(axis=0), uv.max(axis=0))
        d = ch.hi - ch.lo
        ch.rotated = bool(d[1] > d[0] * 1.01)
        out.append(ch)
    return out


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
    """Bisect the largest texel density (texels per meter) at which every chart fits; returns it."""
    charts.sort(key=lambda c: (-c.dims[1], -c.dims[0]))
    area = sum(float(np.prod(np.maximum(c.dims, 1e-6))) for c in charts)
    hi = size / np.sqrt(max(area, 1e-12))
    lo = hi / 64.0
    while not _skyline_pack(charts, lo, size, gap):
        lo /= 2
    for _ in range(22):
        mid = np.sqrt(lo * hi)
        if _skyline_pack(charts, mid, size, gap):
            lo = mid
        else:
            hi = mid
        if hi / lo < 1.002:
            break
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


def _barycentrics(tri: np.ndarray, owner: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Texel indices with an owner and their (3, K) barycentrics in the owner triangle."""
    texel = np.flatnonzero(owner >= 0)
    t = owner[texel]
    x = (texel % size) + 0.5
    y = (texel // size) + 0.5
    a, b, c = tri[t, 0], tri[t, 1], tri[t, 2]
    e1, e2 = b - a, c - a
    det = e1[:, 0] * e2[:, 1] - e1[:, 1] * e2[:, 0]
    dx, dy = x - a[:, 0], y - a[:, 1]
    l1 = (dx * e2[:, 1] - dy * e2[:, 0]) / det
    l2 = (e1[:, 0] * dy - e1[:, 1] * dx) / det
    return texel, np.stack([1.0 - l1 - l2, l1, l2])


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


def _edge_fields(mesh: Mesh, points: np.ndarray, width: float) -> tuple[np.ndarray, np.ndarray]:
    """Convex-edge and concave-crease proximity in [0, 1] at (N, 3) part-space points.

    Feature edges are welded edges whose faces meet at more than 20 degrees; points are sampled
    along them and the distance to the nearest sample fades from 1 to 0 over ``width`` meters.
    """
    from scipy.spatial import cKDTree

    w = mesh.weld_map()[mesh.faces]
    fn = mesh.face_normals()
    edges = np.concatenate([w[:, [0, 1]], w[:, [1, 2]], w[:, [2, 0]]])
    face = np.tile(np.arange(len(w)), 3)
    key = np.sort(edges, axis=1)
    order = np.lexsort((key[:, 1], key[:, 0]))
    ks, fs = key[order], face[order]
    same = np.all(ks[1:] == ks[:-1], axis=1)
    i = np.flatnonzero(same)
    fa, fb = fs[i], fs[i + 1]
    cosang = np.einsum("ij,ij->i", fn[fa], fn[fb])
    sharp = cosang < np.cos(np.radians(20))
    pos = np.zeros((w.max() + 1, 3))
    pos[mesh.weld_map()] = mesh.vertices
    e = ks[i][sharp]
    fa, fb = fa[sharp], fb[sharp]
    # convex when face b's centroid lies behind face a's plane
    cb = pos[w[fb]].mean(axis=1)
    convex = np.einsum("ij,ij->i", cb - pos[e[:, 0]], fn[fa]) < 0
    out = []
    for sel in (convex, ~convex):
        if not sel.any():
            out.append(np.zeros(len(points), np.float32))
            continue
        p0, p1 = pos[e[sel, 0]], pos[e[sel, 1]]
        seg = np.linalg.norm(p1 - p0, axis=1)
        step = max(width / 3, float(seg.sum()) / 60000)
        n = np.maximum(1, np.ceil(seg / step).astype(np.int64))
        idx = np.repeat(np.arange(len(seg)), n)
        t = (np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n) + 0.5) / n[idx]
        samples = p0[idx] + (p1[idx] - p0[idx]) * t[:, None]
        d, _ = cKDTree(samples).query(points, k=1, distance_upper_bound=width)
        out.append((1.0 - solid.smoothstep(0.0, width, np.minimum(d, width))).astype(np.float32))
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
        charts.extend(_charts(i, out.parts[i].mesh))
    scale = _pack(charts, size, 2 * pad + 1)
    by_part: dict[int, list[_Chart]] = {}
    for ch in charts:
        by_part.setdefault(ch.part, []).append(ch)
    px = {i: _atlas_uvs(out.parts[i].mesh, by_part[i], scale, size) for i in targets}
    tri = np.concatenate([px[i][out.parts[i].mesh.faces] for i in targets])
    tri_part = np.concatenate([np.full(out.parts[i].mesh.triangle_count, k) for k, i in enumerate(targets)])
    tri_face = np.concatenate([np.arange(out.parts[i].mesh.triangle_count) for i in targets])
    owner = _rasterise(tri, size, float(pad))
    texel, bary = _barycentrics(tri, owner, size)
    t = owner[texel]
    color = np.zeros((3, size * size), np.float32)
    rough = np.ones(size * size, np.float32)
    metal = np.zeros(size * size, np.float32)
    height = np.zeros(size * size, np.float32)
    texel_m = 1.0 / scale
    model_size = float(np.linalg.norm(out.extents))
    groups: dict[solid.SolidSpec, list[int]] = {}
    for k, i in enumerate(targets):
        groups.setdefault(out.parts[i].material.procedural, []).append(k)  # type: ignore[arg-type]
    texel_part = tri_part[t]
    for spec, ks in groups.items():
        ps, ns, pws, nws, exts, edges, cavs, picks, uvs = [], [], [], [], [], [], [], [], []
        for k in ks:
            part = out.parts[targets[k]]
            idx = np.flatnonzero(texel_part == k)
            picks.append(idx)
            faces = part.mesh.faces[tri_face[t[idx]]]
            b = bary[:, idx]
            local = _interpolate(part.mesh.vertices, faces, b)
            nrm = part.mesh.normals if part.mesh.normals is not None else part.mesh.with_normals().normals
            nl = _unit(_interpolate(nrm, faces, b)) if len(nrm) == part.mesh.vertex_count else np.zeros_like(local)
            rot, centre, ext = _grain_frame(part.mesh)
            # each part is cut from its own place in the block, so equal legs do not look stamped
            rng = np.random.default_rng([seed, targets[k], 977])
            shift = np.array([rng.uniform(-5, 5), rng.uniform(-0.5, 0.5) * ext[1] + rng.uniform(-0.05, 0.05),
                              rng.uniform(0.0, 0.04)])
            ps.append(_apply(rot, local, -rot @ centre + shift))
            ns.append(_apply(rot, nl))
            lin = part.transform[:3, :3]
            pws.append(_apply(lin, local, part.transform[:3, 3]))
            nws.append(_unit(_apply(np.linalg.inv(lin).T, nl)))
            exts.append(np.repeat(ext[:, None], len(idx), axis=1))
            if spec.pattern is not None:
                uvs.append(_interpolate(part.mesh.uvs, faces, b))
            if set(spec.wear) & solid.EDGE_WEARS:
                e, c = _edge_fields(part.mesh, local.T, width=float(np.clip(0.04 * ext.max(), 0.004, 0.02)))
                edges.append(e)
                cavs.append(c)
        ctx = solid.Ctx(
            _f32(ps), _f32(ns), _f32(pws), _f32(nws), NoiseField(spec.seed), texel_m, _f32(exts), model_size,
            np.concatenate(edges) if edges else None, np.concatenate(cavs) if cavs else None,
            uv=_f32(uvs) if uvs else None,
        )
        s = solid.evaluate(spec, ctx)
        tx = texel[np.concatenate(picks)]
        color[:, tx] = s.color
        rough[tx] = s.rough
        metal[tx] = s.metal
        height[tx] = s.height
    covered = owner >= 0
    mean = color[:, covered].mean(axis=1) if covered.any() else np.full(3, 0.5, np.float32)
    color[:, ~covered] = mean[:, None]
    rough[~covered] = float(rough[covered].mean()) if covered.any() else 0.5
    base_img = to_u8(color.T.reshape(size, size, 3))
    mr_img = pack_metallic_roughness(rough.reshape(size, size), metal.reshape(size, size))
    nrm_img = normal_map(height.reshape(size, size), texel_m, wrap=False)
    base_tex = encode_png(base_img, f"{out.name}_basecolor")
    mr_tex = encode_png(mr_img, f"{out.name}_metallicroughness")
    nrm_tex = encode_png(nrm_img, f"{out.name}_normal")
    metal_parts = {k for k in range(len(targets)) if np.any(metal[texel[texel_part == k]] > 0)}
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


def _f32(arrays: list[np.ndarray]) -> np.ndarray:
    return np.ascontiguousarray(np.concatenate(arrays, axis=1), dtype=np.float32)


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
