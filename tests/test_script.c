/*
 * Tests for script: each command's fields and line, the lines that are
 * skipped, and one test per way a line can be refused. Scripts are parsed
 * from strings named "demo.txt"; the load tests write a temporary file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"
#include "script.h"

enum { ERR_MAX = 512 };

static char err[ERR_MAX];

/* Fails with "expected X, got Y" naming the test's own line. */
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

static struct script *parse(const char *text)
{
    struct script *script;

    err[0] = '\0';
    script = script_parse(text, "demo.txt", err, sizeof(err));
    if (!script) {
        print_error("expected the script to parse, got \"%s\"\n", err);
        fail();
    }
    return script;
}

/* Parses a script of one command and checks that it has just that one. */
static struct script *parse_one(const char *text, enum script_op op)
{
    struct script *script = parse(text);

    assert_int_equal(script->count, 1);
    assert_int_equal(script->cmds[0].op, op);
    return script;
}

#define expect_error(text, part) check_error((text), (part), __FILE__, __LINE__)

static void check_error(const char *text, const char *part, const char *file,
                        int line)
{
    struct script *script;

    err[0] = '\0';
    script = script_parse(text, "demo.txt", err, sizeof(err));
    if (script) {
        script_destroy(script);
        print_error("expected an error containing: %s\n"
                    "                         got: success\n",
                    part);
        _fail(file, line);
    }
    check_contains(err, part, file, line);
}

/* A fresh file holding text; the caller removes it. */
static void write_temp(char *path, size_t size, const char *text)
{
    const char *tmp = getenv("VITRINE_TEST_TMP");
    int fd;

    if (!tmp || tmp[0] == '\0')
        tmp = "/tmp";
    assert_true(fs_make_dirs(tmp));
    snprintf(path, size, "%s/test_script.XXXXXX", tmp);

    fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    assert_int_equal(close(fd), 0);
}

static void test_tap_reads_x_and_y(void **state)
{
    struct script *script = parse_one("tap 10 20.5", SCRIPT_TAP);
    const struct script_cmd *cmd = &script->cmds[0];

    (void)state;
    assert_int_equal(cmd->line, 1);
    assert_float_equal(cmd->x1, 10, 1e-6);
    assert_float_equal(cmd->y1, 20.5, 1e-6);
    assert_null(cmd->arg);
    script_destroy(script);
}

static void test_tap_on_reads_its_text(void **state)
{
    struct script *script = parse_one("tap-on \"预约 试驾\"", SCRIPT_TAP_ON);

    (void)state;
    assert_string_equal(script->cmds[0].arg, "预约 试驾");
    script_destroy(script);
}

static void test_drag_reads_two_points_and_ms(void **state)
{
    struct script *script = parse_one("drag 100 200.25 300 0 450", SCRIPT_DRAG);
    const struct script_cmd *cmd = &script->cmds[0];

    (void)state;
    assert_float_equal(cmd->x1, 100, 1e-6);
    assert_float_equal(cmd->y1, 200.25, 1e-6);
    assert_float_equal(cmd->x2, 300, 1e-6);
    assert_float_equal(cmd->y2, 0, 1e-6);
    assert_int_equal(cmd->ms, 450);
    script_destroy(script);
}

static void test_pinch_reads_centre_scale_and_ms(void **state)
{
    struct script *script = parse_one("pinch 640 360 1.5 300", SCRIPT_PINCH);
    const struct script_cmd *cmd = &script->cmds[0];

    (void)state;
    assert_float_equal(cmd->x1, 640, 1e-6);
    assert_float_equal(cmd->y1, 360, 1e-6);
    assert_float_equal(cmd->scale, 1.5, 1e-6);
    assert_int_equal(cmd->ms, 300);
    script_destroy(script);
}

static void test_text_unescapes_quote_backslash_and_newline(void **state)
{
    struct script *script =
        parse_one("text \"say \\\"hi\\\" \\\\ bye\\nend\"", SCRIPT_TEXT);

    (void)state;
    assert_string_equal(script->cmds[0].arg, "say \"hi\" \\ bye\nend");
    script_destroy(script);
}

static void test_text_keeps_utf8_and_inner_blanks(void **state)
{
    struct script *script = parse_one("text \"  王 先生\t\"", SCRIPT_TEXT);

    (void)state;
    assert_string_equal(script->cmds[0].arg, "  王 先生\t");
    script_destroy(script);
}

static void test_text_may_be_empty(void **state)
{
    struct script *script = parse_one("text \"\"", SCRIPT_TEXT);

    (void)state;
    assert_string_equal(script->cmds[0].arg, "");
    script_destroy(script);
}

static void test_key_reads_sdl_key_names(void **state)
{
    struct script *script = parse("key Return\n"
                                  "key Escape\n"
                                  "key Left\n"
                                  "key Backspace\n");

    (void)state;
    assert_int_equal(script->count, 4);
    assert_int_equal(script->cmds[0].op, SCRIPT_KEY);
    assert_string_equal(script->cmds[0].arg, "Return");
    assert_string_equal(script->cmds[1].arg, "Escape");
    assert_string_equal(script->cmds[2].arg, "Left");
    assert_string_equal(script->cmds[3].arg, "Backspace");
    script_destroy(script);
}

static void test_wait_reads_ms(void **state)
{
    struct script *script = parse_one("wait 250", SCRIPT_WAIT);

    (void)state;
    assert_int_equal(script->cmds[0].ms, 250);
    script_destroy(script);
}

static void test_wait_accepts_zero_and_the_limit(void **state)
{
    struct script *script = parse("wait 0\nwait 600000\n");

    (void)state;
    assert_int_equal(script->cmds[0].ms, 0);
    assert_int_equal(script->cmds[1].ms, 600000);
    script_destroy(script);
}

static void test_screenshot_reads_its_name(void **state)
{
    struct script *script =
        parse_one("screenshot home-1.v2_final", SCRIPT_SCREENSHOT);

    (void)state;
    assert_string_equal(script->cmds[0].arg, "home-1.v2_final");
    script_destroy(script);
}

static void test_dump_ui_reads_its_name(void **state)
{
    struct script *script = parse_one("dump-ui home", SCRIPT_DUMP_UI);

    (void)state;
    assert_string_equal(script->cmds[0].arg, "home");
    script_destroy(script);
}

static void test_expect_screen_reads_its_name(void **state)
{
    struct script *script =
        parse_one("expect-screen attract", SCRIPT_EXPECT_SCREEN);

    (void)state;
    assert_string_equal(script->cmds[0].arg, "attract");
    script_destroy(script);
}

static void test_name_of_64_characters_is_accepted(void **state)
{
    char line[128];
    struct script *script;

    (void)state;
    snprintf(line, sizeof(line), "screenshot %064d", 7);
    script = parse_one(line, SCRIPT_SCREENSHOT);
    assert_int_equal(strlen(script->cmds[0].arg), 64);
    script_destroy(script);
}

static void test_quit_reads_as_quit(void **state)
{
    struct script *script = parse_one("quit", SCRIPT_QUIT);

    (void)state;
    assert_null(script->cmds[0].arg);
    script_destroy(script);
}

static void test_commands_keep_their_line_numbers(void **state)
{
    struct script *script = parse("# demo\n"
                                  "tap 1 2\n"
                                  "\n"
                                  "  # indented comment\n"
                                  "wait 100\n"
                                  "\t\n"
                                  "quit\n");

    (void)state;
    assert_int_equal(script->count, 3);
    assert_int_equal(script->cmds[0].line, 2);
    assert_int_equal(script->cmds[1].line, 5);
    assert_int_equal(script->cmds[2].line, 7);
    script_destroy(script);
}

static void test_comments_and_blank_lines_give_no_commands(void **state)
{
    struct script *script = parse("# only comments\n"
                                  "\n"
                                  "   \t  \n"
                                  "\t# tap 1 2\n"
                                  "#\n");

    (void)state;
    assert_int_equal(script->count, 0);
    script_destroy(script);
}

static void test_empty_script_has_no_commands(void **state)
{
    struct script *script = parse("");

    (void)state;
    assert_int_equal(script->count, 0);
    script_destroy(script);
}

static void test_crlf_line_endings_are_accepted(void **state)
{
    struct script *script = parse("tap 1 2\r\n"
                                  "\r\n"
                                  "text \"hi\"\r\n"
                                  "quit\r\n");

    (void)state;
    assert_int_equal(script->count, 3);
    assert_string_equal(script->cmds[1].arg, "hi");
    assert_int_equal(script->cmds[1].line, 3);
    assert_int_equal(script->cmds[2].op, SCRIPT_QUIT);
    script_destroy(script);
}

static void test_blanks_around_and_between_tokens_are_ignored(void **state)
{
    struct script *script = parse_one(" \t tap \t 3\t\t4  \t", SCRIPT_TAP);

    (void)state;
    assert_float_equal(script->cmds[0].x1, 3, 1e-6);
    assert_float_equal(script->cmds[0].y1, 4, 1e-6);
    script_destroy(script);
}

static void test_last_line_without_newline_is_read(void **state)
{
    struct script *script = parse("wait 1\nwait 2");

    (void)state;
    assert_int_equal(script->count, 2);
    assert_int_equal(script->cmds[1].ms, 2);
    assert_int_equal(script->cmds[1].line, 2);
    script_destroy(script);
}

static void test_leading_byte_order_mark_is_skipped(void **state)
{
    struct script *script = parse_one("\xef\xbb\xbfquit\n", SCRIPT_QUIT);

    (void)state;
    script_destroy(script);
}

static void test_op_names_are_the_keywords(void **state)
{
    (void)state;
    assert_string_equal(script_op_name(SCRIPT_TAP), "tap");
    assert_string_equal(script_op_name(SCRIPT_TAP_ON), "tap-on");
    assert_string_equal(script_op_name(SCRIPT_DRAG), "drag");
    assert_string_equal(script_op_name(SCRIPT_PINCH), "pinch");
    assert_string_equal(script_op_name(SCRIPT_TEXT), "text");
    assert_string_equal(script_op_name(SCRIPT_KEY), "key");
    assert_string_equal(script_op_name(SCRIPT_WAIT), "wait");
    assert_string_equal(script_op_name(SCRIPT_SCREENSHOT), "screenshot");
    assert_string_equal(script_op_name(SCRIPT_DUMP_UI), "dump-ui");
    assert_string_equal(script_op_name(SCRIPT_EXPECT_SCREEN), "expect-screen");
    assert_string_equal(script_op_name(SCRIPT_QUIT), "quit");
    assert_string_equal(script_op_name((enum script_op)99), "?");
}

static void test_destroy_null_is_a_no_op(void **state)
{
    (void)state;
    script_destroy(NULL);
}

static void test_unknown_command_is_named(void **state)
{
    (void)state;
    expect_error("tap 1 2\ntapp 3 4\n", "demo.txt:2: unknown command \"tapp\"");
}

static void test_missing_arguments_show_the_usage(void **state)
{
    (void)state;
    expect_error("drag 1 2 3 4", "demo.txt:1: drag needs X1 Y1 X2 Y2 MS");
}

static void test_command_without_arguments_shows_the_usage(void **state)
{
    (void)state;
    expect_error("pinch\n", "demo.txt:1: pinch needs CX CY SCALE MS");
}

static void test_missing_string_shows_the_usage(void **state)
{
    (void)state;
    expect_error("tap-on   ", "demo.txt:1: tap-on needs \"TEXT\"");
}

static void test_coordinate_that_is_no_number_is_refused(void **state)
{
    (void)state;
    expect_error("tap ten 20",
                 "demo.txt:1: tap: \"ten\" is not a coordinate from 0 to "
                 "100000");
}

static void test_coordinate_with_trailing_letters_is_refused(void **state)
{
    (void)state;
    expect_error("tap 10px 20", "tap: \"10px\" is not a coordinate");
}

static void test_negative_coordinate_is_refused(void **state)
{
    (void)state;
    expect_error("drag 0 0 -1 5 100", "drag: \"-1\" is not a coordinate");
}

static void test_coordinate_over_the_limit_is_refused(void **state)
{
    (void)state;
    expect_error("tap 100000.5 0", "tap: \"100000.5\" is not a coordinate");
}

static void test_inf_nan_and_hex_are_no_numbers(void **state)
{
    (void)state;
    expect_error("tap inf 1", "tap: \"inf\" is not a coordinate");
    expect_error("tap 1 nan", "tap: \"nan\" is not a coordinate");
    expect_error("tap 0x10 1", "tap: \"0x10\" is not a coordinate");
    expect_error("tap 1e999 1", "tap: \"1e999\" is not a coordinate");
}

static void test_negative_ms_is_refused(void **state)
{
    (void)state;
    expect_error("wait -5", "demo.txt:1: wait: \"-5\" is not a whole number "
                            "of ms");
}

static void test_ms_that_is_no_number_is_refused(void **state)
{
    (void)state;
    expect_error("wait ten", "demo.txt:1: wait: \"ten\" is not a whole number "
                             "of ms");
}

static void test_fractional_ms_is_refused(void **state)
{
    (void)state;
    expect_error("drag 1 2 3 4 2.5", "drag: \"2.5\" is not a whole number");
}

static void test_ms_over_the_limit_is_refused(void **state)
{
    (void)state;
    expect_error("wait 600001", "wait: \"600001\" is more than 600000 ms");
}

static void test_huge_ms_is_refused_without_overflow(void **state)
{
    (void)state;
    expect_error("wait 99999999999999999999999",
                 "wait: \"99999999999999999999999\" is more than 600000 ms");
}

static void test_zero_scale_is_refused(void **state)
{
    (void)state;
    expect_error("pinch 10 10 0 100",
                 "pinch: \"0\" is not a scale above 0 and up to 20");
}

static void test_scale_over_20_is_refused(void **state)
{
    (void)state;
    expect_error("pinch 10 10 20.01 100", "pinch: \"20.01\" is not a scale");
}

static void test_scale_of_20_is_accepted(void **state)
{
    struct script *script = parse_one("pinch 10 10 20 100", SCRIPT_PINCH);

    (void)state;
    assert_float_equal(script->cmds[0].scale, 20, 1e-6);
    script_destroy(script);
}

static void test_unterminated_string_is_refused(void **state)
{
    (void)state;
    expect_error("wait 1\ntext \"abc", "demo.txt:2: unterminated string");
}

static void test_string_ending_in_escaped_quote_is_unterminated(void **state)
{
    (void)state;
    expect_error("text \"abc\\\"", "demo.txt:1: unterminated string");
}

static void test_bad_escape_is_refused(void **state)
{
    (void)state;
    expect_error("text \"a\\tb\"", "demo.txt:1: bad escape \"\\t\"");
}

static void test_unquoted_text_is_refused(void **state)
{
    (void)state;
    expect_error("text hello",
                 "demo.txt:1: text: the text must be in double quotes");
}

static void test_empty_tap_on_is_refused(void **state)
{
    (void)state;
    expect_error("tap-on \"\"", "demo.txt:1: tap-on needs a non-empty string");
}

static void test_name_with_slash_is_refused(void **state)
{
    (void)state;
    expect_error("screenshot shots/home",
                 "demo.txt:1: screenshot: \"shots/home\" is not a name");
}

static void test_name_starting_with_dot_is_refused(void **state)
{
    (void)state;
    expect_error("dump-ui ..", "dump-ui: \"..\" is not a name");
}

static void test_name_over_64_characters_is_refused(void **state)
{
    char line[128];

    (void)state;
    snprintf(line, sizeof(line), "expect-screen %065d", 7);
    expect_error(line, "demo.txt:1: expect-screen: \"000");
    assert_contains(err, "is not a name of up to 64");
}

static void test_extra_argument_is_refused(void **state)
{
    (void)state;
    expect_error("tap 1 2 3", "demo.txt:1: unexpected \"3\"");
}

static void test_quit_with_an_argument_is_refused(void **state)
{
    (void)state;
    expect_error("quit now", "demo.txt:1: unexpected \"now\"");
}

static void test_token_after_a_string_is_refused(void **state)
{
    (void)state;
    expect_error("text \"a\" b", "demo.txt:1: unexpected \"b\"");
}

static void test_comment_after_a_command_is_refused(void **state)
{
    (void)state;
    expect_error("wait 5 # settle", "demo.txt:1: unexpected \"#\"");
}

static void test_unknown_key_name_is_refused(void **state)
{
    (void)state;
    expect_error("key Foo", "demo.txt:1: key: unknown key name \"Foo\"");
}

static void test_error_line_counts_skipped_lines(void **state)
{
    (void)state;
    expect_error("# setup\n"
                 "\n"
                 "tap 1 2\n"
                 "  # wait for the fade\n"
                 "\t\n"
                 "wait soon\n",
                 "demo.txt:6: wait: \"soon\" is not a whole number of ms");
}

static void test_error_line_counts_crlf_lines(void **state)
{
    (void)state;
    expect_error("# a\r\n\r\ntap 1 2\r\nzoom\r\n",
                 "demo.txt:4: unknown command \"zoom\"");
}

static void test_failed_parse_frees_earlier_commands(void **state)
{
    (void)state;
    /* Under ASan a leak of the strings made before the error fails here. */
    expect_error("text \"one\"\n"
                 "screenshot two\n"
                 "key Return\n"
                 "tap-on \"three\" extra\n",
                 "demo.txt:4: unexpected \"extra\"");
}

static void test_load_reads_file_and_names_it_in_errors(void **state)
{
    char path[PATH_MAX];
    char expected[PATH_MAX + 64];
    struct script *script;

    (void)state;
    write_temp(path, sizeof(path), "wait 1\nwiat 2\n");
    script = script_load(path, err, sizeof(err));
    remove(path);

    assert_null(script);
    snprintf(expected, sizeof(expected), "%s:2: unknown command \"wiat\"",
             path);
    assert_string_equal(err, expected);
}

static void test_load_returns_the_commands(void **state)
{
    char path[PATH_MAX];
    struct script *script;

    (void)state;
    write_temp(path, sizeof(path), "tap 5 6\nquit\n");
    script = script_load(path, err, sizeof(err));
    remove(path);

    if (!script) {
        print_error("expected the file to load, got \"%s\"\n", err);
        fail();
    }
    assert_int_equal(script->count, 2);
    assert_int_equal(script->cmds[1].op, SCRIPT_QUIT);
    script_destroy(script);
}

static void test_load_names_missing_file_and_reason(void **state)
{
    (void)state;
    assert_null(script_load("/nonexistent/demo.txt", err, sizeof(err)));
    assert_string_equal(err, "/nonexistent/demo.txt: cannot read: No such "
                             "file or directory");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tap_reads_x_and_y),
        cmocka_unit_test(test_tap_on_reads_its_text),
        cmocka_unit_test(test_drag_reads_two_points_and_ms),
        cmocka_unit_test(test_pinch_reads_centre_scale_and_ms),
        cmocka_unit_test(test_text_unescapes_quote_backslash_and_newline),
        cmocka_unit_test(test_text_keeps_utf8_and_inner_blanks),
        cmocka_unit_test(test_text_may_be_empty),
        cmocka_unit_test(test_key_reads_sdl_key_names),
        cmocka_unit_test(test_wait_reads_ms),
        cmocka_unit_test(test_wait_accepts_zero_and_the_limit),
        cmocka_unit_test(test_screenshot_reads_its_name),
        cmocka_unit_test(test_dump_ui_reads_its_name),
        cmocka_unit_test(test_expect_screen_reads_its_name),
        cmocka_unit_test(test_name_of_64_characters_is_accepted),
        cmocka_unit_test(test_quit_reads_as_quit),
        cmocka_unit_test(test_commands_keep_their_line_numbers),
        cmocka_unit_test(test_comments_and_blank_lines_give_no_commands),
        cmocka_unit_test(test_empty_script_has_no_commands),
        cmocka_unit_test(test_crlf_line_endings_are_accepted),
        cmocka_unit_test(test_blanks_around_and_between_tokens_are_ignored),
        cmocka_unit_test(test_last_line_without_newline_is_read),
        cmocka_unit_test(test_leading_byte_order_mark_is_skipped),
        cmocka_unit_test(test_op_names_are_the_keywords),
        cmocka_unit_test(test_destroy_null_is_a_no_op),
        cmocka_unit_test(test_unknown_command_is_named),
        cmocka_unit_test(test_missing_arguments_show_the_usage),
        cmocka_unit_test(test_command_without_arguments_shows_the_usage),
        cmocka_unit_test(test_missing_string_shows_the_usage),
        cmocka_unit_test(test_coordinate_that_is_no_number_is_refused),
        cmocka_unit_test(test_coordinate_with_trailing_letters_is_refused),
        cmocka_unit_test(test_negative_coordinate_is_refused),
        cmocka_unit_test(test_coordinate_over_the_limit_is_refused),
        cmocka_unit_test(test_inf_nan_and_hex_are_no_numbers),
        cmocka_unit_test(test_negative_ms_is_refused),
        cmocka_unit_test(test_ms_that_is_no_number_is_refused),
        cmocka_unit_test(test_fractional_ms_is_refused),
        cmocka_unit_test(test_ms_over_the_limit_is_refused),
        cmocka_unit_test(test_huge_ms_is_refused_without_overflow),
        cmocka_unit_test(test_zero_scale_is_refused),
        cmocka_unit_test(test_scale_over_20_is_refused),
        cmocka_unit_test(test_scale_of_20_is_accepted),
        cmocka_unit_test(test_unterminated_string_is_refused),
        cmocka_unit_test(test_string_ending_in_escaped_quote_is_unterminated),
        cmocka_unit_test(test_bad_escape_is_refused),
        cmocka_unit_test(test_unquoted_text_is_refused),
        cmocka_unit_test(test_empty_tap_on_is_refused),
        cmocka_unit_test(test_name_with_slash_is_refused),
        cmocka_unit_test(test_name_starting_with_dot_is_refused),
        cmocka_unit_test(test_name_over_64_characters_is_refused),
        cmocka_unit_test(test_extra_argument_is_refused),
        cmocka_unit_test(test_quit_with_an_argument_is_refused),
        cmocka_unit_test(test_token_after_a_string_is_refused),
        cmocka_unit_test(test_comment_after_a_command_is_refused),
        cmocka_unit_test(test_unknown_key_name_is_refused),
        cmocka_unit_test(test_error_line_counts_skipped_lines),
        cmocka_unit_test(test_error_line_counts_crlf_lines),
        cmocka_unit_test(test_failed_parse_frees_earlier_commands),
        cmocka_unit_test(test_load_reads_file_and_names_it_in_errors),
        cmocka_unit_test(test_load_returns_the_commands),
        cmocka_unit_test(test_load_names_missing_file_and_reason),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
