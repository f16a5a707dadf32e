/*
 * Tests for pano_mesh, on the CPU only: the level follows the screen's
 * texel density; culling keeps exactly the tiles that rays of the view
 * hit (checked by brute force through pano_face_from_dir), looking
 * straight up and down too; vertices are the projected face points and
 * their texture coordinates point at the same face pixels in a tile's own
 * texture and in an ancestor's; the mesh covers every pixel of the view
 * once, shares its edge vertices bit for bit across tiles and faces, and
 * keeps SDL's affine interpolation within PANO_MESH_MAX_ERROR_TEXELS of
 * the true perspective (the figures are printed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pano_mesh.h"

enum {
    TILES_MAX = 8 * 8 * PANO_FACE_COUNT,
    SMALL_W = 160,
    SMALL_H = 120,
    RANDOM_VIEWS = 60,
    /* Brute-force rays per pixel side when looking for extra tiles. */
    FINE_STEPS = 4,
};

/* Culling widens the view by half a pixel; the check for extras allows
 * a little more. */
static const double EXTRA_MARGIN_PX = 1.0;
static const double PROJECT_TOLERANCE_PX = 1e-3;
static const double UV_TOLERANCE_TEXELS = 1e-3;
/* The bound the grid is sized for, plus what the estimate leaves out. */
static const double AFFINE_ERROR_LIMIT = 0.45;

struct mesh_buffers {
    struct pano_mesh_vertex vertices[PANO_MESH_TILE_VERTICES_MAX];
    uint16_t indices[PANO_MESH_TILE_INDICES_MAX];
};

static struct mesh_buffers buffers;

static struct pano_mesh_tile tile_buffers(void)
{
    return (struct pano_mesh_tile){buffers.vertices, buffers.indices, 0, 0};
}

static struct pano_camera camera(double yaw, double pitch, double fov, int w,
                                 int h)
{
    return (struct pano_camera){yaw, pitch, fov, w, h};
}

static int tile_index(const struct pano_manifest *m, struct pano_tile_id id)
{
    int n = m->levels[id.level].tiles_per_side;

    return ((int)id.face * n + id.row) * n + id.col;
}

/* The tile of `level` a direction falls in. */
static struct pano_tile_id tile_of(const struct pano_manifest *m, int level,
                                   struct pano_vec3 dir)
{
    double s, t;
    enum pano_face face = pano_face_from_dir(dir, &s, &t);
    int f = m->levels[level].face_size;
    int x = (int)floor((s + 1) / 2 * f), y = (int)floor((t + 1) / 2 * f);

    x = x < 0 ? 0 : x >= f ? f - 1 : x;
    y = y < 0 ? 0 : y >= f ? f - 1 : y;
    return (struct pano_tile_id){level, face, y / PANO_TILE_SIZE,
                                 x / PANO_TILE_SIZE};
}

/* Marks the tiles hit by rays through [lo, hi] of the screen, `steps`
 * rays per pixel. */
static void brute_force(const struct pano_view *v,
                        const struct pano_manifest *m, int level, double lo_x,
                        double lo_y, double hi_x, double hi_y, int steps,
                        bool *hit)
{
    int nx = (int)ceil((hi_x - lo_x) * steps),
        ny = (int)ceil((hi_y - lo_y) * steps);

    for (int j = 0; j <= ny; j++) {
        for (int i = 0; i <= nx; i++) {
            double x = lo_x + (hi_x - lo_x) * i / nx;
            double y = lo_y + (hi_y - lo_y) * j / ny;
            struct pano_vec3 d = pano_view_ray(v, x, y);

            hit[tile_index(m, tile_of(m, level, d))] = true;
        }
    }
}

static void check_culling(const struct pano_manifest *m, int level,
                          const struct pano_camera *cam)
{
    struct pano_mesh_view mv;
    struct pano_tile_id ids[TILES_MAX];
    bool seen[TILES_MAX] = {false}, near[TILES_MAX] = {false};
    bool kept[TILES_MAX] = {false};
    double e = EXTRA_MARGIN_PX;
    int count;

    pano_mesh_view_init(&mv, cam);
    count = pano_mesh_visible_tiles(&mv, m, level, ids, TILES_MAX);
    assert_true(count <= TILES_MAX);
    for (int i = 0; i < count; i++)
        kept[tile_index(m, ids[i])] = true;
    brute_force(&mv.view, m, level, 0, 0, cam->width_px, cam->height_px, 1,
                seen);
    brute_force(&mv.view, m, level, -e, -e, cam->width_px + e,
                cam->height_px + e, FINE_STEPS, near);

    int n = m->levels[level].tiles_per_side;
    for (int i = 0; i < n * n * PANO_FACE_COUNT; i++) {
        if (seen[i] && !kept[i])
            fail_msg("yaw %.2f pitch %.2f fov %.1f level %d: tile %s %d_%d "
                     "is in view, expected kept, got culled",
                     cam->yaw_deg, cam->pitch_deg, cam->fov_deg, level,
                     pano_face_name(i / (n * n)), i % (n * n) / n, i % n);
        if (kept[i] && !near[i])
            fail_msg("yaw %.2f pitch %.2f fov %.1f level %d: tile %s %d_%d "
                     "is out of view, expected culled, got kept",
                     cam->yaw_deg, cam->pitch_deg, cam->fov_deg, level,
                     pano_face_name(i / (n * n)), i % (n * n) / n, i % n);
    }
}

/* ---- level ---- */

static void level_is_coarsest_at_least_as_dense_as_screen(void **state)
{
    static const int sources[] = {4096, 5760, 8192, 16384};
    static const int widths[] = {320, 1080, 1920, 3840};
    static const double fovs[] = {20, 35, 60, 90, 100, 120};

    (void)state;
    for (size_t a = 0; a < sizeof(sources) / sizeof(sources[0]); a++) {
        struct pano_manifest m;

        pano_manifest_plan(&m, sources[a], sources[a] / 2);
        for (size_t b = 0; b < sizeof(widths) / sizeof(widths[0]); b++) {
            for (size_t c = 0; c < sizeof(fovs) / sizeof(fovs[0]); c++) {
                struct pano_camera cam = camera(0, 0, fovs[c], widths[b], 600);
                struct pano_view v;
                int level;

                pano_view_init(&v, &cam);
                level = pano_mesh_pick_level(&m, v.focal_px);
                if (level > 0 &&
                    pano_mesh_level_density(&m, level) < v.focal_px)
                    fail_msg("source %d, %d px at %.0f deg: level %d has %.0f "
                             "texels/rad, expected >= %.0f",
                             sources[a], widths[b], fovs[c], level,
                             pano_mesh_level_density(&m, level), v.focal_px);
                if (level + 1 < m.level_count &&
                    pano_mesh_level_density(&m, level + 1) >= v.focal_px)
                    fail_msg("source %d, %d px at %.0f deg: expected a level "
                             "coarser than %d, got %d",
                             sources[a], widths[b], fovs[c], level + 1, level);
            }
        }
    }
}

static void level_examples_for_the_kiosk(void **state)
{
    struct pano_manifest m;

    (void)state;
    pano_manifest_plan(&m, 8192, 4096); /* faces 2048, 1024, 512 */
    /* 1920 px at 90 deg: 960 px/rad, level 0 has 1024. */
    assert_int_equal(pano_mesh_pick_level(&m, 960), 0);
    /* At 120 deg a 1280 px window shows 369 px/rad: level 1 has 512. */
    assert_int_equal(pano_mesh_pick_level(&m, 369.5), 1);
    assert_int_equal(pano_mesh_pick_level(&m, 256), 2);
    assert_int_equal(pano_mesh_pick_level(&m, 100), 2);
    /* Zoomed in past level 0: the finest. */
    assert_int_equal(pano_mesh_pick_level(&m, 5000), 0);
}

/* ---- culling ---- */

static void culling_keeps_exactly_the_tiles_in_view(void **state)
{
    static const int sources[] = {4096, 5760, 8192};

    (void)state;
    srand(7);
    for (size_t a = 0; a < sizeof(sources) / sizeof(sources[0]); a++) {
        struct pano_manifest m;

        pano_manifest_plan(&m, sources[a], sources[a] / 2);
        for (int i = 0; i < RANDOM_VIEWS; i++) {
            double yaw = rand() % 3600 / 10.0 - 180;
            double pitch = rand() % 1800 / 10.0 - 90;
            double fov = 20 + rand() % 101;
            int w = i % 3 == 0 ? SMALL_H : SMALL_W;
            int h = i % 3 == 0 ? SMALL_W : SMALL_H;
            struct pano_camera cam = camera(yaw, pitch, fov, w, h);

            check_culling(&m, i % m.level_count, &cam);
        }
    }
}

static void straight_up_and_down_views_cull_correctly(void **state)
{
    static const double yaws[] = {-180, 0, 45, 137};
    static const double fovs[] = {20, 90, 120};
    struct pano_manifest m;

    (void)state;
    pano_manifest_plan(&m, 8192, 4096);
    for (size_t a = 0; a < sizeof(yaws) / sizeof(yaws[0]); a++) {
        for (size_t b = 0; b < sizeof(fovs) / sizeof(fovs[0]); b++) {
            for (int level = 0; level < m.level_count; level++) {
                struct pano_camera up = camera(yaws[a], 90, fovs[b], 160, 120);
                struct pano_camera down =
                    camera(yaws[a], -90, fovs[b], 160, 120);

                check_culling(&m, level, &up);
                check_culling(&m, level, &down);
            }
        }
    }
}

static void looking_up_keeps_no_tile_of_the_floor(void **state)
{
    struct pano_manifest m;
    struct pano_mesh_view mv;
    struct pano_tile_id ids[TILES_MAX];
    struct pano_camera cam = camera(30, 90, 90, 160, 120);
    bool centre_kept = false;
    int count;

    (void)state;
    pano_manifest_plan(&m, 8192, 4096);
    pano_mesh_view_init(&mv, &cam);
    count = pano_mesh_visible_tiles(&mv, &m, 0, ids, TILES_MAX);
    for (int i = 0; i < count; i++) {
        assert_int_not_equal(ids[i].face, PANO_FACE_DOWN);
        if (ids[i].face == PANO_FACE_UP && ids[i].row == 1 && ids[i].col == 1)
            centre_kept = true;
    }
    assert_true(centre_kept);
}

/* ---- vertices and texture coordinates ---- */

/* Every vertex (grid, extra edge vertices, fan centres) sits where its
 * texture coordinates' face point projects. */
static void check_vertices_project(const struct pano_mesh_view *mv,
                                   const struct pano_manifest *m,
                                   struct pano_tile_id id,
                                   const struct pano_mesh_tile *t, float ox,
                                   float oy)
{
    int f = m->levels[id.level].face_size, tw, th, checked = 0;
    struct pano_rect r = pano_manifest_tile_rect(m, id.level, id.row, id.col);

    pano_mesh_texture_size(m, id, &tw, &th);
    for (int k = 0; k < t->vertex_count; k++) {
        const struct pano_mesh_vertex *vx = &t->vertices[k];
        double px = vx->u * tw - m->gutter + r.x;
        double py = vx->v * th - m->gutter + r.y;
        struct pano_vec3 d =
            pano_face_dir(id.face, 2 * px / f - 1, 2 * py / f - 1);
        double x, y;

        if (px < r.x - UV_TOLERANCE_TEXELS ||
            px > r.x + r.w + UV_TOLERANCE_TEXELS ||
            py < r.y - UV_TOLERANCE_TEXELS ||
            py > r.y + r.h + UV_TOLERANCE_TEXELS)
            fail_msg("vertex %d: texture point (%.3f, %.3f) outside the tile",
                     k, px, py);
        /* Vertices nearly at the camera's side are parked at (0, 0), and
         * every quad with one is dropped. */
        if ((vx->x == 0 && vx->y == 0) ||
            !pano_view_project(&mv->view, d, &x, &y))
            continue;
        if (fabs(x + ox - vx->x) > PROJECT_TOLERANCE_PX * 4 ||
            fabs(y + oy - vx->y) > PROJECT_TOLERANCE_PX * 4)
            fail_msg("vertex %d: expected (%.4f, %.4f), got (%.4f, %.4f)", k,
                     x + ox, y + oy, vx->x, vx->y);
        checked++;
    }
    assert_true(checked > 0);
}

static void vertices_are_projected_face_points(void **state)
{
    struct pano_manifest m;
    struct pano_mesh_view mv;
    struct pano_camera cam = camera(20, 10, 90, 640, 480);
    struct pano_tile_id id = {0, PANO_FACE_FRONT, 1, 2};
    struct pano_mesh_tile t = tile_buffers();
    int quads = 16, f, tw, th;
    const int edges[PANO_MESH_SIDES] = {16, 32, 64, 16};

    (void)state;
    pano_manifest_plan(&m, 8192, 4096);
    f = m.levels[0].face_size;
    pano_mesh_view_init(&mv, &cam);
    pano_mesh_build_tile(&mv, &m, id, quads, NULL, id, 10, 20, &t);
    pano_mesh_texture_size(&m, id, &tw, &th);
    assert_int_equal(t.vertex_count, (quads + 1) * (quads + 1));

    struct pano_rect r = pano_manifest_tile_rect(&m, 0, id.row, id.col);
    for (int j = 0; j <= quads; j++) {
        for (int i = 0; i <= quads; i++) {
            const struct pano_mesh_vertex *vx =
                &t.vertices[j * (quads + 1) + i];
            double px = r.x + i * (double)r.w / quads;
            double py = r.y + j * (double)r.h / quads;
            struct pano_vec3 d =
                pano_face_dir(id.face, 2 * px / f - 1, 2 * py / f - 1);
            double x, y;

            if (!pano_view_project(&mv.view, d, &x, &y))
                continue;
            if (fabs(x + 10 - vx->x) > PROJECT_TOLERANCE_PX ||
                fabs(y + 20 - vx->y) > PROJECT_TOLERANCE_PX)
                fail_msg("vertex %d,%d: expected (%.4f, %.4f), got (%.4f, "
                         "%.4f)",
                         i, j, x + 10, y + 20, vx->x, vx->y);
            assert_true(fabs(vx->u * tw - (1 + px - r.x)) <
                        UV_TOLERANCE_TEXELS);
            assert_true(fabs(vx->v * th - (1 + py - r.y)) <
                        UV_TOLERANCE_TEXELS);
        }
    }

    /* With finer right and bottom edges: 16 + 48 extra vertices, and a fan
     * centre for each quad along them (16 + 16, one quad in both). */
    pano_mesh_build_tile(&mv, &m, id, quads, edges, id, 10, 20, &t);
    assert_int_equal(t.vertex_count, (quads + 1) * (quads + 1) + 16 + 48 + 31);
    check_vertices_project(&mv, &m, id, &t, 10, 20);
}

static void ancestor_coordinates_point_at_the_same_face_pixels(void **state)
{
    struct pano_manifest m;
    struct pano_mesh_view mv;
    struct pano_camera cam = camera(-100, -20, 90, 640, 480);
    struct pano_tile_id id = {0, PANO_FACE_LEFT, 3, 1};
    struct pano_mesh_tile own = tile_buffers();
    static struct pano_mesh_vertex first[PANO_MESH_TILE_VERTICES_MAX];
    int quads = 8;

    (void)state;
    pano_manifest_plan(&m, 8192, 4096);
    pano_mesh_view_init(&mv, &cam);
    pano_mesh_build_tile(&mv, &m, id, quads, NULL, id, 0, 0, &own);
    memcpy(first, own.vertices, sizeof(first[0]) * (size_t)own.vertex_count);

    for (int level = 1; level < m.level_count; level++) {
        struct pano_tile_id a = pano_mesh_ancestor(&m, id, level);
        struct pano_rect ar = pano_manifest_tile_rect(&m, level, a.row, a.col);
        struct pano_rect r = pano_manifest_tile_rect(&m, 0, id.row, id.col);
        struct pano_mesh_tile t = tile_buffers();
        int tw, th;

        pano_mesh_texture_size(&m, a, &tw, &th);
        pano_mesh_build_tile(&mv, &m, id, quads, NULL, a, 0, 0, &t);
        for (int k = 0; k < t.vertex_count; k++) {
            double face_x = (t.vertices[k].u * tw - 1 + ar.x) * (1 << level);
            double own_x = first[k].u * (r.w + 2) - 1 + r.x;

            assert_true(fabs(face_x - own_x) < UV_TOLERANCE_TEXELS * 4);
            assert_true(t.vertices[k].x == first[k].x);
            assert_true(t.vertices[k].y == first[k].y);
        }
    }
}

/* ---- the mesh as a whole ---- */

struct coverage {
    int w, h;
    uint8_t *count;
};

static double edge(double ax, double ay, double bx, double by, double px,
                   double py)
{
    return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
}

/* Counts, per pixel centre, the triangles it is strictly inside of, and
 * marks centres on an edge as covered. */
static void rasterize(struct coverage *c, const struct pano_mesh_tile *t,
                      uint8_t *touched)
{
    for (int k = 0; k < t->index_count; k += 3) {
        const struct pano_mesh_vertex *a = &t->vertices[t->indices[k]];
        const struct pano_mesh_vertex *b = &t->vertices[t->indices[k + 1]];
        const struct pano_mesh_vertex *d = &t->vertices[t->indices[k + 2]];
        double area = edge(a->x, a->y, b->x, b->y, d->x, d->y);
        double eps = 1e-4 * fabs(area) + 1e-6;
        int x0 = (int)floor(fmin(a->x, fmin(b->x, d->x)));
        int x1 = (int)ceil(fmax(a->x, fmax(b->x, d->x)));
        int y0 = (int)floor(fmin(a->y, fmin(b->y, d->y)));
        int y1 = (int)ceil(fmax(a->y, fmax(b->y, d->y)));

        if (area == 0)
            continue;
        for (int y = y0 < 0 ? 0 : y0; y <= y1 && y < c->h; y++) {
            for (int x = x0 < 0 ? 0 : x0; x <= x1 && x < c->w; x++) {
                double px = x + 0.5, py = y + 0.5, sign = area > 0 ? 1 : -1;
                double e0 = sign * edge(a->x, a->y, b->x, b->y, px, py);
                double e1 = sign * edge(b->x, b->y, d->x, d->y, px, py);
                double e2 = sign * edge(d->x, d->y, a->x, a->y, px, py);

                if (e0 > eps && e1 > eps && e2 > eps)
                    c->count[y * c->w + x]++;
                else if (e0 > -eps && e1 > -eps && e2 > -eps)
                    touched[y * c->w + x] = 1;
            }
        }
    }
}

static void check_cover(const struct pano_manifest *m,
                        const struct pano_camera *cam)
{
    struct pano_mesh_view mv;
    struct pano_mesh_plan plan;
    struct pano_tile_id ids[TILES_MAX];
    struct coverage c = {cam->width_px, cam->height_px, NULL};
    uint8_t *touched;
    int count, level;

    pano_mesh_view_init(&mv, cam);
    level = pano_mesh_pick_level(m, mv.view.focal_px);
    pano_mesh_plan_init(&plan, &mv, m, level);
    count = pano_mesh_visible_tiles(&mv, m, level, ids, TILES_MAX);
    c.count = calloc((size_t)c.w * c.h, 1);
    touched = calloc((size_t)c.w * c.h, 1);
    for (int i = 0; i < count; i++) {
        struct pano_mesh_tile t = tile_buffers();
        int edges[PANO_MESH_SIDES];

        pano_mesh_plan_edges(&plan, ids[i], edges);
        pano_mesh_build_tile(&mv, m, ids[i],
                             pano_mesh_plan_quads(&plan, ids[i]), edges, ids[i],
                             0, 0, &t);
        check_vertices_project(&mv, m, ids[i], &t, 0, 0);
        rasterize(&c, &t, touched);
    }
    for (int p = 0; p < c.w * c.h; p++) {
        if (c.count[p] > 1 || (c.count[p] == 0 && !touched[p]))
            fail_msg("yaw %.1f pitch %.1f fov %.0f: pixel (%d, %d) is "
                     "covered %d times, expected once",
                     cam->yaw_deg, cam->pitch_deg, cam->fov_deg, p % c.w,
                     p / c.w, c.count[p]);
    }
    free(c.count);
    free(touched);
}

static void mesh_covers_every_pixel_once(void **state)
{
    static const double views[][3] = {
        {0, 0, 90},      {45, 35.26, 120}, {-179.9, 0, 60}, {10, 90, 120},
        {-60, -90, 100}, {90, 44, 20},     {135, -30, 110}, {0, 89, 75},
    };
    static const int sources[] = {4096, 5760};

    (void)state;
    for (size_t a = 0; a < sizeof(sources) / sizeof(sources[0]); a++) {
        struct pano_manifest m;

        pano_manifest_plan(&m, sources[a], sources[a] / 2);
        for (size_t i = 0; i < sizeof(views) / sizeof(views[0]); i++) {
            struct pano_camera wide =
                camera(views[i][0], views[i][1], views[i][2], 320, 180);
            struct pano_camera tall =
                camera(views[i][0], views[i][1], views[i][2], 135, 240);

            check_cover(&m, &wide);
            check_cover(&m, &tall);
        }
    }
}

/* Every on-screen edge vertex of a tile is also a vertex of the tile
 * across that edge, bit for bit (no T-junction, no crack). */
static bool on_tile_edge(const struct pano_manifest *m, struct pano_tile_id id,
                         const struct pano_mesh_vertex *v)
{
    struct pano_rect r = pano_manifest_tile_rect(m, id.level, id.row, id.col);
    int tw, th;
    double px, py;

    pano_mesh_texture_size(m, id, &tw, &th);
    px = v->u * tw - m->gutter;
    py = v->v * th - m->gutter;
    return fabs(px) < 1e-3 || fabs(py) < 1e-3 || fabs(px - r.w) < 1e-3 ||
           fabs(py - r.h) < 1e-3;
}

static void check_twins(const struct pano_manifest *m,
                        const struct pano_camera *cam, int *checked)
{
    static struct pano_mesh_vertex all[TILES_MAX][PANO_MESH_TILE_VERTICES_MAX];
    static int counts[TILES_MAX];
    struct pano_mesh_view mv;
    struct pano_mesh_plan plan;
    struct pano_tile_id ids[TILES_MAX];
    int count;

    pano_mesh_view_init(&mv, cam);
    for (int level = 0; level < m->level_count; level++) {
        pano_mesh_plan_init(&plan, &mv, m, level);
        count = pano_mesh_visible_tiles(&mv, m, level, ids, TILES_MAX);
        for (int i = 0; i < count; i++) {
            struct pano_mesh_tile t = {all[i], buffers.indices, 0, 0};
            int edges[PANO_MESH_SIDES];

            pano_mesh_plan_edges(&plan, ids[i], edges);
            pano_mesh_build_tile(&mv, m, ids[i],
                                 pano_mesh_plan_quads(&plan, ids[i]), edges,
                                 ids[i], 0, 0, &t);
            counts[i] = t.vertex_count;
        }
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < counts[i]; k++) {
                const struct pano_mesh_vertex *v = &all[i][k];
                bool found = false;

                if (!on_tile_edge(m, ids[i], v) || v->x < 1 || v->y < 1 ||
                    v->x > cam->width_px - 1 || v->y > cam->height_px - 1)
                    continue;
                for (int o = 0; o < count && !found; o++) {
                    for (int q = 0; o != i && q < counts[o] && !found; q++)
                        found = all[o][q].x == v->x && all[o][q].y == v->y;
                }
                if (!found)
                    fail_msg("yaw %.1f pitch %.1f level %d: edge vertex (%f, "
                             "%f) of tile %s %d_%d has no twin in its "
                             "neighbour",
                             cam->yaw_deg, cam->pitch_deg, level, v->x, v->y,
                             pano_face_name(ids[i].face), ids[i].row,
                             ids[i].col);
                (*checked)++;
            }
        }
    }
}

/* Every on-screen edge vertex of a tile is also a vertex of the tile
 * across that edge, bit for bit (no T-junction, no crack), where grids of
 * different sizes meet too. */
static void edge_vertices_match_across_tiles_and_faces(void **state)
{
    static const double views[][3] = {
        {45, 35.26, 100}, /* a cube corner in the middle of the screen */
        {0, 0, 90},       /* the front square on, its neighbours oblique */
        {30, 20, 60},     {-135, -35.26, 110}, {170, 80, 90},
    };
    static const int sources[] = {5760, 8192}; /* faces 1536, 2048 */
    int checked = 0;

    (void)state;
    for (size_t a = 0; a < sizeof(sources) / sizeof(sources[0]); a++) {
        struct pano_manifest m;

        pano_manifest_plan(&m, sources[a], sources[a] / 2);
        for (size_t i = 0; i < sizeof(views) / sizeof(views[0]); i++) {
            struct pano_camera cam =
                camera(views[i][0], views[i][1], views[i][2], 640, 480);

            check_twins(&m, &cam, &checked);
        }
    }
    assert_true(checked > 1000);
}

/* A face seen square on needs almost no grid; an oblique one a fine one. */
static void grids_follow_how_obliquely_a_face_is_seen(void **state)
{
    struct pano_manifest m;
    struct pano_mesh_view mv;
    struct pano_mesh_plan plan;
    struct pano_camera cam = camera(0, 0, 90, 1920, 1080);
    struct pano_tile_id centre = {0, PANO_FACE_FRONT, 1, 1};
    struct pano_tile_id side = {0, PANO_FACE_RIGHT, 1, 0};
    int edges[PANO_MESH_SIDES];

    (void)state;
    pano_manifest_plan(&m, 8192, 4096);
    pano_mesh_view_init(&mv, &cam);
    pano_mesh_plan_init(&plan, &mv, &m, 0);
    assert_int_equal(pano_mesh_plan_quads(&plan, centre), PANO_MESH_QUADS_MIN);
    assert_true(pano_mesh_plan_quads(&plan, side) >= 8 * PANO_MESH_QUADS_MIN);
    /* Asked again: the same answer, from the plan's memory. */
    assert_int_equal(pano_mesh_plan_quads(&plan, centre), PANO_MESH_QUADS_MIN);

    /* Edges take the finer neighbour's grid, the same from both sides. */
    pano_mesh_plan_edges(&plan, centre, edges);
    for (int s = 0; s < PANO_MESH_SIDES; s++) {
        struct pano_tile_id n = pano_mesh_neighbour(&m, centre, s);
        int theirs[PANO_MESH_SIDES];

        pano_mesh_plan_edges(&plan, n, theirs);
        assert_int_equal(edges[s], theirs[(s + 2) % PANO_MESH_SIDES]);
        assert_true(edges[s] >= pano_mesh_plan_quads(&plan, n));
    }
}

static void neighbours_across_face_edges(void **state)
{
    struct pano_manifest m;
    struct pano_tile_id front_top_left = {0, PANO_FACE_FRONT, 0, 0};
    struct pano_tile_id n;

    (void)state;
    pano_manifest_plan(&m, 8192, 4096); /* 4 x 4 tiles a face */
    n = pano_mesh_neighbour(&m, front_top_left, PANO_MESH_LEFT);
    assert_int_equal(n.face, PANO_FACE_LEFT); /* its right column */
    assert_int_equal(n.row, 0);
    assert_int_equal(n.col, 3);
    n = pano_mesh_neighbour(&m, front_top_left, PANO_MESH_TOP);
    assert_int_equal(n.face, PANO_FACE_UP); /* its bottom row */
    assert_int_equal(n.row, 3);
    assert_int_equal(n.col, 0);
    n = pano_mesh_neighbour(&m, front_top_left, PANO_MESH_RIGHT);
    assert_int_equal(n.face, PANO_FACE_FRONT);
    assert_int_equal(n.row, 0);
    assert_int_equal(n.col, 1);
}

/* ---- interpolation error ---- */

/* Exact texture position (in texels of the tile's own texture) of the
 * ray through a screen point. */
static void true_texel(const struct pano_manifest *m, struct pano_tile_id id,
                       struct pano_vec3 d, double *tx, double *ty)
{
    const struct pano_face_axes *ax = pano_face_axes(id.face);
    double depth = pano_vec3_dot(d, ax->forward);
    double s = pano_vec3_dot(d, ax->right) / depth;
    double t = pano_vec3_dot(d, ax->down) / depth;
    int f = m->levels[id.level].face_size;
    struct pano_rect r = pano_manifest_tile_rect(m, id.level, id.row, id.col);

    *tx = (s + 1) / 2 * f - r.x + m->gutter;
    *ty = (t + 1) / 2 * f - r.y + m->gutter;
}

static const double bary[][3] = {
    {1 / 3.0, 1 / 3.0, 1 / 3.0},
    {0.5, 0.5, 0},
    {0, 0.5, 0.5},
    {0.5, 0, 0.5},
    {0.6, 0.2, 0.2},
    {0.2, 0.6, 0.2},
    {0.2, 0.2, 0.6},
};

/* Largest affine error, in texels (scaled up where magnified), over
 * sample points of the tile's triangles that are on screen. */
static double tile_affine_error(const struct pano_mesh_view *mv,
                                const struct pano_manifest *m,
                                struct pano_tile_id id,
                                const struct pano_mesh_tile *t, double magnify)
{
    double worst = 0;
    int tw, th;

    pano_mesh_texture_size(m, id, &tw, &th);
    for (int k = 0; k < t->index_count; k += 3) {
        const struct pano_mesh_vertex *v[3] = {&t->vertices[t->indices[k]],
                                               &t->vertices[t->indices[k + 1]],
                                               &t->vertices[t->indices[k + 2]]};

        for (size_t b = 0; b < sizeof(bary) / sizeof(bary[0]); b++) {
            double x = 0, y = 0, u = 0, w = 0, tx, ty;

            for (int c = 0; c < 3; c++) {
                x += bary[b][c] * v[c]->x;
                y += bary[b][c] * v[c]->y;
                u += bary[b][c] * v[c]->u;
                w += bary[b][c] * v[c]->v;
            }
            if (x < 0 || y < 0 || x > mv->view.width_px ||
                y > mv->view.height_px)
                continue;
            true_texel(m, id, pano_view_ray(&mv->view, x, y), &tx, &ty);
            worst = fmax(worst, magnify * fabs(u * tw - tx));
            worst = fmax(worst, magnify * fabs(w * th - ty));
        }
    }
    return worst;
}

static double view_affine_error(const struct pano_manifest *m,
                                const struct pano_camera *cam,
                                int *triangles_out, int *level_out)
{
    struct pano_mesh_view mv;
    struct pano_mesh_plan plan;
    struct pano_tile_id ids[TILES_MAX];
    double worst = 0;
    int level, count, triangles = 0;

    pano_mesh_view_init(&mv, cam);
    level = pano_mesh_pick_level(m, mv.view.focal_px);
    pano_mesh_plan_init(&plan, &mv, m, level);
    count = pano_mesh_visible_tiles(&mv, m, level, ids, TILES_MAX);
    for (int i = 0; i < count; i++) {
        struct pano_mesh_tile t = tile_buffers();
        double magnify =
            fmax(1, mv.view.focal_px / pano_mesh_level_density(m, level));
        int edges[PANO_MESH_SIDES];

        pano_mesh_plan_edges(&plan, ids[i], edges);
        triangles += pano_mesh_build_tile(&mv, m, ids[i],
                                          pano_mesh_plan_quads(&plan, ids[i]),
                                          edges, ids[i], 0, 0, &t);
        worst = fmax(worst, tile_affine_error(&mv, m, ids[i], &t, magnify));
    }
    *triangles_out = triangles;
    *level_out = level;
    return worst;
}

static void affine_error_stays_under_the_bound(void **state)
{
    static const double fovs[] = {20, 40, 60, 90, 100, 120};
    static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {640, 360}};
    struct pano_manifest m;
    double overall = 0;

    (void)state;
    pano_manifest_plan(&m, 8192, 4096);
    for (size_t a = 0; a < sizeof(sizes) / sizeof(sizes[0]); a++) {
        for (size_t b = 0; b < sizeof(fovs) / sizeof(fovs[0]); b++) {
            struct pano_camera cam =
                camera(30, 20, fovs[b], sizes[a][0], sizes[a][1]);
            int triangles, level;
            double e = view_affine_error(&m, &cam, &triangles, &level);

            print_message("affine error %4dx%-4d fov %3.0f: level %d, %5d "
                          "triangles, max %.3f texels\n",
                          sizes[a][0], sizes[a][1], fovs[b], level, triangles,
                          e);
            if (e > AFFINE_ERROR_LIMIT)
                fail_msg("%dx%d fov %.0f: expected an error <= %.2f, got %.3f",
                         sizes[a][0], sizes[a][1], fovs[b], AFFINE_ERROR_LIMIT,
                         e);
            overall = fmax(overall, e);
        }
    }
    print_message("affine error: worst %.3f texels (bound %.2f)\n", overall,
                  PANO_MESH_MAX_ERROR_TEXELS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(level_is_coarsest_at_least_as_dense_as_screen),
        cmocka_unit_test(level_examples_for_the_kiosk),
        cmocka_unit_test(culling_keeps_exactly_the_tiles_in_view),
        cmocka_unit_test(straight_up_and_down_views_cull_correctly),
        cmocka_unit_test(looking_up_keeps_no_tile_of_the_floor),
        cmocka_unit_test(vertices_are_projected_face_points),
        cmocka_unit_test(ancestor_coordinates_point_at_the_same_face_pixels),
        cmocka_unit_test(mesh_covers_every_pixel_once),
        cmocka_unit_test(edge_vertices_match_across_tiles_and_faces),
        cmocka_unit_test(grids_follow_how_obliquely_a_face_is_seen),
        cmocka_unit_test(neighbours_across_face_edges),
        cmocka_unit_test(affine_error_stays_under_the_bound),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
