/*
 * The ui toolkit's press tracking: what a finger on a button does from the
 * press to the release, frame by frame. Widgets are recorded with ui_add,
 * so no renderer is needed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "ui.h"

static const SDL_FRect BUTTON = {100, 100, 200, 88};
static const SDL_FRect OTHER = {400, 100, 200, 88};

struct fixture {
    struct theme theme;
    struct ui ui;
};

static int setup(void **state)
{
    static struct fixture fx;

    theme_init(&fx.theme, 0xC8102E, 1920, 1080);
    ui_init(&fx.ui, NULL, NULL, &fx.theme);
    *state = &fx;
    return 0;
}

/* One frame: what a screen with two buttons and a label records. */
static void frame(struct ui *ui)
{
    ui_begin(ui);
    ui_add(ui, "ok", UI_ROLE_BUTTON, "OK", BUTTON, 0);
    ui_add(ui, "other", UI_ROLE_BUTTON, "Other", OTHER, 0);
    ui_add(ui, "note", UI_ROLE_LABEL, "OK", (SDL_FRect){0, 0, 50, 20}, 0);
}

static const char *pointer(struct ui *ui, enum input_type type, int64_t id,
                           float x, float y)
{
    struct input_event ev = {.type = type, .pointer = id, .x = x, .y = y};

    return ui_pointer(ui, &ev);
}

static unsigned flags_of(const struct ui *ui, const char *id)
{
    for (int i = 0; i < ui->count; i++) {
        if (strcmp(ui->widgets[i].id, id) == 0)
            return ui->widgets[i].flags;
    }
    fail_msg("expected a widget \"%s\" in the frame, got none", id);
    return 0;
}

static void test_press_shows_pressed_on_the_next_frame(void **state)
{
    struct fixture *fx = *state;

    frame(&fx->ui);
    fx->ui.dirty = false;
    assert_null(pointer(&fx->ui, INPUT_DOWN, 1, 150, 140));
    assert_true(fx->ui.dirty);
    frame(&fx->ui);
    assert_true(flags_of(&fx->ui, "ok") & UI_PRESSED);
    assert_false(flags_of(&fx->ui, "other") & UI_PRESSED);
    pointer(&fx->ui, INPUT_UP, 1, 150, 140);
}

static void test_release_over_the_button_activates_it(void **state)
{
    struct fixture *fx = *state;
    const char *activated;

    frame(&fx->ui);
    pointer(&fx->ui, INPUT_DOWN, 1, 150, 140);
    activated = pointer(&fx->ui, INPUT_UP, 1, 160, 150);
    assert_non_null(activated);
    assert_string_equal(activated, "ok");
    frame(&fx->ui);
    assert_false(flags_of(&fx->ui, "ok") & UI_PRESSED);
}

static void test_release_elsewhere_activates_nothing(void **state)
{
    struct fixture *fx = *state;

    frame(&fx->ui);
    pointer(&fx->ui, INPUT_DOWN, 1, 150, 140);
    assert_null(pointer(&fx->ui, INPUT_UP, 1, 450, 140));
}

static void test_sliding_off_unpresses_and_back_on_presses_again(void **state)
{
    struct fixture *fx = *state;

    frame(&fx->ui);
    pointer(&fx->ui, INPUT_DOWN, 1, 150, 140);
    pointer(&fx->ui, INPUT_MOVE, 1, 150, 400);
    frame(&fx->ui);
    assert_false(flags_of(&fx->ui, "ok") & UI_PRESSED);
    pointer(&fx->ui, INPUT_MOVE, 1, 160, 130);
    frame(&fx->ui);
    assert_true(flags_of(&fx->ui, "ok") & UI_PRESSED);
    assert_string_equal(pointer(&fx->ui, INPUT_UP, 1, 160, 130), "ok");
}

static void test_second_finger_does_not_take_over_the_press(void **state)
{
    struct fixture *fx = *state;

    frame(&fx->ui);
    pointer(&fx->ui, INPUT_DOWN, 1, 150, 140);
    pointer(&fx->ui, INPUT_DOWN, 2, 450, 140);
    assert_null(pointer(&fx->ui, INPUT_UP, 2, 450, 140));
    frame(&fx->ui);
    assert_true(flags_of(&fx->ui, "ok") & UI_PRESSED);
    assert_false(flags_of(&fx->ui, "other") & UI_PRESSED);
    assert_string_equal(pointer(&fx->ui, INPUT_UP, 1, 150, 140), "ok");
}

static void test_later_widget_is_on_top(void **state)
{
    struct fixture *fx = *state;
    const struct ui_widget *hit;

    ui_begin(&fx->ui);
    ui_add(&fx->ui, "card", UI_ROLE_BUTTON, "Card", (SDL_FRect){0, 0, 600, 600},
           0);
    ui_add(&fx->ui, "book", UI_ROLE_BUTTON, "Book", BUTTON, 0);
    hit = ui_hit(&fx->ui, 150, 140);
    assert_non_null(hit);
    assert_string_equal(hit->id, "book");
    hit = ui_hit(&fx->ui, 10, 10);
    assert_non_null(hit);
    assert_string_equal(hit->id, "card");
}

static void test_labels_and_disabled_buttons_take_no_press(void **state)
{
    struct fixture *fx = *state;

    ui_begin(&fx->ui);
    ui_add(&fx->ui, "off", UI_ROLE_BUTTON, "Off", BUTTON, UI_DISABLED);
    ui_add(&fx->ui, "note", UI_ROLE_LABEL, "Note", OTHER, 0);
    assert_null(ui_hit(&fx->ui, 150, 140));
    assert_null(ui_hit(&fx->ui, 450, 140));
    pointer(&fx->ui, INPUT_DOWN, 1, 150, 140);
    assert_null(pointer(&fx->ui, INPUT_UP, 1, 150, 140));
}

static void test_find_counts_matches_by_id_or_text(void **state)
{
    struct fixture *fx = *state;
    const struct ui_widget *found = NULL;

    frame(&fx->ui);
    assert_int_equal(ui_find(&fx->ui, "other", &found), 1);
    assert_string_equal(found->id, "other");
    assert_int_equal(ui_find(&fx->ui, "Other", &found), 1);
    assert_int_equal(ui_find(&fx->ui, "OK", &found), 2);
    assert_int_equal(ui_find(&fx->ui, "missing", &found), 0);
}

static void test_cancel_forgets_the_press(void **state)
{
    struct fixture *fx = *state;

    frame(&fx->ui);
    pointer(&fx->ui, INPUT_DOWN, 1, 150, 140);
    ui_cancel_press(&fx->ui);
    frame(&fx->ui);
    assert_false(flags_of(&fx->ui, "ok") & UI_PRESSED);
    assert_null(pointer(&fx->ui, INPUT_UP, 1, 150, 140));
}

static void test_full_frame_refuses_more_widgets(void **state)
{
    struct fixture *fx = *state;

    ui_begin(&fx->ui);
    for (int i = 0; i < UI_WIDGETS_MAX; i++)
        assert_non_null(ui_add(&fx->ui, "w", UI_ROLE_LABEL, "", BUTTON, 0));
    assert_null(ui_add(&fx->ui, "extra", UI_ROLE_LABEL, "", BUTTON, 0));
    assert_int_equal(fx->ui.count, UI_WIDGETS_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_press_shows_pressed_on_the_next_frame,
                               setup),
        cmocka_unit_test_setup(test_release_over_the_button_activates_it,
                               setup),
        cmocka_unit_test_setup(test_release_elsewhere_activates_nothing, setup),
        cmocka_unit_test_setup(
            test_sliding_off_unpresses_and_back_on_presses_again, setup),
        cmocka_unit_test_setup(test_second_finger_does_not_take_over_the_press,
                               setup),
        cmocka_unit_test_setup(test_later_widget_is_on_top, setup),
        cmocka_unit_test_setup(test_labels_and_disabled_buttons_take_no_press,
                               setup),
        cmocka_unit_test_setup(test_find_counts_matches_by_id_or_text, setup),
        cmocka_unit_test_setup(test_cancel_forgets_the_press, setup),
        cmocka_unit_test_setup(test_full_frame_refuses_more_widgets, setup),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
