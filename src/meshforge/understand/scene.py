"""Splitting a prompt into objects and the relations between them.

"a mug on a table", "a lamp next to the bed", "apples in a basket", "four chairs around a table",
"a stack of three crates", "a table with two chairs", "a bowl of apples". A relation word splits the
prompt only when the words on both sides name generators and the right side is not a part or option
of the left object ("a mug on a saucer" and "a cake with candles" stay one object when the mug has a
saucer option and the cake a candles parameter).
"""

from __future__ import annotations

from dataclasses import dataclass

from meshforge.understand.lexicon import Mention, singular

#: relation phrases -> (relation, direction). "forward": the left object is placed relative to the
#: right one ("a mug ON a table"); "backward": the right object is placed relative to the left one
#: ("a table WITH two chairs").
MARKERS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("on", "top", "of"), "on", "forward"), (("sitting", "on"), "on", "forward"),
    (("standing", "on"), "on", "forward"), (("resting", "on"), "on", "forward"),
    (("placed", "on"), "on", "forward"), (("lying", "on"), "on", "forward"), (("on",), "on", "forward"),
    (("atop",), "on", "forward"), (("upon",), "on", "forward"), (("onto",), "on", "forward"),
    (("next", "to"), "next_to", "forward"), (("beside",), "next_to", "forward"),
    (("besides",), "next_to", "forward"), (("alongside",), "next_to", "forward"),
    (("near",), "next_to", "forward"), (("by", "the"), "next_to", "forward"),
    (("in", "front", "of"), "in_front", "forward"), (("behind",), "behind", "forward"),
    (("inside", "of"), "in", "forward"), (("inside",), "in", "forward"), (("within",), "in", "forward"),
    (("into",), "in", "forward"), (("in",), "in", "forward"),
    (("underneath",), "under", "forward"), (("beneath",), "under", "forward"), (("under",), "under", "forward"),
    (("below",), "under", "forward"),
    (("around",), "around", "forward"), (("surrounding",), "around", "forward"),
    (("surrounded", "by"), "around", "backward"),
    (("filled", "with"), "in", "backward"), (("full", "of"), "in", "backward"),
    (("containing",), "in", "backward"), (("holding",), "in", "backward"), (("of",), "in", "backward"),
    (("together", "with"), "with", "backward"), (("along", "with"), "with", "backward"),
    (("with",), "with", "backward"), (("and",), "with", "backward"), (("plus",), "with", "backward"),
)

STACK_WORDS = ("stack", "pile", "heap")


@dataclass
class Segment:
    """Words ``[start, end)`` describing one object, its chosen mention, and how it relates to the
    segment it was split from."""

    start: int
    end: int
    mention: Mention | None = None
    marker: tuple[int, int] | None = None  # the relation words before this segment
    relation: str | None = None
    direction: str | None = None


def find_markers(words: list[str], mentions: list[Mention]) -> list[tuple[int, int, str, str]]:
    """Relation markers ``(start, end, relation, direction)`` outside the generator phrases."""
    inside = {k for m in mentions if m.score >= 0.9 for k in range(m.start, m.end)}
    out: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(words):
        for phrase, relation, direction in MARKERS:
            n = len(phrase)
            if tuple(words[i:i + n]) == phrase and not any(k in inside for k in range(i, i + n)):
                nxt = words[i + n] if i + n < len(words) else ""
                if phrase == ("around",) and (nxt[:1].isdigit() or (nxt in ("a", "an") and i + n + 1 < len(words)
                                               and words[i + n + 1][:1].isdigit())):
                    break  # "around 2 m": about
                if phrase == ("by", "the") and i > 0 and words[i - 1][:1].isdigit():
                    break
                out.append((i, i + n, relation, direction))
                i += n - 1
                break
        i += 1
    return out


def is_part_of(gen: type, mention: Mention, words: list[str], marker_words: list[str]) -> bool:
    """True when the words of ``mention`` (with the marker before them) name a slot, a parameter or a
    parameter phrase of ``gen`` ("a cake with candles", "a mug on a saucer")."""
    from meshforge.understand.parse import _nouns, _words_of

    phrase = [singular(w) for w in words[mention.start:mention.end]]
    head = phrase[-1]
    for slot in gen.slots:
        names = {singular(slot.name)} | {w for s in slot.words for w in _words_of(s)}
        if head in names:
            return True
    for p in gen.params:
        if head in _nouns(p) or head == singular(p.name):
            return True
        for raw in p.words:
            pw = _words_of(raw)
            if head in pw and any(m in pw for m in marker_words):
                return True
    return False


def stack_span(words: list[str], start: int, end: int) -> tuple[int, int] | None:
    """``(i, j)`` of "a stack of" / "a pile of" at the start of a segment."""
    i = start
    while i < end and words[i] in ("a", "an", "the"):
        i += 1
    if i + 1 < end and words[i] in STACK_WORDS and words[i + 1] == "of":
        return start, i + 2
    return None
