"""Text to GLB: understanding + build + texture bake + GLB export time per generator, p50 / p95, peak memory.

Usage: ``python benchmarks/text_to_glb.py [--repeat N] [--texture-size 1024] [--semantic] [--generators a,b]
[--trace-memory]``. The product's target is p95 under 2 s at 1024 px textures on one core: ``make bench``
runs it pinned to one core (``taskset -c 0``, ``OMP_NUM_THREADS=1``).
One prompt per generator (the first prompt for it in ``tests/data/prompts.jsonl``, else its display
name). Peak memory is the process's maximum resident set size (``resource.getrusage``), plus the
tracemalloc peak of Python allocations during the runs. Timing lives here, never in unit tests.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

from meshforge.core.recipe import Recipe, build
from meshforge.core.scene import build_scene
from meshforge.export import export_bytes
from meshforge.generators import catalog
from meshforge.materials.bake import bake_model
from meshforge.understand import understand

PROMPTS = Path(__file__).resolve().parent.parent / "tests" / "data" / "prompts.jsonl"


def prompts_by_generator() -> dict[str, str]:
    out: dict[str, str] = {}
    if PROMPTS.is_file():
        for line in PROMPTS.read_text(encoding="utf-8").splitlines():
            case = json.loads(line) if line.strip() else {}
            gid = case.get("generator")
            if gid and "objects" not in case and not case.get("unknown"):
                out.setdefault(gid, case["text"])
    for gid, cls in catalog().items():
        out.setdefault(gid, f"a {cls.name.lower()}")
    return out


def _percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="runs per prompt (median taken per prompt)")
    ap.add_argument("--semantic", action="store_true", help="re-rank with the embedding model")
    ap.add_argument("--generators", default="", help="comma-separated ids (default: every registered one)")
    ap.add_argument("--texture-size", type=int, default=1024, help="bake size (0: keep the build-time textures)")
    ap.add_argument("--trace-memory", action="store_true",
                    help="also count Python allocations with tracemalloc (slows every step down)")
    args = ap.parse_args()
    prompts = prompts_by_generator()
    wanted = [g.strip() for g in args.generators.split(",") if g.strip()] or list(catalog())
    build(Recipe("chair"))  # warm imports and texture caches
    understand("a chair", semantic=args.semantic)
    if args.trace_memory:
        tracemalloc.start()
    rows = []
    print(f"{'generator':18s} {'understand':>10s} {'build':>8s} {'bake':>8s} {'glb':>8s} {'total ms':>9s}  prompt")
    for gid in wanted:
        text = prompts.get(gid, gid)
        times: list[tuple[float, float, float, float]] = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            spec = understand(text, semantic=args.semantic)
            t1 = time.perf_counter()
            recipe = spec.recipes()
            model = build_scene(recipe) if getattr(recipe, "kind", "") == "scene" else build(recipe)
            t2 = time.perf_counter()
            if args.texture_size:
                model = bake_model(model, size=args.texture_size)
            t3 = time.perf_counter()
            export_bytes(model, "glb")
            t4 = time.perf_counter()
            times.append((t1 - t0, t2 - t1, t3 - t2, t4 - t3))
        u, b, k, e = (statistics.median(x) for x in zip(*times, strict=True))
        rows.append((gid, u, b, k, e))
        flag = "" if spec.generator == gid else f"  (read as {spec.generator})"
        print(f"{gid:18s} {u * 1000:10.1f} {b * 1000:8.1f} {k * 1000:8.1f} {e * 1000:8.1f} "
              f"{(u + b + k + e) * 1000:9.1f}  {text!r}{flag}")
    py_peak = tracemalloc.get_traced_memory()[1] if args.trace_memory else 0
    if args.trace_memory:
        tracemalloc.stop()
    totals = [u + b + k + e for _, u, b, k, e in rows]
    print("-" * 72)
    for label, idx in (("understand", 1), ("build", 2), ("bake", 3), ("glb export", 4)):
        col = [r[idx] for r in rows]
        print(f"{label:12s} p50 {_percentile(col, 0.5) * 1000:8.1f} ms   p95 {_percentile(col, 0.95) * 1000:8.1f} ms")
    print(f"{'text -> glb':12s} p50 {_percentile(totals, 0.5) * 1000:8.1f} ms   p95 {_percentile(totals, 0.95) * 1000:8.1f} ms"
          f"   over {len(rows)} generators")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    traced = f", {py_peak / 1024 / 1024:.0f} MB Python allocations (tracemalloc)" if args.trace_memory else ""
    print(f"peak memory: {rss_mb:.0f} MB resident (max RSS){traced}; textures {args.texture_size or 'not baked'}")


if __name__ == "__main__":
    main()
