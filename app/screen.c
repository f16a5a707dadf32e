#include "screen.h"

#include <string.h>

static const struct screen *const screens[SCREEN_COUNT] = {
    [SCREEN_ATTRACT] = &screen_attract,     [SCREEN_HOME] = &screen_home,
    [SCREEN_VIEWER] = &screen_viewer,       [SCREEN_BOOKING] = &screen_booking,
    [SCREEN_FOLLOW_QR] = &screen_follow_qr, [SCREEN_STAFF] = &screen_staff,
};

const struct screen *screen_get(enum screen_id id)
{
    return (unsigned)id < SCREEN_COUNT ? screens[id] : NULL;
}

const char *screen_name(enum screen_id id)
{
    return (unsigned)id < SCREEN_COUNT ? screens[id]->name : "?";
}

bool screen_parse(const char *name, enum screen_id *out)
{
    for (int i = 0; i < SCREEN_COUNT; i++) {
        if (strcmp(screens[i]->name, name) == 0) {
            *out = (enum screen_id)i;
            return true;
        }
    }
    return false;
}
