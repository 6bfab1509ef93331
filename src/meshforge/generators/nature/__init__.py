"""Nature: trees, plants, flowers, rocks, cliffs and terrain."""
