/*
 * log: one line per message on stderr, "[  12.345] W config: text".
 *
 * Every line carries a level letter (E W I D) and the module's tag, so
 * journald on the kiosk and a developer's terminal read the same. SDL's
 * own messages are routed here by log_route_sdl(). Any thread may log: each
 * line is formatted into a local buffer and written with one write(2).
 *
 * Never pass a visitor's name or phone number to these functions; mask it
 * first.
 */
#ifndef VITRINE_LOG_H
#define VITRINE_LOG_H

#include <stdarg.h>
#include <stdbool.h>

enum log_level {
    LOG_ERROR,
    LOG_WARN,
    LOG_INFO,
    LOG_DEBUG,
};

/* Messages above this level are dropped before they are formatted. */
void log_set_level(enum log_level level);
enum log_level log_get_level(void);

/* Parses "error", "warn", "info" or "debug"; false for anything else. */
bool log_level_parse(const char *name, enum log_level *out);

void log_write(enum log_level level, const char *tag, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void log_writev(enum log_level level, const char *tag, const char *fmt,
                va_list args);

/* Sends SDL_Log* output through log_write with the tag "sdl". */
void log_route_sdl(void);

#define log_error(tag, ...) log_write(LOG_ERROR, tag, __VA_ARGS__)
#define log_warn(tag, ...)  log_write(LOG_WARN, tag, __VA_ARGS__)
#define log_info(tag, ...)  log_write(LOG_INFO, tag, __VA_ARGS__)
#define log_debug(tag, ...) log_write(LOG_DEBUG, tag, __VA_ARGS__)

#endif
