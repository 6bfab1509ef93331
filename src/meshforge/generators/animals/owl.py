"""Owl: a stylized owl on the bird body plan: an upright egg body, a big round head with pale facial
discs, huge forward-facing eyes, ear tufts, a small hooked beak and short feathered feet.

Default: 0.5 m tall.
"""

from __future__ import annotations

import numpy as np

from meshforge.generators.animals import _soft as soft
from meshforge.generators.animals._bird import EYE_SLOT, BirdGenerator, BirdLayout, BirdPlan, bird_params
from meshforge.generators.base import SizeEnvelope, Slot, register
from meshforge.geometry import sdf


@register
class OwlGenerator(BirdGenerator):
    id = "owl"
    name = "Owl"
    synonyms = ("barn owl", "horned owl", "great horned owl", "owlet", "tawny owl", "snowy owl", "hoot owl")
    description = (
        "A stylized owl: an upright egg-shaped body with folded wings, a big round head with pale facial discs, "
        "huge forward-facing eyes, ear tufts, a small hooked beak and short feet; perched, wings spread or sitting."
    )
    plan = BirdPlan(
        body_len=1.0, body_w=0.38, body_h=0.36, body_pitch=78,
        neck_len=0.04, neck_r=0.28, neck_angle=90, head_r=0.34,
        beak="hook", beak_len=0.07, beak_r=0.05, beak_drop=30, eye_r=0.27, eye_elev=12, eye_azim=27,
        wing_len=0.75, wing_w=0.48, tail_len=0.22, tail_w=0.3, tail_lift=-40,
        leg_len=0.1, leg_r=0.04, leg_x=0.14, toe_len=0.12,
    )
    params = bird_params(0.5, (0.15, 0.8), noun="owl", cartoon=0.35)
    slots = (
        Slot("body", "feathers", color="#8B6B4A", words=("feathers", "body", "plumage", "owl"),
             colors=("#8B6B4A", "#A07850", "#F2F0EA", "#6B5A48", "#C49A6C"), description="plumage"),
        Slot("markings", "feathers", color="#EADCC2", words=("face", "belly", "markings", "facial disc"),
             description="pale face and belly"),
        EYE_SLOT,
        Slot("details", "plastic", color="#D9A93A", words=("beak", "feet", "talons"), description="beak and feet"),
    )
    size = SizeEnvelope(min=(0.0548, 0.0981, 0.0584), max=(1.12, 1.04, 0.622))

    def extra_shapes(self, g: BirdLayout) -> list[tuple[sdf.SDF, float]]:
        hr = g.plan.head_r
        out = []
        for sgn in (1, -1):
            at = g.head_c + np.array([sgn * hr * 0.55, hr * 0.7, 0.0])
            tuft = soft.blade(hr * 0.75, hr * 0.42, hr * 0.14, tip=0.15, min_thickness=g.min_t)
            out.append((soft.place(tuft, at, roll=sgn * 32.0, pitch=-8.0), hr * 0.12))
        return out

    def marking_regions(self, g: BirdLayout) -> list[sdf.SDF]:
        plan = g.plan
        hr = plan.head_r
        discs = [sdf.sphere(hr * 0.5, g.head_c + soft.direction(plan.eye_elev - 5, sgn * plan.eye_azim) * hr * 1.05)
                 for sgn in (1, -1)]
        belly = sdf.ellipsoid((plan.body_w * 0.8, plan.body_len * 0.4, plan.body_h * 0.9),
                              center=g.body_point((0, -plan.body_h * 0.85, -plan.body_len * 0.1)))
        return [*discs, belly]
