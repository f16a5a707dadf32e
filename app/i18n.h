/*
 * i18n: every string the visitor can read, in each UI language.
 *
 * Strings are looked up by id; "{}" in a string marks where i18n_format
 * puts its argument (a model or dealership name). Prices are formatted
 * here too, the way each language writes them. Any thread; no state.
 */
#ifndef VITRINE_I18N_H
#define VITRINE_I18N_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"

enum str_id {
    STR_LANG_SWITCH,
    STR_TOUCH_TO_START,
    STR_ATTRACT_TAGLINE,
    STR_HOME_TITLE,
    STR_HOME_SUBTITLE,
    STR_FOLLOW_US,
    STR_BOOK_TEST_DRIVE,
    STR_VIEW_360,
    STR_SCENES_ONE, /* "{}" is the count */
    STR_SCENES_MANY,
    STR_BACK,
    STR_COMING_SOON,
    STR_VIEWER_TITLE,
    STR_VIEWER_SOON,
    STR_VIEWER_DETAIL,
    STR_BOOKING_TITLE,
    STR_BOOKING_SOON,
    STR_BOOKING_DETAIL,
    STR_FOLLOW_TITLE,
    STR_FOLLOW_SOON,
    STR_FOLLOW_DETAIL,
    STR_STAFF_TITLE,
    STR_STAFF_SOON,
    STR_STAFF_DETAIL,
    STR_IMAGE_UNAVAILABLE,
    STR_COUNT,
};

const char *i18n_get(enum lang lang, enum str_id id);

/* The string with its "{}" replaced by arg, into out (truncated to fit). */
const char *i18n_format(enum lang lang, enum str_id id, const char *arg,
                        char *out, size_t out_size);

/*
 * A starting price as a visitor reads it: "¥23.98万起" in zh-CN,
 * "From ¥239,800" in en.
 */
const char *i18n_price(enum lang lang, int64_t price_fen, char *out,
                       size_t out_size);

#endif
