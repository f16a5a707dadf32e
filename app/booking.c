#include "booking.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>

/* Read aloud without doubt: no 0/O, no 1/I. */
static const char REF_ALPHABET[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

static bool random_bytes(unsigned char *buf, size_t n)
{
    size_t got = 0;

    while (got < n) {
        ssize_t r = getrandom(buf + got, n - got, 0);

        if (r <= 0)
            return false;
        got += (size_t)r;
    }
    return true;
}

bool booking_new_ids(struct booking *booking)
{
    unsigned char b[16 + BOOKING_REF_LEN];

    if (!random_bytes(b, sizeof(b)))
        return false;
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    snprintf(booking->id, sizeof(booking->id),
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
             b[11], b[12], b[13], b[14], b[15]);
    /* 32 symbols: 5 bits of each byte, no bias. */
    for (int i = 0; i < BOOKING_REF_LEN; i++)
        booking->reference[i] = REF_ALPHABET[b[16 + i] & 31];
    booking->reference[BOOKING_REF_LEN] = '\0';
    return true;
}

void booking_wipe(struct booking *booking)
{
    explicit_bzero(booking, sizeof(*booking));
}
