"""Hammer: a claw hammer, ball-peen hammer or sledgehammer: a forged steel head (round striking face,
curved split claw, ball peen or double face) on a wooden or rubber-gripped handle with an oval,
slightly waisted section. Lies on its side on the ground.

Default: a 16 oz claw hammer, 33 cm long, 12.5 cm head. The handle runs along Z (head at +Z), the
striking face points to +X.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.transform import rotation

SIDE = np.array([[1, 0, 0, 0], [0, 0, -1, 0], [0, 1, 0, 0], [0, 0, 0, 1]], dtype=np.float64)  # lay Y-up parts on their side


def handle_rings(length: float, width: float, thickness: float, n: int = 16, k: int = 20) -> list[np.ndarray]:
    """Oval cross-sections along +Y from 0 to ``length``: a swelling grip end, a waist, a tapered neck."""
    s = np.linspace(0.0, 1.0, n)
    prof = 1.0 + 0.12 * np.exp(-(((s - 0.12) / 0.12) ** 2)) - 0.12 * np.exp(-(((s - 0.72) / 0.12) ** 2))
    t = np.linspace(0, 2 * np.pi, k, endpoint=False)
    rings = []
    for si, f in zip(s, prof, strict=True):
        end = 0.93 if si in (s[0],) else 1.0
        rings.append(np.stack([width / 2 * f * end * np.cos(t), np.full(k, si * length),
                               thickness / 2 * f * end * np.sin(t)], axis=1))
    return rings


@register
class HammerGenerator(Generator):
    id = "hammer"
    name = "Hammer"
    family = "tools"
    synonyms = ("claw hammer", "ball peen hammer", "sledgehammer", "sledge hammer", "mallet", "carpenter's hammer",
                "framing hammer", "club hammer")
    description = (
        "A hammer: claw hammer with a curved split claw, ball-peen hammer, or long sledgehammer with a double-faced "
        "head; forged steel head on a wooden handle with an optional rubber grip; lying on its side."
    )
    tags = ("tools", "hardware", "workshop", "gaming", "props")
    params = (
        Param("style", "choice", "claw", choices=("claw", "ball_peen", "sledge"), description="kind of hammer",
              words=("claw hammer", "ball peen", "sledgehammer", "club hammer")),
        Param("length", "float", 0.33, 0.22, 0.95, "m", description="overall handle length (33 cm)",
              words=("long", "short", "stubby"), sample_range=(0.3, 0.36)),
        Param("head_length", "float", 0.125, 0.08, 0.25, "m", description="head length face to claw (12.5 cm)",
              words=("heavy head", "big head", "light"), sample_range=(0.11, 0.135)),
        Param("face_diameter", "float", 0.028, 0.018, 0.07, "m", description="striking face diameter (28 mm)",
              words=("wide face",), sample_range=(0.025, 0.031)),
        Param("grip", "bool", False, description="a rubber grip over the lower handle", words=("rubber grip", "grip"),
              p_true=0.4),
    )
    slots = (
        Slot("head", "steel", words=("head", "steel", "metal"), choices=("steel", "black_metal", "cast_iron", "chrome"),
             description="hammer head"),
        Slot("handle", "oak", words=("handle", "shaft", "wood"), choices=("oak", "walnut", "pine", "bamboo", "painted_wood"),
             description="handle"),
        Slot("grip", "rubber", color="#1E1E1E", words=("grip", "rubber"), colors=("#1E1E1E", "#C0392B", "#F1C40F"),
             description="rubber grip"),
    )
    size = SizeEnvelope(min=(0.08, 0.015, 0.2), max=(0.45, 0.1, 1.0))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        style = p["style"]
        sledge = style == "sledge"
        L = max(p["length"], 0.7) if sledge else p["length"]
        hl = p["head_length"] * (1.3 if sledge else 1.0)
        fr = p["face_diameter"] / 2 * (1.6 if sledge else 1.0)
        hw = fr * 0.9  # head half-width across the handle's thickness
        hh = fr * 1.25  # head height along the handle
        hthick = 0.028 * (1.5 if sledge else 1.0)
        hwid = 0.018 * (1.5 if sledge else 1.0)
        y_head = L - hh * 0.6
        rings = handle_rings(L - hh * 0.2, hthick, hwid)
        handle = prim.loft(rings, crease_deg=60.0)
        model.add("handle", handle.transformed(SIDE), self.material("handle"))
        # head built along X (the striking face toward +X), centred on the handle's top
        parts = []
        neck = prim.box((hl * 0.42, hh, hw * 1.7), bevel=hw * 0.2).translated((0, y_head, 0))
        parts.append(neck)
        face_len = hl * (1.0 if sledge else 0.5)  # a sledge is double-faced: one bar through the eye
        face = prim.cylinder(fr, face_len, segments=32, bevel=fr * 0.12).transformed(rotation("z", -90.0))
        parts.append(face.translated((-face_len / 2 if sledge else 0.0, y_head, 0)))
        if style == "claw":
            a = np.linspace(0, np.radians(55), 10)
            Rc = hl * 0.75
            path = np.stack([-Rc * np.sin(a), y_head - Rc + Rc * np.cos(a), np.zeros_like(a)], axis=1)
            prof = np.array([(-hh * 0.32, -hw * 0.8), (hh * 0.32, -hw * 0.8), (hh * 0.32, hw * 0.8), (-hh * 0.32, hw * 0.8)])
            claw = prim.sweep(prof, path, scales=np.linspace(1.0, 0.45, 10))
            slot = prim.box((hl * 0.7, hh * 3, hw * 0.35)).translated((-hl * 0.5, y_head, 0))
            claw = csg.difference(claw, slot)
            parts.append(claw)
        elif style == "ball_peen":
            parts.append(prim.cylinder(fr * 0.7, hl * 0.4, segments=24).transformed(rotation("z", 90.0)).translated((hl * 0.1, y_head, 0)))
            parts.append(prim.sphere(fr * 0.85, segments=24).translated((-hl * 0.42, y_head, 0)))
        head = csg.union(*parts, crease_deg=40.0)
        model.add("head", head.transformed(SIDE), self.material("head"))
        if p["grip"]:
            grip_rings = [r * [1.08, 1.0, 1.08] for r in handle_rings(L - hh * 0.2, hthick, hwid)[:7]]
            grip = prim.loft(grip_rings, crease_deg=60.0)
            model.add("grip", grip.transformed(SIDE), self.material("grip"))
        return model
