#include "pano_input.h"

#include <stdlib.h>
#include <string.h>

const enum pano_face pano_input_face_order[PANO_FACE_COUNT] = {
    PANO_FACE_FRONT, PANO_FACE_RIGHT, PANO_FACE_BACK,
    PANO_FACE_LEFT,  PANO_FACE_UP,    PANO_FACE_DOWN,
};

enum pano_input_kind pano_input_kind(const struct pano_input *in)
{
    return in->equirect ? PANO_INPUT_EQUIRECT : PANO_INPUT_FACES;
}

enum pano_result pano_input_check(const struct pano_input *in,
                                  struct pano_err *err)
{
    int faces_given = 0;

    for (int f = 0; f < PANO_FACE_COUNT; f++)
        faces_given += in->faces[f] != NULL;
    if (in->equirect && faces_given > 0)
        return pano_fail(err, PANO_E_INPUT,
                         "%s: give an equirect picture or six faces, not both",
                         in->equirect);
    if (in->equirect)
        return PANO_OK;
    if (faces_given == 0)
        return pano_fail(err, PANO_E_INPUT, "no panorama picture given");
    for (int i = 0; i < PANO_FACE_COUNT; i++) {
        enum pano_face f = pano_input_face_order[i];

        if (!in->faces[f])
            return pano_fail(err, PANO_E_INPUT,
                             "%s: the %s face is missing (six are needed)",
                             pano_input_label(in), pano_face_name(f));
    }
    return PANO_OK;
}

const char *pano_input_label(const struct pano_input *in)
{
    if (in->equirect)
        return in->equirect;
    for (int i = 0; i < PANO_FACE_COUNT; i++) {
        const char *path = in->faces[pano_input_face_order[i]];

        if (path)
            return path;
    }
    return "(no picture)";
}

static bool copy_path(const char *from, char **to, const char **view)
{
    *view = NULL;
    if (!from)
        return true;
    *to = strdup(from);
    *view = *to;
    return *to != NULL;
}

bool pano_input_store_init(struct pano_input_store *store,
                           const struct pano_input *in)
{
    bool ok;

    *store = (struct pano_input_store){0};
    ok = copy_path(in->equirect, &store->paths[0], &store->input.equirect);
    for (int f = 0; ok && f < PANO_FACE_COUNT; f++)
        ok = copy_path(in->faces[f], &store->paths[1 + f],
                       &store->input.faces[f]);
    if (!ok)
        pano_input_store_finish(store);
    return ok;
}

void pano_input_store_finish(struct pano_input_store *store)
{
    for (int i = 0; i < 1 + PANO_FACE_COUNT; i++)
        free(store->paths[i]);
    *store = (struct pano_input_store){0};
}
