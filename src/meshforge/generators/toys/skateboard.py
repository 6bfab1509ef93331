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

#: Cross-sections of the deck and the grip tape along the board: the kick bends them per vertex, so the
#: top surfaces must be sampled along the length (an extruded outline's caps are long triangles from
#: nose to tail, which stay straight where the kick bends them and cut through the tape).
STATIONS_FLAT = 16
#: ... and per rounded end, by angle around it (denser where its width changes fastest).
STATIONS_END = 12
#: The last station of each rounded end stops at this angle (degrees) around it: a ring narrower than
#: its bevel cannot be a rounded rectangle (at 88 degrees the flat tip is 7 mm wide on a 20.5 cm deck).
END_ANGLE = 88.0


def _board(length: float, width: float, thickness: float, bevel: float, y: float, segments: int) -> Mesh:
    """A popsicle board lying in the XZ plane, ``thickness`` thick from ``y`` up, edges rounded by
    ``bevel`` (``segments`` per quarter round): rounded-rectangle cross-sections at stations along Z
    (length), lofted and capped."""
    r = width / 2
    half = length / 2 - r
    ends = np.radians(np.linspace(0.0, END_ANGLE, STATIONS_END + 1))[1:]
    z_end = half + r * np.sin(ends)
    w_end = 2.0 * r * np.cos(ends)
    z_flat = np.linspace(-half, half, STATIONS_FLAT + 1)
    z = np.concatenate([-z_end[::-1], z_flat, z_end])
    w = np.concatenate([w_end[::-1], np.full(len(z_flat), width), w_end])
    rings = []
    for zi, wi in zip(z, w, strict=True):
        section = prim.rounded_rectangle(wi, thickness, min(bevel, 0.45 * wi, 0.45 * thickness), segments)
        rings.append(np.column_stack([section[:, 0], y + thickness / 2 + section[:, 1], np.full(len(section), zi)]))
    return prim.loft(rings)


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
        kick = float(p["kick"])
        deck = _kick(_board(length, width, thick, 0.003, deck_y, 2), flat, kick, tail)
        model.add("deck", deck, self.material("deck"))
        if p["grip_tape"]:
            # 4 mm in from the edge, 1.5 mm thick, its lower half millimetre inside the deck: the same
            # stations, so after the kick its top stays 1 mm above the deck's everywhere
            grip = _board(length - 0.008, width - 0.008, 0.0015, 0.0005, deck_y + thick - 0.0005, 1)
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
