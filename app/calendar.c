#include "calendar.h"

#include <stdio.h>
#include <string.h>

enum { YEAR_MIN = 2000, YEAR_MAX = 2099 };

static bool digit_pair(const char *s, int *value)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return false;
    *value = (s[0] - '0') * 10 + (s[1] - '0');
    return true;
}

/* "HH:MM" at s into minutes after midnight; 24:00 only when allowed. */
static bool parse_clock(const char *s, bool allow_midnight, int *minutes)
{
    int h, m;

    if (!digit_pair(s, &h) || s[2] != ':' || !digit_pair(s + 3, &m) || m > 59)
        return false;
    if (h > 23 && !(allow_midnight && h == 24 && m == 0))
        return false;
    *minutes = h * 60 + m;
    return true;
}

bool calendar_parse_hours(const char *text, struct calendar_hours *out)
{
    struct calendar_hours h;

    if (strcmp(text, "closed") == 0) {
        *out = (struct calendar_hours){0, 0};
        return true;
    }
    if (strlen(text) != CALENDAR_HOURS_TEXT_MAX - 1 || text[5] != '-' ||
        !parse_clock(text, false, &h.open_min) ||
        !parse_clock(text + 6, true, &h.close_min) || h.close_min <= h.open_min)
        return false;
    *out = h;
    return true;
}

bool calendar_is_closed(const struct calendar_hours *hours)
{
    return hours->close_min <= hours->open_min;
}

void calendar_format_hours(const struct calendar_hours *hours, char *out,
                           size_t out_size)
{
    if (calendar_is_closed(hours)) {
        snprintf(out, out_size, "closed");
        return;
    }
    snprintf(out, out_size, "%02d:%02d-%02d:%02d", hours->open_min / 60,
             hours->open_min % 60, hours->close_min / 60,
             hours->close_min % 60);
}

static int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    return month == 2 && leap ? 29 : days[month - 1];
}

bool calendar_parse_date(const char *text, int32_t *ymd)
{
    int c, y, m, d;

    if (strlen(text) != CALENDAR_DATE_TEXT_MAX - 1 || text[4] != '-' ||
        text[7] != '-' || !digit_pair(text, &c) || !digit_pair(text + 2, &y) ||
        !digit_pair(text + 5, &m) || !digit_pair(text + 8, &d))
        return false;
    y += c * 100;
    if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1 ||
        d > days_in_month(y, m))
        return false;
    *ymd = y * 10000 + m * 100 + d;
    return true;
}

void calendar_format_date(int32_t ymd, char *out, size_t out_size)
{
    snprintf(out, out_size, "%04d-%02d-%02d", (int)(ymd / 10000),
             (int)(ymd / 100 % 100), (int)(ymd % 100));
}
