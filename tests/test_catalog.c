/*
 * Tests for catalog: a valid two-model catalog, the defaults, lookups, and
 * one test per way a catalog can be refused. The error tests start from the
 * valid catalog as a cJSON tree, change one thing and check that the message
 * names the file and the JSON path of what was changed.
 *
 * Image files only have to exist, so the fixture makes empty ones in a
 * fresh folder and removes them afterwards.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog.h"
#include "test_tmp.h"
#include "fsutil.h"

enum { ERR_MAX = 1024 };

static const char test_name[] = "test.json";

static const char *const test_folders[] = {"photos", "panoramas", "cube", NULL};
static const char *const test_files[] = {
    "photos/aurora-ev.jpg", "photos/terra.jpg",    "panoramas/front.jpg",
    "panoramas/rear.jpg",   "panoramas/cabin.jpg", "cube/f.jpg",
    "cube/r.jpg",           "cube/b.jpg",          "cube/l.jpg",
    "cube/u.jpg",           "cube/d.jpg",          NULL,
};
/* Files some tests write; removed if present. */
static const char *const scratch_files[] = {"catalog.json", "big.json",
                                            "nul.json", NULL};

static const char valid_json[] =
    "{\n"
    "  \"models\": [\n"
    "    {\n"
    "      \"id\": \"aurora-ev\",\n"
    "      \"name\": {\"zh-CN\": \"极光 EV\", \"en\": \"Aurora EV\"},\n"
    "      \"price_fen\": 23980000,\n"
    "      \"photo\": \"photos/aurora-ev.jpg\",\n"
    "      \"scenes\": [\n"
    "        {\"id\": \"front\",\n"
    "         \"title\": {\"zh-CN\": \"前排\", \"en\": \"Front seats\"},\n"
    "         \"image\": \"panoramas/front.jpg\",\n"
    "         \"initial_view\":\n"
    "           {\"yaw_deg\": 30, \"pitch_deg\": -10.5, \"fov_deg\": 75}},\n"
    "        {\"id\": \"rear\",\n"
    "         \"title\": {\"zh-CN\": \"后排\", \"en\": \"Rear seats\"},\n"
    "         \"image\": \"panoramas/rear.jpg\"}\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"terra\",\n"
    "      \"name\": {\"zh-CN\": \"大地\", \"en\": \"Terra\"},\n"
    "      \"price_fen\": 15990000,\n"
    "      \"photo\": \"photos/terra.jpg\",\n"
    "      \"scenes\": [\n"
    "        {\"id\": \"front\",\n"
    "         \"title\": {\"zh-CN\": \"驾驶舱\", \"en\": \"Cabin\"},\n"
    "         \"image\": \"panoramas/cabin.jpg\"}\n"
    "      ]\n"
    "    }\n"
    "  ]\n"
    "}\n";

struct fixture {
    char dir[PATH_MAX];
    char err[ERR_MAX];
};

/* Fails with "expected X, got Y" naming the test's own line. */
#define assert_contains(text, part)                                            \
    check_contains((text), (part), __FILE__, __LINE__)

static void check_contains(const char *text, const char *part, const char *file,
                           int line)
{
    if (strstr(text, part))
        return;
    print_error("expected a message containing: %s\n"
                "                          got: %s\n",
                part, text);
    _fail(file, line);
}

static void path_in(char *out, size_t size, const struct fixture *fx,
                    const char *name)
{
    assert_true(fs_join(out, size, fx->dir, name));
}

static void write_file(const struct fixture *fx, const char *name,
                       const char *data, size_t len)
{
    char path[PATH_MAX];
    FILE *file;

    path_in(path, sizeof(path), fx, name);
    file = fopen(path, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(data, 1, len, file), len);
    assert_int_equal(fclose(file), 0);
}

static void remove_in(const struct fixture *fx, const char *name)
{
    char path[PATH_MAX];

    path_in(path, sizeof(path), fx, name);
    remove(path);
}

static int setup(void **state)
{
    struct fixture *fx = calloc(1, sizeof(*fx));

    if (!fx)
        return -1;
    if (!test_tmp_dir(fx->dir, sizeof(fx->dir), "test_catalog"))
        goto fail;
    *state = fx;

    for (int i = 0; test_folders[i]; i++) {
        char path[PATH_MAX];

        path_in(path, sizeof(path), fx, test_folders[i]);
        if (mkdir(path, 0755) != 0)
            return -1;
    }
    for (int i = 0; test_files[i]; i++)
        write_file(fx, test_files[i], "", 0);
    return 0;

fail:
    free(fx);
    return -1;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;

    for (int i = 0; test_files[i]; i++)
        remove_in(fx, test_files[i]);
    for (int i = 0; scratch_files[i]; i++)
        remove_in(fx, scratch_files[i]);
    for (int i = 0; test_folders[i]; i++)
        remove_in(fx, test_folders[i]);
    rmdir(fx->dir);
    free(fx);
    return 0;
}

static struct catalog *parse_text(struct fixture *fx, const char *json)
{
    fx->err[0] = '\0';
    return catalog_parse(json, test_name, fx->dir, fx->err, sizeof(fx->err));
}

static struct catalog *parse_valid(struct fixture *fx)
{
    struct catalog *catalog = parse_text(fx, valid_json);

    if (!catalog) {
        print_error("expected the valid catalog to parse, got \"%s\"\n",
                    fx->err);
        fail();
    }
    return catalog;
}

static cJSON *valid_tree(void)
{
    cJSON *root = cJSON_Parse(valid_json);

    assert_non_null(root);
    return root;
}

static cJSON *model_at(cJSON *root, int i)
{
    cJSON *model = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "models"), i);

    assert_non_null(model);
    return model;
}

static cJSON *scene_at(cJSON *root, int model, int scene)
{
    cJSON *scenes = cJSON_GetObjectItem(model_at(root, model), "scenes");
    cJSON *item = cJSON_GetArrayItem(scenes, scene);

    assert_non_null(item);
    return item;
}

/* Replaces obj[key] with value, or adds it when obj has no such key. */
static void set(cJSON *obj, const char *key, cJSON *value)
{
    assert_non_null(value);
    if (cJSON_GetObjectItemCaseSensitive(obj, key))
        cJSON_ReplaceItemInObjectCaseSensitive(obj, key, value);
    else
        cJSON_AddItemToObject(obj, key, value);
}

static struct catalog *parse_tree(struct fixture *fx, cJSON *root)
{
    char *json = cJSON_PrintUnformatted(root);
    struct catalog *catalog;

    assert_non_null(json);
    catalog = parse_text(fx, json);
    free(json);
    cJSON_Delete(root);
    return catalog;
}

static void expect_tree_ok(struct fixture *fx, cJSON *root)
{
    struct catalog *catalog = parse_tree(fx, root);

    if (!catalog) {
        print_error("expected the catalog to parse, got \"%s\"\n", fx->err);
        fail();
    }
    catalog_destroy(catalog);
}

/* Parses root (and frees it), expecting a failure whose message has part. */
#define expect_tree_error(fx, root, part)                                      \
    check_tree_error((fx), (root), (part), __FILE__, __LINE__)

static void check_tree_error(struct fixture *fx, cJSON *root, const char *part,
                             const char *file, int line)
{
    struct catalog *catalog = parse_tree(fx, root);

    if (catalog) {
        catalog_destroy(catalog);
        print_error("expected an error containing \"%s\", got success\n", part);
        _fail(file, line);
    }
    check_contains(fx->err, "catalog test.json: ", file, line);
    check_contains(fx->err, part, file, line);
}

static cJSON *repeated_array(const cJSON *item, int count)
{
    cJSON *array = cJSON_CreateArray();

    for (int i = 0; i < count; i++)
        cJSON_AddItemToArray(array, cJSON_Duplicate(item, true));
    return array;
}

static void test_valid_catalog_has_both_models(void **state)
{
    struct fixture *fx = *state;
    struct catalog *catalog = parse_valid(fx);
    const struct catalog_model *aurora = &catalog->models[0];

    assert_int_equal(catalog->model_count, 2);
    assert_string_equal(aurora->id, "aurora-ev");
    assert_string_equal(aurora->name[LANG_ZH_CN], "极光 EV");
    assert_string_equal(aurora->name[LANG_EN], "Aurora EV");
    assert_int_equal(aurora->price_fen, 23980000);
    assert_int_equal(aurora->scene_count, 2);
    assert_string_equal(catalog->models[1].id, "terra");
    assert_int_equal(catalog->models[1].price_fen, 15990000);
    assert_int_equal(catalog->models[1].scene_count, 1);
    catalog_destroy(catalog);
}

static void test_valid_scene_has_its_fields(void **state)
{
    struct fixture *fx = *state;
    struct catalog *catalog = parse_valid(fx);
    const struct catalog_scene *front = &catalog->models[0].scenes[0];

    assert_string_equal(front->id, "front");
    assert_string_equal(front->title[LANG_ZH_CN], "前排");
    assert_string_equal(front->title[LANG_EN], "Front seats");
    assert_float_equal(front->initial_view.yaw_deg, 30, 1e-9);
    assert_float_equal(front->initial_view.pitch_deg, -10.5, 1e-9);
    assert_float_equal(front->initial_view.fov_deg, 75, 1e-9);
    catalog_destroy(catalog);
}

static void test_paths_are_joined_with_base_dir(void **state)
{
    struct fixture *fx = *state;
    struct catalog *catalog = parse_valid(fx);
    char photo[PATH_MAX];
    char image[PATH_MAX];

    path_in(photo, sizeof(photo), fx, "photos/aurora-ev.jpg");
    path_in(image, sizeof(image), fx, "panoramas/rear.jpg");
    assert_string_equal(catalog->models[0].photo_path, photo);
    assert_string_equal(catalog->models[0].scenes[1].image_path, image);
    catalog_destroy(catalog);
}

static void test_absolute_path_is_kept_as_it_is(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    char photo[PATH_MAX];
    struct catalog *catalog;

    path_in(photo, sizeof(photo), fx, "photos/terra.jpg");
    set(model_at(root, 0), "photo", cJSON_CreateString(photo));
    catalog = parse_tree(fx, root);

    assert_non_null(catalog);
    assert_string_equal(catalog->models[0].photo_path, photo);
    catalog_destroy(catalog);
}

static void test_missing_initial_view_gets_defaults(void **state)
{
    struct fixture *fx = *state;
    struct catalog *catalog = parse_valid(fx);
    const struct catalog_view *view =
        &catalog->models[0].scenes[1].initial_view;

    assert_float_equal(view->yaw_deg, 0, 1e-9);
    assert_float_equal(view->pitch_deg, 0, 1e-9);
    assert_float_equal(view->fov_deg, 90, 1e-9);
    catalog_destroy(catalog);
}

static void test_partial_initial_view_keeps_other_defaults(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *view = cJSON_CreateObject();
    const struct catalog_view *got;
    struct catalog *catalog;

    cJSON_AddNumberToObject(view, "fov_deg", 60);
    set(scene_at(root, 0, 0), "initial_view", view);
    catalog = parse_tree(fx, root);
    assert_non_null(catalog);

    got = &catalog->models[0].scenes[0].initial_view;
    assert_float_equal(got->yaw_deg, 0, 1e-9);
    assert_float_equal(got->pitch_deg, 0, 1e-9);
    assert_float_equal(got->fov_deg, 60, 1e-9);
    catalog_destroy(catalog);
}

static void test_find_returns_model_with_that_id(void **state)
{
    struct fixture *fx = *state;
    struct catalog *catalog = parse_valid(fx);
    const struct catalog_model *model = catalog_find(catalog, "terra");

    assert_ptr_equal(model, &catalog->models[1]);
    catalog_destroy(catalog);
}

static void test_find_unknown_id_returns_null(void **state)
{
    struct fixture *fx = *state;
    struct catalog *catalog = parse_valid(fx);

    assert_null(catalog_find(catalog, "nova"));
    assert_null(catalog_find(catalog, ""));
    assert_null(catalog_find(NULL, "terra"));
    catalog_destroy(catalog);
}

static void test_destroy_null_is_a_no_op(void **state)
{
    (void)state;
    catalog_destroy(NULL);
}

static void test_load_takes_paths_from_the_files_folder(void **state)
{
    struct fixture *fx = *state;
    char path[PATH_MAX];
    char photo[PATH_MAX];
    struct catalog *catalog;

    write_file(fx, "catalog.json", valid_json, strlen(valid_json));
    path_in(path, sizeof(path), fx, "catalog.json");
    path_in(photo, sizeof(photo), fx, "photos/terra.jpg");
    catalog = catalog_load(path, fx->err, sizeof(fx->err));

    if (!catalog) {
        print_error("expected the file to load, got \"%s\"\n", fx->err);
        fail();
    }
    assert_string_equal(catalog->models[1].photo_path, photo);
    catalog_destroy(catalog);
}

static void test_load_names_missing_file_and_reason(void **state)
{
    struct fixture *fx = *state;
    char path[PATH_MAX];
    char expected[PATH_MAX + 64];

    path_in(path, sizeof(path), fx, "absent.json");
    snprintf(expected, sizeof(expected),
             "catalog %s: cannot read: No such file or directory", path);

    assert_null(catalog_load(path, fx->err, sizeof(fx->err)));
    assert_string_equal(fx->err, expected);
}

static void test_load_refuses_file_over_4_mib(void **state)
{
    struct fixture *fx = *state;
    size_t len = 4 * 1024 * 1024 + 1;
    char *spaces = malloc(len);
    char path[PATH_MAX];

    assert_non_null(spaces);
    memset(spaces, ' ', len);
    write_file(fx, "big.json", spaces, len);
    free(spaces);
    path_in(path, sizeof(path), fx, "big.json");

    assert_null(catalog_load(path, fx->err, sizeof(fx->err)));
    assert_contains(fx->err, "big.json: larger than the 4 MiB limit");
}

static void test_load_refuses_nul_byte(void **state)
{
    struct fixture *fx = *state;
    static const char text[] = "{\"models\": []}\0garbage";
    char path[PATH_MAX];

    write_file(fx, "nul.json", text, sizeof(text) - 1);
    path_in(path, sizeof(path), fx, "nul.json");

    assert_null(catalog_load(path, fx->err, sizeof(fx->err)));
    assert_contains(fx->err, "nul.json: contains a NUL byte");
}

static void test_invalid_json_names_line_and_text(void **state)
{
    struct fixture *fx = *state;
    static const char json[] = "{\n"
                               "  \"models\": [\n"
                               "    {\"id\": oops}\n"
                               "  ]\n"
                               "}\n";

    assert_null(parse_text(fx, json));
    assert_string_equal(fx->err, "catalog test.json: line 3: not valid JSON "
                                 "near \"oops}\"");
}

static void test_truncated_json_says_text_ends_early(void **state)
{
    struct fixture *fx = *state;

    assert_null(parse_text(fx, "{\"models\": [\n"));
    assert_contains(fx->err, "catalog test.json: line 2: not valid JSON, "
                             "the text ends early");
}

static void test_trailing_text_after_json_is_refused(void **state)
{
    struct fixture *fx = *state;

    assert_null(parse_text(fx, "{\"models\": []} extra"));
    assert_contains(fx->err, "line 1: not valid JSON near \"extra\"");
}

static void test_top_level_must_be_an_object(void **state)
{
    struct fixture *fx = *state;

    expect_tree_error(fx, cJSON_CreateArray(),
                      "catalog test.json: expected an object at the top, "
                      "got an array");
}

static void test_unknown_top_level_key_is_named(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    cJSON_AddNumberToObject(root, "version", 2);
    expect_tree_error(fx, root, "catalog test.json: unknown key \"version\"");
}

static void test_missing_models_is_named(void **state)
{
    struct fixture *fx = *state;

    expect_tree_error(fx, cJSON_CreateObject(),
                      "catalog test.json: missing \"models\"");
}

static void test_models_must_be_an_array(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(root, "models", cJSON_CreateObject());
    expect_tree_error(fx, root,
                      "models: expected an array of models, got an object");
}

static void test_empty_models_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(root, "models", cJSON_CreateArray());
    expect_tree_error(fx, root, "models: expected 1 to 64 models, got 0");
}

static void test_more_than_64_models_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(root, "models", repeated_array(model_at(root, 0), 65));
    expect_tree_error(fx, root, "models: expected 1 to 64 models, got 65");
}

static void test_model_must_be_an_object(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    cJSON_ReplaceItemInArray(cJSON_GetObjectItem(root, "models"), 1,
                             cJSON_CreateString("terra"));
    expect_tree_error(fx, root, "models[1]: expected an object, got \"terra\"");
}

static void test_unknown_model_key_is_named(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(model_at(root, 0), "colour", cJSON_CreateString("red"));
    expect_tree_error(fx, root, "models[0]: unknown key \"colour\"");
}

static void test_repeated_key_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    cJSON_AddNumberToObject(model_at(root, 1), "price_fen", 1);
    expect_tree_error(fx, root, "models[1]: key \"price_fen\" is given twice");
}

static void test_missing_photo_is_named(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    cJSON_DeleteItemFromObject(model_at(root, 0), "photo");
    expect_tree_error(fx, root, "models[0]: missing \"photo\"");
}

static void test_missing_scene_image_is_named(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    cJSON_DeleteItemFromObject(scene_at(root, 1, 0), "image");
    expect_tree_error(fx, root, "models[1].scenes[0]: missing \"image\"");
}

static void test_id_with_capitals_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(model_at(root, 0), "id", cJSON_CreateString("Aurora"));
    expect_tree_error(fx, root,
                      "models[0].id: expected 1 to 47 characters of a-z, "
                      "0-9 and '-', got \"Aurora\"");
}

static void test_empty_id_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(scene_at(root, 0, 1), "id", cJSON_CreateString(""));
    expect_tree_error(fx, root,
                      "models[0].scenes[1].id: expected 1 to 47 characters");
}

static void test_id_must_be_a_string(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(model_at(root, 1), "id", cJSON_CreateNumber(7));
    expect_tree_error(fx, root, "models[1].id: expected 1 to 47 characters");
}

static void test_id_of_47_characters_is_accepted(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    char id[CATALOG_ID_MAX];

    memset(id, 'a', CATALOG_ID_MAX - 1);
    id[CATALOG_ID_MAX - 1] = '\0';
    set(model_at(root, 1), "id", cJSON_CreateString(id));
    expect_tree_ok(fx, root);
}

static void test_id_of_48_characters_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    char id[CATALOG_ID_MAX + 1];

    memset(id, 'a', CATALOG_ID_MAX);
    id[CATALOG_ID_MAX] = '\0';
    set(model_at(root, 1), "id", cJSON_CreateString(id));
    expect_tree_error(fx, root, "models[1].id: expected 1 to 47 characters");
}

static void test_duplicate_model_id_is_named(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(model_at(root, 1), "id", cJSON_CreateString("aurora-ev"));
    expect_tree_error(fx, root, "models[1].id: \"aurora-ev\" is used twice");
}

static void test_duplicate_scene_id_is_named(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(scene_at(root, 0, 1), "id", cJSON_CreateString("front"));
    expect_tree_error(fx, root,
                      "models[0].scenes[1].id: \"front\" is used twice");
}

static void test_same_scene_id_in_two_models_is_fine(void **state)
{
    struct fixture *fx = *state;
    struct catalog *catalog = parse_valid(fx);

    assert_string_equal(catalog->models[0].scenes[0].id,
                        catalog->models[1].scenes[0].id);
    catalog_destroy(catalog);
}

static void test_name_missing_a_language_is_named(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    cJSON_DeleteItemFromObject(cJSON_GetObjectItem(model_at(root, 0), "name"),
                               "en");
    expect_tree_error(fx, root, "models[0].name: missing \"en\"");
}

static void test_title_with_unknown_language_is_named(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *title = cJSON_GetObjectItem(scene_at(root, 0, 0), "title");

    cJSON_AddStringToObject(title, "fr", "Sièges avant");
    expect_tree_error(fx, root,
                      "models[0].scenes[0].title: unknown key \"fr\"");
}

static void test_title_must_be_an_object(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(scene_at(root, 0, 0), "title", cJSON_CreateString("Front"));
    expect_tree_error(fx, root,
                      "models[0].scenes[0].title: expected an object, "
                      "got \"Front\"");
}

static void test_empty_name_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(cJSON_GetObjectItem(model_at(root, 1), "name"), "en",
        cJSON_CreateString(""));
    expect_tree_error(fx, root,
                      "models[1].name.en: expected a string of 1 to 255 "
                      "bytes, got 0 bytes");
}

static void test_name_must_be_a_string(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(cJSON_GetObjectItem(model_at(root, 1), "name"), "zh-CN",
        cJSON_CreateNumber(5));
    expect_tree_error(fx, root,
                      "models[1].name.zh-CN: expected a string of 1 to 255 "
                      "bytes, got 5");
}

static void test_name_of_255_bytes_is_accepted(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    char name[256];

    memset(name, 'n', 255);
    name[255] = '\0';
    set(cJSON_GetObjectItem(model_at(root, 0), "name"), "en",
        cJSON_CreateString(name));
    expect_tree_ok(fx, root);
}

static void test_name_of_256_bytes_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    char name[257];

    memset(name, 'n', 256);
    name[256] = '\0';
    set(cJSON_GetObjectItem(model_at(root, 0), "name"), "en",
        cJSON_CreateString(name));
    expect_tree_error(fx, root,
                      "models[0].name.en: expected a string of 1 "
                      "to 255 bytes, got 256 bytes");
}

static void test_price_as_text_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(model_at(root, 0), "price_fen", cJSON_CreateString("abc"));
    expect_tree_error(fx, root,
                      "models[0].price_fen: expected an integer from 1 to "
                      "1000000000000, got \"abc\"");
}

static void test_price_with_a_fraction_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(model_at(root, 1), "price_fen", cJSON_CreateNumber(1.5));
    expect_tree_error(fx, root,
                      "models[1].price_fen: expected an integer from 1 to "
                      "1000000000000, got 1.5");
}

static void test_price_of_zero_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(model_at(root, 1), "price_fen", cJSON_CreateNumber(0));
    expect_tree_error(fx, root,
                      "models[1].price_fen: expected an integer "
                      "from 1 to 1000000000000, got 0");
}

static void test_price_at_the_limit_is_accepted(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    struct catalog *catalog;

    set(model_at(root, 1), "price_fen", cJSON_CreateNumber(1e12));
    catalog = parse_tree(fx, root);

    assert_non_null(catalog);
    assert_true(catalog->models[1].price_fen == INT64_C(1000000000000));
    catalog_destroy(catalog);
}

static void test_price_over_the_limit_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(model_at(root, 1), "price_fen", cJSON_CreateNumber(1e12 + 1));
    expect_tree_error(fx, root,
                      "models[1].price_fen: expected an integer "
                      "from 1 to 1000000000000, got 1000000000001");
}

static void test_missing_image_file_names_full_path(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    char path[PATH_MAX];
    char expected[PATH_MAX + 64];

    set(scene_at(root, 1, 0), "image",
        cJSON_CreateString("panoramas/missing.jpg"));
    path_in(path, sizeof(path), fx, "panoramas/missing.jpg");
    snprintf(expected, sizeof(expected),
             "catalog test.json: models[1].scenes[0].image: file not found: "
             "%s",
             path);

    assert_null(parse_tree(fx, root));
    assert_string_equal(fx->err, expected);
}

static void test_missing_photo_file_names_full_path(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    char path[PATH_MAX];
    char expected[PATH_MAX + 64];

    set(model_at(root, 0), "photo", cJSON_CreateString("photos/nova.jpg"));
    path_in(path, sizeof(path), fx, "photos/nova.jpg");
    snprintf(expected, sizeof(expected), "models[0].photo: file not found: %s",
             path);
    expect_tree_error(fx, root, expected);
}

static void test_folder_is_not_an_image_file(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(scene_at(root, 0, 0), "image", cJSON_CreateString("panoramas"));
    expect_tree_error(fx, root, "models[0].scenes[0].image: file not found: ");
}

static void test_empty_photo_path_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(model_at(root, 0), "photo", cJSON_CreateString(""));
    expect_tree_error(fx, root,
                      "models[0].photo: expected a file path, got \"\"");
}

static void test_scenes_must_be_an_array(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(model_at(root, 1), "scenes", cJSON_CreateNull());
    expect_tree_error(fx, root,
                      "models[1].scenes: expected an array of scenes, "
                      "got null");
}

static void test_empty_scenes_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(model_at(root, 1), "scenes", cJSON_CreateArray());
    expect_tree_error(fx, root,
                      "models[1].scenes: expected 1 to 16 scenes, got 0");
}

static void test_more_than_16_scenes_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(model_at(root, 1), "scenes", repeated_array(scene_at(root, 1, 0), 17));
    expect_tree_error(fx, root,
                      "models[1].scenes: expected 1 to 16 scenes, got 17");
}

/* ---- a scene of six cube faces ---- */

static cJSON *faces_object(void)
{
    static const char *const keys[] = {"front", "right", "back",
                                       "left",  "up",    "down"};
    static const char *const files[] = {"cube/f.jpg", "cube/r.jpg",
                                        "cube/b.jpg", "cube/l.jpg",
                                        "cube/u.jpg", "cube/d.jpg"};
    cJSON *faces = cJSON_CreateObject();

    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        cJSON_AddStringToObject(faces, keys[i], files[i]);
    return faces;
}

/* Scene models[1].scenes[0] with "faces" in place of "image". */
static cJSON *faces_tree(void)
{
    cJSON *root = valid_tree();

    cJSON_DeleteItemFromObject(scene_at(root, 1, 0), "image");
    set(scene_at(root, 1, 0), "faces", faces_object());
    return root;
}

static void test_scene_of_six_faces_is_read(void **state)
{
    struct fixture *fx = *state;
    struct catalog *catalog = parse_tree(fx, faces_tree());
    char up[PATH_MAX], front[PATH_MAX];

    if (!catalog)
        fail_msg("expected the catalog to parse, got \"%s\"", fx->err);
    const struct catalog_scene *s = &catalog->models[1].scenes[0];
    path_in(up, sizeof(up), fx, "cube/u.jpg");
    path_in(front, sizeof(front), fx, "cube/f.jpg");
    assert_null(s->image_path);
    assert_string_equal(s->face_paths[PANO_FACE_UP], up);
    assert_string_equal(s->face_paths[PANO_FACE_FRONT], front);
    for (int f = 0; f < PANO_FACE_COUNT; f++)
        assert_non_null(s->face_paths[f]);
    catalog_destroy(catalog);
}

static void test_scene_with_image_and_faces_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(scene_at(root, 1, 0), "faces", faces_object());
    expect_tree_error(fx, root,
                      "models[1].scenes[0].faces: expected either \"image\" "
                      "or \"faces\", not both");
}

static void test_scene_without_image_or_faces_is_named(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    cJSON_DeleteItemFromObject(scene_at(root, 0, 1), "image");
    expect_tree_error(fx, root,
                      "models[0].scenes[1]: missing \"image\" (or six cube "
                      "\"faces\")");
}

static void test_missing_face_is_named(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = faces_tree();

    cJSON_DeleteItemFromObject(
        cJSON_GetObjectItem(scene_at(root, 1, 0), "faces"), "up");
    expect_tree_error(fx, root, "models[1].scenes[0].faces: missing \"up\"");
}

static void test_unknown_face_is_named(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = faces_tree();

    set(cJSON_GetObjectItem(scene_at(root, 1, 0), "faces"), "top",
        cJSON_CreateString("cube/u.jpg"));
    expect_tree_error(fx, root,
                      "models[1].scenes[0].faces: unknown key \"top\"");
}

static void test_faces_that_are_not_an_object_are_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = faces_tree();

    set(scene_at(root, 1, 0), "faces", cJSON_CreateString("cube/f.jpg"));
    expect_tree_error(fx, root,
                      "models[1].scenes[0].faces: expected an object, got");
}

static void test_missing_face_file_names_full_path(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = faces_tree();
    char path[PATH_MAX];
    char expected[PATH_MAX + 64];

    set(cJSON_GetObjectItem(scene_at(root, 1, 0), "faces"), "left",
        cJSON_CreateString("cube/gone.jpg"));
    path_in(path, sizeof(path), fx, "cube/gone.jpg");
    snprintf(expected, sizeof(expected),
             "models[1].scenes[0].faces.left: file not found: %s", path);
    expect_tree_error(fx, root, expected);
}

static void test_unknown_scene_key_is_named(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(scene_at(root, 0, 1), "imgae", cJSON_CreateString("x.jpg"));
    expect_tree_error(fx, root, "models[0].scenes[1]: unknown key \"imgae\"");
}

static void test_yaw_out_of_range_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *view = cJSON_GetObjectItem(scene_at(root, 0, 0), "initial_view");

    set(view, "yaw_deg", cJSON_CreateNumber(181));
    expect_tree_error(fx, root,
                      "models[0].scenes[0].initial_view.yaw_deg: expected a "
                      "number from -180 to 180, got 181");
}

static void test_pitch_out_of_range_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *view = cJSON_GetObjectItem(scene_at(root, 0, 0), "initial_view");

    set(view, "pitch_deg", cJSON_CreateNumber(-90.5));
    expect_tree_error(fx, root,
                      "models[0].scenes[0].initial_view.pitch_deg: expected "
                      "a number from -90 to 90, got -90.5");
}

static void test_fov_out_of_range_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *view = cJSON_GetObjectItem(scene_at(root, 0, 0), "initial_view");

    set(view, "fov_deg", cJSON_CreateNumber(19));
    expect_tree_error(fx, root,
                      "models[0].scenes[0].initial_view.fov_deg: expected a "
                      "number from 20 to 120, got 19");
}

static void test_view_angle_must_be_a_number(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *view = cJSON_GetObjectItem(scene_at(root, 0, 0), "initial_view");

    set(view, "fov_deg", cJSON_CreateString("90"));
    expect_tree_error(fx, root,
                      "models[0].scenes[0].initial_view.fov_deg: expected a "
                      "number from 20 to 120, got \"90\"");
}

static void test_unknown_view_key_is_named(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *view = cJSON_GetObjectItem(scene_at(root, 0, 0), "initial_view");

    set(view, "roll_deg", cJSON_CreateNumber(0));
    expect_tree_error(fx, root,
                      "models[0].scenes[0].initial_view: unknown key "
                      "\"roll_deg\"");
}

static void test_view_must_be_an_object(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(scene_at(root, 0, 1), "initial_view", cJSON_CreateNumber(90));
    expect_tree_error(fx, root,
                      "models[0].scenes[1].initial_view: expected an object, "
                      "got 90");
}

static void test_long_value_is_shortened_in_message(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    char key[200];

    memset(key, 'x', sizeof(key) - 1);
    key[sizeof(key) - 1] = '\0';
    set(model_at(root, 0), key, cJSON_CreateString("red"));
    expect_tree_error(fx, root, "xxx...\"");
    assert_true(strlen(fx->err) < 100);
}

static cJSON *hotspot(double yaw, double pitch, const char *key, cJSON *action)
{
    cJSON *h = cJSON_CreateObject();
    cJSON *label = cJSON_CreateObject();

    cJSON_AddNumberToObject(h, "yaw_deg", yaw);
    cJSON_AddNumberToObject(h, "pitch_deg", pitch);
    cJSON_AddStringToObject(label, "zh-CN", "后排");
    cJSON_AddStringToObject(label, "en", "Rear");
    cJSON_AddItemToObject(h, "label", label);
    if (key)
        cJSON_AddItemToObject(h, key, action);
    return h;
}

static cJSON *info_text(void)
{
    cJSON *info = cJSON_CreateObject();

    cJSON_AddStringToObject(info, "zh-CN", "12.3 英寸中控屏");
    cJSON_AddStringToObject(info, "en", "12.3-inch centre screen");
    return info;
}

static cJSON *limits(double yaw_min, double yaw_max, double pitch_min,
                     double pitch_max)
{
    cJSON *l = cJSON_CreateObject();

    cJSON_AddNumberToObject(l, "yaw_min_deg", yaw_min);
    cJSON_AddNumberToObject(l, "yaw_max_deg", yaw_max);
    cJSON_AddNumberToObject(l, "pitch_min_deg", pitch_min);
    cJSON_AddNumberToObject(l, "pitch_max_deg", pitch_max);
    return l;
}

static void test_scene_without_limits_is_a_full_circle(void **state)
{
    struct fixture *fx = *state;
    struct catalog *catalog = parse_valid(fx);
    const struct catalog_scene *s = &catalog->models[0].scenes[0];

    assert_true(s->limits.yaw_full_circle);
    assert_true(s->limits.pitch_min_deg == -90 &&
                s->limits.pitch_max_deg == 90);
    assert_true(s->limits.fov_min_deg == 20 && s->limits.fov_max_deg == 120);
    assert_int_equal(s->hotspot_count, 0);
    catalog_destroy(catalog);
}

static void test_limits_and_hotspots_are_read(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *spots = cJSON_CreateArray();
    struct catalog *catalog;
    const struct catalog_scene *s;

    set(scene_at(root, 0, 0), "limits", limits(-150, 150, -60, 45));
    cJSON_AddItemToArray(
        spots, hotspot(170, -10, "scene", cJSON_CreateString("rear")));
    cJSON_AddItemToArray(spots, hotspot(29, -8, "info", info_text()));
    set(scene_at(root, 0, 0), "hotspots", spots);
    catalog = parse_tree(fx, root);
    if (!catalog)
        fail_msg("expected the catalog to parse, got \"%s\"", fx->err);
    s = &catalog->models[0].scenes[0];
    assert_false(s->limits.yaw_full_circle);
    assert_true(s->limits.yaw_min_deg == -150 && s->limits.yaw_max_deg == 150);
    assert_true(s->limits.pitch_max_deg == 45);
    assert_int_equal(s->hotspot_count, 2);
    assert_int_equal(s->hotspots[0].kind, CATALOG_HOTSPOT_SCENE);
    assert_int_equal(s->hotspots[0].scene_index, 1);
    assert_true(s->hotspots[0].yaw_deg == 170);
    assert_string_equal(s->hotspots[0].label[LANG_EN], "Rear");
    assert_int_equal(s->hotspots[1].kind, CATALOG_HOTSPOT_INFO);
    assert_string_equal(s->hotspots[1].info[LANG_ZH_CN], "12.3 英寸中控屏");
    catalog_destroy(catalog);
}

static void test_yaw_limits_may_cross_the_seam(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *view = cJSON_CreateObject();

    cJSON_AddNumberToObject(view, "yaw_deg", -170);
    set(scene_at(root, 0, 0), "initial_view", view);
    set(scene_at(root, 0, 0), "limits", limits(120, 240, -90, 90));
    expect_tree_ok(fx, root);
}

static void test_initial_view_outside_limits_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(scene_at(root, 0, 0), "limits", limits(-20, 20, -30, 30));
    expect_tree_error(fx, root,
                      "models[0].scenes[0].initial_view.yaw_deg: expected a "
                      "yaw inside the limits (-20 to 20), got 30");
}

static void test_inverted_limits_are_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();

    set(scene_at(root, 0, 0), "limits", limits(-90, 90, 40, -40));
    expect_tree_error(fx, root,
                      "models[0].scenes[0].limits.pitch_max_deg: expected at "
                      "least pitch_min_deg (40), got -40");
}

static void test_half_a_yaw_range_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *l = cJSON_CreateObject();

    cJSON_AddNumberToObject(l, "yaw_min_deg", -90);
    set(scene_at(root, 0, 0), "limits", l);
    expect_tree_error(fx, root,
                      "limits.yaw_min_deg: expected yaw_min_deg and "
                      "yaw_max_deg together");
}

static void test_hotspot_to_a_missing_scene_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *spots = cJSON_CreateArray();

    cJSON_AddItemToArray(spots,
                         hotspot(0, 0, "scene", cJSON_CreateString("boot")));
    set(scene_at(root, 0, 1), "hotspots", spots);
    expect_tree_error(fx, root,
                      "models[0].scenes[1].hotspots[0].scene: no scene "
                      "\"boot\" in this model");
}

static void test_hotspot_to_its_own_scene_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *spots = cJSON_CreateArray();

    cJSON_AddItemToArray(spots,
                         hotspot(0, 0, "scene", cJSON_CreateString("rear")));
    set(scene_at(root, 0, 1), "hotspots", spots);
    expect_tree_error(fx, root, "expected another scene, got its own");
}

static void test_hotspot_needs_scene_or_info(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *spots = cJSON_CreateArray();

    cJSON_AddItemToArray(spots, hotspot(0, 0, NULL, NULL));
    set(scene_at(root, 0, 0), "hotspots", spots);
    expect_tree_error(fx, root,
                      "models[0].scenes[0].hotspots[0]: expected either "
                      "\"scene\" or \"info\"");
}

static void test_hotspot_pitch_out_of_range_is_refused(void **state)
{
    struct fixture *fx = *state;
    cJSON *root = valid_tree();
    cJSON *spots = cJSON_CreateArray();

    cJSON_AddItemToArray(spots, hotspot(10, 95, "info", info_text()));
    set(scene_at(root, 0, 0), "hotspots", spots);
    expect_tree_error(fx, root,
                      "hotspots[0].pitch_deg: expected a number from -90 to "
                      "90, got 95");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_catalog_has_both_models),
        cmocka_unit_test(test_scene_without_limits_is_a_full_circle),
        cmocka_unit_test(test_limits_and_hotspots_are_read),
        cmocka_unit_test(test_yaw_limits_may_cross_the_seam),
        cmocka_unit_test(test_initial_view_outside_limits_is_refused),
        cmocka_unit_test(test_inverted_limits_are_refused),
        cmocka_unit_test(test_half_a_yaw_range_is_refused),
        cmocka_unit_test(test_hotspot_to_a_missing_scene_is_refused),
        cmocka_unit_test(test_hotspot_to_its_own_scene_is_refused),
        cmocka_unit_test(test_hotspot_needs_scene_or_info),
        cmocka_unit_test(test_hotspot_pitch_out_of_range_is_refused),
        cmocka_unit_test(test_valid_scene_has_its_fields),
        cmocka_unit_test(test_paths_are_joined_with_base_dir),
        cmocka_unit_test(test_absolute_path_is_kept_as_it_is),
        cmocka_unit_test(test_missing_initial_view_gets_defaults),
        cmocka_unit_test(test_partial_initial_view_keeps_other_defaults),
        cmocka_unit_test(test_find_returns_model_with_that_id),
        cmocka_unit_test(test_find_unknown_id_returns_null),
        cmocka_unit_test(test_destroy_null_is_a_no_op),
        cmocka_unit_test(test_load_takes_paths_from_the_files_folder),
        cmocka_unit_test(test_load_names_missing_file_and_reason),
        cmocka_unit_test(test_load_refuses_file_over_4_mib),
        cmocka_unit_test(test_load_refuses_nul_byte),
        cmocka_unit_test(test_invalid_json_names_line_and_text),
        cmocka_unit_test(test_truncated_json_says_text_ends_early),
        cmocka_unit_test(test_trailing_text_after_json_is_refused),
        cmocka_unit_test(test_top_level_must_be_an_object),
        cmocka_unit_test(test_unknown_top_level_key_is_named),
        cmocka_unit_test(test_missing_models_is_named),
        cmocka_unit_test(test_models_must_be_an_array),
        cmocka_unit_test(test_empty_models_is_refused),
        cmocka_unit_test(test_more_than_64_models_is_refused),
        cmocka_unit_test(test_model_must_be_an_object),
        cmocka_unit_test(test_unknown_model_key_is_named),
        cmocka_unit_test(test_repeated_key_is_refused),
        cmocka_unit_test(test_missing_photo_is_named),
        cmocka_unit_test(test_missing_scene_image_is_named),
        cmocka_unit_test(test_id_with_capitals_is_refused),
        cmocka_unit_test(test_empty_id_is_refused),
        cmocka_unit_test(test_id_must_be_a_string),
        cmocka_unit_test(test_id_of_47_characters_is_accepted),
        cmocka_unit_test(test_id_of_48_characters_is_refused),
        cmocka_unit_test(test_duplicate_model_id_is_named),
        cmocka_unit_test(test_duplicate_scene_id_is_named),
        cmocka_unit_test(test_same_scene_id_in_two_models_is_fine),
        cmocka_unit_test(test_name_missing_a_language_is_named),
        cmocka_unit_test(test_title_with_unknown_language_is_named),
        cmocka_unit_test(test_title_must_be_an_object),
        cmocka_unit_test(test_empty_name_is_refused),
        cmocka_unit_test(test_name_must_be_a_string),
        cmocka_unit_test(test_name_of_255_bytes_is_accepted),
        cmocka_unit_test(test_name_of_256_bytes_is_refused),
        cmocka_unit_test(test_price_as_text_is_refused),
        cmocka_unit_test(test_price_with_a_fraction_is_refused),
        cmocka_unit_test(test_price_of_zero_is_refused),
        cmocka_unit_test(test_price_at_the_limit_is_accepted),
        cmocka_unit_test(test_price_over_the_limit_is_refused),
        cmocka_unit_test(test_missing_image_file_names_full_path),
        cmocka_unit_test(test_missing_photo_file_names_full_path),
        cmocka_unit_test(test_folder_is_not_an_image_file),
        cmocka_unit_test(test_empty_photo_path_is_refused),
        cmocka_unit_test(test_scenes_must_be_an_array),
        cmocka_unit_test(test_empty_scenes_is_refused),
        cmocka_unit_test(test_more_than_16_scenes_is_refused),
        cmocka_unit_test(test_unknown_scene_key_is_named),
        cmocka_unit_test(test_scene_of_six_faces_is_read),
        cmocka_unit_test(test_scene_with_image_and_faces_is_refused),
        cmocka_unit_test(test_scene_without_image_or_faces_is_named),
        cmocka_unit_test(test_missing_face_is_named),
        cmocka_unit_test(test_unknown_face_is_named),
        cmocka_unit_test(test_faces_that_are_not_an_object_are_refused),
        cmocka_unit_test(test_missing_face_file_names_full_path),
        cmocka_unit_test(test_yaw_out_of_range_is_refused),
        cmocka_unit_test(test_pitch_out_of_range_is_refused),
        cmocka_unit_test(test_fov_out_of_range_is_refused),
        cmocka_unit_test(test_view_angle_must_be_a_number),
        cmocka_unit_test(test_unknown_view_key_is_named),
        cmocka_unit_test(test_view_must_be_an_object),
        cmocka_unit_test(test_long_value_is_shortened_in_message),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
