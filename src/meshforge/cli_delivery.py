"""``meshforge lod`` and ``meshforge optimize``: the delivery commands (thin faces over
:mod:`meshforge.lod` and :mod:`meshforge.optimize`), registered into the main parser by
:func:`add_delivery_commands`.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from meshforge.core.errors import FormatError, ParameterError


def _human(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.1f} KB"


def cmd_lod(args: argparse.Namespace) -> int:
    from meshforge.cli import Progress, _prepare_dir, _say, _write_text_atomic
    from meshforge.export import export
    from meshforge.importers import load
    from meshforge.lod.chain import LodOptions, build_lod_chain
    from meshforge.lod.profiles import lod_profile
    from meshforge.quality import inspect

    profile = lod_profile(args.profile) if args.profile else None
    levels = args.levels or (profile.levels if profile else 4)
    options = LodOptions(levels=levels, profile=args.profile, flat=args.flat, rebake=args.rebake,
                         render_check=not args.no_render_check, pixel_error=args.pixel_error,
                         max_level_distance=None if args.exact_counts else LodOptions.max_level_distance)
    src = Path(args.file)
    out = Path(args.output) if args.output else Path(f"{src.stem}_lod.glb")
    if out.suffix.lower() != ".glb":
        raise FormatError(f"{out}: LOD chains are written as GLB; use a .glb file name")
    _prepare_dir(out.parent if str(out.parent) else Path("."))
    progress = Progress(levels + 3, "lod", quiet=args.quiet)
    t0 = time.perf_counter()
    model = load(src)
    progress.step(f"read {src.name}: {model.triangle_count:,} triangles, {len(model.parts)} parts")
    lod_model, report = build_lod_chain(model, options, on_level=progress.step)
    written = export(lod_model, out, keep_uvs=True)
    progress.step(f"wrote {out.name}")
    if args.split:
        for k, level in enumerate([lod_model, *lod_model.lods]):
            single = level.copy()
            single.lods, single.lod_screen_sizes = [], []
            single.name = f"{model.name}_LOD{k}"
            written += export(single, out.with_name(f"{out.stem}_LOD{k}.glb"))
    quality = inspect(lod_model, profile=args.profile or "desktop").to_dict()
    quality["lod"] = report.to_dict()
    report_path = out.with_suffix(".quality.json")
    _write_text_atomic(report_path, json.dumps(quality, indent=2) + "\n")
    progress.step(f"quality report {report_path.name}")
    for lv in report.levels:
        dist = "" if lv.hausdorff is None else f"  hausdorff {lv.hausdorff * 100:.3f}%  mean {lv.mean_distance * 100:.4f}%"
        vis = "" if lv.visual_difference is None else f"  visual diff {lv.visual_difference * 100:.1f}%"
        left = f"  without {', '.join(lv.dropped_parts)}" if lv.dropped_parts else ""
        left += f"  re-baked {', '.join(lv.rebaked_parts)}" if lv.rebaked_parts else ""
        aim = f" (target {lv.target:,})" if lv.index and lv.triangles != lv.target else ""
        _say(f"  LOD{lv.index}: {lv.triangles:>9,} triangles{aim}  switch below {lv.screen_size * 100:5.1f}% of screen"
             f"  textures {lv.texture_px or '-'}{dist}{vis}{left}", args.quiet)
    for note in report.notes:
        _say(f"  note: {note}", args.quiet)
    if not report.visual_ok:
        _say(f"  warning: a switch exceeds the {options.max_visual_difference:.0%} visual difference limit", args.quiet)
    _say(f"{src} -> {out}: {len(report.levels)} levels in {time.perf_counter() - t0:.1f} s", args.quiet)
    for path in [*written, report_path]:
        print(path)
    return 0


def cmd_optimize(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from meshforge.cli import _prepare_dir, _say
    from meshforge.export.registry import write_atomically
    from meshforge.importers import load
    from meshforge.optimize import TARGETS, optimize_model, packed_glb

    if args.target not in TARGETS:
        raise ParameterError(f"unknown target {args.target!r}; targets: {', '.join(TARGETS)}")
    options = TARGETS[args.target]
    changes: dict = {}
    if args.texture_size is not None:
        if not 1 <= args.texture_size <= 4096:
            raise ParameterError("--texture-size must be between 1 and 4096 pixels")
        changes["texture_px"] = args.texture_size
    if args.texture_format:
        changes["texture_format"] = args.texture_format
    if args.ratio is not None:
        changes["ratio"] = args.ratio
    if args.rebake:
        if args.ratio is None:
            raise ParameterError("--rebake goes with --ratio (it re-bakes parts that UV seams hold while simplifying)")
        changes["rebake"] = True
    if args.no_meshopt:
        changes["meshopt"] = False
    if args.no_quantize:
        changes["quantize"] = False
    if args.draco:
        from meshforge.optimize.draco import INSTALL_HINT, available

        if not available():
            raise ParameterError(f"--draco needs DracoPy, which is not installed: {INSTALL_HINT}")
        changes["draco"] = True
    options = replace(options, **changes)
    src = Path(args.file)
    out = Path(args.output) if args.output else Path(f"{src.stem}_{args.target}.glb")
    if out.suffix.lower() != ".glb":
        raise FormatError(f"{out}: optimised models are written as GLB; use a .glb file name")
    _prepare_dir(out.parent if str(out.parent) else Path("."))
    t0 = time.perf_counter()
    model = load(src)
    _say(f"read {src}: {model.triangle_count:,} triangles, {model.vertex_count:,} vertices, {len(model.parts)} parts",
         args.quiet)
    optimized = optimize_model(model, options)
    simplified = optimized.metadata.get("simplify")
    if options.ratio < 1.0 and simplified:
        wanted = round(options.ratio * simplified["triangles_before"])
        _say(f"simplified: {simplified['triangles_before']:,} -> {simplified['triangles_after']:,} triangles "
             f"(ratio {options.ratio:g}: target {wanted:,})", args.quiet)
        for note in simplified.get("notes", []):
            _say(f"  note: {note}", args.quiet)
    data = packed_glb(optimized, options)
    write_atomically([(out, data)])
    before = src.stat().st_size
    _say(f"{src} -> {out}: {_human(before)} -> {_human(len(data))} ({100.0 * (len(data) - before) / before:+.0f}%) "
         f"in {time.perf_counter() - t0:.2f} s", args.quiet)
    print(out)
    return 0


def add_delivery_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``lod`` and ``optimize`` to the main parser's subcommands."""
    d = sub.add_parser("lod", help="build a level-of-detail chain (one GLB with _LOD0.._LODn nodes and MSFT_lod)")
    d.add_argument("file")
    d.add_argument("--levels", "-l", type=int, default=None, help="number of levels including LOD0 (default 4)")
    d.add_argument("--profile", "-p", default=None,
                   help="platform budget: mobile, web, desktop, console, vr or ar (triangles, textures, levels)")
    d.add_argument("--output", "-o", default=None, help="GLB to write (default <name>_lod.glb)")
    d.add_argument("--split", action="store_true", help="also write one GLB per level (<out>_LOD<k>.glb)")
    d.add_argument("--flat", action="store_true", help="faceted low-poly levels (flat normals)")
    d.add_argument("--rebake", action="store_true",
                   help="textured parts whose UV seams stop a level above its budget get new UVs and textures "
                        "baked from LOD0 (scans, assets with hundreds of UV charts)")
    d.add_argument("--pixel-error", type=float, default=1.0,
                   help="on-screen error in pixels (1080p) at which the next level takes over (default 1)")
    d.add_argument("--exact-counts", action="store_true",
                   help="keep every level at its target triangle count, even where that count breaks its shape "
                        "(by default such a level keeps up to 2x its target to stay within 3%% of the model's "
                        "size of LOD0)")
    d.add_argument("--no-render-check", action="store_true", help="skip the image-space check of each switch")
    d.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    d.set_defaults(func=cmd_lod)

    o = sub.add_parser("optimize", help="compress a model for the web or mobile (meshopt, quantisation, WebP)")
    o.add_argument("file")
    o.add_argument("--target", "-t", default="web", help="web (default) or mobile")
    o.add_argument("--output", "-o", default=None, help="GLB to write (default <name>_<target>.glb)")
    o.add_argument("--ratio", type=float, default=None, help="also simplify to this fraction of triangles")
    o.add_argument("--rebake", action="store_true",
                   help="with --ratio: textured parts whose UV seams stop the simplification get new UVs and "
                        "textures baked from the original")
    o.add_argument("--texture-size", type=int, default=None, help="largest texture side in pixels")
    o.add_argument("--texture-format", choices=("webp", "png"), default=None, help="image format")
    o.add_argument("--no-meshopt", action="store_true", help="no EXT_meshopt_compression")
    o.add_argument("--no-quantize", action="store_true", help="no KHR_mesh_quantization")
    o.add_argument("--draco", action="store_true",
                   help="Draco geometry (KHR_draco_mesh_compression) instead of meshopt; needs meshforge[draco]")
    o.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    o.set_defaults(func=cmd_optimize)
