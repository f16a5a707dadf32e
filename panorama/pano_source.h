/*
 * pano_source: an equirectangular JPEG or PNG, or one cube face, read row
 * by row, top to bottom, so that no caller ever needs the whole decoded
 * picture.
 *
 * Opening checks everything the header can tell: the path is a readable,
 * non-empty file, it is a JPEG or a PNG, and its size is 2:1 (one pixel of
 * slack) between 512x256 and 16384x8192, or for a face square between
 * PANO_FACE_MIN_PX and PANO_FACE_MAX_PX a side. Damage in the data (a truncated
 * file, corrupt entropy data, bad CRCs) shows up while rows are read. All
 * these are PANO_E_INPUT, with a message that names the file.
 *
 * Rows come out as RGB, 3 bytes per pixel: grey and palette images are
 * expanded, 16-bit channels are cut to 8, alpha is dropped (a panorama has
 * nothing transparent). A JPEG can be decoded at 1/2, 1/4 or 1/8 scale by
 * libjpeg's DCT scaling, which costs far less than a full decode; a PNG
 * always decodes at full size (the info says which size came out).
 * Interlaced PNGs and CMYK JPEGs are refused. A progressive JPEG works but
 * libjpeg then buffers its coefficients for the whole picture.
 *
 * A source is used by one thread at a time (the loader thread in the
 * kiosk); the caller owns it and destroys it.
 */
#ifndef VITRINE_PANO_SOURCE_H
#define VITRINE_PANO_SOURCE_H

#include <stdint.h>

#include "pano_error.h"
#include "pano_image.h"

enum {
    PANO_SOURCE_MIN_WIDTH = 512,
    PANO_SOURCE_MIN_HEIGHT = 256,
    PANO_SOURCE_MAX_WIDTH = 16384,
    PANO_SOURCE_MAX_HEIGHT = 8192,
    /* A face of 4096 px has the detail of the largest equirect (16384 /
     * 4 px a quarter turn) and is also its largest level 0; below 256 px
     * (under 3 px a degree) a face is a thumbnail, not a panorama. */
    PANO_FACE_MIN_PX = 256,
    PANO_FACE_MAX_PX = 4096,
};

enum pano_source_format {
    PANO_SOURCE_JPEG,
    PANO_SOURCE_PNG,
};

struct pano_source_info {
    enum pano_source_format format;
    int full_width, full_height; /* as the file says */
    int width, height;           /* of the rows delivered */
    int scale_denom;             /* 1, 2, 4 or 8 */
};

struct pano_source;

/*
 * Opens path and checks its header. scale_denom is 1, 2, 4 or 8 (JPEG
 * only; PNGs ignore it). On success *out is the caller's.
 */
enum pano_result pano_source_open(const char *path, int scale_denom,
                                  struct pano_source **out,
                                  struct pano_err *err);

/* Opens one cube face at full scale: square, PANO_FACE_MIN_PX to
 * PANO_FACE_MAX_PX a side. */
enum pano_result pano_source_open_face(const char *path,
                                       struct pano_source **out,
                                       struct pano_err *err);

const struct pano_source_info *pano_source_info(const struct pano_source *src);

/*
 * Decodes up to max_rows next rows into rgb (width * 3 bytes a row,
 * packed) and sets *rows_read; 0 rows means the picture is complete. The
 * call that returns the last row also checks the end of the file. After an
 * error the source can only be destroyed.
 */
enum pano_result pano_source_read_rows(struct pano_source *src, uint8_t *rgb,
                                       int max_rows, int *rows_read,
                                       struct pano_err *err);

/* NULL is a no-op. */
void pano_source_destroy(struct pano_source *src);

/*
 * The whole picture in memory, for tests and tools (the reference
 * renderer's ground truth). The kiosk never does this with a big source.
 */
enum pano_result pano_image_load(const char *path, int scale_denom,
                                 struct pano_image *out, struct pano_err *err);

#endif
