/*
 * Opening hours and dates as the config writes them: what parses, what
 * does not, and that printing gives back the same text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "calendar.h"

static void test_hours_parse_and_print_back(void **state)
{
    static const char *const good[] = {"09:00-18:00", "00:00-24:00",
                                       "10:30-10:45", "closed"};
    struct calendar_hours h;
    char out[CALENDAR_HOURS_TEXT_MAX];

    (void)state;
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        if (!calendar_parse_hours(good[i], &h))
            fail_msg("expected \"%s\" to parse", good[i]);
        calendar_format_hours(&h, out, sizeof(out));
        if (strcmp(out, good[i]) != 0)
            fail_msg("expected \"%s\" back, got \"%s\"", good[i], out);
    }
    assert_true(calendar_parse_hours("08:15-12:00", &h));
    assert_int_equal(h.open_min, 8 * 60 + 15);
    assert_int_equal(h.close_min, 12 * 60);
    assert_false(calendar_is_closed(&h));
    assert_true(calendar_parse_hours("closed", &h));
    assert_true(calendar_is_closed(&h));
}

static void test_bad_hours_are_refused(void **state)
{
    static const char *const bad[] = {
        "",
        "9:00-18:00",
        "09:00-18:00 ",
        "18:00-09:00",
        "09:00-09:00",
        "24:00-24:00",
        "09:60-18:00",
        "09:00-24:01",
        "09:00–18:00",
        "Closed",
        "09.00-18.00",
        "25:00-26:00",
    };
    struct calendar_hours h;

    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (calendar_parse_hours(bad[i], &h))
            fail_msg("expected \"%s\" to be refused, got %d-%d", bad[i],
                     h.open_min, h.close_min);
    }
}

static void test_dates_parse_only_when_real(void **state)
{
    static const char *const bad[] = {"2026-02-29", "2026-13-01", "2026-00-10",
                                      "2026-04-31", "1999-12-31", "2026-1-01",
                                      "2026/01/01", "",           "2100-01-01"};
    int32_t ymd;
    char out[CALENDAR_DATE_TEXT_MAX];

    (void)state;
    assert_true(calendar_parse_date("2028-02-29", &ymd));
    assert_int_equal(ymd, 20280229);
    calendar_format_date(ymd, out, sizeof(out));
    assert_string_equal(out, "2028-02-29");
    assert_true(calendar_parse_date("2027-12-31", &ymd));
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (calendar_parse_date(bad[i], &ymd))
            fail_msg("expected \"%s\" to be refused, got %d", bad[i], (int)ymd);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hours_parse_and_print_back),
        cmocka_unit_test(test_bad_hours_are_refused),
        cmocka_unit_test(test_dates_parse_only_when_real),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
