#include "log.h"

#include <SDL.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { LOG_LINE_MAX = 1024 };

static atomic_int current_level = LOG_INFO;
static const char level_letters[] = "EWID";

void log_set_level(enum log_level level)
{
    atomic_store(&current_level, (int)level);
}

enum log_level log_get_level(void)
{
    return (enum log_level)atomic_load(&current_level);
}

bool log_level_parse(const char *name, enum log_level *out)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};

    for (int i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (enum log_level)i;
            return true;
        }
    }
    return false;
}

static double seconds_since_boot(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void log_writev(enum log_level level, const char *tag, const char *fmt,
                va_list args)
{
    char line[LOG_LINE_MAX];
    int used;
    int body;

    if ((int)level > atomic_load(&current_level))
        return;

    used = snprintf(line, sizeof(line), "[%9.3f] %c %s: ", seconds_since_boot(),
                    level_letters[level], tag);
    if (used < 0 || used >= (int)sizeof(line) - 1)
        return;
    body = vsnprintf(line + used, sizeof(line) - (size_t)used, fmt, args);
    if (body < 0)
        return;
    used += body;
    if (used > (int)sizeof(line) - 2)
        used = (int)sizeof(line) - 2;
    line[used++] = '\n';

    /* One write per line keeps lines whole when threads log together. */
    if (write(STDERR_FILENO, line, (size_t)used) < 0)
        return;
}

void log_write(enum log_level level, const char *tag, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    log_writev(level, tag, fmt, args);
    va_end(args);
}

static void sdl_output(void *userdata, int category, SDL_LogPriority priority,
                       const char *message)
{
    enum log_level level = LOG_DEBUG;

    (void)userdata;
    (void)category;
    if (priority >= SDL_LOG_PRIORITY_ERROR)
        level = LOG_ERROR;
    else if (priority == SDL_LOG_PRIORITY_WARN)
        level = LOG_WARN;
    else if (priority == SDL_LOG_PRIORITY_INFO)
        level = LOG_INFO;
    log_write(level, "sdl", "%s", message);
}

void log_route_sdl(void)
{
    SDL_LogSetOutputFunction(sdl_output, NULL);
    SDL_LogSetAllPriority(log_get_level() >= LOG_DEBUG ? SDL_LOG_PRIORITY_DEBUG
                                                       : SDL_LOG_PRIORITY_WARN);
}
