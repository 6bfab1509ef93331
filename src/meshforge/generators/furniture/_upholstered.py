"""Body plan of upholstered seating (sofas, armchairs): a padded base on short legs, two arms, a back,
loose seat and back cushions with soft rounded edges, optional throw pillows.

The piece faces +Z; its back is at -Z. :class:`sofa` and :class:`armchair` are thin subclasses that set
their own defaults and envelopes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, Slot
from meshforge.generators.furniture._casework import cushion
from meshforge.geometry import primitives as prim
from meshforge.geometry.transform import rotation, translation

FABRICS = ("fabric", "linen", "velvet", "wool", "leather", "denim")
FABRIC_COLORS = ("#7A8088", "#3E5266", "#8B6F55", "#2F4F3E", "#B8AFA3", "#6B2E2E", "#C9B38E", "#404040")
LEG_WOODS = ("walnut", "oak", "black_metal", "brass", "cherry")


def seating_params(width: tuple[float, float, float, float, float], depth: float, height: float,
                   seats: tuple[int, int, int], arm_width: float) -> tuple[Param, ...]:
    """Parameter schema; ``width`` = (default, min, max, sample lo, sample hi), ``seats`` = (default, min, max)."""
    w, wmin, wmax, wlo, whi = width
    return (
        Param("width", "float", w, wmin, wmax, "m", description="overall width (X), arm to arm",
              words=("wide", "long", "compact", "narrow"), sample_range=(wlo, whi)),
        Param("depth", "float", depth, 0.7, 1.1, "m", description="overall depth (Z)",
              words=("deep", "shallow"), sample_range=(depth - 0.05, depth + 0.06)),
        Param("height", "float", height, 0.65, 1.15, "m", description="floor to the top of the back",
              words=("high back", "low back", "tall"), sample_range=(height - 0.06, height + 0.06)),
        Param("seat_height", "float", 0.44, 0.36, 0.52, "m", description="floor to the top of the seat cushions",
              words=("low seat", "high seat"), sample_range=(0.41, 0.47)),
        Param("seat_cushions", "int", seats[0], seats[1], seats[2], "count",
              description="loose seat cushions side by side (back cushions match)",
              words=("one cushion", "two cushions", "three cushions", "bench seat"),
              sample_range=(seats[1], seats[2])),
        Param("arm_style", "choice", "square", choices=("square", "rolled", "slim", "none"),
              description="shape of the armrests", words=("rolled arms", "track arms", "slim arms", "armless")),
        Param("arm_width", "float", arm_width, 0.06, 0.3, "m", description="thickness of each arm",
              words=("thick arms", "thin arms"), sample_range=(arm_width * 0.8, arm_width * 1.2)),
        Param("leg_height", "float", 0.1, 0.03, 0.22, "m", description="height of the legs under the base",
              words=("tall legs", "short legs", "mid-century"), sample_range=(0.06, 0.16)),
        Param("leg_style", "choice", "tapered", choices=("tapered", "block", "hairpin"),
              description="leg shape", words=("tapered legs", "block feet", "metal legs")),
        Param("pillows", "bool", True, description="throw pillows in the corners",
              words=("with pillows", "throw pillows", "no pillows"), p_true=0.6),
        Param("softness", "float", 0.35, 0.1, 0.48, "ratio", description="roundness of the cushions' edges",
              words=("plump", "soft", "crisp", "tailored"), sample_range=(0.25, 0.42)),
    )


SEATING_SLOTS = (
    Slot("upholstery", "fabric", color="#7A8088", words=("upholstery", "fabric", "cushions", "body", "cover"),
         choices=FABRICS, colors=FABRIC_COLORS, description="base, arms, back and cushions"),
    Slot("legs", "walnut", words=("legs", "leg", "feet"), choices=LEG_WOODS, description="legs"),
    Slot("pillows", "velvet", color="#C9A227", words=("pillows", "throw pillows", "pillow", "accent"),
         choices=("velvet", "linen", "wool", "fabric"),
         colors=("#C9A227", "#B5523B", "#2F4F6F", "#E8E2D6", "#5E7D4F"), description="throw pillows"),
)


class UpholsteredSeating(Generator):
    """Shared create(); subclasses set id, names, params (from :func:`seating_params`) and size."""

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        fab = self.material("upholstery")
        W, D, H = p["width"], p["depth"], p["height"]
        lh = p["leg_height"]
        soft = p["softness"]
        arm_style = p["arm_style"]
        aw = 0.0 if arm_style == "none" else (min(p["arm_width"], 0.1) if arm_style == "slim" else p["arm_width"])
        aw = min(aw, W * 0.22)
        seat_top = max(p["seat_height"], lh + 0.2)
        cush_t = min(0.16, (seat_top - lh) * 0.45)
        base_top = seat_top - cush_t
        back_t = min(0.2, D * 0.24)
        back_top = max(H, seat_top + 0.25)
        arm_top = min(seat_top + 0.2, back_top - 0.04)

        # padded base between the arms (full width when armless)
        model.add("base", cushion((W - 2 * aw + 0.02, base_top - lh, D), (0.0, (base_top + lh) / 2, 0.0), 0.12), fab)
        # back frame
        inner_w = W - 2 * aw
        back = cushion((inner_w + 0.02, back_top - lh, back_t), (0.0, (back_top + lh) / 2, -D / 2 + back_t / 2),
                       0.3 * soft + 0.05)
        model.add("back_frame", back, fab)
        # arms
        if aw > 0:
            for i, sx in enumerate((-1, 1)):
                x = sx * (W / 2 - aw / 2)
                ah = arm_top - lh
                if arm_style == "rolled":
                    body = cushion((aw, ah - aw * 0.35, D), (x, lh + (ah - aw * 0.35) / 2, 0.0), 0.15)
                    roll = prim.capsule(aw * 0.62, D + 0.02, segments=28, cap_rings=6).transformed(rotation("x", 90.0))
                    roll = roll.translated((x + sx * aw * 0.1, arm_top - aw * 0.55, -D / 2 - 0.01))
                    model.add(f"arm_{i}", body, fab)
                    model.add(f"arm_roll_{i}", roll, fab)
                else:
                    model.add(f"arm_{i}", cushion((aw, ah, D), (x, lh + ah / 2, 0.0), 0.22 if arm_style == "square" else 0.4), fab)
        # seat cushions
        n = p["seat_cushions"]
        gap = 0.006
        cw = (inner_w - gap * (n - 1)) / n
        cd = D - back_t - 0.01
        zc = -D / 2 + back_t + cd / 2 + 0.005
        xs = -inner_w / 2 + cw / 2 + np.arange(n) * (cw + gap)
        for i, x in enumerate(xs):
            model.add(f"seat_cushion_{i}", cushion((cw, cush_t, cd), (x, base_top + cush_t / 2 - 0.002, zc), soft), fab)
        # back cushions leaning on the back frame
        bc_t = min(0.16, back_t * 0.9 + 0.02)
        bc_h = max(0.18, min(back_top - seat_top + 0.03, 0.55))
        lean = 10.0
        for i, x in enumerate(xs):
            c = cushion((cw, bc_h, bc_t), (0.0, bc_h / 2, bc_t / 2), soft)
            m = translation((x, seat_top - 0.01, -D / 2 + back_t - 0.02)) @ rotation("x", -lean)
            model.add(f"back_cushion_{i}", c, fab, m)
        # throw pillows in the corners
        if p["pillows"] and inner_w > 0.5:
            pill = self.material("pillows")
            ps = min(0.42, inner_w * 0.28) if inner_w > 0.9 else min(0.36, inner_w * 0.45)
            sides = (-1, 1) if inner_w > 0.9 else (0.35,)
            for i, sx in enumerate(sides):
                pl = cushion((ps, ps, 0.12), (0.0, ps / 2, 0.0), 0.48)
                m = (translation((sx * (inner_w / 2 - ps / 2 - 0.02), seat_top - 0.02, -D / 2 + back_t + bc_t * 0.9))
                     @ rotation("y", -sx * 12.0) @ rotation("x", -14.0))
                model.add(f"pillow_{i}", pl, pill, m)
        self._legs(model, p, W, D, lh)
        return model

    def _legs(self, model: Model, p: dict[str, Any], W: float, D: float, lh: float) -> None:
        legs = self.material("legs")
        n_pairs = 3 if W > 2.2 else 2
        xs = np.linspace(-W / 2 + 0.06, W / 2 - 0.06, n_pairs)
        k = 0
        for x in xs:
            for z in (D / 2 - 0.06, -D / 2 + 0.06):
                style = p["leg_style"]
                if style == "block":
                    leg = prim.box((0.05, lh + 0.002, 0.05), bevel=0.006, bevel_segments=2).translated((0, lh / 2, 0))
                elif style == "hairpin":
                    leg = prim.cylinder(0.009, lh + 0.002, segments=14, bevel=0.002)
                else:
                    leg = prim.cone(0.012, lh + 0.002, 0.02, segments=18)
                model.add(f"leg_{k}", leg.translated((float(x), 0.0, z)), legs)
                k += 1
