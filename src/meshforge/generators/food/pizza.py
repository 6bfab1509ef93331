"""Pizza: a round pizza with a puffy, irregular crust rim, tomato sauce, melted cheese with an uneven
edge, toppings (pepperoni, basil, mushroom slices or olives) and knife cuts into slices, optionally with
one slice taken out.

Default: a 30 cm pepperoni pizza cut into eight slices.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.food._fruit import revolve
from meshforge.generators.nature._shapes import (
    catmull_rom,
    lens_disc,
    non_overlapping,
    ribbon,
    solid_difference,
    solid_union,
    tint_if_default,
)
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh, concatenate
from meshforge.geometry.noise import GradientNoise3D

TOPPING_COLORS = {"pepperoni": "#A8322A", "margherita": "#3E8A2E", "mushroom": "#C9B08C", "olive": "#2B2620"}
SINK = 0.0006


@register
class PizzaGenerator(Generator):
    id = "pizza"
    name = "Pizza"
    family = "food"
    synonyms = ("pepperoni pizza", "margherita", "pizza pie", "cheese pizza", "mushroom pizza", "pizza slices",
                "italian pizza", "neapolitan pizza", "flatbread")
    description = (
        "A round pizza: a thin base with a puffy, irregular crust rim, tomato sauce, melted cheese with an "
        "uneven edge and toppings (pepperoni, basil for a margherita, mushroom slices or olives), cut into "
        "slices with one optionally taken out."
    )
    tags = ("food", "italian", "restaurant", "fast food", "party", "gaming")
    params = (
        Param("diameter", "float", 0.3, 0.12, 0.5, "m", description="diameter",
              words=("large", "big", "small", "personal", "family size"), sample_range=(0.26, 0.34)),
        Param("slices", "int", 8, 1, 16, "count", description="slices it is cut into (1 = uncut)",
              words=("eight slices", "six slices", "uncut", "cut"), sample_range=(6, 8)),
        Param("slice_removed", "bool", False, description="one slice taken out", words=("missing slice", "slice taken"),
              p_true=0.3),
        Param("topping", "choice", "pepperoni", choices=("pepperoni", "margherita", "mushroom", "olive", "cheese"),
              description="what is on it", words=("pepperoni", "salami", "margherita", "basil", "mushroom", "olives",
                                                   "cheese pizza", "plain")),
        Param("toppings", "int", 16, 0, 60, "count", description="number of topping pieces",
              words=("loaded", "extra toppings", "sparse"), sample_range=(10, 24)),
        Param("crust", "float", 0.022, 0.01, 0.04, "m", description="height of the crust rim",
              words=("thick crust", "thin crust", "puffy crust", "deep dish"), sample_range=(0.018, 0.028)),
    )
    slots = (
        Slot("crust", "bread", color="#D9A05B", words=("crust", "dough", "base", "bread"), description="the crust"),
        Slot("cheese", "cream", color="#F4D27A", words=("cheese", "mozzarella"), description="melted cheese"),
        Slot("sauce", "cream", color="#B8321E", words=("sauce", "tomato sauce", "marinara"), description="tomato sauce"),
        Slot("toppings", "meat", color="#A8322A", words=("toppings", "pepperoni", "salami", "basil", "mushrooms",
                                                          "olives"), description="the toppings"),
    )
    size = SizeEnvelope(min=(0.1, 0.009, 0.1), max=(0.55, 0.06, 0.55))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R = p["diameter"] / 2
        rim_h = p["crust"]
        rim_w = max(rim_h * 1.15, R * 0.1)
        base_t = max(rim_h * 0.3, 0.004)
        seed = int(rng.integers(1 << 30))
        # crust: a thin base rising into a puffed rim
        a = np.linspace(-np.pi / 2, np.pi / 2, 12)
        rim_c = R - rim_w / 2
        r = np.concatenate([[0.0, rim_c - rim_w * 0.6], rim_c + rim_w / 2 * np.cos(a), [rim_c - rim_w * 0.55, 0.0]])
        y = np.concatenate([[0.0, 0.0], rim_h / 2 + rim_h / 2 * np.sin(a), [base_t, base_t]])
        y[2] = max(y[2], 0.0)
        crust = revolve(r, y, segments=72, seed=seed, irregularity=R * 0.02)
        noise = GradientNoise3D(seed + 1, max_octaves=2)
        inner = rim_c - rim_w * 0.42
        # sauce reaching into the rim; cheese melted on it with a wavy outline
        sauce = prim.cylinder(inner, base_t * 0.5 + SINK, segments=64).translated((0, base_t - SINK, 0))
        ang = np.linspace(0, 2 * np.pi, 96, endpoint=False)
        wav = 1 + 0.05 * noise.fbm(np.stack([np.cos(ang) * 3, np.sin(ang) * 3, np.zeros_like(ang)], axis=1), octaves=2)
        outline = np.stack([inner * 0.93 * wav * np.cos(ang), inner * 0.93 * wav * np.sin(ang)], axis=1)
        cheese_t = max(base_t * 0.6, 0.002)
        cheese_y = base_t + base_t * 0.5 - SINK
        cheese = prim.extrude(outline, cheese_t, bevel=cheese_t * 0.4, bevel_segments=2).translated((0, cheese_y, 0))
        top_y = cheese_y + cheese_t
        pieces = self._toppings(p, rng, inner * 0.88, top_y, R)
        n = p["slices"]
        cutters: list[Mesh] = []
        if n > 1:
            gap = max(R * 0.008, 0.0012)
            for k in range(n):
                t = 2 * np.pi * k / n
                blade = prim.box((R * 1.2, rim_h * 3, gap)).translated((R * 0.6, rim_h, 0))
                m = np.eye(4)
                c, s_ = np.cos(t), np.sin(t)
                m[:3, :3] = [[c, 0, s_], [0, 1, 0], [-s_, 0, c]]
                cutters.append(blade.transformed(m))
        if p["slice_removed"]:
            k = max(n, 6)
            arc = np.linspace(0, 2 * np.pi / k, 12)
            wedge = np.vstack([[(0.0, 0.0)], np.stack([R * 1.3 * np.cos(arc), -R * 1.3 * np.sin(arc)], axis=1)])
            cutters.append(prim.extrude(wedge, rim_h * 3).translated((0, -rim_h, 0)))
        if cutters:
            cutter = solid_union(*cutters)
            crust = solid_difference(crust, cutter, crease_deg=50.0)
            sauce = solid_difference(sauce, cutter, crease_deg=50.0)
            cheese = solid_difference(cheese, cutter, crease_deg=50.0)
            if pieces is not None:
                pieces = solid_difference(pieces, cutter, crease_deg=60.0)
        model.add("crust", crust, self.material("crust"))
        model.add("sauce", sauce, self.material("sauce"))
        model.add("cheese", cheese, self.material("cheese"))
        if pieces is not None and pieces.triangle_count:
            model.add("toppings", pieces, self.material("toppings"))
        return model

    def _toppings(self, p: dict[str, Any], rng: np.random.Generator, reach: float, top_y: float, R: float) -> Mesh | None:
        kind = p["topping"]
        count = p["toppings"]
        if kind == "cheese" or count == 0:
            return None
        tint_if_default(self, "toppings", TOPPING_COLORS[kind])
        size = {"pepperoni": R * 0.13, "margherita": R * 0.14, "mushroom": R * 0.11, "olive": R * 0.045}[kind]
        # scatter: a sunflower spiral jittered, thinned so pieces never overlap
        k = np.arange(count * 3)
        rad = reach * np.sqrt((k + 0.5) / (count * 3)) * 0.97
        th = k * np.pi * (3 - np.sqrt(5)) + rng.uniform(-0.3, 0.3, len(k))
        pts = np.stack([rad * np.cos(th), np.full(len(k), top_y - SINK), rad * np.sin(th)], axis=1)
        pts = pts[rng.permutation(len(pts))]
        if p["slices"] > 1:
            # keep pieces clear of the knife cuts (no slivers of pepperoni along the cut lines)
            n = p["slices"]
            ang = np.mod(np.arctan2(-pts[:, 2], pts[:, 0]), 2 * np.pi / n)
            clear = np.minimum(ang, 2 * np.pi / n - ang)
            dist = np.hypot(pts[:, 0], pts[:, 2]) * np.sin(np.minimum(clear, np.pi / 2))
            pts = pts[dist > size * 1.1]
        pts = non_overlapping(pts[np.linalg.norm(pts[:, [0, 2]], axis=1) < reach - size], size * 2.1)[:count]
        meshes = []
        for c in pts:
            yaw = rng.uniform(0, 2 * np.pi)
            if kind == "pepperoni":
                meshes.append(lens_disc(size, max(size * 0.12, 0.0015), segments=28).translated(c))
            elif kind == "olive":
                ring = prim.torus(size * 0.7, size * 0.32, segments=20, tube_segments=10)
                meshes.append(ring.translated(c + np.array([0, size * 0.25, 0])))
            elif kind == "mushroom":
                cap = np.array([(np.cos(t) * size, np.sin(t) * size * 0.65 + size * 0.35)
                                for t in np.linspace(0, np.pi, 14)])
                outline = np.vstack([cap, [(-size * 0.38, size * 0.22), (-size * 0.3, -size * 0.6),
                                           (size * 0.3, -size * 0.6), (size * 0.38, size * 0.22)]])
                slab = prim.extrude(outline, max(size * 0.18, 0.0015), bevel=size * 0.05, bevel_segments=1)
                m = np.eye(4)
                m[:3, :3] = [[np.cos(yaw), 0, np.sin(yaw)], [0, 1, 0], [-np.sin(yaw), 0, np.cos(yaw)]]
                m[:3, 3] = c
                meshes.append(slab.transformed(m))
            else:
                out = np.array([np.cos(yaw), 0.0, np.sin(yaw)])
                path = catmull_rom([c - out * size, c + np.array([0, size * 0.12, 0]), c + out * size], 10)
                s = np.linspace(0, 1, len(path))
                w = size * 0.95 * np.sin(np.pi * np.clip(s * 0.9 + 0.05, 0, 1)) ** 0.7
                meshes.append(ribbon(path, w, max(size * 0.05, 0.0008), side=np.cross(out, (0, 1, 0)), cup=0.15))
        return concatenate(meshes) if meshes else None
