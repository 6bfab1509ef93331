"""Handbag: a tote (open-topped, two shoulder handles), a satchel (top handle and a front flap with a
clasp) or a purse (small, with a long crossbody strap); a lofted body tapering to the top, stitched
welt along the top edge, swept round handles and metal hardware.

Default: a leather tote 38 cm wide, 30 cm tall, 14 cm deep at the base, 24 cm handle drop. The
front faces +Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.clothing._shapes import bent_tube
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.transform import rotation

STYLES = {"tote": (0.38, 0.30, 0.14), "satchel": (0.32, 0.23, 0.13), "purse": (0.22, 0.15, 0.07)}


def _ring(width: float, depth: float, radius: float, y: float) -> np.ndarray:
    xz = prim.rounded_rectangle(width, depth, radius, segments=5)
    return np.stack([xz[:, 0], np.full(len(xz), y), xz[:, 1]], axis=1)


@register
class HandbagGenerator(Generator):
    id = "handbag"
    name = "Handbag"
    family = "clothing"
    synonyms = ("bag", "purse", "tote", "tote bag", "satchel", "shoulder bag", "crossbody bag", "ladies bag",
                "leather bag", "pocketbook", "clutch")
    description = (
        "A handbag: tote with two shoulder handles, satchel with a top handle, front flap and clasp, or small purse "
        "with a long crossbody strap; tapered leather body with a welted top edge and metal hardware."
    )
    tags = ("clothing", "fashion", "accessory", "product", "gaming")
    params = (
        Param("style", "choice", "tote", choices=tuple(STYLES), description="kind of bag",
              words=("tote", "satchel", "purse", "crossbody", "shoulder bag")),
        Param("scale", "float", 1.0, 0.6, 1.5, "ratio", description="size relative to the style's usual",
              words=("big", "small", "mini", "oversized"), sample_range=(0.85, 1.15)),
        Param("taper", "float", 0.85, 0.6, 1.0, "ratio", description="top width / base width",
              words=("tapered", "boxy", "trapezoid"), sample_range=(0.75, 0.95)),
        Param("handle_drop", "float", 0.24, 0.06, 0.6, "m", description="handle height above the bag (24 cm)",
              words=("long handles", "short handles", "strap"), sample_range=(0.1, 0.28)),
        Param("flap", "bool", False, description="a front flap over the top (satchel-like)",
              words=("flap", "with flap", "envelope"), p_true=0.4),
        Param("hardware", "bool", True, description="metal clasp and handle rings", words=("gold hardware", "clasp"),
              p_true=0.8),
    )
    slots = (
        Slot("body", "leather", color="#7A4A2A", words=("bag", "body", "leather", "purse"),
             choices=("leather", "fabric", "denim", "velvet", "linen"),
             colors=("#7A4A2A", "#1E1E1E", "#B03A3A", "#C9B79C", "#2D4A6B", "#D8A7A0"), description="bag body and flap"),
        Slot("straps", "leather", color="#4A2C18", words=("handles", "strap", "straps", "handle", "trim"),
             colors=("#4A2C18", "#1E1E1E", "#C9B79C"), description="handles, strap, welt"),
        Slot("hardware", "gold", words=("hardware", "clasp", "buckle", "metal", "rings"),
             choices=("gold", "brass", "chrome", "silver"), description="clasp and rings"),
    )
    size = SizeEnvelope(min=(0.12, 0.1, 0.04), max=(0.6, 1.0, 0.24))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        style = p["style"]
        w0, h0, d0 = STYLES[style]
        W, H, D = (v * p["scale"] for v in (w0, h0, d0))
        tw = W * p["taper"]
        td = D * (0.7 if style == "tote" else 0.85)
        r = min(D * 0.3, 0.03)
        levels = [(W, D, 0.0), (W * 1.0, D, r * 0.4), *[(W + (tw - W) * f, D + (td - D) * f, r * 0.4 + (H - r * 0.4) * f)
                                                         for f in np.linspace(0.15, 1.0, 6)]]
        rings = [_ring(w, d, min(r, 0.45 * d), y) for w, d, y in levels]
        rings[0] = _ring(W * 0.94, D * 0.88, min(r, 0.4 * D), 0.0)
        body = prim.loft(rings, crease_deg=55.0)
        body_mat, strap_mat, metal = (self.material(s) for s in ("body", "straps", "hardware"))
        model.add("body", body, body_mat)
        welt = prim.loft([_ring(tw + 0.006, td + 0.006, min(r, 0.45 * td) + 0.003, H - 0.012),
                          _ring(tw + 0.006, td + 0.006, min(r, 0.45 * td) + 0.003, H + 0.002)], crease_deg=55.0)
        straps = [welt]
        drop = p["handle_drop"]
        tube = 0.006 * max(p["scale"], 0.8)
        hw = []
        t = np.linspace(0, np.pi, 24)
        if style == "purse":
            # a long crossbody strap from the two sides
            a = np.linspace(0, np.pi, 32)
            half = tw / 2
            path = np.stack([half * np.cos(a) * (1 + 0.1 * np.sin(a)), H - 0.01 + drop * 1.6 * np.sin(a) ** 0.8,
                             np.zeros_like(a)], axis=1)
            straps.append(bent_tube(np.array([(-0.0015, -0.009), (0.0015, -0.009), (0.0015, 0.009), (-0.0015, 0.009)]),
                                    path))
            for sx in (-1, 1):
                hw.append(prim.torus(0.008, 0.0022, segments=16, tube_segments=8).transformed(
                    np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], dtype=float)).translated((sx * half, H + 0.004, 0)))
        else:
            n_handles = 2 if style == "tote" else 1
            zs = (-td * 0.22, td * 0.22) if n_handles == 2 else (0.0,)
            span = tw * (0.32 if style == "tote" else 0.28)
            for z in zs:
                path = np.stack([span * np.cos(t), H - 0.01 + (drop if style == "tote" else drop * 0.45) * np.sin(t) ** 0.85,
                                 np.full_like(t, z)], axis=1)
                straps.append(bent_tube(prim.circle(tube, 12), path))
                for sx in (-1, 1):
                    straps.append(prim.box((0.03, 0.05, 0.008), bevel=0.003).translated((sx * span, H - 0.02, z + np.sign(z + 1e-9) * 0.004 * (z != 0))))
        model.add("straps", csg.union(*straps, crease_deg=55.0), strap_mat)
        if p["flap"] or style == "satchel":
            fl = H * 0.55
            fw = tw * 1.02
            # flap: a thin plate over the top and down the front, following the taper
            zf = td / 2 + 0.004
            top = np.array([[0, H + 0.005, -td / 2 - 0.002], [0, H + 0.005, zf - 0.01]])
            front = np.array([[0, H - 0.005, zf + 0.001], [0, H - fl, zf + (D - td) / 2 * (fl / H) + 0.003]])
            top_plate = prim.box((fw, 0.004, top[1, 2] - top[0, 2] + 0.012), bevel=0.0015).translated(
                (0, H + 0.005, (top[0, 2] + top[1, 2]) / 2 + 0.006))
            fa, fb = front[0], front[1]
            tilt = np.degrees(np.arctan2(fb[2] - fa[2], fa[1] - fb[1]))
            front_plate = prim.box((fw, fa[1] - fb[1] + 0.012, 0.004), bevel=0.0015).transformed(
                rotation("x", -tilt)).translated(((fa + fb) / 2) + np.array([0.0, 0.004, 0.0]))
            flap = csg.union(top_plate, front_plate, crease_deg=60.0)
            model.add("flap", flap, body_mat)
            if p["hardware"]:
                hw.append(prim.box((0.03, 0.02, 0.008), bevel=0.003).translated((0, H - fl + 0.015, front[-1, 2] + 0.004)))
        elif p["hardware"]:
            hw.append(prim.box((0.05, 0.012, 0.006), bevel=0.002).translated((0, H - 0.02, td / 2 + 0.005)))
        if hw:
            model.add("hardware", csg.union(*hw) if len(hw) > 1 else hw[0], metal)
        return model
