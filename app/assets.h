/*
 * assets: the images the UI shows (the dealership's logo, the models'
 * photos) and screenshots of the frame. Textures belong to struct app and
 * are freed by assets_free. Main thread only: they use the renderer.
 */
#ifndef VITRINE_ASSETS_H
#define VITRINE_ASSETS_H

#include <stdbool.h>
#include <stddef.h>

struct app;

/* The logo at the header's size: the config's file or assets/logo.svg.
 * SVG logos are rasterized at the size they are shown. */
void assets_load_logo(struct app *app);

/* One texture per catalog model; an unreadable photo is logged and left
 * NULL (the card says "image unavailable"). */
void assets_load_photos(struct app *app);

void assets_free(struct app *app);

/* Writes the frame being drawn as PNG (via a temporary file). */
bool assets_save_screenshot(struct app *app, const char *path, char *err,
                            size_t err_size);

/* The logo's height in the header, in logical pixels. */
int assets_logo_height(const struct app *app);

#endif
