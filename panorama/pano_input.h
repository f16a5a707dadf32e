/*
 * pano_input: what a scene is made from, either one equirectangular
 * picture or six cube faces.
 *
 * The six faces are separate JPEG or PNG files, square and all of one
 * size, indexed by enum pano_face and oriented exactly as pano_math.h
 * says: each seen from the centre of the cube, upright and unmirrored;
 * front looks along +z, right +x, back -z, left -x; the up face has its
 * image top towards the back and the down face its top towards the front.
 * That is also the front/right/back/left/up/down set that web panorama
 * viewers take, so a camera's "cube map" export can be used as it is.
 *
 * An input only points at its paths; the caller keeps them alive, or
 * copies them into a pano_input_store. Plain data; any thread.
 */
#ifndef VITRINE_PANO_INPUT_H
#define VITRINE_PANO_INPUT_H

#include <stdbool.h>

#include "pano_error.h"
#include "pano_math.h"

enum pano_input_kind {
    PANO_INPUT_EQUIRECT, /* one 2:1 picture */
    PANO_INPUT_FACES,    /* six square pictures */
};

struct pano_input {
    const char *equirect;               /* NULL when the faces are used */
    const char *faces[PANO_FACE_COUNT]; /* by enum pano_face */
};

/* The order in which people and tools list the faces: front, right,
 * back, left, up, down. */
extern const enum pano_face pano_input_face_order[PANO_FACE_COUNT];

enum pano_input_kind pano_input_kind(const struct pano_input *in);

/* PANO_E_INPUT unless exactly one of equirect and all six faces is set. */
enum pano_result pano_input_check(const struct pano_input *in,
                                  struct pano_err *err);

/* The path that stands for the input in messages: the equirect, or the
 * front face. Never NULL. */
const char *pano_input_label(const struct pano_input *in);

/* An input that owns copies of its paths. */
struct pano_input_store {
    struct pano_input input; /* points into paths */
    char *paths[1 + PANO_FACE_COUNT];
};

/* False when out of memory (nothing is then held). */
bool pano_input_store_init(struct pano_input_store *store,
                           const struct pano_input *in);
void pano_input_store_finish(struct pano_input_store *store);

#endif
