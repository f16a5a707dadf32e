/*
 * vitrine: the showroom kiosk. main() parses the command line, answers
 * --help, --version and --print-config, and hands the rest to app_run.
 */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "cli.h"
#include "config.h"
#include "log.h"
#include "store.h"

static int print_config(const struct cli_options *options)
{
    struct config cfg;
    char *json;

    if (!app_load_config(&cfg, options))
        return 2;
    json = config_to_json(&cfg);
    if (!json) {
        fprintf(stderr, "vitrine: out of memory\n");
        return 1;
    }
    printf("%s\n", json);
    free(json);
    return 0;
}

int main(int argc, char **argv)
{
    struct cli_options options;
    char err[512];

    switch (cli_parse(argc, argv, &options, err, sizeof(err))) {
    case CLI_EXIT_USAGE:
        fprintf(stderr, "vitrine: %s\n", err);
        return 2;
    case CLI_EXIT_OK:
        if (options.help)
            cli_print_usage(argv[0]);
        else
            printf("vitrine %s\n", VITRINE_VERSION);
        return 0;
    case CLI_RUN:
        break;
    }

    log_set_level(options.verbose ? LOG_DEBUG : LOG_INFO);
    log_route_sdl();
    store_global_init();
    if (options.print_config)
        return print_config(&options);
    return app_run(&options);
}
