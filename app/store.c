/*
 * store: bookings and their outbox in one SQLite file.
 *
 * Durability comes from SQLite, set up at open: WAL journal, synchronous
 * FULL (the WAL is fsynced at every commit), a busy timeout so the main
 * thread and the sync thread can share the file, foreign keys on, and
 * secure_delete so that erased names and phones are overwritten rather
 * than left in free space. Every write that touches two rows runs in one
 * BEGIN IMMEDIATE ... COMMIT; any failure rolls the whole of it back.
 *
 * Opening is a sequence of checks before anything is written: read the
 * header and run quick_check (a file that fails is closed, renamed aside
 * with its -wal and -shm, never deleted, and replaced by a fresh one);
 * refuse a file opened read-only or whose schema is newer than ours; then
 * switch to WAL and migrate forward, one transaction per schema step.
 * Until the checks pass the connection does not checkpoint on close, so a
 * refused or corrupt file and its WAL are left exactly as they were found
 * (the -shm, an index SQLite rebuilds from the WAL, may be rewritten).
 *
 * Schema history (PRAGMA user_version):
 *   1  the first release: bookings without synced_at, reject_reason and
 *      erased_at; outbox with booking_id and created_at only.
 *   2  the backend's answer (synced_at, reject_reason), retention
 *      (erased_at) and the outbox's retry bookkeeping.
 * A new file is created at the current version directly.
 *
 * Statements are prepared once per connection and kept; each use binds,
 * steps and resets, so no statement holds a read lock between calls.
 */
#include "store.h"

#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "log.h"
#include "phone.h"

#define TAG "store"

enum {
    SCHEMA_VERSION = 2,
    BUSY_TIMEOUT_MS = 5000,
    WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024, /* the WAL shrinks back to this */
    ERROR_MAX = 512,
    VERDICT_MAX = 256, /* quick_check's first complaint, cut short */
    SECONDS_PER_DAY = 86400,
    CORRUPT_NAME_TRIES = 100, /* .corrupt-STAMP, then -2 .. -100 */
};

/* A new file gets the current schema in one step. */
static const char SCHEMA_SQL[] =
    "CREATE TABLE bookings ("
    " id TEXT PRIMARY KEY," /* the UUID: the backend's idempotency key */
    " reference TEXT NOT NULL,"
    " model_id TEXT NOT NULL,"
    " slot_start INTEGER NOT NULL,"
    " slot_minutes INTEGER NOT NULL,"
    " name TEXT NOT NULL,"
    " phone TEXT NOT NULL,"
    " consent_processing INTEGER NOT NULL,"
    " consent_marketing INTEGER NOT NULL,"
    " language TEXT NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " state INTEGER NOT NULL," /* enum booking_state */
    " synced_at INTEGER,"      /* when the backend answered, yes or no */
    " reject_reason TEXT,"
    " erased_at INTEGER);" /* when retention blanked name and phone */
    "CREATE INDEX bookings_by_slot ON bookings(slot_start);"
    "CREATE TABLE outbox ("
    " booking_id TEXT PRIMARY KEY REFERENCES bookings(id),"
    " created_at INTEGER NOT NULL,"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " next_attempt_at INTEGER NOT NULL DEFAULT 0,"
    " last_error TEXT);";

/* MIGRATIONS[v - 1] takes a file from schema v to v + 1. */
static const char *const MIGRATIONS[] = {
    "ALTER TABLE bookings ADD COLUMN synced_at INTEGER;"
    "ALTER TABLE bookings ADD COLUMN reject_reason TEXT;"
    "ALTER TABLE bookings ADD COLUMN erased_at INTEGER;"
    "ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE outbox ADD COLUMN last_error TEXT;",
};

_Static_assert(sizeof(MIGRATIONS) / sizeof(MIGRATIONS[0]) == SCHEMA_VERSION - 1,
               "one migration per schema version after the first");

enum stmt_id {
    STMT_INSERT_BOOKING,
    STMT_INSERT_OUTBOX,
    STMT_GET_BOOKING,
    STMT_SET_ANSWER,
    STMT_DELETE_OUTBOX,
    STMT_COUNT_BY_STATE,
    STMT_LIST_SLOTS,
    STMT_ERASE_EXPIRED,
    STMT_TOTAL,
};

static const char *const STMT_SQL[STMT_TOTAL] = {
    [STMT_INSERT_BOOKING] =
        "INSERT INTO bookings (id, reference, model_id, slot_start,"
        " slot_minutes, name, phone, consent_processing, consent_marketing,"
        " language, created_at, state)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [STMT_INSERT_OUTBOX] =
        "INSERT INTO outbox (booking_id, created_at) VALUES (?1, ?2)",
    [STMT_GET_BOOKING] =
        "SELECT id, reference, model_id, slot_start, slot_minutes, name,"
        " phone, consent_processing, consent_marketing, language,"
        " created_at, state FROM bookings WHERE id = ?1",
    [STMT_SET_ANSWER] = "UPDATE bookings SET state = ?2, synced_at = ?3,"
                        " reject_reason = ?4 WHERE id = ?1",
    [STMT_DELETE_OUTBOX] = "DELETE FROM outbox WHERE booking_id = ?1",
    [STMT_COUNT_BY_STATE] =
        "SELECT state, COUNT(*) FROM bookings GROUP BY state",
    [STMT_LIST_SLOTS] =
        "SELECT reference, model_id, slot_start, name, phone, state,"
        " reject_reason FROM bookings"
        " WHERE slot_start >= ?1 AND slot_start < ?2"
        " ORDER BY slot_start, created_at, id LIMIT ?3",
    [STMT_ERASE_EXPIRED] =
        "UPDATE bookings SET name = '', phone = '', erased_at = ?1"
        " WHERE state = ?2 AND erased_at IS NULL AND synced_at < ?3",
};

/* Moved aside together, the WAL first: it must never meet a fresh file. */
static const char *const FILE_SUFFIXES[] = {"-wal", "-shm", ""};
enum { FILE_SUFFIX_COUNT = sizeof(FILE_SUFFIXES) / sizeof(FILE_SUFFIXES[0]) };

struct store {
    sqlite3 *db;
    sqlite3_stmt *stmts[STMT_TOTAL]; /* prepared on first use */
    char error[ERROR_MAX];
};

static void log_sqlite(void *unused, int code, const char *message)
{
    enum log_level level = LOG_ERROR;

    (void)unused;
    switch (code & 0xff) {
    case SQLITE_NOTICE:
        level = LOG_INFO;
        break;
    case SQLITE_WARNING:
        level = LOG_WARN;
        break;
    case SQLITE_SCHEMA: /* a statement re-prepared itself: routine */
        level = LOG_DEBUG;
        break;
    default:
        break;
    }
    log_write(level, "sqlite", "%s (code %d)", message, code);
}

void store_global_init(void)
{
    int rc = sqlite3_config(SQLITE_CONFIG_LOG, log_sqlite, (void *)NULL);

    if (rc != SQLITE_OK)
        log_warn(TAG, "cannot route SQLite's log: %s", sqlite3_errstr(rc));
}

static enum store_result result_of(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return STORE_OK;
    case SQLITE_FULL:
        return STORE_FULL;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
        return STORE_READONLY;
    case SQLITE_IOERR:
        return STORE_IO;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return STORE_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return STORE_CORRUPT;
    default:
        return STORE_ERROR;
    }
}

/*
 * Records what failed in the last error and turns rc into a result. Call
 * it before anything else touches the connection, so SQLite's message is
 * still the one for rc. SQLite's messages name tables and columns, never
 * the values bound to them.
 */
static enum store_result fail(struct store *store, int rc, const char *what)
{
    enum store_result r = result_of(rc);
    int sys = store->db ? sqlite3_system_errno(store->db) : 0;
    const char *msg = store->db ? sqlite3_errmsg(store->db) : "";

    if (r == STORE_IO && sys == ENOSPC)
        r = STORE_FULL;
    if (sys != 0 && (r == STORE_IO || r == STORE_FULL || r == STORE_READONLY))
        snprintf(store->error, sizeof(store->error), "%s: %s (%s)", what, msg,
                 strerror(sys));
    else
        snprintf(store->error, sizeof(store->error), "%s: %s", what, msg);
    return r;
}

static enum store_result exec(struct store *store, const char *sql,
                              const char *what)
{
    int rc = sqlite3_exec(store->db, sql, NULL, NULL, NULL);

    return rc == SQLITE_OK ? STORE_OK : fail(store, rc, what);
}

/* Prepares sql and steps to its first row; the caller finalizes *st. */
static enum store_result first_row(struct store *store, const char *sql,
                                   sqlite3_stmt **st)
{
    int rc = sqlite3_prepare_v2(store->db, sql, -1, st, NULL);

    if (rc == SQLITE_OK)
        rc = sqlite3_step(*st);
    if (rc == SQLITE_ROW)
        return STORE_OK;
    if (rc != SQLITE_DONE)
        return fail(store, rc, sql);
    snprintf(store->error, sizeof(store->error), "%s: no result", sql);
    return STORE_ERROR;
}

static void column_copy(sqlite3_stmt *st, int column, char *out, size_t size)
{
    const unsigned char *text = sqlite3_column_text(st, column);

    snprintf(out, size, "%s", text ? (const char *)text : "");
}

static enum store_result query_int(struct store *store, const char *sql,
                                   int *out)
{
    sqlite3_stmt *st = NULL;
    enum store_result r = first_row(store, sql, &st);

    if (r == STORE_OK)
        *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return r;
}

static enum store_result query_text(struct store *store, const char *sql,
                                    char *out, size_t size)
{
    sqlite3_stmt *st = NULL;
    enum store_result r = first_row(store, sql, &st);

    if (r == STORE_OK)
        column_copy(st, 0, out, size);
    sqlite3_finalize(st);
    return r;
}

/* The cached statement id, prepared on its first use. */
static enum store_result prepare(struct store *store, enum stmt_id id,
                                 sqlite3_stmt **out)
{
    int rc = SQLITE_OK;

    if (!store->stmts[id])
        rc = sqlite3_prepare_v3(store->db, STMT_SQL[id], -1,
                                SQLITE_PREPARE_PERSISTENT, &store->stmts[id],
                                NULL);
    *out = store->stmts[id];
    return rc == SQLITE_OK ? STORE_OK : fail(store, rc, "prepare");
}

/* Readies a cached statement for its next use and drops its read lock. */
static void release(sqlite3_stmt *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

/* Steps a bound write statement to its end, then releases it. */
static enum store_result run(struct store *store, sqlite3_stmt *st,
                             const char *what)
{
    int rc = sqlite3_step(st);
    enum store_result r = rc == SQLITE_DONE ? STORE_OK : fail(store, rc, what);

    release(st);
    return r;
}

/*
 * Binds a fixed-size char field without reading past it. A failed bind
 * leaves NULL, which the NOT NULL columns then refuse at step.
 */
static void bind_field(sqlite3_stmt *st, int index, const char *field,
                       size_t size)
{
    sqlite3_bind_text(st, index, field, (int)strnlen(field, size),
                      SQLITE_STATIC);
}

static enum store_result begin(struct store *store)
{
    return exec(store, "BEGIN IMMEDIATE", "begin");
}

/*
 * Ends what begin() started: commits after success, else (or if the commit
 * fails) rolls back, so the connection is always out of its transaction.
 */
static enum store_result end(struct store *store, enum store_result r)
{
    if (r == STORE_OK)
        r = exec(store, "COMMIT", "commit");
    if (r != STORE_OK && !sqlite3_get_autocommit(store->db))
        sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
    return r;
}

static enum store_result not_found(struct store *store, const char *id)
{
    snprintf(store->error, sizeof(store->error), "no booking %.*s",
             BOOKING_ID_LEN, id);
    return STORE_NOT_FOUND;
}

/* ---- opening ---- */

static enum store_result open_db(struct store *store, const char *path)
{
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &store->db, flags, NULL);

    if (rc != SQLITE_OK)
        return fail(store, rc, "open");
    sqlite3_extended_result_codes(store->db, 1);
    sqlite3_busy_timeout(store->db, BUSY_TIMEOUT_MS);
    /* Until the checks pass, closing must not write to the file. */
    sqlite3_db_config(store->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
                      (int *)NULL);
    return exec(store, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON",
                "settings");
}

/* Reads the header (which fails on a non-database) and runs quick_check. */
static enum store_result check_health(struct store *store, int *version)
{
    char verdict[VERDICT_MAX];
    enum store_result r = query_int(store, "PRAGMA user_version", version);

    if (r == STORE_OK)
        r = query_text(store, "PRAGMA quick_check(1)", verdict,
                       sizeof(verdict));
    if (r != STORE_OK || strcmp(verdict, "ok") == 0)
        return r;
    for (char *c = verdict; *c; c++) {
        if (*c == '\n')
            *c = ' '; /* one log line */
    }
    snprintf(store->error, sizeof(store->error), "quick_check: %s", verdict);
    return STORE_CORRUPT;
}

static bool name_taken(const char *base)
{
    char path[PATH_MAX];
    struct stat st;

    for (int i = 0; i < FILE_SUFFIX_COUNT; i++) {
        int n = snprintf(path, sizeof(path), "%s%s", base, FILE_SUFFIXES[i]);

        if (n < 0 || (size_t)n >= sizeof(path) || lstat(path, &st) == 0)
            return true;
    }
    return false;
}

/* <path>.corrupt-YYYYMMDDTHHMMSS (local time), -2, -3 ... if taken. */
static bool corrupt_name(const char *path, char *out, size_t size)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;

    if (!localtime_r(&now, &tm) ||
        strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", &tm) == 0)
        return false;
    for (int i = 1; i <= CORRUPT_NAME_TRIES; i++) {
        int n = i == 1
                    ? snprintf(out, size, "%s.corrupt-%s", path, stamp)
                    : snprintf(out, size, "%s.corrupt-%s-%d", path, stamp, i);

        if (n < 0 || (size_t)n >= size)
            return false;
        if (!name_taken(out))
            return true;
    }
    return false;
}

/* Renames path + suffix to to + suffix; a missing file is not an error. */
static bool move_file(const char *from, const char *to, const char *suffix)
{
    char a[PATH_MAX], b[PATH_MAX];
    int na = snprintf(a, sizeof(a), "%s%s", from, suffix);
    int nb = snprintf(b, sizeof(b), "%s%s", to, suffix);

    if (na < 0 || nb < 0 || (size_t)na >= sizeof(a) ||
        (size_t)nb >= sizeof(b)) {
        errno = ENAMETOOLONG;
        return false;
    }
    return rename(a, b) == 0 || errno == ENOENT;
}

/*
 * Moves the file and its companions to a free .corrupt- name. All or
 * nothing: if one rename fails, those already done are undone.
 */
static enum store_result move_aside(struct store *store, const char *path,
                                    char *moved, size_t size)
{
    int done = 0;
    int err;

    if (!corrupt_name(path, moved, size)) {
        snprintf(store->error, sizeof(store->error),
                 "%s is corrupt and no name is free to move it to", path);
        return STORE_CORRUPT;
    }
    while (done < FILE_SUFFIX_COUNT &&
           move_file(path, moved, FILE_SUFFIXES[done]))
        done++;
    if (done == FILE_SUFFIX_COUNT)
        return STORE_OK;

    err = errno;
    snprintf(store->error, sizeof(store->error),
             "%s is corrupt and cannot be moved aside: %s", path,
             strerror(err));
    while (done-- > 0)
        move_file(moved, path, FILE_SUFFIXES[done]);
    moved[0] = '\0';
    return STORE_CORRUPT;
}

/*
 * Opens path and checks it; a file that is not a database or fails the
 * check is closed, moved aside and replaced by a fresh one.
 */
static enum store_result open_checked(struct store *store, const char *path,
                                      struct store_open_info *info)
{
    enum store_result r = open_db(store, path);

    if (r == STORE_OK)
        r = check_health(store, &info->schema_from);
    if (r != STORE_CORRUPT)
        return r;

    log_error(TAG, "%s: %s", path, store->error);
    sqlite3_close(store->db);
    store->db = NULL;
    r = move_aside(store, path, info->moved_to, sizeof(info->moved_to));
    if (r != STORE_OK)
        return r;

    log_warn(TAG, "moved the corrupt database to %s; starting a fresh one",
             info->moved_to);
    info->recovered = true;
    r = open_db(store, path);
    if (r == STORE_OK)
        r = check_health(store, &info->schema_from);
    return r;
}

static enum store_result refuse_unusable(struct store *store, int version)
{
    if (sqlite3_db_readonly(store->db, "main") == 1) {
        snprintf(store->error, sizeof(store->error),
                 "the database file or its folder is not writable");
        return STORE_READONLY;
    }
    if (version > SCHEMA_VERSION || version < 0) {
        snprintf(store->error, sizeof(store->error),
                 "schema %d is newer than this program's %d", version,
                 SCHEMA_VERSION);
        return STORE_ERROR;
    }
    return STORE_OK;
}

/* The first settings that write to the file: WAL and its sync level. */
static enum store_result use_wal(struct store *store)
{
    char mode[16], sql[64];
    enum store_result r =
        query_text(store, "PRAGMA journal_mode = WAL", mode, sizeof(mode));

    if (r != STORE_OK)
        return r;
    if (strcmp(mode, "wal") != 0) {
        snprintf(store->error, sizeof(store->error),
                 "journal mode stayed %s instead of wal", mode);
        return STORE_ERROR;
    }
    snprintf(sql, sizeof(sql),
             "PRAGMA synchronous = FULL; PRAGMA journal_size_limit = %d",
             WAL_SIZE_LIMIT_BYTES);
    r = exec(store, sql, "settings");
    if (r == STORE_OK)
        sqlite3_db_config(store->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0,
                          (int *)NULL);
    return r;
}

static const char *migration_sql(int from)
{
    return from == 0 ? SCHEMA_SQL : MIGRATIONS[from - 1];
}

static int next_version(int from)
{
    if (from == 0)
        return SCHEMA_VERSION;
    return from < SCHEMA_VERSION ? from + 1 : from;
}

static enum store_result set_version(struct store *store, int version)
{
    char sql[64];

    snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", version);
    return exec(store, sql, "set schema version");
}

/*
 * One step forward, in its own transaction. The version is read again
 * under the write lock: another connection may have migrated meanwhile.
 */
static enum store_result migrate_step(struct store *store, int *version)
{
    enum store_result r = begin(store);
    int from = *version, to;

    if (r == STORE_OK)
        r = query_int(store, "PRAGMA user_version", &from);
    to = next_version(from);
    if (r == STORE_OK && to != from)
        r = exec(store, migration_sql(from), "migrate");
    if (r == STORE_OK && to != from)
        r = set_version(store, to);
    r = end(store, r);
    if (r == STORE_OK && to != from)
        log_info(TAG, "schema %d -> %d", from, to);
    if (r == STORE_OK)
        *version = to;
    return r;
}

static enum store_result migrate(struct store *store,
                                 struct store_open_info *info)
{
    int version = info->schema_from;
    enum store_result r = STORE_OK;

    while (r == STORE_OK && version < SCHEMA_VERSION)
        r = migrate_step(store, &version);
    info->schema_to = version;
    return r;
}

enum store_result store_open(const char *path, struct store **out,
                             struct store_open_info *info, char *err,
                             size_t err_size)
{
    struct store_open_info unused;
    struct store *store = calloc(1, sizeof(*store));
    enum store_result r = STORE_ERROR;

    *out = NULL;
    if (!info)
        info = &unused;
    memset(info, 0, sizeof(*info));
    if (!store) {
        snprintf(err, err_size, "out of memory");
        return STORE_ERROR;
    }

    r = open_checked(store, path, info);
    if (r == STORE_OK)
        r = refuse_unusable(store, info->schema_from);
    if (r == STORE_OK)
        r = use_wal(store);
    if (r == STORE_OK)
        r = migrate(store, info);
    if (r != STORE_OK)
        goto fail;

    log_info(TAG, "opened %s (schema %d)", path, info->schema_to);
    *out = store;
    return STORE_OK;

fail:
    snprintf(err, err_size, "%s", store->error);
    store_close(store);
    return r;
}

void store_close(struct store *store)
{
    int rc;

    if (!store)
        return;
    for (int i = 0; i < STMT_TOTAL; i++)
        sqlite3_finalize(store->stmts[i]);
    rc = sqlite3_close(store->db);
    if (rc != SQLITE_OK)
        log_error(TAG, "close: %s", sqlite3_errstr(rc));
    free(store);
}

const char *store_error(const struct store *store)
{
    return store ? store->error : "";
}

/* ---- bookings ---- */

static enum store_result insert_booking(struct store *store,
                                        const struct booking *b)
{
    sqlite3_stmt *st;
    enum store_result r = prepare(store, STMT_INSERT_BOOKING, &st);

    if (r != STORE_OK)
        return r;
    bind_field(st, 1, b->id, sizeof(b->id));
    bind_field(st, 2, b->reference, sizeof(b->reference));
    bind_field(st, 3, b->model_id, sizeof(b->model_id));
    sqlite3_bind_int64(st, 4, b->slot_start);
    sqlite3_bind_int(st, 5, b->slot_minutes);
    bind_field(st, 6, b->name, sizeof(b->name));
    bind_field(st, 7, b->phone, sizeof(b->phone));
    sqlite3_bind_int(st, 8, b->consent_processing);
    sqlite3_bind_int(st, 9, b->consent_marketing);
    bind_field(st, 10, b->language, sizeof(b->language));
    sqlite3_bind_int64(st, 11, b->created_at);
    sqlite3_bind_int(st, 12, BOOKING_PENDING);
    return run(store, st, "save booking");
}

static enum store_result insert_outbox(struct store *store,
                                       const struct booking *b)
{
    sqlite3_stmt *st;
    enum store_result r = prepare(store, STMT_INSERT_OUTBOX, &st);

    if (r != STORE_OK)
        return r;
    bind_field(st, 1, b->id, sizeof(b->id));
    sqlite3_bind_int64(st, 2, b->created_at);
    return run(store, st, "queue booking");
}

enum store_result store_save_booking(struct store *store,
                                     const struct booking *booking)
{
    enum store_result r = begin(store);

    if (r != STORE_OK)
        return r;
    r = insert_booking(store, booking);
    if (r == STORE_OK)
        r = insert_outbox(store, booking);
    r = end(store, r);
    if (r == STORE_OK)
        log_debug(TAG, "booking %s saved", booking->id);
    return r;
}

static void read_booking(sqlite3_stmt *st, struct booking *b,
                         enum booking_state *state)
{
    column_copy(st, 0, b->id, sizeof(b->id));
    column_copy(st, 1, b->reference, sizeof(b->reference));
    column_copy(st, 2, b->model_id, sizeof(b->model_id));
    b->slot_start = sqlite3_column_int64(st, 3);
    b->slot_minutes = sqlite3_column_int(st, 4);
    column_copy(st, 5, b->name, sizeof(b->name));
    column_copy(st, 6, b->phone, sizeof(b->phone));
    b->consent_processing = sqlite3_column_int(st, 7) != 0;
    b->consent_marketing = sqlite3_column_int(st, 8) != 0;
    column_copy(st, 9, b->language, sizeof(b->language));
    b->created_at = sqlite3_column_int64(st, 10);
    if (state)
        *state = (enum booking_state)sqlite3_column_int(st, 11);
}

enum store_result store_get_booking(struct store *store, const char *id,
                                    struct booking *out,
                                    enum booking_state *state)
{
    sqlite3_stmt *st;
    enum store_result r = prepare(store, STMT_GET_BOOKING, &st);
    int rc;

    memset(out, 0, sizeof(*out));
    if (r != STORE_OK)
        return r;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_booking(st, out, state);
    else if (rc == SQLITE_DONE)
        r = not_found(store, id);
    else
        r = fail(store, rc, "read booking");
    release(st);
    return r;
}

/* Records the backend's answer on the booking; NOT_FOUND if none. */
static enum store_result set_answer(struct store *store, const char *id,
                                    enum booking_state state,
                                    const char *reason, int64_t now)
{
    sqlite3_stmt *st;
    enum store_result r = prepare(store, STMT_SET_ANSWER, &st);

    if (r != STORE_OK)
        return r;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, state);
    sqlite3_bind_int64(st, 3, now);
    if (reason)
        sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
    r = run(store, st, "record answer");
    if (r == STORE_OK && sqlite3_changes(store->db) == 0)
        r = not_found(store, id);
    return r;
}

static enum store_result delete_outbox(struct store *store, const char *id)
{
    sqlite3_stmt *st;
    enum store_result r = prepare(store, STMT_DELETE_OUTBOX, &st);

    if (r != STORE_OK)
        return r;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    return run(store, st, "dequeue booking");
}

/* The answer and the end of retries, in one transaction. */
static enum store_result answer(struct store *store, const char *id,
                                enum booking_state state, const char *reason,
                                int64_t now)
{
    enum store_result r = begin(store);

    if (r != STORE_OK)
        return r;
    r = set_answer(store, id, state, reason, now);
    if (r == STORE_OK)
        r = delete_outbox(store, id);
    return end(store, r);
}

enum store_result store_mark_synced(struct store *store, const char *id,
                                    int64_t now)
{
    enum store_result r = answer(store, id, BOOKING_SYNCED, NULL, now);

    if (r == STORE_OK)
        log_debug(TAG, "booking %s synced", id);
    return r;
}

/* synced_at holds when the backend refused it; it is not retried. */
enum store_result store_mark_rejected(struct store *store, const char *id,
                                      const char *reason, int64_t now)
{
    enum store_result r = answer(store, id, BOOKING_REJECTED, reason, now);

    if (r == STORE_OK)
        log_info(TAG, "booking %s rejected by the backend", id);
    return r;
}

static void add_count(struct store_counts *counts, int state, int n)
{
    switch (state) {
    case BOOKING_PENDING:
        counts->pending += n;
        break;
    case BOOKING_SYNCED:
        counts->synced += n;
        break;
    case BOOKING_REJECTED:
        counts->rejected += n;
        break;
    default:
        log_warn(TAG, "%d bookings in unknown state %d", n, state);
        break;
    }
}

enum store_result store_count_by_state(struct store *store,
                                       struct store_counts *out)
{
    sqlite3_stmt *st;
    enum store_result r = prepare(store, STMT_COUNT_BY_STATE, &st);
    int rc;

    memset(out, 0, sizeof(*out));
    if (r != STORE_OK)
        return r;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        add_count(out, sqlite3_column_int(st, 0), sqlite3_column_int(st, 1));
    if (rc != SQLITE_DONE)
        r = fail(store, rc, "count bookings");
    release(st);
    return r;
}

static void read_row(sqlite3_stmt *st, struct store_booking_row *row)
{
    char phone[BOOKING_PHONE_LEN + 1];

    memset(row, 0, sizeof(*row));
    column_copy(st, 0, row->reference, sizeof(row->reference));
    column_copy(st, 1, row->model_id, sizeof(row->model_id));
    row->slot_start = sqlite3_column_int64(st, 2);
    column_copy(st, 3, row->name, sizeof(row->name));
    column_copy(st, 4, phone, sizeof(phone));
    phone_mask(phone, row->phone_masked, sizeof(row->phone_masked));
    explicit_bzero(phone, sizeof(phone));
    row->state = (enum booking_state)sqlite3_column_int(st, 5);
    column_copy(st, 6, row->reject_reason, sizeof(row->reject_reason));
}

enum store_result store_list_slots(struct store *store, int64_t from,
                                   int64_t to, struct store_booking_row *rows,
                                   size_t max_rows, size_t *count)
{
    sqlite3_stmt *st;
    enum store_result r = prepare(store, STMT_LIST_SLOTS, &st);
    int rc = SQLITE_DONE;

    *count = 0;
    if (r != STORE_OK)
        return r;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_int64(st, 3, max_rows > INT64_MAX ? INT64_MAX : max_rows);
    while (*count < max_rows && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read_row(st, &rows[(*count)++]);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        r = fail(store, rc, "list bookings");
    release(st);
    return r;
}

/*
 * Blanks the expired rows in place. secure_delete (set at open) zeroes the
 * old cells in the pages; a truncating checkpoint then drops the WAL's
 * copies. A checkpoint that another connection blocks is retried by the
 * next run, so it is logged, not failed.
 */
static void drop_wal_copies(struct store *store)
{
    int rc = sqlite3_wal_checkpoint_v2(store->db, NULL,
                                       SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

    if (rc != SQLITE_OK)
        log_info(TAG, "retention: checkpoint deferred: %s",
                 sqlite3_errmsg(store->db));
}

enum store_result store_apply_retention(struct store *store, int64_t now,
                                        int retention_days, int *erased)
{
    sqlite3_stmt *st;
    enum store_result r;

    *erased = 0;
    if (retention_days < 0) {
        snprintf(store->error, sizeof(store->error),
                 "retention of %d days is negative", retention_days);
        return STORE_ERROR;
    }
    r = prepare(store, STMT_ERASE_EXPIRED, &st);
    if (r != STORE_OK)
        return r;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int(st, 2, BOOKING_SYNCED);
    sqlite3_bind_int64(st, 3, now - (int64_t)retention_days * SECONDS_PER_DAY);
    r = run(store, st, "erase expired bookings");
    if (r == STORE_OK)
        *erased = sqlite3_changes(store->db);
    if (*erased > 0)
        drop_wal_copies(store);
    return r;
}

enum store_result store_set_page_limit(struct store *store, int max_pages)
{
    char sql[64];
    int pages = 0;
    enum store_result r;

    snprintf(sql, sizeof(sql), "PRAGMA max_page_count = %d", max_pages);
    r = query_int(store, sql, &pages);
    if (r == STORE_OK)
        log_info(TAG, "page limit now %d (asked for %d)", pages, max_pages);
    return r;
}

const char *store_result_name(enum store_result result)
{
    static const char *const names[] = {
        [STORE_OK] = "ok",
        [STORE_FULL] = "disk full",
        [STORE_READONLY] = "read-only",
        [STORE_CORRUPT] = "corrupt",
        [STORE_IO] = "I/O error",
        [STORE_BUSY] = "busy",
        [STORE_NOT_FOUND] = "not found",
        [STORE_ERROR] = "error",
    };

    if ((unsigned)result >= sizeof(names) / sizeof(names[0]))
        return "unknown";
    return names[result];
}
