#include "text_cache.h"

#include <SDL_ttf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "text_wrap.h"

static const char *const TAG = "text";

enum {
    BUCKETS = 512,
    ENTRIES_MAX = 2048,
    PROBE_SIZE_PX = 16,
    WRAP_TEXT_MAX = 4096,
};

/* One FreeType face per weight, resized as needed: each open face of a
 * CJK font costs about 2.5 MiB, one per size would add up. */
struct face {
    TTF_Font *font;
    int size_px;
};

struct entry {
    struct entry *chain;         /* next in the same bucket */
    struct entry *newer, *older; /* LRU list */
    uint64_t hash;
    enum text_weight weight;
    int size_px, wrap_px;
    char *text;
    struct text_image image;
    size_t bytes;
};

struct text_cache {
    SDL_Renderer *renderer;
    struct text_font_file files[TEXT_WEIGHT_COUNT];
    char *paths[TEXT_WEIGHT_COUNT];
    struct face faces[TEXT_WEIGHT_COUNT];
    struct entry *buckets[BUCKETS];
    struct entry *newest, *oldest;
    size_t max_bytes;
    bool ttf_started;
    struct text_cache_stats stats;
};

/* FNV-1a over the key fields and the string. */
static uint64_t key_hash(enum text_weight weight, int size_px, int wrap_px,
                         const char *text)
{
    uint64_t h = 1469598103934665603ULL;
    const int fields[3] = {(int)weight, size_px, wrap_px};

    for (int i = 0; i < 3; i++) {
        h ^= (uint64_t)(uint32_t)fields[i];
        h *= 1099511628211ULL;
    }
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    return h;
}

static TTF_Font *open_font(struct text_cache *cache, enum text_weight weight,
                           int size_px)
{
    const struct text_font_file *file = &cache->files[weight];

    return TTF_OpenFontIndex(file->path, size_px, file->index);
}

static TTF_Font *face_for(struct text_cache *cache, enum text_weight weight,
                          int size_px)
{
    struct face *face = &cache->faces[weight];

    if (!face->font) {
        face->font = open_font(cache, weight, size_px);
        if (!face->font) {
            log_error(TAG, "cannot open %s: %s", cache->files[weight].path,
                      TTF_GetError());
            return NULL;
        }
        face->size_px = size_px;
    }
    if (face->size_px != size_px) {
        if (TTF_SetFontSize(face->font, size_px) != 0) {
            log_error(TAG, "cannot size %s to %d px: %s",
                      cache->files[weight].path, size_px, TTF_GetError());
            return NULL;
        }
        face->size_px = size_px;
    }
    return face->font;
}

static bool copy_files(struct text_cache *cache,
                       const struct text_font_file *fonts)
{
    for (int w = 0; w < TEXT_WEIGHT_COUNT; w++) {
        cache->paths[w] = strdup(fonts[w].path);
        if (!cache->paths[w])
            return false;
        cache->files[w].path = cache->paths[w];
        cache->files[w].index = fonts[w].index;
    }
    return true;
}

static bool probe_fonts(struct text_cache *cache, char *err, size_t err_size)
{
    for (int w = 0; w < TEXT_WEIGHT_COUNT; w++) {
        TTF_Font *font = open_font(cache, (enum text_weight)w, PROBE_SIZE_PX);

        if (!font) {
            snprintf(err, err_size, "cannot open font %s (face %d): %s",
                     cache->files[w].path, cache->files[w].index,
                     TTF_GetError());
            return false;
        }
        TTF_CloseFont(font);
    }
    return true;
}

struct text_cache *text_cache_create(SDL_Renderer *renderer,
                                     const struct text_font_file *fonts,
                                     size_t max_bytes, char *err,
                                     size_t err_size)
{
    struct text_cache *cache = calloc(1, sizeof(*cache));

    if (!cache) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    cache->renderer = renderer;
    cache->max_bytes = max_bytes;
    /* TTF_Init counts its callers, so each cache holds one reference. */
    if (TTF_Init() != 0) {
        snprintf(err, err_size, "cannot start SDL_ttf: %s", TTF_GetError());
        goto fail;
    }
    cache->ttf_started = true;
    if (!copy_files(cache, fonts)) {
        snprintf(err, err_size, "out of memory");
        goto fail;
    }
    if (!probe_fonts(cache, err, err_size))
        goto fail;
    return cache;

fail:
    text_cache_destroy(cache);
    return NULL;
}

static void lru_unlink(struct text_cache *cache, struct entry *e)
{
    if (e->newer)
        e->newer->older = e->older;
    else
        cache->newest = e->older;
    if (e->older)
        e->older->newer = e->newer;
    else
        cache->oldest = e->newer;
    e->newer = e->older = NULL;
}

static void lru_push_newest(struct text_cache *cache, struct entry *e)
{
    e->older = cache->newest;
    e->newer = NULL;
    if (cache->newest)
        cache->newest->newer = e;
    cache->newest = e;
    if (!cache->oldest)
        cache->oldest = e;
}

static void chain_unlink(struct text_cache *cache, struct entry *e)
{
    struct entry **link = &cache->buckets[e->hash % BUCKETS];

    while (*link && *link != e)
        link = &(*link)->chain;
    if (*link)
        *link = e->chain;
}

static void entry_free(struct text_cache *cache, struct entry *e)
{
    chain_unlink(cache, e);
    lru_unlink(cache, e);
    cache->stats.entries--;
    cache->stats.bytes -= e->bytes;
    SDL_DestroyTexture(e->image.texture);
    free(e->text);
    free(e);
}

static void evict_to_fit(struct text_cache *cache, size_t incoming)
{
    while (cache->oldest && (cache->stats.bytes + incoming > cache->max_bytes ||
                             cache->stats.entries >= ENTRIES_MAX))
        entry_free(cache, cache->oldest);
}

static struct entry *lookup(struct text_cache *cache, uint64_t hash,
                            enum text_weight weight, int size_px, int wrap_px,
                            const char *text)
{
    for (struct entry *e = cache->buckets[hash % BUCKETS]; e; e = e->chain) {
        if (e->hash == hash && e->weight == weight && e->size_px == size_px &&
            e->wrap_px == wrap_px && strcmp(e->text, text) == 0)
            return e;
    }
    return NULL;
}

static int measure(void *ctx, const char *s, size_t n)
{
    char buf[WRAP_TEXT_MAX];
    int w = 0;

    if (n >= sizeof(buf))
        n = sizeof(buf) - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    TTF_SizeUTF8(ctx, buf, &w, NULL);
    return w;
}

/* Our own line breaks (see text_wrap.h), then SDL_ttf renders the lines
 * as they are: a wrap length of 0 breaks at newlines only. */
static SDL_Surface *render_wrapped(TTF_Font *font, int wrap_px,
                                   const char *text)
{
    const SDL_Color white = {255, 255, 255, 255};
    char lines[WRAP_TEXT_MAX];

    if (!text_wrap(text, wrap_px, measure, font, lines, sizeof(lines))) {
        log_warn(TAG, "text of %zu bytes is too long to wrap", strlen(text));
        return NULL;
    }
    return TTF_RenderUTF8_Blended_Wrapped(font, lines, white, 0);
}

static SDL_Texture *rasterize(struct text_cache *cache, TTF_Font *font,
                              int wrap_px, const char *text, int *w, int *h)
{
    const SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *surface;
    SDL_Texture *texture;

    if (wrap_px > 0)
        surface = render_wrapped(font, wrap_px, text);
    else
        surface = TTF_RenderUTF8_Blended(font, text, white);
    if (!surface) {
        log_warn(TAG, "cannot render text: %s", TTF_GetError());
        return NULL;
    }
    texture = SDL_CreateTextureFromSurface(cache->renderer, surface);
    *w = surface->w;
    *h = surface->h;
    SDL_FreeSurface(surface);
    if (texture)
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    else
        log_warn(TAG, "cannot upload text: %s", SDL_GetError());
    return texture;
}

static struct entry *insert(struct text_cache *cache, uint64_t hash,
                            enum text_weight weight, int size_px, int wrap_px,
                            const char *text)
{
    TTF_Font *font = face_for(cache, weight, size_px);
    struct entry *e;

    if (!font)
        return NULL;
    e = calloc(1, sizeof(*e));
    if (!e || !(e->text = strdup(text))) {
        free(e);
        return NULL;
    }
    e->image.texture =
        rasterize(cache, font, wrap_px, text, &e->image.w, &e->image.h);
    if (!e->image.texture) {
        free(e->text);
        free(e);
        return NULL;
    }
    cache->stats.rasterized++;
    e->hash = hash;
    e->weight = weight;
    e->size_px = size_px;
    e->wrap_px = wrap_px;
    e->bytes = (size_t)e->image.w * (size_t)e->image.h * 4;

    evict_to_fit(cache, e->bytes);
    e->chain = cache->buckets[hash % BUCKETS];
    cache->buckets[hash % BUCKETS] = e;
    lru_push_newest(cache, e);
    cache->stats.entries++;
    cache->stats.bytes += e->bytes;
    return e;
}

const struct text_image *text_cache_get(struct text_cache *cache,
                                        enum text_weight weight, int size_px,
                                        int wrap_px, const char *utf8)
{
    uint64_t hash;
    struct entry *e;

    if (!utf8 || !utf8[0] || size_px <= 0 ||
        (unsigned)weight >= TEXT_WEIGHT_COUNT)
        return NULL;
    hash = key_hash(weight, size_px, wrap_px, utf8);
    e = lookup(cache, hash, weight, size_px, wrap_px, utf8);
    if (e) {
        cache->stats.hits++;
        lru_unlink(cache, e);
        lru_push_newest(cache, e);
        return &e->image;
    }
    e = insert(cache, hash, weight, size_px, wrap_px, utf8);
    return e ? &e->image : NULL;
}

void text_cache_clear(struct text_cache *cache)
{
    while (cache->oldest)
        entry_free(cache, cache->oldest);
}

struct text_cache_stats text_cache_stats(const struct text_cache *cache)
{
    return cache->stats;
}

void text_cache_destroy(struct text_cache *cache)
{
    if (!cache)
        return;
    text_cache_clear(cache);
    for (int w = 0; w < TEXT_WEIGHT_COUNT; w++) {
        if (cache->faces[w].font)
            TTF_CloseFont(cache->faces[w].font);
    }
    for (int w = 0; w < TEXT_WEIGHT_COUNT; w++)
        free(cache->paths[w]);
    if (cache->ttf_started)
        TTF_Quit();
    free(cache);
}
