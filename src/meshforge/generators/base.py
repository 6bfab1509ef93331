"""Generators and their parameter schemas.

A generator samples parameters first and builds geometry second (infinigen's
``sample_parameters`` / ``create_asset``): :meth:`Generator.sample_parameters` draws a flat dict of
named values (meters, degrees, counts) from an explicit ``numpy.random.Generator``;
:meth:`Generator.build` validates a parameter dict against the schema, calls the family-specific
:meth:`Generator.create` and enforces the conventions every model meets (origin at the bottom centre,
metadata). The schema is what the CLI lists, the web UI turns into sliders, and text understanding
steers with the ``words`` of each parameter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

import numpy as np

from meshforge.core.errors import ParameterError
from meshforge.core.material import Material
from meshforge.core.model import Model

ParamType = Literal["float", "int", "bool", "choice"]


@dataclass(frozen=True)
class Param:
    """One named, typed, bounded generator parameter.

    Attributes:
        name: identifier (``seat_height``).
        type: ``float``, ``int``, ``bool`` or ``choice``.
        default: value used when nothing else is asked for; real-world size for lengths.
        min, max: inclusive bounds for numbers (in ``unit``).
        unit: ``m``, ``deg``, ``count``, ``ratio`` or ``""``.
        choices: allowed values for ``choice``.
        description: one line for humans (CLI, UI tooltips).
        words: phrases that steer this parameter in text ("tall back", "four legs").
        sample_range: (lo, hi) for random variations when narrower than [min, max].
        p_true: for ``bool``, the probability that a variation turns it on (0.5 when None).
    """

    name: str
    type: ParamType
    default: Any
    min: float | None = None
    max: float | None = None
    unit: str = ""
    choices: tuple[str, ...] = ()
    description: str = ""
    words: tuple[str, ...] = ()
    sample_range: tuple[float, float] | None = None
    p_true: float | None = None

    def __post_init__(self) -> None:
        if self.type in ("float", "int") and (self.min is None or self.max is None):
            raise ValueError(f"numeric parameter {self.name} needs min and max")
        if self.type == "choice" and self.default not in self.choices:
            raise ValueError(f"default of {self.name} is not among its choices")
        self.validate(self.default)

    # ------------------------------------------------------------------ values
    def accepted(self) -> str:
        """Human description of accepted values, for error messages."""
        if self.type == "float":
            return f"a number from {self.min:g} to {self.max:g} {self.unit}".rstrip()
        if self.type == "int":
            return f"a whole number from {int(self.min)} to {int(self.max)}"
        if self.type == "bool":
            return "true or false"
        return "one of " + ", ".join(self.choices)

    def validate(self, value: Any) -> Any:
        """Coerce ``value`` (possibly a string from the CLI) to this parameter's type, or raise ParameterError."""
        try:
            if self.type == "float":
                v = float(value)
                if not math.isfinite(v):
                    raise ValueError
            elif self.type == "int":
                if isinstance(value, bool):
                    raise ValueError
                f = float(value)
                if not f.is_integer():
                    raise ValueError
                v = int(f)
            elif self.type == "bool":
                if isinstance(value, bool):
                    v = value
                elif str(value).strip().lower() in ("1", "true", "yes", "on", "with"):
                    v = True
                elif str(value).strip().lower() in ("0", "false", "no", "off", "without"):
                    v = False
                else:
                    raise ValueError
            else:
                v = str(value).strip().lower()
                if v not in self.choices:
                    raise ValueError
        except (TypeError, ValueError):
            raise ParameterError(f"{self.name}={value!r} is not valid: expected {self.accepted()}") from None
        if self.type in ("float", "int") and not (self.min - 1e-12 <= v <= self.max + 1e-12):
            raise ParameterError(f"{self.name}={value!r} is out of range: expected {self.accepted()}")
        return v

    def sample(self, rng: np.random.Generator) -> Any:
        """Draw a value for a variation (uniform over ``sample_range`` or [min, max])."""
        if self.type == "float":
            lo, hi = self.sample_range or (self.min, self.max)
            return round(float(rng.uniform(lo, hi)), 4)
        if self.type == "int":
            lo, hi = self.sample_range or (self.min, self.max)
            return int(rng.integers(int(lo), int(hi) + 1))
        if self.type == "bool":
            return bool(rng.random() < (0.5 if self.p_true is None else self.p_true))
        return str(self.choices[int(rng.integers(len(self.choices)))])

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"name": self.name, "type": self.type, "default": self.default}
        if self.type in ("float", "int"):
            d.update(min=self.min, max=self.max)
        if self.unit:
            d["unit"] = self.unit
        if self.choices:
            d["choices"] = list(self.choices)
        d["description"] = self.description
        if self.words:
            d["words"] = list(self.words)
        return d


@dataclass(frozen=True)
class Slot:
    """A material slot: a group of parts that share one material (``frame``, ``legs``, ``fabric``).

    Text understanding routes material and color words to slots ("walnut legs and green fabric" sets the
    ``legs`` and ``fabric`` slots; "a red chair" sets the first, primary slot). Recipes override slots by
    name in ``Recipe.materials``.

    Attributes:
        name: identifier used in recipes and as the material's name prefix.
        default: preset name (a key of :data:`meshforge.materials.PRESETS`).
        color: optional sRGB hex tint of the default (``"#B03A2E"``); None keeps the preset's color.
        words: part words that address this slot in text (``legs``, ``leg``, ``frame``).
        choices: presets a seeded variation picks from (the default is always allowed).
        colors: sRGB hex tints a seeded variation picks from (with ``color``).
        description: which parts use it.
    """

    name: str
    default: str
    color: str | None = None
    words: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()
    description: str = ""

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"name": self.name, "default": self.default}
        if self.color:
            d["color"] = self.color
        if self.words:
            d["words"] = list(self.words)
        if self.choices:
            d["choices"] = list(self.choices)
        d["description"] = self.description
        return d


#: Keys a material override (``Recipe.materials[slot]``) may carry.
MATERIAL_KEYS = ("preset", "color", "finish", "pattern", "wear")


@dataclass(frozen=True)
class SizeEnvelope:
    """Declared range of a generator's bounding-box extents (meters): every build must fall inside."""

    min: tuple[float, float, float]
    max: tuple[float, float, float]

    def contains(self, extents: Sequence[float], tol: float = 1e-6) -> bool:
        e = np.asarray(extents, dtype=np.float64)
        return bool(np.all(e >= np.asarray(self.min) - tol) and np.all(e <= np.asarray(self.max) + tol))


class Generator:
    """Base class of every parametric generator. Subclasses set the class attributes and :meth:`create`.

    Class attributes:
        id: registry key (``chair``).
        name: display name.
        family: catalog folder (``furniture``).
        synonyms: other names people use (``seat``, ``dining chair``).
        description: one paragraph, used for retrieval and the catalog.
        tags: audiences / domains (``furniture``, ``interior``, ``gaming``).
        params: the parameter schema.
        slots: material slots, primary first; :meth:`material` turns one into a Material.
        size: declared envelope of the output's extents.
    """

    id: ClassVar[str]
    name: ClassVar[str]
    family: ClassVar[str]
    synonyms: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""
    tags: ClassVar[tuple[str, ...]] = ()
    params: ClassVar[tuple[Param, ...]] = ()
    slots: ClassVar[tuple[Slot, ...]] = ()
    size: ClassVar[SizeEnvelope]

    def __init__(self) -> None:
        self._materials: dict[str, dict[str, Any]] = {}
        self._seed: int | None = None

    # ------------------------------------------------------------------ schema
    @classmethod
    def param(cls, name: str) -> Param:
        for p in cls.params:
            if p.name == name:
                return p
        raise ParameterError(
            f"{cls.id} has no parameter {name!r}; parameters: {', '.join(p.name for p in cls.params)}"
        )

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        return {p.name: p.default for p in cls.params}

    @classmethod
    def sample_parameters(cls, rng: np.random.Generator) -> dict[str, Any]:
        """A random, valid parameter set (variations); order follows the schema so it is deterministic."""
        return {p.name: p.sample(rng) for p in cls.params}

    @classmethod
    def resolve(cls, params: Mapping[str, Any] | None = None, seed: int | None = None) -> dict[str, Any]:
        """Full validated parameter dict: defaults (or a seeded sample), overridden by ``params``."""
        base = cls.defaults() if seed is None else cls.sample_parameters(np.random.default_rng(seed))
        for name, value in (params or {}).items():
            base[name] = cls.param(name).validate(value)
        return {p.name: p.validate(base[p.name]) for p in cls.params}

    @classmethod
    def schema(cls) -> dict:
        """JSON-ready catalog entry."""
        return {
            "id": cls.id,
            "name": cls.name,
            "family": cls.family,
            "synonyms": list(cls.synonyms),
            "description": cls.description,
            "tags": list(cls.tags),
            "size_m": {"min": list(cls.size.min), "max": list(cls.size.max)},
            "params": [p.to_dict() for p in cls.params],
            "slots": [s.to_dict() for s in cls.slots],
        }

    @classmethod
    def slot(cls, name: str) -> Slot:
        for s in cls.slots:
            if s.name == name:
                return s
        raise ParameterError(f"{cls.id} has no material slot {name!r}; slots: {', '.join(s.name for s in cls.slots)}")

    @classmethod
    def resolve_materials(cls, materials: Mapping[str, Mapping[str, Any]] | None = None,
                          seed: int | None = None) -> dict[str, dict[str, Any]]:
        """Full material spec per slot: defaults (or a seeded pick), overridden by ``materials``.

        ``materials`` maps a slot name (or ``*`` for every slot) to ``{preset, color, finish, pattern, wear}``;
        unknown slots, keys or presets raise :class:`ParameterError` naming what is accepted.
        """
        from meshforge.materials import PRESETS

        rng = np.random.default_rng(None if seed is None else [seed, 7919])
        out: dict[str, dict[str, Any]] = {}
        for s in cls.slots:
            spec: dict[str, Any] = {"preset": s.default, "color": s.color}
            if seed is not None:
                if s.choices:
                    spec["preset"] = str(s.choices[int(rng.integers(len(s.choices)))])
                if s.colors:
                    spec["color"] = str(s.colors[int(rng.integers(len(s.colors)))])
            out[s.name] = spec
        for name, override in (materials or {}).items():
            targets = list(out) if name == "*" else [cls.slot(name).name]
            if not isinstance(override, Mapping):
                raise ParameterError(f"material override for {name!r} must be a mapping of {', '.join(MATERIAL_KEYS)}")
            bad = set(override) - set(MATERIAL_KEYS)
            if bad:
                raise ParameterError(f"unknown material keys {sorted(bad)}; accepted: {', '.join(MATERIAL_KEYS)}")
            if override.get("preset") is not None and override["preset"] not in PRESETS:
                raise ParameterError(f"unknown material preset {override['preset']!r}; presets: {', '.join(PRESETS)}")
            for t in targets:
                if "preset" in override and override["preset"] is not None and override["preset"] != out[t]["preset"]:
                    out[t]["color"] = None  # a new material brings its own color unless one is given too
                out[t].update({k: v for k, v in override.items() if v is not None})
        return out

    def material(self, slot: str, *, name: str | None = None) -> Material:
        """The material of ``slot`` for the current build (defaults, seeded pick or recipe override).

        Call from :meth:`create`. ``name`` overrides the material's name in the model (defaults to the slot
        name when the slot's default is kept, else ``<slot>_<preset>``).
        """
        from meshforge.materials import preset

        self.slot(slot)
        spec = self._materials.get(slot) or self.resolve_materials()[slot]
        extras = {k: spec[k] for k in ("finish", "pattern", "wear") if spec.get(k) is not None}
        mname = name or slot
        seed = 0 if self._seed is None else int(self._seed)
        return preset(spec["preset"], spec.get("color"), material_name=mname, seed=seed, **extras)

    # ------------------------------------------------------------------ building
    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        """Build the geometry from a validated parameter dict (subclasses implement)."""
        raise NotImplementedError

    def build(self, params: Mapping[str, Any] | None = None, seed: int | None = None,
              materials: Mapping[str, Mapping[str, Any]] | None = None) -> Model:
        """Resolve parameters and materials, build, place the origin at the bottom centre, record metadata."""
        p = self.resolve(params, seed)
        self._materials = self.resolve_materials(materials, seed)
        self._seed = seed
        rng = np.random.default_rng(0 if seed is None else seed)
        model = self.create(p, rng).placed_on_ground()
        model.metadata.update({"generator": self.id, "params": p})
        if self.slots:
            model.metadata["materials"] = self._materials
        return model


@dataclass
class _Catalog:
    generators: dict[str, type[Generator]] = field(default_factory=dict)


_CATALOG = _Catalog()


def register(cls: type[Generator]) -> type[Generator]:
    """Class decorator adding a generator to the catalog under ``cls.id``."""
    if cls.id in _CATALOG.generators and _CATALOG.generators[cls.id] is not cls:
        raise ValueError(f"generator id {cls.id!r} registered twice")
    names = [p.name for p in cls.params]
    if len(set(names)) != len(names):
        raise ValueError(f"{cls.id}: duplicate parameter names")
    slots = [s.name for s in cls.slots]
    if len(set(slots)) != len(slots):
        raise ValueError(f"{cls.id}: duplicate slot names")
    _CATALOG.generators[cls.id] = cls
    return cls


def catalog() -> dict[str, type[Generator]]:
    """Every registered generator by id, sorted by id (imports all generator families on first use)."""
    from meshforge.generators import load_all

    load_all()
    return dict(sorted(_CATALOG.generators.items()))
