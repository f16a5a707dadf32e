#include "visitor_name.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

const char *const visitor_surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
    "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
};
const int visitor_surname_count =
    (int)(sizeof(visitor_surnames) / sizeof(visitor_surnames[0]));

const char *const visitor_titles[VISITOR_TITLE_COUNT] = {"先生", "女士"};

static const char *const english_title_labels[VISITOR_TITLE_COUNT] = {
    "先生 Mr", "女士 Ms"};

const char *visitor_title_label(int title, bool english)
{
    if (title < 0 || title >= VISITOR_TITLE_COUNT)
        return "";
    return english ? english_title_labels[title] : visitor_titles[title];
}

void visitor_name_compose(const char *surname, const char *title, char *out,
                          size_t out_size)
{
    snprintf(out, out_size, "%s%s", surname, title);
}

/*
 * Decodes one UTF-8 code point at s into *cp and returns its length, or 0
 * for a malformed, overlong or surrogate sequence.
 */
static size_t decode(const unsigned char *s, uint32_t *cp)
{
    size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
    static const uint32_t min_by_len[] = {0, 0, 0x80, 0x800, 0x10000};

    if (s[0] >= 0x80 && (s[0] < 0xC2 || s[0] > 0xF4))
        return 0;
    *cp = n == 1 ? s[0] : (uint32_t)(s[0] & (0x7F >> n));
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        *cp = (*cp << 6) | (s[i] & 0x3F);
    }
    if (*cp < min_by_len[n] || *cp > 0x10FFFF ||
        (*cp >= 0xD800 && *cp <= 0xDFFF))
        return 0;
    return n;
}

static bool is_letter(uint32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x3400 && cp <= 0x4DBF) || /* CJK extension A */
           (cp >= 0x4E00 && cp <= 0x9FFF) || /* CJK unified ideographs */
           (cp >= 0x20000 && cp <= 0x2A6DF); /* CJK extension B */
}

/* Marks that belong inside names: "Mary-Ann", "O'Neil", "阿依·买买提". */
static bool is_name_mark(uint32_t cp)
{
    return cp == '-' || cp == '\'' || cp == '.' || cp == 0xB7 || cp == 0x30FB;
}

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000; /* ideographic space */
}

struct cleaner {
    char *out;
    size_t size, used;
    int chars;
    bool letter, pending_space;
};

/* Appends one code point's bytes, with one space before it if pending. */
static enum name_problem put(struct cleaner *c, const unsigned char *s,
                             size_t n)
{
    size_t need = n + (c->pending_space ? 1 : 0);

    if (c->chars + (c->pending_space ? 2 : 1) > VISITOR_NAME_CHARS_MAX ||
        c->used + need + 1 > c->size)
        return NAME_TOO_LONG;
    if (c->pending_space) {
        c->out[c->used++] = ' ';
        c->chars++;
        c->pending_space = false;
    }
    memcpy(c->out + c->used, s, n);
    c->used += n;
    c->chars++;
    return NAME_VALID;
}

static enum name_problem clean_into(struct cleaner *c, const char *raw)
{
    const unsigned char *s = (const unsigned char *)raw;
    enum name_problem r;
    uint32_t cp;
    size_t n;

    while (*s) {
        n = decode(s, &cp);
        if (n == 0)
            return NAME_BAD_UTF8;
        if (is_space(cp)) {
            c->pending_space = c->chars > 0;
        } else if (is_letter(cp) || is_name_mark(cp)) {
            c->letter = c->letter || is_letter(cp);
            r = put(c, s, n);
            if (r != NAME_VALID)
                return r;
        } else {
            return NAME_BAD_CHARACTER;
        }
        s += n;
    }
    if (c->chars == 0)
        return NAME_EMPTY;
    return c->letter ? NAME_VALID : NAME_NO_LETTER;
}

enum name_problem visitor_name_clean(const char *raw, char *out,
                                     size_t out_size)
{
    struct cleaner c = {.out = out, .size = out_size};
    enum name_problem r;

    if (out_size == 0)
        return NAME_TOO_LONG;
    r = clean_into(&c, raw);
    out[r == NAME_VALID ? c.used : 0] = '\0';
    if (r != NAME_VALID)
        explicit_bzero(out, out_size);
    return r;
}
