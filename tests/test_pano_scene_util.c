/* dl_iterate_phdr and the RTLD_ flags below are GNU extensions. */
#define _GNU_SOURCE
#include "test_pano_scene_util.h"

#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { POLL_MS = 2 };

/* The libraries of Mesa's GL stack, by a part of their path. */
static const char *const gl_stack[] = {
    "libEGL", "libGLESv2", "libGLdispatch", "libglapi",
    "/dri/",  "libLLVM",   "libgbm",
};

static const SDL_Color clear_rgba = {255, 0, 255, 0};

static void die(const char *what)
{
    fprintf(stderr, "test_gl: %s: %s\n", what, SDL_GetError());
    exit(EXIT_FAILURE);
}

static int pin_gl_library(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    for (size_t i = 0; i < sizeof(gl_stack) / sizeof(gl_stack[0]); i++) {
        if (strstr(info->dlpi_name, gl_stack[i])) {
            /* Already loaded: this only marks it never to be unloaded. */
            dlopen(info->dlpi_name, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
            break;
        }
    }
    return 0;
}

/*
 * SDL_Quit unloads EGL, which unloads Mesa's driver: LeakSanitizer would
 * then report what Mesa keeps at exit as "<unknown module>", which no
 * suppression can name. Kept loaded, its leaks carry the library's name
 * and tests/lsan_mesa.supp can ignore exactly those.
 */
static void pin_gl_stack(void)
{
    dl_iterate_phdr(pin_gl_library, NULL);
}

void test_gl_start(struct test_gl *gl, int width, int height)
{
    SDL_RendererInfo info;

    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_RENDER_DRIVER", TEST_RENDER_DRIVER, 1);
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        die("SDL_Init with the offscreen driver");

    *gl = (struct test_gl){.width = width, .height = height};
    gl->window = SDL_CreateWindow("test", 0, 0, width, height, 0);
    if (!gl->window)
        die("SDL_CreateWindow");
    gl->renderer = SDL_CreateRenderer(gl->window, -1, 0);
    if (!gl->renderer)
        die("SDL_CreateRenderer(" TEST_RENDER_DRIVER ")");
    if (SDL_GetRendererInfo(gl->renderer, &info) != 0)
        die("SDL_GetRendererInfo");
    if (strcmp(info.name, TEST_RENDER_DRIVER) != 0) {
        fprintf(stderr,
                "test_gl: expected the %s renderer, got %s: these tests "
                "measure the kiosk's GL path and do not run on another\n",
                TEST_RENDER_DRIVER, info.name);
        exit(EXIT_FAILURE);
    }
    pin_gl_stack();
    gl->target = SDL_CreateTexture(gl->renderer, SDL_PIXELFORMAT_ABGR8888,
                                   SDL_TEXTUREACCESS_TARGET, width, height);
    if (!gl->target)
        die("SDL_CreateTexture(target)");
}

void test_gl_stop(struct test_gl *gl)
{
    if (gl->target)
        SDL_DestroyTexture(gl->target);
    if (gl->renderer)
        SDL_DestroyRenderer(gl->renderer);
    if (gl->window)
        SDL_DestroyWindow(gl->window);
    SDL_Quit();
    *gl = (struct test_gl){0};
}

void test_gl_draw(struct test_gl *gl, struct pano_scene *scene,
                  const struct pano_camera *cam, uint8_t *rgba)
{
    SDL_Rect all = {0, 0, gl->width, gl->height};

    SDL_SetRenderTarget(gl->renderer, gl->target);
    SDL_SetRenderDrawColor(gl->renderer, clear_rgba.r, clear_rgba.g,
                           clear_rgba.b, clear_rgba.a);
    SDL_RenderClear(gl->renderer);
    pano_scene_draw(scene, cam, &all, 255);
    if (rgba &&
        SDL_RenderReadPixels(gl->renderer, NULL, SDL_PIXELFORMAT_ABGR8888, rgba,
                             gl->width * 4) != 0)
        die("SDL_RenderReadPixels");
    SDL_SetRenderTarget(gl->renderer, NULL);
}

enum pano_scene_state test_scene_wait(struct pano_scene *scene, int timeout_ms)
{
    Uint64 end = SDL_GetTicks64() + (Uint64)timeout_ms;
    enum pano_scene_state state;

    for (;;) {
        pano_scene_update(scene);
        state = pano_scene_state(scene, NULL);
        if (state == PANO_SCENE_READY || state == PANO_SCENE_FAILED ||
            SDL_GetTicks64() > end)
            return state;
        SDL_Delay(POLL_MS);
    }
}

bool test_scene_settle(struct test_gl *gl, struct pano_scene *scene,
                       const struct pano_camera *cam, int timeout_ms)
{
    Uint64 end = SDL_GetTicks64() + (Uint64)timeout_ms;

    for (;;) {
        pano_scene_update(scene);
        test_gl_draw(gl, scene, cam, NULL);
        if (pano_scene_sharp(scene))
            return true;
        if (SDL_GetTicks64() > end)
            return false;
        SDL_Delay(POLL_MS);
    }
}

int test_count_holes(const uint8_t *rgba, int pixels)
{
    int holes = 0;

    for (int i = 0; i < pixels; i++)
        holes += rgba[i * 4 + 3] == 0;
    return holes;
}
