"""Geometry toolkit: the parts kit generators are written with (see docs/architecture.md)."""
