/*
 * The test-drive times offered: opening hours per weekday, slot length,
 * days ahead, lead time and closed dates. Times are in China Standard
 * Time (TZ=CST-8, set in main), so the tables read as a showroom's day.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "slots.h"

static struct slot_plan plan;

/* Local time on a date; 2026-12-02 is a Wednesday. */
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

static struct config_booking defaults(void)
{
    struct config cfg;

    config_set_defaults(&cfg);
    return cfg.booking;
}

static void expect_day(int index, int y, int mo, int d, int weekday, int count)
{
    const struct slot_day *day = &plan.days[index];

    if (day->year != y || day->month != mo || day->day != d ||
        day->weekday != weekday || day->count != count)
        fail_msg("day %d: expected %04d-%02d-%02d weekday %d with %d slots, "
                 "got %04d-%02d-%02d weekday %d with %d",
                 index, y, mo, d, weekday, count, day->year, day->month,
                 day->day, day->weekday, day->count);
}

static void expect_slot(int day, int i, int64_t start)
{
    const struct slot *s = &plan.slots[plan.days[day].first + i];

    if (s->start != start)
        fail_msg("day %d slot %d: expected start %lld, got %lld", day, i,
                 (long long)start, (long long)s->start);
}

static void test_lead_time_and_closing_bound_today(void **state)
{
    struct config_booking b = defaults(); /* 09-18, 60 min, 120 min lead */

    (void)state;
    slots_plan(&b, at(2026, 12, 2, 10, 30), &plan);
    /* 12:30 is the earliest start: 13:00 .. 17:00 are left. */
    expect_day(0, 2026, 12, 2, 2, 5);
    expect_slot(0, 0, at(2026, 12, 2, 13, 0));
    expect_slot(0, 4, at(2026, 12, 2, 17, 0));
    assert_int_equal(plan.day_count, 7);
    expect_day(1, 2026, 12, 3, 3, 9);
    expect_day(3, 2026, 12, 5, 5, 8); /* Saturday 09:00-17:00 */
    expect_day(4, 2026, 12, 6, 6, 7); /* Sunday 10:00-17:00 */
}

static void test_slot_that_would_end_after_closing_is_not_offered(void **state)
{
    struct config_booking b = defaults();

    (void)state;
    calendar_parse_hours("09:00-17:30", &b.hours[3]); /* Thursday */
    b.slot_minutes = 60;
    slots_plan(&b, at(2026, 12, 2, 20, 0), &plan);
    expect_day(0, 2026, 12, 3, 3, 8); /* 09:00 .. 16:00 */
    expect_slot(0, 7, at(2026, 12, 3, 16, 0));
    b.slot_minutes = 30;
    slots_plan(&b, at(2026, 12, 2, 20, 0), &plan);
    expect_day(0, 2026, 12, 3, 3, 17); /* 09:00 .. 17:00 */
    expect_slot(0, 16, at(2026, 12, 3, 17, 0));
}

static void test_closed_weekdays_and_dates_are_skipped(void **state)
{
    struct config_booking b = defaults();

    (void)state;
    calendar_parse_hours("closed", &b.hours[6]); /* Sunday */
    calendar_parse_date("2026-12-04", &b.closed_dates.ymd[0]);
    b.closed_dates.count = 1;
    slots_plan(&b, at(2026, 12, 2, 20, 0), &plan);
    /* Wed is over; Thu, Sat, Mon, Tue are left of the seven days. */
    assert_int_equal(plan.day_count, 4);
    expect_day(0, 2026, 12, 3, 3, 9);
    expect_day(1, 2026, 12, 5, 5, 8);
    expect_day(2, 2026, 12, 7, 0, 9);
    expect_day(3, 2026, 12, 8, 1, 9);
}

static void test_days_ahead_counts_today_and_crosses_the_year(void **state)
{
    struct config_booking b = defaults();

    (void)state;
    b.days_ahead = 3;
    b.min_lead_minutes = 0;
    slots_plan(&b, at(2026, 12, 30, 8, 0), &plan);
    assert_int_equal(plan.day_count, 3);
    expect_day(0, 2026, 12, 30, 2, 9);
    expect_day(2, 2027, 1, 1, 4, 9);
    expect_slot(2, 0, at(2027, 1, 1, 9, 0));
}

static void test_a_long_lead_time_reaches_into_tomorrow(void **state)
{
    struct config_booking b = defaults();

    (void)state;
    b.min_lead_minutes = 24 * 60;
    slots_plan(&b, at(2026, 12, 2, 14, 10), &plan);
    expect_day(0, 2026, 12, 3, 3, 3); /* 15:00, 16:00, 17:00 */
    expect_slot(0, 0, at(2026, 12, 3, 15, 0));
}

static void test_started_slots_are_never_offered(void **state)
{
    struct config_booking b = defaults();
    int64_t nine = at(2026, 12, 3, 9, 0);

    (void)state;
    b.min_lead_minutes = 0;
    slots_plan(&b, nine, &plan);
    assert_true(slots_is_offered(&plan, nine));
    slots_plan(&b, nine + 1, &plan);
    assert_false(slots_is_offered(&plan, nine));
    assert_true(slots_is_offered(&plan, at(2026, 12, 3, 10, 0)));
    assert_false(slots_is_offered(&plan, at(2026, 12, 3, 10, 0) + 60));
    assert_false(slots_is_offered(&plan, at(2026, 12, 3, 18, 0)));
}

static void test_nothing_open_gives_an_empty_plan(void **state)
{
    struct config_booking b = defaults();

    (void)state;
    for (int i = 0; i < CONFIG_WEEK_DAYS; i++)
        calendar_parse_hours("closed", &b.hours[i]);
    slots_plan(&b, at(2026, 12, 2, 10, 0), &plan);
    assert_int_equal(plan.day_count, 0);
    assert_int_equal(plan.slot_count, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lead_time_and_closing_bound_today),
        cmocka_unit_test(test_slot_that_would_end_after_closing_is_not_offered),
        cmocka_unit_test(test_closed_weekdays_and_dates_are_skipped),
        cmocka_unit_test(test_days_ahead_counts_today_and_crosses_the_year),
        cmocka_unit_test(test_a_long_lead_time_reaches_into_tomorrow),
        cmocka_unit_test(test_started_slots_are_never_offered),
        cmocka_unit_test(test_nothing_open_gives_an_empty_plan),
    };

    setenv("TZ", "CST-8", 1);
    tzset();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
