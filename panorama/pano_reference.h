/*
 * pano_reference: the exact per-pixel renderer on the CPU, the ground
 * truth the GPU mesh renderer is measured against.
 *
 * Every output pixel (i, j) takes the ray through its centre (i + 0.5,
 * j + 0.5) and one bilinear sample along it, either from an equirect image
 * in memory or from the six faces of one baked level. There is no
 * mipmapping and no shortcut: slow, simple and easy to trust.
 *
 * A pano_cube is one level of a bake assembled from its tiles into six
 * faces that keep the 1-px gutter around them (so a sample at a face's
 * very edge blends with its real neighbour, as the GPU does in a tile).
 * It owns its pixels. Loading reads the disk; rendering is pure. Any
 * thread, for tests and tools; the kiosk does not use this at run time.
 */
#ifndef VITRINE_PANO_REFERENCE_H
#define VITRINE_PANO_REFERENCE_H

#include <stdint.h>

#include "pano_camera.h"
#include "pano_error.h"
#include "pano_image.h"
#include "pano_manifest.h"
#include "pano_math.h"

enum pano_pixel_format {
    PANO_PIXELS_RGB,  /* 3 bytes: R, G, B */
    PANO_PIXELS_RGBA, /* 4 bytes: R, G, B, 255 */
};

/* Caller-owned output of camera.width_px x camera.height_px pixels. */
struct pano_target {
    uint8_t *pixels;
    int pitch_bytes;
    enum pano_pixel_format format;
};

struct pano_cube {
    int face_size; /* face pixels, gutter not counted */
    int gutter;
    struct pano_image faces[PANO_FACE_COUNT]; /* face_size + 2 * gutter */
};

enum pano_result pano_cube_load(const char *bake_dir,
                                const struct pano_manifest *m, int level,
                                struct pano_cube *cube, struct pano_err *err);

/* Safe on a zeroed or already finished cube. */
void pano_cube_finish(struct pano_cube *cube);

/* Bilinear sample along a non-zero direction. */
void pano_cube_sample(const struct pano_cube *cube, struct pano_vec3 dir,
                      uint8_t out[3]);
void pano_equirect_sample_dir(const struct pano_image *equirect,
                              struct pano_vec3 dir, uint8_t out[3]);

void pano_reference_equirect(const struct pano_image *equirect,
                             const struct pano_camera *camera,
                             const struct pano_target *target);
void pano_reference_cube(const struct pano_cube *cube,
                         const struct pano_camera *camera,
                         const struct pano_target *target);

#endif
