/*
 * catalog_parse: the checks the catalog loader makes on cJSON values, each
 * failing with one message that names the file and the JSON path:
 * "catalog FILE: models[1].scenes[0].image: file not found: ...".
 * Shared by catalog.c (models) and catalog_scene.c (scenes). Any thread.
 */
#include "catalog_parse.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "fsutil.h"

/*
 * Writes "catalog NAME: WHERE.KEY: message" to the caller's buffer. where
 * may be "" and key NULL when the message is about the file as a whole.
 * Always returns false, so a check can end with "return cparse_fail(...)".
 */
bool cparse_fail(const struct cparse *p, const char *where, const char *key,
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
void cparse_hide_control_bytes(char *s)
{
    for (; *s != '\0'; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = '?';
    }
}

/* Backs n off any UTF-8 continuation bytes so a cut keeps whole characters. */
size_t cparse_utf8_cut(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    return n;
}

/* s in double quotes for a message, shortened with "..." when long. */
const char *cparse_quote(char out[CPARSE_QUOTE_MAX], const char *s)
{
    size_t room = CPARSE_QUOTE_MAX - sizeof("\"...\"");
    size_t n = strlen(s);
    bool cut = n > room;

    if (cut)
        n = cparse_utf8_cut(s, room);
    snprintf(out, CPARSE_QUOTE_MAX, "\"%.*s%s\"", (int)n, s, cut ? "..." : "");
    cparse_hide_control_bytes(out);
    return out;
}

/* What a value is, for the "got ..." part of a message. */
const char *cparse_describe(char out[CPARSE_QUOTE_MAX], const cJSON *item)
{
    if (cJSON_IsString(item))
        return cparse_quote(out, item->valuestring);
    if (cJSON_IsNumber(item)) {
        snprintf(out, CPARSE_QUOTE_MAX, "%.15g", item->valuedouble);
        return out;
    }
    if (cJSON_IsBool(item))
        return cJSON_IsTrue(item) ? "true" : "false";
    if (cJSON_IsNull(item))
        return "null";
    return cJSON_IsArray(item) ? "an array" : "an object";
}

/*
 * Writes a JSON path. The deepest one this file makes is a third of
 * CPARSE_WHERE_MAX, so nothing is ever cut in practice.
 */
void cparse_format_where(char out[CPARSE_WHERE_MAX], const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vsnprintf(out, CPARSE_WHERE_MAX, fmt, args);
    va_end(args);
}

void cparse_join_where(char out[CPARSE_WHERE_MAX], const char *where,
                       const char *key)
{
    cparse_format_where(out, "%s%s%s", where, where[0] != '\0' ? "." : "", key);
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
bool cparse_check_keys(const struct cparse *p, const cJSON *obj,
                       const char *where, const char *const *keys)
{
    const cJSON *item;
    char q[CPARSE_QUOTE_MAX];

    cJSON_ArrayForEach(item, obj)
    {
        if (!is_listed(item->string, keys))
            return cparse_fail(p, where, NULL, "unknown key %s",
                               cparse_quote(q, item->string));
        if (appears_before(obj, item))
            return cparse_fail(p, where, NULL, "key %s is given twice",
                               cparse_quote(q, item->string));
    }
    return true;
}

bool cparse_expect_object(const struct cparse *p, const cJSON *item,
                          const char *where, const char *key)
{
    char got[CPARSE_QUOTE_MAX];

    if (cJSON_IsObject(item))
        return true;
    return cparse_fail(p, where, key, "expected an object, got %s",
                       cparse_describe(got, item));
}

const cJSON *cparse_require(const struct cparse *p, const cJSON *obj,
                            const char *where, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

    if (!item)
        cparse_fail(p, where, NULL, "missing \"%s\"", key);
    return item;
}

bool cparse_copy_string(const struct cparse *p, const char *s,
                        const char *where, const char *key, char **out)
{
    *out = strdup(s);
    if (!*out)
        return cparse_fail(p, where, key, "out of memory");
    return true;
}

static bool is_valid_id(const char *id)
{
    size_t n = strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-");

    return n > 0 && n < CATALOG_ID_MAX && id[n] == '\0';
}

bool cparse_id(const struct cparse *p, const cJSON *obj, const char *where,
               char *out)
{
    const cJSON *item = cparse_require(p, obj, where, "id");
    char got[CPARSE_QUOTE_MAX];

    if (!item)
        return false;
    if (!cJSON_IsString(item) || !is_valid_id(item->valuestring))
        return cparse_fail(p, where, "id",
                           "expected 1 to %d characters of a-z, 0-9 and '-', "
                           "got %s",
                           CATALOG_ID_MAX - 1, cparse_describe(got, item));

    strcpy(out, item->valuestring);
    return true;
}

bool cparse_text(const struct cparse *p, const cJSON *item, const char *where,
                 const char *key, char **out)
{
    char got[CPARSE_QUOTE_MAX];
    size_t n;

    if (!cJSON_IsString(item))
        return cparse_fail(p, where, key,
                           "expected a string of 1 to %d bytes, got %s",
                           CPARSE_TEXT_MAX_BYTES, cparse_describe(got, item));

    n = strlen(item->valuestring);
    if (n == 0 || n > CPARSE_TEXT_MAX_BYTES)
        return cparse_fail(p, where, key,
                           "expected a string of 1 to %d bytes, got %zu bytes",
                           CPARSE_TEXT_MAX_BYTES, n);

    return cparse_copy_string(p, item->valuestring, where, key, out);
}

/* An object holding one string per UI language, such as "name". */
bool cparse_lang_strings(const struct cparse *p, const cJSON *obj,
                         const char *where, const char *key,
                         char *out[LANG_COUNT])
{
    const cJSON *item = cparse_require(p, obj, where, key);
    const char *codes[LANG_COUNT + 1];
    char at[CPARSE_WHERE_MAX];

    if (!item)
        return false;
    cparse_join_where(at, where, key);
    if (!cparse_expect_object(p, item, at, NULL))
        return false;

    for (int i = 0; i < LANG_COUNT; i++)
        codes[i] = lang_code((enum lang)i);
    codes[LANG_COUNT] = NULL;
    if (!cparse_check_keys(p, item, at, codes))
        return false;

    for (int i = 0; i < LANG_COUNT; i++) {
        const cJSON *text = cparse_require(p, item, at, codes[i]);

        if (!text || !cparse_text(p, text, at, codes[i], &out[i]))
            return false;
    }
    return true;
}

/* A path to an image that must exist, taken from the catalog's folder. */
bool cparse_file(const struct cparse *p, const cJSON *obj, const char *where,
                 const char *key, char **out)
{
    const cJSON *item = cparse_require(p, obj, where, key);
    char full[PATH_MAX];
    char got[CPARSE_QUOTE_MAX];

    if (!item)
        return false;
    if (!cJSON_IsString(item) || item->valuestring[0] == '\0')
        return cparse_fail(p, where, key, "expected a file path, got %s",
                           cparse_describe(got, item));

    if (!fs_join(full, sizeof(full), p->base_dir, item->valuestring))
        return cparse_fail(p, where, key, "path is too long: %s",
                           cparse_describe(got, item));
    if (!fs_is_file(full))
        return cparse_fail(p, where, key, "file not found: %s", full);

    return cparse_copy_string(p, full, where, key, out);
}

/* An optional number in [min, max]; out keeps its default when absent. */
bool cparse_angle(const struct cparse *p, const cJSON *obj, const char *where,
                  const char *key, double min, double max, double *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    char got[CPARSE_QUOTE_MAX];

    if (!item)
        return true;
    if (!cJSON_IsNumber(item) || item->valuedouble < min ||
        item->valuedouble > max)
        return cparse_fail(p, where, key,
                           "expected a number from %g to %g, got %s", min, max,
                           cparse_describe(got, item));

    *out = item->valuedouble;
    return true;
}

/*
 * Checks an array's type and length and makes its zeroed elements; the
 * caller stores the count at once so a later failure frees them.
 */
void *cparse_make_array(const struct cparse *p, const cJSON *item,
                        const char *where, const char *key, const char *what,
                        int min, int max, size_t element_size, size_t *count)
{
    char got[CPARSE_QUOTE_MAX];
    void *elements;
    int n;

    if (!cJSON_IsArray(item)) {
        cparse_fail(p, where, key, "expected an array of %s, got %s", what,
                    cparse_describe(got, item));
        return NULL;
    }
    n = cJSON_GetArraySize(item);
    *count = 0;
    if (n < min || n > max) {
        cparse_fail(p, where, key, "expected %d to %d %s, got %d", min, max,
                    what, n);
        return NULL;
    }
    if (n == 0)
        return NULL;

    elements = calloc((size_t)n, element_size);
    if (!elements) {
        cparse_fail(p, where, key, "out of memory");
        return NULL;
    }
    *count = (size_t)n;
    return elements;
}
