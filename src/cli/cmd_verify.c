/* SPDX-License-Identifier: MIT */
/* gicplan verify: prove a tree, a plan or ACPI tables. */
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

int cmd_verify(struct cli *c)
{
	struct gp_input_options io = input_options(c);
	struct gp_verify_result *vr = malloc(sizeof(*vr));
	struct gp_input in;
	int rc = GP_EXIT_OK;

	memset(&in, 0, sizeof(in));
	if (vr == NULL) {
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	if (gp_input_load(c->args[0], &io, &in, &c->err) < 0)
		goto out;
	c->verify.ipa_bits = in.ipa_bits;
	gp_vgic_set_qemu_machine(&in.v, c->verify.profile, c->verify.qemu_machine);
	if (gp_verify(&in.m, &in.v, &c->verify, vr, &c->err) < 0)
		goto out;
	take_assumptions(&in, vr);
	/* ACPI tables: their own checks too. */
	if (in.acpi != NULL && in.acpi->failed)
		vr->failed = true;
	if (c->quiet)
		goto verdict;
	if (c->format == FORMAT_JSON) {
		json_t *root = gp_report_envelope(GP_FORMAT_VERIFY,
						  vr->failed ? GP_RESULT_FAIL : GP_RESULT_PASS);

		json_object_set_new(root, "file", json_string(c->args[0]));
		json_object_set_new(root, "plan", json_boolean(in.is_plan));
		json_object_set_new(root, "cpus", json_integer((json_int_t)in.m.nr_cpus));
		json_object_set_new(root, "redist_region_count", json_integer(in.m.nr_redist));
		json_object_set_new(root, "ipa_bits", json_integer(in.ipa_bits));
		report_checks(c, vr, root);
		if (in.acpi != NULL)
			gp_acpi_checks_json(json_object_get(root, "checks"), in.acpi);
		print_json(root);
		json_decref(root);
	} else if (c->format == FORMAT_JUNIT) {
		struct gp_junit_suite s = { 0 };

		if (print_junit(c, &s, 1, gp_junit_verify(vr, in.acpi, c->args[0], c->verify.strict, &s)) < 0)
			goto out;
	} else {
		printf("%s: %s, %" PRIu64 " cpus, %" PRIu32 " redistributor region%s, %u-bit IPA\n",
		       c->args[0], in.is_plan ? "plan" : in.acpi != NULL ? "ACPI tables" : "device tree",
		       in.m.nr_cpus, in.m.nr_redist, in.m.nr_redist == 1 ? "" : "s", in.ipa_bits);
		report_checks(c, vr, NULL);
		if (in.acpi != NULL)
			gp_acpi_checks_text(stdout, in.acpi);
		printf("%s\n", vr->failed ? "FAIL" : "PASS");
	}
verdict:
	if (vr->failed)
		rc = GP_EXIT_CHECK;
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	gp_input_free(&in);
	free(vr);
	return rc;
}
