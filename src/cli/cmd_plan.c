/* SPDX-License-Identifier: MIT */
/* gicplan plan: plan, write the tree, prove it, and write what was asked. */
#include "cli.h"

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

/*
 * The public handle of @a for the audit renderers: struct gicplan_audit holds
 * a struct gp_audit alone (src/api.h). Until plan audits through gicplan_audit.
 */
static const struct gicplan_audit *audit_handle(const struct gp_audit *a)
{
	return (const struct gicplan_audit *)(const void *)a;
}

/*
 * The last line of plan's text report: what was written, with its size in
 * bytes, and the verdict it rests on; or why nothing was written.
 */
static void plan_closing_line(const struct cli *c, const struct gp_verify_result *vr,
			      const struct gp_audit *audit, size_t tree_len, size_t plan_len,
			      const struct gp_acpi_tables *acpi)
{
	size_t count[GP_CHECK_SKIP + 1] = { 0 }, breaking = 0;
	char verdict[128];
	int n;

	for (int i = 0; i < GP_CHECKS; i++)
		count[vr->checks[i].status]++;
	for (size_t i = 0; i < audit->n; i++)
		breaking += audit->diffs[i].verdict == GP_VERDICT_BREAKS;
	if (vr->failed) {
		if (count[GP_CHECK_FAIL] > 0)
			printf("nothing written: verification failed (%zu %s)\n", count[GP_CHECK_FAIL],
			       plural(count[GP_CHECK_FAIL], "check fails", "checks fail"));
		else
			printf("nothing written: verification failed (%zu %s, --strict)\n",
			       count[GP_CHECK_WARN], plural(count[GP_CHECK_WARN], "warning", "warnings"));
		return;
	}
	if (audit->breaks) {
		printf("nothing written: the plan breaks migration from %s (%zu %s)\n",
		       c->compat_with, breaking, plural(breaking, "difference", "differences"));
		return;
	}
	n = snprintf(verdict, sizeof(verdict), "verified: %zu %s pass", count[GP_CHECK_PASS],
		     plural(count[GP_CHECK_PASS], "check", "checks"));
	if (count[GP_CHECK_WARN] > 0)
		n += snprintf(verdict + n, sizeof(verdict) - (size_t)n, ", %zu %s",
			      count[GP_CHECK_WARN], plural(count[GP_CHECK_WARN], "warning", "warnings"));
	if (count[GP_CHECK_SKIP] > 0)
		n += snprintf(verdict + n, sizeof(verdict) - (size_t)n, ", %zu skipped",
			      count[GP_CHECK_SKIP]);
	if (c->compat_with != NULL)
		snprintf(verdict + n, sizeof(verdict) - (size_t)n, "; keeps the ABI of %s",
			 c->compat_with);
	if (c->out == NULL && c->plan_out == NULL && acpi == NULL) {
		printf("%s; nothing written (no --out or --plan)\n", verdict);
		return;
	}
	printf("wrote ");
	if (c->out != NULL)
		printf("%s (%zu bytes)%s", c->out, tree_len,
		       c->plan_out != NULL || acpi != NULL ? ", " : "");
	if (c->plan_out != NULL)
		printf("%s (%zu bytes)%s", c->plan_out, plan_len, acpi != NULL ? ", " : "");
	for (unsigned i = 0; acpi != NULL && i < acpi->n; i++)
		printf("%s/%s (%zu bytes)%s", c->acpi_dir, acpi->t[i].file, acpi->t[i].len,
		       i + 1 < acpi->n ? ", " : "");
	printf("; %s\n", verdict);
}

/* Whether the tree or the plan goes to standard output ("-", /dev/stdout, ...). */
static bool streams_to_stdout(const struct cli *c)
{
	return (c->out != NULL && gp_same_file(c->out, "-")) ||
	       (c->plan_out != NULL && gp_same_file(c->plan_out, "-"));
}

/*
 * plan --acpi: the tables of @plan into @acpi, placed in DIR (an existing
 * folder), read back and proven against the plan's VGIC as verify proves
 * tables: a check they fail is an error (exit 1), and nothing is written.
 */
static int plan_acpi(struct cli *c, const struct gp_plan *plan, struct gp_acpi_tables *acpi)
{
	if (gp_acpi_write(plan, &c->acpi, acpi, &c->err) < 0 ||
	    gp_acpi_place(c->acpi_dir, acpi, &c->err) < 0)
		return -1;
	return gp_acpi_prove(plan, acpi, &c->verify, &c->err);
}

int cmd_plan(struct cli *c)
{
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_verify_result *vr = malloc(sizeof(*vr));
	struct gp_input in = { 0 }, old = { 0 };
	struct gp_input_options io = { 0 };
	struct gp_audit audit = { 0 };
	struct gp_acpi_tables acpi = { 0 };
	json_t *report = NULL;
	void *blob = NULL;
	char *plan_text = NULL;
	size_t blob_len = 0, plan_len = 0;
	int rc = GP_EXIT_OK;

	if (p == NULL || plan == NULL || vr == NULL) {
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	/* A tree or plan streamed to stdout owns it: errors go to stderr alone. */
	if (streams_to_stdout(c))
		cli_errors_as_text();
	if (!c->cpus_set) {
		rc = usage_error("%s", "--cpus is required");
		goto out;
	}
	if (c->acpi_dir == NULL && (c->acpi_version_set || c->acpi.boot_cpus != 0)) {
		rc = usage_error("%s", "--acpi-version and --boot-cpus shape the tables of --acpi "
				 "DIR: give --acpi");
		goto out;
	}
	/* Two outputs to one file ("-" twice, "-" and /dev/stdout, a link and its file). */
	if (c->out != NULL && c->plan_out != NULL && gp_same_file(c->out, c->plan_out)) {
		if (strcmp(c->out, c->plan_out) == 0)
			rc = usage_error("--out and --plan both name \"%s\"", c->out);
		else
			rc = usage_error("--out \"%s\" and --plan \"%s\" name the same file", c->out,
					 c->plan_out);
		goto out;
	}
	if (gp_platform_load(c->platform, p, &c->err) < 0)
		goto out;
	if (c->compat_with != NULL) {
		/* A tree as OLD: what it does not say is taken from the request. */
		struct gp_input_options oo = { .gic_version = c->req.gic_version,
					       .spis = c->req.spis };

		if (gp_input_load(c->compat_with, &oo, &old, &c->err) < 0 ||
		    gp_plan_reproduce(p, &c->req, &old, plan, &c->err) < 0 ||
		    gp_plan_compat(p, &c->req, old.path, plan, &c->err) < 0)
			goto out;
	} else if (gp_plan_make(p, &c->req, plan, &c->err) < 0) {
		goto out;
	}
	if (gp_emit_fdt(plan, &blob, &blob_len, &c->err) < 0)
		goto out;
	/* Verify the tree as written: parsed back from its bytes, not from the plan. */
	c->verify.ipa_bits = plan->ipa_bits;
	if (gp_input_from_plan(plan, blob, blob_len, &io, &in, &c->err) < 0 ||
	    gp_verify(&in.m, &in.v, &c->verify, vr, &c->err) < 0)
		goto out;
	take_assumptions(&in, vr);
	/*
	 * A plan that keeps OLD's ABI must say so by the same audit a user would
	 * run: one way (OLD's guest moves up), added vCPUs by the platform's rule.
	 */
	if (c->compat_with != NULL) {
		char from[GP_NAME_MAX + 16];

		snprintf(from, sizeof(from), "platform %s", p->name);
		if (gp_audit_with(&old, &in, &(struct gp_audit_options){ GP_AUDIT_ONE_WAY,
									 GIC_PROFILE_ARCH,
									 p->gic_state, from },
				  &audit, &c->err) < 0)
			goto out;
	}
	if (c->plan_out != NULL) {
		json_t *root = gp_plan_to_json(plan);

		plan_text = gp_json_dump(root, &plan_len);
		json_decref(root);
		if (plan_text == NULL) {
			gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
			goto out;
		}
	}
	/* The ACPI tables of a plan whose tree passed, proven as a guest's ACPI path reads them. */
	if (c->acpi_dir != NULL && !vr->failed && !audit.breaks && plan_acpi(c, plan, &acpi) < 0)
		goto out;
	/* A tree that fails its proof is not handed out. */
	if (!vr->failed && !audit.breaks) {
		struct gp_output outs[2 + GP_ACPI_TABLES_MAX] = {
			{ c->out, in.blob, in.blob_len }, { c->plan_out, plan_text, plan_len }
		};

		for (unsigned i = 0; i < acpi.n; i++)
			outs[2 + i] = (struct gp_output){ acpi.t[i].path, acpi.t[i].data,
							  acpi.t[i].len };
		if (gp_write_outputs(outs, 2 + acpi.n, &c->err) < 0)
			goto out;
		/* A tree or plan streamed to standard output is the output: no report after it. */
		if (streams_to_stdout(c))
			goto out;
	}
	if (c->quiet)
		goto verdict;
	if (c->format == FORMAT_JSON) {
		report = gp_report_json(plan, vr->failed || audit.breaks ? GP_RESULT_FAIL
									 : GP_RESULT_PASS);
		report_checks(c, vr, report);
		if (c->compat_with != NULL)
			json_object_set_new(report, "audit",
					    json_pack("{s:s,s:b,s:o}", "old", c->compat_with,
						      "compatible", !audit.breaks, "diffs",
						      gp_audit_json(audit_handle(&audit))));
		print_json(report);
	} else if (c->format == FORMAT_JUNIT) {
		struct gp_junit_suite s[3] = { 0 };
		size_t n = c->compat_with != NULL ? 3 : 2;
		int built = gp_junit_plan(plan, &s[0]) < 0 ||
					    gp_junit_verify(vr, NULL, c->out, c->verify.strict, &s[1]) < 0 ||
					    (n == 3 && gp_junit_audit(audit_handle(&audit), c->compat_with, "the plan",
								      &s[2]) < 0)
				    ? -1
				    : 0;

		if (print_junit(c, s, n, built) < 0)
			goto out;
	} else {
		gp_report_text(stdout, plan);
		report_checks(c, vr, NULL);
		if (c->compat_with != NULL) {
			printf("\naudit against %s: %zu differences, %s\n", c->compat_with, audit.n,
			       audit.breaks ? "some break live migration" : "none breaks live migration");
			gp_audit_text(stdout, audit_handle(&audit));
		}
		plan_closing_line(c, vr, &audit, in.blob_len, plan_len,
				  c->acpi_dir != NULL ? &acpi : NULL);
	}
verdict:
	if (vr->failed || audit.breaks) {
		fprintf(stderr, "gicplan: %s: nothing written\n",
			vr->failed ? "verification failed" : "the plan breaks migration from OLD");
		rc = GP_EXIT_CHECK;
	}
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	json_decref(report);
	if (in.blob == NULL)
		free(blob);
	gp_audit_free(&audit);
	gp_acpi_tables_free(&acpi);
	gp_input_free(&old);
	gp_input_free(&in);
	free(plan_text);
	free(vr);
	free(plan);
	free(p);
	return rc;
}
