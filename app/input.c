#include "input.h"

#include <string.h>

void input_init(struct input_state *state)
{
    memset(state, 0, sizeof(*state));
}

static bool from_finger(const SDL_TouchFingerEvent *f, int win_w, int win_h,
                        struct input_event *out)
{
    if (f->touchId == SDL_MOUSE_TOUCHID)
        return false;
    out->pointer = (int64_t)f->fingerId;
    out->x = f->x * (float)win_w;
    out->y = f->y * (float)win_h;
    if (f->type == SDL_FINGERDOWN)
        out->type = INPUT_DOWN;
    else if (f->type == SDL_FINGERUP)
        out->type = INPUT_UP;
    else
        out->type = INPUT_MOVE;
    return true;
}

static bool from_button(struct input_state *state,
                        const SDL_MouseButtonEvent *b, struct input_event *out)
{
    if (b->which == SDL_TOUCH_MOUSEID || b->button != SDL_BUTTON_LEFT)
        return false;
    if (b->type == SDL_MOUSEBUTTONDOWN) {
        if (state->mouse_down)
            return false;
        state->mouse_down = true;
        out->type = INPUT_DOWN;
    } else {
        if (!state->mouse_down)
            return false;
        state->mouse_down = false;
        out->type = INPUT_UP;
    }
    out->pointer = INPUT_POINTER_MOUSE;
    out->x = state->mouse_x = (float)b->x;
    out->y = state->mouse_y = (float)b->y;
    return true;
}

static bool from_motion(struct input_state *state,
                        const SDL_MouseMotionEvent *m, struct input_event *out)
{
    if (m->which == SDL_TOUCH_MOUSEID || !state->mouse_down)
        return false;
    out->type = INPUT_MOVE;
    out->pointer = INPUT_POINTER_MOUSE;
    out->x = (float)m->x;
    out->y = (float)m->y;
    return true;
}

static bool from_wheel(const struct input_state *state,
                       const SDL_MouseWheelEvent *w, struct input_event *out)
{
    if (w->which == SDL_TOUCH_MOUSEID || w->preciseY == 0.0f)
        return false;
    out->type = INPUT_WHEEL;
    out->pointer = INPUT_POINTER_MOUSE;
    out->x = state->mouse_x;
    out->y = state->mouse_y;
    out->dy =
        w->direction == SDL_MOUSEWHEEL_FLIPPED ? -w->preciseY : w->preciseY;
    return true;
}

bool input_normalize(struct input_state *state, const SDL_Event *ev, int win_w,
                     int win_h, struct input_event *out)
{
    memset(out, 0, sizeof(*out));
    switch (ev->type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
        return from_finger(&ev->tfinger, win_w, win_h, out);
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        return from_button(state, &ev->button, out);
    case SDL_MOUSEMOTION:
        if (ev->motion.which != SDL_TOUCH_MOUSEID) {
            state->mouse_x = (float)ev->motion.x;
            state->mouse_y = (float)ev->motion.y;
        }
        return from_motion(state, &ev->motion, out);
    case SDL_MOUSEWHEEL:
        return from_wheel(state, &ev->wheel, out);
    case SDL_KEYDOWN:
        out->type = INPUT_KEY;
        out->key = ev->key.keysym.sym;
        return true;
    case SDL_TEXTINPUT:
        out->type = INPUT_TEXT;
        memcpy(out->text, ev->text.text, sizeof(out->text));
        out->text[sizeof(out->text) - 1] = '\0';
        return true;
    default:
        return false;
    }
}
