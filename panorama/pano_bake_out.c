#include "pano_bake_out.h"

#include <stdio.h>
#include <string.h>

#include "pano_fs.h"
#include "pano_tile.h"

/* Share of the progress bar that decoding and sampling take; writing the
 * tiles takes the rest. */
static const double DECODE_SHARE = 0.7;
static const double PROGRESS_STEP = 0.005;

void pano_bake_out_init(struct pano_bake_out *out,
                        const struct pano_bake_options *opt, const char *label)
{
    *out = (struct pano_bake_out){.opt = opt, .label = label};
}

void pano_bake_out_finish(struct pano_bake_out *out)
{
    if (out->tmp_dir[0])
        pano_fs_remove_tree(out->tmp_dir, NULL);
    out->tmp_dir[0] = '\0';
}

/* ---- progress and cancel ---- */

static void report(struct pano_bake_out *out, double fraction, bool force)
{
    if (!out->opt->progress)
        return;
    if (!force && fraction - out->reported < PROGRESS_STEP)
        return;
    out->reported = fraction;
    out->opt->progress(out->opt->user, fraction);
}

void pano_bake_out_progress(struct pano_bake_out *out)
{
    double written = (double)out->tiles_written / out->tiles_total;

    report(out, DECODE_SHARE * out->decoded + (1 - DECODE_SHARE) * written,
           false);
}

void pano_bake_out_done(struct pano_bake_out *out)
{
    report(out, 1.0, true);
}

enum pano_result pano_bake_out_check_cancel(const struct pano_bake_out *out,
                                            struct pano_err *err)
{
    if (out->opt->cancel && atomic_load(out->opt->cancel))
        return pano_fail(err, PANO_E_CANCELLED, "%s: bake cancelled",
                         out->label);
    return PANO_OK;
}

/* ---- levels and tiles of one face ---- */

static enum pano_result halve(const struct pano_image *in,
                              struct pano_image *out, struct pano_err *err)
{
    enum pano_result r =
        pano_image_alloc(out, in->width / 2, in->height / 2, err);
    size_t in_stride = pano_image_stride(in);

    if (r != PANO_OK)
        return r;
    for (int y = 0; y < out->height; y++) {
        const uint8_t *top = in->rgb + (size_t)(2 * y) * in_stride;
        const uint8_t *bottom = top + in_stride;
        uint8_t *dst = out->rgb + (size_t)y * pano_image_stride(out);

        for (int i = 0; i < out->width * PANO_RGB_BYTES; i++) {
            int x =
                (i / PANO_RGB_BYTES) * 2 * PANO_RGB_BYTES + i % PANO_RGB_BYTES;
            int sum = top[x] + top[x + PANO_RGB_BYTES] + bottom[x] +
                      bottom[x + PANO_RGB_BYTES];

            dst[i] = (uint8_t)((sum + 2) / 4);
        }
    }
    return PANO_OK;
}

static enum pano_result write_tile(struct pano_bake_out *out,
                                   const struct pano_image *pixels,
                                   struct pano_tile_id id, struct pano_err *err)
{
    char path[PATH_MAX];
    int g = out->m.gutter;
    int border = pano_manifest_border(&out->m, id.level);
    struct pano_rect rect =
        pano_manifest_tile_rect(&out->m, id.level, id.row, id.col);
    size_t stride = pano_image_stride(pixels);
    const uint8_t *origin = pixels->rgb +
                            (size_t)(border + rect.y - g) * stride +
                            (size_t)(border + rect.x - g) * PANO_RGB_BYTES;

    if (!pano_tile_path(path, sizeof(path), out->tmp_dir, id))
        return pano_fail(err, PANO_E_IO, "%s: path too long", out->tmp_dir);
    return pano_tile_write(path, origin, stride, rect.w + 2 * g, rect.h + 2 * g,
                           err);
}

static enum pano_result write_level(struct pano_bake_out *out,
                                    enum pano_face face, int level,
                                    const struct pano_image *pixels,
                                    struct pano_err *err)
{
    int n = out->m.levels[level].tiles_per_side;

    for (int row = 0; row < n; row++) {
        for (int col = 0; col < n; col++) {
            struct pano_tile_id id = {level, face, row, col};
            enum pano_result r = pano_bake_out_check_cancel(out, err);

            if (r == PANO_OK)
                r = write_tile(out, pixels, id, err);
            if (r != PANO_OK)
                return r;
            out->tiles_written++;
            pano_bake_out_progress(out);
        }
    }
    return PANO_OK;
}

enum pano_result pano_bake_out_face(struct pano_bake_out *out,
                                    enum pano_face face,
                                    struct pano_image *level0,
                                    struct pano_err *err)
{
    enum pano_result r = PANO_OK;

    for (int level = 0; r == PANO_OK && level < out->m.level_count; level++) {
        r = write_level(out, face, level, level0, err);
        if (r != PANO_OK || level + 1 == out->m.level_count)
            break;

        struct pano_image coarser;
        r = halve(level0, &coarser, err);
        pano_image_finish(level0);
        *level0 = coarser;
    }
    pano_image_finish(level0);
    return r;
}

/* ---- the output folder ---- */

static enum pano_result level_dir(const struct pano_bake_out *out, int level,
                                  char *path, size_t size, struct pano_err *err)
{
    int n = snprintf(path, size, "%s/L%d", out->tmp_dir, level);

    if (n < 0 || (size_t)n >= size)
        return pano_fail(err, PANO_E_IO, "%s: path too long", out->tmp_dir);
    return PANO_OK;
}

enum pano_result pano_bake_out_open(struct pano_bake_out *out,
                                    const char *out_dir, struct pano_err *err)
{
    char parent[PATH_MAX], name[NAME_MAX + 1], path[PATH_MAX];
    enum pano_result r = PANO_OK;

    out->tiles_total = pano_manifest_tile_count(&out->m);
    if (!pano_fs_split(out_dir, parent, sizeof(parent), name, sizeof(name)))
        return pano_fail(err, PANO_E_IO, "%s: path too long", out_dir);
    r = pano_fs_check_replaceable(out_dir, PANO_MANIFEST_NAME, err);
    if (r == PANO_OK)
        r = pano_fs_mkdirs(parent, err);
    if (r == PANO_OK)
        r = pano_fs_make_sibling(out_dir, "partial", out->tmp_dir,
                                 sizeof(out->tmp_dir), err);
    for (int k = 0; r == PANO_OK && k < out->m.level_count; k++) {
        r = level_dir(out, k, path, sizeof(path), err);
        if (r == PANO_OK)
            r = pano_fs_mkdirs(path, err);
    }
    return r;
}

static enum pano_result sync_levels(const struct pano_bake_out *out,
                                    struct pano_err *err)
{
    char path[PATH_MAX];

    for (int k = 0; k < out->m.level_count; k++) {
        enum pano_result r = level_dir(out, k, path, sizeof(path), err);

        if (r == PANO_OK)
            r = pano_fs_sync_dir(path, err);
        if (r != PANO_OK)
            return r;
    }
    return PANO_OK;
}

enum pano_result pano_bake_out_install(struct pano_bake_out *out,
                                       const char *out_dir,
                                       struct pano_err *err)
{
    char parent[PATH_MAX], name[NAME_MAX + 1];
    enum pano_result r = sync_levels(out, err);

    memcpy(out->m.content_hash, out->content_hash, sizeof(out->content_hash));
    if (r == PANO_OK)
        r = pano_manifest_write(out->tmp_dir, &out->m, err);
    if (r == PANO_OK)
        r = pano_fs_sync_dir(out->tmp_dir, err);
    if (r == PANO_OK)
        r = pano_fs_replace_dir(out->tmp_dir, out_dir, PANO_MANIFEST_NAME, err);
    if (r != PANO_OK)
        return r;
    out->tmp_dir[0] = '\0';
    pano_fs_split(out_dir, parent, sizeof(parent), name, sizeof(name));
    return pano_fs_sync_dir(parent, err);
}
