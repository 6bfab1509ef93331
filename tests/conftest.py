"""Shared test settings.

``MESHFORGE_FULL=1`` (``make test-full``) widens sweeps such as the number of random seeds per generator.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FULL = os.environ.get("MESHFORGE_FULL") == "1"
#: `.ci/run` sets this: a missing renderer or browser is then a failure, not a skip (the CI installs them).
REQUIRE_ALL = os.environ.get("MESHFORGE_REQUIRE_ALL") == "1"


def unavailable(reason: str) -> None:
    """Skip with ``reason`` on a developer machine that lacks a system package; fail in CI, which has it."""
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (MESHFORGE_REQUIRE_ALL is set: CI must provide it)")
    pytest.skip(reason)
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS
