"""Pergola: a garden pergola of square posts on footings carrying two beams, a row of rafters with shaped
(notched) ends across them and, optionally, slim purlins across the rafters.

Default: 3.6 x 3.0 m, 2.6 m tall, four posts, nine rafters.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.architecture._parts import block, prism_z, turned
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import merge
from meshforge.geometry.mesh import Mesh


@register
class PergolaGenerator(Generator):
    id = "pergola"
    name = "Pergola"
    family = "architecture"
    synonyms = ("arbor", "arbour", "garden pergola", "gazebo frame", "trellis", "pergola frame", "patio cover",
                "bower")
    description = (
        "A garden pergola: square timber posts on concrete footings, a beam along each side on top of the "
        "posts, a row of rafters with angled (notched) tails laid across the beams and slim purlins across "
        "the rafters making an open slatted roof."
    )
    tags = ("architecture", "garden", "outdoor", "gaming", "exterior")
    params = (
        Param("width", "float", 3.6, 1.5, 8.0, "m", description="length along the beams (X)",
              words=("long", "wide", "large", "small"), sample_range=(3.0, 4.5)),
        Param("depth", "float", 3.0, 1.2, 6.0, "m", description="span of the rafters (Z)",
              words=("deep",), sample_range=(2.4, 3.6)),
        Param("height", "float", 2.6, 2.0, 4.0, "m", description="height to the top of the posts",
              words=("tall", "low"), sample_range=(2.4, 2.8)),
        Param("posts", "int", 2, 2, 5, "count", description="posts along each beam",
              words=("four posts", "six posts"), sample_range=(2, 3)),
        Param("rafters", "int", 9, 3, 30, "count", description="number of rafters",
              words=("nine rafters", "slats"), sample_range=(7, 12)),
        Param("post_size", "float", 0.15, 0.08, 0.3, "m", description="post cross-section",
              words=("chunky", "slim"), sample_range=(0.12, 0.18)),
        Param("purlins", "bool", True, description="slim battens across the rafters",
              words=("with purlins", "battens", "slatted top"), p_true=0.6),
    )
    slots = (
        Slot("wood", "weathered_wood", words=("wood", "posts", "beams", "rafters", "frame", "pergola"),
             choices=("weathered_wood", "oak", "pine", "painted_wood", "walnut"), description="all the timber"),
        Slot("footings", "concrete", words=("footings", "bases", "concrete"), choices=("concrete", "stone"),
             description="post footings"),
    )
    size = SizeEnvelope(min=(1.9, 2.1, 1.9), max=(8.9, 4.5, 7.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        W, D, H, ps = p["width"], p["depth"], p["height"], p["post_size"]
        wood = self.material("wood")
        xs = np.linspace(-W / 2 + ps / 2, W / 2 - ps / 2, p["posts"])
        posts, feet = [], []
        for sz in (-1, 1):
            for x in xs:
                posts.append(block((ps, H - 0.1, ps), (x, 0.1 + (H - 0.1) / 2, sz * (D / 2 - ps / 2)), bevel=0.006))
                feet.append(block((ps + 0.1, 0.12, ps + 0.1), (x, 0.06, sz * (D / 2 - ps / 2)), bevel=0.01))
        model.add("posts", merge(posts), wood)
        model.add("footings", merge(feet), self.material("footings"))
        bh, bt = max(0.2, ps * 1.3), ps * 0.6
        over = 0.35
        beams = [self._tailed((W + 2 * over, bh, bt), (0, H + bh / 2 - 0.001, sz * (D / 2 - ps / 2)), "x")
                 for sz in (-1, 1)]
        model.add("beams", merge(beams), wood)
        rh, rt = bh * 0.85, max(0.045, ps * 0.33)
        n = p["rafters"]
        rx = np.linspace(-W / 2, W / 2, n)
        rafters = [self._tailed((rt, rh, D + 2 * over), (x, H + bh + rh / 2 - 0.002, 0), "z") for x in rx]
        model.add("rafters", merge(rafters), wood)
        if p["purlins"]:
            m = max(3, int(D / 0.35))
            zs = np.linspace(-D / 2 - over * 0.6, D / 2 + over * 0.6, m)
            purlins = [block((W + 0.3, 0.05, 0.05), (0, H + bh + rh + 0.025 - 0.003, z)) for z in zs]
            model.add("purlins", merge(purlins), wood)
        return model

    @staticmethod
    def _tailed(size: tuple[float, float, float], centre: tuple[float, float, float], along: str) -> Mesh:
        """A timber of ``size`` with both ends cut to a sloping tail (classic pergola detail)."""
        L = size[0] if along == "x" else size[2]
        h = size[1]
        t = size[2] if along == "x" else size[0]
        cut = min(h * 0.55, L * 0.1)
        tail = min(h * 1.6, L * 0.15)
        prof = np.array([(-L / 2, h / 2), (-L / 2, h / 2 - cut), (-L / 2 + tail, -h / 2), (L / 2 - tail, -h / 2),
                         (L / 2, h / 2 - cut), (L / 2, h / 2)])
        beam = prism_z(prof, -t / 2, t / 2)
        if along == "z":
            beam = turned(beam, "y", 90.0)
        return beam.translated(centre)
