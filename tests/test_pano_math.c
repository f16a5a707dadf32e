/*
 * Tests for pano_math and pano_camera: the axes, the equirect convention
 * of the sample panoramas, the cube faces (upright, unmirrored, meeting
 * edge to edge), and the camera's rays, projection and limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>

#include "pano_camera.h"
#include "pano_math.h"

static const double EPS = 1e-9;
static const double PIXEL_EPS = 1e-6;

#define expect_near(got, want, eps)                                            \
    check_near((got), (want), (eps), #got, __FILE__, __LINE__)

static void check_near(double got, double want, double eps, const char *what,
                       const char *file, int line)
{
    if (fabs(got - want) <= eps)
        return;
    print_error("%s: expected %.9f, got %.9f\n", what, want, got);
    _fail(file, line);
}

static void expect_vec(struct pano_vec3 got, double x, double y, double z)
{
    expect_near(got.x, x, EPS);
    expect_near(got.y, y, EPS);
    expect_near(got.z, z, EPS);
}

static struct pano_vec3 cross(struct pano_vec3 a, struct pano_vec3 b)
{
    return (struct pano_vec3){a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z,
                              a.x * b.y - a.y * b.x};
}

static void yaw_0_is_forward_and_yaw_grows_to_the_right(void **state)
{
    (void)state;
    expect_vec(pano_dir_from_angles(0, 0), 0, 0, 1);
    expect_vec(pano_dir_from_angles(90, 0), 1, 0, 0);
    expect_vec(pano_dir_from_angles(-90, 0), -1, 0, 0);
    expect_vec(pano_dir_from_angles(180, 0), 0, 0, -1);
    expect_vec(pano_dir_from_angles(0, 90), 0, 1, 0);
    expect_vec(pano_dir_from_angles(0, -90), 0, -1, 0);
}

static void angles_round_trip(void **state)
{
    (void)state;
    for (int yaw = -175; yaw < 180; yaw += 25) {
        for (int pitch = -85; pitch <= 85; pitch += 17) {
            double y, p;

            pano_dir_to_angles(pano_dir_from_angles(yaw, pitch), &y, &p);
            expect_near(y, yaw, 1e-9);
            expect_near(p, pitch, 1e-9);
        }
    }
}

static void equirect_follows_the_samples_convention(void **state)
{
    const int w = 4096, h = 2048;
    double x, y;

    (void)state;
    pano_equirect_from_dir(pano_dir_from_angles(0, 0), w, h, &x, &y);
    expect_near(x, w / 2.0, PIXEL_EPS);
    expect_near(y, h / 2.0, PIXEL_EPS);
    pano_equirect_from_dir(pano_dir_from_angles(90, 0), w, h, &x, &y);
    expect_near(x, 3 * w / 4.0, PIXEL_EPS);
    pano_equirect_from_dir(pano_dir_from_angles(-90, 0), w, h, &x, &y);
    expect_near(x, w / 4.0, PIXEL_EPS);
    pano_equirect_from_dir(pano_dir_from_angles(0, 90), w, h, &x, &y);
    expect_near(y, 0, PIXEL_EPS);

    /* Where SOURCES.md finds things in car_interior_4096x2048.jpg. */
    pano_equirect_from_dir(pano_dir_from_angles(0, -22), w, h, &x, &y);
    assert_int_equal((int)x, 2048);
    assert_int_equal((int)y, 1274);
    pano_equirect_from_dir(pano_dir_from_angles(29.4, 0), w, h, &x, &y);
    assert_int_equal((int)x, 2382);
}

static void equirect_pixel_centres_round_trip(void **state)
{
    const int w = 1024, h = 512;

    (void)state;
    for (int c = 0; c < w; c += 37) {
        for (int r = 1; r < h; r += 29) {
            double x, y;
            struct pano_vec3 d = pano_dir_from_equirect(c + 0.5, r + 0.5, w, h);

            pano_equirect_from_dir(d, w, h, &x, &y);
            expect_near(x, c + 0.5, PIXEL_EPS);
            expect_near(y, r + 0.5, PIXEL_EPS);
        }
    }
    /* Column c looks along yaw (c + 0.5) * 360 / W - 180. */
    double yaw, pitch;
    pano_dir_to_angles(pano_dir_from_equirect(0.5, h / 2.0, w, h), &yaw,
                       &pitch);
    expect_near(yaw, 0.5 * 360.0 / w - 180, 1e-9);
}

static void faces_look_along_their_axes(void **state)
{
    (void)state;
    expect_vec(pano_face_dir(PANO_FACE_RIGHT, 0, 0), 1, 0, 0);
    expect_vec(pano_face_dir(PANO_FACE_LEFT, 0, 0), -1, 0, 0);
    expect_vec(pano_face_dir(PANO_FACE_UP, 0, 0), 0, 1, 0);
    expect_vec(pano_face_dir(PANO_FACE_DOWN, 0, 0), 0, -1, 0);
    expect_vec(pano_face_dir(PANO_FACE_FRONT, 0, 0), 0, 0, 1);
    expect_vec(pano_face_dir(PANO_FACE_BACK, 0, 0), 0, 0, -1);
    assert_string_equal(pano_face_name(PANO_FACE_FRONT), "front");
}

/* Seen from inside, right x down = -forward on every face, as on the
 * front face whose right is +x and down is -y: nothing is mirrored. */
static void faces_are_unmirrored_from_inside(void **state)
{
    (void)state;
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        const struct pano_face_axes *ax = pano_face_axes(f);
        struct pano_vec3 c = cross(ax->right, ax->down);

        expect_vec(c, -ax->forward.x, -ax->forward.y, -ax->forward.z);
    }
    /* The side faces are upright, and the up face has the front below. */
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        if (f != PANO_FACE_UP && f != PANO_FACE_DOWN)
            expect_vec(pano_face_axes(f)->down, 0, -1, 0);
    }
    expect_vec(pano_face_axes(PANO_FACE_UP)->down, 0, 0, 1);
    expect_vec(pano_face_axes(PANO_FACE_DOWN)->down, 0, 0, -1);
}

static bool parallel(struct pano_vec3 a, struct pano_vec3 b)
{
    struct pano_vec3 c = cross(a, b);

    return pano_vec3_length(c) < 1e-12 && pano_vec3_dot(a, b) > 0;
}

static void face_edges_meet(void **state)
{
    (void)state;
    for (double u = -1; u <= 1; u += 0.25) {
        assert_true(parallel(pano_face_dir(PANO_FACE_FRONT, 1, u),
                             pano_face_dir(PANO_FACE_RIGHT, -1, u)));
        assert_true(parallel(pano_face_dir(PANO_FACE_RIGHT, 1, u),
                             pano_face_dir(PANO_FACE_BACK, -1, u)));
        assert_true(parallel(pano_face_dir(PANO_FACE_BACK, 1, u),
                             pano_face_dir(PANO_FACE_LEFT, -1, u)));
        assert_true(parallel(pano_face_dir(PANO_FACE_LEFT, 1, u),
                             pano_face_dir(PANO_FACE_FRONT, -1, u)));
        assert_true(parallel(pano_face_dir(PANO_FACE_FRONT, u, -1),
                             pano_face_dir(PANO_FACE_UP, u, 1)));
        assert_true(parallel(pano_face_dir(PANO_FACE_FRONT, u, 1),
                             pano_face_dir(PANO_FACE_DOWN, u, -1)));
    }
}

static void face_from_dir_round_trips(void **state)
{
    (void)state;
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        for (double s = -0.95; s < 1; s += 0.3) {
            for (double t = -0.95; t < 1; t += 0.3) {
                double s2, t2;
                struct pano_vec3 d = pano_face_dir(f, s, t);

                assert_int_equal(pano_face_from_dir(d, &s2, &t2), f);
                expect_near(s2, s, EPS);
                expect_near(t2, t, EPS);
            }
        }
    }
}

static struct pano_camera camera(double yaw, double pitch, double fov)
{
    return (struct pano_camera){yaw, pitch, fov, 800, 600};
}

static void centre_ray_is_the_view_direction(void **state)
{
    struct pano_camera cam = camera(37, -21, 75);
    struct pano_view view;
    double yaw, pitch;

    (void)state;
    pano_view_init(&view, &cam);
    pano_dir_to_angles(pano_view_ray(&view, 400, 300), &yaw, &pitch);
    expect_near(yaw, 37, 1e-9);
    expect_near(pitch, -21, 1e-9);
}

static void right_edge_is_half_the_fov_to_the_right(void **state)
{
    struct pano_camera cam = camera(10, 0, 90);
    struct pano_view view;
    double yaw, pitch;

    (void)state;
    pano_view_init(&view, &cam);
    pano_dir_to_angles(pano_view_ray(&view, 800, 300), &yaw, &pitch);
    expect_near(yaw, 55, 1e-9);
    pano_dir_to_angles(pano_view_ray(&view, 400, 0), &yaw, &pitch);
    expect_near(pitch, pano_camera_vfov_deg(&cam) / 2, 1e-9);
    assert_true(pitch > 0); /* screen top looks up */
}

static void project_inverts_ray(void **state)
{
    (void)state;
    for (int k = 0; k < 12; k++) {
        struct pano_camera cam =
            camera(-170 + 31 * k, -80 + 15 * k, 40 + 5 * k);
        struct pano_view view;

        pano_view_init(&view, &cam);
        for (double x = 0.5; x < 800; x += 97.3) {
            for (double y = 0.5; y < 600; y += 71.1) {
                double px, py;

                assert_true(pano_view_project(&view, pano_view_ray(&view, x, y),
                                              &px, &py));
                expect_near(px, x, 1e-6);
                expect_near(py, y, 1e-6);
            }
        }
    }
}

static void directions_behind_do_not_project(void **state)
{
    struct pano_camera cam = camera(0, 0, 90);
    struct pano_view view;
    double x, y;

    (void)state;
    pano_view_init(&view, &cam);
    assert_false(
        pano_view_project(&view, pano_dir_from_angles(180, 0), &x, &y));
    assert_false(pano_view_project(&view, pano_dir_from_angles(90, 0), &x, &y));
}

/* Looking straight up with yaw 0 the front is at the bottom of the screen;
 * looking straight down it is at the top. */
static void poles_keep_the_front_towards_the_horizon(void **state)
{
    struct pano_vec3 front_up = pano_dir_from_angles(0, 60);
    struct pano_vec3 front_down = pano_dir_from_angles(0, -60);
    struct pano_camera up = camera(0, 90, 90), down = camera(0, -90, 90);
    struct pano_view view;
    double x, y;

    (void)state;
    pano_view_init(&view, &up);
    assert_true(pano_view_project(&view, front_up, &x, &y));
    expect_near(x, 400, 1e-6);
    assert_true(y > 300);
    pano_view_init(&view, &down);
    assert_true(pano_view_project(&view, front_down, &x, &y));
    assert_true(y < 300);
}

static void clamp_wraps_and_limits(void **state)
{
    struct pano_limits limits;
    struct pano_camera cam = camera(190, 95, 150);

    (void)state;
    pano_limits_default(&limits);
    pano_camera_clamp(&cam, &limits);
    expect_near(cam.yaw_deg, -170, EPS);
    expect_near(cam.pitch_deg, 90, EPS);
    expect_near(cam.fov_deg, limits.fov_max_deg, EPS);

    cam = camera(0, -95, 5);
    pano_camera_clamp(&cam, &limits);
    expect_near(cam.pitch_deg, -90, EPS);
    expect_near(cam.fov_deg, limits.fov_min_deg, EPS);
}

static void yaw_range_across_the_seam(void **state)
{
    struct pano_limits limits;
    struct pano_camera cam = camera(-175, 0, 60);

    (void)state;
    pano_limits_default(&limits);
    limits.yaw_full_circle = false;
    limits.yaw_min_deg = 150;
    limits.yaw_max_deg = 210;

    pano_camera_clamp(&cam, &limits); /* -175 is 185: inside */
    expect_near(cam.yaw_deg, -175, EPS);
    cam.yaw_deg = -140; /* 220: just past the max */
    pano_camera_clamp(&cam, &limits);
    expect_near(cam.yaw_deg, -150, EPS);
    cam.yaw_deg = 100; /* short of the min */
    pano_camera_clamp(&cam, &limits);
    expect_near(cam.yaw_deg, 150, EPS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(yaw_0_is_forward_and_yaw_grows_to_the_right),
        cmocka_unit_test(angles_round_trip),
        cmocka_unit_test(equirect_follows_the_samples_convention),
        cmocka_unit_test(equirect_pixel_centres_round_trip),
        cmocka_unit_test(faces_look_along_their_axes),
        cmocka_unit_test(faces_are_unmirrored_from_inside),
        cmocka_unit_test(face_edges_meet),
        cmocka_unit_test(face_from_dir_round_trips),
        cmocka_unit_test(centre_ray_is_the_view_direction),
        cmocka_unit_test(right_edge_is_half_the_fov_to_the_right),
        cmocka_unit_test(project_inverts_ray),
        cmocka_unit_test(directions_behind_do_not_project),
        cmocka_unit_test(poles_keep_the_front_towards_the_horizon),
        cmocka_unit_test(clamp_wraps_and_limits),
        cmocka_unit_test(yaw_range_across_the_seam),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
