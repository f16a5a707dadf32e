/*
 * attract: the demo loop a kiosk shows while nobody is at it. Full-screen
 * photos of the models cross-fade every attract_slide_s seconds with the
 * model's name and price; a touch anywhere opens the gallery. Between
 * fades nothing moves, so the kiosk sleeps until the next one.
 */
#include <math.h>
#include <string.h>

#include "app.h"
#include "chrome.h"
#include "draw.h"

enum {
    FADE_MS = 900,
    FRAME_MS = 16,
};

static struct {
    size_t slide, previous;
    uint64_t slide_start_ms;
} attract;

static size_t slide_count(const struct app *app)
{
    return app->catalog->model_count;
}

static void attract_enter(struct app *app)
{
    attract.slide = 0;
    attract.previous = 0;
    attract.slide_start_ms = app->now_ms;
}

static void attract_input(struct app *app, const struct input_event *ev,
                          const char *activated)
{
    (void)ev;
    if (!activated)
        return;
    /* A visitor who picks a language here is ready to start. */
    if (strcmp(activated, "lang") == 0)
        chrome_activate(app, activated);
    app_go(app, SCREEN_HOME);
}

static uint64_t attract_update(struct app *app, uint64_t now_ms)
{
    uint64_t slide_ms = (uint64_t)app->cfg.attract_slide_s * 1000;

    if (slide_count(app) > 1 && now_ms - attract.slide_start_ms >= slide_ms) {
        attract.previous = attract.slide;
        attract.slide = (attract.slide + 1) % slide_count(app);
        attract.slide_start_ms = now_ms;
        app_invalidate(app);
    }
    if (attract.previous != attract.slide &&
        now_ms - attract.slide_start_ms < FADE_MS) {
        app_invalidate(app);
        return now_ms + FRAME_MS;
    }
    return attract.slide_start_ms + slide_ms;
}

static float fade_progress(const struct app *app)
{
    float t;

    if (attract.previous == attract.slide)
        return 1.0f;
    t = (float)(app->now_ms - attract.slide_start_ms) / FADE_MS;
    t = fminf(fmaxf(t, 0.0f), 1.0f);
    return t * t * (3 - 2 * t); /* ease in and out */
}

static void draw_photos(struct app *app, SDL_FRect full)
{
    const struct catalog_model *models = app->catalog->models;
    float t = fade_progress(app);

    if (t < 1.0f)
        draw_image_cover(app->display.renderer,
                         app_photo(app, &models[attract.previous]), full, 0,
                         255);
    draw_image_cover(app->display.renderer,
                     app_photo(app, &models[attract.slide]), full, 0,
                     (Uint8)lroundf(255 * t));
}

static void draw_scrims(struct app *app, SDL_FRect full)
{
    SDL_Color clear = {0, 0, 0, 0};
    SDL_Color dark = {0, 0, 0, 200};
    SDL_Color top = {0, 0, 0, 150};

    draw_gradient(app->display.renderer,
                  (SDL_FRect){0, 0, full.w, full.h * 0.28f}, top, clear);
    draw_gradient(app->display.renderer,
                  (SDL_FRect){0, full.h * 0.42f, full.w, full.h * 0.58f}, clear,
                  dark);
}

static void draw_brand(struct app *app)
{
    const struct theme *t = &app->theme;
    struct ui_text_style s = {TEXT_BOLD,      t->font_heading, t->text,
                              UI_ALIGN_START, UI_ALIGN_CENTER, false};
    float x = (float)t->margin, y = (float)t->margin / 2;
    float h = (float)t->button_h * 0.86f;

    if (app->logo) {
        int tw, th;
        float lh = h;

        SDL_QueryTexture(app->logo, NULL, NULL, &tw, &th);
        SDL_RenderCopyF(app->display.renderer, app->logo, NULL,
                        &(SDL_FRect){x, y, lh * (float)tw / (float)th, lh});
        x += lh * (float)tw / (float)th + (float)t->space_m;
    }
    ui_text(&app->ui, "dealer", app->cfg.dealership.name[app->lang],
            (SDL_FRect){x, y, (float)t->width / 2, h}, &s);
}

static void draw_caption(struct app *app)
{
    const struct theme *t = &app->theme;
    const struct catalog_model *m = &app->catalog->models[attract.slide];
    float x = (float)t->margin, w = (float)(t->width - 2 * t->margin);
    float bottom = (float)(t->height - t->margin);
    struct ui_text_style s = {TEXT_BOLD,      t->font_display, t->text,
                              UI_ALIGN_START, UI_ALIGN_END,    false};
    char price[64];
    float pill_h = (float)t->button_h * 1.1f;
    float y = bottom - pill_h - (float)t->space_l;
    SDL_FRect r;

    s.size_px = t->font_body;
    s.colour = t->text_muted;
    s.weight = TEXT_REGULAR;
    r = ui_text(&app->ui, "tagline", i18n_get(app->lang, STR_ATTRACT_TAGLINE),
                (SDL_FRect){x, y - (float)t->font_body * 1.6f, w,
                            (float)t->font_body * 1.6f},
                &s);
    s.size_px = t->font_heading;
    s.colour = t->text;
    y = r.y - (float)t->space_s;
    r = ui_text(&app->ui, "price",
                i18n_price(app->lang, m->price_fen, price, sizeof(price)),
                (SDL_FRect){x, y - (float)t->font_heading * 1.5f, w,
                            (float)t->font_heading * 1.5f},
                &s);
    s.size_px = t->font_display;
    s.weight = TEXT_BOLD;
    ui_text(&app->ui, "model", m->name[app->lang],
            (SDL_FRect){x, r.y - (float)t->font_display * 1.5f, w,
                        (float)t->font_display * 1.5f},
            &s);
}

static void draw_start_pill(struct app *app)
{
    const struct theme *t = &app->theme;
    const char *label = i18n_get(app->lang, STR_TOUCH_TO_START);
    struct ui_text_style s = {TEXT_BOLD,       t->font_heading, t->on_accent,
                              UI_ALIGN_CENTER, UI_ALIGN_CENTER, false};
    bool pressed = ui_is_pressed(&app->ui, "start");
    float h = (float)t->button_h * 1.1f;
    float w = ui_text_size(&app->ui, label, &s, 0).x + 2 * (float)t->space_xl;
    SDL_FRect pill = {(float)t->margin, (float)(t->height - t->margin) - h, w,
                      h};

    draw_shadow(app->display.renderer, pill, h / 2, (float)t->space_s);
    draw_rounded(app->display.renderer, pill, h / 2,
                 pressed ? t->accent_pressed : t->accent);
    ui_text(&app->ui, NULL, label, pill, &s);
}

static void attract_draw(struct app *app)
{
    const struct theme *t = &app->theme;
    SDL_FRect full = {0, 0, (float)t->width, (float)t->height};

    /* The whole screen is the start button; the pill only shows it. */
    ui_add(&app->ui, "start", UI_ROLE_BUTTON,
           i18n_get(app->lang, STR_TOUCH_TO_START), full, 0);
    draw_photos(app, full);
    draw_scrims(app, full);
    draw_brand(app);
    draw_caption(app);
    draw_start_pill(app);
    chrome_language_button(app);
}

const struct screen screen_attract = {
    .name = "attract",
    .enter = attract_enter,
    .input = attract_input,
    .update = attract_update,
    .draw = attract_draw,
    .leave = NULL,
};
