"""Tree stump: a sawn-off stump with flaring roots and deeply grooved bark, or a felled log lying on
the ground; the sawn faces show bare wood.

Default: a 50 cm wide stump, 40 cm tall, with five roots.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import organic_mesh
from meshforge.geometry import primitives as prim
from meshforge.geometry import sdf
from meshforge.geometry.transform import rotation


@register
class TreeStumpGenerator(Generator):
    id = "tree_stump"
    name = "Tree stump"
    family = "nature"
    synonyms = ("stump", "log", "tree trunk", "felled tree", "firewood log", "wood log", "timber log",
                "chopping block", "fallen log", "trunk section")
    description = (
        "A sawn tree stump with flaring roots gripping the ground and deeply grooved bark, or a felled log "
        "lying on its side; the cut faces show bare wood."
    )
    tags = ("nature", "forest", "landscape", "gaming", "camping")
    params = (
        Param("style", "choice", "stump", choices=("stump", "log"), description="standing stump or lying log",
              words=("stump", "log", "felled", "fallen", "lying")),
        Param("diameter", "float", 0.5, 0.1, 2.0, "m", description="trunk diameter",
              words=("thick", "wide", "thin", "big", "small"), sample_range=(0.35, 0.7)),
        Param("height", "float", 0.4, 0.08, 1.5, "m", description="stump height above ground (stump only)",
              words=("tall stump", "low stump", "short"), sample_range=(0.25, 0.6)),
        Param("length", "float", 1.4, 0.2, 6.0, "m", description="log length (log only)",
              words=("long log", "short log"), sample_range=(0.8, 2.0)),
        Param("roots", "int", 5, 0, 9, "count", description="flaring roots (stump only)",
              words=("roots", "five roots", "rooted", "no roots"), sample_range=(3, 7)),
        Param("bark_roughness", "float", 0.5, 0.0, 1.0, "ratio", description="depth of the bark grooves",
              words=("rough bark", "smooth bark", "gnarled"), sample_range=(0.35, 0.7)),
    )
    slots = (
        Slot("bark", "bark", words=("bark", "trunk", "stump", "log"), colors=("#6B5443", "#5A4636", "#7A6A5A"),
             description="the bark"),
        Slot("wood", "pine", color="#D2AE7E", words=("wood", "cut", "rings", "end grain", "top"),
             choices=("pine", "oak", "birch", "weathered_wood"), description="the sawn faces"),
    )
    size = SizeEnvelope(min=(0.09, 0.07, 0.09), max=(5.5, 2.6, 6.6))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        d = p["diameter"]
        r = d / 2
        groove = r * 0.05 * (0.3 + p["bark_roughness"])
        seed = int(rng.integers(1 << 30))
        bark_mat, wood_mat = self.material("bark"), self.material("wood")
        if p["style"] == "log":
            L = p["length"]
            core = sdf.cylinder(r, L, base=(0, -L / 2, 0))
            # bark grooves run along the trunk: displace in a space squashed along it
            core = core.scale((1.0, 0.25, 1.0)).displace(groove, 5.0 / r, seed, octaves=3).scale((1.0, 4.0, 1.0))
            core = core & sdf.box((3 * r, L, 3 * r))
            mesh = organic_mesh(core, 60, crease_deg=50.0, vertical_grain=True)
            lie = rotation("z", 90.0)
            model.add("log", mesh.transformed(lie), bark_mat)
            for i, sgn in enumerate((-1, 1)):
                disc = prim.cylinder(r - groove * 1.6, groove * 0.6 + 0.004, segments=40)
                disc = disc.translated((0, L / 2 - 0.003 if sgn > 0 else -L / 2 - groove * 0.6 - 0.001, 0))
                model.add(f"end_{i}", disc.transformed(lie), wood_mat)
            return model
        h = p["height"]
        trunk = sdf.round_cone((0, -r * 0.2, 0), (0, h + r, 0), r * 1.08, r * 0.98)
        parts = [trunk]
        n = p["roots"]
        az = rng.uniform(0, 2 * np.pi)
        for i in range(n):
            a = az + 2 * np.pi * i / max(n, 1) + rng.uniform(-0.25, 0.25)
            out = np.array([np.cos(a), 0.0, np.sin(a)])
            reach = r * rng.uniform(1.5, 2.1)
            start = out * r * 0.4 + np.array([0, min(h * 0.5, r * 0.7), 0])
            end = out * reach + np.array([0, -r * 0.15, 0])
            parts.append(sdf.round_cone(start, end, r * rng.uniform(0.35, 0.45), r * 0.1))
        stump = sdf.smooth_union(*parts, k=r * 0.35)
        stump = stump.scale((1.0, 0.3, 1.0)).displace(groove, 4.0 / r, seed, octaves=3).scale((1.0, 1 / 0.3, 1.0))
        stump = stump & sdf.half_space((0, 1, 0), (0, h, 0)) & sdf.half_space((0, -1, 0), (0, 0, 0))
        mesh = organic_mesh(stump, 64, crease_deg=50.0, vertical_grain=True)
        model.add("stump", mesh, bark_mat)
        top = prim.cylinder(r * 0.97 - groove * 1.6, 0.006 + groove * 0.3, segments=40)
        model.add("cut", top.translated((0, h - 0.004, 0)), wood_mat)
        return model
