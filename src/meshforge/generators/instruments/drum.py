"""Drum: a snare drum (shallow shell on a tripod stand, snare-side up) or a kick (bass) drum lying on its
side on two spurs, with a wrapped shell, white batter heads, metal hoops, N tension lugs with rods, and
on the kick a resonant head with a port hole.

Default: a 14 x 5.5 inch snare drum with 10 lugs on a stand. Kick default when chosen: 22 x 18 inch.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh, concatenate
from meshforge.geometry.transform import rotation, translation

INCH = 0.0254


def drum_parts(r: float, depth: float, lugs: int) -> dict[str, Mesh]:
    """Shell, heads, hoops and lugs of a drum standing on its axis (+Y), bottom head at y = 0."""
    hoop_h = 0.012
    shell = prim.lathe([(r * 0.97, hoop_h * 0.5), (r, hoop_h * 0.5), (r, depth - hoop_h * 0.5),
                        (r * 0.97, depth - hoop_h * 0.5)], segments=64, closed=True)
    heads = concatenate([prim.cylinder(r * 0.995, 0.002, segments=64).translated((0, y, 0))
                         for y in (hoop_h * 0.3, depth - hoop_h * 0.3 - 0.002)])
    hoop = prim.lathe([(r * 0.99, 0), (r + 0.006, 0), (r + 0.006, hoop_h), (r * 0.99, hoop_h)], segments=64,
                      closed=True)
    hoops = concatenate([hoop.translated((0, -0.001, 0)), hoop.translated((0, depth - hoop_h + 0.001, 0))])
    lug_parts = []
    lug_h = min(depth * 0.35, 0.06)
    for i in range(lugs):
        a = 2 * np.pi * (i + 0.5) / lugs
        c, s = np.cos(a), np.sin(a)
        lug = prim.capsule(0.009, lug_h, segments=12).transformed(np.diag([1.0, 1.0, 0.8, 1.0]))
        lug_parts.append(lug.translated((c * (r + 0.008), depth / 2 - lug_h / 2, s * (r + 0.008))))
        for y0, y1 in ((hoop_h * 0.5, depth / 2 - lug_h / 2 + 0.004), (depth / 2 + lug_h / 2 - 0.004, depth - hoop_h * 0.5)):
            lug_parts.append(prim.cylinder_between((c * (r + 0.009), y0, s * (r + 0.009)),
                                                   (c * (r + 0.009), y1, s * (r + 0.009)), 0.0025, segments=8))
    return {"shell": shell, "heads": heads, "hoops": hoops, "lugs": csg.union(*lug_parts)}


@register
class DrumGenerator(Generator):
    id = "drum"
    name = "Drum"
    family = "instruments"
    synonyms = ("snare drum", "snare", "kick drum", "bass drum", "tom", "tom-tom", "floor tom", "percussion drum")
    description = (
        "A drum: a snare on a tripod stand or a kick (bass) drum lying on its side on spurs; wrapped shell, white "
        "heads, chrome hoops, tension lugs and rods; a resonant head with a port hole on the kick."
    )
    tags = ("instruments", "music", "interior", "gaming", "props")
    params = (
        Param("style", "choice", "snare", choices=("snare", "kick"), description="snare or kick (bass) drum",
              words=("snare", "kick", "bass drum", "tom")),
        Param("diameter", "float", 14.0, 8.0, 26.0, "count", description="head diameter in inches (14 snare, 22 kick)",
              words=("14 inch", "22 inch", "big", "small"), sample_range=(13.0, 14.0)),
        Param("depth", "float", 5.5, 3.0, 20.0, "count", description="shell depth in inches (5.5 snare, 18 kick)",
              words=("deep", "shallow", "piccolo"), sample_range=(5.0, 6.5)),
        Param("lugs", "int", 10, 4, 20, "count", description="tension lugs per side", words=("lugs", "ten lugs"),
              sample_range=(8, 10)),
        Param("stand", "bool", True, description="snare stand (snare only)", words=("on a stand", "stand"), p_true=0.8),
    )
    slots = (
        Slot("shell", "glossy_plastic", color="#8C1C1C", words=("shell", "wrap", "drum", "body", "finish"),
             choices=("glossy_plastic", "maple", "walnut", "brushed_aluminium", "painted_wood"),
             colors=("#8C1C1C", "#1C1C1C", "#1F3A68", "#E8E4DA", "#2E6B4A", "#C9A227"), description="shell"),
        Slot("heads", "matte_plastic", color="#F1EFE8", words=("heads", "skin", "drumhead", "head"),
             colors=("#F1EFE8", "#D9D2C0"), description="drum heads"),
        Slot("hardware", "chrome", words=("hoops", "lugs", "hardware", "stand", "chrome"),
             choices=("chrome", "black_metal", "brass"), description="hoops, lugs, stand"),
    )
    size = SizeEnvelope(min=(0.2, 0.07, 0.2), max=(0.95, 1.15, 0.95))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        kick = p["style"] == "kick"
        diam = p["diameter"] if not kick else max(p["diameter"], 16.0)
        depth_in = p["depth"] if not kick else max(p["depth"], 12.0)
        r = diam * INCH / 2
        depth = depth_in * INCH
        parts = drum_parts(r, depth, p["lugs"])
        hw = self.material("hardware")
        if kick:
            # lie on its side: axis along Z, resting on the hoops plus two spurs at the front
            lay = translation((0, r + 0.006, -depth / 2)) @ rotation("x", 90.0)
            port = prim.cylinder(r * 0.2, 0.02, segments=32).translated((r * 0.4, depth - 0.02, r * 0.3))
            parts["heads"] = csg.difference(parts["heads"], port)
            for name, mat in (("shell", "shell"), ("heads", "heads"), ("hoops", None), ("lugs", None)):
                model.add(name, parts[name].transformed(lay), self.material(mat) if mat else hw)
            spurs = []
            for sx in (-1, 1):
                top = np.array([sx * r * 0.75, r * 0.7, depth * 0.2])
                spurs.append(prim.cylinder_between(top, (sx * (r + 0.12), 0.006, depth * 0.3), 0.007, segments=10))
                spurs.append(prim.sphere(0.012, segments=12).translated((sx * (r + 0.12), 0.012, depth * 0.3)))
            model.add("spurs", csg.union(*spurs), hw)
            return model
        lift = 0.0
        if p["stand"]:
            lift = 0.55
            legs = []
            hub = np.array([0.0, 0.22, 0.0])
            for i in range(3):
                a = 2 * np.pi * i / 3 + np.pi / 6
                foot = np.array([np.cos(a) * 0.3, 0.01, np.sin(a) * 0.3])
                legs.append(prim.cylinder_between(hub, foot, 0.008, segments=10))
                legs.append(prim.sphere(0.013, segments=12).translated(foot + np.array([0.0, 0.003, 0.0])))
                arm_end = np.array([np.cos(a + np.pi / 3) * r * 0.8, lift - 0.005, np.sin(a + np.pi / 3) * r * 0.8])
                legs.append(prim.cylinder_between((0, lift - 0.06, 0), arm_end, 0.005, segments=8))
            legs.append(prim.cylinder((0.012), lift - 0.02, segments=12).translated((0, 0.1, 0)))
            model.add("stand", csg.union(*legs), hw)
        for name, mat in (("shell", "shell"), ("heads", "heads"), ("hoops", None), ("lugs", None)):
            model.add(name, parts[name].translated((0, lift, 0)), self.material(mat) if mat else hw)
        return model
