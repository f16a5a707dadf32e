/*
 * booking_keys: the on-screen keyboards of the booking form: the numeric
 * keypad, the letter keyboard for pinyin or Latin names, and the grid of
 * common surnames. Each key is a ui button whose id says what it types
 * ("key-7", "key-a", "key-space", "key-del", "key-clear", "surname-3").
 * Main thread.
 */
#ifndef VITRINE_BOOKING_KEYS_H
#define VITRINE_BOOKING_KEYS_H

#include <SDL.h>
#include <stdbool.h>

struct app;

/* 1-9, clear, 0, delete in a 3 x 4 grid filling area. */
void booking_keys_digits(struct app *app, SDL_FRect area);

/* Q..M in three rows, then space and delete. */
void booking_keys_letters(struct app *app, SDL_FRect area);

/* The surnames, checked one highlighted. */
void booking_keys_surnames(struct app *app, SDL_FRect area, int checked);

/* The rect of cell (col, row) of a cols x rows grid in area. */
SDL_FRect booking_keys_cell(SDL_FRect area, int cols, int rows, int col,
                            int row, float gap);

/*
 * What a key id types: the text for a character key ("7", "a", " ") into
 * out and true; false for other ids (delete and clear are handled by the
 * caller by id).
 */
bool booking_keys_text(const char *id, char *out, size_t out_size);

#endif
