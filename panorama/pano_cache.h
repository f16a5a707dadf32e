/*
 * pano_cache: bakes kept by content, so each picture is baked once.
 *
 * An input's bake lives in cache_root/<hash>, <hash> being its
 * pano_input_hash (for six faces, a hash kept apart from any file's).
 * pano_bake_cached reuses that folder when it is a complete bake of this
 * version (manifest valid, same hash, every tile present) and bakes it
 * otherwise; leftovers of a bake that crashed (hidden ".<hash>.partial-*"
 * folders) are removed first. The kiosk calls it on its loader thread for each
 * scene it is about to show.
 *
 * Same thread rules as pano_bake. Two threads must not bake the same
 * source into the same cache at once.
 */
#ifndef VITRINE_PANO_CACHE_H
#define VITRINE_PANO_CACHE_H

#include <stddef.h>

#include "pano_bake.h"
#include "pano_error.h"
#include "pano_input.h"
#include "pano_manifest.h"

/* cache_root/<hash of the input>. Reads every file whole. */
enum pano_result pano_cache_input_path(const char *cache_root,
                                       const struct pano_input *in, char *out,
                                       size_t out_size, struct pano_err *err);

/* pano_cache_input_path of one equirect file. */
enum pano_result pano_cache_path(const char *cache_root,
                                 const char *source_path, char *out,
                                 size_t out_size, struct pano_err *err);

/*
 * Whether bake_dir is a complete, current bake (of content_hash, unless
 * that is NULL): manifest valid, every tile file present and non-empty.
 */
enum pano_result pano_bake_check(const char *bake_dir, const char *content_hash,
                                 struct pano_manifest *m, struct pano_err *err);

/*
 * Finds or makes the bake of the input under cache_root and writes its
 * folder to bake_dir. summary->reused tells which; options and summary
 * may be NULL.
 */
enum pano_result pano_bake_cached_input(const char *cache_root,
                                        const struct pano_input *in,
                                        const struct pano_bake_options *options,
                                        char *bake_dir, size_t bake_dir_size,
                                        struct pano_bake_summary *summary,
                                        struct pano_err *err);

/* pano_bake_cached_input of one equirect file. */
enum pano_result pano_bake_cached(const char *cache_root,
                                  const char *source_path,
                                  const struct pano_bake_options *options,
                                  char *bake_dir, size_t bake_dir_size,
                                  struct pano_bake_summary *summary,
                                  struct pano_err *err);

#endif
