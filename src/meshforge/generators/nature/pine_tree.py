"""Pine tree: a conifer (fir, spruce, Christmas tree) made of stacked, drooping tiers of needles around a
short visible trunk; optionally decorated with baubles and a star on top.

Default: a 6 m fir, about 2.5 m across at the lowest tier.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh, concatenate
from meshforge.geometry.noise import GradientNoise3D
from meshforge.geometry.transform import rotation


def star_outline(outer: float, inner: float, points: int = 5) -> np.ndarray:
    """Counter-clockwise (2 * points, 2) outline of a star, first point straight up (+y of the 2D plane)."""
    a = np.pi / 2 + np.arange(2 * points) * np.pi / points
    r = np.where(np.arange(2 * points) % 2 == 0, outer, inner)
    return np.stack([r * np.cos(a), r * np.sin(a)], axis=1)


@register
class PineTreeGenerator(Generator):
    id = "pine_tree"
    name = "Pine tree"
    family = "nature"
    synonyms = ("pine", "conifer", "fir", "fir tree", "spruce", "spruce tree", "christmas tree", "xmas tree",
                "evergreen", "evergreen tree", "douglas fir", "hemlock", "cedar", "coniferous tree")
    description = (
        "A conifer: a cone of stacked, drooping tiers of needles with ragged tips around a short trunk; "
        "a broad fir or a slender spruce, optionally dressed as a Christmas tree with baubles and a star."
    )
    tags = ("nature", "vegetation", "landscape", "gaming", "christmas", "holiday")
    params = (
        Param("height", "float", 6.0, 1.2, 25.0, "m", description="ground to the tip",
              words=("tall", "short", "small", "big", "giant"), sample_range=(4.0, 10.0)),
        Param("width", "float", 0.42, 0.22, 0.7, "ratio", description="diameter of the lowest tier / height",
              words=("wide", "full", "narrow", "slender", "skinny"), sample_range=(0.34, 0.5)),
        Param("tiers", "int", 6, 3, 14, "count", description="layers of branches",
              words=("six tiers", "layers", "dense", "sparse"), sample_range=(5, 9)),
        Param("trunk_height", "float", 0.1, 0.03, 0.35, "ratio", description="bare trunk below the needles / height",
              words=("bare trunk", "tall trunk", "low branches"), sample_range=(0.06, 0.16)),
        Param("style", "choice", "fir", choices=("fir", "spruce"),
              description="fir: broad drooping tiers; spruce: slender, dense and stiff",
              words=("fir", "spruce", "slender", "douglas")),
        Param("raggedness", "float", 0.12, 0.0, 0.3, "ratio", description="how ragged the branch tips are",
              words=("ragged", "scruffy", "neat", "trimmed", "wild"), sample_range=(0.08, 0.18)),
        Param("decorated", "bool", False, description="Christmas baubles on the branch tips",
              words=("christmas tree", "decorated", "baubles", "ornaments", "xmas"), p_true=0.2),
        Param("star", "bool", False, description="a star on the top", words=("star", "topper", "christmas star"),
              p_true=0.2),
    )
    slots = (
        Slot("needles", "foliage", color="#2F5A2E", words=("needles", "foliage", "branches", "leaves"),
             colors=("#2F5A2E", "#28502F", "#3B6536", "#35584A"), description="the needle tiers"),
        Slot("bark", "bark", words=("bark", "trunk", "wood"), description="the trunk"),
        Slot("ornaments", "glossy_plastic", color="#C0222B", words=("ornaments", "baubles", "balls", "decorations"),
             colors=("#C0222B", "#D4AF37", "#2450A8", "#B8B8C0"), description="Christmas baubles"),
        Slot("star", "gold", words=("star", "topper"), description="the star on top"),
    )
    size = SizeEnvelope(min=(0.25, 1.15, 0.25), max=(13.0, 26.5, 13.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        h = p["height"]
        spruce = p["style"] == "spruce"
        base_r = p["width"] * h / 2 * (0.82 if spruce else 1.0)
        n = p["tiers"] + (2 if spruce else 0)
        y_base = p["trunk_height"] * h
        trunk_r = max(base_r * 0.09, 0.02)
        droop = 0.05 if spruce else 0.12
        # tier rims from the lowest (widest) to the top; each tier a drooping skirt
        span = h - y_base
        step = span / (n + 0.6)
        rims = []
        for i in range(n):
            t = i / n
            r = base_r * (1 - t) ** 0.95 * (1 + rng.uniform(-0.05, 0.05))
            y = y_base + step * i
            rims.append((r, y))
        # a zigzag profile: each tier's underside rises inward from its rim to where the tier above starts
        prof: list[tuple[float, float]] = [(0.0, y_base - 0.02 * h), (rims[0][0] * 0.5, y_base + droop * rims[0][0] * 0.3)]
        for i, (r, y) in enumerate(rims):
            prof.append((r, y))
            prof.append((r * 0.93, y + step * 0.22))
            if i < n - 1:
                r_next, y_next = rims[i + 1]
                prof.append((r_next * 0.6, y_next + droop * r_next * 0.3))
        prof.append((0.0, h))
        body = prim.lathe(np.asarray(prof), segments=48, crease_deg=80.0)
        # ragged branch tips: scale the radius by noise (zero on the axis, so the solid stays closed)
        noise = GradientNoise3D(int(rng.integers(1 << 30)), max_octaves=2)
        lobes = 9 if spruce else 7

        def ragged(v: np.ndarray) -> np.ndarray:
            ang = np.arctan2(v[:, 2], v[:, 0])
            q = np.stack([np.cos(ang) * 3.0, v[:, 1] / max(step, 1e-6) * 1.3, np.sin(ang) * 3.0], axis=1)
            spikes = np.abs(np.sin(ang * lobes + v[:, 1] * 3.1))
            return 1 + p["raggedness"] * (noise.fbm(q, octaves=2) * 1.6 + 0.5 * spikes - 0.25)

        v = body.vertices.copy()
        scale = ragged(v)
        v[:, 0] *= scale
        v[:, 2] *= scale
        body = Mesh(v, body.faces, None, body.uvs).with_normals(80.0)
        model.add("needles", body, self.material("needles"))
        trunk_h = y_base + step * 1.2
        model.add("trunk", prim.cylinder(trunk_r, trunk_h, segments=16).translated((0, 0, 0)),
                  self.material("bark"))

        if p["decorated"]:
            ball_r = float(np.clip(base_r * 0.06, 0.02, 0.14))
            centres = []
            for r, y in rims[:-1]:
                count = max(3, int(2 * np.pi * r * 0.8 / (ball_r * 6)))
                offset = rng.uniform(0, 2 * np.pi)
                a = offset + 2 * np.pi * np.arange(count) / count
                # on the steep outer face of the tier, just above its rim, half sunk into the needles
                rr = r * 0.965 - ball_r * 0.3
                centres.append(np.stack([np.cos(a) * rr, np.full(count, y + step * 0.11), -np.sin(a) * rr], axis=1))
            c = np.vstack(centres)
            c[:, [0, 2]] *= ragged(c)[:, None]
            balls = [prim.sphere(ball_r, segments=14).translated(x) for x in c]
            model.add("ornaments", concatenate(balls), self.material("ornaments"))
        if p["star"]:
            size = float(np.clip(h * 0.05, 0.06, 0.5))
            outline = star_outline(size, size * 0.45)
            star = prim.extrude(outline, size * 0.18, bevel=size * 0.03, bevel_segments=1)
            # stand it up: the outline's 2D y becomes height, thickness along z
            star = star.translated((0, -size * 0.09, 0)).transformed(rotation("x", 90.0))
            model.add("star", star.translated((0, h + size * 0.82, 0)), self.material("star"))
        return model
