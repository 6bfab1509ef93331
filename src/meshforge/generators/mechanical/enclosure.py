"""Electronics enclosure: a rounded project box with wall thickness, internal screw bosses and a
separate lid with a locating lip and screw holes.

Default: 100 x 60 x 40 mm outside (box 40 mm tall plus a 2.5 mm lid), 2.5 mm walls, 4 mm corner
radius, four bosses for M3 self-tapping screws (2.5 mm pilot holes), lid seated on the box.
With ``lid_position`` = ``beside`` the lid lies next to the box, lip up, for printing.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.transform import rotation

PLASTICS = ("matte_plastic", "plastic", "glossy_plastic", "brushed_aluminium", "black_metal")


@register
class EnclosureGenerator(Generator):
    id = "enclosure"
    name = "Electronics enclosure"
    family = "mechanical"
    synonyms = ("project box", "electronics box", "enclosure box", "junction box", "case", "housing",
                "instrument case", "box with lid", "pcb enclosure", "3d printed case")
    description = (
        "A rounded electronics project box with exact wall thickness, corner radius, internal screw bosses with "
        "pilot holes, optional ventilation slots, and a separate lid part with a locating lip and countersunk "
        "screw holes, seated on the box or laid beside it for printing."
    )
    tags = ("mechanical", "manufacturing", "electronics", "3d printing", "cad", "product")
    params = (
        Param("width", "float", 0.1, 0.03, 0.4, "m", description="outside width X (100 mm)",
              words=("wide", "narrow", "long"), sample_range=(0.06, 0.16)),
        Param("depth", "float", 0.06, 0.03, 0.3, "m", description="outside depth Z (60 mm)",
              words=("deep", "shallow"), sample_range=(0.04, 0.1)),
        Param("height", "float", 0.04, 0.015, 0.2, "m", description="box height without the lid (40 mm)",
              words=("tall", "flat", "low"), sample_range=(0.025, 0.06)),
        Param("wall_thickness", "float", 0.0025, 0.001, 0.006, "m", description="wall, floor and lid thickness (2.5 mm)",
              words=("thick walls", "thin walls"), sample_range=(0.002, 0.003)),
        Param("corner_radius", "float", 0.004, 0.0, 0.02, "m", description="vertical corner radius (4 mm)",
              words=("rounded", "sharp corners"), sample_range=(0.002, 0.008)),
        Param("bosses", "bool", True, description="four internal screw bosses with pilot holes",
              words=("screw bosses", "bosses", "screws"), p_true=0.85),
        Param("screw_diameter", "float", 0.003, 0.002, 0.005, "m", description="nominal screw size (M3 = 3 mm)",
              words=("m3", "m4", "screw size"), sample_range=(0.0025, 0.0035)),
        Param("vents", "int", 0, 0, 12, "count", description="ventilation slots in each long side",
              words=("vents", "vented", "ventilation slots"), sample_range=(0, 6)),
        Param("lid_position", "choice", "closed", choices=("closed", "beside"),
              description="lid seated on the box, or lying beside it lip-up (print layout)",
              words=("closed", "open", "exploded", "print layout")),
    )
    slots = (
        Slot("body", "matte_plastic", color="#3A3D42", words=("box", "body", "case", "enclosure"), choices=PLASTICS,
             colors=("#3A3D42", "#D9D6CF", "#2F5D8A", "#B8462F"), description="the box"),
        Slot("lid", "matte_plastic", color="#3A3D42", words=("lid", "cover", "top"), choices=PLASTICS,
             colors=("#3A3D42", "#D9D6CF", "#8A8F96"), description="the lid"),
    )
    size = SizeEnvelope(min=(0.03, 0.0165, 0.03), max=(0.83, 0.21, 0.3))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        w, d, h, t = p["width"], p["depth"], p["height"], p["wall_thickness"]
        r = min(p["corner_radius"], 0.3 * min(w, d))
        t = min(t, 0.15 * min(w, d), 0.25 * h)
        outer = prim.rounded_rectangle(w, d, r, segments=6)
        inner = prim.rounded_rectangle(w - 2 * t, d - 2 * t, max(r - t, 0.0005), segments=6)
        shell = prim.extrude(outer, h, crease_deg=35.0)
        cavity = prim.extrude(inner, h).translated((0, t, 0))
        cavity = cavity.transformed(np.diag([1.0, 1.001, 1.0, 1.0]))  # poke through the top
        screw = p["screw_diameter"]
        boss_r = min(screw * 1.2 + 0.0005, 0.2 * min(w, d) - t)
        cx, cz = w / 2 - t - boss_r * 0.85, d / 2 - t - boss_r * 0.85
        corners = [(sx * cx, sz * cz) for sx in (-1, 1) for sz in (-1, 1)]
        adds, cuts = [], [cavity]
        n_v = p["vents"]
        if n_v:
            slot_w = min(0.003, (w - 2 * r - 0.01) / (2 * n_v))
            if slot_w > 0.0008:
                xs = (np.arange(n_v) - (n_v - 1) / 2) * slot_w * 2
                slot_h = max(h * 0.35, 0.004)
                for x in xs:
                    cuts.append(prim.box((slot_w, slot_h, d + 0.01), bevel=slot_w * 0.45).translated((x, h * 0.55, 0)))
        body = csg.difference(shell, *cuts, crease_deg=35.0)
        if p["bosses"] and boss_r > screw / 2 + 0.0006:
            boss_top = h - 0.0015
            for x, z in corners:
                adds.append(prim.cylinder(boss_r, boss_top - t * 0.5, segments=24).translated((x, t * 0.5, z)))
                # web tying the boss into the corner walls
                adds.append(prim.box((boss_r * 1.6, boss_top - t * 0.5, boss_r * 0.6))
                            .transformed(rotation("y", 45.0 if x * z > 0 else -45.0))
                            .translated((x + np.sign(x) * boss_r * 0.7, (boss_top + t * 0.5) / 2, z + np.sign(z) * boss_r * 0.7)))
            bosses = csg.intersection(csg.union(*adds), shell)  # webs trimmed flush with the outside
            body = csg.union(body, bosses, crease_deg=35.0)
            pilots = [prim.cylinder(screw * 0.42, h, segments=16).translated((x, t + 0.001, z)) for x, z in corners]
            body = csg.difference(body, *pilots, crease_deg=35.0)
        model.add("box", body, self.material("body"))

        # lid: a plate with a lip that drops inside the walls
        gap = 0.0002
        lip_h = min(0.003, h * 0.2)
        plate = prim.extrude(outer, t, crease_deg=35.0)
        lip_outer = prim.rounded_rectangle(w - 2 * t - 2 * gap, d - 2 * t - 2 * gap, max(r - t, 0.0005), segments=6)
        lip_t = min(1.2 * t, 0.2 * min(w, d))
        lip_inner = prim.rounded_rectangle(w - 2 * t - 2 * gap - 2 * lip_t, d - 2 * t - 2 * gap - 2 * lip_t,
                                           max(r - t - lip_t, 0.0005), segments=6)
        lip = prim.extrude(lip_outer, lip_h + t * 0.5, holes=[lip_inner]).translated((0, -lip_h, 0))
        has_bosses = p["bosses"] and boss_r > screw / 2 + 0.0006
        if has_bosses:
            # notch the lip around each boss before it meets the plate (no coplanar faces)
            notches = [prim.cylinder(boss_r + gap * 5, lip_h + t, segments=24).translated((x, -lip_h - 0.001, z))
                       for x, z in corners]
            lip = csg.difference(lip, *notches)
        lid = csg.union(plate, lip, crease_deg=35.0)
        if has_bosses:
            lid_cuts = []
            for x, z in corners:  # drilled and countersunk screw holes
                lid_cuts.append(prim.cylinder(screw * 0.55, t * 3, segments=16).translated((x, -t, z)))
                lid_cuts.append(prim.cone(screw * 0.55, t * 0.6, screw * 1.05, segments=16).translated((x, t * 0.4 + 1e-5, z)))
            lid = csg.difference(lid, *lid_cuts, crease_deg=35.0)
        if p["lid_position"] == "closed":
            model.add("lid", lid.translated((0, h, 0)), self.material("lid"))
        else:
            flipped = lid.transformed(rotation("x", 180.0)).translated((0, t, 0))
            model.add("lid", flipped.translated((w + 0.01, 0, 0)), self.material("lid"))
        return model
