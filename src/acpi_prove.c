/* SPDX-License-Identifier: MIT */
#include "acpi_prove.h"

#include <stdlib.h>

#include "acpi_read.h"
#include "machine.h"
#include "vgic.h"

int gp_acpi_prove(const struct gp_plan *plan, const struct gp_acpi_tables *t,
		  const struct gp_verify_options *o, struct gp_error *err)
{
	struct gp_acpi_blob b[GP_ACPI_TABLES_MAX];
	struct gp_verify_options vo = *o;
	struct gp_verify_result *vr = malloc(sizeof(*vr));
	struct gp_acpi_result *r = calloc(1, sizeof(*r));
	struct gp_machine m = { 0 };
	struct gp_vgic v = { 0 };
	int rc = -1;

	if (vr == NULL || r == NULL) {
		gp_fail(err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	for (unsigned i = 0; i < t->n; i++)
		b[i] = (struct gp_acpi_blob){ t->t[i].path[0] ? t->t[i].path : t->t[i].file,
					      t->t[i].data, t->t[i].len };
	vo.ipa_bits = plan->ipa_bits;
	if (gp_acpi_read(&b[0], t->n > 1 ? &b[1] : NULL, &m, r, err) < 0 ||
	    gp_vgic_from_plan(plan, &v, err) < 0 || gp_verify(&m, &v, &vo, vr, err) < 0)
		goto out;
	gp_acpi_check(&v, b[0].data, b[0].len, t->n > 1 ? b[1].data : NULL,
		      t->n > 1 ? b[1].len : 0, r);
	rc = 0;
	for (int i = 0; i < GP_CHECKS && rc == 0; i++)
		if (vr->checks[i].status == GP_CHECK_FAIL ||
		    (vo.strict && vr->checks[i].status == GP_CHECK_WARN))
			rc = gp_fail(err, GP_EXIT_CHECK, "--acpi: %s fails %s: %s", b[0].source,
				     vr->checks[i].name, vr->checks[i].detail);
	for (int i = 0; i < GP_ACPI_CHECKS && rc == 0; i++)
		if (r->checks[i].status == GP_CHECK_FAIL)
			rc = gp_fail(err, GP_EXIT_CHECK, "--acpi: %s fails %s: %s", b[0].source,
				     r->checks[i].name, r->checks[i].detail);
out:
	gp_machine_free(&m);
	gp_vgic_free(&v);
	free(vr);
	free(r);
	return rc;
}
