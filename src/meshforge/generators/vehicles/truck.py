"""Truck: a cab-over or bonneted cab on a ladder chassis with a box body, a pickup bed or a flatbed,
two to four axles of wheels (tire + rim parts) on the ground, dark glass windows, grille, lights and
an optional exhaust stack.

Default: a 7.5 t box truck, 7.5 m long, 2.5 m wide, 3.4 m tall, 0.5 m tire radius, two axles. The
truck faces +Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.vehicles._parts import side_extrude, wheel
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim

PAINT = ("#C62828", "#1565C0", "#F5F5F5", "#FBC02D", "#2E7D32", "#37474F", "#EF6C00")


@register
class TruckGenerator(Generator):
    id = "truck"
    name = "Truck"
    family = "vehicles"
    synonyms = ("lorry", "box truck", "delivery truck", "pickup truck", "pickup", "flatbed truck", "cargo truck",
                "van truck", "heavy goods vehicle", "hgv", "camion")
    description = (
        "A truck: a cab with dark windows, grille and lights on a ladder chassis carrying a box body, a pickup "
        "bed or a flatbed; two to four axles of separate wheels on the ground; optional exhaust stack."
    )
    tags = ("vehicles", "automotive", "gaming", "city", "transport", "industrial")
    params = (
        Param("cargo", "choice", "box", choices=("box", "pickup", "flatbed"), description="what the truck carries",
              words=("box truck", "pickup", "flatbed", "delivery", "cargo")),
        Param("length", "float", 7.5, 5.0, 12.0, "m", description="overall length (7.5 m)",
              words=("long", "short"), sample_range=(6.0, 9.0)),
        Param("width", "float", 2.5, 1.9, 2.6, "m", description="overall width (2.5 m)",
              words=("wide", "narrow"), sample_range=(2.3, 2.55)),
        Param("cargo_height", "float", 2.3, 1.2, 2.8, "m", description="height of the box body (2.3 m)",
              words=("tall", "high box", "low"), sample_range=(1.8, 2.6)),
        Param("axles", "int", 2, 2, 4, "count", description="number of axles", words=("two axles", "three axles", "tandem"),
              sample_range=(2, 3)),
        Param("wheel_radius", "float", 0.5, 0.38, 0.58, "m", description="tire radius (0.5 m)",
              words=("big wheels", "small wheels"), sample_range=(0.45, 0.54)),
        Param("exhaust", "bool", False, description="vertical exhaust stack behind the cab",
              words=("exhaust stack", "smokestack"), p_true=0.4),
    )
    slots = (
        Slot("paint", "painted_metal", color="#C62828", words=("cab", "truck", "paint"), colors=PAINT,
             description="cab"),
        Slot("cargo", "painted_metal", color="#ECEFF1", words=("box", "cargo", "body", "bed", "container"),
             colors=("#ECEFF1", "#B0BEC5", "#FFFFFF", "#455A64"), description="box body, bed or deck"),
        Slot("glass", "glossy_plastic", color="#141B23", words=("windows", "glass", "windshield"),
             description="windows (dark tinted, glossy)"),
        Slot("tires", "rubber", color="#1A1A1A", words=("tires", "tyres", "chassis", "bumper", "grille"),
             description="tires, chassis, bumper, grille"),
    )
    size = SizeEnvelope(min=(1.9, 2.0, 5.0), max=(2.65, 4.0, 12.1))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L, W, wr = p["length"], p["width"], p["wheel_radius"]
        paint, cargo_mat = self.material("paint"), self.material("cargo")
        glass, dark = self.material("glass"), self.material("tires")
        zF, zR = L / 2, -L / 2
        frame_y = wr * 1.15  # top of the chassis rails
        # chassis rails and bumper
        rail_h = 0.22
        rails = [prim.box((0.12, rail_h, L * 0.96), bevel=0.01).translated((sx * W * 0.3, frame_y - rail_h / 2, -L * 0.01))
                 for sx in (-1, 1)]
        rails.append(prim.box((W * 0.98, 0.28, 0.18), bevel=0.03).translated((0, frame_y - 0.1, zF - 0.09)))
        model.add("chassis", csg.union(*rails), dark)
        # cab: a bonnet-less cab-over with a raked windshield
        cab_len = min(2.1, L * 0.3)
        cab_h = frame_y + 2.0
        cb = zF - cab_len
        cab_outline = [(cb, frame_y - 0.25), (zF - 0.04, frame_y - 0.25), (zF, frame_y + 0.9),
                       (zF - 0.25, cab_h), (cb, cab_h)]
        cab = side_extrude(cab_outline, W, bevel=0.08)
        model.add("cab", cab, paint)
        # windows: windshield band and side windows, proud of the cab surfaces
        ws = side_extrude([(zF - 0.3, frame_y + 1.05), (zF + 0.005, frame_y + 1.05), (zF - 0.2, cab_h - 0.12),
                           (zF - 0.45, cab_h - 0.12)], W - 0.16, bevel=0.02)
        side = prim.box((W + 0.02, 0.75, cab_len * 0.45), bevel=0.02).translated((0, frame_y + 1.45, zF - cab_len * 0.45))
        model.add("windows", csg.union(ws, side), glass)
        grille = prim.box((W * 0.6, 0.5, 0.1), bevel=0.02).translated((0, frame_y + 0.35, zF - 0.02))
        model.add("grille", grille, dark)
        lamps = [prim.box((0.3, 0.16, 0.08), bevel=0.03).translated((sx * (W / 2 - 0.25), frame_y + 0.12, zF - 0.01))
                 for sx in (-1, 1)]
        model.add("headlights", csg.union(*lamps), glass)
        # cargo
        c0, c1 = zR, cb - 0.12
        ch = p["cargo_height"]
        deck_y = frame_y + 0.12
        if p["cargo"] == "box":
            box = prim.box((W, ch, c1 - c0), bevel=0.04).translated((0, deck_y + ch / 2, (c0 + c1) / 2))
            model.add("cargo_box", box, cargo_mat)
        else:
            deck = prim.box((W, 0.12, c1 - c0), bevel=0.02).translated((0, deck_y + 0.06 - 0.12, (c0 + c1) / 2))
            parts = [deck]
            if p["cargo"] == "pickup":
                sh = min(0.55, ch * 0.4)
                for sx in (-1, 1):
                    parts.append(prim.box((0.06, sh, c1 - c0 - 0.013), bevel=0.02).translated((sx * (W / 2 - 0.0337), deck_y + sh / 2 - 0.04, (c0 + c1) / 2)))
                parts.append(prim.box((W - 0.011, sh, 0.06), bevel=0.02).translated((0, deck_y + sh / 2 - 0.04, c0 + 0.0331)))
                parts.append(prim.box((W - 0.011, sh, 0.06), bevel=0.02).translated((0, deck_y + sh / 2 - 0.04, c1 - 0.0331)))
            else:
                parts.append(prim.box((W - 0.011, 0.9, 0.06), bevel=0.02).translated((0, deck_y + 0.41, c1 - 0.0331)))
            model.add("cargo_bed", csg.union(*parts), cargo_mat)
        # wheels: a steer axle under the cab, the rest in a group at the rear
        tw = 0.32
        tire, rim = wheel(wr, tw, spokes=0, rim_ratio=0.6)
        axle_z = [zF - cab_len * 0.45]
        rear = zR + max(L * 0.22, wr * 1.6)
        for i in range(p["axles"] - 1):
            axle_z.append(rear + i * wr * 2.25)
        tires, rims = [], []
        for z in axle_z:
            for sx in (-1, 1):
                flip = np.diag([sx, 1.0, 1.0, 1.0])
                x = sx * (W / 2 - tw / 2 - 0.01)
                tires.append(tire.transformed(flip).translated((x, wr, z)))
                rims.append(rim.transformed(flip).translated((x, wr, z)))
        for i, (t, r) in enumerate(zip(tires, rims, strict=True)):
            model.add(f"tire_{i}", t, dark)
            model.add(f"rim_{i}", r, cargo_mat)
        if p["exhaust"]:
            pipe = prim.cylinder(0.07, cab_h + 0.35 - frame_y, segments=20).translated((W / 2 - 0.2, frame_y, cb - 0.1))
            model.add("exhaust", pipe, dark)
        return model
