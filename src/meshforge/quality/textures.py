"""Texture and material checks: resolution, power of two, color space, missing maps, unused and duplicate materials.

* ``texture_resolution``: a texture under :data:`MIN_TEXTURE_PX` on a side, or a surface texel density
  (pixels per meter, see :mod:`meshforge.quality.uv`) under the profile's ``min_texels_per_m`` by more
  than :data:`DENSITY_SLACK` (curved surfaces measure a little under their texture's nominal density).
* ``texture_npot``: sides that are not powers of two; mipmapping and block compression need them on
  older GPUs and WebGL 1, so it is a warning for mobile, web, VR and AR and information otherwise.
* ``texture_color_space``: a normal map must hold linear, tangent-space vectors whose mean is close to
  (0.5, 0.5, 1); a mean blue under :data:`NORMAL_MIN_MEAN_BLUE` means an sRGB color image was plugged in
  (or the map is not tangent space). Base color must be color (RGB/RGBA/grey), not a data map.
* ``missing_maps``: a textured material without a normal or metallic-roughness map (information).
* ``unused_materials``: materials only on parts without triangles, or listed in
  ``metadata["materials"]`` (importers may record a file's material list) but used by no part.
* ``duplicate_materials``: identical materials under different names (merging saves draw calls).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from meshforge.quality.findings import Finding
from meshforge.quality.registry import check
from meshforge.quality.uv import face_stretch, has_uv_area

if TYPE_CHECKING:
    from meshforge.core.material import Material, Texture
    from meshforge.core.model import Model
    from meshforge.quality.context import Context

#: Textures smaller than this on a side are reported as too small.
MIN_TEXTURE_PX = 64
#: Relative shortfall of texel density tolerated before it is reported.
DENSITY_SLACK = 0.1
#: Profiles where a non-power-of-two texture is a warning (older GPUs, WebGL 1).
NPOT_STRICT_PROFILES = ("mobile", "web", "vr", "ar")
#: Smallest mean blue (0..1) of a tangent-space normal map in linear encoding.
NORMAL_MIN_MEAN_BLUE = 0.6


def _textures(model: Model) -> list[tuple[Material, str, Texture]]:
    return [(m, slot, t) for m in model.materials for slot, t in m.textures.items()]


def _pow2(n: int) -> bool:
    return n > 0 and (n & (n - 1)) == 0


@check("texture_resolution", "textures", "Textures too small, or too few pixels per meter for the profile.",
       skip_profiles=("print",))
def check_texture_resolution(model: Model, ctx: Context) -> list[Finding]:
    out = []
    small = [(m, s, t) for m, s, t in _textures(model) if min(ctx.texture_size(t)) < MIN_TEXTURE_PX]
    if small:
        where = [{"material": m.name, "texture": t.name, "slot": s, "value": list(ctx.texture_size(t)), "unit": "px"}
                 for m, s, t in small[:20]]
        out.append(Finding("texture_resolution", "warning", len(small),
                           f"{len(small)} texture{'s are' if len(small) != 1 else ' is'} under {MIN_TEXTURE_PX} px on "
                           f"a side ({', '.join(t.name for _, _, t in small[:3])}); they look blurry up close.",
                           "use textures of at least 256 px", where))
    limit = ctx.budget.min_texels_per_m
    if limit is None:
        return out
    low = []
    for g in ctx.parts:
        tex = g.part.material.base_color_texture
        if tex is None or not has_uv_area(g):
            continue
        _, area, uv_area = face_stretch(g)
        if area.sum() <= 0:
            continue
        density = np.sqrt(uv_area.sum() / area.sum()) / ctx.frame.meters_per_unit * ctx.texture_size(tex)[0]
        if density < (1 - DENSITY_SLACK) * limit:
            low.append((g, density))
    if low:
        where = [{"part": g.name, "material": g.part.material.name, "value": round(float(d), 1), "unit": "px/m"}
                 for g, d in low[:20]]
        worst = min(d for _, d in low)
        out.append(Finding("texture_resolution", "warning", len(low),
                           f"{len(low)} part{'s' if len(low) != 1 else ''} get{'s' if len(low) == 1 else ''} as few "
                           f"as {worst:,.0f} texture pixels per meter, under the {ctx.profile} minimum of "
                           f"{limit:,.0f} px/m; textures look blurry.",
                           "use a larger texture or tile it more often (scale the UVs up)", where))
    return out


@check("texture_npot", "textures", "Texture sides that are not powers of two.", skip_profiles=("print",))
def check_texture_npot(model: Model, ctx: Context) -> list[Finding]:
    bad = [(m, s, t) for m, s, t in _textures(model) if not all(_pow2(v) for v in ctx.texture_size(t))]
    if not bad:
        return []
    strict = ctx.profile in NPOT_STRICT_PROFILES
    where = [{"material": m.name, "texture": t.name, "slot": s, "value": list(ctx.texture_size(t)), "unit": "px"}
             for m, s, t in bad[:20]]
    sizes = ", ".join(f"{t.name} {ctx.texture_size(t)[0]}x{ctx.texture_size(t)[1]}" for _, _, t in bad[:3])
    return [Finding("texture_npot", "warning" if strict else "info", len(bad),
                    f"{len(bad)} texture{'s are' if len(bad) != 1 else ' is'} not a power of two ({sizes}); "
                    "mipmaps and GPU texture compression need power-of-two sides on many devices.",
                    "resize to the nearest power of two (e.g. 1000 -> 1024)", where)]


def _mean_rgb(texture: Texture) -> np.ndarray:
    img = texture.image.convert("RGB")
    img.thumbnail((64, 64))
    return np.asarray(img, dtype=np.float64).reshape(-1, 3).mean(axis=0) / 255.0


@check("texture_color_space", "textures", "Normal maps that look like color images, or data maps used as color.",
       skip_profiles=("print",))
def check_texture_color_space(model: Model, ctx: Context) -> list[Finding]:
    bad = []
    for m in model.materials:
        if m.normal_texture is not None:
            mean = _mean_rgb(m.normal_texture)
            if mean[2] < NORMAL_MIN_MEAN_BLUE:
                bad.append((m, "normal", m.normal_texture,
                            f"mean color {np.round(mean, 2).tolist()} is not a tangent-space normal map"))
        if m.base_color_texture is not None and m.base_color_texture.image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            bad.append((m, "baseColor", m.base_color_texture, f"mode {m.base_color_texture.image.mode} is not color"))
    if not bad:
        return []
    where = [{"material": m.name, "slot": s, "texture": t.name, "note": why} for m, s, t, why in bad[:20]]
    return [Finding("texture_color_space", "warning", len(bad),
                    f"{len(bad)} texture{'s look' if len(bad) != 1 else ' looks'} like the wrong kind or color space "
                    f"for its slot ({bad[0][1]} of '{bad[0][0].name}': {bad[0][3]}).",
                    "normal maps must be linear tangent-space maps (mostly light blue); base color must be sRGB color",
                    where)]


@check("missing_maps", "textures", "Textured materials without a normal or metallic-roughness map (information).",
       skip_profiles=("print",))
def check_missing_maps(model: Model, ctx: Context) -> list[Finding]:
    missing = []
    for m in model.materials:
        if not m.textures:
            continue
        gone = [s for s in ("normal", "metallicRoughness") if s not in m.textures]
        if gone:
            missing.append((m, gone))
    if not missing:
        return []
    where = [{"material": m.name, "missing": gone} for m, gone in missing[:20]]
    return [Finding("missing_maps", "info", len(missing),
                    f"{len(missing)} textured material{'s have' if len(missing) != 1 else ' has'} no "
                    f"{' or '.join(missing[0][1])} map ('{missing[0][0].name}'); surfaces rely on flat "
                    "roughness and geometric normals.",
                    "fine for most uses; add maps for close-up realism", where)]


@check("unused_materials", "textures", "Materials no triangle uses.", skip_profiles=("print",))
def check_unused_materials(model: Model, ctx: Context) -> list[Finding]:
    used = {g.part.material.name for g in ctx.parts}
    declared = model.metadata.get("materials")
    names: list[str] = []
    if isinstance(declared, list):
        names += [str(d.get("name") if isinstance(d, dict) else d) for d in declared]
    names += [p.material.name for p in model.parts]
    unused = list(dict.fromkeys(n for n in names if n not in used))
    if not unused:
        return []
    return [Finding("unused_materials", "warning", len(unused),
                    f"{len(unused)} material{'s are' if len(unused) != 1 else ' is'} not used by any triangle "
                    f"({', '.join(repr(n) for n in unused[:3])}); they bloat the file.",
                    "run `meshforge repair` (drops unused materials and empty parts)",
                    [{"material": n} for n in unused[:20]])]


def _material_key(m: Material) -> tuple:
    d = m.to_dict()
    d.pop("name", None)
    digests = tuple(sorted((s, t.digest) for s, t in m.textures.items()))
    return (repr(sorted(d.items())), digests, m.double_sided, m.alpha_cutoff, m.normal_scale)


@check("duplicate_materials", "textures", "Identical materials under different names (information).",
       skip_profiles=("print",))
def check_duplicate_materials(model: Model, ctx: Context) -> list[Finding]:
    groups: dict[tuple, list[str]] = {}
    for m in model.materials:
        groups.setdefault(_material_key(m), []).append(m.name)
    dups = [names for names in groups.values() if len(names) > 1]
    if not dups:
        return []
    extra = sum(len(n) - 1 for n in dups)
    return [Finding("duplicate_materials", "info", extra,
                    f"{extra} material{'s are' if extra != 1 else ' is'} identical to another "
                    f"({' = '.join(repr(n) for n in dups[0])}); merging them saves draw calls.",
                    "merge them into one material", [{"materials": names} for names in dups[:20]])]
