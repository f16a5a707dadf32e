/*
 * clock: the time every screen and timer reads, in ms since start.
 *
 * The real clock follows SDL_GetTicks64. The fake clock (--clock fake)
 * moves only when clock_advance is called, which the script runner does
 * for each "wait", so a scripted run gives the same frames every time.
 * Main thread only.
 */
#ifndef VITRINE_CLOCK_H
#define VITRINE_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

struct clock {
    bool fake;
    uint64_t fake_ms;
};

void clock_init(struct clock *clock, bool fake);
uint64_t clock_now_ms(const struct clock *clock);

/* Fake clock only: moves time forward. A no-op on the real clock. */
void clock_advance(struct clock *clock, uint64_t ms);

#endif
