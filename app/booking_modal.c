/*
 * booking_modal: the panels drawn over the booking form: the privacy
 * notice and the "Still there?" prompt. Each covers the screen with a
 * scrim widget, so nothing under it can be tapped. Main thread.
 */
#include "booking_modal.h"

#include <math.h>
#include <stdio.h>

#include "app.h"
#include "booking_steps.h"
#include "draw.h"
#include "i18n.h"

enum { SECOND_MS = 1000 };

/* Dims the screen and returns a centred panel of the given height. */
static SDL_FRect modal(struct app *app, float height)
{
    const struct theme *t = &app->theme;
    float w =
        fminf((float)(t->width - 2 * t->margin), (float)theme_px(t, 1100));
    SDL_FRect panel = {((float)t->width - w) / 2,
                       ((float)t->height - height) / 2, w, height};

    /* Covers the form: nothing under it can be tapped. */
    ui_add(&app->ui, "scrim", UI_ROLE_BUTTON, "",
           (SDL_FRect){0, 0, (float)t->width, (float)t->height}, 0);
    draw_rounded(app->display.renderer,
                 (SDL_FRect){0, 0, (float)t->width, (float)t->height}, 0,
                 (SDL_Color){0, 0, 0, 190});
    draw_rounded(app->display.renderer, panel, (float)t->radius, t->surface);
    return panel;
}

void booking_modal_notice(struct app *app)
{
    const struct theme *t = &app->theme;
    struct ui_text_style hs = booking_style(TEXT_BOLD, t->font_title, t->text);
    struct ui_text_style bs =
        booking_style(TEXT_REGULAR, t->font_body, t->text);
    const char *close = i18n_get(app->lang, STR_FORM_CLOSE);
    char days[16], body[UI_TEXT_MAX * 2];
    const char *args[2] = {app->cfg.dealership.name[app->lang], days};
    float pad = (float)t->space_l, w, body_h;
    SDL_FRect panel, got;

    snprintf(days, sizeof(days), "%d", app->cfg.booking.retention_days);
    i18n_format_n(app->lang, STR_FORM_NOTICE_BODY, args, 2, body, sizeof(body));
    w = fminf((float)(t->width - 2 * t->margin), (float)theme_px(t, 1100));
    bs.wrap = true;
    body_h = ui_text_size(&app->ui, body, &bs, w - 2 * pad).y;
    panel = modal(app, body_h + (float)t->font_title * 1.6f +
                           (float)t->button_h + 4 * pad);
    got = ui_text(&app->ui, "notice-title",
                  i18n_get(app->lang, STR_FORM_NOTICE_TITLE),
                  (SDL_FRect){panel.x + pad, panel.y + pad, 0, 0}, &hs);
    got = ui_text(
        &app->ui, "notice-body", body,
        (SDL_FRect){panel.x + pad, got.y + got.h + pad, panel.w - 2 * pad, 0},
        &bs);
    ui_button(
        &app->ui, "notice-close", close,
        (SDL_FRect){panel.x + panel.w - pad - ui_button_width(&app->ui, close),
                    panel.y + panel.h - pad - (float)t->button_h,
                    ui_button_width(&app->ui, close), (float)t->button_h},
        UI_BUTTON_PRIMARY, 0);
}

void booking_modal_still_there(struct app *app, uint64_t left_ms)
{
    const struct theme *t = &app->theme;
    const char *go_on = i18n_get(app->lang, STR_FORM_CONTINUE);
    struct ui_text_style s = booking_style(TEXT_BOLD, t->font_title, t->text);
    char seconds[16], hint[128];
    float pad = (float)t->space_l;
    SDL_FRect panel =
        modal(app, (float)t->font_title * 1.6f + (float)t->font_body * 1.6f +
                       (float)t->button_h + 4 * pad);
    SDL_FRect got;

    snprintf(seconds, sizeof(seconds), "%d",
             (int)((left_ms + SECOND_MS - 1) / SECOND_MS));
    got = ui_text(&app->ui, "still-there",
                  i18n_get(app->lang, STR_FORM_STILL_THERE),
                  (SDL_FRect){panel.x + pad, panel.y + pad, 0, 0}, &s);
    s = booking_style(TEXT_REGULAR, t->font_body, t->text_muted);
    ui_text(&app->ui, "countdown",
            i18n_format(app->lang, STR_FORM_STILL_THERE_HINT, seconds, hint,
                        sizeof(hint)),
            (SDL_FRect){panel.x + pad, got.y + got.h + pad / 2, 0, 0}, &s);
    ui_button(
        &app->ui, "continue", go_on,
        (SDL_FRect){panel.x + panel.w - pad - ui_button_width(&app->ui, go_on),
                    panel.y + panel.h - pad - (float)t->button_h,
                    ui_button_width(&app->ui, go_on), (float)t->button_h},
        UI_BUTTON_PRIMARY, 0);
}