"""Signed distance shapes, noise and SDF meshing (meshforge.geometry.sdf / noise)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from meshforge.geometry import noise, sdf
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.uv import UV_METERS, texel_density


def assert_clean_solid(mesh: Mesh) -> None:
    """The SDF meshing contract: closed, outward, no degenerate faces, unit normals."""
    assert mesh.triangle_count > 0
    assert mesh.is_watertight()
    assert mesh.volume > 0
    assert mesh.face_areas().min() > 1e-14
    assert mesh.without_degenerate() is mesh
    assert mesh.normals is not None
    np.testing.assert_allclose(np.linalg.norm(mesh.normals, axis=1), 1.0, atol=1e-6)
    # vertex normals point the way their faces do
    agreement = np.einsum("fj,fkj->fk", mesh.face_normals(), mesh.normals[mesh.faces])
    assert np.quantile(agreement, 0.01) > 0.5


def creature() -> sdf.SDF:
    body = sdf.ellipsoid((0.16, 0.11, 0.24), center=(0, 0.22, 0))
    head = sdf.sphere(0.09, center=(0, 0.34, 0.24))
    leg = sdf.round_cone((0.08, 0.18, 0.12), (0.09, 0.02, 0.14), 0.045, 0.03)
    legs = (leg | leg.translate((0, 0, -0.26))).mirror_x()
    tail = sdf.capsule((0, 0.25, -0.22), (0, 0.36, -0.34), 0.025)
    return sdf.smooth_union(body, head, legs, tail, k=0.05)


# ============================================================================ exact values
def test_sphere_values() -> None:
    s = sdf.sphere(0.5, center=(1, 2, 3))
    assert s((1, 2, 3)) == pytest.approx(-0.5)
    assert s((1.5, 2, 3)) == pytest.approx(0.0, abs=1e-12)
    assert s((1, 2, 5)) == pytest.approx(1.5)
    np.testing.assert_allclose(s.bounds, [[0.5, 1.5, 2.5], [1.5, 2.5, 3.5]])


def test_box_values() -> None:
    b = sdf.box((2.0, 1.0, 4.0))
    assert b((0, 0, 0)) == pytest.approx(-0.5)  # nearest face is y = +-0.5
    assert b((3, 0, 0)) == pytest.approx(2.0)
    assert b((2, 1.5, 2)) == pytest.approx(math.sqrt(2))  # nearest the edge x = 1, y = 0.5
    assert b((2, 1.5, 3)) == pytest.approx(math.sqrt(3))  # nearest the corner
    rounded = sdf.box((2.0, 2.0, 2.0), bevel=0.25)
    assert rounded((1.0, 0, 0)) == pytest.approx(0.0)  # bevel keeps the outer size
    corner = 0.75 + 0.25 / math.sqrt(3)
    assert rounded((corner, corner, corner)) == pytest.approx(0.0, abs=1e-12)
    assert rounded((1, 1, 1)) == pytest.approx(math.sqrt(3) * 0.25 - 0.25)


def test_capsule_values() -> None:
    c = sdf.capsule((0, 0, 0), (0, 1, 0), 0.1)
    assert c((0.5, 0.5, 0)) == pytest.approx(0.4)  # beside the segment
    assert c((0, 1.5, 0)) == pytest.approx(0.4)  # beyond the end cap
    assert c((0.3, -0.4, 0)) == pytest.approx(0.4)  # diagonal from the start point
    assert c((0, 0.5, 0)) == pytest.approx(-0.1)


def test_round_cone_values() -> None:
    rc = sdf.round_cone((0, 0, 0), (0, 1, 0), 0.3, 0.1)
    assert rc((0, -0.5, 0)) == pytest.approx(0.2)  # below the big sphere
    assert rc((0, 1.5, 0)) == pytest.approx(0.4)  # above the small sphere
    assert rc((0, 0, 0)) == pytest.approx(-0.3)
    # the side is tangent to both spheres: a point on it is at distance 0
    sin_a = 0.2  # (r_a - r_b) / length
    side = np.array([0.3 * math.sqrt(1 - sin_a**2), 0.3 * sin_a, 0.0])
    assert rc(side) == pytest.approx(0.0, abs=1e-12)
    assert rc(side * 2) == pytest.approx(0.3 * 2 - 0.3, rel=1e-9)  # along the sphere's radius
    # equal radii fall back to the capsule formula
    np.testing.assert_allclose(
        sdf.round_cone((0, 0, 0), (0, 1, 0), 0.1, 0.1)(np.array([[0.5, 0.5, 0.0]])), [0.4]
    )
    # a sphere swallowing the other is just that sphere
    assert sdf.round_cone((0, 0, 0), (0, 0.1, 0), 1.0, 0.2)((2, 0, 0)) == pytest.approx(1.0)


def test_cylinder_and_cone_values() -> None:
    cyl = sdf.cylinder(0.5, 2.0)  # stands on y = 0
    assert cyl((1, 1, 0)) == pytest.approx(0.5)
    assert cyl((0, 3, 0)) == pytest.approx(1.0)
    assert cyl((0, 1, 0)) == pytest.approx(-0.5)
    assert cyl((1.5, 3, 0)) == pytest.approx(math.sqrt(2))
    beveled = sdf.cylinder(0.5, 2.0, bevel=0.1)
    assert beveled((0.5, 1, 0)) == pytest.approx(0.0)
    assert beveled((0, 2, 0)) == pytest.approx(0.0)
    slanted = sdf.cylinder_between((0, 0, 0), (1, 1, 0), 0.2)
    assert slanted((0.5, 0.5, 0.7)) == pytest.approx(0.5)
    cone = sdf.cone(1.0, 1.0)
    assert cone((0, 1.5, 0)) == pytest.approx(0.5)  # above the apex
    assert cone((0, -0.5, 0)) == pytest.approx(0.5)  # below the base
    assert cone((0.5, 0.5, 0)) == pytest.approx(0.0, abs=1e-12)  # on the slanted side
    assert cone((1, 1, 0)) == pytest.approx(math.sqrt(0.5))


def test_torus_and_ellipsoid_values() -> None:
    t = sdf.torus(1.0, 0.25)
    assert t((1, 0, 0)) == pytest.approx(-0.25)
    assert t((0, 0, 0)) == pytest.approx(0.75)
    assert t((0, 0.5, -1)) == pytest.approx(0.25)
    e = sdf.ellipsoid((1.0, 0.5, 0.25))
    for axis, radius in enumerate((1.0, 0.5, 0.25)):
        p = np.zeros(3)
        p[axis] = radius + 0.3
        assert e(p) == pytest.approx(0.3)  # exact along the axes
        p[axis] = radius
        assert e(p) == pytest.approx(0.0, abs=1e-12)
    assert e((0, 0, 0)) < 0


def test_half_space_and_custom() -> None:
    floor = sdf.half_space((0, -1, 0), (0, 0.2, 0))
    assert floor((5, 1.2, -3)) == pytest.approx(-1.0)
    assert floor((0, 0, 0)) == pytest.approx(0.2)
    assert floor.bounds[0, 1] == pytest.approx(0.2) and np.isinf(floor.bounds[1, 1])
    disc = sdf.custom(lambda p: np.hypot(p[:, 0], p[:, 2]) - 1.0, [[-1, -1, -1], [1, 1, 1]], "column")
    assert disc((2, 7, 0)) == pytest.approx(1.0)


# ============================================================================ combinators and transforms
def test_boolean_values() -> None:
    a = sdf.sphere(1.0)
    b = sdf.sphere(1.0, center=(1.5, 0, 0))
    p = np.array([[0.75, 0.0, 0.0], [-1.5, 0, 0], [3, 0, 0]])
    np.testing.assert_allclose((a | b)(p), np.minimum(a(p), b(p)))
    np.testing.assert_allclose((a & b)(p), np.maximum(a(p), b(p)))
    np.testing.assert_allclose((a - b)(p), np.maximum(a(p), -b(p)))
    # smooth versions only differ within k of the seam, by at most k / 4
    k = 0.4
    smooth = a.smooth_union(b, k)(p)
    assert smooth[0] == pytest.approx(min(a(p[0]), b(p[0])) - k / 4)
    np.testing.assert_allclose(smooth[1:], np.minimum(a(p), b(p))[1:])
    assert a.smooth_intersect(b, k)(p[0]) == pytest.approx(max(a(p[0]), b(p[0])) + k / 4)
    assert a.smooth_subtract(b, k)(p[1]) == pytest.approx(a(p[1]))
    np.testing.assert_allclose(sdf.union(a, b, a)(p), (a | b)(p))
    np.testing.assert_allclose(sdf.smooth_intersection(a, b, k=k)(p), a.smooth_intersect(b, k)(p))
    np.testing.assert_allclose(sdf.smooth_difference(a, b, k=k)(p), a.smooth_subtract(b, k)(p))
    with pytest.raises(ValueError):
        sdf.union(a, b, k=-1.0)
    # many-way smooth unions blend as a balanced tree: bounds grow by log2(n) * k / 4, not (n - 1) k / 4
    beads = [sdf.sphere(0.05, center=(0.1 * i, 0, 0)) for i in range(16)]
    chain = sdf.smooth_union(*beads, k=0.04)
    assert chain.bounds[1, 0] == pytest.approx(1.55 + 4 * 0.01)


def test_transforms() -> None:
    s = sdf.sphere(0.5)
    assert s.translate((1, 2, 3))((1, 2, 3)) == pytest.approx(-0.5)
    moved = sdf.capsule((0, 0, 0), (1, 0, 0), 0.1).rotate("z", 90)  # x axis turns to y
    assert moved((0, 1, 0)) == pytest.approx(-0.1)
    assert moved((1, 0, 0)) > 0.5
    about = sdf.sphere(0.1, center=(1, 0, 0)).rotate("y", 180, about=(0.5, 0, 0))
    assert about((0, 0, 0)) == pytest.approx(-0.1)
    euler = sdf.capsule((0, 0, 0), (1, 0, 0), 0.1).rotate_euler((0, 90, 90))  # x -> -z -> -z
    assert euler((0, 0, -1)) == pytest.approx(-0.1)
    # uniform scale keeps distances exact; per-axis scale gives a bound
    assert s.scale(2.0)((3, 0, 0)) == pytest.approx(2.0)
    squashed = s.scale((2.0, 1.0, 1.0))
    assert squashed((1.0, 0, 0)) == pytest.approx(0.0)
    assert squashed((0, 1.5, 0)) <= 1.0 + 1e-12
    # mirror keeps the original and adds its image
    leg = sdf.sphere(0.1, center=(0.3, 0, 0)).mirror_x()
    assert leg((0.3, 0, 0)) == pytest.approx(-0.1) and leg((-0.3, 0, 0)) == pytest.approx(-0.1)
    np.testing.assert_allclose(leg.bounds, [[-0.4, -0.1, -0.1], [0.4, 0.1, 0.1]])
    # offsets
    assert s.round(0.1)((1, 0, 0)) == pytest.approx(0.4)
    hollow = s.shell(0.05)
    assert hollow((0, 0, 0)) == pytest.approx(0.45) and hollow((0.48, 0, 0)) < 0
    long = s.elongate((0, 1.0, 0))
    assert long((0, 0.9, 0)) == pytest.approx(-0.1) and long((0, 1.5, 0)) == pytest.approx(0.5)


def test_twist_turns_sections_right_handed() -> None:
    slab = sdf.box((1.0, 2.0, 0.1))
    twisted = slab.twist(0.5, axis="y")
    y = 0.8
    angle = 0.5 * y  # right-handed about +y takes +x toward -z
    assert twisted((0.4 * math.cos(angle), y, -0.4 * math.sin(angle))) < 0
    assert twisted((0.4 * math.cos(angle), y, 0.4 * math.sin(angle))) > 0
    assert twisted((0.4, 0.0, 0.0)) == pytest.approx(slab((0.4, 0.0, 0.0)))


def test_bend_follows_an_arc() -> None:
    rod = sdf.capsule((0, 0, 0), (1, 0, 0), 0.05)
    curvature = 1.0  # radius 1 m
    bent = rod.bend(curvature)
    theta = 1.0 * curvature
    tip = np.array([math.sin(theta), 1.0 - math.cos(theta), 0.0]) / curvature
    assert bent(tip) == pytest.approx(-0.05, abs=1e-9)  # the end keeps its arc length
    assert bent((1, 0, 0)) > 0.1  # the straight tip position is empty now
    down = rod.bend(-curvature)
    assert down(tip * (1, -1, 1)) == pytest.approx(-0.05, abs=1e-9)
    assert rod.bend(0.0) is rod


def test_bounds_are_conservative() -> None:
    """No point outside a shape's bounds is inside the shape, for every kind of node."""
    rng = np.random.default_rng(0)
    shapes = [
        sdf.ellipsoid((0.3, 0.2, 0.1)).rotate((1, 1, 0), 37).translate((0.1, 0, 0)),
        sdf.box((0.2, 0.6, 0.2), bevel=0.02).twist(4.0),
        sdf.capsule((0, 0, 0), (0.8, 0, 0), 0.06).bend(2.5),
        sdf.capsule((0, 0, 0), (0, 0, -0.6), 0.06).bend(-3.0, along="z", toward="y"),
        sdf.sphere(0.3).displace(0.05, 6.0, seed=1),
        sdf.smooth_union(sdf.sphere(0.2), sdf.sphere(0.2, center=(0.3, 0, 0)), k=0.2),
        sdf.torus(0.3, 0.1).smooth_intersect(sdf.box((0.5, 0.5, 0.5)), 0.05),
        sdf.cone_between((0, 0, 0), (0.3, 0.4, 0.1), 0.2, 0.05),
        sdf.cylinder_between((0, 0, 0), (0.3, 0.4, 0.1), 0.1, bevel=0.02),
        sdf.sphere(0.2).elongate((0.3, 0, 0.1)).scale((1.0, 2.0, 0.5)),
    ]
    for shape in shapes:
        lo, hi = shape.bounds
        size = hi - lo
        pts = rng.uniform(lo - size, hi + size, (20000, 3))
        outside = np.any((pts < lo) | (pts > hi), axis=1)
        assert (shape(pts[outside]) > 0).all(), shape
        assert (shape(pts[~outside]) < 0).any(), shape


# ============================================================================ meshing contract
PRIMITIVES = {
    "sphere": sdf.sphere(0.3),
    "ellipsoid": sdf.ellipsoid((0.4, 0.2, 0.25)),
    "box": sdf.box((0.5, 0.3, 0.4)),
    "rounded_box": sdf.box((0.5, 0.3, 0.4), bevel=0.05),
    "capsule": sdf.capsule((0, 0, 0), (0.3, 0.4, 0), 0.1),
    "round_cone": sdf.round_cone((0, 0, 0), (0, 0.5, 0.1), 0.12, 0.04),
    "cylinder": sdf.cylinder(0.2, 0.5, bevel=0.03),
    "cone": sdf.cone(0.25, 0.5, top_radius=0.05),
    "torus": sdf.torus(0.3, 0.08),
}


@pytest.mark.parametrize("name", sorted(PRIMITIVES))
def test_primitives_mesh_closed_and_outward(name: str) -> None:
    shape = PRIMITIVES[name]
    mesh = sdf.to_mesh(shape, 48, uv=False)
    assert_clean_solid(mesh)
    lo, hi = shape.bounds
    slack = 0.02 * (hi - lo).max() / 48  # samples within 1% of a voxel snap off the level
    assert (mesh.bounds[0] >= lo - slack).all() and (mesh.bounds[1] <= hi + slack).all()
    assert np.abs(shape(mesh.vertices)).max() < 0.5 * (hi - lo).max() / 48  # on the surface


CLOSED_FORM_VOLUMES = {
    "sphere": (sdf.sphere(0.3), 4 / 3 * math.pi * 0.3**3),
    "box": (sdf.box((0.5, 0.3, 0.4)), 0.5 * 0.3 * 0.4),
    "torus": (sdf.torus(0.3, 0.08), 2 * math.pi**2 * 0.3 * 0.08**2),
    "capsule": (sdf.capsule((0, 0, 0), (0, 0.4, 0), 0.1), math.pi * 0.1**2 * 0.4 + 4 / 3 * math.pi * 0.1**3),
    "cylinder": (sdf.cylinder(0.2, 0.5), math.pi * 0.2**2 * 0.5),
    "cone": (sdf.cone(0.25, 0.5), math.pi * 0.25**2 * 0.5 / 3),
}


@pytest.mark.parametrize("name", sorted(CLOSED_FORM_VOLUMES))
def test_mesh_volume_matches_closed_form(name: str) -> None:
    shape, volume = CLOSED_FORM_VOLUMES[name]
    mesh = sdf.to_mesh(shape, 64, uv=False)
    assert mesh.volume == pytest.approx(volume, rel=0.02)


def test_smooth_union_adds_material() -> None:
    a = sdf.sphere(0.2)
    b = sdf.capsule((0.15, 0, 0), (0.5, 0.1, 0), 0.08)
    sharp = sdf.to_mesh(a | b, voxel_size=0.01, uv=False)
    smooth = sdf.to_mesh(a.smooth_union(b, 0.08), voxel_size=0.01, uv=False)
    assert_clean_solid(smooth)
    assert smooth.volume > sharp.volume * 1.005


@pytest.mark.parametrize(
    "shape",
    [
        sdf.box((0.2, 0.8, 0.2), bevel=0.03).twist(3.0),
        sdf.capsule((0, 0, 0), (0.6, 0, 0), 0.06).bend(3.0),
        sdf.ellipsoid((0.5, 0.35, 0.4)).displace(0.05, 4.0, seed=7),
        sdf.sphere(0.3).shell(0.03) - sdf.box((1, 1, 1), center=(0, 0.6, 0)),
        sdf.sphere(0.3).displace(0.04, 5.0, seed=2) & sdf.half_space((0, -1, 0), (0, -0.1, 0)),
    ],
    ids=["twist", "bend", "displace", "open_shell", "cut_rock"],
)
def test_deformed_shapes_mesh_closed_and_outward(shape: sdf.SDF) -> None:
    assert_clean_solid(sdf.to_mesh(shape, 56, uv=False))


def test_hollow_shell_keeps_its_cavity() -> None:
    mesh = sdf.to_mesh(sdf.sphere(0.3).shell(0.05), 48, uv=False)
    assert_clean_solid(mesh)
    expected = 4 / 3 * math.pi * (0.3**3 - 0.25**3)
    assert mesh.volume == pytest.approx(expected, rel=0.03)


def test_creature_meshes_watertight_with_uvs() -> None:
    mesh = sdf.to_mesh(creature(), 56)
    assert_clean_solid(mesh)
    assert mesh.uvs is not None and np.isfinite(mesh.uvs).all()
    uv_tri = mesh.uvs[mesh.faces]
    d1, d2 = uv_tri[:, 1] - uv_tri[:, 0], uv_tri[:, 2] - uv_tri[:, 0]
    uv_area = 0.5 * np.abs(d1[:, 0] * d2[:, 1] - d1[:, 1] * d2[:, 0])
    assert (uv_area > 0).mean() > 0.99
    assert texel_density(mesh) == pytest.approx(1.0 / UV_METERS, rel=1e-6)
    # mirror_x made it symmetric: the mesh spans x evenly
    assert mesh.bounds[0, 0] == pytest.approx(-mesh.bounds[1, 0], abs=0.01)


def test_displacement_is_deterministic() -> None:
    def rock(seed: int) -> Mesh:
        return sdf.sphere(0.3).displace(0.04, 5.0, seed=seed).to_mesh(32)

    first, again, other = rock(11), rock(11), rock(12)
    np.testing.assert_array_equal(first.vertices, again.vertices)
    np.testing.assert_array_equal(first.faces, again.faces)
    np.testing.assert_array_equal(first.normals, again.normals)
    np.testing.assert_array_equal(first.uvs, again.uvs)  # xatlas too is deterministic
    assert first.vertex_count != other.vertex_count or not np.array_equal(first.vertices, other.vertices)
    generator_made = sdf.sphere(0.3).displace(0.04, 5.0, seed=np.random.default_rng(11))
    points = np.random.default_rng(0).uniform(-0.4, 0.4, (1000, 3))
    np.testing.assert_array_equal(
        generator_made(points), sdf.sphere(0.3).displace(0.04, 5.0, seed=11)(points)
    )


def test_simplification_options() -> None:
    shape = sdf.ellipsoid((0.3, 0.2, 0.25))
    dense = sdf.to_mesh(shape, 48, simplify_tolerance=0.0, uv=False)
    default = sdf.to_mesh(shape, 48, uv=False)
    capped = sdf.to_mesh(shape, 48, target_triangles=800, uv=False)
    assert default.triangle_count < 0.6 * dense.triangle_count
    assert 400 < capped.triangle_count <= 800
    for mesh in (dense, default, capped):
        assert_clean_solid(mesh)
    assert capped.volume == pytest.approx(dense.volume, rel=0.03)


def pieces(mesh: Mesh) -> int:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    welded = mesh.weld_map()[mesh.faces]
    edges = np.concatenate([welded[:, [0, 1]], welded[:, [1, 2]]])
    graph = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(welded.max() + 1,) * 2)
    return connected_components(graph, directed=False)[0]


def test_small_pieces_are_dropped_or_kept() -> None:
    big = sdf.sphere(0.3)
    speck = sdf.sphere(0.012, center=(0.5, 0, 0))
    moon = sdf.sphere(0.08, center=(0.6, 0, 0))
    with_speck = sdf.to_mesh(big | speck, voxel_size=0.02, uv=False)
    without = sdf.to_mesh(big, voxel_size=0.02, uv=False)
    assert pieces(with_speck) == pieces(without) == 1  # under 8 voxels: noise, dropped
    assert with_speck.volume == pytest.approx(without.volume, rel=0.01)
    kept = sdf.to_mesh(big | speck, voxel_size=0.02, min_component_volume=0.0, uv=False)
    assert pieces(kept) == 2
    both = sdf.to_mesh(big | moon, voxel_size=0.02, uv=False)
    largest = sdf.to_mesh(big | moon, voxel_size=0.02, largest_only=True, uv=False)
    assert pieces(both) == 2 and pieces(largest) == 1
    assert both.volume > largest.volume * 1.01
    assert_clean_solid(largest)
    hollow = sdf.to_mesh(sdf.sphere(0.3).shell(0.05) | moon, voxel_size=0.02, largest_only=True, uv=False)
    assert pieces(hollow) == 2  # the cavity inside the largest piece stays


def test_unbounded_and_empty_shapes_are_rejected() -> None:
    floor = sdf.half_space((0, 1, 0))
    with pytest.raises(ValueError, match="unbounded"):
        sdf.to_mesh(floor)
    slab = sdf.to_mesh(floor, 16, bounds=[[-0.5, -0.5, -0.5], [0.5, 0.5, 0.5]], uv=False)
    assert_clean_solid(slab)  # clipped by the box and capped
    assert slab.volume == pytest.approx(0.5, rel=0.05)
    with pytest.raises(ValueError, match="no inside"):
        sdf.to_mesh(sdf.sphere(0.1) & sdf.sphere(0.1, center=(1, 0, 0)), 16)
    with pytest.raises(ValueError, match="bounds"):
        sdf.to_mesh(floor, 16, bounds=[[0, 0, 0], [1, 0, 1]])
    with pytest.raises(ValueError):
        sdf.sphere(-1.0)
    with pytest.raises(ValueError):
        sdf.box((1, 0, 1))


def test_custom_shape_with_too_small_bounds_still_closes() -> None:
    ball = sdf.custom(lambda p: np.linalg.norm(p, axis=1) - 0.3, [[-0.2, -0.2, -0.2], [0.2, 0.2, 0.2]])
    mesh = sdf.to_mesh(ball, 32, uv=False)
    assert_clean_solid(mesh)
    assert mesh.volume == pytest.approx(4 / 3 * math.pi * 0.3**3, rel=0.03)


def test_cut_faces_shade_flat() -> None:
    cut = sdf.sphere(0.3) & sdf.half_space((0, -1, 0))
    voxel = 0.6 / 48
    mesh = sdf.to_mesh(cut, 48, uv=False, max_edge=4 * voxel)
    assert_clean_solid(mesh)
    on_cut = np.all(np.abs(mesh.vertices[mesh.faces][:, :, 1]) < 0.02 * voxel, axis=1)
    corners = mesh.faces[on_cut].reshape(-1)
    inner = np.hypot(mesh.vertices[corners, 0], mesh.vertices[corners, 2]) < 0.3 - 2 * voxel
    assert inner.sum() > 20
    # away from the rim the cut is shaded exactly flat (no tilt smeared in from the crease)
    assert (mesh.normals[corners[inner], 1] < -math.cos(math.radians(1))).all()
    # no long slivers on the flat cut: edges are split to about max_edge
    tri = mesh.vertices[mesh.faces]
    assert np.linalg.norm(tri - np.roll(tri, 1, axis=1), axis=2).max() <= 2.2 * 4 * voxel
    unsplit = sdf.to_mesh(cut, 48, uv=False, max_edge=math.inf)
    assert unsplit.triangle_count < mesh.triangle_count
    smooth_only = sdf.to_mesh(cut, 48, uv=False, crease_deg=None)
    assert smooth_only.vertex_count < sdf.to_mesh(cut, 48, uv=False).vertex_count  # no rim split
    assert_clean_solid(smooth_only)


# ============================================================================ noise
def test_noise_range_and_lattice_zeros() -> None:
    gen = noise.GradientNoise3D(5)
    pts = np.random.default_rng(1).uniform(-40, 40, (200000, 3))
    values = gen(pts)
    assert values.min() >= -1.0 and values.max() <= 1.0
    assert 0.15 < values.std() < 0.4
    lattice = np.random.default_rng(2).integers(-50, 50, (100, 3)).astype(float)
    np.testing.assert_allclose(gen(lattice), 0.0, atol=1e-12)
    f = gen.fbm(pts[:20000], octaves=5)
    assert f.min() >= -1.0 and f.max() <= 1.0


def test_noise_is_smooth_and_seeded() -> None:
    pts = np.random.default_rng(3).uniform(-10, 10, (5000, 3))
    a = noise.GradientNoise3D(1)
    step = np.array([1e-4, 0, 0])
    assert np.abs(a(pts + step) - a(pts)).max() < 1e-3  # continuous, bounded slope
    np.testing.assert_array_equal(a(pts), noise.GradientNoise3D(1)(pts))
    assert not np.allclose(a(pts), noise.GradientNoise3D(2)(pts))
    np.testing.assert_array_equal(
        noise.fbm(pts, 4, frequency=2.0, octaves=3), noise.GradientNoise3D(4).fbm(pts * 2.0, octaves=3)
    )
    np.testing.assert_array_equal(noise.perlin(pts, 9), noise.GradientNoise3D(9)(pts))
    with pytest.raises(ValueError):
        noise.GradientNoise3D(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        a.fbm(pts, octaves=0)
