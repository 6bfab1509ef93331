"""Build and export timings per generator and format.

Usage: ``python benchmarks/generators.py [--repeat N] [--seeds N]`` (or ``make bench``).
Prints one row per generator: median build time over the default recipe and N seeds, triangle count,
and the median time and file size of each export format. Timing lives here, never in unit tests.
"""

from __future__ import annotations

import argparse
import statistics
import time

from meshforge.core.recipe import Recipe, build
from meshforge.export import export_bytes, formats
from meshforge.generators import catalog


def _time(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="repetitions per measurement (median reported)")
    ap.add_argument("--seeds", type=int, default=5, help="random seeds per generator besides the defaults")
    ap.add_argument("--formats", default="", help="comma-separated export formats to time (default: all)")
    ap.add_argument("--generators", default="", help="comma-separated ids (default: all)")
    args = ap.parse_args()
    exts = [e.extension.lstrip(".") for e in formats()]
    if args.formats:
        exts = [e for e in exts if e in args.formats.split(",")]
    wanted = [g for g in args.generators.split(",") if g] or list(catalog())
    # warm caches (textures, imports) so the first generator is not charged for them
    build(Recipe("chair"))
    header = f"{'generator':12s} {'build ms':>9s} {'tris':>7s} " + " ".join(f"{e + ' ms':>9s} {e + ' KB':>8s}" for e in exts)
    print(header)
    print("-" * len(header))
    defaults_ms: list[tuple[float, str]] = []
    worst_tris: list[tuple[int, str]] = []
    for gid in wanted:
        recipes = [Recipe(gid)] + [Recipe(gid, seed=s) for s in range(args.seeds)]
        builds = []
        for r in recipes:
            t, model = _time(lambda r=r: build(r), args.repeat)
            builds.append(t)
        model = build(Recipe(gid))
        defaults_ms.append((builds[0] * 1000, gid))
        worst_tris.append((model.triangle_count, gid))
        cells = []
        for ext in exts:
            t, bundle = _time(lambda ext=ext, model=model: export_bytes(model, ext), args.repeat)
            size = sum(len(b) for b in bundle.values())
            cells.append(f"{t * 1000:9.1f} {size / 1024:8.0f}")
        print(f"{gid:12s} {statistics.median(builds) * 1000:9.1f} {model.triangle_count:7d} " + " ".join(cells))
    print(f"\nbuild: median over defaults + {args.seeds} seeds, {args.repeat} runs each; exports: default recipe, "
          "size includes side files (MTL, textures, .bin).")
    ms = sorted(defaults_ms)
    p50, p95 = ms[len(ms) // 2][0], ms[min(len(ms) - 1, int(0.95 * len(ms)))][0]
    over = [g for t, g in ms if t >= 1000]
    print(f"default builds over {len(ms)} generators: p50 {p50:.0f} ms, p95 {p95:.0f} ms, slowest {ms[-1][1]} "
          f"{ms[-1][0]:.0f} ms; {len(over)} at or over 1 s{': ' + ', '.join(over) if over else ''}")
    tris = max(worst_tris)
    print(f"most triangles at defaults: {tris[1]} {tris[0]:,} (limit 200,000)")


if __name__ == "__main__":
    main()
