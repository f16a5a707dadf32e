#include "pano_reference.h"

#include <stdlib.h>
#include <string.h>

#include "pano_tile.h"

enum { ALPHA_OPAQUE = 255 };

/* ---- assembling a level ---- */

static void paste_tile(struct pano_cube *cube, enum pano_face face,
                       struct pano_rect rect, const struct pano_tile *tile)
{
    struct pano_image *dst = &cube->faces[face];
    size_t dst_stride = pano_image_stride(dst);
    size_t src_stride = (size_t)tile->width * PANO_RGB_BYTES;
    size_t row_bytes = src_stride;

    /* Tiles overlap by their gutters; neighbours carry the same pixels,
     * so whichever is pasted last wins without harm. */
    for (int y = 0; y < tile->height; y++) {
        uint8_t *out = dst->rgb + (size_t)(rect.y + y) * dst_stride +
                       (size_t)rect.x * PANO_RGB_BYTES;

        memcpy(out, tile->rgb + (size_t)y * src_stride, row_bytes);
    }
}

static enum pano_result load_face(const char *bake_dir,
                                  const struct pano_manifest *m, int level,
                                  enum pano_face face, struct pano_cube *cube,
                                  struct pano_tile *tile, struct pano_err *err)
{
    int n = m->levels[level].tiles_per_side;

    for (int row = 0; row < n; row++) {
        for (int col = 0; col < n; col++) {
            struct pano_tile_id id = {level, face, row, col};
            enum pano_result r = pano_tile_load(bake_dir, m, id, tile, err);

            if (r != PANO_OK)
                return r;
            paste_tile(cube, face, pano_manifest_tile_rect(m, level, row, col),
                       tile);
        }
    }
    return PANO_OK;
}

enum pano_result pano_cube_load(const char *bake_dir,
                                const struct pano_manifest *m, int level,
                                struct pano_cube *cube, struct pano_err *err)
{
    struct pano_tile tile = {malloc(PANO_TILE_BYTES_MAX), PANO_TILE_BYTES_MAX,
                             0, 0};
    enum pano_result r = PANO_OK;

    *cube = (struct pano_cube){0};
    if (level < 0 || level >= m->level_count)
        r = pano_fail(err, PANO_E_INPUT, "%s: no level %d", bake_dir, level);
    else if (!tile.rgb)
        r = pano_fail(err, PANO_E_NOMEM, "no memory for a tile");
    if (r == PANO_OK) {
        cube->face_size = m->levels[level].face_size;
        cube->gutter = m->gutter;
    }

    int side = cube->face_size + 2 * cube->gutter;
    for (int f = 0; r == PANO_OK && f < PANO_FACE_COUNT; f++) {
        r = pano_image_alloc(&cube->faces[f], side, side, err);
        if (r == PANO_OK)
            r = load_face(bake_dir, m, level, f, cube, &tile, err);
    }
    free(tile.rgb);
    if (r != PANO_OK)
        pano_cube_finish(cube);
    return r;
}

void pano_cube_finish(struct pano_cube *cube)
{
    for (int f = 0; f < PANO_FACE_COUNT; f++)
        pano_image_finish(&cube->faces[f]);
}

/* ---- sampling ---- */

void pano_cube_sample(const struct pano_cube *cube, struct pano_vec3 dir,
                      uint8_t out[3])
{
    double s, t;
    enum pano_face face = pano_face_from_dir(dir, &s, &t);
    double half = cube->face_size / 2.0;

    /* Face pixel coordinates, shifted past the gutter. */
    double x = (s + 1.0) * half + cube->gutter;
    double y = (t + 1.0) * half + cube->gutter;
    pano_sample_clamped(&cube->faces[face], x, y, out);
}

void pano_equirect_sample_dir(const struct pano_image *equirect,
                              struct pano_vec3 dir, uint8_t out[3])
{
    double x, y;

    pano_equirect_from_dir(dir, equirect->width, equirect->height, &x, &y);
    pano_sample_equirect(equirect, x, y, out);
}

/* ---- rendering ---- */

typedef void (*sample_fn)(const void *scene, struct pano_vec3 dir,
                          uint8_t out[3]);

static void store_pixel(uint8_t *dst, enum pano_pixel_format format,
                        const uint8_t rgb[3])
{
    memcpy(dst, rgb, PANO_RGB_BYTES);
    if (format == PANO_PIXELS_RGBA)
        dst[PANO_RGB_BYTES] = ALPHA_OPAQUE;
}

static void render(const void *scene, sample_fn sample,
                   const struct pano_camera *camera,
                   const struct pano_target *target)
{
    struct pano_view view;
    int bytes = target->format == PANO_PIXELS_RGBA ? 4 : PANO_RGB_BYTES;

    pano_view_init(&view, camera);
    for (int j = 0; j < camera->height_px; j++) {
        uint8_t *row = target->pixels + (size_t)j * target->pitch_bytes;

        for (int i = 0; i < camera->width_px; i++) {
            struct pano_vec3 dir = pano_view_ray(&view, i + 0.5, j + 0.5);
            uint8_t rgb[3];

            sample(scene, dir, rgb);
            store_pixel(row + (size_t)i * bytes, target->format, rgb);
        }
    }
}

static void sample_equirect(const void *scene, struct pano_vec3 dir,
                            uint8_t out[3])
{
    pano_equirect_sample_dir(scene, dir, out);
}

static void sample_cube(const void *scene, struct pano_vec3 dir, uint8_t out[3])
{
    pano_cube_sample(scene, dir, out);
}

void pano_reference_equirect(const struct pano_image *equirect,
                             const struct pano_camera *camera,
                             const struct pano_target *target)
{
    render(equirect, sample_equirect, camera, target);
}

void pano_reference_cube(const struct pano_cube *cube,
                         const struct pano_camera *camera,
                         const struct pano_target *target)
{
    render(cube, sample_cube, camera, target);
}
