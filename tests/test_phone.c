/*
 * Mainland mobile numbers as visitors type them: what is accepted and
 * stripped, what is refused and why, and how numbers are shown and masked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "phone.h"

struct phone_case {
    const char *input;
    enum phone_problem want;
    const char *digits; /* when valid */
};

static const struct phone_case cases[] = {
    {"13812345678", PHONE_VALID, "13812345678"},
    {"138 1234 5678", PHONE_VALID, "13812345678"},
    {"138-1234-5678", PHONE_VALID, "13812345678"},
    {"+86 139 0000 1111", PHONE_VALID, "13900001111"},
    {"8613900001111", PHONE_VALID, "13900001111"},
    {"+8619912345678", PHONE_VALID, "19912345678"},
    {"15000000000", PHONE_VALID, "15000000000"},
    {"", PHONE_EMPTY, NULL},
    {" - ", PHONE_EMPTY, NULL},
    {"1381234567", PHONE_TOO_SHORT, NULL},
    {"138123456789", PHONE_TOO_LONG, NULL},
    {"12812345678", PHONE_NOT_MOBILE, NULL},
    {"10012345678", PHONE_NOT_MOBILE, NULL},
    {"23812345678", PHONE_NOT_MOBILE, NULL},
    {"8612812345678", PHONE_NOT_MOBILE, NULL},
    {"138O1234567", PHONE_BAD_CHARACTER, NULL},
    {"138.1234.5678", PHONE_BAD_CHARACTER, NULL},
    {"138+12345678", PHONE_BAD_CHARACTER, NULL},
    {"１３８１２３４５６７８", PHONE_BAD_CHARACTER, NULL}, /* full width */
};

static void test_numbers_are_normalized_or_refused_with_a_reason(void **state)
{
    char out[PHONE_DIGITS + 1];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum phone_problem got =
            phone_normalize(cases[i].input, out, sizeof(out));

        if (got != cases[i].want)
            fail_msg("\"%s\": expected problem %d, got %d", cases[i].input,
                     cases[i].want, got);
        if (cases[i].digits && strcmp(out, cases[i].digits) != 0)
            fail_msg("\"%s\": expected %s, got %s", cases[i].input,
                     cases[i].digits, out);
        if (!cases[i].digits && out[0] != '\0')
            fail_msg("\"%s\": expected no digits out, got %s", cases[i].input,
                     out);
    }
}

static void test_digits_are_grouped_three_four_four_as_typed(void **state)
{
    static const char *const typed[][2] = {
        {"", ""},
        {"1", "1"},
        {"138", "138"},
        {"1381", "138 1"},
        {"1381234", "138 1234"},
        {"13812345", "138 1234 5"},
        {"13812345678", "138 1234 5678"},
    };
    char out[PHONE_GROUPED_MAX];

    (void)state;
    for (size_t i = 0; i < sizeof(typed) / sizeof(typed[0]); i++) {
        phone_group(typed[i][0], out, sizeof(out));
        if (strcmp(out, typed[i][1]) != 0)
            fail_msg("\"%s\": expected \"%s\", got \"%s\"", typed[i][0],
                     typed[i][1], out);
    }
}

static void test_mask_hides_the_middle_four(void **state)
{
    char out[PHONE_MASKED_MAX];

    (void)state;
    phone_mask("13812345678", out, sizeof(out));
    assert_string_equal(out, "138****5678");
    phone_mask("13812", out, sizeof(out));
    assert_string_equal(out, "*****");
    phone_mask("", out, sizeof(out));
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_are_normalized_or_refused_with_a_reason),
        cmocka_unit_test(test_digits_are_grouped_three_four_four_as_typed),
        cmocka_unit_test(test_mask_hides_the_middle_four),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
