/*
 * The catalog is checked in one pass over the cJSON tree. Each object's keys
 * are compared with the keys it may have before any value is read, so a typo
 * is reported as the unknown key it is rather than as the key it was meant
 * to be going missing.
 *
 * The struct is filled while walking. Every array is zeroed and its count set
 * before its elements are parsed, so on a failure catalog_destroy can free
 * whatever was made so far.
 */
#include "catalog.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_parse.h"
#include "catalog_scene.h"
#include "fsutil.h"

enum {
    CATALOG_FILE_MAX_BYTES = 4 * 1024 * 1024,
    SNIPPET_MAX = 24, /* the text shown after a JSON syntax error */
};

static const double price_fen_max = 1e12;

static const char *const root_keys[] = {"models", NULL};
static const char *const model_keys[] = {"id",    "name",   "price_fen",
                                         "photo", "scenes", NULL};

static bool parse_price(const struct cparse *p, const cJSON *obj,
                        const char *where, int64_t *out)
{
    const cJSON *item = cparse_require(p, obj, where, "price_fen");
    char got[CPARSE_QUOTE_MAX];
    double fen;

    if (!item)
        return false;

    fen = item->valuedouble;
    if (!cJSON_IsNumber(item) || fen < 1 || fen > price_fen_max ||
        fen != floor(fen))
        return cparse_fail(p, where, "price_fen",
                           "expected an integer from 1 to %.0f, got %s",
                           price_fen_max, cparse_describe(got, item));

    *out = (int64_t)fen;
    return true;
}

static bool scene_id_is_taken(const struct catalog_model *model, size_t i)
{
    for (size_t j = 0; j < i; j++) {
        if (strcmp(model->scenes[j].id, model->scenes[i].id) == 0)
            return true;
    }
    return false;
}

static bool parse_scenes(const struct cparse *p, const cJSON *obj,
                         const char *where, struct catalog_model *model)
{
    const cJSON *item = cparse_require(p, obj, where, "scenes");
    const cJSON *element;
    size_t i = 0;

    if (!item)
        return false;
    model->scenes = cparse_make_array(
        p, item, where, "scenes", "scenes", 1, CATALOG_SCENES_MAX,
        sizeof(*model->scenes), &model->scene_count);
    if (!model->scenes)
        return false;

    cJSON_ArrayForEach(element, item)
    {
        char at[CPARSE_WHERE_MAX];
        char q[CPARSE_QUOTE_MAX];

        cparse_format_where(at, "%s.scenes[%zu]", where, i);
        if (!catalog_scene_parse(p, element, at, &model->scenes[i]))
            return false;
        if (scene_id_is_taken(model, i))
            return cparse_fail(p, at, "id", "%s is used twice",
                               cparse_quote(q, model->scenes[i].id));
        i++;
    }
    return catalog_scene_link(p, where, model);
}

static bool parse_model(const struct cparse *p, const cJSON *item,
                        const char *where, struct catalog_model *model)
{
    if (!cparse_expect_object(p, item, where, NULL) ||
        !cparse_check_keys(p, item, where, model_keys))
        return false;

    return cparse_id(p, item, where, model->id) &&
           cparse_lang_strings(p, item, where, "name", model->name) &&
           parse_price(p, item, where, &model->price_fen) &&
           cparse_file(p, item, where, "photo", &model->photo_path) &&
           parse_scenes(p, item, where, model);
}

static bool model_id_is_taken(const struct catalog *catalog, size_t i)
{
    for (size_t j = 0; j < i; j++) {
        if (strcmp(catalog->models[j].id, catalog->models[i].id) == 0)
            return true;
    }
    return false;
}

static bool parse_models(const struct cparse *p, const cJSON *item,
                         struct catalog *catalog)
{
    const cJSON *element;
    size_t i = 0;

    catalog->models = cparse_make_array(
        p, item, "", "models", "models", 1, CATALOG_MODELS_MAX,
        sizeof(*catalog->models), &catalog->model_count);
    if (!catalog->models)
        return false;

    cJSON_ArrayForEach(element, item)
    {
        char at[CPARSE_WHERE_MAX];
        char q[CPARSE_QUOTE_MAX];

        cparse_format_where(at, "models[%zu]", i);
        if (!parse_model(p, element, at, &catalog->models[i]))
            return false;
        if (model_id_is_taken(catalog, i))
            return cparse_fail(p, at, "id", "%s is used twice",
                               cparse_quote(q, catalog->models[i].id));
        i++;
    }
    return true;
}

static bool parse_root(const struct cparse *p, const cJSON *root,
                       struct catalog *catalog)
{
    const cJSON *models;
    char got[CPARSE_QUOTE_MAX];

    if (!cJSON_IsObject(root))
        return cparse_fail(p, "", NULL, "expected an object at the top, got %s",
                           cparse_describe(got, root));
    if (!cparse_check_keys(p, root, "", root_keys))
        return false;

    models = cparse_require(p, root, "", "models");
    return models && parse_models(p, models, catalog);
}

/* at is where cJSON stopped, the same pointer cJSON_GetErrorPtr gives. */
static void report_syntax(const struct cparse *p, const char *json,
                          const char *at)
{
    char snippet[SNIPPET_MAX];
    int line = 1;
    size_t n;

    if (!at) {
        cparse_fail(p, "", NULL, "not valid JSON");
        return;
    }
    for (const char *c = json; c < at; c++)
        line += *c == '\n';

    n = strcspn(at, "\r\n");
    if (n >= sizeof(snippet))
        n = cparse_utf8_cut(at, sizeof(snippet) - 1);
    memcpy(snippet, at, n);
    snippet[n] = '\0';
    cparse_hide_control_bytes(snippet);

    if (n > 0)
        cparse_fail(p, "", NULL, "line %d: not valid JSON near \"%s\"", line,
                    snippet);
    else if (*at == '\0')
        cparse_fail(p, "", NULL, "line %d: not valid JSON, the text ends early",
                    line);
    else
        cparse_fail(p, "", NULL,
                    "line %d: not valid JSON at the end of the line", line);
}

/* Editors on Windows may start a UTF-8 file with a byte order mark. */
static const char *skip_bom(const char *text)
{
    return strncmp(text, "\xef\xbb\xbf", 3) == 0 ? text + 3 : text;
}

struct catalog *catalog_parse(const char *json, const char *name,
                              const char *base_dir, char *err, size_t err_size)
{
    struct cparse p = {name, base_dir ? base_dir : "", err, err_size};
    struct catalog *catalog = NULL;
    const char *end = NULL;
    cJSON *root;

    json = skip_bom(json);
    root = cJSON_ParseWithOpts(json, &end, true);
    if (!root) {
        report_syntax(&p, json, end);
        goto fail;
    }

    catalog = calloc(1, sizeof(*catalog));
    if (!catalog) {
        cparse_fail(&p, "", NULL, "out of memory");
        goto fail;
    }
    if (!parse_root(&p, root, catalog))
        goto fail;

    cJSON_Delete(root);
    return catalog;

fail:
    catalog_destroy(catalog);
    cJSON_Delete(root);
    return NULL;
}

static void report_read_error(const struct cparse *p, int error)
{
    if (error == EFBIG)
        cparse_fail(p, "", NULL, "larger than the %d MiB limit",
                    CATALOG_FILE_MAX_BYTES / (1024 * 1024));
    else
        cparse_fail(p, "", NULL, "cannot read: %s", strerror(error));
}

struct catalog *catalog_load(const char *path, char *err, size_t err_size)
{
    struct cparse p = {path, "", err, err_size};
    struct catalog *catalog = NULL;
    char base_dir[PATH_MAX];
    size_t len = 0;
    char *text;

    text = fs_read_file(path, CATALOG_FILE_MAX_BYTES, &len);
    if (!text) {
        report_read_error(&p, errno);
        goto done;
    }

    /* cJSON would stop at a NUL and never see the rest of the file. */
    if (strlen(text) != len) {
        cparse_fail(&p, "", NULL, "contains a NUL byte");
        goto done;
    }
    if (!fs_dirname(base_dir, sizeof(base_dir), path)) {
        cparse_fail(&p, "", NULL, "path is too long");
        goto done;
    }
    catalog = catalog_parse(text, path, base_dir, err, err_size);

done:
    free(text);
    return catalog;
}

static void free_strings(char *strings[LANG_COUNT])
{
    for (int i = 0; i < LANG_COUNT; i++)
        free(strings[i]);
}

static void free_model(struct catalog_model *model)
{
    for (size_t i = 0; i < model->scene_count; i++)
        catalog_scene_free(&model->scenes[i]);
    free(model->scenes);
    free_strings(model->name);
    free(model->photo_path);
}

void catalog_destroy(struct catalog *catalog)
{
    if (!catalog)
        return;

    for (size_t i = 0; i < catalog->model_count; i++)
        free_model(&catalog->models[i]);
    free(catalog->models);
    free(catalog);
}

const struct catalog_model *catalog_find(const struct catalog *catalog,
                                         const char *id)
{
    if (!catalog || !id)
        return NULL;

    for (size_t i = 0; i < catalog->model_count; i++) {
        if (strcmp(catalog->models[i].id, id) == 0)
            return &catalog->models[i];
    }
    return NULL;
}
