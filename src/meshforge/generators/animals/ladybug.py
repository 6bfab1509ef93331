"""Ladybug: a stylized ladybird beetle: a glossy red dome of two wing cases with black spots and a black
seam, a black head and pronotum with white patches, short antennae and six little legs; the wing cases
can open to show the flight wings.

Default: 8 mm long.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.animals import _insect as insect
from meshforge.generators.animals import _soft as soft
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import sdf

RESOLUTION = 72


@register
class LadybugGenerator(Generator):
    id = "ladybug"
    name = "Ladybug"
    family = "animals"
    synonyms = ("ladybird", "lady bug", "ladybird beetle", "lady beetle", "beetle", "bug", "coccinellid")
    description = (
        "A stylized ladybug: a glossy red dome of two wing cases with black spots and a black seam, a black head "
        "with white patches, short antennae and six little legs; the wing cases can open to show the wings."
    )
    tags = ("animal", "insect", "bug", "creature", "nature", "gaming", "toy")
    params = (
        Param("size", "float", 0.008, 0.004, 0.05, "m", description="body length", words=("big", "small", "giant", "tiny"),
              sample_range=(0.007, 0.01)),
        Param("spots", "int", 7, 0, 16, "count", description="black spots on the wing cases",
              words=("seven spots", "two spots", "spotted", "no spots"), sample_range=(2, 11)),
        Param("dome_height", "float", 1.0, 0.7, 1.4, "ratio", description="height of the dome",
              words=("domed", "flat", "round"), sample_range=(0.9, 1.15)),
        Param("spot_size", "float", 1.0, 0.5, 1.6, "ratio", description="size of the spots",
              words=("big spots", "small spots"), sample_range=(0.8, 1.25)),
        Param("wings_open", "bool", False, description="wing cases lifted, flight wings out",
              words=("flying", "open wings", "wings open"), p_true=0.2),
        Param("cartoon", "float", 0.3, 0.0, 1.0, "ratio", description="0 = natural, 1 = big head and eyes",
              words=("cartoon", "cute", "stylized", "realistic"), sample_range=(0.1, 0.6)),
    )
    slots = (
        Slot("shell", "glossy_plastic", color="#D7261E", words=("shell", "wing cases", "back", "red", "ladybug"),
             colors=("#D7261E", "#E8432A", "#F0A020", "#C01818"), description="the red wing cases"),
        Slot("markings", "glossy_plastic", color="#141212", words=("spots", "head", "legs", "black"),
             description="spots, head, underside and legs"),
        Slot("eyes", "glossy_plastic", color="#F4F2EE", words=("eyes", "white patches", "face"),
             description="white patches and eyes"),
        Slot("wings", "frosted_glass", color="#E6EEF0", words=("wings", "flight wings"), description="flight wings"),
    )
    size = SizeEnvelope(min=(0.00241, 0.00101, 0.0032), max=(0.0975, 0.0348, 0.0752))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        c = float(p["cartoon"])
        h = 0.3 * float(p["dome_height"])
        shell_c = np.array([0.0, 0.14, -0.05])
        radii = np.array([0.42, h, 0.5])
        head_c = np.array([0.0, 0.16, 0.47])
        head_r = 0.16 * (1 + 0.4 * c)
        opened = bool(p["wings_open"])

        def halves(min_t: float) -> list[sdf.SDF]:
            dome = sdf.ellipsoid(radii, center=shell_c)
            cut = sdf.half_space((0, -1, 0), shell_c - np.array([0, 0.02, 0]))
            out = []
            for sgn in (1, -1):
                half = sdf.intersection(dome, cut, sdf.half_space((-sgn, 0, 0), (sgn * 0.004, 0, 0)), k=min_t)
                if opened:
                    hinge = np.array([sgn * 0.02, shell_c[1] + h * 0.8, 0.3])
                    half = half.rotate("z", sgn * -40.0, about=hinge).rotate("y", sgn * 25.0, about=hinge)
                out.append(half)
            return out

        def under(min_t: float) -> sdf.SDF:
            r = max(0.035, min_t * 0.6)
            pieces: list[tuple[sdf.SDF, float]] = [
                (sdf.ellipsoid((0.38, 0.11, 0.46), center=shell_c + np.array([0, -0.01, 0])), 0.0),
                (sdf.ellipsoid((0.3, 0.13, 0.16), center=(0, 0.17, 0.36)), 0.04),
                (sdf.ellipsoid((head_r * 1.1, head_r * 0.8, head_r), center=head_c), 0.03),
            ]
            hips = [np.array([0.18, 0.09, dz]) for dz in (0.18, 0.0, -0.18)]
            pieces += insect.legs(hips, spread=0.2, reach=0.1, radius=r, ground=0.0)
            pieces += insect.antennae(head_c + np.array([head_r * 0.4, head_r * 0.4, head_r * 0.6]),
                                      length=0.16, radius=max(0.018, min_t * 0.55), club=0.03, elbow=False)
            return soft.blend(pieces)

        def on_dome(x: float, z: float) -> np.ndarray:
            u = min((x / radii[0]) ** 2 + ((z - shell_c[2]) / radii[2]) ** 2, 0.97)
            return np.array([x, shell_c[1] + h * np.sqrt(1 - u), z])

        def spot_regions() -> list[sdf.SDF]:
            n = int(p["spots"])
            out: list[sdf.SDF] = []
            r = 0.075 * float(p["spot_size"]) * (1 + 0.2 * c)
            if n % 2 == 1:
                out.append(sdf.sphere(r * 1.1, on_dome(0.0, radii[2] * 0.55 + shell_c[2])))
            pairs = n // 2
            for i in range(pairs):
                t = (i + 0.5) / max(pairs, 1)
                az = 20.0 + 70.0 * ((i * 0.618) % 1.0)
                z = radii[2] * (0.55 - 1.15 * t)
                x = radii[0] * (0.35 + 0.5 * np.sin(np.radians(az)))
                for sgn in (1, -1):
                    out.append(sdf.sphere(r, on_dome(sgn * x, z + shell_c[2])))
            if not opened:
                out.append(sdf.box((0.03, 1.0, 1.2), center=(0, shell_c[1] + 0.5, shell_c[2])))
            return out

        ref = sdf.union(*halves(0.0), under(0.0))
        extent = float(np.ptp(ref.bounds, axis=0).max())
        min_t = 2.0 * extent / RESOLUTION
        # head front to the back of the wing cases (the blended bounds are padded)
        s = float(p["size"]) / float(head_c[2] + head_r - (shell_c[2] - radii[2]))
        voxel = extent * s / RESOLUTION
        shell_mat, black = self.material("shell"), self.material("markings")
        spots = spot_regions()
        for sgn, half in zip((1, -1), halves(min_t), strict=True):
            side = "right" if sgn > 0 else "left"
            half_m = soft.scaled(half, s)
            model.add(f"wing_case_{side}", soft.mesh(half_m, voxel, atlas=False), shell_mat)
            mine = [sp for sp in spots if float(sp.bounds.mean(axis=0)[0]) * sgn > -1e-6]
            if mine:
                region = sdf.union(*mine)
                if opened:
                    hinge = np.array([sgn * 0.02, shell_c[1] + h * 0.8, 0.3])
                    region = region.rotate("z", sgn * -40.0, about=hinge).rotate("y", sgn * 25.0, about=hinge)
                patch = soft.patch(half_m, soft.scaled(region, s), voxel * 0.7, voxel)
                if patch is not None:
                    model.add(f"spots_{side}", patch, black)
        body = under(min_t)
        model.add("body", soft.mesh(soft.scaled(body, s), voxel, atlas=False), black)
        white = self.material("eyes")
        for sgn in (1, -1):
            # white patches on the pronotum, and glossy eyes on the head
            at = np.array([sgn * 0.17, 0.25, 0.42])
            model.add("patch_right" if sgn > 0 else "patch_left",
                      soft.ball(0.07 * s, at * s, squash=(1.2, 0.55, 0.9), segments=16), white)
            d = soft.direction(15.0, sgn * 50.0)
            hit = soft.surface_point(body, head_c, d, reach=1.0)
            er = head_r * 0.3 * (1 + 0.6 * c)
            model.add("eye_right" if sgn > 0 else "eye_left",
                      soft.ball(er * s, (hit - d * er * 0.5) * s, segments=16), white)
        if opened:
            wing_mat = self.material("wings")
            thick = max(0.02, min_t * 1.6)
            for sgn in (1, -1):
                wing = sdf.ellipsoid((0.45, thick / 2, 0.22), center=(sgn * 0.45, 0, 0))
                wing = wing.rotate("y", sgn * -35.0).rotate("z", sgn * 12.0).translate((sgn * 0.1, shell_c[1] + h * 0.7, 0.05))
                model.add("wing_right" if sgn > 0 else "wing_left",
                          soft.mesh(soft.scaled(wing, s), voxel, atlas=False), wing_mat)
        return model
