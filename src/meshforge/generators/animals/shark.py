"""Shark: a stylized shark on the fish body plan: a long torpedo body, grey back over a white belly, a
tall swept dorsal fin, big pectoral fins and a crescent tail.

Default: 2.5 m from nose to tail tip.
"""

from __future__ import annotations

from meshforge.generators.animals._fish import EYE_SLOT, FishGenerator, FishPlan, fish_params
from meshforge.generators.base import SizeEnvelope, Slot, register
from meshforge.geometry import sdf


@register
class SharkGenerator(FishGenerator):
    id = "shark"
    name = "Shark"
    synonyms = ("great white", "great white shark", "reef shark", "tiger shark", "mako", "blue shark", "jaws")
    description = (
        "A stylized shark: a long torpedo body with a grey back and white belly, a tall swept-back dorsal fin, big "
        "pectoral fins and a crescent tail; swimming straight or turning, natural to cartoon."
    )
    plan = FishPlan(
        body_len=0.8, depth=0.1, width=0.095, head=0.64, stock=0.03, tail_len=0.24,
        dorsal=0.17, dorsal_len=0.16, dorsal_at=0.04, dorsal_sweep=-42, pectoral=0.15, anal=0.05,
        eye_r=0.14, eye_at=0.88,
    )
    params = fish_params(2.5, (0.8, 6.0), noun="shark", tail="lunate", cartoon=0.2)
    slots = (
        Slot("body", "skin", color="#6F8090", words=("skin", "body", "back", "shark"),
             colors=("#6F8090", "#5D6B78", "#7C8C99", "#4F6272"), description="grey back and fins"),
        Slot("markings", "skin", color="#EEF0F0", words=("belly", "underside", "white"), description="white belly"),
        EYE_SLOT,
    )
    size = SizeEnvelope(min=(0.274, 0.213, 0.561), max=(6.32, 5.32, 8.59))

    def marking_regions(self, plan: FishPlan, min_t: float) -> list[sdf.SDF]:
        return [sdf.ellipsoid((plan.width * 2, plan.depth * 0.75, plan.body_len * 0.52),
                              center=(0, -plan.depth * 0.85, plan.body_len * 0.05))]
