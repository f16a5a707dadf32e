/*
 * How a visitor is addressed: the surname grid and titles, and what a
 * typed name may hold once trimmed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "visitor_name.h"

struct name_case {
    const char *raw;
    enum name_problem want;
    const char *clean; /* when valid */
};

static const struct name_case cases[] = {
    {"王先生", NAME_VALID, "王先生"},
    {"Li Wei", NAME_VALID, "Li Wei"},
    {"  Li   Wei  ", NAME_VALID, "Li Wei"},
    {"\tZhang San\t", NAME_VALID, "Zhang San"},
    {"　欧阳娜娜　", NAME_VALID, "欧阳娜娜"}, /* ideographic spaces */
    {"Mary-Ann O'Neil", NAME_VALID, "Mary-Ann O'Neil"},
    {"阿依·买买提", NAME_VALID, "阿依·买买提"},
    {"Zoë", NAME_VALID, "Zoë"},
    {"ABCDEFGHIJKLMNOPQRST", NAME_VALID, "ABCDEFGHIJKLMNOPQRST"},
    {"ABCDEFGHIJKLMNOPQRSTU", NAME_TOO_LONG, NULL},
    {"一二三四五六七八九十一二三四五六七八九十", NAME_VALID,
     "一二三四五六七八九十一二三四五六七八九十"},
    {"一二三四五六七八九十一二三四五六七八九十一", NAME_TOO_LONG, NULL},
    {"", NAME_EMPTY, NULL},
    {"    ", NAME_EMPTY, NULL},
    {"Wang 2", NAME_BAD_CHARACTER, NULL},
    {"王<script>", NAME_BAD_CHARACTER, NULL},
    {"Li😀", NAME_BAD_CHARACTER, NULL},
    {"Li\nWei", NAME_BAD_CHARACTER, NULL},
    {"--", NAME_NO_LETTER, NULL},
    {"Li \xE4\xB8", NAME_BAD_UTF8, NULL},
    {"\xC0\xAF", NAME_BAD_UTF8, NULL},
    {"\xED\xA0\x80", NAME_BAD_UTF8, NULL}, /* a surrogate */
};

static void test_names_are_trimmed_or_refused_with_a_reason(void **state)
{
    char out[96];

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum name_problem got =
            visitor_name_clean(cases[i].raw, out, sizeof(out));

        if (got != cases[i].want)
            fail_msg("case %zu: expected problem %d, got %d", i, cases[i].want,
                     got);
        if (cases[i].clean && strcmp(out, cases[i].clean) != 0)
            fail_msg("case %zu: expected \"%s\", got \"%s\"", i, cases[i].clean,
                     out);
        if (!cases[i].clean && out[0])
            fail_msg("case %zu: expected nothing out, got \"%s\"", i, out);
    }
}

static void test_short_buffer_refuses_instead_of_cutting(void **state)
{
    char out[8];

    (void)state;
    assert_int_equal(visitor_name_clean("欧阳娜娜", out, sizeof(out)),
                     NAME_TOO_LONG);
    assert_string_equal(out, "");
}

static void test_surname_grid_starts_with_the_commonest(void **state)
{
    char out[32];

    (void)state;
    assert_true(visitor_surname_count >= 20);
    assert_string_equal(visitor_surnames[0], "王");
    assert_string_equal(visitor_surnames[1], "李");
    assert_string_equal(visitor_surnames[2], "张");
    visitor_name_compose(visitor_surnames[1], visitor_titles[1], out,
                         sizeof(out));
    assert_string_equal(out, "李女士");
    assert_string_equal(visitor_title_label(0, false), "先生");
    assert_string_equal(visitor_title_label(1, true), "女士 Ms");
    assert_string_equal(visitor_title_label(2, true), "");
    for (int i = 0; i < visitor_surname_count; i++) {
        for (int j = 0; j < i; j++) {
            if (strcmp(visitor_surnames[i], visitor_surnames[j]) == 0)
                fail_msg("expected distinct surnames, got %s twice",
                         visitor_surnames[i]);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_are_trimmed_or_refused_with_a_reason),
        cmocka_unit_test(test_short_buffer_refuses_instead_of_cutting),
        cmocka_unit_test(test_surname_grid_starts_with_the_commonest),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
