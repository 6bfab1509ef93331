"""Fence: one straight segment of fence: square posts with pyramid caps joined by rails, faced with pointed
pickets, close-set boards, or left open as a ranch rail fence.

Default: a 2.4 m long, 1.0 m tall white picket fence with 12 pickets on two rails between two posts.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import block, merge, prism_z, turned
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim


@register
class FenceGenerator(Generator):
    id = "fence"
    name = "Fence"
    family = "props"
    synonyms = ("picket fence", "fence segment", "wooden fence", "garden fence", "rail fence", "ranch fence",
                "paling", "palisade", "board fence", "privacy fence", "fence panel", "white picket fence")
    description = (
        "A straight fence segment: square posts with pyramid caps, horizontal rails between them and a row "
        "of pointed pickets (or close-set flat boards, or no infill for a ranch rail fence); the count of "
        "pickets, posts and rails can be set; garden, farm and level-dressing prop."
    )
    tags = ("gaming", "props", "outdoor", "garden", "architecture", "farm")
    params = (
        Param("style", "choice", "picket", choices=("picket", "board", "rail"), description="what fills the fence",
              words=("picket", "pointed pickets", "boards", "privacy", "rail", "ranch", "split rail")),
        Param("length", "float", 2.4, 0.8, 6.0, "m", description="length of the segment",
              words=("long", "short"), sample_range=(1.8, 3.0)),
        Param("height", "float", 1.0, 0.4, 2.2, "m", description="height of the posts",
              words=("tall", "low", "high"), sample_range=(0.8, 1.3)),
        Param("pickets", "int", 12, 2, 60, "count", description="number of pickets or boards",
              words=("12 pickets", "8 pickets", "boards", "slats"), sample_range=(8, 18)),
        Param("posts", "int", 2, 2, 8, "count", description="number of posts (ends included)",
              words=("two posts", "three posts"), sample_range=(2, 3)),
        Param("rails", "int", 2, 1, 5, "count", description="number of horizontal rails",
              words=("two rails", "three rails"), sample_range=(2, 3)),
    )
    slots = (
        Slot("boards", "painted_wood", color="#F1EFE8", words=("pickets", "boards", "slats", "fence", "paint"),
             choices=("painted_wood", "pine", "weathered_wood", "oak"), description="pickets and rails"),
        Slot("posts", "painted_wood", color="#F1EFE8", words=("posts", "post"),
             choices=("painted_wood", "weathered_wood", "oak", "pine"), description="posts"),
    )
    size = SizeEnvelope(min=(0.8, 0.4, 0.08), max=(6.2, 2.35, 0.3))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L, H = p["length"], p["height"]
        pw = 0.09 if H < 1.6 else 0.11
        boards = self.material("boards")
        xs = np.linspace(-L / 2 + pw / 2, L / 2 - pw / 2, p["posts"])
        cap_h = pw * 0.5
        posts = []
        for x in xs:
            post = block((pw, H - cap_h + 0.001, pw), (x, (H - cap_h) / 2, 0), bevel=0.004)
            cap = turned(prim.cone(pw * 0.72, cap_h, segments=4), "y", 45.0).translated((x, H - cap_h, 0))
            posts.append(csg.union(post, cap))
        model.add("posts", merge(posts), self.material("posts"))

        style = p["style"]
        n_r = p["rails"]
        top_rail = H * (0.78 if style != "rail" else 0.85)
        ys = np.linspace(H * 0.2, top_rail, n_r) if n_r > 1 else np.array([H * 0.5])
        if style == "rail":
            r = pw * 0.32
            rails = [turned(prim.cylinder(r, L - 0.01, segments=14), "z", -90.0).translated((-L / 2 + 0.005, y, 0))
                     .transformed(np.diag([1.0, 1.0, 0.8, 1.0])) for y in ys]
            model.add("rails", merge(rails), boards)
            return model
        rh, rt = 0.07, 0.035
        rails = [block((L - 0.01, rh, rt), (0, y, 0), bevel=0.004) for y in ys]
        model.add("rails", merge(rails), boards)

        n = p["pickets"]
        t = 0.02
        z = rt / 2 + t / 2
        bottom = 0.06
        top = H - 0.02 if style == "picket" else H - cap_h - 0.02
        span = L - pw * 0.5
        w = span / n - 0.008 if style == "board" else min(0.09, span / n * 0.6)
        centres = np.linspace(-span / 2 + w / 2, span / 2 - w / 2, n)
        pickets = []
        for x in centres:
            if style == "picket":
                tip = w * 0.6
                outline = [(-w / 2, bottom), (w / 2, bottom), (w / 2, top - tip), (0, top), (-w / 2, top - tip)]
            else:
                outline = [(-w / 2, bottom), (w / 2, bottom), (w / 2, top), (-w / 2, top)]
            pickets.append(prism_z(np.asarray(outline) + np.array([x, 0.0]), z - t / 2, z + t / 2, bevel=0.003))
        model.add("pickets", merge(pickets), boards)
        return model
