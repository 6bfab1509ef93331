"""Error types.

meshforge separates programmer mistakes from bad input (STYLE.md, after meshoptimizer):

* misuse of the Python API raises the builtin ``ValueError`` / ``TypeError``;
* anything that comes from outside (a file, a prompt, a CLI flag, a request) raises a subclass of
  :class:`MeshforgeError` whose message says what was wrong and what is accepted. The CLI turns these
  into a one-line message and exit code 2.
"""

from __future__ import annotations


class MeshforgeError(Exception):
    """Base class of every error caused by input from outside the library."""

    exit_code = 2


class UnknownGeneratorError(MeshforgeError):
    """A prompt or id names no registered generator."""

    def __init__(self, text: str, nearest: list[tuple[str, float]] | None = None):
        self.text = text
        self.nearest = list(nearest or [])
        near = ", ".join(f"{gid} ({score:.2f})" for gid, score in self.nearest)
        hint = f"; nearest: {near}" if near else ""
        super().__init__(
            f"no generator matches {text!r}{hint}. Run `meshforge generators` to list what can be built."
        )


class ParameterError(MeshforgeError):
    """A parameter value is unknown, mistyped or out of range."""


class FormatError(MeshforgeError):
    """A file format is unknown or unsupported for the requested operation."""


class FileAccessError(MeshforgeError):
    """A path cannot be read or written."""


class InvalidFileError(MeshforgeError):
    """A file's content is corrupt, hostile or not what its extension claims."""
