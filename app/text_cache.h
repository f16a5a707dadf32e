/*
 * text_cache: rasterized text, kept as textures so a frame never runs
 * FreeType for a string it drew before.
 *
 * Text is rendered once in white and tinted at draw time with
 * SDL_SetTextureColorMod, so one entry serves every colour. Entries are
 * keyed by weight, pixel size, wrap width and the UTF-8 string, and the
 * least recently used ones are dropped past a byte budget. Fonts (Noto
 * Sans CJK SC by default, which covers Latin too) are opened lazily per
 * size.
 *
 * The cache owns its textures and fonts; a returned text_image stays valid
 * until the next call that may evict (text_cache_get, _clear, _destroy).
 * Main thread only: it uses the SDL renderer.
 */
#ifndef VITRINE_TEXT_CACHE_H
#define VITRINE_TEXT_CACHE_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

enum text_weight {
    TEXT_REGULAR,
    TEXT_BOLD,
    TEXT_WEIGHT_COUNT,
};

struct text_font_file {
    const char *path;
    int index; /* face index inside a .ttc collection */
};

struct text_image {
    SDL_Texture *texture; /* white on transparent */
    int w, h;
};

struct text_cache_stats {
    size_t entries;
    size_t bytes;
    unsigned long rasterized; /* strings rendered by FreeType so far */
    unsigned long hits;
};

struct text_cache;

/*
 * fonts[TEXT_REGULAR] and fonts[TEXT_BOLD]; both are opened once here so a
 * bad path fails at start. max_bytes bounds the textures kept.
 */
struct text_cache *text_cache_create(SDL_Renderer *renderer,
                                     const struct text_font_file *fonts,
                                     size_t max_bytes, char *err,
                                     size_t err_size);
void text_cache_destroy(struct text_cache *cache);

/*
 * The string rendered at size_px, wrapped at wrap_px (0 = one line).
 * NULL for an empty string or when rendering failed (logged). A string
 * bigger than the whole budget is still kept, alone, so it can be drawn.
 */
const struct text_image *text_cache_get(struct text_cache *cache,
                                        enum text_weight weight, int size_px,
                                        int wrap_px, const char *utf8);

/* Drops every entry (fonts stay open). */
void text_cache_clear(struct text_cache *cache);

struct text_cache_stats text_cache_stats(const struct text_cache *cache);

#endif
