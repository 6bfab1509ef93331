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
    rows: Sequence[tuple[str, Sequence[tuple[str, Model | Callable[[], Model]]]]],
    *,
    tile: int = 256,
    columns: int = 1,
    on_tile: Callable[[str, str], None] | None = None,
) -> Image.Image:
    """Render a grid of labelled blocks: one block per ``(title, [(column label, model), ...])``.

    Each tile shows its size in meters (width x height x depth); the first column of the catalog gallery
    is the generator's defaults, the others seeded variations.

    Args:
        rows: the blocks in order; a model may be given as a zero-argument callable that builds it, so a
            whole catalog never sits in memory at once (each is built, rendered and dropped).
        tile: side of each rendered tile in pixels.
        columns: blocks side by side (a catalog of 150 generators reads best in 3 or 4 columns).
        on_tile: called with (title, column label) after each render (progress reporting).
    """
    if not rows:
        raise ValueError("gallery needs at least one row")
    if columns < 1:
        raise ValueError("columns must be >= 1")
    cols = max(len(items) for _, items in rows)
    gap = max(6, tile // 40)
    head = max(_MIN_TEXT + 10, tile // 7)  # title line above each block's tiles
    block_w = cols * (tile + gap)
    block_h = head + tile + gap
    n_rows = -(-len(rows) // columns)
    width = gap + columns * (block_w + 2 * gap)
    height = gap + n_rows * (block_h + gap)
    sheet = Image.new("RGB", (width, height), _BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    title_px, info_px = max(_MIN_TEXT + 4, tile // 11), max(_MIN_TEXT, tile // 18)
    title_font, info_font = _font(title_px), _font(info_px)
    for k, (title, items) in enumerate(rows):
        x0 = gap + (k % columns) * (block_w + 2 * gap)
        y0 = gap + (k // columns) * (block_h + gap)
        tris = 0
        for c, (label, model) in enumerate(items):
            m = model() if callable(model) else model
            tris = max(tris, m.triangle_count)
            w, h, d = m.extents
            image = thumbnail(m, tile)
            image = _label_tile(image, f"{_meters(w)}x{_meters(h)}x{_meters(d)}m")  # one word: shrinks to fit
            sheet.paste(image, (x0 + c * (tile + gap), y0 + head))
            if on_tile is not None:
                on_tile(title, label)
        draw.text((x0 + 2, y0 + 2), title, font=title_font, fill=_TEXT)
        tw = draw.textlength(title, font=title_font)
        room = block_w - gap - tw - 14
        for info in (f"{', '.join(label for label, _ in items)}; up to {tris:,} triangles",
                     f"up to {tris:,} triangles", f"{tris:,} tris"):
            if draw.textlength(info, font=info_font) <= room:  # never spill into the next block
                draw.text((x0 + tw + 14, y0 + 2 + (title_px - info_px) // 2), info, font=info_font, fill=_MUTED)
                break
    return sheet
