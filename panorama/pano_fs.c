#include "pano_fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { DIR_MODE = 0755 };

enum pano_result pano_fs_mkdirs(const char *dir, struct pano_err *err)
{
    char path[PATH_MAX];
    size_t len = strlen(dir);

    if (len == 0 || len >= sizeof(path))
        return pano_fail(err, PANO_E_IO, "%s: bad folder path", dir);
    memcpy(path, dir, len + 1);
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, DIR_MODE) != 0 && errno != EEXIST)
            return pano_fail(err, PANO_E_IO, "%s: cannot create: %s", path,
                             strerror(errno));
        *p = '/';
    }
    if (mkdir(path, DIR_MODE) != 0 && errno != EEXIST)
        return pano_fail(err, PANO_E_IO, "%s: cannot create: %s", path,
                         strerror(errno));
    return PANO_OK;
}

static enum pano_result remove_children(const char *dir, struct pano_err *err)
{
    DIR *d = opendir(dir);
    struct dirent *entry;
    enum pano_result r = PANO_OK;

    if (!d)
        return pano_fail(err, PANO_E_IO, "%s: cannot list: %s", dir,
                         strerror(errno));
    while (r == PANO_OK && (entry = readdir(d))) {
        char child[PATH_MAX];

        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        snprintf(child, sizeof(child), "%s/%s", dir, entry->d_name);
        r = pano_fs_remove_tree(child, err);
    }
    closedir(d);
    return r;
}

enum pano_result pano_fs_remove_tree(const char *path, struct pano_err *err)
{
    struct stat st;

    if (lstat(path, &st) != 0)
        return errno == ENOENT
                   ? PANO_OK
                   : pano_fail(err, PANO_E_IO, "%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode)) {
        enum pano_result r = remove_children(path, err);

        if (r != PANO_OK)
            return r;
        if (rmdir(path) != 0)
            return pano_fail(err, PANO_E_IO, "%s: cannot remove: %s", path,
                             strerror(errno));
        return PANO_OK;
    }
    if (unlink(path) != 0)
        return pano_fail(err, PANO_E_IO, "%s: cannot remove: %s", path,
                         strerror(errno));
    return PANO_OK;
}

enum pano_result pano_fs_sync_dir(const char *dir, struct pano_err *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);

    if (fd < 0)
        return pano_fail(err, PANO_E_IO, "%s: cannot open: %s", dir,
                         strerror(errno));

    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    if (rc != 0)
        return pano_fail(err, PANO_E_IO, "%s: cannot flush: %s", dir,
                         strerror(saved));
    return PANO_OK;
}

bool pano_fs_is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool copy_span(char *out, size_t size, const char *start, size_t len)
{
    if (len >= size)
        return false;
    memcpy(out, start, len);
    out[len] = '\0';
    return true;
}

bool pano_fs_split(const char *path, char *parent, size_t parent_size,
                   char *name, size_t name_size)
{
    size_t len = strlen(path);

    while (len > 1 && path[len - 1] == '/')
        len--;

    size_t slash = len;
    while (slash > 0 && path[slash - 1] != '/')
        slash--;
    if (!copy_span(name, name_size, path + slash, len - slash))
        return false;
    if (slash == 0)
        return copy_span(parent, parent_size, ".", 1);
    if (slash == 1)
        return copy_span(parent, parent_size, "/", 1);
    return copy_span(parent, parent_size, path, slash - 1);
}

enum pano_result pano_fs_make_sibling(const char *path, const char *tag,
                                      char *out, size_t out_size,
                                      struct pano_err *err)
{
    char parent[PATH_MAX], name[NAME_MAX + 1];

    if (!pano_fs_split(path, parent, sizeof(parent), name, sizeof(name)))
        return pano_fail(err, PANO_E_IO, "%s: path too long", path);

    int n = snprintf(out, out_size, "%s/.%s.%s-XXXXXX", parent, name, tag);
    if (n < 0 || (size_t)n >= out_size)
        return pano_fail(err, PANO_E_IO, "%s: path too long", path);
    if (!mkdtemp(out))
        return pano_fail(err, PANO_E_IO, "%s: cannot create a folder: %s",
                         parent, strerror(errno));
    return PANO_OK;
}

static bool is_empty_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *entry;
    bool empty = true;

    if (!d)
        return false;
    while (empty && (entry = readdir(d)))
        empty =
            strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0;
    closedir(d);
    return empty;
}

static bool holds_file(const char *dir, const char *name)
{
    char path[PATH_MAX];
    struct stat st;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static enum pano_result swap_in(const char *from, const char *to,
                                struct pano_err *err)
{
    char old[PATH_MAX];
    enum pano_result r = pano_fs_make_sibling(to, "old", old, sizeof(old), err);

    if (r != PANO_OK)
        return r;
    if (rename(to, old) != 0) {
        int saved = errno;

        rmdir(old);
        return pano_fail(err, PANO_E_IO, "%s: cannot move aside: %s", to,
                         strerror(saved));
    }
    if (rename(from, to) != 0) {
        int saved = errno;

        rename(old, to);
        return pano_fail(err, PANO_E_IO, "%s: cannot rename to %s: %s", from,
                         to, strerror(saved));
    }
    /* The new folder is in place; an old one that will not go is only
     * clutter (the cache clears such leftovers before its next bake). */
    pano_fs_remove_tree(old, NULL);
    return PANO_OK;
}

enum pano_result pano_fs_check_replaceable(const char *to, const char *keep_if,
                                           struct pano_err *err)
{
    struct stat st;

    if (lstat(to, &st) != 0 && errno == ENOENT)
        return PANO_OK;
    if (!pano_fs_is_dir(to) || (!is_empty_dir(to) && !holds_file(to, keep_if)))
        return pano_fail(err, PANO_E_IO,
                         "%s: exists and is not a bake; not replacing it", to);
    return PANO_OK;
}

enum pano_result pano_fs_replace_dir(const char *from, const char *to,
                                     const char *keep_if, struct pano_err *err)
{
    if (rename(from, to) == 0)
        return PANO_OK;
    if (errno != EEXIST && errno != ENOTEMPTY && errno != ENOTDIR)
        return pano_fail(err, PANO_E_IO, "%s: cannot rename to %s: %s", from,
                         to, strerror(errno));

    enum pano_result r = pano_fs_check_replaceable(to, keep_if, err);
    if (r != PANO_OK)
        return r;
    return swap_in(from, to, err);
}
