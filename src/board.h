/* SPDX-License-Identifier: MIT */
/*
 * The board: what a platform's guest sees besides the GIC, the same in every
 * placement. Its device table (each device's type, windows, instances and
 * interrupts; gp_dev_types says what each type is and how its node reads),
 * how its vCPUs are numbered (MPIDR) and described, PSCI, the timer, the PMU,
 * how the VMM writes the GIC's node, and RAM.
 */
#ifndef GP_BOARD_H
#define GP_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gic_regs.h"

/* SPIs (IHI 0069 2.2; the INTID space is gic_regs.h's): INTIDs 32 to 1019. */
#define GP_SPIS_MAX ((uint32_t)(GIC_INTID_SPECIAL_FIRST - GIC_INTID_SPI_FIRST)) /* 988 */
#define GP_SPI_GRANULE 32u     /* GICD_TYPER.ITLinesNumber counts blocks of 32 INTIDs */
/* The most SPIs in whole blocks of 32 below GP_SPIS_MAX; also KVM's most (NR_IRQS 992, kvm.h). */
#define GP_SPIS_PLAN_MAX 960u

/* The PCI requester IDs (bus.device.function) a host bridge's msi-map and IORT mapping cover. */
#define GP_PCI_RID_SPACE (1u << 16)

/* MPIDR affinity: four 8-bit levels. */
#define GP_AFF_LEVEL_VALUES 256u

/* Limits of this model (documented in docs/layout-format.md). */
#define GP_NAME_MAX 48
#define GP_TEXT_MAX 256
#define GP_STRLIST_MAX 160
#define GP_DEVICES_MAX 64
#define GP_DEV_WINDOWS_MAX 4
#define GP_FLASH_BANKS_MAX 64   /* a cfi-flash's banks: reg entries of its node */
#define GP_TIMER_PPIS_MAX 4

enum gp_trigger {
	GP_TRIGGER_LEVEL, /* level-sensitive, active high: DT flags 4 */
	GP_TRIGGER_EDGE,  /* edge-triggered, rising: DT flags 1 */
};

enum gp_dev_type {
	GP_DEV_CFI_FLASH,
	GP_DEV_PL011,
	GP_DEV_NS16550A,
	GP_DEV_PL031,
	GP_DEV_PL061,
	GP_DEV_FW_CFG,
	GP_DEV_VIRTIO_MMIO,
	GP_DEV_PCIE,
	GP_DEV_PLATFORM_BUS, /* QEMU's dynamic sysbus window: a simple-bus with ranges, no reg */
	GP_DEV_GENERIC,      /* any MMIO device: the layout gives its compatible */
	GP_DEV_RESERVED,     /* a window the VMM keeps for itself: no node in the tree */
	GP_DEV_TYPES
};

/* What emit_fdt and the layout reader need to know of a device type. */
struct gp_dev_type_info {
	const char *name;        /* in layout files: "pl011" */
	const char *node;        /* device-tree node name before '@'; NULL: no node */
	/*
	 * The compatible list the node gets unless the layout gives one: strings
	 * separated by NULs, ended by an empty string. NULL: the layout must give it.
	 */
	const char *compatible;
	bool takes_spi;          /* has an "spi" key (the first of count, or of INTA-INTD) */
	bool spi_optional;       /* ... which may be left out (no interrupt in the tree) */
	bool is_console;         /* may be /chosen's stdout-path */
	bool primecell;          /* needs the APB clock */
	bool dma_coherent;       /* the node says dma-coherent unless the layout says not */
	uint64_t align;          /* alignment of its base; 0: a page (4 KiB) */
	uint32_t spis_per_instance; /* SPIs one instance uses */
	const char *windows[GP_DEV_WINDOWS_MAX]; /* names of windows after the first, NULL-ended */
};

extern const struct gp_dev_type_info gp_dev_types[GP_DEV_TYPES];

/* Look a type up by its layout-file name; -1 when unknown. */
int gp_dev_type_by_name(const char *name);

struct gp_window {
	uint64_t base;
	uint64_t size; /* 0: absent */
};

/*
 * A device. win[0] is its registers (for PCIe, the ECAM); further windows are
 * named by its type (PCIe: mmio, pio, mmio_high). Repeated devices (virtio-mmio
 * transports, flash banks) have count instances, each win[0].size bytes after
 * the one before.
 */
struct gp_device {
	char name[GP_NAME_MAX];
	char node[GP_NAME_MAX];  /* device-tree node name before '@'; "" = the type's */
	enum gp_dev_type type;
	struct gp_window win[GP_DEV_WINDOWS_MAX];
	bool optional[GP_DEV_WINDOWS_MAX]; /* dropped, not an error, when outside the IPA */
	uint32_t count;
	bool has_spi;
	uint32_t spi;         /* device-tree SPI number (INTID - 32) of instance 0 */
	enum gp_trigger trigger;
	int unit;             /* the win[] whose base is the unit address, or GP_UNIT_NONE */
	char compatible[GP_STRLIST_MAX]; /* the node's compatible list; empty = the type's */
	size_t compatible_len;
	bool dma_coherent;    /* the node says dma-coherent */
	uint32_t buses;       /* pcie: buses in bus-range; 0 = one per MiB of ECAM */
};

/* gp_device.unit of a node named without "@unit". */
#define GP_UNIT_NONE (-1)

/* How a cpu node's reg (and with it the guest's idea of the vCPU's MPIDR) is written. */
enum gp_cpu_reg {
	GP_CPU_REG_MPIDR,  /* the MPIDR affinity the VMM gives the vCPU, as the binding asks */
	GP_CPU_REG_INDEX,  /* the vCPU index (crosvm): the MPIDR only below one Aff0 group */
};

/* What follows "cpu@" in a cpu node's name. */
enum gp_cpu_unit {
	GP_CPU_UNIT_REG,           /* its reg in hex, as the binding asks */
	GP_CPU_UNIT_INDEX,         /* the vCPU index in hex */
	GP_CPU_UNIT_INDEX_DECIMAL, /* the vCPU index in decimal (QEMU: cpu@16 has reg 0x100) */
};

/* A key of the /gpio-keys node: a GPIO line that raises an input event. */
struct gp_gpio_key {
	char node[GP_NAME_MAX];   /* its node name ("poweroff") */
	uint32_t device;          /* index of the pl061 in devices[] */
	uint32_t line;            /* the GPIO line */
	uint32_t code;            /* the Linux input event code (116 = KEY_POWER) */
	char label[GP_TEXT_MAX];
};

#define GP_GPIO_KEYS_MAX 8

/* The guest-visible parts every placement of a platform shares. */
struct gp_board {
	char model[GP_TEXT_MAX];         /* "": no model property */
	char compatible[GP_STRLIST_MAX]; /* DT string list */
	size_t compatible_len;

	char cpu_compatible[GP_STRLIST_MAX];
	size_t cpu_compatible_len;
	uint32_t aff0_per_group; /* vCPUs per Aff0 group: 16 = what SGI target lists reach */
	bool cpu_map;            /* write /cpus/cpu-map (socket0/cluster0/coreN) */
	enum gp_cpu_reg cpu_reg;
	enum gp_cpu_unit cpu_unit;
	uint32_t cpu_address_cells; /* the least #address-cells of /cpus (2 anyway with Aff3) */
	bool cpu_enable_single;  /* enable-method also when there is only one vCPU */

	char psci_method[16];    /* "hvc" or "smc" */
	char psci_virt_method[16]; /* the method when the guest has EL2 (--virtualization) */
	char psci_compatible[GP_STRLIST_MAX];
	size_t psci_compatible_len;

	char timer_compatible[GP_STRLIST_MAX];
	size_t timer_compatible_len;
	uint32_t timer_ppis[GP_TIMER_PPIS_MAX]; /* secure, non-secure, virtual, hyp (PPI numbers) */
	uint32_t nr_timer_ppis;
	bool timer_always_on;
	bool timer_level_low;    /* the timer PPIs' flags say level-low (8), not level-high (4) */
	bool timer_cpu_mask;     /* ... with a GICv2-style CPU mask in bits [15:8] */

	bool has_pmu;
	uint32_t pmu_ppi;
	bool pmu_cpu_mask;       /* the PMU PPI's flags carry a GICv2-style CPU mask */
	uint32_t maintenance_ppi; /* GIC maintenance interrupt: with EL2 (or gic_maintenance_always) */

	/* The GIC's node as this VMM writes it. */
	char gic_node[GP_NAME_MAX];  /* name before '@' */
	char its_node[GP_NAME_MAX];
	bool gic_unit_address;       /* "@base" after both names */
	bool gic_regions_always;     /* #redistributor-regions even with one region */
	bool gic_maintenance_always; /* the maintenance interrupt even without EL2 */
	bool gic_its_in_tree;        /* an ITS the VMM places gets a node */

	struct gp_window ram;     /* base and the size of this machine's RAM */
	uint64_t ram_max;         /* the most RAM the platform's window holds */

	uint32_t nr_devices;
	struct gp_device devices[GP_DEVICES_MAX];
	int console;              /* index of the stdout-path device, -1 for none */

	uint32_t nr_gpio_keys;
	struct gp_gpio_key gpio_keys[GP_GPIO_KEYS_MAX];
};

/* The MPIDR affinity (Aff3 [39:32], Aff2 [23:16], Aff1 [15:8], Aff0 [7:0]) of vCPU @cpu. */
uint64_t gp_cpu_mpidr(const struct gp_board *board, uint64_t cpu);

/* How many vCPUs the board's affinity scheme can number (all four levels). */
uint64_t gp_mpidr_capacity(const struct gp_board *board);

/* How many SPIs device @d uses, from d->spi on: one per instance, four for PCIe INTx. */
uint32_t gp_device_spi_count(const struct gp_device *d);

/* Bytes all instances of @d's first window span (count x size), or 0 on overflow. */
uint64_t gp_device_span(const struct gp_device *d);

/* The node name of @d: its own, or its type's. */
const char *gp_device_node(const struct gp_device *d);

#endif
