"""Draco geometry compression (``KHR_draco_mesh_compression``) through the optional PyPI ``DracoPy``.

``pip install 'meshforge[draco]'`` installs it. Writing: each triangle primitive's positions, normals
and first UV set go into one Draco stream (quantised inside Draco: positions to ``position_bits``,
normals to 10 bits, UVs to 12); the primitive's accessors keep their counts, types and POSITION bounds
but have no buffer view, as the extension specifies, and the extension maps each glTF attribute to its
Draco attribute id. Counts and bounds are taken from decoding the stream again, so they match what a
decoder produces (Draco drops unused vertices). Tangents are not carried: glTF clients generate them
(MikkTSpace) when a primitive has a normal map and no TANGENT.

Reading: :func:`decode` turns a stream back into positions, faces and the attributes the extension
names. Without DracoPy both directions raise :class:`DracoUnavailableError`, which says what to install.
"""

from __future__ import annotations

import numpy as np

from meshforge.core.errors import MeshforgeError

EXTENSION = "KHR_draco_mesh_compression"
INSTALL_HINT = "pip install 'meshforge[draco]' (the PyPI package DracoPy)"

# Draco's GeometryAttribute::Type values
_POSITION, _NORMAL, _TEX_COORD = 0, 1, 3


class DracoUnavailableError(MeshforgeError):
    """DracoPy is not installed."""


def available() -> bool:
    try:
        import DracoPy  # noqa: F401
    except ImportError:
        return False
    return True


def require():
    try:
        import DracoPy
    except ImportError:
        raise DracoUnavailableError(f"Draco compression needs DracoPy: {INSTALL_HINT}") from None
    return DracoPy


def encode(positions: np.ndarray, faces: np.ndarray, normals: np.ndarray | None = None,
           uvs: np.ndarray | None = None, position_bits: int = 14, level: int = 7) -> tuple[bytes, dict]:
    """``(stream, info)``; ``info`` has ``attributes`` (glTF name -> Draco id), ``count`` (vertices
    after decoding), ``triangles``, ``min`` / ``max`` of the decoded positions."""
    draco = require()
    kwargs: dict = {}
    if normals is not None:
        kwargs["normals"] = np.ascontiguousarray(normals, dtype=np.float64)
        kwargs["normal_quantization_bits"] = 10
    if uvs is not None:
        kwargs["tex_coord"] = np.ascontiguousarray(uvs, dtype=np.float64)  # DracoPy asserts float64 UVs
        kwargs["tex_coord_quantization_bits"] = 12
    data = draco.encode(np.ascontiguousarray(positions, dtype=np.float32), np.ascontiguousarray(faces, dtype=np.uint32),
                        quantization_bits=int(position_bits), compression_level=int(level), **kwargs)
    mesh = draco.decode(data)
    ids = {}
    for attr in mesh.attributes:
        kind = attr["attribute_type"]
        if kind == _POSITION:
            ids["POSITION"] = int(attr["unique_id"])
        elif kind == _NORMAL and normals is not None:
            ids["NORMAL"] = int(attr["unique_id"])
        elif kind == _TEX_COORD and uvs is not None:
            ids["TEXCOORD_0"] = int(attr["unique_id"])
    points = np.asarray(mesh.points, dtype=np.float32).reshape(-1, 3)
    info = {"attributes": ids, "count": len(points), "triangles": int(np.asarray(mesh.faces).reshape(-1, 3).shape[0]),
            "min": points.min(axis=0).tolist(), "max": points.max(axis=0).tolist()}
    return bytes(data), info


def decode(data: bytes, attributes: dict, where: str) -> dict[str, np.ndarray]:
    """``{'POSITION': (N, 3), 'faces': (M, 3), and each other attribute named in ``attributes``}``.

    ``attributes`` is the extension's glTF name -> Draco id map; ``where`` names the primitive in errors.
    """
    draco = require()
    try:
        mesh = draco.decode(bytes(data))
    except Exception as exc:  # DracoPy raises its own and plain exceptions on corrupt input
        raise MeshforgeError(f"{where}: the Draco stream cannot be decoded ({exc})") from None
    faces = np.asarray(getattr(mesh, "faces", np.zeros((0, 3))), dtype=np.int64).reshape(-1, 3)
    by_id = {int(a["unique_id"]): np.asarray(a["data"], dtype=np.float64) for a in mesh.attributes}
    out = {"POSITION": np.asarray(mesh.points, dtype=np.float64).reshape(-1, 3), "faces": faces}
    for name, uid in attributes.items():
        if name == "POSITION":
            continue
        if not isinstance(uid, int) or uid not in by_id:
            raise MeshforgeError(f"{where}: the Draco stream has no attribute {uid!r} for {name}")
        out[name] = by_id[uid].reshape(len(out["POSITION"]), -1)
    return out
