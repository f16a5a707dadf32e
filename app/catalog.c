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
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"

enum {
    CATALOG_FILE_MAX_BYTES = 4 * 1024 * 1024,
    CATALOG_TEXT_MAX_BYTES = 255,
    WHERE_MAX = 128,  /* a JSON path, "models[63].scenes[15].initial_view" */
    QUOTE_MAX = 48,   /* a value quoted in a message */
    SNIPPET_MAX = 24, /* the text shown after a JSON syntax error */
};

static const double price_fen_max = 1e12;
static const struct catalog_view default_view = {
    .yaw_deg = 0,
    .pitch_deg = 0,
    .fov_deg = 90,
};

static const char *const root_keys[] = {"models", NULL};
static const char *const model_keys[] = {"id",    "name",   "price_fen",
                                         "photo", "scenes", NULL};
static const char *const scene_keys[] = {"id", "title", "image", "initial_view",
                                         NULL};
static const char *const view_keys[] = {"yaw_deg", "pitch_deg", "fov_deg",
                                        NULL};

struct parser {
    const char *name; /* the file, as messages call it */
    const char *base_dir;
    char *err;
    size_t err_size;
};

/*
 * Writes "catalog NAME: WHERE.KEY: message" to the caller's buffer. where
 * may be "" and key NULL when the message is about the file as a whole.
 * Always returns false, so a check can end with "return fail(...)".
 */
static bool fail(const struct parser *p, const char *where, const char *key,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static bool fail(const struct parser *p, const char *where, const char *key,
                 const char *fmt, ...)
{
    const char *dot = where[0] != '\0' && key ? "." : "";
    bool has_path = where[0] != '\0' || key;
    va_list args;
    int used;

    if (p->err_size == 0)
        return false;

    used = snprintf(p->err, p->err_size, "catalog %s: %s%s%s%s", p->name, where,
                    dot, key ? key : "", has_path ? ": " : "");
    if (used < 0 || (size_t)used >= p->err_size)
        return false;

    va_start(args, fmt);
    vsnprintf(p->err + used, p->err_size - (size_t)used, fmt, args);
    va_end(args);
    return false;
}

/* Control bytes would break the one-line message, so they become '?'. */
static void hide_control_bytes(char *s)
{
    for (; *s != '\0'; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = '?';
    }
}

/* Backs n off any UTF-8 continuation bytes so a cut keeps whole characters. */
static size_t utf8_cut(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    return n;
}

/* s in double quotes for a message, shortened with "..." when long. */
static const char *quote(char out[QUOTE_MAX], const char *s)
{
    size_t room = QUOTE_MAX - sizeof("\"...\"");
    size_t n = strlen(s);
    bool cut = n > room;

    if (cut)
        n = utf8_cut(s, room);
    snprintf(out, QUOTE_MAX, "\"%.*s%s\"", (int)n, s, cut ? "..." : "");
    hide_control_bytes(out);
    return out;
}

/* What a value is, for the "got ..." part of a message. */
static const char *describe(char out[QUOTE_MAX], const cJSON *item)
{
    if (cJSON_IsString(item))
        return quote(out, item->valuestring);
    if (cJSON_IsNumber(item)) {
        snprintf(out, QUOTE_MAX, "%.15g", item->valuedouble);
        return out;
    }
    if (cJSON_IsBool(item))
        return cJSON_IsTrue(item) ? "true" : "false";
    if (cJSON_IsNull(item))
        return "null";
    return cJSON_IsArray(item) ? "an array" : "an object";
}

static void format_where(char out[WHERE_MAX], const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Writes a JSON path. The deepest one this file makes is a third of
 * WHERE_MAX, so nothing is ever cut in practice.
 */
static void format_where(char out[WHERE_MAX], const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vsnprintf(out, WHERE_MAX, fmt, args);
    va_end(args);
}

static void join_where(char out[WHERE_MAX], const char *where, const char *key)
{
    format_where(out, "%s%s%s", where, where[0] != '\0' ? "." : "", key);
}

static bool is_listed(const char *key, const char *const *keys)
{
    for (; *keys; keys++) {
        if (strcmp(key, *keys) == 0)
            return true;
    }
    return false;
}

static bool appears_before(const cJSON *obj, const cJSON *item)
{
    for (const cJSON *other = obj->child; other != item; other = other->next) {
        if (strcmp(other->string, item->string) == 0)
            return true;
    }
    return false;
}

/*
 * cJSON keeps both copies of a repeated key and lookups see only the first,
 * so a repeat is refused rather than half ignored.
 */
static bool check_keys(const struct parser *p, const cJSON *obj,
                       const char *where, const char *const *keys)
{
    const cJSON *item;
    char q[QUOTE_MAX];

    cJSON_ArrayForEach(item, obj)
    {
        if (!is_listed(item->string, keys))
            return fail(p, where, NULL, "unknown key %s",
                        quote(q, item->string));
        if (appears_before(obj, item))
            return fail(p, where, NULL, "key %s is given twice",
                        quote(q, item->string));
    }
    return true;
}

static bool expect_object(const struct parser *p, const cJSON *item,
                          const char *where, const char *key)
{
    char got[QUOTE_MAX];

    if (cJSON_IsObject(item))
        return true;
    return fail(p, where, key, "expected an object, got %s",
                describe(got, item));
}

static const cJSON *require(const struct parser *p, const cJSON *obj,
                            const char *where, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

    if (!item)
        fail(p, where, NULL, "missing \"%s\"", key);
    return item;
}

static bool copy_string(const struct parser *p, const char *s,
                        const char *where, const char *key, char **out)
{
    *out = strdup(s);
    if (!*out)
        return fail(p, where, key, "out of memory");
    return true;
}

static bool is_valid_id(const char *id)
{
    size_t n = strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-");

    return n > 0 && n < CATALOG_ID_MAX && id[n] == '\0';
}

static bool parse_id(const struct parser *p, const cJSON *obj,
                     const char *where, char out[CATALOG_ID_MAX])
{
    const cJSON *item = require(p, obj, where, "id");
    char got[QUOTE_MAX];

    if (!item)
        return false;
    if (!cJSON_IsString(item) || !is_valid_id(item->valuestring))
        return fail(p, where, "id",
                    "expected 1 to %d characters of a-z, 0-9 and '-', "
                    "got %s",
                    CATALOG_ID_MAX - 1, describe(got, item));

    strcpy(out, item->valuestring);
    return true;
}

static bool parse_text(const struct parser *p, const cJSON *item,
                       const char *where, const char *key, char **out)
{
    char got[QUOTE_MAX];
    size_t n;

    if (!cJSON_IsString(item))
        return fail(p, where, key, "expected a string of 1 to %d bytes, got %s",
                    CATALOG_TEXT_MAX_BYTES, describe(got, item));

    n = strlen(item->valuestring);
    if (n == 0 || n > CATALOG_TEXT_MAX_BYTES)
        return fail(p, where, key,
                    "expected a string of 1 to %d bytes, got %zu bytes",
                    CATALOG_TEXT_MAX_BYTES, n);

    return copy_string(p, item->valuestring, where, key, out);
}

/* An object holding one string per UI language, such as "name". */
static bool parse_lang_strings(const struct parser *p, const cJSON *obj,
                               const char *where, const char *key,
                               char *out[LANG_COUNT])
{
    const cJSON *item = require(p, obj, where, key);
    const char *codes[LANG_COUNT + 1];
    char at[WHERE_MAX];

    if (!item)
        return false;
    join_where(at, where, key);
    if (!expect_object(p, item, at, NULL))
        return false;

    for (int i = 0; i < LANG_COUNT; i++)
        codes[i] = lang_code((enum lang)i);
    codes[LANG_COUNT] = NULL;
    if (!check_keys(p, item, at, codes))
        return false;

    for (int i = 0; i < LANG_COUNT; i++) {
        const cJSON *text = require(p, item, at, codes[i]);

        if (!text || !parse_text(p, text, at, codes[i], &out[i]))
            return false;
    }
    return true;
}

static bool parse_price(const struct parser *p, const cJSON *obj,
                        const char *where, int64_t *out)
{
    const cJSON *item = require(p, obj, where, "price_fen");
    char got[QUOTE_MAX];
    double fen;

    if (!item)
        return false;

    fen = item->valuedouble;
    if (!cJSON_IsNumber(item) || fen < 1 || fen > price_fen_max ||
        fen != floor(fen))
        return fail(p, where, "price_fen",
                    "expected an integer from 1 to %.0f, got %s", price_fen_max,
                    describe(got, item));

    *out = (int64_t)fen;
    return true;
}

/* A path to an image that must exist, taken from the catalog's folder. */
static bool parse_file(const struct parser *p, const cJSON *obj,
                       const char *where, const char *key, char **out)
{
    const cJSON *item = require(p, obj, where, key);
    char full[PATH_MAX];
    char got[QUOTE_MAX];

    if (!item)
        return false;
    if (!cJSON_IsString(item) || item->valuestring[0] == '\0')
        return fail(p, where, key, "expected a file path, got %s",
                    describe(got, item));

    if (!fs_join(full, sizeof(full), p->base_dir, item->valuestring))
        return fail(p, where, key, "path is too long: %s", describe(got, item));
    if (!fs_is_file(full))
        return fail(p, where, key, "file not found: %s", full);

    return copy_string(p, full, where, key, out);
}

/* An optional number in [min, max]; out keeps its default when absent. */
static bool parse_angle(const struct parser *p, const cJSON *obj,
                        const char *where, const char *key, double min,
                        double max, double *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    char got[QUOTE_MAX];

    if (!item)
        return true;
    if (!cJSON_IsNumber(item) || item->valuedouble < min ||
        item->valuedouble > max)
        return fail(p, where, key, "expected a number from %g to %g, got %s",
                    min, max, describe(got, item));

    *out = item->valuedouble;
    return true;
}

static bool parse_view(const struct parser *p, const cJSON *obj,
                       const char *where, struct catalog_view *view)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, "initial_view");
    char at[WHERE_MAX];

    *view = default_view;
    if (!item)
        return true;

    join_where(at, where, "initial_view");
    if (!expect_object(p, item, at, NULL) ||
        !check_keys(p, item, at, view_keys))
        return false;

    return parse_angle(p, item, at, "yaw_deg", -180, 180, &view->yaw_deg) &&
           parse_angle(p, item, at, "pitch_deg", -90, 90, &view->pitch_deg) &&
           parse_angle(p, item, at, "fov_deg", 20, 120, &view->fov_deg);
}

static bool parse_scene(const struct parser *p, const cJSON *item,
                        const char *where, struct catalog_scene *scene)
{
    if (!expect_object(p, item, where, NULL) ||
        !check_keys(p, item, where, scene_keys))
        return false;

    return parse_id(p, item, where, scene->id) &&
           parse_lang_strings(p, item, where, "title", scene->title) &&
           parse_file(p, item, where, "image", &scene->image_path) &&
           parse_view(p, item, where, &scene->initial_view);
}

static bool scene_id_is_taken(const struct catalog_model *model, size_t i)
{
    for (size_t j = 0; j < i; j++) {
        if (strcmp(model->scenes[j].id, model->scenes[i].id) == 0)
            return true;
    }
    return false;
}

/*
 * Checks an array's type and length and makes its zeroed elements; the
 * caller stores the count at once so a later failure frees them.
 */
static void *make_array(const struct parser *p, const cJSON *item,
                        const char *where, const char *key, const char *what,
                        int max, size_t element_size, size_t *count)
{
    char got[QUOTE_MAX];
    void *elements;
    int n;

    if (!cJSON_IsArray(item)) {
        fail(p, where, key, "expected an array of %s, got %s", what,
             describe(got, item));
        return NULL;
    }
    n = cJSON_GetArraySize(item);
    if (n < 1 || n > max) {
        fail(p, where, key, "expected 1 to %d %s, got %d", max, what, n);
        return NULL;
    }

    elements = calloc((size_t)n, element_size);
    if (!elements) {
        fail(p, where, key, "out of memory");
        return NULL;
    }
    *count = (size_t)n;
    return elements;
}

static bool parse_scenes(const struct parser *p, const cJSON *obj,
                         const char *where, struct catalog_model *model)
{
    const cJSON *item = require(p, obj, where, "scenes");
    const cJSON *element;
    size_t i = 0;

    if (!item)
        return false;
    model->scenes =
        make_array(p, item, where, "scenes", "scenes", CATALOG_SCENES_MAX,
                   sizeof(*model->scenes), &model->scene_count);
    if (!model->scenes)
        return false;

    cJSON_ArrayForEach(element, item)
    {
        char at[WHERE_MAX];
        char q[QUOTE_MAX];

        format_where(at, "%s.scenes[%zu]", where, i);
        if (!parse_scene(p, element, at, &model->scenes[i]))
            return false;
        if (scene_id_is_taken(model, i))
            return fail(p, at, "id", "%s is used twice",
                        quote(q, model->scenes[i].id));
        i++;
    }
    return true;
}

static bool parse_model(const struct parser *p, const cJSON *item,
                        const char *where, struct catalog_model *model)
{
    if (!expect_object(p, item, where, NULL) ||
        !check_keys(p, item, where, model_keys))
        return false;

    return parse_id(p, item, where, model->id) &&
           parse_lang_strings(p, item, where, "name", model->name) &&
           parse_price(p, item, where, &model->price_fen) &&
           parse_file(p, item, where, "photo", &model->photo_path) &&
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

static bool parse_models(const struct parser *p, const cJSON *item,
                         struct catalog *catalog)
{
    const cJSON *element;
    size_t i = 0;

    catalog->models =
        make_array(p, item, "", "models", "models", CATALOG_MODELS_MAX,
                   sizeof(*catalog->models), &catalog->model_count);
    if (!catalog->models)
        return false;

    cJSON_ArrayForEach(element, item)
    {
        char at[WHERE_MAX];
        char q[QUOTE_MAX];

        format_where(at, "models[%zu]", i);
        if (!parse_model(p, element, at, &catalog->models[i]))
            return false;
        if (model_id_is_taken(catalog, i))
            return fail(p, at, "id", "%s is used twice",
                        quote(q, catalog->models[i].id));
        i++;
    }
    return true;
}

static bool parse_root(const struct parser *p, const cJSON *root,
                       struct catalog *catalog)
{
    const cJSON *models;
    char got[QUOTE_MAX];

    if (!cJSON_IsObject(root))
        return fail(p, "", NULL, "expected an object at the top, got %s",
                    describe(got, root));
    if (!check_keys(p, root, "", root_keys))
        return false;

    models = require(p, root, "", "models");
    return models && parse_models(p, models, catalog);
}

/* at is where cJSON stopped, the same pointer cJSON_GetErrorPtr gives. */
static void report_syntax(const struct parser *p, const char *json,
                          const char *at)
{
    char snippet[SNIPPET_MAX];
    int line = 1;
    size_t n;

    if (!at) {
        fail(p, "", NULL, "not valid JSON");
        return;
    }
    for (const char *c = json; c < at; c++)
        line += *c == '\n';

    n = strcspn(at, "\r\n");
    if (n >= sizeof(snippet))
        n = utf8_cut(at, sizeof(snippet) - 1);
    memcpy(snippet, at, n);
    snippet[n] = '\0';
    hide_control_bytes(snippet);

    if (n > 0)
        fail(p, "", NULL, "line %d: not valid JSON near \"%s\"", line, snippet);
    else if (*at == '\0')
        fail(p, "", NULL, "line %d: not valid JSON, the text ends early", line);
    else
        fail(p, "", NULL, "line %d: not valid JSON at the end of the line",
             line);
}

/* Editors on Windows may start a UTF-8 file with a byte order mark. */
static const char *skip_bom(const char *text)
{
    return strncmp(text, "\xef\xbb\xbf", 3) == 0 ? text + 3 : text;
}

struct catalog *catalog_parse(const char *json, const char *name,
                              const char *base_dir, char *err, size_t err_size)
{
    struct parser p = {name, base_dir ? base_dir : "", err, err_size};
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
        fail(&p, "", NULL, "out of memory");
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

static void report_read_error(const struct parser *p, int error)
{
    if (error == EFBIG)
        fail(p, "", NULL, "larger than the %d MiB limit",
             CATALOG_FILE_MAX_BYTES / (1024 * 1024));
    else
        fail(p, "", NULL, "cannot read: %s", strerror(error));
}

struct catalog *catalog_load(const char *path, char *err, size_t err_size)
{
    struct parser p = {path, "", err, err_size};
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
        fail(&p, "", NULL, "contains a NUL byte");
        goto done;
    }
    if (!fs_dirname(base_dir, sizeof(base_dir), path)) {
        fail(&p, "", NULL, "path is too long");
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
    for (size_t i = 0; i < model->scene_count; i++) {
        free_strings(model->scenes[i].title);
        free(model->scenes[i].image_path);
    }
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
