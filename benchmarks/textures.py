"""Texture synthesis and baking timings.

Usage: ``python -P benchmarks/textures.py [--repeat N] [--kinds-only | --bake-only]`` (``-P``: the
folder holds an ``inspect.py`` that would shadow the standard library).

Prints two tables: (1) each solid texture kind synthesised as a full image (base color,
metallic-roughness and normal arrays, no PNG) at 256/512/1024 px; (2) :func:`bake_model` of the
chair, table and mug at 512/1024/2048 px, the whole step including rasterisation, evaluation and PNG
encoding. Times are the best of ``--repeat`` runs, as CPU time of this process (what one core
spends) and wall time (which includes waiting when other processes share the cores).
Timing lives here, never in unit tests.
"""

from __future__ import annotations

import argparse
import time

from meshforge.generators import catalog
from meshforge.materials import noise
from meshforge.materials.bake import bake_model
from meshforge.materials.solid import KINDS, SolidSpec
from meshforge.materials.textures import tiled_arrays

COLORS = ((0.62, 0.42, 0.28), (0.35, 0.22, 0.12), (0.85, 0.84, 0.8), (0.7, 0.5, 0.45))


def _best(fn, repeat: int) -> tuple[float, float, object]:
    cpu, wall, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    return cpu, wall, result


def kinds_table(repeat: int) -> None:
    sizes = (256, 512, 1024)
    print(f"solid texture kinds: full image synthesis, CPU ms (best of {repeat})")
    print(f"{'kind':10s} " + " ".join(f"{s:>8d}" for s in sizes))
    for kind in sorted(KINDS):
        spec = SolidSpec(kind, COLORS, 0.5, 0.0, seed=1)
        row = []
        for size in sizes:
            cpu, _, _ = _best(lambda spec=spec, size=size: tiled_arrays(spec, size), repeat)
            row.append(f"{cpu * 1000:8.0f}")
        print(f"{kind:10s} " + " ".join(row))


def bake_table(repeat: int) -> None:
    print(f"\nbake_model (raster + evaluate + 3 PNGs), best of {repeat}")
    print(f"{'model':8s} {'tris':>6s} {'parts':>5s} {'size':>5s} {'cpu ms':>7s} {'wall ms':>8s} {'cover':>6s} {'tex/m':>7s}")
    cat = catalog()
    for gid in ("chair", "table", "mug"):
        model = cat[gid]().build()
        bake_model(model, 256)  # warm imports
        for size in (512, 1024, 2048):
            cpu, wall, baked = _best(lambda model=model, size=size: bake_model(model, size), repeat)
            meta = baked.metadata["texture_bake"]
            print(f"{gid:8s} {model.triangle_count:6d} {len(model.parts):5d} {size:5d} {cpu * 1000:7.0f} "
                  f"{wall * 1000:8.0f} {meta['coverage']:6.2f} {meta['texels_per_meter']:7.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (best reported)")
    ap.add_argument("--kinds-only", action="store_true", help="only the texture-kind table")
    ap.add_argument("--bake-only", action="store_true", help="only the bake table")
    args = ap.parse_args()
    c0 = time.process_time()
    noise.gradient_volume()
    noise.worley_volume()
    print(f"noise volumes built once per process: {(time.process_time() - c0) * 1000:.0f} ms CPU\n")
    if not args.bake_only:
        kinds_table(args.repeat)
    if not args.kinds_only:
        bake_table(args.repeat)


if __name__ == "__main__":
    main()
