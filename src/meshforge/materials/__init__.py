"""Named PBR material presets and procedural textures."""

from meshforge.materials.library import PRESETS, preset

__all__ = ["PRESETS", "preset"]
