#include "paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

bool paths_default_data_dir(char *out, size_t out_size)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    int n;

    if (geteuid() == 0)
        n = snprintf(out, out_size, "/var/lib/vitrine");
    else if (xdg && xdg[0] == '/')
        n = snprintf(out, out_size, "%s/vitrine", xdg);
    else if (home && home[0] == '/')
        n = snprintf(out, out_size, "%s/.local/share/vitrine", home);
    else
        n = snprintf(out, out_size, "/tmp/vitrine");
    return n > 0 && (size_t)n < out_size;
}
