/* SPDX-License-Identifier: MIT */
/*
 * The planner: the first placement of a platform that holds max_cpus under the
 * constraints (IPA size, the VMM's cap, MPIDR space), and why.
 */
#ifndef GP_PLANNER_H
#define GP_PLANNER_H

#include "error.h"
#include "layout.h"

/*
 * Plan @req on @p into @plan: resolve defaults, try the placements in order,
 * place the first that holds every vCPU. plan->why says what each placement
 * before it holds. Errors: exit 2 for a request the platform cannot take at all
 * (bad GIC version, SPI count); exit 3 when no placement holds it, saying what
 * the request needs and what the best placement offers.
 */
int gp_plan_make(const struct gp_platform *p, const struct gp_request *req, struct gp_plan *plan,
		 struct gp_error *err);

/*
 * The smallest IPA size (in bits, up to GP_IPA_BITS_MAX) at which placement @pl
 * holds @cpus redistributors for @fit (whose ipa_bits is ignored); 0 when none does.
 */
unsigned gp_placement_min_ipa_bits(const struct gp_placement *pl, const struct gp_fit *fit,
				   uint64_t cpus);

#endif
