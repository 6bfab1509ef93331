"""Read FBX files with the PyPI ``ufbx`` reader and print what it found as JSON (one object per file).

Usage: ``python tests/tools/ufbx_dump.py FILE...`` (the ``ufbx`` package of the test extra must be
installed). ``tests/test_fbx_export.py`` runs it in a subprocess: the ``ufbx`` 0.0.5 binding can crash
the interpreter when an element wrapper it handed out is garbage-collected and the same element is
fetched again, so this script keeps every wrapper alive, turns the cyclic collector off and leaves
with ``os._exit`` once the JSON is written. Per file it reports:

* ``settings``: unit (meters per file unit), original unit, axes (right, up, front), version, creator,
  the application in the scene info, warnings;
* ``nodes``: name, parent name (None for the root), attribute type, local translation / rotation
  (quaternion x, y, z, w) / scale, Euler rotation, node-to-world and geometry-to-world matrices (4x4,
  row-major), material names, mesh index;
* ``meshes``: counts, control points, per-corner control-point indices, positions, normals and UVs;
* ``materials``: shading model, textures (slot, name, relative file name, embedded content SHA-1),
  the FBX and PBR values ufbx derives, and the ``meshforge_*`` user properties;
* ``lod_groups``: relative-distance flag, levels (distance, display) and the nodes that hold them.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sys

import numpy as np
import ufbx

_KEEP: list[object] = []


def keep(obj):
    """Hold a reference to every wrapper the binding hands out (see module docstring)."""
    _KEEP.append(obj)
    return obj


def items(sequence) -> list:
    keep(sequence)
    return [keep(sequence[i]) for i in range(len(sequence))]


def vec(v) -> list[float]:
    return [float(x) for x in v]


def matrix(m) -> list[list[float]]:
    out = np.eye(4)
    for column in range(4):
        out[:3, column] = vec(m[column])
    return out.tolist()


def attribute(vertex_attribute) -> tuple[list | None, list | None]:
    if not vertex_attribute.exists:
        return None, None
    values = np.array(keep(vertex_attribute.values), dtype=np.float64)
    indices = np.array(keep(vertex_attribute.indices), dtype=np.int64)
    return values[indices].tolist(), indices.tolist()


def dump_mesh(mesh) -> dict:
    position = keep(mesh.vertex_position)
    positions, corner_vertex = attribute(position)
    normals, _ = attribute(keep(mesh.vertex_normal))
    uvs, uv_indices = attribute(keep(mesh.vertex_uv))
    faces = np.array(keep(mesh.faces), dtype=np.int64).reshape(-1, 2)
    return {
        "name": mesh.name,
        "num_vertices": mesh.num_vertices,
        "num_indices": mesh.num_indices,
        "num_faces": mesh.num_faces,
        "num_triangles": mesh.num_triangles,
        "num_edges": mesh.num_edges,
        "face_sizes": sorted(set(faces[:, 1].tolist())),
        "vertices": np.array(keep(mesh.vertices), dtype=np.float64).tolist(),
        "corner_vertex": corner_vertex,
        "positions": positions,
        "normals": normals,
        "uvs": uvs,
        "uv_indices": uv_indices,
        "uv_sets": [s.name for s in items(mesh.uv_sets)],
        "materials": [m.name for m in items(mesh.materials)],
        "face_material": np.array(keep(mesh.face_material), dtype=np.int64).tolist(),
    }


def map_value(material_map) -> dict:
    keep(material_map)
    texture = material_map.texture
    return {
        "value": vec(material_map.value_vec4),
        "has_value": bool(material_map.has_value),
        "texture": None if texture is None else keep(texture).name,
    }


def user_props(props) -> dict:
    out = {}
    for prop in items(keep(props).props):
        if prop.name.startswith("meshforge_"):
            out[prop.name] = {"value": vec(prop.value_vec4), "string": prop.value_str, "int": prop.value_int}
    return out


def dump_material(material) -> dict:
    textures = []
    for material_texture in items(material.textures):
        texture = keep(material_texture.texture)
        content = texture.content
        textures.append(
            {
                "prop": material_texture.material_prop,
                "name": texture.name,
                "relative_filename": texture.relative_filename,
                "content_sha1": hashlib.sha1(content).hexdigest() if content else None,
            }
        )
    fbx_maps, pbr_maps = keep(material.fbx), keep(material.pbr)
    fbx_names = (
        "diffuse_color",
        "transparency_color",
        "transparency_factor",
        "specular_color",
        "specular_exponent",
        "reflection_factor",
        "emission_color",
        "bump_factor",
        "normal_map",
    )
    pbr_names = ("base_color", "roughness", "metalness", "opacity", "emission_color", "normal_map")
    return {
        "name": material.name,
        "shading_model": material.shading_model_name,
        "shader_type": keep(material.shader_type).name,
        "textures": textures,
        "fbx": {name: map_value(getattr(fbx_maps, name)) for name in fbx_names},
        "pbr": {name: map_value(getattr(pbr_maps, name)) for name in pbr_names},
        "user": user_props(material.props),
    }


def dump_node(node, mesh_index: dict[int, int]) -> dict:
    parent = node.parent
    local = keep(node.local_transform)
    mesh = node.mesh
    return {
        "name": node.name,
        "is_root": bool(node.is_root),
        "parent": None if parent is None else keep(parent).name,
        "parent_is_root": None if parent is None else bool(parent.is_root),
        "attrib_type": keep(node.attrib_type).name,
        "translation": vec(local.translation),
        "rotation_quat": vec(local.rotation),
        "scale": vec(local.scale),
        "euler": vec(node.euler_rotation),
        "node_to_world": matrix(keep(node.node_to_world)),
        "geometry_to_world": matrix(keep(node.geometry_to_world)),
        "mesh": None if mesh is None else mesh_index[keep(mesh).element_id],
        "materials": [m.name for m in items(node.materials)],
        "children": [c.name for c in items(node.children)],
    }


def dump_scene(path: str) -> dict:
    scene = keep(ufbx.load_file(path))
    metadata, settings = keep(scene.metadata), keep(scene.settings)
    application = keep(metadata.original_application)
    axes = keep(settings.axes)
    meshes = items(scene.meshes)
    mesh_index = {mesh.element_id: i for i, mesh in enumerate(meshes)}
    lod_groups = []
    for group in items(scene.lod_groups):
        lod_groups.append(
            {
                "name": group.name,
                "relative_distances": bool(group.relative_distances),
                "levels": [[float(level.distance), int(level.display)] for level in items(group.lod_levels)],
                "instances": [node.name for node in items(group.instances)],
            }
        )
    return {
        "file": path,
        "settings": {
            "version": metadata.version,
            "ascii": bool(metadata.ascii),
            "creator": metadata.creator,
            "application": [application.vendor, application.name, application.version],
            "unit_meters": float(settings.unit_meters),
            "original_unit_meters": float(settings.original_unit_meters),
            "axes": [keep(axis).name for axis in axes],
            "warnings": [w.description for w in items(metadata.warnings)],
        },
        "nodes": [dump_node(node, mesh_index) for node in items(scene.nodes)],
        "meshes": [dump_mesh(mesh) for mesh in meshes],
        "materials": [dump_material(material) for material in items(scene.materials)],
        "lod_groups": lod_groups,
        "textures": [keep(t).name for t in items(scene.textures)],
        "videos": [keep(v).name for v in items(scene.videos)],
    }


def main(paths: list[str]) -> None:
    gc.disable()
    results = []
    for path in paths:
        try:
            results.append(dump_scene(path))
        except ufbx.UfbxError as exc:
            results.append({"file": path, "error": f"{type(exc).__name__}: {exc}"})
    sys.stdout.write(json.dumps(results))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
