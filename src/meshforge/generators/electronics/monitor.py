"""Computer monitor: a thin panel with a bezel and a dark glossy screen, a rear housing bulge, on a
stand (neck and foot) with an adjustable height, optionally curved.

Default: a 27-inch 16:9 monitor (59.8 x 33.6 cm screen), 8 mm bezel, 12 cm stand lift, flat. The
screen faces +Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.electronics._screen import screen_size, upright_slab
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.transform import rotation


def arc_slab(width: float, height: float, depth: float, radius: float, corner: float, n: int = 24) -> Mesh:
    """A slab like :func:`upright_slab` bent around a vertical axis ``radius`` in front of it (edges toward +Z)."""
    prof = prim.rounded_rectangle(depth, height, min(corner, depth * 0.45), segments=3)  # (u = z, v = y)
    rings = []
    for s_ in np.linspace(-width / 2, width / 2, n + 1):
        a = s_ / radius
        cx, cz = radius * np.sin(a), radius * (1 - np.cos(a))
        u, v = prof[:, 0], prof[:, 1] + height / 2
        rings.append(np.stack([cx - u * np.sin(a), v, cz + u * np.cos(a)], axis=1))
    return prim.loft(rings, crease_deg=40.0)


def panel(screen_w: float, screen_h: float, bezel: float, depth: float, curve_radius: float = 0.0,
          chin: float = 1.0) -> tuple[Mesh, Mesh]:
    """(housing, screen) of a display panel with its bottom edge at y = 0, screen face at z = depth/2."""
    W, H = screen_w + 2 * bezel, screen_h + bezel * (1 + chin)
    if curve_radius > 0:
        housing = arc_slab(W, H, depth, curve_radius, depth * 0.3)
        screen = arc_slab(screen_w, screen_h, 0.0012, curve_radius - depth / 2 - 0.0002, 0.0004)
        return housing, screen.translated((0, bezel * chin, depth / 2 + 0.0002))
    housing = upright_slab(W, H, depth, min(bezel, 0.01) + 0.002, bevel=depth * 0.2)
    screen = upright_slab(screen_w, screen_h, 0.0012, 0.001).translated((0, bezel * chin, depth / 2 - 0.0004))
    return housing, screen


@register
class MonitorGenerator(Generator):
    id = "monitor"
    name = "Monitor"
    family = "electronics"
    synonyms = ("computer monitor", "screen", "display", "computer screen", "pc monitor", "lcd monitor",
                "gaming monitor", "ultrawide")
    description = (
        "A computer monitor: thin bezel panel with a dark glossy screen and a rear housing, optionally curved, on a "
        "neck-and-foot stand of adjustable height; sized by diagonal in inches and aspect ratio."
    )
    tags = ("electronics", "product", "office", "interior", "gaming")
    params = (
        Param("screen_diagonal", "float", 27.0, 17.0, 49.0, "count", description="screen diagonal in inches (27)",
              words=("24 inch", "27 inch", "32 inch", "big", "small"), sample_range=(22.0, 32.0)),
        Param("aspect", "choice", "16:9", choices=("16:9", "16:10", "21:9", "4:3"), description="aspect ratio",
              words=("widescreen", "ultrawide", "4:3", "16:10")),
        Param("curved", "bool", False, description="curved panel (1800R)", words=("curved", "flat"), p_true=0.25),
        Param("bezel", "float", 0.008, 0.003, 0.03, "m", description="border around the screen (8 mm)",
              words=("thin bezels", "thick bezels", "old monitor"), sample_range=(0.005, 0.015)),
        Param("stand_height", "float", 0.12, 0.05, 0.2, "m", description="gap from the desk to the panel (12 cm)",
              words=("tall stand", "low"), sample_range=(0.08, 0.14)),
        Param("stand", "choice", "pedestal", choices=("pedestal", "v_foot"), description="stand foot shape",
              words=("round base", "v stand", "pedestal")),
    )
    slots = (
        Slot("body", "matte_plastic", color="#1E1F22", words=("monitor", "body", "bezel", "frame", "stand", "case"),
             choices=("matte_plastic", "glossy_plastic", "brushed_aluminium", "black_metal"),
             colors=("#1E1F22", "#D9D9D9", "#3A3D42"), description="housing and stand"),
        Slot("screen", "glossy_plastic", color="#0B0E12", words=("screen", "display"), description="screen"),
    )
    size = SizeEnvelope(min=(0.3, 0.3, 0.12), max=(1.25, 0.8, 0.45))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        aw, ah = (float(v) for v in p["aspect"].split(":"))
        sw, sh = screen_size(p["screen_diagonal"], aw / ah)
        bz = p["bezel"]
        depth = 0.012
        housing, screen = panel(sw, sh, bz, depth, 1.8 if p["curved"] else 0.0, chin=1.6)
        lift = p["stand_height"]
        body = self.material("body")
        back = upright_slab(sw * 0.55, sh * 0.6, 0.03, 0.03, bevel=0.01).translated((0, sh * 0.12, -depth / 2 - 0.012))
        model.add("panel", csg.union(housing, back).translated((0, lift, 0)), body)
        model.add("screen", screen.translated((0, lift, 0)), self.material("screen"))
        neck_h = lift + sh * 0.45
        neck = upright_slab(0.05, neck_h, 0.02, 0.008, bevel=0.004).translated((0, 0.005, -depth / 2 - 0.04))
        foot_d = max(0.2, sh * 0.55)
        if p["stand"] == "pedestal":
            foot = prim.extrude(prim.rounded_rectangle(max(0.22, sw * 0.4), foot_d, 0.05), 0.012, bevel=0.004)
            foot = foot.translated((0, 0, -depth / 2 - 0.04))
        else:
            arm = prim.box((0.04, 0.012, foot_d * 1.2), bevel=0.004)
            foot = csg.union(*[arm.translated((0, 0, foot_d * 0.45)).transformed(rotation("y", a))
                               .translated((0, 0.006, -depth / 2 - 0.04 - foot_d * 0.3)) for a in (-35.0, 35.0)])
        model.add("stand", csg.union(neck, foot), body)
        return model
