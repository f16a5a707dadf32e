/*
 * input: turns SDL's touch, mouse and keyboard events into one stream of
 * pointer events in window logical pixels.
 *
 * A finger and the mouse are both "pointers"; fingers keep their SDL ids,
 * the mouse is INPUT_POINTER_MOUSE. Events SDL synthesized from the other
 * kind (a mouse click made from a touch, a touch made from a click) are
 * dropped, so one tap is never handled twice, and mouse motion counts only
 * while the left button is held (a kiosk has no hover). Main thread.
 */
#ifndef VITRINE_INPUT_H
#define VITRINE_INPUT_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#define INPUT_POINTER_MOUSE (-1)

enum input_type {
    INPUT_DOWN,
    INPUT_MOVE,
    INPUT_UP,
    INPUT_WHEEL, /* mouse wheel: dy > 0 scrolls up / zooms in */
    INPUT_KEY,   /* key pressed */
    INPUT_TEXT,  /* committed text from a keyboard or IME */
};

struct input_event {
    enum input_type type;
    int64_t pointer;
    float x, y; /* logical pixels */
    float dy;   /* INPUT_WHEEL */
    SDL_Keycode key;
    char text[SDL_TEXTINPUTEVENT_TEXT_SIZE];
};

struct input_state {
    bool mouse_down;
    float mouse_x, mouse_y;
};

void input_init(struct input_state *state);

/*
 * Fills out and returns true when ev is input the UI should see. win_w and
 * win_h are the window's logical size (touch coordinates arrive as 0..1).
 */
bool input_normalize(struct input_state *state, const SDL_Event *ev, int win_w,
                     int win_h, struct input_event *out);

#endif
