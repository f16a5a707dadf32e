#include "slots.h"

#include <string.h>
#include <time.h>

enum { MINUTE_S = 60 };

static bool is_closed_date(const struct config_booking *cfg, int32_t ymd)
{
    for (int i = 0; i < cfg->closed_dates.count; i++) {
        if (cfg->closed_dates.ymd[i] == ymd)
            return true;
    }
    return false;
}

/*
 * Local time of minute m on the date of day (m may be 1440: midnight at
 * the day's end). mktime normalizes, so days past a month's end roll over.
 */
static int64_t local_time(const struct tm *day, int minutes)
{
    struct tm t = *day;

    t.tm_hour = 0;
    t.tm_min = minutes;
    t.tm_sec = 0;
    t.tm_isdst = -1;
    return (int64_t)mktime(&t);
}

/* The calendar date `offset` days after today's, at local noon. */
static struct tm date_after(const struct tm *today, int offset)
{
    struct tm t = *today;
    time_t at;

    t.tm_mday += offset;
    t.tm_hour = 12; /* far from any daylight-saving jump */
    t.tm_min = t.tm_sec = 0;
    t.tm_isdst = -1;
    at = mktime(&t);
    localtime_r(&at, &t);
    return t;
}

static void plan_day(const struct config_booking *cfg, const struct tm *date,
                     int64_t earliest, struct slot_plan *plan)
{
    int weekday = (date->tm_wday + 6) % 7;
    const struct calendar_hours *h = &cfg->hours[weekday];
    int32_t ymd = (int32_t)((date->tm_year + 1900) * 10000 +
                            (date->tm_mon + 1) * 100 + date->tm_mday);
    struct slot_day *day = &plan->days[plan->day_count];

    if (calendar_is_closed(h) || is_closed_date(cfg, ymd))
        return;
    *day = (struct slot_day){date->tm_year + 1900, date->tm_mon + 1,
                             date->tm_mday,        weekday,
                             plan->slot_count,     0};
    for (int m = h->open_min; m + cfg->slot_minutes <= h->close_min;
         m += cfg->slot_minutes) {
        int64_t start = local_time(date, m);

        if (start < earliest || plan->slot_count >= SLOTS_MAX)
            continue;
        plan->slots[plan->slot_count++] =
            (struct slot){start, cfg->slot_minutes};
        day->count++;
    }
    if (day->count > 0)
        plan->day_count++;
}

void slots_plan(const struct config_booking *cfg, int64_t now,
                struct slot_plan *plan)
{
    time_t t = (time_t)now;
    struct tm today;
    int days =
        cfg->days_ahead < SLOTS_DAYS_MAX ? cfg->days_ahead : SLOTS_DAYS_MAX;

    memset(plan, 0, sizeof(*plan));
    plan->made_at = now;
    localtime_r(&t, &today);
    for (int i = 0; i < days; i++) {
        struct tm date = date_after(&today, i);

        plan_day(cfg, &date, now + (int64_t)cfg->min_lead_minutes * MINUTE_S,
                 plan);
    }
}

bool slots_is_offered(const struct slot_plan *plan, int64_t start)
{
    for (int i = 0; i < plan->slot_count; i++) {
        if (plan->slots[i].start == start)
            return true;
    }
    return false;
}
