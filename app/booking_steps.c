/*
 * booking_steps: draws the body of each booking step between the question
 * and the footer: the model cards, the day tabs and times, the name field
 * with the surname grid or the letter keyboard, the mobile field with its
 * keypad, the consent boxes, the review and the done page. Each tappable
 * thing is a ui widget whose id screen_booking acts on. Main thread.
 */
#include "booking_steps.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "booking_keys.h"
#include "booking_text.h"
#include "draw.h"
#include "i18n.h"
#include "visitor_name.h"

struct ui_text_style booking_style(enum text_weight weight, int size,
                                   SDL_Color colour)
{
    struct ui_text_style s = {weight,         size,           colour,
                              UI_ALIGN_START, UI_ALIGN_START, false};

    return s;
}

/* A read-only box showing what was typed so far. */
static void draw_field(struct app *app, const char *id, SDL_FRect r,
                       const char *value, const char *placeholder)
{
    const struct theme *t = &app->theme;
    struct ui_text_style s = booking_style(TEXT_BOLD, t->font_title, t->text);

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

static void draw_models(struct app *app, const struct booking_screen *st,
                        SDL_FRect area)
{
    const struct theme *t = &app->theme;
    int n = (int)app->catalog->model_count;
    int cols = n < 3 ? n : 3;
    float gap = (float)t->space_l;
    struct ui_text_style s = booking_style(TEXT_BOLD, t->font_heading, t->text);
    char id[UI_ID_MAX];

    if (t->portrait)
        cols = 1;
    for (int i = 0; i < n && i < 3; i++) {
        const struct catalog_model *m = &app->catalog->models[i];
        bool on = strcmp(m->id, st->form.model_id) == 0;
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

static int day_rows(const struct app *app, const struct booking_screen *st)
{
    return (st->plan.day_count + day_columns(app) - 1) / day_columns(app);
}

static void draw_days(struct app *app, const struct booking_screen *st,
                      SDL_FRect area)
{
    const struct theme *t = &app->theme;
    int cols = day_columns(app), rows = day_rows(app, st);
    char id[16], label[48];

    for (int i = 0; i < st->plan.day_count; i++) {
        bool on = i == st->form.day;

        booking_text_day(app->lang, &st->plan.days[i], st->plan.made_at, label,
                         sizeof(label));
        snprintf(id, sizeof(id), "day-%d", i);
        ui_button(&app->ui, id, label,
                  booking_keys_cell(area, cols, rows, i % cols, i / cols,
                                    (float)t->space_xs),
                  on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY,
                  on ? UI_CHECKED : 0);
    }
}

static void draw_times(struct app *app, const struct booking_screen *st,
                       SDL_FRect area)
{
    const struct theme *t = &app->theme;
    const struct slot_day *d = &st->plan.days[st->form.day];
    int cols = t->portrait ? 4 : 6;
    int rows = (d->count + cols - 1) / cols;
    float cell_h = (float)t->button_h;
    char id[24], label[8];

    if (rows < 1)
        return;
    area.h = fminf(area.h, (cell_h + (float)t->space_s) * (float)rows);
    for (int i = 0; i < d->count; i++) {
        const struct slot *sl = &st->plan.slots[d->first + i];
        bool on = sl->start == st->form.slot_start;

        booking_text_clock(sl->start, label, sizeof(label));
        snprintf(id, sizeof(id), "time-%s", label);
        ui_button(&app->ui, id, label,
                  booking_keys_cell(area, cols, rows, i % cols, i / cols,
                                    (float)t->space_s),
                  on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY,
                  on ? UI_CHECKED : 0);
    }
}

static void draw_slots(struct app *app, const struct booking_screen *st,
                       SDL_FRect area)
{
    const struct theme *t = &app->theme;
    struct ui_text_style s =
        booking_style(TEXT_REGULAR, t->font_body, t->text_muted);
    float days_h;

    if (st->plan.day_count == 0) {
        s.wrap = true;
        ui_text(&app->ui, "no-slots", i18n_get(app->lang, STR_FORM_NO_SLOTS),
                area, &s);
        return;
    }
    days_h =
        (float)day_rows(app, st) * ((float)t->button_h + (float)t->space_xs) -
        (float)t->space_xs;
    draw_days(app, st, (SDL_FRect){area.x, area.y, area.w, days_h});
    area.y += days_h + (float)t->space_l;
    area.h -= days_h + (float)t->space_l;
    draw_times(app, st, area);
}

static void draw_name(struct app *app, const struct booking_screen *st,
                      SDL_FRect area)
{
    const struct theme *t = &app->theme;
    bool typed = st->form.name_mode == FORM_NAME_TYPED;
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
        snprintf(name, sizeof(name), "%s", st->form.typed);
    else
        booking_form_name(&st->form, name, sizeof(name));
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
    booking_keys_surnames(app, keys, st->form.surname);
    for (int i = 0; i < 2; i++) {
        bool on = st->form.title == i;
        char id[16];

        snprintf(id, sizeof(id), "title-%d", i);
        ui_button(&app->ui, id, visitor_title_label(i, app->lang == LANG_EN),
                  (SDL_FRect){area.x + (float)i * (tab_w + gap),
                              keys.y + keys.h + gap, tab_w, h},
                  on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY,
                  on ? UI_CHECKED : 0);
    }
}

static void draw_phone(struct app *app, const struct booking_screen *st,
                       SDL_FRect area)
{
    const struct theme *t = &app->theme;
    struct ui_text_style s =
        booking_style(TEXT_REGULAR, t->font_body, t->text_muted);
    char grouped[PHONE_GROUPED_MAX];
    float pad_w = fminf(area.w, (float)theme_px(t, 560));
    float hint_w = t->portrait ? area.w : pad_w;
    SDL_FRect field = {area.x, area.y, pad_w, (float)t->button_h * 1.2f};
    SDL_FRect pad;

    phone_group(st->form.phone, grouped, sizeof(grouped));
    draw_field(app, "phone-field", field, grouped, "1__ ____ ____");
    s.wrap = true;
    if (booking_form_phone_wrong(&st->form)) {
        s.colour = theme_rgb(0xFF6B6B);
        s.weight = TEXT_BOLD;
        ui_text(&app->ui, "error", i18n_get(app->lang, STR_FORM_PHONE_BAD),
                (SDL_FRect){area.x, field.y + field.h + (float)t->space_s,
                            hint_w, 0},
                &s);
    } else {
        ui_text(&app->ui, "hint", i18n_get(app->lang, STR_FORM_PHONE_HINT),
                (SDL_FRect){area.x, field.y + field.h + (float)t->space_s,
                            hint_w, 0},
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
    struct ui_text_style s = booking_style(TEXT_REGULAR, t->font_body, t->text);
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

static void draw_consent(struct app *app, const struct booking_screen *st,
                         SDL_FRect area)
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
                       st->form.consent_processing);
    y += (float)t->space_m;
    ui_button(&app->ui, "notice", link,
              (SDL_FRect){area.x + (float)t->touch_min, y,
                          ui_button_width(&app->ui, link), (float)t->button_h},
              UI_BUTTON_GHOST, 0);
    y += (float)t->button_h + (float)t->space_xl;
    draw_checkbox(
        app, "marketing", i18n_get(app->lang, STR_FORM_CONSENT_MARKETING),
        (SDL_FRect){area.x, y, area.w, 0}, st->form.consent_marketing);
}

static float review_row(struct app *app, float y, SDL_FRect area,
                        enum str_id label, const char *id, const char *value)
{
    const struct theme *t = &app->theme;
    struct ui_text_style s =
        booking_style(TEXT_REGULAR, t->font_body, t->text_muted);
    float label_w = (float)theme_px(t, 200);
    SDL_FRect got;

    ui_text(&app->ui, NULL, i18n_get(app->lang, label),
            (SDL_FRect){area.x, y, label_w, 0}, &s);
    s = booking_style(TEXT_BOLD, t->font_heading, t->text);
    got = ui_text(&app->ui, id, value,
                  (SDL_FRect){area.x + label_w, y - (float)t->space_xs,
                              area.w - label_w, 0},
                  &s);
    return got.h + (float)t->space_m;
}

static void draw_review(struct app *app, const struct booking_screen *st,
                        SDL_FRect area)
{
    const struct catalog_model *m =
        catalog_find(app->catalog, st->form.model_id);
    char slot[96], name[BOOKING_NAME_MAX] = "", phone[PHONE_GROUPED_MAX];
    float y = area.y;

    booking_text_slot(app->lang, st->form.slot_start, st->form.slot_minutes,
                      slot, sizeof(slot));
    booking_form_name(&st->form, name, sizeof(name));
    phone_group(st->form.phone, phone, sizeof(phone));
    y += review_row(app, y, area, STR_FORM_MODEL, "review-model",
                    m ? m->name[app->lang] : st->form.model_id);
    y += review_row(app, y, area, STR_FORM_SLOT, "review-slot", slot);
    y += review_row(app, y, area, STR_FORM_NAME, "review-name", name);
    y += review_row(app, y, area, STR_FORM_PHONE, "review-phone", phone);
    review_row(app, y, area, STR_FORM_NEWS, "review-marketing",
               i18n_get(app->lang, st->form.consent_marketing
                                       ? STR_FORM_MARKETING_YES
                                       : STR_FORM_MARKETING_NO));
}

static void draw_done(struct app *app, const struct booking_screen *st,
                      SDL_FRect area)
{
    const struct theme *t = &app->theme;
    struct ui_text_style s =
        booking_style(TEXT_REGULAR, t->font_body, t->text_muted);
    const struct catalog_model *m =
        catalog_find(app->catalog, st->form.model_id);
    char ref[16], slot[BOOKING_LINE_MAX];
    float qr = fminf(area.h, (float)theme_px(t, 360));
    SDL_FRect box = {area.x + area.w - qr, area.y, qr, qr};
    /* The code sits right of the text in landscape, below it in portrait. */
    float text_w = t->portrait ? area.w : area.w - qr - (float)t->space_l;
    SDL_FRect got;
    float y = area.y;

    booking_text_reference(st->form.reference, ref, sizeof(ref));
    booking_text_slot(app->lang, st->form.slot_start, st->form.slot_minutes,
                      slot, sizeof(slot));
    got = ui_text(&app->ui, NULL, i18n_get(app->lang, STR_FORM_DONE_REF),
                  (SDL_FRect){area.x, y, area.w, 0}, &s);
    y += got.h + (float)t->space_s;
    s = booking_style(TEXT_BOLD, theme_px(t, 120), t->accent);
    got = ui_text(&app->ui, "reference", ref, (SDL_FRect){area.x, y, 0, 0}, &s);
    y += got.h + (float)t->space_l;
    s = booking_style(TEXT_BOLD, t->font_heading, t->text);
    got = ui_text(&app->ui, "done-model",
                  m ? m->name[app->lang] : st->form.model_id,
                  (SDL_FRect){area.x, y, text_w, 0}, &s);
    y += got.h + (float)t->space_xs;
    got = ui_text(&app->ui, "done-slot", slot,
                  (SDL_FRect){area.x, y, text_w, 0}, &s);
    y += got.h + (float)t->space_l;
    s = booking_style(TEXT_REGULAR, t->font_body, t->text_muted);
    s.wrap = true;
    ui_text(&app->ui, "done-hint", i18n_get(app->lang, STR_FORM_DONE_HINT),
            (SDL_FRect){area.x, y, text_w, 0}, &s);

    /* Room for the per-booking QR code that another issue fills in. */
    if (t->portrait)
        box = (SDL_FRect){area.x, area.y + area.h - qr, qr, qr};
    draw_rounded_outline(app->display.renderer, box, (float)t->radius,
                         (float)theme_px(t, 3), t->outline);
    s = booking_style(TEXT_REGULAR, t->font_caption, t->text_muted);
    s.wrap = true;
    s.h_align = UI_ALIGN_CENTER;
    s.v_align = UI_ALIGN_CENTER;
    ui_text(&app->ui, "qr-placeholder", i18n_get(app->lang, STR_FORM_DONE_QR),
            (SDL_FRect){box.x + (float)t->space_m, box.y,
                        box.w - 2 * (float)t->space_m, box.h},
            &s);
}

void booking_steps_draw(struct app *app, const struct booking_screen *st,
                        SDL_FRect area)
{
    switch (st->form.step) {
    case FORM_MODEL:
        draw_models(app, st, area);
        break;
    case FORM_SLOT:
        draw_slots(app, st, area);
        break;
    case FORM_NAME:
        draw_name(app, st, area);
        break;
    case FORM_PHONE:
        draw_phone(app, st, area);
        break;
    case FORM_CONSENT:
        draw_consent(app, st, area);
        break;
    case FORM_REVIEW:
        draw_review(app, st, area);
        break;
    case FORM_DONE:
    case FORM_STEP_COUNT:
        draw_done(app, st, area);
        break;
    }
}
