/*
 * pano_bake_faces: the reader that turns six cube-face pictures
 * (pano_input.h) into bordered level-0 faces for pano_bake_out (internal
 * to the library).
 *
 * First every face's header is read, so a file that is missing, not a
 * JPEG or PNG, not square, out of size or unlike the others is named
 * before any work. Level 0 follows pano_manifest_plan_faces.
 *
 * Two passes keep memory bounded. Pass 1 decodes each face once,
 * streaming, and keeps only strips along its four edges, as deep as the
 * level-0 border plus the bilinear footprint (corners included, as the
 * top and bottom strips run the full width); damage anywhere in a file
 * shows up here, before a tile is written. Pass 2 decodes one face at a
 * time. When its size is the level-0 size its pixels are copied exactly;
 * otherwise the whole face is held once and resampled bilinearly. Either
 * way each border pixel takes the direction of the extended face plane
 * (pano_face_dir), finds the neighbouring face and point it falls on
 * (pano_face_from_dir) and samples that face's strips. So at most one
 * face, its level 0 and the strips are in memory: 51 MB for a 4096 px
 * face that is copied, at most 101 MB for a 4095 px one resampled to 4096.
 */
#ifndef VITRINE_PANO_BAKE_FACES_H
#define VITRINE_PANO_BAKE_FACES_H

#include "pano_bake_out.h"
#include "pano_input.h"

/* Checks the six files, plans out->m, opens out at out_dir and hands it
 * all six faces. in must hold six faces (pano_input_check). */
enum pano_result pano_bake_faces(const struct pano_input *in,
                                 struct pano_bake_out *out, const char *out_dir,
                                 struct pano_err *err);

#endif
