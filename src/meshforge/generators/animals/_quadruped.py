"""The quadruped body plan shared by cats, dogs, foxes, bears, horses, rabbits, pigs, cows, sheep, mice
and elephants.

One soft body (smooth unions of ellipsoids, round cones and tapered tube chains) is laid out from a
:class:`Plan` of proportions in plan units (nose tip to rump about 1), posed (standing, walking, sitting
or lying), scaled so the nose-to-rump length equals the ``size`` parameter and meshed once. Glossy
eyes and the nose are small separate parts; markings (white chest, socks, patches) and details
(hooves, nose leather, inner ears, tusks) are patches grown a hair above the body's surface, so they
follow it exactly. A species is a thin subclass: a plan, names, colours and, when it needs them,
extra shapes (trunk, horns, mane) and marking regions.

The animal faces +Z, Y up; the origin ends up at the bottom centre of its bounding box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.animals import _soft as soft
from meshforge.generators.base import Generator, Param, Slot
from meshforge.geometry import sdf

POSES = ("standing", "walking", "sitting", "lying")
EYE_SLOT = Slot("eyes", "glossy_plastic", color="#101010", words=("eyes", "eye"), description="glossy eyes")


@dataclass(frozen=True)
class Plan:
    """Proportions of one species in plan units (nose tip to rump is about 1)."""

    trunk_len: float = 0.55  # full length of the trunk
    trunk_h: float = 0.12  # half height of the trunk
    trunk_w: float = 0.10  # half width of the trunk
    chest: float = 1.0  # chest radius / trunk_h
    rump: float = 0.95  # rump radius / trunk_h
    belly: float = 0.0  # belly sag below the trunk (plan units)
    height: float = 0.40  # trunk centre above the ground, standing
    leg_r: float = 0.032  # upper leg radius
    thigh: float = 1.7  # hind thigh radius / leg_r
    foot_r: float = 0.03  # paw / hoof radius
    foot: str = "paw"  # paw | hoof | pad
    straight_legs: bool = False  # column legs (elephant)
    sprawl: float = 0.0  # feet this far out sideways from the hips, elbows out (lizards, turtles)
    leg_x: float = 0.62  # legs apart, fraction of trunk_w
    neck_len: float = 0.1
    neck_angle: float = 40.0  # degrees above horizontal
    neck_r: float = 0.055
    head_r: float = 0.085
    head_len: float = 1.1  # head length / head_r
    head_w: float = 0.9  # head half width / head_r
    head_h: float = 0.9  # head half height / head_r
    sit_pitch: float = 38.0  # trunk pitch when sitting, degrees
    snout_len: float = 0.07
    snout_r: float = 0.042
    snout_tip: float = 0.75  # tip radius / base radius
    snout_drop: float = 12.0  # degrees below horizontal
    nose: str = "ball"  # ball | muzzle | disc
    eye_r: float = 0.16  # / head_r
    eye_elev: float = 18.0
    eye_azim: float = 42.0
    ear: str = "pointed"  # pointed | round | oval
    ear_len: float = 0.07
    ear_w: float = 0.055
    ear_thick: float = 0.3  # / ear_w
    ear_elev: float = 55.0  # where the ear sits on the head
    ear_azim: float = 45.0
    ear_roll: float = 18.0  # lean outward
    ear_pitch: float = 0.0  # lean forward (+) or back (-)
    ear_yaw: float = 0.0
    ear_out: float = 0.82  # ear root distance from the head centre, fraction of the head's radius
    tail: str = "long"  # long | wag | trailing | bushy | short | puff | curly | tuft | flowing | none
    tail_len: float = 0.45
    tail_r: float = 0.02
    tail_lift: float = 35.0  # degrees above horizontal at the root
    extra: frozenset[str] = field(default_factory=frozenset)


@dataclass
class Layout:
    """Key points (plan units, posed) that species hooks use to add shapes and markings."""

    plan: Plan
    pose: str
    cartoon: float
    trunk_c: np.ndarray
    chest_c: np.ndarray
    rump_c: np.ndarray
    pitch: float  # trunk pitch, degrees (nose up > 0)
    neck_a: np.ndarray
    neck_b: np.ndarray
    head_c: np.ndarray
    head_radii: np.ndarray
    snout_a: np.ndarray
    snout_b: np.ndarray
    snout_dir: np.ndarray
    snout_r: float
    feet: list[np.ndarray]  # front right, front left, hind right, hind left (paw centres)
    leg_tops: list[np.ndarray]
    tail_pts: np.ndarray
    leg_height: float
    min_t: float = 0.0  # thinnest feature that meshes cleanly (about two voxels), plan units
    voxel: float = 0.0  # meshing voxel, meters
    snout_scale: float = 1.0  # the snout_length parameter with the cartoon shortening (elephant trunks)

    def trunk_point(self, local: np.ndarray | tuple[float, float, float]) -> np.ndarray:
        """Posed position of a point given relative to the trunk centre in the standing trunk frame."""
        q = np.asarray(local, dtype=np.float64)
        a = math.radians(self.pitch)
        rot = np.array([[1, 0, 0], [0, math.cos(a), math.sin(a)], [0, -math.sin(a), math.cos(a)]])
        return self.trunk_c + rot @ q


def quadruped_params(size: float, size_range: tuple[float, float], *, pose: str = "standing",
                     noun: str = "animal", cartoon: float = 0.3, poses: tuple[str, ...] = POSES) -> tuple[Param, ...]:
    """The shared parameter schema; ``size`` is the nose-to-rump length in meters."""
    lo, hi = size_range
    return (
        Param("size", "float", size, lo, hi, "m", description=f"nose-to-rump length of the {noun} (tail not included)",
              words=("big", "small", "large", "tiny", "baby", "giant"),
              sample_range=(size * 0.85, size * 1.15)),
        Param("pose", "choice", pose, choices=poses, description="standing, mid-stride, sitting on its haunches or lying",
              words=("standing", "walking", "sitting", "lying", "resting", "lying down")),
        Param("leg_length", "float", 1.0, 0.7, 1.35, "ratio", description="leg length relative to the species",
              words=("long legs", "short legs", "leggy", "stubby"), sample_range=(0.9, 1.12)),
        Param("ear_size", "float", 1.0, 0.6, 1.6, "ratio", description="ear size relative to the species",
              words=("big ears", "small ears"), sample_range=(0.85, 1.2)),
        Param("tail_length", "float", 1.0, 0.5, 1.5, "ratio", description="tail length relative to the species",
              words=("long tail", "short tail", "bobtail"), sample_range=(0.8, 1.2)),
        Param("snout_length", "float", 1.0, 0.6, 1.5, "ratio", description="snout length relative to the species",
              words=("long snout", "short snout", "long muzzle", "flat face"), sample_range=(0.85, 1.15)),
        Param("chubbiness", "float", 1.0, 0.8, 1.3, "ratio", description="body girth relative to the species",
              words=("fat", "chubby", "plump", "slim", "skinny"), sample_range=(0.92, 1.12)),
        Param("cartoon", "float", cartoon, 0.0, 1.0, "ratio",
              description="0 = natural proportions, 1 = big head, big eyes, short legs (chibi)",
              words=("cartoon", "cute", "chibi", "stylized", "realistic", "kawaii"), sample_range=(0.1, 0.6)),
    )


class QuadrupedGenerator(Generator):
    """Base of the four-legged animals (not registered itself). Subclasses set ``plan`` and the schema."""

    family = "animals"
    plan: ClassVar[Plan] = Plan()
    #: voxels along the longest side of the posed animal
    resolution: ClassVar[int] = 84
    #: material slot of the soft body
    body_slot: ClassVar[str] = "body"
    tags = ("animal", "creature", "nature", "gaming", "toy")

    # ------------------------------------------------------------------ species hooks
    def extra_shapes(self, g: Layout) -> list[tuple[sdf.SDF, float]]:
        """Species shapes blended into the body (trunk, horns, mane...) with their blend radii, plan units."""
        return []

    def marking_regions(self, g: Layout, rng: np.random.Generator) -> list[sdf.SDF]:
        """Regions of the body painted with the ``markings`` slot."""
        return []

    def detail_regions(self, g: Layout) -> list[sdf.SDF]:
        """Regions painted with the ``details`` slot (hooves, nose leather, inner ears)."""
        regions: list[sdf.SDF] = []
        if g.plan.foot == "hoof":
            regions.append(self.hoof_region(g))
        if g.plan.nose == "muzzle":
            tip = g.snout_b + g.snout_dir * g.snout_r * 0.2
            regions.append(sdf.sphere(g.snout_r * 1.05, tip))
        return regions

    @staticmethod
    def hoof_region(g: Layout, height: float = 1.0) -> sdf.SDF:
        h = g.plan.foot_r * 1.6 * height
        return sdf.box((4.0, 2 * h, 4.0), center=(0, 0, 0))

    def separate_parts(self, g: Layout, s: float, model: Model) -> None:
        """Species parts that are not blended into the body (tusks...), in meters (``s`` = meters per plan unit)."""

    # ------------------------------------------------------------------ layout
    def layout(self, p: dict[str, Any], pose: str) -> Layout:
        c = float(p["cartoon"])
        base = self.plan
        fat = float(p["chubbiness"])
        plan = replace(
            base,
            trunk_h=base.trunk_h * fat,
            trunk_w=base.trunk_w * fat,
            leg_r=base.leg_r * (0.5 + 0.5 * fat) * (1 + 0.15 * c),
            head_r=base.head_r * (1 + 0.45 * c),
            snout_len=base.snout_len * p["snout_length"] * (1 - 0.3 * c),
            ear_len=base.ear_len * p["ear_size"] * (1 + 0.2 * c),
            ear_w=base.ear_w * p["ear_size"] * (1 + 0.2 * c),
            tail_len=base.tail_len * p["tail_length"],
            neck_len=base.neck_len * (1 - 0.25 * c),
        )
        legs = float(p["leg_length"]) * (1 - 0.22 * c)
        th, tl = plan.trunk_h, plan.trunk_len
        rest_y = th * 0.45 + plan.belly
        yb = rest_y + (plan.height - rest_y) * legs
        leg_height = yb
        pitch = 0.0
        if pose == "sitting":
            pitch = plan.sit_pitch if not plan.straight_legs else 30.0
            rump_r = th * plan.rump
            # pivot about the rump so that the haunches rest on the ground
            a = math.radians(pitch)
            rz = -tl / 2 + rump_r * 0.8
            yb = rump_r * 0.95 - (math.sin(a) * rz)
            trunk_c = np.array([0.0, yb, 0.0])
        elif pose == "lying":
            trunk_c = np.array([0.0, th * 0.98 + plan.belly, 0.0])
        else:
            trunk_c = np.array([0.0, yb, 0.0])
        g = Layout(plan=plan, pose=pose, cartoon=c, trunk_c=trunk_c, chest_c=trunk_c, rump_c=trunk_c, pitch=pitch,
                   neck_a=trunk_c, neck_b=trunk_c, head_c=trunk_c, head_radii=np.ones(3), snout_a=trunk_c,
                   snout_b=trunk_c, snout_dir=np.array([0.0, 0, 1]), snout_r=plan.snout_r, feet=[], leg_tops=[],
                   tail_pts=np.zeros((2, 3)), leg_height=leg_height)
        g.chest_c = g.trunk_point((0, th * 0.05, tl / 2 - th * plan.chest * 0.8))
        g.rump_c = g.trunk_point((0, th * 0.02, -tl / 2 + th * plan.rump * 0.8))
        # neck and head keep the world's horizon (a sitting animal still looks ahead)
        g.neck_a = g.trunk_point((0, th * 0.45, tl / 2 - th * 0.5))
        neck_angle = plan.neck_angle + (22.0 if pose == "sitting" else 0.0)
        neck_angle = min(neck_angle, 82.0)
        nd = soft.direction(neck_angle, 0.0)
        g.neck_b = g.neck_a + nd * plan.neck_len * (0.6 if pose == "sitting" else 1.0)
        hr = plan.head_r
        g.head_radii = np.array([hr * plan.head_w, hr * plan.head_h, hr * plan.head_len])
        g.head_c = g.neck_b + nd * hr * 0.35
        drop = math.radians(plan.snout_drop)
        g.snout_dir = np.array([0.0, -math.sin(drop), math.cos(drop)])
        g.snout_r = plan.snout_r * (1 + 0.2 * c)
        g.snout_a = g.head_c + np.array([0.0, -0.28 * hr, g.head_radii[2] * 0.5])
        g.snout_b = g.snout_a + g.snout_dir * max(plan.snout_len, 1e-3)
        g.snout_scale = float(p["snout_length"]) * (1 - 0.3 * c)
        self._legs(g, legs)
        g.tail_pts = self._tail_points(g)
        return g

    def _legs(self, g: Layout, legs: float) -> None:
        plan, pose = g.plan, g.pose
        th, tl, tw = plan.trunk_h, plan.trunk_len, plan.trunk_w
        fx, hx = tw * plan.leg_x, tw * plan.leg_x * 1.05
        zs = tl / 2 - th * plan.chest * 0.85
        zh = -tl / 2 + th * plan.rump * 0.95
        fr = plan.foot_r
        g.leg_tops = []
        g.feet = []
        for side in (1, -1):
            g.leg_tops.append(g.trunk_point((side * fx, -th * 0.15, zs)))
        for side in (1, -1):
            g.leg_tops.append(g.trunk_point((side * hx, 0.0, zh)))
        lh = g.leg_height
        swing = 18.0 if pose == "walking" else 0.0
        for i, top in enumerate(g.leg_tops):
            if pose == "lying":
                ahead = lh * (0.55 if i < 2 else 0.3)
                foot = np.array([top[0] * (1.0 if i < 2 else 1.25), fr, top[2] + ahead])
            elif pose == "sitting" and i >= 2:
                foot = np.array([top[0] * 1.1, fr, top[2] + lh * 0.45])
            else:
                phase = (1 if i in (0, 3) else -1) * swing
                reach = (top[1] - fr) * math.tan(math.radians(phase))
                foot = np.array([top[0], fr, top[2] + reach + (0.02 * lh if i < 2 else -0.05 * lh)])
                if plan.sprawl > 0:
                    foot[0] += math.copysign(plan.sprawl, top[0])
                    foot[2] += (0.3 if i < 2 else -0.3) * plan.sprawl
            g.feet.append(foot)

    def _tail_points(self, g: Layout) -> np.ndarray:
        plan = g.plan
        th, tl = plan.trunk_h, plan.trunk_len
        root = g.trunk_point((0, th * 0.45, -tl / 2 - th * 0.02))
        n = plan.tail_len
        if g.pose in ("sitting", "lying") and plan.tail in ("long", "bushy", "flowing", "tuft"):
            # the tail rests on the ground, curling forward around one side
            y = plan.tail_r * (1.8 if plan.tail == "bushy" else 1.05)
            side = g.plan.trunk_w * 1.15
            p1 = root + np.array([0.0, -0.3, -0.25]) * n
            p1[1] = max(p1[1], y)
            p2 = np.array([side * 0.9, y, root[2] - 0.25 * n])
            p3 = np.array([side * 1.1, y, root[2] + 0.35 * n])
            return soft.bezier(root, p1, p2, p3, 8)
        lift = math.radians(plan.tail_lift)
        d0 = np.array([0.0, math.sin(lift), -math.cos(lift)])
        if plan.tail == "long":
            # an S: out behind the rump, then up, the tip curling back
            p1 = root + (d0 * 0.3 + np.array([0.0, -0.05, -0.3])) * n
            p2 = root + np.array([0.0, 0.45, -0.6]) * n
            p3 = root + np.array([0.0, 0.75, -0.42]) * n
            return soft.bezier(root, p1, p2, p3, 9)
        if plan.tail == "wag":
            p1 = root + d0 * n * 0.45
            p2 = root + np.array([0.0, 0.7, -0.45]) * n
            p3 = root + np.array([0.0, 0.85, -0.2]) * n
            return soft.bezier(root, p1, p2, p3, 7)
        if plan.tail == "trailing":
            p1 = root + np.array([0.0, -0.05, -0.35]) * n
            p2 = np.array([root[0] + 0.25 * n, plan.tail_r, root[2] - 0.6 * n])
            p3 = np.array([root[0] + 0.45 * n, plan.tail_r, root[2] - 0.75 * n])
            return soft.bezier(root, p1, p2, p3, 10)
        if plan.tail in ("bushy", "flowing", "tuft"):
            p1 = root + d0 * n * 0.35
            p2 = root + np.array([0.0, -0.4, -0.5]) * n
            p3 = root + np.array([0.0, -0.8, -0.45]) * n
            p3[1] = max(p3[1], plan.tail_r * 1.5)
            p2[1] = max(p2[1], plan.tail_r * 1.5)
            return soft.bezier(root, p1, p2, p3, 8)
        if plan.tail == "curly":
            t = np.linspace(0, 1, 10)
            ang = t * 2.6 * math.pi
            rad = n * 0.22
            pts = np.stack([rad * np.sin(ang) * 0.8, rad * (1 - np.cos(ang)) * 0.6 + t * n * 0.2,
                            -t * n * 0.45 - rad * np.sin(ang) * 0.3], axis=1)
            return root + pts
        # short stub, puff or none: a short straight piece
        return np.stack([root, root + d0 * n])

    # ------------------------------------------------------------------ shapes
    def body_shape(self, g: Layout) -> sdf.SDF:
        plan = g.plan
        th, tl, tw = plan.trunk_h, plan.trunk_len, plan.trunk_w

        def posed(shape: sdf.SDF) -> sdf.SDF:
            return shape.rotate("x", -g.pitch).translate(g.trunk_c)

        pieces: list[tuple[sdf.SDF, float]] = [
            (posed(sdf.ellipsoid((tw, th, tl / 2))), 0.0),
            (posed(sdf.ellipsoid((tw * plan.chest, th * plan.chest, th * plan.chest),
                                 center=(0, th * 0.05, tl / 2 - th * plan.chest * 0.8))), th * 0.5),
            (posed(sdf.ellipsoid((tw * plan.rump, th * plan.rump, th * plan.rump),
                                 center=(0, th * 0.02, -tl / 2 + th * plan.rump * 0.8))), th * 0.5),
        ]
        if plan.belly > 0:
            belly = sdf.ellipsoid((tw * 0.85, th * 0.7, tl * 0.3), center=(0, -th * 0.35 - plan.belly, 0))
            pieces.append((posed(belly), th * 0.5))
        pieces.append((sdf.round_cone(g.neck_a, g.neck_b, plan.neck_r * 1.25, plan.neck_r), th * 0.6))
        pieces.append((sdf.ellipsoid(g.head_radii, center=g.head_c), plan.head_r * 0.6))
        if plan.snout_len > 1e-3:
            if plan.nose == "disc":
                pieces.append((sdf.capsule(g.snout_a, g.snout_b, g.snout_r), plan.head_r * 0.45))
                disc = sdf.cylinder_between(g.snout_b - g.snout_dir * g.snout_r * 0.6,
                                            g.snout_b + g.snout_dir * g.snout_r * 0.35,
                                            g.snout_r * 1.05, bevel=g.snout_r * 0.25)
                pieces.append((disc, g.snout_r * 0.3))
            else:
                snout = sdf.round_cone(g.snout_a, g.snout_b, g.snout_r, g.snout_r * plan.snout_tip)
                pieces.append((snout, plan.head_r * 0.45))
        for leg in self._leg_shapes(g):
            pieces.append((leg[0], plan.leg_r * 1.6))
            pieces += [(seg, plan.leg_r * 0.6) for seg in leg[1:]]
        tail = self._tail_shape(g)
        if tail:
            pieces.append((tail[0], plan.tail_r * 1.5))
            pieces += [(seg, plan.tail_r * 0.3) for seg in tail[1:]]
        for ear in self._ear_shapes(g):
            pieces.append((ear, plan.ear_w * 0.25))
        pieces += self.extra_shapes(g)
        return soft.blend(pieces)

    def _leg_shapes(self, g: Layout) -> list[list[sdf.SDF]]:
        """Per leg, its pieces from the body down to the foot."""
        plan, pose = g.plan, g.pose
        r, fr = plan.leg_r, plan.foot_r
        thigh_r = r * plan.thigh
        legs: list[list[sdf.SDF]] = []
        for i, (top, foot) in enumerate(zip(g.leg_tops, g.feet, strict=True)):
            out: list[sdf.SDF] = []
            legs.append(out)
            hind = i >= 2
            if pose == "lying" or (pose == "sitting" and hind):
                if hind:
                    haunch_c = np.array([top[0] * 1.15, max(thigh_r * 1.2, top[1] * 0.7), top[2] + thigh_r * 0.3])
                    if pose == "sitting":
                        haunch_c[1] = thigh_r * 1.1
                    haunch = sdf.ellipsoid((thigh_r * 0.8, thigh_r * 1.15, thigh_r * 1.5), center=haunch_c)
                    heel = np.array([foot[0], fr, haunch_c[2] - thigh_r * 0.9])
                    shin = sdf.round_cone(heel, foot, fr * 1.05, fr)
                    link = sdf.round_cone(top, haunch_c, r * 1.2, thigh_r * 0.9)
                    out += [link, haunch, shin]
                else:
                    elbow = np.array([top[0], max(fr * 1.4, r * 1.2), top[2] + 0.1 * g.leg_height])
                    out.append(sdf.round_cone(top, elbow, r * 1.15, r))
                    out.append(sdf.round_cone(elbow, foot, r * 0.95, fr))
                out.append(self._foot(foot, fr, flat=True))
                continue
            down = top - foot
            if plan.sprawl > 0:
                elbow = np.array([(top[0] + foot[0] * 1.1) / 2 + math.copysign(plan.sprawl * 0.25, top[0]),
                                  top[1] + r * 0.3, (top[2] + foot[2]) / 2])
                out.append(sdf.round_cone(top, elbow, thigh_r if hind else r * 1.2, r))
                out.append(sdf.round_cone(elbow, foot + np.array([0, fr * 0.5, 0]), r, fr * 0.85))
            elif plan.straight_legs:
                mid = (top + foot) / 2
                out.append(sdf.round_cone(top, mid, r * 1.15, r))
                out.append(sdf.round_cone(mid, foot + np.array([0, fr * 0.5, 0]), r, fr))
            elif not hind:
                elbow = foot + down * 0.52 + np.array([0, 0, -0.04 * g.leg_height])
                out.append(sdf.round_cone(top, elbow, r * 1.25, r * 0.85))
                out.append(sdf.round_cone(elbow, foot + np.array([0, fr * 0.6, 0]), r * 0.85, fr * 0.8))
            else:
                lh = top[1] - foot[1]
                knee = top + np.array([0, -0.45 * lh, 0.12 * lh])
                hock = foot + np.array([0, 0.3 * lh, -0.1 * lh])
                out.append(sdf.round_cone(top, knee, thigh_r, r * 0.95))
                out.append(sdf.round_cone(knee, hock, r * 0.95, r * 0.7))
                out.append(sdf.round_cone(hock, foot + np.array([0, fr * 0.6, 0]), r * 0.7, fr * 0.8))
            out.append(self._foot(foot, fr, flat=False))
        return legs

    def _foot(self, at: np.ndarray, fr: float, flat: bool) -> sdf.SDF:
        foot = self.plan.foot
        if foot == "hoof":
            return sdf.cylinder_between(at - np.array([0, fr, 0]), at + np.array([0, fr * 0.9, 0]), fr,
                                        bevel=fr * 0.3)
        if foot == "pad":
            return sdf.cylinder_between(at - np.array([0, fr, 0]), at + np.array([0, fr * 0.8, 0]), fr * 1.05,
                                        bevel=fr * 0.35)
        return sdf.ellipsoid((fr, fr * 0.75, fr * 1.35), center=at + np.array([0, -fr * 0.25, fr * 0.3]))

    def _tail_shape(self, g: Layout) -> list[sdf.SDF]:
        """The tail's pieces from the root outward (empty for none)."""
        plan = g.plan
        pts, r, n = g.tail_pts, plan.tail_r, plan.tail_len
        style = plan.tail
        if style == "none" or n < 1e-3:
            return []
        if style == "puff":
            return [sdf.sphere(n * 0.5, pts[0] + (pts[-1] - pts[0]) * 0.35)]
        if style == "short":
            return [sdf.round_cone(pts[0], pts[-1], r, r * 0.7)]
        k = len(pts)
        t = np.linspace(0, 1, k)
        if style in ("long", "wag", "trailing"):
            radii = r * (1 - (0.6 if style == "trailing" else 0.35) * t)
        elif style == "bushy":
            radii = r * (1.0 + 1.6 * np.sin(np.pi * np.clip(t * 0.85 + 0.1, 0, 1))) * (1 - 0.5 * t ** 3)
        elif style == "flowing":
            radii = r * (1.0 + 0.7 * np.sin(np.pi * np.clip(t * 0.8 + 0.1, 0, 1)))
        elif style == "tuft":
            radii = r * (1 - 0.4 * t)
        else:  # curly
            radii = r * (1 - 0.45 * t)
        tail = [sdf.round_cone(pts[i], pts[i + 1], float(radii[i]), float(radii[i + 1])) for i in range(k - 1)]
        if style == "tuft":
            tip = pts[-1]
            tail.append(sdf.ellipsoid((r * 2.2, r * 4.0, r * 2.2), center=tip - np.array([0, r * 2.5, 0])))
        return tail

    def _ear_shapes(self, g: Layout) -> list[sdf.SDF]:
        plan = g.plan
        if plan.ear_len < 1e-3:
            return []
        d = soft.direction(plan.ear_elev, plan.ear_azim)
        at = g.head_c + g.head_radii * d * plan.ear_out
        w = plan.ear_w
        if plan.ear == "pointed":
            ear = soft.blade(plan.ear_len, w, w * plan.ear_thick, tip=0.15, min_thickness=g.min_t)
        else:
            ear = soft.blade(plan.ear_len, w, w * plan.ear_thick, pointed=False, min_thickness=g.min_t)
        right = soft.place(ear, at, roll=plan.ear_roll, pitch=plan.ear_pitch, yaw=plan.ear_yaw)
        at_left = at * np.array([-1.0, 1.0, 1.0])
        left = soft.place(ear, at_left, roll=-plan.ear_roll, pitch=plan.ear_pitch, yaw=-plan.ear_yaw)
        return [right, left]

    # ------------------------------------------------------------------ build
    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        g = self.layout(p, p["pose"])
        standing = self.layout(p, "standing")
        length = float(standing.snout_b[2] + standing.snout_r * standing.plan.snout_tip
                       - (standing.rump_c[2] - standing.plan.trunk_h * standing.plan.rump * 0.95))
        s = float(p["size"]) / length
        extent = float(np.ptp(self.body_shape(g).bounds, axis=0).max())
        g.min_t = 2.0 * extent / self.resolution
        body = self.body_shape(g)
        voxel = extent * s / self.resolution
        g.voxel = voxel
        body_m = soft.scaled(body, s)
        model.add("body", soft.mesh(body_m, voxel, atlas=False), self.material(self.body_slot))

        lift = voxel * 0.7
        marks = self.marking_regions(g, rng)
        if marks:
            region = soft.scaled(sdf.union(*marks), s)
            patch = soft.patch(body_m, region, lift, voxel)
            if patch is not None:
                model.add("markings", patch, self.material("markings"))
        details = self.detail_regions(g)
        if details:
            region = soft.scaled(sdf.union(*details), s)
            patch = soft.patch(body_m, region, lift * 1.6 if marks else lift, voxel)
            if patch is not None:
                model.add("details", patch, self.material("details"))

        # eyes: glossy balls half sunk into the head, looking ahead and to the side
        plan = g.plan
        er = plan.eye_r * plan.head_r * (1 + 0.9 * g.cartoon)
        dirs = np.array([soft.direction(plan.eye_elev, plan.eye_azim), soft.direction(plan.eye_elev, -plan.eye_azim)])
        hits = soft.surface_point(body, np.repeat(g.head_c[None], 2, axis=0), dirs, reach=plan.head_r * 3)
        eye_mat = self.material("eyes")
        for name, hit, dvec in zip(("eye_right", "eye_left"), hits, dirs, strict=True):
            model.add(name, soft.ball(er * s, (hit - dvec * er * 0.4) * s, segments=20), eye_mat)
        if plan.nose == "ball" and plan.snout_len > 1e-3:
            nr = g.snout_r * plan.snout_tip * 0.55
            start = g.snout_b - g.snout_dir * g.snout_r
            hit = soft.surface_point(body, start, g.snout_dir + np.array([0, 0.35, 0]), reach=g.snout_r * 4)
            centre = hit - g.snout_dir * nr * 0.35
            model.add("nose", soft.ball(nr * s, centre * s, squash=(1.25, 0.85, 0.9), segments=18),
                      self.material("details"))
        self.separate_parts(g, s, model)
        return model
