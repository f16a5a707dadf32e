/*
 * pano_error: the one error convention of the panorama library.
 *
 * Every step that can fail returns an enum pano_result. When the result is
 * not PANO_OK, one line naming the file and the cause is written into a
 * struct pano_err that the caller owns (pass NULL to skip the text).
 * Results are passed up unchanged, so a caller can tell bad input (show
 * "image unavailable") from a full disk or a cancelled bake.
 *
 * Any thread.
 */
#ifndef VITRINE_PANO_ERROR_H
#define VITRINE_PANO_ERROR_H

enum pano_result {
    PANO_OK = 0,
    PANO_E_INPUT,     /* the source image or a bake is unusable */
    PANO_E_IO,        /* reading or writing the file system failed */
    PANO_E_NOMEM,     /* an allocation failed */
    PANO_E_CANCELLED, /* the caller's cancel flag was set */
};

enum { PANO_ERR_MAX = 512 };

struct pano_err {
    char msg[PANO_ERR_MAX];
};

/* Writes the message (if err is not NULL) and returns result. */
enum pano_result pano_fail(struct pano_err *err, enum pano_result result,
                           const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "ok", "bad input", "i/o error", "out of memory", "cancelled". */
const char *pano_result_name(enum pano_result result);

#endif
