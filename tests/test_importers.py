"""Importers: formats keep parts, materials, UVs and textures; print formats convert to meters Y-up;
hostile files give MeshforgeError naming the file (fuzzed with hypothesis: every truncation length of
small valid files and random byte flips)."""

from __future__ import annotations

import contextlib
import io
import json
import struct
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from meshforge.core.errors import InvalidFileError, MeshforgeError
from meshforge.core.material import Material, Texture
from meshforge.core.model import Model
from meshforge.export import export
from meshforge.geometry.mesh import Mesh
from meshforge.importers import load

CUBE_V = np.array([[x, y, z] for x in (0, 1) for y in (0, 1) for z in (0, 1)], dtype=float) * 0.5
CUBE_F = np.array([[0, 1, 3], [0, 3, 2], [4, 6, 7], [4, 7, 5], [0, 4, 5], [0, 5, 1],
                   [2, 3, 7], [2, 7, 6], [0, 2, 6], [0, 6, 4], [1, 5, 7], [1, 7, 3]])


def textured_model() -> Model:
    uv = CUBE_V[:, :2] * 2
    image = np.zeros((8, 8, 3), np.uint8)
    image[::2, ::2] = 255
    mat = Material("painted", base_color_texture=Texture.from_image(image, "paint"))
    model = Model("cube")
    model.add("body", Mesh(CUBE_V, CUBE_F, None, uv, "atlas"), mat)
    model.add("lid", Mesh(CUBE_V + np.array([0, 0.5, 0]), CUBE_F), Material("steel", metallic=1.0))
    return model


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("samples")
    out = {}
    for ext in ("glb", "obj", "stl", "ply"):
        paths = export(textured_model(), root / f"cube.{ext}")
        out[ext] = paths[0].read_bytes()
    return out


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_glb_keeps_parts_materials_uvs_and_textures(tmp_path):
    (path,) = export(textured_model(), tmp_path / "cube.glb")
    model = load(path)
    assert [p.name for p in model.parts] == ["body", "lid"]
    body = model.part("body")
    assert body.mesh.uvs is not None and body.material.base_color_texture is not None
    assert body.material.base_color_texture.size == (8, 8)
    assert model.part("lid").material.metallic == 1.0
    np.testing.assert_allclose(model.bounds, textured_model().bounds, atol=1e-6)
    assert model.metadata["source_units"] == "m"


def test_gltf_with_side_files(tmp_path):
    export(textured_model(), tmp_path / "cube.gltf")
    model = load(tmp_path / "cube.gltf")
    assert model.part("body").material.base_color_texture is not None
    assert model.triangle_count == 24


def test_obj_with_mtl_and_texture(tmp_path):
    export(textured_model(), tmp_path / "cube.obj")
    model = load(tmp_path / "cube.obj")
    assert model.triangle_count == 24
    textured = [p for p in model.parts if p.material.base_color_texture is not None]
    assert textured and textured[0].mesh.uvs is not None


@pytest.mark.parametrize("ext", ["stl", "3mf"])
def test_print_formats_come_back_in_meters_y_up(tmp_path, ext):
    model = textured_model()
    (path,) = export(model, tmp_path / f"cube.{ext}")
    back = load(path)
    np.testing.assert_allclose(back.extents, model.extents, atol=1e-5)
    np.testing.assert_allclose(back.bounds, model.bounds, atol=1e-5)
    assert back.metadata["source_up"] == "Z"
    assert back.metadata["source_units"] in ("mm", "millimeter")


def test_ply_roundtrip(tmp_path):
    (path,) = export(textured_model(), tmp_path / "cube.ply")
    back = load(path)
    assert back.triangle_count == 24
    np.testing.assert_allclose(back.extents, textured_model().extents, atol=1e-6)


# ------------------------------------------------------------------------------------ bad input
def test_bad_glb_magic(tmp_path, samples):
    path = write(tmp_path, "bad.glb", b"GLTF" + samples["glb"][4:])
    with pytest.raises(InvalidFileError, match=r"bad\.glb.*not a GLB"):
        load(path)


def test_glb_length_larger_than_file(tmp_path, samples):
    data = bytearray(samples["glb"])
    data[8:12] = struct.pack("<I", len(data) + 100)
    with pytest.raises(InvalidFileError, match="truncated"):
        load(write(tmp_path, "long.glb", bytes(data)))


def _glb(doc: dict, binary: bytes) -> bytes:
    text = json.dumps(doc).encode()
    text += b" " * (-len(text) % 4)
    binary += b"\0" * (-len(binary) % 4)
    body = struct.pack("<II", len(text), 0x4E4F534A) + text + struct.pack("<II", len(binary), 0x004E4942) + binary
    return b"glTF" + struct.pack("<II", 2, 12 + len(body)) + body


def _triangle_doc(count: int = 3, indices: list[int] | None = None, coords: list[float] | None = None) -> bytes:
    pos = np.array(coords if coords is not None else [0, 0, 0, 1, 0, 0, 0, 1, 0], np.float32).tobytes()
    doc = {"asset": {"version": "2.0"}, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
           "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
           "accessors": [{"bufferView": 0, "componentType": 5126, "count": count, "type": "VEC3"}],
           "bufferViews": [{"buffer": 0, "byteLength": len(pos)}], "buffers": [{"byteLength": len(pos)}]}
    binary = pos
    if indices is not None:
        idx = np.array(indices, np.uint16).tobytes()
        doc["bufferViews"].append({"buffer": 0, "byteOffset": len(pos), "byteLength": len(idx)})
        doc["accessors"].append({"bufferView": 1, "componentType": 5123, "count": len(indices), "type": "SCALAR"})
        doc["meshes"][0]["primitives"][0]["indices"] = 1
        doc["buffers"][0]["byteLength"] = len(pos) + len(idx)
        binary = pos + idx
    return _glb(doc, binary)


def test_glb_minimal_triangle_loads(tmp_path):
    assert load(write(tmp_path, "t.glb", _triangle_doc())).triangle_count == 1


def test_accessor_out_of_range(tmp_path):
    with pytest.raises(InvalidFileError, match=r"accessors\[0\].*needs"):
        load(write(tmp_path, "a.glb", _triangle_doc(count=4)))


def test_absurd_accessor_count_fails_fast(tmp_path):
    with pytest.raises(InvalidFileError, match="limit"):
        load(write(tmp_path, "huge.glb", _triangle_doc(count=10**12)))


def test_index_out_of_range(tmp_path):
    with pytest.raises(InvalidFileError, match="out of range"):
        load(write(tmp_path, "i.glb", _triangle_doc(indices=[0, 1, 7])))


def test_nan_coordinates(tmp_path):
    with pytest.raises(InvalidFileError, match="NaN"):
        load(write(tmp_path, "n.glb", _triangle_doc(coords=[0, 0, 0, 1, float("nan"), 0, 0, 1, 0])))


def test_texture_that_is_not_an_image(tmp_path):
    export(textured_model(), tmp_path / "cube.gltf")
    for png in tmp_path.glob("*.png"):
        png.write_bytes(b"this is not an image")
    with pytest.raises(InvalidFileError, match="not a readable image"):
        load(tmp_path / "cube.gltf")


def test_ply_header_declaring_1e12_vertices_fails_fast(tmp_path):
    data = b"ply\nformat binary_little_endian 1.0\nelement vertex 1000000000000\nproperty float x\n" \
           b"property float y\nproperty float z\nend_header\n" + b"\0" * 64
    with pytest.raises(InvalidFileError, match=r"huge\.ply.*limit"):
        load(write(tmp_path, "huge.ply", data))


def test_ply_header_larger_than_file(tmp_path):
    data = b"ply\nformat binary_little_endian 1.0\nelement vertex 1000000\nproperty float x\n" \
           b"property float y\nproperty float z\nend_header\n" + b"\0" * 64
    with pytest.raises(InvalidFileError, match="truncated or absurd"):
        load(write(tmp_path, "big.ply", data))


def test_stl_count_disagreeing_with_size(tmp_path):
    data = b"x" * 80 + struct.pack("<I", 10**9) + b"\0" * 100
    with pytest.raises(InvalidFileError, match="declares"):
        load(write(tmp_path, "bad.stl", data))


def test_obj_index_out_of_range(tmp_path):
    with pytest.raises(InvalidFileError, match=r"bad\.obj:4.*out of range"):
        load(write(tmp_path, "bad.obj", b"v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n"))


def test_obj_infinite_coordinates(tmp_path):
    with pytest.raises(InvalidFileError, match="NaN or infinite"):
        load(write(tmp_path, "inf.obj", b"v 0 0 0\nv 1 0 inf\nv 0 1 0\nf 1 2 3\n"))


def test_empty_meshes(tmp_path):
    with pytest.raises(InvalidFileError, match="no triangles"):
        load(write(tmp_path, "empty.obj", b"v 0 0 0\nv 1 0 0\n"))
    with pytest.raises(InvalidFileError, match="empty"):
        load(write(tmp_path, "empty.glb", b""))


# ------------------------------------------------------------------------------------ fuzzing
def _load_bytes(tmp_path: Path, ext: str, data: bytes) -> None:
    path = tmp_path / f"fuzz.{ext}"
    path.write_bytes(data)
    with contextlib.suppress(MeshforgeError):
        load(path)


@pytest.mark.parametrize("ext", ["glb", "obj", "stl", "ply"])
def test_every_truncation_length(tmp_path, samples, ext):
    data = samples[ext]
    step = 1 if len(data) <= 4000 else max(1, len(data) // 4000)
    for n in range(0, len(data), step):
        _load_bytes(tmp_path, ext, data[:n])


@pytest.mark.parametrize("ext", ["glb", "obj", "stl", "ply"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=8))
def test_random_byte_flips(tmp_path, samples, ext, flips):
    data = bytearray(samples[ext])
    for where, value in flips:
        data[int(where * len(data))] = value
    _load_bytes(tmp_path, ext, bytes(data))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=st.recursive(st.none() | st.booleans() | st.integers(-5, 10**13) | st.text(max_size=5),
                        lambda c: st.lists(c, max_size=4) | st.dictionaries(
                            st.sampled_from(["asset", "version", "scenes", "nodes", "mesh", "meshes", "primitives",
                                             "attributes", "POSITION", "accessors", "count", "bufferView",
                                             "bufferViews", "buffers", "byteLength", "componentType", "type"]),
                            c, max_size=5), max_leaves=30))
def test_random_gltf_documents(tmp_path, doc):
    _load_bytes(tmp_path, "glb", _glb(doc if isinstance(doc, dict) else {"asset": doc}, b"\0" * 36))


def test_image_bytes_are_checked_before_decoding(tmp_path):
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, format="PNG")
    from meshforge.importers.gltf import decode_texture

    assert decode_texture(buf.getvalue(), "t", "x").size == (4, 4)
    with pytest.raises(InvalidFileError):
        decode_texture(buf.getvalue()[:20], "t", "x")


# ------------------------------------------------------------------------------------ corpus
CORPUS_FILES = [
    ("gltf_khronos_samples/Duck/glTF-Binary/Duck.glb", True),
    ("gltf_khronos_samples/Duck/glTF/Duck.gltf", True),
    ("gltf_khronos_samples/Avocado/glTF/Avocado.gltf", True),
    ("gltf_khronos_samples/2CylinderEngine/glTF-Binary/2CylinderEngine.glb", False),
    ("classic_meshes/spot/spot_triangulated.obj", False),
    ("classic_meshes/stanford-bunny.obj", False),
    ("misc_formats_assimp/OBJ/spider.obj", True),
    ("misc_formats_assimp/PLY/cube_uv.ply", False),
    ("misc_formats_assimp/STL/Spider_binary.stl", False),
    ("misc_formats_assimp/STL/Spider_ascii.stl", False),
]


@pytest.mark.corpus
@pytest.mark.parametrize(("name", "textured"), CORPUS_FILES)
def test_corpus_models_load(corpus, name, textured):
    model = load(corpus / "models" / name)
    assert model.triangle_count > 0
    assert all(np.isfinite(p.mesh.vertices).all() for p in model.parts)
    if textured:
        assert any(m.base_color_texture is not None for m in model.materials)
        assert all(p.mesh.uvs is not None for p in model.parts if p.material.base_color_texture is not None)
