"""FBX reader: binary FBX 6.x/7.x and ASCII FBX 6.x/7.x into a :class:`~meshforge.core.model.Model`.

Written for uploads, so every byte is untrusted: each problem raises
:class:`~meshforge.core.errors.InvalidFileError` naming the file and what was wrong, and versions we do
not read raise :class:`~meshforge.core.errors.FormatError`. Sizes are checked against the bytes that
remain *before* anything is allocated or decompressed, zlib output is capped, nesting depth is limited,
and every loop advances, so a hostile file can neither crash the reader nor make it hang.

Layout followed (public descriptions of the format):

* Binary: Blender's "FBX binary file format specification" notes (2013) and the Autodesk FBX SDK
  documentation. A 27-byte header (``Kaydara FBX Binary  \\x00\\x1a``, one endianness byte, a uint32
  version), then node records ``end_offset, num_properties, property_list_length, name_length, name,
  properties, nested records, null record``. Offsets and counts are uint32 before version 7500 and
  uint64 from 7500 on. Property types ``C`` bool, ``Y`` int16, ``I`` int32, ``L`` int64, ``F`` float32,
  ``D`` float64, ``S`` string, ``R`` raw bytes, and arrays ``f d i l b`` (``c`` too) with encoding 0 (raw)
  or 1 (zlib). Big-endian files (endianness byte 1) are read as well.
* ASCII: ``Key: value, value {`` children ``}`` with ``;`` comments; FBX 7 arrays are written
  ``*N { a: ... }``, FBX 6 arrays as long comma lists that continue on the next line.
* Scene: FBX 7 ``Objects`` are ``Class: id, "Class::Name", "SubClass"`` linked by ``Connections``
  (``C: "OO", child, parent`` and ``"OP"`` with a property name); FBX 6 objects are linked by name and
  a mesh ``Model`` holds its own geometry. Node transforms follow the FBX SDK's
  ``T * Roff * Rp * Rpre * R * Rpost^-1 * Rp^-1 * Soff * Sp * S * Sp^-1`` (FbxNode documentation,
  "Computing transformation matrix"), geometric transforms apply to the node's own mesh only.
  ``GlobalSettings`` give the unit (``UnitScaleFactor`` centimetres per file unit) and the axes
  (``UpAxis``/``FrontAxis``/``CoordAxis`` with signs; "front" points towards the viewer), converted to
  meshforge's meters, Y-up, +Z front.
* Materials: Phong/Lambert ``DiffuseColor * DiffuseFactor``, ``Opacity`` or ``TransparencyFactor``,
  ``Shininess`` to roughness as Blender's FBX importer does (``1 - sqrt(shininess) / 10``),
  ``EmissiveColor * EmissiveFactor``; Maya standardSurface / Stingray PBS and 3ds Max Physical / PBR
  properties override those when present. Textures come from embedded ``Video`` ``Content`` or from
  files *inside the FBX file's folder* (never elsewhere: an upload must not read other files on the
  server); images that cannot be read are dropped with a warning in ``model.metadata["warnings"]``.
  Blender's and meshforge's files carry metallic in ``ReflectionFactor`` (roughness / metallic maps on
  ``ShininessExponent`` / ``ReflectionFactor``); meshforge's writer also keeps exact glTF values as
  ``meshforge_*`` user properties, and its colours multiply their textures (glTF) where FBX's replace.
* Levels of detail: the children of an FBX ``LodGroup`` node (FbxLODGroup) are levels 0..n; level 0
  becomes the model's parts, the others ``model.lods``, with percentage thresholds as
  ``lod_screen_sizes``.

Result: one :class:`~meshforge.core.model.Part` per mesh node and material (a mesh using several
materials is split), named after the node; its mesh in meters in the node's geometry frame, its
transform the node's world transform with the unit and axis conversion. Polygons are triangulated as
fans when convex; concave quads fan from their reflex corner and other concave polygons go through ear
clipping (``mapbox_earcut``) in their own plane. Polygons touching non-finite vertices are dropped with
a warning. Animation, skinning, blend shapes, cameras and lights are not read (meshes come in their
bind pose); vertex colours and second UV sets are ignored.
"""

from __future__ import annotations

import base64
import binascii
import io
import logging
import math
import os
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from meshforge.core.errors import FileAccessError, FormatError, InvalidFileError, MeshforgeError
from meshforge.core.material import MAX_TEXTURE_SIZE, Material, Texture
from meshforge.core.model import Model
from meshforge.geometry.mesh import Mesh

log = logging.getLogger(__name__)

#: Oldest and newest FBX versions read (FBX 6.0 .. 7.x).
MIN_VERSION = 6000
MAX_VERSION = 7999
#: Deepest nesting of node records accepted (real files nest fewer than 10 levels).
MAX_DEPTH = 64
#: Most node records accepted in one file (a record costs at least 13 bytes; this bounds memory).
MAX_NODES = 4_000_000
#: Largest decoded array, and all decoded arrays together (bytes).
MAX_ARRAY_BYTES = 512 * 1024 * 1024
MAX_TOTAL_ARRAY_BYTES = 1024 * 1024 * 1024
#: zlib cannot expand data more than ~1032 times; a larger declared ratio is a lie.
MAX_ZLIB_RATIO = 1100
#: Compressed arrays may decode to at most this many times the file's size (real meshes compress 2-10
#: times) or to ``ZLIB_FLOOR_BYTES``, whichever is more: a small file cannot unpack into gigabytes.
MAX_FILE_EXPANSION = 32
ZLIB_FLOOR_BYTES = 64 * 1024 * 1024
#: Most polygon corners in one mesh (about 10 million triangles; bounds the memory a mesh may use).
MAX_CORNERS = 32_000_000
#: Deepest parent chain of scene nodes.
MAX_HIERARCHY_DEPTH = 1024
#: Largest texture file read from disk or embedded (bytes), and largest image accepted (pixels).
MAX_TEXTURE_BYTES = 64 * 1024 * 1024
MAX_TEXTURE_PIXELS = 64 * 1024 * 1024

BINARY_MAGIC = b"Kaydara FBX Binary  \x00"
_ASCII_SHORT_RUN = 16


class _Bad(Exception):
    """Internal: a problem found while parsing; turned into InvalidFileError with the file name."""


# ====================================================================== the node tree


class FbxNode:
    """One node record: a name, a list of property values and child nodes.

    Property values are ``int``, ``float``, ``bool``, ``str``, ``bytes`` or 1-D ``numpy`` arrays.
    Binary names ``Name\\x00\\x01Class`` are given in the ASCII form ``Class::Name``.
    """

    __slots__ = ("children", "name", "props")

    def __init__(self, name: str, props: list | None = None, children: list[FbxNode] | None = None):
        self.name = name
        self.props = props if props is not None else []
        self.children = children if children is not None else []

    def find(self, name: str) -> FbxNode | None:
        for c in self.children:
            if c.name == name:
                return c
        return None

    def find_all(self, name: str) -> list[FbxNode]:
        return [c for c in self.children if c.name == name]

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"FbxNode({self.name!r}, {len(self.props)} props, {len(self.children)} children)"


@dataclass
class FbxDocument:
    """A parsed file: its version, encoding and top-level nodes."""

    version: int
    binary: bool
    nodes: list[FbxNode]
    big_endian: bool = False

    def find(self, name: str) -> FbxNode | None:
        for n in self.nodes:
            if n.name == name:
                return n
        return None


# ====================================================================== binary parser

_SCALAR_FORMATS = {"C": ("?", 1), "Y": ("h", 2), "I": ("i", 4), "L": ("q", 8), "F": ("f", 4), "D": ("d", 8)}
_ARRAY_DTYPES = {"f": "f4", "d": "f8", "i": "i4", "l": "i8", "b": "u1", "c": "u1"}


class _BinaryReader:
    def __init__(self, data: bytes, big_endian: bool, version: int):
        self.data = data
        self.end = len(data)
        self.order = ">" if big_endian else "<"
        self.wide = version >= 7500
        word = "Q" if self.wide else "I"
        self.header = struct.Struct(f"{self.order}{word}{word}{word}B")
        self.nodes = 0
        self.array_bytes = 0
        self.inflated_bytes = 0
        self.inflate_budget = max(ZLIB_FLOOR_BYTES, MAX_FILE_EXPANSION * len(data))

    def read_list(self, pos: int, end: int, depth: int, top: bool) -> tuple[list[FbxNode], int]:
        """Read sibling records from ``pos`` up to a null record (or ``end`` for nested lists)."""
        if depth > MAX_DEPTH:
            raise _Bad(f"node records nested deeper than {MAX_DEPTH} levels")
        nodes: list[FbxNode] = []
        hsize = self.header.size
        while True:
            if not top and pos == end:
                return nodes, pos
            if pos + hsize > end:
                where = "the top-level node list" if top else "a nested node list"
                raise _Bad(f"truncated: {where} ends at byte {pos} without its closing record")
            end_offset, num_props, prop_len, name_len = self.header.unpack_from(self.data, pos)
            if end_offset == 0:
                if num_props or prop_len or name_len:
                    raise _Bad(f"malformed null record at byte {pos}")
                return nodes, pos + hsize
            node, pos = self._read_node(pos, end, end_offset, num_props, prop_len, name_len, depth)
            nodes.append(node)

    def _read_node(
        self, pos: int, end: int, end_offset: int, num_props: int, prop_len: int, name_len: int, depth: int
    ) -> tuple[FbxNode, int]:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Bad(f"more than {MAX_NODES} node records")
        name_start = pos + self.header.size
        props_start = name_start + name_len
        props_end = props_start + prop_len
        if end_offset > end:
            raise _Bad(f"node record at byte {pos} ends at {end_offset}, beyond its parent/file end {end}")
        if props_end > end_offset:
            raise _Bad(f"node record at byte {pos}: its properties ({prop_len} bytes) overrun the record")
        if num_props > prop_len:
            raise _Bad(f"node record at byte {pos} declares {num_props} properties in {prop_len} bytes")
        name = self.data[name_start:props_start].decode("utf-8", errors="replace")
        props = []
        p = props_start
        for _ in range(num_props):
            value, p = self._read_property(p, props_end)
            props.append(value)
        if p != props_end:
            raise _Bad(f"node {name!r} at byte {pos}: properties use {p - props_start} of {prop_len} bytes")
        children: list[FbxNode] = []
        if props_end < end_offset:
            children, after = self.read_list(props_end, end_offset, depth + 1, top=False)
            if after != end_offset:
                raise _Bad(f"node {name!r} at byte {pos}: children end at {after}, record at {end_offset}")
        return FbxNode(name, props, children), end_offset

    def _read_property(self, p: int, end: int) -> tuple[object, int]:
        if p >= end:
            raise _Bad(f"property at byte {p} starts past its record")
        code = chr(self.data[p])
        p += 1
        if code in _SCALAR_FORMATS:
            fmt, size = _SCALAR_FORMATS[code]
            if p + size > end:
                raise _Bad(f"truncated {code!r} property at byte {p}")
            (value,) = struct.unpack_from(self.order + fmt, self.data, p)
            return value, p + size
        if code in ("S", "R"):
            if p + 4 > end:
                raise _Bad(f"truncated {code!r} property length at byte {p}")
            (length,) = struct.unpack_from(self.order + "I", self.data, p)
            p += 4
            if length > end - p:
                raise _Bad(f"{code!r} property at byte {p} declares {length} bytes, only {end - p} remain")
            raw = self.data[p : p + length]
            return (_binary_string(raw) if code == "S" else bytes(raw)), p + length
        if code in _ARRAY_DTYPES:
            return self._read_array(code, p, end)
        raise _Bad(f"unknown property type {code!r} (0x{ord(code):02x}) at byte {p - 1}")

    def _read_array(self, code: str, p: int, end: int) -> tuple[np.ndarray, int]:
        if p + 12 > end:
            raise _Bad(f"truncated array header at byte {p}")
        count, encoding, stored = struct.unpack_from(self.order + "III", self.data, p)
        p += 12
        if stored > end - p:
            raise _Bad(f"array at byte {p} declares {stored} bytes, only {end - p} remain")
        dtype = np.dtype(self.order + _ARRAY_DTYPES[code])
        nbytes = count * dtype.itemsize
        if nbytes > MAX_ARRAY_BYTES:
            raise _Bad(f"array at byte {p} declares {count} elements ({nbytes} bytes), above the limit")
        self.array_bytes += nbytes
        if self.array_bytes > MAX_TOTAL_ARRAY_BYTES:
            raise _Bad(f"arrays decode to more than {MAX_TOTAL_ARRAY_BYTES} bytes in total")
        raw = self.data[p : p + stored]
        if encoding == 0:
            if stored != nbytes:
                raise _Bad(
                    f"raw array at byte {p}: {count} x {dtype.itemsize} bytes declared, {stored} stored"
                )
        elif encoding == 1:
            if nbytes > stored * MAX_ZLIB_RATIO + 64:
                raise _Bad(f"zlib array at byte {p} claims {nbytes} bytes from {stored}: impossible ratio")
            self.inflated_bytes += nbytes
            if self.inflated_bytes > self.inflate_budget:
                raise _Bad(
                    f"compressed arrays unpack to more than {self.inflate_budget} bytes, "
                    f"{MAX_FILE_EXPANSION} times the file size: refused as a decompression bomb"
                )
            try:
                inflater = zlib.decompressobj()
                raw = inflater.decompress(raw, nbytes + 1)
            except zlib.error as exc:
                raise _Bad(f"zlib array at byte {p} is corrupt ({exc})") from None
            if len(raw) != nbytes:
                raise _Bad(f"zlib array at byte {p} inflates to {len(raw)} bytes, {nbytes} declared")
        else:
            raise _Bad(f"array at byte {p} has unknown encoding {encoding}")
        array = np.frombuffer(raw, dtype=dtype, count=count)
        native = np.dtype(np.int64) if code in ("b", "c") else dtype.newbyteorder("=")
        return array.astype(native), p + stored


def _binary_string(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    if "\x00\x01" in text:
        name, cls = text.split("\x00\x01", 1)
        return f"{cls}::{name}"
    return text


def _parse_binary(data: bytes) -> FbxDocument:
    if len(data) < 27:
        raise _Bad(f"truncated: {len(data)} bytes is shorter than the 27-byte binary header")
    if data[21:23] not in (b"\x1a\x00", b"\x1a\x01"):
        raise _Bad("damaged binary header (bytes 21-22 should be 1A 00 or 1A 01)")
    big = data[22] == 1
    (version,) = struct.unpack_from(">I" if big else "<I", data, 23)
    _check_version(version)
    reader = _BinaryReader(data, big, version)
    nodes, _ = reader.read_list(27, len(data), 0, top=True)
    return FbxDocument(version, True, nodes, big)


def _check_version(version: int) -> None:
    if not 1000 <= version < 100_000:
        raise _Bad(f"implausible FBX version {version}: the header is damaged")
    if version < MIN_VERSION:
        raise FormatError(
            f"FBX version {version} is not supported (FBX 6.x and 7.x are read); re-export as FBX 7.x"
        )
    if version > MAX_VERSION:
        raise FormatError(
            f"FBX version {version} is newer than the FBX 7.x this reader knows; re-export as FBX 7.x"
        )


# ====================================================================== ASCII parser

_WS = re.compile(r"(?:\s+|;[^\n]*)*")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_|\-]*)[ \t]*:")
_STRING = re.compile(r'"([^"]*)"')
_NUMBER = r"[-+]?[0-9.][0-9A-Za-z.#+\-]*"
_NUMRUN = re.compile(rf"{_NUMBER}(?:\s*,\s*{_NUMBER})*")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_COUNT = re.compile(r"\*\s*([0-9]+)")
_SPECIAL_FLOAT = re.compile(r"([-+]?)[0-9.]*#(INF|IND|NAN|QNAN|SNAN)[0-9A-Za-z]*$", re.IGNORECASE)


def _ascii_number(token: str) -> int | float:
    token = token.strip()
    try:
        return int(token)
    except ValueError:
        pass
    try:
        return float(token)
    except ValueError:
        pass
    m = _SPECIAL_FLOAT.match(token)
    if m is None:
        raise _Bad(f"not a number: {token[:40]!r}")
    if m.group(2).upper() == "INF":
        return -math.inf if m.group(1) == "-" else math.inf
    return math.nan


def _ascii_numbers(run: str) -> list | np.ndarray:
    parts = run.split(",")
    if len(parts) <= _ASCII_SHORT_RUN:
        return [_ascii_number(t) for t in parts]
    try:
        return np.array(parts, dtype=np.float64)
    except ValueError:
        return np.array([_ascii_number(t) for t in parts], dtype=np.float64)


class _AsciiParser:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.nodes = 0

    def line(self, pos: int | None = None) -> int:
        return self.text.count("\n", 0, self.pos if pos is None else pos) + 1

    def skip(self) -> None:
        self.pos = _WS.match(self.text, self.pos).end()

    def parse(self) -> list[FbxNode]:
        root = FbxNode("")
        # explicit stack instead of recursion: (node, declared array count)
        stack: list[tuple[FbxNode, int | None]] = [(root, None)]
        text = self.text
        while True:
            self.skip()
            if self.pos >= len(text):
                if len(stack) > 1:
                    raise _Bad(f"truncated: {len(stack) - 1} block(s) still open at the end of the file")
                return root.children
            if text[self.pos] == "}":
                if len(stack) == 1:
                    raise _Bad(f"line {self.line()}: '}}' without a matching '{{'")
                self.pos += 1
                node, count = stack.pop()
                _finish_ascii_node(node, count)
                continue
            m = _KEY.match(text, self.pos)
            if m is None:
                raise _Bad(
                    f"line {self.line()}: expected 'Name:' but found {text[self.pos : self.pos + 20]!r}"
                )
            self.pos = m.end()
            self.nodes += 1
            if self.nodes > MAX_NODES:
                raise _Bad(f"more than {MAX_NODES} nodes")
            node = FbxNode(m.group(1))
            count = self._values(node)
            stack[-1][0].children.append(node)
            self.skip()
            if self.pos < len(text) and text[self.pos] == "{":
                self.pos += 1
                if len(stack) > MAX_DEPTH:
                    raise _Bad(f"line {self.line()}: blocks nested deeper than {MAX_DEPTH} levels")
                stack.append((node, count))
            else:
                _finish_ascii_node(node, count)

    def _values(self, node: FbxNode) -> int | None:
        """Read ``value, value, ...`` after a key; returns the ``*N`` array count if one was given."""
        text = self.text
        count = None
        expect_value = True
        while True:
            self.skip()
            if self.pos >= len(text):
                return count
            ch = text[self.pos]
            if ch == ",":
                self.pos += 1
                expect_value = True
                continue
            if not expect_value or ch in "{}":
                return count
            if ch == '"':
                m = _STRING.match(text, self.pos)
                if m is None:
                    raise _Bad(f"line {self.line()}: unterminated string")
                node.props.append(m.group(1).replace("&quot;", '"'))
            elif ch == "*":
                m = _COUNT.match(text, self.pos)
                if m is None:
                    raise _Bad(f"line {self.line()}: '*' not followed by an array length")
                count = int(m.group(1))
            elif ch in "-+.0123456789":
                m = _NUMRUN.match(text, self.pos)
                if m is None:
                    raise _Bad(f"line {self.line()}: bad number {text[self.pos : self.pos + 20]!r}")
                values = _ascii_numbers(m.group(0))
                if isinstance(values, np.ndarray):
                    node.props.append(values)
                else:
                    node.props.extend(values)
            else:
                if _KEY.match(text, self.pos):
                    return count
                m = _WORD.match(text, self.pos)
                if m is None:
                    raise _Bad(f"line {self.line()}: unexpected {text[self.pos : self.pos + 20]!r}")
                word = m.group(0)
                low = word.lower()
                node.props.append(
                    math.nan if low == "nan" else math.inf if low in ("inf", "infinity") else word
                )
            self.pos = m.end()
            expect_value = False


def _finish_ascii_node(node: FbxNode, count: int | None) -> None:
    """FBX 7 arrays ``*N { a: ... }`` become one array property, as in binary files."""
    if count is None:
        return
    payload = node.find("a")
    values = [] if payload is None else payload.props
    if values and all(isinstance(v, str) for v in values):
        node.props = ["".join(values)]
    else:
        node.props = [_flatten_numbers(values)]
    node.children = [c for c in node.children if c.name != "a"]


def _flatten_numbers(values: list) -> np.ndarray:
    parts = []
    for v in values:
        if isinstance(v, np.ndarray):
            parts.append(v.astype(np.float64, copy=False).reshape(-1))
        elif isinstance(v, bool | int | float | np.number):
            parts.append(np.array([float(v)]))
        else:
            raise _Bad(f"array holds a non-number {str(v)[:40]!r}")
    if not parts:
        return np.zeros(0)
    return np.concatenate(parts)


def _parse_ascii(data: bytes) -> FbxDocument:
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    nodes = _AsciiParser(text).parse()
    version = None
    header = next((n for n in nodes if n.name == "FBXHeaderExtension"), None)
    if header is not None:
        v = header.find("FBXVersion")
        if v is not None and v.props and isinstance(v.props[0], int | float) and math.isfinite(v.props[0]):
            version = int(v.props[0])
    if version is None:
        m = re.search(r";\s*FBX\s+(\d+)\.(\d+)\.(\d+)", text[:2000])
        if m:
            version = int(m.group(1)) * 1000 + int(m.group(2)) * 100
    if version is None:
        if not any(n.name in ("Objects", "Connections") for n in nodes):
            raise _Bad("no FBX header, objects or connections: not an FBX file")
        version = 7000 if "Properties70" in text else 6000
    _check_version(version)
    return FbxDocument(version, False, nodes)


def parse_fbx(data: bytes, source: str = "<bytes>") -> FbxDocument:
    """Parse binary or ASCII FBX bytes into a node tree (no scene interpretation).

    Raises InvalidFileError (corrupt or hostile data) or FormatError (unsupported version).
    """
    try:
        return _parse(data)
    except MeshforgeError as exc:
        raise type(exc)(f"{source}: {exc}") from None
    except _Bad as exc:
        raise InvalidFileError(f"{source}: {exc}") from None
    except RecursionError:
        raise InvalidFileError(f"{source}: nested too deeply") from None
    except MemoryError:
        raise InvalidFileError(f"{source}: too large to read in memory") from None
    except Exception as exc:  # last line of defence: untrusted input must never escape as a crash
        log.debug("unexpected error parsing %s", source, exc_info=True)
        raise InvalidFileError(
            f"{source}: unexpected problem parsing FBX ({type(exc).__name__}: {exc})"
        ) from None


def _parse(data: bytes) -> FbxDocument:
    if not data:
        raise _Bad("the file is empty")
    if data.startswith(BINARY_MAGIC):
        return _parse_binary(data)
    if data.startswith(b"Kaydara FBX Binary"):
        if data[18:23] == b"  \x20\x1a\x20" or b"\x00" not in data[:4096]:
            raise _Bad("damaged binary header: its NUL bytes were replaced by spaces (a text-mode transfer?)")
        raise _Bad("damaged binary header (bad magic)")
    head = data[:4096]
    if b"\x00" in head:
        raise _Bad("bad magic: neither a binary FBX header ('Kaydara FBX Binary') nor ASCII FBX text")
    return _parse_ascii(data)


# ====================================================================== scene: objects, properties, connections


@dataclass
class _Object:
    id: object
    cls: str
    name: str
    subclass: str
    node: FbxNode
    props: dict[str, list]


@dataclass
class _Scene:
    source: str
    version: int
    binary: bool
    objects: dict[object, _Object] = field(default_factory=dict)
    # parent id -> [(child id, property name or "")] in file order; child id -> [parent ids]
    children: dict[object, list[tuple[object, str]]] = field(default_factory=dict)
    parents: dict[object, list[object]] = field(default_factory=dict)
    settings: dict[str, list] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings and len(self.warnings) < 200:
            self.warnings.append(message)
            log.warning("%s: %s", self.source, message)

    def children_of(self, parent: object, cls: str | None = None) -> list[tuple[_Object, str]]:
        out = []
        for cid, prop in self.children.get(parent, []):
            obj = self.objects.get(cid)
            if obj is not None and (cls is None or obj.cls == cls):
                out.append((obj, prop))
        return out

    def parents_of(self, child: object, cls: str | None = None) -> list[_Object]:
        out = []
        for pid in self.parents.get(child, []):
            obj = self.objects.get(pid)
            if obj is not None and (cls is None or obj.cls == cls):
                out.append(obj)
        return out


def _read_properties(node: FbxNode | None) -> dict[str, list]:
    """``Properties70`` (``P: name, type, label, flags, values``) or ``Properties60`` (``Property: name,
    type, flags, values``) into ``{name: [values]}`` with numeric runs flattened."""
    out: dict[str, list] = {}
    if node is None:
        return out
    block = node.find("Properties70")
    skip, key = 4, "P"
    if block is None:
        block = node.find("Properties60")
        skip, key = 3, "Property"
    if block is None:
        return out
    for p in block.children:
        if p.name != key or not p.props or not isinstance(p.props[0], str):
            continue
        values: list = []
        for v in p.props[skip:]:
            if isinstance(v, np.ndarray):
                values.extend(float(x) for x in v[:64])
            else:
                values.append(v)
        out[p.props[0]] = values
    return out


def _split_name(full: str) -> tuple[str, str]:
    """``"Model::Cube"`` -> ("Model", "Cube")."""
    if "::" in full:
        cls, name = full.split("::", 1)
        return cls, name
    return "", full


def _build_scene(doc: FbxDocument, source: str) -> _Scene:
    scene = _Scene(source, doc.version, doc.binary)
    modern = doc.version >= 7000
    templates: dict[str, dict[str, list]] = {}
    definitions = doc.find("Definitions")
    if definitions is not None:
        for obj_type in definitions.find_all("ObjectType"):
            if not obj_type.props or not isinstance(obj_type.props[0], str):
                continue
            merged: dict[str, list] = {}
            for template in obj_type.find_all("PropertyTemplate"):
                merged.update(_read_properties(template))
            if merged:
                templates[obj_type.props[0]] = merged
    objects = doc.find("Objects")
    if objects is None:
        raise _Bad("no Objects section")
    for node in objects.children:
        if node.name == "GlobalSettings" and not modern:
            scene.settings = _read_properties(node)
            continue
        if modern:
            if len(node.props) < 2 or not isinstance(node.props[0], int) or isinstance(node.props[0], bool):
                continue
            oid, full = node.props[0], node.props[1]
            subclass = node.props[2] if len(node.props) > 2 else ""
        else:
            if not node.props:
                continue
            oid = full = node.props[0]
            subclass = node.props[1] if len(node.props) > 1 else ""
        if not isinstance(full, str):
            continue
        _, name = _split_name(full)
        props = dict(templates.get(node.name, {}))
        props.update(_read_properties(node))
        scene.objects[oid] = _Object(
            oid, node.name, name, subclass if isinstance(subclass, str) else "", node, props
        )
    if modern:
        gs = doc.find("GlobalSettings")
        if gs is not None:
            scene.settings = _read_properties(gs)
    connections = doc.find("Connections")
    for c in [] if connections is None else connections.children:
        if c.name not in ("C", "Connect") or len(c.props) < 3:
            continue
        kind, child, parent = c.props[0], c.props[1], c.props[2]
        if not isinstance(kind, str) or not kind.startswith("O"):
            continue
        prop = c.props[3] if kind == "OP" and len(c.props) > 3 and isinstance(c.props[3], str) else ""
        scene.children.setdefault(parent, []).append((child, prop))
        scene.parents.setdefault(child, []).append(parent)
    return scene


# ---------------------------------------------------------------------- property getters


def _num(
    props: dict[str, list], name: str, default: float, scene: _Scene | None = None, where: str = ""
) -> float:
    values = props.get(name)
    if not values or not isinstance(values[0], int | float):
        return default
    value = float(values[0])
    if not math.isfinite(value):
        if scene is not None:
            scene.warn(f"{where} {name} is not finite; using {default}")
        return default
    return value


def _vec3(
    props: dict[str, list], name: str, default: tuple, scene: _Scene | None = None, where: str = ""
) -> np.ndarray:
    values = props.get(name)
    if not values or len(values) < 3 or not all(isinstance(v, int | float) for v in values[:3]):
        return np.array(default, dtype=np.float64)
    vec = np.array([float(v) for v in values[:3]])
    if not np.isfinite(vec).all():
        if scene is not None:
            scene.warn(f"{where} {name} is not finite; using {default}")
        return np.array(default, dtype=np.float64)
    return vec


def _string(node: FbxNode, child: str) -> str:
    c = node.find(child)
    if c is None or not c.props or not isinstance(c.props[0], str):
        return ""
    return c.props[0]


# ---------------------------------------------------------------------- transforms


def _translation(t: np.ndarray) -> np.ndarray:
    m = np.eye(4)
    m[:3, 3] = t
    return m


def _scaling(s: np.ndarray) -> np.ndarray:
    return np.diag([s[0], s[1], s[2], 1.0])


def _axis_rotation(axis: int, degrees: float) -> np.ndarray:
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    m = np.eye(4)
    i, j = [(1, 2), (2, 0), (0, 1)][axis]
    m[i, i], m[i, j], m[j, i], m[j, j] = c, -s, s, c
    return m


#: FBX RotationOrder enum -> axes in the order they are applied (eEulerXYZ applies X first).
_ROTATION_ORDERS = {
    0: (0, 1, 2),
    1: (0, 2, 1),
    2: (1, 2, 0),
    3: (1, 0, 2),
    4: (2, 0, 1),
    5: (2, 1, 0),
    6: (0, 1, 2),
}


def _euler(angles: np.ndarray, order: int = 0) -> np.ndarray:
    m = np.eye(4)
    for axis in _ROTATION_ORDERS.get(order, (0, 1, 2)):
        m = _axis_rotation(axis, angles[axis]) @ m
    return m


def _local_transform(obj: _Object, scene: _Scene) -> np.ndarray:
    p = obj.props
    w = f"node {obj.name!r}"
    order = int(_num(p, "RotationOrder", 0))
    t = _translation(_vec3(p, "Lcl Translation", (0, 0, 0), scene, w))
    r_off = _translation(_vec3(p, "RotationOffset", (0, 0, 0), scene, w))
    r_piv = _translation(_vec3(p, "RotationPivot", (0, 0, 0), scene, w))
    r_pre = _euler(_vec3(p, "PreRotation", (0, 0, 0), scene, w))
    r = _euler(_vec3(p, "Lcl Rotation", (0, 0, 0), scene, w), order)
    r_post = _euler(_vec3(p, "PostRotation", (0, 0, 0), scene, w))
    s_off = _translation(_vec3(p, "ScalingOffset", (0, 0, 0), scene, w))
    s_piv = _translation(_vec3(p, "ScalingPivot", (0, 0, 0), scene, w))
    s = _scaling(_vec3(p, "Lcl Scaling", (1, 1, 1), scene, w))
    return (
        t
        @ r_off
        @ r_piv
        @ r_pre
        @ r
        @ r_post.T
        @ np.linalg.inv(r_piv)
        @ s_off
        @ s_piv
        @ s
        @ np.linalg.inv(s_piv)
    )


def _geometric_transform(obj: _Object, scene: _Scene) -> np.ndarray:
    p = obj.props
    w = f"node {obj.name!r}"
    return (
        _translation(_vec3(p, "GeometricTranslation", (0, 0, 0), scene, w))
        @ _euler(_vec3(p, "GeometricRotation", (0, 0, 0), scene, w))
        @ _scaling(_vec3(p, "GeometricScaling", (1, 1, 1), scene, w))
    )


def _world_transforms(scene: _Scene, models: list[_Object]) -> dict[object, np.ndarray]:
    """Model-space matrices of ``models`` and their ancestors (file units and axes)."""
    world: dict[object, np.ndarray] = {}

    def parent_model(obj: _Object) -> _Object | None:
        parents = scene.parents_of(obj.id, "Model")
        return parents[0] if parents else None

    for model in models:
        chain = []
        node: _Object | None = model
        seen = set()
        while node is not None and node.id not in world:
            if node.id in seen:
                raise _Bad(f"the node hierarchy has a cycle through {node.name!r}")
            if len(chain) > MAX_HIERARCHY_DEPTH:
                raise _Bad(f"the node hierarchy is deeper than {MAX_HIERARCHY_DEPTH} levels")
            seen.add(node.id)
            chain.append(node)
            node = parent_model(node)
        parent_matrix = np.eye(4) if node is None else world[node.id]
        for obj in reversed(chain):
            local = _local_transform(obj, scene)
            inherit = int(_num(obj.props, "InheritType", 1))
            parent = parent_model(obj)
            if inherit == 2 and parent is not None:
                # Rrs: the parent's scaling is not inherited (Maya's segment scale compensation)
                parent_scale = _vec3(parent.props, "Lcl Scaling", (1, 1, 1))
                if np.all(np.abs(parent_scale) > 1e-12):
                    local = local.copy()
                    local[:3, :3] = np.diag(1.0 / parent_scale) @ local[:3, :3]
            parent_matrix = parent_matrix @ local
            world[obj.id] = parent_matrix
    return world


_AXIS_NAMES = "XYZ"


def _axis_conversion(scene: _Scene) -> tuple[np.ndarray, str]:
    """3x3 matrix from the file's axes to meshforge's (X right, Y up, Z towards the viewer)."""
    s = scene.settings
    up = int(_num(s, "UpAxis", 1))
    up_sign = _num(s, "UpAxisSign", 1)
    front = int(_num(s, "FrontAxis", 2))
    front_sign = _num(s, "FrontAxisSign", 1)
    coord = int(_num(s, "CoordAxis", 0))
    coord_sign = _num(s, "CoordAxisSign", 1)
    if sorted((up, front, coord)) != [0, 1, 2] or any(
        v not in (1.0, -1.0) for v in (up_sign, front_sign, coord_sign)
    ):
        scene.warn(f"invalid axis settings (up {up}, front {front}, coord {coord}); assuming Y-up")
        return np.eye(3), "Y+"
    m = np.zeros((3, 3))
    m[0, coord] = coord_sign
    m[1, up] = up_sign
    m[2, front] = front_sign
    return m, _AXIS_NAMES[up] + ("+" if up_sign > 0 else "-")


# ====================================================================== meshes


@dataclass
class _Corners:
    """Polygon structure of one geometry (all arrays per corner or per polygon)."""

    vertex: np.ndarray  # (C,) vertex index of each corner
    poly: np.ndarray  # (C,) polygon of each corner
    start: np.ndarray  # (P,) first corner of each polygon
    size: np.ndarray  # (P,) corners of each polygon


def _int_array(node: FbxNode | None, what: str) -> np.ndarray:
    if node is None or not node.props:
        return np.zeros(0, dtype=np.int64)
    values = (
        node.props[0]
        if len(node.props) == 1 and isinstance(node.props[0], np.ndarray)
        else _flatten_numbers(node.props)
    )
    if values.dtype.kind == "f":
        if not np.isfinite(values).all() or np.any(np.abs(values) > 2**62):
            raise _Bad(f"{what} holds non-finite or huge values")
        as_int = values.astype(np.int64)
        if np.any(as_int != values):
            raise _Bad(f"{what} holds non-integer values")
        return as_int
    return values.astype(np.int64, copy=False)


def _float_array(node: FbxNode | None) -> np.ndarray:
    if node is None or not node.props:
        return np.zeros(0)
    if len(node.props) == 1 and isinstance(node.props[0], np.ndarray):
        return node.props[0].astype(np.float64, copy=False)
    return _flatten_numbers(node.props)


def _polygons(indices: np.ndarray, vertex_count: int, scene: _Scene, where: str) -> _Corners:
    if len(indices) and indices[-1] >= 0:
        scene.warn(f"{where}: the last polygon is not closed by a negative index; closing it")
        indices = indices.copy()
        indices[-1] = ~indices[-1]
    ends = indices < 0
    vertex = np.where(ends, ~indices, indices)
    if len(vertex) and (vertex.min() < 0 or vertex.max() >= vertex_count):
        bad = int(vertex.max() if vertex.max() >= vertex_count else vertex.min())
        raise _Bad(f"{where}: polygon vertex index {bad} is out of range (0..{vertex_count - 1})")
    end_pos = np.flatnonzero(ends)
    start = np.r_[0, end_pos[:-1] + 1].astype(np.int64) if len(end_pos) else np.zeros(0, np.int64)
    size = end_pos - start + 1 if len(end_pos) else np.zeros(0, np.int64)
    poly = np.repeat(np.arange(len(start)), size)
    return _Corners(vertex, poly, start, size)


def _layer_element(geometry: FbxNode, name: str) -> FbxNode | None:
    elements = geometry.find_all(name)
    if not elements:
        return None

    def index(e: FbxNode) -> int:
        v = e.props[0] if e.props else 0
        return int(v) if isinstance(v, int | float) and math.isfinite(v) else 0

    return min(elements, key=index)


def _layer_values(
    element: FbxNode,
    data_name: str,
    index_name: str,
    width: int,
    corners: _Corners,
    scene: _Scene,
    where: str,
) -> np.ndarray | None:
    """Per-corner values (C, width) of a LayerElement, or None when its mapping is not usable."""
    mapping = _string(element, "MappingInformationType")
    reference = _string(element, "ReferenceInformationType")
    data = _float_array(element.find(data_name))
    if not len(data):
        scene.warn(f"{where}: the {data_name} layer holds no values; ignored")
        return None
    if len(data) % width:
        raise _Bad(f"{where}: {data_name} has {len(data)} values, not a multiple of {width}")
    data = data.reshape(-1, width)
    n = len(corners.vertex)
    if mapping == "ByPolygonVertex":
        idx = np.arange(n)
    elif mapping in ("ByVertice", "ByVertex"):
        idx = corners.vertex
    elif mapping == "ByPolygon":
        idx = corners.poly
    elif mapping == "AllSame":
        idx = np.zeros(n, dtype=np.int64)
    else:
        scene.warn(f"{where}: {data_name} mapping {mapping!r} is not supported; ignored")
        return None
    missing = None
    if reference in ("IndexToDirect", "Index"):
        index = _int_array(element.find(index_name), f"{where}: {index_name}")
        if n and idx.max() >= len(index):
            raise _Bad(f"{where}: {index_name} has {len(index)} entries, {int(idx.max()) + 1} needed")
        idx = index[idx]
        missing = idx < 0
        idx = np.where(missing, 0, idx)
    elif reference != "Direct":
        scene.warn(f"{where}: {data_name} reference {reference!r} is not supported; ignored")
        return None
    if n and idx.max() >= len(data):
        raise _Bad(f"{where}: {data_name} index {int(idx.max())} is out of range ({len(data)} values)")
    values = data[idx]
    if missing is not None and missing.any():
        values[missing] = 0.0
    return values


def _triangulate(positions: np.ndarray, corners: _Corners, keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Triangulate the polygons where ``keep`` is True.

    Returns (T, 3) corner indices, counter-clockwise like their polygon, and the (T,) polygon of each.
    Triangles and convex polygons become fans; a concave quad fans from its reflex corner; other
    concave polygons are ear-clipped in their plane (Newell's normal). Only polygons with more than
    three corners are examined, so triangle meshes cost no extra memory.
    """
    start, size = corners.start, corners.size
    tris, tri_poly = [], []
    triangles = np.flatnonzero(keep & (size == 3))
    if len(triangles):
        tris.append(start[triangles, None] + np.arange(3))
        tri_poly.append(triangles)
    polys = np.flatnonzero(keep & (size > 3))
    if len(polys):
        p_size = size[polys]
        p_start = np.cumsum(p_size) - p_size  # start of each polygon within the subset
        sub = np.repeat(start[polys] - p_start, p_size) + np.arange(int(p_size.sum()))  # subset -> corner
        sub_poly = np.repeat(np.arange(len(polys)), p_size)
        p = positions[corners.vertex[sub]]
        n = len(sub)
        nxt = np.arange(1, n + 1)
        nxt[p_start + p_size - 1] = p_start
        prv = np.arange(-1, n - 1)
        prv[p_start] = p_start + p_size - 1
        # Newell's polygon normal (robust for non-planar and concave polygons)
        b = p[nxt]
        newell = np.stack(
            [
                (p[:, 1] - b[:, 1]) * (p[:, 2] + b[:, 2]),
                (p[:, 2] - b[:, 2]) * (p[:, 0] + b[:, 0]),
                (p[:, 0] - b[:, 0]) * (p[:, 1] + b[:, 1]),
            ],
            axis=1,
        )
        del b
        normal = np.add.reduceat(newell, p_start, axis=0)
        del newell
        edge_in = p - p[prv]
        turn = np.einsum("ij,ij->i", np.cross(edge_in, p[nxt] - p), normal[sub_poly])
        length = np.linalg.norm(normal, axis=1)
        scale = np.add.reduceat(np.einsum("ij,ij->i", edge_in, edge_in), p_start) / p_size
        del edge_in
        concave = (np.minimum.reduceat(turn, p_start) < -1e-12 * length * scale) & (length > 0)

        fan = np.flatnonzero(~concave)
        if len(fan):
            counts = p_size[fan] - 2
            tp = np.repeat(fan, counts)
            j = np.arange(len(tp)) - np.repeat(np.cumsum(counts) - counts, counts) + 1
            first = start[polys[tp]]
            tris.append(np.stack([first, first + j, first + j + 1], axis=1))
            tri_poly.append(polys[tp])
        quads = np.flatnonzero(concave & (p_size == 4))
        if len(quads):
            reflex = np.argmin(turn[p_start[quads, None] + np.arange(4)], axis=1)
            local = (reflex[:, None, None] + np.array([[0, 1, 2], [0, 2, 3]])[None]) % 4
            tris.append((start[polys[quads], None, None] + local).reshape(-1, 3))
            tri_poly.append(np.repeat(polys[quads], 2))
        ngons = np.flatnonzero(concave & (p_size > 4))
        if len(ngons):
            import mapbox_earcut

            for q in ngons:
                s, k, first = int(p_start[q]), int(p_size[q]), int(start[polys[q]])
                pts = p[s : s + k]
                nrm = normal[q] / length[q]
                helper = np.array([1.0, 0, 0]) if abs(nrm[0]) < 0.9 else np.array([0, 1.0, 0])
                u = np.cross(nrm, helper)
                u /= np.linalg.norm(u)
                v = np.cross(nrm, u)
                flat = np.stack([pts @ u, pts @ v], axis=1)
                local = mapbox_earcut.triangulate_float64(flat, np.array([k], dtype=np.uint32)).astype(
                    np.int64
                )
                if len(local) != 3 * (k - 2):  # earcut gave up (self-intersecting outline): fan
                    local = np.stack(
                        [np.zeros(k - 2, np.int64), np.arange(1, k - 1), np.arange(2, k)], axis=1
                    )
                tri = local.reshape(-1, 3)
                # earcut's winding follows the projected plane; keep the polygon's own orientation
                tn = np.cross(pts[tri[:, 1]] - pts[tri[:, 0]], pts[tri[:, 2]] - pts[tri[:, 0]])
                flip = tn @ normal[q] < 0
                tri[flip] = tri[flip][:, ::-1]
                tris.append(tri + first)
                tri_poly.append(np.full(len(tri), polys[q]))
    if not tris:
        return np.zeros((0, 3), np.int64), np.zeros(0, np.int64)
    tri, owner = np.concatenate(tris).astype(np.int64), np.concatenate(tri_poly).astype(np.int64)
    order = np.argsort(owner, kind="stable")  # back in the file's polygon order
    return tri[order], owner[order]


def _read_geometry(geometry: FbxNode, label: str, unit: float, scene: _Scene) -> list[tuple[int, Mesh]]:
    """A mesh geometry triangulated and split by material slot: [(slot, Mesh in meters)]."""
    where = f"mesh {label!r}"
    positions = _float_array(geometry.find("Vertices"))
    if len(positions) % 3:
        raise _Bad(f"{where}: Vertices has {len(positions)} values, not a multiple of 3")
    positions = positions.reshape(-1, 3)
    indices = _int_array(geometry.find("PolygonVertexIndex"), f"{where}: PolygonVertexIndex")
    if len(indices) > MAX_CORNERS:
        raise _Bad(f"{where}: {len(indices)} polygon corners is more than the {MAX_CORNERS} accepted")
    corners = _polygons(indices, len(positions), scene, where)
    if not len(corners.start):
        return []
    keep = corners.size >= 3
    if not keep.all():
        scene.warn(f"{where}: {int((~keep).sum())} point/line polygon(s) skipped")
    finite_vertex = np.isfinite(positions).all(axis=1)
    if not finite_vertex.all():
        bad_corner = ~finite_vertex[corners.vertex]
        bad_poly = np.zeros(len(corners.start), bool)
        bad_poly[corners.poly[bad_corner]] = True
        dropped = int((bad_poly & keep).sum())
        keep &= ~bad_poly
        scene.warn(
            f"{where}: {int((~finite_vertex).sum())} vertex position(s) are NaN or infinite; "
            f"{dropped} polygon(s) using them were dropped"
        )
        positions = np.where(finite_vertex[:, None], positions, 0.0)
    if np.abs(positions).max(initial=0.0) > 1e15:
        raise _Bad(f"{where}: vertex coordinates beyond 1e15 units")

    normals = uvs = None
    element = _layer_element(geometry, "LayerElementNormal")
    if element is not None:
        normals = _layer_values(element, "Normals", "NormalsIndex", 3, corners, scene, where)
    element = _layer_element(geometry, "LayerElementUV")
    if element is not None:
        uvs = _layer_values(element, "UV", "UVIndex", 2, corners, scene, where)
    slots = np.zeros(len(corners.start), dtype=np.int64)
    element = _layer_element(geometry, "LayerElementMaterial")
    if element is not None:
        mapping = _string(element, "MappingInformationType")
        values = _int_array(element.find("Materials"), f"{where}: Materials")
        if mapping == "ByPolygon" and len(values) >= len(slots):
            slots = values[: len(slots)]
        elif len(values) and mapping in ("AllSame", "ByPolygon"):
            if mapping == "ByPolygon":
                scene.warn(
                    f"{where}: {len(values)} material indices for {len(slots)} polygons; using the first"
                )
            slots = np.full(len(slots), values[0], dtype=np.int64)
        elif len(values):
            scene.warn(f"{where}: material mapping {mapping!r} is not supported; one material used")

    tri, tri_poly = _triangulate(positions, corners, keep)
    if not len(tri):
        return []

    used_corners = tri.reshape(-1)
    if normals is not None:
        finite = np.isfinite(normals[used_corners]).all(axis=1)
        length = np.linalg.norm(np.where(np.isfinite(normals), normals, 0.0), axis=1)
        if not finite.all() or np.any(length[used_corners] < 1e-12):
            scene.warn(f"{where}: some normals are NaN or zero; normals recomputed")
            normals = None
        else:
            normals = normals / length[:, None].clip(1e-300)
    if uvs is not None and not np.isfinite(uvs[used_corners]).all():
        scene.warn(f"{where}: some UVs are NaN or infinite; set to 0")
        uvs = np.where(np.isfinite(uvs), uvs, 0.0)

    # render vertices: corners identical in vertex, normal and UV become one
    cols = [corners.vertex[:, None]]
    if normals is not None:
        cols.append(normals.view(np.int64))
    if uvs is not None:
        cols.append(np.ascontiguousarray(uvs).view(np.int64))
    render, source_corner = _unique_rows(np.ascontiguousarray(np.concatenate(cols, axis=1)))
    out = []
    tri_slot = slots[tri_poly]
    for slot in np.unique(tri_slot):
        faces = render[tri[tri_slot == slot]]
        present = np.zeros(len(source_corner), dtype=bool)
        present[faces.reshape(-1)] = True
        remap = np.cumsum(present) - 1
        src = source_corner[present]
        mesh = Mesh(
            positions[corners.vertex[src]] * unit,
            remap[faces],
            None if normals is None else normals[src],
            None if uvs is None else uvs[src],
            uv_mode="atlas",
        )
        if mesh.normals is None:
            mesh = mesh.with_normals()
        out.append((int(slot), mesh))
    return out


def _unique_rows(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group identical rows of an (n, k) int64 array.

    Returns (group of each row, first row of each group), groups numbered in order of first
    appearance. Rows are hashed to one 64-bit word (FNV-1a style) for speed, then checked against
    their group's first row; on a hash collision the exact (slower) row comparison is used.
    """
    words = key.view(np.uint64)
    h = np.full(len(key), 0xCBF29CE484222325, dtype=np.uint64)
    for column in words.T:
        h = (h ^ column) * np.uint64(0x100000001B3)
    _, first, inverse = np.unique(h, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    if not np.array_equal(key[first[inverse]], key):
        rows = key.view(np.dtype((np.void, key.dtype.itemsize * key.shape[1]))).reshape(-1)
        _, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[inverse], first[order]


# ====================================================================== materials and textures

_BASE_COLOR_SLOTS = (
    "DiffuseColor",
    "Maya|baseColor",
    "Maya|TEX_color_map",
    "3dsMax|Parameters|base_color_map",
    "3dsMax|main|base_color_map",
    "base_color_map",
)
_NORMAL_SLOTS = (
    "NormalMap",
    "Maya|normalCamera",
    "Maya|TEX_normal_map",
    "3dsMax|Parameters|bump_map",
    "3dsMax|main|norm_map",
)
_EMISSIVE_SLOTS = (
    "EmissiveColor",
    "Maya|emissionColor",
    "Maya|TEX_emissive_map",
    "3dsMax|Parameters|emit_color_map",
    "3dsMax|main|emit_color_map",
)
# Blender's exporter (and meshforge's) put roughness maps on ShininessExponent, metallic on ReflectionFactor
_ROUGHNESS_SLOTS = (
    "Maya|specularRoughness",
    "Maya|TEX_roughness_map",
    "3dsMax|Parameters|roughness_map",
    "3dsMax|main|roughness_map",
    "ShininessExponent",
)
_METALLIC_SLOTS = (
    "Maya|metalness",
    "Maya|TEX_metallic_map",
    "3dsMax|Parameters|metalness_map",
    "3dsMax|main|metalness_map",
    "ReflectionFactor",
)


class _TextureLoader:
    """Finds and decodes texture images (embedded first, then files in the FBX file's folder)."""

    def __init__(self, scene: _Scene, base_dir: Path | None):
        self.scene = scene
        self.base_dir = None if base_dir is None else base_dir.resolve()
        self.cache: dict[object, object] = {}
        self.embedded: dict[str, bytes] = {}
        for obj in scene.objects.values():
            if obj.cls == "Video":
                content = _video_content(obj.node)
                if content:
                    for path in (_string(obj.node, "RelativeFilename"), _string(obj.node, "Filename")):
                        if path:
                            self.embedded.setdefault(_basename(path).lower(), content)

    def image(self, texture: _Object):
        """A PIL image for a Texture object, or None (with a warning) when it cannot be read."""
        if texture.id in self.cache:
            return self.cache[texture.id]
        self.cache[texture.id] = image = self._load(texture)
        return image

    def _load(self, texture: _Object):
        label = f"texture {texture.name!r}"
        paths = [
            p for p in (_string(texture.node, "RelativeFilename"), _string(texture.node, "FileName")) if p
        ]
        content = None
        for video, _ in self.scene.children_of(texture.id, "Video"):
            content = _video_content(video.node)
            if content:
                break
            paths += [
                p for p in (_string(video.node, "RelativeFilename"), _string(video.node, "Filename")) if p
            ]
        if not content:
            for path in paths:
                content = self.embedded.get(_basename(path).lower())
                if content:
                    break
        if content:
            return self._decode(content, label)
        if not paths:
            self.scene.warn(f"{label} names no image; dropped")
            return None
        data = self._read_file(paths)
        if data is None:
            self.scene.warn(f"{label}: image {paths[0]!r} not found next to the FBX file; dropped")
            return None
        return self._decode(data, label)

    def _read_file(self, paths: list[str]) -> bytes | None:
        if self.base_dir is None:
            return None
        candidates = []
        for path in paths:
            rel = path.replace("\\", "/")
            if not re.match(r"^([A-Za-z]:)?/", rel):
                candidates.append(self.base_dir / rel)
            candidates.append(self.base_dir / _basename(path))
        for candidate in candidates:
            try:
                resolved = candidate.resolve()
                resolved.relative_to(self.base_dir)  # never read outside the FBX file's folder
                if resolved.is_file() and resolved.stat().st_size <= MAX_TEXTURE_BYTES:
                    return resolved.read_bytes()
            except (OSError, ValueError, RuntimeError):
                continue
        return None

    def _decode(self, data: bytes, label: str):
        from PIL import Image

        if len(data) > MAX_TEXTURE_BYTES:
            self.scene.warn(f"{label}: image larger than {MAX_TEXTURE_BYTES} bytes; dropped")
            return None
        try:
            image = Image.open(io.BytesIO(data))
            w, h = image.size
            if w * h > MAX_TEXTURE_PIXELS or w <= 0 or h <= 0:
                self.scene.warn(f"{label}: image of {w}x{h} pixels is too large; dropped")
                return None
            image.load()
            if max(image.size) > MAX_TEXTURE_SIZE:
                self.scene.warn(f"{label}: {w}x{h} image downscaled to at most {MAX_TEXTURE_SIZE}px")
                image.thumbnail((MAX_TEXTURE_SIZE, MAX_TEXTURE_SIZE))
            if image.mode not in ("RGB", "RGBA", "L"):
                alpha = "A" in image.getbands() or "transparency" in image.info
                image = image.convert("RGBA" if alpha else "RGB")
        except Exception as exc:  # PIL raises many types for damaged or unknown images
            self.scene.warn(f"{label}: image cannot be decoded ({type(exc).__name__}); dropped")
            return None
        return image


def _video_content(node: FbxNode) -> bytes | None:
    content = node.find("Content")
    if content is None or not content.props:
        return None
    value = content.props[0]
    if isinstance(value, bytes):
        return value or None
    strings = [v for v in content.props if isinstance(v, str)]
    if strings:
        text = "".join(strings)
        if not text:
            return None
        try:
            return base64.b64decode(text, validate=False)
        except (binascii.Error, ValueError):
            return None
    return None


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _safe_name(text: str, fallback: str) -> str:
    name = re.sub(r"[^\w.-]+", "_", text).strip("_.")
    return name[:64] or fallback


def _color(props: dict[str, list], name: str, default: tuple) -> np.ndarray:
    return np.clip(_vec3(props, name, default), 0.0, 1.0)


class _MaterialBuilder:
    def __init__(self, scene: _Scene, textures: _TextureLoader, creator: str):
        self.scene = scene
        self.textures = textures
        # Blender writes metallic as ReflectionFactor; Maya and 3ds Max use it for reflections
        self.reflection_is_metallic = creator.startswith(("Blender", "meshforge"))
        # meshforge's writer keeps glTF's meaning: colours are factors that multiply their textures
        self.colors_scale_textures = creator.startswith("meshforge")
        self.cache: dict[object, Material] = {}
        self.names: set[str] = set()

    def unique_name(self, name: str) -> str:
        base = name or f"material_{len(self.names)}"
        unique, i = base, 1
        while unique in self.names:
            unique = f"{base}_{i}"
            i += 1
        self.names.add(unique)
        return unique

    def default(self, model: _Object) -> Material:
        key = ("default", model.id)
        if key not in self.cache:
            color = (
                _color(model.props, "Color", (0.8, 0.8, 0.8)) if "Color" in model.props else np.full(3, 0.8)
            )
            self.cache[key] = Material(
                self.unique_name("default"), base_color=(*map(float, color), 1.0), roughness=0.9
            )
        return self.cache[key]

    def material(self, obj: _Object, model_textures: list[_Object]) -> Material:
        if obj.id in self.cache:
            return self.cache[obj.id]
        p = obj.props
        shading = (_string(obj.node, "ShadingModel") or str((p.get("ShadingModel") or [""])[0])).lower()
        base = (
            _color(p, "DiffuseColor", (0.8, 0.8, 0.8))
            if "DiffuseColor" in p
            else _color(p, "Diffuse", (0.8, 0.8, 0.8))
        )
        base = np.clip(base * _num(p, "DiffuseFactor", 1.0), 0, 1)
        if "Opacity" in p:
            alpha = _num(p, "Opacity", 1.0)
        else:
            # FBX SDK: transparency = TransparentColor * TransparencyFactor. Maya writes factor 1 with a
            # black colour (opaque); some exporters write only the factor (then it alone counts).
            factor = _num(p, "TransparencyFactor", 0.0)
            if "TransparentColor" in p:
                alpha = 1.0 - factor * float(np.mean(_color(p, "TransparentColor", (0, 0, 0))))
            else:
                alpha = 1.0 - factor if factor < 1.0 else 1.0
        alpha = float(np.clip(alpha, 0, 1))
        shininess = _num(p, "Shininess", _num(p, "ShininessExponent", 20.0))
        roughness = 1.0 if shading == "lambert" else 1.0 - math.sqrt(max(shininess, 0.0)) / 10.0
        metallic = _num(p, "ReflectionFactor", 0.0) if self.reflection_is_metallic else 0.0
        emissive = _color(p, "EmissiveColor", (0, 0, 0)) * _num(p, "EmissiveFactor", 1.0)

        # PBR properties written by Maya (standardSurface, Stingray PBS) and 3ds Max (Physical, PBR)
        if "Maya|baseColor" in p:
            base = _color(p, "Maya|baseColor", (0.8, 0.8, 0.8)) * _num(p, "Maya|base", 1.0)
            metallic = _num(p, "Maya|metalness", metallic)
            roughness = _num(p, "Maya|specularRoughness", roughness)
            emissive = _color(p, "Maya|emissionColor", (0, 0, 0)) * _num(p, "Maya|emission", 0.0)
        elif "Maya|base_color" in p:
            base = _color(p, "Maya|base_color", (0.8, 0.8, 0.8))
            metallic = _num(p, "Maya|metallic", metallic)
            roughness = _num(p, "Maya|roughness", roughness)
            emissive = _color(p, "Maya|emissive", (0, 0, 0)) * _num(p, "Maya|emissive_intensity", 1.0)
        for prefix in ("3dsMax|Parameters|", "3dsMax|main|"):
            if prefix + "base_color" in p or prefix + "basecolor" in p:
                key = prefix + ("base_color" if prefix + "base_color" in p else "basecolor")
                base = _color(p, key, (0.8, 0.8, 0.8)) * _num(p, prefix + "base_weight", 1.0)
                metallic = _num(p, prefix + "metalness", metallic)
                roughness = _num(p, prefix + "roughness", roughness)
                glossy = (
                    _num(p, prefix + "roughness_inv", 0.0) or _num(p, prefix + "useGlossiness", 2.0) == 1.0
                )
                if glossy:
                    roughness = 1.0 - roughness
                emit_key = prefix + "emit_color" if prefix + "emit_color" in p else prefix + "emission"
                emissive = _color(p, emit_key, (0, 0, 0)) * (
                    _num(p, prefix + "emission", 1.0) if emit_key.endswith("emit_color") else 1.0
                )
                if prefix + "transparency" in p:
                    alpha = float(np.clip(1.0 - _num(p, prefix + "transparency", 0.0), 0, 1))
        # meshforge's FBX writer keeps the exact PBR values as user properties
        metallic = _num(p, "meshforge_metallic", metallic)
        roughness = _num(p, "meshforge_roughness", roughness)
        alpha_mode = str((p.get("meshforge_alpha_mode") or [""])[0])
        if alpha_mode not in ("OPAQUE", "MASK", "BLEND"):
            alpha_mode = "BLEND" if alpha < 1.0 else "OPAQUE"

        slots: dict[str, _Object] = {}
        for tex, prop in self.scene.children_of(obj.id, "Texture"):
            slots.setdefault(prop or "DiffuseColor", tex)
        for tex in model_textures:  # FBX 6 links textures to the model
            slots.setdefault("DiffuseColor", tex)
        name = self.unique_name(obj.name)

        fallback = _safe_name(name, "material")

        def texture(names: tuple[str, ...], suffix: str) -> Texture | None:
            for slot in names:
                if slot in slots:
                    image = self.textures.image(slots[slot])
                    if image is not None:
                        return Texture.from_image(image, _safe_name(slots[slot].name, f"{fallback}_{suffix}"))
            return None

        base_tex = texture(_BASE_COLOR_SLOTS, "basecolor")
        emissive_tex = texture(_EMISSIVE_SLOTS, "emissive")
        if not self.colors_scale_textures:
            # FBX: a texture connected to a colour replaces it
            if base_tex is not None:
                base = np.ones(3)
            if emissive_tex is not None:
                emissive = np.full(3, np.clip(_num(p, "EmissiveFactor", 1.0), 0, 1))
        rough_slot, metal_slot = _first(slots, _ROUGHNESS_SLOTS), _first(slots, _METALLIC_SLOTS)
        rough_image = None if rough_slot is None else self.textures.image(slots[rough_slot])
        metal_image = None if metal_slot is None else self.textures.image(slots[metal_slot])
        if rough_image is not None:
            roughness = 1.0  # the map carries the value; glTF multiplies factor and texture
        if metal_image is not None:
            metallic = 1.0
        mr_name = f"{fallback}_metallicroughness"
        if rough_image is not None:
            mr_name = _safe_name(re.sub(r"_roughness$", "", slots[rough_slot].name), mr_name)
        material = Material(
            name=name,
            base_color=(*(float(c) for c in np.clip(base, 0, 1)), alpha),
            metallic=float(np.clip(metallic, 0, 1)),
            roughness=float(np.clip(roughness, 0, 1)),
            emissive=tuple(float(c) for c in np.clip(emissive, 0, 1)),
            alpha_mode=alpha_mode,
            alpha_cutoff=float(np.clip(_num(p, "meshforge_alpha_cutoff", 0.5), 0, 1)),
            double_sided=bool(_num(p, "meshforge_double_sided", 0.0)),
            base_color_texture=base_tex,
            metallic_roughness_texture=_metal_rough_texture(rough_image, metal_image, mr_name),
            normal_texture=texture(_NORMAL_SLOTS, "normal"),
            normal_scale=_num(p, "meshforge_normal_scale", _num(p, "BumpFactor", 1.0)),
            emissive_texture=emissive_tex,
        )
        self.cache[obj.id] = material
        return material


def _first(slots: dict, names: tuple[str, ...]) -> str | None:
    """The first of ``names`` that has a texture connected."""
    return next((n for n in names if n in slots), None)


def _metal_rough_texture(rough, metal, name: str) -> Texture | None:
    """glTF packs roughness in G and metalness in B of one linear texture.

    A channel without a map is white, so the material's factor alone gives its value.
    """
    from PIL import Image

    if rough is None and metal is None:
        return None
    size = max((im.size for im in (rough, metal) if im is not None), key=lambda s: s[0] * s[1])
    white = Image.new("L", size, 255)
    green, blue = (white if im is None else im.convert("L").resize(size) for im in (rough, metal))
    return Texture.from_image(Image.merge("RGB", (white, green, blue)), name)


# ====================================================================== assembling the model


def _mesh_models(scene: _Scene) -> list[tuple[_Object, FbxNode, object]]:
    """(model, geometry node, geometry cache key) for every Model that carries a polygon mesh."""
    out = []
    modern = scene.version >= 7000
    for obj in scene.objects.values():
        if obj.cls != "Model":
            continue
        if modern:
            for geom, _ in scene.children_of(obj.id, "Geometry"):
                if geom.subclass == "Mesh" and geom.node.find("Vertices") is not None:
                    out.append((obj, geom.node, geom.id))
        elif obj.subclass == "Mesh" and obj.node.find("Vertices") is not None:
            out.append((obj, obj.node, obj.id))
    return out


def _describe_content(scene: _Scene) -> str:
    kinds: dict[str, int] = {}
    for obj in scene.objects.values():
        if obj.cls in ("Model", "Geometry"):
            kinds[obj.subclass or obj.cls] = kinds.get(obj.subclass or obj.cls, 0) + 1
    if not kinds:
        return "no scene objects"
    return ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])[:5])


def _lod_levels(scene: _Scene, mesh_models: list[_Object]) -> tuple[dict[object, int], list[float]]:
    """Level of every mesh node below an FBX ``LodGroup`` (FbxLODGroup: its k-th child node and what
    hangs below it is level k), and the switch sizes as fractions of screen height when the group
    gives them as percentages (one per level but the last)."""
    groups = [o for o in scene.objects.values() if o.cls == "Model" and o.subclass == "LodGroup"]
    levels: dict[object, int] = {}
    if not groups:
        return levels, []
    group_ids = {g.id for g in groups}
    for obj in mesh_models:
        node: _Object | None = obj
        for _ in range(MAX_HIERARCHY_DEPTH):
            parents = scene.parents_of(node.id, "Model")
            if not parents:
                break
            if parents[0].id in group_ids:
                order = [child.id for child, _ in scene.children_of(parents[0].id, "Model")]
                levels[obj.id] = order.index(node.id)
                break
            node = parents[0]
    sizes: list[float] = []
    for attribute, _ in scene.children_of(groups[0].id, "NodeAttribute"):
        if _num(attribute.props, "ThresholdsUsedAsPercentage", 0.0):
            while f"Thresholds|Level{len(sizes)}" in attribute.props and len(sizes) < 64:
                sizes.append(
                    float(np.clip(_num(attribute.props, f"Thresholds|Level{len(sizes)}", 0.0) / 100, 0, 1))
                )
    return levels, sizes


def _assemble(doc: FbxDocument, source: str, name: str, base_dir: Path | None) -> Model:
    scene = _build_scene(doc, source)
    unit_cm = _num(scene.settings, "UnitScaleFactor", 1.0, scene, "GlobalSettings")
    if not 1e-6 <= unit_cm <= 1e8:
        scene.warn(f"UnitScaleFactor {unit_cm} is implausible; assuming centimetres")
        unit_cm = 1.0
    unit = unit_cm / 100.0
    axes, up_name = _axis_conversion(scene)
    convert = np.eye(4)
    convert[:3, :3] = axes
    to_meters, from_meters = np.diag([unit, unit, unit, 1.0]), np.diag([1 / unit, 1 / unit, 1 / unit, 1.0])

    mesh_models = _mesh_models(scene)
    if not mesh_models:
        raise _Bad(f"the file contains no polygon meshes ({_describe_content(scene)})")
    world = _world_transforms(scene, [m for m, _, _ in mesh_models])
    creator = ""
    for n in doc.nodes:
        if n.name == "Creator" and n.props and isinstance(n.props[0], str):
            creator = n.props[0]
    textures = _TextureLoader(scene, base_dir)
    materials = _MaterialBuilder(scene, textures, creator)
    geometry_cache: dict[object, list[tuple[int, Mesh]]] = {}
    lod_of, lod_sizes = _lod_levels(scene, [m for m, _, _ in mesh_models])
    levels: dict[int, Model] = {0: Model(name=name)}
    for obj, geometry, key in mesh_models:
        if key not in geometry_cache:
            geometry_cache[key] = _read_geometry(geometry, obj.name or "mesh", unit, scene)
        pieces = geometry_cache[key]
        if not pieces:
            continue
        transform = convert @ to_meters @ world[obj.id] @ _geometric_transform(obj, scene) @ from_meters
        if not np.isfinite(transform).all() or abs(np.linalg.det(transform[:3, :3])) < 1e-30:
            scene.warn(f"node {obj.name!r} has a degenerate transform (zero scale?); skipped")
            continue
        model_materials = [m for m, _ in scene.children_of(obj.id, "Material")]
        model_textures = [t for t, _ in scene.children_of(obj.id, "Texture")]
        level = lod_of.get(obj.id, 0)
        model = levels.setdefault(level, Model(name=f"{name}_LOD{level}"))
        part_name = obj.name or f"mesh_{len(model.parts)}"
        if level and part_name.endswith(f"_L{level}"):
            part_name = part_name[: -len(f"_L{level}")]  # meshforge's writer keeps FBX node names unique
        for slot, mesh in pieces:
            if model_materials and 0 <= slot < len(model_materials):
                material = materials.material(model_materials[slot], model_textures)
            else:
                if model_materials:
                    scene.warn(
                        f"mesh {part_name!r} uses material slot {slot} of {len(model_materials)}; default used"
                    )
                material = materials.default(obj)
            label = part_name if len(pieces) == 1 else f"{part_name}_{material.name}"
            model.add(label, mesh, material, transform)
    model = levels[0]
    if not model.parts:
        if len(levels) > 1:
            raise _Bad("the LOD group's first level holds no triangles")
        raise _Bad("the file's meshes contain no triangles")
    lods = [levels[k] for k in sorted(levels) if k and levels[k].parts]
    if len(lods) != max(levels) or len(lods) + 1 != len(levels):
        scene.warn("the LOD group has empty levels; they were skipped")
    model.lods = lods
    model.lod_screen_sizes = lod_sizes[: len(lods)] if lods else []
    model.metadata.update(
        {
            "source": source,
            "source_format": "fbx",
            "fbx_version": doc.version,
            "fbx_encoding": "binary" if doc.binary else "ascii",
            "fbx_creator": creator[:200],
            "fbx_unit_m": unit,
            "fbx_up_axis": up_name,
            "warnings": list(scene.warnings),
        }
    )
    log.info(
        "%s: read %d triangles in %d parts, %d LOD levels (FBX %d)",
        source,
        model.triangle_count,
        len(model.parts),
        len(model.lods),
        doc.version,
    )
    return model


# ====================================================================== public API


def read_fbx_bytes(
    data: bytes, name: str = "model", source: str = "<bytes>", base_dir: str | os.PathLike | None = None
) -> Model:
    """Read FBX bytes into a Model (meters, Y-up).

    Args:
        data: the whole file.
        name: the model's name.
        source: how to name the file in error messages and ``metadata["source"]``.
        base_dir: folder where external texture files may be read from (only inside it); None reads none.

    Raises:
        InvalidFileError: corrupt, truncated, hostile or empty content.
        FormatError: an FBX version this reader does not support (before 6.0, after 7.x).
    """
    doc = parse_fbx(data, source)
    try:
        with np.errstate(all="ignore"):
            return _assemble(doc, source, name, None if base_dir is None else Path(base_dir))
    except MeshforgeError as exc:
        raise type(exc)(f"{source}: {exc}") from None
    except _Bad as exc:
        raise InvalidFileError(f"{source}: {exc}") from None
    except MemoryError:
        raise InvalidFileError(f"{source}: too large to read in memory") from None
    except Exception as exc:  # last line of defence: untrusted input must never escape as a crash
        log.debug("unexpected error reading %s", source, exc_info=True)
        raise InvalidFileError(
            f"{source}: unexpected problem reading FBX ({type(exc).__name__}: {exc})"
        ) from None


def load_fbx(path: str | os.PathLike) -> Model:
    """Read an FBX file; textures are looked up inside the file's folder only."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise FileAccessError(f"{p}: cannot read ({exc.strerror or exc})") from None
    return read_fbx_bytes(data, name=p.stem, source=str(p), base_dir=p.parent)
