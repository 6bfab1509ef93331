"""Cake: a frosted layer cake of one to three stacked tiers, piped bead borders, optional icing drips
and a ring of lit birthday candles on top.

Default: a single-tier 22 cm birthday cake, 9 cm tall, with eight candles.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.food._fruit import revolve
from meshforge.generators.nature._shapes import skin_many
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh, concatenate

SINK = 0.0008


def beaded_ring(radius: float, y: float, bead: float) -> Mesh:
    """A closed ring of piped frosting beads (a tube whose radius swells and pinches) at height ``y``."""
    count = max(8, int(2 * np.pi * radius / (bead * 1.7)))
    n = count * 3
    t = np.linspace(0.0, 2 * np.pi, n, endpoint=False)
    path = np.stack([radius * np.cos(t), np.full(n, y), -radius * np.sin(t)], axis=1)
    r = bead * (0.55 + 0.45 * np.abs(np.sin(t * count / 2)) ** 0.7)
    k = 8
    phi = np.linspace(0.0, 2 * np.pi, k, endpoint=False)
    radial = np.stack([np.cos(t), np.zeros(n), -np.sin(t)], axis=1)
    up = np.array([0.0, 1.0, 0.0])
    rings = path[:, None, :] + r[:, None, None] * (np.cos(phi)[None, :, None] * radial[:, None, :]
                                                   + np.sin(phi)[None, :, None] * up[None, None, :])
    return prim.loft(list(rings), closed=True, crease_deg=80.0)


@register
class CakeGenerator(Generator):
    id = "cake"
    name = "Cake"
    family = "food"
    synonyms = ("birthday cake", "layer cake", "wedding cake", "tiered cake", "celebration cake", "gateau",
                "sponge cake", "chocolate cake", "cream cake", "party cake")
    description = (
        "A frosted cake of one to three stacked round tiers with piped bead borders, optional icing drips "
        "running down the sides and a ring of lit candles on top: a birthday, layer or wedding cake."
    )
    tags = ("food", "dessert", "party", "celebration", "bakery", "gaming")
    params = (
        Param("tiers", "int", 1, 1, 3, "count", description="stacked tiers", words=("two tiers", "three tiers",
                                                                                   "tiered", "wedding")),
        Param("diameter", "float", 0.22, 0.1, 0.45, "m", description="diameter of the bottom tier",
              words=("big", "large", "small", "mini"), sample_range=(0.2, 0.26)),
        Param("tier_height", "float", 0.085, 0.04, 0.16, "m", description="height of each tier",
              words=("tall", "high", "flat", "short"), sample_range=(0.07, 0.1)),
        Param("candles", "int", 8, 0, 30, "count", description="candles on the top tier",
              words=("eight candles", "candles", "no candles", "birthday"), sample_range=(0, 12)),
        Param("piping", "bool", True, description="piped bead borders", words=("piped", "border", "decorated"),
              p_true=0.8),
        Param("drips", "bool", False, description="icing drips down the sides", words=("drip cake", "dripping",
                                                                                       "glaze"),
              p_true=0.35),
        Param("tier_ratio", "float", 0.7, 0.5, 0.85, "ratio", description="each tier's diameter / the one below",
              words=("stepped",), sample_range=(0.62, 0.75)),
    )
    slots = (
        Slot("frosting", "cream", color="#F6EFE2", words=("frosting", "icing", "cake", "buttercream", "fondant"),
             colors=("#F6EFE2", "#F4C6D4", "#5A3322", "#F7E7B4", "#CDE6F5"), description="the frosted tiers"),
        Slot("decor", "cream", color="#EE9DB8", words=("decor", "piping", "border", "drips", "glaze", "trim"),
             colors=("#EE9DB8", "#FFFFFF", "#4A2A1A", "#9BC8E8", "#F2D16B"), description="piping and drips"),
        Slot("candles", "wax", color="#7DB6E8", words=("candles", "candle"),
             colors=("#7DB6E8", "#F29BB6", "#F6E27A", "#9ED89B", "#F4F0E8"), description="the candles"),
        Slot("flames", "glow", color="#FFB338", words=("flames", "flame", "fire"), description="candle flames"),
    )
    size = SizeEnvelope(min=(0.1, 0.04, 0.1), max=(0.5, 0.62, 0.5))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R = p["diameter"] / 2
        th = p["tier_height"]
        seed = int(rng.integers(1 << 30))
        frost, decor = self.material("frosting"), self.material("decor")
        cursor = 0.0
        decorations: list[Mesh] = []
        drips: list[Mesh] = []
        glaze: list[Mesh] = []
        radius = R
        for i in range(p["tiers"]):
            e = min(radius * 0.08, th * 0.2)
            a = np.linspace(0.0, np.pi / 2, 6)
            # profile: flat bottom, straight side, rounded top edge, flat top
            r = np.concatenate([[0.0, radius], radius - e + e * np.cos(a), [0.0]])
            y = np.concatenate([[0.0, 0.0], th - e + e * np.sin(a), [th]])
            tier = revolve(r, y, segments=72, seed=seed + i, irregularity=radius * 0.004)
            model.add("tier" if p["tiers"] == 1 else f"tier_{i}", tier.translated((0, cursor, 0)), frost)
            bead = max(radius * 0.045, 0.003)
            if p["piping"]:
                decorations.append(beaded_ring(radius - bead * 0.9, cursor + th + bead * 0.35, bead))
                decorations.append(beaded_ring(radius + bead * 0.15, cursor + bead * 0.9, bead))
            if p["drips"]:
                count = max(10, int(2 * np.pi * radius / 0.03))
                drip_rings = []
                for k in range(count):
                    ang = 2 * np.pi * (k + rng.uniform(-0.2, 0.2)) / count
                    out = np.array([np.cos(ang), 0.0, -np.sin(ang)])
                    length = th * rng.uniform(0.2, 0.55)
                    dr = max(radius * 0.035, 0.0025) * rng.uniform(0.8, 1.2)
                    top = out * (radius - dr * 0.5) + np.array([0, cursor + th - e * 0.5, 0])
                    path = np.stack([top + out * dr * 0.2 * s - np.array([0, length * s, 0]) for s in np.linspace(0, 1, 8)])
                    rr = dr * (1.0 - 0.25 * np.linspace(0, 1, 8)) + dr * 0.3 * np.exp(-((np.linspace(0, 1, 8) - 1) / 0.15) ** 2)
                    phi = np.linspace(0, 2 * np.pi, 10, endpoint=False)
                    side = np.cross(out, [0.0, 1.0, 0.0])
                    rings = path[:, None, :] + rr[:, None, None] * (np.cos(phi)[None, :, None] * side[None, None, :]
                                                                  + np.sin(phi)[None, :, None] * out[None, None, :] * 0.6)
                    drip_rings.append(rings)
                drips.append(skin_many(drip_rings, crease_deg=80.0))
                # the glaze pooled on top that the drips run from
                cap = prim.cylinder(radius - e * 0.2, max(th * 0.04, 0.002), segments=72)
                glaze.append(cap.translated((0, cursor + th - max(th * 0.02, 0.001), 0)))
            cursor += th - SINK
            radius *= p["tier_ratio"]
        if decorations:
            # piped rings never touch each other (the drips and glaze overlap them as separate parts)
            model.add("decor", concatenate(decorations), decor)
        if drips:
            model.add("glaze", concatenate(glaze), decor)
            model.add("drips", concatenate(drips), decor)
        top_r = R * p["tier_ratio"] ** (p["tiers"] - 1)
        n = p["candles"]
        if n:
            ch = 0.05 if top_r > 0.06 else 0.04
            cr = 0.0035
            candles, flames = [], []
            ring_r = top_r * 0.68
            placed = 0
            ring = 0
            while placed < n:
                rr = ring_r * (1 - 0.45 * ring)
                k = min(n - placed, max(1, int(2 * np.pi * rr / (cr * 5))) if rr > cr * 3 else 1)
                if rr <= cr * 3:
                    rr = 0.0
                for j in range(k):
                    ang = 2 * np.pi * j / k + ring * 0.4
                    x, z = rr * np.cos(ang), -rr * np.sin(ang)
                    base_y = cursor + SINK - 0.003
                    # the candle and its wick in one turned profile
                    prof = [(0.0, 0.0), (cr, 0.0), (cr, ch + 0.003), (cr * 0.2, ch + 0.003), (cr * 0.18, ch + 0.011),
                            (0.0, ch + 0.011)]
                    candles.append(prim.lathe(prof, segments=12, crease_deg=40.0).translated((x, base_y, z)))
                    flame = prim.sphere(cr * 1.1, segments=10).transformed(np.diag([1.0, 2.2, 1.0, 1.0]))
                    flames.append(flame.translated((x, base_y + ch + 0.003 + 0.006 + cr * 1.6, z)))
                placed += k
                ring += 1
                if ring > 3:
                    break
            model.add("candles", concatenate(candles), self.material("candles"))
            model.add("flames", concatenate(flames), self.material("flames"))
        return model
