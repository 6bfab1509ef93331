"""The check registry: every check is a function ``(model, context) -> list[Finding]`` registered under a
stable id in :data:`CHECKS` (registries, not if-chains: adding a check is one decorated function).

A check declares the category it is scored in, the profiles it applies to (``None``: every profile) and
whether it needs a reference; :func:`meshforge.quality.inspect` runs the ones that apply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from meshforge.quality.findings import CATEGORIES, Finding

if TYPE_CHECKING:
    from meshforge.core.model import Model
    from meshforge.quality.context import Context

CheckFn = Callable[["Model", "Context"], list[Finding]]


@dataclass(frozen=True)
class Check:
    """A registered check.

    Attributes:
        id: stable id used in JSON and docs (``holes``).
        category: one of :data:`~meshforge.quality.findings.CATEGORIES`.
        fn: the check function.
        description: one line for the README and ``--help``.
        profiles: profiles it runs for (None: all).
        skip_profiles: profiles it never runs for (e.g. UV checks are meaningless for ``print``).
        needs: ``"reference_model"`` or ``"reference_image"`` when it only runs with such a reference.
        concurrent: a heavy check that may run on a second thread while the others run (its work is
            numpy/scipy code that releases the GIL); results do not depend on it.
    """

    id: str
    category: str
    fn: CheckFn
    description: str = ""
    profiles: frozenset[str] | None = None
    skip_profiles: frozenset[str] = frozenset()
    needs: str | None = None
    concurrent: bool = False

    def applies(self, profile: str) -> bool:
        if profile in self.skip_profiles:
            return False
        return self.profiles is None or profile in self.profiles

    def __call__(self, model: Model, context: Context) -> list[Finding]:
        findings = self.fn(model, context)
        for f in findings:
            f.category = self.category
        return findings


#: Every check by id, in registration order (topology first).
CHECKS: dict[str, Check] = {}


def check(
    check_id: str,
    category: str,
    description: str = "",
    *,
    profiles: tuple[str, ...] | None = None,
    skip_profiles: tuple[str, ...] = (),
    needs: str | None = None,
    concurrent: bool = False,
) -> Callable[[CheckFn], CheckFn]:
    """Decorator registering a check function under ``check_id``."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}; expected one of {CATEGORIES}")

    def wrap(fn: CheckFn) -> CheckFn:
        if check_id in CHECKS and CHECKS[check_id].fn is not fn:
            raise ValueError(f"check id {check_id!r} registered twice")
        CHECKS[check_id] = Check(
            check_id,
            category,
            fn,
            description or (fn.__doc__ or "").strip().splitlines()[0],
            None if profiles is None else frozenset(profiles),
            frozenset(skip_profiles),
            needs,
            concurrent,
        )
        return fn

    return wrap
