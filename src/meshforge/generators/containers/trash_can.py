"""Trash can: a round or square bin as a pedal bin (hinged lid, foot pedal, base ring), a swing-top bin (domed
hood with a swinging flap) or an open wastebasket, with an optional bin bag folded over the rim.

Default: a 30 litre round stainless-steel pedal bin, 30 cm across and 65 cm tall, lid closed.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._vessel import offset_curve, shell_profile
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry import transform as tf
from meshforge.geometry.mesh import Mesh


@register
class TrashCanGenerator(Generator):
    id = "trash_can"
    name = "Trash can"
    family = "containers"
    synonyms = ("bin", "trash bin", "garbage can", "rubbish bin", "waste bin", "wastebasket", "waste basket",
                "pedal bin", "dustbin", "litter bin", "kitchen bin", "recycling bin", "swing bin", "garbage bin")
    description = (
        "A trash can: a round or square bin as a pedal bin with a hinged lid and foot pedal, a swing-top bin with "
        "a domed hood and flap, or an open wastebasket; optionally lined with a bin bag folded over the rim."
    )
    tags = ("containers", "interior", "office", "kitchen", "props", "gaming", "street")
    params = (
        Param("style", "choice", "pedal", choices=("pedal", "swing", "open"),
              description="pedal bin with hinged lid, swing-top bin, or open wastebasket",
              words=("pedal", "step", "swing top", "swing lid", "open", "wastebasket", "lidless", "with lid")),
        Param("shape", "choice", "round", choices=("round", "square"), description="round or square plan",
              words=("round", "cylindrical", "square", "rectangular")),
        Param("height", "float", 0.65, 0.25, 1.1, "m", description="overall height with a closed lid",
              words=("tall", "short", "large", "small"), sample_range=(0.45, 0.75)),
        Param("diameter", "float", 0.3, 0.18, 0.6, "m", description="width of the body",
              words=("wide", "narrow", "slim", "big"), sample_range=(0.26, 0.36)),
        Param("taper", "float", 1.0, 0.75, 1.0, "ratio", description="bottom width / top width",
              words=("tapered", "straight"), sample_range=(0.85, 1.0)),
        Param("lid_open", "bool", False, description="hinged lid raised (pedal bins)",
              words=("open lid", "lid up", "lid closed"), p_true=0.3),
        Param("bag", "bool", False, description="bin bag folded over the rim", words=("bin bag", "liner", "bag"),
              p_true=0.4),
    )
    slots = (
        Slot("body", "stainless_steel", words=("body", "bin", "can", "lid"),
             choices=("stainless_steel", "brushed_aluminium", "painted_metal", "plastic", "black_metal"),
             colors=(), description="body and lid"),
        Slot("trim", "plastic", color="#1F1F1F", words=("trim", "pedal", "base", "flap", "hinge"),
             description="pedal, base ring, hinge and flap"),
        Slot("bag", "plastic", color="#202020", words=("bag", "liner", "bin bag"),
             colors=("#202020", "#3C6E47", "#2F4A6D", "#D8D8D8"), description="bin bag"),
    )
    size = SizeEnvelope(min=(0.18, 0.25, 0.18), max=(0.68, 1.4, 0.78))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        style, square = p["style"], p["shape"] == "square"
        W, H = p["diameter"], p["height"]
        R = W / 2
        lid_h = {"pedal": 0.035 + 0.03 * W, "swing": 0.25 * H, "open": 0.0}[style]
        Hb = H - lid_h
        wall = 0.0015 if style != "open" else 0.002
        rb = R * p["taper"]
        body_mat, trim = self.material("body"), self.material("trim")
        if square:
            body = self._square_shell(W, W * 0.8, Hb, wall, p["taper"])
        else:
            outer = np.array([(0.0, 0.0), (rb - 0.006, 0.0), (rb, 0.006), (R, Hb - 0.003)])
            body = prim.lathe(shell_profile(outer, wall, floor=0.01), segments=64, crease_deg=40.0)
        model.add("body", body, body_mat)
        depth = W * 0.8 if square else W
        if style == "pedal":
            band = self._band(square, rb, W * p["taper"], depth * p["taper"], 0.035)
            model.add("base_ring", band, trim)
            pedal = prim.box((min(0.12, W * 0.4), 0.012, 0.06), bevel=0.004).translated(
                (0, 0.022, depth * p["taper"] / 2 + 0.022))
            model.add("pedal", pedal, trim)
            hinge = prim.box((min(0.1, W * 0.35), 0.03, 0.018), bevel=0.004).translated((0, Hb - 0.008, -depth / 2 - 0.006))
            model.add("hinge", hinge, trim)
            lid = self._lid(square, R, W, depth, lid_h)
            if p["lid_open"]:
                lid = tf.rotate(lid, "x", -75.0, about=(0.0, 0.0, -depth / 2 - 0.004))
            model.add("lid", lid.translated((0, Hb, 0)), body_mat)
        elif style == "swing":
            hood = self._hood(square, R, W, depth, lid_h)
            model.add("lid", hood.translated((0, Hb - 0.02, 0)), body_mat)
            # the swinging flap: a thin patch of the hood's own surface, proud of it by a few millimetres
            fw = min(0.2, W * 0.55)
            skin = tf.scale(hood, (1 + 0.008 / R, 1 + 0.004 / lid_h, 1 + 0.008 / R))
            window = prim.box((fw, lid_h * 0.45, depth)).translated((0, lid_h * 0.42, depth / 2))
            flap = csg.difference(csg.intersection(skin, window), hood, crease_deg=50.0)
            model.add("flap", flap.translated((0, Hb - 0.02, 0)), trim)
        if p["bag"]:
            model.add("bag", self._bag(square, R, W, depth, Hb, wall), self.material("bag"))
        return model

    @staticmethod
    def _square_shell(W: float, D: float, H: float, wall: float, taper: float) -> Mesh:
        r = min(W, D) * 0.12
        outer = prim.extrude(prim.rounded_rectangle(W, D, r, 6), H, bevel=0.004, crease_deg=40.0)
        if taper < 1.0:
            v = outer.vertices.copy()
            s = taper + (1 - taper) * v[:, 1] / H
            v[:, 0] *= s
            v[:, 2] *= s
            outer = Mesh(v, outer.faces, None, outer.uvs, outer.uv_mode).with_normals(40.0)
        inner = prim.extrude(prim.rounded_rectangle(W - 2 * wall - 0.002, D - 2 * wall - 0.002, r - wall, 6), H)
        if taper < 1.0:
            v = inner.vertices.copy()
            s = taper + (1 - taper) * v[:, 1] / H
            v[:, 0] *= s
            v[:, 2] *= s
            inner = Mesh(v, inner.faces, None, inner.uvs, inner.uv_mode).with_normals(40.0)
        return csg.difference(outer, inner.translated((0, 0.01, 0)), crease_deg=40.0)

    @staticmethod
    def _band(square: bool, rb: float, w: float, d: float, h: float) -> Mesh:
        if square:
            return prim.extrude(prim.rounded_rectangle(w + 0.008, d + 0.008, min(w, d) * 0.12 + 0.004, 6), h,
                                bevel=0.004, crease_deg=40.0)
        return prim.cylinder(rb + 0.004, h, segments=64, bevel=0.004)

    @staticmethod
    def _lid(square: bool, R: float, W: float, D: float, h: float) -> Mesh:
        if square:
            return prim.extrude(prim.rounded_rectangle(W + 0.006, D + 0.006, min(W, D) * 0.12 + 0.003, 6), h,
                                bevel=min(0.012, h * 0.4), crease_deg=40.0)
        prof = [(0.0, 0.0), (R + 0.003, 0.0), (R + 0.004, h * 0.35), (R * 0.85, h * 0.85), (R * 0.4, h), (0.0, h)]
        return prim.lathe(prof, segments=64, crease_deg=40.0)

    @staticmethod
    def _hood(square: bool, R: float, W: float, D: float, h: float) -> Mesh:
        if square:
            r = min(W, D) * 0.12 + 0.003
            return prim.extrude(prim.rounded_rectangle(W + 0.006, D + 0.006, r, 6), h,
                                bevel=min(0.85 * r, h * 0.4), bevel_segments=5, crease_deg=50.0)
        t = np.linspace(0.0, np.pi / 2, 14)
        dome = np.stack([(R + 0.003) * np.cos(t), 0.03 + (h - 0.03) * np.sin(t)], axis=1)
        prof = np.vstack([[(0.0, 0.0), (R + 0.003, 0.0)], dome[:-1], [(0.0, h)]])
        return prim.lathe(prof, segments=64, crease_deg=50.0)

    @staticmethod
    def _bag(square: bool, R: float, W: float, D: float, Hb: float, wall: float) -> Mesh:
        """A thin liner folded over the rim: in along the inner wall, over the top, down the outside."""
        r_in = R - wall - 0.002
        curve = np.array([(r_in, Hb - 0.12), (r_in, Hb - 0.01), (r_in + 0.002, Hb + 0.002),
                          (R + 0.0015, Hb + 0.004), (R + 0.004, Hb - 0.004), (R + 0.004, Hb - 0.07)])
        t = 0.0012
        band = np.vstack([curve, offset_curve(curve, t)[::-1]])
        if not square:
            return prim.lathe(band, segments=64, closed=True, crease_deg=50.0)
        # square bins: sweep the same section round the rim outline (mitred at the rounded corners)
        r = min(W, D) * 0.12
        out = prim.rounded_rectangle(W, D, r, 6)
        c = np.linalg.norm(out, axis=1, keepdims=True)
        dirs = out / c
        rings = []
        for k in range(len(out)):
            off = band[:, 0] - R
            rings.append(np.stack([out[k, 0] + dirs[k, 0] * off, band[:, 1], out[k, 1] + dirs[k, 1] * off], axis=1))
        return prim.loft(rings, closed=True, crease_deg=50.0)
