"""FBX export (``meshforge.export.fbx``) checked by readers we did not write.

* ufbx (PyPI ``ufbx``, run through ``tests/tools/ufbx_dump.py`` in a subprocess, because the 0.0.5
  binding can crash its interpreter when element wrappers are collected): same triangles, welded
  vertex counts, per-corner positions, normals and UVs, node names, hierarchy and transforms,
  materials and textures, unit scale and axes, and the LOD group, for every registered generator and
  for a hand-made model with textures, mirrored / sheared / rotated parts and a LOD chain.
* Blender's own FBX importer (``bpy`` in ``.venv-blender``, made by ``make test``), run once for all
  files through ``tests/tools/blender_import.py``: same counts, sizes in meters, materials and the LOD
  hierarchy as empties.
* A small record walker written here checks the binary layout itself (end offsets, null records,
  footer), which lenient readers would forgive.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from meshforge import __version__
from meshforge.core.errors import ParameterError
from meshforge.core.material import Material, Texture
from meshforge.core.model import Model
from meshforge.core.recipe import Recipe, build
from meshforge.export import EXPORTERS, export, export_bytes
from meshforge.export.fbx import (
    BINARY_MAGIC,
    FOOTER_MAGIC,
    decompose,
    euler_xyz_degrees,
    euler_xyz_matrix,
)
from meshforge.export.registry import Y_UP_TO_Z_UP
from meshforge.generators import catalog
from meshforge.geometry import primitives
from meshforge.geometry.mesh import Mesh

REPO = Path(__file__).resolve().parents[1]
UFBX_DUMP = REPO / "tests" / "tools" / "ufbx_dump.py"
BLENDER_SCRIPT = REPO / "tests" / "tools" / "blender_import.py"
BLENDER_PYTHON = REPO / ".venv-blender" / "bin" / "python"
AXIS_VECTORS = {
    "POSITIVE_X": (1, 0, 0),
    "NEGATIVE_X": (-1, 0, 0),
    "POSITIVE_Y": (0, 1, 0),
    "NEGATIVE_Y": (0, -1, 0),
    "POSITIVE_Z": (0, 0, 1),
    "NEGATIVE_Z": (0, 0, -1),
}
EXPECTED_AXES = {
    "Y": ["POSITIVE_X", "POSITIVE_Y", "POSITIVE_Z"],
    "Z": ["POSITIVE_X", "POSITIVE_Z", "NEGATIVE_Y"],
}
EXPECTED_UNIT_METERS = {"m": 1.0, "cm": 0.01}


# ---------------------------------------------------------------------- readers
def run_ufbx(*paths: Path) -> list[dict]:
    """What ufbx reads from each file (see tests/tools/ufbx_dump.py)."""
    proc = subprocess.run(
        [sys.executable, str(UFBX_DUMP), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, f"ufbx_dump failed ({proc.returncode}): {proc.stderr[-3000:]}"
    results = json.loads(proc.stdout)
    for result in results:
        assert "error" not in result, result
    return results


def run_blender(*paths: Path) -> list[dict]:
    """What Blender's FBX importer builds from each file; fails (never skips) when bpy is not installed."""
    if not BLENDER_PYTHON.exists():
        pytest.fail(
            f"Blender (bpy) is not installed in {BLENDER_PYTHON.parent.parent}: run `make test`, which creates "
            "it (`make .venv-blender/.installed`: python3 -m venv .venv-blender && pip install bpy)",
            pytrace=False,
        )
    proc = subprocess.run(
        [str(BLENDER_PYTHON), str(BLENDER_SCRIPT), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0 and "@@JSON@@" in proc.stdout, (
        f"Blender failed: {proc.stdout[-2000:]} {proc.stderr[-3000:]}"
    )
    return json.loads(proc.stdout.split("@@JSON@@", 1)[1])


def file_to_model(settings: dict) -> np.ndarray:
    """(4, 4) map from a file's coordinates to meshforge's (meters, Y-up), from what the reader reports."""
    right, up, front = (np.array(AXIS_VECTORS[name], dtype=np.float64) for name in settings["axes"])
    m = np.eye(4)
    m[:3, :3] = np.stack([right, up, front]) * settings["unit_meters"]
    return m


# ---------------------------------------------------------------------- test models
def checker_png(name: str, size: int = 32) -> Texture:
    image = Image.new("RGB", (size, size), (200, 180, 150))
    draw = ImageDraw.Draw(image)
    for i in range(0, size, 8):
        draw.rectangle([i, i, i + 3, size - 1], fill=(90, 60, 30))
    return Texture.from_image(image, name)


def painted_material() -> Material:
    """Every texture slot: base color, metallic-roughness, normal map, emissive."""
    yy, xx = np.mgrid[0:16, 0:16]
    metallic_roughness = np.stack([np.zeros_like(xx), xx * 16, (yy > 7) * 255], axis=2).astype(np.uint8)
    normal = np.stack([np.full((16, 16), 128), np.full((16, 16), 140), np.full((16, 16), 250)], axis=2)
    return Material.from_srgb(
        "painted",
        "#d0b090",
        metallic=0.5,
        roughness=0.8,
        base_color_texture=checker_png("paint_basecolor"),
        metallic_roughness_texture=Texture.from_image(metallic_roughness, "paint_mr"),
        normal_texture=Texture.from_image(normal.astype(np.uint8), "paint_normal"),
        normal_scale=0.7,
        emissive_texture=checker_png("paint_glow", 16),
        emissive=(0.2, 0.1, 0.0),
    )


def translate(x: float, y: float, z: float) -> np.ndarray:
    m = np.eye(4)
    m[:3, 3] = (x, y, z)
    return m


def rotate(axis: str, degrees: float) -> np.ndarray:
    angles = {"x": (degrees, 0, 0), "y": (0, degrees, 0), "z": (0, 0, degrees)}[axis]
    m = np.eye(4)
    m[:3, :3] = euler_xyz_matrix(np.array(angles, dtype=np.float64))
    return m


def showcase_model(segments: int = 24) -> Model:
    """Textured, rotated + non-uniformly scaled, mirrored, sheared, translucent and UV-less parts."""
    painted = painted_material()
    steel = Material.from_srgb("steel", (0.6, 0.6, 0.62), metallic=1.0, roughness=0.3)
    glass = Material.from_srgb(
        "glass", (0.8, 0.9, 1.0), alpha=0.3, alpha_mode="BLEND", double_sided=True, emissive=(0.1, 0.2, 0.3)
    )
    leaf = Material.from_srgb("leaf", "#3a7d2c", alpha_mode="MASK", alpha_cutoff=0.3, roughness=0.9)
    model = Model("showcase", metadata={"recipe": {"generator": "test.showcase", "seed": 3}})
    model.add(
        "seat",
        primitives.box((0.5, 0.05, 0.5), bevel=0.01, bevel_segments=max(1, segments // 8)),
        painted,
        translate(0.0, 0.45, 0.0),
    )
    model.add(
        "knob",
        primitives.sphere(0.05, segments=segments),
        painted,
        translate(0.0, 0.6, -0.2) @ rotate("y", 30) @ rotate("x", 20) @ np.diag([1.5, 1.0, 0.5, 1.0]),
    )
    model.add("leg_0", primitives.cylinder(0.02, 0.45, segments=segments), steel, translate(0.2, 0.0, 0.2))
    model.add(
        "leg_1",
        primitives.cylinder(0.02, 0.45, segments=segments),
        steel,
        np.diag([-1.0, 1.0, 1.0, 1.0]) @ translate(0.2, 0.0, -0.2),
    )
    shear = np.eye(4)
    shear[0, 1] = 0.3
    model.add("brace", primitives.box((0.05, 0.3, 0.05)), steel, translate(-0.2, 0.1, 0.0) @ shear)
    model.add("lamp", primitives.sphere(0.08, segments=segments), glass, translate(0.0, 0.9, 0.0))
    tag = primitives.box((0.1, 0.002, 0.05))
    model.add("tag", Mesh(tag.vertices, tag.faces, tag.normals, None), leaf, translate(-0.3, 0.02, 0.3))
    return model


def lod_model() -> Model:
    """The showcase at three tessellations as LOD0..LOD2."""
    model = showcase_model(32)
    model.lods = [showcase_model(16), showcase_model(8)]
    model.lod_screen_sizes = [0.4, 0.15, 0.02]
    return model


@pytest.fixture(scope="module")
def showcase() -> Model:
    return showcase_model()


@pytest.fixture(scope="module")
def lods() -> Model:
    return lod_model()


# ---------------------------------------------------------------------- expectations
def is_rotation_times_positive_scale(matrix: np.ndarray) -> bool:
    linear = matrix[:3, :3]
    gram = linear.T @ linear
    return np.linalg.det(linear) > 0 and np.allclose(gram, np.diag(np.diag(gram)), atol=1e-9)


def welded_vertex_count(mesh: Mesh) -> int:
    return len(np.unique(mesh.weld_map()[mesh.faces]))


def node_name(part_name: str, level: int) -> str:
    return part_name if level == 0 else f"{part_name}_L{level}"


def assert_ufbx_matches(
    model: Model, dump: dict, units: str = "m", up: str = "Y", embedded: bool = True
) -> None:
    """Everything ufbx read from ``dump`` agrees with ``model`` (positions to 1e-9 m, normals to 1e-9)."""
    settings = dump["settings"]
    assert settings["warnings"] == []
    assert settings["version"] == 7400
    assert settings["application"] == ["meshforge", "meshforge", __version__]
    assert settings["unit_meters"] == EXPECTED_UNIT_METERS[units]
    assert settings["original_unit_meters"] == EXPECTED_UNIT_METERS[units]
    assert settings["axes"] == EXPECTED_AXES[up]
    to_model = file_to_model(settings)
    from_model = np.linalg.inv(to_model)

    nodes = {node["name"]: node for node in dump["nodes"]}
    assert len(nodes) == len(dump["nodes"]), "node names are unique"
    levels = [model, *model.lods]
    expected_mesh_nodes = {node_name(p.name, k) for k, level in enumerate(levels) for p in level.parts}
    assert {n["name"] for n in dump["nodes"] if n["attrib_type"] == "MESH"} == expected_mesh_nodes

    for k, level in enumerate(levels):
        for part in level.parts:
            node = nodes[node_name(part.name, k)]
            if model.lods:
                assert node["parent"] == f"{model.name}_LOD{k}"
            else:
                assert node["parent_is_root"]
            mesh = dump["meshes"][node["mesh"]]
            source = part.mesh if part.mesh.normals is not None else part.mesh.with_normals()
            world = source.transformed(part.transform)
            assert mesh["num_triangles"] == mesh["num_faces"] == part.mesh.triangle_count
            assert mesh["face_sizes"] == [3]
            assert mesh["num_vertices"] == welded_vertex_count(part.mesh)
            assert node["materials"] == [part.material.name]

            geometry_to_model = to_model @ np.array(node["geometry_to_world"])
            positions = np.array(mesh["positions"]) @ geometry_to_model[:3, :3].T + geometry_to_model[:3, 3]
            np.testing.assert_allclose(
                positions, world.vertices[world.faces].reshape(-1, 3), rtol=0, atol=1e-9
            )
            normal_matrix = np.linalg.inv(geometry_to_model[:3, :3]).T
            normals = np.array(mesh["normals"]) @ normal_matrix.T
            normals /= np.linalg.norm(normals, axis=1, keepdims=True)
            np.testing.assert_allclose(normals, world.normals[world.faces].reshape(-1, 3), rtol=0, atol=1e-9)
            if part.mesh.uvs is None:
                assert mesh["uvs"] is None
            else:
                assert mesh["uv_sets"] == ["UVMap"]
                np.testing.assert_allclose(
                    np.array(mesh["uvs"]), world.uvs[world.faces].reshape(-1, 2), rtol=0, atol=1e-12
                )

            node_to_model = to_model @ np.array(node["node_to_world"]) @ from_model
            if is_rotation_times_positive_scale(part.transform):
                np.testing.assert_allclose(node_to_model, part.transform, rtol=0, atol=1e-9)
            else:  # mirrors and shears are baked into the vertices; the node keeps the translation
                np.testing.assert_allclose(node_to_model[:3, 3], part.transform[:3, 3], rtol=0, atol=1e-9)
                np.testing.assert_allclose(node_to_model[:3, :3], np.eye(3), rtol=0, atol=1e-12)

    materials = {m["name"]: m for m in dump["materials"]}
    expected_materials = {p.material.name: p.material for level in levels for p in level.parts}
    assert set(materials) == set(expected_materials)
    for name, material in expected_materials.items():
        assert_material_matches(materials[name], material, embedded)

    if model.lods:
        assert len(dump["lod_groups"]) == 1
        group = dump["lod_groups"][0]
        assert group["instances"] == [model.name]
        assert group["relative_distances"]
        expected = [100.0] + [100.0 * s for s in model.lod_screen_sizes[: len(model.lods)]]
        np.testing.assert_allclose([d for d, _ in group["levels"]], expected, rtol=0, atol=1e-9)
        assert nodes[model.name]["attrib_type"] == "LOD_GROUP"
        assert nodes[model.name]["parent_is_root"]
        assert nodes[model.name]["children"] == [f"{model.name}_LOD{k}" for k in range(len(levels))]
    else:
        assert dump["lod_groups"] == []


def assert_material_matches(found: dict, material: Material, embedded: bool) -> None:
    fbx, pbr, user = found["fbx"], found["pbr"], found["user"]
    assert found["shading_model"] == "Phong"
    np.testing.assert_allclose(fbx["diffuse_color"]["value"][:3], material.base_color[:3], atol=1e-12)
    transparency = np.array(fbx["transparency_color"]["value"][:3]) * fbx["transparency_factor"]["value"][0]
    np.testing.assert_allclose(transparency, 1.0 - material.base_color[3], atol=1e-12)
    np.testing.assert_allclose(fbx["emission_color"]["value"][:3], material.emissive, atol=1e-12)
    assert fbx["reflection_factor"]["value"][0] == pytest.approx(material.metallic, abs=1e-12)
    assert pbr["roughness"]["value"][0] == pytest.approx(material.roughness, abs=1e-9)
    assert user["meshforge_metallic"]["value"][0] == material.metallic
    assert user["meshforge_roughness"]["value"][0] == material.roughness
    assert user["meshforge_alpha_mode"]["string"] == material.alpha_mode
    assert user["meshforge_double_sided"]["int"] == int(material.double_sided)

    slots = {t["prop"]: t for t in found["textures"]}
    expected = {}
    if material.base_color_texture is not None:
        expected["DiffuseColor"] = material.base_color_texture.png
    if material.normal_texture is not None:
        expected["NormalMap"] = material.normal_texture.png
        assert fbx["bump_factor"]["value"][0] == pytest.approx(material.normal_scale)
    if material.emissive_texture is not None:
        expected["EmissiveColor"] = material.emissive_texture.png
    mr_slots = {"ShininessExponent", "ReflectionFactor"} if material.metallic_roughness_texture else set()
    assert set(slots) == set(expected) | mr_slots
    for prop, png in expected.items():
        assert slots[prop]["relative_filename"].endswith(".png")
        assert slots[prop]["content_sha1"] == (hashlib.sha1(png).hexdigest() if embedded else None)
    if "DiffuseColor" in expected:
        assert pbr["base_color"]["texture"] == slots["DiffuseColor"]["name"]
    if "NormalMap" in expected:
        assert pbr["normal_map"]["texture"] == slots["NormalMap"]["name"]


# ---------------------------------------------------------------------- binary layout, own walker
def read_records(data: bytes, offset: int, end: int) -> tuple[list[tuple], int]:
    """Parse node records from ``offset`` until a null record; returns ``[(name, values, children)]``."""
    nodes = []
    while True:
        end_offset, count, props_length, name_length = struct.unpack_from("<IIIB", data, offset)
        if end_offset == 0:
            assert data[offset : offset + 13] == bytes(13)
            return nodes, offset + 13
        assert offset < end_offset <= end
        name = data[offset + 13 : offset + 13 + name_length].decode()
        position = offset + 13 + name_length
        values = []
        for _ in range(count):
            code = chr(data[position])
            position += 1
            if code in "CYILFD":
                fmt = {"C": "<?", "Y": "<h", "I": "<i", "L": "<q", "F": "<f", "D": "<d"}[code]
                values.append(struct.unpack_from(fmt, data, position)[0])
                position += struct.calcsize(fmt)
            elif code in "SR":
                (length,) = struct.unpack_from("<I", data, position)
                raw = data[position + 4 : position + 4 + length]
                values.append(raw if code == "R" else raw.decode("utf-8"))
                position += 4 + length
            else:
                length, encoding, size = struct.unpack_from("<III", data, position)
                raw = data[position + 12 : position + 12 + size]
                raw = zlib.decompress(raw) if encoding == 1 else raw
                dtype = {"d": "<f8", "f": "<f4", "i": "<i4", "l": "<i8", "b": "u1"}[code]
                array = np.frombuffer(raw, dtype=dtype)
                assert len(array) == length and encoding in (0, 1)
                values.append(array)
                position += 12 + size
        assert position == offset + 13 + name_length + props_length
        children = []
        if position < end_offset:
            children, position = read_records(data, position, end_offset)
        assert position == end_offset, name
        nodes.append((name, values, children))
        offset = end_offset


def child(node: tuple, name: str) -> tuple:
    return next(c for c in node[2] if c[0] == name)


def test_binary_layout_header_records_and_footer(showcase):
    data = export_bytes(showcase, "fbx")["showcase.fbx"]
    assert data[:23] == BINARY_MAGIC and struct.unpack_from("<I", data, 23)[0] == 7400
    nodes, position = read_records(data, 27, len(data))
    assert [n[0] for n in nodes] == [
        "FBXHeaderExtension",
        "FileId",
        "CreationTime",
        "Creator",
        "GlobalSettings",
        "Documents",
        "References",
        "Definitions",
        "Objects",
        "Connections",
        "Takes",
    ]
    # footer: 16-byte code, zero padding to 16 bytes, 4 zero bytes, version, 120 zeros, magic
    footer = data[position:]
    padding = (-(position + 16)) % 16
    assert footer[16 : 16 + padding + 4] == bytes(padding + 4)
    assert struct.unpack_from("<I", footer, 16 + padding + 4)[0] == 7400
    assert footer[16 + padding + 8 : 16 + padding + 128] == bytes(120)
    assert footer[16 + padding + 128 :] == FOOTER_MAGIC
    assert (position + 16 + padding) % 16 == 0

    by_name = {n[0]: n for n in nodes}
    settings = {p[1][0]: p[1][4:] for p in child(by_name["GlobalSettings"], "Properties70")[2]}
    assert settings["UnitScaleFactor"] == [100.0] and settings["UpAxis"] == [1]
    objects = by_name["Objects"][2]
    definitions = {
        d[1][0]: child(d, "Count")[1][0] for d in by_name["Definitions"][2] if d[0] == "ObjectType"
    }
    kinds = [o[0] for o in objects]
    assert definitions == {"GlobalSettings": 1, **{k: kinds.count(k) for k in set(kinds)}}
    assert child(by_name["Definitions"], "Count")[1][0] == 1 + len(objects)
    ids = [o[1][0] for o in objects]
    assert len(set(ids)) == len(ids) and 0 not in ids
    for connection in by_name["Connections"][2]:
        assert connection[1][1] in ids and (connection[1][2] in ids or connection[1][2] == 0)
    for geometry in (o for o in objects if o[0] == "Geometry"):
        index = child(geometry, "PolygonVertexIndex")[1][0]
        assert (index[2::3] < 0).all() and (index[0::3] >= 0).all() and (index[1::3] >= 0).all()
        assert geometry[1][1].endswith("\x00\x01Geometry")


def test_same_model_gives_identical_bytes(lods):
    for options in ({}, {"ascii": True}, {"embed_textures": False}, {"units": "cm", "up": "Z"}):
        first = export_bytes(lods, "fbx", **options)
        assert first == export_bytes(lod_model(), "fbx", **options), options


def test_exporter_is_registered_with_its_options():
    exporter = EXPORTERS[".fbx"]
    assert (exporter.units, exporter.up) == ("m", "Y")
    assert set(exporter.options) == {"units", "up", "embed_textures", "ascii"}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"units": "mm"}, "units"),
        ({"up": "X"}, "up axis"),
        ({"embed_textures": "yes"}, "embed_textures"),
        ({"ascii": 1}, "ascii"),
    ],
)
def test_bad_option_values_are_parameter_errors(showcase, options, message):
    with pytest.raises(ParameterError, match=message):
        export_bytes(showcase, "fbx", **options)


# ---------------------------------------------------------------------- transforms
def test_decompose_recomposes_rotation_and_scale():
    rng = np.random.default_rng(5)
    for _ in range(200):
        angles = rng.uniform(-180, 180, 3)
        angles[1] = rng.uniform(-89, 89)
        m = np.eye(4)
        m[:3, :3] = euler_xyz_matrix(angles) * rng.uniform(0.1, 3.0, 3)
        m[:3, 3] = rng.normal(size=3)
        node = decompose(m)
        np.testing.assert_allclose(node.baked, np.eye(3))
        np.testing.assert_allclose(node.matrix(), m, atol=1e-12)
        assert (node.scaling > 0).all()


def test_euler_xyz_follows_fbx_order_and_survives_gimbal_lock():
    # eEulerXYZ: X is applied first, so the matrix is Rz @ Ry @ Rx
    np.testing.assert_allclose(euler_xyz_matrix(np.array([90.0, 0, 0])) @ [0, 1, 0], [0, 0, 1], atol=1e-15)
    composed = euler_xyz_matrix(np.array([0, 0, 90.0])) @ euler_xyz_matrix(np.array([90.0, 0, 0]))
    np.testing.assert_allclose(euler_xyz_matrix(np.array([90.0, 0, 90.0])), composed, atol=1e-15)
    for angles in ([30.0, 90.0, 10.0], [0.0, -90.0, 45.0]):
        rotation = euler_xyz_matrix(np.array(angles))
        np.testing.assert_allclose(euler_xyz_matrix(euler_xyz_degrees(rotation)), rotation, atol=1e-12)


def test_mirror_and_shear_are_baked():
    for linear in (
        np.diag([-1.0, 1.0, 1.0]),
        np.array([[1.0, 0.3, 0], [0, 1, 0], [0, 0, 1]]),
        np.diag([1, 0, 1.0]),
    ):
        m = np.eye(4)
        m[:3, :3] = linear
        m[:3, 3] = (1, 2, 3)
        node = decompose(m)
        np.testing.assert_allclose(node.baked, linear)
        np.testing.assert_allclose(node.matrix(), translate(1, 2, 3))


# ---------------------------------------------------------------------- ufbx
def test_ufbx_reads_the_showcase_in_every_unit_and_axis(showcase, tmp_path):
    variants = [("m", "Y"), ("cm", "Y"), ("m", "Z"), ("cm", "Z")]
    paths = [export(showcase, tmp_path / f"showcase_{u}_{a}.fbx", units=u, up=a)[0] for u, a in variants]
    for (units, up), dump in zip(variants, run_ufbx(*paths), strict=True):
        assert_ufbx_matches(showcase, dump, units, up)
        assert not dump["settings"]["ascii"]


def test_ufbx_reads_the_lod_chain(lods, tmp_path):
    path = export(lods, tmp_path / "showcase_lods.fbx")[0]
    (dump,) = run_ufbx(path)
    assert_ufbx_matches(lods, dump)
    assert {node["attrib_type"] for node in dump["nodes"]} >= {"LOD_GROUP", "EMPTY", "MESH"}


def test_ufbx_reads_the_ascii_option_the_same(lods, tmp_path):
    path = export(lods, tmp_path / "ascii.fbx", ascii=True)[0]
    assert path.read_bytes().startswith(b"; FBX 7.4.0 project file")
    (dump,) = run_ufbx(path)
    assert dump["settings"]["ascii"]
    assert_ufbx_matches(lods, dump)


def test_side_by_side_textures(showcase, tmp_path):
    written = export(showcase, tmp_path / "loose.fbx", embed_textures=False)
    files = {p.name: p for p in written}
    assert written[0].name == "loose.fbx" and all(name.startswith("loose_") for name in list(files)[1:])
    (dump,) = run_ufbx(written[0])
    assert_ufbx_matches(showcase, dump, embedded=False)
    painted = next(m for m in dump["materials"] if m["name"] == "painted")
    slots = {t["prop"]: t["relative_filename"] for t in painted["textures"]}
    material = showcase.part("seat").material
    assert files[slots["DiffuseColor"]].read_bytes() == material.base_color_texture.png
    assert files[slots["NormalMap"]].read_bytes() == material.normal_texture.png
    # the glTF metallic-roughness texture becomes grayscale roughness (G) and metallic (B) maps, factors applied
    mr = np.asarray(material.metallic_roughness_texture.image.convert("RGB"), dtype=np.float64)
    rough = np.asarray(
        Image.open(io.BytesIO(files[slots["ShininessExponent"]].read_bytes())), dtype=np.float64
    )
    metal = np.asarray(
        Image.open(io.BytesIO(files[slots["ReflectionFactor"]].read_bytes())), dtype=np.float64
    )
    np.testing.assert_allclose(rough, np.round(mr[..., 1] * material.roughness), atol=0)
    np.testing.assert_allclose(metal, np.round(mr[..., 2] * material.metallic), atol=0)
    # embedded by default: one file only
    assert [p.name for p in export(showcase, tmp_path / "packed.fbx")] == ["packed.fbx"]


@pytest.mark.parametrize("gid", sorted(catalog()))
def test_ufbx_reads_every_generated_model(gid, tmp_path):
    model = build(Recipe(gid))
    path = export(model, tmp_path / f"{gid}.fbx")[0]
    (dump,) = run_ufbx(path)
    assert_ufbx_matches(model, dump)


# ---------------------------------------------------------------------- Blender
def blender_expected_bounds(points: np.ndarray) -> np.ndarray:
    """Bounds in Blender's Z-up world of points in meshforge's frame."""
    converted = points @ Y_UP_TO_Z_UP.T
    return np.array([converted.min(axis=0), converted.max(axis=0)])


def assert_blender_matches(model: Model, report: dict) -> None:
    assert "error" not in report, report
    assert report["result"] == ["FINISHED"]
    assert report["unit_scale"] == 1.0
    objects = {o["name"]: o for o in report["objects"]}
    levels = [model, *model.lods]
    meshes = {n for n, o in objects.items() if o["type"] == "MESH"}
    assert meshes == {node_name(p.name, k) for k, level in enumerate(levels) for p in level.parts}
    for k, level in enumerate(levels):
        for part in level.parts:
            found = objects[node_name(part.name, k)]
            assert found["vertices"] == welded_vertex_count(part.mesh), part.name
            assert found["polygons"] == found["triangles"] == part.mesh.triangle_count, part.name
            assert found["materials"] == [part.material.name]
            expected = blender_expected_bounds(part.world_mesh().vertices)
            np.testing.assert_allclose(found["bounds"], expected, rtol=0, atol=1e-5, err_msg=part.name)
    points = np.concatenate([level.merged_mesh().vertices for level in levels])
    expected = blender_expected_bounds(points)
    np.testing.assert_allclose(report["bounds"], expected, rtol=0, atol=1e-5)
    np.testing.assert_allclose(report["dimensions"], expected[1] - expected[0], rtol=0, atol=1e-5)
    if model.lods:
        group = objects[model.name]
        assert group["type"] == "EMPTY" and group["parent"] is None
        assert group["children"] == [f"{model.name}_LOD{k}" for k in range(len(levels))]
        for k, level in enumerate(levels):
            assert objects[f"{model.name}_LOD{k}"]["children"] == sorted(
                node_name(p.name, k) for p in level.parts
            )
    materials = {m["name"]: m for m in report["materials"]}
    for material in (p.material for level in levels for p in level.parts):
        found = materials[material.name]
        assert found["metallic"] == pytest.approx(material.metallic, abs=1e-6)
        assert found["roughness"] == pytest.approx(material.roughness, abs=1e-6)
        assert found["alpha"] == pytest.approx(material.base_color[3], abs=1e-6)
        np.testing.assert_allclose(found["base_color"][:3], material.base_color[:3], atol=1e-6)
        assert (found["base_color_image"] is not None) == (material.base_color_texture is not None)
        assert (found["normal_image"] is not None) == (material.normal_texture is not None)
        assert (found["roughness_image"] is not None) == (material.metallic_roughness_texture is not None)


def test_blender_imports_every_fbx_with_same_counts_and_meters(tmp_path):
    """One Blender process for all files: every generator, the LOD chain, centimetres + Z-up, loose PNGs."""
    cases: list[tuple[Model, Path]] = []
    for gid in sorted(catalog()):
        model = build(Recipe(gid))
        cases.append((model, export(model, tmp_path / f"{gid}.fbx")[0]))
    chain = lod_model()
    cases.append((chain, export(chain, tmp_path / "lods.fbx")[0]))
    cases.append((chain, export(chain, tmp_path / "lods_cm_z.fbx", units="cm", up="Z")[0]))
    showcase = showcase_model()
    cases.append((showcase, export(showcase, tmp_path / "loose.fbx", embed_textures=False)[0]))
    reports = run_blender(*(path for _, path in cases))
    assert [r["file"] for r in reports] == [str(path) for _, path in cases]
    for (model, _), report in zip(cases, reports, strict=True):
        assert_blender_matches(model, report)
    embedded = next(r for r in reports if r["file"].endswith("lods.fbx"))
    assert embedded["images"] and all(image["packed"] for image in embedded["images"])
    loose = reports[-1]
    assert loose["images"] and not any(image["packed"] for image in loose["images"])
    assert all(image["size"][0] > 0 for image in loose["images"]), "Blender found the PNGs next to the FBX"
