#include "booking_keys.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "visitor_name.h"

static const float KEY_HEIGHT_MAX = 1.4f; /* times a button's height */

static const char *const LETTER_ROWS[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

SDL_FRect booking_keys_cell(SDL_FRect area, int cols, int rows, int col,
                            int row, float gap)
{
    float w = (area.w - gap * (float)(cols - 1)) / (float)cols;
    float h = (area.h - gap * (float)(rows - 1)) / (float)rows;

    return (SDL_FRect){area.x + (w + gap) * (float)col,
                       area.y + (h + gap) * (float)row, w, h};
}

void booking_keys_digits(struct app *app, SDL_FRect area)
{
    static const char *const labels = "123456789";
    float gap = (float)app->theme.space_s;
    char id[16], label[4];

    for (int i = 0; i < 9; i++) {
        snprintf(id, sizeof(id), "key-%c", labels[i]);
        snprintf(label, sizeof(label), "%c", labels[i]);
        ui_button(&app->ui, id, label,
                  booking_keys_cell(area, 3, 4, i % 3, i / 3, gap),
                  UI_BUTTON_SECONDARY, 0);
    }
    ui_button(&app->ui, "key-clear", i18n_get(app->lang, STR_FORM_CLEAR),
              booking_keys_cell(area, 3, 4, 0, 3, gap), UI_BUTTON_GHOST, 0);
    ui_button(&app->ui, "key-0", "0", booking_keys_cell(area, 3, 4, 1, 3, gap),
              UI_BUTTON_SECONDARY, 0);
    ui_button(&app->ui, "key-del", i18n_get(app->lang, STR_FORM_DELETE),
              booking_keys_cell(area, 3, 4, 2, 3, gap), UI_BUTTON_GHOST, 0);
}

void booking_keys_letters(struct app *app, SDL_FRect area)
{
    float gap = (float)app->theme.space_xs;
    /* Keys no taller than a comfortable press, in a tall portrait area. */
    float rows_h = 4 * (float)app->theme.button_h * KEY_HEIGHT_MAX + 3 * gap;
    SDL_FRect row_area;
    char id[16], label[4];

    area.h = fminf(area.h, rows_h);

    for (int r = 0; r < 3; r++) {
        int n = (int)strlen(LETTER_ROWS[r]);
        float key_w = (area.w - gap * 9) / 10;
        float row_w = key_w * (float)n + gap * (float)(n - 1);

        row_area = booking_keys_cell(area, 1, 4, 0, r, gap);
        row_area.x += (area.w - row_w) / 2;
        row_area.w = row_w;
        for (int i = 0; i < n; i++) {
            snprintf(id, sizeof(id), "key-%c", LETTER_ROWS[r][i]);
            snprintf(label, sizeof(label), "%c", LETTER_ROWS[r][i] - 32);
            ui_button(&app->ui, id, label,
                      booking_keys_cell(row_area, n, 1, i, 0, gap),
                      UI_BUTTON_SECONDARY, 0);
        }
    }
    row_area = booking_keys_cell(area, 1, 4, 0, 3, gap);
    ui_button(&app->ui, "key-space", i18n_get(app->lang, STR_FORM_SPACE),
              booking_keys_cell(row_area, 4, 1, 1, 0, gap), UI_BUTTON_SECONDARY,
              0);
    ui_button(&app->ui, "key-del", i18n_get(app->lang, STR_FORM_DELETE),
              booking_keys_cell(row_area, 4, 1, 3, 0, gap), UI_BUTTON_GHOST, 0);
}

void booking_keys_surnames(struct app *app, SDL_FRect area, int checked)
{
    const int cols = app->theme.portrait ? 6 : 8;
    const int rows = (visitor_surname_count + cols - 1) / cols;
    float gap = (float)app->theme.space_xs;
    char id[24];

    for (int i = 0; i < visitor_surname_count; i++) {
        bool on = i == checked;

        snprintf(id, sizeof(id), "surname-%d", i);
        ui_button(&app->ui, id, visitor_surnames[i],
                  booking_keys_cell(area, cols, rows, i % cols, i / cols, gap),
                  on ? UI_BUTTON_PRIMARY : UI_BUTTON_SECONDARY,
                  on ? UI_CHECKED : 0);
    }
}

bool booking_keys_text(const char *id, char *out, size_t out_size)
{
    if (strncmp(id, "key-", 4) != 0)
        return false;
    id += 4;
    if (strcmp(id, "space") == 0) {
        snprintf(out, out_size, " ");
        return true;
    }
    if (strlen(id) != 1 ||
        !((id[0] >= '0' && id[0] <= '9') || (id[0] >= 'a' && id[0] <= 'z')))
        return false;
    snprintf(out, out_size, "%c", id[0]);
    return true;
}
