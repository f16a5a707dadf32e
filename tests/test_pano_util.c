#include "test_pano_util.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jpeglib.h>
#include <png.h>

#include "pano_fs.h"
#include "pano_reference.h"

const struct test_spot test_spot_front = {"front", 0, 0, 20, {230, 40, 40}};
const struct test_spot test_spot_right = {"right", 90, 0, 20, {40, 200, 60}};
const struct test_spot test_spot_back = {"back", 180, 0, 20, {40, 60, 230}};
const struct test_spot test_spot_left = {"left", -90, 0, 20, {230, 210, 40}};
const struct test_spot test_spot_up = {"up", 0, 90, 20, {220, 60, 220}};
const struct test_spot test_spot_down = {"down", 0, -90, 20, {40, 210, 220}};
const struct test_spot test_spot_marker = {
    "marker", 30, 30, 6, {255, 255, 255}};
const struct test_spot test_spot_marker_tail = {
    "marker tail", 42, 30, 3, {0, 0, 0}};
const struct test_spot test_spot_up_front = {
    "up-front", 0, 60, 5, {250, 140, 0}};
const struct test_spot test_spot_down_front = {
    "down-front", 0, -60, 5, {250, 140, 0}};
const struct test_rgb test_background = {90, 90, 90};

static const struct test_spot *const spots[] = {
    &test_spot_marker,     &test_spot_marker_tail, &test_spot_up_front,
    &test_spot_down_front, &test_spot_front,       &test_spot_right,
    &test_spot_back,       &test_spot_left,        &test_spot_up,
    &test_spot_down,
};

void test_scratch_dir(const char *tag, char out[TEST_PATH_MAX])
{
    const char *base = getenv("VITRINE_TEST_TMP");

    snprintf(out, TEST_PATH_MAX, "%s/pano-%s-%ld", base ? base : "/tmp", tag,
             (long)getpid());
    pano_fs_remove_tree(out, NULL);
    pano_fs_mkdirs(out, NULL);
}

void test_remove(const char *path)
{
    if (!getenv("VITRINE_KEEP_TEST_FILES"))
        pano_fs_remove_tree(path, NULL);
}

void test_join(char out[TEST_PATH_MAX], const char *dir, const char *name)
{
    int n = snprintf(out, TEST_PATH_MAX, "%s/%s", dir, name);

    if (n < 0 || n >= TEST_PATH_MAX)
        abort();
}

int test_count_entries(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *entry;
    int count = 0;

    if (!d)
        return -1;
    while ((entry = readdir(d))) {
        if (strncmp(entry->d_name, prefix, strlen(prefix)) == 0)
            count++;
    }
    closedir(d);
    return count;
}

struct spot_cone {
    struct pano_vec3 centre;
    double min_dot;
};

/* Centres and cone widths of the spots, worked out once. */
static const struct spot_cone *spot_cones(void)
{
    static struct spot_cone cones[sizeof(spots) / sizeof(spots[0])];
    static bool ready;

    for (size_t i = 0; !ready && i < sizeof(spots) / sizeof(spots[0]); i++) {
        cones[i].centre =
            pano_dir_from_angles(spots[i]->yaw_deg, spots[i]->pitch_deg);
        cones[i].min_dot = cos(pano_deg_to_rad(spots[i]->radius_deg));
    }
    ready = true;
    return cones;
}

struct test_rgb test_pattern_at(struct pano_vec3 dir)
{
    struct pano_vec3 d = pano_vec3_normalize(dir);
    const struct spot_cone *cones = spot_cones();

    for (size_t i = 0; i < sizeof(spots) / sizeof(spots[0]); i++) {
        if (pano_vec3_dot(d, cones[i].centre) > cones[i].min_dot)
            return spots[i]->rgb;
    }
    return test_background;
}

void test_pattern_image(int width, int height, struct pano_image *out)
{
    pano_image_alloc(out, width, height, NULL);
    for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
            struct pano_vec3 d =
                pano_dir_from_equirect(x + 0.5, y + 0.5, width, height);
            struct test_rgb c = test_pattern_at(d);
            uint8_t *p = out->rgb + ((size_t)y * width + x) * 3;

            p[0] = c.r;
            p[1] = c.g;
            p[2] = c.b;
        }
    }
}

void test_render_face(const struct pano_image *equirect, enum pano_face f,
                      int face_px, struct pano_image *out)
{
    pano_image_alloc(out, face_px, face_px, NULL);
    for (int y = 0; y < face_px; y++) {
        double t = 2.0 * (y + 0.5) / face_px - 1;

        for (int x = 0; x < face_px; x++) {
            double s = 2.0 * (x + 0.5) / face_px - 1;
            uint8_t *p = out->rgb + ((size_t)y * face_px + x) * 3;

            pano_equirect_sample_dir(equirect, pano_face_dir(f, s, t), p);
        }
    }
}

bool test_write_faces(const char *dir, const struct pano_image *equirect,
                      int face_px, bool jpeg,
                      char paths[PANO_FACE_COUNT][TEST_PATH_MAX])
{
    bool ok = true;

    for (int f = 0; ok && f < PANO_FACE_COUNT; f++) {
        struct pano_image face;
        char name[32];

        snprintf(name, sizeof(name), "%s.%s", pano_face_name(f),
                 jpeg ? "jpg" : "png");
        test_join(paths[f], dir, name);
        test_render_face(equirect, f, face_px, &face);
        ok = jpeg ? test_write_jpeg(paths[f], &face, 95)
                  : test_write_png(paths[f], &face);
        pano_image_finish(&face);
    }
    return ok;
}

bool test_write_jpeg(const char *path, const struct pano_image *image,
                     int quality)
{
    struct jpeg_compress_struct j;
    struct jpeg_error_mgr jerr;
    FILE *file = fopen(path, "wb");

    if (!file)
        return false;
    j.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&j);
    jpeg_stdio_dest(&j, file);
    j.image_width = (JDIMENSION)image->width;
    j.image_height = (JDIMENSION)image->height;
    j.input_components = 3;
    j.in_color_space = JCS_RGB;
    jpeg_set_defaults(&j);
    jpeg_set_quality(&j, quality, TRUE);
    jpeg_start_compress(&j, TRUE);
    while (j.next_scanline < j.image_height) {
        JSAMPROW row = image->rgb + (size_t)j.next_scanline * image->width * 3;

        jpeg_write_scanlines(&j, &row, 1);
    }
    jpeg_finish_compress(&j);
    jpeg_destroy_compress(&j);
    return fclose(file) == 0;
}

bool test_write_png(const char *path, const struct pano_image *image)
{
    png_image png = {.version = PNG_IMAGE_VERSION,
                     .width = (png_uint_32)image->width,
                     .height = (png_uint_32)image->height,
                     .format = PNG_FORMAT_RGB};

    return png_image_write_to_file(&png, path, 0, image->rgb, 0, NULL) != 0;
}

bool test_write_bytes(const char *path, const void *bytes, size_t size)
{
    FILE *file = fopen(path, "wb");

    if (!file)
        return false;

    bool ok = fwrite(bytes, 1, size, file) == size;
    return fclose(file) == 0 && ok;
}

uint8_t *test_read_bytes(const char *path, size_t *size)
{
    FILE *file = fopen(path, "rb");
    uint8_t *bytes = NULL;
    long len;

    if (!file)
        return NULL;
    if (fseek(file, 0, SEEK_END) == 0 && (len = ftell(file)) >= 0) {
        rewind(file);
        bytes = malloc((size_t)len + 1);
        if (bytes && fread(bytes, 1, (size_t)len, file) != (size_t)len) {
            free(bytes);
            bytes = NULL;
        }
        *size = (size_t)len;
    }
    fclose(file);
    return bytes;
}

int test_rgb_distance(const uint8_t *a, struct test_rgb b)
{
    int dr = abs(a[0] - b.r), dg = abs(a[1] - b.g), db = abs(a[2] - b.b);
    int m = dr > dg ? dr : dg;

    return m > db ? m : db;
}

void test_compare(const uint8_t *a, const uint8_t *b, size_t n, double *mae,
                  double *psnr_db)
{
    double abs_sum = 0, sq_sum = 0;

    for (size_t i = 0; i < n; i++) {
        double d = (double)a[i] - (double)b[i];

        abs_sum += fabs(d);
        sq_sum += d * d;
    }
    *mae = abs_sum / (double)n;

    double mse = sq_sum / (double)n;
    *psnr_db = mse == 0 ? INFINITY : 10 * log10(255.0 * 255.0 / mse);
}
