/*
 * fsutil: small file helpers shared by the loaders. Any thread.
 */
#ifndef VITRINE_FSUTIL_H
#define VITRINE_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Reads a whole file into a NUL-terminated buffer the caller frees.
 * Returns NULL with errno set (ENOENT for a missing file, EFBIG past
 * max_bytes) so the caller can word its own message.
 */
char *fs_read_file(const char *path, size_t max_bytes, size_t *len);

/* dir + "/" + name into out; an absolute name is copied as it is. */
bool fs_join(char *out, size_t out_size, const char *dir, const char *name);

/* The folder part of path ("." when there is none) into out. */
bool fs_dirname(char *out, size_t out_size, const char *path);

bool fs_is_file(const char *path);
bool fs_is_dir(const char *path);

/* mkdir -p with mode 0755; true when the folder exists afterwards. */
bool fs_make_dirs(const char *path);

#endif
