"""Thumbnails and labelled contact sheets (turntable views of one model on a single PNG).

Text uses Pillow's built-in font (``ImageFont.load_default(size=...)``, Pillow >= 10.1), so no font file is
needed; older Pillow falls back to its fixed bitmap font.
"""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from meshforge.core.model import Model
from meshforge.render.renderer import render_model, render_views

#: Names of the views whose yaw is a multiple of 45 degrees (yaw 0 looks from +Z, 90 from +X).
VIEW_NAMES = {
    0: "front",
    45: "front-right",
    90: "right",
    135: "back-right",
    180: "back",
    225: "back-left",
    270: "left",
    315: "front-left",
}
#: Most views a contact sheet accepts.
MAX_VIEWS = 12
#: Grid columns for each number of views (rows follow).
_COLUMNS = {1: 1, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3, 7: 4, 8: 4, 9: 3, 10: 4, 11: 4, 12: 4}

_SHEET_COLOR = (250, 250, 251)
_TITLE_COLOR = (28, 30, 34)
_INFO_COLOR = (92, 96, 104)
_LABEL_COLOR = (44, 47, 54)
_RULE_COLOR = (222, 224, 228)
#: Smallest text size: the built-in font loses its spaces to hinting at 10 and 11 px.
_MIN_TEXT = 12


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, ImportError, OSError):  # Pillow < 10.1 or no FreeType: fixed bitmap font
        return ImageFont.load_default()


def _fitted_font(
    draw: ImageDraw.ImageDraw, text: str, size: int, max_width: int
) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    """The default font at ``size`` or smaller (down to :data:`_MIN_TEXT`) so ``text`` fits ``max_width``."""
    font = _font(size)
    while size > _MIN_TEXT and draw.textlength(text, font=font) > max_width:
        size -= 1
        font = _font(size)
    return font


def _wrap(
    draw: ImageDraw.ImageDraw, pieces: list[str], font: ImageFont.FreeTypeFont, max_width: int
) -> list[str]:
    """Join ``pieces`` with `` · `` into as few lines as fit ``max_width`` (a piece never splits)."""
    lines: list[str] = []
    for piece in pieces:
        joined = f"{lines[-1]} · {piece}" if lines else piece
        if lines and draw.textlength(joined, font=font) <= max_width:
            lines[-1] = joined
        else:
            lines.append(piece)
    return lines


def view_label(yaw_deg: float) -> str:
    """``"front · 0°"`` for named directions, ``"yaw 30°"`` otherwise."""
    yaw = yaw_deg % 360.0
    rounded = round(yaw, 6)
    name = VIEW_NAMES.get(int(rounded)) if float(rounded).is_integer() else None
    angle = f"{rounded:g}°"
    return f"{name} · {angle}" if name else f"yaw {angle}"


def _meters(value: float) -> str:
    """Three significant digits, never in exponent notation (``0.45``, ``1.2``, ``0.0125``)."""
    return np.format_float_positional(float(value), precision=3, unique=True, fractional=False, trim="-")


def _caption_pieces(model: Model) -> list[str]:
    tris = model.triangle_count
    parts = len(model.parts)
    w, h, d = (float(x) for x in model.extents)
    return [
        f"{tris:,} triangle{'s' if tris != 1 else ''}",
        f"{parts} part{'s' if parts != 1 else ''}",
        f"W {_meters(w)} x H {_meters(h)} x D {_meters(d)} m",
    ]


def model_caption(model: Model) -> str:
    """``"1,234 triangles · 3 parts · W 0.6 x H 0.5 x D 0.95 m"`` (size of the bounding box in meters)."""
    return " · ".join(_caption_pieces(model))


def thumbnail(
    model: Model, size: int = 256, *, yaw_deg: float = 35.0, pitch_deg: float = 25.0
) -> Image.Image:
    """A square RGB preview of ``size`` pixels from the default three-quarter view."""
    if size < 16:
        raise ValueError(f"thumbnail size must be at least 16 pixels, got {size}")
    return render_model(model, width=size, height=size, yaw_deg=yaw_deg, pitch_deg=pitch_deg)


def _label_tile(tile: Image.Image, text: str) -> Image.Image:
    """Write ``text`` on a translucent pill in the tile's bottom-left corner."""
    side = tile.width
    pad = max(4, side // 48)
    overlay = Image.new("RGBA", tile.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    size = max(_MIN_TEXT, side // 26)
    if draw.textlength(text, font=_font(size)) > side - 4 * pad:
        text = text.rsplit(" ", 1)[-1]  # small tiles: the angle alone
    font = _fitted_font(draw, text, size, side - 4 * pad)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    box_w, box_h = right - left + 2 * pad, bottom - top + pad + pad // 2
    x0, y0 = pad, tile.height - pad - box_h
    draw.rounded_rectangle((x0, y0, x0 + box_w, y0 + box_h), radius=box_h // 2, fill=(255, 255, 255, 190))
    draw.text((x0 + pad - left, y0 + (box_h - (bottom - top)) // 2 - top), text, font=font, fill=_LABEL_COLOR)
    return Image.alpha_composite(tile.convert("RGBA"), overlay).convert("RGB")


def contact_sheet(
    model: Model, views: int = 4, tile: int = 384, title: str | None = None, *, pitch_deg: float = 25.0
) -> Image.Image:
    """``views`` turntable renders of ``model`` in a labelled grid under a header.

    Views are evenly spaced in yaw starting at the front (4 views: front, right, back, left), all at
    ``pitch_deg`` and at one scale. The header shows ``title`` (default: the model's name), the triangle
    and part counts and the size in meters (width X, height Y, depth Z).

    Args:
        model: the model to show.
        views: number of views, 1..12.
        tile: side of each square view in pixels (64..2048).
        title: header title; None uses ``model.name``.
        pitch_deg: camera elevation of every view.
    """
    if not 1 <= views <= MAX_VIEWS:
        raise ValueError(f"views must be 1..{MAX_VIEWS}, got {views}")
    if not 64 <= tile <= 2048:
        raise ValueError(f"tile must be 64..2048 pixels, got {tile}")
    yaws = [360.0 * i / views for i in range(views)]
    frames = render_views(model, [(yaw, pitch_deg) for yaw in yaws], width=tile, height=tile)

    cols = _COLUMNS[views]
    rows = math.ceil(views / cols)
    gap = max(6, tile // 48)
    margin = 2 * gap
    width = 2 * margin + cols * tile + (cols - 1) * gap
    title_size = max(16, tile // 13)
    info_size = max(_MIN_TEXT + 1, tile // 24)
    text_width = width - 2 * margin
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    heading = model.name if title is None else title
    title_font = _fitted_font(measure, heading, title_size, text_width)
    info_font = _font(info_size)
    info_lines = _wrap(measure, _caption_pieces(model), info_font, text_width)
    line_height = round(info_size * 1.3)
    header = margin + title_size + gap + len(info_lines) * line_height + margin
    height = header + rows * tile + (rows - 1) * gap + margin

    sheet = Image.new("RGB", (width, height), _SHEET_COLOR)
    draw = ImageDraw.Draw(sheet)
    draw.text((margin, margin), heading, font=title_font, fill=_TITLE_COLOR)
    for i, line in enumerate(info_lines):
        draw.text(
            (margin, margin + title_size + gap + i * line_height), line, font=info_font, fill=_INFO_COLOR
        )
    draw.line((margin, header - gap, width - margin, header - gap), fill=_RULE_COLOR, width=1)

    for i, (yaw, frame) in enumerate(zip(yaws, frames, strict=True)):
        row, col = divmod(i, cols)
        x = margin + col * (tile + gap)
        y = header + row * (tile + gap)
        sheet.paste(_label_tile(frame, view_label(yaw)), (x, y))
    return sheet


def save_image(image: Image.Image, path: str | os.PathLike[str]) -> Path:
    """Write ``image`` as PNG at ``path`` atomically: a temporary file in the same folder, then a rename.

    Readers never see a partial file; on failure the old file (if any) is left untouched. Missing parent
    folders are created. Returns the path written.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            image.save(handle, format="PNG")
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return target
