/*
 * home: the model gallery. One large card per model: its photo, name and
 * starting price, with "360° interior" and "book a test drive". Tapping a
 * card opens the viewer. Landscape lays the cards side by side, portrait
 * stacks them with the photo beside the text.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "chrome.h"
#include "draw.h"

enum { CARDS_SHOWN_MAX = 3 };

struct card_layout {
    SDL_FRect card, photo, text;
    bool beside; /* photo left of the text (portrait) */
};

static void home_enter(struct app *app)
{
    (void)app;
}

static const struct catalog_model *model_for(const struct app *app,
                                             const char *id, const char *prefix)
{
    size_t n = strlen(prefix);

    if (strncmp(id, prefix, n) != 0)
        return NULL;
    return catalog_find(app->catalog, id + n);
}

static void home_input(struct app *app, const struct input_event *ev,
                       const char *activated)
{
    const struct catalog_model *m;

    (void)ev;
    if (!activated || chrome_activate(app, activated))
        return;
    if ((m = model_for(app, activated, "book-"))) {
        app->model = m;
        app_go(app, SCREEN_BOOKING);
    } else if ((m = model_for(app, activated, "model-")) ||
               (m = model_for(app, activated, "view-"))) {
        app->model = m;
        app_go(app, SCREEN_VIEWER);
    }
}

static uint64_t home_update(struct app *app, uint64_t now_ms)
{
    (void)app;
    (void)now_ms;
    return SCREEN_IDLE;
}

static float draw_intro(struct app *app, float top)
{
    const struct theme *t = &app->theme;
    struct ui_text_style s = {TEXT_BOLD,      t->font_title,  t->text,
                              UI_ALIGN_START, UI_ALIGN_START, false};
    float x = (float)t->margin, w = (float)(t->width - 2 * t->margin);
    SDL_FRect r;

    r = ui_text(&app->ui, "heading", i18n_get(app->lang, STR_HOME_TITLE),
                (SDL_FRect){x, top + (float)t->space_l, w, 0}, &s);
    s.weight = TEXT_REGULAR;
    s.size_px = t->font_body;
    s.colour = t->text_muted;
    r = ui_text(&app->ui, "subheading", i18n_get(app->lang, STR_HOME_SUBTITLE),
                (SDL_FRect){x, r.y + r.h + (float)t->space_xs, w, 0}, &s);
    return r.y + r.h + (float)t->space_l;
}

/* Height of the name, price and scene lines above the buttons. */
static float text_lines_h(const struct theme *t)
{
    const float line = 1.45f; /* Noto Sans CJK's line height, in em */

    return line * (float)(t->font_heading + t->font_body + t->font_caption) +
           2 * (float)t->space_xs;
}

/* Two buttons side by side when they fit, else stacked. */
static bool buttons_side_by_side(struct app *app, float width)
{
    float vw = ui_button_width(&app->ui, i18n_get(app->lang, STR_VIEW_360));
    float bw =
        ui_button_width(&app->ui, i18n_get(app->lang, STR_BOOK_TEST_DRIVE));

    return vw + (float)app->theme.space_s + bw <= width;
}

static struct card_layout card_beside(const struct theme *t, SDL_FRect area,
                                      int index, int count)
{
    float gap = (float)t->space_l, pad = (float)t->space_s;
    float h = (area.h - gap * (float)(count - 1)) / (float)count;
    struct card_layout l;

    l.beside = true;
    l.card = (SDL_FRect){area.x, area.y + (h + gap) * (float)index, area.w, h};
    l.photo = (SDL_FRect){l.card.x + pad, l.card.y + pad, l.card.w * 0.48f,
                          l.card.h - 2 * pad};
    l.text = (SDL_FRect){l.photo.x + l.photo.w + (float)t->space_l,
                         l.card.y + (float)t->space_l, 0,
                         l.card.h - 2 * (float)t->space_l};
    l.text.w = l.card.x + l.card.w - (float)t->space_l - l.text.x;
    return l;
}

/* Photo on top, as tall as the text below leaves room for (16:10 at most). */
static struct card_layout card_above(struct app *app, SDL_FRect area, int index,
                                     int count)
{
    const struct theme *t = &app->theme;
    float gap = (float)t->space_l, pad = (float)t->space_s;
    float w = (area.w - gap * (float)(count - 1)) / (float)count;
    float text_w = w - 2 * (float)t->space_l;
    int rows = buttons_side_by_side(app, text_w) ? 1 : 2;
    float below = (float)t->space_m + text_lines_h(t) + (float)t->space_m +
                  (float)(rows * t->button_h + (rows - 1) * t->space_s) +
                  (float)t->space_l;
    struct card_layout l;

    l.beside = false;
    l.card = (SDL_FRect){area.x + (w + gap) * (float)index, area.y, w, area.h};
    l.photo = (SDL_FRect){l.card.x + pad, l.card.y + pad, w - 2 * pad, 0};
    l.photo.h = fminf(l.photo.w * 0.625f, area.h - pad - below);
    l.text = (SDL_FRect){l.card.x + (float)t->space_l,
                         l.photo.y + l.photo.h + (float)t->space_m, text_w, 0};
    l.text.h = l.card.y + l.card.h - (float)t->space_l - l.text.y;
    return l;
}

static void draw_photo(struct app *app, const struct catalog_model *m,
                       SDL_FRect r)
{
    const struct theme *t = &app->theme;
    SDL_Texture *photo = app_photo(app, m);
    struct ui_text_style s = {TEXT_REGULAR,    t->font_caption, t->text_muted,
                              UI_ALIGN_CENTER, UI_ALIGN_CENTER, false};
    char id[UI_ID_MAX];

    snprintf(id, sizeof(id), "photo-%s", m->id);
    if (photo) {
        draw_image_cover(app->display.renderer, photo, r,
                         (float)t->radius * 0.7f, 255);
        ui_add(&app->ui, id, UI_ROLE_IMAGE, "", r, 0);
        return;
    }
    draw_rounded(app->display.renderer, r, (float)t->radius * 0.7f,
                 t->background);
    ui_text(&app->ui, id, i18n_get(app->lang, STR_IMAGE_UNAVAILABLE), r, &s);
}

static void draw_card_text(struct app *app, const struct catalog_model *m,
                           SDL_FRect r)
{
    const struct theme *t = &app->theme;
    struct ui_text_style s = {TEXT_BOLD,      t->font_heading, t->text,
                              UI_ALIGN_START, UI_ALIGN_START,  false};
    char id[UI_ID_MAX], text[96], count[16];
    SDL_FRect got;

    got = ui_text(&app->ui, NULL, m->name[app->lang], r, &s);
    s.size_px = t->font_body;
    s.colour = t->accent;
    snprintf(id, sizeof(id), "price-%s", m->id);
    got = ui_text(
        &app->ui, id, i18n_price(app->lang, m->price_fen, text, sizeof(text)),
        (SDL_FRect){r.x, got.y + got.h + (float)t->space_xs, r.w, 0}, &s);
    s.weight = TEXT_REGULAR;
    s.size_px = t->font_caption;
    s.colour = t->text_muted;
    snprintf(id, sizeof(id), "scenes-%s", m->id);
    snprintf(count, sizeof(count), "%zu", m->scene_count);
    i18n_format(app->lang,
                m->scene_count == 1 ? STR_SCENES_ONE : STR_SCENES_MANY, count,
                text, sizeof(text));
    ui_text(&app->ui, id, text,
            (SDL_FRect){r.x, got.y + got.h + (float)t->space_xs, r.w, 0}, &s);
}

/* "360°" and "book" side by side, or stacked when they do not fit. */
static void draw_card_buttons(struct app *app, const struct catalog_model *m,
                              SDL_FRect r)
{
    const struct theme *t = &app->theme;
    const char *view = i18n_get(app->lang, STR_VIEW_360);
    const char *book = i18n_get(app->lang, STR_BOOK_TEST_DRIVE);
    float h = (float)t->button_h, gap = (float)t->space_s;
    float vw = ui_button_width(&app->ui, view);
    float bw = ui_button_width(&app->ui, book);
    char view_id[UI_ID_MAX], book_id[UI_ID_MAX];
    SDL_FRect vr, br;

    snprintf(view_id, sizeof(view_id), "view-%s", m->id);
    snprintf(book_id, sizeof(book_id), "book-%s", m->id);
    if (buttons_side_by_side(app, r.w)) {
        float extra = (r.w - vw - gap - bw) / 2;

        vr = (SDL_FRect){r.x, r.y + r.h - h, vw + extra, h};
        br = (SDL_FRect){vr.x + vr.w + gap, vr.y, bw + extra, h};
    } else {
        br = (SDL_FRect){r.x, r.y + r.h - h, r.w, h};
        vr = (SDL_FRect){r.x, br.y - gap - h, r.w, h};
    }
    ui_button(&app->ui, view_id, view, vr, UI_BUTTON_SECONDARY, 0);
    ui_button(&app->ui, book_id, book, br, UI_BUTTON_PRIMARY, 0);
}

static void draw_card(struct app *app, const struct catalog_model *m,
                      const struct card_layout *l)
{
    const struct theme *t = &app->theme;
    char id[UI_ID_MAX];
    struct ui_widget *w;
    bool pressed;

    snprintf(id, sizeof(id), "model-%s", m->id);
    w = ui_add(&app->ui, id, UI_ROLE_BUTTON, m->name[app->lang], l->card, 0);
    pressed = w && (w->flags & UI_PRESSED);
    draw_shadow(app->display.renderer, l->card, (float)t->radius,
                (float)t->space_m);
    draw_rounded(app->display.renderer, l->card, (float)t->radius,
                 pressed ? t->surface_pressed : t->surface);
    draw_photo(app, m, l->photo);
    draw_card_text(app, m, l->text);
    draw_card_buttons(app, m, l->text);
}

static void home_draw(struct app *app)
{
    const struct theme *t = &app->theme;
    struct chrome_header header = {
        .title = NULL, .back = false, .follow = true};
    float top = chrome_header(app, &header);
    int count = (int)app->catalog->model_count;
    SDL_FRect area;

    if (count > CARDS_SHOWN_MAX)
        count = CARDS_SHOWN_MAX;
    top = draw_intro(app, top);
    area = (SDL_FRect){(float)t->margin, top, (float)(t->width - 2 * t->margin),
                       (float)(t->height - t->margin) - top};
    for (int i = 0; i < count; i++) {
        struct card_layout l = t->portrait ? card_beside(t, area, i, count)
                                           : card_above(app, area, i, count);

        draw_card(app, &app->catalog->models[i], &l);
    }
}

const struct screen screen_home = {
    .name = "home",
    .enter = home_enter,
    .input = home_input,
    .update = home_update,
    .draw = home_draw,
    .leave = NULL,
};
