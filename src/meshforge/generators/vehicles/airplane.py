"""Airplane: a twin- or four-engined jet airliner, or a high-wing single-propeller light aircraft.

The fuselage is lofted from circular stations (rounded nose, raised tail cone); wings and tailplanes
are bevelled extrusions of their planforms with sweep; the airliner carries turbofan nacelles under
the wings and a row of cabin windows, the light aircraft a spinner and propeller. It stands on its
landing gear (wheels on y = 0) unless the gear is retracted.

Defaults: airliner ~ 37.6 m long, 35.8 m span (A320 class); light aircraft 8.3 m long, 11 m span
(Cessna 172 class). The nose points to +Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.vehicles._parts import side_extrude
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import concatenate
from meshforge.geometry.transform import rotation

#: style -> (length, fuselage radius, span ratio, wing z (fraction from the nose), wing height (-1 low, +1 high))
STYLES = {"airliner": (37.6, 1.98, 0.95, 0.45, -0.55), "propeller": (8.3, 0.62, 1.33, 0.3, 0.9)}


def fuselage_rings(length: float, radius: float, n: int = 28, k: int = 24) -> list[np.ndarray]:
    """Circular stations from the tail (z = -L/2) to the nose (+L/2); the tail cone rises to the top line."""
    s = np.linspace(0.0, 1.0, n)
    nose = np.clip((1 - s) / 0.12, 0, 1)  # 0 at the nose tip
    tail = np.clip(s / 0.3, 0, 1)
    r = radius * np.sqrt(1 - (1 - nose) ** 2) * (0.12 + 0.88 * np.sin(tail * np.pi / 2) ** 0.9)
    r = np.maximum(r, radius * 0.04)
    cy = (radius - r) * (1 - tail) * 0.85 - (radius - r) * (1 - nose) * 0.25
    t = np.linspace(0, 2 * np.pi, k, endpoint=False)
    rings = []
    for si, ri, ci in zip(s, r, cy, strict=True):
        z = -length / 2 + si * length
        rings.append(np.stack([ri * np.cos(t), ci + ri * np.sin(t), np.full(k, z)], axis=1))
    return rings


def wing_planform(span: float, root: float, tip: float, sweep_deg: float) -> np.ndarray:
    """Symmetric (x, z) outline of both wings: leading edge at z = 0 at the root, swept back to -z."""
    half = span / 2
    back = half * np.tan(np.radians(sweep_deg))
    return np.array([(0.0, 0.0), (half, -back), (half, -back - tip), (0.0, -root), (-half, -back - tip),
                     (-half, -back)], dtype=np.float64)


@register
class AirplaneGenerator(Generator):
    id = "airplane"
    name = "Airplane"
    family = "vehicles"
    synonyms = ("aeroplane", "plane", "jet", "airliner", "jetliner", "passenger jet", "aircraft", "propeller plane",
                "light aircraft", "cessna", "prop plane")
    description = (
        "An airplane: a swept-wing jet airliner with two or four turbofans and cabin windows, or a high-wing "
        "single-engine propeller light aircraft; lofted fuselage, bevelled wings and tail, landing gear with "
        "wheels on the ground."
    )
    tags = ("vehicles", "aviation", "gaming", "transport")
    params = (
        Param("style", "choice", "airliner", choices=tuple(STYLES), description="kind of airplane",
              words=("jet", "airliner", "passenger jet", "propeller", "light aircraft", "prop plane")),
        Param("scale", "float", 1.0, 0.6, 1.5, "ratio", description="size relative to the style's usual",
              words=("big", "small", "jumbo"), sample_range=(0.85, 1.15)),
        Param("wingspan", "float", 1.0, 0.8, 1.25, "ratio", description="wingspan relative to the usual",
              words=("long wings", "short wings"), sample_range=(0.92, 1.08)),
        Param("sweep", "float", 25.0, 0.0, 40.0, "deg", description="wing sweep of the airliner (light aircraft: straight)",
              words=("swept wings", "straight wings"), sample_range=(22.0, 32.0)),
        Param("engines", "int", 2, 2, 4, "count", description="airliner engines (2 or 4; 3 counts as 2)",
              words=("twin engine", "four engines", "jumbo"), sample_range=(2, 2)),
        Param("landing_gear", "bool", True, description="gear down (stands on wheels) or retracted",
              words=("landing gear", "wheels down", "in flight", "gear up"), p_true=0.85),
    )
    slots = (
        Slot("body", "painted_metal", color="#F2F3F5", words=("fuselage", "body", "livery", "plane"),
             colors=("#F2F3F5", "#D9DDE3", "#1E3A6E", "#B71C1C"), description="fuselage, wings, tail"),
        Slot("accent", "painted_metal", color="#1E4FA0", words=("tail", "fin", "engines", "stripe", "accent"),
             colors=("#1E4FA0", "#C62828", "#F9A825", "#2E7D32", "#37474F"), description="tail fin and engines"),
        Slot("glass", "glossy_plastic", color="#141B23", words=("windows", "cockpit", "glass", "windshield"),
             description="cockpit and cabin windows"),
        Slot("gear", "rubber", color="#1A1A1A", words=("tires", "wheels", "gear", "propeller"),
             description="tires, gear struts, propeller"),
    )
    size = SizeEnvelope(min=(6.0, 1.2, 4.9), max=(60.0, 21.0, 62.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        jet = p["style"] == "airliner"
        L0, R0, span_r, wing_at, wing_h = STYLES[p["style"]]
        L, R = L0 * p["scale"], R0 * p["scale"]
        span = L * span_r * p["wingspan"]
        body, accent, glass, gear_mat = (self.material(s) for s in ("body", "accent", "glass", "gear"))
        gear_h = (R * 1.05 if jet else R * 1.1) if p["landing_gear"] else 0.0
        cy = gear_h + R  # fuselage axis height
        fus = prim.loft([r + np.array([0.0, cy, 0.0]) for r in fuselage_rings(L, R)], crease_deg=60.0)
        # wings
        z_le = L / 2 - wing_at * L
        root = L * (0.2 if jet else 0.19)
        tip = root * (0.28 if jet else 0.7)
        sweep = p["sweep"] if jet else 2.0
        thick = root * (0.12 if jet else 0.1)
        planform = wing_planform(span, root, tip, sweep)
        wy = cy + wing_h * R * (0.9 if not jet else 1.0)
        wing = prim.extrude(planform, thick, bevel=thick * 0.45, bevel_segments=3).translated((0, wy - thick / 2, z_le))
        # tailplane and fin
        t_span = span * (0.33 if jet else 0.32)
        t_root = root * 0.55
        tail_z = -L / 2 + t_root * 1.25
        tail_y = cy + R * (0.5 if jet else 0.1)
        tplane = prim.extrude(wing_planform(t_span, t_root, t_root * 0.4, sweep + 5), t_root * 0.1,
                              bevel=t_root * 0.04).translated((0, tail_y, tail_z))
        model.add("fuselage", csg.union(fus, wing, tplane, crease_deg=50.0), body)
        fin_h = R * (2.9 if jet else 2.1)
        fin_root = t_root * 1.3
        fin_sweep = fin_h * (0.9 if jet else 0.6)
        fy = cy + R * 0.55
        fz = -L / 2 + fin_root * 1.05
        fin = side_extrude([(fz - fin_root, fy - R * 0.3), (fz, fy - R * 0.3), (fz - fin_sweep, fy + fin_h),
                            (fz - fin_sweep - fin_root * 0.45, fy + fin_h)], R * 0.16, bevel=R * 0.05)
        accents = [fin]
        # engines / propeller
        if jet:
            n_eng = 4 if p["engines"] >= 4 else 2
            eng_r = R * 0.42
            eng_len = eng_r * 3.6
            fractions = (0.34,) if n_eng == 2 else (0.27, 0.55)
            for f in fractions:
                ex = span / 2 * f
                ez = z_le - ex * np.tan(np.radians(sweep)) + eng_len * 0.55
                ey = wy - thick * 0.3 - eng_r * 1.15
                prof = [(0, 0), (eng_r * 0.7, 0), (eng_r * 0.95, eng_len * 0.25), (eng_r, eng_len * 0.8),
                        (eng_r * 0.85, eng_len), (eng_r * 0.5, eng_len * 0.97), (0, eng_len * 0.97)]
                nacelle = prim.lathe(prof, segments=24).transformed(rotation("x", 90.0))
                pylon = prim.box((eng_r * 0.22, eng_r * 1.2, eng_len * 0.6), bevel=eng_r * 0.05)
                for sx in (-1, 1):
                    accents.append(nacelle.translated((sx * ex, ey, ez - eng_len)))
                    accents.append(pylon.translated((sx * ex, ey + eng_r * 0.8, ez - eng_len * 0.45)))
            # cabin windows: one long dark strip per side (reads as a window row at any distance)
            wins = []
            for sx in (-1, 1):
                strip = prim.box((0.05, R * 0.12, L * 0.62), bevel=R * 0.05).translated((sx * R * 0.975, cy + R * 0.2, L * 0.02))
                wins.append(strip)
            wins.append(side_extrude([(L / 2 - R * 1.45, cy + R * 0.28), (L / 2 - R * 0.95, cy + R * 0.28),
                                      (L / 2 - R * 1.18, cy + R * 0.62), (L / 2 - R * 1.55, cy + R * 0.62)], R * 1.25))
            model.add("windows", concatenate([wins[0], wins[1]]), glass)
            model.add("cockpit", wins[2], glass)
        else:
            cab = side_extrude([(L * 0.05, cy + R * 0.2), (L * 0.26, cy + R * 0.2), (L * 0.2, cy + R * 0.95),
                                (L * 0.05, cy + R * 0.98)], R * 2.06, bevel=R * 0.1)
            model.add("windows", cab, glass)
            spinner = prim.lathe([(0, 0), (R * 0.3, 0), (R * 0.22, R * 0.35), (0, R * 0.55)], segments=20)
            spinner = spinner.transformed(rotation("x", 90.0)).translated((0, cy - R * 0.05, L / 2 - R * 0.1))
            blade = prim.box((R * 0.16, R * 2.6, R * 0.05), bevel=R * 0.02).transformed(rotation("z", 20.0))
            prop = csg.union(spinner, blade.translated((0, cy - R * 0.05, L / 2 + R * 0.1)))
            model.add("propeller", prop, gear_mat)
            struts = []
            for sx in (-1, 1):  # wing struts of a high-wing plane
                struts.append(prim.cylinder_between((sx * R * 0.9, cy - R * 0.5, z_le - root * 0.5),
                                                    (sx * span * 0.22, wy - thick * 0.4, z_le - root * 0.45), R * 0.05,
                                                    segments=10))
            model.add("wing_struts", csg.union(*struts), body)
        model.add("tail", csg.union(*accents, crease_deg=50.0), accent)
        # landing gear
        if p["landing_gear"]:
            wr = gear_h * (0.3 if jet else 0.32)
            ww = wr * 0.8
            legs, tires = [], []
            spots = [(0.0, L / 2 - L * 0.12), (-R * (1.1 if jet else 1.5), z_le - root * 0.55),
                     (R * (1.1 if jet else 1.5), z_le - root * 0.55)]
            for x, z in spots:
                tire = prim.cylinder(wr, ww, segments=24, bevel=wr * 0.3).transformed(rotation("z", 90.0))
                tires.append(tire.translated((x + ww / 2, wr, z)))
                legs.append(prim.cylinder_between((x, wr, z), (x * 0.6, cy, z), wr * 0.22, segments=10))
            model.add("gear_struts", csg.union(*legs), body)
            model.add("tires", concatenate(tires), gear_mat)
        return model
