"""Reference facts about FBX files from ufbx (PyPI ``ufbx``), a reader we did not write.

Usage: ``python ufbx_reference.py FILE...``; prints one JSON line per file: triangle count and the
model-space bounds in meters, Y-up (ufbx converts units and axes itself), or ``{"error": ...}``.

Run in its own process: the ufbx 0.0.5 Python binding can crash when a scene is freed, in its
garbage-collector hooks and when reaching meshes through ``node.mesh``; so scenes are kept alive, the
collector is off, meshes are reached through ``scene.meshes`` / ``mesh.instances``, and the process
ends with ``os._exit`` without freeing anything.
"""

from __future__ import annotations

import gc
import json
import os
import sys

import numpy as np
import ufbx

_KEEP_ALIVE: list = []


def facts(path: str) -> dict:
    try:
        scene = ufbx.load_file(
            path,
            target_axes=ufbx.axes_right_handed_y_up,
            target_unit_meters=1.0,
            space_conversion=ufbx.SpaceConversion.MODIFY_GEOMETRY,
            load_external_files=False,
            ignore_missing_external_files=True,
        )
    except Exception as exc:  # ufbx raises its own error types per problem
        return {"error": f"{type(exc).__name__}: {exc}"}
    _KEEP_ALIVE.append(scene)
    triangles, points = 0, []
    for i in range(len(scene.meshes)):
        mesh = scene.meshes[i]
        if mesh.num_triangles == 0:
            continue
        vertices, indices = mesh.vertices, mesh.vertex_indices
        v = np.array([tuple(vertices[k]) for k in range(len(vertices))], dtype=np.float64)
        v = v[np.unique(np.array([indices[k] for k in range(len(indices))], dtype=np.int64))]
        for j in range(len(mesh.instances)):
            m = mesh.instances[j].geometry_to_world
            a = np.array([list(m.c0), list(m.c1), list(m.c2), list(m.c3)]).T
            triangles += mesh.num_triangles
            points.append(v @ a[:, :3].T + a[:, 3])
    p = np.concatenate(points) if points else np.zeros((0, 3))
    p = p[np.isfinite(p).all(axis=1)]
    return {
        "version": scene.metadata.version,
        "triangles": triangles,
        "min": p.min(axis=0).tolist() if len(p) else None,
        "max": p.max(axis=0).tolist() if len(p) else None,
    }


if __name__ == "__main__":
    gc.disable()
    for arg in sys.argv[1:]:
        sys.stdout.write(json.dumps({"path": arg, **facts(arg)}) + "\n")
        sys.stdout.flush()
    os._exit(0)
