/* SPDX-License-Identifier: MIT */
/* gicplan plan: plan, write the tree, prove it, and write what was asked. */
#include "cli.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicplan.h"
#include "junit.h"
#include "render_audit.h"
#include "render_verify.h"
#include "report.h"

/* What plan writes: the tree, the plan file, the ACPI tables. */
struct written {
	size_t tree_len;
	size_t plan_len;
	const struct gicplan_acpi_tables *acpi; /* NULL: no --acpi */
};

/*
 * The last line of plan's text report: what was written, with its size in
 * bytes, and the verdict it rests on; or why nothing was written.
 */
static void plan_closing_line(const struct cli *c, const struct gicplan_report *r,
			      const struct gicplan_audit *audit, const struct written *w)
{
	size_t count[GICPLAN_CHECK_SKIP + 1] = { 0 };
	size_t nr_acpi = gicplan_acpi_tables_count(w->acpi);
	struct gicplan_audit_info ai = { .breaking = 0 };
	struct gicplan_check k;
	char verdict[128];
	int n;

	for (size_t i = 0; i < gicplan_report_checks(r); i++)
		if (gicplan_report_check(r, i, &k, NULL) == 0)
			count[k.status]++;
	if (audit != NULL)
		gicplan_audit_info(audit, &ai, NULL);
	if (gicplan_report_failed(r)) {
		if (count[GICPLAN_CHECK_FAIL] > 0)
			printf("nothing written: verification failed (%zu %s)\n",
			       count[GICPLAN_CHECK_FAIL],
			       plural(count[GICPLAN_CHECK_FAIL], "check fails", "checks fail"));
		else
			printf("nothing written: verification failed (%zu %s, --strict)\n",
			       count[GICPLAN_CHECK_WARN],
			       plural(count[GICPLAN_CHECK_WARN], "warning", "warnings"));
		return;
	}
	if (gicplan_audit_breaks(audit)) {
		printf("nothing written: the plan breaks migration from %s (%zu %s)\n",
		       c->compat_with, ai.breaking, plural(ai.breaking, "difference", "differences"));
		return;
	}
	n = snprintf(verdict, sizeof(verdict), "verified: %zu %s pass", count[GICPLAN_CHECK_PASS],
		     plural(count[GICPLAN_CHECK_PASS], "check", "checks"));
	if (count[GICPLAN_CHECK_WARN] > 0)
		n += snprintf(verdict + n, sizeof(verdict) - (size_t)n, ", %zu %s",
			      count[GICPLAN_CHECK_WARN],
			      plural(count[GICPLAN_CHECK_WARN], "warning", "warnings"));
	if (count[GICPLAN_CHECK_SKIP] > 0)
		n += snprintf(verdict + n, sizeof(verdict) - (size_t)n, ", %zu skipped",
			      count[GICPLAN_CHECK_SKIP]);
	if (c->compat_with != NULL)
		snprintf(verdict + n, sizeof(verdict) - (size_t)n, "; keeps the ABI of %s",
			 c->compat_with);
	if (c->out == NULL && c->plan_out == NULL && w->acpi == NULL) {
		printf("%s; nothing written (no --out or --plan)\n", verdict);
		return;
	}
	printf("wrote ");
	if (c->out != NULL)
		printf("%s (%zu bytes)%s", c->out, w->tree_len,
		       c->plan_out != NULL || w->acpi != NULL ? ", " : "");
	if (c->plan_out != NULL)
		printf("%s (%zu bytes)%s", c->plan_out, w->plan_len, w->acpi != NULL ? ", " : "");
	for (size_t i = 0; i < nr_acpi; i++) {
		struct gicplan_acpi_table t;

		gicplan_acpi_table(w->acpi, i, &t, NULL);
		printf("%s/%s (%zu bytes)%s", c->acpi.dir, t.file, t.len, i + 1 < nr_acpi ? ", " : "");
	}
	printf("; %s\n", verdict);
}

/* Whether the tree or the plan goes to standard output ("-", /dev/stdout, ...). */
static bool streams_to_stdout(const struct cli *c)
{
	return (c->out != NULL && gicplan_same_file(c->out, "-")) ||
	       (c->plan_out != NULL && gicplan_same_file(c->plan_out, "-"));
}

int cmd_plan(struct cli *c)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_plan *plan = NULL;
	struct gicplan_input *in = NULL, *old = NULL;
	struct gicplan_report *vr = NULL;
	struct gicplan_audit *audit = NULL;
	struct gicplan_acpi_tables *acpi = NULL;
	struct gicplan_error e;
	struct written w = { 0 };
	json_t *report = NULL;
	const void *tree = NULL;
	char *plan_text = NULL;
	int rc = CLI_EXIT_OK, got;
	bool failed, breaks;

	/* A tree or plan streamed to stdout owns it: errors go to stderr alone. */
	if (streams_to_stdout(c))
		cli_errors_as_text();
	if (!c->cpus_set) {
		rc = usage_error("%s", "--cpus is required");
		goto out;
	}
	if (c->acpi.dir == NULL && (c->acpi_version_set || c->acpi.boot_cpus != 0)) {
		rc = usage_error("%s", "--acpi-version and --boot-cpus shape the tables of --acpi "
				 "DIR: give --acpi");
		goto out;
	}
	/* Two outputs to one file ("-" twice, "-" and /dev/stdout, a link and its file). */
	if (c->out != NULL && c->plan_out != NULL && gicplan_same_file(c->out, c->plan_out)) {
		if (strcmp(c->out, c->plan_out) == 0)
			rc = usage_error("--out and --plan both name \"%s\"", c->out);
		else
			rc = usage_error("--out \"%s\" and --plan \"%s\" name the same file", c->out,
					 c->plan_out);
		goto out;
	}
	if (cli_platform(c, c->platform, &p, NULL) < 0)
		goto out;
	if (c->compat_with != NULL) {
		/* A tree as OLD: what it does not say is taken from the request. */
		struct gicplan_input_options oo = { .gic_version = c->req.gic_version,
						    .spis = c->req.spis };

		if (gicplan_input_load(c->compat_with, &oo, &old, &e) < 0 ||
		    gicplan_plan_make_compat(p, &c->req, old, &plan, &e) < 0) {
			cli_pass(c, &e);
			goto out;
		}
	} else if (gicplan_plan_make(p, &c->req, &plan, &e) < 0) {
		cli_pass(c, &e);
		goto out;
	}
	/* Verify the tree as written: parsed back from its bytes, not from the plan. */
	if (gicplan_input_from_plan(plan, &in, &e) < 0 ||
	    gicplan_input_tree(in, &tree, &w.tree_len, &e) < 0) {
		cli_pass(c, &e);
		goto out;
	}
	got = gicplan_verify(in, &c->verify, &vr, &e);
	if (got < 0 && got != GICPLAN_E_CHECK) {
		cli_pass(c, &e);
		goto out;
	}
	failed = gicplan_report_failed(vr);
	/*
	 * A plan that keeps OLD's ABI must say so by the same audit a user would
	 * run: one way (OLD's guest moves up), added vCPUs by the platform's rule.
	 */
	if (c->compat_with != NULL) {
		got = gicplan_plan_compat_audit(p, old, in, &audit, &e);
		if (got < 0 && got != GICPLAN_E_CHECK) {
			cli_pass(c, &e);
			goto out;
		}
	}
	breaks = gicplan_audit_breaks(audit);
	if (c->plan_out != NULL &&
	    (plan_text = gp_plan_file_text(plan, &w.plan_len, &e)) == NULL) {
		cli_pass(c, &e);
		goto out;
	}
	/* The ACPI tables of a plan whose tree passed, proven as a guest's ACPI path reads them. */
	if (c->acpi.dir != NULL && !failed && !breaks) {
		if (gicplan_plan_acpi(plan, &c->acpi, &c->verify, &acpi, &e) < 0) {
			cli_pass(c, &e);
			goto out;
		}
		w.acpi = acpi;
	}
	/* A tree that fails its proof is not handed out. */
	if (!failed && !breaks) {
		size_t nr_acpi = gicplan_acpi_tables_count(acpi);
		struct gicplan_output outs[2 + GICPLAN_ACPI_TABLES_MAX] = {
			{ c->out, tree, w.tree_len }, { c->plan_out, plan_text, w.plan_len }
		};

		for (size_t i = 0; i < nr_acpi && i < GICPLAN_ACPI_TABLES_MAX; i++) {
			struct gicplan_acpi_table t;

			gicplan_acpi_table(acpi, i, &t, NULL);
			outs[2 + i] = (struct gicplan_output){ t.path, t.data, t.len };
		}
		if (gicplan_write_files(outs, 2 + nr_acpi, &e) < 0) {
			cli_pass(c, &e);
			goto out;
		}
		/* A tree or plan streamed to standard output is the output: no report after it. */
		if (streams_to_stdout(c))
			goto out;
	}
	if (c->quiet)
		goto verdict;
	if (c->format == FORMAT_JSON) {
		report = gp_report_json(plan, plan_text, failed || breaks ? GP_RESULT_FAIL : GP_RESULT_PASS);
		report_checks(c, vr, report);
		if (c->compat_with != NULL)
			json_object_set_new(report, "audit",
					    json_pack("{s:s,s:b,s:o}", "old", c->compat_with,
						      "compatible", !breaks, "diffs",
						      gp_audit_json(audit)));
		print_json(report);
	} else if (c->format == FORMAT_JUNIT) {
		struct gp_junit_suite s[3] = { 0 };
		size_t n = c->compat_with != NULL ? 3 : 2;
		int built = gp_junit_plan(plan, &s[0]) < 0 ||
					    gp_junit_verify(vr, NULL, c->out, c->verify.strict, &s[1]) < 0 ||
					    (n == 3 && gp_junit_audit(audit, c->compat_with,
								      "the plan", &s[2]) < 0)
				    ? -1
				    : 0;

		if (print_junit(c, s, n, built) < 0)
			goto out;
	} else {
		gp_report_text(stdout, plan);
		report_checks(c, vr, NULL);
		if (c->compat_with != NULL) {
			printf("\naudit against %s: %zu differences, %s\n", c->compat_with,
			       gicplan_audit_diffs(audit),
			       breaks ? "some break live migration" : "none breaks live migration");
			gp_audit_text(stdout, audit);
		}
		plan_closing_line(c, vr, audit, &w);
	}
verdict:
	if (failed || breaks) {
		fprintf(stderr, "gicplan: %s: nothing written\n",
			failed ? "verification failed" : "the plan breaks migration from OLD");
		rc = CLI_EXIT_CHECK;
	}
out:
	if (cli_failed(c))
		rc = report_error(c);
	json_decref(report);
	gicplan_audit_free(audit);
	gicplan_acpi_tables_free(acpi);
	gicplan_input_free(old);
	gicplan_input_free(in);
	gicplan_report_free(vr);
	free(plan_text);
	gicplan_plan_free(plan);
	gicplan_platform_free(p);
	return rc;
}
