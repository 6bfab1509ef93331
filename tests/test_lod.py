"""Simplification and LOD chains: UVs from the original charts, watertight where LOD0 was, budgets met,
GLB with _LOD0.._LODn nodes and MSFT_lod that the Khronos validator accepts."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FULL
from meshforge.core.errors import ParameterError
from meshforge.core.recipe import Recipe, build
from meshforge.export import export
from meshforge.generators import catalog
from meshforge.importers import load
from meshforge.lod.chain import LodOptions, build_lod_chain
from meshforge.lod.metrics import model_distance, surface_distance, uv_provenance
from meshforge.lod.profiles import LOD_PROFILES
from meshforge.lod.simplify import simplify_model
from meshforge.quality.budget import PROFILES
from test_export import run_gltf_validator


def point_triangle_distance(p: np.ndarray, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """(K,) distance from each point to its triangle (all (K, 3)): the brute-force oracle the AABB-tree
    queries are checked against (Ericson, *Real-Time Collision Detection*, 5.1.5)."""
    return np.linalg.norm(p - closest_point_on_triangle(p, a, b, c), axis=1)


def closest_point_on_triangle(p: np.ndarray, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """(K, 3) point of each triangle nearest to each point (all (K, 3)); Ericson's Voronoi regions."""
    ab, ac, ap = b - a, c - a, p - a
    d1, d2 = np.einsum("ij,ij->i", ab, ap), np.einsum("ij,ij->i", ac, ap)
    bp = p - b
    d3, d4 = np.einsum("ij,ij->i", ab, bp), np.einsum("ij,ij->i", ac, bp)
    cp = p - c
    d5, d6 = np.einsum("ij,ij->i", ab, cp), np.einsum("ij,ij->i", ac, cp)
    va = d3 * d6 - d5 * d4
    vb = d5 * d2 - d1 * d6
    vc = d1 * d4 - d3 * d2
    denom = va + vb + vc
    with np.errstate(divide="ignore", invalid="ignore"):
        v = np.where(denom != 0, vb / denom, 0.0)
        w = np.where(denom != 0, vc / denom, 0.0)
        closest = a + ab * v[:, None] + ac * w[:, None]
        # vertex regions
        closest = np.where(((d1 <= 0) & (d2 <= 0))[:, None], a, closest)
        closest = np.where(((d3 >= 0) & (d4 <= d3))[:, None], b, closest)
        closest = np.where(((d6 >= 0) & (d5 <= d6))[:, None], c, closest)
        # edge regions
        m_ab = (vc <= 0) & (d1 >= 0) & (d3 <= 0)
        t_ab = np.where(m_ab, d1 / (d1 - d3), 0.0)
        closest = np.where(m_ab[:, None], a + ab * t_ab[:, None], closest)
        m_ac = (vb <= 0) & (d2 >= 0) & (d6 <= 0)
        t_ac = np.where(m_ac, d2 / (d2 - d6), 0.0)
        closest = np.where(m_ac[:, None], a + ac * t_ac[:, None], closest)
        m_bc = (va <= 0) & ((d4 - d3) >= 0) & ((d5 - d6) >= 0)
        t_bc = np.where(m_bc, (d4 - d3) / ((d4 - d3) + (d5 - d6)), 0.0)
        closest = np.where(m_bc[:, None], b + (c - b) * t_bc[:, None], closest)
    # the vertex/edge tests above are mutually exclusive except at degenerate triangles
    return np.nan_to_num(closest)


def assert_level_contract(lod0, level) -> None:
    # a level may leave out parts only when it says so (simplify's dropped_parts)
    dropped = level.metadata.get("simplify", {}).get("dropped_parts", [])
    assert [p.name for p in level.parts] == [p.name for p in lod0.parts if p.name not in dropped]
    for a, b in zip([p for p in lod0.parts if p.name not in dropped], level.parts, strict=True):
        prov = uv_provenance(a.mesh, b.mesh)
        assert prov == {"foreign_vertices": 0, "cross_chart_faces": 0}, (a.name, prov)
        if a.mesh.is_watertight():
            assert b.mesh.is_watertight(), f"part {a.name} lost watertightness"
        assert b.material.name == a.material.name


@pytest.mark.parametrize("gid", sorted(catalog()))
def test_every_generator_level_pair(gid):
    model = build(Recipe(gid))
    if FULL:
        chain, report = build_lod_chain(model, LodOptions(levels=4, render_check=False))
        for level in chain.lods:
            assert_level_contract(chain, level)
        counts = [lv.triangles for lv in report.levels]
        assert counts == sorted(counts, reverse=True)
        return
    half = simplify_model(model, ratio=0.5)
    # a closed part whose every collapse would open it keeps its triangles (watertightness wins)
    assert half.triangle_count <= model.triangle_count
    assert_level_contract(model, half)


@pytest.mark.parametrize("profile", sorted(LOD_PROFILES))
def test_profiles_meet_their_budget(profile):
    model = build(Recipe("sofa"))
    chain, report = build_lod_chain(model, LodOptions(profile=profile, render_check=False, measure=False))
    budget = PROFILES[profile]
    assert LOD_PROFILES[profile].budget is budget  # one table
    assert chain.triangle_count <= budget.triangles
    assert len(report.levels) <= LOD_PROFILES[profile].levels
    for lv in report.levels:
        assert lv.texture_px is None or lv.texture_px <= budget.texture_px


def test_ar_profile_is_apple_quick_look():
    ar = LOD_PROFILES["ar"].budget
    assert ar.triangles == 100_000 and ar.texture_px == 2048


def test_lod0_over_budget_is_reduced():
    model = build(Recipe("sofa"))
    target = model.triangle_count // 3
    reduced = simplify_model(model, triangles=target)
    assert reduced.triangle_count <= target
    assert reduced.metadata["simplify"]["triangles_before"] == model.triangle_count


def test_chain_glb_nodes_msft_lod_and_validator(tmp_path):
    model = build(Recipe("chair"))
    chain, report = build_lod_chain(model, LodOptions(levels=3))
    assert len(chain.lods) == 2 and len(chain.lod_screen_sizes) == 3
    sizes = chain.lod_screen_sizes
    assert sizes[0] > sizes[1] > sizes[2] == 0.0
    assert report.visual_ok
    (path,) = export(chain, tmp_path / "chair_lod.glb")
    (result,) = run_gltf_validator(path)
    assert result["numErrors"] == 0, result["messages"]
    data = path.read_bytes()
    doc = json.loads(data[20 : 20 + int.from_bytes(data[12:16], "little")])
    names = [n["name"] for n in doc["nodes"]]
    for k in range(3):
        assert f"{chain.name}_LOD{k}" in names
    lod0 = doc["nodes"][doc["scenes"][0]["nodes"][0]]
    assert lod0["name"] == f"{chain.name}_LOD0"
    assert len(lod0["extensions"]["MSFT_lod"]["ids"]) == 2
    assert len(lod0["extras"]["MSFT_screencoverage"]) == 3
    assert "MSFT_lod" in doc["extensionsUsed"]


def test_textures_halve_per_level():
    model = build(Recipe("chair"))
    _, report = build_lod_chain(model, LodOptions(levels=3, render_check=False, measure=False))
    px = [lv.texture_px for lv in report.levels]
    if px[0]:
        assert px[1] <= px[0] // 2 or px[1] == 64


def test_simplify_targets_and_errors():
    model = build(Recipe("mug"))
    assert simplify_model(model, triangles=500).triangle_count <= 500
    coarse = simplify_model(model, error_relative=0.01)
    assert coarse.triangle_count < model.triangle_count
    assert coarse.metadata["simplify"]["error_m"] <= 0.01 * np.linalg.norm(model.extents) + 1e-9
    with pytest.raises(ParameterError):
        simplify_model(model, ratio=1.5)
    with pytest.raises(ParameterError):
        simplify_model(model)


def test_recipe_simplify_op_low_poly():
    full = build(Recipe("mug"))
    low = build(Recipe("mug", edits=[{"op": "simplify", "ratio": 0.15, "flat": True}]))
    assert low.triangle_count <= 0.2 * full.triangle_count


def test_point_triangle_distance_regions():
    a, b, c = np.zeros(3), np.array([1.0, 0, 0]), np.array([0, 1.0, 0])
    pts = np.array([[0.2, 0.2, 1.0], [-1.0, -1.0, 0], [2.0, 0, 0], [0.5, -1.0, 0], [1.0, 1.0, 0]])
    d = point_triangle_distance(pts, *(np.tile(v, (len(pts), 1)) for v in (a, b, c)))
    np.testing.assert_allclose(d, [1.0, np.sqrt(2), 1.0, 1.0, np.sqrt(0.5)], atol=1e-12)


def test_hausdorff_is_zero_for_identical_and_grows():
    model = build(Recipe("mug")).merged_mesh()
    assert surface_distance(model, model, 5000).mean < 1e-4
    moved = type(model)(model.vertices + np.array([0.01, 0, 0]), model.faces)
    assert surface_distance(model, moved, 5000).hausdorff_m == pytest.approx(0.01, rel=0.2)


CORPUS_LOD = ["classic_meshes/spot/spot_triangulated.obj", "gltf_khronos_samples/Duck/glTF-Binary/Duck.glb",
              "classic_meshes/stanford-bunny.obj"]


@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPUS_LOD if FULL else CORPUS_LOD[:2])
def test_corpus_chain(corpus, name, tmp_path):
    model = load(corpus / "models" / name)
    chain, _ = build_lod_chain(model, LodOptions(profile="mobile", render_check=FULL))
    for level in chain.lods:
        assert_level_contract(chain, level)
    assert chain.triangle_count <= PROFILES["mobile"].triangles
    (path,) = export(chain, tmp_path / "lod.glb")
    (result,) = run_gltf_validator(path)
    assert result["numErrors"] == 0, result["messages"]


def _bumpy_sphere():
    import trimesh

    from meshforge.core.material import Material
    from meshforge.core.model import Model
    from meshforge.geometry.mesh import Mesh

    s = trimesh.creation.icosphere(subdivisions=4)
    v = np.asarray(s.vertices)
    v = v * (1 + 0.05 * np.sin(5 * v[:, 0]) * np.sin(4 * v[:, 1]))[:, None]
    model = Model("sphere")
    model.add("sphere", Mesh(v, np.asarray(s.faces)), Material("grey"))
    return model


def test_placement_pass_lowers_error_on_sphere():
    model = _bumpy_sphere()
    plain = {"search": False, "fit": False, "cliff": None}
    kept = simplify_model(model, ratio=0.05, place=False, **plain)
    placed = simplify_model(model, ratio=0.05, **plain)
    assert placed.triangle_count == kept.triangle_count
    assert placed.parts[0].mesh.is_watertight()
    before = surface_distance(model.parts[0].mesh, kept.parts[0].mesh, 8000)
    after = surface_distance(model.parts[0].mesh, placed.parts[0].mesh, 8000)
    assert after.mean < 0.8 * before.mean
    assert after.hausdorff < before.hausdorff


def _assert_reaches(model, ratio):
    target = round(ratio * model.triangle_count)
    low = simplify_model(model, ratio=ratio)
    assert target * 0.9 <= low.triangle_count <= target * 1.1, (low.triangle_count, target)
    assert_level_contract(model, low)
    for part in low.parts:
        welded = part.mesh.weld_map()[part.mesh.faces]
        edges = np.sort(np.concatenate([welded[:, [0, 1]], welded[:, [1, 2]], welded[:, [2, 0]]]), axis=1)
        assert np.unique(edges, axis=0, return_counts=True)[1].max() <= 2, "non-manifold edge"


def test_cactus_reduces_despite_complex_seams():
    # hard-normal splits across UV seams made meshoptimizer fold the surface (non-manifold edges)
    _assert_reaches(build(Recipe("cactus")), 0.1)


@pytest.mark.corpus
def test_duck_reduces_to_target(corpus):
    duck = load(corpus / "models" / "gltf_khronos_samples/Duck/glTF-Binary/Duck.glb")
    for ratio in (0.1, 0.02) if FULL else (0.1,):
        _assert_reaches(duck, ratio)


def test_back_to_back_fins_are_dropped_in_pairs():
    from meshforge.lod.topology import drop_fins

    faces = np.array([[0, 1, 2], [2, 1, 0], [0, 2, 3], [3, 4, 5], [5, 4, 3], [4, 3, 5]])
    keep = drop_fins(faces)
    assert keep.tolist() == [False, False, True, True, False, False]


def test_mug_closed_and_accurate_at_two_percent():
    model = build(Recipe("mug"))
    low = simplify_model(model, ratio=0.02)
    assert low.triangle_count <= 0.03 * model.triangle_count
    assert all(p.mesh.is_watertight() for p in low.parts)
    # before back-to-back fins were dropped, the staged retries left 0.28 of the diagonal here
    assert surface_distance(model.merged_mesh(), low.merged_mesh(), 10_000).hausdorff < 0.2


def _direct_collapse(model, counts):
    """One meshoptimizer collapse per part to ``counts`` triangles: no checks, no retries, no placement."""
    from meshforge.geometry import meshopt
    from meshforge.geometry.mesh import Mesh, concatenate
    from meshforge.lod.simplify import SimplifyOptions, _attributes, snap_seams

    meshes = []
    for part, count in zip(model.parts, counts, strict=True):
        mesh = part.mesh
        attrs, weights = _attributes(mesh, SimplifyOptions(ratio=0.5))
        indices, _ = meshopt.simplify_with_attributes(snap_seams(mesh), mesh.faces, attrs, weights, 3 * count, 1e30,
                                                      meshopt.SIMPLIFY_ERROR_ABSOLUTE)
        meshes.append(Mesh(mesh.vertices, indices.reshape(-1, 3).astype(np.int64)))
    return concatenate(meshes)


@pytest.mark.parametrize("gid", ["chair", "mug"])
def test_two_percent_error_close_to_direct_collapse(gid):
    # the staged retries re-simplified their own results: the mug ended 8x PyMeshLab, its handle folded
    model = build(Recipe(gid))
    low = simplify_model(model, ratio=0.02)
    for a, b in zip(model.parts, low.parts, strict=True):
        if a.mesh.is_watertight():
            assert b.mesh.is_watertight(), a.name
    direct = _direct_collapse(model, [p.mesh.triangle_count for p in low.parts])
    reference = model.merged_mesh()
    ours = surface_distance(reference, low.merged_mesh(), 5000).hausdorff
    assert ours <= 2.0 * surface_distance(reference, direct, 5000).hausdorff


def test_seamless_mug_handle_survives_two_percent():
    # welded positions only (PyMeshLab's input in benchmarks/lod.py): a direct collapse pinches the handle
    # (edges with four faces); restarting from the original with the handle's last cross-section locked
    # keeps it, at the direct collapse's error
    from meshforge.core.model import Model
    from meshforge.geometry.mesh import Mesh

    full = build(Recipe("mug"))
    welded = full.merged_mesh().welded()
    model = Model("mug")
    model.add("mesh", Mesh(np.asarray(welded.vertices), np.asarray(welded.faces)), full.parts[0].material)
    low = simplify_model(model, ratio=0.02)
    assert low.triangle_count <= 0.02 * model.triangle_count
    assert low.parts[0].mesh.is_watertight()
    direct = _direct_collapse(model, [low.triangle_count])
    mesh = model.parts[0].mesh
    ours = surface_distance(mesh, low.parts[0].mesh, 5000).hausdorff
    assert ours <= 2.0 * surface_distance(mesh, direct, 5000).hausdorff


def test_sheets_let_touching_pieces_touch():
    from meshforge.lod.topology import bad_positions, sheets

    # two tetrahedra sharing positions 0 and 1 (an edge with four faces, allowed: the input had it)
    tet = np.array([[0, 2, 1], [0, 1, 3], [1, 2, 3], [0, 3, 2]])
    other = np.where(tet >= 2, tet + 2, tet)
    faces = np.concatenate([tet, other[:, ::-1]])
    sheet = sheets(faces, 6)
    assert sheet[0] == sheet[1] == -1 and sheet[2] != sheet[4]
    assert len(bad_positions(faces, 6, False)) == 2
    assert len(bad_positions(faces, 6, True, sheet=sheet)) == 0


def test_update_collapse_moves_vertices_and_keeps_seams_closed():
    # meshoptimizer >= 0.25 moves kept vertices to their quadric optimum while collapsing; on a sphere
    # that puts the coarse level nearer the true surface than the same count of input vertices does
    from meshforge.geometry import meshopt
    from meshforge.geometry.primitives import sphere as make_sphere
    from meshforge.lod.simplify import SimplifyOptions, simplify_mesh

    if not meshopt.has_update():
        from conftest import unavailable

        unavailable(f"the meshoptimizer library here ({meshopt.library_path()}) predates 0.25: needs an AVX2 "
                    "CPU and pip install almeshopt")
    sphere = make_sphere(1.0, segments=48, rings=24)
    plain = {"search": False, "fit": False, "cliff": None}
    kept = simplify_mesh(sphere, 120, None, SimplifyOptions(ratio=0.1, place=False, **plain))
    moved = simplify_mesh(sphere, 120, None, SimplifyOptions(ratio=0.1, place=True, **plain))
    assert moved.mesh.triangle_count <= 126
    assert not np.allclose(moved.mesh.vertices, sphere.vertices[moved.source_vertex])
    # the UV seam of the sphere stays closed: copies of one position sit at one point
    assert moved.mesh.is_watertight()
    assert np.array_equal(moved.mesh.uvs, sphere.uvs[moved.source_vertex])
    radius_error = lambda m: np.abs(np.linalg.norm(m.vertices, axis=1) - 1.0).mean()  # noqa: E731
    # moved vertices sit off the sphere (inside the flats' optimum), kept ones on it; the surface as a
    # whole is closer: compare Hausdorff distances
    d_kept = surface_distance(sphere, kept.mesh, 5000).hausdorff
    d_moved = surface_distance(sphere, moved.mesh, 5000).hausdorff
    assert d_moved < d_kept
    assert radius_error(kept.mesh) < 1e-6


def test_search_keeps_the_closest_weighting():
    from meshforge.lod.simplify import SEARCH_MARGIN, SimplifyOptions, simplify_mesh

    model = build(Recipe("sofa"))
    mesh = model.merged_mesh()
    target = mesh.triangle_count // 50
    plain = simplify_mesh(mesh, target, None, SimplifyOptions(ratio=0.02, search=False))
    searched = simplify_mesh(mesh, target, None, SimplifyOptions(ratio=0.02))
    d_plain = surface_distance(mesh, plain.mesh, 5000).hausdorff
    d_searched = surface_distance(mesh, searched.mesh, 5000).hausdorff
    # the requested weighting only loses to a clearly closer one (sampling noise aside)
    assert d_searched <= d_plain / SEARCH_MARGIN * 1.05
    assert searched.mesh.triangle_count <= max(1.05 * target + 4, plain.mesh.triangle_count)


def test_meshopt_fallback_library_is_selectable(monkeypatch):
    from meshforge.geometry import meshopt

    monkeypatch.setenv("MESHFORGE_MESHOPT", "0.23")
    assert "_meshoptimizer" in meshopt.library_path()


def test_fit_to_surface_closes_gaps_and_keeps_topology():
    from meshforge.geometry.mesh import Mesh
    from meshforge.geometry.primitives import sphere as make_sphere
    from meshforge.lod.fit import fit_to_surface
    from meshforge.lod.simplify import SimplifyOptions, simplify_mesh

    # welded positions only: a UV sphere's coarse levels are mostly seam corners (which stay)
    uv_ball = make_sphere(1.0, segments=48, rings=24).welded()
    ball = Mesh(uv_ball.vertices, uv_ball.faces)
    coarse = simplify_mesh(ball, 60, None, SimplifyOptions(ratio=0.03, fit=False, search=False, cliff=None)).mesh
    fitted, measured, unfitted = fit_to_surface(ball, coarse)
    assert np.array_equal(fitted.faces, coarse.faces)
    assert fitted.is_watertight()
    before = surface_distance(ball, coarse, 5000).hausdorff
    after = surface_distance(ball, fitted, 5000).hausdorff
    assert after < before
    assert measured <= unfitted
    assert measured <= before * np.linalg.norm(ball.extents) * 1.05


def test_ratio_stops_before_a_cliff_but_a_budget_is_a_cap():
    # at 2% the chair's legs fold into needles for the last few dozen triangles; a ratio stops before,
    # a triangle budget does not
    from meshforge.core.model import Model

    full = build(Recipe("chair"))
    model = Model("chair")
    model.add("mesh", full.merged_mesh(), full.parts[0].material)
    n = model.triangle_count
    soft = simplify_model(model, ratio=0.02)
    hard = simplify_model(model, triangles=round(0.02 * n))
    assert hard.triangle_count <= soft.triangle_count
    if hard.triangle_count <= round(0.02 * n) * 1.05 + 4:  # seams let the budget be met (meshoptimizer 1.0)
        assert soft.triangle_count <= 1.5 * 1.05 * round(0.02 * n) + 4
    ref = model.merged_mesh()
    d_soft = surface_distance(ref, soft.merged_mesh(), 5000).hausdorff
    d_hard = surface_distance(ref, hard.merged_mesh(), 5000).hausdorff
    if soft.triangle_count > hard.triangle_count:
        assert d_soft * 4 < d_hard
    no_cliff = simplify_model(model, ratio=0.02, cliff=None)
    assert no_cliff.triangle_count <= hard.triangle_count + 4


def _charted_box(size, rotation=None, offset=(0.0, 0.0, 0.0)):
    """A box of ``size`` (x, y, z meters), each face its own UV chart and normal (24 vertices), each
    face's quad split the same way (corners 0-2): the two large faces of a thin box share a diagonal."""
    from meshforge.geometry.mesh import Mesh

    rotation = np.eye(3) if rotation is None else rotation
    half = np.asarray(size, dtype=np.float64) / 2
    verts, normals, uvs, faces = [], [], [], []
    for axis in range(3):
        for sign in (1.0, -1.0):
            u, v = (axis + 1) % 3, (axis + 2) % 3
            n = np.zeros(3)
            n[axis] = sign
            # counter-clockwise seen from outside, the diagonal from corner (-, -) to (+, +) on both sides
            corners = ((-1, -1), (1, -1), (1, 1), (-1, 1)) if sign > 0 else ((-1, -1), (-1, 1), (1, 1), (1, -1))
            quad = []
            for a, b in corners:
                p = np.zeros(3)
                p[axis], p[u], p[v] = sign * half[axis], a * half[u], b * half[v]
                quad.append(p)
            base = len(verts)
            verts += quad
            normals += [n] * 4
            chart = len(faces) // 2
            uvs += [(0.1 * chart + 0.04 * (a > 0), 0.5 + 0.4 * (b > 0)) for a, b in corners]
            faces += [(base, base + 1, base + 2), (base, base + 2, base + 3)]
    positions = np.array(verts) @ np.asarray(rotation).T + np.asarray(offset)
    return Mesh(positions, np.array(faces), np.array(normals) @ np.asarray(rotation).T, np.array(uvs))


def test_a_thin_box_becomes_a_closed_card_keeping_its_uvs():
    from meshforge.lod import topology
    from meshforge.lod.cards import flattened, thin_boxes

    turn = np.linalg.qr(np.random.default_rng(3).normal(size=(3, 3)))[0]
    slat = _charted_box((0.4, 0.05, 0.012), turn, (1.0, 2.0, -0.5))
    assert topology.is_closed(slat)
    (card,) = thin_boxes(slat, 0.02)
    assert card.thickness == pytest.approx(0.012) and len(card.faces) == 12
    mesh, wedges = flattened(slat, [card])
    # 4 triangles, closed (both large faces share one diagonal: the back one is split on the other)
    assert mesh.triangle_count == 4 and topology.is_closed(mesh)
    np.testing.assert_array_equal(mesh.uvs, slat.uvs[wedges])  # every UV its own chart's
    # on the middle plane, the two faces back to back, each the box's face area
    axis = turn[:, 2]
    np.testing.assert_allclose((mesh.vertices - np.array([1.0, 2.0, -0.5])) @ axis, 0.0, atol=1e-9)
    tri = mesh.vertices[mesh.faces]
    normals = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    side = np.sign(normals @ axis)
    assert sorted(side) == [-1, -1, 1, 1]
    assert np.linalg.norm(normals, axis=1).sum() / 2 == pytest.approx(2 * 0.4 * 0.05)
    np.testing.assert_allclose(mesh.normals @ axis, np.sign(mesh.normals @ axis))
    # not thin enough for the limit, or not thin at all: no card
    assert thin_boxes(slat, 0.01) == []
    assert thin_boxes(_charted_box((0.1, 0.1, 0.08)), 1.0) == []


@given(size=st.tuples(*[st.floats(1e-4, 2.0)] * 3), jitter=st.floats(0.0, 0.3), seed=st.integers(0, 2**16),
       drop=st.integers(-1, 11))
@settings(max_examples=60, deadline=None)
def test_thin_boxes_never_raise_and_every_card_is_closed(size, jitter, seed, drop):
    # boxes of any proportions with their corners moved up to 30% of the smallest side, or a face
    # missing: thin_boxes returns cards (closed, 4 triangles, UVs their vertices') or nothing
    from meshforge.geometry.mesh import Mesh
    from meshforge.lod import topology
    from meshforge.lod.cards import flattened, thin_boxes

    rng = np.random.default_rng(seed)
    box = _charted_box(size, np.linalg.qr(rng.normal(size=(3, 3)))[0])
    weld = box.weld_map()
    moved = box.vertices + (rng.normal(size=(weld.max() + 1, 3)) * jitter * min(size))[weld]
    faces = box.faces if drop < 0 else np.delete(box.faces, drop, axis=0)
    mesh = Mesh(moved, faces, box.normals, box.uvs)
    for card in thin_boxes(mesh, 1.0):
        out, wedges = flattened(mesh, [card])
        assert out.triangle_count == 4 and topology.is_closed(out)
        np.testing.assert_array_equal(out.uvs, mesh.uvs[wedges])
        assert 0 < card.thickness <= 1.0


def test_thin_boxes_a_coarse_level_holds_become_cards(monkeypatch):
    # the chair as one mesh at 2%: its back slats' UV charts hold them at 12 triangles each, and one
    # leg became a needle (1.9% of its size off). As cards the slats take 4 each and the legs get the rest
    import meshforge.lod.simplify as simplify
    from meshforge.core.model import Model
    from meshforge.lod import topology

    full = build(Recipe("chair"))
    model = Model("chair")
    model.add("mesh", full.merged_mesh(), full.parts[0].material)
    level = simplify_model(model, ratio=0.02)
    boxes = simplify_model(model, ratio=0.02, cards=False)
    assert level.triangle_count <= max(boxes.triangle_count, round(0.02 * model.triangle_count))
    d_level = model_distance(model, level, 20000).hausdorff
    d_boxes = model_distance(model, boxes, 20000).hausdorff
    assert d_level < 0.7 * d_boxes
    assert_level_contract(model, level)
    # the cards: closed 4-triangle pieces with no volume, where the slats were
    mesh = level.parts[0].mesh
    piece, count = simplify._components(mesh)
    cards = [p for p in range(count) if np.count_nonzero(piece[mesh.faces[:, 0]] == p) == 4]
    assert len(cards) == 3
    for p in cards:
        card = type(mesh)(mesh.vertices, mesh.faces[piece[mesh.faces[:, 0]] == p], mesh.normals, mesh.uvs)
        assert topology.is_closed(card)
        assert len(np.unique(card.weld_map()[card.faces])) == 4
    # the regularised collapse the search tries where pieces get a handful of triangles each spaces
    # the legs' sides; without it the level is farther
    monkeypatch.setattr(simplify, "REGULAR_PER_PIECE", 0)
    greedy = simplify_model(model, ratio=0.02)
    if simplify.meshopt.has_update():
        assert d_level < model_distance(model, greedy, 20000).hausdorff


def test_box_parts_become_cards_when_the_level_is_closer():
    # the generated chair (14 parts) at 2%: its slats keep 16 triangles each and its legs become
    # tetrahedra; with the slats as cards the legs keep 8-10 triangles and the level is twice as close
    chair = build(Recipe("chair"))
    level = simplify_model(chair, ratio=0.02)
    boxes = simplify_model(chair, ratio=0.02, cards=False)
    assert level.metadata["simplify"]["cards"] == ["back_slat_0", "back_slat_1", "back_slat_2"]
    assert "cards" not in boxes.metadata["simplify"]
    assert level.metadata["simplify"]["triangles_before"] == chair.triangle_count
    assert level.triangle_count <= max(boxes.triangle_count, round(0.02 * chair.triangle_count))
    assert model_distance(chair, level, 20000).hausdorff < 0.7 * model_distance(chair, boxes, 20000).hausdorff
    assert_level_contract(chair, level)
    assert all(level.part(n).mesh.triangle_count == 4 for n in level.metadata["simplify"]["cards"])
    assert min(level.part(f"leg_{i}").mesh.triangle_count for i in range(4)) >= 8
    # the nightstand's panels as cards would reach its 2% target 2% of its size off; the level it keeps
    # without them (the stall check's finer one, 0.4% off) is closer, so it stays
    stand = build(Recipe("nightstand"))
    kept = simplify_model(stand, ratio=0.02)
    assert "cards" not in kept.metadata["simplify"]
    assert kept.triangle_count == simplify_model(stand, ratio=0.02, cards=False).triangle_count


def test_a_ratio_that_seams_stop_keeps_a_finer_level_before_the_cliff(monkeypatch):
    # the anvil's UV charts stop a 2% collapse at 98 triangles, its body folded into a wedge 9% of its
    # size off; with half as many triangles again it is whole. A ratio that seams stop anyway keeps that
    # finer level; a budget (a cap) and cliff=None still go as far as the seams allow
    import meshforge.lod.simplify as simplify

    anvil = build(Recipe("anvil"))
    target = round(0.02 * anvil.triangle_count)
    stalled = simplify_model(anvil, ratio=0.02, cliff=None)
    budget = simplify_model(anvil, triangles=target)
    level = simplify_model(anvil, ratio=0.02)
    assert stalled.triangle_count > 1.05 * target
    assert budget.triangle_count == stalled.triangle_count
    assert "stalled" not in budget.metadata["simplify"] and "stalled" not in stalled.metadata["simplify"]
    meta = level.metadata["simplify"]
    assert meta["stalled"]["triangles"] == stalled.triangle_count
    assert meta["ratio"] == 0.02 and meta["target_triangles"] is None
    assert stalled.triangle_count < level.triangle_count <= 1.5 * stalled.triangle_count + 1
    d_stalled = model_distance(anvil, stalled, 20000).hausdorff
    d_level = model_distance(anvil, level, 20000).hausdorff
    assert d_level * 2.25 < d_stalled and d_level < 0.02
    assert meta["stalled"]["distance"] > 2.25 * meta["stalled"]["kept_distance"]
    (note,) = meta["notes"]
    assert f"{stalled.triangle_count:,} triangles for a target of {target:,}" in note and "--rebake" in note
    assert_level_contract(anvil, level)
    # re-baking reaches the target instead: the user chose the count over the charts
    rebaked = simplify_model(anvil, ratio=0.02, rebake=True)
    assert rebaked.triangle_count <= 1.05 * target and "stalled" not in rebaked.metadata["simplify"]
    # a finer level that is not that much closer leaves the stalled one
    monkeypatch.setattr(simplify, "STALL_CLIFF", 1e9)
    kept = simplify_model(anvil, ratio=0.02)
    assert kept.triangle_count == stalled.triangle_count and "stalled" not in kept.metadata["simplify"]
    # so does a stall that still looks like the model: the wall's seams stop it at 308 triangles for 12,
    # under 0.5% of its size off
    monkeypatch.undo()
    wall = build(Recipe("wall"))
    level = simplify_model(wall, ratio=0.02)
    assert level.triangle_count > 1.05 * round(0.02 * wall.triangle_count)
    assert level.triangle_count == simplify_model(wall, ratio=0.02, cliff=None).triangle_count
    assert "stalled" not in level.metadata["simplify"]
    assert model_distance(wall, level, 20000).hausdorff < 0.005


def test_collapses_run_ahead_give_the_level_they_would_in_turn(monkeypatch):
    # the bisection's next halving and the collapse with hard edges softened run in a second thread;
    # which of them are used, and so the level, is what running them one after another gives
    from concurrent.futures import Future

    import meshforge.lod.simplify as simplify

    anvil = build(Recipe("anvil"))
    ahead = simplify_model(anvil, ratio=0.05, cliff=None)
    ran = []

    class InTurn:
        def submit(self, fn, *args):
            ran.append(fn)
            done = Future()
            done.set_result(fn(*args))
            return done

    monkeypatch.setattr(simplify, "_pool", lambda: InTurn())
    in_turn = simplify_model(anvil, ratio=0.05, cliff=None)
    assert len(ran) > 3  # the bisection and the softened collapse both ran ahead
    for a, b in zip(ahead.parts, in_turn.parts, strict=True):
        assert np.array_equal(a.mesh.faces, b.mesh.faces)
        assert np.array_equal(a.mesh.vertices, b.mesh.vertices)
        assert np.array_equal(a.mesh.uvs, b.mesh.uvs)


def test_exact_duplicate_vertices_do_not_act_as_seams():
    # an OBJ's patches repeat vertices with identical attributes; meshoptimizer takes any two vertices at
    # one position for a seam, so the duplicates are merged before collapsing
    from meshforge.geometry.mesh import Mesh
    from meshforge.geometry.primitives import sphere as make_sphere
    from meshforge.lod.simplify import SimplifyOptions, merge_duplicates, simplify_mesh

    trimesh_ball = make_sphere(1.0, segments=32, rings=16).welded()
    welded = Mesh(np.asarray(trimesh_ball.vertices), np.asarray(trimesh_ball.faces))
    # split every face into its own three vertices: positions repeat, attributes (none) agree
    split = Mesh(welded.vertices[welded.faces.reshape(-1)], np.arange(3 * welded.triangle_count).reshape(-1, 3))
    unique, first = merge_duplicates(split)
    assert unique.vertex_count == welded.vertex_count
    assert np.array_equal(unique.vertices, split.vertices[first])
    low = simplify_mesh(split, 60, None, SimplifyOptions(ratio=0.06, search=False, fit=False, cliff=None))
    assert low.mesh.triangle_count <= 63
    assert low.mesh.is_watertight()
    assert low.mesh.vertex_count == len(low.source_vertex)


def test_a_folded_restart_does_not_beat_a_sound_one():
    from meshforge.lod.simplify import ERROR_JUMP, _Attempt, _better

    faces = np.zeros((100, 3), dtype=np.int64)
    sound = _Attempt(None, faces[:100], 0.05, np.zeros(0, dtype=np.int64))
    folded = _Attempt(None, faces[:80], 0.05 * ERROR_JUMP * 2, np.zeros(0, dtype=np.int64))
    fine = _Attempt(None, faces[:80], 0.06, np.zeros(0, dtype=np.int64))
    assert _better(sound, folded, 10) is sound
    assert _better(sound, fine, 10) is fine
    assert _better(sound, folded, 90) is folded  # only the one within the target counts


def test_surface_query_matches_brute_force():
    # long sliver triangles (a chair's flat sides) are where sample-based candidate searches went wrong
    from meshforge.lod.metrics import SurfaceQuery, sample_surface

    model = build(Recipe("chair"))
    reference = model.merged_mesh()
    level = simplify_model(model, ratio=0.05, search=False, fit=False).merged_mesh()
    points, _ = sample_surface(reference, 1500, seed=5)
    points = points + np.random.default_rng(1).normal(0.0, 0.01, points.shape)
    near, face = SurfaceQuery(level).closest(points)
    tri = level.vertices[level.faces]
    brute = np.full(len(points), np.inf)
    for start in range(0, len(points), 200):
        p = points[start:start + 200]
        rep = np.repeat(p, len(tri), axis=0)
        t = np.tile(tri, (len(p), 1, 1))
        brute[start:start + 200] = point_triangle_distance(rep, t[:, 0], t[:, 1], t[:, 2]).reshape(len(p), -1).min(axis=1)
    d = np.linalg.norm(points - near, axis=1)
    np.testing.assert_allclose(d, brute, rtol=1e-9, atol=1e-12)
    # the reported face holds the reported point
    on_face = point_triangle_distance(near, tri[face, 0], tri[face, 1], tri[face, 2])
    assert on_face.max() < 1e-9


def test_small_pieces_give_way_at_coarse_levels():
    # the barrel's hoops hold ~250 triangles by their seams; at 2% the body paid for them (a box inside
    # four hexagons). Without them the body alone reaches the target and the whole is closer
    from meshforge.core.model import Model
    from meshforge.lod.simplify import _components

    full = build(Recipe("barrel"))
    model = Model("barrel")
    model.add("mesh", full.merged_mesh(), full.parts[0].material)
    target = round(0.02 * model.triangle_count)
    kept = simplify_model(model, ratio=0.02, drop_pieces=False)
    dropped = simplify_model(model, ratio=0.02)
    assert dropped.triangle_count <= 1.05 * target + 4 < kept.triangle_count
    assert _components(dropped.parts[0].mesh)[1] < _components(model.parts[0].mesh)[1]
    assert_level_contract(model, dropped)
    ref = model.merged_mesh()
    d_kept = surface_distance(ref, kept.merged_mesh(), 5000).hausdorff
    d_dropped = surface_distance(ref, dropped.merged_mesh(), 5000).hausdorff
    assert d_dropped < 0.5 * d_kept



def test_split_normals_again_restores_hard_edges():
    # a box's corners carry three normals (one per side); merged for the collapse, they come back
    from meshforge.geometry.mesh import Mesh
    from meshforge.geometry.primitives import box
    from meshforge.lod.simplify import merge_normal_splits, split_normals_again

    faceted = box((1.0, 2.0, 3.0))
    # one UV per corner position, so only the normals split the corners
    cube = Mesh(faceted.vertices, faceted.faces, faceted.normals, faceted.vertices[:, :2] * 0.25 + 0.5)
    softer, kept = merge_normal_splits(cube)
    assert softer.vertex_count < cube.vertex_count
    again, source = split_normals_again(cube, softer, kept)
    assert again.vertex_count == cube.vertex_count
    assert np.array_equal(again.faces.shape, cube.faces.shape)
    # every corner has its own face's normal again, and the UV of the vertex it names
    corner_normals = again.normals[again.faces.reshape(-1)]
    assert np.allclose(corner_normals, np.repeat(cube.face_normals(), 3, axis=0), atol=1e-6)
    assert softer.vertex_count == 8
    assert np.allclose(again.uvs, cube.uvs[source])
    assert np.allclose(again.normals, cube.normals[source])


def test_a_collapse_does_not_make_a_large_piece_vanish():
    # without UVs the chair's thin back slat folded into a fin at 2%, drop_fins removed it and the level
    # lost a 36 cm slat (4.9% of the chair's size off) for what meshoptimizer counted as its 2 cm thickness
    from meshforge.core.model import Model
    from meshforge.geometry.mesh import Mesh
    from meshforge.lod.metrics import model_distance
    from meshforge.lod.simplify import _components

    chair = build(Recipe("chair"))
    welded = chair.merged_mesh().welded()
    plain = Model("chair")
    plain.add("mesh", Mesh(welded.vertices, welded.faces), chair.parts[0].material)
    level = simplify_model(plain, ratio=0.02)
    assert _components(level.parts[0].mesh)[1] == _components(plain.parts[0].mesh)[1] == 12
    assert model_distance(plain, level).hausdorff < 0.02
    # the ladder's rungs vanished the same way at its exact LOD3 count (7.6% off); now they stay
    ladder = build(Recipe("ladder"))
    _, report = build_lod_chain(ladder, LodOptions(levels=4, render_check=False, max_level_distance=None))
    assert report.levels[3].hausdorff < 0.03


def test_shade_from_level_mends_only_the_normals_that_do_not_fit():
    from meshforge.geometry.mesh import Mesh
    from meshforge.geometry.primitives import box, cylinder
    from meshforge.lod.simplify import NORMAL_DRIFT_DEG, shade_from_level

    # a cylinder's side: tilt two vertices' normals, one past the drift limit and one within it
    tube = cylinder(0.5, 1.0, segments=24)
    normals = tube.normals.copy()
    side = np.flatnonzero((np.abs(normals[:, 1]) < 1e-6) & (tube.vertices[:, 1] > 0.99))[:2]
    tilt = np.radians([40.0, 0.5 * NORMAL_DRIFT_DEG])
    for i, t in zip(side, tilt, strict=True):
        radial = normals[i].copy()
        normals[i] = np.cos(t) * radial + np.sin(t) * np.array([0.0, -1.0, 0.0])
    bent = Mesh(tube.vertices, tube.faces, normals, tube.uvs)
    mended = shade_from_level(bent)
    angle = np.degrees(np.arccos(np.clip(np.einsum("ij,ij->i", mended.normals, tube.normals), -1, 1)))
    assert angle[side[0]] < NORMAL_DRIFT_DEG  # 40 degrees off: replaced by the level's own normal
    assert np.allclose(mended.normals[side[1]], normals[side[1]])  # 6 degrees off: kept
    others = np.setdiff1d(np.arange(tube.vertex_count), side)
    assert angle[others].max() < NORMAL_DRIFT_DEG
    # hard edges stay hard: a box's faces keep their own normals, and a copy per face at each corner
    cube = box((1.0, 1.0, 1.0))
    assert np.allclose(shade_from_level(cube).normals, cube.normals)
    # UV-seam copies (same position, same normal) get one normal
    seam = tube.weld_map()
    for w in np.unique(seam[side]):
        copies = np.flatnonzero(seam == w)
        same = copies[np.einsum("ij,j->i", tube.normals[copies], tube.normals[copies[0]]) > 0.99]
        assert np.allclose(mended.normals[same], mended.normals[same[0]])


def test_levels_shade_like_the_original_where_carried_normals_would_streak():
    # a coarse level's vertices carry normals from where they came from: the mug's LOD2 kept a rim
    # vertex's tilted normal on its wall, a streak 6% of the image off LOD0; mended, 1%
    from meshforge.lod import simplify as simplify_module
    from meshforge.lod.metrics import visual_difference

    mug = build(Recipe("mug"))
    level = simplify_model(mug, triangles=round(mug.triangle_count / 4))
    mended = visual_difference(mug, level, 400)
    if mended is None:
        from conftest import unavailable

        unavailable("no EGL renderer for the image comparison (apt install libegl1 libegl-mesa0 libgl1-mesa-dri)")
    original = simplify_module.shade_from_level
    try:
        simplify_module.shade_from_level = lambda level: level
        streaked = simplify_model(mug, triangles=round(mug.triangle_count / 4))
    finally:
        simplify_module.shade_from_level = original
    assert [p.mesh.vertex_count for p in streaked.parts] == [p.mesh.vertex_count for p in level.parts]
    streaks = visual_difference(mug, streaked, 400)
    assert mended < 0.02 < streaks and mended < 0.5 * streaks


def test_softened_collapse_is_closer_where_hard_edges_hold_the_shape():
    # a mug's rim and base are hard edges; at 2% they hold the surface like UV seams
    from meshforge.lod.simplify import SimplifyOptions, _simplify_one

    mesh = build(Recipe("mug")).merged_mesh()
    target = round(0.02 * mesh.triangle_count)
    opts = SimplifyOptions(ratio=0.02, uv_weight=0.1, normal_weight=0.05)
    hard = _simplify_one(mesh, target, None, replace(opts, soften_when_stalled=False), mesh.is_watertight())
    soft = _simplify_one(mesh, target, None, opts, mesh.is_watertight(), soften=True)
    assert soft.mesh.triangle_count <= 1.05 * target + 4
    d_hard = surface_distance(mesh, hard.mesh, 5000).hausdorff
    d_soft = surface_distance(mesh, soft.mesh, 5000).hausdorff
    assert d_soft < 0.8 * d_hard
    # asked for the hard-edged collapse, the softened one replaces it when meshoptimizer's error says it
    # is clearly closer
    chosen = _simplify_one(mesh, target, None, opts, mesh.is_watertight())
    assert surface_distance(mesh, chosen.mesh, 5000).hausdorff < 0.8 * d_hard
    assert np.allclose(chosen.mesh.normals, mesh.normals[chosen.source_vertex])
    # normals and UVs are the original vertices' (split again where the level keeps a hard edge)
    assert np.allclose(soft.mesh.normals, mesh.normals[soft.source_vertex])
    assert np.allclose(soft.mesh.uvs, mesh.uvs[soft.source_vertex])
    assert uv_provenance(mesh, soft.mesh) == {"foreign_vertices": 0, "cross_chart_faces": 0}


def test_a_mesh_without_attributes_may_collapse_from_a_finer_level(monkeypatch):
    # without UVs or normals the search has no variants; the collapse from the level at 1.5x the target
    # takes another order (the banana at 3%: 0.72 of the one-collapse level's distance)
    from meshforge.geometry.mesh import Mesh
    from meshforge.lod import simplify as simplify_module
    from meshforge.lod.simplify import SimplifyOptions, simplify_mesh
    from meshforge.lod.topology import is_closed

    merged = build(Recipe("banana")).merged_mesh()
    bare = Mesh(merged.vertices, merged.faces)
    target = round(0.03 * bare.triangle_count)
    opts = SimplifyOptions(ratio=0.03)
    closed = bare.is_watertight()
    cascaded = simplify_mesh(bare, target, None, opts, closed)
    monkeypatch.setattr(simplify_module, "_cascade", lambda *args: None)
    single = simplify_mesh(bare, target, None, opts, closed)
    assert cascaded.mesh.triangle_count <= target * 1.05 and single.mesh.triangle_count <= target * 1.05
    assert is_closed(cascaded.mesh) == closed
    d_cascaded = surface_distance(bare, cascaded.mesh, 20000).hausdorff
    assert d_cascaded < 0.85 * surface_distance(bare, single.mesh, 20000).hausdorff
    # every vertex is an input vertex, moved (source_vertex names it)
    assert cascaded.source_vertex.max() < bare.vertex_count and len(cascaded.source_vertex) == cascaded.mesh.vertex_count


def test_shares_at_one_error_are_corrected_by_each_parts_measured_distance(monkeypatch):
    # at 12.5% the milk carton's shares at one estimated error crushed a part the positions-only
    # estimate thought cheap: the level was 14% of the carton's size off. Solved again with each part's
    # estimate scaled by its measured miss, it is under 3%
    from meshforge.lod import simplify as simplify_module

    carton = build(Recipe("milk_carton"))
    corrected = simplify_model(carton, ratio=0.125)
    monkeypatch.setattr(simplify_module, "SHARE_ROUNDS", 0)
    estimated = simplify_model(carton, ratio=0.125)
    assert corrected.triangle_count <= round(0.125 * carton.triangle_count) * 1.05
    d_corrected = model_distance(carton, corrected).hausdorff
    assert d_corrected < 0.03 and d_corrected < 0.5 * model_distance(carton, estimated).hausdorff
    assert_level_contract(carton, corrected)


def test_a_part_bent_far_beyond_the_rest_can_be_left_out(monkeypatch):
    # at 6% the barrel's four thin hoops reach their share, but their seam rings cannot stay round with
    # ~96 triangles each: jagged rings 5% of the barrel's size off. Without them the level is closer
    from meshforge.lod import simplify as simplify_module

    barrel = build(Recipe("barrel"))
    low = simplify_model(barrel, ratio=0.0625)
    assert low.metadata["simplify"]["dropped_parts"] == ["hoops"]
    monkeypatch.setattr(simplify_module, "FAR_PART", float("inf"))
    kept = simplify_model(barrel, ratio=0.0625)
    assert kept.metadata["simplify"]["dropped_parts"] == []
    assert model_distance(barrel, low).hausdorff < 0.5 * model_distance(barrel, kept).hausdorff
    assert_level_contract(barrel, low)


def test_parts_that_hold_their_triangles_can_be_dropped_at_coarse_levels():
    # the barrel's hoops (four thin rings, 6k triangles) stall around 270 triangles; at 3% the body was
    # squeezed into a box to pay for them. Without them the body gets the budget and the whole is closer
    model = build(Recipe("barrel"))
    low = simplify_model(model, ratio=0.03)
    kept = simplify_model(model, ratio=0.03, drop_pieces=False)
    assert low.metadata["simplify"]["dropped_parts"] == ["hoops"]
    assert kept.metadata["simplify"]["dropped_parts"] == []
    assert "hoops" not in [p.name for p in low.parts]
    assert low.triangle_count <= round(0.03 * model.triangle_count)
    assert_level_contract(model, low)
    ref = model.merged_mesh()
    assert (surface_distance(ref, low.merged_mesh(), 5000).hausdorff
            < 0.5 * surface_distance(ref, kept.merged_mesh(), 5000).hausdorff)
    # at 10% the hoops keep their share: nothing is dropped
    assert simplify_model(model, ratio=0.1).metadata["simplify"]["dropped_parts"] == []


def test_chain_reports_dropped_parts_and_exports(tmp_path):
    model = build(Recipe("barrel"))
    chain, report = build_lod_chain(model, LodOptions(levels=3, ratio_step=0.15, render_check=False))
    last = report.levels[-1]
    assert last.dropped_parts == ["hoops"]
    assert last.foreign_uv_vertices == 0 and last.cross_chart_faces == 0
    (path,) = export(chain, tmp_path / "barrel_lod.glb")
    (result,) = run_gltf_validator(path)
    assert result["numErrors"] == 0, result["messages"]


def test_ratio_stops_before_a_cliff_a_few_collapses_back():
    # the treasure chest's two arched lid straps: at 44 triangles they fold into spikes 31% of their
    # size off; the jump sits a few collapses before the target, past half the error limit
    from meshforge.lod.simplify import SimplifyOptions, simplify_mesh

    straps = next(p.mesh for p in build(Recipe("treasure_chest")).parts if p.name == "lid_straps")
    ratio = 44 / straps.triangle_count
    soft = simplify_mesh(straps, 44, None, SimplifyOptions(ratio=ratio)).mesh
    hard = simplify_mesh(straps, 44, None, SimplifyOptions(triangles=44)).mesh
    assert hard.triangle_count <= 44 and surface_distance(straps, hard, 20000).hausdorff > 0.2
    assert 44 < soft.triangle_count <= 1.5 * 44
    assert surface_distance(straps, soft, 20000).hausdorff < 0.1


def test_parts_share_a_target_at_one_error_when_that_is_closer():
    from meshforge.lod.simplify import SimplifyOptions, _simplify_model

    # in proportion, the chest's arched straps fold while its handles keep hundreds of triangles, and
    # its straps and corners are dropped; at one error for all parts every part stays
    chest = build(Recipe("treasure_chest"))
    low = simplify_model(chest, ratio=0.25)
    even = _simplify_model(chest, SimplifyOptions(ratio=0.25), False)
    assert low.triangle_count <= 1.05 * 0.25 * chest.triangle_count
    assert low.metadata["simplify"]["dropped_parts"] == [] and even.metadata["simplify"]["dropped_parts"]
    assert model_distance(chest, low, 20000).hausdorff < 0.5 * model_distance(chest, even, 20000).hausdorff
    assert_level_contract(chest, low)
    # the estimate sees positions only: where UV seams hold parts (the ball's patches) the proportional
    # shares stay when they are closer
    ball = build(Recipe("ball"))
    low = simplify_model(ball, ratio=0.1)
    even = _simplify_model(ball, SimplifyOptions(ratio=0.1), False)
    assert model_distance(ball, low, 20000).hausdorff <= 1.1 * model_distance(ball, even, 20000).hausdorff


def test_chain_ends_where_levels_stop_saving_triangles():
    # the house's window frames, walls and sills are already boxes: past LOD1 each level saved a
    # handful of triangles (2,320, 2,312, 2,300) and the last one folded the roof to get them
    from meshforge.lod.chain import MIN_LEVEL_STEP

    house = build(Recipe("house"))
    _, report = build_lod_chain(house, LodOptions(levels=5, render_check=False))
    counts = [lv.triangles for lv in report.levels]
    assert len(counts) >= 2
    assert all(b <= MIN_LEVEL_STEP * a for a, b in itertools.pairwise(counts))
    ends = [n for n in report.notes if n.startswith(f"the chain ends at LOD{len(counts) - 1}")]
    assert ends and "held by window_frames (1,288)" in ends[0]  # the parts that kept their triangles
    # its parts are boxes with hard edges: without UVs they keep as many triangles, re-baking cannot help
    assert "--rebake" not in ends[0] and "hard edges and closed shapes" in ends[0]
    assert max(lv.hausdorff for lv in report.levels[1:]) < 0.01


def test_squeezing_never_gives_a_part_back_its_triangles():
    # the bicycle's tyres reach 96 triangles at their share of 6%; squeezed to 25 every collapse broke
    # them and the whole 1,536-triangle tyre came back, making the level 5,442 triangles for 712
    model = build(Recipe("bicycle"))
    low = simplify_model(model, ratio=0.0625)
    for a, b in zip(model.parts, low.parts, strict=True):
        if a.name.startswith("tire"):
            # its share (in proportion 96, at one common error up to 110), never the whole tyre again
            assert b.mesh.triangle_count <= 0.1 * a.mesh.triangle_count, (a.name, b.mesh.triangle_count)
    assert low.triangle_count < 0.3 * model.triangle_count
    assert_level_contract(model, low)


def _dome(segments: int = 48, rings: int = 12):
    """An open hemisphere of radius 1 (welded positions, no attributes): its rim is an open border."""
    from meshforge.geometry.mesh import Mesh

    theta = np.linspace(0.0, 0.5 * np.pi, rings + 1)[1:]  # from the pole down to the equator
    phi = np.linspace(0.0, 2 * np.pi, segments, endpoint=False)
    t, p = np.meshgrid(theta, phi, indexing="ij")
    ring = np.stack([np.sin(t) * np.cos(p), np.cos(t), np.sin(t) * np.sin(p)], axis=-1).reshape(-1, 3)
    vertices = np.concatenate([[[0.0, 1.0, 0.0]], ring])
    j = np.arange(segments)
    faces = [np.stack([np.zeros(segments, dtype=int), 1 + (j + 1) % segments, 1 + j], axis=1)]
    for r in range(rings - 1):
        a, b = 1 + r * segments + j, 1 + r * segments + (j + 1) % segments
        c, d = a + segments, b + segments
        faces += [np.stack([a, b, d], axis=1), np.stack([a, d, c], axis=1)]
    return Mesh(vertices, np.concatenate(faces))


def test_fit_moves_a_lone_open_border_out_to_its_rim():
    from meshforge.lod.fit import fit_to_surface
    from meshforge.lod.simplify import SimplifyOptions, simplify_mesh

    dome = _dome()
    coarse = simplify_mesh(dome, 40, None, SimplifyOptions(ratio=0.04, fit=False, search=False, cliff=None)).mesh
    kept, _, start = fit_to_surface(dome, coarse)
    free, measured, _ = fit_to_surface(dome, coarse, free_borders=True)
    assert np.array_equal(free.faces, coarse.faces)
    # the rim's chords sag inside the circle: a fixed rim keeps that gap, a free one closes part of it
    rim = np.abs(coarse.vertices[:, 1]) < 1e-9
    assert np.array_equal(kept.vertices[rim], coarse.vertices[rim])
    assert not np.allclose(free.vertices[rim], coarse.vertices[rim])
    assert surface_distance(dome, free, 5000).hausdorff < 0.95 * surface_distance(dome, kept, 5000).hausdorff
    assert measured < start


def test_fit_moves_seam_vertices_off_the_surface_but_keeps_them_on_their_seam():
    from meshforge.geometry.primitives import sphere as make_sphere
    from meshforge.lod.fit import fit_to_surface
    from meshforge.lod.placement import _feature_lines, _welded
    from meshforge.lod.simplify import SimplifyOptions, simplify_mesh

    # a UV sphere's seam is the half meridian z = 0, x > 0; its coarse chords sag inside the sphere
    ball = make_sphere(1.0, segments=48, rings=24)
    coarse = simplify_mesh(ball, 80, None, SimplifyOptions(ratio=0.03, fit=False, search=False, cliff=None)).mesh
    weld, pos, wfaces = _welded(coarse)
    _, direction, _, corner = _feature_lines(coarse, weld, wfaces, len(pos))
    seam = np.linalg.norm(direction, axis=1) > 0
    assert seam.sum() >= 3 and corner.any()  # the poles end the seam line
    fitted, measured, start = fit_to_surface(ball, coarse, samples=4000)
    assert np.array_equal(fitted.faces, coarse.faces)
    _, moved, _ = _welded(fitted)
    # seam positions move out along the normal (radius above 1 where the chords sagged) but not
    # sideways off the meridian plane, which would shift the seam across the texture (the seam line
    # bends off the plane only where it reaches the pole fan's corners)
    assert np.abs(moved[seam, 2]).max() < 1e-3
    assert (moved[seam, 0] > 0).all()
    assert np.linalg.norm(moved[seam], axis=1).mean() > 1.015  # sliding along the seam alone: 0.995
    assert measured < start
    assert surface_distance(ball, fitted, 5000).hausdorff < surface_distance(ball, coarse, 5000).hausdorff


def test_uv_provenance_catches_faces_across_charts_and_borrowed_uvs():
    from meshforge.geometry.mesh import Mesh
    from meshforge.geometry.primitives import sphere
    from meshforge.geometry.uv import box_project_uvs
    from meshforge.lod.metrics import uv_charts, uv_face_charts

    # six projections; at the origin two of them give one UV at some vertices (x = -z, ...), which
    # joins nothing: charts join across edges whose UVs agree, not at single points
    ball = box_project_uvs(sphere(1.0, segments=24, rings=12))
    charts = uv_charts(ball)
    clean = {"foreign_vertices": 0, "cross_chart_faces": 0}
    assert len(np.unique(uv_face_charts(ball))) == 6 and uv_provenance(ball, ball) == clean
    # one face joining vertices of two charts, as a collapse across a seam makes
    weld = ball.weld_map()
    a = int(np.flatnonzero(charts == charts[0])[0])
    other = np.flatnonzero((charts != charts[0]) & (weld != weld[a]))
    b, c = (int(i) for i in other[np.argsort(np.linalg.norm(ball.vertices[other] - ball.vertices[a], axis=1))[:2]])
    smeared = Mesh(ball.vertices, np.vstack([ball.faces, [[a, b, c]]]), ball.normals, ball.uvs, ball.uv_mode)
    assert uv_provenance(ball, smeared) == {"foreign_vertices": 0, "cross_chart_faces": 1}
    # a UV the original does not have
    uvs = ball.uvs.copy()
    uvs[a] += 0.123
    assert uv_provenance(ball, Mesh(ball.vertices, ball.faces, ball.normals, uvs, ball.uv_mode))["foreign_vertices"] == 1
    # every vertex fitted 3% of the size off the surface along its normal keeps its own charts
    fitted = Mesh(ball.vertices + 0.06 * ball.normals, ball.faces, ball.normals, ball.uvs, ball.uv_mode)
    assert uv_provenance(ball, fitted) == clean
    # an orange's calyx fitted at 14 triangles: its vertices' own charts (from the simplifier's source
    # vertices) agree on every face, though some moved nearer a same-UV vertex of another sepal
    from meshforge.lod.simplify import SimplifyOptions, simplify_mesh

    calyx = next(p.mesh for p in build(Recipe("orange")).parts if p.name == "calyx")
    result = simplify_mesh(calyx, 14, None, SimplifyOptions(triangles=14))
    own = uv_charts(calyx)[result.source_vertex[result.mesh.faces]]
    assert (own == own[:, :1]).all()
    assert uv_provenance(calyx, result.mesh) == clean


def test_uv_poles_are_found_at_a_sphere_pole_and_not_where_charts_meet():
    from meshforge.geometry.mesh import Mesh
    from meshforge.geometry.primitives import box, sphere
    from meshforge.geometry.uv import box_project_uvs
    from meshforge.lod.simplify import uv_poles

    ball = sphere(1.0, segments=32, rings=16)
    poles = uv_poles(ball)
    assert poles.sum() == 64  # one copy per fan triangle at each pole
    assert np.allclose(np.abs(ball.vertices[poles, 1]), 1.0)
    # a box-projected corner has three UV copies each in one face, but of three different charts
    assert not uv_poles(box_project_uvs(box((1.0, 1.0, 1.0)))).any()
    # copies that differ only in their normal are hard edges, not a pole
    flat = ball.with_normals(crease_deg=0.0)
    same_uv = Mesh(flat.vertices, flat.faces, flat.normals, np.zeros((flat.vertex_count, 2)), flat.uv_mode)
    assert not uv_poles(same_uv).any()


def test_uv_poles_collapse_and_come_back_as_fan_copies():
    from meshforge.lod.simplify import SimplifyOptions, _simplify_mesh, simplify_mesh, uv_poles

    apple = build(Recipe("apple")).parts[0].mesh
    poles = uv_poles(apple)
    assert poles.any()
    opts = SimplifyOptions(ratio=0.03)
    target = round(0.03 * apple.triangle_count)
    result = simplify_mesh(apple, target, None, opts)
    level = result.mesh
    held = _simplify_mesh(apple, target, None, opts, True, False).mesh  # the pole held as seam corners
    assert level.triangle_count <= target
    # held, the pole rings keep their vertices and the apple body folds into a box
    assert surface_distance(apple, level, 20000).hausdorff < 0.4 * surface_distance(apple, held, 20000).hausdorff
    assert level.is_watertight()
    assert uv_provenance(apple, level) == {"foreign_vertices": 0, "cross_chart_faces": 0}
    # each fan corner at a pole takes the copy whose UV is nearest the mean of its face's other two
    # corners: the copy a fan triangle there had, so the texture is not sheared across the cap
    weld = apple.weld_map()
    source = result.source_vertex[level.faces]  # (F, 3) original vertex per corner
    rows, cols = np.nonzero(poles[source])
    assert len(rows) >= 6
    for r, k in zip(rows, cols, strict=True):
        uv = level.uvs[level.faces[r]]
        mean = (uv.sum(axis=0) - uv[k]) / 2.0
        copies = np.flatnonzero(poles & (weld == weld[source[r, k]]))
        assert len(copies) >= 3
        nearest = copies[np.argmin(np.linalg.norm(apple.uvs[copies] - mean, axis=1))]
        assert np.allclose(uv[k], apple.uvs[nearest])
    assert len(np.unique(source[rows, cols])) >= 4  # different fan corners take different copies


def test_parts_are_not_squeezed_for_a_total_the_held_parts_alone_exceed():
    # at 3% the ball's box-projected patches stay above the whole level's total; squeezing the white
    # body to 16 triangles to make up for them only broke it (13% of its size off)
    ball = build(Recipe("ball"))
    body = ball.parts[0]
    assert body.name == "ball"
    low = simplify_model(ball, ratio=0.03)
    assert low.triangle_count > 0.03 * ball.triangle_count  # the patches hold it above the total
    kept = low.parts[0].mesh
    assert kept.triangle_count >= 0.75 * 0.03 * body.mesh.triangle_count  # near its fair share (was 16)
    assert surface_distance(body.mesh, kept, 20000).hausdorff < 0.03


def test_borders_that_meet_another_part_stay_put():
    from meshforge.core.material import Material
    from meshforge.core.model import Model
    from meshforge.lod.simplify import _lone_borders

    dome = _dome()
    mirrored = dome.transformed(np.diag([1.0, -1.0, 1.0, 1.0]))
    model = Model("pair")
    model.add("top", dome, Material("a"))
    model.add("bottom", mirrored, Material("b"))
    assert _lone_borders(model, [False, False]) == [False, False]  # the two rims are one seam
    apart = np.eye(4)
    apart[1, 3] = -3.0
    model.parts[1].transform = apart
    assert _lone_borders(model, [False, False]) == [True, True]
    assert _lone_borders(model, [False, True]) == [True, False]  # a closed part has no border to free


def _painted(name: str, vertices: np.ndarray, faces: np.ndarray, colours: np.ndarray, normals: np.ndarray):
    """A one-part model whose every triangle is its own UV chart (as scans and baked game assets come),
    painted one flat colour (uint8 RGB) per face in an 8 px cell of its texture."""
    from meshforge.core.material import Material, Texture
    from meshforge.core.model import Model
    from meshforge.geometry.mesh import Mesh

    corners = vertices[faces.reshape(-1)]
    cells = int(np.ceil(np.sqrt(len(faces))))
    px = 8 * cells
    k = np.arange(len(faces))
    origin = np.stack([k % cells, k // cells], axis=1) / cells  # each face's own cell, V up
    tri = np.array([[0.15, 0.15], [0.85, 0.15], [0.15, 0.85]]) / cells
    uvs = (origin[:, None, :] + tri[None]).reshape(-1, 2)
    image = np.zeros((cells, cells, 3), np.uint8)
    image[k // cells, k % cells] = colours
    image = np.repeat(np.repeat(image[::-1], 8, axis=0), 8, axis=1)  # row 0 is the top: V up
    assert image.shape == (px, px, 3)
    mesh = Mesh(corners, np.arange(len(corners)).reshape(-1, 3), normals, uvs, "atlas")
    model = Model(name)
    model.add(name, mesh, Material("painted", base_color=(1, 1, 1, 1),
                                   base_color_texture=Texture.from_image(image, "painted")))
    return model


def _patchwork_ball(segments: int = 32):
    """A smooth unit sphere cut into one UV chart per triangle, red where x > 0 and blue elsewhere.
    UV seams lock every vertex, so the collapse cannot remove any."""
    from meshforge.geometry.primitives import sphere as make_sphere

    ball = make_sphere(1.0, segments=segments).welded()
    red = ball.vertices[ball.faces].mean(axis=1)[:, 0] > 0
    colours = np.where(red[:, None], [220, 30, 30], [30, 30, 220]).astype(np.uint8)
    corners = ball.vertices[ball.faces.reshape(-1)]
    model = _painted("ball", ball.vertices, ball.faces, colours, corners.copy())
    return model


def _sample_texture(texture, uv: np.ndarray) -> np.ndarray:
    """Nearest texel (float RGB 0..255) of ``texture`` at meshforge UVs (V up)."""
    img = np.asarray(texture.image.convert("RGB"), dtype=np.float64)
    h, w = img.shape[:2]
    x = np.clip((uv[:, 0] * w).astype(int), 0, w - 1)
    y = np.clip(((1.0 - uv[:, 1]) * h).astype(int), 0, h - 1)
    return img[y, x]


def test_rebake_reaches_the_budget_where_uv_seams_hold_every_vertex():
    model = _patchwork_ball()
    n = model.triangle_count
    kept = simplify_model(model, triangles=n // 10)
    assert kept.triangle_count > n // 2  # every vertex is a chart corner: nothing collapses
    assert kept.metadata["simplify"]["rebaked_parts"] == []
    out = simplify_model(model, triangles=n // 10, rebake=True, rebake_px=256)
    assert out.triangle_count <= n // 10
    assert out.metadata["simplify"]["rebaked_parts"] == ["ball"]
    part = out.parts[0]
    assert part.mesh.is_watertight()
    assert part.material.base_color_texture is not model.parts[0].material.base_color_texture
    assert part.material.normal_texture is not None and part.material.base_color_texture.size == (256, 256)
    # the baked colours sit where the original's were: sample at points inside each level face
    mesh = part.mesh
    w = np.array([0.6, 0.2, 0.2])
    points = np.einsum("j,kjd->kd", w, mesh.vertices[mesh.faces])
    colour = _sample_texture(part.material.base_color_texture, np.einsum("j,kjd->kd", w, mesh.uvs[mesh.faces]))
    clear = np.abs(points[:, 0]) > 0.25
    red = colour[:, 0] > colour[:, 2]
    assert clear.sum() > 0.3 * len(points)
    assert np.mean(red[clear] == (points[clear, 0] > 0)) > 0.97


def test_rebaked_normal_map_gives_a_faceted_level_the_original_smooth_shading():
    from meshforge.export.gltf import tangents
    from meshforge.lod.rebake import rebake_part
    from meshforge.lod.simplify import SimplifyOptions, simplify_mesh

    model = _patchwork_ball()
    ball = model.parts[0].mesh
    plain = type(ball)(ball.vertices, ball.faces, ball.normals, None)
    coarse = simplify_mesh(plain, 80, None, SimplifyOptions(triangles=80)).mesh.with_normals(crease_deg=0.0)
    level, material = rebake_part(ball, model.parts[0].material, coarse, 256, "ball")
    # decode the baked normal map at points inside the level's faces, in the frame the exporter writes
    n_level = level.normals
    t_level = tangents(level.vertices, level.faces, n_level, level.uvs)
    w = np.array([0.5, 0.3, 0.2])
    corners = level.faces
    point = np.einsum("j,kjd->kd", w, level.vertices[corners])
    normal = np.einsum("j,kjd->kd", w, n_level[corners])
    normal /= np.linalg.norm(normal, axis=1)[:, None]
    tangent = np.einsum("j,kjd->kd", w, t_level[corners, :3])
    tangent -= normal * np.einsum("ij,ij->i", tangent, normal)[:, None]
    tangent /= np.linalg.norm(tangent, axis=1)[:, None]
    bitangent = np.cross(normal, tangent) * np.where(t_level[corners[:, 0], 3] < 0, -1.0, 1.0)[:, None]
    uv = np.einsum("j,kjd->kd", w, level.uvs[corners])
    encoded = _sample_texture(material.normal_texture, uv) / 255.0 * 2.0 - 1.0
    shading = encoded[:, :1] * tangent + encoded[:, 1:2] * bitangent + encoded[:, 2:3] * normal
    shading /= np.linalg.norm(shading, axis=1)[:, None]
    radial = point / np.linalg.norm(point, axis=1)[:, None]
    baked = np.degrees(np.arccos(np.clip(np.einsum("ij,ij->i", shading, radial), -1, 1)))
    faceted = np.degrees(np.arccos(np.clip(np.einsum("ij,ij->i", normal, radial), -1, 1)))
    assert np.median(faceted) > 5.0  # the level alone is visibly faceted
    assert np.median(baked) < 1.5 and np.percentile(baked, 95) < 3.0

    # a normal map on the original is decoded in its own frame: tilted towards each face's +U and +V

    from meshforge.core.material import Texture
    from meshforge.lod.metrics import SurfaceQuery

    tilt = np.array([0.35, 0.35, np.sqrt(1 - 2 * 0.35**2)])
    flat_map = np.broadcast_to(np.round((tilt * 0.5 + 0.5) * 255).astype(np.uint8), (16, 16, 3))
    tilted = replace(model.parts[0].material, normal_texture=Texture.from_image(np.array(flat_map), "tilt"))
    level, material = rebake_part(ball, tilted, coarse, 256, "ball")
    t_level = tangents(level.vertices, level.faces, level.normals, level.uvs)
    corners = level.faces
    point = np.einsum("j,kjd->kd", w, level.vertices[corners])
    normal = np.einsum("j,kjd->kd", w, level.normals[corners])
    normal /= np.linalg.norm(normal, axis=1)[:, None]
    tangent = np.einsum("j,kjd->kd", w, t_level[corners, :3])
    tangent -= normal * np.einsum("ij,ij->i", tangent, normal)[:, None]
    tangent /= np.linalg.norm(tangent, axis=1)[:, None]
    bitangent = np.cross(normal, tangent) * np.where(t_level[corners[:, 0], 3] < 0, -1.0, 1.0)[:, None]
    encoded = _sample_texture(material.normal_texture, np.einsum("j,kjd->kd", w, level.uvs[corners])) / 255 * 2 - 1
    shading = encoded[:, :1] * tangent + encoded[:, 1:2] * bitangent + encoded[:, 2:3] * normal
    shading /= np.linalg.norm(shading, axis=1)[:, None]
    # expected: each original face's +U runs along its first edge, +V towards its third corner (every
    # face is its own chart, see _patchwork_ball)
    closest, face = SurfaceQuery(ball).closest(point)
    radial = closest / np.linalg.norm(closest, axis=1)[:, None]
    edge = ball.vertices[ball.faces[face, 1]] - ball.vertices[ball.faces[face, 0]]
    u_dir = edge - radial * np.einsum("ij,ij->i", edge, radial)[:, None]
    u_dir /= np.linalg.norm(u_dir, axis=1)[:, None]
    edge = ball.vertices[ball.faces[face, 2]] - ball.vertices[ball.faces[face, 0]]
    v_dir = np.cross(radial, u_dir)
    v_dir *= np.sign(np.einsum("ij,ij->i", v_dir, edge))[:, None]
    expected = tilt[0] * u_dir + tilt[1] * v_dir + tilt[2] * radial
    off = np.degrees(np.arccos(np.clip(np.einsum("ij,ij->i", shading, expected), -1, 1)))
    assert np.median(off) < 3.0 and np.percentile(off, 90) < 6.0


def test_chain_rebakes_levels_that_uv_seams_hold(tmp_path):
    model = _patchwork_ball()
    lod, report = build_lod_chain(model, LodOptions(levels=3, rebake=True, render_check=False))
    n = model.triangle_count
    assert [lv.triangles <= round(n * 0.5 ** k) for k, lv in enumerate(report.levels)] == [True] * 3
    assert report.levels[1].rebaked_parts == ["ball"] and report.levels[2].rebaked_parts == ["ball"]
    assert report.levels[1].foreign_uv_vertices == 0  # rebaked parts are not held to LOD0's charts
    assert "rebaked_parts" in json.dumps(report.to_dict())
    assert report.notes == []
    # without re-baking the chain cannot go on, and says why and what would help
    _, held = build_lod_chain(model, LodOptions(levels=3, render_check=False, measure=False))
    assert len(held.levels) == 1
    assert len(held.notes) == 1 and "UV seams" in held.notes[0] and "--rebake" in held.notes[0]
    out = tmp_path / "patchwork_lod.glb"
    export(lod, out, keep_uvs=True)
    (summary,) = run_gltf_validator(out)
    assert summary["numErrors"] == 0


def test_rebake_size_is_checked():
    with pytest.raises(ParameterError, match="rebake_px"):
        simplify_model(_patchwork_ball(), ratio=0.1, rebake=True, rebake_px=10_000)


def test_rebake_without_normals_uses_smooth_ones():
    from meshforge.geometry.mesh import Mesh
    from meshforge.lod.rebake import rebake_part

    model = _patchwork_ball()
    ball = model.parts[0].mesh
    bare = Mesh(ball.vertices, ball.faces, None, ball.uvs, ball.uv_mode)
    level = simplify_model(model, triangles=100, rebake=True, rebake_px=64).parts[0].mesh
    flat = Mesh(level.vertices, level.faces)
    out, material = rebake_part(bare, model.parts[0].material, flat, 64, "bare")
    assert out.triangle_count == flat.triangle_count and out.uvs is not None
    assert material.normal_texture.size == (64, 64) and material.base_color_texture.size == (64, 64)
    # smooth normals: the baked map is not flat (it bends the faceted level towards the sphere)
    img = np.asarray(material.normal_texture.image.convert("RGB"), dtype=np.float64)
    assert np.ptp(img[..., 0]) > 20 and np.ptp(img[..., 1]) > 20


def test_rebake_takes_a_level_that_uv_seams_bend_far_off(corpus):

    helmet = load(corpus / "models/gltf_khronos_samples/DamagedHelmet/glTF-Binary/DamagedHelmet.glb")
    target = helmet.triangle_count // 6
    kept = simplify_model(helmet, triangles=target)
    assert kept.triangle_count <= target  # the seams let it reach 1/6, but the dome caves in
    baked = simplify_model(helmet, triangles=target, rebake=True, rebake_px=256)
    assert baked.triangle_count <= target and baked.metadata["simplify"]["rebaked_parts"]
    assert model_distance(helmet, baked).hausdorff_m < 0.75 * model_distance(helmet, kept).hausdorff_m


def test_rebake_takes_a_thin_shell_colour_from_the_side_facing_the_same_way():
    from meshforge.geometry.mesh import Mesh
    from meshforge.lod.rebake import rebake_part

    # a tube 3 mm thick: outside red, inside blue; the level is an octagonal prism whose chords sag
    # 15 mm into the tube, so the closest surface to most of the level is the blue inside
    seg, r_out, r_in, h = 96, 0.2, 0.197, 0.3
    a = np.linspace(0, 2 * np.pi, seg, endpoint=False)
    ring = np.stack([np.cos(a), np.zeros(seg), np.sin(a)], axis=1)
    up = np.array([0.0, h, 0.0])
    vertices = np.concatenate([ring * r_out, ring * r_out + up, ring * r_in, ring * r_in + up])
    j, jn = np.arange(seg), (np.arange(seg) + 1) % seg
    outer = np.concatenate([np.stack([j, seg + jn, jn], 1), np.stack([j, seg + j, seg + jn], 1)])
    inner = outer[:, ::-1] + 2 * seg
    top = np.concatenate([np.stack([seg + j, 3 * seg + j, 3 * seg + jn], 1),
                          np.stack([seg + j, 3 * seg + jn, seg + jn], 1)])
    bottom = np.concatenate([np.stack([j, jn, 2 * seg + jn], 1), np.stack([j, 2 * seg + jn, 2 * seg + j], 1)])
    faces = np.concatenate([outer, inner, top, bottom])
    colours = np.repeat(np.array([[220, 30, 30], [30, 30, 220], [30, 200, 30], [30, 200, 30]], np.uint8),
                        [len(outer), len(inner), len(top), len(bottom)], axis=0)
    tri = vertices[faces]
    fn = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    fn /= np.linalg.norm(fn, axis=1)[:, None]
    tube = _painted("tube", vertices, faces, colours, np.repeat(fn, 3, axis=0))
    k = np.arange(8)
    oct_ring = np.stack([np.cos(k * np.pi / 4), np.zeros(8), np.sin(k * np.pi / 4)], axis=1) * r_out
    kn = (k + 1) % 8
    prism_faces = np.concatenate([np.stack([k, 8 + kn, kn], 1), np.stack([k, 8 + k, 8 + kn], 1)])
    prism = Mesh(np.concatenate([oct_ring, oct_ring + up]), prism_faces)
    level, material = rebake_part(tube.parts[0].mesh, tube.parts[0].material, prism, 256, "tube")
    w = np.array([0.25, 0.35, 0.4])
    points = np.einsum("j,kjd->kd", w, level.vertices[level.faces])
    assert np.linalg.norm(points[:, [0, 2]], axis=1).min() < r_in  # the level does sink inside
    colour = _sample_texture(material.base_color_texture, np.einsum("j,kjd->kd", w, level.uvs[level.faces]))
    assert np.all(colour[:, 0] > 150) and np.all(colour[:, 2] < 80)  # red, the outside's colour


def test_rebaked_parts_share_one_atlas():

    from meshforge.core.material import Texture

    one = _patchwork_ball()
    two = _patchwork_ball()
    shifted = np.eye(4)
    shifted[0, 3] = 3.0
    grey = np.full((8, 8, 3), (0, 100, 255), np.uint8)  # roughness 100/255, metallic 1
    model = one.copy()
    model.add("other", two.parts[0].mesh, replace(two.parts[0].material, name="metal", metallic=0.5,
                                                   metallic_roughness_texture=Texture.from_image(grey, "mr")),
              shifted)
    n = model.triangle_count
    out = simplify_model(model, triangles=n // 10, rebake=True, rebake_px=256)
    assert out.metadata["simplify"]["rebaked_parts"] == ["ball", "other"]
    a, b = out.parts
    assert a.material.base_color_texture is b.material.base_color_texture  # one texture set
    assert a.material.metallic_roughness_texture is b.material.metallic_roughness_texture
    assert (a.material.name, b.material.name, b.material.metallic) == ("painted", "metal", 0.5)
    w = np.array([0.6, 0.2, 0.2])
    for part, rough in ((a, 255), (b, 100)):
        mesh = part.mesh
        uv = np.einsum("j,kjd->kd", w, mesh.uvs[mesh.faces])
        points = np.einsum("j,kjd->kd", w, mesh.vertices[mesh.faces])
        colour = _sample_texture(part.material.base_color_texture, uv)
        clear = np.abs(points[:, 0]) > 0.25
        assert np.mean((colour[clear, 0] > colour[clear, 2]) == (points[clear, 0] > 0)) > 0.97
        # the part without a metallic-roughness map gets white there: its factors alone
        mr = _sample_texture(part.material.metallic_roughness_texture, uv)
        assert np.abs(mr[:, 1] - rough).max() <= 3


def test_cli_lod_notes_seams_and_rebakes(tmp_path, capsys):
    from meshforge.cli import main

    src = tmp_path / "patchwork.glb"
    export(_patchwork_ball(), src)
    assert main(["lod", str(src), "--levels", "3", "-o", str(tmp_path / "held.glb"), "--no-render-check"]) == 0
    said = "".join(capsys.readouterr())
    assert "note: the chain ends at LOD0" in said and "--rebake" in said
    assert main(["lod", str(src), "--levels", "3", "-o", str(tmp_path / "baked.glb"), "--no-render-check",
                 "--rebake"]) == 0
    said = "".join(capsys.readouterr())
    assert "LOD2:" in said and "re-baked ball" in said and "note:" not in said
    report = json.loads((tmp_path / "baked.quality.json").read_text())
    assert report["lod"]["levels"][2]["rebaked_parts"] == ["ball"] and report["lod"]["notes"] == []
    (summary,) = run_gltf_validator(tmp_path / "baked.glb")
    assert summary["numErrors"] == 0


def test_a_far_coarse_level_suggests_rebake_and_rebake_brings_it_closer():
    # the dog's box-projected charts hold its coarsest level far above its target, 6% of its size off
    # (at the exact counts: by default that level would keep more triangles to stay in shape)
    dog = build(Recipe("dog"))
    _, held = build_lod_chain(dog, LodOptions(levels=6, render_check=False, max_level_distance=None))
    far = held.levels[-1]
    assert far.hausdorff > 0.03 and any(n.startswith("LOD5 ") and "--rebake" in n for n in held.notes)
    _, baked = build_lod_chain(dog, LodOptions(levels=6, render_check=False, rebake=True, max_level_distance=None))
    near = baked.levels[-1]
    assert near.rebaked_parts and near.triangles <= far.triangles
    assert near.hausdorff < 0.5 * far.hausdorff
    assert not any(n.startswith("LOD5 ") for n in baked.notes)


def test_cli_optimize_rebakes_with_a_ratio(tmp_path, capsys):
    from meshforge.cli import main

    src = tmp_path / "patchwork.glb"
    model = _patchwork_ball()
    export(model, src)
    out = tmp_path / "small.glb"
    assert main(["optimize", str(src), "--ratio", "0.1", "--rebake", "-o", str(out), "-q"]) == 0
    back = load(out)
    assert back.triangle_count <= 0.1 * model.triangle_count
    assert back.parts[0].material.base_color_texture is not None
    (summary,) = run_gltf_validator(out)
    assert summary["numErrors"] == 0
    assert main(["optimize", str(src), "--rebake", "-o", str(tmp_path / "x.glb")]) == 2
    assert "--rebake goes with --ratio" in capsys.readouterr().err


def test_fine_levels_get_a_peak_fit_at_the_original_vertices_they_cut():
    # at 50% a sofa is off by a few rounded-corner vertices that random samples miss; the peak fit
    # takes the original vertices farthest from the level, and every level vertex, as its samples
    from meshforge.core.model import Model
    from meshforge.lod import simplify as simplify_module
    from meshforge.lod.metrics import SurfaceQuery

    full = build(Recipe("sofa"))
    model = Model("sofa")
    model.add("mesh", full.merged_mesh(), full.parts[0].material)
    original = model.parts[0].mesh
    fitted = simplify_model(model, ratio=0.5).parts[0].mesh
    plain = simplify_model(model, ratio=0.5, fit=False).parts[0].mesh
    assert simplify_module.COARSE_TRIANGLES < fitted.triangle_count <= simplify_module.PEAK_FIT_TRIANGLES
    assert np.array_equal(fitted.faces, plain.faces) and np.array_equal(fitted.uvs, plain.uvs)
    assert not np.allclose(fitted.vertices, plain.vertices)

    def gap(level):  # the original's vertices are where this level's gaps peak
        return max(SurfaceQuery(level).distance(original.vertices).max(),
                   SurfaceQuery(original).distance(level.vertices).max())

    assert gap(fitted) < 0.85 * gap(plain)
    assert surface_distance(original, fitted, 20000).hausdorff < 0.9 * surface_distance(original, plain, 20000).hausdorff


def test_chain_note_suggests_rebaking_only_where_uv_seams_hold():
    # the ball's box-projected pattern keeps every chart corner: its note names it and --rebake, and
    # re-baking does take the chain a level further
    ball = build(Recipe("ball"))
    _, report = build_lod_chain(ball, LodOptions(levels=6, render_check=False, measure=False))
    counts = [lv.triangles for lv in report.levels]
    ends = [n for n in report.notes if n.startswith(f"the chain ends at LOD{len(counts) - 1}")]
    assert ends and "UV seams hold pattern" in ends[0] and "--rebake" in ends[0]
    _, rebaked = build_lod_chain(ball, LodOptions(levels=6, render_check=False, measure=False, rebake=True))
    assert len(rebaked.levels) > len(counts) and rebaked.levels[-1].triangles < 0.7 * counts[-1]


def test_fixed_fit_samples_are_queried_again_only_near_the_largest_gaps(monkeypatch):
    # the peak fit keeps its level samples for every round and queries again only those that may have
    # moved into the largest gaps: the same fit as querying them all, for a fraction of the queries
    from meshforge.core.model import Model
    from meshforge.lod import fit as fit_module
    from meshforge.lod.metrics import SurfaceQuery
    from meshforge.lod.simplify import _peak_points

    class Counting(SurfaceQuery):
        points = 0

        def closest(self, points):
            Counting.points += len(points)
            return super().closest(points)

    full = build(Recipe("sofa"))
    model = Model("sofa")
    model.add("mesh", full.merged_mesh(), full.parts[0].material)
    original = model.parts[0].mesh
    level = simplify_model(model, ratio=0.5, fit=False).parts[0].mesh
    points = _peak_points(original, level, 500)
    runs = {}
    for requery in (0.0, fit_module.REQUERY):
        monkeypatch.setattr(fit_module, "REQUERY", requery)
        Counting.points = 0
        fitted, after, before = fit_module.fit_to_surface(
            original, level, samples=5000, rounds=2, original_points=points, level_vertices=level.vertex_count,
            fixed_samples=True, reference=Counting(original))
        runs[requery] = (fitted, after, Counting.points)
    (every, every_h, every_n), (some, some_h, some_n) = runs.values()
    assert some_h < 0.9 * before
    assert abs(some_h - every_h) <= 0.01 * every_h
    assert np.abs(some.vertices - every.vertices).max() < 1e-4 * np.linalg.norm(original.extents)
    assert some_n < 0.6 * every_n, (some_n, every_n)


@pytest.mark.parametrize("gid, broken", [("enclosure", 0.10), ("pipe_tee", 0.10)])
def test_a_level_that_breaks_at_its_target_keeps_more_triangles(gid, broken):
    # at their exact LOD3 counts the enclosure's box folds in (15% of the model's size off) and the pipe
    # tee twists (16.6%); a few more triangles keep them whole
    from meshforge.lod.chain import MIN_LEVEL_STEP

    model = build(Recipe(gid))
    _, exact_report = build_lod_chain(model, LodOptions(levels=4, render_check=False, max_level_distance=None))
    chain, report = build_lod_chain(model, LodOptions(levels=4, render_check=False))
    at_target, kept = exact_report.levels[3], report.levels[3]
    assert kept.target == at_target.target == round(model.triangle_count / 8)
    assert at_target.hausdorff > broken
    assert kept.hausdorff <= 0.03 < at_target.hausdorff
    assert at_target.triangles < kept.triangles <= MIN_LEVEL_STEP * report.levels[2].triangles
    assert [lv.triangles for lv in report.levels[:3]] == [lv.triangles for lv in exact_report.levels[:3]]
    (note,) = [n for n in report.notes if n.startswith("LOD3 ")]
    assert f"keeps {kept.triangles:,} triangles for a target of {kept.target:,}" in note
    assert f"{at_target.hausdorff:.1%}" in note and "--exact-counts" in note
    assert_level_contract(chain, chain.lods[2])


def test_max_level_distance_must_be_a_positive_fraction():
    for bad in (0.0, -0.1, float("nan")):
        with pytest.raises(ParameterError, match="max level distance"):
            LodOptions(max_level_distance=bad)


def test_cli_lod_exact_counts(tmp_path, capsys):
    from meshforge.cli import main

    src = tmp_path / "enclosure.glb"
    export(build(Recipe("enclosure")), src)
    counts = {}
    for flag in ([], ["--exact-counts"]):
        out = tmp_path / f"e{len(flag)}.glb"
        assert main(["lod", str(src), "-o", str(out), "--no-render-check", *flag]) == 0
        said = "".join(capsys.readouterr())
        report = json.loads(out.with_suffix(".quality.json").read_text())["lod"]
        counts[bool(flag)] = report["levels"][3]["triangles"]
        assert report["levels"][3]["target"] == 169
        assert ("note: LOD3 keeps" in said and "--exact-counts" in said) != bool(flag)
        assert "triangles (target 169)" in said
    assert counts[True] < counts[False]


def test_a_far_level_note_names_its_farthest_parts():
    # the bicycle's LOD2 is 3-7% off at its exact count, at its spoked wheels and tyres (no texture): the
    # note says where, and does not offer --rebake, which cannot help there
    bicycle = build(Recipe("bicycle"))
    _, report = build_lod_chain(bicycle, LodOptions(levels=3, render_check=False, max_level_distance=None))
    assert report.levels[2].hausdorff > 0.03
    (far,) = [n for n in report.notes if n.startswith("LOD2 is ")]
    named = far.split("most at ")[1].split(";")[0]
    assert named.startswith(("wheel_", "tire_")) and "--rebake" not in far


def test_visual_difference_renders_a_reference_once_per_framing(monkeypatch):
    # simplify_model compares one model with several levels (with and without held parts, every share
    # round): the model's renders are kept by their framing, and a level within its bounds reuses them
    # (the same images: the same values)
    import meshforge.render as render
    from meshforge.core.model import Model
    from meshforge.lod.metrics import visual_difference

    chair = build(Recipe("chair"))
    inside = Model("inside")  # the chair without its middle back slat: within the chair's bounds
    inside.parts = [p for p in chair.copy().parts if p.name != "back_slat_1"]
    assert len(inside.parts) == len(chair.parts) - 1
    assert all(np.array_equal(a, b) for a, b in zip(inside.bounds, chair.bounds, strict=True))
    plain = [visual_difference(chair, lv, 64) for lv in (inside, chair)]
    if plain[0] is None:
        from conftest import unavailable

        unavailable("no EGL renderer for the image comparison (apt install libegl1 libegl-mesa0 libgl1-mesa-dri)")
    drawn = []
    real = render.render_views
    monkeypatch.setattr(render, "render_views", lambda model, *a, **k: drawn.append(model.name) or real(model, *a, **k))
    renders: dict = {}
    kept = [visual_difference(chair, lv, 64, renders=renders) for lv in (inside, chair)]
    assert kept == plain and plain[0] > 0 and plain[1] == 0
    assert drawn.count(chair.name) == 2 and drawn.count("inside") == 1  # once as reference, once as level
    wider = chair.copy()
    wider.name = "wider"
    wider.parts[0] = replace(wider.parts[0], transform=wider.parts[0].transform @ np.diag([1.5, 1, 1, 1]))
    visual_difference(chair, wider, 64, renders=renders)
    assert drawn.count(chair.name) == 3  # another framing: the chair is drawn again
