"""New UVs and textures baked from the original, for levels that UV seams would hold above their target.

A model whose texture is cut into hundreds of UV charts (scans, photogrammetry, game assets baked from
high-poly sculpts: the DamagedHelmet has 424) cannot be simplified far while every chart keeps its
border: each chart corner is a vertex no collapse may remove, so the coarse levels stall at thousands
of triangles. Dedicated LOD tools (Simplygon, InstaLOD) then give the level its own UVs and bake its
textures from the original; :func:`rebake_parts` does the same for the parts one level re-bakes:

1. **Unwrap** the simplified parts with xatlas into one shared atlas of ``size`` pixels (charts
   padded, so bilinear filtering and a few mip levels do not bleed across them).
2. **Rasterise** the level's triangles in atlas texel space (:func:`meshforge.materials.bake._rasterise`,
   texels just outside a chart get their triangle's extrapolated surface point: edge dilation).
3. **Transfer** every texel: its point on the level goes to the closest point of the original surface
   (libigl's AABB tree), or, where that surface faces the other way (a thin shell's inside), to the
   nearest one along the level's normal that faces the same way; its original UV samples every texture
   of the material (bilinear, repeat).
   Colour, metallic-roughness and emissive maps are copied as they are (sRGB/linear as stored).
4. **Normals**: the original's shading normal there (its normal map decoded in its own tangent frame,
   or the interpolated vertex normal when it has none) is re-encoded in the level's tangent frame, the
   frame the glTF exporter writes (:func:`meshforge.export.gltf.tangents`). The normal map therefore
   also carries the detail the collapse removed: a coarse level shades like the original.

Material factors (base colour, metallic, roughness, emissive strength) stay as they were: the baked
maps hold the original texels, not their product with the factors. Units: ``size`` in pixels.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np

from meshforge.core.material import Material, Texture
from meshforge.geometry.mesh import Mesh
from meshforge.lod.metrics import SurfaceQuery

log = logging.getLogger(__name__)

#: Smallest and largest baked atlas side (pixels).
MIN_BAKE_PX, MAX_BAKE_PX = 64, 4096
#: Texels processed at once (bounds memory at 4096^2).
_CHUNK = 1 << 18


def unwrap(meshes: list[Mesh], size: int) -> list[Mesh]:
    """``meshes`` with xatlas UVs packed together into one [0, 1]^2 atlas (V up, as meshforge stores
    them) of ``size`` pixels, charts ``size // 128`` (at least 2) texels apart; vertices are split
    along the new seams, normals follow their source vertex."""
    import xatlas

    atlas = xatlas.Atlas()
    for mesh in meshes:
        atlas.add_mesh(mesh.vertices.astype(np.float32), mesh.faces.astype(np.uint32))
    pack = xatlas.PackOptions()
    pack.resolution = int(size)
    pack.padding = max(2, int(size) // 128)
    pack.bilinear = True
    chart = xatlas.ChartOptions()
    chart.fix_winding = True
    atlas.generate(chart_options=chart, pack_options=pack)
    out = []
    for k, mesh in enumerate(meshes):
        vmapping, indices, uvs = atlas[k]
        vmapping = np.asarray(vmapping, dtype=np.int64)
        faces = np.asarray(indices, dtype=np.int64).reshape(-1, 3)
        normals = None if mesh.normals is None else mesh.normals[vmapping]
        unwrapped = Mesh(mesh.vertices[vmapping], faces, normals, np.asarray(uvs, dtype=np.float64), "atlas")
        unwrapped._weld = mesh.weld_map()[vmapping]
        out.append(unwrapped)
    return out


def _image(texture: Texture | None) -> np.ndarray | None:
    """(H, W, C) float32 texels in [0, 1] of ``texture``, or None."""
    if texture is None:
        return None
    img = texture.image
    if img.mode not in ("RGB", "RGBA"):
        img = img.convert("RGBA" if "A" in img.mode else "RGB")
    return np.asarray(img, dtype=np.float32) / 255.0


def _sample(image: np.ndarray, uv: np.ndarray) -> np.ndarray:
    """(K, C) bilinear samples of ``image`` at meshforge UVs ``uv`` (V up, repeating)."""
    h, w = image.shape[:2]
    x = np.mod(uv[:, 0], 1.0) * w - 0.5
    y = np.mod(1.0 - uv[:, 1], 1.0) * h - 0.5
    x0, y0 = np.floor(x), np.floor(y)
    fx, fy = (x - x0)[:, None], (y - y0)[:, None]
    x0 = x0.astype(np.int64) % w
    y0 = y0.astype(np.int64) % h
    x1, y1 = (x0 + 1) % w, (y0 + 1) % h
    top = image[y0, x0] * (1 - fx) + image[y0, x1] * fx
    bottom = image[y1, x0] * (1 - fx) + image[y1, x1] * fx
    return top * (1 - fy) + bottom * fy


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.maximum(np.linalg.norm(v, axis=1), 1e-12)[:, None]


def _normals(mesh: Mesh) -> np.ndarray:
    """(N, 3) ``mesh``'s normals, or smooth area-weighted ones over its welded positions (same vertices)."""
    from meshforge.lod.placement import _vertex_normals, _welded

    if mesh.normals is not None:
        return mesh.normals
    weld, positions, wfaces = _welded(mesh)
    return _vertex_normals(positions, wfaces)[weld]


def _frames(mesh: Mesh) -> tuple[np.ndarray, np.ndarray]:
    """``(normals (N, 3), tangents (N, 4))`` of ``mesh`` as the glTF exporter writes them."""
    from meshforge.export.gltf import tangents

    normals = _normals(mesh)
    return normals, tangents(mesh.vertices, mesh.faces, normals, mesh.uvs)


def _interp(values: np.ndarray, faces: np.ndarray, bary: np.ndarray) -> np.ndarray:
    """(K, C) per-vertex ``values`` interpolated at barycentrics ``bary`` (K, 3) of ``faces`` (K, 3)."""
    return np.einsum("kj,kjc->kc", bary, values[faces])


def _tangent_frame(normal: np.ndarray, tangents: np.ndarray, faces: np.ndarray, bary: np.ndarray,
                   ) -> tuple[np.ndarray, np.ndarray]:
    """``(tangent, bitangent)`` (K, 3) at barycentrics ``bary`` of ``faces``, from per-vertex glTF
    ``tangents`` (N, 4), made orthogonal to the unit ``normal`` (K, 3) there; the bitangent is
    ``cross(normal, tangent) * w`` as glTF defines it."""
    tangent = _unit(_interp(tangents[:, :3], faces, bary))
    tangent = _unit(tangent - normal * np.einsum("ij,ij->i", tangent, normal)[:, None])
    sign = np.where(tangents[faces[:, 0], 3] < 0, -1.0, 1.0)[:, None]
    return tangent, np.cross(normal, tangent) * sign


#: Rays cast per direction past surfaces that face the wrong way (:func:`_facing_points`).
_RAY_STEPS = 4


def _facing_points(query: SurfaceQuery, points: np.ndarray, normals: np.ndarray, closest: np.ndarray,
                   face: np.ndarray, face_normals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(closest, face)`` with the points whose closest original face turns away from the level's
    normal moved to the nearest original surface *facing the same way* along the level's normal.

    Where a thin shell's level sags by more than its thickness (a barrel's hoop, a can's label), the
    closest point of the outside lies on the inside, whose colours would come through. Rays go both
    ways along the normal, past up to :data:`_RAY_STEPS` wrong-facing hits; where neither finds a
    surface facing the same way, the closest point stays.
    """
    bad = np.flatnonzero(np.einsum("ij,ij->i", face_normals[face], normals) < 0.0)
    if not len(bad):
        return closest, face
    best_t = np.full(len(bad), np.inf)  # distance along the normal (signed) of the best facing hit
    best_face = face[bad].copy()
    scale = float(np.ptp(query.mesh.vertices, axis=0).max()) or 1.0
    for sign in (1.0, -1.0):
        direction = sign * normals[bad]
        origin = points[bad].copy()
        travelled = np.zeros(len(bad))
        todo = np.arange(len(bad))
        for _ in range(_RAY_STEPS):
            if not len(todo):
                break
            hit, t = query.first_hit(origin[todo], direction[todo])
            found = hit >= 0
            todo, hit, t = todo[found], hit[found], t[found]
            travelled[todo] += t
            facing = np.einsum("ij,ij->i", face_normals[hit], normals[bad[todo]]) > 0.0
            win = facing & (travelled[todo] < np.abs(best_t[todo]))
            best_t[todo[win]], best_face[todo[win]] = sign * travelled[todo[win]], hit[win]
            todo, t = todo[~facing], t[~facing]
            step = t + 1e-6 * scale
            origin[todo] += direction[todo] * step[:, None]
            travelled[todo] += 1e-6 * scale
    moved = np.isfinite(best_t)
    idx = bad[moved]
    closest, face = closest.copy(), face.copy()
    closest[idx] = points[idx] + normals[idx] * best_t[moved][:, None]
    face[idx] = best_face[moved]
    return closest, face


#: Texture slots baked, with the value a part whose material lacks the slot gets in a shared atlas
#: (white: the material's factor alone, as glTF multiplies texture and factor).
_MAPS = {"base_color_texture": 4, "metallic_roughness_texture": 3, "emissive_texture": 3}


def rebake_part(original: Mesh, material: Material, level: Mesh, size: int, name: str = "level",
                ) -> tuple[Mesh, Material]:
    """:func:`rebake_parts` for one part."""
    return rebake_parts([(original, material, level)], size, name)[0]


def rebake_parts(parts: list[tuple[Mesh, Material, Mesh]], size: int, name: str = "level",
                 ) -> list[tuple[Mesh, Material]]:
    """``(level with new UVs, material with textures baked for them)`` per ``(original, material, level)``.

    ``original``: a part's mesh with the UVs its ``material``'s textures use; ``level``: a simplified
    copy of it (same space, meters; its UVs, if any, are ignored). All levels share one atlas of
    ``size`` pixels a side (clamped to [:data:`MIN_BAKE_PX`, :data:`MAX_BAKE_PX`]), so a level with
    several re-baked parts adds one texture set, not one per part. Every slot any material textures is
    baked (a part whose material lacks it gets white there: its factor alone), and the normal map
    always is (the original's shading). Each part keeps its own material (factors, alpha mode) with
    the shared textures and ``normal_scale`` 1. An original without UVs gives colours from the factors
    only and its smooth normals.
    """
    from meshforge.lod.fit import _barycentric
    from meshforge.materials.bake import _barycentrics, _rasterise
    from meshforge.materials.textures import encode_png

    size = int(np.clip(size, MIN_BAKE_PX, MAX_BAKE_PX))
    outs = unwrap([level for _, _, level in parts], size)
    pad = float(max(2, size // 256))
    tri = np.concatenate([np.stack([o.uvs[:, 0] * size, (1.0 - o.uvs[:, 1]) * size], axis=1)[o.faces]
                          for o in outs])
    first_face = np.cumsum([0] + [o.triangle_count for o in outs])
    owner = _rasterise(tri, size, pad)
    slots = [key for key in _MAPS if any(getattr(m, key) is not None for _, m, _ in parts)]
    baked = {key: np.ones((size * size, _MAPS[key]), np.float32) for key in slots}
    normal = np.zeros((size * size, 3), np.float32)
    for k, ((original, material, _), out) in enumerate(zip(parts, outs, strict=True)):
        mine = np.flatnonzero((owner >= first_face[k]) & (owner < first_face[k + 1]))
        has_uv = original.uvs is not None
        maps = {key: _image(getattr(material, key)) if has_uv else None for key in [*slots, "normal_texture"]}
        l_normals, l_tangents = _frames(out)
        o_normals, o_tangents = _frames(original) if has_uv else (_normals(original), None)
        query = SurfaceQuery(original)
        corners = original.vertices[original.faces]
        o_face_normals = _unit(np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]))
        for start in range(0, len(mine), _CHUNK):
            tx = mine[start:start + _CHUNK]
            t = owner[tx]
            bary = _barycentrics(tri, tx, t, size).T
            faces = out.faces[t - first_face[k]]
            point = _interp(out.vertices, faces, bary)
            n = _unit(_interp(l_normals, faces, bary))
            closest, oface = query.closest(point)
            closest, oface = _facing_points(query, point, n, closest, oface, o_face_normals)
            ofaces = original.faces[oface]
            ob = _barycentric(closest, original.vertices[ofaces])
            shading = _unit(_interp(o_normals, ofaces, ob))
            uv = _interp(original.uvs, ofaces, ob) if has_uv else None
            for key, img in maps.items():
                if img is None:
                    continue
                texels = _sample(img, uv)
                if key != "normal_texture":
                    c = min(texels.shape[1], _MAPS[key])
                    baked[key][tx, :c] = texels[:, :c]
                    continue
                # the original's normal map, decoded in its own tangent frame
                tn = texels[:, :3] * 2.0 - 1.0
                tn[:, :2] *= material.normal_scale
                tangent, bitangent = _tangent_frame(shading, o_tangents, ofaces, ob)
                shading = _unit(tn[:, :1] * tangent + tn[:, 1:2] * bitangent + tn[:, 2:3] * shading)
            # the same normal, in the level's tangent frame
            tangent, bitangent = _tangent_frame(n, l_tangents, faces, bary)
            local = np.stack([np.einsum("ij,ij->i", shading, axis) for axis in (tangent, bitangent, n)], axis=1)
            local[:, 2] = np.maximum(local[:, 2], 0.05)  # a texel's normal never faces away from its surface
            normal[tx] = _unit(local)
    covered = owner >= 0
    textures: dict[str, Texture] = {}
    for key, values in baked.items():
        # the background takes the mean so mip levels past the padding stay in tone
        values[~covered] = values[covered].mean(axis=0) if covered.any() else 0.5
        if key == "base_color_texture" and np.all(values[:, 3] >= 1.0):
            values = values[:, :3]  # opaque: RGB
        img = np.round(np.clip(values, 0.0, 1.0) * 255).astype(np.uint8).reshape(size, size, -1)
        textures[key] = encode_png(img, f"{name}_{key.removesuffix('_texture')}")
    normal[~covered] = (0.0, 0.0, 1.0)
    nimg = np.round((normal * 0.5 + 0.5) * 255).astype(np.uint8).reshape(size, size, 3)
    textures["normal_texture"] = encode_png(nimg, f"{name}_normal")
    log.info("rebaked %s: %d parts, %d triangles onto one %dx%d atlas (%.0f%% of texels covered, %d maps)",
             name, len(parts), sum(o.triangle_count for o in outs), size, size, 100.0 * covered.mean(),
             len(textures))
    return [(out, replace(material, normal_scale=1.0, **textures)) for (_, material, _), out in zip(parts, outs,
                                                                                                      strict=True)]
