"""Autodesk FBX 7.4 writer (``.fbx``): binary by default, ASCII on request, for Unity, Unreal, Maya, 3ds Max
and Blender.

Layout notes followed (facts about the format; every line here is our own):

* **Binary encoding**: "FBX binary file format specification" (A. Gessler, reviewed by C. Barton,
  Blender Foundation, code.blender.org, August 2013). A 27-byte header ``Kaydara FBX Binary  \\x00\\x1a\\x00``
  plus a little-endian uint32 version (7400); then node records: uint32 end offset (absolute; 32-bit
  for versions below 7500), uint32 property count, uint32 property bytes, uint8 name length, the name,
  the typed properties, and the nested records closed by a 13-byte null record. The top-level list also
  ends with a null record. Property codes: ``C`` bool, ``Y`` int16, ``I`` int32, ``L`` int64, ``F``
  float32, ``D`` float64, ``S`` string and ``R`` raw bytes (uint32 length + data), arrays ``f d i l b``
  (uint32 count, uint32 encoding 0 = raw / 1 = zlib, uint32 byte length, data). Like Autodesk's
  converter, arrays above 128 bytes are zlib-compressed. Object names are ``name\\x00\\x01Class`` in
  binary and ``"Class::name"`` in ASCII.
* **Null records**: written after a node's children, and for a node with neither properties nor children
  (``References``), as files written by Autodesk's SDK and by Blender's exporter have them.
* **Footer**: as the SDK writes it (seen in the SDK-written samples of ufbx's test data, and described
  by the ``fbxcel`` crate's footer notes): a 16-byte footer code, zero padding to a 16-byte boundary, 4
  zero bytes, the version, 120 zero bytes and the fixed 16-byte magic ``f8 5a 8c 6a ... 29 0b``. The
  SDK derives the footer code and ``FileId`` from the file's ``CreationTime`` by an unpublished rule;
  we write the fixed triple (FileId, ``1970-01-01 10:00:00:000``, footer code) that Blender's exporter
  writes in every file, which the SDK accepts. This also makes the output independent of the clock.
* **Document structure** (FBXHeaderExtension, FileId, CreationTime, Creator, GlobalSettings,
  Documents, References, Definitions, Objects, Connections, Takes), the ``Properties70`` ``P`` record
  layout (name, type, label, flags, values) and the object kinds (Model, Geometry with
  LayerElementNormal / LayerElementUV / LayerElementMaterial / Layer, Material, Texture, Video,
  NodeAttribute; ``OO`` and ``OP`` connections): Blender's "FBX File Structure" notes (B. Montagne,
  wiki.blender.org) and the property names read by Blender's ``io_scene_fbx`` importer and by ufbx.
* **Level of detail**: Autodesk FBX SDK ``FbxLODGroup`` (``ThresholdsUsedAsPercentage``,
  ``Thresholds|LevelN`` of type Distance with a unit string, ``DisplayLevels|LevelN``), one threshold
  fewer than levels; Unity's ``_LOD0.._LODn`` child naming convention.

Contract:

* **Units and axes**: ``units="m"`` (default) writes coordinates in meters with
  ``UnitScaleFactor = 100`` (FBX counts centimetres per file unit); ``units="cm"`` multiplies lengths
  by 100 and writes ``UnitScaleFactor = 1``. ``up="Y"`` (default) keeps meshforge's right-handed Y-up
  frame (UpAxis 1, FrontAxis +2, CoordAxis +0); ``up="Z"`` maps (x, y, z) -> (x, -z, y) and declares
  UpAxis 2, FrontAxis -1, CoordAxis +0 (the 3ds Max / Blender frame). Importers that honour
  GlobalSettings (Blender, Unity, Unreal, ufbx) see the same size in meters either way.
* **Nodes**: one ``Model`` of type Mesh per part, named after the part, with ``Lcl Translation``,
  ``Lcl Rotation`` (Euler XYZ, degrees: R = Rz Ry Rx) and ``Lcl Scaling`` decomposed from the part's
  transform. A linear part that is not rotation x positive axis scale (mirror, shear) is baked into
  the vertices and the node keeps only the translation. Without LODs the part nodes are children of the
  scene root. With ``model.lods``, a ``LodGroup`` node named after the model holds Null nodes
  ``<name>_LOD0 .. <name>_LODn``; each holds its level's parts (parts of levels >= 1 are named
  ``<part>_L<k>`` so every node name is unique). Thresholds are ``lod_screen_sizes`` in percent of
  screen height (missing ones are filled by halving); the last entry (the culling size) has no FBX
  field.
* **Geometry**: control points are the part's welded positions (``Mesh.weld_map``), so DCC tools get
  connected surfaces; ``PolygonVertexIndex`` holds triangles with the last corner stored as ``-(i+1)``;
  ``Edges`` lists each undirected edge once. Normals are per polygon vertex (Direct); UVs per polygon
  vertex (IndexToDirect into the render vertices' UVs, V up as in OpenGL, which is FBX's convention too);
  one material per part (``AllSame``).
* **Materials** (``ShadingModel "Phong"``) from glTF metallic-roughness: ``DiffuseColor`` = linear
  base color; ``Opacity`` = alpha, ``TransparentColor`` = (1 - alpha) grey with ``TransparencyFactor`` 1,
  which Blender (Opacity), Unity (1 - TransparentColor.r) and Maya (color x factor) all read as the
  same alpha; ``Shininess`` = ``ShininessExponent`` = (10 (1 - roughness))^2, which Blender inverts
  back to roughness; ``ReflectionFactor`` = metallic (Blender's metallic); ``SpecularColor`` blended
  from white toward the base color by metallic, ``SpecularFactor`` 0.25 (Blender's neutral specular);
  ``EmissiveColor``; ``BumpFactor`` = normal scale. The exact values are kept as user properties
  ``meshforge_metallic``, ``meshforge_roughness``, ``meshforge_alpha_mode``, ``meshforge_alpha_cutoff``,
  ``meshforge_double_sided`` and ``meshforge_normal_scale``.
* **Textures**: one ``Texture`` + ``Video`` per distinct PNG, connected to the material property that
  readers map: base color -> ``DiffuseColor``, normal map -> ``NormalMap``, emissive ->
  ``EmissiveColor``; the glTF metallic-roughness texture is split into grayscale roughness (G channel)
  and metallic (B channel) maps with the factors multiplied in (as for OBJ), connected to
  ``ShininessExponent`` and ``ReflectionFactor`` (Blender's roughness and metallic slots). With
  ``embed_textures=True`` (default) the PNG bytes are the Video's ``Content``; otherwise the bundle
  carries ``{stem}_{texture}.png`` files next to the FBX. ``RelativeFilename`` names that file in
  both cases.
* **Determinism**: fixed creation time and FileId, object ids numbered in a fixed order, fixed zlib
  level: the same model gives the same bytes.
"""

from __future__ import annotations

import base64
import json
import logging
import math
import struct
import zlib
from dataclasses import dataclass, field

import numpy as np

from meshforge import __version__
from meshforge.core.errors import ParameterError
from meshforge.core.material import Material
from meshforge.core.model import Model, Part
from meshforge.export.obj import split_metallic_roughness
from meshforge.export.registry import (
    UNIT_SCALE,
    Y_UP_TO_Z_UP,
    Bundle,
    Exporter,
    file_safe,
    jsonable_metadata,
    material_key,
    register,
    unique_names,
    with_normals,
)

log = logging.getLogger(__name__)

#: File format version written in the header, the footer and ``FBXVersion``.
FBX_VERSION = 7400
#: Header magic: "Kaydara FBX Binary", two spaces, NUL, then 0x1A 0x00.
BINARY_MAGIC = b"Kaydara FBX Binary  \x00\x1a\x00"
#: End of a nested list (13 zero bytes for 32-bit offsets).
NULL_RECORD = bytes(13)
#: Arrays whose raw data is longer than this many bytes are zlib-compressed (encoding 1).
COMPRESS_ABOVE_BYTES = 128
#: zlib level of compressed arrays: fast (float arrays barely shrink more at higher levels), fixed so bytes repeat.
ZLIB_LEVEL = 1
#: The consistent (FileId, CreationTime, footer code) triple of Blender-written files (see module doc).
FILE_ID = bytes.fromhex("28b32aebb624ccc2bfc8b02aa92bfcf1")
CREATION_TIME = "1970-01-01 10:00:00:000"
FOOTER_CODE = bytes.fromhex("fabcab09d0c8d466b176fb831cf7267e")
#: Last 16 bytes of every binary FBX file.
FOOTER_MAGIC = bytes.fromhex("f85a8c6adef5d97eece90ce3758f290b")
#: FBX length units accepted by the ``units`` option, with the GlobalSettings UnitScaleFactor (cm per unit).
FBX_UNITS = {"m": 100.0, "cm": 1.0}
#: GlobalSettings axis declarations: (UpAxis, UpAxisSign, FrontAxis, FrontAxisSign, CoordAxis, CoordAxisSign).
FBX_AXES = {"Y": (1, 1, 2, 1, 0, 1), "Z": (2, 1, 1, -1, 0, 1)}


# ---------------------------------------------------------------------- document tree
class Int64(int):
    """An integer written as FBX ``L`` (object ids, KTime); plain ``int`` is written as ``I``."""


@dataclass(frozen=True)
class ObjectName:
    """An object's name with its class: ``name\\x00\\x01Class`` in binary, ``"Class::name"`` in ASCII."""

    cls: str
    name: str


@dataclass
class Node:
    """One FBX node record: a name, typed values and nested nodes.

    Value types map to property codes: ``bool`` C, ``int`` I, :class:`Int64` L, ``float`` D, ``str`` and
    :class:`ObjectName` S, ``bytes`` R, and 1-D numpy arrays of float64 d, float32 f, int32 i, int64 l,
    bool b.
    """

    name: str
    values: tuple = ()
    children: list[Node] = field(default_factory=list)

    def add(self, name: str, *values: object) -> Node:
        """Append and return a child node."""
        child = Node(name, tuple(values))
        self.children.append(child)
        return child

    def prop(self, name: str, ptype: str, label: str, flags: str, *values: object) -> None:
        """Append a ``P`` record (only meaningful on a ``Properties70`` node)."""
        self.add("P", name, ptype, label, flags, *values)


_ARRAY_CODES = {np.dtype("<f8"): b"d", np.dtype("<f4"): b"f", np.dtype("<i4"): b"i", np.dtype("<i8"): b"l"}


def _binary_value(value: object) -> bytes:
    if isinstance(value, bool):
        return b"C" + (b"\x01" if value else b"\x00")
    if isinstance(value, Int64):
        return b"L" + struct.pack("<q", value)
    if isinstance(value, int):
        return b"I" + struct.pack("<i", value)
    if isinstance(value, float):
        return b"D" + struct.pack("<d", value)
    if isinstance(value, ObjectName):
        data = value.name.encode("utf-8") + b"\x00\x01" + value.cls.encode("utf-8")
        return b"S" + struct.pack("<I", len(data)) + data
    if isinstance(value, str):
        data = value.encode("utf-8")
        return b"S" + struct.pack("<I", len(data)) + data
    if isinstance(value, bytes):
        return b"R" + struct.pack("<I", len(value)) + value
    if isinstance(value, np.ndarray):
        if value.dtype == np.bool_:
            code, data = b"b", value.astype(np.uint8).tobytes()
        else:
            array = np.ascontiguousarray(value, dtype=value.dtype.newbyteorder("<"))
            code, data = _ARRAY_CODES[array.dtype], array.tobytes()
        encoding = 0
        if len(data) > COMPRESS_ABOVE_BYTES:
            data, encoding = zlib.compress(data, ZLIB_LEVEL), 1
        return code + struct.pack("<III", value.size, encoding, len(data)) + data
    raise TypeError(f"cannot encode {type(value).__name__} as an FBX property")


def _encode_node(node: Node, offset: int, out: list[bytes]) -> int:
    """Append the record of ``node`` (starting at absolute ``offset``) to ``out``; return its end offset."""
    name = node.name.encode("ascii")
    if len(name) > 255:
        raise ValueError(f"FBX node names are at most 255 bytes: {node.name!r}")
    props = b"".join(_binary_value(v) for v in node.values)
    slot = len(out)
    out.append(b"")
    out.append(props)
    end = offset + 13 + len(name) + len(props)
    if node.children or not node.values:
        for child in node.children:
            end = _encode_node(child, end, out)
        out.append(NULL_RECORD)
        end += len(NULL_RECORD)
    if end >= 2**32:
        raise ValueError("the FBX 7.4 binary layout cannot address files of 4 GiB or more")
    out[slot] = struct.pack("<IIIB", end, len(node.values), len(props), len(name)) + name
    return end


def encode_binary(nodes: list[Node], version: int = FBX_VERSION) -> bytes:
    """A binary FBX file holding the top-level ``nodes``, header and footer included."""
    out: list[bytes] = [BINARY_MAGIC + struct.pack("<I", version)]
    offset = len(out[0])
    for node in nodes:
        offset = _encode_node(node, offset, out)
    out.append(NULL_RECORD)
    offset += len(NULL_RECORD)
    out.append(FOOTER_CODE)
    offset += len(FOOTER_CODE)
    padding = (-offset) % 16
    out.append(bytes(padding + 4) + struct.pack("<I", version) + bytes(120) + FOOTER_MAGIC)
    return b"".join(out)


def _ascii_string(text: str) -> str:
    return '"' + text.replace('"', "&quot;").replace("\n", "&#10;") + '"'


def _ascii_value(value: object, indent: str) -> str:
    if isinstance(value, bool):
        return "T" if value else "F"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, ObjectName):
        return _ascii_string(f"{value.cls}::{value.name}")
    if isinstance(value, str):
        return _ascii_string(value)
    if isinstance(value, bytes):
        return '"' + base64.b64encode(value).decode("ascii") + '"'
    if isinstance(value, np.ndarray):
        items = value.astype(np.uint8).tolist() if value.dtype == np.bool_ else value.tolist()
        return f"*{value.size} {{\n{indent}\ta: {','.join(map(repr, items))}\n{indent}}}"
    raise TypeError(f"cannot encode {type(value).__name__} as an FBX property")


def _ascii_node(node: Node, depth: int, out: list[str]) -> None:
    indent = "\t" * depth
    values = ", ".join(_ascii_value(v, indent) for v in node.values)
    if node.children or not node.values:
        out.append(f"{indent}{node.name}: {values} {{\n")
        for child in node.children:
            _ascii_node(child, depth + 1, out)
        out.append(f"{indent}}}\n")
    else:
        out.append(f"{indent}{node.name}: {values}\n")


def encode_ascii(nodes: list[Node], version: int = FBX_VERSION) -> bytes:
    """The FBX ASCII text of ``nodes`` (7.x syntax: ``Name: values {`` ... ``}``), UTF-8."""
    major, minor = divmod(version, 1000)
    out = [
        f"; FBX {major}.{minor // 100}.0 project file\n",
        f"; Created by meshforge {__version__}\n",
        "; ----------------------------------------------------\n\n",
    ]
    for node in nodes:
        _ascii_node(node, 0, out)
        out.append("\n")
    return "".join(out).encode("utf-8")


# ---------------------------------------------------------------------- transforms
def euler_xyz_degrees(rotation: np.ndarray) -> np.ndarray:
    """Euler angles (degrees) of FBX rotation order XYZ, i.e. ``rotation == Rz @ Ry @ Rx``."""
    r = np.asarray(rotation, dtype=np.float64)
    cos_y = math.hypot(r[0, 0], r[1, 0])
    y = math.atan2(-r[2, 0], cos_y)
    if cos_y > 1e-9:
        x = math.atan2(r[2, 1], r[2, 2])
        z = math.atan2(r[1, 0], r[0, 0])
    else:  # gimbal lock: X and Z turn about the same axis, put it all on Z
        x = 0.0
        z = math.atan2(-r[0, 1], r[1, 1])
    return np.degrees([x, y, z])


def euler_xyz_matrix(degrees: np.ndarray) -> np.ndarray:
    """(3, 3) rotation ``Rz @ Ry @ Rx`` of Euler angles in degrees (FBX eEulerXYZ)."""
    x, y, z = np.radians(np.asarray(degrees, dtype=np.float64))
    cx, sx, cy, sy, cz, sz = math.cos(x), math.sin(x), math.cos(y), math.sin(y), math.cos(z), math.sin(z)
    rx = np.array([[1, 0, 0], [0, cx, -sx], [0, sx, cx]])
    ry = np.array([[cy, 0, sy], [0, 1, 0], [-sy, 0, cy]])
    rz = np.array([[cz, -sz, 0], [sz, cz, 0], [0, 0, 1]])
    return rz @ ry @ rx


@dataclass(frozen=True)
class NodeTransform:
    """A part transform split into FBX node properties plus what must be baked into the vertices.

    Attributes:
        translation: (3,) ``Lcl Translation`` in file units.
        rotation: (3,) ``Lcl Rotation``, Euler XYZ in degrees.
        scaling: (3,) ``Lcl Scaling`` (positive).
        baked: (3, 3) linear map applied to the vertices before writing (identity when the transform
            decomposed exactly).
    """

    translation: np.ndarray
    rotation: np.ndarray
    scaling: np.ndarray
    baked: np.ndarray

    def matrix(self) -> np.ndarray:
        """The (4, 4) node matrix ``T @ R @ S``."""
        m = np.eye(4)
        m[:3, :3] = euler_xyz_matrix(self.rotation) * self.scaling
        m[:3, 3] = self.translation
        return m


def decompose(matrix: np.ndarray, tolerance: float = 1e-9) -> NodeTransform:
    """Split an affine (4, 4) matrix into translation, XYZ Euler rotation and positive scale.

    When the linear part is not a rotation times a positive axis scale (a mirror, a shear, a zero
    scale), the whole linear part goes to ``baked`` and the node keeps only the translation.
    """
    m = np.asarray(matrix, dtype=np.float64)
    linear = m[:3, :3]
    scale = np.linalg.norm(linear, axis=0)
    if np.all(scale > tolerance) and np.linalg.det(linear) > 0:
        rotation = linear / scale
        if np.allclose(rotation.T @ rotation, np.eye(3), rtol=0, atol=tolerance):
            euler = euler_xyz_degrees(rotation)
            # snap float noise so identity-like transforms are written as exact zeros / ones
            euler = np.where(np.abs(euler) < 1e-12, 0.0, euler)
            scale = np.where(np.abs(scale - 1.0) < 1e-12, 1.0, scale)
            return NodeTransform(m[:3, 3].copy(), euler, scale, np.eye(3))
    return NodeTransform(m[:3, 3].copy(), np.zeros(3), np.ones(3), linear.copy())


# ---------------------------------------------------------------------- geometry
@dataclass(frozen=True)
class FbxGeometry:
    """The arrays of one FBX Geometry (file units, file axes).

    Attributes:
        vertices: (P, 3) control points (welded positions).
        polygon_vertex_index: (3M,) int32 corner control-point indices, every third stored as ``-(i+1)``.
        edges: (E,) int32 polygon-vertex index where each undirected edge starts.
        normals: (3M, 3) unit normal per corner.
        uvs: (N, 2) UV of each render vertex, or None.
        uv_index: (3M,) int32 index into ``uvs`` per corner, or None.
    """

    vertices: np.ndarray
    polygon_vertex_index: np.ndarray
    edges: np.ndarray
    normals: np.ndarray
    uvs: np.ndarray | None
    uv_index: np.ndarray | None


def part_geometry(part: Part, frame: np.ndarray) -> tuple[NodeTransform, FbxGeometry]:
    """Node transform and geometry arrays of ``part`` written in ``frame``.

    ``frame`` is the (4, 4) map from meshforge model space (meters, Y-up) to file space (units and up
    axis); the part's transform is expressed in that frame (``frame @ T @ frame^-1``) and decomposed.
    """
    mesh = with_normals(part.mesh)
    labels = mesh.weld_map()
    transform = decompose(frame @ part.transform @ np.linalg.inv(frame))
    bake = np.eye(4)
    bake[:3, :3] = transform.baked
    mesh = mesh.transformed(bake @ frame)  # same vertex order; faces reversed if the map mirrors
    corner_label = labels[mesh.faces].reshape(-1)
    used, corner_point = np.unique(corner_label, return_inverse=True)
    _, first_vertex = np.unique(labels, return_index=True)
    control_points = mesh.vertices[first_vertex[used]]
    corner_point = corner_point.reshape(-1).astype(np.int32)

    polygon_vertex_index = corner_point.copy()
    polygon_vertex_index[2::3] = ~polygon_vertex_index[2::3]

    start = corner_point.reshape(-1, 3)
    end = np.roll(start, -1, axis=1)
    low, high = np.minimum(start, end).reshape(-1), np.maximum(start, end).reshape(-1)
    _, first_corner = np.unique(low.astype(np.int64) * len(control_points) + high, return_index=True)
    edges = np.sort(first_corner).astype(np.int32)

    normals = mesh.normals[mesh.faces].reshape(-1, 3)
    uvs = uv_index = None
    if mesh.uvs is not None:
        uvs = np.where(np.isfinite(mesh.uvs), mesh.uvs, 0.0)
        uv_index = mesh.faces.reshape(-1).astype(np.int32)
    geometry = FbxGeometry(control_points, polygon_vertex_index, edges, normals, uvs, uv_index)
    return transform, geometry


# ---------------------------------------------------------------------- materials
def phong_values(material: Material) -> dict[str, tuple]:
    """Phong property values (``P`` type, label, values) derived from a PBR material (see module doc)."""
    base = np.asarray(material.base_color[:3], dtype=np.float64)
    alpha = float(material.base_color[3])
    metallic, roughness = float(material.metallic), float(material.roughness)
    specular = (1.0 - metallic) * np.ones(3) + metallic * base
    shininess = (10.0 * (1.0 - roughness)) ** 2

    def color(c: np.ndarray) -> tuple:
        return ("Color", "", "A", *(float(x) for x in c))

    def number(x: float) -> tuple:
        return ("Number", "", "A", float(x))

    return {
        "EmissiveColor": color(np.asarray(material.emissive, dtype=np.float64)),
        "EmissiveFactor": number(1.0),
        "AmbientColor": color(np.zeros(3)),
        "AmbientFactor": number(1.0),
        "DiffuseColor": color(base),
        "DiffuseFactor": number(1.0),
        "TransparentColor": color(np.full(3, 1.0 - alpha)),
        "TransparencyFactor": number(1.0),
        "Opacity": ("double", "Number", "", alpha),
        "SpecularColor": color(specular),
        "SpecularFactor": number(0.25),
        "Shininess": ("double", "Number", "", shininess),
        "ShininessExponent": number(shininess),
        "ReflectionColor": color(base),
        "ReflectionFactor": number(metallic),
        "BumpFactor": ("double", "Number", "", float(material.normal_scale)),
    }


def _user_values(material: Material) -> list[tuple]:
    return [
        ("meshforge_metallic", "double", "Number", "U", float(material.metallic)),
        ("meshforge_roughness", "double", "Number", "U", float(material.roughness)),
        ("meshforge_alpha_mode", "KString", "", "U", material.alpha_mode),
        ("meshforge_alpha_cutoff", "double", "Number", "U", float(material.alpha_cutoff)),
        ("meshforge_double_sided", "bool", "", "U", int(material.double_sided)),
        ("meshforge_normal_scale", "double", "Number", "U", float(material.normal_scale)),
    ]


def material_texture_slots(material: Material) -> list[tuple[str, bytes, str]]:
    """``(FBX material property, PNG bytes, texture name)`` for every texture of ``material``."""
    slots: list[tuple[str, bytes, str]] = []
    if material.base_color_texture is not None:
        tex = material.base_color_texture
        slots.append(("DiffuseColor", tex.png, tex.name))
    if material.metallic_roughness_texture is not None:
        tex = material.metallic_roughness_texture
        rough, metal = split_metallic_roughness(tex, material.roughness, material.metallic)
        slots.append(("ShininessExponent", rough, f"{tex.name}_roughness"))
        slots.append(("ReflectionFactor", metal, f"{tex.name}_metallic"))
    if material.normal_texture is not None:
        tex = material.normal_texture
        slots.append(("NormalMap", tex.png, tex.name))
    if material.emissive_texture is not None:
        tex = material.emissive_texture
        slots.append(("EmissiveColor", tex.png, tex.name))
    return slots


# ---------------------------------------------------------------------- scene assembly
def _clean_name(name: str, default: str) -> str:
    """Printable text without quotes (they are markup in ASCII FBX) and without the binary separator."""
    cleaned = "".join(c for c in str(name) if c.isprintable()).replace('"', "'").strip()
    return cleaned or default


def lod_thresholds_percent(model: Model) -> list[float]:
    """Screen-height percentages at which LOD k switches to LOD k+1, one per LOD except the last."""
    levels = len(model.lods) + 1
    sizes = [float(s) for s in model.lod_screen_sizes[: levels - 1]]
    while len(sizes) < levels - 1:
        sizes.append(sizes[-1] / 2.0 if sizes else 0.5)
    return [100.0 * s for s in sizes]


class _SceneBuilder:
    """Collects FBX objects and connections in a fixed order with sequential ids."""

    FIRST_ID = 1_000_000

    def __init__(self, stem: str, frame: np.ndarray, embed_textures: bool):
        self.stem = stem
        self.frame = frame
        self.embed_textures = embed_textures
        self.objects: list[Node] = []
        self.connections: list[Node] = []
        self.counts: dict[str, int] = {}
        self.side_files: dict[str, bytes] = {}
        self._next_id = self.FIRST_ID
        self._materials: dict[tuple, Int64] = {}
        self._material_names: list[str] = []
        self._textures: dict[bytes, Int64] = {}
        self._texture_names: list[str] = []
        self._filenames: list[str] = []

    # -- plumbing
    def _object(self, kind: str, name: ObjectName, subclass: str) -> tuple[Int64, Node]:
        object_id = Int64(self._next_id)
        self._next_id += 1
        node = Node(kind, (object_id, name, subclass))
        self.objects.append(node)
        self.counts[kind] = self.counts.get(kind, 0) + 1
        return object_id, node

    def connect(self, child: Int64, parent: Int64, prop: str | None = None) -> None:
        if prop is None:
            self.connections.append(Node("C", ("OO", child, parent)))
        else:
            self.connections.append(Node("C", ("OP", child, parent, prop)))

    # -- nodes
    def model_node(self, name: str, kind: str, transform: NodeTransform | None = None) -> Int64:
        model_id, node = self._object("Model", ObjectName("Model", name), kind)
        node.add("Version", 232)
        props = node.add("Properties70")
        if transform is not None:
            props.prop("Lcl Translation", "Lcl Translation", "", "A", *map(float, transform.translation))
            props.prop("Lcl Rotation", "Lcl Rotation", "", "A", *map(float, transform.rotation))
            props.prop("Lcl Scaling", "Lcl Scaling", "", "A", *map(float, transform.scaling))
        props.prop("DefaultAttributeIndex", "int", "Integer", "", 0)
        props.prop("InheritType", "enum", "", "", 1)
        node.add("Shading", True)
        node.add("Culling", "CullingOff")
        return model_id

    def null_node(self, name: str, parent: Int64) -> Int64:
        model_id = self.model_node(name, "Null")
        attribute_id, attribute = self._object("NodeAttribute", ObjectName("NodeAttribute", name), "Null")
        attribute.add("TypeFlags", "Null")
        self.connect(attribute_id, model_id)
        self.connect(model_id, parent)
        return model_id

    def lod_group_node(self, name: str, thresholds_percent: list[float], parent: Int64) -> Int64:
        model_id = self.model_node(name, "LodGroup")
        attribute_id, attribute = self._object("NodeAttribute", ObjectName("NodeAttribute", name), "LodGroup")
        props = attribute.add("Properties70")
        props.prop("ThresholdsUsedAsPercentage", "bool", "", "", 1)
        props.prop("MinMaxDistance", "bool", "", "", 0)
        props.prop("WorldSpace", "bool", "", "", 0)
        for level, percent in enumerate(thresholds_percent):
            props.prop(f"Thresholds|Level{level}", "Distance", "", "", float(percent), "cm")
        for level in range(len(thresholds_percent) + 1):
            props.prop(f"DisplayLevels|Level{level}", "enum", "", "", 0)
        attribute.add("TypeFlags", "LodGroup")
        self.connect(attribute_id, model_id)
        self.connect(model_id, parent)
        return model_id

    def mesh_part(self, part: Part, name: str, parent: Int64) -> None:
        transform, geo = part_geometry(part, self.frame)
        geometry_id, geometry = self._object("Geometry", ObjectName("Geometry", name), "Mesh")
        geometry.add("GeometryVersion", 124)
        geometry.add("Vertices", np.ascontiguousarray(geo.vertices, dtype=np.float64).reshape(-1))
        geometry.add("PolygonVertexIndex", geo.polygon_vertex_index)
        geometry.add("Edges", geo.edges)
        normals = geometry.add("LayerElementNormal", 0)
        normals.add("Version", 101)
        normals.add("Name", "")
        normals.add("MappingInformationType", "ByPolygonVertex")
        normals.add("ReferenceInformationType", "Direct")
        normals.add("Normals", np.ascontiguousarray(geo.normals, dtype=np.float64).reshape(-1))
        if geo.uvs is not None:
            uv = geometry.add("LayerElementUV", 0)
            uv.add("Version", 101)
            uv.add("Name", "UVMap")
            uv.add("MappingInformationType", "ByPolygonVertex")
            uv.add("ReferenceInformationType", "IndexToDirect")
            uv.add("UV", np.ascontiguousarray(geo.uvs, dtype=np.float64).reshape(-1))
            uv.add("UVIndex", geo.uv_index)
        materials = geometry.add("LayerElementMaterial", 0)
        materials.add("Version", 101)
        materials.add("Name", "")
        materials.add("MappingInformationType", "AllSame")
        materials.add("ReferenceInformationType", "IndexToDirect")
        materials.add("Materials", np.zeros(1, dtype=np.int32))
        layer = geometry.add("Layer", 0)
        layer.add("Version", 100)
        for kind in ("LayerElementNormal", "LayerElementUV", "LayerElementMaterial"):
            if kind == "LayerElementUV" and geo.uvs is None:
                continue
            element = layer.add("LayerElement")
            element.add("Type", kind)
            element.add("TypedIndex", 0)

        model_id = self.model_node(name, "Mesh", transform)
        self.connect(geometry_id, model_id)
        self.connect(self.material(part.material), model_id)
        self.connect(model_id, parent)

    def material(self, material: Material) -> Int64:
        key = material_key(material)
        if key in self._materials:
            return self._materials[key]
        name = unique_names([*self._material_names, _clean_name(material.name, "material")])[-1]
        self._material_names.append(name)
        material_id, node = self._object("Material", ObjectName("Material", name), "")
        node.add("Version", 102)
        node.add("ShadingModel", "Phong")
        node.add("MultiLayer", 0)
        props = node.add("Properties70")
        for prop_name, values in phong_values(material).items():
            props.prop(prop_name, *values)
        for values in _user_values(material):
            props.prop(*values)
        self._materials[key] = material_id
        for slot, png, texture_name in material_texture_slots(material):
            self.connect(self.texture(png, texture_name), material_id, slot)
        return material_id

    def texture(self, png: bytes, texture_name: str) -> Int64:
        if png in self._textures:
            return self._textures[png]
        name = unique_names([*self._texture_names, _clean_name(texture_name, "texture")])[-1]
        self._texture_names.append(name)
        filename = unique_names([*self._filenames, f"{self.stem}_{file_safe(name, 'texture')}"])[-1] + ".png"
        self._filenames.append(filename[:-4])

        video_id, video = self._object("Video", ObjectName("Video", name), "Clip")
        video.add("Type", "Clip")
        video_props = video.add("Properties70")
        video_props.prop("Path", "KString", "XRefUrl", "", filename)
        video_props.prop("RelPath", "KString", "XRefUrl", "", filename)
        video.add("UseMipMap", 0)
        video.add("Filename", filename)
        video.add("RelativeFilename", filename)
        if self.embed_textures:
            video.add("Content", png)

        texture_id, texture = self._object("Texture", ObjectName("Texture", name), "")
        texture.add("Type", "TextureVideoClip")
        texture.add("Version", 202)
        texture.add("TextureName", ObjectName("Texture", name))
        texture_props = texture.add("Properties70")
        texture_props.prop("UseMaterial", "bool", "", "", 1)
        texture.add("Media", ObjectName("Video", name))
        texture.add("FileName", filename)
        texture.add("RelativeFilename", filename)
        texture.add("ModelUVTranslation", 0.0, 0.0)
        texture.add("ModelUVScaling", 1.0, 1.0)
        texture.add("Texture_Alpha_Source", "None")
        texture.add("Cropping", 0, 0, 0, 0)

        self.connect(video_id, texture_id)
        self._textures[png] = texture_id
        if not self.embed_textures:
            self.side_files[filename] = png
        return texture_id


def _header_nodes(model: Model, stem: str, binary: bool) -> list[Node]:
    header = Node("FBXHeaderExtension")
    header.add("FBXHeaderVersion", 1003)
    header.add("FBXVersion", FBX_VERSION)
    header.add("EncryptionType", 0)
    stamp = header.add("CreationTimeStamp")
    for key, value in (
        ("Version", 1000),
        ("Year", 1970),
        ("Month", 1),
        ("Day", 1),
        ("Hour", 10),
        ("Minute", 0),
        ("Second", 0),
        ("Millisecond", 0),
    ):
        stamp.add(key, value)
    creator = f"meshforge {__version__}"
    header.add("Creator", creator)
    info = header.add("SceneInfo", ObjectName("SceneInfo", "GlobalInfo"), "UserData")
    info.add("Type", "UserData")
    info.add("Version", 100)
    meta = info.add("MetaData")
    meta.add("Version", 100)
    for key in ("Title", "Subject", "Author", "Keywords", "Revision", "Comment"):
        meta.add(key, _clean_name(model.name, "") if key == "Title" else "")
    props = info.add("Properties70")
    props.prop("DocumentUrl", "KString", "Url", "", f"{stem}.fbx")
    props.prop("SrcDocumentUrl", "KString", "Url", "", f"{stem}.fbx")
    props.prop("Original", "Compound", "", "")
    props.prop("Original|ApplicationVendor", "KString", "", "", "meshforge")
    props.prop("Original|ApplicationName", "KString", "", "", "meshforge")
    props.prop("Original|ApplicationVersion", "KString", "", "", __version__)
    props.prop("Original|DateTime_GMT", "DateTime", "", "", "01/01/1970 10:00:00.000")
    props.prop("Original|FileName", "KString", "", "", f"{stem}.fbx")
    props.prop("LastSaved", "Compound", "", "")
    props.prop("LastSaved|ApplicationVendor", "KString", "", "", "meshforge")
    props.prop("LastSaved|ApplicationName", "KString", "", "", "meshforge")
    props.prop("LastSaved|ApplicationVersion", "KString", "", "", __version__)
    props.prop("LastSaved|DateTime_GMT", "DateTime", "", "", "01/01/1970 10:00:00.000")
    metadata = jsonable_metadata(model.metadata)
    if metadata:
        props.prop("meshforge_metadata", "KString", "", "U", json.dumps(metadata, sort_keys=True))
    nodes = [header]
    if binary:
        nodes.append(Node("FileId", (FILE_ID,)))
    nodes.append(Node("CreationTime", (CREATION_TIME,)))
    nodes.append(Node("Creator", (creator,)))
    return nodes


def _global_settings(units: str, up: str) -> Node:
    settings = Node("GlobalSettings")
    settings.add("Version", 1000)
    props = settings.add("Properties70")
    up_axis, up_sign, front_axis, front_sign, coord_axis, coord_sign = FBX_AXES[up]
    props.prop("UpAxis", "int", "Integer", "", up_axis)
    props.prop("UpAxisSign", "int", "Integer", "", up_sign)
    props.prop("FrontAxis", "int", "Integer", "", front_axis)
    props.prop("FrontAxisSign", "int", "Integer", "", front_sign)
    props.prop("CoordAxis", "int", "Integer", "", coord_axis)
    props.prop("CoordAxisSign", "int", "Integer", "", coord_sign)
    props.prop("OriginalUpAxis", "int", "Integer", "", up_axis)
    props.prop("OriginalUpAxisSign", "int", "Integer", "", up_sign)
    props.prop("UnitScaleFactor", "double", "Number", "", FBX_UNITS[units])
    props.prop("OriginalUnitScaleFactor", "double", "Number", "", FBX_UNITS[units])
    props.prop("AmbientColor", "ColorRGB", "Color", "", 0.0, 0.0, 0.0)
    props.prop("DefaultCamera", "KString", "", "", "Producer Perspective")
    return settings


def file_frame(units: str, up: str) -> np.ndarray:
    """(4, 4) map from meshforge model space (meters, Y-up) to the file's units and up axis."""
    frame = np.eye(4)
    if up == "Z":
        frame[:3, :3] = Y_UP_TO_Z_UP
    frame[:3, :3] *= UNIT_SCALE[units]
    return frame


def fbx_document(
    model: Model,
    stem: str,
    *,
    units: str = "m",
    up: str = "Y",
    embed_textures: bool = True,
    binary: bool = True,
) -> tuple[list[Node], dict[str, bytes]]:
    """The top-level FBX nodes of ``model`` and the side files (textures when not embedded)."""
    if units not in FBX_UNITS:
        raise ParameterError(f"unknown units {units!r} for FBX; accepted: {', '.join(FBX_UNITS)}")
    if up not in FBX_AXES:
        raise ParameterError(f"unknown up axis {up!r} for FBX; accepted: {', '.join(FBX_AXES)}")
    if not isinstance(embed_textures, bool):
        raise ParameterError(f"embed_textures must be true or false, got {embed_textures!r}")

    scene = _SceneBuilder(stem, file_frame(units, up), embed_textures)
    root = Int64(0)
    levels = [model, *model.lods]
    model_name = _clean_name(model.name, "model")
    group_names = [model_name, *(f"{model_name}_LOD{k}" for k in range(len(levels)))] if model.lods else []
    part_names = [
        _clean_name(p.name, "part") + ("" if k == 0 else f"_L{k}")
        for k, level in enumerate(levels)
        for p in level.parts
        if p.mesh.triangle_count
    ]
    names = iter(unique_names(group_names + part_names))
    if model.lods:
        group = scene.lod_group_node(next(names), lod_thresholds_percent(model), root)
        parents = [scene.null_node(next(names), group) for _ in levels]
    else:
        parents = [root]
    for level, parent in zip(levels, parents, strict=True):
        for part in level.parts:
            if part.mesh.triangle_count:
                scene.mesh_part(part, next(names), parent)

    definitions = Node("Definitions")
    definitions.add("Version", 100)
    definitions.add("Count", 1 + sum(scene.counts.values()))
    definitions.add("ObjectType", "GlobalSettings").add("Count", 1)
    for kind in ("Model", "NodeAttribute", "Geometry", "Material", "Texture", "Video"):
        if kind in scene.counts:
            definitions.add("ObjectType", kind).add("Count", scene.counts[kind])

    documents = Node("Documents")
    documents.add("Count", 1)
    document = documents.add("Document", Int64(scene.FIRST_ID - 1), "Scene", "Scene")
    doc_props = document.add("Properties70")
    doc_props.prop("SourceObject", "object", "", "")
    doc_props.prop("ActiveAnimStackName", "KString", "", "", "")
    document.add("RootNode", Int64(0))

    takes = Node("Takes")
    takes.add("Current", "")
    nodes = [
        *_header_nodes(model, stem, binary),
        _global_settings(units, up),
        documents,
        Node("References"),
        definitions,
        Node("Objects", (), scene.objects),
        Node("Connections", (), scene.connections),
        takes,
    ]
    return nodes, scene.side_files


def fbx_bundle(
    model: Model, stem: str, units: str = "m", up: str = "Y", embed_textures: bool = True, ascii: bool = False
) -> Bundle:
    """``{stem}.fbx`` (binary FBX 7.4, or ASCII with ``ascii=True``) plus PNGs when textures are not embedded."""
    if not isinstance(ascii, bool):
        raise ParameterError(f"ascii must be true or false, got {ascii!r}")
    nodes, side_files = fbx_document(
        model, stem, units=units, up=up, embed_textures=embed_textures, binary=not ascii
    )
    data = encode_ascii(nodes) if ascii else encode_binary(nodes)
    log.debug("FBX %s: %d bytes, %d side file(s)", "ASCII" if ascii else "binary", len(data), len(side_files))
    return {f"{stem}.fbx": data, **side_files}


register(
    Exporter(
        ".fbx",
        "Autodesk FBX 7.4 binary (meters, Y-up; Unity/Unreal/Maya/Blender; materials, textures, LOD group)",
        "m",
        "Y",
        fbx_bundle,
        {
            "units": "length unit of the coordinates: m (default, UnitScaleFactor 100) or cm",
            "up": "up axis: Y (default) or Z",
            "embed_textures": "true (default): PNGs inside the FBX; false: PNG files next to it",
            "ascii": "false (default): binary FBX; true: ASCII FBX 7.4 for debugging",
        },
    )
)
