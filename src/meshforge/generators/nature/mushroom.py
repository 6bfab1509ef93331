"""Mushroom: a toadstool with a lathed cap (dome, flat, conical or bell), gills underneath, a stem
with a skirt ring and a bulbous foot; optionally white-spotted like a fly agaric, alone or in a cluster.

Default: a single 9 cm fly agaric, red cap with white spots.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.nature._shapes import solid_union, wobble
from meshforge.geometry import primitives as prim
from meshforge.geometry.mesh import Mesh, concatenate
from meshforge.geometry.transform import rotation, translation

CAP_HEIGHT = {"dome": 0.6, "flat": 0.3, "conical": 1.0, "bell": 0.85}


def cap_curve(shape: str, R: float, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Upper cap surface: (radius, drop below the top) for t in [0, 1] from the top to the rim."""
    hc = CAP_HEIGHT[shape] * R
    if shape == "conical":
        r = R * np.sin(t * np.pi / 2) ** 1.6
        return r, hc * (1 - np.cos(t * np.pi / 2) ** 0.6)
    if shape == "bell":
        r = R * (0.8 * np.sin(t * np.pi / 2) + 0.2 * t**3)
        return r, hc * (1 - np.cos(t * np.pi / 2))
    return R * np.sin(t * np.pi / 2), hc * (1 - np.cos(t * np.pi / 2))


@register
class MushroomGenerator(Generator):
    id = "mushroom"
    name = "Mushroom"
    family = "nature"
    synonyms = ("toadstool", "fly agaric", "amanita", "fungus", "fungi", "mushrooms", "porcini", "cep",
                "champignon", "button mushroom", "magic mushroom", "fairy mushroom")
    description = (
        "A toadstool: a dome, flat, conical or bell-shaped cap with gills underneath on a stem with a "
        "skirt ring and a bulbous foot; white-spotted red like a fly agaric, or plain brown; alone or in "
        "a small cluster."
    )
    tags = ("nature", "forest", "fantasy", "food", "gaming")
    params = (
        Param("height", "float", 0.09, 0.02, 0.4, "m", description="ground to the top of the (largest) cap",
              words=("tall", "small", "tiny", "giant", "big"), sample_range=(0.06, 0.14)),
        Param("cap_width", "float", 1.0, 0.4, 2.2, "ratio", description="cap diameter / height",
              words=("wide cap", "broad", "narrow cap", "slim"), sample_range=(0.75, 1.3)),
        Param("cap_shape", "choice", "dome", choices=("dome", "flat", "conical", "bell"),
              description="cap profile", words=("dome", "round cap", "flat cap", "conical", "pointed", "bell")),
        Param("spotted", "bool", True, description="white spots on the cap (fly agaric)",
              words=("spotted", "spots", "fly agaric", "polka dot", "plain"), p_true=0.6),
        Param("count", "int", 1, 1, 5, "count", description="mushrooms in the cluster",
              words=("cluster", "group", "three mushrooms", "single"), sample_range=(1, 3)),
        Param("stem_thickness", "float", 0.22, 0.1, 0.45, "ratio", description="stem diameter / height",
              words=("thick stem", "thin stem", "stout", "slender"), sample_range=(0.17, 0.28)),
        Param("ring", "bool", True, description="skirt ring around the stem", words=("ring", "skirt", "annulus"),
              p_true=0.6),
    )
    slots = (
        Slot("cap", "fruit_skin", color="#C42A1C", words=("cap", "top", "head", "mushroom"),
             colors=("#C42A1C", "#D9541E", "#8A5A36", "#B07A48", "#E0B860"), description="the caps"),
        Slot("stem", "cream", color="#EFE6D2", words=("stem", "stalk", "gills", "ring"), description="stems and gills"),
        Slot("spots", "cream", color="#F8F5EE", words=("spots", "dots", "warts"), description="cap spots"),
    )
    size = SizeEnvelope(min=(0.007, 0.018, 0.007), max=(1.6, 0.42, 1.6))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        n = p["count"]
        H = p["height"]
        placed: list[tuple[np.ndarray, float]] = []
        for i in range(n):
            scale = 1.0 if i == 0 else rng.uniform(0.5, 0.85)
            h = H * scale
            R = h * p["cap_width"] / 2
            if i == 0:
                pos = np.zeros(3)
            else:
                for _ in range(40):
                    a = rng.uniform(0, 2 * np.pi)
                    d = rng.uniform(0.6, 1.1) * (H * p["cap_width"] / 2 + R)
                    pos = np.array([np.cos(a) * d, 0.0, np.sin(a) * d])
                    if all(np.linalg.norm(pos - q) > (R + rq) * 1.05 for q, rq in placed):
                        break
            placed.append((pos, R))
            tilt = 0.0 if i == 0 else rng.uniform(5, 18)
            away = pos / max(np.linalg.norm(pos), 1e-9)
            axis = np.cross([0.0, 1.0, 0.0], away) if i else np.array([1.0, 0.0, 0.0])
            m = translation(pos) @ (rotation(axis, -tilt) if i else np.eye(4))
            cap, stem, spots = self._one(p, h, R, int(rng.integers(1 << 30)), rng)
            suffix = "" if n == 1 else f"_{i}"
            model.add("cap" + suffix, cap.transformed(m), self.material("cap"))
            model.add("stem" + suffix, stem.transformed(m), self.material("stem"))
            if spots is not None:
                model.add("spots" + suffix, spots.transformed(m), self.material("spots"))
        return model

    def _one(self, p: dict[str, Any], h: float, R: float, seed: int,
             rng: np.random.Generator) -> tuple[Mesh, Mesh, Mesh | None]:
        shape = p["cap_shape"]
        t = np.linspace(0.0, 1.0, 18)
        r_up, drop = cap_curve(shape, R, t)
        top = h
        rim_y = top - drop[-1]
        stem_r = max(h * p["stem_thickness"] / 2, 0.002)
        stem_r = min(stem_r, R * 0.55)
        gill_y = rim_y + R * 0.12
        upper = np.stack([r_up, top - drop], axis=1)
        lip = R * 0.05
        under = np.array([(R * 0.98, rim_y - lip * 0.6), (R * 0.9, rim_y - lip * 0.3), (R * 0.7, gill_y - R * 0.02),
                          (stem_r * 1.05, gill_y + R * 0.06), (0.0, gill_y + R * 0.07)])
        prof = np.vstack([upper, under])
        prof[0, 0] = 0.0
        cap = prim.lathe(prof, segments=40, crease_deg=70.0)
        cap = wobble(cap, R * 0.04, 2.0 / R, seed)
        # stem: bulbous foot, slight taper, optional skirt ring, running up into the cap
        sy = np.linspace(0.0, 1.0, 14)
        stem_top = gill_y + R * 0.1
        sr = stem_r * (0.85 + 0.15 * (1 - sy)) + stem_r * 0.45 * np.exp(-sy * 10)
        stem_prof = [(0.0, 0.0)] + [(float(r), float(y * stem_top)) for r, y in zip(sr, sy, strict=True)]
        stem_prof[1] = (sr[0] * 0.85, 0.0)
        stem_prof.append((0.0, stem_top))
        stem = prim.lathe(stem_prof, segments=24, crease_deg=70.0)
        if p["ring"]:
            ring_y = stem_top * 0.72
            rr = stem_r * 0.9
            ring_prof = [(rr * 0.95, ring_y + stem_r * 0.25), (rr * 1.6, ring_y - stem_r * 0.35),
                         (rr * 1.65, ring_y - stem_r * 0.5), (rr * 0.95, ring_y - stem_r * 0.05)]
            ring = prim.lathe(ring_prof, segments=24, closed=True, crease_deg=70.0)
            stem = solid_union(stem, ring, crease_deg=70.0)
        spots = None
        if p["spotted"]:
            count = int(np.clip((R / 0.01) ** 1.2 * 2.5, 6, 40))
            ts = np.sqrt(rng.uniform(0.02, 0.85, count * 3))
            th = rng.uniform(0, 2 * np.pi, count * 3)
            tt = np.clip(ts, 0.0, 0.95)
            r_s, d_s = cap_curve(shape, R, tt)
            # outward normal of the (r(t), -drop(t)) curve
            eps = 1e-3
            r2, d2 = cap_curve(shape, R, np.clip(tt + eps, 0, 1))
            dr, dd = r2 - r_s, -(d2 - d_s)
            nr, ny = dd, -dr
            norm = np.hypot(nr, ny)
            nr, ny = nr / norm, ny / norm
            pts = np.stack([r_s * np.cos(th), top - d_s, -r_s * np.sin(th)], axis=1)
            nrm = np.stack([nr * np.cos(th), ny, -nr * np.sin(th)], axis=1)
            keep: list[int] = []
            sz = R * 0.09
            for j in range(len(pts)):
                if len(keep) >= count:
                    break
                if not keep or np.min(np.linalg.norm(pts[keep] - pts[j], axis=1)) > sz * 2.6:
                    keep.append(j)
            blobs = []
            for j in keep:
                s = sz * rng.uniform(0.7, 1.15)
                spot = prim.sphere(s, segments=10, rings=5).transformed(np.diag([1.0, 0.4, 1.0, 1.0]))
                mm = np.eye(4)
                mm[:3, :3] = prim.align_y_to(nrm[j])
                mm[:3, 3] = pts[j] - nrm[j] * s * 0.12
                blobs.append(spot.transformed(mm))
            spots = concatenate(blobs)
        return cap, stem, spots
