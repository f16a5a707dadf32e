#include "script_runner.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "dump_ui.h"
#include "fsutil.h"
#include "log.h"
#include "script.h"

static const char *const TAG = "script";

enum {
    FRAME_STEP_MS = 16,     /* fake-clock time per frame while moving */
    SCRIPT_TOUCH_ID = 7001, /* the touch device scripted fingers use */
    PINCH_START_PX = 300,   /* finger distance at the start of a pinch */
    LOADING_WAIT_MAX_MS = 120 * 1000,
};

enum phase {
    PHASE_START,
    PHASE_MOVING,
    PHASE_RELEASE,
    PHASE_SETTLE, /* wait for the frame that shows the result */
};

struct script_runner {
    struct script *script;
    char *name;
    size_t next;
    enum phase phase;
    uint64_t started_ms;
    uint64_t wake_ms;
    float tap_x, tap_y;
    uint64_t loading_since_ms; /* real time; 0 when not waiting */
    bool gave_up_loading;
};

struct script_runner *script_runner_create(struct script *script,
                                           const char *name)
{
    struct script_runner *runner = calloc(1, sizeof(*runner));

    if (!runner || !(runner->name = strdup(name))) {
        free(runner);
        script_destroy(script);
        return NULL;
    }
    runner->script = script;
    return runner;
}

void script_runner_destroy(struct script_runner *runner)
{
    if (!runner)
        return;
    script_destroy(runner->script);
    free(runner->name);
    free(runner);
}

uint64_t script_runner_wake_ms(const struct script_runner *runner)
{
    return runner->wake_ms;
}

static void fail(struct script_runner *runner, struct app *app,
                 const struct script_cmd *cmd, const char *why)
{
    log_error(TAG, "%s:%d: %s", runner->name, cmd->line, why);
    fprintf(stderr, "vitrine: script %s:%d failed: %s\n", runner->name,
            cmd->line, why);
    app_quit(app, 1);
}

static void finish(struct script_runner *runner)
{
    runner->next++;
    runner->phase = PHASE_START;
    runner->wake_ms = 0;
}

static void push_finger(const struct app *app, Uint32 type, int finger, float x,
                        float y)
{
    SDL_Event ev;

    memset(&ev, 0, sizeof(ev));
    ev.type = type;
    ev.tfinger.timestamp = SDL_GetTicks();
    ev.tfinger.touchId = SCRIPT_TOUCH_ID;
    ev.tfinger.fingerId = finger;
    ev.tfinger.x = x / (float)app->display.width;
    ev.tfinger.y = y / (float)app->display.height;
    ev.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    ev.tfinger.windowID = SDL_GetWindowID(app->display.window);
    SDL_PushEvent(&ev);
}

static void push_key(SDL_Keycode key)
{
    SDL_Event ev;

    memset(&ev, 0, sizeof(ev));
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = key;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    SDL_PushEvent(&ev);
    ev.type = SDL_KEYUP;
    ev.key.state = SDL_RELEASED;
    SDL_PushEvent(&ev);
}

/* SDL carries text in events of at most 31 bytes: cut at UTF-8 starts. */
static void push_text(const char *text)
{
    const size_t max = SDL_TEXTINPUTEVENT_TEXT_SIZE - 1;
    size_t len = strlen(text);

    while (len > 0) {
        size_t n = len < max ? len : max;
        SDL_Event ev;

        while (n < len && n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
        memset(&ev, 0, sizeof(ev));
        ev.type = SDL_TEXTINPUT;
        memcpy(ev.text.text, text, n);
        SDL_PushEvent(&ev);
        text += n;
        len -= n;
    }
}

/* Moves the fake clock a frame; sleeps the real one until the next frame. */
static void tick(struct script_runner *runner, struct app *app)
{
    clock_advance(&app->clock, FRAME_STEP_MS);
    runner->wake_ms = app->clock.fake ? 0 : app->now_ms + FRAME_STEP_MS;
}

static float progress(const struct script_runner *runner, const struct app *app,
                      int ms)
{
    uint64_t elapsed = clock_now_ms(&app->clock) - runner->started_ms;

    if (ms <= 0 || elapsed >= (uint64_t)ms)
        return 1.0f;
    return (float)elapsed / (float)ms;
}

static void run_tap(struct script_runner *runner, struct app *app, float x,
                    float y)
{
    if (runner->phase == PHASE_START) {
        push_finger(app, SDL_FINGERDOWN, 0, x, y);
        runner->phase = PHASE_RELEASE;
    } else if (runner->phase == PHASE_RELEASE) {
        push_finger(app, SDL_FINGERUP, 0, x, y);
        runner->phase = PHASE_SETTLE;
    } else {
        finish(runner);
    }
}

static void run_tap_on(struct script_runner *runner, struct app *app,
                       const struct script_cmd *cmd)
{
    const struct ui_widget *w = NULL;
    char why[UI_TEXT_MAX + 96];
    int matches;

    if (runner->phase == PHASE_START) {
        matches = ui_find(&app->ui, cmd->arg, &w);
        if (matches != 1) {
            snprintf(why, sizeof(why),
                     matches == 0 ? "tap-on \"%s\": no visible widget has "
                                    "that id or label"
                                  : "tap-on \"%s\": %d widgets have that "
                                    "id or label",
                     cmd->arg, matches);
            fail(runner, app, cmd, why);
            return;
        }
        runner->tap_x = w->bounds.x + w->bounds.w / 2;
        runner->tap_y = w->bounds.y + w->bounds.h / 2;
    }
    run_tap(runner, app, runner->tap_x, runner->tap_y);
}

static void run_drag(struct script_runner *runner, struct app *app,
                     const struct script_cmd *cmd)
{
    float t;

    if (runner->phase == PHASE_START) {
        push_finger(app, SDL_FINGERDOWN, 0, cmd->x1, cmd->y1);
        runner->started_ms = clock_now_ms(&app->clock);
        runner->phase = PHASE_MOVING;
        tick(runner, app);
        return;
    }
    if (runner->phase == PHASE_SETTLE) {
        finish(runner);
        return;
    }
    t = progress(runner, app, cmd->ms);
    push_finger(app, SDL_FINGERMOTION, 0, cmd->x1 + (cmd->x2 - cmd->x1) * t,
                cmd->y1 + (cmd->y2 - cmd->y1) * t);
    if (t < 1.0f) {
        tick(runner, app);
        return;
    }
    push_finger(app, SDL_FINGERUP, 0, cmd->x2, cmd->y2);
    runner->phase = PHASE_SETTLE;
    runner->wake_ms = 0;
}

static void push_pinch(struct app *app, Uint32 type,
                       const struct script_cmd *cmd, float distance)
{
    push_finger(app, type, 0, cmd->x1 - distance / 2, cmd->y1);
    push_finger(app, type, 1, cmd->x1 + distance / 2, cmd->y1);
}

static void run_pinch(struct script_runner *runner, struct app *app,
                      const struct script_cmd *cmd)
{
    const float d0 = PINCH_START_PX;
    float t;

    if (runner->phase == PHASE_START) {
        push_pinch(app, SDL_FINGERDOWN, cmd, d0);
        runner->started_ms = clock_now_ms(&app->clock);
        runner->phase = PHASE_MOVING;
        tick(runner, app);
        return;
    }
    if (runner->phase == PHASE_SETTLE) {
        finish(runner);
        return;
    }
    t = progress(runner, app, cmd->ms);
    push_pinch(app, SDL_FINGERMOTION, cmd, d0 + (d0 * cmd->scale - d0) * t);
    if (t < 1.0f) {
        tick(runner, app);
        return;
    }
    push_pinch(app, SDL_FINGERUP, cmd, d0 * cmd->scale);
    runner->phase = PHASE_SETTLE;
    runner->wake_ms = 0;
}

static void run_wait(struct script_runner *runner, struct app *app,
                     const struct script_cmd *cmd)
{
    uint64_t now = clock_now_ms(&app->clock);

    if (runner->phase == PHASE_START) {
        runner->started_ms = now;
        runner->phase = PHASE_MOVING;
    }
    if (now >= runner->started_ms + (uint64_t)cmd->ms) {
        finish(runner);
        return;
    }
    if (app->clock.fake) {
        uint64_t left = runner->started_ms + (uint64_t)cmd->ms - now;

        clock_advance(&app->clock, left < FRAME_STEP_MS ? left : FRAME_STEP_MS);
        runner->wake_ms = 0;
    } else {
        runner->wake_ms = runner->started_ms + (uint64_t)cmd->ms;
    }
}

static void run_screenshot(struct script_runner *runner, struct app *app,
                           const struct script_cmd *cmd)
{
    if (runner->phase == PHASE_START) {
        snprintf(app->screenshot_request, sizeof(app->screenshot_request),
                 "%s.png", cmd->arg);
        app_invalidate(app);
        runner->phase = PHASE_SETTLE;
    } else if (!app->screenshot_request[0]) {
        finish(runner);
    }
}

static void run_dump(struct script_runner *runner, struct app *app,
                     const struct script_cmd *cmd)
{
    char path[CONFIG_PATH_MAX], file[80], err[256];

    snprintf(file, sizeof(file), "%s.json", cmd->arg);
    if (!fs_join(path, sizeof(path), app->screenshot_dir, file) ||
        !dump_ui_write(app, path, err, sizeof(err))) {
        fail(runner, app, cmd, err);
        return;
    }
    log_info(TAG, "wrote %s", path);
    finish(runner);
}

static void run_expect(struct script_runner *runner, struct app *app,
                       const struct script_cmd *cmd)
{
    enum screen_id want;
    char why[160];

    if (!screen_parse(cmd->arg, &want)) {
        snprintf(why, sizeof(why),
                 "expect-screen: no screen is called "
                 "\"%s\"",
                 cmd->arg);
        fail(runner, app, cmd, why);
        return;
    }
    if (want != app->screen) {
        snprintf(why, sizeof(why), "expected screen %s, got %s", cmd->arg,
                 screen_name(app->screen));
        fail(runner, app, cmd, why);
        return;
    }
    finish(runner);
}

/* Pushes the text or key, then waits a step for its frame. */
static void run_typing(struct script_runner *runner,
                       const struct script_cmd *cmd)
{
    if (runner->phase != PHASE_START) {
        finish(runner);
        return;
    }
    if (cmd->op == SCRIPT_TEXT)
        push_text(cmd->arg);
    else
        push_key(SDL_GetKeyFromName(cmd->arg));
    runner->phase = PHASE_SETTLE;
}

static void run_command(struct script_runner *runner, struct app *app,
                        const struct script_cmd *cmd)
{
    switch (cmd->op) {
    case SCRIPT_TAP:
        run_tap(runner, app, cmd->x1, cmd->y1);
        break;
    case SCRIPT_TAP_ON:
        run_tap_on(runner, app, cmd);
        break;
    case SCRIPT_DRAG:
        run_drag(runner, app, cmd);
        break;
    case SCRIPT_PINCH:
        run_pinch(runner, app, cmd);
        break;
    case SCRIPT_TEXT:
    case SCRIPT_KEY:
        run_typing(runner, cmd);
        break;
    case SCRIPT_WAIT:
        run_wait(runner, app, cmd);
        break;
    case SCRIPT_SCREENSHOT:
        run_screenshot(runner, app, cmd);
        break;
    case SCRIPT_DUMP_UI:
        run_dump(runner, app, cmd);
        break;
    case SCRIPT_EXPECT_SCREEN:
        run_expect(runner, app, cmd);
        break;
    case SCRIPT_QUIT:
        log_info(TAG, "%s:%d: quit", runner->name, cmd->line);
        app_quit(app, 0);
        break;
    }
}

/*
 * While the screen loads what it shows, the next command waits, in real
 * time (the loader does not follow the fake clock), up to a limit.
 */
static bool held_by_loading(struct script_runner *runner, struct app *app)
{
    uint64_t now = SDL_GetTicks64();

    if (!app->loading) {
        runner->loading_since_ms = 0;
        runner->gave_up_loading = false;
        return false;
    }
    if (runner->gave_up_loading)
        return false;
    if (runner->loading_since_ms == 0)
        runner->loading_since_ms = now;
    if (now - runner->loading_since_ms < LOADING_WAIT_MAX_MS)
        return true;
    log_warn(TAG, "%s: still loading after %d s; going on", runner->name,
             LOADING_WAIT_MAX_MS / 1000);
    runner->gave_up_loading = true;
    return false;
}

void script_runner_step(struct script_runner *runner, struct app *app)
{
    const struct script_cmd *cmd;

    /* The frame that shows what the last command did comes first. */
    if (app->redraw || app->ui.dirty || app->quit ||
        held_by_loading(runner, app))
        return;
    if (runner->wake_ms > app->now_ms && !app->clock.fake)
        return;
    if (runner->next >= runner->script->count) {
        log_info(TAG, "%s: ran to its end", runner->name);
        app_quit(app, 0);
        return;
    }
    cmd = &runner->script->cmds[runner->next];
    if (runner->phase == PHASE_START)
        log_debug(TAG, "%s:%d: %s", runner->name, cmd->line,
                  script_op_name(cmd->op));
    run_command(runner, app, cmd);
}
