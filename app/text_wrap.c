#include "text_wrap.h"

#include <stdint.h>
#include <string.h>

struct writer {
    char *out;
    size_t size, used;
    bool ok;
};

static void put(struct writer *w, const char *s, size_t n)
{
    if (!w->ok || w->used + n + 1 > w->size) {
        w->ok = false;
        return;
    }
    memcpy(w->out + w->used, s, n);
    w->used += n;
    w->out[w->used] = '\0';
}

/* Decodes one code point at s (bytes in *len); bad bytes count as one. */
static uint32_t decode(const char *s, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    size_t n;

    if (p[0] < 0x80) {
        *len = 1;
        return p[0];
    }
    n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 1;
    cp = n == 4 ? p[0] & 0x07u : n == 3 ? p[0] & 0x0Fu : p[0] & 0x1Fu;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    *len = n;
    return cp;
}

/* Han, kana, CJK punctuation and full-width forms: breakable around. */
static bool is_wide(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

static bool is_closing(uint32_t cp)
{
    static const uint32_t marks[] = {
        0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F,
        0xFF09, 0x300D, 0x300F, 0x3011, 0x300B, 0x3009, 0x2026, 0x00B7,
        ')',    ',',    '.',    ':',    ';',    '!',    '?',    0x00B0,
    };

    for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
        if (marks[i] == cp)
            return true;
    }
    return false;
}

static bool is_opening(uint32_t cp)
{
    return cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == 0x3010 ||
           cp == 0x300A || cp == 0x3008 || cp == '(';
}

/* May a line end between code points a and b? */
static bool can_break(uint32_t a, uint32_t b)
{
    if (b == ' ' || is_closing(b) || is_opening(a))
        return false;
    return a == ' ' || is_wide(a) || is_wide(b);
}

static size_t trim_end(const char *s, size_t start, size_t end)
{
    while (end > start && s[end - 1] == ' ')
        end--;
    return end;
}

static size_t skip_spaces(const char *s, size_t i, size_t end)
{
    while (i < end && s[i] == ' ')
        i++;
    return i;
}

static bool closing_at(const char *s, size_t i, size_t end)
{
    size_t len;

    return i < end && is_closing(decode(s + i, &len));
}

static size_t back_one(const char *s, size_t i)
{
    do {
        i--;
    } while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/*
 * A closing mark must not open the next line: a break before one moves
 * back to take the characters before it along. When that would leave
 * the line empty, the marks stay on it instead, past the edge.
 */
static size_t keep_marks_behind(const char *s, size_t line, size_t cut,
                                size_t end)
{
    size_t c = cut;

    while (c > line && closing_at(s, c, end))
        c = back_one(s, c);
    if (c > line)
        return c;
    c = cut;
    while (closing_at(s, c, end)) {
        size_t len;

        decode(s + c, &len);
        c += len;
    }
    return c;
}

static void wrap_paragraph(struct writer *w, const char *s, size_t end,
                           int max_px, text_measure_fn measure, void *ctx)
{
    size_t line = 0, brk = 0, i = 0;
    uint32_t prev = 0;

    while (i < end) {
        size_t len;
        uint32_t cp = decode(s + i, &len);

        if (i > line && can_break(prev, cp))
            brk = i;
        if (i > line && cp != ' ' &&
            measure(ctx, s + line, i + len - line) > max_px) {
            /* The last break opportunity, else (one long word) here. */
            size_t cut = keep_marks_behind(s, line, brk > line ? brk : i, end);

            put(w, s + line, trim_end(s, line, cut) - line);
            put(w, "\n", 1);
            line = skip_spaces(s, cut, end);
            brk = line;
            i = line;
            prev = 0;
            continue;
        }
        prev = cp;
        i += len;
    }
    put(w, s + line, trim_end(s, line, end) - line);
}

bool text_wrap(const char *utf8, int max_px, text_measure_fn measure, void *ctx,
               char *out, size_t out_size)
{
    struct writer w = {out, out_size, 0, out_size > 0};
    const char *p = utf8;

    if (w.ok)
        out[0] = '\0';
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);

        wrap_paragraph(&w, p, n, max_px, measure, ctx);
        if (!nl)
            break;
        put(&w, "\n", 1);
        p = nl + 1;
    }
    return w.ok;
}
