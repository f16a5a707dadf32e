#include "pano_error.h"

#include <stdarg.h>
#include <stdio.h>

enum pano_result pano_fail(struct pano_err *err, enum pano_result result,
                           const char *fmt, ...)
{
    if (!err)
        return result;

    va_list args;
    va_start(args, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, args);
    va_end(args);
    return result;
}

const char *pano_result_name(enum pano_result result)
{
    switch (result) {
    case PANO_OK:
        return "ok";
    case PANO_E_INPUT:
        return "bad input";
    case PANO_E_IO:
        return "i/o error";
    case PANO_E_NOMEM:
        return "out of memory";
    case PANO_E_CANCELLED:
        return "cancelled";
    }
    return "unknown";
}
