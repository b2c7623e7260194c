/* SPDX-License-Identifier: MIT */
/* Whole-file reads and atomic writes: a failed run never leaves a partial or clobbered file. */
#ifndef GP_FILEIO_H
#define GP_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/*
 * Read all of @path into a new buffer (*@data, *@len; free() it). Files over
 * @max_len bytes are refused. A path of "-" reads standard input.
 * Errors (exit 2): cannot open or read, too large.
 */
int gp_read_file(const char *path, size_t max_len, void **data, size_t *len, struct gp_error *err);

/*
 * Whether outputs @a and @b name the same file, spelled differently or not
 * ("x", "./x", "/abs/x", a link to it, "-" and /dev/stdout): the same inode
 * when both exist, else the same file name in the same directory at the end
 * of their links. "-" is standard output.
 */
bool gp_same_file(const char *a, const char *b);

/* One output file of a run. */
struct gp_output {
	const char *path;  /* NULL: skipped */
	const void *data;
	size_t len;
};

/*
 * Write @n outputs, never destroying a file that is not the output's own:
 * - A regular file, existing or new, is replaced whole: all such outputs go to
 *   temporary files beside them first, and only when every one is written and
 *   synced are they renamed into place, so that readers see an old file or a
 *   new one, never a mix; a failure before the renames leaves every existing
 *   file as it was. A replaced file keeps its permission bits (and its owner,
 *   where the writer may give it); a new one is 0644.
 * - A symbolic link (a chain of them too) is not replaced: the file it leads
 *   to is, with its temporary beside that file; a dangling link's file is made.
 * - Any other file that exists (a character device such as /dev/null, a FIFO,
 *   an open file named through /proc such as /dev/fd/N) is written into, not
 *   replaced; a directory or a socket is refused.
 * - A path of "-" is standard output, and so is a path naming the file
 *   standard output is (/dev/stdout).
 * What is written into, standard output included, is written after every
 * regular file is in place. Two outputs naming one file are refused before
 * anything is written. Errors (exit 2) name the file.
 */
int gp_write_outputs(const struct gp_output *outs, size_t n, struct gp_error *err);

#endif
