/*
 * pano_bake: an equirectangular source turned into cube-face tiles at
 * several levels (the layout is in pano_manifest.h).
 *
 * The source is decoded once, top to bottom, in bands of rows; it is
 * never whole in memory. Each face pixel is filled by a bilinear sample of
 * the source (wrapping across the 0/360 seam, clamped at the poles) in the
 * band that holds both rows it blends. A face is allocated when the bands
 * reach the first source row it needs and finished as soon as they pass
 * the last: its coarser levels are made by 2x2 box filtering of the finer
 * ones, all its tiles are written and its memory is freed. At most five of
 * the six faces are alive at once, which for an 8192 x 4096 source is
 * about 63 MB.
 *
 * Each face is computed with a border beyond its edge (the face plane
 * extended, which gives the neighbouring face's directions). The border is
 * the gutter at the coarsest level and doubles at each finer one, so it
 * halves down with the faces and every tile's gutter is real neighbouring
 * pixels, across tile and face edges alike.
 *
 * The bake is written into a hidden folder beside out_dir and renamed into
 * place when complete, with every file flushed first; a failed or
 * cancelled bake removes its folder. An existing out_dir is replaced only
 * if it is empty or an earlier bake.
 *
 * Runs on the caller's thread (the kiosk's loader thread). The progress
 * callback is called on that thread; the cancel flag may be set from any
 * thread and is checked between bands and between tiles.
 */
#ifndef VITRINE_PANO_BAKE_H
#define VITRINE_PANO_BAKE_H

#include <stdatomic.h>
#include <stdbool.h>

#include "pano_error.h"
#include "pano_manifest.h"

/* fraction grows from 0 to 1; the last call has exactly 1. */
typedef void (*pano_progress_fn)(void *user, double fraction);

struct pano_bake_options {
    pano_progress_fn progress; /* may be NULL */
    void *user;
    const atomic_bool *cancel; /* may be NULL */
    /* The source's pano_content_hash when the caller has it already. */
    const char *content_hash;
};

struct pano_bake_summary {
    struct pano_manifest manifest;
    int tiles_written;
    bool reused; /* set by pano_bake_cached when nothing was baked */
};

/*
 * Bakes source_path into out_dir. options and summary may be NULL.
 * Bad sources are PANO_E_INPUT, write failures PANO_E_IO, a set cancel
 * flag PANO_E_CANCELLED.
 */
enum pano_result pano_bake(const char *source_path, const char *out_dir,
                           const struct pano_bake_options *options,
                           struct pano_bake_summary *summary,
                           struct pano_err *err);

#endif
