"""Snake: a stylized snake lying coiled on the ground: a tapering scaly body swept along a flat spiral of
one or more coils, rising from the middle into a raised neck with a rounded head, glossy eyes and a
forked red tongue; a zigzag band of markings runs along the back.

Default: 1.5 m long body (tip of the tail to the nose).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.animals import _soft as soft
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import sdf


@register
class SnakeGenerator(Generator):
    id = "snake"
    name = "Snake"
    family = "animals"
    synonyms = ("serpent", "cobra", "python", "viper", "rattlesnake", "boa", "adder", "garter snake", "snek")
    description = (
        "A stylized snake coiled on the ground: a tapering scaly body wound in a flat spiral of one or more coils, "
        "rising from the middle into a raised neck with a rounded head, glossy eyes, a forked red tongue and a "
        "band of markings along the back."
    )
    tags = ("animal", "reptile", "creature", "nature", "gaming", "toy")
    params = (
        Param("size", "float", 1.5, 0.3, 6.0, "m", description="length of the body from tail tip to nose",
              words=("long", "short", "big", "small", "giant", "tiny"), sample_range=(1.2, 1.9)),
        Param("coils", "int", 2, 1, 5, "count", description="turns of the spiral on the ground",
              words=("coiled", "two coils", "three coils"), sample_range=(1, 3)),
        Param("thickness", "float", 1.0, 0.6, 1.6, "ratio", description="girth relative to a typical snake",
              words=("thick", "fat", "thin", "slender"), sample_range=(0.85, 1.2)),
        Param("head_raise", "float", 0.25, 0.0, 0.45, "ratio", description="how high the head is raised, fraction of the length",
              words=("raised head", "striking", "rearing", "flat"), sample_range=(0.12, 0.32)),
        Param("tongue", "bool", True, description="forked tongue out", words=("tongue out", "hissing"), p_true=0.7),
        Param("cartoon", "float", 0.3, 0.0, 1.0, "ratio", description="0 = natural, 1 = big round head and eyes",
              words=("cartoon", "cute", "stylized", "realistic"), sample_range=(0.1, 0.6)),
    )
    slots = (
        Slot("body", "scales", color="#5E8C3A", words=("scales", "skin", "body", "snake"),
             colors=("#5E8C3A", "#8A6A3A", "#3F6F8F", "#C9A23A", "#7A2E2E"), description="scaly skin"),
        Slot("markings", "scales", color="#2E3A1E", words=("pattern", "stripes", "markings", "diamonds"),
             description="band of markings along the back"),
        Slot("eyes", "glossy_plastic", color="#101010", words=("eyes", "eye"), description="glossy eyes"),
        Slot("tongue", "skin", color="#C8202A", words=("tongue",), description="forked tongue"),
    )
    size = SizeEnvelope(min=(0.0547, 0.0272, 0.0565), max=(4.84, 3.81, 4.93))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        length = float(p["size"])
        c = float(p["cartoon"])
        r = 0.022 * length * float(p["thickness"]) * (1 + 0.2 * c)
        path, radii = self._path(length, r, int(p["coils"]), float(p["head_raise"]))
        # head: a rounded wedge at the end of the neck, looking ahead
        tip, before = path[-1], path[-4]
        fwd = (tip - before) / np.linalg.norm(tip - before)
        hr = r * 1.35 * (1 + 0.45 * c)
        head_c = tip + fwd * hr * 0.55
        yaw = math.degrees(math.atan2(fwd[0], fwd[2]))
        pitch = -math.degrees(math.asin(np.clip(fwd[1], -1, 1)))
        head = sdf.union(
            sdf.ellipsoid((hr * 0.95, hr * 0.7, hr * 1.25)),
            sdf.ellipsoid((hr * 0.7, hr * 0.5, hr * 0.9), center=(0, -hr * 0.1, hr * 0.7)),
            k=hr * 0.4,
        ).rotate("x", pitch).rotate("y", yaw).translate(head_c)
        # the body: round cones along the centre line (a tube that cannot fold onto itself)
        pieces: list[tuple[sdf.SDF, float]] = [
            (sdf.round_cone(path[i], path[i + 1], float(radii[i]), float(radii[i + 1])), 0.0)
            for i in range(len(path) - 1)
        ]
        pieces.append((head, r * 0.6))
        body = soft.blend(pieces, margin=r * 1.5)
        extent = float(np.ptp(body.bounds, axis=0).max())
        # fine enough to keep the half-radius gaps between coils open
        voxel = min(max(extent / 90, r / 3.2), r / 2.6)
        model.add("body", soft.mesh(body, voxel, atlas=False), self.material("body"))
        marks = self._mark_regions(path, radii, r)
        if marks:
            patch = soft.patch(body, sdf.union(*marks), voxel * 0.7, voxel, min_voxels=6.0)
            if patch is not None:
                model.add("markings", patch, self.material("markings"))
        # eyes on the sides of the head
        mat = self.material("eyes")
        side = np.cross(np.array([0.0, 1.0, 0.0]), fwd)
        side /= np.linalg.norm(side)
        er = hr * 0.22 * (1 + 0.8 * c)
        for sgn, name in ((1, "eye_left"), (-1, "eye_right")):
            d = side * sgn * 0.85 + np.array([0, 0.45, 0]) + fwd * 0.35
            hit = soft.surface_point(body, head_c + fwd * hr * 0.3, d, reach=hr * 4)
            dn = d / np.linalg.norm(d)
            model.add(name, soft.ball(er, hit - dn * er * 0.4, segments=16), mat)
        if p["tongue"]:
            mouth = head_c + fwd * hr * 1.45 - np.array([0, hr * 0.2, 0])
            fork = mouth + fwd * hr * 0.9
            t = max(r * 0.09, voxel * 0.8)
            forks = [sdf.capsule(mouth - fwd * hr * 0.3, fork, t)]
            for sgn in (1, -1):
                forks.append(sdf.capsule(fork, fork + fwd * hr * 0.4 + side * sgn * hr * 0.22, t))
            tongue = sdf.union(*forks, k=t)
            model.add("tongue", soft.mesh(tongue, t / 1.5, atlas=False), self.material("tongue"))
        return model

    @staticmethod
    def _path(length: float, r: float, coils: int, raise_ratio: float) -> tuple[np.ndarray, np.ndarray]:
        """Centre line (tail tip -> neck -> nose) and radius per point, total length about ``length``."""
        gap = 2.5 * r
        inner = 3.2 * r
        n = 20 * coils
        t = np.linspace(0.0, 1.0, n)
        # spiral from the outside (tail) inward: radius shrinks by one gap per turn
        outer = inner + gap * coils
        rad = outer - (outer - inner) * t
        ang = 2 * math.pi * coils * t
        spiral = np.stack([rad * np.sin(ang), np.full(n, r), rad * np.cos(ang)], axis=1)
        seg = np.linalg.norm(np.diff(spiral, axis=0), axis=1)
        spiral_len = float(seg.sum())
        # neck: from the inner end up over the middle to a raised head looking ahead (+Z)
        rise = max(raise_ratio * length, r * 2.5)
        start = spiral[-1]
        d0 = spiral[-1] - spiral[-2]
        d0 /= np.linalg.norm(d0)
        neck_len = max(length - spiral_len, r * 8)
        # rise steeply inside the innermost coil so the neck clears the coils, then level off looking ahead
        head = np.array([0.0, r + rise, inner * 0.4 + min(neck_len * 0.12, inner)])
        up = max(rise * 0.7, r * 3.0)
        neck = soft.bezier(start, start + d0 * r * 2.0 + np.array([0, up, 0]) - start * np.array([0.5, 0, 0.5]),
                           head - np.array([0, 0, max(neck_len * 0.2, r * 3)]), head, 12)[1:]
        path = np.vstack([spiral, neck])
        s = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))])
        u = s / s[-1]
        radii = r * np.clip(0.12 + 0.88 * np.sqrt(np.clip(u / 0.45, 0, 1)), 0.12, 1.0) * (1 - 0.15 * u ** 4)
        return path, radii

    @staticmethod
    def _mark_regions(path: np.ndarray, radii: np.ndarray, r: float) -> list[sdf.SDF]:
        """Blotches along the top of the body, every few body widths."""
        s = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))])
        out = []
        for cs in np.arange(r * 3.0, s[-1] - r * 6.0, r * 3.2):
            i = min(max(int(np.searchsorted(s, cs)), 1), len(path) - 2)
            if radii[i] < r * 0.3:
                continue
            out.append(sdf.sphere(radii[i] * 0.85, path[i] + np.array([0, radii[i] * 0.9, 0])))
        return out
