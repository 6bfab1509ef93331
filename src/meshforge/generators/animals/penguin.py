"""Penguin: a stylized penguin on the bird body plan: an upright black egg body with a white belly and
face, flipper wings, a short orange beak and orange webbed feet.

Default: 0.7 m tall.
"""

from __future__ import annotations

import numpy as np

from meshforge.generators.animals._bird import EYE_SLOT, BirdGenerator, BirdLayout, BirdPlan, bird_params
from meshforge.generators.base import SizeEnvelope, Slot, register
from meshforge.geometry import sdf


@register
class PenguinGenerator(BirdGenerator):
    id = "penguin"
    name = "Penguin"
    synonyms = ("emperor penguin", "king penguin", "adelie penguin", "little penguin", "penguin chick", "pingu")
    description = (
        "A stylized penguin: an upright black egg-shaped body with a white belly and face, flipper wings, a short "
        "orange beak and orange webbed feet; standing, flippers out or sitting on its belly."
    )
    plan = BirdPlan(
        body_len=1.0, body_w=0.34, body_h=0.33, body_pitch=84,
        neck_len=0.06, neck_r=0.25, neck_angle=90, head_r=0.24,
        beak="cone", beak_len=0.16, beak_r=0.05, beak_drop=12, eye_r=0.15, eye_elev=20, eye_azim=36,
        wing_len=0.6, wing_w=0.2, wing_out=24, tail_len=0.12, tail_w=0.2, tail_lift=-75,
        leg_len=0.06, leg_r=0.05, leg_x=0.13, toe_len=0.2, webbed=True,
    )
    params = bird_params(0.7, (0.2, 1.3), noun="penguin", cartoon=0.35)
    slots = (
        Slot("body", "feathers", color="#1E1F26", words=("feathers", "body", "back", "penguin"),
             colors=("#1E1F26", "#2B2F3A", "#3A3F4A"), description="black back and head"),
        Slot("markings", "feathers", color="#F4F2EC", words=("belly", "face", "front", "white"),
             description="white belly and face"),
        EYE_SLOT,
        Slot("details", "plastic", color="#F08A24", words=("beak", "feet"), description="beak and feet"),
    )
    size = SizeEnvelope(min=(0.0713, 0.127, 0.0818), max=(1.74, 1.57, 1.08))

    def marking_regions(self, g: BirdLayout) -> list[sdf.SDF]:
        plan = g.plan
        hr = plan.head_r
        belly = sdf.ellipsoid((plan.body_w * 0.8, plan.body_len * 0.44, plan.body_h * 0.9),
                              center=g.body_point((0, -plan.body_h * 0.75, -plan.body_len * 0.02)))
        face = sdf.ellipsoid((hr * 0.75, hr * 0.6, hr * 0.6), center=g.head_c + np.array([0, -hr * 0.25, hr * 0.6]))
        return [belly, face]
