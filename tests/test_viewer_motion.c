/*
 * How touches move the viewer's camera: the grabbed point stays under the
 * finger, a flick coasts and slows down, a pinch zooms about its centre,
 * a double tap zooms in and back out, limits hold, and the camera turns
 * by itself only after a quiet spell.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>

#include "viewer_motion.h"

enum { W = 1920, H = 1080 };

static struct viewer_motion m;

static void start(double yaw, double pitch, double fov)
{
    struct pano_camera cam = {yaw, pitch, fov, W, H};
    struct pano_limits limits;

    pano_limits_default(&limits);
    limits.fov_min_deg = 30;
    limits.fov_max_deg = 100;
    m.auto_rotate_after_ms = 0;
    viewer_motion_reset(&m, &cam, &limits, 1000);
}

static void angles_under(float x, float y, double *yaw, double *pitch)
{
    struct pano_view view;

    pano_view_init(&view, &m.cam);
    pano_dir_to_angles(pano_view_ray(&view, x, y), yaw, pitch);
}

static void expect_near(double got, double want, double tolerance,
                        const char *what)
{
    if (fabs(got - want) > tolerance)
        fail_msg("%s: expected %.3f (within %.3f), got %.3f", what, want,
                 tolerance, got);
}

/* A drag from (x0, y0) to (x1, y1) in steps of 16 ms over ms. */
static uint64_t drag(float x0, float y0, float x1, float y1, uint64_t t,
                     uint64_t ms, bool lift)
{
    int steps = (int)(ms / 16);

    viewer_motion_down(&m, 1, x0, y0, t);
    for (int i = 1; i <= steps; i++) {
        float f = (float)i / (float)steps;

        t += 16;
        viewer_motion_move(&m, 1, x0 + (x1 - x0) * f, y0 + (y1 - y0) * f, t);
    }
    if (lift)
        viewer_motion_up(&m, 1, x1, y1, t);
    return t;
}

static void test_dragged_point_stays_under_the_finger(void **state)
{
    double yaw, pitch, grab_yaw, grab_pitch;

    (void)state;
    start(20, 0, 90);
    angles_under(700, 400, &grab_yaw, &grab_pitch);
    drag(700, 400, 1300, 520, 1000, 400, false);
    angles_under(1300, 520, &yaw, &pitch);
    expect_near(yaw, grab_yaw, 0.01, "yaw under the finger");
    expect_near(pitch, grab_pitch, 0.01, "pitch under the finger");
    /* Dragging right turns the view left. */
    if (!(m.cam.yaw_deg < 20))
        fail_msg("expected the yaw to fall below 20, got %.2f", m.cam.yaw_deg);
}

static void test_drag_down_looks_up(void **state)
{
    (void)state;
    start(0, 0, 90);
    drag(960, 300, 960, 700, 1000, 300, false);
    if (!(m.cam.pitch_deg > 10))
        fail_msg("expected the pitch to rise past 10, got %.2f",
                 m.cam.pitch_deg);
    expect_near(m.cam.yaw_deg, 0, 0.001, "yaw");
}

static void test_flick_coasts_and_slows_to_a_stop(void **state)
{
    uint64_t t;
    double at_release, previous_step = 1e9;

    (void)state;
    start(0, 0, 90);
    t = drag(1400, 540, 600, 540, 1000, 160, true);
    assert_int_equal(m.gesture, VIEWER_COAST);
    at_release = m.cam.yaw_deg;
    for (int i = 0; i < 400 && m.gesture == VIEWER_COAST; i++) {
        double before = m.cam.yaw_deg;

        t += 16;
        assert_true(viewer_motion_step(&m, t));
        if (fabs(m.cam.yaw_deg - before) > previous_step + 1e-9)
            fail_msg("expected each step to be slower, got %.4f after %.4f",
                     fabs(m.cam.yaw_deg - before), previous_step);
        previous_step = fabs(m.cam.yaw_deg - before);
    }
    assert_int_equal(m.gesture, VIEWER_IDLE);
    if (!(m.cam.yaw_deg > at_release + 5))
        fail_msg("expected the coast to carry on past %.2f, got %.2f",
                 at_release + 5, m.cam.yaw_deg);
    assert_false(viewer_motion_step(&m, t + 16));
}

static void test_pause_before_lifting_does_not_coast(void **state)
{
    uint64_t t;

    (void)state;
    start(0, 0, 90);
    t = drag(1400, 540, 600, 540, 1000, 160, false);
    viewer_motion_up(&m, 1, 600, 540, t + 200);
    assert_int_equal(m.gesture, VIEWER_IDLE);
}

static void pinch(float distance0, float distance1, float cx, float cy)
{
    viewer_motion_down(&m, 1, cx - distance0 / 2, cy, 1000);
    viewer_motion_down(&m, 2, cx + distance0 / 2, cy, 1000);
    viewer_motion_move(&m, 1, cx - distance1 / 2, cy, 1100);
    viewer_motion_move(&m, 2, cx + distance1 / 2, cy, 1100);
}

static void test_pinch_zooms_about_its_centre(void **state)
{
    double yaw0, pitch0, yaw, pitch;

    (void)state;
    start(0, 0, 80);
    angles_under(1300, 700, &yaw0, &pitch0);
    pinch(300, 600, 1300, 700);
    expect_near(m.cam.fov_deg, 40, 1e-9, "fov after spreading to twice");
    angles_under(1300, 700, &yaw, &pitch);
    expect_near(yaw, yaw0, 0.01, "yaw under the pinch");
    expect_near(pitch, pitch0, 0.01, "pitch under the pinch");
    viewer_motion_up(&m, 2, 1450, 700, 1200);
    assert_int_equal(m.gesture, VIEWER_DRAG); /* the other finger drags */
}

static void test_pinch_stops_at_the_fov_limits(void **state)
{
    (void)state;
    start(0, 0, 80);
    pinch(300, 3000, 960, 540);
    expect_near(m.cam.fov_deg, 30, 1e-9, "fov at the narrow limit");
    start(0, 0, 80);
    pinch(600, 100, 960, 540);
    expect_near(m.cam.fov_deg, 100, 1e-9, "fov at the wide limit");
}

static void tap(float x, float y, uint64_t t)
{
    viewer_motion_down(&m, 1, x, y, t);
    viewer_motion_up(&m, 1, x, y, t + 60);
}

static void test_double_tap_zooms_in_then_back_out(void **state)
{
    double yaw0, pitch0, yaw, pitch;
    uint64_t t = 2000;

    (void)state;
    start(0, -10, 90);
    angles_under(1505, 305, &yaw0, &pitch0);
    tap(1500, 300, t);
    tap(1505, 305, t + 200);
    assert_int_equal(m.gesture, VIEWER_ZOOM);
    for (t += 276; m.gesture == VIEWER_ZOOM; t += 16)
        viewer_motion_step(&m, t);
    expect_near(m.cam.fov_deg, 45, 1e-9, "fov after a double tap");
    angles_under(1505, 305, &yaw, &pitch);
    expect_near(yaw, yaw0, 0.01, "yaw under the tap");
    tap(900, 500, t + 1000);
    tap(900, 500, t + 1200);
    for (t += 1276; m.gesture == VIEWER_ZOOM; t += 16)
        viewer_motion_step(&m, t);
    expect_near(m.cam.fov_deg, 90, 1e-9, "fov after the second double tap");
}

static void test_slow_taps_are_not_a_double_tap(void **state)
{
    (void)state;
    start(0, 0, 90);
    tap(900, 500, 2000);
    tap(900, 500, 2600);
    assert_int_equal(m.gesture, VIEWER_IDLE);
    expect_near(m.cam.fov_deg, 90, 1e-9, "fov");
}

static void test_pitch_stops_at_the_limit(void **state)
{
    (void)state;
    start(0, 0, 90);
    m.limits.pitch_max_deg = 30;
    drag(960, 100, 960, 1000, 1000, 300, false);
    expect_near(m.cam.pitch_deg, 30, 1e-9, "pitch at its limit");
}

static void test_yaw_range_holds_across_the_seam(void **state)
{
    struct pano_camera cam = {180, 0, 90, W, H};
    struct pano_limits limits;

    (void)state;
    pano_limits_default(&limits);
    limits.yaw_full_circle = false;
    limits.yaw_min_deg = 150;
    limits.yaw_max_deg = 210;
    viewer_motion_reset(&m, &cam, &limits, 1000);
    for (int i = 0; i < 20; i++)
        viewer_motion_key(&m, SDLK_RIGHT, 1000);
    expect_near(m.cam.yaw_deg, -150, 1e-9, "yaw at the range's end");
}

static void test_turns_by_itself_only_after_a_quiet_spell(void **state)
{
    (void)state;
    start(0, 0, 90);
    viewer_motion_set_auto_rotate(&m, 5000, 6);
    assert_int_equal(viewer_motion_wake_ms(&m, 1000), 6000);
    assert_false(viewer_motion_step(&m, 5000));
    assert_true(viewer_motion_step(&m, 6000));
    assert_true(viewer_motion_step(&m, 7000));
    expect_near(m.cam.yaw_deg, 6, 1e-9, "yaw after a second of turning");
    viewer_motion_down(&m, 1, 500, 500, 7100);
    assert_int_equal(viewer_motion_wake_ms(&m, 7100), UINT64_MAX);
    viewer_motion_up(&m, 1, 500, 500, 7150);
    assert_false(viewer_motion_step(&m, 8000));
}

static void test_wheel_zooms_in_about_the_pointer(void **state)
{
    (void)state;
    start(0, 0, 90);
    viewer_motion_wheel(&m, 960, 540, 2, 1000);
    expect_near(m.cam.fov_deg, 90 * 0.81, 1e-9, "fov after two notches");
    expect_near(m.cam.yaw_deg, 0, 1e-9, "yaw");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dragged_point_stays_under_the_finger),
        cmocka_unit_test(test_drag_down_looks_up),
        cmocka_unit_test(test_flick_coasts_and_slows_to_a_stop),
        cmocka_unit_test(test_pause_before_lifting_does_not_coast),
        cmocka_unit_test(test_pinch_zooms_about_its_centre),
        cmocka_unit_test(test_pinch_stops_at_the_fov_limits),
        cmocka_unit_test(test_double_tap_zooms_in_then_back_out),
        cmocka_unit_test(test_slow_taps_are_not_a_double_tap),
        cmocka_unit_test(test_pitch_stops_at_the_limit),
        cmocka_unit_test(test_yaw_range_holds_across_the_seam),
        cmocka_unit_test(test_turns_by_itself_only_after_a_quiet_spell),
        cmocka_unit_test(test_wheel_zooms_in_about_the_pointer),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
