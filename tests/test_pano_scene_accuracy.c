/*
 * Accuracy of pano_scene on the kiosk's renderer (OpenGL ES 2 through
 * Mesa, offscreen): 56 views of the sample car interior and of a
 * generated high-frequency pattern, drawn into a render target, read
 * back, and compared with pano_reference_cube at the level the scene
 * chose. Straight up and down, across the 0/360 seam, across tile and
 * face borders, at the narrowest and widest FOV of the limits (20 and
 * 120). Mean absolute error and PSNR are printed per class of view and
 * overall; then the car again with the largest texture forced to 2048 and
 * to 1024 px.
 *
 * Thresholds. Both renderers filter the same tile pixels bilinearly, so
 * what differs is where they sample: SDL interpolates texture coordinates
 * affinely per triangle (the grid keeps that near a third of a texel),
 * the GPU rounds filter weights, and a tile's gutter is its neighbour's
 * edge through a second JPEG encoding. Measured here: the car at 48 dB
 * overall (worst view 40), the pattern, 6-texel stripes swinging over the
 * whole range, at 38 dB (worst 33). Sampling half a texel off (a gutter
 * offset forgotten by half) drops car views to 33 dB and pattern views to
 * 20. So the car must reach 42 dB overall and 36 in every view, the
 * pattern 34 and 30: margin for another Mesa, none for a misplaced
 * texture.
 *
 * Seams: the pixels whose 3x3 neighbourhood straddles a tile or face
 * border (at the level drawn) are compared with the rest. Gutters carry a
 * second JPEG encoding, so this band differs by up to 2.5 levels on
 * average (pattern) and 30 at one pixel of a sharp edge; tiles drawn
 * without their gutter (a real seam) give 5 to 21 on average and 45 to
 * 110 at worst. The band's mean error must stay under 2x the interior's
 * plus 2.5 levels, and its largest under the interior's largest (at least 16)
 * plus 24.
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

#include "pano_cache.h"
#include "pano_reference.h"
#include "test_pano_scene_util.h"
#include "test_pano_util.h"

enum {
    VIEW_W = 320,
    VIEW_H = 240,
    PIXELS = VIEW_W * VIEW_H,
    PATTERN_W = 4096,
    PATTERN_H = 2048,
    PATTERN_QUALITY = 95,
    SETTLE_MS = 20000,
    LIMITED_EVERY = 3, /* views redone with a forced texture limit */
    CLASS_MAX = 8,
};

static const double CAR_MIN_PSNR = 42, CAR_MIN_VIEW_PSNR = 36;
static const double PATTERN_MIN_PSNR = 34, PATTERN_MIN_VIEW_PSNR = 30;
static const double SEAM_MEAN_RATIO = 2, SEAM_MEAN_SLACK = 2.5;
static const int SEAM_MAX_FLOOR = 16, SEAM_MAX_SLACK = 24;

struct view_case {
    const char *cls;
    double yaw, pitch, fov;
};

static const struct view_case views[] = {
    {"up", 0, 90, 90},
    {"up", 45, 90, 60},
    {"up", 137, 90, 120},
    {"up", -90, 90, 20},
    {"up", 10, 85, 75},
    {"up", -160, 88, 100},
    {"down", 0, -90, 90},
    {"down", 45, -90, 60},
    {"down", -137, -90, 120},
    {"down", 90, -90, 20},
    {"down", 30, -85, 75},
    {"down", 170, -88, 100},
    {"seam 0/360", 180, 0, 90},
    {"seam 0/360", -180, 10, 60},
    {"seam 0/360", 179, -20, 40},
    {"seam 0/360", -179.5, 30, 120},
    {"seam 0/360", 180, 45, 20},
    {"seam 0/360", 175, -45, 100},
    {"seam 0/360", -175, 0, 75},
    {"seam 0/360", 180, -60, 50},
    {"tile border", 0, 0, 30},
    {"tile border", 90, 2, 20},
    {"tile border", -90, -3, 40},
    {"tile border", 10, 0, 25},
    {"tile border", -15, 5, 35},
    {"tile border", 100, -2, 45},
    {"tile border", 0, 30, 20},
    {"tile border", -3, -25, 30},
    {"face border", 45, 0, 60},
    {"face border", -45, 10, 40},
    {"face border", 135, -10, 90},
    {"face border", -135, 0, 30},
    {"face border", 0, 45, 60},
    {"face border", 90, -45, 50},
    {"face border", 45, 35.26, 90},
    {"face border", -135, -35.26, 70},
    {"fov 20", 30, 10, 20},
    {"fov 20", -60, -30, 20},
    {"fov 20", 120, 60, 20},
    {"fov 20", -150, -60, 20},
    {"fov 20", 75, 0, 20},
    {"fov 20", 0, -20, 20},
    {"fov 120", 30, 10, 120},
    {"fov 120", -60, -30, 120},
    {"fov 120", 120, 60, 120},
    {"fov 120", -150, -60, 120},
    {"fov 120", 75, 0, 120},
    {"fov 120", 0, -20, 120},
    {"other", 12, 7, 55},
    {"other", -33, -12, 85},
    {"other", 66, 24, 65},
    {"other", -99, 41, 95},
    {"other", 111, -51, 45},
    {"other", -144, 17, 105},
    {"other", 157, -7, 70},
    {"other", -20, 62, 80},
};

enum { VIEW_COUNT = sizeof(views) / sizeof(views[0]) };

/* Error sums of a set of views, over R, G and B. */
struct tally {
    const char *name;
    int views;
    double abs_sum, sq_sum, samples;
    double min_view_psnr;
};

struct source {
    const char *name;
    char path[TEST_PATH_MAX];
    char bake_dir[TEST_PATH_MAX];
    struct pano_manifest manifest;
    struct pano_cube cubes[PANO_LEVELS_MAX];
    double min_psnr, min_view_psnr;
};

struct fixture {
    char dir[TEST_PATH_MAX];
    char cache[TEST_PATH_MAX];
    struct test_gl gl;
    struct source car, pattern;
    uint8_t *refs[VIEW_COUNT]; /* the car's reference views */
    uint8_t *drawn;
    uint8_t *tmp;
};

static struct fixture fx;

/* ---- the sources ---- */

/* Stripes of 6 texels in yaw, checks of 32 px and a fine ring pattern:
 * sharp, colourful and different in every direction. */
static void pattern_pixel(int x, int y, uint8_t *p)
{
    double sx = sin(x * (2 * PANO_PI / 6.0));
    double cy = cos(y * (2 * PANO_PI / 9.0));
    bool check = ((x / 32) ^ (y / 32)) & 1;

    p[0] = (uint8_t)(128 + 110 * sx);
    p[1] = check ? 220 : 30;
    p[2] = (uint8_t)(128 + 100 * cy * (check ? 1 : -0.5));
}

static void write_pattern(const char *path)
{
    struct pano_image img;

    pano_image_alloc(&img, PATTERN_W, PATTERN_H, NULL);
    for (int y = 0; y < PATTERN_H; y++) {
        for (int x = 0; x < PATTERN_W; x++)
            pattern_pixel(x, y, img.rgb + ((size_t)y * PATTERN_W + x) * 3);
    }
    if (!test_write_jpeg(path, &img, PATTERN_QUALITY)) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(EXIT_FAILURE);
    }
    pano_image_finish(&img);
}

static int load_source(struct source *src)
{
    struct pano_err err = {""};
    struct pano_bake_summary sum;

    if (pano_bake_cached(fx.cache, src->path, NULL, src->bake_dir,
                         sizeof(src->bake_dir), &sum, &err) != PANO_OK) {
        fprintf(stderr, "bake of %s failed: %s\n", src->path, err.msg);
        return -1;
    }
    src->manifest = sum.manifest;
    for (int k = 0; k < src->manifest.level_count; k++) {
        if (pano_cube_load(src->bake_dir, &src->manifest, k, &src->cubes[k],
                           &err) != PANO_OK) {
            fprintf(stderr, "level %d of %s: %s\n", k, src->path, err.msg);
            return -1;
        }
    }
    return 0;
}

static int group_setup(void **state)
{
    const char *assets = getenv("VITRINE_ASSETS");

    (void)state;
    test_scratch_dir("scene-accuracy", fx.dir);
    test_join(fx.cache, fx.dir, "cache");
    fx.car = (struct source){.name = "car interior 4096",
                             .min_psnr = CAR_MIN_PSNR,
                             .min_view_psnr = CAR_MIN_VIEW_PSNR};
    snprintf(fx.car.path, sizeof(fx.car.path),
             "%s/panoramas/car_interior_4096x2048.jpg",
             assets ? assets : "assets");
    fx.pattern = (struct source){.name = "pattern 4096",
                                 .min_psnr = PATTERN_MIN_PSNR,
                                 .min_view_psnr = PATTERN_MIN_VIEW_PSNR};
    test_join(fx.pattern.path, fx.dir, "pattern.jpg");
    write_pattern(fx.pattern.path);
    if (load_source(&fx.car) != 0 || load_source(&fx.pattern) != 0)
        return -1;

    test_gl_start(&fx.gl, VIEW_W, VIEW_H);
    fx.drawn = malloc(PIXELS * 4);
    fx.tmp = malloc(PIXELS * 4);
    return fx.drawn && fx.tmp ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    test_gl_stop(&fx.gl);
    for (int k = 0; k < PANO_LEVELS_MAX; k++) {
        pano_cube_finish(&fx.car.cubes[k]);
        pano_cube_finish(&fx.pattern.cubes[k]);
    }
    for (int i = 0; i < VIEW_COUNT; i++)
        free(fx.refs[i]);
    free(fx.drawn);
    free(fx.tmp);
    test_remove(fx.dir);
    return 0;
}

/* ---- comparing ---- */

static double psnr(double sq_sum, double samples)
{
    double mse = sq_sum / samples;

    return mse == 0 ? 99 : 10 * log10(255.0 * 255.0 / mse);
}

/* Marks pixels whose 3x3 neighbourhood holds rays of two tiles. */
static void border_mask(const struct pano_manifest *m, int level,
                        const struct pano_camera *cam, uint8_t *mask)
{
    struct pano_view v;
    int f = m->levels[level].face_size;
    static int tile_of[PIXELS];

    pano_view_init(&v, cam);
    for (int p = 0; p < PIXELS; p++) {
        double s, t;
        struct pano_vec3 d =
            pano_view_ray(&v, p % VIEW_W + 0.5, p / VIEW_W + 0.5);
        enum pano_face face = pano_face_from_dir(d, &s, &t);
        int x = (int)((s + 1) / 2 * f), y = (int)((t + 1) / 2 * f);

        x = x >= f ? f - 1 : x;
        y = y >= f ? f - 1 : y;
        tile_of[p] =
            ((int)face * 64 + y / PANO_TILE_SIZE) * 64 + x / PANO_TILE_SIZE;
    }
    memset(mask, 0, PIXELS);
    for (int p = 0; p < PIXELS; p++) {
        int x = p % VIEW_W, y = p / VIEW_W;

        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx, ny = y + dy;

                if (nx >= 0 && ny >= 0 && nx < VIEW_W && ny < VIEW_H &&
                    tile_of[ny * VIEW_W + nx] != tile_of[p])
                    mask[p] = 1;
            }
        }
    }
}

struct view_errors {
    double abs_sum, sq_sum;
    double border_abs, inner_abs, border_n, inner_n;
    int border_max, inner_max;
};

static void compare(const uint8_t *a, const uint8_t *b, const uint8_t *mask,
                    struct view_errors *e)
{
    *e = (struct view_errors){0};
    for (int p = 0; p < PIXELS; p++) {
        int worst = 0;
        double sum = 0;

        for (int c = 0; c < 3; c++) {
            int d = abs(a[p * 4 + c] - b[p * 4 + c]);

            sum += d;
            e->sq_sum += (double)d * d;
            worst = d > worst ? d : worst;
        }
        e->abs_sum += sum;
        if (mask[p]) {
            e->border_abs += sum;
            e->border_n += 3;
            e->border_max = worst > e->border_max ? worst : e->border_max;
        } else {
            e->inner_abs += sum;
            e->inner_n += 3;
            e->inner_max = worst > e->inner_max ? worst : e->inner_max;
        }
    }
}

static void add(struct tally *t, const struct view_errors *e)
{
    double view_psnr = psnr(e->sq_sum, PIXELS * 3.0);

    if (t->views == 0 || view_psnr < t->min_view_psnr)
        t->min_view_psnr = view_psnr;
    t->views++;
    t->abs_sum += e->abs_sum;
    t->sq_sum += e->sq_sum;
    t->samples += PIXELS * 3.0;
}

static void print_tally(const struct tally *t)
{
    print_message("  %-12s %2d views  MAE %5.2f  PSNR %5.1f dB  "
                  "(worst view %5.1f dB)\n",
                  t->name, t->views, t->abs_sum / t->samples,
                  psnr(t->sq_sum, t->samples), t->min_view_psnr);
}

static void check_seams(const struct view_case *vc, const struct view_errors *e)
{
    double border = e->border_n ? e->border_abs / e->border_n : 0;
    double inner = e->inner_n ? e->inner_abs / e->inner_n : 0;

    if (e->border_n == 0)
        return;
    int max_floor =
        e->inner_max > SEAM_MAX_FLOOR ? e->inner_max : SEAM_MAX_FLOOR;
    if (border > SEAM_MEAN_RATIO * inner + SEAM_MEAN_SLACK ||
        e->border_max > max_floor + SEAM_MAX_SLACK)
        fail_msg("view yaw %.1f pitch %.1f fov %.0f: seam: border band MAE "
                 "%.2f max %d, expected at most %.1f x %.2f + %.1f and "
                 "%d + %d (the interior's MAE and max)",
                 vc->yaw, vc->pitch, vc->fov, border, e->border_max,
                 SEAM_MEAN_RATIO, inner, SEAM_MEAN_SLACK, max_floor,
                 SEAM_MAX_SLACK);
}

/* ---- one pass over the views ---- */

static struct pano_scene *open_scene(const struct source *src, int max_px)
{
    struct pano_err err = {""};
    struct pano_scene_options o = {
        .input = {.equirect = src->path},
        .cache_root = fx.cache,
        .max_texture_px = max_px,
    };
    struct pano_scene *scene = pano_scene_create(fx.gl.renderer, &o, &err);

    if (!scene)
        fail_msg("pano_scene_create: %s", err.msg);
    if (test_scene_wait(scene, SETTLE_MS) != PANO_SCENE_READY)
        fail_msg("%s: expected ready, got %s", src->path,
                 pano_scene_error(scene, NULL));
    return scene;
}

/* Draws view i until sharp and compares it with the reference; the
 * reference is cached in *ref when ref is not NULL. */
static void measure_view(struct pano_scene *scene, const struct source *src,
                         int i, uint8_t **ref, struct view_errors *e,
                         unsigned *levels_seen)
{
    const struct view_case *vc = &views[i];
    struct pano_camera cam = {vc->yaw, vc->pitch, vc->fov, VIEW_W, VIEW_H};
    struct pano_target target = {fx.tmp, VIEW_W * 4, PANO_PIXELS_RGBA};
    static uint8_t mask[PIXELS];
    struct pano_scene_stats stats;
    const uint8_t *expected = fx.tmp;

    if (!test_scene_settle(&fx.gl, scene, &cam, SETTLE_MS))
        fail_msg("view %d: expected sharp within %d ms", i, SETTLE_MS);
    test_gl_draw(&fx.gl, scene, &cam, fx.drawn);
    pano_scene_get_stats(scene, &stats);
    assert_int_equal(test_count_holes(fx.drawn, PIXELS), 0);
    *levels_seen |= 1u << stats.level;

    if (ref && *ref) {
        expected = *ref;
    } else {
        pano_reference_cube(&src->cubes[stats.level], &cam, &target);
        if (ref) {
            *ref = malloc(PIXELS * 4);
            memcpy(*ref, fx.tmp, PIXELS * 4);
        }
    }
    border_mask(&src->manifest, stats.level, &cam, mask);
    compare(fx.drawn, expected, mask, e);
    check_seams(vc, e);
}

static struct tally *class_tally(struct tally *classes, int *count,
                                 const char *name)
{
    for (int i = 0; i < *count; i++) {
        if (strcmp(classes[i].name, name) == 0)
            return &classes[i];
    }
    classes[*count] = (struct tally){.name = name};
    return &classes[(*count)++];
}

static void run_views(const struct source *src, int max_px, int every,
                      bool cache_refs)
{
    struct tally classes[CLASS_MAX], all = {.name = "overall"};
    struct pano_scene *scene = open_scene(src, max_px);
    int class_count = 0;
    unsigned levels_seen = 0;

    for (int i = 0; i < VIEW_COUNT; i += every) {
        struct view_errors e;
        double view_psnr;

        measure_view(scene, src, i, cache_refs ? &fx.refs[i] : NULL, &e,
                     &levels_seen);
        add(class_tally(classes, &class_count, views[i].cls), &e);
        add(&all, &e);
        view_psnr = psnr(e.sq_sum, PIXELS * 3.0);
        if (view_psnr < src->min_view_psnr)
            fail_msg("%s view yaw %.1f pitch %.1f fov %.0f: expected PSNR "
                     ">= %.0f dB, got %.1f",
                     src->name, views[i].yaw, views[i].pitch, views[i].fov,
                     src->min_view_psnr, view_psnr);
    }
    pano_scene_destroy(scene);
    /* The 320 px views are drawn from level 0 up to ~75 deg of FOV and
     * from level 1 beyond: both levels are measured. */
    if (every == 1)
        assert_int_equal(levels_seen, (1u << src->manifest.level_count) - 1);

    print_message("%s, largest texture %s:\n", src->name,
                  max_px ? (max_px == 2048 ? "2048 px" : "1024 px")
                         : "the renderer's");
    for (int i = 0; i < class_count; i++)
        print_tally(&classes[i]);
    print_tally(&all);
    if (psnr(all.sq_sum, all.samples) < src->min_psnr)
        fail_msg("%s: expected overall PSNR >= %.0f dB, got %.1f", src->name,
                 src->min_psnr, psnr(all.sq_sum, all.samples));
}

/* ---- tests ---- */

static void car_matches_reference_on_56_views(void **state)
{
    (void)state;
    run_views(&fx.car, 0, 1, true);
}

static void pattern_matches_reference_on_56_views(void **state)
{
    (void)state;
    run_views(&fx.pattern, 0, 1, false);
}

static void car_matches_with_textures_limited_to_2048(void **state)
{
    (void)state;
    run_views(&fx.car, 2048, LIMITED_EVERY, true);
}

static void car_matches_with_textures_limited_to_1024(void **state)
{
    (void)state;
    run_views(&fx.car, 1024, LIMITED_EVERY, true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(car_matches_reference_on_56_views),
        cmocka_unit_test(pattern_matches_reference_on_56_views),
        cmocka_unit_test(car_matches_with_textures_limited_to_2048),
        cmocka_unit_test(car_matches_with_textures_limited_to_1024),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
