#include "clock.h"

#include <SDL.h>

void clock_init(struct clock *clock, bool fake)
{
    clock->fake = fake;
    clock->fake_ms = 0;
}

uint64_t clock_now_ms(const struct clock *clock)
{
    return clock->fake ? clock->fake_ms : SDL_GetTicks64();
}

void clock_advance(struct clock *clock, uint64_t ms)
{
    if (clock->fake)
        clock->fake_ms += ms;
}
