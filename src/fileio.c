#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The directory part of @path ("." when none) and its file name. */
static void split_path(const char *path, char *dir, size_t cap, const char **name)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL) {
		snprintf(dir, cap, ".");
		*name = path;
	} else {
		snprintf(dir, cap, "%.*s", slash == path ? 1 : (int)(slash - path), path);
		*name = slash + 1;
	}
}

bool gp_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	char da[PATH_MAX], db[PATH_MAX];
	const char *na, *nb;

	if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
		return false;
	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	split_path(a, da, sizeof(da), &na);
	split_path(b, db, sizeof(db), &nb);
	return strcmp(na, nb) == 0 && stat(da, &sa) == 0 && stat(db, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int read_fd(int fd, const char *path, size_t max_len, void **data, size_t *len,
		   struct gp_error *err)
{
	size_t cap = 64 * 1024, used = 0;
	char *buf = malloc(cap);

	if (buf == NULL)
		return gp_fail(err, GP_EXIT_USAGE, "%s: out of memory", path);
	for (;;) {
		ssize_t n;

		if (used == cap) {
			char *bigger;

			if (cap > max_len) {
				free(buf);
				return gp_fail(err, GP_EXIT_USAGE, "%s: larger than %zu bytes", path,
					       max_len);
			}
			cap *= 2;
			bigger = realloc(buf, cap);
			if (bigger == NULL) {
				free(buf);
				return gp_fail(err, GP_EXIT_USAGE, "%s: out of memory", path);
			}
			buf = bigger;
		}
		n = read(fd, buf + used, cap - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			free(buf);
			return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(e));
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	if (used > max_len) {
		free(buf);
		return gp_fail(err, GP_EXIT_USAGE, "%s: larger than %zu bytes", path, max_len);
	}
	*data = buf;
	*len = used;
	return 0;
}

int gp_read_file(const char *path, size_t max_len, void **data, size_t *len, struct gp_error *err)
{
	struct stat st;
	int fd, rc;

	if (strcmp(path, "-") == 0)
		return read_fd(STDIN_FILENO, "<stdin>", max_len, data, len, err);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return gp_fail(err, GP_EXIT_USAGE, "%s: is a directory", path);
	}
	rc = read_fd(fd, path, max_len, data, len, err);
	close(fd);
	return rc;
}

static int write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write @len bytes to a new temporary file beside @path; its name goes to *@tmp. */
static int write_temp(const char *path, const void *data, size_t len, char **tmp,
		      struct gp_error *err)
{
	static const char suffix[] = ".gicplan-XXXXXX";
	struct stat st;
	int fd, e;

	*tmp = NULL;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return gp_fail(err, GP_EXIT_USAGE, "%s: is a directory", path);
	*tmp = malloc(strlen(path) + sizeof(suffix));
	if (*tmp == NULL)
		return gp_fail(err, GP_EXIT_USAGE, "%s: out of memory", path);
	strcpy(*tmp, path);
	strcat(*tmp, suffix);
	fd = mkstemp(*tmp);
	if (fd < 0) {
		e = errno;
		free(*tmp);
		*tmp = NULL;
		return gp_fail(err, GP_EXIT_USAGE, "%s: cannot create a file beside it: %s", path,
			       strerror(e));
	}
	/* mkstemp makes the file 0600; outputs are ordinary files. */
	if (fchmod(fd, 0644) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
		return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(e));
	}
	if (close(fd) != 0) {
		e = errno;
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
		return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(e));
	}
	return 0;
}

#define OUTPUTS_MAX 8

int gp_write_outputs(const struct gp_output *outs, size_t n, struct gp_error *err)
{
	char *tmp[OUTPUTS_MAX] = { 0 };
	int rc = 0;

	if (n > OUTPUTS_MAX)
		return gp_fail(err, GP_EXIT_USAGE, "too many output files");
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (outs[i].path == NULL || strcmp(outs[i].path, "-") == 0)
			continue;
		rc = write_temp(outs[i].path, outs[i].data, outs[i].len, &tmp[i], err);
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (tmp[i] == NULL)
			continue;
		if (rename(tmp[i], outs[i].path) != 0)
			rc = gp_fail(err, GP_EXIT_USAGE, "%s: %s", outs[i].path, strerror(errno));
		else {
			free(tmp[i]);
			tmp[i] = NULL;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (tmp[i] != NULL) {
			unlink(tmp[i]);
			free(tmp[i]);
		}
	}
	/* Standard output last: files are in place before anything is streamed. */
	for (size_t i = 0; i < n && rc == 0; i++)
		if (outs[i].path != NULL && strcmp(outs[i].path, "-") == 0 &&
		    write_all(STDOUT_FILENO, outs[i].data, outs[i].len) != 0)
			rc = gp_fail(err, GP_EXIT_USAGE, "<stdout>: %s", strerror(errno));
	return rc;
}
