/*
 * Tests for pano_reference: on the calibrated pattern, the camera looks
 * where its yaw and pitch say, unmirrored, from the equirect image and
 * from a bake alike; on the sample car interior, rendering from the baked
 * faces matches rendering from the source over 20 views (straight up and
 * down, across the 0/360 seam, at face edges and corners) with a PSNR of
 * at least 35 dB.
 *
 * 35 dB is a mean error of about 2 of 255 levels: what a JPEG tile at
 * quality 92 plus one extra bilinear resampling costs on sharp content,
 * and well below what a seam, a shifted face or a mirrored one would give
 * (those fall under 20 dB).
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
#include "pano_reference.h"
#include "pano_source.h"
#include "test_pano_util.h"

enum {
    PATTERN_W = 1024,
    PATTERN_H = 512,
    SHOT_W = 200,
    SHOT_H = 200,
    VIEW_W = 400,
    VIEW_H = 300,
    COLOUR_TOLERANCE = 12,
};

/* 400 px over 35 degrees is about the car's 11.4 source px per degree, so
 * neither path minifies (which would alias them differently). */
static const double VIEW_FOV_DEG = 35;
static const double MIN_PSNR_DB = 35;
static const double MIN_VIEW_PSNR_DB = 32;

struct fixture {
    char dir[TEST_PATH_MAX];
    struct pano_image pattern;
    struct pano_cube pattern_cube;
};

static struct fixture fx;

static int group_setup(void **state)
{
    char src[TEST_PATH_MAX], out[TEST_PATH_MAX];
    struct pano_manifest m;
    struct pano_err err;

    (void)state;
    test_scratch_dir("reference", fx.dir);
    test_join(src, fx.dir, "pattern.png");
    test_join(out, fx.dir, "pattern.bake");
    test_pattern_image(PATTERN_W, PATTERN_H, &fx.pattern);
    if (!test_write_png(src, &fx.pattern) ||
        pano_bake(src, out, NULL, NULL, &err) != PANO_OK ||
        pano_manifest_load(out, &m, &err) != PANO_OK ||
        pano_cube_load(out, &m, 0, &fx.pattern_cube, &err) != PANO_OK) {
        fprintf(stderr, "pattern bake failed: %s\n", err.msg);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    pano_image_finish(&fx.pattern);
    pano_cube_finish(&fx.pattern_cube);
    test_remove(fx.dir);
    return 0;
}

/* ---- orientation ---- */

struct shot {
    uint8_t rgb[SHOT_W * SHOT_H * 3];
};

static void render_both(double yaw, double pitch, double fov,
                        struct shot *from_equirect, struct shot *from_cube)
{
    struct pano_camera cam = {yaw, pitch, fov, SHOT_W, SHOT_H};
    struct pano_target a = {from_equirect->rgb, SHOT_W * 3, PANO_PIXELS_RGB};
    struct pano_target b = {from_cube->rgb, SHOT_W * 3, PANO_PIXELS_RGB};

    pano_reference_equirect(&fx.pattern, &cam, &a);
    pano_reference_cube(&fx.pattern_cube, &cam, &b);
}

static void expect_at(const struct shot *shot, const char *source, double x,
                      double y, const struct test_spot *spot, double yaw,
                      double pitch)
{
    if (x < 0 || x >= SHOT_W || y < 0 || y >= SHOT_H)
        fail_msg("camera yaw %g pitch %g: %s expected at (%.1f,%.1f), off "
                 "the %dx%d screen",
                 yaw, pitch, spot->name, x, y, SHOT_W, SHOT_H);

    const uint8_t *p = shot->rgb + ((size_t)y * SHOT_W + (size_t)x) * 3;
    if (test_rgb_distance(p, spot->rgb) <= COLOUR_TOLERANCE)
        return;
    fail_msg("camera yaw %g pitch %g, %s, pixel (%d,%d): expected %s "
             "(%d,%d,%d), got (%d,%d,%d)",
             yaw, pitch, source, (int)x, (int)y, spot->name, spot->rgb.r,
             spot->rgb.g, spot->rgb.b, p[0], p[1], p[2]);
}

static void expect_centre(double yaw, double pitch,
                          const struct test_spot *spot)
{
    struct shot *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));

    render_both(yaw, pitch, 90, a, b);
    expect_at(a, "equirect", SHOT_W / 2, SHOT_H / 2, spot, yaw, pitch);
    expect_at(b, "baked", SHOT_W / 2, SHOT_H / 2, spot, yaw, pitch);
    free(a);
    free(b);
}

static void camera_looks_where_yaw_and_pitch_say(void **state)
{
    (void)state;
    expect_centre(0, 0, &test_spot_front);
    expect_centre(90, 0, &test_spot_right);
    expect_centre(-90, 0, &test_spot_left);
    expect_centre(180, 0, &test_spot_back);
    expect_centre(-180, 0, &test_spot_back);
    expect_centre(0, 90, &test_spot_up);
    expect_centre(0, -90, &test_spot_down);
    expect_centre(30, 30, &test_spot_marker);
}

/* Where the camera math puts a spot, both renderers show it. */
static void expect_spot_projected(double yaw, double pitch,
                                  const struct test_spot *spot, double *x,
                                  double *y)
{
    struct pano_camera cam = {yaw, pitch, 90, SHOT_W, SHOT_H};
    struct pano_view view;
    struct shot *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));

    pano_view_init(&view, &cam);
    assert_true(pano_view_project(
        &view, pano_dir_from_angles(spot->yaw_deg, spot->pitch_deg), x, y));
    render_both(yaw, pitch, 90, a, b);
    expect_at(a, "equirect", *x, *y, spot, yaw, pitch);
    expect_at(b, "baked", *x, *y, spot, yaw, pitch);
    free(a);
    free(b);
}

static void marker_is_up_right_and_not_mirrored(void **state)
{
    double x, y, tail_x, tail_y;

    (void)state;
    expect_spot_projected(0, 0, &test_spot_marker, &x, &y);
    assert_true(x > SHOT_W / 2.0 && y < SHOT_H / 2.0);
    expect_spot_projected(0, 0, &test_spot_marker_tail, &tail_x, &tail_y);
    assert_true(tail_x > x);

    /* Turned right by 90 degrees the marker is off to the left. */
    expect_spot_projected(45, 20, &test_spot_marker, &x, &y);
    assert_true(x < SHOT_W / 2.0);
}

static void poles_show_the_front_towards_the_horizon(void **state)
{
    double x, y;

    (void)state;
    expect_spot_projected(0, 90, &test_spot_up_front, &x, &y);
    assert_true(y > SHOT_H / 2.0); /* looking up, the front is below */
    expect_spot_projected(0, -90, &test_spot_down_front, &x, &y);
    assert_true(y < SHOT_H / 2.0); /* looking down, it is above */
    expect_spot_projected(90, 90, &test_spot_up_front, &x, &y);
    assert_true(x < SHOT_W / 2.0); /* facing right and up: front at left */
    expect_spot_projected(-90, 90, &test_spot_up_front, &x, &y);
    assert_true(x > SHOT_W / 2.0);
    expect_spot_projected(180, -90, &test_spot_down_front, &x, &y);
    assert_true(y > SHOT_H / 2.0);
}

static void rgba_target_is_opaque_and_respects_pitch(void **state)
{
    enum { W = 16, H = 8, PITCH = W * 4 + 12 };
    uint8_t pixels[PITCH * H];
    struct pano_camera cam = {0, 0, 20, W, H};
    struct pano_target target = {pixels, PITCH, PANO_PIXELS_RGBA};

    (void)state;
    memset(pixels, 7, sizeof(pixels));
    pano_reference_equirect(&fx.pattern, &cam, &target);
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            const uint8_t *p = pixels + y * PITCH + x * 4;

            assert_int_equal(p[3], 255);
            assert_true(test_rgb_distance(p, test_spot_front.rgb) == 0);
        }
        assert_int_equal(pixels[y * PITCH + W * 4], 7);
    }
}

/* ---- accuracy on the car ---- */

struct view {
    double yaw, pitch;
    const char *why;
};

static const struct view views[] = {
    {0, 0, "front centre"},
    {0, -22, "steering wheel"},
    {29.4, -10, "touchscreen"},
    {68, -45, "buckle"},
    {0, 90, "straight up"},
    {137, 90, "up, turned"},
    {0, -90, "straight down"},
    {-60, -90, "down, turned"},
    {180, 0, "seam"},
    {-179.5, 15, "seam, left"},
    {179.5, -25, "seam, right"},
    {45, 0, "front|right edge"},
    {-45, 10, "left|front edge"},
    {135, -10, "right|back edge"},
    {0, 45, "front/up edge"},
    {90, -45, "right/down edge"},
    {45, 35.26, "cube corner"},
    {-135, -35.26, "cube corner"},
    {-100, 60, "upper left"},
    {110, -70, "lower right"},
};

static void render_view(const void *scene, bool cube, const struct view *v,
                        uint8_t *rgb)
{
    struct pano_camera cam = {v->yaw, v->pitch, VIEW_FOV_DEG, VIEW_W, VIEW_H};
    struct pano_target target = {rgb, VIEW_W * 3, PANO_PIXELS_RGB};

    if (cube)
        pano_reference_cube(scene, &cam, &target);
    else
        pano_reference_equirect(scene, &cam, &target);
}

static void baked_views_match_the_source(void **state)
{
    const char *assets = getenv("VITRINE_ASSETS");
    char src[TEST_PATH_MAX], out[TEST_PATH_MAX];
    struct pano_image source;
    struct pano_cube cube;
    struct pano_manifest m;
    struct pano_err err;
    size_t n = (size_t)VIEW_W * VIEW_H * 3;
    uint8_t *a = malloc(n), *b = malloc(n);
    double mae_sum = 0, mse_sum = 0;

    (void)state;
    test_join(src, assets ? assets : "assets",
              "panoramas/car_interior_4096x2048.jpg");
    test_join(out, fx.dir, "car");
    assert_int_equal(pano_bake(src, out, NULL, NULL, &err), PANO_OK);
    assert_int_equal(pano_manifest_load(out, &m, &err), PANO_OK);
    assert_int_equal(pano_cube_load(out, &m, 0, &cube, &err), PANO_OK);
    assert_int_equal(pano_image_load(src, 1, &source, &err), PANO_OK);

    size_t count = sizeof(views) / sizeof(views[0]);
    for (size_t i = 0; i < count; i++) {
        double mae, psnr;

        render_view(&source, false, &views[i], a);
        render_view(&cube, true, &views[i], b);
        test_compare(a, b, n, &mae, &psnr);
        printf("view yaw %7.2f pitch %6.2f %-18s MAE %.2f PSNR %.1f dB\n",
               views[i].yaw, views[i].pitch, views[i].why, mae, psnr);
        mae_sum += mae;
        mse_sum += 255.0 * 255.0 / pow(10, psnr / 10);
        if (psnr < MIN_VIEW_PSNR_DB)
            fail_msg("%s: expected PSNR >= %.0f dB, got %.1f", views[i].why,
                     MIN_VIEW_PSNR_DB, psnr);
    }
    double psnr_all = 10 * log10(255.0 * 255.0 / (mse_sum / count));
    printf("all %zu views: MAE %.2f PSNR %.1f dB\n", count, mae_sum / count,
           psnr_all);
    assert_true(psnr_all >= MIN_PSNR_DB);

    free(a);
    free(b);
    pano_image_finish(&source);
    pano_cube_finish(&cube);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(camera_looks_where_yaw_and_pitch_say),
        cmocka_unit_test(marker_is_up_right_and_not_mirrored),
        cmocka_unit_test(poles_show_the_front_towards_the_horizon),
        cmocka_unit_test(rgba_target_is_opaque_and_respects_pitch),
        cmocka_unit_test(baked_views_match_the_source),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
