"""LOD chains: levels, their screen-size thresholds, downscaled textures and a measured quality report.

Every level is simplified from LOD0 (not from the level before), so each level's vertices are LOD0
vertices with their own UVs (see :mod:`meshforge.lod.simplify`). Thresholds follow Unity's LOD Group
and Unreal's *screen size*: the fraction of the screen height the model's largest side covers. A level
is shown from the moment its geometric error would cover at most ``pixel_error`` pixels on a screen
``screen_height_px`` high (the approach of gltfpack and Simplygon's screen-size LODs)::

    switch_k = pixel_error * size_m / (hausdorff_m(LOD_k) * screen_height_px)

Each switch is then checked in image space: LOD k-1 and LOD k are rendered at the switch size and the
switch is moved to a smaller size until their difference is below ``max_visual_difference``.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
from PIL import Image

from meshforge.core.errors import ParameterError
from meshforge.core.material import Material, Texture
from meshforge.core.model import Model
from meshforge.geometry.mesh import Mesh
from meshforge.lod import topology
from meshforge.lod.metrics import (
    SurfaceDistance,
    model_distance,
    surface_distance,
    uv_provenance,
    visual_difference,
)
from meshforge.lod.profiles import LodProfile, lod_profile
from meshforge.lod.simplify import (
    ERROR_JUMP,
    REBAKE_GAIN,
    REBAKE_MAX_ERROR,
    STALL_SLACK,
    SimplifyOptions,
    simplify_model,
    simplify_without_uvs,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LodOptions:
    """How to build a chain."""

    #: number of levels including LOD0; None: the profile's (or 4 without a profile).
    levels: int | None = None
    #: platform profile name (``mobile``, ``web``, ``desktop``, ``console``, ``vr``, ``ar``) or None.
    profile: str | None = None
    #: fraction of LOD0's triangles kept per step (level k keeps ratio_step ** k); None: the profile's.
    ratio_step: float | None = None
    #: on-screen geometric error (pixels) at which the next level takes over.
    pixel_error: float = 1.0
    #: reference screen height in pixels for the thresholds.
    screen_height_px: int = 1080
    #: largest image-space difference (0..1) allowed between consecutive levels at their switch size.
    max_visual_difference: float = 0.10
    #: measure Hausdorff / mean distances per level.
    measure: bool = True
    #: render consecutive levels at each switch size and tune the switch (needs EGL).
    render_check: bool = True
    #: faceted low-poly levels (flat normals).
    flat: bool = False
    #: textured parts that UV seams hold above a level's budget get new UVs and textures baked from
    #: LOD0 at the level's texture size (:mod:`meshforge.lod.rebake`); off, every level keeps LOD0's UVs.
    rebake: bool = False
    #: a level farther than this fraction of the model's bounding-box diagonal from LOD0 (two-sided
    #: Hausdorff distance) is built again with more triangles, up to :data:`LEVEL_GROWTH` times its target
    #: and never above ``MIN_LEVEL_STEP`` of the previous level's, and the first within it is kept
    #: (``_kept_in_shape``); None keeps every level at its target however far off it comes out. The
    #: distance is measured for this check even with ``measure`` off (the report then leaves it out).
    max_level_distance: float | None = 0.03

    def __post_init__(self) -> None:
        if self.levels is not None and not 1 <= self.levels <= 8:
            raise ParameterError(f"levels must be between 1 and 8, got {self.levels}")
        if self.ratio_step is not None and not 0.0 < self.ratio_step < 1.0:
            raise ParameterError(f"ratio step must be in (0, 1), got {self.ratio_step}")
        if not self.pixel_error > 0:
            raise ParameterError("pixel error must be positive")
        if self.max_level_distance is not None and not (np.isfinite(self.max_level_distance)
                                                        and self.max_level_distance > 0):
            raise ParameterError(f"max level distance must be a positive fraction of the model's size, "
                                 f"got {self.max_level_distance}")


@dataclass
class LodLevel:
    """Facts of one level (index 0 is the original)."""

    index: int
    triangles: int
    #: the triangles the chain asked of this level (``ratio_step ** index`` of LOD0's); a level may keep
    #: more where seams hold it or where its target would break its shape (``LodOptions.max_level_distance``)
    target: int
    vertices: int
    ratio: float
    screen_size: float
    texture_px: int | None
    hausdorff: float | None = None
    mean_distance: float | None = None
    hausdorff_m: float | None = None
    visual_difference: float | None = None
    watertight_parts: int = 0
    foreign_uv_vertices: int = 0
    cross_chart_faces: int = 0
    #: parts this level leaves out: they held their triangles while the rest had to collapse too far
    #: (``simplify._without_stalled_parts``), e.g. a barrel's hoops at its coarsest level
    dropped_parts: list[str] = field(default_factory=list)
    #: parts this level re-baked onto new UVs (``LodOptions.rebake``); their UVs come from no LOD0 chart
    rebaked_parts: list[str] = field(default_factory=list)


@dataclass
class LodReport:
    """What a chain build produced; ``to_dict`` is JSON-ready."""

    model: str
    profile: dict | None
    levels: list[LodLevel] = field(default_factory=list)
    screen_height_px: int = 1080
    max_visual_difference: float = 0.10
    #: what the chain could not do as asked, and what would help (a level UV seams held above its target)
    notes: list[str] = field(default_factory=list)

    @property
    def visual_ok(self) -> bool:
        return all(lv.visual_difference is None or lv.visual_difference < self.max_visual_difference
                   for lv in self.levels)

    def to_dict(self) -> dict:
        return {
            "model": self.model,
            "profile": self.profile,
            "screen_height_px": self.screen_height_px,
            "max_visual_difference": self.max_visual_difference,
            "visual_ok": self.visual_ok,
            "notes": list(self.notes),
            "levels": [{k: (round(v, 7) if isinstance(v, float) else v) for k, v in lv.__dict__.items()}
                       for lv in self.levels],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)


#: A level farther than this fraction of the model's diagonal from LOD0 gets a note (see ``notes``).
FAR_LEVEL = 0.03
#: Triangle counts, as multiples of a level's target, that a level farther than
#: ``LodOptions.max_level_distance`` from LOD0 is built again with, fewest first (``_kept_in_shape``).
#: Levels that break sit just past a cliff: the enclosure's LOD3 is 15% of its size off at 184 triangles
#: and 2.8% at 206, the pipe tee's 16.6% at 82 and 2.9% at 162.
LEVEL_GROWTH = (1.25, 1.5, 2.0)
#: When no grown level comes within ``LodOptions.max_level_distance``, the closest one still replaces
#: the level at its target if it is at most this fraction of its distance.
GROWTH_GAIN = 0.5


#: A textured part counts as held by its UV seams when, simplified without UVs to its share of the
#: level's target, it reaches that share or keeps at most this fraction of its triangles in the level
#: (``_held_by_uvs``).
UV_HOLD = 0.7
#: Surface samples per side for the distances ``_held_by_uvs`` compares.
HELD_SAMPLES = 5000


def _held_by_uvs(part_mesh: Mesh, kept: Mesh, share: int, flat: bool) -> bool:
    """Whether UV seams hold a part at its level mesh ``kept``: the same mesh without UVs, simplified to
    ``share`` triangles (:func:`_simplified_without_uvs`), reaches it (within ``STALL_SLACK``) or at
    least :data:`UV_HOLD` of ``kept``'s triangles, and stays within what re-baking accepts
    (``REBAKE_MAX_ERROR`` of its size or ``ERROR_JUMP`` times ``kept``'s distance: a box folded into 6
    triangles is no gain)."""
    free = _simplified_without_uvs(part_mesh, share, flat)
    if free is None or free.triangle_count > max(STALL_SLACK * max(share, 1), UV_HOLD * kept.triangle_count):
        return False
    near = surface_distance(part_mesh, free, HELD_SAMPLES).hausdorff
    return near <= REBAKE_MAX_ERROR or near <= ERROR_JUMP * surface_distance(part_mesh, kept, HELD_SAMPLES).hausdorff


def _held_because(level: Model, original: Model, opts: LodOptions, target: int) -> str:
    """Why a level stayed above its ``target`` triangles: the parts furthest above their share of it
    (``target`` in proportion to ``original``'s triangles; the largest three, by the triangles over) and
    what would help: re-baking, where UV seams hold textured ones among them (tried:
    :func:`_held_by_uvs`), else nothing short of a coarser model."""
    before = {p.name: p for p in original.parts}
    fraction = target / max(original.triangle_count, 1)
    over = []
    for part in level.parts:
        src = before.get(part.name)
        share = int(src.mesh.triangle_count * fraction) if src is not None else 0
        if src is not None and part.mesh.triangle_count > STALL_SLACK * max(share, 1):
            over.append((part.mesh.triangle_count - share, part.name, share))
    over.sort(key=lambda o: (-o[0], o[1]))
    now = {p.name: p.mesh for p in level.parts}
    who = ""
    if over:
        listed = ", ".join(f"{name} ({now[name].triangle_count:,})" for _, name, _ in over[:3])
        more = f" and {len(over) - 3} more" if len(over) > 3 else ""
        who = f"held by {listed}{more}; "
    by_uvs = [name for _, name, share in over[:3] if not opts.rebake and before[name].material.textures
              and before[name].mesh.uvs is not None and _held_by_uvs(before[name].mesh, now[name], share, opts.flat)]
    if by_uvs:
        return (who + f"UV seams hold {', '.join(by_uvs)} (every chart corner stays); --rebake "
                "(LodOptions(rebake=True)) gives them new UVs and textures baked from LOD0")
    return who + ("their hard edges and closed shapes cannot collapse further without breaking the surface "
                  "(without UVs they would keep as many triangles)")


def _far_because(level: Model, base: Model, flat: bool) -> str:
    """Where a level far off ``base`` is off: its farthest parts (the largest three within half the
    farthest one's distance, as fractions of the model's size) and, where UV seams bend textured ones
    among them (:func:`_bent_by_uvs`), that re-baking may help."""
    size = float(np.linalg.norm(base.extents)) or 1.0
    before = {p.name: p for p in base.parts}
    off = sorted(((surface_distance(before[p.name].world_mesh(), p.world_mesh(), HELD_SAMPLES).hausdorff_m / size,
                   p.name) for p in level.parts if p.name in before and p.mesh.triangle_count), reverse=True)
    if not off:
        return ""
    worst = [(d, name) for d, name in off[:3] if d >= 0.5 * off[0][0]]
    text = ", most at " + ", ".join(f"{name} ({d:.1%})" for d, name in worst)
    now = {p.name: p.mesh for p in level.parts}
    bent = [name for _, name in worst if before[name].material.textures and before[name].mesh.uvs is not None
            and now[name].uvs is not None and _bent_by_uvs(before[name].mesh, now[name], flat)]
    if bent:
        text += (f"; UV seams bend {', '.join(bent)}: --rebake (LodOptions(rebake=True)) may bring it much "
                 "closer")
    return text


def _simplified_without_uvs(part_mesh: Mesh, count: int, flat: bool) -> Mesh | None:
    """``part_mesh`` without its UVs simplified to ``count`` triangles, as re-baking would
    (:func:`meshforge.lod.simplify.simplify_without_uvs`), or None when that breaks it."""
    free = simplify_without_uvs(part_mesh, count, None, SimplifyOptions(triangles=max(count, 1), flat=flat),
                                topology.is_closed(part_mesh))
    return None if free is None else free.mesh


def _bent_by_uvs(part_mesh: Mesh, kept: Mesh, flat: bool) -> bool:
    """Whether UV seams bend a part's level mesh ``kept`` far from the part: the same mesh without UVs,
    simplified to as many triangles (:func:`_simplified_without_uvs`), is closer than ``REBAKE_GAIN``
    of ``kept``'s distance (the test the re-bake path applies)."""
    free = _simplified_without_uvs(part_mesh, kept.triangle_count, flat)
    if free is None:
        return False
    near = surface_distance(part_mesh, free, HELD_SAMPLES).hausdorff
    return near < REBAKE_GAIN * surface_distance(part_mesh, kept, HELD_SAMPLES).hausdorff


def _kept_in_shape(base: Model, level: Model, dist: SurfaceDistance, target: int, previous: int,
                   opts: LodOptions, side: int | None) -> tuple[Model, SurfaceDistance] | None:
    """A level of ``base`` with more triangles than ``level`` (built for ``target``, ``dist`` off
    ``base``) that keeps its shape, or None.

    A coarse level can sit just past a cliff: the last collapses to its target fold a part's walls in
    (the enclosure's box at LOD3: 15% of the model's size off at 184 triangles, 2.8% at 206). The level
    is built again for :data:`LEVEL_GROWTH` times ``target``, fewest first and at most
    ``MIN_LEVEL_STEP`` of ``previous`` (the level before's triangles: the chain goes on), and the first
    within ``opts.max_level_distance`` is returned; when none is, the closest one if it is at most
    :data:`GROWTH_GAIN` of ``dist``. ``side``: the level's re-bake atlas side.
    """
    cap = int(MIN_LEVEL_STEP * previous)
    best: tuple[Model, SurfaceDistance] | None = None
    tried: set[int] = set()
    for growth in LEVEL_GROWTH:
        count = min(round(growth * target), cap)
        if count <= level.triangle_count or count in tried:
            continue
        tried.add(count)
        more = simplify_model(base, triangles=count, flat=opts.flat, rebake=opts.rebake, rebake_px=side)
        if more.triangle_count <= level.triangle_count:
            continue
        more_dist = model_distance(base, more)
        log.debug("chain: %d triangles instead of %d: %.4f off instead of %.4f", more.triangle_count,
                  level.triangle_count, more_dist.hausdorff, dist.hausdorff)
        if best is None or more_dist.hausdorff < best[1].hausdorff:
            best = more, more_dist
        if more_dist.hausdorff <= opts.max_level_distance:
            return best
    if best is not None and best[1].hausdorff <= GROWTH_GAIN * dist.hausdorff:
        return best
    return None


def downscale_texture(texture: Texture, max_px: int) -> Texture:
    """The texture with its longer side at most ``max_px`` (Lanczos), or itself when already small."""
    image = texture.image
    w, h = image.size
    if max(w, h) <= max_px:
        return texture
    scale = max_px / max(w, h)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    small = image.convert("RGBA" if "A" in image.getbands() else "RGB").resize(size, Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    small.save(buf, format="PNG", compress_level=6)
    return Texture(buf.getvalue(), texture.name)


def downscale_material(material: Material, max_px: int) -> Material:
    slots = ("base_color_texture", "metallic_roughness_texture", "normal_texture", "emissive_texture")
    changes = {s: downscale_texture(getattr(material, s), max_px) for s in slots if getattr(material, s) is not None}
    return replace(material, **changes) if changes else material


def limit_textures(model: Model, max_px: int | None) -> Model:
    """A copy whose textures are at most ``max_px`` on their longer side (materials shared stay shared)."""
    if max_px is None:
        return model
    out = model.copy()
    done: dict[int, Material] = {}
    for part in out.parts:
        key = id(part.material)
        if key not in done:
            done[key] = downscale_material(part.material, max_px)
        part.material = done[key]
    return out


def _largest_texture(model: Model) -> int | None:
    sides = [max(t.size) for m in model.materials for t in m.textures.values()]
    return max(sides) if sides else None


#: A level must keep at most this fraction of the previous level's triangles, else the chain ends there.
MIN_LEVEL_STEP = 0.9


def build_lod_chain(
    model: Model, options: LodOptions | None = None, on_level: Callable[[str], None] | None = None
) -> tuple[Model, LodReport]:
    """LOD0 (within the profile budget) with ``lods`` and ``lod_screen_sizes`` filled, and its report.

    ``on_level`` is called with a short message after each level (CLI progress).
    """
    opts = options or LodOptions()
    profile: LodProfile | None = lod_profile(opts.profile) if opts.profile else None
    levels = opts.levels or (profile.levels if profile else 4)
    step = opts.ratio_step or (profile.ratio_step if profile else 0.5)
    say = on_level or (lambda _msg: None)
    base = model.copy()
    base.lods, base.lod_screen_sizes = [], []
    notes: list[str] = []
    tex0 = _largest_texture(base)
    if profile and profile.budget.triangles and base.triangle_count > profile.budget.triangles:
        budget = profile.budget.triangles
        side = min(tex0, profile.budget.texture_px or tex0) if tex0 else None
        base = simplify_model(base, triangles=budget, rebake=opts.rebake, rebake_px=side)
        say(f"LOD0 reduced to the {profile.name} budget: {base.triangle_count:,} triangles")
        if base.triangle_count > budget:
            notes.append(f"LOD0 keeps {base.triangle_count:,} triangles, above the {profile.name} budget of "
                         f"{budget:,}: {_held_because(base, model, opts, budget)}")
        tex0 = _largest_texture(base)
    if profile and profile.budget.texture_px and tex0:
        base = limit_textures(base, profile.budget.texture_px)
        tex0 = min(tex0, profile.budget.texture_px)
    min_tex = profile.min_texture_px if profile else 64
    chain = [base]
    tris0 = base.triangle_count
    targets = [tris0]
    distances: list[SurfaceDistance | None] = [None]
    for k in range(1, levels):
        target = max(1, round(tris0 * step**k))
        side = max(min_tex, tex0 >> k) if tex0 else None
        level = simplify_model(base, triangles=target, flat=opts.flat, rebake=opts.rebake, rebake_px=side)
        if level.triangle_count > MIN_LEVEL_STEP * chain[-1].triangle_count:
            # a level that saves next to nothing costs a draw-call switch and memory for no gain
            say(f"LOD{k}: cannot simplify much below {chain[-1].triangle_count:,} triangles "
                f"({level.triangle_count:,}); chain ends at LOD{k - 1}")
            notes.append(f"the chain ends at LOD{k - 1}: LOD{k} could not go much below "
                         f"{chain[-1].triangle_count:,} triangles ({level.triangle_count:,}): "
                         f"{_held_because(level, base, opts, target)}")
            break
        dist = None
        if opts.measure or opts.max_level_distance is not None:
            dist = model_distance(base, level)
        grown = None
        if opts.max_level_distance is not None and dist is not None and dist.hausdorff > opts.max_level_distance:
            grown = _kept_in_shape(base, level, dist, target, chain[-1].triangle_count, opts, side)
        if grown is not None:
            more, more_dist = grown
            notes.append(f"LOD{k} keeps {more.triangle_count:,} triangles for a target of {target:,}: at "
                         f"{level.triangle_count:,} it was {dist.hausdorff:.1%} of the model's size off LOD0"
                         f"{_far_because(level, base, opts.flat)}; at {more.triangle_count:,} it is "
                         f"{more_dist.hausdorff:.1%} off (--exact-counts, LodOptions(max_level_distance=None), "
                         "keeps the target)")
            level, dist = more, more_dist
        elif level.triangle_count > STALL_SLACK * target:
            notes.append(f"LOD{k} keeps {level.triangle_count:,} triangles for a target of {target:,}: "
                         f"{_held_because(level, base, opts, target)}")
        if tex0:
            level = limit_textures(level, max(min_tex, tex0 >> k))
        targets.append(target)
        distances.append(dist)
        level.name = f"{model.name}_LOD{k}"
        level.metadata.pop("lod", None)
        chain.append(level)
        say(f"LOD{k}: {level.triangle_count:,} triangles ({100.0 * level.triangle_count / max(tris0, 1):.1f}%)")
    report = LodReport(model.name, profile.to_dict() if profile else None, [],
                       opts.screen_height_px, opts.max_visual_difference, notes)
    size_m = float(base.extents.max()) or 1.0
    sizes: list[float] = []
    for k, level in enumerate(chain):
        lv = LodLevel(k, level.triangle_count, targets[k], level.vertex_count, level.triangle_count / max(tris0, 1),
                      0.0, _largest_texture(level), watertight_parts=sum(p.mesh.is_watertight() for p in level.parts))
        if k > 0:
            lv.dropped_parts = list(level.metadata.get("simplify", {}).get("dropped_parts", []))
            lv.rebaked_parts = list(level.metadata.get("simplify", {}).get("rebaked_parts", []))
            by_name = {p.name: p for p in base.parts}
            prov = [uv_provenance(by_name[b.name].mesh, b.mesh) for b in level.parts if b.name not in lv.rebaked_parts]
            lv.foreign_uv_vertices = sum(p["foreign_vertices"] for p in prov)
            lv.cross_chart_faces = sum(p["cross_chart_faces"] for p in prov)
            err_m = level.metadata.get("simplify", {}).get("error_m", 0.0)
            if opts.measure:
                dist = distances[k]
                assert dist is not None
                lv.hausdorff, lv.mean_distance, lv.hausdorff_m = dist.hausdorff, dist.mean, dist.hausdorff_m
                err_m = max(err_m, dist.hausdorff_m)
                noted = any(n.startswith(f"LOD{k} ") for n in report.notes)
                if dist.hausdorff > FAR_LEVEL and not opts.rebake and not noted:
                    report.notes.append(f"LOD{k} is {dist.hausdorff:.1%} of the model's size off LOD0"
                                        f"{_far_because(level, base, opts.flat)}")
            switch = 1.0 if err_m <= 0 else opts.pixel_error * size_m / (err_m * opts.screen_height_px)
            switch = float(np.clip(switch, 0.002, 1.0))
            if sizes:
                switch = min(switch, sizes[-1] * 0.95)
            if opts.render_check:
                for _ in range(6):
                    diff = visual_difference(chain[k - 1], level, round(switch * opts.screen_height_px))
                    lv.visual_difference = diff
                    if diff is None or diff < opts.max_visual_difference or switch <= 0.002:
                        break
                    switch = max(0.002, switch * 0.7)
            sizes.append(switch)
            report.levels[-1].screen_size = switch
        report.levels.append(lv)
    sizes.append(0.0)  # the last level is never culled
    report.levels[-1].screen_size = 0.0
    base.lods = chain[1:]
    base.lod_screen_sizes = sizes
    base.metadata["lod"] = report.to_dict()
    log.info("LOD chain %s: %s", model.name, " / ".join(f"{lv.triangles:,}" for lv in report.levels))
    return base, report
