/*
 * theme: the one visual language of every screen: colours, type scale,
 * spacing, corner radius and touch sizes.
 *
 * Sizes are designed for the short side of the screen being 1080 px and
 * scale with it, so 1920x1080 and 1080x1920 share one set of numbers and
 * 1280x800 gets the same layout a little smaller. The accent colour is the
 * dealership's, from the config. Plain data; main thread.
 */
#ifndef VITRINE_THEME_H
#define VITRINE_THEME_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

struct theme {
    float scale; /* short side / 1080 */
    bool portrait;
    int width, height;

    SDL_Color background;
    SDL_Color surface;
    SDL_Color surface_pressed;
    SDL_Color outline;
    SDL_Color text;
    SDL_Color text_muted;
    SDL_Color accent;
    SDL_Color accent_pressed;
    SDL_Color on_accent;
    SDL_Color scrim; /* darkens photos under text */

    int font_display; /* attract headline */
    int font_title;   /* screen titles */
    int font_heading; /* card titles */
    int font_body;
    int font_caption;

    int space_xs, space_s, space_m, space_l, space_xl;
    int radius;
    int touch_min; /* smallest touch target: 64 px at 1080 */
    int button_h;
    int header_h;
    int margin; /* screen edge to content */
};

void theme_init(struct theme *theme, uint32_t accent_rgb, int width,
                int height);

/* A design size at 1080 px, scaled for this screen. */
int theme_px(const struct theme *theme, int design_px);

SDL_Color theme_rgb(uint32_t rgb);
SDL_Color theme_mix(SDL_Color a, SDL_Color b, float t);

#endif
