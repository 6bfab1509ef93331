"""Mechanical parts for manufacturing: gears, fasteners, brackets, enclosures, pipe fittings."""
