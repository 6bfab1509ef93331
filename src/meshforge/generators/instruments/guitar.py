"""Guitar: an acoustic (hollow dreadnought-style body with a sound hole and a pin bridge) or an electric
(thin solid body with a pickguard, pickups and knobs) guitar with a fretted neck, headstock, tuning
pegs and N strings. Lies on its back, top up.

Frets sit at the equal-temperament positions ``scale * (1 - 2^(-n/12))``. Default: a 6-string
acoustic, 1.03 m long, 650 mm scale, 20 frets. The headstock points to +Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh, concatenate


def body_solid(length: float, width: float, thickness: float, electric: bool) -> Mesh:
    """The body, tail at z = 0, neck joint toward z = ``length``: a lower and an upper bout (ellipses) whose
    union pinches into the waist; an electric body adds two cutaway horns."""
    r1 = width / 2
    r2 = r1 * (0.78 if not electric else 0.72)
    bevel = 0.004 if not electric else 0.006
    lobes = [(0.0, r1 * 1.04, r1, r1 * 1.04), (0.0, length - r2 * 1.05, r2, r2 * 1.05)]
    if electric:
        lobes[1] = (0.0, length * 0.62, r2, r2 * 0.9)
        lobes += [(-r1 * 0.55, length * 0.86, r1 * 0.2, length * 0.16), (r1 * 0.58, length * 0.8, r1 * 0.2, length * 0.13)]
    solids = []
    for cx, cz, rx, rz in lobes:
        outline = prim.circle(1.0, 48) * [rx, rz] + [cx, cz]
        solids.append(prim.extrude(outline, thickness, bevel=bevel, bevel_segments=3))
    return csg.union(*solids, crease_deg=40.0)


@register
class GuitarGenerator(Generator):
    id = "guitar"
    name = "Guitar"
    family = "instruments"
    synonyms = ("acoustic guitar", "electric guitar", "classical guitar", "bass guitar", "twelve string",
                "12-string guitar", "six string", "axe")
    description = (
        "A guitar: acoustic with a hollow waisted body, sound hole and bridge, or electric with a solid body, "
        "pickguard, pickups and knobs; fretted neck with equal-temperament frets, headstock with tuning pegs and "
        "4 to 12 strings; lying on its back."
    )
    tags = ("instruments", "music", "interior", "gaming", "props")
    params = (
        Param("style", "choice", "acoustic", choices=("acoustic", "electric"), description="kind of guitar",
              words=("acoustic", "electric", "classical", "solid body")),
        Param("strings", "int", 6, 4, 12, "count", description="number of strings (4 = bass, 12 = twelve-string)",
              words=("six strings", "twelve string", "bass", "four strings"), sample_range=(6, 6)),
        Param("scale_length", "float", 0.65, 0.55, 0.86, "m", description="nut to bridge (650 mm; bass 860 mm)",
              words=("short scale", "long scale", "baritone"), sample_range=(0.63, 0.66)),
        Param("frets", "int", 20, 12, 24, "count", description="number of frets", words=("frets", "24 frets"),
              sample_range=(19, 22)),
        Param("body_size", "float", 1.0, 0.8, 1.15, "ratio", description="body size relative to the style's usual",
              words=("jumbo", "parlor", "small body", "big body"), sample_range=(0.92, 1.06)),
    )
    slots = (
        Slot("body", "maple", words=("body", "top", "wood", "finish"),
             choices=("maple", "mahogany", "walnut", "painted_wood", "glossy_plastic"), description="body"),
        Slot("neck", "mahogany", words=("neck", "headstock", "fretboard"), choices=("mahogany", "maple", "walnut"),
             description="neck, fretboard and headstock"),
        Slot("metal", "chrome", words=("strings", "frets", "tuners", "metal", "hardware"),
             choices=("chrome", "brass", "gold", "steel"), description="strings, frets, tuners"),
        Slot("accent", "glossy_plastic", color="#141414", words=("pickguard", "sound hole", "bridge", "pickups", "knobs"),
             colors=("#141414", "#F2EFE6", "#7A1F1F"), description="sound hole, bridge, pickguard, pickups"),
    )
    size = SizeEnvelope(min=(0.2, 0.04, 0.8), max=(0.5, 0.15, 1.35))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        electric = p["style"] == "electric"
        scale = p["scale_length"]
        bs = p["body_size"]
        BL, BW = (0.44, 0.33) if electric else (0.5, 0.39)
        BL, BW = BL * bs, BW * bs
        BT = 0.045 if electric else 0.1  # body thickness
        n_str = p["strings"]
        body = body_solid(BL, BW, BT, electric)
        top = BT
        bridge_z = BL * (0.22 if electric else 0.26)
        nut_z = bridge_z + scale
        neck_w0 = 0.043 + max(n_str - 6, 0) * 0.004 - max(6 - n_str, 0) * 0.002
        neck_w1 = neck_w0 + 0.012
        joint_z = BL * (0.8 if electric else 0.96)
        accents = []
        if not electric:
            hole_z = BL * 0.66
            body = csg.difference(body, prim.cylinder(BW * 0.13, 0.01, segments=48).translated((0, top - 0.003, hole_z)))
            accents.append(prim.cylinder(BW * 0.13, 0.0008, segments=48).translated((0, top - 0.0035, hole_z)))
            ring = prim.lathe([(BW * 0.135, top - 0.0002), (BW * 0.16, top - 0.0002), (BW * 0.16, top + 0.0006),
                               (BW * 0.135, top + 0.0006)], segments=48, closed=True).translated((0, 0, hole_z))
            accents.append(ring)
            accents.append(prim.box((0.16 * bs, 0.008, 0.03), bevel=0.003).translated((0, top + 0.004, bridge_z)))
        else:
            guard = prim.extrude(np.array([(-BW * 0.12, BL * 0.3), (BW * 0.16, BL * 0.28), (BW * 0.3, BL * 0.42),
                                           (BW * 0.22, BL * 0.66), (BW * 0.08, BL * 0.76), (-BW * 0.1, BL * 0.76),
                                           (-BW * 0.18, BL * 0.55)]), 0.002)
            accents.append(guard.translated((0, top - 0.0005, 0)))
            for z in (bridge_z + 0.04, bridge_z + 0.14):
                accents.append(prim.box((0.07, 0.012, 0.02), bevel=0.003).translated((0, top + 0.006, z)))
            accents.append(prim.box((0.08, 0.01, 0.03), bevel=0.003).translated((0, top + 0.005, bridge_z)))
            for i in range(3):
                accents.append(prim.cylinder(0.009, 0.014, segments=20, bevel=0.002).translated(
                    (BW * 0.28 - i * 0.012, top - 0.001, BL * 0.22 - i * 0.035)))
        model.add("body", body, self.material("body"))
        model.add("details", csg.union(*accents) if len(accents) > 1 else accents[0], self.material("accent"))
        # neck: a tapered bar from the body joint to the nut, fretboard on top, headstock past the nut
        neck_t = 0.022
        fb_t = 0.006
        neck_top = top + 0.004
        neck = prim.loft([
            np.array([(-neck_w1 / 2, neck_top - neck_t, joint_z - 0.05), (neck_w1 / 2, neck_top - neck_t, joint_z - 0.05),
                      (neck_w1 / 2, neck_top, joint_z - 0.05), (-neck_w1 / 2, neck_top, joint_z - 0.05)]),
            np.array([(-neck_w0 / 2, neck_top - neck_t, nut_z), (neck_w0 / 2, neck_top - neck_t, nut_z),
                      (neck_w0 / 2, neck_top, nut_z), (-neck_w0 / 2, neck_top, nut_z)])])
        head_l = 0.19 if not electric else 0.17
        head = prim.box((neck_w0 * 1.9, 0.014, head_l), bevel=0.006).translated((0, neck_top - 0.012, nut_z + head_l / 2))
        fboard = prim.loft([
            np.array([(-neck_w1 / 2, neck_top, joint_z - 0.05), (neck_w1 / 2, neck_top, joint_z - 0.05),
                      (neck_w1 / 2, neck_top + fb_t, joint_z - 0.05), (-neck_w1 / 2, neck_top + fb_t, joint_z - 0.05)]),
            np.array([(-neck_w0 / 2, neck_top, nut_z), (neck_w0 / 2, neck_top, nut_z),
                      (neck_w0 / 2, neck_top + fb_t, nut_z), (-neck_w0 / 2, neck_top + fb_t, nut_z)])])
        model.add("neck", csg.union(neck, head, fboard, crease_deg=40.0), self.material("neck"))
        metal = []
        fb_top = neck_top + fb_t
        for k in range(1, p["frets"] + 1):
            z = nut_z - scale * (1 - 2 ** (-k / 12))
            if z < joint_z - 0.05 - (BL * 0.3 if electric else 0.0):
                break
            f = (nut_z - z) / (nut_z - (joint_z - 0.05))
            w = neck_w0 + (neck_w1 - neck_w0) * f
            metal.append(prim.box((w * 0.98, 0.0012, 0.0022)).translated((0, fb_top + 0.0004, z)))
        nut = prim.box((neck_w0, 0.004, 0.005)).translated((0, fb_top + 0.001, nut_z - 0.0025))
        metal.append(nut)
        # strings: nut to bridge, fanned slightly (each string, fret and tuner is a separate piece)
        strings, tuners = [], []
        sp0, sp1 = neck_w0 * 0.82, neck_w0 * 0.82 + 0.012
        bridge_y = top + 0.012
        for i in range(n_str):
            f = i / max(n_str - 1, 1) - 0.5
            r = 0.0004 + 0.0003 * (1 - (f + 0.5))
            strings.append(prim.cylinder_between((f * sp1, bridge_y, bridge_z), (f * sp0, fb_top + 0.003, nut_z), r,
                                                 segments=6))
        # tuners along both sides of the headstock
        per_side = (n_str + 1) // 2
        for i in range(n_str):
            side = -1 if i < per_side else 1
            j = i if side < 0 else i - per_side
            z = nut_z + 0.035 + j * (head_l - 0.05) / max(per_side - 1, 1)
            tuners.append(prim.cylinder_between((side * neck_w0 * 0.95, neck_top - 0.006, z),
                                               (side * (neck_w0 * 0.95 + 0.03), neck_top - 0.006, z), 0.004, segments=10))
        model.add("frets", concatenate(metal), self.material("metal"))
        model.add("strings", concatenate(strings), self.material("metal"))
        model.add("tuners", concatenate(tuners), self.material("metal"))
        return model
