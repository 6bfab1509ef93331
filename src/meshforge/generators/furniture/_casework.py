"""Shared pieces of case furniture (cabinets, dressers, bookcases, desks, wardrobes) and upholstery.

Everything is built facing +Z (the front) with the back at -Z, standing on y = 0. Handles are built
with their mounting face on z = 0 and stick out toward +Z, so they are placed by translating them onto
a drawer or door front.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from meshforge.core.material import Material
from meshforge.core.model import Model
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.transform import merge, rotation

HANDLE_STYLES = ("knob", "bar", "cup", "none")
CASE_WOODS = ("oak", "walnut", "pine", "maple", "cherry", "birch", "painted_wood", "plywood")
HANDLE_METALS = ("brass", "black_metal", "brushed_aluminium", "chrome", "bronze", "steel")


def slab(size: Sequence[float], center: Sequence[float], bevel: float = 0.003, segments: int = 2) -> Mesh:
    """A beveled board of ``size`` (x, y, z) centred at ``center`` (meters)."""
    b = min(bevel, 0.45 * min(size))
    return prim.box(tuple(size), bevel=b, bevel_segments=segments).translated(tuple(center))


def knob(radius: float = 0.014) -> Mesh:
    """A turned mushroom knob: stem on z = 0, head toward +Z."""
    r = radius
    prof = np.array([
        (0.0, 0.0), (r * 0.45, 0.0), (r * 0.42, r * 0.35), (r * 0.38, r * 0.7), (r * 0.7, r * 0.95),
        (r * 0.95, r * 1.25), (r, r * 1.5), (r * 0.9, r * 1.75), (r * 0.6, r * 1.9), (0.0, r * 1.95),
    ])
    return prim.lathe(prof, segments=20, crease_deg=60.0).transformed(rotation("x", 90.0))


def bar_handle(length: float, standoff: float = 0.028, radius: float = 0.0055, vertical: bool = False) -> Mesh:
    """A bar pull of ``length`` between its two posts; posts on z = 0 (slightly sunk in), bar at +Z."""
    half = length / 2
    z = standoff
    parts = [prim.cylinder_between((-half - radius * 0.6, 0.0, z), (half + radius * 0.6, 0.0, z), radius,
                                   segments=16, bevel=radius * 0.45)]
    for sx in (-1, 1):
        parts.append(prim.cylinder_between((sx * half, 0.0, -0.003), (sx * half, 0.0, z), radius * 0.8, segments=14))
    mesh = csg.union(*parts)
    return mesh.transformed(rotation("z", 90.0)) if vertical else mesh


def cup_pull(width: float = 0.08) -> Mesh:
    """A half-moon cup pull on z = 0: a curved hood under a mounting strip, open underneath for fingers."""
    t = np.linspace(0.0, np.pi, 14)
    depth = 0.02
    outer = np.stack([np.cos(t) * width / 2, np.sin(t) * width * 0.3], axis=1)
    inner = outer[::-1] * np.array([0.84, 0.74])
    # extrude rises along +Y from the XZ plane; turning it about X maps outline z to -y and height to +z
    hood = prim.extrude(np.vstack([outer, inner]), depth, bevel=0.001, bevel_segments=1)
    hood = hood.transformed(rotation("x", 90.0))
    strip = slab((width * 1.06, 0.009, depth * 0.7), (0.0, 0.0035, depth * 0.35), bevel=0.002)
    return csg.union(hood, strip)


@lru_cache(maxsize=64)
def handle(style: str, size: float, vertical: bool = False) -> Mesh | None:
    """A pull of ``style`` scaled to ``size`` (bar length / cup width / knob diameter); cached, never mutate it."""
    if style == "knob":
        return knob(max(size * 0.5, 0.008))
    if style == "bar":
        return bar_handle(size, vertical=vertical)
    if style == "cup":
        return cup_pull(size)
    return None


def add_handle(model: Model, name: str, style: str, size: float, at: Sequence[float], mat: Material,
               vertical: bool = False) -> None:
    """Place a pull with its mounting face at point ``at`` on a front facing +Z."""
    mesh = handle(style, size, vertical)
    if mesh is not None:
        model.add(name, mesh.translated(tuple(at)), mat)


def add_drawer_front(model: Model, name: str, width: float, height: float, y_center: float, z_front: float,
                     thickness: float, mat: Material, style: str = "flat") -> None:
    """A drawer or door front: flat slab, or a ``shaker`` frame with a recessed centre panel."""
    model.add(name, slab((width, height, thickness), (0.0, y_center, z_front - thickness / 2), bevel=0.003), mat)
    if style == "shaker" and width > 0.12 and height > 0.1:
        rail = min(0.06, 0.18 * min(width, height))
        inner_h = height - 2 * rail
        # a raised frame: four thin strips proud of the front
        t = 0.006
        z = z_front + t / 2 - 0.001
        x0 = 0.0
        strips = [
            ((width, rail, t), (x0, y_center + height / 2 - rail / 2, z)),
            ((width, rail, t), (x0, y_center - height / 2 + rail / 2, z)),
            ((rail, inner_h, t), (-width / 2 + rail / 2, y_center, z)),
            ((rail, inner_h, t), (width / 2 - rail / 2, y_center, z)),
        ]
        frame = csg.union(*[slab(s, c, bevel=0.0015, segments=1) for s, c in strips])
        model.add(f"{name}_frame", frame, mat)


def add_carcass(model: Model, width: float, height: float, depth: float, y0: float, board: float,
                mat: Material, top_overhang: float = 0.0, back: bool = True) -> None:
    """Sides, top, bottom and back panel of an open box standing at ``y0`` (the top reaches ``height``)."""
    inner_h = height - y0 - 2 * board
    side_h = height - y0 - board
    for i, sx in enumerate((-1, 1)):
        model.add(f"side_{i}", slab((board, side_h, depth), (sx * (width / 2 - board / 2), y0 + side_h / 2, 0.0)), mat)
    tw, td = width + 2 * top_overhang, depth + top_overhang
    model.add("top", slab((tw, board, td), (0.0, height - board / 2, top_overhang / 2), bevel=min(0.004, board * 0.3)), mat)
    model.add("bottom", slab((width - 2 * board + 0.002, board, depth - 0.004), (0.0, y0 + board / 2, 0.0)), mat)
    if back:
        bt = min(0.008, board * 0.5)
        model.add("back", slab((width - 2 * board + 0.004, inner_h + 0.004, bt),
                                (0.0, y0 + board + inner_h / 2, -depth / 2 + bt / 2 + 0.002), bevel=0.001), mat)


def add_base(model: Model, style: str, width: float, depth: float, height: float, mat: Material,
             leg_mat: Material) -> None:
    """What a case stands on: a recessed ``plinth``, four ``legs`` (tapered, splayed look) or ``feet`` (bun)."""
    if height <= 0:
        return
    if style == "plinth":
        model.add("plinth", slab((width - 0.04, height, depth - 0.05), (0.0, height / 2, -0.01), bevel=0.002), mat)
        return
    inset_x, inset_z = width / 2 - 0.04, depth / 2 - 0.04
    for i, (sx, sz) in enumerate(((-1, 1), (1, 1), (-1, -1), (1, -1))):
        if style == "legs":
            r_top = 0.018
            leg = prim.cone(r_top * 0.55, height + 0.002, r_top, segments=16)
        else:
            r = min(0.035, height * 0.7)
            prof = np.array([(0.0, 0.0), (r * 0.7, 0.0), (r, height * 0.35), (r * 0.9, height * 0.75),
                             (r * 0.6, height), (0.0, height + 0.002)])
            leg = prim.lathe(prof, segments=20)
        model.add(f"foot_{i}", leg.translated((sx * inset_x, 0.0, sz * inset_z)), leg_mat)


def cushion(size: Sequence[float], center: Sequence[float], softness: float = 0.4) -> Mesh:
    """An upholstered cushion: a box with rounded edges (``softness`` = bevel / smallest side)."""
    b = softness * min(size)
    return prim.box(tuple(size), bevel=b, bevel_segments=5, crease_deg=80.0).translated(tuple(center))


FRONT_T = 0.018
GAP = 0.003


def handle_size(style: str, front_width: float) -> float:
    """A pull size that suits a front ``front_width`` wide."""
    if style == "knob":
        return 0.03
    if style == "cup":
        return float(np.clip(front_width * 0.22, 0.06, 0.1))
    return float(np.clip(front_width * 0.3, 0.08, 0.22))


def add_drawers(model: Model, prefix: str, n: int, x: float, width: float, y0: float, y1: float, z_front: float,
                mat: Material, handle_mat: Material, style: str, handle_style: str) -> None:
    """``n`` equal drawer fronts stacked from ``y0`` to ``y1`` (with gaps), their backs on ``z_front``."""
    if n <= 0:
        return
    pitch = (y1 - y0) / n
    h = pitch - GAP
    for i in range(n):
        yc = y0 + pitch * (i + 0.5)
        name = f"{prefix}_{i}"
        front = slab((width - GAP, h, FRONT_T), (x, yc, z_front + FRONT_T / 2), bevel=0.003)
        model.add(name, front, mat)
        if style == "shaker" and width > 0.2 and h > 0.1:
            _add_frame(model, f"{name}_frame", width - GAP, h, x, yc, z_front + FRONT_T, mat)
        hs = handle_size(handle_style, width)
        if handle_style == "knob" and width > 0.6:
            for j, dx in enumerate((-width * 0.25, width * 0.25)):
                add_handle(model, f"{name}_knob_{j}", "knob", hs, (x + dx, yc, z_front + FRONT_T), handle_mat)
        else:
            add_handle(model, f"{name}_handle", handle_style, hs, (x, yc + (h * 0.15 if handle_style == "cup" else 0.0),
                                                              z_front + FRONT_T), handle_mat)


def _add_frame(model: Model, name: str, w: float, h: float, x: float, yc: float, z_face: float, mat: Material) -> None:
    """A raised shaker frame on a front: outer slab minus its middle, 6 mm proud."""
    rail = min(0.055, 0.17 * min(w, h))
    t = 0.006
    outer = prim.box((w, h, t), bevel=0.0015, bevel_segments=1)
    inner = prim.box((w - 2 * rail, h - 2 * rail, t * 3), bevel=0.0)
    frame = csg.difference(outer, inner).translated((x, yc, z_face + t / 2 - 0.001))
    model.add(name, frame, mat)


def add_doors(model: Model, prefix: str, n: int, x0: float, x1: float, y0: float, y1: float, z_front: float,
              mat: Material, handle_mat: Material, glass_mat: Material, style: str, handle_style: str) -> None:
    """``n`` side-by-side doors covering x0..x1, y0..y1; ``glass`` style doors get a frame and a pane."""
    if n <= 0:
        return
    pitch = (x1 - x0) / n
    w = pitch - GAP
    h = y1 - y0 - GAP
    yc = (y0 + y1) / 2
    for i in range(n):
        xc = x0 + pitch * (i + 0.5)
        name = f"{prefix}_{i}"
        if style == "glass":
            rail = min(0.06, 0.16 * w)
            outer = prim.box((w, h, FRONT_T), bevel=0.003, bevel_segments=2)
            hole = prim.box((w - 2 * rail, h - 2 * rail, FRONT_T * 3))
            model.add(name, csg.difference(outer, hole).translated((xc, yc, z_front + FRONT_T / 2)), mat)
            pane = prim.box((w - 2 * rail + 0.008, h - 2 * rail + 0.008, 0.005)).translated((xc, yc, z_front + FRONT_T / 2))
            model.add(f"{name}_glass", pane, glass_mat)
        else:
            model.add(name, slab((w, h, FRONT_T), (xc, yc, z_front + FRONT_T / 2), bevel=0.003), mat)
            if style == "shaker" and w > 0.2:
                _add_frame(model, f"{name}_frame", w, h, xc, yc, z_front + FRONT_T, mat)
        # pulls sit near the meeting edge: the right edge for the left door of a pair, else the left edge
        side = -1.0 if n == 1 or i % 2 == 1 else 1.0
        hx = xc + side * (w / 2 - 0.045)
        hy = yc if h < 1.0 else y0 + min(1.0, h * 0.5)
        hs = handle_size(handle_style, 0.5) if handle_style != "bar" else float(np.clip(h * 0.25, 0.12, 0.3))
        if handle_style == "cup":
            handle_style_door = "knob"
            hs = 0.03
        else:
            handle_style_door = handle_style
        add_handle(model, f"{name}_handle", handle_style_door, hs, (hx, hy, z_front + FRONT_T), handle_mat,
                   vertical=True)


def fill_books(rng: np.random.Generator, x0: float, x1: float, y: float, max_h: float, depth: float,
               z_back: float) -> Mesh | None:
    """A row of books standing on a shelf at height ``y`` between x0 and x1 (one disjoint-shell mesh)."""
    books = []
    x = x0 + float(rng.uniform(0.0, 0.03))
    end = x1 - float(rng.uniform(0.02, 0.2)) * (x1 - x0)
    while True:
        t = float(rng.uniform(0.018, 0.045))
        if x + t > end:
            break
        h = min(max_h - 0.015, float(rng.uniform(0.17, 0.3)))
        d = min(depth - 0.02, float(rng.uniform(0.13, 0.22)))
        if h > 0.08:
            books.append(prim.box((t, h, d), bevel=0.0015, bevel_segments=1).translated((x + t / 2, y + h / 2, z_back + d / 2 + 0.01)))
        x += t + 0.0015
    if not books:
        return None
    return merge(books)
