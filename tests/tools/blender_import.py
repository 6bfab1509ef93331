"""Import FBX files with Blender's own importer and print what Blender built, as JSON.

Usage: ``.venv-blender/bin/python tests/tools/blender_import.py FILE...`` (Blender as a Python module,
``pip install bpy``, in its own virtual environment: ``make .venv-blender/.installed``).

Each file is imported with ``bpy.ops.import_scene.fbx`` (default options: unit scale and axis
conversion from the file's GlobalSettings) into a fresh empty scene. Per file the JSON holds:

* ``objects``: name, type (MESH / EMPTY), parent name, children names; for meshes the vertex,
  polygon and triangle counts, the material slot names and the world-space bounds in meters
  (Blender's frame: Z up);
* ``bounds``: world-space bounds of all mesh objects together, in meters, and ``dimensions``;
* ``materials``: name, base color, metallic, roughness, alpha and the images feeding the base color,
  normal map, metallic and roughness inputs of the Principled BSDF;
* ``images``: name, size and whether its pixels are packed in the .blend (embedded in the FBX);
* ``unit_scale``: the scene's length unit scale (1.0 = meters); ``seconds``: import time.
"""

from __future__ import annotations

import json
import sys
import time

import bpy
import numpy as np


def socket_image(node_tree, bsdf, input_name: str) -> str | None:
    """Name of the image that feeds ``input_name`` of the Principled BSDF (through a normal map node too)."""
    socket = bsdf.inputs.get(input_name)
    if socket is None or not socket.is_linked:
        return None
    stack = [socket.links[0].from_node]
    while stack:
        node = stack.pop()
        if node.type == "TEX_IMAGE":
            return node.image.name if node.image else None
        for node_input in node.inputs:
            stack.extend(link.from_node for link in node_input.links)
    return None


def material_facts(material) -> dict:
    facts = {"name": material.name}
    if material.node_tree is not None:
        bsdf = next((n for n in material.node_tree.nodes if n.type == "BSDF_PRINCIPLED"), None)
        if bsdf is not None:
            facts.update(
                {
                    "base_color": list(bsdf.inputs["Base Color"].default_value),
                    "metallic": bsdf.inputs["Metallic"].default_value,
                    "roughness": bsdf.inputs["Roughness"].default_value,
                    "alpha": bsdf.inputs["Alpha"].default_value,
                    "base_color_image": socket_image(material.node_tree, bsdf, "Base Color"),
                    "normal_image": socket_image(material.node_tree, bsdf, "Normal"),
                    "metallic_image": socket_image(material.node_tree, bsdf, "Metallic"),
                    "roughness_image": socket_image(material.node_tree, bsdf, "Roughness"),
                }
            )
    return facts


def mesh_world_points(obj) -> np.ndarray:
    mesh = obj.data
    points = np.empty(len(mesh.vertices) * 3)
    mesh.vertices.foreach_get("co", points)
    points = points.reshape(-1, 3)
    world = np.array(obj.matrix_world)
    return points @ world[:3, :3].T + world[:3, 3]


def import_file(path: str) -> dict:
    bpy.ops.wm.read_factory_settings(use_empty=True)
    start = time.perf_counter()
    result = bpy.ops.import_scene.fbx(filepath=path)
    seconds = time.perf_counter() - start
    objects, all_points = [], []
    for obj in sorted(bpy.context.scene.objects, key=lambda o: o.name):
        facts = {
            "name": obj.name,
            "type": obj.type,
            "parent": obj.parent.name if obj.parent else None,
            "children": sorted(child.name for child in obj.children),
        }
        if obj.type == "MESH":
            mesh = obj.data
            sizes = np.empty(len(mesh.polygons), dtype=np.int64)
            mesh.polygons.foreach_get("loop_total", sizes)
            points = mesh_world_points(obj)
            all_points.append(points)
            facts.update(
                {
                    "vertices": len(mesh.vertices),
                    "polygons": len(mesh.polygons),
                    "triangles": int((sizes - 2).sum()),
                    "materials": [
                        slot.material.name if slot.material else None for slot in obj.material_slots
                    ],
                    "bounds": [points.min(axis=0).tolist(), points.max(axis=0).tolist()]
                    if len(points)
                    else None,
                }
            )
        objects.append(facts)
    points = np.concatenate(all_points) if all_points else np.zeros((0, 3))
    bounds = [points.min(axis=0).tolist(), points.max(axis=0).tolist()] if len(points) else None
    return {
        "file": path,
        "result": sorted(result),
        "seconds": round(seconds, 3),
        "unit_scale": bpy.context.scene.unit_settings.scale_length,
        "objects": objects,
        "bounds": bounds,
        "dimensions": (points.max(axis=0) - points.min(axis=0)).tolist() if len(points) else None,
        "materials": [material_facts(m) for m in sorted(bpy.data.materials, key=lambda m: m.name)],
        "images": [
            {"name": image.name, "size": list(image.size), "packed": image.packed_file is not None}
            for image in sorted(bpy.data.images, key=lambda i: i.name)
        ],
    }


def main(paths: list[str]) -> None:
    results = []
    for path in paths:
        try:
            results.append(import_file(path))
        except Exception as exc:  # report every file, also the ones Blender refuses
            results.append({"file": path, "error": f"{type(exc).__name__}: {exc}"})
    sys.stdout.write("\n@@JSON@@" + json.dumps(results) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
