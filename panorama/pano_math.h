/*
 * pano_math: directions, the equirectangular mapping and the cube faces.
 *
 * World axes: x right, y up, z forward. Yaw 0 looks forward (+z) and grows
 * to the right (clockwise seen from above: yaw 90 looks along +x); pitch
 * grows upward (pitch 90 looks along +y). Angles are in degrees.
 *
 * Equirectangular images of W x H pixels use the convention of the sample
 * panoramas (samples/SOURCES.md); the continuous coordinates are
 *     x = W/2 + yaw * W/360,  y = H/2 - pitch * H/180
 * so column c covers [c, c+1) and its centre c + 0.5 looks along
 * yaw = (c + 0.5) * 360/W - 180. The left and right edges look back.
 *
 * Cube faces are seen from inside, upright and unmirrored. A face point is
 * (s, t) in [-1, 1]: s grows to the right of the face image, t grows down.
 * Its direction is forward + s * right + t * down, with:
 *
 *   face   forward   right   down    (looking at it from the centre)
 *   +X     +x        -z      -y      right side; its right is the back
 *   -X     -x        +z      -y      left side; its right is the front
 *   +Y     +y        +x      +z      up; image top towards the back
 *   -Y     -y        +x      -z      down; image top towards the front
 *   +Z     +z        +x      -y      front
 *   -Z     -z        -x      -y      back
 *
 * A face image of F pixels maps pixel column i to s = 2 (i + 0.5) / F - 1.
 *
 * Pure functions; any thread.
 */
#ifndef VITRINE_PANO_MATH_H
#define VITRINE_PANO_MATH_H

#define PANO_PI 3.14159265358979323846

struct pano_vec3 {
    double x, y, z;
};

/* Order and names are part of the bake format (tile file names). */
enum pano_face {
    PANO_FACE_RIGHT, /* +X */
    PANO_FACE_LEFT,  /* -X */
    PANO_FACE_UP,    /* +Y */
    PANO_FACE_DOWN,  /* -Y */
    PANO_FACE_FRONT, /* +Z */
    PANO_FACE_BACK,  /* -Z */
    PANO_FACE_COUNT,
};

struct pano_face_axes {
    struct pano_vec3 forward, right, down;
};

double pano_deg_to_rad(double deg);
double pano_rad_to_deg(double rad);

/* Wraps an angle into [-180, 180). */
double pano_wrap_deg(double deg);

double pano_vec3_dot(struct pano_vec3 a, struct pano_vec3 b);
double pano_vec3_length(struct pano_vec3 v);
struct pano_vec3 pano_vec3_normalize(struct pano_vec3 v);

/* Unit direction for a yaw and pitch. */
struct pano_vec3 pano_dir_from_angles(double yaw_deg, double pitch_deg);

/* Yaw in [-180, 180] and pitch in [-90, 90] of any non-zero vector. */
void pano_dir_to_angles(struct pano_vec3 dir, double *yaw_deg,
                        double *pitch_deg);

/* Continuous equirect coordinates (see above) of a non-zero direction. */
void pano_equirect_from_dir(struct pano_vec3 dir, int width, int height,
                            double *x, double *y);
struct pano_vec3 pano_dir_from_equirect(double x, double y, int width,
                                        int height);

/* "right", "left", "up", "down", "front", "back". */
const char *pano_face_name(enum pano_face face);

const struct pano_face_axes *pano_face_axes(enum pano_face face);

/* Direction (not normalized) through face point (s, t). */
struct pano_vec3 pano_face_dir(enum pano_face face, double s, double t);

/* The face a non-zero direction goes through and the point on it. */
enum pano_face pano_face_from_dir(struct pano_vec3 dir, double *s, double *t);

#endif
