/*
 * Tests for config: defaults, a full file, and every way a file is refused.
 *
 * Each test that touches the disk gets its own folder under /tmp, made by
 * the setup and removed with everything in it by the teardown, which also
 * restores the working folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "test_tmp.h"

struct fixture {
    char dir[PATH_MAX];
    char cwd[PATH_MAX];
};

/* Every key set to something other than its default. */
static const char full_json[] =
    "{\n"
    "  \"kiosk_id\": \"lobby-2.east_1\",\n"
    "  \"language\": \"en\",\n"
    "  \"dealership\": {\n"
    "    \"name\": {\"zh-CN\": \"星辰汽车\", \"en\": \"Star Motors\"},\n"
    "    \"logo\": \"img/logo.png\",\n"
    "    \"accent_color\": \"#0a7bFF\"\n"
    "  },\n"
    "  \"idle_timeout_s\": 300,\n"
    "  \"idle_screen\": \"home\",\n"
    "  \"attract_slide_s\": 12,\n"
    "  \"content_dir\": \"content\",\n"
    "  \"font_path\": \"/opt/fonts/a.ttc\",\n"
    "  \"font_index\": 0,\n"
    "  \"font_bold_path\": \"/opt/fonts/b.ttc\",\n"
    "  \"font_bold_index\": 5,\n"
    "  \"log_level\": \"debug\",\n"
    "  \"booking\": {\n"
    "    \"hours\": {\"mon\": \"closed\", \"tue\": \"08:30-20:00\",\n"
    "              \"wed\": \"08:30-20:00\", \"thu\": \"08:30-20:00\",\n"
    "              \"fri\": \"08:30-21:00\", \"sat\": \"10:00-24:00\",\n"
    "              \"sun\": \"10:00-16:00\"},\n"
    "    \"slot_minutes\": 45,\n"
    "    \"days_ahead\": 5,\n"
    "    \"min_lead_minutes\": 30,\n"
    "    \"closed_dates\": [\"2027-02-10\", \"2027-02-11\"],\n"
    "    \"retention_days\": 90,\n"
    "    \"still_there_s\": 20\n"
    "  }\n"
    "}\n";

static int make_dir(void **state)
{
    struct fixture *fx = calloc(1, sizeof *fx);

    if (!fx)
        return -1;
    if (!test_tmp_dir(fx->dir, sizeof fx->dir, "config") ||
        !getcwd(fx->cwd, sizeof fx->cwd)) {
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int remove_dir(void **state)
{
    struct fixture *fx = *state;
    int rc = chdir(fx->cwd);

    test_tmp_remove(fx->dir);
    free(fx);
    return rc;
}

/* Writes len bytes of text to dir/name and puts that path in path. */
static void write_bytes(const char *dir, const char *name, const char *text,
                        size_t len, char *path, size_t path_size)
{
    FILE *file;

    snprintf(path, path_size, "%s/%s", dir, name);
    file = fopen(path, "wb");
    if (!file)
        fail_msg("expected to create %s, got %s", path, strerror(errno));
    assert_int_equal(fwrite(text, 1, len, file), len);
    assert_int_equal(fclose(file), 0);
}

static void write_text(const char *dir, const char *name, const char *text,
                       char *path, size_t path_size)
{
    write_bytes(dir, name, text, strlen(text), path, path_size);
}

/* Parses json as "test.json", which must fail, and leaves the message. */
static void parse_fails(const char *json, char *err)
{
    struct config cfg;

    if (config_parse(&cfg, json, "test.json", err, CONFIG_ERROR_MAX))
        fail_msg("expected config_parse to refuse %s, got success", json);
}

static void assert_config_equal(const struct config *a, const struct config *b)
{
    assert_string_equal(a->kiosk_id, b->kiosk_id);
    assert_int_equal(a->language, b->language);
    for (int i = 0; i < LANG_COUNT; i++)
        assert_string_equal(a->dealership.name[i], b->dealership.name[i]);
    assert_string_equal(a->dealership.logo_path, b->dealership.logo_path);
    assert_int_equal(a->dealership.accent_rgb, b->dealership.accent_rgb);
    assert_int_equal(a->idle_timeout_s, b->idle_timeout_s);
    assert_int_equal(a->idle_screen, b->idle_screen);
    assert_int_equal(a->attract_slide_s, b->attract_slide_s);
    assert_string_equal(a->content_dir, b->content_dir);
    assert_string_equal(a->font_path, b->font_path);
    assert_int_equal(a->font_index, b->font_index);
    assert_string_equal(a->font_bold_path, b->font_bold_path);
    assert_int_equal(a->font_bold_index, b->font_bold_index);
    assert_string_equal(a->log_level, b->log_level);
    assert_memory_equal(a, b, sizeof *a);
}

static void assert_defaults(const struct config *cfg)
{
    struct config defaults;

    config_set_defaults(&defaults);
    assert_config_equal(cfg, &defaults);
}

static void test_defaults_have_documented_values(void **state)
{
    struct config cfg;

    (void)state;
    config_set_defaults(&cfg);

    assert_string_equal(cfg.kiosk_id, "kiosk-1");
    assert_int_equal(cfg.language, LANG_ZH_CN);
    assert_string_equal(cfg.dealership.name[LANG_ZH_CN], "远航汽车");
    assert_string_equal(cfg.dealership.name[LANG_EN], "Voyage Motors");
    assert_string_equal(cfg.dealership.logo_path, "");
    assert_int_equal(cfg.dealership.accent_rgb, 0xC8102E);
    assert_int_equal(cfg.idle_timeout_s, 90);
    assert_int_equal(cfg.idle_screen, CONFIG_IDLE_ATTRACT);
    assert_int_equal(cfg.attract_slide_s, 7);
    assert_string_equal(cfg.content_dir, "");
    assert_string_equal(
        cfg.font_path,
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    assert_int_equal(cfg.font_index, 2);
    assert_string_equal(cfg.font_bold_path,
                        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc");
    assert_int_equal(cfg.font_bold_index, 2);
    assert_string_equal(cfg.log_level, "info");
    assert_int_equal(cfg.booking.hours[0].open_min, 9 * 60);
    assert_int_equal(cfg.booking.hours[0].close_min, 18 * 60);
    assert_int_equal(cfg.booking.hours[6].open_min, 10 * 60);
    assert_int_equal(cfg.booking.slot_minutes, 60);
    assert_int_equal(cfg.booking.days_ahead, 7);
    assert_int_equal(cfg.booking.min_lead_minutes, 120);
    assert_int_equal(cfg.booking.closed_dates.count, 0);
    assert_int_equal(cfg.booking.retention_days, 30);
    assert_int_equal(cfg.booking.still_there_s, 15);
}

/* assets/config.default.json documents the defaults: it must not drift. */
static void test_shipped_default_config_matches_the_defaults(void **state)
{
    const char *assets = getenv("VITRINE_ASSETS");
    struct config cfg;
    char path[PATH_MAX], err[CONFIG_ERROR_MAX];
    bool found = false;

    (void)state;
    assert_non_null(assets);
    snprintf(path, sizeof(path), "%s/config.default.json", assets);
    if (!config_load(&cfg, path, &found, err, sizeof(err)))
        fail_msg("expected %s to load, got: %s", path, err);
    assert_true(found);
    assert_defaults(&cfg);
}

static void test_empty_object_gives_defaults(void **state)
{
    struct config cfg;
    char err[CONFIG_ERROR_MAX];

    (void)state;
    assert_true(config_parse(&cfg, "{}", "test.json", err, sizeof err));
    assert_string_equal(err, "");
    assert_defaults(&cfg);
}

static void test_full_file_sets_every_key(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    char path[PATH_MAX];
    char want[PATH_MAX + 32];
    char err[CONFIG_ERROR_MAX];
    bool found = false;

    write_text(fx->dir, "vitrine.json", full_json, path, sizeof path);
    if (!config_load(&cfg, path, &found, err, sizeof err))
        fail_msg("expected the full file to load, got \"%s\"", err);
    assert_true(found);

    assert_string_equal(cfg.kiosk_id, "lobby-2.east_1");
    assert_int_equal(cfg.language, LANG_EN);
    assert_string_equal(cfg.dealership.name[LANG_ZH_CN], "星辰汽车");
    assert_string_equal(cfg.dealership.name[LANG_EN], "Star Motors");
    snprintf(want, sizeof want, "%s/img/logo.png", fx->dir);
    assert_string_equal(cfg.dealership.logo_path, want);
    assert_int_equal(cfg.dealership.accent_rgb, 0x0A7BFF);
    assert_int_equal(cfg.idle_timeout_s, 300);
    assert_int_equal(cfg.idle_screen, CONFIG_IDLE_HOME);
    assert_int_equal(cfg.attract_slide_s, 12);
    snprintf(want, sizeof want, "%s/content", fx->dir);
    assert_string_equal(cfg.content_dir, want);
    assert_string_equal(cfg.font_path, "/opt/fonts/a.ttc");
    assert_int_equal(cfg.font_index, 0);
    assert_string_equal(cfg.font_bold_path, "/opt/fonts/b.ttc");
    assert_int_equal(cfg.font_bold_index, 5);
    assert_string_equal(cfg.log_level, "debug");
    assert_true(calendar_is_closed(&cfg.booking.hours[0]));
    assert_int_equal(cfg.booking.hours[1].open_min, 8 * 60 + 30);
    assert_int_equal(cfg.booking.hours[4].close_min, 21 * 60);
    assert_int_equal(cfg.booking.hours[5].close_min, 24 * 60);
    assert_int_equal(cfg.booking.slot_minutes, 45);
    assert_int_equal(cfg.booking.days_ahead, 5);
    assert_int_equal(cfg.booking.min_lead_minutes, 30);
    assert_int_equal(cfg.booking.closed_dates.count, 2);
    assert_int_equal(cfg.booking.closed_dates.ymd[1], 20270211);
    assert_int_equal(cfg.booking.retention_days, 90);
    assert_int_equal(cfg.booking.still_there_s, 20);
}

static void test_bad_opening_hours_are_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"booking\": {\"hours\": {\"tue\": \"18:00-09:00\"}}}", err);
    assert_string_equal(err, "config test.json: key \"booking.hours.tue\": "
                             "expected opening hours \"HH:MM-HH:MM\" or "
                             "\"closed\", got \"18:00-09:00\"");
}

static void test_unknown_weekday_is_named(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"booking\": {\"hours\": {\"tues\": \"closed\"}}}", err);
    assert_non_null(strstr(err, "unknown key \"booking.hours.tues\""));
}

static void test_bad_closed_date_is_named_by_its_index(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"booking\": {\"closed_dates\": [\"2027-01-01\", "
                "\"2027-02-30\"]}}",
                err);
    assert_string_equal(err, "config test.json: key "
                             "\"booking.closed_dates[1]\": expected a date "
                             "\"YYYY-MM-DD\", got \"2027-02-30\"");
    parse_fails("{\"booking\": {\"closed_dates\": [20270101]}}", err);
    assert_string_equal(err, "config test.json: key "
                             "\"booking.closed_dates[0]\": expected a date "
                             "\"YYYY-MM-DD\", got 20270101");
}

static void test_closed_dates_must_be_an_array(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"booking\": {\"closed_dates\": \"2027-01-01\"}}", err);
    assert_string_equal(err, "config test.json: key "
                             "\"booking.closed_dates\": expected an array of "
                             "at most 64 dates \"YYYY-MM-DD\", got a string "
                             "\"2027-01-01\"");
}

static void test_slot_length_out_of_range_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"booking\": {\"slot_minutes\": 10}}", err);
    assert_string_equal(err, "config test.json: key "
                             "\"booking.slot_minutes\": expected an integer "
                             "from 15 to 240, got 10");
}

static void test_missing_file_gives_defaults_and_not_found(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    char path[PATH_MAX + 16];
    char err[CONFIG_ERROR_MAX];
    bool found = true;

    snprintf(path, sizeof path, "%s/absent.json", fx->dir);
    assert_true(config_load(&cfg, path, &found, err, sizeof err));
    assert_false(found);
    assert_string_equal(err, "");
    assert_defaults(&cfg);
}

static void test_one_name_keeps_the_other_default(void **state)
{
    struct config cfg;
    char err[CONFIG_ERROR_MAX];

    (void)state;
    assert_true(config_parse(&cfg,
                             "{\"dealership\": {\"name\": {\"en\": \"X\"}}}",
                             "test.json", err, sizeof err));
    assert_string_equal(cfg.dealership.name[LANG_EN], "X");
    assert_string_equal(cfg.dealership.name[LANG_ZH_CN], "远航汽车");
}

static void test_lowercase_colour_is_accepted(void **state)
{
    struct config cfg;
    char err[CONFIG_ERROR_MAX];

    (void)state;
    assert_true(
        config_parse(&cfg, "{\"dealership\": {\"accent_color\": \"#abcdef\"}}",
                     "test.json", err, sizeof err));
    assert_int_equal(cfg.dealership.accent_rgb, 0xABCDEF);
}

static void test_range_ends_are_accepted(void **state)
{
    struct config cfg;
    char err[CONFIG_ERROR_MAX];

    (void)state;
    assert_true(config_parse(&cfg,
                             "{\"idle_timeout_s\": 15, \"attract_slide_s\": 60,"
                             " \"font_index\": 0, \"font_bold_index\": 63}",
                             "test.json", err, sizeof err));
    assert_int_equal(cfg.idle_timeout_s, 15);
    assert_int_equal(cfg.attract_slide_s, 60);
    assert_int_equal(cfg.font_index, 0);
    assert_int_equal(cfg.font_bold_index, 63);
}

static void test_unknown_top_level_key_is_named(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"wallpaper\": 1}", err);
    assert_string_equal(err, "config test.json: unknown key \"wallpaper\"");
}

static void test_unknown_nested_key_is_named(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"dealership\": {\"colour\": \"#000000\"}}", err);
    assert_string_equal(err, "config test.json: unknown key "
                             "\"dealership.colour\" (did you mean "
                             "\"dealership.accent_color\"?)");
}

static void test_unknown_key_suggests_a_close_name(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"idle_timeout\": 90}", err);
    assert_string_equal(err, "config test.json: unknown key \"idle_timeout\""
                             " (did you mean \"idle_timeout_s\"?)");
}

static void test_unknown_key_in_other_case_is_suggested(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"dealership\": {\"name\": {\"zh-cn\": \"A\"}}}", err);
    assert_string_equal(err, "config test.json: unknown key "
                             "\"dealership.name.zh-cn\" (did you mean "
                             "\"dealership.name.zh-CN\"?)");
}

static void test_ambiguous_unknown_key_has_no_suggestion(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"index\": 1}", err);
    assert_string_equal(err, "config test.json: unknown key \"index\"");
}

static void test_dotted_key_name_is_unknown(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"dealership.logo\": \"a.png\"}", err);
    assert_string_equal(err,
                        "config test.json: unknown key \"dealership.logo\"");
}

static void test_repeated_key_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"idle_timeout_s\": 30, \"idle_timeout_s\": 40}", err);
    assert_string_equal(
        err, "config test.json: key \"idle_timeout_s\" appears twice");
}

static void test_string_for_integer_is_a_type_error(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"idle_timeout_s\": \"90\"}", err);
    assert_string_equal(err, "config test.json: key \"idle_timeout_s\": "
                             "expected an integer from 15 to 3600, "
                             "got a string \"90\"");
}

static void test_float_for_integer_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"idle_timeout_s\": 90.5}", err);
    assert_string_equal(err, "config test.json: key \"idle_timeout_s\": "
                             "expected an integer from 15 to 3600, got 90.5");
}

static void test_null_value_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"attract_slide_s\": null}", err);
    assert_string_equal(err, "config test.json: key \"attract_slide_s\": "
                             "expected an integer from 3 to 60, got null");
}

static void test_array_for_string_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"kiosk_id\": [\"a\"]}", err);
    assert_string_equal(err, "config test.json: key \"kiosk_id\": expected a "
                             "string of 1 to 63 letters, digits, '.', '_' or "
                             "'-', got an array");
}

static void test_integer_below_range_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"idle_timeout_s\": 5}", err);
    assert_string_equal(err, "config test.json: key \"idle_timeout_s\": "
                             "expected an integer from 15 to 3600, got 5");
}

static void test_integer_above_range_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"font_bold_index\": 64}", err);
    assert_string_equal(err, "config test.json: key \"font_bold_index\": "
                             "expected an integer from 0 to 63, got 64");
}

static void test_bad_choice_lists_the_choices(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"idle_screen\": \"menu\"}", err);
    assert_string_equal(err, "config test.json: key \"idle_screen\": "
                             "expected one of \"attract\", \"home\", "
                             "got \"menu\"");
}

static void test_bad_language_lists_the_languages(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"language\": \"fr\"}", err);
    assert_string_equal(err, "config test.json: key \"language\": "
                             "expected one of \"zh-CN\", \"en\", got \"fr\"");
}

static void test_bad_log_level_lists_the_levels(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"log_level\": \"verbose\"}", err);
    assert_string_equal(err, "config test.json: key \"log_level\": expected "
                             "one of \"error\", \"warn\", \"info\", "
                             "\"debug\", got \"verbose\"");
}

static void test_bad_colour_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"dealership\": {\"accent_color\": \"red\"}}", err);
    assert_string_equal(err, "config test.json: key "
                             "\"dealership.accent_color\": expected a colour "
                             "\"#RRGGBB\", got \"red\"");

    parse_fails("{\"dealership\": {\"accent_color\": \"#12345G\"}}", err);
    assert_string_equal(err, "config test.json: key "
                             "\"dealership.accent_color\": expected a colour "
                             "\"#RRGGBB\", got \"#12345G\"");
}

static void test_kiosk_id_with_a_space_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"kiosk_id\": \"kiosk 1\"}", err);
    assert_string_equal(err, "config test.json: key \"kiosk_id\": expected a "
                             "string of 1 to 63 letters, digits, '.', '_' or "
                             "'-', got \"kiosk 1\"");
}

static void test_too_long_kiosk_id_is_cut_in_the_message(void **state)
{
    char json[128];
    char err[CONFIG_ERROR_MAX];

    (void)state;
    snprintf(json, sizeof json, "{\"kiosk_id\": \"%064d\"}", 0);
    parse_fails(json, err);
    assert_string_equal(err, "config test.json: key \"kiosk_id\": expected a "
                             "string of 1 to 63 letters, digits, '.', '_' or "
                             "'-', got \"000000000000000000000000...\" "
                             "(64 bytes)");
}

static void test_control_character_is_shown_as_a_mark(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"kiosk_id\": \"a\\tb\\nc\"}", err);
    assert_string_equal(err, "config test.json: key \"kiosk_id\": expected a "
                             "string of 1 to 63 letters, digits, '.', '_' or "
                             "'-', got \"a?b?c\"");
}

static void test_empty_name_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"dealership\": {\"name\": {\"en\": \"\"}}}", err);
    assert_string_equal(err, "config test.json: key \"dealership.name.en\": "
                             "expected a string of 1 to 127 bytes of UTF-8, "
                             "got \"\"");
}

static void test_name_of_bad_utf8_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"dealership\": {\"name\": {\"zh-CN\": \"A\xC0\xAF\"}}}",
                err);
    assert_string_equal(err, "config test.json: key "
                             "\"dealership.name.zh-CN\": expected a string of "
                             "1 to 127 bytes of UTF-8, got \"A??\"");
}

static void test_dealership_must_be_an_object(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"dealership\": \"Voyage\"}", err);
    assert_string_equal(err, "config test.json: key \"dealership\": expected "
                             "an object, got a string \"Voyage\"");
}

static void test_malformed_json_names_the_line(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\n  \"kiosk_id\": \"a\",\n  \"language\" \"en\",\n}", err);
    assert_string_equal(err, "config test.json: line 3: not valid JSON near "
                             "\"\"en\",\"");
}

static void test_json_near_text_is_cut_short(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"font_path\" \"/usr/share/fonts/a.ttc\"}", err);
    assert_string_equal(err, "config test.json: line 1: not valid JSON near "
                             "\"\"/usr/share/fonts/a.\"");

    /* Not in the middle of a character: 19 of the 20 bytes are shown. */
    parse_fails("{\"kiosk_id\" \"远航汽车远航汽车\"}", err);
    assert_string_equal(err, "config test.json: line 1: not valid JSON near "
                             "\"\"远航汽车远航\"");
}

static void test_json_error_at_the_end_shows_the_last_line(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\n  \"font_index\": 1,\n}\n", err);
    assert_string_equal(err, "config test.json: line 3: not valid JSON near "
                             "\"}\" at the end");
}

static void test_text_after_the_object_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{}\n{}", err);
    assert_string_equal(err, "config test.json: line 2: not valid JSON near "
                             "\"{}\"");
}

static void test_empty_file_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails(" \n", err);
    assert_string_equal(
        err, "config test.json: line 1: not valid JSON: the file is empty");
}

static void test_top_level_array_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("[1, 2]", err);
    assert_string_equal(err, "config test.json: expected an object at the "
                             "top level, got an array");
}

static void test_nul_byte_in_file_is_refused(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    char path[PATH_MAX];
    char want[PATH_MAX + 64];
    char err[CONFIG_ERROR_MAX];
    bool found = false;

    write_bytes(fx->dir, "nul.json", "{}\n\0{}", 6, path, sizeof path);
    assert_false(config_load(&cfg, path, &found, err, sizeof err));
    snprintf(want, sizeof want, "config %s: line 2: not valid JSON: a NUL byte",
             path);
    assert_string_equal(err, want);
    assert_true(found);
}

static void test_directory_is_unreadable(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    char want[PATH_MAX + 64];
    char err[CONFIG_ERROR_MAX];
    bool found = true;

    assert_false(config_load(&cfg, fx->dir, &found, err, sizeof err));
    snprintf(want, sizeof want, "config %s: cannot read: %s", fx->dir,
             strerror(EISDIR));
    assert_string_equal(err, want);
    assert_false(found);
}

static void test_oversized_file_is_unreadable(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    size_t len = 1024 * 1024 + 1;
    char *text = malloc(len);
    char path[PATH_MAX];
    char want[PATH_MAX + 64];
    char err[CONFIG_ERROR_MAX];

    assert_non_null(text);
    memset(text, ' ', len);
    text[0] = '{';
    text[len - 1] = '}';
    write_bytes(fx->dir, "big.json", text, len, path, sizeof path);
    free(text);

    assert_false(config_load(&cfg, path, NULL, err, sizeof err));
    snprintf(want, sizeof want,
             "config %s: cannot read: %s (the limit is 1 MiB)", path,
             strerror(EFBIG));
    assert_string_equal(err, want);
}

static void test_relative_paths_resolve_against_config_folder(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    char path[PATH_MAX];
    char want[PATH_MAX + 32];
    char err[CONFIG_ERROR_MAX];

    write_text(fx->dir, "vitrine.json",
               "{\"content_dir\": \"../media\", \"font_path\": \"f.ttc\","
               " \"dealership\": {\"logo\": \"logo.png\"}}",
               path, sizeof path);
    if (!config_load(&cfg, path, NULL, err, sizeof err))
        fail_msg("expected the file to load, got \"%s\"", err);

    snprintf(want, sizeof want, "%s/../media", fx->dir);
    assert_string_equal(cfg.content_dir, want);
    snprintf(want, sizeof want, "%s/f.ttc", fx->dir);
    assert_string_equal(cfg.font_path, want);
    snprintf(want, sizeof want, "%s/logo.png", fx->dir);
    assert_string_equal(cfg.dealership.logo_path, want);
}

static void test_relative_config_path_gives_absolute_paths(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    char etc[PATH_MAX + 8];
    char path[PATH_MAX + 32];
    char cwd[PATH_MAX];
    char want[PATH_MAX + 16];
    char err[CONFIG_ERROR_MAX];

    snprintf(etc, sizeof etc, "%s/etc", fx->dir);
    assert_int_equal(mkdir(etc, 0755), 0);
    write_text(etc, "vitrine.json", "{\"content_dir\": \"media\"}", path,
               sizeof path);
    assert_int_equal(chdir(fx->dir), 0);
    assert_non_null(getcwd(cwd, sizeof cwd));

    if (!config_load(&cfg, "./etc/vitrine.json", NULL, err, sizeof err))
        fail_msg("expected the file to load, got \"%s\"", err);
    snprintf(want, sizeof want, "%s/etc/media", cwd);
    assert_string_equal(cfg.content_dir, want);
}

static void test_empty_path_keeps_the_built_in_assets(void **state)
{
    struct config cfg;
    char err[CONFIG_ERROR_MAX];

    (void)state;
    assert_true(config_parse(&cfg, "{\"content_dir\": \"\"}", "/etc/v.json",
                             err, sizeof err));
    assert_string_equal(cfg.content_dir, "");
}

static void test_empty_font_path_is_refused(void **state)
{
    char err[CONFIG_ERROR_MAX];

    (void)state;
    parse_fails("{\"font_path\": \"\"}", err);
    assert_string_equal(err, "config test.json: key \"font_path\": expected "
                             "a path of 1 to 4095 bytes, got \"\"");
}

static void test_path_too_long_once_resolved_is_refused(void **state)
{
    struct config cfg;
    char json[CONFIG_PATH_MAX + 64];
    char err[CONFIG_ERROR_MAX];
    char name[CONFIG_PATH_MAX - 5];

    (void)state;
    memset(name, 'a', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    snprintf(json, sizeof json, "{\"content_dir\": \"%s\"}", name);

    /* Fits as written, but not behind "/srv/kiosk/". */
    assert_false(
        config_parse(&cfg, json, "/srv/kiosk/v.json", err, sizeof err));
    assert_string_equal(err, "config /srv/kiosk/v.json: key \"content_dir\": "
                             "expected a path of at most 4095 bytes once made "
                             "absolute, got \"aaaaaaaaaaaaaaaaaaaaaaaa...\" "
                             "(4090 bytes)");
}

static void test_round_trip_of_defaults(void **state)
{
    struct config before;
    struct config after;
    char err[CONFIG_ERROR_MAX];
    char *json;

    (void)state;
    config_set_defaults(&before);
    json = config_to_json(&before);
    assert_non_null(json);

    memset(&after, 0xA5, sizeof after);
    if (!config_parse(&after, json, "round.json", err, sizeof err))
        fail_msg("expected the output to parse, got \"%s\" for %s", err, json);
    free(json);
    assert_config_equal(&after, &before);
}

static void test_round_trip_of_every_key(void **state)
{
    struct fixture *fx = *state;
    struct config before;
    struct config after;
    char path[PATH_MAX];
    char err[CONFIG_ERROR_MAX];
    char *json;

    write_text(fx->dir, "vitrine.json", full_json, path, sizeof path);
    if (!config_load(&before, path, NULL, err, sizeof err))
        fail_msg("expected the full file to load, got \"%s\"", err);
    json = config_to_json(&before);
    assert_non_null(json);

    /* Resolved paths are absolute, so another name must not move them. */
    if (!config_parse(&after, json, "elsewhere/round.json", err, sizeof err))
        fail_msg("expected the output to parse, got \"%s\" for %s", err, json);
    free(json);
    assert_config_equal(&after, &before);
}

static void test_output_nests_dealership(void **state)
{
    struct config cfg;
    char *json;

    (void)state;
    config_set_defaults(&cfg);
    json = config_to_json(&cfg);
    assert_non_null(json);
    if (!strstr(json, "\"dealership\":\t{") ||
        !strstr(json, "\"accent_color\":\t\"#C8102E\"") ||
        !strstr(json, "\"name\":\t{"))
        fail_msg("expected a nested dealership object, got %s", json);
    free(json);
}

static void test_failed_parse_leaves_defaults(void **state)
{
    struct config cfg;
    char err[CONFIG_ERROR_MAX];

    (void)state;
    memset(&cfg, 0xA5, sizeof cfg);
    assert_false(
        config_parse(&cfg, "{\"kiosk_id\": \"lobby\", \"idle_timeout_s\": 1}",
                     "test.json", err, sizeof err));
    assert_defaults(&cfg);
}

static void test_failed_load_leaves_defaults(void **state)
{
    struct fixture *fx = *state;
    struct config cfg;
    char path[PATH_MAX];
    char err[CONFIG_ERROR_MAX];
    bool found = false;

    write_text(fx->dir, "bad.json",
               "{\"language\": \"en\", \"log_level\": \"loud\"}", path,
               sizeof path);
    memset(&cfg, 0xA5, sizeof cfg);
    assert_false(config_load(&cfg, path, &found, err, sizeof err));
    assert_true(found);
    assert_defaults(&cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_have_documented_values),
        cmocka_unit_test(test_empty_object_gives_defaults),
        cmocka_unit_test_setup_teardown(test_full_file_sets_every_key, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(
            test_missing_file_gives_defaults_and_not_found, make_dir,
            remove_dir),
        cmocka_unit_test(test_one_name_keeps_the_other_default),
        cmocka_unit_test(test_lowercase_colour_is_accepted),
        cmocka_unit_test(test_range_ends_are_accepted),
        cmocka_unit_test(test_unknown_top_level_key_is_named),
        cmocka_unit_test(test_unknown_nested_key_is_named),
        cmocka_unit_test(test_unknown_key_suggests_a_close_name),
        cmocka_unit_test(test_unknown_key_in_other_case_is_suggested),
        cmocka_unit_test(test_ambiguous_unknown_key_has_no_suggestion),
        cmocka_unit_test(test_dotted_key_name_is_unknown),
        cmocka_unit_test(test_repeated_key_is_refused),
        cmocka_unit_test(test_string_for_integer_is_a_type_error),
        cmocka_unit_test(test_float_for_integer_is_refused),
        cmocka_unit_test(test_null_value_is_refused),
        cmocka_unit_test(test_array_for_string_is_refused),
        cmocka_unit_test(test_integer_below_range_is_refused),
        cmocka_unit_test(test_integer_above_range_is_refused),
        cmocka_unit_test(test_bad_choice_lists_the_choices),
        cmocka_unit_test(test_bad_language_lists_the_languages),
        cmocka_unit_test(test_bad_log_level_lists_the_levels),
        cmocka_unit_test(test_bad_colour_is_refused),
        cmocka_unit_test(test_kiosk_id_with_a_space_is_refused),
        cmocka_unit_test(test_too_long_kiosk_id_is_cut_in_the_message),
        cmocka_unit_test(test_control_character_is_shown_as_a_mark),
        cmocka_unit_test(test_empty_name_is_refused),
        cmocka_unit_test(test_name_of_bad_utf8_is_refused),
        cmocka_unit_test(test_dealership_must_be_an_object),
        cmocka_unit_test(test_malformed_json_names_the_line),
        cmocka_unit_test(test_json_near_text_is_cut_short),
        cmocka_unit_test(test_json_error_at_the_end_shows_the_last_line),
        cmocka_unit_test(test_text_after_the_object_is_refused),
        cmocka_unit_test(test_empty_file_is_refused),
        cmocka_unit_test(test_top_level_array_is_refused),
        cmocka_unit_test_setup_teardown(test_nul_byte_in_file_is_refused,
                                        make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_directory_is_unreadable, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_oversized_file_is_unreadable,
                                        make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(
            test_relative_paths_resolve_against_config_folder, make_dir,
            remove_dir),
        cmocka_unit_test_setup_teardown(
            test_relative_config_path_gives_absolute_paths, make_dir,
            remove_dir),
        cmocka_unit_test(test_empty_path_keeps_the_built_in_assets),
        cmocka_unit_test(test_empty_font_path_is_refused),
        cmocka_unit_test(test_path_too_long_once_resolved_is_refused),
        cmocka_unit_test(test_round_trip_of_defaults),
        cmocka_unit_test_setup_teardown(test_round_trip_of_every_key, make_dir,
                                        remove_dir),
        cmocka_unit_test(test_output_nests_dealership),
        cmocka_unit_test(test_failed_parse_leaves_defaults),
        cmocka_unit_test_setup_teardown(test_failed_load_leaves_defaults,
                                        make_dir, remove_dir),
        cmocka_unit_test(test_shipped_default_config_matches_the_defaults),
        cmocka_unit_test(test_bad_opening_hours_are_refused),
        cmocka_unit_test(test_unknown_weekday_is_named),
        cmocka_unit_test(test_bad_closed_date_is_named_by_its_index),
        cmocka_unit_test(test_closed_dates_must_be_an_array),
        cmocka_unit_test(test_slot_length_out_of_range_is_refused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
