"""Bicycle: a diamond-frame bike with spoked wheels standing on the ground, fork, handlebars, saddle,
cranks with pedals and a chainring; road (drop bars, thin tires), city (upright bars, fenders) or
mountain (flat bars, fat tires) style.

Default: a road bike, 700c wheels (0.34 m tire radius), 54 cm frame, 1.0 m wheelbase, 32 spokes.
Travels toward +Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.transform import rotation

TO_X = rotation("z", -90.0)  # axis +Y -> +X


def spoked_wheel(radius: float, tire_r: float, spokes: int) -> tuple[Any, Any]:
    """(tire, rim + hub + spokes) with the axle along X, centred on the origin."""
    tire = prim.torus(radius - tire_r, tire_r, segments=64, tube_segments=12).transformed(TO_X)
    rim_r = radius - tire_r * 1.6
    rim = prim.lathe([(rim_r - 0.012, -0.009), (rim_r + 0.002, -0.011), (rim_r + 0.002, 0.011), (rim_r - 0.012, 0.009)],
                     segments=64, closed=True)
    hub = prim.cylinder(0.02, 0.1, segments=16).translated((0, -0.05, 0))
    parts = [rim, hub]
    unit = prim.cylinder(0.0012, 1.0, segments=6)  # one template rod, stretched per spoke (cheap)
    for i in range(spokes):
        a = 2 * np.pi * (i + 0.5 * (i % 2)) / spokes
        side = 0.035 if i % 2 else -0.035
        end = np.array([np.cos(a) * (rim_r - 0.008), 0.0, np.sin(a) * (rim_r - 0.008)])
        start = np.array([np.cos(a) * 0.015, side, np.sin(a) * 0.015])
        m = np.eye(4)
        m[:3, :3] = prim.align_y_to(end - start) @ np.diag([1.0, float(np.linalg.norm(end - start)), 1.0])
        m[:3, 3] = start
        parts.append(unit.transformed(m))
    wheel = csg.union(*parts, crease_deg=50.0).transformed(TO_X)
    return tire, wheel


@register
class BicycleGenerator(Generator):
    id = "bicycle"
    name = "Bicycle"
    family = "vehicles"
    synonyms = ("bike", "push bike", "cycle", "road bike", "racing bike", "city bike", "mountain bike", "mtb",
                "pushbike", "commuter bike")
    description = (
        "A bicycle with a diamond frame, two spoked wheels on the ground, fork, handlebars, saddle, cranks, pedals "
        "and chainring; road bike with drop bars, city bike with upright bars and fenders, or mountain bike with "
        "fat tires and flat bars."
    )
    tags = ("vehicles", "sport", "city", "gaming", "transport")
    params = (
        Param("style", "choice", "road", choices=("road", "city", "mountain"), description="kind of bike",
              words=("road bike", "racing", "city bike", "dutch", "mountain bike", "mtb")),
        Param("frame_size", "float", 0.54, 0.44, 0.62, "m", description="seat tube length (54 cm)",
              words=("big frame", "small frame", "kids"), sample_range=(0.5, 0.58)),
        Param("wheel_radius", "float", 0.34, 0.25, 0.37, "m", description="outer tire radius (700c = 0.34 m)",
              words=("big wheels", "small wheels", "26 inch", "29er"), sample_range=(0.32, 0.36)),
        Param("spokes", "int", 32, 12, 40, "count", description="spokes per wheel", words=("spokes", "32 spokes"),
              sample_range=(24, 36)),
        Param("fenders", "bool", False, description="mudguards over both wheels", words=("fenders", "mudguards"),
              p_true=0.35),
    )
    slots = (
        Slot("frame", "painted_metal", color="#C62828", words=("frame", "bike", "paint"),
             colors=("#C62828", "#1565C0", "#212121", "#F5F5F5", "#2E7D32", "#F9A825", "#00838F"),
             description="frame and fork"),
        Slot("tires", "rubber", color="#1A1A1A", words=("tires", "tyres", "grips"), description="tires and grips"),
        Slot("metal", "chrome", words=("spokes", "rims", "handlebars", "cranks", "metal", "chrome"),
             choices=("chrome", "brushed_aluminium", "black_metal", "steel"), description="wheels, bars, drivetrain"),
        Slot("saddle", "leather", color="#2B2B2B", words=("saddle", "seat"), choices=("leather", "rubber"),
             description="saddle"),
    )
    size = SizeEnvelope(min=(0.35, 0.8, 1.3), max=(0.75, 1.4, 1.95))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        style = p["style"]
        wr = p["wheel_radius"]
        tire_r = {"road": 0.013, "city": 0.019, "mountain": 0.028}[style]
        fs = p["frame_size"]
        wb = 0.98 + (wr - 0.34) * 1.6 + (0.06 if style == "mountain" else 0.0)
        rear = np.array([0.0, wr, -wb / 2])
        front = np.array([0.0, wr, wb / 2])
        bb = np.array([0.0, wr - 0.07, -wb / 2 + 0.41])
        seat_dir = np.array([0.0, np.sin(np.radians(73)), -np.cos(np.radians(73))])
        seat_top = bb + seat_dir * fs
        head_ang = np.radians(72)
        head_dir = np.array([0.0, np.sin(head_ang), -np.cos(head_ang)])
        # the fork axis passes just behind the front axle (rake)
        head_bot = front + head_dir * (wr * 0.8 + 0.08) + np.array([0, 0, -0.045])
        head_top = head_bot + head_dir * (0.12 + (fs - 0.5) * 0.6)
        frame_mat, tires_mat, metal, saddle_mat = (self.material(s) for s in ("frame", "tires", "metal", "saddle"))
        tube = 0.016 if style != "mountain" else 0.02
        top_front = head_top - head_dir * 0.02
        top_rear = seat_top - seat_dir * 0.03
        frame = [
            prim.cylinder_between(bb, seat_top, tube * 0.9, segments=14),
            prim.cylinder_between(top_rear, top_front, tube * 0.85, segments=14),
            prim.cylinder_between(bb, head_bot + head_dir * 0.02, tube, segments=14),
            prim.cylinder_between(head_bot - head_dir * 0.01, head_top + head_dir * 0.01, tube * 1.2, segments=14),
            prim.sphere(tube * 1.5, segments=14).translated(bb),
        ]
        for sx in (-1, 1):
            drop = rear + np.array([sx * 0.065, 0, 0])
            frame.append(prim.cylinder_between(bb + np.array([sx * 0.02, 0, 0]), drop, tube * 0.55, segments=10))
            frame.append(prim.cylinder_between(seat_top - seat_dir * 0.04 + np.array([sx * 0.01, 0, 0]), drop,
                                               tube * 0.5, segments=10))
            fork_end = front + np.array([sx * 0.05, 0, 0])
            frame.append(prim.cylinder_between(head_bot + np.array([sx * 0.02, 0, 0]), fork_end, tube * 0.6, segments=10))
        model.add("frame", csg.union(*frame, crease_deg=50.0), frame_mat)
        tire, wheel = spoked_wheel(wr, tire_r, p["spokes"])
        for name, c in (("front", front), ("rear", rear)):
            model.add(f"tire_{name}", tire.translated(c), tires_mat)
            model.add(f"wheel_{name}", wheel.translated(c), metal)
        # cockpit: stem, bars, seatpost, saddle
        stem_end = head_top + head_dir * 0.04 + np.array([0, 0.0, 0.09])
        bars = [prim.cylinder_between(head_top, head_top + head_dir * 0.05, tube * 0.8, segments=12),
                prim.cylinder_between(head_top + head_dir * 0.04, stem_end, 0.012, segments=12)]
        half = 0.21 if style == "road" else 0.3
        if style == "road":
            y0, z0 = stem_end[1], stem_end[2]
            bars.append(prim.cylinder_between((-half, y0, z0), (half, y0, z0), 0.011, segments=12))
            t = np.linspace(0, np.pi, 12)
            for sx in (-1, 1):
                hook = np.stack([np.full(12, sx * half), y0 - 0.07 + 0.07 * np.cos(t), z0 + 0.07 * np.sin(t)], axis=1)
                # (prim.sweep orients its end caps by the start->end axis, which a U-turn path defeats, so
                # the straight drop end is a separate rod)
                bars.append(prim.sweep(prim.circle(0.011, 10), hook))
                bars.append(prim.cylinder_between(hook[-1], hook[-1] + np.array([0.0, 0.0, -0.07]), 0.011, segments=10))
                bars.append(prim.sphere(0.011, segments=10).translated(hook[-1]))
                bars.append(prim.sphere(0.011, segments=10).translated((sx * half, y0, z0)))
        else:
            rise = 0.06 if style == "city" else 0.0
            back = -0.12 if style == "city" else 0.0
            bars.append(prim.sweep(prim.circle(0.011, 10), np.array([
                (-half, stem_end[1] + rise, stem_end[2] + back), (-half * 0.45, stem_end[1] + rise * 0.8, stem_end[2]),
                (0, stem_end[1], stem_end[2]), (half * 0.45, stem_end[1] + rise * 0.8, stem_end[2]),
                (half, stem_end[1] + rise, stem_end[2] + back)])))
        post_top = seat_top + seat_dir * 0.16
        bars.append(prim.cylinder_between(seat_top - seat_dir * 0.05, post_top, 0.0135, segments=12))
        # drivetrain: chainring and cranks with pedals
        ring = prim.torus(0.095, 0.006, segments=40, tube_segments=8).transformed(TO_X).translated(bb + np.array([0.06, 0, 0]))
        spindle = prim.cylinder_between(bb + np.array([-0.08, 0, 0]), bb + np.array([0.08, 0, 0]), 0.012, segments=12)
        bars += [ring, spindle]
        for sx, ang in ((1, 30.0), (-1, 210.0)):
            a = np.radians(ang)
            end = bb + np.array([sx * 0.08, -0.17 * np.cos(a), 0.17 * np.sin(a)])
            bars.append(prim.cylinder_between(bb + np.array([sx * 0.075, 0, 0]), end, 0.009, segments=10))
            bars.append(prim.box((0.09, 0.018, 0.06), bevel=0.004).translated(end + np.array([sx * 0.05, 0, 0])))
        model.add("cockpit_drivetrain", csg.union(*bars, crease_deg=50.0), metal)
        saddle = prim.extrude(np.array([(-0.075, -0.1), (0.075, -0.1), (0.06, 0.02), (0.02, 0.15), (-0.02, 0.15),
                                        (-0.06, 0.02)]), 0.04, bevel=0.015).translated(post_top + np.array([0, -0.005, 0.02]))
        model.add("saddle", saddle, saddle_mat)
        grips = []
        if style != "road":
            for sx in (-1, 1):
                y = stem_end[1] + (0.06 if style == "city" else 0.0)
                z = stem_end[2] + (-0.12 if style == "city" else 0.0)
                grips.append(prim.cylinder_between((sx * (half - 0.1), y, z), (sx * (half + 0.005), y, z), 0.016, segments=12))
            model.add("grips", csg.union(*grips), tires_mat)
        if p["fenders"] or style == "city":
            for name, c in (("front", front), ("rear", rear)):
                t0, t1 = (np.radians(-10), np.radians(120)) if name == "front" else (np.radians(60), np.radians(190))
                t = np.linspace(t0, t1, 20)
                rr = wr + 0.02
                path = np.stack([np.zeros(20), c[1] + rr * np.sin(t), c[2] + rr * np.cos(t)], axis=1)
                prof = np.array([(-0.003, -tire_r * 1.6), (0.003, -tire_r * 1.6), (0.003, tire_r * 1.6), (-0.003, tire_r * 1.6)])
                model.add(f"fender_{name}", prim.sweep(prof, path), frame_mat)
        return model
