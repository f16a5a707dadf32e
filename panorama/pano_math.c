#include "pano_math.h"

#include <math.h>

static const struct pano_face_axes face_axes[PANO_FACE_COUNT] = {
    [PANO_FACE_RIGHT] = {{1, 0, 0}, {0, 0, -1}, {0, -1, 0}},
    [PANO_FACE_LEFT] = {{-1, 0, 0}, {0, 0, 1}, {0, -1, 0}},
    [PANO_FACE_UP] = {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}},
    [PANO_FACE_DOWN] = {{0, -1, 0}, {1, 0, 0}, {0, 0, -1}},
    [PANO_FACE_FRONT] = {{0, 0, 1}, {1, 0, 0}, {0, -1, 0}},
    [PANO_FACE_BACK] = {{0, 0, -1}, {-1, 0, 0}, {0, -1, 0}},
};

static const char *const face_names[PANO_FACE_COUNT] = {
    [PANO_FACE_RIGHT] = "right", [PANO_FACE_LEFT] = "left",
    [PANO_FACE_UP] = "up",       [PANO_FACE_DOWN] = "down",
    [PANO_FACE_FRONT] = "front", [PANO_FACE_BACK] = "back",
};

double pano_deg_to_rad(double deg)
{
    return deg * (PANO_PI / 180.0);
}

double pano_rad_to_deg(double rad)
{
    return rad * (180.0 / PANO_PI);
}

double pano_wrap_deg(double deg)
{
    double wrapped = fmod(deg + 180.0, 360.0);

    if (wrapped < 0)
        wrapped += 360.0;
    return wrapped - 180.0;
}

double pano_vec3_dot(struct pano_vec3 a, struct pano_vec3 b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}

double pano_vec3_length(struct pano_vec3 v)
{
    return sqrt(pano_vec3_dot(v, v));
}

struct pano_vec3 pano_vec3_normalize(struct pano_vec3 v)
{
    double len = pano_vec3_length(v);

    return (struct pano_vec3){v.x / len, v.y / len, v.z / len};
}

struct pano_vec3 pano_dir_from_angles(double yaw_deg, double pitch_deg)
{
    double yaw = pano_deg_to_rad(yaw_deg);
    double pitch = pano_deg_to_rad(pitch_deg);

    return (struct pano_vec3){cos(pitch) * sin(yaw), sin(pitch),
                              cos(pitch) * cos(yaw)};
}

void pano_dir_to_angles(struct pano_vec3 dir, double *yaw_deg,
                        double *pitch_deg)
{
    *yaw_deg = pano_rad_to_deg(atan2(dir.x, dir.z));
    *pitch_deg = pano_rad_to_deg(atan2(dir.y, hypot(dir.x, dir.z)));
}

void pano_equirect_from_dir(struct pano_vec3 dir, int width, int height,
                            double *x, double *y)
{
    double yaw = atan2(dir.x, dir.z);
    double pitch = atan2(dir.y, sqrt(dir.x * dir.x + dir.z * dir.z));

    *x = width * (0.5 + yaw / (2.0 * PANO_PI));
    *y = height * (0.5 - pitch / PANO_PI);
}

struct pano_vec3 pano_dir_from_equirect(double x, double y, int width,
                                        int height)
{
    double yaw_deg = (x / width - 0.5) * 360.0;
    double pitch_deg = (0.5 - y / height) * 180.0;

    return pano_dir_from_angles(yaw_deg, pitch_deg);
}

const char *pano_face_name(enum pano_face face)
{
    if ((unsigned)face >= PANO_FACE_COUNT)
        return "?";
    return face_names[face];
}

const struct pano_face_axes *pano_face_axes(enum pano_face face)
{
    return &face_axes[face];
}

struct pano_vec3 pano_face_dir(enum pano_face face, double s, double t)
{
    const struct pano_face_axes *ax = &face_axes[face];

    return (struct pano_vec3){
        ax->forward.x + s * ax->right.x + t * ax->down.x,
        ax->forward.y + s * ax->right.y + t * ax->down.y,
        ax->forward.z + s * ax->right.z + t * ax->down.z,
    };
}

static enum pano_face major_axis_face(struct pano_vec3 d)
{
    double ax = fabs(d.x), ay = fabs(d.y), az = fabs(d.z);

    if (ax >= ay && ax >= az)
        return d.x >= 0 ? PANO_FACE_RIGHT : PANO_FACE_LEFT;
    if (ay >= az)
        return d.y >= 0 ? PANO_FACE_UP : PANO_FACE_DOWN;
    return d.z >= 0 ? PANO_FACE_FRONT : PANO_FACE_BACK;
}

enum pano_face pano_face_from_dir(struct pano_vec3 dir, double *s, double *t)
{
    enum pano_face face = major_axis_face(dir);
    const struct pano_face_axes *ax = &face_axes[face];
    double depth = pano_vec3_dot(dir, ax->forward);

    *s = pano_vec3_dot(dir, ax->right) / depth;
    *t = pano_vec3_dot(dir, ax->down) / depth;
    return face;
}
