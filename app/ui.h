/*
 * ui: the immediate-mode widget toolkit every screen draws with.
 *
 * Each frame a screen draws its widgets through these calls, and each call
 * also records the widget (id, role, text as shown, bounds, state) in the
 * frame's list. That list is what the visitor sees, so it is what input is
 * hit-tested against, what "tap-on" searches and what "dump-ui" writes.
 * Later widgets lie on top of earlier ones.
 *
 * A press is tracked by widget id across frames: the pressed widget draws
 * pressed on the next frame, and a release over the same widget activates
 * it. Only one pointer presses at a time; other fingers are left to the
 * screen (a pinch in the viewer). Main thread only.
 */
#ifndef VITRINE_UI_H
#define VITRINE_UI_H

#include <SDL.h>
#include <stdbool.h>

#include "input.h"
#include "text_cache.h"
#include "theme.h"

enum {
    UI_ID_MAX = 64,
    UI_TEXT_MAX = 512,
    UI_WIDGETS_MAX = 128,
};

enum ui_role {
    UI_ROLE_BUTTON,
    UI_ROLE_LABEL,
    UI_ROLE_IMAGE,
    UI_ROLE_TEXT_FIELD,
    UI_ROLE_CHECKBOX,
    UI_ROLE_QR_CODE,
    UI_ROLE_PANORAMA,
};

enum ui_flag {
    UI_PRESSED = 1u << 0,
    UI_DISABLED = 1u << 1,
    UI_CHECKED = 1u << 2,
};

struct ui_widget {
    char id[UI_ID_MAX];
    enum ui_role role;
    char text[UI_TEXT_MAX];
    SDL_FRect bounds;
    unsigned flags;
};

enum ui_button_style {
    UI_BUTTON_PRIMARY,   /* accent fill: the one main action */
    UI_BUTTON_SECONDARY, /* surface fill with an outline */
    UI_BUTTON_GHOST,     /* text only until pressed */
    UI_BUTTON_SCRIM,     /* translucent dark, over photos */
};

enum ui_align {
    UI_ALIGN_START,
    UI_ALIGN_CENTER,
    UI_ALIGN_END,
};

struct ui_text_style {
    enum text_weight weight;
    int size_px;
    SDL_Color colour;
    enum ui_align h_align, v_align;
    bool wrap; /* wrap at the box's width */
};

struct ui {
    SDL_Renderer *renderer;
    struct text_cache *text;
    const struct theme *theme;

    struct ui_widget widgets[UI_WIDGETS_MAX];
    int count;

    char pressed_id[UI_ID_MAX]; /* "" when nothing is pressed */
    int64_t pressed_pointer;
    bool pressed_inside;
    char activated_id[UI_ID_MAX];
    bool dirty; /* press state changed: the screen needs a new frame */
};

void ui_init(struct ui *ui, SDL_Renderer *renderer, struct text_cache *text,
             const struct theme *theme);

/* Starts a frame's widget list. */
void ui_begin(struct ui *ui);

/*
 * Records a widget drawn by the screen itself; returns it so the caller
 * can see UI_PRESSED. NULL when the frame's list is full (logged).
 */
struct ui_widget *ui_add(struct ui *ui, const char *id, enum ui_role role,
                         const char *text, SDL_FRect bounds, unsigned flags);

/* Draws text in box and returns the rect it covered. id NULL: not listed. */
SDL_FRect ui_text(struct ui *ui, const char *id, const char *text,
                  SDL_FRect box, const struct ui_text_style *style);

/* Width and height the text would take, without drawing. */
SDL_FPoint ui_text_size(struct ui *ui, const char *text,
                        const struct ui_text_style *style, float wrap_w);

/* A pill-shaped button with a centred label. */
void ui_button(struct ui *ui, const char *id, const char *label,
               SDL_FRect bounds, enum ui_button_style style, unsigned flags);

/* The width a button needs for its label at the theme's button size. */
float ui_button_width(struct ui *ui, const char *label);

bool ui_is_pressed(const struct ui *ui, const char *id);

/*
 * Feeds one pointer event. Returns the id of the widget it activated (a
 * release over the widget the press began on), valid until the next call,
 * or NULL.
 */
const char *ui_pointer(struct ui *ui, const struct input_event *ev);

/* Forgets the press in progress (on a screen change). */
void ui_cancel_press(struct ui *ui);

/* Topmost enabled button-like widget under (x, y) or NULL. */
const struct ui_widget *ui_hit(const struct ui *ui, float x, float y);

/*
 * Widgets whose id or text equals key. Returns how many matched, and the
 * first match in *out when there is at least one.
 */
int ui_find(const struct ui *ui, const char *key, const struct ui_widget **out);

const char *ui_role_name(enum ui_role role);

#endif
