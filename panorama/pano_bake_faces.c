#include "pano_bake_faces.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pano_source.h"

enum {
    BAND_ROWS = 32,
    /* Strip depth beyond the level-0 border: a border pixel lands under
     * border px into its neighbour, and its bilinear sample reads one
     * pixel further; one more absorbs rounding. */
    STRIP_MARGIN_PX = 2,
};

enum strip_side {
    STRIP_TOP,    /* depth rows of size px */
    STRIP_BOTTOM, /* depth rows of size px */
    STRIP_LEFT,   /* size rows of depth px */
    STRIP_RIGHT,  /* size rows of depth px */
    STRIP_SIDES,
};

struct faces;
typedef void (*rows_fn)(struct faces *fb, enum pano_face f, int first_row,
                        int count);

struct faces {
    const struct pano_input *in;
    struct pano_bake_out *out;
    int size;   /* source face side */
    int face0;  /* level-0 face side */
    int border; /* level-0 border */
    int depth;  /* strip depth, source px */
    uint8_t *strips[PANO_FACE_COUNT][STRIP_SIDES];

    uint8_t *band; /* BAND_ROWS decoded rows */
    long rows_done, rows_total;

    /* Pass 2: rows are copied into dest at (dest_offset, dest_offset): the
     * level-0 face, or whole when the face is to be resampled. */
    struct pano_image *dest;
    int dest_offset;
    struct pano_image whole;
};

static int min_int(int a, int b)
{
    return a < b ? a : b;
}

static int clamp_int(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static size_t row_bytes(const struct faces *fb)
{
    return (size_t)fb->size * PANO_RGB_BYTES;
}

/* ---- headers ---- */

static enum pano_result open_face(const struct faces *fb, enum pano_face f,
                                  struct pano_source **src,
                                  struct pano_err *err)
{
    const char *path = fb->in->faces[f];
    enum pano_result r = pano_source_open_face(path, src, err);
    int width;

    if (r != PANO_OK)
        return r;
    width = pano_source_info(*src)->width;
    if (fb->size == 0 || width == fb->size)
        return PANO_OK;

    enum pano_face first = pano_input_face_order[0];
    pano_source_destroy(*src);
    *src = NULL;
    return pano_fail(err, PANO_E_INPUT,
                     "%s: the %s face is %dx%d pixels but the %s face (%s) "
                     "is %dx%d; all six must be the same size",
                     path, pano_face_name(f), width, width,
                     pano_face_name(first), fb->in->faces[first], fb->size,
                     fb->size);
}

static enum pano_result check_headers(struct faces *fb, struct pano_err *err)
{
    for (int i = 0; i < PANO_FACE_COUNT; i++) {
        enum pano_face f = pano_input_face_order[i];
        struct pano_source *src;
        enum pano_result r = open_face(fb, f, &src, err);

        if (r != PANO_OK)
            return r;
        if (i == 0)
            fb->size = pano_source_info(src)->width;
        pano_source_destroy(src);
    }
    return PANO_OK;
}

static enum pano_result plan(struct faces *fb, struct pano_err *err)
{
    struct pano_manifest *m = &fb->out->m;

    pano_manifest_plan_faces(m, fb->size);
    fb->face0 = m->levels[0].face_size;
    fb->border = pano_manifest_border(m, 0);
    fb->depth = min_int(fb->border + STRIP_MARGIN_PX, fb->size / 2);
    fb->rows_total = 2L * PANO_FACE_COUNT * fb->size;
    fb->band = malloc(BAND_ROWS * row_bytes(fb));
    if (!fb->band)
        return pano_fail(err, PANO_E_NOMEM, "%s: no memory for face rows",
                         fb->out->label);
    return PANO_OK;
}

/* ---- streaming one face ---- */

static enum pano_result read_band(struct faces *fb, struct pano_source *src,
                                  enum pano_face f, int row, int *got,
                                  struct pano_err *err)
{
    enum pano_result r = pano_bake_out_check_cancel(fb->out, err);
    int want = min_int(BAND_ROWS, fb->size - row);

    if (r == PANO_OK)
        r = pano_source_read_rows(src, fb->band, want, got, err);
    if (r == PANO_OK && *got == 0)
        r = pano_fail(err, PANO_E_INPUT, "%s: ends after %d rows",
                      fb->in->faces[f], row);
    return r;
}

static enum pano_result stream_face(struct faces *fb, enum pano_face f,
                                    rows_fn take, struct pano_err *err)
{
    struct pano_source *src = NULL;
    enum pano_result r = open_face(fb, f, &src, err);

    for (int row = 0; r == PANO_OK && row < fb->size;) {
        int got = 0;

        r = read_band(fb, src, f, row, &got, err);
        if (r != PANO_OK)
            break;
        take(fb, f, row, got);
        row += got;
        fb->rows_done += got;
        fb->out->decoded = (double)fb->rows_done / (double)fb->rows_total;
        pano_bake_out_progress(fb->out);
    }
    pano_source_destroy(src);
    return r;
}

/* ---- pass 1: the edge strips ---- */

static void keep_edges(struct faces *fb, enum pano_face f, int first_row,
                       int count)
{
    uint8_t **strips = fb->strips[f];
    size_t edge_bytes = (size_t)fb->depth * PANO_RGB_BYTES;
    size_t right_x = (size_t)(fb->size - fb->depth) * PANO_RGB_BYTES;

    for (int i = 0; i < count; i++) {
        const uint8_t *row = fb->band + (size_t)i * row_bytes(fb);
        int y = first_row + i;

        if (y < fb->depth)
            memcpy(strips[STRIP_TOP] + (size_t)y * row_bytes(fb), row,
                   row_bytes(fb));
        if (y >= fb->size - fb->depth)
            memcpy(strips[STRIP_BOTTOM] +
                       (size_t)(y - (fb->size - fb->depth)) * row_bytes(fb),
                   row, row_bytes(fb));
        memcpy(strips[STRIP_LEFT] + (size_t)y * edge_bytes, row, edge_bytes);
        memcpy(strips[STRIP_RIGHT] + (size_t)y * edge_bytes, row + right_x,
               edge_bytes);
    }
}

static enum pano_result alloc_strips(struct faces *fb, enum pano_face f,
                                     struct pano_err *err)
{
    size_t bytes = (size_t)fb->depth * row_bytes(fb);

    for (int side = 0; side < STRIP_SIDES; side++) {
        fb->strips[f][side] = malloc(bytes);
        if (!fb->strips[f][side])
            return pano_fail(err, PANO_E_NOMEM, "%s: no memory for its edges",
                             fb->in->faces[f]);
    }
    return PANO_OK;
}

static enum pano_result read_edges(struct faces *fb, struct pano_err *err)
{
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        enum pano_result r = alloc_strips(fb, f, err);

        if (r == PANO_OK)
            r = stream_face(fb, f, keep_edges, err);
        if (r != PANO_OK)
            return r;
    }
    return PANO_OK;
}

/* ---- sampling across faces ---- */

/*
 * A pixel of face f's edge strips. Samples reach at most border + 1 px
 * into a face, inside its strips; a pixel further in is taken from the
 * nearest side strip rather than read out of bounds.
 */
static const uint8_t *edge_pixel(const struct faces *fb, enum pano_face f,
                                 int x, int y)
{
    uint8_t *const *strips = fb->strips[f];
    int n = fb->size, d = fb->depth;

    if (y < d)
        return strips[STRIP_TOP] + ((size_t)y * n + x) * PANO_RGB_BYTES;
    if (y >= n - d)
        return strips[STRIP_BOTTOM] +
               ((size_t)(y - (n - d)) * n + x) * PANO_RGB_BYTES;
    if (x >= n / 2)
        return strips[STRIP_RIGHT] +
               ((size_t)y * d + clamp_int(x - (n - d), 0, d - 1)) *
                   PANO_RGB_BYTES;
    return strips[STRIP_LEFT] +
           ((size_t)y * d + clamp_int(x, 0, d - 1)) * PANO_RGB_BYTES;
}

/* Bilinear sample of face f's edges at face point (s, t), clamped to the
 * face. */
static void sample_face(const struct faces *fb, enum pano_face f, double s,
                        double t, uint8_t out[3])
{
    double x = (s + 1) * fb->size / 2 - 0.5;
    double y = (t + 1) * fb->size / 2 - 0.5;
    double fx = floor(x), fy = floor(y);
    double wx = x - fx, wy = y - fy;
    int last = fb->size - 1;
    int x0 = clamp_int((int)fx, 0, last), x1 = clamp_int((int)fx + 1, 0, last);
    int y0 = clamp_int((int)fy, 0, last), y1 = clamp_int((int)fy + 1, 0, last);
    const uint8_t *p00 = edge_pixel(fb, f, x0, y0);
    const uint8_t *p01 = edge_pixel(fb, f, x1, y0);
    const uint8_t *p10 = edge_pixel(fb, f, x0, y1);
    const uint8_t *p11 = edge_pixel(fb, f, x1, y1);

    for (int c = 0; c < PANO_RGB_BYTES; c++) {
        double top = p00[c] + (p01[c] - p00[c]) * wx;
        double bottom = p10[c] + (p11[c] - p10[c]) * wx;

        out[c] = (uint8_t)(top + (bottom - top) * wy + 0.5);
    }
}

/* Fills level-0 pixel (i, j) of face f (counted from the border's outer
 * corner) from the face its direction falls on. */
static void fill_pixel(const struct faces *fb, enum pano_face f,
                       struct pano_image *level0, int i, int j)
{
    double step = 2.0 / fb->face0;
    double s = (i - fb->border + 0.5) * step - 1;
    double t = (j - fb->border + 0.5) * step - 1;
    double on_s, on_t;
    enum pano_face on =
        pano_face_from_dir(pano_face_dir(f, s, t), &on_s, &on_t);
    uint8_t *dst =
        level0->rgb + ((size_t)j * level0->width + i) * PANO_RGB_BYTES;

    sample_face(fb, on, on_s, on_t, dst);
}

static void fill_border(const struct faces *fb, enum pano_face f,
                        struct pano_image *level0)
{
    int side = level0->width, inner_end = fb->border + fb->face0;

    for (int j = 0; j < side; j++) {
        bool inside_rows = j >= fb->border && j < inner_end;

        for (int i = 0; i < side; i++) {
            if (inside_rows && i == fb->border)
                i = inner_end;
            if (i < side)
                fill_pixel(fb, f, level0, i, j);
        }
    }
}

/* The face's own pixels scaled from the whole face to level 0; the
 * border is filled apart. */
static void resample_inside(const struct faces *fb, struct pano_image *level0)
{
    double scale = (double)fb->size / fb->face0;

    for (int j = 0; j < fb->face0; j++) {
        uint8_t *row = level0->rgb +
                       (size_t)(fb->border + j) * pano_image_stride(level0) +
                       (size_t)fb->border * PANO_RGB_BYTES;
        double y = (j + 0.5) * scale;

        for (int i = 0; i < fb->face0; i++)
            pano_sample_clamped(&fb->whole, (i + 0.5) * scale, y,
                                row + (size_t)i * PANO_RGB_BYTES);
    }
}

/* ---- pass 2: one face at a time ---- */

static void copy_rows(struct faces *fb, enum pano_face f, int first_row,
                      int count)
{
    size_t stride = pano_image_stride(fb->dest);

    (void)f;
    for (int i = 0; i < count; i++) {
        uint8_t *dst = fb->dest->rgb +
                       (size_t)(fb->dest_offset + first_row + i) * stride +
                       (size_t)fb->dest_offset * PANO_RGB_BYTES;

        memcpy(dst, fb->band + (size_t)i * row_bytes(fb), row_bytes(fb));
    }
}

static enum pano_result make_level0(struct faces *fb, enum pano_face f,
                                    struct pano_image *level0,
                                    struct pano_err *err)
{
    int side = fb->face0 + 2 * fb->border;
    bool exact = fb->size == fb->face0;
    enum pano_result r = pano_image_alloc(level0, side, side, err);

    if (r == PANO_OK && !exact)
        r = pano_image_alloc(&fb->whole, fb->size, fb->size, err);
    fb->dest = exact ? level0 : &fb->whole;
    fb->dest_offset = exact ? fb->border : 0;
    if (r == PANO_OK)
        r = stream_face(fb, f, copy_rows, err);
    if (r == PANO_OK && !exact)
        resample_inside(fb, level0);
    if (r == PANO_OK)
        fill_border(fb, f, level0);
    pano_image_finish(&fb->whole);
    return r;
}

static enum pano_result bake_each_face(struct faces *fb, struct pano_err *err)
{
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        struct pano_image level0 = {0};
        enum pano_result r = make_level0(fb, f, &level0, err);

        if (r == PANO_OK)
            r = pano_bake_out_face(fb->out, f, &level0, err);
        pano_image_finish(&level0);
        if (r != PANO_OK)
            return r;
    }
    return PANO_OK;
}

static void faces_free(struct faces *fb)
{
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        for (int side = 0; side < STRIP_SIDES; side++)
            free(fb->strips[f][side]);
    }
    pano_image_finish(&fb->whole);
    free(fb->band);
    free(fb);
}

enum pano_result pano_bake_faces(const struct pano_input *in,
                                 struct pano_bake_out *out, const char *out_dir,
                                 struct pano_err *err)
{
    struct faces *fb = calloc(1, sizeof(*fb));

    if (!fb)
        return pano_fail(err, PANO_E_NOMEM, "no memory to bake");
    fb->in = in;
    fb->out = out;

    enum pano_result r = check_headers(fb, err);
    if (r == PANO_OK)
        r = plan(fb, err);
    if (r == PANO_OK)
        r = pano_bake_out_open(out, out_dir, err);
    if (r == PANO_OK)
        r = read_edges(fb, err);
    if (r == PANO_OK)
        r = bake_each_face(fb, err);
    faces_free(fb);
    return r;
}
