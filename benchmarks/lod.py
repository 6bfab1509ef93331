"""Simplification and web optimisation, side by side: meshforge vs gltfpack vs PyMeshLab.

    .venv/bin/python benchmarks/lod.py [--quick]

In one process and run: for each corpus mesh (bunny, teapot, spot, cow, DamagedHelmet, Avocado, Duck)
and five generated models, at 50%, 10% and 2% of the triangles, it times

* meshforge ``simplify_model`` (meshoptimizer edge collapse keeping seams),
* gltfpack ``-si R`` (npm package ``gltfpack``; its run time includes reading and writing the GLB),
* PyMeshLab ``meshing_decimation_quadric_edge_collapse`` (optimal placement, topology preserved;
  ``pip install 'meshforge[bench]'``),

and prints the triangle count, the two-sided Hausdorff distance to the original (fraction of the
bounding-box diagonal, measured the same way for all three by :func:`meshforge.lod.metrics.model_distance`)
and the ratios meshforge / peer. Targets (issue 4): error <= PyMeshLab's, time <= 2x gltfpack's.

Fairness: PyMeshLab gets the welded positions only (no UVs, no normals), so it may collapse across UV
seams and hard edges; meshforge keeps every seam. The column ``nouv`` is meshforge on that same
seamless input (``err nouv/pml`` compares like with like): where ``nouv`` is also far above PyMeshLab,
the collapse itself is at fault, not the seams. Then the
optimised GLB size of ``meshforge optimize --target web`` vs ``gltfpack -cc`` (target <= 1.1x).
"""

# ruff: noqa: E402  (the sys.path fix below must run before the imports)
from __future__ import annotations

import sys

# benchmarks/inspect.py would shadow the standard library's inspect module for a script run from here
sys.path[:] = [p for p in sys.path if not p.rstrip("/").endswith("benchmarks")]

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from meshforge.core.model import Model
from meshforge.core.recipe import Recipe, build
from meshforge.export import export
from meshforge.geometry.mesh import Mesh
from meshforge.importers import load
from meshforge.lod.metrics import model_distance
from meshforge.lod.simplify import simplify_model
from meshforge.optimize import optimized_glb

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "models"
GLTFPACK = ROOT / "node_modules" / "gltfpack" / "cli.js"
CORPUS_MODELS = {
    "bunny": "classic_meshes/stanford-bunny.obj",
    "teapot": "classic_meshes/teapot.obj",
    "spot": "classic_meshes/spot/spot_triangulated.obj",
    "cow": "classic_meshes/cow.obj",
    "DamagedHelmet": "gltf_khronos_samples/DamagedHelmet/glTF-Binary/DamagedHelmet.glb",
    "Avocado": "gltf_khronos_samples/Avocado/glTF/Avocado.gltf",
    "Duck": "gltf_khronos_samples/Duck/glTF-Binary/Duck.glb",
}
GENERATED = ["chair", "sofa", "mug", "barrel", "spur_gear"]
RATIOS = (0.5, 0.1, 0.02)


def single_mesh(model: Model) -> Model:
    """All parts merged into one part (peers simplify one mesh; the comparison is on the same input)."""
    out = Model(model.name)
    mat = model.parts[0].material
    out.add("mesh", model.merged_mesh(), mat)
    return out


def run_gltfpack(src: Path, dst: Path, *args: str) -> float:
    t = time.perf_counter()
    subprocess.run(["node", str(GLTFPACK), "-i", str(src), "-o", str(dst), *args], check=True,
                   capture_output=True)
    return time.perf_counter() - t


def run_pymeshlab(mesh: Mesh, target: int) -> tuple[Mesh, float]:
    import pymeshlab

    ms = pymeshlab.MeshSet()
    ms.add_mesh(pymeshlab.Mesh(mesh.welded().vertices, mesh.welded().faces))
    t = time.perf_counter()
    ms.meshing_decimation_quadric_edge_collapse(targetfacenum=int(target), preservetopology=True,
                                                optimalplacement=True, planarquadric=True)
    dt = time.perf_counter() - t
    m = ms.current_mesh()
    return Mesh(m.vertex_matrix(), m.face_matrix()), dt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="three models only")
    parser.add_argument("--samples", type=int, default=20_000,
                        help="surface samples per mesh for the Hausdorff distance (default 20000)")
    args = parser.parse_args()
    started = time.perf_counter()
    if not CORPUS.is_dir():
        print(f"the corpus is not at {CORPUS}", file=sys.stderr)
        return 1
    if shutil.which("node") is None or not GLTFPACK.is_file():
        print("gltfpack missing: npm install (package.json devDependencies)", file=sys.stderr)
        return 1
    try:
        import pymeshlab  # noqa: F401
    except ImportError:
        print("PyMeshLab missing: pip install 'meshforge[bench]'", file=sys.stderr)
        return 1
    models: dict[str, Model] = {name: load(CORPUS / rel) for name, rel in CORPUS_MODELS.items()}
    models.update({g: build(Recipe(g)) for g in GENERATED})
    if args.quick:
        models = {k: models[k] for k in ("bunny", "Duck", "chair")}
    tmp = Path(tempfile.mkdtemp(prefix="meshforge-bench-"))
    header = (f"{'model':14s} {'ratio':>5s} | {'tris mf':>8s} {'gp':>8s} {'pml':>8s} | {'time mf':>8s} {'gp':>7s} "
              f"{'pml':>7s} | {'haus mf':>8s} {'gp':>8s} {'pml':>8s} {'nouv':>8s} | {'err mf/pml':>10s} "
              f"{'nouv/pml':>8s} {'t mf/gp':>8s}")
    print("PyMeshLab simplifies the welded mesh without UVs or normals (it may cross seams); meshforge keeps "
          "UV seams and hard edges. 'nouv' = meshforge on PyMeshLab's seamless input.")
    print(header)
    print("-" * len(header))
    err_ratios, time_ratios, plain_ratios = [], [], []
    for name, full in models.items():
        model = single_mesh(full)
        plain = Model(name)
        plain.add("mesh", Mesh(model.parts[0].mesh.welded().vertices, model.parts[0].mesh.welded().faces),
                  model.parts[0].material)
        src = tmp / f"{name}.glb"
        export(model, src)
        n = model.triangle_count
        for ratio in RATIOS:
            t = time.perf_counter()
            mf = simplify_model(model, ratio=ratio)
            t_mf = time.perf_counter() - t
            dst = tmp / f"{name}_{ratio}.glb"
            t_gp = run_gltfpack(src, dst, "-si", str(ratio), "-noq")
            gp = load(dst)
            pml, t_pml = run_pymeshlab(model.parts[0].mesh, max(4, mf.triangle_count))
            pml_model = Model(name)
            pml_model.add("mesh", pml, model.parts[0].material)
            mf_plain = simplify_model(plain, ratio=ratio)
            h = [model_distance(model, m, args.samples).hausdorff for m in (mf, gp, pml_model, mf_plain)]
            err_ratio = h[0] / h[2] if h[2] > 0 else float("inf")
            plain_ratio = h[3] / h[2] if h[2] > 0 else float("inf")
            plain_ratios.append(plain_ratio)
            time_ratio = t_mf / t_gp
            err_ratios.append(err_ratio)
            time_ratios.append(time_ratio)
            print(f"{name:14s} {ratio:5.2f} | {mf.triangle_count:8,} {gp.triangle_count:8,} {pml.triangle_count:8,} | "
                  f"{t_mf:8.3f} {t_gp:7.3f} {t_pml:7.3f} | {h[0]:8.5f} {h[1]:8.5f} {h[2]:8.5f} {h[3]:8.5f} | "
                  f"{err_ratio:10.2f} {plain_ratio:8.2f} {time_ratio:8.2f}", flush=True)
        del n
    print()
    print(f"error mf/PyMeshLab: median {np.median(err_ratios):.2f}, worst {max(err_ratios):.2f} "
          f"(target <= 1.0; met in {sum(r <= 1.0 for r in err_ratios)}/{len(err_ratios)})")
    print(f"error mf/PyMeshLab on the same seamless input: median {np.median(plain_ratios):.2f}, worst "
          f"{max(plain_ratios):.2f} (met in {sum(r <= 1.0 for r in plain_ratios)}/{len(plain_ratios)})")
    print(f"time mf/gltfpack:   median {np.median(time_ratios):.2f}, worst {max(time_ratios):.2f} "
          f"(target <= 2.0; met in {sum(r <= 2.0 for r in time_ratios)}/{len(time_ratios)}; gltfpack time includes node start-up and I/O)")
    print()
    print(f"{'model':14s} | {'source':>10s} {'mf web':>10s} {'gltfpack -cc':>12s} | {'mf/gp':>6s}")
    size_ratios = []
    for name, full in models.items():
        src = tmp / f"{name}_full.glb"
        export(full, src)
        data = optimized_glb(full, target="web")
        dst = tmp / f"{name}_cc.glb"
        run_gltfpack(src, dst, "-cc")
        gp = dst.stat().st_size
        size_ratios.append(len(data) / gp)
        print(f"{name:14s} | {src.stat().st_size:10,} {len(data):10,} {gp:12,} | {len(data) / gp:6.2f}")
    print(f"optimised bytes mf/gltfpack -cc: median {np.median(size_ratios):.2f}, worst {max(size_ratios):.2f} "
          f"(target <= 1.1; met in {sum(r <= 1.1 for r in size_ratios)}/{len(size_ratios)})")
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"total run time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
