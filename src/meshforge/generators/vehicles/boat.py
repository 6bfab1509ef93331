"""Boat: a wooden rowboat (open hull with thwarts and oars) or a sailboat (decked hull with a cabin,
fin keel, rudder, mast, boom, mainsail and jib).

The hull is lofted from U-shaped stations whose beam narrows to a sharp bow and a transom stern, with
a sheer line rising toward the bow; the rowboat's hull is hollowed with CSG to a plank thickness.
Default: a 3.6 m rowboat, 1.4 m beam. The sailboat defaults to 7.5 m with a 10 m mast. Bow at +Z,
keel on y = 0.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.vehicles._parts import side_extrude
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.transform import rotation


def hull_rings(length: float, beam: float, depth: float, *, inset: float = 0.0, stations: int = 24,
               points: int = 12, extend_top: float = 0.0, s_range: tuple[float, float] = (0.0, 1.0),
               transom: float = 0.55) -> list[np.ndarray]:
    """Closed cross-sections (each (2*points, 3)) from stern (s=0, z=-L/2) to bow (s=1, z=+L/2).

    ``inset`` shrinks the hull inward (for the cavity), ``extend_top`` raises the top edge above the
    sheer line (so a cavity cuts through the gunwale).
    """
    rings = []
    for s in np.linspace(*s_range, stations):
        z = -length / 2 + s * length
        # half-beam: transom at the stern, fullest a bit aft of midships, a sharp bow
        shape = np.sin(np.pi * np.clip(s, 0, 1) ** 0.85) ** 0.65
        b = max(beam / 2 * max(shape, transom * (1 - s) ** 2 if s < 0.5 else 0.0), 0.012) - inset
        sheer = depth * (1.0 + 0.25 * s ** 2.5)
        keel = depth * 0.18 * (2 * s - 1) ** 6 + inset  # rocker: the keel rises at the ends
        top = sheer + extend_top
        phi = np.linspace(0, np.pi / 2, points)
        xs = max(b, 0.004) * np.cos(phi) ** 0.7
        ys = keel + (sheer - keel) * (1 - np.sin(phi) ** 1.6)
        ys[0] = top
        right = np.stack([xs, ys, np.full(points, z)], axis=1)
        left = right[::-1].copy()
        left[:, 0] *= -1
        ring = np.vstack([right, left[1:-1]])
        rings.append(ring)
    return rings


@register
class BoatGenerator(Generator):
    id = "boat"
    name = "Boat"
    family = "vehicles"
    synonyms = ("rowboat", "row boat", "rowing boat", "dinghy", "skiff", "sailboat", "sailing boat", "yacht",
                "sloop", "dory", "small boat")
    description = (
        "A small boat: an open wooden rowboat with thwarts and a pair of oars, or a sloop-rigged sailboat with a "
        "decked hull, cabin, fin keel, rudder, mast, boom, mainsail and jib."
    )
    tags = ("vehicles", "marine", "gaming", "nature", "transport")
    params = (
        Param("style", "choice", "rowboat", choices=("rowboat", "sailboat"), description="kind of boat",
              words=("rowboat", "dinghy", "sailboat", "yacht", "sloop")),
        Param("length", "float", 0.0, 0.0, 1.0, "ratio", description="size within the style's range (0 = default: 3.6 m rowboat, 7.5 m sailboat)",
              words=("long", "large", "small"), sample_range=(0.0, 0.6)),
        Param("beam", "float", 0.38, 0.28, 0.45, "ratio", description="beam / length",
              words=("wide", "narrow", "beamy", "slender"), sample_range=(0.33, 0.4)),
        Param("seats", "int", 2, 1, 4, "count", description="thwarts across the rowboat", words=("two seats", "benches"),
              sample_range=(2, 3)),
        Param("oars", "bool", True, description="a pair of oars resting in the rowboat", words=("with oars", "oars"),
              p_true=0.7),
        Param("sail_height", "float", 1.0, 0.75, 1.3, "ratio", description="mast height relative to the usual",
              words=("tall mast", "short mast"), sample_range=(0.9, 1.1)),
    )
    slots = (
        Slot("hull", "painted_wood", color="#2F5D8A", words=("hull", "boat", "body"),
             choices=("painted_wood", "oak", "mahogany", "plastic", "weathered_wood"),
             colors=("#2F5D8A", "#F2F2F2", "#B03A2E", "#2E6B4A", "#E8B54A"), description="hull"),
        Slot("wood", "oak", words=("seats", "deck", "oars", "wood", "thwarts", "mast", "cabin"),
             choices=("oak", "pine", "mahogany", "walnut"), description="seats, oars, deck, spars"),
        Slot("sail", "linen", color="#F4F1E8", words=("sail", "sails", "canvas"), description="sails"),
    )
    size = SizeEnvelope(min=(1.0, 0.5, 3.6), max=(5.0, 19.0, 12.1))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        hull_mat, wood = self.material("hull"), self.material("wood")
        if p["style"] == "rowboat":
            L = 3.6 * (1 + 0.4 * p["length"])
            B = L * p["beam"]
            D = 0.48 * (L / 3.6) ** 0.5
            outer = prim.loft(hull_rings(L, B, D), crease_deg=50.0)
            t = 0.025
            inner = prim.loft(hull_rings(L, B, D, inset=t, extend_top=0.3, s_range=(0.02, 0.975)), crease_deg=50.0)
            hull = csg.difference(outer, inner, crease_deg=50.0)
            model.add("hull", hull, hull_mat)
            seats = []
            n = p["seats"]
            for i in range(n):
                s = 0.28 + 0.45 * (i + 0.5) / n
                z = -L / 2 + s * L
                shape = np.sin(np.pi * s ** 0.85) ** 0.65
                half = B / 2 * shape
                y = D * 0.68
                seats.append(prim.box((half * 2 * 0.97, 0.03, 0.22), bevel=0.008).translated((0, y, z)))
            model.add("seats", csg.intersection(csg.union(*seats), prim.loft(hull_rings(L, B, D, inset=0.005))), wood)
            if p["oars"]:
                for sx in (-1, 1):
                    a = np.array([sx * B * 0.12, D * 0.78, -L * 0.25])
                    b = np.array([sx * B * 0.22, D * 0.9, L * 0.3])
                    shaft = prim.cylinder_between(a, b, 0.02, segments=12)
                    d = (b - a) / np.linalg.norm(b - a)
                    m = np.eye(4)
                    m[:3, :3] = prim.align_y_to(d)  # the blade's thin Z axis ends up near vertical
                    m[:3, 3] = b - d * 0.2
                    blade = prim.box((0.14, 0.5, 0.012), bevel=0.005).transformed(m)
                    model.add(f"oar_{'left' if sx < 0 else 'right'}", csg.union(shaft, blade), wood)
            return model
        # ---- sailboat
        L = 7.5 * (1 + 0.5 * p["length"])
        B = L * p["beam"] * 0.85
        D = 1.0 * (L / 7.5)
        keel_d = 1.2 * (L / 7.5)
        hull = prim.loft(hull_rings(L, B, D, transom=0.75), crease_deg=50.0).translated((0, keel_d, 0))
        model.add("hull", hull, hull_mat)
        deck_y = keel_d + D * 0.98
        fin = prim.box((0.12, keel_d + 0.3, L * 0.14), bevel=0.04).translated((0, (keel_d + 0.3) / 2, -L * 0.02))
        bulb = prim.capsule(0.14, L * 0.2, segments=16).transformed(rotation("x", 90.0)).translated((0, 0.14, L * 0.08))
        rudder = prim.box((0.06, keel_d * 0.8, L * 0.07), bevel=0.02).translated((0, keel_d * 0.75, -L * 0.42))
        model.add("keel", csg.union(fin, bulb, rudder), hull_mat)
        cabin = prim.box((B * 0.5, D * 0.45, L * 0.32), bevel=0.1).translated((0, deck_y + D * 0.2, -L * 0.04))
        model.add("cabin", cabin, wood)
        mast_h = 10.0 * (L / 7.5) * p["sail_height"]
        mz = L * 0.1
        mast = prim.cylinder(0.07, mast_h, segments=16).translated((0, deck_y - 0.2, mz))
        boom_y = deck_y + D * 0.9
        boom = prim.cylinder_between((0, boom_y, mz), (0, boom_y, mz - L * 0.42), 0.05, segments=12)
        model.add("spars", csg.union(mast, boom), wood)
        top = deck_y - 0.2 + mast_h
        main = np.array([(mz - 0.1, boom_y + 0.1), (mz - L * 0.4, boom_y + 0.1), (mz - 0.1, top - 0.3)])
        jib = np.array([(mz + 0.15, top - 0.9), (mz + 0.15 + L * 0.33, deck_y + 0.2), (mz + 0.15, deck_y + 0.35)])
        # sails: thin extrusions of their outlines (z, y) across X
        model.add("mainsail", side_extrude(main, 0.02), self.material("sail"))
        model.add("jib", side_extrude(jib, 0.02), self.material("sail"))
        return model
