#include "draw.h"

#include <math.h>

/* Points per quarter circle: smooth at the radii the theme uses. */
enum { CORNER_STEPS = 8, RING_POINTS = 4 * (CORNER_STEPS + 1) };

struct uv_map {
    float u0, v0, u1, v1; /* texture coordinates at the rect's corners */
};

/* The outline of a rounded rect, clockwise from the top-left corner. */
static void rounded_points(SDL_FRect rect, float radius, SDL_FPoint *out)
{
    const float half_pi = (float)M_PI / 2.0f;
    float max_r = fminf(rect.w, rect.h) / 2.0f;
    float r = fminf(fmaxf(radius, 0.0f), max_r);
    const SDL_FPoint centres[4] = {
        {rect.x + r, rect.y + r},
        {rect.x + rect.w - r, rect.y + r},
        {rect.x + rect.w - r, rect.y + rect.h - r},
        {rect.x + r, rect.y + rect.h - r},
    };
    int n = 0;

    for (int corner = 0; corner < 4; corner++) {
        float start = (float)M_PI + half_pi * (float)corner;

        for (int i = 0; i <= CORNER_STEPS; i++) {
            float a = start + half_pi * (float)i / CORNER_STEPS;

            out[n].x = centres[corner].x + r * cosf(a);
            out[n].y = centres[corner].y + r * sinf(a);
            n++;
        }
    }
}

static float clamp01(float v)
{
    return v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v;
}

static SDL_Vertex make_vertex(SDL_FPoint p, SDL_FRect rect, SDL_Color colour,
                              const struct uv_map *uv)
{
    SDL_Vertex v = {p, colour, {0, 0}};

    if (uv && rect.w > 0 && rect.h > 0) {
        float tx = (p.x - rect.x) / rect.w, ty = (p.y - rect.y) / rect.h;

        /* SDL refuses the whole mesh if a coordinate strays past 0..1,
         * which rounding alone can do. */
        v.tex_coord.x = clamp01(uv->u0 + (uv->u1 - uv->u0) * tx);
        v.tex_coord.y = clamp01(uv->v0 + (uv->v1 - uv->v0) * ty);
    }
    return v;
}

static void fill_polygon(SDL_Renderer *renderer, SDL_Texture *texture,
                         SDL_FRect rect, float radius, SDL_Color colour,
                         const struct uv_map *uv)
{
    SDL_FPoint points[RING_POINTS];
    SDL_Vertex verts[RING_POINTS + 1];
    int indices[RING_POINTS * 3];
    SDL_FPoint centre = {rect.x + rect.w / 2, rect.y + rect.h / 2};

    if (rect.w <= 0 || rect.h <= 0)
        return;
    rounded_points(rect, radius, points);
    verts[0] = make_vertex(centre, rect, colour, uv);
    for (int i = 0; i < RING_POINTS; i++) {
        verts[i + 1] = make_vertex(points[i], rect, colour, uv);
        indices[i * 3] = 0;
        indices[i * 3 + 1] = i + 1;
        indices[i * 3 + 2] = (i + 1) % RING_POINTS + 1;
    }
    SDL_RenderGeometry(renderer, texture, verts, RING_POINTS + 1, indices,
                       RING_POINTS * 3);
}

void draw_rounded(SDL_Renderer *renderer, SDL_FRect rect, float radius,
                  SDL_Color colour)
{
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    fill_polygon(renderer, NULL, rect, radius, colour, NULL);
}

/* The centred part of a tw x th image with the aspect of rect. */
static struct uv_map cover_crop(int tw, int th, SDL_FRect rect)
{
    float image_aspect = (float)tw / (float)th;
    float rect_aspect = rect.w / rect.h;
    struct uv_map uv = {0, 0, 1, 1};

    if (image_aspect > rect_aspect) {
        float keep = rect_aspect / image_aspect;

        uv.u0 = (1 - keep) / 2;
        uv.u1 = uv.u0 + keep;
    } else {
        float keep = image_aspect / rect_aspect;

        uv.v0 = (1 - keep) / 2;
        uv.v1 = uv.v0 + keep;
    }
    return uv;
}

void draw_image_cover(SDL_Renderer *renderer, SDL_Texture *texture,
                      SDL_FRect rect, float radius, Uint8 alpha)
{
    SDL_Color white = {255, 255, 255, alpha};
    struct uv_map uv;
    int tw, th;

    if (!texture || SDL_QueryTexture(texture, NULL, NULL, &tw, &th) != 0 ||
        rect.w <= 0 || rect.h <= 0 || tw <= 0 || th <= 0)
        return;
    uv = cover_crop(tw, th, rect);
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    SDL_SetTextureAlphaMod(texture, alpha);
    if (radius <= 0) {
        SDL_Rect src = {(int)(uv.u0 * (float)tw), (int)(uv.v0 * (float)th),
                        (int)((uv.u1 - uv.u0) * (float)tw),
                        (int)((uv.v1 - uv.v0) * (float)th)};

        SDL_RenderCopyF(renderer, texture, &src, &rect);
        return;
    }
    /* Half a texel in from the edge: SDL 2.26's software renderer reads
     * past the last column at u = 1, and filtering there bleeds. */
    uv.u0 = fmaxf(uv.u0, 0.5f / (float)tw);
    uv.v0 = fmaxf(uv.v0, 0.5f / (float)th);
    uv.u1 = fminf(uv.u1, 1 - 0.5f / (float)tw);
    uv.v1 = fminf(uv.v1, 1 - 0.5f / (float)th);
    SDL_SetTextureAlphaMod(texture, 255);
    fill_polygon(renderer, texture, rect, radius, white, &uv);
}

void draw_shadow(SDL_Renderer *renderer, SDL_FRect rect, float radius,
                 float spread)
{
    enum { LAYERS = 6 };

    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    for (int i = LAYERS; i >= 1; i--) {
        float grow = spread * (float)i / LAYERS;
        SDL_FRect r = {rect.x - grow, rect.y - grow + spread / 2,
                       rect.w + 2 * grow, rect.h + 2 * grow};
        SDL_Color c = {0, 0, 0, (Uint8)(14 + 6 * (LAYERS - i))};

        fill_polygon(renderer, NULL, r, radius + grow, c, NULL);
    }
}

void draw_gradient(SDL_Renderer *renderer, SDL_FRect rect, SDL_Color top,
                   SDL_Color bottom)
{
    SDL_Vertex v[4] = {
        {{rect.x, rect.y}, top, {0, 0}},
        {{rect.x + rect.w, rect.y}, top, {0, 0}},
        {{rect.x + rect.w, rect.y + rect.h}, bottom, {0, 0}},
        {{rect.x, rect.y + rect.h}, bottom, {0, 0}},
    };
    const int indices[6] = {0, 1, 2, 0, 2, 3};

    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(renderer, NULL, v, 4, indices, 6);
}

void draw_rounded_outline(SDL_Renderer *renderer, SDL_FRect rect, float radius,
                          float width, SDL_Color colour)
{
    SDL_FPoint outer[RING_POINTS], inner[RING_POINTS];
    SDL_Vertex verts[RING_POINTS * 2];
    int indices[RING_POINTS * 6];
    SDL_FRect in = {rect.x + width, rect.y + width, rect.w - 2 * width,
                    rect.h - 2 * width};

    if (in.w <= 0 || in.h <= 0)
        return;
    rounded_points(rect, radius, outer);
    rounded_points(in, fmaxf(radius - width, 0), inner);
    for (int i = 0; i < RING_POINTS; i++) {
        int next = (i + 1) % RING_POINTS;
        int *tri = &indices[i * 6];

        verts[i * 2] = (SDL_Vertex){outer[i], colour, {0, 0}};
        verts[i * 2 + 1] = (SDL_Vertex){inner[i], colour, {0, 0}};
        tri[0] = i * 2;
        tri[1] = next * 2;
        tri[2] = i * 2 + 1;
        tri[3] = i * 2 + 1;
        tri[4] = next * 2;
        tri[5] = next * 2 + 1;
    }
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(renderer, NULL, verts, RING_POINTS * 2, indices,
                       RING_POINTS * 6);
}
