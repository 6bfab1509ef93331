"""Signpost: a wooden post with arrow-shaped direction boards, a single notice board, or a hanging tavern
sign on an iron bracket.

Default: a 2.2 m crossroads signpost with three arrow boards pointing different ways.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import block, prism_z, turned
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim


@register
class SignpostGenerator(Generator):
    id = "signpost"
    name = "Signpost"
    family = "props"
    synonyms = ("sign", "sign post", "guidepost", "fingerpost", "direction sign", "road sign", "wooden sign",
                "trail sign", "tavern sign", "hanging sign", "shop sign", "notice board", "signboard")
    description = (
        "A wooden signpost: a square post with a pointed cap carrying arrow-shaped direction boards, a flat "
        "notice board, or a hanging sign swinging from an iron bracket on two chains; roadside, village and "
        "tavern prop."
    )
    tags = ("gaming", "props", "medieval", "village", "outdoor")
    params = (
        Param("style", "choice", "arrows", choices=("arrows", "board", "hanging"), description="kind of sign",
              words=("direction arrows", "fingerpost", "notice board", "hanging sign", "tavern sign")),
        Param("height", "float", 2.2, 1.0, 3.5, "m", description="height of the post",
              words=("tall", "short", "low"), sample_range=(1.9, 2.5)),
        Param("boards", "int", 3, 1, 5, "count", description="number of arrow boards",
              words=("three arrows", "two signs", "one arrow"), sample_range=(1, 4)),
        Param("board_length", "float", 0.7, 0.3, 1.4, "m", description="length of each board",
              words=("long boards", "short boards", "wide sign"), sample_range=(0.55, 0.85)),
        Param("post_width", "float", 0.1, 0.06, 0.2, "m", description="width of the square post",
              words=("thick post", "thin post"), sample_range=(0.08, 0.12)),
    )
    slots = (
        Slot("post", "weathered_wood", words=("post", "pole", "wood"), choices=("weathered_wood", "oak", "pine"),
             description="the post"),
        Slot("board", "pine", words=("board", "boards", "sign", "arrows", "panel"),
             choices=("pine", "oak", "painted_wood", "weathered_wood"), description="the sign boards"),
        Slot("metal", "black_metal", words=("bracket", "chains", "metal"), choices=("black_metal", "iron", "brass"),
             description="bracket and chains of a hanging sign"),
    )
    size = SizeEnvelope(min=(0.06, 1.0, 0.06), max=(3.0, 3.6, 3.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        H, pw = p["height"], p["post_width"]
        cap_h = pw * 0.6
        post = block((pw, H - cap_h + 0.001, pw), (0, (H - cap_h) / 2, 0), bevel=0.006)
        cap = prim.cone(pw * 0.75, cap_h, segments=4).translated((0, H - cap_h, 0))
        cap = turned(cap, "y", 45.0)
        model.add("post", csg.union(post, cap), self.material("post"))
        bl = p["board_length"]
        bt = 0.025
        board_mat = self.material("board")
        if p["style"] == "arrows":
            bh = min(0.16, H * 0.08)
            boards = []
            for i in range(p["boards"]):
                y = H - cap_h - 0.12 - i * (bh + 0.05)
                tip = bh * 0.6
                outline = [(0, -bh / 2), (bl - tip, -bh / 2), (bl, 0), (bl - tip, bh / 2), (0, bh / 2)]
                arrow = prism_z(outline, -bt / 2, bt / 2, bevel=0.004).translated((-pw * 0.3, y, pw / 2 + bt / 2))
                # golden-angle steps spread the arrows round the post; a little jitter per seed
                heading = (i * 137.5 + float(rng.uniform(-15, 15))) % 360.0
                boards.append(turned(arrow, "y", heading))
            model.add("boards", csg.union(*boards) if len(boards) > 1 else boards[0], board_mat)
        elif p["style"] == "board":
            bh = bl * 0.6
            y = H - cap_h - 0.1 - bh / 2
            panel = block((bl, bh, bt), (0, y, pw / 2 + bt / 2), bevel=0.006)
            frame = csg.difference(block((bl + 0.06, bh + 0.06, bt * 0.8), (0, y, pw / 2 + bt * 0.9), bevel=0.006),
                                   block((bl - 0.02, bh - 0.02, bt * 3), (0, y, pw / 2 + bt)))
            model.add("board", panel, board_mat)
            model.add("board_frame", frame, self.material("post"))
        else:
            arm = bl + 0.15
            ya = H - cap_h - 0.15
            bracket = block((arm, 0.03, 0.03), (arm / 2, ya, 0))
            brace = prim.cylinder_between((pw / 2, ya - arm * 0.45, 0), (arm * 0.6, ya, 0), 0.01, segments=10)
            scroll = prim.torus(0.05, 0.008, segments=24, tube_segments=8)
            scroll = turned(scroll, "x", 90.0).translated((arm - 0.06, ya + 0.058, 0))
            bh = bl * 0.65
            drop = 0.2
            chains = []
            for sx in (0.15, bl - 0.05):
                xc = sx
                for k in range(int(drop / 0.04)):
                    link = turned(prim.torus(0.014, 0.003, segments=12, tube_segments=6), "x", 90.0)
                    link = turned(link, "y", 90.0 * (k % 2)).translated((xc, ya - 0.03 - k * 0.027, 0))
                    chains.append(link)
            metal = csg.union(bracket, brace, scroll, *chains)
            model.add("bracket", metal, self.material("metal"))
            yb = ya - 0.015 - int(drop / 0.04) * 0.027 - bh / 2 + 0.01
            model.add("board", block((bl, bh, bt), (0.05 + bl / 2, yb, 0), bevel=0.006), board_mat)
        return model
