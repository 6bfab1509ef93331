"""Tableware and kitchen: mugs, and (later) plates, bowls, bottles, pots."""
