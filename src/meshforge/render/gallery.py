"""Catalog gallery: every generator at its defaults and a few seeds, one labelled row each.

This is how the catalog is reviewed by eye (``meshforge gallery --out gallery.png``): rows are
generators, columns are the default recipe then seeds 0..N-1, every tile rendered from the same
three-quarter view with its size in meters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PIL import Image, ImageDraw

from meshforge.core.model import Model
from meshforge.render.sheet import _MIN_TEXT, _font, _label_tile, _meters, thumbnail

_BACKGROUND = (246, 246, 244)
_TEXT = (30, 32, 36)
_MUTED = (100, 104, 112)


def gallery_sheet(
    rows: Sequence[tuple[str, Sequence[tuple[str, Model]]]],
    *,
    tile: int = 256,
    on_tile: Callable[[str, str], None] | None = None,
) -> Image.Image:
    """Render a grid: one row per ``(row title, [(column label, model), ...])``.

    Args:
        rows: the rows in order; rows may have different lengths.
        tile: side of each rendered tile in pixels.
        on_tile: called with (row title, column label) after each render (progress reporting).
    """
    if not rows:
        raise ValueError("gallery needs at least one row")
    cols = max(len(items) for _, items in rows)
    gap = max(6, tile // 40)
    label_w = max(140, tile * 3 // 5)
    width = label_w + cols * (tile + gap) + gap
    height = gap + len(rows) * (tile + gap)
    sheet = Image.new("RGB", (width, height), _BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    title_font = _font(max(_MIN_TEXT + 4, tile // 12))
    info_font = _font(max(_MIN_TEXT, tile // 20))
    for r, (title, items) in enumerate(rows):
        y = gap + r * (tile + gap)
        draw.text((gap * 2, y + tile // 3), title, font=title_font, fill=_TEXT)
        for c, (label, model) in enumerate(items):
            w, h, d = model.extents
            image = thumbnail(model, tile)
            image = _label_tile(image, f"{label} · {_meters(w)} x {_meters(h)} x {_meters(d)} m")
            sheet.paste(image, (label_w + c * (tile + gap), y))
            if on_tile is not None:
                on_tile(title, label)
        if items:
            tris = max(m.triangle_count for _, m in items)
            draw.text((gap * 2, y + tile // 3 + tile // 8), f"up to {tris:,} triangles", font=info_font, fill=_MUTED)
    return sheet
