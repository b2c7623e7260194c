/* SPDX-License-Identifier: MIT */
/*
 * Plan -> device tree blob: a complete tree a Linux guest boots from, one
 * function per node, written with libfdt's sequential writer.
 */
#ifndef GP_EMIT_FDT_H
#define GP_EMIT_FDT_H

#include <stddef.h>

#include "error.h"
#include "plan.h"

/* Phandles are fixed, so that the same plan always gives the same bytes. */
enum gp_phandle {
	GP_PHANDLE_GIC = 1,
	GP_PHANDLE_ITS = 2,
	GP_PHANDLE_APB_CLOCK = 3,
	GP_PHANDLE_GPIO = 4,     /* the k-th pl061 is GP_PHANDLE_GPIO + k (k < GP_DEVICES_MAX) */
	GP_PHANDLE_CPU0 = 0x100, /* cpu i is GP_PHANDLE_CPU0 + i, when a cpu-map refers to it */
};

/*
 * Write the device tree of @plan into a new buffer (*@blob of *@len bytes;
 * free() it). Same plan, same bytes. Errors: exit 3 when the tree would pass
 * libfdt's 2 GiB limit (say for how many vCPUs), exit 2 when out of memory.
 */
int gp_emit_fdt(const struct gp_plan *plan, void **blob, size_t *len, struct gp_error *err);

/* An upper bound of the bytes gp_emit_fdt writes for @plan, or 0 past 2^64. */
uint64_t gp_emit_fdt_size_bound(const struct gp_plan *plan);

#endif
