/*
 * kiosk_run: runs the built vitrine program headless on a script, for the
 * UI tests. Each run gets a fresh folder (screenshots, dumps, data, logs)
 * under $VITRINE_TEST_TMP that the caller removes with kiosk_run_cleanup.
 */
#ifndef VITRINE_TEST_KIOSK_RUN_H
#define VITRINE_TEST_KIOSK_RUN_H

#include <SDL.h>
#include <cjson/cJSON.h>
#include <stdbool.h>

struct kiosk_run {
    char dir[512];
    int exit_status;
    char *stderr_text; /* what the kiosk logged */
};

/*
 * Writes script to a file and runs vitrine --headless --clock fake on it
 * with extra (a NULL-terminated list of more arguments, may be NULL).
 * config_json, when not NULL, is written as the config file.
 */
bool kiosk_run(struct kiosk_run *run, const char *size, const char *script,
               const char *config_json, const char *const *extra);

/* The parsed dump-ui NAME.json of the run, or NULL. Free with cJSON_Delete. */
cJSON *kiosk_dump(const struct kiosk_run *run, const char *name);

/* The widget with this id in a dump, or NULL. */
const cJSON *kiosk_widget(const cJSON *dump, const char *id);

/* The text of widget id, or "" when there is none. */
const char *kiosk_widget_text(const cJSON *dump, const char *id);

/* Screenshot NAME.png of the run as ARGB8888, or NULL; SDL_FreeSurface. */
SDL_Surface *kiosk_screenshot(const struct kiosk_run *run, const char *name);

/* How many pixels differ between two screenshots of the run; -1 on error. */
long kiosk_pixels_differing(const struct kiosk_run *run, const char *a,
                            const char *b);

void kiosk_run_cleanup(struct kiosk_run *run);

#endif
