/*
 * slots: the test-drive times a visitor may pick, from the opening hours,
 * slot length, days ahead, lead time and closed dates of the config.
 *
 * A plan is made for one moment ("now"): the days from today on that
 * still offer a slot, each with its slots in order. Slots that have
 * started, that start sooner than the lead time, or that would end after
 * closing are never in it. Times are the kiosk's local time (the showroom
 * is where the kiosk stands). Plain data the caller owns; pure, any
 * thread.
 */
#ifndef VITRINE_SLOTS_H
#define VITRINE_SLOTS_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"

enum {
    SLOTS_DAYS_MAX = 7,               /* booking.days_ahead's limit */
    SLOTS_PER_DAY_MAX = 24 * 60 / 15, /* the shortest slot is 15 min */
    SLOTS_MAX = SLOTS_DAYS_MAX * SLOTS_PER_DAY_MAX,
};

struct slot {
    int64_t start; /* Unix time, seconds */
    int minutes;
};

struct slot_day {
    int year, month, day; /* local calendar date; month 1-12 */
    int weekday;          /* 0 Monday .. 6 Sunday */
    int first, count;     /* its slots in slot_plan.slots */
};

struct slot_plan {
    int64_t made_at; /* the "now" it was made for */
    int day_count;   /* days with at least one slot, soonest first */
    struct slot_day days[SLOTS_DAYS_MAX];
    int slot_count;
    struct slot slots[SLOTS_MAX];
};

/* The slots offered at time now (Unix seconds) under the config. */
void slots_plan(const struct config_booking *cfg, int64_t now,
                struct slot_plan *plan);

/* Is a slot starting at start in the plan? */
bool slots_is_offered(const struct slot_plan *plan, int64_t start);

#endif
