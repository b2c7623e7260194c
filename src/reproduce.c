/* SPDX-License-Identifier: MIT */
#include "reproduce.h"

#include <inttypes.h>
#include <string.h>

#include "audit.h"
#include "emit_fdt.h"
#include "gic_regs.h"
#include "planner.h"

/* The plan a tree's VMM ran: the platform planned for exactly OLD's inputs. */
static int plan_of_tree(const struct gp_platform *p, const struct gp_request *req,
			const struct gp_input *old, struct gp_plan *plan, struct gp_error *err)
{
	struct gp_request r = *req;
	struct gp_input in;
	struct gp_audit a;
	void *blob;
	size_t len;
	int rc;

	r.cpus = old->v.nr_cpus;
	r.gic_version = old->v.version;
	r.its = old->v.has_its;
	r.spis = old->v.nr_irqs - GIC_NR_PRIVATE;
	r.virtualization = old->m.nr_maintenance > 0;
	if (old->m.nr_memory == 1 && old->m.memory[0].base == p->board.ram.base)
		r.ram_size = old->m.memory[0].size;
	if (gp_plan_make(p, &r, plan, err) < 0)
		return gp_error_wrap(err, GP_EXIT_INFEASIBLE, "--compat-with %s: platform '%s' "
				     "cannot plan OLD's %" PRIu64 " vCPUs", old->path, p->name, r.cpus);
	if (gp_emit_fdt(plan, &blob, &len, err) < 0)
		return -1;
	memset(&in, 0, sizeof(in));
	/* The input takes the blob over: gp_input_free frees it. */
	rc = gp_input_from_plan(plan, blob, len, &(struct gp_input_options){ 0 }, &in, err);
	if (rc == 0)
		rc = gp_audit(old, &in, &a, err);
	if (rc == 0) {
		if (a.n > 0)
			rc = gp_fail(err, GP_EXIT_INFEASIBLE,
				     "--compat-with %s: platform '%s' does not reproduce it: %s: %s "
				     "-> %s", old->path, p->name, a.diffs[0].what, a.diffs[0].old,
				     a.diffs[0].new);
		gp_audit_free(&a);
	}
	gp_input_free(&in);
	return rc;
}

int gp_plan_reproduce(const struct gp_platform *p, const struct gp_request *req,
		      const struct gp_input *old, struct gp_plan *plan, struct gp_error *err)
{
	struct gp_request r;

	if (old->is_plan) {
		*plan = *old->plan;
		return 0;
	}
	if (gp_request_resolve(p, req, &r, err) < 0)
		return -1;
	return plan_of_tree(p, &r, old, plan, err);
}
