"""The HTML inspection report: self-contained, problems drawn where they are, UV and LOD pictures, and it
opens in headless Chromium with every image loaded."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np

from conftest import unavailable
from meshforge.cli import main
from meshforge.core.recipe import Recipe, build
from meshforge.export import export
from meshforge.geometry.mesh import Mesh
from meshforge.quality import inspect
from meshforge.quality.report import checker_model, problem_model, render_html, uv_layout, write_html
from test_quality import BOX_F, box, model_of, pierced_box

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def holed_model():
    return model_of(Mesh(box().vertices, BOX_F[:-2]))


def test_problem_model_draws_open_edges_and_bad_faces():
    model = holed_model()
    shown, legend = problem_model(model, inspect(model))
    names = {p.name for p in shown.parts}
    assert "highlight_holes" in names and any("holes" in line for line in legend)
    tubes = shown.part("highlight_holes").mesh
    # the two open triangles leave a 4-edge loop; each edge is one closed prism of 8 triangles
    assert tubes.triangle_count == 4 * 8
    crossing = model_of(pierced_box())  # a corner pushed through the opposite face
    shown, legend = problem_model(crossing, inspect(crossing))
    assert "highlight_faces" in {p.name for p in shown.parts}
    clean = model_of(box())
    shown, legend = problem_model(clean, inspect(clean))
    assert legend == [] and [p.name for p in shown.parts] == ["part0"]


def test_uv_pictures_and_checker():
    chair = build(Recipe("chair"))
    layouts = uv_layout(chair)
    assert layouts and all(img.size == (360, 360) for _, img in layouts)
    # the layout draws triangle edges: many pixels differ from the two checker shades
    px = np.asarray(layouts[0][1])
    assert (np.abs(px.astype(int) - [40, 80, 160]).sum(axis=2) < 30).sum() > 50
    checkered = checker_model(chair)
    assert all(p.material.base_color_texture is not None for p in checkered.parts)


def test_html_is_one_self_contained_file(tmp_path):
    model = holed_model()
    page = render_html(model, inspect(model), title="holed box")
    assert page.startswith("<!doctype html>")
    srcs = re.findall(r'src="([^"]+)"', page)
    assert len(srcs) >= 6 and all(s.startswith("data:image/png;base64,") for s in srcs)
    assert "http://" not in page and "https://" not in page
    assert "<code>holes</code>" in page
    assert "meshforge repair" in page


def test_lod_levels_are_shown_side_by_side():
    chair = build(Recipe("chair"))
    lod = build(Recipe("chair", params={"slats": 1, "stretchers": False}))
    chair.lods = [lod]
    chair.lod_screen_sizes = [0.3]
    page = render_html(chair, inspect(chair))
    assert "Levels of detail" in page and "LOD1:" in page and "30% of screen height" in page


def test_cli_inspect_writes_the_report(tmp_path, capsys):
    src = tmp_path / "holed.obj"
    export(holed_model(), src)
    out = tmp_path / "r" / "report.html"
    assert main(["inspect", str(src), "--report", str(out), "--json", str(tmp_path / "r.json")]) == 0
    assert out.exists() and (tmp_path / "r.json").exists()
    assert not list(out.parent.glob(".*tmp*"))
    assert main(["inspect", str(src), "--report", str(tmp_path / "report.pdf")]) == 2
    assert "HTML" in capsys.readouterr().err


def _browser_or_skip():
    if CHROMIUM is None or not _has_playwright():
        unavailable("needs Debian's chromium and the playwright package (.ci/run installs both)")


def _has_playwright() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def test_report_opens_in_headless_chromium_with_every_image_loaded(tmp_path):
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    model = holed_model()
    chair = build(Recipe("chair"))
    pages = [write_html(tmp_path / "holed.html", model, inspect(model)),
             write_html(tmp_path / "chair.html", chair, inspect(chair))]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1300, "height": 900})
            for path in pages:
                page.goto(Path(path).resolve().as_uri())
                page.wait_for_load_state("load")
                images = page.evaluate(
                    "Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.naturalHeight])")
                assert len(images) >= 3, path
                assert all(ok and w > 0 and h > 0 for ok, w, h in images), (path, images)
                assert page.evaluate("document.querySelectorAll('table tr').length") >= 2 or "chair" in str(path)
                shot = page.screenshot(full_page=True)
                assert len(shot) > 10_000
        finally:
            browser.close()
