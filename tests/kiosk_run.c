#include "kiosk_run.h"

#include <SDL.h>
#include <SDL_image.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fsutil.h"
#include "test_tmp.h"

enum { ARGS_MAX = 32 };

static bool write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    bool ok;

    if (!f)
        return false;
    ok = fputs(text, f) >= 0;
    return fclose(f) == 0 && ok;
}

static int spawn(char **argv, const char *log_path)
{
    pid_t pid = fork();
    int status;

    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

        if (fd >= 0) {
            dup2(fd, STDERR_FILENO);
            dup2(fd, STDOUT_FILENO);
            close(fd);
        }
        execv(argv[0], argv);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool kiosk_run(struct kiosk_run *run, const char *size, const char *script,
               const char *config_json, const char *const *extra)
{
    char script_path[600], config_path[600], log_path[600], data_dir[600];
    const char *bin = getenv("VITRINE_BIN");
    char *argv[ARGS_MAX];
    int argc = 0;

    memset(run, 0, sizeof(*run));
    if (!bin || !test_tmp_dir(run->dir, sizeof(run->dir), "kiosk"))
        return false;
    snprintf(script_path, sizeof(script_path), "%s/script.txt", run->dir);
    snprintf(config_path, sizeof(config_path), "%s/config.json", run->dir);
    snprintf(log_path, sizeof(log_path), "%s/log.txt", run->dir);
    snprintf(data_dir, sizeof(data_dir), "%s/data", run->dir);
    if (!write_file(script_path, script) ||
        (config_json && !write_file(config_path, config_json)))
        return false;

    argv[argc++] = (char *)bin;
    argv[argc++] = "--headless";
    argv[argc++] = "--windowed";
    argv[argc++] = (char *)size;
    argv[argc++] = "--clock";
    argv[argc++] = "fake";
    argv[argc++] = "--script";
    argv[argc++] = script_path;
    argv[argc++] = "--screenshot-dir";
    argv[argc++] = run->dir;
    argv[argc++] = "--data-dir";
    argv[argc++] = data_dir;
    argv[argc++] = "--config";
    argv[argc++] = config_path;
    for (int i = 0; extra && extra[i] && argc < ARGS_MAX - 1; i++)
        argv[argc++] = (char *)extra[i];
    argv[argc] = NULL;
    if (!config_json && !write_file(config_path, "{}"))
        return false;

    run->exit_status = spawn(argv, log_path);
    run->stderr_text = fs_read_file(log_path, 1 << 24, NULL);
    if (!run->stderr_text)
        run->stderr_text = strdup("");
    return run->exit_status >= 0;
}

cJSON *kiosk_dump(const struct kiosk_run *run, const char *name)
{
    char path[700];
    char *text;
    cJSON *json;

    snprintf(path, sizeof(path), "%s/%s.json", run->dir, name);
    text = fs_read_file(path, 1 << 24, NULL);
    if (!text)
        return NULL;
    json = cJSON_Parse(text);
    free(text);
    return json;
}

const cJSON *kiosk_widget(const cJSON *dump, const char *id)
{
    const cJSON *w;

    cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(dump, "widgets"))
    {
        const cJSON *wid = cJSON_GetObjectItemCaseSensitive(w, "id");

        if (cJSON_IsString(wid) && strcmp(wid->valuestring, id) == 0)
            return w;
    }
    return NULL;
}

const char *kiosk_widget_text(const cJSON *dump, const char *id)
{
    const cJSON *w = kiosk_widget(dump, id);
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(w, "text");

    return cJSON_IsString(text) ? text->valuestring : "";
}

SDL_Surface *kiosk_screenshot(const struct kiosk_run *run, const char *name)
{
    char path[700];
    SDL_Surface *raw, *argb;

    snprintf(path, sizeof(path), "%s/%s.png", run->dir, name);
    raw = IMG_Load(path);
    if (!raw)
        return NULL;
    argb = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    return argb;
}

long kiosk_pixels_differing(const struct kiosk_run *run, const char *a,
                            const char *b)
{
    SDL_Surface *sa = kiosk_screenshot(run, a), *sb = kiosk_screenshot(run, b);
    long differing = -1;

    if (sa && sb && sa->w == sb->w && sa->h == sb->h) {
        differing = 0;
        for (int y = 0; y < sa->h; y++) {
            const Uint32 *ra =
                (const Uint32 *)((const Uint8 *)sa->pixels + y * sa->pitch);
            const Uint32 *rb =
                (const Uint32 *)((const Uint8 *)sb->pixels + y * sb->pitch);

            for (int x = 0; x < sa->w; x++)
                differing += ra[x] != rb[x];
        }
    }
    SDL_FreeSurface(sa);
    SDL_FreeSurface(sb);
    return differing;
}

void kiosk_run_cleanup(struct kiosk_run *run)
{
    if (run->dir[0] && !getenv("VITRINE_KEEP_TEST_FILES"))
        test_tmp_remove(run->dir);
    free(run->stderr_text);
    memset(run, 0, sizeof(*run));
}
