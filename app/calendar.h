/*
 * calendar: the showroom's opening hours and dates as the config writes
 * them: "09:00-18:00" (or "closed") for a weekday, "2027-02-10" for a
 * date. Pure, any thread.
 */
#ifndef VITRINE_CALENDAR_H
#define VITRINE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    CALENDAR_DAY_MINUTES = 24 * 60,
    CALENDAR_HOURS_TEXT_MAX = 12, /* "09:00-18:00" and the NUL */
    CALENDAR_DATE_TEXT_MAX = 11,  /* "2027-02-10" and the NUL */
};

/* Opening hours of one weekday, in minutes after midnight. */
struct calendar_hours {
    int open_min;
    int close_min; /* after open_min; equal to it when closed all day */
};

/*
 * "HH:MM-HH:MM" with the close after the open ("24:00" closes at
 * midnight), or "closed". False for anything else.
 */
bool calendar_parse_hours(const char *text, struct calendar_hours *out);
void calendar_format_hours(const struct calendar_hours *hours, char *out,
                           size_t out_size);
bool calendar_is_closed(const struct calendar_hours *hours);

/* "YYYY-MM-DD", a real date from 2000 to 2099, as YYYYMMDD; or false. */
bool calendar_parse_date(const char *text, int32_t *ymd);
void calendar_format_date(int32_t ymd, char *out, size_t out_size);

#endif
