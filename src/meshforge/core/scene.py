"""Scenes: several recipes placed by their bounding boxes into one :class:`Model`.

A :class:`SceneRecipe` lists objects, each a :class:`~meshforge.core.recipe.Recipe`, a count and an
optional relation to an earlier or later object (``on``, ``in``, ``next_to``, ``around``, ``under``,
``behind``, ``in_front``, ``stack``, ``with``). :func:`build_scene` builds every object, places it from
the bounds of its target (support surface = top of the target's bounding box; ``in`` = the target's floor
inside its footprint) and merges all parts into one model whose part names are prefixed by the
sub-assembly (``table_0/top``, ``chair_1/leg_0``). Deterministic: the same scene recipe gives the same
model. Single objects keep using :class:`Recipe` and :func:`~meshforge.core.recipe.build` unchanged.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from meshforge.core.errors import MeshforgeError
from meshforge.core.model import Model
from meshforge.core.recipe import RECIPE_VERSION, Recipe, build
from meshforge.geometry.transform import rotation, translation

RELATIONS = ("on", "in", "next_to", "around", "under", "behind", "in_front", "stack", "with")
#: families whose top is a support surface for "X with Y" ("a desk with a lamp" puts the lamp on it)
SUPPORT_FAMILIES = ("furniture",)
#: families that hold things inside ("a bowl with apples")
CONTAINER_FAMILIES = ("tableware", "containers")


@dataclass
class SceneObject:
    """One object of a scene.

    Attributes:
        recipe: what to build.
        count: number of copies (>= 1).
        relation: one of :data:`RELATIONS` or None (an anchor, placed at the origin or in a row).
        target: index of the object this one is placed relative to (None for anchors).
    """

    recipe: Recipe
    count: int = 1
    relation: str | None = None
    target: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"recipe": self.recipe.to_dict(), "count": self.count, "relation": self.relation,
                "target": self.target}


@dataclass
class SceneRecipe:
    """Several objects placed together (the ``kind`` of the recipe is ``scene``).

    Attributes:
        objects: the objects, in prompt order.
        source: where the request came from (``{"kind": "text", "text": ..., "spec": ...}``).
        seed: None for defaults; an integer makes every object a variation (object i uses seed + i).
    """

    objects: list[SceneObject]
    source: dict[str, Any] = field(default_factory=dict)
    seed: int | None = None
    version: int = RECIPE_VERSION
    kind: str = "scene"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "version": self.version, "seed": self.seed, "source": self.source,
                "objects": [o.to_dict() for o in self.objects]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, indent=2)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SceneRecipe:
        if not isinstance(data, dict) or data.get("kind") != "scene" or not isinstance(data.get("objects"), list):
            raise MeshforgeError("a scene recipe needs kind 'scene' and a list of objects")
        objects = [SceneObject(Recipe.from_dict(o["recipe"]), int(o.get("count", 1)), o.get("relation"),
                               o.get("target")) for o in data["objects"]]
        return cls(objects, dict(data.get("source", {})), data.get("seed"), int(data.get("version", RECIPE_VERSION)))

    def with_seed(self, seed: int | None) -> SceneRecipe:
        return SceneRecipe(self.objects, dict(self.source), seed, self.version)

    @property
    def generator(self) -> str:
        """The anchor's generator id (first object without a relation)."""
        anchors = [o for o in self.objects if o.relation is None] or self.objects
        return anchors[0].recipe.generator


def _validate(scene: SceneRecipe) -> None:
    if not scene.objects:
        raise MeshforgeError("a scene needs at least one object")
    n = len(scene.objects)
    for i, o in enumerate(scene.objects):
        if o.count < 1 or o.count > 200:
            raise MeshforgeError(f"object {i} ({o.recipe.generator}): count must be 1..200, got {o.count}")
        if o.relation is not None and o.relation not in RELATIONS:
            raise MeshforgeError(f"object {i}: unknown relation {o.relation!r}; known: {', '.join(RELATIONS)}")
        if o.relation == "stack" and o.target is None:
            continue  # a stack of its own copies at the origin
        if o.relation is not None and (o.target is None or not 0 <= o.target < n or o.target == i):
            raise MeshforgeError(f"object {i}: relation {o.relation!r} needs the index of another object")
    # no cycles: follow targets
    for i in range(n):
        seen, k = set(), i
        while scene.objects[k].relation is not None and scene.objects[k].target is not None:
            if k in seen:
                raise MeshforgeError("scene relations form a cycle")
            seen.add(k)
            k = scene.objects[k].target  # type: ignore[assignment]


def _bounds(model: Model, transform: np.ndarray) -> np.ndarray:
    b = model.bounds
    corners = np.array([[x, y, z, 1.0] for x in b[:, 0] for y in b[:, 1] for z in b[:, 2]])
    w = corners @ transform.T
    return np.array([w[:, :3].min(axis=0), w[:, :3].max(axis=0)])


def _grid(n: int, width: float, depth: float, item_w: float, item_d: float) -> list[tuple[float, float, int]]:
    """Positions (x, z, layer) for n items on a width x depth surface, layering when they do not fit."""
    cols = max(1, int(width // max(item_w, 1e-6)))
    rows = max(1, int(depth // max(item_d, 1e-6)))
    per = cols * rows
    out = []
    for i in range(n):
        layer, k = divmod(i, per)
        in_layer = min(per, n - layer * per)
        c = min(cols, in_layer)
        r = math.ceil(in_layer / c)
        row, col = divmod(k, c)
        x = (col - (c - 1) / 2) * item_w
        z = (row - (r - 1) / 2) * item_d
        out.append((x, z, layer))
    return out


def _resolve_with(child: Model, anchor_box: np.ndarray, anchor_family: str, count: int) -> str:
    cw, ch, cd = child.extents
    aw, ah, ad = anchor_box[1] - anchor_box[0]
    if anchor_family in CONTAINER_FAMILIES and cw < aw and cd < ad:
        return "in"
    if count > 1 and ch <= ah * 1.6 and cw < aw:
        return "around"
    if anchor_family in SUPPORT_FAMILIES and ch < ah and cw * cd < 0.5 * aw * ad:
        return "on"
    return "next_to"


def build_scene(scene: SceneRecipe) -> Model:
    """Build and place every object of ``scene`` into one model (origin at the bottom centre)."""

    _validate(scene)
    n = len(scene.objects)
    models: list[Model] = []
    for i, o in enumerate(scene.objects):
        r = o.recipe
        if scene.seed is not None:
            r = Recipe(r.generator, dict(r.params), scene.seed + i, dict(r.source), list(r.edits), r.version,
                       {k: dict(v) for k, v in r.materials.items()})
        models.append(build(r))
    placed: dict[int, list[np.ndarray]] = {}  # object index -> transforms of its copies
    boxes: dict[int, np.ndarray] = {}  # object index -> world bounds of all its copies
    order: list[int] = []
    pending = list(range(n))
    while pending:  # anchors first, then objects whose target is placed
        progressed = False
        for i in list(pending):
            o = scene.objects[i]
            if o.relation is None or o.target is None or o.target in placed:
                order.append(i)
                pending.remove(i)
                progressed = True
                placed[i] = _place(scene, i, models, boxes)
                copies = [_bounds(models[i], t) for t in placed[i]]
                boxes[i] = np.array([np.min([c[0] for c in copies], axis=0), np.max([c[1] for c in copies], axis=0)])
        if not progressed:
            raise MeshforgeError("scene relations could not be resolved")
    out = Model("scene_" + "_".join(dict.fromkeys(o.recipe.generator for o in scene.objects)))
    for i in order:
        gid = scene.objects[i].recipe.generator
        for c, t in enumerate(placed[i]):
            prefix = f"{gid}_{i}" if len(placed[i]) == 1 else f"{gid}_{i}_{c}"
            for part in models[i].parts:
                out.add(f"{prefix}/{part.name}", part.mesh, part.material, t @ part.transform)
    out = out.placed_on_ground()
    out.metadata["recipe"] = scene.to_dict()
    out.metadata["objects"] = [{"generator": scene.objects[i].recipe.generator, "count": len(placed[i]),
                                "params": models[i].metadata.get("params", {})} for i in range(n)]
    return out


def _place(scene: SceneRecipe, i: int, models: list[Model], boxes: dict[int, np.ndarray]) -> list[np.ndarray]:
    from meshforge.generators import catalog

    o = scene.objects[i]
    m = models[i]
    b = m.bounds
    w, h, d = b[1] - b[0]
    centre = (b[0] + b[1]) / 2
    base = translation((-centre[0], -b[0][1], -centre[2]))  # bottom centre at the origin
    count = o.count
    gap = max(0.02, 0.08 * max(w, d))
    if o.relation == "stack" and o.target is None:
        return [translation((0, k * h, 0)) @ rotation("y", (k * 37) % 15 - 7) @ base for k in range(count)]
    if o.relation is None:
        # anchors: the first at the origin; later anchors (no relation) in a row to the right
        x0 = 0.0
        if boxes:
            x0 = max(bx[1][0] for bx in boxes.values()) + gap + w / 2
        return [translation((x0 + k * (w + gap) - (count - 1) * (w + gap) / 2 * (not boxes), 0, 0)) @ base
                for k in range(count)]
    tb = boxes[o.target]  # type: ignore[index]
    tw, th, td = tb[1] - tb[0]
    tc = (tb[0] + tb[1]) / 2
    relation = o.relation
    if relation == "with":
        family = getattr(catalog().get(scene.objects[o.target].recipe.generator), "family", "")  # type: ignore[index]
        relation = _resolve_with(m, tb, family, count)
    if relation == "on":
        spots = _grid(count, tw * 0.9, td * 0.9, w * 1.05, d * 1.05)
        return [translation((tc[0] + x, tb[1][1] + layer * h, tc[2] + z)) @ base for x, z, layer in spots]
    if relation == "in":
        floor = tb[0][1] + 0.06 * th
        spots = _grid(count, tw * 0.75, td * 0.75, w * 1.02, d * 1.02)
        return [translation((tc[0] + x, floor + layer * h * 0.9, tc[2] + z)) @ base for x, z, layer in spots]
    if relation == "under":
        spots = _grid(count, tw * 0.8, td * 0.8, w * 1.05, d * 1.05)
        return [translation((tc[0] + x, tb[0][1] + layer * h, tc[2] + z)) @ base for x, z, layer in spots]
    if relation == "stack":
        return [translation((tc[0], tb[1][1] + k * h, tc[2])) @ rotation("y", (k * 37) % 15 - 7) @ base
                for k in range(count)]
    if relation == "around":
        out = []
        hx, hz = tw / 2, td / 2
        for k in range(count):
            theta = 2 * math.pi * k / count
            dx, dz = math.sin(theta), math.cos(theta)
            edge = min(hx / abs(dx) if abs(dx) > 1e-9 else math.inf, hz / abs(dz) if abs(dz) > 1e-9 else math.inf)
            r = edge + max(w, d) / 2 + gap
            face = rotation("y", math.degrees(theta) + 180.0)
            out.append(translation((tc[0] + r * dx, 0, tc[2] + r * dz)) @ face @ base)
        return out
    # beside: next_to (+X), behind (-Z), in_front (+Z); copies continue the row
    out = []
    for k in range(count):
        if relation == "behind":
            out.append(translation((tc[0] + (k - (count - 1) / 2) * (w + gap), 0, tb[0][2] - gap - d / 2 - k * 0))
                       @ base)
        elif relation == "in_front":
            out.append(translation((tc[0] + (k - (count - 1) / 2) * (w + gap), 0, tb[1][2] + gap + d / 2)) @ base)
        else:
            out.append(translation((tb[1][0] + gap + w / 2 + k * (w + gap), 0, tc[2])) @ base)
    return out
