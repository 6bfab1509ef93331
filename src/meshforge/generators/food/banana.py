"""Banana: a curved, softly five-sided banana tapering to a dark blossom tip and a stalk, alone or as a
hand of several joined at the crown; it rests on its belly with both ends lifted.

Default: a single 19 cm ripe banana.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import skin, solid_union
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.transform import rotation, translation


def banana_body(length: float, bend_deg: float, radius: float, n: int = 36, k: int = 20) -> tuple[Mesh, np.ndarray, np.ndarray]:
    """One banana along an arc in the XY plane (belly down); returns the peel, the stalk end and the tip."""
    bend = np.radians(max(bend_deg, 1.0))
    rc = length / bend
    s = np.linspace(0.0, 1.0, n)
    th = -bend / 2 + bend * s
    path = np.stack([rc * np.sin(th), rc * (1 - np.cos(th)), np.zeros(n)], axis=1)
    # radius: a blunt blossom end (s = 0), full body, then narrowing into the stalk (s -> 1)
    body = np.sin(np.pi * np.clip(s / 0.86, 0, 1)) ** 0.45
    r = radius * np.where(s < 0.86, np.maximum(body, 0.18), 0.0)
    stalk = s >= 0.8
    r[stalk] = np.maximum(r[stalk], radius * 0.3)
    r[0] = radius * 0.12
    _, normals, binormals = prim.rotation_minimizing_frames(path)
    phi = np.linspace(0.0, 2 * np.pi, k, endpoint=False)
    # five soft ridges
    shape = 1.0 + 0.06 * np.cos(5 * phi)
    rings = path[:, None, :] + (r[:, None] * shape[None, :])[..., None] * (
        np.cos(phi)[None, :, None] * normals[:, None, :] + np.sin(phi)[None, :, None] * binormals[:, None, :])
    return skin(rings, crease_deg=60.0), path[-1], path[0]


@register
class BananaGenerator(Generator):
    id = "banana"
    name = "Banana"
    family = "food"
    synonyms = ("bananas", "banana bunch", "bunch of bananas", "hand of bananas", "plantain", "ripe banana",
                "green banana")
    description = (
        "A curved, softly five-sided banana with a dark blossom tip and a stalk, resting on its belly; "
        "alone or a hand of several joined at the crown."
    )
    tags = ("food", "fruit", "kitchen", "tropical", "still life", "gaming")
    params = (
        Param("length", "float", 0.19, 0.08, 0.32, "m", description="length along the curve",
              words=("long", "short", "small", "big"), sample_range=(0.16, 0.22)),
        Param("bend", "float", 55.0, 10.0, 110.0, "deg", description="how strongly it curves",
              words=("curved", "straight", "bent"), sample_range=(40.0, 70.0)),
        Param("thickness", "float", 0.18, 0.12, 0.26, "ratio", description="diameter / length",
              words=("fat", "thick", "thin", "slim"), sample_range=(0.16, 0.2)),
        Param("count", "int", 1, 1, 7, "count", description="bananas in the hand (bunch)",
              words=("bunch", "hand", "three bananas", "single"), sample_range=(1, 5)),
        Param("spread", "float", 14.0, 5.0, 30.0, "deg", description="fan angle between bananas in a bunch",
              words=("fanned", "tight bunch"), sample_range=(10.0, 18.0)),
    )
    slots = (
        Slot("peel", "fruit_skin", color="#F5D547", words=("peel", "skin", "banana"),
             colors=("#F5D547", "#F7DA55", "#C8CC48", "#EFC63E"), description="the peel"),
        Slot("tips", "bark", color="#3E3020", words=("tips", "stalk", "stem", "ends"), description="stalk end and tip"),
    )
    size = SizeEnvelope(min=(0.06, 0.012, 0.012), max=(0.36, 0.2, 0.32))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L = p["length"]
        radius = L * p["thickness"] / 2
        n = p["count"]
        peels, tips = [], []
        for i in range(n):
            f = i - (n - 1) / 2
            scale = 1.0 - 0.06 * abs(f) + rng.uniform(-0.03, 0.03)
            body, stalk_end, tip = banana_body(L * scale, p["bend"] * rng.uniform(0.9, 1.1), radius * scale)
            # fan the bananas about a vertical axis through the shared stalk end, stacked slightly
            tang = np.array([np.cos(np.radians(p["bend"]) / 2), np.sin(np.radians(p["bend"]) / 2), 0.0])
            pivot = stalk_end + tang * radius * 0.8
            m = translation(pivot) @ rotation("y", f * p["spread"] + rng.uniform(-1.5, 1.5)) \
                @ rotation("x", f * 4.0 + rng.uniform(-1.0, 1.0)) @ translation(-pivot) \
                @ translation((0.0, abs(f) * radius * 0.35, 0.0))
            peels.append(body.transformed(m))
            cap = prim.sphere(radius * 0.16, segments=10).translated(tip).transformed(m)
            stub = prim.cylinder(radius * 0.32, radius * 0.5, segments=12).translated((0, -radius * 0.1, 0))
            tips.append(cap)
            mm = np.eye(4)
            mm[:3, :3] = prim.align_y_to(tang)
            mm[:3, 3] = stalk_end - tang * radius * 0.1
            tips.append(stub.transformed(mm).transformed(m))
        model.add("banana", solid_union(*peels, crease_deg=60.0) if n > 1 else peels[0], self.material("peel"))
        model.add("tips", solid_union(*tips, crease_deg=60.0), self.material("tips"))
        return model
