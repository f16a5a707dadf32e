#include "pano_cache.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pano_fs.h"
#include "pano_hash.h"
#include "pano_tile.h"

static enum pano_result key_path(const char *cache_root, const char *hash,
                                 char *out, size_t out_size,
                                 struct pano_err *err)
{
    int n = snprintf(out, out_size, "%s/%s", cache_root, hash);

    if (n < 0 || (size_t)n >= out_size)
        return pano_fail(err, PANO_E_IO, "%s: cache path too long", cache_root);
    return PANO_OK;
}

enum pano_result pano_cache_input_path(const char *cache_root,
                                       const struct pano_input *in, char *out,
                                       size_t out_size, struct pano_err *err)
{
    char hash[PANO_HASH_HEX_LEN + 1];
    enum pano_result r = pano_input_hash(in, hash, err);

    if (r != PANO_OK)
        return r;
    return key_path(cache_root, hash, out, out_size, err);
}

enum pano_result pano_cache_path(const char *cache_root,
                                 const char *source_path, char *out,
                                 size_t out_size, struct pano_err *err)
{
    struct pano_input in = {.equirect = source_path};

    return pano_cache_input_path(cache_root, &in, out, out_size, err);
}

static bool tile_present(const char *bake_dir, struct pano_tile_id id)
{
    char path[PATH_MAX];
    struct stat st;

    return pano_tile_path(path, sizeof(path), bake_dir, id) &&
           stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

static enum pano_result check_tiles(const char *bake_dir,
                                    const struct pano_manifest *m,
                                    struct pano_err *err)
{
    for (int level = 0; level < m->level_count; level++) {
        int n = m->levels[level].tiles_per_side;

        for (int f = 0; f < PANO_FACE_COUNT; f++) {
            for (int i = 0; i < n * n; i++) {
                struct pano_tile_id id = {level, f, i / n, i % n};

                if (!tile_present(bake_dir, id))
                    return pano_fail(
                        err, PANO_E_INPUT, "%s: tile L%d %s %d_%d is missing",
                        bake_dir, level, pano_face_name(f), id.row, id.col);
            }
        }
    }
    return PANO_OK;
}

enum pano_result pano_bake_check(const char *bake_dir, const char *content_hash,
                                 struct pano_manifest *m, struct pano_err *err)
{
    enum pano_result r = pano_manifest_load(bake_dir, m, err);

    if (r != PANO_OK)
        return r;
    if (content_hash && strcmp(content_hash, m->content_hash) != 0)
        return pano_fail(err, PANO_E_INPUT,
                         "%s: bake of another picture (hash %.12s...)",
                         bake_dir, m->content_hash);
    return check_tiles(bake_dir, m, err);
}

static bool is_leftover_of(const char *entry, const char *hash)
{
    size_t len = strlen(hash);

    if (entry[0] != '.' || strncmp(entry + 1, hash, len) != 0)
        return false;
    return strncmp(entry + 1 + len, ".partial-", strlen(".partial-")) == 0 ||
           strncmp(entry + 1 + len, ".old-", strlen(".old-")) == 0;
}

static void remove_leftovers(const char *cache_root, const char *hash)
{
    DIR *d = opendir(cache_root);
    struct dirent *entry;

    if (!d)
        return;
    while ((entry = readdir(d))) {
        char path[PATH_MAX];

        if (!is_leftover_of(entry->d_name, hash))
            continue;
        snprintf(path, sizeof(path), "%s/%s", cache_root, entry->d_name);
        pano_fs_remove_tree(path, NULL);
    }
    closedir(d);
}

static enum pano_result reuse(const struct pano_bake_options *options,
                              const struct pano_manifest *m,
                              struct pano_bake_summary *summary)
{
    if (options && options->progress)
        options->progress(options->user, 1.0);
    if (summary)
        *summary = (struct pano_bake_summary){*m, 0, true};
    return PANO_OK;
}

static enum pano_result bake_fresh(const char *cache_root,
                                   const struct pano_input *in,
                                   const struct pano_bake_options *options,
                                   const char *hash, const char *bake_dir,
                                   struct pano_bake_summary *summary,
                                   struct pano_err *err)
{
    struct pano_bake_options with_hash = {0};
    enum pano_result r = pano_fs_mkdirs(cache_root, err);

    if (r != PANO_OK)
        return r;
    remove_leftovers(cache_root, hash);
    if (options)
        with_hash = *options;
    with_hash.content_hash = hash;
    return pano_bake_input(in, bake_dir, &with_hash, summary, err);
}

enum pano_result pano_bake_cached_input(const char *cache_root,
                                        const struct pano_input *in,
                                        const struct pano_bake_options *options,
                                        char *bake_dir, size_t bake_dir_size,
                                        struct pano_bake_summary *summary,
                                        struct pano_err *err)
{
    char hash[PANO_HASH_HEX_LEN + 1];
    struct pano_manifest m;
    enum pano_result r = pano_input_hash(in, hash, err);

    if (r == PANO_OK)
        r = key_path(cache_root, hash, bake_dir, bake_dir_size, err);
    if (r != PANO_OK)
        return r;
    if (pano_bake_check(bake_dir, hash, &m, NULL) == PANO_OK)
        return reuse(options, &m, summary);
    return bake_fresh(cache_root, in, options, hash, bake_dir, summary, err);
}

enum pano_result pano_bake_cached(const char *cache_root,
                                  const char *source_path,
                                  const struct pano_bake_options *options,
                                  char *bake_dir, size_t bake_dir_size,
                                  struct pano_bake_summary *summary,
                                  struct pano_err *err)
{
    struct pano_input in = {.equirect = source_path};

    return pano_bake_cached_input(cache_root, &in, options, bake_dir,
                                  bake_dir_size, summary, err);
}
