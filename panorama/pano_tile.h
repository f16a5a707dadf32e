/*
 * pano_tile: one tile of a bake on disk, as a JPEG.
 *
 * A tile is its face pixels plus the gutter on every side (see
 * pano_manifest.h), at most 514 x 514 RGB pixels. Tiles are written with
 * quality 92 and full-resolution chroma, so the gutter a tile carries and
 * the edge its neighbour carries decode to nearly the same colours.
 *
 * pano_tile_load decodes into a buffer the caller owns: the renderer's
 * tile cache keeps one PANO_TILE_BYTES_MAX buffer per loader and uploads
 * from it. Loading and writing touch the file system: loader thread (any
 * thread, one tile buffer per thread).
 */
#ifndef VITRINE_PANO_TILE_H
#define VITRINE_PANO_TILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pano_error.h"
#include "pano_manifest.h"
#include "pano_math.h"

enum {
    PANO_TILE_PIXELS_MAX = PANO_TILE_SIZE + 2 * PANO_GUTTER,
    PANO_TILE_BYTES_MAX = PANO_TILE_PIXELS_MAX * PANO_TILE_PIXELS_MAX * 3,
    PANO_TILE_JPEG_QUALITY = 92,
};

struct pano_tile_id {
    int level;
    enum pano_face face;
    int row, col;
};

/* Caller-owned pixels; load sets width and height (gutter included). */
struct pano_tile {
    uint8_t *rgb;
    size_t capacity;
    int width, height;
};

/* bake_dir/L{level}/{face}_{row}_{col}.jpg; false if it does not fit. */
bool pano_tile_path(char *out, size_t size, const char *bake_dir,
                    struct pano_tile_id id);

/* Whether id names a tile of the bake m describes. */
bool pano_tile_id_valid(const struct pano_manifest *m, struct pano_tile_id id);

/*
 * Decodes a tile. Its size must be what the manifest says (tile rectangle
 * plus the gutter) and fit tile->capacity. A missing file is PANO_E_IO, a
 * damaged one PANO_E_INPUT.
 */
enum pano_result pano_tile_load(const char *bake_dir,
                                const struct pano_manifest *m,
                                struct pano_tile_id id, struct pano_tile *tile,
                                struct pano_err *err);

/* Encodes width x height RGB pixels (rows stride bytes apart) to path and
 * flushes the file to the disk. */
enum pano_result pano_tile_write(const char *path, const uint8_t *rgb,
                                 size_t stride, int width, int height,
                                 struct pano_err *err);

#endif
