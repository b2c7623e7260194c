/* SPDX-License-Identifier: MIT */
/*
 * The floor gicplan's emitter is measured against: the least a tree for N
 * vCPUs must contain (the cpu nodes and the GIC node), written with libfdt's
 * sequential writer and nothing else.
 */
#ifndef GP_BENCH_FLOOR_H
#define GP_BENCH_FLOOR_H

#include <stddef.h>
#include <stdint.h>

/*
 * Write the floor tree for @cpus vCPUs (Aff0 groups of 16) with one
 * redistributor region. Returns the blob (free() it) and its size, or NULL.
 */
void *gp_floor_tree(uint64_t cpus, size_t *len);

#endif
