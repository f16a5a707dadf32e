/*
 * draw: shapes SDL's renderer lacks, built from SDL_RenderGeometry so they
 * look the same on every renderer: rounded rectangles (filled, or showing
 * part of a texture), soft shadows and vertical gradients. Main thread.
 */
#ifndef VITRINE_DRAW_H
#define VITRINE_DRAW_H

#include <SDL.h>

/* A filled rectangle with corners of the given radius (0 = square). */
void draw_rounded(SDL_Renderer *renderer, SDL_FRect rect, float radius,
                  SDL_Color colour);

/*
 * Fills rect with the texture scaled to cover it (cropped to keep its
 * aspect, centred), corners rounded.
 */
void draw_image_cover(SDL_Renderer *renderer, SDL_Texture *texture,
                      SDL_FRect rect, float radius, Uint8 alpha);

/* A soft shadow under rect, spreading by spread pixels. */
void draw_shadow(SDL_Renderer *renderer, SDL_FRect rect, float radius,
                 float spread);

/* Colour top at the top edge of rect fading to bottom at the bottom. */
void draw_gradient(SDL_Renderer *renderer, SDL_FRect rect, SDL_Color top,
                   SDL_Color bottom);

/* A ring of the given stroke width. */
void draw_rounded_outline(SDL_Renderer *renderer, SDL_FRect rect, float radius,
                          float width, SDL_Color colour);

#endif
