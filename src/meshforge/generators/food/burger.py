"""Burger: a stacked hamburger or cheeseburger: a bottom bun, one to three irregular patties each with
an optional slice of cheese melting over its edges, tomato slices, a ruffled lettuce leaf and a domed
top bun with sesame seeds; every layer rests on the one below.

Default: an 11 cm cheeseburger with lettuce, tomato and a sesame bun, about 9 cm tall.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.food._fruit import revolve
from meshforge.generators.nature._shapes import lens_disc, polar_sheet, wobble
from meshforge.generators.nature.terrain import heightfield_solid
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import concatenate
from meshforge.geometry.transform import rotation

#: layers overlap by this much (m) so each one visibly rests on the one below
SINK = 0.0006


@register
class BurgerGenerator(Generator):
    id = "burger"
    name = "Burger"
    family = "food"
    synonyms = ("hamburger", "cheeseburger", "double cheeseburger", "beef burger", "veggie burger", "sandwich",
                "big burger", "fast food burger", "slider", "bacon burger")
    description = (
        "A stacked burger: bottom bun, one to three juicy irregular patties each optionally topped by a "
        "slice of cheese melting over the edges, tomato slices, a ruffled lettuce leaf and a domed top bun "
        "sprinkled with sesame seeds."
    )
    tags = ("food", "fast food", "restaurant", "gaming", "still life")
    params = (
        Param("diameter", "float", 0.11, 0.05, 0.2, "m", description="bun diameter",
              words=("big", "large", "small", "slider", "mini"), sample_range=(0.1, 0.125)),
        Param("patties", "int", 1, 1, 3, "count", description="number of patties",
              words=("double", "triple", "single", "two patties"), sample_range=(1, 2)),
        Param("cheese", "bool", True, description="a slice of cheese on each patty",
              words=("cheeseburger", "cheese", "no cheese", "hamburger"), p_true=0.7),
        Param("lettuce", "bool", True, description="a ruffled lettuce leaf", words=("lettuce", "salad", "greens"),
              p_true=0.75),
        Param("tomato", "bool", True, description="tomato slices", words=("tomato", "tomatoes"), p_true=0.65),
        Param("sesame", "bool", True, description="sesame seeds on the top bun", words=("sesame", "seeded bun"),
              p_true=0.7),
        Param("bun_height", "float", 0.042, 0.02, 0.07, "m", description="height of the top bun's dome",
              words=("tall bun", "brioche", "flat bun"), sample_range=(0.036, 0.05)),
        Param("patty_thickness", "float", 0.014, 0.006, 0.03, "m", description="thickness of each patty",
              words=("thick patty", "smash burger", "thin"), sample_range=(0.011, 0.018)),
    )
    slots = (
        Slot("bun", "bread", color="#C98A45", words=("bun", "bread", "roll", "sesame"), description="buns and seeds"),
        Slot("patty", "meat", color="#5B3423", words=("patty", "beef", "meat", "burger"), description="the patties"),
        Slot("cheese", "cream", color="#F2B731", words=("cheese", "cheddar", "slice"), description="cheese slices"),
        Slot("lettuce", "foliage", color="#6DB33F", words=("lettuce", "salad", "greens", "leaf"), description="lettuce"),
        Slot("tomato", "fruit_skin", color="#D7321F", words=("tomato", "tomatoes"), description="tomato slices"),
    )
    size = SizeEnvelope(min=(0.05, 0.035, 0.05), max=(0.28, 0.26, 0.28))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        D = p["diameter"]
        R = D / 2
        seed = int(rng.integers(1 << 30))
        bun_mat = self.material("bun")
        # bottom bun: flat crumb face up, rounded crust below
        hb = max(D * 0.2, 0.012)
        th = np.linspace(0.0, np.pi / 2, 10)
        r = np.concatenate([[0.0], R * 0.9 + R * 0.1 * np.sin(th), [R * 0.985, 0.0]])
        y = np.concatenate([[0.0], hb * 0.55 * (1 - np.cos(th)), [hb, hb]])
        bottom = revolve(r, y, segments=48, seed=seed, irregularity=R * 0.012)
        model.add("bottom_bun", bottom, bun_mat)
        cursor = hb
        for i in range(p["patties"]):
            t = p["patty_thickness"]
            pr = R * 1.03
            ang = np.linspace(-np.pi / 2, np.pi / 2, 9)
            prof_r = np.concatenate([[0.0], pr - t / 2 + t / 2 * np.cos(ang), [0.0]])
            prof_y = np.concatenate([[0.0], t / 2 + t / 2 * np.sin(ang), [t]])
            patty = revolve(prof_r, prof_y, segments=48, seed=seed + 10 + i, irregularity=R * 0.03)
            patty = wobble(patty, R * 0.015, 9.0 / R, seed + 20 + i, octaves=2, crease_deg=80.0)
            model.add("patty" if p["patties"] == 1 else f"patty_{i}", patty.translated((0, cursor - SINK, 0)),
                      self.material("patty"))
            cursor += t - SINK
            if p["cheese"]:
                cursor = self._cheese(model, R, cursor, rng, i, p["patties"])
        if p["tomato"]:
            tr = R * 0.37
            tt = max(D * 0.05, 0.004)
            slices = []
            for k in range(3):
                a = 2 * np.pi * k / 3 + rng.uniform(-0.2, 0.2)
                c = np.array([np.cos(a) * R * 0.5, cursor - SINK, np.sin(a) * R * 0.5])
                slices.append(lens_disc(tr, tt, segments=32).translated(c))
            model.add("tomato", concatenate(slices), self.material("tomato"))
            cursor += tt - SINK
        if p["lettuce"]:
            lt = max(D * 0.018, 0.0016)
            outer = R * (1.1 + 0.05 * np.sin(np.linspace(0, 2 * np.pi, 72, endpoint=False) * 7 + rng.uniform(0, 6)))
            phase = rng.uniform(0, 2 * np.pi)

            def top(rr: np.ndarray, tt: np.ndarray) -> np.ndarray:
                edge = np.clip((rr - R * 0.55) / (R * 0.55), 0, 1) ** 2
                return cursor + lt + edge * R * 0.07 * (np.sin(tt * 9 + phase) - 0.35)

            leaf = polar_sheet(R * 0.15, outer, top, lt, angles=72, radial=10)
            model.add("lettuce", leaf.translated((0, -SINK, 0)), self.material("lettuce"))
            cursor += lt - SINK
        # top bun: a dome with a slightly flat underside
        H = p["bun_height"]
        th = np.linspace(0.0, np.pi / 2, 14)
        r = np.concatenate([[0.0, R * 0.96], R * np.cos(th) * (1 - 0.04 * (1 - np.cos(th))), ])
        y = np.concatenate([[0.0, 0.0], H * 0.22 + (H * 0.78) * np.sin(th)])
        y[2] = H * 0.1
        r[-1] = 0.0
        dome = revolve(r, y, segments=56, seed=seed + 3, irregularity=R * 0.015)
        model.add("top_bun", dome.translated((0, cursor - SINK, 0)), bun_mat)
        if p["sesame"]:
            seeds = []
            n = int(np.clip((R / 0.055) ** 2 * 26, 8, 60))
            golden = np.pi * (3 - np.sqrt(5))
            for k in range(n):
                f = (k + 0.5) / n
                phi = np.arccos(1 - f * 0.75)  # polar angle from the top, upper part of the dome
                a = k * golden
                # dome surface: radius R cos(psi) at height 0.22H + 0.78H sin(psi); psi from phi
                psi = np.pi / 2 - phi
                pr_, py_ = R * np.cos(psi) * (1 - 0.04 * (1 - np.cos(psi))), H * 0.22 + H * 0.78 * np.sin(psi)
                nrm = np.array([np.cos(psi) * H * 0.78 / R * np.cos(a), np.sin(psi), -np.cos(psi) * H * 0.78 / R * np.sin(a)])
                nrm /= np.linalg.norm(nrm)
                pos = np.array([pr_ * np.cos(a), cursor - SINK + py_, -pr_ * np.sin(a)])
                s = max(R * 0.045, 0.0012)
                seed_m = prim.sphere(s, segments=8, rings=4).transformed(np.diag([0.55, 0.3, 1.0, 1.0]))
                seed_m = seed_m.transformed(rotation("y", float(np.degrees(rng.uniform(0, np.pi)))))
                m = np.eye(4)
                m[:3, :3] = prim.align_y_to(nrm)
                m[:3, 3] = pos - nrm * s * 0.12
                seeds.append(seed_m.transformed(m))
            model.add("sesame", concatenate(seeds), bun_mat)
        return model

    def _cheese(self, model: Model, R: float, cursor: float, rng: np.random.Generator, i: int, n: int) -> float:
        """A square slice draped over the patty's edge: flat in the middle, corners drooping."""
        side = R * 1.8
        ct = max(R * 0.04, 0.0015)
        xs = np.linspace(-side / 2, side / 2, 21)
        gx, gz = np.meshgrid(xs, xs, indexing="ij")
        rr = np.hypot(gx, gz)
        droop = 1.8 * np.clip(rr - R * 0.9, 0, None) ** 2 / R
        top = cursor + ct - droop
        slab = heightfield_solid(xs, xs, top, top - ct)
        slab = slab.transformed(rotation("y", float(rng.uniform(0, 90)))).translated((0, -SINK, 0))
        model.add("cheese" if n == 1 else f"cheese_{i}", slab, self.material("cheese"))
        return cursor + ct - SINK
