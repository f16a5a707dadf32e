/*
 * Tests for pano_cache and the atomic output of pano_bake: a bake is
 * reused for the same bytes under any name, a changed file gets a new
 * key, a cancelled or crashed bake never leaves a folder that looks
 * complete, a damaged bake is baked again, and a folder that is not a
 * bake is never overwritten. Progress climbs to exactly 1. Six cube faces
 * hash as one input: the same six files give the same key, two faces
 * swapped another, and no single file's key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pano_cache.h"
#include "pano_fs.h"
#include "pano_hash.h"
#include "pano_tile.h"
#include "test_pano_util.h"

enum {
    SRC_W = 1024,
    SRC_H = 512,
    QUALITY_A = 95,
    QUALITY_B = 80,
    FACE_PX = 256,
};

struct fixture {
    char dir[TEST_PATH_MAX];
    char cache[TEST_PATH_MAX];
    char source[TEST_PATH_MAX];
};

static void write_source(const char *path, int quality)
{
    struct pano_image image;

    test_pattern_image(SRC_W, SRC_H, &image);
    assert_true(test_write_jpeg(path, &image, quality));
    pano_image_finish(&image);
}

static int setup(void **state)
{
    static struct fixture fx;

    test_scratch_dir("cache", fx.dir);
    test_join(fx.cache, fx.dir, "cache");
    test_join(fx.source, fx.dir, "car.jpg");
    write_source(fx.source, QUALITY_A);
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;

    test_remove(fx->dir);
    return 0;
}

static bool exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0;
}

static void bake_cached(const struct fixture *fx, const char *source,
                        char *bake_dir, bool want_reused)
{
    struct pano_bake_summary summary;
    struct pano_err err;

    if (pano_bake_cached(fx->cache, source, NULL, bake_dir, TEST_PATH_MAX,
                         &summary, &err) != PANO_OK)
        fail_msg("bake of %s: %s", source, err.msg);
    if (summary.reused != want_reused)
        fail_msg("%s: expected reused %d, got %d", source, want_reused,
                 summary.reused);
    assert_int_equal(summary.manifest.source_width, SRC_W);
}

static void second_bake_reuses_the_first(void **state)
{
    struct fixture *fx = *state;
    char first[TEST_PATH_MAX], second[TEST_PATH_MAX], key[TEST_PATH_MAX];
    char manifest[TEST_PATH_MAX + 32];
    struct stat before, after;
    struct pano_err err;

    bake_cached(fx, fx->source, first, false);
    snprintf(manifest, sizeof(manifest), "%s/manifest.json", first);
    assert_int_equal(stat(manifest, &before), 0);

    bake_cached(fx, fx->source, second, true);
    assert_string_equal(first, second);
    assert_int_equal(stat(manifest, &after), 0);
    assert_int_equal(before.st_ino, after.st_ino);

    assert_int_equal(
        pano_cache_path(fx->cache, fx->source, key, sizeof(key), &err),
        PANO_OK);
    assert_string_equal(key, first);
}

static void same_bytes_under_another_name_share_the_bake(void **state)
{
    struct fixture *fx = *state;
    char copy[TEST_PATH_MAX], a[TEST_PATH_MAX], b[TEST_PATH_MAX];
    size_t size;
    uint8_t *bytes = test_read_bytes(fx->source, &size);

    test_join(copy, fx->dir, "renamed.jpg");
    assert_true(test_write_bytes(copy, bytes, size));
    free(bytes);
    bake_cached(fx, fx->source, a, false);
    bake_cached(fx, copy, b, true);
    assert_string_equal(a, b);
}

static void changed_file_gets_a_new_key(void **state)
{
    struct fixture *fx = *state;
    char before[TEST_PATH_MAX], after[TEST_PATH_MAX];

    bake_cached(fx, fx->source, before, false);
    write_source(fx->source, QUALITY_B);
    bake_cached(fx, fx->source, after, false);
    assert_string_not_equal(before, after);
    assert_true(exists(before)); /* the old one is left for the owner */
}

/* ---- six faces ---- */

static void write_faces(const struct fixture *fx, const char *folder,
                        char paths[PANO_FACE_COUNT][TEST_PATH_MAX])
{
    char dir[TEST_PATH_MAX];
    struct pano_image image;

    test_join(dir, fx->dir, folder);
    assert_int_equal(pano_fs_mkdirs(dir, NULL), PANO_OK);
    test_pattern_image(SRC_W, SRC_H, &image);
    assert_true(test_write_faces(dir, &image, FACE_PX, false, paths));
    pano_image_finish(&image);
}

static struct pano_input faces_input(char paths[PANO_FACE_COUNT][TEST_PATH_MAX])
{
    struct pano_input in = {0};

    for (int f = 0; f < PANO_FACE_COUNT; f++)
        in.faces[f] = paths[f];
    return in;
}

static void input_hash(const struct pano_input *in,
                       char hex[PANO_HASH_HEX_LEN + 1])
{
    struct pano_err err;

    if (pano_input_hash(in, hex, &err) != PANO_OK)
        fail_msg("hash: %s", err.msg);
}

static void same_faces_hash_alike_and_swapped_faces_differ(void **state)
{
    struct fixture *fx = *state;
    char a[PANO_FACE_COUNT][TEST_PATH_MAX], b[PANO_FACE_COUNT][TEST_PATH_MAX];
    char first[PANO_HASH_HEX_LEN + 1], again[PANO_HASH_HEX_LEN + 1];
    char copied[PANO_HASH_HEX_LEN + 1], swapped[PANO_HASH_HEX_LEN + 1];
    char single[PANO_HASH_HEX_LEN + 1];
    struct pano_input in = faces_input(a);
    struct pano_input copy = faces_input(b);
    struct pano_err err;

    write_faces(fx, "faces-a", a);
    write_faces(fx, "faces-b", b); /* the same bytes in another folder */
    input_hash(&in, first);
    input_hash(&in, again);
    input_hash(&copy, copied);
    assert_string_equal(first, again);
    assert_string_equal(first, copied);

    in.faces[PANO_FACE_LEFT] = a[PANO_FACE_RIGHT];
    in.faces[PANO_FACE_RIGHT] = a[PANO_FACE_LEFT];
    input_hash(&in, swapped);
    assert_string_not_equal(first, swapped);

    /* Kept apart from the plain file hash of any one face. */
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        assert_int_equal(pano_content_hash(a[f], single, &err), PANO_OK);
        assert_string_not_equal(first, single);
    }
}

static void faces_bake_is_reused_under_their_key(void **state)
{
    struct fixture *fx = *state;
    char paths[PANO_FACE_COUNT][TEST_PATH_MAX];
    char first[TEST_PATH_MAX], second[TEST_PATH_MAX], key[TEST_PATH_MAX];
    struct pano_input in = faces_input(paths);
    struct pano_bake_summary summary;
    struct pano_err err;

    write_faces(fx, "faces", paths);
    assert_int_equal(pano_bake_cached_input(fx->cache, &in, NULL, first,
                                            sizeof(first), &summary, &err),
                     PANO_OK);
    assert_false(summary.reused);
    assert_int_equal(summary.manifest.source_kind, PANO_INPUT_FACES);
    assert_int_equal(pano_bake_cached_input(fx->cache, &in, NULL, second,
                                            sizeof(second), &summary, &err),
                     PANO_OK);
    assert_true(summary.reused);
    assert_string_equal(first, second);
    assert_int_equal(
        pano_cache_input_path(fx->cache, &in, key, sizeof(key), &err), PANO_OK);
    assert_string_equal(key, first);
}

struct cancel_on_progress {
    atomic_bool cancel;
    int calls;
};

static void cancel_now(void *user, double fraction)
{
    struct cancel_on_progress *c = user;

    (void)fraction;
    c->calls++;
    atomic_store(&c->cancel, true);
}

static void expect_cancelled(struct fixture *fx, struct cancel_on_progress *c)
{
    struct pano_bake_options options = {
        .progress = cancel_now, .user = c, .cancel = &c->cancel};
    char bake_dir[TEST_PATH_MAX];
    struct pano_err err;

    assert_int_equal(pano_bake_cached(fx->cache, fx->source, &options, bake_dir,
                                      sizeof(bake_dir), NULL, &err),
                     PANO_E_CANCELLED);
    assert_non_null(strstr(err.msg, "cancelled"));
    assert_false(exists(bake_dir));
    assert_int_equal(test_count_entries(fx->cache, "."), 2); /* . and .. */
}

static void cancelled_bake_leaves_nothing(void **state)
{
    struct fixture *fx = *state;
    struct cancel_on_progress during = {false, 0};
    struct cancel_on_progress before = {true, 0};
    char bake_dir[TEST_PATH_MAX];

    expect_cancelled(fx, &during);
    assert_true(during.calls >= 1);
    expect_cancelled(fx, &before);
    assert_int_equal(before.calls, 0);

    /* And the next, uncancelled bake is complete. */
    bake_cached(fx, fx->source, bake_dir, false);
}

static void crashed_bake_leftovers_are_cleared(void **state)
{
    struct fixture *fx = *state;
    char key[TEST_PATH_MAX], name[TEST_PATH_MAX], leftover[TEST_PATH_MAX];
    char bake_dir[TEST_PATH_MAX], junk[TEST_PATH_MAX];
    struct pano_err err;

    assert_int_equal(
        pano_cache_path(fx->cache, fx->source, key, sizeof(key), &err),
        PANO_OK);
    snprintf(name, sizeof(name), ".%.64s.partial-Xy12ab",
             strrchr(key, '/') + 1);
    test_join(leftover, fx->cache, name);
    assert_int_equal(pano_fs_mkdirs(leftover, &err), PANO_OK);
    test_join(junk, leftover, "L0");
    assert_int_equal(pano_fs_mkdirs(junk, &err), PANO_OK);

    bake_cached(fx, fx->source, bake_dir, false);
    assert_false(exists(leftover));
}

static void damaged_bake_is_baked_again(void **state)
{
    struct fixture *fx = *state;
    char bake_dir[TEST_PATH_MAX], tile[TEST_PATH_MAX];
    struct pano_tile_id id = {0, PANO_FACE_UP, 0, 0};
    struct pano_manifest m;
    struct pano_err err;

    bake_cached(fx, fx->source, bake_dir, false);
    assert_true(pano_tile_path(tile, sizeof(tile), bake_dir, id));
    assert_int_equal(unlink(tile), 0);
    assert_int_equal(pano_bake_check(bake_dir, NULL, &m, &err), PANO_E_INPUT);
    assert_non_null(strstr(err.msg, "missing"));

    bake_cached(fx, fx->source, bake_dir, false);
    assert_true(exists(tile));
}

static void folder_that_is_not_a_bake_is_kept(void **state)
{
    struct fixture *fx = *state;
    char out[TEST_PATH_MAX], precious[TEST_PATH_MAX];
    struct pano_err err;

    test_join(out, fx->dir, "photos");
    assert_int_equal(pano_fs_mkdirs(out, &err), PANO_OK);
    test_join(precious, out, "holiday.jpg");
    assert_true(test_write_bytes(precious, "x", 1));

    assert_int_equal(pano_bake(fx->source, out, NULL, NULL, &err), PANO_E_IO);
    assert_non_null(strstr(err.msg, "is not a bake"));
    assert_true(exists(precious));
    assert_int_equal(test_count_entries(fx->dir, ".photos"), 0);
}

static void bake_over_a_bake_replaces_it(void **state)
{
    struct fixture *fx = *state;
    char out[TEST_PATH_MAX], stale[TEST_PATH_MAX];
    struct pano_manifest m;
    struct pano_err err;

    test_join(out, fx->dir, "out");
    assert_int_equal(pano_bake(fx->source, out, NULL, NULL, &err), PANO_OK);
    test_join(stale, out, "stale.txt");
    assert_true(test_write_bytes(stale, "x", 1));

    assert_int_equal(pano_bake(fx->source, out, NULL, NULL, &err), PANO_OK);
    assert_false(exists(stale));
    assert_int_equal(pano_bake_check(out, NULL, &m, &err), PANO_OK);
    assert_int_equal(test_count_entries(fx->dir, ".out"), 0);
}

struct progress_log {
    double last;
    int calls;
    bool monotonic;
};

static void log_progress(void *user, double fraction)
{
    struct progress_log *log = user;

    if (fraction < log->last || fraction > 1)
        log->monotonic = false;
    log->last = fraction;
    log->calls++;
}

static void progress_climbs_to_one(void **state)
{
    struct fixture *fx = *state;
    struct progress_log log = {0, 0, true};
    struct pano_bake_options options = {.progress = log_progress, .user = &log};
    char out[TEST_PATH_MAX];
    struct pano_err err;

    test_join(out, fx->dir, "progress");
    assert_int_equal(pano_bake(fx->source, out, &options, NULL, &err), PANO_OK);
    assert_true(log.monotonic);
    assert_true(log.calls >= 3);
    assert_true(log.last == 1.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(second_bake_reuses_the_first, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            same_bytes_under_another_name_share_the_bake, setup, teardown),
        cmocka_unit_test_setup_teardown(
            same_faces_hash_alike_and_swapped_faces_differ, setup, teardown),
        cmocka_unit_test_setup_teardown(faces_bake_is_reused_under_their_key,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(changed_file_gets_a_new_key, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(cancelled_bake_leaves_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(crashed_bake_leftovers_are_cleared,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(damaged_bake_is_baked_again, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(folder_that_is_not_a_bake_is_kept,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(bake_over_a_bake_replaces_it, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(progress_climbs_to_one, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
