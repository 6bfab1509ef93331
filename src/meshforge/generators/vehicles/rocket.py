"""Rocket: a lathed launch vehicle or retro spaceship with an ogive nose cone, a cylindrical body,
a boat tail, a bell nozzle, N swept fins standing on the ground, round portholes and an optional
stage ring.

Default: a 12 m retro rocket, 1.6 m body diameter, four fins, three portholes. Stands upright on its
fin tips (+Y up).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import concatenate
from meshforge.geometry.transform import radial_array, rotation


@register
class RocketGenerator(Generator):
    id = "rocket"
    name = "Rocket"
    family = "vehicles"
    synonyms = ("spaceship", "space ship", "spacecraft", "space rocket", "launch vehicle", "missile",
                "retro rocket", "model rocket", "rocket ship")
    description = (
        "A rocket or retro spaceship: ogive nose cone, cylindrical body with portholes and an optional stage ring, "
        "boat tail and bell nozzle, standing on N swept fins."
    )
    tags = ("vehicles", "space", "gaming", "toy", "sci-fi")
    params = (
        Param("height", "float", 12.0, 0.5, 120.0, "m", description="total height (12 m; a model rocket is ~0.6 m)",
              words=("tall", "small", "model rocket", "huge"), sample_range=(8.0, 20.0)),
        Param("slenderness", "float", 6.5, 4.0, 14.0, "ratio", description="height / body diameter",
              words=("slender", "stubby", "fat"), sample_range=(5.0, 8.5)),
        Param("fins", "int", 4, 0, 8, "count", description="number of fins (0 = a legless stand ring)",
              words=("three fins", "four fins", "fins"), sample_range=(3, 5)),
        Param("fin_size", "float", 1.0, 0.5, 1.6, "ratio", description="fin size relative to the body",
              words=("big fins", "small fins"), sample_range=(0.8, 1.3)),
        Param("portholes", "int", 3, 0, 6, "count", description="round windows on the body",
              words=("windows", "portholes"), sample_range=(0, 4)),
        Param("nose", "choice", "ogive", choices=("ogive", "cone", "round"), description="nose cone shape",
              words=("pointy", "rounded nose", "conical")),
        Param("stage_ring", "bool", True, description="a contrasting ring at the interstage",
              words=("stage", "two stage", "band"), p_true=0.6),
    )
    slots = (
        Slot("body", "painted_metal", color="#ECEFF1", words=("body", "rocket", "hull"),
             colors=("#ECEFF1", "#D32F2F", "#CFD8DC", "#1565C0"), description="body"),
        Slot("accent", "painted_metal", color="#C62828", words=("fins", "nose", "nose cone", "accent", "stripe"),
             colors=("#C62828", "#1565C0", "#212121", "#F9A825"), description="nose cone, fins and ring"),
        Slot("metal", "brushed_aluminium", words=("nozzle", "engine", "metal"), description="nozzle"),
        Slot("glass", "glossy_plastic", color="#14202C", words=("windows", "portholes", "glass"),
             description="portholes"),
    )
    size = SizeEnvelope(min=(0.03, 0.5, 0.03), max=(60.0, 120.01, 60.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        H = p["height"]
        R = H / p["slenderness"] / 2
        n_fins = p["fins"]
        fs = p["fin_size"]
        fin_len = R * 2.6 * fs  # chord at the root
        lift = R * 0.8 * fs if n_fins else 0.0  # body bottom above the ground (fins reach down)
        nozzle_h = R * 0.55
        y0 = lift + nozzle_h * 0.7
        top = H
        nose_h = min(R * 3.0, (top - y0) * 0.4)
        y_nose = top - nose_h
        body_mat, accent, metal, glass = (self.material(s) for s in ("body", "accent", "metal", "glass"))
        tail = [(0.0, y0), (R * 0.78, y0), (R, y0 + R * 0.45)]
        body = prim.lathe([*tail, (R, y_nose + R * 0.02), (0.0, y_nose + R * 0.02)], segments=48, crease_deg=40.0)
        model.add("body", body, body_mat)
        t = np.linspace(0, 1, 14)
        if p["nose"] == "ogive":
            rr = R * np.sqrt(np.clip(1 - t ** 1.6, 0, 1)) * (1 - 0.15 * t)
        elif p["nose"] == "cone":
            rr = R * (1 - t)
        else:
            rr = R * np.sqrt(np.clip(1 - t ** 2, 0, 1))
        rr[-1] = 0.0
        nose_prof = [(0.0, y_nose), *zip(rr, y_nose + t * nose_h, strict=True)]
        nose = prim.lathe(nose_prof, segments=48)
        parts = [nose]
        if p["stage_ring"]:
            ry = y0 + (y_nose - y0) * 0.45
            parts.append(prim.cylinder(R * 1.02, R * 0.3, segments=48).translated((0, ry, 0)))
        if n_fins:
            fin_out = R * 1.75 * fs
            outline = [(0.0, y0 + R * 0.2 + fin_len), (0.0, y0 + R * 0.2), (fin_out * 0.2, 0.0),
                       (fin_out, 0.0), (fin_out * 0.95, fin_len * 0.35)]
            # fin drawn in (x = radial, y) and extruded thin across, from inside the body outward
            pts = [(R * 0.5 + x, y) for x, y in outline]
            swap_yz = np.array([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]], dtype=np.float64)
            fin = prim.extrude(np.array(pts), R * 0.12, bevel=R * 0.03).transformed(swap_yz).translated((0, 0, -R * 0.06))
            parts += radial_array(fin, n_fins, axis="y", start_deg=45.0)
        model.add("fins_and_nose", csg.union(*parts, crease_deg=40.0), accent)
        noz = prim.lathe([(R * 0.32, y0 + R * 0.05), (R * 0.2, y0 - nozzle_h * 0.25), (R * 0.5, y0 - nozzle_h * 0.7),
                          (R * 0.45, y0 - nozzle_h * 0.7), (R * 0.15, y0 - nozzle_h * 0.25), (R * 0.15, y0 + R * 0.05)],
                         segments=32, closed=True)
        model.add("nozzle", noz, metal)
        n_p = p["portholes"]
        if n_p:
            holes = []
            y_top = y_nose - R * 0.9
            for i in range(n_p):
                y = y_top - i * R * 0.9
                if y < y0 + R * 1.2:
                    break
                win = prim.cylinder(R * 0.22, R * 0.2, segments=24, bevel=R * 0.04).transformed(rotation("x", 90.0))
                holes.append(win.translated((0, y, R * 0.92)))
            if holes:
                model.add("portholes", concatenate(holes), glass)
        return model

