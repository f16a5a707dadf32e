/*
 * A scene object of catalog.json:
 *
 *   {"id": "front", "title": {...}, "image": "panoramas/x.jpg",
 *    "initial_view": {"yaw_deg": 0, "pitch_deg": -10, "fov_deg": 90},
 *    "limits": {"yaw_min_deg": -120, "yaw_max_deg": 120,
 *               "pitch_min_deg": -60, "pitch_max_deg": 60,
 *               "fov_min_deg": 30, "fov_max_deg": 100},
 *    "hotspots": [{"yaw_deg": 180, "pitch_deg": -10, "label": {...},
 *                  "scene": "rear"},
 *                 {"yaw_deg": 29, "pitch_deg": -8, "label": {...},
 *                  "info": {...}}]}
 *
 * Instead of "image" (an equirect picture) a scene may have six cube faces,
 * "faces": {"front": "f.jpg", "right": ..., "back": ..., "left": ...,
 * "up": ..., "down": ...}: exactly one of the two, all six faces, no
 * other key.
 *
 * Every limit is optional; yaw limits come as a pair or not at all (a full
 * circle). The initial view must lie inside the limits.
 */
#include "catalog_scene.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pano_input.h"

static const struct catalog_view default_view = {
    .yaw_deg = 0,
    .pitch_deg = 0,
    .fov_deg = 90,
};

static const struct catalog_limits default_limits = {
    .yaw_full_circle = true,
    .yaw_min_deg = -180,
    .yaw_max_deg = 180,
    .pitch_min_deg = -90,
    .pitch_max_deg = 90,
    .fov_min_deg = 20,
    .fov_max_deg = 120,
};

static const char *const scene_keys[] = {
    "id",           "title",  "image",    "faces",
    "initial_view", "limits", "hotspots", NULL};
static const char *const face_keys[] = {"front", "right", "back", "left",
                                        "up",    "down",  NULL};
static const char *const view_keys[] = {"yaw_deg", "pitch_deg", "fov_deg",
                                        NULL};
static const char *const limit_keys[] = {"yaw_min_deg",
                                         "yaw_max_deg",
                                         "pitch_min_deg",
                                         "pitch_max_deg",
                                         "fov_min_deg",
                                         "fov_max_deg",
                                         NULL};
static const char *const hotspot_keys[] = {"yaw_deg", "pitch_deg", "label",
                                           "scene",   "info",      NULL};

static bool parse_faces(const struct cparse *p, const cJSON *item,
                        const char *where, struct catalog_scene *scene)
{
    char at[CPARSE_WHERE_MAX];

    cparse_join_where(at, where, "faces");
    if (!cparse_expect_object(p, item, where, "faces") ||
        !cparse_check_keys(p, item, at, face_keys))
        return false;
    for (int i = 0; i < PANO_FACE_COUNT; i++) {
        enum pano_face f = pano_input_face_order[i];

        if (!cparse_file(p, item, at, pano_face_name(f), &scene->face_paths[f]))
            return false;
    }
    return true;
}

/* Exactly one of "image" and "faces". */
static bool parse_picture(const struct cparse *p, const cJSON *obj,
                          const char *where, struct catalog_scene *scene)
{
    const cJSON *faces = cJSON_GetObjectItemCaseSensitive(obj, "faces");
    bool image = cJSON_GetObjectItemCaseSensitive(obj, "image") != NULL;

    if (faces && image)
        return cparse_fail(p, where, "faces",
                           "expected either \"image\" or \"faces\", "
                           "not both");
    if (!faces && !image)
        return cparse_fail(p, where, NULL,
                           "missing \"image\" (or six cube \"faces\")");
    if (faces)
        return parse_faces(p, faces, where, scene);
    return cparse_file(p, obj, where, "image", &scene->image_path);
}

static bool parse_view(const struct cparse *p, const cJSON *obj,
                       const char *where, struct catalog_view *view)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, "initial_view");
    char at[CPARSE_WHERE_MAX];

    *view = default_view;
    if (!item)
        return true;

    cparse_join_where(at, where, "initial_view");
    if (!cparse_expect_object(p, item, at, NULL) ||
        !cparse_check_keys(p, item, at, view_keys))
        return false;

    return cparse_angle(p, item, at, "yaw_deg", -180, 180, &view->yaw_deg) &&
           cparse_angle(p, item, at, "pitch_deg", -90, 90, &view->pitch_deg) &&
           cparse_angle(p, item, at, "fov_deg", 20, 120, &view->fov_deg);
}

/* A min and max pair; max below min is refused. */
static bool parse_range(const struct cparse *p, const cJSON *item,
                        const char *at, const char *what, double lo, double hi,
                        double *min, double *max)
{
    char min_key[32], max_key[32];

    snprintf(min_key, sizeof(min_key), "%s_min_deg", what);
    snprintf(max_key, sizeof(max_key), "%s_max_deg", what);
    if (!cparse_angle(p, item, at, min_key, lo, hi, min) ||
        !cparse_angle(p, item, at, max_key, lo, hi, max))
        return false;
    if (*max < *min)
        return cparse_fail(p, at, max_key, "expected at least %s (%g), got %g",
                           min_key, *min, *max);
    return true;
}

static bool parse_yaw_range(const struct cparse *p, const cJSON *item,
                            const char *at, struct catalog_limits *l)
{
    bool has_min = cJSON_GetObjectItemCaseSensitive(item, "yaw_min_deg");
    bool has_max = cJSON_GetObjectItemCaseSensitive(item, "yaw_max_deg");

    if (!has_min && !has_max)
        return true;
    if (has_min != has_max)
        return cparse_fail(p, at, has_min ? "yaw_min_deg" : "yaw_max_deg",
                           "expected yaw_min_deg and yaw_max_deg together");
    l->yaw_full_circle = false;
    if (!parse_range(p, item, at, "yaw", -360, 360, &l->yaw_min_deg,
                     &l->yaw_max_deg))
        return false;
    if (l->yaw_max_deg - l->yaw_min_deg > 360)
        return cparse_fail(p, at, "yaw_max_deg",
                           "expected at most 360 degrees past yaw_min_deg, "
                           "got %g",
                           l->yaw_max_deg - l->yaw_min_deg);
    return true;
}

static bool parse_limits(const struct cparse *p, const cJSON *obj,
                         const char *where, struct catalog_limits *l)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, "limits");
    char at[CPARSE_WHERE_MAX];

    *l = default_limits;
    if (!item)
        return true;

    cparse_join_where(at, where, "limits");
    return cparse_expect_object(p, item, at, NULL) &&
           cparse_check_keys(p, item, at, limit_keys) &&
           parse_yaw_range(p, item, at, l) &&
           parse_range(p, item, at, "pitch", -90, 90, &l->pitch_min_deg,
                       &l->pitch_max_deg) &&
           parse_range(p, item, at, "fov", 20, 120, &l->fov_min_deg,
                       &l->fov_max_deg);
}

/* Yaw inside a range that may reach past the seam (150 .. 210). */
static bool yaw_inside(const struct catalog_limits *l, double yaw)
{
    if (l->yaw_full_circle)
        return true;
    for (int turn = -1; turn <= 1; turn++) {
        double y = yaw + 360.0 * turn;

        if (y >= l->yaw_min_deg && y <= l->yaw_max_deg)
            return true;
    }
    return false;
}

static bool check_view_inside(const struct cparse *p, const char *where,
                              const struct catalog_scene *s)
{
    const struct catalog_limits *l = &s->limits;
    const struct catalog_view *v = &s->initial_view;
    char at[CPARSE_WHERE_MAX];

    cparse_join_where(at, where, "initial_view");
    if (!yaw_inside(l, v->yaw_deg))
        return cparse_fail(p, at, "yaw_deg",
                           "expected a yaw inside the limits (%g to %g), "
                           "got %g",
                           l->yaw_min_deg, l->yaw_max_deg, v->yaw_deg);
    if (v->pitch_deg < l->pitch_min_deg || v->pitch_deg > l->pitch_max_deg)
        return cparse_fail(p, at, "pitch_deg",
                           "expected a pitch inside the limits (%g to %g), "
                           "got %g",
                           l->pitch_min_deg, l->pitch_max_deg, v->pitch_deg);
    if (v->fov_deg < l->fov_min_deg || v->fov_deg > l->fov_max_deg)
        return cparse_fail(p, at, "fov_deg",
                           "expected a FOV inside the limits (%g to %g), "
                           "got %g",
                           l->fov_min_deg, l->fov_max_deg, v->fov_deg);
    return true;
}

/* Exactly one of "scene" (a scene id) and "info" (a text per language). */
static bool parse_action(const struct cparse *p, const cJSON *item,
                         const char *at, struct catalog_hotspot *h)
{
    const cJSON *scene = cJSON_GetObjectItemCaseSensitive(item, "scene");
    bool info = cJSON_GetObjectItemCaseSensitive(item, "info") != NULL;
    char got[CPARSE_QUOTE_MAX];

    if (!scene == !info)
        return cparse_fail(p, at, NULL,
                           "expected either \"scene\" or \"info\"");
    if (info) {
        h->kind = CATALOG_HOTSPOT_INFO;
        return cparse_lang_strings(p, item, at, "info", h->info);
    }
    h->kind = CATALOG_HOTSPOT_SCENE;
    if (!cJSON_IsString(scene) ||
        strlen(scene->valuestring) >= sizeof(h->scene_id))
        return cparse_fail(p, at, "scene", "expected a scene id, got %s",
                           cparse_describe(got, scene));
    strcpy(h->scene_id, scene->valuestring);
    return true;
}

static bool parse_hotspot(const struct cparse *p, const cJSON *item,
                          const char *at, struct catalog_hotspot *h)
{
    h->yaw_deg = 0;
    h->pitch_deg = 0;
    return cparse_expect_object(p, item, at, NULL) &&
           cparse_check_keys(p, item, at, hotspot_keys) &&
           cparse_require(p, item, at, "yaw_deg") &&
           cparse_angle(p, item, at, "yaw_deg", -180, 180, &h->yaw_deg) &&
           cparse_require(p, item, at, "pitch_deg") &&
           cparse_angle(p, item, at, "pitch_deg", -90, 90, &h->pitch_deg) &&
           cparse_lang_strings(p, item, at, "label", h->label) &&
           parse_action(p, item, at, h);
}

static bool parse_hotspots(const struct cparse *p, const cJSON *obj,
                           const char *where, struct catalog_scene *scene)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, "hotspots");
    const cJSON *element;
    size_t i = 0;

    if (!item)
        return true;
    scene->hotspots = cparse_make_array(
        p, item, where, "hotspots", "hotspots", 0, CATALOG_HOTSPOTS_MAX,
        sizeof(*scene->hotspots), &scene->hotspot_count);
    if (!scene->hotspots)
        return cJSON_IsArray(item) && cJSON_GetArraySize(item) == 0;

    cJSON_ArrayForEach(element, item)
    {
        char at[CPARSE_WHERE_MAX];

        cparse_format_where(at, "%s.hotspots[%zu]", where, i);
        if (!parse_hotspot(p, element, at, &scene->hotspots[i]))
            return false;
        i++;
    }
    return true;
}

bool catalog_scene_parse(const struct cparse *p, const cJSON *item,
                         const char *where, struct catalog_scene *scene)
{
    if (!cparse_expect_object(p, item, where, NULL) ||
        !cparse_check_keys(p, item, where, scene_keys))
        return false;

    return cparse_id(p, item, where, scene->id) &&
           cparse_lang_strings(p, item, where, "title", scene->title) &&
           parse_picture(p, item, where, scene) &&
           parse_view(p, item, where, &scene->initial_view) &&
           parse_limits(p, item, where, &scene->limits) &&
           check_view_inside(p, where, scene) &&
           parse_hotspots(p, item, where, scene);
}

static bool find_scene(const struct catalog_model *model, const char *id,
                       size_t *index)
{
    for (size_t i = 0; i < model->scene_count; i++) {
        if (strcmp(model->scenes[i].id, id) == 0) {
            *index = i;
            return true;
        }
    }
    return false;
}

bool catalog_scene_link(const struct cparse *p, const char *where,
                        struct catalog_model *model)
{
    char at[CPARSE_WHERE_MAX], q[CPARSE_QUOTE_MAX];

    for (size_t s = 0; s < model->scene_count; s++) {
        for (size_t h = 0; h < model->scenes[s].hotspot_count; h++) {
            struct catalog_hotspot *spot = &model->scenes[s].hotspots[h];

            if (spot->kind != CATALOG_HOTSPOT_SCENE)
                continue;
            cparse_format_where(at, "%s.scenes[%zu].hotspots[%zu]", where, s,
                                h);
            if (!find_scene(model, spot->scene_id, &spot->scene_index))
                return cparse_fail(p, at, "scene", "no scene %s in this model",
                                   cparse_quote(q, spot->scene_id));
            if (spot->scene_index == s)
                return cparse_fail(p, at, "scene",
                                   "expected another scene, got its own");
        }
    }
    return true;
}

static void free_strings(char *strings[LANG_COUNT])
{
    for (int i = 0; i < LANG_COUNT; i++)
        free(strings[i]);
}

void catalog_scene_free(struct catalog_scene *scene)
{
    for (size_t i = 0; i < scene->hotspot_count; i++) {
        free_strings(scene->hotspots[i].label);
        free_strings(scene->hotspots[i].info);
    }
    free(scene->hotspots);
    free_strings(scene->title);
    free(scene->image_path);
    for (int f = 0; f < PANO_FACE_COUNT; f++)
        free(scene->face_paths[f]);
}
