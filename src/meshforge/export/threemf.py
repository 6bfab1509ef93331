"""3MF writer (``.3mf``) for printers and slicers, in millimetres.

Written against the 3MF Core Specification 1.3 (3MF Consortium):

* chapter 1-2: an OPC zip package with ``[Content_Types].xml``, ``_rels/.rels`` pointing at the
  3D payload ``/3D/3dmodel.model`` (relationship type ``.../3dmanufacturing/2013/01/3dmodel``);
* 3.1: a right-handed coordinate space whose build direction is +Z, so meshforge's Y-up frame is
  rotated: (x, y, z) -> (x, -z, y); 3.4: ``<model unit="millimeter">`` and well-known metadata;
* 4.1: one ``<object type="model">`` per part with ``<vertices>`` and ``<triangles>``; triangles are
  counter-clockwise seen from outside, their three indices distinct, and vertices are shared between
  triangles (a mesh is manifold only if its triangles share vertices), so seam-split render vertices
  are welded per part with :meth:`~meshforge.geometry.mesh.Mesh.weld_map` and degenerate triangles
  dropped: a part that is watertight in meshforge is a closed object here;
* 5.1: one ``<basematerials>`` group; each part's ``pid``/``pindex`` names its base material, whose
  ``displaycolor`` is the sRGB base color (``#RRGGBB``, ``#RRGGBBAA`` when translucent);
* the build lists every object once, already placed in model space (no item transforms).

The zip uses fixed timestamps, so the same model gives the same bytes.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

import numpy as np

from meshforge import __version__
from meshforge.core.material import Material, linear_to_srgb
from meshforge.core.model import Model
from meshforge.export.registry import (
    UNIT_SCALE,
    Y_UP_TO_Z_UP,
    Bundle,
    Exporter,
    format_rows,
    model_space_meshes,
    register,
    zip_bytes,
)
from meshforge.geometry.mesh import Mesh

NS_CORE = "http://schemas.microsoft.com/3dmanufacturing/core/2015/02"
MODEL_PATH = "3D/3dmodel.model"
REL_3DMODEL = "http://schemas.microsoft.com/3dmanufacturing/2013/01/3dmodel"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\n'
    ' <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\n'
    ' <Default Extension="model" ContentType="application/vnd.ms-package.3dmanufacturing-3dmodel+xml"/>\n'
    "</Types>\n"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\n'
    f' <Relationship Id="rel0" Target="/{MODEL_PATH}" Type="{REL_3DMODEL}"/>\n'
    "</Relationships>\n"
)

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    """Escape text for an XML attribute or element, dropping characters XML 1.0 forbids."""
    return escape(_XML_INVALID.sub("", str(value)), {'"': "&quot;"})


def welded(mesh: Mesh) -> tuple[np.ndarray, np.ndarray]:
    """``(vertices, triangles)`` on distinct positions: seams welded, degenerate and unused dropped."""
    weld = mesh.weld_map()
    positions = np.zeros((int(weld.max()) + 1, 3))
    positions[weld] = mesh.vertices
    faces = weld[mesh.faces]
    faces = faces[(faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 2] != faces[:, 0])]
    used, compact = np.unique(faces, return_inverse=True)
    return positions[used], compact.reshape(-1, 3)


def display_color(material: Material) -> str:
    """``#RRGGBB`` (or ``#RRGGBBAA`` when alpha < 1) of the material's sRGB base color."""
    rgb = np.round(linear_to_srgb(np.asarray(material.base_color[:3])) * 255).astype(int)
    alpha = round(float(material.base_color[3]) * 255)
    text = "#{:02X}{:02X}{:02X}".format(*rgb)
    return text if alpha >= 255 else f"{text}{alpha:02X}"


def model_xml(model: Model) -> str:
    """The 3D payload: millimetres, Z-up, one object per part, one base material per distinct color/name."""
    bases: dict[tuple[str, str], int] = {}
    objects = []
    to_file = Y_UP_TO_Z_UP.T * UNIT_SCALE["mm"]
    for name, material, mesh in model_space_meshes(model):
        vertices, triangles = welded(mesh)
        if not len(triangles):
            continue
        base = (xml_text(material.name), display_color(material))
        pindex = bases.setdefault(base, len(bases))
        object_id = len(objects) + 2  # id 1 is the basematerials group
        objects.append(
            f' <object id="{object_id}" type="model" name="{xml_text(name)}" pid="1" pindex="{pindex}">\n'
            "  <mesh>\n   <vertices>\n"
            + format_rows('    <vertex x="%.9g" y="%.9g" z="%.9g"/>\n', vertices @ to_file)
            + "   </vertices>\n   <triangles>\n"
            + format_rows('    <triangle v1="%d" v2="%d" v3="%d"/>\n', triangles)
            + "   </triangles>\n  </mesh>\n </object>\n"
        )
    materials = "".join(f'  <base name="{n}" displaycolor="{c}"/>\n' for n, c in bases)
    items = "".join(f'  <item objectid="{i + 2}"/>\n' for i in range(len(objects)))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<model unit="millimeter" xml:lang="en-US" xmlns="{NS_CORE}">\n'
        f' <metadata name="Title">{xml_text(model.name)}</metadata>\n'
        f' <metadata name="Application">meshforge {__version__}</metadata>\n'
        " <resources>\n"
        f'  <basematerials id="1">\n{materials}  </basematerials>\n' + "".join(objects) + " </resources>\n"
        f" <build>\n{items} </build>\n"
        "</model>\n"
    )


def threemf_bundle(model: Model, stem: str) -> Bundle:
    """``{stem}.3mf``: an OPC zip with the content types, the root relationship and the model."""
    files = {
        "[Content_Types].xml": CONTENT_TYPES.encode("utf-8"),
        "_rels/.rels": RELS.encode("utf-8"),
        MODEL_PATH: model_xml(model).encode("utf-8"),
    }
    return {f"{stem}.3mf": zip_bytes(files)}


register(
    Exporter(
        ".3mf", "3MF for printers (millimetres, Z-up, welded manifold objects)", "mm", "Z", threemf_bundle
    )
)
