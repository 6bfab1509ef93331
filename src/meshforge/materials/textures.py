"""Procedural textures in numpy: deterministic images that tile at the generators' UV density.

Every function returns an (H, W, 3) uint8 sRGB image that tiles seamlessly (periodic noise on a
torus), so REPEAT sampling of tiling UVs shows no seams. One image spans one UV unit
(:data:`meshforge.geometry.uv.UV_METERS` meters).
"""

from __future__ import annotations

import numpy as np


def periodic_value_noise(size: int, cells: int | tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """(size, size) smooth value noise in [0, 1] that tiles; ``cells`` lattice cells per side (rows, cols)."""
    cy, cx = (cells, cells) if isinstance(cells, int) else cells
    lattice = rng.random((cy, cx))

    def axis(n_cells: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        t = np.arange(size) * n_cells / size
        i0 = np.floor(t).astype(int)
        f = t - i0
        return i0, (i0 + 1) % n_cells, f * f * (3 - 2 * f)

    y0, y1, fy = axis(cy)
    x0, x1, fx = axis(cx)
    fy, fx = fy[:, None], fx[None, :]
    a, b = lattice[np.ix_(y0, x0)], lattice[np.ix_(y0, x1)]
    c, d = lattice[np.ix_(y1, x0)], lattice[np.ix_(y1, x1)]
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy


def fbm(size: int, base_cells: int, octaves: int, rng: np.random.Generator) -> np.ndarray:
    """Tiling fractal value noise in [0, 1]."""
    total = np.zeros((size, size))
    amp, norm = 1.0, 0.0
    for o in range(octaves):
        total += amp * periodic_value_noise(size, base_cells * 2**o, rng)
        norm += amp
        amp *= 0.5
    return total / norm


def wood(light_srgb: tuple[float, float, float], dark_srgb: tuple[float, float, float], *, size: int = 512,
         rings_per_unit: float = 26.0, seed: int = 0) -> np.ndarray:
    """Flat-sawn wood grain along U (sRGB uint8).

    Growth rings are iso-distance lines from a pith running along U, cut by a board whose depth below
    the pith wavers slowly along U: near the pith the rings open into the cathedral arches of flat-sawn
    planks, away from it they run as long, gently wavy stripes. Distances use ``sin`` so the image tiles.
    """
    rng = np.random.default_rng(seed)
    u = np.arange(size)[None, :] / size
    v = np.arange(size)[:, None] / size
    # slow waviness along the board (few cells across, more along) and a small tilt of the pith
    wave = periodic_value_noise(size, (3, 6), rng) - 0.5
    depth = 0.035 + 0.03 * (0.5 + 0.5 * np.sin(2 * np.pi * (u + rng.random()))) + 0.01 * wave
    across = np.sin(np.pi * (v - rng.random() + 0.03 * wave)) / np.pi
    r = np.sqrt(across**2 + depth**2)
    jitter = periodic_value_noise(size, (48, 6), rng) - 0.5
    phase = r * rings_per_unit * 2.0 + 0.12 * jitter
    ring = phase % 1.0
    # earlywood fades into a darker latewood band, then a sharp boundary
    late = np.clip((ring - 0.6) / 0.4, 0, 1) ** 2
    fibres = periodic_value_noise(size, (200, 3), rng) * 0.6 + periodic_value_noise(size, (400, 5), rng) * 0.4
    blotch = periodic_value_noise(size, (4, 2), rng)
    t = np.clip(0.45 * late + 0.25 * fibres + 0.15 * blotch, 0, 1)[..., None]
    light, dark = np.asarray(light_srgb), np.asarray(dark_srgb)
    img = light * (1 - t) + dark * t
    return np.clip(img * 255 + 0.5, 0, 255).astype(np.uint8)


def speckle(base_srgb: tuple[float, float, float], *, amount: float = 0.06, size: int = 256, seed: int = 0) -> np.ndarray:
    """Subtle mottling for ceramics, plastics and painted surfaces (sRGB uint8)."""
    rng = np.random.default_rng(seed)
    n = fbm(size, 4, 4, rng) - 0.5
    img = np.asarray(base_srgb)[None, None, :] * (1 + amount * 2 * n[..., None])
    return np.clip(img * 255 + 0.5, 0, 255).astype(np.uint8)


def brushed(base_srgb: tuple[float, float, float], *, size: int = 256, seed: int = 0) -> np.ndarray:
    """Brushed-metal streaks along U (sRGB uint8)."""
    rng = np.random.default_rng(seed)
    lines = periodic_value_noise(size, 128, rng)[:, :1] * np.ones((1, size))
    n = 0.7 * lines + 0.3 * fbm(size, 4, 2, rng)
    img = np.asarray(base_srgb)[None, None, :] * (0.9 + 0.2 * n[..., None])
    return np.clip(img * 255 + 0.5, 0, 255).astype(np.uint8)


def weave(base_srgb: tuple[float, float, float], *, size: int = 256, threads_per_unit: int = 64, seed: int = 0) -> np.ndarray:
    """Fabric weave (plain weave over/under pattern with slight noise), sRGB uint8."""
    rng = np.random.default_rng(seed)
    t = np.arange(size) * threads_per_unit / size
    u, v = np.meshgrid(t, t)
    warp_up = ((np.floor(u) + np.floor(v)) % 2 == 0)
    shade = np.where(warp_up, 0.5 + 0.5 * np.sin(np.pi * (v % 1)), 0.5 + 0.5 * np.sin(np.pi * (u % 1)))
    n = fbm(size, 8, 3, rng)
    k = 0.82 + 0.12 * shade + 0.08 * n
    img = np.asarray(base_srgb)[None, None, :] * k[..., None]
    return np.clip(img * 255 + 0.5, 0, 255).astype(np.uint8)
