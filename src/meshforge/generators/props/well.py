"""Well: a round wishing well: a ring wall of staggered stone blocks with a coping, water inside, two
timber posts carrying a small gabled roof, a windlass with a crank, a rope and a bucket.

Default: 1.4 m across, a 0.8 m stone wall, 2.6 m to the roof ridge.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import block, merge, prism_x, turned
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh


@register
class WellGenerator(Generator):
    id = "well"
    name = "Well"
    family = "props"
    synonyms = ("wishing well", "water well", "stone well", "village well", "draw well", "medieval well",
                "well house")
    description = (
        "A round stone wishing well: staggered courses of stone blocks around a hollow shaft with water, a "
        "stone coping, two timber posts with a small gabled roof, a windlass axle with a crank handle, and a "
        "rope lowering a wooden bucket; village and fantasy prop."
    )
    tags = ("gaming", "props", "medieval", "village", "outdoor", "fantasy")
    params = (
        Param("radius", "float", 0.7, 0.4, 1.5, "m", description="outer radius of the stone ring",
              words=("wide", "large", "small", "narrow"), sample_range=(0.6, 0.85)),
        Param("wall_height", "float", 0.8, 0.4, 1.2, "m", description="height of the stone wall",
              words=("tall wall", "low wall"), sample_range=(0.7, 0.9)),
        Param("courses", "int", 5, 2, 10, "count", description="rows of stone blocks",
              words=("five courses", "rows of stones"), sample_range=(4, 6)),
        Param("roof", "bool", True, description="posts and a little gabled roof", words=("roofed", "with a roof",
              "open"), p_true=0.85),
        Param("roof_pitch", "float", 40.0, 20.0, 55.0, "deg", description="slope of the roof",
              words=("steep roof", "flat roof"), sample_range=(32.0, 48.0)),
        Param("bucket", "bool", True, description="rope and bucket on the windlass", words=("with a bucket",
              "bucket"), p_true=0.8),
    )
    slots = (
        Slot("stone", "stone", words=("stone", "stones", "wall", "ring", "masonry"),
             choices=("stone", "sandstone", "granite", "brick", "slate"), description="stone wall and coping"),
        Slot("wood", "weathered_wood", words=("wood", "posts", "beam", "bucket", "windlass"),
             choices=("weathered_wood", "oak", "pine", "walnut"), description="posts, windlass, bucket, rope"),
        Slot("roof", "slate", words=("roof", "shingles", "tiles"), choices=("slate", "weathered_wood",
             "terracotta"), description="roof"),
        Slot("water", "water", words=("water",), description="water in the shaft"),
    )
    size = SizeEnvelope(min=(0.8, 0.4, 0.8), max=(3.7, 3.6, 3.2))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R, H = p["radius"], p["wall_height"]
        t = min(0.28, R * 0.35)
        ri = R - t
        stone = self.material("stone")
        coping_h = 0.08
        # mortar core: a plain ring, slightly inside the stones, closing the gaps between them
        core = prim.lathe([(ri, 0.0), (R - 0.03, 0.0), (R - 0.03, H - coping_h + 0.01), (ri, H - coping_h + 0.01)],
                          segments=48, closed=True)
        model.add("wall_core", core, stone)
        n_c = p["courses"]
        ch = (H - coping_h) / n_c
        n_s = max(6, round(2 * np.pi * R / 0.32))
        blocks = []
        depth = t * 0.55
        for c in range(n_c):
            y0 = ch * c + 0.007
            off = 0.5 * (c % 2)
            for k in range(n_s):
                # an annular sector per stone: neighbours never touch, whatever the jitter
                a0 = 2 * np.pi * (k + off) / n_s + 0.012 / R + float(rng.uniform(0, 0.01))
                a1 = 2 * np.pi * (k + 1 + off) / n_s - 0.012 / R - float(rng.uniform(0, 0.01))
                ang = np.linspace(a0, a1, 5)
                r_out = R + float(rng.uniform(-0.008, 0.008))
                outline = np.vstack([np.stack([r_out * np.cos(ang), r_out * np.sin(ang)], axis=1),
                                     np.stack([(R - depth) * np.cos(ang[::-1]), (R - depth) * np.sin(ang[::-1])],
                                              axis=1)])
                blocks.append(prim.extrude(outline, ch - 0.014, bevel=0.012, bevel_segments=1).translated((0, y0, 0)))
        model.add("stones", merge(blocks), stone)
        coping = prim.lathe([(ri - 0.03, 0.0), (R + 0.04, 0.0), (R + 0.04, coping_h * 0.6), (R + 0.01, coping_h),
                             (ri - 0.02, coping_h), (ri - 0.03, coping_h * 0.6)], segments=48, closed=True,
                            crease_deg=40.0)
        model.add("coping", coping.translated((0, H - coping_h, 0)), stone)
        water = prim.cylinder(ri - 0.005, 0.02, segments=40).translated((0, H - 0.35, 0))
        model.add("water", water, self.material("water"))
        floor = prim.cylinder(ri - 0.004, H - 0.36, segments=40)
        model.add("shaft_fill", floor, stone)

        if not p["roof"]:
            return model
        wood = self.material("wood")
        pw = 0.12
        top = H + 1.35
        px = R - t / 2
        posts = [block((pw, top - H + coping_h + 0.05, pw), (sx * px, (top + H - coping_h - 0.05) / 2, 0), bevel=0.01)
                 for sx in (-1, 1)]
        beam = block((2 * px + pw + 0.2, 0.1, 0.1), (0, top + 0.05, 0), bevel=0.008)
        model.add("posts", csg.union(*posts, beam), wood)
        axle_y = H + 0.55
        axle = turned(prim.cylinder(0.055, 2 * px - pw + 0.02, segments=20), "z", -90.0).translated(
            (-px + pw / 2 - 0.01, axle_y, 0))
        if p["bucket"]:
            coil = turned(prim.cylinder(0.065, 0.14, segments=20), "z", -90.0).translated((-0.07, axle_y, 0))
            axle = csg.union(axle, coil)
        model.add("windlass", axle, wood)
        crank_x = px + pw / 2
        pin = turned(prim.cylinder(0.015, 0.1, segments=12), "z", -90.0).translated((crank_x - 0.02, axle_y, 0))
        arm = block((0.03, 0.22, 0.03), (crank_x + 0.095, axle_y - 0.095, 0))
        grip = turned(prim.cylinder(0.018, 0.12, segments=12), "z", -90.0).translated((crank_x + 0.08, axle_y - 0.19, 0))
        model.add("crank", csg.union(pin, arm, grip), wood)
        if p["bucket"]:
            bucket_y = H + 0.02
            rope = prim.cylinder(0.008, axle_y - bucket_y - 0.2, segments=8).translated((0, bucket_y + 0.2, 0.06))
            model.add("rope", rope, wood)
            model.add("bucket", self._bucket().translated((0, bucket_y, 0.06)), wood)

        rw = 2 * px + pw + 0.5
        pitch = np.radians(p["roof_pitch"])
        half = R * 0.75 + 0.15
        slope = half / np.cos(pitch)
        rt = 0.05
        ridge_y = top + 0.1 + half * np.tan(pitch)
        planes = []
        for sz in (-1, 1):
            board = block((rw, rt, slope + 0.06), (0, 0, sz * slope / 2), bevel=0.006)
            board = turned(board, "x", sz * np.degrees(pitch))
            planes.append(board.translated((0, ridge_y, 0)))
        gable = [(-half, top + 0.1), (half, top + 0.1), (0.0, ridge_y - 0.02)]
        gables = [prism_x(gable, sx * px - 0.03, sx * px + 0.03) for sx in (-1, 1)]
        model.add("roof", csg.union(*planes), self.material("roof"))
        model.add("gables", merge(gables), wood)
        return model

    @staticmethod
    def _bucket() -> Mesh:
        h, r0, r1 = 0.24, 0.1, 0.13
        prof = [(0.0, 0.0), (r0, 0.0), (r1, h), (r1 - 0.012, h), (r0 - 0.012, 0.015), (0.0, 0.015)]
        body = prim.lathe(prof, segments=24, crease_deg=40.0)
        th = np.linspace(0, np.pi, 17)
        rx = r1 - 0.007
        path = np.stack([rx * np.cos(th), h - 0.04 + 0.16 * np.sin(th), np.zeros_like(th)], axis=1)
        handle = prim.sweep(prim.circle(0.006, 8), path)
        return csg.union(body, handle)
