#include "phone.h"

#include <stdio.h>
#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The digits of input, without separators; false on any other byte. */
static bool collect_digits(const char *input, char *digits, size_t size,
                           size_t *count)
{
    size_t n = 0;

    for (const char *p = input; *p; p++) {
        if (*p == ' ' || *p == '-' || (*p == '+' && p == input))
            continue;
        if (!is_digit(*p))
            return false;
        if (n + 1 < size)
            digits[n] = *p;
        n++;
    }
    digits[n < size ? n : size - 1] = '\0';
    *count = n;
    return true;
}

enum phone_problem phone_normalize(const char *input, char *out,
                                   size_t out_size)
{
    char digits[32];
    const char *d = digits;
    size_t n;

    if (out_size > 0)
        out[0] = '\0';
    if (!collect_digits(input, digits, sizeof(digits), &n))
        return PHONE_BAD_CHARACTER;
    if (n == 0)
        return PHONE_EMPTY;
    /* +86 / 86 in front of an 11-digit number is the country code. */
    if (n == PHONE_DIGITS + 2 && d[0] == '8' && d[1] == '6') {
        d += 2;
        n -= 2;
    }
    if (n < PHONE_DIGITS)
        return PHONE_TOO_SHORT;
    if (n > PHONE_DIGITS)
        return PHONE_TOO_LONG;
    if (d[0] != '1' || d[1] < '3' || d[1] > '9')
        return PHONE_NOT_MOBILE;
    if (out_size <= PHONE_DIGITS)
        return PHONE_TOO_LONG;
    memcpy(out, d, PHONE_DIGITS);
    out[PHONE_DIGITS] = '\0';
    return PHONE_VALID;
}

void phone_group(const char *digits, char *out, size_t out_size)
{
    size_t n = strlen(digits), used = 0;

    for (size_t i = 0; i < n; i++) {
        bool gap = i == 3 || i == 7;

        if (used + (gap ? 2 : 1) + 1 > out_size)
            break;
        if (gap)
            out[used++] = ' ';
        out[used++] = digits[i];
    }
    if (out_size > 0)
        out[used < out_size ? used : out_size - 1] = '\0';
}

void phone_mask(const char *digits, char *out, size_t out_size)
{
    size_t n = strlen(digits);

    if (n == PHONE_DIGITS) {
        snprintf(out, out_size, "%.3s****%.4s", digits, digits + 7);
        return;
    }
    for (size_t i = 0; i < n && i + 1 < out_size; i++)
        out[i] = '*';
    if (out_size > 0)
        out[n < out_size ? n : out_size - 1] = '\0';
}
