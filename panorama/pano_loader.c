#include "pano_loader.h"

#include <SDL.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "pano_bake.h"
#include "pano_cache.h"

/* Progress steps smaller than this do not wake the main thread. */
static const double WAKE_PROGRESS_STEP = 0.01;

enum slot_state {
    SLOT_FREE,
    SLOT_FILLING, /* a worker is decoding into it */
    SLOT_FINISHED,
    SLOT_TAKEN, /* the main thread is uploading from it */
};

struct slot {
    enum slot_state state;
    uint64_t order; /* finishing order, for taking the oldest */
    struct pano_tile_id id;
    enum pano_result result;
    struct pano_err err;
    uint8_t *rgba;
    int width, height;
};

struct pano_loader;

/* One decoding thread and its own RGB buffer. */
struct worker {
    struct pano_loader *ld;
    SDL_Thread *thread;
    struct pano_tile tile;
};

struct pano_loader {
    struct worker workers[PANO_LOADER_THREADS];
    SDL_mutex *lock;
    SDL_cond *cond; /* work or a free slot appeared, or quit */
    atomic_bool cancel;
    atomic_bool wake_pending;
    uint32_t wake_event;
    struct pano_input_store input;
    char *cache_root;

    /* The first worker only (it prepares). */
    double woken_progress;

    /* Protected by lock. */
    bool quit;
    enum pano_loader_state state;
    float progress;
    enum pano_result result;
    struct pano_err err;
    char bake_dir[PATH_MAX];
    struct pano_manifest manifest;              /* read-only once SERVING */
    struct pano_tile_id first[PANO_FACE_COUNT]; /* the coarsest level */
    int first_count;
    struct pano_tile_id pending[PANO_LOADER_REQUESTS_MAX];
    int pending_head, pending_count;
    struct slot slots[PANO_LOADER_SLOTS];
    uint64_t finished_count;
};

static bool same_tile(struct pano_tile_id a, struct pano_tile_id b)
{
    return a.level == b.level && a.face == b.face && a.row == b.row &&
           a.col == b.col;
}

static void wake(struct pano_loader *ld)
{
    SDL_Event event = {0};

    if (!ld->wake_event || atomic_exchange(&ld->wake_pending, true))
        return;
    event.type = ld->wake_event;
    SDL_PushEvent(&event);
}

/* ---- preparing: the bake and its manifest ---- */

static void on_progress(void *user, double fraction)
{
    struct pano_loader *ld = user;
    bool started;

    SDL_LockMutex(ld->lock);
    started = fraction < 1 && ld->state == PANO_LOADER_PREPARING;
    if (started)
        ld->state = PANO_LOADER_BAKING;
    ld->progress = (float)fraction;
    SDL_UnlockMutex(ld->lock);

    if (started || fraction - ld->woken_progress >= WAKE_PROGRESS_STEP) {
        ld->woken_progress = fraction;
        wake(ld);
    }
}

static void queue_coarsest(struct pano_loader *ld)
{
    int level = ld->manifest.level_count - 1;

    /* The coarsest level is a single tile per face (at most 512 px). */
    for (int f = 0; f < PANO_FACE_COUNT; f++)
        ld->first[f] = (struct pano_tile_id){level, f, 0, 0};
    ld->first_count = PANO_FACE_COUNT;
}

static bool alloc_slots(struct pano_loader *ld)
{
    for (int i = 0; i < PANO_LOADER_SLOTS; i++) {
        ld->slots[i].rgba = malloc((size_t)PANO_TILE_PIXELS_MAX *
                                   PANO_TILE_PIXELS_MAX * PANO_RGBA_BYTES);
        if (!ld->slots[i].rgba)
            return false;
    }
    return true;
}

/* Under lock: the end of preparing, one way or the other. */
static void publish(struct pano_loader *ld, enum pano_result r,
                    const struct pano_err *err, const char *bake_dir,
                    const struct pano_manifest *m)
{
    if (r == PANO_OK) {
        snprintf(ld->bake_dir, sizeof(ld->bake_dir), "%s", bake_dir);
        ld->manifest = *m;
        ld->progress = 1;
        ld->state = PANO_LOADER_SERVING;
        queue_coarsest(ld);
    } else if (r != PANO_E_CANCELLED) {
        ld->result = r;
        ld->err = *err;
        ld->state = PANO_LOADER_FAILED;
    }
    SDL_CondBroadcast(ld->cond);
}

/* The bake, its manifest and the slots; the other workers wait. */
static void prepare(struct pano_loader *ld)
{
    struct pano_bake_options options = {
        .progress = on_progress,
        .user = ld,
        .cancel = &ld->cancel,
    };
    char bake_dir[PATH_MAX];
    struct pano_manifest m;
    struct pano_err err = {""};
    enum pano_result r =
        pano_bake_cached_input(ld->cache_root, &ld->input.input, &options,
                               bake_dir, sizeof(bake_dir), NULL, &err);

    if (r == PANO_OK)
        r = pano_manifest_load(bake_dir, &m, &err);
    if (r == PANO_OK && !alloc_slots(ld))
        r = pano_fail(&err, PANO_E_NOMEM, "%s: no memory for tiles",
                      pano_input_label(&ld->input.input));

    SDL_LockMutex(ld->lock);
    publish(ld, r, &err, bake_dir, &m);
    SDL_UnlockMutex(ld->lock);
    wake(ld);
}

/* ---- serving tiles ---- */

static int free_slot(const struct pano_loader *ld)
{
    for (int i = 0; i < PANO_LOADER_SLOTS; i++) {
        if (ld->slots[i].state == SLOT_FREE)
            return i;
    }
    return -1;
}

static bool has_work(const struct pano_loader *ld)
{
    return ld->state == PANO_LOADER_SERVING &&
           (ld->first_count > 0 || ld->pending_count > ld->pending_head);
}

static struct pano_tile_id next_tile(struct pano_loader *ld)
{
    if (ld->first_count > 0) {
        struct pano_tile_id id = ld->first[0];

        ld->first_count--;
        memmove(ld->first, ld->first + 1,
                (size_t)ld->first_count * sizeof(ld->first[0]));
        return id;
    }
    return ld->pending[ld->pending_head++];
}

/* Under lock: waits for work and a free slot; -1 when told to quit or
 * when preparing failed. */
static int wait_for_work(struct pano_loader *ld, struct pano_tile_id *id)
{
    int slot = -1;

    for (;;) {
        if (ld->quit || ld->state == PANO_LOADER_FAILED)
            return -1;
        if (has_work(ld) && (slot = free_slot(ld)) >= 0)
            break;
        SDL_CondWait(ld->cond, ld->lock);
    }
    *id = next_tile(ld);
    ld->slots[slot].state = SLOT_FILLING;
    ld->slots[slot].id = *id;
    return slot;
}

static void widen_to_rgba(const struct pano_tile *tile, uint8_t *rgba)
{
    size_t n = (size_t)tile->width * (size_t)tile->height;
    const uint8_t *src = tile->rgb;

    for (size_t i = 0; i < n; i++) {
        rgba[0] = src[0];
        rgba[1] = src[1];
        rgba[2] = src[2];
        rgba[3] = UINT8_MAX;
        rgba += PANO_RGBA_BYTES;
        src += 3;
    }
}

/* Outside the lock: the slot is the worker's while FILLING, and the bake
 * folder and manifest no longer change once SERVING. */
static void decode(struct worker *w, struct slot *s)
{
    struct pano_loader *ld = w->ld;

    s->err.msg[0] = '\0';
    s->result =
        pano_tile_load(ld->bake_dir, &ld->manifest, s->id, &w->tile, &s->err);
    if (s->result != PANO_OK)
        return;
    s->width = w->tile.width;
    s->height = w->tile.height;
    widen_to_rgba(&w->tile, s->rgba);
}

static void serve(struct worker *w)
{
    struct pano_loader *ld = w->ld;
    struct pano_tile_id id;
    int slot;

    for (;;) {
        SDL_LockMutex(ld->lock);
        slot = wait_for_work(ld, &id);
        SDL_UnlockMutex(ld->lock);
        if (slot < 0)
            return;

        decode(w, &ld->slots[slot]);

        SDL_LockMutex(ld->lock);
        ld->slots[slot].state = SLOT_FINISHED;
        ld->slots[slot].order = ld->finished_count++;
        SDL_UnlockMutex(ld->lock);
        wake(ld);
    }
}

static void fail_nomem(struct pano_loader *ld)
{
    SDL_LockMutex(ld->lock);
    if (ld->state != PANO_LOADER_FAILED) {
        ld->result =
            pano_fail(&ld->err, PANO_E_NOMEM, "%s: no memory for a tile buffer",
                      pano_input_label(&ld->input.input));
        ld->state = PANO_LOADER_FAILED;
        SDL_CondBroadcast(ld->cond);
    }
    SDL_UnlockMutex(ld->lock);
    wake(ld);
}

static int worker_main(void *data)
{
    struct worker *w = data;

    /* Frames come first: on two cores a bake or a burst of decoding would
     * otherwise take the time the main thread and the GL driver need. */
    SDL_SetThreadPriority(SDL_THREAD_PRIORITY_LOW);
    w->tile.rgb = malloc(PANO_TILE_BYTES_MAX);
    w->tile.capacity = PANO_TILE_BYTES_MAX;
    if (!w->tile.rgb) {
        fail_nomem(w->ld);
        return 0;
    }
    if (w == &w->ld->workers[0])
        prepare(w->ld);
    serve(w);
    return 0;
}

/* ---- the main thread's side ---- */

static void free_loader(struct pano_loader *ld)
{
    if (ld->cond)
        SDL_DestroyCond(ld->cond);
    if (ld->lock)
        SDL_DestroyMutex(ld->lock);
    for (int i = 0; i < PANO_LOADER_SLOTS; i++)
        free(ld->slots[i].rgba);
    for (int i = 0; i < PANO_LOADER_THREADS; i++)
        free(ld->workers[i].tile.rgb);
    pano_input_store_finish(&ld->input);
    free(ld->cache_root);
    free(ld);
}

struct pano_loader *pano_loader_create(const struct pano_loader_options *o,
                                       struct pano_err *err)
{
    struct pano_loader *ld = calloc(1, sizeof(*ld));

    if (!ld) {
        pano_fail(err, PANO_E_NOMEM, "no memory for a loader");
        return NULL;
    }
    atomic_init(&ld->cancel, false);
    atomic_init(&ld->wake_pending, false);
    ld->wake_event = o->wake_event;
    bool copied = pano_input_store_init(&ld->input, &o->input);
    ld->cache_root = strdup(o->cache_root);
    ld->lock = SDL_CreateMutex();
    ld->cond = SDL_CreateCond();
    if (!copied || !ld->cache_root || !ld->lock || !ld->cond) {
        pano_fail(err, PANO_E_NOMEM, "%s: no memory for a loader",
                  pano_input_label(&o->input));
        free_loader(ld);
        return NULL;
    }

    for (int i = 0; i < PANO_LOADER_THREADS; i++) {
        struct worker *w = &ld->workers[i];

        w->ld = ld;
        w->thread = SDL_CreateThread(worker_main, "pano-loader", w);
        if (!w->thread) {
            pano_fail(err, PANO_E_NOMEM, "%s: cannot start the loader: %s",
                      pano_input_label(&o->input), SDL_GetError());
            pano_loader_destroy(ld);
            return NULL;
        }
    }
    return ld;
}

void pano_loader_destroy(struct pano_loader *ld)
{
    if (!ld)
        return;
    atomic_store(&ld->cancel, true);
    SDL_LockMutex(ld->lock);
    ld->quit = true;
    SDL_CondBroadcast(ld->cond);
    SDL_UnlockMutex(ld->lock);
    for (int i = 0; i < PANO_LOADER_THREADS; i++) {
        if (ld->workers[i].thread)
            SDL_WaitThread(ld->workers[i].thread, NULL);
    }
    free_loader(ld);
}

enum pano_loader_state pano_loader_state(struct pano_loader *ld,
                                         float *progress)
{
    enum pano_loader_state state;

    SDL_LockMutex(ld->lock);
    state = ld->state;
    if (progress)
        *progress = ld->progress;
    SDL_UnlockMutex(ld->lock);
    return state;
}

const char *pano_loader_error(struct pano_loader *ld, enum pano_result *result)
{
    const char *msg = "";

    SDL_LockMutex(ld->lock);
    if (ld->state == PANO_LOADER_FAILED) {
        /* Written once before FAILED, never again. */
        msg = ld->err.msg;
        if (result)
            *result = ld->result;
    } else if (result) {
        *result = PANO_OK;
    }
    SDL_UnlockMutex(ld->lock);
    return msg;
}

bool pano_loader_manifest(struct pano_loader *ld, struct pano_manifest *m)
{
    bool ready;

    SDL_LockMutex(ld->lock);
    ready = ld->state == PANO_LOADER_SERVING;
    if (ready)
        *m = ld->manifest;
    SDL_UnlockMutex(ld->lock);
    return ready;
}

/* Under lock: whether the thread already has id in hand. */
static bool in_hand(const struct pano_loader *ld, struct pano_tile_id id)
{
    for (int i = 0; i < PANO_LOADER_SLOTS; i++) {
        if (ld->slots[i].state != SLOT_FREE && same_tile(ld->slots[i].id, id))
            return true;
    }
    for (int i = 0; i < ld->first_count; i++) {
        if (same_tile(ld->first[i], id))
            return true;
    }
    return false;
}

void pano_loader_request(struct pano_loader *ld, const struct pano_tile_id *ids,
                         int count)
{
    if (count > PANO_LOADER_REQUESTS_MAX)
        count = PANO_LOADER_REQUESTS_MAX;

    SDL_LockMutex(ld->lock);
    ld->pending_head = 0;
    ld->pending_count = 0;
    for (int i = 0; i < count; i++) {
        if (!in_hand(ld, ids[i]))
            ld->pending[ld->pending_count++] = ids[i];
    }
    if (ld->pending_count > 0)
        SDL_CondBroadcast(ld->cond); /* every worker may take one */
    SDL_UnlockMutex(ld->lock);
}

bool pano_loader_take(struct pano_loader *ld, struct pano_loaded_tile *out)
{
    struct slot *oldest = NULL;

    SDL_LockMutex(ld->lock);
    for (int i = 0; i < PANO_LOADER_SLOTS; i++) {
        struct slot *s = &ld->slots[i];

        if (s->state == SLOT_FINISHED && (!oldest || s->order < oldest->order))
            oldest = s;
    }
    if (oldest)
        oldest->state = SLOT_TAKEN;
    SDL_UnlockMutex(ld->lock);

    if (!oldest)
        return false;
    *out = (struct pano_loaded_tile){
        .id = oldest->id,
        .result = oldest->result,
        .error = oldest->err.msg,
        .rgba = oldest->rgba,
        .width = oldest->width,
        .height = oldest->height,
        .slot = (int)(oldest - ld->slots),
    };
    return true;
}

void pano_loader_release(struct pano_loader *ld,
                         const struct pano_loaded_tile *tile)
{
    SDL_LockMutex(ld->lock);
    ld->slots[tile->slot].state = SLOT_FREE;
    SDL_CondSignal(ld->cond);
    SDL_UnlockMutex(ld->lock);
}

void pano_loader_rearm_wake(struct pano_loader *ld)
{
    atomic_store(&ld->wake_pending, false);
}
