/*
 * viewer: the 360° interior of a model, one scene at a time.
 *
 * The panorama fills the screen; over it sit the top bar, the scene chips
 * and "Book a test drive", and the hotspots of the scene. A scene is a
 * pano_scene: its loader thread bakes the source on first use (the screen
 * shows the progress over the model's photo) and streams its tiles. A
 * move to another scene (chip or hotspot) keeps the old one on screen
 * until the new one can be drawn, then crossfades. Touches that do not
 * land on a widget move the camera (viewer_motion). While the visible
 * view is still loading, app->loading holds scripted input, so a
 * screenshot shows what a visitor would see once it settled.
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "chrome.h"
#include "fsutil.h"
#include "log.h"
#include "pano_scene.h"
#include "viewer_chrome.h"
#include "viewer_motion.h"

static const char *const TAG = "viewer";

enum {
    FADE_MS = 450,
    PROGRESS_POLL_MS = 100,
    FRAME_MS = 16,
    MIB = 1024 * 1024,
};

static struct {
    const struct catalog_model *model;
    size_t scene_index;
    struct pano_scene *scene;   /* the scene being shown, NULL if unusable */
    struct pano_scene *leaving; /* the one fading out */
    struct pano_camera leaving_cam;
    uint64_t fade_start_ms; /* 0 until the new scene can be drawn */
    struct viewer_motion motion;
    int info; /* the hotspot whose card is open, or -1 */
    bool touched;
    enum pano_scene_state shown_state;
    int shown_percent;
} vw;

static const struct catalog_scene *current_scene(void)
{
    return &vw.model->scenes[vw.scene_index];
}

static void to_pano_limits(const struct catalog_limits *in,
                           struct pano_limits *out)
{
    *out = (struct pano_limits){in->yaw_full_circle, in->yaw_min_deg,
                                in->yaw_max_deg,     in->pitch_min_deg,
                                in->pitch_max_deg,   in->fov_min_deg,
                                in->fov_max_deg};
}

static void start_motion(struct app *app, const struct catalog_scene *s)
{
    struct pano_camera cam = {
        s->initial_view.yaw_deg, s->initial_view.pitch_deg,
        s->initial_view.fov_deg, app->theme.width, app->theme.height};
    struct pano_limits limits;

    to_pano_limits(&s->limits, &limits);
    viewer_motion_set_auto_rotate(
        &vw.motion, (uint64_t)app->cfg.viewer.auto_rotate_after_s * 1000,
        app->cfg.viewer.auto_rotate_deg_per_s);
    viewer_motion_reset(&vw.motion, &cam, &limits, app->now_ms);
}

static void open_scene(struct app *app)
{
    const struct catalog_scene *s = current_scene();
    char cache[CONFIG_PATH_MAX];
    struct pano_err err = {""};
    struct pano_scene_options options = {
        .input = {.equirect = s->image_path},
        .cache_root = cache,
        .budget_bytes = (size_t)app->cfg.viewer.tile_budget_mb * MIB,
        .uploads_per_frame = app->cfg.viewer.uploads_per_frame,
        .max_texture_px = 0,
        .wake_event = app->wake_event,
    };

    for (int f = 0; !s->image_path && f < PANO_FACE_COUNT; f++)
        options.input.faces[f] = s->face_paths[f];
    fs_join(cache, sizeof(cache), app->data_dir, "panoramas");
    vw.scene = pano_scene_create(app->display.renderer, &options, &err);
    if (!vw.scene)
        log_error(TAG, "%s/%s: %s", vw.model->id, s->id, err.msg);
    vw.shown_state = PANO_SCENE_LOADING;
    vw.shown_percent = -1;
    vw.info = -1;
    start_motion(app, s);
}

static void drop_leaving(void)
{
    pano_scene_destroy(vw.leaving);
    vw.leaving = NULL;
    vw.fade_start_ms = 0;
}

static void switch_scene(struct app *app, size_t index)
{
    if (index == vw.scene_index || index >= vw.model->scene_count)
        return;
    log_info(TAG, "%s: scene %s -> %s", vw.model->id, current_scene()->id,
             vw.model->scenes[index].id);
    drop_leaving();
    if (vw.scene && pano_scene_state(vw.scene, NULL) == PANO_SCENE_READY) {
        vw.leaving = vw.scene;
        vw.leaving_cam = vw.motion.cam;
    } else {
        pano_scene_destroy(vw.scene);
    }
    vw.scene = NULL;
    vw.scene_index = index;
    open_scene(app);
}

static enum pano_scene_state scene_state(float *progress)
{
    if (progress)
        *progress = 0;
    if (!vw.scene)
        return PANO_SCENE_FAILED;
    return pano_scene_state(vw.scene, progress);
}

/* ---- drawing ----------------------------------------------------------- */

static void add_panorama_widget(struct app *app, enum pano_scene_state state)
{
    char text[UI_TEXT_MAX];
    struct pano_scene_stats stats = {0};

    if (vw.scene)
        pano_scene_get_stats(vw.scene, &stats);
    snprintf(text, sizeof(text),
             "scene %s, yaw %.2f, pitch %.2f, fov %.2f, level %d%s",
             current_scene()->id, vw.motion.cam.yaw_deg,
             vw.motion.cam.pitch_deg, vw.motion.cam.fov_deg, stats.level,
             state == PANO_SCENE_READY ? "" : ", not ready");
    ui_add(&app->ui, "panorama", UI_ROLE_PANORAMA, text,
           (SDL_FRect){0, 0, (float)app->theme.width, (float)app->theme.height},
           0);
}

/* The panorama itself, or what stands in for it. */
static void draw_panorama(struct app *app, enum pano_scene_state state,
                          float progress)
{
    SDL_Rect all = {0, 0, app->theme.width, app->theme.height};
    bool ready = state == PANO_SCENE_READY;

    if (ready)
        pano_scene_draw(vw.scene, &vw.motion.cam, &all, 255);
    if (vw.leaving) {
        float t = vw.fade_start_ms
                      ? (float)(app->now_ms - vw.fade_start_ms) / FADE_MS
                      : 0;

        vw.leaving_cam.width_px = all.w;
        vw.leaving_cam.height_px = all.h;
        pano_scene_draw(vw.leaving, &vw.leaving_cam, &all,
                        (uint8_t)(255 * (1 - fminf(fmaxf(t, 0), 1))));
        return;
    }
    if (state == PANO_SCENE_FAILED)
        viewer_chrome_unavailable(app, vw.model);
    else if (!ready)
        viewer_chrome_loading(app, vw.model, progress);
}

static void viewer_draw(struct app *app)
{
    float progress;
    enum pano_scene_state state = scene_state(&progress);

    viewer_motion_resize(&vw.motion, app->theme.width, app->theme.height);
    add_panorama_widget(app, state);
    draw_panorama(app, state, progress);
    if (state == PANO_SCENE_READY && !vw.leaving && vw.info < 0)
        viewer_chrome_hotspots(app, current_scene(), &vw.motion.cam);
    viewer_chrome_top(app, vw.model, current_scene());
    viewer_chrome_bottom(app, vw.model, vw.scene_index,
                         !vw.touched && state == PANO_SCENE_READY);
    if (vw.info >= 0)
        viewer_chrome_info(app, &current_scene()->hotspots[vw.info]);
}

/* ---- input ------------------------------------------------------------- */

static void hotspot_tapped(struct app *app, int index)
{
    const struct catalog_scene *s = current_scene();
    const struct catalog_hotspot *spot;

    if (index < 0 || (size_t)index >= s->hotspot_count)
        return;
    spot = &s->hotspots[index];
    if (spot->kind == CATALOG_HOTSPOT_SCENE)
        switch_scene(app, spot->scene_index);
    else
        vw.info = index;
}

static void activate(struct app *app, const char *id)
{
    int index;

    if (strcmp(id, "book") == 0) {
        app_go(app, SCREEN_BOOKING);
    } else if (strcmp(id, "info-close") == 0 || strcmp(id, "scrim") == 0) {
        vw.info = -1;
    } else if (sscanf(id, "hotspot-%d", &index) == 1) {
        hotspot_tapped(app, index);
    } else if (strncmp(id, "scene-", 6) == 0) {
        for (size_t i = 0; i < vw.model->scene_count; i++) {
            if (strcmp(vw.model->scenes[i].id, id + 6) == 0)
                switch_scene(app, i);
        }
    } else {
        chrome_activate(app, id);
    }
}

static void pointer(struct app *app, const struct input_event *ev)
{
    uint64_t now = app->now_ms;

    if (ev->type == INPUT_DOWN) {
        /* A press on a button is the button's; the rest moves the view. */
        if (vw.info >= 0 || ui_hit(&app->ui, ev->x, ev->y))
            return;
        vw.touched = true;
        viewer_motion_down(&vw.motion, ev->pointer, ev->x, ev->y, now);
    } else if (ev->type == INPUT_MOVE) {
        viewer_motion_move(&vw.motion, ev->pointer, ev->x, ev->y, now);
    } else if (ev->type == INPUT_UP) {
        viewer_motion_up(&vw.motion, ev->pointer, ev->x, ev->y, now);
    } else if (ev->type == INPUT_WHEEL) {
        viewer_motion_wheel(&vw.motion, ev->x, ev->y, ev->dy, now);
    }
}

static void viewer_input(struct app *app, const struct input_event *ev,
                         const char *activated)
{
    app->now_ms = clock_now_ms(&app->clock);
    if (activated) {
        activate(app, activated);
    } else if (ev->type == INPUT_KEY) {
        if (ev->key == SDLK_ESCAPE || ev->key == SDLK_AC_BACK)
            chrome_activate(app, "back");
        else
            viewer_motion_key(&vw.motion, ev->key, app->now_ms);
    } else {
        pointer(app, ev);
    }
    app_invalidate(app);
}

/* ---- time -------------------------------------------------------------- */

/* The fade starts once the new scene can be drawn (or cannot be at all). */
static bool advance_fade(uint64_t now_ms, enum pano_scene_state state)
{
    if (!vw.leaving)
        return false;
    pano_scene_update(vw.leaving);
    if (vw.fade_start_ms == 0 &&
        (state == PANO_SCENE_READY || state == PANO_SCENE_FAILED))
        vw.fade_start_ms = now_ms;
    if (vw.fade_start_ms && now_ms >= vw.fade_start_ms + FADE_MS)
        drop_leaving();
    return true;
}

static void note_failure(enum pano_scene_state state)
{
    enum pano_result result;

    if (state == PANO_SCENE_FAILED && vw.shown_state != PANO_SCENE_FAILED &&
        vw.scene)
        log_error(TAG, "%s/%s: image unavailable: %s", vw.model->id,
                  current_scene()->id, pano_scene_error(vw.scene, &result));
}

static uint64_t viewer_update(struct app *app, uint64_t now_ms)
{
    float progress;
    bool changed = vw.scene && pano_scene_update(vw.scene);
    enum pano_scene_state state = scene_state(&progress);
    int percent = (int)(progress * 100);
    bool fading = advance_fade(now_ms, state);
    uint64_t wake;

    note_failure(state);
    changed |= state != vw.shown_state || percent != vw.shown_percent;
    changed |= fading;
    vw.shown_state = state;
    vw.shown_percent = percent;
    if (state == PANO_SCENE_READY)
        changed |= viewer_motion_step(&vw.motion, now_ms);
    /* The crossfade is not loading: it runs on the app clock. */
    app->loading = state == PANO_SCENE_BAKING || state == PANO_SCENE_LOADING ||
                   (state == PANO_SCENE_READY && !pano_scene_sharp(vw.scene));
    if (changed)
        app_invalidate(app);

    wake = viewer_motion_wake_ms(&vw.motion, now_ms);
    if (fading)
        wake = now_ms + FRAME_MS;
    if (app->loading && wake > now_ms + PROGRESS_POLL_MS)
        wake = now_ms + PROGRESS_POLL_MS;
    return wake;
}

/* ---- lifecycle --------------------------------------------------------- */

static void viewer_enter(struct app *app)
{
    memset(&vw, 0, sizeof(vw));
    vw.model = app->model;
    vw.scene_index = 0;
    app->now_ms = clock_now_ms(&app->clock);
    open_scene(app);
}

static void viewer_leave(struct app *app)
{
    drop_leaving();
    pano_scene_destroy(vw.scene);
    vw.scene = NULL;
    app->loading = false;
}

const struct screen screen_viewer = {
    .name = "viewer",
    .enter = viewer_enter,
    .input = viewer_input,
    .update = viewer_update,
    .draw = viewer_draw,
    .leave = viewer_leave,
};
