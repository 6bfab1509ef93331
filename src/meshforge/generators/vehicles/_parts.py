"""Shared vehicle parts: side-profile extrusion, oriented beams and wheels (tire + rim)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.transform import rotation

#: maps extrude's (x, y, z) to (z, x, y): an outline drawn as (length z, height y) is extruded along +X
SIDE_TO_WORLD = np.array([[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 1]], dtype=np.float64)


def side_extrude(outline_zy: Sequence[Sequence[float]], width: float, *, bevel: float = 0.0,
                 crease_deg: float = 40.0) -> Mesh:
    """Extrude a side silhouette (points (z, y), meters) across ``width``, centred on x = 0."""
    m = prim.extrude(np.asarray(outline_zy, dtype=np.float64), width, bevel=bevel, bevel_segments=3,
                     crease_deg=crease_deg)
    return m.transformed(SIDE_TO_WORLD).translated((-width / 2, 0, 0))


def beam(a: Sequence[float], b: Sequence[float], width: float, depth: float, *, bevel: float = 0.0) -> Mesh:
    """A square-section bar from ``a`` to ``b``: ``width`` across X-ish, ``depth`` across the other side."""
    a_, b_ = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    length = float(np.linalg.norm(b_ - a_))
    box = prim.box((width, length, depth), bevel=bevel).translated((0, length / 2, 0))
    m = np.eye(4)
    m[:3, :3] = prim.align_y_to(b_ - a_)
    m[:3, 3] = a_
    return box.transformed(m)


def wheel(radius: float, width: float, *, rim_ratio: float = 0.62, segments: int = 48,
          spokes: int = 5) -> tuple[Mesh, Mesh]:
    """(tire, rim) of a road wheel with its axle along X, centred on the origin.

    The tire is a lathed rounded band (outer ``radius``, inner ``radius * rim_ratio``); the rim fills
    it with a dished face, a hub and ``spokes`` raised spokes (0 = a plain disc).
    """
    r_in = radius * rim_ratio
    hw = width / 2
    sh = min(hw * 0.45, (radius - r_in) * 0.45)  # shoulder rounding
    a = np.linspace(0, np.pi / 2, 5)
    outer_top = np.stack([radius - sh + sh * np.cos(a), hw - sh + sh * np.sin(a)], axis=1)
    prof = np.vstack([[(r_in, -hw * 0.92)], (outer_top * [1, -1])[::-1], outer_top, [(r_in, hw * 0.92)]])
    tire = prim.lathe(prof, segments=segments, closed=True, crease_deg=50.0)
    rim_prof = [(0, -hw * 0.7), (r_in * 1.02, -hw * 0.85), (r_in * 1.02, hw * 0.85), (r_in * 0.94, hw * 0.85),
                (r_in * 0.85, hw * 0.55), (r_in * 0.3, hw * 0.5), (r_in * 0.22, hw * 0.75), (0, hw * 0.75)]
    rim = prim.lathe(rim_prof, segments=segments, crease_deg=40.0)
    if spokes:
        from meshforge.geometry import csg

        parts = [rim]
        for i in range(spokes):
            ang = 360.0 * i / spokes
            sp = prim.box((r_in * 0.16, hw * 0.35, r_in * 0.62), bevel=r_in * 0.03).translated((0, hw * 0.6, r_in * 0.55))
            parts.append(sp.transformed(rotation("y", ang)))
        rim = csg.union(*parts, crease_deg=40.0)
    to_x = rotation("z", -90.0)  # axle +Y -> +X, rim face toward +X
    return tire.transformed(to_x), rim.transformed(to_x)
