#include "ui.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "log.h"

static const char *const TAG = "ui";

/* A pressed button shrinks by this much: feedback under a finger. */
static const float PRESSED_SHRINK = 0.03f;

void ui_init(struct ui *ui, SDL_Renderer *renderer, struct text_cache *text,
             const struct theme *theme)
{
    memset(ui, 0, sizeof(*ui));
    ui->renderer = renderer;
    ui->text = text;
    ui->theme = theme;
}

void ui_begin(struct ui *ui)
{
    ui->count = 0;
}

bool ui_is_pressed(const struct ui *ui, const char *id)
{
    return ui->pressed_id[0] && ui->pressed_inside &&
           strcmp(ui->pressed_id, id) == 0;
}

struct ui_widget *ui_add(struct ui *ui, const char *id, enum ui_role role,
                         const char *text, SDL_FRect bounds, unsigned flags)
{
    struct ui_widget *w;

    if (ui->count == UI_WIDGETS_MAX) {
        log_warn(TAG, "more than %d widgets on one screen", UI_WIDGETS_MAX);
        return NULL;
    }
    w = &ui->widgets[ui->count++];
    snprintf(w->id, sizeof(w->id), "%s", id);
    snprintf(w->text, sizeof(w->text), "%s", text ? text : "");
    w->role = role;
    w->bounds = bounds;
    w->flags = flags & ~(unsigned)UI_PRESSED;
    if (ui_is_pressed(ui, id) && !(flags & UI_DISABLED))
        w->flags |= UI_PRESSED;
    return w;
}

static float aligned(float start, float space, float size, enum ui_align a)
{
    if (a == UI_ALIGN_CENTER)
        return start + (space - size) / 2;
    if (a == UI_ALIGN_END)
        return start + space - size;
    return start;
}

static const struct text_image *text_image(struct ui *ui, const char *text,
                                           const struct ui_text_style *style,
                                           float wrap_w)
{
    int wrap_px = style->wrap ? (int)wrap_w : 0;

    return text_cache_get(ui->text, style->weight, style->size_px, wrap_px,
                          text);
}

SDL_FPoint ui_text_size(struct ui *ui, const char *text,
                        const struct ui_text_style *style, float wrap_w)
{
    const struct text_image *img = text_image(ui, text, style, wrap_w);
    SDL_FPoint size = {0, 0};

    if (img) {
        size.x = (float)img->w;
        size.y = (float)img->h;
    }
    return size;
}

SDL_FRect ui_text(struct ui *ui, const char *id, const char *text,
                  SDL_FRect box, const struct ui_text_style *style)
{
    const struct text_image *img = text_image(ui, text, style, box.w);
    SDL_FRect dst = {box.x, box.y, 0, 0};

    if (img) {
        dst.w = (float)img->w;
        dst.h = (float)img->h;
        dst.x = aligned(box.x, box.w, dst.w, style->h_align);
        dst.y = aligned(box.y, box.h, dst.h, style->v_align);
        SDL_SetTextureColorMod(img->texture, style->colour.r, style->colour.g,
                               style->colour.b);
        SDL_SetTextureAlphaMod(img->texture, style->colour.a);
        SDL_RenderCopyF(ui->renderer, img->texture, NULL, &dst);
    }
    if (id)
        ui_add(ui, id, UI_ROLE_LABEL, text, dst, 0);
    return dst;
}

static void button_colours(const struct theme *t, enum ui_button_style style,
                           bool pressed, SDL_Color *fill, SDL_Color *label)
{
    *label = t->text;
    switch (style) {
    case UI_BUTTON_PRIMARY:
        *fill = pressed ? t->accent_pressed : t->accent;
        *label = t->on_accent;
        break;
    case UI_BUTTON_SECONDARY:
        *fill = pressed ? t->surface_pressed : t->surface;
        break;
    case UI_BUTTON_GHOST:
        *fill = pressed ? t->surface_pressed : (SDL_Color){0, 0, 0, 0};
        break;
    case UI_BUTTON_SCRIM:
        *fill = pressed ? (SDL_Color){0, 0, 0, 220} : (SDL_Color){0, 0, 0, 130};
        break;
    }
}

static SDL_FRect shrink(SDL_FRect r, float by)
{
    float dx = r.w * by / 2, dy = r.h * by / 2;

    return (SDL_FRect){r.x + dx, r.y + dy, r.w - 2 * dx, r.h - 2 * dy};
}

static struct ui_text_style button_label_style(const struct theme *t)
{
    struct ui_text_style s = {TEXT_BOLD,       t->font_body,    t->text,
                              UI_ALIGN_CENTER, UI_ALIGN_CENTER, false};

    return s;
}

float ui_button_width(struct ui *ui, const char *label)
{
    const struct theme *t = ui->theme;
    struct ui_text_style s = button_label_style(t);
    float w = ui_text_size(ui, label, &s, 0).x + 2 * (float)t->space_l;

    return w < (float)t->touch_min * 2 ? (float)t->touch_min * 2 : w;
}

void ui_button(struct ui *ui, const char *id, const char *label,
               SDL_FRect bounds, enum ui_button_style style, unsigned flags)
{
    const struct theme *t = ui->theme;
    struct ui_widget *w = ui_add(ui, id, UI_ROLE_BUTTON, label, bounds, flags);
    bool pressed = w && (w->flags & UI_PRESSED);
    struct ui_text_style s = button_label_style(t);
    SDL_FRect shape = pressed ? shrink(bounds, PRESSED_SHRINK) : bounds;
    SDL_Color fill;

    button_colours(t, style, pressed, &fill, &s.colour);
    if (flags & UI_DISABLED) {
        fill.a /= 3;
        s.colour.a = 110;
    }
    draw_rounded(ui->renderer, shape, shape.h / 2, fill);
    if (style == UI_BUTTON_SECONDARY)
        draw_rounded_outline(ui->renderer, shape, shape.h / 2,
                             (float)theme_px(t, 2), t->outline);
    ui_text(ui, NULL, label, shape, &s);
}

static bool inside(SDL_FRect r, float x, float y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static bool is_target(const struct ui_widget *w)
{
    if (w->flags & UI_DISABLED)
        return false;
    return w->role == UI_ROLE_BUTTON || w->role == UI_ROLE_TEXT_FIELD ||
           w->role == UI_ROLE_CHECKBOX;
}

const struct ui_widget *ui_hit(const struct ui *ui, float x, float y)
{
    for (int i = ui->count - 1; i >= 0; i--) {
        const struct ui_widget *w = &ui->widgets[i];

        if (is_target(w) && inside(w->bounds, x, y))
            return w;
    }
    return NULL;
}

static const struct ui_widget *find_id(const struct ui *ui, const char *id)
{
    for (int i = 0; i < ui->count; i++) {
        if (strcmp(ui->widgets[i].id, id) == 0)
            return &ui->widgets[i];
    }
    return NULL;
}

void ui_cancel_press(struct ui *ui)
{
    if (ui->pressed_id[0])
        ui->dirty = true;
    ui->pressed_id[0] = '\0';
    ui->pressed_inside = false;
}

static void press(struct ui *ui, const struct input_event *ev)
{
    const struct ui_widget *hit = ui_hit(ui, ev->x, ev->y);

    if (!hit || ui->pressed_id[0])
        return;
    snprintf(ui->pressed_id, sizeof(ui->pressed_id), "%s", hit->id);
    ui->pressed_pointer = ev->pointer;
    ui->pressed_inside = true;
    ui->dirty = true;
}

static void track(struct ui *ui, const struct input_event *ev)
{
    const struct ui_widget *w = find_id(ui, ui->pressed_id);
    bool now_inside = w && inside(w->bounds, ev->x, ev->y);

    if (now_inside != ui->pressed_inside) {
        ui->pressed_inside = now_inside;
        ui->dirty = true;
    }
}

static const char *release(struct ui *ui, const struct input_event *ev)
{
    const struct ui_widget *hit = ui_hit(ui, ev->x, ev->y);
    const char *activated = NULL;

    if (hit && strcmp(hit->id, ui->pressed_id) == 0) {
        snprintf(ui->activated_id, sizeof(ui->activated_id), "%s", hit->id);
        activated = ui->activated_id;
    }
    ui_cancel_press(ui);
    return activated;
}

const char *ui_pointer(struct ui *ui, const struct input_event *ev)
{
    bool ours = ui->pressed_id[0] && ev->pointer == ui->pressed_pointer;

    switch (ev->type) {
    case INPUT_DOWN:
        press(ui, ev);
        return NULL;
    case INPUT_MOVE:
        if (ours)
            track(ui, ev);
        return NULL;
    case INPUT_UP:
        return ours ? release(ui, ev) : NULL;
    default:
        return NULL;
    }
}

int ui_find(const struct ui *ui, const char *key, const struct ui_widget **out)
{
    int matches = 0;

    for (int i = 0; i < ui->count; i++) {
        const struct ui_widget *w = &ui->widgets[i];

        if (strcmp(w->id, key) != 0 && strcmp(w->text, key) != 0)
            continue;
        if (matches++ == 0)
            *out = w;
    }
    return matches;
}

const char *ui_role_name(enum ui_role role)
{
    static const char *const names[] = {
        [UI_ROLE_BUTTON] = "button",     [UI_ROLE_LABEL] = "label",
        [UI_ROLE_IMAGE] = "image",       [UI_ROLE_TEXT_FIELD] = "text field",
        [UI_ROLE_CHECKBOX] = "checkbox", [UI_ROLE_QR_CODE] = "QR code",
        [UI_ROLE_PANORAMA] = "panorama",
    };

    return (unsigned)role < sizeof(names) / sizeof(names[0]) ? names[role]
                                                             : "?";
}
