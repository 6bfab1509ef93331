"""Flamingo: a stylized pink flamingo on the bird body plan: an oval body on very long thin legs, a long
S-curved neck, a small head with a bent black-tipped beak.

Default: 1.3 m tall.
"""

from __future__ import annotations

from meshforge.generators.animals._bird import EYE_SLOT, BirdGenerator, BirdLayout, BirdPlan, bird_params
from meshforge.generators.base import SizeEnvelope, Slot, register
from meshforge.geometry import sdf


@register
class FlamingoGenerator(BirdGenerator):
    id = "flamingo"
    name = "Flamingo"
    synonyms = ("pink flamingo", "lawn flamingo", "greater flamingo", "wading bird")
    description = (
        "A stylized pink flamingo: an oval body on very long thin legs with webbed feet, a long S-curved neck and "
        "a small head with a bent, black-tipped beak; standing, wings spread or sitting."
    )
    plan = BirdPlan(
        body_len=1.0, body_w=0.24, body_h=0.24, body_pitch=12,
        neck_len=1.05, neck_r=0.055, neck_angle=84, neck_s=0.32, head_r=0.1,
        beak="hook", beak_len=0.17, beak_r=0.055, beak_drop=25, eye_r=0.2, eye_elev=25, eye_azim=62,
        wing_len=0.7, wing_w=0.36, tail_len=0.28, tail_w=0.22, tail_lift=5,
        leg_len=1.55, leg_r=0.022, leg_x=0.08, toe_len=0.12, webbed=True,
    )
    params = bird_params(1.3, (0.4, 1.6), noun="flamingo", cartoon=0.25)
    slots = (
        Slot("body", "feathers", color="#F48FB1", words=("feathers", "body", "plumage", "flamingo", "pink"),
             colors=("#F48FB1", "#F7A1C0", "#EE7FA3", "#F9B6A8"), description="pink plumage and legs"),
        Slot("markings", "feathers", color="#E2577F", words=("tail", "tail feathers", "markings"), description="dark pink tail feathers"),
        EYE_SLOT,
        Slot("details", "plastic", color="#1E1A1C", words=("beak tip", "beak"), description="black beak tip"),
    )
    size = SizeEnvelope(min=(0.0481, 0.151, 0.123), max=(1.42, 2.4, 1.35))

    def marking_regions(self, g: BirdLayout) -> list[sdf.SDF]:
        plan = g.plan
        return [sdf.ellipsoid((plan.body_w * 1.5, plan.body_h * 0.9, plan.body_len * 0.32),
                              center=g.body_point((0, plan.body_h * 0.2, -plan.body_len * 0.5)))]

    def detail_regions(self, g: BirdLayout) -> list[sdf.SDF]:
        plan = g.plan
        return [sdf.sphere(plan.beak_len * 0.55, g.beak_b + (g.beak_b - g.beak_a) * 0.1 - [0, plan.beak_len * 0.4, 0])]
