"""Contract tests of every registered exporter (``meshforge.export``).

Each format is read back by a reader we did not write: the Khronos glTF-Validator (npm
``gltf-validator``, run through ``tests/tools/validate_gltf.mjs``) for GLB/glTF and trimesh for every
format. The tests parametrized over ``EXPORTERS`` cover a new format as soon as it registers.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import trimesh
from lxml import etree
from PIL import Image, ImageDraw

from meshforge import __version__
from meshforge.core.errors import FileAccessError, FormatError, ParameterError
from meshforge.core.material import Material, Texture, linear_to_srgb
from meshforge.core.model import Model, srgb_hex
from meshforge.core.recipe import Recipe, build
from meshforge.export import EXPORTERS, export, export_bytes, formats, registry
from meshforge.export.registry import UNIT_SCALE, Y_UP_TO_Z_UP, Exporter
from meshforge.generators import catalog
from meshforge.geometry.mesh import Mesh

REPO = Path(__file__).resolve().parents[1]
VALIDATOR_SCRIPT = REPO / "tests" / "tools" / "validate_gltf.mjs"
ALL_FORMATS = sorted(EXPORTERS)
#: Formats trimesh cannot read; their own test files check them with an independent reader instead
#: (USDZ: usd-core's Usd.Stage.Open and UsdValidation validators in tests/test_usdz_export.py;
#: FBX: ufbx and Blender in tests/test_fbx_export.py).
NOT_TRIMESH_READABLE = frozenset({".fbx", ".usdz"})
TRIMESH_FORMATS = [ext for ext in ALL_FORMATS if ext not in NOT_TRIMESH_READABLE]
#: Bounds must come back within this many meters (scaled for mm formats: 1e-2 mm).
BOUNDS_TOLERANCE_M = 1e-5


# ---------------------------------------------------------------------- test models
def flat_box(extents: tuple[float, float, float]) -> Mesh:
    """A box with its own three vertices per triangle, planar UVs in meters and no normals."""
    tm = trimesh.creation.box(extents=extents)
    corners = tm.vertices[tm.faces].reshape(-1, 3)
    axis = np.argmax(np.abs(np.repeat(tm.face_normals, 3, axis=0)), axis=1)
    uv = np.take_along_axis(corners, np.array([[1, 2], [0, 2], [0, 1]])[axis], axis=1)
    return Mesh(corners, np.arange(len(corners)).reshape(-1, 3), None, uv)


def uv_sphere(radius: float, subdivisions: int = 2) -> Mesh:
    """An icosphere with trimesh's unit normals and equirectangular UVs scaled to meters."""
    tm = trimesh.creation.icosphere(subdivisions=subdivisions, radius=radius)
    mesh = Mesh.from_trimesh(tm)
    v = mesh.vertices / radius
    u = 0.5 + np.arctan2(v[:, 2], v[:, 0]) / (2 * np.pi)
    w = 0.5 + np.arcsin(np.clip(v[:, 1], -1, 1)) / np.pi
    return Mesh(mesh.vertices, mesh.faces, mesh.normals, np.stack([u, w], axis=1) * 2 * np.pi * radius)


def y_cylinder(radius: float, height: float) -> Mesh:
    """A closed cylinder along +Y centred at the origin, without UVs."""
    tm = trimesh.creation.cylinder(radius=radius, height=height, sections=24)
    tm.apply_transform(trimesh.transformations.rotation_matrix(-np.pi / 2, [1, 0, 0]))
    return Mesh.from_trimesh(tm)


def png_texture(array: np.ndarray, name: str) -> Texture:
    return Texture.from_image(Image.fromarray(array.astype(np.uint8)), name)


def painted_material() -> Material:
    """Textured PBR material: base color, metallic-roughness and normal textures."""
    checker = Image.new("RGB", (64, 64), (200, 180, 150))
    draw = ImageDraw.Draw(checker)
    for i in range(0, 64, 16):
        for j in range(i % 32, 64, 32):
            draw.rectangle([j, i, j + 15, i + 15], fill=(90, 60, 30))
    yy, xx = np.mgrid[0:32, 0:32]
    metallic_roughness = np.stack([np.zeros_like(xx), xx * 8, (yy > 15) * 255], axis=2)
    bump = np.stack([np.sin(xx / 3.0) * 0.3, np.cos(yy / 5.0) * 0.3, np.ones((32, 32))], axis=2)
    bump /= np.linalg.norm(bump, axis=2, keepdims=True)
    return Material.from_srgb(
        "painted",
        "#d0b090",
        metallic=0.5,
        roughness=0.8,
        base_color_texture=Texture.from_image(checker, "paint_basecolor"),
        metallic_roughness_texture=png_texture(metallic_roughness, "paint_mr"),
        normal_texture=png_texture(np.round((bump * 0.5 + 0.5) * 255), "paint_normal"),
        normal_scale=0.7,
    )


def steel() -> Material:
    return Material.from_srgb("steel", (0.6, 0.6, 0.62), metallic=1.0, roughness=0.3)


def translate(x: float, y: float, z: float) -> np.ndarray:
    m = np.eye(4)
    m[:3, 3] = (x, y, z)
    return m


def build_test_model() -> Model:
    """Six parts: textured, mirrored, rotated/scaled, translucent, alpha-masked; shared materials."""
    painted = painted_material()
    model = Model(
        "test chair",
        metadata={
            "recipe": {"generator": "test.chair", "params": {"seat_height": 0.45, "legs": 2}, "seed": 7},
            "source": "text",
            "weights": np.array([0.25, 0.75]),
            "not_json": object(),
            "nan": float("nan"),
        },
    )
    model.add("seat", flat_box((0.5, 0.05, 0.5)), painted, translate(0.0, 0.45, 0.0))
    rotation = trimesh.transformations.rotation_matrix(np.radians(30), [0, 1, 0])
    model.add(
        "knob", uv_sphere(0.05), painted, translate(0.0, 0.6, -0.2) @ rotation @ np.diag([1.5, 1.5, 1.5, 1])
    )
    model.add("leg_0", y_cylinder(0.02, 0.45), steel(), translate(0.2, 0.225, 0.2))
    mirror = np.diag([-1.0, 1.0, 1.0, 1.0])
    model.add("leg_1", y_cylinder(0.02, 0.45), steel(), mirror @ translate(0.2, 0.225, -0.2))
    glass = Material.from_srgb(
        "glass", (0.8, 0.9, 1.0), alpha=0.3, alpha_mode="BLEND", double_sided=True, emissive=(0.1, 0.2, 0.3)
    )
    model.add("lamp", uv_sphere(0.08, 1), glass)
    leaf = Material.from_srgb("leaf", "#3a7d2c", alpha_mode="MASK", alpha_cutoff=0.3, roughness=0.9)
    model.add("leaf", flat_box((0.1, 0.002, 0.05)), leaf, translate(-0.3, 0.02, 0.3))
    return model


@pytest.fixture(scope="module")
def model() -> Model:
    return build_test_model()


def unit_cube_model() -> Model:
    model = Model("cube")
    model.add("cube", flat_box((1.0, 1.0, 1.0)), steel(), translate(0.0, 0.5, 0.0))
    return model


# ---------------------------------------------------------------------- readers
def run_gltf_validator(*paths: Path) -> list[dict]:
    """Khronos glTF-Validator summaries, one per file (fails, never skips, when it is not installed)."""
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "gltf-validator").is_dir():
        pytest.fail(
            "the Khronos glTF-Validator is not installed: run `make test` (or `npm install` in the "
            "repository root, which needs node and npm)",
            pytrace=False,
        )
    proc = subprocess.run(
        [node, str(VALIDATOR_SCRIPT), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, f"validator failed to run: {proc.stderr}"
    return json.loads(proc.stdout)


def assert_validator_clean(*paths: Path, allowed_infos: frozenset[str] = frozenset()) -> None:
    """0 errors, 0 warnings, 0 hints; infos only of the ``allowed_infos`` codes."""
    for report in run_gltf_validator(*paths):
        issues = [(m["code"], m["pointer"], m["message"]) for m in report["messages"]]
        assert report["numErrors"] == 0, issues
        assert report["numWarnings"] == 0, issues
        assert report["numHints"] == 0, issues
        infos = {m["code"] for m in report["messages"] if m["severity"] == 2}
        assert infos <= allowed_infos, issues


def read_glb(data: bytes) -> tuple[dict, bytes]:
    """Split a GLB into its JSON document and BIN chunk, checking the container layout."""
    magic, version, length = struct.unpack_from("<4sII", data, 0)
    assert (magic, version, length) == (b"glTF", 2, len(data))
    json_length, json_type = struct.unpack_from("<II", data, 12)
    assert json_type == 0x4E4F534A and json_length % 4 == 0
    doc = json.loads(data[20 : 20 + json_length])
    offset = 20 + json_length
    bin_length, bin_type = struct.unpack_from("<II", data, offset)
    assert bin_type == 0x004E4942 and bin_length % 4 == 0
    assert offset + 8 + bin_length == len(data)
    return doc, data[offset + 8 : offset + 8 + bin_length]


def write_glb(doc: dict, binary: bytes) -> bytes:
    text = json.dumps(doc).encode()
    text += b" " * ((-len(text)) % 4)
    body = (
        struct.pack("<II", len(text), 0x4E4F534A)
        + text
        + struct.pack("<II", len(binary), 0x004E4942)
        + binary
    )
    return b"glTF" + struct.pack("<II", 2, 12 + len(body)) + body


def read_accessor(doc: dict, binary: bytes, index: int) -> np.ndarray:
    accessor = doc["accessors"][index]
    view = doc["bufferViews"][accessor["bufferView"]]
    dtype = {5126: "<f4", 5123: "<u2", 5125: "<u4"}[accessor["componentType"]]
    width = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4}[accessor["type"]]
    start = view["byteOffset"] + accessor.get("byteOffset", 0)
    values = np.frombuffer(binary, dtype=dtype, count=accessor["count"] * width, offset=start)
    return values.reshape(accessor["count"], width)


def load_with_trimesh(path: Path) -> trimesh.Scene:
    loaded = trimesh.load(str(path), process=False)
    return loaded if isinstance(loaded, trimesh.Scene) else trimesh.Scene(loaded)


def scene_facts(scene: trimesh.Scene) -> tuple[int, np.ndarray]:
    """Triangle count and bounds of a scene with its node transforms applied."""
    meshes = [g for g in scene.dump() if isinstance(g, trimesh.Trimesh)]
    corners = np.array([m.bounds for m in meshes])
    return sum(len(m.faces) for m in meshes), np.array([corners[:, 0].min(axis=0), corners[:, 1].max(axis=0)])


def expected_bounds(model: Model, exporter: Exporter, units: str | None = None) -> np.ndarray:
    """The model's bounds in the exporter's frame (up axis) and units."""
    points = model.merged_mesh().vertices
    if exporter.up == "Z":
        points = points @ Y_UP_TO_Z_UP.T
    points = points * UNIT_SCALE[units or exporter.units]
    return np.array([points.min(axis=0), points.max(axis=0)])


def parse_mtl(text: str) -> dict[str, dict[str, str]]:
    materials: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in text.splitlines():
        key, _, value = line.strip().partition(" ")
        if key == "newmtl":
            current = materials.setdefault(value, {})
        elif key and not key.startswith("#"):
            current[key] = value
    return materials


# ---------------------------------------------------------------------- registry contract
def test_every_expected_format_is_registered():
    assert {".glb", ".gltf", ".obj", ".zip", ".stl", ".ply", ".3mf"} <= set(EXPORTERS)
    assert [e.extension for e in formats()] == sorted(EXPORTERS)


@pytest.mark.parametrize("ext", ALL_FORMATS)
def test_exporter_declares_its_conventions(ext):
    exporter = EXPORTERS[ext]
    assert exporter.extension == ext
    assert exporter.description
    assert exporter.units in UNIT_SCALE
    assert exporter.up in ("Y", "Z")


def test_register_refuses_a_second_exporter_for_an_extension():
    with pytest.raises(ValueError, match="already registered"):
        registry.register(Exporter(".glb", "other", "m", "Y", lambda model, stem: {}))
    with pytest.raises(ValueError, match="lower case"):
        registry.register(Exporter("GLB", "other", "m", "Y", lambda model, stem: {}))


@pytest.mark.parametrize("ext", ALL_FORMATS)
def test_same_model_gives_identical_bytes(model, ext):
    first = export_bytes(model, ext)
    assert first == export_bytes(model, ext)
    assert first == export_bytes(model.copy(), ext)
    assert first == export_bytes(build_test_model(), ext)
    assert next(iter(first)) == f"test_chair{ext}"


def test_bytes_do_not_depend_on_the_process(model):
    """Same digests in fresh interpreters with different hash seeds (no set/dict-order leaks)."""
    script = (
        "import hashlib, sys\n"
        f"sys.path.insert(0, {str(REPO / 'tests')!r})\n"
        "from test_export import build_test_model, ALL_FORMATS\n"
        "from meshforge.export import export_bytes\n"
        "m = build_test_model()\n"
        "for ext in ALL_FORMATS:\n"
        "    for name, data in export_bytes(m, ext).items():\n"
        "        print(name, hashlib.sha256(data).hexdigest())\n"
    )
    local = "".join(
        f"{name} {hashlib.sha256(data).hexdigest()}\n"
        for ext in ALL_FORMATS
        for name, data in export_bytes(model, ext).items()
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
        )
        assert proc.stdout == local


@pytest.mark.parametrize("ext", ALL_FORMATS)
def test_export_writes_exactly_the_bundle(model, ext, tmp_path):
    target = tmp_path / f"My Chair{ext}"
    written = export(model, target)
    bundle = export_bytes(model, ext, stem="My Chair")
    assert written[0] == target
    assert [p.name for p in written[1:]] == list(bundle)[1:]
    assert [p.read_bytes() for p in written] == list(bundle.values())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)


@pytest.mark.parametrize("ext", TRIMESH_FORMATS)
def test_trimesh_reloads_same_triangles_and_bounds(model, ext, tmp_path):
    exporter = EXPORTERS[ext]
    path = export(model, tmp_path / f"chair{ext}")[0]
    triangles, bounds = scene_facts(load_with_trimesh(path))
    assert triangles == model.triangle_count
    tolerance = BOUNDS_TOLERANCE_M * UNIT_SCALE[exporter.units]
    np.testing.assert_allclose(bounds, expected_bounds(model, exporter), rtol=0, atol=tolerance)


@pytest.mark.parametrize("ext", ALL_FORMATS)
def test_overwrites_an_existing_file(model, ext, tmp_path):
    target = tmp_path / f"chair{ext}"
    target.write_bytes(b"old content")
    export(model, target)
    assert target.read_bytes() == next(iter(export_bytes(model, ext, stem="chair").values()))


# ---------------------------------------------------------------------- errors
def test_unknown_extension_is_a_format_error(model, tmp_path):
    with pytest.raises(FormatError) as info:
        export(model, tmp_path / "chair.xyz")
    message = str(info.value)
    assert ".xyz" in message
    assert all(ext in message for ext in ALL_FORMATS)
    with pytest.raises(FormatError, match="no file extension"):
        export(model, tmp_path / "chair")
    with pytest.raises(FormatError, match="accepted extensions"):
        export_bytes(model, "fbx7")
    assert not list(tmp_path.iterdir())


def test_format_names_are_case_and_dot_insensitive(model):
    assert export_bytes(model, "GLB") == export_bytes(model, ".glb")


def test_missing_directory_is_a_file_access_error(model, tmp_path):
    with pytest.raises(FileAccessError, match="does not exist; create it first") as info:
        export(model, tmp_path / "missing" / "chair.glb")
    assert "\n" not in str(info.value)
    (tmp_path / "plain_file").write_text("x")
    with pytest.raises(FileAccessError, match="not a directory"):
        export(model, tmp_path / "plain_file" / "chair.glb")
    (tmp_path / "folder.glb").mkdir()
    with pytest.raises(FileAccessError, match="is a directory"):
        export(model, tmp_path / "folder.glb")


def test_unwritable_directory_is_a_file_access_error(model, tmp_path, monkeypatch):
    # tests may run as root, where permission bits do not stop writes: ask os.access instead
    monkeypatch.setattr(registry.os, "access", lambda path, mode: False)
    with pytest.raises(FileAccessError, match="not writable"):
        export(model, tmp_path / "chair.stl")
    assert not list(tmp_path.iterdir())


def test_bad_options_are_parameter_errors(model):
    with pytest.raises(ParameterError, match="no option 'units'"):
        export_bytes(model, "glb", units="mm")
    with pytest.raises(ParameterError, match="accepted: m, mm, cm, in"):
        export_bytes(model, "stl", units="furlong")
    with pytest.raises(ParameterError, match="up axis"):
        export_bytes(model, "stl", up="X")


def test_models_without_triangles_or_with_nan_are_refused():
    empty = Model("empty")
    empty.add("nothing", Mesh(np.zeros((0, 3)), np.zeros((0, 3), np.int64)), steel())
    with pytest.raises(ValueError, match="no triangles"):
        export_bytes(empty, "glb")
    broken = unit_cube_model()
    broken.parts[0].mesh.vertices[0, 0] = np.nan
    with pytest.raises(ValueError, match="non-finite"):
        export_bytes(broken, "stl")


# ---------------------------------------------------------------------- atomic writes
class FailOnCall:
    """Wraps a function so that its n-th call raises ``error`` (earlier calls go through)."""

    def __init__(self, function, n: int, error: BaseException):
        self.function, self.n, self.error, self.calls = function, n, error, 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        if self.calls == self.n:
            raise self.error
        return self.function(*args, **kwargs)


def test_failure_while_moving_files_leaves_old_target_and_nothing_else(model, tmp_path, monkeypatch):
    target = tmp_path / "chair.gltf"
    target.write_bytes(b"old")
    failing = FailOnCall(os.replace, 2, OSError(28, "No space left on device"))
    monkeypatch.setattr(registry.os, "replace", failing)
    with pytest.raises(FileAccessError, match="No space left on device"):
        export(model, target)
    assert failing.calls == 2
    assert [p.name for p in tmp_path.iterdir()] == ["chair.gltf"]
    assert target.read_bytes() == b"old"


@pytest.mark.parametrize(
    "error", [OSError(5, "Input/output error"), RuntimeError("boom"), KeyboardInterrupt()]
)
def test_failure_while_writing_leaves_nothing(model, tmp_path, monkeypatch, error):
    monkeypatch.setattr(registry.os, "fsync", FailOnCall(os.fsync, 2, error))
    expected = FileAccessError if isinstance(error, OSError) else type(error)
    with pytest.raises(expected):
        export(model, tmp_path / "chair.obj")
    assert not list(tmp_path.iterdir())


def test_failure_inside_an_exporter_writes_nothing(model, tmp_path, monkeypatch):
    from meshforge.export import stl

    monkeypatch.setattr(stl, "model_triangles", FailOnCall(stl.model_triangles, 1, MemoryError()))
    with pytest.raises(MemoryError):
        export(model, tmp_path / "chair.stl")
    assert not list(tmp_path.iterdir())


def test_written_files_get_ordinary_permissions(model, tmp_path):
    path = export(model, tmp_path / "chair.ply")[0]
    umask = os.umask(0o022)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


# ---------------------------------------------------------------------- glTF / GLB
def test_khronos_validator_reports_no_issue_for_glb_and_gltf(model, tmp_path):
    glb = export(model, tmp_path / "chair.glb", keep_uvs=False)[0]
    gltf = export(model, tmp_path / "chair.gltf", keep_uvs=False)[0]
    assert_validator_clean(glb, gltf)
    # default: UVs kept on every part (retexturing); the only extra notes are unused-UV infos
    assert_validator_clean(export(model, tmp_path / "uv.glb")[0], allowed_infos=frozenset({"UNUSED_OBJECT"}))


def test_keep_uvs_writes_uvs_of_untextured_parts(model, tmp_path):
    doc, _ = read_glb(export_bytes(model, "glb", keep_uvs=True)["test_chair.glb"])
    with_uv = [m["name"] for m in doc["meshes"] if "TEXCOORD_0" in m["primitives"][0]["attributes"]]
    assert with_uv == [p.name for p in model.parts if p.mesh.uvs is not None]
    path = export(model, tmp_path / "chair.glb", keep_uvs=True)[0]
    (report,) = run_gltf_validator(path)
    assert report["numErrors"] == report["numWarnings"] == 0
    assert {m["code"] for m in report["messages"]} == {"UNUSED_OBJECT"}


def test_validator_harness_does_report_issues(model, tmp_path):
    """A deliberately broken GLB must be flagged, or the clean reports above mean nothing."""
    doc, binary = read_glb(export_bytes(model, "glb")["test_chair.glb"])
    doc["materials"][0]["alphaCutoff"] = 0.5  # only allowed with alphaMode MASK: a warning
    doc["accessors"][0]["max"] = [9.0, 9.0, 9.0]  # wrong bounds: an error
    path = tmp_path / "broken.glb"
    path.write_bytes(write_glb(doc, binary))
    (report,) = run_gltf_validator(path)
    codes = {m["code"] for m in report["messages"]}
    assert report["numErrors"] >= 1 and report["numWarnings"] >= 1
    assert "MATERIAL_ALPHA_CUTOFF_INVALID_MODE" in codes


def test_glb_layout_and_document(model):
    doc, binary = read_glb(export_bytes(model, "glb")["test_chair.glb"])
    assert doc["asset"] == {"version": "2.0", "generator": f"meshforge {__version__}"}
    root = doc["nodes"][doc["scenes"][0]["nodes"][0]]
    assert root["name"] == "test chair"
    children = [doc["nodes"][i] for i in root["children"]]
    assert [n["name"] for n in children] == [p.name for p in model.parts]
    for node, part in zip(children, model.parts, strict=True):
        if np.allclose(part.transform, np.eye(4)):
            assert "matrix" not in node
        else:
            np.testing.assert_array_equal(np.array(node["matrix"]).reshape(4, 4).T, part.transform)
    assert all(view["byteOffset"] % 4 == 0 for view in doc["bufferViews"])
    assert doc["buffers"] == [{"byteLength": len(binary)}]
    extras = doc["scenes"][0]["extras"]
    assert extras["recipe"] == model.metadata["recipe"]
    assert extras["weights"] == [0.25, 0.75]
    assert "not_json" not in extras and "nan" not in extras
    # painted (twice), steel (two equal instances), glass, leaf -> 4 materials, 3 images, 1 sampler
    assert [m["name"] for m in doc["materials"]] == ["painted", "steel", "glass", "leaf"]
    assert len(doc["images"]) == 3 and all(i["mimeType"] == "image/png" for i in doc["images"])
    assert doc["samplers"] == [{"magFilter": 9729, "minFilter": 9987, "wrapS": 10497, "wrapT": 10497}]
    painted = doc["materials"][0]
    assert painted["normalTexture"]["scale"] == 0.7
    assert {"baseColorTexture", "metallicRoughnessTexture"} <= set(painted["pbrMetallicRoughness"])
    glass, leaf = doc["materials"][2], doc["materials"][3]
    assert glass["alphaMode"] == "BLEND" and glass["doubleSided"] is True and "alphaCutoff" not in glass
    assert glass["emissiveFactor"] == [0.1, 0.2, 0.3]
    assert leaf["alphaMode"] == "MASK" and leaf["alphaCutoff"] == 0.3


def test_glb_attributes_normals_tangents_uvs(model):
    doc, binary = read_glb(export_bytes(model, "glb")["test_chair.glb"])
    for mesh, part in zip(doc["meshes"], model.parts, strict=True):
        (primitive,) = mesh["primitives"]
        attributes = primitive["attributes"]
        normals = read_accessor(doc, binary, attributes["NORMAL"]).astype(np.float64)
        np.testing.assert_allclose(np.linalg.norm(normals, axis=1), 1.0, atol=1e-6)
        positions = read_accessor(doc, binary, attributes["POSITION"])
        accessor = doc["accessors"][attributes["POSITION"]]
        assert accessor["min"] == positions.min(axis=0).tolist()
        assert accessor["max"] == positions.max(axis=0).tolist()
        assert ("TEXCOORD_0" in attributes) == (part.mesh.uvs is not None)  # UVs kept by default
        assert ("TANGENT" in attributes) == (part.material.normal_texture is not None)
        assert doc["accessors"][primitive["indices"]]["componentType"] == 5123
        if "TANGENT" in attributes:
            tangent = read_accessor(doc, binary, attributes["TANGENT"]).astype(np.float64)
            np.testing.assert_allclose(np.linalg.norm(tangent[:, :3], axis=1), 1.0, atol=1e-6)
            assert set(np.unique(tangent[:, 3])) <= {-1.0, 1.0}
            np.testing.assert_allclose(np.einsum("ij,ij->i", tangent[:, :3], normals), 0.0, atol=1e-5)
    # the seat's mesh had no normals: computed ones are flat (box faces) and outward
    seat_doc = doc["meshes"][0]["primitives"][0]["attributes"]
    seat_normals = read_accessor(doc, binary, seat_doc["NORMAL"])
    seat_positions = read_accessor(doc, binary, seat_doc["POSITION"])
    assert np.all(np.einsum("ij,ij->i", seat_normals, seat_positions) > 0)
    # UVs: glTF's origin is the top-left corner, meshforge's the bottom-left (V flipped)
    seat_uv = read_accessor(doc, binary, seat_doc["TEXCOORD_0"]).astype(np.float64)
    mesh = model.part("seat").mesh
    np.testing.assert_allclose(seat_uv[:, 0], mesh.with_normals().uvs[:, 0], atol=1e-6)
    np.testing.assert_allclose(seat_uv[:, 1], 1.0 - mesh.with_normals().uvs[:, 1], atol=1e-6)


def test_tangents_follow_the_uv_directions():
    from meshforge.export.gltf import tangents

    # a quad in the XY plane facing +Z with u along +X and v along +Y: tangent +X, w = +1
    vertices = np.array([[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]], dtype=float)
    faces = np.array([[0, 1, 2], [0, 2, 3]])
    normals = np.tile([0.0, 0.0, 1.0], (4, 1))
    result = tangents(vertices, faces, normals, vertices[:, :2] * 2.0)
    np.testing.assert_allclose(result, np.tile([1.0, 0.0, 0.0, 1.0], (4, 1)), atol=1e-12)
    # mirrored V: bitangent along -Y, so w = -1
    mirrored = tangents(vertices, faces, normals, vertices[:, :2] * [1.0, -1.0])
    np.testing.assert_allclose(mirrored[:, 3], -1.0)
    # no UV gradient at all: any unit vector perpendicular to the normal, w = +1
    flat = tangents(vertices, faces, normals, np.zeros((4, 2)))
    np.testing.assert_allclose(np.linalg.norm(flat[:, :3], axis=1), 1.0)
    np.testing.assert_allclose(flat[:, :3] @ [0.0, 0.0, 1.0], 0.0, atol=1e-12)


def test_trimesh_reads_glb_materials_names_and_recipe(model, tmp_path):
    scene = load_with_trimesh(export(model, tmp_path / "chair.glb")[0])
    assert scene.metadata["recipe"] == model.metadata["recipe"]
    assert {p.name for p in model.parts} <= set(scene.graph.nodes)
    seat = scene.geometry["seat"]
    material = seat.visual.material
    assert isinstance(material, trimesh.visual.material.PBRMaterial)
    assert material.metallicFactor == pytest.approx(0.5)
    assert material.roughnessFactor == pytest.approx(0.8)
    assert material.baseColorTexture.size == (64, 64)
    assert material.normalTexture is not None and material.metallicRoughnessTexture is not None


def test_large_mesh_uses_32_bit_indices_and_validates(tmp_path):
    grid = trimesh.creation.box(extents=(1, 1, 1)).subdivide_to_size(0.008, max_iter=20)
    assert len(grid.vertices) >= 65536
    model = Model("big")
    mesh = Mesh.from_trimesh(grid)
    model.add("big", Mesh(mesh.vertices, mesh.faces, mesh.normals, mesh.vertices[:, :2]), painted_material())
    path = export(model, tmp_path / "big.glb", keep_uvs=False)[0]
    doc, _ = read_glb(path.read_bytes())
    assert doc["accessors"][doc["meshes"][0]["primitives"][0]["indices"]]["componentType"] == 5125
    assert_validator_clean(path)


def test_sheared_transform_is_baked_and_untextured_parts_drop_textures(tmp_path):
    shear = np.eye(4)
    shear[0, 1] = 0.5
    model = Model("odd")
    model.add("sheared", flat_box((1.0, 1.0, 1.0)), steel(), translate(0, 1, 0) @ shear)
    no_uv = Mesh(flat_box((0.2, 0.2, 0.2)).vertices, flat_box((0.2, 0.2, 0.2)).faces)
    model.add("no_uv", no_uv, painted_material(), translate(2, 0, 0))
    glb = export(model, tmp_path / "odd.glb", keep_uvs=False)[0]
    gltf = export(model, tmp_path / "odd.gltf", keep_uvs=False)[0]
    assert_validator_clean(glb, gltf)
    doc, _ = read_glb(glb.read_bytes())
    assert "matrix" not in doc["nodes"][1]
    assert "baseColorTexture" not in doc["materials"][1]["pbrMetallicRoughness"]
    assert "images" not in doc and "samplers" not in doc
    _, bounds = scene_facts(load_with_trimesh(glb))
    np.testing.assert_allclose(bounds, model.bounds, atol=1e-6)


def test_gltf_side_files_and_uris(model):
    bundle = export_bytes(model, "gltf", stem="chair")
    names = list(bundle)
    assert names[:2] == ["chair.gltf", "chair.bin"]
    doc = json.loads(bundle["chair.gltf"])
    assert doc["buffers"] == [{"byteLength": len(bundle["chair.bin"]), "uri": "chair.bin"}]
    assert sorted(image["uri"] for image in doc["images"]) == sorted(names[2:])
    for name in names[2:]:
        assert bundle[name].startswith(b"\x89PNG")


def test_color_space_chunks_are_removed_from_textures(tmp_path):
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(buf, format="PNG", icc_profile=b"\0" * 64, dpi=(72, 96))
    texture = Texture(buf.getvalue(), "tagged")
    model = Model("tagged")
    model.add("box", flat_box((1, 1, 1)), Material("m", base_color_texture=texture))
    path = export(model, tmp_path / "tagged.glb")[0]
    assert_validator_clean(path)
    doc, binary = read_glb(path.read_bytes())
    view = doc["bufferViews"][doc["images"][0]["bufferView"]]
    png = binary[view["byteOffset"] : view["byteOffset"] + view["byteLength"]]
    assert b"iCCP" not in png and b"pHYs" not in png
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(png))), np.asarray(texture.image))


# ---------------------------------------------------------------------- OBJ / MTL / zip
def test_obj_keeps_metallic_roughness_through_the_mtl(model):
    bundle = export_bytes(model, "obj", stem="chair")
    assert list(bundle)[:2] == ["chair.obj", "chair.mtl"]
    materials = parse_mtl(bundle["chair.mtl"].decode())
    assert list(materials) == ["painted", "steel", "glass", "leaf"]
    for part_material in (painted_material(), steel()):
        entry = materials[part_material.name]
        assert float(entry["Pr"]) == pytest.approx(part_material.roughness)
        assert float(entry["Pm"]) == pytest.approx(part_material.metallic)
        kd = [float(x) for x in entry["Kd"].split()]
        np.testing.assert_allclose(kd, part_material.base_color_srgb, atol=1e-6)
    painted = materials["painted"]
    assert painted["map_Kd"] in bundle and painted["norm"].split()[-1] in bundle
    assert painted["norm"].startswith("-bm 0.700000 ")
    source = np.asarray(painted_material().metallic_roughness_texture.image.convert("RGB"), dtype=float)
    roughness = Image.open(io.BytesIO(bundle[painted["map_Pr"]]))
    metallic = Image.open(io.BytesIO(bundle[painted["map_Pm"]]))
    assert roughness.mode == metallic.mode == "L"
    np.testing.assert_array_equal(np.asarray(roughness), np.round(source[..., 1] * 0.8))
    np.testing.assert_array_equal(np.asarray(metallic), np.round(source[..., 2] * 0.5))
    assert float(materials["glass"]["d"]) == pytest.approx(0.3)


def test_obj_structure_names_and_groups(model):
    text = export_bytes(model, "obj", stem="chair")["chair.obj"].decode()
    lines = text.splitlines()
    assert "mtllib chair.mtl" in lines
    assert [line[2:] for line in lines if line.startswith("o ")] == [p.name for p in model.parts]
    assert [line[2:] for line in lines if line.startswith("g ")] == [p.name for p in model.parts]
    assert sum(line.startswith("f ") for line in lines) == model.triangle_count
    assert [line for line in lines if line.startswith("usemtl")][:3] == ["usemtl painted"] * 2 + [
        "usemtl steel"
    ]


def test_trimesh_reads_obj_textures(model, tmp_path):
    scene = load_with_trimesh(export(model, tmp_path / "chair.obj")[0])
    textured = [g for g in scene.geometry.values() if getattr(g.visual, "material", None) is not None]
    images = [getattr(g.visual.material, "image", None) for g in textured]
    assert any(image is not None and image.size == (64, 64) for image in images)


def test_zip_holds_the_obj_bundle_with_fixed_timestamps(model):
    archive = zipfile.ZipFile(io.BytesIO(export_bytes(model, "zip", stem="chair")["chair.zip"]))
    bundle = export_bytes(model, "obj", stem="chair")
    assert archive.namelist() == list(bundle)
    for info in archive.infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert archive.read(info) == bundle[info.filename]


# ---------------------------------------------------------------------- STL / PLY / 3MF
@pytest.mark.parametrize("units", ["m", "mm", "cm", "in"])
def test_stl_units_and_header(units, tmp_path):
    model = unit_cube_model()
    data = export_bytes(model, "stl", units=units)["cube.stl"]
    header = data[:80].decode("ascii")
    assert not header.startswith("solid")
    assert f"units={units}" in header and "up=+Z" in header
    assert struct.unpack_from("<I", data, 80)[0] == model.triangle_count == (len(data) - 84) // 50
    path = tmp_path / "cube.stl"
    path.write_bytes(data)
    _, bounds = scene_facts(load_with_trimesh(path))
    expected = expected_bounds(model, EXPORTERS[".stl"], units)
    np.testing.assert_allclose(bounds, expected, atol=BOUNDS_TOLERANCE_M * UNIT_SCALE[units])
    # Z-up: the cube sits on the build plate (z from 0 up), centred in x and y
    np.testing.assert_allclose(bounds[:, 2], [0.0, UNIT_SCALE[units]], atol=1e-4)


def test_stl_y_up_option_keeps_model_axes(model, tmp_path):
    path = tmp_path / "chair.stl"
    path.write_bytes(export_bytes(model, "stl", units="m", up="Y")["test_chair.stl"])
    _, bounds = scene_facts(load_with_trimesh(path))
    np.testing.assert_allclose(bounds, model.bounds, atol=1e-5)


def test_stl_facet_normals_point_outward(tmp_path):
    data = export_bytes(unit_cube_model(), "stl")["cube.stl"]
    records = np.frombuffer(
        data, dtype=np.dtype([("n", "<f4", 3), ("v", "<f4", (3, 3)), ("a", "<u2")]), offset=84
    )
    centroid = records["v"].mean(axis=1) - [0.0, 0.0, 500.0]
    assert np.all(np.einsum("ij,ij->i", records["n"], centroid) > 0)


def test_ply_colors_uvs_and_units_comment(model, tmp_path):
    data = export_bytes(model, "ply", stem="chair")["chair.ply"]
    header = data[: data.index(b"end_header")].decode()
    assert "format binary_little_endian 1.0" in header
    assert "comment units meters, up +Y" in header
    assert "property list uchar int vertex_indices" in header
    path = tmp_path / "chair.ply"
    path.write_bytes(data)
    mesh = trimesh.load(str(path), process=False)
    raw = mesh.metadata["_ply_raw"]["vertex"]["data"]
    colors = np.stack([raw["red"], raw["green"], raw["blue"]], axis=1).astype(int)
    # vertices come part after part: the runs of equal colors are the parts' sRGB base colors in order
    runs = colors[np.r_[True, np.any(colors[1:] != colors[:-1], axis=1)]]
    expected = []
    for part in model.parts:
        rgb = np.round(linear_to_srgb(np.asarray(part.material.base_color[:3])) * 255).astype(int).tolist()
        if not expected or expected[-1] != rgb:
            expected.append(rgb)
    assert runs.tolist() == expected
    np.testing.assert_allclose(np.linalg.norm(np.asarray(mesh.vertex_normals), axis=1), 1.0, atol=1e-5)
    assert mesh.visual.uv.shape == (len(mesh.vertices), 2)


def test_3mf_is_in_millimetres_z_up(tmp_path):
    path = export(unit_cube_model(), tmp_path / "cube.3mf")[0]
    scene = load_with_trimesh(path)
    assert scene.metadata.get("units") == "millimeter"
    _, bounds = scene_facts(scene)
    np.testing.assert_allclose(bounds[1] - bounds[0], [1000.0, 1000.0, 1000.0], atol=1e-6)
    np.testing.assert_allclose(bounds[:, 2], [0.0, 1000.0], atol=1e-6)


def test_3mf_package_objects_closed_and_colored(model, tmp_path):
    archive = zipfile.ZipFile(io.BytesIO(export_bytes(model, "3mf", stem="chair")["chair.3mf"]))
    assert archive.namelist() == ["[Content_Types].xml", "_rels/.rels", "3D/3dmodel.model"]
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
    rels = etree.fromstring(archive.read("_rels/.rels"))
    assert rels[0].get("Target") == "/3D/3dmodel.model"
    root = etree.fromstring(archive.read("3D/3dmodel.model"))
    ns = {"m": "http://schemas.microsoft.com/3dmanufacturing/core/2015/02"}
    assert root.get("unit") == "millimeter"
    bases = root.findall("m:resources/m:basematerials/m:base", ns)
    objects = root.findall("m:resources/m:object", ns)
    assert [o.get("name") for o in objects] == [p.name for p in model.parts]
    assert len(root.findall("m:build/m:item", ns)) == len(objects)
    for obj, part in zip(objects, model.parts, strict=True):
        base = bases[int(obj.get("pindex"))]
        assert base.get("name") == part.material.name
        assert base.get("displaycolor")[:7] == srgb_hex(part.material)
        vertices = np.array([[float(v.get(k)) for k in "xyz"] for v in obj.iterfind(".//m:vertex", ns)])
        triangles = np.array(
            [[int(t.get(k)) for k in ("v1", "v2", "v3")] for t in obj.iterfind(".//m:triangle", ns)]
        )
        reread = trimesh.Trimesh(vertices, triangles, process=False)
        assert len(triangles) == part.mesh.triangle_count
        assert part.mesh.is_watertight()
        assert reread.is_watertight and reread.is_winding_consistent and reread.volume > 0
        assert math.isclose(reread.volume, part.world_mesh().volume * 1e9, rel_tol=1e-6)
    glass = bases[int(objects[4].get("pindex"))]
    assert len(glass.get("displaycolor")) == 9  # #RRGGBBAA: translucent


# ---------------------------------------------------------------------- generated models
@pytest.mark.parametrize("gid", sorted(catalog()))
def test_generated_models_validate_and_reload_in_every_format(gid, tmp_path):
    """Real generator output (textures, many parts, CSG): validator-clean glTF, trimesh reloads all formats."""
    model = build(Recipe(gid, params={}))
    glb = export(model, tmp_path / f"{gid}.glb")[0]
    gltf = export(model, tmp_path / f"{gid}.gltf")[0]
    assert_validator_clean(glb, gltf, allowed_infos=frozenset({"UNUSED_OBJECT"}))
    for ext in sorted(EXPORTERS):
        path = export(model, tmp_path / f"{gid}{ext}")[0]
        if ext == ".zip" or ext in NOT_TRIMESH_READABLE:
            continue
        loaded = load_with_trimesh(path)
        triangles, bounds = scene_facts(loaded)
        assert triangles == model.triangle_count, ext
        exporter = EXPORTERS[ext]
        tol = 1e-2 if exporter.units == "mm" else 1e-5
        np.testing.assert_allclose(bounds, expected_bounds(model, exporter), atol=tol, err_msg=ext)
