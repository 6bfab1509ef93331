"""Watermelon: a whole oblong watermelon lying on its side with wavy dark-green stripes, or a half-moon
slice showing red flesh, the green rind and black seeds.

Default: a whole 30 cm watermelon, 22 cm across.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.food._fruit import revolve
from meshforge.generators.nature._shapes import skin
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import concatenate
from meshforge.geometry.transform import rotation


@register
class WatermelonGenerator(Generator):
    id = "watermelon"
    name = "Watermelon"
    family = "food"
    synonyms = ("water melon", "melon", "watermelon slice", "slice of watermelon", "melon slice", "half watermelon",
                "cantaloupe")
    description = (
        "A watermelon: a whole oblong melon lying on its side with wavy dark-green stripes, or a half-moon "
        "slice of red flesh with a green rind and black seeds."
    )
    tags = ("food", "fruit", "summer", "picnic", "gaming")
    params = (
        Param("length", "float", 0.3, 0.12, 0.5, "m", description="length of the whole melon (the slice spans it)",
              words=("big", "large", "small", "mini"), sample_range=(0.26, 0.36)),
        Param("roundness", "float", 0.75, 0.55, 1.0, "ratio", description="diameter / length (1 = round)",
              words=("round", "oblong", "long"), sample_range=(0.68, 0.85)),
        Param("slice", "bool", False, description="a half-moon slice instead of the whole melon",
              words=("slice", "sliced", "wedge", "piece"), p_true=0.4),
        Param("stripes", "int", 14, 0, 24, "count", description="dark stripes on the rind", words=("striped",
                                                                                                "plain"),
              sample_range=(10, 16)),
        Param("slice_thickness", "float", 0.03, 0.012, 0.06, "m", description="thickness of a slice",
              words=("thick slice", "thin slice"), sample_range=(0.025, 0.035)),
        Param("seeds", "int", 14, 0, 40, "count", description="seeds visible on a slice", words=("seedless",
                                                                                             "seeds"),
              sample_range=(10, 20)),
    )
    slots = (
        Slot("rind", "fruit_skin", color="#5E9A3A", words=("rind", "skin", "melon"), description="the rind"),
        Slot("stripes", "fruit_skin", color="#1F4F22", words=("stripes", "stripe", "dark stripes"),
             description="the dark stripes"),
        Slot("flesh", "fruit_skin", color="#E8414A", words=("flesh", "inside", "pulp", "red"),
             colors=("#E8414A", "#F05A5A", "#F2C14E"), description="the flesh"),
        Slot("seeds", "glossy_plastic", color="#1B1512", words=("seeds", "pips"), description="the seeds"),
    )
    size = SizeEnvelope(min=(0.05, 0.01, 0.02), max=(0.55, 0.52, 0.55))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L = p["length"]
        R = L * p["roundness"] / 2
        if p["slice"]:
            return self._slice(model, p, R, rng)
        a, b = R, L / 2
        th = np.linspace(0.0, np.pi, 40)
        r = a * np.sin(th)
        y = b * (1 - np.cos(th))
        body = revolve(r, y, segments=64, seed=int(rng.integers(1 << 30)), irregularity=R * 0.015)
        lie = rotation("z", 90.0)
        model.add("melon", body.transformed(lie), self.material("rind"))
        n = p["stripes"]
        if n:
            stripes = []
            width = 2 * np.pi * a / n * 0.42
            t = 0.0015 + R * 0.004
            k = 8
            for i in range(n):
                lon0 = 2 * np.pi * i / n + rng.uniform(-0.05, 0.05)
                phi = np.linspace(0.1 * np.pi, 0.9 * np.pi, 36)
                lon = lon0 + 0.05 * np.sin(phi * 9 + rng.uniform(0, 6)) + 0.02 * np.sin(phi * 23 + i)
                rr = a * np.sin(phi)
                yy = b * (1 - np.cos(phi))
                centre = np.stack([rr * np.cos(lon), yy, -rr * np.sin(lon)], axis=1)
                # outward normal of the ellipsoid of revolution (radius a, half-length b)
                normal = np.stack([np.sin(phi) * np.cos(lon) * b, -np.cos(phi) * a, -np.sin(phi) * np.sin(lon) * b], axis=1)
                normal /= np.linalg.norm(normal, axis=1, keepdims=True)
                east = np.stack([-np.sin(lon), np.zeros_like(lon), -np.cos(lon)], axis=1)
                w = width * np.sin(phi) ** 0.7 * (0.8 + 0.2 * np.sin(phi * 17 + i))
                ang = np.linspace(0, 2 * np.pi, k, endpoint=False)
                # a thin lens lying on the surface, half sunk into the rind
                rings = (centre[:, None, :] + (w[:, None] / 2 * np.cos(ang)[None, :])[..., None] * east[:, None, :]
                         + (t / 2 * np.sin(ang)[None, :])[..., None] * normal[:, None, :]
                         + (t * 0.15) * normal[:, None, :])
                stripes.append(skin(rings, crease_deg=70.0))
            model.add("stripes", concatenate(stripes).transformed(lie), self.material("stripes"))
        return model

    def _slice(self, model: Model, p: dict[str, Any], R: float, rng: np.random.Generator) -> Model:
        T = p["slice_thickness"]
        rind_t = max(R * 0.09, 0.004)
        ang = np.linspace(0.0, np.pi, 40)

        def half_ring(r0: float, r1: float) -> np.ndarray:
            outer = np.stack([r1 * np.cos(ang), r1 * np.sin(ang)], axis=1)
            inner = np.stack([r0 * np.cos(ang[::-1]), r0 * np.sin(ang[::-1])], axis=1)
            return np.vstack([outer, inner])

        bevel = min(T * 0.15, 0.003)
        rind = prim.extrude(half_ring(R - rind_t, R), T * 0.98, bevel=bevel, bevel_segments=2)
        model.add("rind", rind, self.material("rind"))
        r_f = R - rind_t + 0.0005
        flesh_outline = np.stack([r_f * np.cos(ang), r_f * np.sin(ang)], axis=1)
        flesh = prim.extrude(flesh_outline, T, bevel=bevel, bevel_segments=2)
        model.add("flesh", flesh, self.material("flesh"))
        n = p["seeds"]
        if n:
            seeds = []
            size = max(R * 0.045, 0.002)
            pts = []
            for _ in range(n * 6):
                if len(pts) >= n:
                    break
                rr = rng.uniform(0.35, 0.75) * r_f
                t = rng.uniform(0.12, np.pi - 0.12)
                c = np.array([rr * np.cos(t), T - size * 0.12, rr * np.sin(t)])
                if all(np.linalg.norm(c - q) > size * 3 for q in pts):
                    pts.append(c)
            for c in pts:
                seed = prim.sphere(size, segments=10, rings=5).transformed(np.diag([0.6, 0.3, 1.0, 1.0]))
                heading = np.degrees(np.arctan2(c[2], c[0]))
                seeds.append(seed.transformed(rotation("y", -heading + 90.0)).translated(c))
            model.add("seeds", concatenate(seeds), self.material("seeds"))
        return model
