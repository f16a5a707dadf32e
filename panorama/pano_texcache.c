#include "pano_texcache.h"

#include <stdlib.h>

#include "pano_loader.h"

enum pano_result pano_texcache_init(struct pano_texcache *c,
                                    SDL_Renderer *renderer,
                                    const struct pano_manifest *m,
                                    size_t budget_bytes, struct pano_err *err)
{
    int count = 0;

    *c = (struct pano_texcache){
        .renderer = renderer,
        .manifest = *m,
        .budget_bytes = budget_bytes,
    };
    for (int level = 0; level < m->level_count; level++) {
        int n = m->levels[level].tiles_per_side;

        c->level_first[level] = count;
        count += n * n * PANO_FACE_COUNT;
    }
    c->entries = calloc((size_t)count, sizeof(c->entries[0]));
    if (!c->entries)
        return pano_fail(err, PANO_E_NOMEM, "no memory for %d tile entries",
                         count);
    c->count = count;
    return PANO_OK;
}

void pano_texcache_finish(struct pano_texcache *c)
{
    for (int i = 0; i < c->count; i++) {
        if (c->entries[i].texture)
            SDL_DestroyTexture(c->entries[i].texture);
    }
    free(c->entries);
    c->entries = NULL;
    c->count = 0;
}

struct pano_texcache_entry *pano_texcache_entry(struct pano_texcache *c,
                                                struct pano_tile_id id)
{
    int n = c->manifest.levels[id.level].tiles_per_side;
    int index =
        c->level_first[id.level] + ((int)id.face * n + id.row) * n + id.col;

    return &c->entries[index];
}

bool pano_texcache_pinned(const struct pano_texcache *c, struct pano_tile_id id)
{
    return id.level == c->manifest.level_count - 1;
}

static size_t entry_bytes(const struct pano_texcache_entry *e)
{
    return (size_t)e->width * (size_t)e->height * PANO_RGBA_BYTES;
}

static int pinned_first(const struct pano_texcache *c)
{
    return c->level_first[c->manifest.level_count - 1];
}

/* The least recently used texture that may go, or NULL. */
static struct pano_texcache_entry *victim(struct pano_texcache *c,
                                          uint64_t frame)
{
    struct pano_texcache_entry *best = NULL;
    int end = pinned_first(c);

    for (int i = 0; i < end; i++) {
        struct pano_texcache_entry *e = &c->entries[i];

        if (!e->texture || e->protect_frame == frame)
            continue;
        if (!best || e->last_used < best->last_used)
            best = e;
    }
    return best;
}

static void drop(struct pano_texcache *c, struct pano_texcache_entry *e,
                 bool pinned)
{
    if (pinned)
        c->bytes_pinned -= entry_bytes(e);
    else
        c->bytes_budgeted -= entry_bytes(e);
    c->resident--;
    e->texture = NULL;
}

/* Evicts until `bytes` more fit; keeps one evicted texture of the wanted
 * size in *reuse. */
static bool make_room(struct pano_texcache *c, size_t bytes, int width,
                      int height, uint64_t frame, SDL_Texture **reuse)
{
    while (c->bytes_budgeted + bytes > c->budget_bytes) {
        struct pano_texcache_entry *e = victim(c, frame);
        SDL_Texture *texture;

        if (!e)
            return false;
        texture = e->texture;
        if (!*reuse && e->width == width && e->height == height)
            *reuse = texture;
        else
            SDL_DestroyTexture(texture);
        drop(c, e, false);
    }
    return true;
}

static SDL_Texture *make_texture(struct pano_texcache *c, SDL_Texture *reuse,
                                 const uint8_t *rgba, int width, int height,
                                 struct pano_err *err)
{
    SDL_Texture *t = reuse;

    if (!t)
        t = SDL_CreateTexture(c->renderer, SDL_PIXELFORMAT_ABGR8888,
                              SDL_TEXTUREACCESS_STATIC, width, height);
    if (!t) {
        pano_fail(err, PANO_E_NOMEM, "cannot create a %dx%d texture: %s", width,
                  height, SDL_GetError());
        return NULL;
    }
    if (SDL_UpdateTexture(t, NULL, rgba, width * PANO_RGBA_BYTES) != 0) {
        pano_fail(err, PANO_E_NOMEM, "cannot upload a %dx%d texture: %s", width,
                  height, SDL_GetError());
        SDL_DestroyTexture(t);
        return NULL;
    }
    SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
    return t;
}

enum pano_upload pano_texcache_upload(struct pano_texcache *c,
                                      struct pano_tile_id id,
                                      const uint8_t *rgba, int width,
                                      int height, uint64_t frame,
                                      struct pano_err *err)
{
    struct pano_texcache_entry *e = pano_texcache_entry(c, id);
    bool pinned = pano_texcache_pinned(c, id);
    size_t bytes = (size_t)width * (size_t)height * PANO_RGBA_BYTES;
    SDL_Texture *reuse = NULL;

    if (e->texture)
        return PANO_UPLOAD_DONE;
    if (!pinned && !make_room(c, bytes, width, height, frame, &reuse))
        return PANO_UPLOAD_NO_ROOM;

    e->texture = make_texture(c, reuse, rgba, width, height, err);
    if (!e->texture)
        return PANO_UPLOAD_ERROR;
    e->width = width;
    e->height = height;
    e->last_used = frame;
    if (pinned)
        c->bytes_pinned += bytes;
    else
        c->bytes_budgeted += bytes;
    c->resident++;
    c->uploads++;
    return PANO_UPLOAD_DONE;
}

bool pano_texcache_coarsest_ready(struct pano_texcache *c)
{
    for (int i = pinned_first(c); i < c->count; i++) {
        if (!c->entries[i].texture)
            return false;
    }
    return c->count > 0;
}

size_t pano_texcache_bytes(const struct pano_texcache *c)
{
    return c->bytes_pinned + c->bytes_budgeted;
}
