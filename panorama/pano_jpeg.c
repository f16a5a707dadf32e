#include "pano_jpeg.h"

#include <jerror.h>

static struct pano_jpeg_fail *fail_of(j_common_ptr cinfo)
{
    /* The manager is the first member, so the pointers coincide. */
    return (struct pano_jpeg_fail *)cinfo->err;
}

static void fail_exit(j_common_ptr cinfo)
{
    struct pano_jpeg_fail *fail = fail_of(cinfo);

    cinfo->err->format_message(cinfo, fail->msg);
    longjmp(fail->jump, 1);
}

static int is_premature_end(int msg_code)
{
    return msg_code == JWRN_JPEG_EOF || msg_code == JWRN_HIT_MARKER;
}

static void fail_message(j_common_ptr cinfo, int msg_level)
{
    const int warning_level = -1;

    if (msg_level != warning_level)
        return;
    if (is_premature_end(cinfo->err->msg_code))
        fail_exit(cinfo);
    cinfo->err->num_warnings++;
}

struct jpeg_error_mgr *pano_jpeg_fail_init(struct pano_jpeg_fail *fail)
{
    struct jpeg_error_mgr *mgr = jpeg_std_error(&fail->mgr);

    mgr->error_exit = fail_exit;
    mgr->emit_message = fail_message;
    fail->msg[0] = '\0';
    return mgr;
}
