#include "lang.h"

#include <string.h>

static const char *const codes[LANG_COUNT] = {"zh-CN", "en"};

const char *lang_code(enum lang lang)
{
    return (unsigned)lang < LANG_COUNT ? codes[lang] : "?";
}

bool lang_parse(const char *code, enum lang *out)
{
    for (int i = 0; i < LANG_COUNT; i++) {
        if (strcmp(code, codes[i]) == 0) {
            *out = (enum lang)i;
            return true;
        }
    }
    return false;
}
