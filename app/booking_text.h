/*
 * booking_text: how the booking form words times and references:
 * "10:00", "明天 12月5日" / "Tomorrow 5 Dec", "12月5日 周六 10:00–11:00" /
 * "Sat 5 Dec, 10:00–11:00", "K7M 4QX". Local time. Any thread.
 */
#ifndef VITRINE_BOOKING_TEXT_H
#define VITRINE_BOOKING_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "lang.h"
#include "slots.h"

/* "HH:MM" of a Unix time. */
void booking_text_clock(int64_t t, char *out, size_t size);

/* A day tab: "今天"/"Today", "明天"/"Tomorrow" or the weekday, and the date,
 * counted from the local date of now. */
void booking_text_day(enum lang lang, const struct slot_day *day, int64_t now,
                      char *out, size_t size);

/* A slot with its date, weekday, start and end. */
void booking_text_slot(enum lang lang, int64_t start, int minutes, char *out,
                       size_t size);

/* "K7M4QX" as "K7M 4QX": two groups of three are easier to read out. */
void booking_text_reference(const char *ref, char *out, size_t size);

#endif
