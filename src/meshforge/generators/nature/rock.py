"""Rock: a boulder or stone from a noise-displaced SDF: rounded boulder, flat slab, angular faceted
rock or smooth river pebble, optionally with moss on top.

Default: a 60 cm boulder, about 40 cm tall.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import organic_mesh
from meshforge.geometry import sdf


def random_rotation(rng: np.random.Generator) -> tuple[np.ndarray, float]:
    """A random unit axis and angle (degrees)."""
    axis = rng.normal(size=3)
    return axis / np.linalg.norm(axis), float(rng.uniform(0, 360))


@register
class RockGenerator(Generator):
    id = "rock"
    name = "Rock"
    family = "nature"
    synonyms = ("boulder", "stone", "pebble", "river stone", "rocks", "crag", "slab", "landscape rock",
                "mossy rock", "garden rock", "standing stone")
    description = (
        "A natural rock: a lumpy rounded boulder, a flat slab, a sharp faceted angular rock or a smooth "
        "river pebble, shaped by layered noise; optionally with a cap of moss on top."
    )
    tags = ("nature", "landscape", "garden", "gaming", "terrain")
    params = (
        Param("width", "float", 0.6, 0.03, 5.0, "m", description="longest horizontal size",
              words=("big", "large", "small", "huge", "tiny", "giant"), sample_range=(0.35, 1.2)),
        Param("height_ratio", "float", 0.65, 0.2, 1.5, "ratio", description="height / width",
              words=("tall", "flat", "squat", "standing"), sample_range=(0.45, 0.85)),
        Param("shape", "choice", "boulder", choices=("boulder", "slab", "angular", "pebble"),
              description="overall character", words=("boulder", "slab", "flat", "angular", "jagged", "sharp",
                                                       "pebble", "smooth", "river stone")),
        Param("roughness", "float", 0.5, 0.0, 1.0, "ratio", description="strength of the surface noise",
              words=("rough", "craggy", "smooth", "weathered"), sample_range=(0.3, 0.75)),
        Param("depth_ratio", "float", 0.8, 0.4, 1.2, "ratio", description="depth / width",
              words=("elongated", "round", "thin"), sample_range=(0.65, 0.95)),
        Param("moss", "bool", False, description="moss growing on top", words=("mossy", "moss", "overgrown"),
              p_true=0.25),
    )
    slots = (
        Slot("stone", "granite", words=("stone", "rock", "boulder"),
             choices=("granite", "sandstone", "slate", "concrete", "marble"),
             colors=(), description="the rock"),
        Slot("moss", "grass", color="#4A6B26", words=("moss", "lichen"), description="moss on top"),
    )
    size = SizeEnvelope(min=(0.02, 0.004, 0.01), max=(6.0, 8.0, 7.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        w = p["width"]
        shape = p["shape"]
        ratio = p["height_ratio"] * (0.45 if shape == "slab" else 1.0)
        radii = np.array([w / 2, w / 2 * ratio, w / 2 * p["depth_ratio"]])
        rough = p["roughness"]
        seed = int(rng.integers(1 << 30))
        base = sdf.ellipsoid(radii * 0.92)
        if shape == "angular":
            # intersect random half-spaces: flat fractured faces with rounded edges
            planes = []
            for _ in range(14):
                n = rng.normal(size=3)
                n /= np.linalg.norm(n)
                reach = float(np.sqrt(((n * radii) ** 2).sum())) * rng.uniform(0.55, 0.75)
                planes.append(sdf.half_space(n, n * reach))
            body = base.intersect(*planes, k=w * 0.012)
            amp, freq = w * 0.012 * (0.3 + rough), 4.0 / w
        elif shape == "pebble":
            body = sdf.ellipsoid(radii * 0.95)
            amp, freq = w * 0.02 * (0.2 + rough), 1.5 / w
        else:
            lumps = [base]
            for _ in range(4):
                c = rng.uniform(-0.45, 0.45, 3) * radii
                lumps.append(sdf.ellipsoid(radii * rng.uniform(0.45, 0.65, 3), center=c))
            body = sdf.smooth_union(*lumps, k=w * 0.15)
            if shape == "slab":
                body = body & sdf.box(radii * np.array([2.2, 1.6, 2.2]), bevel=min(radii) * 0.5)
            amp, freq = w * 0.07 * (0.3 + rough), 3.2 / w
        body = body.displace(amp, freq, seed, octaves=5, gain=0.45 + 0.15 * rough)
        axis, angle = random_rotation(rng)
        body = body.rotate("y", angle) if shape != "angular" else body.rotate(axis, angle * 0.15)
        # sink the bottom a little: rocks bed into the ground rather than balance on a point
        cut_y = body.bounds[0][1] + (body.bounds[1][1] - body.bounds[0][1]) * 0.12
        body = body & sdf.half_space((0, -1, 0), (0, cut_y, 0))
        res = 72 if shape == "angular" else 64
        mesh = organic_mesh(body, res, crease_deg=50.0 if shape == "angular" else None)
        model.add("rock", mesh, self.material("stone"))
        if p["moss"]:
            thickness = w * 0.012
            top = body.bounds[1][1]
            span = top - cut_y
            edge = sdf.half_space((0, -1, 0), (0, top - span * 0.4, 0)).displace(span * 0.15, 4.0 / w, seed + 2)
            moss = body.round(thickness) & edge
            moss = moss.displace(thickness * 0.8, 6.0 / w, seed + 1, octaves=3)
            model.add("moss", organic_mesh(moss, 56), self.material("moss"))
        return model
