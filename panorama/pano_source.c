#include "pano_source.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <png.h>

#include "pano_jpeg.h"

enum {
    MAGIC_BYTES = 8,
    RATIO_SLACK_PX = 1,
    MAX_SCALE_DENOM = 8,
    PNG_8_BIT = 8,
};

static const uint8_t jpeg_magic[] = {0xFF, 0xD8, 0xFF};
static const uint8_t png_magic[] = {0x89, 'P',  'N',  'G',
                                    0x0D, 0x0A, 0x1A, 0x0A};

struct pano_source {
    char *path;
    FILE *file;
    struct pano_source_info info;
    bool face; /* a cube face: square sizes, not 2:1 */
    int next_row;

    bool jpeg_created;
    struct jpeg_decompress_struct jpeg;
    struct pano_jpeg_fail jpeg_fail;

    png_structp png;
    png_infop png_info;
    char png_msg[PANO_ERR_MAX];
};

/* ---- checks shared by both formats ---- */

static enum pano_result check_file(const char *path, struct pano_err *err)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return pano_fail(err, PANO_E_INPUT, "%s: cannot open: %s", path,
                         strerror(errno));
    if (S_ISDIR(st.st_mode))
        return pano_fail(err, PANO_E_INPUT,
                         "%s: is a folder, not an image file", path);
    if (!S_ISREG(st.st_mode))
        return pano_fail(err, PANO_E_INPUT, "%s: is not a regular file", path);
    if (st.st_size == 0)
        return pano_fail(err, PANO_E_INPUT, "%s: is empty (0 bytes)", path);
    return PANO_OK;
}

static bool has_prefix(const uint8_t *head, size_t got, const uint8_t *magic,
                       size_t magic_len)
{
    return got >= magic_len && memcmp(head, magic, magic_len) == 0;
}

static enum pano_result sniff_format(struct pano_source *src,
                                     struct pano_err *err)
{
    uint8_t head[MAGIC_BYTES];
    size_t got = fread(head, 1, sizeof(head), src->file);

    rewind(src->file);
    if (has_prefix(head, got, jpeg_magic, sizeof(jpeg_magic))) {
        src->info.format = PANO_SOURCE_JPEG;
        return PANO_OK;
    }
    if (has_prefix(head, got, png_magic, sizeof(png_magic))) {
        src->info.format = PANO_SOURCE_PNG;
        return PANO_OK;
    }
    return pano_fail(err, PANO_E_INPUT, "%s: is not a JPEG or PNG image",
                     src->path);
}

static enum pano_result check_face_size(const char *path, long width,
                                        long height, struct pano_err *err)
{
    if (width != height)
        return pano_fail(err, PANO_E_INPUT,
                         "%s: a cube face must be square, got %ldx%ld pixels",
                         path, width, height);
    if (width > PANO_FACE_MAX_PX)
        return pano_fail(err, PANO_E_INPUT,
                         "%s: face too large: %ldx%ld pixels, at most %dx%d",
                         path, width, height, PANO_FACE_MAX_PX,
                         PANO_FACE_MAX_PX);
    if (width < PANO_FACE_MIN_PX)
        return pano_fail(err, PANO_E_INPUT,
                         "%s: face too small: %ldx%ld pixels, at least %dx%d",
                         path, width, height, PANO_FACE_MIN_PX,
                         PANO_FACE_MIN_PX);
    return PANO_OK;
}

static enum pano_result check_size(const struct pano_source *src, long width,
                                   long height, struct pano_err *err)
{
    const char *path = src->path;

    if (width <= 0 || height <= 0)
        return pano_fail(err, PANO_E_INPUT,
                         "%s: header gives an impossible size %ldx%ld", path,
                         width, height);
    if (src->face)
        return check_face_size(path, width, height, err);
    if (width > PANO_SOURCE_MAX_WIDTH || height > PANO_SOURCE_MAX_HEIGHT)
        return pano_fail(
            err, PANO_E_INPUT, "%s: too large: %ldx%ld pixels, at most %dx%d",
            path, width, height, PANO_SOURCE_MAX_WIDTH, PANO_SOURCE_MAX_HEIGHT);
    if (width < PANO_SOURCE_MIN_WIDTH || height < PANO_SOURCE_MIN_HEIGHT)
        return pano_fail(
            err, PANO_E_INPUT, "%s: too small: %ldx%ld pixels, at least %dx%d",
            path, width, height, PANO_SOURCE_MIN_WIDTH, PANO_SOURCE_MIN_HEIGHT);
    if (labs(width - 2 * height) > RATIO_SLACK_PX)
        return pano_fail(err, PANO_E_INPUT,
                         "%s: not a 2:1 equirectangular panorama: %ldx%ld "
                         "pixels",
                         path, width, height);
    return PANO_OK;
}

/* ---- JPEG ---- */

static void jpeg_open_unguarded(struct pano_source *src, int scale_denom)
{
    struct jpeg_decompress_struct *j = &src->jpeg;

    src->jpeg_created = true;
    jpeg_create_decompress(j);
    jpeg_stdio_src(j, src->file);
    jpeg_read_header(j, TRUE);
    j->out_color_space = JCS_RGB;
    j->scale_num = 1;
    j->scale_denom = (unsigned)scale_denom;
}

static void jpeg_start_unguarded(struct pano_source *src)
{
    jpeg_start_decompress(&src->jpeg);
}

static enum pano_result jpeg_guard_fail(struct pano_source *src,
                                        struct pano_err *err)
{
    return pano_fail(err, PANO_E_INPUT, "%s: truncated or corrupt JPEG: %s",
                     src->path, src->jpeg_fail.msg);
}

static enum pano_result jpeg_read_header_guarded(struct pano_source *src,
                                                 int scale_denom,
                                                 struct pano_err *err)
{
    src->jpeg.err = pano_jpeg_fail_init(&src->jpeg_fail);
    if (setjmp(src->jpeg_fail.jump))
        return jpeg_guard_fail(src, err);
    jpeg_open_unguarded(src, scale_denom);
    return PANO_OK;
}

static enum pano_result jpeg_start_guarded(struct pano_source *src,
                                           struct pano_err *err)
{
    if (setjmp(src->jpeg_fail.jump))
        return jpeg_guard_fail(src, err);
    jpeg_start_unguarded(src);
    return PANO_OK;
}

static bool jpeg_is_cmyk(const struct jpeg_decompress_struct *j)
{
    return j->jpeg_color_space == JCS_CMYK || j->jpeg_color_space == JCS_YCCK;
}

static enum pano_result jpeg_open(struct pano_source *src, int scale_denom,
                                  struct pano_err *err)
{
    struct jpeg_decompress_struct *j = &src->jpeg;
    enum pano_result r = jpeg_read_header_guarded(src, scale_denom, err);

    if (r != PANO_OK)
        return r;
    src->info.full_width = (int)j->image_width;
    src->info.full_height = (int)j->image_height;
    r = check_size(src, (long)j->image_width, (long)j->image_height, err);
    if (r != PANO_OK)
        return r;
    if (jpeg_is_cmyk(j))
        return pano_fail(err, PANO_E_INPUT,
                         "%s: CMYK JPEG; save the panorama as RGB", src->path);

    r = jpeg_start_guarded(src, err);
    if (r != PANO_OK)
        return r;
    src->info.width = (int)j->output_width;
    src->info.height = (int)j->output_height;
    src->info.scale_denom = scale_denom;
    return PANO_OK;
}

static void jpeg_read_unguarded(struct pano_source *src, uint8_t *rgb,
                                int max_rows, int *rows_read)
{
    struct jpeg_decompress_struct *j = &src->jpeg;
    size_t stride = (size_t)src->info.width * PANO_RGB_BYTES;
    int n = 0;

    while (n < max_rows && j->output_scanline < j->output_height) {
        JSAMPROW row = rgb + (size_t)n * stride;

        n += (int)jpeg_read_scanlines(j, &row, 1);
    }
    if (j->output_scanline == j->output_height)
        jpeg_finish_decompress(j);
    *rows_read = n;
}

static enum pano_result jpeg_read(struct pano_source *src, uint8_t *rgb,
                                  int max_rows, int *rows_read,
                                  struct pano_err *err)
{
    if (setjmp(src->jpeg_fail.jump))
        return jpeg_guard_fail(src, err);
    jpeg_read_unguarded(src, rgb, max_rows, rows_read);
    return PANO_OK;
}

/* ---- PNG ---- */

static void png_fail_cb(png_structp png, png_const_charp msg)
{
    struct pano_source *src = png_get_error_ptr(png);

    snprintf(src->png_msg, sizeof(src->png_msg), "%s", msg);
    png_longjmp(png, 1);
}

static void png_warn_cb(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static enum pano_result png_guard_fail(struct pano_source *src,
                                       struct pano_err *err)
{
    return pano_fail(err, PANO_E_INPUT, "%s: truncated or corrupt PNG: %s",
                     src->path, src->png_msg);
}

static void png_set_rgb8(png_structp png, png_infop info)
{
    int color = png_get_color_type(png, info);

    if (color == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(png);
    if (color == PNG_COLOR_TYPE_GRAY || color == PNG_COLOR_TYPE_GRAY_ALPHA) {
        png_set_expand_gray_1_2_4_to_8(png);
        png_set_gray_to_rgb(png);
    }
    if (png_get_bit_depth(png, info) > PNG_8_BIT)
        png_set_strip_16(png);
    if (color & PNG_COLOR_MASK_ALPHA)
        png_set_strip_alpha(png);
    png_read_update_info(png, info);
}

static void png_header_unguarded(struct pano_source *src)
{
    png_init_io(src->png, src->file);
    png_read_info(src->png, src->png_info);
}

static enum pano_result png_header_guarded(struct pano_source *src,
                                           struct pano_err *err)
{
    if (setjmp(png_jmpbuf(src->png)))
        return png_guard_fail(src, err);
    png_header_unguarded(src);
    return PANO_OK;
}

static enum pano_result png_transform_guarded(struct pano_source *src,
                                              struct pano_err *err)
{
    if (setjmp(png_jmpbuf(src->png)))
        return png_guard_fail(src, err);
    png_set_rgb8(src->png, src->png_info);
    return PANO_OK;
}

static enum pano_result png_check_layout(struct pano_source *src,
                                         struct pano_err *err)
{
    size_t want = (size_t)src->info.width * PANO_RGB_BYTES;

    if (png_get_interlace_type(src->png, src->png_info) != PNG_INTERLACE_NONE)
        return pano_fail(err, PANO_E_INPUT,
                         "%s: interlaced PNG; save it non-interlaced",
                         src->path);
    if (png_get_rowbytes(src->png, src->png_info) != want)
        return pano_fail(err, PANO_E_INPUT,
                         "%s: PNG pixel layout not supported", src->path);
    return PANO_OK;
}

static enum pano_result png_open(struct pano_source *src, struct pano_err *err)
{
    src->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, src, png_fail_cb,
                                      png_warn_cb);
    if (src->png)
        src->png_info = png_create_info_struct(src->png);
    if (!src->png || !src->png_info)
        return pano_fail(err, PANO_E_NOMEM, "%s: no memory for libpng",
                         src->path);

    enum pano_result r = png_header_guarded(src, err);
    if (r != PANO_OK)
        return r;

    png_uint_32 width = png_get_image_width(src->png, src->png_info);
    png_uint_32 height = png_get_image_height(src->png, src->png_info);
    src->info.full_width = src->info.width = (int)width;
    src->info.full_height = src->info.height = (int)height;
    src->info.scale_denom = 1;
    r = check_size(src, (long)width, (long)height, err);
    if (r == PANO_OK)
        r = png_transform_guarded(src, err);
    if (r == PANO_OK)
        r = png_check_layout(src, err);
    return r;
}

static void png_read_unguarded(struct pano_source *src, uint8_t *rgb,
                               int max_rows, int *rows_read)
{
    size_t stride = (size_t)src->info.width * PANO_RGB_BYTES;
    int n = 0;

    while (n < max_rows && src->next_row + n < src->info.height) {
        png_read_row(src->png, rgb + (size_t)n * stride, NULL);
        n++;
    }
    if (src->next_row + n == src->info.height)
        png_read_end(src->png, NULL);
    *rows_read = n;
}

static enum pano_result png_read(struct pano_source *src, uint8_t *rgb,
                                 int max_rows, int *rows_read,
                                 struct pano_err *err)
{
    if (setjmp(png_jmpbuf(src->png)))
        return png_guard_fail(src, err);
    png_read_unguarded(src, rgb, max_rows, rows_read);
    return PANO_OK;
}

/* ---- the public face ---- */

static bool scale_supported(int scale_denom)
{
    return scale_denom == 1 || scale_denom == 2 || scale_denom == 4 ||
           scale_denom == MAX_SCALE_DENOM;
}

static enum pano_result open_decoder(struct pano_source *src, int scale_denom,
                                     struct pano_err *err)
{
    enum pano_result r = check_file(src->path, err);

    if (r != PANO_OK)
        return r;
    src->file = fopen(src->path, "rb");
    if (!src->file)
        return pano_fail(err, PANO_E_INPUT, "%s: cannot open: %s", src->path,
                         strerror(errno));
    r = sniff_format(src, err);
    if (r != PANO_OK)
        return r;
    if (src->info.format == PANO_SOURCE_JPEG)
        return jpeg_open(src, scale_denom, err);
    return png_open(src, err);
}

static enum pano_result open_source(const char *path, int scale_denom,
                                    bool face, struct pano_source **out,
                                    struct pano_err *err)
{
    *out = NULL;
    if (!scale_supported(scale_denom))
        return pano_fail(err, PANO_E_INPUT, "%s: cannot decode at scale 1/%d",
                         path, scale_denom);

    struct pano_source *src = calloc(1, sizeof(*src));
    if (src)
        src->path = strdup(path);
    if (!src || !src->path) {
        pano_source_destroy(src);
        return pano_fail(err, PANO_E_NOMEM, "%s: no memory to open", path);
    }
    src->face = face;

    enum pano_result r = open_decoder(src, scale_denom, err);
    if (r != PANO_OK) {
        pano_source_destroy(src);
        return r;
    }
    *out = src;
    return PANO_OK;
}

enum pano_result pano_source_open(const char *path, int scale_denom,
                                  struct pano_source **out,
                                  struct pano_err *err)
{
    return open_source(path, scale_denom, false, out, err);
}

enum pano_result pano_source_open_face(const char *path,
                                       struct pano_source **out,
                                       struct pano_err *err)
{
    return open_source(path, 1, true, out, err);
}

const struct pano_source_info *pano_source_info(const struct pano_source *src)
{
    return &src->info;
}

enum pano_result pano_source_read_rows(struct pano_source *src, uint8_t *rgb,
                                       int max_rows, int *rows_read,
                                       struct pano_err *err)
{
    enum pano_result r;

    *rows_read = 0;
    if (src->next_row >= src->info.height)
        return PANO_OK;
    if (src->info.format == PANO_SOURCE_JPEG)
        r = jpeg_read(src, rgb, max_rows, rows_read, err);
    else
        r = png_read(src, rgb, max_rows, rows_read, err);
    if (r == PANO_OK)
        src->next_row += *rows_read;
    return r;
}

void pano_source_destroy(struct pano_source *src)
{
    if (!src)
        return;
    if (src->jpeg_created)
        jpeg_destroy_decompress(&src->jpeg);
    if (src->png)
        png_destroy_read_struct(&src->png, &src->png_info, NULL);
    if (src->file)
        fclose(src->file);
    free(src->path);
    free(src);
}

static enum pano_result read_all_rows(struct pano_source *src,
                                      struct pano_image *image,
                                      struct pano_err *err)
{
    int done = 0;

    while (done < image->height) {
        int got = 0;
        uint8_t *dst = image->rgb + (size_t)done * pano_image_stride(image);
        enum pano_result r =
            pano_source_read_rows(src, dst, image->height - done, &got, err);

        if (r != PANO_OK)
            return r;
        if (got == 0)
            return pano_fail(err, PANO_E_INPUT, "%s: ends after %d rows",
                             src->path, done);
        done += got;
    }
    return PANO_OK;
}

enum pano_result pano_image_load(const char *path, int scale_denom,
                                 struct pano_image *out, struct pano_err *err)
{
    struct pano_source *src;
    enum pano_result r = pano_source_open(path, scale_denom, &src, err);

    *out = (struct pano_image){0};
    if (r != PANO_OK)
        return r;

    const struct pano_source_info *info = pano_source_info(src);
    r = pano_image_alloc(out, info->width, info->height, err);
    if (r == PANO_OK)
        r = read_all_rows(src, out, err);
    if (r != PANO_OK)
        pano_image_finish(out);
    pano_source_destroy(src);
    return r;
}
