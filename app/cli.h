/*
 * cli: the command line of the vitrine program.
 *
 *   vitrine [--windowed WxH] [--config FILE] [--data-dir DIR] [--verbose]
 *           [--headless] [--start-screen NAME] [--model ID]
 *           [--script FILE] [--screenshot-dir DIR] [--clock real|fake]
 *           [--print-config] [--help] [--version]
 *
 * Parsing only; nothing here opens files. Main thread.
 */
#ifndef VITRINE_CLI_H
#define VITRINE_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "screen.h"

struct cli_options {
    const char *config_path; /* NULL: the default path */
    const char *data_dir;    /* NULL: the default folder */
    bool windowed;
    int width, height; /* --windowed, also the headless size */
    bool headless;
    bool verbose;
    bool start_screen_set;
    enum screen_id start_screen;
    const char *model_id;
    const char *script_path;
    const char *screenshot_dir;
    bool fake_clock;
    bool print_config;
    bool help;
    bool version;
};

enum cli_result {
    CLI_RUN,
    CLI_EXIT_OK,    /* --help or --version printed */
    CLI_EXIT_USAGE, /* bad arguments: err says which */
};

/* Strings in out point into argv. */
enum cli_result cli_parse(int argc, char **argv, struct cli_options *out,
                          char *err, size_t err_size);

void cli_print_usage(const char *program);

#endif
