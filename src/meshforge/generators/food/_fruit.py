"""Shared pieces for round fruit: a lathed body with lobes and hand-made irregularity, a stem and a leaf."""

from __future__ import annotations

import numpy as np

from meshforge.generators.nature._shapes import catmull_rom, ribbon, tube, wobble
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh


def revolve(radius: np.ndarray, height: np.ndarray, *, segments: int = 48, seed: int = 0,
            irregularity: float = 0.0, lobes: int = 0, lobe_depth: float = 0.0,
            lobe_band: tuple[float, float] = (0.0, 1.0)) -> Mesh:
    """A fruit body from a (radius, height) profile running from the bottom pole to the top pole (meters).

    ``lobes`` bumps of ``lobe_depth`` (ratio of the radius) run around the body between the heights
    ``lobe_band`` (fractions of the total height); ``irregularity`` (meters) adds fBm wobble.
    """
    prof = np.stack([radius, height], axis=1)
    prof[0, 0] = prof[-1, 0] = 0.0
    mesh = prim.lathe(prof, segments=segments, crease_deg=80.0)
    if lobes and lobe_depth:
        v = mesh.vertices.copy()
        y0, y1 = height.min(), height.max()
        t = (v[:, 1] - y0) / max(y1 - y0, 1e-9)
        band = np.clip((t - lobe_band[0]) / max(lobe_band[1] - lobe_band[0], 1e-9), 0, 1)
        weight = np.sin(np.pi * band)
        ang = np.arctan2(v[:, 2], v[:, 0])
        s = 1 + lobe_depth * weight * np.cos(lobes * ang)
        v[:, 0] *= s
        v[:, 2] *= s
        mesh = Mesh(v, mesh.faces, None, mesh.uvs).with_normals(80.0)
    if irregularity:
        mesh = wobble(mesh, irregularity, 2.0 / max(float(radius.max()), 1e-6), seed, crease_deg=80.0)
    return mesh


def stem(base: np.ndarray, length: float, radius: float, rng: np.random.Generator) -> Mesh:
    """A short woody stalk rising from ``base`` with a slight random bend (meters)."""
    lean = rng.normal(0, 0.25, 2) * length
    path = catmull_rom([base - np.array([0, length * 0.3, 0]), base + np.array([lean[0] * 0.2, length * 0.4, lean[1] * 0.2]),
                        base + np.array([lean[0], length, lean[1]])], 10)
    return tube(path, np.linspace(radius * 1.15, radius * 0.85, len(path)), segments=10)


def leaf(base: np.ndarray, length: float, rng: np.random.Generator) -> Mesh:
    """A single leaf from ``base`` (its stalk end) arching outward (meters)."""
    a = rng.uniform(0, 2 * np.pi)
    out = np.array([np.cos(a), 0.0, np.sin(a)])
    ctrl = [base - out * length * 0.05, base + out * length * 0.35 + np.array([0, length * 0.18, 0]),
            base + out * length * 0.75 + np.array([0, length * 0.15, 0]), base + out * length + np.array([0, 0.0, 0])]
    path = catmull_rom(ctrl, 16)
    s = np.linspace(0, 1, len(path))
    width = length * 0.42 * np.sin(np.pi * np.clip(s * 0.92 + 0.08, 0, 1)) ** 0.8 + length * 0.02
    return ribbon(path, width, length * 0.03, side=np.cross(out, (0, 1, 0)), cup=0.15, segments=8)
