"""Budgets per target profile and the ``over_budget`` check.

One asset's share of a frame on each kind of target. The numbers are conservative defaults drawn from
public platform guidance (Apple AR Quick Look: 100k polygons and 2048 px textures; Meta Quest and
mobile engine guidance: tens of thousands of triangles and few draw calls per object; web glTF
viewers: downloads of a few MB). ``draw_calls`` counts one per part, since every meshforge part is one
mesh with one material (draw calls = materials x meshes). ``None`` means "not limited on this target".

An over-budget metric is a warning, and an error when it is more than :data:`ERROR_FACTOR` times the
budget.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from meshforge.quality.findings import Finding
from meshforge.quality.registry import check

if TYPE_CHECKING:
    from meshforge.core.model import Model
    from meshforge.quality.context import Context


@dataclass(frozen=True)
class Budget:
    """Limits of one target profile.

    Attributes:
        triangles: most triangles (LOD0).
        vertices: most render vertices (after seam splits, what the GPU stores).
        draw_calls: most draw calls (parts x materials).
        texture_px: largest texture side in pixels.
        file_mb: largest file in megabytes (1,000,000 bytes).
        min_texels_per_m: least texture density on the surface (pixels per meter) before it looks blurry.
        description: who the profile is for.
    """

    triangles: int | None
    vertices: int | None
    draw_calls: int | None
    texture_px: int | None
    file_mb: float | None
    min_texels_per_m: float | None
    description: str

    def to_dict(self) -> dict:
        return asdict(self)


#: Target profiles by name (``--profile``).
PROFILES: dict[str, Budget] = {
    "mobile": Budget(50_000, 75_000, 16, 1024, 10, 128, "phones and tablets (Unity/Unreal mobile)"),
    "web": Budget(100_000, 150_000, 32, 2048, 15, 256, "browsers (three.js, model-viewer, Babylon.js)"),
    "desktop": Budget(1_000_000, 1_500_000, 128, 4096, 200, 256, "desktop apps and PC games (default)"),
    "console": Budget(500_000, 750_000, 64, 4096, 200, 512, "console games (one hero asset)"),
    "vr": Budget(100_000, 150_000, 32, 2048, 50, 512, "standalone VR headsets (Meta Quest class)"),
    "ar": Budget(100_000, 150_000, 32, 2048, 25, 256, "AR viewers (AR Quick Look, Scene Viewer)"),
    "print": Budget(2_000_000, None, None, None, 256, None, "FDM 3D printing (millimetres, slicers)"),
}
#: Over this many times the budget, an over-budget metric is an error rather than a warning.
ERROR_FACTOR = 2.0


def _k(n: float) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f}M".replace(".0M", "M")
    if n >= 10_000:
        return f"{n / 1000:.0f}k"
    return f"{n:,.0f}"


def model_metrics(model: Model, ctx: Context) -> dict:
    """Triangles, vertices, draw calls, largest texture side and file size of a model."""
    textures = [t for m in model.materials for t in m.textures.values()]
    sides = [max(ctx.texture_size(t)) for t in textures]
    return {
        "triangles": sum(g.part.mesh.triangle_count for g in ctx.parts),
        "vertices": sum(g.part.mesh.vertex_count for g in ctx.parts),
        "draw_calls": len(ctx.parts),
        "materials": len({g.part.material.name for g in ctx.parts}),
        "texture_px": max(sides) if sides else 0,
        "file_mb": None if ctx.options.file_bytes is None else round(ctx.options.file_bytes / 1e6, 3),
    }


@check("over_budget", "budget", "Triangles, vertices, draw calls, texture size or file size over the profile's budget.")
def check_over_budget(model: Model, ctx: Context) -> list[Finding]:
    m = model_metrics(model, ctx)
    budget = ctx.budget
    ctx.metrics["budget"] = {"profile": ctx.profile, **budget.to_dict()}
    p = ctx.profile
    lod = f"run `meshforge lod --profile {p}`"
    suggestions = {
        "triangles": lod,
        "vertices": f"{lod} (fewer triangles and UV seams mean fewer vertices)",
        "draw_calls": ("merge parts that share a material" + (f" ({m['draw_calls']} parts use {m['materials']} "
                       f"material{'s' if m['materials'] != 1 else ''})" if m["materials"] < m["draw_calls"] else "")),
        "texture_px": f"downscale textures to at most {budget.texture_px} px",
        "file_mb": f"{lod}, or export GLB with mesh compression",
    }
    words = {"triangles": "triangles", "vertices": "vertices", "draw_calls": "draw calls",
             "texture_px": "px textures", "file_mb": "MB file"}
    out = []
    for key, word in words.items():
        limit, value = getattr(budget, key), m[key]
        if limit is None or value is None or value <= limit:
            continue
        severity = "error" if value > ERROR_FACTOR * limit else "warning"
        shown = (f"{value:,.1f}" if key == "file_mb" else _k(value), f"{limit:g}" if key == "file_mb" else _k(limit))
        out.append(Finding("over_budget", severity, round(value),
                           f"{shown[0]} {word} is over the {p} budget of {shown[1]}.",
                           suggestions[key], [{"metric": key, "value": value, "budget": limit}]))
    return out
