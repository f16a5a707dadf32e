#include "booking_form.h"

#include <stdio.h>
#include <string.h>

#include "visitor_name.h"

void booking_form_start(struct booking_form *form, const char *model_id,
                        enum form_name_mode name_mode)
{
    booking_form_wipe(form);
    form->step = model_id ? FORM_SLOT : FORM_MODEL;
    form->first_step = form->step;
    if (model_id)
        snprintf(form->model_id, sizeof(form->model_id), "%s", model_id);
    form->name_mode = name_mode;
    form->surname = -1;
    form->title = -1;
}

void booking_form_wipe(struct booking_form *form)
{
    explicit_bzero(form, sizeof(*form));
    form->surname = -1;
    form->title = -1;
}

bool booking_form_has_entries(const struct booking_form *form)
{
    return form->slot_start != 0 || form->surname >= 0 || form->title >= 0 ||
           form->typed[0] || form->phone[0] || form->consent_processing;
}

bool booking_form_name(const struct booking_form *form, char *out,
                       size_t out_size)
{
    char raw[BOOKING_NAME_MAX];

    if (form->name_mode == FORM_NAME_SURNAME) {
        if (form->surname < 0 || form->surname >= visitor_surname_count ||
            form->title < 0 || form->title > 1)
            return false;
        visitor_name_compose(visitor_surnames[form->surname],
                             visitor_titles[form->title], raw, sizeof(raw));
    } else {
        snprintf(raw, sizeof(raw), "%s", form->typed);
    }
    return visitor_name_clean(raw, out, out_size) == NAME_VALID;
}

bool booking_form_phone(const struct booking_form *form, char *out,
                        size_t out_size)
{
    return phone_normalize(form->phone, out, out_size) == PHONE_VALID;
}

bool booking_form_phone_wrong(const struct booking_form *form)
{
    char digits[PHONE_DIGITS + 1];

    return strlen(form->phone) == PHONE_DIGITS &&
           !booking_form_phone(form, digits, sizeof(digits));
}

bool booking_form_step_done(const struct booking_form *form)
{
    char buf[BOOKING_NAME_MAX];

    switch (form->step) {
    case FORM_MODEL:
        return form->model_id[0] != '\0';
    case FORM_SLOT:
        return form->slot_start != 0;
    case FORM_NAME:
        return booking_form_name(form, buf, sizeof(buf));
    case FORM_PHONE:
        return booking_form_phone(form, buf, sizeof(buf));
    case FORM_CONSENT:
        return form->consent_processing;
    case FORM_REVIEW:
    case FORM_DONE:
    case FORM_STEP_COUNT:
        break;
    }
    return false;
}

bool booking_form_next(struct booking_form *form)
{
    if (form->step >= FORM_REVIEW || !booking_form_step_done(form))
        return false;
    form->step++;
    form->notice = FORM_NOTICE_NONE;
    return true;
}

bool booking_form_back(struct booking_form *form)
{
    if (form->step <= form->first_step || form->step == FORM_DONE)
        return false;
    form->step--;
    form->notice = FORM_NOTICE_NONE;
    return true;
}

/* Length of the UTF-8 sequence starting with byte c. */
static size_t sequence_length(unsigned char c)
{
    return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

static void append_text(char *field, size_t size, const char *utf8)
{
    size_t used = strlen(field);

    for (const char *p = utf8; *p;) {
        size_t n = sequence_length((unsigned char)*p);

        if (strnlen(p, n) < n || used + n + 1 > size)
            return;
        memcpy(field + used, p, n);
        used += n;
        field[used] = '\0';
        p += n;
    }
}

static void append_digits(char *phone, const char *text)
{
    size_t used = strlen(phone);

    for (const char *p = text; *p && used < PHONE_DIGITS; p++) {
        if (*p >= '0' && *p <= '9') {
            phone[used++] = *p;
            phone[used] = '\0';
        }
    }
}

void booking_form_type(struct booking_form *form, const char *utf8)
{
    char whole[PHONE_DIGITS + 1];

    if (form->step == FORM_PHONE) {
        /* A pasted "+86 139 0000 1111" replaces the field whole. */
        if (phone_normalize(utf8, whole, sizeof(whole)) == PHONE_VALID)
            memcpy(form->phone, whole, sizeof(whole));
        else
            append_digits(form->phone, utf8);
    } else if (form->step == FORM_NAME) {
        form->name_mode = FORM_NAME_TYPED;
        append_text(form->typed, sizeof(form->typed), utf8);
    }
}

/* Drops the last code point. */
static void delete_last(char *field)
{
    size_t n = strlen(field);

    while (n > 0 && ((unsigned char)field[n - 1] & 0xC0) == 0x80)
        n--;
    if (n > 0)
        n--;
    explicit_bzero(field + n, strlen(field + n));
}

void booking_form_delete(struct booking_form *form)
{
    if (form->step == FORM_PHONE)
        delete_last(form->phone);
    else if (form->step == FORM_NAME)
        delete_last(form->typed);
}

void booking_form_clear_field(struct booking_form *form)
{
    if (form->step == FORM_PHONE)
        explicit_bzero(form->phone, sizeof(form->phone));
    else if (form->step == FORM_NAME)
        explicit_bzero(form->typed, sizeof(form->typed));
}

bool booking_form_to_booking(const struct booking_form *form,
                             const char *language, int64_t now,
                             struct booking *out)
{
    struct booking b;

    memset(&b, 0, sizeof(b));
    if (!form->model_id[0] || !form->slot_start || !form->consent_processing ||
        !booking_form_name(form, b.name, sizeof(b.name)) ||
        !booking_form_phone(form, b.phone, sizeof(b.phone))) {
        booking_wipe(&b);
        return false;
    }
    snprintf(b.model_id, sizeof(b.model_id), "%s", form->model_id);
    snprintf(b.language, sizeof(b.language), "%s", language);
    b.slot_start = form->slot_start;
    b.slot_minutes = form->slot_minutes;
    b.consent_processing = true;
    b.consent_marketing = form->consent_marketing;
    b.created_at = now;
    *out = b;
    booking_wipe(&b);
    return true;
}
