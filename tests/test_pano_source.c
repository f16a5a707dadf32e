/*
 * Tests for pano_source: every bad input is refused with a message that
 * names the file and the cause, by the source and by a bake (which then
 * leaves no output behind); good JPEGs and PNGs stream row by row.
 *
 * Inputs are written by the tests into a scratch folder that the group
 * teardown removes.
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

#include "pano_bake.h"
#include "pano_source.h"
#include "test_pano_util.h"

enum {
    GOOD_W = 1024,
    GOOD_H = 512,
    JPEG_QUALITY = 95,
    STRIP_ROWS = 37,
    JPEG_TOLERANCE = 12,
};

static char dir[TEST_PATH_MAX];

static int group_setup(void **state)
{
    (void)state;
    test_scratch_dir("source", dir);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    test_remove(dir);
    return 0;
}

static void path_in_dir(char *out, const char *name)
{
    test_join(out, dir, name);
}

static void write_pattern_jpeg(const char *name, int w, int h, char *out)
{
    struct pano_image image;

    path_in_dir(out, name);
    test_pattern_image(w, h, &image);
    assert_true(test_write_jpeg(out, &image, JPEG_QUALITY));
    pano_image_finish(&image);
}

/* The source refuses path with a message holding `want`, and so does a
 * bake, which leaves no output folder. */
static void expect_refused(const char *path, const char *want)
{
    struct pano_image image;
    struct pano_err err = {{0}};
    char out[TEST_PATH_MAX];
    struct stat st;

    enum pano_result r = pano_image_load(path, 1, &image, &err);
    if (r != PANO_E_INPUT || !strstr(err.msg, want) || !strstr(err.msg, path))
        fail_msg("loading %s: expected bad input with \"%s\", got %s: \"%s\"",
                 path, want, pano_result_name(r), err.msg);

    test_join(out, dir, "refused.bake");
    err.msg[0] = '\0';
    r = pano_bake(path, out, NULL, NULL, &err);
    if (r != PANO_E_INPUT || !strstr(err.msg, want))
        fail_msg("baking %s: expected bad input with \"%s\", got %s: \"%s\"",
                 path, want, pano_result_name(r), err.msg);
    assert_int_not_equal(stat(out, &st), 0);
    assert_int_equal(test_count_entries(dir, ".refused.bake"), 0);
    printf("refused as expected: %s\n", err.msg);
}

static void missing_file_is_refused(void **state)
{
    char path[TEST_PATH_MAX];

    (void)state;
    path_in_dir(path, "no-such.jpg");
    expect_refused(path, "cannot open: No such file or directory");
}

static void empty_file_is_refused(void **state)
{
    char path[TEST_PATH_MAX];

    (void)state;
    path_in_dir(path, "empty.jpg");
    assert_true(test_write_bytes(path, "", 0));
    expect_refused(path, "is empty");
}

static void text_file_named_jpg_is_refused(void **state)
{
    static const char text[] = "this is a shopping list, not a picture\n";
    char path[TEST_PATH_MAX];

    (void)state;
    path_in_dir(path, "notes.jpg");
    assert_true(test_write_bytes(path, text, sizeof(text) - 1));
    expect_refused(path, "is not a JPEG or PNG image");
}

static void truncated_jpeg_is_refused(void **state)
{
    char good[TEST_PATH_MAX], path[TEST_PATH_MAX];
    size_t size;

    (void)state;
    write_pattern_jpeg("whole.jpg", GOOD_W, GOOD_H, good);
    uint8_t *bytes = test_read_bytes(good, &size);
    assert_non_null(bytes);
    path_in_dir(path, "half.jpg");
    assert_true(test_write_bytes(path, bytes, size / 2));
    free(bytes);
    expect_refused(path, "truncated or corrupt JPEG: Premature end");
}

static void truncated_png_is_refused(void **state)
{
    char good[TEST_PATH_MAX], path[TEST_PATH_MAX];
    struct pano_image image;
    size_t size;

    (void)state;
    path_in_dir(good, "whole.png");
    test_pattern_image(GOOD_W, GOOD_H, &image);
    assert_true(test_write_png(good, &image));
    pano_image_finish(&image);
    uint8_t *bytes = test_read_bytes(good, &size);
    assert_non_null(bytes);
    path_in_dir(path, "half.png");
    assert_true(test_write_bytes(path, bytes, size / 2));
    free(bytes);
    expect_refused(path, "truncated or corrupt PNG");
}

static void three_to_one_is_refused(void **state)
{
    char path[TEST_PATH_MAX];

    (void)state;
    write_pattern_jpeg("wide.jpg", 1536, 512, path);
    expect_refused(path, "not a 2:1 equirectangular panorama: 1536x512");
}

static void too_small_is_refused(void **state)
{
    char path[TEST_PATH_MAX];

    (void)state;
    write_pattern_jpeg("tiny.jpg", 256, 128, path);
    expect_refused(path, "too small: 256x128 pixels, at least 512x256");
}

/* Offset of the first SOF0 marker's height field. */
static size_t find_sof0_height(const uint8_t *bytes, size_t size)
{
    for (size_t i = 2; i + 9 < size; i++) {
        if (bytes[i] == 0xFF && bytes[i + 1] == 0xC0)
            return i + 5;
    }
    return 0;
}

static void absurd_header_size_is_refused(void **state)
{
    char good[TEST_PATH_MAX], path[TEST_PATH_MAX];
    size_t size;

    (void)state;
    write_pattern_jpeg("honest.jpg", GOOD_W, GOOD_H, good);
    uint8_t *bytes = test_read_bytes(good, &size);
    assert_non_null(bytes);

    size_t at = find_sof0_height(bytes, size);
    assert_true(at > 0);
    bytes[at] = 32750 >> 8;
    bytes[at + 1] = 32750 & 0xFF;
    bytes[at + 2] = 65500 >> 8;
    bytes[at + 3] = 65500 & 0xFF;
    path_in_dir(path, "liar.jpg");
    assert_true(test_write_bytes(path, bytes, size));
    free(bytes);
    expect_refused(path, "too large: 65500x32750 pixels, at most 16384x8192");
}

static void folder_is_refused(void **state)
{
    char path[TEST_PATH_MAX];

    (void)state;
    path_in_dir(path, "a-folder.jpg");
    mkdir(path, 0755);
    expect_refused(path, "is a folder, not an image file");
}

static void jpeg_streams_in_strips(void **state)
{
    char path[TEST_PATH_MAX];
    struct pano_source *src;
    struct pano_image whole;
    struct pano_err err;
    int done = 0, got;

    (void)state;
    write_pattern_jpeg("strips.jpg", GOOD_W, GOOD_H, path);
    assert_int_equal(pano_image_load(path, 1, &whole, &err), PANO_OK);
    assert_int_equal(pano_source_open(path, 1, &src, &err), PANO_OK);

    const struct pano_source_info *info = pano_source_info(src);
    assert_int_equal(info->format, PANO_SOURCE_JPEG);
    assert_int_equal(info->width, GOOD_W);
    assert_int_equal(info->height, GOOD_H);

    size_t stride = (size_t)GOOD_W * 3;
    uint8_t *strip = malloc(STRIP_ROWS * stride);
    do {
        assert_int_equal(
            pano_source_read_rows(src, strip, STRIP_ROWS, &got, &err), PANO_OK);
        assert_memory_equal(strip, whole.rgb + done * stride, got * stride);
        done += got;
    } while (got > 0);
    assert_int_equal(done, GOOD_H);
    free(strip);
    pano_source_destroy(src);
    pano_image_finish(&whole);
}

static void jpeg_decodes_at_reduced_scale(void **state)
{
    char path[TEST_PATH_MAX];
    struct pano_image half;
    struct pano_err err;
    double x, y;

    (void)state;
    write_pattern_jpeg("scaled.jpg", GOOD_W, GOOD_H, path);
    assert_int_equal(pano_image_load(path, 2, &half, &err), PANO_OK);
    assert_int_equal(half.width, GOOD_W / 2);
    assert_int_equal(half.height, GOOD_H / 2);

    /* The front disc is still at the centre. */
    pano_equirect_from_dir(pano_dir_from_angles(0, 0), half.width, half.height,
                           &x, &y);
    const uint8_t *p = half.rgb + ((size_t)y * half.width + (size_t)x) * 3;
    assert_true(test_rgb_distance(p, test_spot_front.rgb) <= JPEG_TOLERANCE);
    pano_image_finish(&half);
}

static void png_decodes_exactly(void **state)
{
    char path[TEST_PATH_MAX];
    struct pano_image pattern, loaded;
    struct pano_err err;

    (void)state;
    path_in_dir(path, "exact.png");
    test_pattern_image(GOOD_W, GOOD_H, &pattern);
    assert_true(test_write_png(path, &pattern));
    assert_int_equal(pano_image_load(path, 1, &loaded, &err), PANO_OK);
    assert_int_equal(loaded.width, GOOD_W);
    assert_memory_equal(loaded.rgb, pattern.rgb, (size_t)GOOD_W * GOOD_H * 3);
    pano_image_finish(&pattern);
    pano_image_finish(&loaded);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(missing_file_is_refused),
        cmocka_unit_test(empty_file_is_refused),
        cmocka_unit_test(text_file_named_jpg_is_refused),
        cmocka_unit_test(truncated_jpeg_is_refused),
        cmocka_unit_test(truncated_png_is_refused),
        cmocka_unit_test(three_to_one_is_refused),
        cmocka_unit_test(too_small_is_refused),
        cmocka_unit_test(absurd_header_size_is_refused),
        cmocka_unit_test(folder_is_refused),
        cmocka_unit_test(jpeg_streams_in_strips),
        cmocka_unit_test(jpeg_decodes_at_reduced_scale),
        cmocka_unit_test(png_decodes_exactly),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
