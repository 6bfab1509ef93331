"""Named PBR material presets (``oak``, ``steel``, ``ceramic``, ...) with finish, pattern and wear.

Values follow physically based references: dielectrics have metallic 0 and an sRGB albedo between
~30 and ~240; metals have metallic 1 and their specular color as base color (gold #FFC356, aluminium
#E6E8E8, iron #C4C7C7 after the Unreal/Substance PBR charts, a little deepened where people expect it).
Each textured preset names a solid texture *kind* (:mod:`meshforge.materials.solid`) with its colors and
parameters: at build time it becomes cheap tiling images (cached; :data:`~meshforge.materials.textures.
TILE_VARIANTS` variations per preset and color), and ``meshforge.materials.bake`` re-evaluates it in 3D
per part. ``words`` are what people call a material in text ("aluminum", "aluminium", "wooden").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from meshforge.core.errors import ParameterError
from meshforge.core.material import Material, Texture, linear_to_srgb, srgb_to_linear
from meshforge.materials import solid, textures

RGB = tuple[float, float, float]


def _hex(h: str) -> RGB:
    h = h.lstrip("#")
    return tuple(int(h[i : i + 2], 16) / 255.0 for i in (0, 2, 4))  # type: ignore[return-value]


@dataclass(frozen=True)
class Preset:
    """A material recipe.

    Attributes:
        name: key in :data:`PRESETS`.
        color: sRGB base color ``#RRGGBB``.
        metallic, roughness: base PBR factors in [0, 1].
        kind: solid texture kind (a key of :data:`meshforge.materials.solid.KINDS`), None = untextured.
        accents: further sRGB colors of the kind (latewood, veins, mortar, ...).
        params: kind parameters, ``(name, value)`` pairs.
        alpha: opacity; below 1 the material blends (glass, water).
        emissive: emitted light as a fraction of the base color (``glow``).
        tint_accents: whether a color override recolors the accents too (False keeps mortar grey).
        words: what people call it in text (synonyms, spellings, adjectives).
        tags: family words (``wood``, ``metal``) for reports and understanding.
    """

    name: str
    color: str
    metallic: float = 0.0
    roughness: float = 0.5
    kind: str | None = None
    accents: tuple[str, ...] = ()
    params: tuple[tuple[str, float], ...] = ()
    alpha: float = 1.0
    emissive: float = 0.0
    tint_accents: bool = True
    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def textured(self) -> bool:
        return self.kind is not None


def _p(name: str, color: str, kind: str | None = None, accents: tuple[str, ...] = (), *, m: float = 0.0,
       r: float = 0.5, words: tuple[str, ...] = (), tags: tuple[str, ...] = (), **kw: object) -> Preset:
    params = tuple(sorted((k, float(v)) for k, v in kw.items() if k not in ("alpha", "emissive", "tint_accents")))
    extra = {k: kw[k] for k in ("alpha", "emissive", "tint_accents") if k in kw}
    return Preset(name, color, m, r, kind, accents, params, words=(name.replace("_", " "), *words), tags=tags,
                  **extra)  # type: ignore[arg-type]


_WOOD = ("wood", "wooden", "timber")
PRESETS: dict[str, Preset] = {
    p.name: p
    for p in [
        # --- woods: ring = growth-ring spacing (m), contrast of latewood, pores (open grain)
        _p("oak", "#B8895A", "wood", ("#7A5230",), r=0.6, ring=0.007, contrast=0.6, pores=0.7,
           words=("oaken", "white oak", "red oak", "hardwood", *_WOOD), tags=("wood", "oak")),
        _p("walnut", "#6B4A33", "wood", ("#3B2517",), r=0.5, ring=0.006, contrast=0.55, pores=0.5,
           words=("black walnut", "dark wood"), tags=("wood", "walnut")),
        _p("pine", "#D9B382", "wood", ("#A8793F",), r=0.65, ring=0.009, contrast=0.8, pores=0.1,
           words=("pinewood", "softwood", "fir", "spruce", "knotty pine", "light wood"), tags=("wood", "pine")),
        _p("maple", "#E0C49B", "wood", ("#C09A6A",), r=0.5, ring=0.005, contrast=0.35, pores=0.1,
           words=("hard maple", "blond wood"), tags=("wood", "maple")),
        _p("cherry", "#9B5A3C", "wood", ("#6A3420",), r=0.45, ring=0.005, contrast=0.45, pores=0.2,
           words=("cherrywood", "cherry wood"), tags=("wood", "cherry")),
        _p("birch", "#E8D5B0", "wood", ("#CDB387",), r=0.55, ring=0.005, contrast=0.3, pores=0.1,
           words=("birchwood", "ash", "beech"), tags=("wood", "birch")),
        _p("mahogany", "#6E2F1E", "wood", ("#431A10",), r=0.4, ring=0.006, contrast=0.4, pores=0.6,
           words=("rosewood", "teak", "redwood"), tags=("wood", "mahogany")),
        _p("bamboo", "#D8C38A", "wood", ("#B79C5C",), r=0.5, ring=0.004, contrast=0.3, pores=0.3,
           words=("rattan", "cane", "wicker"), tags=("wood", "bamboo")),
        _p("plywood", "#D6B98C", "wood", ("#B8955F",), r=0.7, ring=0.01, contrast=0.55, pores=0.2,
           words=("ply", "mdf", "particle board", "chipboard", "osb"), tags=("wood", "plywood")),
        _p("painted_wood", "#F2F0EB", "speckle", ("#C8BFB0",), r=0.45, mottle=0.015, peel=0.00003, grain=1,
           ring=0.007, words=("painted", "lacquered wood", "white painted"), tags=("wood", "painted")),
        _p("weathered_wood", "#8A7F70", "wood", ("#5E554A",), r=0.85, ring=0.008, contrast=0.7, pores=0.9,
           words=("driftwood", "barnwood", "reclaimed wood", "old wood", "aged wood", "rustic wood"),
           tags=("wood", "weathered")),
        _p("bark", "#5A4330", "bark", ("#2E2118",), r=0.95, furrows=22, lichen=0.3,
           words=("tree bark", "trunk", "log", "logs"), tags=("wood", "bark")),
        # --- metals
        _p("steel", "#C4C7C7", "brushed", m=1.0, r=0.35, words=("metal", "metallic", "carbon steel", "tool steel"),
           tags=("metal", "steel")),
        _p("stainless_steel", "#D0D2D3", "brushed", m=1.0, r=0.22, words=("stainless", "inox", "surgical steel"),
           tags=("metal", "steel")),
        _p("black_metal", "#2A2A2C", "speckle", r=0.45, mottle=0.03, peel=0.00004,
           words=("powder coated", "powder-coated", "powdercoat", "wrought iron", "black steel", "gunmetal"),
           tags=("metal", "powder-coated")),
        _p("brushed_aluminium", "#E6E8E8", "brushed", m=1.0, r=0.3,
           words=("aluminium", "aluminum", "brushed aluminum", "alu", "alloy", "titanium"),
           tags=("metal", "aluminium")),
        _p("chrome", "#F2F2F2", m=1.0, r=0.05, words=("chromed", "chrome-plated", "chrome plated", "mirror",
                                                       "nickel", "mirror finish"), tags=("metal", "chrome")),
        _p("brass", "#E1C16E", m=1.0, r=0.28, words=("brassy",), tags=("metal", "brass")),
        _p("copper", "#E8A07A", m=1.0, r=0.3, words=("coppery", "copper-plated"), tags=("metal", "copper")),
        _p("gold", "#FFC356", m=1.0, r=0.2, words=("golden", "gilded", "gilt", "gold-plated"), tags=("metal", "gold")),
        _p("silver", "#F2F0EA", m=1.0, r=0.15, words=("silvery", "sterling", "sterling silver", "pewter", "platinum"),
           tags=("metal", "silver")),
        _p("iron", "#9A9C9D", "speckle", m=1.0, r=0.55, mottle=0.06, peel=0.00006, freq=10,
           words=("forged iron", "wrought", "blacksmith"), tags=("metal", "iron")),
        _p("cast_iron", "#3A3A3A", "speckle", m=0.85, r=0.7, mottle=0.08, peel=0.0001, freq=14,
           words=("cast-iron", "skillet", "seasoned iron"), tags=("metal", "iron")),
        _p("rusty_iron", "#8A4A28", "rust", ("#505254",), m=1.0, r=0.85, amount=0.75, tint_accents=False,
           words=("rust", "rusted", "rusty", "corroded", "oxidized", "oxidised"), tags=("metal", "rust")),
        _p("bronze", "#B07A48", m=1.0, r=0.35, words=("bronzed",), tags=("metal", "bronze")),
        _p("painted_metal", "#B03A2E", "speckle", r=0.4, mottle=0.02, peel=0.00003,
           words=("enamel", "enamelled", "enameled", "lacquered metal", "painted steel", "sheet metal"),
           tags=("metal", "painted")),
        # --- ceramics, glass
        _p("ceramic", "#F1EEE8", "speckle", r=0.12, mottle=0.02, peel=0.00001,
           words=("glazed", "glaze", "ceramics", "glazed ceramic"), tags=("ceramic", "glazed")),
        _p("stoneware", "#8C7A6B", "speckle", ("#3E3028",), r=0.5, mottle=0.06, flecks=0.1,
           words=("pottery", "speckled glaze", "rustic ceramic"), tags=("ceramic", "stoneware")),
        _p("porcelain", "#FAFAF7", r=0.08, words=("china", "bone china", "fine china"), tags=("ceramic", "porcelain")),
        _p("terracotta", "#C0643F", "speckle", ("#7E3C22",), r=0.85, mottle=0.08, flecks=0.05, peel=0.00005,
           words=("clay", "fired clay", "earthenware", "terra cotta", "unglazed"), tags=("ceramic", "terracotta")),
        _p("tiles", "#E9E6DF", "tiles", ("#B9B3A8",), r=0.12, size=0.15, tint_accents=False,
           words=("tile", "tiled", "ceramic tile", "bathroom tile", "subway tile"), tags=("ceramic", "tiles")),
        _p("glass", "#E8F1F2", r=0.03, alpha=0.25, words=("glassy", "clear", "transparent", "see-through"),
           tags=("glass",)),
        _p("frosted_glass", "#EEF3F4", r=0.45, alpha=0.55, words=("frosted", "matte glass", "milk glass",
                                                                    "translucent", "opaline"), tags=("glass", "frosted")),
        _p("crystal", "#F4FAFF", r=0.01, alpha=0.18, words=("crystalline", "cut glass", "diamond", "gem", "gemstone",
                                                            "quartz", "ice"), tags=("glass", "crystal")),
        # --- stone and masonry
        _p("marble", "#EDEBE6", "marble", ("#8E8A86",), r=0.12, vein=0.08, words=("carrara", "marbled", "calacatta"),
           tags=("stone", "marble")),
        _p("granite", "#8B8682", "granite", ("#2A2A2C", "#D8D4CF", "#B98C80"), r=0.3,
           words=("speckled stone", "countertop stone"), tags=("stone", "granite")),
        _p("stone", "#9A948A", "concrete", ("#77716A",), r=0.85, pores=0.12,
           words=("rock", "rocky", "stony", "cobblestone", "cobble", "boulder", "pebble", "limestone", "basalt"),
           tags=("stone",)),
        _p("sandstone", "#CDB38B", "sand", ("#8A7560",), r=0.9, ripples=0, strata=0.6,
           words=("sand stone", "desert rock", "adobe"), tags=("stone", "sandstone")),
        _p("slate", "#4A4F55", "sand", ("#2F3338",), r=0.7, ripples=0, strata=0.4,
           words=("shale", "schist", "flagstone"), tags=("stone", "slate")),
        _p("concrete", "#A3A19C", "concrete", ("#8B8984",), r=0.9, pores=0.35,
           words=("cement", "cast concrete", "brutalist", "plaster", "stucco"), tags=("stone", "concrete")),
        _p("brick", "#A2523A", "brick", ("#BDB6AA", "#5E2C20"), r=0.85, tint_accents=False,
           words=("bricks", "brickwork", "red brick", "masonry"), tags=("stone", "brick")),
        # --- plastics, rubber, paper, wax
        _p("plastic", "#D8D8D8", r=0.4, words=("abs", "polymer", "vinyl", "resin", "pvc"), tags=("plastic",)),
        _p("glossy_plastic", "#D8D8D8", r=0.12, words=("shiny plastic", "acrylic", "perspex", "plexiglass", "lego"),
           tags=("plastic", "glossy")),
        _p("matte_plastic", "#D8D8D8", r=0.7, words=("matt plastic", "nylon", "3d printed", "pla"),
           tags=("plastic", "matte")),
        _p("rubber", "#1E1E1E", r=0.9, words=("rubbery", "silicone", "latex", "neoprene", "tire", "tyre"),
           tags=("rubber",)),
        _p("paper", "#F3EFE4", "speckle", r=0.85, mottle=0.02, fibres=0.05, words=("papery", "parchment", "card",
                                                                                    "origami"), tags=("paper",)),
        _p("cardboard", "#B8925F", "speckle", r=0.9, mottle=0.06, fibres=0.08,
           words=("carton", "kraft", "corrugated", "paperboard", "box board"), tags=("paper", "cardboard")),
        _p("wax", "#F3E9D2", r=0.35, words=("waxy", "candle wax", "paraffin", "beeswax", "soap"), tags=("wax",)),
        # --- textiles
        _p("fabric", "#6E7F8F", "fabric", r=0.85, thread=0.0015, words=("cloth", "textile", "upholstery", "upholstered",
                                                                         "cotton", "canvas", "polyester"),
           tags=("fabric", "textile")),
        _p("linen", "#D9CFBF", "fabric", r=0.9, thread=0.0012, fuzz=0.06, words=("flax", "burlap", "hessian", "jute"),
           tags=("fabric", "linen")),
        _p("velvet", "#6B1E3A", "fabric", r=0.9, thread=0.0008, weave=0.15, fuzz=0.1, crush=0.22,
           words=("velour", "plush", "velvety", "chenille", "corduroy"), tags=("fabric", "velvet")),
        _p("wool", "#C9C1B3", "fabric", r=0.95, thread=0.003, weave=0.7, fuzz=0.12,
           words=("woollen", "woolen", "knit", "knitted", "felt", "tweed", "cashmere", "yarn"), tags=("fabric", "wool")),
        _p("denim", "#3B5A85", "fabric", ("#D8D4CA",), r=0.9, thread=0.0012, twill=1, weft_mix=0.35,
           tint_accents=False, words=("jean", "jeans", "chambray"), tags=("fabric", "denim")),
        _p("leather", "#5C3A21", "leather", r=0.55, cell=0.003,
           words=("leathern", "suede", "hide", "faux leather", "pleather", "nubuck"), tags=("leather",)),
        # --- nature
        _p("foliage", "#4E7A34", "foliage", ("#7FA040",), r=0.65, leaf=0.03,
           words=("leaf", "leaves", "leafy", "greenery", "canopy", "hedge", "ivy"), tags=("plant", "leaf")),
        _p("grass", "#6A9A3A", "foliage", ("#9ABD50",), r=0.8, leaf=0.01, words=("grassy", "lawn", "turf", "meadow"),
           tags=("plant", "grass")),
        _p("sand", "#D8C08E", "sand", ("#6B5A45",), r=0.95, words=("sandy", "beach", "dune", "desert"),
           tags=("ground", "sand")),
        _p("soil", "#5B4332", "concrete", ("#3E2C20",), r=0.95, pores=0.5,
           words=("dirt", "earth", "mud", "muddy", "ground", "compost"), tags=("ground", "soil")),
        _p("snow", "#F5F8FA", "sand", ("#DDE6EE",), r=0.6, ripples=0.3, words=("snowy", "frost", "frosty", "snowcapped"),
           tags=("ground", "snow")),
        _p("water", "#3F7FA8", r=0.03, alpha=0.6, words=("liquid", "sea", "ocean", "pond", "lake", "juice"),
           tags=("liquid", "water")),
        _p("fur", "#B07A4A", "speckle", r=0.9, freq=12, mottle=0.1, fibres=0.2, peel=0.0002,
           words=("furry", "fluffy", "hairy", "pelt", "fleece"), tags=("creature", "fur")),
        _p("skin", "#E0B090", "speckle", r=0.55, mottle=0.04, peel=0.00002, words=("flesh", "skin tone"),
           tags=("creature", "skin")),
        _p("scales", "#5E8C4A", "cells", ("#3A5A2E",), r=0.45, cell=0.008, words=("scaly", "reptile", "snakeskin",
                                                                                 "dragon scales"),
           tags=("creature", "scales")),
        _p("feathers", "#F2F2EE", "speckle", r=0.8, mottle=0.05, fibres=0.1, words=("feathered", "feathery", "plumage",
                                                                                      "down"),
           tags=("creature", "feathers")),
        _p("fruit_skin", "#C8302A", "speckle", ("#E8C060",), r=0.35, mottle=0.06, flecks=0.04,
           words=("fruit", "peel", "apple skin", "rind"), tags=("food", "fruit")),
        _p("bread", "#C98A45", "concrete", ("#8A5428",), r=0.8, pores=0.5, words=("crust", "toasted", "baked",
                                                                                    "pastry", "dough"),
           tags=("food", "bread")),
        _p("chocolate", "#4A2A1A", r=0.35, words=("cocoa", "fudge", "coffee"), tags=("food", "chocolate")),
        _p("cream", "#F7F0E1", r=0.45, words=("creamy", "frosting", "icing", "whipped cream", "milk", "yogurt"),
           tags=("food", "cream")),
        _p("meat", "#8B3A2E", "marble", ("#E8D0C0",), r=0.6, vein=0.12, words=("beef", "steak", "ham", "bacon", "raw meat"),
           tags=("food", "meat")),
        _p("glow", "#FFE08A", r=0.5, emissive=1.0, words=("glowing", "luminous", "emissive", "light", "neon", "lit",
                                                          "fluorescent", "phosphorescent", "lamp", "radiant"),
           tags=("emissive", "light")),
    ]
}

#: Finish words -> finish key (``preset(..., finish=...)``).
FINISH_WORDS: dict[str, str] = {
    "glossy": "glossy", "gloss": "glossy", "shiny": "glossy", "shining": "glossy", "lacquered": "glossy",
    "varnished": "glossy", "high-gloss": "glossy", "polished": "polished", "mirror-polished": "polished",
    "satin": "satin", "semi-gloss": "satin", "eggshell": "satin", "silky": "satin",
    "matte": "matte", "matt": "matte", "mat": "matte", "flat": "matte", "dull": "matte",
    "brushed": "brushed", "satin-brushed": "brushed",
}  # fmt: skip
#: Pattern words -> pattern key.
PATTERN_WORDS: dict[str, str] = {
    "striped": "striped", "stripes": "striped", "stripy": "striped", "stripey": "striped", "pinstriped": "striped",
    "polka_dot": "polka_dot", "polka-dot": "polka_dot", "polka dot": "polka_dot", "polka dots": "polka_dot",
    "polka-dotted": "polka_dot", "dotted": "polka_dot", "spotted": "polka_dot", "spotty": "polka_dot",
    "checkered": "checkered", "chequered": "checkered", "checked": "checkered", "checkerboard": "checkered",
    "checker": "checkered", "gingham": "checkered",
    "plaid": "plaid", "tartan": "plaid", "flannel": "plaid",
    "floral": "floral", "flowery": "floral", "flowered": "floral", "flower-print": "floral", "flowers": "floral",
}  # fmt: skip
#: Wear words -> wear key.
WEAR_WORDS: dict[str, str] = {
    "worn": "worn", "worn-out": "worn", "well-worn": "worn", "used": "worn", "old": "worn", "battered": "worn",
    "rusty": "rusty", "rusted": "rusty", "rusting": "rusty", "corroded": "rusty",
    "tarnished": "tarnished", "tarnish": "tarnished", "oxidized": "tarnished", "oxidised": "tarnished",
    "chipped": "chipped", "chipping": "chipped", "scuffed": "chipped", "cracked": "cracked", "crackled": "cracked",
    "dented": "dented", "dinged": "dented", "bent": "dented", "mossy": "mossy", "moss-covered": "mossy",
    "overgrown": "mossy", "weathered": "weathered", "sun-bleached": "weathered", "faded": "weathered",
    "aged": "weathered", "antique": "tarnished", "vintage": "worn",
}  # fmt: skip
#: Material words -> preset name (every preset's ``words``; the first preset to claim a word keeps it).
PRESET_WORDS: dict[str, str] = {}
for _preset in PRESETS.values():
    for _w in _preset.words:
        PRESET_WORDS.setdefault(_w, _preset.name)


def _key(value: str, table: dict[str, str], allowed: Iterable[str], what: str) -> str:
    v = str(value).strip().lower().replace("_", " ")
    for cand in (v, v.replace(" ", "_"), v.replace(" ", "-")):
        if cand in allowed:
            return cand
        if cand in table:
            return table[cand]
    raise ParameterError(f"unknown {what} {value!r}; accepted: {', '.join(sorted(allowed))}")


def normalize_finish(finish: str | None) -> str | None:
    return None if finish is None else _key(finish, FINISH_WORDS, solid.FINISHES, "finish")


def normalize_pattern(pattern: str | None) -> str | None:
    return None if pattern is None else _key(pattern, PATTERN_WORDS, solid.PATTERNS, "pattern")


def normalize_wear(wear: str | Iterable[str] | None) -> tuple[str, ...]:
    """``"rusty, worn"``, ``["rusty", "worn"]`` or None -> ordered unique wear keys."""
    if wear is None:
        return ()
    items = wear.replace(",", " ").replace("+", " ").split() if isinstance(wear, str) else list(wear)
    out: list[str] = []
    for item in items:
        k = _key(item, WEAR_WORDS, solid.WEARS, "wear")
        if k not in out:
            out.append(k)
    return tuple(out)


def _accent(base_preset: RGB, accent: RGB, base_new: RGB) -> RGB:
    """Recolor an accent so it keeps its luminance ratio to the base while taking the new hue."""
    lum = np.array([0.2126, 0.7152, 0.0722])
    b0, a0, b1 = (srgb_to_linear(np.asarray(c)) for c in (base_preset, accent, base_new))
    ratio = float(lum @ a0) / max(float(lum @ b0), 1e-4)
    return tuple(float(c) for c in linear_to_srgb(np.clip(b1 * ratio, 0, 1)))  # type: ignore[return-value]


def solid_spec(name: str, color: RGB | None = None, *, seed: int = 0, finish: str | None = None,
               pattern: str | None = None, wear: tuple[str, ...] = ()) -> solid.SolidSpec | None:
    """The solid-texture recipe of a preset (None when the result is an untextured material)."""
    p = PRESETS[name]
    kind = p.kind
    if kind is None and (pattern or wear or finish == "brushed"):
        kind = "plain"
    if kind is None:
        return None
    base0 = _hex(p.color)
    base = base0 if color is None else color
    accents = tuple(_hex(a) for a in p.accents)
    if color is not None and p.tint_accents:
        accents = tuple(_accent(base0, a, base) for a in accents)
    return solid.SolidSpec(kind, (base, *accents), p.roughness, p.metallic, int(seed), finish, pattern, wear,
                           p.params)


def preset(name: str, color: str | tuple[float, float, float] | None = None, *, material_name: str | None = None,
           seed: int = 0, finish: str | None = None, pattern: str | None = None,
           wear: str | Iterable[str] | None = None) -> Material:
    """The material ``name`` (a key of :data:`PRESETS`), optionally tinted, finished, patterned and worn.

    Args:
        name: preset key, e.g. ``"oak"``.
        color: sRGB override (``"#aa3322"`` or floats in [0, 1]); the preset's texture follows it.
        material_name: name in the model (defaults to the preset name, plus ``_<hex>`` when tinted and
            the finish/pattern/wear words).
        seed: texture variation seed.
        finish: ``glossy``, ``matte``, ``satin``, ``polished`` or ``brushed`` (or a word of :data:`FINISH_WORDS`).
        pattern: ``striped``, ``polka_dot``, ``checkered``, ``plaid`` or ``floral`` (or a word of
            :data:`PATTERN_WORDS`); drawn over the preset in its color and a contrasting one.
        wear: one or more of ``worn``, ``rusty``, ``tarnished``, ``chipped``, ``cracked``, ``dented``,
            ``mossy``, ``weathered`` (a list or a comma-separated string). Geometry wear (dents, chips,
            rounded edges) is the recipe edit op ``wear`` (:func:`meshforge.materials.wear.apply_wear`).

    Raises:
        KeyError: unknown preset. ParameterError: unknown finish, pattern or wear.
    """
    if name not in PRESETS:
        raise KeyError(f"unknown material preset {name!r}; presets: {', '.join(PRESETS)}")
    if isinstance(color, str):
        rgb: RGB | None = _hex(color)
    else:
        rgb = None if color is None else tuple(float(c) for c in color)  # type: ignore[assignment]
    return _build(name, rgb, material_name, int(seed), normalize_finish(finish), normalize_pattern(pattern),
                  normalize_wear(wear))


def _finish_factor(finish: str | None, roughness: float) -> float:
    if finish is None:
        return roughness
    return float(solid._finish_rough(finish, np.asarray([roughness], np.float32), 0.0)[0])


@lru_cache(maxsize=512)
def _build(name: str, rgb: RGB | None, material_name: str | None, seed: int, finish: str | None,
           pattern: str | None, wear: tuple[str, ...]) -> Material:
    p = PRESETS[name]
    base = rgb if rgb is not None else _hex(p.color)
    mname = material_name
    if mname is None:
        mname = name if rgb is None else f"{name}_{''.join(f'{round(c * 255):02x}' for c in base)}"
        mname = "_".join([mname, *(x for x in (finish, pattern) if x), *wear])
    tags = tuple(dict.fromkeys((*p.tags, *(x for x in (finish, pattern) if x), *wear)))
    blend = "BLEND" if p.alpha < 1 else "OPAQUE"
    emissive = (0.0, 0.0, 0.0)
    if p.emissive > 0:
        emissive = tuple(round(float(c) * p.emissive, 6) for c in srgb_to_linear(np.asarray(base)))
    spec = solid_spec(name, rgb, seed=seed, finish=finish, pattern=pattern, wear=wear)
    if spec is None:
        return Material.from_srgb(mname, base, alpha=p.alpha, metallic=p.metallic,
                                  roughness=_finish_factor(finish, p.roughness), alpha_mode=blend,
                                  emissive=emissive, tags=tags)
    variant = seed % textures.TILE_VARIANTS
    factor = (1.0, 1.0, 1.0)
    if rgb is not None and pattern is None and p.tint_accents:
        # tints reuse the preset's own tiling images as a luminance map times a color factor, so seeded
        # color variations cost no texture synthesis at build time (the bake evaluates the true colors)
        plain = solid_spec(name, None, seed=variant, finish=finish, pattern=None, wear=wear)
        color_png, gain, mr_png, normal_png = _tile_luminance(plain)  # type: ignore[arg-type]
        lin = srgb_to_linear(np.asarray(base)) * gain
        lin = lin / max(1.0, float(lin.max()))  # scale, never clip: clipping one channel changes the hue
        factor = tuple(float(c) for c in lin)  # type: ignore[assignment]
    else:
        tile_spec = solid.SolidSpec(spec.kind, spec.colors, spec.roughness, spec.metallic, variant, spec.finish,
                                    spec.pattern, spec.wear, spec.params)
        color_png, mr_png, normal_png = _tile_pngs(tile_spec)
    return Material(
        name=mname,
        base_color=(*factor, float(p.alpha)),
        metallic=1.0 if spec.metallic > 0 else 0.0,
        roughness=1.0,
        emissive=emissive,
        alpha_mode=blend,
        base_color_texture=Texture(color_png, f"{mname}_basecolor"),
        metallic_roughness_texture=Texture(mr_png, f"{mname}_metallicroughness"),
        normal_texture=Texture(normal_png, f"{mname}_normal"),
        tags=tags,
        procedural=spec,
    )


@lru_cache(maxsize=256)
def _tile_pngs(spec: solid.SolidSpec) -> tuple[bytes, bytes, bytes]:
    color, mr, normal = textures.tiled_textures(spec, "tile")
    return color.png, mr.png, normal.png


@lru_cache(maxsize=128)
def _tile_luminance(spec: solid.SolidSpec) -> tuple[bytes, float, bytes, bytes]:
    """Tiling images of an untinted preset with the color image turned into a gray luminance map.

    Returns (gray PNG, gain, metallic-roughness PNG, normal PNG): a tint's linear color times ``gain``
    is the base-color factor, so factor x gray reproduces the preset's light/dark structure in the tint.
    """
    color, mr, normal = textures.tiled_arrays(spec)
    lum = srgb_to_linear(color.astype(np.float32) / 255.0) @ np.array([0.2126, 0.7152, 0.0722])
    base_lum = float(srgb_to_linear(np.asarray(spec.colors[0])) @ np.array([0.2126, 0.7152, 0.0722]))
    rel = lum / max(base_lum, 1e-4)
    # a few bright flecks must not set the scale: they would push tints past 1 and shift their hue
    gain = max(float(np.percentile(rel, 90.0)), 1.0)
    gray = textures.to_u8(linear_to_srgb(np.clip(rel / gain, 0.0, 1.0)))
    png = textures.encode_png(np.repeat(gray[..., None], 3, axis=2), "tile").png
    return png, gain, textures.encode_png(mr, "tile").png, textures.encode_png(normal, "tile").png
