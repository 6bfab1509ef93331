"""Teapot: a lathed hollow body with a collar, a hollow tapering spout (swept and CSG-unioned, its bore cut
through into the body), a side loop handle or an overhead cane handle, and a domed lid with a knob.

Default: a 1 litre teapot, 16 cm across the belly and about 17 cm tall to the knob.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._shapes import tube
from meshforge.generators.tableware._vessel import shell_profile, spline
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim

# outer body silhouettes as (radius / belly radius, height / body height) from the foot to the opening
SHAPES: dict[str, list[tuple[float, float]]] = {
    "round": [(0.6, 0.0), (0.8, 0.06), (0.97, 0.3), (0.98, 0.5), (0.86, 0.78), (0.62, 0.95), (0.55, 1.0)],
    "squat": [(0.7, 0.0), (0.9, 0.08), (1.0, 0.32), (0.95, 0.6), (0.75, 0.88), (0.55, 1.0)],
    "tall": [(0.62, 0.0), (0.8, 0.05), (0.9, 0.25), (0.96, 0.55), (0.85, 0.85), (0.62, 0.97), (0.55, 1.0)],
    "straight": [(0.9, 0.0), (0.98, 0.04), (1.0, 0.15), (1.0, 0.7), (0.96, 0.84), (0.8, 0.95), (0.6, 1.0)],
}


@register
class TeapotGenerator(Generator):
    id = "teapot"
    name = "Teapot"
    family = "tableware"
    synonyms = ("tea pot", "tea kettle pot", "coffee pot", "chai pot", "dobin", "kyusu", "tea set pot", "brown betty",
                "porcelain teapot", "cast iron teapot", "tetsubin")
    description = (
        "A teapot: a round, squat, tall or straight-sided hollow body with a collar, a tapering hollow spout "
        "rising from the belly, a loop handle at the back or an overhead cane handle, and a domed lid with a knob."
    )
    tags = ("tableware", "kitchen", "interior", "gaming", "product")
    params = (
        Param("diameter", "float", 0.16, 0.1, 0.24, "m", description="diameter of the belly",
              words=("large", "small", "wide", "big", "tiny"), sample_range=(0.13, 0.19)),
        Param("height", "float", 0.12, 0.07, 0.2, "m", description="height of the body without the lid",
              words=("tall", "short", "squat"), sample_range=(0.1, 0.14)),
        Param("body_shape", "choice", "round", choices=tuple(SHAPES),
              description="silhouette of the body", words=("round", "squat", "tall", "straight", "globe", "cylindrical")),
        Param("spout_length", "float", 0.09, 0.05, 0.14, "m", description="horizontal reach of the spout",
              words=("long spout", "short spout"), sample_range=(0.07, 0.11)),
        Param("handle_style", "choice", "side", choices=("side", "top"),
              description="loop handle at the back or overhead cane handle",
              words=("side handle", "top handle", "overhead handle", "bamboo handle", "cane handle")),
        Param("knob", "choice", "ball", choices=("ball", "flat", "finial"), description="shape of the lid knob",
              words=("ball knob", "flat knob", "finial")),
        Param("wall_thickness", "float", 0.004, 0.002, 0.008, "m", description="wall thickness",
              words=("thick", "thin", "delicate", "heavy"), sample_range=(0.003, 0.005)),
    )
    slots = (
        Slot("body", "porcelain", words=("body", "teapot", "pot", "glaze", "spout", "lid"),
             choices=("porcelain", "ceramic", "stoneware", "cast_iron", "terracotta"),
             colors=("#F2EFEA", "#2F4A6D", "#7A2E2A", "#3C6E47", "#E7C9A0", "#2B2B2B"),
             description="body, spout, side handle and lid"),
        Slot("handle", "bamboo", words=("handle", "cane", "knob"), choices=("bamboo", "black_metal", "oak"),
             description="overhead handle and lid knob"),
    )
    size = SizeEnvelope(min=(0.12, 0.09, 0.09), max=(0.56, 0.46, 0.3))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        body_mat, handle_mat = self.material("body"), self.material("handle")
        R, H, wall = p["diameter"] / 2, p["height"], p["wall_thickness"]
        norm = np.asarray(SHAPES[p["body_shape"]])
        curve = spline(norm * (R, H), 40)
        curve[:, 1] = np.maximum(curve[:, 1], 0.0)  # the spline may dip below the foot
        collar = 0.012 + 0.04 * H
        r_open = curve[-1, 0]
        outer = np.vstack([[(0.0, 0.0)], curve, [(r_open, H + collar * 0.5), (r_open, H + collar)]])
        prof = shell_profile(outer, wall, floor=wall + 0.05 * H)
        body = prim.lathe(prof, segments=56, crease_deg=50.0)

        def radius_at(y: float) -> float:
            return float(np.interp(y, curve[:, 1], curve[:, 0]))

        # spout: from inside the belly out and up to just above the collar
        y0 = 0.28 * H
        L = p["spout_length"]
        x0 = radius_at(y0)
        tip_y = H + collar * 0.9
        ctrl = np.array([(x0 - 0.012, y0), (x0 + 0.25 * L, y0 + 0.18 * (tip_y - y0)),
                         (x0 + 0.6 * L, y0 + 0.55 * (tip_y - y0)), (x0 + L, tip_y)])
        sp = spline(ctrl, 24)
        path = np.stack([sp[:, 0], sp[:, 1], np.zeros(len(sp))], axis=1)
        r_base, r_tip = 0.15 * H + 0.004, 0.008
        taper = np.linspace(1.0, r_tip / r_base, len(path)) ** 0.9
        spout = tube(path, prim.circle(r_base, 20), scales=taper)
        d0 = (path[1] - path[0]) / np.linalg.norm(path[1] - path[0])
        bore_path = np.vstack([path[:1] - d0 * 0.01, path, path[-1:] + (path[-1] - path[-2]) * 3])
        bore = tube(bore_path, prim.circle(r_base - 0.0035, 16),
                    scales=np.r_[1.0, np.maximum(taper * r_base - 0.0035, 0.003) / (r_base - 0.0035), 0.4])
        parts = [body, csg.difference(spout, bore, crease_deg=50.0)]
        if p["handle_style"] == "side":
            parts.append(self._side_handle(radius_at, H, wall))
        body = csg.union(*parts, crease_deg=50.0)
        model.add("body", body, body_mat)
        # lid: a skirt inside the opening, a rim resting on the collar, a dome and a knob
        top = H + collar
        r_in = r_open - wall
        dome = 0.018 + 0.05 * H
        lid_prof = np.vstack([
            [(0.0, top - 0.012), (r_in - 0.0015, top - 0.012), (r_in - 0.0015, top)],
            [(r_open + 0.002, top), (r_open + 0.003, top + 0.003)],
            spline([(r_open + 0.001, top + 0.004), (r_open * 0.7, top + dome * 0.75), (0.0, top + dome)], 12)[:-1],
            [(0.0, top + dome)],
        ])
        lid = prim.lathe(lid_prof, segments=64, crease_deg=50.0)
        knob = self._knob(p["knob"]).translated((0, top + dome - 0.003, 0))
        knob_on_body = p["handle_style"] == "side"
        if knob_on_body:
            lid = csg.union(lid, knob, crease_deg=50.0)
        model.add("lid", lid, body_mat)
        if not knob_on_body:
            model.add("knob", knob, handle_mat)
            model.add("handle", self._top_handle(radius_at, H, top + dome + 0.05, p["diameter"]), handle_mat)
        return model

    @staticmethod
    def _side_handle(radius_at: Any, H: float, wall: float) -> Any:
        y_top, y_bot = 0.82 * H, 0.22 * H
        x_top, x_bot = radius_at(y_top) - wall * 0.4, radius_at(y_bot) - wall * 0.4
        reach = 0.015 + 0.4 * H
        # a half ellipse from the upper to the lower attachment, leaving and entering the wall horizontally
        t = np.linspace(np.pi / 2, -np.pi / 2, 36)
        yc, b = (y_top + y_bot) / 2, (y_top - y_bot) / 2
        base = x_bot + (x_top - x_bot) * (np.sin(t) + 1) / 2
        c = np.stack([base + reach * np.cos(t), yc + b * np.sin(t)], axis=1)
        path = np.stack([-c[:, 0], c[:, 1], np.zeros(len(c))], axis=1)
        a = np.linspace(0, 2 * np.pi, 18, endpoint=False)
        profile = np.stack([np.cos(a) * min(0.0065, 0.075 * H), np.sin(a) * min(0.0095, 0.11 * H)], axis=1)
        return tube(path, profile)

    @staticmethod
    def _top_handle(radius_at: Any, H: float, apex: float, diameter: float) -> Any:
        y_lug = 0.86 * H
        x = radius_at(y_lug) * 0.92
        t = np.linspace(0.0, np.pi, 32)
        xs = -x * np.cos(t)
        ys = y_lug + (apex - y_lug) * np.sin(t) ** 0.7
        path = np.stack([np.zeros_like(xs), ys, xs], axis=1)
        grip = tube(path, prim.circle(0.0055 + 0.01 * diameter, 14))
        lugs = [prim.cylinder_between((0, y_lug - 0.012, s * x * 1.04), (0, y_lug + 0.01, s * x * 0.98), 0.009,
                                      segments=16) for s in (-1, 1)]
        return csg.union(grip, *lugs)

    @staticmethod
    def _knob(style: str) -> Any:
        if style == "ball":
            prof = [(0.0, 0.0), (0.006, 0.0), (0.005, 0.006)] + [
                (0.011 * np.sin(a), 0.016 - 0.011 * np.cos(a)) for a in np.linspace(0.5, np.pi, 10)]
        elif style == "flat":
            prof = [(0.0, 0.0), (0.008, 0.0), (0.007, 0.006), (0.016, 0.008), (0.017, 0.011), (0.015, 0.013),
                    (0.0, 0.014)]
        else:
            prof = [(0.0, 0.0), (0.007, 0.0), (0.004, 0.006), (0.008, 0.011), (0.006, 0.018), (0.0024, 0.026),
                    (0.0, 0.03)]
        return prim.lathe(np.asarray(prof), segments=32, crease_deg=60.0)
