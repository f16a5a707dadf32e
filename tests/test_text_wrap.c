/*
 * Tests for text_wrap: where lines break in English, Chinese and the two
 * mixed, and what happens when nothing fits.
 *
 * The measuring function is a fake in which every code point is
 * CHAR_PX wide, so a width of 40 px holds exactly four characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "text_wrap.h"

enum {
    CHAR_PX = 10,
    OUT_MAX = 4096,
    LINES_MAX = 256,
};

static char out[OUT_MAX];

static bool is_continuation(unsigned char byte)
{
    return (byte & 0xC0) == 0x80;
}

static size_t count_code_points(const char *s, size_t n)
{
    size_t count = 0;

    for (size_t i = 0; i < n; i++) {
        if (!is_continuation((unsigned char)s[i]))
            count++;
    }
    return count;
}

static int fake_measure(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    return (int)count_code_points(s, n) * CHAR_PX;
}

/* Wraps text at max_px into out; a refusal fails the test. */
static const char *wrap(const char *text, int max_px)
{
    if (!text_wrap(text, max_px, fake_measure, NULL, out, sizeof(out))) {
        print_error("expected \"%s\" to wrap at %d px, got false\n", text,
                    max_px);
        fail();
    }
    return out;
}

#define expect_wrap(text, max_px, expected)                                    \
    check_wrap((text), (max_px), (expected), __FILE__, __LINE__)

static void check_wrap(const char *text, int max_px, const char *expected,
                       const char *file, int line)
{
    const char *got = wrap(text, max_px);

    if (strcmp(got, expected) == 0)
        return;
    print_error("wrapping \"%s\" at %d px\n"
                "expected: \"%s\"\n"
                "     got: \"%s\"\n",
                text, max_px, expected, got);
    _fail(file, line);
}

struct line {
    const char *start;
    size_t len;
};

/* Splits out at '\n' into lines pointing into it. */
static size_t split_lines(const char *text, struct line *lines, size_t max)
{
    size_t count = 0;
    const char *p = text;

    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);

        assert_true(count < max);
        lines[count].start = p;
        lines[count].len = len;
        count++;
        if (!nl)
            return count;
        p = nl + 1;
    }
}

static bool starts_with(const struct line *l, const char *prefix)
{
    size_t n = strlen(prefix);

    return l->len >= n && memcmp(l->start, prefix, n) == 0;
}

static bool ends_with(const struct line *l, const char *suffix)
{
    size_t n = strlen(suffix);

    return l->len >= n && memcmp(l->start + l->len - n, suffix, n) == 0;
}

#define expect_no_line_starts_with(text, max_px, prefix)                       \
    check_no_line_starts_with((text), (max_px), (prefix), __FILE__, __LINE__)

static void check_no_line_starts_with(const char *text, int max_px,
                                      const char *prefix, const char *file,
                                      int line)
{
    struct line lines[LINES_MAX];
    size_t count = split_lines(wrap(text, max_px), lines, LINES_MAX);

    for (size_t i = 0; i < count; i++) {
        if (!starts_with(&lines[i], prefix))
            continue;
        print_error("wrapping \"%s\" at %d px\n"
                    "expected no line to start with \"%s\", got line %zu: "
                    "\"%.*s\"\n",
                    text, max_px, prefix, i + 1, (int)lines[i].len,
                    lines[i].start);
        _fail(file, line);
    }
}

/* Drops every ' ' and '\n': wrapping may only add breaks and eat spaces. */
static void strip_breaks(const char *s, char *dst, size_t size)
{
    size_t n = 0;

    for (; *s && n + 1 < size; s++) {
        if (*s != ' ' && *s != '\n')
            dst[n++] = *s;
    }
    dst[n] = '\0';
}

static void test_short_text_is_unchanged(void **state)
{
    (void)state;
    expect_wrap("Hello world", 200, "Hello world");
    expect_wrap("欢迎光临", 40, "欢迎光临");
    expect_wrap("", 40, "");
}

static void test_english_breaks_at_spaces_and_drops_them(void **state)
{
    (void)state;
    expect_wrap("the quick brown fox jumps", 100,
                "the quick\nbrown fox\njumps");
    expect_wrap("book   a   test drive", 60, "book\na\ntest\ndrive");
}

static void test_chinese_breaks_between_any_two_han_characters(void **state)
{
    (void)state;
    expect_wrap("我们的展厅每天开放", 40, "我们的展\n厅每天开\n放");
    expect_wrap("预约试驾", 10, "预\n约\n试\n驾");
}

/*
 * "好，" overflows a 40 px line; the comma must not open the next line,
 * so it travels with the character it follows.
 */
static void test_chinese_line_never_starts_with_a_closing_mark(void **state)
{
    struct line lines[LINES_MAX];
    size_t count;

    (void)state;
    expect_no_line_starts_with("我们很好，谢谢", 40, "，");
    expect_wrap("我们很好，谢谢", 40, "我们很\n好，谢谢");
    expect_wrap("很，好", 10, "很，\n好");
    expect_wrap("输入 PIN，可以", 30, "输入\nPI\nN，可\n以");
    expect_wrap("Hello, world", 50, "Hell\no,\nworld");
    expect_no_line_starts_with("展厅每天开放。欢迎光临", 60, "。");
    expect_no_line_starts_with("展厅每天开放。欢迎光临", 30, "。");

    count = split_lines(wrap("我们很好，谢谢", 40), lines, LINES_MAX);
    for (size_t i = 0; i < count; i++) {
        if (ends_with(&lines[i], "好") && i + 1 < count &&
            starts_with(&lines[i + 1], "，")) {
            print_error("expected \"好，\" on one line, got them split\n");
            fail();
        }
    }
}

static void test_never_breaks_right_after_an_opening_mark(void **state)
{
    struct line lines[LINES_MAX];
    size_t count;

    (void)state;
    expect_wrap("请带上（身份证）", 40, "请带上\n（身份\n证）");

    count = split_lines(wrap("请带上证件（身份证）原件", 60), lines, LINES_MAX);
    for (size_t i = 0; i < count; i++) {
        if (ends_with(&lines[i], "（")) {
            print_error("expected no line to end with \"（\", got line %zu: "
                        "\"%.*s\"\n",
                        i + 1, (int)lines[i].len, lines[i].start);
            fail();
        }
    }
}

static void test_mixed_text_keeps_latin_words_whole(void **state)
{
    (void)state;
    expect_wrap("输入 PIN 码后，可以", 60, "输入 PIN\n码后，可以");
    expect_wrap("输入 PIN 码后，可以", 40, "输入\nPIN\n码后，可\n以");
}

static void test_word_longer_than_the_line_is_broken_by_force(void **state)
{
    (void)state;
    expect_wrap("abcdefghijklmnop", 50, "abcde\nfghij\nklmno\np");
    expect_wrap("see abcdefghij now", 40, "see\nabcd\nefgh\nij\nnow");
}

static void test_width_under_one_character_puts_one_per_line(void **state)
{
    (void)state;
    expect_wrap("abc", 5, "a\nb\nc");
    expect_wrap("试驾", 1, "试\n驾");
}

static void test_existing_newlines_are_kept(void **state)
{
    (void)state;
    expect_wrap("第一行\n第二行", 200, "第一行\n第二行");
    expect_wrap("第一行\n第二行", 20, "第一\n行\n第二\n行");
    expect_wrap("one\n\ntwo", 200, "one\n\ntwo");
}

static void test_out_buffer_too_small_returns_false(void **state)
{
    char small[8];

    (void)state;
    assert_true(text_wrap("hello", 200, fake_measure, NULL, small, 6));
    if (text_wrap("hello!", 200, fake_measure, NULL, small, 6)) {
        print_error("expected false for 6 bytes into 6, got true \"%s\"\n",
                    small);
        fail();
    }
    if (text_wrap("预约试驾", 200, fake_measure, NULL, small, sizeof(small))) {
        print_error("expected false for 12 bytes into 8, got true\n");
        fail();
    }
    if (text_wrap("a", 200, fake_measure, NULL, small, 0)) {
        print_error("expected false for an empty buffer, got true\n");
        fail();
    }
}

static const char paragraph[] =
    "欢迎来到星辰汽车展厅。The new EV300 offers a range of 520 km "
    "(CLTC) and charges from 30% to 80% in 18 minutes. 预约试驾只需输入"
    "手机号码，我们的顾问会在 24 小时内联系您（节假日除外）。Scan the "
    "QR code to follow us, or ask our staff for a brochure. 谢谢！";

static const char *const closing_marks[] = {"，", "。", "）", "！",
                                            ",",  ".",  ")",  "!"};

/* Bytes of closing marks hanging at the end of a line. */
static size_t hanging_bytes(const struct line *l)
{
    size_t n = 0;
    bool found = true;

    while (found) {
        struct line rest = {l->start, l->len - n};

        found = false;
        for (size_t i = 0; i < sizeof(closing_marks) / sizeof(*closing_marks);
             i++) {
            if (rest.len > strlen(closing_marks[i]) &&
                ends_with(&rest, closing_marks[i])) {
                n += strlen(closing_marks[i]);
                found = true;
                break;
            }
        }
    }
    return n;
}

static bool starts_with_closing(const struct line *l)
{
    for (size_t i = 0; i < sizeof(closing_marks) / sizeof(*closing_marks);
         i++) {
        if (starts_with(l, closing_marks[i]))
            return true;
    }
    return false;
}

/* Lines fit (a lone character may keep its mark past the edge), open
 * with no closing mark, carry no edge spaces, and lose nothing but
 * spaces. */
static void check_paragraph_lines(int max_px)
{
    struct line lines[LINES_MAX];
    char want[OUT_MAX], got[OUT_MAX];
    size_t count = split_lines(wrap(paragraph, max_px), lines, LINES_MAX);

    for (size_t i = 0; i < count; i++) {
        const struct line *l = &lines[i];
        /* A lone character keeps its closing mark past the edge. */
        size_t body = l->len - hanging_bytes(l);
        size_t points = count_code_points(l->start, l->len);
        int width = fake_measure(NULL, l->start, body);

        if (fake_measure(NULL, l->start, l->len) > max_px &&
            (points > 2 || width > max_px) &&
            count_code_points(l->start, body) > 1) {
            print_error("at %d px, expected line %zu no wider than %d px, "
                        "got %d px: \"%.*s\"\n",
                        max_px, i + 1, max_px, width, (int)l->len, l->start);
            fail();
        }
        if (starts_with_closing(l)) {
            print_error("at %d px, expected line %zu not to open with a "
                        "closing mark, got \"%.*s\"\n",
                        max_px, i + 1, (int)l->len, l->start);
            fail();
        }
        if (starts_with(l, " ") || ends_with(l, " ")) {
            print_error("at %d px, expected line %zu without edge spaces, "
                        "got \"%.*s\"\n",
                        max_px, i + 1, (int)l->len, l->start);
            fail();
        }
    }

    strip_breaks(paragraph, want, sizeof(want));
    strip_breaks(out, got, sizeof(got));
    if (strcmp(want, got) != 0) {
        print_error("at %d px, expected the same characters, got\n%s\n", max_px,
                    out);
        fail();
    }
}

static void test_every_line_of_a_paragraph_fits(void **state)
{
    (void)state;
    for (int max_px = 5; max_px <= 400; max_px += 5)
        check_paragraph_lines(max_px);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_text_is_unchanged),
        cmocka_unit_test(test_english_breaks_at_spaces_and_drops_them),
        cmocka_unit_test(test_chinese_breaks_between_any_two_han_characters),
        cmocka_unit_test(test_chinese_line_never_starts_with_a_closing_mark),
        cmocka_unit_test(test_never_breaks_right_after_an_opening_mark),
        cmocka_unit_test(test_mixed_text_keeps_latin_words_whole),
        cmocka_unit_test(test_word_longer_than_the_line_is_broken_by_force),
        cmocka_unit_test(test_width_under_one_character_puts_one_per_line),
        cmocka_unit_test(test_existing_newlines_are_kept),
        cmocka_unit_test(test_out_buffer_too_small_returns_false),
        cmocka_unit_test(test_every_line_of_a_paragraph_fits),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
