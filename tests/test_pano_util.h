/*
 * Helpers for the panorama tests: scratch folders under $VITRINE_TEST_TMP,
 * writing JPEG and PNG files, and the calibrated orientation pattern.
 *
 * The pattern is an equirect image in which each of the six axis
 * directions is a disc of its own colour, on grey, plus markers whose
 * place tells a mirror or a turn apart: a white disc at yaw +30 pitch +30
 * with a black one to its right (yaw +42), and orange discs at yaw 0
 * pitch +60 and -60 (towards the front from either pole).
 */
#ifndef VITRINE_TEST_PANO_UTIL_H
#define VITRINE_TEST_PANO_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "pano_image.h"
#include "pano_math.h"

enum { TEST_PATH_MAX = 4096 };

struct test_rgb {
    uint8_t r, g, b;
};

struct test_spot {
    const char *name;
    double yaw_deg, pitch_deg, radius_deg;
    struct test_rgb rgb;
};

extern const struct test_spot test_spot_front, test_spot_right, test_spot_back,
    test_spot_left, test_spot_up, test_spot_down, test_spot_marker,
    test_spot_marker_tail, test_spot_up_front, test_spot_down_front;
extern const struct test_rgb test_background;

/* A fresh empty folder $VITRINE_TEST_TMP/pano-<tag>-<pid>. */
void test_scratch_dir(const char *tag, char out[TEST_PATH_MAX]);
void test_remove(const char *path);

/* out = dir/name; aborts the test program if it does not fit. */
void test_join(char out[TEST_PATH_MAX], const char *dir, const char *name);

/* Entries of dir whose names start with prefix. */
int test_count_entries(const char *dir, const char *prefix);

/* The colour the pattern has along a direction. */
struct test_rgb test_pattern_at(struct pano_vec3 dir);
void test_pattern_image(int width, int height, struct pano_image *out);

/* Face f of an equirect image, face_px square: a bilinear sample of the
 * equirect along pano_face_dir through each pixel's centre. */
void test_render_face(const struct pano_image *equirect, enum pano_face f,
                      int face_px, struct pano_image *out);

/*
 * Renders the six faces and writes them as dir/<face>.png (lossless), or
 * .jpg at quality 95 when jpeg is set; paths[f] gets face f's path.
 */
bool test_write_faces(const char *dir, const struct pano_image *equirect,
                      int face_px, bool jpeg,
                      char paths[PANO_FACE_COUNT][TEST_PATH_MAX]);

bool test_write_jpeg(const char *path, const struct pano_image *image,
                     int quality);
bool test_write_png(const char *path, const struct pano_image *image);
bool test_write_bytes(const char *path, const void *bytes, size_t size);
/* Reads a whole file; the caller frees. */
uint8_t *test_read_bytes(const char *path, size_t *size);

/* Largest per-channel difference. */
int test_rgb_distance(const uint8_t *a, struct test_rgb b);

/* Mean absolute error and PSNR (dB) over n bytes. */
void test_compare(const uint8_t *a, const uint8_t *b, size_t n, double *mae,
                  double *psnr_db);

#endif
