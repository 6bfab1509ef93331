"""House: a detached house of one to four storeys: hollow walls with real window and door openings (CSG),
framed and glazed window units with sills, a front door in its frame with a step, a gabled, hipped or flat
roof with overhanging eaves, and a chimney.

Default: 8 m wide, 6 m deep, two 2.8 m storeys on a 0.4 m plinth under a 35 degree gabled roof, ~8.2 m
tall; brick walls, slate roof, white trim.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.architecture._parts import (
    block,
    door_leaf,
    handle,
    opening_cutters,
    roof,
    window_unit,
)
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.props._shapes import merge, turned
from meshforge.geometry import csg
from meshforge.geometry.mesh import Mesh


@register
class HouseGenerator(Generator):
    id = "house"
    name = "House"
    family = "architecture"
    synonyms = ("home", "cottage", "detached house", "family house", "townhouse", "villa", "building",
                "residential building", "suburban house", "farmhouse", "dwelling", "two-storey house", "bungalow")
    description = (
        "A detached house: hollow brick walls on a plinth with real window and door openings, glazed window "
        "units with glazing bars and stone sills on every storey, a panelled front door in a frame with a "
        "step, a gabled, hipped or flat roof with overhanging eaves, and an optional chimney."
    )
    tags = ("architecture", "building", "gaming", "city", "residential", "exterior")
    params = (
        Param("width", "float", 8.0, 4.0, 20.0, "m", description="frontage along X",
              words=("wide", "narrow", "large", "small", "big"), sample_range=(6.5, 11.0)),
        Param("depth", "float", 6.0, 4.0, 14.0, "m", description="depth along Z",
              words=("deep", "shallow"), sample_range=(5.0, 8.0)),
        Param("storeys", "int", 2, 1, 4, "count", description="number of floors",
              words=("two storeys", "single storey", "bungalow", "three floors", "2 floors"), sample_range=(1, 3)),
        Param("storey_height", "float", 2.8, 2.4, 3.6, "m", description="floor-to-floor height",
              words=("high ceilings", "low ceilings"), sample_range=(2.6, 3.1)),
        Param("roof_type", "choice", "gabled", choices=("gabled", "hip", "flat"), description="roof shape",
              words=("gabled roof", "gable", "pitched", "hipped", "hip roof", "flat roof", "modern")),
        Param("roof_pitch", "float", 35.0, 15.0, 55.0, "deg", description="slope of a gabled or hipped roof",
              words=("steep roof", "shallow roof"), sample_range=(28.0, 45.0)),
        Param("windows", "int", 3, 1, 8, "count", description="windows per floor on the front",
              words=("three windows", "many windows", "4 windows"), sample_range=(2, 4)),
        Param("chimney", "bool", True, description="brick chimney through the roof",
              words=("with a chimney", "chimney", "no chimney"), p_true=0.7),
    )
    slots = (
        Slot("walls", "brick", words=("walls", "wall", "brick", "facade", "plinth", "chimney"),
             choices=("brick", "concrete", "sandstone", "painted_wood", "stone", "weathered_wood"),
             description="walls, plinth, gables and chimney"),
        Slot("roof", "slate", words=("roof", "roofing", "tiles", "shingles"),
             choices=("slate", "terracotta", "weathered_wood", "painted_metal"), description="roof"),
        Slot("trim", "painted_wood", color="#F2F0EA", words=("trim", "frames", "window frames", "door", "sills"),
             choices=("painted_wood", "oak", "walnut", "painted_metal"), description="window and door frames, door, sills"),
        Slot("glass", "glass", words=("glass", "windows", "glazing", "panes"), description="window panes"),
    )
    size = SizeEnvelope(min=(4.0, 3.0, 4.0), max=(21.5, 25.0, 15.5))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        walls_m, trim, glass_m = self.material("walls"), self.material("trim"), self.material("glass")
        W, D, n, sh = p["width"], p["depth"], p["storeys"], p["storey_height"]
        plinth = 0.4
        t = 0.3
        top = plinth + n * sh
        ww, wh, sill = 1.15, min(1.45, sh - 1.2), 0.9
        dw, dh = 1.0, min(2.2, sh - 0.35)
        front, back, sides = [], [], []
        nw = p["windows"]
        margin = 0.9
        xs = np.linspace(-W / 2 + margin + ww / 2, W / 2 - margin - ww / 2, nw) if nw > 1 else np.array([0.0])
        xs = xs[np.abs(np.diff(np.concatenate([[-1e9], xs]))) > ww + 0.2] if nw > 1 else xs
        for f in range(n):
            y0 = plinth + f * sh + sill
            for x in xs:
                if f == 0 and abs(x) < dw / 2 + ww / 2 + 0.25:
                    continue
                front.append((float(x), y0, ww, wh))
                back.append((float(x), y0, ww, wh))
            if D >= 4.5:
                sides.append((0.0, y0, ww, wh))
        door = (0.0, plinth, dw, dh)

        shell = block((W, top, D), (0, top / 2, 0))
        hollow = block((W - 2 * t, top, D - 2 * t), (0, plinth + 0.2 + top / 2, 0))
        cutters = opening_cutters([*front, door], "z", D / 2 - t / 2, t)
        cutters += opening_cutters(back, "z", -D / 2 + t / 2, t)
        cutters += opening_cutters(sides, "x", W / 2 - t / 2, t) + opening_cutters(sides, "x", -W / 2 + t / 2, t)
        model.add("walls", csg.difference(shell, hollow, *cutters), walls_m)
        model.add("plinth", block((W + 0.08, plinth, D + 0.08), (0, plinth / 2, 0)), walls_m)
        model.add("floor", block((W - 2 * t + 0.02, 0.2, D - 2 * t + 0.02), (0, plinth + 0.1, 0)), walls_m)

        frames, panes, sills = [], [], []
        fd = 0.1
        # one window unit (all openings share a size), placed on every opening
        fr, gl = window_unit(ww - 0.004, wh - 0.004, fd, 0.07, 2, 2)
        sl = block((ww + 0.12, 0.06, 0.16), (0, -0.03, 0.08 + fd / 2 - 0.02))
        zf, xf = D / 2 - t * 0.35, W / 2 - t * 0.35
        placements = ([(o, zf, 0.0) for o in front] + [(o, zf, 180.0) for o in back] +
                      [(o, xf, 90.0) for o in sides] + [(o, xf, -90.0) for o in sides])
        for (c, y0, _, _), z, rot in placements:
            for mesh, bucket in ((fr, frames), (gl, panes), (sl, sills)):
                bucket.append(self._place(mesh, c, y0 + 0.002, z, rot))
        model.add("window_frames", merge(frames), trim)
        model.add("window_glass", merge(panes), glass_m)
        model.add("sills", merge(sills), trim)

        # front door: frame, leaf, handle and a step in front
        ft = 0.07
        jamb = csg.difference(block((dw, dh, 0.14), (0, dh / 2, 0)), block((dw - 2 * ft, dh - ft, 0.3), (0, (dh - ft) / 2 - 0.01, 0)))
        zc = D / 2 - t * 0.4
        model.add("door_frame", jamb.translated((0, plinth, zc)), trim)
        leaf, _ = door_leaf(dw - 2 * ft - 0.006, dh - ft - 0.004, 0.05, "panel", 3)
        model.add("door", leaf.translated((0, plinth + 0.001, zc)), trim)
        model.add("door_handle", handle("knob", 0.05).translated((dw / 2 - ft - 0.08, plinth + 1.0, zc)),
                  self.material("trim"))
        model.add("step", block((dw + 0.5, plinth * 0.5, 0.45), (0, plinth * 0.25, D / 2 + 0.225 + 0.04)), walls_m)

        kind = {"gabled": "gable", "hip": "hip", "flat": "flat"}[p["roof_type"]]
        pitch = p["roof_pitch"]
        over = 0.45 if kind != "flat" else 0.1
        shell_r, attic = roof(kind, W, D, pitch, over, 0.18)
        model.add("roof", shell_r.translated((0, top, 0)), self.material("roof"))
        if attic is not None:
            model.add("gables", attic.translated((0, top, 0)), walls_m)
        if p["chimney"]:
            cw = 0.6
            cx, cz = W / 2 - 1.4, -D / 4
            tp = float(np.tan(np.radians(pitch)))
            ridge = top + (min(W, D) if kind == "hip" else D) / 2 * tp
            c_top = ridge + 0.5 if kind != "flat" else top + 1.6
            body = block((cw, c_top - top + 0.3, cw), (cx, (c_top + top - 0.3) / 2, cz))
            cap = block((cw + 0.12, 0.12, cw + 0.12), (cx, c_top + 0.04, cz))
            flue = csg.difference(csg.union(body, cap), block((cw * 0.45, 1.0, cw * 0.45), (cx, c_top + 0.3, cz)))
            model.add("chimney", flue, walls_m)
        return model

    @staticmethod
    def _place(mesh: Mesh, c: float, y: float, z_plane: float, rot: float) -> Mesh:
        """Place a unit built facing +Z onto a wall ``z_plane`` out from the centre, turned ``rot`` about Y.

        ``c`` is the opening centre along the wall in model coordinates (X for front/back walls, Z for the
        side walls); rot 0 = front (+Z), 180 = back, 90 = +X side, -90 = -X side.
        """
        if rot == 0.0:
            return mesh.translated((c, y, z_plane))
        if rot == 180.0:
            return turned(mesh.translated((-c, y, z_plane)), "y", 180.0)
        # +90 about Y maps local x to -z, so the local x is -c for the +X wall and +c for the -X wall
        return turned(mesh.translated((-c if rot > 0 else c, y, z_plane)), "y", rot)
