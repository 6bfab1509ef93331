"""Bucket: a tapered hollow pail (lathed, with a rolled or lipped rim and stiffening ribs), ears and a wire
bail handle with a grip, in galvanised metal or moulded plastic; optionally with water inside.

Default: a 10 litre galvanised steel bucket, 29 cm across the rim and 26 cm tall, handle up.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._shapes import tube
from meshforge.generators.tableware._vessel import liquid_profile, shell_profile
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry import transform as tf


@register
class BucketGenerator(Generator):
    id = "bucket"
    name = "Bucket"
    family = "containers"
    synonyms = ("pail", "metal bucket", "plastic bucket", "water bucket", "mop bucket", "galvanized bucket",
                "galvanised bucket", "paint bucket", "milk pail", "ice bucket", "sand bucket")
    description = (
        "A bucket: a tapered hollow pail with a rolled metal rim or a plastic lip, stiffening ribs, side ears and "
        "a wire bail handle with a grip; galvanised metal or moulded plastic, empty or holding water."
    )
    tags = ("containers", "props", "gaming", "farm", "household", "exterior")
    params = (
        Param("diameter", "float", 0.29, 0.12, 0.45, "m", description="outer diameter at the rim",
              words=("wide", "large", "small", "big"), sample_range=(0.25, 0.32)),
        Param("height", "float", 0.26, 0.1, 0.45, "m", description="height of the pail",
              words=("tall", "deep", "shallow", "short"), sample_range=(0.22, 0.3)),
        Param("taper", "float", 0.78, 0.6, 1.0, "ratio", description="bottom diameter / rim diameter",
              words=("tapered", "straight", "cylindrical"), sample_range=(0.72, 0.86)),
        Param("style", "choice", "metal", choices=("metal", "plastic"),
              description="galvanised metal with a rolled rim, or moulded plastic with a lip",
              words=("metal", "galvanised", "tin", "plastic", "moulded")),
        Param("ribs", "int", 2, 0, 4, "count", description="horizontal stiffening ribs", words=("ribbed", "ribs", "plain"),
              sample_range=(0, 3)),
        Param("handle", "bool", True, description="wire bail handle with a grip",
              words=("with handle", "handle", "handleless", "no handle"), p_true=0.9),
        Param("handle_angle", "float", 0.0, 0.0, 60.0, "deg", description="tilt of the handle from upright",
              words=("handle up", "handle down", "tilted handle"), sample_range=(0.0, 50.0)),
        Param("fill", "float", 0.0, 0.0, 0.9, "ratio", description="water level as a fraction of the height",
              words=("full", "empty", "with water", "half full"), sample_range=(0.0, 0.6)),
    )
    slots = (
        Slot("body", "brushed_aluminium", color="#C9CDD0", words=("body", "bucket", "pail", "metal"),
             choices=("brushed_aluminium", "stainless_steel", "painted_metal", "plastic", "copper", "rusty_iron"),
             colors=("#C9CDD0", "#D8DCDF", "#3C6E9F", "#B03A2E", "#E2B33C"), description="pail and ears"),
        Slot("handle", "steel", words=("handle", "bail", "wire"), choices=("steel", "black_metal", "stainless_steel"),
             description="wire bail handle"),
        Slot("grip", "oak", words=("grip",), choices=("oak", "plastic", "pine"), colors=(),
             description="handle grip"),
        Slot("water", "water", words=("water", "liquid", "contents"), description="water inside"),
    )
    size = SizeEnvelope(min=(0.12, 0.1, 0.12), max=(0.56, 0.86, 0.56))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R, H = p["diameter"] / 2, p["height"]
        rb = R * p["taper"]
        metal = p["style"] == "metal"
        wall = 0.0012 if metal else 0.003
        wall = max(wall, R * 0.006)

        def r_at(y: np.ndarray) -> np.ndarray:
            return rb + (R - rb) * y / H

        ys = np.linspace(0.012, H - 0.012, 40)
        rs = r_at(ys)
        bump = 0.004 if metal else 0.003
        for k in range(p["ribs"]):
            yc = H * (0.3 + 0.5 * (k + 0.5) / max(p["ribs"], 1)) if metal else H * (0.25 + 0.15 * k)
            rs = rs + bump * np.exp(-(((ys - yc) / 0.006) ** 2))
        foot = [(0.0, 0.0), (rb - 0.01, 0.0), (rb - 0.006, 0.004), (r_at(np.array([0.008]))[0], 0.008)]
        if metal:
            rim_pts = [(R + 0.002, H - 0.006), (R + 0.005, H - 0.003), (R + 0.004, H)]
        else:
            rim_pts = [(R + 0.001, H - 0.004), (R + 0.0005, H)]
        outer = np.vstack([foot, np.stack([rs, ys], axis=1), rim_pts])
        prof = shell_profile(outer, wall, floor=0.004 + wall)
        body = prim.lathe(prof, segments=64, crease_deg=50.0)
        if not metal:
            # a moulded lip: a rounded ring unioned onto the rim (offsetting such a step would fold the wall)
            lip = prim.rounded_rectangle(0.011, 0.022, 0.004, 4) + np.array([R + 0.0025, H - 0.011])
            body = csg.union(body, prim.lathe(lip, segments=64, closed=True, crease_deg=50.0), crease_deg=50.0)
        ear_y = H - (0.03 if metal else 0.035)
        ear_r = float(r_at(np.array([ear_y]))[0])
        ears = []
        for s in (-1, 1):
            if metal:
                ear = prim.box((0.006, 0.035, 0.03), bevel=0.002).translated((s * (ear_r + 0.001), ear_y, 0))
            else:
                ear = prim.cylinder_between((s * (ear_r - 0.004), ear_y, 0), (s * (ear_r + 0.012), ear_y, 0), 0.011,
                                            segments=20)
            ears.append(ear)
        model.add("bucket", csg.union(body, *ears, crease_deg=50.0), self.material("body"))
        if p["fill"] > 0:
            level = 0.004 + wall + p["fill"] * (H - 0.02)
            lp = liquid_profile(prof, len(outer), 0.004 + wall, level)
            if lp is not None:
                model.add("water", prim.lathe(lp, segments=64), self.material("water"))
        if p["handle"]:
            x_p = ear_r + (0.006 if metal else 0.014)
            rise = 0.55 * R + 0.05
            t = np.linspace(0.0, np.pi, 36)
            path = np.stack([-(x_p + 0.004) * np.cos(t) * (1 + 0.05 * np.sin(t)), rise * np.sin(t) ** 0.75,
                             np.zeros_like(t)], axis=1)
            # hooks: the wire ends turn in through the ears
            hook = np.array([[-(x_p - 0.006), -0.002, 0.0], [-(x_p + 0.004), 0.0, 0.0]])
            path = np.vstack([hook[:1], path[1:-1], hook[::-1][:1] * (-1, 1, 1)])
            path[0] = (-(x_p - 0.008), 0.0, 0.0)
            path[-1] = ((x_p - 0.008), 0.0, 0.0)
            wire_r = 0.0024 if metal else 0.003
            bail = tube(path, wire_r)
            grip_len = min(0.11, 0.6 * R)
            grip_r = 0.011
            grip_prof = [(0.0, 0.0), (grip_r * 0.7, 0.0), (grip_r, 0.006), (grip_r, grip_len - 0.006),
                         (grip_r * 0.7, grip_len), (0.0, grip_len)]
            grip = tf.rotate(prim.lathe(grip_prof, segments=20, crease_deg=50.0), "z", 90.0)
            grip = grip.translated((grip_len / 2, rise, 0))
            tilt = p["handle_angle"]
            pivot = (0.0, 0.0, 0.0)
            bail = tf.rotate(bail, "x", tilt, about=pivot).translated((0, ear_y, 0))
            grip = tf.rotate(grip, "x", tilt, about=pivot).translated((0, ear_y, 0))
            model.add("handle", bail, self.material("handle"))
            model.add("grip", grip, self.material("grip"))
        return model
