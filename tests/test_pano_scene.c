/*
 * Tests for pano_scene's behaviour on the kiosk's renderer (OpenGL ES 2,
 * offscreen): a baked scene becomes ready and wakes the main loop; a
 * fresh one reports baking with progress; the coarse level fills the view
 * with no hole until the finer tiles arrive; a small budget evicts but
 * stays within itself and never leaves a hole; uploads per update are
 * bounded; a damaged or vanished tile shows the coarser level and is
 * logged once, a damaged coarsest tile fails the scene; a truncated JPEG,
 * a 3:1 image and a missing file fail with a message naming the file; a
 * renderer whose textures are smaller than a tile fails clearly; destroy
 * during a bake cancels it promptly and leaves no bake behind; drawing
 * stays inside its rectangle and blends by alpha.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pano_cache.h"
#include "pano_fs.h"
#include "pano_tile.h"
#include "test_pano_scene_util.h"
#include "test_pano_util.h"

enum {
    VIEW_W = 320,
    VIEW_H = 240,
    PIXELS = VIEW_W * VIEW_H,
    WAIT_MS = 20000,
    TILE_BYTES = PANO_TILE_PIXELS_MAX * PANO_TILE_PIXELS_MAX * 4,
    PAN_STEP_DEG = 15,
    /* destroy must return within this while a bake runs */
    CANCEL_MAX_MS = 500,
};

struct fixture {
    char dir[TEST_PATH_MAX];
    char cache[TEST_PATH_MAX];
    char car[TEST_PATH_MAX];
    char bake_dir[TEST_PATH_MAX];
    struct pano_manifest manifest;
    struct test_gl gl;
    uint8_t *pixels, *pixels2;
    int warnings; /* SDL log lines at warning level or above */
    char last_warning[512];
};

static struct fixture fx;
static SDL_LogOutputFunction default_log;
static void *default_log_data;

static void count_warnings(void *user, int category, SDL_LogPriority priority,
                           const char *message)
{
    if (priority >= SDL_LOG_PRIORITY_WARN) {
        fx.warnings++;
        snprintf(fx.last_warning, sizeof(fx.last_warning), "%s", message);
    }
    (void)user;
    default_log(default_log_data, category, priority, message);
}

static int group_setup(void **state)
{
    const char *assets = getenv("VITRINE_ASSETS");
    struct pano_err err = {""};
    struct pano_bake_summary sum;

    (void)state;
    test_scratch_dir("scene", fx.dir);
    test_join(fx.cache, fx.dir, "cache");
    snprintf(fx.car, sizeof(fx.car), "%s/panoramas/car_interior_4096x2048.jpg",
             assets ? assets : "assets");
    if (pano_bake_cached(fx.cache, fx.car, NULL, fx.bake_dir,
                         sizeof(fx.bake_dir), &sum, &err) != PANO_OK) {
        fprintf(stderr, "bake of %s failed: %s\n", fx.car, err.msg);
        return -1;
    }
    fx.manifest = sum.manifest;
    test_gl_start(&fx.gl, VIEW_W, VIEW_H);
    SDL_LogGetOutputFunction(&default_log, &default_log_data);
    SDL_LogSetOutputFunction(count_warnings, &fx);
    fx.pixels = malloc(PIXELS * 4);
    fx.pixels2 = malloc(PIXELS * 4);
    return fx.pixels && fx.pixels2 ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    SDL_LogSetOutputFunction(default_log, default_log_data);
    test_gl_stop(&fx.gl);
    free(fx.pixels);
    free(fx.pixels2);
    test_remove(fx.dir);
    return 0;
}

static struct pano_scene *create_input(const struct pano_input *in,
                                       const char *cache, size_t budget,
                                       int uploads, int max_px,
                                       uint32_t wake_event)
{
    struct pano_err err = {""};
    struct pano_scene_options o = {
        .input = *in,
        .cache_root = cache,
        .budget_bytes = budget,
        .uploads_per_frame = uploads,
        .max_texture_px = max_px,
        .wake_event = wake_event,
    };
    struct pano_scene *scene = pano_scene_create(fx.gl.renderer, &o, &err);

    if (!scene)
        fail_msg("pano_scene_create(%s): expected a scene, got %s",
                 pano_input_label(in), err.msg);
    return scene;
}

static struct pano_scene *create(const char *source, const char *cache,
                                 size_t budget, int uploads, int max_px,
                                 uint32_t wake_event)
{
    struct pano_input in = {.equirect = source};

    return create_input(&in, cache, budget, uploads, max_px, wake_event);
}

static struct pano_scene *create_ready(size_t budget, int uploads)
{
    struct pano_scene *scene = create(fx.car, fx.cache, budget, uploads, 0, 0);
    enum pano_scene_state state = test_scene_wait(scene, WAIT_MS);

    if (state != PANO_SCENE_READY)
        fail_msg("expected ready, got state %d: %s", state,
                 pano_scene_error(scene, NULL));
    return scene;
}

static struct pano_camera cam_at(double yaw, double pitch, double fov)
{
    return (struct pano_camera){yaw, pitch, fov, VIEW_W, VIEW_H};
}

static size_t coarsest_bytes(void)
{
    int f = fx.manifest.levels[fx.manifest.level_count - 1].face_size + 2;

    return (size_t)f * f * 4 * PANO_FACE_COUNT;
}

/* A private copy of the bake, to damage. */
static void copy_bake(const char *tag, char cache[TEST_PATH_MAX],
                      char bake_dir[TEST_PATH_MAX])
{
    struct pano_err err = {""};

    test_join(cache, fx.dir, tag);
    assert_int_equal(pano_bake_cached(cache, fx.car, NULL, bake_dir,
                                      TEST_PATH_MAX, NULL, &err),
                     PANO_OK);
}

static void tile_file(const char *bake_dir, struct pano_tile_id id,
                      char out[TEST_PATH_MAX])
{
    assert_true(pano_tile_path(out, TEST_PATH_MAX, bake_dir, id));
}

/* ---- loading ---- */

static void baked_scene_becomes_ready_and_wakes_the_loop(void **state)
{
    uint32_t wake = SDL_RegisterEvents(1);
    struct pano_scene *scene = create(fx.car, fx.cache, 0, 0, 0, wake);
    Uint64 end = SDL_GetTicks64() + WAIT_MS;
    int wakes = 0;
    float progress = 0;
    SDL_Event event;

    (void)state;
    while (pano_scene_state(scene, NULL) != PANO_SCENE_READY &&
           SDL_GetTicks64() < end) {
        if (SDL_WaitEventTimeout(&event, 100) && event.type == wake)
            wakes++;
        pano_scene_update(scene);
    }
    assert_int_equal(pano_scene_state(scene, &progress), PANO_SCENE_READY);
    assert_true(wakes > 0);
    assert_true(progress == 1.0f);
    assert_false(pano_scene_sharp(scene)); /* nothing drawn yet */
    pano_scene_destroy(scene);
}

static void fresh_scene_reports_baking_with_progress(void **state)
{
    char cache[TEST_PATH_MAX];
    struct pano_scene *scene;
    bool saw_baking = false, saw_partial = false;
    Uint64 end = SDL_GetTicks64() + WAIT_MS;
    float progress;

    (void)state;
    test_join(cache, fx.dir, "fresh-cache");
    scene = create(fx.car, cache, 0, 0, 0, 0);
    while (SDL_GetTicks64() < end) {
        enum pano_scene_state s;

        pano_scene_update(scene);
        s = pano_scene_state(scene, &progress);
        saw_baking |= s == PANO_SCENE_BAKING;
        saw_partial |= s == PANO_SCENE_BAKING && progress > 0 && progress < 1;
        if (s == PANO_SCENE_READY || s == PANO_SCENE_FAILED)
            break;
        SDL_Delay(2);
    }
    assert_int_equal(pano_scene_state(scene, NULL), PANO_SCENE_READY);
    assert_true(saw_baking);
    assert_true(saw_partial);
    pano_scene_destroy(scene);
}

/* ---- drawing ---- */

static void coarse_level_fills_the_view_until_finer_tiles_arrive(void **state)
{
    struct pano_scene *scene = create_ready(0, 0);
    struct pano_camera cam = cam_at(20, 10, 30); /* level 0 at 320 px */
    struct pano_scene_stats stats;

    (void)state;
    /* Only the coarsest level is in: nothing else was asked for yet. */
    test_gl_draw(&fx.gl, scene, &cam, fx.pixels);
    pano_scene_get_stats(scene, &stats);
    assert_int_equal(stats.level, 0);
    assert_true(stats.tiles_missing > 0);
    assert_int_equal(stats.tiles_drawn, stats.tiles_missing);
    assert_int_equal(test_count_holes(fx.pixels, PIXELS), 0);
    assert_false(pano_scene_sharp(scene));

    assert_true(test_scene_settle(&fx.gl, scene, &cam, WAIT_MS));
    test_gl_draw(&fx.gl, scene, &cam, fx.pixels2);
    pano_scene_get_stats(scene, &stats);
    assert_int_equal(stats.tiles_missing, 0);
    assert_int_equal(test_count_holes(fx.pixels2, PIXELS), 0);
    assert_true(memcmp(fx.pixels, fx.pixels2, PIXELS * 4) != 0);
    pano_scene_destroy(scene);
}

static void small_budget_evicts_and_never_leaves_holes(void **state)
{
    size_t budget = 4 * (size_t)TILE_BYTES;
    struct pano_scene *scene = create_ready(budget, 0);
    struct pano_scene_stats stats;
    int most_resident = 0;

    (void)state;
    for (int yaw = -180; yaw < 180; yaw += PAN_STEP_DEG) {
        struct pano_camera cam = cam_at(yaw, yaw % 60 - 20, 40);

        /* Mid-pan: whatever is resident, the view is whole. */
        test_gl_draw(&fx.gl, scene, &cam, fx.pixels);
        assert_int_equal(test_count_holes(fx.pixels, PIXELS), 0);
        assert_true(test_scene_settle(&fx.gl, scene, &cam, WAIT_MS));
        test_gl_draw(&fx.gl, scene, &cam, fx.pixels);
        assert_int_equal(test_count_holes(fx.pixels, PIXELS), 0);

        pano_scene_get_stats(scene, &stats);
        if (stats.bytes_resident > budget + coarsest_bytes())
            fail_msg("yaw %d: expected at most %zu bytes resident, got %zu",
                     yaw, budget + coarsest_bytes(), stats.bytes_resident);
        if (stats.tiles_resident > most_resident)
            most_resident = stats.tiles_resident;
    }
    pano_scene_get_stats(scene, &stats);
    print_message("budget of 4 tiles: %d uploads, at most %d resident\n",
                  stats.uploads_total, most_resident);
    assert_true(most_resident <= 4 + PANO_FACE_COUNT);
    assert_true(stats.uploads_total > most_resident); /* it evicted */
    pano_scene_destroy(scene);
}

static void budget_below_the_view_draws_a_coarser_level(void **state)
{
    struct pano_scene *scene = create_ready(TILE_BYTES, 0);
    struct pano_camera cam = cam_at(45, 0, 40); /* 4 tiles at level 0 */
    struct pano_scene_stats stats;

    (void)state;
    assert_true(test_scene_settle(&fx.gl, scene, &cam, WAIT_MS));
    test_gl_draw(&fx.gl, scene, &cam, fx.pixels);
    pano_scene_get_stats(scene, &stats);
    assert_int_equal(stats.level, fx.manifest.level_count - 1);
    assert_int_equal(test_count_holes(fx.pixels, PIXELS), 0);
    assert_true(stats.bytes_resident <= TILE_BYTES + coarsest_bytes());
    pano_scene_destroy(scene);
}

static void uploads_per_update_are_bounded(void **state)
{
    struct pano_scene *scene = create_ready(0, 1);
    struct pano_camera cam = cam_at(-70, -10, 30);
    struct pano_scene_stats stats;
    int before;

    (void)state;
    test_gl_draw(&fx.gl, scene, &cam, NULL);
    SDL_Delay(300); /* let the loader fill its slots */
    for (int i = 0; i < 10; i++) {
        pano_scene_get_stats(scene, &stats);
        before = stats.uploads_total;
        pano_scene_update(scene);
        pano_scene_get_stats(scene, &stats);
        assert_true(stats.uploads_total - before <= 1);
    }
    assert_true(test_scene_settle(&fx.gl, scene, &cam, WAIT_MS));
    pano_scene_destroy(scene);
}

static void draw_stays_inside_its_rect(void **state)
{
    struct pano_scene *scene = create_ready(0, 0);
    struct pano_camera cam = cam_at(100, 20, 120);
    SDL_Rect rect = {30, 40, 150, 100};

    (void)state;
    SDL_SetRenderTarget(fx.gl.renderer, fx.gl.target);
    SDL_SetRenderDrawColor(fx.gl.renderer, 0, 0, 0, 0);
    SDL_RenderClear(fx.gl.renderer);
    pano_scene_draw(scene, &cam, &rect, 255);
    SDL_RenderReadPixels(fx.gl.renderer, NULL, SDL_PIXELFORMAT_ABGR8888,
                         fx.pixels, VIEW_W * 4);
    SDL_SetRenderTarget(fx.gl.renderer, NULL);
    assert_false(SDL_RenderIsClipEnabled(fx.gl.renderer));

    for (int y = 0; y < VIEW_H; y++) {
        for (int x = 0; x < VIEW_W; x++) {
            bool inside = x >= rect.x && y >= rect.y && x < rect.x + rect.w &&
                          y < rect.y + rect.h;
            int alpha = fx.pixels[(y * VIEW_W + x) * 4 + 3];

            if (inside != (alpha == 255))
                fail_msg("pixel (%d, %d): expected %s, got alpha %d", x, y,
                         inside ? "drawn" : "untouched", alpha);
        }
    }
    pano_scene_destroy(scene);
}

static void alpha_blends_over_what_is_there(void **state)
{
    struct pano_scene *scene = create_ready(0, 0);
    struct pano_camera cam = cam_at(0, 0, 90);
    SDL_Rect all = {0, 0, VIEW_W, VIEW_H};
    int worst = 0;

    (void)state;
    assert_true(test_scene_settle(&fx.gl, scene, &cam, WAIT_MS));
    test_gl_draw(&fx.gl, scene, &cam, fx.pixels);

    SDL_SetRenderTarget(fx.gl.renderer, fx.gl.target);
    SDL_SetRenderDrawColor(fx.gl.renderer, 0, 0, 0, 255);
    SDL_RenderClear(fx.gl.renderer);
    pano_scene_draw(scene, &cam, &all, 128);
    SDL_RenderReadPixels(fx.gl.renderer, NULL, SDL_PIXELFORMAT_ABGR8888,
                         fx.pixels2, VIEW_W * 4);
    SDL_SetRenderTarget(fx.gl.renderer, NULL);

    for (int i = 0; i < PIXELS * 4; i++) {
        int expected = i % 4 == 3 ? 255 : fx.pixels[i] * 128 / 255;
        int d = abs(fx.pixels2[i] - expected);

        worst = d > worst ? d : worst;
    }
    if (worst > 2)
        fail_msg("alpha 128 over black: expected half the colour, off by %d",
                 worst);
    pano_scene_destroy(scene);
}

/* ---- damaged bakes ---- */

static void damaged_tile_shows_the_coarser_level_and_logs_once(void **state)
{
    char cache[TEST_PATH_MAX], bake_dir[TEST_PATH_MAX], path[TEST_PATH_MAX];
    struct pano_tile_id damaged = {0, PANO_FACE_FRONT, 0, 1};
    struct pano_tile_id vanished = {0, PANO_FACE_FRONT, 1, 1};
    struct pano_camera cam = cam_at(20, 10, 40);
    struct pano_scene *scene;
    struct pano_scene_stats stats;
    int warnings;

    (void)state;
    copy_bake("damaged-cache", cache, bake_dir);
    tile_file(bake_dir, damaged, path);
    assert_true(test_write_bytes(path, "not a jpeg", 10));
    scene = create(fx.car, cache, 0, 0, 0, 0);
    assert_int_equal(test_scene_wait(scene, WAIT_MS), PANO_SCENE_READY);
    tile_file(bake_dir, vanished, path);
    assert_int_equal(unlink(path), 0); /* gone after baking */

    warnings = fx.warnings;
    assert_true(test_scene_settle(&fx.gl, scene, &cam, WAIT_MS));
    for (int i = 0; i < 5; i++)
        test_gl_draw(&fx.gl, scene, &cam, fx.pixels);
    pano_scene_get_stats(scene, &stats);
    assert_int_equal(stats.tiles_failed, 2);
    assert_int_equal(stats.tiles_missing, 0);
    assert_int_equal(test_count_holes(fx.pixels, PIXELS), 0);
    assert_int_equal(fx.warnings - warnings, 2);
    assert_int_equal(pano_scene_state(scene, NULL), PANO_SCENE_READY);
    pano_scene_destroy(scene);
}

static void damaged_coarsest_tile_fails_the_scene(void **state)
{
    char cache[TEST_PATH_MAX], bake_dir[TEST_PATH_MAX], path[TEST_PATH_MAX];
    struct pano_tile_id id = {fx.manifest.level_count - 1, PANO_FACE_UP, 0, 0};
    struct pano_scene *scene;
    enum pano_result result;

    (void)state;
    copy_bake("coarse-cache", cache, bake_dir);
    tile_file(bake_dir, id, path);
    assert_true(test_write_bytes(path, "garbage!", 8));
    scene = create(fx.car, cache, 0, 0, 0, 0);
    assert_int_equal(test_scene_wait(scene, WAIT_MS), PANO_SCENE_FAILED);
    assert_non_null(strstr(pano_scene_error(scene, &result), "up_0_0.jpg"));
    assert_int_equal(result, PANO_E_INPUT);
    pano_scene_destroy(scene);
}

/* ---- bad sources ---- */

static void check_input_fails(const struct pano_input *in, const char *name,
                              enum pano_result expected)
{
    struct pano_scene *scene = create_input(in, fx.cache, 0, 0, 0, 0);
    struct pano_camera cam = cam_at(0, 0, 90);
    enum pano_result result;
    const char *msg;

    assert_int_equal(test_scene_wait(scene, WAIT_MS), PANO_SCENE_FAILED);
    msg = pano_scene_error(scene, &result);
    if (!strstr(msg, name))
        fail_msg("expected a message naming %s, got \"%s\"", name, msg);
    assert_int_equal(result, expected);
    test_gl_draw(&fx.gl, scene, &cam, fx.pixels); /* draws nothing */
    assert_int_equal(test_count_holes(fx.pixels, PIXELS), PIXELS);
    assert_false(pano_scene_update(scene));
    assert_false(pano_scene_sharp(scene));
    pano_scene_destroy(scene);
}

static void check_fails(const char *source, const char *name,
                        enum pano_result expected)
{
    struct pano_input in = {.equirect = source};

    check_input_fails(&in, name, expected);
}

static void truncated_jpeg_fails_naming_the_file(void **state)
{
    char path[TEST_PATH_MAX];
    size_t size;
    uint8_t *bytes = test_read_bytes(fx.car, &size);

    (void)state;
    assert_non_null(bytes);
    test_join(path, fx.dir, "truncated.jpg");
    assert_true(test_write_bytes(path, bytes, size / 2));
    free(bytes);
    check_fails(path, "truncated.jpg", PANO_E_INPUT);
}

static void three_to_one_image_fails_naming_the_file(void **state)
{
    char path[TEST_PATH_MAX];
    struct pano_image image;

    (void)state;
    test_pattern_image(1536, 512, &image);
    test_join(path, fx.dir, "wide-3to1.jpg");
    assert_true(test_write_jpeg(path, &image, 90));
    pano_image_finish(&image);
    check_fails(path, "wide-3to1.jpg", PANO_E_INPUT);
}

static void missing_source_fails_naming_the_file(void **state)
{
    char path[TEST_PATH_MAX];

    (void)state;
    test_join(path, fx.dir, "no-such-picture.jpg");
    check_fails(path, "no-such-picture.jpg", PANO_E_INPUT);
}

static void truncated_face_fails_naming_the_file(void **state)
{
    char folder[TEST_PATH_MAX], paths[PANO_FACE_COUNT][TEST_PATH_MAX];
    struct pano_image image;
    struct pano_input in = {0};
    size_t size;

    (void)state;
    test_join(folder, fx.dir, "faces");
    assert_int_equal(pano_fs_mkdirs(folder, NULL), PANO_OK);
    test_pattern_image(1024, 512, &image);
    assert_true(test_write_faces(folder, &image, 256, true, paths));
    pano_image_finish(&image);

    uint8_t *bytes = test_read_bytes(paths[PANO_FACE_DOWN], &size);
    assert_non_null(bytes);
    assert_true(test_write_bytes(paths[PANO_FACE_DOWN], bytes, size / 2));
    free(bytes);
    for (int f = 0; f < PANO_FACE_COUNT; f++)
        in.faces[f] = paths[f];
    check_input_fails(&in, "faces/down.jpg", PANO_E_INPUT);
}

static void texture_limit_below_a_tile_fails_clearly(void **state)
{
    struct pano_scene *scene = create(fx.car, fx.cache, 0, 0, 256, 0);
    enum pano_result result;
    const char *msg;

    (void)state;
    assert_int_equal(pano_scene_state(scene, NULL), PANO_SCENE_FAILED);
    msg = pano_scene_error(scene, &result);
    assert_non_null(strstr(msg, "256 px"));
    assert_non_null(strstr(msg, "514 px tile"));
    assert_false(pano_scene_update(scene));
    pano_scene_destroy(scene);
}

/* ---- cancelling ---- */

static void destroy_during_bake_cancels_promptly(void **state)
{
    char cache[TEST_PATH_MAX], bake_dir[TEST_PATH_MAX];
    struct pano_err err = {""};
    struct pano_manifest m;
    struct pano_scene *scene;
    Uint64 end = SDL_GetTicks64() + WAIT_MS, start, took;
    float progress = 0;

    (void)state;
    test_join(cache, fx.dir, "cancel-cache");
    scene = create(fx.car, cache, 0, 0, 0, 0);
    while (SDL_GetTicks64() < end &&
           (pano_scene_state(scene, &progress) != PANO_SCENE_BAKING ||
            progress < 0.05f))
        SDL_Delay(1);
    assert_int_equal(pano_scene_state(scene, &progress), PANO_SCENE_BAKING);
    assert_true(progress < 1);

    start = SDL_GetTicks64();
    pano_scene_destroy(scene);
    took = SDL_GetTicks64() - start;
    print_message("destroy at %.0f%% of the bake took %d ms\n",
                  progress * 100.0, (int)took);
    assert_true(took < CANCEL_MAX_MS);

    assert_int_equal(
        pano_cache_path(cache, fx.car, bake_dir, sizeof(bake_dir), &err),
        PANO_OK);
    assert_int_not_equal(pano_bake_check(bake_dir, NULL, &m, NULL), PANO_OK);
    assert_int_equal(test_count_entries(cache, "."), 2); /* "." and ".." */
}

static void destroy_null_is_a_noop(void **state)
{
    (void)state;
    pano_scene_destroy(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(baked_scene_becomes_ready_and_wakes_the_loop),
        cmocka_unit_test(fresh_scene_reports_baking_with_progress),
        cmocka_unit_test(coarse_level_fills_the_view_until_finer_tiles_arrive),
        cmocka_unit_test(small_budget_evicts_and_never_leaves_holes),
        cmocka_unit_test(budget_below_the_view_draws_a_coarser_level),
        cmocka_unit_test(uploads_per_update_are_bounded),
        cmocka_unit_test(draw_stays_inside_its_rect),
        cmocka_unit_test(alpha_blends_over_what_is_there),
        cmocka_unit_test(damaged_tile_shows_the_coarser_level_and_logs_once),
        cmocka_unit_test(damaged_coarsest_tile_fails_the_scene),
        cmocka_unit_test(truncated_jpeg_fails_naming_the_file),
        cmocka_unit_test(three_to_one_image_fails_naming_the_file),
        cmocka_unit_test(missing_source_fails_naming_the_file),
        cmocka_unit_test(truncated_face_fails_naming_the_file),
        cmocka_unit_test(texture_limit_below_a_tile_fails_clearly),
        cmocka_unit_test(destroy_during_bake_cancels_promptly),
        cmocka_unit_test(destroy_null_is_a_noop),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
