"""Exporters: one file per format, each registering itself by extension in :data:`EXPORTERS`.

``export(model, "chair.glb")`` picks the format from the extension and writes atomically;
``export_bytes(model, "obj")`` returns the files in memory; ``formats()`` lists what is available.
"""

from meshforge.export import fbx, gltf, obj, ply, stl, threemf, usdz
from meshforge.export.registry import (
    EXPORTERS,
    Bundle,
    Exporter,
    export,
    export_bytes,
    find_exporter,
    formats,
    register,
)

__all__ = [
    "EXPORTERS",
    "Bundle",
    "Exporter",
    "export",
    "export_bytes",
    "fbx",
    "find_exporter",
    "formats",
    "gltf",
    "obj",
    "ply",
    "register",
    "stl",
    "threemf",
    "usdz",
]
