#include "booking_text.h"

#include <stdio.h>
#include <time.h>

#include "i18n.h"

enum { DAY_S = 24 * 60 * 60, HALF_DAY_S = DAY_S / 2 };

static const char *const zh_weekdays[] = {"周一", "周二", "周三", "周四",
                                          "周五", "周六", "周日"};
static const char *const en_weekdays[] = {"Mon", "Tue", "Wed", "Thu",
                                          "Fri", "Sat", "Sun"};
static const char *const en_months[] = {"Jan", "Feb", "Mar", "Apr",
                                        "May", "Jun", "Jul", "Aug",
                                        "Sep", "Oct", "Nov", "Dec"};

void booking_text_clock(int64_t t, char *out, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;

    localtime_r(&tt, &tm);
    snprintf(out, size, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

/* Whole days from the local date of now to the date of day. */
static int days_after(const struct slot_day *day, int64_t now)
{
    time_t t = (time_t)now;
    struct tm today, then = {0};

    localtime_r(&t, &today);
    today.tm_hour = 12;
    today.tm_min = today.tm_sec = 0;
    today.tm_isdst = -1;
    then.tm_year = day->year - 1900;
    then.tm_mon = day->month - 1;
    then.tm_mday = day->day;
    then.tm_hour = 12;
    then.tm_isdst = -1;
    return (int)((mktime(&then) - mktime(&today) + HALF_DAY_S) / DAY_S);
}

void booking_text_day(enum lang lang, const struct slot_day *day, int64_t now,
                      char *out, size_t size)
{
    int offset = days_after(day, now);
    const char *name = NULL;

    if (offset == 0)
        name = i18n_get(lang, STR_FORM_TODAY);
    else if (offset == 1)
        name = i18n_get(lang, STR_FORM_TOMORROW);
    if (lang == LANG_ZH_CN)
        snprintf(out, size, "%s %d月%d日",
                 name ? name : zh_weekdays[day->weekday], day->month, day->day);
    else
        snprintf(out, size, "%s %d %s", name ? name : en_weekdays[day->weekday],
                 day->day, en_months[(day->month - 1) % 12]);
}

void booking_text_slot(enum lang lang, int64_t start, int minutes, char *out,
                       size_t size)
{
    time_t t = (time_t)start;
    struct tm tm;
    int weekday;
    char from[8], to[8];

    localtime_r(&t, &tm);
    weekday = (tm.tm_wday + 6) % 7; /* Monday first */
    booking_text_clock(start, from, sizeof(from));
    booking_text_clock(start + (int64_t)minutes * 60, to, sizeof(to));
    if (lang == LANG_ZH_CN)
        snprintf(out, size, "%d月%d日 %s %s–%s", tm.tm_mon + 1, tm.tm_mday,
                 zh_weekdays[weekday], from, to);
    else
        snprintf(out, size, "%s %d %s, %s–%s", en_weekdays[weekday], tm.tm_mday,
                 en_months[tm.tm_mon], from, to);
}

void booking_text_reference(const char *ref, char *out, size_t size)
{
    snprintf(out, size, "%.3s %.3s", ref, ref + 3);
}
