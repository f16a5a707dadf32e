/*
 * booking_steps: the booking screen's state and the drawing of each step's
 * body. screen_booking owns the one booking_state; this module only reads
 * it. Main thread.
 */
#ifndef VITRINE_BOOKING_STEPS_H
#define VITRINE_BOOKING_STEPS_H

#include <SDL.h>

#include "booking_form.h"
#include "slots.h"
#include "ui.h"

struct app;

enum { BOOKING_LINE_MAX = 96 };

struct booking_screen {
    struct booking_form form;
    struct slot_plan plan; /* the slots offered when the plan was made */
};

/* Draws the current step's body inside area. */
void booking_steps_draw(struct app *app, const struct booking_screen *st,
                        SDL_FRect area);

/* A left-aligned, unwrapped text style. */
struct ui_text_style booking_style(enum text_weight weight, int size,
                                   SDL_Color colour);

#endif
