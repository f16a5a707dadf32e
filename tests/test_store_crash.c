/*
 * Crash safety of store: a booking reported saved survives a SIGKILL at
 * any moment.
 *
 * A child process opens the store and saves bookings in a loop; after
 * each STORE_OK it writes the booking's number to a pipe: the "reported
 * saved" list. The parent kills it with SIGKILL after a random 0-30 ms,
 * KILLS times on the same file. After every kill the parent reopens the
 * file (which must not need recovery), finds every booking ever reported
 * intact, field by field, and runs integrity_check through its own
 * connection.
 *
 * Booking n's fields follow from n alone, so the parent knows what the
 * child wrote. Ids run 0, 1, 2 ... with no gap: each child starts at the
 * number of bookings already in the file, since a booking may be committed
 * and killed before it was reported.
 *
 * The seed is printed; VITRINE_CRASH_SEED=N repeats a run's kill delays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "log.h"
#include "store.h"
#include "test_tmp.h"

enum {
    KILLS = 200,
    MAX_DELAY_US = 30000,
    US_PER_S = 1000000,
    NS_PER_US = 1000,
    DIR_MAX = PATH_MAX / 2,
};

/* Why a child stopped before it was killed. */
enum child_exit {
    CHILD_OPEN_FAILED = 10,
    CHILD_COUNT_FAILED,
    CHILD_SAVE_FAILED,
    CHILD_PIPE_FAILED,
};

static const int64_t NOW = 1767225600; /* 2026-01-01 00:00:00 UTC */

struct crash {
    char dir[DIR_MAX];
    char db[PATH_MAX];
    uint32_t random; /* xorshift state */
    int *confirmed;  /* booking numbers reported saved */
    size_t count, cap;
    int kills;
};

/* Booking n, the same in the child and the parent. */
static void make_booking(int n, struct booking *b)
{
    memset(b, 0, sizeof(*b));
    snprintf(b->id, sizeof(b->id), "00000000-0000-4000-8000-%012d", n);
    for (int i = 0; i < BOOKING_REF_LEN; i++)
        b->reference[i] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"[(n + i * 5) % 32];
    snprintf(b->model_id, sizeof(b->model_id), "model-%d", n % 4);
    b->slot_start = NOW + (int64_t)n * 60;
    b->slot_minutes = 30;
    snprintf(b->name, sizeof(b->name), "测试%d", n);
    snprintf(b->phone, sizeof(b->phone), "13%09u",
             (unsigned)n * 7919u % 1000000000u);
    b->consent_processing = true;
    b->consent_marketing = n % 3 == 0;
    snprintf(b->language, sizeof(b->language), "%s", n % 2 ? "en" : "zh-CN");
    b->created_at = NOW + n;
}

/* ---- the child ---- */

static void child_stop(enum child_exit why, const char *what, const char *err)
{
    fprintf(stderr, "crash child: %s: %s\n", what, err);
    _exit(why);
}

/* Saves bookings until killed, reporting each one after it is saved. */
static void child_run(const char *path, int fd)
{
    struct store *store = NULL;
    struct store_counts c;
    struct booking b;
    char err[512];
    int n;

    if (store_open(path, &store, NULL, err, sizeof(err)) != STORE_OK)
        child_stop(CHILD_OPEN_FAILED, "open", err);
    if (store_count_by_state(store, &c) != STORE_OK)
        child_stop(CHILD_COUNT_FAILED, "count", store_error(store));
    for (n = c.pending + c.synced + c.rejected;; n++) {
        make_booking(n, &b);
        if (store_save_booking(store, &b) != STORE_OK)
            child_stop(CHILD_SAVE_FAILED, "save", store_error(store));
        if (write(fd, &n, sizeof(n)) != (ssize_t)sizeof(n))
            child_stop(CHILD_PIPE_FAILED, "report", strerror(errno));
    }
}

/* ---- the parent ---- */

static uint32_t next_random(struct crash *cr)
{
    cr->random ^= cr->random << 13;
    cr->random ^= cr->random >> 17;
    cr->random ^= cr->random << 5;
    return cr->random;
}

static int64_t now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * US_PER_S + ts.tv_nsec / NS_PER_US;
}

static void confirm(struct crash *cr, int n)
{
    if (cr->count == cr->cap) {
        cr->cap = cr->cap ? cr->cap * 2 : 1024;
        cr->confirmed = realloc(cr->confirmed, cr->cap * sizeof(int));
        assert_non_null(cr->confirmed);
    }
    cr->confirmed[cr->count++] = n;
}

/* Reads one report; false at EOF (the child is gone). */
static bool read_report(struct crash *cr, int fd)
{
    int n;
    ssize_t got = read(fd, &n, sizeof(n));

    if (got == 0)
        return false;
    if (got != (ssize_t)sizeof(n))
        fail_msg("expected a %zu-byte report, got %zd (%s)", sizeof(n), got,
                 strerror(errno));
    confirm(cr, n);
    return true;
}

/* Collects reports until the deadline, as the child keeps saving. */
static void collect_until(struct crash *cr, int fd, int64_t deadline_us)
{
    int64_t left;

    while ((left = deadline_us - now_us()) > 0) {
        struct timespec wait = {left / US_PER_S,
                                (long)(left % US_PER_S * NS_PER_US)};
        fd_set set;
        int ready;

        FD_ZERO(&set);
        FD_SET(fd, &set);
        ready = pselect(fd + 1, &set, NULL, NULL, &wait, NULL);
        if (ready < 0 && errno != EINTR)
            fail_msg("expected pselect to work, got %s", strerror(errno));
        if (ready > 0 && !read_report(cr, fd))
            return;
    }
}

static void expect_killed(pid_t pid)
{
    int status = 0;

    assert_int_equal(kill(pid, SIGKILL), 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (WIFEXITED(status))
        fail_msg("expected the child to save until killed, got exit %d "
                 "(10 open, 11 count, 12 save, 13 pipe)",
                 WEXITSTATUS(status));
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
        fail_msg("expected the child killed by SIGKILL, got status %d", status);
}

/* One child, killed after a random delay; every report collected. */
static void run_and_kill(struct crash *cr)
{
    int fds[2];
    int64_t delay_us = next_random(cr) % (MAX_DELAY_US + 1);
    int64_t start = now_us();
    pid_t pid;

    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        child_run(cr->db, fds[1]);
    }
    close(fds[1]);
    collect_until(cr, fds[0], start + delay_us);
    expect_killed(pid);
    while (read_report(cr, fds[0]))
        ;
    close(fds[0]);
    cr->kills++;
}

static void expect_booking(struct store *store, int n)
{
    struct booking want, got;
    enum booking_state state;
    enum store_result r;

    make_booking(n, &want);
    r = store_get_booking(store, want.id, &got, &state);
    if (r != STORE_OK)
        fail_msg("booking %d reported saved: expected ok, got %s (%s)", n,
                 store_result_name(r), store_error(store));
    if (strcmp(want.reference, got.reference) != 0 ||
        strcmp(want.model_id, got.model_id) != 0 ||
        want.slot_start != got.slot_start ||
        want.slot_minutes != got.slot_minutes ||
        strcmp(want.name, got.name) != 0 ||
        strcmp(want.phone, got.phone) != 0 ||
        want.consent_processing != got.consent_processing ||
        want.consent_marketing != got.consent_marketing ||
        strcmp(want.language, got.language) != 0 ||
        want.created_at != got.created_at || state != BOOKING_PENDING)
        fail_msg("booking %d: expected the fields it was saved with, got "
                 "ref %s model %s slot %lld name %s state %d",
                 n, got.reference, got.model_id, (long long)got.slot_start,
                 got.name, state);
}

static int db_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int value;

    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW)
        fail_msg("expected a row from \"%s\", got %s", sql, sqlite3_errmsg(db));
    value = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return value;
}

/* integrity_check and one outbox row per booking, by a connection of ours. */
static int check_file(const char *path, int kills)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int bookings;

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        fail_msg("expected to open %s, got %s", path, sqlite3_errmsg(db));
    assert_int_equal(
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL),
        SQLITE_OK);
    if (sqlite3_step(st) != SQLITE_ROW ||
        strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
        fail_msg("after kill %d: expected integrity_check ok, got %s", kills,
                 sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    bookings = db_int(db, "SELECT COUNT(*) FROM bookings");
    if (db_int(db, "SELECT COUNT(*) FROM outbox") != bookings)
        fail_msg("expected one outbox row per booking (%d), got %d", bookings,
                 db_int(db, "SELECT COUNT(*) FROM outbox"));
    sqlite3_close(db);
    return bookings;
}

/* After a kill: opens as the kiosk would and checks every report. */
static int verify(struct crash *cr)
{
    struct store_open_info info;
    struct store *store = NULL;
    char err[512];
    enum store_result r = store_open(cr->db, &store, &info, err, sizeof(err));

    if (r != STORE_OK)
        fail_msg("after kill %d: expected to open, got %s (%s)", cr->kills,
                 store_result_name(r), err);
    if (info.recovered)
        fail_msg("after kill %d: expected the file intact, got it moved to %s",
                 cr->kills, info.moved_to);
    for (size_t i = 0; i < cr->count; i++)
        expect_booking(store, cr->confirmed[i]);
    store_close(store);
    return check_file(cr->db, cr->kills);
}

static uint32_t pick_seed(void)
{
    const char *text = getenv("VITRINE_CRASH_SEED");
    uint32_t seed = text ? (uint32_t)strtoul(text, NULL, 10)
                         : (uint32_t)time(NULL) ^ (uint32_t)getpid();

    return seed ? seed : 1; /* xorshift never leaves 0 */
}

static void test_reported_bookings_survive_sigkill(void **state)
{
    struct crash *cr = *state;
    uint32_t seed = pick_seed();
    int in_db = 0;

    printf("crash: seed %u (VITRINE_CRASH_SEED=%u repeats it)\n", seed, seed);
    cr->random = seed;
    for (int i = 0; i < KILLS; i++) {
        run_and_kill(cr);
        in_db = verify(cr);
        if ((size_t)in_db < cr->count)
            fail_msg("expected at least the %zu reported bookings, got %d",
                     cr->count, in_db);
    }
    printf("crash: %d kills, %zu bookings confirmed, %d in the database\n",
           cr->kills, cr->count, in_db);
}

static int make_dir(void **state)
{
    struct crash *cr = calloc(1, sizeof(*cr));

    if (!cr)
        return -1;
    if (!test_tmp_dir(cr->dir, sizeof(cr->dir), "store-crash")) {
        free(cr);
        return -1;
    }
    snprintf(cr->db, sizeof(cr->db), "%s/vitrine.db", cr->dir);
    *state = cr;
    return 0;
}

/* The file, its WAL and shm, and the folder; nothing else is made. */
static int remove_dir(void **state)
{
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    struct crash *cr = *state;
    char path[PATH_MAX + 8];

    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        snprintf(path, sizeof(path), "%s%s", cr->db, suffixes[i]);
        unlink(path);
    }
    rmdir(cr->dir);
    free(cr->confirmed);
    free(cr);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reported_bookings_survive_sigkill,
                                        make_dir, remove_dir),
    };

    store_global_init();
    log_set_level(LOG_WARN);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
