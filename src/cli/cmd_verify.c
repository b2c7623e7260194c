/* SPDX-License-Identifier: MIT */
/* gicplan verify: prove a tree, a plan or ACPI tables. */
#include "cli.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "gicplan.h"
#include "junit.h"
#include "render_verify.h"
#include "report.h"

/* What a file is, in the text report's first line. */
static const char *kind_name(int kind)
{
	return kind == GICPLAN_INPUT_PLAN ? "plan"
	       : kind == GICPLAN_INPUT_ACPI ? "ACPI tables" : "device tree";
}

int cmd_verify(struct cli *c)
{
	/* What a tree does not say, from the request's options. */
	struct gicplan_input_options io = input_options(c);
	struct gicplan_input *in = NULL;
	struct gicplan_report *r = NULL;
	struct gicplan_input_info info;
	struct gicplan_error e;
	int rc = CLI_EXIT_OK, failed, got;

	if (gicplan_input_load(c->args[0], &io, &in, &e) < 0 ||
	    gicplan_input_info(in, &info, &e) < 0) {
		cli_pass(c, &e);
		goto out;
	}
	/* A failing check is the report's verdict, not an error. */
	got = gicplan_verify(in, &c->verify, &r, &e);
	if (got < 0 && got != GICPLAN_E_CHECK) {
		cli_pass(c, &e);
		goto out;
	}
	failed = gicplan_report_failed(r);
	if (c->quiet)
		goto verdict;
	if (c->format == FORMAT_JSON) {
		json_t *root = gp_report_envelope(GP_FORMAT_VERIFY,
						  failed ? GP_RESULT_FAIL : GP_RESULT_PASS);

		json_object_set_new(root, "file", json_string(c->args[0]));
		json_object_set_new(root, "plan", json_boolean(info.kind == GICPLAN_INPUT_PLAN));
		json_object_set_new(root, "cpus", json_integer((json_int_t)info.cpus));
		json_object_set_new(root, "redist_region_count",
				    json_integer(info.nr_redist_regions));
		json_object_set_new(root, "ipa_bits", json_integer(info.ipa_bits));
		report_checks(c, r, root);
		gp_acpi_checks_json(json_object_get(root, "checks"), in);
		print_json(root);
		json_decref(root);
	} else if (c->format == FORMAT_JUNIT) {
		struct gp_junit_suite s = { 0 };

		if (print_junit(c, &s, 1, gp_junit_verify(r, in, c->args[0], c->verify.strict,
							  &s)) < 0)
			goto out;
	} else {
		printf("%s: %s, %" PRIu64 " cpus, %" PRIu32 " redistributor region%s, %u-bit IPA\n",
		       c->args[0], kind_name(info.kind), info.cpus, info.nr_redist_regions,
		       info.nr_redist_regions == 1 ? "" : "s", info.ipa_bits);
		report_checks(c, r, NULL);
		gp_acpi_checks_text(stdout, in);
		printf("%s\n", failed ? "FAIL" : "PASS");
	}
verdict:
	if (failed)
		rc = CLI_EXIT_CHECK;
out:
	if (cli_failed(c))
		rc = report_error(c);
	gicplan_report_free(r);
	gicplan_input_free(in);
	return rc;
}
