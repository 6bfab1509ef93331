"""Butterfly: a stylized butterfly: a slim black body with clubbed antennae and four thin wings (monarch,
swallowtail or rounded outline) with black borders and pale dots, raised at an adjustable angle.

Default: 9 cm wingspan (a monarch).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.animals import _insect as insect
from meshforge.generators.animals import _soft as soft
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import primitives as prim
from meshforge.geometry import sdf
from meshforge.geometry.transform import rotation

RESOLUTION = 80

#: Control polygons of the right wings, (x outward, z forward), the span is about 1 for both wings.
FOREWINGS = {
    "monarch": [(0.02, 0.06), (0.2, 0.2), (0.42, 0.3), (0.5, 0.28), (0.47, 0.12), (0.36, -0.02), (0.06, -0.03)],
    "swallowtail": [(0.02, 0.06), (0.22, 0.2), (0.46, 0.3), (0.5, 0.26), (0.42, 0.08), (0.3, -0.02), (0.06, -0.03)],
    "round": [(0.02, 0.06), (0.18, 0.24), (0.38, 0.3), (0.47, 0.2), (0.44, 0.04), (0.3, -0.04), (0.06, -0.03)],
}
HINDWINGS = {
    "monarch": [(0.03, -0.02), (0.3, -0.04), (0.38, -0.14), (0.32, -0.3), (0.16, -0.34), (0.05, -0.18)],
    "swallowtail": [(0.03, -0.02), (0.3, -0.04), (0.34, -0.16), (0.26, -0.28), (0.2, -0.46), (0.15, -0.47),
                    (0.14, -0.32), (0.05, -0.2)],
    "round": [(0.03, -0.02), (0.3, -0.03), (0.42, -0.14), (0.36, -0.3), (0.18, -0.36), (0.05, -0.2)],
}


@register
class ButterflyGenerator(Generator):
    id = "butterfly"
    name = "Butterfly"
    family = "animals"
    synonyms = ("monarch", "monarch butterfly", "swallowtail", "moth", "papillon", "admiral butterfly")
    description = (
        "A stylized butterfly: a slim black body with clubbed antennae and four thin wings (monarch, swallowtail "
        "or rounded outline) with black borders and pale dots, open flat or raised at any angle."
    )
    tags = ("animal", "insect", "bug", "creature", "nature", "gaming", "toy")
    params = (
        Param("wing_span", "float", 0.09, 0.02, 0.3, "m", description="tip-to-tip span of the open wings",
              words=("big", "small", "giant", "tiny", "wingspan"), sample_range=(0.07, 0.11)),
        Param("wing_angle", "float", 25.0, 0.0, 80.0, "deg", description="how far the wings are raised above flat",
              words=("open wings", "closed wings", "flat", "raised wings"), sample_range=(10.0, 50.0)),
        Param("wing_shape", "choice", "monarch", choices=tuple(FOREWINGS), description="outline of the wings",
              words=("monarch", "swallowtail", "rounded wings")),
        Param("border", "float", 1.0, 0.0, 2.0, "ratio", description="width of the black wing borders",
              words=("black border", "plain wings"), sample_range=(0.7, 1.3)),
        Param("dots", "int", 6, 0, 12, "count", description="pale dots along each forewing's border",
              words=("dots", "spotted", "plain"), sample_range=(3, 8)),
        Param("body_length", "float", 1.0, 0.7, 1.4, "ratio", description="body length relative to the wings",
              words=("long body", "short body"), sample_range=(0.9, 1.1)),
    )
    slots = (
        Slot("wings", "paper", color="#F08A1C", words=("wings", "wing", "butterfly", "orange"),
             colors=("#F08A1C", "#3A7BD5", "#F2D23A", "#E0457B", "#7CC242", "#F4F1EA"), description="wing colour"),
        Slot("markings", "paper", color="#161414", words=("border", "borders", "veins", "black"),
             description="wing borders"),
        Slot("body", "fur", color="#1E1B1A", words=("body", "antennae", "thorax"), description="body and antennae"),
        Slot("dots", "paper", color="#F7F3EA", words=("dots", "spots", "white"), description="pale dots"),
    )
    size = SizeEnvelope(min=(0.00415, 0.00432, 0.0109), max=(0.338, 0.179, 0.272))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        s = float(p["wing_span"])
        shape = p["wing_shape"]
        angle = float(p["wing_angle"])
        thick = 0.006 * s
        root_y = 0.0
        body_len = 0.45 * float(p["body_length"])
        # body: head, thorax and a tapering abdomen along z, in plan units (span 1), then meshed in meters
        min_t = 2.0 * body_len * 1.6 / RESOLUTION
        pieces: list[tuple[sdf.SDF, float]] = [
            (sdf.ellipsoid((0.035, 0.035, 0.07), center=(0, root_y, 0.03)), 0.0),
            (sdf.round_cone((0, root_y, -0.03), (0, root_y - 0.01, -body_len * 0.7), 0.03, max(0.012, min_t / 2)), 0.02),
            (sdf.sphere(0.03, (0, root_y + 0.005, 0.12)), 0.015),
        ]
        pieces += insect.antennae(np.array([0.012, root_y + 0.02, 0.14]), length=0.22, radius=max(0.004, min_t * 0.5),
                                  club=max(0.012, min_t), elbow=False)
        body = soft.blend(pieces)
        extent = float(np.ptp(body.bounds, axis=0).max())
        voxel = extent * s / RESOLUTION
        model.add("body", soft.mesh(soft.scaled(body, s), voxel, atlas=False), self.material("body"))

        wing_mat, black, dot_mat = self.material("wings"), self.material("markings"), self.material("dots")
        border = 0.03 * float(p["border"])
        for sgn, side in ((1, "right"), (-1, "left")):
            # turn the flat wing (built in the XZ plane, y up) up about the body axis
            turn = rotation("z", sgn * angle)
            for which, table, lift in (("fore", FOREWINGS, 0.0), ("hind", HINDWINGS, -thick * 1.2 / s)):
                outline = insect.smooth_outline(np.array(table[shape]) * np.array([sgn, 1.0]))
                outline *= s
                wing = prim.extrude(outline, thick).translated((0, -thick / 2 + lift * s, 0))
                model.add(f"{which}wing_{side}", wing, wing_mat, turn)
                if border > 0:
                    # the hole is the outline shrunk toward its centre (the wings are star-shaped about it), which
                    # unlike a miter offset never folds over in the narrow swallowtail
                    centre = outline.mean(axis=0)
                    reach = float(np.linalg.norm(outline - centre, axis=1).mean())
                    inner = centre + (outline - centre) * max(0.3, 1.0 - border * s * 1.3 / reach)
                    rim = prim.extrude(outline, thick * 1.8, holes=[inner]).translated((0, -thick * 0.9 + lift * s, 0))
                    model.add(f"{which}wing_border_{side}", rim, black, turn)
                if which == "fore" and int(p["dots"]) > 0 and border > 0:
                    self._dots(model, outline, inner, int(p["dots"]), thick, s, dot_mat, turn, side)
        return model

    @staticmethod
    def _dots(model: Model, outline: np.ndarray, inner: np.ndarray, n: int, thick: float, s: float,
              material: Any, turn: np.ndarray, side: str) -> None:
        """Pale dots in the border band along the outer edge of a forewing."""
        mid = (outline + inner) / 2
        # the outer edge: points farthest from the body axis
        order = np.argsort(-np.abs(mid[:, 0]))
        picks = np.sort(order[: max(len(mid) // 3, n)])
        idx = picks[np.linspace(0, len(picks) - 1, n).round().astype(int)]
        band = float(np.median(np.linalg.norm(outline - inner, axis=1)))
        r = max(min(band * 0.35, 0.012 * s), thick)
        for i, k in enumerate(idx):
            x, z = mid[k]
            dot = prim.cylinder(r, thick * 2.2, segments=12).translated((x, -thick * 1.1, z))
            model.add(f"dot_{side}_{i}", dot, material, turn)
