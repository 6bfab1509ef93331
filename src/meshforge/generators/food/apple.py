"""Apple: a lathed apple with a dimpled top and bottom, faint lobes and hand-made irregularity, a woody
stem, an optional leaf and an optional bite showing the flesh.

Default: an 8 cm red apple.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.food._fruit import leaf, revolve, stem
from meshforge.generators.nature._shapes import solid_difference
from meshforge.geometry import primitives as prim


def apple_profile(R: float, H: float, dimple: float, n: int = 36) -> tuple[np.ndarray, np.ndarray]:
    """(radius, height) from the bottom pole to the top pole of an apple R wide (radius) and H tall."""
    th = np.linspace(0.0, np.pi, n)
    r = R * np.sin(th) * (0.86 + 0.14 * (1 - np.cos(th)) / 2)
    y = H / 2 * (1 - np.cos(th))
    y += dimple * H * 0.6 * np.exp(-((th / 0.38) ** 2))
    y -= dimple * H * np.exp(-(((np.pi - th) / 0.42) ** 2))
    return r, y


@register
class AppleGenerator(Generator):
    id = "apple"
    name = "Apple"
    family = "food"
    synonyms = ("red apple", "green apple", "granny smith", "golden delicious", "fuji apple", "gala apple",
                "crab apple", "bitten apple", "fruit", "apples")
    description = (
        "An apple: a round body wider at the shoulders with a dimpled top and bottom, faint lobes and "
        "a slightly irregular surface, a woody stem, optionally a leaf and a bite taken out of it."
    )
    tags = ("food", "fruit", "kitchen", "still life", "gaming")
    params = (
        Param("diameter", "float", 0.08, 0.025, 0.14, "m", description="widest diameter",
              words=("big", "large", "small", "crab apple"), sample_range=(0.07, 0.09)),
        Param("height_ratio", "float", 0.88, 0.65, 1.15, "ratio", description="height / diameter",
              words=("tall", "squat", "round"), sample_range=(0.8, 0.95)),
        Param("dimple", "float", 0.12, 0.0, 0.25, "ratio", description="depth of the stem hollow / height",
              words=("deep dimple", "shallow"), sample_range=(0.08, 0.15)),
        Param("lobes", "int", 5, 0, 8, "count", description="bumps around the bottom",
              words=("five lobes", "lobed", "smooth"), sample_range=(0, 5)),
        Param("irregularity", "float", 0.5, 0.0, 1.0, "ratio", description="hand-grown unevenness",
              words=("irregular", "perfect", "lumpy"), sample_range=(0.3, 0.7)),
        Param("stem", "bool", True, description="a woody stem", words=("with stem", "stemless"), p_true=0.9),
        Param("leaf", "bool", False, description="a leaf on the stem", words=("with a leaf", "leafy"), p_true=0.35),
        Param("bite", "bool", False, description="a bite taken out", words=("bitten", "with a bite", "eaten"),
              p_true=0.15),
    )
    slots = (
        Slot("skin", "fruit_skin", color="#B8231E", words=("skin", "peel", "apple"),
             colors=("#B8231E", "#9E1B1B", "#7FB040", "#E3C04A", "#C8452A"), description="the skin"),
        Slot("flesh", "cream", color="#F2E6C2", words=("flesh", "inside", "core"), description="flesh showing in a bite"),
        Slot("stem", "bark", color="#5A4030", words=("stem", "stalk"), description="the stem"),
        Slot("leaf", "foliage", color="#4F8A2E", words=("leaf",), description="the leaf"),
    )
    size = SizeEnvelope(min=(0.022, 0.015, 0.022), max=(0.2, 0.22, 0.2))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R = p["diameter"] / 2
        H = p["diameter"] * p["height_ratio"]
        r, y = apple_profile(R, H, p["dimple"])
        seed = int(rng.integers(1 << 30))
        body = revolve(r, y, segments=48, seed=seed, irregularity=R * 0.05 * p["irregularity"],
                       lobes=p["lobes"], lobe_depth=0.04, lobe_band=(0.0, 0.45))
        top = H * (1 - p["dimple"]) - R * 0.02
        if p["bite"]:
            a = rng.uniform(0, 2 * np.pi)
            c = np.array([np.cos(a) * R * 1.12, H * 0.52, np.sin(a) * R * 1.12])
            bite = prim.sphere(R * 0.52, segments=32).transformed(np.diag([1.0, 1.25, 1.0, 1.0])).translated(c)
            bite_skin = prim.sphere(R * 0.52 + 0.0012, segments=32).transformed(np.diag([1.0, 1.25, 1.0, 1.0])).translated(c)
            flesh = body.transformed(np.diag([0.985, 0.985, 0.985, 1.0])).translated((0, H * 0.0075, 0))
            model.add("flesh", solid_difference(flesh, bite, crease_deg=50.0), self.material("flesh"))
            body = solid_difference(body, bite_skin, crease_deg=50.0)
        model.add("apple", body, self.material("skin"))
        if p["stem"]:
            base = np.array([0.0, top, 0.0])
            model.add("stem", stem(base, H * 0.28, max(R * 0.045, 0.0012), rng), self.material("stem"))
            if p["leaf"]:
                lb = base + np.array([0, H * 0.12, 0])
                model.add("leaf", leaf(lb, R * 1.1, rng), self.material("leaf"))
        return model
