/* SPDX-License-Identifier: MIT */
/* Errors: one line that names the input and the place, and the exit code it maps to. */
#ifndef GP_ERROR_H
#define GP_ERROR_H

#include <stdbool.h>
#include <stddef.h>

/* Exit codes of the gicplan command, as README.md and gicplan(1) document them. */
enum gp_exit {
	GP_EXIT_OK = 0,         /* all fine */
	GP_EXIT_CHECK = 1,      /* a check or an audit found a problem */
	GP_EXIT_USAGE = 2,      /* usage or input error */
	GP_EXIT_INFEASIBLE = 3, /* no placement holds the request */
};

#define GP_ERROR_MSG_MAX 1024

/*
 * The first error of an operation. Library functions return -1 and fill it;
 * later errors are dropped so that the message names the root cause.
 */
struct gp_error {
	int exit_code;             /* an enum gp_exit value; GP_EXIT_OK while unset */
	char msg[GP_ERROR_MSG_MAX]; /* "FILE: PLACE: what is wrong", no newline */
};

/* Clear @e. */
void gp_error_init(struct gp_error *e);

/*
 * Record an error with exit code @exit_code and a printf-style message,
 * unless @e already holds one. Returns -1, so callers can "return gp_fail(...)".
 */
int gp_fail(struct gp_error *e, int exit_code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Put a printf-style prefix and ": " before the error @e holds, now with exit
 * code @exit_code (the caller's view of what failed). Returns -1.
 */
int gp_error_wrap(struct gp_error *e, int exit_code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* True once @e holds an error. */
bool gp_failed(const struct gp_error *e);

#endif
