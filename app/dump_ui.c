#include "dump_ui.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

static cJSON *bounds_json(SDL_FRect r)
{
    cJSON *o = cJSON_CreateObject();

    cJSON_AddNumberToObject(o, "x", (double)r.x);
    cJSON_AddNumberToObject(o, "y", (double)r.y);
    cJSON_AddNumberToObject(o, "w", (double)r.w);
    cJSON_AddNumberToObject(o, "h", (double)r.h);
    return o;
}

static cJSON *widget_json(const struct ui_widget *w)
{
    cJSON *o = cJSON_CreateObject();
    cJSON *state = cJSON_CreateObject();

    cJSON_AddStringToObject(o, "id", w->id);
    cJSON_AddStringToObject(o, "role", ui_role_name(w->role));
    cJSON_AddStringToObject(o, "text", w->text);
    cJSON_AddItemToObject(o, "bounds", bounds_json(w->bounds));
    cJSON_AddBoolToObject(state, "pressed", (w->flags & UI_PRESSED) != 0);
    cJSON_AddBoolToObject(state, "disabled", (w->flags & UI_DISABLED) != 0);
    cJSON_AddBoolToObject(state, "checked", (w->flags & UI_CHECKED) != 0);
    cJSON_AddItemToObject(o, "state", state);
    return o;
}

char *dump_ui_json(const struct app *app)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *widgets = cJSON_CreateArray();
    char *text;

    cJSON_AddStringToObject(root, "screen", screen_name(app->screen));
    cJSON_AddStringToObject(root, "language", lang_code(app->lang));
    cJSON_AddNumberToObject(root, "width", app->display.width);
    cJSON_AddNumberToObject(root, "height", app->display.height);
    for (int i = 0; i < app->ui.count; i++)
        cJSON_AddItemToArray(widgets, widget_json(&app->ui.widgets[i]));
    cJSON_AddItemToObject(root, "widgets", widgets);
    text = cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}

bool dump_ui_write(const struct app *app, const char *path, char *err,
                   size_t err_size)
{
    char tmp[CONFIG_PATH_MAX + 8];
    char *json = dump_ui_json(app);
    FILE *file = NULL;
    bool ok = false;

    if (!json) {
        snprintf(err, err_size, "dump-ui: out of memory");
        return false;
    }
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    file = fopen(tmp, "w");
    if (!file || fputs(json, file) < 0 || fputc('\n', file) < 0)
        goto done;
    if (fclose(file) != 0) {
        file = NULL;
        goto done;
    }
    file = NULL;
    ok = rename(tmp, path) == 0;

done:
    if (!ok)
        snprintf(err, err_size, "dump-ui: cannot write %s: %s", path,
                 strerror(errno));
    if (file)
        fclose(file);
    free(json);
    return ok;
}
