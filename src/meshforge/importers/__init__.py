"""Reading model files into a :class:`~meshforge.core.model.Model`.

Formats with a dedicated, hardened importer (fuzzed, size-limited) register in :data:`LOADERS` by
extension (FBX: :mod:`meshforge.importers.fbx`); the others are read through trimesh (GLB/glTF, OBJ,
STL, PLY, 3MF, OFF). Every failure becomes a :class:`~meshforge.core.errors.MeshforgeError` that names
the file and the problem.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import trimesh

from meshforge.core.errors import FileAccessError, FormatError, InvalidFileError
from meshforge.core.model import Model
from meshforge.importers.fbx import load_fbx

#: Dedicated importers by extension; other readable formats go through trimesh.
LOADERS: dict[str, Callable[[Path], Model]] = {".fbx": load_fbx}
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
        return LOADERS[ext](p)
    try:
        scene = trimesh.load(str(p), force="scene", process=False)
    except Exception as exc:  # trimesh raises many types for corrupt data
        raise InvalidFileError(f"{p}: cannot read {ext[1:].upper()} file: {exc}") from None
    model = Model.from_trimesh_scene(scene, name=p.stem)
    if not model.parts:
        raise InvalidFileError(f"{p}: the file contains no triangles")
    return model
