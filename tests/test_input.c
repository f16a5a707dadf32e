/*
 * Tests for input: how SDL's finger, mouse and keyboard events become one
 * stream of pointer events.
 *
 * Events are built by hand; SDL is never started. Every test runs against
 * a window of WIN_W x WIN_H logical pixels.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "input.h"

enum {
    WIN_W = 1280,
    WIN_H = 800,
    FINGER_ID = 7,
    MOUSE_ID = 0, /* the first real mouse */
    TOUCH_DEVICE_ID = 3,
};

static const char *type_name(enum input_type type)
{
    static const char *const names[] = {"DOWN",  "MOVE", "UP",
                                        "WHEEL", "KEY",  "TEXT"};

    if ((unsigned)type < sizeof(names) / sizeof(names[0]))
        return names[type];
    return "?";
}

#define expect_event(ok, ev, type, pointer, x, y)                              \
    check_event((ok), (ev), (type), (pointer), (x), (y), __FILE__, __LINE__)

/* Fails with "expected X, got Y" unless ev is the pointer event asked for. */
static void check_event(bool ok, const struct input_event *ev,
                        enum input_type type, int64_t pointer, float x, float y,
                        const char *file, int line)
{
    const float tolerance_px = 0.01f;

    if (!ok) {
        print_error("expected a %s event, got the event dropped\n",
                    type_name(type));
        _fail(file, line);
    }
    if (ev->type != type || ev->pointer != pointer) {
        print_error("expected %s of pointer %lld, got %s of pointer %lld\n",
                    type_name(type), (long long)pointer, type_name(ev->type),
                    (long long)ev->pointer);
        _fail(file, line);
    }
    if (ev->x < x - tolerance_px || ev->x > x + tolerance_px ||
        ev->y < y - tolerance_px || ev->y > y + tolerance_px) {
        print_error("expected (%.2f, %.2f), got (%.2f, %.2f)\n", (double)x,
                    (double)y, (double)ev->x, (double)ev->y);
        _fail(file, line);
    }
}

#define expect_dropped(ok, ev) check_dropped((ok), (ev), __FILE__, __LINE__)

static void check_dropped(bool ok, const struct input_event *ev,
                          const char *file, int line)
{
    if (!ok)
        return;
    print_error("expected the event dropped, got %s of pointer %lld\n",
                type_name(ev->type), (long long)ev->pointer);
    _fail(file, line);
}

static SDL_Event finger(Uint32 type, SDL_TouchID touch, float x, float y)
{
    SDL_Event ev;

    memset(&ev, 0, sizeof(ev));
    ev.tfinger.type = type;
    ev.tfinger.touchId = touch;
    ev.tfinger.fingerId = FINGER_ID;
    ev.tfinger.x = x;
    ev.tfinger.y = y;
    ev.tfinger.pressure = 1.0f;
    return ev;
}

static SDL_Event button(Uint32 type, Uint32 which, Uint8 which_button, int x,
                        int y)
{
    SDL_Event ev;

    memset(&ev, 0, sizeof(ev));
    ev.button.type = type;
    ev.button.which = which;
    ev.button.button = which_button;
    ev.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    ev.button.clicks = 1;
    ev.button.x = x;
    ev.button.y = y;
    return ev;
}

static SDL_Event motion(Uint32 which, int x, int y)
{
    SDL_Event ev;

    memset(&ev, 0, sizeof(ev));
    ev.motion.type = SDL_MOUSEMOTION;
    ev.motion.which = which;
    ev.motion.x = x;
    ev.motion.y = y;
    return ev;
}

static SDL_Event wheel(int y, Uint32 direction)
{
    SDL_Event ev;

    memset(&ev, 0, sizeof(ev));
    ev.wheel.type = SDL_MOUSEWHEEL;
    ev.wheel.which = MOUSE_ID;
    ev.wheel.y = y;
    ev.wheel.preciseY = (float)y;
    ev.wheel.direction = direction;
    return ev;
}

static bool feed(struct input_state *st, SDL_Event ev, struct input_event *out)
{
    return input_normalize(st, &ev, WIN_W, WIN_H, out);
}

static void test_finger_down_move_up_scale_to_the_window(void **state)
{
    struct input_state st;
    struct input_event ev;
    bool ok;

    (void)state;
    input_init(&st);

    ok = feed(&st, finger(SDL_FINGERDOWN, TOUCH_DEVICE_ID, 0.25f, 0.5f), &ev);
    expect_event(ok, &ev, INPUT_DOWN, FINGER_ID, 320, 400);

    ok = feed(&st, finger(SDL_FINGERMOTION, TOUCH_DEVICE_ID, 0.5f, 0.75f), &ev);
    expect_event(ok, &ev, INPUT_MOVE, FINGER_ID, 640, 600);

    ok = feed(&st, finger(SDL_FINGERUP, TOUCH_DEVICE_ID, 1.0f, 0.0f), &ev);
    expect_event(ok, &ev, INPUT_UP, FINGER_ID, WIN_W, 0);
}

static void test_finger_made_from_the_mouse_is_dropped(void **state)
{
    struct input_state st;
    struct input_event ev;

    (void)state;
    input_init(&st);

    expect_dropped(
        feed(&st, finger(SDL_FINGERDOWN, SDL_MOUSE_TOUCHID, 0.5f, 0.5f), &ev),
        &ev);
    expect_dropped(
        feed(&st, finger(SDL_FINGERMOTION, SDL_MOUSE_TOUCHID, 0.6f, 0.5f), &ev),
        &ev);
    expect_dropped(
        feed(&st, finger(SDL_FINGERUP, SDL_MOUSE_TOUCHID, 0.6f, 0.5f), &ev),
        &ev);
}

static void test_mouse_made_from_a_touch_is_dropped(void **state)
{
    struct input_state st;
    struct input_event ev;

    (void)state;
    input_init(&st);

    expect_dropped(feed(&st,
                        button(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID,
                               SDL_BUTTON_LEFT, 10, 10),
                        &ev),
                   &ev);
    expect_dropped(feed(&st, motion(SDL_TOUCH_MOUSEID, 20, 10), &ev), &ev);
    expect_dropped(feed(&st,
                        button(SDL_MOUSEBUTTONUP, SDL_TOUCH_MOUSEID,
                               SDL_BUTTON_LEFT, 20, 10),
                        &ev),
                   &ev);
}

/* SDL sends the finger events and then a synthetic click for one tap. */
static void
test_tap_with_its_synthetic_click_is_one_down_and_one_up(void **state)
{
    const SDL_Event tap[] = {
        finger(SDL_FINGERDOWN, TOUCH_DEVICE_ID, 0.5f, 0.5f),
        motion(SDL_TOUCH_MOUSEID, 640, 400),
        button(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 640,
               400),
        finger(SDL_FINGERUP, TOUCH_DEVICE_ID, 0.5f, 0.5f),
        button(SDL_MOUSEBUTTONUP, SDL_TOUCH_MOUSEID, SDL_BUTTON_LEFT, 640, 400),
    };
    struct input_state st;
    struct input_event ev;
    int downs = 0, ups = 0, others = 0;

    (void)state;
    input_init(&st);

    for (size_t i = 0; i < sizeof(tap) / sizeof(tap[0]); i++) {
        if (!feed(&st, tap[i], &ev))
            continue;
        if (ev.type == INPUT_DOWN)
            downs++;
        else if (ev.type == INPUT_UP)
            ups++;
        else
            others++;
    }

    if (downs != 1 || ups != 1 || others != 0) {
        print_error("expected 1 DOWN, 1 UP and nothing else, "
                    "got %d DOWN, %d UP and %d other\n",
                    downs, ups, others);
        fail();
    }
}

static void test_left_button_is_a_mouse_pointer(void **state)
{
    struct input_state st;
    struct input_event ev;
    bool ok;

    (void)state;
    input_init(&st);

    ok = feed(&st,
              button(SDL_MOUSEBUTTONDOWN, MOUSE_ID, SDL_BUTTON_LEFT, 100, 200),
              &ev);
    expect_event(ok, &ev, INPUT_DOWN, INPUT_POINTER_MOUSE, 100, 200);

    ok = feed(&st,
              button(SDL_MOUSEBUTTONUP, MOUSE_ID, SDL_BUTTON_LEFT, 110, 210),
              &ev);
    expect_event(ok, &ev, INPUT_UP, INPUT_POINTER_MOUSE, 110, 210);
}

static void test_right_button_is_ignored(void **state)
{
    struct input_state st;
    struct input_event ev;

    (void)state;
    input_init(&st);

    expect_dropped(
        feed(&st,
             button(SDL_MOUSEBUTTONDOWN, MOUSE_ID, SDL_BUTTON_RIGHT, 100, 200),
             &ev),
        &ev);
    expect_dropped(
        feed(&st,
             button(SDL_MOUSEBUTTONUP, MOUSE_ID, SDL_BUTTON_RIGHT, 100, 200),
             &ev),
        &ev);
    /* Nor does it count as holding the mouse down. */
    expect_dropped(feed(&st, motion(MOUSE_ID, 120, 200), &ev), &ev);
}

static void test_second_left_down_without_an_up_is_ignored(void **state)
{
    struct input_state st;
    struct input_event ev;
    bool ok;

    (void)state;
    input_init(&st);

    ok = feed(&st,
              button(SDL_MOUSEBUTTONDOWN, MOUSE_ID, SDL_BUTTON_LEFT, 100, 200),
              &ev);
    expect_event(ok, &ev, INPUT_DOWN, INPUT_POINTER_MOUSE, 100, 200);

    expect_dropped(
        feed(&st,
             button(SDL_MOUSEBUTTONDOWN, MOUSE_ID, SDL_BUTTON_LEFT, 150, 250),
             &ev),
        &ev);

    ok = feed(&st,
              button(SDL_MOUSEBUTTONUP, MOUSE_ID, SDL_BUTTON_LEFT, 150, 250),
              &ev);
    expect_event(ok, &ev, INPUT_UP, INPUT_POINTER_MOUSE, 150, 250);
}

static void test_left_up_without_a_down_is_ignored(void **state)
{
    struct input_state st;
    struct input_event ev;

    (void)state;
    input_init(&st);

    expect_dropped(
        feed(&st,
             button(SDL_MOUSEBUTTONUP, MOUSE_ID, SDL_BUTTON_LEFT, 100, 200),
             &ev),
        &ev);
}

static void test_mouse_motion_counts_only_while_left_is_held(void **state)
{
    struct input_state st;
    struct input_event ev;
    bool ok;

    (void)state;
    input_init(&st);

    expect_dropped(feed(&st, motion(MOUSE_ID, 50, 60), &ev), &ev);

    feed(&st, button(SDL_MOUSEBUTTONDOWN, MOUSE_ID, SDL_BUTTON_LEFT, 50, 60),
         &ev);
    ok = feed(&st, motion(MOUSE_ID, 70, 80), &ev);
    expect_event(ok, &ev, INPUT_MOVE, INPUT_POINTER_MOUSE, 70, 80);

    feed(&st, button(SDL_MOUSEBUTTONUP, MOUSE_ID, SDL_BUTTON_LEFT, 70, 80),
         &ev);
    expect_dropped(feed(&st, motion(MOUSE_ID, 90, 100), &ev), &ev);
}

static void test_wheel_reports_dy_at_the_last_mouse_position(void **state)
{
    struct input_state st;
    struct input_event ev;
    bool ok;

    (void)state;
    input_init(&st);
    feed(&st, motion(MOUSE_ID, 300, 400), &ev);

    ok = feed(&st, wheel(2, SDL_MOUSEWHEEL_NORMAL), &ev);
    expect_event(ok, &ev, INPUT_WHEEL, INPUT_POINTER_MOUSE, 300, 400);
    if (ev.dy != 2.0f) {
        print_error("expected dy 2, got %g\n", (double)ev.dy);
        fail();
    }

    ok = feed(&st, wheel(-1, SDL_MOUSEWHEEL_NORMAL), &ev);
    expect_event(ok, &ev, INPUT_WHEEL, INPUT_POINTER_MOUSE, 300, 400);
    if (ev.dy != -1.0f) {
        print_error("expected dy -1, got %g\n", (double)ev.dy);
        fail();
    }
}

/* "Natural" scrolling: SDL reports the flipped delta and says so. */
static void test_flipped_wheel_is_turned_back(void **state)
{
    struct input_state st;
    struct input_event ev;
    bool ok;

    (void)state;
    input_init(&st);
    feed(&st, motion(MOUSE_ID, 10, 20), &ev);

    ok = feed(&st, wheel(-3, SDL_MOUSEWHEEL_FLIPPED), &ev);
    expect_event(ok, &ev, INPUT_WHEEL, INPUT_POINTER_MOUSE, 10, 20);
    if (ev.dy != 3.0f) {
        print_error("expected dy 3, got %g\n", (double)ev.dy);
        fail();
    }
}

static void test_key_down_gives_the_keycode(void **state)
{
    struct input_state st;
    struct input_event ev;
    SDL_Event key;

    (void)state;
    input_init(&st);
    memset(&key, 0, sizeof(key));
    key.key.type = SDL_KEYDOWN;
    key.key.state = SDL_PRESSED;
    key.key.keysym.scancode = SDL_SCANCODE_ESCAPE;
    key.key.keysym.sym = SDLK_ESCAPE;

    if (!feed(&st, key, &ev) || ev.type != INPUT_KEY) {
        print_error("expected a KEY event, got %s\n", type_name(ev.type));
        fail();
    }
    if (ev.key != SDLK_ESCAPE) {
        print_error("expected key %d, got %d\n", (int)SDLK_ESCAPE, (int)ev.key);
        fail();
    }
}

static void test_text_input_gives_the_text(void **state)
{
    struct input_state st;
    struct input_event ev;
    SDL_Event text;

    (void)state;
    input_init(&st);
    memset(&text, 0, sizeof(text));
    text.text.type = SDL_TEXTINPUT;
    snprintf(text.text.text, sizeof(text.text.text), "%s", "试驾");

    if (!feed(&st, text, &ev) || ev.type != INPUT_TEXT) {
        print_error("expected a TEXT event, got %s\n", type_name(ev.type));
        fail();
    }
    if (strcmp(ev.text, "试驾") != 0) {
        print_error("expected text \"试驾\", got \"%s\"\n", ev.text);
        fail();
    }
}

static void test_window_event_is_not_input(void **state)
{
    struct input_state st;
    struct input_event ev;
    SDL_Event window;

    (void)state;
    input_init(&st);
    memset(&window, 0, sizeof(window));
    window.window.type = SDL_WINDOWEVENT;
    window.window.event = SDL_WINDOWEVENT_RESIZED;
    window.window.data1 = 800;
    window.window.data2 = 600;

    expect_dropped(feed(&st, window, &ev), &ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finger_down_move_up_scale_to_the_window),
        cmocka_unit_test(test_finger_made_from_the_mouse_is_dropped),
        cmocka_unit_test(test_mouse_made_from_a_touch_is_dropped),
        cmocka_unit_test(
            test_tap_with_its_synthetic_click_is_one_down_and_one_up),
        cmocka_unit_test(test_left_button_is_a_mouse_pointer),
        cmocka_unit_test(test_right_button_is_ignored),
        cmocka_unit_test(test_second_left_down_without_an_up_is_ignored),
        cmocka_unit_test(test_left_up_without_a_down_is_ignored),
        cmocka_unit_test(test_mouse_motion_counts_only_while_left_is_held),
        cmocka_unit_test(test_wheel_reports_dy_at_the_last_mouse_position),
        cmocka_unit_test(test_flipped_wheel_is_turned_back),
        cmocka_unit_test(test_key_down_gives_the_keycode),
        cmocka_unit_test(test_text_input_gives_the_text),
        cmocka_unit_test(test_window_event_is_not_input),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
