#include "xfdt.h"

#include <check.h>
#include <inttypes.h>
#include <libfdt.h>
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
