"""Core types: :class:`Model`, :class:`Part`, :class:`Material`, :class:`Texture`, :class:`Recipe`."""

from meshforge.core.errors import (
    FileAccessError,
    FormatError,
    InvalidFileError,
    MeshforgeError,
    ParameterError,
    UnknownGeneratorError,
)
from meshforge.core.material import Material, Texture
from meshforge.core.model import Model, Part

__all__ = [
    "FileAccessError",
    "FormatError",
    "InvalidFileError",
    "Material",
    "MeshforgeError",
    "Model",
    "ParameterError",
    "Part",
    "Texture",
    "UnknownGeneratorError",
]
