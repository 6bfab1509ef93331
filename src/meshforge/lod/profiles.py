"""LOD profiles per target platform.

The budgets themselves (triangles of LOD0, largest texture side) are the quality checker's
:data:`meshforge.quality.budget.PROFILES`, imported here so that ``meshforge lod --profile X`` and
``meshforge inspect --profile X`` can never disagree. This table adds what only a chain needs:

=========  ==========  ===========  ======  ==========================================================
profile    LOD0 tris   texture px   levels  why
=========  ==========  ===========  ======  ==========================================================
mobile     50,000      1024         3       phones: few levels, small textures
web        100,000     2048         3       three.js / model-viewer downloads
desktop    1,000,000   4096         4       PC games (Unity LOD Group default of 4)
console    500,000     4096         5       one hero asset seen from far away too
vr         100,000     2048         4       Quest class; LODs matter at 72-90 fps
ar         100,000     2048         2       AR Quick Look: <= 100k polygons, 2048^2 textures
=========  ==========  ===========  ======  ==========================================================

Each level keeps ``ratio_step`` of the triangles of the level before (0.5: 100%, 50%, 25%, 12.5%, ...)
and textures halve per level down to ``min_texture_px``.
"""

from __future__ import annotations

from dataclasses import dataclass

from meshforge.core.errors import ParameterError
from meshforge.quality.budget import PROFILES, Budget


@dataclass(frozen=True)
class LodProfile:
    """A platform's LOD chain settings."""

    name: str
    #: the platform budget (triangles of LOD0, texture size, ...), shared with the quality checks.
    budget: Budget
    #: number of levels, LOD0 included.
    levels: int
    #: fraction of the previous level's triangles each level keeps.
    ratio_step: float = 0.5
    #: smallest texture side a level is downscaled to (pixels).
    min_texture_px: int = 64

    def to_dict(self) -> dict:
        return {"name": self.name, "levels": self.levels, "ratio_step": self.ratio_step,
                "triangles": self.budget.triangles, "texture_px": self.budget.texture_px,
                "min_texture_px": self.min_texture_px, "description": self.budget.description}


_LEVELS = {"mobile": 3, "web": 3, "desktop": 4, "console": 5, "vr": 4, "ar": 2}

#: LOD profiles by name (``meshforge lod --profile``).
LOD_PROFILES: dict[str, LodProfile] = {name: LodProfile(name, PROFILES[name], levels) for name, levels in _LEVELS.items()}


def lod_profile(name: str) -> LodProfile:
    """The profile called ``name``; ParameterError listing the known ones otherwise."""
    try:
        return LOD_PROFILES[name.lower()]
    except KeyError:
        raise ParameterError(f"unknown LOD profile {name!r}; profiles: {', '.join(LOD_PROFILES)}") from None
