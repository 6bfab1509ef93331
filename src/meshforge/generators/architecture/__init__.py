"""Architecture and building elements: houses, towers, walls, doors, windows, stairs, roofs and more."""
