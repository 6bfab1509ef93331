"""Skateboard: a popsicle-shaped maple deck with upturned kicktails and a concave-free top covered in grip
tape, two metal trucks (baseplate, hanger and axle) and four urethane wheels.

Default: a standard street deck, 81 cm x 20.5 cm, 54 mm wheels; the board stands on its wheels, its
length along Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.uv import box_project_uvs


def _deck_outline(length: float, width: float, segments: int = 16) -> np.ndarray:
    """(x, z) outline of a popsicle deck: straight sides with semicircular nose and tail."""
    r = width / 2
    half = length / 2 - r
    a = np.linspace(0, np.pi, segments + 1)
    nose = np.stack([r * np.cos(a), half + r * np.sin(a)], axis=1)
    tail = np.stack([-r * np.cos(a), -half - r * np.sin(a)], axis=1)
    return np.vstack([nose, tail])


def _kick(mesh: Mesh, flat: float, rise: float, tail: float) -> Mesh:
    """Bend the ends of a flat board up: beyond ``flat`` (half length) points rise along a circular-ish
    curve reaching ``rise`` at ``flat + tail``."""
    v = mesh.vertices.copy()
    z = np.abs(v[:, 2])
    t = np.clip((z - flat) / tail, 0.0, None)
    v[:, 1] += rise * t**2
    # keep the kicked part's length: pull it back a little as it rises
    v[:, 2] -= np.sign(v[:, 2]) * tail * 0.25 * (rise / tail) ** 2 * t**3
    out = Mesh(v, mesh.faces)
    return box_project_uvs(out.with_normals(40.0))


@register
class SkateboardGenerator(Generator):
    id = "skateboard"
    name = "Skateboard"
    family = "toys"
    synonyms = ("skate board", "skate", "deck", "longboard", "cruiser board", "penny board", "street deck")
    description = (
        "A skateboard: a maple deck with upturned kicktails under black grip tape, two metal trucks with "
        "baseplates, hangers and axles, and four urethane wheels; deck size, kick and wheel size are adjustable."
    )
    tags = ("toy", "sports", "product", "gaming", "street")
    params = (
        Param("length", "float", 0.81, 0.55, 1.2, "m", description="deck length, nose to tail",
              words=("long", "short", "longboard", "mini", "cruiser"), sample_range=(0.78, 0.84)),
        Param("width", "float", 0.205, 0.15, 0.26, "m", description="deck width", words=("wide", "narrow"),
              sample_range=(0.195, 0.215)),
        Param("kick", "float", 0.055, 0.0, 0.09, "m", description="how far the nose and tail rise",
              words=("kicktail", "flat", "steep kick"), sample_range=(0.045, 0.065)),
        Param("wheel_diameter", "float", 0.054, 0.045, 0.075, "m", description="wheel diameter",
              words=("big wheels", "small wheels", "soft wheels"), sample_range=(0.051, 0.058)),
        Param("grip_tape", "bool", True, description="black grip tape on top", words=("grip tape", "griptape"),
              p_true=0.9),
        Param("truck_height", "float", 0.05, 0.04, 0.07, "m", description="height of the trucks (baseplate to axle)",
              words=("high trucks", "low trucks"), sample_range=(0.047, 0.055)),
    )
    slots = (
        Slot("deck", "maple", words=("deck", "board", "wood"), choices=("maple", "painted_wood", "bamboo", "plywood"),
             colors=("#C89F6A", "#D94F30", "#2C6FD1", "#2E8B57", "#F2C230"), description="the deck"),
        Slot("grip", "rubber", color="#1F1F1F", words=("grip", "grip tape", "top"), description="grip tape"),
        Slot("trucks", "brushed_aluminium", words=("trucks", "axles", "metal"), choices=("brushed_aluminium", "steel",
             "black_metal", "brass"), description="trucks"),
        Slot("wheels", "plastic", color="#F2EFE6", words=("wheels", "wheel"),
             colors=("#F2EFE6", "#E8452C", "#2C6FD1", "#F2C230", "#2E8B57", "#1E1E1E"), description="urethane wheels"),
    )
    size = SizeEnvelope(min=(0.14, 0.06, 0.45), max=(0.4, 0.25, 1.3))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        length, width = float(p["length"]), float(p["width"])
        thick = 0.012
        wd = float(p["wheel_diameter"])
        th = float(p["truck_height"])
        deck_y = wd / 2 + th
        tail = min(0.14, length * 0.17)
        flat = length / 2 - tail
        outline = _deck_outline(length, width)
        deck = prim.extrude(outline, thick, bevel=0.003, bevel_segments=2).translated((0, deck_y, 0))
        kick = float(p["kick"])
        deck = _kick(deck, flat, kick, tail)
        model.add("deck", deck, self.material("deck"))
        if p["grip_tape"]:
            inner = prim.offset_polygon(outline, -0.004 if prim.signed_area(outline) < 0 else 0.004)
            if prim.signed_area(inner) * prim.signed_area(outline) < 0 or abs(prim.signed_area(inner)) > abs(
                    prim.signed_area(outline)):
                inner = prim.offset_polygon(outline, 0.004 if prim.signed_area(outline) < 0 else -0.004)
            grip = prim.extrude(inner, 0.0015).translated((0, deck_y + thick - 0.0005, 0))
            model.add("grip", _kick(grip, flat, kick, tail), self.material("grip"))
        truck_mat, wheel_mat = self.material("trucks"), self.material("wheels")
        axle_w = width * 0.95
        for name, z in (("front", 1), ("back", -1)):
            zc = z * (flat - 0.05)
            base = prim.box((0.06, 0.012, 0.09), bevel=0.003).translated((0, deck_y - 0.006, zc))
            model.add(f"baseplate_{name}", base, truck_mat)
            king = prim.cylinder_between((0, deck_y - 0.01, zc), (0, wd / 2 + th * 0.35, zc - z * 0.012), 0.011,
                                         segments=16)
            model.add(f"kingpin_{name}", king, truck_mat)
            hanger = prim.capsule(0.011, axle_w * 0.8, segments=20).transformed(
                np.array([[0, -1, 0, axle_w * 0.4], [1, 0, 0, wd / 2], [0, 0, 1, zc], [0, 0, 0, 1]], dtype=np.float64))
            model.add(f"hanger_{name}", box_project_uvs(hanger), truck_mat)
            axle = prim.cylinder_between((-axle_w / 2 - 0.035, wd / 2, zc), (axle_w / 2 + 0.035, wd / 2, zc), 0.004,
                                         segments=12)
            model.add(f"axle_{name}", axle, truck_mat)
            for side in (1, -1):
                x0 = side * (axle_w / 2 - 0.002)
                wheel = prim.cylinder(wd / 2, 0.034, segments=32, bevel=0.008)
                m = np.eye(4)
                m[:3, :3] = prim.align_y_to((side, 0.0, 0.0))
                m[:3, 3] = (x0, wd / 2, zc)
                model.add(f"wheel_{name}_{'right' if side > 0 else 'left'}", wheel.transformed(m), wheel_mat)
        return model
