/*
 * config: the kiosk's one JSON configuration file.
 *
 * Every key has a documented default (config_set_defaults), so a missing
 * file means all defaults. Loading is strict: an unknown key, a value of the
 * wrong type or out of its range fails with a message naming the file, the
 * key (as a dotted path, "dealership.accent_color") and what was expected.
 * Start-up stops on such a message before any window opens.
 *
 * A struct config is plain data: the caller owns it, no function here keeps
 * a pointer to it. Load it once on the main thread before other threads
 * start; after that treat it as read-only, and any thread may read it.
 */
#ifndef VITRINE_CONFIG_H
#define VITRINE_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "lang.h"

enum {
    CONFIG_ID_MAX = 64,
    CONFIG_NAME_MAX = 128,
    CONFIG_PATH_MAX = PATH_MAX,
    CONFIG_ERROR_MAX = 512,
    CONFIG_WEEK_DAYS = 7,
    CONFIG_CLOSED_DATES_MAX = 64,
};

/* The screen the kiosk falls back to after the idle timeout. */
enum config_idle_screen {
    CONFIG_IDLE_ATTRACT,
    CONFIG_IDLE_HOME,
};

struct config_dealership {
    char name[LANG_COUNT][CONFIG_NAME_MAX];
    char logo_path[CONFIG_PATH_MAX]; /* "" = the built-in logo */
    uint32_t accent_rgb;             /* 0xRRGGBB */
};

/* Dates the showroom is closed on, whatever its weekday hours say. */
struct config_dates {
    int count;
    int32_t ymd[CONFIG_CLOSED_DATES_MAX]; /* YYYYMMDD, as written */
};

/* When test drives can be booked, and how long booking data is kept. */
struct config_booking {
    struct calendar_hours hours[CONFIG_WEEK_DAYS]; /* Monday first */
    int slot_minutes;     /* length of one test drive */
    int days_ahead;       /* days offered, today included */
    int min_lead_minutes; /* a slot starts at least this long from now */
    struct config_dates closed_dates;
    int retention_days; /* name and phone erased this long after sync */
    /* "Still there?" shown this long before the idle wipe; at most half
     * of idle_timeout_s, so a short timeout is not all prompt. */
    int still_there_s;
};

/* How the 360° viewer behaves. */
struct config_viewer {
    int auto_rotate_after_s;   /* quiet seconds before turning; 0 never */
    int auto_rotate_deg_per_s; /* how fast it turns */
    int tile_budget_mb;        /* GPU memory for panorama tiles */
    int uploads_per_frame;     /* tile uploads a frame may take */
};

struct config {
    char kiosk_id[CONFIG_ID_MAX];
    enum lang language;
    struct config_dealership dealership;
    int idle_timeout_s;
    enum config_idle_screen idle_screen;
    int attract_slide_s;
    char content_dir[CONFIG_PATH_MAX]; /* "" = the built-in assets */
    char font_path[CONFIG_PATH_MAX];
    int font_index;
    char font_bold_path[CONFIG_PATH_MAX];
    int font_bold_index;
    char log_level[8]; /* "error", "warn", "info" or "debug" */
    struct config_booking booking;
    struct config_viewer viewer;
};

void config_set_defaults(struct config *cfg);

/*
 * Fills cfg from the JSON file at path, on top of the defaults. A file that
 * does not exist leaves the defaults and succeeds (*found set to false).
 * On failure returns false, writes one line to err ("config FILE: key
 * \"K\": expected ..., got ...") and leaves cfg with the defaults.
 */
bool config_load(struct config *cfg, const char *path, bool *found, char *err,
                 size_t err_size);

/* Same as config_load on a string; name stands for the file in messages. */
bool config_parse(struct config *cfg, const char *json, const char *name,
                  char *err, size_t err_size);

/* The effective configuration as pretty JSON; the caller frees it. */
char *config_to_json(const struct config *cfg);

#endif
