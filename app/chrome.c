#include "chrome.h"

#include <math.h>
#include <string.h>

#include "app.h"
#include "assets.h"
#include "draw.h"
#include "log.h"

enum {
    STAFF_TAPS = 5,
    STAFF_WINDOW_MS = 3000,
    PANEL_MAX_W_DESIGN = 1160,
};

static struct ui_text_style style(enum text_weight weight, int size,
                                  SDL_Color colour, enum ui_align h)
{
    struct ui_text_style s = {weight, size, colour, h, UI_ALIGN_START, false};

    return s;
}

static float right_buttons(struct app *app, bool follow, float bar_h)
{
    const struct theme *t = &app->theme;
    const char *lang_label = i18n_get(app->lang, STR_LANG_SWITCH);
    const char *follow_label = i18n_get(app->lang, STR_FOLLOW_US);
    float h = (float)t->button_h * 0.86f;
    float y = (bar_h - h) / 2;
    float lang_w = ui_button_width(&app->ui, lang_label);
    float x = (float)(t->width - t->margin) - lang_w;

    ui_button(&app->ui, "lang", lang_label, (SDL_FRect){x, y, lang_w, h},
              UI_BUTTON_SECONDARY, 0);
    if (follow) {
        float w = ui_button_width(&app->ui, follow_label);

        x -= w + (float)t->space_s;
        ui_button(&app->ui, "follow", follow_label, (SDL_FRect){x, y, w, h},
                  UI_BUTTON_SECONDARY, 0);
    }
    return x;
}

/* The logo and the dealership's name, together the staff gesture's target. */
static void brand(struct app *app, float x, float bar_h)
{
    const struct theme *t = &app->theme;
    const char *name = app->cfg.dealership.name[app->lang];
    struct ui_text_style s =
        style(TEXT_BOLD, t->font_heading, t->text, UI_ALIGN_START);
    float logo_h = (float)assets_logo_height(app), logo_w = 0;
    SDL_FPoint size = ui_text_size(&app->ui, name, &s, 0);
    SDL_FRect area;

    if (app->logo) {
        int tw, th;

        SDL_QueryTexture(app->logo, NULL, NULL, &tw, &th);
        logo_w = logo_h * (float)tw / (float)th;
        SDL_RenderCopyF(app->display.renderer, app->logo, NULL,
                        &(SDL_FRect){x, (bar_h - logo_h) / 2, logo_w, logo_h});
        logo_w += (float)t->space_m;
    }
    s.v_align = UI_ALIGN_CENTER;
    ui_text(&app->ui, NULL, name, (SDL_FRect){x + logo_w, 0, size.x, bar_h},
            &s);
    area = (SDL_FRect){x, 0, logo_w + size.x, bar_h};
    ui_add(&app->ui, "logo", UI_ROLE_BUTTON, name, area, 0);
}

float chrome_header(struct app *app, const struct chrome_header *header)
{
    const struct theme *t = &app->theme;
    float bar_h = (float)t->header_h;
    float x = (float)t->margin;

    SDL_SetRenderDrawColor(app->display.renderer, t->outline.r, t->outline.g,
                           t->outline.b, 255);
    SDL_RenderFillRectF(app->display.renderer,
                        &(SDL_FRect){0, bar_h - 1, (float)t->width, 1});
    right_buttons(app, header->follow, bar_h);
    if (header->back) {
        const char *label = i18n_get(app->lang, STR_BACK);
        float w = ui_button_width(&app->ui, label);
        float h = (float)t->button_h * 0.86f;

        ui_button(&app->ui, "back", label,
                  (SDL_FRect){x, (bar_h - h) / 2, w, h}, UI_BUTTON_SECONDARY,
                  0);
    }
    if (header->title) {
        struct ui_text_style s =
            style(TEXT_BOLD, t->font_heading, t->text, UI_ALIGN_CENTER);

        s.v_align = UI_ALIGN_CENTER;
        ui_text(&app->ui, "title", header->title,
                (SDL_FRect){0, 0, (float)t->width, bar_h}, &s);
    } else {
        brand(app, x, bar_h);
    }
    return bar_h;
}

void chrome_language_button(struct app *app)
{
    const struct theme *t = &app->theme;
    const char *label = i18n_get(app->lang, STR_LANG_SWITCH);
    float w = ui_button_width(&app->ui, label);
    float h = (float)t->button_h * 0.86f;

    ui_button(&app->ui, "lang", label,
              (SDL_FRect){(float)(t->width - t->margin) - w,
                          (float)t->margin / 2, w, h},
              UI_BUTTON_SCRIM, 0);
}

static void count_logo_tap(struct app *app)
{
    if (app->logo_taps == 0 ||
        app->now_ms - app->logo_first_tap_ms > STAFF_WINDOW_MS) {
        app->logo_taps = 0;
        app->logo_first_tap_ms = app->now_ms;
    }
    if (++app->logo_taps < STAFF_TAPS)
        return;
    app->logo_taps = 0;
    log_info("staff", "staff gesture on the logo");
    app_go(app, SCREEN_STAFF);
}

bool chrome_activate(struct app *app, const char *id)
{
    if (strcmp(id, "lang") == 0)
        app_set_lang(app, app->lang == LANG_ZH_CN ? LANG_EN : LANG_ZH_CN);
    else if (strcmp(id, "follow") == 0)
        app_go(app, SCREEN_FOLLOW_QR);
    else if (strcmp(id, "back") == 0)
        app_back(app);
    else if (strcmp(id, "logo") == 0)
        count_logo_tap(app);
    else
        return false;
    return true;
}

struct panel_layout {
    float w, photo_h, badge_h, headline_h, detail_h, action_h, gap, pad;
};

static float panel_height(const struct panel_layout *l)
{
    float h =
        2 * l->pad + l->badge_h + l->gap + l->headline_h + l->gap + l->detail_h;

    if (l->photo_h > 0)
        h += l->photo_h + l->gap;
    if (l->action_h > 0)
        h += l->gap * 1.5f + l->action_h;
    return h;
}

void chrome_placeholder(struct app *app, float top,
                        const struct chrome_placeholder *p)
{
    const struct theme *t = &app->theme;
    const char *badge = i18n_get(app->lang, STR_COMING_SOON);
    const char *headline = i18n_get(app->lang, p->headline);
    struct ui_text_style hs =
        style(TEXT_BOLD, t->font_title, t->text, UI_ALIGN_START);
    struct ui_text_style ds =
        style(TEXT_REGULAR, t->font_body, t->text_muted, UI_ALIGN_START);
    struct ui_text_style bs =
        style(TEXT_BOLD, t->font_caption, t->accent, UI_ALIGN_CENTER);
    float max_w = (float)theme_px(t, PANEL_MAX_W_DESIGN);
    float avail_h;
    struct panel_layout l = {0};
    SDL_FRect panel, box;
    float y, badge_w;

    top += (float)t->space_l;
    avail_h = (float)t->height - top - (float)t->margin;
    l.w = fminf((float)(t->width - 2 * t->margin), max_w);
    l.pad = (float)t->space_l;
    l.gap = (float)t->space_m;
    hs.wrap = ds.wrap = true;
    l.headline_h = ui_text_size(&app->ui, headline, &hs, l.w - 2 * l.pad).y;
    l.detail_h = ui_text_size(&app->ui, p->detail, &ds, l.w - 2 * l.pad).y;
    l.badge_h = (float)t->font_caption * 1.9f;
    l.action_h = p->action_id ? (float)t->button_h : 0;
    if (p->photo)
        l.photo_h = fminf((l.w - 2 * l.pad) * 9 / 16,
                          avail_h - panel_height(&l) - l.gap);
    panel = (SDL_FRect){((float)t->width - l.w) / 2,
                        top + fmaxf((avail_h - panel_height(&l)) / 2, 0), l.w,
                        panel_height(&l)};

    draw_shadow(app->display.renderer, panel, (float)t->radius,
                (float)t->space_m);
    draw_rounded(app->display.renderer, panel, (float)t->radius, t->surface);
    y = panel.y + l.pad;
    box = (SDL_FRect){panel.x + l.pad, y, l.w - 2 * l.pad, 0};
    if (l.photo_h > 0) {
        box.h = l.photo_h;
        draw_image_cover(app->display.renderer, p->photo, box,
                         (float)t->radius * 0.6f, 255);
        ui_add(&app->ui, "photo", UI_ROLE_IMAGE, "", box, 0);
        y += l.photo_h + l.gap;
    }
    badge_w = ui_text_size(&app->ui, badge, &bs, 0).x + 2 * (float)t->space_m;
    box = (SDL_FRect){panel.x + l.pad, y, badge_w, l.badge_h};
    draw_rounded_outline(app->display.renderer, box, l.badge_h / 2,
                         (float)theme_px(t, 2), t->accent);
    bs.v_align = UI_ALIGN_CENTER;
    ui_text(&app->ui, "badge", badge, box, &bs);
    y += l.badge_h + l.gap;
    box = (SDL_FRect){panel.x + l.pad, y, l.w - 2 * l.pad, l.headline_h};
    ui_text(&app->ui, "headline", headline, box, &hs);
    y += l.headline_h + l.gap;
    box.y = y;
    box.h = l.detail_h;
    ui_text(&app->ui, "detail", p->detail, box, &ds);
    y += l.detail_h + l.gap * 1.5f;
    if (p->action_id) {
        float w = ui_button_width(&app->ui, p->action_label);

        ui_button(&app->ui, p->action_id, p->action_label,
                  (SDL_FRect){panel.x + l.pad, y, w, (float)t->button_h},
                  UI_BUTTON_PRIMARY, 0);
    }
}

SDL_FRect chrome_modal(struct app *app, float width, float height, Uint8 dim)
{
    const struct theme *t = &app->theme;
    SDL_FRect all = {0, 0, (float)t->width, (float)t->height};
    SDL_FRect panel = {((float)t->width - width) / 2,
                       ((float)t->height - height) / 2, width, height};

    ui_add(&app->ui, "scrim", UI_ROLE_BUTTON, "", all, 0);
    draw_rounded(app->display.renderer, all, 0, (SDL_Color){0, 0, 0, dim});
    draw_rounded(app->display.renderer, panel, (float)t->radius, t->surface);
    return panel;
}

void chrome_modal_button(struct app *app, SDL_FRect panel, float pad,
                         const char *id, const char *label)
{
    float w = ui_button_width(&app->ui, label);
    float h = (float)app->theme.button_h;

    ui_button(&app->ui, id, label,
              (SDL_FRect){panel.x + panel.w - pad - w,
                          panel.y + panel.h - pad - h, w, h},
              UI_BUTTON_PRIMARY, 0);
}
