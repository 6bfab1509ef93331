"""Armchair: an upholstered single seat with arms, a padded back and a loose cushion.

Default: 0.85 m wide, 0.85 m deep, 0.92 m to the top of the back, seat at 44 cm.
"""

from __future__ import annotations

from meshforge.generators.base import SizeEnvelope, register
from meshforge.generators.furniture._upholstered import SEATING_SLOTS, UpholsteredSeating, seating_params


@register
class ArmchairGenerator(UpholsteredSeating):
    id = "armchair"
    name = "Armchair"
    family = "furniture"
    synonyms = ("recliner", "lounge chair", "easy chair", "club chair", "wingback chair", "accent chair",
                "upholstered chair", "reading chair", "fireside chair", "tub chair")
    description = (
        "An upholstered armchair or lounge chair: a padded base on short legs, square, rolled or slim arms, "
        "a high padded back with a loose back cushion, a soft seat cushion and an optional throw pillow."
    )
    tags = ("furniture", "interior", "architecture", "gaming")
    params = seating_params((0.85, 0.6, 1.3, 0.75, 0.95), 0.85, 0.92, (1, 1, 2), 0.17)
    slots = SEATING_SLOTS
    size = SizeEnvelope(min=(0.6, 0.55, 0.7), max=(1.3, 1.16, 1.1))
