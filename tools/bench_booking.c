/*
 * vitrine-bench-booking: what a durable booking costs.
 *
 *   latency   SAMPLES bookings saved one by one through store_save_booking
 *             into a fresh file: median, p90, p99 and max of submit to
 *             committed (the call's wall time, fsync of the WAL included)
 *   baseline  as many 256-byte write() + fdatasync() appends to a plain
 *             file in the same folder: the floor any durable write pays
 *             on this disk, and our figures divided by it
 *   size      the same file grown to SIZE_BOOKINGS bookings: main file and
 *             WAL as the saves leave them, then the main file alone after
 *             a truncating checkpoint
 *
 * Usage: vitrine-bench-booking [DIR]  (default /tmp). A temporary folder
 * is made inside DIR and removed afterwards. Prints Markdown tables; the
 * figures drift with the disk and the machine's load, and none is judged.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "booking.h"
#include "log.h"
#include "store.h"

enum {
    SAMPLES = 1000,
    SIZE_BOOKINGS = 10000,
    APPEND_BYTES = 256,
    DIR_MAX = PATH_MAX / 2,
};

struct figures {
    double median_ms, p90_ms, p99_ms, max_ms;
};

struct bench {
    char dir[DIR_MAX];
    char db[PATH_MAX];
    char plain[PATH_MAX];
    double ours_ms[SAMPLES];
    double floor_ms[SAMPLES];
};

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Nearest-rank percentile q (0..1] of sorted samples. */
static double rank(const double *sorted, size_t n, double q)
{
    size_t i = (size_t)(q * (double)n + 0.999999);

    return sorted[i > 0 ? i - 1 : 0];
}

static struct figures summarize(double *samples, size_t n)
{
    struct figures f;

    qsort(samples, n, sizeof(*samples), by_value);
    f.median_ms = rank(samples, n, 0.5);
    f.p90_ms = rank(samples, n, 0.9);
    f.p99_ms = rank(samples, n, 0.99);
    f.max_ms = samples[n - 1];
    return f;
}

/* A booking like the form's: random id and reference, a Chinese name. */
static bool make_booking(int n, struct booking *b)
{
    memset(b, 0, sizeof(*b));
    if (!booking_new_ids(b))
        return false;
    snprintf(b->model_id, sizeof(b->model_id), "aurora-ev");
    b->slot_start = 1767225600 + (int64_t)n * 1800;
    b->slot_minutes = 30;
    snprintf(b->name, sizeof(b->name), "王先生%d", n % 100);
    snprintf(b->phone, sizeof(b->phone), "138%08d", n);
    b->consent_processing = true;
    b->consent_marketing = n % 3 == 0;
    snprintf(b->language, sizeof(b->language), "zh-CN");
    b->created_at = (int64_t)time(NULL);
    return true;
}

/* Saves bookings first..last-1; times each into ms when ms is not NULL. */
static bool save_range(struct store *store, int first, int last, double *ms)
{
    struct booking b;

    for (int n = first; n < last; n++) {
        double start;
        enum store_result r;

        if (!make_booking(n, &b)) {
            fprintf(stderr, "bench: no randomness for booking ids\n");
            return false;
        }
        start = now_ms();
        r = store_save_booking(store, &b);
        if (ms)
            ms[n - first] = now_ms() - start;
        if (r != STORE_OK) {
            fprintf(stderr, "bench: save %d: %s (%s)\n", n,
                    store_result_name(r), store_error(store));
            return false;
        }
    }
    return true;
}

/* The durable-append floor: write() + fdatasync() of APPEND_BYTES. */
static bool time_appends(const char *path, double *ms)
{
    char record[APPEND_BYTES];
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_TRUNC, 0600);
    bool ok = fd >= 0;

    memset(record, 'x', sizeof(record));
    for (int i = 0; ok && i < SAMPLES; i++) {
        double start = now_ms();

        ok = write(fd, record, sizeof(record)) == (ssize_t)sizeof(record) &&
             fdatasync(fd) == 0;
        ms[i] = now_ms() - start;
    }
    if (!ok)
        fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
    if (fd >= 0)
        close(fd);
    return ok;
}

static long long file_bytes(const char *path, const char *suffix)
{
    char full[PATH_MAX + 8];
    struct stat st;

    snprintf(full, sizeof(full), "%s%s", path, suffix);
    return stat(full, &st) == 0 ? (long long)st.st_size : 0;
}

/* Folds the WAL into the main file and truncates it, on our connection. */
static bool checkpoint(const char *path)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);

    if (rc == SQLITE_OK)
        rc = sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
                                       NULL, NULL);
    if (rc != SQLITE_OK)
        fprintf(stderr, "bench: checkpoint: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc == SQLITE_OK;
}

static void print_row(const char *what, const struct figures *f)
{
    printf("| %s | %.3f ms | %.3f ms | %.3f ms | %.3f ms |\n", what,
           f->median_ms, f->p90_ms, f->p99_ms, f->max_ms);
}

static void print_latency(const char *dir, struct figures ours,
                          struct figures plain)
{
    printf("| %d saves in %s | median | p90 | p99 | max |\n", SAMPLES, dir);
    printf("|---|---|---|---|---|\n");
    print_row("store_save_booking, submit to committed", &ours);
    print_row("baseline: write(256 B) + fdatasync", &plain);
    printf("| ratio ours / baseline | %.2f | %.2f | %.2f | %.2f |\n\n",
           ours.median_ms / plain.median_ms, ours.p90_ms / plain.p90_ms,
           ours.p99_ms / plain.p99_ms, ours.max_ms / plain.max_ms);
}

static void print_size(long long main_bytes, long long wal_bytes,
                       long long checkpointed)
{
    printf("| file size for %d bookings | bytes | per booking |\n",
           SIZE_BOOKINGS);
    printf("|---|---|---|\n");
    printf("| main file + WAL, as the saves leave them | %lld + %lld | "
           "%.0f B |\n",
           main_bytes, wal_bytes,
           (double)(main_bytes + wal_bytes) / SIZE_BOOKINGS);
    printf("| main file after a truncating checkpoint | %lld | %.0f B |\n",
           checkpointed, (double)checkpointed / SIZE_BOOKINGS);
}

/* Latency on a fresh file, then the same file grown for its size. */
static bool run(struct bench *bench)
{
    struct store *store = NULL;
    char err[512];
    long long main_bytes, wal_bytes;
    bool ok;

    if (store_open(bench->db, &store, NULL, err, sizeof(err)) != STORE_OK) {
        fprintf(stderr, "bench: open %s: %s\n", bench->db, err);
        return false;
    }
    ok = save_range(store, 0, SAMPLES, bench->ours_ms) &&
         time_appends(bench->plain, bench->floor_ms) &&
         save_range(store, SAMPLES, SIZE_BOOKINGS, NULL);
    main_bytes = file_bytes(bench->db, "");
    wal_bytes = file_bytes(bench->db, "-wal");
    ok = ok && checkpoint(bench->db);
    if (ok) {
        print_latency(bench->dir, summarize(bench->ours_ms, SAMPLES),
                      summarize(bench->floor_ms, SAMPLES));
        print_size(main_bytes, wal_bytes, file_bytes(bench->db, ""));
    }
    store_close(store);
    return ok;
}

static void clean_up(const struct bench *bench)
{
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    char path[PATH_MAX + 8];

    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        snprintf(path, sizeof(path), "%s%s", bench->db, suffixes[i]);
        unlink(path);
    }
    unlink(bench->plain);
    rmdir(bench->dir);
}

int main(int argc, char **argv)
{
    static struct bench bench;
    const char *base = argc > 1 ? argv[1] : "/tmp";
    bool ok;

    store_global_init();
    log_set_level(LOG_WARN);
    snprintf(bench.dir, sizeof(bench.dir), "%s/vitrine-bench-XXXXXX", base);
    if (!mkdtemp(bench.dir)) {
        fprintf(stderr, "bench: cannot make a folder in %s: %s\n", base,
                strerror(errno));
        return 1;
    }
    snprintf(bench.db, sizeof(bench.db), "%s/vitrine.db", bench.dir);
    snprintf(bench.plain, sizeof(bench.plain), "%s/baseline.log", bench.dir);
    ok = run(&bench);
    clean_up(&bench);
    return ok ? 0 : 1;
}
