#include "viewer_chrome.h"

#include <math.h>
#include <stdio.h>

#include "app.h"
#include "chrome.h"
#include "draw.h"
#include "i18n.h"

static const SDL_Color SHADE = {0, 0, 0, 150};
static const SDL_Color CLEAR = {0, 0, 0, 0};
static const SDL_Color WHITE = {255, 255, 255, 255};

static struct ui_text_style style(enum text_weight weight, int size,
                                  SDL_Color colour, enum ui_align h)
{
    struct ui_text_style s = {weight, size, colour, h, UI_ALIGN_CENTER, false};

    return s;
}

void viewer_chrome_top(struct app *app, const struct catalog_model *model,
                       const struct catalog_scene *scene)
{
    const struct theme *t = &app->theme;
    float bar_h = (float)t->header_h;
    float h = (float)t->button_h * 0.86f;
    const char *back = i18n_get(app->lang, STR_BACK);
    const char *lang = i18n_get(app->lang, STR_LANG_SWITCH);
    float lang_w = ui_button_width(&app->ui, lang);
    struct ui_text_style s =
        style(TEXT_BOLD, t->font_heading, WHITE, UI_ALIGN_CENTER);
    char title[UI_TEXT_MAX];

    draw_gradient(app->display.renderer,
                  (SDL_FRect){0, 0, (float)t->width, bar_h * 1.6f}, SHADE,
                  CLEAR);
    ui_button(&app->ui, "back", back,
              (SDL_FRect){(float)t->margin, (bar_h - h) / 2,
                          ui_button_width(&app->ui, back), h},
              UI_BUTTON_SCRIM, 0);
    ui_button(&app->ui, "lang", lang,
              (SDL_FRect){(float)(t->width - t->margin) - lang_w,
                          (bar_h - h) / 2, lang_w, h},
              UI_BUTTON_SCRIM, 0);
    snprintf(title, sizeof(title), "%s · %s", model->name[app->lang],
             scene ? scene->title[app->lang] : "");
    ui_text(&app->ui, "title", title, (SDL_FRect){0, 0, (float)t->width, bar_h},
            &s);
}

/* The scene chips; returns where they end. */
static float scene_chips(struct app *app, const struct catalog_model *model,
                         size_t current, float y, float h)
{
    const struct theme *t = &app->theme;
    float x = (float)t->margin;
    char id[UI_ID_MAX];

    if (model->scene_count < 2)
        return x;
    for (size_t i = 0; i < model->scene_count; i++) {
        const char *label = model->scenes[i].title[app->lang];
        float w = ui_button_width(&app->ui, label);

        snprintf(id, sizeof(id), "scene-%s", model->scenes[i].id);
        ui_button(&app->ui, id, label, (SDL_FRect){x, y, w, h},
                  i == current ? UI_BUTTON_PRIMARY : UI_BUTTON_SCRIM,
                  i == current ? UI_CHECKED : 0);
        x += w + (float)t->space_s;
    }
    return x;
}

void viewer_chrome_bottom(struct app *app, const struct catalog_model *model,
                          size_t scene_index, bool hint)
{
    const struct theme *t = &app->theme;
    float h = (float)t->button_h;
    float y = (float)(t->height - t->margin) - h;
    const char *book = i18n_get(app->lang, STR_BOOK_TEST_DRIVE);
    float book_w = ui_button_width(&app->ui, book) + (float)t->space_l;
    float chips_end;

    draw_gradient(
        app->display.renderer,
        (SDL_FRect){0, y - h, (float)t->width, (float)t->height - y + h}, CLEAR,
        SHADE);
    chips_end = scene_chips(app, model, scene_index, y, h);
    ui_button(&app->ui, "book", book,
              (SDL_FRect){(float)(t->width - t->margin) - book_w, y, book_w, h},
              UI_BUTTON_PRIMARY, 0);
    if (hint) {
        struct ui_text_style s =
            style(TEXT_REGULAR, t->font_body, WHITE, UI_ALIGN_CENTER);
        float row_y = t->portrait || chips_end > (float)t->width / 3
                          ? y - h - (float)t->space_s
                          : y;

        ui_text(&app->ui, "hint", i18n_get(app->lang, STR_VIEWER_HINT),
                (SDL_FRect){0, row_y, (float)t->width, h}, &s);
    }
}

static void draw_marker(struct app *app, SDL_FPoint at, float r, bool pressed)
{
    const struct theme *t = &app->theme;
    SDL_FRect ring = {at.x - r, at.y - r, 2 * r, 2 * r};
    SDL_FRect dot = {at.x - r * 0.45f, at.y - r * 0.45f, r * 0.9f, r * 0.9f};

    draw_rounded(app->display.renderer, ring, r,
                 pressed ? (SDL_Color){0, 0, 0, 200}
                         : (SDL_Color){0, 0, 0, 110});
    draw_rounded_outline(app->display.renderer, ring, r, r * 0.14f, WHITE);
    draw_rounded(app->display.renderer, dot, dot.w / 2, t->accent);
}

static void hotspot(struct app *app, const struct catalog_hotspot *spot,
                    int index, SDL_FPoint at)
{
    const struct theme *t = &app->theme;
    float r = (float)t->touch_min * 0.45f;
    const char *label = spot->label[app->lang];
    struct ui_text_style s =
        style(TEXT_BOLD, t->font_caption, WHITE, UI_ALIGN_CENTER);
    SDL_FPoint size = ui_text_size(&app->ui, label, &s, 0);
    SDL_FRect pill = {
        at.x - size.x / 2 - (float)t->space_s, at.y + r + (float)t->space_xs,
        size.x + 2 * (float)t->space_s, size.y + (float)t->space_xs};
    SDL_FRect target = {at.x - (float)t->touch_min / 2,
                        at.y - (float)t->touch_min / 2, (float)t->touch_min,
                        (float)t->touch_min + pill.h};
    char id[UI_ID_MAX];
    struct ui_widget *w;

    snprintf(id, sizeof(id), "hotspot-%d", index);
    w = ui_add(&app->ui, id, UI_ROLE_BUTTON, label, target, 0);
    draw_marker(app, at, r, w && (w->flags & UI_PRESSED));
    draw_rounded(app->display.renderer, pill, pill.h / 2,
                 (SDL_Color){0, 0, 0, 150});
    ui_text(&app->ui, NULL, label, pill, &s);
}

void viewer_chrome_hotspots(struct app *app, const struct catalog_scene *scene,
                            const struct pano_camera *camera)
{
    const struct theme *t = &app->theme;
    struct pano_view view;
    double x, y;

    pano_view_init(&view, camera);
    for (size_t i = 0; i < scene->hotspot_count; i++) {
        const struct catalog_hotspot *spot = &scene->hotspots[i];
        struct pano_vec3 dir =
            pano_dir_from_angles(spot->yaw_deg, spot->pitch_deg);

        /* Under the bars a marker could not be tapped: leave it out. */
        if (!pano_view_project(&view, dir, &x, &y) || x < t->margin ||
            x > t->width - t->margin || y < t->header_h ||
            y > t->height - 2 * t->button_h - t->margin)
            continue;
        hotspot(app, spot, (int)i, (SDL_FPoint){(float)x, (float)y});
    }
}

/* The model's photo filling the screen, dimmed; a centred panel's top. */
static float dimmed_photo(struct app *app, const struct catalog_model *model)
{
    const struct theme *t = &app->theme;
    SDL_FRect all = {0, 0, (float)t->width, (float)t->height};

    draw_image_cover(app->display.renderer, app_photo(app, model), all, 0, 255);
    draw_rounded(app->display.renderer, all, 0, (SDL_Color){0, 0, 0, 170});
    return (float)t->height / 2 - (float)t->font_title;
}

void viewer_chrome_loading(struct app *app, const struct catalog_model *model,
                           float progress)
{
    const struct theme *t = &app->theme;
    float y = dimmed_photo(app, model);
    float bar_w = fminf((float)t->width * 0.5f, (float)theme_px(t, 720));
    float bar_h = (float)theme_px(t, 10);
    SDL_FRect bar = {((float)t->width - bar_w) / 2,
                     y + (float)t->font_title * 1.8f, bar_w, bar_h};
    struct ui_text_style s =
        style(TEXT_BOLD, t->font_title, WHITE, UI_ALIGN_CENTER);
    char text[UI_TEXT_MAX];

    snprintf(text, sizeof(text), "%s %d%%",
             i18n_get(app->lang, STR_VIEWER_PREPARING),
             (int)lroundf(fminf(fmaxf(progress, 0), 1) * 100));
    ui_text(&app->ui, "loading", text,
            (SDL_FRect){0, y, (float)t->width, (float)t->font_title * 1.5f},
            &s);
    draw_rounded(app->display.renderer, bar, bar_h / 2,
                 (SDL_Color){255, 255, 255, 60});
    bar.w *= fminf(fmaxf(progress, 0), 1);
    if (bar.w > bar_h)
        draw_rounded(app->display.renderer, bar, bar_h / 2, t->accent);
}

void viewer_chrome_unavailable(struct app *app,
                               const struct catalog_model *model)
{
    const struct theme *t = &app->theme;
    float y = dimmed_photo(app, model);
    struct ui_text_style s =
        style(TEXT_BOLD, t->font_title, WHITE, UI_ALIGN_CENTER);

    ui_text(&app->ui, "unavailable", i18n_get(app->lang, STR_IMAGE_UNAVAILABLE),
            (SDL_FRect){0, y, (float)t->width, (float)t->font_title * 1.5f},
            &s);
    s = style(TEXT_REGULAR, t->font_body, t->text_muted, UI_ALIGN_CENTER);
    ui_text(&app->ui, NULL, i18n_get(app->lang, STR_VIEWER_UNAVAILABLE_DETAIL),
            (SDL_FRect){0, y + (float)t->font_title * 1.6f, (float)t->width,
                        (float)t->font_body * 1.5f},
            &s);
}

void viewer_chrome_info(struct app *app, const struct catalog_hotspot *spot)
{
    const struct theme *t = &app->theme;
    float pad = (float)t->space_l;
    float w = fminf((float)(t->width - 2 * t->margin), (float)theme_px(t, 900));
    const char *close = i18n_get(app->lang, STR_FORM_CLOSE);
    struct ui_text_style hs =
        style(TEXT_BOLD, t->font_title, t->text, UI_ALIGN_START);
    struct ui_text_style bs =
        style(TEXT_REGULAR, t->font_body, t->text, UI_ALIGN_START);
    float body_h, h;
    SDL_FRect panel, got;

    bs.wrap = true;
    bs.v_align = UI_ALIGN_START;
    hs.v_align = UI_ALIGN_START;
    body_h = ui_text_size(&app->ui, spot->info[app->lang], &bs, w - 2 * pad).y;
    h = (float)t->font_title * 1.5f + body_h + (float)t->button_h + 4 * pad;
    panel = chrome_modal(app, w, h, 150);
    got =
        ui_text(&app->ui, "info-title", spot->label[app->lang],
                (SDL_FRect){panel.x + pad, panel.y + pad, w - 2 * pad, 0}, &hs);
    ui_text(&app->ui, "info-text", spot->info[app->lang],
            (SDL_FRect){panel.x + pad, got.y + got.h + pad, w - 2 * pad, 0},
            &bs);
    chrome_modal_button(app, panel, pad, "info-close", close);
}
