/*
 * pano_bake_out: the output half of a bake, shared by the equirect and
 * the cube-face readers (internal to the library).
 *
 * A reader plans the manifest, opens the output (a hidden folder beside
 * out_dir with one folder per level), and hands over each face as its
 * bordered level 0: a square of the level-0 face size plus
 * pano_manifest_border(m, 0) pixels of real neighbouring picture on every
 * side. pano_bake_out_face makes the coarser levels by 2x2 box filtering,
 * writes every tile with its gutter and frees the face. pano_bake_out_install
 * writes the manifest and renames the folder into place; finishing an
 * output that was not installed removes its folder.
 *
 * Progress is decoded (set by the reader, 0..1) and tiles written, mixed
 * in fixed shares; the cancel flag is checked between tiles and whenever
 * a reader asks. Same thread rules as pano_bake.
 */
#ifndef VITRINE_PANO_BAKE_OUT_H
#define VITRINE_PANO_BAKE_OUT_H

#include <limits.h>
#include <stdbool.h>

#include "pano_bake.h"
#include "pano_image.h"
#include "pano_manifest.h"
#include "pano_math.h"

struct pano_bake_out {
    const struct pano_bake_options *opt;
    const char *label; /* the input, as messages name it */
    struct pano_manifest m;
    char content_hash[PANO_HASH_HEX_LEN + 1];
    char tmp_dir[PATH_MAX];
    int tiles_written, tiles_total;
    double decoded; /* the reader's share done, 0..1 */
    double reported;
};

void pano_bake_out_init(struct pano_bake_out *out,
                        const struct pano_bake_options *opt, const char *label);

/* Removes the hidden folder unless installed. */
void pano_bake_out_finish(struct pano_bake_out *out);

/* Makes the hidden folder for out->m, which the reader has planned. */
enum pano_result pano_bake_out_open(struct pano_bake_out *out,
                                    const char *out_dir, struct pano_err *err);

/* Levels and tiles of one face from its bordered level 0, which it frees
 * (also on failure). */
enum pano_result pano_bake_out_face(struct pano_bake_out *out,
                                    enum pano_face face,
                                    struct pano_image *level0,
                                    struct pano_err *err);

enum pano_result pano_bake_out_install(struct pano_bake_out *out,
                                       const char *out_dir,
                                       struct pano_err *err);

enum pano_result pano_bake_out_check_cancel(const struct pano_bake_out *out,
                                            struct pano_err *err);

/* Reports decoded and tiles written (at most every half per cent). */
void pano_bake_out_progress(struct pano_bake_out *out);

/* Reports exactly 1. */
void pano_bake_out_done(struct pano_bake_out *out);

#endif
