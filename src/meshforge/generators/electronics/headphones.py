"""Headphones: over-ear or on-ear headphones standing on their ear cups: a padded arched headband,
sliders and yokes, two ear cups with cushions, and an optional cable.

Default: over-ear headphones, 100 mm ear cups, 18 cm between the cups, headband arching 20 cm
high. The cups face each other along X.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.clothing._shapes import bent_tube
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.transform import rotation

TO_X = rotation("z", -90.0)  # lathe axis +Y -> +X


@register
class HeadphonesGenerator(Generator):
    id = "headphones"
    name = "Headphones"
    family = "electronics"
    synonyms = ("headset", "earphones", "over-ear headphones", "on-ear headphones", "cans", "studio headphones",
                "gaming headset", "wireless headphones")
    description = (
        "A pair of headphones: padded arched headband with sliders and yokes, two ear cups with soft cushions, "
        "over-ear or on-ear, optional boom microphone and cable; standing on the ear cups."
    )
    tags = ("electronics", "product", "music", "gadget", "gaming")
    params = (
        Param("style", "choice", "over_ear", choices=("over_ear", "on_ear"), description="cup size",
              words=("over ear", "on ear", "studio", "compact")),
        Param("cup_size", "float", 1.0, 0.75, 1.25, "ratio", description="ear cup size relative to the style's usual",
              words=("big cups", "small cups"), sample_range=(0.9, 1.1)),
        Param("head_width", "float", 0.18, 0.14, 0.22, "m", description="inside distance between the cushions (18 cm)",
              words=("wide", "narrow", "kids"), sample_range=(0.16, 0.19)),
        Param("band_height", "float", 0.2, 0.14, 0.26, "m", description="headband height above the cup centres (20 cm)",
              words=("tall band",), sample_range=(0.17, 0.22)),
        Param("microphone", "bool", False, description="a boom microphone on the left cup (gaming headset)",
              words=("microphone", "mic", "headset", "gaming"), p_true=0.25),
        Param("cable", "bool", True, description="a short cable leaving the left cup", words=("wired", "cable", "wireless"),
              p_true=0.5),
    )
    slots = (
        Slot("shell", "matte_plastic", color="#1E1F22", words=("headphones", "cups", "shell", "band", "body"),
             choices=("matte_plastic", "glossy_plastic", "brushed_aluminium"),
             colors=("#1E1F22", "#E8E6E1", "#2D4A6B", "#8A1C2B", "#C9B79C"), description="ear cups and headband"),
        Slot("cushions", "leather", color="#232323", words=("cushions", "pads", "padding", "ear pads"),
             choices=("leather", "velvet", "fabric"), description="ear cushions and band padding"),
        Slot("metal", "brushed_aluminium", words=("sliders", "yokes", "metal", "hinges"),
             choices=("brushed_aluminium", "chrome", "black_metal"), description="sliders and yokes"),
    )
    size = SizeEnvelope(min=(0.17, 0.15, 0.04), max=(0.36, 0.42, 0.25))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        over = p["style"] == "over_ear"
        R = (0.05 if over else 0.036) * p["cup_size"]  # cup radius
        cup_t = 0.03 if over else 0.022
        cush_t = 0.022 if over else 0.015
        hw = p["head_width"] / 2
        cy = R * 1.05  # cup centres: the cups stand on their rims
        shell_mat, cush_mat, metal = (self.material(s) for s in ("shell", "cushions", "metal"))
        cups, cushions = [], []
        for sx in (-1, 1):
            x_in = sx * hw  # inner face of the cushion
            cup_prof = [(0, 0), (R * 0.98, 0), (R, cup_t * 0.3), (R * 0.95, cup_t * 0.85), (R * 0.7, cup_t), (0, cup_t)]
            cup = prim.lathe(cup_prof, segments=48).transformed(TO_X)
            if sx < 0:
                cup = cup.transformed(np.diag([-1.0, 1.0, 1.0, 1.0]))
            cups.append(cup.translated((x_in + sx * cush_t, cy, 0)))
            cush = prim.torus(R * 0.72, cush_t / 2 * 1.05, segments=40, tube_segments=12)
            cush = cush.transformed(rotation("z", 90.0))
            cushions.append(cush.translated((x_in + sx * cush_t / 2, cy, 0)))
        model.add("ear_cup_left", cups[0], shell_mat)
        model.add("ear_cup_right", cups[1], shell_mat)
        model.add("cushion_left", cushions[0], cush_mat)
        model.add("cushion_right", cushions[1], cush_mat)
        # yokes: U forks holding each cup at its top; sliders rise into the band
        top_y = cy + p["band_height"]
        parts = []
        for sx in (-1, 1):
            x_mid = sx * (hw + cush_t + cup_t * 0.5)
            a = np.linspace(-np.pi / 2 - 0.2, np.pi / 2 + 0.2, 14)
            fork = np.stack([np.full_like(a, x_mid), cy + (R + 0.008) * np.cos(a), (R + 0.008) * np.sin(a)], axis=1)
            parts.append(bent_tube(prim.circle(0.003, 8), fork))
            slider_top = cy + R + 0.008 + p["band_height"] * 0.45
            parts.append(prim.box((0.006, slider_top - (cy + R), 0.012), bevel=0.002).translated(
                (x_mid, (slider_top + cy + R) / 2 + 0.004, 0)))
        model.add("yokes", csg.union(*parts), metal)
        # headband: an arch from slider to slider
        t = np.linspace(0, np.pi, 40)
        x_ends = hw + cush_t + cup_t * 0.5
        y0 = cy + R + 0.008 + p["band_height"] * 0.4
        path = np.stack([x_ends * np.cos(t), y0 + (top_y - y0) * np.sin(t) ** 0.8, np.zeros_like(t)], axis=1)
        prof = np.array([(-0.004, -0.017), (0.004, -0.017), (0.004, 0.017), (-0.004, 0.017)])
        model.add("headband", bent_tube(prof, path), shell_mat)
        pad_path = path[8:32] - np.array([0.0, 0.006, 0.0]) * np.sin(t[8:32])[:, None]
        model.add("band_pad", bent_tube(np.array([(-0.005, -0.013), (0.005, -0.013), (0.005, 0.013), (-0.005, 0.013)]),
                                        pad_path), cush_mat)
        extras = []
        left_x = -(hw + cush_t + cup_t)
        if p["microphone"]:
            a = np.linspace(0, 1, 12)
            boom = np.stack([left_x + 0.004 + 0.01 * a, cy - R * 0.3 - 0.03 * a, R * 0.2 + 0.12 * a], axis=1)
            extras.append(bent_tube(prim.circle(0.0025, 8), boom))
            extras.append(prim.capsule(0.006, 0.025, segments=12).transformed(rotation("x", 90.0)).translated(boom[-1] + np.array([0, 0, -0.01])))
        if p["cable"]:
            a = np.linspace(0, 1, 16)
            cable = np.stack([left_x + 0.01 - 0.03 * a, cy - R * 0.6 - (cy - R * 0.6 - 0.004) * np.sin(a * np.pi / 2),
                              -0.01 - 0.05 * a], axis=1)
            extras.append(bent_tube(prim.circle(0.002, 8), cable))
        if extras:
            model.add("cable_mic", csg.union(*extras), shell_mat)
        return model
