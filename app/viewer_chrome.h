/*
 * viewer_chrome: what the viewer screen draws over the panorama: the top
 * bar (back, model and scene title, language), the bottom bar (scene
 * chips, "Book a test drive"), the hotspot markers, the loading and
 * "image unavailable" panels, the info card and the first-touch hint.
 * Widget ids: "back", "lang", "title", "scene-ID", "book", "hotspot-N",
 * "info-title", "info-text", "info-close", "hint", "loading", "unavailable".
 * Drawing only; screen_viewer acts on the ids. Main thread.
 */
#ifndef VITRINE_VIEWER_CHROME_H
#define VITRINE_VIEWER_CHROME_H

#include <stdbool.h>

#include "catalog.h"
#include "pano_camera.h"

struct app;

void viewer_chrome_top(struct app *app, const struct catalog_model *model,
                       const struct catalog_scene *scene);

void viewer_chrome_bottom(struct app *app, const struct catalog_model *model,
                          size_t scene_index, bool hint);

/* Markers at the hotspots' directions, where they are in view. */
void viewer_chrome_hotspots(struct app *app, const struct catalog_scene *scene,
                            const struct pano_camera *camera);

/* The model's photo, dimmed, under "preparing" and a progress bar. */
void viewer_chrome_loading(struct app *app, const struct catalog_model *model,
                           float progress);

/* The model's photo, dimmed, under "image unavailable". */
void viewer_chrome_unavailable(struct app *app,
                               const struct catalog_model *model);

/* The card of an info hotspot, over a scrim. */
void viewer_chrome_info(struct app *app, const struct catalog_hotspot *spot);

#endif
