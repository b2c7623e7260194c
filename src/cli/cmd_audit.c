/* SPDX-License-Identifier: MIT */
/* gicplan audit: can a guest move between two machines. */
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

int cmd_audit(struct cli *c)
{
	struct gp_input_options io = input_options(c);
	struct gp_input old, new;
	struct gp_audit a = { 0 };
	struct gp_audit_options ao = { c->audit_mode, c->verify.profile, c->vmm,
				       c->vmm == GP_GIC_STATE_VCPU_COUNT ? "--vmm qemu"
									: "--vmm generic" };
	static const char *const verdicts[][2] = {
		[GP_AUDIT_ROLLBACK] = { "COMPATIBLE: a guest from OLD can move to NEW and back",
					"INCOMPATIBLE: a guest from OLD cannot move to NEW and back" },
		[GP_AUDIT_ONE_WAY] = { "COMPATIBLE: NEW can receive a guest from OLD",
				       "INCOMPATIBLE: a guest running on OLD cannot move to NEW" },
		[GP_AUDIT_IDENTICAL] = { "IDENTICAL: a guest sees no difference",
					 "DIFFERENT: a guest can see a difference" },
	};
	int rc = GP_EXIT_OK;
	size_t breaking = 0;

	memset(&old, 0, sizeof(old));
	memset(&new, 0, sizeof(new));
	if (gp_input_load(c->args[0], &io, &old, &c->err) < 0 ||
	    gp_input_load(c->args[1], &io, &new, &c->err) < 0 ||
	    gp_input_pair(&old, &new, &io, &c->err) < 0 ||
	    gp_audit_with(&old, &new, &ao, &a, &c->err) < 0)
		goto out;
	for (size_t i = 0; i < a.n; i++)
		breaking += a.diffs[i].verdict == GP_VERDICT_BREAKS;
	if (c->quiet)
		goto verdict;
	if (c->format == FORMAT_JSON) {
		json_t *root = gp_report_envelope(GP_FORMAT_AUDIT, a.breaks ? GP_RESULT_INCOMPATIBLE
									    : GP_RESULT_COMPATIBLE);
		json_t *body = json_pack("{s:s,s:s,s:s,s:s,s:b,s:I,s:I,s:I,s:o}", "old", c->args[0],
					 "new", c->args[1], "mode", gp_audit_mode_name(a.mode),
					 "vcpu_rule", a.vmm_rule, "compatible", !a.breaks, "compared",
					 (json_int_t)a.compared, "differences", (json_int_t)a.n,
					 "breaking", (json_int_t)breaking, "diffs",
					 gp_audit_json(&a));

		json_object_update(root, body);
		json_decref(body);
		print_json(root);
		json_decref(root);
	} else if (c->format == FORMAT_JUNIT) {
		struct gp_junit_suite s = { 0 };

		if (print_junit(c, &s, 1, gp_junit_audit(&a, c->args[0], c->args[1], &s)) < 0)
			goto out;
	} else {
		printf("audit %s -> %s (%s): %" PRIu64 " values compared, %zu differ, %zu break "
		       "it\n", c->args[0], c->args[1], gp_audit_mode_name(a.mode), a.compared, a.n,
		       breaking);
		gp_audit_text(stdout, &a);
		printf("%s\n", verdicts[a.mode][a.breaks]);
	}
verdict:
	if (a.breaks)
		rc = GP_EXIT_CHECK;
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	gp_audit_free(&a);
	gp_input_free(&old);
	gp_input_free(&new);
	return rc;
}
