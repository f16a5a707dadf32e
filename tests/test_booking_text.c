/*
 * How the booking form words days, slots and references, in both
 * languages. China Standard Time (TZ=CST-8, set in main).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "booking_text.h"

static int64_t at(int y, int mo, int d, int h, int mi)
{
    struct tm t = {.tm_year = y - 1900,
                   .tm_mon = mo - 1,
                   .tm_mday = d,
                   .tm_hour = h,
                   .tm_min = mi,
                   .tm_isdst = -1};

    return (int64_t)mktime(&t);
}

static void expect_day(enum lang lang, int d, int weekday, const char *want)
{
    struct slot_day day = {2026, 12, d, weekday, 0, 0};
    char out[64];

    booking_text_day(lang, &day, at(2026, 12, 2, 23, 30), out, sizeof(out));
    if (strcmp(out, want) != 0)
        fail_msg("expected \"%s\", got \"%s\"", want, out);
}

static void test_day_tabs_say_today_tomorrow_then_the_weekday(void **state)
{
    (void)state;
    expect_day(LANG_ZH_CN, 2, 2, "今天 12月2日");
    expect_day(LANG_ZH_CN, 3, 3, "明天 12月3日");
    expect_day(LANG_ZH_CN, 5, 5, "周六 12月5日");
    expect_day(LANG_EN, 2, 2, "Today 2 Dec");
    expect_day(LANG_EN, 3, 3, "Tomorrow 3 Dec");
    expect_day(LANG_EN, 7, 0, "Mon 7 Dec");
}

static void test_slot_shows_date_weekday_start_and_end(void **state)
{
    char out[96];

    (void)state;
    booking_text_slot(LANG_ZH_CN, at(2026, 12, 5, 10, 0), 60, out, sizeof(out));
    assert_string_equal(out, "12月5日 周六 10:00–11:00");
    booking_text_slot(LANG_EN, at(2026, 12, 6, 16, 30), 45, out, sizeof(out));
    assert_string_equal(out, "Sun 6 Dec, 16:30–17:15");
}

static void test_reference_is_shown_in_two_groups(void **state)
{
    char out[16];

    (void)state;
    booking_text_reference("K7M4QX", out, sizeof(out));
    assert_string_equal(out, "K7M 4QX");
    booking_text_clock(at(2026, 12, 5, 9, 5), out, sizeof(out));
    assert_string_equal(out, "09:05");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_tabs_say_today_tomorrow_then_the_weekday),
        cmocka_unit_test(test_slot_shows_date_weekday_start_and_end),
        cmocka_unit_test(test_reference_is_shown_in_two_groups),
    };

    setenv("TZ", "CST-8", 1);
    tzset();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
