/*
 * visitor_name: how a visitor is addressed on a booking.
 *
 * Two ways in: a surname picked from a grid of the most common Chinese
 * surnames plus a title ("王" + "先生" = "王先生"), or a name typed on the
 * on-screen keyboard in pinyin or Latin letters ("Li Wei"), or in Chinese
 * through an IME. visitor_name_clean trims and checks either. Pure, any
 * thread; the tables are constant.
 */
#ifndef VITRINE_VISITOR_NAME_H
#define VITRINE_VISITOR_NAME_H

#include <stdbool.h>
#include <stddef.h>

enum {
    VISITOR_NAME_CHARS_MAX = 20, /* code points, after trimming */
    VISITOR_TITLE_COUNT = 2,
};

enum name_problem {
    NAME_VALID,
    NAME_EMPTY,         /* nothing but spaces */
    NAME_TOO_LONG,      /* more than VISITOR_NAME_CHARS_MAX characters */
    NAME_BAD_CHARACTER, /* a digit, a symbol, an emoji, a control byte */
    NAME_BAD_UTF8,      /* not valid UTF-8 */
    NAME_NO_LETTER,     /* only marks such as "-" or "." */
};

/* The surname grid, most common first: 王, 李, 张, ... */
extern const char *const visitor_surnames[];
extern const int visitor_surname_count;

/* 先生 (Mr) and 女士 (Ms), as saved in the name. */
extern const char *const visitor_titles[VISITOR_TITLE_COUNT];

/* A title's button label: "先生", or "先生 Mr" for an English visitor. */
const char *visitor_title_label(int title, bool english);

/* surname + title into out: "王先生". */
void visitor_name_compose(const char *surname, const char *title, char *out,
                          size_t out_size);

/*
 * Trims raw, folds runs of spaces into one and checks what is left: 1 to
 * VISITOR_NAME_CHARS_MAX characters of Chinese, Latin letters (accents
 * included), spaces and the marks · ' - . inside a name. The cleaned name
 * goes to out (NUL-terminated; "" unless NAME_VALID).
 */
enum name_problem visitor_name_clean(const char *raw, char *out,
                                     size_t out_size);

#endif
