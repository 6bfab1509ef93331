"""Quality assessment: checks, a 0-100 score with a per-category breakdown, and plain-words suggestions.

    >>> from meshforge.quality import inspect
    >>> report = inspect(model, profile="mobile")
    >>> report.score, report.categories, [f.check for f in report.findings]

Every check is a function ``(model, context) -> list[Finding]`` registered under a stable id in
:data:`CHECKS` (one module per family: :mod:`.topology`, :mod:`.scale`, :mod:`.budget`, :mod:`.uv`,
:mod:`.textures`, :mod:`.printing`, :mod:`.accuracy`); :func:`inspect` runs those that apply to the
profile and reference, scores them (:mod:`.score`) and returns a :class:`Report` whose
:meth:`~Report.to_dict` is the JSON the CLI writes. Repair and the HTML report build on this API:
``Finding.highlights`` holds every problem element as arrays, and :class:`Context` /
:class:`~meshforge.quality.topology.MeshTopology` expose the analyses themselves.
"""

from __future__ import annotations

import logging
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from meshforge.core.errors import FileAccessError, InvalidFileError
from meshforge.core.model import Model
from meshforge.quality import accuracy, budget, printing, scale, textures, topology, uv  # noqa: F401  (register)
from meshforge.quality.budget import PROFILES, Budget, model_metrics
from meshforge.quality.context import Context, Frame, InspectOptions, PartGeometry
from meshforge.quality.findings import CATEGORIES, SEVERITIES, Finding, Report
from meshforge.quality.registry import CHECKS, Check, check
from meshforge.quality.score import category_scores, fill_suggestions, overall_score
from meshforge.quality.topology import MeshTopology

__all__ = [
    "CATEGORIES", "CHECKS", "PROFILES", "SEVERITIES", "Budget", "Check", "Context", "Finding", "Frame",
    "InspectOptions", "MeshTopology", "PartGeometry", "Report", "check", "inspect", "inspect_file",
    "load_reference",
]

log = logging.getLogger(__name__)

#: File extensions read as reference *images* (anything else is read as a model).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp")

Reference = Model | str | os.PathLike | np.ndarray | Any


def load_reference(reference: Reference) -> tuple[Model | None, np.ndarray | None, str | None]:
    """Normalise a reference: a Model, a model file, an image file, a PIL image or an (H, W[, C]) uint8 array.

    Returns ``(model, rgba image, model file extension)``; raises MeshforgeError for unreadable files.
    """
    from PIL import Image, UnidentifiedImageError

    if reference is None:
        return None, None, None
    if isinstance(reference, Model):
        return reference, None, None
    if isinstance(reference, Image.Image):
        return None, np.asarray(reference.convert("RGBA")), None
    if isinstance(reference, np.ndarray):
        if reference.ndim not in (2, 3):
            raise ValueError(f"a reference image array must be (H, W) or (H, W, C), got shape {reference.shape}")
        arr = reference.astype(np.uint8) * (255 if reference.dtype == bool else 1)
        return None, np.asarray(Image.fromarray(arr).convert("RGBA")), None
    if isinstance(reference, (str, os.PathLike)):
        path = Path(reference)
        if path.suffix.lower() in IMAGE_SUFFIXES:
            if not path.is_file():
                raise FileAccessError(f"{path}: no such reference image")
            try:
                with Image.open(path) as img:
                    return None, np.asarray(img.convert("RGBA")), None
            except (UnidentifiedImageError, OSError) as exc:
                raise InvalidFileError(f"{path}: cannot read the reference image: {exc}") from None
        from meshforge.importers import load

        return load(path), None, path.suffix.lower()
    raise TypeError(f"reference must be a Model, a path, a PIL image or an array, not {type(reference).__name__}")


def _applicable(chk: Check, ctx: Context) -> str | None:
    """None when the check runs, else why not."""
    opts = ctx.options
    if opts.checks is not None and chk.id not in opts.checks:
        return "not selected"
    if chk.id in opts.skip:
        return "skipped by request"
    if not chk.applies(opts.profile):
        return f"not for the {opts.profile} profile"
    if chk.needs == "reference_model" and ctx.reference_model is None:
        return "needs --reference MODEL"
    if chk.needs == "reference_image" and ctx.reference_image is None:
        return "needs --reference IMAGE"
    return None


def _run_check(chk: Check, model: Model, ctx: Context) -> tuple[list[Finding], str | None]:
    """Run one check; an exception becomes a failure note instead of stopping the inspection."""
    try:
        with ctx.timed(chk.id):
            return chk(model, ctx), None
    except Exception as exc:  # a broken file must not stop the other checks
        log.warning("quality check %s failed on %s: %s", chk.id, model.name, exc, exc_info=True)
        return [], f"{type(exc).__name__}: {exc}"


def inspect(
    model: Model,
    *,
    profile: str = "desktop",
    reference: Reference = None,
    nozzle_mm: float = 0.4,
    **options: Any,
) -> Report:
    """Run every applicable check on ``model`` and score it.

    Args:
        model: the model (meters, Y-up, unless its metadata or ``units``/``up`` options say otherwise).
        profile: target profile (:data:`PROFILES`): budgets, and which checks run (``print`` adds the
            3D-printing checks and drops UV and texture checks).
        reference: optional reference: a :class:`Model` or model file (shape accuracy) or an image file,
            PIL image or array (silhouette IoU). See :func:`load_reference`.
        nozzle_mm: FDM nozzle diameter for the print checks.
        **options: any other :class:`InspectOptions` field (``units``, ``up``, ``build_volume_mm``,
            ``file_bytes``, ``source_format``, ``checks``, ``skip``, ...).

    Returns:
        A :class:`Report`; findings worst first. A check that fails with an exception is listed in
        ``report.summary["failed"]`` instead of stopping the inspection.
    """
    opts = InspectOptions(profile=profile, nozzle_mm=nozzle_mm, **options)
    ref_model, ref_image, ref_format = load_reference(reference)
    ctx = Context(model, opts, ref_model, ref_image, ref_format)
    t0 = time.perf_counter()
    run, skipped = [], {}
    categories: list[str] = []
    for chk in sorted(CHECKS.values(), key=lambda c: CATEGORIES.index(c.category)):
        why = _applicable(chk, ctx)
        if why is not None:
            skipped[chk.id] = why
            continue
        run.append(chk)
        if chk.category not in categories:
            categories.append(chk.category)
    results: dict[str, tuple[list[Finding], str | None]] = {}
    ctx.prepare()
    # heavy checks marked concurrent run on a second thread: numpy and scipy release the GIL
    with ThreadPoolExecutor(max_workers=1) as pool:
        background = {c.id: pool.submit(_run_check, c, model, ctx) for c in run if c.concurrent}
        for c in run:
            if not c.concurrent:
                results[c.id] = _run_check(c, model, ctx)
        for cid, future in background.items():
            results[cid] = future.result()
    findings = [f for c in run for f in results[c.id][0]]
    failed = {cid: err for cid, (_, err) in results.items() if err is not None}
    fill_suggestions(findings, opts.profile)
    order = {cid: k for k, cid in enumerate(CHECKS)}
    findings.sort(key=lambda f: (SEVERITIES.index(f.severity), CATEGORIES.index(f.category), order[f.check]))
    cats = category_scores(findings, categories, ctx.metrics.get("accuracy"))
    score = overall_score(findings, cats)
    frame = ctx.frame
    size_m = (ctx.bounds[1] - ctx.bounds[0]) * frame.meters_per_unit
    metrics = {
        **model_metrics(model, ctx),
        "parts": len(model.parts),
        "size_m": [round(float(x), 6) for x in size_m],
        "units": frame.units, "units_source": frame.units_source,
        "up": frame.up, "up_source": frame.up_source,
        **{k: v for k, v in ctx.metrics.items() if k != "timings_s"},
        "timings_s": {**ctx.metrics.get("timings_s", {}), "total": round(time.perf_counter() - t0, 4)},
    }
    summary = {
        "model": model.name,
        "profile": opts.profile,
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
        "infos": sum(f.severity == "info" for f in findings),
        "checks_run": [c.id for c in run],
        "checks_skipped": skipped,
        "failed": failed,
    }
    return Report(score, cats, findings, opts.profile, metrics, summary)


def inspect_file(path: str | os.PathLike, **kwargs: Any) -> Report:
    """Load a model file and :func:`inspect` it, telling the checks its size and format (for budgets and units)."""
    from meshforge.importers import load

    p = Path(path)
    model = load(p)
    kwargs.setdefault("file_bytes", p.stat().st_size)
    kwargs.setdefault("source_format", p.suffix.lower())
    report = inspect(model, **kwargs)
    report.summary["file"] = str(p)
    report.model = model  # the loaded model, for the HTML report's pictures
    return report
