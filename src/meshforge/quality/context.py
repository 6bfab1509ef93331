"""Options and the shared, lazily computed facts every check reads (:class:`Context`).

The context normalises the input once (STYLE.md, "normalise input once, at the edge"):

* each part's mesh in model space with non-finite vertices taken out (:class:`PartGeometry`), and its
  welded topology computed at most once;
* the model's **frame** (:class:`Frame`): its length unit and up axis. meshforge models are meters and
  Y-up, but files are not always: STL, OBJ, PLY and OFF carry no unit, and STL and 3MF are Z-up by the
  printing convention (3MF core spec 3.1; meshforge's own STL and 3MF exporters write millimetres, Z-up).
  With ``units="auto"`` and ``up="auto"`` the rules are, in order:

  - a model built by a meshforge generator (``metadata["generator"]``) is meters, Y-up;
  - ``metadata["units"]`` other than meters (``millimeter`` from a 3MF) is taken as declared;
  - a model from a unitless format (or of unknown origin) whose largest side is at least
    :data:`MM_GUESS_MIN_EXTENT` units is read as millimetres (a 10+ m object is far less likely than a
    10+ mm one); the ``units`` check says so;
  - STL and 3MF files are Z-up; everything else Y-up (glTF 2.0 section 3.4).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from meshforge.core.model import Model, Part
from meshforge.geometry.mesh import Mesh

if TYPE_CHECKING:
    from meshforge.quality.budget import Budget
    from meshforge.quality.topology import MeshTopology

#: Meters per unit for the unit names files and metadata use.
UNIT_METERS: dict[str, float] = {
    "m": 1.0, "meter": 1.0, "meters": 1.0, "metre": 1.0, "metres": 1.0,
    "cm": 0.01, "centimeter": 0.01, "centimeters": 0.01, "centimetre": 0.01,
    "mm": 0.001, "millimeter": 0.001, "millimeters": 0.001, "millimetre": 0.001, "millimetres": 0.001,
    "um": 1e-6, "micron": 1e-6, "micrometer": 1e-6,
    "km": 1000.0, "in": 0.0254, "inch": 0.0254, "inches": 0.0254, "ft": 0.3048, "foot": 0.3048, "feet": 0.3048,
}
#: File formats that carry no length unit.
UNITLESS_FORMATS: tuple[str, ...] = (".stl", ".obj", ".ply", ".off")
#: File formats whose up axis is +Z by convention (3D printing).
Z_UP_FORMATS: tuple[str, ...] = (".stl", ".3mf")
#: A unitless model at least this many units across is read as millimetres (``units="auto"``).
MM_GUESS_MIN_EXTENT = 10.0


@dataclass
class InspectOptions:
    """Everything :func:`meshforge.quality.inspect` can be told (documented defaults).

    Attributes:
        profile: target: ``mobile``, ``web``, ``desktop``, ``console``, ``vr``, ``ar`` or ``print``
            (budgets in :data:`meshforge.quality.budget.PROFILES`).
        nozzle_mm: FDM nozzle diameter for the print checks; walls need at least two nozzle widths.
        units: the model's length unit (``m``, ``mm``, ``cm``, ``in``...) or ``auto`` (module docstring).
        up: the model's up axis, ``Y``, ``Z`` or ``auto`` (module docstring).
        build_volume_mm: printer build volume (width, depth, height) in millimetres.
        file_bytes: size of the file the model was read from, for the file-size budget (None: unknown).
        source_format: extension of that file (``.stl``), for the ``auto`` unit and up rules.
        checks: run only these check ids (None: every check that applies).
        skip: check ids not to run.
        self_intersection_max_faces: parts with more faces are tested on a seeded random sample of this
            many faces (each against all faces); the finding says so.
        thin_wall_samples: surface points whose wall thickness is measured (print profile).
        accuracy_samples: surface points sampled on the model and on a reference model.
        fscore_threshold: F-score distance threshold as a fraction of the reference's bounding-box diagonal.
        align_reference: centre and scale the model onto a reference model before measuring.
        silhouette_size: side in pixels of the masks compared with a reference image.
        seed: seed of every sampling step (inspections are deterministic).
    """

    profile: str = "desktop"
    nozzle_mm: float = 0.4
    units: str = "auto"
    up: str = "auto"
    build_volume_mm: tuple[float, float, float] = (256.0, 256.0, 256.0)
    file_bytes: int | None = None
    source_format: str | None = None
    checks: tuple[str, ...] | None = None
    skip: tuple[str, ...] = ()
    self_intersection_max_faces: int = 2_000_000
    thin_wall_samples: int = 3000
    accuracy_samples: int = 20_000
    fscore_threshold: float = 0.01
    align_reference: bool = True
    silhouette_size: int = 256
    seed: int = 0

    def __post_init__(self) -> None:
        from meshforge.quality.budget import PROFILES

        if self.profile not in PROFILES:
            raise ValueError(f"unknown profile {self.profile!r}; profiles: {', '.join(PROFILES)}")
        if not (np.isfinite(self.nozzle_mm) and self.nozzle_mm > 0):
            raise ValueError(f"nozzle_mm must be a positive number, got {self.nozzle_mm!r}")
        if self.units != "auto" and self.units.lower() not in UNIT_METERS:
            raise ValueError(f"unknown units {self.units!r}; accepted: auto, {', '.join(sorted(UNIT_METERS))}")
        if self.up not in ("auto", "Y", "Z"):
            raise ValueError(f"up must be auto, Y or Z, got {self.up!r}")
        bv = tuple(float(x) for x in self.build_volume_mm)
        if len(bv) != 3 or not all(np.isfinite(x) and x > 0 for x in bv):
            raise ValueError(f"build_volume_mm must be three positive sizes, got {self.build_volume_mm!r}")
        self.build_volume_mm = bv  # type: ignore[assignment]
        if self.source_format is not None:
            fmt = self.source_format.lower()
            self.source_format = fmt if fmt.startswith(".") else "." + fmt


@dataclass(frozen=True)
class Frame:
    """The model's length unit and up axis as the checks interpret them.

    Attributes:
        meters_per_unit: model units -> meters.
        units: unit name (``m``, ``mm``).
        units_source: ``option``, ``generator``, ``converted`` (the importer converted the file's unit,
            ``metadata["source_units"]``, to meters), ``declared``, ``guessed`` or ``default``.
        up: ``Y`` or ``Z``.
        up_source: ``option``, ``generator``, ``converted`` (turned Y-up on import), ``declared``, ``format``
            or ``default``.
    """

    meters_per_unit: float
    units: str
    units_source: str
    up: str
    up_source: str

    @property
    def up_vector(self) -> np.ndarray:
        return np.array([0.0, 1.0, 0.0]) if self.up == "Y" else np.array([0.0, 0.0, 1.0])

    @property
    def mm_per_unit(self) -> float:
        return self.meters_per_unit * 1000.0


def resolve_frame(model: Model, options: InspectOptions, bounds: np.ndarray | None = None) -> Frame:
    """Apply the unit and up-axis rules of the module docstring (``bounds``: the model's finite bounds)."""
    if bounds is None:
        bounds = Context(model, options).bounds
    largest = float(np.max(bounds[1] - bounds[0]))
    meta = model.metadata
    generated = bool(meta.get("generator"))
    fmt = options.source_format
    declared = str(meta.get("units", "m")).strip().lower()
    source_units = str(meta.get("source_units", "")).strip().lower()
    if source_units in UNIT_METERS and options.units != "auto":
        # the importer already converted from source_units to meters; the option says what the file really was
        units, mpu, usrc = "m", UNIT_METERS[options.units.lower()] / UNIT_METERS[source_units], "option"
    elif source_units in UNIT_METERS:
        units, mpu, usrc = "m", 1.0, "converted"
    elif options.units != "auto":
        units, mpu, usrc = options.units.lower(), UNIT_METERS[options.units.lower()], "option"
    elif generated:
        units, mpu, usrc = "m", 1.0, "generator"
    elif declared in UNIT_METERS and UNIT_METERS[declared] != 1.0:
        units, mpu, usrc = declared, UNIT_METERS[declared], "declared"
    elif (fmt is None or fmt in UNITLESS_FORMATS) and largest >= MM_GUESS_MIN_EXTENT:
        units, mpu, usrc = "mm", 0.001, "guessed"
    else:
        units, mpu, usrc = "m", 1.0, "default"
    declared_up = str(meta.get("up", "Y")).upper()
    if options.up != "auto" and meta.get("source_up"):
        up, upsrc = ("Y", "option") if options.up == str(meta["source_up"]).upper() else ("Z", "option")
    elif options.up != "auto":
        up, upsrc = options.up, "option"
    elif meta.get("source_up"):
        up, upsrc = "Y", "converted"
    elif generated:
        up, upsrc = "Y", "generator"
    elif declared_up == "Z":
        up, upsrc = "Z", "declared"
    elif fmt in Z_UP_FORMATS:
        up, upsrc = "Z", "format"
    else:
        up, upsrc = "Y", "default"
    return Frame(mpu, units, usrc, up, upsrc)


@dataclass(eq=False)
class PartGeometry:
    """One part in model space, ready for checks.

    Attributes:
        part: the model's part.
        mesh: its mesh in model units, model space; faces touching non-finite vertices are left out.
        face_ids: (M,) index of each face of ``mesh`` in ``part.mesh.faces``.
        nonfinite_vertices: render vertex indices with a NaN or infinite coordinate.
        cache: per-part results shared between checks (e.g. UV stretch), keyed by the computing function.
    """

    part: Part
    mesh: Mesh
    face_ids: np.ndarray
    nonfinite_vertices: np.ndarray
    cache: dict[str, Any] = field(default_factory=dict, repr=False)
    _topology: MeshTopology | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def name(self) -> str:
        return self.part.name

    @property
    def topology(self) -> MeshTopology:
        """The welded topology, computed once (thread-safe: concurrent checks share it)."""
        with self._lock:
            if self._topology is None:
                from meshforge.quality.topology import MeshTopology

                self._topology = MeshTopology(self.mesh)
            return self._topology

    @classmethod
    def of(cls, part: Part) -> PartGeometry:
        mesh = part.mesh
        finite = np.isfinite(mesh.vertices).all(axis=1)
        if finite.all():
            world = part.world_mesh() if np.isfinite(part.transform).all() else mesh
            return cls(part, world, np.arange(mesh.triangle_count), np.zeros(0, np.int64))
        keep = np.flatnonzero(finite[mesh.faces].all(axis=1))
        verts = np.where(finite[:, None], mesh.vertices, 0.0)
        clean = Mesh(verts, mesh.faces[keep], None, None if mesh.uvs is None else np.nan_to_num(mesh.uvs[:]),
                     mesh.uv_mode)
        world = clean.transformed(part.transform) if np.isfinite(part.transform).all() else clean
        return cls(part, world, keep, np.flatnonzero(~finite))


@dataclass(eq=False)
class Context:
    """Shared state of one inspection (built by :func:`meshforge.quality.inspect`).

    Attributes:
        model: the model inspected.
        options: the options.
        reference_model: a model to compare with, or None.
        reference_image: an RGBA uint8 (H, W, 4) image to compare silhouettes with, or None.
        reference_format: file extension the reference model was read from (for its unit rules), or None.
        metrics: numbers checks measured, merged into :attr:`Report.metrics`.
    """

    model: Model
    options: InspectOptions = field(default_factory=InspectOptions)
    reference_model: Model | None = None
    reference_image: np.ndarray | None = None
    reference_format: str | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    _texture_sizes: dict[int, tuple[int, int]] = field(default_factory=dict, repr=False)

    @property
    def profile(self) -> str:
        return self.options.profile

    @cached_property
    def budget(self) -> Budget:
        from meshforge.quality.budget import PROFILES

        return PROFILES[self.options.profile]

    @cached_property
    def frame(self) -> Frame:
        return resolve_frame(self.model, self.options, self.bounds)

    @cached_property
    def parts(self) -> list[PartGeometry]:
        """Every part with at least one face, in model order."""
        return [PartGeometry.of(p) for p in self.model.parts if p.mesh.triangle_count]

    @cached_property
    def bounds(self) -> np.ndarray:
        """(2, 3) model-space bounds of the finite geometry, in model units."""
        boxes = []
        for g in self.parts:
            if not g.mesh.triangle_count:
                continue
            used = np.zeros(g.mesh.vertex_count, bool)
            used[g.mesh.faces.reshape(-1)] = True
            pts = g.mesh.vertices[used]
            boxes += [pts.min(axis=0), pts.max(axis=0)]
        if not boxes:
            return np.zeros((2, 3))
        pts = np.array(boxes)
        return np.array([pts.min(axis=0), pts.max(axis=0)])

    @property
    def diagonal(self) -> float:
        """Bounding-box diagonal in model units (1 for an empty model, so ratios stay defined)."""
        d = float(np.linalg.norm(self.bounds[1] - self.bounds[0]))
        return d if d > 0 else 1.0

    def prepare(self) -> None:
        """Compute the shared facts once, before checks may run on several threads."""
        _ = self.frame, self.budget, self.parts, self.bounds

    def texture_size(self, texture: Any) -> tuple[int, int]:
        """(width, height) of a :class:`~meshforge.core.material.Texture`, decoded once."""
        key = id(texture)
        if key not in self._texture_sizes:
            self._texture_sizes[key] = tuple(texture.size)  # type: ignore[assignment]
        return self._texture_sizes[key]

    def timed(self, name: str) -> _Timer:
        return _Timer(self.metrics.setdefault("timings_s", {}), name)


class _Timer:
    def __init__(self, store: dict[str, float], name: str):
        self.store, self.name = store, name

    def __enter__(self) -> _Timer:
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.store[self.name] = round(self.store.get(self.name, 0.0) + time.perf_counter() - self.t0, 4)
