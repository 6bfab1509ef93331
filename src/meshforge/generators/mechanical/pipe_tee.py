"""Pipe tee (butt-weld fitting, ASME B16.9 / EN 10253): a straight run with a branch at 90 degrees,
equal or reducing.

Sizes from the nominal pipe size (ISO 4200 outside diameter, schedule walls); centre-to-end of the run
and branch is about 1.15 x NPS (ASME B16.9 equal tees: DN50 -> 64 mm). The run lies along X on
the ground; the branch points up (+Y).

Default: DN50 equal tee, schedule 40, plain ends.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.mechanical import _pipe
from meshforge.generators.mechanical.pipe_elbow import PIPE_MATERIALS
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim


@register
class PipeTeeGenerator(Generator):
    id = "pipe_tee"
    name = "Pipe tee"
    family = "mechanical"
    synonyms = ("tee", "tee fitting", "t fitting", "t-piece", "tee piece", "reducing tee", "equal tee",
                "branch fitting", "pipe junction")
    description = (
        "A pipe tee fitting: a straight run with a perpendicular branch, equal or reducing, at a nominal pipe "
        "size (DN15 to DN200) and schedule wall, plain butt-weld or socket ends, open bores throughout."
    )
    tags = ("mechanical", "manufacturing", "piping", "plumbing", "industrial", "cad")
    params = (
        Param("nominal_size", "choice", "dn50", choices=_pipe.NOMINAL_SIZES,
              description="nominal size of the run (DN50 = 2 inch)", words=_pipe.SIZE_WORDS),
        Param("branch_ratio", "float", 1.0, 0.5, 1.0, "ratio", description="branch outside diameter / run outside diameter",
              words=("equal", "reducing", "reduced branch"), sample_range=(0.6, 1.0)),
        Param("schedule", "choice", "sch40", choices=tuple(_pipe.SCHEDULE_FACTOR),
              description="wall thickness series", words=("schedule 40", "thick wall", "thin wall")),
        Param("ends", "choice", "plain", choices=("plain", "socket"),
              description="plain butt-weld ends or socket (sleeve) ends", words=("butt weld", "socket")),
        Param("length_factor", "float", 1.15, 0.9, 1.6, "ratio", description="centre-to-end / NPS",
              words=("long", "compact"), sample_range=(1.05, 1.25)),
        Param("segments", "int", 40, 16, 64, "count", description="smoothness around the tubes",
              words=("smooth", "low poly"), sample_range=(32, 48)),
    )
    slots = (
        Slot("pipe", "steel", words=("pipe", "tee", "metal", "fitting"), choices=PIPE_MATERIALS,
             description="the fitting"),
    )
    size = SizeEnvelope(min=(0.02, 0.02, 0.02), max=(0.9, 0.6, 0.26))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        r_out, wall = _pipe.pipe_size(p["nominal_size"], p["schedule"])
        nps = _pipe.NPS[p["nominal_size"]] * 0.0254
        c = max(nps * p["length_factor"], r_out * 1.3)
        rb = r_out * p["branch_ratio"]
        wb = max(wall * p["branch_ratio"], wall * 0.7)
        seg = p["segments"]
        cy = r_out
        run = prim.cylinder_between((-c, cy, 0), (c, cy, 0), r_out, segments=seg)
        branch = prim.cylinder_between((0, cy, 0), (0, cy + c, 0), rb, segments=seg)
        run_bore = prim.cylinder_between((-c - 0.01, cy, 0), (c + 0.01, cy, 0), r_out - wall, segments=seg)
        branch_bore = prim.cylinder_between((0, cy * 0.5, 0), (0, cy + c + 0.01, 0), rb - wb, segments=seg)
        adds, cuts = [run, branch], [run_bore, branch_bore]
        if p["ends"] == "socket":
            ends = [(np.array([c, cy, 0]), np.array([1.0, 0, 0]), r_out, wall),
                    (np.array([-c, cy, 0]), np.array([-1.0, 0, 0]), r_out, wall),
                    (np.array([0, cy + c, 0]), np.array([0, 1.0, 0]), rb, wb)]
            for start, direction, ro, w in ends:
                length = max(ro * 1.2, 0.012)
                sleeve, bore = _pipe.socket(start + direction * length * 0.5, direction, ro, w, length, seg)
                adds.append(sleeve)
                cuts.append(bore)
        body = csg.difference(csg.union(*adds), *cuts, crease_deg=40.0)
        model.add("tee", body, self.material("pipe"))
        return model
