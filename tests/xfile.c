/* SPDX-License-Identifier: MIT */
#include "xfile.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void *x_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

void x_write_temp(const void *data, size_t len, char *path, size_t cap)
{
	FILE *f;
	int fd;

	ck_assert_uint_lt((size_t)snprintf(path, cap, "/tmp/gicplan-test-XXXXXX"), cap);
	fd = mkstemp(path);
	ck_assert_msg(fd >= 0, "cannot create %s", path);
	f = fdopen(fd, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

bool x_have_dtc(void)
{
	return system("command -v dtc >/dev/null 2>&1") == 0;
}

int x_dtc(const void *blob, size_t len, char *out, size_t cap, size_t *got)
{
	char tmp[64], cmd[256];
	FILE *p;
	int status;

	x_write_temp(blob, len, tmp, sizeof(tmp));
	snprintf(cmd, sizeof(cmd), "dtc -I dtb -O dts -o /dev/null '%s' 2>&1", tmp);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	*got = fread(out, 1, cap - 1, p);
	out[*got] = '\0';
	status = pclose(p);
	unlink(tmp);
	return status;
}
