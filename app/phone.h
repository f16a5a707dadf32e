/*
 * phone: mainland China mobile numbers as a visitor types them.
 *
 * Spaces, dashes and a +86 or 86 prefix are accepted and stripped; what
 * remains must be 11 digits, 1[3-9] and nine more. Numbers are shown
 * grouped 3-4-4 and masked in logs and lists (138****5678). Pure, any
 * thread.
 */
#ifndef VITRINE_PHONE_H
#define VITRINE_PHONE_H

#include <stdbool.h>
#include <stddef.h>

enum {
    PHONE_DIGITS = 11,
    PHONE_GROUPED_MAX = 14, /* "138 1234 5678" and the NUL */
    PHONE_MASKED_MAX = 12,  /* "138****5678" and the NUL */
};

enum phone_problem {
    PHONE_VALID,
    PHONE_EMPTY,
    PHONE_BAD_CHARACTER, /* something other than digits, space, dash, + */
    PHONE_TOO_SHORT,
    PHONE_TOO_LONG,
    PHONE_NOT_MOBILE, /* 11 digits, but not 1[3-9]... */
};

/*
 * Normalizes input into out (PHONE_DIGITS + 1 bytes): the 11 digits when
 * valid. Returns what was wrong otherwise (out then holds "").
 */
enum phone_problem phone_normalize(const char *input, char *out,
                                   size_t out_size);

/*
 * Digits typed so far (0 to 11 of them) grouped as they grow: "138",
 * "138 1234", "138 1234 5678".
 */
void phone_group(const char *digits, char *out, size_t out_size);

/* "138****5678"; for anything but 11 digits, all stars of its length. */
void phone_mask(const char *digits, char *out, size_t out_size);

#endif
