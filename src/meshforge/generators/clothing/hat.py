"""Hat: a fedora (pinched crown, snap brim, ribbon band), a baseball cap (six-panel dome, curved bill,
button), a top hat (tall flared crown, curled brim) or a knitted beanie (ribbed dome, folded cuff,
optional pompom).

Crowns and brims are lathed profiles squashed to the oval of a head (front-to-back longer than
side-to-side). Default: a fedora for a 57 cm head (18.1 cm across), 6 cm brim, 12 cm crown. The
front faces +Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh

OVAL = np.diag([0.9, 1.0, 1.08, 1.0])  # heads are longer front-to-back than side-to-side


def _oval(mesh: Mesh) -> Mesh:
    return mesh.transformed(OVAL)


def _ribbed(mesh: Mesh, ribs: int, depth: float, height: float, min_radius: float) -> Mesh:
    """Knit ribs: push side vertices in and out around the Y axis, fading out toward the crown's top
    (vertices nearer the axis than ``min_radius``, e.g. on the flat bottom, stay put)."""
    v = mesh.vertices.copy()
    theta = np.arctan2(v[:, 2], v[:, 0])
    rad = np.hypot(v[:, 0], v[:, 2])
    fade = np.clip(1.0 - v[:, 1] / height, 0.0, 1.0) ** 0.5 * np.clip((rad - min_radius) / (0.1 * min_radius), 0, 1)
    fade = np.where(v[:, 1] > 1e-4, fade, 0.0)  # the flat bottom stays planar
    scale = 1.0 + depth * np.cos(ribs * theta) * fade / np.maximum(rad, 1e-6)
    scale = np.where(rad > 1e-6, scale, 1.0)
    v[:, 0] *= scale
    v[:, 2] *= scale
    return Mesh(v, mesh.faces, uvs=mesh.uvs).with_normals(70.0)


@register
class HatGenerator(Generator):
    id = "hat"
    name = "Hat"
    family = "clothing"
    synonyms = ("fedora", "trilby", "cap", "baseball cap", "top hat", "beanie", "bobble hat", "woolly hat",
                "stovepipe hat", "headwear", "toque")
    description = (
        "A hat: fedora with a pinched crown, snap brim and ribbon band; baseball cap with a six-panel dome and "
        "curved bill; tall top hat with a curled brim; or knitted beanie with a ribbed cuff and optional pompom."
    )
    tags = ("clothing", "fashion", "accessory", "gaming", "character")
    params = (
        Param("style", "choice", "fedora", choices=("fedora", "cap", "top_hat", "beanie"), description="kind of hat",
              words=("fedora", "trilby", "baseball cap", "cap", "top hat", "beanie", "bobble hat")),
        Param("head_size", "float", 0.57, 0.48, 0.64, "m", description="head circumference (57 cm)",
              words=("large", "small", "kids"), sample_range=(0.55, 0.6)),
        Param("brim_width", "float", 0.06, 0.02, 0.12, "m", description="brim width (fedora / top hat) or bill length factor",
              words=("wide brim", "narrow brim", "stingy brim"), sample_range=(0.045, 0.075)),
        Param("crown_height", "float", 1.0, 0.7, 1.4, "ratio", description="crown height relative to the style's usual",
              words=("tall", "low crown", "high crown"), sample_range=(0.85, 1.15)),
        Param("band", "bool", True, description="ribbon band (fedora, top hat) or cuff (beanie)",
              words=("hat band", "ribbon", "cuff"), p_true=0.8),
        Param("pompom", "bool", False, description="a pompom on top (beanie) or a button (cap)",
              words=("pompom", "bobble", "button"), p_true=0.5),
    )
    slots = (
        Slot("hat", "wool", color="#5A4634", words=("hat", "felt", "crown", "brim", "wool"),
             choices=("wool", "fabric", "velvet", "leather", "denim"),
             colors=("#5A4634", "#2B2B2B", "#7D7F82", "#1F3A5F", "#8C2F2F", "#C2A878"), description="the hat"),
        Slot("band", "fabric", color="#1E1E1E", words=("band", "ribbon", "bill", "visor", "pompom"),
             colors=("#1E1E1E", "#6B2B2B", "#F2F2F2", "#C9A227"), description="ribbon band, cap bill, pompom"),
    )
    size = SizeEnvelope(min=(0.13, 0.08, 0.14), max=(0.5, 0.26, 0.52))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        style = p["style"]
        r = p["head_size"] / (2 * np.pi) + 0.004  # inner radius of the hat opening
        bw = p["brim_width"]
        ch = p["crown_height"]
        hat_mat, band_mat = self.material("hat"), self.material("band")
        if style in ("fedora", "top_hat"):
            top_hat = style == "top_hat"
            brim_r = r + bw * (0.75 if top_hat else 1.0)
            t = 0.004
            a = np.linspace(0, 1, 10)
            lift = (0.012 if top_hat else 0.008) * a ** 2  # the outer edge turns up (snap brim / curl)
            brim_top = np.stack([r + (brim_r - r) * a, t + lift], axis=1)
            brim_bot = np.stack([r + (brim_r - r) * a, lift], axis=1)[::-1]
            ring = np.vstack([[(r * 0.6, 0.0)], brim_bot[::-1], [(brim_r + t * 0.4, lift[-1] + t * 0.5)],
                              brim_top[::-1], [(r * 0.6, t)]])
            brim = prim.lathe(ring, segments=64, closed=True, crease_deg=60.0)
            if top_hat:
                h = 0.16 * ch
                prof = [(0, 0.0), (r + 0.004, 0.0), (r * 0.96, h * 0.4), (r * 1.06, h), (r * 1.05, h + 0.002), (0, h + 0.002)]
            else:
                h = 0.12 * ch
                dent = h * 0.22
                prof = [(0, 0.0), (r + 0.005, 0.0), (r * 0.97, h * 0.55), (r * 0.88, h * 0.92), (r * 0.7, h),
                        (r * 0.45, h * 0.97), (r * 0.18, h - dent), (0, h - dent)]
            crown = prim.lathe(prof, segments=64, crease_deg=50.0)
            model.add("hat", _oval(csg.union(brim, crown, crease_deg=60.0)), hat_mat)
            if p["band"]:
                bh = 0.032 if top_hat else 0.026
                # the ribbon follows the crown's side just outside it
                r_top = (r * 0.96 + (r * 1.06 - r * 0.96) * (bh / h - 0.4) / 0.6 if bh > 0.4 * h else
                         r + 0.004 - (0.004 + 0.04 * r) * bh / (0.4 * h)) if top_hat else \
                    r + 0.005 - (r + 0.005 - r * 0.97) * bh / (0.55 * h)
                band = prim.lathe([(r * 0.9, 0.003), (r + 0.008, 0.003), (r_top + 0.003, bh), (r * 0.9, bh)],
                                  segments=64, closed=True)
                model.add("band", _oval(band), band_mat)
            return model
        if style == "cap":
            h = 0.105 * ch
            a = np.linspace(0, np.pi / 2, 14)
            prof = np.vstack([[(0.0, 0.0)], np.stack([r * 1.02 * np.cos(a) ** 0.9, h * np.sin(a)], axis=1)])
            prof[-1, 0] = 0.0
            dome = prim.lathe(prof, segments=64, crease_deg=60.0)
            parts = [dome]
            if p["pompom"]:
                parts.append(prim.sphere(0.007, segments=16).transformed(np.diag([1.0, 0.5, 1.0, 1.0])).translated((0, h, 0)))
            model.add("hat", _oval(csg.union(*parts)) if len(parts) > 1 else _oval(dome), hat_mat)
            # bill: a crescent outline in plan, extruded thin, then bent down toward its sides
            bl = 0.05 + bw * 0.6
            ang = np.radians(np.linspace(-65, 65, 25))
            inner = np.stack([np.sin(ang) * r * 0.9, np.cos(ang) * r * 1.08 * 0.97], axis=1)
            reach = bl * np.cos(np.linspace(-1, 1, 25) * np.pi / 2) ** 0.7 + 0.006
            outer = np.stack([np.sin(ang) * (r * 0.9 + reach * 0.8), np.cos(ang) * (r * 1.08 + reach)], axis=1)
            th = 0.004
            bill = prim.extrude(np.vstack([inner, outer[::-1]]), th, bevel=0.0015, bevel_segments=2)
            v = bill.vertices.copy()
            v[:, 1] += 0.004 - 0.55 * (v[:, 0] / (r * 1.6)) ** 2 * 0.06 - 0.1 * np.maximum(v[:, 2] - r, 0) ** 1.5
            bill = Mesh(v, bill.faces, uvs=bill.uvs).compact().with_normals(60.0)
            model.add("bill", bill, band_mat)
            return model
        # beanie
        h = 0.16 * ch
        a = np.linspace(0, np.pi / 2, 16)
        rr = r * 1.03 * np.cos(a) ** 0.65
        yy = h * np.sin(a)
        prof = np.vstack([[(0.0, 0.0)], np.stack([rr, yy], axis=1)])
        prof[-1, 0] = 0.0
        if p["band"]:
            prof[0, 1] = prof[1, 1] = 0.01  # start inside the cuff: no coplanar bottoms to merge
        dome = prim.lathe(prof, segments=144, crease_deg=70.0)
        parts = [dome]
        if p["band"]:
            ch_ = 0.06
            parts.append(prim.lathe([(0, 0.0), (r * 1.055, 0.0), (r * 1.07, ch_ * 0.5), (r * 1.05, ch_), (0, ch_)],
                                    segments=144, crease_deg=60.0))
        # rib each piece on its own (their flat tops stay fans from the axis), then merge them
        parts = [_ribbed(m, 36, 0.0025, h, r * 0.8) for m in parts]
        knit = csg.union(*parts) if len(parts) > 1 else parts[0]
        model.add("hat", _oval(knit), hat_mat)
        if p["pompom"]:
            pr = 0.035
            model.add("pompom", prim.sphere(pr, segments=24).translated((0, h + pr * 0.7, 0)), band_mat)
        return model
