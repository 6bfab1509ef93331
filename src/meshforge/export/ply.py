"""Binary little-endian PLY writer (``.ply``) with normals, UVs and vertex colors.

Layout (Greg Turk, "The PLY Polygon File Format", 1994): an ASCII header (``ply``, ``format
binary_little_endian 1.0``, ``comment`` lines, ``element``/``property`` declarations, ``end_header``)
followed by the packed elements. Vertices are ``float x y z nx ny nz s t`` and ``uchar red green
blue``; faces are ``list uchar int vertex_indices``.

Contract: all parts merged into one mesh in model space, meters, Y-up (stated in a comment line).
Colors are each part's base color in sRGB, 8 bits per channel; parts without UVs get ``s = t = 0``;
UVs are written as stored (V up). Normals are unit length, computed where a part has none.
"""

from __future__ import annotations

import numpy as np

from meshforge import __version__
from meshforge.core.material import linear_to_srgb
from meshforge.core.model import Model
from meshforge.export.registry import Bundle, Exporter, model_space_meshes, register

PLY_VERTEX = np.dtype(
    [
        ("x", "<f4"), ("y", "<f4"), ("z", "<f4"),
        ("nx", "<f4"), ("ny", "<f4"), ("nz", "<f4"),
        ("s", "<f4"), ("t", "<f4"),
        ("red", "u1"), ("green", "u1"), ("blue", "u1"),
    ]
)  # fmt: skip
PLY_FACE = np.dtype([("count", "u1"), ("vertex_indices", "<i4", (3,))])


def ply_bundle(model: Model, stem: str) -> Bundle:
    """``{stem}.ply``: every part merged, binary little-endian, meters, Y-up."""
    parts = model_space_meshes(model, normals=True)
    counts = np.array([mesh.vertex_count for _, _, mesh in parts])
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    vertices = np.zeros(int(counts.sum()), dtype=PLY_VERTEX)
    positions = np.concatenate([mesh.vertices for _, _, mesh in parts])
    normals = np.concatenate([mesh.normals for _, _, mesh in parts])
    uvs = np.concatenate(
        [np.zeros((mesh.vertex_count, 2)) if mesh.uvs is None else mesh.uvs for _, _, mesh in parts]
    )
    part_rgb = np.array([linear_to_srgb(np.asarray(material.base_color[:3])) for _, material, _ in parts])
    colors = np.repeat(np.round(part_rgb * 255.0).astype(np.uint8), counts, axis=0)
    for i, axis in enumerate(("x", "y", "z")):
        vertices[axis] = positions[:, i]
        vertices["n" + axis] = normals[:, i]
    uvs = np.where(np.isfinite(uvs), uvs, 0.0)
    vertices["s"], vertices["t"] = uvs[:, 0], uvs[:, 1]
    vertices["red"], vertices["green"], vertices["blue"] = colors.T
    faces = np.zeros(sum(mesh.triangle_count for _, _, mesh in parts), dtype=PLY_FACE)
    faces["count"] = 3
    faces["vertex_indices"] = np.concatenate(
        [mesh.faces + o for (_, _, mesh), o in zip(parts, offsets, strict=True)]
    )
    header = "\n".join(
        [
            "ply",
            "format binary_little_endian 1.0",
            f"comment meshforge {__version__}",
            "comment units meters, up +Y, front faces counter-clockwise",
            f"element vertex {len(vertices)}",
            *(f"property float {name}" for name in ("x", "y", "z", "nx", "ny", "nz", "s", "t")),
            *(f"property uchar {name}" for name in ("red", "green", "blue")),
            f"element face {len(faces)}",
            "property list uchar int vertex_indices",
            "end_header",
            "",
        ]
    )
    return {f"{stem}.ply": header.encode("ascii") + vertices.tobytes() + faces.tobytes()}


register(Exporter(".ply", "binary PLY with normals, UVs and vertex colors (meters)", "m", "Y", ply_bundle))
