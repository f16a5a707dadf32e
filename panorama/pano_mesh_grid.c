/*
 * The grid half of pano_mesh (see pano_mesh.h, "Grid"): each tile's grid
 * size from its measured affine error, the edges shared with finer
 * neighbours, and the vertices and triangles of one tile.
 */
#include "pano_mesh.h"

#include <math.h>
#include <string.h>

enum {
    /* Quads per 512 px of the grid a tile's error is measured on. */
    PANO_MESH_TRIAL_QUADS = 8,
    /* Outcodes of a projected vertex, for dropping quads. */
    OUT_LEFT = 1,
    OUT_RIGHT = 2,
    OUT_TOP = 4,
    OUT_BOTTOM = 8,
    OUT_BEHIND = 16,
    OUT_SIDES = OUT_LEFT | OUT_RIGHT | OUT_TOP | OUT_BOTTOM,
};

/* Vertices further from the axis than the view's corner plus this many
 * quad diagonals do not belong to a visible quad. */
static const double NEAR_QUAD_DIAGONALS = 1.5;
static const double NEAR_ANGLE_MAX_DEG = 89.0;

static int gcd(int a, int b)
{
    while (b) {
        int r = a % b;

        a = b;
        b = r;
    }
    return a;
}

/* Grids of a level are multiples of this many quads per 512 px, so that
 * their lines fall on whole face pixels of every tile and, mirrored, of
 * the next face. A power of two. */
static int level_step(const struct pano_manifest *m, int level)
{
    return PANO_TILE_SIZE / gcd(m->levels[level].face_size, PANO_TILE_SIZE);
}

/* The smallest allowed grid of at least `wanted` quads per 512 px. */
static int grid_at_least(double wanted, int step)
{
    int q = PANO_MESH_QUADS_MIN;

    while (q < step)
        q *= 2;
    while (q < wanted && q < PANO_MESH_QUADS_MAX)
        q *= 2;
    return q;
}

/*
 * The grid the worst quad of the view needs: the texel error of a quad
 * of q texels is at most about q^2 tan(a) / (2 d) at an angle a from the
 * axis. Where the level is magnified (focal_px > d) the same error covers
 * focal_px / d screen pixels, so the bound tightens by that factor.
 */
static int worst_case_quads(const struct pano_mesh_view *mv,
                            const struct pano_manifest *m, int level)
{
    double d = pano_mesh_level_density(m, level);
    double magnify = fmax(1.0, mv->view.focal_px / d);
    double tan_a = fmax(tan(mv->corner_angle), 1e-6);
    double q = sqrt(2 * d * PANO_MESH_MAX_ERROR_TEXELS / (tan_a * magnify));

    return grid_at_least(PANO_TILE_SIZE / q, level_step(m, level));
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

        g->face[i] = pano_mesh_face_coord(numerator, quads, face_size);
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

static double near_cos(const struct pano_mesh_view *mv,
                       const struct pano_manifest *m, int level, int quads)
{
    double quad_rad = (double)PANO_TILE_SIZE / quads /
                      pano_mesh_level_density(m, level) * sqrt(2.0);
    double angle = mv->corner_angle + NEAR_QUAD_DIAGONALS * quad_rad;

    return cos(fmin(angle, pano_deg_to_rad(NEAR_ANGLE_MAX_DEG)));
}

static struct projector make_projector(const struct pano_mesh_view *mv,
                                       enum pano_face face, double near,
                                       float offset_x, float offset_y)
{
    const struct pano_view *v = &mv->view;

    return (struct projector){
        .c = mv->coeff[face],
        .focal = v->focal_px,
        .cx = v->centre_x,
        .cy = v->centre_y,
        .ox = offset_x,
        .oy = offset_y,
        .near_cos2 = near * near,
        .width = v->width_px,
        .height = v->height_px,
    };
}

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
    return (x < -PANO_MESH_VIEW_MARGIN_PX ? OUT_LEFT : 0) |
           (x > p->width + PANO_MESH_VIEW_MARGIN_PX ? OUT_RIGHT : 0) |
           (y < -PANO_MESH_VIEW_MARGIN_PX ? OUT_TOP : 0) |
           (y > p->height + PANO_MESH_VIEW_MARGIN_PX ? OUT_BOTTOM : 0);
}

/* Whether a quad (or fan) with these vertex codes is drawn. */
static bool shown(int any, int all)
{
    return !(any & OUT_BEHIND) && !(all & OUT_SIDES);
}

/* ---- the plan: a grid per tile ---- */

/* Texel error of one straight segment of a triangle's edge, from face
 * point a to b with (s, t) as midpoint: the screen point halfway between
 * the ends' projections is where SDL's affine mapping puts that midpoint;
 * the distance, on the face, between it and what that screen point really
 * shows. */
static double midpoint_error(const struct projector *p, double s, double t,
                             const struct pano_mesh_vertex *a,
                             const struct pano_mesh_vertex *b)
{
    const double(*c)[3] = p->c;
    double dx = (a->x + b->x) / 2 - p->cx, dy = p->cy - (a->y + b->y) / 2;
    double depth = dx * c[0][0] + dy * c[1][0] + p->focal * c[2][0];
    double rs = dx * c[0][1] + dy * c[1][1] + p->focal * c[2][1];
    double rt = dx * c[0][2] + dy * c[1][2] + p->focal * c[2][2];

    if (depth <= 0)
        return INFINITY;
    return fmax(fabs(rs / depth - s), fabs(rt / depth - t));
}

/*
 * The largest affine error, in texels (in pixels where the level is
 * magnified), of tile id's quads on screen with `quads` per 512 px.
 */
static double grid_error(const struct pano_mesh_view *mv,
                         const struct pano_manifest *m, struct pano_tile_id id,
                         int quads)
{
    int face = m->levels[id.level].face_size;
    double density = pano_mesh_level_density(m, id.level);
    double magnify = fmax(1.0, mv->view.focal_px / density);
    struct pano_rect r = pano_manifest_tile_rect(m, id.level, id.row, id.col);
    struct projector p = make_projector(
        mv, id.face, cos(pano_deg_to_rad(NEAR_ANGLE_MAX_DEG)), 0, 0);
    struct grid_axis gx, gy;
    struct pano_mesh_vertex
        v[(PANO_MESH_TRIAL_QUADS + 1) * (PANO_MESH_TRIAL_QUADS + 1)];
    uint8_t codes[sizeof(v) / sizeof(v[0])];
    double worst = 0;

    grid_axis(&gx, r.x, r.w, quads, face, 1, 0, 1, 0);
    grid_axis(&gy, r.y, r.h, quads, face, 1, 0, 1, 0);
    for (int j = 0, k = 0; j <= gy.count; j++) {
        for (int i = 0; i <= gx.count; i++, k++)
            codes[k] = (uint8_t)project(&p, gx.face[i], gy.face[j], &v[k]);
    }
    for (int j = 0; j < gy.count; j++) {
        for (int i = 0; i < gx.count; i++) {
            int a = j * (gx.count + 1) + i, b = a + 1, c = a + gx.count + 1,
                d = c + 1;
            double s0 = gx.face[i], s1 = gx.face[i + 1], t0 = gy.face[j],
                   t1 = gy.face[j + 1], sm = (s0 + s1) / 2, tm = (t0 + t1) / 2;
            double e;

            if (!shown(codes[a] | codes[b] | codes[c] | codes[d],
                       codes[a] & codes[b] & codes[c] & codes[d]))
                continue;
            e = fmax(midpoint_error(&p, sm, t0, &v[a], &v[b]),
                     midpoint_error(&p, s0, tm, &v[a], &v[c]));
            e = fmax(e, midpoint_error(&p, s1, tm, &v[b], &v[d]));
            e = fmax(e, midpoint_error(&p, sm, t1, &v[c], &v[d]));
            e = fmax(e, midpoint_error(&p, sm, tm, &v[a], &v[d]));
            worst = fmax(worst, e);
        }
    }
    return worst * face / 2 * magnify;
}

/* The coarsest grid whose quads, dropped when a vertex is beyond the cone
 * near_cos gives, are all off screen (see the header). */
static int drop_safe_quads(const struct pano_mesh_view *mv,
                           const struct pano_manifest *m, int level)
{
    double room = pano_deg_to_rad(NEAR_ANGLE_MAX_DEG) - mv->corner_angle;
    double quad_rad_at_1 =
        (double)PANO_TILE_SIZE / pano_mesh_level_density(m, level) * sqrt(2.0);

    if (room <= 0)
        return PANO_MESH_QUADS_MAX;
    return grid_at_least(NEAR_QUAD_DIAGONALS * quad_rad_at_1 / room,
                         level_step(m, level));
}

void pano_mesh_plan_init(struct pano_mesh_plan *plan,
                         const struct pano_mesh_view *mv,
                         const struct pano_manifest *m, int level)
{
    memset(plan, 0, sizeof(*plan));
    plan->mv = mv;
    plan->m = m;
    plan->level = level;
}

static int tile_quads(const struct pano_mesh_view *mv,
                      const struct pano_manifest *m, struct pano_tile_id id)
{
    int step = level_step(m, id.level);
    int trial = grid_at_least(PANO_MESH_TRIAL_QUADS, step);
    int least = drop_safe_quads(mv, m, id.level);
    int q;

    if (trial > PANO_MESH_TRIAL_QUADS)
        return worst_case_quads(mv, m, id.level);
    if (!pano_mesh_tile_visible(mv, m, id))
        return least;
    /* The error follows the square of the quad size. */
    q = grid_at_least(
        trial * sqrt(grid_error(mv, m, id, trial) / PANO_MESH_MAX_ERROR_TEXELS),
        step);
    q = q > least ? q : least;
    /* Coarser than the trial: measured rather than extrapolated. */
    while (q < trial && grid_error(mv, m, id, q) > PANO_MESH_MAX_ERROR_TEXELS)
        q *= 2;
    return q;
}

int pano_mesh_plan_quads(struct pano_mesh_plan *plan, struct pano_tile_id id)
{
    uint8_t *slot = NULL;
    int q;

    if (id.row < PANO_MESH_PLAN_TILES_PER_SIDE &&
        id.col < PANO_MESH_PLAN_TILES_PER_SIDE) {
        slot = &plan->quads[id.face][id.row][id.col];
        if (*slot)
            return *slot;
    }
    q = tile_quads(plan->mv, plan->m, id);
    if (slot)
        *slot = (uint8_t)q;
    return q;
}

/* Whether tile id touches its face's edge on that side. */
static bool on_face_edge(const struct pano_manifest *m, struct pano_tile_id id,
                         enum pano_mesh_side side)
{
    int last = m->levels[id.level].tiles_per_side - 1;

    switch (side) {
    case PANO_MESH_TOP:
        return id.row == 0;
    case PANO_MESH_RIGHT:
        return id.col == last;
    case PANO_MESH_BOTTOM:
        return id.row == last;
    default:
        return id.col == 0;
    }
}

/* A face point just beyond the middle of the tile's edge on that side. */
static void beyond_edge(const struct pano_manifest *m, struct pano_tile_id id,
                        enum pano_mesh_side side, double *s, double *t)
{
    static const double out = 1e-6;
    int f = m->levels[id.level].face_size;
    struct pano_rect r = pano_manifest_tile_rect(m, id.level, id.row, id.col);
    double x0 = pano_mesh_face_coord(r.x, 1, f),
           x1 = pano_mesh_face_coord(r.x + r.w, 1, f);
    double y0 = pano_mesh_face_coord(r.y, 1, f),
           y1 = pano_mesh_face_coord(r.y + r.h, 1, f);

    *s = (x0 + x1) / 2;
    *t = (y0 + y1) / 2;
    switch (side) {
    case PANO_MESH_TOP:
        *t = y0 - out;
        break;
    case PANO_MESH_RIGHT:
        *s = x1 + out;
        break;
    case PANO_MESH_BOTTOM:
        *t = y1 + out;
        break;
    default:
        *s = x0 - out;
        break;
    }
}

static int tile_index(double c, int face_size)
{
    int px = (int)floor((c + 1) / 2 * face_size);

    px = px < 0 ? 0 : px >= face_size ? face_size - 1 : px;
    return px / PANO_TILE_SIZE;
}

/* The tile across one edge of id; when that edge is the face's own,
 * *facing is the side of the next face it meets there. */
static struct pano_tile_id across_edge(const struct pano_manifest *m,
                                       struct pano_tile_id id,
                                       enum pano_mesh_side side,
                                       enum pano_mesh_side *facing)
{
    int f = m->levels[id.level].face_size;
    double s, t;
    enum pano_face face;

    beyond_edge(m, id, side, &s, &t);
    face = pano_face_from_dir(pano_face_dir(id.face, s, t), &s, &t);
    if (fabs(s) > fabs(t))
        *facing = s > 0 ? PANO_MESH_RIGHT : PANO_MESH_LEFT;
    else
        *facing = t > 0 ? PANO_MESH_BOTTOM : PANO_MESH_TOP;
    return (struct pano_tile_id){id.level, face, tile_index(t, f),
                                 tile_index(s, f)};
}

struct pano_tile_id pano_mesh_neighbour(const struct pano_manifest *m,
                                        struct pano_tile_id id,
                                        enum pano_mesh_side side)
{
    enum pano_mesh_side facing;

    return across_edge(m, id, side, &facing);
}

/* The finest grid of the tiles of one face along one of its edges. */
static int face_edge_quads(struct pano_mesh_plan *plan, enum pano_face face,
                           enum pano_mesh_side side)
{
    int n = plan->m->levels[plan->level].tiles_per_side, q = 0;

    for (int i = 0; i < n; i++) {
        struct pano_tile_id id = {plan->level, face, i, i};
        int here;

        if (side == PANO_MESH_TOP)
            id.row = 0;
        else if (side == PANO_MESH_BOTTOM)
            id.row = n - 1;
        else
            id.col = side == PANO_MESH_RIGHT ? n - 1 : 0;
        here = pano_mesh_plan_quads(plan, id);
        q = here > q ? here : q;
    }
    return q;
}

/*
 * Within a face, tiles across an edge cover the same stretch of it, and
 * the finer grid of the two is used. Across a face edge, tiles need not
 * line up (faces of 768 px have tiles of 512 and 256, mirrored on the
 * next face), so every tile along that edge of the cube, on both faces,
 * uses the finest grid of all of them.
 */
void pano_mesh_plan_edges(struct pano_mesh_plan *plan, struct pano_tile_id id,
                          int edges[PANO_MESH_SIDES])
{
    int own = pano_mesh_plan_quads(plan, id);

    for (int side = 0; side < PANO_MESH_SIDES; side++) {
        enum pano_mesh_side facing;
        struct pano_tile_id n = across_edge(plan->m, id, side, &facing);
        int q;

        if (on_face_edge(plan->m, id, side)) {
            int other = face_edge_quads(plan, n.face, facing);

            q = face_edge_quads(plan, id.face, side);
            q = other > q ? other : q;
        } else {
            q = pano_mesh_plan_quads(plan, n);
        }
        edges[side] = q > own ? q : own;
    }
}

/* ---- building a tile ---- */

/* Extra vertices of one refined edge, between the grid's own. */
struct edge_extra {
    int ratio; /* edge quads per grid quad; 1: no extras */
    int first; /* index of the first extra vertex */
};

/* The vertex list of quad (i, j)'s outline, corners included, clockwise on
 * the face from its top left. */
static int quad_outline(const struct edge_extra extra[PANO_MESH_SIDES], int i,
                        int j, int nx, int ny, int *out)
{
    int v00 = j * (nx + 1) + i, v10 = v00 + 1, v01 = v00 + nx + 1,
        v11 = v01 + 1, n = 0;
    const struct edge_extra *e;

    out[n++] = v00;
    e = &extra[PANO_MESH_TOP];
    for (int k = 1; j == 0 && k < e->ratio; k++)
        out[n++] = e->first + i * (e->ratio - 1) + k - 1;
    out[n++] = v10;
    e = &extra[PANO_MESH_RIGHT];
    for (int k = 1; i == nx - 1 && k < e->ratio; k++)
        out[n++] = e->first + j * (e->ratio - 1) + k - 1;
    out[n++] = v11;
    e = &extra[PANO_MESH_BOTTOM];
    for (int k = e->ratio - 1; j == ny - 1 && k >= 1; k--)
        out[n++] = e->first + i * (e->ratio - 1) + k - 1;
    out[n++] = v01;
    e = &extra[PANO_MESH_LEFT];
    for (int k = e->ratio - 1; i == 0 && k >= 1; k--)
        out[n++] = e->first + j * (e->ratio - 1) + k - 1;
    return n;
}

struct builder {
    struct projector p;
    struct pano_mesh_tile *out;
    uint8_t codes[PANO_MESH_TILE_VERTICES_MAX];
};

static int add_vertex(struct builder *b, double s, double t, float u, float v)
{
    struct pano_mesh_vertex *vx = &b->out->vertices[b->out->vertex_count];

    b->codes[b->out->vertex_count] = (uint8_t)project(&b->p, s, t, vx);
    vx->u = u;
    vx->v = v;
    return b->out->vertex_count++;
}

static void add_triangle(struct builder *b, int v0, int v1, int v2)
{
    uint16_t *ix = b->out->indices + b->out->index_count;

    ix[0] = (uint16_t)v0;
    ix[1] = (uint16_t)v1;
    ix[2] = (uint16_t)v2;
    b->out->index_count += 3;
}

/* The extra vertices along one side whose grid is finer than the tile's. */
static void add_edge(struct builder *b, enum pano_mesh_side side,
                     const struct grid_axis *gx, const struct grid_axis *gy,
                     const struct grid_axis *fine, struct edge_extra *extra)
{
    bool across = side == PANO_MESH_TOP || side == PANO_MESH_BOTTOM;
    const struct grid_axis *fixed = across ? gy : gx;
    int at = side == PANO_MESH_TOP || side == PANO_MESH_LEFT ? 0 : fixed->count;
    int quads = across ? gx->count : gy->count;

    extra->first = b->out->vertex_count;
    extra->ratio = quads > 0 ? fine->count / quads : 1;
    for (int k = 1; k < fine->count; k++) {
        if (k % extra->ratio == 0)
            continue;
        if (across)
            add_vertex(b, fine->face[k], fixed->face[at], fine->tex[k],
                       fixed->tex[at]);
        else
            add_vertex(b, fixed->face[at], fine->face[k], fixed->tex[at],
                       fine->tex[k]);
    }
}

/* A quad whose outline has extra vertices: a fan from its centre. */
static int add_fan(struct builder *b, const struct edge_extra *extra, int i,
                   int j, const struct grid_axis *gx,
                   const struct grid_axis *gy)
{
    int outline[4 + 4 * PANO_MESH_QUADS_MAX], n, any = 0, all = ~0, centre;

    n = quad_outline(extra, i, j, gx->count, gy->count, outline);
    for (int k = 0; k < n; k++) {
        any |= b->codes[outline[k]];
        all &= b->codes[outline[k]];
    }
    if (!shown(any, all))
        return 0;
    centre = add_vertex(b, (gx->face[i] + gx->face[i + 1]) / 2,
                        (gy->face[j] + gy->face[j + 1]) / 2,
                        (gx->tex[i] + gx->tex[i + 1]) / 2,
                        (gy->tex[j] + gy->tex[j + 1]) / 2);
    for (int k = 0; k < n; k++)
        add_triangle(b, centre, outline[k], outline[(k + 1) % n]);
    return n;
}

static bool touches_extra(const struct edge_extra *extra, int i, int j, int nx,
                          int ny)
{
    return (j == 0 && extra[PANO_MESH_TOP].ratio > 1) ||
           (i == nx - 1 && extra[PANO_MESH_RIGHT].ratio > 1) ||
           (j == ny - 1 && extra[PANO_MESH_BOTTOM].ratio > 1) ||
           (i == 0 && extra[PANO_MESH_LEFT].ratio > 1);
}

static int add_quads(struct builder *b, const struct edge_extra *extra,
                     const struct grid_axis *gx, const struct grid_axis *gy)
{
    int nx = gx->count, ny = gy->count, triangles = 0;

    for (int j = 0; j < ny; j++) {
        for (int i = 0; i < nx; i++) {
            int v00 = j * (nx + 1) + i, v10 = v00 + 1;
            int v01 = v00 + nx + 1, v11 = v01 + 1;
            const uint8_t *c = b->codes;

            if (touches_extra(extra, i, j, nx, ny)) {
                triangles += add_fan(b, extra, i, j, gx, gy);
                continue;
            }
            if (!shown(c[v00] | c[v10] | c[v01] | c[v11],
                       c[v00] & c[v10] & c[v01] & c[v11]))
                continue;
            add_triangle(b, v00, v10, v11);
            add_triangle(b, v00, v11, v01);
            triangles += 2;
        }
    }
    return triangles;
}

int pano_mesh_build_tile(const struct pano_mesh_view *mv,
                         const struct pano_manifest *m, struct pano_tile_id id,
                         int quads, const int *edges, struct pano_tile_id src,
                         float offset_x, float offset_y,
                         struct pano_mesh_tile *out)
{
    int face = m->levels[id.level].face_size;
    struct pano_rect r = pano_manifest_tile_rect(m, id.level, id.row, id.col);
    struct pano_rect sr =
        pano_manifest_tile_rect(m, src.level, src.row, src.col);
    double scale = 1.0 / (1 << (src.level - id.level));
    int tw, th;
    struct grid_axis gx, gy, fine;
    struct edge_extra extra[PANO_MESH_SIDES];
    struct builder b = {
        .p = make_projector(mv, id.face, near_cos(mv, m, id.level, quads),
                            offset_x, offset_y),
        .out = out,
    };

    pano_mesh_texture_size(m, src, &tw, &th);
    grid_axis(&gx, r.x, r.w, quads, face, scale, sr.x, tw, m->gutter);
    grid_axis(&gy, r.y, r.h, quads, face, scale, sr.y, th, m->gutter);

    out->vertex_count = 0;
    out->index_count = 0;
    for (int j = 0; j <= gy.count; j++) {
        for (int i = 0; i <= gx.count; i++)
            add_vertex(&b, gx.face[i], gy.face[j], gx.tex[i], gy.tex[j]);
    }
    for (int side = 0; side < PANO_MESH_SIDES; side++) {
        bool across = side == PANO_MESH_TOP || side == PANO_MESH_BOTTOM;
        int edge = edges ? edges[side] : quads;

        extra[side] = (struct edge_extra){1, 0};
        if (edge <= quads || edge > PANO_MESH_QUADS_MAX || edge % quads)
            continue;
        if (across)
            grid_axis(&fine, r.x, r.w, edge, face, scale, sr.x, tw, m->gutter);
        else
            grid_axis(&fine, r.y, r.h, edge, face, scale, sr.y, th, m->gutter);
        add_edge(&b, side, &gx, &gy, &fine, &extra[side]);
    }
    return add_quads(&b, extra, &gx, &gy);
}
