/* SPDX-License-Identifier: MIT */
#include "xplan.h"

#include <check.h>
#include <inttypes.h>
#include <stdlib.h>

#include "emit_fdt.h"

struct gp_platform *x_platform(const char *name_or_path)
{
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_error err;

	ck_assert_ptr_nonnull(p);
	gp_error_init(&err);
	ck_assert_msg(gp_platform_load(name_or_path, p, &err) == 0, "%s: %s", name_or_path,
		      err.msg);
	return p;
}

struct gp_plan *x_plan(const struct gp_platform *p, const struct gp_request *r)
{
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_error err;

	ck_assert_ptr_nonnull(plan);
	gp_error_init(&err);
	ck_assert_msg(gp_plan_make(p, r, plan, &err) == 0, "%s: %" PRIu64 " vCPUs: %s", p->name,
		      r->cpus, err.msg);
	return plan;
}

void *x_emit(const struct gp_plan *plan, size_t *len)
{
	struct gp_error err;
	void *blob = NULL;

	gp_error_init(&err);
	ck_assert_msg(gp_emit_fdt(plan, &blob, len, &err) == 0, "emit: %s", err.msg);
	return blob;
}

void *x_plan_tree(const char *name_or_path, struct gp_request r, struct gp_plan **plan,
		  size_t *len)
{
	struct gp_platform *p = x_platform(name_or_path);

	*plan = x_plan(p, &r);
	free(p);
	return x_emit(*plan, len);
}
