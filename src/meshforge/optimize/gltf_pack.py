"""Pack a glTF document for delivery: vertex cache / fetch order, quantisation, meshopt codecs, WebP.

Input is the document and binary buffer of :func:`meshforge.export.gltf.build_gltf` (float attributes,
one mesh per node, images in buffer views). Specifications followed:

* ``KHR_mesh_quantization``: POSITION as unsigned short (not normalised) on a grid of
  ``2^bits - 1`` steps over the mesh's largest extent, the dequantisation (uniform scale + offset,
  uniform so normals are not skewed) multiplied into the node's matrix; NORMAL / TANGENT as normalised
  signed bytes; TEXCOORD_0 as normalised unsigned short when inside [0, 1], float otherwise;
* ``EXT_meshopt_compression``: every vertex and index buffer view encoded with meshoptimizer's vertex
  codec (version 0, mode ATTRIBUTES, byte strides padded to multiples of 4) and index codec (mode
  TRIANGLES), stored in buffer 0 (the GLB chunk); buffer 1 is the uncompressed-size fallback with no
  data, as the extension allows when it is required;
* ``EXT_texture_webp``: images re-encoded as WebP (source in the extension, required).
"""

from __future__ import annotations

import io
import json
import logging
import struct

import numpy as np
from PIL import Image

from meshforge.geometry import meshopt

log = logging.getLogger(__name__)

_DTYPES = {5120: np.int8, 5121: np.uint8, 5122: np.int16, 5123: np.uint16, 5125: np.uint32, 5126: np.float32}
_WIDTH = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4}


def _read(doc: dict, binary: bytes, index: int) -> np.ndarray:
    acc = doc["accessors"][index]
    view = doc["bufferViews"][acc["bufferView"]]
    dtype = np.dtype(_DTYPES[acc["componentType"]])
    width = _WIDTH[acc["type"]]
    start = view.get("byteOffset", 0) + acc.get("byteOffset", 0)
    return np.frombuffer(binary, dtype=dtype, count=acc["count"] * width, offset=start).reshape(acc["count"], width)


class _Packer:
    def __init__(self, use_meshopt: bool):
        self.use_meshopt = use_meshopt
        self.views: list[dict] = []
        self.chunks: list[bytes] = []
        self.length = 0
        self.fallback_length = 0

    def _append(self, data: bytes) -> int:
        pad = (-self.length) % 4
        if pad:
            self.chunks.append(b"\x00" * pad)
            self.length += pad
        offset = self.length
        self.chunks.append(data)
        self.length += len(data)
        return offset

    def plain(self, data: bytes, target: int | None = None, stride: int | None = None) -> int:
        view = {"buffer": 0, "byteOffset": self._append(data), "byteLength": len(data)}
        if target is not None:
            view["target"] = target
        if stride is not None:
            view["byteStride"] = stride
        self.views.append(view)
        return len(self.views) - 1

    def vertices(self, rows: np.ndarray, filter_name: str | None = None) -> int:
        """A vertex attribute view of (N, stride) uint8 rows (``filter_name``: an EXT_meshopt_compression
        filter the rows were encoded with; only with meshopt compression)."""
        rows = np.ascontiguousarray(rows, dtype=np.uint8)
        count, stride = rows.shape
        if not self.use_meshopt:
            return self.plain(rows.tobytes(), 34962, stride)
        encoded = meshopt.encode_vertex_buffer(rows)
        return self._compressed(encoded, count, stride, "ATTRIBUTES", 34962, filter_name)

    def indices(self, idx: np.ndarray, vertex_count: int) -> tuple[int, int]:
        """An index view; returns ``(view, componentType)``."""
        small = vertex_count < 65536
        arr = idx.astype(np.uint16 if small else np.uint32)
        ctype = 5123 if small else 5125
        if not self.use_meshopt:
            return self.plain(arr.tobytes(), 34963), ctype
        encoded = meshopt.encode_index_buffer(idx, vertex_count)
        return self._compressed(encoded, len(idx), arr.itemsize, "TRIANGLES", 34963), ctype

    def _compressed(self, encoded: bytes, count: int, stride: int, mode: str, target: int,
                    filter_name: str | None = None) -> int:
        offset = self._append(encoded)
        raw = count * stride
        fb_offset = self.fallback_length
        self.fallback_length += raw + (-raw) % 4
        view = {
            "buffer": 1, "byteOffset": fb_offset, "byteLength": raw, "target": target,
            "extensions": {"EXT_meshopt_compression": {
                "buffer": 0, "byteOffset": offset, "byteLength": len(encoded), "byteStride": stride,
                "count": count, "mode": mode,
            }},
        }
        if mode == "ATTRIBUTES":
            view["byteStride"] = stride
        if filter_name:
            view["extensions"]["EXT_meshopt_compression"]["filter"] = filter_name
        self.views.append(view)
        return len(self.views) - 1

    def binary(self) -> bytes:
        data = b"".join(self.chunks)
        return data + b"\x00" * ((-len(data)) % 4)


def _pad_rows(arr: np.ndarray) -> np.ndarray:
    """(N, k) array -> (N, stride) uint8 rows, stride padded to a multiple of 4."""
    raw = np.ascontiguousarray(arr).view(np.uint8).reshape(len(arr), -1)
    pad = (-raw.shape[1]) % 4
    if pad:
        raw = np.concatenate([raw, np.zeros((len(arr), pad), np.uint8)], axis=1)
    return raw


def _snorm8(v: np.ndarray) -> np.ndarray:
    return np.round(np.clip(v, -1.0, 1.0) * 127.0).astype(np.int8)


def _node_of_mesh(doc: dict) -> dict[int, dict]:
    return {n["mesh"]: n for n in doc.get("nodes", []) if "mesh" in n}


def pack_document(doc: dict, binary: bytes, options: object) -> tuple[dict, bytes]:
    """Re-encode every primitive and image of ``doc``; returns the new document and GLB binary chunk."""
    quantize = getattr(options, "quantize", True)
    bits = int(getattr(options, "position_bits", 14))
    packer = _Packer(bool(getattr(options, "meshopt", True)))
    nodes = _node_of_mesh(doc)
    old_accessors = doc.get("accessors", [])
    accessors: list[dict] = []
    uv_bits = int(getattr(options, "uv_bits", 12))
    uv_grids = _uv_grids(doc, binary, uv_bits) if quantize else {}
    draco = bool(getattr(options, "draco", False))
    if draco:
        quantize, uv_grids = False, {}
        packer.use_meshopt = False
    for mesh_index, mesh in enumerate(doc.get("meshes", [])):
        for prim in mesh["primitives"]:
            idx = _read(doc, binary, prim["indices"]).reshape(-1).astype(np.uint32)
            attrs = {name: _read(doc, binary, a).astype(np.float64) for name, a in prim["attributes"].items()}
            n = len(attrs["POSITION"])
            if draco:
                _draco_primitive(prim, attrs, idx, accessors, packer, bits)
                continue
            # strip order compresses better with the meshopt codecs (gltfpack -cc does the same)
            strip = packer.use_meshopt and bool(getattr(options, "strip_order", True))
            idx = (meshopt.optimize_vertex_cache_strip if strip else meshopt.optimize_vertex_cache)(idx, n)
            remap, unique = meshopt.optimize_vertex_fetch_remap(idx, n)
            order = np.zeros(unique, dtype=np.int64)
            used = remap != 0xFFFFFFFF
            order[remap[used]] = np.flatnonzero(used)
            idx = remap[idx]
            attrs = {k: v[order] for k, v in attrs.items()}
            new_attrs = {}
            pos = attrs["POSITION"]
            if quantize:
                lo = pos.min(axis=0)
                extent = float((pos.max(axis=0) - lo).max()) or 1.0
                steps = (1 << bits) - 1
                scale = extent / steps
                q = np.round((pos - lo) / scale).astype(np.uint16)
                view = packer.vertices(_pad_rows(q))
                new_attrs["POSITION"] = _accessor(accessors, view, 5123, "VEC3", len(q), False,
                                                  q.min(axis=0).tolist(), q.max(axis=0).tolist())
                node = nodes[mesh_index]
                m = np.eye(4)
                if "matrix" in node:
                    m = np.asarray(node["matrix"], dtype=np.float64).reshape(4, 4).T
                dq = np.eye(4)
                dq[:3, :3] *= scale
                dq[:3, 3] = lo
                node["matrix"] = [float(x) for x in (m @ dq).T.reshape(-1)]
            else:
                p32 = pos.astype(np.float32)
                view = packer.vertices(_pad_rows(p32))
                new_attrs["POSITION"] = _accessor(accessors, view, 5126, "VEC3", len(p32), False,
                                                  p32.min(axis=0).tolist(), p32.max(axis=0).tolist())
            for name in ("NORMAL", "TANGENT"):
                if name not in attrs:
                    continue
                v = attrs[name]
                kind = "VEC3" if v.shape[1] == 3 else "VEC4"
                if quantize and packer.use_meshopt:
                    # octahedral filter: two 8-bit components per direction, compresses far better
                    view = packer.vertices(_pad_rows(meshopt.encode_filter_oct(v, 8)), "OCTAHEDRAL")
                    new_attrs[name] = _accessor(accessors, view, 5120, kind, len(v), True)
                elif quantize:
                    view = packer.vertices(_pad_rows(_snorm8(v)))
                    new_attrs[name] = _accessor(accessors, view, 5120, kind, len(v), True)
                else:
                    view = packer.vertices(_pad_rows(v.astype(np.float32)))
                    new_attrs[name] = _accessor(accessors, view, 5126, kind, len(v), False)
            for name in [k for k in attrs if k.startswith("TEXCOORD")]:
                uv = attrs[name]
                grid = uv_grids.get(prim.get("material", -1)) if name == "TEXCOORD_0" else None
                if quantize and grid is not None:
                    lo, step = grid
                    q = np.clip(np.round((uv - lo) / step), 0, 65535).astype(np.uint16)
                    new_attrs[name] = _accessor(accessors, packer.vertices(_pad_rows(q)), 5123, "VEC2", len(q), True)
                elif quantize and uv.min() >= 0.0 and uv.max() <= 1.0:
                    q = np.round(uv * 65535.0).astype(np.uint16)
                    new_attrs[name] = _accessor(accessors, packer.vertices(_pad_rows(q)), 5123, "VEC2", len(q), True)
                else:
                    u32 = uv.astype(np.float32)
                    new_attrs[name] = _accessor(accessors, packer.vertices(_pad_rows(u32)), 5126, "VEC2", len(u32), False)
            view, ctype = packer.indices(idx, unique)
            prim["indices"] = _accessor(accessors, view, ctype, "SCALAR", len(idx), False)
            prim["attributes"] = new_attrs
    del old_accessors
    images = doc.get("images", [])
    webp = getattr(options, "texture_format", "webp") == "webp"
    quality = int(getattr(options, "webp_quality", 85))
    for image in images:
        view = doc["bufferViews"][image["bufferView"]]
        data = binary[view.get("byteOffset", 0) : view.get("byteOffset", 0) + view["byteLength"]]
        img = Image.open(io.BytesIO(data))
        img.load()
        buf = io.BytesIO()
        if webp:
            img.save(buf, format="WEBP", quality=quality, lossless=quality >= 100, method=4)
            image["mimeType"] = "image/webp"
        else:
            img.save(buf, format="PNG", optimize=True)
        image["bufferView"] = packer.plain(buf.getvalue())
    used_ext = set(doc.get("extensionsUsed", []))
    required: set[str] = set()
    if webp and images:
        for tex in doc.get("textures", []):
            tex["extensions"] = {"EXT_texture_webp": {"source": tex.pop("source")}}
        used_ext.add("EXT_texture_webp")
        required.add("EXT_texture_webp")
    if draco and doc.get("meshes"):
        used_ext.add("KHR_draco_mesh_compression")
        required.add("KHR_draco_mesh_compression")
    if quantize:
        used_ext.add("KHR_mesh_quantization")
        required.add("KHR_mesh_quantization")
    for material_index, (lo, step) in uv_grids.items():
        transform = {"offset": [float(x) for x in lo], "scale": [float(x) * 65535.0 for x in step]}
        for info in _texture_infos(doc["materials"][material_index]):
            info.setdefault("extensions", {})["KHR_texture_transform"] = dict(transform)
            used_ext.add("KHR_texture_transform")
            required.add("KHR_texture_transform")
    bin_chunk = packer.binary()
    buffers = [{"byteLength": len(bin_chunk)}]
    if packer.use_meshopt and packer.fallback_length:
        used_ext.add("EXT_meshopt_compression")
        required.add("EXT_meshopt_compression")
        buffers.append({"byteLength": packer.fallback_length,
                        "extensions": {"EXT_meshopt_compression": {"fallback": True}}})
    doc["accessors"] = accessors
    doc["bufferViews"] = packer.views
    doc["buffers"] = buffers
    if used_ext:
        doc["extensionsUsed"] = sorted(used_ext)
    if required:
        doc["extensionsRequired"] = sorted(required)
    return doc, bin_chunk


def _draco_primitive(prim: dict, attrs: dict[str, np.ndarray], idx: np.ndarray, accessors: list[dict],
                     packer: _Packer, bits: int) -> None:
    """Replace ``prim``'s geometry by one KHR_draco_mesh_compression stream (:mod:`.draco`)."""
    from meshforge.optimize import draco

    if "TANGENT" in attrs:
        log.info("draco: TANGENT not stored (clients generate tangents for normal maps)")
    data, info = draco.encode(attrs["POSITION"], idx.reshape(-1, 3), attrs.get("NORMAL"), attrs.get("TEXCOORD_0"),
                              position_bits=bits)
    view = packer.plain(data)
    count = info["count"]
    new_attrs = {"POSITION": _accessor(accessors, None, 5126, "VEC3", count, False, info["min"], info["max"])}
    if "NORMAL" in info["attributes"]:
        new_attrs["NORMAL"] = _accessor(accessors, None, 5126, "VEC3", count, False)
    if "TEXCOORD_0" in info["attributes"]:
        new_attrs["TEXCOORD_0"] = _accessor(accessors, None, 5126, "VEC2", count, False)
    ctype = 5123 if count < 65536 else 5125
    prim["indices"] = _accessor(accessors, None, ctype, "SCALAR", 3 * info["triangles"], False)
    prim["attributes"] = new_attrs
    prim["extensions"] = {"KHR_draco_mesh_compression": {"bufferView": view, "attributes": info["attributes"]}}


def _texture_infos(material: dict) -> list[dict]:
    """Every textureInfo of a material (any key ending in ``Texture``, extensions included)."""
    found = []
    stack = [material]
    while stack:
        item = stack.pop()
        for key, value in item.items():
            if isinstance(value, dict):
                if key.endswith("Texture") and "index" in value:
                    found.append(value)
                else:
                    stack.append(value)
    return found


def _uv_grids(doc: dict, binary: bytes, bits: int) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Per material whose textures all read TEXCOORD_0 without a transform: ``(lo, step)`` of a
    ``bits``-bit grid over the UV range of every primitive using it (gltfpack's -vt scheme: the
    dequantisation goes into KHR_texture_transform on each of the material's textures)."""
    ranges: dict[int, list[np.ndarray]] = {}
    for mesh in doc.get("meshes", []):
        for prim in mesh["primitives"]:
            if "material" not in prim or "TEXCOORD_0" not in prim["attributes"]:
                continue
            uv = _read(doc, binary, prim["attributes"]["TEXCOORD_0"]).astype(np.float64)
            if not len(uv) or not np.all(np.isfinite(uv)):
                ranges[prim["material"]] = []
                continue
            ranges.setdefault(prim["material"], []).extend([uv.min(axis=0), uv.max(axis=0)])
    grids = {}
    steps = float((1 << bits) - 1)
    for index, bounds in ranges.items():
        infos = _texture_infos(doc["materials"][index])
        if not bounds or not infos or any(i.get("texCoord", 0) != 0 or "KHR_texture_transform" in
                                          i.get("extensions", {}) for i in infos):
            continue
        lo = np.min(bounds, axis=0)
        hi = np.max(bounds, axis=0)
        step = np.where(hi > lo, (hi - lo) / steps, 1.0)
        grids[index] = (lo, step)
    return grids


def _accessor(accessors: list[dict], view: int | None, ctype: int, kind: str, count: int, normalized: bool,
              lo: list | None = None, hi: list | None = None) -> int:
    acc: dict = {"componentType": ctype, "count": int(count), "type": kind}
    if view is not None:
        acc["bufferView"] = view
    if normalized:
        acc["normalized"] = True
    if lo is not None:
        acc["min"], acc["max"] = lo, hi
    accessors.append(acc)
    return len(accessors) - 1


def glb_container(doc: dict, binary: bytes) -> bytes:
    """GLB 2.0 container: header, JSON chunk (space padded), BIN chunk (zero padded)."""
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()
    text += b" " * ((-len(text)) % 4)
    body = struct.pack("<II", len(text), 0x4E4F534A) + text
    if binary:
        body += struct.pack("<II", len(binary), 0x004E4942) + binary
    return b"glTF" + struct.pack("<II", 2, 12 + len(body)) + body
