/* SPDX-License-Identifier: MIT */
/* Files and dtc for the suites; each fails the test when the file system or a pipe does. */
#ifndef GP_TEST_XFILE_H
#define GP_TEST_XFILE_H

#include <stdbool.h>
#include <stddef.h>

/* All of @path (*@len bytes, then a NUL not counted), malloc'd; fails the test if unreadable. */
void *x_read_file(const char *path, size_t *len);

/* @len bytes of @data written to a new temporary file, whose name goes in @path: unlink() it. */
void x_write_temp(const void *data, size_t len, char *path, size_t cap);

/* Whether dtc is installed. */
bool x_have_dtc(void);

/*
 * `dtc -I dtb -O dts -o /dev/null` on @blob: its exit status (as pclose
 * gives it); what it printed, stdout and stderr, in @out (at most @cap - 1
 * bytes, NUL-terminated), their count in *@got.
 */
int x_dtc(const void *blob, size_t len, char *out, size_t cap, size_t *got);

#endif
