"""Shared helpers for soft creatures: curves, tapered tube chains, flattened blades, surface probes,
coloured patches that follow a body's surface, and eye/nose parts.

Every creature is modelled in its own plan units (about 1 = the creature's length) and scaled to
meters with :func:`scaled` right before meshing, so proportions live in one place and the texel
density of the UVs stays right at any size.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from meshforge.geometry import primitives as prim
from meshforge.geometry import sdf
from meshforge.geometry.mesh import Mesh
from meshforge.geometry.uv import box_project_uvs

Vec = Sequence[float] | np.ndarray


def bezier(p0: Vec, p1: Vec, p2: Vec, p3: Vec, n: int) -> np.ndarray:
    """(n, 3) points on the cubic Bezier curve with control points ``p0 .. p3``."""
    t = np.linspace(0.0, 1.0, n)[:, None]
    pts = np.asarray([p0, p1, p2, p3], dtype=np.float64)
    return ((1 - t) ** 3) * pts[0] + 3 * ((1 - t) ** 2) * t * pts[1] + 3 * (1 - t) * t * t * pts[2] + t**3 * pts[3]


def chain(points: np.ndarray, radii: Sequence[float] | np.ndarray) -> sdf.SDF:
    """Tube through ``points`` whose radius goes through ``radii`` (one per point): round cones end to end."""
    pts = np.asarray(points, dtype=np.float64)
    r = np.broadcast_to(np.asarray(radii, dtype=np.float64), (len(pts),))
    pieces = [sdf.round_cone(pts[i], pts[i + 1], float(r[i]), float(r[i + 1])) for i in range(len(pts) - 1)]
    return sdf.union(*pieces)


def blade(length: float, width: float, thickness: float, *, tip: float = 0.2, pointed: bool = True,
          min_thickness: float = 0.0) -> sdf.SDF:
    """A flat leaf along +Y from the origin (ears, fins, wings, feathers): ``width`` across X at the base,
    ``thickness`` through Z; pointed (a flattened round cone) or oval (a flattened ellipsoid).

    ``min_thickness`` keeps it (and a pointed tip) at least that thick, so meshing never folds it: pass
    about two voxels.
    """
    thickness = max(thickness, min_thickness)
    width = max(width, thickness * 1.01)
    squash = thickness / width
    if pointed:
        base_r = width / 2
        # the tip's own thickness (2 tip_r squash) stays at 1.5 min_thickness: sharp thin tips fold when simplified
        tip_r = min(max(base_r * tip, 0.75 * min_thickness / squash), base_r * 0.9)
        core = sdf.round_cone((0, 0, 0), (0, max(length - tip_r, tip_r), 0), base_r, max(tip_r, 1e-4))
        return core.scale((1.0, 1.0, squash))
    return sdf.ellipsoid((width / 2, length / 2, thickness / 2), center=(0, length / 2, 0))


def place(shape: sdf.SDF, at: Vec, *, yaw: float = 0.0, pitch: float = 0.0, roll: float = 0.0) -> sdf.SDF:
    """Turn a shape built along +Y (base at the origin), then move its base to ``at``.

    Angles in degrees, applied in this order: ``yaw`` turns about +Y (+Z toward +X; turns the face of a
    blade), ``roll`` leans +Y toward +X, ``pitch`` leans +Y toward +Z.
    """
    out = shape
    if yaw:
        out = out.rotate("y", yaw)
    if roll:
        out = out.rotate("z", -roll)
    if pitch:
        out = out.rotate("x", pitch)
    return out.translate(np.asarray(at, dtype=np.float64))


def direction(elevation: float, azimuth: float) -> np.ndarray:
    """Unit vector: ``azimuth`` degrees from +Z (forward) toward +X, ``elevation`` degrees above horizontal."""
    e, a = np.radians(elevation), np.radians(azimuth)
    return np.array([np.cos(e) * np.sin(a), np.sin(e), np.cos(e) * np.cos(a)])


def surface_point(shape: sdf.SDF, inside: Vec, toward: Vec, reach: float) -> np.ndarray:
    """Where the ray from ``inside`` (a point inside ``shape``) along ``toward`` leaves the surface
    (bisection; ``reach`` is a distance surely outside). Rows of ``inside``/``toward`` give many rays."""
    a = np.atleast_2d(np.asarray(inside, dtype=np.float64))
    d = np.atleast_2d(np.asarray(toward, dtype=np.float64))
    d = d / np.linalg.norm(d, axis=1, keepdims=True)
    a, d = np.broadcast_arrays(a, d)
    lo = np.zeros(len(a))
    hi = np.full(len(a), float(reach))
    for _ in range(24):
        mid = (lo + hi) / 2
        inside_now = np.asarray(shape(a + d * mid[:, None])) < 0
        lo = np.where(inside_now, mid, lo)
        hi = np.where(inside_now, hi, mid)
    out = a + d * ((lo + hi) / 2)[:, None]
    return out[0] if np.ndim(inside) == 1 and np.ndim(toward) == 1 else out


def scaled(shape: sdf.SDF, factor: float) -> sdf.SDF:
    """The shape scaled uniformly about the origin (plan units -> meters)."""
    return shape if factor == 1.0 else shape.scale(float(factor))


def mesh(shape: sdf.SDF, voxel: float, *, atlas: bool = True, min_volume: float | None = None,
         simplify: float = 0.0) -> Mesh:
    """Watertight mesh of ``shape`` at ``voxel`` meters, tiny specks dropped; xatlas UVs, or tri-planar
    tiling UVs (much cheaper, fine for small patches and speckled materials) when ``atlas`` is False."""
    base = simplify or SIMPLIFY_VOXELS
    out = None
    for factor in (1.0, 2.5, 5.0, 10.0, 20.0):
        # tiny creatures (a 4 mm ladybug) can keep slivers thinner than the contract's 1e-8 m face height
        # at the fine tolerance: simplify a little harder until none are left
        tolerance = base * factor * voxel
        out = sdf.to_mesh(shape, voxel_size=voxel, uv=atlas, simplify_tolerance=tolerance,
                          min_component_volume=min_volume)
        if out.triangle_count == 0 or out.face_heights().min() > MIN_FACE_HEIGHT:
            break
    assert out is not None
    return out if atlas else box_project_uvs(out)


#: Simplification tolerance in voxels: the toolkit's 0.1 can fold thin ears and tails and pinch
#: the narrow gaps of sitting poses into self-intersections; 0.02 never did in our checks.
SIMPLIFY_VOXELS = 0.02
#: Thinnest face (m) a mesh may keep before :func:`mesh` simplifies again (the contract needs > 1e-8 m).
MIN_FACE_HEIGHT = 3e-8
#: Distance (plan units or meters, as the shapes) beyond a piece's box where :func:`blend` skips it.
CULL_MARGIN = 0.05
#: Value standing in for "far outside every piece".
_FAR = 1e3


def blend(pieces: Sequence[tuple[sdf.SDF, float]], margin: float = CULL_MARGIN) -> sdf.SDF:
    """Smooth union of ``(shape, k)`` pieces, each melted into those before it over ``k``.

    Each piece is evaluated only at points within ``k + margin`` of its bounding box, so a body of
    thirty pieces costs little more than its few big ones. Farther away the value may be too large,
    but it keeps its sign and is exact within ``margin`` of the surface, which is all meshing, the
    normals and :func:`patch` read (keep ``margin`` above two voxels).
    """
    items = [(shape, float(k)) for shape, k in pieces]
    boxes = [shape.bounds + np.array([[-1.0], [1.0]]) * (k + margin) for shape, k in items]
    lo = np.min([b[0] for b in boxes], axis=0)
    hi = np.max([b[1] for b in boxes], axis=0)
    top = max(k for _, k in items)

    def evaluate(q: np.ndarray) -> np.ndarray:
        d = np.full(q.shape[1], _FAR)
        for (shape, k), box in zip(items, boxes, strict=True):
            inside = np.all((q >= box[0][:, None]) & (q <= box[1][:, None]), axis=0)
            idx = np.flatnonzero(inside)
            if idx.size == 0:
                continue
            v = np.asarray(shape(q[:, idx].T), dtype=np.float64)
            if k > 0:
                a = d[idx]
                h = np.maximum(k - np.abs(a - v), 0.0) / k
                d[idx] = np.minimum(a, v) - h * h * (k * 0.25)
            else:
                d[idx] = np.minimum(d[idx], v)
        return d

    bounds = np.array([lo + margin, hi - margin]) + np.array([[-1.0], [1.0]]) * top * 0.5
    return sdf.SDF(evaluate, bounds, f"blend({len(items)} pieces)")


def clipped(shape: sdf.SDF, region: sdf.SDF, margin: float, k: float = 0.0) -> sdf.SDF:
    """``shape`` intersected with ``region`` (edges rounded over ``k``), evaluating ``shape`` only where
    ``region`` is near or inside."""

    def evaluate(q: np.ndarray) -> np.ndarray:
        d = np.asarray(region(q.T), dtype=np.float64)
        idx = np.flatnonzero(d < margin + k)
        if idx.size:
            a, b = d[idx], np.asarray(shape(q[:, idx].T), dtype=np.float64)
            if k > 0:
                h = np.maximum(k - np.abs(a - b), 0.0) / k
                d[idx] = np.maximum(a, b) + h * h * (k * 0.25)
            else:
                d[idx] = np.maximum(a, b)
        return d

    b = region.bounds
    b = np.array([np.maximum(b[0], shape.bounds[0]), np.minimum(b[1], shape.bounds[1])])
    return sdf.SDF(evaluate, b, "clipped")


def patch(body: sdf.SDF, region: sdf.SDF, lift: float, voxel: float, simplify: float = 0.01,
          min_voxels: float = 40.0) -> Mesh | None:
    """A coloured patch that follows ``body``'s surface inside ``region`` (belly, socks, muzzle,
    spots): the body grown by ``lift`` meters and cut to the region. None when the two do not meet.

    Pieces under ``min_voxels`` voxels of volume are dropped (slivers where a region grazes the body).
    """
    shape = clipped(body.round(lift), region, 3 * voxel, k=2 * voxel)
    try:
        # slivers where a region just grazes the body fold when meshed: keep only real pieces
        return mesh(shape, voxel, atlas=False, min_volume=min_voxels * voxel**3, simplify=simplify)
    except ValueError:
        return None


def ball(radius: float, center: Vec, *, squash: Vec = (1.0, 1.0, 1.0), segments: int = 20) -> Mesh:
    """A small UV sphere (eye, nose tip, pip) of ``radius`` meters scaled per axis by ``squash``."""
    m = prim.sphere(radius, segments=segments)
    s = np.asarray(squash, dtype=np.float64)
    if not np.allclose(s, 1.0):
        mat = np.diag([*s, 1.0])
        m = m.transformed(mat)
    return box_project_uvs(m.translated(np.asarray(center, dtype=np.float64)))
