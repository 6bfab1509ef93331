"""Kettle: a stovetop kettle (wide lathed body, tapering swept spout with an optional whistle cap, overhead
handle with a grip, domed lid with a knob) or an electric jug kettle (tapered body with a pouring lip, side loop
handle, lid with a button, water window and a power base).

Default: a 2 litre stainless-steel stovetop whistling kettle, 22 cm across the base.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._shapes import tube
from meshforge.generators.tableware._vessel import spline
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry import transform as tf
from meshforge.geometry.mesh import Mesh


@register
class KettleGenerator(Generator):
    id = "kettle"
    name = "Kettle"
    family = "tableware"
    synonyms = ("tea kettle", "stovetop kettle", "whistling kettle", "electric kettle", "water kettle", "jug kettle",
                "camping kettle", "hob kettle", "teakettle", "boiler")
    description = (
        "A kettle: a stovetop whistling kettle with a wide body, a tapering spout, an overhead handle and a lidded "
        "top, or an electric jug kettle with a pouring lip, a side handle, a water window and a power base."
    )
    tags = ("tableware", "kitchen", "interior", "gaming", "product", "appliance")
    params = (
        Param("style", "choice", "stovetop", choices=("stovetop", "electric"), description="stovetop or electric",
              words=("stovetop", "whistling", "hob", "electric", "cordless", "jug")),
        Param("diameter", "float", 0.22, 0.14, 0.3, "m", description="diameter of the body at its widest",
              words=("large", "small", "wide", "big"), sample_range=(0.18, 0.24)),
        Param("height", "float", 0.16, 0.1, 0.28, "m", description="height of the body without lid and handle",
              words=("tall", "short", "squat"), sample_range=(0.14, 0.2)),
        Param("spout_length", "float", 0.1, 0.05, 0.15, "m", description="reach of the stovetop spout",
              words=("long spout", "short spout"), sample_range=(0.08, 0.12)),
        Param("whistle", "bool", True, description="whistle cap on the spout (stovetop)",
              words=("whistling", "whistle", "no whistle"), p_true=0.6),
        Param("handle_height", "float", 0.1, 0.06, 0.16, "m", description="rise of the overhead handle (stovetop)",
              words=("high handle", "low handle"), sample_range=(0.08, 0.12)),
    )
    slots = (
        Slot("body", "stainless_steel", words=("body", "kettle", "metal"),
             choices=("stainless_steel", "painted_metal", "copper", "chrome", "plastic", "brushed_aluminium"),
             colors=(), description="body, spout and lid"),
        Slot("handle", "plastic", color="#1E1E1E", words=("handle", "grip", "knob", "base"),
             choices=("plastic", "oak", "black_metal"), description="handle, knob, whistle and base"),
        Slot("window", "glass", words=("window", "water window", "gauge"), description="water window (electric)"),
    )
    size = SizeEnvelope(min=(0.14, 0.12, 0.12), max=(0.6, 0.62, 0.36))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        if p["style"] == "electric":
            return self._electric(p)
        return self._stovetop(p)

    def _stovetop(self, p: dict[str, Any]) -> Model:
        model = Model(self.id)
        R, H = p["diameter"] / 2, p["height"]
        r_open = min(0.05, R * 0.45)
        curve = spline([(R * 0.93, 0.0), (R, 0.12 * H), (R * 0.96, 0.4 * H), (R * 0.72, 0.78 * H),
                        (r_open + 0.01, 0.97 * H), (r_open, H)], 32)
        prof = np.vstack([[(0.0, 0.0)], curve, [(r_open, H + 0.008), (0.0, H + 0.008)]])
        body = prim.lathe(prof, segments=64, crease_deg=50.0)

        def radius_at(y: float) -> float:
            return float(np.interp(y, curve[:, 1], curve[:, 0]))

        y0 = 0.35 * H
        L = p["spout_length"]
        x0 = radius_at(y0) - 0.012
        tip_y = H * 1.02
        sp = spline([(x0, y0), (x0 + 0.3 * L, y0 + 0.25 * (tip_y - y0)), (x0 + 0.75 * L, y0 + 0.7 * (tip_y - y0)),
                     (x0 + L, tip_y)], 20)
        path = np.stack([sp[:, 0], sp[:, 1], np.zeros(len(sp))], axis=1)
        r0 = 0.016 + 0.03 * R
        spout = tube(path, prim.circle(r0, 20), scales=np.linspace(1.0, 0.011 / r0, len(path)))
        model.add("body", csg.union(body, spout, crease_deg=50.0), self.material("body"))
        hmat = self.material("handle")
        lid = prim.lathe([(0.0, 0.0), (r_open + 0.004, 0.0), (r_open + 0.004, 0.004), (r_open * 0.6, 0.014),
                          (0.0, 0.018)], segments=48, crease_deg=40.0).translated((0, H + 0.007, 0))
        model.add("lid", lid, self.material("body"))
        knob = prim.lathe([(0.0, 0.0), (0.008, 0.0), (0.007, 0.01), (0.014, 0.016), (0.013, 0.022), (0.0, 0.024)],
                          segments=24, crease_deg=50.0).translated((0, H + 0.023, 0))
        parts: list[Mesh] = [knob]
        if p["whistle"]:
            d = path[-1] - path[-2]
            d /= np.linalg.norm(d)
            cap = prim.cylinder(0.014, 0.03, segments=20, bevel=0.004)
            m = np.eye(4)
            m[:3, :3] = prim.align_y_to(d)
            m[:3, 3] = path[-1] - d * 0.012
            parts.append(cap.transformed(m))
        model.add("knob", parts[0], hmat)
        if len(parts) > 1:
            model.add("whistle", parts[1], hmat)
        # overhead handle: two posts on the shoulder and a grip across, running front to back over the lid
        y_post = 0.84 * H
        xp = radius_at(y_post) * 0.8
        rise = p["handle_height"]
        top = H + rise
        t = np.linspace(0.0, np.pi, 30)
        arch = np.stack([np.zeros_like(t), y_post + (top - y_post) * np.sin(t) ** 0.6, -xp * np.cos(t)], axis=1)
        frame = tube(arch, 0.005)
        grip_len = min(0.12, 1.2 * xp)
        grip = prim.capsule(0.012, grip_len, segments=20)
        grip = tf.rotate(grip, "x", 90.0).translated((0, top, -grip_len / 2))
        model.add("handle_frame", frame, self.material("body"))
        model.add("handle", grip, hmat)
        return model

    def _electric(self, p: dict[str, Any]) -> Model:
        model = Model(self.id)
        R, H = p["diameter"] / 2 * 0.75, p["height"] * 1.35
        base_h = 0.018
        curve = spline([(R, 0.0), (R * 0.97, 0.5 * H), (R * 0.88, 0.9 * H), (R * 0.8, H)], 24)
        prof = np.vstack([[(0.0, 0.0)], curve, [(R * 0.55, H + 0.012), (0.0, H + 0.016)]])
        body = prim.lathe(prof, segments=64, crease_deg=50.0).translated((0, base_h, 0))
        # pouring lip: a wedge at the front rim
        lip = prim.cone(0.03, 0.045, 0.012, segments=20)
        lip = tf.rotate(lip, "z", -62.0).translated((R * 0.62, base_h + H - 0.03, 0))
        body = csg.union(body, lip, crease_deg=50.0)
        model.add("body", body, self.material("body"))
        hmat = self.material("handle")
        model.add("base", prim.cylinder(R * 1.04, base_h, segments=48, bevel=0.004), hmat)
        y_top, y_bot = base_h + H * 0.9, base_h + H * 0.22
        x_t = float(np.interp(y_top - base_h, curve[:, 1], curve[:, 0])) - 0.004
        x_b = float(np.interp(y_bot - base_h, curve[:, 1], curve[:, 0])) - 0.004
        reach = 0.05
        c = spline([(x_t, y_top), (x_t + 0.6 * reach, y_top + 0.004), (max(x_t, x_b) + reach, y_top - 0.04),
                    (max(x_t, x_b) + reach, y_bot + 0.04), (x_b + 0.5 * reach, y_bot), (x_b, y_bot)], 36)
        path = np.stack([-c[:, 0], c[:, 1], np.zeros(len(c))], axis=1)
        a = np.linspace(0, 2 * np.pi, 16, endpoint=False)
        model.add("handle", tube(path, np.stack([np.cos(a) * 0.011, np.sin(a) * 0.015], axis=1)), hmat)
        button = prim.cylinder(0.012, 0.01, segments=20, bevel=0.003).translated((-R * 0.3, base_h + H + 0.008, 0))
        model.add("lid_button", button, hmat)
        win = prim.box((0.004, H * 0.55, 0.022), bevel=0.0015)
        ang = -90.0
        win = tf.rotate(win.translated((R * 0.97, base_h + H * 0.42, 0)), "y", ang)
        model.add("window", win, self.material("window"))
        return model
