#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    DEFAULT_WIDTH = 1920,
    DEFAULT_HEIGHT = 1080,
    SIDE_MIN_PX = 320,
    SIDE_MAX_PX = 8192,
};

static bool parse_size(const char *text, int *w, int *h)
{
    char *end;
    long lw, lh;

    lw = strtol(text, &end, 10);
    if (end == text || (*end != 'x' && *end != 'X'))
        return false;
    text = end + 1;
    lh = strtol(text, &end, 10);
    if (end == text || *end != '\0')
        return false;
    if (lw < SIDE_MIN_PX || lw > SIDE_MAX_PX || lh < SIDE_MIN_PX ||
        lh > SIDE_MAX_PX)
        return false;
    *w = (int)lw;
    *h = (int)lh;
    return true;
}

/* Options that take a value; the value is argv[i + 1]. */
static bool takes_value(const char *opt)
{
    static const char *const names[] = {
        "--windowed", "--config", "--data-dir",       "--start-screen",
        "--model",    "--script", "--screenshot-dir", "--clock",
    };

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(opt, names[i]) == 0)
            return true;
    }
    return false;
}

static bool apply_value(struct cli_options *o, const char *opt, const char *val,
                        char *err, size_t err_size)
{
    if (strcmp(opt, "--windowed") == 0) {
        o->windowed = true;
        if (!parse_size(val, &o->width, &o->height)) {
            snprintf(err, err_size,
                     "--windowed: expected WIDTHxHEIGHT from %dx%d to "
                     "%dx%d, got \"%s\"",
                     SIDE_MIN_PX, SIDE_MIN_PX, SIDE_MAX_PX, SIDE_MAX_PX, val);
            return false;
        }
    } else if (strcmp(opt, "--start-screen") == 0) {
        o->start_screen_set = true;
        if (!screen_parse(val, &o->start_screen)) {
            snprintf(err, err_size,
                     "--start-screen: expected one of attract, home, "
                     "viewer, booking, follow-qr, staff, got \"%s\"",
                     val);
            return false;
        }
    } else if (strcmp(opt, "--clock") == 0) {
        if (strcmp(val, "fake") != 0 && strcmp(val, "real") != 0) {
            snprintf(err, err_size,
                     "--clock: expected real or fake, got \"%s\"", val);
            return false;
        }
        o->fake_clock = strcmp(val, "fake") == 0;
    } else if (strcmp(opt, "--config") == 0) {
        o->config_path = val;
    } else if (strcmp(opt, "--data-dir") == 0) {
        o->data_dir = val;
    } else if (strcmp(opt, "--model") == 0) {
        o->model_id = val;
    } else if (strcmp(opt, "--script") == 0) {
        o->script_path = val;
    } else {
        o->screenshot_dir = val;
    }
    return true;
}

static bool apply_flag(struct cli_options *o, const char *opt)
{
    if (strcmp(opt, "--headless") == 0)
        o->headless = true;
    else if (strcmp(opt, "--verbose") == 0 || strcmp(opt, "-v") == 0)
        o->verbose = true;
    else if (strcmp(opt, "--print-config") == 0)
        o->print_config = true;
    else if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0)
        o->help = true;
    else if (strcmp(opt, "--version") == 0)
        o->version = true;
    else
        return false;
    return true;
}

enum cli_result cli_parse(int argc, char **argv, struct cli_options *out,
                          char *err, size_t err_size)
{
    memset(out, 0, sizeof(*out));
    out->width = DEFAULT_WIDTH;
    out->height = DEFAULT_HEIGHT;

    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];

        if (takes_value(opt)) {
            if (i + 1 >= argc || strncmp(argv[i + 1], "--", 2) == 0) {
                snprintf(err, err_size, "%s needs a value", opt);
                return CLI_EXIT_USAGE;
            }
            if (!apply_value(out, opt, argv[++i], err, err_size))
                return CLI_EXIT_USAGE;
        } else if (!apply_flag(out, opt)) {
            snprintf(err, err_size, "unknown option \"%s\" (try --help)", opt);
            return CLI_EXIT_USAGE;
        }
    }
    if (out->help || out->version)
        return CLI_EXIT_OK;
    if (out->fake_clock && !out->script_path) {
        snprintf(err, err_size,
                 "--clock fake needs --script: only a "
                 "script's waits move a fake clock");
        return CLI_EXIT_USAGE;
    }
    return CLI_RUN;
}

void cli_print_usage(const char *program)
{
    printf("Usage: %s [OPTION]...\n"
           "The vitrine showroom kiosk.\n\n"
           "  --windowed WxH        a window of this size instead of "
           "fullscreen\n"
           "  --config FILE         the JSON config (default "
           "/etc/vitrine/config.json)\n"
           "  --data-dir DIR        where the kiosk keeps its data\n"
           "  --print-config        print the effective config as JSON "
           "and exit\n"
           "  --verbose             log debug messages\n"
           "  --headless            run without a display (SDL offscreen)\n"
           "  --start-screen NAME   attract, home, viewer, booking, "
           "follow-qr or staff\n"
           "  --model ID            the model the viewer and booking "
           "screens show\n"
           "  --script FILE         replay an input script, then exit\n"
           "  --screenshot-dir DIR  where screenshot and dump-ui write\n"
           "  --clock real|fake     fake: time moves only by the script's "
           "waits\n"
           "  --help, --version\n",
           program);
}
