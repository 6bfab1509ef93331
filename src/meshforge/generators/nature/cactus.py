"""Cactus: a ribbed succulent; a saguaro (tall column with upturned arms) or a round barrel cactus,
optionally with a flower on top and standing in a terracotta pot.

Default: a 1.6 m saguaro with two arms and 14 ribs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import organic_mesh, ribbon, solid_union
from meshforge.geometry import primitives as prim
from meshforge.geometry import sdf


def ribbed_segment(a: np.ndarray, b: np.ndarray, radius: float, ribs: int, depth: float,
                   top_radius: float | None = None) -> sdf.SDF:
    """A capsule from ``a`` to ``b`` whose surface is fluted by ``ribs`` ridges ``depth`` (ratio) deep."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    axis = b - a
    length = float(np.linalg.norm(axis))
    u = axis / length
    ref = np.array([1.0, 0.0, 0.0]) if abs(u[0]) < 0.9 else np.array([0.0, 0.0, 1.0])
    e1 = np.cross(u, ref)
    e1 /= np.linalg.norm(e1)
    e2 = np.cross(u, e1)
    r1 = radius if top_radius is None else top_radius

    def evaluate(q: np.ndarray) -> np.ndarray:
        rel = q - a[:, None]
        t = np.clip(u @ rel / length, 0.0, 1.0)
        closest = a[:, None] + axis[:, None] * t
        d = q - closest
        dist = np.sqrt((d * d).sum(axis=0))
        ang = np.arctan2(e2 @ rel, e1 @ rel)
        r = radius + (r1 - radius) * t
        # ridges fade out toward the rounded ends so the caps stay smooth
        fade = np.clip(np.abs(u @ d) / np.maximum(dist, 1e-9), 0.0, 1.0)
        groove = depth * r * (0.5 - 0.5 * np.cos(ribs * ang)) ** 1.5 * (1 - fade)
        return (dist - r + groove) * 0.9

    rmax = max(radius, r1)
    lo = np.minimum(a, b) - rmax
    hi = np.maximum(a, b) + rmax
    return sdf.custom(lambda pts: evaluate(np.ascontiguousarray(pts.T)), np.array([lo, hi]), "ribbed_segment")


@register
class CactusGenerator(Generator):
    id = "cactus"
    name = "Cactus"
    family = "nature"
    synonyms = ("saguaro", "saguaro cactus", "barrel cactus", "cacti", "succulent", "desert cactus",
                "potted cactus", "columnar cactus", "golden barrel")
    description = (
        "A ribbed cactus: a tall saguaro column with upturned arms, or a squat round barrel cactus; "
        "optionally crowned with a flower and planted in a terracotta pot."
    )
    tags = ("nature", "vegetation", "desert", "western", "houseplant", "gaming")
    params = (
        Param("style", "choice", "saguaro", choices=("saguaro", "barrel"),
              description="tall column with arms, or a round barrel", words=("saguaro", "barrel", "round", "columnar")),
        Param("height", "float", 1.6, 0.1, 8.0, "m",
              description="soil to the top of a saguaro (a barrel cactus grows to a quarter of it plus 5 cm)",
              words=("tall", "short", "small", "giant", "tiny"), sample_range=(0.8, 2.5)),
        Param("arms", "int", 2, 0, 5, "count", description="saguaro arms",
              words=("two arms", "three arms", "no arms", "armless"), sample_range=(0, 4)),
        Param("thickness", "float", 0.18, 0.08, 0.4, "ratio", description="column diameter / height (saguaro)",
              words=("thick", "fat", "thin", "slender"), sample_range=(0.14, 0.22)),
        Param("ribs", "int", 14, 6, 24, "count", description="vertical ribs", words=("ribbed", "ridges", "pleats"),
              sample_range=(10, 18)),
        Param("flower", "bool", False, description="a flower on top", words=("flowering", "bloom", "blossom"),
              p_true=0.3),
        Param("pot", "bool", False, description="planted in a terracotta pot",
              words=("potted", "in a pot", "houseplant", "planter"), p_true=0.3),
    )
    slots = (
        Slot("body", "fruit_skin", color="#4F7F3A", words=("body", "cactus", "skin", "stem"),
             colors=("#4F7F3A", "#5C8A46", "#3E6E3A", "#6B8F4E"), description="the cactus body"),
        Slot("flower", "fabric", color="#E8508A", words=("flower", "bloom", "blossom", "petals"),
             colors=("#E8508A", "#F2C230", "#F06A2A", "#F4F0E6"), description="the flower"),
        Slot("pot", "terracotta", words=("pot", "planter", "soil"), choices=("terracotta", "ceramic", "concrete"),
             description="the pot and its soil"),
    )
    size = SizeEnvelope(min=(0.05, 0.08, 0.05), max=(6.0, 8.6, 6.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        h = p["height"] if p["style"] == "saguaro" else 0.25 * p["height"] + 0.05
        ribs = p["ribs"]
        base_y = 0.0
        if p["style"] == "barrel":
            r = h * 0.55
            width = 2 * r
        else:
            r = max(p["thickness"] * h / 2, 0.02)
            width = 2 * r
        pot_h = 0.0
        if p["pot"]:
            pot_r = width * 0.5 + max(width * 0.25, 0.02) + (0.0 if p["style"] == "barrel" else r * 0.6)
            pot_h = max(pot_r * 1.4, h * (0.18 if p["style"] == "saguaro" else 0.6))
            wall = pot_r * 0.08
            prof = [(0, 0), (pot_r * 0.78, 0), (pot_r * 0.92, pot_h * 0.82), (pot_r, pot_h * 0.84),
                    (pot_r, pot_h), (pot_r - wall, pot_h), (pot_r - wall, pot_h * 0.92), (0, pot_h * 0.92)]
            model.add("pot", prim.lathe(prof, segments=40, crease_deg=40.0), self.material("pot"))
            base_y = pot_h * 0.92 - min(r * 0.3, pot_h * 0.2)
        if p["style"] == "barrel":
            body = ribbed_segment(np.array([0, base_y + r * 0.85, 0]), np.array([0, base_y + h - r * 0.95, 0]) +
                                  np.array([0, 1e-3, 0]), r, ribs, 0.12, top_radius=r * 0.97)
            body = body & sdf.half_space((0, -1, 0), (0, base_y + 0.0, 0))
            body = body.scale(1.0)
            top_y = base_y + h
        else:
            trunk = ribbed_segment(np.array([0, base_y - r, 0]), np.array([0, base_y + h - r, 0]), r, ribs, 0.1,
                                   top_radius=r * 0.92)
            parts = [trunk]
            az = rng.uniform(0, 2 * np.pi)
            for i in range(p["arms"]):
                a = az + i * 2 * np.pi / max(p["arms"], 1) * (0.5 if p["arms"] == 2 else 1.0) + rng.uniform(-0.3, 0.3)
                out = np.array([np.cos(a), 0.0, np.sin(a)])
                y0 = base_y + h * rng.uniform(0.3, 0.55)
                ar = r * rng.uniform(0.6, 0.75)
                reach = r + ar * rng.uniform(1.6, 2.4)
                elbow = np.array([0, y0, 0]) + out * reach
                tip = elbow + np.array([0, min(h * rng.uniform(0.25, 0.4), base_y + h * 0.95 - y0), 0])
                parts.append(ribbed_segment(np.array([0, y0, 0]), elbow, ar, ribs - 2, 0.1))
                parts.append(ribbed_segment(elbow, tip, ar, ribs - 2, 0.1, top_radius=ar * 0.9))
            body = sdf.smooth_union(*parts, k=r * 0.5)
            body = body & sdf.half_space((0, -1, 0), (0, base_y, 0))
            top_y = base_y + h
        res = 56 if p["style"] == "barrel" else 64
        mesh = organic_mesh(body, res, crease_deg=60.0)
        model.add("body", mesh, self.material("body"))
        if p["flower"]:
            fr = r * (0.35 if p["style"] == "barrel" else 0.6)
            petals = []
            for k in range(8):
                a = 2 * np.pi * k / 8
                out = np.array([np.cos(a), 0.0, np.sin(a)])
                path = np.array([[0, top_y - fr * 0.2, 0], [0, top_y, 0] + out * fr * 0.5 + [0, fr * 0.35, 0],
                                 [0, top_y, 0] + out * fr + [0, fr * 0.6, 0]])
                petals.append(ribbon(path, [fr * 0.15, fr * 0.45, fr * 0.2], fr * 0.06,
                                     side=np.cross(out, (0, 1, 0)), cup=0.1, segments=8))
            petals.append(prim.sphere(fr * 0.25, segments=12).translated((0, top_y - fr * 0.05, 0)))
            model.add("flower", solid_union(*petals, crease_deg=70.0), self.material("flower"))
        return model
