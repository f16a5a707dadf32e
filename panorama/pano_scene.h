/*
 * pano_scene: one panorama on screen: its bake, its tile textures and the
 * loader thread that feeds them. The GPU half of the engine.
 *
 * pano_scene_create starts a loader thread that finds or makes the bake
 * (pano_bake_cached, with progress), loads the manifest, then decodes the
 * tiles the main thread asks for, coarsest level first, into RGBA pixels
 * that it queues back (pano_loader.h). It never touches SDL's renderer.
 *
 * The main thread calls, each frame: pano_scene_update (uploads at most
 * uploads_per_frame finished tiles into textures, evicting the least
 * recently drawn tiles beyond the memory budget), then pano_scene_draw
 * (picks the level whose texel density matches the screen's, or a
 * coarser one when the view's tiles would not fit the budget, culls the
 * tiles outside the view, projects a subdivided mesh of each visible tile
 * on the CPU and draws it with SDL_RenderGeometry; where a tile is not
 * uploaded yet the coarser level's tile shows instead, and the missing
 * tiles are asked for). The coarsest level (six tiles) is kept resident
 * whatever the budget, so there is never a hole.
 *
 * When the loader finishes something it pushes an SDL event of type
 * wake_event (if not 0), so an idle main loop wakes to show it.
 *
 * Ownership: the caller owns the SDL_Renderer and must destroy the scene
 * before it. Thread rules: every function here is main thread only; the
 * loader thread is internal. pano_scene_destroy stops the loader (it
 * cancels a bake in progress) and frees every texture.
 */
#ifndef VITRINE_PANO_SCENE_H
#define VITRINE_PANO_SCENE_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pano_camera.h"
#include "pano_error.h"
#include "pano_input.h"

struct pano_scene;

struct pano_scene_options {
    struct pano_input input; /* an equirect or six faces (pano_input.h) */
    const char *cache_root;  /* bakes live in cache_root/<content hash> */
    size_t budget_bytes;     /* tile textures beyond the coarsest level;
                                0: 32 MiB */
    int uploads_per_frame;   /* tile uploads per pano_scene_update; 0: 2 */
    int max_texture_px;      /* 0: the renderer's own limit; below a
                                tile (514 px) the scene fails */
    uint32_t wake_event;     /* SDL event type pushed by the loader, or 0 */
};

enum pano_scene_state {
    PANO_SCENE_BAKING,  /* first use: the bake is being made */
    PANO_SCENE_LOADING, /* the coarsest level is not uploaded yet */
    PANO_SCENE_READY,   /* something can be drawn */
    PANO_SCENE_FAILED,  /* unusable source or bake; see pano_scene_error */
};

struct pano_scene_stats {
    int level;             /* level chosen by the last draw */
    int tiles_drawn;       /* by the last draw, fallbacks included */
    int tiles_missing;     /* wanted by the last draw, not uploaded yet */
    int tiles_resident;    /* textures held */
    size_t bytes_resident; /* their memory */
    int uploads_total;     /* since creation */
    int vertices_drawn;    /* by the last draw */
    int tiles_failed;      /* drawn coarser for good: file damaged */
    double mesh_ms;        /* last draw's own CPU time: level, culling,
                              mesh (time inside SDL not counted) */
    double draw_ms;        /* the whole last draw, SDL's queueing too */
};

/*
 * Starts loading. NULL only when out of memory or the thread cannot start
 * (err says which); a bad source is reported later as PANO_SCENE_FAILED.
 */
struct pano_scene *pano_scene_create(SDL_Renderer *renderer,
                                     const struct pano_scene_options *options,
                                     struct pano_err *err);
void pano_scene_destroy(struct pano_scene *scene);

/* The state; *progress (may be NULL) is the bake's fraction 0..1. */
enum pano_scene_state pano_scene_state(const struct pano_scene *scene,
                                       float *progress);

/* Why the scene failed, and the result code ("" and PANO_OK otherwise). */
const char *pano_scene_error(const struct pano_scene *scene,
                             enum pano_result *result);

/* Uploads finished tiles; true when what is on screen would change. */
bool pano_scene_update(struct pano_scene *scene);

/*
 * Draws camera's view into rect of the current render target (camera's
 * width and height are rect's; rect's are used). alpha 0..255 for
 * crossfades. Asks the loader for the tiles it lacks. Draws nothing
 * until READY. Nothing outside rect is touched (it clips to rect).
 */
void pano_scene_draw(struct pano_scene *scene, const struct pano_camera *camera,
                     const SDL_Rect *rect, uint8_t alpha);

/* True when the last draw had every tile at its chosen level (a tile
 * whose file is damaged counts: it will never come). */
bool pano_scene_sharp(const struct pano_scene *scene);

void pano_scene_get_stats(const struct pano_scene *scene,
                          struct pano_scene_stats *stats);

#endif
