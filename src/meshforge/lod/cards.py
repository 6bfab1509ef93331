"""Thin boxes of a coarse level flattened into cards.

At a coarse level a thin box (a chair's back slat, a shelf, a plank) whose faces are separate UV charts
cannot go below 12 triangles: every corner is a junction of three charts, which meshoptimizer locks,
so the rest of the mesh pays for the box's triangles. The same box as a *card* (its two large faces
moved onto its middle plane, back to back, its thin sides gone) is 4 triangles. Each face keeps its
own corners, so every UV still comes from its original chart; the card is closed (each of its edges
joins the two faces) and its distance to the box is about half the box's thickness. PyMeshLab's
collapse, which ignores charts, flattens slats the same way.

:func:`thin_boxes` finds the boxes in a level; :func:`meshforge.lod.simplify.simplify_mesh` decides
whether the triangles they free are worth it, by measuring.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from meshforge.geometry.mesh import Mesh
from meshforge.lod import topology

#: A box is thin when its thickness is at most this fraction of its smaller side across.
THIN = 0.5
#: Corners may lie this fraction of the thickness off the box's two planes (a box a collapse left a
#: little skewed, a slat that was curved).
SKEW = 0.5


@dataclass
class Card:
    """One thin box of a level as a card. Positions are in the level's units."""

    #: the box's faces in the level (12 indices).
    faces: np.ndarray
    #: the box's thickness: the distance between its two large faces' planes.
    thickness: float
    #: the level's vertices the card keeps (the corners of the two large faces), each with its UV.
    wedges: np.ndarray
    #: new position of each kept vertex: the middle of its box edge across the thickness (a corner and
    #: the corner behind it get the same position, so the two faces close on each other).
    positions: np.ndarray
    #: unit normal of each kept vertex: its face's.
    normals: np.ndarray
    #: the card's 4 triangles, as indices into ``wedges``.
    triangles: np.ndarray


def thin_boxes(level: Mesh, max_thickness: float) -> list[Card]:
    """The pieces of ``level`` that are thin boxes no thicker than ``max_thickness``, as cards.

    A box here is a closed piece of 12 triangles on 8 positions: four near one plane and four near a
    parallel one (within :data:`SKEW` of the thickness), each joined by an edge to the one behind it,
    each plane's four corners covered by two triangles, and the thickness at most :data:`THIN` of the
    smaller side across. Pieces are joined through shared positions (:meth:`Mesh.weld_map`).
    """
    if level.triangle_count < 12:
        return []
    weld = level.weld_map()
    labels, count = topology.components(level)
    piece = labels[level.faces[:, 0]]
    faces_per = np.bincount(piece, minlength=count)
    points_per = np.bincount(labels[np.unique(weld, return_index=True)[1]], minlength=count)
    wfaces = weld[level.faces]
    cards = []
    for p in np.flatnonzero((faces_per == 12) & (points_per == 8)):
        card = _card(level, np.flatnonzero(piece == p), wfaces, max_thickness)
        if card is not None:
            cards.append(card)
    return cards


def _card(level: Mesh, faces: np.ndarray, wfaces: np.ndarray, max_thickness: float) -> Card | None:
    """The card of the piece made of ``faces`` (12 level faces on 8 positions), or None when it is
    not a thin box no thicker than ``max_thickness``."""
    ids, local = np.unique(wfaces[faces], return_inverse=True)
    local = local.reshape(-1, 3)  # corner (0..7) of each face's vertices
    keys, _ = topology.edge_keys(local, 8)
    if not np.all(np.unique(keys, return_counts=True)[1] == 2):
        return None  # not closed
    corner = np.zeros(8, dtype=np.int64)
    corner[local.ravel()] = level.faces[faces].ravel()
    points = level.vertices[corner].astype(np.float64)
    centre = points.mean(axis=0)
    _, _, axes = np.linalg.svd(points - centre)
    axis = axes[2]
    depth = (points - centre) @ axis
    front = depth > 0
    if front.sum() != 4:
        return None
    thickness = float(depth[front].mean() - depth[~front].mean())
    across = np.ptp((points - centre) @ axes[:2].T, axis=0)
    skew = max(np.ptp(depth[front]), np.ptp(depth[~front]))
    if not 0 < thickness <= max_thickness or thickness > THIN * across.min() or skew > SKEW * thickness:
        return None
    # each front corner's partner: the back corner nearest it across the plane, joined to it by an edge
    flat = (points - centre) - np.outer(depth, axis)
    fronts, backs = np.flatnonzero(front), np.flatnonzero(~front)
    partner = backs[np.linalg.norm(flat[fronts][:, None] - flat[backs][None], axis=2).argmin(axis=1)]
    joined = np.minimum(fronts, partner) * 8 + np.maximum(fronts, partner)
    if len(np.unique(partner)) != 4 or not np.isin(joined, keys).all():
        return None
    side = front[local]
    front_cap = np.flatnonzero(side.all(axis=1))
    back_cap = np.flatnonzero((~side).all(axis=1))
    if len(front_cap) != 2 or len(back_cap) != 2:
        return None
    merged = np.arange(8)
    merged[partner] = fronts
    middle = points.copy()
    middle[fronts] = middle[partner] = (points[fronts] + points[partner]) / 2.0
    back = level.faces[faces[back_cap]]
    if _diagonal(merged[local[front_cap]]) == _diagonal(merged[local[back_cap]]):
        # two faces on one diagonal would give that edge four triangles: split the back on the other
        wedge_of = dict(zip(local[back_cap].ravel().tolist(), back.ravel().tolist(), strict=True))
        back = np.vectorize(wedge_of.__getitem__)(_flipped(local[back_cap])).astype(back.dtype)
    triangles = np.concatenate([level.faces[faces[front_cap]], back])
    wedges, index = np.unique(triangles, return_inverse=True)
    slot = np.searchsorted(ids, level.weld_map()[wedges])
    normal = axis if np.dot(_normal(points[local[front_cap[0]]]), axis) > 0 else -axis
    normals = np.where(front[slot][:, None], normal, -normal)
    return Card(faces, thickness, wedges, middle[slot], normals, index.reshape(-1, 3))


def _diagonal(pair: np.ndarray) -> frozenset[int]:
    """The two corners of the edge that two triangles on one quad share."""
    return frozenset(set(pair[0].tolist()) & set(pair[1].tolist()))


def _flipped(pair: np.ndarray) -> np.ndarray:
    """Two triangles on one quad (corner ids), split along the quad's other diagonal, winding kept."""
    a, b = pair[0].tolist(), pair[1].tolist()
    for i in range(3):
        x, y, p = a[i], a[(i + 1) % 3], a[(i + 2) % 3]
        if x in b and y in b:
            q = next(v for v in b if v not in (x, y))
            return np.array([[p, x, q], [q, y, p]], dtype=pair.dtype)
    raise ValueError("the two triangles share no edge")


def _normal(triangle: np.ndarray) -> np.ndarray:
    """Area-weighted normal of a (3, 3) triangle."""
    return np.cross(triangle[1] - triangle[0], triangle[2] - triangle[0])


def flattened(level: Mesh, cards: list[Card]) -> tuple[Mesh, np.ndarray]:
    """``(mesh of the cards, level vertex of each of its vertices)``; normals and UVs carried where
    ``level`` has them."""
    offsets = np.cumsum([0] + [len(c.wedges) for c in cards])
    wedges = np.concatenate([c.wedges for c in cards])
    mesh = Mesh(
        np.concatenate([c.positions for c in cards]).astype(level.vertices.dtype),
        np.concatenate([c.triangles + o for c, o in zip(cards, offsets, strict=False)]),
        None if level.normals is None else np.concatenate([c.normals for c in cards]).astype(level.normals.dtype),
        None if level.uvs is None else level.uvs[wedges],
        level.uv_mode,
    )
    return mesh, wedges
