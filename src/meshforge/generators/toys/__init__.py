"""Toys and sports: teddy bears, balls, dice, skateboards and trophies."""
