/*
 * config: reading and printing the kiosk's JSON configuration.
 *
 * One table, keys[], describes every key: its dotted path in the file, its
 * kind, its range or choices, its default and where it lives in struct
 * config. Defaults, parsing and config_to_json all walk that table, so a
 * new key is one new row. The objects of the file ("dealership",
 * "dealership.name") have no rows of their own: a name is an object exactly
 * when some row's path continues below it.
 *
 * Parsing fills a temporary struct that is copied out only once the whole
 * file was accepted, so a failed load never leaves a half-read config.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "calendar.h"
#include "fsutil.h"

enum {
    FILE_MAX_BYTES = 1024 * 1024,
    KEY_PATH_MAX = 128,   /* longest dotted path that can name a key */
    SHOWN_CHARS_MAX = 24, /* characters of a bad value quoted back */
    NEAR_BYTES_MAX = 20,  /* bytes of JSON shown at a syntax error */
    SHOWN_KEY_CHARS_MAX = 64,
    QUOTED_MAX = SHOWN_CHARS_MAX * 4 + 40, /* quote_text's longest output */
    DESCRIPTION_MAX = QUOTED_MAX + 64,
    WORD_MAX = 64, /* longest name compared for a suggestion */
    SUGGEST_DISTANCE_MAX = 2,
    SUGGEST_WORD_MIN = 4, /* shortest '_' word of a name matched alone */
    SUGGEST_WORD_DISTANCE_MAX = 1,
};

enum kind {
    KIND_ID,     /* a short name of [A-Za-z0-9._-] */
    KIND_NAME,   /* UTF-8 text */
    KIND_PATH,   /* a file or folder, relative to the config file's folder */
    KIND_INT,    /* an integer from min to max */
    KIND_ENUM,   /* one of choices, stored as its index in an enum field */
    KIND_WORD,   /* one of choices, stored as text */
    KIND_LANG,   /* a UI language code, stored as enum lang */
    KIND_COLOUR, /* "#RRGGBB", stored as 0xRRGGBB */
    KIND_HOURS,  /* "09:00-18:00" or "closed", as struct calendar_hours */
    KIND_DATES,  /* an array of "YYYY-MM-DD", as struct config_dates */
};

struct key {
    const char *path;
    enum kind kind;
    size_t offset;
    size_t size;
    int min; /* KIND_INT: the smallest value; text: the shortest length */
    int max; /* KIND_INT: the largest value; text is at most size - 1 */
    const char *const *choices; /* KIND_ENUM and KIND_WORD; NULL-ended */
    const char *default_text;   /* every kind but KIND_INT, as in the file */
    int default_value;          /* KIND_INT */
};

struct parser {
    const char *name; /* the file, for messages and relative paths */
    struct config *cfg;
    char *err;
    size_t err_size;
};

/* Enum fields are read and written as int. */
_Static_assert(sizeof(enum lang) == sizeof(int), "enum lang is not an int");
_Static_assert(sizeof(enum config_idle_screen) == sizeof(int),
               "enum config_idle_screen is not an int");

/* The offset and size of a member of struct config, for a row of keys[]. */
#define FIELD(member)                                                          \
    offsetof(struct config, member), sizeof(((struct config *)0)->member)

static const char *const idle_screens[] = {
    [CONFIG_IDLE_ATTRACT] = "attract",
    [CONFIG_IDLE_HOME] = "home",
    NULL,
};

static const char *const log_levels[] = {
    "error", "warn", "info", "debug", NULL,
};

static const struct key keys[] = {
    {"kiosk_id", KIND_ID, FIELD(kiosk_id), .min = 1, .default_text = "kiosk-1"},
    {"language", KIND_LANG, FIELD(language), .default_text = "zh-CN"},
    {"dealership.name.zh-CN", KIND_NAME, FIELD(dealership.name[LANG_ZH_CN]),
     .min = 1, .default_text = "远航汽车"},
    {"dealership.name.en", KIND_NAME, FIELD(dealership.name[LANG_EN]), .min = 1,
     .default_text = "Voyage Motors"},
    {"dealership.logo", KIND_PATH, FIELD(dealership.logo_path),
     .default_text = ""},
    {"dealership.accent_color", KIND_COLOUR, FIELD(dealership.accent_rgb),
     .default_text = "#C8102E"},
    {"idle_timeout_s", KIND_INT, FIELD(idle_timeout_s), .min = 15, .max = 3600,
     .default_value = 90},
    {"idle_screen", KIND_ENUM, FIELD(idle_screen), .choices = idle_screens,
     .default_text = "attract"},
    {"attract_slide_s", KIND_INT, FIELD(attract_slide_s), .min = 3, .max = 60,
     .default_value = 7},
    {"content_dir", KIND_PATH, FIELD(content_dir), .default_text = ""},
    {"font_path", KIND_PATH, FIELD(font_path), .min = 1,
     .default_text = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"},
    {"font_index", KIND_INT, FIELD(font_index), .min = 0, .max = 63,
     .default_value = 2},
    {"font_bold_path", KIND_PATH, FIELD(font_bold_path), .min = 1,
     .default_text = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"},
    {"font_bold_index", KIND_INT, FIELD(font_bold_index), .min = 0, .max = 63,
     .default_value = 2},
    {"log_level", KIND_WORD, FIELD(log_level), .choices = log_levels,
     .default_text = "info"},
    {"booking.hours.mon", KIND_HOURS, FIELD(booking.hours[0]),
     .default_text = "09:00-18:00"},
    {"booking.hours.tue", KIND_HOURS, FIELD(booking.hours[1]),
     .default_text = "09:00-18:00"},
    {"booking.hours.wed", KIND_HOURS, FIELD(booking.hours[2]),
     .default_text = "09:00-18:00"},
    {"booking.hours.thu", KIND_HOURS, FIELD(booking.hours[3]),
     .default_text = "09:00-18:00"},
    {"booking.hours.fri", KIND_HOURS, FIELD(booking.hours[4]),
     .default_text = "09:00-18:00"},
    {"booking.hours.sat", KIND_HOURS, FIELD(booking.hours[5]),
     .default_text = "09:00-17:00"},
    {"booking.hours.sun", KIND_HOURS, FIELD(booking.hours[6]),
     .default_text = "10:00-17:00"},
    {"booking.slot_minutes", KIND_INT, FIELD(booking.slot_minutes), .min = 15,
     .max = 240, .default_value = 60},
    {"booking.days_ahead", KIND_INT, FIELD(booking.days_ahead), .min = 1,
     .max = 7, .default_value = 7},
    {"booking.min_lead_minutes", KIND_INT, FIELD(booking.min_lead_minutes),
     .min = 0, .max = 2880, .default_value = 120},
    {"booking.closed_dates", KIND_DATES, FIELD(booking.closed_dates),
     .default_text = ""},
    {"booking.retention_days", KIND_INT, FIELD(booking.retention_days),
     .min = 1, .max = 3650, .default_value = 30},
    {"booking.still_there_s", KIND_INT, FIELD(booking.still_there_s), .min = 5,
     .max = 60, .default_value = 15},
    {"viewer.auto_rotate_after_s", KIND_INT, FIELD(viewer.auto_rotate_after_s),
     .min = 0, .max = 600, .default_value = 20},
    {"viewer.auto_rotate_deg_per_s", KIND_INT,
     FIELD(viewer.auto_rotate_deg_per_s), .min = 1, .max = 30,
     .default_value = 4},
    {"viewer.tile_budget_mb", KIND_INT, FIELD(viewer.tile_budget_mb), .min = 8,
     .max = 1024, .default_value = 32},
    {"viewer.uploads_per_frame", KIND_INT, FIELD(viewer.uploads_per_frame),
     .min = 1, .max = 16, .default_value = 2},
};

enum { KEY_COUNT = sizeof(keys) / sizeof(keys[0]) };

static const char id_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "abcdefghijklmnopqrstuvwxyz"
                               "0123456789._-";

static const char hex_digits[] = "0123456789abcdefABCDEF";

static bool read_object(struct parser *p, const cJSON *object,
                        const char *prefix);

/* Length of the valid UTF-8 sequence at s; 0 for a bad or cut one. */
static size_t utf8_sequence_length(const unsigned char *s)
{
    size_t n;
    uint32_t code;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2;
    else if ((s[0] & 0xF0) == 0xE0)
        n = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4;
    else
        return 0;

    code = s[0] & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        code = code << 6 | (s[i] & 0x3Fu);
    }

    /* Overlong forms, UTF-16 surrogates and code points past Unicode. */
    if (n == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF)))
        return 0;
    if (n == 4 && (code < 0x10000 || code > 0x10FFFF))
        return 0;
    return n;
}

static bool is_continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

static bool utf8_valid(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;

    while (*s) {
        size_t n = utf8_sequence_length(s);

        if (n == 0)
            return false;
        s += n;
    }
    return true;
}

/*
 * Copies up to max_chars characters of text into out so that a message
 * stays one readable line: a control character or a byte that is not
 * UTF-8 shows as '?'. Returns how many bytes of text it used.
 */
static size_t copy_shown(char *out, size_t size, const char *text,
                         size_t max_chars)
{
    const unsigned char *in = (const unsigned char *)text;
    size_t from = 0;
    size_t to = 0;

    for (size_t chars = 0; chars < max_chars && in[from]; chars++) {
        size_t n = utf8_sequence_length(in + from);
        bool plain = n > 0 && in[from] >= 0x20 && in[from] != 0x7F;
        size_t step = plain ? n : 1;

        if (to + step >= size)
            break;
        if (plain)
            memcpy(out + to, in + from, n);
        else
            out[to] = '?';
        to += step;
        from += step;
    }
    out[to] = '\0';
    return from;
}

/* text in double quotes, cut short with its length when it is long. */
static void quote_text(char *out, size_t size, const char *text)
{
    char shown[SHOWN_CHARS_MAX * 4 + 1];
    size_t used = copy_shown(shown, sizeof shown, text, SHOWN_CHARS_MAX);

    if (text[used] == '\0')
        snprintf(out, size, "\"%s\"", shown);
    else
        snprintf(out, size, "\"%s...\" (%zu bytes)", shown, strlen(text));
}

static void append(char *out, size_t size, const char *text)
{
    size_t used = strlen(out);

    if (used < size)
        snprintf(out + used, size - used, "%s", text);
}

/* The shortest form that reads back as the same number: 90.5, not 90.5000. */
static void describe_number(double value, char *out, size_t size)
{
    if (value > -1e15 && value < 1e15 && value == (double)(long long)value) {
        snprintf(out, size, "%lld", (long long)value);
        return;
    }

    for (int digits = 1; digits <= 17; digits++) {
        snprintf(out, size, "%.*g", digits, value);
        if (strtod(out, NULL) == value)
            return;
    }
}

/* What a JSON value is, as the "got" half of a message. */
static void describe_value(const cJSON *item, char *out, size_t size)
{
    char quoted[QUOTED_MAX];

    if (cJSON_IsNull(item)) {
        snprintf(out, size, "null");
    } else if (cJSON_IsBool(item)) {
        snprintf(out, size, "%s", cJSON_IsTrue(item) ? "true" : "false");
    } else if (cJSON_IsNumber(item)) {
        describe_number(item->valuedouble, out, size);
    } else if (cJSON_IsString(item)) {
        quote_text(quoted, sizeof quoted, item->valuestring);
        snprintf(out, size, "a string %s", quoted);
    } else if (cJSON_IsArray(item)) {
        snprintf(out, size, "an array");
    } else if (cJSON_IsObject(item)) {
        snprintf(out, size, "an object");
    } else {
        snprintf(out, size, "an unreadable value");
    }
}

static void describe_choices(char *out, size_t size, const char *const *choices)
{
    snprintf(out, size, "one of ");
    for (size_t i = 0; choices[i]; i++) {
        append(out, size, i == 0 ? "\"" : ", \"");
        append(out, size, choices[i]);
        append(out, size, "\"");
    }
}

static void describe_languages(char *out, size_t size)
{
    const char *codes[LANG_COUNT + 1];

    for (int i = 0; i < LANG_COUNT; i++)
        codes[i] = lang_code((enum lang)i);
    codes[LANG_COUNT] = NULL;
    describe_choices(out, size, codes);
}

/* What a key accepts, as the "expected" half of a message. */
static void describe_expected(const struct key *key, char *out, size_t size)
{
    size_t longest = key->size - 1;

    switch (key->kind) {
    case KIND_ID:
        snprintf(out, size,
                 "a string of %d to %zu letters, digits, '.', '_' or '-'",
                 key->min, longest);
        break;
    case KIND_NAME:
        snprintf(out, size, "a string of %d to %zu bytes of UTF-8", key->min,
                 longest);
        break;
    case KIND_PATH:
        if (key->min == 0)
            snprintf(out, size, "a path of at most %zu bytes", longest);
        else
            snprintf(out, size, "a path of %d to %zu bytes", key->min, longest);
        break;
    case KIND_INT:
        snprintf(out, size, "an integer from %d to %d", key->min, key->max);
        break;
    case KIND_ENUM:
    case KIND_WORD:
        describe_choices(out, size, key->choices);
        break;
    case KIND_LANG:
        describe_languages(out, size);
        break;
    case KIND_COLOUR:
        snprintf(out, size, "a colour \"#RRGGBB\"");
        break;
    case KIND_HOURS:
        snprintf(out, size, "opening hours \"HH:MM-HH:MM\" or \"closed\"");
        break;
    case KIND_DATES:
        snprintf(out, size, "an array of at most %d dates \"YYYY-MM-DD\"",
                 CONFIG_CLOSED_DATES_MAX);
        break;
    }
}

/* Writes "config NAME: " and the message into err; returns false. */
static bool fail(struct parser *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static bool fail(struct parser *p, const char *fmt, ...)
{
    va_list args;
    int used;

    if (p->err_size == 0)
        return false;
    used = snprintf(p->err, p->err_size, "config %s: ", p->name);
    if (used < 0 || (size_t)used >= p->err_size)
        return false;

    va_start(args, fmt);
    vsnprintf(p->err + used, p->err_size - (size_t)used, fmt, args);
    va_end(args);
    return false;
}

static bool fail_key(struct parser *p, const char *path, const char *expected,
                     const char *got)
{
    return fail(p, "key \"%s\": expected %s, got %s", path, expected, got);
}

static bool reject_value(struct parser *p, const struct key *key,
                         const cJSON *item)
{
    char expected[DESCRIPTION_MAX];
    char got[DESCRIPTION_MAX];

    describe_expected(key, expected, sizeof expected);

    /* A string of the right type but the wrong content is just quoted. */
    if (key->kind != KIND_INT && key->kind != KIND_DATES &&
        cJSON_IsString(item))
        quote_text(got, sizeof got, item->valuestring);
    else
        describe_value(item, got, sizeof got);
    return fail_key(p, key->path, expected, got);
}

static bool reject_resolved(struct parser *p, const struct key *key,
                            const char *text)
{
    char expected[DESCRIPTION_MAX];
    char got[DESCRIPTION_MAX];

    describe_expected(key, expected, sizeof expected);
    append(expected, sizeof expected, " once made absolute");
    quote_text(got, sizeof got, text);
    return fail_key(p, key->path, expected, got);
}

static bool reject_object(struct parser *p, const char *path, const cJSON *item)
{
    char got[DESCRIPTION_MAX];

    describe_value(item, got, sizeof got);
    return fail_key(p, path, "an object", got);
}

static size_t line_of(const char *text, size_t offset)
{
    size_t line = 1;

    for (size_t i = 0; i < offset; i++)
        line += text[i] == '\n';
    return line;
}

/* text from start to end, cut to NEAR_BYTES_MAX bytes, for a message. */
static void show_near(char *out, size_t size, const char *text, size_t start,
                      size_t end)
{
    char part[NEAR_BYTES_MAX + 1];

    if (end - start > NEAR_BYTES_MAX) {
        end = start + NEAR_BYTES_MAX;
        while (end > start && is_continuation(text[end]))
            end--;
    }
    memcpy(part, text + start, end - start);
    part[end - start] = '\0';
    copy_shown(out, size, part, NEAR_BYTES_MAX);
}

/*
 * cJSON places some errors past the last token, as for a comma before the
 * final '}', so there the end of the last line is shown instead.
 */
static bool reject_json_end(struct parser *p, const char *text)
{
    char shown[NEAR_BYTES_MAX * 4 + 1];
    size_t end = strlen(text);
    size_t start;

    while (end > 0 && isspace((unsigned char)text[end - 1]))
        end--;
    if (end == 0)
        return fail(p, "line 1: not valid JSON: the file is empty");

    start = end;
    while (start > 0 && end - start < NEAR_BYTES_MAX && text[start - 1] != '\n')
        start--;
    while (start < end && (isspace((unsigned char)text[start]) ||
                           is_continuation(text[start])))
        start++;

    show_near(shown, sizeof shown, text, start, end);
    return fail(p, "line %zu: not valid JSON near \"%s\" at the end",
                line_of(text, end - 1), shown);
}

static bool reject_json(struct parser *p, const char *text, size_t offset)
{
    char shown[NEAR_BYTES_MAX * 4 + 1];
    size_t len = strlen(text);

    /* An error on blank space is shown at the next text, if any follows. */
    while (offset < len && isspace((unsigned char)text[offset]))
        offset++;
    if (offset >= len)
        return reject_json_end(p, text);

    show_near(shown, sizeof shown, text, offset,
              offset + strcspn(text + offset, "\r\n"));
    return fail(p, "line %zu: not valid JSON near \"%s\"",
                line_of(text, offset), shown);
}

static int edit_distance(const char *a, size_t a_len, const char *b,
                         size_t b_len)
{
    int row[WORD_MAX + 1];

    if (a_len > WORD_MAX || b_len > WORD_MAX)
        return INT_MAX;

    for (size_t j = 0; j <= b_len; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= a_len; i++) {
        int diagonal = row[0];

        row[0] = (int)i;
        for (size_t j = 1; j <= b_len; j++) {
            int above = row[j];
            int change = tolower((unsigned char)a[i - 1]) !=
                         tolower((unsigned char)b[j - 1]);
            int best = diagonal + change;

            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[b_len];
}

/* The name right below prefix ("" for the top level) in path, or NULL. */
static const char *name_below(const char *path, const char *prefix, size_t *len)
{
    size_t prefix_len = strlen(prefix);
    const char *name = path;
    const char *dot;

    if (prefix_len > 0) {
        if (strncmp(path, prefix, prefix_len) != 0 || path[prefix_len] != '.')
            return NULL;
        name = path + prefix_len + 1;
    }

    dot = strchr(name, '.');
    *len = dot ? (size_t)(dot - name) : strlen(name);
    return name;
}

static bool has_close_word(const char *name, const char *known, size_t len)
{
    size_t start = 0;

    while (start < len) {
        size_t end = start;

        while (end < len && known[end] != '_')
            end++;
        if (end - start >= SUGGEST_WORD_MIN &&
            edit_distance(name, strlen(name), known + start, end - start) <=
                SUGGEST_WORD_DISTANCE_MAX)
            return true;
        start = end + 1;
    }
    return false;
}

/*
 * The one known name holding a '_' word close to all of name, as
 * "accent_color" for "colour"; NULL when none or several do.
 */
static const char *match_word(const char *prefix, const char *name, size_t *len)
{
    const char *found = NULL;
    size_t found_len = 0;

    if (strlen(name) < SUGGEST_WORD_MIN)
        return NULL;

    for (size_t i = 0; i < KEY_COUNT; i++) {
        size_t known_len;
        const char *known = name_below(keys[i].path, prefix, &known_len);

        if (!known || !has_close_word(name, known, known_len))
            continue;
        if (found &&
            (found_len != known_len || strncmp(found, known, known_len) != 0))
            return NULL;
        found = known;
        found_len = known_len;
    }
    *len = found_len;
    return found;
}

/* A known key beside prefix that name was probably meant to be. */
static bool suggest_key(const char *prefix, const char *name, char *out,
                        size_t size)
{
    const char *best = NULL;
    size_t best_len = 0;
    int best_distance = SUGGEST_DISTANCE_MAX + 1;

    for (size_t i = 0; i < KEY_COUNT; i++) {
        size_t len;
        const char *known = name_below(keys[i].path, prefix, &len);
        int distance;

        if (!known)
            continue;
        distance = edit_distance(name, strlen(name), known, len);
        if (distance < best_distance && (size_t)distance < len) {
            best = known;
            best_len = len;
            best_distance = distance;
        }
    }

    if (!best)
        best = match_word(prefix, name, &best_len);
    if (!best)
        return false;
    snprintf(out, size, "%s%s%.*s", prefix, prefix[0] ? "." : "", (int)best_len,
             best);
    return true;
}

static bool reject_unknown(struct parser *p, const char *prefix,
                           const char *name)
{
    char path[KEY_PATH_MAX];
    char shown[SHOWN_KEY_CHARS_MAX * 4 + 1];
    char hint[KEY_PATH_MAX];

    snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", name);
    copy_shown(shown, sizeof shown, path, SHOWN_KEY_CHARS_MAX);

    if (suggest_key(prefix, name, hint, sizeof hint))
        return fail(p, "unknown key \"%s\" (did you mean \"%s\"?)", shown,
                    hint);
    return fail(p, "unknown key \"%s\"", shown);
}

static const struct key *find_key(const char *path)
{
    for (size_t i = 0; i < KEY_COUNT; i++) {
        if (strcmp(keys[i].path, path) == 0)
            return &keys[i];
    }
    return NULL;
}

/* True when some key lives below path, which makes path an object. */
static bool is_object_path(const char *path)
{
    size_t len = strlen(path);

    for (size_t i = 0; i < KEY_COUNT; i++) {
        if (strncmp(keys[i].path, path, len) == 0 && keys[i].path[len] == '.')
            return true;
    }
    return false;
}

/* A name holding a dot could pass for a nested key, so it is refused. */
static bool join_path(char *out, size_t size, const char *prefix,
                      const char *name)
{
    int n;

    if (strchr(name, '.'))
        return false;
    n = snprintf(out, size, "%s%s%s", prefix, prefix[0] ? "." : "", name);
    return n >= 0 && (size_t)n < size;
}

static bool appears_before(const cJSON *object, const cJSON *item)
{
    for (const cJSON *other = object->child; other != item;
         other = other->next) {
        if (strcmp(other->string, item->string) == 0)
            return true;
    }
    return false;
}

static void store_int(char *field, int value)
{
    memcpy(field, &value, sizeof value);
}

static int load_int(const char *field)
{
    int value;

    memcpy(&value, field, sizeof value);
    return value;
}

static int choice_index(const char *const *choices, const char *text)
{
    for (int i = 0; choices[i]; i++) {
        if (strcmp(choices[i], text) == 0)
            return i;
    }
    return -1;
}

static bool text_fits(const struct key *key, const char *text)
{
    size_t len = strlen(text);

    return len >= (size_t)key->min && len < key->size;
}

/* Zero-fills the rest of the field, so equal configs compare equal. */
static bool store_text(const struct key *key, const char *text, char *field)
{
    if (!text_fits(key, text))
        return false;
    memset(field, 0, key->size);
    memcpy(field, text, strlen(text));
    return true;
}

static bool store_id(const struct key *key, const char *text, char *field)
{
    if (strspn(text, id_chars) != strlen(text))
        return false;
    return store_text(key, text, field);
}

static bool store_name(const struct key *key, const char *text, char *field)
{
    if (!utf8_valid(text))
        return false;
    return store_text(key, text, field);
}

static bool store_word(const struct key *key, const char *text, char *field)
{
    if (choice_index(key->choices, text) < 0)
        return false;
    return store_text(key, text, field);
}

static bool store_enum(const struct key *key, const char *text, char *field)
{
    int index = choice_index(key->choices, text);

    if (index < 0)
        return false;
    store_int(field, index);
    return true;
}

static bool store_lang(const char *text, char *field)
{
    enum lang lang;

    if (!lang_parse(text, &lang))
        return false;
    store_int(field, (int)lang);
    return true;
}

static bool store_hours(const char *text, char *field)
{
    struct calendar_hours hours;

    if (!calendar_parse_hours(text, &hours))
        return false;
    memcpy(field, &hours, sizeof hours);
    return true;
}

static bool store_colour(const char *text, char *field)
{
    uint32_t rgb;

    if (strlen(text) != 7 || text[0] != '#' ||
        strspn(text + 1, hex_digits) != 6)
        return false;
    rgb = (uint32_t)strtoul(text + 1, NULL, 16);
    memcpy(field, &rgb, sizeof rgb);
    return true;
}

/* Checks text against a key that takes a string and stores it. */
static bool store_string(const struct key *key, const char *text, char *field)
{
    switch (key->kind) {
    case KIND_ID:
        return store_id(key, text, field);
    case KIND_NAME:
        return store_name(key, text, field);
    case KIND_PATH:
        return store_text(key, text, field);
    case KIND_ENUM:
        return store_enum(key, text, field);
    case KIND_WORD:
        return store_word(key, text, field);
    case KIND_LANG:
        return store_lang(text, field);
    case KIND_COLOUR:
        return store_colour(text, field);
    case KIND_HOURS:
        return store_hours(text, field);
    case KIND_INT:
    case KIND_DATES:
        break;
    }
    return false;
}

/*
 * The absolute folder of the config file called name. Relative paths are
 * made absolute so that config_to_json's output, read again, names the
 * same files instead of being resolved a second time.
 */
static bool absolute_folder(const char *name, char *out, size_t size)
{
    char folder[CONFIG_PATH_MAX];
    const char *inner = folder;
    size_t used;
    int n;

    if (!fs_dirname(folder, sizeof folder, name))
        return false;
    if (folder[0] == '/') {
        n = snprintf(out, size, "%s", folder);
        return n >= 0 && (size_t)n < size;
    }

    if (!getcwd(out, size))
        return false;
    while (strncmp(inner, "./", 2) == 0)
        inner += 2;
    if (strcmp(inner, ".") == 0)
        return true;

    used = strlen(out);
    n = snprintf(out + used, size - used, "%s%s",
                 out[used - 1] == '/' ? "" : "/", inner);
    return n >= 0 && (size_t)n < size - used;
}

static bool read_path(struct parser *p, const struct key *key,
                      const cJSON *item, char *field)
{
    const char *text = item->valuestring;
    char folder[CONFIG_PATH_MAX];
    char resolved[CONFIG_PATH_MAX];

    if (!text_fits(key, text))
        return reject_value(p, key, item);
    if (text[0] == '\0' || text[0] == '/')
        return store_text(key, text, field);

    if (!absolute_folder(p->name, folder, sizeof folder) ||
        !fs_join(resolved, sizeof resolved, folder, text) ||
        !store_text(key, resolved, field))
        return reject_resolved(p, key, text);
    return true;
}

static bool read_int(struct parser *p, const struct key *key, const cJSON *item,
                     char *field)
{
    double value = item->valuedouble;

    /* The range check comes first: the cast is defined only within it. */
    if (!cJSON_IsNumber(item) || value < key->min || value > key->max ||
        value != (double)(int)value)
        return reject_value(p, key, item);
    store_int(field, (int)value);
    return true;
}

/* An array of dates; a bad element is named by its index. */
static bool read_dates(struct parser *p, const struct key *key,
                       const cJSON *item, char *field)
{
    struct config_dates dates = {0};
    const cJSON *date;
    char got[DESCRIPTION_MAX];

    if (!cJSON_IsArray(item) ||
        cJSON_GetArraySize(item) > CONFIG_CLOSED_DATES_MAX)
        return reject_value(p, key, item);
    cJSON_ArrayForEach(date, item)
    {
        if (!cJSON_IsString(date) ||
            !calendar_parse_date(date->valuestring, &dates.ymd[dates.count])) {
            if (cJSON_IsString(date))
                quote_text(got, sizeof got, date->valuestring);
            else
                describe_value(date, got, sizeof got);
            return fail(p,
                        "key \"%s[%d]\": expected a date \"YYYY-MM-DD\", "
                        "got %s",
                        key->path, dates.count, got);
        }
        dates.count++;
    }
    memcpy(field, &dates, sizeof dates);
    return true;
}

static bool read_value(struct parser *p, const struct key *key,
                       const cJSON *item)
{
    char *field = (char *)p->cfg + key->offset;

    if (key->kind == KIND_INT)
        return read_int(p, key, item, field);
    if (key->kind == KIND_DATES)
        return read_dates(p, key, item, field);
    if (!cJSON_IsString(item))
        return reject_value(p, key, item);
    if (key->kind == KIND_PATH)
        return read_path(p, key, item, field);
    if (!store_string(key, item->valuestring, field))
        return reject_value(p, key, item);
    return true;
}

static bool read_member(struct parser *p, const cJSON *object,
                        const cJSON *item, const char *prefix)
{
    char path[KEY_PATH_MAX];
    const struct key *key = NULL;
    bool is_object = false;

    if (join_path(path, sizeof path, prefix, item->string)) {
        key = find_key(path);
        is_object = !key && is_object_path(path);
    }
    if (!key && !is_object)
        return reject_unknown(p, prefix, item->string);

    /* cJSON keeps both copies of a repeated key; we refuse to pick one. */
    if (appears_before(object, item))
        return fail(p, "key \"%s\" appears twice", path);

    if (key)
        return read_value(p, key, item);
    if (!cJSON_IsObject(item))
        return reject_object(p, path, item);
    return read_object(p, item, path);
}

static bool read_object(struct parser *p, const cJSON *object,
                        const char *prefix)
{
    for (const cJSON *item = object->child; item; item = item->next) {
        if (!read_member(p, object, item, prefix))
            return false;
    }
    return true;
}

static bool parse_text(struct parser *p, const char *text, size_t len)
{
    const char *end = NULL;
    cJSON *root;
    char got[DESCRIPTION_MAX];
    bool ok = false;

    if (strlen(text) != len)
        return fail(p, "line %zu: not valid JSON: a NUL byte",
                    line_of(text, strlen(text)));

    root = cJSON_ParseWithOpts(text, &end, true);
    if (!root)
        return reject_json(p, text, end ? (size_t)(end - text) : 0);

    if (!cJSON_IsObject(root)) {
        describe_value(root, got, sizeof got);
        fail(p, "expected an object at the top level, got %s", got);
        goto done;
    }
    ok = read_object(p, root, "");

done:
    cJSON_Delete(root);
    return ok;
}

/* Parses into a temporary and copies it to cfg only on success. */
static bool parse_into(struct config *cfg, struct parser *p, const char *text,
                       size_t len)
{
    struct config result;

    config_set_defaults(&result);
    p->cfg = &result;
    if (!parse_text(p, text, len))
        return false;
    memcpy(cfg, &result, sizeof result);
    return true;
}

static void start(struct config *cfg, char *err, size_t err_size)
{
    config_set_defaults(cfg);
    if (err_size > 0)
        err[0] = '\0';
}

void config_set_defaults(struct config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    for (size_t i = 0; i < KEY_COUNT; i++) {
        const struct key *key = &keys[i];
        char *field = (char *)cfg + key->offset;

        if (key->kind == KIND_INT)
            store_int(field, key->default_value);
        else if (key->kind != KIND_DATES)
            store_string(key, key->default_text, field);
    }
}

bool config_load(struct config *cfg, const char *path, bool *found, char *err,
                 size_t err_size)
{
    struct parser p = {.name = path, .err = err, .err_size = err_size};
    char *text;
    size_t len = 0;
    int error;
    bool ok;

    start(cfg, err, err_size);
    if (found)
        *found = false;

    /* fopen accepts a folder and only reading it fails, as EIO. */
    if (fs_is_dir(path))
        return fail(&p, "cannot read: %s", strerror(EISDIR));

    text = fs_read_file(path, FILE_MAX_BYTES, &len);
    if (!text) {
        error = errno;
        if (error == ENOENT)
            return true;
        if (error == EFBIG)
            return fail(&p, "cannot read: %s (the limit is %d MiB)",
                        strerror(error), FILE_MAX_BYTES / (1024 * 1024));
        return fail(&p, "cannot read: %s", strerror(error));
    }

    if (found)
        *found = true;
    ok = parse_into(cfg, &p, text, len);
    free(text);
    return ok;
}

bool config_parse(struct config *cfg, const char *json, const char *name,
                  char *err, size_t err_size)
{
    struct parser p = {.name = name, .err = err, .err_size = err_size};

    start(cfg, err, err_size);
    return parse_into(cfg, &p, json, strlen(json));
}

/* The object that holds the key at path, made as needed; leaf is its name. */
static cJSON *parent_object(cJSON *root, const char *path, const char **leaf)
{
    char name[KEY_PATH_MAX];
    const char *dot;

    while ((dot = strchr(path, '.'))) {
        size_t len = (size_t)(dot - path);
        cJSON *child;

        if (len >= sizeof name)
            return NULL;
        memcpy(name, path, len);
        name[len] = '\0';

        child = cJSON_GetObjectItemCaseSensitive(root, name);
        if (!child)
            child = cJSON_AddObjectToObject(root, name);
        if (!child)
            return NULL;
        root = child;
        path = dot + 1;
    }
    *leaf = path;
    return root;
}

static cJSON *make_choice(const char *const *choices, int index)
{
    for (int i = 0; choices[i]; i++) {
        if (i == index)
            return cJSON_CreateString(choices[i]);
    }
    return NULL;
}

static cJSON *make_colour(const char *field)
{
    uint32_t rgb;
    char text[16];

    memcpy(&rgb, field, sizeof rgb);
    snprintf(text, sizeof text, "#%06X", (unsigned)(rgb & 0xFFFFFFu));
    return cJSON_CreateString(text);
}

static cJSON *make_hours(const char *field)
{
    struct calendar_hours hours;
    char text[CALENDAR_HOURS_TEXT_MAX];

    memcpy(&hours, field, sizeof hours);
    calendar_format_hours(&hours, text, sizeof text);
    return cJSON_CreateString(text);
}

static cJSON *make_dates(const char *field)
{
    struct config_dates dates;
    cJSON *array = cJSON_CreateArray();
    char text[CALENDAR_DATE_TEXT_MAX];

    memcpy(&dates, field, sizeof dates);
    for (int i = 0; array && i < dates.count; i++) {
        calendar_format_date(dates.ymd[i], text, sizeof text);
        if (!cJSON_AddItemToArray(array, cJSON_CreateString(text))) {
            cJSON_Delete(array);
            return NULL;
        }
    }
    return array;
}

static cJSON *make_value(const struct key *key, const char *field)
{
    switch (key->kind) {
    case KIND_ID:
    case KIND_NAME:
    case KIND_PATH:
    case KIND_WORD:
        return cJSON_CreateString(field);
    case KIND_INT:
        return cJSON_CreateNumber(load_int(field));
    case KIND_ENUM:
        return make_choice(key->choices, load_int(field));
    case KIND_LANG:
        return cJSON_CreateString(lang_code((enum lang)load_int(field)));
    case KIND_COLOUR:
        return make_colour(field);
    case KIND_HOURS:
        return make_hours(field);
    case KIND_DATES:
        return make_dates(field);
    }
    return NULL;
}

static bool write_key(cJSON *root, const struct key *key, const char *field)
{
    const char *leaf = NULL;
    cJSON *parent = parent_object(root, key->path, &leaf);
    cJSON *value = make_value(key, field);

    if (!parent || !value || !cJSON_AddItemToObject(parent, leaf, value)) {
        cJSON_Delete(value);
        return false;
    }
    return true;
}

char *config_to_json(const struct config *cfg)
{
    cJSON *root = cJSON_CreateObject();
    char *text = NULL;

    if (!root)
        return NULL;
    for (size_t i = 0; i < KEY_COUNT; i++) {
        if (!write_key(root, &keys[i], (const char *)cfg + keys[i].offset))
            goto done;
    }
    text = cJSON_Print(root);

done:
    cJSON_Delete(root);
    return text;
}
