/*
 * The screens later work fills in: the follow-us QR code and the staff
 * panel. Until then each one says plainly
 * what it will be, in the visitor's language, and leads back.
 */
#include <string.h>

#include "app.h"
#include "chrome.h"

static void placeholder_enter(struct app *app)
{
    (void)app;
}

static void placeholder_input(struct app *app, const struct input_event *ev,
                              const char *activated)
{
    if (ev->type == INPUT_KEY &&
        (ev->key == SDLK_ESCAPE || ev->key == SDLK_AC_BACK)) {
        chrome_activate(app, "back");
        return;
    }
    if (!activated || chrome_activate(app, activated))
        return;
    if (strcmp(activated, "book") == 0)
        app_go(app, SCREEN_BOOKING);
}

static uint64_t placeholder_update(struct app *app, uint64_t now_ms)
{
    (void)app;
    (void)now_ms;
    return SCREEN_IDLE;
}

static void show(struct app *app, const char *title,
                 const struct chrome_placeholder *p)
{
    struct chrome_header header = {
        .title = title, .back = true, .follow = false};
    float top = chrome_header(app, &header);

    chrome_placeholder(app, top, p);
}

static void follow_draw(struct app *app)
{
    char detail[UI_TEXT_MAX];
    struct chrome_placeholder p = {
        .headline = STR_FOLLOW_SOON,
        .detail = i18n_format(app->lang, STR_FOLLOW_DETAIL,
                              app->cfg.dealership.name[app->lang], detail,
                              sizeof(detail)),
    };

    show(app, i18n_get(app->lang, STR_FOLLOW_TITLE), &p);
}

static void staff_draw(struct app *app)
{
    struct chrome_placeholder p = {
        .headline = STR_STAFF_SOON,
        .detail = i18n_get(app->lang, STR_STAFF_DETAIL),
    };

    show(app, i18n_get(app->lang, STR_STAFF_TITLE), &p);
}

#define PLACEHOLDER_SCREEN(screen_name_, draw_)                                \
    {                                                                          \
        .name = screen_name_, .enter = placeholder_enter,                      \
        .input = placeholder_input, .update = placeholder_update,              \
        .draw = draw_, .leave = NULL,                                          \
    }

const struct screen screen_follow_qr =
    PLACEHOLDER_SCREEN("follow-qr", follow_draw);
const struct screen screen_staff = PLACEHOLDER_SCREEN("staff", staff_draw);
