/*
 * dump_ui: writes what the screen shows as JSON, for tests to read instead
 * of guessing at pixels.
 *
 *   {"screen": "home", "language": "en", "width": 1920, "height": 1080,
 *    "widgets": [{"id": "lang", "role": "button", "text": "中文",
 *                 "bounds": {"x": .., "y": .., "w": .., "h": ..},
 *                 "state": {"pressed": false, "disabled": false,
 *                           "checked": false}}, ...]}
 *
 * It holds the last rendered frame's widget list and nothing more, so a
 * masked value is dumped masked. Main thread.
 */
#ifndef VITRINE_DUMP_UI_H
#define VITRINE_DUMP_UI_H

#include <stdbool.h>
#include <stddef.h>

struct app;

/* The dump as a string the caller frees, or NULL when out of memory. */
char *dump_ui_json(const struct app *app);

/* Writes it to path (via a temporary file and rename). */
bool dump_ui_write(const struct app *app, const char *path, char *err,
                   size_t err_size);

#endif
