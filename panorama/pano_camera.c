#include "pano_camera.h"

#include <math.h>

enum {
    DEFAULT_FOV_MIN_DEG = 30,
    DEFAULT_FOV_MAX_DEG = 100,
};

/* Directions this close to the camera plane do not project. */
static const double PROJECT_MIN_DEPTH = 1e-9;

void pano_limits_default(struct pano_limits *limits)
{
    *limits = (struct pano_limits){
        .yaw_full_circle = true,
        .yaw_min_deg = -180,
        .yaw_max_deg = 180,
        .pitch_min_deg = -90,
        .pitch_max_deg = 90,
        .fov_min_deg = DEFAULT_FOV_MIN_DEG,
        .fov_max_deg = DEFAULT_FOV_MAX_DEG,
    };
}

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static double clamp_yaw_to_range(double yaw_deg,
                                 const struct pano_limits *limits)
{
    double mid = 0.5 * (limits->yaw_min_deg + limits->yaw_max_deg);
    double near_mid = mid + pano_wrap_deg(yaw_deg - mid);

    return pano_wrap_deg(
        clamp(near_mid, limits->yaw_min_deg, limits->yaw_max_deg));
}

void pano_camera_clamp(struct pano_camera *camera,
                       const struct pano_limits *limits)
{
    if (limits->yaw_full_circle)
        camera->yaw_deg = pano_wrap_deg(camera->yaw_deg);
    else
        camera->yaw_deg = clamp_yaw_to_range(camera->yaw_deg, limits);

    camera->pitch_deg =
        clamp(camera->pitch_deg, limits->pitch_min_deg, limits->pitch_max_deg);
    camera->fov_deg =
        clamp(camera->fov_deg, limits->fov_min_deg, limits->fov_max_deg);
}

static double focal_px(const struct pano_camera *camera)
{
    double half_fov = pano_deg_to_rad(camera->fov_deg) / 2;

    return camera->width_px / 2.0 / tan(half_fov);
}

double pano_camera_vfov_deg(const struct pano_camera *camera)
{
    double half_height = camera->height_px / 2.0;

    return pano_rad_to_deg(2 * atan(half_height / focal_px(camera)));
}

void pano_view_init(struct pano_view *view, const struct pano_camera *camera)
{
    double yaw = pano_deg_to_rad(camera->yaw_deg);
    double pitch = pano_deg_to_rad(camera->pitch_deg);
    double sy = sin(yaw), cy = cos(yaw), sp = sin(pitch), cp = cos(pitch);

    view->forward = (struct pano_vec3){cp * sy, sp, cp * cy};
    view->right = (struct pano_vec3){cy, 0, -sy};
    view->up = (struct pano_vec3){-sp * sy, cp, -sp * cy};
    view->focal_px = focal_px(camera);
    view->centre_x = camera->width_px / 2.0;
    view->centre_y = camera->height_px / 2.0;
    view->width_px = camera->width_px;
    view->height_px = camera->height_px;
}

struct pano_vec3 pano_view_ray(const struct pano_view *view, double x, double y)
{
    double f = view->focal_px;
    double dx = x - view->centre_x;
    double dy = view->centre_y - y;
    struct pano_vec3 d = {
        f * view->forward.x + dx * view->right.x + dy * view->up.x,
        f * view->forward.y + dx * view->right.y + dy * view->up.y,
        f * view->forward.z + dx * view->right.z + dy * view->up.z,
    };

    return pano_vec3_normalize(d);
}

bool pano_view_project(const struct pano_view *view, struct pano_vec3 dir,
                       double *x, double *y)
{
    double depth = pano_vec3_dot(dir, view->forward);

    if (depth < PROJECT_MIN_DEPTH * pano_vec3_length(dir))
        return false;

    double scale = view->focal_px / depth;
    *x = view->centre_x + scale * pano_vec3_dot(dir, view->right);
    *y = view->centre_y - scale * pano_vec3_dot(dir, view->up);
    return true;
}
