/*
 * pano_loader: the loader thread of one scene, and the two queues between
 * it and the main thread.
 *
 * The first thread finds or makes the bake (pano_bake_cached, reporting
 * progress, stopped by the cancel flag) and loads its manifest; then all
 * PANO_LOADER_THREADS threads (one as built) decode tiles: first the six of the
 * coarsest level, then whatever the main thread asked for last. A request
 * replaces the previous one, so tiles the view has moved away from are never
 * decoded; the main thread orders it (coarser levels first, then nearest
 * the view's centre). Each tile is decoded into its thread's own RGB
 * buffer and widened to RGBA (bytes R, G, B, A: SDL_PIXELFORMAT_ABGR8888,
 * what GLES2 takes without conversion) into one of PANO_LOADER_SLOTS
 * finished slots; when all are full the threads wait for the main thread
 * to take one. Memory therefore stays at one RGB tile per thread plus the
 * slots, whatever the bake's size. One thread is enough: a tile decodes in
 * under a millisecond here, while the main thread uploads only a few per
 * frame. The threads run at low priority, so frames come first.
 *
 * After finishing a tile or changing state the thread pushes one SDL
 * event of type wake_event (unless 0), and no other until the main thread
 * calls pano_loader_rearm_wake, so a busy loader never floods the queue.
 *
 * Thread rules: every function is for the main thread; the state behind
 * them is protected by the loader's mutex. A slot taken with
 * pano_loader_take belongs to the main thread until pano_loader_release.
 */
#ifndef VITRINE_PANO_LOADER_H
#define VITRINE_PANO_LOADER_H

#include <stdbool.h>
#include <stdint.h>

#include "pano_error.h"
#include "pano_input.h"
#include "pano_manifest.h"
#include "pano_tile.h"

enum {
    PANO_LOADER_THREADS = 1,
    PANO_LOADER_SLOTS = 4,
    PANO_LOADER_REQUESTS_MAX = 128,
    PANO_RGBA_BYTES = 4,
};

enum pano_loader_state {
    PANO_LOADER_PREPARING, /* hashing the source, checking the cache */
    PANO_LOADER_BAKING,    /* a bake is being made (progress < 1) */
    PANO_LOADER_SERVING,   /* the manifest is loaded; decoding tiles */
    PANO_LOADER_FAILED,    /* see pano_loader_error; the thread has ended */
};

struct pano_loader_options {
    struct pano_input input; /* copied */
    const char *cache_root;
    uint32_t wake_event; /* 0: push nothing */
};

/* A finished tile, owned by the main thread between take and release. */
struct pano_loaded_tile {
    struct pano_tile_id id;
    enum pano_result result;
    const char *error;   /* when result is not PANO_OK */
    const uint8_t *rgba; /* width * height * 4 bytes, rows packed */
    int width, height;
    int slot;
};

struct pano_loader;

/* Copies the options and starts the threads; NULL (err says why) when
 * out of memory or a thread cannot start. */
struct pano_loader *pano_loader_create(const struct pano_loader_options *o,
                                       struct pano_err *err);

/* Cancels a bake in progress, stops and joins the threads. NULL is a
 * no-op. */
void pano_loader_destroy(struct pano_loader *loader);

enum pano_loader_state pano_loader_state(struct pano_loader *loader,
                                         float *progress);

/* The failure's text and result (only meaningful once FAILED). */
const char *pano_loader_error(struct pano_loader *loader,
                              enum pano_result *result);

/* The bake's manifest and folder, once SERVING; false before. */
bool pano_loader_manifest(struct pano_loader *loader, struct pano_manifest *m);

/* Replaces the wanted tiles (at most PANO_LOADER_REQUESTS_MAX, in the
 * order to decode them). Tiles being decoded or finished are skipped. */
void pano_loader_request(struct pano_loader *loader,
                         const struct pano_tile_id *ids, int count);

/* The oldest finished tile, if any. */
bool pano_loader_take(struct pano_loader *loader, struct pano_loaded_tile *out);
void pano_loader_release(struct pano_loader *loader,
                         const struct pano_loaded_tile *tile);

/* Allows the next wake event; call before taking tiles. */
void pano_loader_rearm_wake(struct pano_loader *loader);

#endif
