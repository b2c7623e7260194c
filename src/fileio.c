/* SPDX-License-Identifier: MIT */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __linux__
#include <linux/magic.h>
#include <sys/vfs.h>
#endif
#include <unistd.h>

#include "units.h"

/* Links followed from an output's name to its file before giving up (Linux's own limit). */
#define LINKS_MAX 40

/* Beside a replaced file while its new bytes are written. */
#define TEMP_SUFFIX ".gicplan-XXXXXX"

/* A new output file's mode; a replaced file keeps its own. */
#define NEW_FILE_MODE 0644

#define PERMISSION_BITS (S_IRWXU | S_IRWXG | S_IRWXO)

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

/* Whether the directory holding @path is in /proc, where a link names an open file. */
static bool in_proc(const char *path)
{
#ifdef __linux__
	char dir[PATH_MAX];
	const char *name;
	struct statfs fs;

	split_path(path, dir, sizeof(dir), &name);
	return statfs(dir, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC;
#else
	(void)path;
	return false;
#endif
}

/*
 * Follow @path's symbolic links, a chain of them too, to the name of the file
 * they lead to, which may not exist yet (a dangling link): into @out. A link
 * in /proc (/dev/stdout, /dev/fd/N) names an open file rather than a path: the
 * walk stops there with *@open_file set. Returns 0 or an errno value.
 */
static int follow_links(const char *path, char *out, size_t cap, bool *open_file)
{
	*open_file = false;
	if (snprintf(out, cap, "%s", path) >= (int)cap)
		return ENAMETOOLONG;
	for (int hops = 0; hops < LINKS_MAX; hops++) {
		char link[PATH_MAX], dir[PATH_MAX];
		const char *name;
		struct stat st;
		ssize_t n;
		int len;

		if (lstat(out, &st) != 0)
			return errno == ENOENT ? 0 : errno;
		if (!S_ISLNK(st.st_mode))
			return 0;
		if (in_proc(out)) {
			*open_file = true;
			return 0;
		}
		n = readlink(out, link, sizeof(link) - 1);
		if (n < 0)
			return errno;
		link[n] = '\0';
		/* A relative link is read from the directory that holds it (no "./" for "."). */
		split_path(out, dir, sizeof(dir), &name);
		if (link[0] == '/' || name == out)
			len = snprintf(out, cap, "%s", link);
		else
			len = snprintf(out, cap, "%s/%s", dir, link);
		if (len < 0 || (size_t)len >= cap)
			return ENAMETOOLONG;
	}
	return ELOOP;
}

/* stat() of @path, or of standard output for "-". */
static int stat_output(const char *path, struct stat *st)
{
	return strcmp(path, "-") == 0 ? fstat(STDOUT_FILENO, st) : stat(path, st);
}

static bool same_inode(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

bool gp_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	char ta[PATH_MAX], tb[PATH_MAX], da[PATH_MAX], db[PATH_MAX];
	const char *na, *nb;
	bool open_a, open_b;

	if (strcmp(a, b) == 0)
		return true;
	if (stat_output(a, &sa) == 0 && stat_output(b, &sb) == 0)
		return same_inode(&sa, &sb);
	if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
		return false;
	/* One does not exist yet: the same file if both would be made under one name. */
	if (follow_links(a, ta, sizeof(ta), &open_a) != 0 ||
	    follow_links(b, tb, sizeof(tb), &open_b) != 0)
		return false;
	split_path(ta, da, sizeof(da), &na);
	split_path(tb, db, sizeof(db), &nb);
	return strcmp(na, nb) == 0 && stat(da, &sa) == 0 && stat(db, &sb) == 0 &&
	       same_inode(&sa, &sb);
}

/* The error for a file over @max_len bytes. */
static int too_large(const char *path, size_t max_len, struct gp_error *err)
{
	char size[GP_SIZE_STR_MAX];

	return gp_fail(err, GP_EXIT_USAGE, "%s: larger than the %s gicplan reads", path,
		       gp_size_exact_str(size, sizeof(size), max_len));
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
				return too_large(path, max_len, err);
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
		return too_large(path, max_len, err);
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

static bool is_stdout(const struct stat *st)
{
	struct stat so;

	return fstat(STDOUT_FILENO, &so) == 0 && same_inode(st, &so);
}

/* How an output reaches its file. */
enum reach {
	REACH_NONE,    /* no output */
	REACH_REPLACE, /* a regular file, old or new: a temporary beside it, renamed over it */
	REACH_INTO,    /* an existing device, FIFO or open file: written into, never replaced */
	REACH_STDOUT,  /* "-", or the file standard output is: written to descriptor 1 */
};

/* Where one output goes, found before anything is written. */
struct target {
	enum reach reach;
	char file[PATH_MAX];  /* REPLACE: the file at the end of the path's links */
	bool exists;          /* there is a file at the path now */
	struct stat st;       /* when it exists: the file as it is */
	char tmp[PATH_MAX + sizeof(TEMP_SUFFIX)]; /* REPLACE: the temporary; "" when none */
};

/* An existing file that is not replaced but written into: it must be writable now. */
static int target_into(const char *path, struct target *t, struct gp_error *err)
{
	if (is_stdout(&t->st)) {
		t->reach = REACH_STDOUT;
		return 0;
	}
	if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0)
		return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(errno));
	t->reach = REACH_INTO;
	return 0;
}

/* Where output @path goes: into *@t. Nothing is created or changed. */
static int find_target(const char *path, struct target *t, struct gp_error *err)
{
	bool open_file;
	int e;

	t->tmp[0] = '\0';
	if (strcmp(path, "-") == 0) {
		t->reach = REACH_STDOUT;
		return 0;
	}
	t->exists = stat(path, &t->st) == 0;
	if (!t->exists && errno != ENOENT)
		return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(errno));
	if (t->exists && S_ISDIR(t->st.st_mode))
		return gp_fail(err, GP_EXIT_USAGE, "%s: is a directory", path);
	if (t->exists && S_ISSOCK(t->st.st_mode))
		return gp_fail(err, GP_EXIT_USAGE, "%s: is a socket, not a file to write", path);
	if (t->exists && !S_ISREG(t->st.st_mode))
		return target_into(path, t, err);
	e = follow_links(path, t->file, sizeof(t->file), &open_file);
	if (e != 0)
		return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(e));
	if (open_file) {
		if (!t->exists)
			return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(ENOENT));
		return target_into(path, t, err);
	}
	t->reach = REACH_REPLACE;
	return 0;
}

/* A replaced file keeps its owner and group where the writer may give them (root may). */
static void keep_owner(int fd, const struct stat *st)
{
	if ((st->st_uid != geteuid() || st->st_gid != getegid()) &&
	    fchown(fd, st->st_uid, st->st_gid) != 0 && fchown(fd, (uid_t)-1, st->st_gid) != 0) {
		/* Neither is the writer's to give: the new file is the writer's, as any save makes it. */
	}
}

/* Write @len bytes to a new temporary file beside @t's file, named in @t->tmp. */
static int write_temp(const char *path, struct target *t, const void *data, size_t len,
		      struct gp_error *err)
{
	mode_t mode = t->exists ? t->st.st_mode & PERMISSION_BITS : NEW_FILE_MODE;
	int fd, e;

	if (snprintf(t->tmp, sizeof(t->tmp), "%s%s", t->file, TEMP_SUFFIX) >= (int)sizeof(t->tmp)) {
		t->tmp[0] = '\0';
		return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(ENAMETOOLONG));
	}
	fd = mkstemp(t->tmp);
	if (fd < 0) {
		e = errno;
		t->tmp[0] = '\0';
		if (strcmp(path, t->file) == 0)
			return gp_fail(err, GP_EXIT_USAGE, "%s: cannot create a file beside it: %s",
				       path, strerror(e));
		return gp_fail(err, GP_EXIT_USAGE, "%s: cannot create a file beside its target %s: %s",
			       path, t->file, strerror(e));
	}
	if (t->exists)
		keep_owner(fd, &t->st);
	/* mkstemp makes the file 0600: give it the replaced file's mode, or a new file's. */
	if (fchmod(fd, mode) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		e = errno;
		close(fd);
		unlink(t->tmp);
		t->tmp[0] = '\0';
		return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(e));
	}
	if (close(fd) != 0) {
		e = errno;
		unlink(t->tmp);
		t->tmp[0] = '\0';
		return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(e));
	}
	return 0;
}

/* Write @len bytes into the existing file @path (a device, FIFO or open file). */
static int write_into(const char *path, const struct target *t, const void *data, size_t len,
		      struct gp_error *err)
{
	/* An open file reached through /proc is rewritten from its start, not overlaid. */
	int flags = O_WRONLY | O_NOCTTY | O_CLOEXEC | (S_ISREG(t->st.st_mode) ? O_TRUNC : 0);
	int fd = open(path, flags);
	int e;

	if (fd < 0)
		return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(errno));
	if (write_all(fd, data, len) != 0) {
		e = errno;
		close(fd);
		return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(e));
	}
	if (close(fd) != 0)
		return gp_fail(err, GP_EXIT_USAGE, "%s: %s", path, strerror(errno));
	return 0;
}

#define OUTPUTS_MAX 8

int gp_write_outputs(const struct gp_output *outs, size_t n, struct gp_error *err)
{
	struct target *t;
	int rc = 0;

	if (n > OUTPUTS_MAX)
		return gp_fail(err, GP_EXIT_USAGE, "too many output files");
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (outs[i].path != NULL && outs[j].path != NULL &&
			    gp_same_file(outs[i].path, outs[j].path))
				return gp_fail(err, GP_EXIT_USAGE, "%s and %s are the same file",
					       outs[i].path, outs[j].path);
	t = calloc(n, sizeof(*t));
	if (t == NULL && n > 0)
		return gp_fail(err, GP_EXIT_USAGE, "out of memory");
	for (size_t i = 0; i < n && rc == 0; i++)
		if (outs[i].path != NULL)
			rc = find_target(outs[i].path, &t[i], err);
	for (size_t i = 0; i < n && rc == 0; i++)
		if (t[i].reach == REACH_REPLACE)
			rc = write_temp(outs[i].path, &t[i], outs[i].data, outs[i].len, err);
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (t[i].tmp[0] == '\0')
			continue;
		if (rename(t[i].tmp, t[i].file) != 0)
			rc = gp_fail(err, GP_EXIT_USAGE, "%s: %s", outs[i].path, strerror(errno));
		else
			t[i].tmp[0] = '\0';
	}
	for (size_t i = 0; i < n; i++)
		if (t[i].tmp[0] != '\0')
			unlink(t[i].tmp);
	/*
	 * Devices, FIFOs and standard output last: every file is in place before
	 * anything is streamed, so a failure here leaves no file half-written.
	 */
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (t[i].reach == REACH_INTO)
			rc = write_into(outs[i].path, &t[i], outs[i].data, outs[i].len, err);
		else if (t[i].reach == REACH_STDOUT &&
			 write_all(STDOUT_FILENO, outs[i].data, outs[i].len) != 0)
			rc = gp_fail(err, GP_EXIT_USAGE, "%s: %s",
				     strcmp(outs[i].path, "-") == 0 ? "<stdout>" : outs[i].path,
				     strerror(errno));
	}
	free(t);
	return rc;
}
