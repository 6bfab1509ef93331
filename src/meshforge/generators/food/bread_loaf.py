"""Bread loaf: a baked loaf with a noisy crust and slashed scores on top: a domed sandwich pan loaf,
an oval batard, a round boule or a long baguette; optionally cut open to show the pale crumb.

Default: a 26 cm batard, 12 cm wide and 9 cm tall, with three diagonal scores.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import organic_mesh
from meshforge.geometry import sdf


def groove(surface: sdf.SDF, a: np.ndarray, b: np.ndarray, width: float, depth: float) -> sdf.SDF:
    """A slash following ``surface``: the band within ``width`` / 2 of the vertical plane through the
    segment a-b (seen from above), between a and b, reaching ``depth`` below the surface."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    along = np.array([b[0] - a[0], 0.0, b[2] - a[2]])
    half = float(np.linalg.norm(along)) / 2
    along /= 2 * half
    across = np.array([-along[2], 0.0, along[0]])
    mid = (a + b) / 2

    def evaluate(q: np.ndarray) -> np.ndarray:
        rel = q - mid
        side = np.abs(rel @ across) - width / 2 * (1 - 0.6 * np.clip(np.abs(rel @ along) / half, 0, 1) ** 4)
        length = np.abs(rel @ along) - half
        d = np.maximum(side, length)
        # the surface is only needed inside the band (elsewhere the band alone bounds the distance)
        near = np.flatnonzero(d < depth)
        if near.size:
            d[near] = np.maximum(d[near], -np.asarray(surface(q[near])) - depth)
        return d

    reach = half + width
    lo = mid - np.array([reach, depth * 3 + mid[1], reach])
    hi = mid + np.array([reach, depth * 3, reach])
    return sdf.custom(evaluate, np.array([lo, hi]), "groove")


@register
class BreadLoafGenerator(Generator):
    id = "bread_loaf"
    name = "Bread loaf"
    family = "food"
    synonyms = ("bread", "loaf", "loaf of bread", "baguette", "boule", "batard", "sourdough", "sandwich loaf",
                "pan loaf", "french bread", "country loaf", "rye bread", "brioche")
    description = (
        "A baked loaf of bread with a lightly uneven crust and slashed scores: a domed sandwich pan loaf, "
        "an oval batard, a round boule or a long baguette; optionally cut open to show the pale crumb."
    )
    tags = ("food", "bakery", "kitchen", "still life", "gaming")
    params = (
        Param("style", "choice", "batard", choices=("batard", "pan", "boule", "baguette"),
              description="kind of loaf", words=("batard", "oval", "pan loaf", "sandwich", "tin loaf", "boule",
                                                 "round", "baguette", "french stick")),
        Param("length", "float", 0.26, 0.1, 0.7, "m", description="length (a baguette is 2.5x, a boule uses it as diameter)",
              words=("long", "short", "big", "small"), sample_range=(0.22, 0.3)),
        Param("width_ratio", "float", 0.46, 0.3, 0.7, "ratio", description="width / length (boule: ignored)",
              words=("wide", "narrow", "slim"), sample_range=(0.4, 0.52)),
        Param("rise", "float", 0.75, 0.45, 1.1, "ratio", description="height / width",
              words=("tall", "risen", "flat", "high"), sample_range=(0.65, 0.85)),
        Param("scores", "int", 3, 0, 8, "count", description="slashes on top", words=("three slashes", "scored",
                                                                                   "unscored", "cuts")),
        Param("cut", "bool", False, description="an end cut off, showing the crumb", words=("cut", "sliced", "halved",
                                                                                            "crumb"),
              p_true=0.3),
    )
    slots = (
        Slot("crust", "bread", color="#B87434", words=("crust", "bread", "loaf"),
             colors=("#B87434", "#A5652B", "#C98A45", "#8A5428", "#6B4426"), description="the crust"),
        Slot("crumb", "bread", color="#F0DDB4", words=("crumb", "inside", "slice"), description="the cut crumb"),
    )
    size = SizeEnvelope(min=(0.06, 0.025, 0.03), max=(1.8, 0.6, 0.6))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        style = p["style"]
        L = p["length"] * (2.5 if style == "baguette" else 1.0)
        W = L * p["width_ratio"] * (0.3 if style == "baguette" else 1.0)
        if style == "boule":
            W = L
        H = W * p["rise"] * (0.85 if style == "boule" else 1.0)
        base_h = H * 0.6
        if style == "pan":
            body = sdf.box((L, base_h * 2, W), bevel=min(W, base_h) * 0.12, center=(0, 0, 0))
            dome = sdf.ellipsoid((L * 0.53, H - base_h + W * 0.05, W * 0.56), center=(0, base_h - W * 0.05, 0))
            loaf = sdf.smooth_union(body, dome, k=W * 0.08)
        elif style == "baguette":
            loaf = sdf.round_cone((-L / 2 + W / 2, 0, 0), (L / 2 - W / 2, 0, 0), W / 2, W / 2 * 0.9)
            loaf = loaf.scale((1.0, H / W, 1.0)).translate((0, H * 0.42, 0))
        else:
            loaf = sdf.ellipsoid((L / 2, H, W / 2))
        seed = int(rng.integers(1 << 30))
        scale = min(L, W)
        n = p["scores"]
        cuts = []
        top = H * (0.92 if style == "baguette" else 1.0)
        for i in range(n):
            if style == "boule":
                # a cross-hatch / parallel set across the dome
                f = (i + 0.5) / n - 0.5
                a, b = np.array([-W * 0.38, top, f * W * 0.7]), np.array([W * 0.38, top, f * W * 0.7])
                if i % 2:
                    a, b = a[[2, 1, 0]], b[[2, 1, 0]]
            elif style == "pan":
                f = (i + 0.5) / n - 0.5
                a, b = np.array([-L * 0.36, top, f * W * 0.55]), np.array([L * 0.36, top, f * W * 0.55])
            else:
                f = (i + 0.5) / n - 0.5
                span = L * (0.8 if style == "baguette" else 0.7)
                cx = f * span
                seg = span / max(n, 1) * 0.9
                a = np.array([cx - seg / 2, top, -W * 0.14])
                b = np.array([cx + seg / 2, top, W * 0.14])
            cuts.append((a, b))
        if cuts:
            loaf = loaf.subtract(*[groove(loaf, a, b, scale * (0.11 if style == "baguette" else 0.06), scale * 0.08) for a, b in cuts], k=scale * 0.01)
        loaf = loaf.displace(scale * 0.012, 14.0 / scale, seed, octaves=3)
        floor = {"pan": -base_h + 0.001, "baguette": 0.0}.get(style, H * 0.05)
        loaf = loaf & sdf.half_space((0, -1, 0), (0, floor, 0))
        voxel = min(L / 64, W / 20)
        if p["cut"]:
            cut_x = L * 0.22
            crust = loaf & sdf.half_space((1, 0, 0), (cut_x, 0, 0))
            model.add("loaf", organic_mesh(crust, 72, crease_deg=45.0, voxel_size=voxel), self.material("crust"))
            slab = max(scale * 0.05, voxel * 4)
            inner = loaf.round(-scale * 0.025) & sdf.half_space((1, 0, 0), (cut_x + 0.0015, 0, 0)) \
                & sdf.half_space((-1, 0, 0), (cut_x - slab, 0, 0))
            model.add("crumb", organic_mesh(inner, 48, crease_deg=45.0, voxel_size=voxel), self.material("crumb"))
        else:
            model.add("loaf", organic_mesh(loaf, 72, crease_deg=45.0, voxel_size=voxel), self.material("crust"))
        return model
