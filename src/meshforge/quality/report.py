"""The inspection as one self-contained HTML page with pictures (``meshforge inspect --report r.html``).

The page holds, with every image embedded as a PNG data URI (no other files, no network):

* the score, a bar per category, the model's size, triangles and parts;
* shaded views of the model;
* "problem views": the model in neutral clay with the findings drawn over it: open edges (holes) and
  non-manifold edges as thick red and orange tubes, self-intersecting faces in magenta, non-manifold
  vertices and other located findings as yellow beads;
* a UV layout per textured part (triangle edges over a checker) and the model rendered with a checker
  texture, which shows stretch and seams at a glance;
* the LOD chain side by side (triangles per level) when the model has levels;
* every finding with its severity, count, where it is, and what to do.

Rendering needs the headless renderer (:mod:`meshforge.render`); without it the page still lists the
findings and says why the pictures are missing.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from meshforge.core.material import Material, Texture
from meshforge.core.model import Model
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.transform import rotation
from meshforge.quality.findings import Report

log = logging.getLogger(__name__)

#: sRGB colors of the highlight layers.
EDGE_COLORS = {"holes": "#E0201B", "non_manifold_edges": "#FF8C00", "inconsistent_winding": "#1E6FE0"}
FACE_COLOR = "#D61FD6"
#: Checks whose highlighted faces are painted (others' faces are too many to be useful).
FACE_CHECKS = ("self_intersections", "inverted_normals", "degenerate_faces", "duplicate_faces")
BEAD_COLOR = "#F5C400"
#: At most this many highlighted edges / beads are drawn (the rest are counted in the caption).
MAX_SEGMENTS = 4000
MAX_BEADS = 300
VIEWS = ((35.0, 25.0), (215.0, 25.0), (125.0, 60.0), (305.0, -35.0))
SEVERITY_COLORS = {"error": "#C62828", "warning": "#E08A00", "info": "#4A78B5"}


# ---------------------------------------------------------------------------------------- geometry
def _tubes(segments: np.ndarray, radius: float) -> Mesh:
    """Triangular prisms along (K, 2, 3) segments, all in one mesh (vectorised)."""
    a, b = segments[:, 0], segments[:, 1]
    d = b - a
    length = np.linalg.norm(d, axis=1, keepdims=True)
    keep = length[:, 0] > 1e-12
    a, b, d, length = a[keep], b[keep], d[keep], length[keep]
    if not len(a):
        return Mesh(np.zeros((0, 3)), np.zeros((0, 3), np.int64))
    d = d / length
    helper = np.where(np.abs(d[:, :1]) < 0.9, [[1.0, 0, 0]], [[0, 1.0, 0]])
    u = np.cross(d, helper)
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    v = np.cross(d, u)
    ang = np.array([0.0, 2.0944, 4.1888])
    ring = (np.cos(ang)[None, :, None] * u[:, None] + np.sin(ang)[None, :, None] * v[:, None]) * radius
    # extend a little past the ends so consecutive edges join without gaps
    a2 = a - d * radius * 0.5
    b2 = b + d * radius * 0.5
    verts = np.concatenate([a2[:, None] + ring, b2[:, None] + ring], axis=1)  # (K, 6, 3)
    local = np.array([[0, 1, 4], [0, 4, 3], [1, 2, 5], [1, 5, 4], [2, 0, 3], [2, 3, 5], [0, 2, 1], [3, 4, 5]])
    k = len(a)
    faces = (local[None] + 6 * np.arange(k)[:, None, None]).reshape(-1, 3)
    return Mesh(verts.reshape(-1, 3), faces).with_normals(crease_deg=30.0)


def _beads(points: np.ndarray, radius: float) -> Mesh:
    """Small octahedra at (K, 3) points."""
    if not len(points):
        return Mesh(np.zeros((0, 3)), np.zeros((0, 3), np.int64))
    o = np.array([[1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1]], float) * radius
    local = np.array([[0, 2, 4], [2, 1, 4], [1, 3, 4], [3, 0, 4], [2, 0, 5], [1, 2, 5], [3, 1, 5], [0, 3, 5]])
    verts = (points[:, None] + o[None]).reshape(-1, 3)
    faces = (local[None] + 6 * np.arange(len(points))[:, None, None]).reshape(-1, 3)
    return Mesh(verts, faces).with_normals(crease_deg=30.0)


def _clay(name: str = "clay") -> Material:
    return Material.from_srgb(name, "#C9C4BC", roughness=0.8)


def _display_transform(report: Report) -> np.ndarray:
    """Rotation that stands a Z-up model upright for the pictures (meshforge renders Y-up)."""
    return rotation("x", -90.0) if str(report.metrics.get("up", "Y")).upper() == "Z" else np.eye(4)


def problem_model(model: Model, report: Report) -> tuple[Model, list[str]]:
    """The model in clay with its located findings drawn as colored geometry; also a legend."""
    lo, hi = model.bounds
    diag = float(np.linalg.norm(hi - lo)) or 1.0
    show = Model(model.name + "_problems")
    for part in model.parts:
        if part.mesh.triangle_count:
            show.add(part.name, part.mesh, _clay(), part.transform)
    legend: list[str] = []
    parts = {p.name: p for p in model.parts}
    seg_by_check: dict[str, list[np.ndarray]] = {}
    faces: list[np.ndarray] = []
    beads: list[np.ndarray] = []
    for f in report.findings:
        for part_name, hl in (f.highlights or {}).items():
            if "segments" in hl and len(hl["segments"]):
                seg_by_check.setdefault(f.check, []).append(np.asarray(hl["segments"], float).reshape(-1, 2, 3))
            if "faces" in hl and len(hl["faces"]) and part_name in parts and f.check in FACE_CHECKS:
                world = parts[part_name].world_mesh()
                ids = np.asarray(hl["faces"], np.int64)
                ids = ids[(ids >= 0) & (ids < world.triangle_count)]
                faces.append(world.vertices[world.faces[ids]])
            if "points" in hl and len(hl["points"]):
                beads.append(np.asarray(hl["points"], float).reshape(-1, 3))
        for w in f.where[:50]:
            if f.check in ("non_manifold_vertices", "thin_walls", "small_components") and "position" in w:
                beads.append(np.asarray(w["position"], float).reshape(1, 3))
    radius = 0.005 * diag
    for check, segs in seg_by_check.items():
        s = np.concatenate(segs)
        shown = s[:MAX_SEGMENTS]
        color = EDGE_COLORS.get(check, "#E0201B")
        show.add(f"highlight_{check}", _tubes(shown, radius), Material.from_srgb(check, color, roughness=0.4))
        extra = f" ({len(shown):,} of {len(s):,} drawn)" if len(s) > len(shown) else ""
        legend.append(f'<span class="sw" style="background:{color}"></span>{html.escape(check)}: '
                      f"{len(s):,} edges{extra}")
    if faces:
        tri = np.concatenate(faces)[: MAX_SEGMENTS * 2]
        n = len(tri)
        normals = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
        nl = np.linalg.norm(normals, axis=1, keepdims=True)
        normals = np.where(nl > 0, normals / np.maximum(nl, 1e-30), [[0, 1, 0]])
        lift = normals[:, None] * (0.0015 * diag)
        verts = np.concatenate([tri + lift, tri - lift]).reshape(-1, 3)
        fc = np.arange(6 * n).reshape(-1, 3)
        fc[n:] = fc[n:][:, ::-1]  # the lower copy faces the other way: visible from both sides
        mesh = Mesh(verts, fc).with_normals(crease_deg=1.0)
        show.add("highlight_faces", mesh, Material.from_srgb("faces", FACE_COLOR, roughness=0.5))
        legend.append(f'<span class="sw" style="background:{FACE_COLOR}"></span>faces that intersect, '
                      f"point inward or have no area: {n:,}")
    if beads:
        pts = np.concatenate(beads)[:MAX_BEADS]
        show.add("highlight_points", _beads(pts, radius * 2.2), Material.from_srgb("points", BEAD_COLOR, roughness=0.4))
        legend.append(f'<span class="sw" style="background:{BEAD_COLOR}"></span>marked spots: {len(pts):,}')
    return show, legend


def checker_model(model: Model, squares: int = 16) -> Model:
    """The model with every part wearing a checker texture (UV stretch and seams show at once)."""
    size = 256
    idx = (np.arange(size) * squares // size) % 2
    grid = (idx[:, None] ^ idx[None, :]).astype(bool)
    img = np.where(grid[..., None], [235, 235, 235], [60, 110, 200]).astype(np.uint8)
    img[::size // squares, :] = (img[::size // squares, :] * 0.6).astype(np.uint8)
    tex = Texture.from_image(img, "checker")
    out = Model(model.name + "_checker")
    mat = Material.from_srgb("checker", (1.0, 1.0, 1.0), roughness=0.7, base_color_texture=tex)
    for part in model.parts:
        if part.mesh.triangle_count and part.mesh.uvs is not None:
            uvs = part.mesh.uvs
            if part.mesh.uv_mode == "tiling":
                uvs = uvs * 4.0  # tiling UVs are 1 per metre: 4 tiles of 16 squares per metre (~1.6 cm)
            m = Mesh(part.mesh.vertices, part.mesh.faces, part.mesh.normals, uvs, part.mesh.uv_mode)
            out.add(part.name, m, mat, part.transform)
        elif part.mesh.triangle_count:
            out.add(part.name, part.mesh, _clay("no_uvs"), part.transform)
    return out


def uv_layout(model: Model, size: int = 360, max_parts: int = 6) -> list[tuple[str, Image.Image]]:
    """One picture per part with UVs: its UV triangles' edges over a light checker, framed to its UV range."""
    out = []
    for part in model.parts:
        mesh = part.mesh
        if mesh.uvs is None or not mesh.triangle_count or not np.isfinite(mesh.uvs).all():
            continue
        uv = mesh.uvs
        lo, hi = uv.min(axis=0), uv.max(axis=0)
        if mesh.uv_mode == "atlas" and (lo >= -1e-6).all() and (hi <= 1 + 1e-6).all():
            lo, hi = np.zeros(2), np.ones(2)  # an atlas: show the whole texture square
        span = float(max(hi - lo)) or 1.0
        pad = 8
        scale = (size - 2 * pad) / span
        img = Image.new("RGB", (size, size), (250, 250, 250))
        d = ImageDraw.Draw(img)
        cells = 8
        step = (size - 2 * pad) / cells
        for i in range(cells):
            for j in range(cells):
                if (i + j) % 2:
                    x0, y0 = pad + i * step, pad + j * step
                    d.rectangle([x0, y0, x0 + step, y0 + step], fill=(228, 232, 240))
        px = (uv - lo) * scale + pad
        px[:, 1] = size - px[:, 1]  # V up
        tri = px[mesh.faces[:20000]]
        for t in tri:
            d.polygon([tuple(p) for p in t], outline=(40, 80, 160))
        d.rectangle([pad, pad, size - pad, size - pad], outline=(120, 120, 120))
        out.append((part.name, img))
        if len(out) >= max_parts:
            break
    return out


# ---------------------------------------------------------------------------------------- page
def _png_uri(img: Image.Image) -> str:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _oriented(model: Model, matrix: np.ndarray) -> Model:
    if np.allclose(matrix, np.eye(4)):
        return model
    out = model.copy()
    for p in out.parts:
        p.transform = matrix @ p.transform
    return out


def _render(model: Model, views: Sequence[tuple[float, float]], size: int) -> list[Image.Image]:
    from meshforge.render.renderer import render_views

    return render_views(model, views, width=size, height=size, supersample=2)


def _figure(img: Image.Image, caption: str, alt: str) -> str:
    return (f'<figure><img src="{_png_uri(img)}" alt="{html.escape(alt)}" width="{img.width}" '
            f'height="{img.height}"><figcaption>{caption}</figcaption></figure>')


def _where_text(where: list[dict[str, Any]], limit: int = 4) -> str:
    bits = []
    for w in where[:limit]:
        fields = []
        for k, v in w.items():
            if isinstance(v, float):
                v = f"{v:.4g}"
            elif isinstance(v, list) and v and isinstance(v[0], float):
                v = "(" + ", ".join(f"{x:.4g}" for x in v) + ")"
            fields.append(f"{k} {v}")
        bits.append(html.escape(", ".join(fields)))
    more = f"<br>... and {len(where) - limit} more" if len(where) > limit else ""
    return "<br>".join(bits) + more


def render_html(model: Model, report: Report, *, title: str | None = None, image_size: int = 420) -> str:
    """The report page as a string (see the module docstring)."""
    title = title or model.name
    matrix = _display_transform(report)
    sections: list[str] = []
    picture_note = ""
    try:
        shaded = _render(_oriented(model, matrix), VIEWS[:2], image_size)
        sections.append("<h2>The model</h2><div class=row>" + "".join(
            _figure(img, f"view {i + 1}", f"{title} view {i + 1}") for i, img in enumerate(shaded)) + "</div>")
        problems, legend = problem_model(model, report)
        if legend:
            imgs = _render(_oriented(problems, matrix), VIEWS, max(200, image_size * 3 // 4))
            sections.append("<h2>Where the problems are</h2><p class=legend>" + " &nbsp; ".join(legend) + "</p>"
                            "<div class=row>" + "".join(
                                _figure(img, f"view {i + 1}", f"problems view {i + 1}") for i, img in enumerate(imgs))
                            + "</div>")
        uv_imgs = uv_layout(model)
        if uv_imgs:
            checker = _render(_oriented(checker_model(model), matrix), VIEWS[:1], image_size)[0]
            sections.append(
                "<h2>UVs</h2><p>Each part's UV layout (triangle edges over a checker) and the model wearing a "
                "checker texture: squares should stay square and even in size.</p><div class=row>"
                + _figure(checker, "checker texture", "model with a checker texture")
                + "".join(_figure(img, html.escape(name), f"UV layout of {name}") for name, img in uv_imgs)
                + "</div>")
        if model.lods:
            levels = [model, *model.lods]
            imgs = [_render(_oriented(m, matrix), VIEWS[:1], max(160, image_size // 2))[0] for m in levels]
            caps = [f"LOD{i}: {m.triangle_count:,} triangles"
                    + (f", switch at {model.lod_screen_sizes[i - 1]:.0%} of screen height"
                       if 0 < i <= len(model.lod_screen_sizes) else "")
                    for i, m in enumerate(levels)]
            sections.append("<h2>Levels of detail</h2><div class=row>" + "".join(
                _figure(img, cap, cap) for img, cap in zip(imgs, caps, strict=True)) + "</div>")
    except Exception as exc:  # no GL here: the page still lists everything else
        log.warning("report pictures skipped: %s", exc)
        picture_note = (f"<p class=note>Pictures are missing: the renderer is not available here "
                        f"({html.escape(str(exc))}).</p>")

    bars = "".join(
        f'<div class=cat><span>{html.escape(cat)}</span><div class=bar><div style="width:{val:.0f}%;'
        f'background:{_score_color(val)}"></div></div><b>{val:.0f}</b></div>'
        for cat, val in report.categories.items())
    rows = "".join(
        f'<tr><td><span class=sev style="background:{SEVERITY_COLORS[f.severity]}">{f.severity}</span></td>'
        f"<td><code>{html.escape(f.check)}</code></td><td class=num>{f.count:,}</td>"
        f"<td>{html.escape(f.message)}</td><td>{html.escape(f.suggestion or '')}</td>"
        f"<td class=where>{_where_text(f.where)}</td></tr>"
        for f in report.findings)
    findings = ("<table><tr><th>severity</th><th>check</th><th>count</th><th>what</th><th>what to do</th>"
                f"<th>where</th></tr>{rows}</table>") if rows else "<p>No findings: nothing to fix.</p>"
    m = report.metrics
    size = " x ".join(f"{x:.3f}" for x in m.get("size_m", []))
    facts = (f"{m.get('triangles', model.triangle_count):,} triangles, {len(model.parts)} parts, "
             f"{size} m, {html.escape(str(m.get('units', '')))} / {html.escape(str(m.get('up', '')))}-up")
    skipped = report.summary.get("checks_skipped", {})
    skipped_html = "".join(f"<li><code>{html.escape(k)}</code>: {html.escape(str(v))}</li>" for k, v in skipped.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>meshforge report: {html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font:15px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1320px;color:#222;padding:0 16px}}
h1{{margin:0 0 4px}} h2{{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}}
.score{{font-size:56px;font-weight:700;color:{_score_color(report.score)}}}
.head{{display:flex;gap:32px;align-items:center;flex-wrap:wrap}}
.cat{{display:flex;align-items:center;gap:8px;margin:3px 0}} .cat span{{width:80px}}
.bar{{width:220px;height:12px;background:#eee;border-radius:6px;overflow:hidden}} .bar div{{height:100%}}
.row{{display:flex;flex-wrap:wrap;gap:12px}} figure{{margin:0}} figcaption{{font-size:13px;color:#555}}
img{{border:1px solid #ddd;border-radius:4px;max-width:100%;height:auto}}
table{{border-collapse:collapse;width:100%;font-size:14px}} td,th{{border-top:1px solid #e4e4e4;padding:6px;
vertical-align:top;text-align:left}} .num{{text-align:right}} .where{{font-size:12px;color:#555}}
.sev{{color:#fff;border-radius:3px;padding:1px 6px;font-size:12px}}
.sw{{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px}}
.note{{color:#a33}} .legend{{font-size:14px}}
</style></head><body>
<h1>{html.escape(title)}</h1><p>{facts}; profile <b>{html.escape(report.profile)}</b></p>
<div class=head><div class=score>{report.score:.0f}<small style="font-size:20px;color:#777">/100</small></div>
<div>{bars}</div><div>{report.summary.get('errors', 0)} errors, {report.summary.get('warnings', 0)} warnings,
{report.summary.get('infos', 0)} notes</div></div>
{picture_note}
<h2>Findings</h2>{findings}
{''.join(sections)}
<h2>Checks not run</h2><ul>{skipped_html or '<li>none</li>'}</ul>
<p style="color:#888;font-size:12px">made by meshforge inspect</p>
</body></html>
"""


def _score_color(value: float) -> str:
    return "#2E7D32" if value >= 90 else "#E08A00" if value >= 70 else "#C62828"


def write_html(path: str | os.PathLike, model: Model, report: Report, **kwargs: Any) -> Path:
    """Write :func:`render_html` atomically (temporary file, then rename); returns the path."""
    from meshforge.export.registry import write_atomically

    p = Path(path)
    write_atomically([(p, render_html(model, report, **kwargs).encode("utf-8"))])
    return p
