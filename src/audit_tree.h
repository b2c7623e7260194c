/* SPDX-License-Identifier: MIT */
/*
 * audit's pass over the raw trees: every property of every available node
 * (status "okay", "ok" or none, and so its ancestors) that the machine
 * comparison did not already judge, by rules, with a catch-all: a difference
 * no rule knows breaks and says it is unclassified. Nodes switched on or off
 * count as added or removed; phandles are compared by the node they name;
 * /cpus/cpu-map by where each vCPU both sides have sits in the topology.
 */
#ifndef GP_AUDIT_TREE_H
#define GP_AUDIT_TREE_H

#include <stddef.h>

#include "audit.h"

/*
 * Compare the trees of @old and @new into @a. Devices @pair_old[i] (of
 * old->m) and @pair_new[i] (of new->m) are the same device, matched by what
 * they are; devices only one side has were judged already and are skipped.
 * Returns 0, or -1 with @err set (out of memory).
 */
int gp_audit_tree(const struct gp_input *old, const struct gp_input *new, const size_t *pair_old,
		  const size_t *pair_new, size_t nr_pairs, struct gp_audit *a,
		  struct gp_error *err);

#endif
