/*
 * app: the kiosk program as a whole: start-up, the main loop and the
 * state every screen shares.
 *
 * The loop is a flat sequence of named steps (gather input, run the
 * script, advance the screen, render, wait). When nothing moves it sleeps
 * in SDL_WaitEventTimeout until the next event or timer, so an idle kiosk
 * uses next to no CPU. struct app belongs to the main thread.
 */
#ifndef VITRINE_APP_H
#define VITRINE_APP_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "catalog.h"
#include "cli.h"
#include "clock.h"
#include "config.h"
#include "display.h"
#include "input.h"
#include "lang.h"
#include "screen.h"
#include "text_cache.h"
#include "theme.h"
#include "ui.h"

struct script;
struct script_runner;
struct store;

enum { APP_HISTORY_MAX = 8 };

struct app {
    struct config cfg;
    const struct cli_options *options;
    char data_dir[CONFIG_PATH_MAX];
    char content_dir[CONFIG_PATH_MAX];
    char screenshot_dir[CONFIG_PATH_MAX];

    struct catalog *catalog;
    struct display display;
    struct text_cache *text;
    struct theme theme;
    struct ui ui;
    struct clock clock;
    struct input_state input;
    struct script_runner *runner;
    struct store *store;  /* main thread's connection; NULL if unusable */
    bool store_recovered; /* a corrupt database was moved aside */
    uint64_t retention_due_ms;

    SDL_Texture *logo;
    SDL_Texture **photos; /* one per catalog model, NULL if unreadable */

    enum lang lang;
    enum screen_id screen;
    enum screen_id history[APP_HISTORY_MAX]; /* where "back" leads */
    int history_len;
    const struct catalog_model *model; /* the model being looked at */

    uint64_t now_ms;
    uint64_t last_input_ms;
    int logo_taps; /* the staff gesture: taps on the logo in a row */
    uint64_t logo_first_tap_ms;
    uint64_t screen_wake_ms; /* from the screen's update */
    /* The screen waits on background work for what it shows (a
     * panorama baking or its tiles loading): scripts hold their next
     * command until it is done, so screenshots see the finished view. */
    bool loading;
    uint32_t wake_event; /* SDL event type other threads push to wake us */
    bool redraw;
    bool quit;
    int exit_code;
    bool first_frame_done;
    char screenshot_request[72]; /* "" or the PNG to write next frame */
};

/*
 * Runs the kiosk until it quits; returns the process exit status: 0, 1
 * for a failed script, 2 when start-up failed (the message is printed).
 */
int app_run(const struct cli_options *options);

/*
 * Loads the config named on the command line (or the default path) into
 * cfg; prints the error and returns false when it is not valid.
 */
bool app_load_config(struct config *cfg, const struct cli_options *options);

/*
 * The one place screens change; logs "screen: home -> viewer". Going to
 * home or attract forgets the way back; any other screen remembers the
 * one it came from.
 */
void app_go(struct app *app, enum screen_id to);

/* Back to the screen this one was reached from (home when none). */
void app_back(struct app *app);

void app_set_lang(struct app *app, enum lang lang);

/* The photo texture of a catalog model, or NULL. */
SDL_Texture *app_photo(const struct app *app,
                       const struct catalog_model *model);

/*
 * Drops every rendered trace of a visitor (cached text textures, the
 * widget list of the last frame) after a form is wiped.
 */
void app_forget_visitor(struct app *app);

/* Asks for a new frame (something on screen changed). */
void app_invalidate(struct app *app);

/* Ends the run with this exit status after the current step. */
void app_quit(struct app *app, int exit_code);

#endif
