"""Shared shapes of the clothing family.

:func:`bent_tube` works around a limit of :func:`meshforge.geometry.primitives.sweep`: the sweep orients
its end caps by the start-to-end axis of the whole path, so a path that turns back on itself (a bag
handle's arch, whose ends both point down) gets a wrongly wound cap. Splitting the path into pieces
that each turn less than about 90 degrees keeps every cap right.
"""

from __future__ import annotations

import numpy as np

from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh


def bent_tube(profile: np.ndarray, path: np.ndarray, *, max_turn_deg: float = 70.0) -> Mesh:
    """Sweep ``profile`` along an open ``path`` that may turn back on itself; one closed solid."""
    pts = np.asarray(path, dtype=np.float64)
    tang = np.gradient(pts, axis=0)
    tang /= np.maximum(np.linalg.norm(tang, axis=1, keepdims=True), 1e-300)
    pieces, start = [], 0
    for i in range(1, len(pts)):
        turn = np.degrees(np.arccos(np.clip(tang[start] @ tang[i], -1.0, 1.0)))
        if turn > max_turn_deg and i - start >= 2:
            pieces.append((start, i))
            start = i - 1
    pieces.append((start, len(pts) - 1))
    if len(pieces) == 1:
        return prim.sweep(profile, pts)
    meshes = []
    for k, (a, b) in enumerate(pieces):
        seg = pts[a:b + 1].copy()
        # neighbours overlap by one segment; alternate a hair's difference in size so no faces coincide
        scale = 1.0 if k % 2 == 0 else 0.996
        if k < len(pieces) - 1:
            seg[-1] = seg[-1] + (seg[-1] - seg[-2]) * 0.3
        meshes.append(prim.sweep(np.asarray(profile) * scale, seg))
    return csg.union(*meshes, crease_deg=60.0)
