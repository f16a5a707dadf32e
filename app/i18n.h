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
    STR_VIEWER_PREPARING,
    STR_VIEWER_HINT,
    STR_VIEWER_UNAVAILABLE_DETAIL,
    STR_BOOKING_TITLE,
    STR_FOLLOW_TITLE,
    STR_FOLLOW_SOON,
    STR_FOLLOW_DETAIL,
    STR_STAFF_TITLE,
    STR_STAFF_SOON,
    STR_STAFF_DETAIL,
    STR_IMAGE_UNAVAILABLE,
    /* The booking form. */
    STR_FORM_STEP, /* "{}" is "2 / 6" */
    STR_FORM_NEXT,
    STR_FORM_CANCEL,
    STR_FORM_MODEL_Q,
    STR_FORM_SLOT_Q,
    STR_FORM_NO_SLOTS,
    STR_FORM_TODAY,
    STR_FORM_TOMORROW,
    STR_FORM_NAME_Q,
    STR_FORM_NAME_HINT,
    STR_FORM_SURNAMES,
    STR_FORM_KEYBOARD,
    STR_FORM_SPACE,
    STR_FORM_DELETE,
    STR_FORM_CLEAR,
    STR_FORM_NAME_BAD,
    STR_FORM_PHONE_Q,
    STR_FORM_PHONE_HINT,
    STR_FORM_PHONE_BAD,
    STR_FORM_CONSENT_Q,
    STR_FORM_CONSENT_MAIN,
    STR_FORM_CONSENT_MARKETING,
    STR_FORM_NOTICE_LINK,
    STR_FORM_NOTICE_TITLE,
    STR_FORM_NOTICE_BODY, /* "{}" is the dealership's name */
    STR_FORM_CLOSE,
    STR_FORM_REVIEW_Q,
    STR_FORM_MODEL,
    STR_FORM_SLOT,
    STR_FORM_NAME,
    STR_FORM_PHONE,
    STR_FORM_NEWS,
    STR_FORM_MARKETING_YES,
    STR_FORM_MARKETING_NO,
    STR_FORM_SUBMIT,
    STR_FORM_SAVE_FAILED,
    STR_FORM_SLOT_GONE,
    STR_FORM_DONE_TITLE,
    STR_FORM_DONE_REF,
    STR_FORM_DONE_HINT,
    STR_FORM_DONE_QR,
    STR_FORM_FINISH,
    STR_FORM_STILL_THERE,
    STR_FORM_STILL_THERE_HINT, /* "{}" is seconds left */
    STR_FORM_CONTINUE,
    STR_COUNT,
};

const char *i18n_get(enum lang lang, enum str_id id);

/* The string with its "{}" replaced by arg, into out (truncated to fit). */
const char *i18n_format(enum lang lang, enum str_id id, const char *arg,
                        char *out, size_t out_size);

/* The same with each "{}" in turn replaced by the next of n args. */
const char *i18n_format_n(enum lang lang, enum str_id id,
                          const char *const *args, int n, char *out,
                          size_t out_size);

/*
 * A starting price as a visitor reads it: "¥23.98万起" in zh-CN,
 * "From ¥239,800" in en.
 */
const char *i18n_price(enum lang lang, int64_t price_fen, char *out,
                       size_t out_size);

#endif
