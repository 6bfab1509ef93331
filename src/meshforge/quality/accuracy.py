"""Accuracy against a reference: a reference model (shape distances) or a reference image (silhouette).

Against a **model**: :attr:`InspectOptions.accuracy_samples` points are sampled on each surface (area
weighted, seeded); with ``align_reference`` the model is first moved so the bounding-box centres match
and scaled so the diagonals match (undoes unit and placement differences, keeps shape differences).
Nearest-neighbour distances (scipy ``cKDTree``) from each sample set to the other give, as fractions of
the reference's bounding-box diagonal:

* Chamfer distance: the mean of the two directions' mean distances;
* Hausdorff distance: the largest distance either way (two-sided);
* F-score at threshold ``tau`` (:attr:`InspectOptions.fscore_threshold`): the harmonic mean of precision
  (model samples within ``tau`` of the reference) and recall (reference samples within ``tau`` of the
  model), as in Knapitsch et al., "Tanks and Temples", 2017.

Point-to-point distances overestimate point-to-surface ones by about the sample spacing, which at 20,000
samples is well under 1% of the diagonal for ordinary shapes.

Against an **image**: the reference mask is the image's alpha channel when it has one, otherwise the
pixels that differ from the border's median color. The model's silhouette is rasterised orthographically
(:mod:`meshforge.quality.raster`) from :data:`VIEWS`; both masks are cropped to their bounding boxes,
padded to squares and resampled to :attr:`InspectOptions.silhouette_size`, and the best
intersection-over-union over the views is the score (the image's viewpoint is not known).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PIL import Image
from scipy import ndimage
from scipy.spatial import cKDTree

from meshforge.core.model import Model
from meshforge.quality.findings import Finding
from meshforge.quality.raster import mask as raster_mask
from meshforge.quality.registry import check

if TYPE_CHECKING:
    from meshforge.quality.context import Context

#: Score bands for F-score and IoU: below ``error`` is an error, below ``warning`` a warning.
ACCURACY_ERROR, ACCURACY_WARNING = 0.5, 0.8
#: Views tried for silhouettes: name -> (yaw degrees about up, pitch degrees above the horizon).
VIEWS: dict[str, tuple[float, float]] = {
    "front": (0, 0), "front-right": (45, 0), "right": (90, 0), "back-right": (135, 0),
    "back": (180, 0), "back-left": (225, 0), "left": (270, 0), "front-left": (315, 0),
    "front-above": (0, 30), "right-above": (90, 30), "back-above": (180, 30), "left-above": (270, 30),
    "top": (0, 90),
}
#: Per-channel difference (0-255) from the background color that counts as object in an opaque image.
BACKGROUND_THRESHOLD = 30


def model_points_yup(model: Model, meters_per_unit: float, up: str) -> tuple[np.ndarray, np.ndarray]:
    """(V, 3) vertices and (M, 3) faces of all parts in meters, Y-up (non-finite faces dropped)."""
    verts, faces, offset = [], [], 0
    for p in model.parts:
        m = p.world_mesh() if np.isfinite(p.transform).all() else p.mesh
        if not m.triangle_count:
            continue
        ok = np.isfinite(m.vertices).all(axis=1)
        f = m.faces[ok[m.faces].all(axis=1)]
        verts.append(np.where(ok[:, None], m.vertices, 0.0))
        faces.append(f + offset)
        offset += m.vertex_count
    if not verts:
        return np.zeros((0, 3)), np.zeros((0, 3), np.int64)
    v = np.concatenate(verts) * meters_per_unit
    if up == "Z":
        v = np.stack([v[:, 0], v[:, 2], -v[:, 1]], axis=1)
    return v, np.concatenate(faces)


def sample_surface(vertices: np.ndarray, faces: np.ndarray, count: int, seed: int) -> np.ndarray:
    """(count, 3) points uniformly distributed over a triangle surface (seeded)."""
    tri = vertices[faces]
    area = 0.5 * np.linalg.norm(np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0]), axis=1)
    if not len(tri) or area.sum() <= 0:
        return np.zeros((0, 3))
    rng = np.random.default_rng(seed)
    pick = rng.choice(len(tri), size=count, p=area / area.sum())
    r1, r2 = rng.random(count), rng.random(count)
    flip = r1 + r2 > 1
    r1, r2 = np.where(flip, 1 - r1, r1), np.where(flip, 1 - r2, r2)
    t = tri[pick]
    return t[:, 0] + r1[:, None] * (t[:, 1] - t[:, 0]) + r2[:, None] * (t[:, 2] - t[:, 0])


def shape_distances(
    points: np.ndarray, reference: np.ndarray, *, align: bool = True, threshold: float = 0.01
) -> dict[str, float]:
    """Chamfer, Hausdorff and F-score between two point samples, as fractions of the reference's diagonal."""
    lo, hi = reference.min(axis=0), reference.max(axis=0)
    diag = float(np.linalg.norm(hi - lo)) or 1.0
    scale = 1.0
    if align:
        plo, phi = points.min(axis=0), points.max(axis=0)
        pdiag = float(np.linalg.norm(phi - plo)) or 1.0
        scale = diag / pdiag
        points = (points - (plo + phi) / 2) * scale + (lo + hi) / 2
    d_model = cKDTree(reference).query(points)[0] / diag
    d_ref = cKDTree(points).query(reference)[0] / diag
    precision = float((d_model < threshold).mean())
    recall = float((d_ref < threshold).mean())
    f = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return {
        "chamfer": float((d_model.mean() + d_ref.mean()) / 2),
        "hausdorff": float(max(d_model.max(), d_ref.max())),
        "fscore": f,
        "precision": precision,
        "recall": recall,
        "threshold": threshold,
        "scale_applied": scale,
    }


def _view_basis(yaw: float, pitch: float) -> tuple[np.ndarray, np.ndarray]:
    """Right and up screen vectors (Y-up world) of a camera at yaw/pitch looking at the origin."""
    y, p = np.radians(yaw), np.radians(pitch)
    toward_camera = np.array([np.sin(y) * np.cos(p), np.sin(p), np.cos(y) * np.cos(p)])
    right = np.array([np.cos(y), 0.0, -np.sin(y)])
    up = np.cross(toward_camera, right)
    return right, up


def silhouette(vertices: np.ndarray, faces: np.ndarray, yaw: float, pitch: float, size: int) -> np.ndarray:
    """(size, size) bool orthographic silhouette of a Y-up mesh, fitted to the image with a 2-pixel margin."""
    right, up = _view_basis(yaw, pitch)
    xy = np.stack([vertices @ right, -(vertices @ up)], axis=1)
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    span = float(max(hi[0] - lo[0], hi[1] - lo[1])) or 1.0
    px = (xy - (lo + hi) / 2) / span * (size - 4) + size / 2
    return ndimage.binary_fill_holes(raster_mask(px[faces], size, size))


def image_mask(image: np.ndarray) -> np.ndarray:
    """Object mask of an (H, W, 3|4) uint8 image: alpha when it has one, else difference from the border color."""
    img = np.asarray(image)
    if img.ndim == 2:
        img = np.repeat(img[:, :, None], 3, axis=2)
    if img.shape[2] == 4:
        alpha = img[:, :, 3]
        if alpha.min() < 128 <= alpha.max():
            return ndimage.binary_fill_holes(alpha >= 128)
    rgb = img[:, :, :3].astype(np.int16)
    border = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
    background = np.median(border, axis=0)
    return ndimage.binary_fill_holes(np.abs(rgb - background).max(axis=2) > BACKGROUND_THRESHOLD)


def normalized_mask(mask: np.ndarray, size: int) -> np.ndarray:
    """Crop a mask to its bounding box, pad it to a centred square and resample to (size, size)."""
    ys, xs = np.nonzero(mask)
    if not len(ys):
        return np.zeros((size, size), bool)
    crop = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    h, w = crop.shape
    side = max(h, w)
    square = np.zeros((side, side), bool)
    square[(side - h) // 2 : (side - h) // 2 + h, (side - w) // 2 : (side - w) // 2 + w] = crop
    img = Image.fromarray(square.astype(np.uint8) * 255).resize((size, size), Image.Resampling.BILINEAR)
    return np.asarray(img) >= 128


def iou(a: np.ndarray, b: np.ndarray) -> float:
    union = np.logical_or(a, b).sum()
    return float(np.logical_and(a, b).sum() / union) if union else 0.0


def silhouette_scores(vertices: np.ndarray, faces: np.ndarray, image: np.ndarray, size: int) -> dict[str, float]:
    """IoU of the reference image's mask with the model's silhouette from each of :data:`VIEWS`."""
    ref = normalized_mask(image_mask(image), size)
    render = 2 * size
    return {name: iou(ref, normalized_mask(silhouette(vertices, faces, yaw, pitch, render), size))
            for name, (yaw, pitch) in VIEWS.items()}


def _band(value: float) -> str:
    return "error" if value < ACCURACY_ERROR else "warning" if value < ACCURACY_WARNING else "info"


@check("shape_accuracy", "accuracy", "Chamfer, Hausdorff and F-score against a reference model.",
       needs="reference_model")
def check_shape_accuracy(model: Model, ctx: Context) -> list[Finding]:
    ref = ctx.reference_model
    assert ref is not None
    from meshforge.quality.context import InspectOptions, resolve_frame

    frame = ctx.frame
    rframe = resolve_frame(ref, InspectOptions(source_format=ctx.reference_format))
    v, f = model_points_yup(model, frame.meters_per_unit, frame.up)
    rv, rf = model_points_yup(ref, rframe.meters_per_unit, rframe.up)
    n, seed = ctx.options.accuracy_samples, ctx.options.seed
    a, b = sample_surface(v, f, n, seed), sample_surface(rv, rf, n, seed + 1)
    if not len(a) or not len(b):
        return [Finding("shape_accuracy", "error", 1, "the model or the reference has no surface to compare.", "", [])]
    d = shape_distances(a, b, align=ctx.options.align_reference, threshold=ctx.options.fscore_threshold)
    ctx.metrics["accuracy"] = {**ctx.metrics.get("accuracy", {}), "reference_model": {k: round(x, 6) for k, x in d.items()}}
    sev = _band(d["fscore"])
    return [Finding("shape_accuracy", sev, 1,
                    f"F-score {d['fscore']:.2f} at {d['threshold']:.0%} of the diagonal, Chamfer {d['chamfer']:.2%}, "
                    f"Hausdorff {d['hausdorff']:.2%} of the reference's size"
                    + (" (after centring and scaling)" if ctx.options.align_reference else "") + ".",
                    "" if sev == "info" else "compare the two side by side; adjust parameters or edits toward the "
                    "reference", [])]


@check("silhouette_iou", "accuracy", "Silhouette overlap (IoU) with a reference image.", needs="reference_image")
def check_silhouette_iou(model: Model, ctx: Context) -> list[Finding]:
    image = ctx.reference_image
    assert image is not None
    v, f = model_points_yup(model, ctx.frame.meters_per_unit, ctx.frame.up)
    if not len(f):
        return [Finding("silhouette_iou", "error", 1, "the model has no surface to compare.", "", [])]
    scores = silhouette_scores(v, f, image, ctx.options.silhouette_size)
    best = max(scores, key=lambda k: scores[k])
    ctx.metrics["accuracy"] = {**ctx.metrics.get("accuracy", {}),
                               "reference_image": {"iou": round(scores[best], 4), "view": best,
                                                   "per_view": {k: round(x, 4) for k, x in scores.items()}}}
    sev = _band(scores[best])
    return [Finding("silhouette_iou", sev, 1,
                    f"silhouette IoU {scores[best]:.2f} with the reference image (best view: {best}).",
                    "" if sev == "info" else "the outline differs from the picture: adjust proportions toward it",
                    [{"view": best, "value": round(scores[best], 4), "unit": "IoU"}])]
