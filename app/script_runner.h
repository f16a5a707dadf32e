/*
 * script_runner: plays a parsed script into the running kiosk.
 *
 * Taps, drags and pinches become real SDL touch events pushed onto SDL's
 * queue, so they pass through the same input path as a visitor's finger.
 * A command runs only once the frame showing the effect of the previous
 * one has been rendered: a screenshot or dump-ui always sees the screen as
 * a visitor would. With the fake clock, "wait" (and the duration of a drag
 * or pinch) moves time forward one frame step at a time.
 *
 * The first failed expectation stops the run with exit status 1 and a
 * message naming the script line. Main thread only.
 */
#ifndef VITRINE_SCRIPT_RUNNER_H
#define VITRINE_SCRIPT_RUNNER_H

#include <stdint.h>

struct app;
struct script;

struct script_runner;

/* Takes ownership of script; name stands for the file in messages. */
struct script_runner *script_runner_create(struct script *script,
                                           const char *name);
void script_runner_destroy(struct script_runner *runner);

/* One step per loop iteration, after input and before the frame. */
void script_runner_step(struct script_runner *runner, struct app *app);

/* When the runner next needs a step (clock ms); 0 means at once. */
uint64_t script_runner_wake_ms(const struct script_runner *runner);

#endif
