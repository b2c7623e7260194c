/* SPDX-License-Identifier: MIT */
/*
 * Plans that keep an old ABI (--compat-with OLD): a new machine with more
 * vCPUs, or an added ITS, that keeps every address, MPIDR and interrupt of
 * OLD where it was and places only what is new: redistributors for the added
 * vCPUs in room OLD's last region already described, then in added regions
 * carved from the platform's free windows, the way QEMU added its second
 * redistributor region. OLD comes as its plan (reproduce.h makes it from a
 * plan file or a tree).
 */
#ifndef GP_COMPAT_H
#define GP_COMPAT_H

#include "error.h"
#include "layout.h"

/*
 * Plan @req on @p keeping OLD, whose plan @plan holds on entry; @old_path
 * names OLD in messages. On success @plan is the new plan.
 * Errors: exit 3 naming the constraint that blocks it (a guest-visible value
 * the request changes, no free window for the added redistributors); exit 2
 * for a request @p cannot take at all, or an OLD planned on another platform.
 */
int gp_plan_compat(const struct gp_platform *p, const struct gp_request *req,
		   const char *old_path, struct gp_plan *plan, struct gp_error *err);

#endif
