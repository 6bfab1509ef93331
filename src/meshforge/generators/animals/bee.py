"""Bee: a stylized honeybee: a round fuzzy thorax, a striped abdomen with a stinger, a dark head with big
compound eyes and elbowed antennae, six jointed legs and two pairs of translucent wings.

Default: 1.5 cm long (a worker honeybee); cartoon bumblebees are rounder.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.animals import _insect as insect
from meshforge.generators.animals import _soft as soft
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import sdf

RESOLUTION = 72


@register
class BeeGenerator(Generator):
    id = "bee"
    name = "Bee"
    family = "animals"
    synonyms = ("honeybee", "honey bee", "bumblebee", "bumble bee", "worker bee", "queen bee", "wasp", "hornet")
    description = (
        "A stylized honeybee: a round thorax, a yellow abdomen with black stripes and a stinger, a dark head with "
        "big compound eyes and elbowed antennae, six jointed legs and two pairs of translucent wings; standing or "
        "flying, from natural to cute bumblebee."
    )
    tags = ("animal", "insect", "bug", "creature", "nature", "gaming", "toy")
    params = (
        Param("size", "float", 0.015, 0.008, 0.05, "m", description="body length from head to stinger",
              words=("big", "small", "giant", "tiny"), sample_range=(0.013, 0.018)),
        Param("stripes", "int", 3, 1, 5, "count", description="black stripes across the abdomen",
              words=("three stripes", "striped"), sample_range=(2, 4)),
        Param("wing_span", "float", 1.0, 0.6, 1.5, "ratio", description="wing length relative to the species",
              words=("big wings", "small wings", "wingspan"), sample_range=(0.85, 1.15)),
        Param("pose", "choice", "flying", choices=("flying", "standing"),
              description="wings up and legs tucked, or standing on six legs with folded wings",
              words=("flying", "standing", "landed", "hovering")),
        Param("plumpness", "float", 1.0, 0.8, 1.4, "ratio", description="girth of thorax and abdomen",
              words=("fat", "chubby", "plump", "slim", "bumblebee"), sample_range=(0.9, 1.2)),
        Param("cartoon", "float", 0.3, 0.0, 1.0, "ratio", description="0 = natural, 1 = big head and eyes",
              words=("cartoon", "cute", "stylized", "realistic"), sample_range=(0.1, 0.6)),
    )
    slots = (
        Slot("body", "fur", color="#F2B807", words=("body", "fur", "bee", "yellow"),
             colors=("#F2B807", "#E8A317", "#F5C542"), description="yellow fuzz"),
        Slot("markings", "fur", color="#1C1814", words=("stripes", "head", "legs", "black"),
             description="black stripes, stinger and legs"),
        Slot("eyes", "glossy_plastic", color="#101010", words=("eyes", "eye"), description="glossy compound eyes"),
        Slot("wings", "frosted_glass", color="#E8F2F6", words=("wings", "wing"), description="translucent wings"),
    )
    size = SizeEnvelope(min=(0.00295, 0.00258, 0.00641), max=(0.0745, 0.0539, 0.0747))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        c = float(p["cartoon"])
        fat = float(p["plumpness"]) * (1 + 0.15 * c)
        flying = p["pose"] == "flying"
        head_r = 0.15 * (1 + 0.45 * c)
        thorax_r = 0.19 * fat
        ab = np.array([0.21, 0.2, 0.32]) * fat
        lift = 0.34 if not flying else 0.42
        thorax_c = np.array([0.0, lift, 0.1])
        head_c = thorax_c + np.array([0.0, 0.03, thorax_r + head_r * 0.75])
        ab_c = thorax_c + np.array([0.0, -0.03, -thorax_r - ab[2] * 0.8])

        def shape(min_t: float) -> sdf.SDF:
            pieces: list[tuple[sdf.SDF, float]] = [
                (sdf.sphere(thorax_r, thorax_c), 0.0),
                (sdf.ellipsoid(ab, center=(0, 0, 0)).rotate("x", 12.0).translate(ab_c), 0.05),
                (sdf.sphere(head_r, head_c), 0.04),
                (sdf.round_cone(ab_c + np.array([0, -0.05, -ab[2] * 0.85]), ab_c + np.array([0, -0.08, -ab[2] * 1.2]),
                                0.035, max(min_t / 2, 0.008)), 0.02),
            ]
            r = max(0.022, min_t * 0.6)
            hips = [thorax_c + np.array([thorax_r * 0.45, -thorax_r * 0.6, dz]) for dz in (0.08, 0.0, -0.08)]
            pieces += insect.legs(hips, spread=0.22, reach=lift, radius=r, ground=0.0, tucked=flying)
            pieces += insect.antennae(head_c + np.array([head_r * 0.3, head_r * 0.6, head_r * 0.6]),
                                      length=0.28, radius=max(0.016, min_t * 0.55), club=0.03)
            return soft.blend(pieces)

        def stripes() -> list[sdf.SDF]:
            n = int(p["stripes"])
            out = []
            width = ab[2] * 1.6 / (2 * n + 1)
            for i in range(n):
                z = ab[2] * 0.55 - (2 * i + 1) * width
                slab = sdf.box((1.0, 1.0, width), center=(0, 0, z))
                out.append(slab.rotate("x", 12.0).translate(ab_c))
            out.append(sdf.sphere(ab[1] * 0.75, ab_c + np.array([0, -0.05, -ab[2] * 1.05])))
            out.append(sdf.box((2.0, 2 * (thorax_c[1] - thorax_r * 0.7), 2.0)))
            return out

        extent = float(np.ptp(shape(0.0).bounds, axis=0).max())
        min_t = 2.0 * extent / RESOLUTION
        body = shape(min_t)
        # head front to stinger tip (the SDF's bounds are padded by the blends)
        ref_len = float(head_c[2] + head_r - (ab_c[2] - ab[2] * 1.2 - 0.01))
        s = float(p["size"]) / ref_len
        voxel = extent * s / RESOLUTION
        body_m = soft.scaled(body, s)
        model.add("body", soft.mesh(body_m, voxel, atlas=False), self.material("body"))
        patch = soft.patch(body_m, soft.scaled(sdf.union(*stripes()), s), voxel * 0.7, voxel)
        if patch is not None:
            model.add("markings", patch, self.material("markings"))
        eye_mat = self.material("eyes")
        for sgn, name in ((1, "eye_right"), (-1, "eye_left")):
            d = soft.direction(10.0, sgn * 62.0)
            hit = soft.surface_point(body, head_c, d, reach=1.0)
            er = head_r * 0.55 * (1 + 0.3 * c)
            centre = (hit - d * er * 0.45) * s
            model.add(name, soft.ball(er * s, centre, squash=(0.7, 1.0, 0.8), segments=20), eye_mat)
        # wings: a long forewing and a shorter hindwing per side, from the top of the thorax
        span = float(p["wing_span"])
        thick = max(0.03, min_t * 1.1)
        wing_mat = self.material("wings")
        for sgn, side in ((1, "right"), (-1, "left")):
            root = thorax_c + np.array([sgn * thorax_r * 0.4, thorax_r * 0.8, 0.0])
            for length, width, back, which in ((0.62, 0.24, 0.0, "fore"), (0.42, 0.18, -0.12, "hind")):
                wing = sdf.ellipsoid((length * span / 2, thick / 2, width * span / 2), center=(sgn * length * span / 2, 0, 0))
                if flying:
                    wing = wing.rotate("y", sgn * (-25.0 + back * 150)).rotate("z", sgn * 35.0)
                else:
                    wing = wing.rotate("y", sgn * (-62.0 + back * 60)).rotate("z", sgn * 8.0)
                wing = soft.scaled(wing.translate(root + np.array([0, 0.0, back])), s)
                model.add(f"wing_{which}_{side}", soft.mesh(wing, voxel, atlas=False), wing_mat)
        return model
