"""Decor and lighting: lamps, candles, vases, frames, clocks, lanterns."""
