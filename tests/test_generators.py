"""Contract test over every registered generator (STYLE.md: contract tests over registries).

For the defaults and N random seeds (20 in ``make test``, 100 in ``make test-full``) every model must
meet DESIGN.md's conventions: each part watertight, manifold and outward; origin at the bottom centre;
size inside the declared envelope (meters); UVs and a material on every part; deterministic GLB bytes.
"""

from __future__ import annotations

import numpy as np
import pytest

from conftest import FULL
from meshforge.core.errors import ParameterError, UnknownGeneratorError
from meshforge.core.recipe import Recipe, build
from meshforge.export import export_bytes
from meshforge.generators import catalog, get_generator
from meshforge.geometry import csg

# make test: defaults + 3 seeds per generator (~165 generators); make test-full: the 20 seeds the catalog promises
SEEDS = 20 if FULL else 3
GENERATORS = sorted(catalog())
CASES = [(g, None) for g in GENERATORS] + [(g, s) for g in GENERATORS for s in range(SEEDS)]


def _check_model(gid: str, model) -> None:
    cls = catalog()[gid]
    assert model.parts, "no parts"
    names = [p.name for p in model.parts]
    assert len(set(names)) == len(names)
    for part in model.parts:
        mesh = part.world_mesh()
        where = f"{gid} part {part.name!r}"
        assert mesh.triangle_count > 0, where
        assert np.isfinite(mesh.vertices).all(), where
        assert mesh.is_watertight(), f"{where} is not watertight"
        assert csg.is_manifold(mesh), f"{where} is not manifold"
        for shell in mesh.welded().split(only_watertight=False):
            assert shell.volume > 0, f"{where} has an inward-facing shell"
        assert mesh.face_heights().min() > 1e-8, f"{where} has degenerate or sliver faces"
        assert mesh.uvs is not None and np.isfinite(mesh.uvs).all(), f"{where} has no UVs"
        assert mesh.normals is not None, f"{where} has no normals"
        np.testing.assert_allclose(np.linalg.norm(mesh.normals, axis=1), 1.0, atol=1e-5)
        assert part.material is not None and part.material.name, f"{where} has no material"
    lo, hi = model.bounds
    assert abs(lo[1]) < 1e-6, f"{gid}: bottom is at y={lo[1]}, not 0"
    assert abs(lo[0] + hi[0]) < 1e-6 and abs(lo[2] + hi[2]) < 1e-6, f"{gid}: not centred on the origin"
    assert cls.size.contains(model.extents), f"{gid}: size {model.extents} outside {cls.size}"


@pytest.mark.parametrize(("gid", "seed"), CASES, ids=[f"{g}-{'default' if s is None else s}" for g, s in CASES])
def test_generator_contract(gid, seed):
    recipe = Recipe(gid, seed=seed)
    model = build(recipe)
    _check_model(gid, model)
    if not FULL and seed not in (None, 0):
        return  # determinism is checked on two recipes per generator here, on every seed in make test-full
    # deterministic: the same recipe gives the same GLB bytes
    first = export_bytes(model, "glb")
    again = export_bytes(build(recipe), "glb")
    assert next(iter(first.values())) == next(iter(again.values()))


@pytest.mark.parametrize("gid", GENERATORS)
def test_generator_schema(gid):
    cls = catalog()[gid]
    assert len(cls.params) >= (6 if gid in ("chair", "table", "mug") else 5), "too few meaningful parameters"
    assert cls.description and cls.name and cls.family
    for p in cls.params:
        assert p.description, f"{gid}.{p.name} has no description"
        assert p.validate(p.default) == p.default
    schema = cls.schema()
    assert schema["id"] == gid and len(schema["params"]) == len(cls.params)


@pytest.mark.parametrize("gid", GENERATORS)
def test_every_choice_and_toggle_builds(gid):
    """Each choice value and each boolean flipped from its default gives a valid model."""
    cls = catalog()[gid]
    variants = []
    for p in cls.params:
        if p.type == "choice":
            variants += [{p.name: c} for c in p.choices if c != p.default]
        elif p.type == "bool":
            variants.append({p.name: not p.default})
        elif p.type in ("float", "int"):
            variants += [{p.name: p.min}, {p.name: p.max}]
    for params in variants:
        _check_model(gid, build(Recipe(gid, params=params)))


def test_different_seeds_give_different_models():
    a, b = build(Recipe("chair", seed=1)), build(Recipe("chair", seed=2))
    assert a.metadata["params"] != b.metadata["params"]


def test_parameters_change_geometry():
    low = build(Recipe("table", params={"height": 0.45}))
    high = build(Recipe("table", params={"height": 1.05}))
    assert abs(low.extents[1] - 0.45) < 1e-6 and abs(high.extents[1] - 1.05) < 1e-6
    mug = build(Recipe("mug", params={"handle": False, "diameter": 0.08, "taper": 1.0}))
    assert abs(mug.extents[0] - 0.08) < 2e-3  # no handle sticking out
    chair = build(Recipe("chair", params={"armrests": True, "cushion": True}))
    assert {"armrest_0", "armrest_1", "cushion"} <= {p.name for p in chair.parts}


def test_bad_parameters_are_rejected_with_what_is_accepted():
    gen = get_generator("chair")
    with pytest.raises(ParameterError, match=r"from 0.38 to 0.56"):
        gen.build({"seat_height": 2.0})
    with pytest.raises(ParameterError, match="one of"):
        gen.build({"leg_style": "curvy"})
    with pytest.raises(ParameterError, match="whole number"):
        gen.build({"slats": 2.5})
    with pytest.raises(ParameterError, match="no parameter"):
        gen.build({"colour": "red"})
    with pytest.raises(ParameterError):
        gen.build({"seat_height": "nan"})


def test_unknown_generator_lists_nearest():
    with pytest.raises(UnknownGeneratorError) as info:
        get_generator("chiar")
    assert info.value.nearest[0][0] == "chair"


def test_recipe_round_trip_and_edits():
    recipe = Recipe("table", params={"shape": "round"}, seed=3).with_edit("scale", factor=0.5)
    again = Recipe.from_dict(recipe.to_dict())
    assert again == recipe
    model = build(again)
    base = build(Recipe("table", params={"shape": "round"}, seed=3))
    np.testing.assert_allclose(model.extents, base.extents * 0.5, rtol=1e-9)
    assert model.metadata["recipe"]["edits"] == [{"op": "scale", "factor": 0.5}]
    recolored = build(Recipe("chair").with_edit("set_material", part="*", preset="walnut"))
    assert {m.name for m in recolored.materials} == {"walnut"}
    removed = build(Recipe("chair").with_edit("remove_part", name="seat"))
    assert "seat" not in {p.name for p in removed.parts}


def test_material_slots_follow_the_recipe():
    plain = build(Recipe("table"))
    dressed = build(Recipe("table", materials={"legs": {"preset": "walnut"}, "top": {"preset": "marble", "color": "#ffffff"}}))
    mats = {p.name: p.material.name for p in dressed.parts}
    assert mats["top"] == "top" and dressed.metadata["materials"]["top"]["preset"] == "marble"
    assert dressed.metadata["materials"]["legs"] == {"preset": "walnut", "color": None}
    assert plain.part("top").material.base_color_texture is not None
    assert plain.part("top").material.base_color_texture.png != dressed.part("top").material.base_color_texture.png
    everything = build(Recipe("chair", materials={"*": {"color": "#aa2222"}}))
    assert all(spec["color"] == "#aa2222" for spec in everything.metadata["materials"].values())
    with pytest.raises(ParameterError, match="no material slot"):
        build(Recipe("table", materials={"seat": {"preset": "oak"}}))
    with pytest.raises(ParameterError, match="unknown material preset"):
        build(Recipe("table", materials={"top": {"preset": "unobtainium"}}))


def test_skateboard_grip_tape_stays_on_top_of_the_deck_at_every_level():
    # the tape and the deck are bent up at the ends vertex by vertex; built as extruded outlines their
    # top faces were long triangles from nose to tail, which stay straight where the kick bends them, so
    # the deck came through the tape on the tails (and at LOD2-3 over half the board turned to wood)
    from meshforge.lod.chain import LodOptions, build_lod_chain
    from meshforge.lod.metrics import SurfaceQuery

    board = build(Recipe("skateboard"))
    chain, _ = build_lod_chain(board, LodOptions(levels=4, render_check=False))
    grip = board.part("grip").world_mesh()
    lo, hi = grip.vertices.min(axis=0), grip.vertices.max(axis=0)
    # a grid over the tape's middle 90% along and across, tails included
    xs, zs = np.meshgrid(np.linspace(lo[0], hi[0], 9)[1:-1] * 0.9, np.linspace(lo[2], hi[2], 41)[1:-1] * 0.9)
    origins = np.column_stack([xs.ravel(), np.full(xs.size, hi[1] + 1.0), zs.ravel()])
    down = np.tile([0.0, -1.0, 0.0], (len(origins), 1))
    for level in [board, *chain.lods]:
        top = {}
        for name in ("deck", "grip"):
            face, t = SurfaceQuery(level.part(name).world_mesh()).first_hit(origins, down)
            assert (face >= 0).all(), f"{name} missing under the tape at {level.triangle_count} triangles"
            top[name] = origins[:, 1] - t
        assert (top["grip"] - top["deck"]).min() > 0.0003, level.triangle_count
