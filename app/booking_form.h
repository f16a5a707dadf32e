/*
 * booking_form: what a visitor has entered so far on the booking screen,
 * and the rules for moving between its steps:
 *
 *   model -> day and time -> name -> mobile -> consent -> review -> done
 *
 * Pure state without drawing, so the rules are tested alone. It holds a
 * name and a phone number: booking_form_wipe clears it (explicit_bzero),
 * and the screen calls it on submit, cancel and the idle timeout. Main
 * thread.
 */
#ifndef VITRINE_BOOKING_FORM_H
#define VITRINE_BOOKING_FORM_H

#include <stdbool.h>
#include <stdint.h>

#include "booking.h"
#include "phone.h"

enum form_step {
    FORM_MODEL,
    FORM_SLOT,
    FORM_NAME,
    FORM_PHONE,
    FORM_CONSENT,
    FORM_REVIEW,
    FORM_DONE,
    FORM_STEP_COUNT,
};

enum form_name_mode {
    FORM_NAME_SURNAME, /* surname grid plus 先生/女士: "王先生" */
    FORM_NAME_TYPED,   /* on-screen keyboard, pinyin or Latin letters */
};

enum form_notice {
    FORM_NOTICE_NONE,
    FORM_NOTICE_SAVE_FAILED, /* storage refused: ask the staff */
    FORM_NOTICE_SLOT_GONE,   /* the slot passed while the form was open */
};

enum { FORM_TYPED_MAX = 64 };

struct booking_form {
    enum form_step step;
    enum form_step first_step; /* the model step is skipped when preset */
    char model_id[BOOKING_MODEL_MAX];
    int64_t slot_start; /* 0 until a time is picked */
    int slot_minutes;
    int day; /* the day tab shown on the slot step */
    enum form_name_mode name_mode;
    int surname; /* index into visitor_surnames, -1 for none */
    int title;   /* 0 先生, 1 女士, -1 for none */
    char typed[FORM_TYPED_MAX];
    char phone[PHONE_DIGITS + 1]; /* digits typed so far */
    bool consent_processing;
    bool consent_marketing;
    bool notice_open; /* the privacy notice is shown */
    enum form_notice notice;
    /* Kept for the done step; no name or phone. */
    char reference[BOOKING_REF_LEN + 1];
};

/* A fresh form; model_id (may be NULL) preselects the model. */
void booking_form_start(struct booking_form *form, const char *model_id,
                        enum form_name_mode name_mode);

void booking_form_wipe(struct booking_form *form);

/* True when anything a visitor typed or picked would be lost. */
bool booking_form_has_entries(const struct booking_form *form);

/* The name as it will be saved; false when there is none valid yet. */
bool booking_form_name(const struct booking_form *form, char *out,
                       size_t out_size);

/* The normalized 11 digits; false while the number is not valid. */
bool booking_form_phone(const struct booking_form *form, char *out,
                        size_t out_size);

/* True when the phone has all its digits and is still not valid. */
bool booking_form_phone_wrong(const struct booking_form *form);

/* May the visitor go on from the current step? */
bool booking_form_step_done(const struct booking_form *form);

/* Next and previous step; next only when the current one is done, back
 * not from the first step shown (the screen then leaves the form). */
bool booking_form_next(struct booking_form *form);
bool booking_form_back(struct booking_form *form);

/* Keyboard input on the name and phone steps. */
void booking_form_type(struct booking_form *form, const char *utf8);
void booking_form_delete(struct booking_form *form);
void booking_form_clear_field(struct booking_form *form);

/*
 * The record to save, from a complete form. False when a field is not
 * valid (the form is not changed).
 */
bool booking_form_to_booking(const struct booking_form *form,
                             const char *language, int64_t now,
                             struct booking *out);

#endif
