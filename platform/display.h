/*
 * display: brings up the one window and its renderer.
 *
 * On the kiosk SDL picks KMSDRM and the window is fullscreen at the
 * panel's native mode. --windowed gives a window of a chosen size for
 * development; headless runs use SDL's offscreen driver (or whatever
 * SDL_VIDEODRIVER names). Main thread only: SDL video is not thread-safe.
 */
#ifndef VITRINE_DISPLAY_H
#define VITRINE_DISPLAY_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

enum display_result {
    DISPLAY_OK,
    DISPLAY_NO_DEVICE, /* no display on this machine: try headless */
    DISPLAY_FAILED,
};

struct display_options {
    bool headless;
    bool windowed;
    int width, height; /* windowed and headless size */
    const char *title;
};

struct display {
    SDL_Window *window;
    SDL_Renderer *renderer;
    int width, height; /* logical size the UI lays out in */
    bool headless;
    int max_texture_size;
    bool native_wait;     /* SDL_WaitEventTimeout sleeps instead of polling */
    void (*finish)(void); /* glFinish when headless on GL, else NULL */
};

/* Initialises SDL video. On failure err says why. */
enum display_result display_open(struct display *display,
                                 const struct display_options *options,
                                 char *err, size_t err_size);

/*
 * Shows the frame. A display's vsync lets at most a frame or two wait in
 * the GPU driver; SDL's offscreen driver has none, and Mesa's llvmpipe
 * then queues every frame the loop makes faster than it draws them, with
 * its binned triangles (130 MiB more while panning a panorama). Headless
 * on GL, this therefore waits until the frame is drawn.
 */
void display_present(struct display *display);

/* Re-reads the window size; true when it changed. */
bool display_refresh_size(struct display *display);

void display_close(struct display *display);

#endif
