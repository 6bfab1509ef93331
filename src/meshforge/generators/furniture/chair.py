"""Chair: four legs, a seat, an optional back (slats, spindles or a solid panel), arms and stretchers.

Default sizes follow common dining-chair ergonomics (seat height ~45 cm, seat 45 x 42 cm, backrest
~40 cm above the seat, reclined ~8 degrees). The chair faces +Z; its back is at -Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.transform import rotation, translation

FRAME_MATERIALS = ("oak", "walnut", "pine", "maple", "painted_wood", "black_metal", "steel")


def leg_mesh(style: str, thickness: float, length: float, taper: float = 0.7) -> Mesh:
    """A leg standing on y = 0: ``square`` / ``round`` / ``tapered`` (narrower at the foot)."""
    if style == "round":
        return prim.cylinder(thickness / 2, length, segments=24, bevel=thickness * 0.08)
    if style == "tapered":
        return prim.cone(thickness / 2 * taper, length, thickness / 2, segments=24)
    return prim.box((thickness, length, thickness), bevel=thickness * 0.12, bevel_segments=2).translated(
        (0, length / 2, 0)
    )


@register
class ChairGenerator(Generator):
    id = "chair"
    name = "Chair"
    family = "furniture"
    synonyms = ("dining chair", "kitchen chair", "side chair", "armchair", "wooden chair", "seat")
    description = (
        "A four-legged chair with a seat, a backrest of slats, spindles or a solid panel, optional "
        "armrests, stretchers and a fabric cushion; wood or metal frame."
    )
    tags = ("furniture", "interior", "architecture", "gaming")
    params = (
        Param("seat_height", "float", 0.45, 0.38, 0.56, "m", description="floor to top of the seat",
              words=("tall", "low", "bar"), sample_range=(0.42, 0.48)),
        Param("seat_width", "float", 0.45, 0.36, 0.62, "m", description="seat width (X)",
              words=("wide", "narrow"), sample_range=(0.40, 0.52)),
        Param("seat_depth", "float", 0.42, 0.34, 0.56, "m", description="seat depth (Z)",
              words=("deep", "shallow"), sample_range=(0.38, 0.48)),
        Param("seat_thickness", "float", 0.035, 0.018, 0.07, "m", description="thickness of the seat board",
              words=("thick seat", "thin seat"), sample_range=(0.025, 0.045)),
        Param("back", "bool", True, description="has a backrest", words=("with a back", "without a back", "stool"), p_true=0.9),
        Param("back_height", "float", 0.40, 0.2, 0.62, "m", description="backrest height above the seat",
              words=("tall back", "high back", "low back"), sample_range=(0.32, 0.5)),
        Param("back_style", "choice", "slats", choices=("slats", "spindles", "panel"),
              description="how the backrest is filled", words=("slatted", "spindle back", "solid back")),
        Param("back_angle", "float", 8.0, 0.0, 20.0, "deg", description="recline of the backrest",
              words=("reclined", "upright"), sample_range=(4.0, 12.0)),
        Param("slats", "int", 3, 1, 7, "count", description="number of slats or spindles",
              words=("three slats", "five spindles"), sample_range=(2, 5)),
        Param("leg_style", "choice", "tapered", choices=("tapered", "round", "square"),
              description="leg shape", words=("tapered legs", "round legs", "square legs")),
        Param("leg_thickness", "float", 0.036, 0.02, 0.06, "m", description="leg width at the top",
              words=("thick legs", "thin legs", "slim"), sample_range=(0.03, 0.045)),
        Param("armrests", "bool", False, description="has armrests", words=("with armrests", "armchair"),
              p_true=0.25),
        Param("stretchers", "bool", True, description="rails between the legs", words=("with stretchers",),
              p_true=0.7),
        Param("cushion", "bool", False, description="fabric seat cushion", words=("cushioned", "upholstered", "padded"),
              p_true=0.3),
        Param("corner_radius", "float", 0.006, 0.0, 0.02, "m", description="rounding of the seat and back edges",
              words=("rounded", "sharp"), sample_range=(0.003, 0.01)),
    )
    slots = (
        Slot("frame", "oak", words=("frame", "legs", "leg", "seat", "back", "wood"), choices=FRAME_MATERIALS,
             description="seat, legs, back, stretchers and arms"),
        Slot("cushion", "fabric", words=("cushion", "fabric", "upholstery", "pad"), description="seat cushion"),
    )
    size = SizeEnvelope(min=(0.36, 0.38, 0.34), max=(0.80, 1.25, 0.80))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        frame = self.material("frame")
        w, d, h, t = p["seat_width"], p["seat_depth"], p["seat_height"], p["seat_thickness"]
        leg_t = p["leg_thickness"]
        r = p["corner_radius"]
        under_seat = h - t

        model.add("seat", prim.box((w, t, d), bevel=r).translated((0, h - t / 2, 0)), frame)
        inset = leg_t / 2 + 0.012
        corners = [(sx * (w / 2 - inset), sz * (d / 2 - inset)) for sz in (1, -1) for sx in (-1, 1)]
        for i, (x, z) in enumerate(corners):
            model.add(f"leg_{i}", leg_mesh(p["leg_style"], leg_t, under_seat).translated((x, 0, z)), frame)

        if p["stretchers"]:
            rod = leg_t * 0.32
            y = under_seat * 0.3
            (fl, fr, bl, br) = corners
            pairs = [(fl, bl), (fr, br), (bl, br)]
            for i, (a, b) in enumerate(pairs):
                mesh = prim.cylinder_between((a[0], y, a[1]), (b[0], y, b[1]), rod, segments=16)
                model.add(f"stretcher_{i}", mesh, frame)

        if p["back"]:
            self._add_back(model, p, frame, corners)

        if p["armrests"]:
            arm_y = h + 0.22
            arm_len = d * 0.92
            for i, sx in enumerate((-1, 1)):
                x = sx * (w / 2 - inset)
                # a front post, and a rear one so the arm is carried even without a backrest
                for j, z in enumerate((d / 2 - inset, -d / 2 + inset + 0.02)):
                    post = prim.cylinder(leg_t * 0.4, arm_y - h, segments=16).translated((x, h, z))
                    model.add(f"arm_post_{i}_{j}", post, frame)
                arm = prim.box((leg_t * 1.4, 0.025, arm_len), bevel=0.008).translated((x, arm_y + 0.0125, -0.01))
                model.add(f"armrest_{i}", arm, frame)

        if p["cushion"]:
            fabric = self.material("cushion")
            ct = 0.045
            cushion = prim.box((w * 0.94, ct, d * 0.92), bevel=ct * 0.45, bevel_segments=4)
            model.add("cushion", cushion.translated((0, h + ct / 2, 0.005)), fabric)
        return model

    def _add_back(self, model: Model, p: dict[str, Any], frame: Any, corners: list) -> None:
        h = p["seat_height"]
        leg_t = p["leg_thickness"]
        bh = p["back_height"]
        z_back = corners[2][1]
        post_t = leg_t * 0.85
        # the back assembly is built upright at the rear edge, then reclined about that edge
        pivot = np.array([0.0, h, z_back])
        recline = translation(pivot) @ rotation("x", -p["back_angle"]) @ translation(-pivot)
        xs = (corners[2][0], corners[3][0])
        for i, x in enumerate(xs):
            post = prim.box((post_t, bh, post_t), bevel=post_t * 0.15, bevel_segments=2)
            model.add(f"back_post_{i}", post.translated((x, h + bh / 2, z_back)), frame, recline)
        inner = xs[1] - xs[0] - post_t
        rail_h = min(0.06, bh * 0.25)
        top = prim.box((inner + post_t * 1.6, rail_h, post_t * 0.9), bevel=min(p["corner_radius"], rail_h * 0.3))
        model.add("back_top_rail", top.translated((0, h + bh - rail_h / 2, z_back)), frame, recline)
        span_bottom, span_top = h + 0.06, h + bh - rail_h
        n = p["slats"]
        if p["back_style"] == "panel":
            panel = prim.box((inner, span_top - span_bottom + 0.02, post_t * 0.5), bevel=0.004)
            model.add("back_panel", panel.translated((0, (span_top + span_bottom) / 2, z_back)), frame, recline)
        elif p["back_style"] == "slats":
            gap = (span_top - span_bottom) / n
            slat_h = gap * 0.55
            for i in range(n):
                y = span_bottom + gap * (i + 0.5)
                slat = prim.box((inner + 0.004, slat_h, post_t * 0.45), bevel=min(0.004, slat_h * 0.3))
                model.add(f"back_slat_{i}", slat.translated((0, y, z_back)), frame, recline)
        else:
            bottom_rail = prim.box((inner + 0.004, 0.03, post_t * 0.8), bevel=0.004)
            model.add("back_bottom_rail", bottom_rail.translated((0, span_bottom, z_back)), frame, recline)
            xs_sp = np.linspace(xs[0], xs[1], n + 2)[1:-1]
            length = span_top - span_bottom - 0.015
            for i, x in enumerate(xs_sp):
                spindle = prim.cylinder(post_t * 0.22, length, segments=12)
                model.add(f"back_spindle_{i}", spindle.translated((x, span_bottom + 0.015, z_back)), frame, recline)
