"""Understanding: turn what the user said into a :class:`Spec` (generator + confidence + unused words).

This first version reads generator names only: a prompt builds a generator when it names one (its id,
display name or a synonym, as whole words, plural forms included). Everything else in the prompt is
reported back as unused, never silently dropped. Text understanding proper (attributes, materials,
counts, scenes, embeddings) replaces :func:`understand` without changing its contract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from meshforge.core.errors import UnknownGeneratorError
from meshforge.generators import catalog, nearest

_STOP = {"a", "an", "the", "of", "with", "and", "in", "on", "for", "some", "one", "my", "me", "please", "make", "create"}


@dataclass
class Spec:
    """What understanding produced.

    Attributes:
        text: the prompt as given.
        generator: chosen generator id.
        confidence: 0..1 (1 = the prompt names the generator exactly).
        matched: the words that named it.
        params: parameter values read from the text (none yet in this version).
        unused_words: meaningful words that changed nothing.
        alternatives: other (generator, score) candidates.
    """

    text: str
    generator: str
    confidence: float
    matched: str
    params: dict = field(default_factory=dict)
    unused_words: list[str] = field(default_factory=list)
    alternatives: list[tuple[str, float]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "generator": self.generator,
            "confidence": self.confidence,
            "matched": self.matched,
            "params": self.params,
            "unused_words": self.unused_words,
            "alternatives": [{"generator": g, "score": s} for g, s in self.alternatives],
        }


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _singular(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("ses", "s"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


def understand(text: str) -> Spec:
    """Find the generator a prompt names; raise :class:`UnknownGeneratorError` with the nearest ids if none."""
    words = [_singular(w) for w in _tokens(text)]
    if not words:
        raise UnknownGeneratorError(text, nearest(text))
    best: tuple[int, int, str, list[str]] | None = None  # (-length, position, id, phrase)
    for gid, cls in catalog().items():
        for name in {gid.replace("_", " "), cls.name.lower(), *(s.lower() for s in cls.synonyms)}:
            phrase = [_singular(w) for w in _tokens(name)]
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if words[i : i + n] == phrase:
                    cand = (-n, i, gid, phrase)
                    if best is None or cand[:2] < best[:2]:
                        best = cand
                    break
    if best is None:
        raise UnknownGeneratorError(text, nearest(text))
    _, pos, gid, phrase = best
    used = set(range(pos, pos + len(phrase)))
    unused = [w for i, w in enumerate(_tokens(text)) if i not in used and w not in _STOP]
    alternatives = [(g, s) for g, s in nearest(" ".join(phrase)) if g != gid][:4]
    return Spec(text, gid, 1.0, " ".join(phrase), unused_words=unused, alternatives=alternatives)
