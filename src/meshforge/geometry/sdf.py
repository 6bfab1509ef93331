"""Signed distance functions: the soft-surface toolkit for animals, food, rocks and plush toys.

A shape is an :class:`SDF`: a function from points (meters) to signed distances (meters, negative
inside), plus a conservative axis-aligned bounding box of its solid, so :func:`to_mesh` needs no
user bounds. Shapes are small immutable objects that compose::

    from meshforge.geometry import sdf

    body = sdf.ellipsoid((0.16, 0.11, 0.24), center=(0, 0.22, 0))
    head = sdf.sphere(0.09, center=(0, 0.34, 0.24))
    leg = sdf.round_cone((0.08, 0.18, 0.12), (0.09, 0.02, 0.14), 0.045, 0.03)
    legs = (leg | leg.translate((0, 0, -0.26))).mirror_x()      # four legs from one
    tail = sdf.capsule((0, 0.25, -0.22), (0, 0.36, -0.34), 0.025)
    cat = sdf.smooth_union(body, head, legs, tail, k=0.05)
    mesh = sdf.to_mesh(cat, resolution=96)                      # watertight, outward, normals, UVs

Conventions: meters, Y-up, degrees for rotations, radians per meter for twist rates. Like
:mod:`meshforge.geometry.primitives`, spheres, ellipsoids, boxes and tori are centred on the origin
(or ``center``), while cylinders and cones stand on ``y = 0`` (or ``base``) around the Y axis.
Internally points travel as (3, N) arrays (one contiguous row per axis) because that is 2-4x faster
in numpy than (N, 3); the public call ``shape(points)`` takes (N, 3) or a single (3,) point.

Exact SDFs keep ``|f(p)|`` equal to the distance to the surface; the "bound" operators (smooth
blends, non-uniform scale, twist, bend, displacement, elongation inside) keep the sign exact and the
value a reasonable estimate, which is all marching cubes needs.

Meshing samples a grid: features thinner than about two voxels vanish or break up, and sharp edges
(cuts, unbevelled boxes) are chamfered over about one voxel, so give bevels and blends a radius of
two voxels or more (at the default 96 voxels across, 2 % of the longest side).

Sources:
  * Distance functions, rounding, elongation, onion, twist and bend operators: Inigo Quilez,
    "Distance functions" (iquilezles.org/articles/distfunctions), incl. the exact round cone,
    capped cone and capped cylinder; the bound-corrected ellipsoid from his "Ellipsoid SDF" article.
  * Smooth union/subtraction/intersection: the quadratic polynomial smooth minimum
    ``min(a, b) - h^2 k / 4`` with ``h = max(k - |a - b|, 0) / k``, Quilez, "Smooth minimum"
    (iquilezles.org/articles/smin); it lowers values by at most ``k / 4``, which bounds the growth.
  * Bend: an exact circular-arc bend (the neutral axis keeps its length), not Quilez's cheap bend.
  * Normals: the tetrahedral central-difference gradient, Quilez, "Normals for an SDF".
  * Meshing: W. E. Lorensen and H. E. Cline, "Marching cubes", SIGGRAPH 1987, with the topologically
    consistent tables of T. Lewiner et al., "Efficient implementation of marching cubes' cases with
    topological guarantees", JGT 8(2), 2003 (scikit-image ``measure.marching_cubes``); manifold-
    preserving simplification by the Manifold library (E. Lalish, manifold3d); UVs by xatlas.
  * Displacement noise: :mod:`meshforge.geometry.noise` (Perlin 2002 improved noise, fBm).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Sequence

import manifold3d
import numpy as np

from meshforge.geometry.mesh import DEFAULT_CREASE_DEG, Mesh
from meshforge.geometry.noise import GradientNoise3D, Seed

log = logging.getLogger(__name__)

#: Internal evaluator: (3, N) float64 points (meters) -> (N,) float64 signed distances (meters).
Evaluator = Callable[[np.ndarray], np.ndarray]
Vector = Sequence[float] | np.ndarray

_AXES = {"x": 0, "y": 1, "z": 2}
#: Points per evaluation chunk in :func:`to_mesh` (about 25 MB of float64 temporaries per node).
_CHUNK = 1 << 17
#: Default :func:`to_mesh` simplification tolerance, in voxels (0.2 shows streaks on creatures).
SIMPLIFY_VOXELS = 0.1
#: Default :func:`to_mesh` longest edge after simplification, in voxels.
MAX_EDGE_VOXELS = 8.0
#: Samples closer to the level than this fraction of a voxel are pushed to it (see _marching_cubes).
_SNAP_FRACTION = 0.01
#: Largest grid :func:`to_mesh` accepts (512³ samples: 0.5 GB of float32).
_MAX_GRID_POINTS = 512**3
#: Empty voxels kept around the bounding box so the surface never touches the grid border.
_PAD_VOXELS = 2


# ============================================================================ the shape type
class SDF:
    """A signed distance function with a conservative bounding box.

    Build shapes with the module functions (:func:`sphere`, :func:`capsule`, ...) and combine them
    with operators and methods; each returns a new shape and never changes its operands.

    * ``a | b`` union, ``a - b`` subtraction, ``a & b`` intersection (sharp);
      ``a.smooth_union(b, k)`` etc. blend over ``k`` meters.
    * ``shape(points)``: (N, 3) points in meters -> (N,) signed distances in meters (a float for
      a single (3,) point).
    * ``shape.bounds``: (2, 3) min/max corner in meters that contains every point where the value is
      negative (infinite for unbounded shapes such as :func:`half_space`).
    """

    __slots__ = ("_bounds", "_evaluate", "label")

    def __init__(self, evaluate: Evaluator, bounds: np.ndarray, label: str) -> None:
        """Wrap an evaluator taking (3, N) points; prefer :func:`custom` for (N, 3) functions."""
        b = np.array(bounds, dtype=np.float64).reshape(2, 3)
        if np.isnan(b).any():
            raise ValueError(f"bounds of {label} contain NaN")
        b[1] = np.maximum(b[0], b[1])  # an empty intersection collapses to a zero-size box
        self._evaluate = evaluate
        self._bounds = b
        self.label = label

    def __repr__(self) -> str:
        text = self.label if len(self.label) <= 160 else self.label[:157] + "..."
        return f"SDF({text})"

    def __call__(self, points: Vector) -> np.ndarray | float:
        p = np.asarray(points, dtype=np.float64)
        single = p.ndim == 1
        if p.shape[-1] != 3:
            raise ValueError(f"points must have shape (N, 3) or (3,), got {p.shape}")
        d = self._evaluate(np.ascontiguousarray(p.reshape(-1, 3).T))
        return float(d[0]) if single else d

    @property
    def bounds(self) -> np.ndarray:
        """(2, 3) conservative min/max corner of the solid, meters."""
        return self._bounds.copy()

    # ------------------------------------------------------------------ combinators
    def __or__(self, other: SDF) -> SDF:
        return union(self, other)

    def __and__(self, other: SDF) -> SDF:
        return intersection(self, other)

    def __sub__(self, other: SDF) -> SDF:
        return difference(self, other)

    def union(self, *others: SDF, k: float = 0.0) -> SDF:
        """This shape and ``others``, blended over ``k`` meters when ``k > 0``."""
        return union(self, *others, k=k)

    def smooth_union(self, other: SDF, k: float) -> SDF:
        """Union with a fillet about ``k`` meters wide (the surface grows by at most ``k / 4``)."""
        return union(self, other, k=k)

    def subtract(self, *others: SDF, k: float = 0.0) -> SDF:
        """This shape minus ``others``, with a rounded ``k``-meter blend at the cut when ``k > 0``."""
        return difference(self, *others, k=k)

    def smooth_subtract(self, other: SDF, k: float) -> SDF:
        return difference(self, other, k=k)

    def intersect(self, *others: SDF, k: float = 0.0) -> SDF:
        """The common part of this shape and ``others``, edges rounded over ``k`` meters when ``k > 0``."""
        return intersection(self, *others, k=k)

    def smooth_intersect(self, other: SDF, k: float) -> SDF:
        return intersection(self, other, k=k)

    # ------------------------------------------------------------------ rigid transforms and scale
    def translate(self, offset: Vector) -> SDF:
        """Move by ``offset`` meters."""
        o = _vec3(offset, "offset")
        f, col = self._evaluate, o[:, None]
        return SDF(lambda q: f(q - col), self._bounds + o, f"{self.label}.translate({_fmt(o)})")

    def rotate(self, axis: str | Vector, degrees: float, *, about: Vector = (0.0, 0.0, 0.0)) -> SDF:
        """Rotate right-handedly by ``degrees`` about ``axis`` ('x', 'y', 'z' or a 3-vector) through ``about``."""
        return self._rotated(
            _rotation_matrix(axis, degrees), _vec3(about, "about"), f"rotate({axis!r}, {degrees:g})"
        )

    def rotate_euler(self, degrees: Vector, *, order: str = "xyz", about: Vector = (0.0, 0.0, 0.0)) -> SDF:
        """Rotate by (x, y, z) angles in degrees, applied one axis after another in ``order`` (fixed axes).

        ``order="xyz"`` rotates about X first, then Y, then Z, i.e. ``R = Rz @ Ry @ Rx``.
        """
        angles = _vec3(degrees, "degrees")
        if sorted(order) != ["x", "y", "z"]:
            raise ValueError(f"order must be a permutation of 'xyz', got {order!r}")
        matrix = np.eye(3)
        for axis in order:
            matrix = _rotation_matrix(axis, angles[_AXES[axis]]) @ matrix
        return self._rotated(matrix, _vec3(about, "about"), f"rotate_euler({_fmt(angles)}, {order!r})")

    def _rotated(self, matrix: np.ndarray, about: np.ndarray, text: str) -> SDF:
        f, c, inverse = self._evaluate, about[:, None], np.ascontiguousarray(matrix.T)
        if np.all(np.isfinite(self._bounds)):
            corners = _box_corners(self._bounds) - about
            moved = corners @ matrix.T + about
            bounds = np.array([moved.min(axis=0), moved.max(axis=0)])
        else:
            bounds = _INFINITE_BOUNDS
        return SDF(lambda q: f(inverse @ (q - c) + c), bounds, f"{self.label}.{text}")

    def scale(self, factor: float | Vector) -> SDF:
        """Scale about the origin by ``factor`` (> 0; one number, or one per axis).

        A uniform scale keeps the distances exact; per-axis factors give a bound (the value is
        multiplied by the smallest factor, so it never overestimates the distance).
        """
        s = np.broadcast_to(np.asarray(factor, dtype=np.float64), (3,)).copy()
        if not np.all(np.isfinite(s)) or np.any(s <= 0):
            raise ValueError(f"scale factors must be positive, got {factor!r}")
        f, inv, smallest = self._evaluate, (1.0 / s)[:, None], float(s.min())
        return SDF(lambda q: f(q * inv) * smallest, self._bounds * s, f"{self.label}.scale({_fmt(s)})")

    def mirror(self, axis: str = "x") -> SDF:
        """This shape together with its mirror image across the plane ``axis = 0`` (e.g. left + right legs)."""
        i = _axis_index(axis)
        f = self._evaluate

        def evaluate(q: np.ndarray) -> np.ndarray:
            flipped = q.copy()
            flipped[i] = -q[i]
            return np.minimum(f(q), f(flipped))

        bounds = self._bounds.copy()
        extent = max(abs(bounds[0, i]), abs(bounds[1, i]))
        bounds[:, i] = (-extent, extent)
        return SDF(evaluate, bounds, f"{self.label}.mirror({axis!r})")

    def mirror_x(self) -> SDF:
        """Shortcut for :meth:`mirror` across ``x = 0``: model one side of a creature facing +Z, get both."""
        return self.mirror("x")

    # ------------------------------------------------------------------ deformations
    def twist(self, rate: float, axis: str = "y") -> SDF:
        """Twist about ``axis`` (through the origin): the cross-section at coordinate ``t`` along the
        axis turns by ``rate * t`` radians (right-handed). ``rate`` in radians per meter. A bound."""
        i = _axis_index(axis)
        u, v = (i + 1) % 3, (i + 2) % 3  # right-handed plane for the axis: (y, z), (z, x), (x, y)
        f, rate = self._evaluate, float(rate)
        if not np.all(np.isfinite(self._bounds)):
            raise ValueError("twist needs a bounded shape")

        def evaluate(q: np.ndarray) -> np.ndarray:
            angle = -rate * q[i]
            c, s = np.cos(angle), np.sin(angle)
            p = q.copy()
            p[u] = c * q[u] - s * q[v]
            p[v] = s * q[u] + c * q[v]
            return f(p)

        lo, hi = self._bounds
        plane = np.array([[lo[u], lo[v]], [hi[u], lo[v]], [lo[u], hi[v]], [hi[u], hi[v]]])
        swept = _swept_rotation_bounds(plane, *sorted((rate * lo[i], rate * hi[i])))
        bounds = self._bounds.copy()
        bounds[:, u], bounds[:, v] = swept[:, 0], swept[:, 1]
        return SDF(evaluate, bounds, f"{self.label}.twist({rate:g}, {axis!r})")

    def bend(self, rate: float, *, along: str = "x", toward: str = "y") -> SDF:
        """Bend a shape lying along ``along`` into a circular arc curving toward ``toward``.

        ``rate`` is the curvature in 1/m (the arc radius is ``1 / |rate|``; negative bends the other
        way). Points on the line ``toward = 0`` keep their length along the arc, so distances stay
        nearly exact close to it. The bent part must stay within ``pi / |rate|`` of the origin along
        ``along`` (beyond that the arc would wrap around); e.g. a tail of length L needs
        ``|rate| < pi / L``. A bound.
        """
        a, b = _axis_index(along), _axis_index(toward)
        if a == b:
            raise ValueError("bend needs two different axes")
        rate = float(rate)
        if abs(rate) < 1e-9:
            return self
        if not np.all(np.isfinite(self._bounds)):
            raise ValueError("bend needs a bounded shape")
        f, sign, radius = self._evaluate, math.copysign(1.0, rate), 1.0 / abs(rate)

        def evaluate(q: np.ndarray) -> np.ndarray:
            x, y = q[a], sign * q[b]
            p = q.copy()
            p[a] = np.arctan2(x, radius - y) * radius
            p[b] = sign * (radius - np.hypot(x, radius - y))
            return f(p)

        lo, hi = self._bounds
        y_lo, y_hi = sorted((sign * lo[b], sign * hi[b]))
        r_lo, r_hi = max(radius - y_hi, 0.0), max(radius - y_lo, 0.0)
        theta = np.clip([lo[a] / radius, hi[a] / radius], -math.pi, math.pi)
        # a point at arc radius r and angle t sits at (r sin t, radius - r cos t): (0, -r) turned by t
        swept = _swept_rotation_bounds(np.array([[0.0, -r_lo], [0.0, -r_hi]]), theta[0], theta[1])
        bounds = self._bounds.copy()
        bounds[:, a] = swept[:, 0]
        bounds[:, b] = np.sort(sign * (swept[:, 1] + radius))
        return SDF(evaluate, bounds, f"{self.label}.bend({rate:g}, along={along!r}, toward={toward!r})")

    def displace(
        self,
        amplitude: float,
        frequency: float,
        seed: Seed,
        *,
        octaves: int = 4,
        lacunarity: float = 2.0,
        gain: float = 0.5,
    ) -> SDF:
        """Push the surface in and out by fBm noise: lumps for rocks, bread crust, knitted plush.

        Args:
            amplitude: largest displacement in meters (the surface moves by at most this much).
            frequency: features per meter of the first octave (e.g. 8 -> bumps about 12 cm apart).
            seed: int or ``numpy.random.Generator``; the same seed gives identical values.
            octaves, lacunarity, gain: fBm layers, frequency ratio and amplitude ratio per layer.

        Mesh with a voxel size below about ``1 / (4 * frequency * lacunarity**(octaves - 1))`` to
        resolve the finest octave. Noise is only computed where ``|f| < 2 |amplitude|`` and fades
        out smoothly from ``|amplitude|``: the surface is exactly that of ``f + amplitude * fbm``
        (farther points cannot change sign), the values stay continuous, and meshing stays fast.
        """
        if frequency <= 0 or not math.isfinite(frequency):
            raise ValueError(f"frequency must be positive, got {frequency!r}")
        if amplitude == 0:
            return self
        noise = GradientNoise3D(seed, max_octaves=max(octaves, 1))
        f, amp, band = self._evaluate, float(amplitude), abs(float(amplitude))

        def evaluate(q: np.ndarray) -> np.ndarray:
            d = np.array(f(q), dtype=np.float64)
            near = np.flatnonzero(np.abs(d) < 2.0 * band)
            if near.size:
                t = np.clip((np.abs(d[near]) - band) / band, 0.0, 1.0)
                weight = 1.0 - t * t * (3.0 - 2.0 * t)
                n = noise.fbm(q[:, near].T * frequency, octaves=octaves, lacunarity=lacunarity, gain=gain)
                d[near] += amp * weight * n
            return d

        bounds = self._bounds + np.array([[-1.0], [1.0]]) * abs(amp)
        return SDF(evaluate, bounds, f"{self.label}.displace({amp:g}, {frequency:g}, octaves={octaves})")

    # ------------------------------------------------------------------ offsets
    def round(self, radius: float) -> SDF:
        """Grow the surface outward by ``radius`` meters, rounding every edge (Quilez's opRound)."""
        f, r = self._evaluate, float(radius)
        return SDF(
            lambda q: f(q) - r,
            self._bounds + np.array([[-1.0], [1.0]]) * max(r, 0.0),
            f"{self.label}.round({r:g})",
        )

    def shell(self, thickness: float) -> SDF:
        """Hollow the shape, keeping a wall ``thickness`` meters thick inside the original surface."""
        if thickness <= 0:
            raise ValueError(f"shell thickness must be positive, got {thickness!r}")
        f, t = self._evaluate, float(thickness)

        def evaluate(q: np.ndarray) -> np.ndarray:
            d = f(q)
            return np.maximum(d, -d - t)

        return SDF(evaluate, self._bounds, f"{self.label}.shell({t:g})")

    def elongate(self, amount: Vector) -> SDF:
        """Stretch by cutting at the planes through the origin and extruding the cut: ``amount`` (x, y, z)
        meters of extra length per axis, half on each side (Quilez's opElongate)."""
        h = _vec3(np.broadcast_to(np.asarray(amount, dtype=np.float64), (3,)), "amount") / 2.0
        if np.any(h < 0):
            raise ValueError("elongation must be >= 0")
        f, col = self._evaluate, h[:, None]
        bounds = self._bounds + np.array([-h, h])
        return SDF(lambda q: f(q - np.clip(q, -col, col)), bounds, f"{self.label}.elongate({_fmt(2 * h)})")

    # ------------------------------------------------------------------ meshing
    def to_mesh(self, resolution: int = 96, **options: object) -> Mesh:
        """Shortcut for :func:`to_mesh` (same keyword options)."""
        return to_mesh(self, resolution, **options)  # type: ignore[arg-type]


# ============================================================================ helpers
_INFINITE_BOUNDS = np.array([[-np.inf] * 3, [np.inf] * 3])


def _fmt(v: np.ndarray) -> str:
    return "(" + ", ".join(f"{x:g}" for x in v) + ")"


def _vec3(v: Vector, name: str) -> np.ndarray:
    a = np.asarray(v, dtype=np.float64).reshape(-1)
    if a.shape != (3,) or not np.all(np.isfinite(a)):
        raise ValueError(f"{name} must be three finite numbers, got {v!r}")
    return a


def _positive(x: float, name: str) -> float:
    x = float(x)
    if not (x > 0 and math.isfinite(x)):
        raise ValueError(f"{name} must be a positive number of meters, got {x!r}")
    return x


def _axis_index(axis: str) -> int:
    if axis not in _AXES:
        raise ValueError(f"axis must be 'x', 'y' or 'z', got {axis!r}")
    return _AXES[axis]


def _rotation_matrix(axis: str | Vector, degrees: float) -> np.ndarray:
    """3x3 right-handed rotation by ``degrees`` about an axis name or vector (Rodrigues' formula)."""
    if isinstance(axis, str):
        v = np.zeros(3)
        v[_axis_index(axis)] = 1.0
    else:
        v = _vec3(axis, "axis")
        norm = np.linalg.norm(v)
        if norm == 0:
            raise ValueError("rotation axis must be non-zero")
        v = v / norm
    t = math.radians(float(degrees))
    k = np.array([[0.0, -v[2], v[1]], [v[2], 0.0, -v[0]], [-v[1], v[0], 0.0]])
    return np.eye(3) + math.sin(t) * k + (1.0 - math.cos(t)) * (k @ k)


def _box_corners(bounds: np.ndarray) -> np.ndarray:
    lo, hi = bounds
    return np.array([[(lo, hi)[(c >> i) & 1][i] for i in range(3)] for c in range(8)])


def _swept_rotation_bounds(points: np.ndarray, start: float, stop: float) -> np.ndarray:
    """(2, 2) box of 2D ``points`` (M, 2) turned counter-clockwise by every angle in [start, stop] radians.

    Each point sweeps an arc; an arc's extremes are its end points and the quarter-turn angles it
    passes, so the box is exact.
    """
    radius = np.hypot(points[:, 0], points[:, 1])
    phase = np.arctan2(points[:, 1], points[:, 0])
    samples = []
    for r, phi in zip(radius, phase, strict=True):
        a0, a1 = phi + start, phi + stop
        quarter = np.arange(math.ceil(a0 / (math.pi / 2)), math.floor(a1 / (math.pi / 2)) + 1)
        if a1 - a0 >= 2 * math.pi:
            quarter = np.arange(4)
        angles = np.concatenate([[a0, a1], quarter[:4] * (math.pi / 2)])
        samples.append(np.stack([r * np.cos(angles), r * np.sin(angles)], axis=1))
    all_points = np.concatenate(samples)
    return np.array([all_points.min(axis=0), all_points.max(axis=0)])


def _norm(x: np.ndarray, y: np.ndarray, z: np.ndarray | None = None) -> np.ndarray:
    return np.sqrt(x * x + y * y if z is None else x * x + y * y + z * z)


def _pad(bounds: np.ndarray, margin: float) -> np.ndarray:
    return bounds + np.array([[-1.0], [1.0]]) * margin


# ============================================================================ combinators
def _smooth_min(a: np.ndarray, b: np.ndarray, k: float) -> np.ndarray:
    """Quadratic polynomial smooth minimum (Quilez): equals min(a, b) when |a - b| >= k."""
    h = np.maximum(k - np.abs(a - b), 0.0) / k
    return np.minimum(a, b) - h * h * (k * 0.25)


def _k_text(k: float) -> str:
    return f", k={k:g}" if k > 0 else ""


def _check_shapes(shapes: Sequence[SDF], k: float) -> float:
    if not shapes:
        raise ValueError("need at least one shape")
    for s in shapes:
        if not isinstance(s, SDF):
            raise ValueError(f"expected SDF shapes, got {type(s).__name__}")
    k = float(k)
    if k < 0 or not math.isfinite(k):
        raise ValueError(f"blend radius k must be >= 0 meters, got {k!r}")
    return k


def union(*shapes: SDF, k: float = 0.0) -> SDF:
    """Union of ``shapes``; with ``k > 0`` (meters) neighbouring shapes melt together over about ``k``.

    Smooth unions of many shapes are blended as a balanced tree of pairs: each level may grow the
    surface by ``k / 4``, so the bounds grow by ``ceil(log2 n) * k / 4`` instead of ``(n - 1) k / 4``.
    """
    k = _check_shapes(shapes, k)
    if len(shapes) == 1:
        return shapes[0]
    if k == 0:
        evaluators = [s._evaluate for s in shapes]

        def evaluate(q: np.ndarray) -> np.ndarray:
            d = evaluators[0](q)
            for f in evaluators[1:]:
                d = np.minimum(d, f(q))
            return d

        lo = np.min([s._bounds[0] for s in shapes], axis=0)
        hi = np.max([s._bounds[1] for s in shapes], axis=0)
        return SDF(evaluate, [lo, hi], f"union({', '.join(s.label for s in shapes)})")
    level = list(shapes)
    while len(level) > 1:
        paired = [_smooth_union_pair(level[i], level[i + 1], k) for i in range(0, len(level) - 1, 2)]
        level = paired + level[len(paired) * 2 :]
    return level[0]


def _smooth_union_pair(a: SDF, b: SDF, k: float) -> SDF:
    fa, fb = a._evaluate, b._evaluate
    lo = np.minimum(a._bounds[0], b._bounds[0])
    hi = np.maximum(a._bounds[1], b._bounds[1])
    return SDF(
        lambda q: _smooth_min(fa(q), fb(q), k),
        _pad(np.array([lo, hi]), k / 4.0),
        f"union({a.label}, {b.label}, k={k:g})",
    )


def smooth_union(*shapes: SDF, k: float) -> SDF:
    """:func:`union` with a blend radius ``k`` in meters (required)."""
    return union(*shapes, k=k)


def smooth_intersection(*shapes: SDF, k: float) -> SDF:
    """:func:`intersection` with a rounding radius ``k`` in meters (required)."""
    return intersection(*shapes, k=k)


def smooth_difference(base: SDF, *cutters: SDF, k: float) -> SDF:
    """:func:`difference` with a rounding radius ``k`` in meters (required)."""
    return difference(base, *cutters, k=k)


def intersection(*shapes: SDF, k: float = 0.0) -> SDF:
    """Common part of ``shapes``; with ``k > 0`` the new edges are rounded over about ``k`` meters."""
    k = _check_shapes(shapes, k)
    result = shapes[0]
    for other in shapes[1:]:
        fa, fb = result._evaluate, other._evaluate
        bounds = [
            np.maximum(result._bounds[0], other._bounds[0]),
            np.minimum(result._bounds[1], other._bounds[1]),
        ]
        if k > 0:
            evaluate = lambda q, fa=fa, fb=fb: -_smooth_min(-fa(q), -fb(q), k)  # noqa: E731
        else:
            evaluate = lambda q, fa=fa, fb=fb: np.maximum(fa(q), fb(q))  # noqa: E731
        result = SDF(evaluate, bounds, f"intersection({result.label}, {other.label}{_k_text(k)})")
    return result


def difference(base: SDF, *cutters: SDF, k: float = 0.0) -> SDF:
    """``base`` minus every cutter; with ``k > 0`` the cut's rim is rounded over about ``k`` meters."""
    k = _check_shapes((base, *cutters), k)
    result = base
    for other in cutters:
        fa, fb = result._evaluate, other._evaluate
        if k > 0:
            evaluate = lambda q, fa=fa, fb=fb: -_smooth_min(-fa(q), fb(q), k)  # noqa: E731
        else:
            evaluate = lambda q, fa=fa, fb=fb: np.maximum(fa(q), -fb(q))  # noqa: E731
        # smooth or not, the result never reaches outside the base
        result = SDF(evaluate, result._bounds, f"difference({result.label}, {other.label}{_k_text(k)})")
    return result


# ============================================================================ primitives
def sphere(radius: float, center: Vector = (0.0, 0.0, 0.0)) -> SDF:
    """Sphere of ``radius`` meters around ``center``. Exact."""
    r, c = _positive(radius, "radius"), _vec3(center, "center")
    cx, cy, cz = c

    def evaluate(q: np.ndarray) -> np.ndarray:
        return _norm(q[0] - cx, q[1] - cy, q[2] - cz) - r

    return SDF(evaluate, [c - r, c + r], f"sphere({r:g}, {_fmt(c)})")


def ellipsoid(radii: Vector, center: Vector = (0.0, 0.0, 0.0)) -> SDF:
    """Axis-aligned ellipsoid with semi-axes ``radii`` (x, y, z) meters around ``center``.

    Quilez's bound-corrected approximation ``k0 (k0 - 1) / k1`` with ``k0 = |p / r|``,
    ``k1 = |p / r^2|``: exact on the surface and along the axes, close elsewhere.
    """
    r, c = _vec3(radii, "radii"), _vec3(center, "center")
    if np.any(r <= 0):
        raise ValueError(f"ellipsoid radii must be positive, got {radii!r}")
    inv, inv2, col, smallest = (1.0 / r)[:, None], (1.0 / r**2)[:, None], c[:, None], float(r.min())

    def evaluate(q: np.ndarray) -> np.ndarray:
        p = q - col
        k0 = _norm(*(p * inv))
        k1 = _norm(*(p * inv2))
        with np.errstate(divide="ignore", invalid="ignore"):
            d = k0 * (k0 - 1.0) / k1
        return np.where(k1 > 1e-12, d, -smallest)

    return SDF(evaluate, [c - r, c + r], f"ellipsoid({_fmt(r)}, {_fmt(c)})")


def box(size: Vector, *, bevel: float = 0.0, center: Vector = (0.0, 0.0, 0.0)) -> SDF:
    """Box of full ``size`` (x, y, z) meters around ``center``; ``bevel`` rounds every edge with that
    radius in meters (clamped to half the smallest side), keeping the outer size. Exact."""
    half, c = _vec3(size, "size") / 2.0, _vec3(center, "center")
    if np.any(half <= 0):
        raise ValueError(f"box size must be positive, got {size!r}")
    r = float(min(max(bevel, 0.0), half.min()))
    inner, col = (half - r)[:, None], c[:, None]

    def evaluate(q: np.ndarray) -> np.ndarray:
        d = np.abs(q - col) - inner
        outside = _norm(*np.maximum(d, 0.0))
        inside = np.minimum(np.max(d, axis=0), 0.0)
        return outside + inside - r

    return SDF(evaluate, [c - half, c + half], f"box({_fmt(2 * half)}, bevel={r:g}, {_fmt(c)})")


def capsule(a: Vector, b: Vector, radius: float) -> SDF:
    """Round-ended tube of ``radius`` meters around the segment ``a`` -> ``b`` (meters). Exact."""
    return round_cone(a, b, radius, radius)


def round_cone(a: Vector, b: Vector, radius_a: float, radius_b: float) -> SDF:
    """Tapered capsule: spheres of ``radius_a`` at ``a`` and ``radius_b`` at ``b`` joined by their tangent
    cone (limbs, tails, fingers, carrots). Exact (Quilez's round cone, arbitrary orientation)."""
    pa, pb = _vec3(a, "a"), _vec3(b, "b")
    ra, rb = _positive(radius_a, "radius_a"), _positive(radius_b, "radius_b")
    bounds = [np.minimum(pa - ra, pb - rb), np.maximum(pa + ra, pb + rb)]
    label = f"round_cone({_fmt(pa)}, {_fmt(pb)}, {ra:g}, {rb:g})"
    ba = pb - pa
    l2 = float(ba @ ba)
    rr = ra - rb
    a2 = l2 - rr * rr
    if a2 <= 1e-12 * max(l2, 1e-12):
        # one sphere swallows the other: the shape is just the bigger sphere
        return sphere(ra, pa) if ra >= rb else sphere(rb, pb)
    col_a, ba_col = pa[:, None], ba[:, None]
    if rr == 0:
        # capsule: distance to the segment, cheaper than the general formula
        def evaluate(q: np.ndarray) -> np.ndarray:
            p = q - col_a
            h = np.clip((ba @ p) / l2, 0.0, 1.0)
            return _norm(*(p - ba_col * h)) - ra

        return SDF(evaluate, bounds, label.replace("round_cone", "capsule"))

    il2, k_sign = 1.0 / l2, math.copysign(1.0, rr) * rr * rr

    def evaluate(q: np.ndarray) -> np.ndarray:
        p = q - col_a
        y = ba @ p
        z = y - l2
        x2 = np.sum((p * l2 - ba_col * y) ** 2, axis=0)
        y2, z2 = y * y * l2, z * z * l2
        k = k_sign * x2
        near_b = np.sign(z) * a2 * z2 > k
        near_a = np.sign(y) * a2 * y2 < k
        side = (np.sqrt(x2 * a2 * il2) + y * rr) * il2 - ra
        return np.where(
            near_b, np.sqrt(x2 + z2) * il2 - rb, np.where(near_a, np.sqrt(x2 + y2) * il2 - ra, side)
        )

    return SDF(evaluate, bounds, label)


def cylinder_between(a: Vector, b: Vector, radius: float, *, bevel: float = 0.0) -> SDF:
    """Solid cylinder of ``radius`` meters from cap centre ``a`` to cap centre ``b``; ``bevel`` rounds
    both rims with that radius (clamped), keeping the outer size. Exact."""
    pa, pb = _vec3(a, "a"), _vec3(b, "b")
    r = _positive(radius, "radius")
    axis = pb - pa
    length = float(np.linalg.norm(axis))
    if length <= 0:
        raise ValueError("cylinder end points must differ")
    u, mid, half = axis / length, (pa + pb) / 2.0, length / 2.0
    rounding = float(min(max(bevel, 0.0), r, half))
    col = mid[:, None]

    def evaluate(q: np.ndarray) -> np.ndarray:
        p = q - col
        along = u @ p
        radial = np.sqrt(np.maximum(np.sum(p * p, axis=0) - along * along, 0.0))
        dx, dy = radial - (r - rounding), np.abs(along) - (half - rounding)
        return (
            np.minimum(np.maximum(dx, dy), 0.0) + _norm(np.maximum(dx, 0.0), np.maximum(dy, 0.0)) - rounding
        )

    # each cap disc spans radius * sqrt(1 - u_i^2) along axis i
    reach = r * np.sqrt(np.maximum(1.0 - u * u, 0.0))
    bounds = [np.minimum(pa, pb) - reach, np.maximum(pa, pb) + reach]
    return SDF(evaluate, bounds, f"cylinder_between({_fmt(pa)}, {_fmt(pb)}, {r:g}, bevel={rounding:g})")


def cylinder(radius: float, height: float, *, bevel: float = 0.0, base: Vector = (0.0, 0.0, 0.0)) -> SDF:
    """Upright cylinder standing on ``base`` (bottom cap centre), ``height`` meters up the Y axis."""
    b = _vec3(base, "base")
    return cylinder_between(b, b + np.array([0.0, _positive(height, "height"), 0.0]), radius, bevel=bevel)


def cone_between(a: Vector, b: Vector, radius_a: float, radius_b: float) -> SDF:
    """Capped (truncated) cone from a disc of ``radius_a`` at ``a`` to one of ``radius_b`` at ``b``
    (meters; either radius may be 0 for a point). Exact (Quilez's capped cone)."""
    pa, pb = _vec3(a, "a"), _vec3(b, "b")
    ra, rb = float(radius_a), float(radius_b)
    if ra < 0 or rb < 0 or max(ra, rb) <= 0:
        raise ValueError("cone radii must be >= 0 and not both 0")
    ba = pb - pa
    baba = float(ba @ ba)
    if baba <= 0:
        raise ValueError("cone end points must differ")
    rba = rb - ra
    kk = rba * rba + baba
    col_a = pa[:, None]

    def evaluate(q: np.ndarray) -> np.ndarray:
        p = q - col_a
        papa = np.sum(p * p, axis=0)
        paba = (ba @ p) / baba
        x = np.sqrt(np.maximum(papa - paba * paba * baba, 0.0))
        cax = np.maximum(0.0, x - np.where(paba < 0.5, ra, rb))
        cay = np.abs(paba - 0.5) - 0.5
        f = np.clip((rba * (x - ra) + paba * baba) / kk, 0.0, 1.0)
        cbx = x - ra - f * rba
        cby = paba - f
        s = np.where((cbx < 0.0) & (cay < 0.0), -1.0, 1.0)
        return s * np.sqrt(np.minimum(cax * cax + cay * cay * baba, cbx * cbx + cby * cby * baba))

    u = ba / math.sqrt(baba)
    reach = np.sqrt(np.maximum(1.0 - u * u, 0.0))
    bounds = [np.minimum(pa - ra * reach, pb - rb * reach), np.maximum(pa + ra * reach, pb + rb * reach)]
    return SDF(evaluate, bounds, f"cone_between({_fmt(pa)}, {_fmt(pb)}, {ra:g}, {rb:g})")


def cone(radius: float, height: float, *, top_radius: float = 0.0, base: Vector = (0.0, 0.0, 0.0)) -> SDF:
    """Upright cone standing on ``base``: a disc of ``radius`` at the bottom, ``top_radius`` (0 = apex)
    ``height`` meters up the Y axis."""
    b = _vec3(base, "base")
    return cone_between(
        b, b + np.array([0.0, _positive(height, "height"), 0.0]), _positive(radius, "radius"), top_radius
    )


def torus(major_radius: float, minor_radius: float, center: Vector = (0.0, 0.0, 0.0)) -> SDF:
    """Ring around the Y axis: tube of ``minor_radius`` whose centre circle has ``major_radius``. Exact."""
    big, small, c = (
        _positive(major_radius, "major_radius"),
        _positive(minor_radius, "minor_radius"),
        _vec3(center, "center"),
    )
    cx, cy, cz = c

    def evaluate(q: np.ndarray) -> np.ndarray:
        return _norm(_norm(q[0] - cx, q[2] - cz) - big, q[1] - cy) - small

    reach = np.array([big + small, small, big + small])
    return SDF(evaluate, [c - reach, c + reach], f"torus({big:g}, {small:g}, {_fmt(c)})")


def half_space(normal: Vector, point: Vector = (0.0, 0.0, 0.0)) -> SDF:
    """Everything on the side of the plane through ``point`` opposite to ``normal``. Exact, unbounded:
    use it to cut, e.g. ``loaf & sdf.half_space((0, -1, 0))`` keeps the part above ``y = 0``."""
    n, p0 = _vec3(normal, "normal"), _vec3(point, "point")
    length = float(np.linalg.norm(n))
    if length == 0:
        raise ValueError("normal must be non-zero")
    n = n / length
    offset = float(n @ p0)
    bounds = _INFINITE_BOUNDS.copy()
    for i in range(3):
        # an axis-aligned half-space is bounded on one side
        if abs(abs(n[i]) - 1.0) < 1e-12:
            bounds[0 if n[i] < 0 else 1, i] = p0[i]
    return SDF(lambda q: n @ q - offset, bounds, f"half_space({_fmt(n)}, {_fmt(p0)})")


def custom(function: Callable[[np.ndarray], np.ndarray], bounds: np.ndarray, label: str = "custom") -> SDF:
    """Wrap a user function mapping (N, 3) points (meters) to (N,) signed distances (meters, negative
    inside; never larger than the true distance) with its (2, 3) bounding box."""

    def evaluate(q: np.ndarray) -> np.ndarray:
        return np.asarray(function(q.T), dtype=np.float64).reshape(-1)

    return SDF(evaluate, np.asarray(bounds, dtype=np.float64), label)


# ============================================================================ meshing
def sample_grid(shape: SDF, bounds: np.ndarray, voxel_size: float) -> tuple[np.ndarray, np.ndarray]:
    """Evaluate ``shape`` on a regular grid covering ``bounds`` plus :data:`_PAD_VOXELS` voxels each side.

    Returns ``(values, origin)``: an (nx, ny, nz) float32 array of signed distances and the (3,)
    position in meters of sample ``[0, 0, 0]``. The grid is centred on the box, so a shape symmetric
    about a plane through the box centre is sampled symmetrically. Evaluation runs in chunks of
    about :data:`_CHUNK` points to bound memory.
    """
    lo, hi = np.asarray(bounds, dtype=np.float64)
    counts = np.ceil((hi - lo) / voxel_size).astype(np.int64) + 1 + 2 * _PAD_VOXELS
    origin = (lo + hi) / 2.0 - (counts - 1) / 2.0 * voxel_size
    axes = [origin[i] + voxel_size * np.arange(counts[i]) for i in range(3)]
    nx, ny, nz = (int(c) for c in counts)
    plane = np.empty((3, ny * nz))
    plane[1] = np.repeat(axes[1], nz)
    plane[2] = np.tile(axes[2], ny)
    values = np.empty((nx, ny * nz), dtype=np.float32)
    slabs = max(1, _CHUNK // (ny * nz))
    for start in range(0, nx, slabs):
        xs = axes[0][start : start + slabs]
        q = np.empty((3, len(xs) * ny * nz))
        q[0] = np.repeat(xs, ny * nz)
        q[1:] = np.tile(plane[1:], len(xs))
        values[start : start + len(xs)] = shape._evaluate(q).reshape(len(xs), ny * nz)
    return values.reshape(nx, ny, nz), origin


def to_mesh(
    shape: SDF,
    resolution: int = 96,
    *,
    voxel_size: float | None = None,
    bounds: np.ndarray | None = None,
    simplify_tolerance: float | None = None,
    target_triangles: int | None = None,
    max_edge: float | None = None,
    min_component_volume: float | None = None,
    largest_only: bool = False,
    crease_deg: float | None = DEFAULT_CREASE_DEG,
    uv: bool = True,
) -> Mesh:
    """Mesh the surface ``shape = 0`` into a closed, outward-facing triangle mesh with normals and UVs.

    Steps: sample the shape on a grid over its bounds padded by two voxels (so the surface never
    reaches the border and the result is closed); marching cubes; drop small components; simplify
    with Manifold (the result stays a closed 2-manifold); normals; xatlas UVs at the tiling density.

    Args:
        shape: the shape to mesh.
        resolution: voxels along the longest side of the bounding box (e.g. 64 preview, 96 default,
            160 detailed); time and memory grow with its cube.
        voxel_size: grid spacing in meters; overrides ``resolution`` (use it to get the same detail
            on parts of different size).
        bounds: (2, 3) box to mesh instead of ``shape.bounds``; required for unbounded shapes. The
            surface is clipped (closed with a cap) where it leaves this box.
        simplify_tolerance: largest distance in meters the simplified surface may move. ``None``
            picks :data:`SIMPLIFY_VOXELS` of a voxel (about a third of the marching-cubes
            triangles, volume within 0.3 %); ``0`` keeps the marching-cubes triangles (only
            sub-micrometre slivers are collapsed).
        target_triangles: if set, the tolerance grows until at most this many triangles remain.
        max_edge: edges are split to about this length (meters; a few up to 2x) after simplifying,
            so flat areas do not become long slivers (they smear normals into streaks and bake
            badly). ``None`` picks :data:`MAX_EDGE_VOXELS` voxels (a few percent more triangles);
            ``math.inf`` disables it. Skipped when it would exceed ``target_triangles``.
        min_component_volume: closed pieces enclosing less than this (m³, absolute value, so inner
            cavities count too) are dropped; ``None`` drops pieces under 8 voxels (noise specks).
        largest_only: keep only the largest piece (and the cavities inside its box).
        crease_deg: where the SDF gradient is more than this many degrees off a face around a
            vertex (cuts by a :func:`half_space`, unbevelled boxes), that vertex is split and shaded
            hard like :meth:`Mesh.with_normals`; elsewhere normals are the SDF gradient, smoother
            and more accurate than mesh normals on organic shapes. ``None``: gradient everywhere.
        uv: unwrap with xatlas and rescale to the tiling texel density (the costly step).

    Returns:
        A :class:`Mesh`, watertight on welded positions, positive volume, normals set, UVs when asked.

    Raises:
        ValueError: for an unbounded shape without ``bounds``, a shape with no inside at this
            voxel size (too small or empty), or a grid over :data:`_MAX_GRID_POINTS` samples.
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    box_bounds = shape._bounds if bounds is None else np.asarray(bounds, dtype=np.float64).reshape(2, 3)
    if bounds is not None:
        if not np.all(np.isfinite(box_bounds)) or np.any(box_bounds[1] <= box_bounds[0]):
            raise ValueError(f"bounds must be a finite (2, 3) min/max box, got {box_bounds.tolist()}")
        # clip exactly at the box (the grid itself reaches two voxels beyond it)
        shape = shape & box(box_bounds[1] - box_bounds[0], center=box_bounds.mean(axis=0))
    if not np.all(np.isfinite(box_bounds)):
        raise ValueError(f"{shape!r} is unbounded: pass bounds=[[x0, y0, z0], [x1, y1, z1]] to mesh it")
    extent = box_bounds[1] - box_bounds[0]
    if voxel_size is None:
        if int(resolution) < 4:
            raise ValueError(f"resolution must be >= 4, got {resolution!r}")
        voxel_size = float(extent.max()) / int(resolution)
    voxel = float(voxel_size)
    if not (voxel > 0 and math.isfinite(voxel)):
        raise ValueError(f"shape {shape!r} has an empty bounding box {box_bounds.tolist()}")
    if np.prod(np.ceil(extent / voxel) + 1 + 2 * _PAD_VOXELS) > _MAX_GRID_POINTS:
        raise ValueError(f"grid too large: voxel {voxel:g} m over a box of {_fmt(extent)} m")

    values, origin = sample_grid(shape, box_bounds, voxel)
    if bounds is None and _touches_border(values):
        # a non-conservative bound (e.g. a custom SDF): try once with a doubled box, then clip
        log.warning("%r reaches outside its bounds; meshing a larger box", shape)
        box_bounds = _pad(box_bounds, float(extent.max()) / 2.0)
        values, origin = sample_grid(shape, box_bounds, voxel)
    _close_border(values)
    timings["sample"] = time.perf_counter() - clock
    if not (values < 0).any():
        raise ValueError(
            f"{shape!r} has no inside at voxel size {voxel:g} m (empty, or thinner than a voxel)"
        )

    clock = time.perf_counter()
    vertices, faces = _marching_cubes(values, origin, voxel)
    timings["marching_cubes"] = time.perf_counter() - clock
    raw_triangles = len(faces)

    clock = time.perf_counter()
    if min_component_volume is None:
        min_component_volume = 8.0 * voxel**3
    vertices, faces = _filter_components(vertices, faces, float(min_component_volume), largest_only)
    vertices, faces = _simplify(
        vertices,
        faces,
        voxel * SIMPLIFY_VOXELS if simplify_tolerance is None else float(simplify_tolerance),
        voxel * MAX_EDGE_VOXELS if max_edge is None else float(max_edge),
        target_triangles,
        voxel,
    )
    timings["simplify"] = time.perf_counter() - clock

    clock = time.perf_counter()
    mesh = _with_normals(shape, Mesh(vertices, faces), voxel, crease_deg)
    timings["normals"] = time.perf_counter() - clock

    if uv:
        from meshforge.geometry.uv import xatlas_uvs

        clock = time.perf_counter()
        mesh = xatlas_uvs(mesh)
        timings["uv"] = time.perf_counter() - clock
    log.info(
        "sdf.to_mesh %s: grid %s (voxel %.4g m), marching cubes %s -> %s triangles (%+.0f%%), %s vertices; %s",
        shape.label[:60],
        "x".join(str(n) for n in values.shape),
        voxel,
        f"{raw_triangles:,}",
        f"{mesh.triangle_count:,}",
        100.0 * (mesh.triangle_count - raw_triangles) / max(raw_triangles, 1),
        f"{mesh.vertex_count:,}",
        ", ".join(f"{k} {v:.3f} s" for k, v in timings.items()),
    )
    return mesh


def _touches_border(values: np.ndarray) -> bool:
    return bool(
        min(
            values[0].min(),
            values[-1].min(),
            values[:, 0].min(),
            values[:, -1].min(),
            values[:, :, 0].min(),
            values[:, :, -1].min(),
        )
        <= 0
    )


def _close_border(values: np.ndarray) -> None:
    """Make the outermost samples positive so marching cubes closes every surface (caps clipped parts)."""
    for index in (0, -1):
        for view in (values[index], values[:, index], values[:, :, index]):
            np.maximum(view, np.float32(1e-6), out=view)


def _marching_cubes(values: np.ndarray, origin: np.ndarray, voxel: float) -> tuple[np.ndarray, np.ndarray]:
    """Lewiner marching cubes at level 0, faces counter-clockwise seen from outside (positive volume)."""
    from skimage import measure

    # A sample at or very near 0 puts the vertices of all its edges within micrometres of the grid
    # point: slivers that weld into degenerate faces (Mesh.weld_map merges within 1e-6 m) and that
    # Manifold's simplify does not always collapse. Pushing such samples to +-1% of a voxel keeps
    # every vertex at least ~0.5% of a voxel from any grid point; the surface moves by under 1%.
    snap = np.float32(_SNAP_FRACTION * voxel)
    near = np.abs(values) < snap
    values[near] = np.where(values[near] < 0, -snap, snap)
    vertices, faces, _normals, _values = measure.marching_cubes(
        values, 0.0, spacing=(voxel, voxel, voxel), gradient_direction="descent"
    )
    vertices = vertices.astype(np.float64) + origin
    faces = faces.astype(np.int64)
    # (i, j, k) indexing with 'descent' gives outward faces; keep the check in case skimage changes
    if _signed_volume(vertices, faces) < 0:
        faces = faces[:, ::-1].copy()
    return vertices, faces


def _signed_volume(
    vertices: np.ndarray, faces: np.ndarray, labels: np.ndarray | None = None, count: int = 1
) -> np.ndarray:
    """Signed volume (m³) enclosed by ``faces``, summed per face label when ``labels`` is given."""
    centre = vertices.mean(axis=0) if len(vertices) else np.zeros(3)
    tri = vertices[faces] - centre
    six = np.einsum("ij,ij->i", tri[:, 0], np.cross(tri[:, 1], tri[:, 2]))
    if labels is None:
        return six.sum() / 6.0
    return np.bincount(labels, weights=six, minlength=count) / 6.0


def _filter_components(
    vertices: np.ndarray, faces: np.ndarray, min_volume: float, largest_only: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Drop closed pieces whose |volume| is under ``min_volume`` (and all but the largest if asked)."""
    from scipy import sparse
    from scipy.sparse import csgraph

    edges = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]]])
    graph = sparse.coo_matrix(
        (np.ones(len(edges), dtype=np.int8), (edges[:, 0], edges[:, 1])), shape=(len(vertices),) * 2
    )
    count, vertex_label = csgraph.connected_components(graph, directed=False)
    if count == 1:
        return vertices, faces
    face_label = vertex_label[faces[:, 0]]
    volume = _signed_volume(vertices, faces, face_label, count)
    keep = np.abs(volume) >= min_volume
    if largest_only:
        biggest = int(np.argmax(volume))
        lo = np.full((count, 3), np.inf)
        hi = np.full((count, 3), -np.inf)
        np.minimum.at(lo, vertex_label, vertices)
        np.maximum.at(hi, vertex_label, vertices)
        inside = np.all((lo >= lo[biggest]) & (hi <= hi[biggest]), axis=1)
        keep &= (np.arange(count) == biggest) | ((volume < 0) & inside)
    if keep.all():
        return vertices, faces
    if not keep.any():
        keep[int(np.argmax(np.abs(volume)))] = True
    log.debug("sdf.to_mesh: kept %d of %d pieces", int(keep.sum()), count)
    kept_faces = faces[keep[face_label]]
    used = np.zeros(len(vertices), dtype=bool)
    used[kept_faces] = True
    remap = np.cumsum(used) - 1
    return vertices[used], remap[kept_faces]


def _simplify(
    vertices: np.ndarray,
    faces: np.ndarray,
    tolerance: float,
    max_edge: float,
    target_triangles: int | None,
    voxel: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Manifold edge-collapse simplification within ``tolerance`` meters, then edges split down to
    ``max_edge`` meters; the output stays a closed 2-manifold without degenerate triangles."""
    solid = manifold3d.Manifold(
        manifold3d.Mesh64(
            vert_properties=np.ascontiguousarray(vertices, dtype=np.float64),
            tri_verts=np.ascontiguousarray(faces, dtype=np.uint64),
        )
    )
    if solid.status() != manifold3d.Error.NoError:
        raise RuntimeError(f"marching cubes produced a non-manifold surface ({solid.status()})")
    # collapse at least the sub-micrometre slivers marching cubes makes near grid points, so no two
    # vertices are closer than Mesh's weld tolerance
    tolerance = max(tolerance, 1e-3 * voxel, 2e-6)
    result = solid.simplify(tolerance)
    if target_triangles is not None and result.num_tri() > int(target_triangles):
        target = max(int(target_triangles), 4)
        # grow the tolerance geometrically until under target, then bisect between the last two
        low, high = tolerance, tolerance
        while result.num_tri() > target and high < 1e3 * voxel:
            low, high = high, high * 2.0
            result = solid.simplify(high)
        best = result
        for _ in range(5):
            middle = math.sqrt(low * high)
            trial = solid.simplify(middle)
            if trial.num_tri() > target:
                low = middle
            else:
                high, best = middle, trial
        result = best
    if math.isfinite(max_edge) and max_edge > 0:
        refined = result.refine_to_length(max_edge)
        if target_triangles is None or refined.num_tri() <= int(target_triangles):
            result = refined
    vertices, faces = _manifold_arrays(result)
    for _ in range(3):
        # simplify can leave exactly collinear triangles along straight runs of marching-cubes
        # vertices (e.g. a bevelled box edge); rebuilding the Manifold swaps them away
        if not _has_degenerate_faces(vertices, faces):
            break
        rebuilt = manifold3d.Manifold(
            manifold3d.Mesh64(
                vert_properties=vertices, tri_verts=np.ascontiguousarray(faces, dtype=np.uint64)
            )
        )
        vertices, faces = _manifold_arrays(rebuilt)
    else:
        log.warning("sdf.to_mesh: degenerate triangles remain after cleanup")
    return vertices, faces


def _manifold_arrays(solid: manifold3d.Manifold) -> tuple[np.ndarray, np.ndarray]:
    out = solid.to_mesh64()
    vertices = np.array(out.vert_properties, dtype=np.float64)[:, :3].copy()
    return vertices, np.array(out.tri_verts, dtype=np.int64).reshape(-1, 3)


def _has_degenerate_faces(vertices: np.ndarray, faces: np.ndarray) -> bool:
    """Same test as :meth:`Mesh.without_degenerate`: area under 1e-14 m² (repeated corners included)."""
    tri = vertices[faces]
    doubled_area = np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1)
    return bool((doubled_area <= 2e-14).any())


def _with_normals(shape: SDF, mesh: Mesh, voxel: float, crease_deg: float | None) -> Mesh:
    """SDF-gradient vertex normals where they agree with the mesh; mesh normals at creases.

    :meth:`Mesh.with_normals` first splits vertices along edges sharper than ``crease_deg``. Each
    vertex then takes the SDF gradient if it lies within :data:`_GRADIENT_AGREEMENT_DEG` of that
    mesh normal (everywhere on smooth surfaces, where the gradient is the more accurate of the two),
    and keeps the mesh normal otherwise. At a crease the gradient (sampled half a voxel around the
    vertex) averages both sides, and the long flat triangles of a simplified cut face would smear
    that tilt across the whole face as streaks.
    """
    if crease_deg is None:
        mesh.normals = _area_weighted_normals(mesh)
    else:
        mesh = mesh.with_normals(crease_deg)
    gradient = _unit(_gradient(shape, mesh.vertices, voxel))
    agree = np.einsum("ij,ij->i", gradient, mesh.normals) > math.cos(math.radians(_GRADIENT_AGREEMENT_DEG))
    mesh.normals = np.where(agree[:, None], gradient, mesh.normals)
    # split copies that all took the gradient are identical again: merge them
    return mesh.compact()


#: Largest angle (degrees) between the SDF gradient and the mesh normal for the gradient to be used.
_GRADIENT_AGREEMENT_DEG = 15.0

#: Tetrahedron directions for the 4-sample central-difference gradient (Quilez, "Normals for an SDF").
_TETRAHEDRON = np.array([[1.0, -1.0, -1.0], [-1.0, -1.0, 1.0], [-1.0, 1.0, -1.0], [1.0, 1.0, 1.0]])


def _gradient(shape: SDF, points: np.ndarray, voxel: float) -> np.ndarray:
    """(N, 3) unnormalised SDF gradient at (N, 3) points, sampled half a voxel away (the mesh's own scale)."""
    n = len(points)
    q = (points[None, :, :] + (0.5 * voxel) * _TETRAHEDRON[:, None, :]).reshape(-1, 3)
    samples = np.empty(len(q))
    for start in range(0, len(q), _CHUNK):
        samples[start : start + _CHUNK] = shape._evaluate(np.ascontiguousarray(q[start : start + _CHUNK].T))
    return np.einsum("kn,kj->nj", samples.reshape(4, n), _TETRAHEDRON)


def _unit(v: np.ndarray) -> np.ndarray:
    length = np.linalg.norm(v, axis=1, keepdims=True)
    return np.divide(v, length, out=np.zeros_like(v), where=length > 1e-12)


def _area_weighted_normals(mesh: Mesh) -> np.ndarray:
    tri = mesh.vertices[mesh.faces]
    face_normal = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    corners = mesh.faces.reshape(-1)
    summed = np.stack(
        [
            np.bincount(corners, weights=np.repeat(face_normal[:, j], 3), minlength=mesh.vertex_count)
            for j in range(3)
        ],
        axis=1,
    )
    return _unit(summed)
