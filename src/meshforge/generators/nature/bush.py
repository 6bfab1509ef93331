"""Bush: a leafy shrub of blended, noise-roughened leaf clusters on a few woody stems; round, a
spreading mound, or a clipped hedge; optionally dotted with berries or blossoms.

Default: a round shrub 1.2 m across and 1 m tall.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import (
    non_overlapping,
    organic_mesh,
    solid_union,
    spread_directions,
    surface_points,
    tube,
)
from meshforge.geometry import primitives as prim
from meshforge.geometry import sdf
from meshforge.geometry.mesh import concatenate


@register
class BushGenerator(Generator):
    id = "bush"
    name = "Bush"
    family = "nature"
    synonyms = ("shrub", "hedge", "hedgerow", "boxwood", "shrubbery", "bushes", "topiary", "berry bush",
                "flowering shrub", "undergrowth", "azalea", "hydrangea")
    description = (
        "A leafy shrub: blended, lumpy clusters of leaves on a few short woody stems; a round bush, a low "
        "spreading mound or a clipped rectangular hedge, optionally covered in berries or blossoms."
    )
    tags = ("nature", "vegetation", "garden", "landscape", "gaming")
    params = (
        Param("shape", "choice", "round", choices=("round", "mound", "hedge"),
              description="round shrub, low spreading mound or clipped hedge",
              words=("round", "mound", "spreading", "hedge", "clipped", "boxwood", "trimmed")),
        Param("width", "float", 1.2, 0.3, 4.0, "m", description="diameter (or hedge depth x 2)",
              words=("wide", "big", "small", "large"), sample_range=(0.8, 1.8)),
        Param("height", "float", 1.0, 0.25, 3.0, "m", description="ground to the top",
              words=("tall", "low", "short"), sample_range=(0.7, 1.4)),
        Param("length", "float", 2.5, 0.8, 8.0, "m", description="hedge length (hedge shape only)",
              words=("long hedge", "short hedge"), sample_range=(1.8, 3.5)),
        Param("clusters", "int", 9, 3, 20, "count", description="leaf clusters (lumpiness)",
              words=("lumpy", "dense", "fluffy"), sample_range=(6, 14)),
        Param("roughness", "float", 0.5, 0.0, 1.0, "ratio", description="how rough the leafy surface is",
              words=("rough", "smooth", "wild", "neat"), sample_range=(0.35, 0.7)),
        Param("berries", "bool", False, description="covered in berries or blossoms",
              words=("berries", "flowers", "blossoms", "flowering", "berry"), p_true=0.3),
    )
    slots = (
        Slot("leaves", "foliage", color="#47762F", words=("leaves", "foliage", "leaf", "bush"),
             colors=("#47762F", "#3D6B2A", "#5B8A34", "#2F5A2E", "#6E8F3A"), description="the leafy mass"),
        Slot("berries", "glossy_plastic", color="#B3192B", words=("berries", "flowers", "blossoms", "fruit"),
             colors=("#B3192B", "#E07AB0", "#F2F0E8", "#3A3A8C", "#F0C419"), description="berries or blossoms"),
        Slot("stems", "bark", words=("stems", "branches", "wood", "twigs"), description="woody stems"),
    )
    size = SizeEnvelope(min=(0.25, 0.22, 0.25), max=(9.0, 3.3, 4.5))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        w, h = p["width"], p["height"]
        shape = p["shape"]
        lift = min((0.04 if shape == "mound" else 0.12) * h, 0.15)
        rough = p["roughness"]
        if shape == "hedge":
            L = p["length"]
            d = w * 0.5
            size = np.array([L, h - lift, d])
            body = sdf.box(size - 0.1 * min(d, h), bevel=0.15 * min(d, h), center=(0, lift + (h - lift) / 2, 0))
            body = body.round(0.05 * min(d, h))
            lobe_r = min(d, h) * 0.3
            amp = min(d, h) * (0.02 + 0.05 * rough)
            centre = np.array([0.0, lift + (h - lift) / 2, 0.0])
            stems_x = np.linspace(-L / 2 + d * 0.4, L / 2 - d * 0.4, max(2, int(L / 0.6)))
            stem_feet = [np.array([x, 0.0, rng.uniform(-d, d) * 0.15]) for x in stems_x]
        else:
            spread = 1.35 if shape == "mound" else 1.0
            rx = w / 2 * spread
            ry = (h - lift) / 2
            centre = np.array([0.0, lift + ry, 0.0])
            lobes = [sdf.ellipsoid((rx * 0.8, ry * 0.8, rx * 0.8), center=centre)]
            lobe_r = min(rx, ry) * 0.4
            golden = np.pi * (3 - np.sqrt(5))
            count = p["clusters"] + 4
            for i in range(count):
                y = 1 - 2 * (i + 0.5) / count
                y = y * 0.8 + 0.1
                a = i * golden + rng.uniform(-0.3, 0.3)
                ring = np.sqrt(max(1 - y * y, 0.0))
                # on the core's surface, pulled in a little so the lobes only bulge it
                c = centre + 0.72 * np.array([np.cos(a) * ring * rx, y * ry, np.sin(a) * ring * rx])
                lobes.append(sdf.sphere(lobe_r * rng.uniform(0.8, 1.0), center=c))
            body = sdf.smooth_union(*lobes, k=lobe_r * 0.7)
            amp = lobe_r * (0.06 + 0.12 * rough)
            stem_feet = [np.array([np.cos(a), 0.0, np.sin(a)]) * rx * 0.12
                         for a in rng.uniform(0, 2 * np.pi, 3)]
        body = body.displace(amp, 2.0 / max(lobe_r, 0.05), int(rng.integers(1 << 30)), octaves=3)
        body = body & sdf.half_space((0, -1, 0), (0, lift * 0.6, 0))
        model.add("leaves", organic_mesh(body, 56), self.material("leaves"))

        stem_r = float(np.clip(min(w, h) * 0.025, 0.008, 0.05))
        stems = []
        for foot in stem_feet:
            tip = foot * (1.0 if shape == "hedge" else 1.6)
            tip[1] = centre[1]
            path = np.array([foot - (0, 0.01, 0), (foot + tip) / 2 + (0, 0.02, 0), tip])
            stems.append(tube(path, [stem_r * 1.2, stem_r, stem_r * 0.7], segments=8))
        stem_mesh = solid_union(*stems) if len(stems) > 1 else stems[0]
        model.add("stems", stem_mesh, self.material("stems"))

        if p["berries"]:
            count = int(np.clip(body.bounds[1] - body.bounds[0], 0, None).prod() ** (1 / 3) * 40) + 12
            dirs = spread_directions(rng, count * 3, min_y=-0.2)
            if shape == "hedge":
                dirs = dirs * np.array([p["length"], h, w * 0.5])
            reach = float(np.linalg.norm(body.bounds[1] - body.bounds[0]))
            pts = surface_points(body, centre, dirs, reach)
            br = float(np.clip(min(w, h) * 0.025, 0.008, 0.03))
            pts = non_overlapping(pts, br * 3.0)[:count]
            berries = [prim.sphere(br, segments=10).translated(q) for q in pts]
            model.add("berries", concatenate(berries), self.material("berries"))
        return model
