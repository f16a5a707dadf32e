/*
 * pano_fs: the few file-system steps a bake needs to appear atomically.
 *
 * A bake is written into a fresh hidden folder beside its destination and
 * renamed into place once complete and flushed, so a crash leaves either
 * the old bake, the new one, or a hidden ".partial" folder that never
 * looks complete. Removal only deletes what it is given and never follows
 * symbolic links.
 *
 * Any thread; the caller keeps two threads off the same paths.
 */
#ifndef VITRINE_PANO_FS_H
#define VITRINE_PANO_FS_H

#include <stdbool.h>
#include <stddef.h>

#include "pano_error.h"

/* Makes dir and any missing parents (mode 0755). */
enum pano_result pano_fs_mkdirs(const char *dir, struct pano_err *err);

/* Deletes path and, if it is a folder, everything inside it. */
enum pano_result pano_fs_remove_tree(const char *path, struct pano_err *err);

/* Flushes a folder's entries to the disk. */
enum pano_result pano_fs_sync_dir(const char *dir, struct pano_err *err);

bool pano_fs_is_dir(const char *path);

/* Splits a path into its parent folder and last name, ignoring trailing
 * slashes ("a/b/" -> "a", "b"; "b" -> ".", "b"). False if too long. */
bool pano_fs_split(const char *path, char *parent, size_t parent_size,
                   char *name, size_t name_size);

/*
 * Creates a fresh empty folder "<parent>/.<name>.<tag>-XXXXXX" beside
 * path and writes its path to out.
 */
enum pano_result pano_fs_make_sibling(const char *path, const char *tag,
                                      char *out, size_t out_size,
                                      struct pano_err *err);

/*
 * PANO_OK when `to` does not exist, is an empty folder or a folder holding
 * a file named keep_if; PANO_E_IO otherwise.
 */
enum pano_result pano_fs_check_replaceable(const char *to, const char *keep_if,
                                           struct pano_err *err);

/*
 * Renames the folder from onto to. An existing `to` is replaced only if
 * it is empty or holds a file named keep_if (a previous bake); otherwise
 * PANO_E_IO and nothing moves.
 */
enum pano_result pano_fs_replace_dir(const char *from, const char *to,
                                     const char *keep_if, struct pano_err *err);

#endif
