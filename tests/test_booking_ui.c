/*
 * Booking a test drive by touch alone, through the real program: end to
 * end in Chinese and in English, checked on screen (dump-ui) and in the
 * database file; a visitor who walks away mid-form leaves no trace of
 * their name or number; a database that cannot be written keeps the form
 * and asks for the staff.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kiosk_run.h"

/* Every day open round the clock, no lead time: tomorrow 10:00 exists. */
#define OPEN_ALL_DAY                                                           \
    "\"hours\": {\"mon\": \"00:00-24:00\", \"tue\": \"00:00-24:00\", "         \
    "\"wed\": \"00:00-24:00\", \"thu\": \"00:00-24:00\", "                     \
    "\"fri\": \"00:00-24:00\", \"sat\": \"00:00-24:00\", "                     \
    "\"sun\": \"00:00-24:00\"}"

static const char CONFIG[] =
    "{\"booking\": {\"min_lead_minutes\": 0, " OPEN_ALL_DAY "}}";

static const char PHONE_KEYS[] = "tap-on \"key-1\"\ntap-on \"key-3\"\n"
                                 "tap-on \"key-8\"\ntap-on \"key-1\"\n"
                                 "tap-on \"key-2\"\ntap-on \"key-3\"\n"
                                 "tap-on \"key-4\"\ntap-on \"key-5\"\n"
                                 "tap-on \"key-6\"\ntap-on \"key-7\"\n"
                                 "tap-on \"key-8\"\n";

static const char ZH_START[] = "tap-on \"start\"\n"
                               "tap-on \"book-aurora-ev\"\n"
                               "expect-screen booking\n"
                               "screenshot zh-1-slot\n"
                               "tap-on \"day-1\"\n"
                               "tap-on \"time-10:00\"\n"
                               "screenshot zh-2-slot-picked\n"
                               "tap-on \"next\"\n"
                               "tap-on \"surname-0\"\n"
                               "tap-on \"title-0\"\n"
                               "dump-ui zh-name\n"
                               "screenshot zh-3-name\n"
                               "tap-on \"next\"\n";

static const char ZH_END[] = "dump-ui zh-phone\n"
                             "screenshot zh-4-phone\n"
                             "tap-on \"next\"\n"
                             "tap-on \"consent\"\n"
                             "tap-on \"notice\"\n"
                             "dump-ui zh-notice\n"
                             "screenshot zh-5-notice\n"
                             "tap-on \"notice-close\"\n"
                             "screenshot zh-6-consent\n"
                             "tap-on \"next\"\n"
                             "dump-ui zh-review\n"
                             "screenshot zh-7-review\n"
                             "tap-on \"submit\"\n"
                             "dump-ui zh-done\n"
                             "screenshot zh-8-done\n"
                             "tap-on \"finish\"\n"
                             "expect-screen home\n";

static char *concat(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    char *s = malloc(n);

    assert_non_null(s);
    snprintf(s, n, "%s%s%s", a, b, c);
    return s;
}

static void expect_text(const cJSON *dump, const char *id, const char *want)
{
    const char *got = kiosk_widget_text(dump, id);

    if (strcmp(got, want) != 0)
        fail_msg("widget \"%s\": expected \"%s\", got \"%s\"", id, want, got);
}

static void expect_ok(const struct kiosk_run *run)
{
    if (run->exit_status != 0)
        fail_msg("expected exit status 0, got %d; log:\n%s", run->exit_status,
                 run->stderr_text);
}

/* No widget on the screen shows any of the needles. */
static void expect_no_trace(const cJSON *dump, const char *const *needles)
{
    const cJSON *w;

    cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(dump, "widgets"))
    {
        const char *text =
            cJSON_GetObjectItemCaseSensitive(w, "text")->valuestring;

        for (int i = 0; needles[i]; i++) {
            if (strstr(text, needles[i]))
                fail_msg("expected no \"%s\" on screen, got widget \"%s\": "
                         "\"%s\"",
                         needles[i],
                         cJSON_GetObjectItemCaseSensitive(w, "id")->valuestring,
                         text);
        }
    }
}

struct saved {
    int count;
    char name[96], phone[16], model[48], reference[8], language[8];
    int consent, marketing;
};

static void read_saved(const struct kiosk_run *run, struct saved *out)
{
    char path[700];
    sqlite3 *db;
    sqlite3_stmt *st;

    memset(out, 0, sizeof(*out));
    snprintf(path, sizeof(path), "%s/data/vitrine.db", run->dir);
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT name, phone, model_id, reference, "
                           "language, consent_processing, consent_marketing, "
                           "(SELECT COUNT(*) FROM bookings), "
                           "(SELECT COUNT(*) FROM outbox) FROM bookings",
                           -1, &st, NULL),
        SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(out->name, sizeof(out->name), "%s",
                 sqlite3_column_text(st, 0));
        snprintf(out->phone, sizeof(out->phone), "%s",
                 sqlite3_column_text(st, 1));
        snprintf(out->model, sizeof(out->model), "%s",
                 sqlite3_column_text(st, 2));
        snprintf(out->reference, sizeof(out->reference), "%s",
                 sqlite3_column_text(st, 3));
        snprintf(out->language, sizeof(out->language), "%s",
                 sqlite3_column_text(st, 4));
        out->consent = sqlite3_column_int(st, 5);
        out->marketing = sqlite3_column_int(st, 6);
        out->count = sqlite3_column_int(st, 7);
        assert_int_equal(sqlite3_column_int(st, 8), out->count);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* "K7M4QX" shown as "K7M 4QX". */
static void expect_reference_shown(const cJSON *done, const char *ref)
{
    char want[16];

    snprintf(want, sizeof(want), "%.3s %.3s", ref, ref + 3);
    expect_text(done, "reference", want);
    for (const char *p = ref; *p; p++) {
        if (strchr("01OI", *p))
            fail_msg("expected no 0, 1, O or I in the reference, got %s", ref);
    }
}

static void test_visitor_books_by_touch_in_chinese(void **state)
{
    const char *const traces[] = {"王先生", "138", "5678", NULL};
    char *script = concat(ZH_START, PHONE_KEYS, ZH_END);
    struct kiosk_run run;
    struct saved saved;
    cJSON *name, *phone, *notice, *review, *done;

    (void)state;
    assert_true(kiosk_run(&run, "1920x1080", script, CONFIG, NULL));
    free(script);
    expect_ok(&run);
    name = kiosk_dump(&run, "zh-name");
    phone = kiosk_dump(&run, "zh-phone");
    notice = kiosk_dump(&run, "zh-notice");
    review = kiosk_dump(&run, "zh-review");
    done = kiosk_dump(&run, "zh-done");
    assert_non_null(name && phone && notice && review && done);

    expect_text(name, "name-field", "王先生");
    expect_text(phone, "phone-field", "138 1234 5678");
    if (!strstr(kiosk_widget_text(notice, "notice-body"), "30"))
        fail_msg("expected the notice to say how long (30 days), got \"%s\"",
                 kiosk_widget_text(notice, "notice-body"));
    expect_text(review, "review-model", "极光 EV");
    expect_text(review, "review-name", "王先生");
    expect_text(review, "review-phone", "138 1234 5678");
    if (!strstr(kiosk_widget_text(review, "review-slot"), "10:00–11:00"))
        fail_msg("expected the review to show 10:00–11:00, got \"%s\"",
                 kiosk_widget_text(review, "review-slot"));

    read_saved(&run, &saved);
    assert_int_equal(saved.count, 1);
    assert_string_equal(saved.name, "王先生");
    assert_string_equal(saved.phone, "13812345678");
    assert_string_equal(saved.model, "aurora-ev");
    assert_string_equal(saved.language, "zh-CN");
    assert_int_equal(saved.consent, 1);
    assert_int_equal(saved.marketing, 0);
    expect_reference_shown(done, saved.reference);
    expect_no_trace(done, traces);
    if (strstr(run.stderr_text, "13812345678") ||
        strstr(run.stderr_text, "王先生"))
        fail_msg("expected no name or full number in the log, got:\n%s",
                 run.stderr_text);

    cJSON_Delete(name);
    cJSON_Delete(phone);
    cJSON_Delete(notice);
    cJSON_Delete(review);
    cJSON_Delete(done);
    kiosk_run_cleanup(&run);
}

static const char EN_SCRIPT[] = "tap-on \"start\"\n"
                                "tap-on \"EN\"\n"
                                "tap-on \"Vista SUV\"\n"
                                "tap-on \"Book a test drive\"\n"
                                "expect-screen booking\n"
                                "screenshot en-1-slot\n"
                                "tap-on \"day-1\"\n"
                                "tap-on \"time-10:00\"\n"
                                "tap-on \"Next\"\n"
                                "tap-on \"key-l\"\n"
                                "tap-on \"key-i\"\n"
                                "tap-on \"key-space\"\n"
                                "tap-on \"key-w\"\n"
                                "tap-on \"key-e\"\n"
                                "tap-on \"key-i\"\n"
                                "dump-ui en-name\n"
                                "screenshot en-2-name\n"
                                "tap-on \"Next\"\n"
                                "text \"+86 139 0000 1111\"\n"
                                "screenshot en-3-phone\n"
                                "tap-on \"Next\"\n"
                                "tap-on \"consent\"\n"
                                "tap-on \"marketing\"\n"
                                "screenshot en-4-consent\n"
                                "tap-on \"Next\"\n"
                                "screenshot en-5-review\n"
                                "tap-on \"Confirm booking\"\n"
                                "dump-ui en-done\n"
                                "screenshot en-6-done\n";

static void test_visitor_books_by_touch_in_english(void **state)
{
    const char *const traces[] = {"Li Wei", "139", "1111", NULL};
    struct kiosk_run run;
    struct saved saved;
    cJSON *name, *done;

    (void)state;
    assert_true(kiosk_run(&run, "1080x1920", EN_SCRIPT, CONFIG, NULL));
    expect_ok(&run);
    name = kiosk_dump(&run, "en-name");
    done = kiosk_dump(&run, "en-done");
    assert_non_null(name && done);
    expect_text(name, "name-field", "Li Wei");
    expect_text(done, "question", "You are booked");
    expect_text(done, "done-model", "Vista SUV");

    read_saved(&run, &saved);
    assert_int_equal(saved.count, 1);
    assert_string_equal(saved.name, "Li Wei");
    assert_string_equal(saved.phone, "13900001111");
    assert_string_equal(saved.model, "vista-suv");
    assert_string_equal(saved.language, "en");
    assert_int_equal(saved.marketing, 1);
    expect_reference_shown(done, saved.reference);
    expect_no_trace(done, traces);
    cJSON_Delete(name);
    cJSON_Delete(done);
    kiosk_run_cleanup(&run);
}

static void test_walking_away_leaves_no_trace(void **state)
{
    static const char config[] =
        "{\"idle_timeout_s\": 20, \"booking\": {\"min_lead_minutes\": 0, "
        "\"still_there_s\": 10, " OPEN_ALL_DAY "}}";
    static const char tail[] = "wait 11000\n"
                               "dump-ui prompt\n"
                               "screenshot walk-away-prompt\n"
                               "wait 10000\n"
                               "expect-screen attract\n"
                               "dump-ui attract\n"
                               "tap-on \"start\"\n"
                               "dump-ui home\n"
                               "tap-on \"book-aurora-ev\"\n"
                               "dump-ui again\n"
                               "tap-on \"day-1\"\n"
                               "tap-on \"time-10:00\"\n"
                               "tap-on \"next\"\n"
                               "dump-ui name-again\n"
                               "tap-on \"next\"\n";
    const char *const traces[] = {"王先生", "138", "1234", "5678", NULL};
    char *script = concat(ZH_START, PHONE_KEYS, tail);
    const char *dumps[] = {"attract", "home", "again", "name-again", NULL};
    struct kiosk_run run;
    cJSON *prompt;

    (void)state;
    assert_true(kiosk_run(&run, "1920x1080", script, config, NULL));
    free(script);
    expect_ok(&run);
    prompt = kiosk_dump(&run, "prompt");
    assert_non_null(prompt);
    expect_text(prompt, "still-there", "您还在吗？");
    cJSON_Delete(prompt);
    for (int i = 0; dumps[i]; i++) {
        cJSON *dump = kiosk_dump(&run, dumps[i]);

        assert_non_null(dump);
        expect_no_trace(dump, traces);
        cJSON_Delete(dump);
    }
    kiosk_run_cleanup(&run);
}

static void test_touch_answers_still_there_and_keeps_the_form(void **state)
{
    static const char config[] =
        "{\"idle_timeout_s\": 20, \"booking\": {\"min_lead_minutes\": 0, "
        "\"still_there_s\": 10, " OPEN_ALL_DAY "}}";
    static const char tail[] = "wait 12000\n"
                               "tap-on \"continue\"\n"
                               "wait 6000\n"
                               "expect-screen booking\n"
                               "dump-ui kept\n";
    char *script = concat(ZH_START, "", tail);
    struct kiosk_run run;
    cJSON *kept;

    (void)state;
    assert_true(kiosk_run(&run, "1920x1080", script, config, NULL));
    free(script);
    expect_ok(&run);
    kept = kiosk_dump(&run, "kept");
    assert_non_null(kept);
    assert_null(kiosk_widget(kept, "still-there"));
    cJSON_Delete(kept);
    kiosk_run_cleanup(&run);
}

static void test_unwritable_database_keeps_the_form_and_asks_staff(void **state)
{
    char data[600], db[700];
    const char *extra[] = {"--data-dir", data, NULL};
    char *script = concat(ZH_START, PHONE_KEYS,
                          "tap-on \"next\"\n"
                          "tap-on \"consent\"\n"
                          "tap-on \"next\"\n"
                          "tap-on \"submit\"\n"
                          "expect-screen booking\n"
                          "dump-ui failed\n"
                          "screenshot zh-save-failed\n");
    struct kiosk_run run;
    cJSON *failed;

    (void)state;
    /* A folder where the database file should be: no SQLite can open it,
     * whatever the user's rights (tests run as root). */
    snprintf(data, sizeof(data), "%s/unwritable-XXXXXX",
             getenv("VITRINE_TEST_TMP") ? getenv("VITRINE_TEST_TMP") : "/tmp");
    assert_non_null(mkdtemp(data));
    snprintf(db, sizeof(db), "%s/vitrine.db", data);
    assert_int_equal(mkdir(db, 0755), 0);

    assert_true(kiosk_run(&run, "1920x1080", script, CONFIG, extra));
    free(script);
    expect_ok(&run);
    failed = kiosk_dump(&run, "failed");
    assert_non_null(failed);
    expect_text(failed, "error", "预约未能保存，请联系我们的工作人员。");
    expect_text(failed, "review-name", "王先生");
    if (!strstr(run.stderr_text, "could not save the booking"))
        fail_msg("expected the log to say why, got:\n%s", run.stderr_text);
    cJSON_Delete(failed);
    kiosk_run_cleanup(&run);
    rmdir(db);
    rmdir(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_visitor_books_by_touch_in_chinese),
        cmocka_unit_test(test_visitor_books_by_touch_in_english),
        cmocka_unit_test(test_walking_away_leaves_no_trace),
        cmocka_unit_test(test_touch_answers_still_there_and_keeps_the_form),
        cmocka_unit_test(
            test_unwritable_database_keeps_the_form_and_asks_staff),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
