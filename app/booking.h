/*
 * booking: one test-drive booking as the form hands it to storage.
 *
 * Plain data the caller owns. Holds a visitor's name and phone number:
 * wipe it with booking_wipe when done (explicit_bzero, so the compiler
 * cannot drop the clearing), never log it unmasked. Any thread.
 */
#ifndef VITRINE_BOOKING_H
#define VITRINE_BOOKING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    BOOKING_ID_LEN = 36,    /* UUID text, without the NUL */
    BOOKING_REF_LEN = 6,    /* the reference read aloud */
    BOOKING_NAME_MAX = 96,  /* bytes of UTF-8, NUL included */
    BOOKING_PHONE_LEN = 11, /* mainland mobile digits */
    BOOKING_MODEL_MAX = 48,
};

struct booking {
    char id[BOOKING_ID_LEN + 1];         /* random UUID v4: idempotency key */
    char reference[BOOKING_REF_LEN + 1]; /* no 0, O, 1 or I */
    char model_id[BOOKING_MODEL_MAX];
    int64_t slot_start; /* Unix time, seconds */
    int slot_minutes;
    char name[BOOKING_NAME_MAX];       /* "王先生" */
    char phone[BOOKING_PHONE_LEN + 1]; /* digits only, "13812345678" */
    bool consent_processing;           /* required */
    bool consent_marketing;            /* optional */
    char language[8];                  /* "zh-CN" or "en" */
    int64_t created_at;                /* Unix time, seconds */
};

/*
 * Fills id and reference from the system's random source. False if that
 * source failed (then nothing may be saved).
 */
bool booking_new_ids(struct booking *booking);

/* Zeroes the whole record, name and phone included. */
void booking_wipe(struct booking *booking);

#endif
