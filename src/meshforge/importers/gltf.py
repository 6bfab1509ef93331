"""glTF 2.0 reader (``.glb`` and ``.gltf`` with ``.bin`` and image files) into a :class:`Model`.

Written against the Khronos glTF 2.0 specification: 4.4 GLB header and chunks (magic ``glTF``,
version 2, total length, 4-byte aligned JSON then BIN chunk), 3.6 buffers / buffer views / accessors
(every range is checked against its buffer *before* any array is made, counts are capped), 3.7
meshes (TRIANGLES, TRIANGLE_STRIP and TRIANGLE_FAN primitives; points and lines are skipped), 3.5 the
node hierarchy (``matrix`` or TRS, cycles refused), 3.8-3.9 textures and metallic-roughness
materials. Also read: ``KHR_mesh_quantization`` (normalised / integer attributes),
``EXT_meshopt_compression`` (buffer views decoded with meshoptimizer, filters NONE and OCTAHEDRAL),
``KHR_texture_transform`` on TEXCOORD_0 (applied to the UVs),
``KHR_draco_mesh_compression`` (decoded with the optional DracoPy; without it the file gets an error
saying what to install) and ``EXT_texture_webp``; scenes with ``MSFT_lod`` import their highest level (the one in the scene graph).

Each primitive becomes one :class:`Part` (its node's name, ``_1``, ``_2`` ... for further primitives)
with its node's world transform. glTF UVs have V pointing down; meshforge's point up, so V is flipped.
glTF is meters and Y-up, like meshforge: no unit conversion.

Every problem is an :class:`~meshforge.core.errors.InvalidFileError` naming the file and, where it
helps, the JSON path (``accessors[3]``).
"""

from __future__ import annotations

import base64
import io
import json
import logging
import struct
from pathlib import Path
from urllib.parse import unquote

import numpy as np
from PIL import Image

from meshforge.core.errors import InvalidFileError, MeshforgeError
from meshforge.core.material import MAX_TEXTURE_SIZE, Material, Texture
from meshforge.core.model import Model
from meshforge.geometry.mesh import Mesh

log = logging.getLogger(__name__)

#: Most elements one accessor may declare (a header asking for more is refused before allocating).
MAX_ELEMENTS = 50_000_000
#: Most pixels of one texture image before decoding (decompression bombs).
MAX_IMAGE_PIXELS = 64 * 1024 * 1024
#: Deepest node hierarchy followed.
MAX_DEPTH = 256

_COMPONENTS = {5120: np.int8, 5121: np.uint8, 5122: np.int16, 5123: np.uint16, 5125: np.uint32, 5126: np.float32}
_TYPES = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4, "MAT2": 4, "MAT3": 9, "MAT4": 16}
_GLB_MAGIC = b"glTF"
_JSON, _BIN = 0x4E4F534A, 0x004E4942


class _Reader:
    def __init__(self, path: Path, doc: object, glb_bin: bytes | None):
        self.path = path
        if not isinstance(doc, dict):
            self.fail("the JSON document is not an object")
        self.doc = doc
        self.glb_bin = glb_bin
        self._buffers: dict[int, bytes] = {}
        self._views: dict[int, bytes] = {}
        self._textures: dict[int, Texture | None] = {}

    def fail(self, message: str) -> None:
        raise InvalidFileError(f"{self.path}: {message}")

    # ------------------------------------------------------------------ JSON helpers
    def array(self, key: str) -> list:
        value = self.doc.get(key, [])
        if not isinstance(value, list):
            self.fail(f"'{key}' must be an array")
        return value

    def item(self, key: str, index: object) -> dict:
        items = self.array(key)
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(items):
            self.fail(f"{key}[{index}] does not exist (there are {len(items)})")
        value = items[index]
        if not isinstance(value, dict):
            self.fail(f"{key}[{index}] is not an object")
        return value

    def integer(self, obj: dict, key: str, where: str, default: int | None = None, low: int = 0) -> int:
        value = obj.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            self.fail(f"{where}.{key} must be an integer >= {low}, got {value!r}")
        return value

    # ------------------------------------------------------------------ binary data
    def buffer(self, index: int) -> bytes:
        if index in self._buffers:
            return self._buffers[index]
        buf = self.item("buffers", index)
        length = self.integer(buf, "byteLength", f"buffers[{index}]", low=1)
        uri = buf.get("uri")
        if uri is None:
            if buf.get("extensions", {}).get("EXT_meshopt_compression", {}).get("fallback"):
                data = b""
            elif index == 0 and self.glb_bin is not None:
                data = self.glb_bin
            else:
                self.fail(f"buffers[{index}] has no uri and there is no GLB binary chunk")
        else:
            data = self.resource(uri, f"buffers[{index}]")
        if data and len(data) < length:
            self.fail(f"buffers[{index}] is {len(data)} bytes, shorter than its byteLength {length}")
        self._buffers[index] = data
        return data

    def resource(self, uri: object, where: str) -> bytes:
        if not isinstance(uri, str):
            self.fail(f"{where}.uri must be a string")
        if uri.startswith("data:"):
            head, _, payload = uri.partition(",")
            if not head.endswith(";base64"):
                self.fail(f"{where}: only base64 data URIs are supported")
            try:
                return base64.b64decode(payload, validate=True)
            except ValueError:
                self.fail(f"{where}: the data URI is not valid base64")
        if "://" in uri or uri.startswith("/") or uri.startswith("\\"):
            self.fail(f"{where}: only relative file names and data URIs are read, not {uri!r}")
        target = (self.path.parent / unquote(uri)).resolve()
        if not target.is_file():
            self.fail(f"{where}: the referenced file {uri!r} does not exist next to the model")
        size = target.stat().st_size
        if size > 1 << 30:
            self.fail(f"{where}: {uri!r} is larger than 1 GB")
        return target.read_bytes()

    def view(self, index: int) -> tuple[bytes, dict]:
        view = self.item("bufferViews", index)
        where = f"bufferViews[{index}]"
        if index not in self._views:
            ext = view.get("extensions", {}).get("EXT_meshopt_compression") if isinstance(view.get("extensions"), dict) else None
            if isinstance(ext, dict):
                self._views[index] = self.meshopt_view(ext, where)
            else:
                buf = self.buffer(self.integer(view, "buffer", where))
                offset = self.integer(view, "byteOffset", where, 0)
                length = self.integer(view, "byteLength", where, low=1)
                if offset + length > len(buf):
                    self.fail(f"{where} (offset {offset}, length {length}) runs past the end of its "
                              f"{len(buf)}-byte buffer")
                self._views[index] = buf[offset : offset + length]
        return self._views[index], view

    def meshopt_view(self, ext: dict, where: str) -> bytes:
        from meshforge.geometry import meshopt

        where = f"{where}.extensions.EXT_meshopt_compression"
        buf = self.buffer(self.integer(ext, "buffer", where))
        offset = self.integer(ext, "byteOffset", where, 0)
        length = self.integer(ext, "byteLength", where, low=1)
        stride = self.integer(ext, "byteStride", where, low=1)
        count = self.integer(ext, "count", where, low=1)
        if offset + length > len(buf):
            self.fail(f"{where} runs past the end of its buffer")
        if count > MAX_ELEMENTS or stride > 256:
            self.fail(f"{where} declares {count} elements of {stride} bytes, over the limit")
        filter_name = ext.get("filter", "NONE")
        if filter_name not in ("NONE", "OCTAHEDRAL"):
            self.fail(f"{where}: filter {filter_name!r} is not supported")
        if filter_name == "OCTAHEDRAL" and (ext.get("mode") != "ATTRIBUTES" or stride not in (4, 8)):
            self.fail(f"{where}: the OCTAHEDRAL filter needs ATTRIBUTES with byteStride 4 or 8")
        data = buf[offset : offset + length]
        mode = ext.get("mode")
        if mode == "ATTRIBUTES":
            if stride % 4:
                self.fail(f"{where}: ATTRIBUTES byteStride must be a multiple of 4")
            out = meshopt.decode_vertex_buffer(data, count, stride)
        elif mode == "TRIANGLES":
            if stride not in (2, 4) or count % 3:
                self.fail(f"{where}: TRIANGLES needs byteStride 2 or 4 and a multiple of 3 indices")
            out = meshopt.decode_index_buffer(data, count, stride)
        else:
            self.fail(f"{where}: mode {mode!r} is not supported")
        if out is None:
            self.fail(f"{where}: the compressed data is corrupt")
        if filter_name == "OCTAHEDRAL":
            out = meshopt.decode_filter_oct(out.view(np.int8 if stride == 4 else np.int16).reshape(count, 4))
        return out.tobytes()

    def accessor(self, index: object) -> np.ndarray:
        acc = self.item("accessors", index)
        where = f"accessors[{index}]"
        ctype = acc.get("componentType")
        if ctype not in _COMPONENTS:
            self.fail(f"{where}.componentType {ctype!r} is not a glTF component type")
        kind = acc.get("type")
        if kind not in _TYPES:
            self.fail(f"{where}.type {kind!r} is not a glTF accessor type")
        count = self.integer(acc, "count", where, low=1)
        if count > MAX_ELEMENTS:
            self.fail(f"{where} declares {count:,} elements, more than the {MAX_ELEMENTS:,} limit")
        if "sparse" in acc:
            self.fail(f"{where}: sparse accessors are not supported")
        dtype = np.dtype(_COMPONENTS[ctype]).newbyteorder("<")
        width = _TYPES[kind]
        if "bufferView" not in acc:
            out = np.zeros((count, width), dtype=np.float64)
        else:
            data, view = self.view(acc["bufferView"])
            offset = self.integer(acc, "byteOffset", where, 0)
            element = dtype.itemsize * width
            stride = view.get("byteStride", element)
            if not isinstance(stride, int) or isinstance(stride, bool) or stride < element or stride > 252 + element:
                self.fail(f"{where}: byteStride {stride!r} is invalid for {element}-byte elements")
            if offset % dtype.itemsize:
                self.fail(f"{where}.byteOffset {offset} is not a multiple of the component size")
            need = offset + stride * (count - 1) + element
            if need > len(data):
                self.fail(f"{where} needs {need:,} bytes but its buffer view has {len(data):,}")
            raw = np.ndarray((count, width), dtype=dtype, buffer=data, offset=offset, strides=(stride, dtype.itemsize))
            out = raw.astype(np.float64)
            if acc.get("normalized"):
                info = np.iinfo(dtype) if dtype.kind in "iu" else None
                if info is not None:
                    out = np.maximum(out / info.max, -1.0)
        return out

    # ------------------------------------------------------------------ materials
    def texture(self, ref: object, where: str) -> Texture | None:
        if not isinstance(ref, dict):
            return None
        index = ref.get("index")
        if index in self._textures:
            return self._textures[index]
        tex = self.item("textures", index)
        source = tex.get("source")
        ext = tex.get("extensions", {})
        if isinstance(ext, dict) and isinstance(ext.get("EXT_texture_webp"), dict):
            source = ext["EXT_texture_webp"].get("source", source)
        if source is None:
            self._textures[index] = None
            return None
        image = self.item("images", source)
        iwhere = f"images[{source}]"
        if "bufferView" in image:
            data, _ = self.view(image["bufferView"])
        elif "uri" in image:
            data = self.resource(image["uri"], iwhere)
        else:
            self.fail(f"{iwhere} has neither a uri nor a bufferView")
        name = str(image.get("name") or tex.get("name") or f"texture_{index}")
        self._textures[index] = decode_texture(data, name, f"{self.path}: {iwhere} ({where})")
        return self._textures[index]

    def material(self, index: object) -> Material:
        if index is None:
            return Material("default")
        mat = self.item("materials", index)
        where = f"materials[{index}]"
        pbr = mat.get("pbrMetallicRoughness", {})
        if not isinstance(pbr, dict):
            self.fail(f"{where}.pbrMetallicRoughness is not an object")

        def factor(obj: dict, key: str, default: object, size: int) -> tuple[float, ...]:
            value = obj.get(key, default)
            arr = np.asarray(value, dtype=np.float64).reshape(-1) if isinstance(value, (list, int, float)) else None
            if arr is None or arr.size != size or not np.all(np.isfinite(arr)):
                self.fail(f"{where}.{key} must be {size} finite numbers")
            return tuple(float(x) for x in np.clip(arr, 0.0, 1.0))

        alpha = mat.get("alphaMode", "OPAQUE")
        cutoff = mat.get("alphaCutoff", 0.5)
        return Material(
            name=str(mat.get("name") or f"material_{index}"),
            base_color=factor(pbr, "baseColorFactor", [1.0, 1.0, 1.0, 1.0], 4),  # type: ignore[arg-type]
            metallic=factor(pbr, "metallicFactor", 1.0, 1)[0],
            roughness=factor(pbr, "roughnessFactor", 1.0, 1)[0],
            emissive=factor(mat, "emissiveFactor", [0.0, 0.0, 0.0], 3),  # type: ignore[arg-type]
            alpha_mode=alpha if alpha in ("OPAQUE", "MASK", "BLEND") else "OPAQUE",
            alpha_cutoff=float(cutoff) if isinstance(cutoff, (int, float)) and np.isfinite(cutoff) else 0.5,
            double_sided=bool(mat.get("doubleSided", False)),
            base_color_texture=self.texture(pbr.get("baseColorTexture"), where),
            metallic_roughness_texture=self.texture(pbr.get("metallicRoughnessTexture"), where),
            normal_texture=self.texture(mat.get("normalTexture"), where),
            emissive_texture=self.texture(mat.get("emissiveTexture"), where),
        )

    # ------------------------------------------------------------------ geometry
    def primitive(self, prim: object, where: str) -> Mesh | None:
        if not isinstance(prim, dict) or not isinstance(prim.get("attributes"), dict):
            self.fail(f"{where} has no attributes object")
        mode = prim.get("mode", 4)
        if mode not in (4, 5, 6):
            return None  # points and lines carry no surface
        attrs = prim["attributes"]
        if "POSITION" not in attrs:
            self.fail(f"{where} has no POSITION attribute")
        ext = prim.get("extensions")
        if isinstance(ext, dict) and "KHR_draco_mesh_compression" in ext:
            return self.draco_primitive(prim, ext["KHR_draco_mesh_compression"], mode, where)
        positions = self.accessor(attrs["POSITION"])
        if positions.shape[1] != 3:
            self.fail(f"{where}: POSITION must be VEC3")
        if not np.all(np.isfinite(positions)):
            self.fail(f"{where}: POSITION contains NaN or infinite coordinates")
        n = len(positions)
        if "indices" in prim:
            idx = self.accessor(prim["indices"]).reshape(-1)
            if len(idx) and (idx.min() < 0 or idx.max() >= n):
                self.fail(f"{where}: an index ({int(idx.max())}) is out of range for {n} vertices")
            idx = idx.astype(np.int64)
        else:
            idx = np.arange(n, dtype=np.int64)
        if mode == 4:
            faces = idx[: len(idx) - len(idx) % 3].reshape(-1, 3)
        elif mode == 5:
            k = np.arange(max(len(idx) - 2, 0))
            faces = np.stack([idx[k], idx[k + 1 + k % 2], idx[k + 2 - k % 2]], axis=1)
        else:
            k = np.arange(1, max(len(idx) - 1, 1))
            faces = np.stack([np.full(len(k), idx[0] if len(idx) else 0), idx[k], idx[k + 1]], axis=1)
        faces = faces[(faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 0] != faces[:, 2])]
        if not len(faces):
            return None
        normals = uvs = None
        if "NORMAL" in attrs:
            normals = self.accessor(attrs["NORMAL"])
            if normals.shape != (n, 3) or not np.all(np.isfinite(normals)):
                log.warning("%s: %s NORMAL is unusable and is recomputed", self.path, where)
                normals = None
            else:
                length = np.linalg.norm(normals, axis=1, keepdims=True)
                normals = np.where(length > 1e-12, normals / np.maximum(length, 1e-12), [0.0, 1.0, 0.0])
        if "TEXCOORD_0" in attrs:
            uv = self.accessor(attrs["TEXCOORD_0"])
            if uv.shape != (n, 2) or not np.all(np.isfinite(uv)):
                self.fail(f"{where}: TEXCOORD_0 must be VEC2 finite numbers, one per vertex")
            uv = self.texture_transform(prim.get("material"), uv)
            uvs = np.stack([uv[:, 0], 1.0 - uv[:, 1]], axis=1)
        return Mesh(positions, faces, normals, uvs, "atlas")

    def draco_primitive(self, prim: dict, ext: object, mode: object, where: str) -> Mesh | None:
        """A KHR_draco_mesh_compression primitive, decoded with the optional DracoPy."""
        from meshforge.optimize.draco import DracoUnavailableError, decode

        where = f"{where}.extensions.KHR_draco_mesh_compression"
        if not isinstance(ext, dict) or not isinstance(ext.get("attributes"), dict):
            self.fail(f"{where} needs a bufferView and an attributes object")
        if mode != 4:
            self.fail(f"{where}: Draco primitives must be triangle lists (mode 4)")
        data, _ = self.view(ext.get("bufferView"))
        try:
            out = decode(data, ext["attributes"], f"{self.path}: {where}")
        except DracoUnavailableError as exc:
            raise DracoUnavailableError(f"{self.path}: {exc}") from None
        except MeshforgeError as exc:
            raise InvalidFileError(str(exc)) from None
        positions, faces = out["POSITION"], out["faces"]
        n = len(positions)
        if not n or not np.all(np.isfinite(positions)):
            self.fail(f"{where}: the decoded positions are empty or not finite")
        if len(faces) and (faces.min() < 0 or faces.max() >= n):
            self.fail(f"{where}: a decoded index is out of range for {n} vertices")
        faces = faces[(faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 0] != faces[:, 2])]
        if not len(faces):
            return None
        normals = out.get("NORMAL")
        if normals is not None:
            if normals.shape != (n, 3) or not np.all(np.isfinite(normals)):
                normals = None
            else:
                length = np.linalg.norm(normals, axis=1, keepdims=True)
                normals = np.where(length > 1e-12, normals / np.maximum(length, 1e-12), [0.0, 1.0, 0.0])
        uvs = None
        if "TEXCOORD_0" in out:
            uv = out["TEXCOORD_0"]
            if uv.shape != (n, 2) or not np.all(np.isfinite(uv)):
                self.fail(f"{where}: TEXCOORD_0 must be VEC2 finite numbers, one per vertex")
            uv = self.texture_transform(prim.get("material"), uv)
            uvs = np.stack([uv[:, 0], 1.0 - uv[:, 1]], axis=1)
        return Mesh(positions, faces, normals, uvs, "atlas")

    def texture_transform(self, material: object, uv: np.ndarray) -> np.ndarray:
        """TEXCOORD_0 with the material's KHR_texture_transform applied (the first textureInfo that has one;
        quantised UVs store their dequantisation there)."""
        mats = self.doc.get("materials")
        if not isinstance(material, int) or not isinstance(mats, list) or not 0 <= material < len(mats):
            return uv
        mat = mats[material] if isinstance(mats[material], dict) else {}
        infos = [mat.get(k) for k in ("normalTexture", "occlusionTexture", "emissiveTexture")]
        pbr = mat.get("pbrMetallicRoughness")
        if isinstance(pbr, dict):
            infos = [pbr.get("baseColorTexture"), pbr.get("metallicRoughnessTexture"), *infos]
        for info in infos:
            ext = info.get("extensions") if isinstance(info, dict) else None
            tt = ext.get("KHR_texture_transform") if isinstance(ext, dict) else None
            if not isinstance(tt, dict) or tt.get("texCoord", info.get("texCoord", 0)) != 0:
                continue
            try:
                offset = np.asarray(tt.get("offset", [0.0, 0.0]), dtype=np.float64).reshape(2)
                scale = np.asarray(tt.get("scale", [1.0, 1.0]), dtype=np.float64).reshape(2)
                angle = float(tt.get("rotation", 0.0))
            except (TypeError, ValueError):
                return uv
            if not (np.all(np.isfinite(offset)) and np.all(np.isfinite(scale)) and np.isfinite(angle)):
                return uv
            c, s_ = np.cos(angle), np.sin(angle)
            scaled = uv * scale
            return np.stack([c * scaled[:, 0] + s_ * scaled[:, 1], -s_ * scaled[:, 0] + c * scaled[:, 1]], axis=1) + offset
        return uv


def decode_texture(data: bytes, name: str, where: str) -> Texture:
    """Decode image bytes (PNG, JPEG, WebP, ...) into a PNG :class:`Texture`; InvalidFileError if not an image."""
    try:
        image = Image.open(io.BytesIO(data))
        w, h = image.size
        if w * h > MAX_IMAGE_PIXELS:
            raise InvalidFileError(f"{where}: the image is {w} x {h} pixels, over the {MAX_IMAGE_PIXELS:,} limit")
        image.load()
    except InvalidFileError:
        raise
    except Exception as exc:
        raise InvalidFileError(f"{where}: the texture is not a readable image ({exc})") from None
    if data.startswith(b"\x89PNG\r\n\x1a\n") and max(image.size) <= MAX_TEXTURE_SIZE:
        return Texture(bytes(data), name)  # already PNG and decodable: keep the bytes
    if max(image.size) > MAX_TEXTURE_SIZE:
        scale = MAX_TEXTURE_SIZE / max(image.size)
        image = image.resize((max(1, int(w * scale)), max(1, int(h * scale))), Image.Resampling.LANCZOS)
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1)  # fast; exporters re-encode as they need
    return Texture(buf.getvalue(), name)


def _node_matrix(reader: _Reader, node: dict, where: str) -> np.ndarray:
    if "matrix" in node:
        m = np.asarray(node["matrix"], dtype=np.float64) if isinstance(node["matrix"], list) else None
        if m is None or m.size != 16 or not np.all(np.isfinite(m)):
            reader.fail(f"{where}.matrix must be 16 finite numbers")
        return m.reshape(4, 4).T
    out = np.eye(4)
    t = node.get("translation", [0, 0, 0])
    r = node.get("rotation", [0, 0, 0, 1])
    s = node.get("scale", [1, 1, 1])
    try:
        t, r, s = (np.asarray(v, dtype=np.float64).reshape(n) for v, n in ((t, 3), (r, 4), (s, 3)))
    except (ValueError, TypeError):
        reader.fail(f"{where}: translation/rotation/scale must be 3, 4 and 3 numbers")
    if not (np.all(np.isfinite(t)) and np.all(np.isfinite(r)) and np.all(np.isfinite(s))):
        reader.fail(f"{where}: non-finite transform")
    x, y, z, w = r / (np.linalg.norm(r) or 1.0)
    rot = np.array([
        [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
        [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
        [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)],
    ])
    out[:3, :3] = rot * s
    out[:3, 3] = t
    return out


def parse_glb(path: Path, data: bytes) -> tuple[object, bytes | None]:
    """``(JSON document, BIN chunk or None)`` of a GLB container; InvalidFileError on any layout error."""
    if len(data) < 12 or data[:4] != _GLB_MAGIC:
        raise InvalidFileError(f"{path}: not a GLB file (the first 4 bytes are not 'glTF')")
    version, total = struct.unpack_from("<II", data, 4)
    if version != 2:
        raise InvalidFileError(f"{path}: GLB version {version}; only glTF 2.0 is read")
    if total > len(data):
        raise InvalidFileError(f"{path}: the header says {total:,} bytes but the file has {len(data):,} (truncated)")
    pos, doc, binary = 12, None, None
    while pos < total:
        if pos + 8 > total:
            raise InvalidFileError(f"{path}: chunk header at byte {pos} is cut off")
        length, kind = struct.unpack_from("<II", data, pos)
        if pos + 8 + length > total:
            raise InvalidFileError(f"{path}: chunk at byte {pos} declares {length:,} bytes, past the end of the file")
        body = data[pos + 8 : pos + 8 + length]
        if doc is None:
            if kind != _JSON:
                raise InvalidFileError(f"{path}: the first GLB chunk is not JSON")
            try:
                doc = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError) as exc:
                raise InvalidFileError(f"{path}: the JSON chunk is not valid JSON ({exc})") from None
        elif kind == _BIN and binary is None:
            binary = body
        pos += 8 + length + (-length) % 4
    if doc is None:
        raise InvalidFileError(f"{path}: the GLB has no JSON chunk")
    return doc, binary


def load_gltf(path: Path) -> Model:
    """Read ``.glb`` or ``.gltf`` (see the module docstring)."""
    data = path.read_bytes()
    if path.suffix.lower() == ".glb" or data[:4] == _GLB_MAGIC:
        doc, binary = parse_glb(path, data)
    else:
        try:
            doc, binary = json.loads(data.decode("utf-8-sig")), None
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise InvalidFileError(f"{path}: not valid glTF JSON ({exc})") from None
    reader = _Reader(path, doc, binary)
    asset = doc.get("asset") if isinstance(doc, dict) else None
    if not isinstance(asset, dict) or not str(asset.get("version", "")).startswith("2"):
        raise InvalidFileError(f"{path}: asset.version must be 2.x (only glTF 2.0 is read)")
    supported = {"KHR_mesh_quantization", "EXT_meshopt_compression", "KHR_draco_mesh_compression", "EXT_texture_webp", "KHR_materials_emissive_strength",
                 "KHR_texture_transform", "MSFT_lod", "KHR_materials_pbrSpecularGlossiness"}
    required = doc.get("extensionsRequired", [])
    if not isinstance(required, list):
        reader.fail("extensionsRequired must be an array")
    missing = [e for e in required if e not in supported]
    if missing:
        raise InvalidFileError(f"{path}: needs extension(s) {', '.join(map(str, missing))}, which meshforge cannot read")
    scenes = reader.array("scenes")
    if scenes:
        scene = reader.item("scenes", doc.get("scene", 0))
        roots = scene.get("nodes", [])
    else:
        roots = list(range(len(reader.array("nodes"))))
    if not isinstance(roots, list):
        reader.fail("scene.nodes must be an array")
    model = Model(name=path.stem, metadata={"source": {"kind": "file", "format": path.suffix.lower()[1:]},
                                            "source_units": "m", "source_up": "Y"})
    materials: dict[object, Material] = {}
    stack = [(r, np.eye(4), 0) for r in reversed(roots)]
    seen: set[int] = set()
    while stack:
        index, parent, depth = stack.pop()
        node = reader.item("nodes", index)
        if index in seen or depth > MAX_DEPTH:
            reader.fail(f"nodes[{index}] is reached twice: the node hierarchy has a cycle or shared node")
        seen.add(index)
        where = f"nodes[{index}]"
        world = parent @ _node_matrix(reader, node, where)
        if "mesh" in node:
            mesh_obj = reader.item("meshes", node["mesh"])
            prims = mesh_obj.get("primitives", [])
            if not isinstance(prims, list):
                reader.fail(f"meshes[{node['mesh']}].primitives must be an array")
            base = str(node.get("name") or mesh_obj.get("name") or f"mesh_{node['mesh']}")
            for k, prim in enumerate(prims):
                mesh = reader.primitive(prim, f"meshes[{node['mesh']}].primitives[{k}]")
                if mesh is None:
                    continue
                key = prim.get("material")
                if key not in materials:
                    materials[key] = reader.material(key)
                model.add(base if k == 0 else f"{base}_{k}", mesh, materials[key], world)
        children = node.get("children", [])
        if not isinstance(children, list):
            reader.fail(f"{where}.children must be an array")
        stack.extend((c, world, depth + 1) for c in reversed(children))
    if not model.parts:
        raise InvalidFileError(f"{path}: the file contains no triangles")
    return model
