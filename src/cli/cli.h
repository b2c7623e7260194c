/* SPDX-License-Identifier: MIT */
/*
 * The command line: its options, as each command reads them, and what every
 * command shares (errors, reports). Each command is in cmd_NAME.c.
 */
#ifndef GP_CLI_H
#define GP_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gicplan.h"
#include "junit.h"

/* Exit codes of the gicplan command, as README.md and gicplan(1) document them. */
enum cli_exit {
	CLI_EXIT_OK = 0,         /* all fine */
	CLI_EXIT_CHECK = 1,      /* a check or an audit found a problem */
	CLI_EXIT_USAGE = 2,      /* usage or input error */
	CLI_EXIT_INFEASIBLE = 3, /* no placement holds the request */
};

/* The first error of a command: one line naming the input and the place, and its exit code. */
struct cli_error {
	int exit_code;                   /* CLI_EXIT_OK while none */
	char msg[GICPLAN_ERROR_MAX];
};

#define ARGS_MAX 2

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_JUNIT };

struct cli {
	struct gicplan_request req;
	const char *platform;
	const char *out;
	const char *plan_out;
	const char *compat_with;
	struct gicplan_acpi_options acpi; /* plan --acpi DIR (acpi.dir), --acpi-version, --boot-cpus */
	bool acpi_version_set;
	const char *svg;           /* map --svg */
	bool map_tiers;            /* map --tiers */
	enum format format;
	bool cpus_set;
	bool quiet;                /* -q: no report on standard output */
	bool help;                 /* -h: print the command's help instead */
	bool version;              /* -V: print the version instead */
	int audit_mode;            /* GICPLAN_AUDIT_*: audit --one-way, --identical */
	int vmm;                   /* GICPLAN_VMM_*: audit --vmm */
	struct gicplan_verify_options verify;
	unsigned allowed;          /* OPT_BIT()s the command takes */
	const char *args[ARGS_MAX];
	int nargs;
	struct cli_error err;
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

/*
 * The command's error, unless it has one already (the first names the root
 * cause): a printf-style message and its exit code. Returns -1.
 */
int cli_fail(struct cli *c, int exit_code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The exit code of a public error code: a check 1, no placement 3, any other 2. */
int cli_exit_of(int code);

/* @e, a failed library call's error, as the command's (its message verbatim). Returns -1. */
int cli_pass(struct cli *c, const struct gicplan_error *e);

/* Whether the command has failed. */
bool cli_failed(const struct cli *c);

/* Report the command's error (stderr, and the error report); returns its exit code. */
int report_error(const struct cli *c);

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

/*
 * Load platform @name into *@p (the caller frees it) and its details into
 * @info (NULL: not wanted); on an error, the command's error and -1.
 */
int cli_platform(struct cli *c, const char *name, struct gicplan_platform **p,
		 struct gicplan_platform_info *info);

/* What a tree does not say, from the request's options. */
struct gicplan_input_options input_options(const struct cli *c);

/* The fit the request's --gic-version, --ipa-bits and --its ask of a platform, its defaults else. */
struct gicplan_fit request_fit(const struct cli *c, const struct gicplan_platform_info *pi);

#endif
