"""Car: a sedan, hatchback or SUV with a painted body, cut wheel arches, a glasshouse of dark glass
framed by body-coloured pillars and roof, four wheels (tire + rim parts) standing on the ground,
chrome headlights and a black grille.

Default: a mid-size sedan, 4.6 m long, 1.8 m wide, 1.45 m tall, 2.7 m wheelbase, 17-inch wheels
(0.32 m tire radius). The car faces +Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.vehicles._parts import beam, side_extrude, wheel
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim

#: per style: (length, height, wheel radius, ground clearance, hood fraction, trunk fraction, rear slope)
STYLES = {
    "sedan": (4.6, 1.45, 0.32, 0.15, 0.26, 0.17, 0.55),
    "hatchback": (4.0, 1.48, 0.31, 0.15, 0.24, 0.04, 0.25),
    "suv": (4.7, 1.75, 0.37, 0.21, 0.22, 0.03, 0.12),
}
PAINT = ("#B0202A", "#1F3A68", "#E8E8E8", "#222326", "#8C9199", "#2E5E3A", "#D9A21B", "#5A2A6E")


@register
class CarGenerator(Generator):
    id = "car"
    name = "Car"
    family = "vehicles"
    synonyms = ("automobile", "auto", "sedan", "saloon", "hatchback", "suv", "sport utility vehicle", "vehicle",
                "motor car", "family car", "crossover", "station car")
    description = (
        "A passenger car in sedan, hatchback or SUV form: painted body with wheel arches, a dark glass "
        "glasshouse framed by pillars and roof, four separate wheels (rubber tires and alloy rims) on the ground, "
        "chrome headlights and a grille."
    )
    tags = ("vehicles", "automotive", "gaming", "city", "transport")
    params = (
        Param("style", "choice", "sedan", choices=tuple(STYLES), description="body style",
              words=("sedan", "saloon", "hatchback", "suv", "4x4", "crossover")),
        Param("length", "float", 0.0, 0.0, 1.0, "ratio",
              description="length adjustment: 0 = the style's usual length, 1 = 15% longer",
              words=("long", "stretched", "compact"), sample_range=(0.0, 0.5)),
        Param("width", "float", 1.8, 1.55, 2.05, "m", description="body width (1.8 m)",
              words=("wide", "narrow"), sample_range=(1.72, 1.9)),
        Param("wheel_size", "float", 1.0, 0.85, 1.2, "ratio", description="wheel radius relative to the style's usual",
              words=("big wheels", "small wheels"), sample_range=(0.92, 1.1)),
        Param("spokes", "int", 5, 0, 10, "count", description="rim spokes (0 = plain disc)",
              words=("five spoke", "alloy wheels", "steel wheels"), sample_range=(4, 7)),
        Param("roof_height", "float", 1.0, 0.85, 1.15, "ratio", description="cabin height relative to the style's usual",
              words=("low roof", "tall roof", "sporty"), sample_range=(0.95, 1.05)),
        Param("doors", "choice", "4", choices=("2", "4"), description="two doors (coupe-like) or four",
              words=("two door", "four door", "coupe")),
    )
    slots = (
        Slot("paint", "painted_metal", color="#B0202A", words=("car", "body", "paint", "paintwork"),
             colors=PAINT, description="body, pillars and roof"),
        Slot("glass", "glossy_plastic", color="#141B23", words=("windows", "glass", "windshield", "windscreen"),
             choices=("glossy_plastic",), description="windows (dark tinted, glossy)"),
        Slot("tires", "rubber", color="#1A1A1A", words=("tires", "tyres", "grille", "rubber"),
             description="tires, grille and bumper trim"),
        Slot("rims", "chrome", words=("rims", "wheels", "hubcaps", "chrome", "lights"),
             choices=("chrome", "brushed_aluminium", "black_metal"), description="rims and headlights"),
    )
    size = SizeEnvelope(min=(1.55, 1.2, 3.9), max=(2.1, 2.05, 5.45))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L0, H0, wr0, clear, hood_f, trunk_f, rear_slope = STYLES[p["style"]]
        L = L0 * (1 + 0.15 * p["length"])
        W = p["width"]
        wr = wr0 * p["wheel_size"]
        H = clear + (H0 - clear) * p["roof_height"]
        belt = clear + (H0 - clear) * 0.5 + (0.05 if p["style"] == "suv" else 0.0)
        belt = min(belt, H - 0.3)
        belt = max(belt, wr * 2 + 0.06)
        wb = L * 0.59
        zf, zr = wb / 2, -wb / 2  # axle positions
        paint = self.material("paint")
        # ---- lower body: side silhouette
        zF, zR = L / 2, -L / 2
        nose_y = clear + (belt - clear) * 0.55
        z_ws = zF - L * hood_f  # windshield base
        z_rw = zR + L * trunk_f  # rear window base
        lower = [
            (zR + 0.08, clear), (zF - 0.12, clear), (zF - 0.02, clear + 0.1), (zF, nose_y),
            (zF - 0.06, belt - 0.05), (zF - 0.3, belt - 0.01), (z_ws, belt),
            (z_rw, belt), (zR + 0.05, belt - 0.04), (zR, belt - 0.18), (zR, clear + 0.12),
        ]
        body = side_extrude(lower, W, bevel=0.05)
        arch_r = wr * 1.12
        arches = [prim.cylinder_between((-W, wr, z), (W, wr, z), arch_r, segments=40) for z in (zf, zr)]
        body = csg.difference(body, *arches, crease_deg=40.0)
        model.add("body", body, paint)
        # ---- glasshouse
        cw = W - 0.16
        roof_y = H - 0.035
        ws_run = (roof_y - belt) * (1.1 if p["style"] != "suv" else 0.85)
        z_rf = z_ws - ws_run
        rear_run = (roof_y - belt) * rear_slope * 2.0
        z_rr = min(z_rw + rear_run, z_rf - 0.6)
        base = belt - 0.03
        green = [(z_rw, base), (z_ws, base), (z_rf, roof_y), (z_rr, roof_y)]
        glass = side_extrude(green, cw - 0.02, bevel=0.02)
        model.add("windows", glass, self.material("glass"))
        pill = 0.07
        fx = cw / 2 - 0.005
        frame = [prim.box((cw + 0.02, 0.05, z_rf - z_rr + 0.12), bevel=0.02).translated((0, H - 0.025, (z_rf + z_rr) / 2))]
        for sx in (-1, 1):
            x = sx * fx
            frame.append(beam((x, base, z_ws), (x, roof_y, z_rf), 0.03, pill, bevel=0.008))  # A pillar
            frame.append(beam((x, base, z_rw), (x, roof_y, z_rr), 0.03, pill * 1.8, bevel=0.008))  # C / D pillar
            zb = z_rf - (z_rf - z_rr) * (0.48 if p["doors"] == "4" else 0.7)
            frame.append(beam((x, base, zb), (x, roof_y, zb - 0.04), 0.03, pill * 1.1, bevel=0.008))  # B pillar
        model.add("pillars", csg.union(*frame, crease_deg=40.0), paint)
        # ---- wheels
        tw = W * 0.12
        tire_mat, rim_mat = self.material("tires"), self.material("rims")
        tire, rim = wheel(wr, tw + 0.08, spokes=p["spokes"])
        i = 0
        for z, zname in ((zf, "front"), (zr, "rear")):
            for sx, side in ((-1, "left"), (1, "right")):
                x = sx * (W / 2 - tw / 2 - 0.02)
                flip = np.diag([sx, 1.0, 1.0, 1.0])  # rim faces outward
                model.add(f"tire_{zname}_{side}", tire.transformed(flip).translated((x, wr, z)), tire_mat)
                model.add(f"rim_{zname}_{side}", rim.transformed(flip).translated((x, wr, z)), rim_mat)
                i += 1
        # ---- lights and grille on the nose
        ly = nose_y + (belt - nose_y) * 0.35
        for sx, side in ((-1, "left"), (1, "right")):
            lamp = prim.box((W * 0.2, 0.09, 0.1), bevel=0.03).translated((sx * W * 0.32, ly, zF - 0.06))
            model.add(f"headlight_{side}", lamp, rim_mat)
        grille = prim.box((W * 0.36, (ly - clear) * 0.55, 0.08), bevel=0.02).translated((0, clear + (ly - clear) * 0.55, zF - 0.01))
        model.add("grille", grille, tire_mat)
        return model
