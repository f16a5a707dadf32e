/*
 * screen: the kiosk's screens and the interface they share.
 *
 * A screen is five callbacks. enter and leave run on a change of screen;
 * input gets each pointer or key event, with the id of the widget it
 * activated (or NULL); update advances time and returns when the screen
 * next needs a frame (SCREEN_IDLE when nothing on it moves, so the kiosk
 * can sleep); draw paints one frame through the ui toolkit. Only app.c's
 * app_go switches screens. All callbacks run on the main thread.
 */
#ifndef VITRINE_SCREEN_H
#define VITRINE_SCREEN_H

#include <stdbool.h>
#include <stdint.h>

#include "input.h"

#define SCREEN_IDLE UINT64_MAX

struct app;

enum screen_id {
    SCREEN_ATTRACT,
    SCREEN_HOME,
    SCREEN_VIEWER,
    SCREEN_BOOKING,
    SCREEN_FOLLOW_QR,
    SCREEN_STAFF,
    SCREEN_COUNT,
};

struct screen {
    const char *name;
    void (*enter)(struct app *app);
    void (*input)(struct app *app, const struct input_event *ev,
                  const char *activated);
    uint64_t (*update)(struct app *app, uint64_t now_ms);
    void (*draw)(struct app *app);
    void (*leave)(struct app *app);
};

const struct screen *screen_get(enum screen_id id);

/* "attract", "home", "viewer", "booking", "follow-qr", "staff". */
const char *screen_name(enum screen_id id);
bool screen_parse(const char *name, enum screen_id *out);

extern const struct screen screen_attract;
extern const struct screen screen_home;
extern const struct screen screen_viewer;
extern const struct screen screen_booking;
extern const struct screen screen_follow_qr;
extern const struct screen screen_staff;

#endif
