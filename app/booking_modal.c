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
#include "chrome.h"
#include "i18n.h"

enum { SECOND_MS = 1000 };

enum { PANEL_DESIGN_PX = 1100, DIM_ALPHA = 190 };

static float panel_width(const struct theme *t)
{
    return fminf((float)(t->width - 2 * t->margin),
                 (float)theme_px(t, PANEL_DESIGN_PX));
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
    w = panel_width(t);
    bs.wrap = true;
    body_h = ui_text_size(&app->ui, body, &bs, w - 2 * pad).y;
    panel = chrome_modal(app, w,
                         body_h + (float)t->font_title * 1.6f +
                             (float)t->button_h + 4 * pad,
                         DIM_ALPHA);
    got = ui_text(&app->ui, "notice-title",
                  i18n_get(app->lang, STR_FORM_NOTICE_TITLE),
                  (SDL_FRect){panel.x + pad, panel.y + pad, 0, 0}, &hs);
    got = ui_text(
        &app->ui, "notice-body", body,
        (SDL_FRect){panel.x + pad, got.y + got.h + pad, panel.w - 2 * pad, 0},
        &bs);
    chrome_modal_button(app, panel, pad, "notice-close", close);
}

void booking_modal_still_there(struct app *app, uint64_t left_ms)
{
    const struct theme *t = &app->theme;
    const char *go_on = i18n_get(app->lang, STR_FORM_CONTINUE);
    struct ui_text_style s = booking_style(TEXT_BOLD, t->font_title, t->text);
    char seconds[16], hint[128];
    float pad = (float)t->space_l;
    SDL_FRect panel =
        chrome_modal(app, panel_width(t),
                     (float)t->font_title * 1.6f + (float)t->font_body * 1.6f +
                         (float)t->button_h + 4 * pad,
                     DIM_ALPHA);
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
    chrome_modal_button(app, panel, pad, "continue", go_on);
}