"""meshforge optimize: smaller GLB with meshopt compression and quantisation that the validator accepts
and that meshforge reads back to the same triangles and bounds."""

from __future__ import annotations

import json

import numpy as np
import pytest

from meshforge.cli import main
from meshforge.core.errors import ParameterError
from meshforge.core.recipe import Recipe, build
from meshforge.export import export_bytes
from meshforge.importers import load
from meshforge.optimize import OptimizeOptions, optimized_glb
from test_export import run_gltf_validator


def glb_doc(data: bytes) -> dict:
    return json.loads(data[20 : 20 + int.from_bytes(data[12:16], "little")])


@pytest.mark.parametrize("target", ["web", "mobile"])
def test_optimized_glb_validates_and_reloads(tmp_path, target):
    model = build(Recipe("chair"))
    data = optimized_glb(model, target=target)
    plain = export_bytes(model, "glb")[f"{model.name}.glb"]
    assert len(data) < (len(plain) / 2 if target == "web" else len(plain))
    doc = glb_doc(data)
    assert {"EXT_meshopt_compression", "KHR_mesh_quantization"} <= set(doc["extensionsRequired"])
    path = tmp_path / "chair.glb"
    path.write_bytes(data)
    (result,) = run_gltf_validator(path)
    assert result["numErrors"] == 0, result["messages"]
    back = load(path)
    assert back.triangle_count == model.triangle_count
    np.testing.assert_allclose(back.bounds, model.bounds, atol=np.linalg.norm(model.extents) / 2**13)


def test_uncompressed_and_png_variant(tmp_path):
    model = build(Recipe("mug"))
    data = optimized_glb(model, OptimizeOptions(meshopt=False, quantize=False, texture_format="png"))
    doc = glb_doc(data)
    assert "EXT_meshopt_compression" not in doc.get("extensionsUsed", [])
    path = tmp_path / "mug.glb"
    path.write_bytes(data)
    (result,) = run_gltf_validator(path)
    assert result["numErrors"] == 0, result["messages"]
    assert load(path).triangle_count == model.triangle_count


def test_bad_options():
    with pytest.raises(ParameterError):
        OptimizeOptions(texture_format="gif")
    with pytest.raises(ParameterError):
        optimized_glb(build(Recipe("mug")), target="toaster")


def test_cli_optimize_and_lod(tmp_path, capsys):
    src = tmp_path / "chair.glb"
    src.write_bytes(export_bytes(build(Recipe("chair")), "glb")["chair.glb"])
    assert main(["optimize", str(src), "--target", "mobile", "-o", str(tmp_path / "o.glb"), "-q"]) == 0
    assert (tmp_path / "o.glb").stat().st_size < src.stat().st_size
    assert main(["lod", str(src), "--levels", "3", "-o", str(tmp_path / "l.glb"), "--split", "-q",
                 "--no-render-check"]) == 0
    for name in ("l.glb", "l_LOD0.glb", "l_LOD2.glb", "l.quality.json"):
        assert (tmp_path / name).exists()
    report = json.loads((tmp_path / "l.quality.json").read_text())
    assert len(report["lod"]["levels"]) == 3 and "score" in json.dumps(report)
    assert main(["lod", str(tmp_path / "missing.glb")]) == 2
    assert main(["optimize", str(src), "--target", "toaster"]) == 2
    assert "toaster" in capsys.readouterr().err


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["gltf_khronos_samples/Duck/glTF-Binary/Duck.glb",
                                  "gltf_khronos_samples/Avocado/glTF/Avocado.gltf"])
def test_corpus_optimize(corpus, name, tmp_path):
    model = load(corpus / "models" / name)
    path = tmp_path / "o.glb"
    path.write_bytes(optimized_glb(model, target="web"))
    (result,) = run_gltf_validator(path)
    assert result["numErrors"] == 0, result["messages"]
    assert load(path).triangle_count == model.triangle_count


def test_octahedral_normals_and_uv_transform_round_trip(tmp_path):
    model = build(Recipe("mug"))
    data = optimized_glb(model, target="web")
    doc = glb_doc(data)
    filters = {v["extensions"]["EXT_meshopt_compression"].get("filter") for v in doc["bufferViews"]
               if "extensions" in v}
    assert "OCTAHEDRAL" in filters
    path = tmp_path / "mug.glb"
    path.write_bytes(data)
    (result,) = run_gltf_validator(path)
    assert result["numErrors"] == 0, result["messages"]
    back = load(path)
    src = model.merged_mesh()
    got = back.merged_mesh()
    assert got.triangle_count == src.triangle_count
    # normals decode to unit vectors close to the source's (8-bit octahedral)
    assert np.allclose(np.linalg.norm(got.normals, axis=1), 1.0, atol=1e-3)
    if any("KHR_texture_transform" in json.dumps(m) for m in doc.get("materials", [])):
        # quantised UVs come back through KHR_texture_transform to within the 12-bit grid
        span = np.ptp(src.uvs, axis=0).max()
        assert np.ptp(got.uvs, axis=0).max() == pytest.approx(span, rel=1e-2)


def test_oct_filter_encode_decode():
    from meshforge.geometry import meshopt

    v = np.random.default_rng(1).normal(size=(500, 3))
    v /= np.linalg.norm(v, axis=1)[:, None]
    rows = meshopt.decode_filter_oct(meshopt.encode_filter_oct(v, 8)).astype(np.float64)[:, :3]
    rows /= np.linalg.norm(rows, axis=1)[:, None]
    assert np.abs(rows - v).max() < 0.03


def test_draco_validates_and_reloads(tmp_path):
    pytest.importorskip("DracoPy")
    model = build(Recipe("mug"))
    data = optimized_glb(model, OptimizeOptions(draco=True))
    doc = glb_doc(data)
    assert "KHR_draco_mesh_compression" in doc["extensionsRequired"]
    assert "EXT_meshopt_compression" not in doc.get("extensionsUsed", [])
    path = tmp_path / "mug.glb"
    path.write_bytes(data)
    (result,) = run_gltf_validator(path)
    assert result["numErrors"] == 0, result["messages"]
    back = load(path)
    assert back.triangle_count == model.triangle_count
    np.testing.assert_allclose(back.bounds, model.bounds, atol=np.linalg.norm(model.extents) / 2**12)
    assert all(p.mesh.uvs is not None for p in back.parts)
    assert main(["optimize", str(path), "--draco", "-o", str(tmp_path / "again.glb"), "-q"]) == 0


def test_draco_missing_says_what_to_install(tmp_path, monkeypatch):
    import builtins

    from meshforge.optimize.draco import DracoUnavailableError

    model = build(Recipe("mug"))
    drc = None
    if __import__("importlib").util.find_spec("DracoPy") is not None:
        drc = tmp_path / "mug_draco.glb"
        drc.write_bytes(optimized_glb(model, OptimizeOptions(draco=True)))
    real_import = builtins.__import__

    def no_draco(name, *args, **kwargs):
        if name == "DracoPy":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_draco)
    with pytest.raises(DracoUnavailableError, match=r"meshforge\[draco\]"):
        optimized_glb(model, OptimizeOptions(draco=True))
    src = tmp_path / "mug.glb"
    src.write_bytes(next(iter(export_bytes(model, "glb").values())))
    assert main(["optimize", str(src), "--draco", "-o", str(tmp_path / "out.glb"), "-q"]) != 0
    if drc is not None:
        with pytest.raises(DracoUnavailableError, match="DracoPy"):
            load(drc)


def test_cli_optimize_says_where_seams_stop_a_ratio(tmp_path, capsys):
    # the anvil's UV charts stop a 2% collapse far above its 20 triangles: the CLI says how far it went
    # and why it kept more, and the file holds what it says
    src = tmp_path / "anvil.glb"
    src.write_bytes(export_bytes(build(Recipe("anvil")), "glb")["anvil.glb"])
    out = tmp_path / "o.glb"
    assert main(["optimize", str(src), "--ratio", "0.02", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    kept = load(out).triangle_count
    assert f"simplified: 1,008 -> {kept:,} triangles (ratio 0.02: target 20)" in err
    assert "note: UV seams and small parts stop the collapse at " in err and "--rebake" in err
    assert main(["optimize", str(src), "--ratio", "0.02", "--rebake", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "(ratio 0.02: target 20)" in err and "note:" not in err and load(out).triangle_count <= 21
