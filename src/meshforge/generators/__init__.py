"""The generator catalog: one folder per object family, one file per generator.

Adding a generator is one new file in a family folder with a class decorated by
:func:`~meshforge.generators.base.register`; :func:`load_all` imports every module below this package.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil

from meshforge.core.errors import UnknownGeneratorError
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, catalog, register

__all__ = ["Generator", "Param", "SizeEnvelope", "Slot", "catalog", "get_generator", "load_all", "nearest", "register"]

_loaded = False


def load_all() -> None:
    """Import every generator module once (families are subpackages of this package)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for info in pkgutil.walk_packages(__path__, prefix=__name__ + "."):
        if info.name.rsplit(".", 1)[-1] != "base":
            importlib.import_module(info.name)


def nearest(text: str, limit: int = 5) -> list[tuple[str, float]]:
    """The ``limit`` generator ids whose names or synonyms are closest to ``text`` (score 0..1)."""
    text = text.lower().strip()
    scores: dict[str, float] = {}
    for gid, cls in catalog().items():
        names = [gid, cls.name.lower(), *[s.lower() for s in cls.synonyms]]
        best = 0.0
        for n in names:
            best = max(best, difflib.SequenceMatcher(None, text, n).ratio())
            for word in text.split():
                best = max(best, 0.9 * difflib.SequenceMatcher(None, word, n).ratio())
        scores[gid] = round(best, 3)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def get_generator(name: str) -> Generator:
    """Instance of the generator whose id, display name or synonym equals ``name`` (case-insensitive)."""
    key = name.lower().strip().replace("-", "_")
    cats = catalog()
    if key in cats:
        return cats[key]()
    for cls in cats.values():
        if key.replace("_", " ") in (cls.name.lower(), *[s.lower() for s in cls.synonyms]):
            return cls()
    raise UnknownGeneratorError(name, nearest(name))
