/*
 * catalog_scene: one panorama scene of a catalog model: its title, image,
 * initial view, view limits and hotspots. Used by catalog.c only. Any
 * thread.
 */
#ifndef VITRINE_CATALOG_SCENE_H
#define VITRINE_CATALOG_SCENE_H

#include "catalog.h"
#include "catalog_parse.h"

/* Parses a scene object; hotspot targets are checked later, by link. */
bool catalog_scene_parse(const struct cparse *p, const cJSON *item,
                         const char *where, struct catalog_scene *scene);

/*
 * Resolves the "scene" targets of every hotspot of a model's scenes; a
 * target that does not exist, or is the hotspot's own scene, is an error.
 * where is the model's JSON path.
 */
bool catalog_scene_link(const struct cparse *p, const char *where,
                        struct catalog_model *model);

void catalog_scene_free(struct catalog_scene *scene);

#endif
