/*
 * viewer_motion: how touches move the viewer's camera.
 *
 * One finger drags the panorama so the point first touched stays under the
 * finger; on release it coasts with the finger's speed and slows down
 * naturally (exponential decay). Two fingers pinch: the field of view
 * follows the fingers' distance and the point between them stays put. A
 * double tap zooms in on the tapped point (or back out when already zoomed
 * in), animated. The mouse wheel zooms about the pointer; arrow keys turn
 * and +/- zoom. After a quiet spell the camera turns slowly by itself
 * until the next touch.
 *
 * Plain state the viewer screen owns; the camera always stays inside the
 * scene's limits. Times are the app clock's milliseconds. Main thread.
 */
#ifndef VITRINE_VIEWER_MOTION_H
#define VITRINE_VIEWER_MOTION_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "pano_camera.h"

enum {
    VIEWER_POINTERS_MAX = 2,
    VIEWER_SAMPLES = 8, /* recent drag positions, for the release speed */
};

struct viewer_pointer {
    bool down;
    int64_t id;
    float x, y;
};

struct viewer_sample {
    uint64_t ms;
    double yaw_deg, pitch_deg;
};

enum viewer_gesture {
    VIEWER_IDLE,
    VIEWER_DRAG,
    VIEWER_PINCH,
    VIEWER_COAST, /* after a drag, slowing down */
    VIEWER_ZOOM,  /* a double tap's animation */
};

struct viewer_motion {
    struct pano_camera cam;
    struct pano_limits limits;
    double home_fov_deg; /* where a second double tap zooms back to */
    enum viewer_gesture gesture;
    struct viewer_pointer pointers[VIEWER_POINTERS_MAX];

    /* The camera when the gesture began, and the direction grabbed. */
    struct pano_camera start;
    double grab_yaw_deg, grab_pitch_deg;
    float start_distance; /* pinch */

    struct viewer_sample samples[VIEWER_SAMPLES];
    int sample_count;
    double speed_yaw, speed_pitch; /* deg/s while coasting */

    /* Double tap: the last tap, and the zoom it started. */
    uint64_t tap_ms;
    float tap_x, tap_y, down_x, down_y;
    uint64_t down_ms;
    bool moved;
    double zoom_from_fov, zoom_to_fov;
    uint64_t zoom_start_ms;

    uint64_t last_input_ms, last_step_ms;
    uint64_t auto_rotate_after_ms; /* 0: never */
    double auto_rotate_deg_per_s;
};

/* Starts at cam (clamped into limits), still. */
void viewer_motion_reset(struct viewer_motion *m, const struct pano_camera *cam,
                         const struct pano_limits *limits, uint64_t now_ms);

/* Auto-rotation after after_ms without input (0 turns it off). */
void viewer_motion_set_auto_rotate(struct viewer_motion *m, uint64_t after_ms,
                                   double deg_per_s);

/* The viewport changed size (window or layout). */
void viewer_motion_resize(struct viewer_motion *m, int width_px, int height_px);

void viewer_motion_down(struct viewer_motion *m, int64_t pointer, float x,
                        float y, uint64_t now_ms);
void viewer_motion_move(struct viewer_motion *m, int64_t pointer, float x,
                        float y, uint64_t now_ms);
void viewer_motion_up(struct viewer_motion *m, int64_t pointer, float x,
                      float y, uint64_t now_ms);

/* dy > 0 zooms in, about (x, y). */
void viewer_motion_wheel(struct viewer_motion *m, float x, float y, float dy,
                         uint64_t now_ms);

/* Arrows turn, + and - zoom; false for other keys. */
bool viewer_motion_key(struct viewer_motion *m, SDL_Keycode key,
                       uint64_t now_ms);

/* Advances coasting, zoom and auto-rotation to now; true if cam changed. */
bool viewer_motion_step(struct viewer_motion *m, uint64_t now_ms);

/* When the camera next moves by itself: now while animating, the start of
 * auto-rotation when still, UINT64_MAX when never. */
uint64_t viewer_motion_wake_ms(const struct viewer_motion *m, uint64_t now_ms);

/* Any finger on the panorama. */
bool viewer_motion_touching(const struct viewer_motion *m);

#endif
