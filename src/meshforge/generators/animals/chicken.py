"""Chicken: a stylized hen on the bird body plan: a plump tilted body, an upturned tail fan, a red comb and
wattle, a short yellow beak and yellow three-toed feet.

Default: 0.45 m tall.
"""

from __future__ import annotations

import numpy as np

from meshforge.generators.animals._bird import EYE_SLOT, BirdGenerator, BirdLayout, BirdPlan, bird_params
from meshforge.generators.base import SizeEnvelope, Slot, register
from meshforge.geometry import sdf


@register
class ChickenGenerator(BirdGenerator):
    id = "chicken"
    name = "Chicken"
    synonyms = ("hen", "rooster", "cockerel", "chick", "poultry", "cock", "bantam", "fowl")
    description = (
        "A stylized hen: a plump tilted body with folded wings and an upturned tail fan, a red comb and wattle, a "
        "short yellow beak and yellow three-toed feet; standing, wings spread or sitting (nesting)."
    )
    plan = BirdPlan(
        body_len=1.0, body_w=0.32, body_h=0.34, body_pitch=22,
        neck_len=0.3, neck_r=0.13, neck_angle=72, head_r=0.16,
        beak="cone", beak_len=0.12, beak_r=0.06, beak_drop=18, eye_r=0.16, eye_elev=25, eye_azim=60,
        wing_len=0.55, wing_w=0.42, tail_len=0.45, tail_w=0.3, tail_lift=62,
        leg_len=0.36, leg_r=0.03, leg_x=0.12, toe_len=0.15,
    )
    params = bird_params(0.45, (0.15, 0.8), noun="chicken", cartoon=0.3)
    slots = (
        Slot("body", "feathers", color="#B5651D", words=("feathers", "body", "plumage", "chicken", "hen"),
             colors=("#B5651D", "#F4F1EA", "#8B4513", "#2B2B2B", "#D9A05B"), description="plumage"),
        Slot("markings", "skin", color="#D42A2A", words=("comb", "wattle", "crest"), description="red comb and wattle"),
        EYE_SLOT,
        Slot("details", "plastic", color="#EDB33B", words=("beak", "legs", "feet"), description="beak and feet"),
    )
    size = SizeEnvelope(min=(0.0441, 0.0959, 0.0845), max=(1.01, 1.12, 0.975))

    def _comb(self, g: BirdLayout) -> list[tuple[sdf.SDF, float]]:
        hr = g.plan.head_r
        out = []
        for i, dz in enumerate((0.35, 0.0, -0.35)):
            r = hr * (0.32 if i == 1 else 0.27)
            c = g.head_c + np.array([0, hr * 0.95 + r * 0.2, dz * hr])
            out.append((sdf.ellipsoid((r * 0.45, r, r * 0.8), center=c), r * 0.4))
        wattle = sdf.ellipsoid((hr * 0.2, hr * 0.32, hr * 0.2), center=g.beak_a + np.array([0, -hr * 0.45, -hr * 0.05]))
        out.append((wattle, hr * 0.2))
        return out

    def extra_shapes(self, g: BirdLayout) -> list[tuple[sdf.SDF, float]]:
        return self._comb(g)

    def marking_regions(self, g: BirdLayout) -> list[sdf.SDF]:
        hr = g.plan.head_r
        return [sdf.ellipsoid((hr * 0.6, hr * 0.75, hr * 0.8), center=g.head_c + np.array([0, hr * 1.15, 0])),
                sdf.sphere(hr * 0.42, g.beak_a + np.array([0, -hr * 0.5, -hr * 0.05]))]
