#include "app.h"

#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assets.h"
#include "fsutil.h"
#include "log.h"
#include "paths.h"
#include "script.h"
#include "script_runner.h"
#include "store.h"

static const char *const TAG = "app";

enum {
    EXIT_SETUP = 2, /* bad config, catalog, script or display */
    TEXT_CACHE_BYTES = 48 << 20,
    FRAME_MS = 16,
    WAIT_MAX_MS = 60 * 1000,
    RETENTION_EVERY_MS = 60 * 60 * 1000,
    IDLE_POLL_MS = 10, /* input latency added while idle, at most */
};

/* What the no-display fallback does so a newcomer still sees the kiosk. */
static const char FALLBACK_SCRIPT[] = "wait 300\n"
                                      "screenshot home-landscape-zh-CN\n"
                                      "tap-on \"lang\"\n"
                                      "wait 300\n"
                                      "screenshot home-landscape-en\n"
                                      "quit\n";

static double process_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double start_stamp_ms;

void app_invalidate(struct app *app)
{
    app->redraw = true;
}

void app_quit(struct app *app, int exit_code)
{
    if (!app->quit)
        app->exit_code = exit_code;
    app->quit = true;
}

static void switch_screen(struct app *app, enum screen_id to)
{
    const struct screen *from = screen_get(app->screen);

    log_info("screen", "%s -> %s", from->name, screen_name(to));
    if (from->leave)
        from->leave(app);
    ui_cancel_press(&app->ui);
    app->screen = to;
    app->screen_wake_ms = 0;
    if (screen_get(to)->enter)
        screen_get(to)->enter(app);
    app_invalidate(app);
}

void app_go(struct app *app, enum screen_id to)
{
    if (to == app->screen)
        return;
    if (to == SCREEN_HOME || to == SCREEN_ATTRACT)
        app->history_len = 0;
    else if (app->history_len < APP_HISTORY_MAX)
        app->history[app->history_len++] = app->screen;
    switch_screen(app, to);
}

void app_back(struct app *app)
{
    enum screen_id to = SCREEN_HOME;

    while (app->history_len > 0) {
        to = app->history[--app->history_len];
        if (to != SCREEN_ATTRACT && to != app->screen)
            break;
        to = SCREEN_HOME;
    }
    if (to != app->screen)
        switch_screen(app, to);
}

void app_forget_visitor(struct app *app)
{
    text_cache_clear(app->text);
    explicit_bzero(app->ui.widgets, sizeof(app->ui.widgets));
    app->ui.count = 0;
    app_invalidate(app);
}

void app_set_lang(struct app *app, enum lang lang)
{
    if (lang == app->lang)
        return;
    log_info("lang", "%s -> %s", lang_code(app->lang), lang_code(lang));
    app->lang = lang;
    app_invalidate(app);
}

SDL_Texture *app_photo(const struct app *app, const struct catalog_model *model)
{
    ptrdiff_t i = model - app->catalog->models;

    if (!model || i < 0 || (size_t)i >= app->catalog->model_count)
        return NULL;
    return app->photos[i];
}

/* Start-up steps that need no window: a failure stops before one opens. */
bool app_load_config(struct config *cfg, const struct cli_options *o)
{
    const char *path = o->config_path ? o->config_path : PATHS_DEFAULT_CONFIG;
    char err[CONFIG_ERROR_MAX];
    bool found;

    config_set_defaults(cfg);
    if (!config_load(cfg, path, &found, err, sizeof(err))) {
        fprintf(stderr, "vitrine: %s\n", err);
        return false;
    }
    if (!found && o->config_path) {
        fprintf(stderr, "vitrine: config %s: no such file\n", path);
        return false;
    }
    if (!found)
        log_info(TAG, "no %s: using the defaults", path);
    return true;
}

static void apply_log_level(const struct app *app)
{
    enum log_level level = LOG_INFO;

    log_level_parse(app->cfg.log_level, &level);
    if (app->options->verbose)
        level = LOG_DEBUG;
    log_set_level(level);
}

static bool prepare_dirs(struct app *app, const struct cli_options *o)
{
    if (o->data_dir)
        snprintf(app->data_dir, sizeof(app->data_dir), "%s", o->data_dir);
    else if (!paths_default_data_dir(app->data_dir, sizeof(app->data_dir)))
        return false;
    if (!fs_make_dirs(app->data_dir)) {
        fprintf(stderr, "vitrine: cannot create the data folder %s: %s\n",
                app->data_dir, strerror(errno));
        return false;
    }
    if (o->screenshot_dir)
        snprintf(app->screenshot_dir, sizeof(app->screenshot_dir), "%s",
                 o->screenshot_dir);
    else
        fs_join(app->screenshot_dir, sizeof(app->screenshot_dir), app->data_dir,
                "screenshots");
    if (!fs_make_dirs(app->screenshot_dir)) {
        fprintf(stderr, "vitrine: cannot create %s: %s\n", app->screenshot_dir,
                strerror(errno));
        return false;
    }
    return true;
}

static bool load_catalog(struct app *app, const struct cli_options *o)
{
    char path[CONFIG_PATH_MAX], err[CONFIG_ERROR_MAX];

    snprintf(app->content_dir, sizeof(app->content_dir), "%s",
             app->cfg.content_dir[0] ? app->cfg.content_dir
                                     : VITRINE_ASSETS_DIR);
    fs_join(path, sizeof(path), app->content_dir, "catalog.json");
    app->catalog = catalog_load(path, err, sizeof(err));
    if (!app->catalog) {
        fprintf(stderr, "vitrine: %s\n", err);
        return false;
    }
    app->model = &app->catalog->models[0];
    if (o->model_id) {
        app->model = catalog_find(app->catalog, o->model_id);
        if (!app->model) {
            fprintf(stderr, "vitrine: --model: no model \"%s\" in %s\n",
                    o->model_id, path);
            return false;
        }
    }
    log_info(TAG, "catalog %s: %zu models", path, app->catalog->model_count);
    return true;
}

/*
 * The bookings database. Failing to open it is not fatal: the kiosk still
 * shows cars, and a booking attempt tells the visitor to ask the staff.
 */
static void open_store(struct app *app)
{
    struct store_open_info info;
    char path[CONFIG_PATH_MAX], err[512];
    enum store_result r;

    fs_join(path, sizeof(path), app->data_dir, "vitrine.db");
    r = store_open(path, &app->store, &info, err, sizeof(err));
    if (r != STORE_OK) {
        log_error(TAG, "bookings database %s: %s (%s)", path,
                  store_result_name(r), err);
        return;
    }
    app->store_recovered = info.recovered;
    if (info.recovered)
        log_warn(TAG, "bookings database was corrupt: moved to %s",
                 info.moved_to);
    if (info.schema_from != info.schema_to)
        log_info(TAG, "bookings database migrated from schema %d to %d",
                 info.schema_from, info.schema_to);
}

/* Erases names and phones past their retention, at start and hourly. */
static void apply_retention(struct app *app)
{
    int erased = 0;
    enum store_result r;

    app->retention_due_ms = app->now_ms + RETENTION_EVERY_MS;
    if (!app->store)
        return;
    r = store_apply_retention(app->store, (int64_t)time(NULL),
                              app->cfg.booking.retention_days, &erased);
    if (r != STORE_OK)
        log_error(TAG, "retention: %s (%s)", store_result_name(r),
                  store_error(app->store));
    else if (erased > 0)
        log_info(TAG, "retention: erased the details of %d bookings", erased);
}

static bool load_script(struct app *app, const char *path, const char *text)
{
    char err[512];
    struct script *script;

    if (text)
        script = script_parse(text, path, err, sizeof(err));
    else
        script = script_load(path, err, sizeof(err));
    if (!script) {
        fprintf(stderr, "vitrine: %s\n", err);
        return false;
    }
    app->runner = script_runner_create(script, path);
    return app->runner != NULL;
}

static enum display_result open_display(struct app *app, bool headless,
                                        char *err, size_t err_size)
{
    const struct cli_options *o = app->options;
    struct display_options d = {
        .headless = headless,
        .windowed = o->windowed,
        .width = o->width,
        .height = o->height,
        .title = "vitrine",
    };

    return display_open(&app->display, &d, err, err_size);
}

/* Opens the display; with none on this machine, says so and runs headless
 * with a script of its own that photographs the home screen. */
static bool bring_up_display(struct app *app, bool *fallback)
{
    char err[512];
    enum display_result r;

    *fallback = false;
    r = open_display(app, app->options->headless, err, sizeof(err));
    if (r == DISPLAY_NO_DEVICE) {
        fprintf(stderr,
                "vitrine: no display here (%s).\n"
                "vitrine: running headless instead; screenshots of the "
                "home screen go to %s\n",
                err, app->screenshot_dir);
        *fallback = true;
        if (!app->runner && !load_script(app, "(built-in)", FALLBACK_SCRIPT))
            return false;
        r = open_display(app, true, err, sizeof(err));
    }
    if (r != DISPLAY_OK) {
        fprintf(stderr, "vitrine: %s\n", err);
        return false;
    }
    return true;
}

static bool open_text(struct app *app)
{
    const struct text_font_file fonts[TEXT_WEIGHT_COUNT] = {
        [TEXT_REGULAR] = {app->cfg.font_path, app->cfg.font_index},
        [TEXT_BOLD] = {app->cfg.font_bold_path, app->cfg.font_bold_index},
    };
    char err[512];

    app->text = text_cache_create(app->display.renderer, fonts,
                                  TEXT_CACHE_BYTES, err, sizeof(err));
    if (!app->text) {
        fprintf(stderr, "vitrine: %s\n", err);
        return false;
    }
    return true;
}

static void layout(struct app *app)
{
    theme_init(&app->theme, app->cfg.dealership.accent_rgb, app->display.width,
               app->display.height);
    assets_load_logo(app);
    app_invalidate(app);
}

static bool app_start(struct app *app, const struct cli_options *o,
                      bool *fallback)
{
    enum screen_id first =
        o->start_screen_set ? o->start_screen : SCREEN_ATTRACT;

    memset(app, 0, sizeof(*app));
    app->options = o;
    if (!app_load_config(&app->cfg, o))
        return false;
    apply_log_level(app);
    if (!prepare_dirs(app, o) || !load_catalog(app, o))
        return false;
    if (o->script_path && !load_script(app, o->script_path, NULL))
        return false;
    clock_init(&app->clock, o->fake_clock);
    open_store(app);

    if (!bring_up_display(app, fallback) || !open_text(app))
        return false;
    app->wake_event = SDL_RegisterEvents(1);
    if (app->wake_event == (uint32_t)-1)
        app->wake_event = 0; /* loaders then wake us at the next poll */
    if (*fallback)
        first = SCREEN_HOME;
    input_init(&app->input);
    ui_init(&app->ui, app->display.renderer, app->text, &app->theme);
    layout(app);
    assets_load_photos(app);

    app->lang = app->cfg.language;
    app->screen = first;
    app->now_ms = clock_now_ms(&app->clock);
    app->last_input_ms = app->now_ms;
    apply_retention(app);
    log_info("screen", "start on %s", screen_name(first));
    if (screen_get(first)->enter)
        screen_get(first)->enter(app);
    return true;
}

static void app_stop(struct app *app)
{
    script_runner_destroy(app->runner);
    store_close(app->store);
    assets_free(app);
    text_cache_destroy(app->text);
    display_close(&app->display);
    catalog_destroy(app->catalog);
    IMG_Quit();
    SDL_Quit();
}

static void handle_window(struct app *app, const SDL_WindowEvent *w)
{
    if (w->event == SDL_WINDOWEVENT_SIZE_CHANGED) {
        if (display_refresh_size(&app->display)) {
            log_info(TAG, "window is now %dx%d", app->display.width,
                     app->display.height);
            layout(app);
        }
    } else if (w->event == SDL_WINDOWEVENT_EXPOSED) {
        app_invalidate(app);
    }
}

static void dispatch(struct app *app, const struct input_event *ev)
{
    const char *activated = NULL;

    app->last_input_ms = clock_now_ms(&app->clock);
    if (ev->type == INPUT_DOWN || ev->type == INPUT_MOVE ||
        ev->type == INPUT_UP)
        activated = ui_pointer(&app->ui, ev);
    if (activated)
        log_debug("ui", "%s: %s", screen_name(app->screen), activated);
    screen_get(app->screen)->input(app, ev, activated);
}

/* Step 1: every pending SDL event, normalized into pointer events. */
static void gather_input(struct app *app)
{
    SDL_Event ev;
    struct input_event in;

    while (SDL_PollEvent(&ev)) {
        if (ev.type == SDL_QUIT) {
            log_info(TAG, "asked to quit");
            app_quit(app, app->exit_code);
        } else if (ev.type == SDL_WINDOWEVENT) {
            handle_window(app, &ev.window);
        } else if (ev.type == SDL_RENDER_TARGETS_RESET ||
                   ev.type == SDL_RENDER_DEVICE_RESET) {
            text_cache_clear(app->text);
            app_invalidate(app);
        } else if (input_normalize(&app->input, &ev, app->display.width,
                                   app->display.height, &in)) {
            dispatch(app, &in);
        }
    }
}

/* Step 2: the script, if one is playing. */
static void run_script(struct app *app)
{
    app->now_ms = clock_now_ms(&app->clock);
    if (app->runner)
        script_runner_step(app->runner, app);
}

static enum screen_id idle_target(const struct app *app)
{
    return app->cfg.idle_screen == CONFIG_IDLE_HOME ? SCREEN_HOME
                                                    : SCREEN_ATTRACT;
}

static uint64_t idle_deadline(const struct app *app)
{
    if (app->screen == SCREEN_ATTRACT || app->screen == idle_target(app))
        return SCREEN_IDLE;
    return app->last_input_ms + (uint64_t)app->cfg.idle_timeout_s * 1000;
}

/* Step 3: timers and the current screen's own time. */
static void advance(struct app *app)
{
    app->now_ms = clock_now_ms(&app->clock);
    if (app->now_ms >= idle_deadline(app)) {
        log_info(TAG, "idle for %d s: back to %s", app->cfg.idle_timeout_s,
                 screen_name(idle_target(app)));
        app_go(app, idle_target(app));
        app_set_lang(app, app->cfg.language);
        app->last_input_ms = app->now_ms;
    }
    if (app->now_ms >= app->retention_due_ms)
        apply_retention(app);
    app->screen_wake_ms = screen_get(app->screen)->update(app, app->now_ms);
}

static void write_screenshot(struct app *app)
{
    char path[CONFIG_PATH_MAX];
    char err[256] = "";

    fs_join(path, sizeof(path), app->screenshot_dir, app->screenshot_request);
    app->screenshot_request[0] = '\0';
    if (!assets_save_screenshot(app, path, err, sizeof(err))) {
        log_error(TAG, "%s", err);
        fprintf(stderr, "vitrine: %s\n", err);
        app_quit(app, 1);
        return;
    }
    log_info(TAG, "wrote %s", path);
    printf("vitrine: wrote %s\n", path);
    fflush(stdout);
}

/* Step 4: a frame, only when something changed. */
static void render(struct app *app)
{
    SDL_Color bg = app->theme.background;

    if (!app->redraw && !app->ui.dirty)
        return;
    app->redraw = false;
    app->ui.dirty = false;
    SDL_SetRenderDrawColor(app->display.renderer, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(app->display.renderer);
    ui_begin(&app->ui);
    screen_get(app->screen)->draw(app);
    if (app->screenshot_request[0])
        write_screenshot(app);
    display_present(&app->display);
    if (!app->first_frame_done) {
        app->first_frame_done = true;
        log_info(TAG, "first frame (%s) %.1f ms after start",
                 screen_name(app->screen), process_ms() - start_stamp_ms);
    }
}

static uint64_t earliest(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/*
 * SDL_WaitEventTimeout only blocks where the video driver can wait on its
 * own events (X11, Wayland: display.native_wait); on KMSDRM and offscreen
 * it polls every millisecond, which keeps an idle kiosk at several per
 * cent of a core. There, pump at a slower pace: a tap still shows within
 * one poll.
 */
static void sleep_until_event(const struct app *app, uint64_t deadline)
{
    for (;;) {
        uint64_t now;

        SDL_PumpEvents();
        if (SDL_PeepEvents(NULL, 0, SDL_PEEKEVENT, SDL_FIRSTEVENT,
                           SDL_LASTEVENT) > 0)
            return;
        now = clock_now_ms(&app->clock);
        if (now >= deadline)
            return;
        SDL_Delay((Uint32)earliest(deadline - now, IDLE_POLL_MS));
    }
}

/* Step 5: sleep until the next event or timer. */
static void wait_for_work(struct app *app)
{
    uint64_t now = clock_now_ms(&app->clock);
    uint64_t deadline = earliest(app->screen_wake_ms, idle_deadline(app));
    uint64_t timeout;

    if (app->clock.fake && app->loading)
        SDL_Delay(1); /* let the loader thread have the core */
    if (app->quit || app->redraw || app->ui.dirty || app->clock.fake)
        return;
    deadline = earliest(deadline, app->retention_due_ms);
    if (app->runner)
        deadline = earliest(deadline, script_runner_wake_ms(app->runner));
    if (deadline <= now)
        return;
    timeout = earliest(deadline - now, WAIT_MAX_MS);
    if (app->display.native_wait)
        SDL_WaitEventTimeout(NULL, (int)timeout);
    else
        sleep_until_event(app, now + timeout);
}

int app_run(const struct cli_options *options)
{
    static struct app app;
    bool fallback = false;
    int status;

    start_stamp_ms = process_ms();
    if (!app_start(&app, options, &fallback)) {
        app_stop(&app);
        return EXIT_SETUP;
    }
    while (!app.quit) {
        gather_input(&app);
        run_script(&app);
        advance(&app);
        render(&app);
        wait_for_work(&app);
    }
    status = app.exit_code;
    if (fallback && status == 0)
        printf("vitrine: no display, so the kiosk ran headless; open the "
               "screenshots above to see it.\n");
    app_stop(&app);
    return status;
}
