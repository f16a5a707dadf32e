/*
 * Tests for store: the round trip of a booking, its outbox row, the
 * backend's answers, the staff list, retention, and the faults a kiosk
 * meets: a full disk, a read-only folder, a corrupt file, an old schema
 * and a newer one.
 *
 * Each test gets its own folder under $VITRINE_TEST_TMP (or /tmp), made by
 * the setup and removed with everything in it by the teardown. Tests look
 * inside the file through their own SQLite connection, never the store's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fsutil.h"
#include "log.h"
#include "store.h"
#include "test_tmp.h"

enum {
    DAY_S = 86400,
    SLOT_S = 1800,
    NOBODY_ID = 65534,
    MAX_FILE_BYTES = 64 * 1024 * 1024,
    GARBAGE_BYTES = 10000,
    FULL_DISK_MAX_SAVES = 5000,
    DAMAGE_BOOKINGS = 300,
    DAMAGE_FILL = 0xEE, /* not a b-tree page type */
    CHILD_MSG_MAX = 512,
    STAMP_LEN = 15,         /* YYYYMMDDTHHMMSS */
    DIR_MAX = PATH_MAX / 2, /* room left for the names of files inside */
};

/* 2026-01-01 00:00:00 UTC: "now" for every test. */
static const int64_t NOW = 1767225600;

struct fixture {
    char dir[DIR_MAX];
    char db[PATH_MAX];
    char outside[DIR_MAX]; /* a folder made in /tmp, if a test needed one */
};

/* ---- files and folders ---- */

static int make_dir(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));

    if (!fx)
        return -1;
    if (!test_tmp_dir(fx->dir, sizeof(fx->dir), "store")) {
        free(fx);
        return -1;
    }
    snprintf(fx->db, sizeof(fx->db), "%s/vitrine.db", fx->dir);
    *state = fx;
    return 0;
}

static int remove_dir(void **state)
{
    struct fixture *fx = *state;

    test_tmp_remove(fx->dir);
    if (fx->outside[0])
        test_tmp_remove(fx->outside);
    free(fx);
    return 0;
}

static void write_file(const char *path, const void *bytes, size_t len)
{
    FILE *file = fopen(path, "wb");

    if (!file)
        fail_msg("expected to create %s, got %s", path, strerror(errno));
    assert_int_equal(fwrite(bytes, 1, len, file), len);
    assert_int_equal(fclose(file), 0);
}

static char *read_file(const char *path, size_t *len)
{
    char *bytes = fs_read_file(path, MAX_FILE_BYTES, len);

    if (!bytes)
        fail_msg("expected to read %s, got %s", path, strerror(errno));
    return bytes;
}

static void expect_file_bytes(const char *path, const char *want, size_t len)
{
    size_t got_len;
    char *got = read_file(path, &got_len);

    if (got_len != len || memcmp(got, want, len) != 0)
        fail_msg("expected %s to hold the original %zu bytes, got %zu "
                 "bytes%s",
                 path, len, got_len, got_len == len ? " that differ" : "");
    free(got);
}

/* Bytes that are not a database, the same on every run. */
static char *garbage(size_t len)
{
    char *bytes = malloc(len);
    uint32_t x = 2463534242u;

    assert_non_null(bytes);
    for (size_t i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        bytes[i] = (char)(x & 0xff);
    }
    return bytes;
}

static bool contains(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);

    for (size_t i = 0; n <= len && i <= len - n; i++) {
        if (memcmp(hay + i, needle, n) == 0)
            return true;
    }
    return false;
}

/* Whether the main file or its WAL holds needle anywhere, free space too. */
static bool file_holds(const char *db_path, const char *needle)
{
    char wal[PATH_MAX + 8];
    size_t len;
    char *bytes = read_file(db_path, &len);
    bool found = contains(bytes, len, needle);

    free(bytes);
    snprintf(wal, sizeof(wal), "%s-wal", db_path);
    if (!found && fs_is_file(wal)) {
        bytes = read_file(wal, &len);
        found = contains(bytes, len, needle);
        free(bytes);
    }
    return found;
}

/* ---- a second connection, to look inside ---- */

static sqlite3 *db_open(const char *path)
{
    sqlite3 *db = NULL;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        fail_msg("expected to open %s, got %s", path, sqlite3_errmsg(db));
    return db;
}

static void db_exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;

    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("expected \"%s\" to run, got %s", sql, err);
}

static int db_int(const char *path, const char *sql)
{
    sqlite3 *db = db_open(path);
    sqlite3_stmt *st = NULL;
    int value;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        fail_msg("expected a row from \"%s\", got %s", sql, sqlite3_errmsg(db));
    value = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return value;
}

static void db_text(const char *path, const char *sql, char *out, size_t size)
{
    sqlite3 *db = db_open(path);
    sqlite3_stmt *st = NULL;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        fail_msg("expected a row from \"%s\", got %s", sql, sqlite3_errmsg(db));
    snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void expect_integrity_ok(const char *path)
{
    char verdict[256];

    db_text(path, "PRAGMA integrity_check", verdict, sizeof(verdict));
    if (strcmp(verdict, "ok") != 0)
        fail_msg("expected integrity_check \"ok\", got \"%s\"", verdict);
}

/* ---- bookings ---- */

/* Booking n, the same on every run; odd ones in English with marketing. */
static void make_booking(int n, struct booking *b)
{
    static const char letters[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    memset(b, 0, sizeof(*b));
    snprintf(b->id, sizeof(b->id), "00000000-0000-4000-8000-%012d", n);
    for (int i = 0; i < BOOKING_REF_LEN; i++)
        b->reference[i] = letters[(n * 7 + i * 3) % 32];
    snprintf(b->model_id, sizeof(b->model_id), "aurora-ev-%d", n % 3);
    b->slot_start = NOW + (int64_t)n * SLOT_S;
    b->slot_minutes = 30 + n % 2 * 15;
    snprintf(b->name, sizeof(b->name), "王先生 %d", n);
    snprintf(b->phone, sizeof(b->phone), "138%08d", n);
    b->consent_processing = true;
    b->consent_marketing = n % 2 == 1;
    snprintf(b->language, sizeof(b->language), "%s", n % 2 ? "en" : "zh-CN");
    b->created_at = NOW - DAY_S + n;
}

static void expect_result(const char *what, enum store_result want,
                          enum store_result got, const struct store *store)
{
    if (got != want)
        fail_msg("%s: expected %s, got %s (%s)", what, store_result_name(want),
                 store_result_name(got), store_error(store));
}

static struct store *open_store(const char *path, struct store_open_info *info)
{
    struct store_open_info unused;
    struct store *store = NULL;
    char err[512];
    enum store_result r =
        store_open(path, &store, info ? info : &unused, err, sizeof(err));

    if (r != STORE_OK)
        fail_msg("expected to open %s, got %s (%s)", path, store_result_name(r),
                 err);
    return store;
}

static void save(struct store *store, int n)
{
    struct booking b;

    make_booking(n, &b);
    expect_result("save", STORE_OK, store_save_booking(store, &b), store);
}

static void expect_str(const char *what, const char *want, const char *got)
{
    if (strcmp(want, got) != 0)
        fail_msg("%s: expected \"%s\", got \"%s\"", what, want, got);
}

static void expect_int(const char *what, long long want, long long got)
{
    if (want != got)
        fail_msg("%s: expected %lld, got %lld", what, want, got);
}

static void expect_same_booking(const struct booking *want,
                                const struct booking *got)
{
    expect_str("id", want->id, got->id);
    expect_str("reference", want->reference, got->reference);
    expect_str("model_id", want->model_id, got->model_id);
    expect_int("slot_start", want->slot_start, got->slot_start);
    expect_int("slot_minutes", want->slot_minutes, got->slot_minutes);
    expect_str("name", want->name, got->name);
    expect_str("phone", want->phone, got->phone);
    expect_int("consent_processing", want->consent_processing,
               got->consent_processing);
    expect_int("consent_marketing", want->consent_marketing,
               got->consent_marketing);
    expect_str("language", want->language, got->language);
    expect_int("created_at", want->created_at, got->created_at);
}

/* Booking n is in the store, every field as make_booking made it. */
static void expect_booking(struct store *store, int n,
                           enum booking_state want_state)
{
    struct booking want, got;
    enum booking_state state = BOOKING_REJECTED + 1;

    make_booking(n, &want);
    expect_result("get", STORE_OK,
                  store_get_booking(store, want.id, &got, &state), store);
    expect_same_booking(&want, &got);
    expect_int("state", want_state, state);
}

static void expect_counts(struct store *store, int pending, int synced,
                          int rejected)
{
    struct store_counts c;

    expect_result("count", STORE_OK, store_count_by_state(store, &c), store);
    expect_int("pending", pending, c.pending);
    expect_int("synced", synced, c.synced);
    expect_int("rejected", rejected, c.rejected);
}

static void booking_id(int n, char *out, size_t size)
{
    struct booking b;

    make_booking(n, &b);
    snprintf(out, size, "%s", b.id);
}

/* ---- round trip and outbox ---- */

static void test_new_file_is_created_at_current_schema_in_wal(void **state)
{
    struct fixture *fx = *state;
    struct store_open_info info;
    struct store *store = open_store(fx->db, &info);
    char mode[16];

    expect_int("schema_from", 0, info.schema_from);
    expect_int("schema_to", 2, info.schema_to);
    expect_int("recovered", false, info.recovered);
    expect_int("user_version", 2, db_int(fx->db, "PRAGMA user_version"));
    db_text(fx->db, "PRAGMA journal_mode", mode, sizeof(mode));
    expect_str("journal_mode", "wal", mode);
    store_close(store);
}

static void test_saved_booking_reads_back_with_every_field(void **state)
{
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);

    save(store, 1);
    save(store, 2);
    expect_booking(store, 1, BOOKING_PENDING);
    expect_booking(store, 2, BOOKING_PENDING);
    store_close(store);

    store = open_store(fx->db, NULL);
    expect_booking(store, 1, BOOKING_PENDING);
    store_close(store);
}

static void test_unknown_booking_is_not_found(void **state)
{
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);
    struct booking b;
    char id[BOOKING_ID_LEN + 1];

    booking_id(9, id, sizeof(id));
    expect_result("get", STORE_NOT_FOUND,
                  store_get_booking(store, id, &b, NULL), store);
    expect_result("mark synced", STORE_NOT_FOUND,
                  store_mark_synced(store, id, NOW), store);
    expect_result("mark rejected", STORE_NOT_FOUND,
                  store_mark_rejected(store, id, "no", NOW), store);
    store_close(store);
}

static void test_booking_and_outbox_row_are_written_together(void **state)
{
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);
    char sql[256];
    char id[BOOKING_ID_LEN + 1];

    save(store, 3);
    booking_id(3, id, sizeof(id));
    snprintf(sql, sizeof(sql),
             "SELECT COUNT(*) FROM outbox WHERE booking_id = '%s'"
             " AND attempts = 0 AND next_attempt_at = 0",
             id);
    expect_int("outbox rows for the booking", 1, db_int(fx->db, sql));
    expect_int("bookings", 1, db_int(fx->db, "SELECT COUNT(*) FROM bookings"));
    expect_int("outbox rows", 1, db_int(fx->db, "SELECT COUNT(*) FROM outbox"));
    store_close(store);
}

static void test_booking_is_not_kept_when_its_outbox_row_fails(void **state)
{
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);
    struct booking b;
    sqlite3 *db = db_open(fx->db);
    char sql[256];

    /* An orphan outbox row (this connection enforces no foreign keys)
     * makes the second insert of the save fail after the first worked. */
    make_booking(4, &b);
    snprintf(sql, sizeof(sql),
             "INSERT INTO outbox (booking_id, created_at) VALUES ('%s', 0)",
             b.id);
    db_exec(db, sql);
    sqlite3_close(db);

    expect_result("save", STORE_ERROR, store_save_booking(store, &b), store);
    expect_int("bookings", 0, db_int(fx->db, "SELECT COUNT(*) FROM bookings"));
    expect_result("get", STORE_NOT_FOUND,
                  store_get_booking(store, b.id, &b, NULL), store);
    save(store, 5);
    store_close(store);
}

static void test_second_save_of_an_id_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);
    struct booking b;

    save(store, 6);
    make_booking(6, &b);
    expect_result("second save", STORE_ERROR, store_save_booking(store, &b),
                  store);
    expect_int("bookings", 1, db_int(fx->db, "SELECT COUNT(*) FROM bookings"));
    expect_int("outbox rows", 1, db_int(fx->db, "SELECT COUNT(*) FROM outbox"));
    store_close(store);
}

/* ---- answers and counts ---- */

static void test_counts_follow_states(void **state)
{
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);
    char id[BOOKING_ID_LEN + 1];

    expect_counts(store, 0, 0, 0);
    for (int n = 0; n < 5; n++)
        save(store, n);
    booking_id(0, id, sizeof(id));
    expect_result("sync", STORE_OK, store_mark_synced(store, id, NOW), store);
    booking_id(1, id, sizeof(id));
    expect_result("sync", STORE_OK, store_mark_synced(store, id, NOW), store);
    booking_id(2, id, sizeof(id));
    expect_result("reject", STORE_OK,
                  store_mark_rejected(store, id, "slot taken", NOW), store);
    expect_counts(store, 2, 2, 1);
    store_close(store);
}

static void test_mark_synced_sets_state_and_dequeues(void **state)
{
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);
    char id[BOOKING_ID_LEN + 1], sql[256];

    save(store, 1);
    save(store, 2);
    booking_id(1, id, sizeof(id));
    expect_result("sync", STORE_OK, store_mark_synced(store, id, NOW + 5),
                  store);

    expect_booking(store, 1, BOOKING_SYNCED);
    expect_booking(store, 2, BOOKING_PENDING);
    snprintf(sql, sizeof(sql), "SELECT synced_at FROM bookings WHERE id = '%s'",
             id);
    expect_int("synced_at", NOW + 5, db_int(fx->db, sql));
    snprintf(sql, sizeof(sql),
             "SELECT COUNT(*) FROM outbox WHERE booking_id = '%s'", id);
    expect_int("outbox rows of the synced booking", 0, db_int(fx->db, sql));
    expect_int("outbox rows", 1, db_int(fx->db, "SELECT COUNT(*) FROM outbox"));
    store_close(store);
}

static void test_mark_rejected_keeps_booking_with_reason(void **state)
{
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);
    struct store_booking_row row;
    char id[BOOKING_ID_LEN + 1];
    size_t count = 0;

    save(store, 1);
    booking_id(1, id, sizeof(id));
    expect_result("reject", STORE_OK,
                  store_mark_rejected(store, id, "slot taken", NOW), store);

    expect_booking(store, 1, BOOKING_REJECTED);
    expect_int("outbox rows", 0, db_int(fx->db, "SELECT COUNT(*) FROM outbox"));
    expect_result("list", STORE_OK,
                  store_list_slots(store, NOW, NOW + DAY_S, &row, 1, &count),
                  store);
    expect_int("rows", 1, (long long)count);
    expect_int("row state", BOOKING_REJECTED, row.state);
    expect_str("row reason", "slot taken", row.reject_reason);
    store_close(store);
}

/* ---- the staff list ---- */

static void test_list_slots_masks_phone_and_orders_by_slot(void **state)
{
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);
    struct store_booking_row rows[8];
    struct booking b;
    size_t count = 0;

    /* Saved out of order; 9 starts after the range's end. */
    save(store, 5);
    save(store, 2);
    save(store, 9);
    save(store, 4);
    expect_result("list", STORE_OK,
                  store_list_slots(store, NOW + 2 * SLOT_S, NOW + 9 * SLOT_S,
                                   rows, 8, &count),
                  store);

    expect_int("rows", 3, (long long)count);
    for (size_t i = 0; i < count; i++) {
        static const int order[] = {2, 4, 5};
        char masked[16];

        make_booking(order[i], &b);
        snprintf(masked, sizeof(masked), "138****%.4s", b.phone + 7);
        expect_str("reference", b.reference, rows[i].reference);
        expect_str("model", b.model_id, rows[i].model_id);
        expect_int("slot", b.slot_start, rows[i].slot_start);
        expect_str("name", b.name, rows[i].name);
        expect_str("masked phone", masked, rows[i].phone_masked);
        expect_int("state", BOOKING_PENDING, rows[i].state);
        expect_str("reason", "", rows[i].reject_reason);
    }
    store_close(store);
}

static void test_list_slots_stops_at_max_rows(void **state)
{
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);
    struct store_booking_row rows[2];
    size_t count = 0;

    for (int n = 0; n < 5; n++)
        save(store, n);
    expect_result("list", STORE_OK,
                  store_list_slots(store, 0, INT64_MAX, rows, 2, &count),
                  store);
    expect_int("rows", 2, (long long)count);
    expect_int("first slot", NOW, rows[0].slot_start);
    expect_result("list none", STORE_OK,
                  store_list_slots(store, 0, INT64_MAX, rows, 0, &count),
                  store);
    expect_int("rows when none fit", 0, (long long)count);
    store_close(store);
}

/* ---- retention ---- */

static void mark(struct store *store, int n, enum booking_state state,
                 int64_t when)
{
    char id[BOOKING_ID_LEN + 1];
    enum store_result r;

    booking_id(n, id, sizeof(id));
    if (state == BOOKING_SYNCED)
        r = store_mark_synced(store, id, when);
    else
        r = store_mark_rejected(store, id, "refused", when);
    expect_result("mark", STORE_OK, r, store);
}

static void test_retention_erases_contacts_of_old_synced_only(void **state)
{
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);
    struct booking b, want;
    int erased = -1;

    for (int n = 1; n <= 4; n++)
        save(store, n);
    mark(store, 1, BOOKING_SYNCED, NOW - 31 * DAY_S);
    mark(store, 2, BOOKING_SYNCED, NOW - 29 * DAY_S);
    mark(store, 4, BOOKING_REJECTED, NOW - 40 * DAY_S);

    expect_result("retention", STORE_OK,
                  store_apply_retention(store, NOW, 30, &erased), store);
    expect_int("erased", 1, erased);
    make_booking(1, &want);
    expect_result("get", STORE_OK, store_get_booking(store, want.id, &b, NULL),
                  store);
    expect_str("erased name", "", b.name);
    expect_str("erased phone", "", b.phone);
    snprintf(want.name, sizeof(want.name), "%s", "");
    snprintf(want.phone, sizeof(want.phone), "%s", "");
    expect_same_booking(&want, &b);
    expect_booking(store, 2, BOOKING_SYNCED);
    expect_booking(store, 3, BOOKING_PENDING);
    expect_booking(store, 4, BOOKING_REJECTED);
    expect_counts(store, 1, 2, 1);
    expect_int("erased_at", NOW,
               db_int(fx->db, "SELECT MAX(erased_at) FROM bookings"));

    expect_result("retention again", STORE_OK,
                  store_apply_retention(store, NOW, 30, &erased), store);
    expect_int("erased again", 0, erased);
    store_close(store);
}

static void test_erased_contacts_leave_no_trace_in_files(void **state)
{
    static const char name[] = "Zyxwvut Erasable";
    static const char phone[] = "13987650321";
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);
    struct booking b;
    int erased = 0;

    make_booking(1, &b);
    snprintf(b.name, sizeof(b.name), "%s", name);
    snprintf(b.phone, sizeof(b.phone), "%s", phone);
    expect_result("save", STORE_OK, store_save_booking(store, &b), store);
    for (int n = 2; n < 40; n++)
        save(store, n);
    mark(store, 1, BOOKING_SYNCED, NOW - 60 * DAY_S);
    if (!file_holds(fx->db, name) || !file_holds(fx->db, phone))
        fail_msg("expected the name and phone in the files before retention, "
                 "got neither: the test cannot see them");

    expect_result("retention", STORE_OK,
                  store_apply_retention(store, NOW, 30, &erased), store);
    expect_int("erased", 1, erased);
    if (file_holds(fx->db, name) || file_holds(fx->db, phone))
        fail_msg("expected no trace of the erased name and phone, got them in "
                 "%s or its WAL",
                 fx->db);
    store_close(store);
    if (file_holds(fx->db, name) || file_holds(fx->db, phone))
        fail_msg("expected no trace after close, got one in %s", fx->db);
}

/* ---- a full disk ---- */

static void test_full_disk_saves_nothing_half_written(void **state)
{
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);
    struct booking b;
    enum store_result r = STORE_OK;
    int n;

    for (n = 0; n < 5; n++)
        save(store, n);
    expect_result("page limit", STORE_OK, store_set_page_limit(store, 1),
                  store);
    for (; n < FULL_DISK_MAX_SAVES && r == STORE_OK; n++) {
        make_booking(n, &b);
        r = store_save_booking(store, &b);
    }
    n--; /* the one that failed */

    expect_result("save on a full disk", STORE_FULL, r, store);
    expect_counts(store, n, 0, 0);
    expect_int("outbox rows", n, db_int(fx->db, "SELECT COUNT(*) FROM outbox"));
    expect_result("get the failed one", STORE_NOT_FOUND,
                  store_get_booking(store, b.id, &b, NULL), store);
    for (int i = 0; i < n; i++)
        expect_booking(store, i, BOOKING_PENDING);
    expect_integrity_ok(fx->db);
    store_close(store);
}

static void test_saving_works_again_once_space_is_back(void **state)
{
    struct fixture *fx = *state;
    struct store *store = open_store(fx->db, NULL);
    struct booking b;
    enum store_result r = STORE_OK;
    int n;

    expect_result("page limit", STORE_OK, store_set_page_limit(store, 1),
                  store);
    for (n = 0; n < FULL_DISK_MAX_SAVES && r == STORE_OK; n++) {
        make_booking(n, &b);
        r = store_save_booking(store, &b);
    }
    expect_result("save on a full disk", STORE_FULL, r, store);
    expect_result("page limit", STORE_OK, store_set_page_limit(store, 1 << 20),
                  store);
    expect_result("save after", STORE_OK, store_save_booking(store, &b), store);
    expect_booking(store, n - 1, BOOKING_PENDING);
    store_close(store);
}

/* ---- a read-only folder ---- */

/* Formats a failure for the parent and returns false. */
static bool child_fail(char *msg, const char *what, enum store_result got,
                       const char *err)
{
    snprintf(msg, CHILD_MSG_MAX, "%.200s: got %s (%.200s)", what,
             store_result_name(got), err);
    return false;
}

/* Expects path to be refused or its first save to be. */
static bool child_cannot_save(const char *path, char *msg)
{
    struct store *store = NULL;
    struct booking b;
    char err[512] = "";
    enum store_result r = store_open(path, &store, NULL, err, sizeof(err));

    if (r == STORE_OK) {
        make_booking(1, &b);
        r = store_save_booking(store, &b);
        snprintf(err, sizeof(err), "%s", store_error(store));
        store_close(store);
    }
    if (r != STORE_READONLY)
        return child_fail(msg, path, r, err);
    return true;
}

static bool child_cannot_move_corrupt(const char *path, char *msg)
{
    struct store *store = NULL;
    char err[512] = "";
    enum store_result r = store_open(path, &store, NULL, err, sizeof(err));

    store_close(store);
    if (r != STORE_CORRUPT)
        return child_fail(msg, path, r, err);
    return true;
}

/* Runs in the forked child: as nobody when started as root. */
static bool readonly_child(const char *dir, char *msg)
{
    char path[PATH_MAX];

    if (geteuid() == 0 && (setgroups(0, NULL) != 0 || setgid(NOBODY_ID) != 0 ||
                           setuid(NOBODY_ID) != 0)) {
        snprintf(msg, CHILD_MSG_MAX, "cannot become nobody: %s",
                 strerror(errno));
        return false;
    }
    if (access(dir, R_OK | X_OK) != 0 || access(dir, W_OK) == 0) {
        snprintf(msg, CHILD_MSG_MAX, "expected %.400s readable, not writable",
                 dir);
        return false;
    }
    snprintf(path, sizeof(path), "%s/new.db", dir);
    if (!child_cannot_save(path, msg))
        return false;
    snprintf(path, sizeof(path), "%s/old.db", dir);
    if (!child_cannot_save(path, msg))
        return false;
    snprintf(path, sizeof(path), "%s/garbage.db", dir);
    return child_cannot_move_corrupt(path, msg);
}

static void make_readonly_dir(const char *dir)
{
    char path[PATH_MAX];
    struct store *store;
    char *bytes = garbage(GARBAGE_BYTES);

    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(path, sizeof(path), "%s/old.db", dir);
    store = open_store(path, NULL);
    save(store, 1);
    store_close(store);
    snprintf(path, sizeof(path), "%s/garbage.db", dir);
    write_file(path, bytes, GARBAGE_BYTES);
    free(bytes);
    assert_int_equal(chmod(dir, 0555), 0);
}

/* Whether users other than the owner may pass through every folder. */
static bool others_can_reach(const char *dir)
{
    char cur[PATH_MAX], parent[PATH_MAX];
    struct stat st;

    snprintf(cur, sizeof(cur), "%s", dir);
    while (strcmp(cur, "/") != 0 && strcmp(cur, ".") != 0) {
        if (stat(cur, &st) != 0 || !(st.st_mode & S_IXOTH) ||
            !fs_dirname(parent, sizeof(parent), cur))
            return false;
        memcpy(cur, parent, sizeof(cur));
    }
    return true;
}

/*
 * A folder nobody can reach: the fixture's, unless one of its parents is
 * closed to others (a build tree under /root), then one made in /tmp.
 */
static void reachable_dir(struct fixture *fx, char *out, size_t size)
{
    /* mkdtemp made the fixture 0700. */
    assert_int_equal(chmod(fx->dir, 0755), 0);
    if (geteuid() != 0 || others_can_reach(fx->dir)) {
        snprintf(out, size, "%s/ro", fx->dir);
        return;
    }
    snprintf(fx->outside, sizeof(fx->outside), "/tmp/vitrine-store-XXXXXX");
    assert_non_null(mkdtemp(fx->outside));
    assert_int_equal(chmod(fx->outside, 0755), 0);
    snprintf(out, size, "%s/ro", fx->outside);
}

/* Runs readonly_child in a fork; its wait status, its message in msg. */
static int run_readonly_child(const char *dir, char *msg)
{
    int fds[2], status = 0;
    ssize_t got;
    pid_t pid;

    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        bool ok;

        close(fds[0]);
        ok = readonly_child(dir, msg);
        if (!ok && write(fds[1], msg, strlen(msg)) < 0)
            _exit(2);
        _exit(ok ? 0 : 1);
    }
    close(fds[1]);
    got = read(fds[0], msg, CHILD_MSG_MAX - 1);
    msg[got > 0 ? got : 0] = '\0';
    close(fds[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static void test_readonly_folder_is_refused_and_left_alone(void **state)
{
    struct fixture *fx = *state;
    char dir[DIR_MAX + 8], path[PATH_MAX], msg[CHILD_MSG_MAX] = "";
    char *bytes = garbage(GARBAGE_BYTES);
    int status;

    reachable_dir(fx, dir, sizeof(dir));
    make_readonly_dir(dir);
    status = run_readonly_child(dir, msg);
    chmod(dir, 0755);

    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        fail_msg("expected the child to be refused cleanly, got status %d: %s",
                 status, msg);
    snprintf(path, sizeof(path), "%s/garbage.db", dir);
    expect_file_bytes(path, bytes, GARBAGE_BYTES);
    snprintf(path, sizeof(path), "%s/old.db", dir);
    expect_int("bookings in old.db", 1,
               db_int(path, "SELECT COUNT(*) FROM bookings"));
    free(bytes);
}

/* ---- corrupt files ---- */

/* moved is path + ".corrupt-YYYYMMDDTHHMMSS", maybe with "-N" after. */
static void expect_moved_name(const char *path, const char *moved)
{
    char prefix[PATH_MAX + 16];
    const char *stamp = moved + strlen(path) + strlen(".corrupt-");
    bool ok;

    snprintf(prefix, sizeof(prefix), "%s.corrupt-", path);
    ok = strncmp(moved, prefix, strlen(prefix)) == 0 &&
         strlen(stamp) >= STAMP_LEN && stamp[8] == 'T' &&
         (stamp[STAMP_LEN] == '\0' || stamp[STAMP_LEN] == '-');
    for (int i = 0; ok && i < STAMP_LEN; i++)
        ok = i == 8 || (stamp[i] >= '0' && stamp[i] <= '9');
    if (!ok)
        fail_msg("expected %sYYYYMMDDTHHMMSS, got %s", prefix, moved);
}

/* Opens a corrupt path: it must be moved aside, and the fresh file work. */
static void expect_recovered(const char *path, struct store_open_info *info)
{
    struct store *store = open_store(path, info);

    if (!info->recovered)
        fail_msg("expected the corrupt %s to be recovered, got it opened",
                 path);
    expect_moved_name(path, info->moved_to);
    expect_int("schema_to", 2, info->schema_to);
    expect_counts(store, 0, 0, 0);
    save(store, 1);
    expect_booking(store, 1, BOOKING_PENDING);
    store_close(store);
    expect_integrity_ok(path);
}

static void test_garbage_file_is_moved_aside_and_replaced(void **state)
{
    struct fixture *fx = *state;
    struct store_open_info info;
    char *bytes = garbage(GARBAGE_BYTES);

    write_file(fx->db, bytes, GARBAGE_BYTES);
    expect_recovered(fx->db, &info);
    expect_file_bytes(info.moved_to, bytes, GARBAGE_BYTES);
    free(bytes);
}

static void test_damaged_page_is_moved_aside_and_replaced(void **state)
{
    struct fixture *fx = *state;
    struct store_open_info info;
    struct store *store = open_store(fx->db, NULL);
    size_t len, page_size, pages;
    char *bytes;

    for (int n = 0; n < DAMAGE_BOOKINGS; n++)
        save(store, n);
    store_close(store);

    bytes = read_file(fx->db, &len);
    page_size =
        (size_t)((unsigned char)bytes[16] << 8 | (unsigned char)bytes[17]);
    pages = len / page_size;
    assert_true(pages >= 8);
    memset(bytes + pages / 2 * page_size, DAMAGE_FILL, page_size);
    write_file(fx->db, bytes, len);

    expect_recovered(fx->db, &info);
    expect_file_bytes(info.moved_to, bytes, len);
    free(bytes);
}

static void test_corrupt_file_takes_its_wal_and_shm_along(void **state)
{
    static const char wal[] = "not a WAL but kept as evidence";
    static const char shm[] = "not a shm either";
    struct fixture *fx = *state;
    struct store_open_info info;
    char path[PATH_MAX + 16];
    char *bytes = garbage(GARBAGE_BYTES);

    write_file(fx->db, bytes, GARBAGE_BYTES);
    snprintf(path, sizeof(path), "%s-wal", fx->db);
    write_file(path, wal, sizeof(wal));
    snprintf(path, sizeof(path), "%s-shm", fx->db);
    write_file(path, shm, sizeof(shm));

    expect_recovered(fx->db, &info);
    expect_file_bytes(info.moved_to, bytes, GARBAGE_BYTES);
    snprintf(path, sizeof(path), "%s-wal", info.moved_to);
    expect_file_bytes(path, wal, sizeof(wal));
    /* SQLite maps the shm (an index it rebuilds) at the check; only its
     * presence matters, so that it never meets the fresh file. */
    snprintf(path, sizeof(path), "%s-shm", info.moved_to);
    if (!fs_is_file(path))
        fail_msg("expected %s, got no such file", path);
    free(bytes);
}

static void test_second_corrupt_file_does_not_overwrite_first(void **state)
{
    struct fixture *fx = *state;
    struct store_open_info first, second;
    char *bytes = garbage(GARBAGE_BYTES);

    write_file(fx->db, bytes, GARBAGE_BYTES);
    expect_recovered(fx->db, &first);
    bytes[0] ^= 1;
    write_file(fx->db, bytes, GARBAGE_BYTES);
    expect_recovered(fx->db, &second);

    if (strcmp(first.moved_to, second.moved_to) == 0)
        fail_msg("expected two names, got %s twice", first.moved_to);
    expect_file_bytes(second.moved_to, bytes, GARBAGE_BYTES);
    bytes[0] ^= 1;
    expect_file_bytes(first.moved_to, bytes, GARBAGE_BYTES);
    free(bytes);
}

/* ---- schema versions ---- */

/* The first release's schema, as it shipped. */
static const char SCHEMA_V1[] =
    "CREATE TABLE bookings (id TEXT PRIMARY KEY, reference TEXT NOT NULL,"
    " model_id TEXT NOT NULL, slot_start INTEGER NOT NULL,"
    " slot_minutes INTEGER NOT NULL, name TEXT NOT NULL, phone TEXT NOT NULL,"
    " consent_processing INTEGER NOT NULL, consent_marketing INTEGER NOT NULL,"
    " language TEXT NOT NULL, created_at INTEGER NOT NULL,"
    " state INTEGER NOT NULL);"
    "CREATE INDEX bookings_by_slot ON bookings(slot_start);"
    "CREATE TABLE outbox (booking_id TEXT PRIMARY KEY REFERENCES bookings(id),"
    " created_at INTEGER NOT NULL);"
    "PRAGMA user_version = 1;";

static void insert_v1_booking(sqlite3 *db, int n)
{
    struct booking b;
    sqlite3_stmt *st = NULL;
    char sql[256];

    make_booking(n, &b);
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "INSERT INTO bookings VALUES (?1, ?2, ?3, ?4, ?5,"
                           " ?6, ?7, ?8, ?9, ?10, ?11, 0)",
                           -1, &st, NULL),
        SQLITE_OK);
    sqlite3_bind_text(st, 1, b.id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, b.reference, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, b.model_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, b.slot_start);
    sqlite3_bind_int(st, 5, b.slot_minutes);
    sqlite3_bind_text(st, 6, b.name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, b.phone, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 8, b.consent_processing);
    sqlite3_bind_int(st, 9, b.consent_marketing);
    sqlite3_bind_text(st, 10, b.language, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 11, b.created_at);
    assert_int_equal(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    snprintf(sql, sizeof(sql), "INSERT INTO outbox VALUES ('%s', %lld)", b.id,
             (long long)b.created_at);
    db_exec(db, sql);
}

static void test_v1_file_is_migrated_with_its_bookings(void **state)
{
    struct fixture *fx = *state;
    struct store_open_info info;
    struct store *store;
    sqlite3 *db = NULL;
    char id[BOOKING_ID_LEN + 1];

    assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
    db_exec(db, SCHEMA_V1);
    insert_v1_booking(db, 7);
    sqlite3_close(db);

    store = open_store(fx->db, &info);
    expect_int("schema_from", 1, info.schema_from);
    expect_int("schema_to", 2, info.schema_to);
    expect_int("user_version", 2, db_int(fx->db, "PRAGMA user_version"));
    expect_booking(store, 7, BOOKING_PENDING);
    expect_int("outbox rows", 1,
               db_int(fx->db, "SELECT COUNT(*) FROM outbox WHERE attempts = 0"
                              " AND next_attempt_at = 0"
                              " AND last_error IS NULL"));
    booking_id(7, id, sizeof(id));
    expect_result("sync", STORE_OK, store_mark_synced(store, id, NOW), store);
    expect_counts(store, 0, 1, 0);
    store_close(store);
}

static void test_newer_schema_is_refused_and_left_unchanged(void **state)
{
    struct fixture *fx = *state;
    struct store *store = NULL;
    sqlite3 *db = NULL;
    char err[512] = "", wal[PATH_MAX + 8];
    size_t len;
    char *bytes;
    enum store_result r;

    assert_int_equal(sqlite3_open(fx->db, &db), SQLITE_OK);
    db_exec(db, "CREATE TABLE future (x); INSERT INTO future VALUES (1);"
                "PRAGMA user_version = 99;");
    sqlite3_close(db);
    bytes = read_file(fx->db, &len);

    r = store_open(fx->db, &store, NULL, err, sizeof(err));
    expect_result("open", STORE_ERROR, r, NULL);
    assert_null(store);
    if (!strstr(err, "schema 99 is newer than this program's 2"))
        fail_msg("expected \"schema 99 is newer than this program's 2\", "
                 "got \"%s\"",
                 err);
    expect_file_bytes(fx->db, bytes, len);
    snprintf(wal, sizeof(wal), "%s-wal", fx->db);
    if (fs_is_file(wal))
        fail_msg("expected no %s, got one", wal);
    free(bytes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_new_file_is_created_at_current_schema_in_wal, make_dir,
            remove_dir),
        cmocka_unit_test_setup_teardown(
            test_saved_booking_reads_back_with_every_field, make_dir,
            remove_dir),
        cmocka_unit_test_setup_teardown(test_unknown_booking_is_not_found,
                                        make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(
            test_booking_and_outbox_row_are_written_together, make_dir,
            remove_dir),
        cmocka_unit_test_setup_teardown(
            test_booking_is_not_kept_when_its_outbox_row_fails, make_dir,
            remove_dir),
        cmocka_unit_test_setup_teardown(test_second_save_of_an_id_is_refused,
                                        make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_counts_follow_states, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(
            test_mark_synced_sets_state_and_dequeues, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(
            test_mark_rejected_keeps_booking_with_reason, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(
            test_list_slots_masks_phone_and_orders_by_slot, make_dir,
            remove_dir),
        cmocka_unit_test_setup_teardown(test_list_slots_stops_at_max_rows,
                                        make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(
            test_retention_erases_contacts_of_old_synced_only, make_dir,
            remove_dir),
        cmocka_unit_test_setup_teardown(
            test_erased_contacts_leave_no_trace_in_files, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(
            test_full_disk_saves_nothing_half_written, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(
            test_saving_works_again_once_space_is_back, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(
            test_readonly_folder_is_refused_and_left_alone, make_dir,
            remove_dir),
        cmocka_unit_test_setup_teardown(
            test_garbage_file_is_moved_aside_and_replaced, make_dir,
            remove_dir),
        cmocka_unit_test_setup_teardown(
            test_damaged_page_is_moved_aside_and_replaced, make_dir,
            remove_dir),
        cmocka_unit_test_setup_teardown(
            test_corrupt_file_takes_its_wal_and_shm_along, make_dir,
            remove_dir),
        cmocka_unit_test_setup_teardown(
            test_second_corrupt_file_does_not_overwrite_first, make_dir,
            remove_dir),
        cmocka_unit_test_setup_teardown(
            test_v1_file_is_migrated_with_its_bookings, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(
            test_newer_schema_is_refused_and_left_unchanged, make_dir,
            remove_dir),
    };

    store_global_init();
    log_set_level(LOG_WARN);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
