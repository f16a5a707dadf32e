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
 * enough that the difference stays under PANO_MESH_MAX_ERROR_TEXELS. The
 * error of a quad that spans q texels of a level of d texels per radian,
 * seen at an angle a from the view axis, is about q^2 tan(a) / (2 d)
 * texels; the quad size is chosen per level and per view from the view's
 * corner angle. Quads are a whole number of face pixels apart on a grid
 * that is the same across the whole face and symmetric about its centre,
 * and face coordinates are computed so that s(F - x) = -s(x) exactly:
 * tiles and faces that share an edge share its vertices bit for bit, so
 * the mesh has no cracks.
 *
 * Quads with a vertex behind the camera or nearly at its side are
 * dropped: with FOV <= 120 and quads of a degree or two, such a quad lies
 * wholly outside the view. Quads wholly off one side of the screen are
 * dropped too.
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

/* Quads per 512 face pixels are kept within these bounds. */
enum {
    PANO_MESH_QUADS_MIN = 4,
    PANO_MESH_QUADS_MAX = 64,
    /* Vertices and indices of one tile's grid, at most. */
    PANO_MESH_TILE_VERTICES_MAX =
        (PANO_MESH_QUADS_MAX + 1) * (PANO_MESH_QUADS_MAX + 1),
    PANO_MESH_TILE_INDICES_MAX = PANO_MESH_QUADS_MAX * PANO_MESH_QUADS_MAX * 6,
};

/*
 * The screen-space interpolation error the grid is sized for, in texels
 * (or in screen pixels where the level is magnified). A third of a texel
 * is invisible and keeps PSNR against the exact renderer above 40 dB;
 * halving it doubles the triangles (about 9,000 vertices at 1920x1080,
 * FOV 90), which SDL's queueing and a CPU rasterizer pay for per vertex.
 */
#define PANO_MESH_MAX_ERROR_TEXELS 0.35

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

/* Quads per 512 face pixels for a level in this view (a whole number of
 * them fits every tile of the level). */
int pano_mesh_grid_quads(const struct pano_mesh_view *mv,
                         const struct pano_manifest *m, int level);

/* The tile of a coarser (or the same) level that covers id. */
struct pano_tile_id pano_mesh_ancestor(const struct pano_manifest *m,
                                       struct pano_tile_id id, int level);

/* Texture size of a tile: its face pixels plus the gutter. */
void pano_mesh_texture_size(const struct pano_manifest *m,
                            struct pano_tile_id id, int *width, int *height);

/*
 * Builds tile id's grid at `quads` per 512 face pixels, textured from
 * tile src (id itself or pano_mesh_ancestor of it), offset by
 * (offset_x, offset_y) on the screen. Returns the number of triangles.
 */
int pano_mesh_build_tile(const struct pano_mesh_view *mv,
                         const struct pano_manifest *m, struct pano_tile_id id,
                         int quads, struct pano_tile_id src, float offset_x,
                         float offset_y, struct pano_mesh_tile *out);

#endif
