/*
 * vitrine-bench-pano: the panorama engine's figures, each beside a
 * baseline, on one large source (issue 3's benchmark).
 *
 *   bake        pano_bake of the source (face 2048 for an 8192 source)
 *               against ffmpeg's v360=e:c6x1 making the same six faces
 *   first frame pano_scene_create on a baked scene to the first drawn
 *               frame and to pano_scene_sharp, 1920x1080 (median of runs)
 *   pan         a scripted 360-degree pan at 1920x1080 on SDL's OpenGL ES
 *               2 renderer (offscreen, Mesa): our CPU time per frame
 *               (stats.mesh_ms) and frames per second, against the same
 *               renderer filling the window with one textured quad
 *   views       1920x1080 views drawn and read back, against ffmpeg
 *               v360=e:flat making the same number of views
 *   memory      peak RSS of a child process showing the panorama (GL and
 *               software renderer) and of pano-bake baking it
 *
 *   kiosk       peak RSS of the kiosk itself (vitrine) showing the source as
 *               its first scene and panning it by script
 *
 * Usage: vitrine-bench-pano SOURCE [WORK_DIR]
 *        vitrine-bench-pano --pan SOURCE CACHE_DIR  (pan and baseline only)
 * Prints a Markdown table. No assertions: figures drift with the load of
 * the machine. ffmpeg rows are skipped when ffmpeg is not installed.
 */
#include <SDL.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fsutil.h"
#include "pano_bake.h"
#include "pano_cache.h"
#include "pano_fs.h"
#include "pano_scene.h"

enum {
    VIEW_W = 1920,
    VIEW_H = 1080,
    PAN_FRAMES = 600,
    VIEWS = 24,
    FIRST_FRAME_RUNS = 5,
    SHOW_FRAMES = 300,
    BASELINE_TEXTURE_PX = 2048,
    WAIT_MS = 30000,
    WAKE_WAIT_MS = 16,
    KIB = 1024,
    QUAD_GRIDS = 4,
    VIEWS_UPLOADS = 16,
    VIEWS_BUDGET = 256 * 1024 * 1024,
    CATALOG_BYTES_MAX = 1024 * 1024,
};

/* The fill baseline is also drawn cut into N x N quads: llvmpipe's cost
 * grows with the triangle count, which explains the pan's ratio. */
static const int quad_grid[QUAD_GRIDS] = {1, 32, 64, 128};

static const double PAN_FOV_DEG = 90, PAN_PITCH_DEG = 25;

struct child_result {
    bool ok;
    double wall_ms;
    double max_rss_mib;
};

struct figures {
    double bake_ms, ffmpeg_bake_ms;
    double first_frame_ms, sharp_ms;
    double mesh_mean_ms, mesh_p95_ms, draw_mean_ms;
    int pan_uploads, pan_vertices;
    double pan_fps, pan_cpu_ms, quad_cpu_ms; /* CPU per frame */
    double quad_fps[QUAD_GRIDS];             /* one quad as 2 N^2 triangles */
    double views_per_s, warm_views_per_s, ffmpeg_views_per_s;
    struct child_result show_gl, show_sw, idle_gl, bake_child;
    struct child_result kiosk_gl, kiosk_sw, kiosk_home_gl;
};

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* CPU time of the whole process, every thread (llvmpipe's too). */
static double cpu_ms(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* The q-quantile (0..1) of n values; sorts them. */
static double quantile(double *v, int n, double q)
{
    int i = (int)ceil(q * n) - 1;

    qsort(v, (size_t)n, sizeof(v[0]), compare_doubles);
    return v[i < 0 ? 0 : i];
}

static double mean(const double *v, int n)
{
    double sum = 0;

    for (int i = 0; i < n; i++)
        sum += v[i];
    return sum / n;
}

/* ---- child processes ---- */

/* Runs argv with `env` ("NAME=value" strings, NULL-terminated) added,
 * stderr discarded, stdout into *out (up to out_size - 1 bytes) or
 * discarded when out is NULL. Wall time from fork to reaping. */
static struct child_result run_child(char *const argv[],
                                     const char *const env[], char *out,
                                     size_t out_size)
{
    struct child_result r = {0};
    double start = now_ms();
    int status, fds[2];
    pid_t pid;

    if (pipe(fds) != 0)
        return r;
    pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);

        dup2(out ? fds[1] : null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        for (int i = 0; env && env[i]; i++)
            putenv((char *)env[i]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    if (out && out_size > 0) {
        ssize_t n = pid > 0 ? read(fds[0], out, out_size - 1) : -1;

        out[n > 0 ? n : 0] = '\0';
    }
    close(fds[0]);
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return r;
    r.wall_ms = now_ms() - start;
    r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return r;
}

/*
 * The peak RSS of a command. A child's ru_maxrss counts the memory of the
 * process it was forked from (up to its exec), so the bench's own would
 * hide a smaller child's: a fresh, small copy of this program (--measure)
 * runs the command and reports its ru_maxrss instead.
 */
static struct child_result run_measured(char *const argv[],
                                        const char *const env[])
{
    char *wrapped[16] = {"/proc/self/exe", "--measure"};
    char out[64] = "";
    struct child_result r;
    int n = 2;

    for (int i = 0; argv[i] && n < 15; i++)
        wrapped[n++] = argv[i];
    wrapped[n] = NULL;
    r = run_child(wrapped, env, out, sizeof(out));
    r.max_rss_mib = r.ok ? strtod(out, NULL) / KIB : -1;
    return r;
}

/* --measure: runs argv quietly and prints its peak RSS in KiB. */
static int measure(char **argv)
{
    struct rusage usage;
    int status;
    pid_t pid = fork();

    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);

        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        execvp(argv[0], argv);
        _exit(127);
    }
    if (pid < 0 || wait4(pid, &status, 0, &usage) != pid)
        return EXIT_FAILURE;
    printf("%ld\n", usage.ru_maxrss);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? EXIT_SUCCESS
                                                         : EXIT_FAILURE;
}

static bool have_ffmpeg(void)
{
    char *const argv[] = {"ffmpeg", "-hide_banner", "-version", NULL};

    return run_child(argv, NULL, NULL, 0).ok;
}

/* ---- bake ---- */

static double time_bake(const char *source, const char *cache)
{
    char out[PATH_MAX];
    struct pano_err err = {""};
    double start;

    if (pano_cache_path(cache, source, out, sizeof(out), &err) != PANO_OK ||
        pano_fs_mkdirs(cache, &err) != PANO_OK) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return -1;
    }
    start = now_ms();
    if (pano_bake(source, out, NULL, NULL, &err) != PANO_OK) {
        fprintf(stderr, "bench: bake: %s\n", err.msg);
        return -1;
    }
    return now_ms() - start;
}

static double time_ffmpeg_bake(const char *source)
{
    char *const argv[] = {"ffmpeg",    "-hide_banner",
                          "-loglevel", "error",
                          "-i",        (char *)source,
                          "-vf",       "v360=e:c6x1:w=12288:h=2048",
                          "-frames:v", "1",
                          "-f",        "null",
                          "-",         NULL};
    struct child_result r = run_child(argv, NULL, NULL, 0);

    return r.ok ? r.wall_ms : -1;
}

static struct child_result bake_child(const char *self, const char *source,
                                      const char *work)
{
    char tool[PATH_MAX], out[PATH_MAX];
    const char *slash = strrchr(self, '/');
    struct child_result failed = {0};

    if (snprintf(tool, sizeof(tool), "%.*s/pano-bake",
                 slash ? (int)(slash - self) : 1,
                 slash ? self : ".") >= (int)sizeof(tool) ||
        snprintf(out, sizeof(out), "%s/pano-bake-out", work) >=
            (int)sizeof(out))
        return failed;

    char *const argv[] = {tool, (char *)source, out, NULL};
    return run_measured(argv, NULL);
}

/* ---- the renderer ---- */

struct gl {
    SDL_Window *window;
    SDL_Renderer *renderer;
    uint32_t wake_event;
};

static bool gl_start(struct gl *gl)
{
    SDL_RendererInfo info;

    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        return false;
    gl->window = SDL_CreateWindow("bench", 0, 0, VIEW_W, VIEW_H, 0);
    gl->renderer = gl->window ? SDL_CreateRenderer(gl->window, -1, 0) : NULL;
    if (!gl->renderer || SDL_GetRendererInfo(gl->renderer, &info) != 0)
        return false;
    fprintf(stderr, "bench: renderer %s\n", info.name);
    gl->wake_event = SDL_RegisterEvents(1);
    return true;
}

static void gl_stop(struct gl *gl)
{
    SDL_DestroyRenderer(gl->renderer);
    SDL_DestroyWindow(gl->window);
    SDL_Quit();
}

/* Ends a frame so that the GPU's work is counted: a one-pixel read-back
 * waits for everything queued before it. */
static void finish_frame(SDL_Renderer *r)
{
    SDL_Rect one = {0, 0, 1, 1};
    uint8_t px[4];

    SDL_RenderReadPixels(r, &one, SDL_PIXELFORMAT_ABGR8888, px, 4);
    SDL_RenderPresent(r);
}

static void draw_frame(struct gl *gl, struct pano_scene *scene,
                       const struct pano_camera *cam)
{
    SDL_Rect all = {0, 0, VIEW_W, VIEW_H};

    SDL_SetRenderDrawColor(gl->renderer, 0, 0, 0, 255);
    SDL_RenderClear(gl->renderer);
    pano_scene_draw(scene, cam, &all, 255);
}

/* budget and uploads 0: the defaults (48 MiB, 2 per update). */
static struct pano_scene *open_scene(struct gl *gl, const char *source,
                                     const char *cache, size_t budget,
                                     int uploads)
{
    struct pano_err err = {""};
    struct pano_scene_options o = {
        .input = {.equirect = source},
        .cache_root = cache,
        .budget_bytes = budget,
        .uploads_per_frame = uploads,
        .wake_event = gl->wake_event,
    };
    struct pano_scene *scene = pano_scene_create(gl->renderer, &o, &err);

    if (!scene)
        fprintf(stderr, "bench: %s\n", err.msg);
    return scene;
}

/* The kiosk's loop: sleep until woken (or a frame's time), update, draw
 * when ready and something changed. Returns when sharp or failed. */
static bool run_until_sharp(struct gl *gl, struct pano_scene *scene,
                            const struct pano_camera *cam, double start,
                            double *first_ms, double *sharp_ms)
{
    double end = now_ms() + WAIT_MS;
    bool drawn = false;
    SDL_Event event;

    while (now_ms() < end) {
        bool changed;

        SDL_WaitEventTimeout(&event, WAKE_WAIT_MS);
        changed = pano_scene_update(scene);
        if (pano_scene_state(scene, NULL) == PANO_SCENE_FAILED)
            return false;
        if (pano_scene_state(scene, NULL) != PANO_SCENE_READY ||
            (drawn && !changed))
            continue;
        drawn = true;
        draw_frame(gl, scene, cam);
        finish_frame(gl->renderer);
        if (first_ms && *first_ms < 0)
            *first_ms = now_ms() - start;
        if (pano_scene_sharp(scene)) {
            if (sharp_ms)
                *sharp_ms = now_ms() - start;
            return true;
        }
    }
    return false;
}

static void time_first_frame(struct gl *gl, const char *source,
                             const char *cache, struct figures *f)
{
    double first[FIRST_FRAME_RUNS], sharp[FIRST_FRAME_RUNS];
    struct pano_camera cam = {0, 0, PAN_FOV_DEG, VIEW_W, VIEW_H};

    for (int i = 0; i < FIRST_FRAME_RUNS; i++) {
        double start = now_ms();
        struct pano_scene *scene = open_scene(gl, source, cache, 0, 0);

        first[i] = sharp[i] = -1;
        if (scene)
            run_until_sharp(gl, scene, &cam, start, &first[i], &sharp[i]);
        pano_scene_destroy(scene);
    }
    f->first_frame_ms = quantile(first, FIRST_FRAME_RUNS, 0.5);
    f->sharp_ms = quantile(sharp, FIRST_FRAME_RUNS, 0.5);
}

/* Frame i of the scripted pan: once round, pitch swinging twice. */
static struct pano_camera pan_camera(int i, int frames)
{
    double t = (double)i / frames;

    return (struct pano_camera){360 * t - 180,
                                PAN_PITCH_DEG * sin(4 * PANO_PI * t),
                                PAN_FOV_DEG, VIEW_W, VIEW_H};
}

static void time_pan(struct gl *gl, const char *source, const char *cache,
                     struct figures *f)
{
    static double mesh[PAN_FRAMES], draw[PAN_FRAMES];
    struct pano_camera cam = pan_camera(0, PAN_FRAMES);
    struct pano_scene *scene = open_scene(gl, source, cache, 0, 0);
    struct pano_scene_stats stats;
    double start;
    int uploads;

    if (!scene || !run_until_sharp(gl, scene, &cam, now_ms(), NULL, NULL)) {
        pano_scene_destroy(scene);
        return;
    }
    pano_scene_get_stats(scene, &stats);
    uploads = stats.uploads_total;
    start = now_ms();
    double cpu = cpu_ms();
    for (int i = 0; i < PAN_FRAMES; i++) {
        cam = pan_camera(i, PAN_FRAMES);
        pano_scene_update(scene);
        draw_frame(gl, scene, &cam);
        finish_frame(gl->renderer);
        pano_scene_get_stats(scene, &stats);
        mesh[i] = stats.mesh_ms;
        draw[i] = stats.draw_ms;
        f->pan_vertices += stats.vertices_drawn / PAN_FRAMES;
    }
    f->pan_fps = PAN_FRAMES / ((now_ms() - start) / 1e3);
    f->pan_cpu_ms = (cpu_ms() - cpu) / PAN_FRAMES;
    f->pan_uploads = stats.uploads_total - uploads;
    f->mesh_mean_ms = mean(mesh, PAN_FRAMES);
    f->mesh_p95_ms = quantile(mesh, PAN_FRAMES, 0.95);
    f->draw_mean_ms = mean(draw, PAN_FRAMES);
    pano_scene_destroy(scene);
}

static SDL_Texture *baseline_texture(SDL_Renderer *r)
{
    size_t bytes = (size_t)BASELINE_TEXTURE_PX * BASELINE_TEXTURE_PX * 4;
    uint8_t *pixels = malloc(bytes);
    SDL_Texture *t =
        SDL_CreateTexture(r, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC,
                          BASELINE_TEXTURE_PX, BASELINE_TEXTURE_PX);

    if (pixels && t) {
        for (size_t i = 0; i < bytes; i++)
            pixels[i] = (uint8_t)(i * 2654435761u >> 24);
        SDL_UpdateTexture(t, NULL, pixels, BASELINE_TEXTURE_PX * 4);
        SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
    }
    free(pixels);
    return t;
}

struct grid {
    float *xy, *uv;
    int *indices;
    int vertices, index_count;
};

/* The window as n x n quads mapping 0.83 x 0.89 of the texture (about a
 * face at 1920 px over 90 degrees), shifted a little each frame. */
static bool make_grid(struct grid *g, int n, int frame)
{
    size_t nv = (size_t)(n + 1) * (n + 1);

    g->xy = realloc(g->xy, nv * 2 * sizeof(float));
    g->uv = realloc(g->uv, nv * 2 * sizeof(float));
    g->indices = realloc(g->indices, (size_t)n * n * 6 * sizeof(int));
    if (!g->xy || !g->uv || !g->indices)
        return false;
    g->vertices = g->index_count = 0;
    for (int j = 0; j <= n; j++) {
        for (int i = 0; i <= n; i++, g->vertices++) {
            g->xy[g->vertices * 2] = (float)(VIEW_W * i) / n;
            g->xy[g->vertices * 2 + 1] = (float)(VIEW_H * j) / n;
            g->uv[g->vertices * 2] = 0.83f * i / n + (frame % 64) / 4096.0f;
            g->uv[g->vertices * 2 + 1] = 0.89f * j / n;
        }
    }
    for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
            int a = j * (n + 1) + i, *ix = g->indices + g->index_count;

            ix[0] = a;
            ix[1] = a + 1;
            ix[2] = a + n + 2;
            ix[3] = a;
            ix[4] = a + n + 2;
            ix[5] = a + n + 1;
            g->index_count += 6;
        }
    }
    return true;
}

/* The fill limit: the window filled from one texture of a face's size,
 * linear filtering, the same clear, read-back and present as the pan. */
static void time_quad(struct gl *gl, struct figures *f, int grids)
{
    SDL_Texture *t = baseline_texture(gl->renderer);
    SDL_Color white = {255, 255, 255, 255};
    struct grid g = {0};

    for (int k = 0; t && k < grids; k++) {
        double start = now_ms(), cpu = cpu_ms();

        for (int i = 0; i < PAN_FRAMES; i++) {
            if (!make_grid(&g, quad_grid[k], i))
                break;
            SDL_SetRenderDrawColor(gl->renderer, 0, 0, 0, 255);
            SDL_RenderClear(gl->renderer);
            SDL_RenderGeometryRaw(gl->renderer, t, g.xy, 8, &white, 0, g.uv, 8,
                                  g.vertices, g.indices, g.index_count, 4);
            finish_frame(gl->renderer);
        }
        f->quad_fps[k] = PAN_FRAMES / ((now_ms() - start) / 1e3);
        if (k == 0)
            f->quad_cpu_ms = (cpu_ms() - cpu) / PAN_FRAMES;
    }
    free(g.xy);
    free(g.uv);
    free(g.indices);
    if (t)
        SDL_DestroyTexture(t);
}

static struct pano_camera view_camera(int i)
{
    return (struct pano_camera){i * 360.0 / VIEWS - 180, (i * 37) % 120 - 60,
                                60 + (i * 13) % 41, VIEW_W, VIEW_H};
}

static double run_views(struct gl *gl, struct pano_scene *scene,
                        uint8_t *pixels)
{
    double start = now_ms();

    for (int i = 0; i < VIEWS; i++) {
        struct pano_camera cam = view_camera(i);

        draw_frame(gl, scene, &cam);
        if (!pano_scene_sharp(scene)) {
            if (!run_until_sharp(gl, scene, &cam, now_ms(), NULL, NULL))
                return -1;
            draw_frame(gl, scene, &cam); /* the sharp one, not presented */
        }
        SDL_RenderReadPixels(gl->renderer, NULL, SDL_PIXELFORMAT_ABGR8888,
                             pixels, VIEW_W * 4);
    }
    return VIEWS / ((now_ms() - start) / 1e3);
}

/*
 * Views drawn and read back into memory. Cold: each view's tiles are
 * decoded and uploaded first (a batch job, so 16 uploads per update).
 * Warm: the same views again, every tile resident.
 */
static void time_views(struct gl *gl, const char *source, const char *cache,
                       struct figures *f)
{
    struct pano_camera cam = {0, 90, 60, VIEW_W, VIEW_H};
    struct pano_scene *scene =
        open_scene(gl, source, cache, VIEWS_BUDGET, VIEWS_UPLOADS);
    uint8_t *pixels = malloc((size_t)VIEW_W * VIEW_H * 4);

    if (scene && pixels &&
        run_until_sharp(gl, scene, &cam, now_ms(), NULL, NULL)) {
        f->views_per_s = run_views(gl, scene, pixels);
        f->warm_views_per_s = run_views(gl, scene, pixels);
    }
    free(pixels);
    pano_scene_destroy(scene);
}

/* ffmpeg re-reads and re-decodes a looped image for every frame, so N
 * frames of one view cost what N views would. */
static void time_ffmpeg_views(const char *source, struct figures *f)
{
    char frames[16];
    char filter[] = "v360=e:flat:yaw=30:pitch=10:h_fov=90:v_fov=58.72:"
                    "w=1920:h=1080:interp=linear";

    snprintf(frames, sizeof(frames), "%d", VIEWS);

    char *const argv[] = {"ffmpeg",
                          "-hide_banner",
                          "-loglevel",
                          "error",
                          "-threads",
                          "2",
                          "-filter_threads",
                          "2",
                          "-loop",
                          "1",
                          "-i",
                          (char *)source,
                          "-vf",
                          filter,
                          "-frames:v",
                          frames,
                          "-f",
                          "null",
                          "-",
                          NULL};
    struct child_result r = run_child(argv, NULL, NULL, 0);

    f->ffmpeg_views_per_s = r.ok ? VIEWS / (r.wall_ms / 1e3) : -1;
}

/* ---- the child that shows the panorama ---- */

/* The same window and frames with nothing drawn: what SDL and the
 * renderer hold by themselves. */
static int idle(void)
{
    struct gl gl = {0};

    if (!gl_start(&gl))
        return EXIT_FAILURE;
    for (int i = 0; i < SHOW_FRAMES; i++) {
        SDL_SetRenderDrawColor(gl.renderer, 0, 0, 0, 255);
        SDL_RenderClear(gl.renderer);
        finish_frame(gl.renderer);
    }
    gl_stop(&gl);
    return EXIT_SUCCESS;
}

static int show(const char *source, const char *cache)
{
    struct gl gl = {0};
    struct pano_camera cam = pan_camera(0, SHOW_FRAMES);
    struct pano_scene *scene;
    int status = EXIT_FAILURE;

    if (!gl_start(&gl))
        return EXIT_FAILURE;
    scene = open_scene(&gl, source, cache, 0, 0);
    if (scene && run_until_sharp(&gl, scene, &cam, now_ms(), NULL, NULL)) {
        for (int i = 0; i < SHOW_FRAMES; i++) {
            cam = pan_camera(i, SHOW_FRAMES);
            pano_scene_update(scene);
            draw_frame(&gl, scene, &cam);
            finish_frame(gl.renderer);
        }
        status = EXIT_SUCCESS;
    }
    pano_scene_destroy(scene);
    gl_stop(&gl);
    return status;
}

/* source NULL: the idle child. */
static struct child_result show_child(const char *self, const char *source,
                                      const char *cache, bool software)
{
    char *const argv[] = {(char *)self, source ? "--show" : "--idle",
                          (char *)source, (char *)cache, NULL};
    const char *const gl_env[] = {"SDL_VIDEODRIVER=offscreen",
                                  "SDL_RENDER_DRIVER=opengles2", NULL};
    const char *const sw_env[] = {"SDL_VIDEODRIVER=dummy",
                                  "SDL_RENDER_DRIVER=software", NULL};

    return run_measured(argv, software ? sw_env : gl_env);
}

/* ---- the kiosk itself ---- */

/* The kiosk's drags while it shows the panorama (after its loading). */
static const char KIOSK_SCRIPT[] = "wait 3000\n"
                                   "drag 1400 540 400 540 2000\nwait 800\n"
                                   "drag 1400 540 400 540 2000\nwait 800\n"
                                   "drag 1400 300 400 700 2000\nwait 800\n"
                                   "drag 400 540 1400 540 2000\nwait 800\n";

static bool write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    bool ok = f && fputs(text, f) >= 0;

    return f ? fclose(f) == 0 && ok : false;
}

/* A relative file name of the built-in catalog made absolute. */
static void absolute(cJSON *obj, const char *key)
{
    cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    char path[PATH_MAX];

    if (cJSON_IsString(item) && item->valuestring[0] != '/' &&
        snprintf(path, sizeof(path), "%s/%s", VITRINE_ASSETS_DIR,
                 item->valuestring) < (int)sizeof(path))
        cJSON_SetValuestring(item, path);
}

/* The built-in catalog, its paths made absolute, with the source as the
 * first model's first scene. */
static char *kiosk_catalog(const char *source)
{
    char path[PATH_MAX], real[PATH_MAX], *text, *json = NULL;
    cJSON *catalog, *models, *model, *scene;

    snprintf(path, sizeof(path), "%s/catalog.json", VITRINE_ASSETS_DIR);
    text = fs_read_file(path, CATALOG_BYTES_MAX, NULL);
    catalog = text ? cJSON_Parse(text) : NULL;
    free(text);
    models = cJSON_GetObjectItemCaseSensitive(catalog, "models");
    cJSON_ArrayForEach(model, models)
    {
        absolute(model, "photo");
        cJSON_ArrayForEach(scene,
                           cJSON_GetObjectItemCaseSensitive(model, "scenes"))
            absolute(scene, "image");
    }
    model = cJSON_GetArrayItem(models, 0);
    scene = cJSON_GetArrayItem(
        cJSON_GetObjectItemCaseSensitive(model, "scenes"), 0);
    if (scene && realpath(source, real) &&
        cJSON_SetValuestring(cJSON_GetObjectItemCaseSensitive(scene, "image"),
                             real))
        json = cJSON_Print(catalog);
    cJSON_Delete(catalog);
    return json;
}

/* The catalog, a config, the scripts and a data folder sharing the
 * bench's bakes, in work; false on failure. */
static bool write_kiosk_files(const char *work, const char *source,
                              const char *cache)
{
    char path[PATH_MAX], text[PATH_MAX + 64], real[PATH_MAX];
    char *json = kiosk_catalog(source);
    bool ok = json && fs_join(path, PATH_MAX, work, "content") &&
              fs_make_dirs(path) &&
              snprintf(text, sizeof(text), "{\"content_dir\": \"%s\"}\n",
                       path) < (int)sizeof(text) &&
              fs_join(path, PATH_MAX, work, "content/catalog.json") &&
              write_text(path, json) &&
              fs_join(path, PATH_MAX, work, "kiosk.json") &&
              write_text(path, text) &&
              fs_join(path, PATH_MAX, work, "kiosk-script.txt") &&
              write_text(path, KIOSK_SCRIPT) &&
              fs_join(path, PATH_MAX, work, "kiosk-wait.txt") &&
              write_text(path, "wait 3000\n") &&
              fs_join(path, PATH_MAX, work, "data") && fs_make_dirs(path) &&
              fs_join(path, PATH_MAX, work, "data/panoramas") &&
              realpath(cache, real) && symlink(real, path) == 0;

    free(json);
    return ok;
}

/* Peak RSS of the kiosk (vitrine) opened on screen ("viewer" runs the
 * drags, "home" only waits), on GL or the software renderer. */
static struct child_result kiosk_child(const char *work, const char *screen,
                                       bool software)
{
    char config[PATH_MAX], data[PATH_MAX], script[PATH_MAX];
    char *const argv[] = {VITRINE_BIN,
                          "--headless",
                          "--windowed",
                          "1920x1080",
                          "--config",
                          config,
                          "--data-dir",
                          data,
                          "--start-screen",
                          (char *)screen,
                          "--script",
                          script,
                          NULL};
    const char *const gl_env[] = {"SDL_RENDER_DRIVER=opengles2", NULL};
    const char *const sw_env[] = {"SDL_VIDEODRIVER=dummy",
                                  "SDL_RENDER_DRIVER=software", NULL};
    bool home = strcmp(screen, "home") == 0;

    if (!fs_join(config, PATH_MAX, work, "kiosk.json") ||
        !fs_join(data, PATH_MAX, work, "data") ||
        !fs_join(script, PATH_MAX, work,
                 home ? "kiosk-wait.txt" : "kiosk-script.txt"))
        return (struct child_result){0};
    return run_measured(argv, software ? sw_env : gl_env);
}

/* ---- the report ---- */

static void row(const char *what, double ours, double base, const char *unit,
                bool higher_better, const char *target)
{
    char ratio[32] = "";

    if (base > 0 && ours > 0)
        snprintf(ratio, sizeof(ratio), "%.2f",
                 higher_better ? ours / base : base / ours);
    if (base > 0)
        printf("| %s | %.2f %s | %.2f %s | %s | %s |\n", what, ours, unit, base,
               unit, ratio, target);
    else
        printf("| %s | %.2f %s | | | %s |\n", what, ours, unit, target);
}

static void report(const struct figures *f)
{
    char what[96];

    printf("| figure | ours | baseline | ratio | target |\n");
    printf("|---|---|---|---|---|\n");
    row("CPU per frame, 1920x1080 pan: mean (level, culling, mesh)",
        f->mesh_mean_ms, 0, "ms", false, "<= 0.5 ms");
    row("CPU per frame, 1920x1080 pan: p95", f->mesh_p95_ms, 0, "ms", false,
        "<= 0.5 ms");
    row("whole pano_scene_draw incl. SDL's queueing: mean", f->draw_mean_ms, 0,
        "ms", false, "");
    row("pan FPS vs one full-window quad (GL, offscreen)", f->pan_fps,
        f->quad_fps[0], "fps", true, "ratio >= 0.8");
    for (int k = 1; k < QUAD_GRIDS; k++) {
        snprintf(what, sizeof(what),
                 "(the same quad cut into %d triangles, for scale)",
                 2 * quad_grid[k] * quad_grid[k]);
        row(what, f->quad_fps[k], f->quad_fps[0], "fps", true, "");
    }
    row("1920x1080 views/s, cold (tiles decoded per view) vs ffmpeg v360",
        f->views_per_s, f->ffmpeg_views_per_s, "views/s", true, "ratio >= 1");
    row("1920x1080 views/s, warm (tiles resident) vs ffmpeg v360",
        f->warm_views_per_s, f->ffmpeg_views_per_s, "views/s", true,
        "ratio >= 1");
    row("bake wall time vs ffmpeg v360=e:c6x1", f->bake_ms, f->ffmpeg_bake_ms,
        "ms", false, "ratio >= 1");
    row("create to first frame (baked scene), median", f->first_frame_ms, 0,
        "ms", false, "<= 200 ms");
    row("create to sharp, median", f->sharp_ms, 0, "ms", false, "<= 1000 ms");
    row("peak RSS of the kiosk showing and panning it, GL (Mesa llvmpipe)",
        f->kiosk_gl.max_rss_mib, 0, "MiB", false, "< 150 MB");
    row("same kiosk, software renderer (no Mesa)", f->kiosk_sw.max_rss_mib, 0,
        "MiB", false, "< 150 MB");
    row("same kiosk on its home screen, GL", f->kiosk_home_gl.max_rss_mib, 0,
        "MiB", false, "");
    row("peak RSS of a bare scene showing it, GL (Mesa llvmpipe)",
        f->show_gl.max_rss_mib, 0, "MiB", false, "");
    row("peak RSS, same GL child with nothing drawn", f->idle_gl.max_rss_mib, 0,
        "MiB", false, "");
    row("peak RSS of a bare scene showing it, software renderer",
        f->show_sw.max_rss_mib, 0, "MiB", false, "");
    row("peak RSS of pano-bake baking it", f->bake_child.max_rss_mib, 0, "MiB",
        false, "< 200 MB");
    printf("\npan: %d frames, %d vertices a frame, %d tile uploads during "
           "it; pano-bake took %.0f ms\n",
           PAN_FRAMES, f->pan_vertices, f->pan_uploads, f->bake_child.wall_ms);
}

/* --pan SOURCE CACHE: the pan and the one-quad baseline only, taken in
 * turn three times so that a change in the machine's load hits both. */
static int pan_only(const char *source, const char *cache)
{
    struct gl gl = {0};
    struct figures f = {0};

    if (time_bake(source, cache) < 0)
        return EXIT_FAILURE;
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_RENDER_DRIVER", "opengles2", 1);
    if (!gl_start(&gl))
        return EXIT_FAILURE;
    for (int round = 0; round < 3; round++) {
        f.pan_vertices = 0;
        time_pan(&gl, source, cache, &f);
        time_quad(&gl, &f, 1);
        printf("pan %.1f fps, quad %.1f fps: ratio %.2f; CPU a frame %.1f "
               "and %.1f ms: ratio %.2f; %d vertices a frame, %d uploads, "
               "draw %.2f ms\n",
               f.pan_fps, f.quad_fps[0], f.pan_fps / f.quad_fps[0],
               f.pan_cpu_ms, f.quad_cpu_ms, f.quad_cpu_ms / f.pan_cpu_ms,
               f.pan_vertices, f.pan_uploads, f.draw_mean_ms);
        fflush(stdout);
    }
    gl_stop(&gl);
    return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
    struct figures f = {0};
    char work[PATH_MAX], cache[PATH_MAX];
    struct gl gl = {0};
    bool ffmpeg;

    if (argc == 4 && strcmp(argv[1], "--show") == 0)
        return show(argv[2], argv[3]);
    if (argc == 4 && strcmp(argv[1], "--pan") == 0)
        return pan_only(argv[2], argv[3]);
    if (argc == 2 && strcmp(argv[1], "--idle") == 0)
        return idle();
    if (argc > 2 && strcmp(argv[1], "--measure") == 0)
        return measure(argv + 2);
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s SOURCE [WORK_DIR]\n", argv[0]);
        return EXIT_FAILURE;
    }
    if (snprintf(work, sizeof(work), "%s/vitrine-bench-pano-%d",
                 argc == 3 ? argv[2] : "/tmp",
                 (int)getpid()) >= (int)sizeof(work) ||
        snprintf(cache, sizeof(cache), "%s/cache", work) >=
            (int)sizeof(cache)) {
        fprintf(stderr, "bench: %s: path too long\n", argv[2]);
        return EXIT_FAILURE;
    }
    ffmpeg = have_ffmpeg();
    if (!ffmpeg)
        fprintf(stderr, "bench: no ffmpeg (apt-get install -y ffmpeg): "
                        "its rows stay empty\n");

    fprintf(stderr, "bench: baking\n");
    f.bake_ms = time_bake(argv[1], cache);
    if (ffmpeg)
        f.ffmpeg_bake_ms = time_ffmpeg_bake(argv[1]);
    f.bake_child = bake_child(argv[0], argv[1], work);

    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_RENDER_DRIVER", "opengles2", 1);
    if (f.bake_ms < 0 || !gl_start(&gl)) {
        fprintf(stderr, "bench: cannot start: %s\n", SDL_GetError());
        return EXIT_FAILURE;
    }
    fprintf(stderr, "bench: first frame, pan, views\n");
    time_first_frame(&gl, argv[1], cache, &f);
    time_pan(&gl, argv[1], cache, &f);
    time_quad(&gl, &f, QUAD_GRIDS);
    time_views(&gl, argv[1], cache, &f);
    gl_stop(&gl);
    if (ffmpeg)
        time_ffmpeg_views(argv[1], &f);

    fprintf(stderr, "bench: memory\n");
    f.show_gl = show_child("/proc/self/exe", argv[1], cache, false);
    f.show_sw = show_child("/proc/self/exe", argv[1], cache, true);
    f.idle_gl = show_child("/proc/self/exe", NULL, NULL, false);
    if (write_kiosk_files(work, argv[1], cache)) {
        f.kiosk_gl = kiosk_child(work, "viewer", false);
        f.kiosk_sw = kiosk_child(work, "viewer", true);
        f.kiosk_home_gl = kiosk_child(work, "home", false);
    } else {
        fprintf(stderr, "bench: cannot write the kiosk's files\n");
    }
    report(&f);
    pano_fs_remove_tree(work, NULL);
    return EXIT_SUCCESS;
}
