"""Lantern: a panelled candle lantern (square, hexagonal, ... prism of glass panes between corner posts, with a
base, a pyramid roof, a vent cap and a ring handle) or a hurricane oil lantern (fuel tank, glass globe in a wire
guard, chimney cap and a wire bail handle). A candle or wick flame inside uses the ``glow`` material.

Default: a 30 cm square black metal candle lantern with a lit pillar candle.
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


def _flame(height: float) -> Mesh:
    """A teardrop flame standing on y = 0."""
    r = height * 0.28
    t = np.linspace(0.0, 1.0, 12)
    prof = np.stack([r * np.sin(np.pi * t**0.8) * (1 - t) ** 0.3 * 1.3, height * t], axis=1)
    prof[0, 0] = prof[-1, 0] = 0.0
    return prim.lathe(prof, segments=16, crease_deg=80.0)


@register
class LanternGenerator(Generator):
    id = "lantern"
    name = "Lantern"
    family = "decor"
    synonyms = ("candle lantern", "oil lantern", "hurricane lamp", "hurricane lantern", "kerosene lamp",
                "storm lantern", "garden lantern", "hanging lantern", "camping lantern", "paraffin lamp",
                "moroccan lantern", "lamp")
    description = (
        "A lantern: a panelled candle lantern with glass panes between corner posts, a base, a pyramid roof and "
        "a ring handle, or a hurricane oil lantern with a fuel tank, glass globe, wire guard and bail handle; "
        "with a lit candle or wick flame inside."
    )
    tags = ("decor", "interior", "exterior", "gaming", "camping", "props")
    params = (
        Param("style", "choice", "panelled", choices=("panelled", "hurricane"),
              description="panelled candle lantern or hurricane oil lantern",
              words=("candle lantern", "hurricane", "oil lamp", "kerosene", "panelled", "storm lantern")),
        Param("height", "float", 0.3, 0.15, 0.6, "m", description="height without the handle",
              words=("tall", "small", "large", "big"), sample_range=(0.24, 0.38)),
        Param("width", "float", 0.16, 0.08, 0.35, "m", description="width of the body",
              words=("wide", "narrow", "slim"), sample_range=(0.13, 0.2)),
        Param("sides", "int", 4, 4, 8, "count", description="number of glass panes of a panelled lantern",
              words=("square", "hexagonal", "octagonal", "four sides", "six sides"), sample_range=(4, 6)),
        Param("handle", "bool", True, description="ring or bail handle on top",
              words=("with handle", "hanging", "no handle"), p_true=0.85),
        Param("lit", "bool", True, description="a burning flame inside", words=("lit", "burning", "glowing", "unlit", "off"),
              p_true=0.8),
    )
    slots = (
        Slot("frame", "black_metal", words=("frame", "metal", "body", "roof", "handle"),
             choices=("black_metal", "brass", "copper", "rusty_iron", "painted_metal", "weathered_wood"),
             colors=(), description="frame, roof, base and handle"),
        Slot("glass", "glass", words=("glass", "panes", "globe"), choices=("glass", "frosted_glass"),
             description="glass panes or globe"),
        Slot("candle", "wax", color="#F3EBD8", words=("candle", "wax", "wick"), description="candle or wick burner"),
        Slot("flame", "glow", color="#FFB347", words=("flame", "light", "glow", "fire"), description="the flame"),
    )
    size = SizeEnvelope(min=(0.07, 0.15, 0.07), max=(0.5, 0.8, 0.5))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        if p["style"] == "hurricane":
            return self._hurricane(p)
        return self._panelled(p)

    def _panelled(self, p: dict[str, Any]) -> Model:
        model = Model(self.id)
        frame_mat = self.material("frame")
        n, H, W = p["sides"], p["height"], p["width"]
        Rc = W / 2 / np.cos(np.pi / n) if n == 4 else W / 2
        apothem = Rc * np.cos(np.pi / n)
        base_h = 0.04 * H + 0.01
        roof_h = 0.22 * H
        body_top = H - roof_h
        rot = 180.0 / n  # turn the lathe's polygons so that faces (not corners) look along +Z

        def prism(r: float, h: float, y0: float, r_top: float | None = None) -> Mesh:
            m = prim.cone(r, h, r if r_top is None else r_top, segments=n)
            return tf.rotate(m, "y", rot).translated((0, y0, 0))

        base = csg.union(prism(Rc * 1.08, base_h * 0.55, 0.0), prism(Rc * 1.0, base_h * 0.45, base_h * 0.55 - 1e-4))
        collar = prism(Rc * 1.04, 0.012, body_top - 0.012)
        roof = prism(Rc * 1.14, roof_h * 0.7, body_top - 1e-4, Rc * 0.22)
        vent = prism(Rc * 0.3, roof_h * 0.18, body_top + roof_h * 0.7 - 0.002, Rc * 0.22)
        finial = prim.sphere(Rc * 0.12 + 0.004, segments=16).translated((0, H - Rc * 0.12 - 0.004, 0))
        frame_parts = [base, collar, roof, vent, finial]
        post_r = 0.004 + 0.01 * W
        angles = np.radians(rot) + 2 * np.pi * np.arange(n) / n
        corners = np.stack([Rc * np.cos(angles), -Rc * np.sin(angles)], axis=1)
        for cx, cz in corners:
            frame_parts.append(prim.box((post_r * 2, body_top - base_h + 0.002, post_r * 2)).translated(
                (cx, (body_top + base_h) / 2, cz)))
        model.add("frame", csg.union(*frame_parts, crease_deg=40.0), frame_mat)
        panes = []
        side = 2 * Rc * np.sin(np.pi / n)
        for i in range(n):
            mid = (corners[i] + corners[(i + 1) % n]) / 2
            ang = np.degrees(np.arctan2(-mid[1], mid[0]))
            pane = prim.box((0.003, body_top - base_h - 0.012, side - post_r * 1.2))
            pane = tf.rotate(pane, "y", ang).translated((mid[0] * 0.985, (body_top + base_h) / 2, mid[1] * 0.985))
            panes.append(pane)
        model.add("glass", tf.merge(panes), self.material("glass"))
        if p["handle"]:
            ring_r = 0.018 + 0.06 * W
            ring = tf.rotate(prim.torus(ring_r, 0.0035 + 0.01 * W, segments=32, tube_segments=12), "x", 90.0)
            model.add("handle", ring.translated((0, H + ring_r - 0.004, 0)), frame_mat)
        # a pillar candle on the base
        cr = min(apothem * 0.45, 0.04)
        ch = min((body_top - base_h) * 0.45, cr * 3.2)
        candle = prim.cylinder(cr, ch, segments=32, bevel=0.003).translated((0, base_h - 0.001, 0))
        wick = prim.cylinder(0.0012, 0.008, segments=8).translated((0, base_h + ch - 0.002, 0))
        model.add("candle", csg.union(candle, wick), self.material("candle"))
        if p["lit"]:
            model.add("flame", _flame(0.025 + 0.04 * W).translated((0, base_h + ch + 0.004, 0)), self.material("flame"))
        return model

    def _hurricane(self, p: dict[str, Any]) -> Model:
        model = Model(self.id)
        frame_mat = self.material("frame")
        H, W = p["height"], p["width"]
        R = W / 2
        tank_h = 0.24 * H
        tank = spline([(R * 0.92, 0.0), (R, tank_h * 0.35), (R * 0.85, tank_h * 0.8), (R * 0.5, tank_h)], 16)
        tank_prof = np.vstack([[(0.0, 0.0)], tank, [(R * 0.5, tank_h + 0.006), (0.0, tank_h + 0.006)]])
        globe_y0 = tank_h + 0.004
        cap_h = 0.13 * H
        globe_h = H - cap_h - globe_y0 + 0.006
        g_r = R * 0.78
        outer = spline([(R * 0.42, 0.0), (g_r * 0.9, globe_h * 0.25), (g_r, globe_h * 0.5), (g_r * 0.85, globe_h * 0.8),
                        (R * 0.36, globe_h)], 24)
        d = np.gradient(outer, axis=0)
        nrm = np.stack([d[:, 1], -d[:, 0]], axis=1)
        nrm /= np.linalg.norm(nrm, axis=1, keepdims=True)
        inner = outer - nrm * 0.0025
        globe = prim.lathe(np.vstack([outer, inner[::-1]]), segments=48, closed=True, crease_deg=60.0)
        model.add("glass", globe.translated((0, globe_y0, 0)), self.material("glass"))
        cap_prof = [(0.0, 0.0), (R * 0.42, 0.0), (R * 0.62, cap_h * 0.25), (R * 0.62, cap_h * 0.4),
                    (R * 0.3, cap_h * 0.75), (R * 0.3, cap_h), (0.0, cap_h)]
        cap = prim.lathe(cap_prof, segments=32, crease_deg=50.0).translated((0, H - cap_h, 0))
        parts = [prim.lathe(tank_prof, segments=48, crease_deg=50.0), cap]
        # wire guard: four bowed wires from the tank to the cap
        for k in range(4):
            a = np.pi / 4 + k * np.pi / 2
            c = outer + nrm * 0.006
            c = c[::3]
            pts = np.stack([c[:, 0] * np.cos(a), c[:, 1] + globe_y0, -c[:, 0] * np.sin(a)], axis=1)
            up = np.array([0.0, 0.01, 0.0])
            pts = np.vstack([pts[:1] - up, pts, pts[-1:] + up])
            parts.append(tube(pts, 0.0018 + 0.004 * W))
        model.add("frame", csg.union(*parts, crease_deg=50.0), frame_mat)
        if p["handle"]:
            y_p = H - cap_h * 0.55
            x_p = R * 0.66
            t = np.linspace(0.0, np.pi, 28)
            rise = 0.5 * W + 0.04
            path = np.stack([-x_p * np.cos(t) * (1 + 0.15 * np.sin(t)), y_p + rise * np.sin(t) ** 0.8,
                             np.zeros_like(t)], axis=1)
            bail = tube(path, 0.0022 + 0.004 * W)
            lugs = [prim.cylinder_between((s * (x_p - 0.012), y_p, 0), (s * (x_p + 0.004), y_p, 0), 0.005, segments=12)
                    for s in (-1, 1)]
            model.add("handle", csg.union(bail, *lugs), frame_mat)
        burner = prim.cylinder(R * 0.3, 0.02, segments=24, bevel=0.002).translated((0, tank_h, 0))
        wick = prim.box((R * 0.25, 0.01, 0.003)).translated((0, tank_h + 0.024, 0))
        model.add("burner", burner, frame_mat)
        model.add("wick", wick, self.material("candle"))
        if p["lit"]:
            model.add("flame", tf.scale(_flame(0.03 + 0.1 * W), (1.3, 1.0, 0.6)).translated((0, tank_h + 0.027, 0)),
                      self.material("flame"))
        return model
