"""The FBX reader (``meshforge.importers.fbx``).

* Files built here with a tiny FBX byte-builder (binary 7.1-7.7, big-endian, zlib arrays, ASCII):
  features (mapping modes, triangulation, materials, textures, transforms, units, axes), checked
  against hand-computed values and against ufbx, a reader we did not write.
* Bad input: bad magic, every truncation length, random byte flips (hypothesis), absurd array
  lengths, zlib bombs, deep nesting, NaN, out-of-range indices: only MeshforgeError, quickly.
* The shared corpus (``../shared/corpus/models/fbx``): every file loads or is refused with a
  MeshforgeError; a table of what loads and why the rest is refused is printed; loaded files match
  ufbx's triangle counts and bounds.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import json
import math
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from meshforge.core.errors import FormatError, InvalidFileError, MeshforgeError
from meshforge.core.material import Material, Texture
from meshforge.core.model import Model
from meshforge.importers import READABLE, load
from meshforge.importers.fbx import MAX_DEPTH, parse_fbx, read_fbx_bytes

UFBX_SCRIPT = Path(__file__).parent / "tools" / "ufbx_reference.py"
HAS_UFBX = importlib.util.find_spec("ufbx") is not None


# ====================================================================== a tiny FBX builder


class I64(int):
    """An integer written as an 'L' (int64) property (object ids)."""


class ObjName(str):
    """An object name, ``Class::Name`` in ASCII and ``Name\\x00\\x01Class`` in binary."""

    def __new__(cls, klass: str, name: str):
        obj = super().__new__(cls, f"{klass}::{name}")
        obj.klass, obj.short = klass, name
        return obj


class N:
    """A node: name, properties, children."""

    def __init__(self, name: str, *props, children=()):
        self.name, self.props, self.children = name, list(props), list(children)


def P(name: str, type_: str, *values, flags: str = "") -> N:
    return N("P", name, type_, "", flags, *values)


def _binary_prop(value, order: str, compress: bool) -> bytes:
    if isinstance(value, bool):
        return b"C" + struct.pack(order + "?", value)
    if isinstance(value, I64):
        return b"L" + struct.pack(order + "q", value)
    if isinstance(value, int):
        return b"I" + struct.pack(order + "i", value)
    if isinstance(value, float):
        return b"D" + struct.pack(order + "d", value)
    if isinstance(value, ObjName):
        raw = value.short.encode() + b"\x00\x01" + value.klass.encode()
        return b"S" + struct.pack(order + "I", len(raw)) + raw
    if isinstance(value, str):
        raw = value.encode()
        return b"S" + struct.pack(order + "I", len(raw)) + raw
    if isinstance(value, bytes):
        return b"R" + struct.pack(order + "I", len(value)) + value
    if isinstance(value, np.ndarray):
        code = {"f8": b"d", "f4": b"f", "i4": b"i", "i8": b"l", "b1": b"b"}[value.dtype.str[1:]]
        raw = value.astype(value.dtype.newbyteorder(order)).tobytes()
        encoding = 0
        if compress:
            raw, encoding = zlib.compress(raw), 1
        return code + struct.pack(order + "III", len(value), encoding, len(raw)) + raw
    raise TypeError(type(value))


def _binary_node(node: N, offset: int, wide: bool, order: str, compress: bool) -> bytes:
    props = b"".join(_binary_prop(v, order, compress) for v in node.props)
    name = node.name.encode()
    word = "Q" if wide else "I"
    header_size = struct.calcsize(order + word * 3 + "B")
    body_start = offset + header_size + len(name) + len(props)
    body = b""
    for child in node.children:
        body += _binary_node(child, body_start + len(body), wide, order, compress)
    if node.children:
        body += b"\x00" * header_size
    end = body_start + len(body)
    return (
        struct.pack(order + word * 3 + "B", end, len(node.props), len(props), len(name)) + name + props + body
    )


def binary_fbx(
    nodes: list[N], version: int = 7400, big_endian: bool = False, compress: bool = False, footer: bool = True
) -> bytes:
    order = ">" if big_endian else "<"
    wide = version >= 7500
    out = (
        b"Kaydara FBX Binary  \x00\x1a" + bytes([1 if big_endian else 0]) + struct.pack(order + "I", version)
    )
    for node in nodes:
        out += _binary_node(node, len(out), wide, order, compress)
    out += b"\x00" * (25 if wide else 13)
    if not footer:
        return out
    footer = bytes(range(16)) + b"\x00" * 4
    footer += b"\x00" * ((16 - (len(out) + len(footer)) % 16) % 16)
    footer += struct.pack("<I", version) + b"\x00" * 120
    footer += bytes.fromhex("f85a8c6adef5d97eece90ce3758f290b")
    return out + footer


def _ascii_value(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        if math.isnan(value):
            return "-1.#IND"  # how MSVC-built exporters print NaN
        return repr(value) if math.isfinite(value) else ("1.#INF" if value > 0 else "-1.#INF")
    if isinstance(value, bytes):
        return '"' + base64.b64encode(value).decode() + '"'
    return '"' + str(value) + '"'


def _ascii_node(node: N, indent: int) -> str:
    pad = "\t" * indent
    if len(node.props) == 1 and isinstance(node.props[0], np.ndarray):
        values = ",".join(_ascii_value(v.item()) for v in node.props[0])
        return f"{pad}{node.name}: *{len(node.props[0])} {{\n{pad}\ta: {values}\n{pad}}}\n"
    head = f"{pad}{node.name}: " + ", ".join(_ascii_value(v) for v in node.props)
    if not node.children:
        return head + "\n"
    return head + " {\n" + "".join(_ascii_node(c, indent + 1) for c in node.children) + pad + "}\n"


def ascii_fbx(nodes: list[N], version: int = 7400) -> bytes:
    text = f"; FBX {version // 1000}.{version % 1000 // 100}.0 project file\n"
    return (text + "".join(_ascii_node(n, 0) for n in nodes)).encode()


def fbx_doc(
    objects: list[N],
    connections: list[tuple],
    *,
    version: int = 7400,
    unit_cm: float = 100.0,
    up: tuple[int, int] = (1, 1),
    front: tuple[int, int] = (2, 1),
    coord: tuple[int, int] = (0, 1),
) -> list[N]:
    settings_props = [
        P("UpAxis", "int", up[0]),
        P("UpAxisSign", "int", up[1]),
        P("FrontAxis", "int", front[0]),
        P("FrontAxisSign", "int", front[1]),
        P("CoordAxis", "int", coord[0]),
        P("CoordAxisSign", "int", coord[1]),
        P("UnitScaleFactor", "double", float(unit_cm)),
    ]
    return [
        N("FBXHeaderExtension", children=[N("FBXHeaderVersion", 1003), N("FBXVersion", version)]),
        N("GlobalSettings", children=[N("Version", 1000), N("Properties70", children=settings_props)]),
        N("Objects", children=objects),
        N("Connections", children=[N("C", kind, I64(c), I64(p), *rest) for kind, c, p, *rest in connections]),
    ]


def polygon_index(polygons: list[list[int]]) -> np.ndarray:
    out = []
    for poly in polygons:
        out += [*poly[:-1], ~poly[-1]]
    return np.array(out, dtype=np.int32)


def geometry(
    gid: int,
    vertices,
    polygons: list[list[int]],
    *,
    layers: list[N] = (),
    name: str = "mesh",
) -> N:
    return N(
        "Geometry",
        I64(gid),
        ObjName("Geometry", name),
        "Mesh",
        children=[
            N("Vertices", np.asarray(vertices, dtype=np.float64).reshape(-1)),
            N("PolygonVertexIndex", polygon_index(polygons)),
            N("GeometryVersion", 124),
            *layers,
        ],
    )


def layer(
    kind: str, mapping: str, reference: str, data_name: str, data, index_name: str = "", index=None
) -> N:
    children = [
        N("Version", 101),
        N("MappingInformationType", mapping),
        N("ReferenceInformationType", reference),
        N(
            data_name,
            np.asarray(data, dtype=np.int32 if kind == "LayerElementMaterial" else np.float64).reshape(-1),
        ),
    ]
    if index is not None:
        children.append(N(index_name, np.asarray(index, dtype=np.int32)))
    return N(kind, 0, children=children)


def model(mid: int, name: str, *props: N) -> N:
    return N(
        "Model",
        I64(mid),
        ObjName("Model", name),
        "Mesh",
        children=[N("Version", 232), N("Properties70", children=list(props))],
    )


def material(mid: int, name: str, *props: N) -> N:
    return N(
        "Material",
        I64(mid),
        ObjName("Material", name),
        "",
        children=[N("Version", 102), N("Properties70", children=list(props))],
    )


def vec(name: str, xyz, type_: str = "Vector3D") -> N:
    return P(name, type_, *(float(v) for v in xyz), flags="A")


CUBE_V = np.array([[x, y, z] for z in (-1, 1) for y in (-1, 1) for x in (-1, 1)], dtype=np.float64)
CUBE_QUADS = [[0, 2, 3, 1], [4, 5, 7, 6], [0, 1, 5, 4], [2, 6, 7, 3], [0, 4, 6, 2], [1, 3, 7, 5]]


def cube_doc(**kwargs) -> list[N]:
    """A 2 m cube (1 unit = 1 m) with one material and per-corner normals."""
    normals = []
    for quad in CUBE_QUADS:
        p = CUBE_V[quad]
        n = np.cross(p[1] - p[0], p[2] - p[0])
        normals += [n / np.linalg.norm(n)] * 4
    geo = geometry(
        10,
        CUBE_V,
        CUBE_QUADS,
        layers=[
            layer("LayerElementNormal", "ByPolygonVertex", "Direct", "Normals", normals),
            layer("LayerElementMaterial", "AllSame", "IndexToDirect", "Materials", [0]),
        ],
    )
    objects = [geo, model(20, "cube"), material(30, "red", vec("DiffuseColor", (1, 0, 0), "Color"))]
    return fbx_doc(objects, [("OO", 20, 0), ("OO", 10, 20), ("OO", 30, 20)], **kwargs)


def read(data: bytes, **kwargs) -> Model:
    return read_fbx_bytes(data, source="test.fbx", **kwargs)


def ufbx_facts(paths: list[Path]) -> dict[str, dict]:
    out = subprocess.run(
        [sys.executable, str(UFBX_SCRIPT), *map(str, paths)], capture_output=True, text=True, timeout=300
    ).stdout
    facts = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return {f["path"]: f for f in facts}


def assert_same_as_ufbx(model_: Model, fact: dict, tol: float = 1e-5) -> None:
    assert "error" not in fact, fact
    assert model_.triangle_count == fact["triangles"]
    b = model_.bounds
    scale = max(1.0, float(np.abs(b).max()))
    np.testing.assert_allclose(b[0], fact["min"], atol=tol * scale)
    np.testing.assert_allclose(b[1], fact["max"], atol=tol * scale)


# ====================================================================== well-formed files

ENCODINGS = [
    pytest.param(dict(version=7100), id="7100"),
    pytest.param(dict(version=7400, compress=True), id="7400-zlib"),
    pytest.param(dict(version=7500), id="7500-64bit"),
    pytest.param(dict(version=7700, compress=True, big_endian=True), id="7700-big-endian-zlib"),
    pytest.param(dict(version=7400, ascii=True), id="7400-ascii"),
]


def encode(nodes: list[N], version: int = 7400, ascii: bool = False, **kwargs) -> bytes:
    return ascii_fbx(nodes, version) if ascii else binary_fbx(nodes, version, **kwargs)


@pytest.mark.parametrize("enc", ENCODINGS)
def test_cube_reads_the_same_in_every_encoding(enc):
    version = enc.get("version", 7400)
    m = read(encode(cube_doc(version=version), **enc))
    assert m.metadata["fbx_version"] == version
    assert m.metadata["fbx_encoding"] == ("ascii" if enc.get("ascii") else "binary")
    assert [p.name for p in m.parts] == ["cube"]
    assert m.triangle_count == 12
    np.testing.assert_allclose(m.bounds, [[-1, -1, -1], [1, 1, 1]])
    mesh = m.parts[0].mesh
    assert mesh.vertex_count == 24  # hard edges: each corner of each face its own vertex
    assert mesh.is_watertight() and mesh.volume == pytest.approx(8.0)
    # normals from the file point outward
    centroids = mesh.vertices[mesh.faces].mean(axis=1)
    assert np.all(np.einsum("ij,ij->i", mesh.face_normals(), centroids) > 0)
    assert np.all(np.einsum("ij,ij->i", mesh.normals, mesh.vertices) > 0)
    mat = m.parts[0].material
    assert mat.name == "red" and mat.base_color == (1.0, 0.0, 0.0, 1.0)
    assert m.metadata["warnings"] == []


def test_load_dispatches_fbx_by_extension(tmp_path):
    assert ".fbx" in READABLE
    path = tmp_path / "Cube.FBX"
    path.write_bytes(binary_fbx(cube_doc()))
    m = load(path)
    assert m.name == "Cube" and m.triangle_count == 12
    (tmp_path / "bad.fbx").write_bytes(b"Kaydara FBX Binary  \x00\x1a\x00" + b"\xff" * 40)
    with pytest.raises(InvalidFileError, match=r"bad\.fbx: "):
        load(tmp_path / "bad.fbx")


@pytest.mark.parametrize(
    "unit_cm,axes,expected",
    [
        (1.0, {}, [[0.5, 0.0, -0.25], [0.5, 0.0, -0.25]]),  # centimetres, Y-up
        (
            100.0,
            dict(up=(2, 1), front=(1, -1)),
            [[50, -25, 0], [50, -25, 0]],
        ),  # Blender/3ds Max: Z-up, -Y front
        (
            2.54,
            dict(up=(2, 1), front=(1, 1), coord=(0, -1)),
            [[-1.27, -0.635, 0], [-1.27, -0.635, 0]],
        ),  # inches
    ],
)
def test_units_and_axes(unit_cm, axes, expected):
    """A tiny triangle at (50, 0, -25) file units; where it lands in meters, Y-up, +Z front."""
    v = [[50, 0, -25], [50 + 1e-9, 0, -25], [50, 1e-9, -25]]
    doc = fbx_doc(
        [geometry(1, v, [[0, 1, 2]]), model(2, "p")], [("OO", 2, 0), ("OO", 1, 2)], unit_cm=unit_cm, **axes
    )
    m = read(binary_fbx(doc))
    np.testing.assert_allclose(m.bounds, expected, atol=1e-6)
    assert m.metadata["fbx_unit_m"] == pytest.approx(unit_cm / 100)


def test_concave_polygons_are_ear_clipped():
    # an L-shaped hexagon and three arrow-head (dart) quads whose reflex corner is the 3rd, 1st and 4th
    # corner (the fan must start there), all concave, in a tilted plane
    hexagon = np.array([[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2]], float)
    dart = np.array([[3, 0], [5, -1], [4, 0], [5, 1]], float)
    darts = [np.roll(dart, shift, axis=0) + np.array([0.0, 3.0 * k]) for k, shift in enumerate((0, 2, 3))]
    flat = np.concatenate([hexagon, *darts])
    tilt = np.array([[1, 0, 0], [0, 0.6, 0.8], [0, -0.8, 0.6]])
    v = np.c_[flat, np.zeros(len(flat))] @ tilt.T
    polygons = [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9], [10, 11, 12, 13], [14, 15, 16, 17]]
    doc = fbx_doc([geometry(1, v, polygons), model(2, "shape")], [("OO", 2, 0), ("OO", 1, 2)])
    mesh = read(binary_fbx(doc)).parts[0].mesh
    assert mesh.triangle_count == 4 + 3 * 2
    assert mesh.area == pytest.approx(3.0 + 3 * 1.0)  # L-shape 3 m², darts 1 m² each: no triangle outside
    normal = tilt @ [0, 0, 1]
    assert np.all(mesh.face_normals() @ normal > 0.999)  # all keep the polygon's orientation


def test_convex_ngon_fans_and_points_lines_are_skipped():
    angles = np.linspace(0, 2 * np.pi, 7)[:-1]
    v = np.c_[np.cos(angles), np.sin(angles), np.zeros(6)]
    doc = fbx_doc(
        [geometry(1, v, [[0, 1, 2, 3, 4, 5], [0, 1]]), model(2, "hex")], [("OO", 2, 0), ("OO", 1, 2)]
    )
    m = read(binary_fbx(doc))
    assert m.triangle_count == 4
    assert m.parts[0].mesh.area == pytest.approx(1.5 * math.sqrt(3))
    assert any("point/line" in w for w in m.metadata["warnings"])


def test_mapping_modes_and_uvs():
    quad = [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 1, 0]]
    v = np.array(quad + [[x + 2, y, z] for x, y, z in quad], float)
    polys = [[0, 1, 2, 3], [4, 5, 6, 7]]
    layers = [
        # per-polygon normals (ByPolygon, Direct): both +Z
        layer("LayerElementNormal", "ByPolygon", "Direct", "Normals", [[0, 0, 1], [0, 0, 1]]),
        # UVs per corner through an index
        layer(
            "LayerElementUV",
            "ByPolygonVertex",
            "IndexToDirect",
            "UV",
            [[0, 0], [1, 0], [1, 1], [0, 1]],
            "UVIndex",
            [0, 1, 2, 3, 3, 2, 1, 0],
        ),
        layer("LayerElementMaterial", "ByPolygon", "IndexToDirect", "Materials", [0, 1]),
    ]
    mats = [material(30, "a", vec("DiffuseColor", (0, 0, 1), "Color")), material(31, "b")]
    doc = fbx_doc(
        [geometry(1, v, polys, layers=layers), model(2, "q"), *mats],
        [("OO", 2, 0), ("OO", 1, 2), ("OO", 30, 2), ("OO", 31, 2)],
    )
    m = read(binary_fbx(doc))
    assert [p.name for p in m.parts] == ["q_a", "q_b"]
    assert [p.material.name for p in m.parts] == ["a", "b"]
    assert m.parts[0].material.base_color == (0, 0, 1, 1)
    a, b = (p.mesh for p in m.parts)
    np.testing.assert_allclose(a.normals, [[0, 0, 1]] * 4)
    # UV follows the vertex: in part a, uv == xy; in part b (reversed index), uv == 1 - (x - 2, y)
    np.testing.assert_allclose(a.uvs, a.vertices[:, :2])
    local = b.vertices[:, :2] - [2, 0]
    np.testing.assert_allclose(b.uvs, np.c_[local[:, 0], 1 - local[:, 1]])

    # ByVertice normals and AllSame material
    layers = [
        layer("LayerElementNormal", "ByVertice", "Direct", "Normals", [[0, 0, 1]] * 8),
        layer("LayerElementMaterial", "AllSame", "IndexToDirect", "Materials", [1]),
    ]
    doc = fbx_doc(
        [geometry(1, v, polys, layers=layers), model(2, "q"), *mats],
        [("OO", 2, 0), ("OO", 1, 2), ("OO", 30, 2), ("OO", 31, 2)],
    )
    m = read(ascii_fbx(doc))
    assert [p.material.name for p in m.parts] == ["b"]
    assert m.parts[0].mesh.uvs is None and m.triangle_count == 4


def test_missing_normals_are_computed_and_bad_indices_refused():
    v = [[0, 0, 0], [1, 0, 0], [0, 1, 0]]
    m = read(binary_fbx(fbx_doc([geometry(1, v, [[0, 1, 2]]), model(2, "t")], [("OO", 2, 0), ("OO", 1, 2)])))
    np.testing.assert_allclose(m.parts[0].mesh.normals, [[0, 0, 1]] * 3)

    bad_uv = layer("LayerElementUV", "ByPolygonVertex", "IndexToDirect", "UV", [[0, 0]], "UVIndex", [0, 0, 5])
    doc = fbx_doc([geometry(1, v, [[0, 1, 2]], layers=[bad_uv]), model(2, "t")], [("OO", 2, 0), ("OO", 1, 2)])
    with pytest.raises(InvalidFileError, match=r"test\.fbx: .*UV index 5 is out of range"):
        read(binary_fbx(doc))
    doc = fbx_doc([geometry(1, v, [[0, 1, 7]]), model(2, "t")], [("OO", 2, 0), ("OO", 1, 2)])
    with pytest.raises(InvalidFileError, match="vertex index 7 is out of range"):
        read(binary_fbx(doc))


def test_nan_vertices_drop_their_polygons_with_a_warning():
    v = CUBE_V.copy()
    v[0] = [math.nan, math.inf, 0]
    doc = fbx_doc([geometry(1, v, CUBE_QUADS), model(2, "c")], [("OO", 2, 0), ("OO", 1, 2)])
    for data in (binary_fbx(doc), ascii_fbx(doc)):
        m = read(data)
        assert m.triangle_count == 6  # the three quads around vertex 0 are gone
        assert np.isfinite(m.bounds).all()
        assert any("NaN or infinite" in w for w in m.metadata["warnings"])
    v[:] = math.nan
    doc = fbx_doc([geometry(1, v, CUBE_QUADS), model(2, "c")], [("OO", 2, 0), ("OO", 1, 2)])
    with pytest.raises(InvalidFileError, match="no triangles"):
        read(binary_fbx(doc))


TRANSFORM_PROPS = [
    vec("Lcl Translation", (10, 20, 30), "Lcl Translation"),
    vec("Lcl Rotation", (30, 45, 60), "Lcl Rotation"),
    vec("Lcl Scaling", (1, 2, 0.5), "Lcl Scaling"),
    P("RotationOrder", "enum", 4),
    vec("PreRotation", (-90, 0, 0)),
    vec("PostRotation", (0, 20, 0)),
    vec("RotationPivot", (1, 2, 3)),
    vec("ScalingPivot", (-1, 0, 2)),
    vec("RotationOffset", (0.5, 0, 0)),
    vec("GeometricTranslation", (0, 5, 0)),
    vec("GeometricRotation", (0, 0, 90)),
]


def transform_doc(**kwargs) -> list[N]:
    """A child cube under a rotated, scaled parent, with every transform property in use."""
    v = CUBE_V * [1, 2, 3] + [0.3, 0, 0]  # asymmetric so rotations show in the bounds
    parent = N(
        "Model",
        I64(40),
        ObjName("Model", "parent"),
        "Null",
        children=[
            N(
                "Properties70",
                children=[
                    vec("Lcl Translation", (-5, 0, 7), "Lcl Translation"),
                    vec("Lcl Rotation", (0, 90, 10), "Lcl Rotation"),
                    vec("Lcl Scaling", (2, 2, 2), "Lcl Scaling"),
                    P("RotationOrder", "enum", 5),
                ],
            )
        ],
    )
    objects = [geometry(10, v, CUBE_QUADS), model(20, "child", *TRANSFORM_PROPS), parent]
    return fbx_doc(objects, [("OO", 40, 0), ("OO", 20, 40), ("OO", 10, 20)], **kwargs)


def test_transforms_compose_like_the_fbx_sdk():
    """Hand-composed with the FBX SDK formula for a simple case: pivots cancel when rotation is zero."""
    props = [
        vec("Lcl Translation", (1, 2, 3), "Lcl Translation"),
        vec("RotationPivot", (5, 5, 5)),
        vec("Lcl Scaling", (2, 2, 2), "Lcl Scaling"),
        vec("ScalingPivot", (1, 0, 0)),
    ]
    doc = fbx_doc([geometry(10, CUBE_V, CUBE_QUADS), model(20, "c", *props)], [("OO", 20, 0), ("OO", 10, 20)])
    m = read(binary_fbx(doc))
    # T * Sp * S * Sp^-1 (the rotation pivot cancels): x -> 2 (x - 1) + 1 + 1 = 2 x, y -> 2 y + 2, z -> 2 z + 3
    np.testing.assert_allclose(m.bounds, [[-2, 0, 1], [2, 4, 5]])
    # rotation (0, 90, 90) moves (1, 0, 0) to (0, 1, 0) when Z turns first (order ZYX = 5),
    # and to (0, 0, -1) when X, Y, Z turn in that order (XYZ = 0, the default)
    v = [[1, 0, 0], [1, 1e-3, 0], [1, 0, 1e-3]]
    for order, expected in ((5, [0, 1, 0]), (0, [0, 0, -1])):
        props = [vec("Lcl Rotation", (0, 90, 90), "Lcl Rotation"), P("RotationOrder", "enum", order)]
        doc = fbx_doc([geometry(10, v, [[0, 1, 2]]), model(20, "c", *props)], [("OO", 20, 0), ("OO", 10, 20)])
        np.testing.assert_allclose(read(binary_fbx(doc)).bounds[0], expected, atol=2e-3)


@pytest.mark.skipif(not HAS_UFBX, reason="ufbx (pip install ufbx) is the independent reference")
def test_transforms_units_and_axes_match_ufbx(tmp_path):
    cases = {
        "y_up_cm.fbx": binary_fbx(transform_doc(unit_cm=1.0)),
        "z_up_m.fbx": binary_fbx(transform_doc(unit_cm=100.0, up=(2, 1), front=(1, -1))),
        "x_up_inch.fbx": binary_fbx(
            transform_doc(unit_cm=2.54, up=(0, -1), front=(2, 1), coord=(1, 1)), 7500
        ),
        "z_up_ascii.fbx": ascii_fbx(transform_doc(unit_cm=10.0, up=(2, 1), front=(1, -1))),
        "concave.fbx": binary_fbx(
            fbx_doc(
                [
                    geometry(
                        1,
                        [[0, 0, 0], [2, 0, 0], [2, 1, 0], [1, 1, 0], [1, 2, 0], [0, 2, 0]],
                        [[0, 1, 2, 3, 4, 5]],
                    ),
                    model(2, "L"),
                ],
                [("OO", 2, 0), ("OO", 1, 2)],
            )
        ),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    facts = ufbx_facts([tmp_path / n for n in cases])
    assert len(facts) == len(cases)
    for name, data in cases.items():
        assert_same_as_ufbx(read(data), facts[str(tmp_path / name)])


# ---------------------------------------------------------------------- materials and textures


def png_bytes(color=(255, 0, 0), size=(4, 4)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, format="PNG")
    return buf.getvalue()


def textured_doc(
    texture_children: list[N], video_children: list[N] | None = None, prop: str = "DiffuseColor"
) -> list[N]:
    objects = [
        geometry(10, [[0, 0, 0], [1, 0, 0], [0, 1, 0]], [[0, 1, 2]]),
        model(20, "t"),
        material(
            30,
            "painted",
            P("Shininess", "double", 25.0),
            vec("EmissiveColor", (0.5, 0.5, 0), "Color"),
            P("Opacity", "double", 0.5),
        ),
        N("Texture", I64(40), ObjName("Texture", "tex"), "", children=texture_children),
    ]
    links = [("OO", 20, 0), ("OO", 10, 20), ("OO", 30, 20), ("OP", 40, 30, prop)]
    if video_children is not None:
        objects.append(N("Video", I64(50), ObjName("Video", "vid"), "Clip", children=video_children))
        links.append(("OO", 50, 40))
    return fbx_doc(objects, links)


@pytest.mark.parametrize("ascii", [False, True], ids=["binary", "ascii"])
def test_embedded_texture(ascii):
    doc = textured_doc(
        [N("RelativeFilename", "tex.png")], [N("RelativeFilename", "tex.png"), N("Content", png_bytes())]
    )
    m = read(ascii_fbx(doc) if ascii else binary_fbx(doc))
    mat = m.parts[0].material
    assert mat.base_color_texture is not None
    assert mat.base_color_texture.image.convert("RGB").getpixel((0, 0)) == (255, 0, 0)
    assert mat.base_color == (1.0, 1.0, 1.0, 0.5) and mat.alpha_mode == "BLEND"
    assert mat.roughness == pytest.approx(0.5) and mat.emissive == (0.5, 0.5, 0.0)


def test_external_textures_only_from_the_files_folder(tmp_path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "wood.png").write_bytes(png_bytes((0, 255, 0)))
    m = read(binary_fbx(textured_doc([N("RelativeFilename", "maps\\wood.png")])), base_dir=tmp_path)
    assert m.parts[0].material.base_color_texture.image.convert("RGB").getpixel((1, 1)) == (0, 255, 0)
    # an absolute path elsewhere is looked up by its name inside the folder only
    m = read(binary_fbx(textured_doc([N("FileName", "C:\\art\\maps\\wood.png")])), base_dir=tmp_path / "maps")
    assert m.parts[0].material.base_color_texture is not None
    # a path leaving the folder is never followed
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes())
    m = read(binary_fbx(textured_doc([N("RelativeFilename", "../secret.png")])), base_dir=tmp_path / "maps")
    assert m.parts[0].material.base_color_texture is None
    assert any("not found" in w for w in m.metadata["warnings"])


def test_unreadable_textures_are_dropped_with_a_warning(tmp_path):
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    m = read(binary_fbx(textured_doc([N("RelativeFilename", "broken.png")])), base_dir=tmp_path)
    assert m.parts[0].material.base_color_texture is None
    assert m.parts[0].material.base_color[:3] == (0.8, 0.8, 0.8)
    assert any("cannot be decoded" in w for w in m.metadata["warnings"])
    m = read(binary_fbx(textured_doc([], [N("Content", b"garbage")])))
    assert any("cannot be decoded" in w for w in m.metadata["warnings"])


def test_pbr_properties_and_texture_slots():
    props = [
        vec("Maya|baseColor", (0.2, 0.4, 0.6), "Color"),
        P("Maya|base", "double", 0.5),
        P("Maya|metalness", "double", 0.75),
        P("Maya|specularRoughness", "double", 0.25),
    ]
    doc = fbx_doc(
        [
            geometry(10, [[0, 0, 0], [1, 0, 0], [0, 1, 0]], [[0, 1, 2]]),
            model(20, "t"),
            material(30, "std", *props),
            N("Texture", I64(40), ObjName("Texture", "n"), "", children=[]),
            N(
                "Video",
                I64(50),
                ObjName("Video", "v"),
                "Clip",
                children=[N("Content", png_bytes((128, 128, 255)))],
            ),
            N("Texture", I64(41), ObjName("Texture", "r"), "", children=[]),
            N(
                "Video",
                I64(51),
                ObjName("Video", "w"),
                "Clip",
                children=[N("Content", png_bytes((60, 60, 60), (8, 8)))],
            ),
        ],
        [
            ("OO", 20, 0),
            ("OO", 10, 20),
            ("OO", 30, 20),
            ("OP", 40, 30, "NormalMap"),
            ("OO", 50, 40),
            ("OP", 41, 30, "Maya|specularRoughness"),
            ("OO", 51, 41),
        ],
    )
    mat = read(binary_fbx(doc)).parts[0].material
    np.testing.assert_allclose(mat.base_color, (0.1, 0.2, 0.3, 1.0))
    assert mat.metallic == 0.75 and mat.roughness == 1.0  # the roughness map carries the value
    assert mat.normal_texture is not None and mat.base_color_texture is None
    mr = mat.metallic_roughness_texture.image
    assert mr.size == (8, 8) and mr.getpixel((0, 0))[1:] == (60, 255)  # G roughness, B = the factor


# ====================================================================== round trips through meshforge's FBX writer


def _pixels(texture) -> np.ndarray:
    return np.asarray(texture.image.convert("RGBA"), dtype=np.int16)


def _assert_same_model(found: Model, expected: Model, tol: float = 1e-5) -> None:
    assert found.triangle_count == expected.triangle_count
    np.testing.assert_allclose(found.bounds, expected.bounds, atol=tol)
    assert [p.name for p in found.parts] == [p.name for p in expected.parts]
    for a, b in zip(expected.parts, found.parts, strict=True):
        np.testing.assert_allclose(b.world_mesh().bounds, a.world_mesh().bounds, atol=tol, err_msg=a.name)
        assert b.material.name == a.material.name
        np.testing.assert_allclose(b.material.base_color, a.material.base_color, atol=1e-6)
        assert (b.material.alpha_mode, b.material.double_sided) == (
            a.material.alpha_mode,
            a.material.double_sided,
        )
        if a.material.base_color_texture is not None:
            assert np.array_equal(
                _pixels(b.material.base_color_texture), _pixels(a.material.base_color_texture)
            )


@pytest.mark.parametrize(
    "options", [{}, {"units": "cm", "up": "Z"}, {"ascii": True}], ids=["m-Y", "cm-Z", "ascii"]
)
def test_every_generator_round_trips_through_fbx(options):
    from meshforge.core.recipe import Recipe, build
    from meshforge.export import export_bytes
    from meshforge.generators import catalog

    for gid in sorted(catalog()):
        model = build(Recipe(gid))
        data = next(iter(export_bytes(model, "fbx", **options).values()))
        found = read(data)
        _assert_same_model(found, model)
        assert found.metadata["warnings"] == [], gid
        # and on to GLB: the same counts and bounds
        glb = next(iter(export_bytes(found, "glb").values()))
        assert len(glb) > 0 and found.triangle_count == model.triangle_count


def test_side_by_side_textures_are_found_next_to_the_file(tmp_path):
    from meshforge.core.recipe import Recipe, build
    from meshforge.export import export_bytes

    model = build(Recipe("chair"))
    bundle = export_bytes(model, "fbx", embed_textures=False)
    assert len(bundle) > 1  # the FBX and its PNGs
    for name, data in bundle.items():
        (tmp_path / name).write_bytes(data)
    found = load(tmp_path / next(iter(bundle)))
    assert found.metadata["warnings"] == []
    _assert_same_model(found, model)


def _rich_model(segments: int) -> Model:
    from meshforge.geometry import primitives

    yy, xx = np.mgrid[0:16, 0:16]
    mr = np.stack([np.zeros_like(xx), xx * 16, (yy > 7) * 255], axis=2).astype(np.uint8)
    painted = Material.from_srgb(
        "painted",
        "#d0b090",
        metallic=0.5,
        roughness=0.8,
        base_color_texture=Texture.from_image(np.full((8, 8, 3), (200, 90, 40), np.uint8), "paint_basecolor"),
        metallic_roughness_texture=Texture.from_image(mr, "paint_mr"),
        normal_texture=Texture.from_image(np.full((4, 4, 3), (128, 140, 250), np.uint8), "paint_normal"),
        normal_scale=0.7,
        emissive=(0.2, 0.1, 0.0),
    )
    glass = Material.from_srgb("glass", (0.8, 0.9, 1.0), alpha=0.3, alpha_mode="BLEND", double_sided=True)
    leaf = Material.from_srgb("leaf", "#3a7d2c", alpha_mode="MASK", alpha_cutoff=0.3, roughness=0.9)
    turn = np.eye(4)
    turn[:3, :3] = [[0, -1, 0], [1, 0, 0], [0, 0, 1]]
    model = Model("rich")
    model.add("seat", primitives.box((0.5, 0.05, 0.5)), painted, np.diag([1.0, 2.0, 0.5, 1.0]))
    model.add("lamp", primitives.sphere(0.08, segments=segments), glass, turn)
    model.add("mirrored", primitives.cylinder(0.02, 0.45, segments=segments), leaf, np.diag([-1.0, 1, 1, 1]))
    return model


def test_materials_textures_transforms_and_lods_round_trip():
    from meshforge.export import export_bytes

    model = _rich_model(32)
    model.lods = [_rich_model(16), _rich_model(8)]
    model.lod_screen_sizes = [0.4, 0.15, 0.02]
    found = read(next(iter(export_bytes(model, "fbx").values())))
    _assert_same_model(found, model)
    assert [lod.triangle_count for lod in found.lods] == [lod.triangle_count for lod in model.lods]
    for level, expected in zip(found.lods, model.lods, strict=True):
        _assert_same_model(level, expected)
    assert found.lod_screen_sizes == pytest.approx([0.4, 0.15])  # FBX has no field for the culling size
    painted, glass, leaf = (found.part(n).material for n in ("seat", "lamp", "mirrored"))
    expected = model.part("seat").material
    assert painted.emissive == pytest.approx(expected.emissive)
    assert painted.normal_scale == pytest.approx(0.7) and painted.normal_texture is not None
    # metallic-roughness: the same effective values (factor x texture channel) as the original
    want = _pixels(expected.metallic_roughness_texture)[..., 1:3] * [expected.roughness, expected.metallic]
    got = _pixels(painted.metallic_roughness_texture)[..., 1:3] * [painted.roughness, painted.metallic]
    assert np.abs(got - want).max() <= 1.0
    assert glass.base_color[3] == pytest.approx(0.3) and glass.double_sided
    assert leaf.alpha_mode == "MASK" and leaf.alpha_cutoff == pytest.approx(0.3) and leaf.roughness == 0.9


# ====================================================================== bad input


def _only_meshforge_errors(data: bytes) -> Model | MeshforgeError:
    try:
        return read(data)
    except MeshforgeError as exc:
        assert "unexpected problem" not in str(exc), str(exc)  # the last-resort net must not be needed
        assert str(exc).startswith("test.fbx: ")
        return exc


def test_bad_magic_and_empty():
    for data in (
        b"",
        b"\x00\x01\x02",
        b"PK\x03\x04" + b"\x00" * 100,
        b"Kaydara FBX Binary  \x00\x1a\x07" + b"\x00" * 40,
    ):
        with pytest.raises(InvalidFileError, match=r"^test\.fbx: "):
            read(data)
    damaged = binary_fbx(cube_doc()).replace(b"\x00", b" ")
    with pytest.raises(InvalidFileError, match="NUL bytes were replaced by spaces"):
        read(damaged)
    with pytest.raises(InvalidFileError, match=r"line 1: expected 'Name:'"):
        read(b"<html><body>not fbx</body></html>")


@pytest.mark.parametrize("version", [3000, 5800, 8100])
def test_unsupported_versions_are_refused_clearly(version):
    for data in (
        binary_fbx(cube_doc(version=version), version),
        ascii_fbx(cube_doc(version=version), version),
    ):
        with pytest.raises(FormatError, match=rf"FBX version {version} .*re-export as FBX 7.x"):
            read(data)


@pytest.mark.parametrize("version", [7400, 7500])
def test_every_truncation_of_a_small_binary_file(version):
    data = binary_fbx(cube_doc(version=version), version, compress=True)
    content_end = len(binary_fbx(cube_doc(version=version), version, compress=True, footer=False))
    for cut in range(len(data)):
        result = _only_meshforge_errors(data[:cut])
        if cut < content_end:  # cut into the node records: refused (a cut footer does not matter)
            assert isinstance(result, InvalidFileError), cut
    assert isinstance(_only_meshforge_errors(data), Model)


def test_every_truncation_of_a_small_ascii_file():
    data = ascii_fbx(cube_doc())
    results = [_only_meshforge_errors(data[:cut]) for cut in range(0, len(data), 7)]
    assert sum(isinstance(r, MeshforgeError) for r in results) > len(results) // 2


SMALL_BINARY = binary_fbx(cube_doc(), 7500, compress=True)
SMALL_ASCII = ascii_fbx(cube_doc())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, len(SMALL_BINARY) - 1), st.integers(0, 255)), min_size=1, max_size=8)
)
def test_random_byte_flips_binary(flips):
    data = bytearray(SMALL_BINARY)
    for pos, value in flips:
        data[pos] = value
    _only_meshforge_errors(bytes(data))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(SMALL_ASCII) - 1), st.sampled_from(b'{}:,;"*-.0123456789aZ \n\x00')),
        min_size=1,
        max_size=6,
    )
)
def test_random_byte_flips_ascii(flips):
    data = bytearray(SMALL_ASCII)
    for pos, value in flips:
        data[pos] = value
    _only_meshforge_errors(bytes(data))


def _array_record(code: bytes, count: int, encoding: int, payload: bytes) -> bytes:
    prop = code + struct.pack("<III", count, encoding, len(payload)) + payload
    name = b"Vertices"
    end = 27 + 13 + len(name) + len(prop)
    return (
        b"Kaydara FBX Binary  \x00\x1a\x00"
        + struct.pack("<I", 7400)
        + struct.pack("<IIIB", end, 1, len(prop), len(name))
        + name
        + prop
        + b"\x00" * 13
    )


def test_absurd_array_lengths_are_refused_before_allocating():
    # raw: 2^31 doubles declared, 8 bytes stored
    with pytest.raises(
        InvalidFileError, match=r"declares 2147483648 elements \(17179869184 bytes\), above the limit"
    ):
        parse_fbx(_array_record(b"d", 2**31, 0, b"\x00" * 8), "test.fbx")
    with pytest.raises(InvalidFileError, match=r"raw array at byte \d+: 1000 x 8 bytes declared, 8 stored"):
        parse_fbx(_array_record(b"d", 1000, 0, b"\x00" * 8), "test.fbx")
    # zlib: 60 M doubles claimed from 20 bytes is an impossible ratio
    with pytest.raises(InvalidFileError, match="impossible ratio"):
        parse_fbx(_array_record(b"d", 60_000_000, 1, zlib.compress(b"\x00" * 8)), "test.fbx")
    # a small file whose arrays would unpack to more than 64 MiB (and 32 times its size)
    zeros = zlib.compress(b"\x00" * 72_000_000, 9)
    with pytest.raises(InvalidFileError, match="decompression bomb"):
        parse_fbx(_array_record(b"d", 9_000_000, 1, zeros), "test.fbx")
    # a zlib bomb inflating past its declared size stops at the declared size + 1
    bomb = zlib.compress(b"\x00" * 50_000_000, 9)
    with pytest.raises(InvalidFileError, match="inflates to 8001 bytes, 8000 declared"):
        parse_fbx(_array_record(b"d", 1000, 1, bomb), "test.fbx")
    # a property length beyond the file
    data = bytearray(_array_record(b"d", 1, 0, b"\x00" * 8))
    struct.pack_into("<I", data, 27, 10**9)
    with pytest.raises(InvalidFileError, match="beyond"):
        parse_fbx(bytes(data), "test.fbx")
    # an unknown encoding and an unknown property type
    with pytest.raises(InvalidFileError, match="unknown encoding 7"):
        parse_fbx(_array_record(b"d", 1, 7, b"\x00" * 8), "test.fbx")
    with pytest.raises(InvalidFileError, match="unknown property type"):
        parse_fbx(_array_record(b"Q", 1, 0, b"\x00" * 8), "test.fbx")


def test_deep_nesting_is_refused():
    node = N("leaf", 1)
    for _ in range(MAX_DEPTH + 10):
        node = N("level", children=[node])
    doc = [N("FBXHeaderExtension", children=[N("FBXVersion", 7400)]), node]
    with pytest.raises(InvalidFileError, match="nested deeper"):
        read(binary_fbx(doc))
    text = b"FBXHeaderExtension: {\nFBXVersion: 7400\n}\n" + b"A: {\n" * 100_000 + b"}\n" * 100_000
    with pytest.raises(InvalidFileError, match="nested deeper"):
        read(text)


def test_scene_graph_problems():
    # a parent cycle
    objects = [geometry(10, CUBE_V, CUBE_QUADS), model(20, "a"), model(21, "b")]
    doc = fbx_doc(objects, [("OO", 20, 21), ("OO", 21, 20), ("OO", 10, 20)])
    with pytest.raises(InvalidFileError, match="cycle"):
        read(binary_fbx(doc))
    # no meshes at all: say what the file holds
    doc = fbx_doc([N("Model", I64(1), ObjName("Model", "bone"), "LimbNode")], [("OO", 1, 0)])
    with pytest.raises(InvalidFileError, match=r"no polygon meshes \(1 LimbNode\)"):
        read(binary_fbx(doc))
    # no Objects section
    with pytest.raises(InvalidFileError, match="no Objects"):
        read(binary_fbx([N("FBXHeaderExtension", children=[N("FBXVersion", 7400)])]))


def test_hostile_values_in_properties():
    props = [vec("Lcl Scaling", (0, 0, 0), "Lcl Scaling")]
    doc = fbx_doc(
        [geometry(10, CUBE_V, CUBE_QUADS), model(20, "flat", *props), model(21, "ok")],
        [("OO", 20, 0), ("OO", 21, 0), ("OO", 10, 20), ("OO", 10, 21)],
        unit_cm=math.inf,
    )
    m = read(ascii_fbx(doc))
    assert [p.name for p in m.parts] == ["ok"]
    assert any("degenerate transform" in w for w in m.metadata["warnings"])
    assert any("UnitScaleFactor" in w for w in m.metadata["warnings"])


# ====================================================================== the shared corpus

#: Facts checked with ufbx 0.0.5 (tests/tools/ufbx_reference.py): triangles and size in meters.
KNOWN = {
    "ufbx/maya_cube_7400_binary.fbx": (12, [0.01, 0.01, 0.01]),
    "ufbx/maya_cube_big_endian_7500_binary.fbx": (12, [0.01, 0.01, 0.01]),
    "ufbx/maya_cube_6100_ascii.fbx": (12, [0.01, 0.01, 0.01]),
    "ufbx/blender_282_suzanne_7400_binary.fbx": (968, [2.734375, 1.96875, 1.703125]),
    "ufbx/blender_293_barbarian_7400_binary.fbx": (3285, [19.073143, 12.27211, 10.520975]),
    "ufbx/marvelous_quad_7200_ascii.fbx": (374, [0.237433, 0.144385, 0.0]),
    "assimp_nonbsd_jeep1/2013_BINARY/jeep1.fbx": (2032, [0.280885, 0.194046, 0.422805]),
    "assimp_bsd/spider.fbx": (1368, [150.591454, 79.737766, 193.382401]),
    "assimp_bsd/global_settings.fbx": (1352, [57.065624, 57.065625, 57.065625]),
}
#: Files the reader refuses, and the words their refusal must contain.
EXPECTED_REFUSALS = {
    "assimp_bsd/transparentTest.fbx": "NUL bytes were replaced",
    "ufbx/max2009_cube_texture_5800_ascii.fbx": "FBX version 5800 is not supported",
    "ufbx/max2009_cube_texture_5800_binary.fbx": "FBX version 3000 is not supported",
    "ufbx/max6_teapot_3000_binary.fbx": "FBX version 3000 is not supported",
    "ufbx/max7_cube_5000_binary.fbx": "FBX version 3000 is not supported",
    "ufbx/maya_character_7500_ascii.fbx": "no polygon meshes",
    "ufbx/maya_character_7500_binary.fbx": "no polygon meshes",
}
#: Files that load today; fewer is a regression.
MIN_LOADED = 34


def _corpus_files(corpus: Path) -> list[Path]:
    root = corpus / "models" / "fbx"
    return sorted(p for p in root.rglob("*") if p.suffix.lower() == ".fbx")


def _manifest(corpus: Path) -> dict[str, dict]:
    rows = (corpus / "models" / "fbx" / "MANIFEST.tsv").read_text().splitlines()
    header = rows[0].split("\t")
    return {r.split("\t")[0]: dict(zip(header, r.split("\t"), strict=False)) for r in rows[1:] if r.strip()}


@pytest.mark.corpus
def test_corpus_conformance(corpus, capsys, request):
    root = corpus / "models" / "fbx"
    files = _corpus_files(corpus)
    manifest = _manifest(corpus)
    assert len(files) >= 41
    rows, loaded, results = [], 0, {}
    for path in files:
        rel = path.relative_to(root).as_posix()
        info = manifest.get(rel, {})
        try:
            m = load(path)
        except MeshforgeError as exc:
            results[rel] = exc
            reason = str(exc).split(": ", 1)[-1]
            rows.append(
                (rel, info.get("header_version", "?"), info.get("encoding", "?"), f"refused: {reason}")
            )
            continue
        results[rel] = m
        loaded += 1
        b = m.bounds
        size = b[1] - b[0]
        assert m.triangle_count > 0
        assert all(np.isfinite(p.mesh.vertices).all() for p in m.parts)
        assert np.isfinite(b).all() and size.max() > 0 and size.max() < 1e4
        for p in m.parts:
            mesh = p.mesh
            assert mesh.faces.min() >= 0 and mesh.faces.max() < mesh.vertex_count
            assert mesh.normals is not None and np.isfinite(mesh.normals).all()
        note = f"; {len(m.metadata['warnings'])} warning(s)" if m.metadata["warnings"] else ""
        rows.append(
            (
                rel,
                str(m.metadata["fbx_version"]),
                m.metadata["fbx_encoding"],
                f"{len(m.parts)} parts, {m.triangle_count} tris, "
                f"{size[0]:.3g} x {size[1]:.3g} x {size[2]:.3g} m{note}",
            )
        )
    widths = [max(len(r[i]) for r in [("file", "version", "encoding"), *rows]) for i in range(3)]
    lines = [f"{'file':<{widths[0]}}  {'version':<{widths[1]}}  {'encoding':<{widths[2]}}  result"]
    lines += [f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c:<{widths[2]}}  {d}" for a, b, c, d in rows]
    table = f"\n\nFBX corpus: {loaded} of {len(files)} files load\n" + "\n".join(lines) + "\n"
    if hasattr(request.config, "workerinput"):
        print(table)  # pytest-xdist worker: captured, shown with `-rP`
    else:
        with capsys.disabled():
            print(table)
    assert loaded >= MIN_LOADED
    for rel, words in EXPECTED_REFUSALS.items():
        assert isinstance(results[rel], MeshforgeError), rel
        assert words in str(results[rel]), (rel, str(results[rel]))
    for rel, (triangles, size) in KNOWN.items():
        m = results[rel]
        assert isinstance(m, Model), rel
        assert m.triangle_count == triangles, rel
        np.testing.assert_allclose(m.extents, size, rtol=1e-5, atol=1e-6, err_msg=rel)
    # textures: embedded (binary and ASCII base64) and side-by-side files
    for rel in (
        "assimp_bsd/embedded_ascii/box.FBX",
        "assimp_bsd/box_orphant_embedded_texture.fbx",
        "assimp_nonbsd_jeep1/2013_ASCII/jeep1.fbx",
        "ufbx/blender_293_barbarian_7400_binary.fbx",
    ):
        assert any(mat.base_color_texture is not None for mat in results[rel].materials), rel


@pytest.mark.corpus
@pytest.mark.skipif(not HAS_UFBX, reason="ufbx (pip install ufbx) is the independent reference")
def test_corpus_matches_ufbx(corpus):
    files = _corpus_files(corpus)
    facts = ufbx_facts(files)
    compared = 0
    for path in files:
        fact = facts.get(str(path))
        try:
            m = load(path)
        except MeshforgeError:
            continue
        assert fact is not None and "error" not in fact, path
        if any("NaN" in w for w in m.metadata["warnings"]):
            # ufbx keeps polygons with NaN corners; we drop them: compare bounds of the rest only
            assert m.triangle_count < fact["triangles"]
            np.testing.assert_allclose(m.bounds, [fact["min"], fact["max"]], atol=1e-6)
            continue
        assert_same_as_ufbx(m, fact)
        compared += 1
    assert compared >= MIN_LOADED - 1
