"""UV checks: missing, overlapping, out of range, stretched, and texel density across parts.

meshforge's generators use *tiling* UVs measured in meters (``Mesh.uv_mode == "tiling"``): they may
exceed [0, 1] and overlap by design, because the texture repeats. Overlap and range only matter for
*atlas* UVs, where every surface point owns its own texels (baking, lightmaps). A part's UVs are an atlas
when its mesh says so, or, for models not built by meshforge (importers cannot know), when its material
has a texture and at least :data:`ATLAS_IN_RANGE_FRACTION` of its UV coordinates lie in [0, 1].

Stretch uses the singular values s1 >= s2 of the Jacobian of the map from UV to 3D (per face, constant
on a triangle): a conformal, uniform map has s1 = s2; ``s1 / s2`` is the anisotropy. Faces with
``s1 / s2 >`` :data:`STRETCH_LIMIT`, or whose UV triangle collapsed, count as stretched; a part is
reported when they cover more than :data:`STRETCH_AREA_FRACTION` of its area (area weighted).

Texel density is pixels per meter on the surface: ``sqrt(UV area / surface area)`` times the width of
the part's base color texture, per meter; parts without a texture have no texels and are left out.
Parts more than :data:`DENSITY_SPREAD` times off the area-weighted median are reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from meshforge.quality.findings import Finding, point
from meshforge.quality.raster import coverage
from meshforge.quality.registry import check

if TYPE_CHECKING:
    from meshforge.core.model import Model
    from meshforge.quality.context import Context, PartGeometry

#: Imported UVs with at least this fraction of coordinates in [0, 1] (and a texture) are an atlas.
ATLAS_IN_RANGE_FRACTION = 0.9
#: UV slack around [0, 1] before a coordinate is out of range.
RANGE_TOLERANCE = 1e-4
#: Side of the grid UV layouts are rasterised on for the overlap test.
OVERLAP_RESOLUTION = 512
#: Anisotropy s1/s2 above which a face is stretched.
STRETCH_LIMIT = 2.0
#: Fraction of a part's area that must be stretched before it is reported.
STRETCH_AREA_FRACTION = 0.01
#: A face's UV-to-surface area ratio below this fraction of the part's median is a collapsed UV face.
COLLAPSED_UV_RATIO = 1e-4
#: Allowed factor between a part's texel density and the model's median: one mip level plus 10%.
DENSITY_SPREAD = 2.2


def uv_is_atlas(model: Model, g: PartGeometry) -> bool:
    """Whether a part's UVs follow the atlas convention (module docstring)."""
    mesh = g.part.mesh
    if mesh.uvs is None:
        return False
    if mesh.uv_mode == "atlas":
        return True
    if model.metadata.get("generator") or not g.part.material.textures:
        return False
    uv = mesh.uvs[np.isfinite(mesh.uvs).all(axis=1)]
    if not len(uv):
        return False
    inside = np.all((uv >= -RANGE_TOLERANCE) & (uv <= 1 + RANGE_TOLERANCE), axis=1)
    return bool(inside.mean() >= ATLAS_IN_RANGE_FRACTION)


def uv_triangles(g: PartGeometry) -> np.ndarray | None:
    """(M, 3, 2) UV triangles of the part's (finite) faces, or None without UVs."""
    uvs = g.mesh.uvs
    if uvs is None:
        return None
    return np.nan_to_num(uvs)[g.mesh.faces]


def face_stretch(g: PartGeometry) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per face: anisotropy s1/s2 (inf where the UV face collapsed), surface area, UV area (cached per part)."""
    if "face_stretch" not in g.cache:
        g.cache["face_stretch"] = _face_stretch(g)
    return g.cache["face_stretch"]


def _face_stretch(g: PartGeometry) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # With E = [e1 e2] (3D edges) and D = [d1 d2] (UV edges), J = E D^-1 and the ratio of the
    # eigenvalues of J^T J = D^-T (E^T E) D^-1 only needs the Gram matrix G = E^T E and D:
    # scaled by det(D)^2, its trace is t = g11 |d2|^2 - 2 g12 (d1.d2) + g22 |d1|^2 and its
    # determinant q = det(G) det(D)^2, so s1/s2 = (t + sqrt(t^2 - 4q)) / (2 sqrt(q)).
    mesh = g.mesh
    f = mesh.faces
    v = mesh.vertices
    v0 = v[f[:, 0]]
    e1, e2 = v[f[:, 1]] - v0, v[f[:, 2]] - v0
    g11, g12, g22 = (np.einsum("ij,ij->i", e1, e1), np.einsum("ij,ij->i", e1, e2),
                     np.einsum("ij,ij->i", e2, e2))
    det_g = np.maximum(g11 * g22 - g12 * g12, 0.0)
    area = 0.5 * np.sqrt(det_g)
    if mesh.uvs is None:
        return np.full(len(area), np.inf), area, np.zeros(len(area))
    uv = np.nan_to_num(mesh.uvs)
    u0 = uv[f[:, 0]]
    d1, d2 = uv[f[:, 1]] - u0, uv[f[:, 2]] - u0
    det = d1[:, 0] * d2[:, 1] - d1[:, 1] * d2[:, 0]
    uv_area = 0.5 * np.abs(det)
    good = area > 0
    ratio = np.divide(uv_area, area, out=np.zeros_like(area), where=good)
    median = float(np.median(ratio[good])) if good.any() else 0.0
    collapsed = good & (ratio <= COLLAPSED_UV_RATIO * median)
    t = (g11 * np.einsum("ij,ij->i", d2, d2) - 2 * g12 * np.einsum("ij,ij->i", d1, d2)
         + g22 * np.einsum("ij,ij->i", d1, d1))
    q = det_g * det * det
    root_q = np.sqrt(q)
    ok = good & ~collapsed & (root_q > 0)
    stretch = np.ones(len(area))
    disc = np.sqrt(np.maximum(t[ok] * t[ok] - 4 * q[ok], 0.0))
    stretch[ok] = (t[ok] + disc) / (2 * root_q[ok])
    stretch[collapsed | (good & (root_q <= 0))] = np.inf
    return stretch, area, uv_area


def _weighted_median(values: np.ndarray, weights: np.ndarray) -> float:
    if not len(values):
        return 0.0
    order = np.argsort(values)
    cum = np.cumsum(weights[order])
    if cum[-1] <= 0:
        return float(np.median(values))
    return float(values[order][np.searchsorted(cum, cum[-1] / 2)])


def has_uv_area(g: PartGeometry) -> bool:
    """True when the part has UVs and at least one face with a non-zero UV area."""
    if g.mesh.uvs is None:
        return False
    return bool(np.any(face_stretch(g)[2] > 0))


@check("uv_missing", "uv", "Parts without texture coordinates.", skip_profiles=("print",))
def check_uv_missing(model: Model, ctx: Context) -> list[Finding]:
    missing = [g for g in ctx.parts if not has_uv_area(g)]
    if not missing:
        return []
    textured = [g for g in missing if g.part.material.textures]
    names = ", ".join(f"'{g.name}'" for g in missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    msg = (f"{len(missing)} part{'s' if len(missing) != 1 else ''} ({names}) {'have' if len(missing) != 1 else 'has'} "
           "no usable UVs" + ("; their textures cannot be shown." if textured else "; they cannot be textured."))
    where = [{"part": g.name, "position": point(g.mesh.bounds.mean(axis=0))} for g in missing]
    return [Finding("uv_missing", "error" if textured else "warning", len(missing), msg,
                    "run `meshforge repair` (unwraps UVs with xatlas)", where)]


@check("uv_overlap", "uv", "Overlapping UV charts in atlas-mode UVs.", skip_profiles=("print",))
def check_uv_overlap(model: Model, ctx: Context) -> list[Finding]:
    res = OVERLAP_RESOLUTION
    groups: dict[str, list[PartGeometry]] = {}
    for g in ctx.parts:
        if uv_is_atlas(model, g):
            groups.setdefault(g.part.material.name, []).append(g)
    total, where, hl, names = 0, [], {}, []
    for parts in groups.values():
        tris = [uv_triangles(g) for g in parts]
        offsets = np.cumsum([0] + [len(t) for t in tris])
        uv = np.concatenate(tris) * res
        pix, owner = coverage(uv, res, res)
        per_pixel = np.bincount(pix, minlength=res * res)
        over = per_pixel[pix] > 1
        faces = np.unique(owner[over])
        if not len(faces):
            continue
        total += len(faces)
        for k, g in enumerate(parts):
            mine = faces[(faces >= offsets[k]) & (faces < offsets[k + 1])] - offsets[k]
            if not len(mine):
                continue
            names.append(g.name)
            pts = g.mesh.vertices[g.mesh.faces[mine]].mean(axis=1)
            where += [{"part": g.name, "position": point(p), "faces": [int(g.face_ids[f])]}
                      for f, p in zip(mine[:20], pts[:20], strict=False)]
            hl[g.name] = {"faces": g.face_ids[mine]}
    if not total:
        return []
    f = Finding("uv_overlap", "warning", total,
                f"{total:,} faces in {', '.join(repr(n) for n in names[:3])} share texture space with other faces; "
                "baked textures and lightmaps will bleed between them.",
                "run `meshforge repair` (re-unwraps overlapping UVs)", where)
    f.highlights = hl
    return [f]


@check("uv_out_of_range", "uv", "Atlas-mode UVs outside [0, 1].", skip_profiles=("print",))
def check_uv_out_of_range(model: Model, ctx: Context) -> list[Finding]:
    total, where, hl, names = 0, [], {}, []
    for g in ctx.parts:
        if not uv_is_atlas(model, g):
            continue
        uv = uv_triangles(g)
        assert uv is not None
        out = np.flatnonzero(np.any((uv < -RANGE_TOLERANCE) | (uv > 1 + RANGE_TOLERANCE), axis=(1, 2)))
        if not len(out):
            continue
        total += len(out)
        names.append(g.name)
        pts = g.mesh.vertices[g.mesh.faces[out]].mean(axis=1)
        where += [{"part": g.name, "position": point(p), "faces": [int(g.face_ids[f])]}
                  for f, p in zip(out[:20], pts[:20], strict=False)]
        hl[g.name] = {"faces": g.face_ids[out]}
    if not total:
        return []
    f = Finding("uv_out_of_range", "warning", total,
                f"{total:,} faces in {', '.join(repr(n) for n in names[:3])} have UVs outside [0, 1] in an atlas; "
                "they sample the wrong texels (or wrap) when textured.",
                "run `meshforge repair` (re-unwraps into [0, 1])", where)
    f.highlights = hl
    return [f]


@check("uv_stretch", "uv", "UVs stretched or collapsed (singular values of the UV-to-3D map).",
       skip_profiles=("print",))
def check_uv_stretch(model: Model, ctx: Context) -> list[Finding]:
    total, where, hl, names = 0, [], {}, []
    weighted, area_sum = 0.0, 0.0
    for g in ctx.parts:
        if not has_uv_area(g):
            continue
        stretch, area, _ = face_stretch(g)
        finite = np.isfinite(stretch)
        weighted += float((np.minimum(stretch, 10.0) * area).sum())
        area_sum += float(area.sum())
        bad = np.flatnonzero((stretch > STRETCH_LIMIT) & (area > 0))
        if not len(bad) or area[bad].sum() <= STRETCH_AREA_FRACTION * area.sum():
            continue
        total += len(bad)
        names.append(g.name)
        worst = bad[np.argsort(-np.where(finite[bad], stretch[bad], 1e300))]
        pts = g.mesh.vertices[g.mesh.faces[worst]].mean(axis=1)
        where += [{"part": g.name, "position": point(p), "faces": [int(g.face_ids[f])],
                   "value": None if not np.isfinite(stretch[f]) else round(float(stretch[f]), 3), "unit": "s1/s2"}
                  for f, p in zip(worst[:20], pts[:20], strict=False)]
        hl[g.name] = {"faces": g.face_ids[bad]}
    if area_sum > 0:
        ctx.metrics["uv_stretch_mean"] = round(weighted / area_sum, 4)
    if not total:
        return []
    f = Finding("uv_stretch", "warning", total,
                f"{total:,} faces in {', '.join(repr(n) for n in names[:3])} have UVs stretched more than "
                f"{STRETCH_LIMIT:g}:1 or collapsed; textures smear there.",
                "run `meshforge repair` (re-unwraps stretched parts)", where)
    f.highlights = hl
    return [f]


@check("texel_density_spread", "uv", "Texel density (pixels per meter) differs between parts.",
       skip_profiles=("print",))
def check_texel_density_spread(model: Model, ctx: Context) -> list[Finding]:
    names, dens, areas = [], [], []
    for g in ctx.parts:
        tex = g.part.material.base_color_texture
        if tex is None or not has_uv_area(g):
            continue
        _, area, uv_area = face_stretch(g)
        if area.sum() <= 0:
            continue
        px = ctx.texture_size(tex)[0]
        per_meter = np.sqrt(uv_area.sum() / area.sum()) / ctx.frame.meters_per_unit
        names.append(g)
        dens.append(per_meter * px)
        areas.append(area.sum())
    if not dens:
        return []
    d = np.array(dens)
    median = _weighted_median(d, np.array(areas))
    ctx.metrics["texel_density_px_per_m"] = {
        "median": round(median, 2), "min": round(float(d.min()), 2), "max": round(float(d.max()), 2)}
    if len(dens) < 2 or median <= 0:
        return []
    off = np.flatnonzero((d > DENSITY_SPREAD * median) | (d < median / DENSITY_SPREAD))
    if not len(off):
        return []
    where = [{"part": names[k].name, "position": point(names[k].mesh.bounds.mean(axis=0)),
              "value": round(float(d[k]), 2), "unit": "px/m"} for k in off[:20]]
    return [Finding("texel_density_spread", "warning", len(off),
                    f"{len(off)} part{'s' if len(off) != 1 else ''} ({', '.join(repr(names[k].name) for k in off[:3])}) "
                    f"{'have' if len(off) != 1 else 'has'} a texel density more than {DENSITY_SPREAD:g}x off the "
                    f"model's {median:,.0f} px/m; textures look sharper or blurrier there than elsewhere.",
                    "rescale those parts' UVs (or `meshforge repair`, which re-unwraps at one density)", where)]
