"""The fish body plan shared by goldfish and sharks.

A streamlined body (a blunt head ellipsoid melting into a tapered tail stock) with thin blade fins:
dorsal, pectoral, pelvic and anal fins and a tail fin whose shape is a choice (fan, forked, veil or
lunate), blended into one soft body in plan units (the fish is about 1 long) and scaled to the ``size``
parameter. The body can swim straight or bend into a turn. Eyes are glossy balls; the belly is a
patch following the surface.

The fish faces +Z, Y up; the origin ends up at the bottom centre of its bounding box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.animals import _soft as soft
from meshforge.generators.base import Generator, Param, Slot
from meshforge.geometry import sdf

TAILS = ("fan", "forked", "veil", "lunate")
#: Curvature (1 / plan units) of a turning fish.
BEND = 1.6
EYE_SLOT = Slot("eyes", "glossy_plastic", color="#101010", words=("eyes", "eye"), description="glossy eyes")


@dataclass(frozen=True)
class FishPlan:
    """Proportions in plan units (nose to tail tip about 1)."""

    body_len: float = 0.7  # nose to tail stock
    depth: float = 0.2  # half height of the body
    width: float = 0.1  # half width
    head: float = 0.55  # where the body is deepest, fraction from the tail stock to the nose
    stock: float = 0.05  # tail stock radius
    tail_len: float = 0.3
    dorsal: float = 0.2  # dorsal fin height
    dorsal_len: float = 0.25
    dorsal_at: float = 0.1  # dorsal fin position along z (from the body centre)
    dorsal_sweep: float = -35.0
    pectoral: float = 0.12
    anal: float = 0.08
    eye_r: float = 0.1  # / depth
    eye_at: float = 0.78  # position along the body from the tail stock (0) to the nose (1)


def fish_params(size: float, size_range: tuple[float, float], *, noun: str, tail: str,
                cartoon: float = 0.3) -> tuple[Param, ...]:
    lo, hi = size_range
    return (
        Param("size", "float", size, lo, hi, "m", description=f"length of the {noun} from nose to tail tip",
              words=("big", "small", "large", "tiny", "giant", "baby"), sample_range=(size * 0.8, size * 1.2)),
        Param("body_depth", "float", 1.0, 0.7, 1.4, "ratio", description="body depth relative to the species",
              words=("deep body", "slender", "fat", "round", "chubby"), sample_range=(0.9, 1.15)),
        Param("fin_size", "float", 1.0, 0.6, 1.6, "ratio", description="size of the fins relative to the species",
              words=("big fins", "small fins", "flowing fins", "fancy"), sample_range=(0.85, 1.25)),
        Param("tail_shape", "choice", tail, choices=TAILS, description="shape of the tail fin",
              words=("fan tail", "forked tail", "veil tail", "lunate tail", "crescent tail")),
        Param("pose", "choice", "straight", choices=("straight", "turning"), description="swimming straight or turning",
              words=("swimming", "turning", "curved", "bent")),
        Param("cartoon", "float", cartoon, 0.0, 1.0, "ratio", description="0 = natural, 1 = round body, big eyes",
              words=("cartoon", "cute", "stylized", "realistic"), sample_range=(0.1, 0.6)),
    )


class FishGenerator(Generator):
    """Base of the fish (not registered itself)."""

    family = "animals"
    plan: ClassVar[FishPlan] = FishPlan()
    resolution: ClassVar[int] = 96
    tags = ("animal", "fish", "creature", "nature", "ocean", "gaming", "toy")

    def marking_regions(self, plan: FishPlan, min_t: float) -> list[sdf.SDF]:
        return []

    def body_shape(self, p: dict[str, Any], min_t: float) -> tuple[sdf.SDF, FishPlan, np.ndarray, float]:
        """(shape, plan, eye centre (right), eye radius) in plan units; the nose at +z, tail stock at -z."""
        plan = self.plan
        c = float(p["cartoon"])
        depth = plan.depth * p["body_depth"] * (1 + 0.3 * c)
        width = plan.width * p["body_depth"] * (1 + 0.3 * c)
        fins = float(p["fin_size"])
        half = plan.body_len / 2
        z_head = -half + plan.body_len * plan.head
        front = sdf.ellipsoid((width, depth, half - z_head), center=(0, 0, z_head))
        rear = sdf.round_cone((0, 0, -half), (0, 0, z_head), max(plan.stock, min_t), width)
        rear = rear.scale((1.0, depth / width, 1.0))
        pieces: list[tuple[sdf.SDF, float]] = [(front, 0.0), (rear, depth * 0.6)]
        thin = max(min_t, 0.012)
        # tail fin, at the tail stock
        root = np.array([0.0, 0.0, -half + plan.stock * 0.5])
        tl = plan.tail_len * fins
        shape = p["tail_shape"]
        if shape == "fan":
            fin = soft.blade(tl, tl * 0.95, thin, pointed=False, min_thickness=min_t)
            pieces.append((soft.place(fin, root, yaw=90, pitch=-90), plan.stock))
        elif shape == "veil":
            for ang in (-60.0, -120.0):
                fin = soft.blade(tl * 1.25, tl * 0.8, thin, pointed=False, min_thickness=min_t)
                pieces.append((soft.place(fin, root, yaw=90, pitch=ang), plan.stock))
        else:
            spread = 40.0 if shape == "forked" else 55.0
            width_ratio = 0.45 if shape == "forked" else 0.3
            for ang in (-90 + spread, -90 - spread):
                fin = soft.blade(tl, tl * width_ratio, thin, tip=0.1, min_thickness=min_t)
                pieces.append((soft.place(fin, root, yaw=90, pitch=ang), plan.stock * 0.6))
        # dorsal fin on the back, leaning back
        if plan.dorsal > 0:
            top = np.array([0.0, depth * 0.85, plan.dorsal_at])
            fin = soft.blade(plan.dorsal * fins, plan.dorsal_len * fins, thin, tip=0.15, min_thickness=min_t)
            pieces.append((soft.place(fin, top, yaw=90, pitch=plan.dorsal_sweep), depth * 0.15))
        # pectoral fins behind the head, anal fin under the tail
        for sgn in (1, -1):
            at = np.array([sgn * width * 0.8, -depth * 0.35, z_head + half * 0.05])
            fin = soft.blade(plan.pectoral * fins * 1.4, plan.pectoral * fins, thin, tip=0.3, min_thickness=min_t)
            pieces.append((soft.place(fin, at, roll=sgn * 120.0, pitch=-45.0), width * 0.2))
        if plan.anal > 0:
            at = np.array([0.0, -depth * 0.7, -half * 0.45])
            fin = soft.blade(plan.anal * fins, plan.anal * fins * 1.2, thin, tip=0.2, min_thickness=min_t)
            pieces.append((soft.place(fin, at, yaw=90, pitch=-145.0), depth * 0.1))
        body = soft.blend(pieces)
        if p["pose"] == "turning":
            body = body.bend(BEND, along="z", toward="x")
        eye_r = plan.eye_r * depth * (1 + 1.0 * c)
        eye_z = -half + plan.body_len * plan.eye_at
        eye_c = np.array([width * 0.6, depth * 0.25, eye_z])
        return body, plan, eye_c, eye_r

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        s = float(p["size"]) / self._length(p)
        shape, _, _, _ = self.body_shape(p, 0.0)
        extent = float(np.ptp(shape.bounds, axis=0).max())
        # fins three voxels thick: thinner blades mesh with ragged edges
        min_t = 3.0 * extent / self.resolution
        body, plan, eye_c, eye_r = self.body_shape(p, min_t)
        voxel = extent * s / self.resolution
        body_m = soft.scaled(body, s)
        model.add("body", soft.mesh(body_m, voxel, atlas=False), self.material("body"))
        marks = self.marking_regions(plan, min_t)
        if marks:
            region = sdf.union(*marks)
            if p["pose"] == "turning":
                region = region.bend(BEND, along="z", toward="x")
            patch = soft.patch(body_m, soft.scaled(region, s), voxel * 0.7, voxel)
            if patch is not None:
                model.add("markings", patch, self.material("markings"))
        mat = self.material("eyes")
        for sgn, name in ((1, "eye_right"), (-1, "eye_left")):
            inside = eye_c * np.array([sgn * 0.2, 1, 1])
            d = np.array([sgn * 1.0, 0.25, 0.25])
            if p["pose"] == "turning":
                # follow the bend: sample the bent body along the same ray from the bent centre line
                hit = soft.surface_point(body, self._bent(inside), self._bent_dir(inside, d), reach=1.0)
            else:
                hit = soft.surface_point(body, inside, d, reach=1.0)
            dn = d / np.linalg.norm(d)
            model.add(name, soft.ball(eye_r * s, (hit - dn * eye_r * 0.4) * s, segments=20), mat)
        return model

    def _length(self, p: dict[str, Any]) -> float:
        """Nose to tail tip of the straight fish, plan units (the SDF's bounds are padded by the blends)."""
        plan = self.plan
        tl = plan.tail_len * float(p["fin_size"])
        reach = {"fan": 0.95, "veil": 1.25 * 0.5, "forked": float(np.cos(np.radians(40.0))),
                 "lunate": float(np.cos(np.radians(55.0)))}[p["tail_shape"]]
        return plan.body_len + tl * reach

    @staticmethod
    def _bent(q: np.ndarray, rate: float = BEND) -> np.ndarray:
        """Where :meth:`SDF.bend` (along z, toward x) moves the point ``q``."""
        radius = 1.0 / rate
        x, z = q[0], q[2]
        theta = z / radius
        r = radius - x
        return np.array([radius - r * np.cos(theta), q[1], r * np.sin(theta)])

    def _bent_dir(self, q: np.ndarray, d: np.ndarray) -> np.ndarray:
        out = self._bent(q + d * 1e-3) - self._bent(q)
        return out / np.linalg.norm(out)
