#include "theme.h"

#include <math.h>

enum { DESIGN_SHORT_SIDE_PX = 1080 };

SDL_Color theme_rgb(uint32_t rgb)
{
    SDL_Color c = {(Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255};

    return c;
}

static Uint8 mix_channel(Uint8 a, Uint8 b, float t)
{
    return (Uint8)lroundf((float)a + ((float)b - (float)a) * t);
}

SDL_Color theme_mix(SDL_Color a, SDL_Color b, float t)
{
    SDL_Color c = {mix_channel(a.r, b.r, t), mix_channel(a.g, b.g, t),
                   mix_channel(a.b, b.b, t), mix_channel(a.a, b.a, t)};

    return c;
}

int theme_px(const struct theme *theme, int design_px)
{
    return (int)lroundf((float)design_px * theme->scale);
}

static void init_colours(struct theme *theme, uint32_t accent_rgb)
{
    SDL_Color white = {255, 255, 255, 255};
    SDL_Color black = {0, 0, 0, 255};

    theme->background = theme_rgb(0x0E1116);
    theme->surface = theme_rgb(0x1A1F27);
    theme->surface_pressed = theme_rgb(0x2A313C);
    theme->outline = theme_rgb(0x2E3540);
    theme->text = theme_rgb(0xF4F6F8);
    theme->text_muted = theme_rgb(0x9AA4B1);
    theme->accent = theme_rgb(accent_rgb);
    theme->accent_pressed = theme_mix(theme->accent, black, 0.25f);
    theme->on_accent = white;
    theme->scrim = (SDL_Color){0, 0, 0, 170};
}

void theme_init(struct theme *theme, uint32_t accent_rgb, int width, int height)
{
    int short_side = width < height ? width : height;

    theme->width = width;
    theme->height = height;
    theme->portrait = height > width;
    theme->scale = (float)short_side / (float)DESIGN_SHORT_SIDE_PX;
    init_colours(theme, accent_rgb);

    theme->font_display = theme_px(theme, 84);
    theme->font_title = theme_px(theme, 52);
    theme->font_heading = theme_px(theme, 38);
    theme->font_body = theme_px(theme, 30);
    theme->font_caption = theme_px(theme, 24);

    theme->space_xs = theme_px(theme, 8);
    theme->space_s = theme_px(theme, 16);
    theme->space_m = theme_px(theme, 24);
    theme->space_l = theme_px(theme, 40);
    theme->space_xl = theme_px(theme, 64);
    theme->radius = theme_px(theme, 24);
    theme->touch_min = theme_px(theme, 64);
    theme->button_h = theme_px(theme, 88);
    theme->header_h = theme_px(theme, 132);
    theme->margin = theme_px(theme, 56);
}
