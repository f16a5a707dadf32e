/*
 * Tests for six cube faces as a bake's input (pano_bake_faces): faces
 * rendered out of an equirect pattern bake to the same tiles, gutters
 * included, as the equirect itself at every level, so no face is turned or
 * mirrored (a mirrored face is shown to fail the same comparison); a solid
 * face colours its own tiles and only its neighbours' gutters next to it;
 * faces of another size are resampled; every kind of bad face file is
 * refused with a message naming it; progress, cancel and the manifest.
 *
 * The group setup bakes the pattern both ways once; everything is written
 * under $VITRINE_TEST_TMP and removed by the group teardown.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pano_bake.h"
#include "pano_fs.h"
#include "pano_hash.h"
#include "pano_source.h"
#include "pano_tile.h"
#include "test_pano_util.h"

enum {
    /* 4096 x 2048 bakes to 1024 px faces in two levels (borders 2 and 1),
     * so faces of 1024 px are copied exactly. */
    PATTERN_W = 4096,
    PATTERN_H = 2048,
    FACE_PX = 1024,
    RESAMPLED_PX = 1000,
    SMALL_PX = 256,
    /* A solid white or black face through one JPEG generation (the tile),
     * ringing at the 1 px gutter lines included. */
    SOLID_TOLERANCE = 64,
};

/*
 * Both bakes sample the same pattern along the same directions: inside a
 * face the pixels agree to rounding (the equirect bake works in single
 * precision), and a gutter across a face edge is one more bilinear step
 * (the neighbouring face's pixels instead of the equirect's). Both then go
 * through the same JPEG encoder at quality 92, so the tiles come out
 * nearly the same: about 72-77 dB here, gutters alone 56-61 dB. 50 dB (an
 * RMS error under 0.8 of a level) and 45 dB for the gutters leave a wide
 * margin for other encoders yet sit far above a turned or mirrored face
 * (about 14 dB on this pattern).
 */
static const double MATCH_PSNR_DB = 50.0;
static const double GUTTER_PSNR_DB = 45.0;
/* Faces of 1000 px go through one more resampling, to 1024 (about 48 dB
 * here). */
static const double RESAMPLED_PSNR_DB = 40.0;

static char dir[TEST_PATH_MAX];
static char eq_bake[TEST_PATH_MAX], faces_bake[TEST_PATH_MAX];
static char faces[PANO_FACE_COUNT][TEST_PATH_MAX];
static char small[PANO_FACE_COUNT][TEST_PATH_MAX];
static struct pano_image pattern;

/* Smooth waves over the calibrated pattern, a different one per channel
 * and none symmetric about any face's axes, so that every face pixel
 * tells where it looks: a turned or mirrored face cannot match. About
 * two to six periods a face, so bilinear sampling stays accurate. */
static const struct pano_vec3 waves[3] = {
    {7.0, 3.0, -5.0},
    {-4.0, 9.0, 2.5},
    {2.0, -6.0, 11.0},
};
static const double WAVE_AMPLITUDE = 40.0;

static void textured_pattern(int width, int height, struct pano_image *out)
{
    test_pattern_image(width, height, out);
    for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
            struct pano_vec3 d = pano_vec3_normalize(
                pano_dir_from_equirect(x + 0.5, y + 0.5, width, height));
            uint8_t *p = out->rgb + ((size_t)y * width + x) * 3;

            for (int c = 0; c < 3; c++) {
                double v =
                    p[c] + WAVE_AMPLITUDE * sin(pano_vec3_dot(d, waves[c]) + c);

                p[c] = (uint8_t)fmin(255, fmax(0, v + 0.5));
            }
        }
    }
}

static struct pano_input input_of(char paths[PANO_FACE_COUNT][TEST_PATH_MAX])
{
    struct pano_input in = {0};

    for (int f = 0; f < PANO_FACE_COUNT; f++)
        in.faces[f] = paths[f];
    return in;
}

static void bake_or_fail(const struct pano_input *in, const char *out)
{
    struct pano_err err;

    if (pano_bake_input(in, out, NULL, NULL, &err) != PANO_OK)
        fail_msg("bake of %s: %s", pano_input_label(in), err.msg);
}

static void sub_dir(char out[TEST_PATH_MAX], const char *name)
{
    test_join(out, dir, name);
    assert_int_equal(pano_fs_mkdirs(out, NULL), PANO_OK);
}

static int group_setup(void **state)
{
    char path[TEST_PATH_MAX], folder[TEST_PATH_MAX];
    struct pano_err err;

    (void)state;
    test_scratch_dir("faces", dir);
    textured_pattern(PATTERN_W, PATTERN_H, &pattern);
    test_join(path, dir, "pattern.png");
    test_join(eq_bake, dir, "pattern.bake");
    if (!test_write_png(path, &pattern) ||
        pano_bake(path, eq_bake, NULL, NULL, &err) != PANO_OK)
        return -1;

    test_join(folder, dir, "faces");
    pano_fs_mkdirs(folder, NULL);
    test_join(faces_bake, dir, "faces.bake");
    struct pano_input in = input_of(faces);
    if (!test_write_faces(folder, &pattern, FACE_PX, false, faces) ||
        pano_bake_input(&in, faces_bake, NULL, NULL, &err) != PANO_OK) {
        fprintf(stderr, "baking the faces failed: %s\n", err.msg);
        return -1;
    }

    test_join(folder, dir, "small");
    pano_fs_mkdirs(folder, NULL);
    return test_write_faces(folder, &pattern, SMALL_PX, false, small) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    pano_image_finish(&pattern);
    test_remove(dir);
    return 0;
}

/* ---- comparing two bakes tile by tile ---- */

struct face_error {
    double sq_sum, gutter_sq_sum;
    long count, gutter_count;
};

static double psnr_of(double sq_sum, long count)
{
    double mse = sq_sum / (double)count;

    return mse == 0 ? INFINITY : 10 * log10(255.0 * 255.0 / mse);
}

static void load_tile(const char *bake, const struct pano_manifest *m,
                      struct pano_tile_id id, struct pano_tile *tile)
{
    struct pano_err err;

    if (pano_tile_load(bake, m, id, tile, &err) != PANO_OK)
        fail_msg("%s", err.msg);
}

static void add_tile_error(const struct pano_tile *a, const struct pano_tile *b,
                           struct face_error *e)
{
    for (int y = 0; y < a->height; y++) {
        for (int x = 0; x < a->width; x++) {
            bool gutter =
                x == 0 || y == 0 || x == a->width - 1 || y == a->height - 1;
            const uint8_t *p = a->rgb + ((size_t)y * a->width + x) * 3;
            const uint8_t *q = b->rgb + ((size_t)y * b->width + x) * 3;

            for (int c = 0; c < 3; c++) {
                double d = (double)p[c] - q[c];

                e->sq_sum += d * d;
                e->count++;
                if (gutter) {
                    e->gutter_sq_sum += d * d;
                    e->gutter_count++;
                }
            }
        }
    }
}

/* Per face of one level, over every tile with its gutter. */
static void compare_level(const char *bake_a, const char *bake_b, int level,
                          struct face_error errors[PANO_FACE_COUNT])
{
    struct pano_manifest ma, mb;
    struct pano_err err;
    struct pano_tile a = {malloc(PANO_TILE_BYTES_MAX), PANO_TILE_BYTES_MAX, 0,
                          0};
    struct pano_tile b = {malloc(PANO_TILE_BYTES_MAX), PANO_TILE_BYTES_MAX, 0,
                          0};

    assert_int_equal(pano_manifest_load(bake_a, &ma, &err), PANO_OK);
    assert_int_equal(pano_manifest_load(bake_b, &mb, &err), PANO_OK);
    assert_int_equal(ma.level_count, mb.level_count);
    assert_int_equal(ma.levels[level].face_size, mb.levels[level].face_size);

    int n = ma.levels[level].tiles_per_side;
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        errors[f] = (struct face_error){0};
        for (int i = 0; i < n * n; i++) {
            struct pano_tile_id id = {level, f, i / n, i % n};

            load_tile(bake_a, &ma, id, &a);
            load_tile(bake_b, &mb, id, &b);
            add_tile_error(&a, &b, &errors[f]);
        }
    }
    free(a.rgb);
    free(b.rgb);
}

static void faces_bake_matches_the_equirect_bake(void **state)
{
    struct face_error errors[PANO_FACE_COUNT];

    (void)state;
    for (int level = 0; level < 2; level++) {
        compare_level(faces_bake, eq_bake, level, errors);
        for (int f = 0; f < PANO_FACE_COUNT; f++) {
            double all = psnr_of(errors[f].sq_sum, errors[f].count);
            double gutter =
                psnr_of(errors[f].gutter_sq_sum, errors[f].gutter_count);

            printf("L%d %-5s tiles %.1f dB, gutters %.1f dB\n", level,
                   pano_face_name(f), all, gutter);
            if (all < MATCH_PSNR_DB || gutter < GUTTER_PSNR_DB)
                fail_msg("L%d %s: expected tiles >= %.0f dB and gutters >= "
                         "%.0f dB against the equirect bake, got %.1f and "
                         "%.1f",
                         level, pano_face_name(f), MATCH_PSNR_DB,
                         GUTTER_PSNR_DB, all, gutter);
        }
    }
}

/* Face f rendered from the pattern, mirrored left to right, written. */
static void write_mirrored_face(const char *path, enum pano_face f)
{
    struct pano_image image;

    test_render_face(&pattern, f, FACE_PX, &image);
    for (int y = 0; y < image.height; y++) {
        uint8_t *row = image.rgb + (size_t)y * pano_image_stride(&image);

        for (int x = 0; x < image.width / 2; x++) {
            uint8_t *a = row + (size_t)x * 3;
            uint8_t *b = row + (size_t)(image.width - 1 - x) * 3;
            uint8_t t[3];

            memcpy(t, a, 3);
            memcpy(a, b, 3);
            memcpy(b, t, 3);
        }
    }
    assert_true(test_write_png(path, &image));
    pano_image_finish(&image);
}

/* The comparison above would catch a face mirrored by mistake. */
static void mirrored_face_fails_the_comparison(void **state)
{
    char folder[TEST_PATH_MAX], out[TEST_PATH_MAX];
    char paths[PANO_FACE_COUNT][TEST_PATH_MAX];
    struct face_error errors[PANO_FACE_COUNT];

    (void)state;
    sub_dir(folder, "mirrored");
    assert_true(test_write_faces(folder, &pattern, FACE_PX, false, paths));
    write_mirrored_face(paths[PANO_FACE_FRONT], PANO_FACE_FRONT);
    test_join(out, dir, "mirrored.bake");
    struct pano_input in = input_of(paths);
    bake_or_fail(&in, out);

    compare_level(out, eq_bake, 0, errors);
    double front =
        psnr_of(errors[PANO_FACE_FRONT].sq_sum, errors[PANO_FACE_FRONT].count);
    double back =
        psnr_of(errors[PANO_FACE_BACK].sq_sum, errors[PANO_FACE_BACK].count);
    printf("mirrored front %.1f dB, back %.1f dB\n", front, back);
    if (front >= MATCH_PSNR_DB - 20 || back < MATCH_PSNR_DB)
        fail_msg("expected the mirrored front far below %.0f dB and the "
                 "back above it, got %.1f and %.1f dB",
                 MATCH_PSNR_DB, front, back);
}

static void faces_of_another_size_are_resampled(void **state)
{
    char folder[TEST_PATH_MAX], out[TEST_PATH_MAX];
    char paths[PANO_FACE_COUNT][TEST_PATH_MAX];
    struct face_error errors[PANO_FACE_COUNT];
    struct pano_bake_summary summary;
    struct pano_err err;

    (void)state;
    sub_dir(folder, "resampled");
    assert_true(test_write_faces(folder, &pattern, RESAMPLED_PX, false, paths));
    test_join(out, dir, "resampled.bake");
    struct pano_input in = input_of(paths);
    assert_int_equal(pano_bake_input(&in, out, NULL, &summary, &err), PANO_OK);
    assert_int_equal(summary.manifest.source_width, RESAMPLED_PX);
    assert_int_equal(summary.manifest.levels[0].face_size, FACE_PX);

    for (int level = 0; level < 2; level++) {
        compare_level(out, eq_bake, level, errors);
        for (int f = 0; f < PANO_FACE_COUNT; f++) {
            double all = psnr_of(errors[f].sq_sum, errors[f].count);

            printf("resampled L%d %-5s %.1f dB\n", level, pano_face_name(f),
                   all);
            if (all < RESAMPLED_PSNR_DB)
                fail_msg("L%d %s: expected >= %.0f dB, got %.1f", level,
                         pano_face_name(f), RESAMPLED_PSNR_DB, all);
        }
    }
}

/* ---- a solid face ---- */

static void solid_image(int size, uint8_t value, struct pano_image *out)
{
    assert_int_equal(pano_image_alloc(out, size, size, NULL), PANO_OK);
    memset(out->rgb, value, (size_t)size * pano_image_stride(out));
}

/* The face a tile pixel's centre looks at, or -1 within a hair of an
 * edge between two faces (the corners of a gutter). */
static int face_seen(const struct pano_manifest *m, struct pano_tile_id id,
                     int x, int y)
{
    struct pano_rect r = pano_manifest_tile_rect(m, id.level, id.row, id.col);
    int size = m->levels[id.level].face_size;
    double s = 2.0 * (r.x + x - m->gutter + 0.5) / size - 1;
    double t = 2.0 * (r.y + y - m->gutter + 0.5) / size - 1;
    struct pano_vec3 d = pano_face_dir(id.face, s, t);
    double a[3] = {fabs(d.x), fabs(d.y), fabs(d.z)};
    double top = fmax(a[0], fmax(a[1], a[2]));
    int near_top =
        (a[0] > top - 1e-6) + (a[1] > top - 1e-6) + (a[2] > top - 1e-6);
    double ps, pt;

    if (near_top > 1)
        return -1;
    return pano_face_from_dir(d, &ps, &pt);
}

static void check_solid_tile(const struct pano_manifest *m,
                             struct pano_tile_id id,
                             const struct pano_tile *tile, int *white_gutters)
{
    for (int y = 0; y < tile->height; y++) {
        for (int x = 0; x < tile->width; x++) {
            int seen = face_seen(m, id, x, y);
            const uint8_t *p = tile->rgb + ((size_t)y * tile->width + x) * 3;

            if (seen < 0)
                continue;

            struct test_rgb want = seen == PANO_FACE_FRONT
                                       ? (struct test_rgb){255, 255, 255}
                                       : (struct test_rgb){0, 0, 0};
            if (test_rgb_distance(p, want) > SOLID_TOLERANCE)
                fail_msg("L%d %s tile %d_%d pixel (%d, %d) looks at %s: "
                         "expected %d, got (%d,%d,%d)",
                         id.level, pano_face_name(id.face), id.row, id.col, x,
                         y, pano_face_name(seen), want.r, p[0], p[1], p[2]);
            if (seen == PANO_FACE_FRONT && id.face != PANO_FACE_FRONT)
                (*white_gutters)++;
        }
    }
}

static void solid_face_colours_its_tiles_and_neighbouring_gutters(void **state)
{
    char folder[TEST_PATH_MAX], out[TEST_PATH_MAX];
    char paths[PANO_FACE_COUNT][TEST_PATH_MAX];
    struct pano_image white, black;
    struct pano_manifest m;
    struct pano_err err;
    struct pano_tile tile = {malloc(PANO_TILE_BYTES_MAX), PANO_TILE_BYTES_MAX,
                             0, 0};
    int white_gutters[PANO_FACE_COUNT] = {0};

    (void)state;
    sub_dir(folder, "solid");
    solid_image(FACE_PX, 255, &white);
    solid_image(FACE_PX, 0, &black);
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        char name[32];

        snprintf(name, sizeof(name), "%s.png", pano_face_name(f));
        test_join(paths[f], folder, name);
        assert_true(
            test_write_png(paths[f], f == PANO_FACE_FRONT ? &white : &black));
    }
    pano_image_finish(&white);
    pano_image_finish(&black);
    test_join(out, dir, "solid.bake");
    struct pano_input in = input_of(paths);
    bake_or_fail(&in, out);
    assert_int_equal(pano_manifest_load(out, &m, &err), PANO_OK);

    for (int level = 0; level < m.level_count; level++) {
        int n = m.levels[level].tiles_per_side;

        for (int f = 0; f < PANO_FACE_COUNT; f++) {
            for (int i = 0; i < n * n; i++) {
                struct pano_tile_id id = {level, f, i / n, i % n};

                load_tile(out, &m, id, &tile);
                check_solid_tile(&m, id, &tile, &white_gutters[f]);
            }
        }
    }
    free(tile.rgb);

    /* Each of the four neighbours shows the front along one whole side at
     * each level (the back nowhere): 1024 + 512 gutter pixels, and a few
     * more where two tiles' gutters both hold the same face pixel. */
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        bool neighbour = f != PANO_FACE_FRONT && f != PANO_FACE_BACK;
        int low = neighbour ? FACE_PX + FACE_PX / 2 : 0;
        int high = neighbour ? low + 4 : 0;

        if (white_gutters[f] < low || white_gutters[f] > high)
            fail_msg("%s: expected %d to %d gutter pixels of the front, "
                     "got %d",
                     pano_face_name(f), low, high, white_gutters[f]);
    }
}

/* ---- the manifest ---- */

static void faces_manifest_records_kind_and_face_size(void **state)
{
    struct pano_manifest m;
    struct pano_err err;
    char hash[PANO_HASH_HEX_LEN + 1];
    struct pano_input in = input_of(faces);

    (void)state;
    assert_int_equal(pano_manifest_load(faces_bake, &m, &err), PANO_OK);
    assert_int_equal(m.source_kind, PANO_INPUT_FACES);
    assert_int_equal(m.source_width, FACE_PX);
    assert_int_equal(m.source_height, FACE_PX);
    assert_int_equal(m.level_count, 2);
    assert_int_equal(m.levels[0].face_size, 1024);
    assert_int_equal(m.levels[1].face_size, 512);
    assert_int_equal(pano_input_hash(&in, hash, &err), PANO_OK);
    assert_string_equal(m.content_hash, hash);

    assert_int_equal(pano_manifest_load(eq_bake, &m, &err), PANO_OK);
    assert_int_equal(m.source_kind, PANO_INPUT_EQUIRECT);
}

static void faces_plan_rounds_up_to_whole_tiles(void **state)
{
    static const struct {
        int face_px, levels, level0;
    } cases[] = {
        {256, 1, 512},   {512, 1, 512},   {1000, 2, 1024},
        {1500, 3, 1536}, {2048, 3, 2048}, {4096, 4, 4096},
    };
    struct pano_manifest m;

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        pano_manifest_plan_faces(&m, cases[i].face_px);
        assert_int_equal(m.source_kind, PANO_INPUT_FACES);
        assert_int_equal(m.level_count, cases[i].levels);
        assert_int_equal(m.levels[0].face_size, cases[i].level0);
    }
}

static void faces_manifest_off_the_plan_is_refused(void **state)
{
    char out[TEST_PATH_MAX];
    struct pano_manifest m;
    struct pano_err err;

    (void)state;
    sub_dir(out, "off-plan");
    pano_manifest_plan_faces(&m, FACE_PX);
    memset(m.content_hash, 'a', PANO_HASH_HEX_LEN);
    m.content_hash[PANO_HASH_HEX_LEN] = '\0';
    m.source_width = m.source_height = 2 * FACE_PX; /* levels say 1024 */
    assert_int_equal(pano_manifest_write(out, &m, &err), PANO_OK);
    assert_int_equal(pano_manifest_load(out, &m, &err), PANO_E_INPUT);
    if (!strstr(err.msg, "2048x2048 faces source"))
        fail_msg("expected the message to name the faces source, got %s",
                 err.msg);
}

/* ---- bad faces ---- */

/* The small set with face f replaced by bad, baked: refused, naming the
 * file and what is wrong, leaving no output behind. */
static void expect_refused(enum pano_face f, const char *bad, const char *what)
{
    char paths[PANO_FACE_COUNT][TEST_PATH_MAX], out[TEST_PATH_MAX];
    struct pano_err err = {""};

    memcpy(paths, small, sizeof(paths));
    snprintf(paths[f], TEST_PATH_MAX, "%s", bad);
    test_join(out, dir, "refused.bake");
    struct pano_input in = input_of(paths);
    enum pano_result r = pano_bake_input(&in, out, NULL, NULL, &err);

    if (r != PANO_E_INPUT)
        fail_msg("expected bad input, got %s (%s)", pano_result_name(r),
                 err.msg);
    if (!strstr(err.msg, bad) || !strstr(err.msg, what))
        fail_msg("expected a message naming %s and \"%s\", got: %s", bad, what,
                 err.msg);
    assert_false(pano_fs_is_dir(out));
    assert_int_equal(test_count_entries(dir, ".refused.bake"), 0);
}

static void bad_file(char out[TEST_PATH_MAX], const char *name,
                     const void *bytes, size_t size)
{
    test_join(out, dir, name);
    assert_true(test_write_bytes(out, bytes, size));
}

static void missing_face_is_named(void **state)
{
    char path[TEST_PATH_MAX];

    (void)state;
    test_join(path, dir, "no-such-face.png");
    expect_refused(PANO_FACE_UP, path, "cannot open");
}

static void empty_face_is_named(void **state)
{
    char path[TEST_PATH_MAX];

    (void)state;
    bad_file(path, "empty.png", "", 0);
    expect_refused(PANO_FACE_LEFT, path, "is empty");
}

static void truncated_face_is_named(void **state)
{
    char path[TEST_PATH_MAX];
    size_t size;
    uint8_t *bytes = test_read_bytes(small[PANO_FACE_DOWN], &size);

    (void)state;
    assert_non_null(bytes);
    bad_file(path, "truncated.png", bytes, size / 2);
    free(bytes);
    expect_refused(PANO_FACE_DOWN, path, "truncated or corrupt PNG");
}

static void face_that_is_no_picture_is_named(void **state)
{
    static const char text[] = "front face, to follow\n";
    char path[TEST_PATH_MAX];

    (void)state;
    bad_file(path, "notes.jpg", text, sizeof(text) - 1);
    expect_refused(PANO_FACE_BACK, path, "is not a JPEG or PNG");
}

static void write_image(char out[TEST_PATH_MAX], const char *name, int width,
                        int height)
{
    struct pano_image image;

    assert_int_equal(pano_image_alloc(&image, width, height, NULL), PANO_OK);
    memset(image.rgb, 128, (size_t)height * pano_image_stride(&image));
    test_join(out, dir, name);
    assert_true(test_write_png(out, &image));
    pano_image_finish(&image);
}

static void face_that_is_not_square_is_named(void **state)
{
    char path[TEST_PATH_MAX];

    (void)state;
    write_image(path, "wide.png", 512, 256);
    expect_refused(PANO_FACE_RIGHT, path, "must be square, got 512x256");
}

static void faces_of_different_sizes_are_named(void **state)
{
    char path[TEST_PATH_MAX];

    (void)state;
    write_image(path, "bigger.png", 512, 512);
    expect_refused(PANO_FACE_LEFT, path, "all six must be the same size");
}

static void face_too_small_is_refused(void **state)
{
    char path[TEST_PATH_MAX];

    (void)state;
    write_image(path, "tiny.png", PANO_FACE_MIN_PX - 1, PANO_FACE_MIN_PX - 1);
    expect_refused(PANO_FACE_FRONT, path, "face too small");
}

static void face_too_large_is_refused(void **state)
{
    char path[TEST_PATH_MAX];

    (void)state;
    write_image(path, "huge.png", PANO_FACE_MAX_PX + 1, PANO_FACE_MAX_PX + 1);
    expect_refused(PANO_FACE_UP, path, "face too large");
}

/* Bytes changed in the middle of the compressed data: the header is
 * fine, the damage shows only while decoding. */
static void corrupt_face_is_named(void **state)
{
    char path[TEST_PATH_MAX];
    size_t size;
    uint8_t *bytes = test_read_bytes(small[PANO_FACE_RIGHT], &size);

    (void)state;
    assert_non_null(bytes);
    for (size_t i = size / 2; i < size / 2 + 64; i++)
        bytes[i] ^= 0x5a;
    bad_file(path, "corrupt.png", bytes, size);
    free(bytes);
    expect_refused(PANO_FACE_RIGHT, path, "truncated or corrupt PNG");
}

static void missing_face_in_the_input_is_named(void **state)
{
    struct pano_input in = input_of(small);
    struct pano_err err;

    (void)state;
    in.faces[PANO_FACE_DOWN] = NULL;
    assert_int_equal(pano_bake_input(&in, dir, NULL, NULL, &err), PANO_E_INPUT);
    if (!strstr(err.msg, "the down face is missing"))
        fail_msg("expected the missing face named, got %s", err.msg);
}

/* ---- progress and cancel ---- */

struct progress_log {
    double last;
    int calls;
    bool rising;
    atomic_bool cancel;
    double cancel_at; /* > 1: never */
};

static void log_progress(void *user, double fraction)
{
    struct progress_log *log = user;

    log->rising = log->rising && fraction >= log->last;
    log->last = fraction;
    log->calls++;
    if (fraction >= log->cancel_at)
        atomic_store(&log->cancel, true);
}

static void progress_climbs_to_one(void **state)
{
    char out[TEST_PATH_MAX];
    struct progress_log log = {.rising = true, .cancel_at = 2};
    struct pano_bake_options options = {log_progress, &log, &log.cancel, NULL};
    struct pano_input in = input_of(small);
    struct pano_err err;

    (void)state;
    atomic_init(&log.cancel, false);
    test_join(out, dir, "progress.bake");
    assert_int_equal(pano_bake_input(&in, out, &options, NULL, &err), PANO_OK);
    assert_true(log.rising);
    assert_true(log.calls > 10);
    assert_true(log.last == 1.0);
}

static void cancel_stops_the_bake_and_leaves_nothing(void **state)
{
    char out[TEST_PATH_MAX];
    struct progress_log log = {.rising = true, .cancel_at = 0.3};
    struct pano_bake_options options = {log_progress, &log, &log.cancel, NULL};
    struct pano_input in = input_of(small);
    struct pano_err err;

    (void)state;
    atomic_init(&log.cancel, false);
    test_join(out, dir, "cancelled.bake");
    assert_int_equal(pano_bake_input(&in, out, &options, NULL, &err),
                     PANO_E_CANCELLED);
    assert_true(log.last < 1.0);
    assert_false(pano_fs_is_dir(out));
    assert_int_equal(test_count_entries(dir, ".cancelled.bake"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(faces_bake_matches_the_equirect_bake),
        cmocka_unit_test(mirrored_face_fails_the_comparison),
        cmocka_unit_test(faces_of_another_size_are_resampled),
        cmocka_unit_test(solid_face_colours_its_tiles_and_neighbouring_gutters),
        cmocka_unit_test(faces_manifest_records_kind_and_face_size),
        cmocka_unit_test(faces_plan_rounds_up_to_whole_tiles),
        cmocka_unit_test(faces_manifest_off_the_plan_is_refused),
        cmocka_unit_test(missing_face_is_named),
        cmocka_unit_test(empty_face_is_named),
        cmocka_unit_test(truncated_face_is_named),
        cmocka_unit_test(face_that_is_no_picture_is_named),
        cmocka_unit_test(face_that_is_not_square_is_named),
        cmocka_unit_test(faces_of_different_sizes_are_named),
        cmocka_unit_test(face_too_small_is_refused),
        cmocka_unit_test(face_too_large_is_refused),
        cmocka_unit_test(corrupt_face_is_named),
        cmocka_unit_test(missing_face_in_the_input_is_named),
        cmocka_unit_test(progress_climbs_to_one),
        cmocka_unit_test(cancel_stops_the_bake_and_leaves_nothing),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
