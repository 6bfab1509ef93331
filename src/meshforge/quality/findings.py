"""What an inspection produces: :class:`Finding` (one problem, or one fact worth telling) and :class:`Report`.

The JSON form (:meth:`Report.to_dict`) is the stable interface for the CLI, the service and the HTML
report: ``score``, ``categories`` and ``findings`` [{``check``, ``severity``, ``count``, ``message``,
``suggestion``, ``where``, ``category``}], plus ``profile``, ``metrics`` and ``summary``.

Locations (``where``) are plain dicts so they serialise as they are: ``part`` (part name) and, when the
problem has a place, ``position`` ([x, y, z] in meters, model space, Y-up) plus what identifies it in the
part's mesh: ``faces`` (face indices into ``part.mesh.faces``), ``edge`` (two endpoints in meters),
``vertices`` (render vertex indices), ``value`` + ``unit`` for a measured quantity. At most
:data:`MAX_WHERE` locations are kept; ``count`` always tells the full number.

``Finding.highlights`` carries *every* problem element as numpy arrays (not serialised) for whoever draws
them (the HTML report) or fixes them (repair): ``{part name: {"faces": (K,) int face indices,
"segments": (K, 2, 3) meters, "points": (K, 3) meters}}``, each key optional.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

Severity = Literal["error", "warning", "info"]
#: Severities from worst to mildest.
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
#: Categories findings are grouped and scored by, in report order.
CATEGORIES: tuple[str, ...] = ("topology", "scale", "budget", "uv", "textures", "printing", "accuracy")
#: Most locations kept in :attr:`Finding.where`.
MAX_WHERE = 20


@dataclass
class Finding:
    """One result of one check.

    Attributes:
        check: stable check id (``holes``, ``over_budget``; see README "Quality checks").
        severity: ``error`` (breaks the asset for its target), ``warning`` (degrades it) or ``info``.
        count: how many: holes (boundary loops), faces, edges, parts, triangles over budget, ...
        message: one sentence in plain words with the numbers ("3 holes along the base of 'body'").
        suggestion: what to do, with the command to run when there is one.
        where: up to :data:`MAX_WHERE` locations (see module docstring).
        category: the category it is scored in (filled from the check registry).
        highlights: every problem element per part, as arrays (not serialised; module docstring).
    """

    check: str
    severity: Severity
    count: int
    message: str
    suggestion: str = ""
    where: list[dict[str, Any]] = field(default_factory=list)
    category: str = ""
    highlights: dict[str, dict[str, np.ndarray]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, got {self.severity!r}")
        self.count = int(self.count)
        self.where = list(self.where)[:MAX_WHERE]

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "category": self.category,
            "severity": self.severity,
            "count": self.count,
            "message": self.message,
            "suggestion": self.suggestion,
            "where": _jsonable(self.where),
        }


@dataclass
class Report:
    """The result of :func:`meshforge.quality.inspect`.

    Attributes:
        score: 0-100 overall score (formula in :mod:`meshforge.quality.score`).
        categories: 0-100 score per category that was checked (``topology``, ``scale``, ``budget``,
            ``uv``, ``textures``, ``printing`` with the print profile, ``accuracy`` with a reference).
        findings: every finding, worst first.
        profile: the target profile checked against (``desktop``, ``mobile``, ``print``, ...).
        metrics: measured numbers (triangles, draw calls, size in meters, units, Chamfer distance, ...).
        summary: counts per severity, checks run and skipped (with the reason), timings.
    """

    score: float
    categories: dict[str, float]
    findings: list[Finding]
    profile: str
    metrics: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    #: the inspected model when :func:`meshforge.quality.inspect_file` loaded it (not serialised)
    model: Any = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def by_check(self, check: str) -> list[Finding]:
        """Findings of one check id (empty when it found nothing or did not run)."""
        return [f for f in self.findings if f.check == check]

    def has(self, check: str, severity: str | None = None) -> bool:
        """True when ``check`` produced a finding (of ``severity``, if given)."""
        return any(f.check == check and (severity is None or f.severity == severity) for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": round(float(self.score), 1),
            "categories": {k: round(float(v), 1) for k, v in self.categories.items()},
            "profile": self.profile,
            "findings": [f.to_dict() for f in self.findings],
            "metrics": _jsonable(self.metrics),
            "summary": _jsonable(self.summary),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)


def _jsonable(value: Any) -> Any:
    """numpy scalars/arrays and tuples to plain JSON types; non-finite floats to None."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return _jsonable(value.tolist())
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return v if np.isfinite(v) else None
    return value


def point(p: np.ndarray | list[float]) -> list[float]:
    """A position for ``where``: [x, y, z] rounded to the micrometre."""
    return [round(float(c), 6) for c in np.asarray(p, dtype=np.float64).reshape(3)]
