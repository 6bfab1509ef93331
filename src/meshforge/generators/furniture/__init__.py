"""Furniture: chairs, tables, and (later) sofas, beds, shelves, cabinets."""
