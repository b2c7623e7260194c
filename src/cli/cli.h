/* SPDX-License-Identifier: MIT */
/*
 * The command line: its options, as each command reads them, and what every
 * command shares (errors, reports). Each command is in cmd_NAME.c.
 */
#ifndef GP_CLI_H
#define GP_CLI_H

#include "acpi_prove.h"
#include "acpi_read.h"
#include "acpi_write.h"
#include "audit.h"
#include "compat.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "emit_fdt.h"
#include "error.h"
#include "fileio.h"
#include "input.h"
#include "json_in.h"
#include "junit.h"
#include "layout.h"
#include "walls.h"
#include "map.h"
#include "plan_json.h"
#include "planner.h"
#include "platform.h"
#include "render_audit.h"
#include "render_verify.h"
#include "report.h"
#include "reproduce.h"
#include "tiers.h"
#include "units.h"
#include "verify.h"

#define ARGS_MAX 2

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_JUNIT };

struct cli {
	struct gp_request req;
	const char *platform;
	const char *out;
	const char *plan_out;
	const char *compat_with;
	const char *acpi_dir;      /* plan --acpi */
	struct gp_acpi_options acpi;
	bool acpi_version_set;
	const char *svg;           /* map --svg */
	bool map_tiers;            /* map --tiers */
	enum format format;
	bool cpus_set;
	bool quiet;                /* -q: no report on standard output */
	bool help;                 /* -h: print the command's help instead */
	bool version;              /* -V: print the version instead */
	enum gp_audit_mode audit_mode; /* audit --one-way, --identical */
	enum gp_gic_state_rule vmm;    /* audit --vmm */
	struct gp_verify_options verify;
	unsigned allowed;          /* OPT_BIT()s the command takes */
	const char *args[ARGS_MAX];
	int nargs;
	struct gp_error err;
};

int gp_cli_main(int argc, char **argv);

/* The commands (cmd_NAME.c): each returns the exit code. */
int cmd_plan(struct cli *c);
int cmd_verify(struct cli *c);
int cmd_audit(struct cli *c);
int cmd_emu(struct cli *c);
int cmd_tiers(struct cli *c);
int cmd_platforms(struct cli *c);
int cmd_limits(struct cli *c);
int cmd_map(struct cli *c);

/* A usage error: its line on stderr (and the error report), returns exit 2. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Report @err (stderr, and the error report); returns its exit code. */
int report_error(const struct gp_error *err);

/* Errors from here on go to standard error alone. */
void cli_errors_as_text(void);

/* @root as JSON text on standard output. */
void print_json(const json_t *root);

/* The checks, in the report's form: JSON members or text after the plan. */
void report_checks(const struct cli *c, const struct gicplan_report *r, json_t *root);

/* "N things" or "1 thing". */
const char *plural(size_t n, const char *one, const char *many);

/* JUnit suites on stdout; frees them. */
int print_junit(struct cli *c, struct gp_junit_suite *s, size_t n, int built);

/* What @in assumed, into @r after gp_verify. */
void take_assumptions(const struct gp_input *in, struct gp_verify_result *r);

/* What a tree does not say, from the request's options. */
struct gp_input_options input_options(const struct cli *c);

#endif
