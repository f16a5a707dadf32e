/*
 * booking: the test-drive form, one step per screen with back and next:
 * model, day and time, name, mobile number, consent, review, done.
 *
 * The form's rules live in booking_form; this file draws the steps and
 * turns taps into form changes. Submitting writes the booking and its
 * outbox row in one transaction (store_save_booking); only then does the
 * screen say "booked". The form is wiped on submit, on cancel, on leaving
 * the screen and on the idle timeout, which a "Still there?" prompt
 * announces first.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "booking_form.h"
#include "booking_keys.h"
#include "booking_modal.h"
#include "booking_steps.h"
#include "booking_text.h"
#include "chrome.h"
#include "draw.h"
#include "i18n.h"
#include "log.h"
#include "slots.h"
#include "store.h"

static const char *const TAG = "booking";

enum {
    STEPS_SHOWN = 6, /* model .. review; done is not counted */
    SECOND_MS = 1000,
};

static struct booking_screen bk;

static int64_t wall_now(void)
{
    return (int64_t)time(NULL);
}

static void refresh_plan(const struct app *app)
{
    slots_plan(&app->cfg.booking, wall_now(), &bk.plan);
    if (bk.form.day >= bk.plan.day_count)
        bk.form.day = 0;
}

/* ---- shared layout ------------------------------------------------------ */

struct frame {
    SDL_FRect content; /* between the question and the footer */
    float footer_y;
};

static void draw_progress(struct app *app, float y)
{
    const struct theme *t = &app->theme;
    float gap = (float)t->space_xs, h = (float)theme_px(t, 8);
    float w = (float)t->width - 2 * (float)t->margin;
    float seg = (w - gap * (STEPS_SHOWN - 1)) / STEPS_SHOWN;

    for (int i = 0; i < STEPS_SHOWN; i++) {
        SDL_FRect r = {(float)t->margin + (seg + gap) * (float)i, y, seg, h};

        draw_rounded(app->display.renderer, r, h / 2,
                     i <= (int)bk.form.step ? t->accent : t->outline);
    }
}

static const enum str_id questions[FORM_STEP_COUNT] = {
    [FORM_MODEL] = STR_FORM_MODEL_Q,     [FORM_SLOT] = STR_FORM_SLOT_Q,
    [FORM_NAME] = STR_FORM_NAME_Q,       [FORM_PHONE] = STR_FORM_PHONE_Q,
    [FORM_CONSENT] = STR_FORM_CONSENT_Q, [FORM_REVIEW] = STR_FORM_REVIEW_Q,
    [FORM_DONE] = STR_FORM_DONE_TITLE,
};

static struct frame draw_frame(struct app *app)
{
    const struct theme *t = &app->theme;
    struct chrome_header header = {
        .title = i18n_get(app->lang, STR_BOOKING_TITLE),
        .back = bk.form.step != FORM_DONE,
        .follow = false,
    };
    float top = chrome_header(app, &header) + (float)t->space_m;
    struct ui_text_style s = booking_style(TEXT_BOLD, t->font_title, t->text);
    struct frame f;
    SDL_FRect q;

    if (bk.form.step != FORM_DONE) {
        draw_progress(app, top);
        top += (float)t->space_l;
    }
    q = ui_text(&app->ui, "question",
                i18n_get(app->lang, questions[bk.form.step]),
                (SDL_FRect){(float)t->margin, top, 0, 0}, &s);
    f.footer_y = (float)(t->height - t->margin - t->button_h);
    f.content = (SDL_FRect){(float)t->margin, q.y + q.h + (float)t->space_l,
                            (float)(t->width - 2 * t->margin), 0};
    f.content.h = f.footer_y - (float)t->space_l - f.content.y;
    return f;
}

static void draw_footer(struct app *app, const struct frame *f)
{
    const struct theme *t = &app->theme;
    enum form_step step = bk.form.step;
    const char *cancel = i18n_get(app->lang, STR_FORM_CANCEL);
    const char *label;
    const char *id;
    float w;

    if (step == FORM_DONE) {
        label = i18n_get(app->lang, STR_FORM_FINISH);
        id = "finish";
    } else if (step == FORM_REVIEW) {
        label = i18n_get(app->lang, STR_FORM_SUBMIT);
        id = "submit";
    } else {
        label = i18n_get(app->lang, STR_FORM_NEXT);
        id = "next";
    }
    w = ui_button_width(&app->ui, label) + (float)t->space_xl;
    ui_button(&app->ui, id, label,
              (SDL_FRect){(float)(t->width - t->margin) - w, f->footer_y, w,
                          (float)t->button_h},
              UI_BUTTON_PRIMARY,
              step < FORM_REVIEW && !booking_form_step_done(&bk.form)
                  ? UI_DISABLED
                  : 0);
    if (step == FORM_DONE)
        return;
    ui_button(&app->ui, "cancel", cancel,
              (SDL_FRect){(float)t->margin, f->footer_y,
                          ui_button_width(&app->ui, cancel),
                          (float)t->button_h},
              UI_BUTTON_GHOST, 0);
}

/* A line of error text over the footer. */
static void draw_notice(struct app *app, const struct frame *f,
                        enum str_id text)
{
    const struct theme *t = &app->theme;
    struct ui_text_style s =
        booking_style(TEXT_BOLD, t->font_body, theme_rgb(0xFF6B6B));

    s.v_align = UI_ALIGN_CENTER;
    ui_text(&app->ui, "error", i18n_get(app->lang, text),
            (SDL_FRect){(float)t->margin, f->footer_y - (float)t->button_h,
                        (float)t->width / 2, (float)t->button_h},
            &s);
}

static uint64_t wipe_at_ms(const struct app *app)
{
    return app->last_input_ms + (uint64_t)app->cfg.idle_timeout_s * SECOND_MS;
}

static uint64_t prompt_at_ms(const struct app *app)
{
    uint64_t idle_ms = (uint64_t)app->cfg.idle_timeout_s * SECOND_MS;
    uint64_t warn_ms = (uint64_t)app->cfg.booking.still_there_s * SECOND_MS;

    if (warn_ms > idle_ms / 2)
        warn_ms = idle_ms / 2;

    return app->last_input_ms + (idle_ms > warn_ms ? idle_ms - warn_ms : 0);
}

static bool prompt_showing(const struct app *app)
{
    return booking_form_has_entries(&bk.form) && bk.form.step != FORM_DONE &&
           app->now_ms >= prompt_at_ms(app);
}

static void booking_draw(struct app *app)
{
    struct frame f = draw_frame(app);

    booking_steps_draw(app, &bk, f.content);
    if (bk.form.notice == FORM_NOTICE_SAVE_FAILED)
        draw_notice(app, &f, STR_FORM_SAVE_FAILED);
    else if (bk.form.notice == FORM_NOTICE_SLOT_GONE)
        draw_notice(app, &f, STR_FORM_SLOT_GONE);
    draw_footer(app, &f);
    if (bk.form.notice_open)
        booking_modal_notice(app);
    else if (prompt_showing(app))
        booking_modal_still_there(app, wipe_at_ms(app) > app->now_ms
                                           ? wipe_at_ms(app) - app->now_ms
                                           : 0);
}

/* Forgets every trace of the visitor: the form, and the rendered text
 * and widget list that showed their name and number. */
static void wipe(struct app *app)
{
    booking_form_wipe(&bk.form);
    app_forget_visitor(app);
}

static void finish_booking(struct app *app, const struct booking *b)
{
    char masked[PHONE_MASKED_MAX];

    phone_mask(b->phone, masked, sizeof(masked));
    log_info(TAG, "saved %s: %s, slot %lld, phone %s", b->reference,
             b->model_id, (long long)b->slot_start, masked);
    wipe(app);
    bk.form.step = FORM_DONE;
    /* The done page keeps what is not personal, so it can follow a
     * change of language. */
    snprintf(bk.form.reference, sizeof(bk.form.reference), "%s", b->reference);
    snprintf(bk.form.model_id, sizeof(bk.form.model_id), "%s", b->model_id);
    bk.form.slot_start = b->slot_start;
    bk.form.slot_minutes = b->slot_minutes;
}

static void submit(struct app *app)
{
    struct booking b;
    enum store_result r = STORE_ERROR;

    refresh_plan(app);
    if (!slots_is_offered(&bk.plan, bk.form.slot_start)) {
        log_info(TAG, "the chosen slot is no longer offered");
        bk.form.slot_start = 0;
        bk.form.step = FORM_SLOT;
        bk.form.notice = FORM_NOTICE_SLOT_GONE;
        return;
    }
    if (!booking_form_to_booking(&bk.form, lang_code(app->lang), wall_now(),
                                 &b) ||
        !booking_new_ids(&b)) {
        log_error(TAG, "the form is incomplete or there is no randomness");
        bk.form.notice = FORM_NOTICE_SAVE_FAILED;
        booking_wipe(&b);
        return;
    }
    if (app->store)
        r = store_save_booking(app->store, &b);
    if (r == STORE_OK) {
        finish_booking(app, &b);
    } else {
        log_error(TAG, "could not save the booking: %s (%s)",
                  store_result_name(r),
                  app->store ? store_error(app->store) : "no database");
        bk.form.notice = FORM_NOTICE_SAVE_FAILED;
    }
    booking_wipe(&b);
}

static bool pick_slot(struct app *app, const char *id)
{
    int day;

    (void)app;
    if (sscanf(id, "day-%d", &day) == 1 && day >= 0 &&
        day < bk.plan.day_count) {
        bk.form.day = day;
        return true;
    }
    if (strncmp(id, "time-", 5) != 0 || bk.form.day >= bk.plan.day_count)
        return false;
    for (int i = 0; i < bk.plan.days[bk.form.day].count; i++) {
        const struct slot *sl =
            &bk.plan.slots[bk.plan.days[bk.form.day].first + i];
        char label[8];

        booking_text_clock(sl->start, label, sizeof(label));
        if (strcmp(id + 5, label) == 0) {
            bk.form.slot_start = sl->start;
            bk.form.slot_minutes = sl->minutes;
            bk.form.notice = FORM_NOTICE_NONE;
            return true;
        }
    }
    return false;
}

/* An on-screen letter starts a word in capitals: "Wang Xiaoming". */
static void type_key(const char *id)
{
    char text[8];
    size_t n = strlen(bk.form.typed);

    if (!booking_keys_text(id, text, sizeof(text)))
        return;
    if (bk.form.step == FORM_NAME && text[0] >= 'a' && text[0] <= 'z' &&
        (n == 0 || bk.form.typed[n - 1] == ' '))
        text[0] = (char)(text[0] - 32);
    booking_form_type(&bk.form, text);
}

static bool edit_name(const char *id)
{
    int i;

    if (strcmp(id, "mode-surname") == 0)
        bk.form.name_mode = FORM_NAME_SURNAME;
    else if (strcmp(id, "mode-keyboard") == 0)
        bk.form.name_mode = FORM_NAME_TYPED;
    else if (sscanf(id, "surname-%d", &i) == 1)
        bk.form.surname = i;
    else if (sscanf(id, "title-%d", &i) == 1)
        bk.form.title = i;
    else
        return false;
    return true;
}

static void leave_form(struct app *app, enum screen_id to)
{
    wipe(app);
    app_go(app, to);
}

/* Moving between steps and out of the form. */
static bool navigate(struct app *app, const char *id)
{
    if (strcmp(id, "back") == 0) {
        if (!booking_form_back(&bk.form))
            app_back(app);
    } else if (strcmp(id, "cancel") == 0 || strcmp(id, "finish") == 0) {
        leave_form(app, SCREEN_HOME);
    } else if (strcmp(id, "next") == 0) {
        if (booking_form_next(&bk.form))
            refresh_plan(app);
    } else if (strcmp(id, "submit") == 0) {
        submit(app);
    } else if (strcmp(id, "notice") == 0 || strcmp(id, "notice-close") == 0) {
        bk.form.notice_open = strcmp(id, "notice") == 0;
    } else {
        return false;
    }
    return true;
}

/* Changes to what the form holds. */
static bool edit(struct app *app, const char *id)
{
    if (strcmp(id, "consent") == 0)
        bk.form.consent_processing = !bk.form.consent_processing;
    else if (strcmp(id, "marketing") == 0)
        bk.form.consent_marketing = !bk.form.consent_marketing;
    else if (strncmp(id, "pick-", 5) == 0)
        snprintf(bk.form.model_id, sizeof(bk.form.model_id), "%s", id + 5);
    else if (strcmp(id, "key-del") == 0)
        booking_form_delete(&bk.form);
    else if (strcmp(id, "key-clear") == 0)
        booking_form_clear_field(&bk.form);
    else if (strncmp(id, "key-", 4) == 0)
        type_key(id);
    else
        return pick_slot(app, id) || edit_name(id);
    return true;
}

static void activate(struct app *app, const char *id)
{
    /* "continue" and the scrim: the touch itself reset the idle timer. */
    if (strcmp(id, "continue") != 0 && strcmp(id, "scrim") != 0 &&
        !navigate(app, id) && !edit(app, id))
        chrome_activate(app, id);
    app_invalidate(app);
}

static void booking_input(struct app *app, const struct input_event *ev,
                          const char *activated)
{
    if (ev->type == INPUT_TEXT) {
        booking_form_type(&bk.form, ev->text);
        app_invalidate(app);
    } else if (ev->type == INPUT_KEY && ev->key == SDLK_BACKSPACE) {
        booking_form_delete(&bk.form);
        app_invalidate(app);
    } else if (ev->type == INPUT_KEY && ev->key == SDLK_RETURN) {
        activate(app, bk.form.step == FORM_REVIEW ? "submit" : "next");
    } else if (activated) {
        activate(app, activated);
    } else if (prompt_showing(app)) {
        app_invalidate(app); /* any touch answers "Still there?" */
    }
}

static uint64_t booking_update(struct app *app, uint64_t now_ms)
{
    static bool was_showing;
    bool showing = prompt_showing(app);

    if (showing != was_showing)
        app_invalidate(app);
    was_showing = showing;
    if (showing) {
        app_invalidate(app); /* the countdown */
        return now_ms + SECOND_MS - now_ms % SECOND_MS;
    }
    if (!booking_form_has_entries(&bk.form) || bk.form.step == FORM_DONE)
        return SCREEN_IDLE;
    return prompt_at_ms(app);
}

static void booking_enter(struct app *app)
{
    const char *model = app->model ? app->model->id : NULL;

    booking_form_start(&bk.form, model,
                       app->lang == LANG_EN ? FORM_NAME_TYPED
                                            : FORM_NAME_SURNAME);
    refresh_plan(app);
    log_info(TAG, "form opened for %s", model ? model : "(no model)");
}

static void booking_leave(struct app *app)
{
    if (bk.form.step != FORM_DONE && booking_form_has_entries(&bk.form))
        log_info(TAG, "form left unfinished: wiped");
    wipe(app);
}

const struct screen screen_booking = {
    .name = "booking",
    .enter = booking_enter,
    .input = booking_input,
    .update = booking_update,
    .draw = booking_draw,
    .leave = booking_leave,
};
