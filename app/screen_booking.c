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
#include "chrome.h"
#include "draw.h"
#include "log.h"
#include "slots.h"
#include "store.h"
#include "visitor_name.h"

static const char *const TAG = "booking";

enum {
    STEPS_SHOWN = 6, /* model .. review; done is not counted */
    SECOND_MS = 1000,
};

static struct {
    struct booking_form form;
    struct slot_plan plan;
    char done_slot[96]; /* the done step's slot line */
    char done_model[BOOKING_MODEL_MAX];
} bk;

static struct ui_text_style text_style(enum text_weight w, int size,
                                       SDL_Color c)
{
    struct ui_text_style s = {w,    size, c, UI_ALIGN_START, UI_ALIGN_START,
                              false};

    return s;
}

/* ---- time labels ------------------------------------------------------ */

static void format_clock(int64_t t, char *out, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;

    localtime_r(&tt, &tm);
    snprintf(out, size, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

/* Whole days between today and d, by local calendar dates. */
static int days_from_today(const struct slot_day *d)
{
    time_t now = time(NULL);
    struct tm today, then = {0};

    localtime_r(&now, &today);
    today.tm_hour = 12;
    today.tm_min = today.tm_sec = 0;
    today.tm_isdst = -1;
    then.tm_year = d->year - 1900;
    then.tm_mon = d->month - 1;
    then.tm_mday = d->day;
    then.tm_hour = 12;
    then.tm_isdst = -1;
    return (int)((mktime(&then) - mktime(&today) + 43200) / 86400);
}

static void format_day(const struct app *app, const struct slot_day *d,
                       char *out, size_t size)
{
    static const char *const zh_week[] = {"周一", "周二", "周三", "周四",
                                          "周五", "周六", "周日"};
    static const char *const en_week[] = {"Mon", "Tue", "Wed", "Thu",
                                          "Fri", "Sat", "Sun"};
    static const char *const en_month[] = {"Jan", "Feb", "Mar", "Apr",
                                           "May", "Jun", "Jul", "Aug",
                                           "Sep", "Oct", "Nov", "Dec"};
    int offset = days_from_today(d);
    const char *name = NULL;

    if (offset == 0)
        name = i18n_get(app->lang, STR_FORM_TODAY);
    else if (offset == 1)
        name = i18n_get(app->lang, STR_FORM_TOMORROW);
    if (app->lang == LANG_ZH_CN)
        snprintf(out, size, "%s %d月%d日", name ? name : zh_week[d->weekday],
                 d->month, d->day);
    else
        snprintf(out, size, "%s %d %s", name ? name : en_week[d->weekday],
                 d->day, en_month[(d->month - 1) % 12]);
}

/* "12月5日 周六 10:00–11:00" for the review and done steps. */
static void format_slot(const struct app *app, int64_t start, int minutes,
                        char *out, size_t size)
{
    static const char *const zh_week[] = {"周日", "周一", "周二", "周三",
                                          "周四", "周五", "周六"};
    static const char *const en_week[] = {"Sun", "Mon", "Tue", "Wed",
                                          "Thu", "Fri", "Sat"};
    static const char *const en_month[] = {"Jan", "Feb", "Mar", "Apr",
                                           "May", "Jun", "Jul", "Aug",
                                           "Sep", "Oct", "Nov", "Dec"};
    time_t tt = (time_t)start;
    struct tm tm;
    char from[8], to[8];

    localtime_r(&tt, &tm);
    format_clock(start, from, sizeof(from));
    format_clock(start + (int64_t)minutes * 60, to, sizeof(to));
    if (app->lang == LANG_ZH_CN)
        snprintf(out, size, "%d月%d日 %s %s–%s", tm.tm_mon + 1, tm.tm_mday,
                 zh_week[tm.tm_wday], from, to);
    else
        snprintf(out, size, "%s %d %s, %s–%s", en_week[tm.tm_wday], tm.tm_mday,
                 en_month[tm.tm_mon], from, to);
}

static int64_t wall_now(void)
{
    return (int64_t)time(NULL);
}

static void refresh_plan(const struct app *app)
{
    slots_plan(&app->cfg.booking, wall_now(), &bk.plan);
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
    struct ui_text_style s = text_style(TEXT_BOLD, t->font_title, t->text);
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
        text_style(TEXT_BOLD, t->font_body, theme_rgb(0xFF6B6B));

    s.v_align = UI_ALIGN_CENTER;
    ui_text(&app->ui, "error", i18n_get(app->lang, text),
            (SDL_FRect){(float)t->margin, f->footer_y - (float)t->button_h,
                        (float)t->width / 2, (float)t->button_h},
            &s);
}

/* A read-only box showing what was typed so far. */
static void draw_field(struct app *app, const char *id, SDL_FRect r,
                       const char *value, const char *placeholder)
{
    const struct theme *t = &app->theme;
    struct ui_text_style s = text_style(TEXT_BOLD, t->font_title, t->text);

    draw_rounded(app->display.renderer, r, (float)t->radius, t->surface);
    draw_rounded_outline(app->display.renderer, r, (float)t->radius,
                         (float)theme_px(t, 3), t->accent);
    s.v_align = UI_ALIGN_CENTER;
    if (!value[0]) {
        s.colour = t->text_muted;
        s.weight = TEXT_REGULAR;
    }
    ui_text(&app->ui, NULL, value[0] ? value : placeholder,
            (SDL_FRect){r.x + (float)t->space_l, r.y, r.w, r.h}, &s);
    ui_add(&app->ui, id, UI_ROLE_TEXT_FIELD, value, r, 0);
}

/* ---- the steps ---------------------------------------------------------- */

static void draw_models(struct app *app, SDL_FRect area)
{
    const struct theme *t = &app->theme;
    int n = (int)app->catalog->model_count;
    int cols = n < 3 ? n : 3;
    float gap = (float)t->space_l;
    struct ui_text_style s = text_style(TEXT_BOLD, t->font_heading, t->text);
    char id[UI_ID_MAX];

    if (t->portrait)
        cols = 1;
    for (int i = 0; i < n && i < 3; i++) {
        const struct catalog_model *m = &app->catalog->models[i];
        bool on = strcmp(m->id, bk.form.model_id) == 0;
        SDL_FRect cell =
            booking_keys_cell(area, cols, t->portrait ? 3 : 1,
                              t->portrait ? 0 : i, t->portrait ? i : 0, gap);
        SDL_FRect photo = cell;

        snprintf(id, sizeof(id), "pick-%s", m->id);
        ui_add(&app->ui, id, UI_ROLE_BUTTON, m->name[app->lang], cell,
               on ? UI_CHECKED : 0);
        draw_rounded(app->display.renderer, cell, (float)t->radius,
                     ui_is_pressed(&app->ui, id) ? t->surface_pressed
                                                 : t->surface);
        photo.h = cell.h - (float)t->font_heading * 2.2f;
        if (t->portrait) {
            photo.w = cell.w * 0.45f;
            photo.h = cell.h;
        }
        draw_image_cover(app->display.renderer, app_photo(app, m), photo,
                         (float)t->radius, 255);
        s.v_align = UI_ALIGN_CENTER;
        s.h_align = t->portrait ? UI_ALIGN_START : UI_ALIGN_CENTER;
        ui_text(&app->ui, NULL, m->name[app->lang],
                t->portrait ? (SDL_FRect){photo.x + photo.w + (float)t->space_l,
                                          cell.y, cell.w / 2, cell.h}
                            : (SDL_FRect){cell.x, photo.y + photo.h, cell.w,
                                          cell.y + cell.h - photo.y - photo.h},
                &s);
        if (on)
            draw_rounded_outline(app->display.renderer, cell, (float)t->radius,
                                 (float)theme_px(t, 5), t->accent);
    }
}

/* The day tabs: one row in landscape, rows of four in portrait. */
static int day_columns(const struct app *app)
{
    return app->theme.portrait ? 4 : SLOTS_DAYS_MAX;
}

static int day_rows(const struct app *app)
{
    return (bk.plan.day_count + day_columns(app) - 1) / day_columns(app);
}

static void draw_days(struct app *app, SDL_FRect area)
{
    const struct theme *t = &app->theme;
    int cols = day_columns(app), rows = day_rows(app);
    char id[16], label[48];

    for (int i = 0; i < bk.plan.day_count; i++) {
        bool on = i == bk.form.day;

        format_day(app, &bk.plan.days[i], label, sizeof(label));
        snprintf(id, sizeof(id), "day-%d", i);
        ui_button(&app->ui, id, label,
                  booking_keys_cell(area, cols, rows, i % cols, i / cols,
                                    (float)t->space_xs),
                  on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY,
                  on ? UI_CHECKED : 0);
    }
}

static void draw_times(struct app *app, SDL_FRect area)
{
    const struct theme *t = &app->theme;
    const struct slot_day *d = &bk.plan.days[bk.form.day];
    int cols = t->portrait ? 4 : 6;
    int rows = (d->count + cols - 1) / cols;
    float cell_h = (float)t->button_h;
    char id[24], label[8];

    if (rows < 1)
        return;
    area.h = fminf(area.h, (cell_h + (float)t->space_s) * (float)rows);
    for (int i = 0; i < d->count; i++) {
        const struct slot *sl = &bk.plan.slots[d->first + i];
        bool on = sl->start == bk.form.slot_start;

        format_clock(sl->start, label, sizeof(label));
        snprintf(id, sizeof(id), "time-%s", label);
        ui_button(&app->ui, id, label,
                  booking_keys_cell(area, cols, rows, i % cols, i / cols,
                                    (float)t->space_s),
                  on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY,
                  on ? UI_CHECKED : 0);
    }
}

static void draw_slots(struct app *app, SDL_FRect area)
{
    const struct theme *t = &app->theme;
    struct ui_text_style s =
        text_style(TEXT_REGULAR, t->font_body, t->text_muted);
    float days_h;

    if (bk.plan.day_count == 0) {
        s.wrap = true;
        ui_text(&app->ui, "no-slots", i18n_get(app->lang, STR_FORM_NO_SLOTS),
                area, &s);
        return;
    }
    if (bk.form.day >= bk.plan.day_count)
        bk.form.day = 0;
    days_h = (float)day_rows(app) * ((float)t->button_h + (float)t->space_xs) -
             (float)t->space_xs;
    draw_days(app, (SDL_FRect){area.x, area.y, area.w, days_h});
    area.y += days_h + (float)t->space_l;
    area.h -= days_h + (float)t->space_l;
    draw_times(app, area);
}

static void draw_name(struct app *app, SDL_FRect area)
{
    const struct theme *t = &app->theme;
    bool typed = bk.form.name_mode == FORM_NAME_TYPED;
    const char *surnames = i18n_get(app->lang, STR_FORM_SURNAMES);
    const char *keyboard = i18n_get(app->lang, STR_FORM_KEYBOARD);
    float h = (float)t->button_h, gap = (float)t->space_s;
    float tab_w = fmaxf(ui_button_width(&app->ui, surnames),
                        ui_button_width(&app->ui, keyboard));
    char name[BOOKING_NAME_MAX] = "";
    SDL_FRect field = {area.x, area.y, area.w - 2 * (tab_w + gap), h * 1.2f};
    SDL_FRect keys;

    if (t->portrait)
        field.w = area.w;
    if (typed)
        snprintf(name, sizeof(name), "%s", bk.form.typed);
    else
        booking_form_name(&bk.form, name, sizeof(name));
    draw_field(app, "name-field", field, name,
               i18n_get(app->lang, STR_FORM_NAME_HINT));

    keys = (SDL_FRect){area.x, field.y + field.h + gap, tab_w, h};
    if (!t->portrait)
        keys = (SDL_FRect){field.x + field.w + gap, field.y, tab_w, field.h};
    ui_button(&app->ui, "mode-surname", surnames, keys,
              typed ? UI_BUTTON_SECONDARY : UI_BUTTON_PRIMARY,
              typed ? 0 : UI_CHECKED);
    keys.x += tab_w + gap;
    ui_button(&app->ui, "mode-keyboard", keyboard, keys,
              typed ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY,
              typed ? UI_CHECKED : 0);

    keys = (SDL_FRect){area.x, keys.y + keys.h + (float)t->space_l, area.w, 0};
    keys.h = area.y + area.h - keys.y;
    if (typed) {
        booking_keys_letters(app, keys);
        return;
    }
    keys.h -= h + gap;
    booking_keys_surnames(app, keys, bk.form.surname);
    for (int i = 0; i < 2; i++) {
        bool on = bk.form.title == i;
        char id[16];

        snprintf(id, sizeof(id), "title-%d", i);
        ui_button(&app->ui, id, visitor_title_label(i, app->lang == LANG_EN),
                  (SDL_FRect){area.x + (float)i * (tab_w + gap),
                              keys.y + keys.h + gap, tab_w, h},
                  on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY,
                  on ? UI_CHECKED : 0);
    }
}

static void draw_phone(struct app *app, const struct frame *f)
{
    const struct theme *t = &app->theme;
    SDL_FRect area = f->content;
    struct ui_text_style s =
        text_style(TEXT_REGULAR, t->font_body, t->text_muted);
    char grouped[PHONE_GROUPED_MAX];
    float pad_w = fminf(area.w, (float)theme_px(t, 560));
    SDL_FRect field = {area.x, area.y, pad_w, (float)t->button_h * 1.2f};
    SDL_FRect pad;

    phone_group(bk.form.phone, grouped, sizeof(grouped));
    draw_field(app, "phone-field", field, grouped, "1__ ____ ____");
    s.wrap = true;
    if (booking_form_phone_wrong(&bk.form)) {
        s.colour = theme_rgb(0xFF6B6B);
        s.weight = TEXT_BOLD;
        ui_text(&app->ui, "error", i18n_get(app->lang, STR_FORM_PHONE_BAD),
                (SDL_FRect){area.x, field.y + field.h + (float)t->space_s,
                            pad_w, 0},
                &s);
    } else {
        ui_text(&app->ui, "hint", i18n_get(app->lang, STR_FORM_PHONE_HINT),
                (SDL_FRect){area.x, field.y + field.h + (float)t->space_s,
                            pad_w, 0},
                &s);
    }
    pad = (SDL_FRect){
        area.x + pad_w + (float)t->space_xl, area.y,
        fminf(area.w - pad_w - (float)t->space_xl, (float)theme_px(t, 640)),
        area.h};
    if (t->portrait)
        pad =
            (SDL_FRect){area.x, field.y + field.h + (float)t->space_xl * 1.5f,
                        area.w, fminf(area.h * 0.6f, (float)theme_px(t, 560))};
    booking_keys_digits(app, pad);
}

/* A ticked or empty box with its wrapped label; the whole row is the
 * touch target. */
static float draw_checkbox(struct app *app, const char *id, const char *label,
                           SDL_FRect row, bool checked)
{
    const struct theme *t = &app->theme;
    float box = (float)t->touch_min;
    struct ui_text_style s = text_style(TEXT_REGULAR, t->font_body, t->text);
    struct ui_text_style tick = {TEXT_BOLD,       t->font_heading, t->on_accent,
                                 UI_ALIGN_CENTER, UI_ALIGN_CENTER, false};
    SDL_FRect b = {row.x, row.y, box, box};
    SDL_FPoint size;

    s.wrap = true;
    size = ui_text_size(&app->ui, label, &s, row.w - box - (float)t->space_m);
    row.h = fmaxf(box, size.y);
    ui_add(&app->ui, id, UI_ROLE_CHECKBOX, label, row,
           checked ? UI_CHECKED : 0);
    if (checked) {
        draw_rounded(app->display.renderer, b, (float)t->radius / 2, t->accent);
        ui_text(&app->ui, NULL, "✓", b, &tick);
    } else {
        draw_rounded(app->display.renderer, b, (float)t->radius / 2,
                     ui_is_pressed(&app->ui, id) ? t->surface_pressed
                                                 : t->surface);
        draw_rounded_outline(app->display.renderer, b, (float)t->radius / 2,
                             (float)theme_px(t, 3), t->text_muted);
    }
    ui_text(&app->ui, NULL, label,
            (SDL_FRect){row.x + box + (float)t->space_m,
                        row.y + (box - fminf(size.y, box)) / 2,
                        row.w - box - (float)t->space_m, 0},
            &s);
    return row.h;
}

static void draw_consent(struct app *app, SDL_FRect area)
{
    const struct theme *t = &app->theme;
    const char *link = i18n_get(app->lang, STR_FORM_NOTICE_LINK);
    char main_text[UI_TEXT_MAX];
    float y = area.y;

    i18n_format(app->lang, STR_FORM_CONSENT_MAIN,
                app->cfg.dealership.name[app->lang], main_text,
                sizeof(main_text));
    area.w = fminf(area.w, (float)theme_px(t, 1200));
    y += draw_checkbox(app, "consent", main_text,
                       (SDL_FRect){area.x, y, area.w, 0},
                       bk.form.consent_processing);
    y += (float)t->space_m;
    ui_button(&app->ui, "notice", link,
              (SDL_FRect){area.x + (float)t->touch_min, y,
                          ui_button_width(&app->ui, link), (float)t->button_h},
              UI_BUTTON_GHOST, 0);
    y += (float)t->button_h + (float)t->space_xl;
    draw_checkbox(app, "marketing",
                  i18n_get(app->lang, STR_FORM_CONSENT_MARKETING),
                  (SDL_FRect){area.x, y, area.w, 0}, bk.form.consent_marketing);
}

static float review_row(struct app *app, float y, SDL_FRect area,
                        enum str_id label, const char *id, const char *value)
{
    const struct theme *t = &app->theme;
    struct ui_text_style s =
        text_style(TEXT_REGULAR, t->font_body, t->text_muted);
    float label_w = (float)theme_px(t, 200);
    SDL_FRect got;

    ui_text(&app->ui, NULL, i18n_get(app->lang, label),
            (SDL_FRect){area.x, y, label_w, 0}, &s);
    s = text_style(TEXT_BOLD, t->font_heading, t->text);
    got = ui_text(&app->ui, id, value,
                  (SDL_FRect){area.x + label_w, y - (float)t->space_xs,
                              area.w - label_w, 0},
                  &s);
    return got.h + (float)t->space_m;
}

static void draw_review(struct app *app, SDL_FRect area)
{
    const struct catalog_model *m =
        catalog_find(app->catalog, bk.form.model_id);
    char slot[96], name[BOOKING_NAME_MAX] = "", phone[PHONE_GROUPED_MAX];
    float y = area.y;

    format_slot(app, bk.form.slot_start, bk.form.slot_minutes, slot,
                sizeof(slot));
    booking_form_name(&bk.form, name, sizeof(name));
    phone_group(bk.form.phone, phone, sizeof(phone));
    y += review_row(app, y, area, STR_FORM_MODEL, "review-model",
                    m ? m->name[app->lang] : bk.form.model_id);
    y += review_row(app, y, area, STR_FORM_SLOT, "review-slot", slot);
    y += review_row(app, y, area, STR_FORM_NAME, "review-name", name);
    y += review_row(app, y, area, STR_FORM_PHONE, "review-phone", phone);
    review_row(app, y, area, STR_FORM_CONSENT_Q, "review-marketing",
               i18n_get(app->lang, bk.form.consent_marketing
                                       ? STR_FORM_MARKETING_YES
                                       : STR_FORM_MARKETING_NO));
}

/* "K7M4QX" as "K7M 4QX": two groups of three are easier to read out. */
static void spaced_reference(const char *ref, char *out, size_t size)
{
    snprintf(out, size, "%.3s %.3s", ref, ref + 3);
}

static void draw_done(struct app *app, SDL_FRect area)
{
    const struct theme *t = &app->theme;
    struct ui_text_style s =
        text_style(TEXT_REGULAR, t->font_body, t->text_muted);
    char ref[16];
    float qr = fminf(area.h, (float)theme_px(t, 360));
    SDL_FRect box = {area.x + area.w - qr, area.y, qr, qr};
    SDL_FRect got;
    float y = area.y;

    spaced_reference(bk.form.reference, ref, sizeof(ref));
    got = ui_text(&app->ui, NULL, i18n_get(app->lang, STR_FORM_DONE_REF),
                  (SDL_FRect){area.x, y, area.w, 0}, &s);
    y += got.h + (float)t->space_s;
    s = text_style(TEXT_BOLD, theme_px(t, 120), t->accent);
    got = ui_text(&app->ui, "reference", ref, (SDL_FRect){area.x, y, 0, 0}, &s);
    y += got.h + (float)t->space_l;
    s = text_style(TEXT_BOLD, t->font_heading, t->text);
    got = ui_text(&app->ui, "done-model", bk.done_model,
                  (SDL_FRect){area.x, y, area.w - qr, 0}, &s);
    y += got.h + (float)t->space_xs;
    got = ui_text(&app->ui, "done-slot", bk.done_slot,
                  (SDL_FRect){area.x, y, area.w - qr, 0}, &s);
    y += got.h + (float)t->space_l;
    s = text_style(TEXT_REGULAR, t->font_body, t->text_muted);
    s.wrap = true;
    ui_text(&app->ui, "done-hint", i18n_get(app->lang, STR_FORM_DONE_HINT),
            (SDL_FRect){area.x, y, area.w - qr - (float)t->space_l, 0}, &s);

    /* Room for the per-booking QR code that another issue fills in. */
    if (t->portrait)
        box = (SDL_FRect){area.x, area.y + area.h - qr, qr, qr};
    draw_rounded_outline(app->display.renderer, box, (float)t->radius,
                         (float)theme_px(t, 3), t->outline);
    s = text_style(TEXT_REGULAR, t->font_caption, t->text_muted);
    s.wrap = true;
    s.h_align = UI_ALIGN_CENTER;
    s.v_align = UI_ALIGN_CENTER;
    ui_text(&app->ui, "qr-placeholder", i18n_get(app->lang, STR_FORM_DONE_QR),
            (SDL_FRect){box.x + (float)t->space_m, box.y,
                        box.w - 2 * (float)t->space_m, box.h},
            &s);
}

/* ---- overlays ----------------------------------------------------------- */

/* Dims the screen and returns a centred panel of the given height. */
static SDL_FRect modal(struct app *app, float height)
{
    const struct theme *t = &app->theme;
    float w =
        fminf((float)(t->width - 2 * t->margin), (float)theme_px(t, 1100));
    SDL_FRect panel = {((float)t->width - w) / 2,
                       ((float)t->height - height) / 2, w, height};

    /* Covers the form: nothing under it can be tapped. */
    ui_add(&app->ui, "scrim", UI_ROLE_BUTTON, "",
           (SDL_FRect){0, 0, (float)t->width, (float)t->height}, 0);
    draw_rounded(app->display.renderer,
                 (SDL_FRect){0, 0, (float)t->width, (float)t->height}, 0,
                 (SDL_Color){0, 0, 0, 190});
    draw_rounded(app->display.renderer, panel, (float)t->radius, t->surface);
    return panel;
}

static void draw_privacy_notice(struct app *app)
{
    const struct theme *t = &app->theme;
    struct ui_text_style hs = text_style(TEXT_BOLD, t->font_title, t->text);
    struct ui_text_style bs = text_style(TEXT_REGULAR, t->font_body, t->text);
    const char *close = i18n_get(app->lang, STR_FORM_CLOSE);
    char days[16], body[UI_TEXT_MAX * 2];
    const char *args[2] = {app->cfg.dealership.name[app->lang], days};
    float pad = (float)t->space_l, w, body_h;
    SDL_FRect panel, got;

    snprintf(days, sizeof(days), "%d", app->cfg.booking.retention_days);
    i18n_format_n(app->lang, STR_FORM_NOTICE_BODY, args, 2, body, sizeof(body));
    w = fminf((float)(t->width - 2 * t->margin), (float)theme_px(t, 1100));
    bs.wrap = true;
    body_h = ui_text_size(&app->ui, body, &bs, w - 2 * pad).y;
    panel = modal(app, body_h + (float)t->font_title * 1.6f +
                           (float)t->button_h + 4 * pad);
    got = ui_text(&app->ui, "notice-title",
                  i18n_get(app->lang, STR_FORM_NOTICE_TITLE),
                  (SDL_FRect){panel.x + pad, panel.y + pad, 0, 0}, &hs);
    got = ui_text(
        &app->ui, "notice-body", body,
        (SDL_FRect){panel.x + pad, got.y + got.h + pad, panel.w - 2 * pad, 0},
        &bs);
    ui_button(
        &app->ui, "notice-close", close,
        (SDL_FRect){panel.x + panel.w - pad - ui_button_width(&app->ui, close),
                    panel.y + panel.h - pad - (float)t->button_h,
                    ui_button_width(&app->ui, close), (float)t->button_h},
        UI_BUTTON_PRIMARY, 0);
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

static void draw_still_there(struct app *app)
{
    const struct theme *t = &app->theme;
    uint64_t wipe_ms =
        app->last_input_ms + (uint64_t)app->cfg.idle_timeout_s * SECOND_MS;
    uint64_t left_ms = wipe_ms > app->now_ms ? wipe_ms - app->now_ms : 0;
    const char *go_on = i18n_get(app->lang, STR_FORM_CONTINUE);
    struct ui_text_style s = text_style(TEXT_BOLD, t->font_title, t->text);
    char seconds[16], hint[128];
    float pad = (float)t->space_l;
    SDL_FRect panel =
        modal(app, (float)t->font_title * 1.6f + (float)t->font_body * 1.6f +
                       (float)t->button_h + 4 * pad);
    SDL_FRect got;

    snprintf(seconds, sizeof(seconds), "%d",
             (int)((left_ms + SECOND_MS - 1) / SECOND_MS));
    got = ui_text(&app->ui, "still-there",
                  i18n_get(app->lang, STR_FORM_STILL_THERE),
                  (SDL_FRect){panel.x + pad, panel.y + pad, 0, 0}, &s);
    s = text_style(TEXT_REGULAR, t->font_body, t->text_muted);
    ui_text(&app->ui, "countdown",
            i18n_format(app->lang, STR_FORM_STILL_THERE_HINT, seconds, hint,
                        sizeof(hint)),
            (SDL_FRect){panel.x + pad, got.y + got.h + pad / 2, 0, 0}, &s);
    ui_button(
        &app->ui, "continue", go_on,
        (SDL_FRect){panel.x + panel.w - pad - ui_button_width(&app->ui, go_on),
                    panel.y + panel.h - pad - (float)t->button_h,
                    ui_button_width(&app->ui, go_on), (float)t->button_h},
        UI_BUTTON_PRIMARY, 0);
}

/* ---- the screen -----------------------------------------------------------
 */

static void booking_draw(struct app *app)
{
    struct frame f = draw_frame(app);

    switch (bk.form.step) {
    case FORM_MODEL:
        draw_models(app, f.content);
        break;
    case FORM_SLOT:
        draw_slots(app, f.content);
        break;
    case FORM_NAME:
        draw_name(app, f.content);
        break;
    case FORM_PHONE:
        draw_phone(app, &f);
        break;
    case FORM_CONSENT:
        draw_consent(app, f.content);
        break;
    case FORM_REVIEW:
        draw_review(app, f.content);
        break;
    case FORM_DONE:
    case FORM_STEP_COUNT:
        draw_done(app, f.content);
        break;
    }
    if (bk.form.notice == FORM_NOTICE_SAVE_FAILED)
        draw_notice(app, &f, STR_FORM_SAVE_FAILED);
    else if (bk.form.notice == FORM_NOTICE_SLOT_GONE)
        draw_notice(app, &f, STR_FORM_SLOT_GONE);
    draw_footer(app, &f);
    if (bk.form.notice_open)
        draw_privacy_notice(app);
    else if (prompt_showing(app))
        draw_still_there(app);
}

/* Forgets every trace of the visitor: the form, and the rendered text
 * and widget list that showed their name and number. */
static void wipe(struct app *app)
{
    booking_form_wipe(&bk.form);
    explicit_bzero(bk.done_slot, sizeof(bk.done_slot));
    app_forget_visitor(app);
}

static void finish_booking(struct app *app, const struct booking *b)
{
    const struct catalog_model *m = catalog_find(app->catalog, b->model_id);
    char masked[PHONE_MASKED_MAX], slot[96];

    phone_mask(b->phone, masked, sizeof(masked));
    format_slot(app, b->slot_start, b->slot_minutes, slot, sizeof(slot));
    log_info(TAG, "saved %s: %s, slot %lld, phone %s", b->reference,
             b->model_id, (long long)b->slot_start, masked);
    wipe(app);
    bk.form.step = FORM_DONE;
    snprintf(bk.form.reference, sizeof(bk.form.reference), "%s", b->reference);
    snprintf(bk.done_model, sizeof(bk.done_model), "%s",
             m ? m->name[app->lang] : b->model_id);
    snprintf(bk.done_slot, sizeof(bk.done_slot), "%s", slot);
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

        format_clock(sl->start, label, sizeof(label));
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
