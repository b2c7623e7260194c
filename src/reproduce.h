/* SPDX-License-Identifier: MIT */
/*
 * OLD's plan for --compat-with: a plan file's own; for a tree, the plan the
 * platform makes for exactly the tree's inputs (its vCPUs, GIC version, ITS,
 * SPIs, EL2 and RAM), emitted, read back and audited against the tree. The
 * platform reproduces the tree only when the audit finds no difference.
 */
#ifndef GP_REPRODUCE_H
#define GP_REPRODUCE_H

#include "error.h"
#include "input.h"
#include "layout.h"

/*
 * The plan of @old on @p into @plan, for gp_plan_compat; @req gives what a
 * tree does not say (the IPA size, and RAM unless the tree has one memory node
 * at the board's RAM base). Errors: exit 2 for a request @p cannot take at
 * all; exit 3 when @p cannot plan OLD's inputs or does not reproduce the tree
 * (the first difference named).
 */
int gp_plan_reproduce(const struct gp_platform *p, const struct gp_request *req,
		      const struct gp_input *old, struct gp_plan *plan, struct gp_error *err);

#endif
