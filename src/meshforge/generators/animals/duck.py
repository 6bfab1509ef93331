"""Duck: a stylized duck on the bird body plan: a boat-shaped body, a round head on a short upright neck,
a flat orange bill, folded wings, a perky tail and orange webbed feet.

Default: 0.5 m from bill to tail.
"""

from __future__ import annotations

from meshforge.generators.animals._bird import EYE_SLOT, BirdGenerator, BirdPlan, bird_params
from meshforge.generators.base import SizeEnvelope, Slot, register


@register
class DuckGenerator(BirdGenerator):
    id = "duck"
    name = "Duck"
    synonyms = ("duckling", "mallard", "drake", "pekin duck", "farm duck", "ducky", "waterfowl", "goose")
    description = (
        "A stylized duck: a boat-shaped body with folded wings and a perky tail, a round head on a short upright "
        "neck, a flat orange bill and orange webbed feet; standing, wings spread or sitting (swimming)."
    )
    plan = BirdPlan(
        body_len=1.0, body_w=0.3, body_h=0.26, body_pitch=6,
        neck_len=0.24, neck_r=0.11, neck_angle=80, head_r=0.17,
        beak="flat", beak_len=0.22, beak_r=0.075, beak_drop=4, eye_r=0.15, eye_elev=22, eye_azim=55,
        wing_len=0.62, wing_w=0.34, tail_len=0.22, tail_w=0.26, tail_lift=35,
        leg_len=0.16, leg_r=0.025, leg_x=0.12, toe_len=0.17, webbed=True, length_is_size=True,
    )
    params = bird_params(0.5, (0.15, 0.9), noun="duck", measure="length from bill to tail", cartoon=0.35)
    slots = (
        Slot("body", "feathers", color="#F5F2E9", words=("feathers", "body", "plumage", "duck"),
             colors=("#F5F2E9", "#F2D64B", "#8A6A4A", "#FFFFFF"), description="plumage"),
        Slot("markings", "feathers", color="#2F6B3A", words=("head", "markings"), description="head markings"),
        EYE_SLOT,
        Slot("details", "plastic", color="#F2992E", words=("bill", "beak", "feet", "legs"), description="bill and feet"),
    )
    size = SizeEnvelope(min=(0.0445, 0.0669, 0.107), max=(1.24, 0.957, 1.21))
