/*
 * pano_hash: the content hash that names a bake in the cache.
 *
 * BLAKE2b-256 (libsodium's crypto_generichash) over the file's bytes,
 * streamed in small blocks, written as 64 lowercase hex digits. The same
 * picture under another name hits the same bake; any changed byte gives a
 * new one.
 *
 * Six cube faces hash as one input: BLAKE2b-256 personalised with
 * "vitrine-faces-v1" over the six faces' own digests in enum pano_face
 * order. The personalisation keeps the two kinds apart (no equirect file
 * can hash to a set of faces' name), and the fixed order makes swapping
 * two faces a different input.
 *
 * Any thread.
 */
#ifndef VITRINE_PANO_HASH_H
#define VITRINE_PANO_HASH_H

#include "pano_error.h"
#include "pano_input.h"
#include "pano_manifest.h"

/* Unreadable files are PANO_E_INPUT (they are sources). */
enum pano_result pano_content_hash(const char *path,
                                   char hex[PANO_HASH_HEX_LEN + 1],
                                   struct pano_err *err);

/* The hash of an equirect file or of six faces (as above). */
enum pano_result pano_input_hash(const struct pano_input *in,
                                 char hex[PANO_HASH_HEX_LEN + 1],
                                 struct pano_err *err);

#endif
