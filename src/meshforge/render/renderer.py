"""Offscreen preview renderer: OpenGL 3.3 through moderngl on an EGL context (Mesa llvmpipe on CPUs).

What a preview shows, and why:

* **Camera**: perspective, fitted to the model's bounding vertical cylinder (axis through the centre of the
  bounding box): it is round, so every yaw of a turntable has the same scale, and it hugs tall, flat and
  long models closer than the bounding sphere (which sizes the lights' shadow volume). Y-up; yaw turns around +Y,
  yaw 0 looks from +Z (the front), yaw 90 from +X (the right); pitch looks from above.
* **Shading** is glTF 2.0 metallic-roughness (glTF 2.0 appendix B): Lambert diffuse plus a GGX
  microfacet specular with the height-correlated Smith visibility term (Heitz 2014) and Schlick Fresnel,
  evaluated per pixel on interpolated normals. Lights follow the camera (key, fill and rim), so every
  view of a turntable is lit alike, plus a procedural studio environment (sky, horizon, floor, a softbox
  and two strip lights) that gives the diffuse hemisphere term and the reflections metals need; its split-sum scale
  uses Karis' analytic fit of the environment BRDF ("Physically Based Shading on Mobile", 2014).
  Normal maps are applied without precomputed tangents (Schüler, "Normal Mapping Without Precomputed
  Tangents", 2013). Colors are linear until the Khronos PBR Neutral tone mapper and sRGB encoding.
* **Grounding**: a shadow catcher at the bottom of the bounding box receives a soft key-light shadow
  (shadow map with rotated Vogel-disk PCF) and a contact shadow (a top-down height map of what is near
  the floor, blurred), so objects sit on the floor instead of floating.
* **Transparency**: ``BLEND`` materials are drawn after everything opaque, farthest part first, back faces
  before front faces, with premultiplied alpha so highlights on glass stay bright.
* **Anti-aliasing** by supersampling: the frame is rendered ``supersample`` times larger and reduced with
  a Lanczos filter.

One GL context serves the whole process; it is created on first use and released between renders so any
thread may render (one at a time). Importing this module never touches EGL.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageFilter

from meshforge.core.material import Material, Texture, srgb_to_linear
from meshforge.core.model import Model
from meshforge.geometry.mesh import Mesh

log = logging.getLogger(__name__)

#: Default background: (top, bottom) sRGB colors of a light neutral vertical gradient.
DEFAULT_BACKGROUND: tuple[tuple[int, int, int], tuple[int, int, int]] = ((243, 244, 246), (203, 205, 210))
#: Vertical field of view of the preview camera (degrees).
DEFAULT_FOV_DEG = 30.0
#: The bounding cylinder fills this fraction of the image (measured as tangents of the half-angles).
FRAME_FILL = 0.9
#: Side of the key-light shadow map (texels).
SHADOW_MAP_SIZE = 2048
#: Side of the top-down contact-shadow map (texels).
CONTACT_MAP_SIZE = 256
#: Side of the floor-shadow texture baked for each view (texels).
GROUND_MAP_SIZE = 384
#: Half side of the floor area that receives shadows, in bounding-sphere radii.
GROUND_HALF_RADII = 3.2
#: Largest output side accepted (pixels, before supersampling).
MAX_IMAGE_SIDE = 8192

_GL_SRGB8_ALPHA8 = 0x8C43
_MISSING_EGL_HELP = (
    "meshforge renders previews with OpenGL on EGL (Mesa's llvmpipe works without a GPU or a display), "
    "and no EGL context could be created{detail}. On Debian/Ubuntu install the system packages: "
    "`apt-get install libegl1 libegl-mesa0 libgl1-mesa-dri`."
)

Color = tuple[int, int, int] | str
Background = Color | tuple[Color, Color]


class RenderUnavailableError(RuntimeError):
    """No OpenGL context can be created on this machine (missing EGL / Mesa libraries)."""


# --------------------------------------------------------------------------- shaders
_VERSION = "#version 330 core\n"

_FULLSCREEN_VS = (
    _VERSION
    + """
out vec2 v_ndc;
void main() {
    // one triangle covering the viewport, from gl_VertexID alone
    vec2 p = vec2(float((gl_VertexID & 1) << 2) - 1.0, float((gl_VertexID & 2) << 1) - 1.0);
    v_ndc = p;
    gl_Position = vec4(p, 0.0, 1.0);
}
"""
)

_BACKGROUND_FS = (
    _VERSION
    + """
in vec2 v_ndc;
uniform vec3 u_top;     // linear
uniform vec3 u_bottom;  // linear
uniform float u_vignette;
out vec4 f_color;
void main() {
    float t = smoothstep(-1.0, 1.0, v_ndc.y);
    vec3 c = mix(u_bottom, u_top, t);
    c *= 1.0 - u_vignette * dot(v_ndc * vec2(0.7, 1.0), v_ndc * vec2(0.7, 1.0));
    f_color = vec4(c, 1.0);
}
"""
)

_RESOLVE_FS = (
    _VERSION
    + """
in vec2 v_ndc;
uniform sampler2D u_image;  // linear, tone-mapped
out vec4 f_color;
vec3 encode_srgb(vec3 c) {
    c = clamp(c, 0.0, 1.0);
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), c));
}
void main() {
    vec3 c = encode_srgb(texelFetch(u_image, ivec2(gl_FragCoord.xy), 0).rgb);
    // ordered dither of half a code value keeps the background gradient free of bands
    float n = fract(52.9829189 * fract(dot(gl_FragCoord.xy, vec2(0.06711056, 0.00583715))));
    f_color = vec4(c + (n - 0.5) / 255.0, 1.0);
}
"""
)

_DEPTH_VS = (
    _VERSION
    + """
in vec3 in_position;
in vec2 in_uv;
uniform mat4 u_view_proj;
out vec2 v_uv;
void main() {
    v_uv = in_uv;
    gl_Position = u_view_proj * vec4(in_position, 1.0);
}
"""
)

_DEPTH_FS = (
    _VERSION
    + """
in vec2 v_uv;
uniform bool u_masked;       // MASK material: texels under the cutoff cast no shadow
uniform sampler2D u_base_tex;
uniform float u_alpha;       // base color factor alpha
uniform float u_alpha_cutoff;
void main() {
    if (u_masked && u_alpha * texture(u_base_tex, v_uv).a < u_alpha_cutoff) discard;
}
"""
)

_CONTACT_VS = (
    _VERSION
    + """
in vec3 in_position;
uniform vec3 u_rect;     // centre x, centre z, half side (model units)
uniform float u_floor;   // floor height
out float v_height;
void main() {
    v_height = in_position.y - u_floor;
    gl_Position = vec4((in_position.x - u_rect.x) / u_rect.z, (in_position.z - u_rect.y) / u_rect.z, 0.0, 1.0);
}
"""
)

_CONTACT_FS = (
    _VERSION
    + """
in float v_height;
uniform float u_falloff;  // heights above this cast no contact shadow
uniform float u_opacity;
out vec4 f_color;
void main() {
    float k = clamp(1.0 - v_height / u_falloff, 0.0, 1.0);
    f_color = vec4(k * k * u_opacity, 0.0, 0.0, 1.0);
}
"""
)

_SHADOW_GLSL = """
uniform sampler2DShadow u_shadow_map;
uniform mat4 u_light_view_proj;
uniform float u_shadow_normal_offset;  // model units
uniform float u_shadow_bias;           // depth units

float interleaved_noise(vec2 p) {
    return fract(52.9829189 * fract(dot(p, vec2(0.06711056, 0.00583715))));
}

// Fraction of the key light reaching p: `taps` comparisons on a Vogel disk turned by `spin` radians.
float key_visibility(vec3 p, vec3 n, float radius, float spin, int taps) {
    vec4 lp = u_light_view_proj * vec4(p + n * u_shadow_normal_offset, 1.0);
    vec3 s = lp.xyz / lp.w * 0.5 + 0.5;
    if (s.x <= 0.0 || s.x >= 1.0 || s.y <= 0.0 || s.y >= 1.0) return 1.0;
    float ref = min(s.z - u_shadow_bias, 1.0);
    float lit = 0.0;
    for (int i = 0; i < taps; ++i) {
        float r = sqrt((float(i) + 0.5) / float(taps));
        float a = float(i) * 2.3999632 + spin;
        lit += texture(u_shadow_map, vec3(s.xy + vec2(cos(a), sin(a)) * r * radius, ref));
    }
    return lit / float(taps);
}
"""

_MESH_VS = (
    _VERSION
    + """
in vec3 in_position;
in vec3 in_normal;
in vec2 in_uv;
uniform mat4 u_view_proj;
out vec3 v_position;
out vec3 v_normal;
out vec2 v_uv;
void main() {
    v_position = in_position;
    v_normal = in_normal;
    v_uv = in_uv;
    gl_Position = u_view_proj * vec4(in_position, 1.0);
}
"""
)

_MESH_FS = (
    _VERSION
    + _SHADOW_GLSL
    + """
in vec3 v_position;
in vec3 v_normal;
in vec2 v_uv;

uniform vec3 u_eye;
uniform vec4 u_base_color;        // linear RGBA factor
uniform float u_metallic;
uniform float u_roughness;
uniform vec3 u_emissive;          // linear
uniform int u_alpha_mode;         // 0 OPAQUE, 1 MASK, 2 BLEND
uniform float u_alpha_cutoff;
uniform bool u_double_sided;
uniform sampler2D u_base_tex;     // sRGB texture, decoded by the sampler
uniform sampler2D u_mr_tex;       // G roughness, B metallic
uniform sampler2D u_normal_tex;   // tangent space, OpenGL +Y
uniform sampler2D u_emissive_tex; // sRGB texture, decoded by the sampler
uniform bool u_has_normal_tex;
uniform float u_normal_scale;
uniform float u_shadow_radius;

uniform vec3 u_key_dir;   uniform vec3 u_key_color;
uniform vec3 u_fill_dir;  uniform vec3 u_fill_color;
uniform vec3 u_rim_dir;   uniform vec3 u_rim_color;
uniform vec3 u_sky;       uniform vec3 u_horizon;   uniform vec3 u_floor_color;
uniform vec3 u_softbox_dir; uniform vec3 u_softbox_color;
uniform vec3 u_strip_dir;   uniform vec3 u_strip2_dir;   uniform vec3 u_strip_color;
uniform float u_ambient;  // scale of the environment's diffuse light (reflections keep full strength)
uniform float u_exposure;

out vec4 f_color;

const float PI = 3.14159265;

// Khronos PBR Neutral tone mapping: keeps base colors' hue and lightness below the shoulder.
vec3 tone_map_neutral(vec3 color) {
    const float start = 0.8 - 0.04;
    const float desaturation = 0.15;
    float x = min(color.r, min(color.g, color.b));
    float offset = x < 0.08 ? x - 6.25 * x * x : 0.04;
    color -= offset;
    float peak = max(color.r, max(color.g, color.b));
    if (peak < start) return color;
    const float d = 1.0 - start;
    float new_peak = 1.0 - d * d / (peak + d - start);
    color *= new_peak / peak;
    float g = 1.0 - 1.0 / (desaturation * (peak - new_peak) + 1.0);
    return mix(color, vec3(new_peak), g);
}

float distribution_ggx(float n_dot_h, float alpha) {
    float a2 = alpha * alpha;
    float d = n_dot_h * n_dot_h * (a2 - 1.0) + 1.0;
    return a2 / (PI * d * d);
}

float visibility_smith_correlated(float n_dot_v, float n_dot_l, float alpha) {
    float a2 = alpha * alpha;
    float gv = n_dot_l * sqrt(n_dot_v * n_dot_v * (1.0 - a2) + a2);
    float gl = n_dot_v * sqrt(n_dot_l * n_dot_l * (1.0 - a2) + a2);
    return 0.5 / max(gv + gl, 1e-6);
}

vec3 fresnel_schlick(vec3 f0, float v_dot_h) {
    return f0 + (1.0 - f0) * pow(1.0 - v_dot_h, 5.0);
}

// Radiance of the studio around the model seen along d, pre-blurred by roughness.
// A tall strip light at a horizontal direction: vertical metal (legs, rails) catches it as a streak.
float strip_light(vec3 d, vec3 direction, float e) {
    vec2 h = d.xz / max(length(d.xz), 1e-4);
    float across = pow(max(dot(h, direction.xz), 0.0), e);
    return across * smoothstep(-0.95, -0.7, d.y) * (1.0 - smoothstep(0.5, 0.85, d.y));
}

vec3 environment(vec3 d, float roughness) {
    float w = mix(0.06, 0.9, roughness);
    vec3 above = mix(u_horizon, u_sky, smoothstep(0.0, w + 0.35, d.y));
    // a dark band just under the horizon, then the lit studio floor: gives metals their contrast
    vec3 below = mix(u_horizon * 0.35, u_floor_color, smoothstep(0.0, w + 0.25, -d.y));
    vec3 c = mix(below, above, smoothstep(-0.5 * w - 0.01, 0.5 * w + 0.01, d.y));
    // the studio is darker on the side away from the key, so round metal shows a light-to-dark sweep
    vec2 h = d.xz / max(length(d.xz), 1e-4);
    float away = 1.0 - smoothstep(-0.7, 0.8, dot(h, u_strip_dir.xz));
    c *= 1.0 - mix(0.55, 0.1, roughness) * away * (1.0 - smoothstep(0.4, 0.9, d.y));
    float e = mix(48.0, 2.0, sqrt(roughness));
    float energy = (e + 2.0) / 50.0;  // a blurred light spreads the same energy wider
    c += u_softbox_color * pow(max(dot(d, u_softbox_dir), 0.0), e) * energy;
    float es = mix(60.0, 2.0, sqrt(roughness));
    float strip_energy = sqrt((es + 2.0) / 62.0);
    c += u_strip_color * strip_energy * (strip_light(d, u_strip_dir, es) + 0.5 * strip_light(d, u_strip2_dir, es));
    return c;
}

vec2 environment_brdf(float roughness, float n_dot_v) {
    const vec4 c0 = vec4(-1.0, -0.0275, -0.572, 0.022);
    const vec4 c1 = vec4(1.0, 0.0425, 1.04, -0.04);
    vec4 r = roughness * c0 + c1;
    float a004 = min(r.x * r.x, exp2(-9.28 * n_dot_v)) * r.x + r.y;
    return vec2(-1.04, 1.04) * a004 + r.zw;
}

vec3 perturbed_normal(vec3 n, vec3 p, vec2 uv) {
    vec3 dp1 = dFdx(p);
    vec3 dp2 = dFdy(p);
    vec2 duv1 = dFdx(uv);
    vec2 duv2 = dFdy(uv);
    vec3 dp2perp = cross(dp2, n);
    vec3 dp1perp = cross(n, dp1);
    vec3 t = dp2perp * duv1.x + dp1perp * duv2.x;
    vec3 b = dp2perp * duv1.y + dp1perp * duv2.y;
    float len2 = max(dot(t, t), dot(b, b));
    if (len2 < 1e-24) return n;
    float inv = inversesqrt(len2);
    vec3 m = texture(u_normal_tex, uv).xyz * 2.0 - 1.0;
    m.xy *= u_normal_scale;
    return normalize(mat3(t * inv, b * inv, n) * m);
}

void direct_light(vec3 l, vec3 radiance, vec3 n, vec3 v, float n_dot_v, vec3 diffuse_color, vec3 f0,
                  float alpha, float visibility, inout vec3 diffuse, inout vec3 specular) {
    float n_dot_l = dot(n, l);
    if (n_dot_l <= 0.0) return;
    vec3 h = normalize(l + v);
    float n_dot_h = max(dot(n, h), 0.0);
    float v_dot_h = max(dot(v, h), 0.0);
    vec3 f = fresnel_schlick(f0, v_dot_h);
    vec3 e = radiance * n_dot_l * visibility;
    diffuse += (1.0 - f) * diffuse_color / PI * e;
    specular += f * distribution_ggx(n_dot_h, alpha) * visibility_smith_correlated(n_dot_v, n_dot_l, alpha) * e;
}

void main() {
    vec4 base = u_base_color * texture(u_base_tex, v_uv);
    if (u_alpha_mode == 1 && base.a < u_alpha_cutoff) discard;
    vec4 mr = texture(u_mr_tex, v_uv);
    float roughness = clamp(u_roughness * mr.g, 0.03, 1.0);
    float metallic = clamp(u_metallic * mr.b, 0.0, 1.0);

    vec3 n = v_normal;
    vec3 geometric = normalize(cross(dFdx(v_position), dFdy(v_position)));
    n = dot(n, n) > 1e-12 ? normalize(n) : geometric;
    if (u_double_sided && !gl_FrontFacing) n = -n;
    if (u_has_normal_tex) n = perturbed_normal(n, v_position, v_uv);
    vec3 v = normalize(u_eye - v_position);
    // interpolated normals can turn slightly away at silhouettes; bend them back toward the viewer
    float n_dot_v_raw = dot(n, v);
    if (n_dot_v_raw < 0.0) n = normalize(n - v * (n_dot_v_raw - 1e-3));
    float n_dot_v = clamp(dot(n, v), 1e-4, 1.0);

    vec3 diffuse_color = base.rgb * (1.0 - metallic);
    vec3 f0 = mix(vec3(0.04), base.rgb, metallic);
    // punctual lights on very smooth surfaces would be pin-pricks: widen them like small area lights
    float alpha = max(roughness * roughness, 0.012);

    float shadow = key_visibility(v_position, n, u_shadow_radius, 6.2831853 * interleaved_noise(gl_FragCoord.xy), 8);
    vec3 diffuse = vec3(0.0);
    vec3 specular = vec3(0.0);
    direct_light(u_key_dir, u_key_color, n, v, n_dot_v, diffuse_color, f0, alpha, shadow, diffuse, specular);
    direct_light(u_fill_dir, u_fill_color, n, v, n_dot_v, diffuse_color, f0, alpha, 1.0, diffuse, specular);
    direct_light(u_rim_dir, u_rim_color, n, v, n_dot_v, diffuse_color, f0, alpha, 1.0, diffuse, specular);

    // hemisphere irradiance and environment reflection
    vec3 irradiance = mix(mix(u_floor_color, u_horizon, 0.5), mix(u_horizon, u_sky, 0.6), n.y * 0.5 + 0.5);
    diffuse += diffuse_color * irradiance * u_ambient;
    vec3 r = reflect(-v, n);
    vec2 ab = environment_brdf(roughness, n_dot_v);
    specular += environment(r, roughness) * (f0 * ab.x + ab.y);

    vec3 emission = u_emissive * texture(u_emissive_tex, v_uv).rgb;
    float a = u_alpha_mode == 2 ? base.a : 1.0;
    vec3 color = (diffuse * a + specular + emission) * u_exposure;
    f_color = vec4(tone_map_neutral(color), a);
}
"""
)

_GROUND_VS = (
    _VERSION
    + """
in vec3 in_position;
uniform mat4 u_view_proj;
out vec3 v_position;
void main() {
    v_position = in_position;
    gl_Position = u_view_proj * vec4(in_position, 1.0);
}
"""
)

_GROUND_BAKE_FS = (
    _VERSION
    + _SHADOW_GLSL
    + """
in vec2 v_ndc;
uniform vec3 u_bake_rect;      // centre x, centre z, half side of the baked floor area
uniform float u_floor;
uniform sampler2D u_contact;
uniform vec3 u_rect;           // centre x, centre z, half side of the contact map
uniform float u_contact_strength;
uniform float u_key_strength;
uniform float u_shadow_radius;
out vec4 f_color;
void main() {
    vec3 p = vec3(u_bake_rect.x + v_ndc.x * u_bake_rect.z, u_floor, u_bake_rect.y + v_ndc.y * u_bake_rect.z);
    vec2 uv = (p.xz - u_rect.xy) / u_rect.z * 0.5 + 0.5;
    float contact = all(greaterThan(uv, vec2(0.0))) && all(lessThan(uv, vec2(1.0))) ? texture(u_contact, uv).r : 0.0;
    float key = 1.0 - key_visibility(p, vec3(0.0, 1.0, 0.0), u_shadow_radius, 0.0, 24);
    f_color = vec4(1.0 - (1.0 - contact * u_contact_strength) * (1.0 - key * u_key_strength), 0.0, 0.0, 1.0);
}
"""
)

_GROUND_FS = (
    _VERSION
    + """
in vec3 v_position;
uniform sampler2D u_ground_shadow;
uniform vec3 u_bake_rect;      // centre x, centre z, half side of the baked floor area
uniform vec2 u_fade;           // radii where the catcher starts and ends fading out
uniform vec3 u_shadow_tint;    // linear color of the shadow
out vec4 f_color;
void main() {
    vec2 uv = (v_position.xz - u_bake_rect.xy) / u_bake_rect.z * 0.5 + 0.5;
    float fade = 1.0 - smoothstep(u_fade.x, u_fade.y, length(v_position.xz - u_bake_rect.xy));
    if (fade <= 0.0) discard;
    f_color = vec4(u_shadow_tint, clamp(texture(u_ground_shadow, uv).r * fade, 0.0, 1.0));
}
"""
)


# --------------------------------------------------------------------------- GL context (lazy singleton)
class _GL:
    """The process-wide context with its compiled programs and shared textures."""

    def __init__(self) -> None:
        try:
            import moderngl
        except ImportError as exc:  # pragma: no cover - moderngl is a hard dependency
            raise RenderUnavailableError("meshforge previews need moderngl: `pip install moderngl`") from exc
        self.mgl = moderngl
        try:
            self.ctx = moderngl.create_standalone_context(backend="egl", require=330)
        except Exception as exc:
            raise RenderUnavailableError(_MISSING_EGL_HELP.format(detail=f" ({exc})")) from exc
        try:
            ctx = self.ctx
            info = ctx.info
            #: largest framebuffer side this context can render (pixels)
            self.max_side = min(int(info["GL_MAX_TEXTURE_SIZE"]), int(info["GL_MAX_RENDERBUFFER_SIZE"]))
            self.mesh_prog = ctx.program(vertex_shader=_MESH_VS, fragment_shader=_MESH_FS)
            self.depth_prog = ctx.program(vertex_shader=_DEPTH_VS, fragment_shader=_DEPTH_FS)
            self.contact_prog = ctx.program(vertex_shader=_CONTACT_VS, fragment_shader=_CONTACT_FS)
            self.ground_prog = ctx.program(vertex_shader=_GROUND_VS, fragment_shader=_GROUND_FS)
            self.ground_bake_prog = ctx.program(vertex_shader=_FULLSCREEN_VS, fragment_shader=_GROUND_BAKE_FS)
            self.background_prog = ctx.program(vertex_shader=_FULLSCREEN_VS, fragment_shader=_BACKGROUND_FS)
            self.resolve_prog = ctx.program(vertex_shader=_FULLSCREEN_VS, fragment_shader=_RESOLVE_FS)
            self.background_vao = ctx.vertex_array(self.background_prog, [])
            self.resolve_vao = ctx.vertex_array(self.resolve_prog, [])
            self.ground_bake_vao = ctx.vertex_array(self.ground_bake_prog, [])
            self.white = ctx.texture((1, 1), 4, bytes([255, 255, 255, 255]))
            self.flat_normal = ctx.texture((1, 1), 4, bytes([128, 128, 255, 255]))
            self.shadow_map = ctx.depth_texture((SHADOW_MAP_SIZE, SHADOW_MAP_SIZE))
            self.shadow_map.compare_func = "<="
            self.shadow_map.filter = (moderngl.LINEAR, moderngl.LINEAR)
            self.shadow_map.repeat_x = self.shadow_map.repeat_y = False
            self.shadow_fbo = ctx.framebuffer(depth_attachment=self.shadow_map)
            self.contact_target = ctx.texture((CONTACT_MAP_SIZE, CONTACT_MAP_SIZE), 1)
            self.contact_fbo = ctx.framebuffer(color_attachments=[self.contact_target])
            self.ground_shadow = ctx.texture((GROUND_MAP_SIZE, GROUND_MAP_SIZE), 1)
            self.ground_shadow.filter = (moderngl.LINEAR, moderngl.LINEAR)
            self.ground_shadow.repeat_x = self.ground_shadow.repeat_y = False
            self.ground_fbo = ctx.framebuffer(color_attachments=[self.ground_shadow])
        finally:
            # release the context from this thread; renders make it current under the lock
            self.ctx.__exit__(None, None, None)


_gl_lock = threading.RLock()
_gl_instance: _GL | None = None
_gl_failure: RenderUnavailableError | None = None


def _gl() -> _GL:
    """The shared context, created on first call; a failure is remembered and raised again."""
    global _gl_instance, _gl_failure
    with _gl_lock:
        if _gl_instance is None:
            if _gl_failure is not None:
                raise RenderUnavailableError(str(_gl_failure)) from _gl_failure
            try:
                _gl_instance = _GL()
            except RenderUnavailableError as exc:
                _gl_failure = exc
                raise
        return _gl_instance


# --------------------------------------------------------------------------- camera and lights
def look_at(eye: np.ndarray, target: np.ndarray, up: np.ndarray) -> np.ndarray:
    """(4, 4) right-handed view matrix (OpenGL convention: the camera looks down -Z)."""
    f = target - eye
    f = f / np.linalg.norm(f)
    s = np.cross(f, up)
    s = s / np.linalg.norm(s)
    u = np.cross(s, f)
    m = np.eye(4)
    m[0, :3], m[1, :3], m[2, :3] = s, u, -f
    m[:3, 3] = -m[:3, :3] @ eye
    return m


def perspective(fov_y_deg: float, aspect: float, near: float, far: float) -> np.ndarray:
    """(4, 4) OpenGL perspective projection (clip z in [-w, w])."""
    f = 1.0 / math.tan(math.radians(fov_y_deg) / 2.0)
    m = np.zeros((4, 4))
    m[0, 0] = f / aspect
    m[1, 1] = f
    m[2, 2] = (far + near) / (near - far)
    m[2, 3] = 2.0 * far * near / (near - far)
    m[3, 2] = -1.0
    return m


def orthographic(half_width: float, half_height: float, near: float, far: float) -> np.ndarray:
    """(4, 4) OpenGL orthographic projection of a box centred on the view axis."""
    m = np.eye(4)
    m[0, 0] = 1.0 / half_width
    m[1, 1] = 1.0 / half_height
    m[2, 2] = -2.0 / (far - near)
    m[2, 3] = -(far + near) / (far - near)
    return m


def view_direction(yaw_deg: float, pitch_deg: float) -> np.ndarray:
    """Unit vector from the target toward the camera: yaw 0 = +Z (front), 90 = +X (right)."""
    yaw, pitch = math.radians(yaw_deg), math.radians(pitch_deg)
    return np.array([math.sin(yaw) * math.cos(pitch), math.sin(pitch), math.cos(yaw) * math.cos(pitch)])


@dataclass(frozen=True)
class Camera:
    """A perspective camera in the renderer's frame (model space shifted so the bounding-sphere centre is 0).

    Attributes:
        eye: (3,) camera position.
        target: (3,) point looked at.
        up: (3,) approximate up direction.
        fov_deg: vertical field of view (degrees).
        near: near clip distance (model units, > 0).
        far: far clip distance.
    """

    eye: np.ndarray
    target: np.ndarray
    up: np.ndarray
    fov_deg: float
    near: float
    far: float

    def view_proj(self, aspect: float) -> np.ndarray:
        return perspective(self.fov_deg, aspect, self.near, self.far) @ look_at(
            self.eye, self.target, self.up
        )


def frame_cylinder(
    radius_xz: float,
    y_min: float,
    y_max: float,
    yaw_deg: float,
    pitch_deg: float,
    *,
    aspect: float = 1.0,
    fov_deg: float = DEFAULT_FOV_DEG,
    far_reach: float = 0.0,
    centre_points: np.ndarray | None = None,
) -> Camera:
    """The closest camera at the given angles that shows a vertical cylinder whole.

    The cylinder (axis +Y through the origin, ``radius_xz``, from ``y_min`` to ``y_max``) bounds the
    model; being round, it fits the same at every yaw, so a turntable keeps one scale, and it hugs tall,
    flat and long models much closer than a bounding sphere. The target is shifted in the image plane so
    the cylinder's projection is centred, filling :data:`FRAME_FILL` of the narrower side.

    Args:
        radius_xz, y_min, y_max: the cylinder (model units, relative to the origin).
        yaw_deg, pitch_deg: view angles (:func:`view_direction`); pitch is clamped to +-89 degrees.
        aspect: width / height of the image.
        fov_deg: vertical field of view.
        far_reach: extra distance the far plane must reach beyond the cylinder (the floor).
        centre_points: optional (K, 3) points inside the cylinder (the model's extreme points): the view
            is then centred on their projection instead of the cylinder's, keeping the cylinder's distance.
    """
    pitch_deg = float(np.clip(pitch_deg, -89.0, 89.0))
    back = view_direction(yaw_deg, pitch_deg)
    right = np.cross([0.0, 1.0, 0.0], back)
    right /= np.linalg.norm(right)
    up = np.cross(back, right)
    size = max(radius_xz, 0.5 * (y_max - y_min), 1e-9)
    n = 96
    angle = np.linspace(0.0, 2.0 * math.pi, n, endpoint=False)
    rim = radius_xz / math.cos(math.pi / n)  # the polygon must enclose the circle
    ring = np.stack([rim * np.cos(angle), np.zeros(n), rim * np.sin(angle)], axis=1)
    points = np.concatenate([ring + np.array([0.0, y_min, 0.0]), ring + np.array([0.0, y_max, 0.0])])
    pr, pu, pb = points @ right, points @ up, points @ back
    tan_y = math.tan(math.radians(fov_deg) / 2.0) * FRAME_FILL
    tan_x = tan_y * aspect
    # eye at (ex, ey, eb) in the (right, up, back) basis: every point needs eb >= pb + |p - e| / tan
    ax, bx = np.max(pb + pr / tan_x), np.max(pb - pr / tan_x)
    ay, by = np.max(pb + pu / tan_y), np.max(pb - pu / tan_y)
    ex, ey = tan_x * (ax - bx) / 2.0, tan_y * (ay - by) / 2.0
    eb = max((ax + bx) / 2.0, (ay + by) / 2.0, float(pb.max()) + 0.05 * size)
    if centre_points is not None and len(centre_points):
        qr, qu, qb = centre_points @ right, centre_points @ up, centre_points @ back
        depth = np.maximum(eb - qb, 1e-9 * size)
        for _ in range(3):  # perspective makes the centre depend on the shift; this converges at once
            sx, sy = (qr - ex) / depth, (qu - ey) / depth
            ex += 0.5 * (sx.max() + sx.min()) * eb
            ey += 0.5 * (sy.max() + sy.min()) * eb
    target = ex * right + ey * up
    eye = target + eb * back
    nearest = eb - float(pb.max())
    near = max(0.5 * nearest, 0.01 * eb)
    far = eb - float(pb.min()) + far_reach + size
    return Camera(eye, target, np.array([0.0, 1.0, 0.0]), fov_deg, near, far)


@dataclass(frozen=True)
class _Lights:
    """Camera-relative studio lighting (directions point toward the lights; colors are linear radiance)."""

    key_dir: np.ndarray
    fill_dir: np.ndarray
    rim_dir: np.ndarray
    softbox_dir: np.ndarray
    strip_dir: np.ndarray
    strip2_dir: np.ndarray
    key_color: tuple[float, float, float] = (2.9, 2.82, 2.68)
    fill_color: tuple[float, float, float] = (0.4, 0.44, 0.52)
    rim_color: tuple[float, float, float] = (1.1, 1.1, 1.1)
    sky: tuple[float, float, float] = (0.64, 0.66, 0.7)
    horizon: tuple[float, float, float] = (0.42, 0.42, 0.43)
    floor: tuple[float, float, float] = (0.38, 0.37, 0.36)
    softbox: tuple[float, float, float] = (1.6, 1.6, 1.6)
    strip: tuple[float, float, float] = (1.5, 1.5, 1.5)
    ambient: float = 0.6

    @classmethod
    def for_view(cls, yaw_deg: float) -> _Lights:
        yaw = math.radians(yaw_deg)
        back = np.array([math.sin(yaw), 0.0, math.cos(yaw)])  # toward the camera, horizontal
        right = np.array([math.cos(yaw), 0.0, -math.sin(yaw)])  # screen right, horizontal
        up = np.array([0.0, 1.0, 0.0])

        def unit(v: np.ndarray) -> np.ndarray:
            return v / np.linalg.norm(v)

        return cls(
            key_dir=unit(-0.7 * right + 1.6 * up + 0.75 * back),
            fill_dir=unit(1.0 * right + 0.35 * up + 0.7 * back),
            rim_dir=unit(0.45 * right + 0.7 * up - 1.0 * back),
            softbox_dir=unit(-0.35 * right + 1.0 * up + 0.55 * back),
            strip_dir=unit(-0.8 * right + 0.6 * back),
            strip2_dir=unit(0.9 * right + 0.45 * back),
        )


# --------------------------------------------------------------------------- scene preparation
@dataclass
class _DrawPart:
    material: Material
    vao: object
    depth_vao: object
    contact_vao: object
    centroid: np.ndarray


@dataclass
class _Scene:
    """GPU buffers of one model, shared by every view rendered from it."""

    radius: float  # bounding sphere
    radius_xz: float  # bounding vertical cylinder
    y_range: tuple[float, float]
    hull: np.ndarray | None  # (K, 3) extreme points whose projections bound the model's
    floor_y: float
    footprint: np.ndarray  # centre x, centre z, half side of the contact map
    opaque: list[_DrawPart] = field(default_factory=list)
    blended: list[_DrawPart] = field(default_factory=list)
    textures: dict[tuple[str, bool], object] = field(default_factory=dict)
    resources: list[object] = field(default_factory=list)
    contact: object | None = None
    ground_vao: object | None = None

    def release(self) -> None:
        for res in reversed(self.resources):
            res.release()
        self.resources.clear()


def _render_mesh(mesh: Mesh) -> Mesh:
    """A mesh with usable normals: computed (hard edges kept) when missing or not finite."""
    if mesh.normals is None or not np.isfinite(mesh.normals).all():
        return mesh.with_normals()
    return mesh


def _bounding_sphere(meshes: Sequence[Mesh]) -> tuple[np.ndarray, float]:
    """Centre of the joint bounding box and the distance of the farthest vertex from it."""
    lo = np.min([m.vertices.min(axis=0) for m in meshes], axis=0)
    hi = np.max([m.vertices.max(axis=0) for m in meshes], axis=0)
    centre = (lo + hi) / 2.0
    radius = max(float(np.sqrt(((m.vertices - centre) ** 2).sum(axis=1).max())) for m in meshes)
    return centre, radius


def _support_points(points: np.ndarray, directions: int = 128) -> np.ndarray:
    """The farthest of (N, 3) points along ``directions`` even-spread directions (Fibonacci sphere).

    These approximate the convex hull's corners, which bound every projection of the points, at a fixed
    cost (a hull of a finely tessellated sphere keeps every vertex and takes seconds).
    """
    i = np.arange(directions) + 0.5
    z = 1.0 - 2.0 * i / directions
    ring = np.sqrt(1.0 - z * z)
    phi = i * math.pi * (3.0 - math.sqrt(5.0))
    dirs = np.stack([ring * np.cos(phi), ring * np.sin(phi), z], axis=1)
    best = np.full(directions, -np.inf)
    best_point = np.zeros((directions, 3))
    rows = np.arange(directions)
    dirs32 = dirs.astype(np.float32)
    for start in range(0, len(points), 65536):  # bounded memory on million-vertex models
        block = points[start : start + 65536]
        proj = dirs32 @ block.astype(np.float32).T  # (directions, block): argmax runs along rows
        arg = proj.argmax(axis=1)
        value = proj[rows, arg]
        better = value > best
        best[better] = value[better]
        best_point[better] = block[arg[better]]
    return np.unique(best_point, axis=0)


def _upload_texture(gl: _GL, scene: _Scene, texture: Texture | None, srgb: bool) -> object:
    if texture is None:
        return gl.white
    key = (texture.digest, srgb)
    if key not in scene.textures:
        image = texture.image.convert("RGBA").transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        # Mesh UVs follow trimesh/OpenGL (origin at the image's bottom-left): rows go up bottom-first
        kwargs = {"internal_format": _GL_SRGB8_ALPHA8} if srgb else {}
        tex = gl.ctx.texture(image.size, 4, image.tobytes(), **kwargs)
        tex.build_mipmaps()
        tex.filter = (gl.mgl.LINEAR_MIPMAP_LINEAR, gl.mgl.LINEAR)
        tex.anisotropy = min(8.0, gl.ctx.max_anisotropy)
        tex.repeat_x = tex.repeat_y = True
        scene.textures[key] = tex
        scene.resources.append(tex)
    return scene.textures[key]


def _prepare(gl: _GL, model: Model) -> _Scene:
    for p in model.parts:
        if not np.isfinite(p.mesh.vertices).all() or not np.isfinite(p.transform).all():
            raise ValueError(f"model {model.name!r}: part {p.name!r} has non-finite vertex positions")
    parts = [(p, _render_mesh(p.world_mesh())) for p in model.parts if p.mesh.triangle_count]
    if not parts:
        return _Scene(
            radius=1.0,
            radius_xz=1.0,
            y_range=(-1.0, 1.0),
            hull=None,
            floor_y=-1.0,
            footprint=np.array([0.0, 0.0, 1.0]),
        )
    meshes = [m for _, m in parts]
    centre, radius = _bounding_sphere(meshes)
    radius = max(radius, 1e-6)
    floor_y = float(min(m.vertices[:, 1].min() for m in meshes) - centre[1])
    radius_xz = max(
        float(np.sqrt(((m.vertices[:, [0, 2]] - centre[[0, 2]]) ** 2).sum(axis=1).max())) for m in meshes
    )
    xz_lo = np.min([m.vertices[:, [0, 2]].min(axis=0) for m in meshes], axis=0) - centre[[0, 2]]
    xz_hi = np.max([m.vertices[:, [0, 2]].max(axis=0) for m in meshes], axis=0) - centre[[0, 2]]
    half = 0.5 * float((xz_hi - xz_lo).max()) + 0.8 * radius
    footprint = np.array([(xz_lo[0] + xz_hi[0]) / 2, (xz_lo[1] + xz_hi[1]) / 2, half])
    scene = _Scene(
        radius=radius,
        radius_xz=radius_xz,
        y_range=(floor_y, -floor_y),
        hull=_support_points(np.concatenate([m.vertices for m in meshes]) - centre),
        floor_y=floor_y,
        footprint=footprint,
    )
    ctx = gl.ctx
    try:
        for part, mesh in parts:
            local = mesh.vertices - centre  # float32 keeps precision near the origin
            uvs = mesh.uvs if mesh.uvs is not None else np.zeros((mesh.vertex_count, 2))
            data = np.concatenate([local, mesh.normals, uvs], axis=1).astype("f4")
            vbo = ctx.buffer(data.tobytes())
            ibo = ctx.buffer(mesh.faces.astype("i4").tobytes())
            scene.resources += [vbo, ibo]
            vao = ctx.vertex_array(
                gl.mesh_prog,
                [(vbo, "3f 3f 2f", "in_position", "in_normal", "in_uv")],
                ibo,
                index_element_size=4,
            )
            depth_vao = ctx.vertex_array(
                gl.depth_prog, [(vbo, "3f 12x 2f", "in_position", "in_uv")], ibo, index_element_size=4
            )
            contact_vao = ctx.vertex_array(
                gl.contact_prog, [(vbo, "3f 20x", "in_position")], ibo, index_element_size=4
            )
            scene.resources += [vao, depth_vao, contact_vao]
            mat = part.material
            for tex, srgb in (
                (mat.base_color_texture, True),
                (mat.metallic_roughness_texture, False),
                (mat.normal_texture, False),
                (mat.emissive_texture, True),
            ):
                _upload_texture(gl, scene, tex, srgb)
            draw = _DrawPart(mat, vao, depth_vao, contact_vao, local.mean(axis=0))
            (scene.blended if mat.alpha_mode == "BLEND" else scene.opaque).append(draw)
        ground_half = GROUND_HALF_RADII * radius
        cx, cz = footprint[0], footprint[1]
        quad = np.array(
            [
                [cx - ground_half, floor_y, cz - ground_half],
                [cx - ground_half, floor_y, cz + ground_half],
                [cx + ground_half, floor_y, cz + ground_half],
                [cx + ground_half, floor_y, cz - ground_half],
            ],
            dtype="f4",
        )
        ground_vbo = ctx.buffer(quad.tobytes())
        ground_ibo = ctx.buffer(np.array([0, 1, 2, 0, 2, 3], dtype="i4").tobytes())
        scene.ground_vao = ctx.vertex_array(
            gl.ground_prog, [(ground_vbo, "3f", "in_position")], ground_ibo, index_element_size=4
        )
        scene.resources += [ground_vbo, ground_ibo, scene.ground_vao]
        scene.contact = _contact_shadow(gl, scene)
        scene.resources.append(scene.contact)
    except Exception:
        scene.release()
        raise
    return scene


def _contact_shadow(gl: _GL, scene: _Scene) -> object:
    """Top-down map of how close the model comes to the floor, blurred into a soft contact shadow."""
    ctx, mgl = gl.ctx, gl.mgl
    prog = gl.contact_prog
    prog["u_rect"].value = tuple(float(x) for x in scene.footprint)
    prog["u_floor"].value = scene.floor_y
    prog["u_falloff"].value = 0.28 * scene.radius
    gl.contact_fbo.use()
    gl.contact_fbo.viewport = (0, 0, CONTACT_MAP_SIZE, CONTACT_MAP_SIZE)
    ctx.clear(0.0, 0.0, 0.0, 0.0)
    ctx.disable(mgl.DEPTH_TEST | mgl.CULL_FACE)
    ctx.enable(mgl.BLEND)
    ctx.blend_equation = mgl.MAX
    ctx.blend_func = mgl.ONE, mgl.ONE
    for draws, opacity in ((scene.opaque, 1.0), (scene.blended, 0.5)):
        for draw in draws:
            prog["u_opacity"].value = opacity * (
                draw.material.base_color[3] if draws is scene.blended else 1.0
            )
            draw.contact_vao.render()
    ctx.blend_equation = mgl.FUNC_ADD
    ctx.disable(mgl.BLEND)
    raw = Image.frombytes("L", (CONTACT_MAP_SIZE, CONTACT_MAP_SIZE), gl.contact_fbo.read(components=1))
    px_per_unit = CONTACT_MAP_SIZE / (2.0 * float(scene.footprint[2]))
    tight = np.asarray(
        raw.filter(ImageFilter.GaussianBlur(0.04 * scene.radius * px_per_unit)), dtype=np.float32
    )
    wide = np.asarray(
        raw.filter(ImageFilter.GaussianBlur(0.22 * scene.radius * px_per_unit)), dtype=np.float32
    )
    soft = np.clip(1.0 * tight + 1.6 * wide, 0, 255).astype(np.uint8)
    tex = ctx.texture((CONTACT_MAP_SIZE, CONTACT_MAP_SIZE), 1, soft.tobytes())
    tex.filter = (mgl.LINEAR, mgl.LINEAR)
    tex.repeat_x = tex.repeat_y = False
    return tex


# --------------------------------------------------------------------------- drawing
def _write_matrix(prog: object, name: str, matrix: np.ndarray) -> None:
    if name in prog:
        prog[name].write(matrix.T.astype("f4").tobytes())


def _set(prog: object, name: str, value: object) -> None:
    if name in prog:
        prog[name].value = value


def _vec(v: Sequence[float] | np.ndarray) -> tuple[float, ...]:
    return tuple(float(x) for x in v)


def _light_view_proj(radius: float, key_dir: np.ndarray) -> np.ndarray:
    up = np.array([0.0, 0.0, 1.0]) if abs(key_dir[1]) > 0.99 else np.array([0.0, 1.0, 0.0])
    view = look_at(key_dir * 2.0 * radius, np.zeros(3), up)
    return orthographic(1.02 * radius, 1.02 * radius, 0.5 * radius, 3.5 * radius) @ view


def _shadow_uniforms(prog: object, gl: _GL, scene: _Scene, light_vp: np.ndarray, pcf_radius: float) -> None:
    gl.shadow_map.use(location=4)
    _set(prog, "u_shadow_map", 4)
    _write_matrix(prog, "u_light_view_proj", light_vp)
    texel = 2.04 * scene.radius / SHADOW_MAP_SIZE
    _set(prog, "u_shadow_normal_offset", 1.5 * texel)
    _set(prog, "u_shadow_bias", 0.0015)
    _set(prog, "u_shadow_radius", pcf_radius)


def _material_uniforms(gl: _GL, scene: _Scene, prog: object, mat: Material) -> None:
    _set(prog, "u_base_color", _vec(mat.base_color))
    _set(prog, "u_metallic", float(mat.metallic))
    _set(prog, "u_roughness", float(mat.roughness))
    _set(prog, "u_emissive", _vec(mat.emissive))
    _set(prog, "u_alpha_mode", {"OPAQUE": 0, "MASK": 1, "BLEND": 2}[mat.alpha_mode])
    _set(prog, "u_alpha_cutoff", float(mat.alpha_cutoff))
    _set(prog, "u_double_sided", bool(mat.double_sided))
    _set(prog, "u_has_normal_tex", mat.normal_texture is not None)
    _set(prog, "u_normal_scale", float(mat.normal_scale))
    slots = (
        ("u_base_tex", _upload_texture(gl, scene, mat.base_color_texture, True), 0),
        ("u_mr_tex", _upload_texture(gl, scene, mat.metallic_roughness_texture, False), 1),
        (
            "u_normal_tex",
            gl.flat_normal
            if mat.normal_texture is None
            else _upload_texture(gl, scene, mat.normal_texture, False),
            2,
        ),
        ("u_emissive_tex", _upload_texture(gl, scene, mat.emissive_texture, True), 3),
    )
    for name, tex, unit in slots:
        tex.use(location=unit)
        _set(prog, name, unit)


def _linear_background(background: Background) -> tuple[np.ndarray, np.ndarray]:
    """(top, bottom) linear RGB from a color or a (top, bottom) pair of sRGB colors."""

    def parse(c: Color) -> np.ndarray:
        if isinstance(c, str):
            h = c.lstrip("#")
            if len(h) != 6:
                raise ValueError(f"background color {c!r} is not #rrggbb")
            c = tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))
        rgb = np.asarray(c, dtype=np.float64)
        if rgb.shape != (3,) or (rgb < 0).any() or (rgb > 255).any():
            raise ValueError(f"background color {c!r} must be three sRGB values in 0..255")
        return srgb_to_linear(rgb / 255.0)

    if isinstance(background, str) or (
        len(background) == 3 and not isinstance(background[0], (tuple, list, str))
    ):
        flat = parse(background)  # type: ignore[arg-type]
        return flat, flat
    if len(background) != 2:
        raise ValueError("background must be a color or a (top, bottom) pair of colors")
    return parse(background[0]), parse(background[1])


def _render_view(
    gl: _GL,
    scene: _Scene,
    *,
    width: int,
    height: int,
    yaw_deg: float,
    pitch_deg: float,
    background: tuple[np.ndarray, np.ndarray],
    show_ground: bool,
    fov_deg: float,
) -> Image.Image:
    ctx, mgl = gl.ctx, gl.mgl
    aspect = width / height
    cam = frame_cylinder(
        scene.radius_xz,
        scene.y_range[0],
        scene.y_range[1],
        yaw_deg,
        pitch_deg,
        aspect=aspect,
        fov_deg=fov_deg,
        far_reach=2.0 * GROUND_HALF_RADII * scene.radius,
        centre_points=scene.hull,
    )
    view_proj = cam.view_proj(aspect)
    lights = _Lights.for_view(yaw_deg)
    light_vp = _light_view_proj(scene.radius, lights.key_dir)
    ground = show_ground and scene.ground_vao is not None and cam.eye[1] > scene.floor_y + 1e-6 * scene.radius
    bake_rect = np.array([scene.footprint[0], scene.footprint[1], GROUND_HALF_RADII * scene.radius])

    # a clean slate, whatever an interrupted render left behind
    ctx.depth_mask = True
    ctx.blend_equation = mgl.FUNC_ADD
    ctx.depth_func = "<"

    # key-light shadow map: opaque parts cast, transparent ones do not
    gl.shadow_fbo.use()
    ctx.clear(depth=1.0)
    ctx.enable(mgl.DEPTH_TEST)
    ctx.disable(mgl.CULL_FACE | mgl.BLEND)
    caster = gl.depth_prog
    _write_matrix(caster, "u_view_proj", light_vp)
    _set(caster, "u_base_tex", 0)
    for draw in scene.opaque:
        mat = draw.material
        _set(caster, "u_masked", mat.alpha_mode == "MASK")
        _set(caster, "u_alpha", float(mat.base_color[3]))
        _set(caster, "u_alpha_cutoff", float(mat.alpha_cutoff))
        _upload_texture(gl, scene, mat.base_color_texture, True).use(location=0)
        draw.depth_vao.render()

    if ground:
        # the floor's shadows are baked once per view into a small texture, far cheaper than per pixel
        b = gl.ground_bake_prog
        gl.ground_fbo.use()
        ctx.disable(mgl.DEPTH_TEST)
        _shadow_uniforms(b, gl, scene, light_vp, 0.012)
        scene.contact.use(location=5)
        _set(b, "u_contact", 5)
        _set(b, "u_rect", _vec(scene.footprint))
        _set(b, "u_bake_rect", _vec(bake_rect))
        _set(b, "u_floor", scene.floor_y)
        _set(b, "u_contact_strength", 0.75)
        _set(b, "u_key_strength", 0.4)
        gl.ground_bake_vao.render(vertices=3)

    color = ctx.texture((width, height), 4, dtype="f2")
    depth = ctx.depth_renderbuffer((width, height))
    fbo = ctx.framebuffer(color_attachments=[color], depth_attachment=depth)
    out_rb = ctx.renderbuffer((width, height), 4)
    out_fbo = ctx.framebuffer(color_attachments=[out_rb])
    try:
        fbo.use()
        ctx.clear(0.0, 0.0, 0.0, 1.0, depth=1.0)
        ctx.disable(mgl.DEPTH_TEST)
        _set(gl.background_prog, "u_top", _vec(background[0]))
        _set(gl.background_prog, "u_bottom", _vec(background[1]))
        # a gradient gets a faint vignette; a flat color stays exactly the color asked for
        _set(gl.background_prog, "u_vignette", 0.0 if np.array_equal(*background) else 0.06)
        gl.background_vao.render(vertices=3)

        prog = gl.mesh_prog
        _write_matrix(prog, "u_view_proj", view_proj)
        _set(prog, "u_eye", _vec(cam.eye))
        _shadow_uniforms(prog, gl, scene, light_vp, 0.0035)
        for name, value in (
            ("u_key_dir", lights.key_dir),
            ("u_key_color", lights.key_color),
            ("u_fill_dir", lights.fill_dir),
            ("u_fill_color", lights.fill_color),
            ("u_rim_dir", lights.rim_dir),
            ("u_rim_color", lights.rim_color),
            ("u_sky", lights.sky),
            ("u_horizon", lights.horizon),
            ("u_floor_color", lights.floor),
            ("u_softbox_dir", lights.softbox_dir),
            ("u_softbox_color", lights.softbox),
            ("u_strip_dir", lights.strip_dir),
            ("u_strip2_dir", lights.strip2_dir),
            ("u_strip_color", lights.strip),
        ):
            _set(prog, name, _vec(value))
        _set(prog, "u_ambient", lights.ambient)
        _set(prog, "u_exposure", 0.92)

        ctx.enable(mgl.DEPTH_TEST)
        for draw in scene.opaque:
            _draw_part(gl, scene, draw, cull="none" if draw.material.double_sided else "back")

        if ground:
            g = gl.ground_prog
            _write_matrix(g, "u_view_proj", view_proj)
            gl.ground_shadow.use(location=5)
            _set(g, "u_ground_shadow", 5)
            _set(g, "u_bake_rect", _vec(bake_rect))
            _set(g, "u_fade", (0.55 * GROUND_HALF_RADII * scene.radius, GROUND_HALF_RADII * scene.radius))
            _set(g, "u_shadow_tint", (0.02, 0.022, 0.03))
            ctx.disable(mgl.CULL_FACE)
            ctx.enable(mgl.BLEND)
            ctx.blend_func = mgl.SRC_ALPHA, mgl.ONE_MINUS_SRC_ALPHA
            ctx.depth_mask = False
            scene.ground_vao.render()
            ctx.depth_mask = True
            ctx.disable(mgl.BLEND)

        if scene.blended:
            ctx.enable(mgl.BLEND)
            ctx.blend_func = mgl.ONE, mgl.ONE_MINUS_SRC_ALPHA  # premultiplied alpha
            ctx.depth_mask = False
            order = sorted(scene.blended, key=lambda d: -float(np.linalg.norm(d.centroid - cam.eye)))
            for draw in order:
                if draw.material.double_sided:
                    _draw_part(gl, scene, draw, cull="front")
                _draw_part(gl, scene, draw, cull="back")
            ctx.depth_mask = True
            ctx.disable(mgl.BLEND)

        out_fbo.use()
        ctx.disable(mgl.DEPTH_TEST | mgl.CULL_FACE | mgl.BLEND)
        color.use(location=0)
        _set(gl.resolve_prog, "u_image", 0)
        gl.resolve_vao.render(vertices=3)
        data = out_fbo.read(components=3, alignment=1)
    finally:
        for res in (out_fbo, out_rb, fbo, depth, color):
            res.release()
    return Image.frombytes("RGB", (width, height), data).transpose(Image.Transpose.FLIP_TOP_BOTTOM)


def _draw_part(gl: _GL, scene: _Scene, draw: _DrawPart, *, cull: str) -> None:
    ctx, mgl = gl.ctx, gl.mgl
    if cull == "none":
        ctx.disable(mgl.CULL_FACE)
    else:
        ctx.enable(mgl.CULL_FACE)
        ctx.cull_face = cull
    _material_uniforms(gl, scene, gl.mesh_prog, draw.material)
    draw.vao.render()


# --------------------------------------------------------------------------- public API
def _check_arguments(width: int, height: int, supersample: int, fov_deg: float) -> None:
    if not (1 <= width <= MAX_IMAGE_SIDE and 1 <= height <= MAX_IMAGE_SIDE):
        raise ValueError(f"image size must be 1..{MAX_IMAGE_SIDE} pixels per side, got {width}x{height}")
    if not 1 <= supersample <= 4:
        raise ValueError(f"supersample must be 1..4, got {supersample}")
    if not 1.0 <= fov_deg <= 120.0:
        raise ValueError(f"fov_deg must be 1..120 degrees, got {fov_deg}")


def _check_gl_limits(gl: _GL, width: int, height: int) -> None:
    if max(width, height) > gl.max_side:
        raise ValueError(
            f"{width}x{height} supersampled pixels exceed this OpenGL's {gl.max_side}px limit; "
            "lower the size or the supersample factor"
        )


def render_views(
    model: Model,
    views: Sequence[tuple[float, float]],
    *,
    width: int = 512,
    height: int = 512,
    background: Background = DEFAULT_BACKGROUND,
    supersample: int = 2,
    show_ground: bool = True,
    fov_deg: float = DEFAULT_FOV_DEG,
) -> list[Image.Image]:
    """Render ``model`` once per ``(yaw_deg, pitch_deg)`` in ``views``, uploading its geometry only once.

    All views share one bounding-sphere framing, so a turntable keeps the same scale. See
    :func:`render_model` for the arguments.

    Raises:
        RenderUnavailableError: (a ``RuntimeError``) when no EGL/OpenGL context can be created.
        ValueError: bad sizes, colors, field of view, or non-finite vertex positions.
    """
    _check_arguments(width, height, supersample, fov_deg)
    bg = _linear_background(background)
    views = [(float(y), float(p)) for y, p in views]
    gl = _gl()
    _check_gl_limits(gl, width * supersample, height * supersample)
    start = time.perf_counter()
    with _gl_lock, gl.ctx:
        scene = _prepare(gl, model)
        try:
            frames = [
                _render_view(
                    gl,
                    scene,
                    width=width * supersample,
                    height=height * supersample,
                    yaw_deg=yaw,
                    pitch_deg=pitch,
                    background=bg,
                    show_ground=show_ground,
                    fov_deg=fov_deg,
                )
                for yaw, pitch in views
            ]
        finally:
            scene.release()
    if supersample > 1:
        frames = [f.resize((width, height), Image.Resampling.LANCZOS) for f in frames]
    log.debug(
        "rendered %s: %d view(s) at %dx%d (x%d) in %.3f s",
        model.name,
        len(frames),
        width,
        height,
        supersample,
        time.perf_counter() - start,
    )
    return frames


def render_model(
    model: Model,
    *,
    width: int = 512,
    height: int = 512,
    yaw_deg: float = 35.0,
    pitch_deg: float = 25.0,
    background: Background = DEFAULT_BACKGROUND,
    supersample: int = 2,
    show_ground: bool = True,
    fov_deg: float = DEFAULT_FOV_DEG,
) -> Image.Image:
    """Render a shaded preview of ``model`` (RGB, ``width`` x ``height`` pixels).

    Args:
        model: what to draw; parts with no triangles are skipped, an empty model gives the background.
        width, height: output size in pixels (1..8192; times ``supersample`` within the GL's texture limit,
            16384 on llvmpipe).
        yaw_deg: camera angle around +Y; 0 looks from +Z (front), 90 from +X (right).
        pitch_deg: camera elevation above the horizontal (degrees, clamped to +-89).
        background: an sRGB color (``(r, g, b)`` in 0..255 or ``"#rrggbb"``) or a ``(top, bottom)`` pair
            for a vertical gradient; the default is a light neutral gradient.
        supersample: render this many times larger and reduce with Lanczos (1..4).
        show_ground: draw the soft floor shadow under the model (never when the camera is below it).
        fov_deg: vertical field of view (1..120 degrees).

    Raises:
        RenderUnavailableError: (a ``RuntimeError``) when no EGL/OpenGL context can be created; the
            message names the Debian packages to install.
    """
    return render_views(
        model,
        [(yaw_deg, pitch_deg)],
        width=width,
        height=height,
        background=background,
        supersample=supersample,
        show_ground=show_ground,
        fov_deg=fov_deg,
    )[0]
