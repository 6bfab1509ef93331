"""Fast solid noise for texture synthesis: periodic noise volumes sampled by trilinear lookup.

Evaluating Perlin noise directly costs ~150 ns per point and octave in numpy; a texture bake evaluates
millions of points. So noise here is *precomputed once per process* into two small periodic volumes and
then sampled, which costs ~25 ns per point and octave (see ``benchmarks/textures.py``):

* a smooth-noise volume (64^3 voxels of white noise band-passed to ~6 cycles per period in the Fourier
  domain: the spectrum and look of gradient noise, periodic by construction, ~11 voxels per feature), and
* a cellular volume (Worley, "A Cellular Texture Basis Function", SIGGRAPH 1996): distance to the
  nearest and second-nearest feature point (F1, F2) and a random id of the nearest cell, 8 cells per period.

A :class:`NoiseField` turns the volumes into many decorrelated noises: each octave/channel gets its own
seeded rotation and offset. In ``tile`` mode rotations are dropped and frequencies are rounded so that
sampling the unit square ``[0, 1)^2`` of the z=0 plane gives an image that tiles seamlessly (the
cheap tiled textures generators use before baking). Everything is deterministic for a seed.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

#: Side of both noise volumes (voxels, a power of two so wrapping is a bit mask).
VOLUME = 64
#: Gradient-noise lattice cells per volume period.
GRADIENT_CELLS = 6
#: Worley feature cells per volume period.
WORLEY_CELLS = 8
_CHUNK = 32768


@lru_cache(maxsize=1)
def gradient_volume() -> np.ndarray:
    """(VOLUME^3,) float32 periodic band-limited noise in [-1, 1] (flattened x-major), built once (~50 ms).

    Spectral synthesis: white noise filtered in the Fourier domain to a band around ``GRADIENT_CELLS``
    cycles per period, which has the look and spectrum of gradient noise and is periodic by construction.
    """
    rng = np.random.default_rng(20261105)
    white = rng.normal(size=(VOLUME, VOLUME, VOLUME)).astype(np.float32)
    k = np.fft.fftfreq(VOLUME) * VOLUME
    kz = np.fft.rfftfreq(VOLUME) * VOLUME
    radius = np.sqrt(k[:, None, None] ** 2 + k[None, :, None] ** 2 + kz[None, None, :] ** 2)
    band = np.exp(-(((radius - GRADIENT_CELLS) / (0.4 * GRADIENT_CELLS)) ** 2))
    vol = np.fft.irfftn(np.fft.rfftn(white) * band, s=white.shape, axes=(0, 1, 2))
    vol /= np.abs(vol).max()
    return vol.astype(np.float32).ravel()


@lru_cache(maxsize=1)
def worley_volume() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Flattened float32 volumes (F1, F2, cell id in [0, 1)); distances in cell units. Built once (~80 ms).

    One jittered feature point per cell; every voxel looks at the 27 cells around its own.
    """
    rng = np.random.default_rng(19961104)
    c, r = WORLEY_CELLS, VOLUME // WORLEY_CELLS
    jitter = rng.random((c, c, c, 3)).astype(np.float32)
    ids = rng.random((c, c, c)).astype(np.float32)
    grid = np.stack(np.meshgrid(np.arange(c), np.arange(c), np.arange(c), indexing="ij"), -1).reshape(-1, 3)
    offsets = np.stack(np.meshgrid([-1, 0, 1], [-1, 0, 1], [-1, 0, 1], indexing="ij"), -1).reshape(-1, 3)
    wrapped = (grid[:, None, :] + offsets[None]) % c
    features = (offsets[None] + jitter[wrapped[..., 0], wrapped[..., 1], wrapped[..., 2]]).astype(np.float32)
    neighbour_ids = ids[wrapped[..., 0], wrapped[..., 1], wrapped[..., 2]]
    local = np.stack(np.meshgrid(np.arange(r), np.arange(r), np.arange(r), indexing="ij"), -1).reshape(-1, 3)
    local = ((local + 0.5) / r).astype(np.float32)
    d2 = np.zeros((len(grid), len(local), len(offsets)), np.float32)
    for a in range(3):
        d2 += (local[None, :, None, a] - features[:, None, :, a]) ** 2
    nearest = np.argmin(d2, axis=2)[..., None]
    f1 = np.take_along_axis(d2, nearest, 2)[..., 0]
    cell_id = np.take_along_axis(np.broadcast_to(neighbour_ids[:, None, :], d2.shape), nearest, 2)[..., 0]
    np.put_along_axis(d2, nearest, np.inf, 2)
    f2 = d2.min(axis=2)

    def to_volume(a: np.ndarray) -> np.ndarray:
        # (cell x, y, z, voxel x, y, z) -> (x, y, z) voxels
        v = a.reshape(c, c, c, r, r, r).transpose(0, 3, 1, 4, 2, 5).reshape(VOLUME, VOLUME, VOLUME)
        return np.ascontiguousarray(v, dtype=np.float32).ravel()

    return to_volume(np.sqrt(f1)), to_volume(np.sqrt(f2)), to_volume(cell_id)


def sample(volume: np.ndarray, q: np.ndarray, *, nearest: bool = False) -> np.ndarray:
    """Trilinear (or nearest-voxel) lookup of a flattened periodic volume at (3, N) voxel coordinates."""
    n = q.shape[1]
    out = np.empty(n, np.float32)
    m = VOLUME - 1
    for s in range(0, n, _CHUNK):
        e = min(n, s + _CHUNK)
        if nearest:
            ix, iy, iz = (np.floor(q[a, s:e]).astype(np.int32) & m for a in range(3))
            out[s:e] = volume[(ix * VOLUME + iy) * VOLUME + iz]
            continue
        bx, by, bz = (np.floor(q[a, s:e]) for a in range(3))
        fx, fy, fz = q[0, s:e] - bx, q[1, s:e] - by, q[2, s:e] - bz
        ix, iy, iz = (b.astype(np.int32) & m for b in (bx, by, bz))
        x0 = ix * (VOLUME * VOLUME)
        x1 = ((ix + 1) & m) * (VOLUME * VOLUME)
        y0 = iy * VOLUME
        y1 = ((iy + 1) & m) * VOLUME
        z1 = (iz + 1) & m
        a = volume[x0 + y0 + iz]
        c00 = a + fx * (volume[x1 + y0 + iz] - a)
        a = volume[x0 + y1 + iz]
        c10 = a + fx * (volume[x1 + y1 + iz] - a)
        a = volume[x0 + y0 + z1]
        c01 = a + fx * (volume[x1 + y0 + z1] - a)
        a = volume[x0 + y1 + z1]
        c11 = a + fx * (volume[x1 + y1 + z1] - a)
        c0 = c00 + fy * (c10 - c00)
        c1 = c01 + fy * (c11 - c01)
        out[s:e] = c0 + fz * (c1 - c0)
    return out


def _rotation(rng: np.random.Generator) -> np.ndarray:
    q, r = np.linalg.qr(rng.normal(size=(3, 3)))
    q *= np.sign(np.diag(r))
    if np.linalg.det(q) < 0:
        q[:, 0] = -q[:, 0]
    return q


class NoiseField:
    """Seeded family of decorrelated solid noises over points in meters.

    Args:
        seed: any int; the same seed gives the same values.
        tile: make every noise periodic with a period of 1 m along x and y (frequencies are rounded up
            to multiples of the volume's cells per period and channel rotations are dropped), for
            tiling images of the unit square.
    """

    def __init__(self, seed: int, *, tile: bool = False, channels: int = 64) -> None:
        rng = np.random.default_rng([int(seed) & 0xFFFFFFFF, 61])
        self.tile = tile
        self._rot = np.stack([np.eye(3) if tile else _rotation(rng) for _ in range(channels)]).astype(np.float32)
        self._off = rng.uniform(0, VOLUME, size=(channels, 3)).astype(np.float32)

    def _coords(self, p: np.ndarray, freq: float | tuple[float, float, float], channel: int, cells: int) -> np.ndarray:
        f = np.broadcast_to(np.asarray(freq, dtype=np.float64), (3,)).copy()
        if self.tile:
            f = np.maximum(1.0, np.round(f / cells)) * cells
        scale = (f * VOLUME / cells).astype(np.float32)
        k = channel % len(self._rot)
        rot, off = self._rot[k], self._off[k]
        x, y, z = p[0] * scale[0], p[1] * scale[1], p[2] * scale[2]
        if self.tile:
            return np.stack([x + off[0], y + off[1], z + off[2]])
        return np.stack([rot[i, 0] * x + rot[i, 1] * y + rot[i, 2] * z + off[i] for i in range(3)])

    def noise(self, p: np.ndarray, freq: float | tuple[float, float, float], channel: int = 0) -> np.ndarray:
        """Smooth noise in [-1, 1] (std ~0.3) at (3, N) float32 points with ``freq`` features per meter (scalar or per axis)."""
        return sample(gradient_volume(), self._coords(p, freq, channel, GRADIENT_CELLS))

    def fbm(self, p: np.ndarray, freq: float | tuple[float, float, float], octaves: int = 4, channel: int = 0,
            gain: float = 0.5) -> np.ndarray:
        """Fractal sum of ``octaves`` noises (frequency doubling, amplitude ``gain``), normalised to [-1, 1]."""
        f = np.asarray(freq, dtype=np.float64)
        total = np.zeros(p.shape[1], np.float32)
        amp, norm = 1.0, 0.0
        for o in range(octaves):
            total += np.float32(amp) * self.noise(p, f * 2**o, channel + o)
            norm += amp
            amp *= gain
        return total / np.float32(norm)

    def cells(self, p: np.ndarray, freq: float | tuple[float, float, float], channel: int = 0
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Worley noise with ``freq`` cells per meter: (F1, F2 in cell units, nearest cell id in [0, 1))."""
        f1, f2, ids = worley_volume()
        q = self._coords(p, freq, channel + 17, WORLEY_CELLS)
        return sample(f1, q), sample(f2, q), sample(ids, q, nearest=True)


def hash01(*ints: np.ndarray, seed: int = 0) -> np.ndarray:
    """Deterministic pseudo-random floats in [0, 1) from integer arrays (brick and tile ids)."""
    h = np.full(np.broadcast(*ints).shape, (seed * 0x9E3779B1 + 0x7F4A7C15) & 0xFFFFFFFF, dtype=np.uint32)
    for a in ints:
        h ^= np.asarray(a).astype(np.int64).astype(np.uint32) * np.uint32(0x85EBCA6B)
        h ^= h >> np.uint32(13)
        h *= np.uint32(0xC2B2AE35)
        h ^= h >> np.uint32(16)
    return (h >> np.uint32(8)).astype(np.float32) / np.float32(1 << 24)
