#include "assets.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "fsutil.h"
#include "log.h"

static const char *const TAG = "assets";

enum { LOGO_DESIGN_PX = 76 };

int assets_logo_height(const struct app *app)
{
    return theme_px(&app->theme, LOGO_DESIGN_PX);
}

static bool is_svg(const char *path)
{
    size_t n = strlen(path);

    return n > 4 && strcmp(path + n - 4, ".svg") == 0;
}

static SDL_Surface *load_sized(const char *path, int height)
{
    SDL_RWops *rw;
    SDL_Surface *surface;

    if (!is_svg(path))
        return IMG_Load(path);
    rw = SDL_RWFromFile(path, "rb");
    if (!rw)
        return NULL;
    /* Width 0 keeps the drawing's aspect at the given height. */
    surface = IMG_LoadSizedSVG_RW(rw, 0, height);
    SDL_RWclose(rw);
    return surface;
}

void assets_load_logo(struct app *app)
{
    char path[CONFIG_PATH_MAX];
    SDL_Surface *surface;

    if (app->cfg.dealership.logo_path[0])
        snprintf(path, sizeof(path), "%s", app->cfg.dealership.logo_path);
    else
        fs_join(path, sizeof(path), app->content_dir, "logo.svg");
    if (app->logo)
        SDL_DestroyTexture(app->logo);
    app->logo = NULL;

    surface = load_sized(path, assets_logo_height(app) * 2);
    if (!surface) {
        log_warn(TAG, "logo %s: %s", path, IMG_GetError());
        return;
    }
    app->logo = SDL_CreateTextureFromSurface(app->display.renderer, surface);
    SDL_FreeSurface(surface);
}

void assets_load_photos(struct app *app)
{
    size_t n = app->catalog->model_count;

    app->photos = calloc(n, sizeof(*app->photos));
    if (!app->photos)
        return;
    for (size_t i = 0; i < n; i++) {
        const char *path = app->catalog->models[i].photo_path;

        app->photos[i] = IMG_LoadTexture(app->display.renderer, path);
        if (!app->photos[i])
            log_warn(TAG, "photo %s: %s", path, IMG_GetError());
    }
}

void assets_free(struct app *app)
{
    if (app->photos) {
        for (size_t i = 0; i < app->catalog->model_count; i++) {
            if (app->photos[i])
                SDL_DestroyTexture(app->photos[i]);
        }
        free(app->photos);
        app->photos = NULL;
    }
    if (app->logo)
        SDL_DestroyTexture(app->logo);
    app->logo = NULL;
}

bool assets_save_screenshot(struct app *app, const char *path, char *err,
                            size_t err_size)
{
    SDL_Renderer *r = app->display.renderer;
    char tmp[CONFIG_PATH_MAX + 8];
    SDL_Surface *surface;
    int w, h;
    bool ok;

    SDL_GetRendererOutputSize(r, &w, &h);
    surface =
        SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!surface) {
        snprintf(err, err_size, "screenshot: %s", SDL_GetError());
        return false;
    }
    ok = SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888,
                              surface->pixels, surface->pitch) == 0;
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    ok = ok && IMG_SavePNG(surface, tmp) == 0 && rename(tmp, path) == 0;
    if (!ok)
        snprintf(err, err_size, "cannot write screenshot %s: %s", path,
                 SDL_GetError());
    SDL_FreeSurface(surface);
    return ok;
}
