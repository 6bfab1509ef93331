"""Shovel / spade: a long wooden shaft with a D-grip or a plain end, a steel socket and a dished blade:
round-point digging shovel, square-mouth shovel, or flat garden spade with foot treads. Lies on the
ground along X, blade at +X.

Default: a round-point shovel, 1.45 m overall, 23 x 30 cm blade, D-grip.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.clothing._shapes import bent_tube
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.transform import rotation

TO_X = rotation("z", -90.0)  # +Y -> +X


def blade_outline(kind: str, length: float, width: float, n: int = 18) -> np.ndarray:
    """(x, z) blade outline, the socket edge at x = 0, the cutting edge toward +x."""
    hw = width / 2
    if kind == "round_point":
        a = np.linspace(-np.pi / 2, np.pi / 2, n)
        tip = np.stack([length * 0.55 + length * 0.45 * np.cos(a) ** 1.3, hw * np.sin(a) * 0.98], axis=1)
        return np.vstack([[(0.0, -hw * 0.82)], tip[::1], [(0.0, hw * 0.82)]])
    if kind == "square":
        return np.array([(0.0, -hw * 0.85), (length * 0.3, -hw), (length, -hw), (length, hw), (length * 0.3, hw),
                         (0.0, hw * 0.85)])
    return np.array([(0.0, -hw * 0.95), (length * 0.97, -hw * 0.9), (length, -hw * 0.6), (length, hw * 0.6),
                     (length * 0.97, hw * 0.9), (0.0, hw * 0.95)])


@register
class ShovelGenerator(Generator):
    id = "shovel"
    name = "Shovel"
    family = "tools"
    synonyms = ("spade", "garden spade", "digging shovel", "round point shovel", "square shovel", "snow shovel",
                "scoop", "trowel spade")
    description = (
        "A shovel or spade: long wooden shaft with a D-grip, steel socket, and a dished round-point, square-mouth "
        "or flat garden-spade blade with foot treads; lying on the ground."
    )
    tags = ("tools", "garden", "farm", "gaming", "props")
    params = (
        Param("blade", "choice", "round_point", choices=("round_point", "square", "spade"), description="blade shape",
              words=("round point", "pointed", "square", "flat", "garden spade")),
        Param("length", "float", 1.45, 0.8, 1.7, "m", description="overall length (1.45 m)",
              words=("long handle", "short handle"), sample_range=(1.0, 1.5)),
        Param("blade_width", "float", 0.23, 0.15, 0.4, "m", description="blade width (23 cm)",
              words=("wide blade", "narrow blade"), sample_range=(0.19, 0.26)),
        Param("dish", "float", 0.04, 0.0, 0.08, "m", description="how much the blade's sides curve up",
              words=("dished", "flat blade", "scoop"), sample_range=(0.02, 0.05)),
        Param("d_grip", "bool", True, description="a D-shaped handle grip at the end", words=("d handle", "d grip"),
              p_true=0.6),
    )
    slots = (
        Slot("blade", "steel", words=("blade", "head", "metal", "steel"),
             choices=("steel", "painted_metal", "rusty_iron", "stainless_steel"), description="blade and socket"),
        Slot("shaft", "oak", words=("shaft", "handle", "wood", "pole"), choices=("oak", "pine", "bamboo", "painted_wood"),
             description="shaft"),
        Slot("grip", "black_metal", words=("grip", "d grip", "handle end"), choices=("black_metal", "matte_plastic", "rubber"),
             description="D-grip"),
    )
    size = SizeEnvelope(min=(0.75, 0.03, 0.12), max=(1.75, 0.2, 0.42))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L = p["length"]
        bw = p["blade_width"]
        bl = bw * (1.3 if p["blade"] != "spade" else 1.25)
        kind = p["blade"]
        t = 0.003
        sr = 0.018  # shaft radius
        cy = 0.05  # shaft axis height (the dished blade lifts the back)
        x_blade = L / 2 - bl
        outline = blade_outline(kind, bl, bw)
        blade = prim.extrude(outline, t)
        # dish (sides up) and a slight rake down toward the tip
        v = blade.vertices.copy()
        v[:, 1] += p["dish"] * (v[:, 2] / (bw / 2)) ** 2 - 0.035 * (v[:, 0] / bl)
        blade = Mesh(v, blade.faces, uvs=blade.uvs).with_normals(40.0).translated((x_blade, cy - 0.012, 0))
        socket = prim.cone(sr * 1.25, bl * 0.45, sr * 0.95, segments=24).transformed(rotation("z", 90.0))
        socket = socket.translated((x_blade + bl * 0.4, cy, 0))
        metal = [blade, socket]
        if kind == "spade":
            for sz in (-1, 1):
                metal.append(prim.box((0.03, 0.012, bw * 0.42), bevel=0.003).translated((x_blade + 0.012, cy - 0.002, sz * bw * 0.24)))
        model.add("blade", csg.union(*metal, crease_deg=40.0), self.material("blade"))
        x_end = -L / 2 + (0.14 if p["d_grip"] else 0.0)
        shaft = prim.cylinder_between((x_end, cy, 0), (x_blade + bl * 0.35, cy, 0), sr, segments=20)
        model.add("shaft", shaft, self.material("shaft"))
        if p["d_grip"]:
            gw = 0.13
            a = np.linspace(0, np.pi, 16)
            d_path = np.stack([x_end + 0.02 - 0.13 * np.sin(a) ** 0.7, np.full_like(a, cy), gw / 2 * np.cos(a)], axis=1)
            d_path = np.vstack([[x_end + 0.05, cy, gw / 2 * 0.4], d_path, [x_end + 0.05, cy, -gw / 2 * 0.4]])
            grip = [bent_tube(prim.circle(0.011, 12), d_path),
                    prim.cylinder_between((x_end - 0.115, cy, -gw * 0.45), (x_end - 0.115, cy, gw * 0.45), 0.016, segments=16),
                    prim.cylinder_between((x_end - 0.01, cy, 0), (x_end + 0.07, cy, 0), sr * 1.1, segments=20)]
            model.add("grip", csg.union(*grip, crease_deg=40.0), self.material("grip"))
        return model
