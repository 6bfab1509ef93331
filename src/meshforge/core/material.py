"""PBR materials and textures (glTF 2.0 metallic-roughness model, section 3.9).

Colors given to :class:`Material` are *linear* RGBA, as glTF's ``baseColorFactor``; use
:func:`srgb_to_linear` / :meth:`Material.from_srgb` to start from the sRGB values people pick in a
color picker. Textures are stored as PNG bytes so that a model's files are byte-for-byte reproducible.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
from PIL import Image

AlphaMode = Literal["OPAQUE", "MASK", "BLEND"]
#: Largest texture side accepted (pixels).
MAX_TEXTURE_SIZE = 4096


def srgb_to_linear(c: np.ndarray | float) -> np.ndarray:
    """IEC 61966-2-1 sRGB transfer function, inverse (components in [0, 1])."""
    c = np.clip(np.asarray(c, dtype=np.float64), 0.0, 1.0)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(c: np.ndarray | float) -> np.ndarray:
    """IEC 61966-2-1 sRGB transfer function (components in [0, 1])."""
    c = np.clip(np.asarray(c, dtype=np.float64), 0.0, 1.0)
    return np.where(c <= 0.0031308, c * 12.92, 1.055 * c ** (1 / 2.4) - 0.055)


@dataclass(frozen=True, eq=False)
class Texture:
    """An image used by a material, kept as PNG bytes.

    Attributes:
        png: the encoded PNG file.
        name: a short file-safe name (``oak_basecolor``); exporters derive file names from it.
    """

    png: bytes
    name: str = "texture"

    @classmethod
    def from_image(cls, image: Image.Image | np.ndarray, name: str = "texture") -> Texture:
        """Encode a PIL image or a (H, W, 3|4) uint8 array; sides must be at most 4096 px."""
        if isinstance(image, np.ndarray):
            image = Image.fromarray(np.ascontiguousarray(image))
        if max(image.size) > MAX_TEXTURE_SIZE:
            raise ValueError(f"texture {name!r} is {image.size}, larger than {MAX_TEXTURE_SIZE}px")
        if image.mode not in ("RGB", "RGBA", "L"):
            image = image.convert("RGBA" if "A" in image.mode else "RGB")
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=False, compress_level=6)
        return cls(buf.getvalue(), name)

    @property
    def image(self) -> Image.Image:
        return Image.open(io.BytesIO(self.png))

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.png).hexdigest()[:12]


@dataclass(frozen=True, eq=False)
class Material:
    """glTF metallic-roughness PBR material.

    Attributes:
        name: unique within a model; used as the material name in every exported format.
        base_color: linear RGBA in [0, 1] (multiplied with ``base_color_texture``, which is sRGB).
        metallic: 0 (dielectric) .. 1 (metal).
        roughness: 0 (mirror) .. 1 (fully rough).
        emissive: linear RGB emitted light factor in [0, 1].
        alpha_mode: ``OPAQUE``, ``MASK`` (cut at ``alpha_cutoff``) or ``BLEND`` (glass, liquids).
        double_sided: render back faces too (thin sheets; generated solids are closed so False).
        base_color_texture: sRGB color texture or None.
        metallic_roughness_texture: linear texture, G = roughness, B = metallic (glTF layout), or None.
        normal_texture: tangent-space normal map (OpenGL convention, +Y up) or None.
        normal_scale: strength of the normal map.
        emissive_texture: sRGB emissive texture or None.
        tags: free words describing it (``wood``, ``oak``), used by understanding and reports.
        procedural: the solid-texture recipe the textures were made from
            (:class:`meshforge.materials.solid.SolidSpec`), which the bake step re-evaluates in 3D;
            None for plain and imported materials. Not part of the exported content.
    """

    name: str
    base_color: tuple[float, float, float, float] = (0.8, 0.8, 0.8, 1.0)
    metallic: float = 0.0
    roughness: float = 0.5
    emissive: tuple[float, float, float] = (0.0, 0.0, 0.0)
    alpha_mode: AlphaMode = "OPAQUE"
    alpha_cutoff: float = 0.5
    double_sided: bool = False
    base_color_texture: Texture | None = None
    metallic_roughness_texture: Texture | None = None
    normal_texture: Texture | None = None
    normal_scale: float = 1.0
    emissive_texture: Texture | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)
    procedural: object | None = None

    def __post_init__(self) -> None:
        if len(self.base_color) != 4:
            raise ValueError("base_color must be RGBA")
        if not all(0.0 <= c <= 1.0 for c in self.base_color):
            raise ValueError("base_color components must be in [0, 1]")
        if not (0.0 <= self.metallic <= 1.0 and 0.0 <= self.roughness <= 1.0):
            raise ValueError("metallic and roughness must be in [0, 1]")
        if self.alpha_mode not in ("OPAQUE", "MASK", "BLEND"):
            raise ValueError("alpha_mode must be OPAQUE, MASK or BLEND")

    @classmethod
    def from_srgb(cls, name: str, rgb: tuple[float, float, float] | str, alpha: float = 1.0, **kwargs) -> Material:
        """Build from an sRGB color (floats in [0, 1] or ``"#rrggbb"``)."""
        if isinstance(rgb, str):
            h = rgb.lstrip("#")
            rgb = tuple(int(h[i : i + 2], 16) / 255.0 for i in (0, 2, 4))
        lin = srgb_to_linear(np.asarray(rgb, dtype=np.float64))
        return cls(name=name, base_color=(*(round(float(c), 6) for c in lin), float(alpha)), **kwargs)

    @property
    def textures(self) -> dict[str, Texture]:
        """The textures this material uses, by slot name."""
        slots = {
            "baseColor": self.base_color_texture,
            "metallicRoughness": self.metallic_roughness_texture,
            "normal": self.normal_texture,
            "emissive": self.emissive_texture,
        }
        return {k: v for k, v in slots.items() if v is not None}

    @property
    def base_color_srgb(self) -> tuple[float, float, float]:
        return tuple(float(c) for c in linear_to_srgb(np.asarray(self.base_color[:3])))

    def renamed(self, name: str) -> Material:
        return replace(self, name=name)

    def with_(self, **changes) -> Material:
        """A copy with some fields changed (``mat.with_(roughness=0.2)``)."""
        return replace(self, **changes)

    def to_dict(self) -> dict:
        """Summary for reports and the recipe (textures by name and size, not pixels)."""
        d = {
            "name": self.name,
            "base_color": [round(c, 4) for c in self.base_color],
            "metallic": self.metallic,
            "roughness": self.roughness,
            "alpha_mode": self.alpha_mode,
        }
        if any(self.emissive):
            d["emissive"] = list(self.emissive)
        for slot, tex in self.textures.items():
            d[f"{slot}_texture"] = {"name": tex.name, "size": list(tex.size)}
        return d
