/* SPDX-License-Identifier: MIT */
#include "xpublic.h"

#include <check.h>

struct gicplan_plan *x_public_plan(uint64_t cpus, unsigned gic_version, int its)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_plan *plan = NULL;
	struct gicplan_request req;
	struct gicplan_error err;

	ck_assert_int_eq(gicplan_platform_load("virt", &p, &err), GICPLAN_OK);
	gicplan_request_init(&req);
	req.max_cpus = cpus;
	req.gic_version = gic_version;
	req.its = its;
	ck_assert_msg(gicplan_plan_make(p, &req, &plan, &err) == GICPLAN_OK, "%s", err.message);
	ck_assert_int_eq(err.code, GICPLAN_OK);
	gicplan_platform_free(p);
	return plan;
}
