"""Web and mobile delivery: a small, fast-loading GLB (``meshforge optimize FILE --target web``).

Steps, each logged with before/after counts:

1. **weld, dedup, prune**: degenerate triangles dropped, vertices identical in position, normal and UV
   merged, unused vertices removed, empty parts dropped (:func:`clean_model`);
2. optional **simplification** to a ratio (:mod:`meshforge.lod.simplify`);
3. **textures** resized to the target's limit and re-encoded (WebP for web, PNG for mobile);
4. the GLB is written by :mod:`meshforge.export.gltf` and then packed (:mod:`.gltf_pack`): triangles
   reordered for the vertex cache and vertices for fetch (meshoptimizer), attributes quantised
   (``KHR_mesh_quantization``: 14-bit positions dequantised by the node matrix, 8-bit normals and
   tangents, 16-bit UVs when they lie in [0, 1]), buffer views compressed with meshoptimizer's codecs
   (``EXT_meshopt_compression``), images as WebP (``EXT_texture_webp``) or PNG. With ``draco=True``
   (``--draco``) the geometry is a Draco stream per primitive instead (``KHR_draco_mesh_compression``,
   :mod:`.draco`, optional DracoPy).

The output passes the Khronos glTF-Validator and loads in three.js (``GLTFLoader`` with
``MeshoptDecoder``), model-viewer and Babylon.js. meshopt is the default: it decodes faster in
browsers and compresses about as well after gzip; Draco is there for pipelines that only take Draco.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from meshforge.core.errors import ParameterError
from meshforge.core.model import Model
from meshforge.geometry.mesh import Mesh

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OptimizeOptions:
    """How to optimise; :data:`TARGETS` holds the defaults per target."""

    #: largest texture side in pixels (None: keep).
    texture_px: int | None = 2048
    #: image format: ``webp`` (EXT_texture_webp) or ``png``.
    texture_format: str = "webp"
    #: WebP quality 1..100 (lossy); 100 means lossless.
    webp_quality: int = 85
    #: quantise attributes (KHR_mesh_quantization).
    quantize: bool = True
    #: bits per position component (10..16).
    position_bits: int = 14
    #: bits per texture coordinate component over the material's UV range (8..16; KHR_texture_transform).
    uv_bits: int = 12
    #: compress buffer views with meshoptimizer (EXT_meshopt_compression).
    meshopt: bool = True
    #: keep this fraction of triangles (1.0: no simplification).
    ratio: float = 1.0
    #: with ``ratio``: textured parts that UV seams hold get new UVs and textures baked from the original
    #: (:mod:`meshforge.lod.rebake`), at most ``texture_px`` a side.
    rebake: bool = False
    #: order triangles as strips before the meshopt codecs (smaller; slightly worse vertex-cache use).
    strip_order: bool = True
    #: compress geometry with Draco (KHR_draco_mesh_compression) instead of meshopt and quantisation;
    #: needs the optional DracoPy (``pip install 'meshforge[draco]'``).
    draco: bool = False

    def __post_init__(self) -> None:
        if self.texture_format not in ("webp", "png"):
            raise ParameterError(f"texture format must be webp or png, got {self.texture_format!r}")
        if not 10 <= self.position_bits <= 16:
            raise ParameterError("position bits must be between 10 and 16")
        if not 8 <= self.uv_bits <= 16:
            raise ParameterError("UV bits must be between 8 and 16")
        if not 0.0 < self.ratio <= 1.0:
            raise ParameterError(f"ratio must be in (0, 1], got {self.ratio}")


#: Defaults per delivery target (texture limits from the quality budgets).
TARGETS: dict[str, OptimizeOptions] = {
    "web": OptimizeOptions(texture_px=2048, texture_format="webp"),
    "mobile": OptimizeOptions(texture_px=1024, texture_format="png"),
}


def clean_mesh(mesh: Mesh) -> Mesh:
    """Drop degenerate triangles, merge identical vertices, remove unused ones."""
    if not mesh.triangle_count:
        return mesh
    return mesh.without_degenerate(min_area=0.0).compact()


def clean_model(model: Model) -> Model:
    """Weld, dedup and prune every part; parts left without triangles are removed."""
    out = model.copy()
    before_v, before_t = model.vertex_count, model.triangle_count
    for part in out.parts:
        part.mesh = clean_mesh(part.mesh)
    out.parts = [p for p in out.parts if p.mesh.triangle_count]
    log.info("clean %s: %s -> %s vertices, %s -> %s triangles, %d -> %d parts", model.name, f"{before_v:,}",
             f"{out.vertex_count:,}", f"{before_t:,}", f"{out.triangle_count:,}", len(model.parts), len(out.parts))
    return out


def optimize_model(model: Model, options: OptimizeOptions) -> Model:
    """The geometry and texture steps (1-3) on a model; :func:`optimized_glb` writes it."""
    from meshforge.lod.chain import limit_textures
    from meshforge.lod.simplify import simplify_model

    out = clean_model(model)
    if options.ratio < 1.0:
        side = None
        if options.rebake and options.texture_px:
            side = min(max(options.texture_px, 64), 4096)
        out = simplify_model(out, ratio=options.ratio, rebake=options.rebake, rebake_px=side)
    if options.texture_px:
        out = limit_textures(out, options.texture_px)
    return out


def optimized_glb(model: Model, options: OptimizeOptions | None = None, target: str | None = None) -> bytes:
    """Optimise ``model`` and return GLB bytes (see the module docstring)."""
    if options is None:
        if target is not None and target not in TARGETS:
            raise ParameterError(f"unknown target {target!r}; targets: {', '.join(TARGETS)}")
        options = TARGETS[target or "web"]
    if options.draco:
        from meshforge.optimize.draco import require

        require()  # fail before any work when DracoPy is missing
    return packed_glb(optimize_model(model, options), options)


def packed_glb(optimized: Model, options: OptimizeOptions) -> bytes:
    """Step 4 alone: GLB bytes of a model :func:`optimize_model` made with the same ``options``."""
    from meshforge.export.gltf import build_gltf
    from meshforge.export.registry import check_model, file_safe
    from meshforge.optimize.gltf_pack import glb_container, pack_document

    check_model(optimized)
    doc, binary, _ = build_gltf(optimized, file_safe(optimized.name), embed_images=True, keep_uvs=False)
    doc, binary = pack_document(doc, binary, options)
    data = glb_container(doc, binary)
    log.info("optimize %s: %s triangles, %s bytes", optimized.name, f"{optimized.triangle_count:,}", f"{len(data):,}")
    return data


def texture_sizes(model: Model) -> list[int]:
    return sorted({max(t.size) for m in model.materials for t in m.textures.values()})


__all__ = ["TARGETS", "OptimizeOptions", "clean_model", "optimize_model", "optimized_glb", "packed_glb", "texture_sizes"]
