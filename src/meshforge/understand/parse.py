"""Reading one object's attributes from its words and routing them to the generator's schema.

Input: the words of one object phrase (already tokenized and spelling-corrected), the span that named
the generator, and the generator class. Output: an :class:`ObjectSpec` with parameters (validated
against the schema: out-of-range values are clamped with a note), material overrides per slot, edits
(``scale``, ``simplify``) and the indices of the words that were used. Every routing decision reads the
generator's own schema: parameter names and ``words``, choices, slot names and slot ``words``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from meshforge.understand import vocabulary as voc
from meshforge.understand.colors import match_color
from meshforge.understand.colors import phrases as color_phrases
from meshforge.understand.lexicon import ARTICLES, STOP_WORDS, singular
from meshforge.understand.units import DIMENSION_WORDS, Length, length_at, number_at, thread_at

#: edit appended for "low-poly" (the ``simplify`` op lives with the other edit ops in core.recipe)
LOW_POLY_EDIT = {"op": "simplify", "ratio": 0.15, "flat": True}


@dataclass
class ObjectSpec:
    """One object understood from the text.

    Attributes:
        generator: generator id.
        confidence: 0..1.
        alternatives: other candidates ``(generator, score)``, best first.
        params: parameter values (schema units: meters, degrees, counts).
        materials: slot -> ``{preset, color, finish, pattern, wear}`` (only keys the text set).
        edits: edit ops (``scale``, ``simplify``) appended after building.
        count: how many copies.
        relation: ``{"type": "on" | "in" | "next_to" | "around" | "under" | "stack" | "with" | "behind" |
            "in_front", "target": index}`` or None for an anchor.
        matched: the words that named the generator.
        style: style words recognised (``rustic``, ``low_poly``).
        notes: how ambiguous or out-of-range words were handled.
    """

    generator: str
    confidence: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    materials: dict[str, dict[str, Any]] = field(default_factory=dict)
    edits: list[dict[str, Any]] = field(default_factory=list)
    count: int = 1
    relation: dict[str, Any] | None = None
    matched: str = ""
    style: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "generator": self.generator,
            "confidence": round(self.confidence, 3),
            "alternatives": [{"generator": g, "score": round(s, 3)} for g, s in self.alternatives],
            "params": self.params,
            "materials": self.materials,
            "edits": self.edits,
            "count": self.count,
            "relation": self.relation,
            "matched": self.matched,
            "style": self.style,
            "notes": self.notes,
        }


# ---------------------------------------------------------------------------------------- schema views
def _words_of(phrase: str) -> tuple[str, ...]:
    from meshforge.understand.lexicon import tokenize

    return tuple(singular(w) for w in tokenize(phrase) if w not in ARTICLES)


@lru_cache(maxsize=4096)
def _nouns(param: Any) -> frozenset[str]:
    """Nouns that name a parameter: its name's words and the content words of its ``words``."""
    out = {singular(w) for w in param.name.split("_") if w not in ("num", "count", "number", "n", "has", "is")}
    for phrase in param.words:
        for w in _words_of(phrase):
            if w not in voc.FUNCTION_WORDS and w not in voc.NEGATIONS and not w.isdigit() \
                    and w not in voc.POSITIVE and w not in voc.NEGATIVE:
                from meshforge.understand.units import NUMBER_WORDS

                if w not in NUMBER_WORDS:
                    out.add(w)
    extra: set[str] = set()
    for n in out:
        extra.update(voc.COUNT_SYNONYMS.get(n, ()))
    return frozenset(out | {singular(e) for e in extra})


def _slot_words(gen: Any) -> list[tuple[tuple[str, ...], str]]:
    """(phrase words, slot name), longest phrases first."""
    out: list[tuple[tuple[str, ...], str]] = []
    for slot in gen.slots:
        for phrase in {slot.name.replace("_", " "), *slot.words}:
            words = _words_of(phrase)
            if words:
                out.append((words, slot.name))
    return sorted(out, key=lambda t: -len(t[0]))


def _param_phrases(gen: Any) -> list[tuple[tuple[str, ...], Any, str]]:
    """(phrase words without articles, param, phrase), longest first."""
    out = []
    for p in gen.params:
        for phrase in p.words:
            words = _words_of(phrase)
            if words:
                out.append((words, p, phrase))
    return sorted(out, key=lambda t: -len(t[0]))


def _number_in(words: tuple[str, ...], k: int) -> float | None:
    """The number at ``words[k]`` ("two", "12", "half"), else None."""
    if words[k] == "half":
        return 0.5
    hit = number_at(list(words), k)
    return hit[0] if hit else None


# ---------------------------------------------------------------------------------------- the reader
@dataclass
class _Item:
    """An attribute read at a word position, waiting for the part it belongs to."""

    kind: str  # color, material, finish, wear, pattern
    value: str
    start: int
    end: int
    weak: bool = False  # read from inside the generator's name ("glass" of "wine glass"): others win


class ObjectReader:
    """Reads the attributes of one object phrase. Use :meth:`read`.

    Args:
        gen: the generator class.
        words: all prompt words (spelling-corrected).
        span: ``(start, end)`` of this object's phrase in ``words``.
        name_span: ``(start, end)`` of the words that named the generator.
        extents: callable ``params -> (3,) extents`` of a default build (for scale edits); may be None.
    """

    def __init__(self, gen: Any, words: list[str], span: tuple[int, int], name_span: tuple[int, int],
                 extents: Any = None):
        self.gen = gen
        self.words = words
        self.lo, self.hi = span
        self.name_span = name_span
        self.extents = extents
        self.norm = [singular(w) for w in words]
        self.used: set[int] = set(range(*name_span))
        self.params: dict[str, Any] = {}
        self.materials: dict[str, dict[str, Any]] = {}
        self.edits: list[dict[str, Any]] = []
        self.scale = [1.0, 1.0, 1.0]
        self.explicit_scale = False
        self.notes: list[str] = []
        self.style: list[str] = []
        self.count = 1
        self.items: list[_Item] = []
        self.part_at: dict[int, tuple[str, int]] = {}  # word index -> (slot, end)
        self.slot_words = _slot_words(gen)
        self.param_phrases = _param_phrases(gen)
        self.primary = gen.slots[0].name if gen.slots else None
        self._weak_keys: dict[str, set[str]] = {}  # slot -> keys set from the generator's own name

    # ------------------------------------------------------------------ helpers
    def free(self, i: int) -> bool:
        return self.lo <= i < self.hi and i not in self.used

    def use(self, start: int, end: int) -> None:
        self.used.update(range(start, end))

    def set_param(self, p: Any, value: Any, source: str) -> None:
        """Validate ``value`` against ``p``; clamp numbers into range with a note."""
        if p.type in ("float", "int"):
            v = float(value)
            if p.unit == "m" and v > p.max and p.max <= 0.1 and p.min <= v / 1000 <= p.max:
                # small parts are sized in millimetres ("module 2", "M8 x 40"): a bare 2 is 2 mm, not 2 m
                self.notes.append(f"{source!r}: read {v:g} as millimetres for {p.name}")
                v = v / 1000
            if v < p.min or v > p.max:
                clamped = min(max(v, p.min), p.max)
                unit = f" {p.unit}" if p.unit and p.unit not in ("count", "ratio") else ""
                self.notes.append(f"{source!r}: {p.name}={v:g}{unit} is outside {p.min:g}..{p.max:g}; "
                                  f"using {clamped:g}")
                v = clamped
            value = round(v) if p.type == "int" else round(v, 5)
        elif p.type == "choice" and value not in p.choices:
            return
        self.params[p.name] = p.validate(value)

    def phrase_at(self, i: int, phrase: tuple[str, ...]) -> int:
        """End index when ``phrase`` (articles skipped in the text) matches at ``i``, else -1."""
        j = i
        for w in phrase:
            while j < self.hi and self.words[j] in ARTICLES:
                j += 1
            if j >= self.hi or (self.norm[j] != w and self.words[j] != w):
                return -1
            j += 1
        return j

    # ------------------------------------------------------------------ passes
    def read(self) -> None:
        self._parts()
        self._numbers()
        self._attributes()
        self.use(*self.name_span)
        self._styles()
        self._param_words()
        self._toggles()
        self._sizes()
        self._assign_attributes()
        if self.scale != [1.0, 1.0, 1.0] or self.explicit_scale:
            f = [round(s, 4) for s in self.scale]
            self.edits.insert(0, {"op": "scale", "factor": f[0] if len(set(f)) == 1 else f})

    def _parts(self) -> None:
        for i in range(self.lo, self.hi):
            if self.name_span[0] <= i < self.name_span[1]:
                continue
            for phrase, slot in self.slot_words:
                end = self.phrase_at(i, phrase)
                if end > 0 and self.words[i] not in ARTICLES:
                    self.part_at[i] = (slot, end)
                    break

    def _numbers(self) -> None:
        i = self.lo
        stop = voc.all_attribute_words()
        while i < self.hi:
            if i in self.used:
                i += 1
                continue
            t = thread_at(self.words[i])
            if t is not None:
                self._thread(i, *t)
                i += 1
                continue
            ln = length_at(self.words, i, stop_words=stop)
            if ln is not None and ln.end <= self.hi:
                self._length(ln)
                i = ln.end
                continue
            num = number_at(self.words, i)
            if num is not None:
                i = self._count_or_angle(i, *num)
                continue
            i += 1

    def _thread(self, i: int, diameter: float, length: float | None) -> None:
        token = self.words[i]
        label = token.split("x")[0]
        for p in self.gen.params:
            if p.type == "choice" and label in p.choices:
                self.set_param(p, label, token)
                self.use(i, i + 1)
                break
        else:
            for p in self.gen.params:
                if p.type == "float" and p.unit == "m" and any(k in p.name for k in ("diameter", "thread", "size")):
                    self.set_param(p, diameter, token)
                    self.use(i, i + 1)
                    break
        if length is not None and i in self.used:
            p = self._dimension_param("length", i, i + 1)
            if p is not None:
                self.set_param(p, length, token)

    def _dimension_param(self, dim: str, start: int, end: int) -> Any:
        """The float length parameter a dimension names, using nearby nouns ("seat height of 45 cm")."""
        near = {self.norm[k] for k in (start - 2, start - 1, end, end + 1)
                if self.lo <= k < self.hi and self.words[k] not in STOP_WORDS}
        near -= set(DIMENSION_WORDS)
        best, best_score = None, 0.0
        obj = set(self.gen.id.split("_"))
        for p in self.gen.params:
            if p.type != "float" or p.unit != "m":
                continue
            parts = p.name.split("_")
            score = 0.0
            if dim in parts or (dim == "diameter" and "radius" in parts):
                score = 1.0
                others = {singular(x) for x in parts} - {dim}
                if not others:
                    score = 1.5
                elif others & near:
                    score = 2.0
                elif others <= ({"overall", "total", "body", "outer", "main"} | obj):
                    score = 1.4
                else:
                    score = 0.5
            elif near & {singular(x) for x in parts} and dim in ("length", "height") and \
                    any(x in parts for x in ("length", "height", "size")):
                score = 1.2
            if score > best_score:
                best, best_score = p, score
        return best if best_score >= 1.0 else None

    def _length(self, ln: Length) -> None:
        self.use(ln.start, ln.end)
        dim = ln.dimension
        if dim == "radius":
            p = self._dimension_param("radius", ln.start, ln.end)
            if p is not None and "radius" in p.name:
                self.set_param(p, ln.meters, ln.text)
                return
            dim, value = "diameter", ln.meters * 2
        else:
            value = ln.meters
        if dim is not None:
            p = self._dimension_param(dim, ln.start, ln.end)
            if p is None and dim == "diameter":
                p = self._dimension_param("width", ln.start, ln.end) or self._dimension_param("length", ln.start, ln.end)
            if p is None and dim == "width":
                p = self._dimension_param("diameter", ln.start, ln.end)
            if p is None and dim == "length":
                e = self._current_extents()
                if e is not None and e[0] >= e[2]:
                    p = self._dimension_param("width", ln.start, ln.end)
            if p is None and dim == "height":
                p = self._dimension_param("length", ln.start, ln.end) if self._tall_axis() == 1 else None
            if p is not None:
                self.set_param(p, value, ln.text)
                return
            self._scale_to(dim, value, ln.text)
            return
        # no dimension word: a nearby part noun, else the object's largest extent
        p = self._dimension_param("length", ln.start, ln.end)
        if p is not None and p.name != "length":
            self.set_param(p, value, ln.text)
            return
        axis = self._largest_axis()
        dim = {0: "length", 1: "height", 2: "depth"}[axis] if axis is not None else "overall"
        for d in {0: ["length", "width", "diameter"], 1: ["height"], 2: ["depth", "length", "diameter"]}.get(
                axis if axis is not None else 1, ["height"]):
            p = self._dimension_param(d, ln.start, ln.end)
            if p is not None and (p.name == d or (p.name.endswith("_" + d) and p.name.split("_")[0] in
                                  ("overall", "total", "body"))):
                self.set_param(p, value, ln.text)
                return
        self._scale_to("overall", value, ln.text)

    def _current_extents(self) -> Any:
        if self.extents is None:
            return None
        try:
            return self.extents(self.gen.id, dict(self.params))
        except Exception:  # a build that fails here fails again, with a proper message, when built
            return None

    def _largest_axis(self) -> int | None:
        e = self._current_extents()
        if e is None:
            return None
        return int(max(range(3), key=lambda k: e[k]))

    def _tall_axis(self) -> int | None:
        return self._largest_axis()

    def _scale_to(self, dim: str, meters: float, text: str) -> None:
        e = self._current_extents()
        if e is None:
            self.notes.append(f"{text!r}: could not measure {self.gen.id} to scale it")
            return
        axis_extent = {"height": e[1], "length": max(e[0], e[2]), "width": e[0], "depth": e[2],
                       "diameter": max(e[0], e[2]), "thickness": min(e), "overall": max(e)}.get(dim, max(e))
        if axis_extent <= 0:
            return
        f = meters / float(axis_extent) / self.scale[0]
        self.scale = [s * f for s in self.scale]
        self.explicit_scale = True
        self.notes.append(f"{text!r}: no {dim} parameter in {self.gen.id}; scaled the whole object x{f:.3g}")

    def _count_or_angle(self, i: int, value: float, n: int) -> int:
        j = i + n
        if any(len(phrase) > 1 and p.type in ("choice", "bool") and self.phrase_at(i, phrase) > 0
               for phrase, p, _ in self.param_phrases):
            return j  # "two litre": a choice of the generator's own words, read by _param_words
        if j < self.hi and self.words[j] in ("degree", "degrees", "deg", "°"):
            for p in self.gen.params:
                if p.unit == "deg" and p.type == "float":
                    near = {self.norm[k] for k in range(max(self.lo, i - 3), min(self.hi, j + 4))}
                    if near & _nouns(p) or sum(q.unit == "deg" for q in self.gen.params) == 1:
                        self.set_param(p, value, " ".join(self.words[i:j + 1]))
                        self.use(i, j + 1)
                        return j + 1
            return j + 1
        # "N [adjectives] noun": the noun names an int parameter or the object itself
        if i > self.lo and self.words[i - 1] == "for":
            for p in self.gen.params:
                if p.type == "int" and _nouns(p) & {"seat", "person", "people", "guest", "place", "chair"}:
                    self.set_param(p, value, f"for {self.words[i]}")
                    self.use(i - 1, j + (1 if j < self.hi and self.norm[j] in ("person", "people", "guest") else 0))
                    return j
        k = j
        while k < self.hi and k - j <= 3:
            noun = self.norm[k]
            if self.name_span[0] <= k < self.name_span[1]:
                if value >= 1 and value == int(value):
                    self.count = int(value)
                    self.use(i, i + n)
                return j
            for p in self.gen.params:
                if p.type == "int" and noun in _nouns(p):
                    self.set_param(p, value, " ".join(self.words[i:k + 1]))
                    self.use(i, i + n)
                    self.use(k, k + 1)
                    return k + 1
            if self.words[k] in STOP_WORDS and self.words[k] not in ("of",):
                break
            k += 1
        # "module 2", "12 floors" without a noun after: a parameter named just before the number
        if i - 1 >= self.lo and (i - 1) not in self.used:
            prev = self.norm[i - 1]
            for p in self.gen.params:
                if p.type in ("int", "float") and (p.name == prev or (prev in _nouns(p) and p.unit != "m")):
                    self.set_param(p, value, f"{self.words[i - 1]} {self.words[i]}")
                    self.use(i - 1, i + n)
                    return j
        return j

    def _attributes(self) -> None:
        materials = voc.preset_words()
        mat_single = {k for k in materials if " " not in k}
        # attribute words inside the generator's own name still count ("wooden chair", "glass bottle")
        self.used.difference_update(range(*self.name_span))
        named = set(range(*self.name_span))
        i = self.lo
        while i < self.hi:
            if i in self.used or (i in named and not self._attribute_word(i, materials)):
                i += 1
                continue
            if i in named and self._name_modifier(i):
                continue
            hit = self._match_table(i, materials, min_len=2)
            if hit:
                self._add_material(i, *hit)
                i = hit[1]
                continue
            col = match_color(self.words[i:self.hi], 0, mat_single)
            if col is not None:
                hx, n = col
                self.items.append(_Item("color", hx, i, i + n, weak=i in named))
                self.use(i, i + n)
                i += n
                continue
            for table, kind in ((materials, "material"), (voc.FINISHES, "finish"), (voc.WEAR, "wear"),
                                (voc.PATTERNS, "pattern")):
                hit = self._match_table(i, table)
                if hit:
                    if kind == "material":
                        self._add_material(i, *hit)
                    else:
                        self.items.append(_Item(kind, hit[0], i, hit[1], weak=i in named))
                        self.use(i, hit[1])
                    i = hit[1]
                    break
            else:
                i += 1

    def _attribute_word(self, i: int, materials: dict[str, str]) -> bool:
        """Whether word ``i`` of the generator's name is read as an attribute too: a material anywhere
        in the name ("glass bottle", "gold coin"), and a wear, finish or pattern word or a basic color
        term in front of the head noun ("mossy rock", "old key", "glazed donut", "red apple",
        "pink flamingo"; not the "red" of "red wine glass" nor the "cream" of "ice cream cone")."""
        if self._match_table(i, materials) is not None:
            return True
        head = self.name_span[1] - 1
        if i >= head:
            return False
        if any(self._match_table(i, t) for t in (voc.FINISHES, voc.WEAR, voc.PATTERNS)):
            return True
        return i == head - 1 == self.name_span[0] and self.words[i] in voc.BASIC_COLORS

    def _name_modifier(self, i: int) -> bool:
        """Read a wear, finish or pattern word in front of the head of the generator's name (weak, so
        the text's own words win); True when one was read at ``i``."""
        if i >= self.name_span[1] - 1:
            return False
        for table, kind in ((voc.WEAR, "wear"), (voc.FINISHES, "finish"), (voc.PATTERNS, "pattern")):
            hit = self._match_table(i, table)
            if hit and hit[1] <= self.name_span[1] - 1:
                self.items.append(_Item(kind, hit[0], i, hit[1], weak=True))
                self.use(i, hit[1])
                return True
        return False

    def _add_material(self, i: int, value: str, end: int) -> None:
        self.items.append(_Item("material", value, i, end, weak=self.name_span[0] <= i < self.name_span[1]))
        phrase = " ".join(self.words[i:end])
        if phrase.startswith("brushed"):
            self.items.append(_Item("finish", "brushed", i, end))
        self.use(i, end)

    def _match_table(self, i: int, table: dict[str, str], min_len: int = 1) -> tuple[str, int] | None:
        for n in (4, 3, 2, 1):
            if n < min_len or i + n > self.hi or any((k in self.used) for k in range(i, i + n)):
                continue
            phrase = " ".join(self.words[i:i + n])
            if phrase in table:
                return table[phrase], i + n
            nphrase = " ".join(self.norm[i:i + n])
            if nphrase in table:
                return table[nphrase], i + n
        return None

    def _param_words(self) -> None:
        """Phrases from the parameters' own ``words`` ("tall back", "with armrests", "round top").
        A wear word may also switch a part on ("a mossy rock": mossy wear and the moss part)."""
        wear = {k for it in self.items if it.kind == "wear" for k in range(it.start, it.end)}
        # modifiers inside the generator's name choose too ("electric kettle", "pepper shaker")
        named = set(range(*self.name_span))
        head = self.name_span[1] - 1
        for i in range(self.lo, self.hi):
            if (i in self.used and i not in wear and i not in named) or self.words[i] in ARTICLES:
                continue
            for phrase, p, raw in self.param_phrases:
                if p.name in self.params:
                    continue
                end = self.phrase_at(i, phrase)
                shared = wear | named if p.type in ("bool", "choice") else set()
                if end < 0 or any(k in self.used and k not in shared for k in range(i, end)):
                    continue
                if end > i and set(range(i, end)) <= {head} and i in self.used:
                    continue  # the object's own noun is no choice ("a fish": not fish=...)
                if phrase[0] in ("with", "without") and len(phrase) == 1:
                    continue
                strength = self._intensity(i)
                if self._apply_word(p, phrase, raw, strength, i):
                    self.use(i, end)
                    break

    def _intensity(self, i: int) -> float:
        k = i - 1
        s = 1.0
        while k >= self.lo and self.words[k] in voc.INTENSIFIERS:
            s *= voc.INTENSIFIERS[self.words[k]]
            self.used.add(k)
            k -= 1
        return s

    def _apply_word(self, p: Any, phrase: tuple[str, ...], raw: str, strength: float, i: int) -> bool:
        negated = any(w in voc.NEGATIONS for w in phrase) or any(w.endswith("less") and len(w) > 5 for w in phrase)
        k = i - 1
        while k >= self.lo and self.words[k] in ARTICLES:  # "without a cap"
            k -= 1
        if not negated and k >= self.lo and self.words[k] in voc.NEGATIONS:
            negated = True
            self.used.add(k)
        if p.type == "bool":
            if voc.polarity(phrase) < 0:  # "plain", "flat", "empty", "closed lid": the part is off
                negated = not negated
            self.set_param(p, not negated, raw)
            return True
        if p.type == "choice":
            choice = self._choice_for(p, phrase, raw)
            if choice is None:
                return False
            self.set_param(p, choice, raw)
            return True
        if p.type == "int":
            num = [w for w in phrase if number_at([w], 0)]
            if num:
                return False  # "three slats": counts come from the text's own numbers
        direction = voc.polarity(phrase)
        if negated:
            direction = -direction
        self._push(p, direction, 0.5 * strength, raw)
        return True

    def _push(self, p: Any, direction: int, amount: float, source: str) -> None:
        amount = min(amount, 1.0)
        base = self.params.get(p.name, p.default)
        if p.type not in ("float", "int"):
            return
        target = base + amount * ((p.max - base) if direction > 0 else (p.min - base))
        if p.type == "int":
            target = round(target)
        self.set_param(p, target, source)

    @staticmethod
    def _choice_for(p: Any, phrase: tuple[str, ...], raw: str) -> str | None:
        for c in p.choices:
            cw = tuple(singular(x) for x in c.split("_"))
            if all(x in phrase for x in cw):
                return c
        value = next((v for k in range(len(phrase)) if (v := _number_in(phrase, k)) is not None), None)
        if value is not None:  # "two litre" -> "2l", "half litre" -> "0.5l", "d12" -> "12"
            for c in p.choices:
                lead = re.match(r"\d+(?:\.\d+)?", c)
                if lead and abs(float(lead.group()) - value) < 1e-9:
                    return c
        idx = list(p.words).index(raw) if raw in p.words else -1
        if len(p.words) == len(p.choices) and idx >= 0:
            return p.choices[idx]
        best = max(p.choices, key=lambda c: difflib.SequenceMatcher(None, c.replace("_", " "), raw).ratio())
        if difflib.SequenceMatcher(None, best.replace("_", " "), raw).ratio() >= 0.6:
            return best
        return None

    def _styles(self) -> None:
        i = self.lo
        while i < self.hi:
            hit = self._match_table(i, voc.STYLES) if i not in self.used else None
            if not hit:
                i += 1
                continue
            style, end = hit
            if self._style(style, " ".join(self.words[i:end])):
                self.use(i, end)
                self.style.append(style)
            i = end

    def _style(self, style: str, text: str) -> bool:
        # 1. a choice whose value is the style ("modern", "medieval", "cartoon")
        keys = {style, style.replace("_", ""), text.replace(" ", "_"), text.replace(" ", "")}
        for p in self.gen.params:
            if p.type == "choice" and p.name not in self.params:
                for c in p.choices:
                    if c in keys:
                        self.set_param(p, c, text)
                        return True
        # 2. a parameter whose words name it
        for _phrase, p, raw in self.param_phrases:
            if p.name not in self.params and (text in raw.split() or text == raw or style in raw.split()):
                return self._apply_word(p, _words_of(raw), raw, 1.0, -1)
        if style == "low_poly":
            self.edits.append(dict(LOW_POLY_EDIT))
            return True
        if style == "realistic":
            self.notes.append(f"{text!r}: realistic is the default look")
            return True
        fallback = {
            "rustic": ({"wood": None}, {"wear": "weathered"}),
            "medieval": ({"metal": "iron", "wood": None}, {"wear": "worn"}),
            "sci_fi": ({"metal": "brushed_aluminium"}, {"finish": "glossy"}),
            "modern": ({}, {"finish": "satin"}),
            "mid_century": ({"wood": "walnut"}, {}),
            "cartoon": ({}, {"finish": "glossy"}),
            "industrial": ({"metal": "black_metal"}, {"finish": "matte"}),
            "steampunk": ({"metal": "brass"}, {"wear": "worn"}),
            "victorian": ({"wood": "mahogany"}, {"finish": "polished"}),
            "scandinavian": ({"wood": "birch"}, {"finish": "matte"}),
        }.get(style)
        if fallback is None:
            return False
        by_class, primary_keys = fallback
        for slot in self.gen.slots:
            cls = voc.preset_class(slot.default)
            if by_class.get(cls):
                self.materials.setdefault(slot.name, {}).setdefault("preset", by_class[cls])
        if self.primary is not None:
            for k, v in primary_keys.items():
                self.materials.setdefault(self.primary, {}).setdefault(k, v)
        self.notes.append(f"{text!r}: no {style} option in {self.gen.id}; applied it through materials")
        return True

    def _toggles(self) -> None:
        """"with armrests", "without a back", "no handle", "backless", and bare choice values ("oval")."""
        mode: bool | None = None
        for i in range(self.lo, self.hi):
            w = self.words[i]
            if w in voc.AFFIRM:
                mode = True
                continue
            if w in voc.NEGATIONS:
                mode = False
                continue
            if w in (",", "but") or (self.name_span[0] <= i < self.name_span[1]):
                mode = None if w == "but" else mode
                continue
            if i in self.used:
                continue
            noun = self.norm[i]
            value = True if mode is None else mode
            if w.endswith("less") and len(w) > 6:
                noun, value = singular(w[:-4]), False
            elif w.endswith("ed") and len(w) > 5 and w not in voc.all_attribute_words():
                stem = w[:-2]
                noun = stem if any(stem in _nouns(p) for p in self.gen.params if p.type == "bool") else noun
            for p in self.gen.params:
                if p.type == "bool" and p.name not in self.params and (noun in _nouns(p) or noun == p.name):
                    self.set_param(p, value, w)
                    self.use(i, i + 1)
                    break
            else:
                self._bare_choice(i)

    def _bare_choice(self, i: int) -> None:
        w = self.words[i]
        if w in STOP_WORDS or len(w) < 3:
            return
        candidates = [p for p in self.gen.params if p.type == "choice" and p.name not in self.params
                      and any(w == c or singular(w) == c or w == c.replace("_", "") for c in p.choices)]
        if not candidates:
            return
        nxt = self.norm[i + 1] if i + 1 < self.hi else ""
        chosen = next((p for p in candidates if nxt and nxt in _nouns(p)), candidates[0])
        value = next(c for c in chosen.choices if w in (c, c.replace("_", "")) or singular(w) == c)
        self.set_param(chosen, value, w)
        self.use(i, i + 1)

    def _sizes(self) -> None:
        for i in range(self.lo, self.hi):
            w = self.words[i]
            if i in self.used or w not in voc.SIZES:
                continue
            dim, direction, amount = voc.SIZES[w]
            amount *= self._intensity(i)
            self.use(i, i + 1)
            if dim != "overall" and self._size_param(dim, direction, amount, w):
                continue
            factor = 1.0 + direction * min(amount, 0.95) * (0.8 if direction > 0 else 0.6)
            if dim == "overall":
                self.scale = [s * factor for s in self.scale]
            else:
                axis = {"height": 1, "width": 0, "length": 0, "depth": 2, "thickness": 0}[dim]
                if dim in ("width", "thickness"):
                    self.scale[0] *= factor
                    self.scale[2] *= factor
                else:
                    self.scale[axis] *= factor
            self.notes.append(f"{w!r}: no parameter in {self.gen.id} says it; scaled x{factor:.2f}")

    def _size_param(self, dim: str, direction: int, amount: float, word: str) -> bool:
        names = {"height": ("height",), "width": ("width", "diameter"), "length": ("length",),
                 "depth": ("depth",), "thickness": ("thickness",)}[dim]
        for n in names:
            for p in self.gen.params:
                if p.type == "float" and p.name == n and p.name not in self.params:
                    self._push(p, direction, amount, word)
                    return True
        return False

    def _assign_attributes(self) -> None:
        """Attributes go to the part named after them ("walnut legs"), else the part just before them
        ("legs in walnut"), else the primary slot."""
        if not self.items:
            return
        hard = voc.AFFIRM | voc.NEGATIONS | {"but", ","}
        by_start = sorted(self.items, key=lambda it: it.start)
        groups: list[list[_Item]] = []
        current: list[_Item] = []
        for it in by_start:
            if current:
                gap = range(current[-1].end, it.start)
                if any(k in self.part_at or self.words[k] in hard or self._is_noun(k) or
                       self.name_span[0] <= k < self.name_span[1] for k in gap):
                    groups.append(current)
                    current = []
            current.append(it)
        if current:
            groups.append(current)
        groups.sort(key=lambda g: not all(it.weak for it in g))  # names first, so explicit words win
        for group in groups:
            if all(it.weak and it.kind == "material" for it in group):
                slot = self._name_material_slot(group)
                if slot is not None:
                    self._apply_group(slot, group)
                    continue
            slot = self._slot_after(group[-1].end)
            if slot is None:
                slot = self._slot_before(group[0].start)
            if slot is None:
                slot = self.primary
            if slot == "":
                for it in group:
                    self.used.difference_update(range(it.start, it.end))
                continue
            if slot is None:
                self.notes.append(f"{self.gen.id} has no material slots")
                continue
            self._apply_group(slot, group)

    def _material_as_color(self, it: _Item, value: str, slot: Any) -> str | None:
        """The color a material word also names ("golden", "silver", "chocolate") when the slot is a
        living or edible surface the material does not suit; None otherwise."""
        if voc.preset_class(slot.default) not in voc.NATURAL_CLASSES or value in slot.choices \
                or voc.preset_class(value) == voc.preset_class(slot.default):
            return None
        return color_phrases().get(" ".join(self.words[it.start:it.end]))

    def _name_material_slot(self, group: list[_Item]) -> str | None:
        """A material word of the generator's own name that does not suit the primary slot goes to the
        first slot of its class ("glass door": the door's glazing, not its leaf)."""
        if self.primary is None:
            return None
        first = self.gen.slot(self.primary)
        values = [voc.resolve_material(it.value, first.default, first.choices) for it in group]
        if all(voc.name_material_fits(v, first.default, first.choices) for v in values):
            return None
        for slot in self.gen.slots[1:]:
            if all(voc.name_material_fits(v, slot.default, slot.choices) for v in values):
                return slot.name
        return None

    def _is_noun(self, k: int) -> bool:
        return self.lo <= k < self.hi and k not in self.used and self.words[k] not in STOP_WORDS \
            and self.words[k].isalpha()

    def _slot_after(self, end: int) -> str | None:
        """The slot named right after an attribute group; ``""`` when a noun the object does not have
        follows ("a red bow": the color cannot be placed)."""
        k = end
        while k < self.hi and self.words[k] in ARTICLES:
            k += 1
        if k >= self.hi:
            return None
        if k in self.part_at:
            self.use(k, self.part_at[k][1])
            return self.part_at[k][0]
        if self.name_span[0] <= k < self.name_span[1]:
            return self.primary
        if self._is_noun(k):
            nxt = k + 1
            if nxt < self.hi and (nxt in self.part_at or self.name_span[0] <= nxt < self.name_span[1]):
                return self._slot_after(nxt)
            if nxt >= self.hi or self.words[nxt] in STOP_WORDS or not self._is_noun(nxt):
                return ""
        return None

    def _slot_before(self, start: int) -> str | None:
        k = start - 1
        while k >= self.lo and self.words[k] in ("in", "of", "made", "from", "covered", "upholstered", "painted",
                                                 "finished", "colored", "coloured", "is", "are", "all",
                                                 "entirely", "fully", "done", "a", "an", "the"):
            k -= 1
        if k < self.lo or k == start - 1:
            return None
        for pos, (slot, end) in self.part_at.items():
            if pos <= k < end:
                self.use(pos, end)
                return slot
        return None

    def _apply_group(self, slot: str, group: list[_Item]) -> None:
        spec = self.materials.setdefault(slot, {})
        s = self.gen.slot(slot)
        weak = self._weak_keys.setdefault(slot, set())
        for it in group:
            if it.kind in weak and not it.weak:
                spec.pop(it.kind if it.kind != "material" else "preset", None)  # the text's word wins
                weak.discard(it.kind)
            if it.kind == "material":
                value = voc.resolve_material(it.value, s.default, s.choices)
                hue = self._material_as_color(it, value, s)
                if hue is not None:  # "a golden retriever", "a silver cat": fur of that color, not metal
                    spec.setdefault("color", hue)
                    continue
                if it.weak and not voc.name_material_fits(value, s.default, s.choices):
                    continue  # "snowy owl", "pine tree", "china cabinet": a kind, not a material
                if it.weak and it.end == self.name_span[1] and voc.preset_class(value) == voc.preset_class(s.default):
                    continue  # the head noun ("a stone" for a rock): the generator's own stone stays
                spec["preset"] = value
                if it.weak:
                    weak.add("material")
            elif it.kind in spec and it.kind == "color":
                self.notes.append(f"{' '.join(self.words[it.start:it.end])!r}: {slot} already has a color")
                self.used.difference_update(range(it.start, it.end))
            elif it.kind == "wear" and spec.get("wear") == "worn" and it.value != "worn":
                spec["wear"] = it.value  # "old rusty": the specific wear wins over the vague one
            elif it.kind in spec and it.kind != "preset":
                self.notes.append(f"{' '.join(self.words[it.start:it.end])!r}: {slot} already has "
                                  f"{it.kind} {spec[it.kind]}")
            else:
                spec[it.kind] = it.value
                if it.weak:
                    weak.add(it.kind)


def unused_words(words: list[str], used: set[int], lo: int, hi: int, also_used: set[int] = frozenset()
                 ) -> list[str]:
    """Meaningful words in ``[lo, hi)`` that changed nothing (stop words and punctuation are skipped)."""
    return [words[i] for i in range(lo, hi)
            if i not in used and i not in also_used and words[i] not in STOP_WORDS and words[i] not in voc.AFFIRM
            and words[i] not in voc.NEGATIONS and any(c.isalnum() for c in words[i])]
