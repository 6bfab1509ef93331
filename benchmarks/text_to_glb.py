"""Text to GLB: understanding + build + GLB export time per generator, p50 / p95, and peak memory.

Usage: ``python -P benchmarks/text_to_glb.py [--repeat N] [--semantic] [--generators a,b]`` (``-P``: the
sibling ``benchmarks/inspect.py`` would otherwise shadow the standard library's ``inspect``).
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
    args = ap.parse_args()
    prompts = prompts_by_generator()
    wanted = [g.strip() for g in args.generators.split(",") if g.strip()] or list(catalog())
    build(Recipe("chair"))  # warm imports and texture caches
    understand("a chair", semantic=args.semantic)
    tracemalloc.start()
    rows = []
    print(f"{'generator':18s} {'understand':>10s} {'build':>8s} {'glb':>8s} {'total ms':>9s}  prompt")
    for gid in wanted:
        text = prompts.get(gid, gid)
        times: list[tuple[float, float, float]] = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            spec = understand(text, semantic=args.semantic)
            t1 = time.perf_counter()
            recipe = spec.recipes()
            model = build_scene(recipe) if getattr(recipe, "kind", "") == "scene" else build(recipe)
            t2 = time.perf_counter()
            export_bytes(model, "glb")
            t3 = time.perf_counter()
            times.append((t1 - t0, t2 - t1, t3 - t2))
        u, b, e = (statistics.median(x) for x in zip(*times, strict=True))
        rows.append((gid, u, b, e))
        flag = "" if spec.generator == gid else f"  (read as {spec.generator})"
        print(f"{gid:18s} {u * 1000:10.1f} {b * 1000:8.1f} {e * 1000:8.1f} {(u + b + e) * 1000:9.1f}  {text!r}{flag}")
    _, py_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    totals = [u + b + e for _, u, b, e in rows]
    print("-" * 72)
    for label, idx in (("understand", 1), ("build", 2), ("glb export", 3)):
        col = [r[idx] for r in rows]
        print(f"{label:12s} p50 {_percentile(col, 0.5) * 1000:8.1f} ms   p95 {_percentile(col, 0.95) * 1000:8.1f} ms")
    print(f"{'text -> glb':12s} p50 {_percentile(totals, 0.5) * 1000:8.1f} ms   p95 {_percentile(totals, 0.95) * 1000:8.1f} ms"
          f"   over {len(rows)} generators")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {rss_mb:.0f} MB resident (max RSS), {py_peak / 1024 / 1024:.0f} MB Python allocations "
          "(tracemalloc)")


if __name__ == "__main__":
    main()
