"""Words and the catalog's vocabulary: tokenizing, plural folding, spelling correction and finding the
phrases that name a generator.

Everything about generators is read from the registry at run time (ids, display names, synonyms,
descriptions, parameter and slot words). The only built-in knowledge is general English: stop words,
irregular plurals and a small table of broad terms ("furniture", "lamp", "vessel") that point to
generators which exist in the catalog.

Spelling correction uses the optimal string alignment distance (Damerau-Levenshtein with adjacent
transpositions, Damerau 1964) against the known vocabulary, so "chiar" reads as "chair".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

ARTICLES = frozenset({"a", "an", "the", "some", "any"})

STOP_WORDS = frozenset({
    ",",
    "a", "an", "the", "of", "and", "or", "for", "to", "with", "without", "in", "on", "at", "by", "from",
    "some", "one", "my", "me", "i", "we", "us", "our", "you", "your", "it", "its", "this", "that", "these",
    "those", "is", "are", "be", "been", "being", "was", "were", "has", "have", "having", "had", "please",
    "make", "made", "create", "build", "generate", "render", "model", "draw", "give", "want", "need", "would",
    "like", "could", "can", "should", "just", "very", "really", "quite", "so", "too", "also", "kind",
    "sort", "type", "style", "styled", "looking", "look", "looks", "shaped", "shape", "thing", "object",
    "item", "piece", "d", "asset", "3d", "as", "which", "who", "into", "onto", "out", "up", "down",
    "about", "around", "approximately", "roughly", "nearly", "almost", "exactly", "each", "every", "all",
    "both", "either", "not", "no", "but", "than", "then", "there", "here", "x", "per", "it's",
    "them", "they", "their", "his", "her", "him", "she", "he", "simple", "nice", "cool", "pretty",
    "beautiful", "lovely", "cute", "detailed", "design", "version", "game", "ready", "quality", "high",
    "top", "set", "new", "something", "anything", "let", "lets", "show", "get", "put", "place", "placed",
    "standing", "sitting", "lying", "resting", "sits", "stands", "rests", "using", "use", "inside", "outside",
    "feature", "features", "featuring", "including", "includes", "plus", "extra", "super",
})

#: Broad English terms -> generator ids they usually mean, most likely first. Only ids present in the
#: catalog are used; these are hypernyms, never the narrow kinds a generator's own synonyms cover.
HYPERNYMS: dict[str, tuple[str, ...]] = {
    "furniture": ("chair", "table", "sofa", "cabinet"),
    "seat": ("chair", "stool", "bench", "sofa"),
    "seating": ("chair", "bench", "sofa"),
    "lamp": ("table_lamp", "floor_lamp"),
    "light": ("table_lamp", "floor_lamp", "lantern"),
    "vessel": ("vase", "jar", "bottle", "boat"),
    "container": ("jar", "cardboard_box", "bucket", "basket", "crate"),
    "storage": ("cabinet", "bookshelf", "crate"),
    "dish": ("plate", "bowl"),
    "dishware": ("plate", "bowl", "mug"),
    "tableware": ("plate", "bowl", "mug", "fork"),
    "cutlery": ("fork", "spoon", "table_knife"),
    "silverware": ("fork", "spoon", "table_knife"),
    "utensil": ("spoon", "fork", "table_knife"),
    "cookware": ("cooking_pot", "frying_pan"),
    "drinkware": ("mug", "wine_glass", "bottle"),
    "weapon": ("sword", "axe", "shield"),
    "blade": ("sword", "table_knife", "axe"),
    "building": ("house", "tower"),
    "structure": ("house", "tower", "bridge", "pergola"),
    "plant": ("potted_plant", "bush", "flower", "tree"),
    "houseplant": ("potted_plant",),
    "vegetation": ("bush", "tree"),
    "vehicle": ("car", "truck", "boat", "bicycle"),
    "bird": ("duck", "chicken", "owl", "penguin", "flamingo"),
    "insect": ("bee", "ladybug", "butterfly"),
    "bug": ("ladybug", "bee"),
    "reptile": ("lizard", "snake", "turtle"),
    "amphibian": ("frog",),
    "animal": ("dog", "cat", "horse"),
    "pet": ("dog", "cat", "rabbit"),
    "creature": ("dog", "cat"),
    "fruit": ("apple", "pear", "banana", "orange"),
    "vegetable": ("carrot",),
    "dessert": ("cake", "cupcake", "donut", "ice_cream_cone"),
    "sweet": ("cake", "cupcake", "donut"),
    "pastry": ("donut", "cake", "cupcake"),
    "food": ("apple", "burger", "pizza"),
    "snack": ("donut", "apple", "burger"),
    "instrument": ("guitar", "piano", "drum"),
    "tool": ("hammer", "wrench", "screwdriver", "shovel"),
    "toy": ("teddy_bear", "ball", "dice"),
    "gear": ("spur_gear",),
    "fastener": ("hex_bolt", "hex_nut", "washer"),
    "fitting": ("pipe_elbow", "pipe_tee", "flange"),
    "gadget": ("smartphone", "headphones"),
    "device": ("smartphone", "laptop"),
    "electronics": ("smartphone", "laptop", "television"),
    "screen": ("monitor", "television"),
    "display": ("monitor", "television"),
    "clothing": ("hat", "shoe"),
    "accessory": ("handbag", "wristwatch", "glasses", "hat"),
    "footwear": ("shoe",),
    "headwear": ("hat",),
    "figure": ("humanoid",),
    "character": ("humanoid",),
    "person": ("humanoid",),
    "human": ("humanoid",),
    "man": ("humanoid",),
    "woman": ("humanoid",),
    "statue": ("humanoid",),
    "decoration": ("vase", "candle", "picture_frame"),
    "ornament": ("vase",),
    "prop": ("barrel", "crate"),
    "landscape": ("terrain",),
    "ground": ("terrain",),
    "boulder": ("rock",),
    # words several generators list as a synonym: the usual meaning first
    "bag": ("handbag", "shopping_bag"),
    "box": ("cardboard_box", "crate"),
    "chest": ("treasure_chest", "dresser"),
    "flask": ("bottle", "potion"),
    "carton": ("milk_carton", "cardboard_box"),
    "crag": ("cliff", "rock"),
    "timepiece": ("wristwatch", "wall_clock"),
}

IRREGULAR_PLURALS: dict[str, str] = {
    "teeth": "tooth", "feet": "foot", "mice": "mouse", "geese": "goose", "men": "man", "women": "woman",
    "children": "child", "people": "person", "knives": "knife", "leaves": "leaf", "shelves": "shelf",
    "wolves": "wolf", "loaves": "loaf", "halves": "half", "calves": "calf", "lives": "life", "wives": "wife",
    "scarves": "scarf", "hooves": "hoof", "elves": "elf", "dwarves": "dwarf", "cacti": "cactus",
    "fungi": "fungus", "potatoes": "potato", "tomatoes": "tomato", "heroes": "hero", "oxen": "ox",
    "dominoes": "domino", "mangoes": "mango", "volcanoes": "volcano", "echoes": "echo", "torpedoes": "torpedo",
    "buses": "bus", "gasses": "gas", "quizzes": "quiz", "indices": "index", "matrices": "matrix",
    "vertices": "vertex", "axes": "axe", "cookies": "cookie", "pies": "pie", "ties": "tie", "movies": "movie",
    "lies": "lie", "dies": "die", "hippies": "hippie", "brownies": "brownie", "zombies": "zombie",
    "calories": "calorie", "birdies": "birdie", "smoothies": "smoothie", "goalies": "goalie",
    "purses": "purse", "horses": "horse", "houses": "house", "vases": "vase", "cases": "case",
    "bases": "base", "roses": "rose", "noses": "nose", "hoses": "hose", "nurses": "nurse", "boxes": "box",
    "foxes": "fox", "sixes": "six", "canvases": "canvas", "lenses": "lens", "glasses": "glass",
    "crosses": "cross", "dresses": "dress", "bosses": "boss", "kisses": "kiss", "drums": "drum",
    "valves": "valve", "curves": "curve", "olives": "olive", "gloves": "glove", "stoves": "stove",
    "sleeves": "sleeve", "grooves": "groove", "eaves": "eave", "waves": "wave", "caves": "cave",
}


def _content_word(word: str) -> bool:
    return word.isalpha() and len(word) > 2 and word not in STOP_WORDS


_NO_SINGULAR_ENDINGS = ("ss", "us", "is", "ous", "ics", "ness", "sis")


def singular(word: str) -> str:
    """English singular of a (lowercase) word; words that are not plural come back unchanged."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if len(word) <= 3 or not word.isalpha() or word.endswith(_NO_SINGULAR_ENDINGS):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ves"):
        return word[:-3] + "f"
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


_TOKEN = re.compile(r"#[0-9a-f]{6}\b|#[0-9a-f]{3}\b|m\d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)?\b|\d+(?:[.,]\d+)?(?:/\d+)?"
                    r"|[a-z]+(?:'[a-z]+)?|[\"”″'′’]|[,;]")


def tokenize(text: str) -> list[str]:
    """Lowercase words, numbers, hex colors, thread sizes (``m8``) and inch/foot marks of ``text``.
    Hyphens and punctuation separate words ("low-poly" -> ``low``, ``poly``); "3D" is dropped. Commas and
    semicolons stay as ``,`` tokens (a stop word) so names and numbers never run across them ("a spur gear,
    module 2, 24 teeth")."""
    low = text.lower().replace("\u2019s ", " ")
    low = re.sub(r"\b3d\b", " ", low)
    out: list[str] = []
    for tok in _TOKEN.findall(low):
        if tok.endswith("'s"):
            tok = tok[:-2]
        elif "'" in tok and tok[0].isalpha():
            tok = tok.replace("'", "")
        if tok in ("\u2019", "\u2032"):
            tok = "'"
        if tok in ("\u201d", "\u2033"):
            tok = '"'
        if tok == ";":
            tok = ","
        out.append(tok)
    # a quote that closes a quoted phrase ("'fancy'") is not a foot mark: keep marks only after numbers
    return [t for i, t in enumerate(out) if t not in ("'", '"') or (i > 0 and out[i - 1][:1].isdigit())]


def osa_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance of ``a`` and ``b`` (``limit + 1`` as soon as it exceeds ``limit``)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


# ---------------------------------------------------------------------------------------- catalog index
#: weights of the ways a phrase can name a generator
WEIGHTS = {"id": 1.0, "name": 1.0, "synonym": 0.95, "joined": 0.93, "hypernym": 0.74, "head": 0.72,
           "prefix": 0.6}
#: weight of a plural phrase matched by the singular ("glasses" read from "glass")
PLURAL_MISMATCH = 0.8


@dataclass(frozen=True)
class Entry:
    """One way a phrase names a generator."""

    gid: str
    weight: float
    kind: str
    raw: tuple[str, ...]


@dataclass(frozen=True)
class Mention:
    """A span of prompt words that names a generator.

    Attributes:
        gid: generator id.
        start, end: word span ``[start, end)``.
        score: 0..1 (phrase weight times spelling-correction penalty).
        kind: how it matched (``id``, ``name``, ``synonym``, ``hypernym``, ``head``, ...).
        phrase: the catalog phrase.
    """

    gid: str
    start: int
    end: int
    score: float
    kind: str
    phrase: str


@dataclass
class Lexicon:
    """The catalog's vocabulary, built once per catalog (see :func:`lexicon_for`)."""

    phrases: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    description: dict[str, set[str]] = field(default_factory=dict)
    vocab: set[str] = field(default_factory=set)
    object_vocab: set[str] = field(default_factory=set)
    max_len: int = 1
    gids: tuple[str, ...] = ()
    similar_cache: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)

    def _add(self, words: Iterable[str], gid: str, kind: str) -> None:
        raw = tuple(w for w in words if w)
        if not raw:
            return
        key = tuple(singular(w) for w in raw)
        weight = WEIGHTS[kind]
        bucket = self.phrases.setdefault(key, [])
        for i, e in enumerate(bucket):
            if e.gid == gid:
                if weight > e.weight:
                    bucket[i] = Entry(gid, weight, kind, raw)
                return
        bucket.append(Entry(gid, weight, kind, raw))
        self.max_len = max(self.max_len, len(key))
        self.object_vocab.update(raw)
        self.object_vocab.update(key)

    @classmethod
    def build(cls, generators: Mapping[str, type], extra_vocab: Iterable[str] = ()) -> Lexicon:
        lex = cls(gids=tuple(generators))
        full: list[tuple[tuple[str, ...], str, str]] = []
        for gid, gen in generators.items():
            names = [(tokenize(gid.replace("_", " ")), "id"), (tokenize(gen.name), "name")]
            names += [(tokenize(s), "synonym") for s in getattr(gen, "synonyms", ())]
            for words, kind in names:
                lex._add(words, gid, kind)
                full.append((tuple(words), gid, kind))
                if len(words) > 1:
                    lex._add(["".join(words)], gid, "joined")
            for word in tokenize(getattr(gen, "description", "")):
                if word.isalpha() and len(word) > 2 and word not in STOP_WORDS:
                    lex.description.setdefault(singular(word), set()).add(gid)
        exact = set(lex.phrases)
        # the head noun of a compound name ("lamp" of "table lamp") and its modifier part
        # ("cheese" of "cheese wedge") name it too, weaker, unless they name something on their own
        heads: dict[str, set[str]] = {}
        prefixes: dict[tuple[str, ...], set[str]] = {}
        for words, gid, kind in full:
            if len(words) > 1 and kind in ("id", "name", "synonym"):
                heads.setdefault(words[-1], set()).add(gid)
                if kind in ("id", "name"):
                    prefixes.setdefault(tuple(words[:-1]), set()).add(gid)
        for head, gids in heads.items():
            if (singular(head),) in exact or not _content_word(head):
                continue  # "12" of "d12" or "of" of "bag of chips" names nothing
            for gid in gids:
                lex._add([head], gid, "head")
        for prefix, gids in prefixes.items():
            if tuple(singular(w) for w in prefix) in exact or not any(_content_word(w) for w in prefix):
                continue
            for gid in gids:
                lex._add(prefix, gid, "prefix")
        for word, gids in HYPERNYMS.items():
            present = [g for g in gids if g in generators]
            if (singular(word),) in exact:
                continue
            for rank, gid in enumerate(present):
                key = (singular(word),)
                bucket = lex.phrases.setdefault(key, [])
                if not any(e.gid == gid for e in bucket):
                    bucket.append(Entry(gid, round(WEIGHTS["hypernym"] - 0.04 * rank, 3), "hypernym", (word,)))
                lex.object_vocab.add(word)
        lex._break_ties()
        # shared heads and hypernyms are ambiguous: keep them below an unambiguous name
        for bucket in lex.phrases.values():
            if len(bucket) > 1 and all(e.kind in ("head", "prefix") for e in bucket):
                for i, e in enumerate(bucket):
                    bucket[i] = Entry(e.gid, round(e.weight - 0.08, 3), e.kind, e.raw)
        lex.vocab = set(lex.object_vocab) | set(extra_vocab) | set(STOP_WORDS)
        return lex

    def _break_ties(self) -> None:
        """Order generators that share a name or synonym at the same weight ("lamp": table lamp and
        lantern; "bag": handbag and shopping bag), so a prompt never resolves by registration order.
        The broad-word table's order decides first, then a generator whose own id ends with the phrase
        (its head noun); the runners-up are kept 0.01 apart, below the winner."""
        for key, bucket in self.phrases.items():
            top = max(e.weight for e in bucket)
            tied = [e for e in bucket if e.weight == top and e.kind in ("id", "name", "synonym", "joined")]
            if len(tied) < 2:
                continue
            order = HYPERNYMS.get(key[0], ()) if len(key) == 1 else ()

            def rank(e: Entry, order: tuple[str, ...] = order, key: tuple[str, ...] = key) -> tuple[int, int]:
                own = tuple(singular(w) for w in tokenize(e.gid.replace("_", " ")))
                return (order.index(e.gid) if e.gid in order else len(order),
                        0 if own[-len(key):] == key else 1)

            ranked = sorted(tied, key=rank)
            for n, e in enumerate(ranked[1:], start=1):
                bucket[bucket.index(e)] = Entry(e.gid, round(e.weight - 0.01 * n, 3), e.kind, e.raw)

    # ------------------------------------------------------------------ spelling
    def correct(self, word: str) -> tuple[str, float]:
        """``(word, 1.0)`` when known; else the closest vocabulary word and a penalty (0.9 for one edit,
        0.8 for two); unknown words without a close neighbour come back unchanged with 1.0."""
        if word in self.vocab or singular(word) in self.vocab or not word.isalpha() or len(word) < 4:
            return word, 1.0
        limit = 1 if len(word) <= 6 else 2
        best: tuple[int, float, str] | None = None
        for cand in self.vocab:
            # typos rarely touch the first letter; requiring it keeps real words from becoming names
            if len(cand) < 3 or abs(len(cand) - len(word)) > limit or not cand.isalpha() or cand[0] != word[0]:
                continue
            d = osa_distance(word, cand, limit)
            if d > limit:
                continue
            ratio = difflib.SequenceMatcher(None, word, cand).ratio() + (0.05 if cand in self.object_vocab else 0)
            key = (d, -ratio, cand)
            if best is None or key < (best[0], -best[1], best[2]):
                best = (d, ratio, cand)
        if best is None:
            return word, 1.0
        return best[2], 0.9 if best[0] == 1 else 0.8

    # ------------------------------------------------------------------ matching
    def mentions(self, words: list[str], penalties: list[float] | None = None) -> list[Mention]:
        """Every span of ``words`` (already spelling-corrected) that names a generator."""
        penalties = penalties or [1.0] * len(words)
        norm = [singular(w) for w in words]
        out: list[Mention] = []
        for n in range(min(self.max_len, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                key = tuple(norm[i:i + n])
                penalty = min(penalties[i:i + n])
                for e in self.phrases.get(key, ()):
                    w = e.weight
                    if tuple(words[i:i + n]) != e.raw and any(
                            r != t and singular(r) == t for r, t in zip(e.raw, words[i:i + n], strict=True)):
                        w *= PLURAL_MISMATCH  # the catalog's phrase is plural, the text is singular
                    out.append(Mention(e.gid, i, i + n, round(w * penalty, 3), e.kind, " ".join(e.raw)))
        for i in range(len(words) - 1):  # "tea pot" for "teapot"
            key = (singular(words[i] + words[i + 1]),)
            for e in self.phrases.get(key, ()):
                if e.kind in ("id", "name", "synonym"):
                    w = e.weight * 0.93 * min(penalties[i:i + 2])
                    out.append(Mention(e.gid, i, i + 2, round(w, 3), "joined", " ".join(e.raw)))
        return out

    def description_scores(self, words: Iterable[str]) -> dict[str, float]:
        """Weak evidence from description words: 0.4 / sqrt(number of generators sharing the word)."""
        scores: dict[str, float] = {}
        for w in words:
            gids = self.description.get(singular(w), ())
            for gid in gids:
                s = 0.4 / (len(gids) ** 0.5)
                scores[gid] = max(scores.get(gid, 0.0), round(s, 3))
        return scores

    def _similar(self, word: str) -> dict[str, float]:
        """generator id -> best spelling similarity of ``word`` to its phrases times the phrase weight
        (cached per word: prompts share most of their words)."""
        hit = self.similar_cache.get(word)
        if hit is not None:
            return hit
        out: dict[str, float] = {}
        sm = difflib.SequenceMatcher(None, "", word)
        for key, entries in self.phrases.items():
            sm.set_seq1(" ".join(key))  # the word is seq2, whose index difflib caches
            if sm.real_quick_ratio() < 0.5 or sm.quick_ratio() < 0.5:
                continue
            r = sm.ratio()
            if r < 0.5:
                continue
            for e in entries:
                if r * e.weight > out.get(e.gid, 0.0):
                    out[e.gid] = r * e.weight
        if len(self.similar_cache) > 4096:
            self.similar_cache.clear()
        self.similar_cache[word] = out
        return out

    def nearest(self, words: list[str], limit: int = 5) -> list[tuple[str, float]]:
        """The ``limit`` generators closest to ``words`` (spelling similarity of content words to every
        name and synonym, and description overlap), score 0..1, best first."""
        content = [w for w in words if w.isalpha() and w not in STOP_WORDS and len(w) > 2]
        scores: dict[str, float] = dict.fromkeys(self.gids, 0.0)
        for w in dict.fromkeys(singular(w) for w in content):
            for gid, s in self._similar(w).items():
                if s > scores[gid]:
                    scores[gid] = s
        for gid, s in self.description_scores(content).items():
            scores[gid] = max(scores.get(gid, 0.0), s)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        return [(g, round(s, 3)) for g, s in ranked]


_CACHE: dict[tuple, Lexicon] = {}


def lexicon_for(generators: Mapping[str, type], extra_vocab: Iterable[str] = ()) -> Lexicon:
    """The lexicon of a catalog, cached by its ids (a catalog that grows gets a new one)."""
    key = tuple(generators)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = Lexicon.build(generators, extra_vocab)
    return _CACHE[key]
