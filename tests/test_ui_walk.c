/*
 * The kiosk as a visitor meets it: the real program, headless, driven by
 * scripts through every screen in both languages and both orientations.
 * Checks read dump-ui (what each screen shows) and compare screenshots.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk_run.h"

static const char WALK[] = "expect-screen attract\n"
                           "tap-on \"start\"\n"
                           "expect-screen home\n"
                           "dump-ui home-zh\n"
                           "screenshot home-zh\n"
                           "tap-on \"EN\"\n"
                           "expect-screen home\n"
                           "dump-ui home-en\n"
                           "screenshot home-en\n"
                           "tap-on \"Aurora EV\"\n"
                           "expect-screen viewer\n"
                           "dump-ui viewer-en\n"
                           "tap-on \"Book a test drive\"\n"
                           "expect-screen booking\n"
                           "dump-ui booking-en\n"
                           "tap-on \"Back\"\n"
                           "expect-screen viewer\n"
                           "tap-on \"Back\"\n"
                           "expect-screen home\n"
                           "tap-on \"Follow us\"\n"
                           "expect-screen follow-qr\n"
                           "dump-ui follow-en\n"
                           "tap-on \"Back\"\n"
                           "expect-screen home\n"
                           "tap-on \"logo\"\n"
                           "tap-on \"logo\"\n"
                           "tap-on \"logo\"\n"
                           "tap-on \"logo\"\n"
                           "tap-on \"logo\"\n"
                           "expect-screen staff\n"
                           "dump-ui staff-en\n"
                           "tap-on \"中文\"\n"
                           "dump-ui staff-zh\n"
                           "tap-on \"返回\"\n"
                           "expect-screen home\n"
                           "quit\n";

static void run_ok(struct kiosk_run *run, const char *size, const char *script,
                   const char *config)
{
    assert_true(kiosk_run(run, size, script, config, NULL));
    if (run->exit_status != 0)
        fail_msg("expected exit status 0, got %d; log:\n%s", run->exit_status,
                 run->stderr_text);
}

static void expect_text(const cJSON *dump, const char *id, const char *want)
{
    const char *got = kiosk_widget_text(dump, id);

    if (strcmp(got, want) != 0)
        fail_msg("widget \"%s\": expected text \"%s\", got \"%s\"", id, want,
                 got);
}

static void expect_language(const cJSON *dump, const char *want)
{
    const cJSON *lang = cJSON_GetObjectItemCaseSensitive(dump, "language");

    assert_non_null(lang);
    assert_string_equal(lang->valuestring, want);
}

/* True when s holds a code point from the CJK blocks (3 bytes, E2..E9). */
static bool has_cjk(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0xE3 && *p <= 0xE9)
            return true;
    }
    return false;
}

/* In English, nothing on screen but the switch back may be Chinese. */
static void expect_all_english(const cJSON *dump)
{
    const cJSON *w;

    cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(dump, "widgets"))
    {
        const char *id = cJSON_GetObjectItemCaseSensitive(w, "id")->valuestring;
        const char *text =
            cJSON_GetObjectItemCaseSensitive(w, "text")->valuestring;

        if (strcmp(id, "lang") != 0 && has_cjk(text))
            fail_msg("widget \"%s\" shows \"%s\" in English mode", id, text);
    }
}

static void test_walk_visits_every_screen_in_both_languages(void **state)
{
    struct kiosk_run run;
    cJSON *zh, *en, *viewer, *booking, *follow, *staff_en, *staff_zh;

    (void)state;
    run_ok(&run, "1920x1080", WALK, NULL);
    zh = kiosk_dump(&run, "home-zh");
    en = kiosk_dump(&run, "home-en");
    viewer = kiosk_dump(&run, "viewer-en");
    booking = kiosk_dump(&run, "booking-en");
    follow = kiosk_dump(&run, "follow-en");
    staff_en = kiosk_dump(&run, "staff-en");
    staff_zh = kiosk_dump(&run, "staff-zh");
    assert_non_null(zh && en && viewer && booking && follow);
    assert_non_null(staff_en && staff_zh);

    expect_language(zh, "zh-CN");
    expect_text(zh, "heading", "探索在售车型");
    expect_text(zh, "book-aurora-ev", "预约试驾");
    expect_text(zh, "model-aurora-ev", "极光 EV");
    expect_text(zh, "price-aurora-ev", "¥23.98万起");
    expect_text(zh, "lang", "EN");

    expect_language(en, "en");
    expect_text(en, "heading", "Explore our models");
    expect_text(en, "book-aurora-ev", "Book a test drive");
    expect_text(en, "price-aurora-ev", "From ¥239,800");
    expect_text(en, "lang", "中文");
    expect_all_english(en);

    expect_text(viewer, "title", "Aurora EV · Front seats");
    expect_all_english(viewer);
    assert_non_null(kiosk_widget(viewer, "panorama"));
    expect_text(booking, "title", "Book a test drive");
    expect_all_english(booking);
    expect_text(follow, "title", "Follow us");
    expect_text(staff_en, "title", "Staff panel");
    expect_text(staff_zh, "title", "员工面板");

    cJSON_Delete(zh);
    cJSON_Delete(en);
    cJSON_Delete(viewer);
    cJSON_Delete(booking);
    cJSON_Delete(follow);
    cJSON_Delete(staff_en);
    cJSON_Delete(staff_zh);
    kiosk_run_cleanup(&run);
}

static void test_language_switch_changes_the_pixels(void **state)
{
    struct kiosk_run run;
    long differing;

    (void)state;
    run_ok(&run, "1920x1080", WALK, NULL);
    differing = kiosk_pixels_differing(&run, "home-zh", "home-en");
    /* Every label changes: far more than a few stray pixels. */
    if (differing < 5000)
        fail_msg("expected the language switch to change over 5000 pixels, "
                 "got %ld",
                 differing);
    kiosk_run_cleanup(&run);
}

static void expect_buttons_touchable(const cJSON *dump, int width, int height)
{
    const cJSON *w;

    cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(dump, "widgets"))
    {
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(w, "bounds");
        const char *id = cJSON_GetObjectItemCaseSensitive(w, "id")->valuestring;
        const char *role =
            cJSON_GetObjectItemCaseSensitive(w, "role")->valuestring;
        double x = cJSON_GetObjectItem(b, "x")->valuedouble;
        double y = cJSON_GetObjectItem(b, "y")->valuedouble;
        double bw = cJSON_GetObjectItem(b, "w")->valuedouble;
        double bh = cJSON_GetObjectItem(b, "h")->valuedouble;

        if (x < 0 || y < 0 || x + bw > width + 0.5 || y + bh > height + 0.5)
            fail_msg("widget \"%s\" lies off screen (%.0f,%.0f %.0fx%.0f)", id,
                     x, y, bw, bh);
        if (strcmp(role, "button") == 0 && (bw < 64 || bh < 64))
            fail_msg("button \"%s\": expected at least 64x64 px, got "
                     "%.0fx%.0f",
                     id, bw, bh);
    }
}

static void test_portrait_layout_fits_and_walks(void **state)
{
    static const char script[] = "tap-on \"start\"\n"
                                 "dump-ui home\n"
                                 "tap-on \"view-voyager-mpv\"\n"
                                 "expect-screen viewer\n"
                                 "dump-ui viewer\n"
                                 "tap-on \"back\"\n"
                                 "expect-screen home\n";
    struct kiosk_run run;
    cJSON *home, *viewer;

    (void)state;
    run_ok(&run, "1080x1920", script, NULL);
    home = kiosk_dump(&run, "home");
    viewer = kiosk_dump(&run, "viewer");
    assert_non_null(home && viewer);
    expect_buttons_touchable(home, 1080, 1920);
    expect_buttons_touchable(viewer, 1080, 1920);
    expect_text(viewer, "title", "星途 MPV · 后排空间");
    cJSON_Delete(home);
    cJSON_Delete(viewer);
    kiosk_run_cleanup(&run);
}

static void test_landscape_layout_fits(void **state)
{
    static const char script[] = "dump-ui home\n";
    const char *const extra[] = {"--start-screen", "home", NULL};
    struct kiosk_run run;
    cJSON *home;

    (void)state;
    assert_true(kiosk_run(&run, "1920x1080", script, NULL, extra));
    assert_int_equal(run.exit_status, 0);
    home = kiosk_dump(&run, "home");
    assert_non_null(home);
    expect_buttons_touchable(home, 1920, 1080);
    cJSON_Delete(home);
    kiosk_run_cleanup(&run);
}

static void expect_failure(const struct kiosk_run *run, int status,
                           const char *message)
{
    if (run->exit_status != status)
        fail_msg("expected exit status %d, got %d; log:\n%s", status,
                 run->exit_status, run->stderr_text);
    if (!strstr(run->stderr_text, message))
        fail_msg("expected the log to say \"%s\", got:\n%s", message,
                 run->stderr_text);
}

static void test_failed_expectation_names_its_line(void **state)
{
    static const char script[] = "# starts on attract\n"
                                 "wait 50\n"
                                 "expect-screen viewer\n"
                                 "quit\n";
    struct kiosk_run run;

    (void)state;
    assert_true(kiosk_run(&run, "1280x800", script, NULL, NULL));
    expect_failure(&run, 1, "script.txt:3");
    expect_failure(&run, 1, "expected screen viewer, got attract");
    kiosk_run_cleanup(&run);
}

static void test_ambiguous_tap_on_is_a_script_error(void **state)
{
    static const char script[] = "tap-on \"start\"\n"
                                 "tap-on \"预约试驾\"\n";
    struct kiosk_run run;

    (void)state;
    assert_true(kiosk_run(&run, "1920x1080", script, NULL, NULL));
    expect_failure(&run, 1, "script.txt:2: tap-on \"预约试驾\": 3 widgets");
    kiosk_run_cleanup(&run);
}

static void test_tap_on_missing_widget_is_a_script_error(void **state)
{
    static const char script[] = "tap-on \"nothing-here\"\n";
    struct kiosk_run run;

    (void)state;
    assert_true(kiosk_run(&run, "1920x1080", script, NULL, NULL));
    expect_failure(&run, 1, "no visible widget");
    kiosk_run_cleanup(&run);
}

static void test_bad_script_stops_before_a_window(void **state)
{
    static const char script[] = "tap 10 10\n"
                                 "jump 3\n";
    struct kiosk_run run;

    (void)state;
    assert_true(kiosk_run(&run, "1920x1080", script, NULL, NULL));
    expect_failure(&run, 2, "script.txt:2: unknown command \"jump\"");
    if (strstr(run.stderr_text, "display:"))
        fail_msg("expected no display to open, got:\n%s", run.stderr_text);
    kiosk_run_cleanup(&run);
}

static void test_bad_config_key_stops_before_a_window(void **state)
{
    static const char config[] = "{\"idle_timeout_s\": 90,\n"
                                 " \"dealership\": {\"colour\": \"#00FF00\"}}";
    struct kiosk_run run;

    (void)state;
    assert_true(kiosk_run(&run, "1920x1080", "quit\n", config, NULL));
    expect_failure(&run, 2, "config.json");
    expect_failure(&run, 2, "\"dealership.colour\"");
    if (strstr(run.stderr_text, "display:"))
        fail_msg("expected no display to open, got:\n%s", run.stderr_text);
    kiosk_run_cleanup(&run);
}

static void
test_idle_timeout_returns_to_attract_in_default_language(void **state)
{
    static const char config[] = "{\"idle_timeout_s\": 15}";
    static const char script[] = "tap-on \"start\"\n"
                                 "tap-on \"EN\"\n"
                                 "tap-on \"model-vista-suv\"\n"
                                 "wait 14000\n"
                                 "expect-screen viewer\n"
                                 "wait 1500\n"
                                 "expect-screen attract\n"
                                 "dump-ui after\n";
    struct kiosk_run run;
    cJSON *after;

    (void)state;
    run_ok(&run, "1920x1080", script, config);
    after = kiosk_dump(&run, "after");
    assert_non_null(after);
    expect_language(after, "zh-CN");
    cJSON_Delete(after);
    kiosk_run_cleanup(&run);
}

static void test_attract_slides_change_over_time(void **state)
{
    static const char config[] = "{\"attract_slide_s\": 3}";
    static const char script[] = "dump-ui first\n"
                                 "screenshot first\n"
                                 "wait 4000\n"
                                 "dump-ui second\n"
                                 "screenshot second\n";
    struct kiosk_run run;
    cJSON *first, *second;

    (void)state;
    run_ok(&run, "1280x800", script, config);
    first = kiosk_dump(&run, "first");
    second = kiosk_dump(&run, "second");
    assert_non_null(first && second);
    expect_text(first, "model", "极光 EV");
    expect_text(second, "model", "远景 SUV");
    assert_true(kiosk_pixels_differing(&run, "first", "second") > 100000);
    cJSON_Delete(first);
    cJSON_Delete(second);
    kiosk_run_cleanup(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk_visits_every_screen_in_both_languages),
        cmocka_unit_test(test_language_switch_changes_the_pixels),
        cmocka_unit_test(test_portrait_layout_fits_and_walks),
        cmocka_unit_test(test_landscape_layout_fits),
        cmocka_unit_test(test_failed_expectation_names_its_line),
        cmocka_unit_test(test_ambiguous_tap_on_is_a_script_error),
        cmocka_unit_test(test_tap_on_missing_widget_is_a_script_error),
        cmocka_unit_test(test_bad_script_stops_before_a_window),
        cmocka_unit_test(test_bad_config_key_stops_before_a_window),
        cmocka_unit_test(
            test_idle_timeout_returns_to_attract_in_default_language),
        cmocka_unit_test(test_attract_slides_change_over_time),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
