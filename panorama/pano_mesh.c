#include "pano_mesh.h"

#include <math.h>

enum {
    CORNERS = 4,
};

/* Relative slack when comparing a level's density with the screen's. */
static const double LEVEL_SLACK = 1e-9;
/* Dots this close to zero count as on the plane. */
static const double PLANE_EPS = 1e-12;

static struct pano_vec3 cross(struct pano_vec3 a, struct pano_vec3 b)
{
    return (struct pano_vec3){a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z,
                              a.x * b.y - a.y * b.x};
}

static struct pano_vec3 scaled(struct pano_vec3 v, double k)
{
    return (struct pano_vec3){v.x * k, v.y * k, v.z * k};
}

/* Inward normals of the sides of the cone spanned by four corner rays. */
static void cone_sides(const struct pano_vec3 corners[CORNERS],
                       struct pano_vec3 inside, struct pano_vec3 out[CORNERS])
{
    for (int i = 0; i < CORNERS; i++) {
        struct pano_vec3 n = cross(corners[i], corners[(i + 1) % CORNERS]);

        if (pano_vec3_dot(n, inside) < 0)
            n = scaled(n, -1);
        out[i] = pano_vec3_normalize(n);
    }
}

/* ---- the view ---- */

static struct pano_vec3 screen_ray(const struct pano_view *v, double x,
                                   double y)
{
    double dx = x - v->centre_x, dy = v->centre_y - y, f = v->focal_px;

    return pano_vec3_normalize((struct pano_vec3){
        f * v->forward.x + dx * v->right.x + dy * v->up.x,
        f * v->forward.y + dx * v->right.y + dy * v->up.y,
        f * v->forward.z + dx * v->right.z + dy * v->up.z,
    });
}

static void face_coefficients(struct pano_mesh_view *mv, enum pano_face face)
{
    const struct pano_face_axes *ax = pano_face_axes(face);
    const struct pano_vec3 basis[3] = {mv->view.right, mv->view.up,
                                       mv->view.forward};

    for (int k = 0; k < 3; k++) {
        mv->coeff[face][k][0] = pano_vec3_dot(ax->forward, basis[k]);
        mv->coeff[face][k][1] = pano_vec3_dot(ax->right, basis[k]);
        mv->coeff[face][k][2] = pano_vec3_dot(ax->down, basis[k]);
    }
}

void pano_mesh_view_init(struct pano_mesh_view *mv,
                         const struct pano_camera *camera)
{
    const struct pano_view *v = &mv->view;
    double m = PANO_MESH_VIEW_MARGIN_PX;

    pano_view_init(&mv->view, camera);
    mv->corner_angle =
        atan2(hypot(v->width_px / 2.0, v->height_px / 2.0), v->focal_px);
    mv->corners[0] = screen_ray(v, -m, -m);
    mv->corners[1] = screen_ray(v, v->width_px + m, -m);
    mv->corners[2] = screen_ray(v, v->width_px + m, v->height_px + m);
    mv->corners[3] = screen_ray(v, -m, v->height_px + m);
    cone_sides(mv->corners, v->forward, mv->sides);
    for (int f = 0; f < PANO_FACE_COUNT; f++)
        face_coefficients(mv, f);
}

/* ---- the level ---- */

double pano_mesh_level_density(const struct pano_manifest *m, int level)
{
    return m->levels[level].face_size / 2.0;
}

int pano_mesh_pick_level(const struct pano_manifest *m, double focal_px)
{
    for (int level = m->level_count - 1; level > 0; level--) {
        if (pano_mesh_level_density(m, level) >= focal_px * (1 - LEVEL_SLACK))
            return level;
    }
    return 0;
}

/* ---- culling ---- */

struct cone {
    struct pano_vec3 corners[CORNERS]; /* unit rays */
    struct pano_vec3 sides[CORNERS];   /* unit inward normals */
};

static void dot_range(struct pano_vec3 axis, const struct pano_vec3 v[CORNERS],
                      double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (int i = 0; i < CORNERS; i++) {
        double d = pano_vec3_dot(axis, v[i]);

        *lo = fmin(*lo, d);
        *hi = fmax(*hi, d);
    }
}

/* Whether some side of `a` has all of b's corners outside it. */
static bool outside_a_side(const struct cone *a, const struct cone *b)
{
    for (int i = 0; i < CORNERS; i++) {
        double lo, hi;

        dot_range(a->sides[i], b->corners, &lo, &hi);
        if (hi < 0)
            return true;
    }
    return false;
}

/* Whether a plane through one corner ray of each separates the cones. */
static bool split_by_edge_pair(const struct cone *a, const struct cone *b)
{
    for (int i = 0; i < CORNERS; i++) {
        for (int j = 0; j < CORNERS; j++) {
            struct pano_vec3 axis = cross(a->corners[i], b->corners[j]);
            double len = pano_vec3_length(axis), alo, ahi, blo, bhi;

            if (len < PLANE_EPS)
                continue;
            axis = scaled(axis, 1 / len);
            dot_range(axis, a->corners, &alo, &ahi);
            dot_range(axis, b->corners, &blo, &bhi);
            if ((ahi <= PLANE_EPS && blo >= -PLANE_EPS) ||
                (bhi <= PLANE_EPS && alo >= -PLANE_EPS))
                return true;
        }
    }
    return false;
}

static bool cones_overlap(const struct cone *a, const struct cone *b)
{
    return !outside_a_side(a, b) && !outside_a_side(b, a) &&
           !split_by_edge_pair(a, b);
}

static void view_cone(const struct pano_mesh_view *mv, struct cone *out)
{
    for (int i = 0; i < CORNERS; i++) {
        out->corners[i] = mv->corners[i];
        out->sides[i] = mv->sides[i];
    }
}

/* The cone of face points s in [s0, s1], t in [t0, t1]. */
static void face_cone(enum pano_face face, double s0, double s1, double t0,
                      double t1, struct cone *out)
{
    out->corners[0] = pano_vec3_normalize(pano_face_dir(face, s0, t0));
    out->corners[1] = pano_vec3_normalize(pano_face_dir(face, s1, t0));
    out->corners[2] = pano_vec3_normalize(pano_face_dir(face, s1, t1));
    out->corners[3] = pano_vec3_normalize(pano_face_dir(face, s0, t1));

    struct pano_vec3 centre = pano_face_dir(face, (s0 + s1) / 2, (t0 + t1) / 2);
    cone_sides(out->corners, centre, out->sides);
}

double pano_mesh_face_coord(long numerator, long denominator, int face_size)
{
    return (double)(2 * numerator - (long)face_size * denominator) /
           (double)((long)face_size * denominator);
}

static void tile_cone(const struct pano_manifest *m, struct pano_tile_id id,
                      struct cone *out)
{
    int f = m->levels[id.level].face_size;
    struct pano_rect r = pano_manifest_tile_rect(m, id.level, id.row, id.col);

    face_cone(id.face, pano_mesh_face_coord(r.x, 1, f),
              pano_mesh_face_coord(r.x + r.w, 1, f),
              pano_mesh_face_coord(r.y, 1, f),
              pano_mesh_face_coord(r.y + r.h, 1, f), out);
}

bool pano_mesh_tile_visible(const struct pano_mesh_view *mv,
                            const struct pano_manifest *m,
                            struct pano_tile_id id)
{
    struct cone view, tile;

    view_cone(mv, &view);
    tile_cone(m, id, &tile);
    return cones_overlap(&view, &tile);
}

int pano_mesh_visible_tiles(const struct pano_mesh_view *mv,
                            const struct pano_manifest *m, int level,
                            struct pano_tile_id *out, int max)
{
    int n = m->levels[level].tiles_per_side, count = 0;
    struct cone view, cone;

    view_cone(mv, &view);
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        face_cone(f, -1, 1, -1, 1, &cone);
        if (!cones_overlap(&view, &cone))
            continue;
        for (int i = 0; i < n * n; i++) {
            struct pano_tile_id id = {level, f, i / n, i % n};

            tile_cone(m, id, &cone);
            if (!cones_overlap(&view, &cone))
                continue;
            if (count < max)
                out[count] = id;
            count++;
        }
    }
    return count;
}

/* ---- tiles ---- */

struct pano_tile_id pano_mesh_ancestor(const struct pano_manifest *m,
                                       struct pano_tile_id id, int level)
{
    int shift = level - id.level;
    struct pano_rect r = pano_manifest_tile_rect(m, id.level, id.row, id.col);

    return (struct pano_tile_id){level, id.face, (r.y >> shift) / m->tile_size,
                                 (r.x >> shift) / m->tile_size};
}

void pano_mesh_texture_size(const struct pano_manifest *m,
                            struct pano_tile_id id, int *width, int *height)
{
    struct pano_rect r = pano_manifest_tile_rect(m, id.level, id.row, id.col);

    *width = r.w + 2 * m->gutter;
    *height = r.h + 2 * m->gutter;
}
