/* SPDX-License-Identifier: MIT */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void gp_error_init(struct gp_error *e)
{
	e->exit_code = GP_EXIT_OK;
	e->msg[0] = '\0';
}

int gp_fail(struct gp_error *e, int exit_code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL || gp_failed(e))
		return -1;
	e->exit_code = exit_code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	/* One line: a message never carries a newline from its inputs. */
	for (char *p = e->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return -1;
}

int gp_error_wrap(struct gp_error *e, int exit_code, const char *fmt, ...)
{
	char prefix[GP_ERROR_MSG_MAX], msg[GP_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	snprintf(msg, sizeof(msg), "%s", e->msg);
	gp_error_init(e);
	return gp_fail(e, exit_code, "%s: %s", prefix, msg);
}

bool gp_failed(const struct gp_error *e)
{
	return e->exit_code != GP_EXIT_OK || e->msg[0] != '\0';
}
