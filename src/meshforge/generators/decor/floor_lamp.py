"""Floor lamp: a weighted round base or tripod, a tall pole, a glowing bulb and a drum, empire or dome shade.

Default: a 1.6 m standard lamp with a 45 cm drum shade on a 30 cm base.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.decor._lamp import SHADE_STYLES, bulb, shade
from meshforge.geometry import primitives as prim


@register
class FloorLampGenerator(Generator):
    id = "floor_lamp"
    name = "Floor lamp"
    family = "decor"
    synonyms = ("standard lamp", "standing lamp", "torchiere", "pole lamp", "reading floor lamp",
                "tripod lamp", "uplighter")
    description = (
        "A floor lamp: a heavy round base or a tripod, a tall pole with a switch collar, a glowing bulb under a "
        "drum, empire or dome shade."
    )
    tags = ("decor", "lighting", "interior", "gaming")
    params = (
        Param("height", "float", 1.6, 1.2, 2.1, "m", description="overall height", words=("tall", "short"),
              sample_range=(1.45, 1.75)),
        Param("shade_diameter", "float", 0.45, 0.25, 0.6, "m", description="bottom diameter of the shade",
              words=("wide shade", "small shade"), sample_range=(0.38, 0.5)),
        Param("shade_style", "choice", "drum", choices=SHADE_STYLES, description="shade shape",
              words=("drum shade", "empire", "dome")),
        Param("tripod", "bool", False, description="three splayed legs instead of a round base",
              words=("tripod", "three legs"), p_true=0.25),
        Param("base_diameter", "float", 0.3, 0.2, 0.45, "m", description="base diameter",
              words=("wide base", "small base"), sample_range=(0.26, 0.34)),
        Param("lit", "bool", True, description="the bulb glows", words=("lit", "on", "off"), p_true=0.8),
    )
    slots = (
        Slot("shade", "linen", color="#EFE8DA", words=("shade", "lampshade"), choices=("linen", "fabric", "paper"),
             colors=("#EFE8DA", "#F5F5F0", "#2E2E2E", "#8C7A5A"), description="lamp shade"),
        Slot("metal", "black_metal", words=("pole", "base", "stand", "metal", "arm"),
             choices=("black_metal", "brass", "chrome", "brushed_aluminium"), description="base, pole and arm"),
        Slot("bulb", "glow", words=("bulb", "light"), description="bulb (emissive)"),
    )
    size = SizeEnvelope(min=(0.25, 1.2, 0.25), max=(0.6, 2.1, 0.6))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        metal = self.material("metal")
        H, Rs, Rb = p["height"], p["shade_diameter"] / 2, p["base_diameter"] / 2
        sh = min(max(Rs * 0.9, 0.2), 0.32)
        if p["tripod"]:
            hub_y = 0.55
            for i in range(3):
                a = 2 * np.pi * i / 3 + np.pi / 2
                foot = (Rb * np.cos(a), 0.0, Rb * np.sin(a))
                model.add(f"tripod_leg_{i}", prim.cylinder_between(foot, (0.0, hub_y, 0.0), 0.011, segments=14), metal)
        else:
            base = prim.lathe([(0.0, 0.0), (Rb, 0.0), (Rb, 0.012), (Rb * 0.8, 0.03), (0.02, 0.035), (0.0, 0.035)],
                              segments=48, crease_deg=40.0)
            model.add("base", base, metal)
        bulb_mat = self.material("bulb" if p["lit"] else "shade")
        shade_y = H - sh
        bulb_y = shade_y + sh * 0.2
        model.add("pole", prim.cylinder(0.011, bulb_y - 0.03, segments=16).translated((0, 0.03, 0)), metal)
        model.add("collar", prim.cylinder(0.018, 0.04, segments=16, bevel=0.004).translated((0, H * 0.55, 0)), metal)
        model.add("socket", prim.cylinder(0.016, 0.04, segments=20, bevel=0.003).translated((0, bulb_y - 0.035, 0)), metal)
        model.add("bulb", bulb(0.03).translated((0, bulb_y, 0)), bulb_mat)
        model.add("shade", shade(p["shade_style"], Rs, Rs * 0.65, sh).translated((0, shade_y, 0)), self.material("shade"))
        return model
