/*
 * pano_mesh: the CPU half of drawing a view: which level, which tiles,
 * and each tile as a grid of screen-space triangles with texture
 * coordinates. No GPU and no SDL here, so all of it is unit-tested.
 *
 * Level: the screen shows focal_px pixels per radian at the view centre;
 * level k's faces hold face_size / 2 texels per radian at a face centre.
 * The level drawn is the coarsest one still at least as dense as the
 * screen (so a texel never shrinks to less than half a pixel, where
 * bilinear filtering without mipmaps starts to shimmer), or level 0 when
 * even that one is coarser than the screen.
 *
 * Culling: a tile and the view are both convex cones from the centre of
 * the cube (a tile's edges are straight on its face, so great circles on
 * the sphere). A tile is drawn unless a plane through the centre
 * separates the two cones; the planes tried are the view's four sides,
 * the tile's four sides, and those through one edge ray of each, which
 * is exact for convex cones. The view is widened by a margin of half a
 * pixel so rounding never drops a tile at the screen's edge.
 *
 * Grid: SDL_RenderGeometry interpolates texture coordinates linearly in
 * screen space, not in perspective, so each tile is cut into quads small
 * enough that the difference stays under PANO_MESH_MAX_ERROR_TEXELS. A
 * face and the screen are both planes through the eye, so the error
 * depends on how obliquely the face is seen: none on a face seen square
 * on, most on a face at the screen's edge. Each tile therefore gets its
 * own grid: the error is measured on a coarse trial grid of the tile (the
 * midpoints of the quads' edges and diagonals, projected exactly, against
 * the average of their ends' projections, over the quads on screen) and
 * scaled by the square of the quad size, which it follows. Grids are
 * powers of two of quads per 512 face pixels, all aligned on the face, so
 * a coarser grid's lines are also a finer one's; an edge shared with a
 * tile of a finer grid takes that tile's vertices too (the quads along it
 * are cut into fans), so the mesh has no T-junctions. Face coordinates
 * are computed so that s(F - x) = -s(x) exactly: tiles and faces that
 * share an edge share its vertices bit for bit, so the mesh has no
 * cracks.
 *
 * Quads with a vertex behind the camera or nearly at its side are
 * dropped: the cone they are dropped beyond is the view's corner angle
 * plus one and a half quad diagonals, so such a quad lies wholly outside
 * the view; grids are never so coarse that this cone would pass 89
 * degrees. Quads wholly off one side of the screen are dropped too.
 *
 * Texture coordinates: a tile's texture is its face pixels plus the
 * gutter, so face pixel edge p (counted from the tile's corner) is at
 * (gutter + p) / texture_size. A tile may be drawn from a coarser level's
 * texture (its ancestor), with the sub-rectangle's coordinates.
 *
 * Plain values and caller-owned buffers; any thread.
 */
#ifndef VITRINE_PANO_MESH_H
#define VITRINE_PANO_MESH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pano_camera.h"
#include "pano_manifest.h"
#include "pano_math.h"
#include "pano_tile.h"

/* Quads per 512 face pixels are a power of two within these bounds. */
enum {
    PANO_MESH_QUADS_MIN = 2,
    PANO_MESH_QUADS_MAX = 64,
    /* Vertices and indices of one tile's grid, at most: the grid, the
     * extra vertices of its four edges, one more triangle for each. */
    PANO_MESH_TILE_VERTICES_MAX =
        (PANO_MESH_QUADS_MAX + 1) * (PANO_MESH_QUADS_MAX + 1) +
        4 * PANO_MESH_QUADS_MAX,
    PANO_MESH_TILE_INDICES_MAX =
        (PANO_MESH_QUADS_MAX * PANO_MESH_QUADS_MAX + 4 * PANO_MESH_QUADS_MAX) *
        6,
    /* Tiles per face side the plan keeps grids for (faces to 8192 px). */
    PANO_MESH_PLAN_TILES_PER_SIDE = 16,
};

/* A tile's edges, in the order pano_mesh_plan_edges fills them. */
enum pano_mesh_side {
    PANO_MESH_TOP,
    PANO_MESH_RIGHT,
    PANO_MESH_BOTTOM,
    PANO_MESH_LEFT,
    PANO_MESH_SIDES,
};

/*
 * The screen-space interpolation error the grid is sized for, in texels
 * (or in screen pixels where the level is magnified). A third of a texel
 * is invisible and keeps PSNR against the exact renderer above 40 dB;
 * halving it doubles the triangles, which SDL's queueing and a CPU
 * rasterizer pay for per vertex.
 */
#define PANO_MESH_MAX_ERROR_TEXELS 0.35

/* Pixels the view is widened by for culling and for dropping quads. */
#define PANO_MESH_VIEW_MARGIN_PX 0.5

/* Screen position and texture coordinates, as SDL_RenderGeometryRaw
 * reads them (position at offset 0, uv at offset 8, 16-byte stride). */
struct pano_mesh_vertex {
    float x, y;
    float u, v;
};

/* A view prepared for culling and projection; see pano_mesh_view_init. */
struct pano_mesh_view {
    struct pano_view view;
    double corner_angle;         /* radians from the axis to a corner */
    struct pano_vec3 corners[4]; /* rays through the widened corners */
    struct pano_vec3 sides[4];   /* inward normals of the view's sides */
    /* Per face: the direction's right, up and forward view components as
     * constant + s * a + t * b. */
    double coeff[PANO_FACE_COUNT][3][3];
};

/* One tile's grid, built into caller-owned arrays of the _MAX sizes. */
struct pano_mesh_tile {
    struct pano_mesh_vertex *vertices;
    uint16_t *indices;
    int vertex_count;
    int index_count;
};

void pano_mesh_view_init(struct pano_mesh_view *mv,
                         const struct pano_camera *camera);

/* Texels per radian of a level at a face centre. */
double pano_mesh_level_density(const struct pano_manifest *m, int level);

/* The level to draw at focal_px screen pixels per radian (see above). */
int pano_mesh_pick_level(const struct pano_manifest *m, double focal_px);

/* Whether any part of the tile is inside the view. */
bool pano_mesh_tile_visible(const struct pano_mesh_view *mv,
                            const struct pano_manifest *m,
                            struct pano_tile_id id);

/* The tiles of a level inside the view, face by face, row by row; at most
 * max are written, the count of all is returned. */
int pano_mesh_visible_tiles(const struct pano_mesh_view *mv,
                            const struct pano_manifest *m, int level,
                            struct pano_tile_id *out, int max);

/*
 * The grids of one level's tiles in one view, each worked out when first
 * asked for and kept (see Grid above). A plain value, made per frame;
 * it refers to mv and m, which must outlive it.
 */
struct pano_mesh_plan {
    const struct pano_mesh_view *mv;
    const struct pano_manifest *m;
    int level;
    uint8_t quads[PANO_FACE_COUNT][PANO_MESH_PLAN_TILES_PER_SIDE]
                 [PANO_MESH_PLAN_TILES_PER_SIDE]; /* 0: not yet */
};

void pano_mesh_plan_init(struct pano_mesh_plan *plan,
                         const struct pano_mesh_view *mv,
                         const struct pano_manifest *m, int level);

/* Quads per 512 face pixels for tile id (of the plan's level). */
int pano_mesh_plan_quads(struct pano_mesh_plan *plan, struct pano_tile_id id);

/* Quads per 512 face pixels along each edge of tile id: the finer of its
 * own grid and that of the tile across the edge. */
void pano_mesh_plan_edges(struct pano_mesh_plan *plan, struct pano_tile_id id,
                          int edges[PANO_MESH_SIDES]);

/* The tile across one edge of id, on the same face or the next one. */
struct pano_tile_id pano_mesh_neighbour(const struct pano_manifest *m,
                                        struct pano_tile_id id,
                                        enum pano_mesh_side side);

/* The tile of a coarser (or the same) level that covers id. */
struct pano_tile_id pano_mesh_ancestor(const struct pano_manifest *m,
                                       struct pano_tile_id id, int level);

/* Face coordinate s (or t) of face pixel edge numerator / denominator,
 * computed so that the mirrored edge gives exactly -s. */
double pano_mesh_face_coord(long numerator, long denominator, int face_size);

/* Texture size of a tile: its face pixels plus the gutter. */
void pano_mesh_texture_size(const struct pano_manifest *m,
                            struct pano_tile_id id, int *width, int *height);

/*
 * Builds tile id's grid at `quads` per 512 face pixels, with edges[side]
 * (a multiple of quads; NULL: all quads) along each edge, textured from
 * tile src (id itself or pano_mesh_ancestor of it), offset by
 * (offset_x, offset_y) on the screen. Returns the number of triangles.
 */
int pano_mesh_build_tile(const struct pano_mesh_view *mv,
                         const struct pano_manifest *m, struct pano_tile_id id,
                         int quads, const int *edges, struct pano_tile_id src,
                         float offset_x, float offset_y,
                         struct pano_mesh_tile *out);

#endif
