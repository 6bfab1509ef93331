"""General-English attribute words: materials, finishes, wear, patterns, styles, sizes and polarity.

Material words map to preset names of :data:`meshforge.materials.PRESETS` (read at run time) or to a
material class (the preset's first tag: ``wood``, ``metal``, ``stone`` ...), which resolves per slot to
the slot's own preset of that class ("wooden" keeps a walnut default walnut).
"""

from __future__ import annotations

from functools import lru_cache

#: words -> preset name, or ``class:TAG:FALLBACK`` (resolve to the slot's preset of that class)
MATERIAL_ALIASES: dict[str, str] = {
    "wood": "class:wood:oak", "wooden": "class:wood:oak", "timber": "class:wood:oak",
    "hardwood": "class:wood:oak", "wood grain": "class:wood:oak", "woodgrain": "class:wood:oak",
    "oaken": "oak", "teak": "oak", "ash": "maple", "beech": "birch", "rosewood": "mahogany",
    "ebony": "walnut", "cedar": "cherry", "spruce": "pine", "fir": "pine", "balsa": "birch",
    "metal": "class:metal:steel", "metallic": "class:metal:steel", "metal frame": "class:metal:steel",
    "aluminium": "brushed_aluminium", "aluminum": "brushed_aluminium", "alu": "brushed_aluminium",
    "stainless": "stainless_steel", "inox": "stainless_steel", "chromed": "chrome", "chrome plated": "chrome",
    "golden": "gold", "gilded": "gold", "gilt": "gold", "silvery": "silver", "coppery": "copper",
    "brazen": "brass", "wrought iron": "black_metal", "iron": "iron", "pewter": "iron", "tin": "steel",
    "titanium": "brushed_aluminium", "zinc": "steel", "rusted iron": "rusty_iron", "powder coated": "black_metal",
    "clay": "terracotta", "earthenware": "terracotta", "pottery": "stoneware", "china": "porcelain",
    "glazed": "ceramic", "stony": "class:stone:stone", "rock": "class:stone:stone", "cement": "concrete",
    "bricks": "brick", "brick built": "brick", "tiled": "tiles", "tile": "tiles", "marbled": "marble",
    "glassy": "glass", "crystalline": "crystal", "transparent": "glass", "see through": "glass",
    "frosted": "frosted_glass", "translucent": "frosted_glass",
    "fabric": "class:fabric:fabric", "cloth": "class:fabric:fabric", "textile": "class:fabric:fabric",
    "cotton": "fabric", "silk": "fabric", "canvas": "fabric", "felt": "wool", "upholstered": "class:fabric:fabric",
    "woolen": "wool", "woollen": "wool", "knitted": "wool", "knit": "wool", "tweed": "wool",
    "velvety": "velvet", "velour": "velvet", "suede": "leather", "leathery": "leather", "faux leather": "leather",
    "jean": "denim", "plastic": "class:plastic:plastic", "plasticky": "plastic", "acrylic": "glossy_plastic",
    "vinyl": "glossy_plastic", "rubbery": "rubber", "papery": "paper", "carton": "cardboard",
    "waxy": "wax", "furry": "fur", "fluffy": "fur", "feathered": "feathers", "feathery": "feathers",
    "scaly": "scales", "glowing": "glow", "luminous": "glow", "glow in the dark": "glow", "emissive": "glow",
    "snowy": "snow", "sandy": "sand", "grassy": "grass", "leafy": "foliage", "chocolatey": "chocolate",
    "creamy": "cream", "ceramics": "ceramic",
}

FINISHES: dict[str, str] = {
    "shiny": "glossy", "glossy": "glossy", "gloss": "glossy", "lacquered": "glossy", "varnished": "glossy",
    "lustrous": "glossy", "high gloss": "glossy", "shining": "glossy", "glazed": "glossy",
    "matte": "matte", "matt": "matte", "flat finish": "matte", "dull": "matte", "unglazed": "matte",
    "satin": "satin", "semi gloss": "satin", "silky": "satin",
    "polished": "polished", "mirror": "polished", "mirrored": "polished",
    "brushed": "brushed",
}

WEAR: dict[str, str] = {
    "worn": "worn", "worn out": "worn", "old": "worn", "used": "worn", "well used": "worn", "vintage": "worn",
    "antique": "worn", "scuffed": "worn", "scratched": "worn", "shabby": "worn",
    "rusty": "rusty", "rusted": "rusty", "rust": "rusty", "corroded": "rusty", "rust covered": "rusty",
    "tarnished": "tarnished", "oxidized": "tarnished", "oxidised": "tarnished",
    "chipped": "chipped", "cracked": "cracked", "broken": "cracked", "crackled": "cracked",
    "dented": "dented", "battered": "dented", "banged up": "dented",
    "mossy": "mossy", "moss covered": "mossy", "overgrown": "mossy", "moss": "mossy",
    "weathered": "weathered", "aged": "weathered", "distressed": "weathered", "ancient": "weathered",
    "sun bleached": "weathered", "weather beaten": "weathered", "decrepit": "weathered", "ruined": "weathered",
}

PATTERNS: dict[str, str] = {
    "striped": "striped", "stripes": "striped", "stripy": "striped", "stripey": "striped",
    "pinstriped": "striped", "stripe": "striped",
    "polka dot": "polka_dot", "polka dots": "polka_dot", "polka dotted": "polka_dot", "dotted": "polka_dot",
    "spotted": "polka_dot", "spotty": "polka_dot", "dots": "polka_dot",
    "checkered": "checkered", "checked": "checkered", "chequered": "checkered", "checkerboard": "checkered",
    "checker": "checkered", "checkers": "checkered",
    "plaid": "plaid", "tartan": "plaid", "gingham": "plaid",
    "floral": "floral", "flowery": "floral", "flowered": "floral", "flower print": "floral",
    "flower patterned": "floral",
}

#: style phrase -> canonical style
STYLES: dict[str, str] = {
    "low poly": "low_poly", "lowpoly": "low_poly", "low polygon": "low_poly", "polygonal": "low_poly",
    "faceted": "low_poly",
    "cartoon": "cartoon", "cartoony": "cartoon", "cartoonish": "cartoon", "toon": "cartoon",
    "stylized": "cartoon", "stylised": "cartoon", "chibi": "cartoon", "kawaii": "cartoon",
    "realistic": "realistic", "photorealistic": "realistic", "lifelike": "realistic", "real": "realistic",
    "modern": "modern", "contemporary": "modern", "minimalist": "modern", "minimal": "modern", "sleek": "modern",
    "mid century": "mid_century", "midcentury": "mid_century", "mid century modern": "mid_century",
    "retro": "mid_century",
    "rustic": "rustic", "farmhouse": "rustic", "country": "rustic", "primitive": "rustic",
    "medieval": "medieval", "fantasy": "medieval", "viking": "medieval", "castle": "medieval",
    "sci fi": "sci_fi", "scifi": "sci_fi", "science fiction": "sci_fi", "futuristic": "sci_fi",
    "cyberpunk": "sci_fi", "space age": "sci_fi",
    "industrial": "industrial", "steampunk": "steampunk", "victorian": "victorian", "gothic": "victorian",
    "baroque": "victorian", "scandinavian": "scandinavian", "nordic": "scandinavian",
}

#: size adjectives -> (dimension or "overall", direction +1/-1, strength 0..1)
SIZES: dict[str, tuple[str, int, float]] = {
    "small": ("overall", -1, 0.5), "little": ("overall", -1, 0.5), "mini": ("overall", -1, 0.6),
    "miniature": ("overall", -1, 0.8), "tiny": ("overall", -1, 0.8), "petite": ("overall", -1, 0.5),
    "compact": ("overall", -1, 0.4), "smaller": ("overall", -1, 0.4),
    "big": ("overall", 1, 0.5), "large": ("overall", 1, 0.5), "huge": ("overall", 1, 0.85),
    "giant": ("overall", 1, 0.9), "enormous": ("overall", 1, 0.9), "massive": ("overall", 1, 0.85),
    "gigantic": ("overall", 1, 0.9), "oversized": ("overall", 1, 0.7), "bigger": ("overall", 1, 0.4),
    "larger": ("overall", 1, 0.4), "jumbo": ("overall", 1, 0.8),
    "tall": ("height", 1, 0.5), "taller": ("height", 1, 0.4), "high": ("height", 1, 0.5),
    "short": ("height", -1, 0.5), "low": ("height", -1, 0.5), "squat": ("height", -1, 0.6),
    "wide": ("width", 1, 0.5), "broad": ("width", 1, 0.5), "wider": ("width", 1, 0.4),
    "narrow": ("width", -1, 0.5), "slim": ("width", -1, 0.5), "thin": ("width", -1, 0.5),
    "skinny": ("width", -1, 0.6), "slender": ("width", -1, 0.5),
    "long": ("length", 1, 0.5), "longer": ("length", 1, 0.4), "deep": ("depth", 1, 0.5),
    "shallow": ("depth", -1, 0.5), "thick": ("thickness", 1, 0.5), "chunky": ("width", 1, 0.4),
    "fat": ("width", 1, 0.5), "stubby": ("height", -1, 0.5),
}

INTENSIFIERS = {"very": 1.5, "extra": 1.5, "really": 1.4, "super": 1.6, "extremely": 1.7, "slightly": 0.5,
                "somewhat": 0.6, "bit": 0.6, "fairly": 0.8, "quite": 1.2, "rather": 1.1, "incredibly": 1.7}

#: words that push a numeric parameter up or down when they appear in its ``words``
POSITIVE = frozenset({"tall", "high", "wide", "broad", "long", "deep", "thick", "big", "large", "huge",
                      "giant", "full", "heavy", "chunky", "fat", "more", "many", "steep", "open", "raised",
                      "reclined", "bulging", "rounded", "curved", "flared", "lots", "bushy", "dense", "tilted",
                      "leaning", "bent", "spiky", "fluffy", "plump", "bold", "strong", "wavy"})
NEGATIVE = frozenset({"short", "low", "narrow", "slim", "thin", "skinny", "slender", "shallow", "small",
                      "tiny", "little", "mini", "empty", "flat", "straight", "sharp", "upright", "closed",
                      "tapered", "delicate", "fine", "compact", "less", "few", "shorter", "lower", "sparse",
                      "smooth", "squat", "stubby", "light", "gentle", "shallower", "subtle", "plain", "bare"})

NEGATIONS = frozenset({"without", "no", "not", "minus", "sans", "lacking", "nor", "never", "w/o", "none"})
AFFIRM = frozenset({"with", "has", "have", "having", "featuring", "plus", "including", "includes"})

#: count nouns that mean the same thing ("storey" counts floors, "people" count seats)
COUNT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "storey": ("floor", "story", "level"), "story": ("floor", "storey", "level"), "level": ("floor",),
    "floor": ("storey", "story", "level"), "person": ("seat", "people", "guest", "place", "chair"),
    "people": ("seat", "person", "guest", "chair"), "guest": ("seat", "person", "chair"),
    "seater": ("seat", "person"), "tooth": ("teeth", "cog"), "cog": ("tooth",), "drawer": ("drawer",),
    "shelf": ("shelve", "tier", "level"), "tier": ("layer", "level", "shelf"), "layer": ("tier", "level"),
    "rung": ("step",), "step": ("rung", "stair"), "stair": ("step",), "petal": ("leaf",),
    "spoke": ("spoke",), "wheel": ("wheel",), "blade": ("blade",), "candle": ("candle",),
    "burner": ("hob",), "string": ("string",), "key": ("key",), "window": ("window",), "door": ("door",),
    "slice": ("piece", "slice"), "scoop": ("ball", "scoop"), "arm": ("arm",), "hole": ("hole", "bolt"),
    "bolt": ("hole",), "seat": ("person", "seater"), "room": ("room",), "plank": ("board", "slat"),
    "slat": ("plank", "board"), "board": ("plank", "slat"), "leg": ("foot",), "foot": ("leg",),
    "lens": ("lens",), "pane": ("window",), "post": ("pole", "picket"), "picket": ("post", "board"),
}

FUNCTION_WORDS = frozenset({"a", "an", "the", "with", "without", "of", "on", "in", "and", "or", "no", "for",
                            "to", "at", "by", "is", "has", "its", "it", "some", "very", "more", "less", "extra"})


def polarity(words: tuple[str, ...] | list[str]) -> int:
    """+1 when a phrase pushes a value up ("tall back"), -1 when down ("thin walls")."""
    if any(w in NEGATIVE for w in words):
        return -1
    return 1


@lru_cache(maxsize=1)
def preset_words() -> dict[str, str]:
    """Every material phrase -> preset name or ``class:TAG:FALLBACK`` (preset names from the registry)."""
    from meshforge.materials import PRESETS

    out: dict[str, str] = {}
    for name in PRESETS:
        out[name.replace("_", " ")] = name
    out.update({k: v for k, v in MATERIAL_ALIASES.items() if v.startswith("class:") or v in PRESETS})
    out["brushed aluminum"] = "brushed_aluminium" if "brushed_aluminium" in PRESETS else "steel"
    out["brushed aluminium"] = out["brushed aluminum"]
    out.pop("fabric", None)
    out["fabric"] = "class:fabric:fabric"
    out["plastic"] = "class:plastic:plastic"
    out["stone"] = "stone"  # not class: concrete and brick are "stone" presets, but no one calls them stone
    out["ceramic"] = "class:ceramic:ceramic"
    for food in ("cream", "bread", "meat", "skin", "fruit skin", "water", "glow", "grass", "foliage", "soil", "scales"):
        out.pop(food, None)  # nouns more often than materials in prompts; their adjectives stay
    return out


#: basic color terms (Berlin and Kay): read as a color even inside a generator's name ("red apple")
BASIC_COLORS = frozenset({"black", "white", "red", "green", "yellow", "blue", "brown", "orange", "pink",
                          "purple", "gray", "grey"})

#: material classes of living or edible surfaces: a material word in a generator's name never replaces
#: them ("golden retriever", "oak tree", "frosted cupcake" name kinds, not materials)
NATURAL_CLASSES = frozenset({"creature", "plant", "food", "ground", "liquid"})


def name_material_fits(value: str, slot_default: str, slot_choices: tuple[str, ...]) -> bool:
    """Whether a material word inside a generator's own name ("glass bottle", "gold coin", "stone arch")
    applies to a slot: the preset is one of the slot's choices or of a class the slot already uses (its
    default or a choice); living and edible surfaces (and bark) take only their own class."""
    default_cls = preset_class(slot_default)
    if value in slot_choices:
        return True
    if slot_default == "bark":
        return False
    if default_cls in NATURAL_CLASSES:  # "chocolate cake" yes; "golden retriever", "snowy owl" no
        return preset_class(value) == default_cls
    return preset_class(value) in {default_cls, *(preset_class(c) for c in slot_choices)}


def preset_class(name: str) -> str:
    from meshforge.materials import PRESETS

    p = PRESETS.get(name)
    return p.tags[0] if p is not None and p.tags else ""


def resolve_material(word_value: str, slot_default: str, slot_choices: tuple[str, ...]) -> str:
    """A material word's value for one slot: presets pass through; a class (``class:wood:oak``) becomes
    the slot's default when it is of that class, else its first choice of that class, else the fallback."""
    if not word_value.startswith("class:"):
        return word_value
    _, tag, fallback = word_value.split(":")
    if preset_class(slot_default) == tag:
        return slot_default
    for c in slot_choices:
        if preset_class(c) == tag:
            return c
    return fallback


@lru_cache(maxsize=1)
def all_attribute_words() -> frozenset[str]:
    """Every single word the attribute readers know (for spelling correction)."""
    from meshforge.understand.colors import ISH_FORMS, MODIFIERS, phrases
    from meshforge.understand.units import DIMENSION_WORDS, NUMBER_WORDS, UNITS

    words: set[str] = set()
    for table in (preset_words(), FINISHES, WEAR, PATTERNS, STYLES, SIZES, INTENSIFIERS, phrases(),
                  NUMBER_WORDS, UNITS, DIMENSION_WORDS, COUNT_SYNONYMS):
        for phrase in table:
            words.update(phrase.split())
    words.update(POSITIVE | NEGATIVE | NEGATIONS | AFFIRM | set(MODIFIERS) | set(ISH_FORMS))
    from meshforge.understand.scene import MARKERS

    words.update(w for phrase, _, _ in MARKERS for w in phrase)
    words.update(("colored", "coloured", "color", "colour", "degree", "degrees", "stack", "pile", "heap"))
    return frozenset(words)
