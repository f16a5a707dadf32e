/*
 * pano_bake: an equirectangular source, or six cube faces (pano_input.h),
 * turned into cube-face tiles at several levels (the layout is in
 * pano_manifest.h).
 *
 * A reader makes each face's level 0 with a border beyond its edge:
 * pano_bake_equirect.h samples the equirect in bands of rows,
 * pano_bake_faces.h copies or resamples each face and takes its border
 * from its neighbours' edges. The border is the gutter at the coarsest
 * level and doubles at each finer one, so it halves down with the faces
 * and every tile's gutter is real neighbouring pixels, across tile and
 * face edges alike. Then pano_bake_out.h makes the coarser levels by 2x2
 * box filtering, writes all the face's tiles and frees it. Neither reader
 * holds a whole source or all six faces in memory.
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
#include "pano_input.h"
#include "pano_manifest.h"

/* fraction grows from 0 to 1; the last call has exactly 1. */
typedef void (*pano_progress_fn)(void *user, double fraction);

struct pano_bake_options {
    pano_progress_fn progress; /* may be NULL */
    void *user;
    const atomic_bool *cancel; /* may be NULL */
    /* The input's pano_input_hash when the caller has it already. */
    const char *content_hash;
};

struct pano_bake_summary {
    struct pano_manifest manifest;
    int tiles_written;
    bool reused; /* set by pano_bake_cached when nothing was baked */
};

/*
 * Bakes the input into out_dir. options and summary may be NULL.
 * Bad sources are PANO_E_INPUT, write failures PANO_E_IO, a set cancel
 * flag PANO_E_CANCELLED.
 */
enum pano_result pano_bake_input(const struct pano_input *in,
                                 const char *out_dir,
                                 const struct pano_bake_options *options,
                                 struct pano_bake_summary *summary,
                                 struct pano_err *err);

/* pano_bake_input of one equirect file. */
enum pano_result pano_bake(const char *source_path, const char *out_dir,
                           const struct pano_bake_options *options,
                           struct pano_bake_summary *summary,
                           struct pano_err *err);

#endif
