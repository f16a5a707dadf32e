/* nftw() is an X/Open interface. */
#define _XOPEN_SOURCE 700

#include "test_tmp.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"

enum { OPEN_FDS = 16 };

bool test_tmp_dir(char *out, size_t out_size, const char *tag)
{
    const char *base = getenv("VITRINE_TEST_TMP");
    int n;

    if (!base || base[0] == '\0')
        base = "/tmp";
    n = snprintf(out, out_size, "%s/%s-XXXXXX", base, tag);
    return n > 0 && (size_t)n < out_size && fs_make_dirs(base) &&
           mkdtemp(out) != NULL;
}

static int remove_entry(const char *path, const struct stat *st, int type,
                        struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path);
}

void test_tmp_remove(const char *path)
{
    if (nftw(path, remove_entry, OPEN_FDS, FTW_DEPTH | FTW_PHYS) != 0 &&
        errno != ENOENT)
        fprintf(stderr, "could not remove %s: %s\n", path, strerror(errno));
}
