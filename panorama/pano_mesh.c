#include "pano_mesh.h"

#include <math.h>

enum {
    CORNERS = 4,
    /* Outcodes of a projected vertex, for dropping quads. */
    OUT_LEFT = 1,
    OUT_RIGHT = 2,
    OUT_TOP = 4,
    OUT_BOTTOM = 8,
    OUT_BEHIND = 16,
    OUT_SIDES = OUT_LEFT | OUT_RIGHT | OUT_TOP | OUT_BOTTOM,
};

/* Pixels the view is widened by for culling and for dropping quads. */
static const double VIEW_MARGIN_PX = 0.5;
/* Relative slack when comparing a level's density with the screen's. */
static const double LEVEL_SLACK = 1e-9;
/* Dots this close to zero count as on the plane. */
static const double PLANE_EPS = 1e-12;
/* Vertices further from the axis than the view's corner plus this many
 * quad diagonals do not belong to a visible quad. */
static const double NEAR_QUAD_DIAGONALS = 1.5;
static const double NEAR_ANGLE_MAX_DEG = 89.0;

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
    double m = VIEW_MARGIN_PX;

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

/* Face coordinate of face pixel edge `numerator / denominator`, written
 * so that the mirrored edge gives exactly the negated value. */
static double face_coord(long numerator, long denominator, int face_size)
{
    return (double)(2 * numerator - (long)face_size * denominator) /
           (double)((long)face_size * denominator);
}

static void tile_cone(const struct pano_manifest *m, struct pano_tile_id id,
                      struct cone *out)
{
    int f = m->levels[id.level].face_size;
    struct pano_rect r = pano_manifest_tile_rect(m, id.level, id.row, id.col);

    face_cone(id.face, face_coord(r.x, 1, f), face_coord(r.x + r.w, 1, f),
              face_coord(r.y, 1, f), face_coord(r.y + r.h, 1, f), out);
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

/* ---- the grid ---- */

static int gcd(int a, int b)
{
    while (b) {
        int r = a % b;

        a = b;
        b = r;
    }
    return a;
}

/*
 * The texel error of a quad of q texels is about q^2 tan(a) / (2 d).
 * Where the level is magnified (focal_px > d) the same error covers
 * focal_px / d screen pixels, so the bound tightens by that factor.
 */
int pano_mesh_grid_quads(const struct pano_mesh_view *mv,
                         const struct pano_manifest *m, int level)
{
    int face = m->levels[level].face_size;
    int step = PANO_TILE_SIZE / gcd(face, PANO_TILE_SIZE);
    double d = pano_mesh_level_density(m, level);
    double magnify = fmax(1.0, mv->view.focal_px / d);
    double tan_a = fmax(tan(mv->corner_angle), 1e-6);
    double q = sqrt(2 * d * PANO_MESH_MAX_ERROR_TEXELS / (tan_a * magnify));
    int quads = (int)ceil(PANO_TILE_SIZE / q);
    int lo = PANO_MESH_QUADS_MIN > step ? PANO_MESH_QUADS_MIN : step;
    int hi = PANO_MESH_QUADS_MAX / step * step;

    quads = (quads + step - 1) / step * step;
    if (hi < lo)
        hi = lo;
    return quads < lo ? lo : quads > hi ? hi : quads;
}

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

/* Grid lines of one tile along one axis: face coordinates and texture
 * coordinates in the source tile. */
struct grid_axis {
    int count; /* quads */
    double face[PANO_MESH_QUADS_MAX + 1];
    float tex[PANO_MESH_QUADS_MAX + 1];
};

static void grid_axis(struct grid_axis *g, int start, int length, int quads,
                      int face_size, double src_scale, int src_start,
                      int src_texture, int gutter)
{
    g->count = length * quads / PANO_TILE_SIZE;
    for (int i = 0; i <= g->count; i++) {
        long numerator = (long)start * quads + (long)i * PANO_TILE_SIZE;
        double px = (double)numerator / quads;

        g->face[i] = face_coord(numerator, quads, face_size);
        g->tex[i] =
            (float)((gutter + px * src_scale - src_start) / src_texture);
    }
}

struct projector {
    const double (*c)[3];
    double focal, cx, cy, ox, oy;
    double near_cos2;
    double width, height;
};

static int project(const struct projector *p, double s, double t,
                   struct pano_mesh_vertex *out)
{
    const double(*c)[3] = p->c;
    double ex = c[0][0] + s * c[0][1] + t * c[0][2];
    double ey = c[1][0] + s * c[1][1] + t * c[1][2];
    double ez = c[2][0] + s * c[2][1] + t * c[2][2];

    if (ez <= 0 || ez * ez < p->near_cos2 * (1 + s * s + t * t)) {
        out->x = out->y = 0;
        return OUT_BEHIND;
    }

    double x = p->cx + p->focal * ex / ez, y = p->cy - p->focal * ey / ez;
    out->x = (float)(x + p->ox);
    out->y = (float)(y + p->oy);
    return (x < -VIEW_MARGIN_PX ? OUT_LEFT : 0) |
           (x > p->width + VIEW_MARGIN_PX ? OUT_RIGHT : 0) |
           (y < -VIEW_MARGIN_PX ? OUT_TOP : 0) |
           (y > p->height + VIEW_MARGIN_PX ? OUT_BOTTOM : 0);
}

static double near_cos(const struct pano_mesh_view *mv,
                       const struct pano_manifest *m, int level, int quads)
{
    double quad_rad = (double)PANO_TILE_SIZE / quads /
                      pano_mesh_level_density(m, level) * sqrt(2.0);
    double angle = mv->corner_angle + NEAR_QUAD_DIAGONALS * quad_rad;

    return cos(fmin(angle, pano_deg_to_rad(NEAR_ANGLE_MAX_DEG)));
}

static int emit_quads(const uint8_t *codes, int nx, int ny,
                      struct pano_mesh_tile *out)
{
    int triangles = 0;

    out->index_count = 0;
    for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
            int v00 = j * (nx + 1) + i, v10 = v00 + 1;
            int v01 = v00 + nx + 1, v11 = v01 + 1;
            int any = codes[v00] | codes[v10] | codes[v01] | codes[v11];
            int all = codes[v00] & codes[v10] & codes[v01] & codes[v11];
            uint16_t *ix = out->indices + out->index_count;

            if ((any & OUT_BEHIND) || (all & OUT_SIDES))
                continue;
            ix[0] = (uint16_t)v00;
            ix[1] = (uint16_t)v10;
            ix[2] = (uint16_t)v11;
            ix[3] = (uint16_t)v00;
            ix[4] = (uint16_t)v11;
            ix[5] = (uint16_t)v01;
            out->index_count += 6;
            triangles += 2;
        }
    }
    return triangles;
}

int pano_mesh_build_tile(const struct pano_mesh_view *mv,
                         const struct pano_manifest *m, struct pano_tile_id id,
                         int quads, struct pano_tile_id src, float offset_x,
                         float offset_y, struct pano_mesh_tile *out)
{
    int face = m->levels[id.level].face_size;
    struct pano_rect r = pano_manifest_tile_rect(m, id.level, id.row, id.col);
    struct pano_rect sr =
        pano_manifest_tile_rect(m, src.level, src.row, src.col);
    double scale = 1.0 / (1 << (src.level - id.level));
    int tw, th;
    struct grid_axis gx, gy;
    uint8_t codes[PANO_MESH_TILE_VERTICES_MAX];
    const struct pano_view *v = &mv->view;
    double nc = near_cos(mv, m, id.level, quads);
    struct projector p = {
        .c = mv->coeff[id.face],
        .focal = v->focal_px,
        .cx = v->centre_x,
        .cy = v->centre_y,
        .ox = offset_x,
        .oy = offset_y,
        .near_cos2 = nc * nc,
        .width = v->width_px,
        .height = v->height_px,
    };

    pano_mesh_texture_size(m, src, &tw, &th);
    grid_axis(&gx, r.x, r.w, quads, face, scale, sr.x, tw, m->gutter);
    grid_axis(&gy, r.y, r.h, quads, face, scale, sr.y, th, m->gutter);

    out->vertex_count = 0;
    for (int j = 0; j <= gy.count; j++) {
        for (int i = 0; i <= gx.count; i++) {
            struct pano_mesh_vertex *vx = &out->vertices[out->vertex_count];

            codes[out->vertex_count] =
                (uint8_t)project(&p, gx.face[i], gy.face[j], vx);
            vx->u = gx.tex[i];
            vx->v = gy.tex[j];
            out->vertex_count++;
        }
    }
    return emit_quads(codes, gx.count, gy.count, out);
}
