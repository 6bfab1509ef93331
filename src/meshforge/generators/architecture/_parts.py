"""Building parts shared by the architecture generators: window and door units, openings, roofs, arches.

Conventions: a unit is built in its own frame, centred on x = 0, standing on y = 0 and facing +Z (its
depth centred on z = 0); generators move it into a wall. Roofs are built over a w x d footprint (X by Z)
with the wall tops at y = 0; eaves overhang and hang below y = 0.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from meshforge.generators.props._shapes import block, hull, prism_x, prism_z, turned
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh

__all__ = ["arch_curve", "arch_outline", "arch_rise", "block", "door_leaf", "frame_around", "handle", "hull",
           "opening_cutters", "prism_x", "prism_z", "roof", "turned", "window_unit"]


def arch_outline(w: float, h: float, style: str, n: int = 16) -> np.ndarray:
    """CCW (x, y) outline of an opening w wide and h tall to its top (rectangle, or arched top).

    An arched opening keeps straight jambs up to the springing line ``h - arch_rise``, which callers keep
    above y = 0.
    """
    if style in ("round", "pointed", "segmental"):
        spring = max(h - arch_rise(w, style), 0.01)
        curve = arch_curve(w, style, n) + np.array([0.0, spring])
        # bottom edge, then the intrados from the right springing point over the top to the left one
        return np.vstack([[(-w / 2, 0.0), (w / 2, 0.0)], curve[::-1]])
    return np.array([(-w / 2, 0.0), (w / 2, 0.0), (w / 2, h), (-w / 2, h)])


def arch_rise(w: float, style: str) -> float:
    """Height of an arch of span ``w`` above its springing line."""
    return {"round": w / 2, "pointed": w * 0.8, "segmental": w * 0.22}.get(style, 0.0)


def arch_curve(w: float, style: str, n: int = 16) -> np.ndarray:
    """(n+1, 2) intrados from the left springing point (-w/2, 0) over the top to (w/2, 0)."""
    if style == "pointed":
        # two arcs centred on the springing line, each through one springing point and the apex (0, 0.8 w)
        apex = w * 0.8
        rad = (w ** 2 / 4 + apex ** 2) / w
        cx = -w / 2 + rad  # centre of the left-hand arc
        a_end = np.arccos(-cx / rad)
        half = n // 2
        a = np.linspace(np.pi, a_end, half + 1)
        left = np.stack([cx + rad * np.cos(a), rad * np.sin(a)], axis=1)
        right = left[::-1][1:] * np.array([-1.0, 1.0])
        return np.vstack([left, right])
    if style == "segmental":
        rise = w * 0.22
        rad = (w ** 2 / 4 + rise ** 2) / (2 * rise)
        half_angle = np.arcsin(w / 2 / rad)
        a = np.linspace(np.pi / 2 + half_angle, np.pi / 2 - half_angle, n + 1)
        return np.stack([rad * np.cos(a), rise - rad + rad * np.sin(a)], axis=1)
    a = np.linspace(np.pi, 0.0, n + 1)
    return np.stack([w / 2 * np.cos(a), w / 2 * np.sin(a)], axis=1)


def frame_around(outline: np.ndarray, width: float, depth: float, z: float = 0.0) -> Mesh:
    """A frame of ``width`` around the inside of an (x, y) opening outline, ``depth`` deep, centred on ``z``."""
    outer = prism_z(outline, z - depth / 2, z + depth / 2)
    inner = prism_z(prim.offset_polygon(outline, width), z - depth, z + depth)
    return csg.difference(outer, inner)


def window_unit(w: float, h: float, depth: float, frame: float, cols: int, rows: int,
                style: str = "rect", sash: bool = False) -> tuple[Mesh, Mesh]:
    """(frame with glazing bars, glass pane) of a window w x h, standing on y = 0, depth along Z.

    ``style`` is ``rect`` or an arch style (``round``, ``pointed``, ``segmental``) for the head; ``sash``
    adds a meeting rail across the middle, set forward of the bars (a double-hung sash window).
    """
    arch = style if style in ("round", "pointed", "segmental") else "rect"
    if arch != "rect":
        h = max(h, arch_rise(w, arch) + 0.2)
    outline = arch_outline(w, h, arch)
    fr = frame_around(outline, frame, depth)
    bars = []
    bw = frame * 0.45
    inner_w, inner_h = w - 2 * frame, h - 2 * frame
    for i in range(1, cols):
        x = -inner_w / 2 + inner_w * i / cols
        bars.append(block((bw, inner_h + frame, depth * 0.5), (x, h / 2, 0)))
    for j in range(1, rows):
        y = frame + inner_h * j / rows
        bars.append(block((inner_w + frame, bw, depth * 0.42), (0, y, 0)))
    if sash:
        bars.append(block((inner_w + frame, frame * 0.9, depth * 0.7), (0, h * 0.5, depth * 0.1)))
    if bars:
        clip = prism_z(prim.offset_polygon(outline, frame * 0.5), -depth, depth)
        grid = csg.intersection(csg.union(*bars), clip)
        fr = csg.union(fr, grid)
    glass = prism_z(prim.offset_polygon(outline, frame * 0.6), -0.004, 0.004)
    return fr, glass


def door_leaf(w: float, h: float, t: float, style: str, rows: int) -> tuple[Mesh, Mesh | None]:
    """(leaf, glass or None) of a door w x h x t standing on y = 0, centred on z = 0.

    Styles: ``panel`` (2 x rows recessed panels on both faces), ``flush`` (plain), ``glazed`` (glass in the
    upper half, panels below), ``plank`` (vertical boards with V-grooves and two ledges).
    """
    leaf = block((w, h, t), (0, h / 2, 0), bevel=min(0.004, t * 0.1))
    cuts: list[Mesh] = []
    glass = None
    margin = min(0.11, w * 0.13)
    rec = min(0.008, t * 0.2)
    if style in ("panel", "glazed"):
        top = h - margin
        bottom = margin
        if style == "glazed":
            gy0 = h * 0.5
            gw, gh = w - 2 * margin, top - gy0
            cuts.append(block((gw, gh, t * 3), (0, gy0 + gh / 2, 0)))
            glass = block((gw + 0.01, gh + 0.01, 0.008), (0, gy0 + gh / 2, 0))
            top = gy0 - margin * 0.8
        n_rows = max(1, rows if style == "panel" else max(1, rows - 1))
        pw = (w - 3 * margin * 0.8) / 2
        ph = (top - bottom - (n_rows - 1) * margin * 0.8) / n_rows
        for r in range(n_rows):
            y = bottom + ph / 2 + r * (ph + margin * 0.8)
            for sx in (-1, 1):
                x = sx * (pw / 2 + margin * 0.4)
                for sz in (-1, 1):
                    cuts.append(block((pw, ph, rec * 2), (x, y, sz * t / 2)))
    elif style == "plank":
        n = max(3, round(w / 0.14))
        for i in range(1, n):
            x = -w / 2 + w * i / n
            for sz in (-1, 1):
                cuts.append(turned(block((0.008, h * 1.2, 0.008), (0, 0, 0)), "y", 45.0)
                            .translated((x, h / 2, sz * t / 2)))
    if cuts:
        leaf = csg.difference(leaf, *cuts)
    if style == "plank":
        ledges = [block((w - 0.04, 0.12, 0.025), (0, y, -t / 2 - 0.0115), bevel=0.004) for y in (h * 0.2, h * 0.8)]
        leaf = csg.union(leaf, *ledges)
    return leaf, glass


def handle(style: str, t: float) -> Mesh:
    """Door furniture for both faces, centred at the origin (spindle along Z)."""
    rose = prim.cylinder(0.026, t + 0.02, segments=20, bevel=0.003)
    rose = turned(rose, "x", 90.0).translated((0, 0, -(t + 0.02) / 2))
    parts = [rose]
    for sz in (-1, 1):
        if style == "knob":
            stem = turned(prim.cylinder(0.008, 0.045, segments=12), "x", 90.0 * sz)
            knob = prim.sphere(0.027, segments=20).transformed(np.diag([1.0, 1.0, 0.75, 1.0]))
            parts += [stem.translated((0, 0, sz * (t / 2 + 0.005))), knob.translated((0, 0, sz * (t / 2 + 0.055)))]
        else:
            stem = turned(prim.cylinder(0.009, 0.05, segments=12), "x", 90.0 * sz).translated((0, 0, sz * t / 2))
            lever = prim.capsule(0.009, 0.13, segments=12)
            lever = turned(lever, "z", 90.0).translated((0.122, 0, sz * (t / 2 + 0.05)))
            parts += [stem, lever]
    return csg.union(*parts)


def roof(kind: str, w: float, d: float, pitch: float, overhang: float, t: float) -> tuple[Mesh, Mesh | None]:
    """(roof shell, attic filler in wall material or None) over a w x d footprint whose wall tops are at y = 0.

    Kinds: gable (ridge along X), hip, pyramid, shed (rising to -Z), flat (slab with parapet), mansard,
    gambrel (barn), dome.
    """
    tp = float(np.tan(np.radians(pitch)))
    o = overhang
    hw, hd = w / 2, d / 2
    tc = t / float(np.cos(np.radians(pitch)))
    if kind == "gable":
        prof = [(-(hd + o), -o * tp), (0.0, hd * tp), (hd + o, -o * tp), (hd + o, -o * tp + tc), (0.0, hd * tp + tc),
                (-(hd + o), -o * tp + tc)]
        shell = prism_x(prof, -(hw + o), hw + o)
        attic = prism_x([(-hd, 0.0), (hd, 0.0), (0.0, hd * tp)], -hw + 0.001, hw - 0.001)
        return shell, attic
    if kind == "shed":
        prof = [(hd + o, -o * tp), (-(hd + o), (d + o) * tp), (-(hd + o), (d + o) * tp + tc), (hd + o, -o * tp + tc)]
        shell = prism_x(prof, -(hw + o), hw + o)
        attic = prism_x([(hd, 0.0), (-hd, d * tp), (-hd, 0.0)], -hw + 0.001, hw - 0.001)
        return shell, attic
    if kind == "gambrel":
        steep = np.tan(np.radians(min(pitch + 30.0, 75.0)))
        kz = hd * 0.55
        ky = (hd - kz) * steep
        top_y = ky + kz * tp * 0.6
        prof = [(hd + o, -o * steep), (hd + o, -o * steep + tc), (kz, ky + tc), (0.0, top_y + tc),
                (-kz, ky + tc), (-(hd + o), -o * steep + tc), (-(hd + o), -o * steep)]
        shell = prism_x(prof, -(hw + o), hw + o)
        return shell, None
    if kind == "flat":
        slab = block((w + 2 * o, t, d + 2 * o), (0, t / 2, 0))
        par_h = 0.45
        outer = block((w + 2 * o, par_h, d + 2 * o), (0, t + par_h / 2 - 0.01, 0))
        inner = block((w + 2 * o - 0.5, par_h, d + 2 * o - 0.5), (0, t + par_h / 2 + 0.01, 0))
        return csg.union(slab, csg.difference(outer, inner)), None
    if kind == "dome":
        r = min(hw, hd)
        a = np.linspace(0, np.pi / 2, 17)
        prof = np.vstack([np.stack([r * np.cos(a), r * np.sin(a)], axis=1)[:-1], [(0.0, r)]])
        prof = np.vstack([[(0.0, 0.0)], prof])
        dome = prim.lathe(prof, segments=48, crease_deg=50.0).translated((0, t, 0))
        base = block((w + 2 * o, t, d + 2 * o), (0, t / 2, 0))
        finial = prim.cylinder(r * 0.04, r * 0.18, segments=16).translated((0, t + r * 0.97, 0))
        return csg.union(dome, base, finial), None
    if kind == "mansard":
        lower = np.radians(72.0)
        inset = min(hw, hd) * 0.28
        h1 = inset * np.tan(lower)
        h2 = h1 + (min(hw, hd) - inset) * tp * 0.5
        pts = []
        for (sx, sz) in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
            pts += [(sx * (hw + o), -0.001 - o * 0.3, sz * (hd + o)), (sx * (hw + o), tc - o * 0.3, sz * (hd + o)),
                    (sx * (hw - inset), h1, sz * (hd - inset)),
                    (sx * (hw - inset) * 0.55, h2, sz * (hd - inset) * 0.55)]
        return hull(np.asarray(pts)), None
    # hip and pyramid: a convex hull over the eave rectangle and the ridge (a point for a pyramid)
    ridge = 0.0 if kind == "pyramid" else max(0.0, hw - hd)
    top = (hd if ridge > 0 or kind == "hip" else min(hw, hd)) * tp
    if kind == "hip" and w < d:
        top = hw * tp
        pts_ridge = [(0.0, top + tc, -(hd - hw)), (0.0, top + tc, hd - hw)]
    else:
        pts_ridge = [(-ridge, top + tc, 0.0), (ridge, top + tc, 0.0)] if ridge > 0 else [(0.0, top + tc, 0.0)]
    eave_y = -o * tp
    pts = [(sx * (hw + o), y, sz * (hd + o)) for sx in (-1, 1) for sz in (-1, 1) for y in (eave_y, eave_y + tc)]
    return hull(np.asarray(pts + pts_ridge)), None


def opening_cutters(openings: Sequence[tuple[float, float, float, float]], axis: str, plane: float,
                    thickness: float) -> list[Mesh]:
    """Boxes cutting rectangular openings (centre along the wall, bottom, width, height) through a wall.

    ``axis`` is the wall's normal (``z`` for walls facing +-Z, ``x`` for side walls); ``plane`` its centre.
    """
    out = []
    for c, y0, ow, oh in openings:
        if axis == "z":
            out.append(block((ow, oh, thickness + 0.2), (c, y0 + oh / 2, plane)))
        else:
            out.append(block((thickness + 0.2, oh, ow), (plane, y0 + oh / 2, c)))
    return out
