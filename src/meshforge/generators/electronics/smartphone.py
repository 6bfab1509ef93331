"""Smartphone: a rounded slab standing on its bottom edge, a dark glossy edge-to-edge screen with a
punch-hole camera, side buttons, and a camera bump with 1 to 4 lenses on the back.

Default: a 6.1-inch phone (19.5:9), 71.5 x 147 x 7.8 mm, 9 mm corner radius, two rear cameras.
The screen faces +Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.electronics._screen import FACE, screen_size, upright_slab
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import concatenate


@register
class SmartphoneGenerator(Generator):
    id = "smartphone"
    name = "Smartphone"
    family = "electronics"
    synonyms = ("phone", "mobile phone", "cell phone", "cellphone", "iphone", "android phone", "mobile", "handset")
    description = (
        "A smartphone: rounded aluminium-and-glass slab with a dark glossy edge-to-edge screen and punch-hole "
        "camera, side buttons, and a rear camera bump with one to four lenses; sized by screen diagonal."
    )
    tags = ("electronics", "product", "gadget", "gaming", "interior")
    params = (
        Param("screen_diagonal", "float", 6.1, 4.0, 7.6, "count", description="screen diagonal in inches (6.1)",
              words=("big phone", "small phone", "mini", "max", "plus"), sample_range=(5.8, 6.8)),
        Param("aspect", "float", 2.17, 1.78, 2.4, "ratio", description="screen height / width (19.5:9 = 2.17)",
              words=("tall", "wide"), sample_range=(2.0, 2.22)),
        Param("thickness", "float", 0.0078, 0.006, 0.012, "m", description="body thickness (7.8 mm)",
              words=("thin", "thick", "slim"), sample_range=(0.0072, 0.0092)),
        Param("corner_radius", "float", 0.009, 0.002, 0.014, "m", description="corner radius (9 mm)",
              words=("rounded", "square corners"), sample_range=(0.006, 0.011)),
        Param("cameras", "int", 2, 1, 4, "count", description="rear camera lenses", words=("dual camera", "triple camera"),
              sample_range=(1, 3)),
        Param("bezel", "float", 0.002, 0.001, 0.008, "m", description="border around the screen (2 mm)",
              words=("thin bezels", "thick bezels", "old phone"), sample_range=(0.0015, 0.003)),
    )
    slots = (
        Slot("body", "brushed_aluminium", color="#C9CCD1", words=("phone", "body", "frame", "back"),
             choices=("brushed_aluminium", "glossy_plastic", "matte_plastic", "black_metal"),
             colors=("#C9CCD1", "#2B2D31", "#E8D9C4", "#3A4C66", "#7B2D3A"), description="frame and back"),
        Slot("screen", "glossy_plastic", color="#0B0E12", words=("screen", "display", "glass"),
             description="screen (dark glossy glass)"),
        Slot("camera", "black_metal", color="#1A1A1A", words=("camera", "lens", "lenses"), description="camera lenses"),
    )
    size = SizeEnvelope(min=(0.04, 0.09, 0.006), max=(0.1, 0.2, 0.016))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        sw, sh = screen_size(p["screen_diagonal"], p["aspect"])
        sw, sh = sh, sw  # portrait: the long side is the height
        sw, sh = min(sw, sh), max(sw, sh)
        bz = p["bezel"]
        W, H, T = sw + 2 * bz, sh + 2 * bz * 1.5, p["thickness"]
        r = min(p["corner_radius"], W * 0.3)
        body = upright_slab(W, H, T, r, bevel=T * 0.35)
        # side buttons
        bt = T * 0.22  # buttons stay on the flat band of the side, clear of the bevels
        btn = [prim.box((0.0016, 0.012 if i else 0.02, bt), bevel=0.0003).translated((W / 2 - 0.00017, H * (0.72 - 0.14 * i), 0))
               for i in range(2)]
        btn.append(prim.box((0.0016, 0.022, bt), bevel=0.0003).translated((-W / 2 + 0.00017, H * 0.7, 0)))
        model.add("body", body, self.material("body"))
        model.add("buttons", concatenate(btn), self.material("body"))
        screen = upright_slab(sw, sh, 0.0006, max(r - bz, 0.001)).translated((0, (H - sh) / 2, T / 2 - 0.0001))
        model.add("screen", screen, self.material("screen"))
        # camera bump with lenses on the back (-Z)
        n = p["cameras"]
        lens_r = min(0.0055, W * 0.08)
        pitch = lens_r * 2.4
        cols = 1 if n == 1 else 2
        rows = int(np.ceil(n / cols))
        bw, bh = cols * pitch + 0.004, rows * pitch + 0.004
        bump_x = -W / 2 + 0.006 + bw / 2
        bump_y = H - 0.006 - bh / 2
        bump = upright_slab(bw, bh, 0.0014, min(bw, bh) * 0.3).translated((bump_x, bump_y - bh / 2, -T / 2 - 0.0005))
        body_bump = bump
        lenses = []
        for i in range(n):
            cx = bump_x + (i % cols - (cols - 1) / 2) * pitch
            cy = bump_y + (i // cols - (rows - 1) / 2) * pitch
            lens = prim.cylinder(lens_r, 0.0012, segments=24, bevel=0.0003).transformed(FACE)
            lenses.append(lens.translated((cx, cy, -T / 2 - 0.0012 - 0.0002 + 0.0002)))
        punch = prim.cylinder(0.0016, 0.0004, segments=16).transformed(FACE).translated((0, H - bz * 1.5 - 0.006, T / 2 + 0.0006))
        lenses.append(punch)
        model.add("camera_bump", body_bump, self.material("body"))
        model.add("cameras", concatenate(lenses), self.material("camera"))
        return model
