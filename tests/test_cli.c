/*
 * Tests for cli: the defaults, each option's value, and one test per way
 * a command line is refused. Arguments are string literals passed as
 * argv, the way main receives them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "cli.h"

enum { ERR_MAX = 512 };

static char err[ERR_MAX];
static struct cli_options opts;

static const char *result_name(enum cli_result result)
{
    switch (result) {
    case CLI_RUN:
        return "CLI_RUN";
    case CLI_EXIT_OK:
        return "CLI_EXIT_OK";
    case CLI_EXIT_USAGE:
        return "CLI_EXIT_USAGE";
    }
    return "?";
}

#define parse(expected, ...)                                                   \
    check_parse((expected), __FILE__, __LINE__, "vitrine", __VA_ARGS__,        \
                (char *)NULL)

/*
 * Parses the NULL-terminated arguments into opts and err and fails with
 * "expected X, got Y" when the result is not expected.
 */
static void check_parse(enum cli_result expected, const char *file, int line,
                        ...)
{
    char *argv[32];
    int argc = 0;
    va_list ap;
    enum cli_result got;

    va_start(ap, line);
    for (char *arg; (arg = va_arg(ap, char *));) {
        assert_true(argc < (int)(sizeof(argv) / sizeof(argv[0])) - 1);
        argv[argc++] = arg;
    }
    va_end(ap);
    argv[argc] = NULL;

    err[0] = '\0';
    got = cli_parse(argc, argv, &opts, err, sizeof(err));
    if (got == expected)
        return;
    print_error("expected %s, got %s (message \"%s\")\n", result_name(expected),
                result_name(got), err);
    _fail(file, line);
}

#define assert_contains(text, part)                                            \
    check_contains((text), (part), __FILE__, __LINE__)

static void check_contains(const char *text, const char *part, const char *file,
                           int line)
{
    if (strstr(text, part))
        return;
    print_error("expected a message containing: %s\n"
                "                          got: %s\n",
                part, text);
    _fail(file, line);
}

#define expect_path(got, expected)                                             \
    check_path(#got, (got), (expected), __FILE__, __LINE__)

static void check_path(const char *what, const char *got, const char *expected,
                       const char *file, int line)
{
    if (got && strcmp(got, expected) == 0)
        return;
    print_error("expected %s \"%s\", got %s%s%s\n", what, expected,
                got ? "\"" : "", got ? got : "NULL", got ? "\"" : "");
    _fail(file, line);
}

static void check_size(int width, int height, const char *file, int line)
{
    if (opts.width == width && opts.height == height)
        return;
    print_error("expected %dx%d, got %dx%d\n", width, height, opts.width,
                opts.height);
    _fail(file, line);
}

#define expect_size(width, height)                                             \
    check_size((width), (height), __FILE__, __LINE__)

static void test_no_arguments_give_the_defaults(void **state)
{
    (void)state;
    check_parse(CLI_RUN, __FILE__, __LINE__, "vitrine", (char *)NULL);
    expect_size(1920, 1080);
    assert_false(opts.windowed);
    assert_false(opts.headless);
    assert_false(opts.verbose);
    assert_false(opts.start_screen_set);
    assert_false(opts.fake_clock);
    assert_false(opts.print_config);
    assert_null(opts.config_path);
    assert_null(opts.data_dir);
    assert_null(opts.script_path);
    assert_null(opts.screenshot_dir);
    assert_null(opts.model_id);
}

static void test_windowed_sets_the_size(void **state)
{
    (void)state;
    parse(CLI_RUN, "--windowed", "1080x1920");
    assert_true(opts.windowed);
    expect_size(1080, 1920);

    parse(CLI_RUN, "--windowed", "1280X800");
    expect_size(1280, 800);
}

static void test_flags_are_set(void **state)
{
    (void)state;
    parse(CLI_RUN, "--headless", "--verbose", "--print-config");
    assert_true(opts.headless);
    assert_true(opts.verbose);
    assert_true(opts.print_config);
    assert_false(opts.windowed);
}

static void expect_bad_size(const char *value)
{
    parse(CLI_EXIT_USAGE, "--windowed", value);
    assert_contains(err, "--windowed");
    assert_contains(err, value);
}

static void test_bad_window_sizes_are_refused_and_named(void **state)
{
    (void)state;
    expect_bad_size("12x");
    expect_bad_size("0x0");
    expect_bad_size("99999x10");
    expect_bad_size("axb");
    expect_bad_size("1280");
    expect_bad_size("1280x800px");
    expect_bad_size("");
}

static void test_each_start_screen_name_parses(void **state)
{
    static const struct {
        const char *name;
        enum screen_id id;
    } screens[] = {
        {"attract", SCREEN_ATTRACT},     {"home", SCREEN_HOME},
        {"viewer", SCREEN_VIEWER},       {"booking", SCREEN_BOOKING},
        {"follow-qr", SCREEN_FOLLOW_QR}, {"staff", SCREEN_STAFF},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(screens) / sizeof(screens[0]); i++) {
        parse(CLI_RUN, "--start-screen", screens[i].name);
        assert_true(opts.start_screen_set);
        if (opts.start_screen != screens[i].id) {
            print_error("expected screen %d for \"%s\", got %d\n",
                        (int)screens[i].id, screens[i].name,
                        (int)opts.start_screen);
            fail();
        }
    }
}

static void test_unknown_start_screen_lists_the_names(void **state)
{
    static const char *const names[] = {
        "attract", "home", "viewer", "booking", "follow-qr", "staff",
    };

    (void)state;
    parse(CLI_EXIT_USAGE, "--start-screen", "lobby");
    assert_contains(err, "--start-screen");
    assert_contains(err, "lobby");
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        assert_contains(err, names[i]);
}

static void test_fake_clock_needs_a_script(void **state)
{
    (void)state;
    parse(CLI_EXIT_USAGE, "--clock", "fake");
    assert_contains(err, "--clock fake");
    assert_contains(err, "--script");

    parse(CLI_RUN, "--clock", "fake", "--script", "walk.txt");
    assert_true(opts.fake_clock);

    parse(CLI_RUN, "--clock", "real");
    assert_false(opts.fake_clock);
}

static void test_unknown_clock_is_refused(void **state)
{
    (void)state;
    parse(CLI_EXIT_USAGE, "--clock", "bogus");
    assert_contains(err, "--clock");
    assert_contains(err, "bogus");
}

static void test_option_missing_its_value_is_named(void **state)
{
    static const char *const options[] = {
        "--windowed", "--config", "--data-dir",       "--start-screen",
        "--model",    "--script", "--screenshot-dir", "--clock",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
        parse(CLI_EXIT_USAGE, options[i]);
        assert_contains(err, options[i]);
    }
    parse(CLI_EXIT_USAGE, "--headless", "--config");
    assert_contains(err, "--config");
}

static void test_unknown_option_is_named(void **state)
{
    (void)state;
    parse(CLI_EXIT_USAGE, "--fullscreen");
    assert_contains(err, "--fullscreen");

    parse(CLI_EXIT_USAGE, "--headless", "extra");
    assert_contains(err, "extra");
}

static void test_help_and_version_exit_ok(void **state)
{
    (void)state;
    parse(CLI_EXIT_OK, "--help");
    assert_true(opts.help);
    parse(CLI_EXIT_OK, "-h");
    assert_true(opts.help);
    parse(CLI_EXIT_OK, "--version");
    assert_true(opts.version);

    /* Asking for help is answered even beside an incomplete clock. */
    parse(CLI_EXIT_OK, "--clock", "fake", "--help");
}

static void test_path_values_are_kept(void **state)
{
    (void)state;
    parse(CLI_RUN, "--config", "/etc/vitrine/lobby.json", "--data-dir",
          "/var/lib/vitrine", "--script", "walk.txt", "--screenshot-dir",
          "shots", "--model", "ev300");
    expect_path(opts.config_path, "/etc/vitrine/lobby.json");
    expect_path(opts.data_dir, "/var/lib/vitrine");
    expect_path(opts.script_path, "walk.txt");
    expect_path(opts.screenshot_dir, "shots");
    expect_path(opts.model_id, "ev300");
}

static void test_later_value_wins(void **state)
{
    (void)state;
    parse(CLI_RUN, "--model", "ev300", "--model", "suv7");
    expect_path(opts.model_id, "suv7");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_arguments_give_the_defaults),
        cmocka_unit_test(test_windowed_sets_the_size),
        cmocka_unit_test(test_flags_are_set),
        cmocka_unit_test(test_bad_window_sizes_are_refused_and_named),
        cmocka_unit_test(test_each_start_screen_name_parses),
        cmocka_unit_test(test_unknown_start_screen_lists_the_names),
        cmocka_unit_test(test_fake_clock_needs_a_script),
        cmocka_unit_test(test_unknown_clock_is_refused),
        cmocka_unit_test(test_option_missing_its_value_is_named),
        cmocka_unit_test(test_unknown_option_is_named),
        cmocka_unit_test(test_help_and_version_exit_ok),
        cmocka_unit_test(test_path_values_are_kept),
        cmocka_unit_test(test_later_value_wins),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
