#include "viewer_motion.h"

#include <math.h>
#include <string.h>

static const double COAST_TAU_S = 0.35;      /* speed falls by 1/e each */
static const double COAST_STOP_DEG_S = 3.0;  /* slower than this stops */
static const double COAST_MAX_DEG_S = 540.0; /* a flick's top speed */
static const double ZOOM_STEP = 2.0;         /* a double tap halves the FOV */
static const double WHEEL_STEP = 0.9;        /* FOV factor per wheel notch */
static const double KEY_TURN_DEG = 5.0;
static const double KEY_ZOOM = 0.85;
static const double SPEED_WINDOW_MS = 100;   /* release speed measured over */
static const double STILL_BEFORE_UP_MS = 60; /* a pause then a lift: no coast */
static const float TAP_SLOP_PX = 18;         /* a tap moves less than this */
static const uint64_t TAP_MAX_MS = 300;      /* down to up */
static const uint64_t DOUBLE_TAP_MS = 350;   /* up to the next down */
static const float DOUBLE_TAP_SLOP_PX = 60;
static const uint64_t ZOOM_MS = 280;
static const uint64_t FRAME_MS = 16;

static void clamp_cam(struct viewer_motion *m)
{
    pano_camera_clamp(&m->cam, &m->limits);
}

/* Yaw and pitch of the ray through (x, y) seen by cam. */
static void angles_at(const struct pano_camera *cam, float x, float y,
                      double *yaw, double *pitch)
{
    struct pano_view view;

    pano_view_init(&view, cam);
    pano_dir_to_angles(pano_view_ray(&view, x, y), yaw, pitch);
}

/*
 * Turns the camera (at fov) so the grabbed direction lies exactly under
 * (x, y). With c the ray through (x, y) in camera space (right, up,
 * forward) and d the grabbed direction: the pitch p is where c, tilted by
 * p, rises as high as d (c.up cos p + c.fwd sin p = d.y), the nearer of
 * the two solutions to start's pitch; the yaw then turns the tilted c
 * onto d. A point that no pitch can bring under the finger (past a pole)
 * is held as near as the pitch allows.
 */
static void keep_under(struct viewer_motion *m, float x, float y, double fov)
{
    double f = m->start.width_px / 2.0 / tan(pano_deg_to_rad(fov) / 2);
    double cx = (x - m->start.width_px / 2.0) / f;
    double cy = -(y - m->start.height_px / 2.0) / f;
    struct pano_vec3 d =
        pano_dir_from_angles(m->grab_yaw_deg, m->grab_pitch_deg);
    double r = hypot(cy, 1.0), phi = atan2(cy, 1.0);
    double s = fmax(-1.0, fmin(1.0, d.y * sqrt(cx * cx + cy * cy + 1) / r));
    double p1 = asin(s) - phi, p2 = PANO_PI - asin(s) - phi;
    double start_p = pano_deg_to_rad(m->start.pitch_deg);
    double p = fabs(remainder(p1 - start_p, 2 * PANO_PI)) <=
                       fabs(remainder(p2 - start_p, 2 * PANO_PI))
                   ? p1
                   : p2;
    double z = -cy * sin(p) + cos(p);

    m->cam.pitch_deg = pano_rad_to_deg(remainder(p, 2 * PANO_PI));
    m->cam.yaw_deg = pano_rad_to_deg(atan2(d.x, d.z) - atan2(cx, z));
    m->cam.fov_deg = fov;
    clamp_cam(m);
}

static void grab(struct viewer_motion *m, float x, float y)
{
    m->start = m->cam;
    angles_at(&m->cam, x, y, &m->grab_yaw_deg, &m->grab_pitch_deg);
}

void viewer_motion_reset(struct viewer_motion *m, const struct pano_camera *cam,
                         const struct pano_limits *limits, uint64_t now_ms)
{
    uint64_t after_ms = m->auto_rotate_after_ms;
    double speed = m->auto_rotate_deg_per_s;

    memset(m, 0, sizeof(*m));
    m->cam = *cam;
    m->limits = *limits;
    clamp_cam(m);
    m->home_fov_deg = m->cam.fov_deg;
    m->last_input_ms = m->last_step_ms = now_ms;
    m->auto_rotate_after_ms = after_ms;
    m->auto_rotate_deg_per_s = speed;
}

void viewer_motion_set_auto_rotate(struct viewer_motion *m, uint64_t after_ms,
                                   double deg_per_s)
{
    m->auto_rotate_after_ms = after_ms;
    m->auto_rotate_deg_per_s = deg_per_s;
}

void viewer_motion_resize(struct viewer_motion *m, int width_px, int height_px)
{
    m->cam.width_px = width_px;
    m->cam.height_px = height_px;
}

static struct viewer_pointer *find(struct viewer_motion *m, int64_t id)
{
    for (int i = 0; i < VIEWER_POINTERS_MAX; i++) {
        if (m->pointers[i].down && m->pointers[i].id == id)
            return &m->pointers[i];
    }
    return NULL;
}

static int count_down(const struct viewer_motion *m)
{
    int n = 0;

    for (int i = 0; i < VIEWER_POINTERS_MAX; i++)
        n += m->pointers[i].down;
    return n;
}

static void pinch_centre(const struct viewer_motion *m, float *x, float *y,
                         float *distance)
{
    const struct viewer_pointer *a = &m->pointers[0], *b = &m->pointers[1];

    *x = (a->x + b->x) / 2;
    *y = (a->y + b->y) / 2;
    *distance = hypotf(a->x - b->x, a->y - b->y);
}

static void start_drag(struct viewer_motion *m, const struct viewer_pointer *p,
                       uint64_t now_ms)
{
    m->gesture = VIEWER_DRAG;
    grab(m, p->x, p->y);
    m->samples[0] =
        (struct viewer_sample){now_ms, m->cam.yaw_deg, m->cam.pitch_deg};
    m->sample_count = 1;
}

static void start_pinch(struct viewer_motion *m)
{
    float x, y;

    pinch_centre(m, &x, &y, &m->start_distance);
    if (m->start_distance < 1)
        m->start_distance = 1;
    m->gesture = VIEWER_PINCH;
    grab(m, x, y);
}

void viewer_motion_down(struct viewer_motion *m, int64_t pointer, float x,
                        float y, uint64_t now_ms)
{
    struct viewer_pointer *p = find(m, pointer);

    m->last_input_ms = now_ms;
    for (int i = 0; !p && i < VIEWER_POINTERS_MAX; i++) {
        if (!m->pointers[i].down)
            p = &m->pointers[i];
    }
    if (!p)
        return; /* a third finger is ignored */
    *p = (struct viewer_pointer){true, pointer, x, y};
    if (count_down(m) == 2) {
        start_pinch(m);
        return;
    }
    m->down_x = x;
    m->down_y = y;
    m->down_ms = now_ms;
    m->moved = false;
    start_drag(m, p, now_ms);
}

static void add_sample(struct viewer_motion *m, uint64_t now_ms)
{
    if (m->sample_count == VIEWER_SAMPLES) {
        memmove(m->samples, m->samples + 1,
                sizeof(m->samples[0]) * (VIEWER_SAMPLES - 1));
        m->sample_count--;
    }
    m->samples[m->sample_count++] =
        (struct viewer_sample){now_ms, m->cam.yaw_deg, m->cam.pitch_deg};
}

void viewer_motion_move(struct viewer_motion *m, int64_t pointer, float x,
                        float y, uint64_t now_ms)
{
    struct viewer_pointer *p = find(m, pointer);
    float cx, cy, distance;

    if (!p)
        return;
    m->last_input_ms = now_ms;
    p->x = x;
    p->y = y;
    if (hypotf(x - m->down_x, y - m->down_y) > TAP_SLOP_PX)
        m->moved = true;
    if (m->gesture == VIEWER_DRAG) {
        keep_under(m, x, y, m->start.fov_deg);
        add_sample(m, now_ms);
    } else if (m->gesture == VIEWER_PINCH) {
        pinch_centre(m, &cx, &cy, &distance);
        keep_under(m, cx, cy,
                   m->start.fov_deg * m->start_distance / fmaxf(distance, 1));
    }
}

static double clamp_speed(double v)
{
    return fmax(-COAST_MAX_DEG_S, fmin(COAST_MAX_DEG_S, v));
}

/* The finger's speed over its last moves; zero if it paused first. */
static void start_coast(struct viewer_motion *m, uint64_t now_ms)
{
    const struct viewer_sample *last = &m->samples[m->sample_count - 1];
    const struct viewer_sample *first = last;
    double dt_s;

    for (int i = m->sample_count - 1; i >= 0; i--) {
        if ((double)(last->ms - m->samples[i].ms) > SPEED_WINDOW_MS)
            break;
        first = &m->samples[i];
    }
    dt_s = (double)(last->ms - first->ms) / 1000.0;
    if (dt_s <= 0 || (double)(now_ms - last->ms) > STILL_BEFORE_UP_MS) {
        m->gesture = VIEWER_IDLE;
        return;
    }
    m->speed_yaw =
        clamp_speed(pano_wrap_deg(last->yaw_deg - first->yaw_deg) / dt_s);
    m->speed_pitch = clamp_speed((last->pitch_deg - first->pitch_deg) / dt_s);
    m->gesture = VIEWER_COAST;
    m->last_step_ms = now_ms;
}

static void start_zoom(struct viewer_motion *m, float x, float y,
                       uint64_t now_ms)
{
    bool zoomed_in = m->cam.fov_deg < m->home_fov_deg * 0.75;

    m->zoom_from_fov = m->cam.fov_deg;
    m->zoom_to_fov = zoomed_in ? m->home_fov_deg : m->cam.fov_deg / ZOOM_STEP;
    if (m->zoom_to_fov < m->limits.fov_min_deg)
        m->zoom_to_fov = m->limits.fov_min_deg;
    m->zoom_start_ms = now_ms;
    m->tap_x = x;
    m->tap_y = y;
    grab(m, x, y);
    m->gesture = VIEWER_ZOOM;
}

/* A tap, or the second of a double tap. */
static void tapped(struct viewer_motion *m, float x, float y, uint64_t now_ms)
{
    bool second = m->tap_ms != 0 && now_ms - m->tap_ms <= DOUBLE_TAP_MS &&
                  hypotf(x - m->tap_x, y - m->tap_y) <= DOUBLE_TAP_SLOP_PX;

    m->gesture = VIEWER_IDLE;
    if (second) {
        m->tap_ms = 0;
        start_zoom(m, x, y, now_ms);
        return;
    }
    m->tap_ms = now_ms;
    m->tap_x = x;
    m->tap_y = y;
}

void viewer_motion_up(struct viewer_motion *m, int64_t pointer, float x,
                      float y, uint64_t now_ms)
{
    struct viewer_pointer *p = find(m, pointer);
    enum viewer_gesture was = m->gesture;

    if (!p)
        return;
    m->last_input_ms = now_ms;
    viewer_motion_move(m, pointer, x, y, now_ms);
    p->down = false;
    if (was == VIEWER_PINCH) {
        /* The finger left down carries on as a drag. */
        for (int i = 0; i < VIEWER_POINTERS_MAX; i++) {
            if (m->pointers[i].down)
                start_drag(m, &m->pointers[i], now_ms);
        }
        m->moved = true;
        return;
    }
    if (was != VIEWER_DRAG)
        return;
    if (!m->moved && now_ms - m->down_ms <= TAP_MAX_MS)
        tapped(m, x, y, now_ms);
    else
        start_coast(m, now_ms);
}

static void zoom_about(struct viewer_motion *m, float x, float y, double factor,
                       uint64_t now_ms)
{
    m->last_input_ms = now_ms;
    if (m->gesture == VIEWER_DRAG || m->gesture == VIEWER_PINCH)
        return;
    m->gesture = VIEWER_IDLE;
    grab(m, x, y);
    keep_under(m, x, y, m->cam.fov_deg * factor);
}

void viewer_motion_wheel(struct viewer_motion *m, float x, float y, float dy,
                         uint64_t now_ms)
{
    zoom_about(m, x, y, pow(WHEEL_STEP, dy), now_ms);
}

bool viewer_motion_key(struct viewer_motion *m, SDL_Keycode key,
                       uint64_t now_ms)
{
    float cx = (float)m->cam.width_px / 2, cy = (float)m->cam.height_px / 2;

    switch (key) {
    case SDLK_LEFT:
    case SDLK_RIGHT:
        m->cam.yaw_deg += key == SDLK_RIGHT ? KEY_TURN_DEG : -KEY_TURN_DEG;
        break;
    case SDLK_UP:
    case SDLK_DOWN:
        m->cam.pitch_deg += key == SDLK_UP ? KEY_TURN_DEG : -KEY_TURN_DEG;
        break;
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS:
        zoom_about(m, cx, cy, KEY_ZOOM, now_ms);
        return true;
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
        zoom_about(m, cx, cy, 1 / KEY_ZOOM, now_ms);
        return true;
    default:
        return false;
    }
    m->gesture = VIEWER_IDLE;
    m->last_input_ms = now_ms;
    clamp_cam(m);
    return true;
}

static bool at_limit(double value, double lo, double hi)
{
    return value <= lo || value >= hi;
}

static bool same_angle(double a, double b)
{
    return fabs(pano_wrap_deg(a - b)) < 1e-9;
}

static bool step_coast(struct viewer_motion *m, double dt_s)
{
    double decay = exp(-dt_s / COAST_TAU_S);
    const struct pano_limits *l = &m->limits;

    /* The distance covered is the speed's integral over the step. */
    m->cam.yaw_deg += m->speed_yaw * COAST_TAU_S * (1 - decay);
    m->cam.pitch_deg += m->speed_pitch * COAST_TAU_S * (1 - decay);
    m->speed_yaw *= decay;
    m->speed_pitch *= decay;
    clamp_cam(m);
    /* A limit stops the motion against it. */
    if (at_limit(m->cam.pitch_deg, l->pitch_min_deg, l->pitch_max_deg))
        m->speed_pitch = 0;
    if (!l->yaw_full_circle && (same_angle(m->cam.yaw_deg, l->yaw_min_deg) ||
                                same_angle(m->cam.yaw_deg, l->yaw_max_deg)))
        m->speed_yaw = 0;
    if (hypot(m->speed_yaw, m->speed_pitch) < COAST_STOP_DEG_S)
        m->gesture = VIEWER_IDLE;
    return true;
}

static bool step_zoom(struct viewer_motion *m, uint64_t now_ms)
{
    double t = (double)(now_ms - m->zoom_start_ms) / ZOOM_MS;
    double ease;

    if (t >= 1) {
        t = 1;
        m->gesture = VIEWER_IDLE;
    }
    ease = 1 - (1 - t) * (1 - t) * (1 - t); /* ease out */
    keep_under(m, m->tap_x, m->tap_y,
               m->zoom_from_fov + (m->zoom_to_fov - m->zoom_from_fov) * ease);
    return true;
}

static bool auto_rotating(const struct viewer_motion *m, uint64_t now_ms)
{
    return m->auto_rotate_after_ms > 0 && m->gesture == VIEWER_IDLE &&
           count_down(m) == 0 &&
           now_ms >= m->last_input_ms + m->auto_rotate_after_ms;
}

bool viewer_motion_step(struct viewer_motion *m, uint64_t now_ms)
{
    uint64_t from_ms = m->last_step_ms;
    double dt_s = (double)(now_ms - from_ms) / 1000.0;

    m->last_step_ms = now_ms;
    if (m->gesture == VIEWER_COAST)
        return step_coast(m, dt_s);
    if (m->gesture == VIEWER_ZOOM)
        return step_zoom(m, now_ms);
    if (!auto_rotating(m, now_ms))
        return false;
    /* Turning starts at the end of the quiet spell, not at the last step. */
    if (from_ms < m->last_input_ms + m->auto_rotate_after_ms)
        from_ms = m->last_input_ms + m->auto_rotate_after_ms;
    m->cam.yaw_deg +=
        m->auto_rotate_deg_per_s * (double)(now_ms - from_ms) / 1000.0;
    clamp_cam(m);
    return true;
}

uint64_t viewer_motion_wake_ms(const struct viewer_motion *m, uint64_t now_ms)
{
    if (m->gesture == VIEWER_COAST || m->gesture == VIEWER_ZOOM)
        return now_ms + FRAME_MS;
    if (m->auto_rotate_after_ms == 0 || count_down(m) > 0 ||
        m->gesture != VIEWER_IDLE)
        return UINT64_MAX;
    if (auto_rotating(m, now_ms))
        return now_ms + FRAME_MS;
    return m->last_input_ms + m->auto_rotate_after_ms;
}

bool viewer_motion_touching(const struct viewer_motion *m)
{
    return count_down(m) > 0;
}
