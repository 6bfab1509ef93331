"""USDZ writer (``.usdz``) for Apple AR Quick Look and every USD tool, built with Pixar's ``usd-core``.

Written against:

* OpenUSD ``UsdGeom``: stage metadata ``upAxis = "Y"`` and ``metersPerUnit = 1`` (meshforge's frame,
  nothing is converted); one ``UsdGeomMesh`` per part with ``points`` (float32, meters),
  ``faceVertexCounts``/``faceVertexIndices`` (triangles, ``orientation = "rightHanded"``: counter-
  clockwise front faces, as meshforge stores them), ``normals`` with ``vertex`` interpolation (render
  vertices are already split at hard edges and seams), ``primvars:st`` (``texCoord2f[]``, ``vertex``
  interpolation, indexed: each distinct UV stored once), ``subdivisionScheme = "none"`` (the triangles
  are the surface, not a subdivision cage), ``extent`` and ``doubleSided`` from the material; the
  part's 4x4 transform as one ``xformOp:transform`` (USD matrices are row-vector, so the transpose of
  meshforge's). A mirroring transform (negative determinant) is baked into the points instead:
  USD flips the effective orientation under such a transform, but not every AR renderer does.
* OpenUSD ``UsdShade`` and the UsdPreviewSurface specification (2.x): per material one
  ``UsdPreviewSurface`` (``diffuseColor``, ``metallic``, ``roughness``, ``opacity``,
  ``emissiveColor``, ``opacityThreshold`` for MASK), ``UsdUVTexture`` nodes reading ``st`` through a
  ``UsdPrimvarReader_float2``: base color (sRGB, the glTF factor as ``scale``, alpha to ``opacity``
  when the material is not opaque), the glTF metallic-roughness texture once with ``outputs:g`` ->
  roughness and ``outputs:b`` -> metallic (raw, factors as ``scale``, glTF 2.0 section 3.9.2), the
  normal map (raw, exactly ``scale = (2, 2, 2, 1)``, ``bias = (-1, -1, -1, 0)`` as usd-core's
  validator and AR readers expect, so a normal strength other than 1 is baked into the pixels; OpenGL
  +Y convention, which is UsdPreviewSurface's), emissive (sRGB, factor as ``scale``). Textures wrap with
  ``repeat`` because generator UVs tile in meters. USD's ``st`` has the origin at the bottom left with
  V up, meshforge's convention, so UVs are written as stored. Bound with ``UsdShadeMaterialBindingAPI``.
* The USDZ file format specification: a zip archive, no compression, every file 64-byte aligned, the
  root layer (binary ``usdc`` crate) first, textures (PNG) inside. ``UsdUtils.CreateNewARKitUsdzPackage``
  writes it (for one usdc layer it writes the same bytes as ``CreateNewUsdzPackage``; it would also
  flatten a multi-layer stage). Its zip writer stamps the clock into every entry, so those stamps are
  reset to the registry's ``ZIP_EPOCH`` afterwards; the crate layer itself holds no time or path, so
  the same model gives the same bytes.
* Apple AR Quick Look limits, enforced with ``ar=True``: at most 100,000 polygons (the most detailed
  level of ``model.lods`` that fits is written; a model with no such level is refused) and textures of
  at most 2048 x 2048 pixels (downscaled with Lanczos filtering, aspect kept), PNG only.

Layout of the stage: ``/<model>`` (an ``Xform`` of kind ``component``, the ``defaultPrim``) holds the
part meshes and ``/<model>/Materials/<material>``; prim names are the part, material and model names
made into valid USD identifiers (``displayName`` keeps the original when it differs). The model's
JSON-serialisable metadata (recipe, units, source) is kept in the root layer's ``customLayerData``
under ``meshforge``. LOD1..n are not written (USD has no LOD schema AR Quick Look reads).

``usd-core`` is an optional dependency (``pip install 'meshforge[usd]'``), imported at first use.
"""

from __future__ import annotations

import io
import json
import logging
import struct
import tempfile
from pathlib import Path
from types import SimpleNamespace

import numpy as np
from PIL import Image

from meshforge import __version__
from meshforge.core.errors import FormatError, ParameterError
from meshforge.core.material import Material, Texture
from meshforge.core.model import Model
from meshforge.export.gltf import gltf_png
from meshforge.export.registry import (
    ZIP_EPOCH,
    Bundle,
    Exporter,
    check_model,
    file_safe,
    jsonable_metadata,
    material_key,
    register,
    unique_names,
    with_normals,
)
from meshforge.geometry.mesh import Mesh

log = logging.getLogger(__name__)

#: Most polygons Apple AR Quick Look accepts in one model.
AR_MAX_POLYGONS = 100_000
#: Largest texture side (pixels) Apple AR Quick Look accepts.
AR_MAX_TEXTURE_SIZE = 2048
#: Name of the scope holding the materials under the default prim.
MATERIALS_SCOPE = "Materials"

INSTALL_HINT = "pip install 'meshforge[usd]'"


def _pxr() -> SimpleNamespace:
    """The ``pxr`` modules used here, imported at first use (``usd-core`` is an optional extra)."""
    try:
        from pxr import Gf, Kind, Sdf, Usd, UsdGeom, UsdShade, UsdUtils, Vt
    except ImportError as exc:
        raise FormatError(
            f"USDZ export needs Pixar's usd-core, which is not installed ({exc}); install it with: {INSTALL_HINT}"
        ) from exc
    return SimpleNamespace(
        Gf=Gf, Kind=Kind, Sdf=Sdf, Usd=Usd, UsdGeom=UsdGeom, UsdShade=UsdShade, UsdUtils=UsdUtils, Vt=Vt
    )


def usd_identifier(name: str, default: str) -> str:
    """``name`` as a valid USD prim name: ``[A-Za-z_][A-Za-z0-9_]*`` (others become ``_``)."""
    cleaned = "".join(c if (c.isascii() and (c.isalnum() or c == "_")) else "_" for c in str(name))
    if not cleaned.strip("_"):
        return default
    return "_" + cleaned if cleaned[0].isdigit() else cleaned


# ---------------------------------------------------------------------- AR Quick Look rules
def ar_level(model: Model, max_polygons: int = AR_MAX_POLYGONS) -> Model:
    """The most detailed level (the model itself, then ``model.lods``) with at most ``max_polygons``.

    Raises:
        ParameterError: no level fits; the message gives the counts and how to make a coarser level.
    """
    levels = [model, *model.lods]
    for index, level in enumerate(levels):
        if level.triangle_count <= max_polygons:
            if index:
                log.info(
                    "AR Quick Look: %s triangles -> LOD%d with %s triangles (limit %s)",
                    f"{model.triangle_count:,}",
                    index,
                    f"{level.triangle_count:,}",
                    f"{max_polygons:,}",
                )
            return level
    coarsest = min(level.triangle_count for level in levels)
    lods = (
        f"; its coarsest level of detail (LOD{len(levels) - 1}) still has {coarsest:,}"
        if model.lods
        else " and no coarser level of detail"
    )
    raise ParameterError(
        f"model {model.name!r} has {model.triangle_count:,} triangles{lods}, but AR Quick Look shows at "
        f"most {max_polygons:,}: build a level of detail below that (run `meshforge lod`) or simplify "
        "the model, then export with ar=True again"
    )


def fit_texture(png: bytes, max_size: int, name: str = "texture") -> bytes:
    """PNG bytes whose sides are at most ``max_size`` pixels (Lanczos downscale, aspect ratio kept).

    Input that is already small enough is returned unchanged.
    """
    image = Image.open(io.BytesIO(png))
    width, height = image.size
    if max(width, height) <= max_size:
        return png
    image.load()
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    scale = max_size / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    log.info("AR Quick Look: texture %s %dx%d -> %dx%d", name, width, height, *size)
    buf = io.BytesIO()
    image.resize(size, Image.Resampling.LANCZOS).save(buf, format="PNG", compress_level=6)
    return buf.getvalue()


# ---------------------------------------------------------------------- textures
def scaled_normal_png(texture: Texture, scale: float) -> bytes:
    """The normal map with glTF's ``normalTexture.scale`` baked in, as 8-bit RGB PNG.

    glTF 2.0 section 3.9.3: ``n = normalize((2 * sample - 1) * (scale, scale, 1))``. UsdPreviewSurface
    has no strength input and readers expect exactly ``scale = (2, 2, 2, 1)``, ``bias = (-1, -1, -1, 0)``
    on a normal map's UsdUVTexture, so the strength goes into the pixels. ``scale == 1`` keeps the
    texture's pixels as they are.
    """
    if scale == 1.0:
        return gltf_png(texture)
    rgb = np.asarray(texture.image.convert("RGB"), dtype=np.float64) / 255.0 * 2.0 - 1.0
    rgb[..., :2] *= scale
    length = np.linalg.norm(rgb, axis=2, keepdims=True)
    rgb = np.divide(rgb, length, out=np.tile([0.0, 0.0, 1.0], (*rgb.shape[:2], 1)), where=length > 1e-12)
    pixels = np.clip(np.round((rgb + 1.0) * 0.5 * 255.0), 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(pixels, mode="RGB").save(buf, format="PNG", compress_level=6)
    return buf.getvalue()


# ---------------------------------------------------------------------- stage building
def _has_alpha(png: bytes) -> bool:
    image = Image.open(io.BytesIO(png))
    return "A" in image.getbands() or "transparency" in image.info


class _StageBuilder:
    """Authors the model into a stage; textures are collected as ``package path -> PNG bytes``."""

    def __init__(self, pxr: SimpleNamespace, stage, root_path, max_texture_size: int | None):
        self.pxr = pxr
        self.stage = stage
        self.max_texture_size = max_texture_size
        self.scope = pxr.UsdGeom.Scope.Define(stage, root_path.AppendChild(MATERIALS_SCOPE))
        self.textures: dict[str, bytes] = {}
        self._texture_by_content: dict[bytes, str] = {}
        self._materials: dict[tuple, object] = {}
        self._material_names: set[str] = set()

    # -------------------------------------------------------------- textures
    def texture_path(self, png: bytes, name: str) -> str:
        """Layer-relative asset path of a PNG (one file per distinct content, downscaled for AR)."""
        if self.max_texture_size is not None:
            png = fit_texture(png, self.max_texture_size, name)
        if png not in self._texture_by_content:
            base = f"textures/{file_safe(name, 'texture')}"
            candidate, i = f"{base}.png", 1
            while candidate in self.textures:
                candidate = f"{base}_{i}.png"
                i += 1
            self.textures[candidate] = png
            self._texture_by_content[png] = candidate
        # "./" anchors the path to the layer: a bare "textures/x.png" is an Ar search path, which
        # the packager would copy into a numbered folder
        return f"./{self._texture_by_content[png]}"

    # -------------------------------------------------------------- materials
    def material(self, material: Material, textured: bool):
        """The ``UsdShadeMaterial`` for ``material`` (textures only when the mesh has UVs)."""
        textured = textured and bool(material.textures)
        key = (material_key(material), textured)
        if key not in self._materials:
            name = usd_identifier(material.name, "material")
            if not textured and material.textures:
                name += "_untextured"
            name = unique_names([*sorted(self._material_names), name])[-1]
            self._material_names.add(name)
            self._materials[key] = self._define_material(name, material, textured)
        return self._materials[key]

    def _define_material(self, name: str, material: Material, textured: bool):
        p = self.pxr
        Sdf, UsdShade, Gf = p.Sdf, p.UsdShade, p.Gf
        usd_material = UsdShade.Material.Define(self.stage, self.scope.GetPath().AppendChild(name))
        if name != material.name:
            usd_material.GetPrim().SetDisplayName(material.name)
        surface = UsdShade.Shader.Define(self.stage, usd_material.GetPath().AppendChild("PreviewSurface"))
        surface.CreateIdAttr("UsdPreviewSurface")
        usd_material.CreateSurfaceOutput().ConnectToSource(surface.ConnectableAPI(), "surface")
        inputs = {
            "diffuseColor": (Sdf.ValueTypeNames.Color3f, Gf.Vec3f(*material.base_color[:3])),
            "metallic": (Sdf.ValueTypeNames.Float, material.metallic),
            "roughness": (Sdf.ValueTypeNames.Float, material.roughness),
            "emissiveColor": (Sdf.ValueTypeNames.Color3f, Gf.Vec3f(*material.emissive)),
            "opacity": (
                Sdf.ValueTypeNames.Float,
                1.0 if material.alpha_mode == "OPAQUE" else material.base_color[3],
            ),
        }
        if material.alpha_mode == "MASK":
            inputs["opacityThreshold"] = (Sdf.ValueTypeNames.Float, material.alpha_cutoff)
        surface_inputs = {key: surface.CreateInput(key, kind) for key, (kind, _) in inputs.items()}
        for key, (_, value) in inputs.items():
            surface_inputs[key].Set(value)
        if not textured:
            return usd_material

        reader = UsdShade.Shader.Define(self.stage, usd_material.GetPath().AppendChild("PrimvarReader_st"))
        reader.CreateIdAttr("UsdPrimvarReader_float2")
        reader.CreateInput("varname", Sdf.ValueTypeNames.String).Set("st")
        st_output = reader.CreateOutput("result", Sdf.ValueTypeNames.Float2)

        def texture_node(node_name: str, texture: Texture, color_space: str, scale, bias=None, png=None):
            node = UsdShade.Shader.Define(self.stage, usd_material.GetPath().AppendChild(node_name))
            node.CreateIdAttr("UsdUVTexture")
            path = self.texture_path(gltf_png(texture) if png is None else png, texture.name)
            node.CreateInput("file", Sdf.ValueTypeNames.Asset).Set(Sdf.AssetPath(path))
            node.CreateInput("st", Sdf.ValueTypeNames.Float2).ConnectToSource(st_output)
            node.CreateInput("wrapS", Sdf.ValueTypeNames.Token).Set("repeat")
            node.CreateInput("wrapT", Sdf.ValueTypeNames.Token).Set("repeat")
            node.CreateInput("sourceColorSpace", Sdf.ValueTypeNames.Token).Set(color_space)
            node.CreateInput("scale", Sdf.ValueTypeNames.Float4).Set(Gf.Vec4f(*scale))
            if bias is not None:
                node.CreateInput("bias", Sdf.ValueTypeNames.Float4).Set(Gf.Vec4f(*bias))
            return node

        if material.base_color_texture is not None:
            node = texture_node("BaseColorTexture", material.base_color_texture, "sRGB", material.base_color)
            rgb = node.CreateOutput("rgb", Sdf.ValueTypeNames.Float3)
            surface_inputs["diffuseColor"].ConnectToSource(rgb)
            if material.alpha_mode != "OPAQUE" and _has_alpha(material.base_color_texture.png):
                surface_inputs["opacity"].ConnectToSource(node.CreateOutput("a", Sdf.ValueTypeNames.Float))
        if material.metallic_roughness_texture is not None:
            node = texture_node(
                "MetallicRoughnessTexture",
                material.metallic_roughness_texture,
                "raw",
                (1.0, material.roughness, material.metallic, 1.0),
            )
            surface_inputs["roughness"].ConnectToSource(node.CreateOutput("g", Sdf.ValueTypeNames.Float))
            surface_inputs["metallic"].ConnectToSource(node.CreateOutput("b", Sdf.ValueTypeNames.Float))
        if material.normal_texture is not None:
            node = texture_node(
                "NormalTexture",
                material.normal_texture,
                "raw",
                (2.0, 2.0, 2.0, 1.0),
                (-1.0, -1.0, -1.0, 0.0),
                png=scaled_normal_png(material.normal_texture, material.normal_scale),
            )
            normal = surface.CreateInput("normal", Sdf.ValueTypeNames.Normal3f)
            normal.ConnectToSource(node.CreateOutput("rgb", Sdf.ValueTypeNames.Float3))
        if material.emissive_texture is not None:
            node = texture_node(
                "EmissiveTexture", material.emissive_texture, "sRGB", (*material.emissive, 1.0)
            )
            surface_inputs["emissiveColor"].ConnectToSource(
                node.CreateOutput("rgb", Sdf.ValueTypeNames.Float3)
            )
        return usd_material

    # -------------------------------------------------------------- meshes
    def mesh(self, path, display_name: str, mesh: Mesh, transform: np.ndarray, material: Material) -> None:
        p = self.pxr
        UsdGeom, Vt, Gf = p.UsdGeom, p.Vt, p.Gf
        mesh = with_normals(mesh)
        if np.linalg.det(transform[:3, :3]) < 0:
            mesh = mesh.transformed(transform)
            transform = np.eye(4)
        usd_mesh = UsdGeom.Mesh.Define(self.stage, path)
        prim = usd_mesh.GetPrim()
        if display_name != path.name:
            prim.SetDisplayName(display_name)
        points = np.ascontiguousarray(mesh.vertices, dtype=np.float32)
        usd_mesh.CreatePointsAttr(Vt.Vec3fArray.FromNumpy(points))
        usd_mesh.CreateFaceVertexCountsAttr(
            Vt.IntArray.FromNumpy(np.full(len(mesh.faces), 3, dtype=np.int32))
        )
        usd_mesh.CreateFaceVertexIndicesAttr(
            Vt.IntArray.FromNumpy(np.ascontiguousarray(mesh.faces.reshape(-1), dtype=np.int32))
        )
        usd_mesh.CreateNormalsAttr(
            Vt.Vec3fArray.FromNumpy(np.ascontiguousarray(mesh.normals, dtype=np.float32))
        )
        usd_mesh.SetNormalsInterpolation(UsdGeom.Tokens.vertex)
        usd_mesh.CreateSubdivisionSchemeAttr(UsdGeom.Tokens.none)
        usd_mesh.CreateOrientationAttr(UsdGeom.Tokens.rightHanded)
        usd_mesh.CreateDoubleSidedAttr(bool(material.double_sided))
        usd_mesh.CreateExtentAttr(Vt.Vec3fArray.FromNumpy(np.array([points.min(axis=0), points.max(axis=0)])))
        if mesh.uvs is not None:
            uvs = np.where(np.isfinite(mesh.uvs), mesh.uvs, 0.0).astype(np.float32)
            values, first, inverse = np.unique(uvs, axis=0, return_index=True, return_inverse=True)
            # distinct UVs in order of first use, so the file does not depend on sorting details
            order = np.argsort(first, kind="stable")
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            primvar = UsdGeom.PrimvarsAPI(prim).CreatePrimvar(
                "st", p.Sdf.ValueTypeNames.TexCoord2fArray, UsdGeom.Tokens.vertex
            )
            primvar.Set(Vt.Vec2fArray.FromNumpy(np.ascontiguousarray(values[order])))
            primvar.SetIndices(Vt.IntArray.FromNumpy(rank[inverse.reshape(-1)].astype(np.int32)))
        if not np.allclose(transform, np.eye(4), rtol=0.0, atol=1e-12):
            op = usd_mesh.AddTransformOp()
            op.Set(Gf.Matrix4d(np.asarray(transform, dtype=np.float64).T.tolist()))
        binding = p.UsdShade.MaterialBindingAPI.Apply(prim)
        binding.Bind(self.material(material, textured=mesh.uvs is not None))


def build_usd_layer(model: Model, layer_path: Path, *, ar: bool = False) -> dict[str, bytes]:
    """Write the model's stage to ``layer_path`` (a ``.usdc`` crate file).

    Returns the textures the layer refers to, ``package-relative path -> PNG bytes``; the caller puts
    them next to the layer (the packager reads them from there). With ``ar``, the level of detail and
    the textures follow AR Quick Look's limits (see :func:`ar_level`).
    """
    pxr = _pxr()
    Sdf, Usd, UsdGeom = pxr.Sdf, pxr.Usd, pxr.UsdGeom
    level = ar_level(model) if ar else model
    if level is not model:
        check_model(level)
    stage = Usd.Stage.CreateInMemory(layer_path.name)
    UsdGeom.SetStageUpAxis(stage, UsdGeom.Tokens.y)
    UsdGeom.SetStageMetersPerUnit(stage, 1.0)
    root_name = usd_identifier(model.name, "model")
    root = UsdGeom.Xform.Define(stage, Sdf.Path.absoluteRootPath.AppendChild(root_name))
    if root_name != model.name:
        root.GetPrim().SetDisplayName(model.name)
    pxr.Usd.ModelAPI(root.GetPrim()).SetKind(pxr.Kind.Tokens.component)
    stage.SetDefaultPrim(root.GetPrim())
    layer = stage.GetRootLayer()
    layer.documentation = f"meshforge {__version__}"
    metadata = jsonable_metadata(model.metadata)
    layer.customLayerData = {
        "meshforge": {
            "generator": f"meshforge {__version__}",
            "metadata": json.dumps(metadata, sort_keys=True, ensure_ascii=False, allow_nan=False),
        }
    }
    builder = _StageBuilder(pxr, stage, root.GetPath(), AR_MAX_TEXTURE_SIZE if ar else None)
    parts = [part for part in level.parts if part.mesh.triangle_count]
    names = unique_names([MATERIALS_SCOPE, *(usd_identifier(part.name, "part") for part in parts)])[1:]
    for part, name in zip(parts, names, strict=True):
        builder.mesh(root.GetPath().AppendChild(name), part.name, part.mesh, part.transform, part.material)
    if not layer.Export(str(layer_path), args={"format": "usdc"}):
        raise OSError(f"usd-core could not write {layer_path}")
    return builder.textures


def usdz_bytes(model: Model, stem: str = "model", *, ar: bool = False) -> bytes:
    """The USDZ package of ``model``: ``{stem}.usdc`` first, then its PNG textures."""
    check_model(model)
    pxr = _pxr()
    with tempfile.TemporaryDirectory(prefix="meshforge-usdz-") as tmp:
        directory = Path(tmp)
        layer_path = directory / f"{stem}.usdc"
        textures = build_usd_layer(model, layer_path, ar=ar)
        for name, png in textures.items():
            target = directory / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(png)
        package = directory / f"{stem}.usdz"
        if not pxr.UsdUtils.CreateNewARKitUsdzPackage(pxr.Sdf.AssetPath(str(layer_path)), str(package)):
            raise OSError(f"usd-core could not package {layer_path} into {package}")
        return fixed_zip_timestamps(package.read_bytes())


def _dos_time_date(stamp: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    year, month, day, hour, minute, second = stamp
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def fixed_zip_timestamps(data: bytes) -> bytes:
    """The zip archive with every entry's modification time set to the registry's ``ZIP_EPOCH``.

    usd-core's zip writer stamps the current time into each local header and central directory
    header (PKWARE APPNOTE 4.3.7, 4.3.12: time and date at bytes 10 and 12 of a local header, 12 and
    14 of a central one); only those bytes change, so sizes, offsets and the 64-byte alignment of the
    data stay exactly as the packager wrote them.
    """
    out = bytearray(data)
    end = out.rfind(b"PK\x05\x06", max(0, len(out) - 65_557))
    if end < 0:
        raise ValueError("usd-core wrote a package without a zip end-of-central-directory record")
    count, _, offset = struct.unpack_from("<HII", out, end + 10)
    time, date = _dos_time_date(ZIP_EPOCH)
    for _ in range(count):
        if out[offset : offset + 4] != b"PK\x01\x02":
            raise ValueError("unexpected zip layout from usd-core's packager")
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", out, offset + 28)
        (local,) = struct.unpack_from("<I", out, offset + 42)
        if out[local : local + 4] != b"PK\x03\x04":
            raise ValueError("unexpected zip layout from usd-core's packager")
        struct.pack_into("<HH", out, offset + 12, time, date)
        struct.pack_into("<HH", out, local + 10, time, date)
        offset += 46 + name_length + extra_length + comment_length
    return bytes(out)


def usdz_bundle(model: Model, stem: str, ar: bool = False) -> Bundle:
    """``{stem}.usdz``: a usdc root layer and its PNG textures in one package (see module docstring)."""
    if not isinstance(ar, bool):
        raise ParameterError(f"option ar must be true or false, got {ar!r}")
    return {f"{stem}.usdz": usdz_bytes(model, stem, ar=ar)}


register(
    Exporter(
        ".usdz",
        "USDZ package (usdc + PNG textures, UsdPreviewSurface) for AR Quick Look and USD tools; needs usd-core",
        "m",
        "Y",
        usdz_bundle,
        {
            "ar": "enforce Apple AR Quick Look limits: at most 100,000 polygons (picks the most detailed "
            "level of detail that fits, refuses otherwise) and 2048x2048 textures (downscaled); default False"
        },
    )
)
