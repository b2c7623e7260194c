/* SPDX-License-Identifier: MIT */
/*
 * The board's device table and its vCPUs' numbering.
 */
#include "board.h"

#include <string.h>

#include "gic_regs.h"
#include "units.h"

/* An 8250/16550 has eight one-byte registers: VMMs place it on any 8-byte boundary. */
#define GP_NS16550_REG_ALIGN 8

/*
 * Compatible lists are NUL-separated and end with an empty string (the
 * literal's own NUL after the last one).
 */
const struct gp_dev_type_info gp_dev_types[GP_DEV_TYPES] = {
	[GP_DEV_CFI_FLASH] = { .name = "cfi-flash", .node = "flash", .compatible = "cfi-flash\0" },
	[GP_DEV_PL011] = { .name = "pl011", .node = "serial",
			   .compatible = "arm,pl011\0arm,primecell\0", .takes_spi = true,
			   .is_console = true, .primecell = true, .spis_per_instance = 1 },
	[GP_DEV_NS16550A] = { .name = "ns16550a", .node = "serial", .compatible = "ns16550a\0",
			      .takes_spi = true, .is_console = true,
			      .align = GP_NS16550_REG_ALIGN, .spis_per_instance = 1 },
	/* Firecracker's PL031 has no interrupt line: its node has no interrupts. */
	[GP_DEV_PL031] = { .name = "pl031", .node = "rtc",
			   .compatible = "arm,pl031\0arm,primecell\0", .takes_spi = true,
			   .spi_optional = true, .primecell = true, .spis_per_instance = 1 },
	[GP_DEV_PL061] = { .name = "pl061", .node = "gpio",
			   .compatible = "arm,pl061\0arm,primecell\0", .takes_spi = true,
			   .primecell = true, .spis_per_instance = 1 },
	[GP_DEV_FW_CFG] = { .name = "fw-cfg", .node = "fw-cfg", .compatible = "qemu,fw-cfg-mmio\0",
			    .dma_coherent = true },
	[GP_DEV_VIRTIO_MMIO] = { .name = "virtio-mmio", .node = "virtio_mmio",
				 .compatible = "virtio,mmio\0", .takes_spi = true,
				 .dma_coherent = true, .spis_per_instance = 1 },
	/* INTA..INTD of the host bridge: four SPIs from "spi" on; none for an MSI-only bridge. */
	[GP_DEV_PCIE] = { .name = "pcie", .node = "pcie", .compatible = "pci-host-ecam-generic\0",
			  .takes_spi = true, .spi_optional = true, .dma_coherent = true,
			  .spis_per_instance = 4, .windows = { "mmio", "pio", "mmio_high", NULL } },
	[GP_DEV_PLATFORM_BUS] = { .name = "platform-bus", .node = "platform-bus",
				  .compatible = "qemu,platform\0simple-bus\0" },
	[GP_DEV_GENERIC] = { .name = "generic", .node = "device", .takes_spi = true,
			     .spi_optional = true, .spis_per_instance = 1 },
	[GP_DEV_RESERVED] = { .name = "reserved" },
};

int gp_dev_type_by_name(const char *name)
{
	for (int t = 0; t < GP_DEV_TYPES; t++)
		if (strcmp(gp_dev_types[t].name, name) == 0)
			return t;
	return -1;
}

const char *gp_device_node(const struct gp_device *d)
{
	return d->node[0] ? d->node : gp_dev_types[d->type].node;
}

uint32_t gp_device_spi_count(const struct gp_device *d)
{
	const struct gp_dev_type_info *t = &gp_dev_types[d->type];

	if (!d->has_spi)
		return 0;
	/* A bridge's INTx lines are shared by all its slots; instances repeat registers. */
	return d->type == GP_DEV_PCIE ? t->spis_per_instance : d->count * t->spis_per_instance;
}

uint64_t gp_device_span(const struct gp_device *d)
{
	uint64_t span;

	return gp_mul(d->win[0].size, d->count, &span) ? span : 0;
}

uint64_t gp_cpu_mpidr(const struct gp_board *board, uint64_t cpu)
{
	uint32_t per = board->aff0_per_group;
	/* A power of two (16, QEMU's and most VMMs'): shifts, not a 64-bit division. */
	uint64_t group = (per & (per - 1)) == 0 ? cpu >> __builtin_ctz(per) : cpu / per;
	uint64_t aff0 = cpu - group * per;
	uint64_t aff1 = group % GP_AFF_LEVEL_VALUES;
	uint64_t aff2 = (group / GP_AFF_LEVEL_VALUES) % GP_AFF_LEVEL_VALUES;
	uint64_t aff3 = group / (GP_AFF_LEVEL_VALUES * GP_AFF_LEVEL_VALUES);

	return aff3 << 32 | aff2 << 16 | aff1 << 8 | aff0;
}

uint64_t gp_mpidr_capacity(const struct gp_board *board)
{
	return (uint64_t)board->aff0_per_group * GP_AFF_LEVEL_VALUES * GP_AFF_LEVEL_VALUES *
	       GP_AFF_LEVEL_VALUES;
}
