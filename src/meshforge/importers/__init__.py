"""Reading model files into a :class:`~meshforge.core.model.Model`.

Formats with a dedicated, hardened importer (fuzzed, size-limited) register in :data:`LOADERS` by
extension: glTF/GLB (:mod:`.gltf`), OBJ + MTL (:mod:`.obj`), STL and PLY (:mod:`.stl`), FBX
(:mod:`.fbx`); 3MF and OFF are read through trimesh. Every result is meters, Y-up: STL and 3MF (print
formats, millimetres and Z-up by convention and by 3MF's ``unit`` attribute) are converted, and the
model's metadata records ``source_units`` and ``source_up``. Every failure becomes a
:class:`~meshforge.core.errors.MeshforgeError` that names the file and the problem.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import trimesh

from meshforge.core.errors import FileAccessError, FormatError, InvalidFileError, MeshforgeError
from meshforge.core.model import Model
from meshforge.importers.fbx import load_fbx
from meshforge.importers.gltf import load_gltf
from meshforge.importers.obj import load_obj
from meshforge.importers.stl import Z_UP_TO_Y_UP, load_ply, load_stl

#: Dedicated importers by extension; other readable formats go through trimesh.
LOADERS: dict[str, Callable[[Path], Model]] = {
    ".fbx": load_fbx, ".glb": load_gltf, ".gltf": load_gltf, ".obj": load_obj, ".stl": load_stl, ".ply": load_ply,
}
#: 3MF ``unit`` attribute values (3MF core specification 3.4) in meters.
THREEMF_UNITS = {"micron": 1e-6, "millimeter": 1e-3, "centimeter": 1e-2, "inch": 0.0254, "foot": 0.3048, "meter": 1.0}
#: Extensions :func:`load` reads.
READABLE = (".glb", ".gltf", ".obj", ".stl", ".ply", ".3mf", ".off", ".fbx")
#: Files larger than this are refused before parsing (bytes).
MAX_FILE_BYTES = 512 * 1024 * 1024


def load(path: str | os.PathLike) -> Model:
    """Read a model file; raises FileAccessError, FormatError or InvalidFileError with a clear message."""
    p = Path(path)
    ext = p.suffix.lower()
    if ext not in READABLE:
        raise FormatError(f"{p}: unknown model format {ext or '(no extension)'!r}; readable: {', '.join(READABLE)}")
    if not p.exists():
        raise FileAccessError(f"{p}: no such file")
    if not p.is_file() or not os.access(p, os.R_OK):
        raise FileAccessError(f"{p}: not a readable file")
    size = p.stat().st_size
    if size == 0:
        raise InvalidFileError(f"{p}: the file is empty")
    if size > MAX_FILE_BYTES:
        raise InvalidFileError(f"{p}: {size / 1e6:.0f} MB is larger than the {MAX_FILE_BYTES / 1e6:.0f} MB limit")
    if ext in LOADERS:
        if ext == ".fbx":
            return LOADERS[ext](p)
        try:
            return LOADERS[ext](p)
        except MeshforgeError:
            raise
        except (ValueError, TypeError, KeyError, IndexError, OverflowError, MemoryError, RecursionError) as exc:
            # a safety net: the readers check what they read, but hostile files are inventive
            raise InvalidFileError(f"{p}: malformed {ext[1:].upper()} file ({type(exc).__name__}: {exc})") from None
    try:
        scene = trimesh.load(str(p), force="scene", process=False)
    except Exception as exc:  # trimesh raises many types for corrupt data
        raise InvalidFileError(f"{p}: cannot read {ext[1:].upper()} file: {exc}") from None
    model = Model.from_trimesh_scene(scene, name=p.stem)
    if not model.parts:
        raise InvalidFileError(f"{p}: the file contains no triangles")
    if ext == ".3mf":
        model = _threemf_to_meters_y_up(p, model)
    return model


def _threemf_to_meters_y_up(path: Path, model: Model) -> Model:
    """3MF is Z-up in the unit its ``<model unit=...>`` names (millimetres by default): convert."""
    unit = "millimeter"
    try:
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.lower().endswith(".model")]
            head = z.read(names[0])[:4096].decode("utf-8", "replace") if names else ""
        m = re.search(r"<model[^>]*\bunit=[\"']([a-z]+)[\"']", head)
        if m:
            unit = m.group(1)
    except (zipfile.BadZipFile, OSError, KeyError):
        pass
    if unit not in THREEMF_UNITS:
        raise InvalidFileError(f"{path}: unknown 3MF unit {unit!r}; known: {', '.join(THREEMF_UNITS)}")
    convert = np.eye(4)
    convert[:3, :3] = Z_UP_TO_Y_UP * THREEMF_UNITS[unit]
    for part in model.parts:
        part.transform = convert @ part.transform
    model.metadata.update({"source_units": unit, "source_up": "Z"})
    return model.baked()
