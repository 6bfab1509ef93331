"""The 0-100 quality score and its breakdown per category.

Formula (documented in the README):

1. Each finding costs its category ``SEVERITY_COST[severity] * (1 + 0.25 * log10(count))``, at most
   ``1.5 x`` the base cost: an error costs 40-60 points, a warning 10-15, information nothing. A
   category's score is ``100 - total cost`` clamped to [0, 100]. The ``accuracy`` category is measured
   instead: 100 x the F-score against a reference model and/or 100 x the silhouette IoU against a
   reference image (their mean when both are given).
2. The overall score is the weighted mean of the categories that were checked
   (:data:`CATEGORY_WEIGHTS`: topology and printing weigh most), minus :data:`ERROR_PENALTY` per
   error-level finding, and capped at :data:`MAX_WITH_ERRORS` when there is any error: a score of 90
   or more always means "no errors".

Suggestions are written by each check next to its finding, in plain words with the command to run
("3 holes along the base of 'body'": run `meshforge repair`); :data:`DEFAULT_SUGGESTIONS` fills any
that a check left empty.
"""

from __future__ import annotations

import math

from meshforge.quality.findings import CATEGORIES, Finding

#: Base cost of one finding in its category, by severity.
SEVERITY_COST: dict[str, float] = {"error": 40.0, "warning": 10.0, "info": 0.0}
#: Weight of each category in the overall score.
CATEGORY_WEIGHTS: dict[str, float] = {
    "topology": 3.0, "printing": 3.0, "accuracy": 2.0, "budget": 1.5, "scale": 1.0, "uv": 1.0, "textures": 1.0,
}
#: Points taken off the overall score per error-level finding (errors weigh most).
ERROR_PENALTY = 5.0
#: Highest overall score a model with any error can get.
MAX_WITH_ERRORS = 89.0
#: Suggestion used when a check gives none.
DEFAULT_SUGGESTIONS: dict[str, str] = {
    "holes": "run `meshforge repair`",
    "non_manifold_edges": "run `meshforge repair`",
    "non_manifold_vertices": "run `meshforge repair`",
    "inconsistent_winding": "run `meshforge repair`",
    "inverted_normals": "run `meshforge repair`",
    "degenerate_faces": "run `meshforge repair`",
    "duplicate_faces": "run `meshforge repair`",
    "duplicate_vertices": "run `meshforge repair`",
    "self_intersections": "run `meshforge repair`",
    "small_components": "run `meshforge repair`",
    "nan_values": "run `meshforge repair`",
    "not_watertight": "run `meshforge repair --print`",
    "over_budget": "run `meshforge lod --profile PROFILE`",
}


def finding_cost(finding: Finding) -> float:
    """Points a finding takes off its category."""
    base = SEVERITY_COST[finding.severity]
    if base == 0:
        return 0.0
    return base * min(1.5, 1.0 + 0.25 * math.log10(max(finding.count, 1)))


def category_scores(findings: list[Finding], categories: list[str], accuracy: dict | None = None) -> dict[str, float]:
    """0-100 per checked category (in :data:`~meshforge.quality.findings.CATEGORIES` order)."""
    out: dict[str, float] = {}
    for cat in CATEGORIES:
        if cat not in categories:
            continue
        if cat == "accuracy":
            measured = []
            acc = accuracy or {}
            if "reference_model" in acc:
                measured.append(acc["reference_model"]["fscore"])
            if "reference_image" in acc:
                measured.append(acc["reference_image"]["iou"])
            if measured:
                out[cat] = round(100.0 * sum(measured) / len(measured), 1)
                continue
        cost = sum(finding_cost(f) for f in findings if f.category == cat)
        out[cat] = round(max(0.0, 100.0 - cost), 1)
    return out


def overall_score(findings: list[Finding], categories: dict[str, float]) -> float:
    """Weighted mean of the category scores with the error penalty and cap (module docstring)."""
    if not categories:
        return 0.0
    weights = {c: CATEGORY_WEIGHTS.get(c, 1.0) for c in categories}
    mean = sum(categories[c] * w for c, w in weights.items()) / sum(weights.values())
    errors = sum(1 for f in findings if f.severity == "error")
    score = mean - ERROR_PENALTY * errors
    if errors:
        score = min(score, MAX_WITH_ERRORS)
    return round(max(0.0, min(100.0, score)), 1)


def fill_suggestions(findings: list[Finding], profile: str) -> None:
    """Give every finding a suggestion (the check's own, else the default for its id)."""
    for f in findings:
        if not f.suggestion:
            f.suggestion = DEFAULT_SUGGESTIONS.get(f.check, "").replace("PROFILE", profile)
