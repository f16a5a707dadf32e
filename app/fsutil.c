#include "fsutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *fs_read_file(const char *path, size_t max_bytes, size_t *len)
{
    FILE *file = fopen(path, "rb");
    char *buf = NULL;
    size_t used = 0;
    size_t cap = 4096;
    struct stat st;

    if (!file)
        return NULL;
    if (fstat(fileno(file), &st) == 0 && S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        goto fail;
    }
    buf = malloc(cap);
    if (!buf)
        goto fail;
    for (;;) {
        size_t got = fread(buf + used, 1, cap - used - 1, file);

        used += got;
        if (used > max_bytes) {
            errno = EFBIG;
            goto fail;
        }
        if (got == 0) {
            if (ferror(file)) {
                errno = EIO;
                goto fail;
            }
            break;
        }
        if (used + 1 == cap) {
            char *bigger = realloc(buf, cap * 2);

            if (!bigger)
                goto fail;
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(file);
    buf[used] = '\0';
    if (len)
        *len = used;
    return buf;

fail : {
    int saved = errno;

    free(buf);
    fclose(file);
    errno = saved;
    return NULL;
}
}

bool fs_join(char *out, size_t out_size, const char *dir, const char *name)
{
    int n;

    if (name[0] == '/' || dir[0] == '\0')
        n = snprintf(out, out_size, "%s", name);
    else
        n = snprintf(out, out_size, "%s/%s", dir, name);
    return n >= 0 && (size_t)n < out_size;
}

bool fs_dirname(char *out, size_t out_size, const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n;

    if (!slash)
        return snprintf(out, out_size, ".") < (int)out_size;
    n = slash == path ? 1 : (size_t)(slash - path);
    if (n >= out_size)
        return false;
    memcpy(out, path, n);
    out[n] = '\0';
    return true;
}

bool fs_is_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool fs_is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool fs_make_dirs(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);

    if (n == 0 || n >= sizeof(buf))
        return false;
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        buf[i] = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return false;
        buf[i] = i == n ? '\0' : '/';
    }
    return fs_is_dir(path);
}
