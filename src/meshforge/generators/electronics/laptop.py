"""Laptop: a thin base with a keyboard of individual keys and a trackpad, hinged to a lid whose inner
face carries a dark glossy screen; the lid opens to any angle (0 = closed, 110 typical, 180 flat).

Default: a 14-inch laptop (16:10), 31.3 x 22 cm, 15 mm base, 6 mm lid, open at 110 degrees. The
keyboard faces the user at +Z; the hinge is at the back (-Z).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.electronics._screen import screen_size
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import concatenate
from meshforge.geometry.transform import rotation, translation


@register
class LaptopGenerator(Generator):
    id = "laptop"
    name = "Laptop"
    family = "electronics"
    synonyms = ("notebook", "notebook computer", "macbook", "ultrabook", "laptop computer", "chromebook", "portable computer")
    description = (
        "A laptop computer: thin base with individual keyboard keys and a trackpad, a hinged lid opened to any angle "
        "with a dark glossy screen inside its bezel; sized by screen diagonal."
    )
    tags = ("electronics", "product", "office", "interior", "gaming")
    params = (
        Param("screen_diagonal", "float", 14.0, 11.0, 18.0, "count", description="screen diagonal in inches (14)",
              words=("13 inch", "15 inch", "17 inch", "big", "small"), sample_range=(13.0, 16.0)),
        Param("open_angle", "float", 110.0, 0.0, 180.0, "deg", description="lid angle (0 closed, 110 open, 180 flat)",
              words=("open", "closed", "half open", "flat"), sample_range=(95.0, 130.0)),
        Param("aspect", "float", 1.6, 1.5, 1.78, "ratio", description="screen width / height (16:10 = 1.6)",
              words=("widescreen", "16:9", "16:10", "3:2"), sample_range=(1.5, 1.78)),
        Param("thickness", "float", 0.015, 0.01, 0.03, "m", description="base thickness (15 mm)",
              words=("thin", "thick", "gaming laptop", "chunky"), sample_range=(0.012, 0.02)),
        Param("bezel", "float", 0.007, 0.003, 0.02, "m", description="border around the screen (7 mm)",
              words=("thin bezels", "thick bezels"), sample_range=(0.005, 0.012)),
        Param("numpad", "bool", False, description="a numeric keypad beside the keyboard (15 inch and up)",
              words=("numpad", "number pad"), p_true=0.3),
    )
    slots = (
        Slot("body", "brushed_aluminium", color="#BFC3C8", words=("laptop", "body", "case", "lid", "shell"),
             choices=("brushed_aluminium", "matte_plastic", "black_metal"),
             colors=("#BFC3C8", "#2A2C30", "#D8CBB8", "#3B4B63"), description="base and lid"),
        Slot("screen", "glossy_plastic", color="#0B0E12", words=("screen", "display"), description="screen"),
        Slot("keys", "matte_plastic", color="#1D1E21", words=("keys", "keyboard", "trackpad"),
             colors=("#1D1E21", "#E6E6E6"), description="keys and trackpad"),
    )
    size = SizeEnvelope(min=(0.24, 0.016, 0.17), max=(0.42, 0.32, 0.58))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        sw, sh = screen_size(p["screen_diagonal"], p["aspect"])
        bz = p["bezel"]
        W = sw + 2 * bz
        Dp = sh + bz * 2.6  # depth of base = lid height
        T = p["thickness"]
        lt = 0.006
        body_mat = self.material("body")
        r = 0.008
        base = prim.extrude(prim.rounded_rectangle(W, Dp, r, segments=5), T, bevel=T * 0.25, bevel_segments=2)
        model.add("base", base, body_mat)
        # keyboard: rows of keys in the back 55% of the deck, trackpad in front
        keys = []
        numpad = p["numpad"] and W > 0.33
        kb_w = W * (0.78 if numpad else 0.86)
        kb_x0 = -W / 2 + (W - kb_w) / 2 - (W * 0.06 if numpad else 0.0)
        pitch = kb_w / 15.0
        ks = pitch * 0.82
        z_back = -Dp / 2 + Dp * 0.08
        key_unit = prim.box((1.0, 0.0012, ks), bevel=0.0003, bevel_segments=1)
        z = z_back
        for row in range(6):
            kh = 0.5 if row == 0 else 1.0  # the function-key row is half height
            widths = np.ones(15) if row < 5 else np.array([1.0, 1.0, 1.0, 1.3, 5.5, 1.3, 1.0, 1.0, 1.0])
            widths = widths / widths.sum() * kb_w
            x = kb_x0
            for w in widths:
                m = np.diag([w - (pitch - ks), 1.0, kh, 1.0])
                m[:3, 3] = (x + w / 2, T + 0.0004, z + ks * kh / 2)
                keys.append(key_unit.transformed(m))
                x += w
            z += pitch * (0.6 if row == 0 else 1.0)
        if numpad:
            x0 = kb_x0 + kb_w + pitch * 0.4
            for row in range(1, 6):
                for col in range(4):
                    m = np.diag([ks, 1.0, 1.0, 1.0])
                    m[:3, 3] = (x0 + col * pitch + ks / 2, T + 0.0004, z_back + row * pitch - pitch * 0.3 + ks / 2)
                    keys.append(key_unit.transformed(m))
        pad_w, pad_d = min(W * 0.36, 0.13), Dp * 0.3
        pad = prim.box((pad_w, 0.0006, pad_d), bevel=0.0002, bevel_segments=1).translated((0, T + 0.0001, Dp / 2 - Dp * 0.06 - pad_d / 2))
        keys.append(pad)
        model.add("keyboard", concatenate(keys), self.material("keys"))
        # lid: built lying flat (screen up), then hinged at the back edge
        lid = prim.extrude(prim.rounded_rectangle(W, Dp, r, segments=5), lt, bevel=lt * 0.3, bevel_segments=2)
        screen = prim.box((sw, 0.0006, sh), bevel=0.0002, bevel_segments=1).translated((0, lt + 0.0001, -Dp / 2 + bz * 1.2 + sh / 2))
        # closed, the lid lies screen-down on the base; opening turns it about the hinge line at the back
        hinge = np.array([0.0, T + lt / 2, -Dp / 2])
        flip = np.diag([1.0, -1.0, -1.0, 1.0])
        tf = (translation(hinge) @ rotation("x", -p["open_angle"]) @ translation(-hinge)
              @ translation((0, T + lt + 0.0004, 0)) @ flip)
        model.add("lid", lid.transformed(tf), body_mat)
        model.add("screen", screen.transformed(tf), self.material("screen"))
        return model
