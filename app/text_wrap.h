/*
 * text_wrap: breaks a paragraph into lines that fit a width, the way
 * Chinese and English are both broken: between any two Han characters,
 * at spaces in Latin text, never before a closing mark such as "，" or
 * "。" and never after an opening one such as "（". SDL_ttf only breaks at
 * spaces, which leaves Chinese text mixed with Latin words ragged.
 *
 * Pure: the caller supplies the measuring function. Any thread.
 */
#ifndef VITRINE_TEXT_WRAP_H
#define VITRINE_TEXT_WRAP_H

#include <stdbool.h>
#include <stddef.h>

/* Width in pixels of the first n bytes of s. */
typedef int (*text_measure_fn)(void *ctx, const char *s, size_t n);

/*
 * Writes utf8 to out with '\n' between lines none wider than max_px
 * (unless one character alone, or one with its closing mark, is wider).
 * Existing newlines are kept. Returns false when out is too small.
 */
bool text_wrap(const char *utf8, int max_px, text_measure_fn measure, void *ctx,
               char *out, size_t out_size);

#endif
