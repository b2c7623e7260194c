/* SPDX-License-Identifier: MIT */
/*
 * Plans that keep an old ABI (--compat-with OLD): a new machine with more
 * vCPUs, or an added ITS, that keeps every address, MPIDR and interrupt of
 * OLD where it was and places only what is new: redistributors for the added
 * vCPUs in room OLD's last region already described, then in added regions
 * carved from the platform's free windows, the way QEMU added its second
 * redistributor region.
 */
#ifndef GP_COMPAT_H
#define GP_COMPAT_H

#include "error.h"
#include "input.h"
#include "layout.h"

/*
 * Plan @req on @p keeping @old (a plan, or a tree the platform reproduces).
 * Errors: exit 3 naming the constraint that blocks it (a guest-visible value
 * the request changes, a tree the platform does not reproduce, no free window
 * for the added redistributors); exit 2 for a request @p cannot take at all.
 */
int gp_plan_compat(const struct gp_platform *p, const struct gp_request *req,
		   const struct gp_input *old, struct gp_plan *plan, struct gp_error *err);

#endif
