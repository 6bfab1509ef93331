"""Donut: a ring doughnut of golden fried dough with a glossy icing that drips unevenly over the top
half, optionally covered in sprinkles.

Default: a 9 cm iced doughnut with sprinkles.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import organic_mesh
from meshforge.geometry import primitives as prim
from meshforge.geometry import sdf
from meshforge.geometry.mesh import concatenate


@register
class DonutGenerator(Generator):
    id = "donut"
    name = "Donut"
    family = "food"
    synonyms = ("doughnut", "ring donut", "iced donut", "glazed donut", "frosted donut", "sprinkle donut",
                "donuts", "doughnuts", "bagel")
    description = (
        "A ring doughnut: a puffy, slightly irregular ring of golden fried dough with a glossy icing "
        "dripping unevenly over its top, optionally covered with sprinkles."
    )
    tags = ("food", "dessert", "bakery", "snack", "gaming")
    params = (
        Param("diameter", "float", 0.09, 0.04, 0.16, "m", description="outer diameter",
              words=("big", "large", "small", "mini"), sample_range=(0.08, 0.1)),
        Param("hole", "float", 0.3, 0.15, 0.45, "ratio", description="hole diameter / outer diameter",
              words=("big hole", "small hole"), sample_range=(0.25, 0.35)),
        Param("puffiness", "float", 0.8, 0.55, 1.0, "ratio", description="height of the ring / its width",
              words=("puffy", "fluffy", "flat"), sample_range=(0.72, 0.9)),
        Param("icing", "bool", True, description="icing on top", words=("iced", "frosted", "glazed", "plain"),
              p_true=0.85),
        Param("icing_coverage", "float", 0.5, 0.2, 0.8, "ratio", description="how far down the icing reaches",
              words=("thick icing", "dripping", "thin glaze"), sample_range=(0.4, 0.6)),
        Param("sprinkles", "bool", True, description="sprinkles on the icing", words=("sprinkles", "hundreds and thousands",
                                                                                      "jimmies"), p_true=0.6),
        Param("sprinkle_count", "int", 70, 10, 160, "count", description="number of sprinkles",
              words=("lots of sprinkles", "few sprinkles"), sample_range=(45, 100)),
    )
    slots = (
        Slot("icing", "cream", color="#F08CB5", words=("icing", "frosting", "glaze", "topping"),
             colors=("#F08CB5", "#5A3322", "#F7F1E6", "#F6D04D", "#A7D8F0", "#C9A0DC"), description="the icing"),
        Slot("dough", "bread", color="#D49A52", words=("dough", "donut", "doughnut", "pastry"), description="the dough"),
        Slot("sprinkles", "glossy_plastic", color="#F4F4F4", words=("sprinkles", "jimmies", "nonpareils"),
             colors=("#F4F4F4", "#E23B6A", "#3B8FE2", "#F2C230", "#46B55A"), description="the sprinkles"),
    )
    size = SizeEnvelope(min=(0.035, 0.012, 0.035), max=(0.18, 0.1, 0.18))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        D = p["diameter"]
        tube_r = D * (1 - p["hole"]) / 4
        ring_r = D / 2 - tube_r
        sy = p["puffiness"]
        base = sdf.torus(ring_r, tube_r).scale((1.0, sy, 1.0))
        seed = int(rng.integers(1 << 30))
        dough = base.displace(tube_r * 0.06, 3.0 / tube_r, seed, octaves=3)
        res = 52
        model.add("dough", organic_mesh(dough, res), self.material("dough"))
        if not p["icing"]:
            return model
        t = max(D * 0.025, 0.0015)
        # the icing's lower edge: a wavy line around the ring with drips hanging lower here and there
        cov = p["icing_coverage"]
        edge_y = tube_r * sy * (0.62 - 0.8 * cov)
        cut = sdf.half_space((0, -1, 0), (0, edge_y, 0)).displace(tube_r * 0.25, 2.2 / tube_r, seed + 1, octaves=2)
        icing = base.displace(tube_r * 0.06, 3.0 / tube_r, seed, octaves=3).round(t) & cut
        icing = icing & sdf.box((D * 1.2, tube_r * 2 * sy + 2 * t + 0.01, D * 1.2))
        model.add("icing", organic_mesh(icing, res), self.material("icing"))
        if p["sprinkles"]:
            n = p["sprinkle_count"]
            u = rng.uniform(0, 2 * np.pi, n * 4)
            v = rng.uniform(np.radians(25), np.radians(155), n * 4)
            # points on the icing surface (ring of radius ring_r, tube tube_r + t, squashed by sy)
            rr = ring_r + (tube_r + t) * np.cos(v)
            pts = np.stack([rr * np.cos(u), (tube_r + t) * np.sin(v) * sy, -rr * np.sin(u)], axis=1)
            nrm = np.stack([np.cos(v) * np.cos(u) * sy, np.sin(v), -np.cos(v) * np.sin(u) * sy], axis=1)
            nrm /= np.linalg.norm(nrm, axis=1, keepdims=True)
            length = max(D * 0.075, 0.003)
            radius = length * 0.18
            keep: list[int] = []
            # only where the icing actually reaches (its lower edge is wavy)
            covered = np.asarray(icing(pts - nrm * t * 0.5)) <= 0
            for j in range(len(pts)):
                if len(keep) >= n:
                    break
                if not covered[j]:
                    continue
                if not keep or np.min(np.linalg.norm(pts[keep] - pts[j], axis=1)) > length * 1.05:
                    keep.append(j)
            pieces = []
            piece = prim.capsule(radius, length, segments=8, cap_rings=2).translated((0, -length / 2, 0))
            for j in keep:
                # lie the sprinkle flat on the surface at a random heading, half sunk in
                heading = rng.normal(size=3)
                heading -= (heading @ nrm[j]) * nrm[j]
                heading /= np.linalg.norm(heading)
                m = np.eye(4)
                m[:3, :3] = prim.align_y_to(heading)
                m[:3, 3] = pts[j] + nrm[j] * radius * 0.15
                pieces.append(piece.transformed(m))
            if pieces:
                model.add("sprinkles", concatenate(pieces), self.material("sprinkles"))
        return model
