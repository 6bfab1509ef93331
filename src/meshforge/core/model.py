"""The :class:`Model`: what a generator builds and every later stage (edit, LOD, quality, export) reads.

A model is a list of named :class:`Part` objects, each a :class:`~meshforge.geometry.mesh.Mesh` in its
own local frame, a :class:`~meshforge.core.material.Material` and a 4x4 transform to model space,
plus free-form ``metadata`` (the recipe that built it, units, source). Units are meters, Y-up.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import trimesh

from meshforge.core.material import Material, linear_to_srgb
from meshforge.geometry.mesh import Mesh, concatenate


@dataclass(eq=False)
class Part:
    """One named piece of a model.

    Attributes:
        name: unique within the model (``seat``, ``leg_0``); becomes the node / object name in files.
        mesh: geometry in the part's local frame (meters).
        material: its PBR material.
        transform: (4, 4) local-to-model matrix.
    """

    name: str
    mesh: Mesh
    material: Material
    transform: np.ndarray = field(default_factory=lambda: np.eye(4))

    def __post_init__(self) -> None:
        self.transform = np.asarray(self.transform, dtype=np.float64).reshape(4, 4)

    def world_mesh(self) -> Mesh:
        """The mesh with the transform applied (model space)."""
        if np.allclose(self.transform, np.eye(4)):
            return self.mesh
        return self.mesh.transformed(self.transform)


@dataclass(eq=False)
class Model:
    """A named collection of parts plus metadata.

    Attributes:
        name: file-safe model name (``chair``).
        parts: the parts; names are unique.
        metadata: JSON-serialisable facts: ``recipe`` (dict), ``units`` ("m"), ``up`` ("Y"), ...
        lods: coarser levels of detail LOD1..LODn (each a Model with the same part names, fewer
            triangles); this model itself is LOD0. Empty when no chain was built.
        lod_screen_sizes: for LOD0..LODn, the fraction of screen height below which the next level
            is shown (Unity LOD Group / Unreal screen size convention); empty when no chain was built.
    """

    name: str
    parts: list[Part] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    lods: list[Model] = field(default_factory=list)
    lod_screen_sizes: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        names = [p.name for p in self.parts]
        if len(set(names)) != len(names):
            raise ValueError(f"part names must be unique, got {names}")
        self.metadata = dict(self.metadata)
        self.metadata.setdefault("units", "m")
        self.metadata.setdefault("up", "Y")

    # ------------------------------------------------------------------ building
    def add(self, name: str, mesh: Mesh, material: Material, transform: np.ndarray | None = None) -> Part:
        """Append a part; a name already used gets a numeric suffix (``leg`` -> ``leg_1``)."""
        used = {p.name for p in self.parts}
        unique, i = name, 1
        while unique in used:
            unique = f"{name}_{i}"
            i += 1
        part = Part(unique, mesh, material, np.eye(4) if transform is None else transform)
        self.parts.append(part)
        return part

    def __iter__(self) -> Iterator[Part]:
        return iter(self.parts)

    def __len__(self) -> int:
        return len(self.parts)

    def part(self, name: str) -> Part:
        for p in self.parts:
            if p.name == name:
                return p
        raise KeyError(f"no part named {name!r}; parts: {[p.name for p in self.parts]}")

    def copy(self) -> Model:
        return copy.deepcopy(self)

    # ------------------------------------------------------------------ facts
    @property
    def materials(self) -> list[Material]:
        """Distinct materials in first-use order (distinct by name)."""
        seen: dict[str, Material] = {}
        for p in self.parts:
            seen.setdefault(p.material.name, p.material)
        return list(seen.values())

    @property
    def triangle_count(self) -> int:
        return sum(p.mesh.triangle_count for p in self.parts)

    @property
    def vertex_count(self) -> int:
        return sum(p.mesh.vertex_count for p in self.parts)

    @property
    def bounds(self) -> np.ndarray:
        """(2, 3) model-space bounding box in meters."""
        if not self.parts:
            return np.zeros((2, 3))
        b = np.array([p.world_mesh().bounds for p in self.parts])
        return np.array([b[:, 0].min(axis=0), b[:, 1].max(axis=0)])

    @property
    def extents(self) -> np.ndarray:
        """Width (X), height (Y), depth (Z) in meters."""
        b = self.bounds
        return b[1] - b[0]

    def merged_mesh(self) -> Mesh:
        """All parts in model space as one mesh (for renders and whole-model checks)."""
        return concatenate(p.world_mesh() for p in self.parts)

    # ------------------------------------------------------------------ placement
    def placed_on_ground(self) -> Model:
        """Move the model so its bounding box's bottom centre is the origin (DESIGN.md convention)."""
        b = self.bounds
        offset = np.array([-(b[0, 0] + b[1, 0]) / 2, -b[0, 1], -(b[0, 2] + b[1, 2]) / 2])
        m = np.eye(4)
        m[:3, 3] = offset
        out = self.copy()
        for p in out.parts:
            p.transform = m @ p.transform
        return out

    def baked(self) -> Model:
        """Apply every part's transform to its mesh (identity transforms afterwards)."""
        out = self.copy()
        for p in out.parts:
            p.mesh = p.world_mesh()
            p.transform = np.eye(4)
        return out

    def summary(self) -> dict:
        """JSON-ready description: parts, triangle counts, bounds in meters, materials."""
        b = self.bounds
        return {
            "name": self.name,
            "units": self.metadata.get("units", "m"),
            "triangles": self.triangle_count,
            "vertices": self.vertex_count,
            "bounds_m": {"min": [round(float(x), 6) for x in b[0]], "max": [round(float(x), 6) for x in b[1]]},
            "size_m": [round(float(x), 6) for x in b[1] - b[0]],
            "parts": [
                {"name": p.name, "triangles": p.mesh.triangle_count, "material": p.material.name}
                for p in self.parts
            ],
            "materials": [m.to_dict() for m in self.materials],
        }

    # ------------------------------------------------------------------ trimesh interop
    def to_trimesh_scene(self) -> trimesh.Scene:
        """A ``trimesh.Scene`` with one geometry and one node per part (PBR materials, UVs, normals)."""
        scene = trimesh.Scene()
        for p in self.parts:
            tm = p.mesh.to_trimesh()
            mat = p.material
            pbr = trimesh.visual.material.PBRMaterial(
                name=mat.name,
                baseColorFactor=np.round(np.asarray(mat.base_color) * 255).astype(np.uint8),
                metallicFactor=mat.metallic,
                roughnessFactor=mat.roughness,
                emissiveFactor=list(mat.emissive),
                alphaMode=mat.alpha_mode,
                doubleSided=mat.double_sided,
                baseColorTexture=None if mat.base_color_texture is None else mat.base_color_texture.image,
                metallicRoughnessTexture=(
                    None if mat.metallic_roughness_texture is None else mat.metallic_roughness_texture.image
                ),
                normalTexture=None if mat.normal_texture is None else mat.normal_texture.image,
            )
            uv = p.mesh.uvs if p.mesh.uvs is not None else np.zeros((p.mesh.vertex_count, 2))
            tm.visual = trimesh.visual.TextureVisuals(uv=uv.copy(), material=pbr)
            scene.add_geometry(tm, node_name=p.name, geom_name=p.name, transform=p.transform)
        scene.metadata.update(copy.deepcopy(self.metadata))
        return scene

    @classmethod
    def from_trimesh_scene(cls, scene: trimesh.Scene | trimesh.Trimesh, name: str = "model") -> Model:
        """Build a model from a trimesh scene or mesh: one part per scene node, materials kept."""
        if isinstance(scene, trimesh.Trimesh):
            scene = trimesh.Scene(scene)
        model = cls(name=name, metadata={k: v for k, v in scene.metadata.items() if _jsonable(v)})
        for node in scene.graph.nodes_geometry:
            transform, geom_name = scene.graph[node]
            geom = scene.geometry[geom_name]
            if not isinstance(geom, trimesh.Trimesh) or not len(geom.faces):
                continue
            mesh = Mesh.from_trimesh(geom)
            model.add(str(node), mesh, _material_from_visual(geom.visual, f"material_{len(model.parts)}"), transform)
        return model


def _jsonable(value: object) -> bool:
    return isinstance(value, (str, int, float, bool, list, dict, type(None)))


def _material_from_visual(visual: object, fallback_name: str) -> Material:
    from meshforge.core.material import Texture

    mat = getattr(visual, "material", None)
    if mat is None:
        color = getattr(visual, "main_color", None)
        if color is not None:
            srgb = np.asarray(color[:3], dtype=np.float64) / 255.0
            return Material.from_srgb(fallback_name, tuple(srgb), alpha=float(color[3]) / 255.0)
        return Material(fallback_name)
    if not isinstance(mat, trimesh.visual.material.PBRMaterial):
        mat = mat.to_pbr()
    base = mat.baseColorFactor
    base = (0.8, 0.8, 0.8, 1.0) if base is None else tuple(float(c) / 255.0 for c in base)

    def tex(img: object, suffix: str) -> Texture | None:
        if img is None:
            return None
        return Texture.from_image(img, f"{mat.name or fallback_name}_{suffix}")

    return Material(
        name=str(mat.name or fallback_name),
        base_color=base,  # type: ignore[arg-type]
        metallic=float(np.clip(mat.metallicFactor if mat.metallicFactor is not None else 0.0, 0, 1)),
        roughness=float(np.clip(mat.roughnessFactor if mat.roughnessFactor is not None else 1.0, 0, 1)),
        emissive=tuple(float(c) for c in (mat.emissiveFactor if mat.emissiveFactor is not None else (0, 0, 0))),
        alpha_mode=mat.alphaMode or "OPAQUE",
        double_sided=bool(mat.doubleSided),
        base_color_texture=tex(mat.baseColorTexture, "basecolor"),
        metallic_roughness_texture=tex(mat.metallicRoughnessTexture, "metallicroughness"),
        normal_texture=tex(mat.normalTexture, "normal"),
    )


def srgb_hex(material: Material) -> str:
    """``#rrggbb`` of a material's base color (for reports and 3MF)."""
    rgb = np.round(linear_to_srgb(np.asarray(material.base_color[:3])) * 255).astype(int)
    return "#{:02X}{:02X}{:02X}".format(*rgb)
