/*
 * pano_image: packed RGB images and the bilinear samplers every stage
 * shares, so the bake and the reference renderer filter the same way.
 *
 * An image is width x height pixels of 3 bytes, rows packed without
 * padding. Sample positions are continuous: pixel (i, j) has its centre at
 * (i + 0.5, j + 0.5). The equirect sampler wraps across the left/right
 * seam and clamps at the poles (top and bottom rows); the plain sampler
 * clamps at every edge.
 *
 * An image owns its pixels (pano_image_alloc / pano_image_finish). Any
 * thread; one image is not shared between threads while it is written.
 */
#ifndef VITRINE_PANO_IMAGE_H
#define VITRINE_PANO_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "pano_error.h"

enum { PANO_RGB_BYTES = 3 };

struct pano_image {
    int width, height;
    uint8_t *rgb;
};

/* Allocates width x height RGB pixels, uninitialised. */
enum pano_result pano_image_alloc(struct pano_image *image, int width,
                                  int height, struct pano_err *err);

/* Frees the pixels; safe on a zeroed or already finished image. */
void pano_image_finish(struct pano_image *image);

size_t pano_image_stride(const struct pano_image *image);

/*
 * The two equirect rows a sample at continuous y blends (row0 and
 * row0 + 1, with 0 <= row0 <= height - 2) and the weight of the second.
 * Above the first row centre or below the last the weight pins to 0 or 1.
 */
void pano_equirect_rows(double y, int height, int *row0, double *weight1);

/* Blends two rows at continuous x, wrapping across the seam. */
void pano_blend_rows_wrap(const uint8_t *row0, const uint8_t *row1, int width,
                          double x, double weight1, uint8_t out[3]);

/* Bilinear sample of an equirect image at continuous (x, y). */
void pano_sample_equirect(const struct pano_image *image, double x, double y,
                          uint8_t out[3]);

/* Bilinear sample at continuous (x, y), clamped to the image. */
void pano_sample_clamped(const struct pano_image *image, double x, double y,
                         uint8_t out[3]);

#endif
