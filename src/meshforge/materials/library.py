"""Named PBR material presets (``oak``, ``steel``, ``ceramic``, ...).

Values follow common physically based references: dielectrics have metallic 0 and an sRGB albedo
between ~30 and ~240; metals have metallic 1 and their specular color as base color (e.g. gold
#FFC356, aluminium #F5F6F6, iron #C4C7C7 as listed in the Unreal/Substance PBR charts).
Textures are procedural (:mod:`meshforge.materials.textures`), cached per (preset, color).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from meshforge.core.material import Material, Texture
from meshforge.materials import textures


def _hex(h: str) -> tuple[float, float, float]:
    h = h.lstrip("#")
    return tuple(int(h[i : i + 2], 16) / 255.0 for i in (0, 2, 4))  # type: ignore[return-value]


@dataclass(frozen=True)
class Preset:
    """A material recipe: sRGB color, PBR factors, an optional texture maker and descriptive tags."""

    name: str
    color: str
    metallic: float = 0.0
    roughness: float = 0.5
    texture: Callable[[tuple[float, float, float], int], object] | None = None
    alpha: float = 1.0
    tags: tuple[str, ...] = ()


def _wood(dark: str) -> Callable:
    def make(rgb: tuple[float, float, float], seed: int) -> object:
        d = _hex(dark)
        return textures.wood(rgb, tuple(min(1.0, c * 0.35 + dk * 0.65) for c, dk in zip(rgb, d, strict=True)), seed=seed)

    return make


def _speckle(rgb: tuple[float, float, float], seed: int) -> object:
    return textures.speckle(rgb, seed=seed)


def _brushed(rgb: tuple[float, float, float], seed: int) -> object:
    return textures.brushed(rgb, seed=seed)


def _weave(rgb: tuple[float, float, float], seed: int) -> object:
    return textures.weave(rgb, seed=seed)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in [
        Preset("oak", "#B8895A", roughness=0.6, texture=_wood("#7A5230"), tags=("wood", "oak")),
        Preset("walnut", "#6B4A33", roughness=0.55, texture=_wood("#3B2517"), tags=("wood", "walnut")),
        Preset("pine", "#D9B382", roughness=0.65, texture=_wood("#A8793F"), tags=("wood", "pine")),
        Preset("maple", "#E0C49B", roughness=0.55, texture=_wood("#C09A6A"), tags=("wood", "maple")),
        Preset("painted_wood", "#F2F0EB", roughness=0.45, texture=_speckle, tags=("wood", "painted")),
        Preset("steel", "#C4C7C7", metallic=1.0, roughness=0.35, texture=_brushed, tags=("metal", "steel")),
        Preset("black_metal", "#2A2A2C", metallic=0.8, roughness=0.45, tags=("metal", "powder-coated")),
        Preset("brushed_aluminium", "#E6E8E8", metallic=1.0, roughness=0.3, texture=_brushed, tags=("metal", "aluminium")),
        Preset("chrome", "#F2F2F2", metallic=1.0, roughness=0.08, tags=("metal", "chrome")),
        Preset("brass", "#E1C16E", metallic=1.0, roughness=0.3, tags=("metal", "brass")),
        Preset("copper", "#EDA988", metallic=1.0, roughness=0.3, tags=("metal", "copper")),
        Preset("gold", "#FFC356", metallic=1.0, roughness=0.2, tags=("metal", "gold")),
        Preset("ceramic", "#F1EEE8", roughness=0.18, texture=_speckle, tags=("ceramic", "glazed")),
        Preset("stoneware", "#8C7A6B", roughness=0.55, texture=_speckle, tags=("ceramic", "stoneware")),
        Preset("porcelain", "#FAFAF7", roughness=0.1, tags=("ceramic", "porcelain")),
        Preset("glass", "#E8F1F2", roughness=0.05, alpha=0.3, tags=("glass",)),
        Preset("plastic", "#D8D8D8", roughness=0.4, tags=("plastic",)),
        Preset("rubber", "#1E1E1E", roughness=0.9, tags=("rubber",)),
        Preset("fabric", "#6E7F8F", roughness=0.9, texture=_weave, tags=("fabric", "textile")),
        Preset("leather", "#5C3A21", roughness=0.55, texture=_speckle, tags=("leather",)),
        # --- woods
        Preset("cherry", "#9B5A3C", roughness=0.5, texture=_wood("#6A3420"), tags=("wood", "cherry")),
        Preset("birch", "#E8D5B0", roughness=0.6, texture=_wood("#CDB387"), tags=("wood", "birch")),
        Preset("mahogany", "#6E2F1E", roughness=0.45, texture=_wood("#431A10"), tags=("wood", "mahogany")),
        Preset("bamboo", "#D8C38A", roughness=0.5, texture=_wood("#B79C5C"), tags=("wood", "bamboo")),
        Preset("plywood", "#D6B98C", roughness=0.7, texture=_wood("#B8955F"), tags=("wood", "plywood")),
        Preset("weathered_wood", "#8A7F70", roughness=0.85, texture=_wood("#5E554A"), tags=("wood", "weathered")),
        Preset("bark", "#5A4330", roughness=0.95, texture=_speckle, tags=("wood", "bark")),
        # --- metals
        Preset("stainless_steel", "#D0D2D3", metallic=1.0, roughness=0.22, texture=_brushed, tags=("metal", "steel")),
        Preset("iron", "#8E9091", metallic=1.0, roughness=0.55, tags=("metal", "iron")),
        Preset("cast_iron", "#3A3A3A", metallic=0.9, roughness=0.7, texture=_speckle, tags=("metal", "iron")),
        Preset("rusty_iron", "#7A4A2E", metallic=0.4, roughness=0.85, texture=_speckle, tags=("metal", "rust")),
        Preset("bronze", "#B07A48", metallic=1.0, roughness=0.35, tags=("metal", "bronze")),
        Preset("silver", "#FCFAF5", metallic=1.0, roughness=0.15, tags=("metal", "silver")),
        Preset("painted_metal", "#B03A2E", metallic=0.2, roughness=0.4, tags=("metal", "painted")),
        # --- ceramics, glass, stone
        Preset("terracotta", "#C0643F", roughness=0.8, texture=_speckle, tags=("ceramic", "terracotta")),
        Preset("frosted_glass", "#EEF3F4", roughness=0.45, alpha=0.6, tags=("glass", "frosted")),
        Preset("crystal", "#F4FAFF", roughness=0.02, alpha=0.2, tags=("glass", "crystal")),
        Preset("marble", "#EDEBE6", roughness=0.2, texture=_speckle, tags=("stone", "marble")),
        Preset("granite", "#8B8682", roughness=0.45, texture=_speckle, tags=("stone", "granite")),
        Preset("stone", "#9A948A", roughness=0.85, texture=_speckle, tags=("stone",)),
        Preset("sandstone", "#CDB38B", roughness=0.9, texture=_speckle, tags=("stone", "sandstone")),
        Preset("slate", "#4A4F55", roughness=0.7, texture=_speckle, tags=("stone", "slate")),
        Preset("concrete", "#A3A19C", roughness=0.9, texture=_speckle, tags=("stone", "concrete")),
        Preset("brick", "#A2523A", roughness=0.85, texture=_speckle, tags=("stone", "brick")),
        Preset("tiles", "#E9E6DF", roughness=0.25, texture=_speckle, tags=("ceramic", "tiles")),
        # --- plastics, rubber, paper, wax
        Preset("glossy_plastic", "#D8D8D8", roughness=0.15, tags=("plastic", "glossy")),
        Preset("matte_plastic", "#D8D8D8", roughness=0.7, tags=("plastic", "matte")),
        Preset("paper", "#F3EFE4", roughness=0.85, texture=_speckle, tags=("paper",)),
        Preset("cardboard", "#B8925F", roughness=0.9, texture=_speckle, tags=("paper", "cardboard")),
        Preset("wax", "#F3E9D2", roughness=0.35, tags=("wax",)),
        # --- textiles
        Preset("linen", "#D9CFBF", roughness=0.9, texture=_weave, tags=("fabric", "linen")),
        Preset("velvet", "#6B1E3A", roughness=0.95, texture=_weave, tags=("fabric", "velvet")),
        Preset("wool", "#C9C1B3", roughness=0.95, texture=_weave, tags=("fabric", "wool")),
        Preset("denim", "#3B5A85", roughness=0.9, texture=_weave, tags=("fabric", "denim")),
        # --- nature, food, creatures
        Preset("foliage", "#4E7A34", roughness=0.7, texture=_speckle, tags=("plant", "leaf")),
        Preset("grass", "#6A9A3A", roughness=0.8, texture=_speckle, tags=("plant", "grass")),
        Preset("sand", "#D8C08E", roughness=0.95, texture=_speckle, tags=("ground", "sand")),
        Preset("soil", "#5B4332", roughness=0.95, texture=_speckle, tags=("ground", "soil")),
        Preset("snow", "#F5F8FA", roughness=0.6, tags=("ground", "snow")),
        Preset("water", "#3F7FA8", roughness=0.05, alpha=0.7, tags=("liquid", "water")),
        Preset("fur", "#B07A4A", roughness=0.9, texture=_speckle, tags=("creature", "fur")),
        Preset("skin", "#E0B090", roughness=0.6, tags=("creature", "skin")),
        Preset("scales", "#5E8C4A", roughness=0.5, texture=_speckle, tags=("creature", "scales")),
        Preset("feathers", "#F2F2EE", roughness=0.8, texture=_speckle, tags=("creature", "feathers")),
        Preset("fruit_skin", "#C8302A", roughness=0.35, texture=_speckle, tags=("food", "fruit")),
        Preset("bread", "#C98A45", roughness=0.8, texture=_speckle, tags=("food", "bread")),
        Preset("chocolate", "#4A2A1A", roughness=0.4, tags=("food", "chocolate")),
        Preset("cream", "#F7F0E1", roughness=0.5, tags=("food", "cream")),
        Preset("meat", "#6B3A26", roughness=0.7, texture=_speckle, tags=("food", "meat")),
        Preset("glow", "#FFE08A", roughness=0.5, tags=("emissive", "light")),
    ]
}


def preset(name: str, color: str | tuple[float, float, float] | None = None, *, material_name: str | None = None,
           seed: int = 0) -> Material:
    """The material ``name`` (a key of :data:`PRESETS`), optionally tinted with an sRGB ``color``.

    Args:
        name: preset key, e.g. ``"oak"``.
        color: sRGB override (``"#aa3322"`` or floats in [0, 1]); the preset's texture follows it.
        material_name: name in the model (defaults to the preset name, or ``<preset>_<hex>`` when tinted).
        seed: texture variation seed.
    """
    if name not in PRESETS:
        raise KeyError(f"unknown material preset {name!r}; presets: {', '.join(PRESETS)}")
    rgb = _hex(color) if isinstance(color, str) else (tuple(color) if color is not None else None)
    return _build(name, rgb, material_name, seed)


@lru_cache(maxsize=256)
def _build(name: str, rgb: tuple[float, float, float] | None, material_name: str | None, seed: int) -> Material:
    p = PRESETS[name]
    base = rgb if rgb is not None else _hex(p.color)
    mname = material_name or (name if rgb is None else f"{name}_{''.join(f'{round(c * 255):02x}' for c in base)}")
    tex = None
    factor = base
    if p.texture is not None:
        tex = Texture.from_image(p.texture(base, seed), f"{mname}_basecolor")
        factor = (1.0, 1.0, 1.0)  # the texture carries the color
    return Material.from_srgb(
        mname,
        factor,
        alpha=p.alpha,
        metallic=p.metallic,
        roughness=p.roughness,
        alpha_mode="BLEND" if p.alpha < 1 else "OPAQUE",
        base_color_texture=tex,
        tags=p.tags,
    )
