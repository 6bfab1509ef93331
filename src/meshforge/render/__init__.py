"""Previews without a GPU or a display: shaded renders, thumbnails and contact sheets (moderngl on EGL)."""

from meshforge.render.renderer import (
    DEFAULT_BACKGROUND,
    Camera,
    RenderUnavailableError,
    frame_cylinder,
    render_model,
    render_views,
)
from meshforge.render.sheet import contact_sheet, model_caption, save_image, thumbnail, view_label

__all__ = [
    "DEFAULT_BACKGROUND",
    "Camera",
    "RenderUnavailableError",
    "contact_sheet",
    "frame_cylinder",
    "model_caption",
    "render_model",
    "render_views",
    "save_image",
    "thumbnail",
    "view_label",
]
