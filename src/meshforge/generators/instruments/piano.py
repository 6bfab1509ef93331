"""Piano: an upright (tall cabinet, keyboard shelf on two toe blocks, music desk, pedals) or a grand
(curved case on three legs, lid propped open on its stick, music desk, pedal lyre) with a full
keyboard of white and black keys in the real octave pattern.

Key pitch 23.5 mm per white key; an 88-key keyboard spans 52 white keys (1.22 m). Default: an 88-key
upright, 1.5 m wide, 1.2 m tall, 0.6 m deep. The keyboard faces +Z.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh, concatenate
from meshforge.geometry.transform import rotation, translation

WHITE = 0.0235
#: black keys follow these white keys within an octave starting at C (C#, D#, F#, G#, A#)
BLACK_AFTER = {0, 1, 3, 4, 5}


def keyboard(keys: int, y: float, z_front: float) -> tuple[Mesh, Mesh, float]:
    """(white keys, black keys, width): ``keys`` keys starting from A (like an 88-key piano) or C."""
    start = 5 if keys == 88 else 0  # 88 keys start at A0: white-key index 5 of the C-based octave
    notes = []  # (is_black, white index it follows)
    w = 0
    pos = start
    count = 0
    while count < keys:
        notes.append((False, w))
        count += 1
        if count < keys and (pos % 7) in BLACK_AFTER:
            notes.append((True, w))
            count += 1
        w += 1
        pos += 1
    n_white = w
    width = n_white * WHITE
    x0 = -width / 2
    white_unit = prim.box((WHITE - 0.0012, 0.022, 0.15), bevel=0.0015, bevel_segments=1)
    black_unit = prim.box((0.011, 0.012, 0.095), bevel=0.0015, bevel_segments=1)
    whites, blacks = [], []
    for black, wi in notes:
        if black:
            blacks.append(black_unit.translated((x0 + (wi + 1) * WHITE, y + 0.022 + 0.002, z_front - 0.1 / 2 - 0.055)))
        else:
            whites.append(white_unit.translated((x0 + (wi + 0.5) * WHITE, y + 0.011, z_front - 0.075)))
    return concatenate(whites), concatenate(blacks), width


def grand_outline(length: float, width: float, n: int = 20) -> np.ndarray:
    """(x, z) outline of a grand's case: keyboard edge at +z, straight bass side at -x, the curved treble
    "bentside" sweeping in toward the tail, and a rounded tail."""
    t = np.linspace(0, 1, n)
    z_end = length / 2 - 0.85 * length
    bent = np.stack([width / 2 - width * 0.45 * np.sin(t * np.pi / 2) ** 2, length / 2 - 0.85 * length * t], axis=1)
    x_e = float(bent[-1, 0])
    cx, a = (x_e - width / 2) / 2, (x_e + width / 2) / 2
    phi = np.linspace(0, np.pi, 14)[1:]
    tail = np.stack([cx + a * np.cos(phi), z_end - 0.15 * length * np.sin(phi)], axis=1)
    return np.vstack([bent, tail, [(-width / 2, length / 2)]])


@register
class PianoGenerator(Generator):
    id = "piano"
    name = "Piano"
    family = "instruments"
    synonyms = ("upright piano", "grand piano", "baby grand", "pianoforte", "concert grand", "keyboard instrument",
                "acoustic piano")
    description = (
        "A piano: an upright with a tall cabinet, keyboard shelf, music desk and pedals, or a grand with a curved "
        "case on three legs and the lid propped open; a full keyboard of white and black keys in the octave pattern."
    )
    tags = ("instruments", "music", "interior", "furniture", "gaming")
    params = (
        Param("style", "choice", "upright", choices=("upright", "grand"), description="upright or grand piano",
              words=("upright", "grand", "baby grand", "concert grand")),
        Param("keys", "int", 88, 49, 88, "count", description="number of keys (88 full size)",
              words=("88 keys", "61 keys", "keys"), sample_range=(85, 88)),
        Param("height", "float", 1.2, 1.0, 1.4, "m", description="upright cabinet height (1.2 m)",
              words=("tall", "studio", "console"), sample_range=(1.1, 1.3)),
        Param("grand_length", "float", 1.7, 1.4, 2.8, "m", description="grand piano length (1.7 m baby grand, 2.7 m concert)",
              words=("baby grand", "concert grand", "long"), sample_range=(1.5, 2.1)),
        Param("lid_open", "bool", True, description="grand lid propped open (grand only)", words=("lid open", "closed lid"),
              p_true=0.7),
        Param("bench", "bool", False, description="a piano bench in front", words=("bench", "stool"), p_true=0.4),
    )
    slots = (
        Slot("case", "glossy_plastic", color="#0E0E0F", words=("piano", "case", "cabinet", "body", "lid", "finish"),
             choices=("glossy_plastic", "walnut", "mahogany", "oak", "cherry"),
             colors=("#0E0E0F", "#F2F0EA", "#3B2416"), description="case, lid, legs"),
        Slot("white_keys", "glossy_plastic", color="#F6F3EA", words=("white keys", "ivories", "keys"),
             description="white keys"),
        Slot("black_keys", "glossy_plastic", color="#111111", words=("black keys", "sharps"), description="black keys"),
        Slot("metal", "brass", words=("pedals", "hinges", "metal"), choices=("brass", "gold", "chrome"),
             description="pedals"),
    )
    size = SizeEnvelope(min=(0.9, 0.9, 0.5), max=(1.7, 2.0, 3.3))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        case_mat = self.material("case")
        key_y = 0.72  # top of the key bed
        if p["style"] == "upright":
            return self._upright(model, p, case_mat, key_y)
        return self._grand(model, p, case_mat, key_y)

    def _keys(self, model: Model, keys: int, y: float, z_front: float) -> float:
        whites, blacks, width = keyboard(keys, y, z_front)
        model.add("white_keys", whites, self.material("white_keys"))
        model.add("black_keys", blacks, self.material("black_keys"))
        return width

    def _pedals(self, model: Model, z: float, n: int = 3) -> None:
        pedals = [prim.box((0.035, 0.012, 0.1), bevel=0.004).translated(((i - (n - 1) / 2) * 0.07, 0.06, z)) for i in range(n)]
        model.add("pedals", concatenate(pedals), self.material("metal"))

    def _bench(self, model: Model, z: float) -> None:
        top = prim.box((0.8, 0.06, 0.36), bevel=0.01).translated((0, 0.5, z))
        legs = [prim.box((0.05, 0.47, 0.05), bevel=0.006).translated((sx * 0.34, 0.235, z + sz * 0.14))
                for sx in (-1, 1) for sz in (-1, 1)]
        model.add("bench", csg.union(top, *legs), self.material("case"))

    def _upright(self, model: Model, p: dict[str, Any], case_mat: Any, key_y: float) -> Model:
        H, D = p["height"], 0.6
        kb_w = p["keys"] * 7 / 12 * WHITE + 0.01
        W = max(kb_w + 0.16, 1.0)
        back_d = 0.36
        z_back = -D / 2
        cabinet = prim.box((W, H, back_d), bevel=0.01).translated((0, H / 2, z_back + back_d / 2))
        shelf = prim.box((W, 0.08, D - back_d + 0.02), bevel=0.008).translated((0, key_y - 0.04, z_back + back_d + (D - back_d) / 2 - 0.01))
        cheeks = [prim.box((0.06, 0.16, D - back_d + 0.02), bevel=0.008).translated((sx * (W / 2 - 0.03), key_y + 0.08 - 0.01,
                                                                                          z_back + back_d + (D - back_d) / 2 - 0.01))
                  for sx in (-1, 1)]
        toes = [prim.box((0.07, 0.06, D - back_d + 0.05), bevel=0.008).translated((sx * (W / 2 - 0.05), 0.03,
                                                                                     z_back + back_d + (D - back_d) / 2))
                for sx in (-1, 1)]
        legs = [prim.box((0.06, key_y - 0.07, 0.06), bevel=0.008).translated((sx * (W / 2 - 0.05), (key_y - 0.08) / 2 + 0.04,
                                                                                D / 2 - 0.08)) for sx in (-1, 1)]
        fall = prim.box((W - 0.12, 0.1, 0.06), bevel=0.01).transformed(rotation("x", -20.0)).translated(
            (0, key_y + 0.13, z_back + back_d + 0.02))
        desk = prim.box((W * 0.6, 0.22, 0.025), bevel=0.006).transformed(rotation("x", -12.0)).translated(
            (0, key_y + 0.32, z_back + back_d + 0.01))
        model.add("case", csg.union(cabinet, shelf, *cheeks, *toes, *legs, fall, desk, crease_deg=40.0), case_mat)
        self._keys(model, p["keys"], key_y, D / 2 - 0.02)
        self._pedals(model, z_back + back_d + 0.05)
        if p["bench"]:
            self._bench(model, D / 2 + 0.45)
        return model

    def _grand(self, model: Model, p: dict[str, Any], case_mat: Any, key_y: float) -> Model:
        L = p["grand_length"]
        kb_w = p["keys"] * 7 / 12 * WHITE + 0.01
        W = max(kb_w + 0.2, 1.2)
        rim_h = 0.3
        rim_bottom = key_y - 0.1
        outline = grand_outline(L, W)
        body = prim.extrude(outline, rim_h, bevel=0.012).translated((0, rim_bottom, 0))
        parts = [body]
        legs = []
        for x, z in ((-W / 2 + 0.12, L / 2 - 0.15), (W / 2 - 0.12, L / 2 - 0.15), (-W * 0.05, -L / 2 + 0.2)):
            legs.append(prim.lathe([(0, 0), (0.05, 0.0), (0.05, 0.03), (0.035, 0.05), (0.045, rim_bottom * 0.6),
                                    (0.06, rim_bottom + 0.02), (0, rim_bottom + 0.02)], segments=20).translated((x, 0, z)))
        key_case = prim.box((W, 0.1, 0.3), bevel=0.01).translated((0, key_y - 0.05, L / 2 + 0.12))
        cheeks = [prim.box((0.07, 0.16, 0.3), bevel=0.01).translated((sx * (W / 2 - 0.035), key_y + 0.02, L / 2 + 0.12))
                  for sx in (-1, 1)]
        lyre = prim.box((0.2, rim_bottom - 0.03, 0.05), bevel=0.01).translated((0, (rim_bottom - 0.03) / 2 + 0.05, L / 2 - 0.3))
        desk = prim.box((W * 0.55, 0.25, 0.025), bevel=0.006).transformed(rotation("x", -15.0)).translated(
            (0, rim_bottom + rim_h + 0.12, L / 2 - 0.12))
        model.add("case", csg.union(*parts, key_case, *cheeks, lyre, desk, crease_deg=40.0), case_mat)
        model.add("legs", concatenate(legs), case_mat)
        lid = prim.extrude(outline, 0.02, bevel=0.004)
        top = rim_bottom + rim_h
        if p["lid_open"]:
            # hinged along the straight bass side (-x), propped at ~40 degrees
            hinge = np.array([-W / 2, top, 0.0])
            tf = translation(hinge) @ rotation("z", 38.0) @ translation(-hinge) @ translation((0, top, 0))
            model.add("lid", lid.transformed(tf), case_mat)
            x_stick = W * 0.15  # under the lid where the bentside still leaves it wide
            lift = (x_stick + W / 2) * np.tan(np.radians(38.0))
            stick = prim.cylinder(0.012, lift, segments=10).translated((x_stick, top, L * 0.1))
            model.add("lid_stick", stick, case_mat)
        else:
            model.add("lid", lid.translated((0, top, 0)), case_mat)
        self._keys(model, p["keys"], key_y, L / 2 + 0.26)
        self._pedals(model, L / 2 - 0.22)
        if p["bench"]:
            self._bench(model, L / 2 + 0.75)
        return model
