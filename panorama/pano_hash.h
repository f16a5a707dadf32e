/*
 * pano_hash: the content hash that names a bake in the cache.
 *
 * BLAKE2b-256 (libsodium's crypto_generichash) over the file's bytes,
 * streamed in small blocks, written as 64 lowercase hex digits. The same
 * picture under another name hits the same bake; any changed byte gives a
 * new one.
 *
 * Any thread.
 */
#ifndef VITRINE_PANO_HASH_H
#define VITRINE_PANO_HASH_H

#include "pano_error.h"
#include "pano_manifest.h"

/* Unreadable files are PANO_E_INPUT (they are sources). */
enum pano_result pano_content_hash(const char *path,
                                   char hex[PANO_HASH_HEX_LEN + 1],
                                   struct pano_err *err);

#endif
