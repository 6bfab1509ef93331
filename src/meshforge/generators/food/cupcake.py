"""Cupcake: a pleated paper liner holding a domed cake, crowned with a piped swirl of frosting and an
optional cherry on top.

Default: a 6.5 cm wide cupcake, about 9 cm tall with its frosting.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.food._fruit import revolve, stem
from meshforge.generators.nature._shapes import organic_mesh, solid_union
from meshforge.geometry import primitives as prim
from meshforge.geometry import sdf
from meshforge.geometry.mesh import Mesh

SINK = 0.0008


def swirl(base_r: float, height: float, turns: float, ridges: int, y0: float) -> sdf.SDF:
    """A piped frosting swirl: a cone whose radius bulges along a helix, with star-nozzle ridges."""

    def evaluate(q: np.ndarray) -> np.ndarray:
        x, y, z = q.T
        t = np.clip((y - y0) / height, 0.0, 1.0)
        rho = np.hypot(x, z)
        th = np.arctan2(z, x)
        profile = base_r * (1 - t) ** 0.75 * (0.82 + 0.18 * np.sin(2 * np.pi * turns * t - th) ** 2)
        profile *= 1 + 0.05 * np.cos(ridges * th + 8.0 * t)
        d = (rho - profile) * 0.6
        below = y0 - y
        above = y - (y0 + height)
        return np.maximum.reduce([d, below, above])

    lo = np.array([-base_r * 1.1, y0 - 0.001, -base_r * 1.1])
    hi = np.array([base_r * 1.1, y0 + height + 0.001, base_r * 1.1])
    return sdf.custom(evaluate, np.array([lo, hi]), "swirl")


@register
class CupcakeGenerator(Generator):
    id = "cupcake"
    name = "Cupcake"
    family = "food"
    synonyms = ("cup cake", "fairy cake", "muffin", "frosted cupcake", "cupcakes", "birthday cupcake",
                "chocolate cupcake", "vanilla cupcake")
    description = (
        "A cupcake: a pleated paper liner holding a domed sponge, topped with a tall piped swirl of "
        "frosting and an optional cherry."
    )
    tags = ("food", "dessert", "bakery", "party", "gaming")
    params = (
        Param("diameter", "float", 0.065, 0.035, 0.12, "m", description="liner diameter at the top",
              words=("big", "jumbo", "mini", "small"), sample_range=(0.06, 0.072)),
        Param("liner_height", "float", 0.038, 0.02, 0.07, "m", description="height of the paper liner",
              words=("tall liner", "short"), sample_range=(0.034, 0.042)),
        Param("frosting_height", "float", 0.04, 0.0, 0.09, "m", description="height of the frosting swirl (0 = none)",
              words=("tall frosting", "swirl", "no frosting", "plain muffin"), sample_range=(0.03, 0.05)),
        Param("turns", "float", 2.5, 1.0, 5.0, "count", description="turns of the piped spiral",
              words=("swirly", "spiral"), sample_range=(2.0, 3.5)),
        Param("pleats", "int", 24, 12, 40, "count", description="pleats in the paper liner",
              words=("pleated", "fluted"), sample_range=(18, 30)),
        Param("cherry", "bool", True, description="a cherry on top", words=("cherry", "cherry on top"), p_true=0.5),
    )
    slots = (
        Slot("frosting", "cream", color="#F4B6CB", words=("frosting", "icing", "buttercream", "cream", "swirl"),
             colors=("#F4B6CB", "#F7F1E6", "#5A3322", "#B9E0F2", "#F6E08A", "#C9A7E8"), description="the frosting"),
        Slot("cake", "bread", color="#C98A45", words=("cake", "sponge", "muffin", "crumb"),
             colors=("#C98A45", "#6B3F24", "#E2B46C"), description="the cake"),
        Slot("liner", "paper", color="#E9E2F4", words=("liner", "paper", "case", "wrapper", "cup"),
             colors=("#E9E2F4", "#F2A7C3", "#8EC9E8", "#F4F0E6", "#E8C547", "#B5E0A8"), description="the paper liner"),
        Slot("cherry", "fruit_skin", color="#B5121B", words=("cherry", "topping"), description="the cherry"),
    )
    size = SizeEnvelope(min=(0.035, 0.025, 0.035), max=(0.14, 0.22, 0.14))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R = p["diameter"] / 2
        lh = p["liner_height"]
        rb = R * 0.76
        wall = max(R * 0.02, 0.0008)
        # liner: an open paper cup (the cake fills it), pleated all round
        prof = [(0.0, 0.0), (rb, 0.0), (R, lh), (R - wall, lh), (rb - wall, wall), (0.0, wall)]
        liner = prim.lathe(prof, segments=p["pleats"] * 4, crease_deg=40.0)
        v = liner.vertices.copy()
        ang = np.arctan2(v[:, 2], v[:, 0])
        rad = np.hypot(v[:, 0], v[:, 2])
        fold = 1 + 0.035 * np.abs(np.cos(ang * p["pleats"] / 2)) * np.clip(rad / R, 0, 1)
        v[:, 0] *= fold
        v[:, 2] *= fold
        liner = Mesh(v, liner.faces, None, liner.uvs).with_normals(40.0)
        model.add("liner", liner, self.material("liner"))
        # cake: fills the liner and swells into a muffin dome just over the rim
        dome = R * 0.42
        th = np.linspace(0.0, np.pi / 2, 12)
        r = np.concatenate([[0.0, rb - wall], R * 1.04 * np.cos(th)])
        y = np.concatenate([[wall - SINK, wall - SINK], lh - R * 0.02 + dome * np.sin(th)])
        r[2] = R - wall * 0.5
        r[-1] = 0.0
        cake = revolve(r, y, segments=56, seed=int(rng.integers(1 << 30)), irregularity=R * 0.02)
        model.add("cake", cake, self.material("cake"))
        top = lh - R * 0.02 + dome
        fh = p["frosting_height"]
        if fh > 0:
            base_y = top - dome * 0.55
            fr = R * 0.95
            shape = swirl(fr, fh + dome * 0.55, p["turns"], 8, base_y)
            frosting = organic_mesh(shape, 64, crease_deg=None)
            model.add("frosting", frosting, self.material("frosting"))
            top = base_y + fh + dome * 0.55
        if p["cherry"]:
            cr = R * 0.28
            c = np.array([0.0, top + cr * 0.55, 0.0])
            cherry = prim.sphere(cr, segments=20).translated(c)
            st = stem(c + np.array([0.0, cr * 0.85, 0.0]), cr * 1.6, max(cr * 0.09, 0.0008), rng)
            model.add("cherry", solid_union(cherry, st), self.material("cherry"))
        return model
