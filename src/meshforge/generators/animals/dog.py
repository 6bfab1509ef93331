"""Dog: a stylized dog on the quadruped body plan: floppy ears, a longer muzzle with a black nose, a
tail carried up, white chest and paws (a friendly retriever/beagle type).

Default: 0.8 m from nose to rump, about 0.55 m at the shoulder.
"""

from __future__ import annotations

import numpy as np

from meshforge.generators.animals._quadruped import (
    EYE_SLOT,
    Layout,
    Plan,
    QuadrupedGenerator,
    quadruped_params,
)
from meshforge.generators.base import SizeEnvelope, Slot, register
from meshforge.geometry import sdf


@register
class DogGenerator(QuadrupedGenerator):
    id = "dog"
    name = "Dog"
    synonyms = ("puppy", "pup", "doggy", "hound", "canine", "labrador", "retriever", "beagle", "spaniel", "mutt",
                "pooch")
    description = (
        "A stylized dog: deep chest, floppy ears, a longer muzzle with a black nose, a tail carried up, white "
        "chest and paws; standing, walking, sitting or lying, from natural to cartoon puppy."
    )
    plan = Plan(
        trunk_len=0.55, trunk_h=0.115, trunk_w=0.095, chest=1.12, rump=0.92, height=0.43,
        leg_r=0.03, thigh=1.8, foot_r=0.03, leg_x=0.6,
        neck_len=0.12, neck_angle=45, neck_r=0.06,
        head_r=0.09, head_len=1.05, snout_len=0.11, snout_r=0.056, snout_tip=0.88, snout_drop=8,
        eye_r=0.19, eye_elev=20, eye_azim=34,
        ear="oval", ear_len=0.15, ear_w=0.09, ear_thick=0.28, ear_elev=45, ear_azim=70, ear_roll=148, ear_yaw=90,
        ear_out=1.0, ear_pitch=-10,
        tail="wag", tail_len=0.33, tail_r=0.022, tail_lift=40,
    )
    params = quadruped_params(0.8, (0.3, 1.3), noun="dog")
    slots = (
        Slot("body", "fur", color="#C68E3F", words=("fur", "coat", "body", "dog"),
             colors=("#C68E3F", "#5A3A22", "#2A2522", "#E8D9B5", "#9C6B3E"), description="the dog's coat"),
        Slot("markings", "fur", color="#F4EFE6", words=("chest", "paws", "markings", "socks"),
             description="white chest and paws"),
        EYE_SLOT,
        Slot("details", "rubber", color="#1C1A1A", words=("nose",), description="the black nose"),
    )
    size = SizeEnvelope(min=(0.0634, 0.149, 0.24), max=(0.568, 1.66, 1.82))

    def marking_regions(self, g: Layout, rng: np.random.Generator) -> list[sdf.SDF]:
        plan = g.plan
        out = [sdf.ellipsoid((plan.trunk_w * 0.8, plan.trunk_h * 0.9, plan.head_r * 0.9),
                             center=g.trunk_point((0, -plan.trunk_h * 0.25, plan.trunk_len / 2 - plan.trunk_h * 0.1))),
               ]
        out += [sdf.sphere(plan.foot_r * 1.7, foot) for foot in g.feet]
        return out
