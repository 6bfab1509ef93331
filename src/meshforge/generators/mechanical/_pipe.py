"""Pipe sizes shared by the fittings: ISO 4200 / ASME B36.10 outside diameters and schedule 40 walls (mm)."""

from __future__ import annotations

import numpy as np

from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh

NOMINAL_SIZES = ("dn15", "dn20", "dn25", "dn32", "dn40", "dn50", "dn65", "dn80", "dn100", "dn150", "dn200")
#: DN -> (outside diameter, schedule 40 wall) in mm
PIPE_OD_WALL = {"dn15": (21.3, 2.77), "dn20": (26.9, 2.87), "dn25": (33.7, 3.38), "dn32": (42.4, 3.56),
                "dn40": (48.3, 3.68), "dn50": (60.3, 3.91), "dn65": (76.1, 5.16), "dn80": (88.9, 5.49),
                "dn100": (114.3, 6.02), "dn150": (168.3, 7.11), "dn200": (219.1, 8.18)}
#: DN -> NPS in inches (ASME B16.9 long-radius elbow centre-to-end = 1.5 x NPS x 25.4 mm)
NPS = {"dn15": 0.5, "dn20": 0.75, "dn25": 1.0, "dn32": 1.25, "dn40": 1.5, "dn50": 2.0, "dn65": 2.5, "dn80": 3.0,
       "dn100": 4.0, "dn150": 6.0, "dn200": 8.0}
SCHEDULE_FACTOR = {"sch10": 0.7, "sch40": 1.0, "sch80": 1.4}
SIZE_WORDS = ("dn50", "2 inch", "1 inch", "nominal diameter", "nominal size", "small", "large")


def pipe_size(nominal: str, schedule: str) -> tuple[float, float]:
    """(outside radius, wall) in meters."""
    od, wall = PIPE_OD_WALL[nominal]
    return od / 2000.0, wall * SCHEDULE_FACTOR[schedule] / 1000.0


def tube_along(path: np.ndarray, radius: float, segments: int) -> Mesh:
    """A solid round rod swept along ``path`` (m)."""
    return prim.sweep(prim.circle(radius, segments), path)


def socket(start: np.ndarray, direction: np.ndarray, r_out: float, wall: float, length: float,
           segments: int) -> tuple[Mesh, Mesh]:
    """(socket sleeve solid, its bore cutter) at a pipe end: a sleeve over the pipe end whose bore takes a
    pipe of outside radius ``r_out``; ``start`` is the end face, ``direction`` points out of the fitting."""
    d = direction / np.linalg.norm(direction)
    # the sleeve starts a little inside the fitting so no cap is coplanar with the tube's end
    sleeve = prim.cylinder_between(start - d * (length + 0.137 * r_out), start, r_out + wall * 1.1, segments=segments)
    bore = prim.cylinder_between(start - d * length * 0.8, start + d * 0.01, r_out + 0.0002, segments=segments)
    return sleeve, bore


