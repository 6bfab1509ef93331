"""Look at and measure generators while writing them.

    .venv/bin/python tools/check_generators.py ID [ID ...] [--seeds 3] [--out /tmp/gencheck]

For each generator: build time at defaults, triangles, extents (m), quality score and error-level
findings (meshforge.quality, desktop profile), and one PNG contact sheet per generator with the defaults
and a few seeds side by side (``OUT/ID.png``): open it and judge it as an artist would.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from PIL import Image, ImageDraw

from meshforge.core.recipe import Recipe, build
from meshforge.generators import catalog
from meshforge.quality import inspect
from meshforge.render import thumbnail


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ids", nargs="*", help="generator ids (default: all)")
    ap.add_argument("--seeds", type=int, default=3, help="seeded variations shown next to the defaults")
    ap.add_argument("--out", default="/tmp/gencheck", help="folder for the PNG sheets")
    ap.add_argument("--size", type=int, default=256, help="tile size in pixels")
    ap.add_argument("--no-render", action="store_true")
    args = ap.parse_args(argv)
    ids = args.ids or sorted(catalog())
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    bad = 0
    print(f"{'generator':18s} {'ms':>6s} {'tris':>7s}  {'extents m':22s} {'score':>5s}  errors")
    for gid in ids:
        tiles = []
        for seed in [None, *range(args.seeds)]:
            t0 = time.perf_counter()
            model = build(Recipe(gid, seed=seed))
            ms = (time.perf_counter() - t0) * 1e3
            report = inspect(model)
            errors = [f.check for f in report.findings if f.severity == "error"]
            warns = [f.check for f in report.findings if f.severity == "warning"]
            ext = " x ".join(f"{e:.3f}" for e in model.extents)
            label = "default" if seed is None else f"seed {seed}"
            flag = "" if (ms < 1000 and model.triangle_count < 200_000 and report.score >= 90 and not errors) else "  <-- FIX"
            bad += bool(flag)
            print(f"{gid + ' ' + label:18s} {ms:6.0f} {model.triangle_count:7d}  {ext:22s} {report.score:5.0f}  "
                  f"{','.join(errors) or '-'}  warnings: {','.join(warns) or '-'}{flag}")
            if not args.no_render:
                img = thumbnail(model, args.size).convert("RGB")
                ImageDraw.Draw(img).text((6, 6), f"{gid} {label}", fill=(0, 0, 0))
                tiles.append(img)
        if tiles:
            sheet = Image.new("RGB", (args.size * len(tiles), args.size), "white")
            for i, t in enumerate(tiles):
                sheet.paste(t, (i * args.size, 0))
            sheet.save(out / f"{gid}.png")
    if not args.no_render:
        print(f"sheets in {out}/")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
