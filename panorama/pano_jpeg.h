/*
 * pano_jpeg: the libjpeg error manager the panorama library uses for every
 * JPEG it reads or writes (sources, tiles).
 *
 * libjpeg reports a fatal error by calling error_exit, which here copies
 * the message and longjmps to the caller's setjmp. Warnings that mean the
 * data ran out ("Premature end of JPEG file", "premature end of data
 * segment") are treated the same way: a truncated picture is an error,
 * not a grey bottom half. Other warnings are counted and ignored.
 *
 * The function that calls setjmp should do nothing but call one helper
 * that does the libjpeg work, so no local of it is clobbered.
 *
 * One manager per libjpeg object; any thread.
 */
#ifndef VITRINE_PANO_JPEG_H
#define VITRINE_PANO_JPEG_H

#include <setjmp.h>
#include <stdio.h>

#include <jpeglib.h>

struct pano_jpeg_fail {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    char msg[JMSG_LENGTH_MAX];
};

/* Sets the manager up; the result goes into the libjpeg object's err. */
struct jpeg_error_mgr *pano_jpeg_fail_init(struct pano_jpeg_fail *fail);

#endif
