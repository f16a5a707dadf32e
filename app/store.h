/*
 * store: the kiosk's one SQLite file: bookings and their outbox.
 *
 * WAL journal with synchronous=FULL: once store_save_booking returns
 * STORE_OK, a power cut cannot undo the booking. The booking and its
 * outbox row are written in one transaction. The schema version lives in
 * PRAGMA user_version and older files are migrated forward at open. At
 * open an integrity check runs; a corrupt file is moved aside with a
 * timestamp (never deleted) and a fresh one created, which store_open
 * reports so the staff panel can warn.
 *
 * Each thread opens its own struct store (its own connection): the main
 * thread for saving bookings and the staff panel, the sync thread for the
 * outbox. A struct store is used by one thread at a time. Results are a
 * store_result passed up unchanged; a message for the log goes to the
 * store's last error (store_error). Names and phones never reach the log.
 */
#ifndef VITRINE_STORE_H
#define VITRINE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "booking.h"

enum store_result {
    STORE_OK,
    STORE_FULL,      /* disk (or page limit) full: nothing was written */
    STORE_READONLY,  /* the file or its folder cannot be written */
    STORE_CORRUPT,   /* failed its integrity check */
    STORE_IO,        /* the OS reported an I/O error */
    STORE_BUSY,      /* another connection held the lock too long */
    STORE_NOT_FOUND, /* no such booking */
    STORE_ERROR,     /* anything else; see store_error */
};

enum booking_state {
    BOOKING_PENDING,  /* saved, waiting for the backend */
    BOOKING_SYNCED,   /* the backend accepted it */
    BOOKING_REJECTED, /* the backend refused it, with a reason */
};

struct store_open_info {
    int schema_from;     /* user_version found (0 for a new file) */
    int schema_to;       /* user_version now */
    bool recovered;      /* a corrupt file was moved aside */
    char moved_to[4096]; /* where, when recovered */
};

struct store_counts {
    int pending, synced, rejected;
};

/* One line of the staff panel's list of today's bookings. */
struct store_booking_row {
    char reference[BOOKING_REF_LEN + 1];
    char model_id[BOOKING_MODEL_MAX];
    int64_t slot_start;
    char name[BOOKING_NAME_MAX]; /* "" once erased by retention */
    char phone_masked[16];       /* "138****5678", "" once erased */
    enum booking_state state;
    char reject_reason[128];
};

struct store;

/*
 * Routes SQLite's own error log into ours (tag "sqlite"). Call once, on
 * the main thread, before other threads start and before any other use of
 * SQLite: SQLite accepts this setting only before it initializes.
 */
void store_global_init(void);

/*
 * Opens (creating, migrating or recovering as needed) the database at
 * path. On failure *out is NULL and err says why.
 */
enum store_result store_open(const char *path, struct store **out,
                             struct store_open_info *info, char *err,
                             size_t err_size);
void store_close(struct store *store);

/* The last error's message, for the log ("" when none). */
const char *store_error(const struct store *store);

/* Writes the booking and its outbox row in one durable transaction. */
enum store_result store_save_booking(struct store *store,
                                     const struct booking *booking);

/* Reads one booking back by id (tests, the sync worker). */
enum store_result store_get_booking(struct store *store, const char *id,
                                    struct booking *out,
                                    enum booking_state *state);

/* The backend's answer for a booking: synced, or rejected with reason. */
enum store_result store_mark_synced(struct store *store, const char *id,
                                    int64_t now);
enum store_result store_mark_rejected(struct store *store, const char *id,
                                      const char *reason, int64_t now);

enum store_result store_count_by_state(struct store *store,
                                       struct store_counts *out);

/* Bookings whose slot starts in [from, to), by slot time, phones masked. */
enum store_result store_list_slots(struct store *store, int64_t from,
                                   int64_t to, struct store_booking_row *rows,
                                   size_t max_rows, size_t *count);

/*
 * Erases name and phone of bookings synced more than retention_days ago
 * (the rest of the record stays, for counts). *erased tells how many.
 */
enum store_result store_apply_retention(struct store *store, int64_t now,
                                        int retention_days, int *erased);

const char *store_result_name(enum store_result result);

/*
 * For fault tests: caps the file at max_pages pages (PRAGMA
 * max_page_count; never below its current size), so that the next write
 * needing a new page fails as on a full disk.
 */
enum store_result store_set_page_limit(struct store *store, int max_pages);

#endif
