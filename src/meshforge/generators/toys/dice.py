"""Dice: a gaming die with rounded edges: a cube (d6) with drilled, painted pips, or a tetrahedron (d4),
octahedron (d8), dodecahedron (d12) or icosahedron (d20) with a painted dot at each face centre.

Default: a 16 mm six-sided die with pips. ``size`` is the distance across opposite faces (d4: its height).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.animals import _soft as soft
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import sdf

RESOLUTION = 64
SIDES = ("4", "6", "8", "12", "20")

#: Pip layouts on a unit face ([-1, 1]^2) for 1..6.
PIPS = {
    1: [(0, 0)],
    2: [(-1, -1), (1, 1)],
    3: [(-1, -1), (0, 0), (1, 1)],
    4: [(-1, -1), (1, -1), (-1, 1), (1, 1)],
    5: [(-1, -1), (1, -1), (0, 0), (-1, 1), (1, 1)],
    6: [(-1, -1), (-1, 0), (-1, 1), (1, -1), (1, 0), (1, 1)],
}


def face_normals(sides: int) -> np.ndarray:
    """Unit outward face normals of the regular polyhedron with ``sides`` faces."""
    phi = (1 + math.sqrt(5)) / 2
    if sides == 4:
        n = np.array([(1, 1, 1), (1, -1, -1), (-1, 1, -1), (-1, -1, 1)], dtype=np.float64)
    elif sides == 6:
        n = np.vstack([np.eye(3), -np.eye(3)])
    elif sides == 8:
        n = np.array([(x, y, z) for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)], dtype=np.float64)
    elif sides == 12:
        # dodecahedron faces point at the icosahedron's vertices
        n = np.array([v for a in (-1, 1) for b in (-phi, phi) for v in ((0, a, b), (a, b, 0), (b, 0, a))],
                     dtype=np.float64)
    else:
        # icosahedron faces point at the dodecahedron's vertices
        cube = [(x, y, z) for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)]
        rest = [v for a in (-1, 1) for b in (-1, 1) for v in ((0, a / phi, b * phi), (a / phi, b * phi, 0),
                                                                (b * phi, 0, a / phi))]
        n = np.array(cube + rest, dtype=np.float64)
    return n / np.linalg.norm(n, axis=1, keepdims=True)


@register
class DiceGenerator(Generator):
    id = "dice"
    name = "Dice"
    family = "toys"
    synonyms = ("die", "d6", "d20", "d4", "d8", "d12", "gaming die", "rpg dice", "board game dice", "casino die")
    description = (
        "A gaming die with rounded edges: a six-sided cube with drilled, painted pips, or a four-, eight-, twelve- "
        "or twenty-sided polyhedral die with a painted dot on every face; plastic in any colour."
    )
    tags = ("toy", "game", "gaming", "tabletop", "product")
    params = (
        Param("sides", "choice", "6", choices=SIDES, description="number of faces (d4, d6, d8, d12, d20)",
              words=("d6", "d20", "six-sided", "twenty-sided", "d4", "d8", "d12")),
        Param("size", "float", 0.016, 0.008, 0.1, "m", description="distance across opposite faces",
              words=("big", "small", "giant", "mini", "jumbo"), sample_range=(0.014, 0.022)),
        Param("rounding", "float", 0.12, 0.02, 0.3, "ratio", description="edge rounding as a fraction of the size",
              words=("rounded", "sharp edges", "casino"), sample_range=(0.06, 0.18)),
        Param("pips", "bool", True, description="painted pips (d6) or face dots (other dice)",
              words=("with pips", "blank", "dotted"), p_true=0.9),
        Param("pip_size", "float", 1.0, 0.6, 1.5, "ratio", description="pip diameter relative to the face",
              words=("big pips", "small pips"), sample_range=(0.85, 1.15)),
        Param("face_up", "int", 1, 1, 6, "count", description="for a d6: the number of pips on top",
              words=("six up", "rolled a one", "showing"), sample_range=(1, 6)),
    )
    slots = (
        Slot("body", "glossy_plastic", color="#F4F2EC", words=("body", "die", "dice", "plastic"),
             colors=("#F4F2EC", "#C8202A", "#1F4FA8", "#1E1E1E", "#2E8B57", "#F2C230"), description="the die"),
        Slot("pips", "glossy_plastic", color="#151515", words=("pips", "dots", "spots", "numbers"),
             colors=("#151515", "#F4F2EC", "#C8202A", "#D4AF37"), description="painted pips"),
    )
    size = SizeEnvelope(min=(0.00637, 0.00566, 0.00637), max=(0.153, 0.115, 0.153))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        sides = int(p["sides"])
        s = float(p["size"])
        normals = face_normals(sides)
        # for a d4 the "size" is its height: inradius + circumradius = 4 * inradius
        inradius = s / 4 if sides == 4 else s / 2
        rnd = min(float(p["rounding"]) * s, inradius * 0.45)
        k = rnd * (0.45 if sides <= 6 else 0.16)

        def evaluate(q: np.ndarray) -> np.ndarray:
            # a soft maximum of the face planes (log-sum-exp): exact on the faces, rounded along the
            # edges and corners by about ``rnd``
            d = normals @ q - inradius
            m = d.max(axis=0)
            return m + k * np.log(np.exp((d - m) / k).sum(axis=0))

        bound = inradius * (3.2 if sides == 4 else 1.8)
        solid = sdf.SDF(evaluate, np.array([[-bound] * 3, [bound] * 3]), f"polyhedron({sides})")
        # lay it on a face: the face pointing down is the first normal with the lowest y after turning
        turn = _resting_rotation(normals, sides)
        normals_w = normals @ turn.T
        solid = _rotated(solid, turn)
        voxel = s / RESOLUTION
        pip_meshes = []
        pip_r = s * 0.085 * float(p["pip_size"])
        cutters: list[sdf.SDF] = []
        if p["pips"]:
            if sides == 6:
                cutters = self._d6_pips(normals_w, inradius, pip_r, int(p["face_up"]))
            else:
                face_r = pip_r * (1.3 if sides <= 8 else 0.9)
                cutters = [sdf.sphere(face_r, n * (inradius + face_r * 0.45)) for n in normals_w]
        if cutters:
            solid = sdf.difference(solid, soft.blend([(cut, 0.0) for cut in cutters], margin=3 * voxel), k=voxel * 1.5)
            for cut in cutters:
                c = cut.bounds.mean(axis=0)
                rad = float(cut.bounds[1, 0] - c[0])
                # the painted ball sits under the cup: only its cap shows, just below the face
                normal = normals_w[int(np.argmax(normals_w @ c))]
                pip_meshes.append((c - normal * (c @ normal - inradius + rad * 0.99), rad))
        model.add("body", soft.mesh(solid, voxel, atlas=False), self.material("body"))
        if pip_meshes:
            mat = self.material("pips")
            from meshforge.geometry.transform import merge

            # a painted ball sits in each cup, its cap a hair below the cup's rim
            model.add("pips", merge([soft.ball(rad * 0.97, c, segments=14) for c, rad in pip_meshes]), mat)
        return model

    @staticmethod
    def _d6_pips(normals: np.ndarray, half: float, pip_r: float, face_up: int) -> list[sdf.SDF]:
        """Pip cutters on a cube: opposite faces sum to seven; ``face_up`` on top."""
        up = int(np.argmax(normals[:, 1]))
        down = int(np.argmin(normals[:, 1]))
        others = [i for i in range(6) if i not in (up, down)]
        values = {up: face_up, down: 7 - face_up}
        rest = [v for v in range(1, 7) if v not in (face_up, 7 - face_up)]
        # pair the four side faces into opposites
        a = others[0]
        opp = min(others[1:], key=lambda j: float(normals[a] @ normals[j]))
        b = [j for j in others if j not in (a, opp)]
        values[a], values[opp] = rest[0], 7 - rest[0]
        other_pair = [v for v in rest if v not in (rest[0], 7 - rest[0])]
        values[b[0]], values[b[1]] = other_pair[0], 7 - other_pair[0]
        out = []
        spread = half * 0.5
        for i, n in enumerate(normals):
            u = np.cross(n, [0.0, 1.0, 0.0] if abs(n[1]) < 0.9 else [1.0, 0.0, 0.0])
            u /= np.linalg.norm(u)
            v = np.cross(n, u)
            for x, y in PIPS[values[i]]:
                centre = n * (half + pip_r * 0.45) + (u * x + v * y) * spread
                out.append(sdf.sphere(pip_r, centre))
        return out


def _resting_rotation(normals: np.ndarray, sides: int) -> np.ndarray:
    """Rotation that turns the die so one face lies flat on the ground (its normal to -Y)."""
    n = normals[-1] if sides != 6 else np.array([0.0, -1.0, 0.0])
    target = np.array([0.0, -1.0, 0.0])
    v = np.cross(n, target)
    c = float(n @ target)
    if np.linalg.norm(v) < 1e-12:
        return np.eye(3) if c > 0 else np.diag([1.0, -1.0, -1.0])
    vx = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
    return np.eye(3) + vx + vx @ vx / (1 + c)


def _rotated(shape: sdf.SDF, matrix: np.ndarray) -> sdf.SDF:
    """``shape`` turned by the rotation ``matrix`` about the origin."""
    inverse = np.ascontiguousarray(matrix.T)

    def evaluate(q: np.ndarray) -> np.ndarray:
        return np.asarray(shape((inverse @ q).T), dtype=np.float64)

    b = shape.bounds
    corners = np.array([[x, y, z] for x in b[:, 0] for y in b[:, 1] for z in b[:, 2]]) @ matrix.T
    return sdf.SDF(evaluate, np.array([corners.min(axis=0), corners.max(axis=0)]), "rotated")
