"""Cardboard box: a regular slotted carton, either closed (top flaps meeting along the middle, optionally taped
across and down the ends) or open (a hollow box with its four flaps folded up and out), with an optional
shipping label.

Default: a closed, taped 40 x 30 x 30 cm shipping box.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry import transform as tf
from meshforge.geometry.mesh import Mesh


@register
class CardboardBoxGenerator(Generator):
    id = "cardboard_box"
    name = "Cardboard box"
    family = "containers"
    synonyms = ("box", "carton", "shipping box", "moving box", "parcel", "package", "corrugated box",
                "cardboard carton", "delivery box", "packing box", "storage box", "paper box")
    description = (
        "A corrugated cardboard box: a regular slotted carton that is closed with its top flaps meeting in the "
        "middle and taped across, or open with the four flaps folded up and outward; optionally with a shipping "
        "label on the top or side."
    )
    tags = ("containers", "packaging", "props", "gaming", "interior", "logistics")
    params = (
        Param("width", "float", 0.4, 0.1, 1.0, "m", description="length of the long side",
              words=("large", "small", "long", "wide", "big"), sample_range=(0.3, 0.6)),
        Param("depth", "float", 0.3, 0.1, 0.8, "m", description="length of the short side",
              words=("deep", "narrow"), sample_range=(0.22, 0.4)),
        Param("height", "float", 0.3, 0.08, 0.8, "m", description="height of the box body",
              words=("tall", "flat", "low"), sample_range=(0.2, 0.45)),
        Param("flaps", "choice", "closed", choices=("closed", "open"), description="top flaps closed or folded open",
              words=("closed", "sealed", "open", "opened", "empty", "unpacked")),
        Param("flap_angle", "float", 120.0, 90.0, 150.0, "deg",
              description="how far open flaps are folded (90 = straight up)",
              words=("flaps up", "flaps out"), sample_range=(100.0, 135.0)),
        Param("tape", "bool", True, description="packing tape across the top seam and down the ends",
              words=("taped", "tape", "sealed", "untaped"), p_true=0.7),
        Param("label", "bool", False, description="a shipping label", words=("label", "shipping label", "address"),
              p_true=0.4),
        Param("wall_thickness", "float", 0.004, 0.002, 0.008, "m", description="corrugated board thickness",
              words=("double wall", "thin"), sample_range=(0.003, 0.005)),
    )
    slots = (
        Slot("cardboard", "cardboard", words=("cardboard", "box", "carton", "board"),
             colors=("#B98D5E", "#C49A6C", "#A97E52", "#D8C3A0"), description="the box"),
        Slot("tape", "plastic", color="#C8A067", words=("tape", "packing tape", "duct tape"),
             colors=("#C8A067", "#D9D2C5", "#B8432F"), description="packing tape"),
        Slot("label", "paper", color="#F7F7F2", words=("label", "sticker"), description="shipping label"),
    )
    size = SizeEnvelope(min=(0.1, 0.08, 0.1), max=(1.9, 1.6, 1.7))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        W, D, H, t = p["width"], p["depth"], p["height"], p["wall_thickness"]
        card = self.material("cardboard")
        tape_w = min(0.048, 0.3 * D)
        if p["flaps"] == "closed":
            body = prim.box((W, H, D), bevel=min(t * 0.8, 0.004), bevel_segments=2).translated((0, H / 2, 0))
            seam = prim.box((W + 0.01, 0.004, 0.0015)).translated((0, H, 0))
            model.add("box", csg.difference(body, seam, crease_deg=40.0), card)
            if p["tape"]:
                drop = min(0.07, H * 0.3)
                tt = 0.0005
                strips = [prim.box((W + 2 * tt, tt, tape_w)).translated((0, H + tt / 2, 0))]
                for s in (-1, 1):
                    strips.append(prim.box((tt, drop, tape_w)).translated((s * (W / 2 + tt / 2), H - drop / 2, 0)))
                model.add("tape", csg.union(*strips, crease_deg=30.0), self.material("tape"))
            if p["label"]:
                lw, ld = min(0.15, W * 0.35), min(0.1, D * 0.3)
                lab = prim.box((lw, 0.0004, ld)).translated((-W / 4, H + 0.0002, D / 4 + tape_w / 4))
                model.add("label", lab, self.material("label"))
            return model
        outer = prim.box((W, H, D), bevel=min(t * 0.8, 0.004), bevel_segments=2).translated((0, H / 2, 0))
        inner = prim.box((W - 2 * t, H, D - 2 * t)).translated((0, H / 2 + t, 0))
        model.add("box", csg.difference(outer, inner, crease_deg=40.0), card)
        jitter = rng.uniform(-8.0, 8.0, 4)
        flaps: list[Mesh] = []
        # long flaps hinge on the long (x) edges, short flaps on the short (z) edges; each is half the depth deep
        for i, s in enumerate((-1, 1)):
            f = prim.box((W - 0.004, t, D / 2 - 0.002), bevel=t * 0.4, bevel_segments=1).translated((0, 0, -(D / 2) / 2))
            f = tf.rotate(f, "x", p["flap_angle"] + jitter[i])
            if s < 0:
                f = tf.rotate(f, "y", 180.0)
            flaps.append(f.translated((0, H - t / 2, s * (D / 2 - t / 2))))
        for i, s in enumerate((-1, 1)):
            f = prim.box((D / 2 - 0.002, t, D - 0.006), bevel=t * 0.4, bevel_segments=1).translated((-(D / 2) / 2, 0, 0))
            f = tf.rotate(f, "z", -(p["flap_angle"] + jitter[2 + i]))
            if s < 0:
                f = tf.rotate(f, "y", 180.0)
            flaps.append(f.translated((s * (W / 2 - t / 2), H - t / 2, 0)))
        for i, f in enumerate(flaps):
            model.add(f"flap_{i}", f, card)
        if p["tape"]:
            # cut tape left on the ends after the box was opened
            drop = min(0.07, H * 0.3)
            pieces = [prim.box((0.0005, drop, tape_w)).translated((s * (W / 2 + 0.00025), H - drop / 2 - 0.004, 0))
                      for s in (-1, 1)]
            model.add("tape", tf.merge(pieces), self.material("tape"))
        if p["label"]:
            lw, lh = min(0.15, W * 0.35), min(0.1, H * 0.3)
            lab = prim.box((lw, lh, 0.0004)).translated((W * 0.15, H * 0.45, D / 2 + 0.0002))
            model.add("label", lab, self.material("label"))
        return model
