"""Understanding: turn what the user said into a :class:`Spec` (objects, attributes, relations, unused words).

Pipeline (DESIGN.md "understand"): tokenize -> correct spelling against the catalog's vocabulary
(:mod:`.lexicon`) -> find the phrases that name generators -> split the prompt into objects at relation
words (:mod:`.scene`) -> read each object's numbers, colors, materials, finishes, wear, patterns, styles,
sizes and toggles and route them to the generator's parameters and material slots (:mod:`.parse`).
With ``semantic=True`` the candidates are re-ranked by a sentence-embedding model (:mod:`.semantic`,
``pip install 'meshforge[semantic]'``). Nothing here is specific to one generator: everything is read
from the registry at run time.

No generator named with enough confidence: :class:`UnknownGeneratorError` with the five nearest
generators and their scores, unless ``closest=True``. Words that changed nothing are reported in
``unused_words``, never silently dropped.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from meshforge.core.errors import UnknownGeneratorError
from meshforge.generators import catalog
from meshforge.understand import vocabulary as voc
from meshforge.understand.lexicon import Lexicon, Mention, lexicon_for, tokenize
from meshforge.understand.parse import ObjectReader, ObjectSpec
from meshforge.understand.scene import Segment, find_markers, is_part_of, stack_span

__all__ = ["CONFIDENCE_THRESHOLD", "ObjectSpec", "Spec", "understand"]

#: below this, a prompt names no generator (UnknownGeneratorError unless ``closest``)
CONFIDENCE_THRESHOLD = 0.55


@dataclass
class Spec:
    """What understanding produced.

    Attributes:
        text: the prompt as given.
        objects: the objects, in prompt order; the first anchor is the main object.
        unused_words: meaningful words that changed nothing.
        notes: how ambiguities, clamped values and fallbacks were handled.
        semantic: True when the embedding model re-ranked the candidates.
    """

    text: str
    objects: list[ObjectSpec]
    unused_words: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    semantic: bool = False

    # the main object's fields, for callers that build one object
    @property
    def main(self) -> ObjectSpec:
        return next((o for o in self.objects if o.relation is None), self.objects[0])

    @property
    def generator(self) -> str:
        return self.main.generator

    @property
    def confidence(self) -> float:
        return self.main.confidence

    @property
    def matched(self) -> str:
        return self.main.matched

    @property
    def params(self) -> dict[str, Any]:
        return self.main.params

    @property
    def alternatives(self) -> list[tuple[str, float]]:
        return self.main.alternatives

    @property
    def is_scene(self) -> bool:
        return len(self.objects) > 1 or self.objects[0].count > 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "generator": self.generator,
            "confidence": round(self.confidence, 3),
            "objects": [o.to_dict() for o in self.objects],
            "unused_words": self.unused_words,
            "notes": self.notes,
            "semantic": self.semantic,
        }

    def summary_lines(self) -> list[str]:
        """A few readable lines: what each object became and which words were not used."""
        lines = []
        for i, o in enumerate(self.objects):
            head = f"{o.count} x {o.generator}" if o.count > 1 else o.generator
            rel = ""
            if o.relation:
                tgt = o.relation.get("target")
                rel = f" {o.relation['type'].replace('_', ' ')} {self.objects[tgt].generator}" if tgt is not None \
                    else f" ({o.relation['type']})"
            alts = ", ".join(f"{g} {s:.2f}" for g, s in o.alternatives[:3])
            lines.append(f"[{i}] {head}{rel}  (confidence {o.confidence:.2f}, matched {o.matched!r}"
                         + (f"; also: {alts}" if alts else "") + ")")
            if o.params:
                lines.append("    params: " + ", ".join(f"{k}={_fmt(v)}" for k, v in o.params.items()))
            for slot, m in o.materials.items():
                lines.append(f"    {slot}: " + ", ".join(f"{k} {v}" for k, v in m.items()))
            for e in o.edits:
                lines.append("    edit: " + e["op"] + " " + ", ".join(f"{k}={_fmt(v)}" for k, v in e.items() if k != "op"))
            lines.extend(f"    note: {n}" for n in o.notes)
        lines.extend(f"note: {n}" for n in self.notes)
        if self.unused_words:
            lines.append("words not used: " + ", ".join(self.unused_words))
        return lines

    def recipes(self, source: dict[str, Any] | None = None) -> Any:
        """A :class:`~meshforge.core.recipe.Recipe` for one object, else a
        :class:`~meshforge.core.scene.SceneRecipe`; material keys the material library cannot apply yet
        are left out (and named in ``notes``)."""
        from meshforge.core.recipe import Recipe
        from meshforge.core.scene import SceneObject, SceneRecipe

        source = source if source is not None else {"kind": "text", "text": self.text, "spec": self.to_dict()}
        keys = supported_material_keys()
        made = []
        for o in self.objects:
            mats = {slot: {k: v for k, v in m.items() if k in keys} for slot, m in o.materials.items()}
            dropped = sorted({k for m in o.materials.values() for k in m if k not in keys})
            if dropped and f"material {', '.join(dropped)} not supported by this material library" not in self.notes:
                self.notes.append(f"material {', '.join(dropped)} not supported by this material library")
            made.append(Recipe(o.generator, dict(o.params), None, {}, [dict(e) for e in o.edits],
                               materials={k: v for k, v in mats.items() if v}))
        if not self.is_scene:
            r = made[0]
            r.source = source
            return r
        objects = []
        for o, r in zip(self.objects, made, strict=True):
            rel = o.relation or {}
            objects.append(SceneObject(r, o.count, rel.get("type"), rel.get("target")))
        return SceneRecipe(objects, source)


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, list):
        return "[" + ", ".join(_fmt(x) for x in v) + "]"
    return str(v)


@lru_cache(maxsize=1)
def supported_material_keys() -> frozenset[str]:
    """Material override keys the material library accepts (``preset`` and ``color`` always;
    ``finish``, ``pattern``, ``wear`` when :func:`meshforge.materials.preset` takes them)."""
    from meshforge.materials import preset

    params = inspect.signature(preset).parameters
    extra = {k for k in ("finish", "pattern", "wear") if k in params}
    if any(p.kind == inspect.Parameter.VAR_KEYWORD for p in params.values()):
        extra = {"finish", "pattern", "wear"}
    return frozenset({"preset", "color", *extra})


# ---------------------------------------------------------------------------------------- internals
def _lexicon() -> tuple[Lexicon, dict[str, type]]:
    cats = catalog()
    return _lexicon_of(tuple(cats)), cats


@lru_cache(maxsize=2)
def _lexicon_of(ids: tuple[str, ...]) -> Lexicon:
    cats = catalog()
    extra: set[str] = set(voc.all_attribute_words())
    for gen in cats.values():
        for p in gen.params:
            extra.update(w for phrase in p.words for w in tokenize(phrase))
            extra.update(p.name.split("_"))
            extra.update(c for choice in p.choices for c in choice.split("_"))
        for s in gen.slots:
            extra.update(w for phrase in s.words for w in tokenize(phrase))
            extra.update(s.name.split("_"))
    return lexicon_for(cats, extra)


@lru_cache(maxsize=512)
def _extents_cached(gid: str, items: tuple) -> tuple[float, float, float]:
    model = catalog()[gid]().build(dict(items))
    e = model.extents
    return float(e[0]), float(e[1]), float(e[2])


def default_extents(gid: str, params: dict[str, Any]) -> tuple[float, float, float]:
    """Extents (m) of ``gid`` built with ``params`` (cached); used to turn stated sizes into scale edits."""
    return _extents_cached(gid, tuple(sorted(params.items())))


def _attribute_only(m: Mention, words: list[str]) -> bool:
    attr = voc.preset_words()
    colors = _color_words()
    span = words[m.start:m.end]
    return all(w in attr or w in colors or w in voc.STYLES or w in voc.SIZES or w in voc.WEAR for w in span)


@lru_cache(maxsize=1)
def _color_words() -> frozenset[str]:
    from meshforge.understand.colors import phrases

    return frozenset(phrases())


def _best(mentions: list[Mention], lo: int, hi: int, words: list[str]) -> tuple[Mention | None, list[Mention]]:
    """The mention that names the object of ``words[lo:hi]`` and the other candidates.

    Rules: a longer phrase that contains a shorter one wins when it scores about as well ("table lamp"
    over "table"); of two adjacent names the second is the head noun ("desk lamp" is a lamp, "pizza box"
    a box); names made only of attribute words ("orange", "glass", "gold") give way to any other name.
    """
    cands = [m for m in mentions if lo <= m.start and m.end <= hi]
    if not cands:
        return None, []
    real = [m for m in cands if not _attribute_only(m, words)]
    cands_kept = real or cands
    kept = []
    for m in cands_kept:
        if any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
               and o.score >= m.score - 0.12 for o in cands_kept):
            continue
        kept.append(m)
    heads = []
    for m in kept:
        if any(o.start == m.end and o.score >= CONFIDENCE_THRESHOLD for o in kept if o is not m):
            continue  # a modifier of the next name
        heads.append(m)
    heads = heads or kept
    heads.sort(key=lambda m: (-m.score, -(m.end - m.start), m.start))
    return heads[0], cands


def _alternatives(chosen: str, cands: list[Mention], lex: Lexicon, words: list[str],
                  semantic_scores: dict[str, float] | None, words_all: list[str]) -> list[tuple[str, float]]:
    scores: dict[str, float] = {}
    for m in cands:
        if m.gid != chosen and not _attribute_only(m, words_all):
            scores[m.gid] = max(scores.get(m.gid, 0.0), m.score)
    for gid, s in lex.nearest(words, limit=6):
        if gid != chosen:
            scores[gid] = max(scores.get(gid, 0.0), round(s * 0.9, 3))
    for gid, s in (semantic_scores or {}).items():
        if gid != chosen:
            scores[gid] = max(scores.get(gid, 0.0), round(s, 3))
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:4]


def understand(text: str, *, closest: bool = False, semantic: bool = False) -> Spec:
    """Read a prompt into a :class:`Spec`.

    Args:
        text: the user's words ("a rustic oak table with four chairs around it").
        closest: when no generator is named with confidence >= :data:`CONFIDENCE_THRESHOLD`, use the
            nearest one (with a note) instead of raising.
        semantic: re-rank candidates with the sentence-embedding model (``meshforge[semantic]``);
            raises :class:`~meshforge.core.errors.MeshforgeError` naming the extra when it is missing.

    Raises:
        UnknownGeneratorError: no generator matches (``.nearest`` holds five ``(id, score)``).
    """
    lex, cats = _lexicon()
    raw = tokenize(text)
    if not raw:
        raise UnknownGeneratorError(text, lex.nearest([], 5))
    words: list[str] = []
    penalties: list[float] = []
    for w in raw:
        c, p = lex.correct(w)
        words.append(c)
        penalties.append(p)
    mentions = lex.mentions(words, penalties)
    ranker = None
    if semantic:
        from meshforge.understand.semantic import ranker_for

        ranker = ranker_for(tuple(cats))
    notes: list[str] = []
    corrected = [f"{a!r} read as {b!r}" for a, b in zip(raw, words, strict=True) if a != b]
    if corrected:
        notes.append("spelling: " + ", ".join(corrected))

    segments = _segments(words, mentions, cats, ranker)
    if not segments or all(s.mention is None for s in segments):
        near = lex.nearest(words, 5)
        if ranker is not None:
            near = ranker.nearest(" ".join(raw), lex, words, limit=5)
        if not closest or not near:
            raise UnknownGeneratorError(text, near)
        gid, score = near[0]
        notes.append(f"no generator named with confidence >= {CONFIDENCE_THRESHOLD}; using the closest, {gid}")
        segments = [Segment(0, len(words), Mention(gid, 0, 0, score, "closest", gid))]

    objects: list[ObjectSpec] = []
    used_all: set[int] = set()
    for seg in segments:
        used_all.update(range(*seg.marker) if seg.marker else ())
    for seg in segments:
        m = seg.mention
        assert m is not None
        gen = cats[m.gid]
        lo = seg.start
        st = stack_span(words, seg.start, seg.end)
        if st is not None:
            used_all.update(range(*st))
            lo = st[1]
        reader = ObjectReader(gen, words, (lo, seg.end), (m.start, m.end), default_extents)
        reader.read()
        used_all.update(reader.used)
        cands = [c for c in mentions if seg.start <= c.start and c.end <= seg.end]
        sem_scores = ranker.scores(" ".join(raw[seg.start:seg.end])) if ranker is not None else None
        confidence = m.score
        if sem_scores is not None and m.kind != "closest":
            confidence = ranker.combine(m.score, sem_scores.get(m.gid, 0.0))
        same = [c for c in cands if c.start == m.start and c.end == m.end and c.gid != m.gid and c.score >= m.score]
        if same:
            confidence *= 0.9
            reader.notes.append(f"{' '.join(words[m.start:m.end])!r} also names {', '.join(c.gid for c in same)}")
        obj = ObjectSpec(
            generator=m.gid, confidence=round(min(confidence, 1.0), 3),
            alternatives=_alternatives(m.gid, cands, lex, words[seg.start:seg.end], sem_scores, words),
            params=reader.params, materials={k: v for k, v in reader.materials.items() if v},
            edits=reader.edits, count=reader.count, matched=" ".join(raw[m.start:m.end]) or m.phrase,
            style=reader.style, notes=reader.notes,
        )
        if st is not None:
            obj.relation = {"type": "stack", "target": None}
            if obj.count == 1:
                obj.count = 3
        objects.append(obj)
    _relate(segments, objects)
    unused = [raw[i] for i in range(len(words)) if i not in used_all and _meaningful(words[i])]
    return Spec(text, objects, list(dict.fromkeys(unused)), notes, semantic=ranker is not None)


def _meaningful(w: str) -> bool:
    from meshforge.understand.lexicon import STOP_WORDS

    return w not in STOP_WORDS and w not in voc.AFFIRM and w not in voc.NEGATIONS and any(c.isalnum() for c in w)


def _segments(words: list[str], mentions: list[Mention], cats: dict[str, type], ranker: Any) -> list[Segment]:
    """Split at relation words; merge pieces that name no generator (or a part of their neighbour)."""
    markers = find_markers(words, mentions)
    bounds = [0] + [x for s, e, _, _ in markers for x in (s, e)] + [len(words)]
    pieces: list[Segment] = []
    for k in range(len(markers) + 1):
        lo, hi = bounds[2 * k], bounds[2 * k + 1]
        seg = Segment(lo, hi)
        if k > 0:
            s, e, rel, direction = markers[k - 1]
            seg.marker, seg.relation, seg.direction = (s, e), rel, direction
        seg.mention = _choose(words, mentions, lo, hi, ranker)
        if markers and seg.mention is not None and _attribute_only(seg.mention, words):
            # "a table in birch", "a bowl of gold", "a red, white and blue ball": colors and materials, not objects
            seg.mention = None
        pieces.append(seg)
    merged: list[Segment] = []
    for seg in pieces:
        if not merged:
            merged.append(seg)
            continue
        prev = merged[-1]
        absorb = seg.mention is None
        if not absorb and prev.mention is not None:
            marker_words = words[seg.marker[0]:seg.marker[1]] if seg.marker else []
            absorb = is_part_of(cats[prev.mention.gid], seg.mention, words, marker_words) or (
                seg.relation == "in" and seg.direction == "backward" and seg.mention.gid == prev.mention.gid)
        if absorb:
            prev.end = seg.end
            continue
        if prev.mention is None:  # "a red and white chair": the first piece had no object
            seg.start = prev.start
            seg.marker, seg.relation, seg.direction = prev.marker, prev.relation, prev.direction
            merged[-1] = seg
            continue
        merged.append(seg)
    return [s for s in merged if s.mention is not None]


def _choose(words: list[str], mentions: list[Mention], lo: int, hi: int, ranker: Any) -> Mention | None:
    best, cands = _best(mentions, lo, hi, words)
    if ranker is not None:
        best = ranker.rerank(" ".join(words[lo:hi]), best, cands, lo, hi, words)
    if best is None or best.score < CONFIDENCE_THRESHOLD:
        return None
    return best


def _relate(segments: list[Segment], objects: list[ObjectSpec]) -> None:
    for i, seg in enumerate(segments):
        if i == 0 or seg.relation is None:
            continue
        if seg.direction == "forward":
            # "A on B": A (the previous object) is placed relative to B (this one)
            if objects[i - 1].relation is None or (objects[i - 1].relation.get("target") is None and \
                    objects[i - 1].relation.get("type") != "stack"):
                objects[i - 1].relation = {"type": seg.relation, "target": i}
            elif objects[i - 1].relation.get("type") == "stack":
                objects[i - 1].relation = {"type": seg.relation, "target": i}
                objects[i - 1].notes.append("stacked copies are placed as a group")
        else:
            anchor = _anchor_of(objects, i - 1)
            objects[i].relation = {"type": seg.relation, "target": anchor}


def _anchor_of(objects: list[ObjectSpec], i: int) -> int:
    """The object that ``i`` hangs off ("a mug on a table and a vase": the vase goes with the table)."""
    seen = set()
    while objects[i].relation and objects[i].relation.get("target") is not None and i not in seen:
        seen.add(i)
        if objects[i].relation["type"] in ("on", "in", "under"):
            break
        i = objects[i].relation["target"]
    return i
