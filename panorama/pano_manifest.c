#include "pano_manifest.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "pano_math.h"
#include "pano_source.h"

enum {
    FACE_SIZE_STEP = 512,
    FACES_PER_CIRCLE = 4,
    MANIFEST_MAX_BYTES = 64 * 1024,
};

#define FORMAT_NAME "vitrine-panorama-bake"

static const char *const kind_names[] = {
    [PANO_INPUT_EQUIRECT] = "equirect",
    [PANO_INPUT_FACES] = "faces",
};

static int round_up(int v, int step)
{
    return (v + step - 1) / step * step;
}

static int ceil_div(int a, int b)
{
    return (a + b - 1) / b;
}

static void plan_levels(struct pano_manifest *m, enum pano_input_kind kind,
                        int width, int height, int detail_px)
{
    int face = round_up(detail_px, FACE_SIZE_STEP);

    *m = (struct pano_manifest){
        .version = PANO_BAKE_VERSION,
        .source_kind = kind,
        .source_width = width,
        .source_height = height,
        .tile_size = PANO_TILE_SIZE,
        .gutter = PANO_GUTTER,
    };
    for (;;) {
        struct pano_level_info *level = &m->levels[m->level_count++];

        level->face_size = face;
        level->tiles_per_side = ceil_div(face, PANO_TILE_SIZE);
        if (face <= PANO_TILE_SIZE || m->level_count == PANO_LEVELS_MAX)
            break;
        face /= 2;
    }
}

void pano_manifest_plan(struct pano_manifest *m, int source_width,
                        int source_height)
{
    plan_levels(m, PANO_INPUT_EQUIRECT, source_width, source_height,
                ceil_div(source_width, FACES_PER_CIRCLE));
}

void pano_manifest_plan_faces(struct pano_manifest *m, int face_px)
{
    plan_levels(m, PANO_INPUT_FACES, face_px, face_px, face_px);
}

int pano_manifest_border(const struct pano_manifest *m, int level)
{
    return m->gutter << (m->level_count - 1 - level);
}

int pano_manifest_tile_count(const struct pano_manifest *m)
{
    int count = 0;

    for (int k = 0; k < m->level_count; k++) {
        int n = m->levels[k].tiles_per_side;

        count += n * n * PANO_FACE_COUNT;
    }
    return count;
}

static int min_int(int a, int b)
{
    return a < b ? a : b;
}

struct pano_rect pano_manifest_tile_rect(const struct pano_manifest *m,
                                         int level, int row, int col)
{
    int face = m->levels[level].face_size;
    int x = col * m->tile_size;
    int y = row * m->tile_size;

    return (struct pano_rect){x, y, min_int(m->tile_size, face - x),
                              min_int(m->tile_size, face - y)};
}

/* ---- writing ---- */

static cJSON *levels_to_json(const struct pano_manifest *m)
{
    cJSON *levels = cJSON_CreateArray();

    for (int k = 0; levels && k < m->level_count; k++) {
        cJSON *level = cJSON_CreateObject();

        cJSON_AddItemToArray(levels, level);
        cJSON_AddNumberToObject(level, "face_size", m->levels[k].face_size);
        cJSON_AddNumberToObject(level, "tiles_per_side",
                                m->levels[k].tiles_per_side);
    }
    return levels;
}

static cJSON *faces_to_json(void)
{
    cJSON *faces = cJSON_CreateArray();

    for (int f = 0; faces && f < PANO_FACE_COUNT; f++)
        cJSON_AddItemToArray(faces, cJSON_CreateString(pano_face_name(f)));
    return faces;
}

static cJSON *manifest_to_json(const struct pano_manifest *m)
{
    cJSON *root = cJSON_CreateObject();

    cJSON_AddStringToObject(root, "format", FORMAT_NAME);
    cJSON_AddNumberToObject(root, "version", m->version);

    cJSON *source = cJSON_AddObjectToObject(root, "source");
    cJSON_AddStringToObject(source, "kind", kind_names[m->source_kind]);
    cJSON_AddNumberToObject(source, "width", m->source_width);
    cJSON_AddNumberToObject(source, "height", m->source_height);
    cJSON_AddStringToObject(source, "blake2b_256", m->content_hash);
    cJSON_AddNumberToObject(root, "tile_size", m->tile_size);
    cJSON_AddNumberToObject(root, "gutter", m->gutter);
    cJSON_AddStringToObject(root, "tile_format", "jpeg");
    cJSON_AddItemToObject(root, "faces", faces_to_json());
    cJSON_AddItemToObject(root, "levels", levels_to_json(m));
    return root;
}

static enum pano_result write_file_synced(const char *path, const char *text,
                                          struct pano_err *err)
{
    FILE *file = fopen(path, "w");

    if (!file)
        return pano_fail(err, PANO_E_IO, "%s: cannot create: %s", path,
                         strerror(errno));

    bool ok =
        fputs(text, file) >= 0 && fflush(file) == 0 && fsync(fileno(file)) == 0;
    int saved = errno;
    if (fclose(file) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok)
        return pano_fail(err, PANO_E_IO, "%s: cannot write: %s", path,
                         strerror(saved));
    return PANO_OK;
}

enum pano_result pano_manifest_write(const char *bake_dir,
                                     const struct pano_manifest *m,
                                     struct pano_err *err)
{
    char path[PATH_MAX];
    cJSON *root = manifest_to_json(m);
    char *text = root ? cJSON_Print(root) : NULL;
    enum pano_result r;

    snprintf(path, sizeof(path), "%s/%s", bake_dir, PANO_MANIFEST_NAME);
    if (text)
        r = write_file_synced(path, text, err);
    else
        r = pano_fail(err, PANO_E_NOMEM, "%s: no memory for the manifest",
                      path);
    cJSON_free(text);
    cJSON_Delete(root);
    return r;
}

/* ---- reading ---- */

static char *read_small_file(const char *path, struct pano_err *err,
                             enum pano_result *r)
{
    FILE *file = fopen(path, "rb");
    char *text = NULL;
    size_t got = 0;

    *r = PANO_OK;
    if (!file) {
        *r = pano_fail(err, PANO_E_IO, "%s: cannot open: %s", path,
                       strerror(errno));
        return NULL;
    }
    text = malloc(MANIFEST_MAX_BYTES + 1);
    if (text)
        got = fread(text, 1, MANIFEST_MAX_BYTES + 1, file);
    fclose(file);
    if (!text) {
        *r = pano_fail(err, PANO_E_NOMEM, "%s: no memory", path);
    } else if (got > MANIFEST_MAX_BYTES) {
        *r = pano_fail(err, PANO_E_INPUT, "%s: too long for a manifest", path);
        free(text);
        text = NULL;
    } else {
        text[got] = '\0';
    }
    return text;
}

static bool get_int(const cJSON *obj, const char *key, int *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

    if (!cJSON_IsNumber(item) || item->valuedouble < INT_MIN ||
        item->valuedouble > INT_MAX)
        return false;
    *out = (int)item->valuedouble;
    return *out == item->valuedouble;
}

static bool get_hash(const cJSON *source, char *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(source, "blake2b_256");
    const char *hex = cJSON_GetStringValue(item);

    if (!hex || strlen(hex) != PANO_HASH_HEX_LEN ||
        strspn(hex, "0123456789abcdef") != PANO_HASH_HEX_LEN)
        return false;
    memcpy(out, hex, PANO_HASH_HEX_LEN + 1);
    return true;
}

/* Absent in manifests written before faces were read: an equirect. */
static bool get_kind(const cJSON *source, enum pano_input_kind *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(source, "kind");
    const char *name = cJSON_GetStringValue(item);

    *out = PANO_INPUT_EQUIRECT;
    if (!item)
        return true;
    for (size_t k = 0; name && k < sizeof(kind_names) / sizeof(*kind_names);
         k++) {
        if (strcmp(name, kind_names[k]) == 0) {
            *out = (enum pano_input_kind)k;
            return true;
        }
    }
    return false;
}

static bool levels_from_json(const cJSON *levels, struct pano_manifest *m)
{
    const cJSON *level;
    int k = 0;

    if (!cJSON_IsArray(levels))
        return false;
    cJSON_ArrayForEach(level, levels)
    {
        if (k == PANO_LEVELS_MAX)
            return false;
        if (!get_int(level, "face_size", &m->levels[k].face_size) ||
            !get_int(level, "tiles_per_side", &m->levels[k].tiles_per_side))
            return false;
        k++;
    }
    m->level_count = k;
    return true;
}

static bool manifest_from_json(const cJSON *root, struct pano_manifest *m)
{
    const cJSON *source = cJSON_GetObjectItemCaseSensitive(root, "source");
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(root, "format");
    const char *name = cJSON_GetStringValue(format);

    return name && strcmp(name, FORMAT_NAME) == 0 &&
           get_int(root, "version", &m->version) &&
           get_kind(source, &m->source_kind) &&
           get_int(source, "width", &m->source_width) &&
           get_int(source, "height", &m->source_height) &&
           get_hash(source, m->content_hash) &&
           get_int(root, "tile_size", &m->tile_size) &&
           get_int(root, "gutter", &m->gutter) &&
           levels_from_json(cJSON_GetObjectItemCaseSensitive(root, "levels"),
                            m);
}

static bool plan_for_source(const struct pano_manifest *m,
                            struct pano_manifest *plan)
{
    int w = m->source_width, h = m->source_height;

    if (m->source_kind == PANO_INPUT_FACES) {
        if (w != h || w < PANO_FACE_MIN_PX || w > PANO_FACE_MAX_PX)
            return false;
        pano_manifest_plan_faces(plan, w);
        return true;
    }
    if (w < PANO_SOURCE_MIN_WIDTH || w > PANO_SOURCE_MAX_WIDTH ||
        h < PANO_SOURCE_MIN_HEIGHT || h > PANO_SOURCE_MAX_HEIGHT)
        return false;
    pano_manifest_plan(plan, w, h);
    return true;
}

static bool matches_plan(const struct pano_manifest *m)
{
    struct pano_manifest plan;

    if (!plan_for_source(m, &plan))
        return false;
    if (plan.tile_size != m->tile_size || plan.gutter != m->gutter ||
        plan.level_count != m->level_count)
        return false;
    for (int k = 0; k < plan.level_count; k++) {
        if (plan.levels[k].face_size != m->levels[k].face_size ||
            plan.levels[k].tiles_per_side != m->levels[k].tiles_per_side)
            return false;
    }
    return true;
}

static enum pano_result check_manifest(const char *path, const cJSON *root,
                                       struct pano_manifest *m,
                                       struct pano_err *err)
{
    if (!root || !manifest_from_json(root, m))
        return pano_fail(err, PANO_E_INPUT, "%s: not a valid bake manifest",
                         path);
    if (m->version != PANO_BAKE_VERSION)
        return pano_fail(err, PANO_E_INPUT,
                         "%s: bake format version %d, expected %d", path,
                         m->version, PANO_BAKE_VERSION);
    if (!matches_plan(m))
        return pano_fail(err, PANO_E_INPUT,
                         "%s: levels or tiles differ from this version's "
                         "plan for a %dx%d %s source",
                         path, m->source_width, m->source_height,
                         kind_names[m->source_kind]);
    return PANO_OK;
}

enum pano_result pano_manifest_load(const char *bake_dir,
                                    struct pano_manifest *m,
                                    struct pano_err *err)
{
    char path[PATH_MAX];
    enum pano_result r;

    *m = (struct pano_manifest){0};
    snprintf(path, sizeof(path), "%s/%s", bake_dir, PANO_MANIFEST_NAME);

    char *text = read_small_file(path, err, &r);
    if (!text)
        return r;

    cJSON *root = cJSON_Parse(text);
    r = check_manifest(path, root, m, err);
    cJSON_Delete(root);
    free(text);
    return r;
}
