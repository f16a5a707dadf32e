/*
 * Scripts are read a line at a time with a cursor over the line's bytes;
 * nothing is copied until an argument is known to be good. Each command is
 * one row of a table giving its keyword, the kinds of its arguments in order
 * and the usage shown when some are missing, so the parsing itself is the
 * same loop for every command.
 */
#include "script.h"

#include <SDL_keyboard.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"

enum {
    SCRIPT_FILE_MAX_BYTES = 1024 * 1024,
    SCRIPT_MS_MAX = 600000,
    SCRIPT_NAME_MAX = 64,
    SCRIPT_ARGS_MAX = 5,
    SCRIPT_CMDS_FIRST = 16,
    NUMBER_TOKEN_MAX = 64, /* longer is no sensible coordinate or scale */
    QUOTE_MAX = 48,        /* a token quoted in a message */
};

static const double coord_max = 100000;
static const double scale_max = 20;

enum arg_kind {
    ARG_NONE, /* ends a command's list */
    ARG_COORD,
    ARG_SCALE,
    ARG_MS,
    ARG_TEXT,  /* a quoted string, possibly empty */
    ARG_LABEL, /* a quoted string, not empty */
    ARG_KEY,
    ARG_NAME,
};

struct command {
    const char *keyword;
    enum script_op op;
    const char *usage;
    enum arg_kind args[SCRIPT_ARGS_MAX];
};

static const struct command commands[] = {
    {"tap", SCRIPT_TAP, "X Y", {ARG_COORD, ARG_COORD}},
    {"tap-on", SCRIPT_TAP_ON, "\"TEXT\"", {ARG_LABEL}},
    {"drag",
     SCRIPT_DRAG,
     "X1 Y1 X2 Y2 MS",
     {ARG_COORD, ARG_COORD, ARG_COORD, ARG_COORD, ARG_MS}},
    {"pinch",
     SCRIPT_PINCH,
     "CX CY SCALE MS",
     {ARG_COORD, ARG_COORD, ARG_SCALE, ARG_MS}},
    {"text", SCRIPT_TEXT, "\"TEXT\"", {ARG_TEXT}},
    {"key", SCRIPT_KEY, "NAME", {ARG_KEY}},
    {"wait", SCRIPT_WAIT, "MS", {ARG_MS}},
    {"screenshot", SCRIPT_SCREENSHOT, "NAME", {ARG_NAME}},
    {"dump-ui", SCRIPT_DUMP_UI, "NAME", {ARG_NAME}},
    {"expect-screen", SCRIPT_EXPECT_SCREEN, "NAME", {ARG_NAME}},
    {"quit", SCRIPT_QUIT, "", {ARG_NONE}},
};

enum { COMMAND_COUNT = sizeof(commands) / sizeof(commands[0]) };

struct parser {
    const char *name; /* the file, as messages call it */
    int line_no;
    const char *pos; /* next unread byte of the current line */
    const char *end; /* end of the current line, trailing blanks cut */
    char *err;
    size_t err_size;
};

/* A run of bytes in the current line; not NUL-terminated. */
struct token {
    const char *start;
    size_t len;
};

static bool fail(const struct parser *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Writes "NAME:LINE: message"; returns false for "return fail(...)". */
static bool fail(const struct parser *p, const char *fmt, ...)
{
    va_list args;
    int used;

    if (p->err_size == 0)
        return false;

    if (p->line_no > 0)
        used = snprintf(p->err, p->err_size, "%s:%d: ", p->name, p->line_no);
    else
        used = snprintf(p->err, p->err_size, "%s: ", p->name);
    if (used < 0 || (size_t)used >= p->err_size)
        return false;

    va_start(args, fmt);
    vsnprintf(p->err + used, p->err_size - (size_t)used, fmt, args);
    va_end(args);
    return false;
}

/*
 * A token in double quotes for a message, cut short on a UTF-8 boundary
 * when long; control bytes become '?' to keep the message one line.
 */
static const char *quote(char out[QUOTE_MAX], struct token t)
{
    size_t room = QUOTE_MAX - sizeof("\"...\"");
    size_t n = t.len;
    bool cut = n > room;

    if (cut) {
        n = room;
        while (n > 0 && ((unsigned char)t.start[n] & 0xc0) == 0x80)
            n--;
    }
    snprintf(out, QUOTE_MAX, "\"%.*s%s\"", (int)n, t.start, cut ? "..." : "");

    for (char *c = out; *c != '\0'; c++) {
        if ((unsigned char)*c < 0x20 || *c == 0x7f)
            *c = '?';
    }
    return out;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static void skip_blanks(struct parser *p)
{
    while (p->pos < p->end && is_blank(*p->pos))
        p->pos++;
}

static bool at_end(struct parser *p)
{
    skip_blanks(p);
    return p->pos == p->end;
}

static struct token next_token(struct parser *p)
{
    struct token t;

    skip_blanks(p);
    t.start = p->pos;
    while (p->pos < p->end && !is_blank(*p->pos))
        p->pos++;
    t.len = (size_t)(p->pos - t.start);
    return t;
}

static bool token_is(struct token t, const char *word)
{
    return strlen(word) == t.len && memcmp(t.start, word, t.len) == 0;
}

static char *token_dup(struct token t)
{
    char *copy = malloc(t.len + 1);

    if (copy) {
        memcpy(copy, t.start, t.len);
        copy[t.len] = '\0';
    }
    return copy;
}

/*
 * strtod also takes "inf", "nan" and hex floats, none of which a script
 * means as a coordinate, so only decimal notation gets that far.
 */
static bool token_to_double(struct token t, double *out)
{
    char buf[NUMBER_TOKEN_MAX];
    char *end;

    if (t.len == 0 || t.len >= sizeof(buf))
        return false;
    for (size_t i = 0; i < t.len; i++) {
        if (!strchr("0123456789+-.eE", t.start[i]))
            return false;
    }

    memcpy(buf, t.start, t.len);
    buf[t.len] = '\0';
    *out = strtod(buf, &end);
    return end == buf + t.len && isfinite(*out);
}

static bool parse_coord(struct parser *p, const char *keyword, float *out)
{
    struct token t = next_token(p);
    char q[QUOTE_MAX];
    double value;

    if (!token_to_double(t, &value) || value < 0 || value > coord_max)
        return fail(p, "%s: %s is not a coordinate from 0 to %g", keyword,
                    quote(q, t), coord_max);

    *out = (float)value;
    return true;
}

static bool parse_scale(struct parser *p, const char *keyword, float *out)
{
    struct token t = next_token(p);
    char q[QUOTE_MAX];
    double value = 0;

    /* Checked as a float, since a tiny double would round down to 0. */
    if (!token_to_double(t, &value) || (float)value <= 0 || value > scale_max)
        return fail(p, "%s: %s is not a scale above 0 and up to %g", keyword,
                    quote(q, t), scale_max);

    *out = (float)value;
    return true;
}

static bool is_whole_number(struct token t)
{
    for (size_t i = 0; i < t.len; i++) {
        if (t.start[i] < '0' || t.start[i] > '9')
            return false;
    }
    return t.len > 0;
}

static bool parse_ms(struct parser *p, const char *keyword, int *out)
{
    struct token t = next_token(p);
    char q[QUOTE_MAX];
    long ms = 0;

    if (!is_whole_number(t))
        return fail(p, "%s: %s is not a whole number of ms", keyword,
                    quote(q, t));

    for (size_t i = 0; i < t.len; i++) {
        ms = ms * 10 + (t.start[i] - '0');
        if (ms > SCRIPT_MS_MAX)
            return fail(p, "%s: %s is more than %d ms", keyword, quote(q, t),
                        SCRIPT_MS_MAX);
    }
    *out = (int)ms;
    return true;
}

static bool unescape(struct parser *p, char c, char *out)
{
    switch (c) {
    case '"':
    case '\\':
        *out = c;
        return true;
    case 'n':
        *out = '\n';
        return true;
    }

    if ((unsigned char)c > 0x20 && (unsigned char)c < 0x7f)
        return fail(p, "bad escape \"\\%c\" in string (use \\\", \\\\ or \\n)",
                    c);
    return fail(p, "bad escape in string (use \\\", \\\\ or \\n)");
}

/* The bytes between the quotes pass through as they are, UTF-8 or not. */
static bool parse_string(struct parser *p, const char *keyword,
                         bool allow_empty, char **out)
{
    const char *c = p->pos + 1;
    size_t n = 0;
    char *text;

    if (*p->pos != '"')
        return fail(p, "%s: the text must be in double quotes", keyword);

    /* Unescaped text is never longer than the rest of the line. */
    text = malloc((size_t)(p->end - p->pos));
    if (!text)
        return fail(p, "out of memory");

    for (; c < p->end && *c != '"'; c++) {
        if (*c != '\\') {
            text[n++] = *c;
            continue;
        }
        if (++c == p->end)
            break;
        if (!unescape(p, *c, &text[n++]))
            goto fail;
    }
    if (c == p->end) {
        fail(p, "unterminated string");
        goto fail;
    }
    if (n == 0 && !allow_empty) {
        fail(p, "%s needs a non-empty string", keyword);
        goto fail;
    }

    text[n] = '\0';
    p->pos = c + 1;
    *out = text;
    return true;

fail:
    free(text);
    return false;
}

static bool parse_key(struct parser *p, const char *keyword, char **out)
{
    struct token t = next_token(p);
    char q[QUOTE_MAX];
    char *name = token_dup(t);

    if (!name)
        return fail(p, "out of memory");
    if (SDL_GetKeyFromName(name) == SDLK_UNKNOWN) {
        free(name);
        return fail(p, "%s: unknown key name %s", keyword, quote(q, t));
    }

    *out = name;
    return true;
}

static bool is_valid_name(struct token t)
{
    static const char allowed[] = "abcdefghijklmnopqrstuvwxyz"
                                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                  "0123456789._-";

    if (t.len == 0 || t.len > SCRIPT_NAME_MAX || t.start[0] == '.')
        return false;
    for (size_t i = 0; i < t.len; i++) {
        if (!strchr(allowed, t.start[i]))
            return false;
    }
    return true;
}

static bool parse_name(struct parser *p, const char *keyword, char **out)
{
    struct token t = next_token(p);
    char q[QUOTE_MAX];

    if (!is_valid_name(t))
        return fail(p,
                    "%s: %s is not a name of up to %d letters, digits, "
                    "'.', '_' or '-' that does not start with '.'",
                    keyword, quote(q, t), SCRIPT_NAME_MAX);

    *out = token_dup(t);
    if (!*out)
        return fail(p, "out of memory");
    return true;
}

static bool parse_arg(struct parser *p, const struct command *command,
                      enum arg_kind kind, struct script_cmd *cmd,
                      int *coord_count)
{
    float *coords[] = {&cmd->x1, &cmd->y1, &cmd->x2, &cmd->y2};
    const char *keyword = command->keyword;

    switch (kind) {
    case ARG_COORD:
        return parse_coord(p, keyword, coords[(*coord_count)++]);
    case ARG_SCALE:
        return parse_scale(p, keyword, &cmd->scale);
    case ARG_MS:
        return parse_ms(p, keyword, &cmd->ms);
    case ARG_TEXT:
        return parse_string(p, keyword, true, &cmd->arg);
    case ARG_LABEL:
        return parse_string(p, keyword, false, &cmd->arg);
    case ARG_KEY:
        return parse_key(p, keyword, &cmd->arg);
    case ARG_NAME:
        return parse_name(p, keyword, &cmd->arg);
    case ARG_NONE:
        break;
    }
    return true;
}

static bool parse_args(struct parser *p, const struct command *command,
                       struct script_cmd *cmd)
{
    int coord_count = 0;
    struct token extra;
    char q[QUOTE_MAX];

    for (int i = 0; i < SCRIPT_ARGS_MAX && command->args[i] != ARG_NONE; i++) {
        if (at_end(p))
            return fail(p, "%s needs %s", command->keyword, command->usage);
        if (!parse_arg(p, command, command->args[i], cmd, &coord_count))
            return false;
    }

    if (at_end(p))
        return true;
    extra = next_token(p);
    return fail(p, "unexpected %s", quote(q, extra));
}

static const struct command *find_command(struct token word)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        if (token_is(word, commands[i].keyword))
            return &commands[i];
    }
    return NULL;
}

static bool append(struct parser *p, struct script *script, size_t *cap,
                   const struct script_cmd *cmd)
{
    if (script->count == *cap) {
        size_t bigger = *cap ? *cap * 2 : SCRIPT_CMDS_FIRST;
        struct script_cmd *cmds = realloc(script->cmds, bigger * sizeof(*cmds));

        if (!cmds)
            return fail(p, "out of memory");
        script->cmds = cmds;
        *cap = bigger;
    }

    script->cmds[script->count++] = *cmd;
    return true;
}

static bool parse_line(struct parser *p, struct script *script, size_t *cap)
{
    struct token word = next_token(p);
    const struct command *command = find_command(word);
    struct script_cmd cmd = {.line = p->line_no};
    char q[QUOTE_MAX];

    if (!command)
        return fail(p, "unknown command %s", quote(q, word));

    cmd.op = command->op;
    if (!parse_args(p, command, &cmd) || !append(p, script, cap, &cmd)) {
        free(cmd.arg);
        return false;
    }
    return true;
}

/*
 * Points the cursor at the line starting at start, without its leading and
 * trailing blanks or the '\r' of a CRLF, and returns where the next begins.
 */
static const char *start_line(struct parser *p, const char *start)
{
    const char *end = start + strcspn(start, "\n");
    const char *next = *end == '\n' ? end + 1 : end;

    while (end > start && (is_blank(end[-1]) || end[-1] == '\r'))
        end--;
    p->pos = start;
    p->end = end;
    p->line_no++;
    skip_blanks(p);
    return next;
}

static bool is_skipped(const struct parser *p)
{
    return p->pos == p->end || *p->pos == '#';
}

/* Editors on Windows may start a UTF-8 file with a byte order mark. */
static const char *skip_bom(const char *text)
{
    return strncmp(text, "\xef\xbb\xbf", 3) == 0 ? text + 3 : text;
}

struct script *script_parse(const char *text, const char *name, char *err,
                            size_t err_size)
{
    struct parser p = {.name = name, .err = err, .err_size = err_size};
    struct script *script = calloc(1, sizeof(*script));
    const char *line = skip_bom(text);
    size_t cap = 0;

    if (!script) {
        fail(&p, "out of memory");
        return NULL;
    }

    while (*line != '\0') {
        line = start_line(&p, line);
        if (!is_skipped(&p) && !parse_line(&p, script, &cap))
            goto fail;
    }
    return script;

fail:
    script_destroy(script);
    return NULL;
}

/* The line a NUL byte is on, so the message can point at it. */
static int line_of(const char *text, size_t offset)
{
    int line = 1;

    for (size_t i = 0; i < offset; i++)
        line += text[i] == '\n';
    return line;
}

struct script *script_load(const char *path, char *err, size_t err_size)
{
    struct parser p = {.name = path, .err = err, .err_size = err_size};
    struct script *script = NULL;
    size_t len = 0;
    char *text;

    text = fs_read_file(path, SCRIPT_FILE_MAX_BYTES, &len);
    if (!text && errno == EFBIG) {
        fail(&p, "larger than the %d MiB limit",
             SCRIPT_FILE_MAX_BYTES / (1024 * 1024));
        goto done;
    }
    if (!text) {
        fail(&p, "cannot read: %s", strerror(errno));
        goto done;
    }

    /* The parser would stop at a NUL and silently skip the rest. */
    if (strlen(text) != len) {
        p.line_no = line_of(text, strlen(text));
        fail(&p, "contains a NUL byte");
        goto done;
    }
    script = script_parse(text, path, err, err_size);

done:
    free(text);
    return script;
}

void script_destroy(struct script *script)
{
    if (!script)
        return;

    for (size_t i = 0; i < script->count; i++)
        free(script->cmds[i].arg);
    free(script->cmds);
    free(script);
}

const char *script_op_name(enum script_op op)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        if (commands[i].op == op)
            return commands[i].keyword;
    }
    return "?";
}
