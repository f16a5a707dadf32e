#include "pano_hash.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sodium.h>

enum {
    HASH_BYTES = PANO_HASH_HEX_LEN / 2,
    READ_BLOCK_BYTES = 64 * 1024,
};

/* Exactly crypto_generichash_blake2b_PERSONALBYTES (16) characters. */
#define FACES_PERSONAL "vitrine-faces-v1"

static enum pano_result hash_stream(FILE *file, const char *path,
                                    unsigned char digest[HASH_BYTES],
                                    struct pano_err *err)
{
    unsigned char *block = malloc(READ_BLOCK_BYTES);
    crypto_generichash_state state;
    size_t got;

    if (!block)
        return pano_fail(err, PANO_E_NOMEM, "%s: no memory to hash", path);
    crypto_generichash_init(&state, NULL, 0, HASH_BYTES);
    while ((got = fread(block, 1, READ_BLOCK_BYTES, file)) > 0)
        crypto_generichash_update(&state, block, got);
    free(block);
    if (ferror(file))
        return pano_fail(err, PANO_E_INPUT, "%s: read error", path);
    crypto_generichash_final(&state, digest, HASH_BYTES);
    return PANO_OK;
}

static enum pano_result file_digest(const char *path,
                                    unsigned char digest[HASH_BYTES],
                                    struct pano_err *err)
{
    if (sodium_init() < 0)
        return pano_fail(err, PANO_E_NOMEM, "libsodium failed to start");

    FILE *file = fopen(path, "rb");
    struct stat st;
    if (!file)
        return pano_fail(err, PANO_E_INPUT, "%s: cannot open: %s", path,
                         strerror(errno));
    if (fstat(fileno(file), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(file);
        return pano_fail(err, PANO_E_INPUT, "%s: is not a regular file", path);
    }

    enum pano_result r = hash_stream(file, path, digest, err);
    fclose(file);
    return r;
}

enum pano_result pano_content_hash(const char *path,
                                   char hex[PANO_HASH_HEX_LEN + 1],
                                   struct pano_err *err)
{
    unsigned char digest[HASH_BYTES];
    enum pano_result r = file_digest(path, digest, err);

    if (r == PANO_OK)
        sodium_bin2hex(hex, PANO_HASH_HEX_LEN + 1, digest, HASH_BYTES);
    return r;
}

static enum pano_result faces_hash(const struct pano_input *in,
                                   char hex[PANO_HASH_HEX_LEN + 1],
                                   struct pano_err *err)
{
    static const unsigned char salt[crypto_generichash_blake2b_SALTBYTES];
    unsigned char personal[crypto_generichash_blake2b_PERSONALBYTES];
    unsigned char digest[HASH_BYTES];
    crypto_generichash_blake2b_state state;

    memcpy(personal, FACES_PERSONAL, sizeof(personal));
    crypto_generichash_blake2b_init_salt_personal(&state, NULL, 0, HASH_BYTES,
                                                  salt, personal);
    for (int f = 0; f < PANO_FACE_COUNT; f++) {
        enum pano_result r = file_digest(in->faces[f], digest, err);

        if (r != PANO_OK)
            return r;
        crypto_generichash_blake2b_update(&state, digest, HASH_BYTES);
    }
    crypto_generichash_blake2b_final(&state, digest, HASH_BYTES);
    sodium_bin2hex(hex, PANO_HASH_HEX_LEN + 1, digest, HASH_BYTES);
    return PANO_OK;
}

enum pano_result pano_input_hash(const struct pano_input *in,
                                 char hex[PANO_HASH_HEX_LEN + 1],
                                 struct pano_err *err)
{
    enum pano_result r = pano_input_check(in, err);

    if (r != PANO_OK)
        return r;
    if (pano_input_kind(in) == PANO_INPUT_EQUIRECT)
        return pano_content_hash(in->equirect, hex, err);
    return faces_hash(in, hex, err);
}
