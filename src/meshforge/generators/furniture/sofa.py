"""Sofa: a padded base on short legs, two arms, a back, loose seat and back cushions, throw pillows.

Default: a three-seater, 2.0 m wide, 0.88 m deep, 0.85 m to the top of the back, seat at 44 cm.
"""

from __future__ import annotations

from meshforge.generators.base import SizeEnvelope, register
from meshforge.generators.furniture._upholstered import SEATING_SLOTS, UpholsteredSeating, seating_params


@register
class SofaGenerator(UpholsteredSeating):
    id = "sofa"
    name = "Sofa"
    family = "furniture"
    synonyms = ("couch", "settee", "loveseat", "three-seater", "two-seater", "chesterfield", "divan",
                "living room sofa", "lounge")
    description = (
        "An upholstered sofa: padded base on short legs, square, rolled or slim arms (or none), a back with "
        "loose back cushions, one to four seat cushions with soft rounded edges and optional throw pillows."
    )
    tags = ("furniture", "interior", "architecture", "gaming")
    params = seating_params((2.0, 1.1, 3.2, 1.6, 2.4), 0.88, 0.85, (3, 1, 4), 0.2)
    slots = SEATING_SLOTS
    size = SizeEnvelope(min=(1.1, 0.55, 0.7), max=(3.2, 1.16, 1.1))
