/*
 * paths: where the kiosk keeps its files on the device. Any thread.
 */
#ifndef VITRINE_PATHS_H
#define VITRINE_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* The config file read when --config is not given. */
#define PATHS_DEFAULT_CONFIG "/etc/vitrine/config.json"

/*
 * The data folder when --data-dir is not given: /var/lib/vitrine for root
 * (the kiosk's service), else $XDG_DATA_HOME/vitrine or
 * ~/.local/share/vitrine for a developer.
 */
bool paths_default_data_dir(char *out, size_t out_size);

#endif
