"""Inspection time for 10k, 100k and 1M triangle meshes (target: under 5 s for 1M).

Usage: ``python benchmarks/quality_inspect.py [--sizes 10000,100000,1000000] [--repeat N] [--profile P]``.
Each mesh is a subdivided icosahedron (seam-split vertices, UVs, normals, a textured material) with defects planted:
a hole, a flipped patch, duplicated faces and a small loose piece, so every topology path does work.
Prints one row per size: the wall time of :func:`meshforge.quality.inspect` on the first run (a fresh
process: new memory pages), the median over the runs, its slowest checks and what it found. Timing
lives here, never in unit tests.
"""

from __future__ import annotations

import os
import sys

# This file shares its name with the standard library's `inspect`, which numpy imports: run as a
# script, its own folder must not shadow it.
if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(os.path.abspath(__file__)):
    sys.path.pop(0)

import argparse
import statistics
import time

import numpy as np
import trimesh

from meshforge.core.material import Material, Texture
from meshforge.core.model import Model
from meshforge.geometry.mesh import Mesh
from meshforge.quality import inspect


def geodesic_sphere(triangles: int, radius: float = 0.5) -> Mesh:
    """A subdivided icosahedron with about ``triangles`` faces (20 n² for frequency n), projected on a sphere.

    Each icosahedron face is built on its own (vertices along its edges repeat, as at UV seams) with
    spherical UVs in meters and smooth normals.
    """
    n = max(1, round(np.sqrt(triangles / 20)))
    ico = trimesh.creation.icosahedron()
    i, j = np.meshgrid(np.arange(n + 1), np.arange(n + 1), indexing="ij")
    keep = i + j <= n
    i, j = i[keep], j[keep]
    index = -np.ones((n + 1, n + 1), np.int64)
    index[i, j] = np.arange(len(i))
    a, b = i, j
    up = a + b < n
    tri_up = np.stack([index[a[up], b[up]], index[a[up] + 1, b[up]], index[a[up], b[up] + 1]], 1)
    down = a + b < n - 1
    tri_down = np.stack([index[a[down] + 1, b[down]], index[a[down] + 1, b[down] + 1], index[a[down], b[down] + 1]], 1)
    local = np.concatenate([tri_up, tri_down])
    corners = ico.vertices[ico.faces]  # (20, 3, 3)
    w1, w2 = (i / n)[None, :, None], (j / n)[None, :, None]
    pts = corners[:, :1] + w1 * (corners[:, 1:2] - corners[:, :1]) + w2 * (corners[:, 2:3] - corners[:, :1])
    pts = pts.reshape(-1, 3)
    normals = pts / np.linalg.norm(pts, axis=1, keepdims=True)
    faces = (local[None] + (np.arange(20) * len(i))[:, None, None]).reshape(-1, 3)
    uvs = np.stack([np.arctan2(normals[:, 2], normals[:, 0]) * radius, np.arccos(np.clip(normals[:, 1], -1, 1)) * radius], 1)
    return Mesh(normals * radius, faces, normals, uvs)


def with_defects(mesh: Mesh) -> Mesh:
    """Plant a hole, a flipped patch, duplicated faces and a small loose tetrahedron."""
    faces = mesh.faces.copy()
    n = len(faces)
    rng = np.random.default_rng(0)
    hole = rng.choice(n, size=3, replace=False)
    flip = np.arange(n // 3, n // 3 + 40)
    faces[flip] = faces[flip][:, ::-1]
    faces = np.delete(faces, hole, axis=0)
    faces = np.concatenate([faces, faces[:5]])
    tet_v = np.array([[0.7, 0.0, 0.0], [0.701, 0.0, 0.0], [0.7, 0.001, 0.0], [0.7, 0.0, 0.001]])
    tet_f = np.array([[0, 2, 1], [0, 1, 3], [0, 3, 2], [1, 2, 3]]) + mesh.vertex_count
    verts = np.concatenate([mesh.vertices, tet_v])
    normals = np.concatenate([mesh.normals, np.tile([[0.0, 1.0, 0.0]], (4, 1))])
    uvs = np.concatenate([mesh.uvs, np.zeros((4, 2))])
    return Mesh(verts, np.concatenate([faces, tet_f]), normals, uvs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated triangle counts")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions per size (median reported)")
    ap.add_argument("--profile", default="desktop", help="inspection profile (default desktop)")
    args = ap.parse_args()
    texture = Texture.from_image(np.full((256, 256, 3), 180, np.uint8), "grey")
    material = Material("grey", base_color_texture=texture)
    print(f"{'triangles':>10} {'vertices':>9} {'first s':>8} {'median s':>9}  slowest checks (s); findings")
    for size in (int(s) for s in args.sizes.split(",")):
        model = Model("sphere")
        model.add("sphere", with_defects(geodesic_sphere(size)), material)
        times, report = [], None
        for _ in range(args.repeat):
            fresh = model.copy()  # no weld cache carried between runs
            t0 = time.perf_counter()
            report = inspect(fresh, profile=args.profile)
            times.append(time.perf_counter() - t0)
        assert report is not None
        slow = sorted(report.metrics["timings_s"].items(), key=lambda kv: -kv[1])
        slow = [f"{k} {v:.2f}" for k, v in slow if k != "total"][:3]
        found = ", ".join(f"{f.check} {f.count}" for f in report.findings if f.severity != "info")
        print(f"{model.triangle_count:>10,} {model.vertex_count:>9,} {times[0]:>8.2f} {statistics.median(times):>9.2f}"
              f"  {'; '.join(slow)}; {found}")


if __name__ == "__main__":
    main()
