"""Wavefront OBJ + MTL writer (``.obj``) and the same files zipped into one (``.zip``).

Formats followed:

* OBJ geometry statements ``v``, ``vt``, ``vn``, ``f v/vt/vn``, ``o``, ``g``, ``usemtl``, ``mtllib``
  (Wavefront Advanced Visualizer manual, Appendix B1 "Object Files"). Indices are 1-based and
  global; each part is one ``o`` + ``g`` block so both object-minded (Blender) and group-minded
  (Maya, 3ds Max) readers split it by part.
* MTL statements ``newmtl``, ``Ka``, ``Kd``, ``Ks``, ``Ns``, ``d``, ``illum``, ``map_Kd`` (same
  manual, "Material Library Files") plus the PBR extension keys proposed by Exocortex/Clara.io and
  read by Blender's importer: ``Pr`` roughness, ``Pm`` metallic, ``Ke`` emission, ``map_Pr``,
  ``map_Pm``, ``map_Ke``, ``norm`` (tangent-space normal map).
* Zip: PKWARE APPNOTE, written with fixed timestamps so archives are reproducible.

Contract: coordinates in meters, Y-up, every part in model space (OBJ has no transforms). UVs are
written as stored (V up, the OBJ convention). ``Kd`` is the sRGB base color, because OBJ readers
treat it as a display color; ``Ke`` is sRGB too. Metallic-roughness survives: ``Pr``/``Pm`` hold the
factors and a glTF metallic-roughness texture is split into grayscale ``*_roughness.png`` (G channel)
and ``*_metallic.png`` (B channel) with the factors multiplied in, as glTF defines them (section
3.9.2), so a reader that replaces the factor by the texture sees the same values. Classic readers
get ``Ns = 1000 (1 - roughness)^2`` and a specular color blended toward the base color by metallic.
"""

from __future__ import annotations

import io
import re

import numpy as np
from PIL import Image

from meshforge import __version__
from meshforge.core.material import Material, Texture, linear_to_srgb
from meshforge.core.model import Model
from meshforge.export.registry import (
    Bundle,
    Exporter,
    file_safe,
    format_rows,
    material_key,
    model_space_meshes,
    register,
    unique_names,
    zip_bytes,
)

_WHITESPACE = re.compile(r"\s+")


def _statement_name(name: str, default: str) -> str:
    """OBJ/MTL names end at whitespace: replace it (and drop control characters)."""
    cleaned = _WHITESPACE.sub("_", "".join(c for c in str(name) if c.isprintable())).strip("_")
    return cleaned or default


def _gray_png(values: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(values, dtype=np.uint8), mode="L").save(
        buf, format="PNG", compress_level=6
    )
    return buf.getvalue()


def split_metallic_roughness(texture: Texture, roughness: float, metallic: float) -> tuple[bytes, bytes]:
    """Grayscale PNGs ``(roughness, metallic)`` from a glTF metallic-roughness texture.

    Roughness is the G channel times ``roughness``, metallic the B channel times ``metallic``
    (glTF 2.0 section 3.9.2); values are 8-bit, rounded.
    """
    rgb = np.asarray(texture.image.convert("RGB"), dtype=np.float64)
    rough = np.clip(np.round(rgb[..., 1] * roughness), 0, 255)
    metal = np.clip(np.round(rgb[..., 2] * metallic), 0, 255)
    return _gray_png(rough), _gray_png(metal)


class _TextureFiles:
    """PNG side files named ``{stem}_{name}.png``, one per distinct content."""

    def __init__(self, stem: str):
        self.stem = stem
        self.files: dict[str, bytes] = {}
        self._by_content: dict[bytes, str] = {}

    def add(self, png: bytes, name: str) -> str:
        if png not in self._by_content:
            base = f"{self.stem}_{file_safe(name, 'texture')}"
            candidate, i = f"{base}.png", 1
            while candidate in self.files:
                candidate = f"{base}_{i}.png"
                i += 1
            self.files[candidate] = png
            self._by_content[png] = candidate
        return self._by_content[png]


def _color(values: np.ndarray) -> str:
    return " ".join(f"{float(v):.6f}" for v in values)


def mtl_entry(name: str, material: Material, textures: _TextureFiles) -> list[str]:
    """The MTL lines of one material (classic keys first, then the PBR extension)."""
    kd = linear_to_srgb(np.asarray(material.base_color[:3]))
    ks = 0.5 * (1.0 - material.metallic) + kd * material.metallic
    ke = linear_to_srgb(np.asarray(material.emissive))
    lines = [
        f"newmtl {name}",
        "Ka 0.000000 0.000000 0.000000",
        f"Kd {_color(kd)}",
        f"Ks {_color(ks)}",
        f"Ns {1000.0 * (1.0 - material.roughness) ** 2:.6f}",
        f"Ke {_color(ke)}",
        f"d {material.base_color[3]:.6f}",
        "illum 2",
        f"Pr {material.roughness:.6f}",
        f"Pm {material.metallic:.6f}",
    ]
    if material.base_color_texture is not None:
        tex = material.base_color_texture
        lines.append(f"map_Kd {textures.add(tex.png, tex.name)}")
    if material.metallic_roughness_texture is not None:
        tex = material.metallic_roughness_texture
        rough, metal = split_metallic_roughness(tex, material.roughness, material.metallic)
        lines.append(f"map_Pr {textures.add(rough, tex.name + '_roughness')}")
        lines.append(f"map_Pm {textures.add(metal, tex.name + '_metallic')}")
    if material.normal_texture is not None:
        tex = material.normal_texture
        scale = "" if material.normal_scale == 1.0 else f"-bm {material.normal_scale:.6f} "
        lines.append(f"norm {scale}{textures.add(tex.png, tex.name)}")
    if material.emissive_texture is not None:
        tex = material.emissive_texture
        lines.append(f"map_Ke {textures.add(tex.png, tex.name)}")
    return lines


def obj_bundle(model: Model, stem: str) -> Bundle:
    """``{stem}.obj``, ``{stem}.mtl`` and the PNG textures the MTL names."""
    parts = model_space_meshes(model, normals=True)
    # one MTL entry per distinct material content, names unique and whitespace-free
    keys: dict[tuple, int] = {}
    distinct: list[Material] = []
    for _, material, _ in parts:
        key = material_key(material)
        if key not in keys:
            keys[key] = len(distinct)
            distinct.append(material)
    mtl_names = unique_names([_statement_name(m.name, "material") for m in distinct])
    object_names = unique_names([_statement_name(name, "part") for name, _, _ in parts])

    textures = _TextureFiles(stem)
    mtl_lines = [
        f"# meshforge {__version__} material library",
        "# PBR extension keys: Pr Pm Ke map_Pr map_Pm norm",
        "",
    ]
    for name, material in zip(mtl_names, distinct, strict=True):
        mtl_lines += [*mtl_entry(name, material, textures), ""]

    chunks = [
        f"# meshforge {__version__}\n",
        f"# model: {_statement_name(model.name, 'model')}; units: meters; up: +Y; front faces counter-clockwise\n",
        f"mtllib {stem}.mtl\n",
    ]
    v_offset = vt_offset = 1
    for (_, material, mesh), obj_name in zip(parts, object_names, strict=True):
        chunks.append(f"o {obj_name}\ng {obj_name}\nusemtl {mtl_names[keys[material_key(material)]]}\n")
        chunks.append(format_rows("v %.9g %.9g %.9g\n", mesh.vertices))
        v_index = mesh.faces + v_offset
        if mesh.uvs is not None:
            uvs = np.where(np.isfinite(mesh.uvs), mesh.uvs, 0.0)
            chunks.append(format_rows("vt %.9g %.9g\n", uvs))
            t_index = mesh.faces + vt_offset
            vt_offset += mesh.vertex_count
        chunks.append(format_rows("vn %.6f %.6f %.6f\n", mesh.normals))
        if mesh.uvs is not None:
            corners = np.stack([v_index, t_index, v_index], axis=2).reshape(-1, 9)
            chunks.append(format_rows("f %d/%d/%d %d/%d/%d %d/%d/%d\n", corners))
        else:
            corners = np.stack([v_index, v_index], axis=2).reshape(-1, 6)
            chunks.append(format_rows("f %d//%d %d//%d %d//%d\n", corners))
        v_offset += mesh.vertex_count
    obj_text = "".join(chunks)
    return {
        f"{stem}.obj": obj_text.encode("utf-8"),
        f"{stem}.mtl": "\n".join(mtl_lines).encode("utf-8"),
        **textures.files,
    }


def obj_zip_bundle(model: Model, stem: str) -> Bundle:
    """``{stem}.zip`` holding the OBJ bundle (obj, mtl, PNGs) with fixed timestamps."""
    return {f"{stem}.zip": zip_bytes(obj_bundle(model, stem))}


register(Exporter(".obj", "Wavefront OBJ + MTL (PBR keys Pr/Pm) + PNG textures", "m", "Y", obj_bundle))
register(Exporter(".zip", "OBJ + MTL + PNG textures zipped into one file", "m", "Y", obj_zip_bundle))
