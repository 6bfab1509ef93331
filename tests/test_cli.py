"""The command line as a user meets it: outputs, progress, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import trimesh

from meshforge.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_generate_writes_every_format_previews_recipe_and_gallery(tmp_path, capsys):
    code, out, err = run(capsys, "generate", "a coffee mug", "--out", str(tmp_path), "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["spec"]["generator"] == "mug"
    assert "coffee" not in summary["spec"]["unused_words"]  # "coffee mug" is a synonym, fully used
    folder = tmp_path / "mug"
    for name in ("mug.glb", "mug.obj", "mug.mtl", "mug.stl", "mug.ply", "mug.3mf", "mug.png", "mug_sheet.png",
                 "mug.recipe.json"):
        assert (folder / name).is_file(), name
    assert (tmp_path / "index.html").read_text().count("<figure>") == 1
    assert "generate [" in err  # progress bar lines
    recipe = json.loads((folder / "mug.recipe.json").read_text())
    assert recipe["generator"] == "mug" and recipe["source"]["text"] == "a coffee mug"
    reloaded = trimesh.load(folder / "mug.glb", force="scene")
    assert len(reloaded.geometry) == summary["models"][0]["summary"]["parts"].__len__()
    # nothing temporary is left behind
    assert not [p for p in tmp_path.rglob("*") if ".tmp" in p.name]


def test_variations_and_set(tmp_path, capsys):
    code, _, err = run(capsys, "generate", "chair", "--out", str(tmp_path), "--variations", "3", "--seed", "5",
                       "--formats", "glb", "--no-preview", "--set", "armrests=true")
    assert code == 0, err
    folders = sorted(p.name for p in tmp_path.iterdir() if p.is_dir())
    assert folders == ["chair_s5", "chair_s6", "chair_s7"]
    for f in folders:
        recipe = json.loads((tmp_path / f / f"{f}.recipe.json").read_text())
        assert recipe["params"] == {"armrests": True}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["generate", "flux capacitor"], "no generator matches"),
        (["generate", "chair", "--formats", "glb,xyz"], "unknown format"),
        (["generate", "chair", "--set", "seat_height=9"], "out of range"),
        (["generate", "chair", "--set", "seat_height=tall"], "not valid"),
        (["generate", "chair", "--set", "wheels=4"], "no parameter"),
        (["generate", "chair", "--set", "novalue"], "name=value"),
        (["info", "missing.glb"], "no such file"),
        (["info", "model.xyz"], "unknown model format"),
        (["render", "missing.glb", "-o", "x.png"], "no such file"),
        (["render", "x.glb", "-o", "x.jpg"], "PNG"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(tmp_path, capsys, argv, message):
    os.chdir(tmp_path)
    code, _out, err = run(capsys, *argv, *(["--out", str(tmp_path / "o")] if argv[0] == "generate" else []))
    assert code == 2
    lines = [line for line in err.splitlines() if line.startswith("meshforge: error:")]
    assert len(lines) == 1 and message in lines[0], err
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").rglob("*.glb"))


def test_unwritable_output_folder(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "generate", "chair", "--out", str(blocker / "sub"))
    assert code == 2 and "cannot create output folder" in err


def test_corrupt_file_gives_clear_error(tmp_path, capsys):
    bad = tmp_path / "broken.glb"
    bad.write_bytes(b"glTF\x02\x00\x00\x00garbage")
    code, _, err = run(capsys, "info", str(bad))
    assert code == 2 and "broken.glb" in err


def test_info_and_render_on_generated_file(tmp_path, capsys):
    assert run(capsys, "generate", "table", "--out", str(tmp_path), "--formats", "glb", "--no-preview")[0] == 0
    glb = tmp_path / "table" / "table.glb"
    code, out, _ = run(capsys, "info", str(glb), "--json")
    info = json.loads(out)
    assert code == 0 and info["triangles"] > 0
    assert abs(info["size_m"][1] - 0.75) < 1e-4 and {"top", "leg_0"} <= {p["name"] for p in info["parts"]}
    code, out, _ = run(capsys, "info", str(glb))
    assert "triangles" in out and "m (W x H x D)" in out
    sheet = tmp_path / "sheet.png"
    code, out, _ = run(capsys, "render", str(glb), "--views", "4", "-o", str(sheet), "--size", "128")
    assert code == 0 and sheet.is_file()
    from PIL import Image

    assert Image.open(sheet).size[0] >= 256


def test_generators_listing(capsys):
    code, out, _ = run(capsys, "generators", "--json")
    assert code == 0
    catalog = json.loads(out)
    assert {g["id"] for g in catalog} >= {"chair", "table", "mug"}
    assert all(len(g["params"]) >= 5 and g["slots"] for g in catalog)
    _code, out, _ = run(capsys, "generators", "--verbose")
    assert "seat_height" in out


def test_console_script_exit_code():
    exe = os.path.join(os.path.dirname(sys.executable), "meshforge")
    proc = subprocess.run([exe, "generate", "unicorn xyz", "--out", "/tmp/meshforge-none"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2
    assert "no generator matches" in proc.stderr and "Traceback" not in proc.stderr


def test_convert_between_formats(tmp_path, capsys):
    assert run(capsys, "generate", "mug", "--out", str(tmp_path), "--formats", "glb", "--no-preview")[0] == 0
    glb = tmp_path / "mug" / "mug.glb"
    for ext in ("obj", "stl", "ply", "3mf", "gltf"):
        target = tmp_path / f"converted.{ext}"
        code, out, err = run(capsys, "convert", str(glb), str(target))
        assert code == 0, err
        assert target.is_file() and str(target) in out
    code, _, err = run(capsys, "convert", str(glb), str(tmp_path / "x.abc"))
    assert code == 2 and "unknown format" in err and not (tmp_path / "x.abc").exists()


def test_gallery_renders_requested_generators(tmp_path, capsys):
    out = tmp_path / "gallery.png"
    code, _, err = run(capsys, "gallery", "--out", str(out), "--seeds", "1",
                       "--generators", "mug,chair", "--tile", "96")
    assert code == 0, err
    from PIL import Image

    image = Image.open(out)
    assert image.size[0] > 2 * 96 and image.size[1] >= 2 * 96  # two columns, two rows
    code, _, err = run(capsys, "gallery", "--out", str(tmp_path / "g.png"), "--generators", "spaceship")
    assert code == 2 and "unknown generator" in err


def test_export_options_reach_the_exporter(tmp_path, capsys):
    code, _, err = run(capsys, "generate", "table", "--out", str(tmp_path), "--formats", "stl", "--no-preview",
                       "-x", "stl.units=m", "-x", "stl.up=Y")
    assert code == 0, err
    mesh = trimesh.load(tmp_path / "table" / "table.stl")
    assert abs(mesh.extents[1] - 0.75) < 1e-4  # meters and Y-up as asked, not the mm/Z-up default
    code, _, err = run(capsys, "generate", "table", "--out", str(tmp_path / "b"), "--formats", "stl",
                       "-x", "stl.colour=red")
    assert code == 2 and "no option" in err
    code, _, err = run(capsys, "generate", "table", "--out", str(tmp_path / "c"), "-x", "units")
    assert code == 2 and "FORMAT.NAME=VALUE" in err
