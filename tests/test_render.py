"""Preview rendering: framing, colors, textures, shading, transparency, sheets and atomic saves.

Every model is built here from numpy arrays. Images are judged by properties (where the object is, what
color it is, how smooth its shading is), never by golden pixels, since Mesa versions may differ.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import trimesh
from PIL import Image
from scipy.ndimage import binary_erosion

from conftest import unavailable
from meshforge.core.material import Material, Texture
from meshforge.core.model import Model
from meshforge.geometry.mesh import Mesh
from meshforge.render import (
    RenderUnavailableError,
    contact_sheet,
    frame_cylinder,
    model_caption,
    render_model,
    render_views,
    renderer,
    save_image,
    thumbnail,
    view_label,
)

FLAT_BG = (255, 255, 255)


# --------------------------------------------------------------------------- helpers
def box_mesh(size: tuple[float, float, float] = (0.5, 0.5, 0.5)) -> Mesh:
    """A box with split corners: hard normals and planar UVs in meters on each face."""
    tm = trimesh.creation.box(extents=size)
    corners = tm.vertices[tm.faces].reshape(-1, 3)
    normals = np.repeat(tm.face_normals, 3, axis=0)
    axis = np.argmax(np.abs(normals), axis=1)
    # project each corner on the two axes its face spans
    u_axis = np.where(axis == 0, 2, 0)
    v_axis = np.where(axis == 1, 2, 1)
    rows = np.arange(len(corners))
    uvs = np.stack([corners[rows, u_axis], corners[rows, v_axis]], axis=1)
    return Mesh(corners, np.arange(len(corners)).reshape(-1, 3), normals, uvs)


def sphere_mesh(radius: float = 0.3, subdivisions: int = 3) -> Mesh:
    return Mesh.from_trimesh(trimesh.creation.icosphere(subdivisions, radius=radius))


def quad_mesh(width: float = 1.0, height: float = 1.0) -> Mesh:
    """A quad in the XY plane facing +Z; UV (0, 0) at its bottom-left, (1, 1) at its top-right."""
    w, h = width / 2, height / 2
    vertices = [[-w, -h, 0], [w, -h, 0], [w, h, 0], [-w, h, 0]]
    uvs = [[0, 0], [1, 0], [1, 1], [0, 1]]
    return Mesh(vertices, [[0, 1, 2], [0, 2, 3]], np.tile([0.0, 0.0, 1.0], (4, 1)), uvs)


def single_part(mesh: Mesh, material: Material, name: str = "thing") -> Model:
    model = Model(name)
    model.add("body", mesh, material)
    return model


def red() -> Material:
    return Material.from_srgb("red", (0.85, 0.08, 0.06), roughness=0.5)


def stripes_texture() -> Texture:
    """Vertical stripes of pure green and pure blue, 8 pairs per image."""
    x = np.arange(64)[None, :].repeat(64, axis=0)
    green = ((x // 4) % 2 == 0)[..., None]
    pixels = np.where(green, [20, 200, 40], [30, 60, 220]).astype(np.uint8)
    return Texture.from_image(pixels, "stripes")


def pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image, dtype=np.float64)


def object_mask(image: Image.Image, background: tuple[int, int, int] = FLAT_BG) -> np.ndarray:
    """Pixels that differ clearly from a flat background color."""
    return np.abs(pixels(image) - np.asarray(background)).max(axis=2) > 12


def interior(image: Image.Image) -> np.ndarray:
    """The object mask without its anti-aliased rim (which is blended with the background)."""
    return binary_erosion(object_mask(image), iterations=3)


def flat_render(model: Model, **kwargs) -> Image.Image:
    kwargs.setdefault("width", 160)
    kwargs.setdefault("height", 160)
    return render_model(model, background=FLAT_BG, show_ground=False, **kwargs)


@pytest.fixture(scope="module", autouse=True)
def _needs_gl() -> None:
    try:
        render_model(single_part(box_mesh(), red()), width=8, height=8, supersample=1)
    except RenderUnavailableError as exc:
        unavailable(f"no OpenGL context here (Debian: libegl1 libegl-mesa0 libgl1-mesa-dri): {exc}")


# --------------------------------------------------------------------------- framing and size
def test_output_is_rgb_of_requested_size() -> None:
    image = render_model(single_part(box_mesh(), red()), width=200, height=120)
    assert image.mode == "RGB"
    assert image.size == (200, 120)


@pytest.mark.parametrize(
    "mesh",
    [box_mesh((0.5, 0.5, 0.5)), box_mesh((2.0, 0.1, 0.4)), box_mesh((0.1, 1.8, 0.1)), sphere_mesh()],
    ids=["cube", "plank", "pole", "sphere"],
)
def test_object_is_framed_whole_and_large(mesh: Mesh) -> None:
    images = render_views(
        single_part(mesh, red()),
        [(0, 25), (35, 25), (90, 25)],
        width=160,
        height=160,
        background=FLAT_BG,
        show_ground=False,
    )
    spans = []
    for image in images:
        mask = object_mask(image)
        assert 0.01 < mask.mean() < 0.8, mask.mean()
        # not clipped: nothing touches the border
        border = np.concatenate(
            [mask[:2].ravel(), mask[-2:].ravel(), mask[:, :2].ravel(), mask[:, -2:].ravel()]
        )
        assert border.mean() < 0.01
        rows, cols = np.nonzero(mask)
        spans.append(max(rows.max() - rows.min(), cols.max() - cols.min()) / 160)
        # centred
        assert abs((rows.min() + rows.max()) / 2 - 80) < 12
        assert abs((cols.min() + cols.max()) / 2 - 80) < 12
    # large: seen from its widest side, the silhouette spans most of the frame
    assert max(spans) > 0.6, spans


def test_turntable_views_share_one_scale() -> None:
    """The camera distance does not depend on yaw, so a turntable never zooms between views."""
    distances = [
        np.linalg.norm(cam.eye - cam.target)
        for cam in (frame_cylinder(0.5, -0.2, 0.3, yaw, 20.0) for yaw in np.linspace(0, 360, 13))
    ]
    assert np.ptp(distances) < 1e-9 * distances[0]
    images = render_views(
        single_part(box_mesh((0.1, 1.0, 0.1)), red()),
        [(0, 0), (90, 0), (200, 0)],
        width=160,
        height=160,
        background=FLAT_BG,
        show_ground=False,
    )
    heights = [np.ptp(np.nonzero(object_mask(image))[0]) for image in images]
    assert max(heights) - min(heights) <= 4, heights


def test_non_square_images_frame_the_object() -> None:
    for width, height in ((240, 100), (100, 240)):
        mask = object_mask(
            flat_render(single_part(box_mesh((1.0, 0.6, 0.6)), red()), width=width, height=height)
        )
        assert mask.shape == (height, width)
        assert not mask[0].any() and not mask[-1].any() and not mask[:, 0].any() and not mask[:, -1].any()
        assert mask.mean() > 0.08


def test_far_from_origin_renders_like_at_origin() -> None:
    mesh = sphere_mesh()
    here = flat_render(single_part(mesh, red()))
    far = flat_render(single_part(mesh.translated((10_000.0, 250.0, -7_000.0)), red()))
    assert np.abs(pixels(here) - pixels(far)).mean() < 1.0


# --------------------------------------------------------------------------- color and materials
def test_red_object_is_red() -> None:
    image = flat_render(single_part(sphere_mesh(), red()))
    obj = pixels(image)[object_mask(image)]
    r, g, b = obj.mean(axis=0)
    assert r > 2.0 * g and r > 2.0 * b, (r, g, b)
    assert r > 120


def test_base_color_texture_shows_its_colors() -> None:
    material = Material("striped", base_color=(1, 1, 1, 1), base_color_texture=stripes_texture())
    # 0.5 m faces with UVs in meters: half a texture per face, so 4 stripe pairs per face
    image = flat_render(single_part(box_mesh(), material))
    obj = pixels(image)[object_mask(image)]
    greenish = (obj[:, 1] > 1.5 * obj[:, 0]) & (obj[:, 1] > 1.3 * obj[:, 2])
    bluish = (obj[:, 2] > 1.5 * obj[:, 0]) & (obj[:, 2] > 1.3 * obj[:, 1])
    assert greenish.mean() > 0.2 and bluish.mean() > 0.2, (greenish.mean(), bluish.mean())


def test_texture_tiles_beyond_unit_square() -> None:
    """Tiling UVs in meters go past 1: the texture repeats instead of smearing its edge."""
    material = Material("striped", base_color=(1, 1, 1, 1), base_color_texture=stripes_texture())
    mesh = box_mesh()
    tiled = Mesh(mesh.vertices, mesh.faces, mesh.normals, mesh.uvs + 7.0)
    a = flat_render(single_part(mesh, material), yaw_deg=0, pitch_deg=0)
    b = flat_render(single_part(tiled, material), yaw_deg=0, pitch_deg=0)
    assert np.abs(pixels(a) - pixels(b)).mean() < 2.0


def test_texture_is_upright_with_v_up_uvs() -> None:
    """UV (0, 0) is the image's bottom-left corner (trimesh / OBJ convention that Mesh follows)."""
    image_px = np.zeros((32, 32, 3), np.uint8)
    image_px[:16] = [230, 20, 20]  # top half red
    image_px[16:] = [20, 20, 230]  # bottom half blue
    material = Material("updown", base_color=(1, 1, 1, 1), base_color_texture=Texture.from_image(image_px))
    image = flat_render(single_part(quad_mesh(), material), yaw_deg=0, pitch_deg=0)
    mask = object_mask(image)
    rows = np.nonzero(mask.any(axis=1))[0]
    px = pixels(image)
    top = px[rows[0] + 5][mask[rows[0] + 5]].mean(axis=0)
    bottom = px[rows[-1] - 5][mask[rows[-1] - 5]].mean(axis=0)
    assert top[0] > 2 * top[2], top
    assert bottom[2] > 2 * bottom[0], bottom


def brightest(image: Image.Image, fraction: float = 0.03) -> np.ndarray:
    """Mean color of the brightest ``fraction`` of the object's interior pixels."""
    obj = pixels(image)[interior(image)]
    lum = obj.sum(axis=1)
    return obj[lum >= np.quantile(lum, 1.0 - fraction)].mean(axis=0)


def test_metal_reflections_take_the_base_color() -> None:
    """Metals tint their highlights with the base color; dielectric highlights stay neutral."""
    blue_metal = Material.from_srgb("blue_metal", (0.15, 0.3, 0.95), metallic=1.0, roughness=0.3)
    black_plastic = Material.from_srgb("black_plastic", (0.02, 0.02, 0.02), metallic=0.0, roughness=0.3)
    metal = brightest(flat_render(single_part(sphere_mesh(), blue_metal)))
    plastic = brightest(flat_render(single_part(sphere_mesh(), black_plastic)))
    assert metal[2] - metal[0] > 40, metal
    assert abs(plastic[2] - plastic[0]) < 15, plastic
    assert plastic.mean() > 100, plastic  # a real highlight, not the dark body


def test_roughness_controls_highlight_sharpness() -> None:
    """A smooth surface concentrates the highlight; a rough one spreads it."""

    def concentration(roughness: float) -> float:
        material = Material.from_srgb("dark", (0.05, 0.05, 0.05), roughness=roughness)
        image = flat_render(single_part(sphere_mesh(), material), width=256, height=256)
        lum = pixels(image)[interior(image)].mean(axis=1)
        return float(np.quantile(lum, 0.999) / np.median(lum))

    assert concentration(0.15) > 1.5 * concentration(0.8)


def test_emissive_adds_light() -> None:
    glowing = Material("glow", base_color=(0.02, 0.02, 0.02, 1), emissive=(0.0, 0.9, 0.0))
    image = flat_render(single_part(sphere_mesh(), glowing))
    r, g, b = pixels(image)[object_mask(image)].mean(axis=0)
    assert g > 150 and g > 2 * r and g > 2 * b


def test_blend_material_is_see_through() -> None:
    model = Model("glass_over_red")
    model.add("back", box_mesh((0.6, 0.6, 0.1)).translated((0, 0, -0.3)), red())
    model.add(
        "glass", box_mesh((0.6, 0.6, 0.1)).translated((0, 0, 0.3)), Material("x", base_color=(1, 1, 1, 0.25))
    )
    centre = (80, 80)
    opaque = pixels(flat_render(model, yaw_deg=0, pitch_deg=0))[centre]
    model.parts[1].material = Material("glass", base_color=(1, 1, 1, 0.25), roughness=0.1, alpha_mode="BLEND")
    seen_through = pixels(flat_render(model, yaw_deg=0, pitch_deg=0))[centre]
    assert opaque[0] - opaque[2] < 30, opaque
    assert seen_through[0] - seen_through[2] > 60, seen_through


def test_mask_material_cuts_out() -> None:
    cutout = np.zeros((16, 16, 4), np.uint8)
    cutout[..., :3] = 200
    cutout[:, :8, 3] = 255  # left half solid, right half fully transparent
    material = Material(
        "leaf", base_color_texture=Texture.from_image(cutout), alpha_mode="MASK", double_sided=True
    )
    mask = object_mask(flat_render(single_part(quad_mesh(), material), yaw_deg=0, pitch_deg=0))
    cols = np.nonzero(mask.any(axis=0))[0]
    assert cols.max() < 90  # only the left half of the quad (centred at column 80) is drawn


def test_smooth_normals_shade_without_facets() -> None:
    """Interpolated normals make a coarse sphere's shading smooth, unlike per-face normals."""
    coarse = sphere_mesh(subdivisions=2)
    faceted = coarse.with_normals(crease_deg=0.0)

    def steps(mesh: Mesh) -> float:
        image = flat_render(single_part(mesh, Material("white", roughness=0.9)), width=256, height=256)
        lum = pixels(image).mean(axis=2)
        inside = interior(image)
        jumps = np.abs(np.diff(lum, axis=1))[inside[:, 1:] & inside[:, :-1]]
        return float(np.quantile(jumps, 0.99))

    assert steps(coarse) < 0.5 * steps(faceted)


def test_missing_normals_are_computed() -> None:
    bare = sphere_mesh()
    bare = Mesh(bare.vertices, bare.faces)
    image = flat_render(single_part(bare, red()))
    assert object_mask(image).mean() > 0.1


# --------------------------------------------------------------------------- views, ground, background
def asymmetric_model() -> Model:
    model = Model("asymmetric")
    model.add("block", box_mesh((0.6, 0.4, 0.3)), red())
    model.add(
        "ball", sphere_mesh(0.15).translated((0.2, 0.35, 0.1)), Material.from_srgb("blue", (0.1, 0.2, 0.8))
    )
    return model


def test_yaw_changes_the_view() -> None:
    model = asymmetric_model()
    front, right = render_views(model, [(0, 25), (90, 25)], width=128, height=128)
    assert np.abs(pixels(front) - pixels(right)).mean() > 5.0


def test_same_input_same_image() -> None:
    model = asymmetric_model()
    a = render_model(model, width=128, height=128)
    b = render_model(model, width=128, height=128)
    assert np.abs(pixels(a) - pixels(b)).max() <= 1.0


def test_ground_shadow_darkens_the_floor_under_the_model() -> None:
    model = single_part(box_mesh((0.6, 0.3, 0.6)), Material("white"))
    with_ground = render_model(model, width=160, height=160, background=FLAT_BG, show_ground=True)
    without = render_model(model, width=160, height=160, background=FLAT_BG, show_ground=False)
    mask = object_mask(without)
    rows, cols = np.nonzero(mask)
    below = (slice(rows.max() + 1, rows.max() + 6), slice(cols.min() + 10, cols.max() - 10))
    assert not mask[below].any()
    assert pixels(with_ground)[below].mean() < pixels(without)[below].mean() - 10
    # far from the model the floor is invisible: the background is untouched
    assert np.abs(pixels(with_ground)[:4] - pixels(without)[:4]).max() <= 1


def test_ground_is_hidden_from_below() -> None:
    model = single_part(box_mesh(), Material("white"))
    a = render_model(model, width=96, height=96, pitch_deg=-30, show_ground=True)
    b = render_model(model, width=96, height=96, pitch_deg=-30, show_ground=False)
    assert np.abs(pixels(a) - pixels(b)).max() <= 1.0


def test_default_background_is_a_light_vertical_gradient() -> None:
    image = pixels(render_model(Model("empty"), width=64, height=64))
    top, bottom = image[1].mean(), image[-2].mean()
    assert top > bottom + 10
    assert bottom > 170
    assert np.abs(image[:, :, 0] - image[:, :, 2]).max() < 16  # neutral


def test_flat_background_color() -> None:
    image = pixels(render_model(Model("empty"), width=32, height=32, background="#336699"))
    assert np.abs(image - [0x33, 0x66, 0x99]).max() <= 2


def test_bad_arguments_are_rejected() -> None:
    model = asymmetric_model()
    with pytest.raises(ValueError):
        render_model(model, width=0)
    with pytest.raises(ValueError):
        render_model(model, supersample=9)
    with pytest.raises(ValueError):
        render_model(model, background="#12")
    with pytest.raises(ValueError):
        render_model(model, fov_deg=0.0)
    with pytest.raises(ValueError, match="limit"):
        render_model(model, width=8000, height=100, supersample=4)
    nan = Mesh(np.array([[0, 0, 0], [1, 0, 0], [0, np.nan, 0]]), [[0, 1, 2]])
    with pytest.raises(ValueError, match="non-finite"):
        render_model(single_part(nan, red()))


def test_worker_threads_render_like_the_main_thread() -> None:
    """The shared context is released between renders, so a service's thread pool can use it."""
    model = asymmetric_model()
    reference = pixels(render_model(model, width=64, height=64))
    with ThreadPoolExecutor(3) as pool:
        images = list(pool.map(lambda _: render_model(model, width=64, height=64), range(3)))
    for image in images:
        assert np.abs(pixels(image) - reference).max() <= 1.0


# --------------------------------------------------------------------------- missing EGL
def test_import_creates_no_context() -> None:
    code = "import meshforge.render as r, meshforge.render.renderer as m; assert m._gl_instance is None"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_missing_egl_raises_a_clear_runtime_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import moderngl

    def no_egl(*args: object, **kwargs: object) -> None:
        raise Exception("eglGetDisplay failed")  # what glcontext raises, more or less

    monkeypatch.setattr(renderer, "_gl_instance", None)
    monkeypatch.setattr(renderer, "_gl_failure", None)
    monkeypatch.setattr(moderngl, "create_standalone_context", no_egl)
    with pytest.raises(RuntimeError, match="libegl1 libegl-mesa0 libgl1-mesa-dri"):
        render_model(asymmetric_model())
    with pytest.raises(RenderUnavailableError):  # remembered, not retried
        render_model(asymmetric_model())


# --------------------------------------------------------------------------- sheets
def test_thumbnail_size() -> None:
    assert thumbnail(asymmetric_model(), size=96).size == (96, 96)


@pytest.mark.parametrize(("views", "cols", "rows"), [(1, 1, 1), (4, 2, 2), (6, 3, 2)])
def test_contact_sheet_grid(views: int, cols: int, rows: int) -> None:
    tile = 96
    sheet = contact_sheet(asymmetric_model(), views=views, tile=tile)
    width, height = sheet.size
    assert cols * tile < width < cols * tile + 60
    assert rows * tile + 40 < height < rows * tile + 160
    # the last tile's centre holds a render, not the sheet's blank paper
    px = pixels(sheet)
    last_tile = px[height - 10 - tile : height - 10, width - 10 - tile : width - 10]
    assert last_tile.std() > 10


def test_contact_sheet_view_count_is_checked() -> None:
    for views in (0, 13):
        with pytest.raises(ValueError):
            contact_sheet(asymmetric_model(), views=views)


def test_labels_and_caption() -> None:
    assert view_label(0) == "front · 0°"
    assert view_label(90) == "right · 90°"
    assert view_label(180) == "back · 180°"
    assert view_label(270) == "left · 270°"
    assert view_label(30) == "yaw 30°"
    assert view_label(360 + 45) == "front-right · 45°"
    model = asymmetric_model()
    w, h, d = model.extents
    assert (
        model_caption(model)
        == f"{model.triangle_count:,} triangles · 2 parts · W {w:.3g} x H {h:.3g} x D {d:.3g} m"
    )


# --------------------------------------------------------------------------- atomic save
def test_save_image_writes_png_atomically(tmp_path) -> None:
    image = Image.new("RGB", (20, 10), (10, 200, 30))
    target = tmp_path / "out" / "preview.png"
    assert save_image(image, target) == target
    with Image.open(target) as reread:
        assert reread.format == "PNG"
        assert reread.size == (20, 10)
        assert reread.getpixel((3, 3)) == (10, 200, 30)
    save_image(Image.new("RGB", (5, 5), (1, 2, 3)), target)  # replaces
    with Image.open(target) as reread:
        assert reread.size == (5, 5)
    assert sorted(os.listdir(target.parent)) == ["preview.png"]


def test_failed_save_keeps_the_old_file(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "preview.png"
    save_image(Image.new("RGB", (7, 7), (9, 9, 9)), target)
    before = target.read_bytes()

    class Broken(Exception):
        pass

    image = Image.new("RGB", (30, 30))

    def broken_save(*args: object, **kwargs: object) -> None:
        args[0].write(b"\x89PNG partial")  # type: ignore[union-attr]
        raise Broken

    monkeypatch.setattr(image, "save", broken_save)
    with pytest.raises(Broken):
        save_image(image, target)
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["preview.png"]
