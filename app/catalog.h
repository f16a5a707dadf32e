/*
 * catalog: the models on display and their panorama scenes, read from
 * catalog.json in the content folder.
 *
 * The whole file is validated at load: every required field present and
 * of the right type, ids unique and made of [a-z0-9-], names and titles in
 * every UI language, prices positive, referenced image files present.
 * A failure names the file and the JSON path ("models[1].scenes[0].image",
 * "models[0].scenes[2].faces.up").
 *
 * A catalog is immutable once loaded. The caller owns it and frees it with
 * catalog_destroy; any thread may read it. Paths inside are absolute or
 * relative to the working directory (already joined with the catalog's
 * folder).
 */
#ifndef VITRINE_CATALOG_H
#define VITRINE_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lang.h"
#include "pano_math.h"

enum {
    CATALOG_ID_MAX = 48,
    CATALOG_MODELS_MAX = 64,
    CATALOG_SCENES_MAX = 16,
    CATALOG_HOTSPOTS_MAX = 16,
};

struct catalog_view {
    double yaw_deg;   /* -180..180, 0 = forward, grows to the right */
    double pitch_deg; /* -90..90, grows upward */
    double fov_deg;   /* horizontal, 20..120 */
};

/* Where the visitor may look in a scene; the view's centre stays inside. */
struct catalog_limits {
    bool yaw_full_circle;            /* else yaw_min_deg .. yaw_max_deg */
    double yaw_min_deg, yaw_max_deg; /* -360..360, at most 360 apart */
    double pitch_min_deg, pitch_max_deg;
    double fov_min_deg, fov_max_deg;
};

enum catalog_hotspot_kind {
    CATALOG_HOTSPOT_SCENE, /* moves to another scene of the model */
    CATALOG_HOTSPOT_INFO,  /* opens a card with a short text */
};

/* A marker placed in the panorama by yaw and pitch. */
struct catalog_hotspot {
    double yaw_deg, pitch_deg;
    char *label[LANG_COUNT];
    enum catalog_hotspot_kind kind;
    char scene_id[CATALOG_ID_MAX]; /* CATALOG_HOTSPOT_SCENE: the target */
    size_t scene_index;            /* and its index in the model */
    char *info[LANG_COUNT];        /* CATALOG_HOTSPOT_INFO: the card's text */
};

/* A scene's picture: image_path (an equirect) or, when that is NULL, six
 * cube faces indexed by enum pano_face (pano_input.h says how they are
 * oriented). */
struct catalog_scene {
    char id[CATALOG_ID_MAX];
    char *title[LANG_COUNT];
    char *image_path;
    char *face_paths[PANO_FACE_COUNT];
    struct catalog_view initial_view; /* inside limits */
    struct catalog_limits limits;
    struct catalog_hotspot *hotspots;
    size_t hotspot_count;
};

struct catalog_model {
    char id[CATALOG_ID_MAX];
    char *name[LANG_COUNT];
    int64_t price_fen; /* starting price, 1 yuan = 100 fen */
    char *photo_path;
    struct catalog_scene *scenes;
    size_t scene_count;
};

struct catalog {
    struct catalog_model *models;
    size_t model_count;
};

/* Returns NULL and a one-line message in err on any problem. */
struct catalog *catalog_load(const char *path, char *err, size_t err_size);

/*
 * Parses catalog JSON text. name stands for the file in messages; base_dir
 * is the folder that relative image paths are taken from.
 */
struct catalog *catalog_parse(const char *json, const char *name,
                              const char *base_dir, char *err, size_t err_size);

void catalog_destroy(struct catalog *catalog);

/* NULL when no model has that id. */
const struct catalog_model *catalog_find(const struct catalog *catalog,
                                         const char *id);

#endif
