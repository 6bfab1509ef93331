"""Numbers, counts and lengths with units in prompt words.

Lengths come back in meters (SI, as every generator parameter). Accepted units: mm, cm, m, km-free
(nothing here is that big), in / inch / ``"``, ft / foot / feet / ``'``, yd. ISO metric thread
designations (``M8``, ``M8x40``) give a nominal diameter (and length) in millimetres (ISO 261).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "single": 1, "pair": 2, "couple": 2, "trio": 3, "half": 0,
}
_TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}

#: unit word -> meters per unit
UNITS: dict[str, float] = {
    "mm": 0.001, "millimeter": 0.001, "millimetre": 0.001, "millimeters": 0.001, "millimetres": 0.001,
    "cm": 0.01, "centimeter": 0.01, "centimetre": 0.01, "centimeters": 0.01, "centimetres": 0.01,
    "m": 1.0, "meter": 1.0, "metre": 1.0, "meters": 1.0, "metres": 1.0, "mtr": 1.0,
    "in": 0.0254, "inch": 0.0254, "inches": 0.0254, '"': 0.0254, "”": 0.0254, "″": 0.0254,
    "ft": 0.3048, "foot": 0.3048, "feet": 0.3048, "'": 0.3048, "′": 0.3048, "’": 0.3048,
    "yd": 0.9144, "yard": 0.9144, "yards": 0.9144,
}

#: dimension words -> the dimension they name
DIMENSION_WORDS: dict[str, str] = {
    "tall": "height", "high": "height", "height": "height", "heigh": "height",
    "long": "length", "length": "length", "len": "length",
    "wide": "width", "width": "width", "broad": "width", "across": "diameter",
    "deep": "depth", "depth": "depth",
    "diameter": "diameter", "dia": "diameter", "diam": "diameter", "radius": "radius",
    "thick": "thickness", "thickness": "thickness",
}

_NUM = re.compile(r"^\d+(?:[.,]\d+)?$")
_FRACTION = re.compile(r"^(\d+)/(\d+)$")
_THREAD = re.compile(r"^m(\d+(?:\.\d+)?)(?:x(\d+(?:\.\d+)?))?$")


def number_at(words: list[str], i: int) -> tuple[float, int] | None:
    """The number starting at ``words[i]``: digits (``1.2``, ``1,5``, ``3/4``, ``1 1/2``) or number
    words (``twelve``, ``twenty four``, ``a dozen``). Returns ``(value, words used)`` or None."""
    if i >= len(words):
        return None
    w = words[i]
    if _NUM.match(w):
        value = float(w.replace(",", "."))
        if i + 1 < len(words) and (f := _FRACTION.match(words[i + 1])) and int(f.group(2)):
            return value + int(f.group(1)) / int(f.group(2)), 2
        return value, 1
    if (f := _FRACTION.match(w)) and int(f.group(2)):
        return int(f.group(1)) / int(f.group(2)), 1
    if w in ("a", "an") and i + 1 < len(words) and words[i + 1] in ("dozen", "pair", "couple", "trio"):
        return float(NUMBER_WORDS[words[i + 1]]), 2
    if w in NUMBER_WORDS and w != "half":
        value = float(NUMBER_WORDS[w])
        if w in _TENS and i + 1 < len(words) and words[i + 1] in NUMBER_WORDS and NUMBER_WORDS[words[i + 1]] < 10:
            return value + NUMBER_WORDS[words[i + 1]], 2
        return value, 1
    return None


@dataclass(frozen=True)
class Length:
    """A length read from text.

    Attributes:
        meters: the value in meters.
        dimension: ``height``, ``length``, ``width``, ``depth``, ``diameter``, ``radius``, ``thickness``
            or None when the text did not say which.
        start, end: word span ``[start, end)`` it was read from.
        text: the words as written.
    """

    meters: float
    dimension: str | None
    start: int
    end: int
    text: str


_NOT_INCH_NEXT = {"a", "an", "the", "red", "oak", "my", "our", "his", "her", "their", "it", "this", "that"}


def length_at(words: list[str], i: int, stop_words: frozenset[str] | set[str] = frozenset()) -> Length | None:
    """A length at ``words[i]``: number + unit (+ optional dimension word), ``6 foot tall``,
    ``40 mm long``, ``1.2 m wide``, ``3 ft x 2 ft`` (first only), ``M8``. ``in`` counts as inches only
    when it cannot be the preposition (it is followed by a dimension word, the end, or a non-word).
    ``stop_words``: words after ``in`` that make it a preposition ("in oak", "in red")."""
    if i < len(words) and (t := _THREAD.match(words[i])):
        return Length(float(t.group(1)) / 1000.0, "thread", i, i + 1, words[i])
    num = number_at(words, i)
    if num is None:
        return None
    value, n = num
    j = i + n
    if j >= len(words) or words[j] not in UNITS:
        return None
    unit = words[j]
    if unit == "in":
        nxt = words[j + 1] if j + 1 < len(words) else None
        if nxt is not None and nxt not in DIMENSION_WORDS and (nxt in stop_words or nxt in _NOT_INCH_NEXT
                                                                 or nxt in UNITS or (nxt.isalpha() and nxt in stop_words)):
            return None
        if i > 0 and words[i - 1] == "for":
            return None
    meters = value * UNITS[unit]
    j += 1
    # 6 ft 2 in / 6'2"
    if unit in ("ft", "foot", "feet", "'", "′", "’") and (more := number_at(words, j)) and j + more[1] < len(words) \
            and words[j + more[1]] in ("in", "inch", "inches", '"', "”", "″"):
        meters += more[0] * 0.0254
        j += more[1] + 1
    dimension = None
    start = i
    k = j
    if k < len(words) and words[k] in ("in", "of"):
        k += 1
    if k < len(words) and words[k] in DIMENSION_WORDS:
        dimension = DIMENSION_WORDS[words[k]]
        j = k + 1
    elif i >= 1 and words[i - 1] in DIMENSION_WORDS:
        dimension, start = DIMENSION_WORDS[words[i - 1]], i - 1
    elif i >= 2 and words[i - 1] in ("of", "is", "about", "around", "approximately", "roughly") \
            and words[i - 2] in DIMENSION_WORDS:
        dimension, start = DIMENSION_WORDS[words[i - 2]], i - 2
    return Length(meters, dimension, start, j, " ".join(words[start:j]))


def thread_at(word: str) -> tuple[float, float | None] | None:
    """ISO metric thread ``M8`` / ``M8x40`` -> (nominal diameter m, length m or None)."""
    t = _THREAD.match(word)
    if not t:
        return None
    return float(t.group(1)) / 1000.0, (float(t.group(2)) / 1000.0 if t.group(2) else None)
