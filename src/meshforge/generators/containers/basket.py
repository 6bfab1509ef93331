"""Basket: a woven wicker basket built from real weave geometry: vertical stakes, and rows of flat weavers
that pass alternately outside and inside the stakes (each row a closed sweep whose radius follows the stakes,
rows offset by one stake), on a solid base, with a thick rolled rim and an optional arched handle.
Round or oval.

Default: a round 30 cm basket, 18 cm tall, with an arched handle.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._shapes import tube
from meshforge.geometry import primitives as prim
from meshforge.geometry import transform as tf
from meshforge.geometry.mesh import Mesh


def _flat_ring(profile: np.ndarray, path: np.ndarray) -> Mesh:
    """Loop a 2D profile (x across the wall, y vertical) round a closed horizontal path (P, 3)."""
    tang = np.roll(path, -1, axis=0) - np.roll(path, 1, axis=0)
    tang[:, 1] = 0.0
    tang /= np.linalg.norm(tang, axis=1, keepdims=True)
    across = np.stack([-tang[:, 2], np.zeros(len(path)), tang[:, 0]], axis=1)
    up = np.array([0.0, 1.0, 0.0])
    rings = path[:, None, :] + profile[None, :, 0, None] * across[:, None, :] + profile[None, :, 1, None] * up
    return prim.loft(list(rings), closed=True, along_path=True, crease_deg=70.0)


@register
class BasketGenerator(Generator):
    id = "basket"
    name = "Basket"
    family = "containers"
    synonyms = ("wicker basket", "woven basket", "picnic basket", "shopping basket", "fruit basket", "bread basket",
                "laundry basket", "easter basket", "hamper", "rattan basket", "willow basket", "trug")
    description = (
        "A woven wicker basket: vertical stakes with flat weavers passing over and under them row by row, a "
        "solid base, a thick rolled rim and an optional arched handle over the top; round or oval, tapered."
    )
    tags = ("containers", "props", "gaming", "interior", "farm", "picnic")
    params = (
        Param("diameter", "float", 0.3, 0.12, 0.6, "m", description="width across the rim",
              words=("large", "small", "wide", "big"), sample_range=(0.24, 0.36)),
        Param("height", "float", 0.18, 0.06, 0.45, "m", description="height of the woven wall",
              words=("tall", "deep", "shallow", "low"), sample_range=(0.12, 0.22)),
        Param("taper", "float", 0.8, 0.55, 1.0, "ratio", description="base width / rim width",
              words=("tapered", "straight"), sample_range=(0.7, 0.9)),
        Param("shape", "choice", "round", choices=("round", "oval"), description="round or oval plan",
              words=("round", "oval", "oblong", "circular")),
        Param("stakes", "int", 24, 12, 48, "count", description="number of vertical stakes (rounded to even)",
              words=("stakes", "ribs", "spokes", "dense weave", "coarse weave"), sample_range=(18, 30)),
        Param("weaver_height", "float", 0.012, 0.006, 0.03, "m", description="height of one woven row",
              words=("fine weave", "chunky weave", "wide slats"), sample_range=(0.009, 0.016)),
        Param("handle", "bool", True, description="arched handle over the top",
              words=("with handle", "handle", "no handle", "handleless"), p_true=0.6),
    )
    slots = (
        Slot("wicker", "bamboo", color="#C49A5E", words=("wicker", "weave", "basket", "rattan", "willow", "body"),
             choices=("bamboo", "pine", "weathered_wood", "plastic"),
             colors=("#C49A5E", "#A87B47", "#D9B77E", "#8A6239"), description="weave, rim and base"),
        Slot("handle", "bamboo", color="#A87B47", words=("handle", "stakes", "frame"),
             description="stakes and handle"),
    )
    size = SizeEnvelope(min=(0.1, 0.06, 0.1), max=(0.9, 1.1, 0.7))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R, H = p["diameter"] / 2, p["height"]
        rb = R * p["taper"]
        aspect = 1.35 if p["shape"] == "oval" else 1.0
        n = p["stakes"] + p["stakes"] % 2
        wh = min(p["weaver_height"], H / 4)
        stake_r = 0.0025 + 0.006 * R
        weaver_t = 0.0025 + 0.004 * R
        base_h = 0.012
        rows = max(int((H - base_h) / wh), 2)
        wh = (H - base_h) / rows
        amp = stake_r + weaver_t * 0.55

        def radius(y: np.ndarray) -> np.ndarray:
            return rb + (R - rb) * y / H

        def plan(r: np.ndarray, th: np.ndarray, y: np.ndarray) -> np.ndarray:
            return np.stack([aspect * r * np.cos(th), y, -r * np.sin(th)], axis=-1)

        theta = np.linspace(0.0, 2 * np.pi, n * 4, endpoint=False)
        weavers: list[Mesh] = []
        a = np.linspace(0.0, 2 * np.pi, 8, endpoint=False)
        for k in range(rows):
            y = base_h + (k + 0.5) * wh
            r = radius(np.array(y)) + amp * np.cos(n / 2 * theta + k * np.pi)
            path = plan(r, theta, np.full_like(theta, y))
            # flat weaver: thin across the wall, tall along it (profile x = path normal, y = binormal)
            prof = np.stack([0.5 * weaver_t * np.cos(a), 0.45 * wh * np.sin(a)], axis=1)
            weavers.append(_flat_ring(prof, path))
        model.add("weave", tf.merge(weavers), self.material("wicker"))
        th_s = 2 * np.pi * np.arange(n) / n
        stakes = []
        for t in th_s:
            lo = plan(np.array(radius(np.array(0.004))), np.array(t), np.array(0.004))
            hi = plan(np.array(radius(np.array(H))), np.array(t), np.array(H))
            stakes.append(prim.cylinder_between(lo, hi, stake_r, segments=8))
        model.add("stakes", tf.merge(stakes), self.material("handle"))
        base = tf.scale(prim.cylinder(rb + amp, base_h, segments=64, bevel=0.004), (aspect, 1.0, 1.0))
        model.add("base", base, self.material("wicker"))
        th_r = np.linspace(0.0, 2 * np.pi, 96, endpoint=False)
        rim_path = plan(np.full_like(th_r, R), th_r, np.full_like(th_r, H))
        rim_r = stake_r + weaver_t
        rim = prim.sweep(prim.circle(rim_r, 14), rim_path, closed=True, crease_deg=70.0)
        model.add("rim", rim, self.material("wicker"))
        if p["handle"]:
            t = np.linspace(0.0, np.pi, 40)
            span = R * aspect - 0.002
            rise = 0.85 * R * aspect + 0.04
            path = np.stack([-span * np.cos(t), H - 0.02 + (rise + 0.02) * np.sin(t), np.zeros_like(t)], axis=1)
            model.add("handle", tube(path, 0.006 + 0.02 * R), self.material("handle"))
        return model
