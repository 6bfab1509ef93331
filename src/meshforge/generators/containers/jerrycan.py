"""Jerrycan: a flat, upright fuel/water can with rounded edges, the pressed X stiffening ribs on both big faces,
a triple carrying handle on top and a spout at the front corner with a screw cap or a long pouring nozzle.

Default: a 20 litre NATO-style steel jerrycan, 47 x 34.5 x 16.5 cm, olive green.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._shapes import tube
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry import transform as tf


@register
class JerrycanGenerator(Generator):
    id = "jerrycan"
    name = "Jerrycan"
    family = "containers"
    synonyms = ("jerry can", "gas can", "fuel can", "petrol can", "gasoline can", "jerrican", "water can",
                "fuel canister", "diesel can", "nato can", "jeep can")
    description = (
        "A jerrycan: a flat upright can with rounded edges, the pressed X ribs on both sides, a triple carrying "
        "handle on top and a spout at the front corner, closed with a cap or fitted with a long pouring nozzle; "
        "steel or plastic."
    )
    tags = ("containers", "props", "gaming", "military", "vehicles", "exterior")
    params = (
        Param("height", "float", 0.47, 0.2, 0.7, "m", description="height of the body",
              words=("tall", "small", "large", "big"), sample_range=(0.4, 0.5)),
        Param("width", "float", 0.345, 0.15, 0.5, "m", description="width of the broad side",
              words=("wide", "narrow"), sample_range=(0.3, 0.36)),
        Param("depth", "float", 0.165, 0.08, 0.25, "m", description="thickness of the can",
              words=("thick", "slim", "flat"), sample_range=(0.14, 0.18)),
        Param("ribs", "bool", True, description="pressed X ribs on the sides", words=("x ribs", "embossed", "plain"),
              p_true=0.8),
        Param("spout", "choice", "cap", choices=("cap", "nozzle"), description="capped spout or long pouring nozzle",
              words=("cap", "capped", "nozzle", "pouring spout", "flexible spout")),
        Param("handles", "int", 3, 1, 3, "count", description="number of carrying handle openings",
              words=("one handle", "three handles", "triple handle"), sample_range=(1, 3)),
    )
    slots = (
        Slot("body", "painted_metal", color="#4B5320", words=("body", "can", "paint"),
             choices=("painted_metal", "plastic", "rusty_iron"),
             colors=("#4B5320", "#B03A2E", "#2F4A2D", "#1F3A68", "#D4A017"), description="body and handle"),
        Slot("cap", "black_metal", words=("cap", "spout", "nozzle", "lid"), choices=("black_metal", "plastic", "brass"),
             description="cap or nozzle"),
    )
    size = SizeEnvelope(min=(0.15, 0.22, 0.08), max=(0.75, 0.9, 0.26))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        H, W, D = p["height"], p["width"], p["depth"]
        body = prim.box((W, H, D), bevel=min(0.025, D * 0.2), bevel_segments=4).translated((0, H / 2, 0))
        pieces = [body]
        if p["ribs"]:
            m = 0.06 * H
            dx, dy = W - 2 * m - 0.02, H - 2 * m - 0.05
            length = float(np.hypot(dx, dy))
            ang = float(np.degrees(np.arctan2(dy, dx)))
            for s in (-1, 1):
                for sign in (-1, 1):
                    rib = prim.box((length, 0.028, 0.008), bevel=0.003, bevel_segments=2)
                    rib = tf.rotate(rib, "z", sign * ang).translated((0, H / 2 - 0.01, s * (D / 2 - 0.001)))
                    pieces.append(rib)
            # a raised rim frame round each face, as pressed into steel cans
            for s in (-1, 1):
                outer = prim.rounded_rectangle(W - 2 * m + 0.02, H - 2 * m, 0.03, 4)
                inner = prim.rounded_rectangle(W - 2 * m - 0.01, H - 2 * m - 0.03, 0.02, 4)
                frame = prim.extrude(outer, 0.006, holes=[inner], crease_deg=40.0)
                frame = tf.rotate(frame, "x", 90.0).translated((0, H / 2 - 0.01, s * (D / 2 - 0.003) + (s < 0) * 0.006))
                pieces.append(frame)
        # carrying handle: a bar on posts over the top, offset away from the spout
        n = p["handles"]
        opening = 0.1 if n > 1 else 0.12
        post_w = 0.016
        span = n * opening + (n + 1) * post_w
        x0 = -0.04 * W / 0.345
        bar_y = H + 0.045
        pieces.append(prim.box((span, 0.016, 0.024), bevel=0.006).translated((x0, bar_y, 0)))
        for i in range(n + 1):
            x = x0 - span / 2 + post_w / 2 + i * (opening + post_w)
            pieces.append(prim.box((post_w, 0.06, 0.024), bevel=0.005).translated((x, H + 0.02, 0)))
        # spout neck at the front corner, leaning outward
        base = np.array([W / 2 - 0.055, H - 0.02, 0.0])
        direction = np.array([0.45, 0.9, 0.0])
        direction /= np.linalg.norm(direction)
        tip = base + direction * 0.06
        pieces.append(prim.cylinder_between(base, tip, 0.021, segments=24))
        model.add("body", csg.union(*pieces, crease_deg=40.0), self.material("body"))
        if p["spout"] == "cap":
            cap = prim.cylinder(0.027, 0.028, segments=24, bevel=0.004)
            m4 = np.eye(4)
            m4[:3, :3] = prim.align_y_to(direction)
            m4[:3, 3] = tip - direction * 0.006
            model.add("cap", cap.transformed(m4), self.material("cap"))
        else:
            t = np.linspace(0.0, 1.0, 20)
            path = (tip - direction * 0.01)[None, :] + np.outer(t, direction) * 0.2 + np.outer(t**2, [0.06, -0.1, 0.0])
            collar = prim.cylinder(0.028, 0.03, segments=24, bevel=0.004)
            m4 = np.eye(4)
            m4[:3, :3] = prim.align_y_to(direction)
            m4[:3, 3] = tip - direction * 0.008
            nozzle = csg.union(collar.transformed(m4), tube(path, 0.013, scales=np.linspace(1.0, 0.6, len(t))))
            model.add("nozzle", nozzle, self.material("cap"))
        return model
