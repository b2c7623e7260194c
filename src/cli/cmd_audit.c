/* SPDX-License-Identifier: MIT */
/* gicplan audit: can a guest move between two machines. */
#include "cli.h"

#include <inttypes.h>
#include <stdio.h>

#include "gicplan.h"
#include "junit.h"
#include "render_audit.h"
#include "report.h"

int cmd_audit(struct cli *c)
{
	struct gicplan_input_options io = input_options(c);
	struct gicplan_input *old = NULL, *new = NULL;
	struct gicplan_audit *a = NULL;
	struct gicplan_audit_options ao;
	struct gicplan_audit_info info;
	struct gicplan_error e = { 0 };
	static const char *const verdicts[][2] = {
		[GICPLAN_AUDIT_ROLLBACK] = { "COMPATIBLE: a guest from OLD can move to NEW and back",
					     "INCOMPATIBLE: a guest from OLD cannot move to NEW and back" },
		[GICPLAN_AUDIT_ONE_WAY] = { "COMPATIBLE: NEW can receive a guest from OLD",
					    "INCOMPATIBLE: a guest running on OLD cannot move to NEW" },
		[GICPLAN_AUDIT_IDENTICAL] = { "IDENTICAL: a guest sees no difference",
					      "DIFFERENT: a guest can see a difference" },
	};
	int rc = CLI_EXIT_OK;

	gicplan_audit_options_init(&ao);
	ao.mode = c->audit_mode;
	ao.profile = c->verify.profile;
	ao.vmm = c->vmm;
	ao.vmm_from = ao.vmm == GICPLAN_VMM_VCPU_COUNT ? "--vmm qemu" : "--vmm generic";
	/* Both are loaded before gicplan_audit pairs them: a load error comes first. */
	if (gicplan_input_load(c->args[0], &io, &old, &e) < 0 ||
	    gicplan_input_load(c->args[1], &io, &new, &e) < 0)
		goto failed;
	/* GICPLAN_E_CHECK: a difference breaks, the report below says which. */
	if (gicplan_audit(old, new, &ao, &a, &e) < 0 && a == NULL)
		goto failed;
	gicplan_audit_info(a, &info, NULL);
	if (c->quiet)
		goto verdict;
	if (c->format == FORMAT_JSON) {
		json_t *root = gp_report_envelope(GP_FORMAT_AUDIT, info.breaks ? GP_RESULT_INCOMPATIBLE
									       : GP_RESULT_COMPATIBLE);
		json_t *body = json_pack("{s:s,s:s,s:s,s:s,s:b,s:I,s:I,s:I,s:o}", "old", c->args[0],
					 "new", c->args[1], "mode", gicplan_audit_mode_name(info.mode),
					 "vcpu_rule", info.vmm_rule, "compatible", !info.breaks,
					 "compared", (json_int_t)info.compared, "differences",
					 (json_int_t)info.differences, "breaking",
					 (json_int_t)info.breaking, "diffs", gp_audit_json(a));

		json_object_update(root, body);
		json_decref(body);
		print_json(root);
		json_decref(root);
	} else if (c->format == FORMAT_JUNIT) {
		struct gp_junit_suite s = { 0 };

		if (print_junit(c, &s, 1, gp_junit_audit(a, c->args[0], c->args[1], &s)) < 0)
			goto out;
	} else {
		printf("audit %s -> %s (%s): %" PRIu64 " values compared, %zu differ, %zu break "
		       "it\n", c->args[0], c->args[1], gicplan_audit_mode_name(info.mode),
		       info.compared, info.differences, info.breaking);
		gp_audit_text(stdout, a);
		printf("%s\n", verdicts[info.mode][info.breaks]);
	}
verdict:
	if (info.breaks)
		rc = CLI_EXIT_CHECK;
	goto out;
failed:
	cli_pass(c, &e);
out:
	if (cli_failed(c))
		rc = report_error(c);
	gicplan_audit_free(a);
	gicplan_input_free(old);
	gicplan_input_free(new);
	return rc;
}
