"""Shared tables and shapes of the mechanical family: ISO fastener dimensions and thread geometry.

Tables (millimetres, as printed in the standards; generators convert to meters):
  * ISO 4014 / ISO 4017 hexagon head bolts and screws, product grade A/B: width across flats ``s``
    and head height ``k``;
  * ISO 4032 hexagon nuts (style 1) and ISO 4035 thin nuts (chamfered): ``s`` and height ``m``;
  * ISO 7089 plain washers, normal series, and ISO 7093-1 large series: ``d1`` (hole), ``d2``
    (outside), ``h`` (thickness);
  * ISO 261 coarse and fine pitches.
Thread form: the ISO 68-1 basic profile (60 degree flanks, fundamental triangle height
``H = sqrt(3)/2 * P``, crest flat ``P/8`` on the major diameter, root flat ``P/4`` on the minor one),
drawn with flat roots (no root radius).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from meshforge.geometry.mesh import Mesh

SIZES = ("m3", "m4", "m5", "m6", "m8", "m10", "m12", "m16", "m20", "m24")

#: nominal diameter d (mm)
NOMINAL = {"m3": 3.0, "m4": 4.0, "m5": 5.0, "m6": 6.0, "m8": 8.0, "m10": 10.0, "m12": 12.0, "m16": 16.0,
           "m20": 20.0, "m24": 24.0}
#: ISO 261 coarse and (first-choice) fine pitches (mm)
PITCH_COARSE = {"m3": 0.5, "m4": 0.7, "m5": 0.8, "m6": 1.0, "m8": 1.25, "m10": 1.5, "m12": 1.75, "m16": 2.0,
                "m20": 2.5, "m24": 3.0}
PITCH_FINE = {"m3": 0.35, "m4": 0.5, "m5": 0.5, "m6": 0.75, "m8": 1.0, "m10": 1.25, "m12": 1.5, "m16": 1.5,
              "m20": 1.5, "m24": 2.0}
#: ISO 4014/4017 width across flats s and head height k (mm)
BOLT_HEAD = {"m3": (5.5, 2.0), "m4": (7.0, 2.8), "m5": (8.0, 3.5), "m6": (10.0, 4.0), "m8": (13.0, 5.3),
             "m10": (16.0, 6.4), "m12": (18.0, 7.5), "m16": (24.0, 10.0), "m20": (30.0, 12.5),
             "m24": (36.0, 15.0)}
#: ISO 4032 regular nut height m (mm); across flats as the bolt head
NUT_HEIGHT = {"m3": 2.4, "m4": 3.2, "m5": 4.7, "m6": 5.2, "m8": 6.8, "m10": 8.4, "m12": 10.8, "m16": 14.8,
              "m20": 18.0, "m24": 21.5}
#: ISO 4035 thin (jam) nut height m (mm)
THIN_NUT_HEIGHT = {"m3": 1.8, "m4": 2.2, "m5": 2.7, "m6": 3.2, "m8": 4.0, "m10": 5.0, "m12": 6.0, "m16": 8.0,
                   "m20": 10.0, "m24": 12.0}
#: ISO 7089 (normal series) washer d1, d2, h (mm)
WASHER_NORMAL = {"m3": (3.2, 7.0, 0.5), "m4": (4.3, 9.0, 0.8), "m5": (5.3, 10.0, 1.0), "m6": (6.4, 12.0, 1.6),
                 "m8": (8.4, 16.0, 1.6), "m10": (10.5, 20.0, 2.0), "m12": (13.0, 24.0, 2.5),
                 "m16": (17.0, 30.0, 3.0), "m20": (21.0, 37.0, 3.0), "m24": (25.0, 44.0, 4.0)}
#: ISO 7093-1 (large series) washer d1, d2, h (mm)
WASHER_LARGE = {"m3": (3.2, 9.0, 0.8), "m4": (4.3, 12.0, 1.0), "m5": (5.3, 15.0, 1.2), "m6": (6.4, 18.0, 1.6),
                "m8": (8.4, 24.0, 2.0), "m10": (10.5, 30.0, 2.5), "m12": (13.0, 37.0, 3.0),
                "m16": (17.0, 50.0, 3.0), "m20": (22.0, 60.0, 4.0), "m24": (26.0, 72.0, 5.0)}

SIZE_WORDS = ("m3", "m4", "m5", "m6", "m8", "m10", "m12", "m16", "m20", "m24", "metric")
MM = 1e-3


def iso_profile(u: np.ndarray, pitch: float, depth: float, external: bool = True) -> np.ndarray:
    """Radial depth below the major radius (0 = crest, ``depth`` = root) at axial phase ``u`` (m).

    The ISO 68-1 trapezoid over one pitch: for an external thread, crest flat P/8, flank, root flat
    (what remains), flank; an internal thread swaps crest and root widths (root flat P/8 on the major
    diameter, crest flat P/4 on the minor one).
    """
    t = np.mod(u, pitch) / pitch
    flank = depth / pitch * np.tan(np.radians(30.0))  # axial run of one flank / pitch
    crest = 0.125  # the flat on the major diameter: an external crest, or an internal root
    root = 1.0 - crest - 2 * flank
    d = np.where(t < crest, 0.0,
                 np.where(t < crest + flank, (t - crest) / flank,
                          np.where(t < crest + flank + root, 1.0, 1.0 - (t - crest - flank - root) / flank)))
    return d * depth


def radial_solid(radius: Callable[[np.ndarray, np.ndarray], np.ndarray], ys: np.ndarray, *, segments: int) -> Mesh:
    """A closed solid around +Y whose surface radius is ``radius(theta, y)`` (both (R, N+1) arrays).

    ``ys`` are the increasing row heights; both ends are closed with flat fans to the axis (the outline
    of each end must be star-shaped around the axis, which any positive radius function is). Used for
    real helical threads: the radius then depends on ``y - pitch * theta / 2pi``.
    """
    ys = np.asarray(ys, dtype=np.float64)
    rows = len(ys)
    y0, y1 = float(ys[0]), float(ys[-1])
    theta = np.linspace(0.0, 2 * np.pi, segments + 1)
    tt, yy = np.meshgrid(theta, ys)
    rr = np.maximum(radius(tt, yy), 1e-6)
    verts = np.stack([rr * np.cos(tt), yy, -rr * np.sin(tt)], axis=-1).reshape(-1, 3)
    r_ref = float(rr.max())
    uvs = np.stack([yy, tt * r_ref], axis=-1).reshape(-1, 2)
    cols = segments + 1
    idx = np.arange(rows * cols).reshape(rows, cols)
    a, b, c, d = idx[:-1, :-1], idx[:-1, 1:], idx[1:, 1:], idx[1:, :-1]
    walls = np.concatenate([np.stack([a, b, c], -1).reshape(-1, 3), np.stack([a, c, d], -1).reshape(-1, 3)])
    n = len(verts)
    centres = np.array([[0.0, y0, 0.0], [0.0, y1, 0.0]])
    j = np.arange(segments)
    bottom = np.stack([np.full(segments, n), idx[0, j + 1], idx[0, j]], axis=1)
    top = np.stack([np.full(segments, n + 1), idx[-1, j], idx[-1, j + 1]], axis=1)
    cap_uv = np.zeros((2, 2))
    mesh = Mesh(np.vstack([verts, centres]), np.vstack([walls, bottom, top]), uvs=np.vstack([uvs, cap_uv]))
    mesh = mesh.without_degenerate()
    if mesh.volume < 0:
        mesh = mesh.flipped()
    return mesh.compact().with_normals(40.0)


#: Most thread turns drawn with real geometry; longer threads (only outside the ISO 4017 length range,
#: e.g. M3 x 200 fully threaded) continue as a plain cylinder at the pitch diameter, to keep the mesh
#: under ~50k triangles.
MAX_TURNS = 120


def threaded_rod(major_d: float, pitch: float, length: float, *, thread_length: float | None = None,
                 chamfer: float = 0.0, helical: bool = True, external: bool = True,
                 segments: int = 32, rows_per_pitch: int = 8) -> Mesh:
    """Threaded cylinder from y = 0 to ``length`` (m) around +Y, thread from the bottom up.

    ``helical``: the ISO 68-1 profile follows a right-hand helix (radius depends on
    ``y - P * theta / 2pi``); otherwise the same profile is turned as rings (a visual stand-in).
    ``thread_length`` (default: all of it): above it the shank is plain at the major diameter, with a
    one-pitch runout. ``chamfer``: depth (m) of a 45 degree lead-in at the bottom end (at most the
    thread depth, i.e. down to the minor diameter).
    ``external`` False gives the cutter of an internal (nut) thread: the depth is measured from the
    major diameter inward, and the crest/root widths are those of a nut.
    """
    r_major = major_d / 2
    depth = 0.61343 * pitch if external else 0.54127 * pitch
    tl = length if thread_length is None else min(thread_length, length)
    drawn = min(tl, MAX_TURNS * pitch)  # real thread from the tip up to here
    capped = drawn < tl - 1e-9
    stand_in = r_major - depth * 0.5  # pitch radius, for the turns beyond MAX_TURNS
    n_dense = max(int(np.ceil(drawn / pitch * rows_per_pitch)), 8)
    ys = [np.linspace(0.0, drawn, n_dense + 1)]
    if capped and tl < length - 1e-9:
        ys.append([tl, min(tl + pitch * 0.3, length)])
    if ys[-1][-1] < length - 1e-9:
        ys.append([length])
    ys = np.unique(np.concatenate([np.asarray(y, dtype=np.float64) for y in ys]))

    def radius(theta: np.ndarray, y: np.ndarray) -> np.ndarray:
        phase = y - (pitch * theta / (2 * np.pi) if helical else 0.0)
        r_thread = r_major - iso_profile(phase, pitch, depth, external)
        r_above = np.where((y <= tl + 1e-9) & capped, stand_in, r_major)
        fade = np.clip((drawn - y) / pitch, 0.0, 1.0)  # one-pitch runout at the end of the drawn thread
        r = r_thread * fade + r_above * (1 - fade)
        if chamfer > 0:
            r = np.minimum(r, r_major - min(chamfer, depth) + y)
        return r

    return radial_solid(radius, ys, segments=segments)


def hexagon(across_flats: float) -> np.ndarray:
    """Hexagon outline (6, 2) with flats facing +-X: its X extent is exactly ``across_flats``."""
    r = across_flats / 2 / np.cos(np.pi / 6)
    a = np.radians(np.arange(6) * 60.0 + 30.0)
    return np.stack([r * np.cos(a), r * np.sin(a)], axis=1)
