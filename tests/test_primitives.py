"""Toolkit unit tests: closed forms for volume and area, watertightness, outward faces, UVs, normals."""

from __future__ import annotations

import math

import numpy as np
import pytest

from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry import transform as tf
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.uv import UV_METERS, texel_density

R, H = 0.3, 1.1

# (name, mesh factory, closed-form volume, closed-form area)
CASES = [
    ("box", lambda: prim.box((0.4, 0.7, 1.3)), 0.4 * 0.7 * 1.3, 2 * (0.4 * 0.7 + 0.7 * 1.3 + 0.4 * 1.3)),
    ("cylinder", lambda: prim.cylinder(R, H, segments=160), math.pi * R**2 * H, 2 * math.pi * R**2 + 2 * math.pi * R * H),
    ("cone", lambda: prim.cone(R, H, segments=160), math.pi * R**2 * H / 3, math.pi * R**2 + math.pi * R * math.hypot(R, H)),
    (
        "frustum",
        lambda: prim.cone(R, H, 0.1, segments=160),
        math.pi * H / 3 * (R**2 + R * 0.1 + 0.01),
        math.pi * (R**2 + 0.01) + math.pi * (R + 0.1) * math.hypot(R - 0.1, H),
    ),
    ("sphere", lambda: prim.sphere(0.5, segments=128), 4 / 3 * math.pi * 0.125, 4 * math.pi * 0.25),
    (
        "capsule",
        lambda: prim.capsule(0.2, 1.0, segments=128, cap_rings=32),
        math.pi * 0.04 * 0.6 + 4 / 3 * math.pi * 0.008,
        4 * math.pi * 0.04 + 2 * math.pi * 0.2 * 0.6,
    ),
    ("torus", lambda: prim.torus(1.0, 0.2, segments=128, tube_segments=64), 2 * math.pi**2 * 0.04, 4 * math.pi**2 * 0.2),
    (
        "extrude_with_hole",
        lambda: prim.extrude(prim.circle(0.5, 256), 0.1, holes=[prim.circle(0.2, 128)]),
        math.pi * (0.25 - 0.04) * 0.1,
        2 * math.pi * (0.25 - 0.04) + 2 * math.pi * (0.5 + 0.2) * 0.1,
    ),
    (
        "loft_square_prism",
        lambda: prim.loft([np.array([[0, y, 0], [1, y, 0], [1, y, 1], [0, y, 1]], float) for y in (0.0, 2.0)]),
        2.0,
        10.0,
    ),
    (
        "sweep_straight_tube",
        lambda: prim.sweep(prim.circle(0.05, 160), [(0, 0, 0), (0, 0.5, 0), (0, 1.0, 0)]),
        math.pi * 0.0025,
        2 * math.pi * 0.0025 + 2 * math.pi * 0.05,
    ),
]


@pytest.mark.parametrize(("name", "make", "volume", "area"), CASES, ids=[c[0] for c in CASES])
def test_primitive_closed_forms(name, make, volume, area):
    mesh = make()
    assert mesh.is_watertight(), f"{name} is not watertight"
    assert csg.is_manifold(mesh), f"{name} is rejected by manifold3d"
    assert mesh.volume > 0, f"{name} faces inward"
    assert abs(mesh.volume - volume) / volume < 0.01
    assert abs(mesh.area - area) / area < 0.01
    assert mesh.uvs is not None and np.isfinite(mesh.uvs).all()
    assert mesh.normals is not None
    np.testing.assert_allclose(np.linalg.norm(mesh.normals, axis=1), 1.0, atol=1e-6)
    assert (mesh.face_areas() > 0).all()


@pytest.mark.parametrize(
    "make",
    [
        lambda: prim.box((1, 0.5, 0.8), bevel=0.05),
        lambda: prim.cylinder(0.3, 1.0, bevel=0.03),
        lambda: prim.extrude(prim.rounded_rectangle(1, 0.6, 0.12), 0.05, bevel=0.01),
        lambda: prim.sweep(prim.circle(0.02, 16), np.stack([np.cos(t := np.linspace(0, 2 * np.pi, 48, endpoint=False)), np.sin(t) * 0.5, np.sin(2 * t) * 0.3], 1), closed=True),
        lambda: prim.cylinder_between((0, 0, 0), (0.3, 1.0, -0.2), 0.05),
    ],
    ids=["rounded_box", "bevelled_cylinder", "bevelled_extrude", "closed_sweep", "cylinder_between"],
)
def test_shaped_primitives_are_closed_and_outward(make):
    mesh = make()
    assert mesh.is_watertight()
    assert csg.is_manifold(mesh)
    assert mesh.volume > 0


def test_rounded_box_volume_matches_minkowski_formula():
    a, b, c, r = 1.0, 0.5, 0.8, 0.05
    mesh = prim.box((a, b, c), bevel=r, bevel_segments=12)
    # box shrunk by r, swept by a ball of radius r (Steiner formula)
    ai, bi, ci = a - 2 * r, b - 2 * r, c - 2 * r
    exact = ai * bi * ci + 2 * r * (ai * bi + bi * ci + ai * ci) + math.pi * r**2 * (ai + bi + ci) + 4 / 3 * math.pi * r**3
    assert abs(mesh.volume - exact) / exact < 0.01


def test_sphere_normals_are_radial_and_smooth():
    mesh = prim.sphere(1.0, segments=32)
    radial = mesh.vertices / np.linalg.norm(mesh.vertices, axis=1, keepdims=True)
    assert np.einsum("ij,ij->i", radial, mesh.normals).min() > 0.98


def test_cylinder_has_hard_rim_edges():
    mesh = prim.cylinder(0.5, 1.0, segments=32)
    # rim positions carry both an up normal (cap) and a sideways normal (wall)
    top = mesh.vertices[:, 1] > 1.0 - 1e-9
    rim = top & (np.linalg.norm(mesh.vertices[:, [0, 2]], axis=1) > 0.49)
    assert (mesh.normals[rim][:, 1] > 0.99).any() and (np.abs(mesh.normals[rim][:, 1]) < 0.01).any()


@pytest.mark.parametrize(
    "make", [lambda: prim.box((0.2, 0.3, 0.5)), lambda: prim.cylinder(0.1, 0.5), lambda: prim.sphere(0.3)]
)
def test_tiling_uv_density_is_one_unit_per_uv_meters(make):
    density = texel_density(make())
    assert 0.6 / UV_METERS < density < 1.4 / UV_METERS


def test_csg_results_are_manifold_and_keep_uvs():
    body = prim.cylinder(0.04, 0.1, bevel=0.003)
    cavity = prim.cylinder(0.035, 0.1).translated((0, 0.006, 0))
    cup = csg.difference(body, cavity)
    assert cup.is_watertight() and csg.is_manifold(cup) and cup.uvs is not None
    expected = math.pi * (0.04**2 * 0.1 - 0.035**2 * 0.094)
    assert abs(cup.volume - expected) / expected < 0.02
    u = csg.union(prim.box((1, 1, 1)), prim.sphere(0.6, segments=64))
    i = csg.intersection(prim.box((1, 1, 1)), prim.sphere(0.6, segments=64))
    for m in (u, i):
        assert m.is_watertight() and csg.is_manifold(m) and m.volume > 0
    # inclusion-exclusion: |A u B| + |A n B| = |A| + |B|
    sphere_v = prim.sphere(0.6, segments=64).volume
    assert abs(u.volume + i.volume - (1.0 + sphere_v)) < 1e-3


def test_csg_rejects_open_mesh():
    open_mesh = Mesh(np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0]], float), np.array([[0, 1, 2]]))
    with pytest.raises(ValueError, match="closed"):
        csg.union(open_mesh, prim.box((1, 1, 1)))


def test_mirror_keeps_faces_outward_and_arrays_place_copies():
    cone = prim.cone(0.2, 0.5).translated((1, 0, 0))
    mirrored = tf.mirror(cone, "x")
    assert mirrored.volume > 0 and mirrored.is_watertight()
    assert mirrored.bounds[1, 0] < 0
    copies = tf.radial_array(prim.box((0.1, 0.1, 0.1)).translated((1, 0, 0)), 6)
    centres = np.array([c.vertices.mean(axis=0) for c in copies])
    np.testing.assert_allclose(np.linalg.norm(centres[:, [0, 2]], axis=1), 1.0, atol=1e-9)
    line = tf.linear_array(prim.box((0.1, 0.1, 0.1)), 4, (0.5, 0, 0))
    np.testing.assert_allclose([m.vertices[:, 0].mean() for m in line], [0, 0.5, 1.0, 1.5], atol=1e-12)


def test_invalid_arguments_raise_value_error():
    with pytest.raises(ValueError):
        prim.box((1, 0, 1))
    with pytest.raises(ValueError):
        prim.torus(0.1, 0.2)
    with pytest.raises(ValueError):
        prim.capsule(0.5, 0.5)
    with pytest.raises(ValueError):
        prim.loft([np.zeros((4, 3)), np.zeros((5, 3))])


def test_sweep_caps_face_outward_on_paths_that_curl_back():
    """A U-bend (ends side by side) and a full helix turn: every cap must face away from its own end."""
    from meshforge.geometry import primitives as prim

    t = np.linspace(0, np.pi, 24)
    u_path = np.stack([0.05 * np.cos(t), np.zeros_like(t), 0.05 * np.sin(t)], axis=1)
    drop = np.array([0.0, 0.0, -0.03])
    u_path = np.vstack([u_path[:1] + drop, u_path, u_path[-1:] + drop])
    a = np.linspace(0, 2 * np.pi, 48)
    helix = np.stack([0.05 * np.cos(a), 0.004 * a, 0.05 * np.sin(a)], axis=1)
    for path in (u_path, helix):
        tube = prim.sweep(prim.circle(0.006, 16), path)
        assert tube.is_watertight() and tube.volume > 0
