"""Scale and placement checks: real-world size, origin, up axis and units (DESIGN.md conventions).

* ``scale``: a model made by a known generator must fit that generator's declared
  :class:`~meshforge.generators.base.SizeEnvelope`; any other model must be between
  :data:`MIN_SIZE_M` and :data:`MAX_SIZE_M` across (in meters, after the unit is resolved).
* ``origin``: meshforge puts the origin at the bottom centre of the bounding box, which is what engines
  and AR viewers expect of a placeable object. Off by more than :data:`ORIGIN_TOLERANCE` of the diagonal is
  reported (information); an origin farther than one diagonal from the model is a warning (the object
  appears far from where it is placed).
* ``up_axis``: a Z-up file (STL/3MF convention) is reported; engines and glTF are Y-up.
* ``units``: a unit read from the file other than meters (information), or guessed (warning).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from meshforge.quality.context import UNITLESS_FORMATS
from meshforge.quality.findings import Finding, point
from meshforge.quality.registry import check

if TYPE_CHECKING:
    from meshforge.core.model import Model
    from meshforge.quality.context import UNITLESS_FORMATS, Context

#: Smallest and largest plausible size of an object of unknown kind (largest side, meters).
MIN_SIZE_M, MAX_SIZE_M = 0.001, 1000.0
#: Relative slack on a generator's size envelope.
ENVELOPE_TOLERANCE = 0.01
#: Origin offset from the bottom centre, as a fraction of the diagonal, that is still "at" it.
ORIGIN_TOLERANCE = 0.01
_AXES = ("width", "height", "depth")


def _meters(x: float) -> str:
    if x >= 1.0:
        return f"{x:.2f} m"
    if x >= 0.01:
        return f"{x * 100:.1f} cm"
    return f"{x * 1000:.2f} mm"


@check("scale", "scale", "Size in meters plausible for the object's kind.")
def check_scale(model: Model, ctx: Context) -> list[Finding]:
    if not ctx.parts:
        return []
    ext_m = (ctx.bounds[1] - ctx.bounds[0]) * ctx.frame.meters_per_unit
    center = point(ctx.bounds.mean(axis=0))
    gid = model.metadata.get("generator")
    if gid:
        from meshforge.generators import catalog

        cls = catalog().get(str(gid))
        if cls is not None:
            lo = np.asarray(cls.size.min) * (1 - ENVELOPE_TOLERANCE)
            hi = np.asarray(cls.size.max) * (1 + ENVELOPE_TOLERANCE)
            bad = np.flatnonzero((ext_m < lo) | (ext_m > hi))
            if not len(bad):
                return []
            what = "; ".join(
                f"{_AXES[a]} {_meters(ext_m[a])} (expected {_meters(cls.size.min[a])}-{_meters(cls.size.max[a])})"
                for a in bad
            )
            return [Finding("scale", "warning", len(bad), f"the {cls.name.lower()} is out of its real-world size: {what}.",
                            "rebuild with parameters in range (`meshforge generators --verbose` lists them)",
                            [{"part": "*", "position": center, "value": [round(float(e), 6) for e in ext_m], "unit": "m"}])]
    largest = float(ext_m.max())
    if MIN_SIZE_M <= largest <= MAX_SIZE_M:
        return []
    side = "small" if largest < MIN_SIZE_M else "large"
    unit_hint = "it is probably in the wrong unit" + (
        f" (read as {ctx.frame.units}; pass --units to say which)" if ctx.frame.units_source != "option" else "")
    return [Finding("scale", "warning", 1,
                    f"the model is {_meters(largest)} across, implausibly {side} for a real object; {unit_hint}.",
                    "inspect again with the right `--units`, or scale it with the recipe's `scale` edit",
                    [{"part": "*", "position": center, "value": round(largest, 6), "unit": "m"}])]


@check("origin", "scale", "Origin at the bottom centre of the bounding box.", skip_profiles=("print",))
def check_origin(model: Model, ctx: Context) -> list[Finding]:
    if not ctx.parts:
        return []
    b = ctx.bounds
    up = 1 if ctx.frame.up == "Y" else 2
    target = (b[0] + b[1]) / 2
    target[up] = b[0, up]
    offset = float(np.linalg.norm(target))
    if offset <= ORIGIN_TOLERANCE * ctx.diagonal:
        return []
    far = offset > ctx.diagonal
    off_m = offset * ctx.frame.meters_per_unit
    msg = (f"the origin is {_meters(off_m)} from the bottom centre of the model"
           + (", farther than the model is large: it will appear away from where it is placed." if far
              else "; engines and AR viewers place objects by their origin."))
    return [Finding("origin", "warning" if far else "info", 1, msg,
                    "re-centre it: the recipe's edits and `meshforge generate` place models on the ground "
                    "at the bottom centre",
                    [{"part": "*", "position": point(target), "value": round(off_m, 6), "unit": "m"}])]


@check("up_axis", "scale", "Up axis: meshforge, glTF and engines are Y-up.")
def check_up_axis(model: Model, ctx: Context) -> list[Finding]:
    f = ctx.frame
    if f.up == "Y":
        return []
    why = {"format": f"{(ctx.options.source_format or '').lstrip('.').upper()} files are Z-up by convention",
           "declared": "the file declares Z-up", "option": "as requested"}.get(f.up_source, "")
    printing = ctx.profile == "print"
    return [Finding("up_axis", "info" if printing else "warning", 1,
                    f"the model is Z-up ({why}); the checks use +Z as up"
                    + ("." if printing else ", but engines, glTF and AR viewers expect Y-up: it will lie on its back."),
                    "nothing to do for printing" if printing
                    else "rotate it -90 degrees about X (meshforge's exporters convert Y-up to Z-up for printers)",
                    [])]


@check("units", "scale", "Length unit of the file (meters expected).")
def check_units(model: Model, ctx: Context) -> list[Finding]:
    f = ctx.frame
    largest = float(np.max(ctx.bounds[1] - ctx.bounds[0])) if ctx.parts else 0.0
    if f.units_source == "guessed":
        fmt = (ctx.options.source_format or "the file").lstrip(".").upper()
        return [Finding("units", "warning", 1,
                        f"{fmt} carries no unit; the model is {largest:,.1f} units across, so it is read as "
                        f"millimetres ({largest / 1000:.3f} m), not {largest:,.1f} m.",
                        "pass `--units m` (or mm, cm, in) if that is wrong", [])]
    src = str(model.metadata.get("source_units", "")).lower()
    if f.units_source == "converted" and src and ctx.options.source_format in UNITLESS_FORMATS:
        fmt = ctx.options.source_format.lstrip(".").upper()
        return [Finding("units", "info", 1,
                        f"{fmt} carries no unit; it was read as {src} and converted to meters "
                        f"({largest:.3f} m across).",
                        "pass `--units m` (or cm, in) if the file is in another unit", [])]
    if f.units_source == "declared":
        return [Finding("units", "info", 1,
                        f"the file is in {f.units} ({largest:,.2f} {f.units} across); checks convert to meters.",
                        "nothing to do; meshforge's exporters write each format's own unit", [])]
    return []
