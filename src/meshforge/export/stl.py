"""Binary STL writer (``.stl``) for 3D printing.

Layout (3D Systems "StereoLithography Interface Specification", 1989, binary form): an 80-byte
header, a little-endian uint32 triangle count, then per triangle a float32 facet normal, three
float32 vertices and a uint16 attribute byte count (0). The header starts with "meshforge", never
with "solid", so readers do not mistake the file for ASCII STL; it records the unit and up axis,
since STL itself has no units.

Contract: all parts in model space, one triangle list. Coordinates are scaled from meters to the
``units`` option (``"mm"`` by default, what slicers assume) and, with ``up="Z"`` (default), rotated
from meshforge's Y-up frame to the Z-up frame of printers: (x, y, z) -> (x, -z, y). Facet normals
are recomputed from the written vertices (right-hand rule, counter-clockwise = outward).
"""

from __future__ import annotations

import numpy as np

from meshforge import __version__
from meshforge.core.errors import ParameterError
from meshforge.core.model import Model
from meshforge.export.registry import UNIT_SCALE, Y_UP_TO_Z_UP, Bundle, Exporter, model_space_meshes, register

#: One binary STL facet record (50 bytes).
STL_FACET = np.dtype([("normal", "<f4", (3,)), ("vertices", "<f4", (3, 3)), ("attributes", "<u2")])
STL_UNITS = ("m", "mm", "cm", "in")


def model_triangles(model: Model, units: str, up: str) -> np.ndarray:
    """(M, 3, 3) float64 triangle corners of every part, in ``units`` with ``up`` as the up axis."""
    if units not in STL_UNITS:
        raise ParameterError(f"unknown units {units!r}; accepted: {', '.join(STL_UNITS)}")
    if up not in ("Y", "Z"):
        raise ParameterError(f"unknown up axis {up!r}; accepted: Y, Z")
    triangles = np.concatenate([mesh.vertices[mesh.faces] for _, _, mesh in model_space_meshes(model)])
    if up == "Z":
        triangles = triangles @ Y_UP_TO_Z_UP.T
    return triangles * UNIT_SCALE[units]


def stl_bytes(triangles: np.ndarray, header_text: str) -> bytes:
    """Binary STL of (M, 3, 3) triangles; ``header_text`` is cut/padded to 80 ASCII bytes."""
    header = header_text.encode("ascii", "replace")[:80].ljust(80, b" ")
    if header[:5].lower() == b"solid":
        raise ValueError("a binary STL header must not start with 'solid'")
    normals = np.cross(triangles[:, 1] - triangles[:, 0], triangles[:, 2] - triangles[:, 0])
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    normals = np.divide(normals, length, out=np.zeros_like(normals), where=length > 0)
    records = np.zeros(len(triangles), dtype=STL_FACET)
    records["normal"] = normals
    records["vertices"] = triangles
    return header + np.uint32(len(records)).astype("<u4").tobytes() + records.tobytes()


def stl_bundle(model: Model, stem: str, units: str = "mm", up: str = "Z") -> Bundle:
    """``{stem}.stl``: binary STL in ``units`` (m, mm, cm, in) with ``up`` (Z or Y) as the up axis."""
    triangles = model_triangles(model, units, up)
    name = "".join(c for c in model.name if c.isascii() and c.isprintable())[:30]
    header = f"meshforge {__version__} binary STL; units={units}; up=+{up}; model={name}"
    return {f"{stem}.stl": stl_bytes(triangles, header)}


register(
    Exporter(
        ".stl",
        "binary STL for printing (millimetres, Z-up by default)",
        "mm",
        "Z",
        stl_bundle,
        {
            "units": "length unit of the coordinates: m, mm (default), cm, in",
            "up": "up axis: Z (default) or Y",
        },
    )
)
