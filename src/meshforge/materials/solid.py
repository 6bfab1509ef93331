"""Solid (3D) procedural textures: PBR values as functions of a point in space, in meters.

A solid texture answers "what is the surface like at this 3D point" (color, roughness, metallic,
height), so a part cut out of it shows grain and veins that flow around corners and across UV seams,
like an object carved from a block (K. Perlin, "An Image Synthesizer", SIGGRAPH 1985; D. Peachey,
"Solid Texturing of Complex Surfaces", SIGGRAPH 1985). The same functions make the cheap tiling
images generators use (evaluated on the unit square of a plane with periodic noise, ``tile=True``)
and the per-part baked textures (:mod:`meshforge.materials.bake`).

Conventions: points and normals are (3, N) float32 arrays. ``p`` is the *grain frame* of a part
(axis 0 along its longest extent, axis 2 along its thinnest, origin near its centre), so wood grain
and brushing run along legs and boards; ``pw``/``nw`` are model-space (Y up) for things that follow
gravity (brick courses, moss on top). Colors are sRGB in [0, 1]; heights are meters (positive out).
Real-world sizes: bricks 215 x 65 mm with 10 mm joints, tiles 150 mm, wood rings 4-9 mm.
Detail finer than ~3 texels is faded out (band-limited by ``ctx.texel``) so bakes do not alias.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from meshforge.materials.noise import NoiseField, hash01

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class SolidSpec:
    """Everything needed to re-evaluate a material's textures anywhere (kept on the Material).

    Attributes:
        kind: key of :data:`KINDS` (``wood``, ``marble``, ..., ``plain``).
        colors: sRGB colors, base first, then the kind's accents (latewood, veins, mortar, ...).
        roughness: base roughness in [0, 1].
        metallic: base metallic in [0, 1].
        seed: variation seed.
        finish: None or a key of :data:`FINISHES`.
        pattern: None or a key of :data:`PATTERNS`.
        wear: wear kinds (keys of :data:`WEARS`), applied in order.
        params: kind parameters as sorted ``(name, value)`` pairs (ring spacing, tile size, ...).
    """

    kind: str
    colors: tuple[RGB, ...]
    roughness: float
    metallic: float = 0.0
    seed: int = 0
    finish: str | None = None
    pattern: str | None = None
    wear: tuple[str, ...] = ()
    params: tuple[tuple[str, float], ...] = ()

    def param(self, name: str, default: float) -> float:
        for k, v in self.params:
            if k == name:
                return v
        return default

    def color(self, i: int) -> np.ndarray:
        """Color ``i`` (clamped to the last one) as a (3, 1) float32 array."""
        return np.asarray(self.colors[min(i, len(self.colors) - 1)], np.float32)[:, None]


@dataclass
class Ctx:
    """Where a solid texture is evaluated (N points)."""

    p: np.ndarray  # (3, N) grain frame, meters
    n: np.ndarray  # (3, N) unit normals, grain frame
    pw: np.ndarray  # (3, N) model space, meters
    nw: np.ndarray  # (3, N) unit normals, model space
    noise: NoiseField
    texel: float  # meters per texel
    extent: np.ndarray = field(default_factory=lambda: np.ones(3, np.float32))  # part size, grain frame
    scale: float = 1.0  # model size (m), for patterns
    edge: np.ndarray | None = None  # (N,) 1 on convex edges fading to 0, or None
    cavity: np.ndarray | None = None  # (N,) 1 in concave creases fading to 0, or None
    tile: bool = False
    uv: np.ndarray | None = None  # (2, N) the part's own tiling UVs (meters), for printed patterns

    @property
    def count(self) -> int:
        return self.p.shape[1]


@dataclass
class Surface:
    """PBR values at N points: sRGB color (3, N), roughness, metallic, height in meters (N,)."""

    color: np.ndarray
    rough: np.ndarray
    metal: np.ndarray
    height: np.ndarray


def smoothstep(e0: float, e1: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def mix(a: np.ndarray, b: np.ndarray, t: np.ndarray) -> np.ndarray:
    return a + (b - a) * t


def _full(ctx: Ctx, value: float) -> np.ndarray:
    return np.full(ctx.count, value, np.float32)


def _limit(freq: float, ctx: Ctx, texels: float = 3.0) -> float:
    """Band-limit: features no smaller than ``texels`` texels."""
    return float(min(freq, 1.0 / (texels * ctx.texel)))


def _fade(freq: float, ctx: Ctx) -> float:
    """Weight in [0, 1] of a detail of ``freq`` features per meter (0 once it would alias)."""
    return float(np.clip(2.0 - freq * 3.0 * ctx.texel, 0.0, 1.0))


def _period(length: float, ctx: Ctx) -> float:
    """A length that divides 1 m in tile mode (so the tiling image repeats seamlessly)."""
    return 1.0 / max(1, round(1.0 / length)) if ctx.tile else length


def _base(spec: SolidSpec, ctx: Ctx, color: np.ndarray | None = None) -> Surface:
    c = spec.color(0) if color is None else color
    return Surface(np.broadcast_to(c, (3, ctx.count)).astype(np.float32), _full(ctx, spec.roughness),
                   _full(ctx, spec.metallic), _full(ctx, 0.0))


# --------------------------------------------------------------------------------------- kinds
def plain(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Flat color (for untextured presets that get a pattern, finish or wear)."""
    return _base(spec, ctx)


def wood(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Flat-sawn wood: growth rings around a pith line running along the part (axis 0).

    The pith lies outside the board, slightly tilted to it, so faces cut the rings into cathedral
    arches that stretch along the grain; fibres and pores are noise stretched 60x along the grain.
    """
    nz = ctx.noise
    x, y, z = ctx.p
    rng = np.random.default_rng([spec.seed, 11])
    spacing = max(spec.param("ring", 0.006), 3.5 * ctx.texel)
    if ctx.tile:
        k = 2.0
        across = np.sin(np.pi * k * (y - rng.random())) / (np.pi * k)
        depth = 0.04 + 0.025 * np.sin(2 * np.pi * (x + rng.random()))
        r = np.sqrt(across**2 + depth**2)
    else:
        ext = ctx.extent
        # wide panels are glued from planks 9-16 cm wide, each sawn from its own log
        plank_w = spec.param("plank", 0.0) or float(rng.uniform(0.09, 0.16))
        wide = ext[1] > 2.2 * plank_w
        plank = np.where(wide, np.floor(y / plank_w), 0.0)
        h1, h2, h3 = (hash01(plank, seed=spec.seed * 7 + i) for i in range(3))
        depth0 = ext[2] / 2 + 0.035 + 0.12 * h1
        y0 = np.where(wide, (plank + 0.2 + 0.6 * h2) * plank_w, (h2 - 0.5) * ext[1])
        tilt = (h3 - 0.5) * 0.1
        r = np.sqrt((y - y0) ** 2 + (z + depth0 + tilt * x) ** 2)
        r = r + 7.3 * spacing * h3 * wide
    r = r + 0.012 * nz.noise(ctx.p, (1.5, 6.0, 6.0), 1) + 0.004 * nz.noise(ctx.p, (4.0, 20.0, 20.0), 2)
    ring = (r / spacing) % 1.0
    late = smoothstep(0.55, 0.92, ring) * (1.0 - smoothstep(0.95, 1.0, ring))
    ff = _limit(700.0, ctx)
    fibre = nz.noise(ctx.p, (6.0, ff, ff), 3) * _fade(700.0, ctx) + 0.5 * nz.noise(ctx.p, (3.0, ff / 4, ff / 4), 4)
    blotch = nz.fbm(ctx.p, 3.0, 2, 5)
    contrast = spec.param("contrast", 0.6)
    t = np.clip(contrast * late + 0.18 * fibre + 0.2 * blotch + 0.1, 0.0, 1.0)
    color = mix(spec.color(0), spec.color(1), t)
    if not ctx.tile:
        color = color * (1.0 + 0.08 * (h2 - 0.5) * wide)
    pore_f = _limit(1200.0, ctx)
    pores = smoothstep(0.35, 0.7, nz.noise(ctx.p, (2.0, pore_f, pore_f), 6)) * spec.param("pores", 0.5)
    color = color * (1.0 - 0.25 * pores)
    height = -0.00025 * late - 0.0002 * pores + 0.00004 * fibre
    rough = spec.roughness + 0.06 * late - 0.04 * fibre + 0.08 * pores
    return Surface(color, rough, _full(ctx, spec.metallic), height)


def marble(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Marble: a cloudy body crossed by warped veins (sine of a turbulent coordinate plus ridged fBm)."""
    nz = ctx.noise
    p = ctx.p
    rng = np.random.default_rng([spec.seed, 12])
    turb = nz.fbm(p, 2.5, 5, 1)
    if ctx.tile:
        d = np.array([1.0, 2.0, 0.0], np.float32)
    else:
        d = rng.normal(size=3).astype(np.float32)
        d /= np.linalg.norm(d) / 2.2
    s = d[0] * p[0] + d[1] * p[1] + d[2] * p[2]
    wave = np.abs(np.sin(np.pi * s + 4.0 * turb))
    soft = (1.0 - wave) ** 5 * 0.45
    width = spec.param("vein", 0.08) * 0.3
    ridge = np.abs(nz.fbm(p, 3.0, 5, 7) + 0.25 * turb)
    sharp = 1.0 - smoothstep(0.0, width, ridge)
    present = smoothstep(-0.15, 0.25, nz.noise(p, 1.2, 13))
    fine = (1.0 - smoothstep(0.0, width * 0.5, np.abs(nz.fbm(p, 7.0, 3, 21)))) * 0.35
    veins = np.clip(soft + sharp * (0.35 + 0.6 * present) + fine * present, 0.0, 1.0)
    cloud = nz.fbm(p, 1.5, 3, 15)
    body = spec.color(0) * (1.0 + 0.05 * cloud)
    color = mix(body, spec.color(1), veins)
    rough = spec.roughness + 0.05 * veins + 0.02 * cloud
    return Surface(color, rough, _full(ctx, spec.metallic), -0.00002 * veins)


def granite(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Granite: interlocking mineral grains (Worley cells, ~4 mm) of dark, light and accent minerals."""
    nz = ctx.noise
    f = _limit(220.0, ctx, 4.0)
    f1, f2, cid = nz.cells(ctx.p, f, 1)
    _, _, cid2 = nz.cells(ctx.p, f * 1.9, 2)
    dark = (cid < 0.3).astype(np.float32)
    light = ((cid >= 0.3) & (cid < 0.5)).astype(np.float32)
    accent = (cid2 > 0.86).astype(np.float32) * (1 - dark)
    shade = 0.85 + 0.3 * cid2
    color = spec.color(0) * shade
    color = mix(color, spec.color(1), dark * 0.9)
    color = mix(color, spec.color(2), light * 0.8)
    color = mix(color, spec.color(3), accent * 0.7)
    edge = 1.0 - smoothstep(0.0, 0.08, f2 - f1)
    color = color * (1.0 - 0.15 * edge)
    rough = spec.roughness + 0.1 * dark - 0.05 * light + 0.1 * edge
    return Surface(color, rough, _full(ctx, spec.metallic), -0.00003 * edge)


def _bond(u: np.ndarray, v: np.ndarray, length: float, course: float, joint: float, offset: float
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Running bond on a plane: (distance inside the unit from its joint in m, row, column)."""
    row = np.floor(v / course)
    us = u + offset * (row % 2.0)
    col = np.floor(us / length)
    fu = us - col * length
    fv = v - row * course
    inside = np.minimum(np.minimum(fu, length - fu), np.minimum(fv, course - fv)) - joint / 2
    return inside, row, col


def _wrap_ids(ctx: Ctx, row: np.ndarray, col: np.ndarray, row_len: float, col_len: float
              ) -> tuple[np.ndarray, np.ndarray]:
    """In tile mode, unit ids repeat with the tile so per-unit random colors tile too."""
    if not ctx.tile:
        return row, col
    return row % max(1, round(1.0 / row_len)), col % max(1, round(1.0 / col_len))


def _plane(ctx: Ctx) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Model-space planar coordinates (u, v) picked by the dominant normal axis, and 'is top/bottom'."""
    x, y, z = ctx.pw
    ax, ay, az = np.abs(ctx.nw)
    if ctx.tile:
        return x, y, np.zeros(ctx.count, bool)
    top = (ay > ax) & (ay > az)
    side_x = ~top & (ax >= az)
    u = np.where(top, x, np.where(side_x, z, x))
    v = np.where(top, z, y)
    return u, v, top


def brick(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Brick in running bond: 215 x 65 mm bricks with 10 mm recessed mortar, courses follow model Y."""
    nz = ctx.noise
    course = spec.param("course", 0.075)
    if ctx.tile:  # an even number of courses per tile keeps the running bond in step across the edge
        course = 1.0 / (2 * max(1, round(0.5 / course)))
    length = _period(spec.param("length", 0.225), ctx)
    joint = spec.param("joint", 0.010)
    u, v, _ = _plane(ctx)
    inside, row, col = _bond(u, v, length, course, joint, length / 2)
    row, col = _wrap_ids(ctx, row, col, course, length)
    soft = max(0.0015, 1.5 * ctx.texel)
    solid = smoothstep(-soft * 0.5, soft, inside)
    h = hash01(row, col, seed=spec.seed)
    h2 = hash01(col, row, seed=spec.seed + 1)
    tone = 0.82 + 0.3 * h
    burnt = (h2 < 0.12).astype(np.float32)
    spots = nz.fbm(ctx.p, 40.0, 3, 1)
    grit = nz.noise(ctx.p, _limit(500.0, ctx), 2) * _fade(500.0, ctx)
    brick_c = spec.color(0) * tone * (1.0 + 0.12 * spots + 0.06 * grit)
    brick_c = mix(brick_c, spec.color(2), burnt * 0.6)
    mortar_c = spec.color(1) * (1.0 + 0.08 * nz.noise(ctx.p, 120.0, 3) + 0.05 * grit)
    color = mix(mortar_c, brick_c, solid)
    height = -0.004 * (1.0 - solid) + 0.0004 * spots + 0.00015 * grit
    rough = mix(_full(ctx, 0.95), spec.roughness + 0.05 * spots, solid)
    return Surface(color, rough, _full(ctx, 0.0), height)


def tiles(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Square glazed tiles (150 mm, 3 mm grout) on the dominant model-space plane."""
    nz = ctx.noise
    size = _period(spec.param("size", 0.15), ctx)
    joint = spec.param("joint", 0.003)
    u, v, _ = _plane(ctx)
    inside, row, col = _bond(u, v, size, size, joint, 0.0)
    row, col = _wrap_ids(ctx, row, col, size, size)
    soft = max(0.0012, 1.5 * ctx.texel)
    solid = smoothstep(-soft * 0.3, soft, inside)
    h = hash01(row, col, seed=spec.seed)
    tile_c = spec.color(0) * (0.95 + 0.08 * h)[None] * (1.0 + 0.03 * nz.fbm(ctx.p, 8.0, 2, 1))
    color = mix(spec.color(1), tile_c, solid)
    wave = nz.noise(ctx.p, 12.0, 2)
    height = -0.0015 * (1.0 - solid) + 0.00005 * wave
    rough = mix(_full(ctx, 0.85), spec.roughness + 0.02 * wave, solid)
    return Surface(color, rough, _full(ctx, 0.0), height)


def _weave2d(a: np.ndarray, b: np.ndarray, period: float, twill: bool) -> tuple[np.ndarray, np.ndarray]:
    """Weave height in [0, 1] and 'warp on top' for planar thread coordinates."""
    ia, ib = np.floor(a / period), np.floor(b / period)
    fa, fb = a / period - ia, b / period - ib
    over = ((ia + ib) % 3.0 == 0) if twill else ((ia + ib) % 2.0 == 0)
    warp = np.sqrt(np.clip(np.sin(np.pi * fa), 0, 1)) * (0.75 + 0.25 * np.sin(np.pi * fb))
    weft = np.sqrt(np.clip(np.sin(np.pi * fb), 0, 1)) * (0.75 + 0.25 * np.sin(np.pi * fa))
    return np.where(over, warp, weft), over.astype(np.float32)


def fabric(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Woven cloth: plain weave (or twill) blended tri-planarly, slubs and fuzz; threads >= 3 texels."""
    nz = ctx.noise
    period = max(spec.param("thread", 0.0015), 3.0 * ctx.texel)
    if ctx.tile:  # a multiple of 6 threads per tile keeps plain weave (2) and twill (3) in step
        period = 1.0 / (6 * max(1, round(1.0 / (6 * period))))
    twill = spec.param("twill", 0.0) > 0
    strength = spec.param("weave", 1.0)
    x, y, z = ctx.pw
    if ctx.tile:
        hgt, over = _weave2d(x, y, period, twill)
    else:
        w = np.abs(ctx.nw) ** 4
        w /= w.sum(axis=0, keepdims=True)
        hx, ox = _weave2d(z, y, period, twill)
        hy, oy = _weave2d(x, z, period, twill)
        hz, oz = _weave2d(x, y, period, twill)
        hgt = w[0] * hx + w[1] * hy + w[2] * hz
        over = w[0] * ox + w[1] * oy + w[2] * oz
    slub = nz.fbm(ctx.p, 6.0, 3, 1)
    fuzz = nz.noise(ctx.p, _limit(400.0, ctx), 2)
    crush = spec.param("crush", 0.0) * nz.fbm(ctx.p, 9.0, 3, 3)  # pile pressed in different directions
    shade = 1.0 + strength * (0.16 * (hgt - 0.6)) + 0.06 * slub + spec.param("fuzz", 0.04) * fuzz + crush
    color = mix(spec.color(0), spec.color(1), over * spec.param("weft_mix", 0.0)) * shade
    height = strength * 0.00025 * hgt + 0.00005 * slub
    rough = spec.roughness - 0.05 * strength * hgt + 0.02 * fuzz - 0.3 * crush
    return Surface(color, rough, _full(ctx, 0.0), height)


def leather(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Pebbled leather: Worley cells (~3 mm) separated by creases, with large soft tone variation."""
    nz = ctx.noise
    f = _limit(1.0 / spec.param("cell", 0.003), ctx, 5.0)
    f1, f2, cid = nz.cells(ctx.p, f, 1)
    crease = 1.0 - smoothstep(0.0, 0.18, f2 - f1)
    dome = 1.0 - np.clip(f1, 0, 1) ** 2
    tone = nz.fbm(ctx.p, 5.0, 3, 2)
    color = spec.color(0) * (1.0 + 0.15 * tone + 0.06 * (cid - 0.5)) * (1.0 - 0.3 * crease)
    height = 0.00012 * dome - 0.0002 * crease
    rough = spec.roughness + 0.12 * crease - 0.05 * dome + 0.05 * tone
    return Surface(color, rough, _full(ctx, 0.0), height)


def _wear_freq(ctx: Ctx, base: float) -> float:
    """Frequency of wear patches: ``base`` on furniture-sized models, finer on small ones (a key, a mug)."""
    return base * float(np.clip(1.5 / max(ctx.scale, 1e-3), 1.0, 8.0))


def rust_layer(ctx: Ctx, amount: float, channel: int = 30) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rust patches: (coverage mask in [0, 1], sRGB color (3, N), height) for ``amount`` in [0, 1]."""
    nz = ctx.noise
    n = nz.fbm(ctx.p, _wear_freq(ctx, 7.0), 5, channel)
    bias = 0.0
    if ctx.cavity is not None:
        bias += 0.25 * ctx.cavity
    if ctx.edge is not None:
        bias += 0.15 * ctx.edge
    bias = bias + 0.12 * np.clip(-ctx.nw[1], 0, 1)  # undersides hold moisture
    th = 0.45 - 0.9 * amount
    mask = smoothstep(th - 0.03, th + 0.06, n + bias)
    f1, _, cid = nz.cells(ctx.p, _limit(_wear_freq(ctx, 160.0), ctx, 4.0), channel + 1)
    pits = (1.0 - smoothstep(0.0, 0.3, f1)) * (cid < 0.4)
    tone = nz.fbm(ctx.p, _wear_freq(ctx, 25.0), 3, channel + 2)
    grain = nz.noise(ctx.p, _limit(_wear_freq(ctx, 400.0), ctx), channel + 3)
    orange = np.asarray([0.62, 0.30, 0.12], np.float32)[:, None]
    brown = np.asarray([0.33, 0.17, 0.09], np.float32)[:, None]
    dark = np.asarray([0.17, 0.10, 0.07], np.float32)[:, None]
    color = mix(brown, orange, smoothstep(-0.3, 0.4, tone + 0.3 * grain))
    color = mix(color, dark, np.clip(pits * 0.7 + 0.25 * smoothstep(0.2, 0.6, -grain), 0, 1)) * (1.0 + 0.12 * grain)
    height = mask * (0.0002 * (0.5 + tone) + 0.00006 * grain) - 0.0003 * pits * mask
    return mask.astype(np.float32), color, height


def rust(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Rusted iron: bare dark metal showing through a thick, pitted oxide (coverage ``param amount``)."""
    mask, rc, rh = rust_layer(ctx, spec.param("amount", 0.75), 1)
    metal = spec.color(1) * (1.0 + 0.1 * ctx.noise.noise(ctx.p, 30.0, 5))
    color = mix(metal, rc * (spec.color(0) / np.float32(0.48)) ** 0.3, mask)
    rough = mix(_full(ctx, 0.5), 0.9 + 0.05 * rh / 0.0004, mask)
    return Surface(color, np.clip(rough, 0, 1), 1.0 - mask, rh)


def brushed(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Brushed metal: fine streaks along the part's long axis in color, roughness and height."""
    s = _brush_streaks(ctx)
    color = spec.color(0) * (1.0 + 0.05 * s)
    return Surface(color, spec.roughness + 0.06 * s, _full(ctx, spec.metallic), 0.000012 * s)


def _brush_streaks(ctx: Ctx) -> np.ndarray:
    nz = ctx.noise
    f = _limit(1500.0, ctx, 2.0)
    return 0.6 * nz.noise(ctx.p, (2.0, f, f), 40) + 0.4 * nz.noise(ctx.p, (1.0, f / 5, f / 5), 41)


def concrete(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Cast concrete: mottled cement, fine grit and small air pores."""
    nz = ctx.noise
    mottle = nz.fbm(ctx.p, 3.0, 4, 1)
    grit = nz.noise(ctx.p, _limit(600.0, ctx, 2.5), 2) * _fade(600.0, ctx)
    f1, _, cid = nz.cells(ctx.p, _limit(90.0, ctx, 5.0), 3)
    pores = (1.0 - smoothstep(0.08, 0.2, f1)) * (cid < spec.param("pores", 0.35))
    color = mix(spec.color(0), spec.color(1), smoothstep(-0.3, 0.5, mottle) * 0.6) * (1.0 + 0.08 * grit)
    color = color * (1.0 - 0.45 * pores)
    height = 0.0001 * grit - 0.001 * pores + 0.0002 * mottle
    rough = spec.roughness + 0.04 * mottle + 0.05 * pores
    return Surface(color, rough, _full(ctx, 0.0), height)


def bark(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Tree bark: plates separated by deep furrows running along the trunk (axis 0)."""
    nz = ctx.noise
    f = spec.param("furrows", 22.0)
    ridges = nz.fbm(ctx.p, (f / 8, f, f), 3, 1)
    plates = smoothstep(-0.12, 0.2, ridges)
    cracks = 1.0 - np.abs(nz.noise(ctx.p, (f / 3, f * 1.5, f * 1.5), 2))
    cross = smoothstep(0.9, 0.98, cracks)
    fine = nz.noise(ctx.p, _limit(200.0, ctx), 3)
    lichen = smoothstep(0.35, 0.6, nz.fbm(ctx.p, 6.0, 3, 4)) * spec.param("lichen", 0.3)
    color = mix(spec.color(1), spec.color(0), plates * (1.0 - cross)) * (1.0 + 0.1 * fine)
    color = mix(color, np.asarray([0.55, 0.6, 0.45], np.float32)[:, None], lichen * plates)
    height = 0.006 * plates * (1.0 - 0.6 * cross) + 0.0005 * fine
    rough = spec.roughness - 0.05 * plates + 0.03 * fine
    return Surface(color, np.clip(rough, 0, 1), _full(ctx, 0.0), height)


def foliage(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Leaves: Worley cells (~3 cm) each with its own hue and brightness, dark gaps between them."""
    nz = ctx.noise
    f = _limit(1.0 / spec.param("leaf", 0.03), ctx, 5.0)
    f1, f2, cid = nz.cells(ctx.p, f, 1)
    gap = 1.0 - smoothstep(0.0, 0.12, f2 - f1)
    hue = cid[None]
    color = mix(spec.color(0), spec.color(1), hue) * (0.75 + 0.4 * hash01((cid * 997).astype(np.int64))[None])
    vein = 1.0 - smoothstep(0.0, 0.04, np.abs(nz.noise(ctx.p, f * 2.0, 2)))
    color = color * (1.0 - 0.45 * gap) * (1.0 + 0.1 * vein)
    dome = 1.0 - np.clip(f1, 0, 1) ** 2
    height = 0.002 * dome / max(f / 30.0, 1.0) - 0.0015 * gap
    rough = spec.roughness + 0.15 * gap - 0.1 * dome
    return Surface(color, np.clip(rough, 0, 1), _full(ctx, 0.0), height)


def sand(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Sand: fine grains, scattered dark grains and wind ripples on upward faces (``strata`` for sandstone)."""
    nz = ctx.noise
    grains = nz.noise(ctx.p, _limit(1500.0, ctx, 2.0), 1) * _fade(1500.0, ctx)
    _, _, cid = nz.cells(ctx.p, _limit(300.0, ctx, 3.0), 2)
    dark = (cid < 0.06).astype(np.float32)
    warp = nz.fbm(ctx.pw, 4.0, 3, 3)
    ripple_len = _period(0.06, ctx)
    ripple = np.sin(2 * np.pi * (ctx.pw[0] + 0.3 * ctx.pw[2]) / ripple_len + 4.0 * warp)
    up = _full(ctx, 1.0) if ctx.tile else smoothstep(0.5, 0.9, ctx.nw[1])
    ripple = ripple * up * spec.param("ripples", 1.0)
    strata = spec.param("strata", 0.0)
    layers = np.sin(2 * np.pi * ctx.pw[1] * 25.0 + 3.0 * warp) * strata
    color = spec.color(0) * (1.0 + 0.08 * grains + 0.04 * ripple + 0.08 * layers + 0.06 * warp)
    color = mix(color, spec.color(1), dark * 0.7)
    height = 0.0015 * ripple + 0.00008 * grains + 0.0004 * layers
    return Surface(color, spec.roughness + 0.03 * grains, _full(ctx, 0.0), height)


def speckle(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Generic fine-grained surface: soft mottling, optional flecks, orange-peel height, grain.

    Params: ``mottle`` (color variation), ``flecks`` (fraction of dark flecks, stoneware/terracotta),
    ``peel`` (height of paint/plastic orange peel, m), ``fibres`` (paper), ``grain`` (wood grain under paint).
    """
    nz = ctx.noise
    mottle = nz.fbm(ctx.p, spec.param("freq", 6.0), 4, 1)
    color = spec.color(0) * (1.0 + spec.param("mottle", 0.05) * 2.0 * mottle)
    height = spec.param("peel", 0.00002) * nz.noise(ctx.p, _limit(150.0, ctx), 2)
    rough = spec.roughness + 0.03 * mottle
    flecks = spec.param("flecks", 0.0)
    if flecks > 0:
        _, _, cid = nz.cells(ctx.p, _limit(260.0, ctx, 3.0), 3)
        f = (cid < flecks).astype(np.float32)
        color = mix(color, spec.color(1), f * 0.8)
    fibres = spec.param("fibres", 0.0)
    if fibres > 0:
        fb = nz.noise(ctx.p, _limit(400.0, ctx, 2.0), 4)
        color = color * (1.0 + fibres * fb)
        height = height + 0.00003 * fb
    if spec.param("grain", 0.0) > 0:
        height = height + 0.4 * wood(spec, ctx).height
    return Surface(color, rough, _full(ctx, spec.metallic), height)


def cells(spec: SolidSpec, ctx: Ctx) -> Surface:
    """Scales: domed Worley cells (``cell`` size, m) with darker rims and per-scale tone."""
    nz = ctx.noise
    f = _limit(1.0 / spec.param("cell", 0.008), ctx, 5.0)
    f1, f2, cid = nz.cells(ctx.p, f, 1)
    rim = 1.0 - smoothstep(0.0, 0.2, f2 - f1)
    dome = 1.0 - np.clip(f1, 0, 1) ** 2
    color = mix(spec.color(0), spec.color(1), (cid * 0.6)[None]) * (1.0 - 0.35 * rim) * (0.9 + 0.2 * dome)
    height = 0.0008 * dome / max(f / 125.0, 1.0) - 0.0004 * rim
    rough = spec.roughness + 0.15 * rim - 0.1 * dome
    return Surface(color, np.clip(rough, 0, 1), _full(ctx, spec.metallic), height)


KINDS: dict[str, Callable[[SolidSpec, Ctx], Surface]] = {
    "plain": plain, "wood": wood, "marble": marble, "granite": granite, "brick": brick, "tiles": tiles,
    "fabric": fabric, "leather": leather, "rust": rust, "brushed": brushed, "concrete": concrete,
    "bark": bark, "foliage": foliage, "sand": sand, "speckle": speckle, "cells": cells,
}  # fmt: skip


# --------------------------------------------------------------------------------------- patterns
def _pattern_colors(spec: SolidSpec) -> tuple[np.ndarray, np.ndarray]:
    base = spec.color(0)
    lum = float(0.3 * base[0, 0] + 0.59 * base[1, 0] + 0.11 * base[2, 0])
    second = np.asarray([0.95, 0.94, 0.9] if lum < 0.55 else [0.12, 0.16, 0.3], np.float32)[:, None]
    return base, second


def _pattern_unit(ctx: Ctx, fraction: float, lo: float = 0.008, hi: float = 0.12) -> float:
    """Pattern repeat in meters: a fraction of the model's size, clamped; in tile mode 1 / (even count)."""
    length = float(np.clip(ctx.scale * fraction, lo, hi))
    return 1.0 / (2 * max(1, round(0.5 / length))) if ctx.tile else length


def _printed(ctx: Ctx, fn: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    """A 2D print evaluated in the part's own UV space (meters), like fabric printed before cutting."""
    if ctx.uv is not None:
        return fn(ctx.uv[0], ctx.uv[1])
    return fn(ctx.pw[0], ctx.pw[1])


def striped(spec: SolidSpec, ctx: Ctx, color: np.ndarray) -> np.ndarray:
    base, second = _pattern_colors(spec)
    period = _pattern_unit(ctx, 1 / 14)
    t = (ctx.pw[1] / period) % 1.0
    aa = ctx.texel / period
    m = smoothstep(0.5 - aa, 0.5 + aa, t) * (1.0 - smoothstep(1.0 - aa, 1.0, t)) + (1.0 - smoothstep(0.0, aa, t))
    return mix(color, second * (color / np.maximum(base, 1e-3)), np.clip(m, 0, 1))


def polka_dot(spec: SolidSpec, ctx: Ctx, color: np.ndarray) -> np.ndarray:
    _, second = _pattern_colors(spec)
    period = _pattern_unit(ctx, 1 / 10)
    radius = 0.28 * period
    aa = max(ctx.texel, 1e-5)

    def dots(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        row = np.floor(b / period)
        a2 = a / period + 0.5 * (row % 2)
        da = (a2 - np.floor(a2) - 0.5) * period
        db = (b / period - row - 0.5) * period
        return 1.0 - smoothstep(radius - aa, radius + aa, np.sqrt(da * da + db * db))

    return mix(color, second, _printed(ctx, dots))


def checkered(spec: SolidSpec, ctx: Ctx, color: np.ndarray) -> np.ndarray:
    _, second = _pattern_colors(spec)
    period = _pattern_unit(ctx, 1 / 8)
    eps = 1e-5

    def squares(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return ((np.floor(a / period + eps) + np.floor(b / period + eps)) % 2.0).astype(np.float32)

    return mix(color, second, _printed(ctx, squares))


def plaid(spec: SolidSpec, ctx: Ctx, color: np.ndarray) -> np.ndarray:
    _, second = _pattern_colors(spec)
    period = _pattern_unit(ctx, 1 / 5, 0.03, 0.2)
    accent = np.asarray([0.85, 0.72, 0.2], np.float32)[:, None]

    def bands(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        def band(t: np.ndarray) -> np.ndarray:
            f = (t / period) % 1.0
            return 0.6 * (f < 0.3) + 0.4 * ((f > 0.55) & (f < 0.62))

        return band(a) + band(b)

    m = _printed(ctx, bands)
    thin = _printed(ctx, lambda a, b: (((a / period) % 1.0 > 0.8) & ((a / period) % 1.0 < 0.83))
                           + (((b / period) % 1.0 > 0.8) & ((b / period) % 1.0 < 0.83)))
    out = mix(color, color * 0.45 + second * 0.2, np.clip(m, 0, 1) * 0.7)
    return mix(out, accent, np.clip(thin, 0, 1) * 0.8)


def floral(spec: SolidSpec, ctx: Ctx, color: np.ndarray) -> np.ndarray:
    period = _pattern_unit(ctx, 1 / 6, 0.015, 0.15)
    petal_c = np.asarray([0.86, 0.35, 0.45], np.float32)[:, None]
    centre_c = np.asarray([0.97, 0.8, 0.25], np.float32)[:, None]
    leaf_c = np.asarray([0.3, 0.55, 0.3], np.float32)[:, None]

    def flower(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        row = np.floor(b / period)
        col = np.floor(a / period + 0.5 * (row % 2))
        hr, hc = _wrap_ids(ctx, row, col, period, period)
        jx = hash01(hr, hc, seed=spec.seed) - 0.5
        jy = hash01(hc, hr, seed=spec.seed + 3) - 0.5
        da = (a / period + 0.5 * (row % 2) - col - 0.5 - 0.25 * jx) * period
        db = (b / period - row - 0.5 - 0.25 * jy) * period
        r = np.sqrt(da * da + db * db) / period
        ang = np.arctan2(db, da) + 6.0 * jx
        petal = 0.22 + 0.1 * np.cos(5 * ang)
        code = (r < petal).astype(np.float32) + (r < 0.07).astype(np.float32)
        leaf = ((np.abs(r - 0.36) < 0.05) & (np.cos(2 * ang + 1.0) > 0.6)).astype(np.float32)
        return code + 3.0 * leaf * (code == 0)

    code = np.rint(_printed(ctx, flower))
    out = mix(color, petal_c, (code == 1).astype(np.float32))
    out = mix(out, centre_c, (code == 2).astype(np.float32))
    return mix(out, leaf_c, (code == 3).astype(np.float32))


PATTERNS: dict[str, Callable[[SolidSpec, Ctx, np.ndarray], np.ndarray]] = {
    "striped": striped, "polka_dot": polka_dot, "checkered": checkered, "plaid": plaid, "floral": floral,
}  # fmt: skip


# --------------------------------------------------------------------------------------- finishes
def _finish_rough(finish: str, r: np.ndarray, metal: float) -> np.ndarray:
    mean = float(np.mean(r)) if r.size else 0.5
    if finish == "glossy":
        return np.clip(0.12 + (r - mean) * 0.3, 0.03, 1)
    if finish == "polished":
        return np.clip(0.06 + (r - mean) * 0.2, 0.02, 1)
    if finish == "satin":
        return np.clip(0.38 + (r - mean) * 0.5, 0.05, 1)
    if finish == "matte":
        return np.clip(np.maximum(0.8, mean) + (r - mean) * 0.5, 0, 1)
    if finish == "brushed":
        return np.clip(0.32 + (r - mean) * 0.5, 0.05, 1)
    return r


#: Finish keys and their effect (roughness target; ``brushed`` also adds streaks).
FINISHES: dict[str, str] = {
    "glossy": "roughness ~0.12", "polished": "roughness ~0.06", "satin": "roughness ~0.38",
    "matte": "roughness >= 0.8", "brushed": "roughness ~0.32 with streaks along the part",
}  # fmt: skip


# --------------------------------------------------------------------------------------- wear
def _wear_worn(ctx: Ctx, s: Surface, spec: SolidSpec) -> None:
    nz = ctx.noise
    patches = smoothstep(0.1, 0.5, nz.fbm(ctx.p, _wear_freq(ctx, 8.0), 4, 50))
    e = ctx.edge if ctx.edge is not None else _full(ctx, 0.0)
    t = np.clip(e * (0.6 + 0.8 * patches) + 0.25 * patches, 0, 1)
    s.color = mix(s.color, np.clip(s.color * 1.25 + 0.06, 0, 1), t)
    s.rough = s.rough - 0.25 * t
    s.height = s.height - 0.0001 * t


def _wear_rusty(ctx: Ctx, s: Surface, spec: SolidSpec) -> None:
    mask, rc, rh = rust_layer(ctx, 0.45, 60)
    s.color = mix(s.color, rc, mask)
    s.rough = mix(s.rough, 0.92, mask)
    s.metal = s.metal * (1.0 - mask)
    s.height = s.height + rh


def _wear_tarnished(ctx: Ctx, s: Surface, spec: SolidSpec) -> None:
    n = smoothstep(-0.4, 0.5, ctx.noise.fbm(ctx.p, _wear_freq(ctx, 6.0), 4, 70))
    c = ctx.cavity if ctx.cavity is not None else _full(ctx, 0.0)
    t = np.clip(0.45 + 0.35 * n + 0.4 * c, 0, 1)
    tint = np.asarray([0.42, 0.36, 0.28], np.float32)[:, None]
    s.color = mix(s.color, s.color * tint * 1.3, t)
    s.rough = s.rough + 0.2 * t


def _wear_chipped(ctx: Ctx, s: Surface, spec: SolidSpec) -> None:
    nz = ctx.noise
    e = ctx.edge if ctx.edge is not None else _full(ctx, 0.0)
    n = nz.fbm(ctx.p, _wear_freq(ctx, 30.0), 3, 80)
    chips = smoothstep(0.62, 0.67, n + 0.5 * e * e + 0.1 * nz.noise(ctx.p, 4.0, 81))
    painted = spec.kind in ("speckle", "plain") and spec.metallic == 0
    raw = np.clip(s.color * 1.35 + 0.08, 0, 1)
    under = np.asarray([0.55, 0.5, 0.45], np.float32)[:, None] if painted else raw
    under = under * (1.0 + 0.1 * n)
    s.color = mix(s.color, under, chips)
    s.rough = mix(s.rough, 0.8, chips)
    s.height = s.height - 0.0003 * chips


def _wear_cracked(ctx: Ctx, s: Surface, spec: SolidSpec) -> None:
    f = _limit(_wear_freq(ctx, 40.0), ctx, 8.0)
    f1, f2, _ = ctx.noise.cells(ctx.p, f, 90)
    w = max(0.07, 1.2 * ctx.texel * f)
    jitter = 0.025 * ctx.noise.noise(ctx.p, f * 4.0, 91)
    crack = 1.0 - smoothstep(0.0, w, (f2 - f1) + jitter)
    crack = crack * smoothstep(-0.3, 0.1, ctx.noise.fbm(ctx.p, 3.0, 2, 92))
    s.color = mix(s.color, s.color * 0.25, crack)
    s.rough = mix(s.rough, 0.95, crack)
    s.height = s.height - 0.0004 * crack


def _wear_dented(ctx: Ctx, s: Surface, spec: SolidSpec) -> None:
    n = ctx.noise.fbm(ctx.p, 10.0, 3, 100)
    s.rough = s.rough + 0.06 * n
    s.height = s.height + 0.0002 * n


def _wear_mossy(ctx: Ctx, s: Surface, spec: SolidSpec) -> None:
    nz = ctx.noise
    up = np.clip(ctx.nw[1], 0, 1)
    c = ctx.cavity if ctx.cavity is not None else _full(ctx, 0.0)
    n = nz.fbm(ctx.p, _wear_freq(ctx, 9.0), 4, 110)
    grow = smoothstep(0.35, 0.55, 0.7 * up + 0.8 * c + 0.6 * n)
    tufts = nz.noise(ctx.p, _limit(250.0, ctx), 111)
    moss = mix(np.asarray([0.2, 0.3, 0.08], np.float32)[:, None], np.asarray([0.42, 0.52, 0.16], np.float32)[:, None],
               smoothstep(-0.4, 0.5, tufts + 0.5 * n))
    s.color = mix(s.color, moss, grow)
    s.rough = mix(s.rough, 0.95, grow)
    s.metal = s.metal * (1.0 - grow)
    s.height = s.height + 0.0015 * grow * (0.6 + 0.4 * tufts)


def _wear_weathered(ctx: Ctx, s: Surface, spec: SolidSpec) -> None:
    n = ctx.noise.fbm(ctx.p, _wear_freq(ctx, 5.0), 3, 120)
    grey = s.color.mean(axis=0, keepdims=True)
    faded = mix(s.color, grey * 1.05 + 0.08, 0.55 + 0.15 * n)
    s.color = mix(s.color, np.clip(faded, 0, 1), 0.9)
    s.rough = s.rough + 0.2
    s.height = s.height * 1.8 + 0.00015 * n


WEARS: dict[str, Callable[[Ctx, Surface, SolidSpec], None]] = {
    "worn": _wear_worn, "rusty": _wear_rusty, "tarnished": _wear_tarnished, "chipped": _wear_chipped,
    "cracked": _wear_cracked, "dented": _wear_dented, "mossy": _wear_mossy, "weathered": _wear_weathered,
}  # fmt: skip
#: Wear kinds whose look depends on convex edges / concave creases (the bake measures them).
EDGE_WEARS = frozenset({"worn", "chipped", "mossy", "rusty", "tarnished"})


def evaluate(spec: SolidSpec, ctx: Ctx) -> Surface:
    """The surface of ``spec`` at the points of ``ctx`` (clipped to valid ranges, float32)."""
    s = KINDS[spec.kind](spec, ctx)
    if spec.pattern is not None:
        s.color = PATTERNS[spec.pattern](spec, ctx, s.color)
    if spec.finish is not None:
        if spec.finish == "brushed":
            streaks = _brush_streaks(ctx)
            s.color = s.color * (1.0 + 0.04 * streaks)
            s.height = s.height + 0.000012 * streaks
            s.rough = s.rough + 0.06 * streaks
        s.rough = _finish_rough(spec.finish, np.asarray(s.rough, np.float32), spec.metallic)
    for w in spec.wear:
        WEARS[w](ctx, s, spec)
    return Surface(
        np.clip(np.broadcast_to(s.color, (3, ctx.count)), 0, 1).astype(np.float32),
        np.clip(np.broadcast_to(s.rough, (ctx.count,)), 0.02, 1).astype(np.float32),
        np.clip(np.broadcast_to(s.metal, (ctx.count,)), 0, 1).astype(np.float32),
        np.broadcast_to(s.height, (ctx.count,)).astype(np.float32),
    )
