/* SPDX-License-Identifier: MIT */
#include "tiers.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "emit_fdt.h"
#include "input.h"
#include "planner.h"

void gp_tier_range(const struct gp_platform *p, uint32_t i, const struct gp_fit *fit,
		   uint64_t *lo, uint64_t *hi)
{
	uint64_t before = 0, limit = gp_mpidr_capacity(&p->board);

	if (p->max_cpus != 0 && p->max_cpus < limit)
		limit = p->max_cpus;
	if (fit->its && GP_ITS_TARGETS_MAX < limit)
		limit = GP_ITS_TARGETS_MAX;
	for (uint32_t k = 0; k < i; k++) {
		uint64_t cap = gp_placement_capacity(&p->placements[k], fit);

		if (cap > before)
			before = cap;
	}
	*lo = before < limit ? before + 1 : limit + 1;
	*hi = gp_placement_capacity(&p->placements[i], fit);
	if (*hi > limit)
		*hi = limit;
}

/* Append @text to @buf (@cap bytes), cut short rather than overflowing. */
static void append(char *buf, size_t cap, const char *text)
{
	size_t len = strlen(buf);

	snprintf(buf + len, cap - len, "%s", text);
}

/*
 * Why the audit @a gives its verdict, in one line: the first difference that
 * breaks migration; or, when none does, what the new machine only adds.
 */
static void audit_reason(const struct gp_audit *a, char *buf, size_t cap)
{
	char item[sizeof(((struct gp_diff *)0)->what) * 6];
	bool only_added = true, any = false;

	buf[0] = '\0';
	for (size_t i = 0; i < a->n; i++) {
		const struct gp_diff *d = &a->diffs[i];

		if (d->verdict == GP_VERDICT_BREAKS) {
			snprintf(buf, cap, "%s: %s -> %s: %s", d->what, d->old, d->new, d->why);
			return;
		}
	}
	/* Added vCPUs are what every crossing adds: named only when nothing else differs. */
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->diffs[i].what, "vCPUs") != 0 && strcmp(a->diffs[i].old, "none") != 0)
			only_added = false;
	append(buf, cap, only_added ? "only adds " : "compatible differences: ");
	for (size_t i = 0; i < a->n; i++) {
		const struct gp_diff *d = &a->diffs[i];

		if (strcmp(d->what, "vCPUs") == 0)
			continue;
		if (only_added)
			snprintf(item, sizeof(item), "%s%s (%s)", any ? ", " : "", d->what, d->new);
		else
			snprintf(item, sizeof(item), "%s%s %s -> %s (%s)", any ? "; " : "", d->what,
				 d->old, d->new, d->why);
		append(buf, cap, item);
		any = true;
	}
	if (!any)
		append(buf, cap, "vCPUs");
}

/*
 * Plan @cpus vCPUs of @req on @p as `gicplan --cpus` would, and read its tree
 * back into @in as `gicplan audit` reads a plan file.
 */
static int plan_input(const struct gp_platform *p, const struct gp_request *req, uint64_t cpus,
		      struct gp_plan *plan, struct gp_input *in, struct gp_error *err)
{
	struct gp_request r = *req;
	void *blob;
	size_t len;

	r.cpus = cpus;
	if (gp_plan_make(p, &r, plan, err) < 0 || gp_emit_fdt(plan, &blob, &len, err) < 0)
		return -1;
	/* The input takes the blob over: gp_input_free frees it. */
	return gp_input_from_plan(plan, blob, len, &(struct gp_input_options){ 0 }, in, err);
}

/*
 * Audit the crossing into @t: lo - 1 vCPUs on the placement before, lo on
 * @t's, one way (a guest moves up a tier), added vCPUs judged by the rule of
 * the platform's VMM (its migration_gic_state; strict when it says none).
 */
static int audit_crossing(const struct gp_platform *p, const struct gp_request *req,
			  struct gp_tier *t, struct gp_error *err)
{
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_input old, new;
	struct gp_audit a = { 0 };
	struct gp_error perr;
	char from[GP_NAME_MAX + 16];

	memset(&old, 0, sizeof(old));
	memset(&new, 0, sizeof(new));
	if (plan == NULL)
		return gp_fail(err, GP_EXIT_USAGE, "out of memory");
	snprintf(from, sizeof(from), "platform %s", p->name);
	gp_error_init(&perr);
	if (plan_input(p, req, t->lo - 1, plan, &old, &perr) < 0 ||
	    plan_input(p, req, t->lo, plan, &new, &perr) < 0 ||
	    gp_audit_with(&old, &new, &(struct gp_audit_options){ GP_AUDIT_ONE_WAY,
								    GIC_PROFILE_ARCH, p->gic_state,
								    from },
			  &a, &perr) < 0) {
		/* What the planner refuses at the crossing is the reason, not a failure of tiers. */
		snprintf(t->reason, sizeof(t->reason), "the planner refuses it: %s", perr.msg);
	} else {
		t->audited = true;
		t->breaks = a.breaks;
		audit_reason(&a, t->reason, sizeof(t->reason));
	}
	gp_audit_free(&a);
	gp_input_free(&old);
	gp_input_free(&new);
	free(plan);
	return 0;
}

int gp_tiers(const struct gp_platform *p, const struct gp_request *req, struct gp_tier *out,
	     struct gp_error *err)
{
	struct gp_fit fit = { gp_redist_size(req->gic_version), req->ipa_bits, req->its > 0 };
	const struct gp_placement *prev = NULL;

	for (uint32_t i = 0; i < p->nr_placements; i++) {
		struct gp_tier *t = &out[i];

		memset(t, 0, sizeof(*t));
		t->pl = &p->placements[i];
		t->capacity = gp_placement_capacity(t->pl, &fit);
		gp_tier_range(p, i, &fit, &t->lo, &t->hi);
		gp_placement_limit(t->pl, &fit, t->limit, sizeof(t->limit));
		if (t->hi < t->lo)
			continue;
		/* Chosen after another placement: the GIC, and maybe devices, move. */
		if (prev != NULL) {
			t->crossing = true;
			t->nr_moved = gp_placement_moves(p, prev, t->pl, t->moved, sizeof(t->moved));
			if (audit_crossing(p, req, t, err) < 0)
				return -1;
		}
		prev = t->pl;
	}
	return 0;
}
