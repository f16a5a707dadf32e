/*
 * pano_camera: where the visitor looks, and the pinhole projection.
 *
 * A camera is a yaw, a pitch and a horizontal field of view (degrees) over
 * a viewport in pixels; there is no roll. Limits come from the scene:
 * either a full circle of yaw or a range, a pitch range and a FOV range.
 * Clamping keeps the centre of the view inside the limits (the edges of a
 * wide view may look past them).
 *
 * A pano_view is the camera turned into a basis and a focal length, made
 * once per frame and then used for every ray and every projected vertex.
 * Screen coordinates are continuous: pixel (i, j) covers [i, i+1) x
 * [j, j+1) and its centre is (i + 0.5, j + 0.5); y grows down.
 *
 * Plain values; any thread.
 */
#ifndef VITRINE_PANO_CAMERA_H
#define VITRINE_PANO_CAMERA_H

#include <stdbool.h>

#include "pano_math.h"

struct pano_limits {
    bool yaw_full_circle;
    /* Used when not a full circle; min <= max, may extend past +-180 to
     * cross the seam (for example 150 .. 210). */
    double yaw_min_deg, yaw_max_deg;
    double pitch_min_deg, pitch_max_deg;
    double fov_min_deg, fov_max_deg;
};

struct pano_camera {
    double yaw_deg;
    double pitch_deg;
    double fov_deg; /* horizontal */
    int width_px, height_px;
};

struct pano_view {
    struct pano_vec3 forward, right, up;
    double focal_px;
    double centre_x, centre_y;
    int width_px, height_px;
};

/* Full circle, pitch -90 .. 90, FOV 30 .. 100. */
void pano_limits_default(struct pano_limits *limits);

/* Wraps yaw into [-180, 180) (or clamps it into a range, the way across
 * the seam that is shorter), clamps pitch and FOV. */
void pano_camera_clamp(struct pano_camera *camera,
                       const struct pano_limits *limits);

double pano_camera_vfov_deg(const struct pano_camera *camera);

void pano_view_init(struct pano_view *view, const struct pano_camera *camera);

/* Unit direction through screen point (x, y). */
struct pano_vec3 pano_view_ray(const struct pano_view *view, double x,
                               double y);

/* Screen point of a direction; false (and nothing written) when the
 * direction is not in front of the camera. */
bool pano_view_project(const struct pano_view *view, struct pano_vec3 dir,
                       double *x, double *y);

#endif
