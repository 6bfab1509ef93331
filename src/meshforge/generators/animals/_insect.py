"""Shared pieces of the stylized insects (bee, ladybug, butterfly): jointed legs, elbowed antennae,
smoothed 2D outlines for wings, and the common parameter for their size.

Insects are laid out in plan units (the body about 1 long, facing +Z, Y up) and scaled to meters.
"""

from __future__ import annotations

import numpy as np

from meshforge.generators.animals import _soft as soft
from meshforge.geometry import sdf


def legs(hips: list[np.ndarray], *, spread: float, reach: float, radius: float, ground: float,
         tucked: bool = False) -> list[tuple[sdf.SDF, float]]:
    """Three pairs of two-segment legs from ``hips`` (right-side points; mirrored to the left).

    Each leg goes out by ``spread`` (plan units) to a raised knee and down to a foot at ``ground``
    (``reach`` further along); ``tucked`` legs hang under the body instead (flying).
    """
    out: list[tuple[sdf.SDF, float]] = []
    fan = (35.0, 0.0, -35.0)
    for hip, ang in zip(hips, fan, strict=True):
        d = soft.direction(0.0, 90.0 - ang)
        for sgn in (1, -1):
            h = hip * np.array([sgn, 1.0, 1.0])
            dd = d * np.array([sgn, 1.0, 1.0])
            if tucked:
                knee = h + dd * spread * 0.45 + np.array([0, -reach * 0.3, -spread * 0.2])
                foot = knee + np.array([0, -reach * 0.45, -spread * 0.35])
            else:
                knee = h + dd * spread + np.array([0, reach * 0.25, 0])
                foot = knee + dd * spread * 0.35
                foot[1] = ground + radius
            out.append((sdf.capsule(h, knee, radius), radius))
            out.append((sdf.round_cone(knee, foot, radius, radius * 0.8), radius * 0.5))
    return out


def antennae(base: np.ndarray, *, length: float, radius: float, club: float = 0.0,
             elbow: bool = True) -> list[tuple[sdf.SDF, float]]:
    """A pair of antennae from ``base`` (right side; mirrored), elbowed or gently curved, with an
    optional club of radius ``club`` at the tips."""
    out: list[tuple[sdf.SDF, float]] = []
    for sgn in (1, -1):
        b = base * np.array([sgn, 1.0, 1.0])
        if elbow:
            mid = b + np.array([sgn * length * 0.2, length * 0.55, length * 0.15])
            tip = mid + np.array([sgn * length * 0.15, length * 0.05, length * 0.45])
            pts = np.stack([b, mid, tip])
        else:
            pts = soft.bezier(b, b + np.array([sgn * 0.15, 0.5, 0.3]) * length,
                              b + np.array([sgn * 0.3, 0.8, 0.55]) * length, b + np.array([sgn * 0.42, 0.85, 0.75]) * length, 5)
        for i in range(len(pts) - 1):
            out.append((sdf.capsule(pts[i], pts[i + 1], radius), radius * 0.5))
        if club > 0:
            out.append((sdf.sphere(club, pts[-1]), radius))
    return out


def smooth_outline(points: np.ndarray, iterations: int = 3) -> np.ndarray:
    """Chaikin corner cutting of a closed 2D polygon: a smooth outline through the control polygon."""
    p = np.asarray(points, dtype=np.float64)
    for _ in range(iterations):
        q = np.roll(p, -1, axis=0)
        p = np.stack([0.75 * p + 0.25 * q, 0.25 * p + 0.75 * q], axis=1).reshape(-1, 2)
    return p
