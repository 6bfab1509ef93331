"""Food: fruit, vegetables, baked goods, sweets and dishes."""
