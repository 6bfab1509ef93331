"""Shoe: a lace-up sneaker or an ankle boot: a soft SDF-modelled upper (toe box, vamp, heel counter,
collar opening, tongue) on an extruded foot-shaped sole with toe spring, a row of laces, and an
optional second shoe to make a pair.

Sizes follow the Paris point (EU size x 2/3 cm = last length): default EU 42, 28 cm long outsole,
10.5 cm wide. The toe points to +Z; a pair stands side by side (left shoe at -X).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg, sdf
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh


def sole_outline(length: float, width: float, n: int = 24) -> np.ndarray:
    """(x, z) outline of a right-foot sole: round heel at -z, narrow waist, widest at the ball, round toe."""
    th = np.linspace(0.0, np.pi, n + 2)[1:-1]
    s = (1 - np.cos(th)) / 2  # dense near the heel and the toe, where the outline turns
    # smooth (never piecewise-linear: collinear outline points leave earcut slivers that become holes)
    shape = 0.74 + 0.28 * np.exp(-(((s - 0.72) / 0.17) ** 2)) - 0.1 * np.exp(-(((s - 0.4) / 0.12) ** 2))
    ends = np.sqrt(np.clip(s / 0.11, 0, 1)) * np.sqrt(np.clip((1 - s) / 0.16, 0, 1))
    hw = width / 2 * shape * ends
    z = -length / 2 + s * length
    lead = -0.06 * width * np.clip((s - 0.55) / 0.45, 0, 1) ** 2  # the big-toe side (-x) leads
    right = np.stack([hw + lead, z], axis=1)
    left = np.stack([-hw * 0.96 + lead, z], axis=1)[::-1]
    return np.vstack([[(0.0, -length / 2)], right, [(lead[-1], length / 2)], left])


@register
class ShoeGenerator(Generator):
    id = "shoe"
    name = "Shoe"
    family = "clothing"
    synonyms = ("sneaker", "trainer", "running shoe", "boot", "ankle boot", "work boot", "hiking boot", "footwear",
                "pair of shoes", "kicks", "plimsoll")
    description = (
        "A shoe: lace-up sneaker or ankle boot with a soft upper (toe box, vamp, heel counter, collar, tongue), "
        "a foot-shaped rubber sole with toe spring, a row of laces; one shoe or a pair; sized by EU size."
    )
    tags = ("clothing", "fashion", "accessory", "gaming", "product")
    params = (
        Param("style", "choice", "sneaker", choices=("sneaker", "boot"), description="kind of shoe",
              words=("sneaker", "trainer", "running shoe", "boot", "ankle boot", "hiking boot")),
        Param("size_eu", "int", 42, 30, 48, "count", description="EU shoe size (42 = 28 cm outsole)",
              words=("size 42", "kids", "big", "small"), sample_range=(38, 45)),
        Param("laces", "int", 5, 0, 9, "count", description="lace crossings (0 = slip-on)",
              words=("laces", "lace-up", "slip-on"), sample_range=(4, 7)),
        Param("sole_thickness", "float", 0.028, 0.012, 0.05, "m", description="sole thickness (28 mm)",
              words=("chunky sole", "thin sole", "platform"), sample_range=(0.02, 0.035)),
        Param("shaft_height", "float", 1.0, 0.6, 1.6, "ratio", description="boot shaft / sneaker collar height factor",
              words=("high top", "low top", "tall boot"), sample_range=(0.85, 1.2)),
        Param("pair", "bool", False, description="a pair (left and right) instead of one shoe",
              words=("pair", "pair of shoes", "two shoes"), p_true=0.35),
    )
    slots = (
        Slot("upper", "leather", color="#F0F0F0", words=("upper", "shoe", "leather", "canvas", "body"),
             choices=("leather", "fabric", "denim", "velvet"),
             colors=("#F0F0F0", "#1E1E1E", "#7A4A2A", "#2B4C7E", "#B03030", "#5E6B3A"), description="the upper"),
        Slot("sole", "rubber", color="#EDEDED", words=("sole", "soles", "outsole", "midsole"),
             colors=("#EDEDED", "#1E1E1E", "#B8875A"), description="the sole"),
        Slot("laces", "fabric", color="#F5F5F5", words=("laces", "shoelaces"), description="laces"),
    )
    size = SizeEnvelope(min=(0.07, 0.07, 0.2), max=(0.35, 0.36, 0.35))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        boot = p["style"] == "boot"
        L = p["size_eu"] * 2 / 3 / 100 + 0.0  # last length
        L_out = L + 0.0 + 0.01
        W = L_out * 0.375
        st = p["sole_thickness"] + (0.006 if boot else 0.0)
        sole_o = sole_outline(L_out, W)
        sole = prim.extrude(sole_o, st, bevel=min(st * 0.2, 0.003), bevel_segments=2, crease_deg=50.0)
        v = sole.vertices.copy()
        s = (v[:, 2] + L_out / 2) / L_out
        v[:, 1] += 0.35 * st * np.clip((s - 0.75) / 0.25, 0, 1) ** 2  # toe spring
        sole = Mesh(v, sole.faces, uvs=sole.uvs).with_normals(50.0)
        # upper: blobs smooth-unioned, the collar opening cut from above, the bottom trimmed into the sole
        u = L / 0.27  # scale factor vs a 27 cm last
        top_y = st - 0.004
        toe = sdf.ellipsoid((0.046 * u, 0.034 * u, 0.075 * u), center=(-0.004 * u, top_y + 0.006 * u, 0.07 * u))
        vamp = sdf.ellipsoid((0.05 * u, 0.058 * u, 0.1 * u), center=(0.0, top_y + 0.012 * u, 0.0))
        heel_h = (0.075 if not boot else 0.13) * u * p["shaft_height"]
        heel = sdf.round_cone((0.0, top_y + 0.03 * u, -0.085 * u), (0.0, top_y + heel_h, -0.075 * u), 0.045 * u,
                              0.04 * u)
        parts = [toe, vamp, heel]
        if boot:
            parts.append(sdf.round_cone((0.0, top_y + 0.04 * u, -0.03 * u), (0.0, top_y + heel_h * 0.95, -0.055 * u),
                                        0.05 * u, 0.044 * u))
        upper = sdf.smooth_union(*parts, k=0.03 * u)
        opening_y = top_y + heel_h * (0.96 if boot else 0.92)
        opening = sdf.capsule((0.0, opening_y + 0.2, -0.06 * u), (0.0, opening_y, -0.06 * u),
                              0.034 * u if not boot else 0.036 * u)
        upper = sdf.difference(upper, opening, k=0.012)
        upper = sdf.intersection(upper, sdf.half_space((0, -1, 0), (0, top_y - 0.002, 0)))
        # a touch of asymmetry: the inner side is straighter
        mesh = sdf.to_mesh(upper, resolution=72, simplify_tolerance=2e-5)
        model.add("upper", mesh, self.material("upper"))
        model.add("sole", sole, self.material("sole"))
        if p["laces"]:
            n = p["laces"]
            zs = np.linspace(0.055 * u, (-0.02 if not boot else -0.045) * u, n)
            # find the instep height along the centre line by sampling the upper's SDF
            ys = np.linspace(top_y, top_y + 0.25, 400)
            laces = []
            for z in zs:
                pts = np.stack([np.zeros_like(ys), ys, np.full_like(ys, z)], axis=1)
                inside = upper(pts) < 0
                y_top = ys[np.flatnonzero(inside)[-1]] if inside.any() else top_y + 0.05
                lace = prim.box((0.045 * u, 0.005, 0.007), bevel=0.002).translated((0.0, y_top + 0.0005, z))
                laces.append(lace)
            model.add("laces", csg.union(*laces), self.material("laces"))
        if p["pair"]:
            gap = W * 0.62
            right = list(model.parts)
            pair = Model(self.id)
            for part in right:
                m = part.mesh.transformed(part.transform) if part.transform is not None else part.mesh
                pair.add(f"right_{part.name}", m.translated((gap, 0, 0)), part.material)
                mirrored = m.transformed(np.diag([-1.0, 1.0, 1.0, 1.0]))
                pair.add(f"left_{part.name}", mirrored.translated((-gap, 0, 0)), part.material)
            return pair
        return model
