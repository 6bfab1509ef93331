"""Carrot: a tapering orange root with growth rings and a gentle bend, a rounded shoulder, and a tuft
of feathery green tops.

Default: an 18 cm carrot, 3 cm across the shoulder, with greens.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import catmull_rom, ribbon, skin, solid_union
from meshforge.geometry import primitives as prim
from meshforge.geometry.noise import GradientNoise3D


@register
class CarrotGenerator(Generator):
    id = "carrot"
    name = "Carrot"
    family = "food"
    synonyms = ("carrots", "root vegetable", "baby carrot", "bunch of carrots", "parsnip", "vegetable")
    description = (
        "A carrot: a tapering, slightly bent orange root ringed with faint growth lines, a rounded "
        "shoulder and a tuft of feathery green tops; lying on its side."
    )
    tags = ("food", "vegetable", "kitchen", "garden", "gaming")
    params = (
        Param("length", "float", 0.18, 0.05, 0.35, "m", description="root length",
              words=("long", "short", "big", "baby"), sample_range=(0.15, 0.22)),
        Param("thickness", "float", 0.17, 0.1, 0.3, "ratio", description="shoulder diameter / length",
              words=("fat", "thick", "thin", "slender"), sample_range=(0.14, 0.2)),
        Param("bend", "float", 12.0, 0.0, 45.0, "deg", description="how much the root curves",
              words=("curved", "crooked", "straight"), sample_range=(4.0, 20.0)),
        Param("greens", "bool", True, description="leafy green tops", words=("with greens", "with tops", "topped",
                                                                            "trimmed"), p_true=0.7),
        Param("fronds", "int", 5, 1, 10, "count", description="number of green stalks", words=("bushy tops",),
              sample_range=(3, 7)),
        Param("rings", "float", 0.5, 0.0, 1.0, "ratio", description="depth of the growth rings",
              words=("knobbly", "smooth", "rough"), sample_range=(0.3, 0.7)),
    )
    slots = (
        Slot("root", "fruit_skin", color="#E8741E", words=("root", "carrot", "skin"),
             colors=("#E8741E", "#F08A24", "#D9621A", "#7A2E6E", "#F2D28A"), description="the root"),
        Slot("greens", "foliage", color="#4E9A2E", words=("greens", "tops", "leaves", "stalks", "fronds"),
             description="the green tops"),
    )
    size = SizeEnvelope(min=(0.04, 0.005, 0.01), max=(0.72, 0.2, 0.4))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        L = p["length"]
        R = L * p["thickness"] / 2
        bend = np.radians(p["bend"])
        n, k = 40, 18
        s = np.linspace(0.0, 1.0, n)
        # spine lying along +X from the shoulder (s = 0) to the tip (s = 1), bowing in the XZ plane
        ang = bend * (s - 0.5)
        rc = L / max(bend, 1e-3)
        if p["bend"] > 0.5:
            path = np.stack([rc * np.sin(ang) - rc * np.sin(-bend / 2), np.zeros(n), rc * (1 - np.cos(ang))], axis=1)
        else:
            path = np.stack([s * L, np.zeros(n), np.zeros(n)], axis=1)
        radius = R * np.sqrt(np.clip(1 - s, 0, 1)) ** 1.3 * (1 - 0.15 * s)
        radius[0] = R * 0.55
        radius[1] = R * 0.9
        radius[-1] = R * 0.02
        noise = GradientNoise3D(int(rng.integers(1 << 30)), max_octaves=2)
        ring_pattern = 1 - p["rings"] * 0.05 * (np.sin(s * 55 + noise(np.stack([s * 8, s, s], 1)) * 3) > 0.6)
        radius = np.maximum(radius * ring_pattern, R * 0.02)
        _, normals, binormals = prim.rotation_minimizing_frames(path)
        phi = np.linspace(0, 2 * np.pi, k, endpoint=False)
        wob = 1 + 0.04 * noise(np.stack([np.cos(phi) * 2, np.sin(phi) * 2, np.zeros(k)], 1))
        rings = path[:, None, :] + (radius[:, None] * wob[None, :])[..., None] * (
            np.cos(phi)[None, :, None] * normals[:, None, :] + np.sin(phi)[None, :, None] * binormals[:, None, :])
        root = skin(rings, crease_deg=70.0)
        model.add("root", root, self.material("root"))
        if p["greens"]:
            stalks = [prim.cylinder(R * 0.3, R * 0.5, segments=12).transformed(
                np.array([[0, -1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], dtype=float)).translated(path[0] + (R * 0.1, 0, 0))]
            for i in range(p["fronds"]):
                a = 2 * np.pi * i / p["fronds"] + rng.uniform(-0.3, 0.3)
                spread = np.array([0.0, np.cos(a), np.sin(a)]) * rng.uniform(0.15, 0.35)
                Ls = L * rng.uniform(0.5, 0.8)
                base = path[0] + np.array([-R * 0.2, 0, 0]) + spread * R * 0.5
                ctrl = [base, base + (np.array([-1.0, 0.0, 0.0]) + spread) * Ls * 0.4,
                        base + (np.array([-1.0, 0.0, 0.0]) + spread * 1.8) * Ls * 0.75 - np.array([0, Ls * 0.08, 0]),
                        base + (np.array([-1.0, 0.0, 0.0]) + spread * 2.2) * Ls - np.array([0, Ls * 0.2, 0])]
                # the tops lie on the same table as the root: never below its underside
                ctrl = [np.array([c[0], max(c[1], -R * 0.8), c[2]]) for c in ctrl]
                path_f = catmull_rom(ctrl, 20)
                path_f[:, 1] = np.maximum(path_f[:, 1], -R * 0.8)
                t = np.linspace(0, 1, len(path_f))
                # feathery: a narrow stalk that opens into a leafy, notched blade
                w = np.where(t < 0.4, R * 0.14, R * 1.5 * np.sin(np.pi * np.clip((t - 0.4) / 0.6, 0, 1)) ** 0.6
                             * (0.45 + 0.55 * np.abs(np.sin(t * 40))) + R * 0.1)
                stalks.append(ribbon(path_f, w, max(R * 0.06, 0.0008), up=(0, 1, 0), segments=6))
            model.add("greens", solid_union(*stalks, crease_deg=70.0), self.material("greens"))
        return model
