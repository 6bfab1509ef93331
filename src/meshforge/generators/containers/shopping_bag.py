"""Shopping bag: a paper carrier bag standing open: thin walls with a folded-over top hem, gusset creases on the
narrow sides, and twisted-rope, flat-strip or die-cut handles, with an optional printed logo panel.

Default: a kraft-paper shopping bag, 32 x 17 cm and 42 cm tall, with twisted paper rope handles.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._shapes import tube
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry import transform as tf


@register
class ShoppingBagGenerator(Generator):
    id = "shopping_bag"
    name = "Shopping bag"
    family = "containers"
    synonyms = ("paper bag", "carrier bag", "gift bag", "kraft bag", "tote bag", "grocery bag", "bag", "paper carrier",
                "retail bag", "shopper", "carrier")
    description = (
        "A paper shopping bag standing open: a rectangular bag with a folded top hem, creased side gussets and "
        "twisted paper rope, flat paper strip or die-cut handles, optionally with a printed logo panel."
    )
    tags = ("containers", "packaging", "props", "gaming", "retail", "interior")
    params = (
        Param("width", "float", 0.32, 0.12, 0.55, "m", description="width of the front",
              words=("wide", "narrow", "large", "small"), sample_range=(0.24, 0.38)),
        Param("height", "float", 0.42, 0.15, 0.6, "m", description="height of the bag (without handles)",
              words=("tall", "short"), sample_range=(0.3, 0.45)),
        Param("depth", "float", 0.17, 0.06, 0.3, "m", description="depth of the side gusset",
              words=("deep", "slim"), sample_range=(0.1, 0.2)),
        Param("handles", "choice", "twisted", choices=("twisted", "flat", "die_cut", "none"),
              description="twisted paper rope, flat paper strip, die-cut holes, or no handles",
              words=("rope handles", "twisted handles", "flat handles", "die cut", "handleless", "no handles")),
        Param("handle_height", "float", 0.1, 0.05, 0.16, "m", description="how far the handles rise above the top",
              words=("long handles", "short handles"), sample_range=(0.08, 0.12)),
        Param("logo", "bool", True, description="printed logo panel on the front",
              words=("logo", "printed", "branded", "plain"), p_true=0.6),
    )
    slots = (
        Slot("paper", "paper", color="#B58A5C", words=("paper", "bag", "kraft", "body"),
             colors=("#B58A5C", "#F2F0EA", "#1E1E1E", "#8E2F3B", "#2F4A6D"), description="the bag"),
        Slot("handles", "paper", color="#9C744A", words=("handles", "handle", "rope", "string"),
             colors=("#9C744A", "#F2F0EA", "#1E1E1E"), description="handles"),
        Slot("logo", "paper", color="#2F6B3A", words=("logo", "print", "label"),
             colors=("#2F6B3A", "#C0392B", "#F2F0EA", "#E1B12C"), description="printed logo panel"),
    )
    size = SizeEnvelope(min=(0.12, 0.15, 0.06), max=(0.56, 0.78, 0.31))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        W, H, D = p["width"], p["height"], p["depth"]
        t = 0.0012
        outer = prim.box((W, H, D)).translated((0, H / 2, 0))
        inner = prim.box((W - 2 * t, H, D - 2 * t)).translated((0, H / 2 + 0.002, 0))
        hem_h = min(0.04, H * 0.1)
        hem = prim.box((W - 2 * t - 0.001, hem_h, D - 2 * t - 0.001)).translated((0, H - hem_h / 2, 0))
        hem_cut = prim.box((W - 4 * t, hem_h + 0.01, D - 4 * t)).translated((0, H - hem_h / 2, 0))
        cutters = [inner]
        # gusset creases: shallow V grooves down the middle of the narrow sides
        for s in (-1, 1):
            groove = tf.rotate(prim.box((0.0016, H * 0.8, 0.0016)), "y", 45.0)
            cutters.append(groove.translated((s * W / 2, H * 0.5, 0)))
        if p["handles"] == "die_cut":
            slot_w = min(0.09, W * 0.35)
            hole = prim.extrude(prim.rounded_rectangle(slot_w, 0.025, 0.0124, 6), D + 0.02, crease_deg=40.0)
            hole = tf.rotate(hole, "x", 90.0).translated((0, H - 0.045, -(D / 2 + 0.01)))
            cutters.append(hole)
        bag = csg.difference(outer, *cutters, crease_deg=40.0)
        bag = csg.union(bag, csg.difference(hem, hem_cut), crease_deg=40.0)
        if p["handles"] == "die_cut":
            bag = csg.difference(bag, cutters[-1], crease_deg=40.0)
        model.add("bag", bag, self.material("paper"))
        if p["handles"] in ("twisted", "flat"):
            span = min(0.1, W * 0.32) / 2
            rise = p["handle_height"]
            a = np.linspace(0.0, np.pi, 30)
            loops = []
            for s in (-1, 1):
                z = s * (D / 2 - t - 0.004)
                xs = -span * np.cos(a) * (1 + 0.25 * np.sin(a))
                ys = H - 0.03 + (rise + 0.03) * np.sin(a) ** 0.8
                path = np.stack([xs, ys, np.full_like(xs, z)], axis=1)
                if p["handles"] == "twisted":
                    prof = prim.circle(0.0032, 10)
                else:
                    prof = np.array([(-0.0012, -0.011), (0.0012, -0.011), (0.0012, 0.011), (-0.0012, 0.011)])
                loops.append(tube(path, prof))
            model.add("handles", tf.merge(loops), self.material("handles"))
        if p["logo"]:
            lw = min(0.14, W * 0.45)
            lh = min(0.12, H * 0.3)
            panel = prim.box((lw, lh, 0.0006)).translated((0, H * 0.5, D / 2 + 0.0003))
            model.add("logo", panel, self.material("logo"))
        return model
