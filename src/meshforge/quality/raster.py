"""A small vectorised triangle rasteriser (pixel-centre coverage), for UV layouts and silhouettes.

A pixel (x, y) is covered by a triangle when its centre (x + 0.5, y + 0.5) lies strictly inside it
(edge functions of one sign, either winding). Centres exactly on a shared edge belong to neither
neighbour, so coverage counts above one mean real overlap.
"""

from __future__ import annotations

import numpy as np

#: Most (pixel, triangle) candidates handled at once (bounds memory).
CHUNK_CANDIDATES = 4_000_000


def coverage(triangles: np.ndarray, width: int, height: int) -> tuple[np.ndarray, np.ndarray]:
    """Covered pixels of 2D triangles.

    Args:
        triangles: (K, 3, 2) corners in pixel units (x right, y down or up: only consistency matters).
        width, height: raster size; pixels outside are ignored.

    Returns:
        ``(pixel, triangle)``: flat pixel indices ``y * width + x`` and the triangle covering each.
    """
    tri = np.asarray(triangles, dtype=np.float64)
    if not len(tri):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    finite = np.isfinite(tri).all(axis=(1, 2))
    lo = np.where(finite[:, None], tri.min(axis=1), 0.0)
    hi = np.where(finite[:, None], tri.max(axis=1), -1.0)
    x0 = np.clip(np.ceil(lo[:, 0] - 0.5), 0, width).astype(np.int64)
    x1 = np.clip(np.floor(hi[:, 0] - 0.5), -1, width - 1).astype(np.int64)
    y0 = np.clip(np.ceil(lo[:, 1] - 0.5), 0, height).astype(np.int64)
    y1 = np.clip(np.floor(hi[:, 1] - 0.5), -1, height - 1).astype(np.int64)
    nx = np.maximum(x1 - x0 + 1, 0)
    ny = np.maximum(y1 - y0 + 1, 0)
    counts = nx * ny
    pixels: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    ends = np.cumsum(counts)
    start = 0
    while start < len(tri):
        base = ends[start - 1] if start else 0
        stop = int(np.searchsorted(ends, base + CHUNK_CANDIDATES, side="right"))
        stop = max(stop, start + 1)
        idx = np.arange(start, stop)
        c = counts[idx]
        total = int(c.sum())
        if total:
            owner = np.repeat(idx, c)
            local = np.arange(total) - np.repeat(np.cumsum(c) - c, c)
            px = x0[owner] + local % nx[owner]
            py = y0[owner] + local // nx[owner]
            cx, cy = px + 0.5, py + 0.5
            t = tri[owner]
            e = []
            for k in range(3):
                a, b = t[:, k], t[:, (k + 1) % 3]
                e.append((b[:, 0] - a[:, 0]) * (cy - a[:, 1]) - (b[:, 1] - a[:, 1]) * (cx - a[:, 0]))
            inside = ((e[0] > 0) & (e[1] > 0) & (e[2] > 0)) | ((e[0] < 0) & (e[1] < 0) & (e[2] < 0))
            pixels.append(py[inside] * width + px[inside])
            owners.append(owner[inside])
        start = stop
    if not pixels:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(pixels), np.concatenate(owners)


def mask(triangles: np.ndarray, width: int, height: int) -> np.ndarray:
    """(height, width) bool image of the pixels covered by any triangle."""
    pix, _ = coverage(triangles, width, height)
    out = np.zeros(width * height, bool)
    out[pix] = True
    return out.reshape(height, width)
