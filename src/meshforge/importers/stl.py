"""STL (binary and ASCII) and PLY readers, converting print conventions to meshforge's meters, Y-up.

STL has no units; slicers and meshforge's own STL writer use **millimetres, Z-up**, so an STL is read
as millimetres Z-up and converted: ``(x, y, z) mm -> (x, z, -y) / 1000 m`` (the inverse of
:data:`meshforge.export.registry.Y_UP_TO_Z_UP`). The binary layout is 80-byte header, uint32 count,
50 bytes per facet; a count that disagrees with the file size is refused before any array is made.
A header written by meshforge that states other units or up axis is honoured.

PLY (Turk 1994; ASCII and binary little/big endian) is read with its header validated first: element
counts times their smallest record size must fit in the file. PLY files from meshforge are meters,
Y-up (their header comment says so), like most scanners' output, so no conversion is made.
The model's metadata records ``source_units`` and ``source_up``.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from meshforge.core.errors import InvalidFileError
from meshforge.core.material import Material
from meshforge.core.model import Model
from meshforge.geometry.mesh import Mesh

#: Most triangles / vertices read from one file.
MAX_ELEMENTS = 50_000_000
_UNIT_SCALE = {"m": 1.0, "mm": 0.001, "cm": 0.01, "in": 0.0254}
#: Z-up to Y-up: (x, y, z) -> (x, z, -y).
Z_UP_TO_Y_UP = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, -1.0, 0.0]])


def _stl_model(path: Path, triangles: np.ndarray, units: str, up: str) -> Model:
    if not len(triangles):
        raise InvalidFileError(f"{path}: the file contains no triangles")
    if not np.all(np.isfinite(triangles)):
        raise InvalidFileError(f"{path}: vertex coordinates contain NaN or infinite numbers")
    tri = triangles.reshape(-1, 3).astype(np.float64) * _UNIT_SCALE[units]
    if up == "Z":
        tri = tri @ Z_UP_TO_Y_UP.T
    mesh = Mesh(tri, np.arange(len(tri)).reshape(-1, 3))
    # one vertex per distinct position (STL repeats them per facet)
    _, first, inverse = np.unique(mesh.vertices, axis=0, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    faces = rank[inverse.reshape(-1)].reshape(-1, 3)
    keep = (faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 0] != faces[:, 2])
    mesh = Mesh(mesh.vertices[first[order]], faces[keep])
    if not mesh.triangle_count:
        raise InvalidFileError(f"{path}: every triangle is degenerate")
    model = Model(name=path.stem, metadata={"source": {"kind": "file", "format": "stl"},
                                            "source_units": units, "source_up": up})
    model.add(path.stem, mesh, Material("default"))
    return model


def load_stl(path: Path) -> Model:
    """Read binary or ASCII STL (millimetres Z-up unless a meshforge header says otherwise)."""
    data = path.read_bytes()
    if len(data) >= 84:
        count = int.from_bytes(data[80:84], "little")
        if 84 + 50 * count == len(data):
            header = data[:80].decode("latin-1")
            units, up = "mm", "Z"
            m = re.search(r"units?[=: ]+(mm|cm|m|in)\b", header)
            if header.startswith("meshforge") and m:
                units = m.group(1)
            m = re.search(r"up[=: ]+\+?([YZ])\b", header)
            if header.startswith("meshforge") and m:
                up = m.group(1)
            if count > MAX_ELEMENTS:
                raise InvalidFileError(f"{path}: {count:,} triangles, over the {MAX_ELEMENTS:,} limit")
            rec = np.dtype([("n", "<f4", (3,)), ("v", "<f4", (3, 3)), ("a", "<u2")])
            facets = np.frombuffer(data, dtype=rec, count=count, offset=84)
            return _stl_model(path, facets["v"], units, up)
    head = data[:512].lstrip().lower()
    if head.startswith(b"solid"):
        text = data.decode("latin-1")
        numbers = re.findall(r"vertex\s+(\S+)\s+(\S+)\s+(\S+)", text)
        if len(numbers) > 3 * MAX_ELEMENTS:
            raise InvalidFileError(f"{path}: more than {MAX_ELEMENTS:,} triangles")
        if len(numbers) % 3:
            raise InvalidFileError(f"{path}: ASCII STL with {len(numbers)} vertices, not a multiple of 3 (truncated?)")
        try:
            tri = np.asarray(numbers, dtype=np.float64)
        except ValueError:
            raise InvalidFileError(f"{path}: ASCII STL with a non-numeric vertex coordinate") from None
        return _stl_model(path, tri.reshape(-1, 3, 3), "mm", "Z")
    if len(data) >= 84:
        count = int.from_bytes(data[80:84], "little")
        raise InvalidFileError(f"{path}: binary STL header declares {count:,} triangles "
                               f"({84 + 50 * count:,} bytes) but the file has {len(data):,} bytes")
    raise InvalidFileError(f"{path}: too short to be an STL file ({len(data)} bytes)")


# ---------------------------------------------------------------------------------------------- PLY
_PLY_TYPES = {
    "char": "i1", "int8": "i1", "uchar": "u1", "uint8": "u1", "short": "i2", "int16": "i2",
    "ushort": "u2", "uint16": "u2", "int": "i4", "int32": "i4", "uint": "u4", "uint32": "u4",
    "float": "f4", "float32": "f4", "double": "f8", "float64": "f8",
}


def _ply_header(path: Path, data: bytes) -> tuple[str, list[tuple[str, int, list[tuple]]], int]:
    end = data.find(b"end_header")
    if not data.startswith(b"ply") or end < 0:
        raise InvalidFileError(f"{path}: not a PLY file (no 'ply' magic or no end_header)")
    nl = data.find(b"\n", end)
    body = len(data) if nl < 0 else nl + 1
    fmt, elements = None, []
    for line in data[:end].decode("latin-1").splitlines()[1:]:
        t = line.split()
        if not t or t[0] in ("comment", "obj_info"):
            continue
        if t[0] == "format" and len(t) >= 2:
            fmt = t[1]
        elif t[0] == "element" and len(t) == 3:
            try:
                count = int(t[2])
            except ValueError:
                raise InvalidFileError(f"{path}: element {t[1]} has a non-integer count {t[2]!r}") from None
            if count < 0 or count > MAX_ELEMENTS:
                raise InvalidFileError(f"{path}: element {t[1]} declares {count:,} items, over the {MAX_ELEMENTS:,} limit")
            elements.append((t[1], count, []))
        elif t[0] == "property" and elements:
            if len(t) == 5 and t[1] == "list" and t[2] in _PLY_TYPES and t[3] in _PLY_TYPES:
                elements[-1][2].append((t[4], "list", t[2], t[3]))
            elif len(t) == 3 and t[1] in _PLY_TYPES:
                elements[-1][2].append((t[2], t[1]))
            else:
                raise InvalidFileError(f"{path}: bad property line {line.strip()!r}")
        # other lines (free text some exporters write without 'comment') carry nothing we need
    if fmt not in ("ascii", "binary_little_endian", "binary_big_endian"):
        raise InvalidFileError(f"{path}: unknown PLY format {fmt!r}")
    return fmt, elements, body


def load_ply(path: Path) -> Model:
    """Read a PLY file's vertices (x y z, normals, s/t or u/v) and faces (meters, Y-up)."""
    data = path.read_bytes()
    fmt, elements, pos = _ply_header(path, data)
    size = len(data) - pos
    minimum = sum(count * sum(np.dtype(_PLY_TYPES[p[2] if p[1] == "list" else p[1]]).itemsize for p in props)
                  for _, count, props in elements)
    if fmt == "ascii":
        minimum = sum(count * 2 * len(props) for _, count, props in elements)
    if minimum > size:
        raise InvalidFileError(f"{path}: the header declares at least {minimum:,} bytes of data, "
                               f"the file has {size:,} (truncated or absurd counts)")
    tables: dict[str, dict[str, np.ndarray | list]] = {}
    if fmt == "ascii":
        tokens = data[pos:].split()
        i = 0
        try:
            for name, count, props in elements:
                cols: dict = {p[0]: [] for p in props}
                for _ in range(count):
                    for p in props:
                        if p[1] == "list":
                            n = int(tokens[i])
                            if n < 0 or n > 1000:
                                raise InvalidFileError(f"{path}: a {name} list of {n} items")
                            cols[p[0]].append([int(float(x)) for x in tokens[i + 1 : i + 1 + n]])
                            i += 1 + n
                        else:
                            cols[p[0]].append(float(tokens[i]))
                            i += 1
                tables[name] = cols
        except (IndexError, ValueError):
            raise InvalidFileError(f"{path}: the ASCII data ends early or has a bad number") from None
    else:
        order = "<" if fmt == "binary_little_endian" else ">"
        for name, count, props in elements:
            if all(p[1] != "list" for p in props):
                dt = np.dtype([(p[0], order + _PLY_TYPES[p[1]]) for p in props])
                if pos + dt.itemsize * count > len(data):
                    raise InvalidFileError(f"{path}: element {name} runs past the end of the file")
                arr = np.frombuffer(data, dtype=dt, count=count, offset=pos)
                tables[name] = {p[0]: arr[p[0]] for p in props}
                pos += dt.itemsize * count
                continue
            cols = {p[0]: [] for p in props}
            for _ in range(count):
                for p in props:
                    if p[1] == "list":
                        ct, it = np.dtype(order + _PLY_TYPES[p[2]]), np.dtype(order + _PLY_TYPES[p[3]])
                        if pos + ct.itemsize > len(data):
                            raise InvalidFileError(f"{path}: element {name} runs past the end of the file")
                        n = int(np.frombuffer(data, ct, 1, pos)[0])
                        pos += ct.itemsize
                        if n < 0 or n > 1000 or pos + n * it.itemsize > len(data):
                            raise InvalidFileError(f"{path}: bad {name} list of {n} items")
                        cols[p[0]].append(np.frombuffer(data, it, n, pos).astype(np.int64).tolist())
                        pos += n * it.itemsize
                    else:
                        dt1 = np.dtype(order + _PLY_TYPES[p[1]])
                        if pos + dt1.itemsize > len(data):
                            raise InvalidFileError(f"{path}: element {name} runs past the end of the file")
                        cols[p[0]].append(float(np.frombuffer(data, dt1, 1, pos)[0]))
                        pos += dt1.itemsize
            tables[name] = cols
    vert = tables.get("vertex")
    face = tables.get("face")
    if not vert or not all(k in vert for k in "xyz"):
        raise InvalidFileError(f"{path}: no vertex element with x, y, z")
    positions = np.stack([np.asarray(vert[k], dtype=np.float64) for k in "xyz"], axis=1)
    if not np.all(np.isfinite(positions)):
        raise InvalidFileError(f"{path}: vertex coordinates contain NaN or infinite numbers")
    lists = None
    if face:
        lists = face.get("vertex_indices", face.get("vertex_index"))
    if lists is None or not len(lists):
        raise InvalidFileError(f"{path}: the file contains no faces (a point cloud?)")
    tris = [(f[0], f[k], f[k + 1]) for f in lists for k in range(1, len(f) - 1)]
    faces = np.asarray(tris, dtype=np.int64).reshape(-1, 3)
    n = len(positions)
    if len(faces) and (faces.min() < 0 or faces.max() >= n):
        raise InvalidFileError(f"{path}: a face index ({int(faces.max())}) is out of range for {n} vertices")
    faces = faces[(faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 0] != faces[:, 2])]
    if not len(faces):
        raise InvalidFileError(f"{path}: the file contains no triangles")
    normals = uvs = None
    if all(k in vert for k in ("nx", "ny", "nz")):
        normals = np.stack([np.asarray(vert[k], dtype=np.float64) for k in ("nx", "ny", "nz")], axis=1)
        length = np.linalg.norm(normals, axis=1, keepdims=True)
        normals = None if not np.all(np.isfinite(length)) or (length < 1e-12).any() else normals / length
    for u, v in (("s", "t"), ("u", "v"), ("texture_u", "texture_v")):
        if u in vert and v in vert:
            uvs = np.stack([np.asarray(vert[u], dtype=np.float64), np.asarray(vert[v], dtype=np.float64)], axis=1)
            if not np.all(np.isfinite(uvs)):
                raise InvalidFileError(f"{path}: texture coordinates contain NaN or infinite numbers")
            break
    model = Model(name=path.stem, metadata={"source": {"kind": "file", "format": "ply"},
                                            "source_units": "m", "source_up": "Y"})
    model.add(path.stem, Mesh(positions, faces, normals, uvs, "atlas"), Material("default"))
    return model
