#include "display.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

static const char *const TAG = "display";

static void set_hints(bool headless)
{
    /* Touches must not also arrive as mouse clicks (and the reverse), or
     * one tap would be handled twice. */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "linear");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (headless && !getenv("SDL_VIDEODRIVER"))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
}

/*
 * SDL falls back to its offscreen driver when it finds no display, and a
 * kiosk "running" there shows nothing to anyone. Unless it was asked for
 * by name, that counts as no display.
 */
static bool shows_pixels(void)
{
    const char *driver = SDL_GetCurrentVideoDriver();
    const char *asked = getenv("SDL_VIDEODRIVER");

    if (!driver)
        return false;
    if (strcmp(driver, "offscreen") != 0 && strcmp(driver, "dummy") != 0)
        return true;
    return asked && strcmp(asked, driver) == 0;
}

/* The drivers whose event wait blocks on the display connection. */
static bool waits_natively(void)
{
    const char *driver = SDL_GetCurrentVideoDriver();

    return driver &&
           (strcmp(driver, "x11") == 0 || strcmp(driver, "wayland") == 0);
}

static SDL_Window *create_window(const struct display_options *options)
{
    Uint32 flags = SDL_WINDOW_SHOWN;
    int w = options->width, h = options->height;

    if (!options->windowed && !options->headless) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        w = h = 0;
    }
    return SDL_CreateWindow(options->title, SDL_WINDOWPOS_CENTERED,
                            SDL_WINDOWPOS_CENTERED, w, h, flags);
}

static SDL_Renderer *create_renderer(SDL_Window *window)
{
    SDL_Renderer *renderer;

    renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_PRESENTVSYNC);
    if (renderer)
        return renderer;
    log_warn(TAG, "no accelerated renderer (%s), using software",
             SDL_GetError());
    return SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
}

/* glFinish, when the renderer is OpenGL and the window is offscreen. */
static void find_finish(struct display *display, const SDL_RendererInfo *info)
{
    void *fn;

    if (!display->headless || strncmp(info->name, "opengl", 6) != 0)
        return;
    fn = SDL_GL_GetProcAddress("glFinish");
    /* ISO C has no cast from object to function pointer; copy the bits. */
    if (fn)
        memcpy(&display->finish, &fn, sizeof(display->finish));
}

void display_present(struct display *display)
{
    SDL_RenderPresent(display->renderer);
    if (display->finish)
        display->finish();
}

static void log_choice(const struct display *display)
{
    SDL_RendererInfo info;

    SDL_GetRendererInfo(display->renderer, &info);
    log_info(TAG, "%s %dx%d, renderer %s, max texture %d",
             SDL_GetCurrentVideoDriver(), display->width, display->height,
             info.name, display->max_texture_size);
}

enum display_result display_open(struct display *display,
                                 const struct display_options *options,
                                 char *err, size_t err_size)
{
    SDL_RendererInfo info;

    memset(display, 0, sizeof(*display));
    set_hints(options->headless);
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        snprintf(err, err_size, "no video device: %s", SDL_GetError());
        return options->headless ? DISPLAY_FAILED : DISPLAY_NO_DEVICE;
    }
    if (!options->headless && !shows_pixels()) {
        snprintf(err, err_size, "SDL found only its \"%s\" video driver",
                 SDL_GetCurrentVideoDriver());
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return DISPLAY_NO_DEVICE;
    }

    display->window = create_window(options);
    if (!display->window) {
        snprintf(err, err_size, "cannot open a window: %s", SDL_GetError());
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return options->headless ? DISPLAY_FAILED : DISPLAY_NO_DEVICE;
    }
    display->renderer = create_renderer(display->window);
    if (!display->renderer) {
        snprintf(err, err_size, "cannot create a renderer: %s", SDL_GetError());
        display_close(display);
        return DISPLAY_FAILED;
    }

    display->headless = options->headless;
    display->native_wait = waits_natively();
    SDL_GetRendererInfo(display->renderer, &info);
    find_finish(display, &info);
    display->max_texture_size = info.max_texture_width < info.max_texture_height
                                    ? info.max_texture_width
                                    : info.max_texture_height;
    if (!options->headless && !options->windowed)
        SDL_ShowCursor(SDL_DISABLE);
    display_refresh_size(display);
    log_choice(display);
    return DISPLAY_OK;
}

bool display_refresh_size(struct display *display)
{
    int w, h, out_w, out_h;

    SDL_GetWindowSize(display->window, &w, &h);
    if (SDL_GetRendererOutputSize(display->renderer, &out_w, &out_h) == 0 &&
        w > 0 && h > 0)
        SDL_RenderSetScale(display->renderer, (float)out_w / (float)w,
                           (float)out_h / (float)h);
    if (w == display->width && h == display->height)
        return false;
    display->width = w;
    display->height = h;
    return true;
}

void display_close(struct display *display)
{
    if (display->renderer)
        SDL_DestroyRenderer(display->renderer);
    if (display->window)
        SDL_DestroyWindow(display->window);
    if (display->renderer || display->window)
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    memset(display, 0, sizeof(*display));
}
