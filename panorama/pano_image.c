#include "pano_image.h"

#include <math.h>
#include <stdlib.h>

enum pano_result pano_image_alloc(struct pano_image *image, int width,
                                  int height, struct pano_err *err)
{
    size_t bytes = (size_t)width * (size_t)height * PANO_RGB_BYTES;

    image->width = width;
    image->height = height;
    image->rgb = malloc(bytes);
    if (!image->rgb)
        return pano_fail(err, PANO_E_NOMEM, "no memory for a %dx%d image",
                         width, height);
    return PANO_OK;
}

void pano_image_finish(struct pano_image *image)
{
    free(image->rgb);
    image->rgb = NULL;
}

size_t pano_image_stride(const struct pano_image *image)
{
    return (size_t)image->width * PANO_RGB_BYTES;
}

static uint8_t round_channel(double v)
{
    return (uint8_t)(v + 0.5);
}

/* Index below a continuous coordinate and the weight of the one above. */
static int split_coord(double pos, double *weight1)
{
    double index_space = pos - 0.5;
    double below = floor(index_space);

    *weight1 = index_space - below;
    return (int)below;
}

void pano_equirect_rows(double y, int height, int *row0, double *weight1)
{
    int row = split_coord(y, weight1);

    if (row < 0) {
        row = 0;
        *weight1 = 0;
    } else if (row > height - 2) {
        row = height - 2;
        *weight1 = 1;
    }
    *row0 = row;
}

static void blend4(const uint8_t *p00, const uint8_t *p01, const uint8_t *p10,
                   const uint8_t *p11, double wx, double wy, uint8_t out[3])
{
    for (int c = 0; c < PANO_RGB_BYTES; c++) {
        double top = p00[c] + wx * (p01[c] - p00[c]);
        double bottom = p10[c] + wx * (p11[c] - p10[c]);

        out[c] = round_channel(top + wy * (bottom - top));
    }
}

void pano_blend_rows_wrap(const uint8_t *row0, const uint8_t *row1, int width,
                          double x, double weight1, uint8_t out[3])
{
    double wx;
    int col0 = split_coord(x, &wx) % width;

    if (col0 < 0)
        col0 += width;

    int col1 = col0 + 1 == width ? 0 : col0 + 1;
    size_t i0 = (size_t)col0 * PANO_RGB_BYTES;
    size_t i1 = (size_t)col1 * PANO_RGB_BYTES;

    blend4(row0 + i0, row0 + i1, row1 + i0, row1 + i1, wx, weight1, out);
}

void pano_sample_equirect(const struct pano_image *image, double x, double y,
                          uint8_t out[3])
{
    int row0;
    double wy;
    size_t stride = pano_image_stride(image);

    pano_equirect_rows(y, image->height, &row0, &wy);

    const uint8_t *top = image->rgb + (size_t)row0 * stride;
    pano_blend_rows_wrap(top, top + stride, image->width, x, wy, out);
}

/* Clamped neighbour pair along one axis. */
static int clamped_pair(double pos, int size, int *i1, double *weight1)
{
    int i0 = split_coord(pos, weight1);

    if (i0 < 0) {
        *i1 = 0;
        *weight1 = 0;
        return 0;
    }
    if (i0 >= size - 1) {
        *i1 = size - 1;
        *weight1 = 0;
        return size - 1;
    }
    *i1 = i0 + 1;
    return i0;
}

void pano_sample_clamped(const struct pano_image *image, double x, double y,
                         uint8_t out[3])
{
    double wx, wy;
    int x1, y1;
    int x0 = clamped_pair(x, image->width, &x1, &wx);
    int y0 = clamped_pair(y, image->height, &y1, &wy);
    size_t stride = pano_image_stride(image);
    const uint8_t *r0 = image->rgb + (size_t)y0 * stride;
    const uint8_t *r1 = image->rgb + (size_t)y1 * stride;

    blend4(r0 + x0 * PANO_RGB_BYTES, r0 + x1 * PANO_RGB_BYTES,
           r1 + x0 * PANO_RGB_BYTES, r1 + x1 * PANO_RGB_BYTES, wx, wy, out);
}
