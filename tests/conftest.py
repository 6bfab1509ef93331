"""Shared test settings.

``MESHFORGE_FULL=1`` (``make test-full``) widens sweeps such as the number of random seeds per generator.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FULL = os.environ.get("MESHFORGE_FULL") == "1"
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS
