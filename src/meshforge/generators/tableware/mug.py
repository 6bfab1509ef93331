"""Mug: a lathed hollow body with a rounded rim and foot, a swept handle (unioned with CSG), optional
coffee inside and a saucer.

Default: a 350 ml coffee mug, 9.5 cm tall, 8.2 cm across, 4.5 mm walls.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim

BODY_MATERIALS = ("ceramic", "stoneware", "porcelain", "steel", "glass", "plastic")


@register
class MugGenerator(Generator):
    id = "mug"
    name = "Mug"
    family = "tableware"
    synonyms = ("coffee mug", "tea mug", "cup", "tankard", "beaker", "coffee cup")
    description = (
        "A drinking mug: straight, tapered or belly-shaped hollow body with a rounded rim, a C-shaped "
        "handle, optionally filled with coffee and standing on a saucer."
    )
    tags = ("tableware", "kitchen", "interior", "gaming", "product")
    params = (
        Param("height", "float", 0.095, 0.06, 0.16, "m", description="foot to rim",
              words=("tall", "short", "large", "small"), sample_range=(0.085, 0.11)),
        Param("diameter", "float", 0.082, 0.05, 0.12, "m", description="outer diameter at the rim",
              words=("wide", "narrow", "slim"), sample_range=(0.075, 0.09)),
        Param("taper", "float", 0.92, 0.7, 1.2, "ratio", description="foot diameter / rim diameter",
              words=("tapered", "straight", "flared"), sample_range=(0.85, 1.0)),
        Param("belly", "float", 0.0, 0.0, 0.15, "ratio", description="bulge of the body's middle",
              words=("bulging", "barrel", "pot-bellied"), sample_range=(0.0, 0.06)),
        Param("wall_thickness", "float", 0.0045, 0.002, 0.008, "m", description="wall thickness",
              words=("thick walls", "thin walls", "delicate"), sample_range=(0.0035, 0.0055)),
        Param("handle", "bool", True, description="has a handle", words=("with handle", "without handle", "handleless"),
              p_true=0.9),
        Param("handle_size", "float", 0.62, 0.4, 0.85, "ratio", description="handle height / body height",
              words=("big handle", "small handle"), sample_range=(0.55, 0.7)),
        Param("handle_thickness", "float", 0.0095, 0.005, 0.016, "m", description="diameter of the handle's tube",
              words=("chunky handle", "thin handle"), sample_range=(0.008, 0.011)),
        Param("fill", "float", 0.0, 0.0, 0.92, "ratio", description="coffee level as a fraction of the inside",
              words=("full", "empty", "with coffee"), sample_range=(0.0, 0.8)),
        Param("saucer", "bool", False, description="stands on a saucer", words=("with saucer", "on a saucer"),
              p_true=0.3),
    )
    slots = (
        Slot("body", "ceramic", words=("body", "mug", "cup", "glaze"), choices=BODY_MATERIALS,
             colors=("#F1EEE8", "#2F4A6D", "#B03A2E", "#3C6E47", "#E8C547", "#222222"),
             description="body, handle and saucer"),
        Slot("coffee", "chocolate", color="#3B2314", words=("coffee", "drink", "liquid", "tea"),
             description="the drink inside"),
    )
    size = SizeEnvelope(min=(0.05, 0.06, 0.05), max=(0.26, 0.18, 0.22))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        body_mat = self.material("body")
        lift = 0.0
        if p["saucer"]:
            saucer, lift = self._saucer(p)
            model.add("saucer", saucer, body_mat)
        profile, inner_radius_at, inner_floor = self._profile(p)
        body = prim.lathe(profile, segments=72, crease_deg=50.0)
        if p["handle"]:
            body = csg.union(body, self._handle(p), crease_deg=50.0)
        model.add("body", body.translated((0, lift, 0)), body_mat)
        if p["fill"] > 0:
            level = inner_floor + p["fill"] * (p["height"] - inner_floor - p["wall_thickness"])
            coffee = self._liquid(inner_radius_at, inner_floor, level)
            model.add("coffee", coffee.translated((0, lift, 0)), self.material("coffee"))
        return model

    @staticmethod
    def _profile(p: dict[str, Any]) -> tuple[np.ndarray, Any, float]:
        """(radius, y) profile: foot, outer wall, rounded rim, inner wall, inner floor."""
        h, wall = p["height"], p["wall_thickness"]
        r_top = p["diameter"] / 2
        r_bot = r_top * p["taper"]
        ys = np.linspace(0.0, 1.0, 24)

        def outer(t: np.ndarray) -> np.ndarray:
            return r_bot + (r_top - r_bot) * t + p["belly"] * r_top * np.sin(np.pi * t)

        foot = min(0.004, h * 0.05)
        base = max(wall * 1.4, 0.006)
        rim_r = wall / 2
        out_r = outer(ys)
        out_y = ys * (h - rim_r)
        # rounded foot: replace the bottom corner by a quarter arc of radius `foot`
        foot_arc = np.stack(
            [out_r[0] - foot + foot * np.sin(np.linspace(0, np.pi / 2, 5)),
             foot - foot * np.cos(np.linspace(0, np.pi / 2, 5))], axis=1)
        outer_pts = np.stack([out_r, out_y], axis=1)[out_y > foot]
        rim = np.stack(
            [outer(np.ones(9)) - rim_r + rim_r * np.cos(np.linspace(0, np.pi, 9)),
             h - rim_r + rim_r * np.sin(np.linspace(0, np.pi, 9))], axis=1)[1:-1]
        in_r = out_r[::-1] - wall
        in_y = out_y[::-1]
        fillet = min(0.008, (r_bot - wall) * 0.3)
        inner_pts = np.stack([in_r, in_y], axis=1)[in_y > base + fillet]
        a = np.linspace(0, np.pi / 2, 6)
        r_in_bottom = outer(np.array([0.0]))[0] - wall
        fillet_arc = np.stack([r_in_bottom - fillet + fillet * np.cos(a), base + fillet - fillet * np.sin(a)], axis=1)
        profile = np.vstack([[(0.0, 0.0)], foot_arc, outer_pts, rim, inner_pts, fillet_arc, [(0.0, base)]])

        def inner_radius_at(y: float) -> float:
            t = np.clip(y / (h - rim_r), 0, 1)
            return float(outer(np.array([t]))[0] - wall)

        return profile, inner_radius_at, base

    @staticmethod
    def _handle(p: dict[str, Any]) -> Any:
        h, r_top = p["height"], p["diameter"] / 2
        span = p["handle_size"] * h
        y_mid = h * 0.52
        reach = 0.3 * span + 0.012
        thick = p["handle_thickness"]
        r_bot = r_top * p["taper"]

        def wall_x(y: float) -> float:
            t = y / h
            return r_bot + (r_top - r_bot) * t + p["belly"] * r_top * np.sin(np.pi * t)

        t = np.linspace(-np.pi / 2, np.pi / 2, 40)
        ys = y_mid + span / 2 * np.sin(t)
        attach = np.array([wall_x(y) for y in ys[[0, -1]]])
        base_x = attach.mean() - p["wall_thickness"] * 0.6
        xs = base_x + (reach + (wall_x(y_mid) - base_x)) * np.cos(t) ** 0.8
        path = np.stack([xs, ys, np.zeros_like(xs)], axis=1)
        # run the ends straight into the wall so the union is clean
        path[0, 0] = path[-1, 0] = base_x
        # oval band: thinner in the loop's plane (first axis: the path normal, in-plane), wider across it
        angle = np.linspace(0, 2 * np.pi, 20, endpoint=False)
        profile = np.stack([np.cos(angle) * thick * 0.4, np.sin(angle) * thick * 0.62], axis=1)
        return prim.sweep(profile, path)

    @staticmethod
    def _liquid(inner_radius_at: Any, floor: float, level: float) -> Any:
        r0 = inner_radius_at(floor) - 0.0006
        r1 = inner_radius_at(level) - 0.0006
        prof = [(0, floor + 0.0005), (r0, floor + 0.0005), (r1, level), (0, level)]
        return prim.lathe(prof, segments=72)

    @staticmethod
    def _saucer(p: dict[str, Any]) -> tuple[Any, float]:
        r = p["diameter"] * 0.5 * 1.55 + 0.02
        foot_r = r * 0.45
        well = p["diameter"] * 0.5 * p["taper"] + 0.004
        profile = [
            (0, 0.002), (foot_r - 0.004, 0.002), (foot_r, 0.0), (foot_r + 0.003, 0.0), (foot_r + 0.004, 0.004),
            (r, 0.016), (r + 0.002, 0.019), (r - 0.002, 0.0205), (well + 0.006, 0.009), (well, 0.0065), (0, 0.0065),
        ]
        return prim.lathe(profile, segments=72, crease_deg=40.0), 0.0065

