"""Wavefront OBJ + MTL reader into a :class:`Model`.

Reads ``v``, ``vt``, ``vn``, ``f`` (``v``, ``v/vt``, ``v//vn``, ``v/vt/vn``, negative = relative
indices; polygons fanned into triangles), ``o`` / ``g`` (a new part), ``usemtl`` (a new part per
material) and ``mtllib``; in MTL files ``Kd``, ``d`` / ``Tr``, ``Ke``, ``Pm``, ``Pr``, ``Ns`` (roughness from
the Phong exponent when no ``Pr``), ``map_Kd``, ``map_Pr``/``map_Pm`` are ignored beyond ``map_Kd``,
``norm`` / ``map_Bump`` / ``bump`` (normal map). Each (position, uv, normal) triple becomes one render
vertex, so UV seams and hard edges survive. OBJ has no units: coordinates are taken as meters, Y-up
(what meshforge and most tools write).

Counts are capped before arrays are built; indices out of range, NaN or infinite numbers and texture
files that are not images are :class:`~meshforge.core.errors.InvalidFileError` naming the file and line.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from meshforge.core.errors import InvalidFileError
from meshforge.core.material import Material, srgb_to_linear
from meshforge.core.model import Model
from meshforge.geometry.mesh import Mesh
from meshforge.importers.gltf import decode_texture

log = logging.getLogger(__name__)

#: Most vertices / faces one OBJ file may declare.
MAX_ELEMENTS = 20_000_000


def _floats(tokens: list[str], n: int, path: Path, line: int) -> list[float]:
    try:
        values = [float(t) for t in tokens[:n]]
    except ValueError:
        raise InvalidFileError(f"{path}:{line}: expected {n} numbers, got {' '.join(tokens)!r}") from None
    if len(values) < n:
        if n == 2 and len(values) == 1:
            return [values[0], 0.0]
        raise InvalidFileError(f"{path}:{line}: expected {n} numbers, got {len(values)}")
    return values


def load_mtl(path: Path) -> dict[str, Material]:
    """Materials of an MTL file by name (missing textures are warned about, not fatal)."""
    materials: dict[str, dict] = {}
    current: dict | None = None
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, raw in enumerate(text.splitlines(), start=1):
        tokens = raw.split("#", 1)[0].split()
        if not tokens:
            continue
        key, args = tokens[0], tokens[1:]
        if key == "newmtl":
            current = materials.setdefault(" ".join(args) or f"material_{len(materials)}", {})
        elif current is None:
            continue
        elif key in ("Kd", "Ke") and args:
            current[key] = _floats(args, 3, path, number)
        elif key in ("d", "Tr", "Pm", "Pr", "Ns") and args:
            current[key] = _floats(args, 1, path, number)[0]
        elif key in ("map_Kd", "norm", "map_Bump", "bump") and args:
            current["map_normal" if key != "map_Kd" else "map_Kd"] = args[-1]
    out = {}
    for name, m in materials.items():
        kd = np.clip(np.nan_to_num(np.asarray(m.get("Kd", [0.8, 0.8, 0.8]))), 0, 1)
        alpha = m.get("d", 1.0 - m.get("Tr", 0.0))
        alpha = float(np.clip(np.nan_to_num(alpha, nan=1.0), 0, 1))
        roughness = m.get("Pr")
        if roughness is None:
            ns = float(np.clip(np.nan_to_num(m.get("Ns", 10.0)), 0, 1000))
            roughness = float(np.sqrt(2.0 / (ns + 2.0)))
        textures = {}
        for slot, key in (("base_color_texture", "map_Kd"), ("normal_texture", "map_normal")):
            if key in m:
                file = (path.parent / m[key].replace("\\", "/")).resolve()
                if not file.is_file():
                    log.warning("%s: texture %s not found; material %s is untextured", path, m[key], name)
                    continue
                textures[slot] = decode_texture(file.read_bytes(), file.stem, f"{path}: texture {m[key]}")
        out[name] = Material(
            name=name,
            base_color=(*map(float, srgb_to_linear(kd)), alpha),  # type: ignore[arg-type]
            metallic=float(np.clip(np.nan_to_num(m.get("Pm", 0.0)), 0, 1)),
            roughness=float(np.clip(np.nan_to_num(roughness), 0, 1)),
            emissive=tuple(float(x) for x in np.clip(np.nan_to_num(m.get("Ke", [0, 0, 0])), 0, 1)),  # type: ignore[arg-type]
            alpha_mode="BLEND" if alpha < 1.0 else "OPAQUE",
            **textures,
        )
    return out


def load_obj(path: Path) -> Model:
    """Read an OBJ file (and the MTL files and textures it names) into a model."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    if "\x00" in text[:4096]:
        raise InvalidFileError(f"{path}: binary data in a text OBJ file")
    v: list[list[float]] = []
    vt: list[list[float]] = []
    vn: list[list[float]] = []
    groups: list[tuple[str, str | None, list[tuple[int, int, int]]]] = []
    materials: dict[str, Material] = {}
    name, mat = path.stem, None
    corners: list[tuple[int, int, int]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        tokens = raw.split("#", 1)[0].split()
        if not tokens:
            continue
        key = tokens[0]
        if key == "v":
            v.append(_floats(tokens[1:], 3, path, number))
        elif key == "vt":
            vt.append(_floats(tokens[1:], 2, path, number))
        elif key == "vn":
            vn.append(_floats(tokens[1:], 3, path, number))
        elif key == "f":
            refs = []
            for t in tokens[1:]:
                parts = t.split("/")
                try:
                    ids = [int(x) if x else 0 for x in parts[:3]] + [0] * (3 - len(parts[:3]))
                except ValueError:
                    raise InvalidFileError(f"{path}:{number}: bad face vertex {t!r}") from None
                sizes = (len(v), len(vt), len(vn))
                for k in range(3):
                    if ids[k] < 0:
                        ids[k] += sizes[k] + 1
                    if ids[k] < 0 or ids[k] > sizes[k] or (k == 0 and ids[k] == 0):
                        raise InvalidFileError(
                            f"{path}:{number}: face index {t!r} is out of range ({sizes[k]} defined so far)")
                refs.append((ids[0] - 1, ids[1] - 1, ids[2] - 1))
            for k in range(1, len(refs) - 1):
                corners.extend((refs[0], refs[k], refs[k + 1]))
            if len(corners) > 3 * MAX_ELEMENTS:
                raise InvalidFileError(f"{path}: more than {MAX_ELEMENTS:,} faces")
        elif key in ("o", "g", "usemtl"):
            if corners:
                groups.append((name, mat, corners))
                corners = []
            if key == "usemtl":
                mat = " ".join(tokens[1:]) or None
            elif len(tokens) > 1:
                name = " ".join(tokens[1:])
        elif key == "mtllib":
            for lib in tokens[1:]:
                file = (path.parent / lib).resolve()
                if file.is_file():
                    materials.update(load_mtl(file))
                else:
                    log.warning("%s: material library %s not found", path, lib)
        if len(v) > MAX_ELEMENTS:
            raise InvalidFileError(f"{path}: more than {MAX_ELEMENTS:,} vertices")
    if corners:
        groups.append((name, mat, corners))
    positions = np.asarray(v, dtype=np.float64).reshape(-1, 3)
    if not np.all(np.isfinite(positions)):
        raise InvalidFileError(f"{path}: vertex positions contain NaN or infinite numbers")
    uv_all = np.asarray(vt, dtype=np.float64).reshape(-1, 2)
    n_all = np.asarray(vn, dtype=np.float64).reshape(-1, 3)
    model = Model(name=path.stem, metadata={"source": {"kind": "file", "format": "obj"},
                                            "source_units": "m", "source_up": "Y"})
    for gname, mname, group in groups:
        c = np.asarray(group, dtype=np.int64)
        keys, inverse = np.unique(c, axis=0, return_inverse=True)
        faces = inverse.reshape(-1, 3)
        keep = (faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 0] != faces[:, 2])
        faces = faces[keep]
        if not len(faces):
            continue
        uvs = normals = None
        if (keys[:, 1] >= 0).all() and len(uv_all):
            uvs = uv_all[keys[:, 1]]
            if not np.all(np.isfinite(uvs)):
                raise InvalidFileError(f"{path}: texture coordinates contain NaN or infinite numbers")
        if (keys[:, 2] >= 0).all() and len(n_all):
            normals = n_all[keys[:, 2]]
            length = np.linalg.norm(normals, axis=1, keepdims=True)
            normals = None if not np.all(np.isfinite(length)) or (length < 1e-12).any() else normals / length
        material = materials.get(mname or "") or Material(mname or "default")
        model.add(gname, Mesh(positions[keys[:, 0]], faces, normals, uvs, "atlas"), material)
    if not model.parts:
        raise InvalidFileError(f"{path}: the file contains no triangles")
    return model
