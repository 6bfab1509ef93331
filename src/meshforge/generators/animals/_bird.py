"""The bird body plan shared by ducks, flamingos, chickens, owls and penguins.

An egg-shaped body (pitched from horizontal, like a duck, to upright, like a penguin or an owl), a neck
(straight or S-curved), a round head with a beak (cone, flat bill or hook), folded or spread wings, a
tail fan and thin legs with three-toed or webbed feet, all smooth-blended into one soft body laid out
in plan units and scaled to the ``size`` parameter (the bird's height, or its length for a duck). Eyes
are glossy separate balls; beak, legs and feet, and markings (belly, face disc, comb) are patches that
follow the body's surface.

The bird faces +Z, Y up; the origin ends up at the bottom centre of its bounding box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any, ClassVar

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.animals import _soft as soft
from meshforge.generators.base import Generator, Param, Slot
from meshforge.geometry import sdf

BIRD_POSES = ("standing", "wings_spread", "sitting")
EYE_SLOT = Slot("eyes", "glossy_plastic", color="#101010", words=("eyes", "eye"), description="glossy eyes")


@dataclass(frozen=True)
class BirdPlan:
    """Proportions in plan units (the body is about 1 long)."""

    body_len: float = 1.0
    body_w: float = 0.32  # half width
    body_h: float = 0.3  # half height
    body_pitch: float = 15.0  # degrees, nose up
    neck_len: float = 0.3
    neck_r: float = 0.12
    neck_angle: float = 70.0
    neck_s: float = 0.0  # S-curve amplitude (flamingo)
    head_r: float = 0.2
    beak: str = "cone"  # cone | flat | hook
    beak_len: float = 0.2
    beak_r: float = 0.07
    beak_drop: float = 10.0
    eye_r: float = 0.16  # / head_r
    eye_elev: float = 20.0
    eye_azim: float = 55.0
    wing_len: float = 0.7
    wing_w: float = 0.4
    wing_out: float = 8.0  # folded wings lean out from the body, degrees
    tail_len: float = 0.3
    tail_w: float = 0.3
    tail_lift: float = 25.0
    leg_len: float = 0.3
    leg_r: float = 0.03
    leg_x: float = 0.13
    toe_len: float = 0.14
    webbed: bool = False
    length_is_size: bool = False  # the size parameter is the length (else the height)


@dataclass
class BirdLayout:
    plan: BirdPlan
    pose: str
    cartoon: float
    body_c: np.ndarray
    pitch: float
    neck_pts: np.ndarray
    head_c: np.ndarray
    beak_a: np.ndarray
    beak_b: np.ndarray
    beak_dir: np.ndarray
    hips: list[np.ndarray]
    feet: list[np.ndarray]
    bottom: float = 0.0  # lowest point of the body
    min_t: float = 0.0

    def body_point(self, local: tuple[float, float, float] | np.ndarray) -> np.ndarray:
        a = math.radians(self.pitch)
        rot = np.array([[1, 0, 0], [0, math.cos(a), math.sin(a)], [0, -math.sin(a), math.cos(a)]])
        return self.body_c + rot @ np.asarray(local, dtype=np.float64)


def bird_params(size: float, size_range: tuple[float, float], *, noun: str, measure: str = "height",
                pose: str = "standing", cartoon: float = 0.3) -> tuple[Param, ...]:
    lo, hi = size_range
    return (
        Param("size", "float", size, lo, hi, "m", description=f"{measure} of the {noun}",
              words=("big", "small", "large", "tiny", "baby", "giant", "chick"), sample_range=(size * 0.85, size * 1.15)),
        Param("pose", "choice", pose, choices=BIRD_POSES, description="standing with folded wings, wings spread, or sitting",
              words=("standing", "wings spread", "flapping", "sitting", "nesting", "swimming")),
        Param("leg_length", "float", 1.0, 0.6, 1.5, "ratio", description="leg length relative to the species",
              words=("long legs", "short legs"), sample_range=(0.85, 1.15)),
        Param("neck_length", "float", 1.0, 0.6, 1.5, "ratio", description="neck length relative to the species",
              words=("long neck", "short neck"), sample_range=(0.85, 1.15)),
        Param("beak_length", "float", 1.0, 0.6, 1.6, "ratio", description="beak length relative to the species",
              words=("long beak", "short beak", "big bill"), sample_range=(0.85, 1.2)),
        Param("tail_length", "float", 1.0, 0.5, 1.6, "ratio", description="tail length relative to the species",
              words=("long tail", "short tail"), sample_range=(0.8, 1.2)),
        Param("cartoon", "float", cartoon, 0.0, 1.0, "ratio",
              description="0 = natural proportions, 1 = big head and eyes, stubby (chibi)",
              words=("cartoon", "cute", "chibi", "stylized", "realistic"), sample_range=(0.1, 0.6)),
    )


class BirdGenerator(Generator):
    """Base of the birds (not registered itself)."""

    family = "animals"
    plan: ClassVar[BirdPlan] = BirdPlan()
    resolution: ClassVar[int] = 76
    tags = ("animal", "bird", "creature", "nature", "gaming", "toy")

    # ------------------------------------------------------------------ hooks
    def extra_shapes(self, g: BirdLayout) -> list[tuple[sdf.SDF, float]]:
        return []

    def marking_regions(self, g: BirdLayout) -> list[sdf.SDF]:
        return []

    def detail_regions(self, g: BirdLayout) -> list[sdf.SDF]:
        """Beak, legs and feet by default."""
        plan = g.plan
        beak = sdf.capsule(g.beak_a + g.beak_dir * plan.beak_r * 0.5, g.beak_b + g.beak_dir * plan.beak_len,
                           plan.beak_r * 1.6)
        regions = [beak]
        if g.pose != "sitting":
            top = min(min(h[1] for h in g.hips) - plan.leg_r * 2, g.bottom * 0.9)
            regions.append(sdf.box((8.0, 2 * max(top, 1e-3), 8.0)))
            if plan.webbed or top < plan.leg_r * 4:
                regions += [sdf.sphere(plan.toe_len * 0.6, f + np.array([0, 0, plan.toe_len * 0.4])) & sdf.box(
                    (8.0, 2 * max(g.bottom * 0.9, plan.leg_r * 2.5), 8.0)) for f in g.feet]
        return regions

    # ------------------------------------------------------------------ layout
    def layout(self, p: dict[str, Any], pose: str) -> BirdLayout:
        c = float(p["cartoon"])
        b = self.plan
        plan = replace(
            b,
            head_r=b.head_r * (1 + 0.45 * c),
            neck_len=b.neck_len * p["neck_length"] * (1 - 0.3 * c),
            beak_len=b.beak_len * p["beak_length"] * (1 - 0.2 * c),
            tail_len=b.tail_len * p["tail_length"],
            leg_len=b.leg_len * p["leg_length"] * (1 - 0.25 * c),
        )
        pitch = plan.body_pitch
        bh = plan.body_h
        a = math.radians(pitch)
        # lowest point of the pitched ellipsoid above its centre
        half_drop = math.sqrt((bh * math.cos(a)) ** 2 + (plan.body_len / 2 * math.sin(a)) ** 2)
        ground = plan.leg_len if pose != "sitting" else 0.0
        body_c = np.array([0.0, ground + half_drop * (0.92 if pose != "sitting" else 0.75), 0.0])
        g = BirdLayout(plan=plan, pose=pose, cartoon=c, body_c=body_c, pitch=pitch, neck_pts=np.zeros((2, 3)),
                       head_c=body_c, beak_a=body_c, beak_b=body_c, beak_dir=np.array([0.0, 0, 1]), hips=[], feet=[],
                       bottom=float(body_c[1] - half_drop))
        base = g.body_point((0, bh * 0.45, plan.body_len * 0.32))
        nd = soft.direction(plan.neck_angle, 0.0)
        end = base + nd * plan.neck_len
        if plan.neck_s > 0:
            s = plan.neck_s * plan.neck_len
            g.neck_pts = soft.bezier(base, base + np.array([0, 0.35, 0.55 * s / max(plan.neck_len, 1e-6)]) * plan.neck_len,
                                     end + np.array([0, -0.3 * plan.neck_len, -s]), end, 9)
        else:
            g.neck_pts = np.stack([base, (base + end) / 2, end])
        g.head_c = end + nd * plan.head_r * 0.3
        drop = math.radians(plan.beak_drop)
        g.beak_dir = np.array([0.0, -math.sin(drop), math.cos(drop)])
        g.beak_a = g.head_c + g.beak_dir * plan.head_r * 0.7
        g.beak_b = g.beak_a + g.beak_dir * max(plan.beak_len, 1e-3)
        for sgn in (1, -1):
            hip = g.body_point((sgn * plan.leg_x, -bh * 0.55, 0.0))
            g.hips.append(hip)
            g.feet.append(np.array([hip[0] * 1.1, plan.leg_r, hip[2] + plan.toe_len * 0.2]))
        return g

    # ------------------------------------------------------------------ shapes
    def body_shape(self, g: BirdLayout) -> sdf.SDF:
        plan = g.plan
        bl, bw, bh = plan.body_len, plan.body_w, plan.body_h

        def posed(shape: sdf.SDF) -> sdf.SDF:
            return shape.rotate("x", -g.pitch).translate(g.body_c)

        pieces: list[tuple[sdf.SDF, float]] = [
            (posed(sdf.ellipsoid((bw, bh, bl / 2))), 0.0),
            (posed(sdf.ellipsoid((bw * 0.85, bh * 0.85, bl * 0.28), center=(0, bh * 0.1, bl * 0.2))), bh * 0.4),
        ]
        nr = np.linspace(plan.neck_r * 1.3, plan.neck_r, len(g.neck_pts))
        for i in range(len(g.neck_pts) - 1):
            seg = sdf.round_cone(g.neck_pts[i], g.neck_pts[i + 1], float(nr[i]), float(nr[i + 1]))
            pieces.append((seg, bh * 0.5 if i == 0 else plan.neck_r * 0.3))
        pieces.append((sdf.sphere(plan.head_r, g.head_c), plan.neck_r * 0.8))
        pieces += self._beak(g)
        pieces += self._wings(g)
        tail = sdf.ellipsoid((plan.tail_w / 2, max(plan.tail_w * 0.1, g.min_t / 2), plan.tail_len / 2),
                             center=(0, 0, -plan.tail_len / 2))
        tail = tail.rotate("x", -plan.tail_lift).translate(g.body_point((0, bh * 0.15, -bl * 0.42)))
        pieces.append((tail, bh * 0.35))
        if g.pose != "sitting":
            for hip, foot in zip(g.hips, g.feet, strict=True):
                knee = (hip + foot) / 2 + np.array([0, 0, -plan.leg_len * 0.08])
                r = max(plan.leg_r, g.min_t * 0.6)
                pieces.append((sdf.round_cone(hip, knee, r * 1.6, r), bh * 0.2))
                pieces.append((sdf.round_cone(knee, foot, r, r), r * 0.5))
                pieces += [(toe, r * 0.6) for toe in self._foot(g, foot, r)]
        pieces += self.extra_shapes(g)
        return soft.blend(pieces)

    def _beak(self, g: BirdLayout) -> list[tuple[sdf.SDF, float]]:
        plan = g.plan
        r = plan.beak_r
        tip_r = max(r * 0.25, g.min_t / 2)
        if plan.beak == "flat":
            bill = sdf.round_cone(g.beak_a, g.beak_b, r, r * 0.9).scale((1.0, 0.45, 1.0))
            # scale about the origin moved it: put it back on the head
            mid = (g.beak_a + g.beak_b) / 2
            bill = bill.translate(mid - mid * np.array([1.0, 0.45, 1.0]))
            return [(bill, r * 0.5)]
        if plan.beak == "hook":
            tip = g.beak_b + np.array([0, -plan.beak_len * 0.6, -plan.beak_len * 0.15])
            return [(sdf.round_cone(g.beak_a, g.beak_b, r, r * 0.6), r * 0.5),
                    (sdf.round_cone(g.beak_b, tip, r * 0.6, tip_r), r * 0.2)]
        return [(sdf.round_cone(g.beak_a, g.beak_b, r, tip_r), r * 0.5)]

    def _wings(self, g: BirdLayout) -> list[tuple[sdf.SDF, float]]:
        plan = g.plan
        bw, bh = plan.body_w, plan.body_h
        thick = max(plan.wing_w * 0.15, g.min_t * 1.6)
        out = []
        for sgn in (1, -1):
            if g.pose == "wings_spread":
                wing = sdf.ellipsoid((plan.wing_len / 2, thick / 2, plan.wing_w / 2),
                                     center=(sgn * plan.wing_len / 2, 0, 0))
                wing = wing.rotate("z", sgn * 25.0).translate((sgn * bw * 0.6, bh * 0.35, 0.02))
                out.append((wing.rotate("x", -g.pitch).translate(g.body_c), bw * 0.25))
            else:
                wing = sdf.ellipsoid((thick / 2, plan.wing_w / 2, plan.wing_len / 2),
                                     center=(0, 0, -plan.wing_len * 0.2))
                wing = wing.rotate("x", 8.0).rotate("z", sgn * plan.wing_out).translate((sgn * bw * 0.88, bh * 0.1, 0.0))
                out.append((wing.rotate("x", -g.pitch).translate(g.body_c), bw * 0.15))
        return out

    def _foot(self, g: BirdLayout, foot: np.ndarray, r: float) -> list[sdf.SDF]:
        plan = g.plan
        if plan.webbed:
            web = sdf.ellipsoid((plan.toe_len * 0.55, max(r * 0.7, g.min_t * 0.6), plan.toe_len * 0.6),
                                center=foot + np.array([0, -r * 0.3, plan.toe_len * 0.45]))
            return [web]
        toes = []
        for ang in (-35.0, 0.0, 35.0):
            d = soft.direction(0.0, ang)
            toes.append(sdf.capsule(foot, foot + d * plan.toe_len, r * 0.8))
        toes.append(sdf.capsule(foot, foot - np.array([0, 0, plan.toe_len * 0.45]), r * 0.8))
        return toes

    # ------------------------------------------------------------------ build
    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        g = self.layout(p, p["pose"])
        s = float(p["size"]) / self._measure(self.layout(p, "standing"))
        extent = float(np.ptp(self.body_shape(g).bounds, axis=0).max())
        g.min_t = 2.0 * extent / self.resolution
        body = self.body_shape(g)
        voxel = extent * s / self.resolution
        body_m = soft.scaled(body, s)
        model.add("body", soft.mesh(body_m, voxel, atlas=False), self.material("body"))
        lift = voxel * 0.7
        marks = self.marking_regions(g)
        if marks:
            patch = soft.patch(body_m, soft.scaled(sdf.union(*marks), s), lift, voxel)
            if patch is not None:
                model.add("markings", patch, self.material("markings"))
        details = self.detail_regions(g)
        if details:
            patch = soft.patch(body_m, soft.scaled(sdf.union(*details), s), lift * (1.6 if marks else 1.0), voxel)
            if patch is not None:
                model.add("details", patch, self.material("details"))
        plan = g.plan
        er = plan.eye_r * plan.head_r * (1 + 0.8 * g.cartoon)
        dirs = np.array([soft.direction(plan.eye_elev, plan.eye_azim), soft.direction(plan.eye_elev, -plan.eye_azim)])
        hits = soft.surface_point(body, np.repeat(g.head_c[None], 2, axis=0), dirs, reach=plan.head_r * 3)
        mat = self.material("eyes")
        for name, hit, d in zip(("eye_right", "eye_left"), hits, dirs, strict=True):
            model.add(name, soft.ball(er * s, (hit - d * er * 0.4) * s, segments=20), mat)
        return model

    def _measure(self, g: BirdLayout) -> float:
        """The standing bird's height (feet to the top of the head) or length (beak tip to tail tip), plan
        units, from its layout (the SDF's bounds are padded by the blends)."""
        plan = g.plan
        if not plan.length_is_size:
            return float(g.head_c[1] + plan.head_r)
        front = float(g.beak_b[2] + plan.beak_r * 0.25)
        tail_root = g.body_point((0, plan.body_h * 0.15, -plan.body_len * 0.42))
        back = min(float(g.body_point((0, 0, -plan.body_len / 2))[2]),
                   float(tail_root[2] - plan.tail_len * np.cos(np.radians(plan.tail_lift))))
        return front - back
