/*
 * The 360° viewer in the real program, headless: the view a visitor sees
 * matches the reference renderer (so it looks where the catalog says and
 * is not mirrored), a drag turns it by the angle under the finger, a
 * pinch zooms within the scene's limits, hotspots move between scenes and
 * open info cards, a scene made of six cube faces shows the same view as
 * the equirect they were cut from, and a broken picture shows "image
 * unavailable" without taking the kiosk down.
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
#include <unistd.h>

#include "kiosk_run.h"
#include "pano_reference.h"
#include "pano_source.h"
#include "test_pano_util.h"

enum { CUBE_FACE_PX = 1024 };

static char content[512];
static char car[512];
static char cube[PANO_FACE_COUNT][TEST_PATH_MAX];

static const char *tmp_root(void)
{
    const char *tmp = getenv("VITRINE_TEST_TMP");

    return tmp && tmp[0] ? tmp : "/tmp";
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    assert_true(fputs(text, f) >= 0);
    assert_int_equal(fclose(f), 0);
}

/* The car cut into six 1024 px faces (JPEG) in content/cube. */
static bool write_cube(void)
{
    char folder[TEST_PATH_MAX];
    struct pano_image src;
    struct pano_err err;
    bool ok;

    test_join(folder, content, "cube");
    mkdir(folder, 0755);
    if (pano_image_load(car, 1, &src, &err) != PANO_OK)
        return false;
    ok = test_write_faces(folder, &src, CUBE_FACE_PX, true, cube);
    pano_image_finish(&src);
    return ok;
}

/*
 * A content folder whose catalog has one model with two scenes of the car
 * sample: "front" (no hotspots, so nothing covers the panorama) and
 * "rear"; a third of the car as six cube faces; and a fourth whose
 * picture is a cut-off JPEG.
 */
static int make_content(void **state)
{
    const char *assets = getenv("VITRINE_ASSETS");
    /* Room for the seven paths in full. */
    static char catalog[8 * TEST_PATH_MAX];
    char path[700], broken[600];
    FILE *in, *out;
    char buf[65536];
    size_t n;

    (void)state;
    snprintf(content, sizeof(content), "%s/viewer-content-XXXXXX", tmp_root());
    mkdir(tmp_root(), 0755);
    if (!assets || !mkdtemp(content))
        return -1;
    snprintf(car, sizeof(car), "%s/panoramas/car_interior_4096x2048.jpg",
             assets);
    snprintf(broken, sizeof(broken), "%s/broken.jpg", content);
    in = fopen(car, "rb");
    out = fopen(broken, "wb");
    if (!in || !out)
        return -1;
    n = fread(buf, 1, sizeof(buf), in); /* the first 64 KiB only */
    fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);
    if (!write_cube())
        return -1;
    snprintf(
        catalog, sizeof(catalog),
        "{\"models\": [{\"id\": \"car\", \"name\": {\"zh-CN\": \"测试车\", "
        "\"en\": \"Test car\"}, \"price_fen\": 100,"
        " \"photo\": \"%s/photos/aurora-ev.jpg\", \"scenes\": ["
        "{\"id\": \"front\", \"title\": {\"zh-CN\": \"前排\", \"en\": "
        "\"Front\"}, \"image\": \"%s\", \"initial_view\": {\"yaw_deg\": 0, "
        "\"pitch_deg\": -10, \"fov_deg\": 90},"
        " \"limits\": {\"fov_min_deg\": 30, \"fov_max_deg\": 100}},"
        "{\"id\": \"rear\", \"title\": {\"zh-CN\": \"后排\", \"en\": "
        "\"Rear\"}, \"image\": \"%s\", \"initial_view\": {\"yaw_deg\": 180, "
        "\"pitch_deg\": -15, \"fov_deg\": 90}, \"hotspots\": ["
        "{\"yaw_deg\": 180, \"pitch_deg\": -25, \"label\": {\"zh-CN\": "
        "\"后排座椅\", \"en\": \"Rear bench\"}, \"info\": {\"zh-CN\": "
        "\"三人座\", \"en\": \"Three seats\"}},"
        "{\"yaw_deg\": -160, \"pitch_deg\": 0, \"label\": {\"zh-CN\": "
        "\"回前排\", \"en\": \"To the front\"}, \"scene\": \"front\"}]},"
        "{\"id\": \"cube\", \"title\": {\"zh-CN\": \"六面\", \"en\": "
        "\"Cube\"}, \"faces\": {\"front\": \"%s\", \"right\": \"%s\", "
        "\"back\": \"%s\", \"left\": \"%s\", \"up\": \"%s\", "
        "\"down\": \"%s\"}, \"initial_view\": {\"yaw_deg\": 0, "
        "\"pitch_deg\": -10, \"fov_deg\": 90}},"
        "{\"id\": \"broken\", \"title\": {\"zh-CN\": \"损坏\", \"en\": "
        "\"Broken\"}, \"image\": \"%s\"}]}]}",
        assets, car, car, cube[PANO_FACE_FRONT], cube[PANO_FACE_RIGHT],
        cube[PANO_FACE_BACK], cube[PANO_FACE_LEFT], cube[PANO_FACE_UP],
        cube[PANO_FACE_DOWN], broken);
    snprintf(path, sizeof(path), "%s/catalog.json", content);
    write_text(path, catalog);
    return 0;
}

static int remove_content(void **state)
{
    char path[700];

    (void)state;
    snprintf(path, sizeof(path), "%s/catalog.json", content);
    remove(path);
    snprintf(path, sizeof(path), "%s/broken.jpg", content);
    remove(path);
    snprintf(path, sizeof(path), "%s/cube", content);
    test_remove(path);
    rmdir(content);
    return 0;
}

static char *config_json(void)
{
    static char json[700];

    snprintf(json, sizeof(json),
             "{\"content_dir\": \"%s\", \"viewer\": "
             "{\"auto_rotate_after_s\": 0}}",
             content);
    return json;
}

static void run_viewer(struct kiosk_run *run, const char *size,
                       const char *script)
{
    static const char *const extra[] = {"--start-screen", "viewer", NULL};

    assert_true(kiosk_run(run, size, script, config_json(), extra));
    if (run->exit_status != 0)
        fail_msg("expected exit status 0, got %d; log:\n%s", run->exit_status,
                 run->stderr_text);
}

/* The camera as the panorama widget reports it. */
struct shown {
    char scene[32];
    double yaw, pitch, fov;
};

static struct shown shown_camera(const struct kiosk_run *run, const char *dump)
{
    cJSON *d = kiosk_dump(run, dump);
    struct shown s = {"", 0, 0, 0};
    const char *text;

    assert_non_null(d);
    text = kiosk_widget_text(d, "panorama");
    if (sscanf(text, "scene %31[^,], yaw %lf, pitch %lf, fov %lf", s.scene,
               &s.yaw, &s.pitch, &s.fov) != 4)
        fail_msg("expected the panorama widget to give its camera, got "
                 "\"%s\"",
                 text);
    cJSON_Delete(d);
    return s;
}

static void expect_near(double got, double want, double tolerance,
                        const char *what)
{
    if (fabs(got - want) > tolerance)
        fail_msg("%s: expected %.2f (within %.2f), got %.2f", what, want,
                 tolerance, got);
}

/* PSNR of the screenshot against a reference, over the panorama's
 * middle band (the bars and the hint lie over the top and bottom). */
static double band_psnr(SDL_Surface *shot, const uint8_t *ref, int w, int h,
                        bool mirrored)
{
    double sum = 0;
    long count = 0;

    for (int y = h / 5; y < h * 3 / 4; y++) {
        const uint32_t *row =
            (const uint32_t *)((const uint8_t *)shot->pixels + y * shot->pitch);

        for (int x = w / 20; x < w - w / 20; x++) {
            const uint8_t *r =
                ref + ((size_t)y * w + (mirrored ? w - 1 - x : x)) * 3;
            uint32_t p = row[x];
            int d[3] = {(int)((p >> 16) & 255) - r[0],
                        (int)((p >> 8) & 255) - r[1], (int)(p & 255) - r[2]};

            sum += d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
            count += 3;
        }
    }
    return 10 * log10(255.0 * 255.0 / (sum / (double)count + 1e-9));
}

/* Screenshot name of run against the reference renderer's view of the
 * car at yaw 0, pitch -10, FOV 90 on 1280 x 720. */
static void expect_car_view(const struct kiosk_run *run, const char *name)
{
    struct pano_image src = {0};
    struct pano_err err;
    struct pano_camera cam = {0, -10, 90, 1280, 720};
    uint8_t *ref = malloc((size_t)1280 * 720 * 3);
    struct pano_target target = {ref, 1280 * 3, PANO_PIXELS_RGB};
    SDL_Surface *shot;
    double psnr, mirrored;

    assert_non_null(ref);
    assert_int_equal(pano_image_load(car, 1, &src, &err), PANO_OK);
    pano_reference_equirect(&src, &cam, &target);
    shot = kiosk_screenshot(run, name);
    assert_non_null(shot);
    psnr = band_psnr(shot, ref, 1280, 720, false);
    mirrored = band_psnr(shot, ref, 1280, 720, true);
    print_message("%s vs reference: %.1f dB (mirrored: %.1f dB)\n", name, psnr,
                  mirrored);
    /* The GL renderer gives about 30 dB and more; the software renderer
     * of the sanitizer build samples nearest texels and gives less. A
     * wrong direction or a mirror falls far below either. */
    if (psnr < 22 || psnr < mirrored + 6)
        fail_msg("%s: expected the view to match the reference (22 dB and "
                 "well above the mirror), got %.1f dB (mirror %.1f dB)",
                 name, psnr, mirrored);
    SDL_FreeSurface(shot);
    pano_image_finish(&src);
    free(ref);
}

static void test_view_matches_the_reference_renderer(void **state)
{
    struct kiosk_run run;

    (void)state;
    run_viewer(&run, "1280x720", "dump-ui start\nscreenshot front\n");
    assert_string_equal(shown_camera(&run, "start").scene, "front");
    expect_car_view(&run, "front");
    kiosk_run_cleanup(&run);
}

/* The cube scene is the car cut into faces: it must look the same. */
static void test_scene_of_six_faces_shows_the_same_view(void **state)
{
    struct kiosk_run run;
    cJSON *d;

    (void)state;
    run_viewer(&run, "1280x720",
               "tap-on \"scene-cube\"\nwait 600\ndump-ui cube\n"
               "screenshot cube\n");
    assert_string_equal(shown_camera(&run, "cube").scene, "cube");
    d = kiosk_dump(&run, "cube");
    assert_non_null(d);
    assert_null(kiosk_widget(d, "unavailable"));
    cJSON_Delete(d);
    expect_car_view(&run, "cube");
    kiosk_run_cleanup(&run);
}

static void test_drag_turns_the_view_by_the_angle_under_the_finger(void **state)
{
    struct kiosk_run run;
    struct shown before, after;
    /* At FOV 90 on 1920 px the focal length is 960 px. Looking 10 degrees
     * down, the point 200 px right of the centre lies at yaw
     * atan(200 / 960 / cos 10deg); the drag brings it as far left. */
    double want = 2 * atan(200.0 / 960.0 / cos(10 * M_PI / 180)) * 180 / M_PI;

    (void)state;
    run_viewer(&run, "1920x1080",
               "dump-ui before\ndrag 1160 540 760 540 3000\ndump-ui after\n");
    before = shown_camera(&run, "before");
    after = shown_camera(&run, "after");
    expect_near(before.yaw, 0, 0.01, "yaw before");
    expect_near(after.yaw - before.yaw, want, 0.6, "yaw turned by the drag");
    expect_near(after.fov, 90, 0.01, "fov");
    kiosk_run_cleanup(&run);
}

static void test_pinch_zooms_within_the_limits(void **state)
{
    struct kiosk_run run;

    (void)state;
    run_viewer(&run, "1920x1080",
               "pinch 960 540 1.5 500\ndump-ui in\n"
               "pinch 960 540 4 500\ndump-ui limit\n"
               "pinch 960 540 0.1 500\ndump-ui out\n");
    expect_near(shown_camera(&run, "in").fov, 60, 0.01, "fov after 1.5x");
    expect_near(shown_camera(&run, "limit").fov, 30, 0.01, "fov at its min");
    expect_near(shown_camera(&run, "out").fov, 100, 0.01, "fov at its max");
    kiosk_run_cleanup(&run);
}

static void test_hotspots_open_cards_and_move_between_scenes(void **state)
{
    struct kiosk_run run;
    cJSON *card;

    (void)state;
    run_viewer(&run, "1920x1080",
               "tap-on \"scene-rear\"\nwait 600\ndump-ui rear\n"
               "screenshot rear\n"
               "tap-on \"hotspot-0\"\ndump-ui card\nscreenshot card\n"
               "tap-on \"info-close\"\n"
               "tap-on \"hotspot-1\"\nwait 600\ndump-ui front\n");
    assert_string_equal(shown_camera(&run, "rear").scene, "rear");
    expect_near(shown_camera(&run, "rear").yaw, -180, 0.01, "rear's yaw");
    card = kiosk_dump(&run, "card");
    assert_non_null(card);
    assert_string_equal(kiosk_widget_text(card, "info-title"), "后排座椅");
    assert_string_equal(kiosk_widget_text(card, "info-text"), "三人座");
    cJSON_Delete(card);
    assert_string_equal(shown_camera(&run, "front").scene, "front");
    kiosk_run_cleanup(&run);
}

static void test_broken_picture_shows_image_unavailable(void **state)
{
    struct kiosk_run run;
    cJSON *d;

    (void)state;
    run_viewer(&run, "1920x1080",
               "tap-on \"scene-broken\"\nwait 600\ndump-ui broken\n"
               "screenshot broken\ntap-on \"EN\"\ndump-ui broken-en\n"
               "tap-on \"Book a test drive\"\nexpect-screen booking\n");
    d = kiosk_dump(&run, "broken");
    assert_non_null(d);
    assert_string_equal(kiosk_widget_text(d, "unavailable"), "图片暂不可用");
    cJSON_Delete(d);
    d = kiosk_dump(&run, "broken-en");
    assert_string_equal(kiosk_widget_text(d, "unavailable"),
                        "Image unavailable");
    cJSON_Delete(d);
    if (!strstr(run.stderr_text, "broken.jpg"))
        fail_msg("expected the log to name the broken file, got:\n%s",
                 run.stderr_text);
    kiosk_run_cleanup(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_view_matches_the_reference_renderer),
        cmocka_unit_test(test_scene_of_six_faces_shows_the_same_view),
        cmocka_unit_test(
            test_drag_turns_the_view_by_the_angle_under_the_finger),
        cmocka_unit_test(test_pinch_zooms_within_the_limits),
        cmocka_unit_test(test_hotspots_open_cards_and_move_between_scenes),
        cmocka_unit_test(test_broken_picture_shows_image_unavailable),
    };

    return cmocka_run_group_tests(tests, make_content, remove_content);
}
