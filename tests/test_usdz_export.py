"""USDZ export (``meshforge.export.usdz``) checked by a reader we did not write: Pixar's usd-core.

Every package must pass all of usd-core's registered ``UsdValidation`` validators without an error or
a warning, open with ``Usd.Stage.Open`` with the parts' counts, bounds, normals, UVs, transforms and
materials, and follow Apple AR Quick Look's rules, which no usd-core validator checks (usdc root layer
first in the package, Y-up, meters, a default prim, UsdPreviewSurface materials, and with ``ar=True``
at most 100,000 polygons and 2048 x 2048 textures).
"""

from __future__ import annotations

import io
import json
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import trimesh
from PIL import Image

from meshforge.core.errors import FormatError, ParameterError
from meshforge.core.material import Material
from meshforge.core.model import Model
from meshforge.core.recipe import Recipe, build
from meshforge.export import export, export_bytes
from meshforge.export.gltf import gltf_png
from meshforge.export.registry import with_normals
from meshforge.export.usdz import AR_MAX_POLYGONS, fixed_zip_timestamps, scaled_normal_png, usd_identifier
from meshforge.generators import catalog
from meshforge.geometry.mesh import Mesh
from test_export import (
    build_test_model,
    flat_box,
    painted_material,
    png_texture,
    steel,
    translate,
    uv_sphere,
    y_cylinder,
)

try:
    from pxr import Sdf, Usd, UsdGeom, UsdShade, UsdValidation
except ImportError as exc:  # fail, never skip: the reader is what makes these tests mean something
    raise ImportError(
        "the USDZ tests need usd-core, part of the test extra: pip install -e '.[test]'"
    ) from exc

#: Bounds must come back within this many meters.
BOUNDS_TOLERANCE_M = 1e-5


# ---------------------------------------------------------------------- test models
def emissive_material() -> Material:
    glow = np.zeros((16, 16, 3), np.uint8)
    glow[4:12, 4:12] = (255, 200, 40)
    return Material.from_srgb(
        "screen", "#202020", emissive=(1.0, 0.8, 0.2), emissive_texture=png_texture(glow, "screen_glow")
    )


def textured_model() -> Model:
    """The export tests' chair (textures, BLEND, MASK, rotated/scaled/mirrored parts) plus awkward cases.

    Added: a sheared part, an emissive texture, a textured material on a part without UVs, names
    that are not USD identifiers (one equal to the materials scope, two that sanitise alike).
    """
    model = build_test_model()
    shear = np.eye(4)
    shear[0, 1] = 0.4
    model.add("3 sheared/part", flat_box((0.2, 0.3, 0.2)), steel(), translate(0.5, 0.15, 0.0) @ shear)
    model.add("screen", flat_box((0.3, 0.2, 0.01)), emissive_material(), translate(0.0, 0.9, 0.0))
    no_uv = flat_box((0.1, 0.1, 0.1))
    model.add("Materials", Mesh(no_uv.vertices, no_uv.faces), painted_material(), translate(-0.5, 0.05, 0))
    model.add("leg 2", y_cylinder(0.02, 0.3), steel(), translate(0.4, 0.15, 0.4))
    model.add("leg_2", y_cylinder(0.02, 0.3), steel(), translate(-0.4, 0.15, 0.4))
    return model


def grid_mesh(cells: int, size: float = 1.0) -> Mesh:
    """A flat square of ``2 * cells**2`` triangles in the XZ plane facing +Y, with UVs."""
    ticks = np.linspace(-size / 2, size / 2, cells + 1)
    xx, zz = np.meshgrid(ticks, ticks, indexing="xy")
    vertices = np.stack([xx.ravel(), np.zeros(xx.size), zz.ravel()], axis=1)
    index = np.arange((cells + 1) ** 2).reshape(cells + 1, cells + 1)
    a, b = index[:-1, :-1].ravel(), index[:-1, 1:].ravel()
    c, d = index[1:, :-1].ravel(), index[1:, 1:].ravel()
    faces = np.concatenate([np.stack([a, c, b], axis=1), np.stack([b, c, d], axis=1)])
    normals = np.tile([0.0, 1.0, 0.0], (len(vertices), 1))
    return Mesh(vertices, faces, normals, vertices[:, [0, 2]] + 0.5)


def grid_model(cells: int, name: str = "terrain") -> Model:
    model = Model(name)
    model.add("ground", grid_mesh(cells), steel())
    return model


# ---------------------------------------------------------------------- readers
def validation_issues(stage: Usd.Stage) -> list[tuple[str, str, str]]:
    """``(type, name, message)`` of every issue all of usd-core's registered validators report."""
    registry = UsdValidation.ValidationRegistry()
    context = UsdValidation.ValidationContext(registry.GetOrLoadAllValidators())
    return [(str(e.GetType()), str(e.GetName()), e.GetMessage()) for e in context.Validate(stage)]


def write(tmp_path: Path, model: Model, name: str = "model", **options) -> Path:
    return export(model, tmp_path / f"{name}.usdz", **options)[0]


def local_data_offset(data: bytes, info: zipfile.ZipInfo) -> int:
    """Where an entry's data starts: after its local header, name and local extra field."""
    assert data[info.header_offset : info.header_offset + 4] == b"PK\x03\x04"
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    return info.header_offset + 30 + name_length + extra_length


def part_prims(stage: Usd.Stage) -> list[Usd.Prim]:
    return [p for p in stage.GetDefaultPrim().GetChildren() if p.IsA(UsdGeom.Mesh)]


def world_points(prim: Usd.Prim) -> np.ndarray:
    points = np.asarray(UsdGeom.Mesh(prim).GetPointsAttr().Get(), dtype=np.float64)
    matrix = np.array(UsdGeom.Xformable(prim).ComputeLocalToWorldTransform(Usd.TimeCode.Default()))
    # USD matrices act on row vectors: p' = [p, 1] @ M
    return points @ matrix[:3, :3] + matrix[3, :3]


def surface_shader(prim: Usd.Prim) -> tuple[UsdShade.Material, UsdShade.Shader]:
    material, _ = UsdShade.MaterialBindingAPI(prim).ComputeBoundMaterial()
    assert material, f"{prim.GetPath()} has no bound material"
    shader = material.ComputeSurfaceSource()[0]
    assert shader.GetIdAttr().Get() == "UsdPreviewSurface"
    return material, shader


def texture_source(shader: UsdShade.Shader, input_name: str) -> tuple[UsdShade.Shader, str] | None:
    """The UsdUVTexture shader and output name connected to ``input_name``, or None."""
    shader_input = shader.GetInput(input_name)
    if not shader_input or not shader_input.HasConnectedSource():
        return None
    source, output, _ = shader_input.GetConnectedSource()
    texture = UsdShade.Shader(source.GetPrim())
    assert texture.GetIdAttr().Get() == "UsdUVTexture"
    return texture, str(output)


def package_entry(texture: UsdShade.Shader, package: Path) -> str:
    """The package entry a UsdUVTexture's file resolves to (it must resolve inside the package)."""
    asset = texture.GetInput("file").Get()
    resolved = asset.resolvedPath
    assert resolved.startswith(f"{package}[") and resolved.endswith("]"), (asset, resolved)
    return resolved[len(str(package)) + 1 : -1]


def package_image(package: Path, entry: str) -> Image.Image:
    with zipfile.ZipFile(package) as archive:
        return Image.open(io.BytesIO(archive.read(entry)))


# ---------------------------------------------------------------------- the contract, per model
def assert_usdz_contract(model: Model, package: Path) -> Usd.Stage:
    """Everything a USDZ from meshforge must satisfy; returns the opened stage."""
    data = package.read_bytes()
    stem = package.stem

    # package layout (USDZ spec + AR Quick Look): usdc root layer first, nothing compressed,
    # data 64-byte aligned, textures inside, fixed timestamps (reproducible bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert infos[0].filename == f"{stem}.usdc"
        assert archive.read(infos[0]).startswith(b"PXR-USDC")
        for info in infos:
            assert info.compress_type == zipfile.ZIP_STORED, info.filename
            assert local_data_offset(data, info) % 64 == 0, info.filename
            assert info.date_time == (1980, 1, 1, 0, 0, 0), info.filename
        # AR Quick Look reads PNG and JPEG only: every texture is a PNG, by name and by content
        for info in infos[1:]:
            assert info.filename.startswith("textures/") and info.filename.endswith(".png")
            assert archive.read(info).startswith(b"\x89PNG\r\n\x1a\n"), info.filename
        names = [i.filename for i in infos]
    assert list(Sdf.ZipFile.Open(str(package)).GetFileNames()) == names
    inner = Sdf.Layer.FindOrOpen(f"{package}[{stem}.usdc]")
    assert inner.GetFileFormat().formatId == "usdc"

    stage = Usd.Stage.Open(str(package))
    assert stage, f"usd-core cannot open {package}"
    issues = validation_issues(stage)
    assert issues == [], issues

    assert UsdGeom.GetStageUpAxis(stage) == UsdGeom.Tokens.y
    assert UsdGeom.GetStageMetersPerUnit(stage) == 1.0
    root = stage.GetDefaultPrim()
    assert root and root.IsA(UsdGeom.Xform)
    assert root.GetName() == usd_identifier(model.name, "model")
    assert Usd.ModelAPI(root).GetKind() == "component"

    parts = [p for p in model.parts if p.mesh.triangle_count]
    prims = part_prims(stage)
    assert len(prims) == len(parts)
    used_textures: set[str] = set()
    all_points = []
    for prim, part in zip(prims, parts, strict=True):
        label = f"{model.name}/{part.name}"
        assert prim.GetDisplayName() in ("", part.name), label
        assert (prim.GetDisplayName() or prim.GetName()) == part.name, label
        mesh = UsdGeom.Mesh(prim)
        expected = with_normals(part.mesh)
        counts = np.asarray(mesh.GetFaceVertexCountsAttr().Get())
        indices = np.asarray(mesh.GetFaceVertexIndicesAttr().Get())
        points = np.asarray(mesh.GetPointsAttr().Get(), dtype=np.float64)
        assert len(counts) == part.mesh.triangle_count and np.all(counts == 3), label
        assert len(points) == expected.vertex_count, label
        assert len(indices) == 3 * part.mesh.triangle_count and indices.max() < len(points), label
        assert mesh.GetSubdivisionSchemeAttr().Get() == UsdGeom.Tokens.none
        assert mesh.GetOrientationAttr().Get() == UsdGeom.Tokens.rightHanded
        assert mesh.GetDoubleSidedAttr().Get() == part.material.double_sided, label
        extent = np.asarray(mesh.GetExtentAttr().Get(), dtype=np.float64)
        np.testing.assert_allclose(extent, [points.min(axis=0), points.max(axis=0)], atol=1e-7)

        # geometry in model space: points through the transform land on the part's world mesh
        world = world_points(prim)
        all_points.append(world)
        expected_world = part.world_mesh().vertices
        np.testing.assert_allclose(
            [world.min(axis=0), world.max(axis=0)],
            [expected_world.min(axis=0), expected_world.max(axis=0)],
            atol=BOUNDS_TOLERANCE_M,
            err_msg=label,
        )
        triangles = world[indices.reshape(-1, 3)]
        area = (
            0.5
            * np.linalg.norm(
                np.cross(triangles[:, 1] - triangles[:, 0], triangles[:, 2] - triangles[:, 0]), axis=1
            ).sum()
        )
        assert area == pytest.approx(part.world_mesh().area, rel=1e-5), label

        # render vertices in the same order; mirrored parts are baked into model space
        mirrored = np.linalg.det(part.transform[:3, :3]) < 0
        written = expected.transformed(part.transform) if mirrored else expected
        np.testing.assert_allclose(points, written.vertices, atol=1e-6)
        np.testing.assert_array_equal(indices.reshape(-1, 3), written.faces)
        normals = np.asarray(mesh.GetNormalsAttr().Get(), dtype=np.float64)
        assert mesh.GetNormalsInterpolation() == UsdGeom.Tokens.vertex
        np.testing.assert_allclose(normals, written.normals, atol=1e-6)

        st = UsdGeom.PrimvarsAPI(prim).GetPrimvar("st")
        if part.mesh.uvs is None:
            assert not st, label
        else:
            assert st.GetTypeName() == Sdf.ValueTypeNames.TexCoord2fArray
            assert st.GetInterpolation() == UsdGeom.Tokens.vertex
            assert st.IsIndexed()
            flat = np.asarray(st.ComputeFlattened(), dtype=np.float64)
            # UVs are written as stored: USD's st, like meshforge, has V up from the bottom-left
            np.testing.assert_allclose(flat, written.uvs, atol=1e-5)
            values = np.asarray(st.Get())
            assert len(np.unique(values, axis=0)) == len(values)  # each distinct UV stored once

        # the material: UsdPreviewSurface with the PBR values, textures inside the package
        material, shader = surface_shader(prim)
        assert material.GetPath().HasPrefix(root.GetPath().AppendChild("Materials"))
        assert (material.GetPrim().GetDisplayName() or material.GetPrim().GetName()) == part.material.name
        mat = part.material
        textured = part.mesh.uvs is not None
        base = texture_source(shader, "diffuseColor")
        assert (base is not None) == (textured and mat.base_color_texture is not None), label
        np.testing.assert_allclose(shader.GetInput("diffuseColor").Get(), mat.base_color[:3], atol=1e-6)
        if base is not None:
            texture, output = base
            assert output == "rgb"
            assert texture.GetInput("sourceColorSpace").Get() == "sRGB"
            np.testing.assert_allclose(texture.GetInput("scale").Get(), mat.base_color, atol=1e-6)
            assert texture.GetInput("wrapS").Get() == texture.GetInput("wrapT").Get() == "repeat"
            reader = UsdShade.Shader(texture.GetInput("st").GetConnectedSource()[0].GetPrim())
            assert reader.GetIdAttr().Get() == "UsdPrimvarReader_float2"
            assert reader.GetInput("varname").Get() == "st"
            used_textures.add(package_entry(texture, package))
        roughness = texture_source(shader, "roughness")
        metallic = texture_source(shader, "metallic")
        has_mr = textured and mat.metallic_roughness_texture is not None
        assert (roughness is not None) == (metallic is not None) == has_mr, label
        assert shader.GetInput("roughness").Get() == pytest.approx(mat.roughness)
        assert shader.GetInput("metallic").Get() == pytest.approx(mat.metallic)
        if has_mr:
            # one glTF metallic-roughness texture: G is roughness, B is metallic, factors as scale
            assert roughness[0].GetPath() == metallic[0].GetPath()
            assert (roughness[1], metallic[1]) == ("g", "b")
            assert roughness[0].GetInput("sourceColorSpace").Get() == "raw"
            np.testing.assert_allclose(
                roughness[0].GetInput("scale").Get(), (1.0, mat.roughness, mat.metallic, 1.0), atol=1e-6
            )
            used_textures.add(package_entry(roughness[0], package))
        normal = texture_source(shader, "normal")
        assert (normal is not None) == (textured and mat.normal_texture is not None), label
        if normal is not None:
            texture, output = normal
            assert output == "rgb" and texture.GetInput("sourceColorSpace").Get() == "raw"
            assert tuple(texture.GetInput("scale").Get()) == (2.0, 2.0, 2.0, 1.0)
            assert tuple(texture.GetInput("bias").Get()) == (-1.0, -1.0, -1.0, 0.0)
            used_textures.add(package_entry(texture, package))
        emissive = texture_source(shader, "emissiveColor")
        assert (emissive is not None) == (textured and mat.emissive_texture is not None), label
        np.testing.assert_allclose(shader.GetInput("emissiveColor").Get(), mat.emissive, atol=1e-6)
        if emissive is not None:
            used_textures.add(package_entry(emissive[0], package))
        opacity = shader.GetInput("opacity").Get()
        assert opacity == pytest.approx(1.0 if mat.alpha_mode == "OPAQUE" else mat.base_color[3])
        threshold = shader.GetInput("opacityThreshold")
        if mat.alpha_mode == "MASK":
            assert threshold.Get() == pytest.approx(mat.alpha_cutoff)
        else:
            assert not threshold, label

    assert used_textures == set(names[1:]), "every packaged texture is used and every used one packaged"
    points = np.concatenate(all_points)
    np.testing.assert_allclose(
        [points.min(axis=0), points.max(axis=0)], model.bounds, atol=BOUNDS_TOLERANCE_M
    )
    return stage


# ---------------------------------------------------------------------- independent reader accepts
@pytest.mark.parametrize("gid", sorted(catalog()))
def test_generated_models_pass_usd_validation_and_reload(gid, tmp_path):
    model = build(Recipe(gid))
    assert_usdz_contract(model, write(tmp_path, model, gid))


def test_textured_model_passes_usd_validation_and_reloads(tmp_path):
    model = textured_model()
    stage = assert_usdz_contract(model, write(tmp_path, model, "textured"))
    root = stage.GetDefaultPrim()
    assert root.GetName() == "test_chair" and root.GetDisplayName() == "test chair"
    # valid identifiers, unique, never the materials scope; displayName keeps the original name
    names = [p.GetName() for p in part_prims(stage)]
    assert names[-5:] == ["_3_sheared_part", "screen", "Materials_1", "leg_2", "leg_2_1"]
    assert [p.GetDisplayName() for p in part_prims(stage)][-5:] == [
        "3 sheared/part",
        "",
        "Materials",
        "leg 2",
        "leg_2",
    ]
    # the materials: painted (textured), painted without textures for the part without UVs, ...
    scope = root.GetChild("Materials")
    assert scope.IsA(UsdGeom.Scope)
    assert [c.GetName() for c in scope.GetChildren()] == [
        "painted",
        "steel",
        "glass",
        "leaf",
        "screen",
        "painted_untextured",
    ]
    # the recipe travels in the root layer
    layer = Sdf.Layer.FindOrOpen(f"{tmp_path / 'textured.usdz'}[textured.usdc]")
    stored = json.loads(layer.customLayerData["meshforge"]["metadata"])
    assert stored["recipe"] == model.metadata["recipe"]
    assert "not_json" not in stored and "nan" not in stored


def test_transforms_are_xform_ops_except_mirrors(tmp_path):
    model = textured_model()
    stage = Usd.Stage.Open(str(write(tmp_path, model)))
    for prim, part in zip(part_prims(stage), model.parts, strict=True):
        ops = UsdGeom.Xformable(prim).GetOrderedXformOps()
        identity = np.allclose(part.transform, np.eye(4))
        if identity or np.linalg.det(part.transform[:3, :3]) < 0:
            # mirrors are baked into the points (faces stay counter-clockwise seen from outside)
            assert ops == [], part.name
        else:
            (op,) = ops
            assert op.GetOpType() == UsdGeom.XformOp.TypeTransform
            np.testing.assert_array_equal(np.array(op.Get()), part.transform.T)
    mirrored = UsdGeom.Mesh(stage.GetDefaultPrim().GetChild("leg_1"))
    points = np.asarray(mirrored.GetPointsAttr().Get(), dtype=np.float64)
    faces = np.asarray(mirrored.GetFaceVertexIndicesAttr().Get()).reshape(-1, 3)
    welded = trimesh.Trimesh(points, faces, process=True)
    assert welded.is_watertight and welded.volume > 0


def test_normal_strength_is_baked_into_the_normal_map(tmp_path):
    material = painted_material()
    assert material.normal_scale == 0.7
    model = Model("bumpy")
    model.add("box", flat_box((1, 1, 1)), material)
    path = write(tmp_path, model)
    stage = Usd.Stage.Open(str(path))
    _, shader = surface_shader(part_prims(stage)[0])
    texture, _ = texture_source(shader, "normal")
    packaged = np.asarray(package_image(path, package_entry(texture, path)).convert("RGB"), dtype=float)
    source = np.asarray(material.normal_texture.image.convert("RGB"), dtype=float) / 255 * 2 - 1
    source[..., :2] *= 0.7
    source /= np.linalg.norm(source, axis=2, keepdims=True)
    np.testing.assert_allclose(packaged / 255 * 2 - 1, source, atol=1.0 / 255 + 1e-9)
    # strength 1 keeps the pixels exactly
    assert scaled_normal_png(material.normal_texture, 1.0) == gltf_png(material.normal_texture)


def test_textured_base_color_with_alpha_drives_opacity(tmp_path):
    rgba = np.zeros((8, 8, 4), np.uint8)
    rgba[..., :3] = 200
    rgba[..., 3] = np.arange(8)[None, :] * 32
    texture = png_texture(rgba, "leaves")
    model = Model("plant")
    for mode in ("OPAQUE", "MASK", "BLEND"):
        model.add(
            mode.lower(),
            flat_box((0.1, 0.1, 0.1)),
            Material(mode, alpha_mode=mode, base_color_texture=texture),
        )
    stage = Usd.Stage.Open(str(write(tmp_path, model)))
    assert validation_issues(stage) == []
    for prim, mode in zip(part_prims(stage), ("OPAQUE", "MASK", "BLEND"), strict=True):
        _, shader = surface_shader(prim)
        source = texture_source(shader, "opacity")
        if mode == "OPAQUE":
            assert source is None and shader.GetInput("opacity").Get() == 1.0
        else:
            assert source is not None and source[1] == "a"


def test_validators_do_report_issues(tmp_path):
    """A deliberately broken stage must be flagged, or the clean reports above mean nothing."""
    stage = Usd.Stage.Open(str(write(tmp_path, textured_model())))
    flattened = stage.Flatten()
    flattened.ClearDefaultPrim()
    flattened.pseudoRoot.ClearInfo("metersPerUnit")
    shader = flattened.GetPrimAtPath("/test_chair/Materials/painted/NormalTexture")
    shader.attributes["inputs:sourceColorSpace"].default = "sRGB"
    broken = tmp_path / "broken.usda"
    flattened.Export(str(broken))
    issues = validation_issues(Usd.Stage.Open(str(broken)))
    names = {name for _, name, _ in issues}
    assert {
        "MissingDefaultPrim",
        "MissingMetersPerUnitMetadata",
        "InvalidSourceColorSpace",
    } <= names, issues


def test_clock_stamps_are_reset_so_bytes_are_reproducible():
    """usd-core's zip writer stamps the current time; the exporter resets every stamp to 1980-01-01.

    (Same bytes for the same model, across processes, is checked for every format in test_export.py.)
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, stamp in (("a.usdc", (2026, 11, 22, 6, 13, 40)), ("textures/b.png", (2031, 2, 3, 4, 5, 6))):
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), name.encode() * 3)
    fixed = fixed_zip_timestamps(buf.getvalue())
    assert len(fixed) == len(buf.getvalue())
    with zipfile.ZipFile(io.BytesIO(fixed)) as archive:
        assert [i.date_time for i in archive.infolist()] == [(1980, 1, 1, 0, 0, 0)] * 2
        assert archive.testzip() is None and archive.read("a.usdc") == b"a.usdc" * 3
    assert fixed_zip_timestamps(fixed) == fixed
    with pytest.raises(ValueError, match="end-of-central-directory"):
        fixed_zip_timestamps(b"not a zip")
    first = export_bytes(textured_model(), "usdz")["test_chair.usdz"]
    assert first == export_bytes(textured_model(), "usdz")["test_chair.usdz"]
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# ---------------------------------------------------------------------- AR Quick Look rules
def test_ar_keeps_a_model_within_the_limits_unchanged(tmp_path):
    model = textured_model()
    assert export_bytes(model, "usdz", ar=True) == export_bytes(model, "usdz")


def test_ar_picks_the_most_detailed_level_within_the_polygon_limit(tmp_path):
    model = grid_model(230)  # 105,800 triangles
    model.lods = [grid_model(223, "lod1"), grid_model(100, "lod2"), grid_model(10, "lod3")]
    assert model.triangle_count > AR_MAX_POLYGONS >= model.lods[0].triangle_count == 99_458
    path = write(tmp_path, model, "ar", ar=True)
    stage = Usd.Stage.Open(str(path))
    (prim,) = part_prims(stage)
    assert len(UsdGeom.Mesh(prim).GetFaceVertexCountsAttr().Get()) == model.lods[0].triangle_count
    assert_usdz_contract(Model(model.name, model.lods[0].parts), path)
    # without ar, the full-detail model is written
    stage = Usd.Stage.Open(str(write(tmp_path, model, "full")))
    (prim,) = part_prims(stage)
    assert len(UsdGeom.Mesh(prim).GetFaceVertexCountsAttr().Get()) == model.triangle_count


def test_ar_refuses_a_model_without_a_level_within_the_limit(tmp_path):
    model = grid_model(230)
    with pytest.raises(ParameterError, match=r"105,800 triangles and no coarser level.*meshforge lod"):
        export(model, tmp_path / "big.usdz", ar=True)
    model.lods = [grid_model(228, "lod1")]
    with pytest.raises(ParameterError, match=r"coarsest level of detail \(LOD1\) still has 103,968"):
        export(model, tmp_path / "big.usdz", ar=True)
    assert not list(tmp_path.iterdir())


def test_ar_downscales_textures_to_2048(tmp_path):
    wide = np.zeros((1024, 4096, 3), np.uint8)
    wide[:, :, 0] = np.linspace(0, 255, 4096)[None, :]
    square = np.full((3000, 3000, 3), (128, 128, 255), np.uint8)
    small = np.full((512, 512, 3), (10, 200, 30), np.uint8)
    material = Material(
        "big",
        base_color_texture=png_texture(wide, "wide"),
        normal_texture=png_texture(square, "square_normal"),
        metallic_roughness_texture=png_texture(small, "small_mr"),
    )
    model = Model("poster")
    model.add("board", flat_box((1.0, 0.25, 0.01)), material)
    ar_path = write(tmp_path, model, "ar", ar=True)
    assert_usdz_contract(model, ar_path)
    with zipfile.ZipFile(ar_path) as archive:
        sizes = {name: Image.open(io.BytesIO(archive.read(name))).size for name in archive.namelist()[1:]}
        assert archive.read("textures/small_mr.png") == gltf_png(material.metallic_roughness_texture)
    assert sizes == {
        "textures/wide.png": (2048, 512),
        "textures/square_normal.png": (2048, 2048),
        "textures/small_mr.png": (512, 512),
    }
    # Lanczos keeps the gradient: left to right, red still rises from 0 to 255
    with zipfile.ZipFile(ar_path) as archive:
        red = np.asarray(Image.open(io.BytesIO(archive.read("textures/wide.png"))))[0, :, 0].astype(int)
    assert red[0] <= 2 and red[-1] >= 253 and np.all(np.diff(red) >= -1)
    # without ar, textures keep their size
    with zipfile.ZipFile(write(tmp_path, model, "full")) as archive:
        assert Image.open(io.BytesIO(archive.read("textures/wide.png"))).size == (4096, 1024)


def test_ar_option_is_declared_and_checked():
    from meshforge.export import EXPORTERS

    assert "ar" in EXPORTERS[".usdz"].options
    with pytest.raises(ParameterError, match="ar must be true or false"):
        export_bytes(grid_model(2), "usdz", ar="yes")


# ---------------------------------------------------------------------- bad input
def test_models_without_triangles_or_with_nan_are_refused(tmp_path):
    empty = Model("empty")
    empty.add("nothing", Mesh(np.zeros((0, 3)), np.zeros((0, 3), np.int64)), steel())
    with pytest.raises(ValueError, match="no triangles"):
        export(empty, tmp_path / "empty.usdz")
    broken = grid_model(2)
    broken.parts[0].mesh.vertices[0, 0] = np.nan
    with pytest.raises(ValueError, match="non-finite vertex positions"):
        export(broken, tmp_path / "broken.usdz")
    skewed = grid_model(2)
    skewed.parts[0].transform[0, 3] = np.inf
    with pytest.raises(ValueError, match="non-finite transform"):
        export(skewed, tmp_path / "skewed.usdz")
    assert not list(tmp_path.iterdir())


def test_nan_normals_and_uvs_are_not_written(tmp_path):
    mesh = uv_sphere(0.1)
    normals, uvs = mesh.normals.copy(), mesh.uvs.copy()
    normals[3] = np.nan
    uvs[5] = np.inf
    model = Model("odd")
    model.add("ball", Mesh(mesh.vertices, mesh.faces, normals, uvs), painted_material())
    stage = Usd.Stage.Open(str(write(tmp_path, model)))
    assert validation_issues(stage) == []
    prim = part_prims(stage)[0]
    mesh_prim = UsdGeom.Mesh(prim)
    assert np.isfinite(np.asarray(mesh_prim.GetNormalsAttr().Get())).all()
    assert np.isfinite(np.asarray(UsdGeom.PrimvarsAPI(prim).GetPrimvar("st").ComputeFlattened())).all()


def test_missing_usd_core_is_a_format_error_naming_the_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pxr", None)  # `from pxr import ...` now raises ImportError
    with pytest.raises(FormatError, match=r"pip install 'meshforge\[usd\]'"):
        export(grid_model(2), tmp_path / "x.usdz")
    assert not list(tmp_path.iterdir())


def test_usd_identifier():
    assert usd_identifier("leg 0", "part") == "leg_0"
    assert usd_identifier("3d-print", "part") == "_3d_print"
    assert usd_identifier("stühl", "part") == "st_hl"
    assert usd_identifier("", "part") == usd_identifier("///", "part") == "part"
    assert Sdf.Path.IsValidIdentifier(usd_identifier("a.b/c:d e", "x"))
