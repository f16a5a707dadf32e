/*
 * pano_scene: the glue between the loader thread (pano_loader), the tile
 * textures (pano_texcache) and the mesh (pano_mesh). A draw picks the
 * level, lowering it while the view's tiles would not fit the budget,
 * draws each visible tile from its own texture or from the nearest
 * coarser one that is resident, and asks the loader for what it lacked.
 */
#include "pano_scene.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pano_loader.h"
#include "pano_mesh.h"
#include "pano_texcache.h"

enum {
    DEFAULT_BUDGET_BYTES = 32 * 1024 * 1024,
    DEFAULT_UPLOADS_PER_FRAME = 2,
    OPAQUE = 255,
    BYTES_PER_INDEX = 2,
};

#define TAG "pano_scene"

struct wanted_tile {
    struct pano_tile_id id;
    double closeness; /* cosine between its centre and the view axis */
};

struct pano_scene {
    SDL_Renderer *renderer;
    struct pano_loader *loader; /* NULL when the options were unusable */
    char *name;                 /* the source path, for messages */
    size_t budget_bytes;
    int uploads_per_frame;

    bool failed; /* on this side: options, textures, coarsest tiles */
    enum pano_result result;
    struct pano_err err;
    enum pano_scene_state logged_state;

    bool attached; /* manifest known, cache and buffers made */
    struct pano_manifest manifest;
    struct pano_texcache cache;
    bool ready;

    uint64_t frame; /* draws so far */
    struct pano_tile_id *visible;
    int visible_max;
    struct wanted_tile wanted[PANO_LOADER_REQUESTS_MAX];
    int wanted_count;
    bool requested_any; /* the loader holds a non-empty request */
    struct pano_mesh_tile mesh;
    struct pano_scene_stats stats;
};

static const char *state_name(enum pano_scene_state state)
{
    switch (state) {
    case PANO_SCENE_BAKING:
        return "baking";
    case PANO_SCENE_LOADING:
        return "loading";
    case PANO_SCENE_READY:
        return "ready";
    case PANO_SCENE_FAILED:
        return "failed";
    }
    return "?";
}

static void fail(struct pano_scene *s, enum pano_result result, const char *msg)
{
    if (s->failed)
        return;
    s->failed = true;
    s->result = result;
    snprintf(s->err.msg, sizeof(s->err.msg), "%s", msg);
}

/* ---- creation ---- */

static int min_limit(int a, int b)
{
    if (a <= 0)
        return b;
    if (b <= 0)
        return a;
    return a < b ? a : b;
}

/* The largest texture side allowed; 0 when there is no limit. */
static int texture_limit(SDL_Renderer *renderer, int forced_px)
{
    SDL_RendererInfo info;
    int limit = forced_px > 0 ? forced_px : 0;

    if (SDL_GetRendererInfo(renderer, &info) == 0) {
        limit = min_limit(limit, info.max_texture_width);
        limit = min_limit(limit, info.max_texture_height);
    }
    return limit;
}

static bool check_options(struct pano_scene *s,
                          const struct pano_scene_options *o)
{
    struct pano_err err;
    int limit;

    if (!s->renderer || !o->cache_root) {
        pano_fail(&err, PANO_E_INPUT, "%s: no renderer or cache", s->name);
        fail(s, PANO_E_INPUT, err.msg);
        return false;
    }
    if (pano_input_check(&o->input, &err) != PANO_OK) {
        fail(s, PANO_E_INPUT, err.msg);
        return false;
    }
    limit = texture_limit(s->renderer, o->max_texture_px);
    if (limit > 0 && limit < PANO_TILE_PIXELS_MAX) {
        pano_fail(&err, PANO_E_INPUT,
                  "%s: the renderer's largest texture is %d px, smaller "
                  "than a %d px tile",
                  s->name, limit, PANO_TILE_PIXELS_MAX);
        fail(s, PANO_E_INPUT, err.msg);
        return false;
    }
    return true;
}

struct pano_scene *pano_scene_create(SDL_Renderer *renderer,
                                     const struct pano_scene_options *options,
                                     struct pano_err *err)
{
    struct pano_scene *s = calloc(1, sizeof(*s));
    const char *name = pano_input_label(&options->input);

    if (!s || !(s->name = strdup(name))) {
        free(s);
        pano_fail(err, PANO_E_NOMEM, "%s: no memory for a scene", name);
        return NULL;
    }
    s->renderer = renderer;
    s->budget_bytes =
        options->budget_bytes ? options->budget_bytes : DEFAULT_BUDGET_BYTES;
    s->uploads_per_frame = options->uploads_per_frame > 0
                               ? options->uploads_per_frame
                               : DEFAULT_UPLOADS_PER_FRAME;
    s->logged_state = PANO_SCENE_LOADING;
    if (!check_options(s, options))
        return s;

    struct pano_loader_options lo = {options->input, options->cache_root,
                                     options->wake_event};
    s->loader = pano_loader_create(&lo, err);
    if (!s->loader) {
        free(s->name);
        free(s);
        return NULL;
    }
    return s;
}

void pano_scene_destroy(struct pano_scene *s)
{
    if (!s)
        return;
    pano_loader_destroy(s->loader);
    pano_texcache_finish(&s->cache);
    free(s->visible);
    free(s->mesh.vertices);
    free(s->mesh.indices);
    free(s->name);
    free(s);
}

/* ---- state ---- */

enum pano_scene_state pano_scene_state(const struct pano_scene *s,
                                       float *progress)
{
    enum pano_loader_state ls = PANO_LOADER_FAILED;
    float p = 0;

    if (s->loader)
        ls = pano_loader_state(s->loader, &p);
    if (progress)
        *progress = p;
    if (s->failed || ls == PANO_LOADER_FAILED)
        return PANO_SCENE_FAILED;
    if (s->ready)
        return PANO_SCENE_READY;
    return ls == PANO_LOADER_BAKING ? PANO_SCENE_BAKING : PANO_SCENE_LOADING;
}

const char *pano_scene_error(const struct pano_scene *s,
                             enum pano_result *result)
{
    if (s->failed) {
        if (result)
            *result = s->result;
        return s->err.msg;
    }
    if (s->loader)
        return pano_loader_error(s->loader, result);
    if (result)
        *result = PANO_OK;
    return "";
}

/* Logs a change of state; true when there was one. */
static bool note_state(struct pano_scene *s)
{
    enum pano_scene_state state = pano_scene_state(s, NULL);
    enum pano_scene_state was = s->logged_state;

    if (state == was)
        return false;
    s->logged_state = state;
    if (state == PANO_SCENE_FAILED)
        SDL_LogError(SDL_LOG_CATEGORY_APPLICATION, "%s: %s -> failed: %s", TAG,
                     state_name(was), pano_scene_error(s, NULL));
    else
        SDL_LogInfo(SDL_LOG_CATEGORY_APPLICATION, "%s: %s: %s -> %s", TAG,
                    s->name, state_name(was), state_name(state));
    return true;
}

/* ---- uploads ---- */

static bool attach(struct pano_scene *s)
{
    struct pano_err err = {""};
    const struct pano_level_info *top;

    if (!pano_loader_manifest(s->loader, &s->manifest))
        return false;
    top = &s->manifest.levels[0];
    s->visible_max =
        top->tiles_per_side * top->tiles_per_side * PANO_FACE_COUNT;
    s->visible = calloc((size_t)s->visible_max, sizeof(s->visible[0]));
    s->mesh.vertices =
        malloc(PANO_MESH_TILE_VERTICES_MAX * sizeof(struct pano_mesh_vertex));
    s->mesh.indices = malloc(PANO_MESH_TILE_INDICES_MAX * sizeof(uint16_t));
    if (!s->visible || !s->mesh.vertices || !s->mesh.indices) {
        pano_fail(&err, PANO_E_NOMEM, "%s: no memory for the mesh", s->name);
        fail(s, PANO_E_NOMEM, err.msg);
        return false;
    }
    if (pano_texcache_init(&s->cache, s->renderer, &s->manifest,
                           s->budget_bytes, &err) != PANO_OK) {
        fail(s, PANO_E_NOMEM, err.msg);
        return false;
    }
    s->attached = true;
    return true;
}

static void tile_failed(struct pano_scene *s, struct pano_tile_id id,
                        enum pano_result result, const char *msg)
{
    pano_texcache_entry(&s->cache, id)->failed = true;
    if (pano_texcache_pinned(&s->cache, id)) {
        fail(s, result, msg);
        return;
    }
    /* Each tile fails once: it is never asked for again. */
    SDL_LogWarn(SDL_LOG_CATEGORY_APPLICATION,
                "%s: %s; showing the coarser level there", TAG, msg);
}

/* True when a texture was made. */
static bool accept(struct pano_scene *s, const struct pano_loaded_tile *t)
{
    struct pano_err err = {""};

    if (t->result != PANO_OK) {
        tile_failed(s, t->id, t->result, t->error);
        return false;
    }
    switch (pano_texcache_upload(&s->cache, t->id, t->rgba, t->width, t->height,
                                 s->frame, &err)) {
    case PANO_UPLOAD_DONE:
        return true;
    case PANO_UPLOAD_NO_ROOM:
        return false;
    case PANO_UPLOAD_ERROR:
        break;
    }
    tile_failed(s, t->id, PANO_E_NOMEM, err.msg);
    return false;
}

bool pano_scene_update(struct pano_scene *s)
{
    struct pano_loaded_tile t;
    bool changed = false;
    int uploads = 0, takes = 0;

    if (!s || s->failed || !s->loader)
        return false;
    pano_loader_rearm_wake(s->loader);
    if (!s->attached && !attach(s))
        return note_state(s);

    /* Failed tiles cost no upload; the slot count bounds the loop. */
    while (uploads < s->uploads_per_frame &&
           takes < s->uploads_per_frame + PANO_LOADER_SLOTS && !s->failed &&
           pano_loader_take(s->loader, &t)) {
        takes++;
        if (accept(s, &t)) {
            uploads++;
            changed = true;
        }
        pano_loader_release(s->loader, &t);
    }
    if (!s->ready && !s->failed && pano_texcache_coarsest_ready(&s->cache))
        s->ready = true;
    return note_state(s) || changed;
}

/* ---- drawing ---- */

struct draw {
    struct pano_scene *s;
    struct pano_mesh_view mv;
    struct pano_mesh_plan plan; /* per-tile grids; refers to mv */
    int level;
    float offset_x, offset_y;
    SDL_Color color;
    SDL_BlendMode blend;
    Uint64 sdl_ticks; /* spent inside SDL, not counted as ours */
};

static size_t tiles_bytes(const struct pano_manifest *m,
                          const struct pano_tile_id *ids, int count)
{
    size_t bytes = 0;

    for (int i = 0; i < count; i++) {
        int w, h;

        pano_mesh_texture_size(m, ids[i], &w, &h);
        bytes += (size_t)w * (size_t)h * PANO_RGBA_BYTES;
    }
    return bytes;
}

/* The density-matched level, or a coarser one if its tiles in view would
 * not fit the budget. Fills s->visible. */
static int choose_level(struct pano_scene *s, const struct pano_mesh_view *mv,
                        int *count)
{
    const struct pano_manifest *m = &s->manifest;
    int level = pano_mesh_pick_level(m, mv->view.focal_px);

    for (;; level++) {
        *count =
            pano_mesh_visible_tiles(mv, m, level, s->visible, s->visible_max);
        if (level == m->level_count - 1 ||
            tiles_bytes(m, s->visible, *count) <= s->budget_bytes)
            return level;
    }
}

static double closeness(const struct draw *d, struct pano_tile_id id)
{
    const struct pano_manifest *m = &d->s->manifest;
    struct pano_rect r = pano_manifest_tile_rect(m, id.level, id.row, id.col);
    double f = m->levels[id.level].face_size;
    struct pano_vec3 centre = pano_face_dir(id.face, (2 * r.x + r.w) / f - 1,
                                            (2 * r.y + r.h) / f - 1);

    return pano_vec3_dot(pano_vec3_normalize(centre), d->mv.view.forward);
}

static bool wanted_already(const struct pano_scene *s, struct pano_tile_id id)
{
    for (int i = 0; i < s->wanted_count; i++) {
        struct pano_tile_id w = s->wanted[i].id;

        if (w.level == id.level && w.face == id.face && w.row == id.row &&
            w.col == id.col)
            return true;
    }
    return false;
}

static void want(struct draw *d, struct pano_tile_id id)
{
    struct pano_scene *s = d->s;

    if (!wanted_already(s, id) && s->wanted_count < PANO_LOADER_REQUESTS_MAX)
        s->wanted[s->wanted_count++] =
            (struct wanted_tile){id, closeness(d, id)};
}

/* The tile itself if resident, else the nearest coarser one that is. */
static struct pano_tile_id texture_source(struct pano_scene *s,
                                          struct pano_tile_id id)
{
    int coarsest = s->manifest.level_count - 1;

    for (int level = id.level; level < coarsest; level++) {
        struct pano_tile_id a = pano_mesh_ancestor(&s->manifest, id, level);

        if (pano_texcache_entry(&s->cache, a)->texture)
            return a;
    }
    return pano_mesh_ancestor(&s->manifest, id, coarsest);
}

static void submit(struct draw *d, SDL_Texture *texture)
{
    const struct pano_mesh_tile *mesh = &d->s->mesh;
    const struct pano_mesh_vertex *v = mesh->vertices;
    Uint64 start = SDL_GetPerformanceCounter();

    SDL_SetTextureBlendMode(texture, d->blend);
    SDL_RenderGeometryRaw(d->s->renderer, texture, &v->x, sizeof(*v), &d->color,
                          0, &v->u, sizeof(*v), mesh->vertex_count,
                          mesh->indices, mesh->index_count, BYTES_PER_INDEX);
    d->sdl_ticks += SDL_GetPerformanceCounter() - start;
}

static void draw_tile(struct draw *d, struct pano_tile_id id)
{
    struct pano_scene *s = d->s;
    struct pano_texcache_entry *e = pano_texcache_entry(&s->cache, id);
    struct pano_tile_id src = texture_source(s, id);
    struct pano_texcache_entry *se = pano_texcache_entry(&s->cache, src);

    e->protect_frame = s->frame;
    se->last_used = s->frame;
    if (!e->texture && e->failed)
        s->stats.tiles_failed++;
    else if (!e->texture) {
        s->stats.tiles_missing++;
        want(d, id);
    }

    if (!se->texture)
        return;
    int quads = pano_mesh_plan_quads(&d->plan, id), edges[PANO_MESH_SIDES];

    pano_mesh_plan_edges(&d->plan, id, edges);
    if (pano_mesh_build_tile(&d->mv, &s->manifest, id, quads, edges, src,
                             d->offset_x, d->offset_y, &s->mesh) == 0)
        return;
    submit(d, se->texture);
    s->stats.tiles_drawn++;
    s->stats.vertices_drawn += s->mesh.vertex_count;
}

/* Asks for the coarser level's parents of missing tiles too (they cover
 * four times the area per decode), when they fit the budget with the
 * view's own tiles. */
static void want_parents(struct draw *d, int visible_count)
{
    struct pano_scene *s = d->s;
    const struct pano_manifest *m = &s->manifest;
    int missing = s->wanted_count;
    size_t bytes = tiles_bytes(m, s->visible, visible_count);

    if (d->level + 1 >= m->level_count - 1)
        return;
    for (int i = 0; i < missing; i++) {
        struct pano_tile_id p =
            pano_mesh_ancestor(m, s->wanted[i].id, d->level + 1);
        struct pano_texcache_entry *e = pano_texcache_entry(&s->cache, p);

        if (e->texture || e->failed || wanted_already(s, p))
            continue;
        bytes += tiles_bytes(m, &p, 1);
        if (bytes > s->budget_bytes)
            return;
        want(d, p);
    }
}

static int compare_wanted(const void *pa, const void *pb)
{
    const struct wanted_tile *a = pa, *b = pb;

    if (a->id.level != b->id.level)
        return b->id.level - a->id.level; /* coarser first */
    return (a->closeness < b->closeness) - (a->closeness > b->closeness);
}

/* Sent every draw, even when unchanged: the loader skips what it has in
 * hand, and a tile it dropped is asked for again. */
static void send_requests(struct pano_scene *s)
{
    struct pano_tile_id ids[PANO_LOADER_REQUESTS_MAX];
    int n = s->wanted_count;

    if (n == 0 && !s->requested_any)
        return;
    qsort(s->wanted, (size_t)n, sizeof(s->wanted[0]), compare_wanted);
    for (int i = 0; i < n; i++)
        ids[i] = s->wanted[i].id;
    pano_loader_request(s->loader, ids, n);
    s->requested_any = n > 0;
}

static void set_clip(SDL_Renderer *r, const SDL_Rect *rect, SDL_Rect *saved,
                     bool *had)
{
    SDL_Rect clip = *rect;

    *had = SDL_RenderIsClipEnabled(r);
    SDL_RenderGetClipRect(r, saved);
    if (*had && !SDL_IntersectRect(saved, rect, &clip))
        clip = (SDL_Rect){rect->x, rect->y, 0, 0};
    SDL_RenderSetClipRect(r, &clip);
}

static void start_frame(struct pano_scene *s, struct draw *d,
                        const struct pano_camera *camera, const SDL_Rect *rect,
                        uint8_t alpha)
{
    struct pano_camera cam = *camera;

    cam.width_px = rect->w;
    cam.height_px = rect->h;
    s->frame++;
    s->wanted_count = 0;
    s->stats.tiles_drawn = 0;
    s->stats.tiles_missing = 0;
    s->stats.tiles_failed = 0;
    s->stats.vertices_drawn = 0;
    *d = (struct draw){
        .s = s,
        .offset_x = (float)rect->x,
        .offset_y = (float)rect->y,
        .color = {OPAQUE, OPAQUE, OPAQUE, alpha},
        .blend = alpha == OPAQUE ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND,
    };
    pano_mesh_view_init(&d->mv, &cam);
}

void pano_scene_draw(struct pano_scene *s, const struct pano_camera *camera,
                     const SDL_Rect *rect, uint8_t alpha)
{
    Uint64 start = SDL_GetPerformanceCounter(), clip_start;
    double ms_per_tick = 1000.0 / (double)SDL_GetPerformanceFrequency();
    struct draw d;
    SDL_Rect saved;
    bool had_clip;
    int count;

    if (!s || !s->ready || s->failed || rect->w <= 0 || rect->h <= 0 ||
        alpha == 0)
        return;
    start_frame(s, &d, camera, rect, alpha);
    d.level = choose_level(s, &d.mv, &count);
    pano_mesh_plan_init(&d.plan, &d.mv, &s->manifest, d.level);

    clip_start = SDL_GetPerformanceCounter();
    set_clip(s->renderer, rect, &saved, &had_clip);
    d.sdl_ticks += SDL_GetPerformanceCounter() - clip_start;
    for (int i = 0; i < count; i++)
        draw_tile(&d, s->visible[i]);
    clip_start = SDL_GetPerformanceCounter();
    SDL_RenderSetClipRect(s->renderer, had_clip ? &saved : NULL);
    d.sdl_ticks += SDL_GetPerformanceCounter() - clip_start;

    want_parents(&d, count);
    send_requests(s);

    Uint64 total = SDL_GetPerformanceCounter() - start;
    s->stats.level = d.level;
    s->stats.draw_ms = (double)total * ms_per_tick;
    s->stats.mesh_ms = (double)(total - d.sdl_ticks) * ms_per_tick;
}

bool pano_scene_sharp(const struct pano_scene *s)
{
    return s->ready && !s->failed && s->frame > 0 &&
           s->stats.tiles_missing == 0;
}

void pano_scene_get_stats(const struct pano_scene *s,
                          struct pano_scene_stats *stats)
{
    *stats = s->stats;
    stats->tiles_resident = s->cache.resident;
    stats->bytes_resident = pano_texcache_bytes(&s->cache);
    stats->uploads_total = s->cache.uploads;
}
