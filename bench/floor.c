/* SPDX-License-Identifier: MIT */
#include "floor.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>

#define FLOOR_GICD 0x8000000u
#define FLOOR_GICD_SIZE 0x10000u
#define FLOOR_REDIST 0x8000000000ull
#define FLOOR_REDIST_SIZE 0x20000ull
#define FLOOR_AFF0_GROUP 16u
#define FLOOR_AFF_VALUES 256u
#define FLOOR_FIXED_BYTES 4096u
#define FLOOR_CPU_BYTES 160u

static uint32_t mpidr(uint64_t cpu)
{
	uint64_t group = cpu / FLOOR_AFF0_GROUP;

	return (uint32_t)((group / FLOOR_AFF_VALUES % FLOOR_AFF_VALUES) << 16 |
			  (group % FLOOR_AFF_VALUES) << 8 | cpu % FLOOR_AFF0_GROUP);
}

void *gp_floor_tree(uint64_t cpus, size_t *len)
{
	size_t cap = FLOOR_FIXED_BYTES + cpus * FLOOR_CPU_BYTES;
	fdt64_t reg[4] = { cpu_to_fdt64(FLOOR_GICD), cpu_to_fdt64(FLOOR_GICD_SIZE),
			   cpu_to_fdt64(FLOOR_REDIST), cpu_to_fdt64(cpus * FLOOR_REDIST_SIZE) };
	void *fdt = malloc(cap);
	char name[32];
	int rc = 0;

	if (fdt == NULL)
		return NULL;
/* Each libfdt call runs only while the ones before it succeeded. */
#define TRY(call) (rc = rc ? rc : (call))
	TRY(fdt_create(fdt, (int)cap));
	TRY(fdt_finish_reservemap(fdt));
	TRY(fdt_begin_node(fdt, ""));
	TRY(fdt_property_u32(fdt, "#address-cells", 2));
	TRY(fdt_property_u32(fdt, "#size-cells", 2));
	TRY(fdt_begin_node(fdt, "cpus"));
	TRY(fdt_property_u32(fdt, "#address-cells", 1));
	TRY(fdt_property_u32(fdt, "#size-cells", 0));
	for (uint64_t i = 0; i < cpus && rc == 0; i++) {
		snprintf(name, sizeof(name), "cpu@%x", mpidr(i));
		TRY(fdt_begin_node(fdt, name));
		TRY(fdt_property_string(fdt, "device_type", "cpu"));
		TRY(fdt_property_string(fdt, "compatible", "arm,armv8"));
		TRY(fdt_property_u32(fdt, "reg", mpidr(i)));
		TRY(fdt_property_string(fdt, "enable-method", "psci"));
		TRY(fdt_end_node(fdt));
	}
	TRY(fdt_end_node(fdt));
	TRY(fdt_begin_node(fdt, "interrupt-controller@8000000"));
	TRY(fdt_property_string(fdt, "compatible", "arm,gic-v3"));
	TRY(fdt_property_u32(fdt, "#interrupt-cells", 3));
	TRY(fdt_property(fdt, "interrupt-controller", NULL, 0));
	TRY(fdt_property(fdt, "reg", reg, sizeof(reg)));
	TRY(fdt_property_u32(fdt, "#redistributor-regions", 1));
	TRY(fdt_end_node(fdt));
	TRY(fdt_end_node(fdt));
	TRY(fdt_finish(fdt));
#undef TRY
	if (rc != 0) {
		free(fdt);
		return NULL;
	}
	*len = fdt_totalsize(fdt);
	return fdt;
}
