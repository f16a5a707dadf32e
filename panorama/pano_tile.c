#include "pano_tile.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "pano_image.h"
#include "pano_jpeg.h"

bool pano_tile_path(char *out, size_t size, const char *bake_dir,
                    struct pano_tile_id id)
{
    int n = snprintf(out, size, "%s/L%d/%s_%d_%d.jpg", bake_dir, id.level,
                     pano_face_name(id.face), id.row, id.col);

    return n >= 0 && (size_t)n < size;
}

bool pano_tile_id_valid(const struct pano_manifest *m, struct pano_tile_id id)
{
    if (id.level < 0 || id.level >= m->level_count)
        return false;
    if ((unsigned)id.face >= PANO_FACE_COUNT)
        return false;

    int n = m->levels[id.level].tiles_per_side;
    return id.row >= 0 && id.row < n && id.col >= 0 && id.col < n;
}

/* ---- writing ---- */

struct tile_writer {
    struct jpeg_compress_struct jpeg;
    struct pano_jpeg_fail fail;
    bool created;
    FILE *file;
};

static void full_res_chroma(struct jpeg_compress_struct *j)
{
    for (int c = 0; c < j->num_components; c++) {
        j->comp_info[c].h_samp_factor = 1;
        j->comp_info[c].v_samp_factor = 1;
    }
}

static void encode_unguarded(struct tile_writer *w, const uint8_t *rgb,
                             size_t stride, int width, int height)
{
    struct jpeg_compress_struct *j = &w->jpeg;

    w->created = true;
    jpeg_create_compress(j);
    jpeg_stdio_dest(j, w->file);
    j->image_width = (JDIMENSION)width;
    j->image_height = (JDIMENSION)height;
    j->input_components = PANO_RGB_BYTES;
    j->in_color_space = JCS_RGB;
    jpeg_set_defaults(j);
    jpeg_set_quality(j, PANO_TILE_JPEG_QUALITY, TRUE);
    full_res_chroma(j);
    jpeg_start_compress(j, TRUE);
    while (j->next_scanline < j->image_height) {
        JSAMPROW row = (JSAMPROW)(rgb + j->next_scanline * stride);

        jpeg_write_scanlines(j, &row, 1);
    }
    jpeg_finish_compress(j);
}

static enum pano_result encode_guarded(struct tile_writer *w, const char *path,
                                       const uint8_t *rgb, size_t stride,
                                       int width, int height,
                                       struct pano_err *err)
{
    w->jpeg.err = pano_jpeg_fail_init(&w->fail);
    if (setjmp(w->fail.jump))
        return pano_fail(err, PANO_E_IO, "%s: cannot encode: %s", path,
                         w->fail.msg);
    encode_unguarded(w, rgb, stride, width, height);
    return PANO_OK;
}

static enum pano_result close_synced(FILE *file, const char *path,
                                     struct pano_err *err)
{
    bool ok = fflush(file) == 0 && fsync(fileno(file)) == 0;
    int saved = errno;

    if (fclose(file) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok)
        return pano_fail(err, PANO_E_IO, "%s: cannot write: %s", path,
                         strerror(saved));
    return PANO_OK;
}

enum pano_result pano_tile_write(const char *path, const uint8_t *rgb,
                                 size_t stride, int width, int height,
                                 struct pano_err *err)
{
    struct tile_writer w = {0};

    w.file = fopen(path, "wb");
    if (!w.file)
        return pano_fail(err, PANO_E_IO, "%s: cannot create: %s", path,
                         strerror(errno));

    enum pano_result r =
        encode_guarded(&w, path, rgb, stride, width, height, err);
    if (w.created)
        jpeg_destroy_compress(&w.jpeg);
    if (r != PANO_OK) {
        fclose(w.file);
        return r;
    }
    return close_synced(w.file, path, err);
}

/* ---- loading ---- */

struct tile_reader {
    struct jpeg_decompress_struct jpeg;
    struct pano_jpeg_fail fail;
    bool created;
    FILE *file;
};

static void header_unguarded(struct tile_reader *rd)
{
    rd->created = true;
    jpeg_create_decompress(&rd->jpeg);
    jpeg_stdio_src(&rd->jpeg, rd->file);
    jpeg_read_header(&rd->jpeg, TRUE);
    rd->jpeg.out_color_space = JCS_RGB;
}

static void decode_unguarded(struct tile_reader *rd, uint8_t *rgb)
{
    struct jpeg_decompress_struct *j = &rd->jpeg;
    size_t stride = (size_t)j->image_width * PANO_RGB_BYTES;

    jpeg_start_decompress(j);
    while (j->output_scanline < j->output_height) {
        JSAMPROW row = rgb + j->output_scanline * stride;

        jpeg_read_scanlines(j, &row, 1);
    }
    jpeg_finish_decompress(j);
}

static enum pano_result header_guarded(struct tile_reader *rd, const char *path,
                                       struct pano_err *err)
{
    rd->jpeg.err = pano_jpeg_fail_init(&rd->fail);
    if (setjmp(rd->fail.jump))
        return pano_fail(err, PANO_E_INPUT, "%s: damaged tile: %s", path,
                         rd->fail.msg);
    header_unguarded(rd);
    return PANO_OK;
}

static enum pano_result decode_guarded(struct tile_reader *rd, const char *path,
                                       uint8_t *rgb, struct pano_err *err)
{
    if (setjmp(rd->fail.jump))
        return pano_fail(err, PANO_E_INPUT, "%s: damaged tile: %s", path,
                         rd->fail.msg);
    decode_unguarded(rd, rgb);
    return PANO_OK;
}

static enum pano_result check_tile_size(const struct tile_reader *rd,
                                        const char *path, int want_w,
                                        int want_h, size_t capacity,
                                        struct pano_err *err)
{
    int w = (int)rd->jpeg.image_width, h = (int)rd->jpeg.image_height;

    if (w != want_w || h != want_h || rd->jpeg.num_components != 3)
        return pano_fail(err, PANO_E_INPUT,
                         "%s: tile is %dx%d, the manifest says %dx%d", path, w,
                         h, want_w, want_h);
    if ((size_t)w * (size_t)h * PANO_RGB_BYTES > capacity)
        return pano_fail(err, PANO_E_NOMEM,
                         "%s: %dx%d tile does not fit a %zu-byte buffer", path,
                         w, h, capacity);
    return PANO_OK;
}

static enum pano_result read_tile(struct tile_reader *rd, const char *path,
                                  struct pano_rect rect, int gutter,
                                  struct pano_tile *tile, struct pano_err *err)
{
    int want_w = rect.w + 2 * gutter, want_h = rect.h + 2 * gutter;
    enum pano_result r = header_guarded(rd, path, err);

    if (r == PANO_OK)
        r = check_tile_size(rd, path, want_w, want_h, tile->capacity, err);
    if (r == PANO_OK)
        r = decode_guarded(rd, path, tile->rgb, err);
    if (r == PANO_OK) {
        tile->width = want_w;
        tile->height = want_h;
    }
    return r;
}

enum pano_result pano_tile_load(const char *bake_dir,
                                const struct pano_manifest *m,
                                struct pano_tile_id id, struct pano_tile *tile,
                                struct pano_err *err)
{
    char path[PATH_MAX];
    struct tile_reader rd = {0};

    if (!pano_tile_id_valid(m, id))
        return pano_fail(err, PANO_E_INPUT,
                         "%s: no tile L%d %d %d_%d in this bake", bake_dir,
                         id.level, (int)id.face, id.row, id.col);
    if (!pano_tile_path(path, sizeof(path), bake_dir, id))
        return pano_fail(err, PANO_E_IO, "%s: path too long", bake_dir);

    rd.file = fopen(path, "rb");
    if (!rd.file)
        return pano_fail(err, PANO_E_IO, "%s: cannot open: %s", path,
                         strerror(errno));

    struct pano_rect rect =
        pano_manifest_tile_rect(m, id.level, id.row, id.col);
    enum pano_result r = read_tile(&rd, path, rect, m->gutter, tile, err);
    if (rd.created)
        jpeg_destroy_decompress(&rd.jpeg);
    fclose(rd.file);
    return r;
}
