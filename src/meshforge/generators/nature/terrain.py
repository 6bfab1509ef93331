"""Terrain: a square patch of landscape from a seeded fBm heightfield (rolling hills, ridged mountains,
terraced plateaus or an island), closed into a solid block with vertical skirts and a flat base: a
grass-covered top layer over a soil body, optionally with water filling the hollows.

Default: a 20 m x 20 m patch of hills rising up to 4 m above a 1 m base.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh, concatenate
from meshforge.geometry.noise import GradientNoise3D
from meshforge.geometry.uv import UV_METERS

GRID = 81  # vertices per side of the heightfield


def heightfield_solid(xs: np.ndarray, zs: np.ndarray, top: np.ndarray, bottom: np.ndarray | float) -> Mesh:
    """Closed solid between two heightfields over the grid ``xs`` x ``zs`` (``top`` > ``bottom``, (nx, nz)).

    Top and bottom are triangulated grids (a flat ``bottom`` given as a number is a fan of a few large
    triangles from its centre); the four sides are vertical strips joining their edges.
    UVs are planar (top/bottom) or along the side (walls), in meters.
    """
    nx, nz = len(xs), len(zs)
    gx, gz = np.meshgrid(xs, zs, indexing="ij")
    idx = np.arange(nx * nz).reshape(nx, nz)
    a, b, c, d = idx[:-1, :-1], idx[1:, :-1], idx[1:, 1:], idx[:-1, 1:]
    # alternate the diagonal so the grid has no directional bias
    quads = np.stack([a, b, c, d], -1).reshape(-1, 4)
    tris = np.concatenate([quads[:, [0, 2, 1]], quads[:, [0, 3, 2]]])
    parts = []
    flat = np.isscalar(bottom)
    if flat:
        y0 = float(bottom)  # type: ignore[arg-type]
        bottom = np.full_like(top, y0)
        ring = np.concatenate([np.stack([xs, np.full(nx, zs[0])], 1)[:-1], np.stack([np.full(nz, xs[-1]), zs], 1)[:-1],
                               np.stack([xs[::-1], np.full(nx, zs[-1])], 1)[:-1], np.stack([np.full(nz, xs[0]), zs[::-1]], 1)[:-1]])
        centre = ring.mean(axis=0)
        v = np.vstack([np.stack([ring[:, 0], np.full(len(ring), y0), ring[:, 1]], 1), [(centre[0], y0, centre[1])]])
        k = len(ring)
        i = np.arange(k)
        f = np.stack([np.full(k, k), (i + 1) % k, i], 1)
        fan = Mesh(v, f, uvs=np.stack([v[:, 0], v[:, 2]], 1) / UV_METERS)
        if (fan.face_normals()[:, 1]).sum() > 0:
            fan = fan.flipped()
        parts.append(fan)
    for heights, up in ((top, True), (bottom, False)):
        if flat and not up:
            continue
        v = np.stack([gx.ravel(), heights.ravel(), gz.ravel()], axis=1)
        f = tris if up else tris[:, ::-1]
        parts.append(Mesh(v, f, uvs=np.stack([gx.ravel(), -gz.ravel()], axis=1) / UV_METERS))
    # skirts: walk the boundary counter-clockwise seen from above
    edges = [
        (np.stack([xs, np.full(nx, zs[-1])], 1), top[:, -1], bottom[:, -1]),
        (np.stack([np.full(nz, xs[-1]), zs[::-1]], 1), top[-1, ::-1], bottom[-1, ::-1]),
        (np.stack([xs[::-1], np.full(nx, zs[0])], 1), top[::-1, 0], bottom[::-1, 0]),
        (np.stack([np.full(nz, xs[0]), zs], 1), top[0, :], bottom[0, :]),
    ]
    for xz, t, bt in edges:
        n = len(xz)
        s = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(xz, axis=0), axis=1))])
        upper = np.stack([xz[:, 0], t, xz[:, 1]], axis=1)
        lower = np.stack([xz[:, 0], bt, xz[:, 1]], axis=1)
        v = np.vstack([upper, lower])
        uv = np.concatenate([np.stack([s, t], 1), np.stack([s, bt], 1)]) / UV_METERS
        i = np.arange(n - 1)
        f = np.concatenate([np.stack([i, i + n, i + 1], 1), np.stack([i + 1, i + n, i + n + 1], 1)])
        parts.append(Mesh(v, f, uvs=uv))
    mesh = concatenate(parts)
    if mesh.volume < 0:
        mesh = mesh.flipped()
    return mesh.without_degenerate().compact().with_normals(50.0)


@register
class TerrainGenerator(Generator):
    id = "terrain"
    name = "Terrain"
    family = "nature"
    synonyms = ("terrain patch", "landscape", "hill", "hills", "hillside", "mountain", "mountains", "ground",
                "heightmap", "height map", "plateau", "mesa", "island", "valley", "land", "terrain tile")
    description = (
        "A square patch of landscape: a seeded fractal heightfield of rolling hills, ridged mountains, "
        "terraced plateaus or an island, made a solid block with vertical skirts and a flat base; a grass "
        "top layer over soil, optionally with water filling the low ground."
    )
    tags = ("nature", "landscape", "terrain", "environment", "gaming", "diorama")
    params = (
        Param("size", "float", 20.0, 1.0, 500.0, "m", description="side length of the square patch",
              words=("large", "small", "wide", "big", "tile"), sample_range=(12.0, 40.0)),
        Param("height", "float", 4.0, 0.1, 120.0, "m", description="relief: highest point above the base",
              words=("hilly", "flat", "steep", "tall", "mountainous", "gentle"), sample_range=(2.5, 8.0)),
        Param("style", "choice", "hills", choices=("hills", "mountains", "plateau", "island"),
              description="character of the relief", words=("hills", "rolling", "mountains", "ridges", "peaks",
                                                             "plateau", "mesa", "terraced", "island")),
        Param("roughness", "float", 0.5, 0.0, 1.0, "ratio", description="amount of fine detail",
              words=("rough", "rugged", "smooth", "bumpy"), sample_range=(0.3, 0.7)),
        Param("feature_scale", "float", 0.5, 0.1, 1.0, "ratio", description="size of the hills relative to the patch",
              words=("broad hills", "many small hills"), sample_range=(0.35, 0.7)),
        Param("base", "float", 1.0, 0.05, 20.0, "m", description="thickness of the solid below the lowest ground",
              words=("thick base", "thin base", "slab"), sample_range=(0.6, 1.5)),
        Param("water", "bool", False, description="water filling the low ground", words=("water", "lake", "sea",
                                                                                          "pond", "flooded"),
              p_true=0.3),
        Param("water_level", "float", 0.3, 0.05, 0.9, "ratio", description="water surface as a fraction of the relief",
              words=("high water", "low water"), sample_range=(0.2, 0.45)),
    )
    slots = (
        Slot("ground", "grass", words=("ground", "grass", "surface", "top", "turf"),
             choices=("grass", "sand", "snow", "soil"), description="the top layer"),
        Slot("base", "soil", words=("base", "soil", "earth", "dirt", "sides", "rock"),
             choices=("soil", "sandstone", "granite", "concrete"), description="the body under the top layer"),
        Slot("water", "water", words=("water", "lake", "sea"), description="water"),
    )
    size = SizeEnvelope(min=(1.0, 0.05, 1.0), max=(500.0, 140.1, 500.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        S, relief, style = p["size"], p["height"], p["style"]
        rough = p["roughness"]
        xs = np.linspace(-S / 2, S / 2, GRID)
        gx, gz = np.meshgrid(xs, xs, indexing="ij")
        noise = GradientNoise3D(int(rng.integers(1 << 30)), max_octaves=8)
        freq = 1.0 / (S * p["feature_scale"])
        pts = np.stack([gx.ravel() * freq, gz.ravel() * freq, np.zeros(gx.size)], axis=1)
        octaves = 3 + round(rough * 4)
        gain = 0.35 + 0.25 * rough
        if style == "mountains":
            n = np.zeros(len(pts))
            amp, total = 1.0, 0.0
            for o in range(octaves):
                ridge = 1.0 - np.abs(noise(pts * (2.0**o) + noise._offsets[o]))
                n += amp * ridge**2
                total += amp
                amp *= gain
            field = n / total
        else:
            field = 0.5 + 0.5 * noise.fbm(pts, octaves=octaves, gain=gain) * 1.6
        field = field.reshape(GRID, GRID)
        if style == "plateau":
            steps = 4
            t = field * steps
            # terraces: flat treads joined by steep smooth risers
            frac = t - np.floor(t)
            field = (np.floor(t) + np.clip((frac - 0.75) / 0.25, 0, 1) ** 2) / steps
        elif style == "island":
            r = np.hypot(gx, gz) / (S / 2)
            field = field * 0.6 + 0.4
            field *= np.clip(1.0 - r**2.2, 0.0, 1.0) ** 0.8
        field = np.clip(field, 0.0, None)
        field = (field - field.min()) / max(field.max() - field.min(), 1e-9)
        base = p["base"]
        top = base + relief * field
        layer = min(max(relief * 0.03, S * 0.004), base * 0.5)
        ground = heightfield_solid(xs, xs, top, top - layer)
        body = heightfield_solid(xs, xs, top - layer, 0.0)
        model.add("ground", ground, self.material("ground"))
        model.add("base", body, self.material("base"))
        if p["water"]:
            level = base + relief * p["water_level"]
            inset = S * 0.002
            water = prim.box((S - 2 * inset, level - base * 0.5, S - 2 * inset)).translated((0, (level + base * 0.5) / 2, 0))
            model.add("water", water, self.material("water"))
        return model
