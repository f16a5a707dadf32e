/*
 * pano_bake_equirect: the reader that turns an equirectangular source into
 * bordered cube faces for pano_bake_out (internal to the library).
 *
 * The source is decoded once, top to bottom, in bands of rows; it is
 * never whole in memory. Each face pixel is filled by a bilinear sample of
 * the source (wrapping across the 0/360 seam, clamped at the poles) in the
 * band that holds both rows it blends. A face is allocated when the bands
 * reach the first source row it needs and handed over as soon as they
 * pass the last. At most five of the six faces are alive at once, which
 * for an 8192 x 4096 source is about 63 MB.
 *
 * Each face is computed with a border beyond its edge (the face plane
 * extended, which gives the neighbouring face's directions), so every
 * tile's gutter is real neighbouring pixels across face edges.
 */
#ifndef VITRINE_PANO_BAKE_EQUIRECT_H
#define VITRINE_PANO_BAKE_EQUIRECT_H

#include "pano_bake_out.h"

/* Plans out->m from the source's size, opens out at out_dir and hands it
 * all six faces. */
enum pano_result pano_bake_equirect(const char *source_path,
                                    struct pano_bake_out *out,
                                    const char *out_dir, struct pano_err *err);

#endif
