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
 * Whether paths @a and @b name the same file, spelled differently or not
 * ("x", "./x", "/abs/x", a link): the same inode when it exists, else the
 * same file name in the same directory. "-" (standard output) is never a file.
 */
bool gp_same_file(const char *a, const char *b);

/* One output file of a run. */
struct gp_output {
	const char *path;  /* NULL: skipped */
	const void *data;
	size_t len;
};

/*
 * Write all @n outputs or none: each goes to a temporary file beside its
 * path first, and only when every one is written and synced are they renamed
 * into place, so that readers see an old file or a new one, never a mix. A
 * failure before the renames leaves every existing file as it was. A path of
 * "-" is standard output, written after the files. Errors (exit 2) name the
 * file.
 */
int gp_write_outputs(const struct gp_output *outs, size_t n, struct gp_error *err);

#endif
