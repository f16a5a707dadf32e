/*
 * catalog_parse: checks on the cJSON values of catalog.json, shared by the
 * model and scene parsers. Every check that fails writes one line to the
 * parser's buffer, "catalog FILE: WHERE.KEY: what was expected, got what",
 * and returns false (or NULL), so a parser can end with "return check...".
 * Strings made here are the caller's to free. Any thread.
 */
#ifndef VITRINE_CATALOG_PARSE_H
#define VITRINE_CATALOG_PARSE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "lang.h"

enum {
    CPARSE_TEXT_MAX_BYTES = 255,
    CPARSE_WHERE_MAX = 128, /* "models[63].scenes[15].hotspots[15].label" */
    CPARSE_QUOTE_MAX = 48,  /* a value quoted in a message */
};

struct cparse {
    const char *name;     /* the file, as messages call it */
    const char *base_dir; /* relative paths are taken from here */
    char *err;
    size_t err_size;
};

bool cparse_fail(const struct cparse *p, const char *where, const char *key,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Control bytes become '?' so a message stays on one line. */
void cparse_hide_control_bytes(char *s);

/* Backs n off UTF-8 continuation bytes so a cut keeps whole characters. */
size_t cparse_utf8_cut(const char *s, size_t n);

/* s in double quotes, shortened with "..." when long. */
const char *cparse_quote(char out[CPARSE_QUOTE_MAX], const char *s);

/* What a value is, for the "got ..." part of a message. */
const char *cparse_describe(char out[CPARSE_QUOTE_MAX], const cJSON *item);

void cparse_format_where(char out[CPARSE_WHERE_MAX], const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cparse_join_where(char out[CPARSE_WHERE_MAX], const char *where,
                       const char *key);

/* Only keys from the NULL-ended list, none of them twice. */
bool cparse_check_keys(const struct cparse *p, const cJSON *obj,
                       const char *where, const char *const *keys);
bool cparse_expect_object(const struct cparse *p, const cJSON *item,
                          const char *where, const char *key);
const cJSON *cparse_require(const struct cparse *p, const cJSON *obj,
                            const char *where, const char *key);
bool cparse_copy_string(const struct cparse *p, const char *s,
                        const char *where, const char *key, char **out);

/* "id": 1 to CATALOG_ID_MAX - 1 characters of [a-z0-9-]. */
bool cparse_id(const struct cparse *p, const cJSON *obj, const char *where,
               char *out);

/* A string of 1 to CPARSE_TEXT_MAX_BYTES bytes. */
bool cparse_text(const struct cparse *p, const cJSON *item, const char *where,
                 const char *key, char **out);

/* An object holding one string per UI language, such as "name". */
bool cparse_lang_strings(const struct cparse *p, const cJSON *obj,
                         const char *where, const char *key,
                         char *out[LANG_COUNT]);

/* A path to a file that must exist, taken from base_dir. */
bool cparse_file(const struct cparse *p, const cJSON *obj, const char *where,
                 const char *key, char **out);

/* An optional number in [min, max]; out keeps its value when absent. */
bool cparse_angle(const struct cparse *p, const cJSON *obj, const char *where,
                  const char *key, double min, double max, double *out);

/*
 * Checks an array's type and length (min to max) and makes its zeroed
 * elements; the caller stores the count at once so a later failure frees
 * them. NULL when the array is refused or is empty and min is 0.
 */
void *cparse_make_array(const struct cparse *p, const cJSON *item,
                        const char *where, const char *key, const char *what,
                        int min, int max, size_t element_size, size_t *count);

#endif
