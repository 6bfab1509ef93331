"""Bed: a wooden or upholstered frame on legs, headboard, optional footboard, mattress, pillows and a duvet.

Default: a queen bed for a 160 x 200 cm mattress; overall about 1.7 m wide, 2.1 m long, headboard at 1.0 m.
The head is at -Z, the foot at +Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.furniture._casework import CASE_WOODS, cushion, slab
from meshforge.geometry import primitives as prim
from meshforge.geometry.transform import rotation, translation

MATTRESS_WIDTHS = {"single": 0.9, "double": 1.4, "queen": 1.6, "king": 1.8}


@register
class BedGenerator(Generator):
    id = "bed"
    name = "Bed"
    family = "furniture"
    synonyms = ("double bed", "single bed", "queen bed", "king bed", "twin bed", "bed frame", "platform bed",
                "bedstead", "divan bed", "guest bed")
    description = (
        "A bed: a frame of rails on legs (or a low platform), a plain, panelled or upholstered headboard, an "
        "optional footboard, a mattress with rounded edges, pillows and a duvet folded back at the head."
    )
    tags = ("furniture", "interior", "architecture", "gaming")
    params = (
        Param("bed_size", "choice", "queen", choices=("single", "double", "queen", "king"),
              description="mattress size (90, 140, 160 or 180 cm wide, 200 cm long)",
              words=("single", "twin", "double", "queen", "king size")),
        Param("frame_height", "float", 0.3, 0.12, 0.45, "m", description="floor to the top of the side rails",
              words=("low", "platform", "high"), sample_range=(0.22, 0.36)),
        Param("mattress_thickness", "float", 0.22, 0.12, 0.32, "m", description="mattress thickness",
              words=("thick mattress", "thin mattress"), sample_range=(0.18, 0.26)),
        Param("headboard_height", "float", 1.0, 0.6, 1.5, "m", description="floor to the top of the headboard",
              words=("tall headboard", "low headboard"), sample_range=(0.85, 1.2)),
        Param("headboard_style", "choice", "panel", choices=("panel", "upholstered", "slats"),
              description="headboard look", words=("padded headboard", "slatted headboard", "wooden headboard")),
        Param("footboard", "bool", False, description="has a footboard", words=("with footboard", "sleigh"),
              p_true=0.3),
        Param("pillows", "int", 2, 0, 4, "count", description="pillows at the head",
              words=("two pillows", "one pillow", "no pillows"), sample_range=(1, 4)),
        Param("duvet", "bool", True, description="duvet over the mattress", words=("made", "with duvet", "bare"),
              p_true=0.85),
        Param("leg_height", "float", 0.12, 0.0, 0.25, "m", description="visible legs under the rails (0 = none)",
              words=("on legs", "tall legs"), sample_range=(0.05, 0.18)),
    )
    slots = (
        Slot("frame", "walnut", words=("frame", "headboard", "wood", "legs", "rails"), choices=CASE_WOODS,
             description="rails, legs, head- and footboard"),
        Slot("bedding", "linen", color="#ECE8E0", words=("bedding", "duvet", "sheets", "pillows", "linen", "covers"),
             choices=("linen", "fabric", "wool"), colors=("#ECE8E0", "#9DB0C4", "#C8B9A6", "#7C8C74", "#D9C6C6"),
             description="duvet and pillows"),
        Slot("mattress", "fabric", color="#F4F2EE", words=("mattress",), description="mattress"),
        Slot("upholstery", "velvet", color="#4B5B6B", words=("upholstery", "padded", "upholstered"),
             choices=("velvet", "fabric", "linen", "leather"), description="upholstered headboard"),
    )
    size = SizeEnvelope(min=(0.9, 0.6, 2.0), max=(2.0, 1.53, 2.25))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        wood = self.material("frame")
        mw = MATTRESS_WIDTHS[p["bed_size"]]
        ml = 2.0
        rail_t = 0.035
        W = mw + 2 * rail_t + 0.01
        L = ml + 0.02
        fh = p["frame_height"]
        lh = min(p["leg_height"], fh - 0.08)
        rail_h = fh - lh
        hb_t = 0.05
        # side and end rails
        for i, sx in enumerate((-1, 1)):
            model.add(f"side_rail_{i}", slab((rail_t, rail_h, L), (sx * (W / 2 - rail_t / 2), lh + rail_h / 2, 0), 0.005), wood)
        model.add("foot_rail", slab((W - 2 * rail_t + 0.002, rail_h, rail_t), (0, lh + rail_h / 2, L / 2 - rail_t / 2), 0.005), wood)
        # slatted support under the mattress
        deck_y = fh - 0.05
        model.add("deck", slab((W - 2 * rail_t + 0.002, 0.02, L - 0.02), (0, deck_y - 0.01, 0), 0.002), wood)
        if lh > 0.005:
            k = 0
            for sx in (-1, 1):
                for sz in (-1, 1):
                    leg = prim.box((0.06, lh + 0.002, 0.06), bevel=0.008, bevel_segments=2).translated(
                        (sx * (W / 2 - 0.04), lh / 2, sz * (L / 2 - 0.04)))
                    model.add(f"leg_{k}", leg, wood)
                    k += 1
        # headboard at -Z
        hb_h = max(p["headboard_height"], fh + p["mattress_thickness"] + 0.15)
        z_hb = -L / 2 - hb_t / 2
        for i, sx in enumerate((-1, 1)):
            model.add(f"head_post_{i}", slab((0.07, hb_h, hb_t + 0.01), (sx * (W / 2 + 0.02), hb_h / 2, z_hb), 0.008), wood)
        style = p["headboard_style"]
        panel_lo = fh - 0.06
        ph = hb_h - 0.03 - panel_lo
        if style == "slats":
            model.add("head_top_rail", slab((W + 0.02, 0.08, hb_t), (0, hb_h - 0.06, z_hb), 0.008), wood)
            model.add("head_bottom_rail", slab((W + 0.02, 0.08, hb_t), (0, panel_lo + 0.04, z_hb), 0.008), wood)
            n = max(5, int(W / 0.14))
            for i, x in enumerate(np.linspace(-W / 2 + 0.09, W / 2 - 0.09, n)):
                model.add(f"head_slat_{i}", slab((0.05, ph - 0.12, hb_t * 0.6), (float(x), panel_lo + 0.02 + ph / 2, z_hb), 0.004), wood)
        else:
            model.add("headboard", slab((W + 0.02, ph, hb_t), (0, panel_lo + ph / 2, z_hb), 0.01), wood)
            if style == "upholstered":
                pad = cushion((W - 0.06, ph - 0.1, 0.08), (0, panel_lo + ph / 2 + 0.03, z_hb + hb_t / 2 + 0.03), 0.35)
                model.add("headboard_pad", pad, self.material("upholstery"))
        if p["footboard"]:
            fb_h = fh + 0.28
            z_fb = L / 2 + hb_t / 2 - 0.005
            for i, sx in enumerate((-1, 1)):
                model.add(f"foot_post_{i}", slab((0.07, fb_h, hb_t + 0.01), (sx * (W / 2 + 0.02), fb_h / 2, z_fb), 0.008), wood)
            model.add("footboard", slab((W + 0.02, fb_h - panel_lo - 0.02, hb_t), (0, (fb_h + panel_lo) / 2 - 0.01, z_fb), 0.01), wood)
        # mattress
        mt = p["mattress_thickness"]
        m_top = deck_y + mt
        model.add("mattress", cushion((mw, mt, ml), (0, deck_y + mt / 2, 0), 0.18), self.material("mattress"))
        bedding = self.material("bedding")
        if p["duvet"]:
            dl = ml * 0.74
            dz = ml / 2 - dl / 2 + 0.03
            duvet = cushion((mw + 0.08, 0.06, dl), (0, m_top + 0.02, dz), 0.48)
            model.add("duvet", duvet, bedding)
            drape = 0.55 * mt
            for i, sx in enumerate((-1, 1)):
                side = cushion((0.035, drape + 0.04, dl), (sx * (mw / 2 + 0.022), m_top - drape / 2 + 0.01, dz), 0.45)
                model.add(f"duvet_side_{i}", side, bedding)
            fold = cushion((mw + 0.08, 0.08, 0.22), (0, m_top + 0.035, dz - dl / 2 + 0.1), 0.48)
            model.add("duvet_fold", fold, bedding)
        n = p["pillows"]
        if n:
            per_row = min(n, 2 if mw > 1.2 else 1)
            pw = min(0.7, (mw - 0.06) / per_row - 0.03)
            for i in range(n):
                row, col = divmod(i, per_row)
                x = (col - (per_row - 1) / 2) * (pw + 0.03)
                z = -ml / 2 + 0.28 + row * 0.12
                pil = cushion((pw, 0.14, 0.42), (0, 0.07, 0), 0.48)
                m = translation((x, m_top - 0.01 + row * 0.06, z)) @ rotation("x", -(18.0 + 20.0 * row))
                model.add(f"pillow_{i}", pil, bedding, m)
        return model
