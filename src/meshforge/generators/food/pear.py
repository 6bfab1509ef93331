"""Pear: a lathed pear, a round bottom bulb narrowing through a soft neck to a small top, with
hand-made irregularity, a curved stem and an optional leaf.

Default: a 10 cm tall pear, 6.5 cm across the bulb.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from meshforge.core.model import Model
from meshforge.generators.base import Generator, Param, SizeEnvelope, Slot, register
from meshforge.generators.food._fruit import leaf, revolve, stem


def pear_profile(R: float, H: float, neck: float, n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """(radius, height) bottom pole to top pole: a bulb of radius R, a top lobe ``neck`` * R, H tall."""
    rt = R * neck
    cb, ct = R, H - rt
    fine = np.linspace(0.0, H, 400)
    rb = np.sqrt(np.clip(R**2 - (fine - cb) ** 2, 0, None))
    rtop = np.sqrt(np.clip(rt**2 - (fine - ct) ** 2, 0, None))
    # the neck: the tangent cone between the two lobes, then every concave crease filled by smoothing
    t = np.clip((fine - cb) / max(ct - cb, 1e-9), 0, 1)
    neck_r = np.where((fine > cb) & (fine < ct), R + (rt - R) * t, 0.0)
    hard = np.maximum.reduce([rb, rtop, neck_r * 0.92])
    sigma = 0.07 * H / (H / 399)
    kx = np.arange(-int(3 * sigma), int(3 * sigma) + 1)
    kernel = np.exp(-0.5 * (kx / sigma) ** 2)
    kernel /= kernel.sum()
    padded = np.pad(hard, len(kx) // 2, mode="edge")
    smooth = np.convolve(padded, kernel, mode="valid")
    fine_r = np.maximum(hard, smooth)
    y = H * (0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, n)))
    r = np.interp(y, fine, fine_r)
    r[0] = r[-1] = 0.0
    # bottom slightly flattened, top dimple for the stem
    y = y + R * 0.05 * np.exp(-((y / (H * 0.06)) ** 2))
    y = y - rt * 0.15 * np.exp(-(((H - y) / (H * 0.04)) ** 2))
    return r, y


@register
class PearGenerator(Generator):
    id = "pear"
    name = "Pear"
    family = "food"
    synonyms = ("pears", "green pear", "conference pear", "bartlett pear", "williams pear", "bosc pear",
                "asian pear", "nashi")
    description = (
        "A pear: a round bottom bulb narrowing through a soft neck to a smaller top, slightly irregular "
        "and leaning, with a curved woody stem and an optional leaf."
    )
    tags = ("food", "fruit", "kitchen", "still life", "gaming")
    params = (
        Param("height", "float", 0.1, 0.04, 0.2, "m", description="bottom to the top of the fruit (without stem)",
              words=("big", "large", "small", "tall"), sample_range=(0.085, 0.12)),
        Param("bulb_ratio", "float", 0.65, 0.45, 0.95, "ratio", description="bulb diameter / height",
              words=("plump", "round", "slender", "elongated"), sample_range=(0.58, 0.72)),
        Param("neck", "float", 0.55, 0.3, 0.9, "ratio", description="top lobe size / bulb size",
              words=("narrow neck", "bottle-shaped", "round"), sample_range=(0.45, 0.65)),
        Param("lean", "float", 6.0, 0.0, 20.0, "deg", description="how far the top leans over",
              words=("leaning", "crooked", "straight"), sample_range=(2.0, 10.0)),
        Param("irregularity", "float", 0.5, 0.0, 1.0, "ratio", description="hand-grown unevenness",
              words=("irregular", "perfect", "lumpy"), sample_range=(0.3, 0.7)),
        Param("stem", "bool", True, description="a woody stem", words=("with stem", "stemless"), p_true=0.9),
        Param("leaf", "bool", False, description="a leaf on the stem", words=("with a leaf", "leafy"), p_true=0.3),
    )
    slots = (
        Slot("skin", "fruit_skin", color="#A8B840", words=("skin", "peel", "pear"),
             colors=("#A8B840", "#C9B447", "#9A6A32", "#B8C25A", "#C0572E"), description="the skin"),
        Slot("stem", "bark", color="#5A4030", words=("stem", "stalk"), description="the stem"),
        Slot("leaf", "foliage", color="#4F8A2E", words=("leaf",), description="the leaf"),
    )
    size = SizeEnvelope(min=(0.015, 0.035, 0.015), max=(0.24, 0.3, 0.24))

    def create(self, p: dict[str, Any], rng: np.random.Generator) -> Model:
        model = Model(self.id)
        H = p["height"]
        R = H * p["bulb_ratio"] / 2
        r, y = pear_profile(R, H, p["neck"])
        body = revolve(r, y, segments=40, seed=int(rng.integers(1 << 30)), irregularity=R * 0.05 * p["irregularity"])
        # lean: shear the upper part sideways, growing with the height above the bulb
        a = rng.uniform(0, 2 * np.pi)
        v = body.vertices.copy()
        t = np.clip((v[:, 1] - R) / max(H - R, 1e-9), 0, 1)
        shift = np.tan(np.radians(p["lean"])) * (H - R) * t**2
        v[:, 0] += np.cos(a) * shift
        v[:, 2] += np.sin(a) * shift
        body.vertices = v
        body = body.with_normals(80.0)
        model.add("pear", body, self.material("skin"))
        if p["stem"]:
            top_shift = np.tan(np.radians(p["lean"])) * (H - R)
            base = np.array([np.cos(a) * top_shift, y.max() - R * p["neck"] * 0.12, np.sin(a) * top_shift])
            model.add("stem", stem(base, H * 0.25, max(R * 0.05, 0.0012), rng), self.material("stem"))
            if p["leaf"]:
                model.add("leaf", leaf(base + np.array([0, H * 0.1, 0]), R * 1.2, rng), self.material("leaf"))
        return model
