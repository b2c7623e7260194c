/* SPDX-License-Identifier: MIT */
#include "xfdt.h"

#include <check.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

int x_node_compatible(const void *fdt, const char *compat)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, compat);

	ck_assert_msg(node >= 0, "no %s node: %s", compat, fdt_strerror(node));
	return node;
}

int x_gic_node(const void *fdt)
{
	return x_node_compatible(fdt, "arm,gic-v3");
}

int x_its_node(const void *fdt)
{
	return x_node_compatible(fdt, "arm,gic-v3-its");
}

int x_cpu_node(const void *fdt, uint64_t i)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node;
	uint64_t left = i;

	ck_assert_msg(cpus >= 0, "no /cpus: %s", fdt_strerror(cpus));
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);

		if (type != NULL && strcmp(type, "cpu") == 0 && left-- == 0)
			return node;
	}
	ck_abort_msg("no cpu node %" PRIu64, i);
	return -1;
}

uint64_t x_cells(const fdt32_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

void x_put_cells(fdt32_t *p, int n, uint64_t v)
{
	for (int i = n - 1; i >= 0; i--, v >>= 32)
		p[i] = cpu_to_fdt32((uint32_t)v);
}

uint32_t x_prop_u32(const void *fdt, int node, const char *name)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	ck_assert_msg(p != NULL && len == 4, "%s: %s is not one cell (%d)",
		      fdt_get_name(fdt, node, NULL), name, len);
	return fdt32_to_cpu(*p);
}

void *x_fdt_writable(const void *blob, size_t room)
{
	size_t cap = fdt_totalsize(blob) + room;
	void *t = malloc(cap);

	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(fdt_open_into(blob, t, (int)cap), 0);
	return t;
}
