/*
 * booking_modal: panels over the booking form (privacy notice, "Still
 * there?"). Main thread.
 */
#ifndef VITRINE_BOOKING_MODAL_H
#define VITRINE_BOOKING_MODAL_H

#include <stdint.h>

struct app;

/* Who collects the details, why, for how long, and how to ask deletion;
 * a "notice-close" button. */
void booking_modal_notice(struct app *app);

/* "Still there?" with the seconds left before the wipe; a "continue"
 * button. */
void booking_modal_still_there(struct app *app, uint64_t left_ms);

#endif
