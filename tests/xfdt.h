/* SPDX-License-Identifier: MIT */
/*
 * Trees under test, with libfdt: finding nodes (each fails the test when the
 * node is missing), reading and writing cells, writable copies.
 */
#ifndef GP_TEST_XFDT_H
#define GP_TEST_XFDT_H

#include <libfdt.h>
#include <stddef.h>
#include <stdint.h>

/* The first node compatible with @compat. */
int x_node_compatible(const void *fdt, const char *compat);

/* The GICv3 node ("arm,gic-v3") and its ITS child ("arm,gic-v3-its"). */
int x_gic_node(const void *fdt);
int x_its_node(const void *fdt);

/* The @i-th node under /cpus whose device_type is "cpu". */
int x_cpu_node(const void *fdt, uint64_t i);

/* The number held in the @n big-endian cells at @p (@n of 1 or 2). */
uint64_t x_cells(const fdt32_t *p, int n);

/* @v written into the @n cells at @p. */
void x_put_cells(fdt32_t *p, int n, uint64_t v);

/* The one-cell property @name of @node; fails the test when it is missing or not one cell. */
uint32_t x_prop_u32(const void *fdt, int node, const char *name);

/* A malloc'd read-write copy of tree @blob with @room bytes to grow. */
void *x_fdt_writable(const void *blob, size_t room);

#endif
