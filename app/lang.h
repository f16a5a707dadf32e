/*
 * lang: the UI languages. zh-CN is the default; every visible string
 * exists in each of them.
 */
#ifndef VITRINE_LANG_H
#define VITRINE_LANG_H

#include <stdbool.h>

enum lang {
    LANG_ZH_CN,
    LANG_EN,
    LANG_COUNT,
};

/* "zh-CN" or "en". */
const char *lang_code(enum lang lang);

/* Parses a code as written in config and catalog files. */
bool lang_parse(const char *code, enum lang *out);

#endif
