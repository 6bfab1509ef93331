"""Material presets, procedural solid textures, texture baking and wear.

Checks properties, not pixels: determinism, value ranges, seamless tiling, continuity of baked
textures across UV seams, that finish/pattern/wear words change the material, that geometric wear keeps
parts watertight, the accepted atlas sizes, and that a baked model's GLB passes the Khronos validator.
Timing lives in ``benchmarks/textures.py``.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from meshforge.core.errors import ParameterError
from meshforge.core.model import Model
from meshforge.core.recipe import apply_edits
from meshforge.export import export
from meshforge.generators import catalog
from meshforge.geometry.primitives import box, cylinder
from meshforge.materials import PRESETS, preset
from meshforge.materials.bake import bake_model, check_size
from meshforge.materials.library import PATTERN_WORDS, PRESET_WORDS, normalize_wear, solid_spec
from meshforge.materials.noise import NoiseField
from meshforge.materials.solid import KINDS, PATTERNS, WEARS, Ctx, SolidSpec, evaluate
from meshforge.materials.textures import tile_context, tiled_arrays
from meshforge.materials.wear import apply_wear
from test_export import assert_validator_clean

#: Preset names generators were written against (they must keep working).
ORIGINAL_PRESETS = ["oak", "walnut", "pine", "maple", "cherry", "birch", "mahogany", "bamboo", "plywood", "painted_wood", "weathered_wood", "bark", "steel", "stainless_steel", "black_metal", "brushed_aluminium", "chrome", "brass", "bronze", "copper", "gold", "silver", "iron", "cast_iron", "rusty_iron", "painted_metal", "ceramic", "stoneware", "porcelain", "terracotta", "tiles", "glass", "frosted_glass", "crystal", "stone", "marble", "granite", "sandstone", "slate", "concrete", "brick", "plastic", "glossy_plastic", "matte_plastic", "rubber", "paper", "cardboard", "wax", "fabric", "linen", "velvet", "wool", "denim", "leather", "foliage", "grass", "sand", "soil", "snow", "water", "fur", "skin", "scales", "feathers", "fruit_skin", "bread", "chocolate", "cream", "meat", "glow"]


def _image(texture) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(texture.png)).convert("RGB")).astype(np.float64)


def _random_ctx(n: int = 4000, noise_seed: int = 0, texel: float = 0.001) -> Ctx:
    """Random points and normals in a 1 m box, with the noise of ``noise_seed`` (as the bake uses spec.seed)."""
    rng = np.random.default_rng(0)
    p = rng.uniform(-0.5, 0.5, size=(3, n)).astype(np.float32)
    nrm = rng.normal(size=(3, n)).astype(np.float32)
    nrm /= np.linalg.norm(nrm, axis=0)
    return Ctx(p, nrm, p, nrm, NoiseField(noise_seed), texel, np.array([0.8, 0.4, 0.05], np.float32), 1.0,
               edge=rng.random(n).astype(np.float32), cavity=rng.random(n).astype(np.float32), uv=p[:2])


# ------------------------------------------------------------------------------------ presets
def test_every_original_preset_name_still_builds_with_the_generator_call_signature():
    assert set(ORIGINAL_PRESETS) <= set(PRESETS)
    for name in ORIGINAL_PRESETS:
        mat = preset(name, "#884422", material_name="slot", seed=7)
        assert mat.name == "slot"
        assert 0 <= mat.roughness <= 1 and 0 <= mat.metallic <= 1


def test_library_has_forty_textured_presets_with_words_and_full_pbr_maps():
    textured = [p for p in PRESETS.values() if p.textured]
    assert len(textured) >= 40
    for p in PRESETS.values():
        assert p.words and all(w == w.lower() for w in p.words), p.name
        mat = preset(p.name)
        if p.textured:
            assert set(mat.textures) == {"baseColor", "metallicRoughness", "normal"}, p.name
            assert mat.procedural is not None
        else:
            assert not mat.textures and mat.procedural is None
    for word, name in [("aluminum", "brushed_aluminium"), ("aluminium", "brushed_aluminium"), ("stainless",
                       "stainless_steel"), ("wooden", "oak"), ("porcelain", "porcelain"), ("jeans", "denim")]:
        assert PRESET_WORDS[word] == name


def test_glow_emits_and_glass_blends():
    glow = preset("glow", "#3366ff")
    assert max(glow.emissive) > 0.5 and glow.emissive[2] > glow.emissive[0]
    for name in ("glass", "crystal", "frosted_glass", "water"):
        mat = preset(name)
        assert mat.alpha_mode == "BLEND" and mat.base_color[3] < 1
    assert preset("oak").alpha_mode == "OPAQUE"


def test_metallic_roughness_texture_uses_gltf_channels():
    steel = _image(preset("steel").metallic_roughness_texture)
    oak = _image(preset("oak").metallic_roughness_texture)
    assert steel[..., 2].mean() > 250 and oak[..., 2].max() == 0  # B = metallic
    assert 0.25 * 255 < steel[..., 1].mean() < 0.5 * 255  # G = roughness ~0.35
    assert preset("steel").metallic == 1.0 and preset("oak").metallic == 0.0


# ------------------------------------------------------------------------------------ solid textures
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_texture_kind_is_deterministic_and_in_range(kind):
    spec = SolidSpec(kind, ((0.6, 0.4, 0.3), (0.3, 0.2, 0.1), (0.9, 0.9, 0.9), (0.7, 0.5, 0.5)), 0.5, 0.0, seed=3)
    a = evaluate(spec, _random_ctx())
    b = evaluate(spec, _random_ctx())
    for x, y in zip((a.color, a.rough, a.metal, a.height), (b.color, b.rough, b.metal, b.height), strict=True):
        np.testing.assert_array_equal(x, y)
    assert a.color.shape == (3, 4000) and a.color.dtype == np.float32
    assert a.color.min() >= 0 and a.color.max() <= 1
    assert a.rough.min() >= 0.02 and a.rough.max() <= 1 and a.metal.min() >= 0 and a.metal.max() <= 1
    assert np.isfinite(a.height).all() and np.abs(a.height).max() < 0.02
    if kind != "plain":
        assert a.color.std(axis=1).max() > 0.002, "a texture must vary"
        other = evaluate(SolidSpec(kind, spec.colors, 0.5, 0.0, seed=4), _random_ctx(noise_seed=4))
        assert not np.array_equal(other.color, a.color), "the seed must change it"


@pytest.mark.parametrize("name", ["oak", "marble", "granite", "brick", "tiles", "fabric", "leather", "rusty_iron",
                                  "steel", "concrete", "bark", "foliage", "sand", "denim"])
def test_tiling_images_repeat_without_a_seam(name):
    """The tile's texture one period further along U or V is the same texture (so REPEAT shows no seam)."""
    for pattern in (None, "floral", "polka_dot"):
        spec = solid_spec(name, seed=1, pattern=pattern)
        ctx = tile_context(64, spec.seed)
        base = evaluate(spec, ctx)
        for axis in (0, 1):
            shifted = tile_context(64, spec.seed)
            shifted.p = shifted.p.copy()
            shifted.p[axis] += 1.0
            shifted.pw, shifted.uv = shifted.p, shifted.p[:2]
            moved = evaluate(spec, shifted)
            np.testing.assert_allclose(moved.color, base.color, atol=2e-3, err_msg=f"{name} {pattern} {axis}")
            np.testing.assert_allclose(moved.height, base.height, atol=2e-5, err_msg=f"{name} {pattern} {axis}")
    color, mr, normal = tiled_arrays(solid_spec(name, seed=1), 64)
    assert color.shape == mr.shape == normal.shape == (64, 64, 3)
    assert mr[..., 0].min() == 255


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_patterns_draw_two_colors_over_the_base(pattern):
    assert not preset("plastic", "#B03A2E").textures
    mat = preset("plastic", "#B03A2E", pattern=pattern)
    img = _image(mat.base_color_texture)
    assert mat.procedural.pattern == pattern
    red = np.all(np.abs(img - [176, 58, 46]) < 25, axis=2).mean()
    assert 0.15 < red < 0.95, f"{pattern}: {red:.2f} of the image keeps the base color"


def test_finish_pattern_and_wear_change_the_material():
    oak = preset("oak")
    glossy = preset("oak", finish="glossy")
    matte = preset("oak", finish="matte")
    g = [_image(m.metallic_roughness_texture)[..., 1].mean() / 255 for m in (oak, glossy, matte)]
    assert g[1] < 0.2 < g[0] < g[2] and g[2] >= 0.75
    assert preset("plastic", finish="shiny").roughness < preset("plastic").roughness < \
        preset("plastic", finish="matte").roughness
    striped = preset("oak", pattern="stripes")
    assert not np.array_equal(_image(striped.base_color_texture), _image(oak.base_color_texture))
    rusty = preset("steel", wear="rusty")
    assert _image(rusty.metallic_roughness_texture)[..., 2].mean() < 0.9 * _image(
        preset("steel").metallic_roughness_texture)[..., 2].mean()
    chrome = preset("chrome", wear=["tarnished", "dented"])
    assert chrome.textures and chrome.procedural.wear == ("tarnished", "dented")
    assert _image(chrome.base_color_texture).mean() < 0.9 * 242
    mossy = _image(preset("stone", wear="mossy").base_color_texture)
    assert (mossy[..., 1] > mossy[..., 0] + 15).mean() > 0.05, "moss is green"
    for wear in WEARS:
        assert preset("oak", wear=wear).procedural.wear == (wear,)
        assert preset("oak", wear=wear).name.endswith(wear)
    assert normalize_wear("rusted, worn-out") == ("rusty", "worn")
    assert PATTERN_WORDS["polka-dot"] == "polka_dot"


def test_unknown_finish_pattern_or_wear_is_a_clear_error():
    with pytest.raises(ParameterError, match="finish"):
        preset("oak", finish="sparkly")
    with pytest.raises(ParameterError, match=r"pattern.*accepted.*plaid"):
        preset("oak", pattern="paisley")
    with pytest.raises(ParameterError, match="wear"):
        preset("oak", wear="melted")
    with pytest.raises(KeyError):
        preset("unobtainium")


def test_tinted_presets_follow_the_tint():
    red = preset("oak", "#CC2222")
    tex = _image(red.base_color_texture)
    r, g, b = (np.asarray(red.base_color[:3])[:, None, None] * np.moveaxis(tex / 255, 2, 0)).reshape(3, -1).mean(1)
    assert r > 2 * g and r > 2 * b
    assert red.procedural.colors[0] == pytest.approx((0.8, 0.133, 0.133), abs=0.01)


# ------------------------------------------------------------------------------------ baking
@pytest.fixture(scope="module")
def baked_mug() -> tuple[Model, Model]:
    model = catalog()["mug"]().build(materials={"body": {"preset": "marble"}})
    return model, bake_model(model, 512)


def _sample(img: np.ndarray, uv: np.ndarray) -> np.ndarray:
    """Bilinear sample of an (H, W, C) image at glTF-style UVs (v up, as the model stores them)."""
    h, w = img.shape[:2]
    x = uv[:, 0] * w - 0.5
    y = (1.0 - uv[:, 1]) * h - 0.5
    x0, y0 = np.floor(x).astype(int), np.floor(y).astype(int)
    fx, fy = (x - x0)[:, None], (y - y0)[:, None]
    x0, y0 = np.clip(x0, 0, w - 2), np.clip(y0, 0, h - 2)
    top = img[y0, x0] * (1 - fx) + img[y0, x0 + 1] * fx
    bottom = img[y0 + 1, x0] * (1 - fx) + img[y0 + 1, x0 + 1] * fx
    return top * (1 - fy) + bottom * fy


def _seam_pairs(mesh) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of render vertices at the same position with different UVs (the two sides of a UV seam)."""
    weld = mesh.weld_map()
    order = np.argsort(weld, kind="stable")
    same = np.flatnonzero(weld[order][1:] == weld[order][:-1])
    a, b = order[same], order[same + 1]
    seam = np.abs(mesh.uvs[a] - mesh.uvs[b]).max(axis=1) > 1e-6
    return a[seam], b[seam]


def test_baked_texture_is_continuous_across_uv_seams(baked_mug):
    model, baked = baked_mug
    for name in ("body",):
        new = baked.part(name)
        assert new.mesh.uv_mode == "atlas" and new.mesh.uvs.min() >= 0 and new.mesh.uvs.max() <= 1
        a, b = _seam_pairs(new.mesh)
        assert len(a) > 20, "the mug body has UV seams"
        img = _image(new.material.base_color_texture)
        ca, cb = _sample(img, new.mesh.uvs[a]), _sample(img, new.mesh.uvs[b])
        # same 3D point -> same color on both sides of the seam (up to a texel of interpolation); a
        # tiling texture would differ by the full contrast of the marble here
        assert np.abs(ca - cb).mean() < 6.0
        assert np.percentile(np.abs(ca - cb).max(axis=1), 90) < 20.0
        tiled = _image(model.part(name).material.base_color_texture)
        ta, tb = _seam_pairs(model.part(name).mesh)
        uv = model.part(name).mesh.uvs % 1.0
        assert np.abs(_sample(tiled, uv[ta]) - _sample(tiled, uv[tb])).mean() > np.abs(ca - cb).mean()
    # the solid texture itself is exactly equal at both sides' 3D points
    part = model.part("body")
    a, b = _seam_pairs(part.mesh)
    spec = part.material.procedural
    p = np.ascontiguousarray(part.mesh.vertices[np.concatenate([a, b])].T, dtype=np.float32)
    n = np.ascontiguousarray(part.mesh.normals[np.concatenate([a, b])].T, dtype=np.float32)
    s = evaluate(spec, Ctx(p, n, p, n, NoiseField(spec.seed), 0.001))
    np.testing.assert_array_equal(s.color[:, : len(a)], s.color[:, len(a) :])


def test_bake_replaces_textures_only_of_procedural_materials(baked_mug):
    model, baked = baked_mug
    assert [p.name for p in baked.parts] == [p.name for p in model.parts]
    meta = baked.metadata["texture_bake"]
    assert meta["size"] == 512 and 0.3 < meta["coverage"] < 0.95
    for before, after in zip(model.parts, baked.parts, strict=True):
        # charts may get their own copies of shared vertices; the surface and its topology do not change
        assert after.mesh.triangle_count == before.mesh.triangle_count
        np.testing.assert_array_equal(after.mesh.vertices[after.mesh.faces], before.mesh.vertices[before.mesh.faces])
        assert after.mesh.is_watertight() == before.mesh.is_watertight()
        if before.material.procedural is None:
            assert after.material.textures == before.material.textures
        else:
            assert after.material.base_color_texture.size == (512, 512)
            assert after.material.roughness == 1.0
    assert model.part("body").mesh.uv_mode == "tiling", "the input model is not modified"


def test_baked_charts_do_not_overlap():
    """Box-projected bevels fold their UVs; the bake splits folds into charts of their own."""
    from meshforge.quality import inspect

    baked = bake_model(catalog()["table"]().build(), 512)
    assert any(p.mesh.uv_mode == "atlas" for p in baked.parts)
    assert not [f for f in inspect(baked).findings if f.check == "uv_overlap"], "baked atlas charts overlap"


def test_bake_is_deterministic_and_leaves_untextured_models_alone():
    model = Model("cubes")
    model.add("oak", box((0.3, 0.2, 0.1)), preset("oak"))
    model.add("glass", cylinder(0.05, 0.2), preset("glass"))
    a, b = bake_model(model, 256), bake_model(model, 256)
    assert a.part("oak").material.base_color_texture.png == b.part("oak").material.base_color_texture.png
    assert a.part("glass").material.textures == {}
    plain = Model("plain")
    plain.add("glass", cylinder(0.05, 0.2), preset("glass"))
    assert bake_model(plain, 256).part("glass").mesh.uv_mode == "tiling"


@pytest.mark.parametrize("size", [256, 512, 1000, 2048, 4096])
def test_bake_sizes_from_256_to_4096_are_accepted(size):
    assert check_size(size) == size


@pytest.mark.parametrize("size", [0, 128, 255, 4097, 8192, 1024.5, "1024", True, None])
def test_other_bake_sizes_are_rejected_with_a_clear_error(size):
    model = Model("cube")
    model.add("oak", box((0.3, 0.2, 0.1)), preset("oak"))
    with pytest.raises(ValueError, match="256 to 4096"):
        bake_model(model, size)


def test_baked_model_glb_passes_the_khronos_validator(baked_mug, tmp_path):
    _, baked = baked_mug
    (path,) = export(baked, tmp_path / "mug.glb")
    assert_validator_clean(path)


# ------------------------------------------------------------------------------------ wear
def test_wear_keeps_every_part_watertight_and_changes_shape():
    model = catalog()["chair"]().build()
    worn = apply_wear(model, ["dented", "chipped", "worn"], amount=1.5, seed=3)
    moved = 0.0
    for before, after in zip(model.parts, worn.parts, strict=True):
        assert after.mesh.is_watertight(), after.name
        assert after.mesh.triangle_count == before.mesh.triangle_count
        assert after.mesh.face_heights().min() > 1e-8
        assert after.mesh.volume > 0
        moved = max(moved, float(np.abs(after.mesh.bounds - before.mesh.bounds).max()),
                    float(np.abs(after.mesh.volume - before.mesh.volume) / before.mesh.volume))
    assert moved > 1e-4
    assert np.abs(worn.extents - model.extents).max() < 0.01


def test_wear_edit_op_uses_material_wear_words():
    model = catalog()["table"]().build(materials={"top": {"wear": "dented"}})
    dented = apply_edits(model, [{"op": "wear"}])
    top_before, top_after = model.part("top").mesh, dented.part("top").mesh
    assert top_after.is_watertight()
    assert top_after.triangle_count == top_before.triangle_count
    assert abs(top_after.volume) < abs(top_before.volume)
    legs = [p.name for p in model.parts if p.material.procedural is None or not p.material.procedural.wear]
    assert legs
    for name in legs:
        np.testing.assert_array_equal(model.part(name).mesh.vertices, dented.part(name).mesh.vertices)
    with pytest.raises(ParameterError):
        apply_edits(model, [{"op": "wear", "kinds": ["melted"]}])


# ------------------------------------------------------------------------------------ CLI
def test_generate_bakes_at_the_requested_texture_size(tmp_path, capsys):
    from meshforge.cli import main
    from meshforge.importers import load

    assert main(["generate", "mug", "--out", str(tmp_path), "--texture-size", "256", "--no-preview", "-f", "glb",
                 "-q"]) == 0
    (glb,) = tmp_path.glob("*/*.glb")
    model = load(glb)
    sizes = {t.size for p in model.parts for t in p.material.textures.values()}
    assert sizes == {(256, 256)}
    assert main(["generate", "mug", "--out", str(tmp_path / "x"), "--texture-size", "100", "-q"]) == 2
    assert "256..4096" in capsys.readouterr().err
