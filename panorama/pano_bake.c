#include "pano_bake.h"

#include <stdio.h>

#include "pano_bake_equirect.h"
#include "pano_bake_faces.h"
#include "pano_bake_out.h"
#include "pano_hash.h"

static enum pano_result content_hash(const struct pano_input *in,
                                     const struct pano_bake_options *opt,
                                     struct pano_bake_out *out,
                                     struct pano_err *err)
{
    if (!opt->content_hash)
        return pano_input_hash(in, out->content_hash, err);
    snprintf(out->content_hash, sizeof(out->content_hash), "%s",
             opt->content_hash);
    return PANO_OK;
}

enum pano_result pano_bake_input(const struct pano_input *in,
                                 const char *out_dir,
                                 const struct pano_bake_options *options,
                                 struct pano_bake_summary *summary,
                                 struct pano_err *err)
{
    static const struct pano_bake_options no_options;
    const struct pano_bake_options *opt = options ? options : &no_options;
    struct pano_bake_out out;
    enum pano_result r = pano_input_check(in, err);

    pano_bake_out_init(&out, opt, pano_input_label(in));
    if (r == PANO_OK && pano_input_kind(in) == PANO_INPUT_EQUIRECT)
        r = pano_bake_equirect(in->equirect, &out, out_dir, err);
    else if (r == PANO_OK)
        r = pano_bake_faces(in, &out, out_dir, err);
    /* After the readers, whose checks name what is wrong with a file. */
    if (r == PANO_OK)
        r = content_hash(in, opt, &out, err);
    if (r == PANO_OK)
        r = pano_bake_out_install(&out, out_dir, err);
    if (r == PANO_OK)
        pano_bake_out_done(&out);
    if (summary)
        *summary = (struct pano_bake_summary){out.m, out.tiles_written, false};
    pano_bake_out_finish(&out);
    return r;
}

enum pano_result pano_bake(const char *source_path, const char *out_dir,
                           const struct pano_bake_options *options,
                           struct pano_bake_summary *summary,
                           struct pano_err *err)
{
    struct pano_input in = {.equirect = source_path};

    return pano_bake_input(&in, out_dir, options, summary, err);
}
