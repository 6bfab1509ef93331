"""meshforge: production-ready 3D assets from words, as editable recipes."""

__version__ = "0.1.0"
