"""Tin can: a lathed food can with rolled double seams at both ends, recessed ends, pressed stiffening beads,
an optional paper label wrapped round the body, an optional ring-pull tab, or opened: a hollow can with its lid
bent up on the rim and soup inside.

Default: a closed 400 g soup can, 7.4 cm across and 11 cm tall, with a red label.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.tableware._vessel import liquid_profile, shell_profile
from meshforge.geometry import csg
from meshforge.geometry import primitives as prim
from meshforge.geometry import transform as tf
from meshforge.geometry.mesh import Mesh


@register
class TinCanGenerator(Generator):
    id = "tin_can"
    name = "Tin can"
    family = "containers"
    synonyms = ("can", "soup can", "food can", "tin", "canned food", "bean can", "tomato can", "steel can",
                "canister", "cat food can", "tuna can", "empty can", "open can")
    description = (
        "A food tin can: a cylinder with rolled seams and recessed ends, pressed beads round the body, a paper "
        "label and optionally a ring-pull tab; or opened, with the cut lid bent up on the rim and food inside."
    )
    tags = ("containers", "packaging", "food", "props", "gaming", "kitchen")
    params = (
        Param("diameter", "float", 0.074, 0.04, 0.16, "m", description="can diameter",
              words=("wide", "narrow", "large", "small", "tuna"), sample_range=(0.065, 0.085)),
        Param("height", "float", 0.11, 0.03, 0.2, "m", description="can height",
              words=("tall", "short", "flat"), sample_range=(0.09, 0.125)),
        Param("beads", "int", 5, 0, 12, "count", description="pressed stiffening beads round the body",
              words=("ribbed", "beaded", "smooth", "ridges"), sample_range=(0, 7)),
        Param("label", "bool", True, description="paper label round the body", words=("label", "labelled", "unlabeled",
              "plain"), p_true=0.75),
        Param("opened", "bool", False, description="opened: lid cut and bent up, food inside",
              words=("opened", "open", "empty", "sealed", "closed"), p_true=0.3),
        Param("pull_tab", "bool", False, description="ring-pull tab on the lid (easy-open end)",
              words=("ring pull", "pull tab", "easy open"), p_true=0.4),
    )
    slots = (
        Slot("metal", "brushed_aluminium", color="#D3D6D9", words=("metal", "tin", "can", "steel"),
             choices=("brushed_aluminium", "stainless_steel", "chrome", "gold", "rusty_iron"),
             description="the can and lid"),
        Slot("label", "paper", color="#B8322A", words=("label", "paper", "wrapper"),
             colors=("#B8322A", "#2F6B3A", "#E1B12C", "#2F4A8D", "#F2F0EA", "#D2691E"), description="paper label"),
        Slot("contents", "cream", color="#C4472C", words=("soup", "food", "contents", "beans", "inside"),
             colors=("#C4472C", "#D28B3E", "#8A5A2B"), description="food inside an opened can"),
    )
    size = SizeEnvelope(min=(0.04, 0.03, 0.04), max=(0.18, 0.26, 0.26))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        R, H = p["diameter"] / 2, p["height"]
        seam = 0.0045
        ys = np.linspace(seam + 0.002, H - seam - 0.002, 60)
        rs = np.full_like(ys, R)
        nb = p["beads"]
        if nb:
            y0, y1 = 0.2 * H, 0.8 * H
            centres = np.linspace(y0, y1, nb) if nb > 1 else np.array([H / 2])
            width = min(0.0018, (y1 - y0) / max(nb, 2) * 0.25)
            rs = rs - 0.0009 * np.exp(-(((ys[:, None] - centres[None, :]) / width) ** 2)).sum(axis=1)
        side = np.stack([rs, ys], axis=1)
        bottom = [(0.0, 0.0025), (R - 0.004, 0.0025), (R - 0.0025, 0.0), (R + 0.0008, 0.0005), (R + 0.001, seam - 0.001),
                  (R, seam)]
        top_seam = [(R, H - seam), (R + 0.001, H - seam + 0.001), (R + 0.0008, H - 0.0005), (R - 0.0005, H)]
        metal = self.material("metal")
        if not p["opened"]:
            top = [(R - 0.0022, H - 0.0005), (R - 0.0032, H - 0.003), (0.0, H - 0.003)]
            prof = np.vstack([bottom, side, top_seam, top])
            can = prim.lathe(prof, segments=64, crease_deg=40.0)
            model.add("can", can, metal)
            if p["pull_tab"]:
                model.add("pull_tab", self._pull_tab(R, H - 0.003), metal)
        else:
            outer = np.vstack([bottom, side, [(R + 0.0008, H - seam + 0.0015), (R + 0.0004, H - 0.0008)]])
            wall = 0.0009
            prof = shell_profile(outer, wall, floor=0.0035)
            can = prim.lathe(prof, segments=64, crease_deg=40.0)
            model.add("can", can, metal)
            lp = liquid_profile(prof, len(outer), 0.0035, H * 0.78)
            if lp is not None:
                model.add("contents", prim.lathe(lp, segments=64), self.material("contents"))
            lid = self._lid(R - 0.0025, rng)
            ang = float(rng.uniform(60.0, 85.0))
            # hinge on the -Z rim: the lid is levered up over the opening
            lid = tf.rotate(lid.translated((0, 0, R - 0.0025)), "x", -ang)
            model.add("lid", lid.translated((0, H - 0.001, -(R - 0.0025))), metal)
        if p["label"]:
            y_a, y_b = seam + 0.004, H - seam - 0.004
            band = [(R - 0.0012, y_a), (R + 0.00035, y_a), (R + 0.00035, y_b), (R - 0.0012, y_b)]
            model.add("label", prim.lathe(band, segments=64, closed=True, crease_deg=40.0), self.material("label"))
        return model

    @staticmethod
    def _lid(r: float, rng: np.random.Generator) -> Mesh:
        """A thin disc with a slightly ragged cut edge, lying on y = 0 with its centre on the axis."""
        th = np.linspace(0.0, 2 * np.pi, 64, endpoint=False)
        rr = r * (1 + 0.012 * np.sin(th * 23 + rng.uniform(0, 6)) * (rng.random(64) * 0.5 + 0.5))
        outline = np.stack([rr * np.cos(th), rr * np.sin(th)], axis=1)
        disc = prim.extrude(outline, 0.0006, crease_deg=40.0)
        rings = [prim.torus(r * f, 0.0005, segments=48, tube_segments=6).translated((0, 0.0006, 0))
                 for f in (0.55, 0.78)]
        return csg.union(disc, *rings, crease_deg=40.0)

    @staticmethod
    def _pull_tab(R: float, y: float) -> Mesh:
        ring = tf.scale(prim.torus(0.009, 0.0022, segments=32, tube_segments=8), (1.0, 0.35, 1.0))
        ring = ring.translated((0, y + 0.001, R * 0.45))
        tongue = prim.box((0.01, 0.0012, 0.016), bevel=0.0004).translated((0, y + 0.0008, R * 0.45 - 0.012))
        rivet = prim.cylinder(0.0025, 0.0016, segments=16, bevel=0.0006).translated((0, y, R * 0.45 - 0.018))
        score = prim.torus(R * 0.8, 0.0006, segments=64, tube_segments=6).translated((0, y, 0))
        return csg.union(ring, tongue, rivet, score, crease_deg=40.0)
