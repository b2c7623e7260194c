/* SPDX-License-Identifier: MIT */
/*
 * libgicplan's audits in detail (include/gicplan.h, "Audits in detail"): the
 * VMM's rule for migrated GIC state, an audit's mode, rule and counts, and the
 * names its reports use.
 */
#include "gicplan.h"

#include <stddef.h>
#include <string.h>

#include "api.h"
#include "audit.h"
#include "layout.h"

_Static_assert(GICPLAN_VMM_UNKNOWN == (int)GP_GIC_STATE_UNKNOWN &&
		       GICPLAN_VMM_VCPU_COUNT == (int)GP_GIC_STATE_VCPU_COUNT &&
		       GICPLAN_VMM_MAX_CPUS == (int)GP_GIC_STATE_MAX_CPUS, "VMM rules");
_Static_assert(GICPLAN_VERDICT_COMPATIBLE == (int)GP_VERDICT_COMPATIBLE &&
		       GICPLAN_VERDICT_BREAKS == (int)GP_VERDICT_BREAKS, "verdicts");
/* A difference's and an audit's texts pass whole, as the command line prints them. */
#define FITS(pub, pub_field, in, in_field) \
	(sizeof(((struct pub *)NULL)->pub_field) >= sizeof(((struct in *)NULL)->in_field))
_Static_assert(FITS(gicplan_diff, what, gp_diff, what) &&
		       FITS(gicplan_diff, old_value, gp_diff, old) &&
		       FITS(gicplan_diff, new_value, gp_diff, new) &&
		       FITS(gicplan_diff, why, gp_diff, why) &&
		       FITS(gicplan_audit_info, vmm_rule, gp_audit, vmm_rule),
	       "audit texts");
#undef FITS

void gicplan_audit_options_init(struct gicplan_audit_options *o)
{
	if (o == NULL)
		return;
	memset(o, 0, sizeof(*o));
	o->mode = GICPLAN_AUDIT_ROLLBACK;
	o->profile = GICPLAN_PROFILE_ARCH;
	o->vmm = GICPLAN_VMM_UNKNOWN;
	o->vmm_from = NULL;
}

int gicplan_platform_vmm(const struct gicplan_platform *p)
{
	return p != NULL ? (int)p->p.gic_state : GICPLAN_VMM_UNKNOWN;
}

int gicplan_audit_info(const struct gicplan_audit *a, struct gicplan_audit_info *out,
		       struct gicplan_error *err)
{
	if (a == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_audit_info: NULL argument");
	memset(out, 0, sizeof(*out));
	out->mode = (int)a->a.mode;
	api_copy_str(out->vmm_rule, sizeof(out->vmm_rule), a->a.vmm_rule);
	out->compared = a->a.compared;
	out->differences = a->a.n;
	for (size_t i = 0; i < a->a.n; i++)
		out->breaking += a->a.diffs[i].verdict == GP_VERDICT_BREAKS;
	out->breaks = a->a.breaks;
	return api_ok(err);
}

const char *gicplan_audit_mode_name(int mode)
{
	if (mode < GICPLAN_AUDIT_ROLLBACK || mode > GICPLAN_AUDIT_IDENTICAL)
		return "unknown";
	return gp_audit_mode_name((enum gp_audit_mode)mode);
}

const char *gicplan_verdict_name(int verdict)
{
	if (verdict != GICPLAN_VERDICT_COMPATIBLE && verdict != GICPLAN_VERDICT_BREAKS)
		return "unknown";
	return gp_verdict_name((enum gp_verdict)verdict);
}

const char *gicplan_breaks_name(unsigned breaks)
{
	return gp_audit_breaks_name(breaks);
}
