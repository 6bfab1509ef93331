"""Texture images from solid textures: the cheap tiling set generators use, and the shared map encoders.

:func:`tiled_maps` evaluates a :class:`~meshforge.materials.solid.SolidSpec` on the unit square of a
plane with periodic noise, so the images tile seamlessly under glTF's REPEAT sampling at the
generators' UV density (one image per :data:`meshforge.geometry.uv.UV_METERS` meters). The baked,
per-model textures of :mod:`meshforge.materials.bake` use the same encoders.

Maps (glTF 2.0, section 3.9): base color (sRGB), metallic-roughness (linear; G = roughness,
B = metallic, R unused = 255) and a tangent-space normal map (OpenGL convention: +X along +U, +Y along +V).
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from meshforge.core.material import Texture
from meshforge.materials.noise import NoiseField
from meshforge.materials.solid import Ctx, SolidSpec, Surface, evaluate

#: Side of the tiling images made at build time (one image spans one UV unit = 1 m).
TILE_SIZE = 512
#: How many distinct tiling variations a preset has (build seeds share them, so builds stay cheap).
TILE_VARIANTS = 2
#: zlib level of texture PNGs: 3 is ~1.6x faster to write than 6 for ~15 % more bytes.
PNG_LEVEL = 3


def encode_png(array: np.ndarray, name: str) -> Texture:
    """A Texture from a (H, W, 3) uint8 array (fast zlib level; deterministic bytes)."""
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(array)).save(buf, format="PNG", compress_level=PNG_LEVEL)
    return Texture(buf.getvalue(), name)


def to_u8(x: np.ndarray) -> np.ndarray:
    return np.clip(x * 255.0 + 0.5, 0, 255).astype(np.uint8)


def pack_metallic_roughness(rough: np.ndarray, metal: np.ndarray) -> np.ndarray:
    """(H, W) roughness and metallic in [0, 1] -> (H, W, 3) uint8 with G = roughness, B = metallic."""
    out = np.empty((*rough.shape, 3), np.uint8)
    out[..., 0] = 255
    out[..., 1] = to_u8(rough)
    out[..., 2] = to_u8(metal)
    return out


def normal_map(height: np.ndarray, texel: float, *, wrap: bool, strength: float = 1.0) -> np.ndarray:
    """Tangent-space normal map (H, W, 3) uint8 from a height image in meters.

    Image rows run downward while +V runs upward (glTF flips V on export), so the V slope is the
    negated row difference. ``texel`` is meters per texel; ``wrap`` uses periodic differences.
    """
    h = height.astype(np.float32)
    if wrap:
        gx = (np.roll(h, -1, axis=1) - np.roll(h, 1, axis=1)) / (2 * texel)
        gy = (np.roll(h, -1, axis=0) - np.roll(h, 1, axis=0)) / (2 * texel)
    else:
        gx = np.gradient(h, axis=1) / texel
        gy = np.gradient(h, axis=0) / texel
    nx, ny = -gx * strength, gy * strength  # dh/dv = -dh/drow
    inv = 1.0 / np.sqrt(nx * nx + ny * ny + 1.0)
    out = np.empty((*h.shape, 3), np.uint8)
    out[..., 0] = to_u8(nx * inv * 0.5 + 0.5)
    out[..., 1] = to_u8(ny * inv * 0.5 + 0.5)
    out[..., 2] = to_u8(inv * 0.5 + 0.5)
    return out


def surface_images(s: Surface, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(base color uint8, metallic-roughness uint8, height float32) images from a full-grid Surface."""
    color = to_u8(s.color.T.reshape(*shape, 3))
    mr = pack_metallic_roughness(s.rough.reshape(shape), s.metal.reshape(shape))
    return color, mr, s.height.reshape(shape)


def tile_context(size: int, seed: int) -> Ctx:
    """Points of the unit square of the z = 0 plane, one per texel centre (row 0 is V = 1)."""
    t = (np.arange(size, dtype=np.float32) + 0.5) / size
    u, v = np.meshgrid(t, 1.0 - t)
    p = np.stack([u.ravel(), v.ravel(), np.zeros(size * size, np.float32)])
    n = np.zeros_like(p)
    n[1], n[2] = 0.6, 0.8  # a surface facing up-ish, so moss and ripples show in the tile
    return Ctx(p, n, p, n, NoiseField(seed, tile=True), 1.0 / size, np.array([1.0, 1.0, 0.0], np.float32),
               0.6, tile=True, uv=p[:2])


def tiled_arrays(spec: SolidSpec, size: int = TILE_SIZE) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(base color, metallic-roughness, normal) uint8 images of ``spec`` that tile over 1 m."""
    s = evaluate(spec, tile_context(size, spec.seed))
    color, mr, height = surface_images(s, (size, size))
    return color, mr, normal_map(height, 1.0 / size, wrap=True)


def tiled_textures(spec: SolidSpec, name: str, size: int = TILE_SIZE) -> tuple[Texture, Texture, Texture]:
    """PNG textures (base color, metallic-roughness, normal) for ``spec``."""
    color, mr, normal = tiled_arrays(spec, size)
    return (encode_png(color, f"{name}_basecolor"), encode_png(mr, f"{name}_metallicroughness"),
            encode_png(normal, f"{name}_normal"))
