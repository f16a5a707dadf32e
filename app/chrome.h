/*
 * chrome: the parts every screen but attract shares: the header bar (the
 * dealership's logo and name or the screen's title, back, "follow us",
 * the language switch) and the placeholder panel of screens still to
 * come. Also the actions of those shared widgets. Main thread.
 */
#ifndef VITRINE_CHROME_H
#define VITRINE_CHROME_H

#include <SDL.h>
#include <stdbool.h>

#include "i18n.h"

struct app;

struct chrome_header {
    const char *title; /* NULL: the dealership's logo and name */
    bool back;
    bool follow; /* the "follow us" button */
};

/* Draws the header bar; returns the y where the screen's content starts. */
float chrome_header(struct app *app, const struct chrome_header *header);

/* The language switch alone, top right (the attract screen uses it). */
void chrome_language_button(struct app *app);

/*
 * Handles the shared widgets' ids: "lang", "follow", "back" and "logo"
 * (five taps within three seconds open the staff panel). True when the id
 * was one of them.
 */
bool chrome_activate(struct app *app, const char *id);

struct chrome_placeholder {
    SDL_Texture *photo; /* optional, above the text */
    enum str_id headline;
    const char *detail;
    const char *action_id; /* optional primary button */
    const char *action_label;
};

/*
 * A panel over the screen: dims everything (dim is the black's alpha),
 * adds a "scrim" widget covering it so nothing under the panel can be
 * tapped, and returns the centred panel of width x height.
 */
SDL_FRect chrome_modal(struct app *app, float width, float height, Uint8 dim);

/* The panel's one primary button, in its bottom-right corner, inset by pad. */
void chrome_modal_button(struct app *app, SDL_FRect panel, float pad,
                         const char *id, const char *label);

/* The centred "coming soon" panel below top. */
void chrome_placeholder(struct app *app, float top,
                        const struct chrome_placeholder *p);

#endif
