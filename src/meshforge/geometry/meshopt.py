"""A small ctypes binding to the meshoptimizer C library.

Two PyPI packages ship the compiled library: ``almeshopt`` bundles meshoptimizer 1.0 (an AVX2 build, used
when the CPU has AVX2) and the ``meshoptimizer`` wrapper 0.2.30 bundles meshoptimizer 0.23 (the fallback).
Neither wrapper's Python API is used (the ``meshoptimizer`` wrapper's ``simplify_with_attributes``
declares no argument types, STACK.md: it raises or crashes): every function used here is declared with
its exact C prototype from ``meshoptimizer.h`` and called on contiguous numpy arrays:

* ``meshopt_simplifyWithAttributes``: edge-collapse simplification with quadric error metrics
  (Garland and Heckbert 1997) plus attribute quadrics (Hoppe 1999), which never collapses across UV or
  normal seams and keeps open borders topologically (meshoptimizer's vertex classification);
* ``meshopt_simplifyWithUpdate`` (meshoptimizer >= 0.25): the same collapse, but every kept vertex moves
  to the position (and attribute values) minimising its quadric error while collapsing, the optimal
  placement of Garland and Heckbert; :func:`has_update` says whether the loaded library has it;
* ``meshopt_simplifyScale``: the scale that turns a relative error into meters;
* ``meshopt_optimizeVertexCache`` (Forsyth-style cache optimisation), ``meshopt_optimizeVertexCacheStrip``
  (the order that compresses best) and
  ``meshopt_optimizeVertexFetchRemap``;
* ``meshopt_encodeVertexBuffer`` / ``meshopt_encodeIndexBuffer``: the codecs of ``EXT_meshopt_compression``
  (vertex codec version 0, index codec version 1, as that extension specifies) and their decoders.

Everything here checks its inputs (programmer errors raise ``ValueError``); arrays are copied to the exact
dtypes the C side expects.
"""

from __future__ import annotations

import ctypes
import glob
import importlib.util
import os
from functools import cache

import numpy as np

from meshforge.core.errors import MeshforgeError

#: meshopt_SimplifyLockBorder: do not move vertices on open borders.
SIMPLIFY_LOCK_BORDER = 1
#: meshopt_SimplifyErrorAbsolute: target_error is in mesh units rather than relative to the mesh extent.
SIMPLIFY_ERROR_ABSOLUTE = 4
#: meshopt_SimplifyPrune: remove small disconnected pieces whose error is below the target error.
SIMPLIFY_PRUNE = 8
#: meshopt_SimplifyRegularize (meshoptimizer >= 0.25, so only where :func:`has_update`): more regular
#: triangle sizes and shapes, at some cost to the quadric error.
SIMPLIFY_REGULARIZE = 16

_u32p = ctypes.POINTER(ctypes.c_uint)
_f32p = ctypes.POINTER(ctypes.c_float)
_u8p = ctypes.POINTER(ctypes.c_ubyte)
_size = ctypes.c_size_t


class MeshoptUnavailableError(MeshforgeError):
    """The meshoptimizer library is not installed."""


def _cpu_has_avx2() -> bool:
    """Whether this CPU runs AVX2 code (Linux ``/proc/cpuinfo``; False where that cannot be read)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("flags"):
                    return " avx2" in line
    except OSError:
        return False
    return False


def _package_library(package: str, pattern: str) -> str | None:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    found = sorted(glob.glob(os.path.join(os.path.dirname(spec.origin), pattern)))
    return found[0] if found else None


def library_path() -> str:
    """Path of the compiled meshoptimizer library used: almeshopt's 1.0 build on AVX2 CPUs (its only
    build), else the ``meshoptimizer`` wrapper's 0.23 build. ``MESHFORGE_MESHOPT=0.23`` forces the
    fallback (tests compare the two)."""
    if os.environ.get("MESHFORGE_MESHOPT") != "0.23" and _cpu_has_avx2():
        path = _package_library("almeshopt", "almeshopt_avx2*.so")
        if path:
            return path
    path = _package_library("meshoptimizer", "_meshoptimizer*.so") or _package_library(
        "meshoptimizer", "_meshoptimizer*.pyd")
    if path is None:
        raise MeshoptUnavailableError("meshoptimizer is not installed: pip install almeshopt meshoptimizer")
    return path


@cache
def library() -> ctypes.CDLL:
    """The loaded shared library with every used prototype declared."""
    lib = ctypes.CDLL(library_path())
    lib.meshopt_simplifyWithAttributes.argtypes = [
        _u32p, _u32p, _size, _f32p, _size, _size, _f32p, _size, _f32p, _size, _u8p, _size,
        ctypes.c_float, ctypes.c_uint, _f32p,
    ]
    lib.meshopt_simplifyWithAttributes.restype = _size
    if hasattr(lib, "meshopt_simplifyWithUpdate"):
        lib.meshopt_simplifyWithUpdate.argtypes = [
            _u32p, _size, _f32p, _size, _size, _f32p, _size, _f32p, _size, _u8p, _size,
            ctypes.c_float, ctypes.c_uint, _f32p,
        ]
        lib.meshopt_simplifyWithUpdate.restype = _size
    lib.meshopt_simplifyScale.argtypes = [_f32p, _size, _size]
    lib.meshopt_simplifyScale.restype = ctypes.c_float
    lib.meshopt_optimizeVertexCache.argtypes = [_u32p, _u32p, _size, _size]
    lib.meshopt_optimizeVertexCache.restype = None
    lib.meshopt_optimizeVertexCacheStrip.argtypes = [_u32p, _u32p, _size, _size]
    lib.meshopt_optimizeVertexCacheStrip.restype = None
    lib.meshopt_optimizeVertexFetchRemap.argtypes = [_u32p, _u32p, _size, _size]
    lib.meshopt_optimizeVertexFetchRemap.restype = _size
    lib.meshopt_encodeVertexBufferBound.argtypes = [_size, _size]
    lib.meshopt_encodeVertexBufferBound.restype = _size
    lib.meshopt_encodeVertexBuffer.argtypes = [_u8p, _size, ctypes.c_void_p, _size, _size]
    lib.meshopt_encodeVertexBuffer.restype = _size
    lib.meshopt_encodeIndexBufferBound.argtypes = [_size, _size]
    lib.meshopt_encodeIndexBufferBound.restype = _size
    lib.meshopt_encodeIndexBuffer.argtypes = [_u8p, _size, _u32p, _size]
    lib.meshopt_encodeIndexBuffer.restype = _size
    lib.meshopt_encodeVertexVersion.argtypes = [ctypes.c_int]
    lib.meshopt_encodeVertexVersion.restype = None
    lib.meshopt_encodeIndexVersion.argtypes = [ctypes.c_int]
    lib.meshopt_encodeIndexVersion.restype = None
    lib.meshopt_decodeVertexBuffer.argtypes = [ctypes.c_void_p, _size, _size, _u8p, _size]
    lib.meshopt_decodeVertexBuffer.restype = ctypes.c_int
    lib.meshopt_decodeIndexBuffer.argtypes = [ctypes.c_void_p, _size, _size, _u8p, _size]
    lib.meshopt_decodeIndexBuffer.restype = ctypes.c_int
    lib.meshopt_encodeFilterOct.argtypes = [ctypes.c_void_p, _size, _size, ctypes.c_int, _f32p]
    lib.meshopt_encodeFilterOct.restype = None
    lib.meshopt_decodeFilterOct.argtypes = [ctypes.c_void_p, _size, _size]
    lib.meshopt_decodeFilterOct.restype = None
    # EXT_meshopt_compression decoders read vertex codec version 0 only
    lib.meshopt_encodeVertexVersion(0)
    lib.meshopt_encodeIndexVersion(1)
    return lib


def _ptr(array: np.ndarray, kind: type) -> object:
    return array.ctypes.data_as(kind)


def _simplify_inputs(
    positions: np.ndarray, indices: np.ndarray, attributes: np.ndarray | None, weights: np.ndarray | None,
    vertex_lock: np.ndarray | None, copy: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, tuple, object]:
    """Checked C-ordered arrays for the simplifiers: ``(positions float32 (N, 3), indices uint32 (K,),
    attributes float32 (N, A) or None, (attribute pointer, stride, weight pointer, count), lock pointer)``.
    ``copy``: fresh arrays even when the inputs already have the right type (the library writes them).
    The pointers keep their arrays alive (numpy's ``ctypes.data_as`` holds a reference)."""
    make = (lambda a, t: np.array(a, dtype=t, order="C")) if copy else (lambda a, t: np.ascontiguousarray(a, dtype=t))
    pos = make(positions, np.float32).reshape(-1, 3)
    idx = make(indices, np.uint32).reshape(-1)
    if len(idx) % 3:
        raise ValueError("indices must be a triangle list")
    if len(idx) and int(idx.max()) >= len(pos):
        raise ValueError("index out of range")
    attr = None
    attr_args: tuple = (None, 0, None, 0)
    if attributes is not None and attributes.shape[1]:
        attr = make(attributes, np.float32).reshape(len(pos), -1)
        w = np.ascontiguousarray(weights, dtype=np.float32).reshape(-1)
        if len(w) != attr.shape[1]:
            raise ValueError("one weight per attribute column")
        attr_args = (_ptr(attr, _f32p), attr.strides[0], _ptr(w, _f32p), len(w))
    lock_ptr = None
    if vertex_lock is not None:
        lock = np.ascontiguousarray(vertex_lock, dtype=np.uint8).reshape(-1)
        if len(lock) != len(pos):
            raise ValueError("one lock flag per vertex")
        lock_ptr = _ptr(lock, _u8p)
    return pos, idx, attr, attr_args, lock_ptr


def simplify_with_attributes(
    positions: np.ndarray,
    indices: np.ndarray,
    attributes: np.ndarray | None,
    weights: np.ndarray | None,
    target_index_count: int,
    target_error: float,
    options: int = 0,
    vertex_lock: np.ndarray | None = None,
) -> tuple[np.ndarray, float]:
    """Simplify a triangle list; returns ``(indices (K,) uint32, error)``.

    Args:
        positions: (N, 3) positions (any float; copied to float32).
        indices: (M * 3,) or (M, 3) vertex indices.
        attributes: (N, A) per-vertex attributes (UVs, normals), or None.
        weights: (A,) importance of each attribute column relative to position error.
        target_index_count: stop at this many indices (3 per triangle) ...
        target_error: ... or when the next collapse would exceed this error (relative to the mesh
            extent, or absolute with :data:`SIMPLIFY_ERROR_ABSOLUTE`).
        options: bit set of ``SIMPLIFY_*`` flags.
        vertex_lock: (N,) bool, vertices that must not move or be removed, or None.

    The result only references input vertices: vertices are never moved or created.
    """
    lib = library()
    pos, idx, _attr, attr_args, lock_ptr = _simplify_inputs(positions, indices, attributes, weights, vertex_lock)
    out = np.zeros(max(len(idx), 3), dtype=np.uint32)
    err = ctypes.c_float(0.0)
    count = lib.meshopt_simplifyWithAttributes(
        _ptr(out, _u32p), _ptr(idx, _u32p), len(idx), _ptr(pos, _f32p), len(pos), 12, *attr_args, lock_ptr,
        int(target_index_count), float(target_error), int(options), ctypes.byref(err),
    )
    return out[:count].copy(), float(err.value)


def has_update() -> bool:
    """Whether the loaded library moves vertices while collapsing (``meshopt_simplifyWithUpdate``)."""
    return hasattr(library(), "meshopt_simplifyWithUpdate")


def simplify_with_update(
    positions: np.ndarray,
    indices: np.ndarray,
    attributes: np.ndarray | None,
    weights: np.ndarray | None,
    target_index_count: int,
    target_error: float,
    options: int = 0,
    vertex_lock: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, float]:
    """Like :func:`simplify_with_attributes`, but kept vertices move to their quadric optimum.

    Returns ``(indices (K,) uint32, positions (N, 3) float32, attributes (N, A) float32 or None, error)``:
    the indices reference the input vertices, whose positions and attributes are the updated copies
    (vertices no index references keep their input values). Inputs are never modified. Raises
    :class:`MeshoptUnavailableError` when the library predates meshoptimizer 0.25 (:func:`has_update`).
    """
    lib = library()
    if not has_update():
        raise MeshoptUnavailableError("meshopt_simplifyWithUpdate needs meshoptimizer >= 0.25: pip install almeshopt")
    # the library writes positions, attributes and indices in place: work on copies
    pos, idx, attr, attr_args, lock_ptr = _simplify_inputs(positions, indices, attributes, weights, vertex_lock,
                                                           copy=True)
    err = ctypes.c_float(0.0)
    count = lib.meshopt_simplifyWithUpdate(
        _ptr(idx, _u32p), len(idx), _ptr(pos, _f32p), len(pos), 12, *attr_args, lock_ptr,
        int(target_index_count), float(target_error), int(options), ctypes.byref(err),
    )
    return idx[:count].copy(), pos, attr, float(err.value)


def simplify_scale(positions: np.ndarray) -> float:
    """meshoptimizer's scale of a mesh: relative errors times this are in the positions' units."""
    pos = np.ascontiguousarray(positions, dtype=np.float32).reshape(-1, 3)
    return float(library().meshopt_simplifyScale(_ptr(pos, _f32p), len(pos), 12))


def optimize_vertex_cache(indices: np.ndarray, vertex_count: int) -> np.ndarray:
    """Reorder triangles for the post-transform vertex cache; (K,) uint32."""
    idx = np.ascontiguousarray(indices, dtype=np.uint32).reshape(-1)
    out = np.zeros_like(idx)
    if len(idx):
        library().meshopt_optimizeVertexCache(_ptr(out, _u32p), _ptr(idx, _u32p), len(idx), int(vertex_count))
    return out


def optimize_vertex_cache_strip(indices: np.ndarray, vertex_count: int) -> np.ndarray:
    """Reorder triangles for strip-like runs (slightly worse cache use, smaller after the index and
    vertex codecs: gltfpack's ``-cc`` order); (K,) uint32."""
    idx = np.ascontiguousarray(indices, dtype=np.uint32).reshape(-1)
    out = np.zeros_like(idx)
    if len(idx):
        library().meshopt_optimizeVertexCacheStrip(_ptr(out, _u32p), _ptr(idx, _u32p), len(idx), int(vertex_count))
    return out


def optimize_vertex_fetch_remap(indices: np.ndarray, vertex_count: int) -> tuple[np.ndarray, int]:
    """``(remap (N,) uint32, unique count)``: new position of each vertex in first-use order (~0 = unused)."""
    idx = np.ascontiguousarray(indices, dtype=np.uint32).reshape(-1)
    remap = np.zeros(int(vertex_count), dtype=np.uint32)
    unique = library().meshopt_optimizeVertexFetchRemap(_ptr(remap, _u32p), _ptr(idx, _u32p), len(idx), int(vertex_count))
    return remap, int(unique)


def encode_vertex_buffer(data: np.ndarray) -> bytes:
    """Vertex codec (version 0) of an (N, stride) uint8 array whose stride is a multiple of 4, <= 256."""
    buf = np.ascontiguousarray(data, dtype=np.uint8)
    count, stride = buf.shape
    if stride % 4 or stride > 256:
        raise ValueError("vertex stride must be a multiple of 4 up to 256")
    lib = library()
    bound = lib.meshopt_encodeVertexBufferBound(count, stride)
    out = np.zeros(bound, dtype=np.uint8)
    size = lib.meshopt_encodeVertexBuffer(_ptr(out, _u8p), bound, buf.ctypes.data, count, stride)
    if size == 0:
        raise RuntimeError("meshopt vertex encoding failed")
    return out[:size].tobytes()


def encode_index_buffer(indices: np.ndarray, vertex_count: int) -> bytes:
    """Index codec (version 1) of a triangle list."""
    idx = np.ascontiguousarray(indices, dtype=np.uint32).reshape(-1)
    lib = library()
    bound = lib.meshopt_encodeIndexBufferBound(len(idx), int(vertex_count))
    out = np.zeros(bound, dtype=np.uint8)
    size = lib.meshopt_encodeIndexBuffer(_ptr(out, _u8p), bound, _ptr(idx, _u32p), len(idx))
    if size == 0:
        raise RuntimeError("meshopt index encoding failed")
    return out[:size].tobytes()


def encode_filter_oct(vectors: np.ndarray, bits: int = 8) -> np.ndarray:
    """EXT_meshopt_compression OCTAHEDRAL filter: (N, 3) unit normals or (N, 4) tangents (w = +-1) ->
    (N, 4) int8 (``bits`` <= 8) or int16 (``bits`` 9..16) rows, to be stored with that filter."""
    v = np.nan_to_num(np.asarray(vectors, dtype=np.float64))
    if v.ndim != 2 or v.shape[1] not in (3, 4):
        raise ValueError("octahedral filter takes (N, 3) or (N, 4) vectors")
    if not 1 <= bits <= 16:
        raise ValueError("bits must be 1..16")
    data = np.zeros((len(v), 4), dtype=np.float32)
    length = np.linalg.norm(v[:, :3], axis=1)
    data[:, :3] = np.where(length[:, None] > 0, v[:, :3] / np.maximum(length, 1e-30)[:, None], [0.0, 0.0, 1.0])
    data[:, 3] = np.where(v[:, 3] < 0, -1.0, 1.0) if v.shape[1] == 4 else 1.0
    wide = bits > 8
    out = np.zeros((len(v), 4), dtype=np.int16 if wide else np.int8)
    if len(v):
        library().meshopt_encodeFilterOct(out.ctypes.data, len(v), 8 if wide else 4, int(bits),
                                          _ptr(np.ascontiguousarray(data), _f32p))
    return out


def decode_filter_oct(rows: np.ndarray) -> np.ndarray:
    """Inverse of :func:`encode_filter_oct` as a decoder does it, in place on a copy; same dtype."""
    out = np.ascontiguousarray(rows).copy()
    if len(out):
        library().meshopt_decodeFilterOct(out.ctypes.data, len(out), out.itemsize * 4)
    return out


def decode_vertex_buffer(data: bytes, count: int, stride: int) -> np.ndarray | None:
    """Decode :func:`encode_vertex_buffer` output to (count, stride) uint8; None when the data is corrupt."""
    src = np.frombuffer(data, dtype=np.uint8).copy()
    out = np.zeros((count, stride), dtype=np.uint8)
    rc = library().meshopt_decodeVertexBuffer(out.ctypes.data, count, stride, _ptr(src, _u8p), len(src))
    return out if rc == 0 else None


def decode_index_buffer(data: bytes, count: int, index_size: int) -> np.ndarray | None:
    """Decode an index codec stream to ``count`` indices of ``index_size`` (2 or 4) bytes; None if corrupt."""
    src = np.frombuffer(data, dtype=np.uint8).copy()
    out = np.zeros(count, dtype=np.uint16 if index_size == 2 else np.uint32)
    rc = library().meshopt_decodeIndexBuffer(out.ctypes.data, count, index_size, _ptr(src, _u8p), len(src))
    return out if rc == 0 else None
