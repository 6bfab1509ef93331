"""Color words to sRGB hex: the 148 CSS Color Module Level 4 named colors, common compound names
("cherry red", "forest green", "navy"), "-ish" forms and modifiers (light, dark, pastel, neon, deep,
pale, bright, muted) applied in HLS space.

Words that are also material presets (``gold``, ``silver``, ``chocolate``, ``linen``, ``snow``) are left
to the material reader: "a gold ring" is metal, "chocolate brown" is still a color.
"""

from __future__ import annotations

import colorsys
import re

#: CSS Color Module Level 4 named colors (sRGB), https://www.w3.org/TR/css-color-4/#named-colors
CSS_COLORS: dict[str, str] = {
    "aliceblue": "#F0F8FF", "antiquewhite": "#FAEBD7", "aqua": "#00FFFF", "aquamarine": "#7FFFD4",
    "azure": "#F0FFFF", "beige": "#F5F5DC", "bisque": "#FFE4C4", "black": "#000000",
    "blanchedalmond": "#FFEBCD", "blue": "#0000FF", "blueviolet": "#8A2BE2", "brown": "#A52A2A",
    "burlywood": "#DEB887", "cadetblue": "#5F9EA0", "chartreuse": "#7FFF00", "chocolate": "#D2691E",
    "coral": "#FF7F50", "cornflowerblue": "#6495ED", "cornsilk": "#FFF8DC", "crimson": "#DC143C",
    "cyan": "#00FFFF", "darkblue": "#00008B", "darkcyan": "#008B8B", "darkgoldenrod": "#B8860B",
    "darkgray": "#A9A9A9", "darkgreen": "#006400", "darkgrey": "#A9A9A9", "darkkhaki": "#BDB76B",
    "darkmagenta": "#8B008B", "darkolivegreen": "#556B2F", "darkorange": "#FF8C00", "darkorchid": "#9932CC",
    "darkred": "#8B0000", "darksalmon": "#E9967A", "darkseagreen": "#8FBC8F", "darkslateblue": "#483D8B",
    "darkslategray": "#2F4F4F", "darkslategrey": "#2F4F4F", "darkturquoise": "#00CED1",
    "darkviolet": "#9400D3", "deeppink": "#FF1493", "deepskyblue": "#00BFFF", "dimgray": "#696969",
    "dimgrey": "#696969", "dodgerblue": "#1E90FF", "firebrick": "#B22222", "floralwhite": "#FFFAF0",
    "forestgreen": "#228B22", "fuchsia": "#FF00FF", "gainsboro": "#DCDCDC", "ghostwhite": "#F8F8FF",
    "gold": "#FFD700", "goldenrod": "#DAA520", "gray": "#808080", "grey": "#808080", "green": "#008000",
    "greenyellow": "#ADFF2F", "honeydew": "#F0FFF0", "hotpink": "#FF69B4", "indianred": "#CD5C5C",
    "indigo": "#4B0082", "ivory": "#FFFFF0", "khaki": "#F0E68C", "lavender": "#E6E6FA",
    "lavenderblush": "#FFF0F5", "lawngreen": "#7CFC00", "lemonchiffon": "#FFFACD", "lightblue": "#ADD8E6",
    "lightcoral": "#F08080", "lightcyan": "#E0FFFF", "lightgoldenrodyellow": "#FAFAD2",
    "lightgray": "#D3D3D3", "lightgreen": "#90EE90", "lightgrey": "#D3D3D3", "lightpink": "#FFB6C1",
    "lightsalmon": "#FFA07A", "lightseagreen": "#20B2AA", "lightskyblue": "#87CEFA",
    "lightslategray": "#778899", "lightslategrey": "#778899", "lightsteelblue": "#B0C4DE",
    "lightyellow": "#FFFFE0", "lime": "#00FF00", "limegreen": "#32CD32", "linen": "#FAF0E6",
    "magenta": "#FF00FF", "maroon": "#800000", "mediumaquamarine": "#66CDAA", "mediumblue": "#0000CD",
    "mediumorchid": "#BA55D3", "mediumpurple": "#9370DB", "mediumseagreen": "#3CB371",
    "mediumslateblue": "#7B68EE", "mediumspringgreen": "#00FA9A", "mediumturquoise": "#48D1CC",
    "mediumvioletred": "#C71585", "midnightblue": "#191970", "mintcream": "#F5FFFA", "mistyrose": "#FFE4E1",
    "moccasin": "#FFE4B5", "navajowhite": "#FFDEAD", "navy": "#000080", "oldlace": "#FDF5E6",
    "olive": "#808000", "olivedrab": "#6B8E23", "orange": "#FFA500", "orangered": "#FF4500",
    "orchid": "#DA70D6", "palegoldenrod": "#EEE8AA", "palegreen": "#98FB98", "paleturquoise": "#AFEEEE",
    "palevioletred": "#DB7093", "papayawhip": "#FFEFD5", "peachpuff": "#FFDAB9", "peru": "#CD853F",
    "pink": "#FFC0CB", "plum": "#DDA0DD", "powderblue": "#B0E0E6", "purple": "#800080",
    "rebeccapurple": "#663399", "red": "#FF0000", "rosybrown": "#BC8F8F", "royalblue": "#4169E1",
    "saddlebrown": "#8B4513", "salmon": "#FA8072", "sandybrown": "#F4A460", "seagreen": "#2E8B57",
    "seashell": "#FFF5EE", "sienna": "#A0522D", "silver": "#C0C0C0", "skyblue": "#87CEEB",
    "slateblue": "#6A5ACD", "slategray": "#708090", "slategrey": "#708090", "snow": "#FFFAFA",
    "springgreen": "#00FF7F", "steelblue": "#4682B4", "tan": "#D2B48C", "teal": "#008080",
    "thistle": "#D8BFD8", "tomato": "#FF6347", "turquoise": "#40E0D0", "violet": "#EE82EE",
    "wheat": "#F5DEB3", "white": "#FFFFFF", "whitesmoke": "#F5F5F5", "yellow": "#FFFF00",
    "yellowgreen": "#9ACD32",
}

#: Everyday color names outside CSS (paint-chart values).
EXTRA_COLORS: dict[str, str] = {
    "cherry red": "#D2042D", "blood red": "#8A0303", "fire engine red": "#CE2029", "wine red": "#722F37",
    "brick red": "#B22222", "scarlet": "#FF2400", "ruby": "#9B111E", "burgundy": "#800020",
    "wine": "#722F37", "rust": "#B7410E", "terracotta": "#E2725B", "copper": "#B87333",
    "bronze": "#CD7F32", "navy blue": "#000080", "baby blue": "#89CFF0", "sky": "#87CEEB",
    "ocean blue": "#1F6F9F", "cobalt": "#0047AB", "cobalt blue": "#0047AB", "electric blue": "#1F75FE",
    "sapphire": "#0F52BA", "denim blue": "#1560BD", "petrol": "#005F6A", "ice blue": "#BFE6F2",
    "mint": "#98FF98", "mint green": "#98FF98", "sage": "#9CAF88", "sage green": "#9CAF88",
    "emerald": "#50C878", "emerald green": "#50C878", "jade": "#00A86B", "olive green": "#6B8E23",
    "army green": "#4B5320", "bottle green": "#006A4E", "moss green": "#8A9A5B", "pine green": "#01796F",
    "kelly green": "#4CBB17", "grass green": "#5CA904", "apple green": "#8DB600", "leaf green": "#5A8F29",
    "lime green": "#32CD32", "mustard": "#E1AD01", "mustard yellow": "#E1AD01", "lemon": "#FFF44F",
    "lemon yellow": "#FFF44F", "canary yellow": "#FFEF00", "sunflower yellow": "#FFDA03",
    "golden": "#FFC30B", "amber": "#FFBF00", "honey": "#EBA937", "peach": "#FFE5B4", "apricot": "#FBCEB1",
    "tangerine": "#F28500", "pumpkin": "#FF7518", "burnt orange": "#CC5500", "lilac": "#C8A2C8",
    "mauve": "#E0B0FF", "lavender purple": "#967BB6", "eggplant": "#614051", "aubergine": "#3D0734",
    "royal purple": "#7851A9", "magenta pink": "#CC338B", "baby pink": "#F4C2C2", "rose": "#FF007F",
    "rose pink": "#FF66CC", "blush": "#DE5D83", "fuchsia pink": "#FF77FF", "bubblegum pink": "#FFC1CC",
    "cream": "#FFFDD0", "off white": "#FAF9F6", "eggshell": "#F0EAD6", "bone": "#E3DAC9",
    "ivory white": "#FFFFF0", "pearl": "#EAE0C8", "snow white": "#FFFAFA", "jet black": "#0A0A0A",
    "charcoal": "#36454F", "charcoal grey": "#36454F", "charcoal gray": "#36454F", "graphite": "#383838",
    "ash grey": "#B2BEB5", "ash gray": "#B2BEB5", "taupe": "#483C32", "chocolate brown": "#7B3F00",
    "coffee": "#6F4E37", "mocha": "#967969", "caramel": "#C68E17", "walnut brown": "#5C4033",
    "dark brown": "#5C4033", "chestnut": "#954535", "mahogany red": "#C04000", "sand": "#C2B280",
    "sandy": "#C2B280", "camel": "#C19A6B", "ochre": "#CC7722", "khaki green": "#8A865D",
    "gunmetal": "#2A3439", "silver grey": "#AAA9AD", "silver gray": "#AAA9AD", "gold yellow": "#FFD700",
    "forest": "#228B22", "midnight": "#191970", "ink": "#1B1B3A", "chartreuse green": "#7FFF00",
}

#: Words that are both a color and a material preset: the material reading wins unless compounded.
MATERIAL_FIRST = {"gold", "silver", "chocolate", "linen", "snow", "copper", "bronze", "terracotta", "sand",
                  "rust", "wine", "coffee", "honey", "bone", "sky", "ink", "forest", "midnight", "walnut",
                  "sandy", "golden"}

#: "-ish" and other adjectival forms of basic colors.
ISH_FORMS = {
    "reddish": "red", "bluish": "blue", "blueish": "blue", "greenish": "green", "yellowish": "yellow",
    "pinkish": "pink", "purplish": "purple", "brownish": "brown", "greyish": "grey", "grayish": "gray",
    "orangey": "orange", "orangish": "orange", "whitish": "white", "blackish": "black",
}

#: Modifiers: (lightness delta or target, saturation multiplier) applied in HLS.
MODIFIERS = ("light", "dark", "pastel", "neon", "deep", "pale", "bright", "muted", "dusty", "vivid", "soft")

_ALL: dict[str, str] = {}


def _table() -> dict[str, str]:
    """Color phrase (space separated words) -> hex; CSS compounds are split into words too."""
    if _ALL:
        return _ALL
    for name, hx in CSS_COLORS.items():
        _ALL[name] = hx
    for name, hx in CSS_COLORS.items():  # "forestgreen" -> "forest green", "darkslategray" -> "dark slate gray"
        spaced = _split_css(name)
        if spaced != name:
            _ALL.setdefault(spaced, hx)
    for name, hx in EXTRA_COLORS.items():
        _ALL[name] = hx
    return _ALL


_PARTS = ("alice", "antique", "blanched", "blue", "violet", "burly", "wood", "cadet", "corn", "flower",
          "silk", "dark", "light", "medium", "pale", "deep", "dim", "dodger", "fire", "brick", "floral",
          "forest", "ghost", "golden", "rod", "green", "yellow", "hot", "indian", "lavender", "blush",
          "lawn", "lemon", "chiffon", "lime", "mint", "cream", "misty", "rose", "navajo", "old", "lace",
          "olive", "drab", "orange", "red", "papaya", "whip", "peach", "puff", "powder", "rebecca", "purple",
          "rosy", "brown", "royal", "saddle", "sandy", "sea", "shell", "sky", "slate", "spring", "steel",
          "white", "smoke", "gray", "grey", "cyan", "pink", "salmon", "khaki", "magenta", "orchid",
          "turquoise", "aquamarine", "goldenrod", "honey", "dew", "midnight", "coral", "almond", "gains",
          "boro")


def _split_css(name: str) -> str:
    words: list[str] = []
    rest = name
    while rest:
        for part in sorted(_PARTS, key=len, reverse=True):
            if rest.startswith(part):
                words.append(part)
                rest = rest[len(part):]
                break
        else:
            return name
    return " ".join(words)


def phrases() -> dict[str, str]:
    """Every color phrase this module knows (lowercase words separated by spaces) -> ``#RRGGBB``."""
    return dict(_table())


def _hls(hx: str) -> tuple[float, float, float]:
    r, g, b = (int(hx[i:i + 2], 16) / 255.0 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)


def _hex(h: float, lum: float, s: float) -> str:
    r, g, b = colorsys.hls_to_rgb(h % 1.0, min(max(lum, 0.0), 1.0), min(max(s, 0.0), 1.0))
    return "#" + "".join(f"{round(c * 255):02X}" for c in (r, g, b))


def apply_modifier(hx: str, modifier: str) -> str:
    """``hx`` changed by a modifier word (``light``, ``dark``, ``pastel``, ``neon``, ``deep``, ``pale``,
    ``bright``, ``muted``, ``dusty``, ``vivid``, ``soft``); unknown modifiers return ``hx`` unchanged."""
    h, lum, s = _hls(hx)
    if modifier == "light":
        return _hex(h, lum + (1 - lum) * 0.45, s)
    if modifier == "dark":
        return _hex(h, lum * 0.55, s)
    if modifier == "pastel":
        return _hex(h, 0.82, min(s, 0.65) if s > 0.05 else s)
    if modifier == "neon":
        return _hex(h, 0.55, 1.0 if s > 0.05 else s)
    if modifier == "deep":
        return _hex(h, lum * 0.7, min(1.0, s * 1.15))
    if modifier == "pale":
        return _hex(h, lum + (1 - lum) * 0.6, s * 0.6)
    if modifier in ("bright", "vivid"):
        return _hex(h, min(max(lum, 0.45), 0.6), min(1.0, s * 1.3 + 0.1) if s > 0.05 else s)
    if modifier in ("muted", "dusty", "soft"):
        return _hex(h, lum + (0.6 - lum) * 0.3, s * 0.5)
    return hx


def parse_hex(token: str) -> str | None:
    """``#abc`` / ``#aabbcc`` -> ``#AABBCC`` (None when the token is not a hex color)."""
    m = re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", token)
    if not m:
        return None
    h = m.group(1)
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return "#" + h.upper()


def match_color(words: list[str], start: int, material_words: set[str] | frozenset[str] = frozenset()
                ) -> tuple[str, int] | None:
    """Read a color at ``words[start]``: ``(hex, number of words used)`` or None.

    Handles modifiers ("dark green", "pastel pink", "very light blue" is read by the caller), compounds
    ("cherry red", "forest green"), "-ish" forms, hex codes and a trailing "colored"/"coloured".
    A single word that is also a material (``material_words``) is not read as a color.
    """
    table = _table()
    i = start
    mods: list[str] = []
    while i < len(words) and words[i] in MODIFIERS:
        mods.append(words[i])
        i += 1
    if i >= len(words):
        return None
    hx: str | None = parse_hex(words[i])
    used = 1 if hx else 0
    if hx is None and mods and mods[-1] + words[i] in CSS_COLORS:  # "light blue" is CSS lightblue
        hx, used = CSS_COLORS[mods.pop() + words[i]], 1
    if hx is None:
        for n in (4, 3, 2, 1):
            phrase = " ".join(words[i:i + n])
            if len(words) - i < n or phrase not in table:
                continue
            if n == 1 and not mods and (phrase in material_words or phrase in MATERIAL_FIRST):
                continue
            hx, used = table[phrase], n
            break
        else:
            joined = "".join(words[i:i + 2])  # "darkgreen" written as "dark green" is handled above
            if words[i] in ISH_FORMS:
                hx, used = table[ISH_FORMS[words[i]]], 1
            elif i + 1 < len(words) and joined in CSS_COLORS:
                hx, used = CSS_COLORS[joined], 2
    if hx is None:
        return None
    for mod in mods:
        hx = apply_modifier(hx, mod)
    n = i - start + used
    if start + n < len(words) and words[start + n] in ("colored", "coloured", "color", "colour", "tone", "toned"):
        n += 1
    return hx.upper(), n
