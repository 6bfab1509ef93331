"""Ball: a sports or toy ball: soccer ball (black pentagons on white), basketball (orange with black seams),
tennis ball (yellow felt with a white curving seam) or beach ball (coloured gores with white caps). The
pattern is a set of thin patches that follow the sphere, so every panel is its own solid.

Default: a regulation soccer ball, 22 cm across; each sport has its own regulation size when
``diameter`` is 0.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.animals import _soft as soft
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.geometry import primitives as prim
from meshforge.geometry import sdf
from meshforge.geometry.uv import box_project_uvs

SPORTS = ("soccer", "basketball", "tennis", "beach")
#: Regulation diameters (m): FIFA size 5, FIBA size 7, ITF, a common inflatable beach ball.
DIAMETERS = {"soccer": 0.22, "basketball": 0.24, "tennis": 0.067, "beach": 0.4}
#: (ball, pattern, third colour) per sport.
COLORS = {
    "soccer": ("#F4F4F2", "#151515", "#151515"),
    "basketball": ("#D8671E", "#1A1410", "#1A1410"),
    "tennis": ("#D4E04A", "#F4F4F0", "#F4F4F0"),
    "beach": ("#F4F4F0", "#E0362B", "#2C6FD1"),
}
PRESETS = {"soccer": "leather", "basketball": "rubber", "tennis": "fabric", "beach": "glossy_plastic"}
RESOLUTION = 56


def _icosahedron() -> tuple[np.ndarray, np.ndarray]:
    """Unit vertices (12, 3) and the 30 edges (index pairs) of a regular icosahedron."""
    phi = (1 + math.sqrt(5)) / 2
    v = []
    for a in (-1, 1):
        for b in (-phi, phi):
            v += [(0, a, b), (a, b, 0), (b, 0, a)]
    verts = np.array(v, dtype=np.float64)
    verts /= np.linalg.norm(verts, axis=1, keepdims=True)
    d = verts @ verts.T
    edges = np.argwhere(np.triu(d > 0.4, 1))
    return verts, edges


@register
class BallGenerator(Generator):
    id = "ball"
    name = "Ball"
    family = "toys"
    synonyms = ("football", "soccer ball", "basketball", "tennis ball", "beach ball", "sports ball", "toy ball",
                "futbol", "kickball", "playground ball")
    description = (
        "A sports or toy ball: a soccer ball with black pentagons, an orange basketball with black seams, a yellow "
        "felt tennis ball with its white curving seam, or a striped beach ball; regulation size by default."
    )
    tags = ("toy", "sports", "game", "gaming", "product")
    params = (
        Param("sport", "choice", "soccer", choices=SPORTS, description="which ball and pattern",
              words=("football", "soccer", "basketball", "tennis", "beach ball")),
        Param("diameter", "float", 0.0, 0.0, 1.0, "m",
              description="diameter; 0 = the sport's regulation size (at least 2 cm otherwise)",
              words=("big", "small", "giant", "mini"), sample_range=(0.0, 0.0)),
        Param("gores", "int", 6, 4, 12, "count", description="coloured panels of a beach ball",
              words=("six panels", "stripes", "segments"), sample_range=(4, 8)),
        Param("seam_width", "float", 1.0, 0.5, 2.0, "ratio", description="width of seams and lines",
              words=("thick lines", "thin lines"), sample_range=(0.8, 1.3)),
        Param("squash", "float", 0.0, 0.0, 0.3, "ratio", description="how much the ball sags on the ground (0 = round)",
              words=("deflated", "soft", "flat", "squashed"), sample_range=(0.0, 0.04)),
    )
    slots = (
        Slot("ball", "leather", color="#F4F4F2", words=("ball", "body", "leather", "cover"), description="the ball's cover"),
        Slot("pattern", "leather", color="#151515", words=("pentagons", "panels", "seams", "lines", "stripes"),
             description="pentagons, seams or stripes"),
        Slot("accent", "glossy_plastic", color="#2C6FD1", words=("second colour", "accent", "caps"),
             description="second stripe colour of a beach ball"),
    )
    size = SizeEnvelope(min=(0.018, 0.012, 0.018), max=(1.2, 1.05, 1.2))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        sport = p["sport"]
        d = max(float(p["diameter"]), 0.02) if p["diameter"] > 0 else DIAMETERS[sport]
        r = d / 2
        squash = float(p["squash"])
        ball = sdf.sphere(r)
        if squash > 0:
            ball = ball.scale((1 + squash * 0.5, 1 - squash, 1 + squash * 0.5))
        voxel = d / RESOLUTION
        self._dress_for_sport(sport)
        mat = self.material("ball")
        body = box_project_uvs(prim.sphere(r, segments=64))
        if squash > 0:
            body = body.transformed(np.diag([1 + squash * 0.5, 1 - squash, 1 + squash * 0.5, 1.0])).with_normals(60.0)
            body = box_project_uvs(body)
        model.add("ball", body, mat)
        w = r * 0.035 * float(p["seam_width"])
        lift = voxel * 0.8
        regions, accent = self._pattern(sport, r, w, int(p["gores"]))
        for name, pieces in (("pattern", regions), ("accent", accent)):
            if not pieces:
                continue
            # only a shell under the surface: the patch needs no walls reaching into the ball
            region = sdf.difference(sdf.union(*pieces), sdf.sphere(r * 0.88))
            if squash > 0:
                region = region.scale((1 + squash * 0.5, 1 - squash, 1 + squash * 0.5))
            patch = soft.patch(ball, region, lift, voxel, simplify=0.02)
            if patch is not None:
                model.add(name, patch, self.material(name))
        return model

    def _dress_for_sport(self, sport: str) -> None:
        """Slots the recipe left at their defaults take the chosen sport's look (orange rubber for a
        basketball...); the model's metadata then records what was used."""
        presets = (PRESETS[sport], "rubber" if sport == "tennis" else PRESETS[sport], "glossy_plastic")
        for slot, preset, color in zip(("ball", "pattern", "accent"), presets, COLORS[sport], strict=True):
            default = self.slot(slot)
            spec = self._materials.get(slot)
            if spec is None or (spec.get("preset") == default.default and spec.get("color") == default.color
                                and len(spec) == 2):
                self._materials[slot] = {"preset": preset, "color": color}

    @staticmethod
    def _pattern(sport: str, r: float, w: float, gores: int) -> tuple[list[sdf.SDF], list[sdf.SDF]]:
        big = 4 * r
        if sport == "soccer":
            verts, _ = _icosahedron()
            dots = verts @ verts.T
            out = []
            for i, v in enumerate(verts):
                nbrs = verts[(dots[i] > 0.4) & (dots[i] < 0.99)]
                planes = []
                for n in nbrs:
                    # the pentagon's edge cuts a third of the way toward each neighbour (truncated icosahedron)
                    q = v + (n - v) / 3.0
                    q = q / np.linalg.norm(q)
                    normal = n - v * (n @ v)
                    normal /= np.linalg.norm(normal)
                    planes.append(sdf.half_space(normal, q * r * 1.05 - normal * w * 0.5))
                planes.append(sdf.half_space(-v, v * r * 0.5))
                # corners rounded a little: real panels are, and sharp ones fold when the patch is simplified
                out.append(sdf.intersection(*planes, k=r * 0.04) & sdf.sphere(r * 1.2))
            return out, []
        if sport == "basketball":
            lines = [sdf.box((2 * w, big, big)), sdf.box((big, 2 * w, big))]
            for sgn in (1, -1):
                ring = sdf.torus(r * 0.72, w, center=(0, 0, 0)).rotate("x", 90).translate((0, 0, sgn * r * 0.69))
                lines.append(ring)
            return lines, []
        if sport == "tennis":
            t = np.linspace(0, 2 * math.pi, 49)
            a, b = 0.75, 0.25
            curve = np.stack([a * np.cos(t) + b * np.cos(3 * t), a * np.sin(t) - b * np.sin(3 * t),
                              2 * math.sqrt(a * b) * np.sin(2 * t)], axis=1)
            curve = curve / np.linalg.norm(curve, axis=1, keepdims=True) * r
            return [soft.chain(curve, w * 1.2)], []
        # beach ball: alternating gores around the vertical axis, white caps at the poles
        first, second = [], []
        step = 360.0 / gores
        for i in range(gores):
            # the gore between angles a0 and a1 about the vertical axis (angle 0 toward +X, increasing toward +Z)
            a0 = math.radians(i * step)
            a1 = math.radians((i + 1) * step)
            n0 = np.array([math.sin(a0), 0.0, -math.cos(a0)])
            n1 = np.array([-math.sin(a1), 0.0, math.cos(a1)])
            wedge = sdf.intersection(sdf.half_space(n0), sdf.half_space(n1), k=r * 0.04) & sdf.sphere(r * 1.2)
            wedge = wedge - sdf.box((big, r * 0.36, big), center=(0, r, 0)) - sdf.box((big, r * 0.36, big), center=(0, -r, 0))
            if i % 3 == 0:
                first.append(wedge)
            elif i % 3 == 1:
                second.append(wedge)
        return first, second
