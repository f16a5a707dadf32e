/*
 * pano_texcache: the tile textures of one scene and the memory budget
 * they are kept under.
 *
 * One entry per tile of the bake (every level), holding its texture once
 * uploaded: SDL_TEXTUREACCESS_STATIC, SDL_PIXELFORMAT_ABGR8888 (RGBA
 * bytes), linear filtering. A texture costs width * height * 4 bytes.
 * The coarsest level is pinned: never evicted and not counted against the
 * budget. Every other texture counts, and uploading one beyond the budget
 * first evicts the least recently used entries (last_used, the frame that
 * last drew from it, itself or as a coarser stand-in) that are not
 * protected: an entry whose protect_frame is the current frame (the
 * scene marks the tiles its last draw wanted at its level) is never
 * evicted, so uploads cannot undo each other. When only protected
 * entries remain, the upload is refused. An evicted texture of the same
 * size is reused for the new tile rather than destroyed and recreated.
 *
 * Main thread only (it calls SDL's renderer).
 */
#ifndef VITRINE_PANO_TEXCACHE_H
#define VITRINE_PANO_TEXCACHE_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pano_error.h"
#include "pano_manifest.h"
#include "pano_tile.h"

struct pano_texcache_entry {
    SDL_Texture *texture; /* NULL until uploaded */
    int width, height;
    uint64_t last_used;
    uint64_t protect_frame;
    bool failed; /* its file cannot be loaded; never asked for again */
};

struct pano_texcache {
    SDL_Renderer *renderer;
    struct pano_manifest manifest;
    struct pano_texcache_entry *entries;
    int count;
    int level_first[PANO_LEVELS_MAX]; /* index of each level's first tile */
    size_t budget_bytes;
    size_t bytes_pinned, bytes_budgeted;
    int resident;
    int uploads;
};

enum pano_upload {
    PANO_UPLOAD_DONE,
    PANO_UPLOAD_NO_ROOM, /* only protected textures could have made room */
    PANO_UPLOAD_ERROR,   /* SDL failed; err says how */
};

enum pano_result pano_texcache_init(struct pano_texcache *c,
                                    SDL_Renderer *renderer,
                                    const struct pano_manifest *m,
                                    size_t budget_bytes, struct pano_err *err);

/* Destroys every texture; safe on a zeroed or finished cache. */
void pano_texcache_finish(struct pano_texcache *c);

struct pano_texcache_entry *pano_texcache_entry(struct pano_texcache *c,
                                                struct pano_tile_id id);

bool pano_texcache_pinned(const struct pano_texcache *c,
                          struct pano_tile_id id);

/*
 * Makes id's texture from width x height RGBA pixels (rows packed),
 * evicting as above; `frame` is the scene's current frame. The new entry
 * counts as used in that frame. Uploading a resident tile does nothing.
 */
enum pano_upload pano_texcache_upload(struct pano_texcache *c,
                                      struct pano_tile_id id,
                                      const uint8_t *rgba, int width,
                                      int height, uint64_t frame,
                                      struct pano_err *err);

/* Whether every tile of the coarsest level is uploaded. */
bool pano_texcache_coarsest_ready(struct pano_texcache *c);

size_t pano_texcache_bytes(const struct pano_texcache *c);

#endif
