/*
 * script: the line-based input scripts that drive the kiosk headless.
 *
 * One command per line; blank lines and lines starting with '#' are
 * skipped. Coordinates are the window's logical pixels, times are in ms.
 *
 *   tap X Y                  drag X1 Y1 X2 Y2 MS      pinch CX CY SCALE MS
 *   tap-on "TEXT"            text "..."               key NAME
 *   wait MS                  screenshot NAME          dump-ui NAME
 *   expect-screen NAME       quit
 *
 * Strings are in double quotes with \" \\ and \n escapes. NAME is made of
 * letters, digits, '.', '_' and '-'. This module only parses: running the
 * commands is script_runner's job. A parse error names the line.
 *
 * A struct script is owned by the caller and freed with script_destroy; it
 * is plain data, so any one thread may use it.
 */
#ifndef VITRINE_SCRIPT_H
#define VITRINE_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

enum script_op {
    SCRIPT_TAP,
    SCRIPT_TAP_ON,
    SCRIPT_DRAG,
    SCRIPT_PINCH,
    SCRIPT_TEXT,
    SCRIPT_KEY,
    SCRIPT_WAIT,
    SCRIPT_SCREENSHOT,
    SCRIPT_DUMP_UI,
    SCRIPT_EXPECT_SCREEN,
    SCRIPT_QUIT,
};

struct script_cmd {
    enum script_op op;
    int line;             /* 1-based line in the source */
    float x1, y1, x2, y2; /* tap: x1 y1; drag: all; pinch: centre x1 y1 */
    float scale;          /* pinch: final finger distance / initial */
    int ms;               /* drag, pinch, wait */
    char *arg;            /* tap-on, text, key, screenshot, dump-ui, expect */
};

struct script {
    struct script_cmd *cmds;
    size_t count;
};

/* name stands for the file in messages ("FILE:LINE: ..."). */
struct script *script_parse(const char *text, const char *name, char *err,
                            size_t err_size);
struct script *script_load(const char *path, char *err, size_t err_size);
void script_destroy(struct script *script);

/* "tap", "tap-on", ...: the command's keyword as written in scripts. */
const char *script_op_name(enum script_op op);

#endif
