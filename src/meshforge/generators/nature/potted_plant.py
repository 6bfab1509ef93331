"""Potted plant: a houseplant in a flared terracotta pot with a rolled rim and soil; broad arching
leaves (peace lily, pothos), upright sword blades (snake plant) or thin arching blades (spider plant).

Default: an 18 cm pot holding a 40 cm leafy plant.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import catmull_rom, ribbon, solid_union
from meshforge.geometry import primitives as prim


@register
class PottedPlantGenerator(Generator):
    id = "potted_plant"
    name = "Potted plant"
    family = "nature"
    synonyms = ("houseplant", "house plant", "pot plant", "indoor plant", "plant pot", "plant in a pot",
                "snake plant", "peace lily", "spider plant", "planter", "office plant", "potted houseplant")
    description = (
        "A houseplant in a flared pot with a rolled rim and a layer of soil: broad arching leaves (peace "
        "lily, pothos), upright sword-shaped blades (snake plant) or many thin arching blades (spider plant)."
    )
    tags = ("nature", "vegetation", "interior", "decor", "office", "gaming")
    params = (
        Param("plant", "choice", "leafy", choices=("leafy", "snake", "spiky"),
              description="kind of foliage", words=("leafy", "peace lily", "snake plant", "sansevieria",
                                                     "spider plant", "grassy", "spiky")),
        Param("pot_diameter", "float", 0.18, 0.07, 0.6, "m", description="pot diameter at the rim",
              words=("big pot", "small pot", "large planter"), sample_range=(0.14, 0.26)),
        Param("pot_height", "float", 0.85, 0.45, 1.5, "ratio", description="pot height / pot diameter",
              words=("tall pot", "shallow pot", "bowl"), sample_range=(0.7, 1.0)),
        Param("plant_height", "float", 0.4, 0.1, 1.6, "m", description="soil to the top of the foliage",
              words=("tall", "bushy", "small", "big"), sample_range=(0.28, 0.6)),
        Param("leaves", "int", 9, 3, 28, "count", description="number of leaves or blades",
              words=("nine leaves", "lush", "sparse", "dense"), sample_range=(6, 14)),
        Param("saucer", "bool", False, description="a drip saucer under the pot", words=("saucer", "with a dish"),
              p_true=0.4),
    )
    slots = (
        Slot("pot", "terracotta", words=("pot", "planter", "saucer", "container"),
             choices=("terracotta", "ceramic", "stoneware", "concrete", "matte_plastic"),
             colors=(), description="pot and saucer"),
        Slot("leaves", "foliage", color="#3F7A34", words=("leaves", "leaf", "foliage", "plant", "blades"),
             colors=("#3F7A34", "#2F6A3A", "#5C8A3C", "#4B7F2E"), description="the foliage"),
        Slot("soil", "soil", words=("soil", "dirt", "earth", "compost"), description="the soil"),
    )
    size = SizeEnvelope(min=(0.07, 0.12, 0.07), max=(2.2, 2.6, 2.2))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        D = p["pot_diameter"]
        R = D / 2
        H = D * p["pot_height"]
        lift = 0.0
        if p["saucer"]:
            sr = R * 0.95
            sh = max(H * 0.08, 0.01)
            prof = [(0, 0), (sr * 0.9, 0), (sr, sh * 0.3), (sr * 1.02, sh), (sr * 0.96, sh), (sr * 0.9, sh * 0.4),
                    (0, sh * 0.4)]
            model.add("saucer", prim.lathe(prof, segments=40, crease_deg=40.0), self.material("pot"))
            lift = sh * 0.4
        rim_h = max(H * 0.14, 0.012)
        foot_r = R * 0.72
        wall = max(R * 0.07, 0.004)
        soil_y = H - rim_h * 0.9
        floor_y = max(H * 0.08, 0.008)

        def body_r(y: float) -> float:
            return foot_r + (R * 0.9 - foot_r) * (y / (H - rim_h))

        prof = [(0, 0), (foot_r - 0.003, 0), (foot_r, 0.003), (body_r(H - rim_h), H - rim_h),
                (R, H - rim_h), (R, H), (body_r(H - rim_h) - wall, H), (body_r(floor_y) - wall, floor_y),
                (0, floor_y)]
        pot = prim.lathe(np.asarray(prof), segments=48, crease_deg=40.0)
        model.add("pot", pot.translated((0, lift, 0)), self.material("pot"))
        inner = body_r(soil_y) - wall
        soil = prim.cylinder(inner - 0.0004, soil_y - floor_y + 0.0004, segments=40).translated((0, floor_y - 0.0004, 0))
        model.add("soil", soil.translated((0, lift, 0)), self.material("soil"))

        kind = p["plant"]
        ph = p["plant_height"]
        n = p["leaves"]
        base_y = lift + soil_y - 0.005
        golden = np.pi * (3 - np.sqrt(5))
        blades = []
        for i in range(n):
            a = i * golden * 2 + rng.uniform(-0.2, 0.2)
            out = np.array([np.cos(a), 0.0, np.sin(a)])
            f = (i + 0.5) / n
            root = np.array([0.0, base_y, 0.0]) + out * inner * 0.35 * np.sqrt(f)
            if kind == "snake":
                L = ph * rng.uniform(0.6, 1.0)
                lean = 0.08 + 0.25 * f
                ctrl = [root, root + out * L * lean * 0.3 + (0, L * 0.5, 0), root + out * L * lean + (0, L, 0)]
                path = catmull_rom(ctrl, 16)
                s = np.linspace(0, 1, len(path))
                w = max(R * 0.35, 0.02) * (0.6 + 0.4 * np.sin(np.pi * np.clip(s * 0.9 + 0.1, 0, 1))) * (1 - s**3)
                blades.append(ribbon(path, w, max(w.max() * 0.08, 0.002), up=out, cup=0.08, segments=8,
                                     twist_deg=rng.uniform(-40, 40)))
            elif kind == "spiky":
                L = ph * rng.uniform(0.9, 1.3)
                rise = 0.9 - 0.5 * f
                ctrl = [root, root + out * L * 0.2 * (1.2 - rise) + (0, L * 0.45 * rise + L * 0.1, 0),
                        root + out * L * 0.55 + (0, L * 0.55 * rise, 0),
                        root + out * L * 0.85 + (0, L * (0.45 * rise - 0.2), 0)]
                path = catmull_rom(ctrl, 18)
                s = np.linspace(0, 1, len(path))
                w = max(ph * 0.035, 0.006) * (1 - s**2) + 0.001
                blades.append(ribbon(path, w, max(ph * 0.004, 0.0012), side=np.cross(out, (0, 1, 0)), cup=0.15,
                                     segments=6))
            else:
                L = ph * rng.uniform(0.75, 1.0)
                rise = 0.95 - 0.55 * f
                stalk_top = root + out * L * 0.25 * (1.1 - rise) + (0, L * 0.6 * rise + L * 0.12, 0)
                ctrl = [root, (root + stalk_top) / 2 + (0, L * 0.05, 0), stalk_top,
                        stalk_top + out * L * 0.25 + (0, L * 0.12 * rise, 0),
                        stalk_top + out * L * 0.45 + (0, L * (0.05 * rise - 0.12), 0)]
                path = catmull_rom(ctrl, 22)
                s = np.linspace(0, 1, len(path))
                leaf_s = np.clip((s - 0.45) / 0.55, 0, 1)
                w = np.where(s < 0.45, max(ph * 0.012, 0.003),
                             L * 0.28 * np.sin(np.pi * np.clip(leaf_s * 0.95 + 0.05, 0, 1)) ** 0.75 + 0.002)
                blades.append(ribbon(path, w, max(ph * 0.006, 0.0015), side=np.cross(out, (0, 1, 0)), cup=0.12,
                                     segments=8))
        model.add("foliage", solid_union(*blades, crease_deg=75.0), self.material("leaves"))
        return model
