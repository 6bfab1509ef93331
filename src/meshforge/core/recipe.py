"""Recipes: every asset is a source + generator id + parameters + seed + edit stack (DESIGN.md).

``build(recipe)`` is deterministic: the same recipe gives the same :class:`Model` and, through the
GLB exporter, the same bytes. The recipe travels inside the model's metadata (and the GLB's extras), so
any file meshforge wrote can be rebuilt and edited.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from meshforge.core.errors import MeshforgeError, ParameterError
from meshforge.core.model import Model
from meshforge.geometry.transform import rotation, scaling

RECIPE_VERSION = 1


@dataclass
class Recipe:
    """What to build and how.

    Attributes:
        generator: registered generator id (``chair``).
        params: explicit parameter values (meters, degrees, counts); the rest come from defaults or the seed.
        seed: None for the generator's defaults; an integer for a sampled variation.
        source: where the request came from, e.g. ``{"kind": "text", "text": "an oak chair"}``.
        edits: ordered operations applied after building, each ``{"op": name, **arguments}``.
        materials: material overrides by slot name (or ``*``): ``{"legs": {"preset": "walnut"}}``; keys
            ``preset``, ``color`` (sRGB hex), ``finish``, ``pattern``, ``wear`` (see Generator.slots).
    """

    generator: str
    params: dict[str, Any] = field(default_factory=dict)
    seed: int | None = None
    source: dict[str, Any] = field(default_factory=dict)
    edits: list[dict[str, Any]] = field(default_factory=list)
    version: int = RECIPE_VERSION
    materials: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, indent=2)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Recipe:
        if not isinstance(data, dict) or "generator" not in data:
            raise MeshforgeError("a recipe needs at least a 'generator' field")
        known = {f for f in cls.__dataclass_fields__}
        unknown = set(data) - known
        if unknown:
            raise MeshforgeError(f"unknown recipe fields: {sorted(unknown)}; expected {sorted(known)}")
        return cls(**data)

    def with_edit(self, op: str, **args: Any) -> Recipe:
        """A new recipe with one more edit appended (recipes are values: the original is unchanged)."""
        return Recipe(self.generator, dict(self.params), self.seed, dict(self.source), [*self.edits, {"op": op, **args}],
                      self.version, {k: dict(v) for k, v in self.materials.items()})


# ---------------------------------------------------------------------------------------- edits
EditOp = Callable[..., Model]
EDIT_OPS: dict[str, EditOp] = {}


def edit_op(name: str) -> Callable[[EditOp], EditOp]:
    """Register an edit operation under ``name``."""

    def wrap(fn: EditOp) -> EditOp:
        EDIT_OPS[name] = fn
        return fn

    return wrap


@edit_op("scale")
def _scale(model: Model, factor: float | list[float]) -> Model:
    """Scale the whole model about its origin (uniform or per axis)."""
    f = np.broadcast_to(np.asarray(factor, dtype=np.float64), (3,))
    if np.any(f <= 0) or not np.all(np.isfinite(f)):
        raise ParameterError(f"scale factor must be positive, got {factor!r}")
    out = model.copy()
    for p in out.parts:
        p.transform = scaling(f) @ p.transform
    return out


@edit_op("rotate_y")
def _rotate_y(model: Model, degrees: float) -> Model:
    """Turn the model about the vertical axis."""
    out = model.copy()
    for p in out.parts:
        p.transform = rotation("y", float(degrees)) @ p.transform
    return out


@edit_op("remove_part")
def _remove_part(model: Model, name: str) -> Model:
    """Delete a named part."""
    model.part(name)
    out = model.copy()
    out.parts = [p for p in out.parts if p.name != name]
    return out


@edit_op("set_material")
def _set_material(model: Model, part: str, preset: str, color: str | None = None) -> Model:
    """Give a part (or ``*`` for all) a material preset, optionally tinted with an sRGB hex color."""
    from meshforge.materials import preset as make_preset

    out = model.copy()
    try:
        mat = make_preset(preset, color)
    except KeyError as exc:
        raise ParameterError(str(exc.args[0])) from None
    targets = out.parts if part == "*" else [out.part(part)]
    for p in targets:
        p.material = mat
    return out


@edit_op("simplify")
def _simplify(model: Model, ratio: float | None = None, triangles: int | None = None,
              error: float | None = None, flat: bool = False, rebake: bool = False) -> Model:
    """Fewer triangles (UV seams, parts and borders kept): a ratio, a triangle count or an error in meters;
    ``flat`` gives the faceted low-poly look; ``rebake`` lets textured parts that UV seams hold get new
    UVs and textures baked from the original."""
    from meshforge.lod.simplify import simplify_model

    return simplify_model(model, ratio=ratio, triangles=triangles, error_m=error, flat=bool(flat),
                          rebake=bool(rebake))


@edit_op("wear")
def _wear(model: Model, kinds: str | list[str] | None = None, amount: float = 1.0, parts: list[str] | None = None,
          seed: int | None = None) -> Model:
    """Dents, chipped and worn (rounded) edges on parts; None takes each part's material wear words."""
    from meshforge.materials.wear import apply_wear

    return apply_wear(model, kinds, amount=amount, seed=seed, parts=parts)


def apply_edits(model: Model, edits: list[dict[str, Any]]) -> Model:
    for i, edit in enumerate(edits):
        args = dict(edit)
        op = args.pop("op", None)
        if op not in EDIT_OPS:
            raise MeshforgeError(f"edit {i}: unknown op {op!r}; known ops: {', '.join(sorted(EDIT_OPS))}")
        try:
            model = EDIT_OPS[op](model, **args)
        except TypeError as exc:
            raise MeshforgeError(f"edit {i} ({op}): {exc}") from None
        except KeyError as exc:
            raise MeshforgeError(f"edit {i} ({op}): {exc.args[0]}") from None
    return model


def _has_geometric_wear(recipe: Recipe) -> bool:
    if any(e.get("op") == "wear" for e in recipe.edits):
        return False
    from meshforge.materials.library import normalize_wear
    from meshforge.materials.wear import GEOMETRY_WEARS

    words = [w for m in recipe.materials.values() if isinstance(m, dict) and m.get("wear") for w in
             normalize_wear(m["wear"])]
    return bool(set(words) & set(GEOMETRY_WEARS))


def build(recipe: Recipe) -> Model:
    """Build a recipe into a model (deterministic); the recipe is stored in ``model.metadata['recipe']``."""
    from meshforge.generators import get_generator

    gen = get_generator(recipe.generator)
    model = gen.build(recipe.params, recipe.seed, recipe.materials)
    if _has_geometric_wear(recipe):
        # wear words in the materials ("a dented bucket") shape the geometry too, unless an edit says how
        model = EDIT_OPS["wear"](model, seed=recipe.seed or 0)
    model = apply_edits(model, recipe.edits).placed_on_ground() if recipe.edits else model
    model.metadata["recipe"] = recipe.to_dict()
    if recipe.seed is not None:
        model.name = f"{model.name}_s{recipe.seed}"
    return model
