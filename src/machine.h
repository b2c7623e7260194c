/* SPDX-License-Identifier: MIT */
/*
 * A machine as a guest sees it in its device tree: the GIC node, the cpus,
 * memory and every device with its registers and interrupts. dt_reader makes
 * one from any tree; verify and audit work on it, never on a planner's memory.
 */
#ifndef GP_MACHINE_H
#define GP_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "board.h"

/* The binding allows 4096 reg entries and redistributor regions. */
#define GP_DT_REDIST_REGIONS_MAX 4096
#define GP_IRQ_CELLS_MAX 4

/* Interrupt specifier types of the arm,gic-v3 binding (first cell). */
enum gp_irq_type {
	GP_IRQ_SPI = 0,
	GP_IRQ_PPI = 1,
	GP_IRQ_ESPI = 2,
	GP_IRQ_EPPI = 3,
};

/* One interrupt routed to the GIC: a specifier, and whether an interrupt-map gave it. */
struct gp_mach_irq {
	uint32_t type;    /* enum gp_irq_type */
	uint32_t number;  /* SPI number (INTID - 32) or PPI number (INTID - 16) */
	uint32_t flags;
	uint32_t partition; /* 4th cell with ppi-partitions: the partition's phandle, else 0 */
	bool from_map;    /* a PCI host's interrupt-map (INTx): lines shared by slots */
};

/*
 * Any enabled node (status "okay", "ok" or none, and so its ancestors) that
 * is not the GIC, a cpu, memory or /chosen, with MMIO or interrupts. Its
 * interrupts are those Linux resolves to the GIC (through interrupt parents
 * and interrupt-map nexuses); those bound for other controllers are not here.
 */
struct gp_mach_device {
	size_t path;         /* offset of its node path in the string pool */
	size_t compatible;   /* offset of its compatible string list ("" when none) */
	size_t compatible_len;
	size_t first_reg, nr_reg;   /* into regs[]: translated to CPU addresses */
	size_t first_irq, nr_irq;   /* into irqs[] */
	size_t first_window, nr_window; /* into regs[]: a PCI host's ranges (CPU side) */
};

struct gp_mach_its {
	size_t path;
	struct gp_window reg;
	uint64_t unit_reg;      /* reg's first address in its parent's space (dtc's unit address) */
	bool msi_controller;    /* has the msi-controller property */
	int64_t msi_cells;      /* #msi-cells, -1 when absent */
	uint32_t phandle;       /* 0 when none */
};

/*
 * DeviceIDs a device sends MSIs with, as the msi-map binding (one entry per
 * <rid-base, msi-controller phandle, msi-base, length>) or msi-parent
 * (<phandle DeviceID>, or <phandle> alone: DeviceID 0) gives them.
 */
struct gp_mach_msi {
	size_t path;            /* the device's node path in the pool */
	uint32_t rid_base;      /* msi-map: the first requester ID; msi-parent: 0 */
	uint32_t parent;        /* the MSI controller's phandle */
	bool parent_exists;     /* a node has that phandle (an ITS or another MSI controller) */
	uint32_t msi_base;      /* the first DeviceID */
	uint32_t length;        /* how many IDs (msi-parent: 1) */
	bool map;               /* from msi-map, else from msi-parent */
};

struct gp_machine {
	/* Read from ACPI tables (src/acpi_read.c): no device tree, no node names. */
	bool from_acpi;
	/* The arm,gic-v3 node. */
	size_t gic_path;
	uint32_t gic_phandle;
	int64_t gic_interrupt_cells;     /* -1 when absent */
	bool gic_interrupt_controller;   /* has the interrupt-controller property */
	bool gic_has_ranges;
	int64_t gic_address_cells;       /* -1 when absent */
	uint32_t gic_nr_reg;             /* reg entries */
	uint64_t gic_unit_reg;           /* reg's first address in the parent's space, untranslated */
	struct gp_window gicd;
	int64_t redist_regions_prop;     /* #redistributor-regions, -1 when absent */
	uint32_t nr_redist;              /* regions the guest walks: min(prop or 1, reg - 1) */
	struct gp_window *redist;
	bool has_stride;
	uint64_t stride;                 /* redistributor-stride, when present */
	uint32_t nr_maintenance;         /* entries in the GIC's own interrupts */
	struct gp_mach_irq maintenance;
	uint32_t nr_its;
	struct gp_mach_its *its;
	size_t nr_msi;
	struct gp_mach_msi *msi;         /* every msi-map entry and msi-parent, in node order */

	/* /cpus: MPIDR affinity from each cpu node's reg, in node order. */
	uint32_t cpu_address_cells;
	uint64_t nr_cpus;
	uint64_t *mpidr;
	size_t cpu_compatible;           /* the first cpu node's compatible list, or 0 */
	size_t cpu_compatible_len;

	/* /psci: the conduit a guest calls firmware through. */
	size_t psci_method;              /* offset of "hvc"/"smc", or 0 when absent */

	/* memory nodes' reg entries. */
	size_t nr_memory;
	struct gp_window *memory;

	size_t nr_devices;
	struct gp_mach_device *devices;
	struct gp_window *regs;
	size_t nr_regs;
	struct gp_mach_irq *irqs;
	size_t nr_irqs;
	/* Device interrupts Linux cannot resolve (no parent, no interrupt-map entry). */
	size_t nr_unresolved_irqs;
	size_t unresolved_irq;   /* the first one's "path: reason" in the pool, 0 when none */

	char *pool;          /* NUL-terminated strings: paths and compatible lists */
	size_t pool_len;
	size_t pool_cap;
};

/* String @off of the machine's pool. */
static inline const char *gp_mach_str(const struct gp_machine *m, size_t off)
{
	return m->pool + off;
}

/* Free what gp_dt_read allocated (safe on a zeroed machine). */
void gp_machine_free(struct gp_machine *m);

#endif
