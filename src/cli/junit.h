/* SPDX-License-Identifier: MIT */
/*
 * JUnit XML for CI systems (--format junit): one <testsuite> per part of a
 * run (the plan, the verify checks, the audit's differences), one
 * <testcase> per named check or difference, its classname the suite's name.
 * A failed check is a <failure>; a skipped one <skipped>; a warning passes
 * and says "warning: ..." in its <system-out> (with --strict it fails). An
 * error run (exit 2 or 3) is one <testcase> with an <error>.
 */
#ifndef GP_JUNIT_H
#define GP_JUNIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "gicplan.h"


#define GP_JUNIT_PROPERTIES_MAX 4

enum gp_junit_status {
	GP_JUNIT_PASS,
	GP_JUNIT_FAIL,
	GP_JUNIT_SKIP,
	GP_JUNIT_ERROR,
};

struct gp_junit_case {
	char name[128];
	enum gp_junit_status status;
	char message[512];     /* of a failure, skip or error; "" for none */
	char output[1536];     /* <system-out>; "" for none */
};

struct gp_junit_suite {
	char name[64];         /* "gicplan.verify"; each case's classname */
	struct gp_junit_case *cases;
	size_t n;
	char properties[GP_JUNIT_PROPERTIES_MAX][2][256]; /* name, value; "" ends */
};

/* The plan's suite "gicplan.plan": one case "placement" saying the tier and why. */
int gp_junit_plan(const struct gicplan_plan *plan, struct gp_junit_suite *s);

/*
 * The checks' suite "gicplan.verify" of @file, the ACPI tables' checks of
 * input @in after them (none when @in is NULL or not ACPI tables); @strict: a
 * warning fails.
 */
int gp_junit_verify(const struct gicplan_report *r, const struct gicplan_input *in,
		    const char *file, bool strict, struct gp_junit_suite *s);

struct gicplan_audit;

/* The audit's suite "gicplan.audit": each difference a case, failing when it breaks. */
int gp_junit_audit(const struct gicplan_audit *a, const char *old, const char *new,
		   struct gp_junit_suite *s);

/* An error run's suite "gicplan": one case @command with an <error>. */
int gp_junit_error(const char *command, int exit_code, const char *message,
		   struct gp_junit_suite *s);

/* Write <testsuites> of @n suites, with their counts, to @out. */
void gp_junit_write(FILE *out, const struct gp_junit_suite *suites, size_t n);

/* Free what the gp_junit_* builders allocated; @s may be zeroed. */
void gp_junit_free(struct gp_junit_suite *s);

#endif
