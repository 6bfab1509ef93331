"""Cliff: a section of rock face with a ragged top edge, layered strata that form overhanging ledges,
and noisy weathering (an SDF heightfield-like slab), optionally topped with a layer of grass.

Default: a cliff face 8 m wide, 6 m high and 3 m deep.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import organic_mesh
from meshforge.geometry import sdf
from meshforge.geometry.noise import GradientNoise3D


@register
class CliffGenerator(Generator):
    id = "cliff"
    name = "Cliff"
    family = "nature"
    synonyms = ("rock face", "cliff face", "rock wall", "escarpment", "bluff", "crag", "precipice",
                "canyon wall", "rocky outcrop", "outcrop", "ledge")
    description = (
        "A section of cliff: a steep rock face with a ragged top edge, horizontal strata that step back "
        "into overhanging ledges, weathered by layered noise; optionally with grass growing on top."
    )
    tags = ("nature", "landscape", "terrain", "gaming", "environment")
    params = (
        Param("width", "float", 8.0, 1.0, 40.0, "m", description="width of the face (X)",
              words=("wide", "narrow", "long"), sample_range=(5.0, 12.0)),
        Param("height", "float", 6.0, 1.0, 40.0, "m", description="ground to the top edge",
              words=("tall", "high", "low", "towering"), sample_range=(4.0, 9.0)),
        Param("depth", "float", 3.0, 0.5, 15.0, "m", description="depth of the rock mass (Z)",
              words=("deep", "thick", "thin"), sample_range=(2.0, 4.0)),
        Param("ledges", "int", 4, 0, 12, "count", description="strata ledges up the face",
              words=("ledges", "layered", "stratified", "terraced", "four ledges"), sample_range=(2, 6)),
        Param("roughness", "float", 0.5, 0.0, 1.0, "ratio", description="how broken and craggy the face is",
              words=("rough", "craggy", "jagged", "smooth", "weathered"), sample_range=(0.35, 0.7)),
        Param("grass_top", "bool", True, description="a layer of grass on top", words=("grassy top", "grass"),
              p_true=0.6),
    )
    slots = (
        Slot("rock", "sandstone", words=("rock", "stone", "cliff", "face"),
             choices=("sandstone", "granite", "slate", "concrete"), description="the rock"),
        Slot("grass", "grass", words=("grass", "turf", "moss", "top"), description="grass on top"),
    )
    size = SizeEnvelope(min=(0.9, 0.9, 0.45), max=(44.0, 44.0, 17.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        W, H, D = p["width"], p["height"], p["depth"]
        rough = p["roughness"]
        noise = GradientNoise3D(int(rng.integers(1 << 30)), max_octaves=6)
        scale = min(W, H)
        amp = scale * 0.07 * (0.4 + rough)
        n_ledges = p["ledges"]
        # strata of uneven thickness; each recedes upward and juts out again at the next (an overhang)
        bounds_y = np.concatenate([[0.0], np.cumsum(rng.uniform(0.6, 1.4, n_ledges + 1))])
        bounds_y *= H / bounds_y[-1]
        ledge_depth = rng.uniform(0.5, 1.0, n_ledges + 1) * min(D * 0.18, H / (n_ledges + 1) * 0.5)
        if not n_ledges:
            ledge_depth[:] = 0.0
        cracks = rng.uniform(-W / 2, W / 2, max(1, int(W / 3)))
        f = 1.6 / scale
        lo = np.array([-W / 2 - amp, -0.01, -D / 2 - 0.01])
        hi = np.array([W / 2 + amp, H + amp, D / 2 + amp])

        def grid2d(a0: float, a1: float, b0: float, b1: float, fn: Any, n: int = 160) -> Any:
            """Sample fn(a, b) on an n x n grid once; return a bilinear lookup (fast inside the SDF)."""
            from scipy.ndimage import map_coordinates

            a = np.linspace(a0, a1, n)
            b = np.linspace(b0, b1, n)
            ga, gb = np.meshgrid(a, b, indexing="ij")
            table = fn(ga.ravel(), gb.ravel()).reshape(n, n)

            def lookup(u: np.ndarray, v: np.ndarray) -> np.ndarray:
                iu = np.clip((u - a0) / (a1 - a0) * (n - 1), 0, n - 1)
                iv = np.clip((v - b0) / (b1 - b0) * (n - 1), 0, n - 1)
                return map_coordinates(table, np.stack([iu, iv]), order=1)

            return lookup

        def top_fn(x: np.ndarray, z: np.ndarray) -> np.ndarray:
            n = noise.fbm(np.stack([x * f * 2, z * f * 2, np.full_like(x, 7.3)], axis=1), octaves=3)
            return H - amp * 0.6 - amp * 0.6 * n

        def face_fn(x: np.ndarray, y: np.ndarray) -> np.ndarray:
            n = noise.fbm(np.stack([x * f, y * f * 1.8, np.full_like(x, 1.7)], axis=1), octaves=5)
            k = np.clip(np.searchsorted(bounds_y, y, side="right") - 1, 0, len(bounds_y) - 2)
            phase = (y - bounds_y[k]) / (bounds_y[k + 1] - bounds_y[k])
            steps = ledge_depth[k] * np.clip(phase, 0, 1) ** 2
            crack = sum(amp * 0.8 * np.exp(-(((x - c) / (amp * 0.5)) ** 2)) for c in cracks)
            lean = (y / H) * D * 0.12
            return D / 2 - amp * 0.5 + amp * n - steps - lean - crack

        def side_fn(y: np.ndarray, z: np.ndarray) -> np.ndarray:
            n = noise.fbm(np.stack([y * f * 1.5, z * f * 1.5, np.full_like(y, 4.1)], axis=1), octaves=3)
            return W / 2 - amp * 0.6 + amp * 0.6 * n

        top_y = grid2d(lo[0], hi[0], lo[2], hi[2], top_fn, 96)
        face_z = grid2d(lo[0], hi[0], lo[1], hi[1], face_fn, 200)
        side_x = grid2d(lo[1], hi[1], lo[2], hi[2], side_fn, 96)

        def rock_sdf(q: np.ndarray) -> np.ndarray:
            x, y, z = q.T
            d = np.maximum.reduce([z - face_z(x, y), -D / 2 - z, np.abs(x) - side_x(y, z), y - top_y(x, z), -y])
            return d * 0.55

        rock = sdf.custom(rock_sdf, np.array([lo, hi]), "cliff")
        rock = rock.displace(amp * 0.25, 6.0 / scale, int(rng.integers(1 << 30)), octaves=3)
        rock = rock & sdf.half_space((0, -1, 0), (0, 0, 0))
        res = 56
        model.add("rock", organic_mesh(rock, res, crease_deg=60.0), self.material("rock"))
        if p["grass_top"]:
            voxel = (hi[0] - lo[0]) / 56
            t = max(scale * 0.012, 0.03, 1.6 * voxel)

            def grass_sdf(q: np.ndarray) -> np.ndarray:
                x, y, z = q.T
                d = np.maximum.reduce([z - face_z(x, y) - t, -D / 2 - t - z, np.abs(x) - side_x(y, z) - t,
                                       y - top_y(x, z) - t, top_y(x, z) - t * 3.0 - y])
                return d * 0.55

            lo_g = np.array([lo[0] - t, H - amp * 1.5 - t * 4, lo[2] - t])
            hi_g = np.array([hi[0] + t, H + amp + t, hi[2] + t])
            grass = sdf.custom(grass_sdf, np.array([lo_g, hi_g]), "cliff_grass")
            model.add("grass", organic_mesh(grass, 56, voxel_size=voxel), self.material("grass"))
        return model
