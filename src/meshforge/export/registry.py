"""Exporter registry and the shared plumbing every file format uses.

Formats register themselves by extension into :data:`EXPORTERS` (one line per format file, like
trimesh's ``mesh_loaders``). An exporter turns a :class:`~meshforge.core.model.Model` into a
:data:`Bundle`: an ordered mapping ``file name -> bytes`` whose first entry is the main file and
whose other entries (``.bin``, ``.mtl``, textures) sit next to it. Nothing touches the disk until
:func:`export` writes the bundle, atomically.

Contracts:

* Input models are in meters, Y-up (DESIGN.md); each exporter documents the units and up axis it
  writes (:attr:`Exporter.units`, :attr:`Exporter.up`).
* Same model -> same bytes: exporters use no clocks, no random names and a fixed element order.
* :func:`export` writes each file to a temporary file in the target directory and ``os.replace``\\ s
  it into place (POSIX ``rename`` semantics); side files are moved first and the main file last, so
  the main file never refers to files that are not there. On any failure no temporary file stays
  behind and files the call created are removed again.
"""

from __future__ import annotations

import io
import logging
import math
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from meshforge.core.errors import FileAccessError, FormatError, ParameterError
from meshforge.core.material import Material
from meshforge.core.model import Model
from meshforge.geometry.mesh import Mesh

log = logging.getLogger(__name__)

#: Ordered ``file name -> bytes``; the first entry is the main file, the rest sit next to it.
Bundle = dict[str, bytes]

#: Meters -> file unit, for the length units exporters accept.
UNIT_SCALE: dict[str, float] = {"m": 1.0, "cm": 100.0, "mm": 1000.0, "in": 1.0 / 0.0254}

#: Rotation taking meshforge's Y-up frame to the Z-up frame printers and slicers use:
#: (x, y, z) -> (x, -z, y); +Y (up) becomes +Z and the model's front (+Z) faces -Y.
Y_UP_TO_Z_UP = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, -1.0], [0.0, 1.0, 0.0]])


@dataclass(frozen=True)
class Exporter:
    """One registered file format.

    Attributes:
        extension: lower-case file extension with the dot (``".glb"``); the registry key.
        description: one line for ``meshforge formats`` and help texts.
        units: length unit of the written coordinates (``"m"``, ``"mm"``; the default when an option
            changes it).
        up: the up axis of the written coordinates (``"Y"`` or ``"Z"``).
        to_bundle: ``to_bundle(model, stem, **options) -> Bundle``; ``stem`` is a file-safe name the
            side files are named after.
        options: option name -> one-line description of what it does and accepts.
    """

    extension: str
    description: str
    units: str
    up: str
    to_bundle: Callable[..., Bundle]
    options: Mapping[str, str] = field(default_factory=dict)


#: Every registered exporter, by extension (``".glb"``).
EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    """Add an exporter to :data:`EXPORTERS` (a format file calls this once at import)."""
    ext = exporter.extension
    if not ext.startswith(".") or ext != ext.lower():
        raise ValueError(f"extension must be lower case and start with a dot, got {ext!r}")
    if ext in EXPORTERS and EXPORTERS[ext].to_bundle is not exporter.to_bundle:
        raise ValueError(f"an exporter for {ext} is already registered")
    EXPORTERS[ext] = exporter
    return exporter


def formats() -> list[Exporter]:
    """Registered exporters, sorted by extension."""
    return [EXPORTERS[ext] for ext in sorted(EXPORTERS)]


def find_exporter(fmt: str) -> Exporter:
    """The exporter for ``fmt`` (``"glb"``, ``".GLB"``); :class:`FormatError` names the accepted ones."""
    ext = "." + fmt.strip().lower().lstrip(".")
    try:
        return EXPORTERS[ext]
    except KeyError:
        accepted = ", ".join(sorted(EXPORTERS))
        raise FormatError(
            f"cannot export to {fmt!r}: unknown format; accepted extensions: {accepted}"
        ) from None


def export_bytes(model: Model, fmt: str, *, stem: str | None = None, **options) -> Bundle:
    """Encode ``model`` as format ``fmt`` in memory.

    Args:
        model: the model (meters, Y-up); it must hold at least one triangle and finite vertices.
        fmt: an extension with or without the dot, any case.
        stem: base name of the files (default: the model name), made file-safe.
        options: format options (see ``EXPORTERS[ext].options``); unknown ones raise ParameterError.

    Returns:
        The bundle: main file first, then side files.
    """
    exporter = find_exporter(fmt)
    unknown = sorted(set(options) - set(exporter.options))
    if unknown:
        accepted = ", ".join(sorted(exporter.options)) or "none"
        raise ParameterError(
            f"{exporter.extension} export has no option {', '.join(map(repr, unknown))}; options: {accepted}"
        )
    check_model(model)
    bundle = exporter.to_bundle(model, file_safe(stem if stem is not None else model.name), **options)
    log.debug(
        "exported %s: %d triangles -> %d file(s), %d bytes",
        exporter.extension,
        model.triangle_count,
        len(bundle),
        sum(len(b) for b in bundle.values()),
    )
    return bundle


def export(model: Model, path: str | os.PathLike, **options) -> list[Path]:
    """Write ``model`` to ``path``, choosing the format from its extension.

    The main file is written at exactly ``path``; side files (``.bin``, ``.mtl``, PNG textures) go
    next to it, named after the file-safe stem of ``path``.

    Returns:
        The written paths, main file first.

    Raises:
        FormatError: the extension is not registered (the message lists the accepted ones).
        FileAccessError: the directory does not exist or cannot be written, or ``path`` is a directory.
        ParameterError: an option is unknown or has a bad value.
    """
    target = Path(os.fspath(path)).expanduser()
    if not target.suffix:
        accepted = ", ".join(sorted(EXPORTERS))
        raise FormatError(
            f"cannot export to {str(target)!r}: no file extension; accepted extensions: {accepted}"
        )
    exporter = find_exporter(target.suffix)
    _check_writable(target)
    bundle = export_bytes(model, exporter.extension, stem=target.stem, **options)
    names = list(bundle)
    files = [(target, bundle[names[0]])] + [(target.parent / name, bundle[name]) for name in names[1:]]
    try:
        write_atomically(files)
    except OSError as exc:
        raise FileAccessError(
            f"cannot write {target}: {exc.strerror or exc}; check free space and permissions of {target.parent}"
        ) from exc
    return [p for p, _ in files]


def _check_writable(target: Path) -> None:
    directory = target.parent
    if target.is_dir():
        raise FileAccessError(
            f"cannot write {target}: it is a directory; give a file name such as {target / 'model'}"
        )
    if not directory.exists():
        raise FileAccessError(
            f"cannot write {target}: directory {directory} does not exist; create it first (mkdir -p {directory})"
        )
    if not directory.is_dir():
        raise FileAccessError(
            f"cannot write {target}: {directory} is not a directory; choose another output path"
        )
    if not os.access(directory, os.W_OK | os.X_OK):
        raise FileAccessError(
            f"cannot write {target}: directory {directory} is not writable; choose another directory or fix its permissions"
        )


def _read_umask() -> int:
    # read once at import: os.umask can only be read by setting it, which is not thread-safe later
    current = os.umask(0o022)
    os.umask(current)
    return current


_FILE_MODE = 0o666 & ~_read_umask()


def write_atomically(files: list[tuple[Path, bytes]]) -> None:
    """Write ``(path, data)`` pairs so that no partial file is ever visible.

    Every file is first written and fsynced to a temporary file in its target directory; then the
    side files (all but the first) are ``os.replace``\\ d into place and the first (main) file last.
    On failure, temporary files are deleted and targets this call created are removed; a target that
    existed before keeps its old content unless it was already replaced.
    """
    temps: list[tuple[Path, Path]] = []
    created: list[Path] = []
    try:
        for target, data in files:
            fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            tmp = Path(tmp_name)
            temps.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, _FILE_MODE)
        for tmp, target in temps[1:] + temps[:1]:
            existed = target.exists()
            os.replace(tmp, target)
            if not existed:
                created.append(target)
    except BaseException:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        for target in created:
            target.unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------------- helpers shared by formats
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_safe(name: str, default: str = "model") -> str:
    """A name usable as a file name and URI on every OS: ``[A-Za-z0-9._-]``, no leading dot."""
    cleaned = _UNSAFE.sub("_", str(name)).strip("._") or default
    return cleaned[:100]


def check_model(model: Model) -> None:
    """Raise ValueError unless ``model`` has a triangle and finite vertices and transforms (API misuse)."""
    if model.triangle_count == 0:
        raise ValueError(f"model {model.name!r} has no triangles; nothing to export")
    for part in model.parts:
        if not np.isfinite(part.mesh.vertices).all():
            raise ValueError(f"part {part.name!r} has non-finite vertex positions")
        if not np.isfinite(part.transform).all():
            raise ValueError(f"part {part.name!r} has a non-finite transform")


def material_key(material: Material) -> tuple:
    """Hashable identity of a material's content (textures by their bytes), for deduplication."""
    textures = tuple((slot, tex.png) for slot, tex in sorted(material.textures.items()))
    return (
        material.name,
        tuple(material.base_color),
        material.metallic,
        material.roughness,
        tuple(material.emissive),
        material.alpha_mode,
        material.alpha_cutoff if material.alpha_mode == "MASK" else None,
        material.double_sided,
        material.normal_scale if material.normal_texture is not None else None,
        textures,
    )


def unique_names(names: list[str]) -> list[str]:
    """Make names unique in order: repeats get ``_1``, ``_2``... (deterministic)."""
    used: set[str] = set()
    out = []
    for name in names:
        candidate, i = name, 1
        while candidate in used:
            candidate = f"{name}_{i}"
            i += 1
        used.add(candidate)
        out.append(candidate)
    return out


def unit_normals(normals: np.ndarray, fallback: np.ndarray | None = None) -> np.ndarray:
    """Normalise (N, 3) vectors in float64; zero or non-finite rows take ``fallback`` rows or +Y."""
    n = np.asarray(normals, dtype=np.float64)
    length = np.linalg.norm(n, axis=1, keepdims=True)
    bad = ~np.isfinite(length[:, 0]) | (length[:, 0] < 1e-12)
    out = np.divide(n, length, out=np.zeros_like(n), where=~bad[:, None])
    if bad.any():
        fill = np.tile([0.0, 1.0, 0.0], (len(n), 1)) if fallback is None else unit_normals(fallback)
        out[bad] = fill[bad]
    return out


def with_normals(mesh: Mesh) -> Mesh:
    """``mesh`` with unit normals on every vertex (computed with ``Mesh.with_normals`` when missing)."""
    if mesh.normals is None or not np.isfinite(mesh.normals).all():
        mesh = mesh.with_normals()
    return Mesh(mesh.vertices, mesh.faces, unit_normals(mesh.normals), mesh.uvs, mesh.uv_mode)


def model_space_meshes(model: Model, *, normals: bool = False) -> list[tuple[str, Material, Mesh]]:
    """``(part name, material, mesh)`` for every part with triangles, transform applied (meters, Y-up)."""
    out = []
    for part in model.parts:
        if not part.mesh.triangle_count:
            continue
        mesh = with_normals(part.mesh) if normals else part.mesh
        out.append((part.name, part.material, mesh.transformed(part.transform)))
    return out


def format_rows(row_format: str, values: np.ndarray) -> str:
    """Format every row of a 2-D array with one ``%``-format line, in one C-level call (no Python loop)."""
    values = np.asarray(values)
    if not values.size:
        return ""
    return (row_format * len(values)) % tuple(values.reshape(-1).tolist())


#: Timestamp of every zip entry: the earliest DOS date, so archives do not depend on the clock.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_bytes(files: Mapping[str, bytes], *, stored_suffixes: tuple[str, ...] = (".png",)) -> bytes:
    """A deterministic zip (PKWARE APPNOTE): entries in the given order, fixed timestamps and modes.

    Entries whose names end with ``stored_suffixes`` (already-compressed PNGs) are stored, the rest
    deflated at level 6.
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.create_system = 3  # Unix, so the permission bits below mean the same everywhere
            info.external_attr = 0o644 << 16
            if name.lower().endswith(stored_suffixes):
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, data)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data, compresslevel=6)
    return buf.getvalue()


_SKIP = object()


def _to_json(value: object) -> object:
    if value is None or isinstance(value, (bool, np.bool_, str)):
        return bool(value) if isinstance(value, np.bool_) else value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        number = float(value)
        return number if math.isfinite(number) else _SKIP
    if isinstance(value, np.ndarray):
        return _to_json(value.tolist())
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            converted = _to_json(item)
            if isinstance(key, str) and converted is not _SKIP:
                out[key] = converted
        return out
    if isinstance(value, (list, tuple)):
        items = [_to_json(item) for item in value]
        return _SKIP if any(item is _SKIP for item in items) else items
    return _SKIP


def jsonable_metadata(metadata: Mapping) -> dict:
    """The JSON-serialisable part of a metadata dict.

    numpy scalars and arrays become numbers and lists; entries that cannot be written as strict JSON
    (objects, NaN, infinity, non-string keys, lists holding such values) are left out, and logged.
    """
    out = _to_json(metadata)
    dropped = sorted(str(k) for k in metadata if not isinstance(out, dict) or k not in out)
    if dropped:
        log.info("metadata entries left out of the file (not JSON-serialisable): %s", ", ".join(dropped))
    return out if isinstance(out, dict) else {}
