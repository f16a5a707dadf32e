/*
 * test_tmp: scratch folders for the app's tests, under $VITRINE_TEST_TMP
 * (set by CTest to build/test-tmp) or /tmp when it is not set.
 * Single-threaded test code.
 */
#ifndef VITRINE_TEST_TMP_H
#define VITRINE_TEST_TMP_H

#include <stdbool.h>
#include <stddef.h>

/* Makes a new empty folder <base>/<tag>-XXXXXX and writes its path to out;
 * false (out unusable) when that fails. */
bool test_tmp_dir(char *out, size_t out_size, const char *tag);

/* Removes path and everything under it, without following links; a
 * missing path is no error. */
void test_tmp_remove(const char *path);

#endif
