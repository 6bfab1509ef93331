"""3D-printing checks (profile ``print``, FDM), measured in millimetres along the model's up axis.

* ``not_watertight``: every part must be closed (no open, non-manifold or inconsistently wound edge).
* ``thin_walls``: wall thickness by ray casting: from :attr:`InspectOptions.thin_wall_samples` points
  sampled on the closed parts (area weighted, seeded), a ray goes inward along the face's reversed normal
  and the distance to the first surface it crosses, if that surface faces back (within
  :data:`WALL_MAX_ANGLE_DEG`), is the local thickness. Walls under two nozzle
  widths print weak or with gaps (warning); under one nozzle width they vanish when sliced (error).
  Counted as faces with a thin sample.
* ``thin_features``: pieces thin in *two* directions (pins, wires, spikes) whose second-largest principal
  extent is under two nozzle widths; they break off or do not print. Features attached to a larger
  piece are measured by ``thin_walls`` only.
* ``overhangs``: faces facing down within 45 degrees of straight down (steeper than 45 degrees from
  vertical) need supports, except faces lying on the bed (within :data:`BED_TOLERANCE_MM` of the bottom).
* ``volume``: material volume of the closed parts (information, with PLA mass).
* ``build_volume``: the model must fit the printer's build volume (turning it about the up axis allowed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from meshforge.quality.findings import Finding, point
from meshforge.quality.intersect import segment_hits
from meshforge.quality.registry import check

if TYPE_CHECKING:
    from meshforge.core.model import Model
    from meshforge.quality.context import Context, PartGeometry
    from meshforge.quality.topology import MeshTopology

#: Faces within this distance of the lowest point are on the bed (no support needed).
BED_TOLERANCE_MM = 0.2
#: Steepest overhang that prints without support, measured from vertical.
MAX_OVERHANG_DEG = 45.0
#: Overhangs are reported when their area exceeds this many mm² and this fraction of the surface.
MIN_OVERHANG_AREA_MM2, MIN_OVERHANG_FRACTION = 1.0, 0.005
#: The far side of a wall faces back within this angle of the near side's opposite direction.
WALL_MAX_ANGLE_DEG = 30.0
#: Density of PLA (g/cm³) for the mass estimate.
PLA_DENSITY = 1.24
_PRINT = ("print",)


def _closed(g: PartGeometry) -> bool:
    t = g.topology
    return bool(len(t.live)) and not (len(t.boundary_edges) or len(t.non_manifold_edges) or len(t.inconsistent_edges))


@check("not_watertight", "printing", "Parts that are not closed solids.", profiles=_PRINT)
def check_not_watertight(model: Model, ctx: Context) -> list[Finding]:
    bad = [g for g in ctx.parts if not _closed(g)]
    if not bad:
        return []
    where = []
    for g in bad[:20]:
        t = g.topology
        edges = np.concatenate([t.boundary_edges, t.non_manifold_edges, t.inconsistent_edges])
        pos = t.segments(edges[:1]).reshape(-1, 3).mean(axis=0) if len(edges) else g.mesh.bounds.mean(axis=0)
        where.append({"part": g.name, "position": point(pos), "edges": len(edges)})
    names = ", ".join(f"'{g.name}'" for g in bad[:3]) + (f" and {len(bad) - 3} more" if len(bad) > 3 else "")
    return [Finding("not_watertight", "error", len(bad),
                    f"{len(bad)} part{'s are' if len(bad) != 1 else ' is'} not watertight ({names}); a slicer cannot "
                    "tell inside from outside.",
                    "run `meshforge repair --print`", where)]


def _surface_samples(
    parts: list[PartGeometry], count: int, seed: int
) -> list[tuple[PartGeometry, np.ndarray, np.ndarray, np.ndarray]]:
    """Per part: (sampled face ids, points, unit normals), area weighted, deterministic."""
    areas = np.array([g.mesh.face_areas().sum() for g in parts])
    total = areas.sum()
    rng = np.random.default_rng(seed)
    out = []
    for g, a in zip(parts, areas, strict=True):
        if a <= 0:
            continue
        n = max(8, round(count * a / total))
        fa = g.mesh.face_areas()
        faces = rng.choice(len(fa), size=n, p=fa / fa.sum())
        r1, r2 = rng.random(n), rng.random(n)
        flip = r1 + r2 > 1
        r1, r2 = np.where(flip, 1 - r1, r1), np.where(flip, 1 - r2, r2)
        tri = g.mesh.vertices[g.mesh.faces[faces]]
        pts = tri[:, 0] + r1[:, None] * (tri[:, 1] - tri[:, 0]) + r2[:, None] * (tri[:, 2] - tri[:, 0])
        out.append((g, faces, pts, g.mesh.face_normals()[faces]))
    return out


def wall_thickness(ctx: Context, max_mm: float) -> list[tuple[PartGeometry, np.ndarray, np.ndarray, np.ndarray]]:
    """Sampled wall thickness of every closed part: (part, face ids, points, thickness mm; inf when thicker than max_mm).

    A wall has two roughly parallel sides: a hit only counts when the surface it reaches faces back
    within :data:`WALL_MAX_ANGLE_DEG` of the opposite direction, so rays leaving near a sharp edge and
    grazing the neighbouring side (a wedge, a tetrahedron's corner) do not make the solid "thin".
    """
    parts = [g for g in ctx.parts if _closed(g)]
    mm = ctx.frame.mm_per_unit
    length = max_mm / mm
    facing = -np.cos(np.radians(WALL_MAX_ANGLE_DEG))
    out = []
    for g, faces, pts, normals in _surface_samples(parts, ctx.options.thin_wall_samples, ctx.options.seed):
        tri = g.mesh.vertices[g.mesh.faces]
        t, hit = segment_hits(pts, -normals, length, tri, exclude=faces)
        fn = g.mesh.face_normals()
        hit_ok = hit >= 0
        opposite = np.zeros(len(t), bool)
        opposite[hit_ok] = np.einsum("ij,ij->i", fn[hit[hit_ok]], normals[hit_ok]) <= facing
        out.append((g, faces, pts, np.where(opposite, t * mm, np.inf)))
    return out


@check("thin_walls", "printing", "Walls thinner than two nozzle widths (ray casting).", profiles=_PRINT)
def check_thin_walls(model: Model, ctx: Context) -> list[Finding]:
    nozzle = ctx.options.nozzle_mm
    wall = 2 * nozzle
    samples = wall_thickness(ctx, wall)
    total, where, hl, thinnest, names = 0, [], {}, np.inf, []
    thin_samples = all_samples = 0
    for g, faces, pts, t in samples:
        all_samples += len(t)
        thin = np.flatnonzero(t < wall)
        if not len(thin):
            continue
        thin_samples += len(thin)
        face_ids = np.unique(faces[thin])
        total += len(face_ids)
        names.append(g.name)
        thinnest = min(thinnest, float(t[thin].min()))
        order = thin[np.argsort(t[thin])]
        where += [{"part": g.name, "position": point(p), "faces": [int(g.face_ids[f])],
                   "value": round(float(v), 3), "unit": "mm"} for f, p, v in zip(faces[order][:20], pts[order][:20],
                                                                                 t[order][:20], strict=False)]
        hl[g.name] = {"faces": g.face_ids[face_ids], "points": pts[thin]}
    if not total:
        return []
    share = thin_samples / max(all_samples, 1)
    severity = "error" if thinnest < nozzle else "warning"
    f = Finding("thin_walls", severity, total,
                f"walls as thin as {thinnest:.2f} mm on about {share:.0%} of the surface of "
                f"{', '.join(repr(n) for n in names[:3])}; a {nozzle:g} mm nozzle needs at least {wall:.2f} mm"
                + (" (thinner than one nozzle width vanishes when sliced)." if severity == "error" else "."),
                f"thicken those walls to {wall:.2f} mm, or print with a smaller nozzle (`--nozzle`)", where)
    f.highlights = hl
    return [f]


def principal_extents(t: MeshTopology) -> tuple[np.ndarray, np.ndarray]:
    """(C, 3) extents of every piece along its own principal axes (PCA of its vertices), and (C, 3) centres."""
    c = t.component_count
    vcomp = np.full(t.vertex_count, -1, np.int64)
    vcomp[t.faces.reshape(-1)] = np.repeat(t.face_component, 3)
    idx = np.flatnonzero(vcomp >= 0)
    comp = vcomp[idx]
    pts = t.positions[idx]
    count = np.maximum(np.bincount(comp, minlength=c), 1)
    mean = np.stack([np.bincount(comp, pts[:, k], c) for k in range(3)], axis=1) / count[:, None]
    q = pts - mean[comp]
    cov = np.zeros((c, 3, 3))
    for a in range(3):
        for b in range(a, 3):
            cov[:, a, b] = cov[:, b, a] = np.bincount(comp, q[:, a] * q[:, b], c)
    axes = np.linalg.eigh(cov)[1]  # columns are the principal directions
    proj = np.einsum("ij,ijk->ik", q, axes[comp])
    order = np.argsort(comp, kind="stable")
    starts = np.searchsorted(comp[order], np.arange(c))
    ext = np.maximum.reduceat(proj[order], starts, axis=0) - np.minimum.reduceat(proj[order], starts, axis=0)
    return ext, mean


@check("thin_features", "printing", "Pins, wires and spikes thinner than two nozzle widths.", profiles=_PRINT)
def check_thin_features(model: Model, ctx: Context) -> list[Finding]:
    limit = 2 * ctx.options.nozzle_mm / ctx.frame.mm_per_unit
    total, where, hl, names = 0, [], {}, []
    for g in ctx.parts:
        t = g.topology
        if not t.component_count:
            continue
        ext, center = principal_extents(t)
        second = np.sort(ext, axis=1)[:, 1]
        thin_comps = [(c, second[c] * ctx.frame.mm_per_unit, center[c]) for c in np.flatnonzero(second < limit)]
        if not thin_comps:
            continue
        total += len(thin_comps)
        names.append(g.name)
        where += [{"part": g.name, "position": point(p), "value": round(float(w), 3), "unit": "mm"}
                  for _, w, p in thin_comps[:20]]
        hl[g.name] = {"faces": g.face_ids[np.isin(t.face_component, [c for c, _, _ in thin_comps])]}
    if not total:
        return []
    f = Finding("thin_features", "warning", total,
                f"{total} piece{'s are' if total != 1 else ' is'} thinner than {2 * ctx.options.nozzle_mm:.2f} mm "
                f"in two directions (pins, wires, spikes) in {', '.join(repr(n) for n in names[:3])}; "
                "they break off or do not print.",
                "thicken them or remove them; a smaller nozzle helps (`--nozzle`)", where)
    f.highlights = hl
    return [f]


@check("overhangs", "printing", "Surfaces facing down steeper than 45 degrees (need supports).", profiles=_PRINT)
def check_overhangs(model: Model, ctx: Context) -> list[Finding]:
    if not ctx.parts:
        return []
    up = ctx.frame.up_vector
    axis = 1 if ctx.frame.up == "Y" else 2
    mm = ctx.frame.mm_per_unit
    bottom = ctx.bounds[0, axis]
    limit = -np.cos(np.radians(MAX_OVERHANG_DEG))
    total_area = over_area = 0.0
    total, where, hl, names = 0, [], {}, []
    for g in ctx.parts:
        area = g.mesh.face_areas() * mm**2
        total_area += float(area.sum())
        n = g.mesh.face_normals()
        heights = g.mesh.vertices[g.mesh.faces][:, :, axis]
        on_bed = np.all(heights <= bottom + BED_TOLERANCE_MM / mm, axis=1)
        faces = np.flatnonzero((n @ up < limit) & ~on_bed & (area > 0))
        if not len(faces):
            continue
        total += len(faces)
        over_area += float(area[faces].sum())
        names.append(g.name)
        biggest = faces[np.argsort(-area[faces])]
        pts = g.mesh.vertices[g.mesh.faces[biggest]].mean(axis=1)
        where += [{"part": g.name, "position": point(p), "faces": [int(g.face_ids[f])],
                   "value": round(float(area[f]), 3), "unit": "mm^2"}
                  for f, p in zip(biggest[:20], pts[:20], strict=False)]
        hl[g.name] = {"faces": g.face_ids[faces]}
    ctx.metrics["overhang_area_mm2"] = round(over_area, 3)
    if not total or over_area < max(MIN_OVERHANG_AREA_MM2, MIN_OVERHANG_FRACTION * total_area):
        return []
    f = Finding("overhangs", "warning", total,
                f"{over_area:,.0f} mm² ({over_area / max(total_area, 1e-12):.0%} of the surface) of "
                f"{', '.join(repr(n) for n in names[:3])} faces down more steeply than {MAX_OVERHANG_DEG:g} degrees "
                "from vertical and needs supports.",
                "enable supports in the slicer, or turn the model so those faces point up or sideways", where)
    f.highlights = hl
    return [f]


@check("volume", "printing", "Printed volume and PLA mass (information).", profiles=_PRINT)
def check_volume(model: Model, ctx: Context) -> list[Finding]:
    closed = [g for g in ctx.parts if _closed(g)]
    if not closed:
        return []
    mm3 = sum(float(g.topology.component_volume.sum()) for g in closed) * ctx.frame.mm_per_unit**3
    ctx.metrics["volume_mm3"] = round(mm3, 3)
    ctx.metrics["mass_g_pla"] = round(mm3 / 1000 * PLA_DENSITY, 2)
    if mm3 <= 0:
        return [Finding("volume", "error", len(closed),
                        f"the closed parts enclose no volume ({mm3:.3g} mm³); they are flat or inside out.",
                        "run `meshforge repair --print`", [])]
    return [Finding("volume", "info", len(closed),
                    f"{mm3 / 1000:,.2f} cm³ of material in {len(closed)} closed part{'s' if len(closed) != 1 else ''} "
                    f"(about {mm3 / 1000 * PLA_DENSITY:,.1f} g of PLA at 100% infill).",
                    "", [])]


@check("build_volume", "printing", "The model fits the printer's build volume.", profiles=_PRINT)
def check_build_volume(model: Model, ctx: Context) -> list[Finding]:
    if not ctx.parts:
        return []
    axis = 1 if ctx.frame.up == "Y" else 2
    ext = (ctx.bounds[1] - ctx.bounds[0]) * ctx.frame.mm_per_unit
    footprint = np.sort([ext[a] for a in range(3) if a != axis])[::-1]
    height = ext[axis]
    bx, by, bz = ctx.options.build_volume_mm
    bed = np.sort([bx, by])[::-1]
    ctx.metrics["size_mm"] = [round(float(e), 3) for e in ext]
    if np.all(footprint <= bed + 1e-9) and height <= bz + 1e-9:
        return []
    factor = float(min(np.min(bed / np.maximum(footprint, 1e-12)), bz / max(height, 1e-12)))
    size = " x ".join(f"{v:,.0f}" for v in (*footprint, height))
    return [Finding("build_volume", "error", 1,
                    f"the model is {size} mm (footprint x height), larger than the {bx:g} x {by:g} x {bz:g} mm "
                    f"build volume; it fits at {factor:.0%} scale.",
                    f"scale it to {factor:.0%} or split it into parts that fit (`--build-volume` sets your printer)",
                    [{"part": "*", "position": point(ctx.bounds.mean(axis=0)), "value": [round(float(e), 2) for e in ext],
                      "unit": "mm"}])]
