"""Game props and weapons: barrels, crates, chests, swords, shields, potions, torches and more."""
