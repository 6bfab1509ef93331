"""Table knife: a flat blade (rounded or pointed tip, optionally serrated edge) and a handle (rounded metal,
flat stamped or riveted wooden scales), lying on the table with the blade sloping down to its tip.

Default: a 23 cm butter / dinner knife with a rounded tip and a rounded one-piece metal handle.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._shapes import flat_part, resample_outline
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh


@register
class TableKnifeGenerator(Generator):
    id = "table_knife"
    name = "Table knife"
    family = "tableware"
    synonyms = ("knife", "butter knife", "dinner knife", "steak knife", "table-knife", "cutlery knife", "cutlery",
                "flatware", "silverware", "dessert knife", "bread knife")
    description = (
        "A table knife lying on the table: a flat blade with a rounded (butter knife) or pointed tip and a plain "
        "or serrated cutting edge, on a rounded metal, flat stamped or riveted wooden handle."
    )
    tags = ("tableware", "kitchen", "interior", "gaming", "product")
    params = (
        Param("length", "float", 0.23, 0.16, 0.28, "m", description="overall length",
              words=("long", "short", "dessert", "dinner"), sample_range=(0.21, 0.245)),
        Param("blade_ratio", "float", 0.45, 0.35, 0.6, "ratio", description="blade length / overall length",
              words=("long blade", "short blade"), sample_range=(0.42, 0.5)),
        Param("blade_width", "float", 0.019, 0.012, 0.03, "m", description="blade width",
              words=("wide blade", "narrow blade", "broad"), sample_range=(0.016, 0.022)),
        Param("serrated", "bool", False, description="saw-toothed cutting edge",
              words=("serrated", "steak knife", "toothed", "plain edge"), p_true=0.35),
        Param("tip", "choice", "rounded", choices=("rounded", "pointed"), description="shape of the blade tip",
              words=("rounded tip", "pointed tip", "butter knife", "sharp")),
        Param("handle_style", "choice", "rounded", choices=("rounded", "flat", "riveted"),
              description="one-piece rounded metal, flat stamped metal or wooden scales with rivets",
              words=("rounded handle", "flat handle", "wooden handle", "riveted handle")),
    )
    slots = (
        Slot("blade", "stainless_steel", words=("blade", "steel", "metal", "knife"),
             choices=("stainless_steel", "silver", "chrome", "gold"), description="blade, metal handle and rivets"),
        Slot("handle", "walnut", words=("handle", "grip", "scales"), choices=("walnut", "oak", "plastic", "cherry"),
             colors=("#4A2F1E", "#6B4226", "#1E1E1E"), description="wooden handle scales (riveted style)"),
    )
    size = SizeEnvelope(min=(0.15, 0.002, 0.01), max=(0.28, 0.03, 0.035))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        metal = self.material("blade")
        L = p["length"]
        x_b = L * (1 - p["blade_ratio"])
        hw = p["blade_width"] / 2
        style = p["handle_style"]
        handle_t = {"rounded": 0.0095, "flat": 0.0035, "riveted": 0.012}[style]
        handle_w = max(hw * 1.8, 0.016) if style != "flat" else max(hw * 2.0, 0.018)
        y_bolster = handle_t / 2 - 0.001
        blade_t = 0.0022

        def height(x: np.ndarray) -> np.ndarray:
            u = np.clip((x - x_b) / (L - x_b), 0, 1)
            # linear in x along the blade: an affine bend keeps the long cap triangles flat (no folds)
            return y_bolster * (1 - u)

        def thickness(x: np.ndarray) -> np.ndarray:
            return np.interp(x, [x_b - 0.02, x_b, L], [blade_t * 1.3, blade_t, blade_t * 0.6])

        blade = flat_part(self._blade_outline(p, L, x_b, hw), thickness, height)
        if style == "flat":
            outline = self._flat_handle_outline(x_b, handle_w)
            handle = flat_part(outline, lambda x: np.interp(x, [0.0, x_b], [handle_t, handle_t * 0.8]),
                               lambda x: y_bolster * np.clip(x / x_b, 0, 1) ** 2 * 0.8)
            model.add("knife", csg.union(blade, handle, crease_deg=40.0), metal)
        elif style == "rounded":
            handle = self._rounded_handle(x_b + 0.004, handle_w, handle_t)
            model.add("knife", csg.union(blade, handle, crease_deg=40.0), metal)
        else:
            tang = prim.box((x_b + 0.005 - 0.004, 0.003, handle_w * 0.9), bevel=0.001).translated(
                ((x_b + 0.005) / 2 + 0.002, handle_t / 2, 0))
            bolster = prim.box((0.012, handle_t * 0.85, handle_w * 0.95), bevel=0.003).translated(
                (x_b - 0.004, handle_t / 2, 0))
            model.add("knife", csg.union(blade, tang, bolster, crease_deg=40.0), metal)
            scales = prim.box((x_b - 0.012, handle_t, handle_w), bevel=0.004).translated(((x_b - 0.012) / 2, handle_t / 2, 0))
            model.add("handle", scales, self.material("handle"))
            rivets = [prim.cylinder(0.0018, handle_t + 0.0006, segments=12).translated((x, -0.0003, 0))
                      for x in np.linspace(0.02, x_b - 0.03, 3)]
            model.add("rivets", csg.union(*rivets), metal)
        return model

    @staticmethod
    def _blade_outline(p: dict[str, Any], L: float, x_b: float, hw: float) -> np.ndarray:
        x0 = x_b - 0.02
        neck = 0.0035
        xs = np.linspace(x_b, L - 2.2 * hw, 30)
        # cutting edge (z < 0) and spine (z > 0); the blade widens just after the bolster
        widen = np.clip((xs - x_b) / 0.015, 0, 1) ** 0.5
        edge_z = -(neck + (hw - neck) * widen)
        if p["serrated"]:
            xs = np.linspace(x_b + 0.012, L - 2.4 * hw, int((L - 2.4 * hw - x_b - 0.012) / 0.0013) + 1)
            teeth = np.where(np.arange(len(xs)) % 2 == 0, 0.0, 0.0009)
            edge_z = -hw + teeth
            head = np.linspace(x_b, x_b + 0.01, 6)
            head_z = -(neck + (hw - neck) * np.clip((head - x_b) / 0.015, 0, 1) ** 0.5)
            xs, edge_z = np.r_[head, xs], np.r_[head_z, edge_z]
        if p["tip"] == "rounded":
            a = np.linspace(-np.pi / 2, np.pi / 2, 14)[1:-1]
            tip = np.stack([L - 2.2 * hw + 2.2 * hw * np.cos(a) ** 0.9 * 1.0, hw * np.sin(a)], axis=1)
            tip[:, 0] = np.minimum(tip[:, 0], L)
        else:
            t = np.linspace(0.0, 1.0, 10)[1:-1]
            tip = np.stack([L - 2.2 * hw + 2.2 * hw * t, -hw + 0.25 * hw * t**2 + 1.75 * hw * t**3], axis=1)
        spine_x = np.linspace(L - 2.2 * hw, x_b, 24)
        spine_z = neck + (hw - neck) * np.clip((spine_x - x_b) / 0.015, 0, 1) ** 0.5
        outline = np.vstack([[(x0, -neck)], np.stack([xs, edge_z], axis=1), tip, np.stack([spine_x, spine_z], axis=1),
                             [(x0, neck)]])
        return resample_outline(outline, 0.004)

    @staticmethod
    def _flat_handle_outline(x_b: float, w: float) -> np.ndarray:
        from meshforge.generators.tableware._shapes import half_width_outline

        hw = w / 2
        ctrl = [(0.0, 0.0), (0.002, 0.6 * hw), (0.008, 0.95 * hw), (0.025, hw), (0.7 * x_b, 0.75 * hw),
                (x_b - 0.004, 0.0045), (x_b + 0.004, 0.0042)]
        tip = np.array([(x_b + 0.005, -0.002), (x_b + 0.0055, 0.0), (x_b + 0.005, 0.002)])
        return resample_outline(half_width_outline(ctrl, tip, samples=40), 0.004)

    @staticmethod
    def _rounded_handle(x_end: float, w: float, t: float) -> Mesh:
        xs = np.linspace(0.0, x_end, 26)
        u = xs / x_end
        end = np.sqrt(np.clip(xs / 0.006, 0.0, 1.0))
        width = w * (0.82 + 0.18 * np.sin(np.pi * np.clip(u * 1.3, 0, 1)) ** 0.6) * (1 - 0.55 * u**6)
        thick = t * (1 - 0.35 * u**4)
        scale = np.maximum(end, 0.25)
        ring2d = prim.rounded_rectangle(1.0, 1.0, 0.45, 4)
        rings = [np.stack([np.full(len(ring2d), x), th / 2 + ring2d[:, 1] * th * s, ring2d[:, 0] * wd * s], axis=1)
                 for x, wd, th, s in zip(xs, width, thick, scale, strict=True)]
        return prim.loft(rings, crease_deg=40.0)
