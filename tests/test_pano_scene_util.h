/*
 * Helpers for the pano_scene tests: SDL on the offscreen video driver
 * with the OpenGL ES 2 renderer (the kiosk's, through Mesa here), a
 * render-target texture that views are drawn into and read back from, and
 * waiting for a scene to load or sharpen.
 *
 * The target is cleared to TEST_CLEAR_RGBA, whose alpha is 0: the scene
 * draws opaque pixels, so a pixel with alpha 0 afterwards is a hole.
 */
#ifndef VITRINE_TEST_PANO_SCENE_UTIL_H
#define VITRINE_TEST_PANO_SCENE_UTIL_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "pano_camera.h"
#include "pano_scene.h"

#define TEST_RENDER_DRIVER "opengles2"

struct test_gl {
    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Texture *target;
    int width, height;
};

/*
 * Sets SDL_VIDEODRIVER=offscreen and SDL_RENDER_DRIVER=opengles2, starts
 * SDL and makes a width x height target. Aborts the test program, loudly,
 * when the renderer is anything but opengles2.
 */
void test_gl_start(struct test_gl *gl, int width, int height);
void test_gl_stop(struct test_gl *gl);

/* Clears the target, draws cam's view over all of it, reads the RGBA
 * pixels back into rgba (width * height * 4 bytes) if not NULL. */
void test_gl_draw(struct test_gl *gl, struct pano_scene *scene,
                  const struct pano_camera *cam, uint8_t *rgba);

/* Updates until the scene is READY or FAILED, or timeout_ms pass. */
enum pano_scene_state test_scene_wait(struct pano_scene *scene, int timeout_ms);

/* Updates and draws cam's view until the scene is sharp; false if
 * timeout_ms pass first. */
bool test_scene_settle(struct test_gl *gl, struct pano_scene *scene,
                       const struct pano_camera *cam, int timeout_ms);

/* Pixels with alpha 0: nothing was drawn there. */
int test_count_holes(const uint8_t *rgba, int pixels);

#endif
