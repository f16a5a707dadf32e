/*
 * Tests for pano_bake and pano_tile: the plan of levels, orientation of
 * the faces on a calibrated pattern, and the structure of a real bake
 * (the sample car interior): manifest, tiles, gutters that repeat their
 * neighbours across tile and face borders, and levels that are the 2x2
 * average of the finer one.
 *
 * The car is baked once by the group setup; everything is written under
 * $VITRINE_TEST_TMP and removed by the group teardown.
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

#include "pano_bake.h"
#include "pano_fs.h"
#include "pano_hash.h"
#include "pano_reference.h"
#include "pano_source.h"
#include "pano_tile.h"
#include "test_pano_util.h"

enum {
    PATTERN_W = 1024,
    PATTERN_H = 512,
    PATTERN_QUALITY = 95,
    /* A flat area through two JPEG generations (source and tile). */
    FLAT_TOLERANCE = 12,
    CAR_W = 4096,
    CAR_H = 2048,
};

/* Mean |difference| allowed between a gutter and the pixels it repeats:
 * within a face they are the same pixels through two JPEG encodings;
 * across a face edge the extended plane lands within a pixel of the
 * neighbour's first column. */
static const double GUTTER_MAE_IN_FACE = 3.0;
static const double GUTTER_MAE_ACROSS_FACES = 6.0;
static const double LEVEL_MAE = 2.5;

static char dir[TEST_PATH_MAX];
static char car_bake[TEST_PATH_MAX];
static const char *car_source;
static struct pano_manifest car;

static const char *car_path(void)
{
    static char path[TEST_PATH_MAX];
    const char *assets = getenv("VITRINE_ASSETS");

    test_join(path, assets ? assets : "assets",
              "panoramas/car_interior_4096x2048.jpg");
    return path;
}

static int group_setup(void **state)
{
    struct pano_err err;
    struct pano_bake_summary summary;

    (void)state;
    test_scratch_dir("bake", dir);
    test_join(car_bake, dir, "car");
    car_source = car_path();
    if (pano_bake(car_source, car_bake, NULL, &summary, &err) != PANO_OK) {
        fprintf(stderr, "baking the car failed: %s\n", err.msg);
        return -1;
    }
    car = summary.manifest;
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    test_remove(dir);
    return 0;
}

/* ---- the plan ---- */

static void expect_plan(int width, int levels, const int *sizes,
                        const int *tiles, int border)
{
    struct pano_manifest m;

    pano_manifest_plan(&m, width, width / 2);
    assert_int_equal(m.level_count, levels);
    for (int k = 0; k < levels; k++) {
        assert_int_equal(m.levels[k].face_size, sizes[k]);
        assert_int_equal(m.levels[k].tiles_per_side, tiles[k]);
    }
    assert_int_equal(pano_manifest_border(&m, 0), border);
    assert_int_equal(pano_manifest_border(&m, levels - 1), PANO_GUTTER);
}

static void plan_halves_down_to_one_tile(void **state)
{
    (void)state;
    expect_plan(1024, 1, (int[]){512}, (int[]){1}, 1);
    expect_plan(4096, 2, (int[]){1024, 512}, (int[]){2, 1}, 2);
    expect_plan(5760, 3, (int[]){1536, 768, 384}, (int[]){3, 2, 1}, 4);
    expect_plan(8192, 3, (int[]){2048, 1024, 512}, (int[]){4, 2, 1}, 4);
    expect_plan(16384, 4, (int[]){4096, 2048, 1024, 512}, (int[]){8, 4, 2, 1},
                8);
}

static void last_tile_of_a_row_may_be_narrower(void **state)
{
    struct pano_manifest m;

    (void)state;
    pano_manifest_plan(&m, 5760, 2880);
    struct pano_rect r = pano_manifest_tile_rect(&m, 1, 1, 1);
    assert_int_equal(r.x, 512);
    assert_int_equal(r.w, 256);
    assert_int_equal(r.h, 256);
}

/* ---- orientation on the pattern ---- */

static void bake_pattern(const char *name, bool png, struct pano_cube *cube)
{
    char src[TEST_PATH_MAX], out[TEST_PATH_MAX];
    struct pano_image image;
    struct pano_manifest m;
    struct pano_err err;

    test_join(src, dir, name);
    snprintf(out, sizeof(out), "%.4000s.bake", src);
    test_pattern_image(PATTERN_W, PATTERN_H, &image);
    assert_true(png ? test_write_png(src, &image)
                    : test_write_jpeg(src, &image, PATTERN_QUALITY));
    pano_image_finish(&image);

    if (pano_bake(src, out, NULL, NULL, &err) != PANO_OK)
        fail_msg("bake: %s", err.msg);
    assert_int_equal(pano_manifest_load(out, &m, &err), PANO_OK);
    assert_int_equal(pano_cube_load(out, &m, 0, cube, &err), PANO_OK);
}

/* The cube face pixel at face point (s, t). */
static const uint8_t *face_pixel(const struct pano_cube *cube,
                                 enum pano_face face, double s, double t)
{
    const struct pano_image *img = &cube->faces[face];
    int x = (int)((s + 1) / 2 * cube->face_size) + cube->gutter;
    int y = (int)((t + 1) / 2 * cube->face_size) + cube->gutter;

    return img->rgb + ((size_t)y * img->width + x) * 3;
}

static void expect_colour(const uint8_t *got, const struct test_spot *spot,
                          const char *where)
{
    if (test_rgb_distance(got, spot->rgb) <= FLAT_TOLERANCE)
        return;
    fail_msg("%s: expected %s (%d,%d,%d), got (%d,%d,%d)", where, spot->name,
             spot->rgb.r, spot->rgb.g, spot->rgb.b, got[0], got[1], got[2]);
}

static void expect_spot_on_face(const struct pano_cube *cube,
                                const struct test_spot *spot,
                                enum pano_face want_face)
{
    double s, t;
    struct pano_vec3 d = pano_dir_from_angles(spot->yaw_deg, spot->pitch_deg);
    enum pano_face face = pano_face_from_dir(d, &s, &t);

    assert_int_equal(face, want_face);
    expect_colour(face_pixel(cube, face, s, t), spot, pano_face_name(face));
}

static void check_pattern_faces(const struct pano_cube *cube)
{
    static const struct test_spot grey = {"background", 0, 0, 0, {90, 90, 90}};
    const struct test_spot *centres[PANO_FACE_COUNT] = {
        [PANO_FACE_RIGHT] = &test_spot_right,
        [PANO_FACE_LEFT] = &test_spot_left,
        [PANO_FACE_UP] = &test_spot_up,
        [PANO_FACE_DOWN] = &test_spot_down,
        [PANO_FACE_FRONT] = &test_spot_front,
        [PANO_FACE_BACK] = &test_spot_back,
    };

    for (int f = 0; f < PANO_FACE_COUNT; f++)
        expect_colour(face_pixel(cube, f, 0, 0), centres[f], pano_face_name(f));

    /* The marker is up and to the right on the front face, its tail
     * further right; where a mirror would put it there is only grey. */
    expect_spot_on_face(cube, &test_spot_marker, PANO_FACE_FRONT);
    expect_spot_on_face(cube, &test_spot_marker_tail, PANO_FACE_FRONT);
    double s, t;
    pano_face_from_dir(pano_dir_from_angles(30, 30), &s, &t);
    assert_true(s > 0 && t < 0);
    expect_colour(face_pixel(cube, PANO_FACE_FRONT, -s, t), &grey,
                  "mirrored marker");

    /* On the up face the front is at the bottom, on the down face at the
     * top. */
    expect_spot_on_face(cube, &test_spot_up_front, PANO_FACE_UP);
    pano_face_from_dir(pano_dir_from_angles(0, 60), &s, &t);
    assert_true(t > 0.5 && fabs(s) < 1e-9);
    expect_spot_on_face(cube, &test_spot_down_front, PANO_FACE_DOWN);
    pano_face_from_dir(pano_dir_from_angles(0, -60), &s, &t);
    assert_true(t < -0.5);
}

static void pattern_jpeg_bakes_upright_and_unmirrored(void **state)
{
    struct pano_cube cube;

    (void)state;
    bake_pattern("pattern.jpg", false, &cube);
    check_pattern_faces(&cube);
    pano_cube_finish(&cube);
}

static void pattern_png_bakes_upright_and_unmirrored(void **state)
{
    struct pano_cube cube;

    (void)state;
    bake_pattern("pattern.png", true, &cube);
    check_pattern_faces(&cube);
    pano_cube_finish(&cube);
}

/* ---- the car ---- */

static void car_manifest_records_the_bake(void **state)
{
    struct pano_manifest m;
    struct pano_err err;
    char hash[PANO_HASH_HEX_LEN + 1];

    (void)state;
    assert_int_equal(pano_manifest_load(car_bake, &m, &err), PANO_OK);
    assert_int_equal(m.version, PANO_BAKE_VERSION);
    assert_int_equal(m.source_width, CAR_W);
    assert_int_equal(m.source_height, CAR_H);
    assert_int_equal(m.tile_size, 512);
    assert_int_equal(m.gutter, 1);
    assert_int_equal(m.level_count, 2);
    assert_int_equal(m.levels[0].face_size, 1024);
    assert_int_equal(m.levels[0].tiles_per_side, 2);
    assert_int_equal(m.levels[1].face_size, 512);
    assert_int_equal(m.levels[1].tiles_per_side, 1);
    assert_int_equal(pano_content_hash(car_source, hash, &err), PANO_OK);
    assert_string_equal(m.content_hash, hash);
    assert_int_equal(pano_manifest_tile_count(&m), 30);
    assert_int_equal(test_count_entries(car_bake, "L"), 2);
}

struct loaded_tile {
    uint8_t rgb[PANO_TILE_BYTES_MAX];
    struct pano_tile tile;
};

static struct loaded_tile *load(int level, enum pano_face face, int row,
                                int col)
{
    struct loaded_tile *t = malloc(sizeof(*t));
    struct pano_tile_id id = {level, face, row, col};
    struct pano_err err;

    t->tile = (struct pano_tile){t->rgb, sizeof(t->rgb), 0, 0};
    if (pano_tile_load(car_bake, &car, id, &t->tile, &err) != PANO_OK)
        fail_msg("%s", err.msg);
    return t;
}

static void every_tile_has_its_gutter(void **state)
{
    (void)state;
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        struct loaded_tile *t = load(0, f, 1, 1);

        assert_int_equal(t->tile.width, 512 + 2);
        assert_int_equal(t->tile.height, 512 + 2);
        free(t);
        t = load(1, f, 0, 0);
        assert_int_equal(t->tile.width, 512 + 2);
        free(t);
    }
}

static const uint8_t *at(const struct loaded_tile *t, int x, int y)
{
    return t->rgb + ((size_t)y * t->tile.width + x) * 3;
}

/* Mean |a - b| along a line of n pixels in two tiles. */
static double line_mae(const struct loaded_tile *a, int ax, int ay,
                       const struct loaded_tile *b, int bx, int by, int dx,
                       int dy, int n)
{
    double sum = 0;

    for (int i = 0; i < n; i++) {
        const uint8_t *p = at(a, ax + i * dx, ay + i * dy);
        const uint8_t *q = at(b, bx + i * dx, by + i * dy);

        for (int c = 0; c < 3; c++)
            sum += abs(p[c] - q[c]);
    }
    return sum / (3.0 * n);
}

static void expect_gutter(const char *what, double mae, double limit)
{
    printf("gutter %-28s MAE %.2f (limit %.1f)\n", what, mae, limit);
    if (mae > limit)
        fail_msg("gutter %s: expected MAE <= %.1f, got %.2f", what, limit, mae);
}

static void gutters_repeat_the_next_tile(void **state)
{
    struct loaded_tile *a = load(0, PANO_FACE_FRONT, 0, 0);
    struct loaded_tile *right = load(0, PANO_FACE_FRONT, 0, 1);
    struct loaded_tile *below = load(0, PANO_FACE_FRONT, 1, 0);

    (void)state;
    /* a's right gutter (x 513) is right's first column (x 1), and back. */
    expect_gutter("front 0_0 | 0_1",
                  line_mae(a, 513, 1, right, 1, 1, 0, 1, 512),
                  GUTTER_MAE_IN_FACE);
    expect_gutter("front 0_1 | 0_0",
                  line_mae(right, 0, 1, a, 512, 1, 0, 1, 512),
                  GUTTER_MAE_IN_FACE);
    expect_gutter("front 0_0 / 1_0",
                  line_mae(a, 1, 513, below, 1, 1, 1, 0, 512),
                  GUTTER_MAE_IN_FACE);
    free(a);
    free(right);
    free(below);
}

static void gutters_repeat_the_next_face(void **state)
{
    struct loaded_tile *front = load(0, PANO_FACE_FRONT, 0, 1);
    struct loaded_tile *right = load(0, PANO_FACE_RIGHT, 0, 0);
    struct loaded_tile *up = load(0, PANO_FACE_UP, 1, 1);
    struct loaded_tile *front_low = load(0, PANO_FACE_FRONT, 1, 1);
    struct loaded_tile *down = load(0, PANO_FACE_DOWN, 0, 1);
    struct loaded_tile *back = load(0, PANO_FACE_BACK, 1, 1);
    struct loaded_tile *left = load(0, PANO_FACE_LEFT, 1, 0);

    (void)state;
    expect_gutter("front | right",
                  line_mae(front, 513, 1, right, 1, 1, 0, 1, 512),
                  GUTTER_MAE_ACROSS_FACES);
    expect_gutter("right | front",
                  line_mae(right, 0, 1, front, 512, 1, 0, 1, 512),
                  GUTTER_MAE_ACROSS_FACES);
    expect_gutter("front / up", line_mae(front, 1, 0, up, 1, 512, 1, 0, 512),
                  GUTTER_MAE_ACROSS_FACES);
    expect_gutter("front / down",
                  line_mae(front_low, 1, 513, down, 1, 1, 1, 0, 512),
                  GUTTER_MAE_ACROSS_FACES);
    expect_gutter("back | left", line_mae(back, 513, 1, left, 1, 1, 0, 1, 512),
                  GUTTER_MAE_ACROSS_FACES);
    free(front);
    free(right);
    free(up);
    free(front_low);
    free(down);
    free(back);
    free(left);
}

static void coarser_level_is_the_2x2_average(void **state)
{
    struct pano_cube fine, coarse;
    struct pano_err err;

    (void)state;
    assert_int_equal(pano_cube_load(car_bake, &car, 0, &fine, &err), PANO_OK);
    assert_int_equal(pano_cube_load(car_bake, &car, 1, &coarse, &err), PANO_OK);
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        const struct pano_image *a = &fine.faces[f], *b = &coarse.faces[f];
        double sum = 0;

        for (int y = 0; y < coarse.face_size; y++) {
            for (int x = 0; x < coarse.face_size; x++) {
                const uint8_t *q =
                    b->rgb + ((size_t)(y + 1) * b->width + x + 1) * 3;
                const uint8_t *p =
                    a->rgb + ((size_t)(2 * y + 1) * a->width + 2 * x + 1) * 3;
                size_t row = (size_t)a->width * 3;

                for (int c = 0; c < 3; c++) {
                    int avg =
                        (p[c] + p[c + 3] + p[row + c] + p[row + c + 3] + 2) / 4;
                    sum += abs(avg - q[c]);
                }
            }
        }
        double mae = sum / (3.0 * coarse.face_size * coarse.face_size);
        printf("level 1 %-5s vs 2x2 average of level 0: MAE %.2f\n",
               pano_face_name(f), mae);
        if (mae > LEVEL_MAE)
            fail_msg("%s: expected MAE <= %.1f, got %.2f", pano_face_name(f),
                     LEVEL_MAE, mae);
    }
    pano_cube_finish(&fine);
    pano_cube_finish(&coarse);
}

static int red_excess(const uint8_t *p)
{
    int other = p[1] > p[2] ? p[1] : p[2];

    return p[0] - other;
}

/* SOURCES.md: the steering-wheel hub at yaw 0, pitch -22 (column 2048, row
 * 1274), and the red buckle on the right at yaw +68; the red part's centre
 * is at column 2824, row 1537 (pitch -45.2; SOURCES gives row 1553, just
 * below it, on the seat's edge). */
static void yaw_0_looks_at_the_dashboard(void **state)
{
    struct pano_cube cube;
    struct pano_image source;
    struct pano_err err;
    uint8_t baked[3], hub[3], buckle[3], mirrored[3];

    (void)state;
    assert_int_equal(pano_image_load(car_source, 1, &source, &err), PANO_OK);
    assert_int_equal(pano_cube_load(car_bake, &car, 0, &cube, &err), PANO_OK);

    pano_cube_sample(&cube, pano_dir_from_angles(0, -22), baked);
    memcpy(hub, source.rgb + ((size_t)1274 * CAR_W + 2048) * 3, 3);
    printf("hub: source (%d,%d,%d), baked (%d,%d,%d)\n", hub[0], hub[1], hub[2],
           baked[0], baked[1], baked[2]);
    assert_true(test_rgb_distance(
                    baked, (struct test_rgb){hub[0], hub[1], hub[2]}) <= 16);

    pano_cube_sample(&cube, pano_dir_from_angles(68.2, -45.2), buckle);
    pano_cube_sample(&cube, pano_dir_from_angles(-68.2, -45.2), mirrored);
    printf("buckle (%d,%d,%d), mirrored place (%d,%d,%d)\n", buckle[0],
           buckle[1], buckle[2], mirrored[0], mirrored[1], mirrored[2]);
    assert_true(red_excess(buckle) > 100);
    assert_true(red_excess(mirrored) < 70);
    pano_cube_finish(&cube);
    pano_image_finish(&source);
}

static void damaged_tile_is_reported(void **state)
{
    char path[TEST_PATH_MAX];
    struct pano_tile_id id = {1, PANO_FACE_BACK, 0, 0};
    struct loaded_tile *t = malloc(sizeof(*t));
    struct pano_err err;
    size_t size;

    (void)state;
    assert_true(pano_tile_path(path, sizeof(path), car_bake, id));
    uint8_t *bytes = test_read_bytes(path, &size);
    assert_true(test_write_bytes(path, bytes, size / 3));
    t->tile = (struct pano_tile){t->rgb, sizeof(t->rgb), 0, 0};
    assert_int_equal(pano_tile_load(car_bake, &car, id, &t->tile, &err),
                     PANO_E_INPUT);
    assert_non_null(strstr(err.msg, "damaged tile"));

    struct pano_tile_id outside = {0, PANO_FACE_BACK, 2, 0};
    assert_int_equal(pano_tile_load(car_bake, &car, outside, &t->tile, &err),
                     PANO_E_INPUT);
    /* Put it back for the tests that follow. */
    assert_true(test_write_bytes(path, bytes, size));
    free(bytes);
    free(t);
}

static void expect_manifest_refused(const char *json, enum pano_result want,
                                    const char *want_msg)
{
    char bake[TEST_PATH_MAX], path[TEST_PATH_MAX];
    struct pano_manifest m;
    struct pano_err err;

    test_join(bake, dir, "foreign");
    test_join(path, bake, PANO_MANIFEST_NAME);
    test_remove(bake);
    assert_int_equal(pano_fs_mkdirs(bake, &err), PANO_OK);
    if (json)
        assert_true(test_write_bytes(path, json, strlen(json)));

    enum pano_result r = pano_manifest_load(bake, &m, &err);
    if (r != want || !strstr(err.msg, want_msg))
        fail_msg("expected %s with \"%s\", got %s: \"%s\"",
                 pano_result_name(want), want_msg, pano_result_name(r),
                 err.msg);
    test_remove(bake);
}

/* A one-level manifest: version, source width and height, hash digit. */
#define MANIFEST_FMT                                                           \
    "{\"format\": \"vitrine-panorama-bake\", \"version\": %d, "                \
    "\"source\": {\"width\": %d, \"height\": %d, \"blake2b_256\": "            \
    "\"%064d\"}, \"tile_size\": 512, \"gutter\": 1, \"levels\": "              \
    "[{\"face_size\": 512, \"tiles_per_side\": 1}]}"

static void foreign_manifests_are_refused(void **state)
{
    char json[1024];

    (void)state;
    expect_manifest_refused(NULL, PANO_E_IO, "cannot open");
    expect_manifest_refused("{not json", PANO_E_INPUT, "not a valid");
    snprintf(json, sizeof(json), MANIFEST_FMT, 1, 1024, 512, 0);
    expect_manifest_refused(json, PANO_OK, "");
    snprintf(json, sizeof(json), MANIFEST_FMT, 2, 1024, 512, 0);
    expect_manifest_refused(json, PANO_E_INPUT, "version 2, expected 1");
    snprintf(json, sizeof(json), MANIFEST_FMT, 1, 2147483647, 512, 0);
    expect_manifest_refused(json, PANO_E_INPUT, "differ from");
    snprintf(json, sizeof(json), MANIFEST_FMT, 1, 4096, 2048, 0);
    expect_manifest_refused(json, PANO_E_INPUT, "differ from");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plan_halves_down_to_one_tile),
        cmocka_unit_test(last_tile_of_a_row_may_be_narrower),
        cmocka_unit_test(pattern_jpeg_bakes_upright_and_unmirrored),
        cmocka_unit_test(pattern_png_bakes_upright_and_unmirrored),
        cmocka_unit_test(car_manifest_records_the_bake),
        cmocka_unit_test(every_tile_has_its_gutter),
        cmocka_unit_test(gutters_repeat_the_next_tile),
        cmocka_unit_test(gutters_repeat_the_next_face),
        cmocka_unit_test(coarser_level_is_the_2x2_average),
        cmocka_unit_test(yaw_0_looks_at_the_dashboard),
        cmocka_unit_test(damaged_tile_is_reported),
        cmocka_unit_test(foreign_manifests_are_refused),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
