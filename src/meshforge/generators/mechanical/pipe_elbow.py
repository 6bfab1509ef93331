"""Pipe elbow (butt-weld fitting, ASME B16.9 / EN 10253): a bent tube of 90 or 45 degrees.

Outside diameter and wall come from the nominal size (ISO 4200 schedule 40 walls, thinner or thicker
for sch10 / sch80); the bend radius is 1.5 x NPS (long radius) or 1.0 x NPS (short radius). Optional
socket ends make it a socket-weld / solvent-weld fitting.

Default: DN50 (60.3 mm OD, 3.91 mm wall) 90 degree long-radius elbow, 76.2 mm bend radius. One end
stands on y = 0 pointing down; the bend turns toward +X.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.mechanical import _pipe
from meshforge.geometry import csg

PIPE_MATERIALS = ("steel", "stainless_steel", "copper", "cast_iron", "plastic", "painted_metal", "brass")


@register
class PipeElbowGenerator(Generator):
    id = "pipe_elbow"
    name = "Pipe elbow"
    family = "mechanical"
    synonyms = ("elbow", "pipe bend", "elbow fitting", "90 degree elbow", "45 degree elbow", "bend", "ell",
                "pipe fitting")
    description = (
        "A pipe elbow fitting: a 90 or 45 degree bent tube at a nominal pipe size (DN15 to DN200) with the "
        "schedule wall thickness, long or short bend radius, plain butt-weld or socket ends."
    )
    tags = ("mechanical", "manufacturing", "piping", "plumbing", "industrial", "cad")
    params = (
        Param("nominal_size", "choice", "dn50", choices=_pipe.NOMINAL_SIZES,
              description="nominal pipe size (DN50 = 2 inch, 60.3 mm outside)", words=_pipe.SIZE_WORDS),
        Param("angle", "choice", "90", choices=("90", "45"), description="bend angle in degrees",
              words=("90 degree", "45 degree", "right angle")),
        Param("bend_radius", "choice", "long", choices=("long", "short"),
              description="long radius (1.5 x NPS) or short radius (1.0 x NPS)",
              words=("long radius", "short radius", "tight bend")),
        Param("schedule", "choice", "sch40", choices=tuple(_pipe.SCHEDULE_FACTOR),
              description="wall thickness series", words=("schedule 40", "thick wall", "thin wall")),
        Param("ends", "choice", "plain", choices=("plain", "socket"),
              description="plain butt-weld ends or socket (sleeve) ends", words=("butt weld", "socket", "sleeved")),
        Param("segments", "int", 40, 16, 64, "count", description="smoothness around the tube",
              words=("smooth", "low poly"), sample_range=(32, 48)),
    )
    slots = (
        Slot("pipe", "steel", words=("pipe", "elbow", "metal", "fitting"), choices=PIPE_MATERIALS,
             description="the fitting"),
    )
    size = SizeEnvelope(min=(0.02, 0.02, 0.02), max=(0.62, 0.62, 0.26))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        r_out, wall = _pipe.pipe_size(p["nominal_size"], p["schedule"])
        nps = _pipe.NPS[p["nominal_size"]] * 0.0254
        R = max(nps * (1.5 if p["bend_radius"] == "long" else 1.0), r_out * 1.05)
        ang = np.radians(float(p["angle"]))
        seg = p["segments"]
        phi = np.linspace(0.0, ang, max(int(np.degrees(ang) / 5), 6) + 1)
        arc = np.stack([R - R * np.cos(phi), R * np.sin(phi), np.zeros_like(phi)], axis=1)
        t_end = np.array([np.sin(ang), np.cos(ang), 0.0])
        ext = r_out
        inner_path = np.vstack([[arc[0] - np.array([0, ext, 0])], arc, [arc[-1] + t_end * ext]])
        outer = _pipe.tube_along(arc, r_out, seg)
        inner = _pipe.tube_along(inner_path, r_out - wall, seg)
        adds, cuts = [], [inner]
        if p["ends"] == "socket":
            length = max(r_out * 1.2, 0.012)
            for start, direction in ((arc[0], np.array([0.0, -1.0, 0.0])), (arc[-1], t_end)):
                s = start + direction * length
                sleeve, bore = _pipe.socket(s, direction, r_out, wall, length, seg)
                adds.append(sleeve)
                cuts.append(bore)
        body = csg.union(outer, *adds) if adds else outer
        body = csg.difference(body, *cuts, crease_deg=40.0)
        model.add("elbow", body, self.material("pipe"))
        return model
