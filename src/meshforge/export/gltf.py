"""glTF 2.0 writer: ``.glb`` (binary container) and ``.gltf`` (JSON + ``.bin`` + PNG files).

Our own encoder, written against the Khronos glTF 2.0 specification (2021 edition):

* 3.2 asset (``generator``), 3.5 scenes and nodes; 3.5.3 a node ``matrix`` is column-major and must
  decompose into translation/rotation/scale, so transforms that do not (shear) are baked into the
  vertices instead, and identity matrices are omitted;
* 3.6 buffers, buffer views and accessors; 3.6.2.4 data alignment (every buffer view starts on a
  4-byte boundary); POSITION accessors carry ``min``/``max``;
* 3.7.2.1 mesh attributes: POSITION and NORMAL (unit length) float32, TEXCOORD_0 float32 with the
  origin at the image's top-left (meshforge stores OpenGL-style UVs, V up, so V is flipped), TANGENT
  xyzw (unit xyz, w = +-1 handedness) written only when a normal map needs it; TEXCOORD_0 only
  on every part that has UVs, so artists can apply their own textures (``keep_uvs=False`` drops them
  from untextured parts, which the validator otherwise lists as an unused-object info);
* 3.7.2.1 indices: unsigned short below 65,536 vertices (the largest index then stays below the
  primitive-restart value 65535), unsigned int above;
* 3.8 textures, images (PNG) and samplers: one sampler with REPEAT wrapping, because generator UVs
  tile in meters;
* 3.9 metallic-roughness materials, alpha modes (``alphaCutoff`` only with MASK), double-sided;
* 4 GLB: 12-byte header, a JSON chunk padded with spaces, a BIN chunk padded with zeros.

Units are meters, Y-up, front faces counter-clockwise, exactly the model's own frame. The model's
metadata (recipe, units, source) goes into the scene's ``extras``. Output is deterministic: keys are
sorted, nothing depends on time or memory addresses, and identical images and materials are written
once. The contract checked by the tests is zero errors and warnings from the Khronos glTF-Validator, and
zero infos with ``keep_uvs=False``.
"""

from __future__ import annotations

import io
import json
import logging
import struct

import numpy as np
from PIL import Image

from meshforge import __version__
from meshforge.core.material import Material, Texture
from meshforge.core.model import Model
from meshforge.export.registry import (
    Bundle,
    Exporter,
    file_safe,
    jsonable_metadata,
    material_key,
    register,
    unit_normals,
    with_normals,
)
from meshforge.geometry.mesh import Mesh

log = logging.getLogger(__name__)

GLB_MAGIC = b"glTF"
GLB_VERSION = 2
CHUNK_JSON = 0x4E4F534A
CHUNK_BIN = 0x004E4942

ARRAY_BUFFER = 34962
ELEMENT_ARRAY_BUFFER = 34963
FLOAT = 5126
UNSIGNED_SHORT = 5123
UNSIGNED_INT = 5125
LINEAR = 9729
LINEAR_MIPMAP_LINEAR = 9987
REPEAT = 10497

#: PNG signature (PNG specification, section 5.2).
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Ancillary PNG chunks dropped from textures: color-space and pixel-aspect data the glTF-Validator
#: reports as unsupported (glTF textures are sRGB or linear by their slot, not by the file), and
#: animation chunks.
_DROPPED_PNG_CHUNKS = frozenset(
    {b"gAMA", b"cHRM", b"iCCP", b"sRGB", b"cICP", b"mDCv", b"cLLi", b"pHYs", b"acTL", b"fcTL", b"fdAT"}
)


def gltf_png(texture: Texture) -> bytes:
    """The texture's PNG with color-space/animation chunks removed (pixels untouched).

    Bytes that are not a well-formed PNG are decoded with Pillow and encoded again.
    """
    data = texture.png
    if data.startswith(PNG_SIGNATURE):
        kept = [PNG_SIGNATURE]
        pos = len(PNG_SIGNATURE)
        while pos + 12 <= len(data):
            length, kind = struct.unpack(">I4s", data[pos : pos + 8])
            end = pos + 12 + length
            if end > len(data):
                break
            if kind not in _DROPPED_PNG_CHUNKS:
                kept.append(data[pos:end])
            pos = end
            if kind == b"IEND":
                return b"".join(kept)
    image = Image.open(io.BytesIO(data))
    image.load()
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=6)
    return buf.getvalue()


def is_trs(matrix: np.ndarray) -> bool:
    """True when a 4x4 matrix is translation x rotation x (possibly negative) scale (spec 3.5.3)."""
    m = np.asarray(matrix, dtype=np.float64)
    if not np.allclose(m[3], [0.0, 0.0, 0.0, 1.0], rtol=0.0, atol=1e-12):
        return False
    linear = m[:3, :3]
    scale = np.linalg.norm(linear, axis=0)
    if scale.min() < 1e-9:
        return False
    axes = linear / scale
    return bool(np.allclose(axes.T @ axes, np.eye(3), rtol=0.0, atol=1e-7))


def tangents(vertices: np.ndarray, faces: np.ndarray, normals: np.ndarray, uvs: np.ndarray) -> np.ndarray:
    """(N, 4) glTF tangents: xyz unit, orthogonal to the normal, along +U; w = +-1 handedness.

    Per-face tangents from the UV gradients (Lengyel's method) are summed per vertex,
    Gram-Schmidt-orthogonalised against the normal, and ``w`` is the sign that makes
    ``cross(normal, tangent) * w`` point along +V (``uvs`` in meshforge's V-up convention, which is
    what the OpenGL-style normal maps of glTF expect). Vertices without a usable UV gradient get an
    arbitrary unit vector perpendicular to the normal and ``w = 1``.
    """
    n = unit_normals(normals)
    corners = vertices[faces]
    tex = uvs[faces]
    e1, e2 = corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]
    d1, d2 = tex[:, 1] - tex[:, 0], tex[:, 2] - tex[:, 0]
    det = d1[:, 0] * d2[:, 1] - d2[:, 0] * d1[:, 1]
    usable = np.abs(det) > 1e-14
    inv = np.divide(1.0, det, out=np.zeros_like(det), where=usable)[:, None]
    face_t = (e1 * d2[:, 1:2] - e2 * d1[:, 1:2]) * inv
    face_b = (e2 * d1[:, 0:1] - e1 * d2[:, 0:1]) * inv
    t_sum = np.zeros_like(vertices)
    b_sum = np.zeros_like(vertices)
    np.add.at(t_sum, faces.reshape(-1), np.repeat(face_t, 3, axis=0))
    np.add.at(b_sum, faces.reshape(-1), np.repeat(face_b, 3, axis=0))
    t = t_sum - n * np.einsum("ij,ij->i", n, t_sum)[:, None]
    length = np.linalg.norm(t, axis=1)
    # a tangent (almost) along the normal carries no direction once projected: use the fallback
    weak = ~np.isfinite(length) | (length == 0.0) | (length <= 1e-6 * np.linalg.norm(t_sum, axis=1))
    reference = np.where(np.abs(n[:, :1]) < 0.9, [[1.0, 0.0, 0.0]], [[0.0, 1.0, 0.0]])
    fallback = reference - n * np.einsum("ij,ij->i", n, reference)[:, None]
    t = np.where(weak[:, None], fallback, t)
    t = unit_normals(t)
    w = np.where(np.einsum("ij,ij->i", np.cross(n, t), b_sum) < 0.0, -1.0, 1.0)
    w[weak] = 1.0
    return np.concatenate([t, w[:, None]], axis=1)


class _GltfBuilder:
    """Accumulates the JSON document and the binary buffer of one glTF asset."""

    def __init__(self, stem: str, embed_images: bool, keep_uvs: bool):
        self.stem = stem
        self.embed_images = embed_images
        self.keep_uvs = keep_uvs
        self.accessors: list[dict] = []
        self.views: list[dict] = []
        self.images: list[dict] = []
        self.textures: list[dict] = []
        self.materials: list[dict] = []
        self.meshes: list[dict] = []
        self.nodes: list[dict] = []
        self.image_files: dict[str, bytes] = {}
        self._chunks: list[bytes] = []
        self._length = 0
        self._image_index: dict[bytes, int] = {}
        self._material_index: dict[tuple, int] = {}
        self._used_image_names: set[str] = set()

    # ------------------------------------------------------------------ binary data
    def add_view(self, data: bytes, target: int | None = None) -> int:
        pad = (-self._length) % 4
        if pad:
            self._chunks.append(b"\x00" * pad)
            self._length += pad
        view = {"buffer": 0, "byteOffset": self._length, "byteLength": len(data)}
        if target is not None:
            view["target"] = target
        self._chunks.append(data)
        self._length += len(data)
        self.views.append(view)
        return len(self.views) - 1

    def add_accessor(
        self, array: np.ndarray, kind: str, component: int, target: int, bounds: bool = False
    ) -> int:
        view = self.add_view(np.ascontiguousarray(array).tobytes(), target)
        accessor = {"bufferView": view, "componentType": component, "count": len(array), "type": kind}
        if bounds:
            accessor["min"] = [float(x) for x in array.min(axis=0)]
            accessor["max"] = [float(x) for x in array.max(axis=0)]
        self.accessors.append(accessor)
        return len(self.accessors) - 1

    def binary(self) -> bytes:
        """The buffer, padded with zeros to a multiple of 4 bytes."""
        data = b"".join(self._chunks)
        return data + b"\x00" * ((-len(data)) % 4)

    # ------------------------------------------------------------------ textures and materials
    def texture(self, texture: Texture) -> int:
        png = gltf_png(texture)
        if png not in self._image_index:
            image: dict = {"name": texture.name}
            if self.embed_images:
                image["bufferView"] = self.add_view(png)
                image["mimeType"] = "image/png"
            else:
                base = f"{self.stem}_{file_safe(texture.name, 'texture')}"
                name, i = f"{base}.png", 1
                while name in self._used_image_names:
                    name = f"{base}_{i}.png"
                    i += 1
                self._used_image_names.add(name)
                self.image_files[name] = png
                image["uri"] = name
            self.images.append(image)
            self.textures.append({"sampler": 0, "source": len(self.images) - 1})
            self._image_index[png] = len(self.images) - 1
        return self._image_index[png]

    def material(self, material: Material, textured: bool) -> int:
        key = (material_key(material), textured)
        if key in self._material_index:
            return self._material_index[key]
        pbr: dict = {
            "baseColorFactor": [float(c) for c in material.base_color],
            "metallicFactor": float(material.metallic),
            "roughnessFactor": float(material.roughness),
        }
        out: dict = {"name": material.name, "pbrMetallicRoughness": pbr}
        if textured and material.base_color_texture is not None:
            pbr["baseColorTexture"] = {"index": self.texture(material.base_color_texture)}
        if textured and material.metallic_roughness_texture is not None:
            pbr["metallicRoughnessTexture"] = {"index": self.texture(material.metallic_roughness_texture)}
        if textured and material.normal_texture is not None:
            out["normalTexture"] = {"index": self.texture(material.normal_texture)}
            if material.normal_scale != 1.0:
                out["normalTexture"]["scale"] = float(material.normal_scale)
        if textured and material.emissive_texture is not None:
            out["emissiveTexture"] = {"index": self.texture(material.emissive_texture)}
        if any(material.emissive):
            out["emissiveFactor"] = [float(c) for c in material.emissive]
        if material.alpha_mode != "OPAQUE":
            out["alphaMode"] = material.alpha_mode
        if material.alpha_mode == "MASK":
            out["alphaCutoff"] = float(material.alpha_cutoff)
        if material.double_sided:
            out["doubleSided"] = True
        self.materials.append(out)
        self._material_index[key] = len(self.materials) - 1
        return self._material_index[key]

    # ------------------------------------------------------------------ geometry
    def mesh(self, name: str, mesh: Mesh, material: Material) -> int | None:
        """Add one mesh with one triangle primitive; None when nothing drawable is left."""
        faces = mesh.faces
        faces = faces[
            (faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 2] != faces[:, 0])
        ]
        if not len(faces):
            return None
        if len(faces) < mesh.triangle_count:
            log.info(
                "part %r: %d triangles with repeated indices left out", name, mesh.triangle_count - len(faces)
            )
        has_uv = mesh.uvs is not None
        if material.textures and not has_uv:
            log.warning(
                "part %r has no UVs: its material %r is written without textures", name, material.name
            )
        # UVs no texture samples are an unused accessor (validator UNUSED_OBJECT): written on request only
        write_uv = has_uv and (bool(material.textures) or self.keep_uvs)
        normals = unit_normals(mesh.normals)
        attributes = {
            "POSITION": self.add_accessor(
                mesh.vertices.astype(np.float32), "VEC3", FLOAT, ARRAY_BUFFER, bounds=True
            ),
            "NORMAL": self.add_accessor(normals.astype(np.float32), "VEC3", FLOAT, ARRAY_BUFFER),
        }
        if write_uv:
            uv = np.where(np.isfinite(mesh.uvs), mesh.uvs, 0.0)
            if material.normal_texture is not None:
                attributes["TANGENT"] = self.add_accessor(
                    tangents(mesh.vertices, faces, normals, uv).astype(np.float32),
                    "VEC4",
                    FLOAT,
                    ARRAY_BUFFER,
                )
            flipped = np.stack([uv[:, 0], 1.0 - uv[:, 1]], axis=1)
            attributes["TEXCOORD_0"] = self.add_accessor(
                flipped.astype(np.float32), "VEC2", FLOAT, ARRAY_BUFFER
            )
        index_type = np.uint16 if mesh.vertex_count < 65536 else np.uint32
        indices = self.add_accessor(
            faces.reshape(-1).astype(index_type),
            "SCALAR",
            UNSIGNED_SHORT if index_type is np.uint16 else UNSIGNED_INT,
            ELEMENT_ARRAY_BUFFER,
        )
        primitive = {
            "attributes": attributes,
            "indices": indices,
            "material": self.material(material, has_uv),
        }
        self.meshes.append({"name": name, "primitives": [primitive]})
        return len(self.meshes) - 1


def _add_parts(gb: _GltfBuilder, model: Model, suffix: str) -> list[int]:
    """Add one node (and mesh) per drawable part; returns their node indices in ``gb.nodes``."""
    children = []
    for part in model.parts:
        if not part.mesh.triangle_count:
            continue
        mesh = with_normals(part.mesh)
        matrix = part.transform
        identity = np.allclose(matrix, np.eye(4), rtol=0.0, atol=1e-12)
        if not identity and not is_trs(matrix):
            # glTF nodes cannot hold shear: bake it into the vertices (normals follow)
            mesh = mesh.transformed(matrix)
            identity = True
        mesh_index = gb.mesh(part.name + suffix, mesh, part.material)
        if mesh_index is None:
            continue
        node: dict = {"name": part.name + suffix, "mesh": mesh_index}
        if not identity:
            node["matrix"] = [float(x) for x in np.asarray(matrix).T.reshape(-1)]
        gb.nodes.append(node)
        children.append(len(gb.nodes) - 1)
    return children


def _add_level(gb: _GltfBuilder, model: Model, name: str, suffix: str) -> int:
    """A group node ``name`` holding one level's parts; returns its index."""
    children = _add_parts(gb, model, suffix)
    node: dict = {"name": name}
    if children:
        node["children"] = children
    gb.nodes.append(node)
    return len(gb.nodes) - 1


def build_gltf(
    model: Model, stem: str, embed_images: bool, keep_uvs: bool = True
) -> tuple[dict, bytes, dict[str, bytes]]:
    """The glTF JSON document, its binary buffer and (for ``.gltf``) the PNG side files.

    Every part with triangles becomes a child node of one root node named after the model, with its
    own mesh. TEXCOORD_0 is written when the part has UVs and its material samples a texture, or
    always with ``keep_uvs``. The buffer's ``uri`` is left for the caller to set.
    """
    gb = _GltfBuilder(stem, embed_images, keep_uvs)
    if model.lods:
        roots = [_add_level(gb, model, f"{model.name}_LOD0", "")]
        for k, level in enumerate(model.lods, start=1):
            roots.append(_add_level(gb, level, f"{model.name}_LOD{k}", f"_L{k}"))
        levels = len(roots)
        sizes = [float(s) for s in model.lod_screen_sizes[:levels]]
        sizes += [0.0] * (levels - len(sizes))
        # MSFT_lod: the highest level carries the ids of the lower ones, which stay out of the scene
        # graph, and MSFT_screencoverage in its extras (area fraction ~ screen height fraction squared)
        lod0 = gb.nodes[roots[0]]
        lod0["extensions"] = {"MSFT_lod": {"ids": roots[1:]}}
        lod0["extras"] = {"MSFT_screencoverage": [round(s * s, 8) for s in sizes],
                          "screen_size": [round(s, 6) for s in sizes]}
        scene_nodes = [roots[0]]
        all_nodes = gb.nodes
    else:
        children = _add_parts(gb, model, "")
        root: dict = {"name": model.name}
        if children:
            root["children"] = [c + 1 for c in children]
        for node in gb.nodes:
            if "children" in node:
                node["children"] = [c + 1 for c in node["children"]]
        scene_nodes = [0]
        all_nodes = [root, *gb.nodes]
    scene: dict = {"name": model.name, "nodes": scene_nodes}
    extras = jsonable_metadata(model.metadata)
    if extras:
        scene["extras"] = extras
    doc: dict = {
        "asset": {"version": "2.0", "generator": f"meshforge {__version__}"},
        "scene": 0,
        "scenes": [scene],
        "nodes": all_nodes,
    }
    if model.lods:
        doc["extensionsUsed"] = ["MSFT_lod"]
    binary = gb.binary()
    sections = {
        "meshes": gb.meshes,
        "materials": gb.materials,
        "textures": gb.textures,
        "images": gb.images,
        "samplers": [
            {"magFilter": LINEAR, "minFilter": LINEAR_MIPMAP_LINEAR, "wrapS": REPEAT, "wrapT": REPEAT}
        ]
        if gb.textures
        else [],
        "accessors": gb.accessors,
        "bufferViews": gb.views,
        "buffers": [{"byteLength": len(binary)}] if binary else [],
    }
    doc.update({key: value for key, value in sections.items() if value})
    return doc, binary, gb.image_files


def _json_bytes(doc: dict, indent: int | None = None) -> bytes:
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(
        doc, sort_keys=True, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators
    )
    return text.encode("utf-8")


def glb_bundle(model: Model, stem: str, keep_uvs: bool = True) -> Bundle:
    """``{stem}.glb``: everything (geometry and PNG images) in one binary file."""
    doc, binary, _ = build_gltf(model, stem, embed_images=True, keep_uvs=keep_uvs)
    json_chunk = _json_bytes(doc)
    json_chunk += b" " * ((-len(json_chunk)) % 4)
    body = struct.pack("<II", len(json_chunk), CHUNK_JSON) + json_chunk
    if binary:
        body += struct.pack("<II", len(binary), CHUNK_BIN) + binary
    header = GLB_MAGIC + struct.pack("<II", GLB_VERSION, 12 + len(body))
    return {f"{stem}.glb": header + body}


def gltf_bundle(model: Model, stem: str, keep_uvs: bool = True) -> Bundle:
    """``{stem}.gltf`` (indented JSON), ``{stem}.bin`` and one PNG per distinct texture."""
    doc, binary, images = build_gltf(model, stem, embed_images=False, keep_uvs=keep_uvs)
    doc["buffers"][0]["uri"] = f"{stem}.bin"
    return {f"{stem}.gltf": _json_bytes(doc, indent=2) + b"\n", f"{stem}.bin": binary, **images}


_OPTIONS = {
    "keep_uvs": "write UVs of parts whose material has no texture too (default True, so parts can be "
    "retextured; False drops them, which the validator otherwise reports as an unused-object info)"
}
register(
    Exporter(".glb", "glTF 2.0 binary (one file, PBR, textures embedded)", "m", "Y", glb_bundle, _OPTIONS)
)
register(
    Exporter(
        ".gltf", "glTF 2.0 JSON with .bin and PNG textures side by side", "m", "Y", gltf_bundle, _OPTIONS
    )
)
