/*
 * Tests for text_cache: what is a hit and what is a new entry, what comes
 * out for wrapped and Chinese text, and how the byte budget evicts.
 *
 * Textures go to a software renderer drawing into a surface, so no video
 * driver is needed. The group setup makes both; each test makes its own
 * cache from the Noto Sans CJK collections installed on the kiosk.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_cache.h"

#define FONT_REGULAR "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
#define FONT_BOLD    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
#define FONT_MISSING "/nonexistent/vitrine/NoSuchFont.ttc"

enum {
    FACE_SC = 2, /* Simplified Chinese inside the collections */
    SURFACE_PX = 256,
    BUDGET_BYTES = 64 * 1024 * 1024,
    ERR_MAX = 512,
    SIZE_PX = 24,
    WRAP_PX = 200,
};

static const struct text_font_file fonts[TEXT_WEIGHT_COUNT] = {
    [TEXT_REGULAR] = {FONT_REGULAR, FACE_SC},
    [TEXT_BOLD] = {FONT_BOLD, FACE_SC},
};

struct fixture {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
};

static char err[ERR_MAX];

static int make_renderer(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));

    if (!fx)
        return -1;
    fx->surface = SDL_CreateRGBSurfaceWithFormat(0, SURFACE_PX, SURFACE_PX, 32,
                                                 SDL_PIXELFORMAT_ARGB8888);
    if (fx->surface)
        fx->renderer = SDL_CreateSoftwareRenderer(fx->surface);
    if (!fx->renderer) {
        fprintf(stderr, "cannot make a software renderer: %s\n",
                SDL_GetError());
        SDL_FreeSurface(fx->surface);
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int free_renderer(void **state)
{
    struct fixture *fx = *state;

    SDL_DestroyRenderer(fx->renderer);
    SDL_FreeSurface(fx->surface);
    free(fx);
    return 0;
}

static struct text_cache *make_cache(void **state, size_t max_bytes)
{
    struct fixture *fx = *state;
    struct text_cache *cache;

    err[0] = '\0';
    cache = text_cache_create(fx->renderer, fonts, max_bytes, err, sizeof(err));
    if (!cache) {
        print_error("expected a cache, got \"%s\"\n", err);
        fail();
    }
    return cache;
}

/* The image for text, which must render. */
static const struct text_image *get(struct text_cache *cache,
                                    enum text_weight weight, int size_px,
                                    int wrap_px, const char *text)
{
    const struct text_image *image =
        text_cache_get(cache, weight, size_px, wrap_px, text);

    if (!image) {
        print_error("expected an image of \"%s\", got NULL\n", text);
        fail();
    }
    return image;
}

#define expect_count(what, got, expected)                                      \
    check_count((what), (unsigned long)(got), (unsigned long)(expected),       \
                __FILE__, __LINE__)

static void check_count(const char *what, unsigned long got,
                        unsigned long expected, const char *file, int line)
{
    if (got == expected)
        return;
    print_error("expected %s %lu, got %lu\n", what, expected, got);
    _fail(file, line);
}

static void expect_missing_font_named(void **state,
                                      enum text_weight missing_weight)
{
    struct fixture *fx = *state;
    struct text_font_file files[TEXT_WEIGHT_COUNT];
    struct text_cache *cache;

    memcpy(files, fonts, sizeof(files));
    files[missing_weight].path = FONT_MISSING;
    err[0] = '\0';

    cache =
        text_cache_create(fx->renderer, files, BUDGET_BYTES, err, sizeof(err));
    if (cache) {
        text_cache_destroy(cache);
        print_error("expected no cache for %s, got one\n", FONT_MISSING);
        fail();
    }
    if (!strstr(err, FONT_MISSING)) {
        print_error("expected a message naming %s, got \"%s\"\n", FONT_MISSING,
                    err);
        fail();
    }
}

static void test_missing_regular_font_is_named(void **state)
{
    expect_missing_font_named(state, TEXT_REGULAR);
}

static void test_missing_bold_font_is_named(void **state)
{
    expect_missing_font_named(state, TEXT_BOLD);
}

static void test_same_text_twice_is_one_raster_and_a_hit(void **state)
{
    struct text_cache *cache = make_cache(state, BUDGET_BYTES);
    const struct text_image *first, *again;
    struct text_cache_stats stats;

    first = get(cache, TEXT_REGULAR, SIZE_PX, 0, "Book a test drive");
    again = get(cache, TEXT_REGULAR, SIZE_PX, 0, "Book a test drive");
    if (again->texture != first->texture) {
        print_error("expected texture %p again, got %p\n",
                    (void *)first->texture, (void *)again->texture);
        fail();
    }
    stats = text_cache_stats(cache);
    expect_count("rasterized", stats.rasterized, 1);
    expect_count("hits", stats.hits, 1);
    expect_count("entries", stats.entries, 1);

    get(cache, TEXT_REGULAR, SIZE_PX, 0, "Book a test drive");
    stats = text_cache_stats(cache);
    expect_count("rasterized", stats.rasterized, 1);
    expect_count("hits", stats.hits, 2);
    text_cache_destroy(cache);
}

static void test_size_weight_and_wrap_make_separate_entries(void **state)
{
    const char *text = "Book a test drive today";
    struct text_cache *cache = make_cache(state, BUDGET_BYTES);
    SDL_Texture *textures[4];
    struct text_cache_stats stats;

    textures[0] = get(cache, TEXT_REGULAR, SIZE_PX, 0, text)->texture;
    textures[1] = get(cache, TEXT_REGULAR, SIZE_PX + 8, 0, text)->texture;
    textures[2] = get(cache, TEXT_BOLD, SIZE_PX, 0, text)->texture;
    textures[3] = get(cache, TEXT_REGULAR, SIZE_PX, WRAP_PX, text)->texture;

    stats = text_cache_stats(cache);
    expect_count("rasterized", stats.rasterized, 4);
    expect_count("entries", stats.entries, 4);
    expect_count("hits", stats.hits, 0);
    for (int i = 0; i < 4; i++) {
        for (int j = i + 1; j < 4; j++) {
            if (textures[i] == textures[j]) {
                print_error("expected entries %d and %d to differ, "
                            "got one texture\n",
                            i, j);
                fail();
            }
        }
    }
    text_cache_destroy(cache);
}

static void test_empty_or_null_text_gives_null(void **state)
{
    struct text_cache *cache = make_cache(state, BUDGET_BYTES);
    struct text_cache_stats stats;

    assert_null(text_cache_get(cache, TEXT_REGULAR, SIZE_PX, 0, ""));
    assert_null(text_cache_get(cache, TEXT_REGULAR, SIZE_PX, 0, NULL));
    assert_null(text_cache_get(cache, TEXT_BOLD, SIZE_PX, WRAP_PX, ""));

    stats = text_cache_stats(cache);
    expect_count("rasterized", stats.rasterized, 0);
    expect_count("entries", stats.entries, 0);
    text_cache_destroy(cache);
}

static void test_wrapped_paragraph_is_taller_and_fits_the_width(void **state)
{
    const char *paragraph =
        "The new EV300 charges from 30% to 80% in 18 minutes. "
        "预约试驾只需输入手机号码，我们的顾问会尽快联系您。";
    struct text_cache *cache = make_cache(state, BUDGET_BYTES);
    const struct text_image *line, *wrapped;
    int line_h;

    line = get(cache, TEXT_REGULAR, SIZE_PX, 0, "EV300");
    line_h = line->h;
    wrapped = get(cache, TEXT_REGULAR, SIZE_PX, WRAP_PX, paragraph);

    if (wrapped->h <= line_h) {
        print_error("expected more than one line of %d px, got %d px\n", line_h,
                    wrapped->h);
        fail();
    }
    if (wrapped->w <= 0 || wrapped->w > WRAP_PX) {
        print_error("expected a width from 1 to %d px, got %d px\n", WRAP_PX,
                    wrapped->w);
        fail();
    }
    text_cache_destroy(cache);
}

static void test_chinese_text_renders(void **state)
{
    struct text_cache *cache = make_cache(state, BUDGET_BYTES);
    const struct text_image *image;

    image = get(cache, TEXT_REGULAR, SIZE_PX, 0, "欢迎光临星辰汽车");
    if (image->w <= 0 || image->h <= 0) {
        print_error("expected a non-empty image, got %dx%d\n", image->w,
                    image->h);
        fail();
    }
    image = get(cache, TEXT_BOLD, SIZE_PX, 0, "预约试驾");
    if (image->w <= 0 || image->h <= 0) {
        print_error("expected a non-empty bold image, got %dx%d\n", image->w,
                    image->h);
        fail();
    }
    text_cache_destroy(cache);
}

static const char *const lru_texts[] = {"Alpha", "Bravo", "Charlie", "Delta"};

enum { LRU_COUNT = sizeof(lru_texts) / sizeof(lru_texts[0]) };

/* Bytes each of lru_texts takes, read from a cache with room for all. */
static size_t lru_total_bytes(void **state)
{
    struct text_cache *cache = make_cache(state, BUDGET_BYTES);
    size_t total;

    for (int i = 0; i < LRU_COUNT; i++)
        get(cache, TEXT_REGULAR, SIZE_PX, 0, lru_texts[i]);
    total = text_cache_stats(cache).bytes;
    text_cache_destroy(cache);
    return total;
}

/*
 * A budget one byte short of all four strings: adding the fourth must
 * evict exactly one, the least recently used. "Alpha" came first but was
 * used again, so "Bravo" goes.
 */
static void test_budget_evicts_the_least_recently_used(void **state)
{
    size_t max_bytes = lru_total_bytes(state) - 1;
    struct text_cache *cache = make_cache(state, max_bytes);
    struct text_cache_stats stats;

    for (int i = 0; i < LRU_COUNT - 1; i++)
        get(cache, TEXT_REGULAR, SIZE_PX, 0, lru_texts[i]);
    get(cache, TEXT_REGULAR, SIZE_PX, 0, "Alpha");
    get(cache, TEXT_REGULAR, SIZE_PX, 0, "Delta");

    stats = text_cache_stats(cache);
    if (stats.bytes > max_bytes) {
        print_error("expected at most %zu bytes, got %zu\n", max_bytes,
                    stats.bytes);
        fail();
    }
    expect_count("entries", stats.entries, LRU_COUNT - 1);
    expect_count("rasterized", stats.rasterized, LRU_COUNT);

    get(cache, TEXT_REGULAR, SIZE_PX, 0, "Alpha");
    expect_count("rasterized after Alpha", text_cache_stats(cache).rasterized,
                 LRU_COUNT);
    get(cache, TEXT_REGULAR, SIZE_PX, 0, "Bravo");
    expect_count("rasterized after Bravo", text_cache_stats(cache).rasterized,
                 LRU_COUNT + 1);
    text_cache_destroy(cache);
}

static void test_budget_holds_over_many_strings(void **state)
{
    size_t max_bytes = lru_total_bytes(state);
    struct text_cache *cache = make_cache(state, max_bytes);
    char text[32];

    for (int i = 0; i < 40; i++) {
        size_t bytes;

        snprintf(text, sizeof(text), "Model %d", i);
        get(cache, TEXT_REGULAR, SIZE_PX, 0, text);
        bytes = text_cache_stats(cache).bytes;
        if (bytes > max_bytes) {
            print_error("after \"%s\", expected at most %zu bytes, got %zu\n",
                        text, max_bytes, bytes);
            fail();
        }
    }
    text_cache_destroy(cache);
}

static void test_clear_empties_the_cache(void **state)
{
    struct text_cache *cache = make_cache(state, BUDGET_BYTES);
    struct text_cache_stats stats;

    get(cache, TEXT_REGULAR, SIZE_PX, 0, "Alpha");
    get(cache, TEXT_BOLD, SIZE_PX, 0, "预约试驾");
    text_cache_clear(cache);

    stats = text_cache_stats(cache);
    expect_count("entries", stats.entries, 0);
    expect_count("bytes", stats.bytes, 0);

    get(cache, TEXT_REGULAR, SIZE_PX, 0, "Alpha");
    expect_count("rasterized", text_cache_stats(cache).rasterized, 3);
    text_cache_destroy(cache);
}

static void test_destroy_null_is_a_no_op(void **state)
{
    (void)state;
    text_cache_destroy(NULL);
}

/* Each cache holds its own reference on SDL_ttf. */
static void test_second_cache_survives_the_first(void **state)
{
    struct text_cache *first = make_cache(state, BUDGET_BYTES);
    struct text_cache *second = make_cache(state, BUDGET_BYTES);

    text_cache_destroy(first);
    if (!text_cache_get(second, TEXT_REGULAR, SIZE_PX, 0, "still here"))
        fail_msg("expected the second cache to render after the first was "
                 "destroyed, got NULL");
    text_cache_destroy(second);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_regular_font_is_named),
        cmocka_unit_test(test_missing_bold_font_is_named),
        cmocka_unit_test(test_same_text_twice_is_one_raster_and_a_hit),
        cmocka_unit_test(test_size_weight_and_wrap_make_separate_entries),
        cmocka_unit_test(test_empty_or_null_text_gives_null),
        cmocka_unit_test(test_wrapped_paragraph_is_taller_and_fits_the_width),
        cmocka_unit_test(test_chinese_text_renders),
        cmocka_unit_test(test_budget_evicts_the_least_recently_used),
        cmocka_unit_test(test_budget_holds_over_many_strings),
        cmocka_unit_test(test_clear_empties_the_cache),
        cmocka_unit_test(test_destroy_null_is_a_no_op),
        cmocka_unit_test(test_second_cache_survives_the_first),
    };

    return cmocka_run_group_tests(tests, make_renderer, free_renderer);
}
