"""Exact dimensions of the mechanical family, measured on the built models (tolerance 0.05 mm)."""

from __future__ import annotations

import numpy as np
import pytest

from meshforge.core.recipe import Recipe, build

TOL = 0.05e-3  # 0.05 mm


def _vertices(gid: str, params: dict, part: str) -> np.ndarray:
    return build(Recipe(gid, params=params)).part(part).world_mesh().vertices


def _genus(gid: str, params: dict, part: str) -> int:
    mesh = build(Recipe(gid, params=params)).part(part).world_mesh().welded()
    return (2 - mesh.euler_number) // 2


@pytest.mark.parametrize(("module", "teeth"), [(0.002, 24), (0.001, 40), (0.0025, 13), (0.005, 60)])
def test_spur_gear_tip_diameter_is_m_times_z_plus_2(module, teeth):
    v = _vertices("spur_gear", {"module": module, "teeth": teeth, "hub": False, "bore_diameter": 0.0}, "gear")
    # the bounding box is centred, so an odd tooth count moves the axis off the origin: the mean of the
    # z-fold symmetric outline's vertices is the axis
    v = np.unique(np.round(v, 10), axis=0)  # positions only (hard edges duplicate vertices unevenly)
    v = v - np.array([v[:, 0].mean(), 0.0, v[:, 2].mean()])
    tip = 2 * np.hypot(v[:, 0], v[:, 2]).max()
    assert abs(tip - module * (teeth + 2)) < TOL
    r = np.hypot(v[:, 0], v[:, 2])
    root = 2 * r.min()
    assert abs(root - module * (teeth - 2.5)) < TOL
    # face width is the Y extent without a hub
    assert abs(np.ptp(v[:, 1]) - 0.01) < TOL


def test_spur_gear_has_as_many_teeth_as_asked():
    m, z = 0.002, 24
    v = _vertices("spur_gear", {"module": m, "teeth": z, "hub": False, "bore_diameter": 0.0}, "gear")
    r = np.hypot(v[:, 0], v[:, 2])
    tips = v[np.abs(r - m * (z + 2) / 2) < 1e-9]
    angles = np.unique(np.round(np.degrees(np.arctan2(tips[:, 2], tips[:, 0])) % 360 / (360 / z)).astype(int) % z)
    assert len(angles) == z


@pytest.mark.parametrize(("size", "s", "k"), [("m8", 13.0, 5.3), ("m3", 5.5, 2.0), ("m12", 18.0, 7.5), ("m24", 36.0, 15.0)])
def test_hex_bolt_head_from_iso_table(size, s, k):
    length = 0.04
    v = _vertices("hex_bolt", {"size": size, "length": length}, "bolt")
    head = v[v[:, 1] >= length - 1e-9]
    assert abs(np.ptp(head[:, 0]) - s * 1e-3) < TOL  # across flats along X
    assert abs(v[:, 1].max() - length - k * 1e-3) < TOL  # head height
    assert abs(v[:, 1].min()) < 1e-9
    shank = v[v[:, 1] < length - 1e-3]
    d = int(size[1:]) * 1e-3
    assert 2 * np.hypot(shank[:, 0], shank[:, 2]).max() <= d + TOL


def test_hex_bolt_thread_is_helical():
    v = _vertices("hex_bolt", {"size": "m8", "length": 0.03, "thread": "full", "helical_thread": True}, "bolt")
    rings = _vertices("hex_bolt", {"size": "m8", "length": 0.03, "thread": "full", "helical_thread": False}, "bolt")

    def radius_varies_around(verts: np.ndarray) -> float:
        y0 = verts[np.argmin(np.abs(verts[:, 1] - 0.015)), 1]
        band = verts[np.abs(verts[:, 1] - y0) < 1e-9]  # one row of the thread grid
        return float(np.ptp(np.hypot(band[:, 0], band[:, 2])))

    assert radius_varies_around(v) > 0.3e-3  # a helix: one height crosses crest and root
    assert radius_varies_around(rings) < 1e-6  # rings: one radius per height


@pytest.mark.parametrize(("size", "style", "s", "m"), [("m8", "regular", 13.0, 6.8), ("m6", "regular", 10.0, 5.2),
                                                        ("m10", "thin", 16.0, 5.0), ("m20", "regular", 30.0, 18.0)])
def test_hex_nut_from_iso_table(size, style, s, m):
    model = build(Recipe("hex_nut", params={"size": size, "style": style}))
    assert abs(model.extents[0] - s * 1e-3) < TOL
    assert abs(model.extents[1] - m * 1e-3) < TOL
    assert abs(model.extents[2] - s * 1e-3 / np.cos(np.pi / 6)) < 0.5e-3  # across corners, minus chamfer


@pytest.mark.parametrize(("size", "d1", "d2", "h"), [("m8", 8.4, 16.0, 1.6), ("m3", 3.2, 7.0, 0.5), ("m16", 17.0, 30.0, 3.0)])
def test_washer_from_iso_7089(size, d1, d2, h):
    v = _vertices("washer", {"size": size}, "washer")
    r = np.hypot(v[:, 0], v[:, 2])
    assert abs(2 * r.max() - d2 * 1e-3) < TOL
    assert abs(2 * r.min() - d1 * 1e-3) < TOL
    assert abs(np.ptp(v[:, 1]) - h * 1e-3) < TOL
    model = build(Recipe("washer", params={"size": size}))
    np.testing.assert_allclose(model.extents, [d2 * 1e-3, h * 1e-3, d2 * 1e-3], atol=TOL)


@pytest.mark.parametrize("holes", [3, 4, 8, 12])
def test_flange_hole_count_and_pcd(holes):
    params = {"bolt_holes": holes, "style": "slip_on"}
    assert _genus("flange", params, "flange") == holes + 1  # bolt holes plus the bore
    assert _genus("flange", {**params, "style": "blind"}, "flange") == holes
    model = build(Recipe("flange", params=params))
    np.testing.assert_allclose(model.extents[[0, 2]], [0.165, 0.165], atol=TOL)


def test_flange_holes_sit_on_the_pitch_circle():
    v = _vertices("flange", {"pcd": 0.125, "hole_diameter": 0.018, "bolt_holes": 4}, "flange")
    r = np.hypot(v[:, 0], v[:, 2])
    off = v[(r > 0.04) & (r < 0.08)]  # hole walls only (bore 30.75 mm, raised face edge, rim 82.5 mm)
    a = 2 * np.pi * 0.5 / 4
    centre = np.array([0.0625 * np.cos(a), 0.0625 * np.sin(a)])
    d = np.hypot(off[:, 0] - centre[0], off[:, 2] - centre[1])
    assert abs(d.min() - 0.009) < TOL


def test_bracket_thickness_and_holes():
    model = build(Recipe("bracket", params={"thickness": 0.004, "holes": 3, "width": 0.04}))
    np.testing.assert_allclose(model.extents, [0.04, 0.04, 0.04], atol=TOL)
    assert _genus("bracket", {"holes": 3}, "bracket") == 6


def test_enclosure_outside_size_and_separate_lid():
    model = build(Recipe("enclosure", params={"width": 0.1, "depth": 0.06, "height": 0.04, "wall_thickness": 0.0025}))
    assert {"box", "lid"} <= {p.name for p in model.parts}
    np.testing.assert_allclose(model.part("box").world_mesh().extents, [0.1, 0.04, 0.06], atol=TOL)
    lid = model.part("lid").world_mesh()
    assert abs(lid.bounds[1, 1] - 0.0425) < TOL


def test_pipe_fittings_outside_diameter():
    elbow = build(Recipe("pipe_elbow", params={"nominal_size": "dn50", "angle": "90"}))
    assert abs(elbow.extents[2] - 0.0603) < 0.2e-3  # tube OD across Z (polygonal: within a chord error)
    tee = build(Recipe("pipe_tee", params={"nominal_size": "dn50"}))
    assert abs(tee.extents[2] - 0.0603) < 0.2e-3
