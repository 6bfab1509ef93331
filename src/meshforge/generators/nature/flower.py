"""Flower: a single cut or garden flower on a slender stem with leaves; a cupped tulip, a flat daisy
with a yellow centre, or a spiralled rose-like bloom.

Default: a 40 cm tulip with a 6 cm bloom and two leaves.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import catmull_rom, ribbon, solid_union, tint_if_default, tube
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh

USUAL_PETALS = {"tulip": 6, "daisy": 18, "rose": 15}


def petal(base: np.ndarray, out: np.ndarray, length: float, width: float, rise: float, *, cup: float,
          thickness: float, curl: float = 0.0) -> Mesh:
    """One petal from ``base`` leaving along ``out`` (horizontal unit) and rising by ``rise`` (0 flat .. 1 upright)."""
    up = np.array([0.0, 1.0, 0.0])
    d1 = out * np.cos(rise * np.pi / 2) + up * np.sin(rise * np.pi / 2)
    d2 = out * np.cos(max(rise - curl, -0.3) * np.pi / 2) + up * np.sin(max(rise - curl, -0.3) * np.pi / 2)
    ctrl = [base, base + d1 * length * 0.5, base + d1 * length * 0.78 + d2 * length * 0.22]
    path = catmull_rom(ctrl, 24)
    s = np.linspace(0.0, 1.0, len(path))
    widths = width * (0.25 + 0.75 * np.sin(np.pi * np.clip(0.15 + s * 0.8, 0, 1)) ** 0.8)
    widths[-1] *= 0.6
    return ribbon(path, widths, thickness, side=np.cross(out, up), cup=cup, segments=8)


@register
class FlowerGenerator(Generator):
    id = "flower"
    name = "Flower"
    family = "nature"
    synonyms = ("tulip", "daisy", "rose", "blossom", "bloom", "garden flower", "cut flower", "wildflower",
                "marguerite", "sunflower", "single flower", "long-stemmed rose")
    description = (
        "A single flower on a slender stem with lance-shaped leaves: a cupped tulip, a flat daisy with a "
        "yellow centre, or a rose-like bloom of spiralled cupped petals."
    )
    tags = ("nature", "vegetation", "garden", "decor", "gift", "gaming")
    params = (
        Param("species", "choice", "tulip", choices=("tulip", "daisy", "rose"), description="kind of bloom",
              words=("tulip", "daisy", "rose", "marguerite", "sunflower")),
        Param("petals", "int", 0, 0, 30, "count", description="number of petals (0 = the species' usual count)",
              words=("five petals", "many petals"), sample_range=(0, 0)),
        Param("height", "float", 0.4, 0.08, 1.0, "m", description="ground to the top of the bloom",
              words=("tall", "short", "long-stemmed"), sample_range=(0.3, 0.55)),
        Param("bloom_size", "float", 0.06, 0.02, 0.16, "m", description="bloom diameter",
              words=("big bloom", "small flower", "large"), sample_range=(0.045, 0.08)),
        Param("leaves", "int", 2, 0, 4, "count", description="leaves on the stem",
              words=("two leaves", "leafless"), sample_range=(1, 3)),
        Param("bend", "float", 8.0, 0.0, 35.0, "deg", description="how far the stem bows",
              words=("bent", "nodding", "drooping", "straight"), sample_range=(0.0, 15.0)),
        Param("openness", "float", 0.4, 0.0, 1.0, "ratio", description="how open the bloom is",
              words=("open", "closed", "bud", "in full bloom"), sample_range=(0.2, 0.7)),
    )
    slots = (
        Slot("petals", "velvet", color="#D7263D", words=("petals", "petal", "bloom", "blossom", "flower"),
             colors=("#D7263D", "#F2C230", "#F4F0E6", "#E87BB0", "#8E3BA8", "#F06A2A"), description="the petals"),
        Slot("stem", "foliage", color="#4E8A34", words=("stem", "leaves", "leaf", "stalk"), description="stem and leaves"),
        Slot("center", "fabric", color="#E8B424", words=("center", "centre", "eye", "disc", "pistil"),
             description="the flower's centre"),
    )
    size = SizeEnvelope(min=(0.015, 0.07, 0.015), max=(0.7, 1.15, 0.7))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        species = p["species"]
        n = p["petals"] or USUAL_PETALS[species]
        R = p["bloom_size"] / 2
        bloom_h = R * (1.6 if species == "tulip" else 0.9 if species == "rose" else 0.5)
        h = max(p["height"] - bloom_h, p["height"] * 0.4)
        bend = np.radians(p["bend"])
        az = rng.uniform(0, 2 * np.pi)
        side = np.array([np.cos(az), 0.0, np.sin(az)])
        sway = np.sin(bend) * h * 0.35
        stem_path = catmull_rom([(0, 0, 0), side * sway * 0.3 + (0, h * 0.35, 0), side * sway + (0, h * 0.75, 0),
                                 side * sway * 0.9 + (0, h, 0)], 24)
        stem_r = float(np.clip(R * 0.09, 0.0015, 0.006))
        top = stem_path[-1]
        pieces = [tube(stem_path, np.linspace(stem_r * 1.1, stem_r, len(stem_path)), segments=10)]
        for i in range(p["leaves"]):
            f = 0.12 + 0.5 * i / max(p["leaves"], 1) + rng.uniform(0, 0.08)
            k = int(f * (len(stem_path) - 1))
            a = az + np.pi * i + rng.uniform(-0.5, 0.5)
            out = np.array([np.cos(a), 0.0, np.sin(a)])
            L = h * (0.45 if species == "tulip" else 0.3) * rng.uniform(0.8, 1.1)
            base = stem_path[k]
            path = catmull_rom([base - out * stem_r, base + out * L * 0.25 + (0, L * 0.45, 0),
                                base + out * L * 0.55 + (0, L * 0.75, 0), base + out * L * 0.75 + (0, L * 0.7, 0)], 16)
            s = np.linspace(0, 1, len(path))
            w = L * (0.22 if species == "tulip" else 0.14) * np.sin(np.pi * np.clip(0.08 + s * 0.92, 0, 1)) ** 0.7
            pieces.append(ribbon(path, w, max(stem_r * 0.5, 0.0008), side=np.cross(out, (0, 1, 0)), cup=0.12,
                                 segments=8))
        model.add("stem", solid_union(*pieces, crease_deg=70.0), self.material("stem"))

        open_ = p["openness"]
        thick = max(R * 0.035, 0.0009)
        petals = []
        if species == "tulip":
            for k in range(n):
                a = az + 2 * np.pi * k / n + (np.pi / n if k % 2 else 0.0)
                out = np.array([np.cos(a), 0.0, np.sin(a)])
                inner = k % 2 == 1
                L = R * (1.9 if inner else 2.05)
                rise = 0.78 - 0.35 * open_ - (0.05 if not inner else 0.0)
                base = top + out * R * 0.12 + (0, R * 0.05, 0)
                petals.append(petal(base, out, L, R * (1.25 if inner else 1.35) * 2 * np.pi / max(n, 3) * 0.8,
                                    rise, cup=0.22, thickness=thick, curl=-0.12))
            petals.append(prim.sphere(R * 0.3, segments=12).translated(top + np.array((0, R * 0.2, 0))))
        elif species == "daisy":
            if self._seed is None:
                tint_if_default(self, "petals", "#F6F4EE")
            for k in range(n):
                a = az + 2 * np.pi * k / n
                out = np.array([np.cos(a), 0.0, np.sin(a)])
                rise = 0.08 + 0.35 * (1 - open_)
                base = top + out * R * 0.18 + (0, R * 0.12, 0)
                petals.append(petal(base, out, R * 1.15, min(R * 0.28, 2 * np.pi * R * 0.3 / n * 1.7),
                                    rise, cup=0.05, thickness=thick, curl=0.25))
            cap = prim.sphere(R * 0.32, segments=16).transformed(np.diag([1.0, 0.5, 1.0, 1.0]))
            model.add("center", cap.translated(top + np.array((0, R * 0.2, 0))), self.material("center"))
            petals.append(prim.sphere(R * 0.25, segments=12).transformed(np.diag([1.0, 0.6, 1.0, 1.0]))
                          .translated(top + np.array((0, R * 0.08, 0))))
        else:
            golden = np.radians(137.5)
            for k in range(n):
                f = k / max(n - 1, 1)
                a = az + k * golden
                out = np.array([np.cos(a), 0.0, np.sin(a)])
                rise = 0.92 - f * (0.35 + 0.45 * open_)
                L = R * (0.7 + 0.75 * f)
                base = top + out * R * (0.05 + 0.3 * f) + (0, R * (0.45 - 0.35 * f), 0)
                petals.append(petal(base, out, L, R * (0.55 + 0.7 * f), rise, cup=0.3, thickness=thick,
                                    curl=0.25 + 0.25 * f))
            petals.append(prim.sphere(R * 0.3, segments=12).translated(top + np.array((0, R * 0.35, 0))))
        model.add("bloom", solid_union(*petals, crease_deg=70.0), self.material("petals"))
        return model
