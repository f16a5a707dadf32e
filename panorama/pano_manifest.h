/*
 * pano_manifest: the shape of a bake and the manifest.json that records it.
 *
 * A bake is six cube faces at several levels, each cut into tiles. Level 0
 * has face size F = W/4 rounded up to a multiple of 512 (W = source
 * width): at the centre of a face that matches the source's pixels per
 * degree, and every level-0 tile is a full 512. Level k has F / 2^k; the
 * last level is the first one of 512 px or less, so a 4096-wide source
 * gives 1024 and 512, an 8192-wide one 2048, 1024 and 512.
 *
 * A bake of six cube faces of S px follows the same rule with S in place
 * of W/4: level 0 is S rounded up to a multiple of 512 (so 2048 px faces
 * keep their pixels exactly and 1500 px ones become 1536). The manifest
 * then records the source as kind "faces", S x S; a manifest without a
 * kind (written before faces were read) is an equirect one.
 *
 * A tile holds at most 512 x 512 face pixels plus a gutter of 1 px on
 * every side copied from its neighbours (the next tile, or the adjacent
 * face), so bilinear filtering inside a tile never reads past its edge.
 * Tile (row, col) of a level covers face pixels from (col * 512,
 * row * 512); the last row and column may be narrower.
 *
 *   manifest.json           this record
 *   L{level}/{face}_{row}_{col}.jpg
 *
 * Plain data; any thread. Loading reads the file system (loader thread).
 */
#ifndef VITRINE_PANO_MANIFEST_H
#define VITRINE_PANO_MANIFEST_H

#include <stdbool.h>

#include "pano_error.h"
#include "pano_input.h"

enum {
    PANO_TILE_SIZE = 512,
    PANO_GUTTER = 1,
    PANO_LEVELS_MAX = 8,
    PANO_BAKE_VERSION = 1,
    PANO_HASH_HEX_LEN = 64,
};

#define PANO_MANIFEST_NAME "manifest.json"

struct pano_level_info {
    int face_size;      /* pixels per face side, gutter not counted */
    int tiles_per_side; /* the grid is tiles_per_side squared */
};

struct pano_manifest {
    int version;
    enum pano_input_kind source_kind;
    int source_width, source_height; /* of one face for PANO_INPUT_FACES */
    char content_hash[PANO_HASH_HEX_LEN + 1]; /* BLAKE2b-256, hex */
    int tile_size;
    int gutter;
    int level_count;
    struct pano_level_info levels[PANO_LEVELS_MAX];
};

struct pano_rect {
    int x, y, w, h;
};

/* Fills in everything but the hash for a source of that size. */
void pano_manifest_plan(struct pano_manifest *m, int source_width,
                        int source_height);

/* The same for six cube faces of face_px x face_px pixels. */
void pano_manifest_plan_faces(struct pano_manifest *m, int face_px);

/*
 * Extra face pixels the bake computes around level `level` beyond the face
 * edge: the gutter at the coarsest level, doubling towards level 0, so
 * that halving level k's bordered face gives level k+1's exactly.
 */
int pano_manifest_border(const struct pano_manifest *m, int level);

/* Tiles of all faces and levels. */
int pano_manifest_tile_count(const struct pano_manifest *m);

/* Face pixels of a tile, gutter not counted. */
struct pano_rect pano_manifest_tile_rect(const struct pano_manifest *m,
                                         int level, int row, int col);

/* Writes bake_dir/manifest.json and flushes it to the disk. */
enum pano_result pano_manifest_write(const char *bake_dir,
                                     const struct pano_manifest *m,
                                     struct pano_err *err);

/*
 * Reads bake_dir/manifest.json. A missing file is PANO_E_IO; a manifest of
 * another version or one that disagrees with this library's plan for its
 * source size is PANO_E_INPUT.
 */
enum pano_result pano_manifest_load(const char *bake_dir,
                                    struct pano_manifest *m,
                                    struct pano_err *err);

#endif
