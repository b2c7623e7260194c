/* SPDX-License-Identifier: MIT */
/*
 * gicplan's own pipeline (platform, plan, tree) for tests whose input is a
 * plan or its tree; each step fails the test on an error. Everything returned
 * is malloc'd: free() it.
 */
#ifndef GP_TEST_XPLAN_H
#define GP_TEST_XPLAN_H

#include <stddef.h>

#include "planner.h"
#include "platform.h"

/* The bundled platform @name_or_path, or the layout file at that path. */
struct gp_platform *x_platform(const char *name_or_path);

/* @r planned on @p. */
struct gp_plan *x_plan(const struct gp_platform *p, const struct gp_request *r);

/* @plan's tree, of *@len bytes. */
void *x_emit(const struct gp_plan *plan, size_t *len);

/* @r planned on @name_or_path (its plan in *@plan) and emitted: the tree, of *@len bytes. */
void *x_plan_tree(const char *name_or_path, struct gp_request r, struct gp_plan **plan,
		  size_t *len);

#endif
