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
