"""Loudspeaker: a bookshelf or floor-standing box speaker (wooden cabinet, one to three woofer cones
with rubber surrounds, a dome tweeter, a bass-reflex port, optional fabric grille and feet) or a
portable cylindrical Bluetooth speaker with fabric wrap and end caps.

Default: a bookshelf speaker 18 x 30 x 25 cm with one 5-inch woofer and a 1-inch tweeter. The
drivers face +Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh, concatenate
from meshforge.geometry.transform import rotation

FACE = rotation("x", 90.0)  # lathe axis +Y -> +Z


def driver(radius: float) -> tuple[Mesh, Mesh]:
    """(cone + dust cap, surround + frame ring) of a woofer facing +Z, its front plane at z = 0."""
    cone = prim.lathe([(0, -radius * 0.35), (radius * 0.3, -radius * 0.3), (radius * 0.82, -radius * 0.06),
                       (radius * 0.82, 0.0), (radius * 0.3, -radius * 0.24), (radius * 0.22, -radius * 0.18),
                       (0, -radius * 0.1)], segments=40).transformed(FACE)
    surround = prim.torus(radius * 0.9, radius * 0.065, segments=40, tube_segments=10).transformed(
        rotation("x", 90.0)).translated((0, 0, -radius * 0.035))
    frame = prim.lathe([(radius * 0.975, -radius * 0.05), (radius * 1.1, -radius * 0.05), (radius * 1.1, radius * 0.02),
                        (radius * 0.975, radius * 0.02)], segments=40, closed=True).transformed(FACE)
    ring = concatenate([surround, frame])  # disjoint: the roll ends just inside the frame
    return cone, ring


@register
class SpeakerGenerator(Generator):
    id = "speaker"
    name = "Speaker"
    family = "electronics"
    synonyms = ("loudspeaker", "bookshelf speaker", "floor standing speaker", "tower speaker", "hifi speaker",
                "bluetooth speaker", "portable speaker", "studio monitor", "speaker box", "subwoofer")
    description = (
        "A loudspeaker: wooden bookshelf or floor-standing cabinet with woofer cones, rubber surrounds, a dome tweeter, "
        "bass port, optional fabric grille and feet; or a cylindrical portable Bluetooth speaker."
    )
    tags = ("electronics", "product", "music", "interior", "gaming")
    params = (
        Param("style", "choice", "bookshelf", choices=("bookshelf", "floorstanding", "portable"),
              description="kind of speaker", words=("bookshelf", "floor standing", "tower", "portable", "bluetooth")),
        Param("woofers", "int", 1, 1, 3, "count", description="number of woofer cones (box speakers)",
              words=("two woofers", "three way"), sample_range=(1, 2)),
        Param("scale", "float", 1.0, 0.7, 1.4, "ratio", description="size relative to the style's usual",
              words=("big", "small", "compact"), sample_range=(0.85, 1.15)),
        Param("grille", "bool", False, description="a fabric grille over the front", words=("grille", "cloth cover"),
              p_true=0.3),
        Param("port", "bool", True, description="a round bass-reflex port", words=("ported", "bass port", "sealed"),
              p_true=0.6),
        Param("feet", "bool", True, description="feet or spikes under the cabinet", words=("feet", "spikes"),
              p_true=0.6),
    )
    slots = (
        Slot("cabinet", "walnut", words=("cabinet", "box", "body", "wood", "enclosure"),
             choices=("walnut", "oak", "painted_wood", "matte_plastic", "black_metal"), description="cabinet"),
        Slot("drivers", "matte_plastic", color="#1C1C1C", words=("drivers", "cones", "woofer", "tweeter"),
             colors=("#1C1C1C", "#C9A227", "#D8D8D8"), description="cones and domes"),
        Slot("trim", "rubber", color="#151515", words=("surround", "rings", "feet", "port"), description="surrounds, rings, port, feet"),
        Slot("grille", "fabric", color="#2A2A2A", words=("grille", "cloth", "fabric", "mesh"),
             colors=("#2A2A2A", "#6E6E6E", "#2D3A4A", "#8C7B66"), description="grille cloth / fabric wrap"),
    )
    size = SizeEnvelope(min=(0.1, 0.07, 0.06), max=(0.4, 1.45, 0.5))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        sc = p["scale"]
        if p["style"] == "portable":
            L, r = 0.2 * sc, 0.04 * sc
            body = prim.cylinder(r, L - 0.02 * sc, segments=48).transformed(rotation("z", -90.0)).translated(
                (-(L - 0.02 * sc) / 2, r, 0))
            caps = [prim.cylinder(r * 1.04, 0.012 * sc, segments=48, bevel=0.004 * sc).transformed(rotation("z", -90.0))
                    .translated((sx * (L / 2) - (0.012 * sc if sx > 0 else 0.0), r, 0)) for sx in (-1, 1)]
            model.add("body", body, self.material("grille"))
            model.add("end_caps", concatenate(caps), self.material("trim"))
            buttons = [prim.cylinder(0.005 * sc, 0.004, segments=16).translated((x * sc, 2 * r - 0.002, 0))
                       for x in (-0.02, 0.0, 0.02)]
            model.add("buttons", concatenate(buttons), self.material("drivers"))
            return model
        floor = p["style"] == "floorstanding"
        W, H, D = (0.18, 0.3, 0.25) if not floor else (0.22, 1.0, 0.3)
        W, H, D = W * sc, H * sc, D * sc
        foot_h = (0.012 if not floor else 0.03) * sc if p["feet"] else 0.0
        cab = prim.box((W, H, D), bevel=0.01 * sc).translated((0, foot_h + H / 2, 0))
        n = p["woofers"]
        wr = W * 0.36
        tr = W * 0.1
        zf = D / 2
        top = foot_h + H
        ys = [top - tr * 2.6]
        y = ys[0] - tr * 1.6 - wr * 1.2
        for _ in range(n):
            ys.append(y)
            y -= wr * 2.35
        cuts = []
        port_y = y + wr * 0.4
        if p["port"]:
            cuts.append(prim.cylinder(wr * 0.28, D * 0.6, segments=24).transformed(FACE).translated((0, max(port_y, foot_h + wr * 0.5), zf - D * 0.55)))
        for yy in ys[1:]:
            cuts.append(prim.cylinder(wr * 0.95, wr, segments=40).transformed(FACE).translated((0, yy, zf - wr * 0.5)))
        cab = csg.difference(cab, *cuts, crease_deg=40.0)
        model.add("cabinet", cab, self.material("cabinet"))
        cones, rings = [], []
        for yy in ys[1:]:
            c, rg = driver(wr)
            cones.append(c.translated((0, yy, zf)))
            rings.append(rg.translated((0, yy, zf)))
        dome = prim.sphere(tr * 0.55, segments=24).transformed(np.diag([1.0, 1.0, 0.6, 1.0])).translated((0, ys[0], zf))
        tw_ring = prim.torus(tr * 0.75, tr * 0.22, segments=32, tube_segments=10).transformed(rotation("x", 90.0)).translated((0, ys[0], zf))
        cones.append(dome)
        rings.append(tw_ring)
        model.add("drivers", concatenate(cones), self.material("drivers"))
        trim = list(rings)
        if p["feet"]:
            for sx in (-1, 1):
                for sz in (-1, 1):
                    trim.append(prim.cone(0.012 * sc, foot_h + 0.002, 0.006 * sc, segments=16)
                                .transformed(np.diag([1.0, -1.0, 1.0, 1.0])).translated((sx * W * 0.36, foot_h + 0.002, sz * D * 0.36)))
        model.add("trim", concatenate(trim), self.material("trim"))
        if p["grille"]:
            g = prim.box((W - 0.008 * sc, H - 0.008 * sc, 0.012), bevel=0.004).translated((0, foot_h + H / 2, zf + 0.018 * sc + 0.006))
            model.add("grille", g, self.material("grille"))
        return model
