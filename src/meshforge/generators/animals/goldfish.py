"""Goldfish: a stylized orange goldfish on the fish body plan: a deep rounded body, a big fan tail (or
forked, veil or lunate), a tall dorsal fin and big eyes.

Default: 12 cm from nose to tail tip.
"""

from __future__ import annotations

from meshforge.generators.animals._fish import EYE_SLOT, FishGenerator, FishPlan, fish_params
from meshforge.generators.base import SizeEnvelope, Slot, register
from meshforge.geometry import sdf


@register
class GoldfishGenerator(FishGenerator):
    id = "goldfish"
    name = "Goldfish"
    synonyms = ("fish", "gold fish", "koi", "carp", "fancy goldfish", "aquarium fish", "pet fish", "fishy")
    description = (
        "A stylized orange goldfish: a deep rounded body with a pale belly, a big fan, forked, veil or lunate tail "
        "fin, a tall dorsal fin, pectoral and anal fins and big glossy eyes; swimming straight or turning."
    )
    plan = FishPlan(
        body_len=0.66, depth=0.18, width=0.1, head=0.58, stock=0.05, tail_len=0.4,
        dorsal=0.17, dorsal_len=0.3, dorsal_at=0.06, dorsal_sweep=-40, pectoral=0.1, anal=0.09,
        eye_r=0.19, eye_at=0.82,
    )
    params = fish_params(0.12, (0.03, 0.4), noun="goldfish", tail="fan", cartoon=0.25)
    slots = (
        Slot("body", "skin", color="#F28C28", words=("scales", "body", "fish", "skin"),
             colors=("#F28C28", "#E8641C", "#F5B041", "#F4F1EA", "#D9381E"), choices=("skin", "scales"), description="orange scales and fins"),
        Slot("markings", "skin", color="#F7C77E", words=("belly", "markings"), description="pale belly"),
        EYE_SLOT,
    )
    size = SizeEnvelope(min=(0.00791, 0.012, 0.0188), max=(0.288, 0.478, 0.551))

    def marking_regions(self, plan: FishPlan, min_t: float) -> list[sdf.SDF]:
        return [sdf.ellipsoid((plan.width * 2, plan.depth * 0.55, plan.body_len * 0.36),
                              center=(0, -plan.depth * 0.9, plan.body_len * 0.08))]
