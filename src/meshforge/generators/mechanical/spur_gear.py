"""Spur gear: an involute-toothed wheel with a bore, optional keyway and hub.

Geometry follows the standard basic rack (ISO 53): pitch diameter ``m * z``, addendum ``m`` (tip
diameter ``m * (z + 2)``, exact), dedendum ``1.25 m``; flanks are true involutes of the base circle
``m * z * cos(alpha)``; tooth thickness on the pitch circle is half the circular pitch. Undercut of
small tooth counts is not modelled (flanks run radially below the base circle).

Default: module 2 mm, 24 teeth (pitch diameter 48 mm, tip diameter 52 mm), 10 mm face width, 8 mm
bore, with a 20 mm hub. The gear lies flat, its axis along +Y.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim


def involute_outline(module: float, teeth: int, pressure_angle_deg: float, flank_points: int = 8) -> np.ndarray:
    """Counter-clockwise gear outline (K, 2) in meters: root arcs, involute flanks and tip arcs."""
    alpha = np.radians(pressure_angle_deg)
    r = module * teeth / 2
    rb = r * np.cos(alpha)
    ra = r + module
    rf = max(r - 1.25 * module, 0.2 * r)

    def inv(a: np.ndarray | float) -> np.ndarray | float:
        return np.tan(a) - a

    # polar half-angle of a tooth at radius rr (tooth centred on angle 0)
    def half_angle(rr: np.ndarray) -> np.ndarray:
        a = np.arccos(np.clip(rb / rr, -1.0, 1.0))
        return np.pi / (2 * teeth) + inv(alpha) - inv(a)

    r_start = max(rb, rf)
    radii = np.linspace(r_start, ra, flank_points)
    psi = half_angle(radii)
    psi_tip = max(float(psi[-1]), 0.0)
    psi = np.maximum(psi, psi_tip)
    pitch_angle = 2 * np.pi / teeth
    # one tooth, centred on 0, from its left root to its right root (increasing angle = CCW)
    right_flank = np.stack([radii, -psi], axis=1)  # (r, angle) rising on the clockwise side
    tip = np.stack([np.full(3, ra), np.linspace(-psi_tip, psi_tip, 5)[1:-1]], axis=1)
    left_flank = np.stack([radii[::-1], psi[::-1]], axis=1)
    flank_pts = [right_flank, tip, left_flank]
    if rf < rb:  # radial flank below the base circle
        flank_pts = [np.array([[rf, -psi[0]]]), *flank_pts, np.array([[rf, psi[0]]])]
    tooth = np.vstack(flank_pts)
    # root arc between this tooth's left foot and the next tooth's right foot
    a0 = tooth[-1, 1]
    a1 = pitch_angle - tooth[-1, 1]
    root = np.stack([np.full(3, rf), np.linspace(a0, a1, 5)[1:-1]], axis=1)
    unit = np.vstack([tooth, root])
    k = np.arange(teeth)[:, None] * pitch_angle
    rr = np.tile(unit[:, 0], teeth)
    aa = (unit[None, :, 1] + k).ravel()
    return np.stack([rr * np.cos(aa), rr * np.sin(aa)], axis=1)


@register
class SpurGearGenerator(Generator):
    id = "spur_gear"
    name = "Spur gear"
    family = "mechanical"
    synonyms = ("gear", "gear wheel", "cog", "cogwheel", "pinion", "spur wheel", "involute gear", "toothed wheel",
                "sprocket gear")
    description = (
        "A spur gear with true involute teeth at an exact module: pitch diameter m*z, tip diameter m*(z+2), "
        "root diameter m*(z-2.5); a bore with an optional keyway and an optional hub. Parameters in meters, "
        "documented in millimetres, ready for 3D printing or machining."
    )
    tags = ("mechanical", "manufacturing", "engineering", "cad", "3d printing")
    params = (
        Param("module", "float", 0.002, 0.0005, 0.01, "m",
              description="module m in meters (2 mm = 0.002); pitch diameter = m * teeth",
              words=("module", "module 1", "module 2", "fine pitch", "coarse teeth"), sample_range=(0.001, 0.003)),
        Param("teeth", "int", 24, 10, 120, "count", description="number of teeth z",
              words=("24 teeth", "teeth", "tooth count"), sample_range=(12, 60)),
        Param("face_width", "float", 0.01, 0.002, 0.1, "m", description="tooth face width (gear thickness), 10 mm",
              words=("thick", "thin", "wide face", "face width"), sample_range=(0.006, 0.02)),
        Param("pressure_angle", "float", 20.0, 14.5, 25.0, "deg", description="pressure angle alpha (20 deg standard)",
              words=("pressure angle", "20 degree"), sample_range=(20.0, 20.0)),
        Param("bore_diameter", "float", 0.008, 0.0, 0.1, "m",
              description="shaft bore diameter (8 mm; 0 = solid); clamped to leave a rim under the teeth",
              words=("bore", "shaft hole", "solid"), sample_range=(0.005, 0.012)),
        Param("keyway", "bool", False, description="a rectangular keyway in the bore (DIN 6885 proportions)",
              words=("keyway", "keyed", "key slot"), p_true=0.3),
        Param("hub", "bool", True, description="a cylindrical hub on one face",
              words=("hub", "with hub", "without hub", "flat gear"), p_true=0.6),
        Param("hub_length", "float", 0.008, 0.002, 0.05, "m", description="hub projection beyond the face (8 mm)",
              words=("long hub", "short hub"), sample_range=(0.005, 0.012)),
        Param("lightening_holes", "int", 0, 0, 8, "count",
              description="round holes through the web to save weight (large gears only)",
              words=("lightening holes", "holes", "spoked"), sample_range=(0, 6)),
    )
    slots = (
        Slot("gear", "steel", words=("gear", "teeth", "body", "metal"),
             choices=("steel", "brass", "stainless_steel", "plastic", "bronze", "cast_iron"),
             description="the whole gear"),
    )
    size = SizeEnvelope(min=(0.005, 0.002, 0.005), max=(1.23, 0.151, 1.23))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        m, z, fw = p["module"], p["teeth"], p["face_width"]
        r_root = max(m * z / 2 - 1.25 * m, 0.2 * m * z / 2)
        seg = int(np.clip(z * 2, 32, 96))
        outline = involute_outline(m, z, p["pressure_angle"])
        bore_r = min(p["bore_diameter"] / 2, r_root * 0.55)
        hub_r = min(max(bore_r * 1.8, bore_r + 0.003, r_root * 0.35), r_root * 0.8)
        body = prim.extrude(outline, fw, crease_deg=30.0)
        cutters = []
        if p["hub"]:
            body = csg.union(body, prim.cylinder(hub_r, fw + p["hub_length"], segments=seg))
        top = fw + (p["hub_length"] if p["hub"] else 0.0)
        n_holes = p["lightening_holes"]
        ring_in, ring_out = max(hub_r, bore_r + 0.002), r_root - max(2.5 * m, 0.002)
        if n_holes >= 3 and ring_out - ring_in > 0.006:
            hole_r = min((ring_out - ring_in) * 0.38, np.pi * (ring_in + ring_out) / 2 / n_holes * 0.35)
            rc = (ring_in + ring_out) / 2
            for i in range(n_holes):
                a = 2 * np.pi * i / n_holes + np.pi / n_holes
                hole = prim.cylinder(hole_r, fw + 0.002, segments=24).translated((rc * np.cos(a), -0.001, rc * np.sin(a)))
                cutters.append(hole)
        if bore_r > 0.0004:
            cutters.append(prim.cylinder(bore_r, top + 0.002, segments=seg).translated((0, -0.001, 0)))
            if p["keyway"]:
                kw = max(bore_r * 0.5, 0.0008)
                depth = bore_r * 0.35
                key = prim.box((kw, top + 0.002, bore_r + depth)).translated((0, top / 2, (bore_r + depth) / 2))
                cutters.append(key)
        if cutters:
            body = csg.difference(body, *cutters, crease_deg=30.0)
        model.add("gear", body, self.material("gear"))
        return model
