"""Hard-surface primitives with analytic UVs: the building blocks of most generators.

Every function returns a closed, outward-facing :class:`~meshforge.geometry.mesh.Mesh` (watertight on
welded positions) with smooth-or-hard normals (edges sharper than ``crease_deg`` are hard) and tiling
UVs in meters (:data:`meshforge.geometry.uv.UV_METERS`).

Placement conventions (meters, Y-up):
  * :func:`box` and :func:`sphere`, :func:`torus` are centred on the origin;
  * solids of revolution (:func:`cylinder`, :func:`cone`, :func:`capsule`, :func:`lathe`) stand on
    ``y = 0`` around the Y axis, because furniture legs and bottles are easiest to place by their foot;
  * :func:`extrude` takes an outline in the XZ plane and extrudes it upward from ``y = 0``.

Rotation-minimising frames for :func:`sweep` follow Wang, Jüttler, Zheng and Liu, "Computation of
rotation minimizing frames", ACM TOG 27(1), 2008 (double reflection method).
"""

from __future__ import annotations

from collections.abc import Sequence

import mapbox_earcut
import numpy as np

from meshforge.geometry.mesh import DEFAULT_CREASE_DEG, Mesh, concatenate
from meshforge.geometry.uv import UV_METERS, planar_uvs


def _finish(mesh: Mesh, crease_deg: float = DEFAULT_CREASE_DEG) -> Mesh:
    """Drop degenerate faces, orient outward, merge identical vertices, compute normals."""
    mesh = mesh.without_degenerate()
    if mesh.volume < 0:
        mesh = mesh.flipped()
    return mesh.compact().with_normals(crease_deg)


# ---------------------------------------------------------------------------------------- box
def box(
    size: Sequence[float],
    *,
    bevel: float = 0.0,
    bevel_segments: int = 4,
    crease_deg: float = DEFAULT_CREASE_DEG,
) -> Mesh:
    """Axis-aligned box centred on the origin.

    Args:
        size: (width X, height Y, depth Z) in meters, each > 0.
        bevel: radius in meters of the rounded edges and corners (0 = sharp box); clamped to just
            under half the smallest side.
        bevel_segments: segments per quarter-circle of the rounding.
    """
    half = np.asarray(size, dtype=np.float64) / 2.0
    if half.shape != (3,) or np.any(half <= 0):
        raise ValueError("box size must be three positive numbers")
    r = float(min(max(bevel, 0.0), 0.499 * half.min()))
    if r <= 0:
        axis_coords = [np.array([-h, h]) for h in half]
    else:
        phi = np.linspace(0, np.pi / 2, max(1, bevel_segments) + 1)
        axis_coords = []
        for h in half:
            inner = h - r
            low = -inner - r * np.sin(phi[::-1])
            high = inner + r * np.sin(phi)
            axis_coords.append(np.concatenate([low, high]))
    faces_meshes = []
    # (normal axis, sign, u axis, v axis): parametrise each face by its two in-plane axes
    for axis in range(3):
        others = [a for a in range(3) if a != axis]
        for sign in (-1.0, 1.0):
            cu, cv = axis_coords[others[0]], axis_coords[others[1]]
            gu, gv = np.meshgrid(cu, cv, indexing="ij")
            q = np.zeros((gu.size, 3))
            q[:, axis] = sign * half[axis]
            q[:, others[0]] = gu.ravel()
            q[:, others[1]] = gv.ravel()
            if r > 0:
                inner = half - r
                core = np.clip(q, -inner, inner)
                d = q - core
                d /= np.maximum(np.linalg.norm(d, axis=1, keepdims=True), 1e-300)
                q = core + r * d
            nu, nv = len(cu), len(cv)
            idx = np.arange(nu * nv).reshape(nu, nv)
            a, b, c, dd = idx[:-1, :-1], idx[1:, :-1], idx[1:, 1:], idx[:-1, 1:]
            tris = np.concatenate([np.stack([a, b, c], -1).reshape(-1, 3), np.stack([a, c, dd], -1).reshape(-1, 3)])
            normal = np.zeros(3)
            normal[axis] = sign
            # U (the direction of grain and streaks in procedural textures) runs along the longer side
            u_ax, v_ax = sorted(others, key=lambda a: -half[a])
            m = Mesh(q, tris, uvs=np.stack([q[:, u_ax], q[:, v_ax]], axis=1) / UV_METERS)
            # orient each face outward on its own so the whole box is consistent
            fn = m.face_normals()
            if len(fn) and (fn @ normal).sum() < 0:
                m = m.flipped()
            faces_meshes.append(m)
    mesh = concatenate(faces_meshes).without_degenerate()
    return mesh.compact().with_normals(crease_deg)


# ---------------------------------------------------------------------------------------- lathe
def lathe(
    profile: Sequence[Sequence[float]],
    *,
    segments: int = 48,
    closed: bool = False,
    crease_deg: float = DEFAULT_CREASE_DEG,
) -> Mesh:
    """Revolve a 2D profile of (radius, height) points around the Y axis.

    Args:
        profile: (P, 2) points (r >= 0, y) in meters. An open profile must start and end on the axis
            (r = 0) to give a closed solid, e.g. ``[(0, 0), (0.04, 0), (0.04, 0.1), (0, 0.1)]`` is a
            cylinder; a ``closed`` profile (a loop off the axis) gives a ring such as a torus.
        segments: divisions around the axis.
        closed: the profile is a loop (last point connects to the first).

    UVs: horizontal profile segments (flat discs) get planar UVs; the rest get cylindrical UVs with
    U = distance along the profile and V = angle x (largest radius), both in meters, so texture grain
    (which runs along U) follows the length of legs, columns and turned parts.
    """
    prof = np.asarray(profile, dtype=np.float64).reshape(-1, 2)
    if len(prof) < 2 or np.any(prof[:, 0] < -1e-12):
        raise ValueError("profile needs >= 2 points with radius >= 0")
    prof[:, 0] = np.maximum(prof[:, 0], 0.0)
    if segments < 3:
        raise ValueError("segments must be >= 3")
    pts = np.vstack([prof, prof[:1]]) if closed else prof
    seg_len = np.linalg.norm(np.diff(pts, axis=0), axis=1)
    keep = seg_len > 1e-12
    starts, ends = pts[:-1][keep], pts[1:][keep]
    s0 = np.concatenate([[0.0], np.cumsum(seg_len)])[:-1][keep]
    s1 = s0 + seg_len[keep]
    r_ref = max(float(prof[:, 0].max()), 1e-9)
    theta = np.linspace(0.0, 2 * np.pi, segments + 1)
    cos_t, sin_t = np.cos(theta), np.sin(theta)
    n_bands = len(starts)
    # vertices: band b, row k (0 bottom point, 1 top point), column j
    r = np.stack([starts[:, 0], ends[:, 0]], axis=1)[:, :, None]
    y = np.stack([starts[:, 1], ends[:, 1]], axis=1)[:, :, None]
    x = r * cos_t
    z = -r * sin_t
    yy = np.broadcast_to(y, x.shape)
    verts = np.stack([x, yy, z], axis=-1).reshape(-1, 3)
    flat = np.abs(ends[:, 1] - starts[:, 1]) <= 1e-9 * np.maximum(seg_len[keep], 1e-12)
    u_cyl = np.broadcast_to(theta * r_ref, x.shape)
    v_cyl = np.broadcast_to(np.stack([s0, s1], axis=1)[:, :, None], x.shape)
    uv = np.stack([v_cyl, u_cyl], axis=-1)
    uv_planar = np.stack([x, z], axis=-1)
    uv = np.where(flat[:, None, None, None], uv_planar, uv).reshape(-1, 2) / UV_METERS
    cols = segments + 1
    base = (np.arange(n_bands) * 2 * cols)[:, None]
    j = np.arange(segments)[None, :]
    a = base + j
    b = base + j + 1
    c = base + cols + j + 1
    d = base + cols + j
    tris = np.concatenate([np.stack([a, b, c], -1).reshape(-1, 3), np.stack([a, c, d], -1).reshape(-1, 3)])
    return _finish(Mesh(verts, tris, uvs=uv), crease_deg)


def _arc(center: Sequence[float], radius: float, start_deg: float, end_deg: float, n: int) -> np.ndarray:
    t = np.radians(np.linspace(start_deg, end_deg, n + 1))
    return np.stack([center[0] + radius * np.cos(t), center[1] + radius * np.sin(t)], axis=1)


def cylinder(
    radius: float,
    height: float,
    *,
    segments: int = 48,
    bevel: float = 0.0,
    bevel_segments: int = 4,
    crease_deg: float = DEFAULT_CREASE_DEG,
) -> Mesh:
    """Capped cylinder around +Y from y = 0 to ``height``; ``bevel`` rounds the rim edges (meters)."""
    if radius <= 0 or height <= 0:
        raise ValueError("cylinder radius and height must be > 0")
    b = min(max(bevel, 0.0), 0.49 * radius, 0.49 * height)
    if b <= 0:
        prof = [(0, 0), (radius, 0), (radius, height), (0, height)]
    else:
        prof = np.vstack(
            [
                [(0, 0)],
                _arc((radius - b, b), b, -90, 0, bevel_segments),
                _arc((radius - b, height - b), b, 0, 90, bevel_segments),
                [(0, height)],
            ]
        )
    return lathe(prof, segments=segments, crease_deg=crease_deg)


def cone(
    bottom_radius: float,
    height: float,
    top_radius: float = 0.0,
    *,
    segments: int = 48,
    crease_deg: float = DEFAULT_CREASE_DEG,
) -> Mesh:
    """Cone or frustum around +Y from y = 0 (``bottom_radius``) to ``height`` (``top_radius``, 0 = apex)."""
    if height <= 0 or bottom_radius < 0 or top_radius < 0 or bottom_radius + top_radius <= 0:
        raise ValueError("cone needs height > 0 and a positive radius")
    prof = [(0, 0), (bottom_radius, 0), (top_radius, height), (0, height)]
    return lathe(prof, segments=segments, crease_deg=crease_deg)


def sphere(radius: float, *, segments: int = 48, rings: int | None = None) -> Mesh:
    """UV sphere centred on the origin (``rings`` latitude bands, default ``segments // 2``)."""
    if radius <= 0:
        raise ValueError("sphere radius must be > 0")
    n = rings or max(segments // 2, 3)
    prof = _arc((0.0, 0.0), radius, -90, 90, n)
    prof[0] = (0.0, -radius)
    prof[-1] = (0.0, radius)
    return lathe(prof, segments=segments, crease_deg=89.0)


def capsule(radius: float, height: float, *, segments: int = 48, cap_rings: int = 8) -> Mesh:
    """Capsule around +Y from y = 0 to ``height`` (total, including both hemispheres)."""
    if radius <= 0 or height < 2 * radius:
        raise ValueError("capsule needs radius > 0 and height >= 2 * radius")
    prof = np.vstack(
        [_arc((0, radius), radius, -90, 0, cap_rings), _arc((0, height - radius), radius, 0, 90, cap_rings)]
    )
    prof[0], prof[-1] = (0, 0), (0, height)
    return lathe(prof, segments=segments, crease_deg=60.0)


def torus(major_radius: float, minor_radius: float, *, segments: int = 48, tube_segments: int = 24) -> Mesh:
    """Torus lying in the XZ plane, centred on the origin (ring radius ``major_radius``, tube ``minor_radius``)."""
    if minor_radius <= 0 or major_radius <= minor_radius:
        raise ValueError("torus needs major_radius > minor_radius > 0")
    prof = _arc((major_radius, 0.0), minor_radius, -90, 270, tube_segments)[:-1]
    return lathe(prof, segments=segments, closed=True, crease_deg=60.0)


# ---------------------------------------------------------------------------------------- polygons
def signed_area(polygon: np.ndarray) -> float:
    """Shoelace area of a 2D polygon (positive when counter-clockwise)."""
    p = np.asarray(polygon, dtype=np.float64)
    q = np.roll(p, -1, axis=0)
    return float(0.5 * (p[:, 0] * q[:, 1] - q[:, 0] * p[:, 1]).sum())


def offset_polygon(polygon: np.ndarray, distance: float, miter_limit: float = 4.0) -> np.ndarray:
    """Move every vertex of a closed 2D polygon ``distance`` meters to the left of its edges (miter join).

    For a counter-clockwise outline that is an inset; for a clockwise hole it enlarges the hole.
    Vertex count is preserved so offset rings can be lofted together.
    """
    p = np.asarray(polygon, dtype=np.float64)
    e_next = np.roll(p, -1, axis=0) - p
    e_prev = p - np.roll(p, 1, axis=0)
    def left(e: np.ndarray) -> np.ndarray:
        n = np.stack([-e[:, 1], e[:, 0]], axis=1)
        return n / np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-300)
    n1, n2 = left(e_prev), left(e_next)
    denom = np.maximum(1.0 + np.einsum("ij,ij->i", n1, n2), 2.0 / miter_limit**2)
    return p + (n1 + n2) / denom[:, None] * distance


def rounded_rectangle(width: float, depth: float, radius: float, segments: int = 6) -> np.ndarray:
    """Counter-clockwise outline (K, 2) of a rectangle centred on the origin with rounded corners."""
    r = min(max(radius, 0.0), 0.499 * min(width, depth))
    hw, hd = width / 2 - r, depth / 2 - r
    if r <= 0:
        return np.array([(-width / 2, -depth / 2), (width / 2, -depth / 2), (width / 2, depth / 2), (-width / 2, depth / 2)])
    corners = [(hw, -hd, -90), (hw, hd, 0), (-hw, hd, 90), (-hw, -hd, 180)]
    return np.vstack([_arc((cx, cy), r, a0, a0 + 90, segments) for cx, cy, a0 in corners])


def circle(radius: float, segments: int = 48) -> np.ndarray:
    """Counter-clockwise circle outline (K, 2)."""
    t = np.linspace(0, 2 * np.pi, segments, endpoint=False)
    return np.stack([radius * np.cos(t), radius * np.sin(t)], axis=1)


def _triangulate(rings: list[np.ndarray]) -> np.ndarray:
    """Earcut triangles (T, 3) over the concatenated 2D rings (first outer, then holes)."""
    verts = np.concatenate(rings).astype(np.float64)
    ends = np.cumsum([len(r) for r in rings]).astype(np.uint32)
    tri = np.asarray(mapbox_earcut.triangulate_float64(verts, ends), dtype=np.int64).reshape(-1, 3)
    return tri


def _cap(rings3d: list[np.ndarray], rings2d: list[np.ndarray], normal: np.ndarray) -> Mesh:
    """A flat cap over 3D rings whose 2D shadows are ``rings2d``, facing ``normal``."""
    tri = _triangulate(rings2d)
    verts = np.concatenate(rings3d)
    m = Mesh(verts, tri, uvs=planar_uvs(verts, normal))
    fn = m.face_normals()
    flip = (fn @ normal) < 0
    m.faces[flip] = m.faces[flip][:, ::-1]
    return m


def _ring_walls(rings: list[np.ndarray], closed_rings: bool = True, close_loop: bool = False,
                along_path: bool = False) -> Mesh:
    """Quad strips between consecutive (K, 3) rings (UVs in meters).

    U runs along each ring and V across rings, or the other way round with ``along_path`` (sweeps,
    where the grain should follow the path).
    """
    arr = np.stack(rings)  # (R, K, 3)
    if close_loop:
        arr = np.concatenate([arr, arr[:1]])
    if closed_rings:
        arr = np.concatenate([arr, arr[:, :1]], axis=1)
    n_rings, k = arr.shape[:2]
    u = np.concatenate([np.zeros((n_rings, 1)), np.cumsum(np.linalg.norm(np.diff(arr, axis=1), axis=2), axis=1)], axis=1)
    step = np.linalg.norm(np.diff(arr, axis=0), axis=2).mean(axis=1)
    v = np.concatenate([[0.0], np.cumsum(step)])
    vv = np.broadcast_to(v[:, None], u.shape)
    uv = np.stack([vv, u] if along_path else [u, vv], axis=-1).reshape(-1, 2) / UV_METERS
    idx = np.arange(n_rings * k).reshape(n_rings, k)
    a, b, c, d = idx[:-1, :-1], idx[:-1, 1:], idx[1:, 1:], idx[1:, :-1]
    tris = np.concatenate([np.stack([a, b, c], -1).reshape(-1, 3), np.stack([a, c, d], -1).reshape(-1, 3)])
    return Mesh(arr.reshape(-1, 3), tris, uvs=uv)


def extrude(
    outline: Sequence[Sequence[float]],
    height: float,
    *,
    holes: Sequence[Sequence[Sequence[float]]] = (),
    bevel: float = 0.0,
    bevel_segments: int = 3,
    crease_deg: float = DEFAULT_CREASE_DEG,
) -> Mesh:
    """Extrude a 2D outline (in the XZ plane, with optional holes) upward from y = 0 to ``height``.

    Args:
        outline: (K, 2) points (x, z) in meters, any orientation, not closed (last != first).
        holes: polygons strictly inside the outline.
        bevel: radius (m) of a rounded bevel on the top and bottom edges (miter-offset rings, so keep it
            well below the shortest edge and corner radius); 0 = sharp.
        bevel_segments: rings per bevel.
    """
    if height <= 0:
        raise ValueError("extrude height must be > 0")

    def to_xz(poly: np.ndarray) -> np.ndarray:
        # the (x, z) plane seen from +Y is mirrored, so orient in (x, -z) to keep "left = inside"
        return np.stack([poly[:, 0], -poly[:, 1]], axis=1)

    outer = np.asarray(outline, dtype=np.float64).reshape(-1, 2)
    if signed_area(to_xz(outer)) < 0:
        outer = outer[::-1]
    hole_list = []
    for h in holes:
        h = np.asarray(h, dtype=np.float64).reshape(-1, 2)
        hole_list.append(h if signed_area(to_xz(h)) < 0 else h[::-1])
    b = min(max(bevel, 0.0), 0.45 * height)
    if b > 0:
        phi = np.linspace(0, np.pi / 2, max(bevel_segments, 1) + 1)
        bottom = [(b * (1 - np.sin(f)), b * (1 - np.cos(f))) for f in phi]
        top = [(b * (1 - np.cos(f)), height - b + b * np.sin(f)) for f in phi]
        levels = bottom + top
    else:
        levels = [(0.0, 0.0), (0.0, height)]
    parts = []
    ring_sets = []
    for ring2d in [outer, *hole_list]:
        rings = []
        for inset, y in levels:
            pts = to_xz(offset_polygon(to_xz(ring2d), inset))
            pts = np.stack([pts[:, 0], np.full(len(pts), y), pts[:, 1]], axis=1)
            rings.append(pts)
        parts.append(_ring_walls(rings))
        ring_sets.append(rings)
    for level, normal in ((0, np.array([0.0, -1.0, 0.0])), (-1, np.array([0.0, 1.0, 0.0]))):
        r3 = [rs[level] for rs in ring_sets]
        r2 = [r[:, [0, 2]] for r in r3]
        parts.append(_cap(r3, r2, normal))
    return _finish(concatenate(parts), crease_deg)


# ---------------------------------------------------------------------------------------- loft / sweep
def loft(
    rings: Sequence[np.ndarray],
    *,
    cap_start: bool = True,
    cap_end: bool = True,
    closed: bool = False,
    along_path: bool = False,
    crease_deg: float = DEFAULT_CREASE_DEG,
) -> Mesh:
    """Skin a surface through 3D cross-sections with the same point count, capping the ends.

    Args:
        rings: sequence of (K, 3) closed, planar-ish cross-sections in meters, corresponding point by point.
        cap_start, cap_end: close the first/last ring with a flat cap (needed for a solid).
        closed: the sequence of rings loops back to the first (a ring-shaped solid; no caps).
        along_path: UV U runs across the rings (along the lofting direction) instead of around them.
    """
    rings = [np.asarray(r, dtype=np.float64).reshape(-1, 3) for r in rings]
    if len(rings) < 2 or len({len(r) for r in rings}) != 1:
        raise ValueError("loft needs >= 2 rings with equal point counts")
    walls = _ring_walls(rings, close_loop=closed, along_path=along_path)
    # orient the walls outward: face normals should point away from their rings' centroids
    per_ring = walls.vertex_count // (len(rings) + (1 if closed else 0))
    ring_of_vertex = np.arange(walls.vertex_count) // per_ring
    centroids = np.stack([r.mean(axis=0) for r in rings] + ([rings[0].mean(axis=0)] if closed else []))
    ref = centroids[ring_of_vertex[walls.faces]].mean(axis=1)
    tri = walls.vertices[walls.faces]
    raw = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    if np.einsum("ij,ij->i", raw, tri.mean(axis=1) - ref).sum() < 0:
        walls = walls.flipped()
    parts = [walls]
    if not closed:
        for ring, flag, neighbour in ((rings[0], cap_start, rings[1]), (rings[-1], cap_end, rings[-2])):
            if not flag:
                continue
            centre = ring.mean(axis=0)
            # plane normal from Newell's method
            nxt = np.roll(ring, -1, axis=0)
            n = np.array([
                ((ring[:, 1] - nxt[:, 1]) * (ring[:, 2] + nxt[:, 2])).sum(),
                ((ring[:, 2] - nxt[:, 2]) * (ring[:, 0] + nxt[:, 0])).sum(),
                ((ring[:, 0] - nxt[:, 0]) * (ring[:, 1] + nxt[:, 1])).sum(),
            ])
            n /= max(np.linalg.norm(n), 1e-300)
            # each cap faces away from its own neighbouring ring (the path's tangent at that end), so paths
            # that curl back on themselves (U bends, full helix turns) still get outward caps
            outward = centre - neighbour.mean(axis=0)
            if np.linalg.norm(outward) < 1e-12:
                outward = (rings[0].mean(axis=0) - rings[-1].mean(axis=0)) * (1.0 if ring is rings[0] else -1.0)
            if np.dot(n, outward) < 0:
                n = -n
            ref = np.array([0.0, 1.0, 0.0]) if abs(n[1]) < 0.9 else np.array([1.0, 0.0, 0.0])
            e1 = np.cross(ref, n)
            e1 /= np.linalg.norm(e1)
            e2 = np.cross(n, e1)
            flat = np.stack([(ring - centre) @ e1, (ring - centre) @ e2], axis=1)
            parts.append(_cap([ring], [flat], n))
    mesh = concatenate(parts)
    if not closed and not (cap_start and cap_end):
        # an open surface: keep orientation as built, only clean it
        return mesh.without_degenerate().compact().with_normals(crease_deg)
    return _finish(mesh, crease_deg)


def rotation_minimizing_frames(path: np.ndarray, closed: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Tangents, normals, binormals (each (P, 3)) along a 3D polyline by double reflection (Wang 2008)."""
    p = np.asarray(path, dtype=np.float64)
    tang = np.roll(p, -1, axis=0) - np.roll(p, 1, axis=0) if closed else np.gradient(p, axis=0)
    tang /= np.maximum(np.linalg.norm(tang, axis=1, keepdims=True), 1e-300)
    ref = np.array([0.0, 1.0, 0.0]) if abs(tang[0, 1]) < 0.9 else np.array([1.0, 0.0, 0.0])
    normals = np.zeros_like(p)
    n0 = np.cross(np.cross(tang[0], ref), tang[0])
    normals[0] = n0 / np.linalg.norm(n0)
    # the recurrence is inherently sequential along the path (P ~ tens of points), not per vertex
    for i in range(len(p) - 1):
        v1 = p[i + 1] - p[i]
        c1 = v1 @ v1
        if c1 < 1e-24:
            normals[i + 1] = normals[i]
            continue
        r_l = normals[i] - (2 / c1) * (v1 @ normals[i]) * v1
        t_l = tang[i] - (2 / c1) * (v1 @ tang[i]) * v1
        v2 = tang[i + 1] - t_l
        c2 = v2 @ v2
        normals[i + 1] = r_l if c2 < 1e-24 else r_l - (2 / c2) * (v2 @ r_l) * v2
    binormals = np.cross(tang, normals)
    return tang, normals, binormals


def sweep(
    profile: Sequence[Sequence[float]],
    path: Sequence[Sequence[float]],
    *,
    closed: bool = False,
    scales: Sequence[float] | None = None,
    caps: bool = True,
    crease_deg: float = DEFAULT_CREASE_DEG,
) -> Mesh:
    """Sweep a closed 2D profile along a 3D polyline (tubes, handles, rails, bent rods).

    Args:
        profile: (K, 2) closed cross-section in meters (e.g. :func:`circle`), in the path's normal plane.
        path: (P, 3) points in meters.
        closed: the path is a loop (a ring; no caps).
        scales: optional per-path-point scale of the profile (tapers).
        caps: close open ends with flat caps.
    """
    prof = np.asarray(profile, dtype=np.float64).reshape(-1, 2)
    pts = np.asarray(path, dtype=np.float64).reshape(-1, 3)
    if len(pts) < 2:
        raise ValueError("sweep path needs >= 2 points")
    if closed:
        # transport the frame once around the loop and spread the mismatch evenly so the ends meet
        loop = np.vstack([pts, pts[:1]])
        tang, normals, _ = rotation_minimizing_frames(loop, closed=False)
        tang[0] = tang[-1] = (pts[1] - pts[-1]) / max(np.linalg.norm(pts[1] - pts[-1]), 1e-300)
        mismatch = np.arctan2(np.dot(np.cross(normals[-1], normals[0]), tang[0]), np.dot(normals[-1], normals[0]))
        tang, normals = tang[:-1], normals[:-1]
        t = mismatch * np.arange(len(pts)) / len(pts)
        binormals = np.cross(tang, normals)
        c, s_ = np.cos(t)[:, None], np.sin(t)[:, None]
        normals, binormals = normals * c + binormals * s_, binormals * c - normals * s_
    else:
        _, normals, binormals = rotation_minimizing_frames(pts, closed=False)
    sc = np.ones(len(pts)) if scales is None else np.asarray(scales, dtype=np.float64)
    rings = (
        pts[:, None, :]
        + sc[:, None, None] * (prof[None, :, 0, None] * normals[:, None, :] + prof[None, :, 1, None] * binormals[:, None, :])
    )
    return loft(list(rings), cap_start=caps, cap_end=caps, closed=closed, along_path=True, crease_deg=crease_deg)


# ---------------------------------------------------------------------------------------- placement
def align_y_to(direction: Sequence[float]) -> np.ndarray:
    """3x3 rotation taking +Y onto ``direction`` (Rodrigues)."""
    d = np.asarray(direction, dtype=np.float64)
    d = d / np.linalg.norm(d)
    y = np.array([0.0, 1.0, 0.0])
    v = np.cross(y, d)
    c = float(y @ d)
    if np.linalg.norm(v) < 1e-12:
        return np.eye(3) if c > 0 else np.diag([1.0, -1.0, -1.0])
    vx = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
    return np.eye(3) + vx + vx @ vx * (1 / (1 + c))


def cylinder_between(
    start: Sequence[float], end: Sequence[float], radius: float, *, segments: int = 24, bevel: float = 0.0
) -> Mesh:
    """A cylinder (rod, strut, leg) from point ``start`` to point ``end`` in meters."""
    a, b = np.asarray(start, dtype=np.float64), np.asarray(end, dtype=np.float64)
    length = float(np.linalg.norm(b - a))
    if length <= 0:
        raise ValueError("cylinder_between needs distinct end points")
    m = np.eye(4)
    m[:3, :3] = align_y_to(b - a)
    m[:3, 3] = a
    return cylinder(radius, length, segments=segments, bevel=bevel).transformed(m)
