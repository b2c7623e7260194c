/* SPDX-License-Identifier: MIT */
/*
 * The tiers of a platform: each placement, the vCPU counts the planner
 * chooses it for, and at each crossing from one chosen placement to the next
 * what moves and whether a running guest can migrate across it. That verdict
 * is the audit's, of the two plans at the crossing (one vCPU below it on the
 * placement before, and at it on the next), exactly as `gicplan audit
 * --one-way` gives it for the two plans a user would make, added vCPUs judged
 * by the platform's VMM rule (migration_gic_state, as `--vmm`).
 */
#ifndef GP_TIERS_H
#define GP_TIERS_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "layout.h"

struct gp_tier {
	const struct gp_placement *pl;
	uint64_t capacity;          /* redistributors the placement holds */
	uint64_t lo, hi;            /* chosen for lo..hi vCPUs; hi < lo: never chosen */
	char limit[GP_TEXT_MAX];    /* what ends above the IPA, or stops a growing window; "" */
	bool crossing;              /* chosen after another placement: lo - 1 -> lo */
	char moved[GP_TEXT_MAX * 2]; /* the regions that move at the crossing ("gicd, uart") */
	size_t nr_moved;
	bool audited;               /* both plans at the crossing were made and audited */
	bool breaks;                /* the audit: a guest on lo - 1 vCPUs cannot move to lo */
	char reason[GP_ERROR_MSG_MAX + 32]; /* the first breaking difference, or what is added */
};

/*
 * The vCPU counts placement @i of @p is chosen for with @fit: (*@lo, *@hi),
 * *@hi being what it holds up to the platform's and the MPIDRs' caps, *@lo one
 * above what the placements before it hold. *@hi < *@lo: never chosen.
 */
void gp_tier_range(const struct gp_platform *p, uint32_t i, const struct gp_fit *fit,
		   uint64_t *lo, uint64_t *hi);

/*
 * The tiers of @p for @req (its gic_version, its and ipa_bits resolved; the
 * rest the platform's defaults) into @out, one per placement. Each crossing
 * is audited; a crossing the planner cannot plan on both sides is left
 * unaudited with the planner's error as its reason. Returns 0, or -1 with @err
 * set (out of memory).
 */
int gp_tiers(const struct gp_platform *p, const struct gp_request *req, struct gp_tier *out,
	     struct gp_error *err);

#endif
